//! Fault injection, each kind in both forms: the `x-mock-fault` header and the `/__mock/faults` queue.

mod common;

use std::time::{Duration, Instant};

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

const PATH: &str = "/v2/tickets/tickets?limit=2";

#[derive(Clone, Copy, Debug)]
enum Form {
    Header,
    Queue,
}

const FORMS: [Form; 2] = [Form::Header, Form::Queue];

/// Sends `GET PATH` with the fault given in `form`.
async fn faulted(m: &Mock, form: Form, header: &str, spec: Value) -> Result<reqwest::Response, reqwest::Error> {
    match form {
        Form::Header => m.req(Method::GET, PATH).header("x-mock-fault", header).send().await,
        Form::Queue => {
            m.queue_faults(json!([spec])).await;
            m.req(Method::GET, PATH).send().await
        }
    }
}

async fn normal_body(m: &Mock) -> String {
    let res = m.get(PATH).await;
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

#[tokio::test]
async fn status_with_retry_after_seconds() {
    let m = mock().await;
    for form in FORMS {
        let res = faulted(
            &m,
            form,
            "status=503;retry_after=2",
            json!({"status": 503, "retry_after": "2"}),
        )
        .await
        .unwrap();
        assert_eq!(res.headers()["retry-after"], "2", "{form:?}");
        assert_problem(res, 503, "injected fault: status 503").await;
        // Only that request: the next one succeeds.
        assert_eq!(m.get(PATH).await.status(), 200, "{form:?}");
    }
}

#[tokio::test]
async fn status_429_with_http_date() {
    let m = mock().await;
    let date = "Wed, 21 Oct 2026 07:28:00 GMT";
    for form in FORMS {
        let res = faulted(
            &m,
            form,
            &format!("status=429; retry_after={date}"),
            json!({"status": 429, "retry_after": date}),
        )
        .await
        .unwrap();
        assert_eq!(res.headers()["retry-after"], date);
        let v = assert_problem(res, 429, "injected fault").await;
        assert_eq!(v["title"], "Too Many Requests");
    }
}

#[tokio::test]
async fn status_without_retry_after_has_no_header() {
    let m = mock().await;
    for form in FORMS {
        let res = faulted(&m, form, "status=500", json!({"status": 500})).await.unwrap();
        assert!(res.headers().get("retry-after").is_none());
        assert_problem(res, 500, "injected fault").await;
    }
}

#[tokio::test]
async fn delay_then_normal_answer() {
    let m = mock().await;
    let normal = normal_body(&m).await;
    for form in FORMS {
        let start = Instant::now();
        let res = faulted(&m, form, "delay_ms=300", json!({"delay_ms": 300}))
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.text().await.unwrap(), normal);
        assert!(start.elapsed() >= Duration::from_millis(300), "{form:?}");
    }
}

#[tokio::test]
async fn delay_with_status() {
    let m = mock().await;
    for form in FORMS {
        let start = Instant::now();
        let res = faulted(
            &m,
            form,
            "delay_ms=200;status=504",
            json!({"delay_ms": 200, "status": 504}),
        )
        .await
        .unwrap();
        assert_eq!(res.status(), 504);
        assert!(start.elapsed() >= Duration::from_millis(200));
    }
}

#[tokio::test]
async fn html_body() {
    let m = mock().await;
    for form in FORMS {
        let res = faulted(&m, form, "body=html", json!({"body": "html"})).await.unwrap();
        assert_eq!(res.status(), 502);
        assert_eq!(res.headers()["content-type"], "text/html; charset=utf-8");
        let text = res.text().await.unwrap();
        assert!(text.starts_with("<!DOCTYPE html>"));
        assert!(text.contains("<title>502 Bad Gateway</title>"));
        let res = faulted(&m, form, "body=html;status=503", json!({"body": "html", "status": 503}))
            .await
            .unwrap();
        assert_eq!(res.status(), 503);
        assert!(res.text().await.unwrap().contains("503 Service Unavailable"));
    }
}

