#!/usr/bin/env bash
# Runs the JS tests against the packed tarball, installed into a scratch
# project the way a user installs it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tarball=$(ls dist/jifeline-tickets-*.tgz 2>/dev/null | head -1)
[ -n "$tarball" ] || { echo "test-js: no dist/jifeline-tickets-*.tgz; run scripts/build-package.sh" >&2; exit 1; }
scratch=build/scratch-js
rm -rf "$scratch" && mkdir -p "$scratch"
cp tests/js/*.mjs "$scratch/"
echo '{ "name": "scratch-js", "private": true, "type": "module" }' > "$scratch/package.json"
(cd "$scratch" && npm install --no-audit --no-fund --silent "../../$tarball")
(cd "$scratch" && node --test --test-reporter=spec ./*.test.mjs)

echo "test-js: the installed package in headless Chromium (module page, Web Worker)"
JIFELINE_PKG_DIR="$PWD/$scratch/node_modules/jifeline-tickets" node --test --test-reporter=spec tests/browser/*.test.mjs

echo "test-js: tsc --strict against the installed package (types and @ts-expect-error checks)"
mkdir -p "$scratch/types"
cp tests/types/* "$scratch/types/"
(cd "$scratch/types" && ../../../node_modules/.bin/tsc -p tsconfig.json)
# clientCredentials through its subpath under the other resolutions (tsconfig.json is nodenext).
(cd "$scratch/types" && ../../../node_modules/.bin/tsc -p tsconfig.node16.json && ../../../node_modules/.bin/tsc -p tsconfig.bundler.json)
echo "test-js: every TypeScript example of both READMEs, compiled under strict"
JIFELINE_PKG_DIR="$PWD/$scratch/node_modules/jifeline-tickets" node --test --test-reporter=spec tests/types/*.test.mjs
echo "test-js: types ok"
