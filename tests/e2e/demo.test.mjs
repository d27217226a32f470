// End-to-end: the demo page in headless Chromium against the real mock API,
// both started the way ./scripts/demo.sh starts them. Each test opens the
// page afresh (its own browser context), so each can run alone.
import { test, before, after, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { root, startMock, stopMocks, launchChromium } from "../support/harness.mjs";

const artifacts = join(root, "tests", "artifacts");
let browser, page, origin;
// The page's own files (HTML, modules, styles, the .wasm): any answer of 400 or more is a broken demo.
let brokenAssets = [];

before(async () => {
  origin = await startMock(["--www", "www", "--pkg", "dist/pkg"]);
  browser = await launchChromium();
});

// A fresh page for every test (a new context: no storage, no log, no filter
// from another test), once its first list of tickets is shown.
beforeEach(async () => {
  brokenAssets = [];
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (e) => console.error("page error:", e));
  page.on("response", (r) => {
    if (r.status() >= 400 && !new URL(r.url()).pathname.startsWith("/v2/")) brokenAssets.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tickets"] tbody tr').length > 0 && !document.querySelector("#tickets-view.loading"));
});

// A test that fails before its last line must not leave its faults to the next one.
afterEach(async () => {
  await fetch(`${origin}/__mock/faults`, { method: "DELETE" });
  await page?.context().close();
});

after(async () => {
  await browser?.close();
  stopMocks();
});

const rows = () => page.locator('[data-testid="tickets"] tbody tr');
const logRows = async () => (await page.locator('[data-testid="log-rows"] tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent))));
const queueFaults = async (faults) => assert.ok((await fetch(`${origin}/__mock/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(faults) })).ok);
const range = () => page.locator('[data-testid="range"]').textContent();
const firstNumbers = async () => (await rows().locator("td:first-child").allTextContents()).slice(0, 3);

test("the first page shows rows and the total", async () => {
  assert.equal(await rows().count(), 25);
  assert.match(await range(), /^1–25 of \d+$/);
  assert.deepEqual(brokenAssets, [], "every file of the page loaded");
  assert.equal(await page.evaluate(() => document.querySelector('link[rel="icon"]')?.href.startsWith("data:")), true, "an inline icon, so no /favicon.ico 404");
});

test("a state filter narrows the list", async () => {
  // The picker offers the package's TICKET_STATES, in its order.
  const offered = await page.locator('input[name="state"]').evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.deepEqual(offered, ["prepared", "pending", "in_progress", "outsourced", "closed", "cancelled"]);
  const before = Number((await range()).split(" of ")[1]);
  await page.check('input[name="state"][value="cancelled"]');
  await page.click('[data-testid="filters"] button[type="submit"]');
  await page.waitForFunction((b) => {
    const t = document.querySelector('[data-testid="range"]').textContent;
    return Number(t.split(" of ")[1]) < b;
  }, before);
  const states = await rows().locator(".state").allTextContents();
  assert.ok(states.length > 0 && states.every((s) => s === "cancelled"), states.join(","));
});

test("next page changes the rows", async () => {
  const first = await firstNumbers();
  await page.click('[data-testid="next"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="range"]').textContent.startsWith("26–"));
  assert.notDeepEqual(await firstNumbers(), first);
});

test("completing an in-progress ticket removes it from the in-progress view and shows it closed", async () => {
  await page.click('nav button[data-view="in-progress"]');
  const ipRows = page.locator('[data-testid="in-progress"] tbody tr');
  await ipRows.first().waitFor();
  const number = await ipRows.first().getAttribute("data-number");
  const totalBefore = Number((await page.locator('[data-testid="ip-range"]').textContent()).split(" of ")[1]);
  await ipRows.first().locator('button[data-action="complete"]').click();
  await page.waitForFunction(
    (n) => ![...document.querySelectorAll('[data-testid="in-progress"] tbody tr')].some((r) => r.dataset.number === n),
    number,
  );
  assert.match(await page.locator('[data-testid="notice"]').textContent(), new RegExp(`Ticket ${number}: complete done .* \\(now closed\\)`));
  const totalAfter = Number((await page.locator('[data-testid="ip-range"]').textContent()).split(" of ")[1]);
  assert.equal(totalAfter, totalBefore - 1);

  // The tickets list shows it closed.
  await page.click('nav button[data-view="tickets"]');
  await page.fill('input[name="ticket_number"]', number);
  await page.click('[data-testid="filters"] button[type="submit"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="range"]').textContent === "1–1 of 1");
  assert.equal(await rows().locator(".state").textContent(), "closed");
});

/** Queues a 500 for the next list request, searches, and waits for the error shown. */
async function searchIntoServerError() {
  await queueFaults([{ status: 500 }]);
  await page.click('[data-testid="filters"] button[type="submit"]');
  const error = page.locator('[data-testid="error"]');
  await error.waitFor({ state: "visible" });
  return error;
}

test("an injected server error shows a readable message", async () => {
  const text = await (await searchIntoServerError()).textContent();
  assert.match(text, /http 500/);
  assert.match(text, /failed with status 500/);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, "demo-error.png"), fullPage: true });
});

test("the demo recovers after a server error and a screenshot of the list is saved", async () => {
  await searchIntoServerError();
  await page.click('[data-testid="filters"] button[type="submit"]');
  await page.locator('[data-testid="error"]').waitFor({ state: "hidden" });
  assert.equal(await rows().count(), 25);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, "demo.png"), fullPage: true });
});

test("the request log shows each call: method, path, status, ms and retries, fed by the hooks", async () => {
  // The newest row first; its columns: time, operation, method, path, status, ms, retries.
  const [newest] = await logRows();
  assert.deepEqual(newest.slice(1, 5), ["listTickets", "GET", "/v2/tickets/tickets?limit=25&offset=0&sort_by[created_at]=asc", "200"]);
  assert.match(newest[5], /^\d+$/);
  assert.equal(newest[6], "0");
  // A 503 answered once, then the retry succeeds: three rows (the 503, the retry, the 200 with retries 1).
  await queueFaults([{ status: 503, retry_after: "0" }]);
  await page.click('[data-testid="filters"] button[type="submit"]');
  // The previous call's 200 is the newest row until the 503 lands, so wait for the 200 that says it took a retry.
  await page.waitForFunction(() => {
    const cells = document.querySelector('[data-testid="log-rows"] tr')?.cells;
    return cells?.[4].textContent === "200" && cells[6].textContent === "1";
  });
  const [ok, retry, unavailable] = (await logRows()).map((r) => [r[1], r[4], r[6]]);
  assert.deepEqual([unavailable, retry, ok], [["listTickets", "503", "0"], ["listTickets", "retry in 0 ms", "0"], ["listTickets", "200", "1"]]);
  const text = await page.locator('[data-testid="request-log"]').textContent();
  assert.ok(!/demo-token|Bearer/.test(text), "no credential in the log");
});

test("export: every ticket of the filter over every page to CSV, with a progress bar of rows of total", async () => {
  await page.check('input[name="state"][value="cancelled"]');
  await page.click('[data-testid="filters"] button[type="submit"]');
  await page.waitForFunction(() => / of \d+$/.test(document.querySelector('[data-testid="range"]').textContent) && !document.querySelector("#tickets-view.loading"));
  const total = Number((await range()).split(" of ")[1]);
  assert.ok(total > 250, `more than one export page (${total})`);
  await page.click('[data-testid="export"]');
  const link = page.locator('[data-testid="export-link"]');
  await link.waitFor({ state: "visible" });
  assert.equal(await page.locator('[data-testid="export-text"]').textContent(), `${total} of ${total} rows exported.`);
  const progress = await page.locator('[data-testid="export-progress"]').evaluate((p) => [p.value, p.max]);
  assert.deepEqual(progress, [total, total]);
  const csv = await link.evaluate(async (a) => (await fetch(a.href)).text());
  const lines = csv.trimEnd().split("\r\n");
  assert.equal(lines.length, total + 1);
  const header = lines[0].split(",");
  assert.ok(header.includes("ticket_number") && header.includes("state"), lines[0]);
  const stateColumn = header.indexOf("state");
  assert.ok(lines.slice(1).every((l) => l.split(",")[stateColumn] === "cancelled"));
  const numbers = new Set(lines.slice(1).map((l) => l.split(",")[header.indexOf("ticket_number")]));
  assert.equal(numbers.size, total, "every ticket once");
  // Every page was one logged request of 250.
  const pages = (await logRows()).filter((r) => r[1] === "listTickets" && r[3].includes("limit=250"));
  assert.equal(pages.length, Math.ceil(total / 250));
});

test("export: Stop aborts the walk through its AbortSignal, and nothing is saved", async () => {
  assert.match(await range(), /^1–25 of \d+$/);
  const total = Number((await range()).split(" of ")[1]);
  // The first export page answers at once, the second only after 60 s (the SDK's
  // 30 s timeout would end its wait first): Stop must end the walk far sooner.
  await queueFaults([{ delay_ms: 0 }, { delay_ms: 60000 }]);
  await page.click('[data-testid="export"]');
  await page.waitForFunction((t) => document.querySelector('[data-testid="export-text"]').textContent === `250 of ${t} rows`, total);
  const started = Date.now();
  await page.click('[data-testid="export-stop"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="export-text"]').textContent.startsWith("Stopped"));
  assert.ok(Date.now() - started < 10_000, "stopped without waiting for the slow page");
  assert.equal(await page.locator('[data-testid="export-text"]').textContent(), `Stopped at 250 of ${total} rows; nothing saved.`);
  assert.equal(await page.locator('[data-testid="export-link"]').isHidden(), true);
  assert.equal(await page.locator('[data-testid="export-stop"]').isHidden(), true);
  assert.equal(await page.locator('[data-testid="error"]').isHidden(), true, "a stop is not an error");
  const [newest] = await logRows();
  assert.deepEqual([newest[1], newest[4]], ["listTickets", "aborted"]);
});

test("a transition refused with 404 shows why, and the in-progress list is read again", async () => {
  await page.click('nav button[data-view="in-progress"]');
  // Wait for this visit's GET to end, or it could take the 404.
  const ipRows = page.locator('[data-testid="in-progress"] tbody tr');
  await ipRows.first().waitFor();
  await page.waitForFunction(() => !document.querySelector("#in-progress-view.loading"));
  await queueFaults([{ status: 404 }]);
  await ipRows.first().locator('button[data-action="complete"]').click();
  const error = page.locator('[data-testid="error"]');
  await error.waitFor({ state: "visible" });
  assert.match(await error.textContent(), /http 404.*No in-progress ticket has this id: it may have been completed, cancelled or outsourced already\./);
  await page.waitForFunction(() => document.querySelector('[data-testid="log-rows"] tr')?.cells[1].textContent === "listInProgressTickets");
  const [reread, refused] = (await logRows()).map((r) => [r[1], r[2], r[4]]);
  assert.deepEqual([refused, reread], [["complete", "PATCH", "404"], ["listInProgressTickets", "GET", "200"]]);
  assert.equal(await error.isVisible(), true, "the error stays while the list is read again");
});

test("on a 390 px wide screen the page never scrolls sideways: a wide table scrolls in its own box", async () => {
  const narrow = await browser.newPage({ viewport: { width: 390, height: 844 } });
  try {
    await narrow.goto(`${origin}/`);
    await narrow.waitForFunction(() => document.querySelectorAll('[data-testid="tickets"] tbody tr').length > 0 && !document.querySelector("#tickets-view.loading"));
    const widths = () => narrow.evaluate(() => ({ page: document.documentElement.scrollWidth, body: document.body.scrollWidth, viewport: window.innerWidth }));
    assert.deepEqual(await widths(), { page: 390, body: 390, viewport: 390 });
    // The table is wider than the screen: its own box scrolls.
    const box = await narrow.locator('[data-testid="tickets"]').evaluate((t) => ({ scroll: t.parentElement.scrollWidth, client: t.parentElement.clientWidth, overflow: getComputedStyle(t.parentElement).overflowX }));
    assert.ok(box.scroll > box.client, JSON.stringify(box));
    assert.equal(box.overflow, "auto");
    // A ticket's detail and the in-progress list keep within the screen too.
    await narrow.locator('[data-testid="tickets"] tbody tr').first().click();
    await narrow.locator('[data-testid="detail"]').waitFor({ state: "visible" });
    assert.deepEqual(await widths(), { page: 390, body: 390, viewport: 390 });
    await narrow.click('nav button[data-view="in-progress"]');
    await narrow.locator('[data-testid="in-progress"] tbody tr').first().waitFor();
    assert.deepEqual(await widths(), { page: 390, body: 390, viewport: 390 });
    await narrow.screenshot({ path: join(artifacts, "demo-390px.png"), fullPage: true });
  } finally {
    await narrow.context().close();
  }
});