#[tokio::test]
async fn truncated_body() {
    let m = mock().await;
    let normal = normal_body(&m).await;
    for form in FORMS {
        let res = faulted(&m, form, "body=truncated", json!({"body": "truncated"}))
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/json");
        let text = res.text().await.unwrap();
        assert_eq!(text, normal[..normal.len() / 2]);
        assert!(serde_json::from_str::<Value>(&text).is_err());
    }
}

#[tokio::test]
async fn malformed_body() {
    let m = mock().await;
    for form in FORMS {
        let res = faulted(&m, form, "body=malformed", json!({"body": "malformed"}))
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/json");
        let text = res.text().await.unwrap();
        assert!(!text.is_empty());
        assert!(serde_json::from_str::<Value>(&text).is_err());
    }
}

#[tokio::test]
async fn empty_body() {
    let m = mock().await;
    for form in FORMS {
        let res = faulted(&m, form, "body=empty", json!({"body": "empty"})).await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-length"], "0");
        assert_eq!(res.text().await.unwrap(), "");
    }
}

#[tokio::test]
async fn wrong_shape_body() {
    let m = mock().await;
    let normal: Value = serde_json::from_str(&normal_body(&m).await).unwrap();
    for form in FORMS {
        let res = faulted(&m, form, "body=wrong_shape", json!({"body": "wrong_shape"}))
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/json");
        let v: Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
        assert_eq!(v["total"], "3000");
        assert!(v["result"].is_object());
        assert_eq!(v["result"]["0"], normal["result"][0]);
        assert!(v["query"].is_array());
    }
    // A single ticket: ticket_number becomes a string.
    let id = normal["result"][0]["id"].as_str().unwrap();
    let res = m
        .req(Method::GET, &format!("/v2/tickets/tickets/{id}"))
        .header("x-mock-fault", "body=wrong_shape")
        .send()
        .await
        .unwrap();
    let v: Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    assert_eq!(v["ticket_number"], normal["result"][0]["ticket_number"].to_string());
    assert_eq!(v["id"], 36);
}

#[tokio::test]
async fn content_type_override() {
    let m = mock().await;
    let normal = normal_body(&m).await;
    for form in FORMS {
        let res = faulted(
            &m,
            form,
            "content_type=text/plain",
            json!({"content_type": "text/plain"}),
        )
        .await
        .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "text/plain");
        assert_eq!(res.text().await.unwrap(), normal);
        let res = faulted(
            &m,
            form,
            "status=503;content_type=text/html",
            json!({"status": 503, "content_type": "text/html"}),
        )
        .await
        .unwrap();
        assert_eq!(res.status(), 503);
        assert_eq!(res.headers()["content-type"], "text/html");
    }
}

#[tokio::test]
async fn drop_closes_the_connection() {
    let m = mock().await;
    for form in FORMS {
        let err = faulted(&m, form, "drop=true", json!({"drop": true})).await.unwrap_err();
        assert!(err.is_request() || err.is_connect(), "{form:?}: {err:?}");
        assert!(err.status().is_none());
        // The server is fine afterwards.
        assert_eq!(m.get(PATH).await.status(), 200);
    }
    // With a delay first.
    let start = Instant::now();
    let err = faulted(&m, Form::Header, "delay_ms=150;drop=true", Value::Null)
        .await
        .unwrap_err();
    assert!(err.status().is_none());
    assert!(start.elapsed() >= Duration::from_millis(150));
}

#[tokio::test]
async fn drop_on_a_raw_socket_sends_nothing() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let m = mock().await;
    let addr = m.base.trim_start_matches("http://").to_string();
    let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
    s.write_all(
        b"GET /v2/tickets/tickets HTTP/1.1\r\nhost: x\r\nauthorization: Bearer t\r\nx-mock-fault: drop=true\r\n\r\n",
    )
    .await
    .unwrap();
    let mut buf = Vec::new();
    let n = tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut buf))
        .await
        .expect("the server closes the connection")
        .unwrap_or(0);
    assert_eq!(n, 0, "no response bytes: {:?}", String::from_utf8_lossy(&buf));
}

