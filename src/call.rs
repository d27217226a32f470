//! One call in progress: the core's [`Exchange`] with what the JavaScript
//! side of a call needs around it (the caller's signal, the attempt's
//! timeout, the URL sent, the `cause` and `headers` of its error).
//!
//! The transport (`transport.rs`) hands it each attempt's answer or failure
//! and gets back the next step ([`CallStep`]);
//! every rule and every message is the exchange's or built here.

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};

use super::errors::{to_js, to_js_of_call, CallContext};
use super::js;
use super::options::{ApiOptions, CallOptions};
use jifeline_tickets_core::error::{Error, ErrorKind};
use jifeline_tickets_core::exchange::{Exchange, Expect, Failure, Step};
use jifeline_tickets_core::request::ApiRequest;
use jifeline_tickets_core::response::ResponseHead;

/// What the transport does next, after each attempt: the exchange's
/// [`Step`], its error and delay kept by the [`Call`] for `error()` and
/// `delay_ms()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallStep {
    /// Done: the last answer's body is the value.
    Value,
    /// Done: `{ location }`.
    Location,
    /// Done: `{ location, resource }`, the resource being the last answer's body.
    Resource,
    /// Send the next request (a transition's target), attempts counted anew.
    Send,
    /// Send again at once with a fresh token (`error()` is the 401).
    Refresh,
    /// Send again after `delay_ms()` (`error()` is what the attempt ended with).
    Retry,
    /// Done: the call failed with `error()`.
    Fail,
}

/// How an attempt (or the call before one) ended without an answer, with
/// the JS value it came from.
#[derive(Debug)]
pub enum AttemptFailure {
    /// The caller's signal aborted (its reason).
    Aborted(JsValue),
    /// The attempt's timeout fired.
    Timeout,
    /// fetch threw or rejected with this.
    Network(JsValue),
    /// fetch resolved to this, which is no Response.
    NotAResponse(JsValue),
    /// The `accessToken` function threw or rejected with this.
    TokenThrew(JsValue),
    /// The `accessToken` function gave this, no token.
    TokenInvalid(JsValue),
    /// The validated body did not `JSON.parse` (what it threw).
    Unparsable(JsValue),
    /// The caller's signal aborted after `request()` but before fetch was
    /// called (in a hook): nothing was sent (its reason).
    AbortedUnsent(JsValue),
    /// The caller's signal could not be listened to (its `addEventListener`
    /// threw this): bad input, nothing was sent.
    BadSignal(JsValue),
    /// No `fetch` option and no global `fetch` in this runtime: nothing was
    /// sent, and no retry could mend it.
    NoFetch,
}

/// A call of a `TicketsApi` method, from its first attempt to its end.
pub struct Call {
    options: Rc<ApiOptions>,
    exchange: Exchange,
    signal: JsValue,
    timeout_ms: u64,
    /// The URL of the latest request sent (never holds a credential).
    url: Option<String>,
    /// The error of the latest step, and whether it ended the call.
    error: Option<(Error, bool)>,
    delay_ms: u64,
    /// What the latest failure came from, for `JifelineError.cause`.
    cause: JsValue,
    /// The latest answer's `Headers`, for `JifelineError.headers`.
    headers: JsValue,
}

impl std::fmt::Debug for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The options hold credentials; the request and its URL never do.
        f.debug_struct("Call")
            .field("request", &self.exchange.describe())
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl Call {
    pub(crate) fn new(options: &Rc<ApiOptions>, request: ApiRequest, expect: Expect, call: CallOptions) -> Call {
        let policy = call.retry.unwrap_or(options.retry);
        Call {
            exchange: Exchange::new(request, expect, policy, options.token_is_refreshable),
            options: options.clone(),
            signal: call.signal,
            timeout_ms: call.timeout_ms.unwrap_or(options.timeout_ms),
            url: None,
            error: None,
            delay_ms: 0,
            cause: JsValue::UNDEFINED,
            headers: JsValue::UNDEFINED,
        }
    }

    /// The exchange's step, its error and delay kept for `error()` and `delay_ms()`.
    fn step(&mut self, mut step: Step) -> CallStep {
        if let Step::Refresh(e) | Step::Retry { error: e, .. } | Step::Fail(e) = &mut step {
            self.exchange.redact(&self.options.config, e);
        }
        match step {
            Step::Value => CallStep::Value,
            Step::Location => CallStep::Location,
            Step::LocationAndResource => CallStep::Resource,
            Step::Send => CallStep::Send,
            Step::Refresh(e) => {
                self.error = Some((e, false));
                CallStep::Refresh
            }
            Step::Retry { delay_ms, error } => {
                self.delay_ms = delay_ms;
                self.error = Some((error, false));
                CallStep::Retry
            }
            Step::Fail(e) => {
                self.error = Some((e, true));
                CallStep::Fail
            }
        }
    }

    fn end(&mut self, error: Error, cause: JsValue) -> CallStep {
        self.cause = cause;
        self.headers = JsValue::UNDEFINED;
        let step = self.exchange.end(error);
        self.step(step)
    }
}

