//! `JifelineError` objects.
//!
//! The class itself is JavaScript (a real `Error` subclass, so stacks,
//! `instanceof Error` and devtools work) and lives in the package's
//! `errors.js`; each entry registers it here once with [`set_error_class`].
//! Unregistered (the wasm-bindgen tests), errors are plain `Error`s with the
//! same name and fields.

use std::cell::RefCell;

use js_sys::{Function, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::js;
use jifeline_tickets_core::error::Error;

thread_local! {
    static ERROR_CLASS: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Registers the `JifelineError` class that every rejection is an instance of.
#[wasm_bindgen(js_name = __setErrorClass)]
pub fn set_error_class(class: JsValue) {
    let class = class.dyn_into::<Function>().ok();
    ERROR_CLASS.with(|c| *c.borrow_mut() = class);
}

/// The JS error for a core error.
pub(crate) fn to_js(e: &Error) -> JsValue {
    to_js_of_call(e, &CallContext::default())
}

/// What a call adds to its error: the `method` and `url` of its request (when
/// one was built; a URL never holds a credential), what it came from
/// (`cause`), and the answer's `headers` (when the error is about an answer).
#[derive(Default)]
pub(crate) struct CallContext<'a> {
    pub method: Option<&'a str>,
    pub url: Option<&'a str>,
    pub cause: Option<&'a JsValue>,
    pub headers: Option<&'a JsValue>,
}

/// What a `JifelineError` carries besides its message, written to a plain
/// object by serde-wasm-bindgen (a field left `None` is not set; a problem's
/// missing `title` or `detail` is there, `undefined`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Details<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(with = "serde_wasm_bindgen::preserve", skip_serializing_if = "JsValue::is_undefined")]
    cause: JsValue,
    #[serde(with = "serde_wasm_bindgen::preserve", skip_serializing_if = "JsValue::is_undefined")]
    headers: JsValue,
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<ProblemDetails<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    retryable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after_ms: Option<f64>,
}

/// `{ type, title, status, detail }` of a problem+json answer.
#[derive(Serialize)]
struct ProblemDetails<'a> {
    #[serde(rename = "type")]
    type_: &'a str,
    title: Option<&'a str>,
    status: Option<u16>,
    detail: Option<&'a str>,
}

/// The JS error for a core error of a call, with what the call adds.
pub(crate) fn to_js_of_call(e: &Error, call: &CallContext<'_>) -> JsValue {
    let (method, url) = match (call.method, call.url) {
        (Some(method), Some(url)) => (Some(method), Some(url)),
        _ => (None, None),
    };
    let details = Details {
        method,
        url,
        cause: call.cause.cloned().unwrap_or(JsValue::UNDEFINED),
        headers: call.headers.cloned().unwrap_or(JsValue::UNDEFINED),
        kind: e.kind.as_str(),
        status: e.status,
        problem: e.problem.as_deref().map(|p| ProblemDetails {
            type_: &p.type_,
            title: p.title.as_deref(),
            status: p.status,
            detail: p.detail.as_deref(),
        }),
        field: e.field.as_deref(),
        retryable: e.retryable,
        retry_after_ms: e.retry_after_ms.map(|ms| ms as f64),
    };
    let details = serde_wasm_bindgen::to_value(&details).unwrap_or_else(|_| js::object());
    let message = JsValue::from_str(&e.message);
    let class = ERROR_CLASS.with(|c| c.borrow().clone());
    if let Some(class) = class {
        let args = js_sys::Array::of2(&message, &details);
        if let Ok(err) = Reflect::construct(&class, &args) {
            return err;
        }
    }
    let err: JsValue = js_sys::Error::new(&e.message).into();
    js::set(&err, "name", &JsValue::from_str("JifelineError"));
    let target: js_sys::Object = err.clone().unchecked_into();
    let source: js_sys::Object = details.unchecked_into();
    let _ = js_sys::Object::assign(&target, &source);
    err
}
