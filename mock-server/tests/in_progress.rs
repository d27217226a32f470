//! The in-progress endpoints: list, get, PUT update, PATCH transitions, API key, outsourced tickets.

mod common;

use common::*;
use jifeline_mock::Config;
use reqwest::Method;
use serde_json::{json, Value};

const NOW1: &str = "2026-11-01T00:00:01Z";

#[tokio::test]
async fn list_shape_and_total() {
    let m = mock().await;
    let v = m.page("/v2/tickets/in-progress-tickets").await;
    assert_eq!(v["query"], json!({"limit": 25, "offset": 0}));
    assert_eq!(v["total"], 300);
    let first = &v["result"][0];
    let mut keys: Vec<&String> = first.as_object().unwrap().keys().collect();
    keys.sort(); // the set of keys; their order is the wire order
    assert_eq!(
        keys,
        [
            "connection_id",
            "created_at",
            "customer_id",
            "id",
            "operator_id",
            "outsourced",
            "service_started_at",
            "ticket_number",
            "vehicle_model_id",
            "vin",
            "voucher_code"
        ]
    );
    // The same ticket through the tickets endpoint agrees.
    let (_, t) = m
        .get_json(&format!("/v2/tickets/tickets/{}", first["id"].as_str().unwrap()))
        .await;
    assert_eq!(t["state"], "in_progress");
    for f in [
        "created_at",
        "customer_id",
        "ticket_number",
        "vehicle_model_id",
        "vin",
        "operator_id",
        "voucher_code",
        "outsourced",
        "connection_id",
    ] {
        assert_eq!(t[f], first[f], "{f}");
    }
    assert!(first["service_started_at"].as_str().unwrap() >= t["assigned_at"].as_str().unwrap());
    assert!(first["vin"].as_str().unwrap().len() == 17 && first["customer_id"].is_string());
}

#[tokio::test]
async fn list_paging_and_ticket_number() {
    let m = mock().await;
    let all = m.page("/v2/tickets/in-progress-tickets?limit=1000").await;
    let all = all["result"].as_array().unwrap().clone();
    assert_eq!(all.len(), 300);
    let page = m.page("/v2/tickets/in-progress-tickets?limit=7&offset=14").await;
    assert_eq!(page["query"], json!({"limit": 7, "offset": 14}));
    assert_eq!(page["total"], 300);
    assert_eq!(page["result"].as_array().unwrap()[..], all[14..21]);
    let n = all[5]["ticket_number"].as_i64().unwrap();
    let one = m
        .page(&format!("/v2/tickets/in-progress-tickets?ticket_number={n}"))
        .await;
    assert_eq!(one["total"], 1);
    assert_eq!(one["query"]["ticket_number"], n);
    assert_eq!(one["result"][0], all[5]);
    // A ticket number of a ticket that is not in progress finds nothing.
    let closed = m.page("/v2/tickets/tickets?state=closed&limit=1").await;
    let cn = closed["result"][0]["ticket_number"].as_i64().unwrap();
    let none = m
        .page(&format!("/v2/tickets/in-progress-tickets?ticket_number={cn}"))
        .await;
    assert_eq!(none["total"], 0);
    for (q, p) in [
        ("limit=1001", "limit"),
        ("offset=-1", "offset"),
        ("ticket_number=x", "ticket_number"),
        ("state=closed", "state"),
    ] {
        assert_problem(
            m.get(&format!("/v2/tickets/in-progress-tickets?{q}")).await,
            400,
            &format!("{p}: "),
        )
        .await;
    }
}

#[tokio::test]
async fn get_one_and_not_in_progress() {
    let m = mock().await;
    let ids = m.in_progress_ids().await;
    let (status, one) = m.get_json(&format!("/v2/tickets/in-progress-tickets/{}", ids[3])).await;
    assert_eq!(status, 200);
    assert_eq!(one["id"], ids[3].as_str());
    let closed = m.page("/v2/tickets/tickets?state=closed&limit=1").await;
    let cid = closed["result"][0]["id"].as_str().unwrap().to_string();
    let res = m.get(&format!("/v2/tickets/in-progress-tickets/{cid}")).await;
    assert_problem(res, 404, &format!("ticket {cid} is not in progress (state: closed)")).await;
    let res = m
        .get("/v2/tickets/in-progress-tickets/00000000-0000-4000-8000-000000000000")
        .await;
    assert_problem(res, 404, "no in-progress ticket").await;
    let res = m.get("/v2/tickets/in-progress-tickets/123").await;
    assert_problem(res, 400, "in-progress-ticket-id: expected a UUID").await;
}

