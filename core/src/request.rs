//! Building the exact HTTP request of each operation, without sending it.
//!
//! Two steps, so that the per-request parts stay pure and cheap:
//! an operation's function (one per row of the table in [`crate::operation`])
//! validates its input and yields an [`ApiRequest`] (method, path, query, body);
//! [`ClientConfig::prepare`] then adds the base URL, `Accept`, credentials and
//! extra headers, producing the [`HttpRequest`] a transport sends. The access
//! token is an argument of `prepare` because a portal may refresh it between
//! requests.

use std::fmt;

use crate::body::JsonBody;
use crate::error::Error;
use crate::method::Method;
use crate::model::{InProgressTicketUpdate, Transition};
use crate::query::{InProgressTicketQuery, TicketQuery};
use crate::text;
use crate::validate;

/// One operation's request, before the base URL and credentials are added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiRequest {
    /// The HTTP method.
    pub method: Method,
    /// The path below the base URL, starting with `/v2/`.
    pub path: String,
    /// The query string without `?`; empty when there is none.
    pub query: String,
    /// The JSON body, for PUT and PATCH.
    pub body: Option<Vec<u8>>,
}

impl ApiRequest {
    fn get(path: String, query: String) -> Self {
        ApiRequest {
            method: Method::Get,
            path,
            query,
            body: None,
        }
    }

