//! wasm-bindgen tests of the binding itself, in headless Chromium and in Node
//! (`wasm-pack test --headless --chrome`, `wasm-pack test --node`). The
//! `fetch` is injected, so they need no server.
#![cfg(target_arch = "wasm32")]

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

const TICKET: &str = include_str!("../core/tests/fixtures/ticket.json");

/// A fetch that records its calls in `globalThis.__calls` and answers `status`/`body`.
fn fake_fetch(status: u16, content_type: &str, body: &str) -> Function {
    let _ = Reflect::set(&js_sys::global(), &"__calls".into(), &js_sys::Array::new());
    Function::new_with_args(
        "request",
        &format!(
            "globalThis.__calls.push({{ url: request.url, method: request.method, authorization: request.headers.get('authorization'), redirect: request.redirect, args: arguments.length }});
             return Promise.resolve(new Response({body:?}, {{ status: {status}, headers: {{ 'content-type': {content_type:?} }} }}));"
        ),
    )
}

fn calls() -> js_sys::Array {
    Reflect::get(&js_sys::global(), &"__calls".into())
        .unwrap()
        .unchecked_into()
}

fn api(fetch: &Function) -> jifeline_tickets_js::TicketsApi {
    let options = js_sys::Object::new();
    Reflect::set(&options, &"baseUrl".into(), &"https://api.example/".into()).unwrap();
    Reflect::set(&options, &"accessToken".into(), &"wasm-token".into()).unwrap();
    Reflect::set(&options, &"fetch".into(), fetch).unwrap();
    Reflect::set(&options, &"retry".into(), &JsValue::FALSE).unwrap();
    jifeline_tickets_js::TicketsApi::new(options.into()).unwrap()
}

async fn settle(p: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(p).await
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

// The crate's wasm exports are reached through the cdylib's Rust API.
mod jifeline_tickets_js {
    pub use jifeline_tickets::TicketsApi;
}

#[wasm_bindgen_test]
async fn get_ticket_sends_the_exact_request_and_returns_the_ticket() {
    let fetch = fake_fetch(200, "application/json", TICKET);
    let ticket = settle(api(&fetch).get_ticket("497f6eca-6276-4993-bfeb-53cbbbba6f08".into(), JsValue::UNDEFINED))
        .await
        .unwrap();
    assert_eq!(get(&ticket, "ticket_number").as_f64(), Some(7440303.0));
    assert_eq!(get(&ticket, "state").as_string().as_deref(), Some("cancelled"));
    let call = calls().get(0);
    assert_eq!(
        get(&call, "url").as_string().as_deref(),
        Some("https://api.example/v2/tickets/tickets/497f6eca-6276-4993-bfeb-53cbbbba6f08")
    );
    assert_eq!(get(&call, "method").as_string().as_deref(), Some("GET"));
    assert_eq!(
        get(&call, "authorization").as_string().as_deref(),
        Some("Bearer wasm-token")
    );
    assert_eq!(get(&call, "redirect").as_string().as_deref(), Some("follow"));
    // fetch(request), the way the SDK calls the runtime's fetch.
    assert_eq!(get(&call, "args").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
async fn bad_input_rejects_with_a_validation_error_and_sends_nothing() {
    let fetch = fake_fetch(200, "application/json", "{}");
    let query = js_sys::JSON::parse(r#"{"limit": 1001}"#).unwrap();
    let e = settle(api(&fetch).list_tickets(query, JsValue::UNDEFINED))
        .await
        .unwrap_err();
    assert_eq!(get(&e, "name").as_string().as_deref(), Some("JifelineError"));
    assert_eq!(get(&e, "kind").as_string().as_deref(), Some("validation"));
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("limit"));
    assert_eq!(
        get(&e, "message").as_string().as_deref(),
        Some("Invalid `limit`: expected an integer from 0 to 1000, got 1001.")
    );
    assert!(e.is_instance_of::<js_sys::Error>());
    assert_eq!(calls().length(), 0);
}

#[wasm_bindgen_test]
async fn problem_json_rejects_with_an_http_error() {
    let fetch = fake_fetch(
        404,
        "application/problem+json",
        r#"{"type":"about:blank","title":"Not Found","status":404}"#,
    );
    let e = settle(api(&fetch).get_ticket("497f6eca-6276-4993-bfeb-53cbbbba6f08".into(), JsValue::UNDEFINED))
        .await
        .unwrap_err();
    assert_eq!(get(&e, "kind").as_string().as_deref(), Some("http"));
    assert_eq!(get(&e, "status").as_f64(), Some(404.0));
    assert_eq!(
        get(&get(&e, "problem"), "title").as_string().as_deref(),
        Some("Not Found")
    );
}

#[wasm_bindgen_test]
async fn a_fetch_that_throws_anything_is_a_network_error_not_a_panic() {
    let fetch = Function::new_with_args("request", "throw 42;");
    let e = settle(api(&fetch).get_ticket("497f6eca-6276-4993-bfeb-53cbbbba6f08".into(), JsValue::UNDEFINED))
        .await
        .unwrap_err();
    assert_eq!(get(&e, "kind").as_string().as_deref(), Some("network"));
    let fetch = Function::new_with_args("request", "return Promise.resolve('not a response');");
    let e = settle(api(&fetch).get_ticket("497f6eca-6276-4993-bfeb-53cbbbba6f08".into(), JsValue::UNDEFINED))
        .await
        .unwrap_err();
    assert_eq!(get(&e, "kind").as_string().as_deref(), Some("network"));
    // The module still works afterwards.
    let fetch = fake_fetch(200, "application/json", TICKET);
    assert!(
        settle(api(&fetch).get_ticket("497f6eca-6276-4993-bfeb-53cbbbba6f08".into(), JsValue::UNDEFINED))
            .await
            .is_ok()
    );
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
