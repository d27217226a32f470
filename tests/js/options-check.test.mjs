// Bad constructor options throw the same error before the module is loaded
// (the facade's JavaScript check) as after (the module's own check).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { TicketsApi } from "jifeline-tickets";
import { optionRows, outcome, asExpected } from "./bad-options.mjs";
import { TICKET_ID } from "./fixtures.mjs";

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve("jifeline-tickets/package.json"));
const { checkOptions } = await import(join(pkgDir, "options-check.js"));

test(`every row of the options table is refused with its field and message (or accepted), by the JavaScript check and the module alike (${optionRows.length} rows)`, () => {
  for (const [name, options, want] of optionRows) {
    const merged = typeof options === "object" && options !== null && !Array.isArray(options) ? { redirect: "manual", ...options } : options;
    const byModule = outcome(() => new TicketsApi(options));
    const byScript = outcome(() => checkOptions(merged));
    assert.deepEqual(byScript, byModule, name);
    if (want !== undefined) assert.deepEqual(asExpected(byModule, want), want, name);
  }
});

test("what only the transport uses is refused with the module loaded too, after the module's own check", () => {
  const f = () => {};
  const base = { baseUrl: "https://api.example" };
  const refused = (options, field, message) => assert.deepEqual(outcome(() => new TicketsApi({ ...base, ...options })), { kind: "validation", field, message }, JSON.stringify(Object.keys(options)));
  refused({ fetch: "fetch" }, "fetch", 'Invalid `fetch`: expected a function such as globalThis.fetch, got the string "fetch".');
  refused({ credentials: "all" }, "credentials", 'Invalid `credentials`: expected "omit", "same-origin" or "include", got the string "all".');
  refused({ redirect: "error" }, "redirect", 'Invalid `redirect`: expected "follow" or "manual", got the string "error".');
  refused({ hooks: f }, "hooks", "Invalid `hooks`: expected an object, got a function.");
  refused({ hooks: { onSend: f } }, "hooks.onSend", "Invalid `hooks.onSend`: is not a hook; expected one of onRequest, onResponse, onRetry, onError.");
  refused({ hooks: { onError: "log" } }, "hooks.onError", 'Invalid `hooks.onError`: expected a function, got the string "log".');
  // The module's options first, as checkOptions orders them: an unknown key, then a bad retry, before a bad fetch.
  refused({ fetch: 1, retry: { limit: 99 } }, "retry.limit", "Invalid `retry.limit`: expected an integer from 0 to 10, got 99.");
  refused({ hooks: 1, base_url: "x" }, "options.base_url", "Invalid `options.base_url`: is not an option of TicketsApi; expected one of baseUrl, accessToken, apiKey, fetch, headers, timeoutMs, retry, credentials, redirect, hooks.");
  assert.equal(outcome(() => new TicketsApi({ ...base, fetch: f, credentials: "include", redirect: "follow", hooks: { onError: f } })), null);
});

test("options every call would fail on are refused at construction, by both checks, naming the field and what was given", () => {
  const base = { baseUrl: "https://api.example" };
  const printable = "must be printable ASCII (space to ~)";
  const trimmed = "must not start or end with a space or tab (fetch would remove it)";
  const port = "expected a port from 1 to 65535 after the host";
  const cases = [
    [{ headers: { "x-a": "a\x01b" } }, "headers.x-a", `${printable} or tabs, got U+0001 at index 1`],
    [{ headers: { "x-a": "😀" } }, "headers.x-a", `${printable} or tabs, got U+1F600 at index 0`],
    [{ headers: { "x-a": "😀😀\x01" } }, "headers.x-a", `${printable} or tabs, got U+1F600 at index 0`],
    [{ headers: { "x-ok": "1", "x-a": "ab\x01" } }, "headers.x-a", `${printable} or tabs, got U+0001 at index 2`],
    [{ headers: { "x-a": "café" } }, "headers.x-a", `${printable} or tabs, got U+00E9 at index 3`],
    [{ headers: { "x-a": "a\ud800b" } }, "headers.x-a", `${printable} or tabs, got U+FFFD at index 1`],
    [{ headers: { "x-a": "1\r\n2" } }, "headers.x-a", `${printable} or tabs, got U+000D at index 1`],
    [{ headers: { "x-a": "a " } }, "headers.x-a", `${trimmed}, got a space at the end`],
    [{ headers: { "x-a": "\ta" } }, "headers.x-a", `${trimmed}, got a tab at the start`],
    [{ baseUrl: "https://a.test:99999" }, "baseUrl", `${port}, got "99999"`],
    [{ baseUrl: "https://a.test:https/v2" }, "baseUrl", `${port}, got "https"`],
    [{ baseUrl: "https://a.test:0" }, "baseUrl", `${port}, got "0"`],
    [{ baseUrl: "https://a.test:/" }, "baseUrl", `${port}, got ""`],
    [{ baseUrl: "http://[::1]:x" }, "baseUrl", `${port}, got "x"`],
    [{ baseUrl: "https://:443" }, "baseUrl", "has no host"],
    [{ accessToken: "é" }, "accessToken", `${printable}, got U+00E9 at index 0`],
    [{ accessToken: "tok\n" }, "accessToken", `${printable}, got U+000A at index 3`],
    [{ accessToken: "tok " }, "accessToken", `${trimmed}, got a space at the end`],
    [{ apiKey: "é" }, "apiKey", `${printable}, got U+00E9 at index 0`],
    [{ apiKey: " key" }, "apiKey", `${trimmed}, got a space at the start`],
  ];
  for (const [options, field, reason] of cases) {
    const want = { kind: "validation", field, message: `Invalid \`${field}\`: ${reason}.` };
    assert.deepEqual(outcome(() => new TicketsApi({ ...base, ...options })), want, JSON.stringify(options));
    assert.deepEqual(outcome(() => checkOptions({ ...base, ...options })), want, JSON.stringify(options));
  }
  for (const options of [
    { baseUrl: "http://[::1]:8080/api" },
    { baseUrl: "https://a.test:065535" },
    { baseUrl: "https://a.test:1/" },
    { headers: { "x-a": "a\tb c~", "x-b": "" } },
    { accessToken: "tok en", apiKey: "k~y" },
  ]) {
    assert.equal(outcome(() => new TicketsApi({ ...base, ...options })), null, JSON.stringify(options));
    assert.equal(outcome(() => checkOptions({ ...base, ...options })), null, JSON.stringify(options));
  }
});

