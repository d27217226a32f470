// What an error carries for a portal: transitions that fail safely, method and
// URL, cause, toJSON, per-call retry rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runInNewContext } from "node:vm";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { TicketsApi, JifelineError, isJifelineError } from "jifeline-tickets";
import { createMockFetch } from "jifeline-tickets/testing";
import { startServer, problem } from "./server.mjs";
import * as f from "./fixtures.mjs";

const TOKEN = "tok-SECRET-errors-3c1";

async function withServer(respond, body) {
  const server = await startServer(respond);
  try {
    await body(new TicketsApi({ baseUrl: server.url, accessToken: TOKEN, retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 1 } }), server);
  } finally {
    await server.close();
  }
}

const PATCH_URL = (server) => `${server.url}/v2/tickets/in-progress-tickets/${f.TICKET_ID}`;
const MAY_HAVE = "The transition may have been applied: read the ticket before sending it again.";

test("a transition answered by a timeout, a dropped connection or a 5xx is not retryable, says why, and is sent exactly once", async () => {
  const cases = [
    // Never answered; a timeout of 1 s, so that the PATCH surely reaches the server before it fires.
    [() => new Promise(() => {}), "timeout", { timeoutMs: 1000 }, "timed out after 1000 ms."],
    [() => ({ destroy: true }), "network", {}, "failed: network error ("],
    [() => problem(503, "Service Unavailable", "busy"), "http", {}, "failed with status 503 (Service Unavailable): busy."],
    [() => problem(500, "Internal Server Error", "oops"), "http", {}, "failed with status 500 (Internal Server Error): oops."],
  ];
  for (const [reply, kind, options, said] of cases) {
    await withServer(reply, async (api, server) => {
      const e = await api.complete(f.TICKET_ID, options).catch((e) => e);
      assert.equal(e.kind, kind);
      assert.equal(e.retryable, false, `${kind} ${e.status ?? ""}`);
      assert.ok(e.message.startsWith(`PATCH /v2/tickets/in-progress-tickets/${f.TICKET_ID} ${said}`), e.message);
      assert.ok(e.message.endsWith(MAY_HAVE), e.message);
      // A re-send would have come within the 1 ms backoff; wait far longer.
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(server.requests.length, 1, "sent once, never twice");
      assert.equal(server.requests[0].method, "PATCH");
    });
  }
});

test("a transition answered 429 is retryable (the server did not act); 404 and 409 say the ticket is no longer in progress", async () => {
  await withServer(() => ({ ...problem(429, "Too Many Requests", "slow down"), headers: { "content-type": "application/problem+json", "retry-after": "3" } }), async (api) => {
    const e = await api.cancel(f.TICKET_ID, { cancel_reason_id: 2 }).catch((e) => e);
    assert.deepEqual([e.status, e.retryable, e.retryAfterMs], [429, true, 3000]);
  });
  for (const status of [404, 409]) {
    await withServer(() => problem(status, "Gone", "no in-progress ticket"), async (api) => {
      const e = await api.complete(f.TICKET_ID).catch((e) => e);
      assert.equal(e.retryable, false);
      assert.ok(e.message.endsWith("No in-progress ticket has this id: it may have been completed, cancelled or outsourced already."), e.message);
    });
  }
});

test("reads keep their meaning: a GET timing out is retryable", async () => {
  await withServer(() => new Promise(() => {}), async (api) => {
    const e = await api.getTicket(f.TICKET_ID, { timeoutMs: 30, retry: false }).catch((e) => e);
    assert.deepEqual([e.kind, e.retryable], ["timeout", true]);
    assert.ok(!e.message.includes("transition"));
  });
});

test("every error of a request carries its method and URL, and JSON.stringify keeps what a log needs", async () => {
  await withServer(() => problem(404, "Not Found", "no ticket"), async (api, server) => {
    const e = await api.getTicket(f.TICKET_ID).catch((e) => e);
    assert.equal(e.method, "GET");
    assert.equal(e.url, `${server.url}/v2/tickets/tickets/${f.TICKET_ID}`);
    assert.deepEqual(JSON.parse(JSON.stringify(e)), {
      name: "JifelineError",
      kind: "http",
      message: e.message,
      status: 404,
      method: "GET",
      url: e.url,
      retryable: false,
      problem: { type: "about:blank", title: "Not Found", status: 404, detail: "no ticket" },
    });
    assert.ok(!JSON.stringify(e).includes("SECRET"));
    const bad = await api.getTicket("nope").catch((e) => e);
    assert.deepEqual(JSON.parse(JSON.stringify(bad)), { name: "JifelineError", kind: "validation", message: bad.message, field: "ticketId", retryable: false });
    assert.equal(bad.url, undefined, "nothing was built");
  });
  await withServer(() => ({ destroy: true }), async (api, server) => {
    const e = await api.complete(f.TICKET_ID).catch((e) => e);
    assert.deepEqual([e.method, e.url], ["PATCH", PATCH_URL(server)]);
  });
});

