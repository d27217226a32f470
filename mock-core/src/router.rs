//! The mock as one function: a request in, what to answer out. Routing, the
//! `/v2` pipeline (request log, fault injection, authentication), the
//! `/__mock` hooks and the OAuth2 token endpoint. The shells do only IO: the
//! axum server (CORS, static files, the access log, sleeping and dropping
//! connections) and the wasm `fetch` of the npm package.

use std::collections::BTreeMap;

use crate::fault::{FaultSpec, FAULT_HEADER};
use crate::problem::Problem;
use crate::response::{header, HeaderMap, HeaderValue, IntoResponse, Method, Response, StatusCode};
use crate::state::{LoggedRequest, Shared};
use crate::{in_progress, mock_api, oauth, tickets};

/// The header the in-progress endpoints check when `--api-key` is set.
pub const API_KEY_HEADER: &str = "x-api-key";

/// Largest request body the mock reads (1 MiB).
pub const MAX_BODY: usize = 1 << 20;

/// What the shell does with a request.
#[derive(Debug)]
pub enum Outcome {
    /// Wait `delay_ms` (an injected fault's delay), then send `response`.
    Answer { delay_ms: u64, response: Response },
    /// Wait `delay_ms`, then close the connection without any response (the `drop` fault).
    Drop { delay_ms: u64 },
}

impl Outcome {
    fn now(response: Response) -> Outcome {
        Outcome::Answer { delay_ms: 0, response }
    }
}

/// Answers `req` at the shell's time `now_ms` (milliseconds since the Unix
/// epoch; only token expiry reads it). `None`: not a path of the API, the
/// hooks or the token endpoint (the server may serve a static file there).
pub fn handle(st: &Shared, req: &http::Request<Vec<u8>>, now_ms: u64) -> Option<Outcome> {
    let path = req.uri().path();
    let head = req.method() == Method::HEAD;
    let method = if head { &Method::GET } else { req.method() };
    let outcome = if path == "/v2" || path.starts_with("/v2/") {
        v2_pipeline(st, req, method, now_ms)
    } else if path.starts_with("/__mock/") {
        Outcome::now(hooks(st, method, path, req.body())?)
    } else if path == "/oauth2/token" {
        Outcome::now(match *method {
            Method::POST => oauth::token(st, req.headers(), req.body(), now_ms),
            _ => method_not_allowed(method, path, "POST"),
        })
    } else {
        return None;
    };
    Some(match outcome {
        Outcome::Answer { delay_ms, mut response } if head => {
            response.body_mut().clear();
            Outcome::Answer { delay_ms, response }
        }
        other => other,
    })
}

/// The 404 problem of a path that names nothing.
pub fn not_found(path: &str) -> Response {
    Problem::not_found(format!("no resource at {path}")).into_response()
}

/// The 405 problem for a known path with another method.
pub fn method_not_allowed(method: &Method, path: &str, allow: &'static str) -> Response {
    let mut res = Problem::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("method {method} is not allowed on {path} (allowed: {allow})"),
    )
    .into_response();
    res.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allow));
    res
}

/// The `/__mock` hooks: no auth, not recorded, never faulted.
fn hooks(st: &Shared, method: &Method, path: &str, body: &[u8]) -> Option<Response> {
    Some(match (path, method.as_str()) {
        ("/__mock/requests", "GET") => mock_api::requests(st),
        ("/__mock/requests", "DELETE") => mock_api::clear_requests(st).into_response(),
        ("/__mock/requests", _) => method_not_allowed(method, path, "GET, DELETE"),
        ("/__mock/faults", "GET") => mock_api::faults(st),
        ("/__mock/faults", "POST") => mock_api::push_faults(st, body),
        ("/__mock/faults", "DELETE") => mock_api::clear_faults(st).into_response(),
        ("/__mock/faults", _) => method_not_allowed(method, path, "GET, POST, DELETE"),
        ("/__mock/reset", "POST") => mock_api::reset(st).into_response(),
        ("/__mock/reset", _) => method_not_allowed(method, path, "POST"),
        ("/__mock/tokens", "GET") => mock_api::tokens(st),
        ("/__mock/tokens", _) => method_not_allowed(method, path, "GET"),
        _ => return None,
    })
}

fn header_map(headers: &HeaderMap) -> BTreeMap<String, String> {
    let mut out = BTreeMap::<String, String>::new();
    for (name, value) in headers {
        let v = String::from_utf8_lossy(value.as_bytes()).into_owned();
        out.entry(name.as_str().to_string())
            .and_modify(|e| {
                e.push_str(", ");
                e.push_str(&v);
            })
            .or_insert(v);
    }
    out
}

