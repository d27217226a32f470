// A TypeScript consumer: compiled with `tsc --strict --noEmit` against the
// installed package. Every method and type is used; the @ts-expect-error
// lines prove that mistakes are compile errors.
import {
  TicketsApi,
  JifelineError,
  isJifelineError,
  type Ticket,
  type InProgressTicket,
  type OutsourcedTicket,
  type TicketState,
  type TicketQuery,
  type InProgressTicketQuery,
  type InProgressTicketUpdate,
  type Transition,
  type TransitionResult,
  type Page,
  type TicketsApiOptions,
  type JifelineErrorKind,
  type Hooks,
  type ResponseEvent,
  type CallErrorEvent,
  type AccessToken,
  type PageIterator,
  type KnownTicketState,
  type SortField,
  clientCredentials,
  TICKET_STATES,
  SORT_FIELDS,
} from "jifeline-tickets";

const options: TicketsApiOptions = {
  baseUrl: "https://partner-api-001.prd.jifeline.cloud",
  accessToken: async () => "token",
  apiKey: "key",
  headers: { "x-portal": "1" },
  timeoutMs: 10_000,
  retry: { limit: 3 },
  credentials: "same-origin",
  fetch: (input, init) => fetch(input, init),
};
const api = new TicketsApi(options);
const signal = new AbortController().signal;

export async function everyMethod(): Promise<void> {
  const query: TicketQuery = {
    state: ["pending", "in_progress"],
    cancel_reason_id: [1, 2],
    created_after: new Date(),
    created_before: "2023-03-15T08:34:28Z",
    sort_by: { created_at: "desc", ticket_number: "asc" },
    vin: "",
    limit: 100,
    offset: 200,
  };
  const page: Page<Ticket> = await api.listTickets(query, { signal, timeoutMs: 5000 });
  const first: Ticket | undefined = page.result[0];
  const state: TicketState = first?.state ?? "pending";
  const total: number = page.total;
  const ticket: Ticket = await api.getTicket("497f6eca-6276-4993-bfeb-53cbbbba6f08");
  const vin: string | null = ticket.vin;
  for await (const t of api.tickets({ state: ["closed"] })) {
    const n: number = t.ticket_number;
    void n;
  }

  const ipQuery: InProgressTicketQuery = { limit: 10, ticket_number: 7179072 };
  const ipPage: Page<InProgressTicket> = await api.listInProgressTickets(ipQuery);
  const ip: InProgressTicket = await api.getInProgressTicket(ipPage.result[0]!.id);
  const update: InProgressTicketUpdate = { operator_id: ip.operator_id, voucher_code: "WQ4MM3" };
  const updated: InProgressTicket = await api.updateInProgressTicket(ip.id, update, { signal });
  for await (const t of api.inProgressTickets()) void t.service_started_at;

  const transition: Transition = { type: "cancel", cancel_reason_id: 2 };
  const r1: TransitionResult = await api.transitionInProgressTicket(updated.id, transition);
  const r2 = await api.outsource(ip.id, { product_ids: ["x"], provider_id: "y", share_customer_information: true });
  const r3 = await api.complete(ip.id, { signal });
  const r4 = await api.cancel(ip.id, { cancel_reason_id: 1 });
  const resource: Ticket | OutsourcedTicket | undefined = r2.resource;
  const location: string = r1.location;
  void [state, total, vin, r3, r4, resource, location];
}

export function handle(e: unknown): string {
  if (e instanceof JifelineError) {
    const kind: JifelineErrorKind = e.kind;
    const status: number | undefined = e.status;
    const title: string | undefined = e.problem?.title;
    const field: string | undefined = e.field;
    const retry: boolean = e.retryable;
    return `${kind} ${status} ${title} ${field} ${retry} ${e.message}`;
  }
  if (isJifelineError(e)) return e.kind;
  return "other";
}

// Checking `kind` narrows the error to what that kind always has.
export function narrowed(e: unknown): string {
  if (e instanceof JifelineError && e.kind === "http") {
    const status: number = e.status;
    const sent: string = `${e.method} ${e.url}`;
    return `${status} ${sent}`;
  }
  if (isJifelineError(e) && e.kind === "validation") {
    const field: string = e.field;
    return field;
  }
  if (e instanceof JifelineError && e.kind === "decode") return `${e.method} ${e.url} ${e.field ?? ""}`;
  if (e instanceof JifelineError && e.kind === "network") {
    // @ts-expect-error a network error may have no status
    const status: number = e.status;
    // @ts-expect-error nor a URL (the module could not be loaded)
    const url: string = e.url;
    return `${status} ${url}`;
  }
  if (e instanceof JifelineError) {
    // @ts-expect-error before `kind` is checked, status may be absent
    const status: number = e.status;
    return String(status);
  }
  return "";
}

// The runtime lists for pickers, typed and read-only.
const states: readonly KnownTicketState[] = TICKET_STATES;
const sortFields: readonly SortField[] = SORT_FIELDS;
const sortField: SortField = sortFields[0];
export const picked: TicketQuery = { state: [states[0]], sort_by: sortField === "created_at" ? { created_at: "desc" } : {} };
// @ts-expect-error the lists are read-only
TICKET_STATES.push("prepared");
// @ts-expect-error a sort field is not a state
export const wrongList: readonly KnownTicketState[] = SORT_FIELDS;

// A server may add states: a new one is still a TicketState.
export const future: TicketState = "on_hold";

// @ts-expect-error a wrong state name is not a query state
export const wrongState: TicketQuery = { state: ["done"] };

