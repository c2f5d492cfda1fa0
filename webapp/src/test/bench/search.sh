#!/usr/bin/env bash
# Search benchmark: Baton's HTTP search endpoint (b) against the same searches in-process on the same engine (a) and
# against Apache Solr 9.10.1 in its own JVM serving the same documents over HTTP (c); p50, p99 and saturated
# searches/s of each, the ratios b/a and b/c; suggestion latency per keystroke; indexing of already-extracted text
# (Baton's rebuild) against a bare single-threaded IndexWriter. See docs/benchmarks.md ("Search").
# Usage: bash webapp/src/test/bench/search.sh   (builds baton.jar and the Solr peer first)
# Knobs (environment): BENCH_DOCS (default 100000), BENCH_CLIENTS (4), BENCH_SECONDS (40 per side, in BENCH_WINDOWS (4) rotating windows), BENCH_WARMUP_SECONDS (15),
# BENCH_ROUNDS (10 passes of the mix for latency), BENCH_BUILD_THREADS (4, as Baton's build), BENCH_PORT,
# BENCH_SOLR_PORT, BENCH_HEAP (the client's -Xmx, default 8g), BENCH_BATON_OPTS, BENCH_SOLR_OPTS (extra JVM options).
set -euo pipefail
cd "$(dirname "$0")/../../../.."
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
port=${BENCH_PORT:-18767}
password="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
work=$(mktemp -d)
pid=""

stop_baton() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  pid=""
}
trap 'stop_baton; rm -rf "$work"' EXIT

# the jar, the benchmark client and its class path; the Solr peer (a project of its own: Solr 9 carries Lucene 9)
./mvnw -B -q -DskipTests -Dcheckstyle.skip -Dspotless.check.skip package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
solr=webapp/src/test/bench/solr
./mvnw -B -q -f "$solr/pom.xml" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(free -g | awk '/Mem:/ {print $2}') GiB," \
  "$("$java" -version 2>&1 | head -1)"

SECONDS=0
# shellcheck disable=SC2086
BATON_DATA_DIR="$work/data" SERVER_PORT=$port BATON_ADMIN_PASSWORD="$password" BATON_DEMO_ENABLED=false \
  "$java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector ${BENCH_BATON_OPTS:-} \
  -jar webapp/target/baton.jar >>"$work/baton.log" 2>&1 &
pid=$!
for _ in $(seq 1 2400); do
  if curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then break; fi
  kill -0 "$pid" 2>/dev/null || { echo "Baton died; its log:" >&2; tail -50 "$work/baton.log" >&2; exit 1; }
  sleep 0.05
done
endpoint=$(grep -o 'Started the embedded S3 server at http://[0-9.:]*' "$work/baton.log" | tail -1 | awk '{print $NF}')
access=$(sed -n 's/^access-key=//p' "$work/data/s3-credentials.properties")
secret=$(sed -n 's/^secret-key=//p' "$work/data/s3-credentials.properties")
echo "Baton (default heap and GC) up after ${SECONDS} s at http://127.0.0.1:$port, embedded S3 server at $endpoint"

"$java" -Xmx"${BENCH_HEAP:-8g}" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
  -cp "webapp/target/test-classes:$(cat webapp/target/test-classpath.txt)" dev.baton.bench.SearchBenchmark \
  "http://127.0.0.1:$port" "$password" "$endpoint" "$access" "$secret" baton "$pid" "$work/data" "$work" \
  "$solr/target/baton-bench-solr-1.jar:$(cat $solr/target/classpath.txt)" "$solr/src/main/resources/solrhome" \
  2>&1 | grep --line-buffered -v -e '^WARNING: ' -e 'jdk.incubator.vector'
stop_baton
echo "search benchmark: ${SECONDS} s after the build; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if grep -q OutOfMemoryError "$work/baton.log"; then echo "Baton's log shows an OutOfMemoryError" >&2; exit 1; fi