impl Call {
    /// The caller's `AbortSignal`, or `undefined`.
    pub fn signal(&self) -> JsValue {
        self.signal.clone()
    }

    /// Each attempt's timeout in milliseconds (0: none).
    pub fn timeout_ms(&self) -> f64 {
        self.timeout_ms as f64
    }

    /// How long to wait before the retry [`CallStep::Retry`] asked for.
    pub fn delay_ms(&self) -> f64 {
        self.delay_ms as f64
    }

    /// Where the transition went ([`CallStep::Location`], [`CallStep::Resource`]).
    pub fn location(&self) -> Option<String> {
        self.exchange.location().map(str::to_owned)
    }

    /// Which fields of the value ([`CallStep::Value`], [`CallStep::Resource`]) to set to
    /// `null` where the server left them out (the core's
    /// `Exchange::absent_fields`), or `undefined` when none is missing.
    pub fn absent(&self) -> Option<String> {
        self.exchange.absent_fields()
    }

    /// The next attempt's URL, once `token` (the bearer token, if any) is
    /// known to fit in a header; or the step that ends the call when it
    /// does not. The transport sends the client's fixed headers, the bearer
    /// token and, for a body, its content type (`headers`).
    pub fn request(&mut self, token: Option<String>) -> Result<String, CallStep> {
        if let Some(token) = &token {
            if let Err(e) = jifeline_tickets_core::request::check_token(token) {
                return Err(self.end(e, JsValue::UNDEFINED));
            }
        }
        let url = self.options.config.url(self.exchange.request());
        self.url = Some(url.clone());
        self.exchange.sent_with(token.as_deref());
        Ok(url)
    }

    /// The next attempt's headers: the client's fixed ones, the bearer
    /// token and, for a body, its content type (what the core's
    /// `ClientConfig::prepare` builds; the token was checked by `request`).
    pub(crate) fn headers(&self, token: Option<&str>, has_body: bool) -> web_sys::Headers {
        let headers = match web_sys::Headers::new() {
            Ok(h) => h,
            Err(_) => return JsValue::UNDEFINED.unchecked_into(),
        };
        for (name, value) in self.options.config.fixed_headers() {
            let _ = headers.append(&name, &value);
        }
        if let Some(token) = token {
            let _ = headers.append("authorization", &format!("Bearer {token}"));
        }
        if has_body {
            let _ = headers.append("content-type", "application/json");
        }
        headers
    }

    /// The JSON body of the current request (PUT, PATCH), or `undefined`.
    pub fn body(&self) -> Option<String> {
        // The core wrote it from Rust strings: valid UTF-8 (and no lossy
        // decoder in the module for a case that cannot happen).
        let body = self.exchange.request().body.clone()?;
        String::from_utf8(body).ok()
    }

    /// The attempt was answered: its status, `Content-Type`, `Location` and
    /// `Retry-After`, `Response.url` and `.redirected`, the body, and the
    /// `Headers` (kept for the error). `now` is `Date.now()`, `random`
    /// `Math.random()`. Returns the next step.
    #[allow(clippy::too_many_arguments)]
    pub fn answered(
        &mut self,
        status: f64,
        content_type: Option<String>,
        location: Option<String>,
        retry_after: Option<String>,
        url: Option<String>,
        redirected: bool,
        body: &[u8],
        headers: JsValue,
        now: f64,
        random: f64,
    ) -> CallStep {
        let head = ResponseHead {
            // An injected fetch may resolve to anything with a number there.
            status: if (0.0..=999.0).contains(&status) {
                status as u16
            } else {
                0
            },
            content_type,
            location,
            retry_after,
            url: url.filter(|u| !u.is_empty()),
            redirected,
        };
        self.cause = JsValue::UNDEFINED;
        self.headers = headers;
        let step = self
            .exchange
            .answered(&self.options.config, &head, body, now as u64, random);
        self.step(step)
    }

