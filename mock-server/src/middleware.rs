//! Middleware: the `/v2` pipeline (request log, fault injection, authentication) and the access log.

use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::fault::{FaultSpec, FAULT_HEADER};
use crate::problem::Problem;
use crate::state::{AppState, LoggedRequest};

/// Marks a response whose connection must be closed without sending anything (fault `drop`).
/// [`crate::server::serve`] turns it into a connection abort.
#[derive(Debug, Clone, Copy)]
pub struct DropConnection;

/// The header the in-progress endpoints check when `--api-key` is set.
pub const API_KEY_HEADER: &str = "x-api-key";

/// Largest request body the mock reads (1 MiB).
const MAX_BODY: usize = 1 << 20;

fn header_map(headers: &HeaderMap) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::<String, String>::new();
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
pub async fn v2_pipeline(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = match to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => {
            return Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "request body: larger than 1 MiB").into_response()
        }
    };
    st.record(LoggedRequest {
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().map(str::to_string),
        headers: header_map(&parts.headers),
        body: String::from_utf8_lossy(&bytes).into_owned(),
    });

    let fault = match parts.headers.get(FAULT_HEADER) {
        Some(v) => {
            let spec = v
                .to_str()
                .map_err(|_| "not valid text".to_string())
                .and_then(FaultSpec::from_header);
            match spec {
                Ok(spec) => Some(spec),
                Err(e) => return Problem::bad_request(format!("{FAULT_HEADER}: {e}")).into_response(),
            }
        }
        None => st.pop_fault(),
    };
    if let Some(f) = &fault {
        if let Some(ms) = f.delay_ms {
            tokio::time::sleep(Duration::from_millis(ms)).await;
        }
        if f.drop {
            let mut res = Response::new(Body::empty());
            res.extensions_mut().insert(DropConnection);
            return res;
        }
        if f.replaces_answer() {
            return f.replacement();
        }
    }

    let req = Request::from_parts(parts, Body::from(bytes));
    let res = match authenticate(&st, req.headers(), req.uri().path()) {
        Ok(()) => next.run(req).await,
        Err(p) => {
            let mut res = p.into_response();
            res.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            res
        }
    };
    match fault {
        Some(f) => f.transform(res).await,
        None => res,
    }
}

/// Checks `Authorization: Bearer <token>` and, on in-progress endpoints, `x-api-key` when configured.
/// The problem details never contain the presented values.
fn authenticate(st: &AppState, headers: &HeaderMap, path: &str) -> Result<(), Problem> {
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
        if !configured && !st.token_is_valid(token) {
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

/// One stdout line per request: method, path and query, status (or `DROP`), milliseconds.
pub async fn access_log(State(st): State<AppState>, req: Request, next: Next) -> Response {
    if !st.config.log_requests {
        return next.run(req).await;
    }
    let method = req.method().clone();
    let target = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let start = Instant::now();
    let res = next.run(req).await;
    let status = if res.extensions().get::<DropConnection>().is_some() {
        "DROP".to_string()
    } else {
        res.status().as_u16().to_string()
    };
    println!("{method} {target} {status} {}ms", start.elapsed().as_millis());
    res
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
