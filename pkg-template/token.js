// The token cache in front of an `accessToken` function: the promises are
// here, the rules are the core's (`core/src/token.rs`, through the module's
// `TokenCache`): when the function is asked, when a token is reused (until a
// margin before it expires), which calls share one look-up, and the refresh
// generation that makes calls refused together by a 401 share one refresh.
//
// The function may answer a string (asked for again before every request)
// or `{ token, expiresAt }` / `{ token, expiresIn }`, or `{ token }` (reused
// until the API refuses it). The caller's function only ever sees `{ refresh }`.
import { JifelineError } from "./errors.js";

/** Marks a function that carries its own source (`clientCredentials()`), so it is not wrapped twice. */
export const SOURCE = Symbol.for("jifeline-tickets.tokenSource");

/** What a look-up answered that is no token at all (a number, the empty string, an array): the module says why. */
export class NotAToken {
  constructor(value) {
    /** What the module asks to tell it from what the function threw. */
    this.notAToken = true;
    this.value = value;
  }
}

/**
 * A token function behind the core's cache rules. `get(rejected)` gives
 * `{ token, generation }`, at once when a token is reused, else a promise.
 */
export class TokenSource {
  #lookup;
  #makeCache;
  #cache = null;
  /** The look-ups in flight, by id: what a request that joins one awaits. */
  #inFlight = new Map();
  /** Which look-up a promise handed out waits for, so a caller that gives up can say which. */
  #waits = new WeakMap();

  /**
   * @param {(request: { refresh: boolean }) => unknown} lookup the caller's function
   * @param {() => any} makeCache makes the module's `TokenCache` (at the first request: the module is loaded by then)
   */
  constructor(lookup, makeCache) {
    this.#lookup = lookup;
    this.#makeCache = makeCache;
  }

  /**
   * The token for a request: `rejected` is the generation of the token a 401
   * refused, or -1. Throws (or rejects with) what the function threw, a
   * `JifelineError` for a malformed answer, or a `NotAToken`.
   */
  get(rejected = -1) {
    const cache = (this.#cache ??= this.#makeCache());
    const step = cache.next(Date.now(), rejected);
    if (step === 0) return { token: cache.token, generation: cache.generation };
    if (step < 0) {
      const id = -step;
      const joined = this.#inFlight.get(id);
      if (joined === undefined) {
        // Cannot happen (the cache shares only look-ups this source started); ask anew.
        cache.failed(id);
        return this.get(rejected);
      }
      // Its failure is this request's too; after its answer, the cache decides again.
      const waiting = joined.then(() => this.get(rejected));
      this.#waits.set(waiting, id);
      return waiting;
    }
    return this.#start(cache, Math.floor(step / 2), step % 2 === 1);
  }

  /** The caller stopped waiting for `pending` (the attempt's timeout): the look-up is not shared any more. */
  gaveUp(pending) {
    const id = this.#waits.get(pending);
    if (id === undefined) return;
    this.#inFlight.delete(id);
    this.#cache?.failed(id);
  }

  /** The generation of the latest token, for a `{ refresh: true }` asked from outside. */
  get generation() {
    return this.#cache === null ? -1 : this.#cache.generation;
  }

  #start(cache, id, refresh) {
    let answer;
    try {
      answer = this.#lookup({ refresh });
    } catch (e) {
      cache.failed(id);
      throw e;
    }
    if (!isThenable(answer)) return this.#settle(cache, id, answer);
    const pending = Promise.resolve(answer).then(
      (value) => {
        this.#inFlight.delete(id);
        return this.#settle(cache, id, value);
      },
      (e) => {
        this.#inFlight.delete(id);
        cache.failed(id);
        throw e;
      },
    );
    // A look-up nobody waits for any more (its caller gave up) is no unhandled rejection.
    pending.catch(() => {});
    this.#inFlight.set(id, pending);
    this.#waits.set(pending, id);
    return pending;
  }

  #settle(cache, id, value) {
    let read_;
    try {
      read_ = read(value);
    } catch (e) {
      cache.failed(id);
      throw e;
    }
    const generation = cache.settled(id, read_.token, read_.expiresAt, Date.now());
    return { token: read_.token, generation };
  }
}

/** The source behind an `accessToken` function: its own (`clientCredentials()`), or a new one. */
export function sourceOf(lookup, makeCache) {
  return lookup[SOURCE] ?? new TokenSource(lookup, makeCache);
}

/**
 * What one answer of the function is: `{ token, expiresAt }` with `expiresAt`
 * `NaN` for a plain string (never reused), `Infinity` for `{ token }`, else
 * Unix milliseconds.
 */
function read(answer) {
  if (typeof answer === "string" && answer !== "") return { token: answer, expiresAt: NaN };
  if (answer === null || typeof answer !== "object" || Array.isArray(answer)) throw new NotAToken(answer);
  if (!("token" in answer)) {
    throw invalid(`expected the function to return a string, { token, expiresAt } or { token, expiresIn }, got an object without \`token\`${"access_token" in answer ? " (an OAuth2 answer? return { token: answer.access_token, expiresIn: answer.expires_in })" : ""}`);
  }
  const { token, expiresAt, expiresIn } = answer;
  if (typeof token !== "string" || token === "") {
    throw invalid(`expected \`token\` to be a non-empty string, got ${describe(token)}`);
  }
  if (expiresAt !== undefined && expiresIn !== undefined) {
    throw invalid("expected `expiresAt` or `expiresIn`, not both");
  }
  if (expiresAt !== undefined) {
    const ms = expiresAt instanceof Date ? expiresAt.getTime() : expiresAt;
    if (typeof ms !== "number" || !Number.isFinite(ms)) {
      throw invalid(`expected \`expiresAt\` to be a Date or epoch milliseconds, got ${describe(expiresAt)}`);
    }
    return { token, expiresAt: ms };
  }
  if (expiresIn !== undefined) {
    if (typeof expiresIn !== "number" || !Number.isFinite(expiresIn) || expiresIn < 0) {
      throw invalid(`expected \`expiresIn\` to be a number of seconds from 0, got ${describe(expiresIn)}`);
    }
    return { token, expiresAt: Date.now() + expiresIn * 1000 };
  }
  return { token, expiresAt: Infinity };
}

function isThenable(value) {
  return value !== null && (typeof value === "object" || typeof value === "function") && typeof value.then === "function";
}

function invalid(reason) {
  return new JifelineError(`Invalid \`accessToken\`: ${reason}.`, { kind: "validation", field: "accessToken" });
}

/** What `value` is, as a message's "got …" says it (never the content of a string: it may be a credential). */
export function describe(value) {
  if (value === null) return "null";
  switch (typeof value) {
    case "undefined":
      return "undefined";
    case "string":
      return value === "" ? "the empty string" : "a string";
    case "number":
    case "boolean":
      return String(value);
    case "bigint":
      return `the BigInt ${value}n`;
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
  }
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : "a Date";
  return "an object";
}
