// clientCredentials() through the installed package against the mock's real
// token endpoint (POST /oauth2/token), with the API accepting only the tokens
// it issued until they expire: one look-up for 200 calls, refresh after
// expiry and after a 401, a wrong secret, the browser refusal, the CJS entry,
// and no credential in any message, hook event or log line.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { root, startMock, stopMocks } from "../support/harness.mjs";

const pkgDir = process.env.JIFELINE_PKG_DIR ?? join(root, "dist", "pkg");
const CLIENT_ID = "portal-backend";
const SECRET = "cs-SECRET-0b7e5d";
const LIFETIME_S = 2;

let origin, sdk;
const logged = [];
const originalConsole = {};
const realNow = Date.now;

before(async () => {
  origin = await startMock(["--client-id", CLIENT_ID, "--client-secret", SECRET, "--token-lifetime", String(LIFETIME_S), "--quiet"]);
  sdk = await import(join(pkgDir, "node.mjs"));
  for (const level of ["log", "info", "warn", "error", "debug"]) {
    originalConsole[level] = console[level];
    console[level] = (...args) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === "object" ? JSON.stringify(a) : String(a))).join(" "));
      originalConsole[level](...args);
    };
  }
});

afterEach(() => {
  Date.now = realNow;
});

after(() => {
  Object.assign(console, originalConsole);
  stopMocks();
  // Every message, hook event and log line of the whole file.
  const text = seen.join("\n") + logged.join("\n");
  assert.ok(!text.includes("SECRET"), `a credential leaked: ${text.slice(Math.max(0, text.indexOf("SECRET") - 200), text.indexOf("SECRET") + 40)}`);
});

/** Everything a caller can see: errors (message, stack, fields) and hook events. */
const seen = [];
const remember = (value) => seen.push(JSON.stringify(value, (_k, v) => (v instanceof Error ? { ...v, message: v.message, stack: v.stack } : v)));

async function mockJson(path, init) {
  const res = await fetch(origin + path, init);
  return res.status === 204 ? null : res.json();
}

const reset = () => mockJson("/__mock/reset", { method: "POST" });

function client(accessToken) {
  const hook = (name) => (event) => remember({ name, ...event });
  return new sdk.TicketsApi({
    baseUrl: origin,
    accessToken,
    hooks: { onRequest: hook("onRequest"), onResponse: hook("onResponse"), onRetry: hook("onRetry"), onError: hook("onError") },
  });
}

const credentials = (extra = {}) => sdk.clientCredentials({ tokenUrl: `${origin}/oauth2/token`, clientId: CLIENT_ID, clientSecret: SECRET, ...extra });

test("200 concurrent calls get one token from the endpoint, and the API accepts it", async () => {
  await reset();
  const api = client(credentials({ scope: ["tickets:read", "tickets:write"] }));
  const pages = await Promise.all(Array.from({ length: 200 }, () => api.listTickets({ limit: 1 })));
  assert.equal(pages.length, 200);
  assert.ok(pages.every((p) => p.result.length === 1));
  assert.deepEqual(await mockJson("/__mock/tokens"), { issued: 1, refused: 0 });
  const requests = await mockJson("/__mock/requests");
  assert.equal(requests.length, 200);
});

test("a token is looked up again shortly before it expires, and after a 401 from the API", async () => {
  await reset();
  const api = client(credentials());
  await api.listTickets({ limit: 1 });
  await api.listTickets({ limit: 1 });
  assert.equal((await mockJson("/__mock/tokens")).issued, 1);
  // Past 90% of the 2 s lifetime: the cache asks for a new token before using the old one.
  await new Promise((r) => setTimeout(r, LIFETIME_S * 1000 * 0.9 + 100));
  await api.listTickets({ limit: 1 });
  assert.equal((await mockJson("/__mock/tokens")).issued, 2);
  // A clock held still keeps the cache believing in its token after the mock let it expire:
  // the API's 401 makes the SDK ask again with refresh, and re-send once.
  const frozen = realNow();
  Date.now = () => frozen;
  await new Promise((r) => setTimeout(r, LIFETIME_S * 1000 + 100));
  await api.listTickets({ limit: 1 });
  assert.equal((await mockJson("/__mock/tokens")).issued, 3);
  // The refused request and its re-send: the same request, a new token.
  const [refused, resent] = (await mockJson("/__mock/requests")).slice(-2);
  assert.equal(`${refused.method} ${refused.path}?${refused.query}`, `${resent.method} ${resent.path}?${resent.query}`);
  assert.notEqual(refused.headers.authorization, resent.headers.authorization);
});

