// The constructor's option check, in JavaScript.
//
// `checkOptions` is the whole check, for the moment before the WebAssembly
// module is loaded (browsers and workers load it on the first call):
// `new TicketsApi(badOptions)` then throws at once, the same `JifelineError`
// the loaded module throws. What the core uses (baseUrl, accessToken,
// apiKey, headers, timeoutMs, retry) the module checks again once loaded,
// and a test holds the two to the same table (tests/js/options-check.test.mjs).
// What only the transport uses (fetch, credentials, redirect, hooks) is
// checked here alone, loaded module or not: `checkTransportOptions`, which
// also asks the runtime's URL parser whether fetch can send to the baseUrl.
import { JifelineError } from "./errors.js";

const OPTION_KEYS = ["baseUrl", "accessToken", "apiKey", "fetch", "headers", "timeoutMs", "retry", "credentials", "redirect", "hooks"];
const RETRY_KEYS = ["limit", "baseDelayMs", "maxDelayMs", "maxRetryAfterMs"];
/** @type {Record<string, number>} */
const RETRY_MAX = { limit: 10, baseDelayMs: 600_000, maxDelayMs: 3_600_000, maxRetryAfterMs: 3_600_000 };
const HOOKS = ["onRequest", "onResponse", "onRetry", "onError"];
// A Map, not an object: a header named `constructor` or `toString` must not
// find what every object inherits.
const RESERVED_HEADERS = new Map([
  ["authorization", "set the accessToken option instead"],
  ["x-api-key", "set the apiKey option instead"],
  ["content-type", "the SDK sets it for JSON bodies"],
  ["accept", "the SDK asks for application/json"],
]);

/**
 * Throws the `JifelineError` the module would throw for `options`, if any.
 * @param {unknown} options
 */
export function checkOptions(options) {
  if (!isObject(options)) throw expected("options", 'an object such as { baseUrl: "https://…" }', options);
  const unknown = keysOf(options, "options").find((k) => !OPTION_KEYS.includes(k));
  if (unknown !== undefined) {
    throw invalid(`options.${unknown}`, `is not an option of TicketsApi; expected one of ${OPTION_KEYS.join(", ")}`);
  }
  checkBaseUrl(options.baseUrl);
  const token = options.accessToken;
  if (token !== undefined) {
    if (typeof token === "string") {
      if (token === "") throw invalid("accessToken", "expected a non-empty string, got the empty string");
      // The rule every call applies to the token it sends (the core's check_token).
      checkHeaderValue("accessToken", token);
    } else if (typeof token !== "function") {
      throw expected("accessToken", "a string or a function returning one", token);
    }
  }
  if (options.apiKey !== undefined) {
    if (typeof options.apiKey !== "string") throw expected("apiKey", "a string", options.apiKey);
    checkHeaderValue("apiKey", options.apiKey);
  }
  const headers = options.headers;
  if (headers !== undefined) {
    if (!isObject(headers)) throw expected("headers", "an object of header names to strings", headers);
    // A Map or a Headers has no own keys to read: its entries would be dropped without a word.
    if (!isPlain(headers)) throw expected("headers", "a plain object of header names to strings", headers);
    for (const name of keysOf(headers, "headers")) {
      const value = headers[name];
      if (typeof value !== "string") throw expected(`headers.${name}`, "a string", value);
      checkHeader(name, value);
    }
  }
  if (options.timeoutMs !== undefined) wholeNumber("timeoutMs", options.timeoutMs, 2_147_483_647);
  checkRetry(options.retry);
  checkTransportOptions(options);
}

/**
 * Throws the `JifelineError` for a bad `fetch`, `credentials`, `redirect` or
 * `hooks`: the options only the transport (src/transport.rs) reads, so only
 * checked here, after the module's own check of the rest.
 * @param {Record<string, unknown>} options an object whose `baseUrl` is a string (both checked before)
 */
