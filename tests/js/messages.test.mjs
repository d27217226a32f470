// Every message in the caller's terms: the table of bad inputs with their
// exact kind, field and message; bad answers (decode) and faults (http,
// network, timeout) in the same words; and no Rust or serde word anywhere.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TicketsApi, JifelineError } from "jifeline-tickets";
import { badInputs, badOptions, RUST_WORDS, revoked, ID } from "./bad-inputs.mjs";
import { startServer, problem } from "./server.mjs";
import * as f from "./fixtures.mjs";

/** Fails if `message` names a Rust type or a serde word (every test checks its own messages). */
function assertCallersTerms(message) {
  assert.ok(!RUST_WORDS.test(message), `a Rust or serde word in: ${message}`);
}

async function outcome(run) {
  try {
    await run();
  } catch (e) {
    assertCallersTerms(e.message);
    return e;
  }
  assert.fail("expected an error");
}

const neverFetch = async () => {
  throw new Error("bad input must never send a request");
};

test(`${badInputs.length} bad inputs: exact kind, field and message, and nothing sent`, async () => {
  assert.ok(badInputs.length >= 40);
  const api = new TicketsApi({ baseUrl: "https://api.example", accessToken: "t", fetch: neverFetch });
  for (const { name, call, field, message } of badInputs) {
    const e = await outcome(() => call(api, TicketsApi));
    assert.ok(e instanceof JifelineError, `${name}: ${e}`);
    assert.deepEqual({ kind: e.kind, field: e.field, message: e.message }, { kind: "validation", field, message }, name);
  }
});

test("a call option in the query says it goes last; a date-time without its offset says the offset is missing", async () => {
  const api = new TicketsApi({ baseUrl: "https://api.example", accessToken: "t", fetch: neverFetch });
  const signal = new AbortController().signal;
  const cases = [
    [(a) => a.listTickets({ signal }), "signal", "Invalid `signal`: is not a ticket query parameter but a call option: pass it in the last argument, after this one ({ signal })."],
    [(a) => a.listInProgressTickets({ limit: 5, timeoutMs: 100 }), "timeoutMs", "Invalid `timeoutMs`: is not an in-progress ticket query parameter but a call option: pass it in the last argument, after this one ({ timeoutMs })."],
    [(a) => a.updateInProgressTicket(ID, { operator_id: ID, retry: false }), "retry", "Invalid `retry`: is not a field of an in-progress ticket update but a call option: pass it in the last argument, after this one ({ retry })."],
    [(a) => a.listTickets({ created_after: "2025-01-01T10:00:00" }), "created_after", 'Invalid `created_after`: expected an RFC 3339 date-time string (such as 2023-03-15T08:34:28Z) or a Date, got the string "2025-01-01T10:00:00", which has no time zone offset (add Z for UTC, or one such as +01:00).'],
    [(a) => a.listTickets({ updated_before: "2025-01-01T10:00:00.250" }), "updated_before", 'Invalid `updated_before`: expected an RFC 3339 date-time string (such as 2023-03-15T08:34:28Z) or a Date, got the string "2025-01-01T10:00:00.250", which has no time zone offset (add Z for UTC, or one such as +01:00).'],
    // Not a date-time with its offset left out: no word about an offset.
    [(a) => a.listTickets({ created_after: "2025-01-01" }), "created_after", 'Invalid `created_after`: expected an RFC 3339 date-time string (such as 2023-03-15T08:34:28Z) or a Date, got the string "2025-01-01".'],
  ];
  for (const [call, field, message] of cases) {
    const e = await outcome(() => call(api));
    assert.deepEqual({ kind: e.kind, field: e.field, message: e.message }, { kind: "validation", field, message });
  }
});

