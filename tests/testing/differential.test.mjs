// One truth: one table of inputs over all six operations, each through the
// SDK and as the same HTTP request to the axum mock and to the in-process
// mock. A row is refused before sending by the SDK exactly when both mocks
// answer it with 400; where the SDK sends it, it sends exactly the row's wire.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { root, startMock, stopMocks } from "../support/harness.mjs";

const pkgDir = process.env.JIFELINE_PKG_DIR ?? join(root, "dist", "pkg");
const BASE = "https://api.example";
const UUID = "160c0c4b-9966-4dc1-a916-8407eb10d74e";
const OP = "fa9de6bb-1df8-4ba6-9e6d-1172fbf7e166";
const PRODUCT = "ca45affe-f503-4778-ab9e-3dd26cdd2d66";
const PROVIDER = "89679b1d-5eea-4ceb-8c38-aea88452dbc0";
const VIN = "JH4KA7630PC007649";
const T = "2024-01-01T00:00:00Z";

let origin, sdk, mockFetch, inProgressIds, ticketId;

before(async () => {
  origin = await startMock(["--seed", "3", "--tickets", "120", "--in-progress", "40", "--quiet"]);
  sdk = await import(join(pkgDir, "node.mjs"));
  const testing = await import(join(pkgDir, "testing-node.mjs"));
  mockFetch = await testing.createMockFetch({ seed: 3, tickets: 120, inProgress: 40 });
  const api = new sdk.TicketsApi({ baseUrl: origin, accessToken: "t" });
  inProgressIds = (await api.listInProgressTickets({ limit: 40 })).result.map((t) => t.id);
  ticketId = (await api.listTickets({ limit: 1 })).result[0].id;
});

after(() => stopMocks());

const body = (value) => JSON.stringify(value);
const tr = (transition) => body({ transition });

/**
 * Rows: [name, call(api, id), wire(id) = { method, path, query?, body? }, needs a fresh in-progress id].
 * The wire is what a client that checks nothing would send for the same input.
 */
