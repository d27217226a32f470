#!/usr/bin/env bash
# The demo command: installs what is missing, builds the package and the mock
# API (the package is rebuilt when any of its sources is newer than the
# built module), then serves the demo page and the mock API on one local origin.
#   PORT=8787 HOST=127.0.0.1 ./scripts/demo.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
source scripts/env.sh
[ -f dist/pkg/web/jifeline_tickets_bg.wasm ] && [ -z "$(find src core/src fastcheck/src mock-core/src mock-wasm/src pkg-template Cargo.toml Cargo.lock core/Cargo.toml fastcheck/Cargo.toml scripts/build-package.sh -newer dist/pkg/web/jifeline_tickets_bg.wasm -print -quit)" ] \
  || bash scripts/build-package.sh
flock /tmp/build.lock cargo build --release --locked -p jifeline-mock
echo
echo "demo: open http://${HOST:-127.0.0.1}:${PORT:-8787}/  (mock API and demo page; Ctrl-C stops)"
echo
exec target/release/jifeline-mock --host "${HOST:-127.0.0.1}" --port "${PORT:-8787}" --www www --pkg dist/pkg
