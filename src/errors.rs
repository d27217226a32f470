//! `JifelineError` objects.
//!
//! The class itself is JavaScript (a real `Error` subclass, so stacks,
//! `instanceof Error` and devtools work) and lives in the package's
//! `errors.js`; each entry registers it here once with [`set_error_class`].
//! Unregistered (the wasm-bindgen tests), errors are plain `Error`s with the
//! same name and fields.

use std::cell::RefCell;

use js_sys::{Function, Reflect};
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
    to_js_of_call(e, &Call::default())
}

/// What a call adds to its error: the `method` and `url` of its request (when
/// one was built; a URL never holds a credential), what it came from
/// (`cause`), and the answer's `headers` (when the error is about an answer).
#[derive(Default)]
pub(crate) struct Call<'a> {
    pub method: Option<&'a str>,
    pub url: Option<&'a str>,
    pub cause: Option<&'a JsValue>,
    pub headers: Option<&'a JsValue>,
}

/// The JS error for a core error of a call, with what the call adds.
pub(crate) fn to_js_of_call(e: &Error, call: &Call<'_>) -> JsValue {
    let details = js::object();
    if let (Some(method), Some(url)) = (call.method, call.url) {
        js::set(&details, "method", &JsValue::from_str(method));
        js::set(&details, "url", &JsValue::from_str(url));
    }
    if let Some(cause) = call.cause {
        js::set(&details, "cause", cause);
    }
    if let Some(headers) = call.headers {
        js::set(&details, "headers", headers);
    }
    js::set(&details, "kind", &JsValue::from_str(e.kind.as_str()));
    if let Some(status) = e.status {
        js::set(&details, "status", &JsValue::from(status));
    }
    if let Some(p) = &e.problem {
        let problem = js::object();
        js::set(&problem, "type", &JsValue::from_str(&p.type_));
        let opt = |v: &Option<String>| v.as_deref().map(JsValue::from_str).unwrap_or(JsValue::UNDEFINED);
        js::set(&problem, "title", &opt(&p.title));
        js::set(
            &problem,
            "status",
            &p.status.map(JsValue::from).unwrap_or(JsValue::UNDEFINED),
        );
        js::set(&problem, "detail", &opt(&p.detail));
        js::set(&details, "problem", &problem);
    }
    if let Some(f) = &e.field {
        js::set(&details, "field", &JsValue::from_str(f));
    }
    js::set(&details, "retryable", &JsValue::from_bool(e.retryable));
    if let Some(ms) = e.retry_after_ms {
        js::set(&details, "retryAfterMs", &JsValue::from_f64(ms as f64));
    }
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