const rows = [
  // listTickets
  ["list: no query", (a) => a.listTickets(), () => ({ method: "GET", path: "/v2/tickets/tickets" })],
  ["list: limit 0", (a) => a.listTickets({ limit: 0 }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "limit=0" })],
  ["list: limit 1000", (a) => a.listTickets({ limit: 1000 }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "limit=1000" })],
  ["list: limit 1001", (a) => a.listTickets({ limit: 1001 }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "limit=1001" })],
  ["list: limit -1", (a) => a.listTickets({ limit: -1 }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "limit=-1" })],
  ["list: limit 1.5", (a) => a.listTickets({ limit: 1.5 }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "limit=1.5" })],
  ["list: offset -1", (a) => a.listTickets({ offset: -1 }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "offset=-1" })],
  ["list: offset 5", (a) => a.listTickets({ offset: 5 }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "offset=5" })],
  ["list: state pending", (a) => a.listTickets({ state: ["pending"] }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "state=pending" })],
  ["list: two states", (a) => a.listTickets({ state: ["pending", "closed"] }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "state=pending,closed" })],
  ["list: state empty", (a) => a.listTickets({ state: [] }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "state=" })],
  ["list: state twice", (a) => a.listTickets({ state: ["pending", "pending"] }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "state=pending%2Cpending" })],
  ["list: unknown state", (a) => a.listTickets({ state: ["done"] }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "state=done" })],
  ["list: cancel reasons", (a) => a.listTickets({ cancel_reason_id: [1, 2] }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "cancel_reason_id=1,2" })],
  ["list: cancel reason 0", (a) => a.listTickets({ cancel_reason_id: [0] }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "cancel_reason_id=0" })],
  ["list: cancel reason -1", (a) => a.listTickets({ cancel_reason_id: [-1] }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "cancel_reason_id=-1" })],
  ["list: cancel reasons empty", (a) => a.listTickets({ cancel_reason_id: [] }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "cancel_reason_id=" })],
  ["list: cancel reasons twice", (a) => a.listTickets({ cancel_reason_id: [3, 3] }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "cancel_reason_id=3%2C3" })],
  ["list: created_after", (a) => a.listTickets({ created_after: T }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "created_after=2024-01-01T00:00:00Z" })],
  ["list: created_after with an offset", (a) => a.listTickets({ created_after: "2024-01-01T01:00:00+01:00" }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "created_after=2024-01-01T01:00:00%2B01:00" })],
  ["list: created_after with a space", (a) => a.listTickets({ created_after: "2024-01-01 00:00:00Z" }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "created_after=2024-01-01+00%3A00%3A00Z" })],
  // Second 60 only where a leap second can be: the last minute of a month in UTC (RFC 3339 §5.7).
  ["list: created_after a leap second", (a) => a.listTickets({ created_after: "2016-12-31T23:59:60Z" }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "created_after=2016-12-31T23:59:60Z" })],
  ["list: created_after a leap second in another offset", (a) => a.listTickets({ created_after: "2017-01-01T00:59:60+01:00" }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "created_after=2017-01-01T00:59:60%2B01:00" })],
  ["list: created_after second 60 mid-month", (a) => a.listTickets({ created_after: "2023-03-15T08:34:60Z" }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "created_after=2023-03-15T08:34:60Z" })],
  ["list: created_before a date only", (a) => a.listTickets({ created_before: "2024-01-01" }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "created_before=2024-01-01" })],
  ["list: updated_after without offset", (a) => a.listTickets({ updated_after: "2024-01-01T00:00:00" }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "updated_after=2024-01-01T00%3A00%3A00" })],
  ["list: finished_before", (a) => a.listTickets({ finished_before: T }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "finished_before=2024-01-01T00:00:00Z" })],
  ["list: customer_id", (a) => a.listTickets({ customer_id: UUID }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: `customer_id=${UUID}` })],
  ["list: customer_id not a UUID", (a) => a.listTickets({ customer_id: "nope" }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "customer_id=nope" })],
  ["list: operator_id upper case", (a) => a.listTickets({ operator_id: OP.toUpperCase() }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: `operator_id=${OP.toUpperCase()}` })],
  ["list: vin empty (without a VIN)", (a) => a.listTickets({ vin: "" }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "vin=" })],
  ["list: vin", (a) => a.listTickets({ vin: VIN }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: `vin=${VIN}` })],
  ["list: vin of 16", (a) => a.listTickets({ vin: VIN.slice(1) }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: `vin=${VIN.slice(1)}` })],
  ["list: vin with a symbol", (a) => a.listTickets({ vin: "JH4KA7630PC00764&" }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "vin=JH4KA7630PC00764%26" })],
  ["list: voucher_code", (a) => a.listTickets({ voucher_code: "ab" }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "voucher_code=ab" })],
  ["list: voucher_code empty", (a) => a.listTickets({ voucher_code: "" }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "voucher_code=" })],
  ["list: external_reference empty", (a) => a.listTickets({ external_reference: "" }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "external_reference=" })],
  ["list: externally_processed", (a) => a.listTickets({ externally_processed: true }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "externally_processed=true" })],
  ["list: ticket_number", (a) => a.listTickets({ ticket_number: 7000001 }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "ticket_number=7000001" })],
  ["list: ticket_number 1.5", (a) => a.listTickets({ ticket_number: 1.5 }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "ticket_number=1.5" })],
  ["list: ticket_number -1 (int64, no bounds)", (a) => a.listTickets({ ticket_number: -1 }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "ticket_number=-1" })],
  ["list: vehicle_model_id", (a) => a.listTickets({ vehicle_model_id: 3 }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "vehicle_model_id=3" })],
  ["list: sort_by created_at desc", (a) => a.listTickets({ sort_by: { created_at: "desc" } }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "sort_by[created_at]=desc" })],
  ["list: sort_by two fields", (a) => a.listTickets({ sort_by: { finished_at: "asc", ticket_number: "desc" } }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "sort_by[finished_at]=asc&sort_by[ticket_number]=desc" })],
  ["list: sort_by vin", (a) => a.listTickets({ sort_by: { vin: "asc" } }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "sort_by%5Bvin%5D=asc" })],
  ["list: sort_by id", (a) => a.listTickets({ sort_by: { id: "asc" } }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "sort_by%5Bid%5D=asc" })],
  ["list: sort_by direction up", (a) => a.listTickets({ sort_by: { created_at: "up" } }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "sort_by%5Bcreated_at%5D=up" })],
  ["list: unknown key", (a) => a.listTickets({ stat: ["pending"] }), () => ({ method: "GET", path: "/v2/tickets/tickets", query: "stat=pending" })],
  // listInProgressTickets
  ["in progress: no query", (a) => a.listInProgressTickets(), () => ({ method: "GET", path: "/v2/tickets/in-progress-tickets" })],
  ["in progress: limit 1001", (a) => a.listInProgressTickets({ limit: 1001 }), () => ({ method: "GET", path: "/v2/tickets/in-progress-tickets", query: "limit=1001" })],
  ["in progress: offset -5", (a) => a.listInProgressTickets({ offset: -5 }), () => ({ method: "GET", path: "/v2/tickets/in-progress-tickets", query: "offset=-5" })],
  ["in progress: ticket_number", (a) => a.listInProgressTickets({ ticket_number: 7000005 }), () => ({ method: "GET", path: "/v2/tickets/in-progress-tickets", query: "ticket_number=7000005" })],
  ["in progress: ticket_number -3", (a) => a.listInProgressTickets({ ticket_number: -3 }), () => ({ method: "GET", path: "/v2/tickets/in-progress-tickets", query: "ticket_number=-3" })],
  ["in progress: a ticket filter it does not have", (a) => a.listInProgressTickets({ state: ["pending"] }), () => ({ method: "GET", path: "/v2/tickets/in-progress-tickets", query: "state=pending" })],
  // getTicket, getInProgressTicket
  ["get: a ticket", (a) => a.getTicket(ticketId), () => ({ method: "GET", path: `/v2/tickets/tickets/${ticketId}` })],
  ["get: not a UUID", (a) => a.getTicket("nope"), () => ({ method: "GET", path: "/v2/tickets/tickets/nope" })],
  ["get: an upper-case UUID", (a) => a.getTicket(ticketId.toUpperCase()), () => ({ method: "GET", path: `/v2/tickets/tickets/${ticketId.toUpperCase()}` })],
  ["get in progress: one", (a, id) => a.getInProgressTicket(id), (id) => ({ method: "GET", path: `/v2/tickets/in-progress-tickets/${id}` })],
  ["get in progress: not a UUID", (a) => a.getInProgressTicket("x"), () => ({ method: "GET", path: "/v2/tickets/in-progress-tickets/x" })],
  // updateInProgressTicket
  ...[
    ["operator only", { operator_id: OP }],
    ["every field", { operator_id: OP, customer_id: UUID, vehicle_model_id: 0, vin: VIN, voucher_code: "WQ4MM3" }],
    ["voucher_code null (clears it)", { operator_id: OP, voucher_code: null }],
    ["no operator_id", { voucher_code: "AB12" }],
    ["operator_id not a UUID", { operator_id: "x" }],
    ["voucher_code lower case", { operator_id: OP, voucher_code: "ab12" }],
    ["voucher_code of 9", { operator_id: OP, voucher_code: "ABCDEFGHI" }],
    ["voucher_code of 3", { operator_id: OP, voucher_code: "ABC" }],
    ["voucher_code empty", { operator_id: OP, voucher_code: "" }],
    ["vin of 16", { operator_id: OP, vin: VIN.slice(1) }],
    ["vin with a symbol", { operator_id: OP, vin: "JH4KA7630PC00764-" }],
    ["vehicle_model_id -1", { operator_id: OP, vehicle_model_id: -1 }],
    ["customer_id not a UUID", { operator_id: OP, customer_id: "x" }],
    ["customer_id null", { operator_id: OP, customer_id: null }],
    ["an unknown field", { operator_id: OP, notes: "x" }],
  ].map(([name, update]) => [
    `update: ${name}`,
    (a, id) => a.updateInProgressTicket(id, update),
    (id) => ({ method: "PUT", path: `/v2/tickets/in-progress-tickets/${id}`, body: body(update) }),
  ]),
  // transitions
  ...[
    ["complete", { type: "complete" }, true],
    ["cancel", { type: "cancel", cancel_reason_id: 2 }, true],
    ["cancel with reason 0", { type: "cancel", cancel_reason_id: 0 }, true],
    ["cancel with reason 2^31", { type: "cancel", cancel_reason_id: 2 ** 31 }],
    ["cancel with reason -1", { type: "cancel", cancel_reason_id: -1 }],
    ["cancel without a reason", { type: "cancel" }],
    ["cancel with reason 1.5", { type: "cancel", cancel_reason_id: 1.5 }],
    ["outsource", { type: "outsource", product_ids: [PRODUCT], provider_id: PROVIDER }, true],
    ["outsource sharing customer information", { type: "outsource", product_ids: [PRODUCT], provider_id: PROVIDER, share_customer_information: true }, true],
    ["outsource without products", { type: "outsource", product_ids: [], provider_id: PROVIDER }],
    ["outsource a product twice (the reference asks non-empty, not unique)", { type: "outsource", product_ids: [PRODUCT, PRODUCT], provider_id: PROVIDER }, true],
    ["outsource to a provider that is not a UUID", { type: "outsource", product_ids: [PRODUCT], provider_id: "x" }],
    ["outsource without a provider", { type: "outsource", product_ids: [PRODUCT] }],
    ["outsource share_customer_information yes", { type: "outsource", product_ids: [PRODUCT], provider_id: PROVIDER, share_customer_information: "yes" }],
    ["an unknown type", { type: "reopen" }],
    ["complete with a field", { type: "complete", cancel_reason_id: 1 }],
  ].map(([name, transition, applies]) => [
    `transition: ${name}`,
    (a, id) => a.transitionInProgressTicket(id, transition),
    (id) => ({ method: "PATCH", path: `/v2/tickets/in-progress-tickets/${id}`, body: tr(transition) }),
    applies,
  ]),
  ["shorthand: outsource", (a, id) => a.outsource(id, { product_ids: [PRODUCT], provider_id: PROVIDER }), (id) => ({ method: "PATCH", path: `/v2/tickets/in-progress-tickets/${id}`, body: tr({ type: "outsource", product_ids: [PRODUCT], provider_id: PROVIDER }) }), true],
  ["shorthand: complete", (a, id) => a.complete(id), (id) => ({ method: "PATCH", path: `/v2/tickets/in-progress-tickets/${id}`, body: tr({ type: "complete" }) }), true],
  ["shorthand: cancel", (a, id) => a.cancel(id, { cancel_reason_id: 7 }), (id) => ({ method: "PATCH", path: `/v2/tickets/in-progress-tickets/${id}`, body: tr({ type: "cancel", cancel_reason_id: 7 }) }), true],
  ["shorthand: cancel without fields", (a, id) => a.cancel(id, {}), (id) => ({ method: "PATCH", path: `/v2/tickets/in-progress-tickets/${id}`, body: tr({ type: "cancel" }) })],
];

