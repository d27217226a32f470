//! `PATCH /v2/tickets/in-progress-tickets/{id}`: the transitions, their 303s,
//! the resources they lead to, and the bodies that are refused.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

/// The mock's fixed clock after one change (it stamps changes deterministically).
const NOW1: &str = "2026-11-01T00:00:01Z";

#[tokio::test]
async fn transition_outsource() {
    let m = mock().await;
    let id = m.in_progress_ids().await[1].clone();
    let path = format!("/v2/tickets/in-progress-tickets/{id}");
    let (_, before) = m.get_json(&path).await;
    let provider = "89679b1d-5eea-4ceb-8c38-aea88452dbc0";
    let body = json!({"transition": {
        "type": "outsource",
        "product_ids": ["497f6eca-6276-4993-bfeb-53cbbbba6f08"],
        "provider_id": provider,
        "allow_customer_chat_write_access": true,
        "share_customer_information": false
    }});
    let res = m.send_json(Method::PATCH, &path, &body).await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/v2/tickets/outsourced-tickets/"), "{location}");
    let new_id = location.rsplit('/').next().unwrap();
    assert_eq!(new_id.len(), 36);
    assert_ne!(new_id, id);

    let (status, o) = m.get_json(&location).await;
    assert_eq!(status, 200);
    assert_eq!(o["id"], new_id);
    assert_eq!(o["outsource_provider_id"], provider);
    assert_eq!(o["reclaimable"], true);
    for f in [
        "created_at",
        "customer_id",
        "ticket_number",
        "vehicle_model_id",
        "vin",
        "voucher_code",
        "connection_id",
    ] {
        assert_eq!(o[f], before[f], "{f}");
    }
    assert!(o["outsource_ticket_id"].as_str().unwrap().len() == 36);
    let mut keys: Vec<&String> = o.as_object().unwrap().keys().collect();
    keys.sort(); // the set of keys; their order is the wire order
    assert_eq!(keys.len(), 11);

    let (_, t) = m.get_json(&format!("/v2/tickets/tickets/{id}")).await;
    assert_eq!(t["state"], "outsourced");
    assert_eq!(t["outsourced"], true);
    assert_eq!(t["updated_at"], NOW1);
    assert_eq!(t["finished_at"], Value::Null);
    assert!(!m.in_progress_ids().await.contains(&id));
    assert_eq!(m.page("/v2/tickets/in-progress-tickets").await["total"], 299);
    assert_problem(m.get(&path).await, 404, "ticket").await;
    // A second transition of the same ticket: it is no longer in progress.
    let res = m
        .send_json(Method::PATCH, &path, &json!({"transition": {"type": "complete"}}))
        .await;
    assert_problem(res, 404, &format!("ticket {id} is not in progress (state: outsourced)")).await;
}

#[tokio::test]
async fn transition_complete() {
    let m = mock().await;
    let id = m.in_progress_ids().await[2].clone();
    let path = format!("/v2/tickets/in-progress-tickets/{id}");
    let res = m
        .send_json(Method::PATCH, &path, &json!({"transition": {"type": "complete"}}))
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        format!("/v2/tickets/tickets/{id}")
    );
    assert_eq!(res.text().await.unwrap(), "");
    let (_, t) = m.get_json(&format!("/v2/tickets/tickets/{id}")).await;
    assert_eq!(t["state"], "closed");
    assert_eq!(t["finished_at"], NOW1);
    assert_eq!(t["updated_at"], NOW1);
    assert_eq!(t["cancel_reason_id"], Value::Null);
    assert!(!m.in_progress_ids().await.contains(&id));
    let closed = m
        .page("/v2/tickets/tickets?state=closed&finished_after=2026-11-01T00:00:00Z")
        .await;
    assert_eq!(closed["total"], 1);
    assert_eq!(closed["result"][0]["id"], id.as_str());
}

