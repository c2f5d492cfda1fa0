#!/usr/bin/env bash
# Reports at scale (issue 14, point 11): generates synthetic assets and usage events in Baton's database, waits for
# the rollup worker to fold them in, then times each report over HTTP (read from the rollups) against the same report
# computed from the raw events in SQL, p50/p95, and checks both give the same numbers. See docs/benchmarks.md
# ("Reports"). Usage: bash webapp/src/test/bench/reports.sh   (builds baton.jar first)
# Knobs (environment): BENCH_ASSETS (100000), BENCH_EVENTS (10000000), BENCH_REPS (500), BENCH_DAYS (365),
# BENCH_RUNS (20), BENCH_PORT, BENCH_BATON_OPTS, BENCH_SKIP_BUILD=1, BENCH_LOG.
set -euo pipefail
# shellcheck source=baton-client.sh
source "$(dirname "$0")/baton-client.sh"
run_bench reports 18770 dev.baton.bench.ReportsBenchmark
