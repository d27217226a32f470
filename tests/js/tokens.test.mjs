// Cached tokens: an `accessToken` function answering `{ token, expiresAt }` or
// `{ token, expiresIn }` is asked once for many calls, again shortly before
// expiry, once more after a 401 (once for all the calls refused together);
// a string answer keeps the call-per-request behaviour.
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { TicketsApi } from "jifeline-tickets";
import { startServer, problem } from "./server.mjs";
import * as f from "./fixtures.mjs";

const realNow = Date.now;
afterEach(() => {
  Date.now = realNow;
});

/** Moves the clock `ms` ahead of the real one (the SDK reads `Date.now()`). */
function advanceClock(ms) {
  Date.now = () => realNow() + ms;
}

const okPage = () => ({ json: f.page([]) });
const delay = (ms) => new Promise((r) => setTimeout(r, ms));

test("200 concurrent calls make exactly one token look-up, and every request carries its token", async () => {
  const server = await startServer(okPage);
  try {
    const asked = [];
    const api = new TicketsApi({
      baseUrl: server.url,
      accessToken: async (request) => {
        asked.push(request);
        await delay(20);
        return { token: "tok-SECRET-one", expiresIn: 3600 };
      },
    });
    await Promise.all(Array.from({ length: 200 }, () => api.listTickets({ limit: 1 })));
    assert.deepEqual(asked, [{ refresh: false }]);
    assert.equal(server.requests.length, 200);
    assert.ok(server.requests.every((r) => r.headers.authorization === "Bearer tok-SECRET-one"));
  } finally {
    await server.close();
  }
});

test("a cached token is reused until a tenth of its lifetime (at most 30 s) before it expires", async () => {
  const server = await startServer(okPage);
  try {
    let n = 0;
    const api = new TicketsApi({ baseUrl: server.url, accessToken: () => ({ token: `tok-${++n}`, expiresIn: 100 }) });
    await api.listTickets();
    advanceClock(85_000); // 100 s lifetime, 10 s margin: still fresh, with 5 s to spare for a busy machine
    await api.listTickets();
    advanceClock(91_000);
    await api.listTickets();
    await api.listTickets();
    assert.deepEqual(
      server.requests.map((r) => r.headers.authorization),
      ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2", "Bearer tok-2"],
    );
    assert.equal(n, 2);
  } finally {
    await server.close();
  }
});

test("expiresAt as a Date or as epoch milliseconds; the 30 s margin for long lifetimes", async () => {
  const server = await startServer(okPage);
  try {
    for (const at of [(ms) => new Date(realNow() + ms), (ms) => realNow() + ms]) {
      let n = 0;
      const api = new TicketsApi({ baseUrl: server.url, accessToken: () => ({ token: `tok-${++n}`, expiresAt: at(3_600_000) }) });
      await api.listTickets();
      advanceClock(3_560_000);
      await api.listTickets();
      assert.equal(n, 1, "reused 40 s before expiry");
      advanceClock(3_571_000);
      await api.listTickets();
      assert.equal(n, 2, "looked up again 29 s before expiry");
      Date.now = realNow;
    }
  } finally {
    await server.close();
  }
});

test("a function answering a string is still called before every request", async () => {
  const server = await startServer(okPage);
  try {
    const asked = [];
    const api = new TicketsApi({ baseUrl: server.url, accessToken: (request) => {
      asked.push(request);
      return "tok-plain";
    } });
    await api.listTickets();
    await api.listTickets();
    await api.listTickets();
    assert.deepEqual(asked, [{ refresh: false }, { refresh: false }, { refresh: false }]);
  } finally {
    await server.close();
  }
});

