//! One call to the API as a sans-IO state machine: which request to send,
//! and after each attempt's answer or failure, what comes next (the value,
//! a retry after a delay, a re-send with a fresh token, the GET a transition
//! redirects to, or the error that ends the call).
//!
//! The transport owns the I/O (fetch, timers, aborts, tokens, hooks) and asks
//! the exchange after every attempt, so the rules (which statuses are
//! retried, for which methods, when a 401 is re-sent, how a transition's 303
//! is followed and what ends the call) live here once, tested natively, and
//! any transport (the package's JavaScript, a Rust app's own) applies them
//! the same way.

use crate::check::{Kind, Schema};
use crate::error::Error;
use crate::model::{OutsourcedTicket, Resource, Ticket};
use crate::request::{self, ApiRequest, ClientConfig, Secret};
use crate::response::{self, ResponseHead, TargetKind};
use crate::retry::{self, Outcome, RetryDecision, RetryPolicy};

/// What a call's successful answer must be.
#[derive(Debug, Clone, Copy)]
pub enum Expect {
    /// A 2xx JSON body of this schema (a [`Resource::SCHEMA`]).
    Resource(&'static Schema),
    /// A transition's 303 See Other, whose target is read when it is on the
    /// API's origin.
    Transition,
}

/// Why an attempt produced no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure<'a> {
    /// The caller's signal aborted (before, during or between attempts).
    Aborted,
    /// The attempt's timeout fired after this many milliseconds.
    Timeout(u64),
    /// No answer (connection refused, DNS, CORS), with why.
    Network(&'a str),
}

/// What the transport does next.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Done: the last answer's body is the value (checked against the schema).
    Value,
    /// Done: the transition happened; [`Exchange::location`] says where to.
    Location,
    /// Done: the transition happened, and the last answer's body is the
    /// resource at [`Exchange::location`] (checked against its schema).
    LocationAndResource,
    /// Send [`Exchange::request`], a new request (a transition's target),
    /// whose attempts are counted from 1 again.
    Send,
    /// Send the same request again at once with a fresh token: the API
    /// refused the one given (the error is that 401, for telemetry).
    Refresh(Error),
    /// Send the same request again after `delay_ms`; `error` is what this
    /// attempt ended with (for telemetry).
    Retry {
        /// How long to wait first.
        delay_ms: u64,
        /// What the attempt ended with.
        error: Error,
    },
    /// Done: the call failed with this error.
    Fail(Error),
}

/// A call in progress (see the module documentation).
#[derive(Debug)]
pub struct Exchange {
    request: ApiRequest,
    expect: Expect,
    policy: RetryPolicy,
    token_is_refreshable: bool,
    /// Attempts of the current request as the retry policy counts them.
    attempt: u32,
    refreshed: bool,
    /// After a transition's 303 on the API's origin: which resource the GET
    /// of its target (now `request`) must return.
    followed: Option<TargetKind>,
    location: Option<String>,
    /// The bearer token the current attempt carries, kept only to take it
    /// out of the server's words (see [`Exchange::sent_with`]).
    token: Option<Secret>,
    /// Whether the current attempt has been handed to the transport and not
    /// yet answered or failed: an abort then may come after the server acted.
    in_flight: bool,
    /// The schema of the value that ended the call, where one of its objects
    /// may have left out an optional field (see [`Exchange::absent_fields`]).
    absent: Option<&'static Schema>,
}

impl Exchange {
    /// A call that sends `request` and expects `expect`, retrying as `policy`
    /// allows; `token_is_refreshable` when the token comes from a function
    /// that can hand out a fresh one (a 401 is then re-sent once).
    pub fn new(request: ApiRequest, expect: Expect, policy: RetryPolicy, token_is_refreshable: bool) -> Exchange {
        Exchange {
            request,
            expect,
            policy,
            token_is_refreshable,
            attempt: 0,
            refreshed: false,
            followed: None,
            location: None,
            token: None,
            in_flight: false,
            absent: None,
        }
    }

    /// The attempt about to be sent carries `token`: a problem that echoes
    /// it (or the API key) gets `[redacted]` in its place, before a message
    /// quotes it. From here until its answer or failure the attempt is in
    /// flight.
    pub fn sent_with(&mut self, token: Option<&str>) {
        self.token = token.map(Secret::new);
        self.in_flight = true;
    }

