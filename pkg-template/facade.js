// The public TicketsApi class: a thin layer over the wasm class that
// (1) loads the module on first use where the entry cannot load it at import
// (browsers, bundlers: no top-level await, which breaks esbuild pre-bundling),
// (2) puts the token cache (token.js) in front of an `accessToken` function,
// (3) runs each call's attempts over fetch (transport.js),
// (4) adds the async iterators that walk every page.
// All validation, request building, retry decisions, checks of answers and
// messages happen in Rust.
import { cachedToken } from "./token.js";
import { checkOptions, checkTransportOptions } from "./options-check.js";
import { Transport } from "./transport.js";

/** Each method's HTTP method, for the `onError` event of a call refused before its request exists. */
const METHODS = {
  listTickets: "GET",
  getTicket: "GET",
  listInProgressTickets: "GET",
  getInProgressTicket: "GET",
  updateInProgressTicket: "PUT",
  transitionInProgressTicket: "PATCH",
  outsource: "PATCH",
  complete: "PATCH",
  cancel: "PATCH",
};

/**
 * Each entry subclasses this with its backend: how to reach the wasm module,
 * and the entry's default options (Node reads 303s itself: `redirect: "manual"`).
 * No module-level registration, so bundlers may tree-shake freely.
 * @typedef {{ ready: () => Promise<void>, isReady: () => boolean, Api: any, defaults?: object }} Backend
 */
export class TicketsApiBase {
  #backend;
  #options;
  #inner = null;
  #transport;

  /**
   * @param {import("./index.js").TicketsApiOptions} options
   * @param {Backend} backend
   */
  constructor(options, backend) {
    this.#backend = backend;
    const plain = typeof options === "object" && options !== null && !Array.isArray(options);
    if (plain) {
      options = { ...backend.defaults, ...options };
      if (typeof options.accessToken === "function") options.accessToken = cachedToken(options.accessToken);
    }
    this.#options = options;
    // Bad options throw here, synchronously, loaded module or not: the module
    // checks what the core uses when it is loaded, before, the same check in
    // JavaScript does; what only the transport uses, JavaScript checks always.
    if (backend.isReady()) {
      const inner = new backend.Api(this.#options);
      try {
        checkTransportOptions(this.#options);
      } catch (e) {
        inner.free();
        throw e;
      }
      this.#inner = inner;
    } else {
      checkOptions(this.#options);
    }
    this.#transport = new Transport(this.#options);
  }

  async #load() {
    await this.#backend.ready();
    this.#inner ??= new this.#backend.Api(this.#options);
    return this.#inner;
  }

  /**
   * Runs the call at once when the module is loaded, else after loading. The
   * call site is recorded first, so that a rejection's `stack` starts at the
   * caller's line instead of in wasm frames and microtasks.
   */
  #call(method, ...args) {
    const site = callSite(TicketsApiBase.prototype[method]);
    const transport = this.#transport;
    const run = (inner) => transport.run(method, METHODS[method], inner, () => inner[method](...args));
    const pending = this.#inner !== null ? run(this.#inner) : this.#load().then(run);
    return pending.catch((e) => {
      throw atCallSite(e, site);
    });
  }

  listTickets(query, options) {
    return this.#call("listTickets", query, options);
  }

  getTicket(ticketId, options) {
    return this.#call("getTicket", ticketId, options);
  }

  listInProgressTickets(query, options) {
    return this.#call("listInProgressTickets", query, options);
  }

  getInProgressTicket(id, options) {
    return this.#call("getInProgressTicket", id, options);
  }

  updateInProgressTicket(id, update, options) {
    return this.#call("updateInProgressTicket", id, update, options);
  }

  transitionInProgressTicket(id, transition, options) {
    return this.#call("transitionInProgressTicket", id, transition, options);
  }

  outsource(id, fields, options) {
    return this.#call("outsource", id, fields, options);
  }

  complete(id, options) {
    return this.#call("complete", id, options);
  }

  cancel(id, fields, options) {
    return this.#call("cancel", id, fields, options);
  }

  /** Every ticket matching `query`, page after page until `total`. */
  tickets(query, options) {
    return paginate((q) => this.listTickets(q, options), query);
  }

  /** Every in-progress ticket, page after page until `total`. */
  inProgressTickets(query, options) {
    return paginate((q) => this.listInProgressTickets(q, options), query);
  }
}

/** Where the SDK was called from: V8's structured capture (Chrome, Edge, Node), else a plain stack. */
function callSite(method) {
  const site = {};
  if (typeof Error.captureStackTrace === "function") {
    Error.captureStackTrace(site, method);
    return site;
  }
  return { stack: new Error().stack };
}

/** The error with its stack replaced by the call site's (its first frame the caller's line; no wasm frames). */
function atCallSite(error, site) {
  if (!(error instanceof Error) || error.name !== "JifelineError" || typeof site.stack !== "string") return error;
  const frames = site.stack
    .split("\n")
    .filter((line) => /:\d+:\d+\)?$/.test(line.trim()) && !/facade\.js|wasm-function|\bwasm:\/\//.test(line));
  try {
    Object.defineProperty(error, "stack", { value: `${error.name}: ${error.message}\n${frames.join("\n")}`, writable: true, configurable: true });
  } catch {
    // A frozen error keeps the stack it has.
  }
  return error;
}

/** The iterator of every item, with `total` (the server's count) once the first page is in. */
function paginate(list, query) {
  const seen = { total: undefined };
  const items = walk(list, query, seen);
  Object.defineProperty(items, "total", { get: () => seen.total, enumerable: true });
  return items;
}

async function* walk(list, query, seen) {
  const isObject = typeof query === "object" && query !== null && !Array.isArray(query);
  if (query !== undefined && !isObject) {
    // Let the SDK produce its validation error for the bad query.
    await list(query);
    return;
  }
  let offset = query?.offset ?? 0;
  for (;;) {
    const page = await list({ ...query, offset });
    seen.total = page.total;
    yield* page.result;
    offset += page.result.length;
    if (page.result.length === 0 || offset >= page.total) return;
  }
}
