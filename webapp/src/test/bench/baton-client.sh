# Shared by the benchmarks that start baton.jar and drive it with one client class over HTTP (events.sh,
# beacons.sh); sourced, not run. Builds the jar and the test classpath (unless BENCH_SKIP_BUILD=1), starts Baton with
# its embedded defaults under a temporary data directory (demo library off), runs the client class with Baton's URL,
# the admin password and the data directory, and stops Baton on exit. Knobs: BENCH_BATON_OPTS (extra JVM options),
# BENCH_SKIP_BUILD=1, BENCH_LOG (a file to keep Baton's log in).
# Usage: run_bench NAME DEFAULT_PORT CLIENT_CLASS [baton arguments...]
run_bench() {
  local name=$1 client=$3
  local port=${BENCH_PORT:-$2}
  shift 3
  cd "$(dirname "${BASH_SOURCE[0]}")/../../../.."
  java=${JAVA_HOME:+$JAVA_HOME/bin/}java
  password="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  work=$(mktemp -d)
  pid=""
  trap 'stop_baton; if [ -n "${BENCH_LOG:-}" ]; then cp "$work/baton.log" "$BENCH_LOG"; fi; rm -rf "$work"' EXIT

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
    -jar webapp/target/baton.jar "$@" >>"$work/baton.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 2400); do
    if curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then break; fi
    kill -0 "$pid" 2>/dev/null || { echo "Baton died; its log:" >&2; tail -50 "$work/baton.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "Baton (default heap and GC) up after ${SECONDS} s at http://127.0.0.1:$port"

  "$java" --enable-native-access=ALL-UNNAMED \
    -cp "webapp/target/test-classes:$(cat webapp/target/test-classpath.txt)" "$client" \
    "http://127.0.0.1:$port" "$password" "$work/data" 2>&1 | grep --line-buffered -v -e '^WARNING: '
  stop_baton
  echo "$name benchmark: ${SECONDS} s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

stop_baton() {
  if [ -n "${pid:-}" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  pid=""
}
