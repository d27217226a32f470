// The I/O of every call: `fetch`, each attempt's timeout, the caller's
// `AbortSignal`, the bearer token, the backoff waits and the hooks.
//
// What to do is never decided here. Each method of the wasm `TicketsApi`
// reads and checks its inputs and returns a `Call` (the core's sans-IO
// exchange); this loop asks it for the request, sends it, and hands it the
// answer (status, three headers, the body's bytes) or the failure. The
// `Call` answers with the next step: the value, a retry after a delay, a
// re-send with a fresh token, the GET a transition redirected to, or the
// `JifelineError` that ends the call. Retry rules, redirects, checks and every
// message stay in Rust.
//
// Why JavaScript: the loop was async Rust (wasm-bindgen-futures, web-sys)
// until 2026-11-25; here it took 23 KB out of the module and 40 µs out of
// each request (bench/README.md, the third sitting).

import { NotAToken, sourceOf } from "./token.js";

// The steps a `Call` answers with (src/call.rs, `STEP_*`; tests/constants.rs
// holds the two lists together).
const VALUE = 0;
const LOCATION = 1;
const RESOURCE = 2;
const SEND = 3;
const REFRESH = 4;
const RETRY = 5;
const FAIL = 6;

// What `call.failed(kind, detail)` is told (src/call.rs, `FAILED_*`).
const ABORTED = 0;
const TIMEOUT = 1;
const NETWORK = 2;
const NOT_A_RESPONSE = 3;
const TOKEN_THREW = 4;
const TOKEN_INVALID = 5;
const UNPARSABLE = 6;
const ABORTED_UNSENT = 7;
const BAD_SIGNAL = 8;

const HOOKS = ["onRequest", "onResponse", "onRetry", "onError"];

/** One decoder for every answer (it keeps no state between calls). */
let decoder = null;

/**
 * What the options (checked already, by the module and options-check.js)
 * say about sending: the token, the fetch, its modes, and the hooks, read
 * once, as the module reads the rest.
 */
export class Transport {
  /**
   * @param {any} options the checked options
   * @param {() => any} makeCache makes the module's `TokenCache` for an `accessToken` function
   */
  constructor(options, makeCache) {
    const token = options.accessToken;
    /** A fixed token string, or undefined. */
    this.token = typeof token === "string" ? token : undefined;
    /** The token cache in front of an `accessToken` function (token.js), or undefined. */
    this.tokens = typeof token === "function" ? sourceOf(token, makeCache) : undefined;
    this.fetch = options.fetch;
    this.redirect = options.redirect ?? "follow";
    this.credentials = options.credentials;
    /** The headers of every request as `[name, value]` pairs, from the module once (`TicketsApi.headers()`). */
    this.fixed = null;
    this.hooks = null;
    const hooks = options.hooks;
    if (hooks !== undefined) {
      this.hooks = {};
      for (const name of HOOKS) if (typeof hooks[name] === "function") this.hooks[name] = hooks[name];
    }
  }

  /**
   * Runs one call: `start()` is the wasm method, which returns its `Call` or
   * throws the `JifelineError` that refuses it. Resolves with the value;
   * rejects with a `JifelineError`, told to `onError` first.
   * @param {string} operation the TicketsApi method (`listTickets`)
   * @param {string} method its HTTP method
   * @param {any} inner the wasm `TicketsApi`
   * @param {() => any} start
   */
  async run(operation, method, inner, start) {
    this.fixed ??= inner.headers();
    const trace = { operation, method, url: undefined, attempt: 0, started: clock(), token: undefined, generation: -1, status: undefined, body: undefined };
    let call = null;
    try {
      call = start();
      return await this.#exchange(call, trace);
    } catch (error) {
      const onError = this.hooks?.onError;
      if (onError !== undefined) {
        const event = { operation, method: trace.method };
        if (trace.url !== undefined) event.url = trace.url;
        event.attempt = trace.attempt;
        event.durationMs = since(trace.started);
        event.error = error;
        emit(onError, "onError", event);
      }
      throw error;
    } finally {
      call?.free();
    }
  }

