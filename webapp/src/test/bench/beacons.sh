#!/usr/bin/env bash
# Buyers reading a shared PDF (issue 13, point 12, the third benchmark): BENCH_BUYERS (500) simulated buyers, each on
# a virtual thread, open one share link of a 20-page PDF through the viewer's own endpoints (GET /s/{token}, the file,
# then POST /s/{token}/beacon every BENCH_BEACON_SECONDS (5) with the body the viewer's script sends, one page per
# beacon); reports the viewer page's and the beacon's p99 (goal: beacon p99 under 50 ms) and checks in the database
# that every beacon answered 204 was counted. See docs/benchmarks.md ("Buyers reading a shared PDF").
# Usage: bash webapp/src/test/bench/beacons.sh   (builds baton.jar first; about 2 minutes of reading after the start)
# Knobs (environment): BENCH_BUYERS (500), BENCH_BEACON_SECONDS (5), BENCH_ARRIVAL_SECONDS (60; 5 is the opening herd), BENCH_PORT, BENCH_BATON_OPTS (extra JVM options),
# BENCH_SKIP_BUILD=1 (use the jar and classes already built), BENCH_LOG (a file to keep Baton's log in).
set -euo pipefail
# shellcheck source=baton-client.sh
source "$(dirname "$0")/baton-client.sh"
run_bench beacon 18769 dev.baton.bench.BeaconBenchmark
