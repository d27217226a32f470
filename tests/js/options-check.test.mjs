// Bad constructor options throw the same error before the module is loaded
// (the facade's JavaScript check) as after (the module's own check).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { TicketsApi } from "jifeline-tickets";
import { optionRows, outcome } from "./bad-options.mjs";

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve("jifeline-tickets/package.json"));
const { checkOptions } = await import(join(pkgDir, "options-check.js"));

test(`the JavaScript check and the module agree on every row (${optionRows.length} rows)`, () => {
  const refused = [];
  for (const [name, options] of optionRows) {
    const merged = typeof options === "object" && options !== null && !Array.isArray(options) ? { redirect: "manual", ...options } : options;
    const byModule = outcome(() => new TicketsApi(options));
    const byScript = outcome(() => checkOptions(merged));
    assert.deepEqual(byScript, byModule, name);
    if (byModule) refused.push(name);
  }
  assert.ok(refused.length >= 30, `${refused.length} refused rows`);
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