test("cause: what the accessToken function or fetch threw, the signal's reason on an abort", async () => {
  const session = new Error("session expired");
  const byToken = await new TicketsApi({ baseUrl: "https://api.example", accessToken: () => Promise.reject(session) }).listTickets().catch((e) => e);
  assert.equal(byToken.kind, "auth");
  assert.equal(byToken.cause, session);
  const offline = new TypeError("offline");
  const byFetch = await new TicketsApi({ baseUrl: "https://api.example", retry: false, fetch: async () => { throw offline; } }).listTickets().catch((e) => e);
  assert.equal(byFetch.kind, "network");
  assert.equal(byFetch.cause, offline);
  await withServer(() => new Promise(() => {}), async (api) => {
    const controller = new AbortController();
    const pending = api.listTickets({}, { signal: controller.signal }).catch((e) => e);
    const why = new Error("the user left the page");
    setTimeout(() => controller.abort(why), 20);
    const e = await pending;
    assert.equal(e.kind, "aborted");
    assert.equal(e.cause, why);
  });
  assert.ok(byToken instanceof JifelineError && byToken instanceof Error);
});

test("a per-call retry option overrides the client's: false for none, an object for its own rules", async () => {
  await withServer(() => problem(503, "Service Unavailable", "busy"), async (api, server) => {
    await api.listTickets({}, { retry: false }).catch(() => {});
    assert.equal(server.requests.length, 1);
    await api.listTickets({}, { retry: { limit: 4, baseDelayMs: 1, maxDelayMs: 1 } }).catch(() => {});
    assert.equal(server.requests.length, 1 + 5);
    await api.listTickets().catch(() => {});
    assert.equal(server.requests.length, 1 + 5 + 3, "the client's rules otherwise");
    const e = await api.listTickets({}, { retry: { limits: 1 } }).catch((e) => e);
    assert.deepEqual([e.field, e.message], ["options.retry.limits", "Invalid `options.retry.limits`: is not a retry option; expected one of limit, baseDelayMs, maxDelayMs, maxRetryAfterMs."]);
  });
});

test("an error about an answer carries the answer's headers; one without an answer has none", async () => {
  await withServer(() => ({ ...problem(404, "Not Found", "no ticket"), headers: { "content-type": "application/problem+json", "x-request-id": "req-7f3" } }), async (api) => {
    const e = await api.getTicket(f.TICKET_ID).catch((e) => e);
    assert.ok(e.headers instanceof Headers);
    assert.equal(e.headers.get("x-request-id"), "req-7f3");
    assert.ok(!("headers" in JSON.parse(JSON.stringify(e))), "not in toJSON: headers may be large");
  });
  await withServer(() => ({ destroy: true }), async (api) => {
    const e = await api.getTicket(f.TICKET_ID, { retry: false }).catch((e) => e);
    assert.equal(e.kind, "network");
    assert.equal(e.headers, undefined);
  });
});

test("a rejection's stack starts at the caller's line, with no wasm frames", async () => {
  const api = new TicketsApi({ baseUrl: "https://api.example" });
  const here = new Error().stack.split("\n")[1].match(/errors\.test\.mjs:(\d+)/)[1];
  const e = await api.getTicket("nope").catch((e) => e);
  const [first, caller] = e.stack.split("\n");
  assert.equal(first, `JifelineError: ${e.message}`);
  assert.match(caller, new RegExp(`errors\\.test\\.mjs:${Number(here) + 1}:`), e.stack);
  assert.ok(!/wasm/.test(e.stack), e.stack);
  const page = api.tickets({ limit: -1 });
  const fromIterator = await page.next().catch((e) => e);
  assert.ok(!/wasm/.test(fromIterator.stack), fromIterator.stack);
});

test("a constructor error's stack starts at the caller's line, import and require alike", () => {
  const cjs = createRequire(import.meta.url)("jifeline-tickets");
  for (const Api of [TicketsApi, cjs.TicketsApi, class Portal extends TicketsApi {}]) {
    const here = Number(new Error().stack.split("\n")[1].match(/errors\.test\.mjs:(\d+)/)[1]);
    let e;
    try {
      new Api({ baseUrl: "nope" });
    } catch (thrown) {
      e = thrown;
    }
    const [first, caller] = e.stack.split("\n");
    assert.equal(first, `JifelineError: ${e.message}`);
    assert.match(caller, new RegExp(`errors\\.test\\.mjs:${here + 3}:`), e.stack);
    assert.ok(!/wasm|facade\.js|node\.(mjs|cjs)/.test(e.stack), e.stack);
  }
});