#[tokio::test]
async fn put_updates_the_ticket() {
    let m = mock().await;
    let id = m.in_progress_ids().await[0].clone();
    let path = format!("/v2/tickets/in-progress-tickets/{id}");
    let (_, before) = m.get_json(&path).await;
    let body = json!({
        "operator_id": "fa9de6bb-1df8-4ba6-9e6d-1172fbf7e166",
        "customer_id": "160c0c4b-9966-4dc1-a916-8407eb10d74e",
        "vehicle_model_id": 42,
        "vin": "JH4KA7630PC007649",
        "voucher_code": "WQ4MM3"
    });
    let res = m.send_json(Method::PUT, &path, &body).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/json");
    let updated: Value = res.json_value().await;
    let mut want = before.clone();
    for (k, v) in body.as_object().unwrap() {
        want[k] = v.clone();
    }
    assert_eq!(updated, want);
    let (_, again) = m.get_json(&path).await;
    assert_eq!(again, want);
    let (_, ticket) = m.get_json(&format!("/v2/tickets/tickets/{id}")).await;
    assert_eq!(ticket["vin"], "JH4KA7630PC007649");
    assert_eq!(ticket["operator_id"], "fa9de6bb-1df8-4ba6-9e6d-1172fbf7e166");
    assert_eq!(ticket["updated_at"], NOW1);
    assert_eq!(ticket["state"], "in_progress");

    // Only operator_id: the rest stays; voucher_code null clears it.
    let res = m
        .send_json(
            Method::PUT,
            &path,
            &json!({"operator_id": "cf9f10e0-6e93-40d9-be21-d7df6628e78c", "voucher_code": null}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let v: Value = res.json_value().await;
    assert_eq!(v["operator_id"], "cf9f10e0-6e93-40d9-be21-d7df6628e78c");
    assert_eq!(v["vin"], "JH4KA7630PC007649");
    assert_eq!(v["voucher_code"], Value::Null);
    let (_, ticket) = m.get_json(&format!("/v2/tickets/tickets/{id}")).await;
    assert_eq!(ticket["updated_at"], "2026-11-01T00:00:02Z");
}

#[tokio::test]
async fn put_validation() {
    let m = mock().await;
    let id = m.in_progress_ids().await[0].clone();
    let path = format!("/v2/tickets/in-progress-tickets/{id}");
    let op = "fa9de6bb-1df8-4ba6-9e6d-1172fbf7e166";
    for (body, prefix) in [
        (json!({}), "operator_id: required"),
        (json!({"operator_id": "nope"}), "operator_id: expected a UUID"),
        (json!({"operator_id": null}), "operator_id: expected a UUID"),
        (
            json!({"operator_id": op, "customer_id": 5}),
            "customer_id: expected a UUID",
        ),
        (
            json!({"operator_id": op, "vehicle_model_id": "7"}),
            "vehicle_model_id: expected an integer",
        ),
        (
            json!({"operator_id": op, "vin": "TOOSHORT"}),
            "vin: expected a string of exactly 17 characters",
        ),
        (
            json!({"operator_id": op, "voucher_code": "abc1"}),
            "voucher_code: expected null or 4 to 8 characters",
        ),
        (
            json!({"operator_id": op, "voucher_code": "ABCDEFGHJ"}),
            "voucher_code: ",
        ),
        (json!({"operator_id": op, "voucher_code": "AB"}), "voucher_code: "),
        (json!({"operator_id": op, "colour": "red"}), "colour: unknown field"),
        (json!([1, 2]), "request body: expected a JSON object"),
    ] {
        let res = m.send_json(Method::PUT, &path, &body).await;
        assert_problem(res, 400, prefix).await;
    }
    let res = m.req(Method::PUT, &path).body("{not json").send().await.unwrap();
    assert_problem(res, 400, "request body: invalid JSON").await;
    // Nothing changed.
    let (_, t) = m.get_json(&format!("/v2/tickets/tickets/{id}")).await;
    assert_ne!(t["updated_at"], NOW1);
    // Not in progress: 404.
    let closed = m.page("/v2/tickets/tickets?state=closed&limit=1").await;
    let cid = closed["result"][0]["id"].as_str().unwrap();
    let res = m
        .send_json(
            Method::PUT,
            &format!("/v2/tickets/in-progress-tickets/{cid}"),
            &json!({"operator_id": op}),
        )
        .await;
    assert_problem(res, 404, "ticket").await;
}

#[tokio::test]
async fn api_key_when_configured() {
    let m = mock_with(Config {
        api_key: Some("k3y".into()),
        ..config()
    })
    .await;
    let res = m.get("/v2/tickets/in-progress-tickets").await;
    let body = assert_problem(res, 401, "missing or invalid x-api-key").await;
    assert!(!body.to_string().contains("k3y"));
    let res = m
        .req(Method::GET, "/v2/tickets/in-progress-tickets")
        .header("x-api-key", "wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let res = m
        .req(Method::GET, "/v2/tickets/in-progress-tickets")
        .header("x-api-key", "k3y")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // The tickets endpoints do not need it.
    assert_eq!(m.get("/v2/tickets/tickets?limit=1").await.status(), 200);
    // Without --api-key none is required.
    let plain = mock().await;
    assert_eq!(plain.get("/v2/tickets/in-progress-tickets").await.status(), 200);
}

#[tokio::test]
async fn seeded_outsourced_tickets_are_readable_and_missing_ones_404() {
    let m = mock().await;
    let res = m
        .get("/v2/tickets/outsourced-tickets/00000000-0000-4000-8000-000000000000")
        .await;
    assert_problem(res, 404, "no outsourced ticket").await;
    let res = m.get("/v2/tickets/outsourced-tickets/abc").await;
    assert_problem(res, 400, "outsourced-ticket-id: expected a UUID").await;
}
