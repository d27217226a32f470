#!/usr/bin/env bash
# The benchmark command (not part of the test command): builds the package,
# then prints one table measured in Node and headless Chromium in this run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh >/dev/null
source scripts/env.sh
bash scripts/build-package.sh
# The peers' schemas for the Chromium page, and what each peer adds to a portal's
# bundle: openapi-fetch with zod 4, valibot 1, ajv 8 or TypeBox schemas of the
# same checks, minified by esbuild (gzip -9 is measured by bench.mjs).
for peer in zod valibot ajv typebox; do
  node_modules/.bin/esbuild "bench/$peer-schema.mjs" --bundle --format=esm --log-level=warning --outfile="bench/$peer-browser.mjs"
  node_modules/.bin/esbuild "bench/client-$peer.mjs" --bundle --minify --format=esm --log-level=warning --outfile="build/bench/client-$peer.min.js"
done
# The SDK's own JS, measured the same way: its browser entry bundled and minified.
node_modules/.bin/esbuild "${BENCH_PKG:-dist/pkg}/web.js" --bundle --minify --format=esm --log-level=warning --outfile=build/bench/sdk.min.js
# The first-rows page's SDK: the main entry (fetching the .wasm at import), bundled the same way.
node_modules/.bin/esbuild "${BENCH_PKG:-dist/pkg}/index.js" --bundle --minify --format=esm --log-level=warning --outfile=build/bench/sdk-index.min.js
trap 'rm -f bench/{zod,valibot,ajv,typebox}-browser.mjs' EXIT
# The size ledger: the same build as shipped (wasm-opt -Oz) with its names kept.
mkdir -p build/ledger
node_modules/.bin/wasm-opt -Oz -g --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-simd \
  build/web/jifeline_tickets_bg.wasm -o build/ledger/jifeline_tickets_bg.wasm
node bench/ledger.mjs build/ledger/jifeline_tickets_bg.wasm --functions 30 >build/ledger/ledger.md
echo "bench: size ledger in build/ledger/ledger.md"
node bench/bench.mjs
