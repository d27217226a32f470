// One table of bad inputs, each with the exact error it must give: kind
// "validation", the field by its path, and a message in JavaScript's words
// (what was expected, what was given). Plain ES module with no Node import,
// so that the Chromium suite runs the same rows (those marked `browser`).
//
// `call(api, TicketsApi)` makes the call; `api` was built with a fetch that
// fails the test if it is ever called (bad input never sends a request).

export const ID = "497f6eca-6276-4993-bfeb-53cbbbba6f08";
export const OPERATOR = "fa9de6bb-1df8-4ba6-9e6d-1172fbf7e166";
const INT_0_1000 = "an integer from 0 to 1000";
const INT_0 = "an integer of 0 or more";
const INT = "an integer";
const INT32_0 = "an integer from 0 to 2147483647";
const DATE_TIME = "an RFC 3339 date-time string (such as 2023-03-15T08:34:28Z) or a Date";
const STATES = 'one of "prepared", "pending", "in_progress", "outsourced", "closed", "cancelled"';
const THREW = "a property that threw when read";
const KEYS_THREW = "an object whose keys could not be listed (Object.keys threw)";
const PROTO_THREW = "an object whose prototype could not be read (Object.getPrototypeOf threw)";
const OTHER_PROTO = "an object whose prototype is not Object.prototype";
/** A Proxy already revoked: every operation on it throws a TypeError. */
export const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const TICKET_QUERY_KEYS =
  "cancel_reason_id, created_after, created_before, customer_connector_id, customer_id, external_reference, externally_processed, finished_after, finished_before, limit, offset, operator_id, sort_by, source_provider_id, state, ticket_number, updated_after, updated_before, vehicle_model_id, vin, voucher_code";

const row = (name, call, field, reason, browser = false) => ({
  name,
  call,
  field,
  message: `Invalid \`${field}\`: ${reason}.`,
  browser,
});

