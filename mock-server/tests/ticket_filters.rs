//! `GET /v2/tickets/tickets`: each of the reference's filters, alone and combined.

mod common;

use common::*;
use serde_json::Value;

/// Checks one filter: the total is the count of matching tickets, every result matches, and the
/// filter is not trivial (it keeps some tickets and drops some).
async fn check_filter(m: &Mock, all: &[Value], query: &str, pred: impl Fn(&Value) -> bool) -> Value {
    let expected: Vec<&Value> = all.iter().filter(|t| pred(t)).collect();
    assert!(!expected.is_empty(), "{query}: matches nothing");
    assert!(expected.len() < all.len(), "{query}: matches everything");
    let page = m.page(&format!("/v2/tickets/tickets?{query}&limit=1000")).await;
    assert_eq!(page["total"], expected.len(), "{query}");
    let result = page["result"].as_array().unwrap();
    assert_eq!(result.len(), expected.len().min(1000));
    for t in result {
        assert!(pred(t), "{query}: {t}");
    }
    // Same tickets, same order as filtering the full default-ordered list.
    let ids: Vec<&Value> = result.iter().map(|t| &t["id"]).collect();
    let want: Vec<&Value> = expected.iter().take(1000).map(|t| &t["id"]).collect();
    assert_eq!(ids, want, "{query}");
    page
}

fn s<'a>(t: &'a Value, f: &str) -> &'a str {
    t[f].as_str().unwrap_or("")
}

#[tokio::test]
async fn filter_cancel_reason_id() {
    let m = mock().await;
    let all = m.all_tickets().await;
    check_filter(&m, &all, "cancel_reason_id=1,2", |t| {
        t["cancel_reason_id"] == 1 || t["cancel_reason_id"] == 2
    })
    .await;
    check_filter(&m, &all, "cancel_reason_id=5", |t| t["cancel_reason_id"] == 5).await;
}

#[tokio::test]
async fn filter_created_after_and_before() {
    let m = mock().await;
    let all = m.all_tickets().await;
    let pivot = s(&all[1500], "created_at").to_string();
    let page = check_filter(&m, &all, &format!("created_after={pivot}"), |t| {
        s(t, "created_at") > pivot.as_str()
    })
    .await;
    assert_eq!(page["total"], 1499, "strictly after");
    let page = check_filter(&m, &all, &format!("created_before={pivot}"), |t| {
        s(t, "created_at") < pivot.as_str()
    })
    .await;
    assert_eq!(page["total"], 1500, "strictly before");
    // Offsets are honoured: 2025-01-01T01:00:00+01:00 is 2025-01-01T00:00:00Z.
    let a = m
        .page("/v2/tickets/tickets?created_before=2025-01-01T01:00:00%2B01:00")
        .await;
    let b = m.page("/v2/tickets/tickets?created_before=2025-01-01T00:00:00Z").await;
    assert_eq!(a["total"], b["total"]);
    assert_eq!(a["result"], b["result"]);
}

#[tokio::test]
async fn filter_customer_connector_id() {
    let m = mock().await;
    let all = m.all_tickets().await;
    let id = all
        .iter()
        .find_map(|t| t["customer_connector_id"].as_str())
        .unwrap()
        .to_string();
    check_filter(&m, &all, &format!("customer_connector_id={id}"), |t| {
        t["customer_connector_id"] == id.as_str()
    })
    .await;
}

#[tokio::test]
async fn filter_customer_id() {
    let m = mock().await;
    let all = m.all_tickets().await;
    let id = s(&all[10], "customer_id").to_string();
    check_filter(&m, &all, &format!("customer_id={id}"), |t| {
        t["customer_id"] == id.as_str()
    })
    .await;
}

#[tokio::test]
async fn filter_external_reference() {
    let m = mock().await;
    let all = m.all_tickets().await;
    let r = all
        .iter()
        .map(|t| s(t, "external_reference"))
        .find(|r| !r.is_empty())
        .unwrap()
        .to_string();
    check_filter(&m, &all, &format!("external_reference={r}"), |t| {
        t["external_reference"] == r.as_str()
    })
    .await;
    check_filter(&m, &all, "external_reference=", |t| t["external_reference"] == "").await;
}

#[tokio::test]
async fn filter_externally_processed() {
    let m = mock().await;
    let all = m.all_tickets().await;
    let yes = check_filter(&m, &all, "externally_processed=true", |t| {
        t["externally_processed"] == true
    })
    .await;
    let no = check_filter(&m, &all, "externally_processed=false", |t| {
        t["externally_processed"] == false
    })
    .await;
    assert_eq!(yes["total"].as_u64().unwrap() + no["total"].as_u64().unwrap(), 3000);
}

