// End-to-end: the demo page in headless Chromium against the real mock API,
// both started the way ./scripts/demo.sh starts them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { root, startMock, stopMocks, launchChromium } from "../support/harness.mjs";

const artifacts = join(root, "tests", "artifacts");
let browser, page, origin;

before(async () => {
  origin = await startMock(["--www", "www", "--pkg", "dist/pkg"]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (e) => console.error("page error:", e));
  await page.goto(origin + "/");
});

after(async () => {
  await browser?.close();
  stopMocks();
});

const rows = () => page.locator('[data-testid="tickets"] tbody tr');
const range = () => page.locator('[data-testid="range"]').textContent();
const firstNumbers = async () => (await rows().locator("td:first-child").allTextContents()).slice(0, 3);

test("the first page shows rows and the total", async () => {
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="tickets"] tbody tr').length > 0);
  assert.equal(await rows().count(), 25);
  assert.match(await range(), /^1–25 of \d+$/);
});

test("a state filter narrows the list", async () => {
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
  await page.uncheck('input[name="state"][value="cancelled"]');
  await page.fill('input[name="ticket_number"]', number);
  await page.click('[data-testid="filters"] button[type="submit"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="range"]').textContent === "1–1 of 1");
  assert.equal(await rows().locator(".state").textContent(), "closed");
});

test("an injected server error shows a readable message", async () => {
  const res = await fetch(origin + "/__mock/faults", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify([{ status: 500 }]),
  });
  assert.ok(res.ok);
  await page.fill('input[name="ticket_number"]', "");
  await page.click('[data-testid="filters"] button[type="submit"]');
  const error = page.locator('[data-testid="error"]');
  await error.waitFor({ state: "visible" });
  const text = await error.textContent();
  assert.match(text, /http 500/);
  assert.match(text, /failed with status 500/);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, "demo-error.png"), fullPage: true });
});

test("the demo recovers and a screenshot of the list is saved", async () => {
  await page.click('[data-testid="filters"] button[type="submit"]');
  await page.locator('[data-testid="error"]').waitFor({ state: "hidden" });
  assert.equal(await rows().count(), 25);
  await page.screenshot({ path: join(artifacts, "demo.png"), fullPage: true });
});
