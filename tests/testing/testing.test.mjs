// `jifeline-tickets/testing` (the mock's core in its own wasm, in-process)
// against the axum mock over HTTP: the same scenario, the same answers, in
// Node (ESM and CJS) and in Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { scenario } from "./www/scenario.mjs";
import { root, startMock, stopMocks, launchChromium } from "../support/harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = process.env.JIFELINE_PKG_DIR ?? join(root, "dist", "pkg");
const DATA = { seed: 7, tickets: 200, inProgress: 30 };
const FLAGS = ["--seed", "7", "--tickets", "200", "--in-progress", "30", "--quiet"];
let origin, sdk, testing, overHttp, browser;

before(async () => {
  origin = await startMock([...FLAGS, "--www", join(here, "www"), "--pkg", pkgDir]);
  sdk = await import(join(pkgDir, "node.mjs"));
  testing = await import(join(pkgDir, "testing-node.mjs"));
  const fault = async (spec) => {
    const res = await fetch(`${origin}/__mock/faults`, { method: "POST", body: JSON.stringify(spec) });
    assert.ok(res.ok);
  };
  overHttp = await scenario({ TicketsApi: sdk.TicketsApi, baseUrl: origin, fault });
});

after(async () => {
  await browser?.close();
  stopMocks();
});

test("the scenario over HTTP does what it says (so that agreeing means something)", () => {
  assert.equal(overHttp.filter.numbers.length, 5);
  assert.equal(overHttp.page.tickets.length, 10);
  assert.equal(overHttp.inProgressAfter, overHttp.inProgressBefore - 3);
  assert.equal(overHttp.complete.resource.state, "closed");
  assert.equal(overHttp.cancel.resource.state, "cancelled");
  assert.match(overHttp.outsource.location, /^absolute \/v2\/tickets\/outsourced-tickets\//);
  assert.deepEqual(overHttp.unmodelled, { location: `absolute /v2/tickets/closed-tickets/${overHttp.unmodelled.location.split("/").pop()}`, hasResource: false });
  assert.equal(overHttp.update.operator_id, "fa9de6bb-1df8-4ba6-9e6d-1172fbf7e166");
  assert.deepEqual([overHttp.notFound.status, overHttp.notInProgress.status], [404, 404]);
  assert.equal(overHttp.badUpdate.status, 404, "an outsourced ticket is no longer in progress");
  assert.deepEqual([overHttp.fault.kind, overHttp.fault.status, overHttp.fault.retryable], ["http", 503, true]);
  assert.equal(overHttp.wrongShape.kind, "decode");
});

test("Node: the in-process mock gives the same answers as the axum mock over HTTP", async () => {
  const fetch = await testing.createMockFetch(DATA);
  const inProcess = await scenario({ TicketsApi: sdk.TicketsApi, baseUrl: "https://api.example", fetch, fault: fetch.fault });
  assert.deepEqual(inProcess, overHttp);
});

test("Node CJS: require('jifeline-tickets/testing') gives the same answers", async () => {
  const require = createRequire(import.meta.url);
  const cjsTesting = require(join(pkgDir, "testing.cjs"));
  const cjsSdk = require(join(pkgDir, "node.cjs"));
  const fetch = await cjsTesting.createMockFetch(DATA);
  const inProcess = await scenario({ TicketsApi: cjsSdk.TicketsApi, baseUrl: "https://api.example", fetch, fault: fetch.fault });
  assert.deepEqual(inProcess, overHttp);
});

test("Chromium: the in-process mock in a page gives the same answers", async () => {
  browser = await launchChromium();
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${origin}/scenario.html`);
  await page.waitForFunction(() => window.ready === true);
  const { results, requests } = await page.evaluate((options) => window.run(options), DATA);
  assert.deepEqual(errors, []);
  assert.deepEqual(results, overHttp);
  assert.ok(requests >= 16, `${requests} requests received`);
});

test("requests: what the mock fetch received, method, URL, headers and body", async () => {
  const fetch = await testing.createMockFetch({ tickets: 10, inProgress: 2 });
  const api = new sdk.TicketsApi({ baseUrl: "https://api.example", accessToken: "tok-1", fetch });
  const [first] = (await api.listInProgressTickets()).result;
  await api.updateInProgressTicket(first.id, { operator_id: "fa9de6bb-1df8-4ba6-9e6d-1172fbf7e166" });
  assert.deepEqual(
    fetch.requests.map((r) => ({ ...r, headers: { ...r.headers } })),
    [
      { method: "GET", url: "https://api.example/v2/tickets/in-progress-tickets", headers: { accept: "application/json", authorization: "Bearer tok-1" }, body: "" },
      {
        method: "PUT",
        url: `https://api.example/v2/tickets/in-progress-tickets/${first.id}`,
        headers: { accept: "application/json", authorization: "Bearer tok-1", "content-type": "application/json" },
        body: '{"operator_id":"fa9de6bb-1df8-4ba6-9e6d-1172fbf7e166"}',
      },
    ],
  );
  fetch.reset();
  assert.equal(fetch.requests.length, 0);
});

