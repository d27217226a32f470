//! Sending a request: attempts over [`super::fetch`], retries as
//! [`jifeline_tickets_core::retry`] decides (the caller's `AbortSignal` is
//! honoured during backoff waits too), the 401 re-send with a fresh token,
//! and the hook events of every attempt.

use wasm_bindgen::JsValue;

use super::errors::to_js;
use super::fetch::{attempt_once, is_aborted, sleep, Answer, Failure};
use super::hooks::{clock_ms, duration_since, Event, Hook};
use super::options::{ApiOptions, CallOptions, TokenSource};
use super::token;
use jifeline_tickets_core::error::Error;
use jifeline_tickets_core::request::ApiRequest;
use jifeline_tickets_core::retry::{Outcome, RetryDecision};

/// Milliseconds since the Unix epoch, from the JS clock (`std`'s clock panics on wasm32).
pub(crate) fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// What one call has done so far, for its hook events: which operation, the
/// URL of its latest request, how many attempts that request took.
pub(crate) struct Trace {
    /// The `TicketsApi` method (`listTickets`).
    pub operation: &'static str,
    /// The method of the latest request, or of the operation before one is built.
    pub method: &'static str,
    /// The full URL of the latest request, once one was built.
    pub url: Option<String>,
    /// The number of the latest attempt (0 before any was sent).
    pub attempt: u32,
    /// When the call began ([`clock_ms`]).
    pub started: f64,
    /// What a failure came from, for `JifelineError.cause`: what the token
    /// function or fetch threw, the signal's reason on an abort.
    pub cause: Option<JsValue>,
    /// The `Headers` of the latest attempt's answer (none when it got none),
    /// for `JifelineError.headers`.
    pub headers: Option<JsValue>,
}

impl Trace {
    pub(crate) fn new(operation: &'static str, method: &'static str) -> Trace {
        Trace {
            operation,
            method,
            url: None,
            attempt: 0,
            started: clock_ms(),
            cause: None,
            headers: None,
        }
    }
}

/// Sends `request`, retrying as the policy allows; returns the last answer
/// (2xx or not) or the failure that ended the call. Every attempt is told to
/// the hooks: `onRequest` before it, `onResponse` when it was answered,
/// `onRetry` before the next one.
pub(crate) async fn send(
    opts: &ApiOptions,
    request: &ApiRequest,
    call: &CallOptions,
    trace: &mut Trace,
) -> Result<Answer, Error> {
    let context = request.describe();
    let timeout_ms = call.timeout_ms.unwrap_or(opts.timeout_ms);
    let hooks = &opts.hooks;
    let policy = call.retry.as_ref().unwrap_or(&opts.retry);
    // `attempt` counts what the retry policy counts; `sent` every request on
    // the wire, the 401 re-send with a fresh token included.
    let mut attempt: u32 = 0;
    let mut sent: u32 = 0;
    let mut refreshed = false;
    let mut rejected: Option<String> = None;
    trace.method = request.method.as_str();
    loop {
        attempt += 1;
        if is_aborted(call.signal.as_ref()) {
            trace.cause = reason(call);
            return Err(Error::aborted(&context));
        }
        let token = token::resolve(&opts.token, rejected.take(), &context, &mut trace.cause).await?;
        let http = opts.config.prepare(request, token.as_deref())?;
        sent += 1;
        trace.attempt = sent;
        let method = request.method.as_str();
        hooks.emit(Hook::Request, &|| {
            Event::attempt(trace.operation, method, &http.url, sent)
        });
        trace.url = Some(http.url.clone());
        let url = http.url.as_str();
        let began = clock_ms();
        let result = attempt_once(opts, &http, call.signal.as_ref(), timeout_ms).await;
        trace.headers = result.as_ref().ok().map(|answer| answer.headers.clone());
        if let Ok(answer) = &result {
            hooks.emit(Hook::Response, &|| {
                Event::attempt(trace.operation, method, url, sent)
                    .number("status", answer.head.status as f64)
                    .number("durationMs", duration_since(began))
            });
        }
        let (outcome, result) = match result {
            Ok(answer) if answer.head.status < 400 => return Ok(answer),
            Ok(answer)
                if jifeline_tickets_core::retry::should_refresh_token(
                    answer.head.status,
                    matches!(opts.token, TokenSource::Function(_)),
                    refreshed,
                ) =>
            {
                // Not a retry of a failure: the same attempt, with a fresh token.
                hooks.emit(Hook::Retry, &|| {
                    retry_event(trace, method, url, sent, 0)
                        .number("status", 401.0)
                        .value("error", &to_js(&failure_of(request, &answer)))
                });
                refreshed = true;
                rejected = token;
                attempt -= 1;
                continue;
            }
            Ok(answer) => {
                let retry_after = answer.head.retry_after.clone();
                let decision = policy.decide(
                    request.method,
                    attempt,
                    Outcome::Status(answer.head.status, retry_after.as_deref()),
                    now_ms(),
                    js_sys::Math::random(),
                );
                (decision, Ok(answer))
            }
            Err(Failure::Aborted) => {
                trace.cause = reason(call);
                return Err(Error::aborted(&context));
            }
            Err(Failure::Timeout) => (
                policy.decide(
                    request.method,
                    attempt,
                    Outcome::Timeout,
                    now_ms(),
                    js_sys::Math::random(),
                ),
                Err((Error::timeout(&context, timeout_ms), JsValue::UNDEFINED)),
            ),
            Err(Failure::Network(why, thrown)) => (
                policy.decide(
                    request.method,
                    attempt,
                    Outcome::Network,
                    now_ms(),
                    js_sys::Math::random(),
                ),
                Err((Error::network(&context, why), thrown)),
            ),
        };
        match outcome {
            RetryDecision::Stop => {
                return result.map_err(|(e, thrown)| {
                    trace.cause = Some(thrown).filter(|t| !t.is_undefined());
                    e.for_method(request.method)
                })
            }
            RetryDecision::RetryAfter(ms) => {
                hooks.emit(Hook::Retry, &|| {
                    let event = retry_event(trace, method, url, sent, ms);
                    match &result {
                        Ok(answer) => event
                            .number("status", answer.head.status as f64)
                            .value("error", &to_js(&failure_of(request, answer))),
                        Err((e, _)) => event.value("error", &to_js(e)),
                    }
                });
                if sleep(ms, call.signal.as_ref()).await.is_err() {
                    trace.cause = reason(call);
                    return Err(Error::aborted(&context));
                }
            }
        }
    }
}

/// The reason the caller's signal aborted with (`signal.reason`), if any.
fn reason(call: &CallOptions) -> Option<JsValue> {
    let signal = call.signal.as_ref()?;
    Some(super::js::get(signal, "reason")).filter(|r| !r.is_undefined())
}

/// The `onRetry` event of the attempt `sent` that is retried after `delay_ms`.
fn retry_event(trace: &Trace, method: &str, url: &str, sent: u32, delay_ms: u64) -> Event {
    Event::attempt(trace.operation, method, url, sent).number("delayMs", delay_ms as f64)
}

/// The error a non-2xx answer stands for, for the hooks (the call itself
/// builds its own when it ends on this answer).
fn failure_of(request: &ApiRequest, answer: &Answer) -> Error {
    jifeline_tickets_core::response::error_from(request, &answer.head, &answer.body, now_ms())
}
