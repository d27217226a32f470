// The SDK as users get it: the packed tarball, installed into a scratch
// project, talking to a real HTTP server that records every request.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TicketsApi, JifelineError } from "jifeline-tickets";
import { startServer, problem } from "./server.mjs";
import * as f from "./fixtures.mjs";

const TOKEN = "tok-SECRET-7f3a";
const API_KEY = "key-SECRET-91c2";

/** Fails if the token or the API key is anywhere in `e`: its message, stack or fields. */
function assertNoSecret(e) {
  const text = JSON.stringify({ message: e.message, stack: e.stack, ...e });
  assert.ok(!text.includes("SECRET"), text);
}

/** The error `promise` rejects with, checked for secrets (every test checks its own). */
async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    assertNoSecret(e);
    return e;
  }
  assert.fail("expected a rejection");
}

async function withServer(respond, body) {
  const server = await startServer(respond);
  try {
    const api = new TicketsApi({ baseUrl: `${server.url}/`, accessToken: TOKEN, apiKey: API_KEY, retry: { baseDelayMs: 10 } });
    await body(api, server);
  } finally {
    await server.close();
  }
}

function assertAuth(req) {
  assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
  assert.equal(req.headers["x-api-key"], API_KEY);
  assert.equal(req.headers.accept, "application/json");
}

test("listTickets sends every parameter in the reference's form and returns the page", async () => {
  const body = f.page([f.ticket(1), f.ticket(2)], 3255);
  await withServer(() => ({ json: body }), async (api, server) => {
    const result = await api.listTickets({
      cancel_reason_id: [1, 2],
      created_after: new Date("2023-03-15T08:34:28Z"),
      created_before: "2023-03-16T08:34:28+01:00",
      customer_connector_id: "38442d12-3ddc-4ea7-815d-16388caccddf",
      customer_id: f.CUSTOMER_ID,
      external_reference: "ERP 42&x=1",
      externally_processed: true,
      finished_after: "2023-03-15T08:34:28Z",
      finished_before: "2023-03-17T08:34:28Z",
      limit: 100,
      offset: 200,
      operator_id: f.OPERATOR_ID,
      sort_by: { created_at: "desc" },
      source_provider_id: f.PROVIDER_ID,
      state: ["pending", "in_progress"],
      ticket_number: 7179072,
      updated_after: "2023-03-15T08:34:28Z",
      updated_before: "2023-03-18T08:34:28Z",
      vehicle_model_id: 12,
      vin: "JH4KA7630PC007649",
      voucher_code: "WQ4MM3",
    });
    assert.deepEqual(result, body);
    const [req] = server.requests;
    assert.equal(req.method, "GET");
    assert.equal(req.path, "/v2/tickets/tickets");
    assertAuth(req);
    assert.deepEqual(req.query, [
      ["cancel_reason_id", "1,2"],
      ["created_after", "2023-03-15T08:34:28.000Z"],
      ["created_before", "2023-03-16T08:34:28+01:00"],
      ["customer_connector_id", "38442d12-3ddc-4ea7-815d-16388caccddf"],
      ["customer_id", f.CUSTOMER_ID],
      ["external_reference", "ERP 42&x=1"],
      ["externally_processed", "true"],
      ["finished_after", "2023-03-15T08:34:28Z"],
      ["finished_before", "2023-03-17T08:34:28Z"],
      ["limit", "100"],
      ["offset", "200"],
      ["operator_id", f.OPERATOR_ID],
      ["sort_by[created_at]", "desc"],
      ["source_provider_id", f.PROVIDER_ID],
      ["state", "pending,in_progress"],
      ["ticket_number", "7179072"],
      ["updated_after", "2023-03-15T08:34:28Z"],
      ["updated_before", "2023-03-18T08:34:28Z"],
      ["vehicle_model_id", "12"],
      ["vin", "JH4KA7630PC007649"],
      ["voucher_code", "WQ4MM3"],
    ]);
    assert.equal(req.body, "");
  });
});

test("listTickets with vin '' asks for tickets without a VIN, and sends nothing else", async () => {
  await withServer(() => ({ json: f.page([]) }), async (api, server) => {
    await api.listTickets({ vin: "" });
    await api.listTickets();
    assert.equal(server.requests[0].rawQuery, "vin=");
    assert.equal(server.requests[1].rawQuery, "");
  });
});