export function checkTransportOptions(options) {
  // The module's rules say what the SDK sends; the runtime's URL parser says
  // whether fetch can send it at all (a placeholder host, 10.0.0.256).
  if (!canParse(options.baseUrl)) {
    throw invalid("baseUrl", `is not a URL that fetch can send to (check its host), got ${debugQuote(/** @type {string} */ (options.baseUrl))}`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw expected("fetch", "a function such as globalThis.fetch", options.fetch);
  }
  const credentials = options.credentials;
  if (credentials !== undefined && credentials !== "omit" && credentials !== "same-origin" && credentials !== "include") {
    throw expected("credentials", '"omit", "same-origin" or "include"', credentials);
  }
  const redirect = options.redirect;
  if (redirect !== undefined && redirect !== "follow" && redirect !== "manual") {
    throw expected("redirect", '"follow" or "manual"', redirect);
  }
  checkHooks(options.hooks);
}

/** @param {unknown} url */
function canParse(url) {
  try {
    new URL(/** @type {string} */ (url));
    return true;
  } catch {
    return false;
  }
}

/** @param {unknown} baseUrl */
function checkBaseUrl(baseUrl) {
  if (typeof baseUrl !== "string") throw expected("baseUrl", "an absolute http:// or https:// URL string", baseUrl);
  const trimmed = baseUrl.replace(/\/+$/, "");
  const scheme = ["https://", "http://"].find((s) => trimmed.slice(0, s.length).toLowerCase() === s);
  if (scheme === undefined) throw invalid("baseUrl", "must be an absolute http:// or https:// URL");
  const authority = trimmed.slice(scheme.length).split("/")[0];
  if (authority === "") throw invalid("baseUrl", "has no host");
  if (authority.includes("@")) throw invalid("baseUrl", "must not contain credentials; use accessToken and apiKey");
  if (/[\u0080-\uffff]/.test(trimmed)) {
    throw invalid("baseUrl", "must be ASCII: write a host such as bücher.example as its punycode (xn--bcher-kva.example) and percent-encode a path");
  }
  if (/[?#]/.test(trimmed) || [...new TextEncoder().encode(trimmed)].some((b) => b < 0x21 || b > 0x7e)) {
    throw invalid("baseUrl", "must have no query, fragment, spaces or control characters");
  }
  checkPort(authority);
}

/**
 * A port, when the authority has one: digits, from 1 to 65535; an IPv6 host's colons are not a port's.
 * @param {string} authority
 */
function checkPort(authority) {
  const hostEnd = authority.startsWith("[") ? (authority.includes("]") ? authority.indexOf("]") + 1 : authority.length) : 0;
  const found = authority.slice(hostEnd).indexOf(":");
  if (found < 0) return;
  const colon = hostEnd + found;
  if (colon === 0) throw invalid("baseUrl", "has no host");
  const port = authority.slice(colon + 1);
  const digits = port.replace(/^0+/, "");
  if (!/^[0-9]+$/.test(port) || digits === "" || digits.length > 5 || Number(digits) > 65535) {
    throw invalid("baseUrl", `expected a port from 1 to 65535 after the host, got ${debugQuote(port)}`);
  }
}

/**
 * Throws for an `apiKey` or token the SDK would never send (the core's
 * `check_header_value`); `jifeline-tickets/testing` holds its own `token` and
 * `apiKey` options to it too.
 * @param {string} field
 * @param {string} value
 */
export function checkHeaderValue(field, value) {
  // Never quote the value: it is a secret.
  if (value === "") throw invalid(field, "must not be empty");
  const bad = unsendable(value, false);
  if (bad !== undefined) throw invalid(field, `must be printable ASCII (space to ~), ${bad}`);
  checkEdges(field, value);
}

/**
 * A space or tab at either end: fetch would send the value trimmed (the Fetch standard's "normalize").
 * @param {string} field
 * @param {string} value
 */
function checkEdges(field, value) {
  /** @param {string | undefined} c */
  const blank = (c) => (c === " " ? "a space" : c === "\t" ? "a tab" : undefined);
  const start = blank(value[0]);
  const end = blank(value[value.length - 1]);
  if (start !== undefined || end !== undefined) {
    const [what, place] = start !== undefined ? [start, "start"] : [end, "end"];
    throw invalid(field, `must not start or end with a space or tab (fetch would remove it), got ${what} at the ${place}`);
  }
}

/**
 * @param {string} name
 * @param {string} value
 */
function checkHeader(name, value) {
  const field = `headers.${debugQuote(name).slice(1, -1)}`;
  if (!/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(name)) throw invalid(field, "is not a valid header name");
  const reserved = RESERVED_HEADERS.get(name.toLowerCase());
  if (reserved !== undefined) throw invalid(field, reserved);
  const bad = unsendable(value, true);
  if (bad !== undefined) throw invalid(field, `must be printable ASCII (space to ~) or tabs, ${bad}`);
  checkEdges(field, value);
}

/**
 * "got U+0001 at index 3" for the first character a header cannot carry as it is (the core's
 * `unsendable`): anything outside printable ASCII, space to ~, and a tab too unless `tab`.
 * Undici (Node's fetch) refuses control characters other than tab at every call, Chromium sends
 * them and servers answer 400, U+0080 to U+00FF travel as Latin-1 bytes, and a character above
 * U+00FF is a TypeError: printable ASCII and tabs are what every fetch sends unchanged.
 * @param {string} value
 * @param {boolean} tab
 */
function unsendable(value, tab) {
  let index = 0;
  for (const c of value) {
    const code = /** @type {number} */ (c.codePointAt(0));
    if (!((code >= 0x20 && code <= 0x7e) || (tab && code === 0x09))) {
      // A lone surrogate reaches the module as U+FFFD: named so here too.
      return gotChar(code >= 0xd800 && code <= 0xdfff ? 0xfffd : code, index);
    }
    index += c.length;
  }
  return undefined;
}

/**
 * Which character and where, never the value (it may be a secret).
 * @param {number} code
 * @param {number} index
 */
function gotChar(code, index) {
  return `got U+${code.toString(16).toUpperCase().padStart(4, "0")} at index ${index}`;
}

/**
 * @param {string} field
 * @param {unknown} value
 * @param {number} max
 */
function wholeNumber(field, value, max) {
  if (!(typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value <= max)) {
    throw invalid(field, `expected an integer from 0 to ${max}, got ${describe(value)}`);
  }
}

/** @param {unknown} retry */
function checkRetry(retry) {
  if (retry === undefined || retry === true || retry === false) return;
  if (!isObject(retry)) throw expected("retry", "false or an object such as { limit: 2 }", retry);
  const unknown = keysOf(retry, "retry").find((k) => !RETRY_KEYS.includes(k));
  if (unknown !== undefined) {
    throw invalid(`retry.${unknown}`, `is not a retry option; expected one of ${RETRY_KEYS.join(", ")}`);
  }
  for (const key of RETRY_KEYS) {
    if (retry[key] !== undefined) wholeNumber(`retry.${key}`, retry[key], RETRY_MAX[key]);
  }
}

/** @param {unknown} hooks */
function checkHooks(hooks) {
  if (hooks === undefined) return;
  if (!isPlain(hooks)) throw expected("hooks", "an object", hooks);
  const unknown = keysOf(hooks, "hooks").find((k) => !HOOKS.includes(k));
  if (unknown !== undefined) throw invalid(`hooks.${unknown}`, `is not a hook; expected one of ${HOOKS.join(", ")}`);
  for (const name of HOOKS) {
    if (hooks[name] !== undefined && typeof hooks[name] !== "function") {
      throw expected(`hooks.${name}`, "a function", hooks[name]);
    }
  }
}

/**
 * What the module calls an object for options: not null, not an array, not a function.
 * @param {unknown} v
 * @returns {v is Record<string, unknown>}
 */
function isObject(v) {
  if (typeof v !== "object" || v === null) return false;
  try {
    return !Array.isArray(v);
  } catch {
    return false; // A revoked Proxy: refused as what it is.
  }
}

/**
 * `Object.keys(v)`, or the module's refusal when a `Proxy` trap throws.
 * @param {object} v
 * @param {string} field
 */
function keysOf(v, field) {
  try {
    return Object.keys(v);
  } catch {
    throw invalid(field, "its keys could not be listed (a revoked Proxy, or a Proxy trap threw), so it cannot be checked");
  }
}

/**
 * A plain object: `Object.prototype` or no prototype.
 * @param {unknown} v
 * @returns {v is Record<string, unknown>}
 */
function isPlain(v) {
  if (!isObject(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * @param {string} field
 * @param {string} reason
 */
function invalid(field, reason) {
  return new JifelineError(`Invalid \`${field}\`: ${reason}.`, { kind: "validation", field });
}

/**
 * @param {string} field
 * @param {string} what
 * @param {unknown} got
 */
function expected(field, what, got) {
  return invalid(field, `expected ${what}, got ${describe(got)}`);
}

/**
 * What `value` is, in the words the module uses ("got …").
 * @param {unknown} value
 */
function describe(value) {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return `the string ${debugQuote(value)}`;
    case "boolean":
      return String(value);
    case "bigint":
      return `the BigInt ${value}n`;
    case "number":
      return String(value);
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
  }
  // As the module's `describe` (src/input.rs) says it, catching what a Proxy throws.
  try {
    if (Array.isArray(value)) return "an array";
  } catch {
    return "a revoked Proxy";
  }
  let isDate = false;
  try {
    isDate = value instanceof Date;
  } catch {
    // A throwing getPrototypeOf trap reads as "not a Date", as wasm-bindgen's instanceof does.
  }
  if (isDate) {
    try {
      return Number.isNaN(Date.prototype.getTime.call(value)) ? "an invalid Date" : "a Date";
    } catch {
      return "an object that inherits from Date.prototype but is not a Date";
    }
  }
  try {
    if (isPlain(value)) return "an object";
  } catch {
    return "an object whose prototype could not be read (Object.getPrototypeOf threw)";
  }
  let name;
  try {
    name = /** @type {{ constructor?: { name?: unknown } }} */ (value).constructor?.name;
  } catch {
    name = undefined;
  }
  if (typeof name === "string" && name !== "" && name !== "Object") return `${/^[AEIOU]/.test(name) ? "an" : "a"} ${name}`;
  return "an object whose prototype is not Object.prototype";
}

/**
 * A string quoted as the module quotes it (the core's `text::quote`): quotes, backslashes and control characters escaped as Rust's `{:?}` escapes them, the rest kept; cut after 64 characters.
 * @param {string} text
 */
function debugQuote(text) {
  const chars = [...text];
  const head = chars.length > 64 ? chars.slice(0, 64).join("") : text;
  const quoted = `"${[...head]
    .map((c) => {
      if (c === '"') return '\\"';
      if (c === "\\") return "\\\\";
      if (c === "\n") return "\\n";
      if (c === "\r") return "\\r";
      if (c === "\t") return "\\t";
      if (c === "\0") return "\\0";
      const code = /** @type {number} */ (c.codePointAt(0));
      return code < 0x20 || code === 0x7f ? `\\u{${code.toString(16)}}` : c;
    })
    .join("")}"`;
  return chars.length > 64 ? `${quoted}… (${chars.length} characters)` : quoted;
}
