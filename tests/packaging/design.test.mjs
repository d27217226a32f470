// The design card, held: the crates the product is built on, Rust calling
// fetch (the package's browser JavaScript never does), and the stable
// toolchain for every build the README's commands run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { root } from "../support/harness.mjs";

const DESIGN_CRATES = ["wasm-bindgen", "wasm-bindgen-futures", "js-sys", "web-sys", "serde", "serde-wasm-bindgen", "gloo-net"];

/** The direct dependencies of the binding crate for wasm32, of one kind of edge. */
function directDependencies(edges) {
  const out = execFileSync("cargo", ["tree", "-p", "jifeline-tickets", "--target", "wasm32-unknown-unknown", "-e", edges, "--depth", "1", "--prefix", "none", "--locked"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return out
    .split("\n")
    .slice(1)
    .map((line) => line.split(" ")[0])
    .filter(Boolean);
}

test("the binding's runtime dependencies for wasm32 are the design's seven crates (and the core and the allocator); wasm-bindgen-test only for tests", () => {
  const normal = directDependencies("normal");
  for (const name of DESIGN_CRATES) assert.ok(normal.includes(name), `${name} is not a direct dependency: ${normal.join(", ")}`);
  assert.deepEqual(normal.filter((n) => !DESIGN_CRATES.includes(n)).sort(), ["jifeline-tickets-core", "talc"]);
  assert.ok(!normal.includes("wasm-bindgen-test"));
  assert.ok(directDependencies("dev").includes("wasm-bindgen-test"));
});

test("the module's glue imports fetch, and calls it with the URL and a RequestInit; the package's browser files never call fetch", () => {
  const glue = readFileSync(join(root, "dist", "pkg", "web", "jifeline_tickets.js"), "utf8");
  const imports = glue.slice(glue.indexOf("function __wbg_get_imports"));
  assert.match(imports, /__wbg_fetch_[0-9a-f]+: function\(\) \{ return handleError\(function \(arg0, arg1, arg2\) \{\s+const ret = fetch\(getStringFromWasm0\(arg0, arg1\), arg2\);/);
  const browserFiles = ["index.js", "web.js", "facade.js", "errors.js", "options-check.js", "lists.js", "operations.js"];
  for (const file of browserFiles) {
    const source = readFileSync(join(root, "dist", "pkg", file), "utf8");
    assert.doesNotMatch(source, /\bfetch\s*(\(|\.call\b|\.apply\b)/, `${file} calls fetch`);
  }
  // Every browser file the package ships is in the list above: a new one is checked too.
  const shipped = readdirSync(join(root, "dist", "pkg")).filter((f) => f.endsWith(".js") && !/^(node|testing|client-credentials)/.test(f));
  assert.deepEqual(shipped.sort(), [...browserFiles].sort());
});

test("no script, cargo config or manifest uses an unstable option: the stable toolchain and rustup's own wasm32 target build everything", () => {
  const unstable = /RUSTC_BOOTSTRAP|(^|\s)-Z[a-z]|\+nightly|build-std/m;
  const scripts = readdirSync(join(root, "scripts")).map((f) => join("scripts", f));
  for (const file of [...scripts, join(".ci", "run"), join(".cargo", "config.toml"), "Cargo.toml", join("core", "Cargo.toml")]) {
    assert.doesNotMatch(readFileSync(join(root, file), "utf8"), unstable, file);
  }
});