#[tokio::test]
async fn location_redirect() {
    let m = mock().await;
    for form in FORMS {
        let res = faulted(
            &m,
            form,
            "location=http://127.0.0.2:9/x",
            json!({"location": "http://127.0.0.2:9/x"}),
        )
        .await
        .unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "http://127.0.0.2:9/x");
    }
}

#[tokio::test]
async fn queue_is_consumed_in_order_and_can_be_cleared() {
    let m = mock().await;
    m.queue_faults(json!([{"status": 503, "retry_after": "1"}, {"status": 429}]))
        .await;
    let queued: Value = m.hook("/__mock/faults").await;
    assert_eq!(queued, json!([{"status": 503, "retry_after": "1"}, {"status": 429}]));
    // /__mock requests do not consume the queue.
    assert_eq!(m.get(PATH).await.status(), 503);
    assert_eq!(m.get(PATH).await.status(), 429);
    assert_eq!(m.get(PATH).await.status(), 200);

    m.queue_faults(json!([{"status": 500}, {"status": 500}])).await;
    let res = m.client.delete(m.url("/__mock/faults")).send().await.unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(m.get(PATH).await.status(), 200);

    // A header fault wins and leaves the queue alone.
    m.queue_faults(json!([{"status": 502}])).await;
    let res = m
        .req(Method::GET, PATH)
        .header("x-mock-fault", "status=418")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 418);
    assert_eq!(m.get(PATH).await.status(), 502);
    assert_eq!(m.get(PATH).await.status(), 200);
}

#[tokio::test]
async fn a_replacing_fault_does_not_need_auth() {
    let m = mock().await;
    let res = m
        .client
        .get(m.url(PATH))
        .header("x-mock-fault", "status=503")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    // A fault that keeps the answer keeps the 401 too.
    let res = m
        .client
        .get(m.url(PATH))
        .header("x-mock-fault", "delay_ms=1")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn invalid_specs_are_400() {
    let m = mock().await;
    for (h, prefix) in [
        ("status=abc", "x-mock-fault: status: expected an HTTP status"),
        ("status=99", "x-mock-fault: status: 99 is not in 200..=599"),
        ("body=weird", "x-mock-fault: body: expected html"),
        ("drop=maybe", "x-mock-fault: drop: expected true or false"),
        ("colour=red", "x-mock-fault: unknown fault key"),
        ("justtext", "x-mock-fault: expected key=value"),
        ("delay_ms=9999999", "x-mock-fault: delay_ms: at most 600000"),
        ("{\"status\": \"x\"}", "x-mock-fault: status: expected"),
    ] {
        let res = m.req(Method::GET, PATH).header("x-mock-fault", h).send().await.unwrap();
        assert_problem(res, 400, prefix).await;
    }
    for (body, prefix) in [
        (json!([{"status": 503}, {"bogus": 1}]), "[1]: unknown fault key"),
        (json!([7]), "[0]: a fault spec must be a JSON object"),
        (json!("x"), "request body: expected an array"),
    ] {
        let res = m
            .client
            .post(m.url("/__mock/faults"))
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        assert_problem(res, 400, prefix).await;
    }
    // Nothing was queued by the rejected array.
    assert_eq!(m.get(PATH).await.status(), 200);
    // JSON in the header works too.
    let res = m
        .req(Method::GET, PATH)
        .header("x-mock-fault", "{\"status\": 503, \"retry_after\": 3}")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    assert_eq!(res.headers()["retry-after"], "3");
}

#[tokio::test]
async fn faults_apply_to_every_v2_endpoint() {
    let m = mock().await;
    let id = m.in_progress_ids().await[0].clone();
    let path = format!("/v2/tickets/in-progress-tickets/{id}");
    m.queue_faults(json!([{"status": 503}])).await;
    let res = m
        .send_json(Method::PATCH, &path, &json!({"transition": {"type": "complete"}}))
        .await;
    assert_eq!(res.status(), 503);
    // The transition was not applied.
    assert!(m.in_progress_ids().await.contains(&id));
}
