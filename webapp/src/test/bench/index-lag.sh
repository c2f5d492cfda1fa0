#!/usr/bin/env bash
# Index lag: how soon a change is searchable after the transaction that made it commits (issue: "a new upload is
# searchable within 1 second of its extraction finishing"). Starts baton.jar with its embedded defaults and no demo
# library, uploads N small text files one after another (default 40, a pause between them so each is its own change),
# waits until each is searchable by a word of its text, then prints Baton's own figures from /actuator/prometheus:
# `baton.search.index.lag` is measured per outbox row, from its insert (in the transaction that stores the extracted
# text) to the index feed seeing it searchable; and, per upload, the lag of the row its extraction wrote (the index
# status's lagMillis right after the upload became searchable). Also prints the client's view: upload acknowledged -> searchable, which
# includes the extraction in Tika's forked JVM.
# Usage: bash webapp/src/test/bench/index-lag.sh [uploads]   (builds baton.jar first; BENCH_NO_BUILD=1 skips that)
set -euo pipefail
cd "$(dirname "$0")/../../../.."
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
port=${BENCH_PORT:-$((20000 + RANDOM % 20000))}
uploads=${1:-40}
password="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
work=$(mktemp -d)
pid=""
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"' EXIT

if [ "${BENCH_NO_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -DskipTests -Dcheckstyle.skip -Dspotless.check.skip package >/dev/null
fi
echo "machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(free -g | awk '/Mem:/ {print $2}') GiB," \
  "$("$java" -version 2>&1 | head -1); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

BATON_DATA_DIR="$work/data" SERVER_PORT=$port BATON_ADMIN_PASSWORD="$password" BATON_DEMO_ENABLED=false \
  "$java" --enable-native-access=ALL-UNNAMED -jar webapp/target/baton.jar >"$work/baton.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 2400); do
  if curl -fs "$base/actuator/health" 2>/dev/null | grep -q '"UP"'; then break; fi
  kill -0 "$pid" 2>/dev/null || { echo "Baton did not start:" >&2; tail -40 "$work/baton.log" >&2; exit 1; }
  sleep 0.05
done
auth=(-u "admin:$password")

now_ms() { date +%s%3N; }
client_ms=()
lag_ms=()
warmup=${BENCH_WARMUP:-3}
for i in $(seq 1 "$uploads"); do
  word="lagword$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n' | tr '0-9' 'g-p')"
  printf 'Index lag probe %s\n\nThis note mentions %s once, so a search for it finds this file alone.\n' "$i" "$word" \
    >"$work/probe.txt"
  curl -fs "${auth[@]}" -H 'Content-Type: application/octet-stream' --data-binary @"$work/probe.txt" \
    "$base/api/v1/assets?fileName=probe-$i.txt" >/dev/null
  start=$(now_ms)
  until curl -fs "${auth[@]}" "$base/api/v1/search?q=$word&scope=all" | grep -q '"total":1'; do
    sleep 0.02
    if [ $(( $(now_ms) - start )) -gt 60000 ]; then echo "upload $i not searchable after 60 s" >&2; exit 1; fi
  done
  client_ms+=($(( $(now_ms) - start )))
  # the last change the feed applied is this upload's "text extracted" row: its lag, as the index status reports it
  lag_ms+=($(curl -fs "${auth[@]}" "$base/api/v1/search/index" | grep -o '"lagMillis":[0-9]*' | cut -d: -f2))
  sleep 0.3
done

metrics=$(curl -fs "${auth[@]}" "$base/actuator/prometheus" | grep '^baton_search_index_lag_seconds')
value() { echo "$metrics" | grep -F "$1" | awk '{print $2}' | head -1; }
count=$(value '_count')
sum=$(value '_sum')
awk -v c="$count" -v s="$sum" -v p50="$(value 'quantile="0.5"')" -v p99="$(value 'quantile="0.99"')" \
  -v max="$(value '_max')" 'BEGIN {
    printf "index lag (outbox insert -> searchable), %d rows: p50 %.0f ms, p99 %.0f ms, max %.0f ms, mean %.0f ms\n",
      c, p50 * 1000, p99 * 1000, max * 1000, s / c * 1000 }'
echo "per upload, extraction's outbox row -> searchable (ms, in upload order; the first $warmup are warm-up): ${lag_ms[*]}"
printf '%s\n' "${lag_ms[@]:$warmup}" | sort -n | awk '{ v[NR] = $1 } END {
  printf "index lag after extraction, %d uploads after warm-up: p50 %d ms, p99 %d ms, max %d ms\n", NR,
    v[int((NR + 1) / 2)], v[int(NR * 0.99 + 0.999)], v[NR] }'
printf '%s\n' "${client_ms[@]}" | sort -n | awk '{ v[NR] = $1 } END {
  printf "client view (upload acknowledged -> found by search, includes Tika extraction), %d uploads: p50 %d ms, " \
    "max %d ms\n", NR, v[int((NR + 1) / 2)], v[NR] }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