test("isJifelineError tells a JifelineError of another realm (node:vm) or another copy of the package, and nothing else", async () => {
  // What another copy of the package, loaded in another realm, throws: an Error of that realm.
  const foreign = runInNewContext(`
    class JifelineError extends Error {
      constructor(message, kind) { super(message); this.name = "JifelineError"; this.kind = kind; }
    }
    new JifelineError("Invalid \`limit\`: expected an integer from 0 to 1000, got 1.5.", "validation");
  `);
  assert.equal(foreign instanceof Error, false, "another realm's Error is not an instanceof this realm's");
  assert.equal(foreign instanceof JifelineError, false);
  assert.equal(isJifelineError(foreign), true);
  // A plain Error of the other realm, or one named so without `kind`, is not one.
  assert.equal(isJifelineError(runInNewContext(`new Error("x")`)), false);
  assert.equal(isJifelineError(runInNewContext(`Object.assign(new Error("x"), { name: "JifelineError" })`)), false);
  // Nor an object that only looks like one, of either realm.
  assert.equal(isJifelineError({ name: "JifelineError", kind: "http", message: "x" }), false);
  assert.equal(isJifelineError(runInNewContext(`({ name: "JifelineError", kind: "http", message: "x" })`)), false);
  for (const v of [null, undefined, "JifelineError", 42]) assert.equal(isJifelineError(v), false, String(v));
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  assert.equal(isJifelineError(revoked.proxy), false);
  // This realm's own, and one from a call.
  assert.equal(isJifelineError(new JifelineError("x", { kind: "network" })), true);
  const own = await new TicketsApi({ baseUrl: "https://api.example" }).getTicket("nope").catch((e) => e);
  assert.equal(isJifelineError(own), true);
  // Where the engine has Error.isError, that is what tells an Error of any realm.
  const had = Object.getOwnPropertyDescriptor(Error, "isError");
  const asked = [];
  Object.defineProperty(Error, "isError", {
    configurable: true,
    writable: true,
    value: (v) => {
      asked.push(v);
      return Object.prototype.toString.call(v) === "[object Error]";
    },
  });
  try {
    assert.equal(isJifelineError(foreign), true);
    assert.deepEqual(asked, [foreign]);
  } finally {
    if (had) Object.defineProperty(Error, "isError", had);
    else delete Error.isError;
  }
});

test("one JifelineError: instanceof holds whichever entry and format (import, require, testing) made the error", async () => {
  const require = createRequire(import.meta.url);
  const cjs = require("jifeline-tickets");
  const cjsTesting = require("jifeline-tickets/testing");
  const thrown = (f) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    throw new Error("did not throw");
  };
  const made = {
    "import: constructor": thrown(() => new TicketsApi({ baseUrl: "nope" })),
    "require: constructor": thrown(() => new cjs.TicketsApi({ baseUrl: "nope" })),
    "import: call": await new TicketsApi({ baseUrl: "https://api.example" }).getTicket("nope").catch((e) => e),
    "require: call": await new cjs.TicketsApi({ baseUrl: "https://api.example" }).getTicket("nope").catch((e) => e),
    "import testing": await createMockFetch({ seed: "x" }).catch((e) => e),
    "require testing": await cjsTesting.createMockFetch({ seed: "x" }).catch((e) => e),
    "import: new": new JifelineError("x", { kind: "network" }),
    "require: new": new cjs.JifelineError("x", { kind: "network" }),
  };
  for (const [from, e] of Object.entries(made)) {
    assert.equal(e.name, "JifelineError", from);
    assert.equal(e instanceof JifelineError, true, `${from}, instanceof the import's class`);
    assert.equal(e instanceof cjs.JifelineError, true, `${from}, instanceof the require's class`);
    assert.equal(e instanceof Error, true, from);
  }
  // Nothing else is one: a plain Error, one named so, an object that looks like one.
  for (const other of [new Error("x"), Object.assign(new Error("x"), { name: "JifelineError", kind: "http" }), { name: "JifelineError", kind: "http" }, null, "x"]) {
    assert.equal(other instanceof JifelineError, false);
    assert.equal(other instanceof cjs.JifelineError, false);
  }
  // A subclass keeps the ordinary test.
  class NotFound extends JifelineError {}
  assert.equal(new NotFound("x", { kind: "http" }) instanceof NotFound, true);
  assert.equal(made["import: new"] instanceof NotFound, false);
  assert.equal(new NotFound("x", { kind: "http" }) instanceof cjs.JifelineError, true);
});