test("a 401 asks once more with { refresh: true } and re-sends once; calls refused together share that look-up", async () => {
  let valid = "tok-1";
  const server = await startServer((req) => (req.headers.authorization === `Bearer ${valid}` ? okPage() : problem(401, "Unauthorized", "expired")));
  try {
    const asked = [];
    let n = 0;
    const api = new TicketsApi({
      baseUrl: server.url,
      accessToken: async (request) => {
        asked.push(request);
        await delay(10);
        return { token: `tok-${++n}`, expiresIn: 3600 };
      },
    });
    await api.listTickets();
    valid = "tok-2"; // the server revokes tok-1
    await Promise.all(Array.from({ length: 20 }, () => api.listTickets()));
    assert.deepEqual(asked, [{ refresh: false }, { refresh: true }]);
    assert.equal(server.requests.length, 1 + 20 + 20);
    // A token that keeps being refused: one re-send, then the 401 is the answer.
    valid = "none";
    const error = await api.listTickets().catch((e) => e);
    assert.equal(`${error.kind} ${error.status}`, "http 401");
    assert.equal(asked.length, 3);
  } finally {
    await server.close();
  }
});

test("a failed look-up rejects with kind auth, sends nothing, and is not cached", async () => {
  const server = await startServer(okPage);
  try {
    let fail = true;
    const api = new TicketsApi({
      baseUrl: server.url,
      accessToken: async () => {
        if (fail) throw new Error("token service unavailable");
        return { token: "tok-later", expiresIn: 60 };
      },
    });
    const error = await api.listTickets().catch((e) => e);
    assert.equal(error.kind, "auth");
    assert.equal(error.message, "GET /v2/tickets/tickets was not sent: no access token (token service unavailable).");
    assert.equal(error.retryable, true);
    assert.equal(server.requests.length, 0);
    fail = false;
    await api.listTickets();
    assert.equal(server.requests[0].headers.authorization, "Bearer tok-later");
  } finally {
    await server.close();
  }
});

