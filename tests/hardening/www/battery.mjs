// The fault and bad-input batteries, written once and run both in Node and in
// headless Chromium through the public API against the mock's fault injection.
// Each case returns { name, ok, detail }; the callers assert every ok.

const TICKET_ID = "497f6eca-6276-4993-bfeb-53cbbbba6f08";

async function mock(origin, path, method = "GET", body) {
  const res = await fetch(origin + path, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`mock ${method} ${path}: ${res.status}`);
  return res.headers.get("content-type")?.includes("json") ? res.json() : res.text();
}

const queue = (origin, faults) => mock(origin, "/__mock/faults", "POST", faults);
const requestLog = (origin) => mock(origin, "/__mock/requests");
const clearLog = (origin) => mock(origin, "/__mock/requests", "DELETE");

async function outcome(promise) {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

/**
 * @param {object} env
 * @param {typeof import("jifeline-tickets").TicketsApi} env.TicketsApi
 * @param {string} env.origin the mock API
 * @param {string} env.otherOrigin a second mock on another origin (the 303 target)
 * @param {"follow"|"manual"} env.redirect the runtime's redirect mode
 * @param {(e: unknown) => void} env.seen collects every error, for the secret checks
 */
/** Hooks that hand every event to `seen` too, so the secret checks read every hook payload. */
function observing(seen) {
  const hand = (event) => seen({ message: event.error?.message ?? "", stack: event.error?.stack ?? "", ...event });
  return { onRequest: hand, onResponse: hand, onRetry: hand, onError: hand };
}

export async function faultBattery({ TicketsApi, JifelineError, origin, otherOrigin, redirect, token, apiKey, seen }) {
  const api = new TicketsApi({ baseUrl: origin, accessToken: token, apiKey, retry: { limit: 2, baseDelayMs: 20 }, hooks: observing(seen) });
  const results = [];
  const inProgress = (await api.listInProgressTickets({ limit: 1 })).result[0];

  async function check(name, faults, call, expect) {
    await mock(origin, "/__mock/faults", "DELETE");
    if (faults.length) await queue(origin, faults);
    await clearLog(origin);
    const started = Date.now();
    const r = await outcome(call());
    if (r.error) seen(r.error);
    const requests = await requestLog(origin);
    let detail = "";
    let ok;
    try {
      ok = expect(r, requests, Date.now() - started);
      if (!ok) detail = r.error ? `${r.error.kind} ${r.error.status ?? ""} ${r.error.field ?? ""} ${r.error.message}` : "resolved";
    } catch (e) {
      ok = false;
      detail = String(e);
    }
    if (requests.some((q) => `${q.path}?${q.query}`.includes(token) || `${q.path}?${q.query}`.includes(apiKey))) {
      ok = false;
      detail += " | a credential appeared in a URL";
    }
    if (r.error && !(r.error instanceof JifelineError)) {
      ok = false;
      detail = `not a JifelineError: ${r.error}`;
    }
    // The same client keeps working after every case.
    await mock(origin, "/__mock/faults", "DELETE");
    const after = await outcome(api.listTickets({ limit: 1 }));
    if (after.error || after.value.result.length !== 1) {
      ok = false;
      detail += ` | the client did not recover: ${after.error?.message}`;
    }
    results.push({ name, ok, detail });
  }

  const isError = (kind, status) => (r) => r.error?.kind === kind && (status === undefined || r.error.status === status);
  const succeeded = (attempts) => (r, requests) => !r.error && requests.length === attempts;
  const list = () => api.listTickets({ limit: 5 });

  await check("429 with Retry-After seconds, then success", [{ status: 429, retry_after: "1" }], list, (r, req, ms) => succeeded(2)(r, req) && ms >= 900);
  // An HTTP date 3 s ahead (whole seconds: 2 to 3 s once written) is obeyed: the
  // retry comes after at least 1 s, where the ignored date's 20 ms backoff would not.
  await check(
    "429 with Retry-After as an HTTP date, then success after the date",
    [{ status: 429, retry_after: new Date(Date.now() + 3000).toUTCString() }],
    list,
    (r, req, ms) => succeeded(2)(r, req) && ms >= 1000,
  );
  await check("500 is an http error, not retried", [{ status: 500 }], list, (r, req) => isError("http", 500)(r) && req.length === 1 && r.error.retryable === false);
  await check(
    "502 with an HTML body, three times, is an http error without a problem",
    [{ status: 502, body: "html" }, { status: 502, body: "html" }, { status: 502, body: "html" }],
    list,
    (r, req) => isError("http", 502)(r) && r.error.problem === undefined && req.length === 3,
  );
  await check("503 then success is retried", [{ status: 503 }], list, succeeded(2));
  await check("504 three times is an http error after the retries", [{ status: 504 }, { status: 504 }, { status: 504 }], list, (r, req) => isError("http", 504)(r) && req.length === 3);
  await check("truncated JSON is a decode error", [{ body: "truncated" }], list, isError("decode"));
  await check("malformed JSON is a decode error", [{ body: "malformed" }], list, isError("decode"));
  await check("JSON of the wrong shape is a decode error naming the path", [{ body: "wrong_shape" }], list, (r) => isError("decode")(r) && typeof r.error.field === "string");
  await check("a wrong content type is a decode error", [{ content_type: "text/plain" }], list, isError("decode"));
  await check("a 200 with an empty body is a decode error", [{ body: "empty" }], list, isError("decode"));
  // Answers 60 s late, so only the 200 ms timeout ends each attempt. The attempts
  // are counted as the client makes them: one the timeout cut short before it
  // reached the mock (a busy machine) is an attempt all the same.
  let attempts = 0;
  const counting = new TicketsApi({
    baseUrl: origin,
    accessToken: token,
    apiKey,
    retry: { limit: 2, baseDelayMs: 20 },
    hooks: { ...observing(seen), onRequest: (event) => {
      attempts++;
      return observing(seen).onRequest(event);
    } },
  });
  await check(
    "an answer slower than the timeout is a timeout after the retries",
    [{ delay_ms: 60000 }, { delay_ms: 60000 }, { delay_ms: 60000 }],
    () => {
      attempts = 0;
      return counting.listTickets({ limit: 5 }, { timeoutMs: 200 });
    },
    (r, req) => isError("timeout")(r) && attempts === 3 && req.length <= 3,
  );
  // Every request dropped (the header form: browsers retry a reset connection
  // on their own, which would consume a queue of faults inside one attempt).
  const dropping = new TicketsApi({ baseUrl: origin, accessToken: token, apiKey, retry: { limit: 2, baseDelayMs: 20 }, headers: { "x-mock-fault": "drop=true" }, hooks: observing(seen) });
  await check("a dropped connection on every attempt is a network error", [], () => dropping.listTickets({ limit: 5 }), (r, req) => isError("network")(r) && req.length >= 3);
  await check("a dropped connection once is retried", [{ drop: true }], list, succeeded(2));
  await check("a PATCH answered 503 is not retried", [{ status: 503 }], () => api.complete(inProgress.id), (r, req) => isError("http", 503)(r) && req.length === 1);

  // A 303 to another origin: reported, never trusted; Authorization never sent there.
  await clearLog(otherOrigin);
  const elsewhere = `${otherOrigin}/v2/tickets/tickets/${TICKET_ID}`;
  await check("a 303 to another origin is reported without its resource", [{ location: elsewhere }], () => api.complete(inProgress.id), (r) =>
    !r.error && r.value.location === elsewhere && r.value.resource === undefined,
  );
  const foreign = await requestLog(otherOrigin);
  results.push({
    name: `the other origin never sees the Authorization header (${redirect})`,
    ok: foreign.every((q) => !("authorization" in q.headers)) && (redirect === "manual" ? foreign.length === 0 : true),
    detail: JSON.stringify(foreign.map((q) => Object.keys(q.headers))),
  });
  return results;
}

/** Bad input: every case is kind "validation" naming the field, and the server receives nothing. */
/** A Proxy already revoked: every operation on it throws a TypeError. */
function revoked() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

export async function badInputBattery({ TicketsApi, origin, token, apiKey, seen }) {
  const api = new TicketsApi({ baseUrl: origin, accessToken: token, apiKey });
  const id = TICKET_ID;
  const op = "fa9de6bb-1df8-4ba6-9e6d-1172fbf7e166";
  const cases = [
    ["ticketId", () => api.getTicket("../admin")],
    ["ticketId", () => api.getTicket("%2e%2e")],
    ["ticketId", () => api.getTicket(`${id}/../x`)],
    ["ticketId", () => api.getTicket(`${id}?limit=1`)],
    ["ticketId", () => api.getTicket(`${id}#x`)],
    ["ticketId", () => api.getTicket("")],
    ["ticketId", () => api.getTicket("a".repeat(100_000))],
    ["ticketId", () => api.getTicket(null)],
    ["ticketId", () => api.getTicket(undefined)],
    ["ticketId", () => api.getTicket(42)],
    ["id", () => api.getInProgressTicket("a/b")],
    ["id", () => api.updateInProgressTicket("..", { operator_id: op })],
    ["id", () => api.complete("x")],
    ["vin", () => api.listTickets({ vin: "JH4KA7630PC00764" })],
    ["vin", () => api.listTickets({ vin: "JH4KA7630PC00764&limit=1000" })],
    ["vin", () => api.listTickets({ vin: "JH4KA7630PC0076\n49" })],
    ["vin", () => api.listTickets({ vin: null })],
    ["voucher_code", () => api.listTickets({ voucher_code: "" })],
    ["voucher_code", () => api.updateInProgressTicket(id, { operator_id: op, voucher_code: "abc" })],
    ["limit", () => api.listTickets({ limit: 1001 })],
    ["limit", () => api.listTickets({ limit: -1 })],
    ["limit", () => api.listTickets({ limit: 2.5 })],
    ["limit", () => api.listTickets({ limit: "10" })],
    ["limit", () => api.listInProgressTickets({ limit: 5000 })],
    ["offset", () => api.listTickets({ offset: -5 })],
    ["offset", () => api.listTickets({ offset: 2 ** 60 })],
    ["state[0]", () => api.listTickets({ state: ["done"] })],
    ["state", () => api.listTickets({ state: [] })],
    ["state[1]", () => api.listTickets({ state: ["pending", "pending"] })],
    ["state", () => api.listTickets({ state: "pending" })],
    ["created_after", () => api.listTickets({ created_after: "yesterday" })],
    ["created_before", () => api.listTickets({ created_before: "2023-02-30T00:00:00Z" })],
    ["updated_after", () => api.listTickets({ updated_after: new Date(NaN) })],
    ["external_reference", () => api.listTickets({ external_reference: null })],
    ["customer_id", () => api.listTickets({ customer_id: "x&y=1" })],
    ["cancel_reason_id", () => api.listTickets({ cancel_reason_id: [] })],
    ["sort_by.nope", () => api.listTickets({ sort_by: { nope: "asc" } })],
    ["query", () => api.listTickets("state=pending")],
    ["query", () => api.listTickets(null)],
    ["query", () => api.listTickets([1, 2])],
    ["update", () => api.updateInProgressTicket(id, null)],
    ["update", () => api.updateInProgressTicket(id, undefined)],
    ["update", () => api.updateInProgressTicket(id, "operator")],
    ["operator_id", () => api.updateInProgressTicket(id, { vin: "JH4KA7630PC007649" })],
    ["operator_id", () => api.updateInProgressTicket(id, { operator_id: null })],
    ["transition", () => api.transitionInProgressTicket(id, null)],
    ["transition", () => api.transitionInProgressTicket(id, undefined)],
    ["transition.type", () => api.transitionInProgressTicket(id, {})],
    ["transition.type", () => api.transitionInProgressTicket(id, { type: "reopen" })],
    ["transition.product_ids", () => api.outsource(id, { product_ids: [], provider_id: op })],
    ["transition.product_ids[0]", () => api.outsource(id, { product_ids: ["../x"], provider_id: op })],
    ["transition.product_ids", () => api.outsource(id, { product_ids: null, provider_id: op })],
    ["transition.provider_id", () => api.outsource(id, { product_ids: [op], provider_id: "p" })],
    ["transition", () => api.outsource(id, null)],
    ["transition.cancel_reason_id", () => api.cancel(id, { cancel_reason_id: "2" })],
    ["transition", () => api.cancel(id)],
    // Hostile objects: what throws when read is refused by its field, not
    // left out (a filter dropped) nor thrown raw through the module.
    ["state", () => api.listTickets({ get state() { throw new Error("x"); }, limit: 5 })],
    ["operator_id", () => api.updateInProgressTicket(id, { get operator_id() { throw new Error("x"); } })],
    ["transition.cancel_reason_id", () => api.cancel(id, { get cancel_reason_id() { throw new Error("x"); } })],
    ["state[0]", () => api.listTickets({ state: Object.defineProperty([], 0, { get() { throw 1; } }) })],
    ["cancel_reason_id", () => api.listTickets({ cancel_reason_id: new Array(2 ** 32 - 1) })],
    ["query", () => api.listTickets(revoked())],
    ["transition", () => api.transitionInProgressTicket(id, revoked())],
    ["query", () => api.listTickets(new Proxy({}, { ownKeys() { throw new Error("k"); } }))],
    ["query", () => api.listTickets(new Proxy({}, { getPrototypeOf() { throw new Error("p"); } }))],
    ["query", () => api.listTickets({ __proto__: { limit: 5 } })],
    ["created_after", () => api.listTickets({ created_after: Object.create(Date.prototype) })],
    ["state", () => api.tickets({ get state() { throw new Error("x"); } }).next()],
    ["query", () => api.tickets(revoked()).next()],
    ["query", () => api.tickets(Object.create({ state: ["closed"] })).next()],
    ["options", () => api.listTickets({}, "fast")],
    ["options.signal", () => api.listTickets({}, { signal: {} })],
  ];
  await clearLog(origin);
  const results = [];
  for (const [field, call] of cases) {
    const r = await outcome(call());
    if (r.error) seen(r.error);
    const ok = r.error?.kind === "validation" && r.error.field === field;
    results.push({ name: `${field}: ${call.toString().slice(6, 90)}`, ok, detail: r.error ? `${r.error.kind} ${r.error.field} ${r.error.message.slice(0, 200)}` : "resolved" });
  }
  const log = await requestLog(origin);
  results.push({ name: "the server received nothing", ok: log.length === 0, detail: JSON.stringify(log.map((q) => q.path)) });
  return results;
}

/** 200 calls at once, a mix of answers, faults and aborts; each ends as expected. */
export async function concurrency({ TicketsApi, origin, token, seen }) {
  const make = (fault) =>
    new TicketsApi({ baseUrl: origin, accessToken: token, retry: { limit: 1, baseDelayMs: 5 }, hooks: observing(seen), ...(fault ? { headers: { "x-mock-fault": fault } } : {}) });
  const normal = make();
  const failing = make("status=500");
  const slow = make("delay_ms=3000");
  const unavailable = make("status=503");
  const calls = [];
  for (let i = 0; i < 50; i++) {
    calls.push(["ok", normal.listTickets({ limit: 2, offset: i })]);
    calls.push(["http", failing.listTickets({ limit: 2 })]);
    const c = new AbortController();
    setTimeout(() => c.abort(), 20 + (i % 10));
    calls.push(["aborted", slow.listTickets({ limit: 2 }, { signal: c.signal })]);
    calls.push(["http", unavailable.getTicket(TICKET_ID)]);
  }
  const settled = await Promise.all(calls.map(([expect, p]) => outcome(p).then((r) => [expect, r])));
  const wrong = settled.filter(([expect, r]) => {
    if (r.error) seen(r.error);
    return expect === "ok" ? !!r.error || r.value.result.length !== 2 : r.error?.kind !== expect;
  });
  return [{ name: "200 parallel calls end as expected", ok: wrong.length === 0 && settled.length === 200, detail: JSON.stringify(wrong.slice(0, 3).map(([e, r]) => [e, r.error?.kind, r.error?.message])) }];
}
