//! RFC 7807 problem responses (`application/problem+json`).

use crate::response::{header, HeaderValue, IntoResponse, Response, StatusCode};
use serde::Serialize;

/// The problem body: `status`, `type`, `title`, `detail`.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub status: u16,
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub detail: String,
}

/// The content type of problem responses.
pub const PROBLEM_JSON: &str = "application/problem+json";

impl Problem {
    /// A problem of `status` with the standard reason phrase as title.
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        Problem {
            status: status.as_u16(),
            kind: "about:blank".to_string(),
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            detail: detail.into(),
        }
    }

    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, detail)
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, detail)
    }

    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, detail)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut res = (status, body).into_response();
        res.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        res
    }
}

/// A JSON response with exactly these bytes (`application/json`).
pub fn json_response<T: Serialize>(status: StatusCode, value: &T) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_default();
    let mut res = (status, body).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    res
}
