// clientCredentials() at its edges, through an injected `fetch` that stands
// for the token endpoint: its own timeout (and none), bodies that cannot be
// read, OAuth2 errors with and without a description, 429 and 5xx, a missing
// or invalid expires_in, plain http for loopback hosts only, a secret with
// reserved characters, a network error with its cause, and no global fetch.
// (tests/auth/ runs it against the mock's real token endpoint.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { TicketsApi, clientCredentials } from "jifeline-tickets";
import * as f from "./fixtures.mjs";

const TOKEN_URL = "https://auth.example/oauth2/token";
const CLIENT_ID = "portal-backend";
const SECRET = "cs-SECRET-e4d1";

/** `promise`, or a rejection after `ms`: a look-up that never ends fails the test instead of hanging it. */
function within(ms, promise, what) {
  let timer;
  const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not end within ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** A token endpoint: records each request's URL and init, answers with `reply(n, url, init)`. */
function endpoint(reply) {
  const asked = [];
  const fetch = async (url, init) => {
    asked.push({ url, init });
    return reply(asked.length - 1, url, init);
  };
  return { fetch, asked };
}

const granted = (body) => new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
const refused = (status, body) => new Response(body === undefined ? "" : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** The token function's first look-up, settled: the token, or the error it rejects with. */
function lookUp(options) {
  const token = clientCredentials({ tokenUrl: TOKEN_URL, clientId: CLIENT_ID, clientSecret: SECRET, ...options });
  return within(10_000, Promise.resolve().then(() => token({ refresh: false })), "the look-up").catch((e) => e);
}

/** What a rejection shows a caller. */
const shown = (e) => ({ name: e.name, kind: e.kind, field: e.field, status: e.status, retryable: e.retryable, message: e.message });

const authError = (message, extra = {}) => ({ name: "JifelineError", kind: "auth", field: undefined, status: undefined, retryable: false, message, ...extra });

test("clientCredentials' own timeout aborts the token request's signal: kind auth, retryable, the timeout in the message", async () => {
  const { fetch, asked } = endpoint((_n, _url, init) => new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(init.signal.reason))));
  const e = await lookUp({ fetch, timeoutMs: 50 });
  assert.deepEqual(shown(e), authError("The token request to https://auth.example/oauth2/token timed out after 50 ms.", { retryable: true }));
  assert.equal(asked.length, 1);
  assert.ok(asked[0].init.signal instanceof AbortSignal);
  assert.equal(asked[0].init.signal.aborted, true);
});

test("clientCredentials with timeoutMs 0 gives the token request no signal at all, and takes a late answer", async () => {
  const { fetch, asked } = endpoint(async () => {
    await new Promise((r) => setTimeout(r, 200));
    return granted({ access_token: "tok-late", token_type: "Bearer", expires_in: 3600 });
  });
  assert.equal(await lookUp({ fetch, timeoutMs: 0 }), "tok-late");
  assert.equal(asked.length, 1);
  assert.ok("signal" in asked[0].init);
  assert.equal(asked[0].init.signal, undefined);
});

test("a token answer whose body fails to read is a network failure while reading, retryable, with its status; not kept: the next call asks again", async () => {
  const { fetch, asked } = endpoint((n) =>
    n === 0
      ? { ok: true, status: 200, text: () => Promise.reject(new Error(`connection reset (${SECRET})`)) }
      : granted({ access_token: "tok-2", token_type: "Bearer", expires_in: 3600 }),
  );
  const token = clientCredentials({ tokenUrl: TOKEN_URL, clientId: CLIENT_ID, clientSecret: SECRET, fetch });
  const e = await Promise.resolve().then(() => token({ refresh: false })).catch((e) => e);
  assert.deepEqual(
    shown(e),
    authError("The token request to https://auth.example/oauth2/token failed while its answer was read: network error (connection reset ([client secret])).", {
      status: 200,
      retryable: true,
    }),
  );
  assert.equal(await token({ refresh: false }), "tok-2");
  assert.equal(asked.length, 2);
});

