/**
 * Jifeline Partner API tickets client for browsers, workers and Node.js.
 *
 * Data fields and query parameters keep the API's wire names (snake_case);
 * SDK options and methods are camelCase.
 * @packageDocumentation
 */

/**
 * This state provides information about the current activity of the ticket.
 * Open: a state added to the API later arrives as its string.
 */
export type TicketState =
  | "prepared"
  | "pending"
  | "in_progress"
  | "outsourced"
  | "closed"
  | "cancelled"
  | (string & {});

/** The six states a query may filter on. */
export type KnownTicketState = "prepared" | "pending" | "in_progress" | "outsourced" | "closed" | "cancelled";

/** The six states a query may filter on, in the reference's order (frozen): for a state picker. */
export declare const TICKET_STATES: readonly KnownTicketState[];

/** The ticket fields `sort_by` accepts (frozen): for a sort picker. */
export declare const SORT_FIELDS: readonly SortField[];

/** An RFC 3339 date-time string, e.g. `2023-03-15T08:34:28Z`. */
export type DateTimeString = string;

/** A UUID string, e.g. `497f6eca-6276-4993-bfeb-53cbbbba6f08`. */
export type Uuid = string;

// @generated-resources: scripts/build-package.sh writes Ticket, InProgressTicket and OutsourcedTicket here,
// from their one declaration each in core/src/model/ (reference output: core/tests/reference/resources.d.ts).

/** One page of a list, as the server sent it. */
export interface Page<T> {
  /** Applied query parameters, including defaults (`limit`, `offset`, `sort_by`, …). */
  query: { limit?: number; offset?: number; sort_by?: Record<string, "asc" | "desc">; [parameter: string]: unknown };
  /** The resources of this page. */
  result: T[];
  /** Total number of resources matching the query, over all pages. */
  total: number;
}

/** A date-time parameter: an RFC 3339 string or a `Date`. */
export type DateTimeInput = DateTimeString | Date;

/** Query parameters of `GET /v2/tickets/tickets`. Left out means "not sent": the server's defaults apply. */
export interface TicketQuery {
  /** Filter tickets by one or more cancel reason references (non-empty, unique). Sent as `cancel_reason_id=1,2`. */
  cancel_reason_id?: number[];
  /** Filter tickets that have been created after provided date-time. */
  created_after?: DateTimeInput;
  /** Filter tickets that have been created before provided date-time. */
  created_before?: DateTimeInput;
  /** Filter tickets by customer_connector_id. */
  customer_connector_id?: Uuid;
  /** Filter tickets by customer_id. */
  customer_id?: Uuid;
  /** Filter tickets by external reference. */
  external_reference?: string;
  /** Only return tickets that are or are not processed by an external system. */
  externally_processed?: boolean;
  /** Filter tickets that have been finished after provided date-time. */
  finished_after?: DateTimeInput;
  /** Filter tickets that have been finished before provided date-time. */
  finished_before?: DateTimeInput;
  /** Limits the amount of resources in result: 0 to 1000, server default 25. */
  limit?: number;
  /** Offset of resources in result: at least 0, server default 0. */
  offset?: number;
  /** Filter tickets by operator. */
  operator_id?: Uuid;
  /** Sort tickets, e.g. `{ created_at: "desc" }` (sent as `sort_by[created_at]=desc`). Server default `{ created_at: "asc" }`. */
  sort_by?: Partial<Record<SortField, "asc" | "desc">>;
  /** Filter tickets by source provider identifier. */
  source_provider_id?: Uuid;
  /** Filter tickets by one or more ticket states (non-empty, unique). Sent as `state=pending,in_progress`. */
  state?: KnownTicketState[];
  /** Filter tickets by ticket number. */
  ticket_number?: number;
  /** Filter tickets that have been updated after provided date-time. */
  updated_after?: DateTimeInput;
  /** Filter tickets that have been updated before provided date-time. */
  updated_before?: DateTimeInput;
  /** Filter tickets by vehicle_model_id. */
  vehicle_model_id?: number;
  /** Filter tickets by VIN (17 characters). The empty string `""` asks for tickets without a VIN. */
  vin?: string;
  /** Filter tickets by voucher code (non-empty). */
  voucher_code?: string;
}

/** Query parameters of `GET /v2/tickets/in-progress-tickets`. */
export interface InProgressTicketQuery {
  /** Limits the amount of resources in result: 0 to 1000, server default 25. */
  limit?: number;
  /** Offset of resources in result: at least 0, server default 0. */
  offset?: number;
  /** Filter tickets by ticket number. */
  ticket_number?: number;
}

