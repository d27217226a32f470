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
        let reason = reason_phrase(status);
        if let Some(reason) = reason {
            message.push_str(&format!(" ({reason})"));
        }
        if let Some(p) = &problem {
            // A title that only repeats the reason phrase ("Not Found") says nothing new.
            let title = p
                .title
                .as_deref()
                .filter(|t| !reason.is_some_and(|r| t.trim().eq_ignore_ascii_case(r)));
            // The server's words, on one line and of a readable length; `problem` keeps them whole.
            for text in [title, p.detail.as_deref()].into_iter().flatten() {
                if !text.is_empty() {
                    message.push_str(": ");
                    push_one_line(&mut message, text, SERVER_TEXT_MAX_CHARS);
                }
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

    /// Replaces each of `secrets` (the API key, the token sent) wherever the
    /// server's words carry it into the error: a problem's `detail` that
    /// echoes the credential it refused would otherwise put it in a message
    /// that portals log and show. A secret shorter than
    /// [`REDACT_MIN_LEN`] is left alone: it cannot be told from the words
    /// around it (a test's token `"t"` would take every `t` out of the message).
    pub fn redact(&mut self, secrets: &[&str]) {
        for secret in longest_first(secrets) {
            redact_in(&mut self.message, secret);
        }
        if let Some(p) = &mut self.problem {
            p.redact(secrets);
        }
    }

    /// This error as the caller of a `method` request must read it. For a
    /// transition (PATCH, never retried, not idempotent), `retryable` means
    /// "sending it again is safe": true only for a 429, which the server
    /// answered without acting. After a timeout, a lost connection or a 5xx
    /// the transition may have been applied, and the message says to read
    /// the ticket first; so it does after an abort while the request was out
    /// and after a success answer it cannot read (decode). A 404 or 409 says
    /// why no in-progress ticket has the id.
    pub fn for_method(mut self, method: crate::method::Method) -> Self {
        if method.is_idempotent() {
            return self;
        }
        let unanswered = matches!(
            self.kind,
            ErrorKind::Network | ErrorKind::Timeout | ErrorKind::Aborted | ErrorKind::Decode
        );
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

/// The shortest credential [`Error::redact`] takes out of a server's words.
pub const REDACT_MIN_LEN: usize = 8;

/// How much of a problem's title or detail a message quotes.
const SERVER_TEXT_MAX_CHARS: usize = 300;

/// Appends `text` with each control character (a line break, a tab) as a
/// space, cut after `max` characters with an ellipsis.
fn push_one_line(out: &mut String, text: &str, max: usize) {
    for (n, c) in text.chars().enumerate() {
        if n == max {
            out.push('…');
            return;
        }
        out.push(if c.is_control() { ' ' } else { c });
    }
}

/// `text` with every `secret` in it replaced by `[redacted]`.
fn redact_in(text: &mut String, secret: &str) {
    if crate::text::find(text, secret).is_none() {
        return;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = crate::text::find(rest, secret) {
        out.push_str(rest.get(..i).unwrap_or(""));
        out.push_str("[redacted]");
        rest = rest.get(i + secret.len()..).unwrap_or("");
    }
    out.push_str(rest);
    *text = out;
}

/// The secrets worth taking out, the longest first (a key inside a token
/// must not leave the rest of the token behind).
fn longest_first<'a>(secrets: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = secrets.iter().copied().filter(|s| s.len() >= REDACT_MIN_LEN).collect();
    // At most two: no sort needed.
    if out.len() == 2 && out[0].len() < out[1].len() {
        out.swap(0, 1);
    }
    out
}

impl Problem {
    /// [`Error::redact`] of the problem's own texts: run before a message
    /// quotes them, so that cutting a long detail cannot leave half a secret.
    pub fn redact(&mut self, secrets: &[&str]) {
        for secret in longest_first(secrets) {
            redact_in(&mut self.type_, secret);
            for text in [&mut self.title, &mut self.detail].into_iter().flatten() {
                redact_in(text, secret);
            }
        }
    }
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(title: &str, detail: &str) -> Option<Problem> {
        Some(Problem {
            type_: "about:blank".into(),
            title: Some(title.into()),
            status: Some(401),
            detail: Some(detail.into()),
        })
    }

    #[test]
    fn a_credential_the_server_echoes_is_redacted_from_the_message_and_the_problem() {
        let mut e = Error::http(
            401,
            problem(
                "Unauthorized",
                "token tok-SECRET for key KEY-0123 is expired; tok-SECRET; t",
            ),
            "GET /v2/tickets/tickets",
            false,
            None,
        );
        // "t" is too short to tell from ordinary text: it is left alone.
        e.redact(&["KEY-0123", "tok-SECRET", "", "t"]);
        assert_eq!(
            e.message,
            "GET /v2/tickets/tickets failed with status 401 (Unauthorized): token [redacted] for key [redacted] is expired; [redacted]; t."
        );
        let p = e.problem.unwrap();
        assert_eq!(
            p.detail.as_deref(),
            Some("token [redacted] for key [redacted] is expired; [redacted]; t")
        );
        assert_eq!(p.title.as_deref(), Some("Unauthorized"));
    }

    #[test]
    fn a_title_that_only_repeats_the_reason_phrase_is_said_once() {
        let e = Error::http(
            404,
            problem("Not Found", "no ticket with that id"),
            "GET /x",
            false,
            None,
        );
        assert_eq!(
            e.message,
            "GET /x failed with status 404 (Not Found): no ticket with that id."
        );
        let e = Error::http(404, problem("not found ", ""), "GET /x", false, None);
        assert_eq!(e.message, "GET /x failed with status 404 (Not Found).");
        // Any other title is the server's own word, kept.
        let e = Error::http(404, problem("Ticket Not Found", "gone"), "GET /x", false, None);
        assert_eq!(
            e.message,
            "GET /x failed with status 404 (Not Found): Ticket Not Found: gone."
        );
    }

    #[test]
    fn the_server_s_words_are_quoted_on_one_line_and_at_most_300_characters() {
        let long = "é".repeat(400);
        let e = Error::http(400, problem("Bad\nRequest", &long), "GET /x", false, None);
        let expected = format!(
            "GET /x failed with status 400 (Bad Request): Bad Request: {}….",
            "é".repeat(300)
        );
        assert_eq!(e.message, expected);
        assert_eq!(
            e.problem.unwrap().detail.unwrap().chars().count(),
            400,
            "the problem keeps every word"
        );
    }

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
        use crate::method::Method;
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
