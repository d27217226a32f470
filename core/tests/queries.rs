//! Each query rule accepts a valid value and refuses an invalid one, naming the field.
#![cfg(not(target_arch = "wasm32"))]

use jifeline_tickets_core::{input, request};
use jifeline_tickets_core::{InProgressTicketQuery, TicketQuery};
use serde_json::json;

/// Reads `q` as a caller's input and builds the request.
fn build(q: serde_json::Value) -> Result<String, (String, String)> {
    input::from_json::<TicketQuery>(&q.to_string(), "query", false)
        .and_then(|query| request::list_tickets(&query))
        .map(|r| r.query)
        .map_err(|e| (e.field.unwrap_or_default(), e.message))
}

fn refused_field(q: serde_json::Value) -> String {
    build(q.clone()).expect_err(&format!("{q} should be refused")).0
}

#[test]
fn each_ticket_query_rule_names_its_field() {
    let cases = [
        (
            json!({"cancel_reason_id": [1, 2]}),
            json!({"cancel_reason_id": []}),
            "cancel_reason_id",
        ),
        (
            json!({"cancel_reason_id": [1]}),
            json!({"cancel_reason_id": [1, 1]}),
            "cancel_reason_id[1]",
        ),
        (
            json!({"created_after": "2023-03-15T08:34:28Z"}),
            json!({"created_after": "2023-03-15"}),
            "created_after",
        ),
        (
            json!({"created_before": "2023-03-15T08:34:28Z"}),
            json!({"created_before": "now"}),
            "created_before",
        ),
        (
            json!({"finished_after": "2023-03-15T08:34:28Z"}),
            json!({"finished_after": "x"}),
            "finished_after",
        ),
        (
            json!({"finished_before": "2023-03-15T08:34:28Z"}),
            json!({"finished_before": "x"}),
            "finished_before",
        ),
        (
            json!({"updated_after": "2023-03-15T08:34:28Z"}),
            json!({"updated_after": "x"}),
            "updated_after",
        ),
        (
            json!({"updated_before": "2023-03-15T08:34:28Z"}),
            json!({"updated_before": "x"}),
            "updated_before",
        ),
        (
            json!({"customer_connector_id": "38442d12-3ddc-4ea7-815d-16388caccddf"}),
            json!({"customer_connector_id": "x"}),
            "customer_connector_id",
        ),
        (
            json!({"customer_id": "38442d12-3ddc-4ea7-815d-16388caccddf"}),
            json!({"customer_id": "../x"}),
            "customer_id",
        ),
        (
            json!({"operator_id": "38442d12-3ddc-4ea7-815d-16388caccddf"}),
            json!({"operator_id": ""}),
            "operator_id",
        ),
        (
            json!({"source_provider_id": "38442d12-3ddc-4ea7-815d-16388caccddf"}),
            json!({"source_provider_id": "x"}),
            "source_provider_id",
        ),
        (json!({"limit": 0}), json!({"limit": 1001}), "limit"),
        (json!({"limit": 1000}), json!({"limit": -1}), "limit"),
        (json!({"offset": 9007199254740991i64}), json!({"offset": -1}), "offset"),
        (json!({"offset": 0}), json!({"offset": 9007199254740992i64}), "offset"),
        (
            json!({"sort_by": {"created_at": "asc"}}),
            json!({"sort_by": {"nope": "asc"}}),
            "sort_by.nope",
        ),
        (
            json!({"sort_by": {"updated_at": "desc"}}),
            json!({"sort_by": {}}),
            "sort_by",
        ),
        (json!({"state": ["pending"]}), json!({"state": []}), "state"),
        (
            json!({"state": ["pending", "closed"]}),
            json!({"state": ["pending", "pending"]}),
            "state[1]",
        ),
        (json!({"state": ["cancelled"]}), json!({"state": ["done"]}), "state[0]"),
        (
            json!({"ticket_number": 7179072}),
            json!({"ticket_number": 9007199254740992i64}),
            "ticket_number",
        ),
        (
            // int64 in the reference, with no bounds: -5 is fine, 2^53 is beyond JavaScript's safe integers.
            json!({"vehicle_model_id": -5}),
            json!({"vehicle_model_id": 9007199254740992i64}),
            "vehicle_model_id",
        ),
        (
            json!({"vin": "JH4KA7630PC007649"}),
            json!({"vin": "JH4KA7630PC00764"}),
            "vin",
        ),
        (json!({"vin": ""}), json!({"vin": "JH4KA7630PC007649&limit=1"}), "vin"),
        (
            json!({"voucher_code": "WQ4MM3"}),
            json!({"voucher_code": ""}),
            "voucher_code",
        ),
    ];
    for (good, bad, field) in cases {
        assert!(
            build(good.clone()).is_ok(),
            "{good} should be accepted: {:?}",
            build(good.clone())
        );
        assert_eq!(refused_field(bad.clone()), field, "{bad}");
    }
}

#[test]
fn messages_say_what_is_wrong() {
    assert_eq!(
        build(json!({"limit": 1001})).unwrap_err().1,
        "Invalid `limit`: expected an integer from 0 to 1000, got 1001."
    );
    assert_eq!(
        build(json!({"state": ["done"]})).unwrap_err().1,
        "Invalid `state[0]`: expected one of \"prepared\", \"pending\", \"in_progress\", \"outsourced\", \"closed\", \"cancelled\", got the string \"done\"."
    );
}

#[test]
fn wrong_types_null_and_unknown_keys_are_refused_with_their_field() {
    for (bad, field) in [
        (json!({"limit": "10"}), "limit"),
        (json!({"limit": 1.5}), "limit"),
        (json!({"limit": null}), "limit"),
        (json!({"vin": null}), "vin"),
        (json!({"state": "pending"}), "state"),
        (json!({"externally_processed": "yes"}), "externally_processed"),
        (json!({"sort_by": {"created_at": "up"}}), "sort_by.created_at"),
        (json!({"stat": ["pending"]}), "stat"),
    ] {
        assert_eq!(refused_field(bad.clone()), field, "{bad}");
    }
}

#[test]
fn in_progress_query_rules() {
    for (q, field) in [
        (
            InProgressTicketQuery {
                limit: Some(1001),
                ..Default::default()
            },
            "limit",
        ),
        (
            InProgressTicketQuery {
                offset: Some(-1),
                ..Default::default()
            },
            "offset",
        ),
        (
            InProgressTicketQuery {
                ticket_number: Some(1 << 60),
                ..Default::default()
            },
            "ticket_number",
        ),
    ] {
        assert_eq!(
            request::list_in_progress_tickets(&q).unwrap_err().field.as_deref(),
            Some(field)
        );
    }
    assert!(request::list_in_progress_tickets(&InProgressTicketQuery {
        limit: Some(1000),
        offset: Some(0),
        ticket_number: Some(1)
    })
    .is_ok());
    assert!(serde_json::from_value::<InProgressTicketQuery>(json!({"state": ["pending"]})).is_err());
}
