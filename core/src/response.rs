//! Turning an HTTP answer (status, a few headers, body bytes) into a typed
//! value or a typed [`Error`], without any I/O.

use crate::check::{describe_json_error, Schema};
use crate::error::Error;
use crate::location;
use crate::model::Resource;
use crate::request::{normalize_origin, split_scheme, ApiRequest, ClientConfig};
use crate::retry;
use crate::text;

/// The parts of an HTTP answer the decoders read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseHead {
    /// The status code; 0 for an opaque answer a browser would not let us read.
    pub status: u16,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    /// The `Location` header.
    pub location: Option<String>,
    /// The `Retry-After` header.
    pub retry_after: Option<String>,
    /// The final URL after redirects (`Response.url`), when the transport knows it.
    pub url: Option<String>,
    /// Whether the transport followed a redirect (`Response.redirected`).
    pub redirected: bool,
}

/// Decodes a 2xx JSON answer into `T`, or turns any other answer into the
/// matching error. `now_ms` (Unix time) resolves a `Retry-After` date.
pub fn decode<T: Resource>(request: &ApiRequest, head: &ResponseHead, body: &[u8], now_ms: u64) -> Result<T, Error> {
    if !(200..300).contains(&head.status) {
        return Err(error_from(request, head, body, now_ms));
    }
    decode_json(head, body)
}

/// Checks the content type and the body against `T`'s schema, then builds
/// the value; a mismatch names the JSON path (`result[3].ticket_number`).
pub fn decode_json<T: Resource>(head: &ResponseHead, body: &[u8]) -> Result<T, Error> {
    validate_json(head, body, T::SCHEMA)?;
    // The schema accepted the body, so serde can build it (tests/properties.rs
    // holds the two together); an error here would be a bug of this crate.
    serde_json::from_slice(without_bom(body)).map_err(|e| Error::decode(None, describe_json_error(&e)))
}

/// Checks a 2xx body against the reference without building a value (see
/// [`crate::check`]): `schema` is a [`Resource::SCHEMA`].
pub fn validate_json(head: &ResponseHead, body: &[u8], schema: &'static Schema) -> Result<(), Error> {
    check_json(head, body, schema).map(|_| ())
}

/// [`validate_json`], and whether every object of a schema in the body has
/// all its fields: `false` where one may have left out an optional field
/// (see [`crate::exchange::Exchange::absent_fields`]).
pub(crate) fn check_json(head: &ResponseHead, body: &[u8], schema: &'static Schema) -> Result<bool, Error> {
    let body = without_bom(body);
    expect_json_body(head, body)?;
    crate::check::check(body, schema)
}

/// The body without a leading UTF-8 byte-order mark, which `res.json()` (and
/// `TextDecoder`) skip too.
pub fn without_bom(body: &[u8]) -> &[u8] {
    body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body)
}

/// A 2xx answer must be a non-empty JSON body (a proxy's HTML page or an empty
/// 200 is not the resource, whatever its status says).
fn expect_json_body(head: &ResponseHead, body: &[u8]) -> Result<(), Error> {
    if let Some(ct) = &head.content_type {
        if !is_json(ct) {
            return Err(Error::decode(
                None,
                format!("expected a JSON body, got content type {}", crate::text::quote(ct)),
            ));
        }
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::decode(None, "the body is empty"));
    }
    Ok(())
}

/// The error for a non-2xx answer: problem+json is read into
/// [`Error::problem`]; any other body (an HTML page from a proxy) is ignored.
pub fn error_from(request: &ApiRequest, head: &ResponseHead, body: &[u8], now_ms: u64) -> Error {
    error_from_redacted(request, head, body, now_ms, &[])
}

/// [`error_from`], with `secrets` (the API key, the token sent) taken out of
/// the problem before its words are quoted (see [`Error::redact`]).
pub fn error_from_redacted(
    request: &ApiRequest,
    head: &ResponseHead,
    body: &[u8],
    now_ms: u64,
    secrets: &[&str],
) -> Error {
    let mut problem = head
        .content_type
        .as_deref()
        .filter(|ct| is_json(ct))
        .and_then(|_| crate::check::problem(without_bom(body)));
    if let Some(p) = &mut problem {
        p.redact(secrets);
    }
    let retry_after_ms = head
        .retry_after
        .as_deref()
        .and_then(|v| retry::parse_retry_after(v, now_ms));
    let error = Error::http(
        head.status,
        problem,
        &request.describe(),
        retry::is_transient_status(head.status),
        retry_after_ms,
    );
    error.for_method(request.method)
}

fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// The kind of resource a transition's `Location` points at, read from its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// `/v2/tickets/tickets/{id}` (after complete or cancel).
    Ticket,
    /// `/v2/tickets/outsourced-tickets/{id}` (after outsource).
    OutsourcedTicket,
    /// A path this SDK does not know how to decode.
    Unknown,
}

/// Where a transition moved the ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionTarget {
    /// The `Location` as the server sent it, or the final URL when the
    /// transport followed the redirect.
    pub location: String,
    /// The path of that location (without query or fragment).
    pub path: String,
    /// Which resource the path names.
    pub kind: TargetKind,
    /// Whether the location is on the base URL's origin. Credentials are only
    /// ever sent there, so a foreign location is reported but not fetched.
    pub same_origin: bool,
}

