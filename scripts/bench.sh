#!/usr/bin/env bash
# The benchmark command (not part of the test command): builds the package,
# then prints one table measured in Node and headless Chromium in this run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh >/dev/null
source scripts/env.sh
bash scripts/build-package.sh
node_modules/.bin/esbuild bench/zod-schema.mjs --bundle --format=esm --log-level=warning --outfile=build/bench/zod-browser.mjs
cp build/bench/zod-browser.mjs bench/zod-browser.mjs
trap 'rm -f bench/zod-browser.mjs' EXIT
node bench/bench.mjs
