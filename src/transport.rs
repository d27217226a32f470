//! Sending a request over `fetch`: attempts, per-attempt timeouts through
//! `AbortController`, the caller's `AbortSignal` (honoured during backoff
//! waits too), and retries as [`jifeline_tickets_core::retry`] decides.
//!
//! It uses only what every runtime has (`fetch`, `AbortController`,
//! `setTimeout`, `Promise`), never `window`, so it runs in pages, workers and
//! Node. No Rust closure is handed to JS: listeners and timers are bound JS
//! functions (`controller.abort`, a promise's `reject`), so nothing can be
//! called after being freed and nothing leaks when a timer never fires.

use js_sys::{Array, Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

use super::js;
use super::options::{ApiOptions, CallOptions, TokenSource};
use jifeline_tickets_core::error::Error;
use jifeline_tickets_core::request::{ApiRequest, HttpRequest};
use jifeline_tickets_core::response::ResponseHead;
use jifeline_tickets_core::retry::{Outcome, RetryDecision};

/// A complete HTTP answer.
///
/// The body is read once with `arrayBuffer()`: its bytes are copied into wasm
/// memory for the core (a plain copy, where a JS string would need re-encoding
/// to UTF-8), and the engine's `TextDecoder` turns the same JS-side bytes into the
/// string for `JSON.parse` only when a value is returned.
pub(crate) struct Answer {
    pub head: ResponseHead,
    /// The body bytes, for the core's checks.
    pub body: Vec<u8>,
    raw: js_sys::Uint8Array,
}

impl Answer {
    /// The body as a JS string (UTF-8 decoded by the engine).
    pub(crate) fn text(&self) -> Result<JsValue, JsValue> {
        let decoder = js_sys::Reflect::construct(
            &js::get(&js::global(), "TextDecoder").dyn_into::<Function>()?,
            &Array::new(),
        )?;
        js::call_method(&decoder, "decode", &[self.raw.clone().into()])
    }
}

/// Why an attempt produced no answer.
enum Failure {
    Aborted,
    Timeout,
    Network(String),
}

/// Milliseconds since the Unix epoch, from the JS clock (`std`'s clock panics on wasm32).
pub(crate) fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Sends `request`, retrying as the policy allows; returns the last answer
/// (2xx or not) or the failure that ended the call.
pub(crate) async fn send(opts: &ApiOptions, request: &ApiRequest, call: &CallOptions) -> Result<Answer, Error> {
    let context = request.describe();
    let timeout_ms = call.timeout_ms.unwrap_or(opts.timeout_ms);
    let mut attempt: u32 = 0;
    let mut refreshed = false;
    loop {
        attempt += 1;
        if is_aborted(call.signal.as_ref()) {
            return Err(Error::aborted(&context));
        }
        let token = resolve_token(&opts.token).await?;
        let http = opts.config.prepare(request, token.as_deref())?;
        let (outcome, result) = match attempt_once(opts, &http, call.signal.as_ref(), timeout_ms).await {
            Ok(answer) if answer.head.status < 400 => return Ok(answer),
            Ok(answer)
                if jifeline_tickets_core::retry::should_refresh_token(
                    answer.head.status,
                    matches!(opts.token, TokenSource::Function(_)),
                    refreshed,
                ) =>
            {
                // Not a retry of a failure: the same attempt, with a fresh token.
                refreshed = true;
                attempt -= 1;
                continue;
            }
            Ok(answer) => {
                let retry_after = answer.head.retry_after.clone();
                let decision = opts.retry.decide(
                    request.method,
                    attempt,
                    Outcome::Status(answer.head.status, retry_after.as_deref()),
                    now_ms(),
                    js_sys::Math::random(),
                );
                (decision, Ok(answer))
            }
            Err(Failure::Aborted) => return Err(Error::aborted(&context)),
            Err(Failure::Timeout) => (
                opts.retry.decide(
                    request.method,
                    attempt,
                    Outcome::Timeout,
                    now_ms(),
                    js_sys::Math::random(),
                ),
                Err(Error::timeout(&context, timeout_ms)),
            ),
            Err(Failure::Network(why)) => (
                opts.retry.decide(
                    request.method,
                    attempt,
                    Outcome::Network,
                    now_ms(),
                    js_sys::Math::random(),
                ),
                Err(Error::network(&context, why)),
            ),
        };
        match outcome {
            RetryDecision::Stop => return result,
            RetryDecision::RetryAfter(ms) => sleep(ms, call.signal.as_ref())
                .await
                .map_err(|_| Error::aborted(&context))?,
        }
    }
}

fn is_aborted(signal: Option<&AbortSignal>) -> bool {
    signal.is_some_and(|s| js::get(s, "aborted").as_bool() == Some(true))
}

/// The bearer token for this attempt: the option's string, or what its function returns.
async fn resolve_token(source: &TokenSource) -> Result<Option<String>, Error> {
    let f = match source {
        TokenSource::None => return Ok(None),
        TokenSource::Static(s) => return Ok(Some(s.clone())),
        TokenSource::Function(f) => f,
    };
    let failed = |e: &JsValue| {
        Error::validation(
            "accessToken",
            format!("the accessToken function failed: {}", js::describe(e)),
        )
    };
    let mut value = f.call0(&JsValue::UNDEFINED).map_err(|e| failed(&e))?;
    if js::get(&value, "then").is_function() {
        value = JsFuture::from(Promise::resolve(&value)).await.map_err(|e| failed(&e))?;
    }
    match value.as_string() {
        Some(s) if !s.is_empty() => Ok(Some(s)),
        _ => Err(Error::validation(
            "accessToken",
            "the accessToken function must return a non-empty string",
        )),
    }
}

/// Clears the attempt's timer and listeners however the attempt ends.
struct Cleanup {
    timer: Option<JsValue>,
    listeners: Vec<(AbortSignal, Function)>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            let _ = js::call_method(&js::global(), "clearTimeout", &[timer]);
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

async fn attempt_once(
    opts: &ApiOptions,
    http: &HttpRequest,
    caller: Option<&AbortSignal>,
    timeout_ms: u64,
) -> Result<Answer, Failure> {
    let network = |e: &JsValue| Failure::Network(js::describe(e));
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
        if is_aborted(Some(caller)) {
            return Err(Failure::Aborted);
        }
        caller
            .add_event_listener_with_callback("abort", &abort)
            .map_err(|e| network(&e))?;
        cleanup.listeners.push((caller.clone(), abort.clone()));
    }
    if timeout_ms > 0 {
        let id = js::call_method(
            &js::global(),
            "setTimeout",
            &[abort.clone().into(), JsValue::from_f64(timeout_ms as f64)],
        )
        .map_err(|e| network(&e))?;
        cleanup.timer = Some(id);
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

    let response = race(
        call_fetch(opts, http, &signal).map_err(|e| network(&e))?,
        aborted.as_ref(),
    )
    .await
    .map_err(classify)?;
    let status = js::get(&response, "status").as_f64().ok_or_else(|| {
        Failure::Network("the fetch function resolved to something that is not a Response".to_owned())
    })?;
    let headers = js::get(&response, "headers");
    let header = |name: &str| {
        js::call_method(&headers, "get", &[JsValue::from_str(name)])
            .ok()
            .and_then(|v| v.as_string())
    };
    let head = ResponseHead {
        status: if (0.0..=999.0).contains(&status) {
            status as u16
        } else {
            0
        },
        content_type: header("content-type"),
        location: header("location"),
        retry_after: header("retry-after"),
        url: js::get(&response, "url").as_string().filter(|u| !u.is_empty()),
        redirected: js::get(&response, "redirected").as_bool() == Some(true),
    };
    let buffer = js::call_method(&response, "arrayBuffer", &[]).map_err(|e| network(&e))?;
    let buffer = race(buffer, aborted.as_ref()).await.map_err(classify)?;
    let raw = js_sys::Uint8Array::new(&buffer);
    Ok(Answer {
        head,
        body: raw.to_vec(),
        raw,
    })
}

/// Calls the injected `fetch` (with `this` undefined) or the global one (with
/// `this` the global object, which browsers require).
fn call_fetch(opts: &ApiOptions, http: &HttpRequest, signal: &AbortSignal) -> Result<JsValue, JsValue> {
    let init = js::object();
    js::set(&init, "method", &JsValue::from_str(http.method.as_str()));
    let headers = js::object();
    for (name, value) in &http.headers {
        js::set(&headers, name, &JsValue::from_str(value));
    }
    js::set(&init, "headers", &headers);
    if let Some(body) = &http.body {
        // Rebuilt from the core's bytes on every attempt, so a retry never sends a consumed body.
        js::set(&init, "body", &JsValue::from_str(&String::from_utf8_lossy(body)));
    }
    js::set(&init, "signal", signal);
    js::set(&init, "redirect", &JsValue::from_str(opts.redirect));
    if let Some(c) = &opts.credentials {
        js::set(&init, "credentials", &JsValue::from_str(c));
    }
    let url = JsValue::from_str(&http.url);
    match &opts.fetch {
        Some(f) => f.call2(&JsValue::UNDEFINED, &url, &init),
        None => {
            let global = js::global();
            let f: Function = js::get(&global, "fetch")
                .dyn_into()
                .map_err(|_| JsValue::from_str("this runtime has no global fetch; pass the fetch option"))?;
            f.call2(&global, &url, &init)
        }
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
    cleanup.timer = Some(js::call_method(
        &js::global(),
        "setTimeout",
        &[resolve.into(), JsValue::from_f64(ms as f64)],
    )?);
    if let Some(signal) = signal {
        signal.add_event_listener_with_callback("abort", &reject)?;
        cleanup.listeners.push((signal.clone(), reject));
    }
    JsFuture::from(promise).await.map(|_| ())
}
