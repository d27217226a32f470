// The async iterators over every page: tickets() and inProgressTickets().
import { test } from "node:test";
import assert from "node:assert/strict";
import { TicketsApi } from "jifeline-tickets";
import { startServer } from "./server.mjs";
import * as f from "./fixtures.mjs";

const TOKEN = "tok-SECRET-7f3a";

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    assert.ok(!JSON.stringify({ message: e.message, stack: e.stack, ...e }).includes(TOKEN), "no token in an error");
    return e;
  }
  assert.fail("expected a rejection");
}

async function withServer(respond, body) {
  const server = await startServer(respond);
  try {
    const api = new TicketsApi({ baseUrl: `${server.url}/`, accessToken: TOKEN, retry: { baseDelayMs: 10 } });
    await body(api, server);
  } finally {
    await server.close();
  }
}

test("aborting while iterating pages rejects the iteration with kind aborted", async () => {
  const all = Array.from({ length: 9 }, (_, i) => f.ticket(i));
  await withServer(
    (req) => {
      const q = Object.fromEntries(req.query);
      const offset = Number(q.offset ?? 0);
      return { delayMs: offset > 0 ? 500 : 0, json: f.page(all.slice(offset, offset + 3), all.length, { limit: 3, offset }) };
    },
    async (api, server) => {
      const controller = new AbortController();
      const seen = [];
      const e = await rejection(
        (async () => {
          for await (const t of api.tickets({ limit: 3 }, { signal: controller.signal })) {
            seen.push(t.ticket_number);
            // Abort while the second page is in flight: once the server has it.
            if (seen.length === 3) {
              (async () => {
                while (server.requests.length < 2) await new Promise((r) => setTimeout(r, 5));
                controller.abort();
              })();
            }
          }
        })(),
      );
      assert.equal(e.kind, "aborted");
      assert.equal(seen.length, 3);
      assert.equal(server.requests.length, 2, "the second page was requested and abandoned");
    },
  );
});

test("an abort stops a walk at the next item, mid-page: the rest of the page is not yielded and nothing more is sent", async () => {
  const all = Array.from({ length: 300 }, (_, i) => f.ticket(i));
  const allInProgress = Array.from({ length: 300 }, (_, i) => f.inProgressTicket(i));
  await withServer(
    (req) => {
      const offset = Number(Object.fromEntries(req.query).offset ?? 0);
      const items = req.path.includes("in-progress") ? allInProgress : all;
      return { json: f.page(items.slice(offset, offset + 100), items.length, { limit: 100, offset }) };
    },
    async (api, server) => {
      for (const walk of [(signal) => api.tickets({ limit: 100 }, { signal }), (signal) => api.inProgressTickets({ limit: 100 }, { signal })]) {
        server.requests.length = 0;
        const controller = new AbortController();
        const seen = [];
        const e = await rejection(
          (async () => {
            for await (const t of walk(controller.signal)) {
              seen.push(t);
              if (seen.length === 150) controller.abort(new Error("stop"));
            }
          })(),
        );
        assert.equal(e.kind, "aborted");
        assert.equal(e.cause.message, "stop");
        assert.equal(seen.length, 150, "not one more item after the abort");
        assert.equal(server.requests.length, 2, "no third page was asked for");
      }
    },
  );
});

test("a walk without a limit asks for pages of 1000, the largest the reference allows; a limit given is kept", async () => {
  const all = Array.from({ length: 2500 }, (_, i) => f.ticket(i));
  await withServer(
    (req) => {
      const q = Object.fromEntries(req.query);
      const offset = Number(q.offset ?? 0);
      const limit = Number(q.limit ?? 25);
      return { json: f.page(all.slice(offset, offset + limit), all.length, { limit, offset }) };
    },
    async (api, server) => {
      let count = 0;
      for await (const _ of api.tickets()) count++;
      assert.equal(count, 2500);
      assert.deepEqual(server.requests.map((r) => r.rawQuery), ["limit=1000&offset=0", "limit=1000&offset=1000", "limit=1000&offset=2000"]);
      server.requests.length = 0;
      for await (const _ of api.tickets({ state: ["pending"], limit: undefined, offset: 2000 })) count++;
      assert.deepEqual(server.requests.map((r) => r.rawQuery), ["limit=1000&offset=2000&state=pending"]);
      server.requests.length = 0;
      for await (const _ of api.tickets({ vin: "" })) break;
      assert.deepEqual(server.requests.map((r) => r.rawQuery), ["limit=1000&offset=0&vin="]);
      server.requests.length = 0;
      for await (const _ of api.tickets({ limit: 1000 - 1, offset: 2000 })) count++;
      assert.deepEqual(server.requests.map((r) => r.rawQuery), ["limit=999&offset=2000"]);
    },
  );
});

