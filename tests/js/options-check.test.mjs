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
