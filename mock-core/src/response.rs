//! Responses as plain values: `http::Response` with the body's bytes. What the
//! shells send (the axum server over TCP, the wasm `fetch` in the npm package).

pub use http::{header, HeaderMap, HeaderValue, Method, StatusCode};

/// A complete response.
pub type Response = http::Response<Vec<u8>>;

/// Turns a handler's result into a [`Response`], as axum's trait of the same name does.
pub trait IntoResponse {
    fn into_response(self) -> Response;
}

impl IntoResponse for Response {
    fn into_response(self) -> Response {
        self
    }
}

impl IntoResponse for StatusCode {
    fn into_response(self) -> Response {
        (self, Vec::new()).into_response()
    }
}

impl IntoResponse for (StatusCode, Vec<u8>) {
    fn into_response(self) -> Response {
        let mut res = Response::new(self.1);
        *res.status_mut() = self.0;
        res
    }
}

impl IntoResponse for (StatusCode, String) {
    fn into_response(self) -> Response {
        (self.0, self.1.into_bytes()).into_response()
    }
}

impl IntoResponse for (StatusCode, &'static str) {
    fn into_response(self) -> Response {
        (self.0, self.1.as_bytes().to_vec()).into_response()
    }
}
