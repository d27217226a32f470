//! `jifeline-mock`: the HTTP shell of the Jifeline Partner API v2 tickets mock.
//!
//! Everything the API does (data, filters, transitions, errors, faults, the
//! `/__mock` hooks, the token endpoint) is in [`jifeline_mock_core`], sans IO.
//! This crate only serves it: axum and hyper over TCP, CORS, static files
//! (`--www`, `--pkg`), the access log, and the IO of faults (sleeping for a
//! delay, closing a connection without an answer). See the README beside it.

pub mod middleware;
pub mod server;

pub use jifeline_mock_core::{config, data, fault, problem, query, resources, rng, state, validate};
pub use jifeline_mock_core::{Command, Config};
pub use server::{serve, start};

use std::sync::Arc;
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::response::{IntoResponse, Response};
use axum::Router;
use jifeline_mock_core::router::{self, Outcome, MAX_BODY};
use jifeline_mock_core::Shared;
use tower::ServiceExt;
use tower_http::cors::{AllowHeaders, Any, CorsLayer};
use tower_http::services::ServeDir;

pub use middleware::DropConnection;

/// The handlers' state: the core's, shared by every connection.
pub type AppState = Arc<Shared>;

/// The CORS policy: any origin; GET, PUT, PATCH, OPTIONS (and POST, DELETE for `/__mock`); any
/// request header (mirrored, so `authorization` is allowed too); `Location` and `Retry-After`
/// exposed. It wraps every response, 303s and injected faults included.
pub fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([
            Method::GET,
            Method::PUT,
            Method::PATCH,
            Method::OPTIONS,
            Method::POST,
            Method::DELETE,
        ])
        .allow_headers(AllowHeaders::mirror_request())
        .expose_headers([header::LOCATION, header::RETRY_AFTER])
        .max_age(Duration::from_secs(600))
}

/// Milliseconds since the Unix epoch: the clock the core's token expiry reads.
fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// The whole mock as a router: the core for the API, the hooks and the token
/// endpoint; static files; CORS and the access log.
pub fn app(config: jifeline_mock_core::Config) -> Router {
    let www = config.www.clone();
    let pkg = config.pkg.clone();
    let st: AppState = Arc::new(Shared::new(config));
    let statics = statics(www, pkg);
    Router::new()
        .fallback(move |State(st): State<AppState>, req: Request| {
            let statics = statics.clone();
            async move { answer(st, req, statics).await }
        })
        .layer(axum::middleware::from_fn_with_state(st.clone(), middleware::access_log))
        .layer(cors())
        .with_state(st)
}

/// What is served outside the core's paths: `--pkg` under `/pkg/`, `--www` at `/`.
fn statics(www: Option<std::path::PathBuf>, pkg: Option<std::path::PathBuf>) -> Router {
    let mut router = Router::new();
    if let Some(pkg) = pkg {
        router = router.nest_service("/pkg", ServeDir::new(pkg));
    }
    match www {
        Some(www) => router.fallback_service(ServeDir::new(www)),
        None => router.fallback(|req: Request| async move { http_response(router::not_found(req.uri().path())) }),
    }
}

/// One request through the core (or the static files), with the fault's delay slept and its drop done.
async fn answer(st: AppState, req: Request, statics: Router) -> Response {
    let (parts, body) = req.into_parts();
    // One byte more than the core reads, so that it can say the body is too large.
    let bytes = to_bytes(body, MAX_BODY + 1)
        .await
        .map(|b| b.to_vec())
        .unwrap_or_else(|_| vec![0; MAX_BODY + 1]);
    let core_req = http::Request::from_parts(parts, bytes);
    match router::handle(&st, &core_req, now_ms()) {
        Some(Outcome::Answer { delay_ms, response }) => {
            if delay_ms > 0 {
                tokio::time::sleep(Duration::from_millis(delay_ms)).await;
            }
            http_response(response)
        }
        Some(Outcome::Drop { delay_ms }) => {
            tokio::time::sleep(Duration::from_millis(delay_ms)).await;
            let mut res = Response::new(Body::empty());
            res.extensions_mut().insert(DropConnection);
            res
        }
        None => {
            let (parts, body) = core_req.into_parts();
            let req = Request::from_parts(parts, Body::from(body));
            statics.oneshot(req).await.unwrap_or_else(|never| match never {})
        }
    }
}

fn http_response(res: jifeline_mock_core::response::Response) -> Response {
    let (parts, body) = res.into_parts();
    Response::from_parts(parts, Body::from(body)).into_response()
}
