//! `GET /v2/tickets/tickets` and `/v2/tickets/tickets/{id}`: filters, sorting, paging, echo,
//! validation and authentication.

mod common;

use common::*;
use jifeline_mock::Config;
use reqwest::Method;
use serde_json::{json, Value};

fn s<'a>(t: &'a Value, f: &str) -> &'a str {
    t[f].as_str().unwrap_or("")
}

#[tokio::test]
async fn list_defaults_and_echo() {
    let m = mock().await;
    let v = m.page("/v2/tickets/tickets").await;
    assert_eq!(
        v["query"],
        json!({"limit": 25, "offset": 0, "sort_by": {"created_at": "asc"}})
    );
    assert_eq!(v["total"], 3000);
    let result = v["result"].as_array().unwrap();
    assert_eq!(result.len(), 25);
    let mut keys: Vec<&String> = result[0].as_object().unwrap().keys().collect();
    keys.sort(); // the set of keys; their order is the wire order
    assert_eq!(
        keys,
        [
            "assigned_at",
            "cancel_reason_id",
            "connection_id",
            "created_at",
            "customer_channel_id",
            "customer_connector_id",
            "customer_id",
            "customer_reference",
            "external_reference",
            "externally_processed",
            "finished_at",
            "id",
            "operator_channel_id",
            "operator_id",
            "operator_reference",
            "outsourced",
            "source_provider_id",
            "state",
            "ticket_number",
            "updated_at",
            "vehicle_model_id",
            "vin",
            "voucher_code"
        ]
    );
}

#[tokio::test]
async fn query_echo_with_given_values() {
    let m = mock().await;
    let v = m
        .page("/v2/tickets/tickets?limit=5&offset=10&state=closed,cancelled&cancel_reason_id=2,1&externally_processed=false&sort_by[ticket_number]=desc&vin=&created_after=2024-03-01T00:00:00Z")
        .await;
    assert_eq!(
        v["query"],
        json!({
            "limit": 5, "offset": 10, "sort_by": {"ticket_number": "desc"},
            "state": ["closed", "cancelled"], "cancel_reason_id": [2, 1],
            "externally_processed": false, "vin": "", "created_after": "2024-03-01T00:00:00Z"
        })
    );
}

#[tokio::test]
async fn seeded_data_rules() {
    let m = mock().await;
    let all = m.all_tickets().await;
    assert_eq!(all.len(), 3000);
    for state in [
        "prepared",
        "pending",
        "in_progress",
        "outsourced",
        "closed",
        "cancelled",
    ] {
        assert!(all.iter().any(|t| t["state"] == state), "{state}");
    }
    assert_eq!(all.iter().filter(|t| t["state"] == "in_progress").count(), 300);
    let mut numbers: Vec<i64> = all.iter().map(|t| t["ticket_number"].as_i64().unwrap()).collect();
    assert!(
        numbers.windows(2).all(|w| w[0] < w[1]),
        "ticket numbers unique and in creation order"
    );
    assert!((7_000_000..7_000_100).contains(&numbers[0]));
    numbers.dedup();
    assert_eq!(numbers.len(), 3000);
    for t in &all {
        let state = s(t, "state");
        assert_eq!(
            t["finished_at"].is_string(),
            state == "closed" || state == "cancelled",
            "{t}"
        );
        assert_eq!(t["cancel_reason_id"].is_number(), state == "cancelled", "{t}");
        if state == "cancelled" {
            assert!((1..=5).contains(&t["cancel_reason_id"].as_i64().unwrap()));
        }
        if ["in_progress", "closed", "outsourced"].contains(&state) {
            assert!(t["operator_id"].is_string(), "{t}");
        }
        match t["vin"].as_str() {
            Some(vin) => {
                assert_eq!(vin.len(), 17);
                assert!(vin
                    .chars()
                    .all(|c| c.is_ascii_digit() || (c.is_ascii_uppercase() && !"IOQ".contains(c))));
            }
            None => assert_eq!(state, "prepared"),
        }
        if let Some(code) = t["voucher_code"].as_str() {
            assert!(
                (4..=8).contains(&code.len()) && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            );
        }
        let created = s(t, "created_at");
        assert!(created.ends_with('Z') && created.len() == 20, "{created}");
        assert!(("2024".."2027").contains(&&created[..4]));
        assert!(s(t, "updated_at") >= created);
        assert!(t["externally_processed"].is_boolean() && t["outsourced"].is_boolean());
        assert!(t["customer_reference"].is_string() && t["operator_reference"].is_string());
        assert!(t["external_reference"].is_string());
    }
    assert!(all.iter().any(|t| t["vin"].is_null()));
}