test("content-type and accept headers are refused by both checks, naming the header as given", () => {
  const base = { baseUrl: "https://api.example" };
  const cases = [
    [{ "content-type": "text/plain" }, "headers.content-type", "Invalid `headers.content-type`: the SDK sets it for JSON bodies."],
    [{ "Content-Type": "application/json" }, "headers.Content-Type", "Invalid `headers.Content-Type`: the SDK sets it for JSON bodies."],
    [{ accept: "*/*" }, "headers.accept", "Invalid `headers.accept`: the SDK asks for application/json."],
    [{ ACCEPT: "application/json" }, "headers.ACCEPT", "Invalid `headers.ACCEPT`: the SDK asks for application/json."],
  ];
  for (const [headers, field, message] of cases) {
    const want = { kind: "validation", field, message };
    assert.deepEqual(outcome(() => new TicketsApi({ ...base, headers })), want, JSON.stringify(headers));
    assert.deepEqual(outcome(() => checkOptions({ ...base, headers })), want, JSON.stringify(headers));
  }
});

test("retry: true is accepted by both checks (the defaults, as the types document)", () => {
  const options = { baseUrl: "https://api.example", retry: true };
  assert.equal(outcome(() => new TicketsApi(options)), null);
  assert.equal(outcome(() => checkOptions(options)), null);
});

test("the retry delays' upper bounds: the bound is accepted, one more is refused with the bound in the message, by both checks and per call", async () => {
  const base = { baseUrl: "https://api.example" };
  const bounds = [
    ["limit", 10],
    ["baseDelayMs", 600_000],
    ["maxDelayMs", 3_600_000],
    ["maxRetryAfterMs", 3_600_000],
  ];
  for (const [key, max] of bounds) {
    const atBound = { ...base, retry: { [key]: max } };
    assert.equal(outcome(() => new TicketsApi(atBound)), null, `${key}: ${max}`);
    assert.equal(outcome(() => checkOptions(atBound)), null, `${key}: ${max}`);
    const over = { ...base, retry: { [key]: max + 1 } };
    const want = { kind: "validation", field: `retry.${key}`, message: `Invalid \`retry.${key}\`: expected an integer from 0 to ${max}, got ${max + 1}.` };
    assert.deepEqual(outcome(() => new TicketsApi(over)), want, `${key}: ${max + 1}`);
    assert.deepEqual(outcome(() => checkOptions(over)), want, `${key}: ${max + 1}`);
  }
  const all = { ...base, retry: Object.fromEntries(bounds) };
  assert.equal(outcome(() => new TicketsApi(all)), null, "every bound at once");
  // A call's own retry option: the same bounds, named options.retry.…, and nothing sent.
  const api = new TicketsApi({ ...base, fetch: () => assert.fail("nothing is sent") });
  for (const [key, max] of bounds) {
    const e = await api.listTickets({}, { retry: { [key]: max + 1 } }).catch((e) => e);
    assert.deepEqual(
      { kind: e.kind, field: e.field, message: e.message },
      { kind: "validation", field: `options.retry.${key}`, message: `Invalid \`options.retry.${key}\`: expected an integer from 0 to ${max}, got ${max + 1}.` },
    );
  }
});

test("a token function's token is held to the same rule, at the call", async () => {
  const api = new TicketsApi({ baseUrl: "https://api.example", accessToken: () => "é", fetch: () => assert.fail("nothing is sent") });
  const e = await api.getTicket(TICKET_ID).catch((e) => e);
  assert.deepEqual([e.kind, e.field, e.message], ["validation", "accessToken", "Invalid `accessToken`: must be printable ASCII (space to ~), got U+00E9 at index 0."]);
});