#[tokio::test]
async fn transition_cancel() {
    let m = mock().await;
    let id = m.in_progress_ids().await[3].clone();
    let path = format!("/v2/tickets/in-progress-tickets/{id}");
    let res = m
        .send_json(
            Method::PATCH,
            &path,
            &json!({"transition": {"type": "cancel", "cancel_reason_id": 3}}),
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        format!("/v2/tickets/tickets/{id}")
    );
    let (_, t) = m.get_json(&format!("/v2/tickets/tickets/{id}")).await;
    assert_eq!(t["state"], "cancelled");
    assert_eq!(t["cancel_reason_id"], 3);
    assert_eq!(t["finished_at"], NOW1);
    assert!(!m.in_progress_ids().await.contains(&id));
    assert_eq!(m.page("/v2/tickets/in-progress-tickets").await["total"], 299);
}

#[tokio::test]
async fn transition_of_a_ticket_not_in_progress() {
    let m = mock().await;
    let pending = m.page("/v2/tickets/tickets?state=pending&limit=1").await;
    let pid = pending["result"][0]["id"].as_str().unwrap().to_string();
    let res = m
        .send_json(
            Method::PATCH,
            &format!("/v2/tickets/in-progress-tickets/{pid}"),
            &json!({"transition": {"type": "complete"}}),
        )
        .await;
    assert_problem(res, 404, &format!("ticket {pid} is not in progress (state: pending)")).await;
    let (_, t) = m.get_json(&format!("/v2/tickets/tickets/{pid}")).await;
    assert_eq!(t["state"], "pending");
    let res = m
        .send_json(
            Method::PATCH,
            "/v2/tickets/in-progress-tickets/00000000-0000-4000-8000-000000000000",
            &json!({"transition": {"type": "complete"}}),
        )
        .await;
    assert_problem(res, 404, "no in-progress ticket").await;
}

#[tokio::test]
async fn bad_transition_bodies() {
    let m = mock().await;
    let id = m.in_progress_ids().await[4].clone();
    let path = format!("/v2/tickets/in-progress-tickets/{id}");
    let uuid = "497f6eca-6276-4993-bfeb-53cbbbba6f08";
    for (body, prefix) in [
        (json!({}), "transition: required"),
        (json!({"transition": "complete"}), "transition: expected an object"),
        (json!({"transition": {}}), "transition.type: required"),
        (json!({"transition": {"type": 1}}), "transition.type: expected a string"),
        (
            json!({"transition": {"type": "reopen"}}),
            "transition.type: expected outsource, complete or cancel",
        ),
        (
            json!({"transition": {"type": "complete"}, "extra": 1}),
            "extra: unknown field",
        ),
        (
            json!({"transition": {"type": "complete", "cancel_reason_id": 1}}),
            "transition.cancel_reason_id: unknown field",
        ),
        (
            json!({"transition": {"type": "cancel"}}),
            "transition.cancel_reason_id: required",
        ),
        (
            json!({"transition": {"type": "cancel", "cancel_reason_id": "1"}}),
            "transition.cancel_reason_id: expected",
        ),
        (
            // 0 is a cancel reason (the reference's sample ticket has one); -1 is not.
            json!({"transition": {"type": "cancel", "cancel_reason_id": -1}}),
            "transition.cancel_reason_id: expected",
        ),
        (
            json!({"transition": {"type": "outsource", "provider_id": uuid}}),
            "transition.product_ids: required",
        ),
        (
            json!({"transition": {"type": "outsource", "provider_id": uuid, "product_ids": []}}),
            "transition.product_ids: expected a non-empty array",
        ),
        (
            json!({"transition": {"type": "outsource", "provider_id": uuid, "product_ids": ["x"]}}),
            "transition.product_ids[0]: expected a UUID",
        ),
        (
            json!({"transition": {"type": "outsource", "product_ids": [uuid]}}),
            "transition.provider_id: required",
        ),
        (
            json!({"transition": {"type": "outsource", "product_ids": [uuid], "provider_id": "p"}}),
            "transition.provider_id: expected a UUID",
        ),
        (
            json!({"transition": {"type": "outsource", "product_ids": [uuid], "provider_id": uuid, "share_customer_information": "yes"}}),
            "transition.share_customer_information: expected a boolean",
        ),
    ] {
        let res = m.send_json(Method::PATCH, &path, &body).await;
        assert_problem(res, 400, prefix).await;
    }
    let res = m.req(Method::PATCH, &path).body("nope").send().await.unwrap();
    assert_problem(res, 400, "request body: invalid JSON").await;
    // Still in progress.
    assert!(m.in_progress_ids().await.contains(&id));
}
