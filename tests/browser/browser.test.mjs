// The installed package in headless Chromium: a plain <script type="module">
// page through the ./web entry, and a Web Worker through the default entry.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { readFile } from "node:fs/promises";
import { join, extname, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../support/harness.mjs";
import * as f from "../js/fixtures.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = process.env.JIFELINE_PKG_DIR; // the installed package (node_modules/jifeline-tickets)
const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
const tickets = Array.from({ length: 5 }, (_, i) => f.ticket(i));
const requests = [];
let server, browser, origin;

before(async () => {
  server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname.startsWith("/v2/")) {
      requests.push({ path: url.pathname, query: url.search, authorization: req.headers.authorization });
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 25);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(f.page(tickets.slice(offset, offset + limit), tickets.length, { limit, offset })));
      return;
    }
    const file = url.pathname.startsWith("/pkg/")
      ? join(pkgDir, url.pathname.slice(5))
      : url.pathname.startsWith("/js/")
        ? join(here, "..", "js", url.pathname.slice(4))
        : join(here, "pages", url.pathname);
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((r) => server.close(r));
});

async function outcomeOf(path) {
  const page = await browser.newPage();
  const console = [];
  page.on("console", (m) => console.push(m.text()));
  await page.goto(origin + path);
  await page.waitForFunction(() => window.outcome !== undefined, null, { timeout: 20_000 });
  const outcome = await page.evaluate(() => window.outcome);
  await page.close();
  assert.equal(outcome.failed, undefined, `${outcome.failed}\n${console.join("\n")}`);
  return outcome;
}

test("a plain module page lists tickets through ./web and init()", async () => {
  requests.length = 0;
  const outcome = await outcomeOf("/module.html");
  assert.deepEqual(outcome.page.result.map((t) => t.ticket_number), [7440303, 7440304]);
  assert.equal(outcome.page.total, 5);
  assert.deepEqual(outcome.error, { isJifelineError: true, isError: true, kind: "validation", field: "ticketId" });
  assert.deepEqual(requests, [{ path: "/v2/tickets/tickets", query: "?limit=2&state=pending", authorization: "Bearer page-token" }]);
});

test("a Web Worker lists every page through the default entry", async () => {
  requests.length = 0;
  const outcome = await outcomeOf("/worker.html");
  assert.deepEqual(outcome.tickets, tickets.map((t) => t.ticket_number));
  assert.equal(outcome.hasWindow, false);
  assert.equal(outcome.badOptions, "validation baseUrl: Invalid `baseUrl`: must be an absolute http:// or https:// URL.");
  assert.equal(requests.length, 3);
  assert.ok(requests.every((r) => r.authorization === "Bearer worker-token"));
});

test("bad inputs give the same kind, field and message in Chromium as in Node", async () => {
  const outcome = await outcomeOf("/bad-inputs.html");
  assert.ok(outcome.results.length >= 15, `${outcome.results.length} rows`);
  for (const r of outcome.results) {
    assert.deepEqual(
      { isJifelineError: r.isJifelineError, kind: r.kind, field: r.field, message: r.message },
      { isJifelineError: true, kind: "validation", ...r.expected },
      r.name,
    );
  }
  assert.equal(outcome.sent, 0, "bad input never sends a request");
});

test("bad constructor options throw at once, before the module is loaded, the same error as after", async () => {
  const outcome = await outcomeOf("/constructor.html");
  assert.equal(outcome.failed, undefined, outcome.failed);
  assert.deepEqual(outcome.before, outcome.after);
  // Each row's own expectation, the one Node holds the two checks to (tests/js/options-check.test.mjs).
  const { optionRows, asExpected } = await import("../js/bad-options.mjs");
  assert.deepEqual(outcome.after.map(([name]) => name), optionRows.map(([name]) => name));
  outcome.after.forEach(([name, got], i) => {
    const want = optionRows[i][2];
    if (want !== undefined) assert.deepEqual(asExpected(got, want), want, name);
  });
});

test("a constructor error's stack starts at the caller's line in Chromium, before and after the module is loaded", async () => {
  const { stacks, failed } = await outcomeOf("/constructor.html");
  assert.equal(failed, undefined, failed);
  for (const { here, first, caller } of stacks) {
    assert.equal(first, "JifelineError: Invalid `baseUrl`: must be an absolute http:// or https:// URL.");
    assert.match(caller, new RegExp(`constructor\\.html:${here + 2}:`), caller);
  }
});

test("in a page, importing the package starts fetching and compiling the .wasm, once, before any call", async () => {
  const outcome = await outcomeOf("/import-loads.html");
  assert.deepEqual(outcome, { fetchedAtImport: 1, fetchedInAll: 1, rows: 2 });
});

test("the browser entry starts its load at import without a top-level await (bundlers pre-bundle it)", async () => {
  const source = await readFile(join(pkgDir, "index.js"), "utf8");
  assert.match(source, /^ready\(\)\.catch\(\(\) => \{\}\);$/m);
  assert.ok(!/^\s*await\b|^[^/\n]*=\s*await\b/m.test(source.replace(/async function[\s\S]*?\n\}/g, "")), "no top-level await");
});

test("fail safe in Chromium: tokens, redirects, aborts and echoed credentials as in Node", async () => {
  const { results } = await outcomeOf("/fail-safe.html");
  const { scenarios } = await import("../js/fail-safe-scenarios.mjs");
  assert.deepEqual(Object.keys(results), Object.keys(scenarios));
  for (const [name, { got, expect }] of Object.entries(results)) assert.deepEqual(got, JSON.parse(JSON.stringify(expect)), name);
});
