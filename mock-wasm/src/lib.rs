//! `jifeline-mock-core` in WebAssembly: the in-process mock of the npm
//! package's `jifeline-tickets/testing` entry. JavaScript (`testing-core.js`)
//! turns a `Request` into [`MockApi::handle`]'s arguments and its [`Answer`]
//! into a `Response`; timers, aborts and dropped connections are done there.
//!
//! Its own `.wasm`, built apart from the SDK's, so that nothing of the mock
//! reaches a portal's production bundle.
#![deny(missing_docs, missing_debug_implementations)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jifeline_mock_core::router::{self, Outcome};
use jifeline_mock_core::{Config, Shared};
use wasm_bindgen::prelude::*;

/// One mock API: its seeded data, fault queue and request log.
#[wasm_bindgen]
pub struct MockApi {
    state: Shared,
}

impl std::fmt::Debug for MockApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockApi").finish_non_exhaustive()
    }
}

/// What the mock answers one request with.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Answer {
    status: u16,
    headers: Vec<String>,
    body: Vec<u8>,
    delay_ms: u64,
    dropped: bool,
}

#[wasm_bindgen]
impl Answer {
    /// The HTTP status (0 when the connection is dropped).
    #[wasm_bindgen(getter)]
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers as `[name, value, name, value, …]`.
    #[wasm_bindgen(getter)]
    pub fn headers(&self) -> Vec<String> {
        self.headers.clone()
    }

    /// The body's bytes.
    #[wasm_bindgen(getter)]
    pub fn body(&self) -> Vec<u8> {
        self.body.clone()
    }

    /// How long to wait before answering (an injected fault's delay).
    #[wasm_bindgen(getter, js_name = delayMs)]
    pub fn delay_ms(&self) -> f64 {
        self.delay_ms as f64
    }

    /// Whether to fail like a dropped connection instead of answering.
    #[wasm_bindgen(getter)]
    pub fn dropped(&self) -> bool {
        self.dropped
    }
}

#[wasm_bindgen]
impl MockApi {
    /// A mock with `tickets` seeded tickets (`in_progress` of them in
    /// progress) from `seed`; with `token`, only that bearer token is
    /// accepted; with `api_key`, the in-progress endpoints require it.
    /// The options are checked by the JavaScript that calls this.
    #[wasm_bindgen(constructor)]
    pub fn new(seed: f64, tickets: u32, in_progress: u32, token: Option<String>, api_key: Option<String>) -> MockApi {
        let config = Config {
            seed: seed as u64,
            tickets: tickets as usize,
            in_progress: in_progress.min(tickets) as usize,
            token,
            api_key,
            log_requests: false,
            ..Config::default()
        };
        MockApi {
            state: Shared::new(config),
        }
    }

    /// Answers one request. `headers` is `[name, value, …]`; `now_ms` is the
    /// caller's clock (`Date.now()`). A request that is not HTTP-shaped (a
    /// bad method or URL) is answered with a 400 problem, never a panic.
    pub fn handle(&self, method: &str, url: &str, headers: Vec<String>, body: Vec<u8>, now_ms: f64) -> Answer {
        let mut builder = http::Request::builder().method(method).uri(url);
        for pair in headers.chunks(2) {
            if let [name, value] = pair {
                builder = builder.header(name.as_str(), value.as_str());
            }
        }
        let request = match builder.body(body) {
            Ok(r) => r,
            Err(e) => return answer(problem(400, &format!("not an HTTP request the mock can read: {e}")), 0),
        };
        let path = request.uri().path().to_owned();
        match router::handle(&self.state, &request, now_ms.max(0.0) as u64) {
            Some(Outcome::Answer { delay_ms, response }) => answer(response, delay_ms),
            Some(Outcome::Drop { delay_ms }) => Answer {
                status: 0,
                headers: Vec::new(),
                body: Vec::new(),
                delay_ms,
                dropped: true,
            },
            None => answer(router::not_found(&path), 0),
        }
    }
}

fn problem(status: u16, detail: &str) -> jifeline_mock_core::response::Response {
    use jifeline_mock_core::response::IntoResponse;
    let status = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::BAD_REQUEST);
    jifeline_mock_core::problem::Problem::new(status, detail).into_response()
}

fn answer(response: jifeline_mock_core::response::Response, delay_ms: u64) -> Answer {
    let (parts, body) = response.into_parts();
    let mut headers = Vec::with_capacity(parts.headers.len() * 2);
    for (name, value) in &parts.headers {
        headers.push(name.as_str().to_owned());
        headers.push(String::from_utf8_lossy(value.as_bytes()).into_owned());
    }
    Answer {
        status: parts.status.as_u16(),
        headers,
        body,
        delay_ms,
        dropped: false,
    }
}
