//! The one error type of the SDK.
//!
//! Every failure — bad input, an HTTP error answer, a body that does not match
//! the reference, a network failure, a timeout or a cancellation — is an
//! [`Error`] with a [`ErrorKind`], so callers branch on one field instead of on
//! a family of types. The JavaScript binding maps it one-to-one onto
//! `JifelineError`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What went wrong, in the categories a caller acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input was refused before any request was sent.
    Validation,
    /// The server answered with a non-2xx status.
    Http,
    /// The request never got an answer (DNS, connection refused or reset, CORS).
    Network,
    /// An attempt took longer than the configured timeout.
    Timeout,
    /// The caller cancelled the call through its `AbortSignal`.
    Aborted,
    /// The server's 2xx answer did not match the API reference.
    Decode,
    /// No access token could be had: the `accessToken` function threw or
    /// rejected, or the OAuth2 token endpoint refused or failed.
    Auth,
}

impl ErrorKind {
    /// The name used on the wire to JavaScript (`JifelineError.kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Validation => "validation",
            ErrorKind::Http => "http",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Aborted => "aborted",
            ErrorKind::Decode => "decode",
            ErrorKind::Auth => "auth",
        }
    }

    /// The kind named `name` (the inverse of [`ErrorKind::as_str`]).
    pub fn parse(name: &str) -> Option<ErrorKind> {
        Some(match name {
            "validation" => ErrorKind::Validation,
            "http" => ErrorKind::Http,
            "network" => ErrorKind::Network,
            "timeout" => ErrorKind::Timeout,
            "aborted" => ErrorKind::Aborted,
            "decode" => ErrorKind::Decode,
            "auth" => ErrorKind::Auth,
            _ => return None,
        })
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An SDK failure, carrying what a caller needs to react to it.
///
/// Messages never contain credentials: the core never puts a token or API key
/// into a message, and URLs never carry them.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    /// The category of failure.
    pub kind: ErrorKind,
    /// One sentence saying what happened.
    pub message: String,
    /// The HTTP status, for [`ErrorKind::Http`].
    pub status: Option<u16>,
    /// The RFC 7807 problem the server sent, when its body was one.
    pub problem: Option<Box<Problem>>,
    /// The parameter or JSON path at fault, for validation and decode errors
    /// (`limit`, `transition.product_ids[1]`, `result[3].vin`).
    pub field: Option<String>,
    /// Whether the same request may succeed if sent again later.
    pub retryable: bool,
    /// How long the server asked the client to wait (`Retry-After`), in milliseconds.
    pub retry_after_ms: Option<u64>,
}

