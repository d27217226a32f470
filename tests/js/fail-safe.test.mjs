// Fail safe when tokens, redirects and aborts misbehave: the scenarios
// shared with Chromium (fail-safe-scenarios.mjs), each its own test here,
// and what only Node shows (its redirect: "manual" default against real
// servers, clientCredentials).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as sdk from "jifeline-tickets";
import { startServer } from "./server.mjs";
import { scenarios } from "./fail-safe-scenarios.mjs";
import * as f from "./fixtures.mjs";

const plain = (value) => JSON.parse(JSON.stringify(value));

for (const [name, scenario] of Object.entries(scenarios)) {
  test(name, async () => {
    assert.deepEqual(plain(await scenario.run(sdk)), plain(scenario.expect));
  });
}

test("redirect: undefined keeps Node's manual default: a 303 or 302 to another origin gets no request, so no API key", async () => {
  const elsewhere = await startServer(() => ({ json: f.ticket(0) }));
  const api = await startServer((req) =>
    req.method === "PATCH"
      ? { status: 303, headers: { location: `${elsewhere.url}/v2/tickets/tickets/${f.TICKET_ID}` } }
      : { status: 302, headers: { location: `${elsewhere.url}/v2/tickets/tickets/${f.TICKET_ID}` } },
  );
  try {
    const client = new sdk.TicketsApi({ baseUrl: api.url, accessToken: "tok-SECRET", apiKey: "key-SECRET", redirect: undefined });
    const moved = await client.complete(f.TICKET_ID);
    assert.deepEqual(moved, { location: `${elsewhere.url}/v2/tickets/tickets/${f.TICKET_ID}` });
    const e = await client.getTicket(f.TICKET_ID).catch((e) => e);
    assert.equal(`${e.kind} ${e.status}`, "http 302");
    assert.deepEqual(
      api.requests.map((r) => r.method),
      ["PATCH", "GET"],
    );
    assert.equal(elsewhere.requests.length, 0, "the other origin was never asked");
  } finally {
    await api.close();
    await elsewhere.close();
  }
});

test("against a real server, a transition answered 307 with a Location rejects and the PATCH is sent once", async () => {
  const api = await startServer(() => ({ status: 307, headers: { location: `/v2/tickets/tickets/${f.TICKET_ID}` } }));
  try {
    const client = new sdk.TicketsApi({ baseUrl: api.url, accessToken: "tok" });
    const e = await client.cancel(f.TICKET_ID, { cancel_reason_id: 3 }).catch((e) => e);
    assert.equal(e.kind, "http");
    assert.equal(e.status, 307);
    assert.equal(e.retryable, false);
    assert.equal(
      e.message,
      `PATCH /v2/tickets/in-progress-tickets/${f.TICKET_ID} failed with status 307: a transition is answered with 303 See Other, and a 307 or 308 says the server did not apply it; the SDK does not send the PATCH elsewhere.`,
    );
    assert.deepEqual(api.requests.map((r) => r.method), ["PATCH"]);
  } finally {
    await api.close();
  }
});

test("clientCredentials reads the token endpoint's answer as it came, whatever the secret spells", async () => {
  for (const clientSecret of ["token", "Bearer", "3600", "access_token"]) {
    const fetch = async () => new Response(JSON.stringify({ access_token: "tok-1", token_type: "Bearer", expires_in: 3600 }), { headers: { "content-type": "application/json" } });
    const token = sdk.clientCredentials({ tokenUrl: "https://auth.example/token", clientId: "id", clientSecret, fetch });
    assert.equal(await token({ refresh: false }), "tok-1", clientSecret);
  }
});

test("clientCredentials scrubs the secret out of what it shows once, so a one-letter secret does not garble the message", async () => {
  const fetch = async () => new Response(JSON.stringify({ error: "invalid_client", error_description: "secret e is wrong" }), { status: 401, headers: { "content-type": "application/json" } });
  const token = sdk.clientCredentials({ tokenUrl: "https://auth.example/token", clientId: "id", clientSecret: "e", fetch });
  const error = await Promise.resolve()
    .then(() => token({ refresh: false }))
    .catch((e) => e);
  assert.equal(
    error.message,
    "The token endpoint https://auth.example/token refused the client credentials with status 401: invalid_cli[client secret]nt (s[client secret]cr[client secret]t [client secret] is wrong).",
  );
});

test("a clientCredentials endpoint that hangs once is asked again by the next call", async () => {
  const api = await startServer(() => ({ json: f.page([]) }));
  try {
    let asked = 0;
    const fetch = async () => {
      if (++asked === 1) return new Promise(() => {}); // ignores even its own signal
      return new Response(JSON.stringify({ access_token: "tok-ok", token_type: "Bearer", expires_in: 3600 }), { headers: { "content-type": "application/json" } });
    };
    const accessToken = sdk.clientCredentials({ tokenUrl: "https://auth.example/token", clientId: "id", clientSecret: "s", fetch, timeoutMs: 0 });
    const client = new sdk.TicketsApi({ baseUrl: api.url, accessToken, timeoutMs: 300 });
    const first = await client.listTickets().catch((e) => e);
    assert.equal(first.kind, "auth");
    await client.listTickets();
    assert.equal(asked, 2);
    assert.deepEqual(api.requests.map((r) => r.headers.authorization), ["Bearer tok-ok"]);
  } finally {
    await api.close();
  }
});
