// The token cache in front of an `accessToken` function.
//
// The function may answer a string (called again before every request, as it
// always was) or `{ token, expiresAt }` / `{ token, expiresIn }`, which is
// reused until a margin before it expires. Concurrent calls share one pending
// look-up, and when the API refuses a token (401) the calls refused together
// share one fresh look-up. The transport (transport.js) calls the cache with
// `{ refresh, rejected }`; the caller's function only ever sees `{ refresh }`.
import { JifelineError } from "./errors.js";

/** Marks a function that is already a cache (`clientCredentials()`), so it is not wrapped twice. */
const CACHE = Symbol.for("jifeline-tickets.tokenCache");

/** A token is looked up again this long before it expires: a tenth of its lifetime, at most 30 s. */
export function marginMs(lifetimeMs) {
  return Math.min(30_000, lifetimeMs / 10);
}

/**
 * @param {(request: { refresh: boolean }) => unknown} lookup the caller's `accessToken` function
 * @returns {(request?: { refresh?: boolean, rejected?: string }) => unknown} the function the transport calls
 */
export function cachedToken(lookup) {
  if (lookup[CACHE]) return lookup;
  /** The token reused for now: `{ token, refreshAt }` (`refreshAt` undefined: until a 401). */
  let held = null;
  /** The look-up in flight: `{ promise, refresh }`. */
  let pending = null;
  /** The function answered a plain string last time: call it every time, share nothing. */
  let answersStrings = false;

  /** Takes in one answer: an object is held for reuse; anything else is handed on as it is. */
  const settle = (answer) => {
    const read_ = read(answer);
    if (read_ !== null && typeof read_ === "object") {
      answersStrings = false;
      held = read_;
      return read_.token;
    }
    answersStrings = typeof read_ === "string";
    return read_;
  };

  const start = (refresh) => {
    const entry = { refresh, promise: null };
    entry.promise = (async () => {
      try {
        return settle(await lookup({ refresh }));
      } finally {
        if (pending === entry) pending = null;
      }
    })();
    pending = entry;
    return entry.promise;
  };

  const source = (request) => {
    const refresh = request?.refresh === true;
    if (refresh) {
      // A token got after the refused one was sent is kept; the refused one is forgotten.
      if (held !== null && held.token !== request.rejected) return held.token;
      held = null;
      return pending?.refresh ? pending.promise : start(true);
    }
    if (held !== null && (held.refreshAt === undefined || Date.now() < held.refreshAt)) return held.token;
    // A function answering strings is called before every request, as it always was.
    if (answersStrings) return passThrough(lookup({ refresh: false }), settle);
    return pending ? pending.promise : start(false);
  };
  source[CACHE] = true;
  return source;
}

/** Applies `then` to a value or to what a promise resolves to, without adding a promise hop for plain values. */
function passThrough(value, then) {
  if (value !== null && typeof value === "object" && typeof value.then === "function") return Promise.resolve(value).then(then);
  return then(value);
}

/**
 * What one answer of the function is: a string (or any other non-object, left
 * to the wasm module to refuse in its words), or `{ token, refreshAt }`.
 */
function read(answer) {
  if (answer === null || typeof answer !== "object" || Array.isArray(answer)) return answer;
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
  const now = Date.now();
  let expiresMs;
  if (expiresAt !== undefined) {
    expiresMs = expiresAt instanceof Date ? expiresAt.getTime() : expiresAt;
    if (typeof expiresMs !== "number" || !Number.isFinite(expiresMs)) {
      throw invalid(`expected \`expiresAt\` to be a Date or epoch milliseconds, got ${describe(expiresAt)}`);
    }
  } else if (expiresIn !== undefined) {
    if (typeof expiresIn !== "number" || !Number.isFinite(expiresIn) || expiresIn < 0) {
      throw invalid(`expected \`expiresIn\` to be a number of seconds from 0, got ${describe(expiresIn)}`);
    }
    expiresMs = now + expiresIn * 1000;
  } else {
    return { token, refreshAt: undefined };
  }
  const lifetime = expiresMs - now;
  // Already (nearly) expired: used for this request, never reused.
  return { token, refreshAt: lifetime > 0 ? expiresMs - marginMs(lifetime) : now };
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
