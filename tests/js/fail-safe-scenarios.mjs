// What a hostile review found the SDK doing wrong when tokens, redirects and
// aborts misbehave, as scenarios that run the same way in Node
// (fail-safe.test.mjs) and in headless Chromium (tests/browser): each takes
// the package's exports, drives it through an injected `fetch` that stands
// for the server, and returns plain data that its `expect` must equal.
import * as f from "./fixtures.mjs";

const BASE = "https://api.example";
const ID = f.TICKET_ID;
const never = () => new Promise(() => {});

/** An injected fetch that records what it was sent and answers with `reply(request, n)`. */
function server(reply = () => json(f.page([]))) {
  const sent = [];
  const fetch = async (request) => {
    const body = request.method === "GET" ? "" : await request.text();
    sent.push({ method: request.method, url: request.url, authorization: request.headers.get("authorization"), apiKey: request.headers.get("x-api-key"), body });
    return reply(request, sent.length - 1);
  };
  return { fetch, sent };
}

function json(value, status = 200, headers = {}) {
  return new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json", ...headers } });
}

const summary = (e) => ({ kind: e.kind, field: e.field, status: e.status, retryable: e.retryable, message: e.message });

export const scenarios = {
  "a token look-up that outlasts the attempt's timeout is not kept: the next call asks again": {
    async run({ TicketsApi }) {
      const { fetch, sent } = server();
      let asked = 0;
      const api = new TicketsApi({ baseUrl: BASE, fetch, timeoutMs: 300, accessToken: () => (++asked === 1 ? never() : { token: "tok-2", expiresIn: 3600 }) });
      const first = await api.listTickets().catch(summary);
      await api.listTickets();
      await api.listTickets();
      return { first, asked, sent: sent.map((r) => r.authorization) };
    },
    expect: {
      first: {
        kind: "auth",
        field: undefined,
        status: undefined,
        retryable: true,
        message: "GET /v2/tickets/tickets was not sent: no access token (the accessToken function did not settle within 300 ms (timeoutMs)).",
      },
      asked: 2,
      sent: ["Bearer tok-2", "Bearer tok-2"],
    },
  },

  "an answer that is no token is refused once, saying what was given; the next call asks again": {
    async run({ TicketsApi }) {
      const { fetch, sent } = server();
      let asked = 0;
      const api = new TicketsApi({ baseUrl: BASE, fetch, accessToken: async () => (++asked === 1 ? ["oops"] : { token: "tok-good", expiresIn: 3600 }) });
      const first = await api.listTickets().catch(summary);
      await api.listTickets();
      return { first, asked, sent: sent.map((r) => r.authorization) };
    },
    expect: {
      first: {
        kind: "validation",
        field: "accessToken",
        status: undefined,
        retryable: false,
        message: "Invalid `accessToken`: expected the accessToken function to return a non-empty string, { token, expiresAt } or { token, expiresIn }, got an array.",
      },
      asked: 2,
      sent: ["Bearer tok-good"],
    },
  },

  "a transition answered 301, 302, 307 or 308 is no success: it rejects, not retryable, the PATCH sent once": {
    async run({ TicketsApi }) {
      const out = {};
      for (const status of [301, 302, 307, 308]) {
        const { fetch, sent } = server(() => new Response(null, { status, headers: { location: `/v2/tickets/tickets/${ID}` } }));
        const api = new TicketsApi({ baseUrl: BASE, fetch, accessToken: "tok", redirect: "manual" });
        const e = await api.complete(ID).catch(summary);
        out[status] = { kind: e.kind, status: e.status, retryable: e.retryable, sent: sent.map((r) => r.method) };
      }
      return out;
    },
    expect: Object.fromEntries([301, 302, 307, 308].map((status) => [status, { kind: "http", status, retryable: false, sent: ["PATCH"] }])),
  },

  "an abort from inside the token function rejects at once with aborted, even with no timeout, and sends nothing": {
    async run({ TicketsApi }) {
      const { fetch, sent } = server();
      const out = [];
      for (const answer of [never, () => "tok"]) {
        const controller = new AbortController();
        const api = new TicketsApi({ baseUrl: BASE, fetch, timeoutMs: 0, accessToken: () => {
          controller.abort();
          return answer();
        } });
        out.push(await api.getTicket(ID, { signal: controller.signal }).catch(summary));
      }
      return { out: out.map((e) => `${e.kind}: ${e.message}`), sent: sent.length };
    },
    expect: { out: [`aborted: GET /v2/tickets/tickets/${ID} was aborted.`, `aborted: GET /v2/tickets/tickets/${ID} was aborted.`], sent: 0 },
  },

  "an abort from inside hooks.onRequest rejects with aborted and sends nothing (a transition: nothing applied)": {
    async run({ TicketsApi }) {
      const { fetch, sent } = server();
      const controller = new AbortController();
      const api = new TicketsApi({ baseUrl: BASE, fetch, accessToken: "tok", timeoutMs: 0, hooks: { onRequest: () => controller.abort() } });
      const e = await api.complete(ID, { signal: controller.signal }).catch(summary);
      return { e: `${e.kind} ${e.retryable}: ${e.message}`, sent: sent.length };
    },
    expect: { e: `aborted false: PATCH /v2/tickets/in-progress-tickets/${ID} was aborted.`, sent: 0 },
  },

  "calls refused together by a 401 share one refresh, even when the function answers the same token": {
    async run({ TicketsApi }) {
      let refusing = 0;
      const { fetch, sent } = server(() => {
        if (refusing <= 0) return json(f.page([]));
        refusing--;
        return json({ type: "about:blank", title: "Unauthorized", status: 401 }, 401);
      });
      let asked = 0;
      const api = new TicketsApi({ baseUrl: BASE, fetch, accessToken: async () => {
        asked++;
        return { token: "always-the-same", expiresIn: 3600 };
      } });
      await api.listTickets();
      refusing = 50;
      await Promise.all(Array.from({ length: 50 }, () => api.listTickets()));
      return { asked, sent: sent.length };
    },
    expect: { asked: 2, sent: 1 + 50 + 50 },
  },

  "a function answering a string is asked before every request, also for concurrent first calls": {
    async run({ TicketsApi }) {
      const { fetch, sent } = server();
      let asked = 0;
      const api = new TicketsApi({ baseUrl: BASE, fetch, accessToken: async () => `tok-${++asked}` });
      await Promise.all(Array.from({ length: 10 }, () => api.listTickets()));
      return { asked, distinct: new Set(sent.map((r) => r.authorization)).size };
    },
    expect: { asked: 10, distinct: 10 },
  },

  "an answer's headers that echo the token or the API key reach no error, event or log": {
    async run({ TicketsApi }) {
      const token = "tok-SECRET-echo";
      const apiKey = "key-SECRET-echo";
      const { fetch } = server(
        () =>
          new Response(JSON.stringify({ type: "about:blank", title: "Not Found", status: 404 }), {
            status: 404,
            headers: { "content-type": "application/problem+json", "x-echo": `${token} ${apiKey}`, "www-authenticate": `Bearer error="invalid_token", token="${token}"`, "x-plain": "kept" },
          }),
      );
      let event = null;
      const api = new TicketsApi({ baseUrl: BASE, fetch, accessToken: token, apiKey, hooks: { onError: (e) => (event = e) } });
      const e = await api.getTicket(ID).catch((e) => e);
      const shown = [JSON.stringify(e), e.message, e.stack, JSON.stringify([...e.headers]), JSON.stringify(event, (_k, v) => (v instanceof Headers ? [...v] : v))].join("\n");
      return {
        leaks: shown.includes("SECRET"),
        echo: e.headers.get("x-echo"),
        authenticate: e.headers.get("www-authenticate"),
        plain: e.headers.get("x-plain"),
        sameError: event.error === e,
      };
    },
    expect: {
      leaks: false,
      echo: "[redacted] [redacted]",
      authenticate: 'Bearer error="invalid_token", token="[redacted]"',
      plain: "kept",
      sameError: true,
    },
  },

  "a header named __proto__ is sent like any other": {
    async run({ TicketsApi }) {
      let seen;
      const fetch = async (request) => {
        seen = request.headers.get("__proto__");
        return json(f.page([]));
      };
      const api = new TicketsApi({ baseUrl: BASE, fetch, headers: JSON.parse('{"__proto__": "kept", "x-other": "1"}') });
      await api.listTickets();
      return { seen };
    },
    expect: { seen: "kept" },
  },

  "valid JSON nested too deeply inside an unknown field is reported as too deep, not as invalid JSON": {
    async run({ TicketsApi }) {
      const deep = `${"[".repeat(200)}${"]".repeat(200)}`;
      const body = JSON.stringify(f.ticket(0)).replace("{", `{"extra":${deep},`);
      const fetch = async () => new Response(body, { headers: { "content-type": "application/json" } });
      const e = await new TicketsApi({ baseUrl: BASE, fetch }).getTicket(ID).catch(summary);
      return `${e.kind}: ${e.message}`;
    },
    expect: `decode: The server's response did not match the API reference: the body nests arrays and objects more than 128 deep (at line 1, column 137), which no answer of the API does.`,
  },

  "a signal whose addEventListener throws is refused as bad input, and nothing is sent": {
    async run({ TicketsApi }) {
      const { fetch, sent } = server();
      const signal = { aborted: false, addEventListener() { throw new Error("not a real signal"); } };
      const e = await new TicketsApi({ baseUrl: BASE, fetch }).listTickets({}, { signal }).catch(summary);
      return { e, sent: sent.length };
    },
    expect: {
      e: {
        kind: "validation",
        field: "options.signal",
        status: undefined,
        retryable: false,
        message: "Invalid `options.signal`: expected an AbortSignal: its addEventListener threw, so an abort could not be heard.",
      },
      sent: 0,
    },
  },
};

/** Runs every scenario with the package's exports; each result beside its expectation. */
export async function runAll(sdk) {
  const results = {};
  for (const [name, scenario] of Object.entries(scenarios)) {
    try {
      results[name] = { got: await scenario.run(sdk), expect: scenario.expect };
    } catch (e) {
      results[name] = { got: { threw: String(e?.stack ?? e) }, expect: scenario.expect };
    }
  }
  return results;
}
