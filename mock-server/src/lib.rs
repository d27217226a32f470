//! `jifeline-mock`: a local mock of the Jifeline Partner API v2 tickets endpoints.
//!
//! Seeded, reproducible data; faithful filters, paging and sorting; problem+json errors; bearer
//! and API-key auth; CORS; static files; and testing hooks under `/__mock` (request log, fault
//! injection, reset). See the README beside this crate.

pub mod config;
pub mod data;
pub mod fault;
pub mod in_progress;
pub mod middleware;
pub mod mock_api;
pub mod oauth;
pub mod problem;
pub mod query;
pub mod resources;
pub mod rng;
pub mod server;
pub mod state;
pub mod tickets;
pub mod validate;

use std::sync::Arc;

use axum::http::{header, Method, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post, MethodRouter};
use axum::Router;
use tower_http::cors::{AllowHeaders, Any, CorsLayer};
use tower_http::services::ServeDir;

pub use config::{Command, Config};
pub use server::{serve, start};
use state::{AppState, Shared};

fn not_allowed(allow: &'static str) -> impl Fn(Method, Uri) -> std::future::Ready<Response> + Clone + Send + Sync {
    move |m: Method, u: Uri| std::future::ready(middleware::method_not_allowed(&m, u.path(), allow))
}

async fn not_found(uri: Uri) -> Response {
    problem::Problem::not_found(format!("no resource at {}", uri.path())).into_response()
}

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
        .max_age(std::time::Duration::from_secs(600))
}

/// The whole mock as a router: `/v2` API, `/__mock` hooks, static files, CORS and the access log.
pub fn app(config: Config) -> Router {
    let www = config.www.clone();
    let pkg = config.pkg.clone();
    let st: AppState = Arc::new(Shared::new(config));

    let with_405 = |r: MethodRouter<AppState>, allow: &'static str| r.fallback(not_allowed(allow));
    let api = Router::new()
        .route("/v2/tickets/tickets", with_405(get(tickets::list), "GET"))
        .route("/v2/tickets/tickets/{id}", with_405(get(tickets::get_one), "GET"))
        .route(
            "/v2/tickets/in-progress-tickets",
            with_405(get(in_progress::list), "GET"),
        )
        .route(
            "/v2/tickets/in-progress-tickets/{id}",
            with_405(
                get(in_progress::get_one)
                    .put(in_progress::update)
                    .patch(in_progress::transition),
                "GET, PUT, PATCH",
            ),
        )
        .route(
            "/v2/tickets/outsourced-tickets/{id}",
            with_405(get(tickets::get_outsourced), "GET"),
        )
        .route("/v2", any(not_found))
        .route("/v2/", any(not_found))
        .route("/v2/{*rest}", any(not_found))
        .layer(axum::middleware::from_fn_with_state(
            st.clone(),
            middleware::v2_pipeline,
        ));

    let hooks = Router::new()
        .route(
            "/__mock/requests",
            with_405(get(mock_api::requests).delete(mock_api::clear_requests), "GET, DELETE"),
        )
        .route(
            "/__mock/faults",
            with_405(
                get(mock_api::faults)
                    .post(mock_api::push_faults)
                    .delete(mock_api::clear_faults),
                "GET, POST, DELETE",
            ),
        )
        .route("/__mock/reset", with_405(post(mock_api::reset), "POST"))
        .route("/__mock/tokens", with_405(get(mock_api::tokens), "GET"))
        .route("/oauth2/token", with_405(post(oauth::token), "POST"));

    let mut router = api.merge(hooks);
    if let Some(pkg) = pkg {
        router = router.nest_service("/pkg", ServeDir::new(pkg));
    }
    router = match www {
        Some(www) => router.fallback_service(ServeDir::new(www)),
        None => router.fallback(not_found),
    };
    router
        .layer(axum::middleware::from_fn_with_state(st.clone(), middleware::access_log))
        .layer(cors())
        .with_state(st)
}