#[tokio::test]
async fn get_one_ticket() {
    let m = mock().await;
    let page = m.page("/v2/tickets/tickets?limit=3&offset=100").await;
    let t = &page["result"][2];
    let (status, one) = m.get_json(&format!("/v2/tickets/tickets/{}", s(t, "id"))).await;
    assert_eq!(status, 200);
    assert_eq!(&one, t);
    // Upper-case ids are the same ticket.
    let (status, one) = m
        .get_json(&format!("/v2/tickets/tickets/{}", s(t, "id").to_uppercase()))
        .await;
    assert_eq!(status, 200);
    assert_eq!(one["id"], t["id"]);
}

#[tokio::test]
async fn get_one_missing_and_invalid() {
    let m = mock().await;
    let res = m.get("/v2/tickets/tickets/00000000-0000-4000-8000-000000000000").await;
    assert_problem(res, 404, "no ticket with id 00000000-0000-4000-8000-000000000000").await;
    let res = m.get("/v2/tickets/tickets/not-a-uuid").await;
    assert_problem(res, 400, "ticket-id: expected a UUID").await;
}

#[tokio::test]
async fn sort_asc_and_desc() {
    let m = mock().await;
    let all = m.all_tickets().await;
    let max = all.iter().map(|t| t["ticket_number"].as_i64().unwrap()).max().unwrap();
    let desc = m
        .page("/v2/tickets/tickets?sort_by[ticket_number]=desc&limit=1000")
        .await;
    assert_eq!(desc["query"]["sort_by"], json!({"ticket_number": "desc"}));
    assert_eq!(desc["result"][0]["ticket_number"], max);
    let nums: Vec<i64> = desc["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["ticket_number"].as_i64().unwrap())
        .collect();
    assert!(nums.windows(2).all(|w| w[0] > w[1]));

    let asc = m
        .page("/v2/tickets/tickets?sort_by%5Bupdated_at%5D=asc&limit=1000")
        .await;
    let ups: Vec<&str> = asc["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| s(t, "updated_at"))
        .collect();
    assert!(ups.windows(2).all(|w| w[0] <= w[1]));
    let min_updated = all.iter().map(|t| s(t, "updated_at")).min().unwrap();
    assert_eq!(ups[0], min_updated);

    let cdesc = m.page("/v2/tickets/tickets?sort_by[created_at]=desc&limit=3").await;
    assert_eq!(cdesc["result"][0], all[2999]);
    assert_eq!(cdesc["result"][2], all[2997]);

    // finished_at: nulls count as the largest value (last ascending, first descending).
    let fasc = m
        .page("/v2/tickets/tickets?sort_by[finished_at]=asc&limit=1000&offset=2000")
        .await;
    let last = fasc["result"].as_array().unwrap().last().unwrap();
    assert!(last["finished_at"].is_null());
    let fdesc = m
        .page("/v2/tickets/tickets?sort_by[finished_at]=desc&state=closed&limit=1000")
        .await;
    let fins: Vec<&str> = fdesc["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| s(t, "finished_at"))
        .collect();
    assert!(fins.windows(2).all(|w| w[0] >= w[1]));
}

#[tokio::test]
async fn paging_limit_offset_total_constant() {
    let m = mock().await;
    let all = m.all_tickets().await;
    let a = m.page("/v2/tickets/tickets?limit=10&offset=0").await;
    let b = m.page("/v2/tickets/tickets?limit=10&offset=10").await;
    assert_eq!(a["total"], 3000);
    assert_eq!(b["total"], 3000);
    assert_eq!(a["result"].as_array().unwrap()[..], all[..10]);
    assert_eq!(b["result"].as_array().unwrap()[..], all[10..20]);
    let zero = m.page("/v2/tickets/tickets?limit=0").await;
    assert_eq!(zero["result"], json!([]));
    assert_eq!(zero["total"], 3000);
    let tail = m.page("/v2/tickets/tickets?limit=25&offset=2990").await;
    assert_eq!(tail["result"].as_array().unwrap().len(), 10);
    let past = m.page("/v2/tickets/tickets?offset=5000").await;
    assert_eq!(past["result"], json!([]));
    assert_eq!(past["total"], 3000);
    let full = m.page("/v2/tickets/tickets?limit=1000").await;
    assert_eq!(full["result"].as_array().unwrap().len(), 1000);
}

#[tokio::test]
async fn validation_errors_name_the_parameter() {
    let m = mock().await;
    for (query, param) in [
        ("limit=1001", "limit"),
        ("limit=-1", "limit"),
        ("limit=ten", "limit"),
        ("offset=-5", "offset"),
        ("state=open", "state"),
        ("state=pending,pending", "state"),
        ("state=", "state"),
        ("cancel_reason_id=1,1", "cancel_reason_id"),
        ("cancel_reason_id=x", "cancel_reason_id"),
        ("created_after=2024-13-01T00:00:00Z", "created_after"),
        ("created_before=yesterday", "created_before"),
        ("finished_after=2024-01-01", "finished_after"),
        ("finished_before=x", "finished_before"),
        ("updated_after=x", "updated_after"),
        ("updated_before=x", "updated_before"),
        ("customer_id=123", "customer_id"),
        ("customer_connector_id=123", "customer_connector_id"),
        ("operator_id=zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "operator_id"),
        ("source_provider_id=1", "source_provider_id"),
        ("externally_processed=yes", "externally_processed"),
        ("ticket_number=7.5", "ticket_number"),
        ("vehicle_model_id=abc", "vehicle_model_id"),
        ("vin=SHORT", "vin"),
        ("voucher_code=", "voucher_code"),
        ("sort_by[colour]=asc", "sort_by[colour]"),
        ("sort_by[created_at]=sideways", "sort_by[created_at]"),
        ("sort_by=created_at", "sort_by"),
        ("limit=1&limit=2", "limit"),
        ("bogus=1", "bogus"),
    ] {
        let res = m.get(&format!("/v2/tickets/tickets?{query}")).await;
        assert_problem(res, 400, &format!("{param}: ")).await;
    }
}

#[tokio::test]
async fn auth_requires_a_bearer_token() {
    let m = mock().await;
    let url = m.url("/v2/tickets/tickets?limit=1");
    let res = m.client.get(&url).send().await.unwrap();
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    assert_problem(res, 401, "missing or malformed Authorization header").await;
    for value in ["Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "token"] {
        let res = m.client.get(&url).header("authorization", value).send().await.unwrap();
        assert_problem(res, 401, "missing or malformed").await;
    }
    // Any non-empty token by default; the scheme is case-insensitive.
    let res = m
        .client
        .get(&url)
        .header("authorization", "bearer anything")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // Unknown paths need auth too.
    let res = m.client.get(m.url("/v2/nothing")).send().await.unwrap();
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn configured_token_is_the_only_one() {
    let m = mock_with(Config {
        token: Some("s3cret".into()),
        ..config()
    })
    .await;
    let url = m.url("/v2/tickets/tickets?limit=1");
    let res = m
        .client
        .get(&url)
        .header("authorization", "Bearer other")
        .send()
        .await
        .unwrap();
    let body = assert_problem(res, 401, "invalid bearer token").await;
    assert!(!body.to_string().contains("other"));
    let res = m
        .client
        .get(&url)
        .header("authorization", "Bearer s3cret")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn unknown_path_and_wrong_method() {
    let m = mock().await;
    assert_problem(
        m.get("/v2/tickets/unknown").await,
        404,
        "no resource at /v2/tickets/unknown",
    )
    .await;
    assert_problem(m.get("/v2/tickets/tickets/a/b").await, 404, "no resource").await;
    assert_problem(m.get("/v2").await, 404, "no resource").await;
    let res = m.req(Method::POST, "/v2/tickets/tickets").send().await.unwrap();
    assert_eq!(res.headers()["allow"], "GET");
    assert_problem(res, 405, "method POST is not allowed on /v2/tickets/tickets").await;
    let res = m
        .req(
            Method::DELETE,
            "/v2/tickets/in-progress-tickets/00000000-0000-4000-8000-000000000000",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["allow"], "GET, PUT, PATCH");
    assert_problem(res, 405, "method DELETE").await;
    let res = m.req(Method::PUT, "/v2/tickets/tickets").send().await.unwrap();
    assert_problem(res, 405, "method PUT").await;
}

#[tokio::test]
async fn the_sort_by_echo_keeps_the_callers_priority_order() {
    let m = mock().await;
    let page = m
        .page("/v2/tickets/tickets?sort_by[updated_at]=desc&sort_by[created_at]=asc&limit=1")
        .await;
    let keys: Vec<&str> = page["query"]["sort_by"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["updated_at", "created_at"]);
}
