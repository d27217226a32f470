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
  "jifeline-tickets/client-credentials": await import("jifeline-tickets/client-credentials"),
  "jifeline-tickets/client-credentials (require)": require("jifeline-tickets/client-credentials"),
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

test("TICKET_STATES and SORT_FIELDS: the same frozen lists from every entry, what the SDK accepts", async () => {
  const states = ["prepared", "pending", "in_progress", "outsourced", "closed", "cancelled"];
  const fields = ["created_at", "updated_at", "ticket_number", "finished_at", "assigned_at", "vehicle_model_id"];
  for (const entry of ["jifeline-tickets (Node import)", "jifeline-tickets (Node require)", "jifeline-tickets/web"]) {
    const { TICKET_STATES, SORT_FIELDS } = entries[entry];
    assert.deepEqual([...TICKET_STATES], states, entry);
    assert.deepEqual([...SORT_FIELDS], fields, entry);
    assert.ok(Object.isFrozen(TICKET_STATES) && Object.isFrozen(SORT_FIELDS), entry);
    assert.throws(() => TICKET_STATES.push("x"), TypeError);
  }
  // The browser entry re-exports the same file.
  assert.match(readFileSync(join(pkgDir, "index.js"), "utf8"), /import \{ TICKET_STATES, SORT_FIELDS \} from "\.\/lists\.js";/);
  // Each is accepted by the SDK's own checks: every state in one filter, each field in a sort.
  const { TicketsApi, TICKET_STATES, SORT_FIELDS } = entries["jifeline-tickets (Node import)"];
  const sent = [];
  const api = new TicketsApi({ baseUrl: "https://api.example", fetch: async (request) => {
    sent.push(new URL(request.url).search);
    return new Response(JSON.stringify({ query: {}, result: [], total: 0 }), { headers: { "content-type": "application/json" } });
  } });
  await api.listTickets({ state: [...TICKET_STATES] });
  for (const field of SORT_FIELDS) await api.listTickets({ sort_by: { [field]: "asc" } });
  assert.equal(sent.length, 1 + fields.length);
});

test("clientCredentials: one function from the Node entries and the client-credentials subpath", () => {
  const fn = entries["jifeline-tickets (Node import)"].clientCredentials;
  assert.equal(typeof fn, "function");
  assert.equal(entries["jifeline-tickets/client-credentials"].clientCredentials, fn);
  assert.equal(entries["jifeline-tickets/client-credentials (require)"].clientCredentials, entries["jifeline-tickets (Node require)"].clientCredentials);
});
