#!/usr/bin/env bash
# Builds the npm package into dist/pkg and packs it to dist/jifeline-tickets-<version>.tgz.
#
# One wasm-pack build (--target web) serves every entry: browsers and bundlers
# load the .wasm through `new URL(…, import.meta.url)`, Node compiles the same
# file synchronously at import (ESM and CommonJS). The bundler target is not
# used: it needs webpack's asyncWebAssembly or a Vite plugin (shared/PACKAGING.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh

version=$(grep -m1 '^version' Cargo.toml | sed -E 's/version *= *"([^"]+)"/\1/')

# Built with the stable toolchain and stable options only: a standard library
# rebuilt for size needs unstable cargo and rustc options (what it would save
# is in bench/README.md).
pack_wasm() {
  wasm_env env CARGO_TARGET_DIR="$PWD/target/pkg" \
    flock /tmp/build.lock wasm-pack --quiet build "$@" --mode no-install --release --target web --no-pack --no-typescript
}

echo "build-package: wasm-pack build --release --target web (version $version)"
pack_wasm . --out-dir build/web --out-name jifeline_tickets

rm -rf dist/pkg && mkdir -p dist/pkg/web
cp build/web/jifeline_tickets.js dist/pkg/web/
node_modules/.bin/wasm-opt -Oz --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-simd \
  build/web/jifeline_tickets_bg.wasm -o dist/pkg/web/jifeline_tickets_bg.wasm
cp pkg-template/{index.js,web.js,web.d.ts,web.d.cts,node.mjs,node.d.ts,errors.js,facade.js,options-check.js,client-credentials.js,README.md,LICENSE} dist/pkg/
# The resources' interfaces come from their one declaration each in core/src/model/
# (held to core/tests/reference/resources.d.ts by a test); they replace the marker line.
# The class's methods come from the table of operations in core/src/operation.rs (held to
# core/tests/reference/methods.d.ts by a test); they replace the marker lines inside the class.
flock /tmp/build.lock cargo run --quiet --locked -p jifeline-tickets-core --example typescript >build/resources.d.ts
flock /tmp/build.lock cargo run --quiet --locked -p jifeline-tickets-core --example methods >build/methods.d.ts
node -e '
  const fs = require("fs");
  let declarations = fs.readFileSync("pkg-template/index.d.ts", "utf8");
  for (const [name, file] of [["resources", "build/resources.d.ts"], ["methods", "build/methods.d.ts"]]) {
    const marker = new RegExp(`^( *)\\/\\/ @generated-${name}:.*\\n(\\1\\/\\/.*\\n)*`, "m");
    if (!marker.test(declarations)) throw new Error(`pkg-template/index.d.ts has no @generated-${name} marker`);
    declarations = declarations.replace(marker, () => fs.readFileSync(file, "utf8"));
  }
  fs.writeFileSync("dist/pkg/index.d.ts", declarations);
'
# The runtime lists for pickers (TICKET_STATES, SORT_FIELDS) come from the same Rust
# declarations the checks read.
flock /tmp/build.lock cargo run --quiet --locked -p jifeline-tickets-core --example lists >dist/pkg/lists.js
# The class's methods that call the module, and its walks, from the table of operations.
flock /tmp/build.lock cargo run --quiet --locked -p jifeline-tickets-core --example operations >dist/pkg/operations.js
# The CommonJS entry gets its own declaration file so TypeScript reads it as CommonJS.
cp dist/pkg/index.d.ts dist/pkg/index.d.cts
sed -e 's|"./index.js"|"./index.cjs"|g' -e 's|"./client-credentials.js"|"./client-credentials.cjs"|g' pkg-template/node.d.ts >dist/pkg/node.d.cts
cp pkg-template/client-credentials.d.ts dist/pkg/
sed 's|"./index.js"|"./index.cjs"|g' pkg-template/client-credentials.d.ts >dist/pkg/client-credentials.d.cts
node -e '
  const fs = require("fs");
  const p = JSON.parse(fs.readFileSync("pkg-template/package.json", "utf8"));
  p.version = process.argv[1];
  fs.writeFileSync("dist/pkg/package.json", JSON.stringify(p, null, 2) + "\n");
' "$version"
# node.cjs: the CommonJS entry, bundled from its ESM source with the glue inlined
# (an ESM file required from CommonJS would need Node 20.19+).
cp pkg-template/node-cjs.mjs dist/pkg/
node_modules/.bin/esbuild dist/pkg/node-cjs.mjs --bundle --platform=node --format=cjs --log-level=warning --log-override:empty-import-meta=silent \
  --outfile=dist/pkg/node.cjs
rm dist/pkg/node-cjs.mjs

# jifeline-tickets/testing: the mock's core in its own .wasm (mock-wasm/), so
# that nothing of it reaches a bundle that imports only the main entry.
echo "build-package: wasm-pack build of the in-process mock (jifeline-tickets/testing)"
pack_wasm mock-wasm --out-dir ../build/mock-web --out-name jifeline_mock
mkdir -p dist/pkg/testing
cp build/mock-web/jifeline_mock.js dist/pkg/testing/
node_modules/.bin/wasm-opt -Oz --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-simd \
  build/mock-web/jifeline_mock_bg.wasm -o dist/pkg/testing/jifeline_mock_bg.wasm
cp pkg-template/{testing.js,testing-node.mjs,testing-core.js,testing.d.ts} dist/pkg/
cp pkg-template/testing.d.ts dist/pkg/testing.d.cts
cp pkg-template/testing-node-cjs.mjs dist/pkg/
node_modules/.bin/esbuild dist/pkg/testing-node-cjs.mjs --bundle --platform=node --format=cjs --log-level=warning --log-override:empty-import-meta=silent \
  --outfile=dist/pkg/testing.cjs
rm dist/pkg/testing-node-cjs.mjs
# The glues' declarations, for tsconfig.checkjs.json only (the package ships index.d.ts
# and testing.d.ts): wasm-bindgen run again over the same .wasm files, with its TypeScript
# output, into build/types/ (the shipped glue is the one above, built without it).
rm -rf build/types
wasm-bindgen --target web --out-dir build/types/web --out-name jifeline_tickets target/pkg/wasm32-unknown-unknown/release/jifeline_tickets.wasm
wasm-bindgen --target web --out-dir build/types/testing --out-name jifeline_mock target/pkg/wasm32-unknown-unknown/release/jifeline_mock_wasm.wasm
(cd dist && npm pack ./pkg --silent >/dev/null)
tarball="dist/jifeline-tickets-$version.tgz"
echo "build-package: $tarball ($(wc -c <"$tarball") bytes; wasm $(wc -c <dist/pkg/web/jifeline_tickets_bg.wasm) bytes, $(gzip -9c dist/pkg/web/jifeline_tickets_bg.wasm | wc -c) gzipped)"