/** The body of an update of an in-progress ticket. Only `operator_id` is required. */
export interface InProgressTicketUpdate {
  /** Identifier of the assigned operator. */
  operator_id: Uuid;
  /** Identifier of the customer for whom the ticket was created. */
  customer_id?: Uuid;
  /** Identifier of the vehicle model on the ticket. */
  vehicle_model_id?: number;
  /** Vehicle Identification Number of the vehicle on the ticket (17 characters). */
  vin?: string;
  /** Voucher code: 4 to 8 characters of `[A-Z0-9]`; `null` clears it (sent as `null`). */
  voucher_code?: string | null;
}

/** Request another provider to execute specified products on your behalf. */
export interface OutsourceFields {
  /** Identifiers of the product(s) to outsource (non-empty). Only products of type "base" can be outsourced. */
  product_ids: Uuid[];
  /** Identifier of the provider to outsource to. */
  provider_id: Uuid;
  /** Whether an operator of the outsource provider may send chat messages to your customer. Omitted: the outsource link settings apply. */
  allow_customer_chat_write_access?: boolean;
  /** Whether contact information of your customer is shared with the outsource provider. Omitted: the outsource link settings apply. */
  share_customer_information?: boolean;
}

/** The fields of a cancel transition. */
export interface CancelFields {
  /** Reference to a cancel reason (see `GET /v2/tickets/cancel-reasons`). */
  cancel_reason_id: number;
}

/** A transition of an in-progress ticket; sent as `{ "transition": … }`. */
export type Transition =
  | ({ type: "outsource" } & OutsourceFields)
  | { type: "complete" }
  | ({ type: "cancel" } & CancelFields);

/** Where a transition moved the ticket: `R` is `OutsourcedTicket` after outsource, `Ticket` after complete or cancel. */
export interface TransitionResult<R extends Ticket | OutsourcedTicket = Ticket | OutsourcedTicket> {
  /** The absolute URL of the `Location` the server answered with (the same in browsers, workers and Node). */
  location: string;
  /**
   * The resource found there, when the SDK could read it from the API's own origin. Absent when the
   * `Location` is on another origin or names a resource the SDK does not model.
   */
  resource?: R;
}

/** The result of a transition of type `T["type"]`. */
export type TransitionResultOf<T extends Transition> = TransitionResult<T extends { type: "outsource" } ? OutsourcedTicket : Ticket>;

/** Retry rules for idempotent requests (GET, PUT) on network errors, timeouts, 429, 502, 503, 504. */
export interface RetryOptions {
  /** Extra attempts after the first: 0 to 10, default 2. */
  limit?: number;
  /** First backoff step in ms (doubling each retry, with jitter), default 300. */
  baseDelayMs?: number;
  /** Longest backoff step in ms, default 10000. */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this (ms, default 60000) is not waited for: the error is returned instead. */
  maxRetryAfterMs?: number;
}

/** Options of `new TicketsApi(…)`. */
export interface TicketsApiOptions {
  /**
   * The API's base URL, e.g. `https://partner-api-001.prd.jifeline.cloud`. A trailing slash and a path prefix are
   * fine; a port must be a number from 1 to 65535.
   */
  baseUrl: string;
  /**
   * Sent as `Authorization: Bearer …`: a token, or a function that gets one.
   *
   * The function may answer a string (it is then called before every request) or an {@link AccessToken}
   * with its expiry (reused until shortly before it expires: a tenth of its lifetime, at most 30 s; concurrent
   * calls share one look-up). When the API answers 401, the function is called once more with
   * `{ refresh: true }` (calls refused together share that look-up) and the request is re-sent once.
   * If it throws or rejects, the call rejects with `kind: "auth"`.
   *
   * A token, given here or answered by the function, must be printable ASCII (space to `~`) with no space at
   * either end, which `fetch` would remove.
   */
  accessToken?: string | AccessTokenFunction;
  /** Sent as `x-api-key`; printable ASCII (space to `~`), no space at either end. */
  apiKey?: string;
  /**
   * The fetch to use; default `globalThis.fetch`. It is called the way `fetch` itself is called, with one
   * `Request` (`fetch(request)`); it may resolve to a `Response` or any object with `status`, `headers.get()`
   * and `arrayBuffer()`.
   */
  fetch?: (input: Request, init?: RequestInit) => Promise<Response>;
  /**
   * Extra headers for every request (not `Authorization`, `x-api-key`, `Accept` or `Content-Type`). Each value must be
   * printable ASCII (space to `~`) or tabs, with no space or tab at either end: what every `fetch` sends unchanged.
   */
  headers?: Record<string, string>;
  /** Timeout of each attempt in ms, the wait for the `accessToken` function included; 0 means none. Default 30000. */
  timeoutMs?: number;
  /** Retry rules, or `false` for none. Default `{ limit: 2 }`. */
  retry?: RetryOptions | boolean;
  /** `fetch`'s credentials mode, for portals behind a proxy that uses cookies. */
  credentials?: RequestCredentials;
  /**
   * How a transition's 303 is handled. `"follow"` (the default in browsers, which cannot read a 303 any
   * other way): fetch follows it. `"manual"` (the default under Node): the SDK reads `Location` and fetches
   * the resource itself, only from the API's own origin, so no credential is ever sent elsewhere.
   */
  redirect?: "follow" | "manual";
  /**
   * Observe-only hooks for telemetry: each is called synchronously with a plain object describing an
   * attempt or a failed call (never a header, so never a credential). A hook cannot change the request;
   * what it throws or rejects with goes to `console.error` and the call goes on, undelayed.
   */
  hooks?: Hooks;
}