test("a wrong secret: kind auth with the endpoint's status and error, nothing sent to the API, no secret", async () => {
  await reset();
  const api = client(sdk.clientCredentials({ tokenUrl: `${origin}/oauth2/token`, clientId: CLIENT_ID, clientSecret: "wrong-SECRET-31" }));
  const error = await api.listTickets().catch((e) => e);
  remember(error);
  assert.ok(error instanceof sdk.JifelineError);
  assert.equal(error.kind, "auth");
  assert.equal(error.status, 401);
  assert.equal(error.retryable, false);
  assert.equal(
    error.message,
    `The token endpoint ${origin}/oauth2/token refused the client credentials with status 401: invalid_client (unknown client or wrong client secret).`,
  );
  assert.deepEqual(await mockJson("/__mock/requests"), []);
  assert.deepEqual(await mockJson("/__mock/tokens"), { issued: 0, refused: 1 });
});

test("the token request is the RFC 6749 form with the client in HTTP Basic", async () => {
  const sent = [];
  const fetch = async (url, init) => {
    sent.push({ url, ...init });
    return new Response(JSON.stringify({ access_token: "tok-SECRET-x", token_type: "bearer", expires_in: 60 }), { headers: { "content-type": "application/json" } });
  };
  const token = sdk.clientCredentials({ tokenUrl: "https://auth.example/oauth2/token", clientId: "id:1", clientSecret: "s e&c", scope: "a b".split(" "), fetch });
  assert.equal(await token({ refresh: false }), "tok-SECRET-x");
  assert.equal(await token({ refresh: false }), "tok-SECRET-x");
  assert.equal(sent.length, 1, "the second call is answered from the cache");
  const [request] = sent;
  assert.equal(request.url, "https://auth.example/oauth2/token");
  assert.equal(request.method, "POST");
  assert.equal(request.redirect, "error");
  assert.equal(request.body, "grant_type=client_credentials&scope=a+b");
  assert.deepEqual(
    { ...request.headers, authorization: Buffer.from(request.headers.authorization.replace(/^Basic /, ""), "base64").toString() },
    { authorization: "id%3A1:s+e%26c", "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
  );
});

test("bad token answers and unreachable endpoints are kind auth errors that never hold the secret", async () => {
  const cases = [
    [() => new Response("<html>", { status: 502 }), "The token endpoint https://auth.example/t refused the client credentials with status 502.", true],
    // A wrong tokenUrl: nothing was refused, the endpoint is not there.
    [() => new Response("<html>", { status: 404 }), "The token endpoint https://auth.example/t was not found (status 404): check `tokenUrl`.", false],
    [() => new Response(JSON.stringify({ error: "invalid_scope", error_description: `scope x for ${SECRET}` }), { status: 400 }), `The token endpoint https://auth.example/t refused the client credentials with status 400: invalid_scope (scope x for [client secret]).`, false],
    [() => new Response(JSON.stringify({ token_type: "Bearer" })), "The token endpoint https://auth.example/t answered 200 without a usable token: `access_token` is not a non-empty string.", false],
    [() => new Response(JSON.stringify({ access_token: "t", token_type: "mac" })), "The token endpoint https://auth.example/t answered 200 without a usable token: `token_type` is not \"Bearer\".", false],
    [() => new Response("not json"), "The token endpoint https://auth.example/t answered 200 without a usable token: the body is not a JSON object.", false],
    [() => Promise.reject(new TypeError(`connect ECONNREFUSED (${SECRET})`)), "The token request to https://auth.example/t failed: network error (connect ECONNREFUSED ([client secret])).", true],
    // Echoed with a JSON escape, which only the parsed text shows as the secret.
    [() => new Response(`{"error":"invalid_client","error_description":"for ${SECRET.replace("-", "\\u002d")}"}`, { status: 401 }), "The token endpoint https://auth.example/t refused the client credentials with status 401: invalid_client (for [client secret]).", false],
    // Echoed as it was sent: inside the Basic credentials.
    [() => new Response(JSON.stringify({ error: "invalid_client", error_description: `bad Basic ${btoa(`id:${SECRET}`)}` }), { status: 401 }), "The token endpoint https://auth.example/t refused the client credentials with status 401: invalid_client (bad Basic [client secret]).", false],
  ];
  for (const [answer, message, retryable] of cases) {
    const token = sdk.clientCredentials({ tokenUrl: "https://auth.example/t?tenant=7", clientId: "id", clientSecret: SECRET, fetch: answer });
    const error = await Promise.resolve()
      .then(() => token({ refresh: false }))
      .catch((e) => e);
    remember(error);
    assert.equal(error.kind, "auth", message);
    assert.equal(error.message, message);
    assert.equal(error.retryable, retryable, message);
  }
});

test("refused where window exists: a browser must never hold a client secret", () => {
  globalThis.window = {};
  try {
    assert.throws(() => credentials(), (e) => {
      remember(e);
      assert.equal(e.kind, "validation");
      assert.equal(e.field, "clientCredentials");
      assert.match(e.message, /runs on servers only: a browser page must never hold a client secret/);
      return true;
    });
  } finally {
    delete globalThis.window;
  }
});

test("bad options are refused naming the option, never printing the secret", () => {
  const base = { tokenUrl: `${origin}/oauth2/token`, clientId: CLIENT_ID, clientSecret: SECRET };
  const cases = [
    [{ ...base, tokenUrl: "http://auth.example/token" }, "tokenUrl", "Invalid `tokenUrl`: expected an https:// URL: the client secret must not travel in clear text to auth.example."],
    [{ ...base, tokenUrl: `https://${CLIENT_ID}:${SECRET}@auth.example/token` }, "tokenUrl", "Invalid `tokenUrl`: must not carry credentials; pass clientId and clientSecret."],
    [{ ...base, tokenUrl: "/oauth2/token" }, "tokenUrl", "Invalid `tokenUrl`: expected an absolute https:// URL string (http:// only for localhost), got a string that is not one."],
    [{ ...base, clientId: "" }, "clientId", "Invalid `clientId`: expected a non-empty string, got the empty string."],
    [{ ...base, clientSecret: 123456 }, "clientSecret", "Invalid `clientSecret`: expected a non-empty string, got a number."],
    [{ ...base, scope: "" }, "scope", "Invalid `scope`: expected a scope string or a non-empty array of them (no spaces inside one), got the empty string."],
    [{ ...base, timeoutMs: -1 }, "timeoutMs", "Invalid `timeoutMs`: expected an integer from 0, got -1."],
    [{ ...base, client_secret: SECRET }, "options.client_secret", "Invalid `options.client_secret`: is not an option of clientCredentials; expected one of tokenUrl, clientId, clientSecret, scope, fetch, timeoutMs."],
  ];
  for (const [options, field, message] of cases) {
    assert.throws(() => sdk.clientCredentials(options), (e) => {
      remember(e);
      assert.equal(e.field, field);
      assert.equal(e.message, message);
      return true;
    });
  }
});

test("the CommonJS entry exports clientCredentials too, and it works against the mock", async () => {
  await reset();
  const require = createRequire(import.meta.url);
  const cjs = require(join(pkgDir, "node.cjs"));
  assert.equal(typeof cjs.clientCredentials, "function");
  const api = new cjs.TicketsApi({ baseUrl: origin, accessToken: cjs.clientCredentials({ tokenUrl: `${origin}/oauth2/token`, clientId: CLIENT_ID, clientSecret: SECRET }) });
  const page = await api.listTickets({ limit: 2 });
  assert.equal(page.result.length, 2);
  assert.equal((await mockJson("/__mock/tokens")).issued, 1);
});