/// Every `/v2` request: recorded, then faulted (header first, else the queue), then authenticated.
fn v2_pipeline(st: &Shared, req: &http::Request<Vec<u8>>, method: &Method, now_ms: u64) -> Outcome {
    let body = req.body();
    if body.len() > MAX_BODY {
        return Outcome::now(
            Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "request body: larger than 1 MiB").into_response(),
        );
    }
    st.record(LoggedRequest {
        method: req.method().to_string(),
        path: req.uri().path().to_string(),
        query: req.uri().query().map(str::to_string),
        headers: header_map(req.headers()),
        body: String::from_utf8_lossy(body).into_owned(),
    });

    let fault = match req.headers().get(FAULT_HEADER) {
        Some(v) => {
            let spec = v
                .to_str()
                .map_err(|_| "not valid text".to_string())
                .and_then(FaultSpec::from_header);
            match spec {
                Ok(spec) => Some(spec),
                Err(e) => return Outcome::now(Problem::bad_request(format!("{FAULT_HEADER}: {e}")).into_response()),
            }
        }
        None => st.pop_fault(),
    };
    let delay_ms = fault.as_ref().and_then(|f| f.delay_ms).unwrap_or(0);
    if let Some(f) = &fault {
        if f.drop {
            return Outcome::Drop { delay_ms };
        }
        if f.replaces_answer() {
            return Outcome::Answer {
                delay_ms,
                response: f.replacement(),
            };
        }
    }

    let path = req.uri().path();
    let res = match authenticate(st, req.headers(), path, now_ms) {
        Ok(()) => route(st, method, path, req.uri().query(), body),
        Err(p) => {
            let mut res = p.into_response();
            res.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            res
        }
    };
    let response = match fault {
        Some(f) => f.transform(res),
        None => res,
    };
    Outcome::Answer { delay_ms, response }
}

/// The API's endpoints, after the pipeline.
fn route(st: &Shared, method: &Method, path: &str, query: Option<&str>, body: &[u8]) -> Response {
    const TICKETS: &str = "/v2/tickets/tickets";
    const IN_PROGRESS: &str = "/v2/tickets/in-progress-tickets";
    const OUTSOURCED: &str = "/v2/tickets/outsourced-tickets";
    let m = method.as_str();
    if path == TICKETS {
        return match m {
            "GET" => tickets::list(st, query),
            _ => method_not_allowed(method, path, "GET"),
        };
    }
    if path == IN_PROGRESS {
        return match m {
            "GET" => in_progress::list(st, query),
            _ => method_not_allowed(method, path, "GET"),
        };
    }
    if let Some(id) = segment(path, TICKETS) {
        return match m {
            "GET" => tickets::get_one(st, &id),
            _ => method_not_allowed(method, path, "GET"),
        };
    }
    if let Some(id) = segment(path, IN_PROGRESS) {
        return match m {
            "GET" => in_progress::get_one(st, &id),
            "PUT" => in_progress::update(st, &id, body),
            "PATCH" => in_progress::transition(st, &id, body),
            _ => method_not_allowed(method, path, "GET, PUT, PATCH"),
        };
    }
    if let Some(id) = segment(path, OUTSOURCED) {
        return match m {
            "GET" => tickets::get_outsourced(st, &id),
            _ => method_not_allowed(method, path, "GET"),
        };
    }
    not_found(path)
}

/// The one non-empty path segment after `prefix/`, percent-decoded; `None`
/// when the path is not exactly that.
fn segment(path: &str, prefix: &str) -> Option<String> {
    let rest = path.strip_prefix(prefix)?.strip_prefix('/')?;
    if rest.is_empty() || rest.contains('/') {
        return None;
    }
    percent_decode(rest)
}

/// `%XX` escapes decoded (no `+` rule: this is a path); `None` if the result is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Checks `Authorization: Bearer <token>` and, on in-progress endpoints, `x-api-key` when configured.
/// The problem details never contain the presented values.
fn authenticate(st: &Shared, headers: &HeaderMap, path: &str, now_ms: u64) -> Result<(), Problem> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            let (scheme, rest) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
        })
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            Problem::unauthorized("missing or malformed Authorization header (expected `Bearer <token>`)")
        })?;
    let configured = st.config.token.as_deref() == Some(token);
    if st.config.client.is_some() {
        if !configured && !st.token_is_valid(token, now_ms) {
            return Err(Problem::unauthorized(
                "invalid or expired bearer token (get one at POST /oauth2/token)",
            ));
        }
    } else if st.config.token.is_some() && !configured {
        return Err(Problem::unauthorized("invalid bearer token"));
    }
    if let Some(key) = &st.config.api_key {
        if path.starts_with("/v2/tickets/in-progress-tickets") {
            let given = headers.get(API_KEY_HEADER).map(|v| v.as_bytes());
            if given != Some(key.as_bytes()) {
                return Err(Problem::unauthorized("missing or invalid x-api-key header"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_single_and_decoded() {
        assert_eq!(
            segment("/v2/tickets/tickets/abc", "/v2/tickets/tickets").as_deref(),
            Some("abc")
        );
        assert_eq!(
            segment("/v2/tickets/tickets/a%20b", "/v2/tickets/tickets").as_deref(),
            Some("a b")
        );
        assert_eq!(segment("/v2/tickets/tickets/", "/v2/tickets/tickets"), None);
        assert_eq!(segment("/v2/tickets/tickets/a/b", "/v2/tickets/tickets"), None);
        assert_eq!(segment("/v2/tickets/ticketsx/a", "/v2/tickets/tickets"), None);
        assert_eq!(segment("/v2/tickets/tickets/%ff", "/v2/tickets/tickets"), None);
    }
}
