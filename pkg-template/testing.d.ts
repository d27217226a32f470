// `jifeline-tickets/testing`: the mock API in-process, for a portal's own tests.

/** A fault to inject into the next request (or one spec per request, in order). */
export interface FaultSpec {
  /** Answer with this status (a problem+json body unless `body` says otherwise). */
  status?: number;
  /** Wait this long before answering (or before dropping). */
  delay_ms?: number;
  /** Fail like a dropped connection: the fetch rejects with a `TypeError`, as fetch does. */
  drop?: boolean;
  /** A `Retry-After` header: seconds or an HTTP date. */
  retry_after?: string | number;
  /** Replace or change the body: an HTML error page, the normal body cut in half, invalid JSON, nothing, wrong JSON types. */
  body?: "html" | "truncated" | "malformed" | "empty" | "wrong_shape";
  /** Replace the `Content-Type` of whatever is answered. */
  content_type?: string;
  /** Answer 303 (or `status`) with this `Location`. */
  location?: string;
}

/** Options of {@link createMockFetch}. */
export interface MockFetchOptions {
  /** Seed of the generated data; the same seed gives the same tickets. Default 1. */
  seed?: number;
  /** How many tickets are generated. Default 3000. */
  tickets?: number;
  /** How many of them start in progress (at most `tickets`). Default 300 (or `tickets`, if fewer). */
  inProgress?: number;
  /**
   * Accept only this bearer token (otherwise any non-empty one; a missing token is a 401, as the API answers).
   * Printable ASCII without a space at either end, the rule of the SDK's `accessToken`: one it could never send is refused.
   */
  token?: string;
  /** Require this `x-api-key` on the in-progress endpoints (printable ASCII, no space at either end, as the SDK's `apiKey`). */
  apiKey?: string;
  /** Faults queued from the start: each following request takes the first one. */
  faults?: FaultSpec | FaultSpec[];
}

/** A request the mock received. */
export interface ReceivedRequest {
  method: string;
  url: string;
  /** Lowercase header names. */
  headers: Record<string, string>;
  /** The body as text; empty when there was none. */
  body: string;
}

/** A `fetch`-compatible function answered by the mock API, with its controls. */
export interface MockFetch {
  (input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** Every request received, oldest first (cleared by `reset()`). */
  readonly requests: ReceivedRequest[];
  /** Queues faults for the following requests. */
  fault(spec: FaultSpec | FaultSpec[]): void;
  /** Empties the fault queue. */
  clearFaults(): void;
  /** The seeded data back, the fault queue and `requests` emptied. */
  reset(): void;
}

/**
 * A `fetch` backed by the Jifeline mock API in-process: the same behaviour as the `jifeline-mock` server
 * (seeded data, filters, sorting, paging, transitions and their 303s, problem+json errors, validation,
 * faults), with no server. Pass it as `new TicketsApi({ fetch })`, or answer an MSW handler with it.
 * @throws {JifelineError} `kind: "validation"` for bad options.
 */
export declare function createMockFetch(options?: MockFetchOptions): Promise<MockFetch>;