test("timeoutMs bounds an injected fetch that ignores its signal, and a body that never ends: kind auth, retryable", async () => {
  const never = new Promise(() => {});
  const cases = [
    ["a fetch that never settles", () => never],
    ["a body that never ends", () => ({ ok: true, status: 200, text: () => never })],
  ];
  for (const [what, reply] of cases) {
    const { fetch, asked } = endpoint(reply);
    const e = await lookUp({ fetch, timeoutMs: 50 });
    assert.deepEqual(shown(e), authError("The token request to https://auth.example/oauth2/token timed out after 50 ms.", { retryable: true }), what);
    assert.equal(asked.length, 1, what);
  }
});

test("a refusal whose body fails to read says only its status", async () => {
  const { fetch } = endpoint(() => ({ ok: false, status: 400, text: () => Promise.reject(new Error("connection reset")) }));
  const e = await lookUp({ fetch });
  assert.deepEqual(shown(e), authError("The token endpoint https://auth.example/oauth2/token refused the client credentials with status 400.", { status: 400 }));
});

test("an OAuth2 error without error_description says its code alone", async () => {
  const { fetch } = endpoint(() => refused(400, { error: "invalid_grant" }));
  const e = await lookUp({ fetch });
  assert.deepEqual(shown(e), authError("The token endpoint https://auth.example/oauth2/token refused the client credentials with status 400: invalid_grant.", { status: 400 }));
});

test("a 429 (and a 503) from the token endpoint is retryable; a 401 is not", async () => {
  const cases = [
    [refused(429, { error: "slow_down", error_description: "too many requests" }), 429, true, ": slow_down (too many requests)"],
    [refused(429), 429, true, ""],
    [refused(503, { error: "temporarily_unavailable" }), 503, true, ": temporarily_unavailable"],
    [refused(401, { error: "invalid_client" }), 401, false, ": invalid_client"],
  ];
  for (const [answer, status, retryable, said] of cases) {
    const e = await lookUp({ fetch: async () => answer });
    assert.deepEqual(shown(e), authError(`The token endpoint https://auth.example/oauth2/token refused the client credentials with status ${status}${said}.`, { status, retryable }));
  }
});

test("a token answer without expires_in is reused until the API refuses it, then asked for again", async () => {
  const realNow = Date.now;
  const { fetch: tokenFetch, asked } = endpoint((n) => granted({ access_token: `tok-${n + 1}`, token_type: "Bearer" }));
  let valid = "tok-1";
  const sent = [];
  const apiFetch = async (request) => {
    const authorization = request.headers.get("authorization");
    sent.push(authorization);
    return authorization === `Bearer ${valid}`
      ? new Response(JSON.stringify(f.page([])), { headers: { "content-type": "application/json" } })
      : new Response(JSON.stringify({ type: "about:blank", title: "Unauthorized", status: 401 }), { status: 401, headers: { "content-type": "application/problem+json" } });
  };
  const accessToken = clientCredentials({ tokenUrl: TOKEN_URL, clientId: CLIENT_ID, clientSecret: SECRET, fetch: tokenFetch });
  const api = new TicketsApi({ baseUrl: "https://api.example", accessToken, fetch: apiFetch });
  try {
    await api.listTickets();
    await api.listTickets();
    Date.now = () => realNow() + 7 * 86_400_000; // a week later: no expiry, still reused
    await api.listTickets();
    assert.equal(asked.length, 1);
    valid = "tok-2"; // the API stops taking tok-1
    await api.listTickets();
    await api.listTickets();
    assert.equal(asked.length, 2);
    assert.deepEqual(sent, ["Bearer tok-1", "Bearer tok-1", "Bearer tok-1", "Bearer tok-1", "Bearer tok-2", "Bearer tok-2"]);
  } finally {
    Date.now = realNow;
  }
});

test("an invalid expires_in (a string, negative, null) is no usable token: kind auth with the status, not retryable, not kept", async () => {
  for (const expires_in of ["3600", -1, null]) {
    const { fetch, asked } = endpoint((n) => granted({ access_token: "tok", token_type: "Bearer", expires_in: n === 0 ? expires_in : 3600 }));
    const token = clientCredentials({ tokenUrl: TOKEN_URL, clientId: CLIENT_ID, clientSecret: SECRET, fetch });
    const e = await Promise.resolve().then(() => token({ refresh: false })).catch((e) => e);
    assert.deepEqual(shown(e), authError("The token endpoint https://auth.example/oauth2/token answered 200 without a usable token: `expires_in` is not a number of seconds.", { status: 200 }), String(expires_in));
    assert.equal(await token({ refresh: false }), "tok", "the next call asks again");
    assert.equal(asked.length, 2);
  }
});

