// Packaging: the packed tarball installed into a real project of each kind,
// each making a real call to the local mock API (target/release/jifeline-mock).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { root, startMock as startMockWith, stopMocks, launchChromium } from "../support/harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const tarball = join(root, "dist", readdirSync(join(root, "dist")).find((f) => /^jifeline-tickets-.*\.tgz$/.test(f)));
const bin = (dir, name) => join(here, dir, "node_modules", ".bin", name);
let browser;

/** Starts the mock API, serving `www` when given, and resolves to its origin. */
const startMock = (www) => startMockWith(www ? ["--www", www] : []);

function run(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function install(dir) {
  run("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--silent", tarball], join(here, dir));
}

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  stopMocks();
});

async function outcomeOfPage(origin) {
  const page = await browser.newPage();
  const logs = [];
  page.on("console", (m) => logs.push(m.text()));
  page.on("pageerror", (e) => logs.push(String(e)));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => window.outcome !== undefined, null, { timeout: 30_000 });
  const outcome = await page.evaluate(() => window.outcome);
  await page.close();
  assert.equal(outcome.failed, undefined, `${outcome.failed}\n${logs.join("\n")}`);
  return outcome;
}

test("the tarball holds only what users need", () => {
  const out = run("npm", ["pack", "--dry-run", "--json", join(root, "dist", "pkg")], root);
  const [info] = JSON.parse(out);
  const files = info.files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    "LICENSE",
    "README.md",
    "client-credentials.d.cts",
    "client-credentials.d.ts",
    "client-credentials.js",
    "errors.js",
    "facade.js",
    "index.d.cts",
    "index.d.ts",
    "index.js",
    "lists.js",
    "node.cjs",
    "node.d.cts",
    "node.d.ts",
    "node.mjs",
    "operations.js",
    "options-check.js",
    "package.json",
    "testing-core.js",
    "testing-node.mjs",
    "testing.cjs",
    "testing.d.cts",
    "testing.d.ts",
    "testing.js",
    "testing/jifeline_mock.js",
    "testing/jifeline_mock_bg.wasm",
    "web.d.cts",
    "web.d.ts",
    "web.js",
    "web/jifeline_tickets.js",
    "web/jifeline_tickets_bg.wasm",
  ]);
  console.log(`packaging: ${info.filename}: ${statSync(tarball).size} bytes packed, ${info.unpackedSize} bytes unpacked, ${info.entryCount} files`);
});

test("attw --pack reports no problems", () => {
  const out = run(join(root, "node_modules", ".bin", "attw"), ["--pack", join(root, "dist", "pkg"), "--format", "table-flipped"], root);
  console.log(out);
  assert.match(out, /No problems found/);
});

test("publint reports no problems", () => {
  const out = run(join(root, "node_modules", ".bin", "publint"), ["run", join(root, "dist", "pkg"), "--strict"], root);
  console.log(out);
  assert.doesNotMatch(out, /error|warning|suggestion/i);
});

test("Node ESM: import from the package name makes a real call", async () => {
  install("node-esm");
  const origin = await startMock();
  const out = JSON.parse(run("node", ["index.mjs", origin], join(here, "node-esm")));
  assert.equal(out.count, 2);
  assert.ok(out.total > 2);
  assert.equal(out.kind, "validation");
});

test("Node CJS: require of the package name makes a real call", async () => {
  install("node-cjs");
  const origin = await startMock();
  const out = JSON.parse(run("node", ["index.cjs", origin], join(here, "node-cjs")));
  assert.equal(out.count, 2);
  assert.ok(out.total > 2);
  assert.equal(out.kind, "validation");
});

test("Vite: a production build lists tickets in Chromium", async () => {
  install("vite");
  run(bin("vite", "vite"), ["build", "--logLevel", "warn"], join(here, "vite"));
  const assets = readdirSync(join(here, "vite", "dist", "assets"));
  assert.ok(assets.some((f) => f.endsWith(".wasm")), `the wasm is emitted as an asset: ${assets}`);
  // The browser entry never carries the client-credentials code (Node entries only).
  const js = assets.filter((f) => f.endsWith(".js")).map((f) => readFileSync(join(here, "vite", "dist", "assets", f), "utf8")).join("\n");
  // The token cache lives in the module (src/token.rs); the facade that hands it a shared one is bundled.
  assert.ok(js.includes("jifeline-tickets.tokenSource"), "the facade is bundled");
  assert.ok(!js.includes("grant_type") && !js.includes("clientCredentials"), "no client-credentials code in a browser bundle");
  // Nor any byte of the in-process mock (jifeline-tickets/testing): not its .wasm, not its JS.
  assert.ok(!assets.some((f) => f.includes("jifeline_mock")), `no mock asset: ${assets}`);
  assert.ok(!/jifeline_mock|createMockFetch|MockApi|__mock/.test(js), "no mock code in a bundle of the main entry");
  const outcome = await outcomeOfPage(await startMock(join(here, "vite", "dist")));
  assert.equal(outcome.states.length, 3);
  assert.ok(outcome.states.every((s) => s === "pending"));
  assert.equal(outcome.isErrorClass, "function");
});

test("webpack 5: a production build with no wasm settings lists tickets in Chromium", async () => {
  install("webpack");
  run(bin("webpack", "webpack"), ["--config", "webpack.config.cjs"], join(here, "webpack"));
  cpSync(join(here, "webpack", "index.html"), join(here, "webpack", "dist", "index.html"));
  const emitted = readdirSync(join(here, "webpack", "dist"));
  assert.ok(emitted.some((f) => f.endsWith(".wasm")), `the wasm is emitted as an asset: ${emitted}`);
  const outcome = await outcomeOfPage(await startMock(join(here, "webpack", "dist")));
  assert.equal(outcome.states.length, 3);
  assert.ok(outcome.states.every((s) => s === "pending"));
});