test("an error posted from a worker: structuredClone keeps a plain Error, error.toJSON() keeps what a portal reads", async () => {
  const e = await new TicketsApi({ baseUrl: "https://api.example" }).getTicket("nope").catch((e) => e);
  // What postMessage does to the error itself: no `kind`, and the name of its prototype's class.
  const cloned = structuredClone(e);
  assert.equal(cloned.name, "Error");
  assert.ok(!("kind" in cloned));
  assert.equal(isJifelineError(cloned), false);
  // What the README says to post instead.
  const posted = structuredClone(e.toJSON());
  assert.deepEqual(posted, { name: "JifelineError", kind: "validation", message: e.message, field: "ticketId", retryable: false });
});

test("a transition aborted while its request is out may have been applied, and says so; aborted before it left, it says nothing of the kind", async () => {
  await withServer(() => ({ delayMs: 2000, status: 303, headers: { location: `/v2/tickets/tickets/${f.TICKET_ID}` } }), async (api, server) => {
    const controller = new AbortController();
    const pending = api.complete(f.TICKET_ID, { signal: controller.signal }).catch((e) => e);
    while (server.requests.length < 1) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const e = await pending;
    assert.deepEqual([e.kind, e.retryable], ["aborted", false]);
    assert.equal(e.message, `PATCH ${PATCH_URL(server)} was aborted. ${MAY_HAVE}`.replace(server.url, ""));
    const before = await api.complete(f.TICKET_ID, { signal: AbortSignal.abort() }).catch((e) => e);
    assert.equal(before.message, `PATCH /v2/tickets/in-progress-tickets/${f.TICKET_ID} was aborted.`);
    assert.equal(server.requests.length, 1);
  });
});

test("a transition's Location is resolved against the request as a browser resolves it; one that is no http(s) URL is a decode error", async () => {
  const base = (server) => `${server.url}/v2/tickets/in-progress-tickets/${f.TICKET_ID}`;
  const cases = [
    ["//evil.example/v2/tickets/tickets/x", () => "http://evil.example/v2/tickets/tickets/x"],
    ["?a=1", (server) => `${base(server)}?a=1`],
    ["tickets/x", (server) => `${server.url}/v2/tickets/in-progress-tickets/tickets/x`],
  ];
  for (const [location, expected] of cases) {
    await withServer((req) => (req.method === "PATCH" ? { status: 303, headers: { location } } : { status: 404 }), async (api, server) => {
      const result = await api.complete(f.TICKET_ID);
      assert.equal(result.location, expected(server), location);
      assert.doesNotThrow(() => new URL(result.location));
      assert.equal(server.requests.length, 1, "a location off the API's ticket paths is reported, not read");
    });
  }
  for (const [reply, field] of [
    [{ status: 303, headers: { location: "javascript:alert(1)" } }, "Location"],
    [{ status: 204 }, undefined],
    [{ status: 200, json: {} }, undefined],
  ]) {
    await withServer(() => reply, async (api) => {
      const e = await api.complete(f.TICKET_ID).catch((e) => e);
      assert.deepEqual([e.kind, e.field, e.retryable], ["decode", field, false], JSON.stringify(reply));
      assert.ok(e.message.endsWith(MAY_HAVE), e.message);
      if (field) assert.match(e.message, /expected an http or https URL or a reference to one, got the string "javascript:alert\(1\)"/);
    });
  }
});

