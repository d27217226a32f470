//! Each call of the JavaScript `TicketsApi`, driven in Rust: the caller's
//! `AbortSignal`, each attempt's timeout (web-sys's `AbortController` and the
//! global timers), the bearer token, the request (built with web-sys, sent
//! with the runtime's `fetch` or the injected one), the answer read through
//! gloo-net's `Response`, the backoff waits and the hooks. What to do after
//! every attempt is the [`Call`]'s (the core's sans-IO exchange): this
//! module only sends, waits and reports.
//!
//! It uses only what every runtime has (`fetch`, `Request`,
//! `AbortController`, `setTimeout`, `Promise`), never `window`, so it runs in
//! pages, workers and Node. Every value from JavaScript is read without a
//! panic path: an injected fetch may resolve to anything, a hook may throw,
//! a signal's getters may throw.

use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCredentials, RequestInit, RequestRedirect};

use super::call::{AttemptFailure, Call, CallStep};
use super::js;
use super::token::{self as tokens, Failed, Next, Source, TokenSource};

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`, as gloo-net binds it (not `window.fetch`: workers and Node have it too).
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(url: &str, init: &RequestInit) -> Result<Promise, JsValue>;

    #[wasm_bindgen(js_name = setTimeout, catch)]
    fn set_timeout(handler: &Function, ms: f64) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = clearTimeout, catch)]
    fn clear_timeout(id: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(js_namespace = performance, js_name = now, catch)]
    fn performance_now() -> Result<f64, JsValue>;

    #[wasm_bindgen(js_namespace = console, js_name = error, catch)]
    fn console_error(message: &str, error: &JsValue) -> Result<(), JsValue>;

    /// The engine's UTF-8 `TextDecoder`, bound so that `decode` returns the JS
    /// string itself (web-sys's binding copies it into a Rust `String`).
    #[wasm_bindgen(js_name = TextDecoder)]
    type Utf8Decoder;

    #[wasm_bindgen(constructor, js_class = "TextDecoder", catch)]
    fn new() -> Result<Utf8Decoder, JsValue>;

    #[wasm_bindgen(method, js_class = "TextDecoder", js_name = decode, catch)]
    fn decode(this: &Utf8Decoder, input: &Uint8Array) -> Result<JsValue, JsValue>;

    /// `JSON.parse` of a JS string as it is (js-sys's takes a `&str`, which
    /// would copy a whole page's body into wasm memory and back out as UTF-16).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}

thread_local! {
    /// One decoder for every answer (it keeps no state between calls).
    static DECODER: Option<Utf8Decoder> = Utf8Decoder::new().ok();
}

/// The four hooks, each if it is a function.
#[derive(Debug, Default)]
struct Hooks {
    on_request: Option<Function>,
    on_response: Option<Function>,
    on_retry: Option<Function>,
    on_error: Option<Function>,
}

/// What the options say about sending, read once (the package's option
/// check has refused anything malformed already).
#[derive(Debug)]
pub(crate) struct Transport {
    /// A fixed token string.
    token: Option<String>,
    /// The token cache in front of an `accessToken` function: its own, or
    /// one shared with other clients (`clientCredentials()`).
    tokens: std::cell::RefCell<Option<Rc<Source>>>,
    fetch: Option<Function>,
    redirect: Option<RequestRedirect>,
    credentials: Option<RequestCredentials>,
    hooks: Hooks,
    /// The API key, to take out of an answer's headers before an error carries them.
    api_key: Option<String>,
}

/// How a call ended well: the last answer's body (a value, checked) or
/// where a transition went, and the resource there.
pub(crate) enum CallOutcome {
    Value(Uint8Array),
    Location(String),
    LocationAndResource(String, Uint8Array),
}

/// What one call has done so far, for its hook events and its error.
pub(crate) struct Trace {
    operation: &'static str,
    method: &'static str,
    url: Option<String>,
    attempt: u32,
    started: f64,
    token: Option<String>,
    /// The token generation of the latest request, for a refresh after its 401.
    generation: Option<u32>,
    status: Option<u16>,
    body: Option<Uint8Array>,
}

impl Trace {
    pub(crate) fn new(operation: &'static str, method: &'static str) -> Trace {
        Trace {
            operation,
            method,
            url: None,
            attempt: 0,
            started: clock(),
            token: None,
            generation: None,
            status: None,
            body: None,
        }
    }
}

/// How the wait for a token ended.
enum TokenWait {
    Got(String, u32),
    Aborted,
    TimedOut,
    Failed(Failed),
}

impl Transport {
    /// Reads the transport's options from the (checked) constructor options.
    pub(crate) fn new(options: &JsValue, api_key: Option<String>) -> Transport {
        let function = |v: JsValue| v.dyn_into::<Function>().ok();
        let hooks = js::get(options, "hooks");
        Transport {
            token: js::get(options, "accessToken").as_string(),
            tokens: std::cell::RefCell::new(function(js::get(options, "accessToken")).map(|f| Rc::new(Source::new(f)))),
            fetch: function(js::get(options, "fetch")),
            redirect: match js::get(options, "redirect").as_string().as_deref() {
                Some("manual") => Some(RequestRedirect::Manual),
                Some("follow") => Some(RequestRedirect::Follow),
                _ => None,
            },
            credentials: match js::get(options, "credentials").as_string().as_deref() {
                Some("omit") => Some(RequestCredentials::Omit),
                Some("same-origin") => Some(RequestCredentials::SameOrigin),
                Some("include") => Some(RequestCredentials::Include),
                _ => None,
            },
            hooks: Hooks {
                on_request: function(js::get(&hooks, "onRequest")),
                on_response: function(js::get(&hooks, "onResponse")),
                on_retry: function(js::get(&hooks, "onRetry")),
                on_error: function(js::get(&hooks, "onError")),
            },
            api_key,
        }
    }

    /// The transport of a Rust [`Client`](crate::Client): the runtime's
    /// fetch, no hooks, a fixed token or a token function's cache.
    pub(crate) fn for_rust(token: Option<String>, tokens: Option<Function>, api_key: Option<String>) -> Transport {
        Transport {
            token,
            tokens: std::cell::RefCell::new(tokens.map(|f| Rc::new(Source::new(f)))),
            fetch: None,
            redirect: None,
            credentials: None,
            hooks: Hooks::default(),
            api_key,
        }
    }

    /// The cache of a token function shared with other clients.
    pub(crate) fn use_tokens(&self, source: &TokenSource) {
        *self.tokens.borrow_mut() = Some(source.shared());
    }

    /// Runs one call of the JavaScript class to its end: the value, or the
    /// `JifelineError` it rejects with (told to `onError` first). `prepared`
    /// is the call, or the error that refused it before any request existed.
    pub(crate) async fn run(
        self: Rc<Self>,
        operation: &'static str,
        method: &'static str,
        prepared: Result<Call, JsValue>,
    ) -> Result<JsValue, JsValue> {
        let mut trace = Trace::new(operation, method);
        let result = match prepared {
            Ok(mut call) => match self.exchange(&mut call, &mut trace).await {
                Ok(outcome) => self.value_of(outcome, &mut call, &mut trace).await,
                Err(()) => Err(self.redacted(call.error(), &trace)),
            },
            Err(e) => Err(e),
        };
        if let (Err(error), Some(hook)) = (&result, &self.hooks.on_error) {
            let event = HookEvent {
                duration_ms: Some(since(trace.started)),
                error: error.clone(),
                ..HookEvent::of(&trace)
            };
            emit(hook, "onError", &event.to_js());
        }
        result
    }

    /// What the JavaScript caller gets: the body parsed by the engine (its
    /// left-out optional fields set to `null`), or `{ location, resource? }`.
    async fn value_of(&self, outcome: CallOutcome, call: &mut Call, trace: &mut Trace) -> Result<JsValue, JsValue> {
        match outcome {
            CallOutcome::Value(body) => match parse(&body) {
                Ok(value) => Ok(filled(value, call.absent())),
                Err(e) => {
                    // Checked, yet not JSON to the engine: the call fails as the exchange says.
                    let step = call.failed(AttemptFailure::Unparsable(e), now(), random());
                    match self.finish(step, call, trace).await {
                        Ok(outcome) => Box::pin(self.value_of(outcome, call, trace)).await,
                        Err(()) => Err(self.redacted(call.error(), trace)),
                    }
                }
            },
            CallOutcome::Location(location) => Ok(Moved {
                location: &location,
                resource: JsValue::UNDEFINED,
            }
            .to_js()),
            CallOutcome::LocationAndResource(location, body) => Ok(Moved {
                location: &location,
                // The transition happened; a resource that cannot be read is left out.
                resource: parse(&body).map_or(JsValue::UNDEFINED, |r| filled(r, call.absent())),
            }
            .to_js()),
        }
    }

    /// Drives `call` to its end: its outcome, or `Err` when it failed (its
    /// error is the `Call`'s). Shared by the JavaScript class and the Rust
    /// [`Client`](crate::Client).
    pub(crate) async fn exchange(&self, call: &mut Call, trace: &mut Trace) -> Result<CallOutcome, ()> {
        let signal = call.signal();
        let timeout_ms = call.timeout_ms();
        let step = self.attempt(call, trace, &signal, timeout_ms, None).await;
        self.finish(step, call, trace).await
    }

    /// Follows the steps from `step` until the call ends.
    async fn finish(&self, mut step: CallStep, call: &mut Call, trace: &mut Trace) -> Result<CallOutcome, ()> {
        let signal = call.signal();
        let timeout_ms = call.timeout_ms();
        loop {
            match step {
                CallStep::Value => return trace.body.take().map(CallOutcome::Value).ok_or(()),
                CallStep::Location => return Ok(CallOutcome::Location(call.location().unwrap_or_default())),
                CallStep::Resource => {
                    let location = call.location().unwrap_or_default();
                    return Ok(match trace.body.take() {
                        Some(body) => CallOutcome::LocationAndResource(location, body),
                        None => CallOutcome::Location(location),
                    });
                }
                CallStep::Send => {
                    // A transition's target: a GET, its attempts counted anew.
                    trace.method = "GET";
                    trace.attempt = 0;
                    step = self.attempt(call, trace, &signal, timeout_ms, None).await;
                }
                CallStep::Refresh => {
                    self.retrying(trace, 0.0, call);
                    let generation = trace.generation;
                    step = self.attempt(call, trace, &signal, timeout_ms, generation).await;
                }
                CallStep::Retry => {
                    let delay_ms = call.delay_ms();
                    self.retrying(trace, delay_ms, call);
                    step = if sleep(delay_ms, &signal).await {
                        self.attempt(call, trace, &signal, timeout_ms, None).await
                    } else {
                        call.failed(AttemptFailure::Aborted(reason_of(&signal)), now(), random())
                    };
                }
                CallStep::Fail => return Err(()),
            }
        }
    }

    /// `onRetry`, before the attempt is sent again.
    fn retrying(&self, trace: &Trace, delay_ms: f64, call: &Call) {
        let Some(hook) = &self.hooks.on_retry else {
            return;
        };
        let event = HookEvent {
            delay_ms: Some(delay_ms),
            status: trace.status,
            error: call.error(),
            ..HookEvent::of(trace)
        };
        emit(hook, "onRetry", &event.to_js());
    }

    /// The error the call rejects with, its answer's headers without the
    /// token or the API key: a server may echo them (`www-authenticate`, a
    /// debug header).
    fn redacted(&self, error: JsValue, trace: &Trace) -> JsValue {
        let headers = js::get(&error, "headers");
        if headers.is_undefined() {
            return error;
        }
        let secrets: Vec<&str> = [trace.token.as_deref(), self.api_key.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect();
        let copy = (|| -> Result<web_sys::Headers, JsValue> {
            let copy = web_sys::Headers::new()?;
            let entries = js_sys::try_iter(&headers)?.ok_or_else(|| JsValue::from_str("not iterable"))?;
            for entry in entries {
                let entry = entry?;
                let name = Reflect::get_u32(&entry, 0)?.as_string().unwrap_or_default();
                let value = Reflect::get_u32(&entry, 1)?.as_string().unwrap_or_default();
                copy.append(&name, &redact(&value, &secrets))?;
            }
            Ok(copy)
        })();
        match copy {
            Ok(copy) => set(&error, "headers", &copy),
            // Headers that cannot be read through are not handed on.
            Err(_) => {
                let _ = Reflect::delete_property(error.unchecked_ref::<Object>(), &"headers".into());
            }
        }
        error
    }

    /// One attempt: the token, the request, fetch, the body. Returns the
    /// `Call`'s next step. The caller's signal is listened to from the start,
    /// so that a signal that cannot be listened to is refused before
    /// anything is sent.
    async fn attempt(
        &self,
        call: &mut Call,
        trace: &mut Trace,
        signal: &JsValue,
        timeout_ms: f64,
        rejected: Option<u32>,
    ) -> CallStep {
        if is_aborted(signal) {
            return call.failed(AttemptFailure::Aborted(reason_of(signal)), now(), random());
        }
        let controller = match AbortController::new() {
            Ok(c) => c,
            Err(e) => return call.failed(AttemptFailure::Network(e), now(), random()),
        };
        let abort = match bound(&controller, "abort") {
            Ok(f) => f,
            Err(e) => return call.failed(AttemptFailure::Network(e), now(), random()),
        };
        if let Err(e) = listen(signal, &abort) {
            return call.failed(AttemptFailure::BadSignal(e), now(), random());
        }
        let _listening = Listening {
            signal: signal.clone(),
            listener: abort.clone(),
        };
        // A call's future dropped mid-attempt (a Rust app's) aborts its fetch.
        let mut on_drop = AbortOnDrop(Some(controller.clone()));
        let step = self
            .send(call, trace, signal, timeout_ms, rejected, &controller, &abort)
            .await;
        // Ended: the fetch and its body are settled, so nothing is aborted (an
        // abort would still build its DOMException and wake fetch's listeners).
        on_drop.0 = None;
        step
    }

    #[allow(clippy::too_many_arguments)]
    async fn send(
        &self,
        call: &mut Call,
        trace: &mut Trace,
        signal: &JsValue,
        timeout_ms: f64,
        rejected: Option<u32>,
        controller: &AbortController,
        abort: &Function,
    ) -> CallStep {
        // Nothing to send with: refused before the token is asked for or a hook hears of an attempt.
        if self.fetch.is_none() && !js::get(&js_sys::global(), "fetch").is_function() {
            return call.failed(AttemptFailure::NoFetch, now(), random());
        }
        let started = clock();
        let mut token = self.token.clone();
        let source = self.tokens.borrow().clone();
        if let Some(source) = source {
            let (got, generation) = match token_of(&source, rejected, signal, timeout_ms, started).await {
                TokenWait::Got(got, generation) => (got, generation),
                TokenWait::Aborted => return call.failed(AttemptFailure::Aborted(reason_of(signal)), now(), random()),
                TokenWait::TimedOut => {
                    // Whole milliseconds: no `f64` formatter in the module.
                    let slow = js_sys::Error::new(&format!(
                        "the accessToken function did not settle within {} ms (timeoutMs)",
                        timeout_ms as u64
                    ));
                    return call.failed(AttemptFailure::TokenThrew(slow.into()), now(), random());
                }
                TokenWait::Failed(Failed::NotAToken(value)) => {
                    return call.failed(AttemptFailure::TokenInvalid(value), now(), random())
                }
                TokenWait::Failed(Failed::Threw(e)) => {
                    return call.failed(AttemptFailure::TokenThrew(e), now(), random())
                }
            };
            if is_aborted(signal) {
                return call.failed(AttemptFailure::Aborted(reason_of(signal)), now(), random());
            }
            token = Some(got);
            trace.generation = Some(generation);
        }
        let url = match call.request(token.clone()) {
            Ok(url) => url,
            Err(step) => return step,
        };
        let is_get = trace.method == "GET";
        let body = if is_get { None } else { call.body() };
        trace.token = token.clone();
        trace.url = Some(url.clone());
        trace.attempt += 1;
        trace.status = None;
        trace.body = None;
        if let Some(hook) = &self.hooks.on_request {
            emit(hook, "onRequest", &HookEvent::of(trace).to_js());
            // The hook may have aborted the call: then nothing is sent.
            if is_aborted(signal) {
                return call.failed(AttemptFailure::AbortedUnsent(reason_of(signal)), now(), random());
            }
        }
        let began = clock();

        let init = RequestInit::new();
        init.set_method(trace.method);
        init.set_signal(Some(&controller.signal()));
        if let Some(redirect) = self.redirect {
            init.set_redirect(redirect);
        }
        if let Some(credentials) = self.credentials {
            init.set_credentials(credentials);
        }
        let headers = call.headers(token.as_deref(), body.is_some());
        init.set_headers(&headers);
        if let Some(body) = &body {
            init.set_body(&JsValue::from_str(body));
        }
        let mut timer = None;
        if timeout_ms > 0.0 {
            // The attempt's timeout covers the token's wait and the fetch together.
            let left = (timeout_ms - (clock() - started)).max(0.0);
            timer = set_timeout(abort, left).ok();
        }
        let outcome = fetch_once(self.fetch.as_ref(), &url, &init, controller).await;
        if let Some(timer) = timer {
            let _ = clear_timeout(&timer);
        }
        let answer = match outcome {
            Ok(answer) => answer,
            Err(Fetched::NotAResponse(value)) => {
                return call.failed(AttemptFailure::NotAResponse(value), now(), random());
            }
            Err(Fetched::Failed(e)) => {
                if is_aborted(signal) {
                    return call.failed(AttemptFailure::Aborted(reason_of(signal)), now(), random());
                }
                if controller.signal().aborted() {
                    return call.failed(AttemptFailure::Timeout, now(), random());
                }
                return call.failed(AttemptFailure::Network(e), now(), random());
            }
        };
        trace.status = Some(answer.status);
        let body = answer.body.to_vec();
        trace.body = Some(answer.body);
        if let Some(hook) = &self.hooks.on_response {
            let event = HookEvent {
                status: Some(answer.status),
                duration_ms: Some(since(began)),
                ..HookEvent::of(trace)
            };
            emit(hook, "onResponse", &event.to_js());
        }
        call.answered(
            f64::from(answer.status),
            answer.content_type,
            answer.location,
            answer.retry_after,
            answer.url,
            answer.redirected,
            &body,
            answer.headers,
            now(),
            random(),
        )
    }
}

/// An answer as the exchange reads it, and its body's bytes on the JS side.
struct Answer {
    status: u16,
    content_type: Option<String>,
    location: Option<String>,
    retry_after: Option<String>,
    /// The final URL, after a followed redirect only.
    url: Option<String>,
    redirected: bool,
    headers: JsValue,
    body: Uint8Array,
}

/// Why fetch gave no answer.
enum Fetched {
    /// It resolved to this, which is no Response.
    NotAResponse(JsValue),
    /// It threw or rejected (or reading the answer did) with this.
    Failed(JsValue),
}

/// Sends once: the runtime's fetch with `(url, init)`, or the injected one
/// with one `Request` (its documented contract), raced with the attempt's
/// abort because it may ignore its signal.
async fn fetch_once(
    injected: Option<&Function>,
    url: &str,
    init: &RequestInit,
    controller: &AbortController,
) -> Result<Answer, Fetched> {
    let Some(injected) = injected else {
        let pending = global_fetch(url, init).map_err(Fetched::Failed)?;
        let response = JsFuture::from(pending).await.map_err(Fetched::Failed)?;
        // The runtime's fetch resolves to a Response: read through gloo-net's.
        let response: web_sys::Response = response.dyn_into().map_err(Fetched::NotAResponse)?;
        return read_response(response, None).await;
    };
    let aborted = rejects_on_abort(controller).map_err(Fetched::Failed)?;
    let request = web_sys::Request::new_with_str_and_init(url, init).map_err(Fetched::Failed)?;
    let pending = injected.call1(&JsValue::UNDEFINED, &request).map_err(Fetched::Failed)?;
    let response = race(&pending, &aborted).await.map_err(Fetched::Failed)?;
    if response.has_type::<web_sys::Response>() {
        return read_response(response.unchecked_into(), Some(&aborted)).await;
    }
    read_response_like(response, &aborted).await
}

/// A real `Response`, read through gloo-net's `Response`; its body read as
/// bytes (raced with `aborted` for an injected fetch).
async fn read_response(response: web_sys::Response, aborted: Option<&Promise>) -> Result<Answer, Fetched> {
    let raw: web_sys::Response = Clone::clone(&response);
    let response = gloo_net::http::Response::from(response);
    let headers = response.headers();
    let redirected = response.redirected();
    let buffer = raw.array_buffer().map_err(Fetched::Failed)?;
    let buffer = match aborted {
        Some(aborted) => race(&buffer, aborted).await,
        None => JsFuture::from(buffer).await,
    }
    .map_err(Fetched::Failed)?;
    Ok(Answer {
        status: response.status(),
        content_type: headers.get("content-type"),
        location: headers.get("location"),
        retry_after: headers.get("retry-after"),
        // The final URL matters only after a followed redirect.
        url: redirected.then(|| response.url()),
        redirected,
        headers: raw.headers().into(),
        body: Uint8Array::new(&buffer),
    })
}

/// What an injected fetch resolved to that reads like a Response: its
/// members read with every throw caught (a throwing getter is a failed
/// attempt), its headers' `get` misbehaving read as no header.
async fn read_response_like(value: JsValue, aborted: &Promise) -> Result<Answer, Fetched> {
    let get = |key: &str| Reflect::get(&value, &key.into()).map_err(Fetched::Failed);
    if !value.is_object() {
        return Err(Fetched::NotAResponse(value));
    }
    let status = get("status")?;
    let headers = get("headers")?;
    let array_buffer = get("arrayBuffer")?;
    let status = match status.as_f64() {
        Some(s) if s.fract() == 0.0 && (0.0..=999.0).contains(&s) => s as u16,
        _ => return Err(Fetched::NotAResponse(value)),
    };
    let Ok(array_buffer) = array_buffer.dyn_into::<Function>() else {
        return Err(Fetched::NotAResponse(value));
    };
    if !js::get(&headers, "get").is_function() {
        return Err(Fetched::NotAResponse(value));
    }
    let redirected = get("redirected")? == JsValue::TRUE;
    let url = if redirected { get("url")?.as_string() } else { None };
    let header = |name: &str| {
        js::call1(&headers, "get", &name.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    let buffer = array_buffer.call0(&value).map_err(Fetched::Failed)?;
    let buffer = race(&buffer, aborted).await.map_err(Fetched::Failed)?;
    Ok(Answer {
        status,
        content_type: header("content-type"),
        location: header("location"),
        retry_after: header("retry-after"),
        url,
        redirected,
        headers,
        body: Uint8Array::new(&buffer),
    })
}

/// A promise that rejects when the attempt's controller aborts.
fn rejects_on_abort(controller: &AbortController) -> Result<Promise, JsValue> {
    let mut reject_out: Option<Function> = None;
    let promise = Promise::new(&mut |_resolve, reject| reject_out = Some(reject));
    let reject = reject_out.ok_or_else(|| JsValue::from_str("Promise executor did not run"))?;
    let signal = controller.signal();
    if signal.aborted() {
        reject.call0(&JsValue::UNDEFINED)?;
    } else {
        signal.add_event_listener_with_callback("abort", &reject)?;
    }
    Ok(promise)
}

/// Awaits `value` (a promise or not), or `aborted`'s rejection.
async fn race(value: &JsValue, aborted: &Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(Promise::race(&Array::of2(&Promise::resolve(value), aborted))).await
}

/// The token for an attempt from the cache of a token function: at once
/// when one is reused, else after the look-up it shares or starts. A slow
/// or hanging token service never outlasts the caller's signal or the
/// attempt's timeout (counted from `started`); a look-up that outlasts the
/// timeout is a failed one, and the next request asks again.
async fn token_of(
    source: &Rc<Source>,
    rejected: Option<u32>,
    signal: &JsValue,
    timeout_ms: f64,
    started: f64,
) -> TokenWait {
    loop {
        let (done, id, joined) = match source.next(rejected) {
            Ok(Next::Use(token, generation)) => return TokenWait::Got(token, generation),
            Ok(Next::Wait { done, id, joined }) => (done, id, joined),
            Err(failed) => return TokenWait::Failed(failed),
        };
        let left = if timeout_ms > 0.0 {
            (timeout_ms - (clock() - started)).max(0.0)
        } else {
            0.0
        };
        match wait(&done, signal, timeout_ms > 0.0, left).await {
            Waited::Value(value) if !joined => {
                let (token, generation) = tokens::from_got(&value);
                return TokenWait::Got(token, generation);
            }
            // Another request's look-up ended: ask again, as it would.
            Waited::Value(_) => {}
            Waited::Aborted => return TokenWait::Aborted,
            Waited::TimedOut => {
                source.gave_up(id);
                return TokenWait::TimedOut;
            }
            Waited::Rejected(e) => return TokenWait::Failed(tokens::failed_of(e)),
        }
    }
}

/// How waiting for a promise ended.
enum Waited {
    Value(JsValue),
    Rejected(JsValue),
    Aborted,
    TimedOut,
}

/// What `pending` settles with, unless `signal` aborts or `ms` pass first
/// (when `timed`). The race subscribes to `pending`, so its rejection after
/// the wait ended is never unhandled.
async fn wait(pending: &Promise, signal: &JsValue, timed: bool, ms: f64) -> Waited {
    // Aborted already (by the token function itself): the abort event is gone.
    if is_aborted(signal) {
        return Waited::Aborted;
    }
    const ABORTED: f64 = -1.0;
    const TIMED_OUT: f64 = -2.0;
    let mut resolve_out: Option<Function> = None;
    let stop = Promise::new(&mut |resolve, _reject| resolve_out = Some(resolve));
    let Some(resolve) = resolve_out else {
        return Waited::Rejected(JsValue::from_str("Promise executor did not run"));
    };
    let on_abort: Function = resolve.bind1(&JsValue::UNDEFINED, &ABORTED.into()).unchecked_into();
    let _ = listen(signal, &on_abort);
    let _listening = Listening {
        signal: signal.clone(),
        listener: on_abort,
    };
    let timer = if timed {
        set_timeout(
            &resolve.bind1(&JsValue::UNDEFINED, &TIMED_OUT.into()).unchecked_into(),
            ms,
        )
        .ok()
    } else {
        None
    };
    // A token look-up never resolves to a number: the markers cannot be mistaken.
    let outcome = JsFuture::from(Promise::race(&Array::of2(pending, &stop))).await;
    if let Some(timer) = timer {
        let _ = clear_timeout(&timer);
    }
    match outcome {
        Ok(v) if v.as_f64() == Some(ABORTED) => Waited::Aborted,
        Ok(v) if v.as_f64() == Some(TIMED_OUT) => Waited::TimedOut,
        Ok(v) => Waited::Value(v),
        Err(e) => Waited::Rejected(e),
    }
}

/// Waits `ms`; false when `signal` aborted first.
async fn sleep(ms: f64, signal: &JsValue) -> bool {
    if is_aborted(signal) {
        return false;
    }
    let mut resolve_out: Option<Function> = None;
    let promise = Promise::new(&mut |resolve, _reject| resolve_out = Some(resolve));
    let Some(resolve) = resolve_out else {
        return true;
    };
    let on_abort: Function = resolve.bind1(&JsValue::UNDEFINED, &JsValue::FALSE).unchecked_into();
    // A signal that cannot be listened to is checked again before the next attempt.
    let _ = listen(signal, &on_abort);
    let _listening = Listening {
        signal: signal.clone(),
        listener: on_abort,
    };
    let timer = set_timeout(&resolve.bind1(&JsValue::UNDEFINED, &JsValue::TRUE).unchecked_into(), ms).ok();
    if timer.is_none() {
        return true;
    }
    let waited = JsFuture::from(promise)
        .await
        .map(|v| v != JsValue::FALSE)
        .unwrap_or(true);
    if let Some(timer) = timer {
        let _ = clear_timeout(&timer);
    }
    waited
}

/// Aborts the attempt's controller when dropped before the attempt ended
/// (the call's future was dropped): that cancels the fetch. The attempt
/// takes the controller out once it has ended.
struct AbortOnDrop(Option<AbortController>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = &self.0 {
            controller.abort();
        }
    }
}

/// Stops listening to the caller's signal when dropped (the attempt ended,
/// or the call's future was dropped).
struct Listening {
    signal: JsValue,
    listener: Function,
}

impl Drop for Listening {
    fn drop(&mut self) {
        unlisten(&self.signal, &self.listener);
    }
}

/// A hook's event: `{ operation, method, url, attempt }`, what every event
/// has, and what its hook adds (`status`, `durationMs`, `delayMs`, `error`).
/// Written to a plain object by serde-wasm-bindgen; a field left `None` (or
/// `undefined`) is not set.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HookEvent<'a> {
    operation: &'a str,
    method: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    attempt: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delay_ms: Option<f64>,
    #[serde(with = "serde_wasm_bindgen::preserve", skip_serializing_if = "JsValue::is_undefined")]
    error: JsValue,
}

impl<'a> HookEvent<'a> {
    fn of(trace: &'a Trace) -> Self {
        HookEvent {
            operation: trace.operation,
            method: trace.method,
            url: trace.url.as_deref(),
            attempt: trace.attempt,
            status: None,
            duration_ms: None,
            delay_ms: None,
            error: JsValue::UNDEFINED,
        }
    }

    fn to_js(&self) -> JsValue {
        to_js(self)
    }
}

/// What a transition resolves to: `{ location, resource? }`.
#[derive(Serialize)]
struct Moved<'a> {
    location: &'a str,
    #[serde(with = "serde_wasm_bindgen::preserve", skip_serializing_if = "JsValue::is_undefined")]
    resource: JsValue,
}

impl Moved<'_> {
    fn to_js(&self) -> JsValue {
        to_js(self)
    }
}

/// A value Rust builds for JavaScript, as a plain object. Serializing these
/// structs cannot fail (strings, numbers and JS values only); an empty object
/// stands in if it ever did.
fn to_js<T: Serialize>(value: &T) -> JsValue {
    serde_wasm_bindgen::to_value(value).unwrap_or_else(|_| js::object())
}

/// Calls a hook. A hook observes: what it throws, or the promise it returns
/// rejects with, goes to `console.error` and the call goes on, undelayed.
fn emit(hook: &Function, name: &'static str, event: &JsValue) {
    match hook.call1(&JsValue::UNDEFINED, event) {
        Ok(result) if is_thenable(&result) => {
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = JsFuture::from(Promise::resolve(&result)).await {
                    report(name, &e);
                }
            });
        }
        Ok(_) => {}
        Err(e) => report(name, &e),
    }
}

fn report(name: &str, error: &JsValue) {
    let _ = console_error(
        &format!("jifeline-tickets: hooks.{name} failed (ignored; the call goes on):"),
        error,
    );
}

fn is_thenable(value: &JsValue) -> bool {
    (value.is_object() || value.is_function()) && js::get(value, "then").is_function()
}

/// The validated body as a value: the engine decodes (a leading BOM
/// skipped, as `res.json()` does) and parses.
fn parse(bytes: &Uint8Array) -> Result<JsValue, JsValue> {
    let text = DECODER.with(|d| match d {
        Some(d) => d.decode(bytes),
        None => Err(JsValue::from_str("this runtime has no TextDecoder")),
    })?;
    json_parse(&text)
}

/// `value` with every optional field the server left out set to `null`, as
/// its type declares it: `absent` (only when one is missing) is
/// `"result:a,b"` for the items of a page, `":a,b"` for the resource.
fn filled(value: JsValue, absent: Option<String>) -> JsValue {
    let Some(absent) = absent else {
        return value;
    };
    let (path, names) = absent.split_once(':').unwrap_or(("", &absent));
    let fill = |item: &JsValue| {
        for name in names.split(',') {
            let key = JsValue::from_str(name);
            if !Reflect::has(item, &key).unwrap_or(true) {
                let _ = Reflect::set(item, &key, &JsValue::NULL);
            }
        }
    };
    if path.is_empty() {
        fill(&value);
    } else {
        let items = js::get(&value, path);
        if let Some(items) = items.dyn_ref::<Array>() {
            for item in items.iter() {
                fill(&item);
            }
        }
    }
    value
}

/// `text` with every secret in it replaced, longest first.
fn redact(text: &str, secrets: &[&str]) -> String {
    // At most two (the token, the API key): the longer first, without a sort in the module.
    let mut secrets = secrets.to_vec();
    if let [a, b] = secrets.as_mut_slice() {
        if b.len() > a.len() {
            std::mem::swap(a, b);
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'scan: while !rest.is_empty() {
        for secret in &secrets {
            if let Some(after) = rest.strip_prefix(secret) {
                out.push_str("[redacted]");
                rest = after;
                continue 'scan;
            }
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        rest = chars.as_str();
    }
    out
}

/// `obj[key] = value`.
fn set(obj: &JsValue, key: &str, value: &JsValue) {
    js::set(obj, key, value);
}

/// `obj[name].bind(obj)`.
fn bound(obj: &JsValue, name: &str) -> Result<Function, JsValue> {
    Ok(js::get(obj, name).dyn_into::<Function>()?.bind0(obj))
}

/// Whether the caller's signal has aborted (a throwing getter counts as no).
fn is_aborted(signal: &JsValue) -> bool {
    !signal.is_undefined() && !signal.is_null() && js::get(signal, "aborted") == JsValue::TRUE
}

/// The reason the caller's signal aborted with, for `cause`.
fn reason_of(signal: &JsValue) -> JsValue {
    js::get(signal, "reason")
}

/// Listens for the caller's signal to abort (only `addEventListener` is
/// asked of it: polyfills and signals of other realms are welcome).
fn listen(signal: &JsValue, listener: &Function) -> Result<(), JsValue> {
    if signal.is_undefined() || signal.is_null() {
        return Ok(());
    }
    js::call2(signal, "addEventListener", &"abort".into(), listener).map(|_| ())
}

/// Stops listening, where the signal can; never throws.
fn unlisten(signal: &JsValue, listener: &Function) {
    if signal.is_undefined() || signal.is_null() {
        return;
    }
    if js::get(signal, "removeEventListener").is_function() {
        let _ = js::call2(signal, "removeEventListener", &"abort".into(), listener);
    }
}

/// A monotonic clock in milliseconds: `performance.now()` where there is one.
fn clock() -> f64 {
    performance_now().unwrap_or_else(|_| js_sys::Date::now())
}

/// Milliseconds since `start`, to a hundredth, as telemetry shows them.
fn since(start: f64) -> f64 {
    ((clock() - start) * 100.0).round().max(0.0) / 100.0
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn random() -> f64 {
    js_sys::Math::random()
}