// @ts-expect-error operator_id is required in an update
export const missingOperator: InProgressTicketUpdate = { vin: "JH4KA7630PC007649" };

// @ts-expect-error a cancel transition needs cancel_reason_id
export const wrongTransition: Transition = { type: "cancel" };

// @ts-expect-error an outsource transition needs product_ids and provider_id
export const wrongOutsource: Transition = { type: "outsource", provider_id: "y" };

// @ts-expect-error there is no such transition type
export const unknownTransition: Transition = { type: "reopen" };

// @ts-expect-error sort_by takes ticket fields only
export const wrongSort: TicketQuery = { sort_by: { nope: "asc" } };

// @ts-expect-error limit is a number
export const wrongLimit: TicketQuery = { limit: "10" };

// @ts-expect-error baseUrl is required
export const noBaseUrl = new TicketsApi({ accessToken: "t" });

export async function wrongArguments(): Promise<void> {
  // @ts-expect-error complete takes no fields
  await api.complete("id", { cancel_reason_id: 1 });
  // @ts-expect-error results are typed: a Ticket has no service_started_at
  (await api.getTicket("id")).service_started_at;
}

// Hooks, cached tokens and client credentials (the Node entry's types).
const hooks: Hooks = {
  onRequest: (e) => void `${e.operation} ${e.method} ${e.url} ${e.attempt}`,
  onResponse: (e: ResponseEvent) => void (e.status + e.durationMs),
  onRetry: async (e) => void `${e.delayMs} ${e.status ?? "-"} ${e.error.kind}`,
  onError: (e: CallErrorEvent) => void `${e.url ?? "(not sent)"} ${e.error.retryable}`,
};
export const observed = new TicketsApi({
  baseUrl: "https://a.example",
  hooks,
  accessToken: async ({ refresh }): Promise<AccessToken> => ({ token: refresh ? "new" : "cached", expiresIn: 3600 }),
});
export const atDate = new TicketsApi({ baseUrl: "https://a.example", accessToken: () => ({ token: "t", expiresAt: new Date() }) });
export const fromServer = new TicketsApi({
  baseUrl: "https://a.example",
  accessToken: clientCredentials({ tokenUrl: "https://auth.example/oauth2/token", clientId: "id", clientSecret: "s", scope: ["a"] }),
});
export function progress(): number | undefined {
  const items: PageIterator<Ticket> = api.tickets();
  return items.total;
}

// @ts-expect-error there is no such hook
export const wrongHook: Hooks = { onSend: () => {} };

// @ts-expect-error expiresAt and expiresIn do not go together
export const bothExpiries: AccessToken = { token: "t", expiresAt: 1, expiresIn: 1 };

// @ts-expect-error the client secret is required
export const noSecret = clientCredentials({ tokenUrl: "https://auth.example/t", clientId: "id" });

// The in-process mock (jifeline-tickets/testing) as the SDK's fetch.
import { createMockFetch, type MockFetch } from "jifeline-tickets/testing";
export async function withMock(): Promise<number> {
  const mock: MockFetch = await createMockFetch({ seed: 1, tickets: 10, inProgress: 2, faults: [{ status: 503, retry_after: 1 }] });
  const mocked = new TicketsApi({ baseUrl: "https://a.example", accessToken: "t", fetch: mock });
  mock.fault({ drop: true, delay_ms: 10 });
  return (await mocked.listTickets()).total + mock.requests.length;
}

// @ts-expect-error an unknown fault body
export const badFault = createMockFetch({ faults: { body: "xml" } });

// Precise results: each transition's resource is its own type, with no cast.
export async function preciseResults(id: string): Promise<string> {
  const done = await api.complete(id);
  const closed: TicketState | undefined = done.resource?.state;
  const out = await api.outsource(id, { product_ids: ["p"], provider_id: "q" });
  const provider: string | undefined = out.resource?.outsource_provider_id;
  const byType = await api.transitionInProgressTicket(id, { type: "cancel", cancel_reason_id: 1 });
  const cancelled: TicketState | undefined = byType.resource?.state;
  const byOutsource = await api.transitionInProgressTicket(id, { type: "outsource", product_ids: ["p"], provider_id: "q" });
  const reclaimable: boolean | undefined = byOutsource.resource?.reclaimable;
  // Per-call retry rules; errors that log themselves.
  const failed = await api.listTickets({}, { retry: false, timeoutMs: 100 }).catch((e: JifelineError) => e);
  const logged: string = failed instanceof JifelineError ? JSON.stringify(failed.toJSON()) + (failed.method ?? "") + (failed.url ?? "") : "";
  await api.getTicket(id, { retry: { limit: 5, baseDelayMs: 10 } });
  return `${closed} ${provider} ${cancelled} ${reclaimable} ${logged}`;
}

export async function wrongResults(id: string): Promise<void> {
  // @ts-expect-error a completed ticket is a Ticket, not an OutsourcedTicket
  (await api.complete(id)).resource?.outsource_provider_id;
  // @ts-expect-error an outsourced ticket has no state
  (await api.outsource(id, { product_ids: ["p"], provider_id: "q" })).resource?.state;
}

// One truth: what the declarations admit is what the SDK and the mock accept.
export const clearVoucher: InProgressTicketUpdate = { operator_id: "x", voucher_code: null };
export const sortable: TicketQuery = { sort_by: { assigned_at: "desc", vehicle_model_id: "asc" } };
// @ts-expect-error vin is a ticket field, but not a sortable one
export const sortByVin: TicketQuery = { sort_by: { vin: "asc" } };
