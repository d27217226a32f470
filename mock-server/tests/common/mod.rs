//! Shared helpers: start the mock in-process on 127.0.0.1:0 and talk to it with reqwest.
#![allow(dead_code)]

use jifeline_mock::Config;
use reqwest::{Client, Method, Response};
use serde_json::Value;

pub const TOKEN: &str = "test-token";

pub struct Mock {
    pub base: String,
    pub client: Client,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Mock {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub fn config() -> Config {
    Config {
        port: 0,
        log_requests: false,
        ..Config::default()
    }
}

pub async fn mock() -> Mock {
    mock_with(config()).await
}

pub async fn mock_with(config: Config) -> Mock {
    let (addr, task) = jifeline_mock::start(config).await.expect("start the mock");
    let client = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    Mock {
        base: format!("http://{addr}"),
        client,
        task,
    }
}

impl Mock {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A request with the bearer token.
    pub fn req(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, self.url(path))
            .header("authorization", format!("Bearer {TOKEN}"))
    }

    pub async fn get(&self, path: &str) -> Response {
        self.req(Method::GET, path).send().await.expect("request")
    }

    /// GET with the token; status and parsed JSON body.
    pub async fn get_json(&self, path: &str) -> (u16, Value) {
        let res = self.get(path).await;
        let status = res.status().as_u16();
        let text = res.text().await.expect("body");
        (
            status,
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}: {text}")),
        )
    }

    /// A 200 list page.
    pub async fn page(&self, path: &str) -> Value {
        let (status, v) = self.get_json(path).await;
        assert_eq!(status, 200, "{path}: {v}");
        v
    }

    /// Every ticket, fetched 1000 at a time, in the default order.
    pub async fn all_tickets(&self) -> Vec<Value> {
        let mut out = Vec::new();
        loop {
            let v = self
                .page(&format!("/v2/tickets/tickets?limit=1000&offset={}", out.len()))
                .await;
            let batch = v["result"].as_array().unwrap().clone();
            let total = v["total"].as_u64().unwrap() as usize;
            out.extend(batch);
            if out.len() >= total {
                return out;
            }
        }
    }

    /// A JSON request body with the token.
    pub async fn send_json(&self, method: Method, path: &str, body: &Value) -> Response {
        self.req(method, path)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .expect("request")
    }

    /// Reads one of the testing hooks (`/__mock/requests`, `/__mock/faults`): no auth, JSON.
    pub async fn hook(&self, path: &str) -> Value {
        self.client.get(self.url(path)).send().await.unwrap().json_value().await
    }

    /// Posts a fault queue.
    pub async fn queue_faults(&self, specs: Value) {
        let res = self
            .client
            .post(self.url("/__mock/faults"))
            .body(specs.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    }

    /// Ids of the tickets in progress.
    pub async fn in_progress_ids(&self) -> Vec<String> {
        let v = self.page("/v2/tickets/in-progress-tickets?limit=1000").await;
        v["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect()
    }
}

/// Asserts a problem+json response of `status` whose detail starts with `prefix`; returns the body.
pub async fn assert_problem(res: Response, status: u16, prefix: &str) -> Value {
    assert_eq!(res.status().as_u16(), status);
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let v: Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    assert_eq!(v["status"], status);
    assert_eq!(v["type"], "about:blank");
    assert!(v["title"].as_str().is_some_and(|t| !t.is_empty()), "{v}");
    let detail = v["detail"].as_str().unwrap();
    assert!(
        detail.starts_with(prefix),
        "detail {detail:?} should start with {prefix:?}"
    );
    v
}

/// Parses a response body as JSON.
pub trait JsonValue {
    #[allow(async_fn_in_trait)]
    async fn json_value(self) -> Value;
}

impl JsonValue for Response {
    async fn json_value(self) -> Value {
        let text = self.text().await.unwrap();
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }
}
