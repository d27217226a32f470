/**
 * Marks every JifelineError of every entry. Each CommonJS file bundles its own
 * copy of this class and the ESM entries share another, so that `require` of
 * the main entry and of `jifeline-tickets/testing`, or `import` next to
 * `require`, would otherwise make errors that are not `instanceof` each
 * other's class. A registered symbol is the same in every copy.
 */
const BRAND = Symbol.for("jifeline-tickets.JifelineError");

/** The longest text of a problem that `toJSON()` keeps, as the message quotes it. */
const LOGGED_TEXT_MAX = 300;

/**
 * The one error type of the SDK. Every rejection and every throw of
 * `TicketsApi` is a `JifelineError`; `kind` says what happened.
 */
export class JifelineError extends Error {
  /**
   * `instanceof JifelineError` holds for an error of any copy of this class
   * in this realm (whichever entry and format made it); a subclass keeps the
   * ordinary prototype test.
   * @param {unknown} value
   */
  static [Symbol.hasInstance](value) {
    if (this !== JifelineError) return Function.prototype[Symbol.hasInstance].call(this, value);
    try {
      return typeof value === "object" && value !== null && value instanceof Error && /** @type {Error & { [BRAND]?: unknown }} */ (value)[BRAND] === true;
    } catch {
      return false; // a revoked Proxy, a throwing trap: not one of ours
    }
  }

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
    /** @type {Record<string, unknown>} */
    const out = { name: this.name, kind: this.kind, message: this.message };
    for (const key of /** @type {const} */ (["status", "field", "method", "url", "retryable", "retryAfterMs", "problem"])) {
      if (this[key] !== undefined) out[key] = this[key];
    }
    // A log line stays short whatever the server wrote: `problem` itself keeps its words whole.
    if (typeof this.problem === "object" && this.problem !== null) {
      /** @type {Record<string, unknown>} */
      const problem = { ...this.problem };
      out.problem = problem;
      for (const key of ["type", "title", "detail"]) {
        const text = problem[key];
        if (typeof text === "string" && text.length > LOGGED_TEXT_MAX) problem[key] = `${text.slice(0, LOGGED_TEXT_MAX)}…`;
      }
    }
    return out;
  }
}

Object.defineProperty(JifelineError.prototype, BRAND, { value: true });

/**
 * Whether `value` is a JifelineError, also from another realm (an iframe, a
 * `node:vm` context) or another copy of the package, where `instanceof`
 * cannot tell: an Error of any realm (`Error.isError` where the engine has
 * it, else its `[object Error]` tag) named "JifelineError" with a `kind`.
 * A worker's error does not arrive as one: `postMessage` clones an Error
 * into a plain `Error` without `kind`; post `error.toJSON()` instead.
 * @param {unknown} value
 * @returns {value is JifelineError}
 */
export function isJifelineError(value) {
  if (typeof value !== "object" || value === null) return false;
  try {
    if (value instanceof JifelineError) return true;
    return isError(value) && value.name === "JifelineError" && "kind" in value;
  } catch {
    return false; // a revoked Proxy, a throwing getter: not one of ours
  }
}

/** `Error`, with `Error.isError` where the engine has it (TypeScript's lib does not declare it). */
const ErrorOfEngine = /** @type {ErrorConstructor & { isError?: (value: unknown) => boolean }} */ (Error);

/**
 * Whether `value` is an Error of any realm.
 * @param {object} value
 * @returns {value is Error}
 */
function isError(value) {
  if (typeof ErrorOfEngine.isError === "function") return ErrorOfEngine.isError(value);
  return Object.prototype.toString.call(value) === "[object Error]";
}