    /// The attempt handed out with [`Exchange::sent_with`] was not sent after
    /// all (the caller aborted before fetch was called): an abort now cannot
    /// have reached the server.
    pub fn withdrawn(&mut self) {
        self.in_flight = false;
    }

    /// The API key and the token of the current attempt: what no error may quote.
    fn secrets<'a>(&'a self, config: &'a ClientConfig) -> [&'a str; 2] {
        config.secrets(self.token.as_ref().map(Secret::expose))
    }

    /// Takes the credentials out of any error of this call whose words came
    /// from elsewhere (a runtime's network message, a quoted answer); a
    /// problem's own words are redacted earlier, before they are quoted.
    pub fn redact(&self, config: &ClientConfig, error: &mut Error) {
        error.redact(&self.secrets(config));
    }

    /// The error of a non-2xx answer, without the credentials.
    fn error_from(&self, config: &ClientConfig, head: &ResponseHead, body: &[u8], now_ms: u64) -> Error {
        response::error_from_redacted(&self.request, head, body, now_ms, &self.secrets(config))
    }

    /// The request to send now.
    pub fn request(&self) -> &ApiRequest {
        &self.request
    }

    /// Where the transition went, once it is known.
    pub fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }

    /// `GET /v2/…`, for messages about the current request.
    pub fn describe(&self) -> String {
        self.request.describe()
    }

    /// The attempt was answered with `head` and `body`. `now_ms` (Unix time)
    /// resolves a `Retry-After` date; `random` in `[0, 1)` jitters backoff.
    pub fn answered(
        &mut self,
        config: &ClientConfig,
        head: &ResponseHead,
        body: &[u8],
        now_ms: u64,
        random: f64,
    ) -> Step {
        self.attempt += 1;
        self.in_flight = false;
        if head.redirected && self.followed.is_none() && matches!(self.expect, Expect::Transition) {
            // The transport followed the 303: the transition happened, whatever
            // the target answered (a 401 where a browser dropped the token on
            // another origin, a 429). Nothing may send the PATCH again.
            return self.finish(config, head, body, now_ms);
        }
        if let Some(step) = self.left_home(config, head) {
            return step;
        }
        let status = head.status;
        if status < 400 {
            return self.finish(config, head, body, now_ms);
        }
        if retry::should_refresh_token(status, self.token_is_refreshable, self.refreshed) {
            // Not a retry of a failure: the same attempt, with a fresh token.
            self.refreshed = true;
            self.attempt -= 1;
            return Step::Refresh(self.error_from(config, head, body, now_ms));
        }
        let outcome = Outcome::Status(status, head.retry_after.as_deref());
        match self
            .policy
            .decide(self.request.method, self.attempt, outcome, now_ms, random)
        {
            RetryDecision::Stop => self.finish(config, head, body, now_ms),
            RetryDecision::RetryAfter(delay_ms) => Step::Retry {
                delay_ms,
                error: self.error_from(config, head, body, now_ms),
            },
        }
    }

    /// A followed redirect that ended on another origin than the base URL's
    /// (a browser's fetch follows any). Nothing from there is the API's
    /// answer: a read or update fails, and the GET of a transition's target
    /// ends with the location alone. A transition's own 303 is
    /// [`response::decode_transition`]'s to read: its final URL is the location.
    fn left_home(&mut self, config: &ClientConfig, head: &ResponseHead) -> Option<Step> {
        if !head.redirected {
            return None;
        }
        let origin = response::origin_of(head.url.as_deref().unwrap_or(""));
        if origin.as_deref() == Some(config.origin()) {
            return None;
        }
        if self.followed.is_some() {
            return Some(Step::Location);
        }
        match self.expect {
            Expect::Transition => None,
            Expect::Resource(_) => Some(Step::Fail(Error::decode(
                None,
                format_args!(
                    "{} was redirected to {}, another origin than the base URL's, and an answer from there is not used",
                    self.describe(),
                    origin.as_deref().unwrap_or("an unknown URL")
                ),
            ))),
        }
    }

    /// The attempt produced no answer.
    pub fn failed(&mut self, failure: Failure<'_>, now_ms: u64, random: f64) -> Step {
        self.attempt += 1;
        let in_flight = std::mem::replace(&mut self.in_flight, false);
        let context = self.describe();
        let (error, outcome) = match failure {
            // Aborted before the request left, nothing happened; aborted while
            // it was out, a transition may have been applied all the same.
            Failure::Aborted if in_flight => return self.end(Error::aborted(&context).for_method(self.request.method)),
            Failure::Aborted => return self.end(Error::aborted(&context)),
            Failure::Timeout(ms) => (Error::timeout(&context, ms), Outcome::Timeout),
            Failure::Network(why) => (Error::network(&context, why), Outcome::Network),
        };
        match self
            .policy
            .decide(self.request.method, self.attempt, outcome, now_ms, random)
        {
            RetryDecision::Stop => {
                let method = self.request.method;
                self.end(error.for_method(method))
            }
            RetryDecision::RetryAfter(delay_ms) => Step::Retry { delay_ms, error },
        }
    }

    /// The call cannot go on (no token, the caller aborted): fails with
    /// `error`, except after a transition happened, which then ends with its
    /// location (failing to read where it went must not look like a failed
    /// transition).
    pub fn end(&mut self, error: Error) -> Step {
        match self.followed {
            Some(_) => Step::Location,
            None => Step::Fail(error),
        }
    }

    /// The answer that ends the current request, whatever its status.
    fn finish(&mut self, config: &ClientConfig, head: &ResponseHead, body: &[u8], now_ms: u64) -> Step {
        if let Some(kind) = self.followed {
            return match self.read_target(kind, head, body) {
                true => Step::LocationAndResource,
                false => Step::Location,
            };
        }
        match self.expect {
            Expect::Resource(schema) => {
                if !(200..300).contains(&head.status) {
                    return Step::Fail(self.error_from(config, head, body, now_ms));
                }
                match response::check_json(head, body, schema) {
                    Ok(complete) => {
                        self.absent = (!complete).then_some(schema);
                        Step::Value
                    }
                    Err(e) => Step::Fail(e),
                }
            }
            Expect::Transition => {
                if head.status >= 400 && !head.redirected {
                    // What `decode_transition` would say, without the credentials.
                    return Step::Fail(self.error_from(config, head, body, now_ms));
                }
                let target = match response::decode_transition(config, &self.request, head, body, now_ms) {
                    Ok(target) => target,
                    // A 2xx or 3xx the SDK cannot read: the server may well have acted.
                    Err(e) => return Step::Fail(e.for_method(self.request.method)),
                };
                self.location = Some(target.location.clone());
                if !target.same_origin || target.kind == TargetKind::Unknown {
                    return Step::Location;
                }
                if head.redirected {
                    // The transport followed the 303: the body is the resource, if it can be read.
                    return match self.read_target(target.kind, head, body) {
                        true => Step::LocationAndResource,
                        false => Step::Location,
                    };
                }
                match request::get_transition_target(&target.path) {
                    Ok(get) => {
                        self.request = get;
                        self.attempt = 0;
                        self.refreshed = false;
                        self.followed = Some(target.kind);
                        Step::Send
                    }
                    Err(_) => Step::Location,
                }
            }
        }
    }
}

