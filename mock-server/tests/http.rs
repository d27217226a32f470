//! CORS, static files, the request log, reset, determinism and the command itself.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::*;
use jifeline_mock::Config;
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn cors_preflight() {
    let m = mock().await;
    let res = m
        .client
        .request(
            Method::OPTIONS,
            m.url("/v2/tickets/in-progress-tickets/497f6eca-6276-4993-bfeb-53cbbbba6f08"),
        )
        .header("origin", "http://localhost:5173")
        .header("access-control-request-method", "PATCH")
        .header(
            "access-control-request-headers",
            "authorization,x-api-key,content-type,x-mock-fault,x-custom",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let h = res.headers();
    assert_eq!(h["access-control-allow-origin"], "*");
    let methods = h["access-control-allow-methods"].to_str().unwrap();
    for m in ["GET", "PUT", "PATCH", "OPTIONS"] {
        assert!(methods.contains(m), "{methods}");
    }
    assert_eq!(
        h["access-control-allow-headers"],
        "authorization,x-api-key,content-type,x-mock-fault,x-custom"
    );
    // Preflights are not recorded and need no auth.
    let log: Value = m.hook("/__mock/requests").await;
    assert_eq!(log, json!([]));
}

#[tokio::test]
async fn cors_on_303_exposes_location() {
    let m = mock().await;
    let id = m.in_progress_ids().await[0].clone();
    let res = m
        .req(Method::PATCH, &format!("/v2/tickets/in-progress-tickets/{id}"))
        .header("origin", "http://localhost:5173")
        .body(json!({"transition": {"type": "complete"}}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let h = res.headers();
    assert_eq!(h["access-control-allow-origin"], "*");
    assert_eq!(h["access-control-expose-headers"], "location,retry-after");
    assert_eq!(h["location"].to_str().unwrap(), format!("/v2/tickets/tickets/{id}"));
    // Errors and injected faults carry CORS headers too.
    let res = m
        .client
        .get(m.url("/v2/tickets/tickets"))
        .header("origin", "http://localhost:5173")
        .header("x-mock-fault", "status=429;retry_after=1")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert_eq!(res.headers()["access-control-allow-origin"], "*");
    let res = m
        .client
        .get(m.url("/v2/tickets/tickets"))
        .header("origin", "http://x")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["access-control-allow-origin"], "*");
}

fn static_dirs() -> (std::path::PathBuf, std::path::PathBuf) {
    let root = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("mock-static-{}", std::process::id()));
    let www = root.join("www");
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&www).unwrap();
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(www.join("index.html"), "<!doctype html><title>demo</title>").unwrap();
    std::fs::write(www.join("app.js"), "console.log(1);").unwrap();
    std::fs::write(pkg.join("jifeline_tickets_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(pkg.join("jifeline_tickets.js"), "export {};").unwrap();
    (www, pkg)
}

#[tokio::test]
async fn static_files_and_wasm_mime() {
    let (www, pkg) = static_dirs();
    let m = mock_with(Config {
        www: Some(www),
        pkg: Some(pkg),
        ..config()
    })
    .await;
    let res = m.client.get(m.url("/")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/html");
    assert_eq!(res.text().await.unwrap(), "<!doctype html><title>demo</title>");
    let res = m.client.get(m.url("/app.js")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/javascript");
    let res = m
        .client
        .get(m.url("/pkg/jifeline_tickets_bg.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/wasm");
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"\0asm\x01\0\0\0");
    let res = m.client.get(m.url("/pkg/jifeline_tickets.js")).send().await.unwrap();
    assert_eq!(res.headers()["content-type"], "text/javascript");
    assert_eq!(m.client.get(m.url("/missing.html")).send().await.unwrap().status(), 404);
    // The API is still there, with problem+json for unknown /v2 paths.
    assert_eq!(m.get("/v2/tickets/tickets?limit=1").await.status(), 200);
    assert_problem(m.get("/v2/unknown").await, 404, "no resource").await;
}

#[tokio::test]
async fn without_static_dirs_root_is_404() {
    let m = mock().await;
    let res = m.client.get(m.url("/")).send().await.unwrap();
    assert_problem(res, 404, "no resource at /").await;
    assert_eq!(m.client.get(m.url("/pkg/x.wasm")).send().await.unwrap().status(), 404);
}

#[tokio::test]
async fn request_log_records_v2_requests() {
    let m = mock_with(Config {
        api_key: Some("k".into()),
        ..config()
    })
    .await;
    let id = m.in_progress_ids_with_key().await[0].clone();
    let res = m.client.delete(m.url("/__mock/requests")).send().await.unwrap();
    assert_eq!(res.status(), 204);

    m.get("/v2/tickets/tickets?limit=3&state=pending,closed&sort_by%5Bcreated_at%5D=desc")
        .await;
    let body = json!({"operator_id": "fa9de6bb-1df8-4ba6-9e6d-1172fbf7e166"}).to_string();
    let res = m
        .req(Method::PUT, &format!("/v2/tickets/in-progress-tickets/{id}"))
        .header("x-api-key", "k")
        .header("content-type", "application/json")
        .header("x-trace", "a")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    m.client.get(m.url("/v2/tickets/tickets")).send().await.unwrap(); // 401, still recorded
    m.client.get(m.url("/__mock/faults")).send().await.unwrap(); // not recorded

    let log: Value = m.hook("/__mock/requests").await;
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 3);
    assert_eq!(log[0]["method"], "GET");
    assert_eq!(log[0]["path"], "/v2/tickets/tickets");
    assert_eq!(
        log[0]["query"],
        "limit=3&state=pending,closed&sort_by%5Bcreated_at%5D=desc"
    );
    assert_eq!(log[0]["headers"]["authorization"], format!("Bearer {TOKEN}"));
    assert_eq!(log[0]["body"], "");
    assert_eq!(log[1]["method"], "PUT");
    assert_eq!(log[1]["path"], format!("/v2/tickets/in-progress-tickets/{id}"));
    assert_eq!(log[1]["query"], Value::Null);
    assert_eq!(log[1]["headers"]["x-api-key"], "k");
    assert_eq!(log[1]["headers"]["content-type"], "application/json");
    assert_eq!(log[1]["headers"]["x-trace"], "a");
    assert_eq!(log[1]["body"], body);
    assert!(log[2]["headers"].get("authorization").is_none());
    let mut keys: Vec<&String> = log[1].as_object().unwrap().keys().collect();
    keys.sort(); // the set of keys; their order is the wire order
    assert_eq!(keys, ["body", "headers", "method", "path", "query"]);

    m.client.delete(m.url("/__mock/requests")).send().await.unwrap();
    let log: Value = m.hook("/__mock/requests").await;
    assert_eq!(log, json!([]));
}

#[tokio::test]
async fn reset_restores_data_and_clears_faults_and_log() {
    let m = mock().await;
    let before = m.get("/v2/tickets/tickets?limit=1000").await.text().await.unwrap();
    let id = m.in_progress_ids().await[0].clone();
    let res = m
        .send_json(
            Method::PATCH,
            &format!("/v2/tickets/in-progress-tickets/{id}"),
            &json!({"transition": {"type": "complete"}}),
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(m.page("/v2/tickets/in-progress-tickets").await["total"], 299);
    m.queue_faults(json!([{"status": 500}])).await;

    let res = m.client.post(m.url("/__mock/reset")).send().await.unwrap();
    assert_eq!(res.status(), 204);
    let log: Value = m.hook("/__mock/requests").await;
    assert_eq!(log, json!([]));
    let faults: Value = m.hook("/__mock/faults").await;
    assert_eq!(faults, json!([]));
    assert_eq!(m.page("/v2/tickets/in-progress-tickets").await["total"], 300);
    let after = m.get("/v2/tickets/tickets?limit=1000").await.text().await.unwrap();
    assert_eq!(before, after);
    // The clock restarts too.
    m.send_json(
        Method::PATCH,
        &format!("/v2/tickets/in-progress-tickets/{id}"),
        &json!({"transition": {"type": "complete"}}),
    )
    .await;
    let (_, t) = m.get_json(&format!("/v2/tickets/tickets/{id}")).await;
    assert_eq!(t["finished_at"], "2026-11-01T00:00:01Z");
}

#[tokio::test]
async fn same_seed_same_bytes() {
    let a = mock().await;
    let b = mock().await;
    let c = mock_with(Config { seed: 2, ..config() }).await;
    for path in [
        "/v2/tickets/tickets?limit=1000",
        "/v2/tickets/tickets?limit=1000&offset=2000&sort_by[updated_at]=desc",
        "/v2/tickets/in-progress-tickets?limit=1000",
    ] {
        let x = a.get(path).await.bytes().await.unwrap();
        let y = b.get(path).await.bytes().await.unwrap();
        let z = c.get(path).await.bytes().await.unwrap();
        assert_eq!(x, y, "{path}");
        assert_ne!(x, z, "{path}");
    }
    // Run-time ids are reproducible too.
    let mut locations = Vec::new();
    for m in [&a, &b] {
        let id = m.in_progress_ids().await[0].clone();
        let res = m
            .send_json(
                Method::PATCH,
                &format!("/v2/tickets/in-progress-tickets/{id}"),
                &json!({"transition": {"type": "outsource", "product_ids": ["497f6eca-6276-4993-bfeb-53cbbbba6f08"], "provider_id": "89679b1d-5eea-4ceb-8c38-aea88452dbc0"}}),
            )
            .await;
        let loc = res.headers()["location"].to_str().unwrap().to_string();
        locations.push(m.get(&loc).await.bytes().await.unwrap());
    }
    assert_eq!(locations[0], locations[1]);
}

#[tokio::test]
async fn small_configured_dataset() {
    let m = mock_with(Config {
        tickets: 40,
        in_progress: 7,
        ..config()
    })
    .await;
    assert_eq!(m.page("/v2/tickets/tickets").await["total"], 40);
    assert_eq!(m.page("/v2/tickets/in-progress-tickets").await["total"], 7);
}

#[test]
fn the_command_prints_one_listening_line_and_logs_requests() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jifeline-mock"))
        .args([
            "--port",
            "0",
            "--tickets",
            "50",
            "--in-progress",
            "5",
            "--token",
            "tok-SECRET",
            "--api-key",
            "key-SECRET",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    let base = line
        .trim_end()
        .strip_prefix("jifeline-mock listening on ")
        .unwrap_or_else(|| panic!("{line:?}"))
        .to_string();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let status = rt.block_on(async {
        reqwest::Client::new()
            .get(format!("{base}/v2/tickets/in-progress-tickets?limit=1"))
            .header("authorization", "Bearer tok-SECRET")
            .header("x-api-key", "key-SECRET")
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 200);
    let mut log = String::new();
    out.read_line(&mut log).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    let parts: Vec<&str> = log.split_whitespace().collect();
    assert_eq!(
        parts[..3],
        ["GET", "/v2/tickets/in-progress-tickets?limit=1", "200"],
        "{log}"
    );
    assert!(parts[3].ends_with("ms"));
    assert!(!log.contains("SECRET"));
}

#[test]
fn the_command_rejects_bad_flags() {
    let out = Command::new(env!("CARGO_BIN_EXE_jifeline-mock"))
        .args(["--port", "notaport"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--port"));
    let out = Command::new(env!("CARGO_BIN_EXE_jifeline-mock"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--in-progress N"));
}

trait WithKey {
    async fn in_progress_ids_with_key(&self) -> Vec<String>;
}

impl WithKey for Mock {
    async fn in_progress_ids_with_key(&self) -> Vec<String> {
        let v = self
            .req(Method::GET, "/v2/tickets/in-progress-tickets?limit=5")
            .header("x-api-key", "k")
            .send()
            .await
            .unwrap()
            .json_value()
            .await;
        v["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect()
    }
}
