// The contract with an injected fetch: it is called the way fetch itself is,
// with one Request that carries every option, the URL and the body.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TicketsApi } from "jifeline-tickets";
import * as f from "./fixtures.mjs";

const TOKEN = "tok-SECRET-7f3a";

test("an injected fetch is called the way fetch is, with a Request carrying every option", async () => {
  const seen = [];
  const fetch = async (...args) => {
    seen.push(args);
    return new Response(JSON.stringify(f.page([])), { headers: { "content-type": "application/json" } });
  };
  const api = new TicketsApi({
    baseUrl: "https://portal.example/api/jifeline/",
    accessToken: TOKEN,
    headers: { "x-portal": "42" },
    credentials: "include",
    redirect: "follow",
    fetch,
  });
  await api.listTickets({ limit: 1 });
  assert.equal(seen.length, 1);
  assert.equal(seen[0].length, 1, "fetch(request), no init");
  const [request] = seen[0];
  assert.ok(request instanceof Request);
  assert.equal(request.url, "https://portal.example/api/jifeline/v2/tickets/tickets?limit=1");
  assert.equal(request.method, "GET");
  assert.deepEqual(Object.fromEntries(request.headers), {
    accept: "application/json",
    authorization: `Bearer ${TOKEN}`,
    "x-portal": "42",
  });
  assert.equal(request.credentials, "include");
  assert.equal(request.redirect, "follow");
  assert.equal(request.body, null);
  assert.ok(request.signal instanceof AbortSignal);
});

test("a body is sent as JSON text in the Request", async () => {
  const seen = [];
  const fetch = async (request) => {
    seen.push({ method: request.method, type: request.headers.get("content-type"), body: await request.text() });
    return new Response(JSON.stringify(f.inProgressTicket()), { headers: { "content-type": "application/json" } });
  };
  const api = new TicketsApi({ baseUrl: "https://api.example", fetch, retry: false });
  await api.updateInProgressTicket(f.TICKET_ID, { operator_id: f.OPERATOR_ID, vin: "JH4KA7630PC007649" });
  assert.deepEqual(seen, [
    {
      method: "PUT",
      type: "application/json",
      body: JSON.stringify({ operator_id: f.OPERATOR_ID, vin: "JH4KA7630PC007649" }),
    },
  ]);
});

test("whatever an injected fetch resolves to, a call rejects with a JifelineError, never a TypeError", async () => {
  const boom = () => {
    throw new Error("getter failed");
  };
  const answers = [
    ["not a Response", "a string", /resolved to the string "a string", not a Response/],
    ["no arrayBuffer", { status: 200, headers: new Headers() }, /resolved to an object, not a Response/],
    ["a throwing status", Object.defineProperty({}, "status", { get: boom }), /getter failed/],
    ["a throwing redirected", { status: 200, headers: new Headers(), arrayBuffer: async () => new ArrayBuffer(0), get redirected() { return boom(); } }, /getter failed/],
    ["a rejecting arrayBuffer", { status: 200, headers: new Headers(), arrayBuffer: () => Promise.reject(new Error("no body")) }, /no body/],
    ["a throwing headers.get", { status: 200, headers: { get: boom }, arrayBuffer: async () => new TextEncoder().encode(JSON.stringify(f.page([]))).buffer }, null],
  ];
  for (const [name, answer, message] of answers) {
    const api = new TicketsApi({ baseUrl: "https://api.example", fetch: async () => answer, retry: false });
    const outcome = await api.listTickets().then(
      (page) => ({ page }),
      (e) => ({ e }),
    );
    if (message === null) {
      // Unreadable headers are absent headers: the body is the page.
      assert.equal(outcome.page?.total, 0, name);
      continue;
    }
    assert.equal(outcome.e?.name, "JifelineError", `${name}: ${outcome.e}`);
    assert.equal(outcome.e.kind, "network", name);
    assert.match(outcome.e.message, message, name);
  }
});
