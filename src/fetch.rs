//! One attempt over `fetch`: one `Request` built from a `RequestInit` and
//! handed to the runtime's `fetch` or the injected one alike, the way `fetch`
//! itself is called (`fetch(request)`); a per-attempt
//! timeout through `AbortController`; the caller's `AbortSignal`; the answer
//! read through typed bindings (web-sys's `Response` and `Headers`). An
//! injected `fetch` may resolve to any object that looks like a Response,
//! whose shape is checked before it is read (a typed read of anything else
//! would throw, or panic, and a panic kills the module for the whole page).
//!
//! gloo-net's `RequestBuilder` built it until 2026-11-25: it makes two
//! `Request`s and a `URL` per request to merge query parameters this SDK
//! never passes it, 25–35 µs a request in Node (bench/README.md).
//!
//! It uses only what every runtime has (`fetch`, `Request`, `AbortController`,
//! `setTimeout`, `Promise`), never `window`, so it runs in pages, workers and
//! Node. No Rust closure is handed to JS: listeners and timers are bound JS
//! functions (`controller.abort`, a promise's `reject`), so nothing can be
//! called after being freed and nothing leaks when a timer never fires.

use js_sys::{Array, Function, Promise, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, RequestCredentials, RequestInit, RequestRedirect};

use super::js;
use super::options::ApiOptions;
use jifeline_tickets_core::request::{HttpRequest, Method};
use jifeline_tickets_core::response::ResponseHead;

/// A complete HTTP answer.
///
/// The body is read once with `arrayBuffer()`: its bytes are copied into wasm
/// memory for the core (a plain copy, where a JS string would need re-encoding
/// to UTF-8), and the engine's `TextDecoder` turns the same JS-side bytes into the
/// string for `JSON.parse` only when a value is returned.
pub(crate) struct Answer {
    pub head: ResponseHead,
    /// The response's own `Headers`, for `JifelineError.headers`.
    pub headers: JsValue,
    /// The body bytes, for the core's checks.
    pub body: Vec<u8>,
    raw: Uint8Array,
}

thread_local! {
    /// One decoder for every answer (it keeps no state between calls).
    static DECODER: Option<Utf8Decoder> = Utf8Decoder::new().ok();
}

