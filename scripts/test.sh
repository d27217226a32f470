#!/usr/bin/env bash
# The project's one test command: installs what is missing (scripts/setup.sh),
# then runs every test. Used by the README and by .ci/run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$SECONDS
step() { printf '\n== %s (%ss)\n' "$1" "$((SECONDS - started))"; }

step "setup"
bash scripts/setup.sh
source scripts/env.sh

step "format, lints and docs"
cargo fmt --all --check
# The JavaScript of the package, the demo, the bench and the tests: Biome's formatter and linter (biome.json), no writes.
node_modules/.bin/biome ci --error-on-warnings .
flock /tmp/build.lock cargo clippy --workspace --all-targets --locked -- -D warnings
# Doc comments are the design notes: their links must resolve.
RUSTDOCFLAGS="-D warnings" flock /tmp/build.lock cargo doc --no-deps --workspace --locked

step "native Rust tests (core and mock server)"
flock /tmp/build.lock cargo test --workspace --locked

step "fuzz, short pass (50,000 inputs per target; scripts/fuzz.sh runs 10^6)"
# Only here: `test = false` (core/Cargo.toml) keeps the fuzz target out of
# `cargo test --workspace` and so out of clippy's --all-targets too.
flock /tmp/build.lock cargo clippy --locked -p jifeline-tickets-core --test fuzz -- -D warnings
flock /tmp/build.lock cargo test --release --locked -p jifeline-tickets-core --test fuzz

step "npm package (wasm32 release build, wasm-opt, pack)"
bash scripts/build-package.sh

step "type check of the package's and the demo's JavaScript (tsc, checkJs, strict)"
# After the build: it reads the glues' declarations in build/types/ and the assembled index.d.ts and lists.js in dist/pkg/.
node_modules/.bin/tsc -p tsconfig.checkjs.json

step "mock API server (release build), started for the Rust client's wasm-bindgen tests"
flock /tmp/build.lock cargo build --release --locked -p jifeline-mock
mock_log=$(mktemp)
target/release/jifeline-mock --port 0 --token client-test-token --api-key client-test-key >"$mock_log" 2>&1 &
mock_pid=$!
trap 'kill "$mock_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "listening on" "$mock_log" && break; sleep 0.1; done
JIFELINE_MOCK_URL=$(grep -o 'listening on http://[^ ]*' "$mock_log" | head -1 | cut -d' ' -f3)
[ -n "$JIFELINE_MOCK_URL" ] || { cat "$mock_log" >&2; echo "test: the mock did not start" >&2; exit 1; }
export JIFELINE_MOCK_URL

step "wasm-bindgen tests in Node"
wasm_env flock /tmp/build.lock wasm-pack test --mode no-install --node
step "wasm-bindgen tests in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 wasm_env flock /tmp/build.lock wasm-pack test --mode no-install --headless --chrome

kill "$mock_pid" 2>/dev/null || true

step "JS tests of the packed package (Node, Chromium, TypeScript)"
bash scripts/test-js.sh

step "end-to-end: the demo page in Chromium against the mock API"
node --test --test-reporter=spec tests/e2e/*.test.mjs

step "hardening: fault battery, bad input, secrets, 200 concurrent calls (Node and Chromium, against the mock)"
JIFELINE_PKG_DIR="$PWD/build/scratch-js/node_modules/jifeline-tickets" node --test --test-reporter=spec tests/hardening/*.test.mjs

step "client credentials: the installed package against the mock's OAuth2 token endpoint"
JIFELINE_PKG_DIR="$PWD/build/scratch-js/node_modules/jifeline-tickets" node --test --test-reporter=spec tests/auth/*.test.mjs

step "in-process mock: jifeline-tickets/testing against the axum mock (one scenario in Node ESM, CJS and Chromium; the 94-row differential table)"
JIFELINE_PKG_DIR="$PWD/build/scratch-js/node_modules/jifeline-tickets" node --test --test-reporter=spec tests/testing/*.test.mjs

step "packaging: the tarball in Vite, webpack 5, Node ESM and CJS; attw; publint"
node --test --test-reporter=spec --test-concurrency=1 tests/packaging/*.test.mjs

step "all tests passed in $((SECONDS - started))s"
