// Every export of every entry is documented in the npm README, and the README
// names no export that does not exist.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve("jifeline-tickets/package.json"));
const readme = readFileSync(join(pkgDir, "README.md"), "utf8");
const exportsTable = readme.slice(readme.indexOf("## Exports"), readme.indexOf("## Options"));

const entries = {
  "jifeline-tickets (Node import)": await import("jifeline-tickets"),
  "jifeline-tickets (Node require)": require("jifeline-tickets"),
  "jifeline-tickets/web": await import("jifeline-tickets/web"),
  "jifeline-tickets/testing": await import("jifeline-tickets/testing"),
  "jifeline-tickets/testing (require)": require("jifeline-tickets/testing"),
  // The browser entry, read as text: importing it under Node would pick the Node entry.
};

test("every export of every entry is in the README's exports table", () => {
  const named = new Set();
  for (const [entry, module] of Object.entries(entries)) {
    for (const name of Object.keys(module)) {
      if (name === "default" || name === "module.exports") continue;
      named.add(name);
      assert.ok(exportsTable.includes(`\`${name}`), `${entry} exports ${name}, which the README's exports table does not document`);
    }
  }
  const browser = readFileSync(join(pkgDir, "index.js"), "utf8");
  const browserExports = [...browser.matchAll(/export (?:async function|function|class) (\w+)|export \{([^}]+)\}/g)].flatMap((m) => (m[1] ? [m[1]] : m[2].split(",").map((x) => x.trim().split(/\s+as\s+/).pop())));
  for (const name of browserExports) assert.ok(exportsTable.includes(`\`${name}`), `the browser entry exports ${name}, undocumented`);
  // The other way round: every name in the table exists somewhere.
  for (const [, name] of exportsTable.matchAll(/`(\w+)(?:\([^`]*\))?`/g)) {
    if (["Ticket", "TicketQuery", "TransitionResult", "Hooks", "import", "require", "init", "ready"].includes(name)) continue;
    assert.ok(named.has(name) || browserExports.includes(name), `the README names ${name}, which no entry exports`);
  }
});

test("the README documents retryAfterMs, isJifelineError and ready", () => {
  for (const word of ["retryAfterMs", "isJifelineError(value)", "ready()"]) assert.ok(readme.includes(word), word);
});