test("malformed token answers are refused naming accessToken, never quoting the token, nothing sent", async () => {
  const server = await startServer(okPage);
  try {
    const cases = [
      [{ token: "" }, "Invalid `accessToken`: expected `token` to be a non-empty string, got the empty string."],
      [{ token: 42, expiresIn: 60 }, "Invalid `accessToken`: expected `token` to be a non-empty string, got 42."],
      [{ token: "tok-SECRET", expiresAt: new Date("x") }, "Invalid `accessToken`: expected `expiresAt` to be a Date or epoch milliseconds, got an invalid Date."],
      [{ token: "tok-SECRET", expiresAt: "2030-01-01" }, "Invalid `accessToken`: expected `expiresAt` to be a Date or epoch milliseconds, got a string."],
      [{ token: "tok-SECRET", expiresIn: -1 }, "Invalid `accessToken`: expected `expiresIn` to be a number of seconds from 0, got -1."],
      [{ token: "tok-SECRET", expiresIn: NaN }, "Invalid `accessToken`: expected `expiresIn` to be a number of seconds from 0, got NaN."],
      [{ token: "tok-SECRET", expiresIn: 60, expiresAt: 1 }, "Invalid `accessToken`: expected `expiresAt` or `expiresIn`, not both."],
      [
        { access_token: "tok-SECRET", expires_in: 3600 },
        "Invalid `accessToken`: expected the function to return a string, { token, expiresAt } or { token, expiresIn }, got an object without `token` (an OAuth2 answer? return { token: answer.access_token, expiresIn: answer.expires_in }).",
      ],
      [42, "Invalid `accessToken`: expected the accessToken function to return a non-empty string, { token, expiresAt } or { token, expiresIn }, got 42."],
      ["", "Invalid `accessToken`: expected the accessToken function to return a non-empty string, { token, expiresAt } or { token, expiresIn }, got the string \"\"."],
    ];
    for (const [answer, message] of cases) {
      const api = new TicketsApi({ baseUrl: server.url, accessToken: async () => answer });
      const error = await api.listTickets().catch((e) => e);
      assert.equal(error.kind, "validation", message);
      assert.equal(error.field, "accessToken");
      assert.equal(error.message, message);
    }
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});

test("{ token } without an expiry is reused until the API refuses it", async () => {
  let valid = "tok-1";
  const server = await startServer((req) => (req.headers.authorization === `Bearer ${valid}` ? okPage() : problem(401, "Unauthorized", "expired")));
  try {
    let n = 0;
    const api = new TicketsApi({ baseUrl: server.url, accessToken: () => ({ token: `tok-${++n}` }) });
    await api.listTickets();
    advanceClock(86_400_000);
    await api.listTickets();
    assert.equal(n, 1);
    valid = "tok-2";
    await api.listTickets();
    assert.equal(n, 2);
  } finally {
    await server.close();
  }
});

test("an abort or the timeout ends the wait for a slow token: nothing is sent, the call rejects at once", async () => {
  const server = await startServer(okPage);
  try {
    // A token service that never answers.
    const hanging = new TicketsApi({ baseUrl: server.url, accessToken: () => new Promise(() => {}), timeoutMs: 0 });
    const controller = new AbortController();
    const why = new Error("the user left the page");
    const pending = hanging.updateInProgressTicket(f.TICKET_ID, { operator_id: f.TICKET_ID }, { signal: controller.signal }).catch((e) => e);
    await delay(20);
    const abortedAt = Date.now();
    controller.abort(why);
    const aborted = await pending;
    assert.deepEqual([aborted.kind, aborted.cause, aborted.message], ["aborted", why, `PUT /v2/tickets/in-progress-tickets/${f.TICKET_ID} was aborted.`]);
    // Without the abort the call would wait for ever (no timeout, a token that never comes).
    assert.ok(Date.now() - abortedAt < 10_000, "rejected at once");

    const started = Date.now();
    const slow = await new TicketsApi({ baseUrl: server.url, accessToken: () => new Promise(() => {}) }).listTickets({}, { timeoutMs: 100 }).catch((e) => e);
    assert.equal(slow.kind, "auth");
    assert.equal(slow.message, "GET /v2/tickets/tickets was not sent: no access token (the accessToken function did not settle within 100 ms (timeoutMs)).");
    assert.ok(Date.now() - started < 10_000, "the timeout bounds the token's wait (a token that never comes)");

    // A token that arrives after the abort is not used, and one that rejects then is no unhandled rejection.
    const unhandled = [];
    const onUnhandled = (e) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      for (const settle of [(resolve) => resolve("tok-late"), (_resolve, reject) => reject(new Error("too late"))]) {
        const late = new AbortController();
        const api = new TicketsApi({ baseUrl: server.url, accessToken: () => new Promise((resolve, reject) => setTimeout(() => settle(resolve, reject), 50)) });
        const call = api.getTicket(f.TICKET_ID, { signal: late.signal }).catch((e) => e);
        late.abort();
        assert.equal((await call).kind, "aborted");
        await delay(100);
      }
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    assert.deepEqual(unhandled, []);
    assert.equal(server.requests.length, 0, "nothing was sent after the call stopped waiting");
  } finally {
    await server.close();
  }
});

test("the attempt's timeout covers the token's wait and the fetch together", async () => {
  // A token that takes 400 ms and an answer that takes 800 ms: each within the 1000 ms timeout, 1200 ms together.
  const server = await startServer(() => ({ delayMs: 800, json: f.page([]) }));
  try {
    // The attempt counted as the client makes it (the server may not have it yet when the timeout fires).
    let attempts = 0;
    const api = new TicketsApi({ baseUrl: server.url, retry: false, accessToken: () => delay(400).then(() => "tok"), hooks: { onRequest: () => attempts++ } });
    const e = await api.listTickets({}, { timeoutMs: 1000 }).catch((e) => e);
    assert.deepEqual([e.kind, e.message], ["timeout", "GET /v2/tickets/tickets timed out after 1000 ms."]);
    assert.equal(attempts, 1, "the request was sent once the token came");
    assert.ok(server.requests.length <= 1);
  } finally {
    await server.close();
  }
});
