#!/usr/bin/env bash
# The content library's two benchmarks in one command: uploads (Baton's API against a direct MinIO-SDK put to the same
# S3 server, with Baton's peak heap) and text extraction (Baton's forked Extractor against Tika in-process). Each
# prints its ratio against its peer; docs/benchmarks.md has the results and how to read them.
# Usage: bash webapp/src/test/bench/content.sh
set -euo pipefail
cd "$(dirname "$0")/../../../.."
bash webapp/src/test/bench/upload.sh
bash indexer/src/test/bench/extraction.sh
