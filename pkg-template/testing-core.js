// `jifeline-tickets/testing`: the mock API in-process. The same core as the
// `jifeline-mock` server (seeded data, filters, paging, the transitions'
// state machine and 303s, problem+json errors, validation, faults), compiled
// to its own WebAssembly module, behind a `fetch`-compatible function.
// This file is shared by the entries (browsers and bundlers, Node ESM, Node
// CJS); each passes how to load the module.
import { JifelineError } from "./errors.js";
import { checkHeaderValue } from "./options-check.js";

const OPTION_KEYS = ["seed", "tickets", "inProgress", "token", "apiKey", "faults"];

/**
 * @param {() => Promise<{ MockApi: typeof import("./testing/jifeline_mock.js").MockApi }>} load the entry's loader of the wasm module
 * @param {import("./testing.d.ts").MockFetchOptions} [options]
 * @returns {Promise<import("./testing.d.ts").MockFetch>}
 */
export async function createMockFetchWith(load, options = {}) {
  const o = readOptions(options);
  const { MockApi } = await load();
  const api = new MockApi(o.seed, o.tickets, o.inProgress, o.token, o.apiKey);
  /** @type {import("./testing.d.ts").ReceivedRequest[]} */
  const requests = [];

  /**
   * Sends one request to the core (also the hooks under `/__mock`).
   * @param {string} method
   * @param {string} url
   * @param {string[]} headers
   * @param {Uint8Array} body
   */
  const call = (method, url, headers, body) => api.handle(method, url, headers, body, Date.now());
  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [value]
   */
  const control = (method, path, value) => {
    const body = value === undefined ? new Uint8Array(0) : new TextEncoder().encode(JSON.stringify(value));
    const answer = call(method, `http://mock.invalid${path}`, ["content-type", "application/json"], body);
    const text = new TextDecoder().decode(answer.body);
    if (answer.status >= 400) {
      const detail = safeJson(text)?.detail ?? text;
      throw new JifelineError(`Invalid \`faults\`: ${detail}.`, { kind: "validation", field: "faults" });
    }
    return text ? JSON.parse(text) : undefined;
  };

  /**
   * @param {RequestInfo | URL} input
   * @param {RequestInit} [init]
   */
  async function mockFetch(input, init) {
    const request = new Request(input, init);
    const body = new Uint8Array(await request.arrayBuffer());
    /** @type {string[]} */
    const headers = [];
    request.headers.forEach((value, name) => {
      headers.push(name, value);
    });
    requests.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: new TextDecoder().decode(body),
    });
    throwIfAborted(request.signal);
    const answer = call(request.method, request.url, headers, body);
    if (answer.delayMs > 0) await sleep(answer.delayMs, request.signal);
    if (answer.dropped) {
      throw new TypeError("fetch failed", { cause: new Error("jifeline-tickets/testing: the connection was dropped by an injected fault") });
    }
    const nullBody = [101, 204, 205, 304].includes(answer.status);
    const pairs = answer.headers;
    const responseHeaders = new Headers();
    for (let i = 0; i + 1 < pairs.length; i += 2) responseHeaders.append(pairs[i], pairs[i + 1]);
    // The glue copies the body out of the module's memory into an ArrayBuffer of its own.
    return new Response(nullBody ? null : /** @type {Uint8Array<ArrayBuffer>} */ (answer.body), { status: answer.status, headers: responseHeaders });
  }

  mockFetch.requests = requests;
  /** @param {import("./testing.d.ts").FaultSpec | import("./testing.d.ts").FaultSpec[]} spec */
  mockFetch.fault = (spec) => void control("POST", "/__mock/faults", spec);
  mockFetch.clearFaults = () => void control("DELETE", "/__mock/faults");
  mockFetch.reset = () => {
    control("POST", "/__mock/reset");
    requests.length = 0;
  };
  if (o.faults !== undefined) mockFetch.fault(o.faults);
  return mockFetch;
}

/** @param {unknown} options */
function readOptions(options) {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw invalid("options", `expected an object such as { seed: 1, tickets: 100 }, got ${kind(options)}`);
  }
  const given = /** @type {Record<string, unknown>} */ (options);
  const unknown = Object.keys(options).find((k) => !OPTION_KEYS.includes(k));
  if (unknown !== undefined) {
    throw invalid(`options.${unknown}`, `is not an option of createMockFetch; expected one of ${OPTION_KEYS.join(", ")}`);
  }
  /**
   * @param {string} name
   * @param {number} fallback
   * @param {number} max
   */
  const integer = (name, fallback, max) => {
    const v = given[name];
    if (v === undefined) return fallback;
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0 || v > max) throw invalid(name, `expected an integer from 0 to ${max}, got ${kind(v)}`);
    return v;
  };
  /** @param {string} name */
  const text = (name) => {
    const v = given[name];
    if (v === undefined) return undefined;
    if (typeof v !== "string" || v === "") throw invalid(name, `expected a non-empty string, got ${kind(v)}`);
    // What the SDK could never send (its accessToken and apiKey rule) could never be matched.
    checkHeaderValue(name, v);
    return v;
  };
  const tickets = integer("tickets", 3000, 100_000);
  const inProgress = integer("inProgress", Math.min(300, tickets), 100_000);
  if (inProgress > tickets) throw invalid("inProgress", `expected at most \`tickets\` (${tickets}), got ${inProgress}`);
  // Each spec is checked by the mock's core, which answers a bad one with a 400.
  const faults = /** @type {import("./testing.d.ts").FaultSpec | import("./testing.d.ts").FaultSpec[] | undefined} */ (given.faults);
  if (faults !== undefined && (faults === null || typeof faults !== "object")) {
    throw invalid("faults", `expected a fault spec or an array of them, such as [{ status: 503 }], got ${kind(faults)}`);
  }
  return { seed: integer("seed", 1, Number.MAX_SAFE_INTEGER), tickets, inProgress, token: text("token"), apiKey: text("apiKey"), faults };
}

/** @param {unknown} v */
function kind(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "string") return v === "" ? "the empty string" : `the string ${JSON.stringify(v)}`;
  return typeof v === "object" ? "an object" : typeof v === "undefined" ? "undefined" : `a ${typeof v}`;
}

/**
 * @param {string} field
 * @param {string} reason
 */
function invalid(field, reason) {
  return new JifelineError(`Invalid \`${field}\`: ${reason}.`, { kind: "validation", field });
}

/** @param {string} text */
function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** @param {AbortSignal} signal */
function throwIfAborted(signal) {
  if (signal?.aborted) throw signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

/**
 * Waits `ms`, or rejects with the signal's reason as soon as it aborts (as fetch does).
 * @param {number} ms
 * @param {AbortSignal} signal
 * @returns {Promise<void>}
 */
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason ?? new DOMException("This operation was aborted", "AbortError"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
