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

test("no build the README's commands run uses an unstable option; the one exception is setup's wasm32 std, built only where the toolchain has none", () => {
  const unstable = /RUSTC_BOOTSTRAP|(^|\s)-Z[a-z]|\+nightly/m;
  const scripts = readdirSync(join(root, "scripts")).map((f) => join("scripts", f));
  for (const file of [...scripts, join(".cargo", "config.toml"), "Cargo.toml", join("core", "Cargo.toml")]) {
    const source = readFileSync(join(root, file), "utf8");
    if (file !== join("scripts", "setup.sh")) {
      assert.doesNotMatch(source, unstable, file);
      continue;
    }
    // ../shared/TOOLCHAIN.md: Debian's rustc-web ships no wasm32 std and rustup cannot
    // download one here, so setup builds it once with -Zbuild-std. That build is the only
    // unstable line, inside the function that builds the sysroot, called only in debian mode
    // (and the recipe's words in the stamp that says when to build it again).
    const lines = source.split("\n").filter((l) => unstable.test(l));
    const body = source.slice(source.indexOf("build_wasm32_sysroot() {"), source.indexOf("\n}\n", source.indexOf("build_wasm32_sysroot() {")));
    assert.deepEqual(
      lines.filter((line) => !body.includes(line)),
      lines.filter((line) => line.startsWith("SYSROOT_RECIPE=")),
      lines.join("\n"),
    );
    assert.equal(lines.filter((line) => body.includes(line)).length, 2, lines.join("\n"));
    assert.match(source, /if \[ "\$MODE" = rustup \]; then[\s\S]*?ok "already present: rustup target wasm32-unknown-unknown"\s+else/);
  }
});
