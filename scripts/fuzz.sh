#!/usr/bin/env bash
# The long fuzz run: every decoder and validator on FUZZ_CASES inputs each
# (default 1,000,000). The test command runs a short pass of the same targets.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
FUZZ_CASES="${FUZZ_CASES:-1000000}" flock /tmp/build.lock cargo test --release --locked -p jifeline-tickets-core --test fuzz
