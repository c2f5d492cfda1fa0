#!/usr/bin/env bash
# Startup benchmark: time from `java -jar baton.jar` to /actuator/health UP, on an empty data directory (first start:
# PostgreSQL binaries unpacked, initdb, migrations, admin created) and on the same directory again (second start).
# Side by side, the bare engine cost of the same PostgreSQL binaries: initdb + pg_ctl start, measured in the same run.
# Usage: ./mvnw -q -DskipTests package && bash webapp/src/test/bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../../../.."
runs=${1:-3}
jar=webapp/target/baton.jar
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
port=18765
work=$(mktemp -d)
trap 'pkill -f "$work" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

ms() { date +%s%3N; }
wait_up() {
  for _ in $(seq 1 1200); do
    if curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then return 0; fi
    sleep 0.05
  done
  echo "Baton did not come up" >&2; return 1
}
start_baton() { BATON_DATA_DIR="$1" SERVER_PORT=$port "$java" --enable-native-access=ALL-UNNAMED -jar "$jar" >"$1.log" 2>&1 & echo $!; }
stop_baton() { kill "$1"; wait "$1" 2>/dev/null || true; }

first=(); second=(); bare=()
for i in $(seq 1 "$runs"); do
  dir="$work/run$i"
  t0=$(ms); pid=$(start_baton "$dir"); wait_up; t1=$(ms); stop_baton "$pid"; first+=($((t1 - t0)))
  t0=$(ms); pid=$(start_baton "$dir"); wait_up; t1=$(ms); stop_baton "$pid"; second+=($((t1 - t0)))
  bin=$(dirname "$(find "$dir/pg-binaries" -name initdb -type f | head -1)")
  # as root, run PostgreSQL in a user namespace, as the embedded library does
  ns=""; if [ "$(id -u)" -eq 0 ]; then ns="unshare -U"; fi
  t0=$(ms)
  $ns "$bin/initdb" -A trust -U postgres -E UTF-8 -D "$work/bare$i" >/dev/null
  $ns "$bin/pg_ctl" -D "$work/bare$i" -l "$work/bare$i.log" -o "-p $((port + 1)) -c listen_addresses=127.0.0.1" -w start >/dev/null
  t1=$(ms)
  $ns "$bin/pg_ctl" -D "$work/bare$i" -m fast -w stop >/dev/null
  bare+=($((t1 - t0)))
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
f=$(median "${first[@]}"); s=$(median "${second[@]}"); b=$(median "${bare[@]}")
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$java" -version 2>&1 | head -1)"
echo "first start to UP (ms):  ${first[*]}  median $f"
echo "second start to UP (ms): ${second[*]}  median $s"
echo "bare PostgreSQL initdb + start (ms): ${bare[*]}  median $b"
awk -v f="$f" -v s="$s" -v b="$b" 'BEGIN { printf "ratio first start / bare PostgreSQL: %.2f; second / first: %.2f\n", f / b, s / f }'
