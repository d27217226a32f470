// The public TicketsApi class: a thin layer over the wasm class that
// (1) loads the module on first use where the entry cannot load it at import
// (browsers, bundlers: no top-level await, which breaks esbuild pre-bundling),
// (2) hands each call to the module, which runs its attempts over fetch in Rust
//     (and caches an `accessToken` function's tokens),
// (3) records the caller's stack,
// (4) adds the async iterators that walk every page.
// All validation, request building, retry decisions, checks of answers and
// messages happen in Rust.
import { checkOptions, checkTransportOptions } from "./options-check.js";
import { JifelineError } from "./errors.js";
// Generated from the table of operations (core/src/operation.rs), as the declarations are.
import { OPTIONS_AT, WALKS } from "./operations.js";

/** Marks a function that carries its own token cache (`clientCredentials()`), shared by every client. */
const SOURCE = Symbol.for("jifeline-tickets.tokenSource");

/**
 * @typedef {import("./web/jifeline_tickets.js").TicketsApi} WasmApi
 * @typedef {import("./web/jifeline_tickets.js").TokenSource} TokenSource
 * @typedef {keyof typeof OPTIONS_AT} Method a method that calls the module
 * @typedef {(query: unknown, options: unknown) => Promise<unknown>} List a list method, as a walk calls it
 */

/**
 * Each entry subclasses this with its backend: how to reach the wasm module,
 * and the entry's default options (Node reads 303s itself: `redirect: "manual"`).
 * No module-level registration, so bundlers may tree-shake freely.
 * @typedef {{ ready: () => Promise<void>, isReady: () => boolean, Api: new (options: unknown) => WasmApi, defaults?: object }} Backend
 */
export class TicketsApiBase {
  /** @type {Backend} */
  #backend;
  /** @type {unknown} */
  #options;
  /** @type {WasmApi | null} */
  #inner = null;
  /**
   * The token cache an `accessToken` function carries (`clientCredentials()`), handed to the module.
   * @type {TokenSource | undefined}
   */
  #tokens;

  /**
   * @param {import("./index.js").TicketsApiOptions} options
   * @param {Backend} backend
   */
  constructor(options, backend) {
    this.#backend = backend;
    try {
      this.#setUp(options, backend);
    } catch (e) {
      // Like a call's rejection, the error's stack starts at the caller's
      // `new TicketsApi(…)`, not in the module's glue and the entry.
      throw atCallSite(e, callSite(new.target));
    }
  }

