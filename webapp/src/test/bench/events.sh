#!/usr/bin/env bash
# Events from other tools (issue 13, point 12, first two benchmarks): (a) POST /api/v1/events against a bare WebFlux
# peer in the same JVM that reads the same body and answers 202 without storing (same security, same clients), in
# requests per second; (b) the event sink's rows per second against COPY of the same rows into the same table (the
# PostgreSQL JDBC driver's CopyManager, as psql's \copy). See docs/benchmarks.md ("Events from other tools").
# Usage: bash webapp/src/test/bench/events.sh   (builds baton.jar first)
# Knobs (environment): BENCH_CLIENTS (8), BENCH_BATCH (10 events per request in (a)), BENCH_SECONDS (10 per window),
# BENCH_WINDOWS (6 per side), BENCH_WARMUP_SECONDS (10), BENCH_ROWS (50000 per round in (b)), BENCH_ROUNDS (5),
# BENCH_PORT, BENCH_BATON_OPTS (extra JVM options), BENCH_SKIP_BUILD=1 (use the jar and classes already built).
set -euo pipefail
cd "$(dirname "$0")/../../../.."
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
port=${BENCH_PORT:-18768}
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

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -DskipTests -Dcheckstyle.skip -Dspotless.check.skip package dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(free -g | awk '/Mem:/ {print $2}') GiB," \
  "$("$java" -version 2>&1 | head -1)"

SECONDS=0
# shellcheck disable=SC2086
BATON_DATA_DIR="$work/data" SERVER_PORT=$port BATON_ADMIN_PASSWORD="$password" BATON_DEMO_ENABLED=false \
  "$java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector ${BENCH_BATON_OPTS:-} \
  -jar webapp/target/baton.jar --baton.bench.events-peer=true >>"$work/baton.log" 2>&1 &
pid=$!
for _ in $(seq 1 2400); do
  if curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then break; fi
  kill -0 "$pid" 2>/dev/null || { echo "Baton died; its log:" >&2; tail -50 "$work/baton.log" >&2; exit 1; }
  sleep 0.05
done
echo "Baton (default heap and GC) up after ${SECONDS} s at http://127.0.0.1:$port"

"$java" --enable-native-access=ALL-UNNAMED \
  -cp "webapp/target/test-classes:$(cat webapp/target/test-classpath.txt)" dev.baton.bench.EventsBenchmark \
  "http://127.0.0.1:$port" "$password" "$work/data" 2>&1 | grep --line-buffered -v -e '^WARNING: '
stop_baton
echo "events benchmark: ${SECONDS} s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
