#!/usr/bin/env bash
# Events from other tools (issue 13, point 12, first two benchmarks): (a) POST /api/v1/events against a bare WebFlux
# peer in the same JVM that reads the same body and answers 202 without storing (same security, same clients), in
# requests per second; (b) the event sink's rows per second against COPY of the same rows into the same table (the
# PostgreSQL JDBC driver's CopyManager, as psql's \copy). See docs/benchmarks.md ("Events from other tools").
# Usage: bash webapp/src/test/bench/events.sh   (builds baton.jar first)
# Knobs (environment): BENCH_CLIENTS (8), BENCH_BATCH (10 events per request in (a)), BENCH_SECONDS (10 per window),
# BENCH_WINDOWS (6 per side), BENCH_WARMUP_SECONDS (30), BENCH_ROWS (50000 per round in (b)), BENCH_ROUNDS (5),
# BENCH_PORT, BENCH_BATON_OPTS (extra JVM options), BENCH_SKIP_BUILD=1 (use the jar and classes already built).
set -euo pipefail
# shellcheck source=baton-client.sh
source "$(dirname "$0")/baton-client.sh"
run_bench events 18768 dev.baton.bench.EventsBenchmark --baton.bench.events-peer=true