test("bad constructor options throw at once with the same words", async () => {
  for (const { name, call, field, message } of badOptions) {
    let thrown;
    try {
      call(null, TicketsApi);
    } catch (e) {
      thrown = e;
      assertCallersTerms(e.message);
    }
    assert.ok(thrown instanceof JifelineError, name);
    assert.deepEqual({ kind: thrown.kind, field: thrown.field, message: thrown.message }, { kind: "validation", field, message }, name);
  }
});

test("hostile inputs (throwing getters, Proxies, odd prototypes) are refused by field, nothing is sent, and the client still works", async () => {
  const server = await startServer(() => ({ json: f.page([]) }));
  const THREW = "a property that threw when read";
  const cases = [
    // Before: the throwing getter vanished and `?limit=5` matched every ticket.
    [(a) => a.listTickets({ get state() { throw new Error("x"); }, limit: 5 }), "state", `Invalid \`state\`: expected a non-empty array of ticket states, got ${THREW}.`],
    // Before: "required, but missing".
    [(a) => a.updateInProgressTicket(ID, { get operator_id() { throw new Error("x"); } }), "operator_id", `Invalid \`operator_id\`: expected a UUID string, got ${THREW}.`],
    [(a) => a.cancel(ID, { get cancel_reason_id() { throw new Error("x"); } }), "transition.cancel_reason_id", `Invalid \`transition.cancel_reason_id\`: expected an integer from 0 to 2147483647, got ${THREW}.`],
    // Before: raw TypeErrors and Errors thrown through the module.
    [(a) => a.listTickets(revoked()), "query", "Invalid `query`: expected an object, got a revoked Proxy."],
    [(a) => a.listTickets(new Proxy({}, { ownKeys() { throw new Error("k"); } })), "query", "Invalid `query`: expected an object, got an object whose keys could not be listed (Object.keys threw)."],
    [(a) => a.listTickets({ state: Object.defineProperty([], 0, { get() { throw 1; } }) }), "state[0]", `Invalid \`state[0]\`: expected one of "prepared", "pending", "in_progress", "outsourced", "closed", "cancelled", got ${THREW}.`],
    [(a) => a.listTickets(new Proxy({}, { getPrototypeOf() { throw new Error("p"); } })), "query", "Invalid `query`: expected an object, got an object whose prototype could not be read (Object.getPrototypeOf threw)."],
    [(a) => a.listTickets({ created_after: Object.create(Date.prototype) }), "created_after", "Invalid `created_after`: expected an RFC 3339 date-time string (such as 2023-03-15T08:34:28Z) or a Date, got an object that inherits from Date.prototype but is not a Date."],
    // Before: "expected an object, got an object".
    [(a) => a.listTickets({ __proto__: { limit: 5 } }), "query", "Invalid `query`: expected an object, got an object whose prototype is not Object.prototype."],
    // Before: the iterator rejected with the getter's own error, or dropped the inherited filter and listed every ticket.
    [(a) => a.tickets({ get state() { throw new Error("x"); } }).next(), "state", `Invalid \`state\`: expected a non-empty array of ticket states, got ${THREW}.`],
    [(a) => a.tickets(revoked()).next(), "query", "Invalid `query`: expected an object, got a revoked Proxy."],
    [(a) => a.tickets(Object.create({ state: ["closed"] })).next(), "query", "Invalid `query`: expected an object, got an object whose prototype is not Object.prototype."],
  ];
  try {
    const errors = [];
    const api = new TicketsApi({ baseUrl: server.url, retry: false, hooks: { onError: (e) => errors.push(e.error) } });
    for (const [call, field, message] of cases) {
      const e = await outcome(() => call(api));
      assert.ok(e instanceof JifelineError, `${call}: ${e}`);
      assert.deepEqual({ kind: e.kind, field: e.field, message: e.message }, { kind: "validation", field, message }, String(call));
      assert.equal(server.requests.length, 0, `nothing sent for ${call}`);
      // The same client goes on: a valid call right after is sent as it should be.
      await api.listTickets({ limit: 5 });
      assert.equal(server.requests.at(-1).rawQuery, "limit=5");
      server.requests.length = 0;
    }
    assert.equal(errors.length, cases.length, "one onError event per refused call");
  } finally {
    await server.close();
  }
});