export const badInputs = [
  // The first table: what JSON.stringify used to destroy.
  row("cancel_reason_id NaN (a form's Number(\"abc\"))", (a) => a.cancel(ID, { cancel_reason_id: NaN }), "transition.cancel_reason_id", `expected ${INT32_0}, got NaN`, true),
  row("limit 1.5", (a) => a.listTickets({ limit: 1.5 }), "limit", `expected ${INT_0_1000}, got 1.5`, true),
  row("limit Infinity", (a) => a.listTickets({ limit: Infinity }), "limit", `expected ${INT_0_1000}, got Infinity`, true),
  row("limit -Infinity", (a) => a.listTickets({ limit: -Infinity }), "limit", `expected ${INT_0_1000}, got -Infinity`),
  row("an invalid Date", (a) => a.listTickets({ created_after: new Date("x") }), "created_after", `expected ${DATE_TIME}, got an invalid Date`, true),
  row("a Date after the year 9999", (a) => a.listTickets({ created_after: new Date(8.64e15) }), "created_after", `expected ${DATE_TIME}, got a Date outside the years 0000 to 9999, which RFC 3339 cannot write (+275760-09-13T00:00:00.000Z)`, true),
  row("a Date before the year 0", (a) => a.listTickets({ created_before: new Date(Date.UTC(-1, 0, 1)) }), "created_before", `expected ${DATE_TIME}, got a Date outside the years 0000 to 9999, which RFC 3339 cannot write (-000001-01-01T00:00:00.000Z)`),
  row("a BigInt", (a) => a.listTickets({ ticket_number: 2n }), "ticket_number", `expected ${INT}, got the BigInt 2n`, true),
  row("update without operator_id", (a) => a.updateInProgressTicket(ID, { voucher_code: "AB12" }), "operator_id", "required, but missing", true),
  // Numbers.
  row("limit a numeric string", (a) => a.listTickets({ limit: "10" }), "limit", `expected ${INT_0_1000}, got the string "10"`),
  row("limit null", (a) => a.listTickets({ limit: null }), "limit", `expected ${INT_0_1000}, got null (leave the field out to not send it)`, true),
  row("limit above 1000", (a) => a.listTickets({ limit: 1001 }), "limit", `expected ${INT_0_1000}, got 1001`),
  row("limit negative", (a) => a.listTickets({ limit: -1 }), "limit", `expected ${INT_0_1000}, got -1`),
  row("offset beyond MAX_SAFE_INTEGER", (a) => a.listTickets({ offset: 2 ** 53 }), "offset", `expected ${INT_0}, got 9007199254740992`),
  row("limit true", (a) => a.listTickets({ limit: true }), "limit", `expected ${INT_0_1000}, got true`),
  row("limit an array", (a) => a.listTickets({ limit: [10] }), "limit", `expected ${INT_0_1000}, got an array`),
  row("limit an object", (a) => a.listTickets({ limit: {} }), "limit", `expected ${INT_0_1000}, got an object`),
  row("limit a function", (a) => a.listTickets({ limit: () => 10 }), "limit", `expected ${INT_0_1000}, got a function`),
  row("ticket_number a Date", (a) => a.listTickets({ ticket_number: new Date(0) }), "ticket_number", `expected ${INT}, got a Date`),
  row("in-progress ticket_number 1e21", (a) => a.listInProgressTickets({ ticket_number: 1e21 }), "ticket_number", `expected ${INT}, got 1e+21`),
  // Arrays.
  row("state a string", (a) => a.listTickets({ state: "pending" }), "state", 'expected a non-empty array of ticket states, got the string "pending"', true),
  row("state empty", (a) => a.listTickets({ state: [] }), "state", "expected a non-empty array, got an empty array"),
  row("state repeated", (a) => a.listTickets({ state: ["pending", "pending"] }), "state[1]", "expected items that appear once each, got one that appeared before"),
  row("state unknown", (a) => a.listTickets({ state: ["done"] }), "state[0]", `expected ${STATES}, got the string "done"`),
  row("state a number", (a) => a.listTickets({ state: ["pending", 1] }), "state[1]", `expected ${STATES}, got 1`),
  row("state undefined item", (a) => a.listTickets({ state: ["pending", undefined] }), "state[1]", `expected ${STATES}, got undefined`),
  // 10^8 values if read whole: the SDK reads at most 100,000 of one input, then refuses by the first bad field.
  row("state nested arrays of 10^8 items", (a) => a.listTickets({ state: Array(1e4).fill(Array(1e4).fill(0)) }), "state[0]", `expected ${STATES}, got an array`),
  row("cancel_reason_id item 1.5", (a) => a.listTickets({ cancel_reason_id: [1, 1.5] }), "cancel_reason_id[1]", `expected ${INT}, got 1.5`),
  row("cancel_reason_id a number", (a) => a.listTickets({ cancel_reason_id: 1 }), "cancel_reason_id", "expected a non-empty array of integers, got 1"),
  row("cancel_reason_id a Set", (a) => a.listTickets({ cancel_reason_id: new Set([1]) }), "cancel_reason_id", "expected a non-empty array of integers, got a Set"),
  // Strings and formats.
  row("created_after not a date-time", (a) => a.listTickets({ created_after: "yesterday" }), "created_after", `expected ${DATE_TIME}, got the string "yesterday"`),
  row("created_after a space for T", (a) => a.listTickets({ created_after: "2023-03-15 08:34:28Z" }), "created_after", `expected ${DATE_TIME}, got the string "2023-03-15 08:34:28Z"`),
  row("created_after epoch milliseconds", (a) => a.listTickets({ created_after: 1700000000000 }), "created_after", `expected ${DATE_TIME}, got 1700000000000`),
  row("customer_id not a UUID", (a) => a.listTickets({ customer_id: "abc" }), "customer_id", 'expected a UUID string, got the string "abc"'),
  row("customer_id a number", (a) => a.listTickets({ customer_id: 5 }), "customer_id", "expected a UUID string, got 5"),
  row("externally_processed a string", (a) => a.listTickets({ externally_processed: "yes" }), "externally_processed", 'expected true or false, got the string "yes"'),
  row("vin too short", (a) => a.listTickets({ vin: "SHORT" }), "vin", 'expected a VIN string of exactly 17 characters, got the string "SHORT"'),
  row("vin null", (a) => a.listTickets({ vin: null }), "vin", "expected a VIN string of exactly 17 characters, got null (leave the field out to not send it)"),
  row("voucher_code empty", (a) => a.listTickets({ voucher_code: "" }), "voucher_code", "expected a non-empty string, got the empty string"),
  // sort_by.
  row("sort_by direction", (a) => a.listTickets({ sort_by: { created_at: "up" } }), "sort_by.created_at", 'expected "asc" or "desc", got the string "up"', true),
  row("sort_by unknown field", (a) => a.listTickets({ sort_by: { colour: "asc" } }), "sort_by.colour", 'expected a sortable ticket field (created_at, updated_at, ticket_number, finished_at, assigned_at, vehicle_model_id), got the key "colour"'),
  row("sort_by empty", (a) => a.listTickets({ sort_by: {} }), "sort_by", 'expected at least one field, such as { created_at: "desc" }, got an empty object'),
  row("sort_by a string", (a) => a.listTickets({ sort_by: "created_at" }), "sort_by", 'expected an object such as { created_at: "desc" }, got the string "created_at"'),
  // The query itself.
  row("an unknown query key", (a) => a.listTickets({ stat: ["pending"] }), "stat", `is not a ticket query parameter; expected one of ${TICKET_QUERY_KEYS}`, true),
  row("query a string", (a) => a.listTickets("pending"), "query", 'expected an object, got the string "pending"'),
  row("query null", (a) => a.listTickets(null), "query", "expected an object, got null"),
  row("query an array", (a) => a.listTickets([]), "query", "expected an object, got an array"),
  row("query a Map", (a) => a.listTickets(new Map([["limit", 1]])), "query", "expected an object, got a Map"),
  row("in-progress query unknown key", (a) => a.listInProgressTickets({ state: ["pending"] }), "state", "is not an in-progress ticket query parameter; expected one of limit, offset, ticket_number"),
  // Ids.
  row("ticketId a number", (a) => a.getTicket(42), "ticketId", "expected a UUID string, got 42", true),
  row("ticketId a path", (a) => a.getTicket("../admin"), "ticketId", 'expected a UUID string, got the string "../admin"'),
  row("id undefined", (a) => a.getInProgressTicket(undefined), "id", "expected a UUID string, got undefined"),
  // The update.
  row("update operator_id a number", (a) => a.updateInProgressTicket(ID, { operator_id: 5 }), "operator_id", "expected a UUID string, got 5"),
  row("update vehicle_model_id 1.5", (a) => a.updateInProgressTicket(ID, { operator_id: OPERATOR, vehicle_model_id: 1.5 }), "vehicle_model_id", `expected ${INT}, got 1.5`),
  row("update voucher_code lower case", (a) => a.updateInProgressTicket(ID, { operator_id: OPERATOR, voucher_code: "ab12" }), "voucher_code", 'expected a voucher code string of 4 to 8 characters of A-Z and 0-9, got the string "ab12"'),
  row("update unknown key", (a) => a.updateInProgressTicket(ID, { operator_id: OPERATOR, notes: "x" }), "notes", "is not a field of an in-progress ticket update; expected one of operator_id, customer_id, vehicle_model_id, vin, voucher_code"),
  row("update missing", (a) => a.updateInProgressTicket(ID), "update", 'expected an object such as { operator_id: "…" }, got undefined'),
  // Transitions.
  row("transition type unknown", (a) => a.transitionInProgressTicket(ID, { type: "reopen" }), "transition.type", 'expected "outsource", "complete" or "cancel", got the string "reopen"', true),
  row("transition type missing", (a) => a.transitionInProgressTicket(ID, {}), "transition.type", 'required, but missing: "outsource", "complete" or "cancel"'),
  row("transition type a number", (a) => a.transitionInProgressTicket(ID, { type: 1 }), "transition.type", 'expected "outsource", "complete" or "cancel", got 1'),
  row("transition a string", (a) => a.transitionInProgressTicket(ID, "complete"), "transition", 'expected an object such as { type: "complete" }, got the string "complete"'),
  row("outsource without product_ids", (a) => a.outsource(ID, { provider_id: OPERATOR }), "transition.product_ids", "required, but missing", true),
  row("outsource without provider_id", (a) => a.outsource(ID, { product_ids: [OPERATOR] }), "transition.provider_id", "required, but missing"),
  row("outsource product_ids empty", (a) => a.outsource(ID, { product_ids: [], provider_id: OPERATOR }), "transition.product_ids", "expected a non-empty array, got an empty array"),
  row("outsource product_ids item", (a) => a.outsource(ID, { product_ids: [OPERATOR, "x"], provider_id: OPERATOR }), "transition.product_ids[1]", 'expected a UUID string, got the string "x"'),
  row("outsource flag a string", (a) => a.outsource(ID, { product_ids: [OPERATOR], provider_id: OPERATOR, share_customer_information: "yes" }), "transition.share_customer_information", 'expected true or false, got the string "yes"'),
  row("outsource with another type", (a) => a.outsource(ID, { type: "cancel", product_ids: [OPERATOR], provider_id: OPERATOR }), "transition.type", 'expected "outsource" here, or leave it out, got the string "cancel"'),
  row("outsource unknown key", (a) => a.outsource(ID, { product_ids: [OPERATOR], provider_id: OPERATOR, note: 1 }), "transition.note", "is not a field of an outsource transition; expected one of product_ids, provider_id, allow_customer_chat_write_access, share_customer_information"),
  row("cancel without fields", (a) => a.cancel(ID), "transition", "expected an object such as { cancel_reason_id: 1 }, got undefined"),
  row("cancel negative reason", (a) => a.cancel(ID, { cancel_reason_id: -1 }), "transition.cancel_reason_id", `expected ${INT32_0}, got -1`),
  row("cancel reason a BigInt", (a) => a.cancel(ID, { cancel_reason_id: 1n }), "transition.cancel_reason_id", `expected ${INT32_0}, got the BigInt 1n`),
  row("cancel reason a string", (a) => a.cancel(ID, { cancel_reason_id: "3" }), "transition.cancel_reason_id", `expected ${INT32_0}, got the string "3"`),
  row("complete with a field", (a) => a.transitionInProgressTicket(ID, { type: "complete", reason: 1 }), "transition.reason", "is not a field of a complete transition; this input takes no fields"),
  // Hostile and odd objects: what throws when read is refused by its field,
  // never left out (a filter silently dropped) nor thrown raw through the module.
  row("a getter that throws on a filter", (a) => a.listTickets({ get state() { throw new Error("x"); }, limit: 5 }), "state", `expected a non-empty array of ticket states, got ${THREW}`, true),
  row("a getter that throws on a required field", (a) => a.updateInProgressTicket(ID, { get operator_id() { throw new Error("x"); } }), "operator_id", `expected a UUID string, got ${THREW}`),
  row("a getter that throws on cancel_reason_id", (a) => a.cancel(ID, { get cancel_reason_id() { throw new Error("x"); } }), "transition.cancel_reason_id", `expected ${INT32_0}, got ${THREW}`),
  row("a getter that throws on a transition's type", (a) => a.transitionInProgressTicket(ID, { get type() { throw new Error("x"); } }), "transition.type", `expected "outsource", "complete" or "cancel", got ${THREW}`),
  row("a Proxy whose get trap throws", (a) => a.listTickets(new Proxy({ limit: 5 }, { get() { throw new Error("x"); } })), "limit", `expected ${INT_0_1000}, got ${THREW}`),
  row("an array item whose getter throws", (a) => a.listTickets({ state: Object.defineProperty([], 0, { get() { throw 1; } }) }), "state[0]", `expected ${STATES}, got ${THREW}`, true),
  row("an array Proxy whose length throws", (a) => a.listTickets({ state: new Proxy([], { get(t, k) { if (k === "length") throw 1; return t[k]; } }) }), "state", "expected a non-empty array of ticket states, got an array whose length threw when read"),
  row("an array of 2 ** 32 - 1 items", (a) => a.listTickets({ cancel_reason_id: new Array(2 ** 32 - 1) }), "cancel_reason_id", "expected a non-empty array of integers, got an array whose length is 4294967295 (the SDK reads at most 10000 items)"),
  row("query a revoked Proxy", (a) => a.listTickets(revoked()), "query", "expected an object, got a revoked Proxy", true),
  row("sort_by a revoked Proxy", (a) => a.listTickets({ sort_by: revoked() }), "sort_by", 'expected an object such as { created_at: "desc" }, got a revoked Proxy'),
  row("transition a revoked Proxy", (a) => a.transitionInProgressTicket(ID, revoked()), "transition", 'expected an object such as { type: "complete" }, got a revoked Proxy'),
  row("update a revoked Proxy", (a) => a.updateInProgressTicket(ID, revoked()), "update", "expected an object, got a revoked Proxy"),
  row("query a Proxy whose ownKeys throws", (a) => a.listTickets(new Proxy({}, { ownKeys() { throw new Error("k"); } })), "query", `expected an object, got ${KEYS_THREW}`),
  row("sort_by a Proxy whose ownKeys throws", (a) => a.listTickets({ sort_by: new Proxy({}, { ownKeys() { throw new Error("k"); } }) }), "sort_by", `expected an object such as { created_at: "desc" }, got ${KEYS_THREW}`),
  row("query a Proxy whose getPrototypeOf throws", (a) => a.listTickets(new Proxy({}, { getPrototypeOf() { throw new Error("p"); } })), "query", `expected an object, got ${PROTO_THREW}`),
  row("sort_by a Proxy whose getPrototypeOf throws", (a) => a.listTickets({ sort_by: new Proxy({}, { getPrototypeOf() { throw new Error("p"); } }) }), "sort_by", `expected an object such as { created_at: "desc" }, got ${PROTO_THREW}`),
  row("query with another prototype", (a) => a.listTickets({ __proto__: { limit: 5 } }), "query", `expected an object, got ${OTHER_PROTO}`, true),
  row("query with a null-prototype prototype", (a) => a.listTickets(Object.create(Object.create(Object.create(null)))), "query", `expected an object, got ${OTHER_PROTO}`),
  row("created_after a fake Date", (a) => a.listTickets({ created_after: Object.create(Date.prototype) }), "created_after", `expected ${DATE_TIME}, got an object that inherits from Date.prototype but is not a Date`),
  row("a call option whose getter throws", (a) => a.listTickets({}, { get timeoutMs() { throw new Error("x"); } }), "options.timeoutMs", "reading it threw (a getter or a Proxy trap), so it cannot be checked"),
  // The same through the iterators, which copy the query page after page.
  row("tickets() a getter that throws", (a) => a.tickets({ get state() { throw new Error("x"); } }).next(), "state", `expected a non-empty array of ticket states, got ${THREW}`, true),
  row("tickets() offset a getter that throws", (a) => a.tickets({ get offset() { throw new Error("x"); } }).next(), "offset", `expected ${INT_0}, got ${THREW}`),
  row("tickets() a revoked Proxy", (a) => a.tickets(revoked()).next(), "query", "expected an object, got a revoked Proxy"),
  row("tickets() an inherited filter", (a) => a.tickets(Object.create({ state: ["closed"] })).next(), "query", `expected an object, got ${OTHER_PROTO}`),
  row("tickets() a Map", (a) => a.tickets(new Map([["state", ["closed"]]])).next(), "query", "expected an object, got a Map"),
  row("inProgressTickets() a Proxy whose ownKeys throws", (a) => a.inProgressTickets(new Proxy({}, { ownKeys() { throw new Error("k"); } })).next(), "query", `expected an object, got ${KEYS_THREW}`),
  // Call options.
  row("timeoutMs negative", (a) => a.listTickets({}, { timeoutMs: -1 }), "options.timeoutMs", "expected an integer from 0 to 2147483647, got -1", true),
  row("timeoutMs NaN", (a) => a.listTickets({}, { timeoutMs: NaN }), "options.timeoutMs", "expected an integer from 0 to 2147483647, got NaN"),
  row("an unknown call option", (a) => a.listTickets({}, { timeout: 5 }), "options.timeout", "is not a call option; expected one of signal, timeoutMs, retry"),
  row("signal not a signal", (a) => a.listTickets({}, { signal: "x" }), "options.signal", 'expected an AbortSignal, got the string "x"'),
  row("call options a string", (a) => a.listTickets({}, "fast"), "options", 'expected an object, got the string "fast"'),
];

