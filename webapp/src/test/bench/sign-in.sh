#!/usr/bin/env bash
# Signing in (issue 17, point 8): GET /api/v1/me with HTTP Basic beside the same call with an API token, in
# alternating windows; prints requests per second of each and the median ratio Basic / token. See docs/benchmarks.md
# ("Signing in: HTTP Basic beside a token").
# Usage: bash webapp/src/test/bench/sign-in.sh   (builds baton.jar first)
# Knobs (environment): BENCH_CLIENTS (4), BENCH_SECONDS (5 per window), BENCH_WINDOWS (6 per side),
# BENCH_WARMUP_SECONDS (5), BENCH_PORT, BENCH_BATON_OPTS (extra JVM options), BENCH_SKIP_BUILD=1.
set -euo pipefail
# shellcheck source=baton-client.sh
source "$(dirname "$0")/baton-client.sh"
run_bench sign-in 18772 dev.baton.bench.SignInBenchmark