#[tokio::test]
async fn filter_finished_after_and_before() {
    let m = mock().await;
    let all = m.all_tickets().await;
    let pivot = "2025-06-01T00:00:00Z";
    check_filter(&m, &all, &format!("finished_after={pivot}"), |t| {
        t["finished_at"].as_str().is_some_and(|f| f > pivot)
    })
    .await;
    check_filter(&m, &all, &format!("finished_before={pivot}"), |t| {
        t["finished_at"].as_str().is_some_and(|f| f < pivot)
    })
    .await;
}

#[tokio::test]
async fn filter_operator_id() {
    let m = mock().await;
    let all = m.all_tickets().await;
    let id = all.iter().find_map(|t| t["operator_id"].as_str()).unwrap().to_string();
    check_filter(&m, &all, &format!("operator_id={id}"), |t| {
        t["operator_id"] == id.as_str()
    })
    .await;
}

#[tokio::test]
async fn filter_source_provider_id() {
    let m = mock().await;
    let all = m.all_tickets().await;
    let own = s(&all[0], "source_provider_id").to_string();
    let other = all
        .iter()
        .map(|t| s(t, "source_provider_id"))
        .find(|p| *p != own)
        .unwrap()
        .to_string();
    check_filter(&m, &all, &format!("source_provider_id={own}"), |t| {
        t["source_provider_id"] == own.as_str()
    })
    .await;
    check_filter(&m, &all, &format!("source_provider_id={other}"), |t| {
        t["source_provider_id"] == other.as_str()
    })
    .await;
}

#[tokio::test]
async fn filter_state() {
    let m = mock().await;
    let all = m.all_tickets().await;
    check_filter(&m, &all, "state=pending,in_progress", |t| {
        t["state"] == "pending" || t["state"] == "in_progress"
    })
    .await;
    let page = check_filter(&m, &all, "state=in_progress", |t| t["state"] == "in_progress").await;
    assert_eq!(page["total"], 300);
}

#[tokio::test]
async fn filter_ticket_number() {
    let m = mock().await;
    let all = m.all_tickets().await;
    let n = all[42]["ticket_number"].as_i64().unwrap();
    let page = check_filter(&m, &all, &format!("ticket_number={n}"), |t| t["ticket_number"] == n).await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["result"][0], all[42]);
}

#[tokio::test]
async fn filter_updated_after_and_before() {
    let m = mock().await;
    let all = m.all_tickets().await;
    let pivot = "2025-03-15T08:34:28Z";
    check_filter(&m, &all, &format!("updated_after={pivot}"), |t| {
        s(t, "updated_at") > pivot
    })
    .await;
    check_filter(&m, &all, &format!("updated_before={pivot}"), |t| {
        s(t, "updated_at") < pivot
    })
    .await;
}

#[tokio::test]
async fn filter_vehicle_model_id() {
    let m = mock().await;
    let all = m.all_tickets().await;
    let id = all[7]["vehicle_model_id"].as_i64().unwrap();
    check_filter(&m, &all, &format!("vehicle_model_id={id}"), |t| {
        t["vehicle_model_id"] == id
    })
    .await;
}

#[tokio::test]
async fn filter_vin() {
    let m = mock().await;
    let all = m.all_tickets().await;
    let vin = s(&all[99], "vin").to_string();
    let page = check_filter(&m, &all, &format!("vin={vin}"), |t| t["vin"] == vin.as_str()).await;
    assert_eq!(page["total"], 1);
}

#[tokio::test]
async fn filter_vin_empty_means_without_vin() {
    let m = mock().await;
    let all = m.all_tickets().await;
    let page = check_filter(&m, &all, "vin=", |t| t["vin"].is_null()).await;
    for t in page["result"].as_array().unwrap() {
        assert_eq!(t["state"], "prepared");
    }
    assert_eq!(page["query"]["vin"], "");
}

#[tokio::test]
async fn filter_voucher_code() {
    let m = mock().await;
    let all = m.all_tickets().await;
    let code = all.iter().find_map(|t| t["voucher_code"].as_str()).unwrap().to_string();
    check_filter(&m, &all, &format!("voucher_code={code}"), |t| {
        t["voucher_code"] == code.as_str()
    })
    .await;
}

#[tokio::test]
async fn filters_combine() {
    let m = mock().await;
    let all = m.all_tickets().await;
    check_filter(
        &m,
        &all,
        "state=closed,cancelled&externally_processed=true&created_after=2025-01-01T00:00:00Z",
        |t| {
            (t["state"] == "closed" || t["state"] == "cancelled")
                && t["externally_processed"] == true
                && s(t, "created_at") > "2025-01-01T00:00:00Z"
        },
    )
    .await;
}