impl Answer {
    /// The body as a JS string, UTF-8 decoded by the engine (a leading
    /// byte-order mark is skipped, as `res.json()` skips it).
    pub(crate) fn text(&self) -> Result<JsValue, JsValue> {
        DECODER.with(|d| match d {
            Some(d) => d.decode(&self.raw),
            None => Err(JsValue::from_str("this runtime has no TextDecoder")),
        })
    }
}

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`: not `window.fetch`, so that
    /// workers and Node have it too.
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(url: &str, init: &RequestInit) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = setTimeout, catch)]
    fn set_timeout(handler: &Function, ms: f64) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);

    /// The engine's UTF-8 `TextDecoder`, bound here so that `decode` returns
    /// the JS string itself: web-sys's binding returns a Rust `String`, which
    /// copies an 863 KB body into wasm memory and back out (measured: 2.4×
    /// `res.json()` instead of 1.5× on a 1000-ticket page).
    #[wasm_bindgen(js_name = TextDecoder)]
    type Utf8Decoder;

    #[wasm_bindgen(constructor, js_class = "TextDecoder", catch)]
    fn new() -> Result<Utf8Decoder, JsValue>;

    #[wasm_bindgen(method, js_class = "TextDecoder", js_name = decode, catch)]
    fn decode(this: &Utf8Decoder, input: &Uint8Array) -> Result<JsValue, JsValue>;
}

/// Why an attempt produced no answer.
pub(crate) enum Failure {
    Aborted,
    Timeout,
    /// Why, and what fetch threw (for `JifelineError.cause`).
    Network(String, JsValue),
}

pub(crate) fn is_aborted(signal: Option<&AbortSignal>) -> bool {
    signal.is_some_and(AbortSignal::aborted)
}

/// Clears the attempt's timer and listeners however the attempt ends.
struct Cleanup {
    timer: Option<JsValue>,
    listeners: Vec<(AbortSignal, Function)>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            clear_timeout(&timer);
        }
        for (signal, f) in self.listeners.drain(..) {
            let _ = signal.remove_event_listener_with_callback("abort", &f);
        }
    }
}

/// A promise that rejects when `signal` aborts, and the `reject` listener to remove afterwards.
fn rejects_on_abort(signal: &AbortSignal) -> Result<(Promise, Function), JsValue> {
    let mut reject_out: Option<Function> = None;
    let promise = Promise::new(&mut |_resolve, reject| reject_out = Some(reject));
    let reject = reject_out.ok_or_else(|| JsValue::from_str("Promise executor did not run"))?;
    signal.add_event_listener_with_callback("abort", &reject)?;
    Ok((promise, reject))
}

/// Awaits `promise`, or the abort when there is one to race: an injected fetch
/// may ignore its signal, the runtime's own fetch never does (and racing costs
/// two extra promise hops per await).
async fn race(promise: JsValue, abort: Option<&Promise>) -> Result<JsValue, JsValue> {
    let promise = Promise::resolve(&promise);
    match abort {
        Some(abort) => JsFuture::from(Promise::race(&Array::of2(&promise, abort))).await,
        None => JsFuture::from(promise).await,
    }
}

pub(crate) async fn attempt_once(
    opts: &ApiOptions,
    http: &HttpRequest,
    caller: Option<&AbortSignal>,
    timeout_ms: u64,
) -> Result<Answer, Failure> {
    let network = |e: &JsValue| Failure::Network(js::describe(e), e.clone());
    let controller = AbortController::new().map_err(|e| network(&e))?;
    let signal = controller.signal();
    let abort: Function = js::get(&controller, "abort")
        .dyn_into::<Function>()
        .map_err(|e| network(&e))?
        .bind0(&controller);
    let mut cleanup = Cleanup {
        timer: None,
        listeners: Vec::new(),
    };
    if let Some(caller) = caller {
        if caller.aborted() {
            return Err(Failure::Aborted);
        }
        caller
            .add_event_listener_with_callback("abort", &abort)
            .map_err(|e| network(&e))?;
        cleanup.listeners.push((caller.clone(), abort.clone()));
    }
    if timeout_ms > 0 {
        cleanup.timer = Some(set_timeout(&abort, timeout_ms as f64).map_err(|e| network(&e))?);
    }
    let aborted = match opts.fetch {
        Some(_) => {
            let (aborted, reject) = rejects_on_abort(&signal).map_err(|e| network(&e))?;
            cleanup.listeners.push((signal.clone(), reject));
            Some(aborted)
        }
        None => None,
    };

    let classify = |e: JsValue| {
        if is_aborted(caller) {
            Failure::Aborted
        } else if signal.aborted() {
            Failure::Timeout
        } else {
            network(&e)
        }
    };

    let init = request_init(opts, http, &signal).map_err(|e| network(&e))?;
    let response = race(
        call_fetch(opts, &http.url, &init).map_err(|e| network(&e))?,
        aborted.as_ref(),
    )
    .await
    .map_err(classify)?;
    let response = as_response(response)?;
    let headers = response.headers();
    let header = |name: &str| headers.get(name).ok().flatten();
    let status = response.status();
    let head = ResponseHead {
        status: if status <= 999 { status } else { 0 },
        content_type: header("content-type"),
        location: header("location"),
        retry_after: header("retry-after"),
        url: Some(response.url()).filter(|u| !u.is_empty()),
        redirected: response.redirected(),
    };
    let buffer = response.array_buffer().map_err(|e| network(&e))?;
    let buffer = race(buffer.into(), aborted.as_ref()).await.map_err(classify)?;
    let raw = Uint8Array::new(&buffer);
    Ok(Answer {
        head,
        headers: headers.into(),
        body: raw.to_vec(),
        raw,
    })
}

/// The fetch answer as a typed `Response`: a real one, or any object that
/// looks like one (what an injected fetch may resolve to), after checking the
/// members that are read, so that no typed call can throw.
fn as_response(value: JsValue) -> Result<web_sys::Response, Failure> {
    if value.has_type::<web_sys::Response>() {
        return Ok(value.unchecked_into());
    }
    let headers = js::get(&value, "headers");
    let looks_like_one = js::get(&value, "status").as_f64().is_some()
        && js::get(&headers, "get").is_function()
        && js::get(&value, "arrayBuffer").is_function();
    if looks_like_one {
        Ok(value.unchecked_into())
    } else {
        Err(Failure::Network(
            format!(
                "the fetch function resolved to {}, not a Response",
                super::input::describe(&value)
            ),
            JsValue::UNDEFINED,
        ))
    }
}

/// The options of one attempt's request. They are built anew for every
/// attempt, so a retry never sends a consumed body.
fn request_init(opts: &ApiOptions, http: &HttpRequest, signal: &AbortSignal) -> Result<RequestInit, JsValue> {
    let init = RequestInit::new();
    init.set_method(match http.method {
        Method::Get => "GET",
        Method::Put => "PUT",
        Method::Patch => "PATCH",
    });
    init.set_signal(Some(signal));
    init.set_redirect(if opts.redirect == "manual" {
        RequestRedirect::Manual
    } else {
        RequestRedirect::Follow
    });
    if let Some(c) = &opts.credentials {
        init.set_credentials(match c.as_str() {
            "omit" => RequestCredentials::Omit,
            "include" => RequestCredentials::Include,
            _ => RequestCredentials::SameOrigin,
        });
    }
    let headers = web_sys::Headers::new()?;
    for (name, value) in &http.headers {
        headers.append(name, value)?;
    }
    init.set_headers(&headers);
    if let Some(body) = &http.body {
        init.set_body(&JsValue::from_str(&String::from_utf8_lossy(body)));
    }
    Ok(init)
}

/// Calls the injected `fetch` (with `this` undefined) with one `Request`, the
/// documented contract that lets it read everything from its one argument, or
/// the global one with the URL and the options, which spares building a
/// `Request` the runtime's fetch would build again (10–20 µs in Node).
fn call_fetch(opts: &ApiOptions, url: &str, init: &RequestInit) -> Result<JsValue, JsValue> {
    match &opts.fetch {
        Some(f) => {
            let request = web_sys::Request::new_with_str_and_init(url, init)?;
            f.call1(&JsValue::UNDEFINED, &request)
        }
        None => global_fetch(url, init).map_err(|e| {
            if js::get(&js::global(), "fetch").is_function() {
                e
            } else {
                JsValue::from_str("this runtime has no global fetch; pass the fetch option")
            }
        }),
    }
}

/// Waits `ms`, or rejects as soon as `signal` aborts.
pub(crate) async fn sleep(ms: u64, signal: Option<&AbortSignal>) -> Result<(), JsValue> {
    if is_aborted(signal) {
        return Err(JsValue::from_str("aborted"));
    }
    let mut pair: Option<(Function, Function)> = None;
    let promise = Promise::new(&mut |resolve, reject| pair = Some((resolve, reject)));
    let (resolve, reject) = pair.ok_or_else(|| JsValue::from_str("Promise executor did not run"))?;
    let mut cleanup = Cleanup {
        timer: None,
        listeners: Vec::new(),
    };
    cleanup.timer = Some(set_timeout(&resolve, ms as f64)?);
    if let Some(signal) = signal {
        signal.add_event_listener_with_callback("abort", &reject)?;
        cleanup.listeners.push((signal.clone(), reject));
    }
    JsFuture::from(promise).await.map(|_| ())
}