test("getTicket reads one ticket", async () => {
  const t = f.ticket(0, { id: f.TICKET_ID, state: "on_hold_added_later" });
  await withServer(() => ({ json: t }), async (api, server) => {
    assert.deepEqual(await api.getTicket(f.TICKET_ID), t);
    const [req] = server.requests;
    assert.equal(`${req.method} ${req.path}`, `GET /v2/tickets/tickets/${f.TICKET_ID}`);
    assertAuth(req);
  });
});

test("listInProgressTickets and getInProgressTicket", async () => {
  const list = f.page([f.inProgressTicket(1)], 1, { limit: 10, offset: 0 });
  const one = f.inProgressTicket(2, { id: f.TICKET_ID });
  await withServer((req) => ({ json: req.path.endsWith(f.TICKET_ID) ? one : list }), async (api, server) => {
    assert.deepEqual(await api.listInProgressTickets({ limit: 10, ticket_number: 7440304 }), list);
    assert.deepEqual(await api.getInProgressTicket(f.TICKET_ID), one);
    const [a, b] = server.requests;
    assert.equal(`${a.method} ${a.path}`, "GET /v2/tickets/in-progress-tickets");
    assert.deepEqual(a.query, [["limit", "10"], ["ticket_number", "7440304"]]);
    assert.equal(`${b.method} ${b.path}`, `GET /v2/tickets/in-progress-tickets/${f.TICKET_ID}`);
    assertAuth(a);
    assertAuth(b);
  });
});

test("updateInProgressTicket PUTs only the given fields", async () => {
  const updated = f.inProgressTicket(0, { id: f.TICKET_ID });
  await withServer(() => ({ json: updated }), async (api, server) => {
    const r = await api.updateInProgressTicket(f.TICKET_ID, { operator_id: f.OPERATOR_ID, voucher_code: "ABCD12" });
    assert.deepEqual(r, updated);
    const [req] = server.requests;
    assert.equal(`${req.method} ${req.path}`, `PUT /v2/tickets/in-progress-tickets/${f.TICKET_ID}`);
    assert.equal(req.headers["content-type"], "application/json");
    assertAuth(req);
    assert.equal(req.body, JSON.stringify({ operator_id: f.OPERATOR_ID, voucher_code: "ABCD12" }));
  });
});

const seeOther = (location) => ({ status: 303, headers: { location } });

test("with redirect: follow, fetch follows the 303 and the SDK reports the final URL and the resource", async () => {
  const location = `/v2/tickets/outsourced-tickets/${f.OUTSOURCED_ID}`;
  await withServer(
    (req) => (req.method === "PATCH" ? seeOther(location) : { json: f.outsourcedTicket }),
    async (_api, server) => {
      const api = new TicketsApi({ baseUrl: server.url, accessToken: TOKEN, apiKey: API_KEY, redirect: "follow" });
      const r = await api.transitionInProgressTicket(f.TICKET_ID, {
        type: "outsource",
        product_ids: [f.PRODUCT_ID],
        provider_id: f.PROVIDER_ID,
        share_customer_information: false,
      });
      assert.equal(r.location, server.url + location);
      assert.deepEqual(r.resource, f.outsourcedTicket);
      const [patch, get] = server.requests;
      assert.equal(`${patch.method} ${patch.path}`, `PATCH /v2/tickets/in-progress-tickets/${f.TICKET_ID}`);
      assertAuth(patch);
      assert.equal(
        patch.body,
        JSON.stringify({ transition: { type: "outsource", product_ids: [f.PRODUCT_ID], provider_id: f.PROVIDER_ID, share_customer_information: false } }),
      );
      assert.equal(`${get.method} ${get.path}`, `GET ${location}`);
    },
  );
});

test("under Node (redirect: manual by default) the SDK reads Location and fetches the resource itself", async () => {
  const location = `/v2/tickets/tickets/${f.TICKET_ID}`;
  const closed = f.ticket(0, { id: f.TICKET_ID, state: "closed" });
  const server = await startServer((req) => (req.method === "PATCH" ? seeOther(location) : { json: closed }));
  try {
    const api = new TicketsApi({ baseUrl: server.url, accessToken: TOKEN });
    const r = await api.complete(f.TICKET_ID);
    // The same absolute URL a browser's fetch reports after following the 303.
    assert.deepEqual(r, { location: server.url + location, resource: closed });
    const [patch, get] = server.requests;
    assert.equal(patch.body, JSON.stringify({ transition: { type: "complete" } }));
    assert.equal(`${get.method} ${get.path} ${get.headers.authorization}`, `GET ${location} Bearer ${TOKEN}`);
  } finally {
    await server.close();
  }
});

