#!/usr/bin/env bash
# Extraction benchmark: documents per second through Baton's Extractor (Tika's parsers in a forked JVM over Tika
# pipes) against Tika's AutoDetectParser in-process on one thread, same generated corpus, alternating rounds; prints
# the ratio Baton / in-process (goal: at least 0.85).
# Usage: bash indexer/src/test/bench/extraction.sh [rounds] [warm-up rounds]
# Needs the parent POM installed (./mvnw -q install -N). Extra JVM options for the benchmark JVM (the in-process
# side) in BENCH_JAVA_OPTS; the forked parser's options are Extractor's own.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# the forked parser runs from this JVM's java.class.path, so run a plain java command (not exec:java)
./mvnw -B -q -pl indexer test-compile -Dcheckstyle.skip -Dspotless.check.skip
./mvnw -B -q -pl indexer dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
"$java" -Dslf4j.internal.verbosity=ERROR \
  -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory ${BENCH_JAVA_OPTS:-} -cp "indexer/target/classes:indexer/target/test-classes:$(cat "$work/cp")" \
  dev.baton.indexer.bench.ExtractionBenchmark "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