test("a query whose URL would pass 8192 characters is refused before sending, naming the field; no error holds more than a few KB", async () => {
  await withServer(
    () => problem(400, "Bad Request", "y".repeat(100_000)),
    async (api, server) => {
      const huge = "x".repeat(10 * 2 ** 20);
      const cases = [
        [() => api.listTickets({ external_reference: huge, limit: 5 }), "external_reference"],
        [() => api.listTickets({ voucher_code: "v".repeat(9000) }), "voucher_code"],
        [() => api.tickets({ state: ["closed"], external_reference: "é".repeat(3000) }).next(), "external_reference"],
      ];
      for (const [call, field] of cases) {
        const e = await call().catch((e) => e);
        assert.equal(e.kind, "validation");
        assert.equal(e.field, field);
        assert.match(e.message, new RegExp(`^Invalid \`${field}\`: makes the request's URL \\d+ characters long, longer than the 8192 that servers accept; nothing was sent\\.$`));
        assert.ok(JSON.stringify(e).length < 4096, `${field}: ${JSON.stringify(e).length}`);
      }
      assert.equal(server.requests.length, 0, "nothing sent");
      // Just under the bound is sent as it is.
      const base = `${server.url}/v2/tickets/tickets?external_reference=`.length;
      await api.listTickets({ external_reference: "r".repeat(8192 - base) }).catch(() => {});
      assert.equal(server.requests.length, 1);
      assert.equal(`${server.url}${server.requests[0].path}?${server.requests[0].rawQuery}`.length, 8192);
      // A server's long problem: the message and toJSON() quote it cut, `problem` keeps it whole.
      const e = await api.listTickets({ state: ["pending"] }).catch((e) => e);
      assert.equal(e.problem.detail.length, 100_000);
      assert.ok(e.message.length < 1024, e.message.length);
      assert.ok(JSON.stringify(e).length < 4096, JSON.stringify(e).length);
      assert.equal(e.toJSON().problem.detail, `${"y".repeat(300)}…`);
    },
  );
});

test("an error's fields are one list: what the module sets, the class's constructor and toJSON, and index.d.ts", async () => {
  const pkgDir = dirname(createRequire(import.meta.url).resolve("jifeline-tickets/package.json"));
  const dts = readFileSync(join(pkgDir, "index.d.ts"), "utf8");
  const errorsJs = readFileSync(join(pkgDir, "errors.js"), "utf8");
  /** The body of `export interface NAME`, up to its closing brace. */
  const body = (name) => {
    const start = dts.indexOf(`export interface ${name} `);
    assert.ok(start >= 0, `no interface ${name}`);
    return dts.slice(start, dts.indexOf("\n}", start));
  };
  const sorted = (names) => [...new Set(names)].sort();
  const members = (text) => [...text.matchAll(/^ {2}(?:readonly )?(\w+)\??:/gm)].map((m) => m[1]);
  // What the module sets (src/errors.rs): an answer's error, a refused input, a thrown fetch.
  const errors = [];
  await withServer(() => ({ ...problem(429, "Too Many Requests", "slow down"), headers: { "content-type": "application/problem+json", "retry-after": "3" } }), async (api) => {
    errors.push(await api.cancel(f.TICKET_ID, { cancel_reason_id: 2 }).catch((e) => e));
  });
  errors.push(await new TicketsApi({ baseUrl: "https://api.example" }).getTicket("nope").catch((e) => e));
  errors.push(await new TicketsApi({ baseUrl: "https://api.example", retry: false, fetch: async () => { throw new TypeError("offline"); } }).listTickets().catch((e) => e));
  const set = sorted(errors.flatMap((e) => Object.getOwnPropertyNames(e).filter((k) => !["name", "message", "stack"].includes(k))));
  const details = sorted(members(body("JifelineErrorDetails")));
  assert.deepEqual(set, details, "the fields the module sets are JifelineErrorDetails'");
  assert.deepEqual(sorted(members(body("JifelineErrorBase")).filter((k) => k !== "name")), details, "JifelineErrorBase");
  const jsdoc = errorsJs.match(/@param \{\{(.*)\}\} details/)?.[1];
  assert.deepEqual(sorted([...(jsdoc ?? "").matchAll(/(\w+)\??: /g)].map((m) => m[1])), details, "errors.js: the constructor's JSDoc");
  // The constructor keeps every field it is given.
  const given = Object.fromEntries(details.map((k) => [k, k === "kind" ? "http" : k === "retryable" ? true : `the ${k}`]));
  const made = new JifelineError("m", given);
  for (const k of details) assert.equal(made[k], given[k], `the constructor keeps ${k}`);
  // toJSON: what it keeps (of an error with every field), its declared type and the sentence documenting it.
  const logged = Object.keys(made.toJSON());
  const declared = dts.match(/toJSON\(\): \{ (.*) \};/)?.[1] ?? "";
  assert.deepEqual(logged, [...declared.matchAll(/(\w+)\??: /g)].map((m) => m[1]), "toJSON's declared type, in order");
  const sentence = dts.match(/`JSON\.stringify\(error\)` keeps (.*)\. \*\//)?.[1] ?? "";
  assert.deepEqual(logged, sentence.split(/, | and /), "toJSON's doc comment, in order");
  assert.deepEqual(
    details.filter((k) => !logged.includes(k)),
    ["cause", "headers"],
    "toJSON leaves out only what may be large or not serialisable",
  );
});