    /// The attempt (or the call before one) failed without an answer.
    /// Returns the next step.
    pub fn failed(&mut self, failure: AttemptFailure, now: f64, random: f64) -> CallStep {
        let (failure, cause) = match failure {
            AttemptFailure::Aborted(reason) => (Failure::Aborted, reason),
            AttemptFailure::AbortedUnsent(reason) => {
                self.exchange.withdrawn();
                (Failure::Aborted, reason)
            }
            AttemptFailure::Timeout => (Failure::Timeout(self.timeout_ms), JsValue::UNDEFINED),
            AttemptFailure::Network(thrown) => {
                let why = js::thrown_message(&thrown);
                return self.network(&why, thrown, now, random);
            }
            AttemptFailure::NotAResponse(value) => {
                let why = format!(
                    "the fetch function resolved to {}, not a Response",
                    super::input::given_in_words(&value)
                );
                return self.network(&why, JsValue::UNDEFINED, now, random);
            }
            AttemptFailure::TokenThrew(thrown) => {
                return match from_thrown(&thrown) {
                    Some(kept) => self.end(kept, js::get(&thrown, "cause")),
                    None => {
                        let e = Error::auth(&self.exchange.describe(), js::thrown_message(&thrown));
                        self.end(e, thrown)
                    }
                }
            }
            AttemptFailure::TokenInvalid(value) => {
                let e = Error::validation(
                    "accessToken",
                    format!(
                        "expected the accessToken function to return a non-empty string, {{ token, expiresAt }} or {{ token, expiresIn }}, got {}",
                        super::input::given_in_words(&value)
                    ),
                );
                return self.end(e, JsValue::UNDEFINED);
            }
            AttemptFailure::Unparsable(thrown) => {
                let e = Error::decode(None, js::thrown_message(&thrown));
                return self.end(e, JsValue::UNDEFINED);
            }
            AttemptFailure::BadSignal(thrown) => {
                self.exchange.withdrawn();
                let e = Error::validation(
                    "options.signal",
                    "expected an AbortSignal: its addEventListener threw, so an abort could not be heard",
                );
                return self.end(e, thrown);
            }
            AttemptFailure::NoFetch => {
                self.exchange.withdrawn();
                let e = Error::validation(
                    "fetch",
                    "expected a fetch function: this runtime has no global fetch, so pass the fetch option",
                );
                return self.end(e, JsValue::UNDEFINED);
            }
        };
        self.headers = JsValue::UNDEFINED;
        self.cause = cause;
        let step = self.exchange.failed(failure, now as u64, random);
        self.step(step)
    }

    /// fetch failed (`why`), or gave no Response; `cause` is what it threw.
    fn network(&mut self, why: &str, cause: JsValue, now: f64, random: f64) -> CallStep {
        self.headers = JsValue::UNDEFINED;
        let step = self.exchange.failed(Failure::Network(why), now as u64, random);
        self.cause = cause;
        self.step(step)
    }

    /// `GET /v2/…`, for messages about the current request.
    pub(crate) fn describe(&self) -> String {
        self.exchange.describe()
    }

    /// The core error the call ended with (for the Rust client), if it ended with one.
    pub(crate) fn ended_with(&self) -> Option<Error> {
        match &self.error {
            Some((e, true)) => Some(e.clone()),
            _ => None,
        }
    }

    /// The `JifelineError` of the latest step: the one the call rejects with
    /// ([`CallStep::Fail`], with the request's `method` and `url`, its `cause`
    /// and the answer's `headers`), or the one an attempt ended with before a
    /// retry ([`CallStep::Retry`], [`CallStep::Refresh`]), for `onRetry`.
    pub fn error(&self) -> JsValue {
        let Some((e, ended)) = &self.error else {
            return JsValue::UNDEFINED;
        };
        if !ended {
            return to_js(e);
        }
        let answered = matches!(e.kind, ErrorKind::Http | ErrorKind::Decode);
        let context = CallContext {
            method: Some(self.exchange.request().method.as_str()),
            url: self.url.as_deref(),
            cause: Some(&self.cause).filter(|c| !c.is_undefined()),
            headers: Some(&self.headers).filter(|h| answered && !h.is_undefined()),
        };
        to_js_of_call(e, &context)
    }
}

/// A thrown `JifelineError` (by name and `kind`, across realms) as the core
/// error it stands for, with every field it carries: `clientCredentials`
/// throws them from the token function, and the call keeps them as they are.
fn from_thrown(thrown: &JsValue) -> Option<Error> {
    if js::get(thrown, "name").as_string().as_deref() != Some("JifelineError") {
        return None;
    }
    let kind = ErrorKind::parse(&js::get(thrown, "kind").as_string()?)?;
    let mut e = Error::from_parts(kind, js::get(thrown, "message").as_string()?);
    e.status = js::get(thrown, "status").as_f64().map(|s| s as u16);
    e.field = js::get(thrown, "field").as_string();
    e.retryable = js::get(thrown, "retryable").as_bool() == Some(true);
    e.retry_after_ms = js::get(thrown, "retryAfterMs").as_f64().map(|ms| ms as u64);
    Some(e)
}
