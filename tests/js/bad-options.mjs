// Constructor options the SDK refuses, and some it accepts: one table for the
// module's check (after loading) and the facade's JavaScript check (before).
const f = () => {};
export const optionRows = [
  ["not an object", null],
  ["a string", "https://api.example"],
  ["an array", []],
  ["an unknown option", { baseUrl: "https://api.example", base_url: "x" }],
  ["no baseUrl", {}],
  ["baseUrl a URL object", { baseUrl: new URL("https://api.example") }],
  ["baseUrl an object with a prototype of its own", { baseUrl: Object.create({ href: "https://api.example" }) }],
  ["baseUrl a URL behind a Proxy whose get trap throws", { baseUrl: new Proxy(new URL("https://api.example"), { get() { throw new Error("no"); } }) }],
  ["baseUrl relative", { baseUrl: "/api" }],
  ["baseUrl ftp", { baseUrl: "ftp://api.example" }],
  ["baseUrl without host", { baseUrl: "https:///v2" }],
  ["baseUrl with credentials", { baseUrl: "https://user:pw@api.example" }],
  ["baseUrl with a query", { baseUrl: "https://api.example/?a=1" }],
  ["baseUrl with a space", { baseUrl: "https://api.example/a b" }],
  ["baseUrl with a non-ASCII host", { baseUrl: "https://bücher.example" }],
  ["baseUrl with a non-ASCII path", { baseUrl: "https://api.example/prøxy" }],
  ["baseUrl upper-case scheme and trailing slashes", { baseUrl: "HTTPS://API.example//" }],
  // A port fetch cannot parse (or never reaches) would make every call a retryable network error.
  ["baseUrl with port 99999", { baseUrl: "https://a.test:99999" }],
  ["baseUrl with port 65536 and a path", { baseUrl: "https://a.test:65536/api" }],
  ["baseUrl with port 0", { baseUrl: "https://a.test:0" }],
  ["baseUrl with a port of letters", { baseUrl: "https://a.test:https" }],
  ["baseUrl with an empty port", { baseUrl: "https://a.test:/" }],
  ["baseUrl with two ports", { baseUrl: "https://a.test:80:80" }],
  ["baseUrl with a port but no host", { baseUrl: "https://:443" }],
  ["baseUrl IPv6 with a bad port", { baseUrl: "http://[::1]:x" }],
  ["baseUrl with a placeholder host", { baseUrl: "https://<host>" }],
  ["baseUrl with an IPv4 host out of range", { baseUrl: "https://999.1.1.1" }],
  ["baseUrl with a bracket after the host", { baseUrl: "https://api.example.com>" }],
  ["baseUrl IPv6 with a port", { baseUrl: "http://[::1]:8080/api" }],
  ["baseUrl with port 65535 and leading zeros", { baseUrl: "https://a.test:065535" }],
  ["accessToken empty", { baseUrl: "https://api.example", accessToken: "" }],
  ["accessToken a number", { baseUrl: "https://api.example", accessToken: 42 }],
  ["accessToken a function", { baseUrl: "https://api.example", accessToken: f }],
  // A static token is held to the rule every call applies to the token it sends.
  ["accessToken not ASCII", { baseUrl: "https://api.example", accessToken: "é" }],
  ["accessToken with a line break", { baseUrl: "https://api.example", accessToken: "tok\n" }],
  ["accessToken with a space at the end", { baseUrl: "https://api.example", accessToken: "tok " }],
  ["accessToken with a space inside", { baseUrl: "https://api.example", accessToken: "tok en" }],
  ["apiKey a number", { baseUrl: "https://api.example", apiKey: 7 }],
  ["apiKey empty", { baseUrl: "https://api.example", apiKey: "" }],
  ["apiKey with a line break", { baseUrl: "https://api.example", apiKey: "key\nx" }],
  ["apiKey not ASCII", { baseUrl: "https://api.example", apiKey: "é" }],
  ["apiKey with a space at the start", { baseUrl: "https://api.example", apiKey: " key" }],
  ["headers an array", { baseUrl: "https://api.example", headers: [] }],
  ["a header not a string", { baseUrl: "https://api.example", headers: { "x-a": 1 } }],
  ["a header name with a space", { baseUrl: "https://api.example", headers: { "x a": "1" } }],
  // Quoted alike by both: control characters escaped, zero-width and combining characters kept.
  ["a header name with a zero-width space, a combining accent and a tab", { baseUrl: "https://api.example", headers: { "x\u200b\u0301\ta": "1" } }],
  ["the authorization header", { baseUrl: "https://api.example", headers: { Authorization: "Bearer x" } }],
  ["a header value with a line break", { baseUrl: "https://api.example", headers: { "x-a": "1\r\n2" } }],
  ["good headers", { baseUrl: "https://api.example", headers: { "x-portal": "42" } }],
  // Header values fetch cannot send as they are.
  ["a header value with a control character", { baseUrl: "https://api.example", headers: { "x-a": "a\x01b" } }],
  ["a header value with DEL", { baseUrl: "https://api.example", headers: { "x-a": "a\x7f" } }],
  ["a header value with an emoji", { baseUrl: "https://api.example", headers: { "x-a": "😀" } }],
  ["a header value with an emoji, then a control character", { baseUrl: "https://api.example", headers: { "x-a": "😀😀\x01" } }],
  ["a header value with a Latin-1 letter", { baseUrl: "https://api.example", headers: { "x-a": "caf\u00e9" } }],
  ["a header value with a lone surrogate", { baseUrl: "https://api.example", headers: { "x-a": "a\ud800b" } }],
  ["a header value with a space at the end", { baseUrl: "https://api.example", headers: { "x-a": "a " } }],
  ["a header value with a tab at the start", { baseUrl: "https://api.example", headers: { "x-a": "\ta" } }],
  ["a header value with tabs and spaces inside, and an empty one", { baseUrl: "https://api.example", headers: { "x-a": "a\tb c~", "x-b": "" } }],
  ["fetch a string", { baseUrl: "https://api.example", fetch: "fetch" }],
  ["timeoutMs negative", { baseUrl: "https://api.example", timeoutMs: -1 }],
  ["timeoutMs 1.5", { baseUrl: "https://api.example", timeoutMs: 1.5 }],
  ["timeoutMs too large", { baseUrl: "https://api.example", timeoutMs: 2 ** 31 }],
  ["retry a number", { baseUrl: "https://api.example", retry: 3 }],
  ["retry an unknown key", { baseUrl: "https://api.example", retry: { limits: 3 } }],
  ["retry limit 11", { baseUrl: "https://api.example", retry: { limit: 11 } }],
  ["retry false", { baseUrl: "https://api.example", retry: false }],
  ["credentials wrong", { baseUrl: "https://api.example", credentials: "all" }],
  ["redirect wrong", { baseUrl: "https://api.example", redirect: "error" }],
  ["hooks a function", { baseUrl: "https://api.example", hooks: f }],
  ["hooks an unknown hook", { baseUrl: "https://api.example", hooks: { onSend: f } }],
  ["a hook not a function", { baseUrl: "https://api.example", hooks: { onError: "log" } }],
  ["a long string", { baseUrl: "https://api.example", credentials: "x".repeat(80) }],
  ["a Map for headers", { baseUrl: "https://api.example", headers: new Map() }],
];

/** What constructing with `options` does: `null` when it is accepted, else the error's kind, field and message. */
export function outcome(construct) {
  try {
    construct();
    return null;
  } catch (e) {
    return { kind: e.kind, field: e.field, message: e.message };
  }
}
