// Issue 6's batteries through the public API against the real mock, in Node
// and in headless Chromium: faults, bad input, secrets (in every error, hook
// event and console line), concurrency.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { faultBattery, badInputBattery, concurrency } from "./www/battery.mjs";
import { root, startMock, stopMocks, launchChromium } from "../support/harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = process.env.JIFELINE_PKG_DIR ?? join(root, "dist", "pkg");
const TOKEN = "tok-SECRET-4d9e1";
const API_KEY = "key-SECRET-8b2c7";
let origin, otherOrigin, browser;

const captured = [];
before(async () => {
  origin = await startMock(["--www", join(here, "www"), "--pkg", pkgDir]);
  otherOrigin = await startMock();
  for (const level of ["log", "info", "warn", "error", "debug"]) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      captured.push(args.map(String).join(" "));
      original(...args);
    };
  }
});

after(async () => {
  await browser?.close();
  stopMocks();
});

function assertAll(results) {
  const failed = results.filter((r) => !r.ok);
  assert.deepEqual(failed, [], failed.map((r) => `${r.name}: ${r.detail}`).join("\n"));
}

function assertNoSecrets(text) {
  assert.ok(!text.includes("SECRET"), `a credential leaked: ${text.slice(Math.max(0, text.indexOf("SECRET") - 200), text.indexOf("SECRET") + 50)}`);
}

test("Node: the fault battery, the bad-input battery and 200 concurrent calls; no leak, no unhandled rejection", async () => {
  const { TicketsApi, JifelineError } = await import(join(pkgDir, "node.mjs"));
  const glue = await import(join(pkgDir, "web", "jifeline_tickets.js"));
  const memory = glue.initSync({ module: readFileSync(join(pkgDir, "web", "jifeline_tickets_bg.wasm")) }).memory;
  const unhandled = [];
  const onUnhandled = (e) => unhandled.push(String(e));
  process.on("unhandledRejection", onUnhandled);
  const errors = [];
  const env = { TicketsApi, JifelineError, origin, otherOrigin, redirect: "manual", token: TOKEN, apiKey: API_KEY, seen: (e) => errors.push(e) };
  try {
    assertAll(await faultBattery(env));
    assertAll(await badInputBattery(env));
    assertAll(await concurrency(env));
    const baseline = memory.buffer.byteLength;
    for (let round = 0; round < 3; round++) assertAll(await concurrency(env));
    assert.equal(memory.buffer.byteLength, baseline, "wasm memory grew across rounds of 200 concurrent calls");
    console.log(`hardening: wasm memory ${baseline} bytes before and after 3 more rounds of 200 concurrent calls`);
    await new Promise((r) => setTimeout(r, 100));
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
  assert.deepEqual(unhandled, []);
  assert.ok(errors.length > 100);
  assertNoSecrets(JSON.stringify(errors.map((e) => ({ message: e.message, stack: e.stack, ...e }))));
  assertNoSecrets(captured.join("\n"));
});

test("Chromium: the same batteries through the default entry", async () => {
  browser = await launchChromium();
  const page = await browser.newPage();
  const consoleLines = [];
  page.on("console", (m) => consoleLines.push(m.text()));
  await page.goto(`${origin}/hardening.html`);
  await page.waitForFunction(() => typeof window.run === "function");
  const { results, unhandled, errors } = await page.evaluate(
    (env) => window.run(env),
    { otherOrigin, token: TOKEN, apiKey: API_KEY },
  );
  assertAll(results);
  assert.deepEqual(unhandled, []);
  assertNoSecrets(errors);
  assertNoSecrets(consoleLines.join("\n"));
  await page.close();
});
