#!/usr/bin/env bash
# Upload benchmark: the same bytes through Baton's POST /api/v1/assets and as a direct MinIO-SDK putObject to the S3
# server Baton stores in (its embedded one), 16 MiB and 256 MiB, alternating rounds; prints MiB/s and the ratio
# Baton / direct per size (goal: at least 0.8), and the peak heap of Baton's JVM during the uploads. Then restarts
# Baton with a small heap (-Xmx${BENCH_SMALL_HEAP:-128m}) and uploads 256 MiB once more, to show the upload is not held
# in memory.
# Usage: bash webapp/src/test/bench/upload.sh [rounds at 16 MiB] [rounds at 256 MiB]   (builds baton.jar first)
# BENCH_DIRECT_CHECKSUM=CRC32: the direct puts send the checksum Baton sends instead of the SDK's default (CRC32C).
# BENCH_S3=external: the same S3 server (S3Proxy, filesystem store) runs in a process of its own, Baton is configured
# for it with BATON_S3_*, and the direct puts go to it as well; by default it is the one embedded in Baton's JVM, whose
# CPU then competes with Baton's own work during Baton's uploads only.
# Baton runs with a flight recording (JFR's default settings, under 1 % overhead) from which the client reports when
# each upload's phases ran; BENCH_JFR=0 leaves it out. Extra JVM options for Baton in BENCH_BATON_OPTS.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
port=${BENCH_PORT:-18766}
small_heap=${BENCH_SMALL_HEAP:-128m}
password="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
work=$(mktemp -d)
pid=""
s3pid=""

stop_s3() {
  if [ -n "$s3pid" ] && kill -0 "$s3pid" 2>/dev/null; then
    kill "$s3pid"
    for _ in $(seq 1 100); do kill -0 "$s3pid" 2>/dev/null || break; sleep 0.1; done
  fi
  s3pid=""
}

stop_baton() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  pid=""
}
trap 'stop_baton; stop_s3; rm -rf "$work"' EXIT

external_s3() { # starts the S3 server in its own process; sets endpoint, access, secret
  access="bench-access"
  secret="bench-secret-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  "$java" -cp "webapp/target/test-classes:$(cat webapp/target/test-classpath.txt)" dev.baton.bench.S3ServerMain \
    "$work/s3" "$access" "$secret" >"$work/s3.log" 2>&1 &
  s3pid=$!
  for _ in $(seq 1 600); do
    endpoint=$(sed -n "s/^endpoint=//p" "$work/s3.log" 2>/dev/null || true)
    if [ -n "$endpoint" ]; then return 0; fi
    kill -0 "$s3pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "The S3 server did not come up; its log:" >&2; tail -50 "$work/s3.log" >&2; return 1
}

start_baton() { # $1: extra JVM options
  local s3env=()
  if [ "${BENCH_S3:-}" = external ]; then
    s3env=(BATON_S3_ENDPOINT="$endpoint" BATON_S3_ACCESS_KEY="$access" BATON_S3_SECRET_KEY="$secret" BATON_S3_BUCKET=baton)
  fi
  # shellcheck disable=SC2086
  env "${s3env[@]}" BATON_DATA_DIR="$work/data" SERVER_PORT=$port BATON_ADMIN_PASSWORD="$password" \
    BATON_DEMO_ENABLED=false \
    "$java" --enable-native-access=ALL-UNNAMED $1 -jar webapp/target/baton.jar >>"$work/baton.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 2400); do
    if curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then return 0; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "Baton did not come up; its log:" >&2; tail -50 "$work/baton.log" >&2; return 1
}

# the jar, the benchmark client and its class path (each module writes target/test-classpath.txt)
./mvnw -B -q -DskipTests -Dcheckstyle.skip -Dspotless.check.skip package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
client() {
  "$java" -cp "webapp/target/test-classes:$(cat webapp/target/test-classpath.txt)" dev.baton.bench.UploadBenchmark "$@"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(free -g | awk '/Mem:/ {print $2}') GiB," \
  "$("$java" -version 2>&1 | head -1)"
s3() { # the embedded S3 server Baton started last (a new port each start), and its keys
  if [ "${BENCH_S3:-}" = external ]; then return 0; fi
  endpoint=$(grep -o 'Started the embedded S3 server at http://[0-9.:]*' "$work/baton.log" | tail -1 | awk '{print $NF}')
  access=$(sed -n 's/^access-key=//p' "$work/data/s3-credentials.properties")
  secret=$(sed -n 's/^secret-key=//p' "$work/data/s3-credentials.properties")
}

SECONDS=0
if [ "${BENCH_S3:-}" = external ]; then
  external_s3
  echo "S3 server in its own process at $endpoint (BENCH_S3=external): Baton stores there, the direct puts go there"
fi
jfr=""; if [ "${BENCH_JFR:-1}" != 0 ]; then jfr="-XX:StartFlightRecording:name=bench,settings=default"; fi
start_baton "$jfr ${BENCH_BATON_OPTS:-}"
s3
echo "Baton (default heap and GC, flight recording on) up after ${SECONDS} s at http://127.0.0.1:$port, S3 server at $endpoint"
client "http://127.0.0.1:$port" "$password" "$endpoint" "$access" "$secret" baton "$pid" "$work" "$@"
stop_baton

start_baton "${BENCH_BATON_OPTS:-} -Xmx$small_heap"
s3
echo "Baton restarted with -Xmx$small_heap"
client --heap-only "http://127.0.0.1:$port" "$password" "$endpoint" "$access" "$secret" baton "$pid" "$work"
stop_baton
echo "upload benchmark: ${SECONDS} s after the build; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if grep -q OutOfMemoryError "$work/baton.log"; then echo "Baton's log shows an OutOfMemoryError" >&2; exit 1; fi
