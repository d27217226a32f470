//! The access log, and the marker of a dropped connection.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

/// Marks a response whose connection must be closed without sending anything (fault `drop`).
/// [`crate::server::serve`] turns it into a connection abort.
#[derive(Debug, Clone, Copy)]
pub struct DropConnection;

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