test("faults in-process: a delay honours the caller's signal, a drop fails like fetch, the queue from the options", async () => {
  const fetch = await testing.createMockFetch({ tickets: 5, inProgress: 1, faults: [{ status: 429, retry_after: "0" }] });
  const api = new sdk.TicketsApi({ baseUrl: "https://api.example", accessToken: "t", fetch, retry: false });
  const limited = await api.listTickets().catch((e) => e);
  assert.deepEqual([limited.kind, limited.status, limited.retryAfterMs], ["http", 429, 0]);
  // A minute's delay (the client's default 30 s timeout would end the call first): the abort ends it far sooner.
  fetch.fault({ delay_ms: 60_000 });
  const controller = new AbortController();
  const started = Date.now();
  const pending = api.listTickets({}, { signal: controller.signal }).catch((e) => e);
  setTimeout(() => controller.abort(), 20);
  assert.equal((await pending).kind, "aborted");
  assert.ok(Date.now() - started < 10_000, "the delay did not hold the abort up");
  fetch.clearFaults();
  fetch.fault({ drop: true });
  const dropped = await api.listTickets().catch((e) => e);
  assert.equal(dropped.kind, "network");
  assert.equal((await api.listTickets()).total, 5);
  const strict = await testing.createMockFetch({ tickets: 5, inProgress: 1, token: "only-this" });
  const refused = await new sdk.TicketsApi({ baseUrl: "https://api.example", accessToken: "other", fetch: strict }).listTickets().catch((e) => e);
  assert.equal(refused.status, 401);
});

test("bad options are refused naming the option", async () => {
  const cases = [
    [{ tickets: -1 }, "tickets", "Invalid `tickets`: expected an integer from 0 to 100000, got -1."],
    [{ tickets: 3, inProgress: 4 }, "inProgress", "Invalid `inProgress`: expected at most `tickets` (3), got 4."],
    [{ seed: 1.5 }, "seed", null],
    [{ token: "" }, "token", "Invalid `token`: expected a non-empty string, got the empty string."],
    // What the SDK would never send (its accessToken and apiKey rule), so never match.
    [{ token: "é" }, "token", "Invalid `token`: must be printable ASCII (space to ~), got U+00E9 at index 0."],
    [{ apiKey: "key " }, "apiKey", "Invalid `apiKey`: must not start or end with a space or tab (fetch would remove it), got a space at the end."],
    [{ faults: [{ status: 42 }] }, "faults", null],
    [{ ticket: 3 }, "options.ticket", null],
  ];
  for (const [options, field, message] of cases) {
    const e = await testing.createMockFetch(options).catch((e) => e);
    assert.equal(e.kind, "validation", JSON.stringify(options));
    assert.equal(e.field, field);
    if (message) assert.equal(e.message, message);
  }
});