  async #exchange(call, trace) {
    const signal = call.signal;
    const timeoutMs = call.timeoutMs;
    let step = await this.#attempt(call, trace, signal, timeoutMs, -1);
    for (;;) {
      switch (step) {
        case VALUE:
          try {
            return filled(parse(trace.body), call.absent);
          } catch (e) {
            step = call.failed(UNPARSABLE, e, Date.now(), Math.random());
          }
          break;
        case LOCATION:
          return { location: call.location };
        case RESOURCE: {
          const result = { location: call.location };
          try {
            result.resource = filled(parse(trace.body), call.absent);
          } catch {
            // The transition happened; a resource that cannot be read is left out.
          }
          return result;
        }
        case SEND:
          // A transition's target: a GET, its attempts counted anew.
          trace.method = "GET";
          trace.attempt = 0;
          step = await this.#attempt(call, trace, signal, timeoutMs, -1);
          break;
        case REFRESH:
          this.#retrying(trace, 0, call);
          step = await this.#attempt(call, trace, signal, timeoutMs, trace.generation);
          break;
        case RETRY: {
          const delayMs = call.delayMs;
          this.#retrying(trace, delayMs, call);
          step = (await sleep(delayMs, signal))
            ? await this.#attempt(call, trace, signal, timeoutMs, -1)
            : call.failed(ABORTED, reasonOf(signal), Date.now(), Math.random());
          break;
        }
        case FAIL:
        default:
          throw this.#redacted(call.error(), trace);
      }
    }
  }

  /** `onRetry`, before the attempt is sent again. */
  #retrying(trace, delayMs, call) {
    const onRetry = this.hooks?.onRetry;
    if (onRetry === undefined) return;
    const event = attemptEvent(trace);
    event.delayMs = delayMs;
    if (trace.status !== undefined) event.status = trace.status;
    event.error = call.error();
    emit(onRetry, "onRetry", event);
  }

  /**
   * The error the call rejects with, its answer's headers without the token
   * or the API key: a server may echo them (`www-authenticate`, a debug header).
   */
  #redacted(error, trace) {
    const headers = error?.headers;
    if (headers === undefined) return error;
    const secrets = [trace.token, this.fixed.find(([name]) => name === "x-api-key")?.[1]].filter((s) => typeof s === "string" && s !== "");
    try {
      const copy = new Headers();
      for (const [name, value] of headers) copy.append(name, redact(value, secrets));
      error.headers = copy;
    } catch {
      // Headers that cannot be read through are not handed on.
      delete error.headers;
    }
    return error;
  }

  /**
   * One attempt: the token, the request, fetch, the body. Returns the `Call`'s
   * next step. The caller's signal is listened to from the start, so that a
   * signal that cannot be listened to is refused before anything is sent.
   */
  async #attempt(call, trace, signal, timeoutMs, rejected) {
    if (isAborted(signal)) return call.failed(ABORTED, reasonOf(signal), Date.now(), Math.random());
    // The attempt's own controller: aborted by its timer or by the caller's signal.
    const controller = new AbortController();
    const abort = () => controller.abort();
    try {
      listen(signal, abort);
    } catch (e) {
      return call.failed(BAD_SIGNAL, e, Date.now(), Math.random());
    }
    try {
      return await this.#send(call, trace, signal, timeoutMs, rejected, controller);
    } finally {
      unlisten(signal, abort);
    }
  }

  async #send(call, trace, signal, timeoutMs, rejected, controller) {
    let token = this.token;
    // The attempt's timeout covers the token's wait and the fetch together.
    const deadline = timeoutMs > 0 ? clock() + timeoutMs : 0;
    const tokens = this.tokens;
    if (tokens !== undefined) {
      let got;
      try {
        // `rejected`: the generation of the token a 401 refused, or -1.
        got = tokens.get(rejected);
        if (isThenable(got)) got = await awaitToken(got, signal, timeoutMs, tokens);
      } catch (e) {
        if (e instanceof NotAToken) return call.failed(TOKEN_INVALID, e.value, Date.now(), Math.random());
        return call.failed(TOKEN_THREW, e, Date.now(), Math.random());
      }
      if (got === TOKEN_ABORTED || isAborted(signal)) return call.failed(ABORTED, reasonOf(signal), Date.now(), Math.random());
      if (got === TOKEN_TIMED_OUT) {
        const slow = new Error(`the accessToken function did not settle within ${timeoutMs} ms (timeoutMs)`);
        return call.failed(TOKEN_THREW, slow, Date.now(), Math.random());
      }
      token = got.token;
      trace.generation = got.generation;
    }
    const url = call.request(token);
    if (typeof url === "number") return url;
    // What ClientConfig::prepare builds in the core (the module checked the token).
    const headers = this.fixed.slice();
    if (token !== undefined) headers.push(["authorization", `Bearer ${token}`]);
    const body = trace.method === "GET" ? undefined : call.body;
    if (body !== undefined) headers.push(["content-type", "application/json"]);
    trace.token = token;
    trace.url = url;
    trace.attempt += 1;
    trace.status = undefined;
    trace.body = undefined;
    const hooks = this.hooks;
    if (hooks?.onRequest !== undefined) {
      emit(hooks.onRequest, "onRequest", attemptEvent(trace));
      // The hook may have aborted the call: then nothing is sent.
      if (isAborted(signal)) return call.failed(ABORTED_UNSENT, reasonOf(signal), Date.now(), Math.random());
    }
    const began = hooks?.onResponse !== undefined ? clock() : 0;

    const abort = () => controller.abort();
    let timer;
    let response;
    let bytes;
    let status;
    let answer;
    let finalUrl;
    let redirected;
    try {
      if (timeoutMs > 0) timer = setTimeout(abort, Math.max(0, deadline - clock()));
      const init = { method: trace.method, headers, signal: controller.signal, redirect: this.redirect };
      if (body !== undefined) init.body = body;
      if (this.credentials !== undefined) init.credentials = this.credentials;
      const injected = this.fetch;
      if (injected === undefined) {
        if (typeof fetch !== "function") throw "this runtime has no global fetch; pass the fetch option";
        // The runtime's fetch honours the signal: nothing to race.
        response = await fetch(url, init);
        if (!isResponse(response)) return call.failed(NOT_A_RESPONSE, response, Date.now(), Math.random());
        bytes = new Uint8Array(await response.arrayBuffer());
      } else {
        // An injected fetch gets one Request (the documented contract) and
        // may ignore its signal: the abort is raced.
        const aborted = new Promise((_, reject) => controller.signal.addEventListener("abort", reject, { once: true }));
        aborted.catch(() => {});
        response = await Promise.race([injected.call(undefined, new Request(url, init)), aborted]);
        if (!isResponse(response)) return call.failed(NOT_A_RESPONSE, response, Date.now(), Math.random());
        bytes = new Uint8Array(await Promise.race([response.arrayBuffer(), aborted]));
      }
      // Read here, where a Response-like object's throwing getter is a failed attempt.
      status = response.status;
      answer = response.headers;
      redirected = response.redirected === true;
      // The final URL matters only after a followed redirect.
      finalUrl = redirected && typeof response.url === "string" ? response.url : undefined;
    } catch (e) {
      if (isAborted(signal)) return call.failed(ABORTED, reasonOf(signal), Date.now(), Math.random());
      if (controller.signal.aborted) return call.failed(TIMEOUT, undefined, Date.now(), Math.random());
      return call.failed(NETWORK, e, Date.now(), Math.random());
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
    trace.status = status;
    trace.body = bytes;
    if (hooks?.onResponse !== undefined) {
      const event = attemptEvent(trace);
      event.status = status;
      event.durationMs = since(began);
      emit(hooks.onResponse, "onResponse", event);
    }
    return call.answered(
      status,
      header(answer, "content-type"),
      header(answer, "location"),
      header(answer, "retry-after"),
      finalUrl,
      redirected,
      bytes,
      answer,
      Date.now(),
      Math.random(),
    );
  }
}

