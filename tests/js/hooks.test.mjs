// The observe-only hooks: their order and exact contents for a success, a
// retried 503, a timeout, an abort and a 303, and that a throwing or
// rejecting hook neither breaks nor delays a call.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TicketsApi, JifelineError } from "jifeline-tickets";
import { startServer, problem } from "./server.mjs";
import * as f from "./fixtures.mjs";

const TOKEN = "tok-SECRET-hooks-51e";
const API_KEY = "key-SECRET-hooks-9a0";

/** A client whose four hooks record `[name, event]` into `events`. */
function recorded(baseUrl, extra = {}) {
  const events = [];
  const hook = (name) => (event) => void events.push([name, event]);
  const api = new TicketsApi({
    baseUrl,
    accessToken: TOKEN,
    apiKey: API_KEY,
    retry: { limit: 2, baseDelayMs: 5, maxDelayMs: 5 },
    hooks: { onRequest: hook("onRequest"), onResponse: hook("onResponse"), onRetry: hook("onRetry"), onError: hook("onError") },
    ...extra,
  });
  return { api, events };
}

/** The events with their timings replaced by `typeof`, so they compare exactly. */
function shape(events) {
  return events.map(([name, e]) => {
    const copy = { ...e };
    for (const k of ["durationMs", "delayMs"]) {
      if (k in copy) {
        assert.ok(Number.isFinite(copy[k]) && copy[k] >= 0, `${name}.${k} = ${copy[k]}`);
        copy[k] = k === "delayMs" && copy[k] === 0 ? 0 : "ms";
      }
    }
    if (copy.error !== undefined) {
      assert.ok(copy.error instanceof JifelineError, `${name}.error is a JifelineError`);
      copy.error = `${copy.error.kind}${copy.error.status ? ` ${copy.error.status}` : ""}`;
    }
    return [name, copy];
  });
}

test("a success: onRequest then onResponse, with method, URL, attempt, status and duration", async () => {
  const server = await startServer(() => ({ json: f.page([f.ticket(0)], 1) }));
  try {
    const { api, events } = recorded(server.url);
    await api.listTickets({ limit: 1, state: ["in_progress"] });
    const url = `${server.url}/v2/tickets/tickets?limit=1&state=in_progress`;
    assert.deepEqual(shape(events), [
      ["onRequest", { operation: "listTickets", method: "GET", url, attempt: 1 }],
      ["onResponse", { operation: "listTickets", method: "GET", url, attempt: 1, status: 200, durationMs: "ms" }],
    ]);
  } finally {
    await server.close();
  }
});

test("a retried 503: onResponse 503, onRetry with the delay and the error, then the second attempt", async () => {
  const server = await startServer((_, n) => (n === 0 ? { ...problem(503, "Service Unavailable", "busy"), headers: { "content-type": "application/problem+json", "retry-after": "0" } } : { json: f.ticket(0) }));
  try {
    const { api, events } = recorded(server.url);
    await api.getTicket(f.TICKET_ID);
    const url = `${server.url}/v2/tickets/tickets/${f.TICKET_ID}`;
    const base = { operation: "getTicket", method: "GET", url };
    assert.deepEqual(shape(events), [
      ["onRequest", { ...base, attempt: 1 }],
      ["onResponse", { ...base, attempt: 1, status: 503, durationMs: "ms" }],
      ["onRetry", { ...base, attempt: 1, delayMs: 0, status: 503, error: "http 503" }],
      ["onRequest", { ...base, attempt: 2 }],
      ["onResponse", { ...base, attempt: 2, status: 200, durationMs: "ms" }],
    ]);
    assert.match(events[2][1].error.message, new RegExp(`^GET /v2/tickets/tickets/${f.TICKET_ID} failed with status 503`));
  } finally {
    await server.close();
  }
});

test("a timeout: no onResponse; onRetry per timed-out attempt, then onError with the rejection itself", async () => {
  // The server never answers: only the timeout ends an attempt.
  const server = await startServer(() => new Promise(() => {}));
  try {
    const { api, events } = recorded(server.url, { timeoutMs: 40, retry: { limit: 1, baseDelayMs: 5, maxDelayMs: 5 } });
    const error = await api.getTicket(f.TICKET_ID).catch((e) => e);
    assert.equal(error.kind, "timeout");
    const url = `${server.url}/v2/tickets/tickets/${f.TICKET_ID}`;
    const base = { operation: "getTicket", method: "GET", url };
    assert.deepEqual(shape(events), [
      ["onRequest", { ...base, attempt: 1 }],
      ["onRetry", { ...base, attempt: 1, delayMs: "ms", error: "timeout" }],
      ["onRequest", { ...base, attempt: 2 }],
      ["onError", { ...base, attempt: 2, durationMs: "ms", error: "timeout" }],
    ]);
    assert.equal(events.at(-1)[1].error, error, "onError gets the very error the call rejects with");
  } finally {
    await server.close();
  }
});

