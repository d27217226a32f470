//! One attempt over `fetch`, for the Rust [`Client`](super::Client): the
//! request built by gloo-net's `RequestBuilder`, the global `fetch` (bound
//! as gloo-net binds it, so pages, workers and Node all have it), a timeout
//! through web-sys's `AbortController`, the answer read through gloo-net's
//! `Response`. Dropping the attempt's future aborts its fetch.
//!
//! No conversion from JavaScript can panic: a rejection of any shape is a
//! network failure, described in words.

use gloo_net::http::{Method as GlooMethod, RequestBuilder, Response};
use js_sys::{Function, Promise, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

use crate::js;
use jifeline_tickets_core::request::{HttpRequest, Method};
use jifeline_tickets_core::response::ResponseHead;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(request: &web_sys::Request) -> Result<Promise, JsValue>;

    #[wasm_bindgen(js_name = setTimeout, catch)]
    fn set_timeout(handler: &Function, ms: f64) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// Why an attempt produced no answer.
pub(crate) enum Failure {
    /// The attempt's timeout fired.
    Timeout,
    /// No answer, with why.
    Network(String),
}

/// An answer: its head for the core, its body's bytes.
pub(crate) struct Answer {
    pub head: ResponseHead,
    pub body: Vec<u8>,
}

/// The attempt's controller and timer; dropping it (the call's future
/// dropped, or the attempt done) clears the timer and aborts the fetch.
struct Attempt {
    controller: AbortController,
    timer: Option<JsValue>,
}

impl Drop for Attempt {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            clear_timeout(&timer);
        }
        self.controller.abort();
    }
}

/// Sends `http` once, within `timeout_ms` (0: none).
pub(crate) async fn send(http: &HttpRequest, timeout_ms: u64) -> Result<Answer, Failure> {
    let network = |e: &JsValue| Failure::Network(js::describe(e));
    let controller = AbortController::new().map_err(|e| network(&e))?;
    let mut attempt = Attempt {
        controller,
        timer: None,
    };
    if timeout_ms > 0 {
        let abort = js::get(&attempt.controller, "abort")
            .dyn_into::<Function>()
            .map_err(|e| network(&e))?
            .bind0(&attempt.controller);
        attempt.timer = Some(set_timeout(&abort, timeout_ms as f64).map_err(|e| network(&e))?);
    }
    let signal = attempt.controller.signal();
    let timed_out = |e: JsValue| {
        if signal.aborted() {
            Failure::Timeout
        } else {
            network(&e)
        }
    };
    let request = build(http, &signal).map_err(Failure::Network)?;
    let response = JsFuture::from(global_fetch(&request).map_err(|e| network(&e))?)
        .await
        .map_err(timed_out)?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| Failure::Network("fetch resolved to something that is not a Response".to_owned()))?;
    let response = Response::from(response);
    let headers = response.headers();
    let head = ResponseHead {
        status: response.status(),
        content_type: headers.get("content-type"),
        location: headers.get("location"),
        retry_after: headers.get("retry-after"),
        url: Some(response.url()).filter(|u| !u.is_empty()),
        redirected: response.redirected(),
    };
    let raw: web_sys::Response = response.into();
    let buffer = JsFuture::from(raw.array_buffer().map_err(|e| network(&e))?)
        .await
        .map_err(timed_out)?;
    Ok(Answer {
        head,
        body: Uint8Array::new(&buffer).to_vec(),
    })
}

/// The attempt's `Request`, built anew each time so that a retry never
/// sends a consumed body.
fn build(http: &HttpRequest, signal: &web_sys::AbortSignal) -> Result<web_sys::Request, String> {
    let method = match http.method {
        Method::Get => GlooMethod::GET,
        Method::Put => GlooMethod::PUT,
        Method::Patch => GlooMethod::PATCH,
    };
    let mut builder = RequestBuilder::new(&http.url).method(method).abort_signal(Some(signal));
    // The core checked every name and value: none makes `Headers.set` throw.
    for (name, value) in &http.headers {
        builder = builder.header(name, value);
    }
    let request = match &http.body {
        Some(body) => builder.body(JsValue::from_str(&String::from_utf8_lossy(body))),
        None => builder.build(),
    };
    request.map(web_sys::Request::from).map_err(|e| e.to_string())
}

/// Waits `ms` milliseconds.
pub(crate) async fn sleep(ms: u64) {
    let promise = Promise::new(&mut |resolve, _reject| {
        if set_timeout(&resolve, ms as f64).is_err() {
            // No timer here: go on at once rather than never.
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = JsFuture::from(promise).await;
}