/** `text` with every secret in it replaced, longest first, in one pass. */
function redact(text, secrets) {
  if (secrets.length === 0) return text;
  const pattern = new RegExp([...secrets].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|"), "g");
  return text.replace(pattern, "[redacted]");
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `{ operation, method, url, attempt }`, what every attempt's event has. */
function attemptEvent(trace) {
  return { operation: trace.operation, method: trace.method, url: trace.url, attempt: trace.attempt };
}

/**
 * Calls a hook. A hook observes: what it throws, or the promise it returns
 * rejects with, goes to `console.error` and the call goes on, undelayed.
 */
function emit(hook, name, event) {
  try {
    const result = hook(event);
    if (isThenable(result)) result.then(undefined, (e) => report(name, e));
  } catch (e) {
    report(name, e);
  }
}

function report(name, error) {
  if (typeof console !== "undefined") console.error(`jifeline-tickets: hooks.${name} failed (ignored; the call goes on):`, error);
}

function isThenable(value) {
  return value !== null && (typeof value === "object" || typeof value === "function") && typeof value.then === "function";
}

/** A real Response, or what an injected fetch resolved to that reads like one. */
function isResponse(value) {
  // A status is a whole number of three digits at most (0 for a browser's opaque redirect).
  return value !== null && typeof value === "object" && Number.isInteger(value.status) && value.status >= 0 && value.status <= 999 && typeof value.headers?.get === "function" && typeof value.arrayBuffer === "function";
}

/** A header's value, or undefined (also when an injected Response's `get` misbehaves). */
function header(headers, name) {
  try {
    const value = headers.get(name);
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The validated body as a value: the engine decodes (a leading BOM skipped, as `res.json()` does) and parses. */
function parse(bytes) {
  decoder ??= new TextDecoder();
  return JSON.parse(decoder.decode(bytes));
}

// What a token look-up ended with when the call stopped waiting for it.
const TOKEN_ABORTED = Symbol("aborted");
const TOKEN_TIMED_OUT = Symbol("timed out");

/**
 * The token `pending` resolves to, or `TOKEN_ABORTED` / `TOKEN_TIMED_OUT`:
 * a slow or hanging token service never outlasts the caller's signal or the
 * attempt's timeout, and nothing is sent after either. The look-up itself
 * goes on (the token cache shares it with other calls); a rejection after
 * the call stopped waiting is taken here, never left unhandled.
 */
function awaitToken(pending, signal, timeoutMs, tokens) {
  // Aborted already (by the token function itself): the abort event is gone.
  if (isAborted(signal)) return Promise.resolve(TOKEN_ABORTED);
  return new Promise((resolve, reject) => {
    let settled = false;
    let timer;
    const done = (settle, value) => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      unlisten(signal, aborted);
      settle(value);
    };
    const aborted = () => done(resolve, TOKEN_ABORTED);
    if (timeoutMs > 0) {
      timer = setTimeout(() => {
        // A look-up that outlasts the timeout is a failed one: the next call asks again.
        tokens.gaveUp(pending);
        done(resolve, TOKEN_TIMED_OUT);
      }, timeoutMs);
    }
    try {
      listen(signal, aborted);
    } catch {
      // Checked again once the token is there.
    }
    Promise.resolve(pending).then(
      (token) => done(resolve, token),
      (e) => done(reject, e),
    );
  });
}

/**
 * `value` with every optional field the server left out set to `null`, as
 * its type declares it: `absent` (from the module, only when one is missing)
 * is `"result:a,b"` for the items of a page, `":a,b"` for the resource.
 */
function filled(value, absent) {
  if (absent === undefined) return value;
  const colon = absent.indexOf(":");
  const path = absent.slice(0, colon);
  const names = absent.slice(colon + 1).split(",");
  for (const item of path === "" ? [value] : value[path]) {
    for (const name of names) if (!Object.hasOwn(item, name)) item[name] = null;
  }
  return value;
}

/** Waits `ms`; false when `signal` aborted first. */
function sleep(ms, signal) {
  if (isAborted(signal)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (waited) => {
      clearTimeout(timer);
      unlisten(signal, aborted);
      resolve(waited);
    };
    const aborted = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    try {
      listen(signal, aborted);
    } catch {
      // A signal that cannot be listened to is checked again before the next attempt.
    }
  });
}

/** Whether the caller's signal has aborted (a throwing getter counts as no). */
function isAborted(signal) {
  try {
    return signal !== undefined && signal !== null && signal.aborted === true;
  } catch {
    return false;
  }
}

/** The reason the caller's signal aborted with, for `cause`. */
function reasonOf(signal) {
  try {
    return signal.reason;
  } catch {
    return undefined;
  }
}

/**
 * Listens for the caller's signal to abort. The option check only asks a
 * signal for `aborted` and `addEventListener` (polyfills and signals of
 * other realms are welcome), so nothing else is assumed of it.
 */
function listen(signal, listener) {
  if (signal !== undefined && signal !== null) signal.addEventListener("abort", listener);
}

/** Stops listening, where the signal can; never throws. */
function unlisten(signal, listener) {
  try {
    if (typeof signal?.removeEventListener === "function") signal.removeEventListener("abort", listener);
  } catch {
    // A listener left on a signal of the caller's only ever aborts a finished controller.
  }
}

/** A monotonic clock in milliseconds: `performance.now()` where there is one. */
function clock() {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}

/** Milliseconds since `start`, to a hundredth, as telemetry shows them. */
function since(start) {
  return Math.max(0, Math.round((clock() - start) * 100)) / 100;
}