impl Exchange {
    /// Whether a 2xx `body` is the resource a transition's target names.
    fn read_target(&mut self, kind: TargetKind, head: &ResponseHead, body: &[u8]) -> bool {
        let schema = match kind {
            TargetKind::Ticket => Ticket::SCHEMA,
            TargetKind::OutsourcedTicket => OutsourcedTicket::SCHEMA,
            TargetKind::Unknown => return false,
        };
        if !(200..300).contains(&head.status) {
            return false;
        }
        match response::check_json(head, body, schema) {
            Ok(complete) => {
                self.absent = (!complete).then_some(schema);
                true
            }
            Err(_) => false,
        }
    }

    /// Where the value that ended the call may lack optional fields, which
    /// ones to set to `null` so that it has every field its type declares: the
    /// reference says some are "only present" for some tickets
    /// (`cancel_reason_id`, `finished_at`), and a caller must not have to tell
    /// a missing field from a `null` one. `"result:a,b"` for the items of a
    /// page, `":a,b"` for the resource itself; `None` when nothing is missing.
    pub fn absent_fields(&self) -> Option<String> {
        let schema = self.absent?;
        let (path, items) = schema
            .fields
            .iter()
            .find_map(|f| match f.kind {
                Kind::Items(items) => Some((f.name, items)),
                _ => None,
            })
            .unwrap_or(("", schema));
        let names: Vec<&str> = items.fields.iter().filter(|f| f.optional).map(|f| f.name).collect();
        (!names.is_empty()).then(|| format!("{path}:{}", names.join(",")))
    }
}