  /**
   * @param {unknown} options
   * @param {Backend} backend
   */
  #setUp(options, backend) {
    // Read once, here: the checks and the client then see plain values only.
    if (typeof options === "object" && options !== null) options = readOptions(options, "", ["headers", "retry", "hooks"]);
    const plain = typeof options === "object" && options !== null && !Array.isArray(options);
    if (plain) {
      // An option given as `undefined` is an option not given: the entry's default holds.
      const given = /** @type {Record<string, unknown>} */ (options);
      /** @type {Record<string, unknown>} */
      const withDefaults = { ...backend.defaults };
      for (const key of Object.keys(given)) if (given[key] !== undefined || !(key in withDefaults)) withDefaults[key] = given[key];
      options = withDefaults;
    }
    this.#options = options;
    // Bad options throw here, synchronously, loaded module or not: the module
    // checks what the core uses when it is loaded, before, the same check in
    // JavaScript does; what only the transport uses, JavaScript checks always.
    if (backend.isReady()) {
      const inner = new backend.Api(this.#options);
      try {
        // The module's constructor has refused anything but an object with a string `baseUrl`.
        checkTransportOptions(/** @type {Record<string, unknown>} */ (this.#options));
      } catch (e) {
        inner.free();
        throw e;
      }
      this.#inner = inner;
    } else {
      checkOptions(this.#options);
    }
    // Checked above: the options are an object.
    const token = /** @type {{ accessToken?: unknown }} */ (this.#options).accessToken;
    this.#tokens = typeof token === "function" ? /** @type {{ [SOURCE]?: TokenSource }} */ (token)[SOURCE] : undefined;
    if (this.#inner !== null && this.#tokens !== undefined) this.#inner.useTokens(this.#tokens);
  }

  async #load() {
    await this.#backend.ready();
    if (this.#inner === null) {
      this.#inner = new this.#backend.Api(this.#options);
      if (this.#tokens !== undefined) this.#inner.useTokens(this.#tokens);
    }
    return this.#inner;
  }

  /**
   * The methods, from the table of operations (`operations.js`): each one
   * that calls the module hands it its arguments; each walk calls its list
   * method page after page.
   */
  static {
    const prototype = TicketsApiBase.prototype;
    for (const method of /** @type {Method[]} */ (Object.keys(OPTIONS_AT))) {
      const call = {
        /**
         * @this {TicketsApiBase}
         * @param {unknown[]} args
         */
        [method](...args) {
          return this.#call(method, call, args);
        },
      }[method];
      define(prototype, method, call, OPTIONS_AT[method] + 1);
    }
    for (const [walk, list] of Object.entries(WALKS)) {
      const call = {
        /**
         * @this {Record<string, List>} the client, whose list methods the table names
         * @param {unknown} [query]
         * @param {unknown} [options]
         */
        [walk](query, options) {
          return paginate((q) => this[list](q, options), query, options);
        },
      }[walk];
      define(prototype, walk, call, 2);
    }
  }

  /**
   * Runs the call at once when the module is loaded, else after loading. The
   * call site is recorded first, so that a rejection's `stack` starts at the
   * caller's line instead of in wasm frames and microtasks.
   * @param {Method} method
   * @param {Function} site the public method called, above which the stack starts
   * @param {unknown[]} args
   * @returns {Promise<unknown>}
   */
  #call(method, site, args) {
    const at = callSite(site);
    /** @param {WasmApi} inner */
    const run = (inner) => {
      const index = OPTIONS_AT[method];
      const options = args[index];
      // What cannot be read is refused inside the call: a rejection, like every refusal.
      if (typeof options === "object" && options !== null) {
        try {
          args[index] = readOptions(options, "options.", ["retry"]);
        } catch (e) {
          return inner.refuse(method, e);
        }
      }
      // The module drives the call (src/transport.rs) and answers with its Promise.
      return inner.call(method, args);
    };
    const pending = this.#inner !== null ? run(this.#inner) : this.#load().then(run);
    return pending.catch((e) => {
      throw atCallSite(e, at);
    });
  }
}

/**
 * Puts a method on the prototype as a class declares one (not enumerable),
 * with the number of parameters it declares.
 * @param {object} prototype
 * @param {string} name
 * @param {Function} method
 * @param {number} length
 */
function define(prototype, name, method, length) {
  Object.defineProperty(method, "length", { value: length });
  Object.defineProperty(prototype, name, { value: method, writable: true, enumerable: false, configurable: true });
}

/**
 * A copy of the caller's plain options object (and of the plain objects at
 * `nested` keys), read once, so that a getter or `Proxy` trap that throws is
 * a validation error naming the option instead of a raw error out of the
 * checks, and a getter cannot answer the check one value and the client
 * another. Anything but a plain object is returned as it is, for the checks
 * to describe; an `AbortSignal` is never copied.
 * @param {object} value
 * @param {string} prefix
 * @param {string[]} nested
 * @returns {object}
 */
function readOptions(value, prefix, nested) {
  const field = prefix === "" ? "options" : prefix.slice(0, -1);
  let keys;
  try {
    if (Array.isArray(value)) return value;
    const proto = Object.getPrototypeOf(value);
    if (proto !== null && Object.getPrototypeOf(proto) !== null) return value;
    keys = Object.keys(value);
  } catch {
    throw unreadable(field, "its keys could not be listed (a revoked Proxy, or a Proxy trap threw)");
  }
  const copy = {};
  for (const key of keys) {
    let member;
    try {
      member = /** @type {Record<string, unknown>} */ (value)[key];
    } catch {
      throw unreadable(prefix + key, "reading it threw (a getter or a Proxy trap)");
    }
    const read = nested.includes(key) && typeof member === "object" && member !== null ? readOptions(member, `${prefix}${key}.`, []) : member;
    // Defined, not assigned: an own `__proto__` key (from JSON.parse) stays a key, for the checks to refuse.
    Object.defineProperty(copy, key, { value: read, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/**
 * @param {string} field
 * @param {string} why
 */
function unreadable(field, why) {
  return new JifelineError(`Invalid \`${field}\`: ${why}, so it cannot be checked.`, { kind: "validation", field });
}

/**
 * Where the SDK was called from: V8's structured capture (Chrome, Edge, Node), else a plain stack.
 * @param {Function} method the frame above which the stack starts
 * @returns {{ stack?: string }}
 */
function callSite(method) {
  /** @type {{ stack?: string }} */
  const site = {};
  if (typeof Error.captureStackTrace === "function") {
    Error.captureStackTrace(site, method);
    return site;
  }
  return { stack: new Error().stack };
}

/**
 * The error with its stack replaced by the call site's (its first frame the caller's line; no wasm frames).
 * @param {unknown} error
 * @param {{ stack?: string }} site
 */
function atCallSite(error, site) {
  if (!(error instanceof Error) || error.name !== "JifelineError" || typeof site.stack !== "string") return error;
  const frames = site.stack.split("\n").filter((line) => /:\d+:\d+\)?$/.test(line.trim()) && !/facade\.js|wasm-function|\bwasm:\/\//.test(line));
  try {
    Object.defineProperty(error, "stack", { value: `${error.name}: ${error.message}\n${frames.join("\n")}`, writable: true, configurable: true });
  } catch {
    // A frozen error keeps the stack it has.
  }
  return error;
}

/**
 * The largest page the reference allows: a walk without a `limit` asks for it,
 * since a walk wants every item and the server's default (25) would take
 * forty requests where one does.
 */
const WALK_LIMIT = 1000;

/**
 * A list call of the client, with the call options already bound.
 * @typedef {(query: unknown) => Promise<unknown>} ListCall
 */

/**
 * The iterator of every item, with `total` (the server's count) once the first page is in.
 * @param {ListCall} list
 * @param {unknown} query
 * @param {unknown} options
 */
function paginate(list, query, options) {
  /** @type {{ total: number | undefined }} */
  const seen = { total: undefined };
  const items = walk(list, query, options, seen);
  Object.defineProperty(items, "total", { get: () => seen.total, enumerable: true });
  return items;
}

/**
 * Whether the call options' signal has aborted (what cannot be read is for the call to refuse).
 * @param {unknown} options
 */
function aborted(options) {
  try {
    return /** @type {{ signal?: { aborted?: unknown } } | null | undefined} */ (options)?.signal?.aborted === true;
  } catch {
    return false;
  }
}

/**
 * @param {ListCall} list
 * @param {unknown} query
 * @param {unknown} options
 * @param {{ total: number | undefined }} seen
 */
async function* walk(list, query, options, seen) {
  /** @type {number | undefined} set with the first `paged` */
  let offset;
  for (;;) {
    /** @type {Record<string, unknown> | undefined} */
    let paged;
    /** @type {{ e: unknown } | null} */
    let thrown = null;
    try {
      const isObject = typeof query === "object" && query !== null && !Array.isArray(query);
      const proto = isObject ? Object.getPrototypeOf(query) : null;
      // A plain object (or none): the spread below would drop an inherited
      // member or a Map's entries without a word, and with them a filter.
      if (query === undefined || (isObject && (proto === null || Object.getPrototypeOf(proto) === null))) {
        // An offset that is not a whole number is refused by the first call, before any sum.
        offset ??= /** @type {{ offset?: number } | undefined} */ (query)?.offset ?? 0;
        paged = { ...query, offset };
        if (paged.limit === undefined) paged.limit = WALK_LIMIT;
      }
    } catch (e) {
      // A getter or a Proxy trap that throws (Array.isArray throws for a revoked Proxy).
      thrown = { e };
    }
    if (paged === undefined) {
      // Let the SDK produce its validation error for the query as given, naming the field.
      await list(query);
      // Only if the SDK accepted what threw here (a getter that throws once).
      if (thrown !== null) throw thrown.e;
      return;
    }
    // Once the signal has aborted, this call rejects at once (kind "aborted"), sending nothing.
    // A page the module has checked: `total` and `result` are there.
    const page = /** @type {{ total: number, result: unknown[] }} */ (await list(paged));
    seen.total = page.total;
    for (const item of page.result) {
      // An abort stops the walk at the next item, mid-page too: the rest of the page is not yielded.
      if (aborted(options)) break;
      yield item;
      offset = /** @type {number} */ (offset) + 1;
    }
    // Aborted, the walk goes on to the call above, which rejects.
    const walked = /** @type {number} */ (offset);
    if (page.result.length === 0 || (walked >= page.total && !aborted(options))) return;
  }
}