test("outsource, complete and cancel send their transition bodies", async () => {
  const location = `/v2/tickets/tickets/${f.TICKET_ID}`;
  await withServer(
    (req) => (req.method === "PATCH" ? seeOther(location) : { json: f.ticket(0, { id: f.TICKET_ID }) }),
    async (api, server) => {
      await api.outsource(f.TICKET_ID, { product_ids: [f.PRODUCT_ID], provider_id: f.PROVIDER_ID });
      await api.complete(f.TICKET_ID);
      await api.cancel(f.TICKET_ID, { cancel_reason_id: 3 });
      const patches = server.requests.filter((r) => r.method === "PATCH").map((r) => JSON.parse(r.body));
      assert.deepEqual(patches, [
        { transition: { type: "outsource", product_ids: [f.PRODUCT_ID], provider_id: f.PROVIDER_ID } },
        { transition: { type: "complete" } },
        { transition: { type: "cancel", cancel_reason_id: 3 } },
      ]);
    },
  );
});

test("a problem+json 404 is kind http with the problem", async () => {
  await withServer(() => problem(404, "Not Found", "Ticket does not exist."), async (api) => {
    const e = await rejection(api.getTicket(f.TICKET_ID));
    assert.ok(e instanceof JifelineError && e instanceof Error);
    assert.equal(e.name, "JifelineError");
    assert.equal(e.kind, "http");
    assert.equal(e.status, 404);
    assert.equal(e.problem.title, "Not Found");
    assert.equal(e.problem.detail, "Ticket does not exist.");
    assert.equal(e.retryable, false);
    assert.match(e.message, /failed with status 404/);
  });
});

test("a type-broken body is kind decode naming the JSON path", async () => {
  const broken = f.page([f.ticket(1), f.ticket(2, { ticket_number: "7440305" })]);
  await withServer(() => ({ json: broken }), async (api) => {
    const e = await rejection(api.listTickets());
    assert.equal(e.kind, "decode");
    assert.equal(e.field, "result[1].ticket_number");
  });
});

test("bad input is kind validation and sends nothing", async () => {
  await withServer(() => ({ json: f.page([]) }), async (api, server) => {
    const cases = [
      [api.getTicket("../admin"), "ticketId"],
      [api.getInProgressTicket("a/b"), "id"],
      [api.listTickets({ vin: "TOO-SHORT" }), "vin"],
      [api.listTickets({ limit: 1001 }), "limit"],
      [api.listTickets({ state: ["done"] }), "state[0]"],
      [api.updateInProgressTicket(f.TICKET_ID, { operator_id: f.OPERATOR_ID, vin: "X" }), "vin"],
      [api.updateInProgressTicket(f.TICKET_ID, { vin: "JH4KA7630PC007649" }), "operator_id"],
      [api.cancel(f.TICKET_ID, { cancel_reason_id: "3" }), "transition.cancel_reason_id"],
      [api.transitionInProgressTicket(f.TICKET_ID, { type: "reopen" }), "transition.type"],
      [api.listTickets({ limit: 10 }, { timeoutMs: -1 }), "options.timeoutMs"],
    ];
    for (const [promise, field] of cases) {
      const e = await rejection(promise);
      assert.equal(e.kind, "validation", e.message);
      assert.equal(e.field, field, e.message);
    }
    assert.equal(server.requests.length, 0);
  });
});

test("GET is retried after 503, and after 429 waiting for Retry-After", async () => {
  await withServer(
    (_req, n) => [problem(503, "Unavailable"), { status: 429, headers: { "retry-after": "1" } }, { json: f.page([]) }][n],
    async (api, server) => {
      const started = Date.now();
      assert.deepEqual(await api.listTickets(), f.page([]));
      assert.equal(server.requests.length, 3);
      assert.ok(Date.now() - started >= 950, "waited for Retry-After: 1");
    },
  );
});

test("PUT is retried, PATCH never", async () => {
  await withServer(
    (req, n) => (req.method === "PUT" && n === 1 ? { json: f.inProgressTicket(0) } : problem(503, "Unavailable")),
    async (api, server) => {
      await api.updateInProgressTicket(f.TICKET_ID, { operator_id: f.OPERATOR_ID });
      assert.equal(server.requests.length, 2);
      const e = await rejection(api.complete(f.TICKET_ID));
      assert.equal(e.kind, "http");
      assert.equal(e.status, 503);
      // A 5xx to a transition may hide one that happened: not safe to send again blindly.
      assert.equal(e.retryable, false);
      assert.match(e.message, /The transition may have been applied: read the ticket before sending it again\.$/);
      assert.equal(server.requests.filter((r) => r.method === "PATCH").length, 1);
    },
  );
});