impl Error {
    fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            status: None,
            problem: None,
            field: None,
            retryable: false,
            retry_after_ms: None,
        }
    }

    /// Input refused before sending: `field` names the parameter, `reason` says why.
    #[inline]
    pub fn validation(field: impl Into<String>, reason: impl fmt::Display) -> Self {
        Error::validation_of(field.into(), &reason)
    }

    /// [`Error::validation`] without generics: one copy in the wasm module
    /// instead of one per argument type (the generic shell inlines away).
    fn validation_of(field: String, reason: &dyn fmt::Display) -> Self {
        let mut e = Error::new(ErrorKind::Validation, format!("Invalid `{field}`: {reason}."));
        e.field = Some(field);
        e
    }

    /// A 2xx body that does not match the reference; `field` is the JSON path, when known.
    #[inline]
    pub fn decode(field: Option<String>, reason: impl fmt::Display) -> Self {
        Error::decode_of(field, &reason)
    }

    /// [`Error::decode`] without generics (see [`Error::validation_of`]).
    fn decode_of(field: Option<String>, reason: &dyn fmt::Display) -> Self {
        let message = match &field {
            Some(path) if !path.is_empty() && path != "." => {
                format!("The server's response did not match the API reference at `{path}`: {reason}.")
            }
            _ => format!("The server's response did not match the API reference: {reason}."),
        };
        let mut e = Error::new(ErrorKind::Decode, message);
        e.field = field.filter(|p| !p.is_empty() && p != ".");
        e
    }

    /// A non-2xx answer.
    pub fn http(
        status: u16,
        problem: Option<Problem>,
        context: &str,
        retryable: bool,
        retry_after_ms: Option<u64>,
    ) -> Self {
        let mut message = format!("{context} failed with status {status}");
        if let Some(reason) = reason_phrase(status) {
            message.push_str(&format!(" ({reason})"));
        }
        if let Some(p) = &problem {
            match (p.title.as_deref(), p.detail.as_deref()) {
                (Some(t), Some(d)) if !d.is_empty() => message.push_str(&format!(": {t}: {d}")),
                (Some(t), _) if !t.is_empty() => message.push_str(&format!(": {t}")),
                (None, Some(d)) if !d.is_empty() => message.push_str(&format!(": {d}")),
                _ => {}
            }
        }
        message.push('.');
        let mut e = Error::new(ErrorKind::Http, message);
        e.status = Some(status);
        e.problem = problem.map(Box::new);
        e.retryable = retryable;
        e.retry_after_ms = retry_after_ms;
        e
    }

    /// The request got no answer.
    pub fn network(context: &str, cause: impl fmt::Display) -> Self {
        let mut e = Error::new(
            ErrorKind::Network,
            format!("{context} failed: network error ({cause})."),
        );
        e.retryable = true;
        e
    }

    /// An attempt exceeded `timeout_ms`.
    pub fn timeout(context: &str, timeout_ms: u64) -> Self {
        let mut e = Error::new(
            ErrorKind::Timeout,
            format!("{context} timed out after {timeout_ms} ms."),
        );
        e.retryable = true;
        e
    }

    /// No access token for `context`: the token source failed with `cause`
    /// (whose text never holds a credential: the binding reads only the
    /// thrown error's message). Worth retrying: a token look-up has no effect
    /// on the API, and most failures (a token service restarting) pass.
    pub fn auth(context: &str, cause: impl fmt::Display) -> Self {
        let mut e = Error::new(
            ErrorKind::Auth,
            format!("{context} was not sent: no access token ({cause})."),
        );
        e.retryable = true;
        e
    }

    /// An error as another layer made it (`JifelineError` fields read back
    /// from JavaScript), kept as it was.
    pub fn from_parts(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error::new(kind, message)
    }

    /// This error as the caller of a `method` request must read it. For a
    /// transition (PATCH, never retried, not idempotent), `retryable` means
    /// "sending it again is safe": true only for a 429, which the server
    /// answered without acting. After a timeout, a lost connection or a 5xx
    /// the transition may have been applied, and the message says to read
    /// the ticket first; a 404 or 409 says why no in-progress ticket has the id.
    pub fn for_method(mut self, method: crate::request::Method) -> Self {
        if method.is_idempotent() {
            return self;
        }
        let unanswered = matches!(self.kind, ErrorKind::Network | ErrorKind::Timeout);
        let server_failed = self.kind == ErrorKind::Http && self.status.is_some_and(|s| s >= 500);
        if unanswered || server_failed {
            self.retryable = false;
            self.message
                .push_str(" The transition may have been applied: read the ticket before sending it again.");
        } else if self.kind == ErrorKind::Http && matches!(self.status, Some(404 | 409)) {
            self.retryable = false;
            self.message.push_str(
                " No in-progress ticket has this id: it may have been completed, cancelled or outsourced already.",
            );
        } else if self.kind == ErrorKind::Http {
            self.retryable = self.status == Some(429);
        }
        self
    }

    /// The caller aborted.
    pub fn aborted(context: &str) -> Self {
        Error::new(ErrorKind::Aborted, format!("{context} was aborted."))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return None,
    })
}

/// An RFC 7807 problem: the body of every error answer of the API
/// (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// A URI identifying the problem type; `about:blank` when absent.
    #[serde(rename = "type", default = "about_blank")]
    pub type_: String,
    /// A short, human-readable summary of the problem type.
    #[serde(default)]
    pub title: Option<String>,
    /// The HTTP status the server generated for this occurrence.
    #[serde(default)]
    pub status: Option<u16>,
    /// A human-readable explanation specific to this occurrence.
    #[serde(default)]
    pub detail: Option<String>,
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_name() {
        use ErrorKind::*;
        for kind in [Validation, Http, Network, Timeout, Aborted, Decode, Auth] {
            assert_eq!(ErrorKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ErrorKind::parse("Auth"), None);
    }

    #[test]
    fn a_transition_is_retryable_only_where_the_server_certainly_did_not_apply_it() {
        use crate::request::Method;
        let ctx = "PATCH /v2/tickets/in-progress-tickets/x";
        let timeout = Error::timeout(ctx, 100).for_method(Method::Patch);
        assert!(!timeout.retryable);
        assert_eq!(
            timeout.message,
            "PATCH /v2/tickets/in-progress-tickets/x timed out after 100 ms. The transition may have been applied: read the ticket before sending it again."
        );
        assert!(!Error::network(ctx, "reset").for_method(Method::Patch).retryable);
        assert!(
            !Error::http(503, None, ctx, true, None)
                .for_method(Method::Patch)
                .retryable
        );
        assert!(
            Error::http(429, None, ctx, true, None)
                .for_method(Method::Patch)
                .retryable
        );
        let gone = Error::http(404, None, ctx, false, None).for_method(Method::Patch);
        assert!(gone
            .message
            .ends_with("it may have been completed, cancelled or outsourced already."));
        // Reads and updates keep their meaning.
        assert!(
            Error::http(503, None, "GET /v2", true, None)
                .for_method(Method::Get)
                .retryable
        );
        assert!(Error::timeout("PUT /v2", 5).for_method(Method::Put).retryable);
    }

    #[test]
    fn an_auth_error_names_the_call_and_the_cause_and_may_be_retried() {
        let e = Error::auth("GET /v2/tickets/tickets", "token service unavailable");
        assert_eq!(e.kind, ErrorKind::Auth);
        assert_eq!(
            e.message,
            "GET /v2/tickets/tickets was not sent: no access token (token service unavailable)."
        );
        assert!(e.retryable);
    }
}