/** Constructor options: thrown synchronously once the module is loaded. */
export const badOptions = [
  row("baseUrl a number", (_a, T) => new T({ baseUrl: 5 }), "baseUrl", "expected an absolute http:// or https:// URL string, got 5", true),
  // A host the runtime's URL parser refuses (a config placeholder) would make every call a retried network error.
  row("baseUrl with a placeholder host", (_a, T) => new T({ baseUrl: "https://<host>" }), "baseUrl", 'is not a URL that fetch can send to (check its host), got "https://<host>"'),
  row("baseUrl with an IPv4 host out of range", (_a, T) => new T({ baseUrl: "http://10.0.0.256/api" }), "baseUrl", 'is not a URL that fetch can send to (check its host), got "http://10.0.0.256/api"'),
  row("timeoutMs 1.5", (_a, T) => new T({ baseUrl: "https://api.example", timeoutMs: 1.5 }), "timeoutMs", "expected an integer from 0 to 2147483647, got 1.5"),
  row("retry a string", (_a, T) => new T({ baseUrl: "https://api.example", retry: "yes" }), "retry", 'expected false or an object such as { limit: 2 }, got the string "yes"'),
  row("accessToken a number", (_a, T) => new T({ baseUrl: "https://api.example", accessToken: 5 }), "accessToken", "expected a string or a function returning one, got 5"),
  row("options null", (_a, T) => new T(null), "options", 'expected an object such as { baseUrl: "https://…" }, got null'),
];

/** Rust and serde words that must never reach a caller. */
export const RUST_WORDS =
  /\b(i8|i16|i32|i64|i128|u8|u16|u32|u64|u128|f32|f64|usize|isize|struct|sequence|map|invalid type|floating point|serde|Option|Vec|String|JsValue|unit value|newtype|variant|EOF)\b/;