test("an answer slower than the timeout is kind timeout, and a timed-out GET is retried up to the limit", async () => {
  // The server never answers: only the timeout ends an attempt.
  await withServer(() => new Promise(() => {}), async (_api, server) => {
    // Attempts counted as the client makes them: one the 100 ms timeout cut
    // short before it reached the server (a busy machine) is an attempt all the same.
    let attempts = 0;
    const api = new TicketsApi({ baseUrl: server.url, accessToken: TOKEN, apiKey: API_KEY, retry: { baseDelayMs: 10 }, hooks: { onRequest: () => attempts++ } });
    const e = await rejection(api.listTickets({}, { timeoutMs: 100 }));
    assert.equal(e.kind, "timeout");
    assert.equal(e.retryable, true);
    assert.equal(e.message, "GET /v2/tickets/tickets timed out after 100 ms.");
    assert.equal(attempts, 3, "a timed-out GET is retried up to the limit (2 retries)");
    assert.ok(server.requests.length <= 3, `${server.requests.length} requests reached the server`);
  });
});

test("aborting rejects with kind aborted, during a request and during a backoff wait", async () => {
  await withServer(
    (_req, n) => (n === 0 ? { delayMs: 2000, json: f.page([]) } : { status: 503, headers: { "retry-after": "30" } }),
    async (api, server) => {
      // Abort once the server has the request, so the second call is always the server's second.
      const a = new AbortController();
      const first = rejection(api.listTickets({}, { signal: a.signal }));
      while (server.requests.length < 1) await new Promise((r) => setTimeout(r, 5));
      a.abort();
      const e1 = await first;
      assert.equal(e1.kind, "aborted");

      const b = new AbortController();
      const pending = api.listTickets({}, { signal: b.signal });
      while (server.requests.length < 2) await new Promise((r) => setTimeout(r, 10));
      const abortedAt = Date.now();
      b.abort();
      const e2 = await rejection(pending);
      assert.equal(e2.kind, "aborted");
      // Far below the 30 s Retry-After the call would otherwise wait out.
      assert.ok(Date.now() - abortedAt < 10_000, "rejected at once, not after Retry-After");
      assert.equal(server.requests.length, 2);

      const e3 = await rejection(api.listTickets({}, { signal: AbortSignal.abort() }));
      assert.equal(e3.kind, "aborted");
      assert.equal(server.requests.length, 2, "an already-aborted signal sends nothing");
    },
  );
});

test("a signal that only has aborted and addEventListener (a polyfill) is honoured, and never breaks a call", async () => {
  await withServer(
    (_req, n) => (n === 0 ? { json: f.page([]) } : { delayMs: 2000, json: f.page([]) }),
    async (api, server) => {
      // Accepted by the option check (it asks for no more), used, and left alone.
      const listeners = [];
      const quiet = { aborted: false, addEventListener: (type, f) => listeners.push([type, f]) };
      const page = await api.listTickets({}, { signal: quiet });
      assert.equal(page.total, 0);
      assert.deepEqual(listeners.map(([type]) => type), ["abort"]);

      // It aborts once the server has the request, however long that takes.
      const abortOnArrival = (f) => {
        if (server.requests.length < 2) return setTimeout(abortOnArrival, 5, f);
        polyfill.aborted = true;
        return f();
      };
      const polyfill = { aborted: false, reason: "stop", addEventListener: (_type, f) => abortOnArrival(f) };
      const e = await rejection(api.listTickets({}, { signal: polyfill }));
      assert.equal(e.name, "JifelineError");
      assert.equal(e.kind, "aborted");
      assert.equal(e.cause, "stop");
      assert.equal(server.requests.length, 2);
    },
  );
});

test("the token function is called for every request", async () => {
  const server = await startServer(() => ({ json: f.page([]) }));
  try {
    let n = 0;
    const api = new TicketsApi({ baseUrl: server.url, accessToken: async () => `token-${++n}` });
    await api.listTickets();
    await api.listTickets();
    assert.deepEqual(server.requests.map((r) => r.headers.authorization), ["Bearer token-1", "Bearer token-2"]);
    assert.equal(server.requests[0].headers["x-api-key"], undefined);
  } finally {
    await server.close();
  }
});

