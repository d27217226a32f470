// What the SDK makes of answers a well-behaved API never gives: a read
// redirected off the API's origin, a credential echoed in a problem, a
// problem's text over many lines or pages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TicketsApi } from "jifeline-tickets";
import { startServer, problem } from "./server.mjs";
import * as f from "./fixtures.mjs";

const rejection = (p) => p.then(() => assert.fail("expected a rejection"), (e) => e);

test("a read whose followed redirect ends on another origin fails with a decode error, and its answer is not used", async () => {
  const server = await startServer((req) =>
    req.path === "/v2/tickets/tickets" ? { status: 302, headers: { location: `${foreign}/elsewhere` } } : { json: f.page([f.ticket(0, { customer_reference: "from elsewhere" })]) },
  );
  // The same server under another name: another origin.
  const foreign = server.url.replace("127.0.0.1", "localhost");
  try {
    const api = new TicketsApi({ baseUrl: server.url, redirect: "follow", retry: false });
    const e = await rejection(api.listTickets());
    assert.equal(e.name, "JifelineError");
    assert.equal(e.kind, "decode");
    assert.equal(e.retryable, false);
    assert.equal(
      e.message,
      `The server's response did not match the API reference: GET /v2/tickets/tickets was redirected to ${foreign}, another origin than the base URL's, and an answer from there is not used.`,
    );
    assert.deepEqual(server.requests.map((r) => r.path), ["/v2/tickets/tickets", "/elsewhere"]);
  } finally {
    await server.close();
  }
});

test("a read redirected within the API's origin is the API's answer", async () => {
  const server = await startServer((req) =>
    req.path === "/v2/tickets/tickets" ? { status: 302, headers: { location: "/v2/tickets/tickets-moved" } } : { json: f.page([f.ticket(0)]) },
  );
  try {
    const api = new TicketsApi({ baseUrl: server.url, redirect: "follow", retry: false });
    const page = await api.listTickets();
    assert.equal(page.result.length, 1);
  } finally {
    await server.close();
  }
});

test("an API key and a token the server echoes in its problem are redacted from the message, the problem and the JSON", async () => {
  const key = "key-0123456789";
  const token = "tok-abcdefghij";
  const server = await startServer(() => problem(403, `Forbidden for ${key}`, `Token ${token} may not read; key ${key}.`));
  try {
    const api = new TicketsApi({ baseUrl: server.url, apiKey: key, accessToken: token, retry: false });
    const e = await rejection(api.listTickets());
    assert.equal(e.kind, "http");
    assert.equal(
      e.message,
      "GET /v2/tickets/tickets failed with status 403 (Forbidden): Forbidden for [redacted]: Token [redacted] may not read; key [redacted]..",
    );
    assert.equal(e.problem.title, "Forbidden for [redacted]");
    assert.equal(e.problem.detail, "Token [redacted] may not read; key [redacted].");
    const json = JSON.stringify(e);
    assert.ok(!json.includes(key) && !json.includes(token), json);
    // Sent as they are: only what comes back is redacted.
    assert.equal(server.requests[0].headers["x-api-key"], key);
    assert.equal(server.requests[0].headers.authorization, `Bearer ${token}`);
  } finally {
    await server.close();
  }
});

test("a token from the token function is redacted too, on the error of every attempt the hooks see", async () => {
  const server = await startServer((_req, n) => problem(n === 0 ? 503 : 500, "Unavailable", `session tok-fn-${n} is gone`));
  try {
    let n = 0;
    const seen = [];
    const api = new TicketsApi({
      baseUrl: server.url,
      accessToken: () => `tok-fn-${n++}`,
      retry: { limit: 1, baseDelayMs: 1 },
      hooks: { onRetry: (ev) => seen.push(ev.error.message), onError: (ev) => seen.push(ev.error.message) },
    });
    const e = await rejection(api.listTickets());
    assert.equal(e.message, "GET /v2/tickets/tickets failed with status 500 (Internal Server Error): Unavailable: session [redacted] is gone.");
    assert.equal(seen.length, 2);
    assert.ok(seen.every((m) => !m.includes("tok-fn-")), seen.join(" | "));
  } finally {
    await server.close();
  }
});

test("a problem's title and detail are quoted on one line and cut at 300 characters; the problem keeps them whole", async () => {
  const detail = "x".repeat(1000);
  const server = await startServer(() => problem(400, "Bad\nRequest", detail));
  try {
    const api = new TicketsApi({ baseUrl: server.url, retry: false });
    const e = await rejection(api.listTickets());
    assert.equal(e.message, `GET /v2/tickets/tickets failed with status 400 (Bad Request): Bad Request: ${"x".repeat(300)}….`);
    assert.equal(e.problem.detail, detail);
    assert.equal(e.problem.title, "Bad\nRequest");
  } finally {
    await server.close();
  }
});

test("a field the server leaves out (\"only present for tickets in the cancelled state\") is null, as its type says, in resources, pages and a transition's resource", async () => {
  const without = (t, ...names) => Object.fromEntries(Object.entries(t).filter(([k]) => !names.includes(k)));
  const open = without(f.ticket(1), "cancel_reason_id", "finished_at");
  const inProgress = without(f.inProgressTicket(0), "voucher_code", "connection_id");
  const server = await startServer((req) => {
    if (req.path === `/v2/tickets/tickets/${f.TICKET_ID}` && req.method === "GET") return { json: open };
    if (req.path === "/v2/tickets/tickets") return { json: f.page([f.ticket(0), open]) };
    if (req.path === "/v2/tickets/in-progress-tickets") return { json: f.page([inProgress]) };
    if (req.method === "PATCH") return { status: 303, headers: { location: `/v2/tickets/tickets/${f.TICKET_ID}` } };
    return { status: 404 };
  });
  try {
    const api = new TicketsApi({ baseUrl: server.url, retry: false });
    const one = await api.getTicket(f.TICKET_ID);
    assert.deepEqual(one, { ...open, cancel_reason_id: null, finished_at: null });
    const page = await api.listTickets();
    assert.deepEqual(page.result, [f.ticket(0), { ...open, cancel_reason_id: null, finished_at: null }]);
    // A complete ticket is the server's JSON as it was, its keys in their order.
    assert.deepEqual(Object.keys(page.result[0]), Object.keys(f.ticket(0)));
    const listed = (await api.listInProgressTickets()).result[0];
    assert.deepEqual([listed.voucher_code, listed.connection_id], [null, null]);
    const done = await api.complete(f.TICKET_ID);
    assert.equal(done.resource.cancel_reason_id, null);
    assert.equal(done.resource.finished_at, null);
    for await (const t of api.tickets()) assert.ok("cancel_reason_id" in t && "finished_at" in t);
  } finally {
    await server.close();
  }
});
