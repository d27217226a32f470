// Options the SDK cannot read (a getter or Proxy trap that throws, a revoked
// Proxy) are refused naming the option, as a JifelineError, never a raw
// error out of the checks; and each option is read once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { TicketsApi } from "jifeline-tickets";
import { startServer } from "./server.mjs";
import * as f from "./fixtures.mjs";

const BASE = "https://api.example";
const thrower = (key, onto = {}) => Object.defineProperty(onto, key, { enumerable: true, get: () => { throw new Error("boom"); } });
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const GETTER = "reading it threw (a getter or a Proxy trap), so it cannot be checked.";
const KEYS = "its keys could not be listed (a revoked Proxy, or a Proxy trap threw), so it cannot be checked.";

function refusal(make) {
  try {
    make();
  } catch (e) {
    return e;
  }
  assert.fail("expected a throw");
}

test("constructor options that cannot be read throw a validation error naming the option", () => {
  const cases = [
    [thrower("apiKey", { baseUrl: BASE }), "apiKey", GETTER],
    [thrower("baseUrl"), "baseUrl", GETTER],
    [{ baseUrl: BASE, headers: thrower("x-tenant") }, "headers.x-tenant", GETTER],
    [{ baseUrl: BASE, retry: thrower("limit") }, "retry.limit", GETTER],
    [{ baseUrl: BASE, hooks: thrower("onRequest") }, "hooks.onRequest", GETTER],
    [revoked(), "options", KEYS],
    [{ baseUrl: BASE, headers: revoked() }, "headers", KEYS],
    [new Proxy({ baseUrl: BASE }, { ownKeys: () => { throw new Error("no"); } }), "options", KEYS],
    [new Proxy({ baseUrl: BASE }, { get: () => { throw new Error("no"); } }), "baseUrl", GETTER],
  ];
  for (const [options, field, why] of cases) {
    const e = refusal(() => new TicketsApi(options));
    assert.equal(e.name, "JifelineError", field);
    assert.equal(e.kind, "validation");
    assert.equal(e.field, field);
    assert.equal(e.message, `Invalid \`${field}\`: ${why}`);
  }
});

test("each option is read once: what the checks saw is what the client uses", async () => {
  const server = await startServer(() => ({ json: f.page([]) }));
  try {
    const reads = { baseUrl: 0, limit: 0 };
    const options = {
      get baseUrl() {
        reads.baseUrl++;
        return reads.baseUrl === 1 ? server.url : "https://elsewhere.example";
      },
      retry: {
        get limit() {
          reads.limit++;
          return reads.limit === 1 ? 1 : 99;
        },
      },
    };
    const api = new TicketsApi(options);
    assert.deepEqual(reads, { baseUrl: 1, limit: 1 });
    await api.listTickets();
    assert.deepEqual(reads, { baseUrl: 1, limit: 1 });
    assert.equal(server.requests.length, 1);
  } finally {
    await server.close();
  }
});

test("call options that cannot be read reject with a validation error naming the option, and nothing is sent", async () => {
  const server = await startServer(() => ({ json: f.page([]) }));
  try {
    const errors = [];
    const api = new TicketsApi({ baseUrl: server.url, hooks: { onError: (ev) => errors.push(ev.error.field) } });
    const cases = [
      [() => api.listTickets({}, thrower("signal")), "options.signal", GETTER],
      [() => api.getTicket(f.TICKET_ID, thrower("timeoutMs")), "options.timeoutMs", GETTER],
      [() => api.listInProgressTickets({}, { retry: thrower("limit") }), "options.retry.limit", GETTER],
      [() => api.complete(f.TICKET_ID, revoked()), "options", KEYS],
      [() => api.cancel(f.TICKET_ID, { cancel_reason_id: 1 }, { retry: revoked() }), "options.retry", KEYS],
    ];
    for (const [call, field, why] of cases) {
      const e = await call().then(() => assert.fail(field), (e) => e);
      assert.equal(e.name, "JifelineError", field);
      assert.equal(e.kind, "validation");
      assert.equal(e.field, field);
      assert.equal(e.message, `Invalid \`${field}\`: ${why}`);
    }
    assert.deepEqual(errors, cases.map(([, field]) => field), "one onError event per refusal");
    assert.equal(server.requests.length, 0);
    // The client goes on, and a call's own signal still works.
    const page = await api.listTickets({ limit: 5 }, { signal: new AbortController().signal, retry: false });
    assert.equal(page.total, 0);
    assert.deepEqual(server.requests.map((r) => r.rawQuery), ["limit=5"]);
  } finally {
    await server.close();
  }
});
