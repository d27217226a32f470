//! The mock is an independent implementation of the reference on purpose (a
//! test oracle must not share the SDK's mistakes), but the JSON it writes must
//! have exactly the fields that the SDK's resource declarations name.

mod common;

use std::collections::BTreeSet;

use common::{mock, JsonValue};
use jifeline_tickets_core::{InProgressTicket, OutsourcedTicket, Ticket};
use serde_json::Value;

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

fn declared(fields: &[&str]) -> BTreeSet<String> {
    fields.iter().map(|f| f.to_string()).collect()
}

#[tokio::test]
async fn every_resource_the_mock_writes_has_exactly_the_declared_fields() {
    let m = mock().await;
    let tickets = m.all_tickets().await;
    assert!(tickets.len() > 100);
    for t in &tickets {
        assert_eq!(keys(t), declared(Ticket::FIELDS), "{t}");
    }
    let (_, one) = m
        .get_json(&format!("/v2/tickets/tickets/{}", tickets[0]["id"].as_str().unwrap()))
        .await;
    assert_eq!(keys(&one), declared(Ticket::FIELDS));

    let page = m.page("/v2/tickets/in-progress-tickets?limit=1000").await;
    let in_progress = page["result"].as_array().unwrap();
    assert!(!in_progress.is_empty());
    for t in in_progress {
        assert_eq!(keys(t), declared(InProgressTicket::FIELDS), "{t}");
    }

    // An outsourced ticket exists only after an outsource transition.
    let id = in_progress[0]["id"].as_str().unwrap();
    let uuid = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    let res = m
        .send_json(
            reqwest::Method::PATCH,
            &format!("/v2/tickets/in-progress-tickets/{id}"),
            &serde_json::json!({"transition": {"type": "outsource", "product_ids": [uuid], "provider_id": uuid}}),
        )
        .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let outsourced = m.get(&location).await.json_value().await;
    assert_eq!(keys(&outsourced), declared(OutsourcedTicket::FIELDS), "{outsourced}");
}