/** What the SDK does with a row: refused before sending, or the request it sends. */
async function throughSdk(call, id) {
  const sent = [];
  const fetch = async (request) => {
    sent.push({ method: request.method, url: new URL(request.url), body: request.body ? await request.text() : undefined });
    return new Response(null, { status: 599 });
  };
  const api = new sdk.TicketsApi({ baseUrl: BASE, accessToken: "t", retry: false, redirect: "manual", fetch });
  const outcome = await call(api, id).then(() => null, (e) => e);
  if (sent.length === 0) {
    assert.equal(outcome?.kind, "validation", `refused without being sent, as kind validation: ${outcome}`);
    return { refused: true, message: outcome.message };
  }
  return { refused: false, request: sent[0] };
}

async function statusOf(send, wire) {
  const url = `${wire.path}${wire.query ? `?${wire.query}` : ""}`;
  const headers = { authorization: "Bearer t", ...(wire.body ? { "content-type": "application/json" } : {}) };
  // `redirect: "manual"`: the status the mock answered, not the one a followed 303 leads to.
  return (await send(url, { method: wire.method, headers, body: wire.body, redirect: "manual" })).status;
}

test(`the SDK refuses a row exactly when both mocks answer 400 (${rows.length} rows over all six operations)`, async () => {
  assert.ok(rows.length >= 60);
  let fresh = 0;
  const disagreements = [];
  for (const [name, call, wireOf, applies] of rows) {
    // A transition that applies uses up its ticket; the others share the last one.
    const id = applies ? inProgressIds[fresh++] : inProgressIds[inProgressIds.length - 1];
    const wire = wireOf(id);
    const sdkSide = await throughSdk(call, id);
    if (!sdkSide.refused) {
      const { request } = sdkSide;
      const sent = { method: request.method, path: request.url.pathname, query: request.url.search.slice(1) || undefined, body: request.body };
      const expected = { method: wire.method, path: wire.path, query: wire.query, body: wire.body };
      if (JSON.stringify(sent) !== JSON.stringify(expected)) {
        disagreements.push(`${name}: the SDK sends ${JSON.stringify(sent)}, not the row's wire ${JSON.stringify(expected)}`);
      }
    }
    const overHttp = await statusOf((url, init) => fetch(origin + url, init), wire);
    const inProcess = await statusOf((url, init) => mockFetch(BASE + url, init), wire);
    if (overHttp !== inProcess) disagreements.push(`${name}: axum ${overHttp}, in-process ${inProcess}`);
    if (sdkSide.refused !== (overHttp === 400)) {
      disagreements.push(`${name}: the SDK ${sdkSide.refused ? `refuses (${sdkSide.message})` : "sends"}, the mock answers ${overHttp}`);
    }
  }
  assert.deepEqual(disagreements, []);
});