    /// `GET /v2/tickets/…` style, used in error messages (no host, no query, no secrets).
    pub fn describe(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// The longest URL the SDK sends, in bytes (its characters, once
/// percent-encoded). Servers and proxies refuse longer request lines (nginx
/// by default above 8 KB, with "414 URI Too Long"), after the request has
/// travelled; refused here, the caller learns which parameter is to blame at
/// once, and no error carries a URL longer than this.
pub const MAX_URL_LEN: usize = 8192;

/// The request functions, one per operation of the table
/// ([`crate::operation`]): each checks its inputs in order, then writes them
/// into the path, the query string or the body.
macro_rules! request_functions {
    (
        operations {
            $(
                $(#[doc = $doc:literal])*
                $name:ident $js:ident: $method:ident $path:literal
                    ($($input:ident $input_js:literal: $kind:ident $(($ty:ty))?),*)
                    -> $answer:ident $(($resource:ty))?;
            )*
        }
        $($rest:tt)*
    ) => {
        $(
            $(#[doc = $doc])*
            #[doc = ""]
            #[doc = concat!("`", stringify!($method), " ", $path, "`.")]
            pub fn $name($($input: input_type!($kind $(($ty))?)),*) -> Result<ApiRequest, Error> {
                let mut request = ApiRequest {
                    method: http_method!($method),
                    path: String::new(),
                    query: String::new(),
                    body: None,
                };
                $(write_input!(request, $input, $input_js, $kind);)*
                request.path = format!($path);
                Ok(request)
            }
        )*
    };
}

/// The Rust type of an input of a kind.
macro_rules! input_type {
    (path) => {
        &str
    };
    (query($ty:ty)) => {
        &$ty
    };
    (body($ty:ty)) => {
        &$ty
    };
    (transition) => {
        &Transition
    };
}

/// Checks an input and writes it into the request (a path input is written
/// by the path's `format!`).
macro_rules! write_input {
    ($request:ident, $input:ident, $input_js:literal, path) => {
        validate::uuid($input_js, $input)?;
    };
    ($request:ident, $input:ident, $input_js:literal, query) => {
        $request.query = $input.to_query_string()?;
    };
    ($request:ident, $input:ident, $input_js:literal, body) => {
        $input.validate()?;
        $request.body = Some(JsonBody::json($input));
    };
    ($request:ident, $input:ident, $input_js:literal, transition) => {
        $input.validate()?;
        $request.body = Some(JsonBody::json($input));
    };
}

for_each_operation!(request_functions);

/// `GET` of the resource a transition moved the ticket to, given the path of
/// its `Location` (see [`crate::response::TransitionTarget`]).
pub fn get_transition_target(path: &str) -> Result<ApiRequest, Error> {
    let well_formed = path.starts_with("/v2/tickets/")
        && text::find(path, "..").is_none()
        && text::find(path, "//").is_none()
        && path.bytes().all(|b| b.is_ascii_graphic() && b != b'?' && b != b'#');
    if !well_formed {
        return Err(Error::decode(
            Some("Location".into()),
            format!("not a ticket path: {}", text::quote(path)),
        ));
    }
    Ok(ApiRequest::get(path.to_owned(), String::new()))
}

/// A secret string (token, API key) whose `Debug` never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Holds `value`, which no `Debug` output will show.
    pub fn new(value: &str) -> Secret {
        Secret(value.to_owned())
    }

    /// The value, for the one place that writes it into a header.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// What stays the same across requests: where the API is and how to authenticate.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    base_url: String,
    origin: String,
    api_key: Option<Secret>,
    headers: Vec<(String, String)>,
}

/// Headers the SDK owns; callers set them through dedicated options instead.
const RESERVED_HEADERS: [(&str, &str); 4] = [
    ("authorization", "set the accessToken option instead"),
    ("x-api-key", "set the apiKey option instead"),
    ("content-type", "the SDK sets it for JSON bodies"),
    ("accept", "the SDK asks for application/json"),
];

impl ClientConfig {
    /// A configuration for the API at `base_url` (`https://partner-api-001.prd.jifeline.cloud`;
    /// a trailing slash and a path prefix such as a portal's proxy are fine).
    pub fn new(base_url: &str) -> Result<Self, Error> {
        let trimmed = base_url.trim_end_matches('/');
        let scheme_len = ["https://", "http://"]
            .iter()
            .find(|s| trimmed.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s)))
            .map(|s| s.len())
            .ok_or_else(|| Error::validation("baseUrl", "must be an absolute http:// or https:// URL"))?;
        // `get` rather than indexing: no panic path in the module (the scheme is ASCII).
        let rest = trimmed.get(scheme_len..).unwrap_or("");
        let authority = rest.split('/').next().unwrap_or("");
        if authority.is_empty() {
            return Err(Error::validation("baseUrl", "has no host"));
        }
        if authority.contains('@') {
            return Err(Error::validation(
                "baseUrl",
                "must not contain credentials; use accessToken and apiKey",
            ));
        }
        if !trimmed.is_ascii() {
            return Err(Error::validation(
                "baseUrl",
                "must be ASCII: write a host such as bücher.example as its punycode (xn--bcher-kva.example) and percent-encode a path",
            ));
        }
        if trimmed.contains(['?', '#']) || trimmed.bytes().any(|b| !b.is_ascii_graphic()) {
            return Err(Error::validation(
                "baseUrl",
                "must have no query, fragment, spaces or control characters",
            ));
        }
        check_port(authority)?;
        let origin = normalize_origin(trimmed.get(..scheme_len).unwrap_or(""), authority);
        Ok(ClientConfig {
            base_url: trimmed.to_owned(),
            origin,
            api_key: None,
            headers: Vec::new(),
        })
    }

    /// Sends `x-api-key` on every request.
    pub fn with_api_key(mut self, api_key: &str) -> Result<Self, Error> {
        check_header_value("apiKey", api_key)?;
        self.api_key = Some(Secret(api_key.to_owned()));
        Ok(self)
    }

    /// Adds a header to every request (for portals and proxies). Its value
    /// must be what every `fetch` sends unchanged: printable ASCII and tabs,
    /// no space or tab at either end (see [`check_token`]'s rule, which also
    /// refuses tabs).
    pub fn with_header(mut self, name: &str, value: &str) -> Result<Self, Error> {
        let lower = name.to_ascii_lowercase();
        let field = format!("headers.{}", text::quote(name).trim_matches('"'));
        let is_token = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if !is_token {
            return Err(Error::validation(field, "is not a valid header name"));
        }
        if let Some((_, why)) = RESERVED_HEADERS.iter().find(|(n, _)| *n == lower) {
            return Err(Error::validation(field, why));
        }
        if let Some((c, index)) = unsendable(value, true) {
            return Err(Error::validation(
                field,
                format!("must be printable ASCII (space to ~) or tabs, {}", got_char(c, index)),
            ));
        }
        check_edges(&field, value)?;
        self.headers.push((lower, value.to_owned()));
        Ok(self)
    }

    /// The base URL without its trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The API key (if any) and `token`: what [`Error::redact`] takes out.
    pub fn secrets<'a>(&'a self, token: Option<&'a str>) -> [&'a str; 2] {
        [self.api_key.as_ref().map_or("", Secret::expose), token.unwrap_or("")]
    }