test("plain http is allowed for localhost, 127.0.0.1 and [::1] only; any other host is refused naming it", async () => {
  for (const tokenUrl of ["http://localhost/oauth2/token", "http://localhost:8080/oauth2/token", "http://127.0.0.1:9000/oauth2/token", "http://[::1]:9000/oauth2/token"]) {
    const { fetch, asked } = endpoint(() => granted({ access_token: "tok-local", token_type: "Bearer", expires_in: 60 }));
    const token = clientCredentials({ tokenUrl, clientId: CLIENT_ID, clientSecret: SECRET, fetch });
    assert.equal(await token({ refresh: false }), "tok-local", tokenUrl);
    assert.deepEqual(asked.map((a) => a.url), [tokenUrl]);
  }
  for (const [tokenUrl, host] of [
    ["http://auth.example/oauth2/token", "auth.example"],
    ["http://auth.example:8080/oauth2/token", "auth.example:8080"],
    ["http://127.0.0.2/oauth2/token", "127.0.0.2"],
    ["http://localhost.example/oauth2/token", "localhost.example"],
    ["http://[::2]/oauth2/token", "[::2]"],
    ["http://0.0.0.0/oauth2/token", "0.0.0.0"],
  ]) {
    assert.throws(
      () => clientCredentials({ tokenUrl, clientId: CLIENT_ID, clientSecret: SECRET, fetch: async () => assert.fail("nothing is sent") }),
      (e) => {
        assert.deepEqual(
          { kind: e.kind, field: e.field, message: e.message },
          { kind: "validation", field: "tokenUrl", message: `Invalid \`tokenUrl\`: expected an https:// URL: the client secret must not travel in clear text to ${host}.` },
          tokenUrl,
        );
        return true;
      },
    );
  }
});

test("a secret with reserved characters is sent form-encoded inside Basic, and scrubbed from a message in every shape", async () => {
  const secret = "a+b&c=d %";
  const formEncoded = "a%2Bb%26c%3Dd+%25";
  const basic = btoa(`${CLIENT_ID}:${formEncoded}`);
  const { fetch, asked } = endpoint(() => refused(401, { error: "invalid_client", error_description: `got ${formEncoded}, that is ${secret}, in Basic ${basic}` }));
  const e = await lookUp({ clientSecret: secret, fetch });
  assert.equal(asked[0].init.headers.authorization, `Basic ${basic}`);
  assert.deepEqual(
    shown(e),
    authError("The token endpoint https://auth.example/oauth2/token refused the client credentials with status 401: invalid_client (got [client secret], that is [client secret], in Basic [client secret]).", { status: 401 }),
  );
});

test("a network error is shown with its cause joined (once), the secret scrubbed from both: kind auth, retryable", async () => {
  const cases = [
    [new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:1") }), "fetch failed: connect ECONNREFUSED 127.0.0.1:1"],
    [new TypeError("fetch failed", { cause: new Error("fetch failed") }), "fetch failed"],
    [new TypeError("fetch failed", { cause: new Error(`proxy refused ${SECRET}`) }), "fetch failed: proxy refused [client secret]"],
    ["offline", "offline"],
  ];
  for (const [thrown, said] of cases) {
    const e = await lookUp({
      fetch: async () => {
        throw thrown;
      },
    });
    assert.deepEqual(shown(e), authError(`The token request to https://auth.example/oauth2/token failed: network error (${said}).`, { retryable: true }), said);
  }
});

test("without a global fetch and without the fetch option, clientCredentials refuses at once, naming fetch", () => {
  const had = Object.getOwnPropertyDescriptor(globalThis, "fetch");
  let thrown;
  delete globalThis.fetch;
  try {
    clientCredentials({ tokenUrl: TOKEN_URL, clientId: CLIENT_ID, clientSecret: SECRET });
  } catch (e) {
    thrown = e;
  } finally {
    Object.defineProperty(globalThis, "fetch", had);
  }
  assert.equal(typeof globalThis.fetch, "function", "restored");
  assert.deepEqual(
    { name: thrown?.name, kind: thrown?.kind, field: thrown?.field, message: thrown?.message },
    { name: "JifelineError", kind: "validation", field: "fetch", message: "Invalid `fetch`: expected a function such as globalThis.fetch, got undefined." },
  );
});