test("a Date is accepted where a date-time is, sent as its ISO string", async () => {
  const server = await startServer(() => ({ json: f.page([]) }));
  try {
    const api = new TicketsApi({ baseUrl: server.url, retry: false });
    await api.listTickets({ created_after: new Date(Date.UTC(2023, 2, 15, 8, 34, 28)), ticket_number: 7 });
    assert.equal(server.requests[0].rawQuery, "created_after=2023-03-15T08:34:28.000Z&ticket_number=7");
  } finally {
    await server.close();
  }
});

test("undefined members are left out, as JSON.stringify left them out", async () => {
  const server = await startServer(() => ({ json: f.page([]) }));
  try {
    const api = new TicketsApi({ baseUrl: server.url, retry: false });
    await api.listTickets({ limit: undefined, vin: undefined, offset: 5 });
    assert.equal(server.requests[0].rawQuery, "offset=5");
  } finally {
    await server.close();
  }
});

const decodeCases = [
  ["result[0] is an array", f.page([[1, 2]]), "result[0]", "The server's response did not match the API reference at `result[0]`: expected an object, got an array."],
  ["a number as a string", f.page([f.ticket(0, { ticket_number: "7" })]), "result[0].ticket_number", 'The server\'s response did not match the API reference at `result[0].ticket_number`: expected an integer, got the string "7".'],
  ["a missing field", f.page([f.ticket(0, { state: undefined })]), "result[0].state", "The server's response did not match the API reference at `result[0].state`: expected a string, but the field is missing."],
  ["a boolean as null", f.page([f.ticket(0, { outsourced: null })]), "result[0].outsourced", "The server's response did not match the API reference at `result[0].outsourced`: expected true or false, got null."],
  ["a non-integer total", { ...f.page([]), total: 1.5 }, "total", "The server's response did not match the API reference at `total`: expected an integer, got 1.5."],
  ["result an object", { ...f.page([]), result: {} }, "result", "The server's response did not match the API reference at `result`: expected an array of objects, got an object."],
];

test("bad answers are decode errors in the same words", async () => {
  for (const [name, body, field, message] of decodeCases) {
    const server = await startServer(() => ({ body: JSON.stringify(body), headers: { "content-type": "application/json" } }));
    try {
      const api = new TicketsApi({ baseUrl: server.url, retry: false });
      const e = await outcome(() => api.listTickets());
      assert.deepEqual({ kind: e.kind, field: e.field, message: e.message }, { kind: "decode", field, message }, name);
    } finally {
      await server.close();
    }
  }
  const syntax = [
    ["not JSON", "{\"query\": nope}", "The server's response did not match the API reference: the body is not valid JSON (at line 1, column 12)."],
    ["truncated", "{\"query\": {", "The server's response did not match the API reference: the body ends too early (at line 1, column 12); it may be truncated."],
  ];
  for (const [name, body, message] of syntax) {
    const server = await startServer(() => ({ body, headers: { "content-type": "application/json" } }));
    try {
      const api = new TicketsApi({ baseUrl: server.url, retry: false });
      const e = await outcome(() => api.listTickets());
      assert.deepEqual({ kind: e.kind, message: e.message }, { kind: "decode", message }, name);
    } finally {
      await server.close();
    }
  }
});

test("a body that starts with a UTF-8 byte-order mark is accepted, as res.json() accepts it", async () => {
  const page = f.page([f.ticket(1)]);
  const server = await startServer(() => ({ body: `\uFEFF${JSON.stringify(page)}`, headers: { "content-type": "application/json" } }));
  try {
    const api = new TicketsApi({ baseUrl: server.url, retry: false });
    assert.deepEqual(await api.listTickets(), page);
    assert.deepEqual(await api.getTicket(f.TICKET_ID).catch((e) => e.kind), "decode", "a page is not a ticket");
  } finally {
    await server.close();
  }
});