test("an abort: onRequest, then onError with kind aborted", async () => {
  // The server never answers: only the abort ends the call.
  const server = await startServer(() => new Promise(() => {}));
  try {
    const { api, events } = recorded(server.url);
    const controller = new AbortController();
    const call = api.getTicket(f.TICKET_ID, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const error = await call.catch((e) => e);
    assert.equal(error.kind, "aborted");
    const url = `${server.url}/v2/tickets/tickets/${f.TICKET_ID}`;
    const base = { operation: "getTicket", method: "GET", url };
    assert.deepEqual(shape(events), [
      ["onRequest", { ...base, attempt: 1 }],
      ["onError", { ...base, attempt: 1, durationMs: "ms", error: "aborted" }],
    ]);
  } finally {
    await server.close();
  }
});

test("a 303 under Node (redirect: manual): the PATCH answered 303, then the GET of the new resource", async () => {
  const location = `/v2/tickets/outsourced-tickets/${f.OUTSOURCED_ID}`;
  const server = await startServer((req) => (req.method === "PATCH" ? { status: 303, headers: { location } } : { json: f.outsourcedTicket }));
  try {
    const { api, events } = recorded(server.url);
    const result = await api.outsource(f.TICKET_ID, { product_ids: [f.PRODUCT_ID], provider_id: f.PROVIDER_ID });
    assert.equal(result.resource.id, f.outsourcedTicket.id);
    const patch = { operation: "outsource", method: "PATCH", url: `${server.url}/v2/tickets/in-progress-tickets/${f.TICKET_ID}` };
    const get = { operation: "outsource", method: "GET", url: `${server.url}${location}` };
    assert.deepEqual(shape(events), [
      ["onRequest", { ...patch, attempt: 1 }],
      ["onResponse", { ...patch, attempt: 1, status: 303, durationMs: "ms" }],
      ["onRequest", { ...get, attempt: 1 }],
      ["onResponse", { ...get, attempt: 1, status: 200, durationMs: "ms" }],
    ]);
  } finally {
    await server.close();
  }
});

test("a 303 followed by fetch (redirect: follow): one request event, the final status", async () => {
  const location = `/v2/tickets/outsourced-tickets/${f.OUTSOURCED_ID}`;
  const server = await startServer((req) => (req.method === "PATCH" ? { status: 303, headers: { location } } : { json: f.outsourcedTicket }));
  try {
    const { api, events } = recorded(server.url, { redirect: "follow" });
    await api.complete(f.TICKET_ID);
    const patch = { operation: "complete", method: "PATCH", url: `${server.url}/v2/tickets/in-progress-tickets/${f.TICKET_ID}` };
    assert.deepEqual(shape(events), [
      ["onRequest", { ...patch, attempt: 1 }],
      ["onResponse", { ...patch, attempt: 1, status: 200, durationMs: "ms" }],
    ]);
  } finally {
    await server.close();
  }
});

test("bad input: only onError, with attempt 0 and no URL (nothing was built or sent)", async () => {
  const { api, events } = recorded("http://127.0.0.1:9");
  const error = await api.listTickets({ limit: 1.5 }).catch((e) => e);
  assert.equal(error.field, "limit");
  assert.deepEqual(shape(events), [["onError", { operation: "listTickets", method: "GET", attempt: 0, durationMs: "ms", error: "validation" }]]);
});

test("a 401 with a token function: onRetry with delay 0, then the re-send as attempt 2", async () => {
  const server = await startServer((req) => (req.headers.authorization === "Bearer tok-SECRET-2" ? { json: f.ticket(0) } : problem(401, "Unauthorized", "expired")));
  try {
    let n = 0;
    const { api, events } = recorded(server.url, { accessToken: () => `tok-SECRET-${++n}` });
    await api.getTicket(f.TICKET_ID);
    assert.deepEqual(
      shape(events).map(([name, e]) => `${name} ${e.attempt} ${e.status ?? ""} ${e.error ?? ""}`.trim()),
      ["onRequest 1", "onResponse 1 401", "onRetry 1 401 http 401", "onRequest 2", "onResponse 2 200"],
    );
  } finally {
    await server.close();
  }
});

/** `promise`, or a rejection after `ms`: a call that waits for a hook fails the test instead of hanging it. */
function within(ms, promise, what) {
  let timer;
  const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not end within ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

test("hooks that throw, reject late or never settle neither break nor delay a retried call or a failing one; their errors go to console.error", async () => {
  // A 503 (retried at once), then the ticket; then a 404 for a second call: every hook is called.
  const server = await startServer((_, n) =>
    n === 0 ? { ...problem(503, "Service Unavailable", "busy"), headers: { "content-type": "application/problem+json", "retry-after": "0" } } : n === 1 ? { json: f.ticket(0) } : problem(404, "Not Found", "no ticket"),
  );
  const logged = [];
  const original = console.error;
  console.error = (...args) => logged.push(args);
  // What the hooks' promises wait for: the end of both calls. Were a call to wait
  // for a hook, it would never end: 10 s (each call takes milliseconds) says it did not.
  let callsDone;
  const bothCallsEnded = new Promise((resolve) => (callsDone = resolve));
  const called = [];
  try {
    const api = new TicketsApi({
      baseUrl: server.url,
      retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 },
      hooks: {
        onRequest: (e) => {
          called.push(`onRequest ${e.attempt}`);
          throw new Error("telemetry is down");
        },
        onResponse: (e) => {
          called.push(`onResponse ${e.attempt} ${e.status}`);
          return bothCallsEnded.then(() => {
            throw new Error("async telemetry is down");
          });
        },
        onRetry: (e) => {
          called.push(`onRetry ${e.attempt} ${e.status}`);
          return new Promise(() => {});
        },
        onError: (e) => {
          called.push(`onError ${e.attempt} ${e.error.status}`);
          return new Promise(() => {});
        },
      },
    });
    const ticket = await within(10_000, api.getTicket(f.TICKET_ID), "the retried call");
    assert.equal(ticket.id, f.ticket(0).id);
    const error = await within(10_000, api.getTicket(f.TICKET_ID).catch((e) => e), "the failing call");
    assert.deepEqual([error.kind, error.status], ["http", 404]);
    // Both calls ended while every onResponse promise was still pending, and onRetry's and onError's never settle.
    assert.deepEqual(called, ["onRequest 1", "onResponse 1 503", "onRetry 1 503", "onRequest 2", "onResponse 2 200", "onRequest 1", "onResponse 1 404", "onError 1 404"]);
    assert.deepEqual(
      logged.map(([prefix, e]) => `${prefix} ${e.message}`),
      Array(3).fill("jifeline-tickets: hooks.onRequest failed (ignored; the call goes on): telemetry is down"),
      "only the synchronous throws are logged while the calls run",
    );
    callsDone();
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(
      logged.slice(3).map(([prefix, e]) => `${prefix} ${e.message}`),
      Array(3).fill("jifeline-tickets: hooks.onResponse failed (ignored; the call goes on): async telemetry is down"),
    );
    assert.equal(server.requests.length, 3);
  } finally {
    console.error = original;
    await server.close();
  }
});

test("a hook cannot change the request: events are copies, not the Request", async () => {
  const server = await startServer(() => ({ json: f.ticket(0) }));
  try {
    const api = new TicketsApi({
      baseUrl: server.url,
      accessToken: TOKEN,
      hooks: {
        onRequest: (e) => {
          e.url = "http://evil.example/";
          e.method = "DELETE";
        },
      },
    });
    await api.getTicket(f.TICKET_ID);
    assert.equal(`${server.requests[0].method} ${server.requests[0].path}`, `GET /v2/tickets/tickets/${f.TICKET_ID}`);
  } finally {
    await server.close();
  }
});

test("bad hooks are refused by the constructor, naming the hook", () => {
  const cases = [
    [{ hooks: null }, "hooks", "Invalid `hooks`: expected an object, got null."],
    [{ hooks: () => {} }, "hooks", "Invalid `hooks`: expected an object, got a function."],
    [{ hooks: { onRequest: "log" } }, "hooks.onRequest", "Invalid `hooks.onRequest`: expected a function, got the string \"log\"."],
    [{ hooks: { onSend: () => {} } }, "hooks.onSend", null],
  ];
  for (const [extra, field, message] of cases) {
    assert.throws(
      () => new TicketsApi({ baseUrl: "https://api.example", ...extra }),
      (e) => {
        assert.equal(e.kind, "validation");
        assert.equal(e.field, field);
        if (message) assert.equal(e.message, message);
        else assert.match(e.message, /is not a hook; expected one of onRequest, onResponse, onRetry, onError/);
        return true;
      },
    );
  }
});

test("no credential in any hook event, error or console line", async () => {
  const server = await startServer((_req, n) => (n === 0 ? problem(503, "Service Unavailable", "busy") : n === 1 ? problem(401, "Unauthorized", "no") : { json: f.ticket(0) }));
  const logged = [];
  const original = console.error;
  console.error = (...args) => logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(" "));
  try {
    const events = [];
    const api = new TicketsApi({
      baseUrl: server.url,
      accessToken: () => TOKEN,
      apiKey: API_KEY,
      retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 1 },
      hooks: {
        onRequest: (e) => events.push(e),
        onResponse: (e) => events.push(e),
        onRetry: (e) => {
          events.push(e);
          throw new Error("hook failed");
        },
        onError: (e) => events.push(e),
      },
    });
    await api.getTicket(f.TICKET_ID);
    await api.getTicket("not-a-uuid").catch(() => {});
    const text = JSON.stringify(events, (_k, v) => (v instanceof Error ? { ...v, message: v.message, stack: v.stack } : v)) + logged.join("\n");
    assert.ok(events.length >= 6, `${events.length} events`);
    assert.ok(!text.includes("SECRET"), text);
  } finally {
    console.error = original;
    await server.close();
  }
});
