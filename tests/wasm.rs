//! wasm-bindgen tests of the binding itself, in headless Chromium and in Node
//! (`wasm-pack test --headless --chrome`, `wasm-pack test --node`): what the
//! `TicketsApi` methods hand the package's JavaScript transport (the request
//! of each attempt) and what their `Call` makes of answers and failures. The
//! transport itself is tested through the package (tests/js).
#![cfg(target_arch = "wasm32")]

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use jifeline_tickets::{AttemptFailure, Call, CallStep, TicketsApi};

const TICKET: &str = include_str!("../core/tests/fixtures/ticket.json");
const ID: &str = "497f6eca-6276-4993-bfeb-53cbbbba6f08";

fn api() -> TicketsApi {
    let options = js_sys::Object::new();
    Reflect::set(&options, &"baseUrl".into(), &"https://api.example/".into()).unwrap();
    Reflect::set(&options, &"accessToken".into(), &"wasm-token".into()).unwrap();
    Reflect::set(&options, &"retry".into(), &JsValue::FALSE).unwrap();
    TicketsApi::new(options.into()).unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn text(v: &JsValue, key: &str) -> Option<String> {
    get(v, key).as_string()
}

fn get_ticket() -> Call {
    api().get_ticket(ID.into(), JsValue::UNDEFINED).unwrap()
}

fn answer(call: &mut Call, status: u16, content_type: &str, body: &str) -> CallStep {
    call.answered(
        status as f64,
        Some(content_type.into()),
        None,
        None,
        None,
        false,
        body.as_bytes(),
        JsValue::UNDEFINED,
        js_sys::Date::now(),
        0.5,
    )
}

#[wasm_bindgen_test]
fn get_ticket_builds_the_exact_request_and_accepts_the_ticket() {
    let api = api();
    let headers = api.headers();
    assert_eq!(headers.length(), 1, "no token or key among the fixed headers");
    let accept: js_sys::Array = headers.get(0).unchecked_into();
    assert_eq!(accept.get(0).as_string().as_deref(), Some("accept"));
    assert_eq!(accept.get(1).as_string().as_deref(), Some("application/json"));
    let mut call = api.get_ticket(ID.into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(
        call.request(Some("wasm-token".into())).as_deref(),
        Ok("https://api.example/v2/tickets/tickets/497f6eca-6276-4993-bfeb-53cbbbba6f08")
    );
    assert_eq!(call.body(), None);
    assert_eq!(answer(&mut call, 200, "application/json", TICKET), CallStep::Value);
}

#[wasm_bindgen_test]
fn a_token_that_cannot_be_a_header_ends_the_call_before_sending() {
    let mut call = get_ticket();
    let step = call.request(Some("SECRET\nTOKEN".into()));
    assert_eq!(step, Err(CallStep::Fail));
    let e = call.error();
    assert_eq!(text(&e, "field").as_deref(), Some("accessToken"));
    let message = text(&e, "message").unwrap();
    assert!(!message.contains("SECRET"), "the token is never quoted: {message}");
}

#[wasm_bindgen_test]
fn a_transition_s_body_is_json() {
    let transition = js_sys::JSON::parse(r#"{"type": "cancel", "cancel_reason_id": 3}"#).unwrap();
    let call = api()
        .transition_in_progress_ticket(ID.into(), transition, JsValue::UNDEFINED)
        .unwrap();
    assert_eq!(
        call.body().as_deref(),
        Some(r#"{"transition":{"type":"cancel","cancel_reason_id":3}}"#)
    );
}

#[wasm_bindgen_test]
fn bad_input_throws_a_validation_error_before_any_request_exists() {
    let query = js_sys::JSON::parse(r#"{"limit": 1001}"#).unwrap();
    let e = api().list_tickets(query, JsValue::UNDEFINED).unwrap_err();
    assert_eq!(text(&e, "name").as_deref(), Some("JifelineError"));
    assert_eq!(text(&e, "kind").as_deref(), Some("validation"));
    assert_eq!(text(&e, "field").as_deref(), Some("limit"));
    assert_eq!(
        text(&e, "message").as_deref(),
        Some("Invalid `limit`: expected an integer from 0 to 1000, got 1001.")
    );
    assert!(e.is_instance_of::<js_sys::Error>());
}

/// A JavaScript value from its source text (getters, Proxies, odd prototypes).
fn js(source: &str) -> JsValue {
    js_sys::Function::new_no_args(&format!("return {source};"))
        .call0(&JsValue::NULL)
        .unwrap()
}

/// The validation error's field and message (the method returned `Err`: a
/// `JifelineError`, not a JavaScript exception thrown through the module).
fn refused(result: Result<Call, JsValue>) -> (String, String) {
    let e = result.expect_err("refused before sending");
    assert_eq!(text(&e, "name").as_deref(), Some("JifelineError"));
    assert_eq!(text(&e, "kind").as_deref(), Some("validation"));
    (text(&e, "field").unwrap(), text(&e, "message").unwrap())
}

#[wasm_bindgen_test]
fn what_throws_when_read_is_refused_by_its_field_never_thrown_through_the_module() {
    const REVOKED: &str = "(() => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; })()";
    const THREW: &str = "a property that threw when read";
    let api = api();
    let list = |source: &str| refused(api.list_tickets(js(source), JsValue::UNDEFINED));
    let cases = [
        (
            list(r#"{ get state() { throw new Error("x"); }, limit: 5 }"#),
            "state",
            format!("expected a non-empty array of ticket states, got {THREW}"),
        ),
        (
            list(r#"new Proxy({ limit: 5 }, { get() { throw new Error("x"); } })"#),
            "limit",
            format!("expected an integer from 0 to 1000, got {THREW}"),
        ),
        (
            list("{ state: Object.defineProperty([], 0, { get() { throw 1; } }) }"),
            "state[0]",
            format!(
                "expected one of \"prepared\", \"pending\", \"in_progress\", \"outsourced\", \"closed\", \"cancelled\", got {THREW}"
            ),
        ),
        (
            list(REVOKED),
            "query",
            "expected an object, got a revoked Proxy".to_owned(),
        ),
        (
            list(&format!("{{ sort_by: {REVOKED} }}")),
            "sort_by",
            "expected an object such as { created_at: \"desc\" }, got a revoked Proxy".to_owned(),
        ),
        (
            list(r#"new Proxy({}, { ownKeys() { throw new Error("k"); } })"#),
            "query",
            "expected an object, got an object whose keys could not be listed (Object.keys threw)".to_owned(),
        ),
        (
            list(r#"new Proxy({}, { getPrototypeOf() { throw new Error("p"); } })"#),
            "query",
            "expected an object, got an object whose prototype could not be read (Object.getPrototypeOf threw)"
                .to_owned(),
        ),
        (
            list("{ __proto__: { limit: 5 } }"),
            "query",
            "expected an object, got an object whose prototype is not Object.prototype".to_owned(),
        ),
        (
            list("{ created_after: Object.create(Date.prototype) }"),
            "created_after",
            "expected an RFC 3339 date-time string (such as 2023-03-15T08:34:28Z) or a Date, got an object that inherits from Date.prototype but is not a Date".to_owned(),
        ),
        (
            refused(api.update_in_progress_ticket(
                ID.into(),
                js(r#"{ get operator_id() { throw new Error("x"); } }"#),
                JsValue::UNDEFINED,
            )),
            "operator_id",
            format!("expected a UUID string, got {THREW}"),
        ),
        (
            refused(api.cancel(
                ID.into(),
                js(r#"{ get cancel_reason_id() { throw new Error("x"); } }"#),
                JsValue::UNDEFINED,
            )),
            "transition.cancel_reason_id",
            format!("expected an integer from 0 to 2147483647, got {THREW}"),
        ),
        (
            refused(api.transition_in_progress_ticket(ID.into(), js(REVOKED), JsValue::UNDEFINED)),
            "transition",
            "expected an object such as { type: \"complete\" }, got a revoked Proxy".to_owned(),
        ),
        (
            refused(api.list_tickets(
                js("{}"),
                js(r#"{ get timeoutMs() { throw new Error("x"); } }"#),
            )),
            "options.timeoutMs",
            format!("expected an integer from 0 to 2147483647, got {THREW}"),
        ),
    ];
    for ((field, message), want_field, want) in cases {
        assert_eq!(field, want_field);
        assert_eq!(message, format!("Invalid `{want_field}`: {want}."));
    }
    // The same client goes on: a valid call right after is built as it should be.
    let mut call = api.list_tickets(js("{ limit: 5 }"), JsValue::UNDEFINED).unwrap();
    assert_eq!(
        call.request(Some("wasm-token".into())).as_deref(),
        Ok("https://api.example/v2/tickets/tickets?limit=5")
    );
}

#[wasm_bindgen_test]
fn problem_json_ends_the_call_with_an_http_error_naming_the_request() {
    let mut call = get_ticket();
    call.request(Some("wasm-token".into())).unwrap();
    let step = answer(
        &mut call,
        404,
        "application/problem+json",
        r#"{"type":"about:blank","title":"Not Found","status":404}"#,
    );
    assert_eq!(step, CallStep::Fail);
    let e = call.error();
    assert_eq!(text(&e, "kind").as_deref(), Some("http"));
    assert_eq!(get(&e, "status").as_f64(), Some(404.0));
    assert_eq!(text(&get(&e, "problem"), "title").as_deref(), Some("Not Found"));
    assert_eq!(text(&e, "method").as_deref(), Some("GET"));
    assert_eq!(
        text(&e, "url").as_deref(),
        Some("https://api.example/v2/tickets/tickets/497f6eca-6276-4993-bfeb-53cbbbba6f08")
    );
}

#[wasm_bindgen_test]
fn whatever_fetch_throws_or_resolves_to_is_a_network_error_not_a_panic() {
    let mut call = get_ticket();
    call.request(Some("wasm-token".into())).unwrap();
    assert_eq!(
        call.failed(AttemptFailure::Network(JsValue::from(42)), 0.0, 0.5),
        CallStep::Fail
    );
    let e = call.error();
    assert_eq!(text(&e, "kind").as_deref(), Some("network"));
    assert_eq!(get(&e, "cause").as_f64(), Some(42.0));
    let mut call = get_ticket();
    call.request(Some("wasm-token".into())).unwrap();
    assert_eq!(
        call.failed(AttemptFailure::NotAResponse("not a response".into()), 0.0, 0.5),
        CallStep::Fail
    );
    let message = text(&call.error(), "message").unwrap();
    assert!(
        message.contains("the fetch function resolved to the string \"not a response\", not a Response"),
        "{message}"
    );
    // An answer with an absurd status is no panic either, and the module still works.
    let mut call = get_ticket();
    call.request(Some("wasm-token".into())).unwrap();
    let step = call.answered(
        1e12,
        None,
        None,
        None,
        None,
        false,
        b"",
        JsValue::UNDEFINED,
        f64::NAN,
        f64::NAN,
    );
    assert_eq!(step, CallStep::Fail);
    let mut call = get_ticket();
    call.request(Some("wasm-token".into())).unwrap();
    assert_eq!(answer(&mut call, 200, "application/json", TICKET), CallStep::Value);
}

/// The response check's fast path is compiled with WebAssembly SIMD here
/// (sixteen-byte scans of strings, keys and UUIDs), unlike natively: held to
/// the exact reader in wasm itself. It takes the common case, and it never says
/// "valid" where the exact reader refuses, whatever byte is changed wherever.
#[wasm_bindgen_test]
fn the_simd_fast_path_never_passes_what_the_exact_check_refuses() {
    use jifeline_tickets_core::check::{certainly_valid, exact};
    use jifeline_tickets_core::{Resource, Ticket};
    let schema = Ticket::SCHEMA;
    // A long reference too, so that string runs cross sixteen-byte steps.
    let ticket = TICKET.replacen("\"A-123-B\"", "\"A-123-B and a longer reference of forty\"", 1);
    assert!(
        certainly_valid(ticket.as_bytes(), schema),
        "the fast path takes the sample"
    );
    let mut checked = 0;
    for at in 0..ticket.len() {
        for c in [
            0x01u8, 0x1f, b'"', b'\\', b'g', b'G', b'-', b'0', b' ', 0x7f, 0x80, 0xff,
        ] {
            let mut body = ticket.clone().into_bytes();
            body[at] = c;
            if certainly_valid(&body, schema) {
                assert!(
                    exact(&body, schema).is_ok(),
                    "byte {at} set to {c:#04x}: fast says valid, exact refuses: {}",
                    String::from_utf8_lossy(&body)
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "the mutations exercised the fast path ({checked})");
}