    /// `scheme://host[:port]` of the base URL, lowercased, default port dropped.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The full request: URL, headers (`Accept`, `Content-Type` for bodies,
    /// `Authorization: Bearer …` when a token is given, `x-api-key` when
    /// configured, extra headers) and body.
    pub fn prepare(&self, request: &ApiRequest, access_token: Option<&str>) -> Result<HttpRequest, Error> {
        let url = self.url(request);
        // `Accept` first, then the request's own headers, then the client's others.
        let mut fixed = self.fixed_headers().into_iter();
        let mut headers: Vec<(String, String)> = fixed.next().into_iter().collect();
        if request.body.is_some() {
            headers.push(("content-type".to_owned(), "application/json".to_owned()));
        }
        if let Some(token) = access_token {
            check_token(token)?;
            headers.push(("authorization".to_owned(), format!("Bearer {token}")));
        }
        headers.extend(fixed);
        Ok(HttpRequest {
            method: request.method,
            url,
            headers,
            body: request.body.clone(),
        })
    }

    /// Refuses a request whose URL would be longer than [`MAX_URL_LEN`],
    /// before it is sent, naming the parameter that made it long (the
    /// longest), or `baseUrl` when the query is not to blame.
    pub fn check_url_length(&self, request: &ApiRequest) -> Result<(), Error> {
        let len = self.base_url.len() + request.path.len() + request.query.len() + 1;
        if len <= MAX_URL_LEN {
            return Ok(());
        }
        let longest = request.query.split('&').max_by_key(|pair| pair.len()).unwrap_or("");
        let name = longest.split(['=', '[']).next().unwrap_or("");
        let field = if longest.len() > self.base_url.len() && !name.is_empty() {
            name
        } else {
            "baseUrl"
        };
        Err(Error::validation(
            field,
            format!(
                "makes the request's URL {len} characters long, longer than the {MAX_URL_LEN} that servers accept; \
                 nothing was sent"
            ),
        ))
    }

    /// The request's full URL: the base URL, the path, the query string.
    pub fn url(&self, request: &ApiRequest) -> String {
        let mut url = format!("{}{}", self.base_url, request.path);
        if !request.query.is_empty() {
            url.push('?');
            url.push_str(&request.query);
        }
        url
    }

    /// The headers every request carries, whatever its token and body:
    /// `Accept`, `x-api-key` when configured, the extra headers. (A
    /// transport that builds its headers itself adds `Content-Type:
    /// application/json` for a body and `Authorization: Bearer …` for a
    /// token checked by [`check_token`], as [`ClientConfig::prepare`] does.)
    pub fn fixed_headers(&self) -> Vec<(String, String)> {
        let mut headers = vec![("accept".to_owned(), "application/json".to_owned())];
        if let Some(key) = &self.api_key {
            headers.push(("x-api-key".to_owned(), key.expose().to_owned()));
        }
        headers.extend(self.headers.iter().cloned());
        headers
    }
}

/// Whether a bearer token can be sent in a header as it is: not empty,
/// printable ASCII only (no control character, line break or tab, nothing
/// that `fetch` would refuse or send as other bytes), no space at either end
/// (which `fetch` would remove). The constructor checks a string
/// `accessToken` with it too.
pub fn check_token(token: &str) -> Result<(), Error> {
    if token.is_empty() {
        return Err(Error::validation("accessToken", "must not be empty"));
    }
    check_header_value("accessToken", token)
}

/// Lowercases scheme and host, drops a port's leading zeros and the scheme's
/// default port, so that two spellings of one origin compare equal (a
/// browser's `response.url` is written the short way: `:0443` is gone).
pub(crate) fn normalize_origin(scheme: &str, authority: &str) -> String {
    let scheme = scheme.to_ascii_lowercase();
    let authority = authority.to_ascii_lowercase();
    // A port is digits after the last colon, outside an IPv6 host's brackets.
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => {
            (host, Some(port.trim_start_matches('0')))
        }
        _ => (authority.as_str(), None),
    };
    match (scheme.as_str(), port) {
        (_, None) => format!("{scheme}{authority}"),
        ("https://", Some("443")) | ("http://", Some("80")) => format!("{scheme}{host}"),
        (_, Some(port)) => format!("{scheme}{host}:{port}"),
    }
}

/// `(scheme, rest)` of an `http:` or `https:` URL, the scheme matched in any case.
pub(crate) fn split_scheme(url: &str) -> Option<(&'static str, &str)> {
    ["https://", "http://"].into_iter().find_map(|scheme| {
        let head = url.get(..scheme.len())?;
        head.eq_ignore_ascii_case(scheme)
            .then(|| (scheme, url.get(scheme.len()..).unwrap_or("")))
    })
}