test("the iterators walk every page until total", async () => {
  const all = Array.from({ length: 7 }, (_, i) => f.ticket(i));
  const allInProgress = Array.from({ length: 5 }, (_, i) => f.inProgressTicket(i));
  await withServer(
    (req) => {
      const q = Object.fromEntries(req.query);
      const offset = Number(q.offset ?? 0);
      const limit = Number(q.limit ?? 25);
      const items = req.path.includes("in-progress") ? allInProgress : all;
      return { json: f.page(items.slice(offset, offset + limit), items.length, { limit, offset }) };
    },
    async (api, server) => {
      const seen = [];
      for await (const t of api.tickets({ limit: 3, state: ["pending"] })) seen.push(t.ticket_number);
      assert.deepEqual(seen, all.map((t) => t.ticket_number));
      assert.deepEqual(server.requests.map((r) => r.rawQuery), [
        "limit=3&offset=0&state=pending",
        "limit=3&offset=3&state=pending",
        "limit=3&offset=6&state=pending",
      ]);
      const ids = [];
      for await (const t of api.inProgressTickets({ limit: 2 })) ids.push(t.id);
      assert.deepEqual(ids, allInProgress.map((t) => t.id));
    },
  );
});

test("a query the iterators cannot copy page after page is the SDK's to refuse, never a filter dropped", async () => {
  const all = Array.from({ length: 4 }, (_, i) => f.ticket(i));
  await withServer(
    (req) => {
      const offset = Number(Object.fromEntries(req.query).offset ?? 0);
      return { json: f.page(all.slice(offset, offset + 2), all.length, { limit: 2, offset }) };
    },
    async (api, server) => {
      const THREW = "a property that threw when read";
      // Read by the iterator itself (`offset`, the copy of every member): the SDK's error, not the getter's.
      for (const [query, field, message] of [
        [{ get state() { throw new Error("x"); } }, "state", `Invalid \`state\`: expected a non-empty array of ticket states, got ${THREW}.`],
        [{ get offset() { throw new Error("x"); } }, "offset", `Invalid \`offset\`: expected an integer of 0 or more, got ${THREW}.`],
        // The copy would have dropped the inherited filter and walked every ticket.
        [Object.create({ state: ["closed"] }), "query", "Invalid `query`: expected an object, got an object whose prototype is not Object.prototype."],
        [new Map([["state", ["closed"]]]), "query", "Invalid `query`: expected an object, got a Map."],
      ]) {
        const e = await rejection((async () => {
          for await (const _ of api.tickets(query)) assert.fail("no item");
        })());
        assert.deepEqual({ name: e.name, kind: e.kind, field: e.field, message: e.message }, { name: "JifelineError", kind: "validation", field, message });
      }
      assert.equal(server.requests.length, 0, "nothing sent");
      // A getter that throws on the second page's copy only: the SDK reads it
      // fine then, so the walk ends with the getter's own error, not silently.
      let reads = 0;
      const flaky = { limit: 2, get state() { if (++reads === 2) throw new Error("second read"); return ["pending"]; } };
      const seen = [];
      const e = await rejection((async () => {
        for await (const t of api.tickets(flaky)) seen.push(t.ticket_number);
      })());
      assert.equal(e.message, "second read");
      assert.equal(seen.length, 2, "the first page's items came through");
      // The walk still works with a plain query on the same client.
      const every = [];
      for await (const t of api.tickets({ limit: 2 })) every.push(t.ticket_number);
      assert.deepEqual(every, all.map((t) => t.ticket_number));
    },
  );
});