/** A token with its expiry, as an `accessToken` function may answer. Other members are ignored. */
export type AccessToken =
  | { token: string; /** When it expires: a `Date` or epoch milliseconds. */ expiresAt: Date | number; expiresIn?: undefined }
  | { token: string; /** Seconds from now until it expires, as an OAuth2 token answer's `expires_in`. */ expiresIn: number; expiresAt?: undefined }
  | { token: string; expiresAt?: undefined; expiresIn?: undefined };

/** What the SDK passes an `accessToken` function. */
export interface AccessTokenRequest {
  /** True when the API refused (401) the token the function gave last: do not answer it from a cache. */
  refresh: boolean;
}

/** An `accessToken` function: answers a token string or an {@link AccessToken}, or a promise of either. */
export type AccessTokenFunction = (request: AccessTokenRequest) => string | AccessToken | Promise<string | AccessToken>;

/** What every hook event says: which call, which request, which attempt. */
export interface RequestEvent {
  /** The `TicketsApi` method, e.g. `"listTickets"`. */
  operation: string;
  /** The HTTP method of the request. */
  method: "GET" | "PUT" | "PATCH";
  /** The full URL requested (credentials never travel in URLs). */
  url: string;
  /** 1 for the first attempt of a request, 2 for the first retry (or the re-send after a 401), … */
  attempt: number;
}

/** An attempt answered, whatever its status. */
export interface ResponseEvent extends RequestEvent {
  /** The HTTP status (after redirects fetch followed itself, as in browsers). */
  status: number;
  /** From sending to the whole body read, in ms. */
  durationMs: number;
}

/** An attempt that failed and is sent again after `delayMs`. */
export interface RetryEvent extends RequestEvent {
  /** How long the SDK waits before the next attempt (0 for the re-send with a fresh token after a 401). */
  delayMs: number;
  /** The status of the answer that is retried, when there was one. */
  status?: number;
  /** What went wrong with this attempt. */
  error: JifelineError;
}

/** A call that rejected: `error` is the very error the promise rejects with. */
export interface CallErrorEvent {
  operation: string;
  method: "GET" | "PUT" | "PATCH";
  /** The URL of the last request, absent when the call was refused before one was built (bad input). */
  url?: string;
  /** The number of the last attempt; 0 when nothing was sent. */
  attempt: number;
  /** From the call to its rejection, in ms. */
  durationMs: number;
  error: JifelineError;
}

/** The `hooks` option. Their return values are ignored; a returned promise is not awaited. */
export interface Hooks {
  /** Before every attempt is sent. */
  onRequest?: (event: RequestEvent) => void | Promise<void>;
  /** When an attempt was answered (any status). */
  onResponse?: (event: ResponseEvent) => void | Promise<void>;
  /** Before waiting to send a failed attempt again. */
  onRetry?: (event: RetryEvent) => void | Promise<void>;
  /** When a call rejects, for any reason. */
  onError?: (event: CallErrorEvent) => void | Promise<void>;
}

/** The iterator of `tickets()` and `inProgressTickets()`. */
export interface PageIterator<T> extends AsyncIterableIterator<T> {
  /** The server's count of matching items (`total`), once the first page was read; `undefined` before. */
  readonly total: number | undefined;
}

/** The last argument of every method. */
export interface CallOptions {
  /**
   * Aborting rejects the call with `kind: "aborted"` at once, also during a backoff wait or while the `accessToken`
   * function is pending (nothing is sent then); its reason becomes the error's `cause`.
   */
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number;
  /** This call's retry rules instead of the client's: `false` for none, `true` for the defaults. */
  retry?: RetryOptions | boolean;
}

/** An RFC 7807 problem, the body of the API's error answers. */
export interface Problem {
  type: string;
  title?: string;
  status?: number;
  detail?: string;
}

/**
 * What went wrong: bad input (nothing was sent), an error answer, no answer, too slow, cancelled, a body that
 * does not match the reference, or no access token (the `accessToken` function or the token endpoint failed).
 */