test("faults speak the same language: http, network, timeout, a fetch that resolves to something else", async () => {
  const server = await startServer((_req, n) =>
    // The third is never answered: only its timeout ends it.
    [problem(404, "Not Found", "no ticket with that id"), { status: 502, body: "<html>bad gateway</html>", headers: { "content-type": "text/html" } }, new Promise(() => {})][n],
  );
  try {
    // The timeout is on the slow call only, so a busy machine cannot time out the other two.
    const api = new TicketsApi({ baseUrl: server.url, retry: false });
    const notFound = await outcome(() => api.getTicket(f.TICKET_ID));
    assert.equal(notFound.message, `GET /v2/tickets/tickets/${f.TICKET_ID} failed with status 404 (Not Found): no ticket with that id.`);
    const gateway = await outcome(() => api.listTickets());
    assert.equal(gateway.message, "GET /v2/tickets/tickets failed with status 502 (Bad Gateway).");
    const slow = await outcome(() => api.listTickets({}, { timeoutMs: 100 }));
    assert.equal(slow.message, "GET /v2/tickets/tickets timed out after 100 ms.");
  } finally {
    await server.close();
  }
  const refused = new TicketsApi({ baseUrl: "http://127.0.0.1:9", retry: false });
  const network = await outcome(() => refused.listTickets());
  assert.equal(network.kind, "network");
  assert.match(network.message, /^GET \/v2\/tickets\/tickets failed: network error \(/);
  const odd = new TicketsApi({ baseUrl: "https://api.example", retry: false, fetch: async () => 42 });
  const notAResponse = await outcome(() => odd.listTickets());
  assert.equal(notAResponse.message, "GET /v2/tickets/tickets failed: network error (the fetch function resolved to 42, not a Response).");
});

test("no message of any kind contains a Rust type or serde word: bad input, bad options, bad answers, faults", async () => {
  // Its own messages, gathered here (the tests above check theirs as they go).
  const messages = [];
  const api = new TicketsApi({ baseUrl: "https://api.example", accessToken: "t", fetch: neverFetch });
  for (const { call } of badInputs) messages.push(await Promise.resolve().then(() => call(api, TicketsApi)).then(() => null, (e) => e.message));
  for (const { call } of badOptions) {
    try {
      call(null, TicketsApi);
      messages.push(null);
    } catch (e) {
      messages.push(e.message);
    }
  }
  const answering = (body, status = 200) => new TicketsApi({ baseUrl: "https://api.example", retry: false, fetch: async () => new Response(body, { status, headers: { "content-type": "application/json" } }) });
  for (const [, body] of decodeCases) messages.push(await answering(JSON.stringify(body)).listTickets().then(() => null, (e) => e.message));
  messages.push(await answering("{\"query\": nope}").listTickets().then(() => null, (e) => e.message));
  messages.push(await answering("[]").getTicket(f.TICKET_ID).then(() => null, (e) => e.message));
  messages.push(await answering("{}", 500).listTickets().then(() => null, (e) => e.message));
  messages.push(await new TicketsApi({ baseUrl: "https://api.example", retry: false, fetch: async () => 42 }).listTickets().then(() => null, (e) => e.message));
  messages.push(await new TicketsApi({ baseUrl: "https://api.example", retry: false, fetch: () => new Promise(() => {}) }).listTickets({}, { timeoutMs: 10 }).then(() => null, (e) => e.message));
  assert.equal(messages.length, badInputs.length + badOptions.length + decodeCases.length + 5);
  assert.deepEqual(messages.filter((m) => m === null), [], "every case is refused");
  assert.deepEqual(messages.filter((m) => RUST_WORDS.test(m)), []);
});