/// Reads the answer to a transition.
///
/// * 303 with `Location` (a transport that does not follow redirects): the target.
/// * 2xx after a followed redirect: the target is the final URL; the caller
///   decodes the body as [`TransitionTarget::kind`].
/// * anything else non-2xx: the error.
pub fn decode_transition(
    config: &ClientConfig,
    request: &ApiRequest,
    head: &ResponseHead,
    body: &[u8],
    now_ms: u64,
) -> Result<TransitionTarget, Error> {
    let location = match head.status {
        // The transport followed the 303, so the transition happened, whatever
        // the final URL answered (a foreign origin may well refuse us).
        _ if head.redirected => head
            .url
            .clone()
            .ok_or_else(|| Error::decode(Some("Location".into()), "the redirect's final URL is unknown"))?,
        303 => head.location.clone().filter(|l| !l.is_empty()).ok_or_else(|| {
            Error::decode(Some("Location".into()), "status 303 without a Location header")
        })?,
        // The reference answers a transition with 303 See Other and nothing
        // else: a 307 or 308 says the server did not act and asks for the
        // PATCH elsewhere, a 301 or 302 is no answer of this API. None is a
        // success, and none is followed (the PATCH is sent once).
        300..=399 => return Err(not_see_other(request, head)),
        200..=299 => {
            return Err(Error::decode(
                None,
                format!("expected 303 See Other with a Location header, got status {}", head.status),
            ))
        }
        0 => {
            return Err(Error::decode(
                Some("Location".into()),
                "the redirect was opaque (fetch with redirect: \"manual\" in a browser); use the default redirect: \"follow\"",
            ))
        }
        _ => return Err(error_from(request, head, body, now_ms)),
    };
    // Resolved as a browser's fetch resolves it (a followed redirect's URL is absolute already).
    let Some(resolved) = location::resolve(&config.url(request), &location) else {
        return Err(Error::decode(
            Some("Location".into()),
            format!(
                "expected an http or https URL or a reference to one, got the string {}",
                text::quote(&location)
            ),
        ));
    };
    Ok(target_of(config, &resolved))
}

/// A transition answered with a redirect other than 303: not followed, not
/// retried. A 307 or 308 certainly left the ticket as it was; after a 301
/// or 302 nobody can say.
fn not_see_other(request: &ApiRequest, head: &ResponseHead) -> Error {
    let status = head.status;
    let mut e = Error::http(status, None, &request.describe(), false, None);
    e.message.pop();
    e.message.push_str(if matches!(status, 307 | 308) {
        ": a transition is answered with 303 See Other, and a 307 or 308 says the server did not apply it; the SDK does not send the PATCH elsewhere."
    } else {
        ": a transition is answered with 303 See Other; the SDK does not follow another redirect. The transition may have been applied: read the ticket before sending it again."
    });
    e
}

/// The origin of an absolute `http:`/`https:` URL as [`ClientConfig::origin`]
/// writes one (`https://host[:port]`, lowercase, default port left out).
/// `None` for anything else, and for a URL with a backslash, which a browser
/// reads as a slash: its origin is not what it seems.
pub fn origin_of(url: &str) -> Option<String> {
    if url.contains('\\') {
        return None;
    }
    let (scheme, rest) = split_scheme(url)?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(normalize_origin(scheme, rest.get(..end).unwrap_or(rest)))
}

/// Classifies a location (an absolute URL, or an absolute path on the base
/// URL's origin) against the base URL.
pub fn target_of(config: &ClientConfig, location: &str) -> TransitionTarget {
    let (same_origin, path_and_more) = if let Some((scheme, rest)) = split_scheme(location) {
        // `get` rather than indexing: no panic path (and its message
        // formatting) in the module, where `find` gives a boundary anyway.
        let (authority, path) = match rest.find('/') {
            Some(i) => (rest.get(..i).unwrap_or(rest), rest.get(i..).unwrap_or("/")),
            None => (rest, "/"),
        };
        (normalize_origin(scheme, authority) == config.origin(), path)
    } else if location.starts_with('/') && !location.starts_with("//") {
        (true, location)
    } else {
        // A relative reference or a scheme-relative URL: nothing to trust.
        (false, location)
    };
    // A browser reads `\` as `/`: `/\\evil.test/…` is another host there.
    let same_origin = same_origin && !location.contains('\\');
    let path = path_and_more.split(['?', '#']).next().unwrap_or("").to_owned();
    let kind = if text::find(&path, "/outsourced-tickets/").is_some() {
        TargetKind::OutsourcedTicket
    } else if text::find(&path, "/tickets/tickets/").is_some() {
        TargetKind::Ticket
    } else {
        TargetKind::Unknown
    };
    // A proxy prefix in the base URL is part of the path the SDK must request;
    // the resource path proper starts at /v2/.
    let path = match text::find(&path, "/v2/") {
        Some(i) => path.get(i..).unwrap_or(&path).to_owned(),
        None => path,
    };
    // An absolute path is the same URL in every environment: the one a
    // browser's fetch reports after following the redirect.
    let location = if location.starts_with('/') && !location.starts_with("//") {
        format!("{}{location}", config.origin())
    } else {
        location.to_owned()
    };
    TransitionTarget {
        location,
        path,
        kind,
        same_origin,
    }
}