fn check_header_value(field: &str, value: &str) -> Result<(), Error> {
    // Never quote the value: it is a secret.
    if value.is_empty() {
        return Err(Error::validation(field, "must not be empty"));
    }
    if let Some((c, index)) = unsendable(value, false) {
        return Err(Error::validation(
            field,
            format!("must be printable ASCII (space to ~), {}", got_char(c, index)),
        ));
    }
    check_edges(field, value)
}

/// A header value with a space or tab at either end: `fetch` would send it
/// trimmed (the Fetch standard's "normalize"), not as given.
fn check_edges(field: &str, value: &str) -> Result<(), Error> {
    let blank = |b: Option<&u8>| match b {
        Some(b' ') => Some("a space"),
        Some(b'\t') => Some("a tab"),
        _ => None,
    };
    let bytes = value.as_bytes();
    let found = blank(bytes.first())
        .map(|what| (what, "start"))
        .or_else(|| blank(bytes.last()).map(|what| (what, "end")));
    match found {
        Some((what, place)) => Err(Error::validation(
            field,
            format!("must not start or end with a space or tab (fetch would remove it), got {what} at the {place}"),
        )),
        None => Ok(()),
    }
}

/// The first character of `value` that a header cannot carry as it is, and
/// its index in UTF-16 code units (JavaScript's string index): anything
/// outside printable ASCII, space to `~`, and a tab too unless `tab`.
///
/// What `fetch` accepts differs: the Fetch standard refuses only NUL, CR, LF
/// and characters above U+00FF; Node's undici also refuses the other
/// control characters except tab (a `TypeError` at every call); Chromium
/// sends them, and servers answer 400 (RFC 9110's field values have none);
/// U+0080 to U+00FF travel as single Latin-1 bytes, not UTF-8. Printable
/// ASCII and tabs are what every one of them sends unchanged.
fn unsendable(value: &str, tab: bool) -> Option<(char, usize)> {
    let mut index = 0;
    for c in value.chars() {
        if !(matches!(c, ' '..='~') || (tab && c == '\t')) {
            return Some((c, index));
        }
        index += c.len_utf16();
    }
    None
}

/// "got U+0001 at index 3": which character and where, never the value
/// (it may be a secret). A lone surrogate of JavaScript reaches Rust as
/// U+FFFD, and is named so on both sides.
fn got_char(c: char, index: usize) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let code = u32::from(c);
    let digits = if code > 0xF_FFFF {
        6
    } else if code > 0xFFFF {
        5
    } else {
        4
    };
    let mut out = String::from("got U+");
    for i in (0..digits).rev() {
        out.push(char::from(HEX[(code >> (4 * i)) as usize & 15]));
    }
    out.push_str(" at index ");
    out.push_str(&index.to_string());
    out
}

/// The port of a base URL's authority, when it has one, must be what a URL
/// can hold: digits, from 1 to 65535 (`fetch` cannot parse a larger or
/// non-numeric port, and port 0 is never reachable). The colons of an IPv6
/// host (`[::1]:8080`) are not a port's.
fn check_port(authority: &str) -> Result<(), Error> {
    let host_end = if authority.starts_with('[') {
        authority.find(']').map_or(authority.len(), |i| i + 1)
    } else {
        0
    };
    let Some(colon) = authority
        .get(host_end..)
        .and_then(|rest| rest.find(':'))
        .map(|i| host_end + i)
    else {
        return Ok(());
    };
    if colon == 0 {
        return Err(Error::validation("baseUrl", "has no host"));
    }
    let port = authority.get(colon + 1..).unwrap_or("");
    let digits = port.trim_start_matches('0');
    let valid = !port.is_empty()
        && port.bytes().all(|b| b.is_ascii_digit())
        && !digits.is_empty()
        && digits.len() <= 5
        && digits.parse::<u32>().is_ok_and(|n| n <= 65_535);
    if !valid {
        return Err(Error::validation(
            "baseUrl",
            format!(
                "expected a port from 1 to 65535 after the host, got {}",
                text::quote(port)
            ),
        ));
    }
    Ok(())
}

/// A request ready for a transport.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The HTTP method.
    pub method: Method,
    /// The absolute URL, query included. Never carries credentials.
    pub url: String,
    /// Header names (lowercase) and values.
    pub headers: Vec<(String, String)>,
    /// The body, for PUT and PATCH.
    pub body: Option<Vec<u8>>,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| match k.as_str() {
                "authorization" | "x-api-key" => (k.as_str(), "<redacted>"),
                _ => (k.as_str(), v.as_str()),
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body.as_ref().map(|b| String::from_utf8_lossy(b)))
            .finish()
    }
}
