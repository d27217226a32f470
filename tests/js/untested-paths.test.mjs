// Paths of the call that no other test reached: an injected fetch that
// ignores its signal or never ends its body, no global fetch (refused, never retried), a body that
// stops parsing after the module checked it, signals whose getters throw, a
// followed redirect without a final URL, token answers already expired, a
// refresh while a look-up is pending, and a 401's re-send beside the retries.
// Each drives the SDK through an injected fetch (or none), so nothing here
// waits on a network; where a broken SDK would hang, `within` fails instead.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TicketsApi } from "jifeline-tickets";
import * as f from "./fixtures.mjs";

const BASE = "https://api.example";
const LIST = `${BASE}/v2/tickets/tickets`;
const TICKET = `${BASE}/v2/tickets/tickets/${f.TICKET_ID}`;
const PATCH = `${BASE}/v2/tickets/in-progress-tickets/${f.TICKET_ID}`;
const MAY_HAVE = "The transition may have been applied: read the ticket before sending it again.";

/** `promise`, or a rejection after `ms`: a call that never ends fails the test instead of hanging it. */
function within(ms, promise, what) {
  let timer;
  const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not end within ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** What a rejection shows a caller. */
const shown = (e) => ({ name: e.name, kind: e.kind, field: e.field, status: e.status, retryable: e.retryable, method: e.method, url: e.url, message: e.message });

function json(value, status = 200, headers = {}) {
  return new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json", ...headers } });
}

const unauthorized = () => json({ type: "about:blank", title: "Unauthorized", status: 401, detail: "expired" }, 401);

/** An injected fetch that records `METHOD path authorization` and answers with `reply(request, n)`. */
function server(reply) {
  const sent = [];
  const fetch = async (request) => {
    sent.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get("authorization")}`);
    return reply(request, sent.length - 1);
  };
  return { fetch, sent };
}

// ---------------------------------------------------------------- an attempt that ended

test("an attempt that ended leaves its request's signal alone: no abort after the answer was read, for a success or an error", async () => {
  const signals = [];
  const { fetch } = server((request, n) => {
    signals.push(request.signal);
    return n === 0 ? json(f.ticket(0, { id: f.TICKET_ID })) : json({ type: "about:blank", title: "Not Found", status: 404 }, 404);
  });
  const api = new TicketsApi({ baseUrl: BASE, accessToken: "tok", fetch });
  await api.getTicket(f.TICKET_ID);
  const e = await api.getTicket(f.TICKET_ID).catch((e) => e);
  assert.equal(e.status, 404);
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(signals.length, 2);
  assert.deepEqual(
    signals.map((signal) => signal.aborted),
    [false, false],
  );
});

// ---------------------------------------------------------------- an injected fetch that never ends

/** Fetches that never settle however they are aborted: one ignores its signal, one answers a body that never ends. */
const hanging = {
  "ignores its signal": () => new Promise(() => {}),
  "answers a body that never ends": async () =>
    new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"query":')) }), { headers: { "content-type": "application/json" } }),
};

for (const [what, fetch] of Object.entries(hanging)) {
  test(`an injected fetch that ${what} ends in kind timeout at timeoutMs (a read retryable, a transition not)`, async () => {
    let calls = 0;
    const api = new TicketsApi({ baseUrl: BASE, retry: false, fetch: (request) => {
      calls++;
      return fetch(request);
    } });
    const read = await within(10_000, api.getTicket(f.TICKET_ID, { timeoutMs: 50 }).catch((e) => e), "the read");
    assert.deepEqual(shown(read), { name: "JifelineError", kind: "timeout", field: undefined, status: undefined, retryable: true, method: "GET", url: TICKET, message: `GET /v2/tickets/tickets/${f.TICKET_ID} timed out after 50 ms.` });
    const transition = await within(10_000, api.complete(f.TICKET_ID, { timeoutMs: 50 }).catch((e) => e), "the transition");
    assert.deepEqual(shown(transition), {
      name: "JifelineError",
      kind: "timeout",
      field: undefined,
      status: undefined,
      retryable: false,
      method: "PATCH",
      url: PATCH,
      message: `PATCH /v2/tickets/in-progress-tickets/${f.TICKET_ID} timed out after 50 ms. ${MAY_HAVE}`,
    });
    assert.equal(calls, 2);
  });

  test(`an injected fetch that ${what} ends in kind aborted when the caller aborts, with no timeout at all`, async () => {
    let calls = 0;
    const api = new TicketsApi({ baseUrl: BASE, retry: false, timeoutMs: 0, fetch: (request) => {
      calls++;
      return fetch(request);
    } });
    const controller = new AbortController();
    const why = new Error("the user left the page");
    const pending = api.listTickets({}, { signal: controller.signal }).catch((e) => e);
    setTimeout(() => controller.abort(why), 20);
    const e = await within(10_000, pending, "the aborted call");
    assert.deepEqual(shown(e), { name: "JifelineError", kind: "aborted", field: undefined, status: undefined, retryable: false, method: "GET", url: LIST, message: "GET /v2/tickets/tickets was aborted." });
    assert.equal(e.cause, why);
    assert.equal(calls, 1);
  });
}

// ---------------------------------------------------------------- no global fetch

test("without a global fetch and without the fetch option, a call is refused before anything is asked or sent: kind validation, field fetch, not retryable", async () => {
  const had = Object.getOwnPropertyDescriptor(globalThis, "fetch");
  let e;
  let attempts = 0;
  let asked = 0;
  delete globalThis.fetch;
  try {
    assert.equal(typeof globalThis.fetch, "undefined");
    const accessToken = () => {
      asked++;
      return "tok";
    };
    const api = new TicketsApi({ baseUrl: BASE, accessToken, hooks: { onRequest: () => attempts++ } });
    e = await within(2000, api.listTickets().catch((e) => e), "the call without fetch");
  } finally {
    Object.defineProperty(globalThis, "fetch", had);
  }
  assert.equal(typeof globalThis.fetch, "function", "restored");
  assert.deepEqual(shown(e), {
    name: "JifelineError",
    kind: "validation",
    field: "fetch",
    status: undefined,
    retryable: false,
    method: undefined,
    url: undefined,
    message: "Invalid `fetch`: expected a fetch function: this runtime has no global fetch, so pass the fetch option.",
  });
  assert.equal(e.cause, undefined);
  assert.equal(attempts, 0, "no onRequest: nothing was sent");
  assert.equal(asked, 0, "the token is not asked for");
});

// ---------------------------------------------------------------- JSON.parse after the module's check

// The module checks the answer's bytes, then the engine parses the same bytes
// (`JSON.parse` of the decoded text): valid bytes parse. Only bytes that
// change in between fail there, and a caller's code runs in between at one
// place only: the attempt stops listening to the caller's signal
// (`removeEventListener`) after the answer was checked, before it is parsed.
// An injected fetch whose ArrayBuffer that signal blanks reaches the path.
function changingAfterCheck(body, extra = {}) {
  let buffer = null;
  const events = [];
  const fetch = async () => ({
    status: 200,
    headers: new Headers({ "content-type": "application/json" }),
    ...extra,
    arrayBuffer: async () => {
      events.push("read");
      buffer = new TextEncoder().encode(JSON.stringify(body)).buffer;
      return buffer;
    },
  });
  const signal = {
    aborted: false,
    addEventListener: () => {},
    removeEventListener: () => {
      events.push("stopped listening");
      if (buffer !== null) new Uint8Array(buffer).fill(0x20); // spaces: no JSON at all
    },
  };
  return { fetch, signal, events };
}

test("a body that fails JSON.parse after the module's check is kind decode with the engine's words, not a crash", async () => {
  const { fetch, signal, events } = changingAfterCheck(f.ticket(0));
  const e = await new TicketsApi({ baseUrl: BASE, fetch, retry: false }).getTicket(f.TICKET_ID, { signal }).catch((e) => e);
  assert.deepEqual(events, ["read", "stopped listening"], "the bytes changed after they were read and checked");
  assert.deepEqual(shown(e), {
    name: "JifelineError",
    kind: "decode",
    field: undefined,
    status: undefined,
    retryable: false,
    method: "GET",
    url: TICKET,
    message: "The server's response did not match the API reference: Unexpected end of JSON input.",
  });
});

test("a transition's resource that fails JSON.parse after the module's check is left out: the transition happened", async () => {
  const { fetch, signal } = changingAfterCheck(f.ticket(0, { id: f.TICKET_ID, state: "closed" }), { redirected: true, url: TICKET });
  const result = await new TicketsApi({ baseUrl: BASE, fetch, redirect: "follow" }).complete(f.TICKET_ID, { signal });
  assert.deepEqual(result, { location: TICKET });
});

// ---------------------------------------------------------------- signals whose getters throw

test("a signal whose aborted getter throws is refused as bad input, and nothing is sent", async () => {
  const { fetch, sent } = server(() => json(f.page([])));
  const signal = {
    get aborted() {
      throw new Error("no aborted here");
    },
    addEventListener: () => {},
  };
  const e = await new TicketsApi({ baseUrl: BASE, fetch }).listTickets({}, { signal }).catch((e) => e);
  assert.deepEqual(shown(e), {
    name: "JifelineError",
    kind: "validation",
    field: "options.signal",
    status: undefined,
    retryable: false,
    method: undefined,
    url: undefined,
    message: "Invalid `options.signal`: expected an AbortSignal, got an object.",
  });
  assert.deepEqual(sent, []);
});

test("a signal whose aborted getter throws only after the call's check counts as not aborted: the call goes on", async () => {
  const { fetch, sent } = server(() => json(f.page([])));
  let reads = 0;
  const signal = {
    get aborted() {
      if (++reads > 1) throw new Error("no aborted any more");
      return false;
    },
    addEventListener: () => {},
    removeEventListener: () => {},
  };
  const page = await new TicketsApi({ baseUrl: BASE, fetch }).listTickets({}, { signal });
  assert.deepEqual(page, f.page([]));
  assert.ok(reads > 1, "the throwing getter was read during the call");
  assert.deepEqual(sent, ["GET /v2/tickets/tickets null"]);
});

test("a signal whose reason getter throws still aborts the call, with no cause", async () => {
  let listener;
  const signal = {
    aborted: false,
    get reason() {
      throw new Error("no reason here");
    },
    addEventListener: (_type, l) => (listener = l),
    removeEventListener: () => {},
  };
  const api = new TicketsApi({ baseUrl: BASE, retry: false, timeoutMs: 0, fetch: () => new Promise(() => {}) });
  const pending = api.listTickets({}, { signal }).catch((e) => e);
  await new Promise((r) => setTimeout(r, 20));
  signal.aborted = true;
  listener();
  const e = await within(10_000, pending, "the aborted call");
  assert.deepEqual(shown(e), { name: "JifelineError", kind: "aborted", field: undefined, status: undefined, retryable: false, method: "GET", url: LIST, message: "GET /v2/tickets/tickets was aborted." });
  assert.equal(e.cause, undefined);
});

// ---------------------------------------------------------------- a followed redirect without a final URL

/** What an injected fetch may answer after following a redirect: `redirected`, and an empty `url`. */
const redirectedNowhere = (body) => ({
  status: 200,
  redirected: true,
  url: "",
  headers: new Headers({ "content-type": "application/json" }),
  arrayBuffer: async () => new TextEncoder().encode(JSON.stringify(body)).buffer,
});

test("a transition followed to an unknown final URL (redirected, url empty) is kind decode at Location: it may have been applied", async () => {
  const { fetch, sent } = server(() => redirectedNowhere(f.ticket(0, { id: f.TICKET_ID, state: "closed" })));
  const e = await new TicketsApi({ baseUrl: BASE, fetch, redirect: "follow" }).complete(f.TICKET_ID).catch((e) => e);
  assert.deepEqual(shown(e), {
    name: "JifelineError",
    kind: "decode",
    field: "Location",
    status: undefined,
    retryable: false,
    method: "PATCH",
    url: PATCH,
    message: `The server's response did not match the API reference at \`Location\`: the redirect's final URL is unknown. ${MAY_HAVE}`,
  });
  assert.deepEqual(sent, [`PATCH /v2/tickets/in-progress-tickets/${f.TICKET_ID} null`]);
});

test("a read followed to an unknown final URL (redirected, url empty) is kind decode: its answer is not used", async () => {
  const { fetch, sent } = server(() => redirectedNowhere(f.ticket(0)));
  const e = await new TicketsApi({ baseUrl: BASE, fetch, redirect: "follow" }).getTicket(f.TICKET_ID).catch((e) => e);
  assert.deepEqual(shown(e), {
    name: "JifelineError",
    kind: "decode",
    field: undefined,
    status: undefined,
    retryable: false,
    method: "GET",
    url: TICKET,
    message: `The server's response did not match the API reference: GET /v2/tickets/tickets/${f.TICKET_ID} was redirected to an unknown URL, another origin than the base URL's, and an answer from there is not used.`,
  });
  assert.equal(sent.length, 1, "not retried");
});

// ---------------------------------------------------------------- tokens

test("token answers already expired (expiresIn 0, a past expiresAt) are never reused: the function is asked before every request", async () => {
  const answers = {
    "expiresIn: 0": (token) => ({ token, expiresIn: 0 }),
    "expiresAt a minute ago": (token) => ({ token, expiresAt: Date.now() - 60_000 }),
    "expiresAt the epoch, as a Date": (token) => ({ token, expiresAt: new Date(0) }),
  };
  for (const [what, answer] of Object.entries(answers)) {
    const { fetch, sent } = server(() => json(f.page([])));
    const asked = [];
    const api = new TicketsApi({ baseUrl: BASE, fetch, accessToken: (request) => {
      asked.push(request);
      return answer(`tok-${asked.length}`);
    } });
    await api.listTickets();
    await api.listTickets();
    await api.listTickets();
    assert.deepEqual(asked, [{ refresh: false }, { refresh: false }, { refresh: false }], what);
    assert.deepEqual(sent, ["Bearer tok-1", "Bearer tok-2", "Bearer tok-3"].map((a) => `GET /v2/tickets/tickets ${a}`), what);
  }
});

test("a 401 while a look-up is pending joins that look-up instead of starting a refresh, and re-sends with its token", async () => {
  const realNow = Date.now;
  let answer401;
  const held = new Promise((r) => (answer401 = r));
  let arrived;
  const tok1Sent = new Promise((r) => (arrived = r));
  const { fetch, sent } = server(async (request) => {
    if (request.headers.get("authorization") !== "Bearer tok-1") return json(f.page([]));
    arrived();
    await held;
    return unauthorized();
  });
  const asked = [];
  let release;
  const api = new TicketsApi({
    baseUrl: BASE,
    fetch,
    accessToken: (request) => {
      asked.push(request);
      if (asked.length === 1) return { token: "tok-1", expiresIn: 100 };
      // The second look-up stays pending until the test releases it.
      return new Promise((resolve) => (release = () => resolve({ token: `tok-${asked.length}`, expiresIn: 100 })));
    },
  });
  try {
    const first = api.listTickets();
    await tok1Sent;
    // 95 s later tok-1 is within its 10 s margin: the next call starts a look-up, which stays pending.
    Date.now = () => realNow() + 95_000;
    const second = api.listTickets();
    while (release === undefined) await new Promise((r) => setTimeout(r, 1));
    // Now the first call's tok-1 is refused.
    answer401();
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(asked, [{ refresh: false }, { refresh: false }], "no refresh started while the look-up is pending");
    release();
    assert.deepEqual(await within(10_000, first, "the refused call"), f.page([]));
    assert.deepEqual(await within(10_000, second, "the second call"), f.page([]));
    assert.deepEqual(asked, [{ refresh: false }, { refresh: false }]);
    assert.deepEqual(sent.map((s) => s.split(" ").at(-1)), ["tok-1", "tok-2", "tok-2"]);
  } finally {
    Date.now = realNow;
  }
});

test("a call that starts while a 401's refresh is pending joins the refresh: the refused token is never sent again", async () => {
  let release;
  const asked = [];
  const { fetch, sent } = server((request) => (request.headers.get("authorization") === "Bearer tok-1" ? unauthorized() : json(f.page([]))));
  const api = new TicketsApi({
    baseUrl: BASE,
    fetch,
    accessToken: (request) => {
      asked.push(request);
      if (!request.refresh) return { token: "tok-1", expiresIn: 3600 };
      return new Promise((resolve) => (release = () => resolve({ token: "tok-2", expiresIn: 3600 })));
    },
  });
  const first = api.listTickets();
  while (release === undefined) await new Promise((r) => setTimeout(r, 1));
  const second = api.listTickets();
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(sent, ["GET /v2/tickets/tickets Bearer tok-1"], "the second call waits for the refresh");
  release();
  await within(10_000, Promise.all([first, second]), "both calls");
  assert.deepEqual(asked, [{ refresh: false }, { refresh: true }]);
  assert.deepEqual(sent.map((s) => s.split(" ").at(-1)), ["tok-1", "tok-2", "tok-2"]);
});

test("a 401 on a transition is refreshed and the PATCH re-sent once; a second 401 is the answer, the PATCH never sent a third time", async () => {
  let valid = "tok-2";
  const location = `/v2/tickets/tickets/${f.TICKET_ID}`;
  const closed = f.ticket(0, { id: f.TICKET_ID, state: "closed" });
  const { fetch, sent } = server((request) =>
    request.headers.get("authorization") !== `Bearer ${valid}` ? unauthorized() : request.method === "PATCH" ? new Response(null, { status: 303, headers: { location } }) : json(closed),
  );
  const asked = [];
  const api = new TicketsApi({ baseUrl: BASE, fetch, redirect: "manual", accessToken: (request) => {
    asked.push(request);
    return { token: `tok-${asked.length}`, expiresIn: 3600 };
  } });
  assert.deepEqual(await api.complete(f.TICKET_ID), { location: `${BASE}${location}`, resource: closed });
  assert.deepEqual(asked, [{ refresh: false }, { refresh: true }]);
  assert.deepEqual(sent, [`PATCH /v2/tickets/in-progress-tickets/${f.TICKET_ID} Bearer tok-1`, `PATCH /v2/tickets/in-progress-tickets/${f.TICKET_ID} Bearer tok-2`, `GET ${location} Bearer tok-2`]);

  valid = "none";
  sent.length = 0;
  const e = await api.complete(f.TICKET_ID).catch((e) => e);
  assert.deepEqual(shown(e), {
    name: "JifelineError",
    kind: "http",
    field: undefined,
    status: 401,
    retryable: false,
    method: "PATCH",
    url: PATCH,
    message: `PATCH /v2/tickets/in-progress-tickets/${f.TICKET_ID} failed with status 401 (Unauthorized): expired.`,
  });
  assert.deepEqual(asked, [{ refresh: false }, { refresh: true }, { refresh: true }]);
  assert.deepEqual(sent, [`PATCH /v2/tickets/in-progress-tickets/${f.TICKET_ID} Bearer tok-2`, `PATCH /v2/tickets/in-progress-tickets/${f.TICKET_ID} Bearer tok-3`]);
});

test("a 401's refresh does not use up a retry: with retry limit 1 a 401, a 503 and a 200 succeed; with retry false a 401 is still re-sent", async () => {
  const unavailable = () => json({ type: "about:blank", title: "Service Unavailable", status: 503 }, 503);
  const cases = [
    [{ limit: 1, baseDelayMs: 1, maxDelayMs: 1 }, [unauthorized, unavailable], ["onRetry 1 401 0", "onRetry 2 503 0"]],
    [false, [unauthorized], ["onRetry 1 401 0"]],
  ];
  for (const [retry, failures, retries] of cases) {
    const { fetch, sent } = server((_request, n) => (n < failures.length ? failures[n]() : json(f.page([]))));
    const asked = [];
    const events = [];
    const api = new TicketsApi({
      baseUrl: BASE,
      fetch,
      retry,
      accessToken: (request) => {
        asked.push(request);
        return { token: `tok-${asked.length}`, expiresIn: 3600 };
      },
      hooks: { onRetry: (e) => events.push(`onRetry ${e.attempt} ${e.status} ${e.delayMs}`) },
    });
    assert.deepEqual(await api.listTickets(), f.page([]), JSON.stringify(retry));
    assert.deepEqual(asked, [{ refresh: false }, { refresh: true }], JSON.stringify(retry));
    assert.deepEqual(sent.map((s) => s.split(" ").at(-1)), ["tok-1", ...failures.map(() => "tok-2")], JSON.stringify(retry));
    assert.deepEqual(events, retries, JSON.stringify(retry));
  }
});
