// Constructor options the SDK refuses, and some it accepts: one table for the
// module's check (after loading) and the facade's JavaScript check (before).
// Each row: its name, the options, and what constructing with them does:
// `null` (accepted) or the exact refusal (kind, field, message); `undefined`
// where the outcome is in question, so only the two checks' agreement is held.
const f = () => {};
export const optionRows = [
  ["not an object", null, refused("options", "Invalid `options`: expected an object such as { baseUrl: \"https://…\" }, got null.")],
  ["a string", "https://api.example", refused("options", "Invalid `options`: expected an object such as { baseUrl: \"https://…\" }, got the string \"https://api.example\".")],
  ["an array", [], refused("options", "Invalid `options`: expected an object such as { baseUrl: \"https://…\" }, got an array.")],
  ["an unknown option", { baseUrl: "https://api.example", base_url: "x" }, refused("options.base_url", "Invalid `options.base_url`: is not an option of TicketsApi; expected one of baseUrl, accessToken, apiKey, fetch, headers, timeoutMs, retry, credentials, redirect, hooks.")],
  ["no baseUrl", {}, refused("baseUrl", "Invalid `baseUrl`: expected an absolute http:// or https:// URL string, got undefined.")],
  // The field only: the message says "got an URL" (an article chosen by the first letter; reported).
  ["baseUrl a URL object", { baseUrl: new URL("https://api.example") }, refused("baseUrl", undefined)],
  ["baseUrl an object with a prototype of its own", { baseUrl: Object.create({ href: "https://api.example" }) }, refused("baseUrl", "Invalid `baseUrl`: expected an absolute http:// or https:// URL string, got an object whose prototype is not Object.prototype.")],
  ["baseUrl a URL behind a Proxy whose get trap throws", { baseUrl: new Proxy(new URL("https://api.example"), { get() { throw new Error("no"); } }) }, refused("baseUrl", "Invalid `baseUrl`: expected an absolute http:// or https:// URL string, got an object whose prototype is not Object.prototype.")],
  ["baseUrl relative", { baseUrl: "/api" }, refused("baseUrl", "Invalid `baseUrl`: must be an absolute http:// or https:// URL.")],
  ["baseUrl ftp", { baseUrl: "ftp://api.example" }, refused("baseUrl", "Invalid `baseUrl`: must be an absolute http:// or https:// URL.")],
  ["baseUrl without host", { baseUrl: "https:///v2" }, refused("baseUrl", "Invalid `baseUrl`: has no host.")],
  ["baseUrl with credentials", { baseUrl: "https://user:pw@api.example" }, refused("baseUrl", "Invalid `baseUrl`: must not contain credentials; use accessToken and apiKey.")],
  ["baseUrl with a query", { baseUrl: "https://api.example/?a=1" }, refused("baseUrl", "Invalid `baseUrl`: must have no query, fragment, spaces or control characters.")],
  ["baseUrl with a space", { baseUrl: "https://api.example/a b" }, refused("baseUrl", "Invalid `baseUrl`: must have no query, fragment, spaces or control characters.")],
  ["baseUrl with a non-ASCII host", { baseUrl: "https://bücher.example" }, refused("baseUrl", "Invalid `baseUrl`: must be ASCII: write a host such as bücher.example as its punycode (xn--bcher-kva.example) and percent-encode a path.")],
  ["baseUrl with a non-ASCII path", { baseUrl: "https://api.example/prøxy" }, refused("baseUrl", "Invalid `baseUrl`: must be ASCII: write a host such as bücher.example as its punycode (xn--bcher-kva.example) and percent-encode a path.")],
  ["baseUrl upper-case scheme and trailing slashes", { baseUrl: "HTTPS://API.example//" }, null],
  // A port fetch cannot parse (or never reaches) would make every call a retryable network error.
  ["baseUrl with port 99999", { baseUrl: "https://a.test:99999" }, refused("baseUrl", "Invalid `baseUrl`: expected a port from 1 to 65535 after the host, got \"99999\".")],
  ["baseUrl with port 65536 and a path", { baseUrl: "https://a.test:65536/api" }, refused("baseUrl", "Invalid `baseUrl`: expected a port from 1 to 65535 after the host, got \"65536\".")],
  ["baseUrl with port 0", { baseUrl: "https://a.test:0" }, refused("baseUrl", "Invalid `baseUrl`: expected a port from 1 to 65535 after the host, got \"0\".")],
  ["baseUrl with a port of letters", { baseUrl: "https://a.test:https" }, refused("baseUrl", "Invalid `baseUrl`: expected a port from 1 to 65535 after the host, got \"https\".")],
  ["baseUrl with an empty port", { baseUrl: "https://a.test:/" }, refused("baseUrl", "Invalid `baseUrl`: expected a port from 1 to 65535 after the host, got \"\".")],
  ["baseUrl with two ports", { baseUrl: "https://a.test:80:80" }, refused("baseUrl", "Invalid `baseUrl`: expected a port from 1 to 65535 after the host, got \"80:80\".")],
  ["baseUrl with a port but no host", { baseUrl: "https://:443" }, refused("baseUrl", "Invalid `baseUrl`: has no host.")],
  ["baseUrl IPv6 with a bad port", { baseUrl: "http://[::1]:x" }, refused("baseUrl", "Invalid `baseUrl`: expected a port from 1 to 65535 after the host, got \"x\".")],
  ["baseUrl with a placeholder host", { baseUrl: "https://<host>" }, refused("baseUrl", "Invalid `baseUrl`: is not a URL that fetch can send to (check its host), got \"https://<host>\".")],
  ["baseUrl with an IPv4 host out of range", { baseUrl: "https://999.1.1.1" }, refused("baseUrl", "Invalid `baseUrl`: is not a URL that fetch can send to (check its host), got \"https://999.1.1.1\".")],
  ["baseUrl with a bracket after the host", { baseUrl: "https://api.example.com>" }, refused("baseUrl", "Invalid `baseUrl`: is not a URL that fetch can send to (check its host), got \"https://api.example.com>\".")],
  ["baseUrl IPv6 with a port", { baseUrl: "http://[::1]:8080/api" }, null],
  ["baseUrl with port 65535 and leading zeros", { baseUrl: "https://a.test:065535" }, null],
  ["accessToken empty", { baseUrl: "https://api.example", accessToken: "" }, refused("accessToken", "Invalid `accessToken`: expected a non-empty string, got the empty string.")],
  ["accessToken a number", { baseUrl: "https://api.example", accessToken: 42 }, refused("accessToken", "Invalid `accessToken`: expected a string or a function returning one, got 42.")],
  ["accessToken a function", { baseUrl: "https://api.example", accessToken: f }, null],
  // A static token is held to the rule every call applies to the token it sends.
  ["accessToken not ASCII", { baseUrl: "https://api.example", accessToken: "é" }, refused("accessToken", "Invalid `accessToken`: must be printable ASCII (space to ~), got U+00E9 at index 0.")],
  ["accessToken with a line break", { baseUrl: "https://api.example", accessToken: "tok\n" }, refused("accessToken", "Invalid `accessToken`: must be printable ASCII (space to ~), got U+000A at index 3.")],
  ["accessToken with a space at the end", { baseUrl: "https://api.example", accessToken: "tok " }, refused("accessToken", "Invalid `accessToken`: must not start or end with a space or tab (fetch would remove it), got a space at the end.")],
  ["accessToken with a space inside", { baseUrl: "https://api.example", accessToken: "tok en" }, null],
  ["apiKey a number", { baseUrl: "https://api.example", apiKey: 7 }, refused("apiKey", "Invalid `apiKey`: expected a string, got 7.")],
  ["apiKey empty", { baseUrl: "https://api.example", apiKey: "" }, refused("apiKey", "Invalid `apiKey`: must not be empty.")],
  ["apiKey with a line break", { baseUrl: "https://api.example", apiKey: "key\nx" }, refused("apiKey", "Invalid `apiKey`: must be printable ASCII (space to ~), got U+000A at index 3.")],
  ["apiKey not ASCII", { baseUrl: "https://api.example", apiKey: "é" }, refused("apiKey", "Invalid `apiKey`: must be printable ASCII (space to ~), got U+00E9 at index 0.")],
  ["apiKey with a space at the start", { baseUrl: "https://api.example", apiKey: " key" }, refused("apiKey", "Invalid `apiKey`: must not start or end with a space or tab (fetch would remove it), got a space at the start.")],
  ["headers an array", { baseUrl: "https://api.example", headers: [] }, refused("headers", "Invalid `headers`: expected an object of header names to strings, got an array.")],
  ["a header not a string", { baseUrl: "https://api.example", headers: { "x-a": 1 } }, refused("headers.x-a", "Invalid `headers.x-a`: expected a string, got 1.")],
  ["a header name with a space", { baseUrl: "https://api.example", headers: { "x a": "1" } }, refused("headers.x a", "Invalid `headers.x a`: is not a valid header name.")],
  // Quoted alike by both: control characters escaped, zero-width and combining characters kept.
  ["a header name with a zero-width space, a combining accent and a tab", { baseUrl: "https://api.example", headers: { "x\u200b\u0301\ta": "1" } }, refused("headers.x\u200b\u0301\\ta", "Invalid `headers.x\u200b\u0301\\ta`: is not a valid header name.")],
  ["the authorization header", { baseUrl: "https://api.example", headers: { Authorization: "Bearer x" } }, refused("headers.Authorization", "Invalid `headers.Authorization`: set the accessToken option instead.")],
  ["a header value with a line break", { baseUrl: "https://api.example", headers: { "x-a": "1\r\n2" } }, refused("headers.x-a", "Invalid `headers.x-a`: must be printable ASCII (space to ~) or tabs, got U+000D at index 1.")],
  ["good headers", { baseUrl: "https://api.example", headers: { "x-portal": "42" } }, null],
  // Header values fetch cannot send as they are.
  ["a header value with a control character", { baseUrl: "https://api.example", headers: { "x-a": "a\x01b" } }, refused("headers.x-a", "Invalid `headers.x-a`: must be printable ASCII (space to ~) or tabs, got U+0001 at index 1.")],
  ["a header value with DEL", { baseUrl: "https://api.example", headers: { "x-a": "a\x7f" } }, refused("headers.x-a", "Invalid `headers.x-a`: must be printable ASCII (space to ~) or tabs, got U+007F at index 1.")],
  ["a header value with an emoji", { baseUrl: "https://api.example", headers: { "x-a": "😀" } }, refused("headers.x-a", "Invalid `headers.x-a`: must be printable ASCII (space to ~) or tabs, got U+1F600 at index 0.")],
  ["a header value with an emoji, then a control character", { baseUrl: "https://api.example", headers: { "x-a": "😀😀\x01" } }, refused("headers.x-a", "Invalid `headers.x-a`: must be printable ASCII (space to ~) or tabs, got U+1F600 at index 0.")],
  ["a header value with a Latin-1 letter", { baseUrl: "https://api.example", headers: { "x-a": "caf\u00e9" } }, refused("headers.x-a", "Invalid `headers.x-a`: must be printable ASCII (space to ~) or tabs, got U+00E9 at index 3.")],
  ["a header value with a lone surrogate", { baseUrl: "https://api.example", headers: { "x-a": "a\ud800b" } }, refused("headers.x-a", "Invalid `headers.x-a`: must be printable ASCII (space to ~) or tabs, got U+FFFD at index 1.")],
  ["a header value with a space at the end", { baseUrl: "https://api.example", headers: { "x-a": "a " } }, refused("headers.x-a", "Invalid `headers.x-a`: must not start or end with a space or tab (fetch would remove it), got a space at the end.")],
  ["a header value with a tab at the start", { baseUrl: "https://api.example", headers: { "x-a": "\ta" } }, refused("headers.x-a", "Invalid `headers.x-a`: must not start or end with a space or tab (fetch would remove it), got a tab at the start.")],
  ["a header value with tabs and spaces inside, and an empty one", { baseUrl: "https://api.example", headers: { "x-a": "a\tb c~", "x-b": "" } }, null],
  ["fetch a string", { baseUrl: "https://api.example", fetch: "fetch" }, refused("fetch", "Invalid `fetch`: expected a function such as globalThis.fetch, got the string \"fetch\".")],
  ["timeoutMs negative", { baseUrl: "https://api.example", timeoutMs: -1 }, refused("timeoutMs", "Invalid `timeoutMs`: expected an integer from 0 to 2147483647, got -1.")],
  ["timeoutMs 1.5", { baseUrl: "https://api.example", timeoutMs: 1.5 }, refused("timeoutMs", "Invalid `timeoutMs`: expected an integer from 0 to 2147483647, got 1.5.")],
  ["timeoutMs too large", { baseUrl: "https://api.example", timeoutMs: 2 ** 31 }, refused("timeoutMs", "Invalid `timeoutMs`: expected an integer from 0 to 2147483647, got 2147483648.")],
  ["retry a number", { baseUrl: "https://api.example", retry: 3 }, refused("retry", "Invalid `retry`: expected false or an object such as { limit: 2 }, got 3.")],
  ["retry an unknown key", { baseUrl: "https://api.example", retry: { limits: 3 } }, refused("retry.limits", "Invalid `retry.limits`: is not a retry option; expected one of limit, baseDelayMs, maxDelayMs, maxRetryAfterMs.")],
  ["retry limit 11", { baseUrl: "https://api.example", retry: { limit: 11 } }, refused("retry.limit", "Invalid `retry.limit`: expected an integer from 0 to 10, got 11.")],
  ["retry false", { baseUrl: "https://api.example", retry: false }, null],
  ["credentials wrong", { baseUrl: "https://api.example", credentials: "all" }, refused("credentials", "Invalid `credentials`: expected \"omit\", \"same-origin\" or \"include\", got the string \"all\".")],
  ["redirect wrong", { baseUrl: "https://api.example", redirect: "error" }, refused("redirect", "Invalid `redirect`: expected \"follow\" or \"manual\", got the string \"error\".")],
  ["hooks a function", { baseUrl: "https://api.example", hooks: f }, refused("hooks", "Invalid `hooks`: expected an object, got a function.")],
  ["hooks an unknown hook", { baseUrl: "https://api.example", hooks: { onSend: f } }, refused("hooks.onSend", "Invalid `hooks.onSend`: is not a hook; expected one of onRequest, onResponse, onRetry, onError.")],
  ["a hook not a function", { baseUrl: "https://api.example", hooks: { onError: "log" } }, refused("hooks.onError", "Invalid `hooks.onError`: expected a function, got the string \"log\".")],
  ["a long string", { baseUrl: "https://api.example", credentials: "x".repeat(80) }, refused("credentials", `Invalid \`credentials\`: expected "omit", "same-origin" or "include", got the string "${"x".repeat(64)}"… (80 characters).`)],
  // A Map's or a Headers' entries are no own keys: accepted, they would never be sent.
  ["a Map for headers", { baseUrl: "https://api.example", headers: new Map([["x-a", "1"]]) }, refused("headers", "Invalid `headers`: expected a plain object of header names to strings, got a Map.")],
  ["a Headers for headers", { baseUrl: "https://api.example", headers: new Headers({ "x-a": "1" }) }, refused("headers", "Invalid `headers`: expected a plain object of header names to strings, got a Headers.")],
  ["headers with no prototype", { baseUrl: "https://api.example", headers: Object.assign(Object.create(null), { "x-a": "1" }) }, null],
  // Names every object inherits are header names like any other, not reserved ones.
  ["headers named constructor and toString", { baseUrl: "https://api.example", headers: { constructor: "x", toString: "y", hasOwnProperty: "z" } }, null],
];

/** A row's expected refusal; `message` undefined: only the field is asserted. */
function refused(field, message) {
  return { kind: "validation", field, message };
}

/** `got` (an `outcome`) as a row's expectation `want` holds it: its message left out where `want` asserts none. */
export function asExpected(got, want) {
  return got !== null && want?.message === undefined ? { ...got, message: undefined } : got;
}

/** What constructing with `options` does: `null` when it is accepted, else the error's kind, field and message. */
export function outcome(construct) {
  try {
    construct();
    return null;
  } catch (e) {
    return { kind: e.kind, field: e.field, message: e.message };
  }
}