test("a 401 is re-sent once with a fresh token from the token function", async () => {
  const server = await startServer((req) =>
    req.headers.authorization === "Bearer token-1" ? problem(401, "Unauthorized", "Token expired.") : { json: f.page([]) },
  );
  try {
    let n = 0;
    const api = new TicketsApi({ baseUrl: server.url, accessToken: async () => `token-${++n}` });
    assert.deepEqual(await api.listTickets(), f.page([]));
    assert.deepEqual(server.requests.map((r) => r.headers.authorization), ["Bearer token-1", "Bearer token-2"]);

    // A fixed token is not re-sent, and a second 401 is the caller's.
    const fixed = new TicketsApi({ baseUrl: server.url, accessToken: "token-1" });
    const e = await rejection(fixed.listTickets());
    assert.equal(e.kind, "http");
    assert.equal(e.status, 401);
    assert.equal(server.requests.length, 3);
  } finally {
    await server.close();
  }
});

test("a per-call timeoutMs overrides the client's, and 0 means none", async () => {
  // The first request is never answered; the others after 1 s, ten times the client's 100 ms timeout.
  await withServer((_req, n) => (n === 0 ? new Promise(() => {}) : { delayMs: 1000, json: f.page([]) }), async (_api, server) => {
    const api = new TicketsApi({ baseUrl: server.url, accessToken: TOKEN, timeoutMs: 100, retry: false });
    const e = await rejection(api.listTickets());
    assert.deepEqual([e.kind, e.message], ["timeout", "GET /v2/tickets/tickets timed out after 100 ms."]);
    assert.deepEqual(await api.listTickets({}, { timeoutMs: 0 }), f.page([]));
    assert.deepEqual(await api.listTickets({}, { timeoutMs: 5000 }), f.page([]));
  });
});

test("a network failure is kind network after the retries", async () => {
  await withServer(() => ({ destroy: true }), async (api, server) => {
    const e = await rejection(api.getTicket(f.TICKET_ID));
    assert.equal(e.kind, "network");
    assert.equal(server.requests.length, 3);
  });
});

test("bad options throw a validation error at construction", () => {
  for (const [options, field] of [
    [{}, "baseUrl"],
    [{ baseUrl: "ftp://x" }, "baseUrl"],
    [{ baseUrl: "https://a.example", accessToken: 42 }, "accessToken"],
    [{ baseUrl: "https://a.example", headers: { authorization: "x" } }, "headers.authorization"],
    [{ baseUrl: "https://a.example", retry: { limit: 99 } }, "retry.limit"],
    [{ baseUrl: "https://a.example", timeout: 5 }, "options.timeout"],
    [{ baseUrl: "https://a.example", redirect: "error" }, "redirect"],
  ]) {
    assert.throws(
      () => new TicketsApi({ accessToken: TOKEN, apiKey: API_KEY, ...options }),
      (e) => {
        assertNoSecret(e);
        return e instanceof JifelineError && e.kind === "validation" && e.field === field;
      },
    );
  }
});

test("no error of any kind carries the token or the API key in its message, stack or fields", async () => {
  // Its own errors, one of each kind (the tests above check theirs as they go).
  const errors = [];
  const collect = (promise) => promise.then(() => assert.fail("expected a rejection"), (e) => errors.push(e));
  // The answer each client asks for with its x-case header.
  const reply = (req) =>
    ({
      404: () => problem(404, "Not Found", "no ticket"),
      401: () => problem(401, "Unauthorized", "expired"),
      decode: () => ({ json: f.page([f.ticket(0, { ticket_number: "1" })]) }),
      hang: () => new Promise(() => {}),
      drop: () => ({ destroy: true }),
    })[req.headers["x-case"]]?.() ?? { json: f.page([]) };
  await withServer(reply, async (_api, server) => {
    const as = (name, extra = {}) => new TicketsApi({ baseUrl: server.url, accessToken: TOKEN, apiKey: API_KEY, retry: false, headers: { "x-case": name }, ...extra });
    await collect(as("404").getTicket(f.TICKET_ID));
    await collect(as("401").listTickets());
    await collect(as("decode").listTickets());
    await collect(as("hang").listTickets({}, { timeoutMs: 50 }));
    await collect(as("drop").listTickets());
    await collect(as("hang").listTickets({}, { signal: AbortSignal.abort() }));
    await collect(as("ok").getTicket("../admin"));
    await collect(as("ok", { accessToken: async () => Promise.reject(new Error("no token")) }).listTickets());
    try {
      new TicketsApi({ baseUrl: "https://a.example", accessToken: TOKEN, apiKey: API_KEY, retry: { limit: 99 } });
    } catch (e) {
      errors.push(e);
    }
  });
  assert.deepEqual(
    errors.map((e) => `${e.kind} ${e.status ?? ""}`.trim()),
    ["http 404", "http 401", "decode", "timeout", "network", "aborted", "validation", "auth", "validation"],
  );
  for (const e of errors) assertNoSecret(e);
});
