// One scenario through the SDK, run against each shell of the mock: the axum
// server over HTTP and `jifeline-tickets/testing` in-process (in Node and in
// Chromium). Same seed, same calls: the answers must be the same.
const OPERATOR = "fa9de6bb-1df8-4ba6-9e6d-1172fbf7e166";
const PROVIDER = "89679b1d-5eea-4ceb-8c38-aea88452dbc0";
const PRODUCT = "ca45affe-f503-4778-ab9e-3dd26cdd2d66";
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

/**
 * @param {{ TicketsApi: any, baseUrl: string, fetch?: Function, fault: (spec: object) => Promise<void> | void }} env
 */
export async function scenario({ TicketsApi, baseUrl, fetch, fault }) {
  const api = new TicketsApi({ baseUrl, accessToken: "scenario-token", retry: false, ...(fetch ? { fetch } : {}) });
  // The path, and whether the SDK gave it as the absolute URL on the API's origin (in every environment).
  const path = (location) => `${location.startsWith(`${new URL(baseUrl).origin}/`) ? "absolute " : "relative "}${new URL(location, baseUrl).pathname}`;
  const failure = (e) => ({ kind: e.kind, status: e.status, retryable: e.retryable, message: e.message, field: e.field });
  const out = {};

  const filtered = await api.listTickets({ state: ["in_progress"], limit: 5, sort_by: { ticket_number: "desc" } });
  out.filter = { total: filtered.total, query: filtered.query, numbers: filtered.result.map((t) => t.ticket_number) };
  const second = await api.listTickets({ limit: 10, offset: 20, created_after: "2024-01-01T00:00:00Z" });
  out.page = { total: second.total, tickets: second.result };

  const inProgress = await api.listInProgressTickets({ limit: 5 });
  out.inProgressBefore = inProgress.total;
  const [a, b, c] = inProgress.result.map((t) => t.id);
  out.ticket = await api.getInProgressTicket(a);

  out.update = await api.updateInProgressTicket(a, { operator_id: OPERATOR, voucher_code: "WQ4MM3" });
  const completed = await api.complete(a);
  out.complete = { location: path(completed.location), resource: completed.resource };
  const cancelled = await api.cancel(b, { cancel_reason_id: 2 });
  out.cancel = { location: path(cancelled.location), resource: cancelled.resource };
  const outsourced = await api.outsource(c, { product_ids: [PRODUCT], provider_id: PROVIDER });
  out.outsource = { location: path(outsourced.location), resource: outsourced.resource };
  out.inProgressAfter = (await api.listInProgressTickets({ limit: 1 })).total;

  // A Location naming a resource the SDK does not model (a real server may
  // answer with closed-tickets): the transition still resolves, without a resource.
  const d = (await api.listInProgressTickets({ limit: 1, offset: 3 })).result[0].id;
  await fault({ location: `/v2/tickets/closed-tickets/${d}` });
  const unmodelled = await api.complete(d);
  out.unmodelled = { location: path(unmodelled.location), hasResource: "resource" in unmodelled };

  out.notFound = failure(await api.getTicket(UNKNOWN).catch((e) => e));
  out.notInProgress = failure(await api.getInProgressTicket(a).catch((e) => e));
  out.badUpdate = failure(await api.updateInProgressTicket(c, { operator_id: OPERATOR }).catch((e) => e));

  await fault({ status: 503, retry_after: "7" });
  out.fault = failure(await api.listTickets({ limit: 1 }).catch((e) => e));
  await fault({ body: "wrong_shape" });
  out.wrongShape = failure(await api.getTicket(a).catch((e) => e));
  return out;
}