export type JifelineErrorKind = "validation" | "http" | "network" | "timeout" | "aborted" | "decode" | "auth";

/** The HTTP method of a request the SDK sends. */
export type HttpMethod = "GET" | "PUT" | "PATCH";

/** What the constructor of a {@link JifelineError} takes besides its message. */
export interface JifelineErrorDetails {
  kind: JifelineErrorKind;
  status?: number;
  problem?: Problem;
  field?: string;
  retryable?: boolean;
  retryAfterMs?: number;
  method?: HttpMethod;
  url?: string;
  cause?: unknown;
  headers?: Headers;
}

/** The members of every {@link JifelineError}, whatever its `kind`. */
export interface JifelineErrorBase extends Error {
  readonly name: "JifelineError";
  /** The category of failure. */
  readonly kind: JifelineErrorKind;
  /** The HTTP status, for `kind: "http"` (and `"auth"` when the token endpoint answered). */
  readonly status?: number;
  /** The problem the server sent, when its error body was `application/problem+json`. */
  readonly problem?: Problem;
  /** The parameter or JSON path at fault, for `validation` and `decode` (e.g. `limit`, `result[3].vin`). */
  readonly field?: string;
  /** Whether the same request may succeed if sent again later. */
  readonly retryable: boolean;
  /** How long the server asked to wait (`Retry-After`), in ms. */
  readonly retryAfterMs?: number;
  /** The HTTP method of the request that failed (absent when nothing was built: bad input). */
  readonly method?: HttpMethod;
  /** The URL of the request that failed; never holds a credential. */
  readonly url?: string;
  /** What the failure came from: what the `accessToken` function or `fetch` threw, the signal's reason on an abort. */
  readonly cause?: unknown;
  /**
   * The answer's `Headers`, for `kind: "http"` and `"decode"` (e.g. a request id a support desk asks for): the
   * `headers` of what `fetch` resolved to, as it was (a `Headers` for every `Response`; for a Response-like
   * object of an injected fetch, its own `headers`, of which only `get()` is known).
   */
  readonly headers?: Headers;
  /** `JSON.stringify(error)` keeps name, kind, message, status, field, method, url, retryable, retryAfterMs and problem. */
  toJSON(): { name: "JifelineError"; kind: JifelineErrorKind; message: string; status?: number; field?: string; method?: string; url?: string; retryable: boolean; retryAfterMs?: number; problem?: Problem };
}

/** The members each kind always has, beyond those of every kind. */
export interface JifelineErrorFieldsByKind {
  /** Bad input, refused before anything was sent: `field` names it. */
  validation: { readonly field: string };
  /** An error answer to a request. */
  http: { readonly status: number; readonly method: HttpMethod; readonly url: string };
  network: {};
  timeout: {};
  aborted: {};
  /** An answer that does not match the reference, to a request. */
  decode: { readonly method: HttpMethod; readonly url: string };
  auth: {};
}

/**
 * Every error the SDK throws or rejects with. No token, API key or client secret ever appears in it.
 * Checking `kind` narrows it to the members that kind always has: after `e.kind === "http"`, `e.status` is a
 * `number`.
 */
export type JifelineError = {
  [K in JifelineErrorKind]: JifelineErrorBase & { readonly kind: K } & JifelineErrorFieldsByKind[K];
}[JifelineErrorKind];

/**
 * The `JifelineError` class: `instanceof` holds for an error of any entry of the package (import or require,
 * `jifeline-tickets/testing` too).
 */
export declare const JifelineError: {
  new (message: string, details: JifelineErrorDetails): JifelineError;
  readonly prototype: JifelineError;
};

/**
 * Whether `value` is a JifelineError, also from another realm (an iframe, a `node:vm` context) or another copy
 * of the package. Not after `postMessage` from a worker, which clones it into a plain `Error`: post
 * `error.toJSON()` instead.
 */
export declare function isJifelineError(value: unknown): value is JifelineError;

/**
 * Waits for the WebAssembly module, whose load begins when the package is imported (in browsers; under Node it is
 * loaded at import). Optional: the first call waits for it too. `module_or_path` loads it from elsewhere.
 */
export declare function ready(options?: { module_or_path?: RequestInfo | URL | BufferSource | WebAssembly.Module }): Promise<void>;

/** A client of the Jifeline Partner API's tickets. Every method rejects with a {@link JifelineError}. */
export declare class TicketsApi {
  /** @throws {JifelineError} `kind: "validation"` for bad options, synchronously, in every environment, loaded module or not. */
  constructor(options: TicketsApiOptions);
  // @generated-methods: scripts/build-package.sh writes each method here, from the table of operations
  // in core/src/operation.rs (reference output: core/tests/reference/methods.d.ts).
}
