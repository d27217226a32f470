/**
 * The one error type of the SDK. Every rejection and every throw of
 * `TicketsApi` is a `JifelineError`; `kind` says what happened.
 */
export class JifelineError extends Error {
  /**
   * @param {string} message one sentence saying what happened
   * @param {{kind: string, status?: number, problem?: object, field?: string, retryable?: boolean, retryAfterMs?: number, method?: string, url?: string, cause?: unknown, headers?: Headers}} details
   */
  constructor(message, details) {
    const d = details ?? {};
    super(message, "cause" in d ? { cause: d.cause } : undefined);
    this.name = "JifelineError";
    this.kind = d.kind ?? "network";
    if (d.status !== undefined) this.status = d.status;
    if (d.problem !== undefined) this.problem = d.problem;
    if (d.field !== undefined) this.field = d.field;
    this.retryable = d.retryable === true;
    if (d.retryAfterMs !== undefined) this.retryAfterMs = d.retryAfterMs;
    if (d.method !== undefined) this.method = d.method;
    if (d.url !== undefined) this.url = d.url;
    if (d.headers !== undefined) this.headers = d.headers;
  }

  /** What `JSON.stringify(error)` keeps, for a portal's logs (an Error's message is not enumerable). */
  toJSON() {
    const out = { name: this.name, kind: this.kind, message: this.message };
    for (const key of ["status", "field", "method", "url", "retryable", "retryAfterMs", "problem"]) {
      if (this[key] !== undefined) out[key] = this[key];
    }
    return out;
  }
}

/**
 * Whether `value` is a JifelineError, also across realms (iframes, workers)
 * and copies of the package, where `instanceof` cannot tell.
 * @param {unknown} value
 * @returns {value is JifelineError}
 */
export function isJifelineError(value) {
  return value instanceof JifelineError || (value instanceof Error && value.name === "JifelineError" && "kind" in value);
}
