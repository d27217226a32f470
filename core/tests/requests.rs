//! The exact request of each operation: method, URL, decoded query, headers, body.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use jifeline_tickets_core::input;
use jifeline_tickets_core::method::Method;
use jifeline_tickets_core::request::{self, ClientConfig};
use jifeline_tickets_core::{
    Cancel, Complete, InProgressTicketQuery, InProgressTicketUpdate, Outsource, TicketQuery, Transition,
};

const BASE: &str = "https://partner-api-001.prd.jifeline.cloud/";

fn config() -> ClientConfig {
    ClientConfig::new(BASE).unwrap().with_api_key("key-123").unwrap()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn query_of(q: serde_json::Value) -> Vec<(String, String)> {
    let q: TicketQuery = serde_json::from_value(q).unwrap();
    query_pairs(&request::list_tickets(&q).unwrap().query)
}

#[test]
fn list_tickets_without_query_sends_no_parameters() {
    let r = config()
        .prepare(&request::list_tickets(&TicketQuery::default()).unwrap(), Some("tok"))
        .unwrap();
    assert_eq!(r.method, Method::Get);
    assert_eq!(r.url, "https://partner-api-001.prd.jifeline.cloud/v2/tickets/tickets");
    assert_eq!(
        r.headers,
        pairs(&[
            ("accept", "application/json"),
            ("authorization", "Bearer tok"),
            ("x-api-key", "key-123")
        ])
    );
    assert_eq!(r.body, None);
}

#[test]
fn list_tickets_writes_all_21_parameters_in_the_reference_form() {
    let q = serde_json::json!({
        "cancel_reason_id": [1, 2],
        "created_after": "2023-03-15T08:34:28Z",
        "created_before": "2023-03-16T08:34:28+01:00",
        "customer_connector_id": "38442d12-3ddc-4ea7-815d-16388caccddf",
        "customer_id": CUSTOMER_ID,
        "external_reference": "ERP 42&x=1",
        "externally_processed": false,
        "finished_after": "2023-03-15T08:34:28.5Z",
        "finished_before": "2023-03-17T00:00:00Z",
        "limit": 100,
        "offset": 200,
        "operator_id": OPERATOR_ID,
        "sort_by": {"created_at": "desc", "ticket_number": "asc"},
        "source_provider_id": PROVIDER_ID,
        "state": ["pending", "in_progress"],
        "ticket_number": 7179072,
        "updated_after": "2023-03-15T08:34:28Z",
        "updated_before": "2023-03-18T08:34:28Z",
        "vehicle_model_id": 12,
        "vin": "JH4KA7630PC007649",
        "voucher_code": "WQ4MM3"
    });
    let req = request::list_tickets(&serde_json::from_value(q).unwrap()).unwrap();
    assert!(req.query.contains("cancel_reason_id=1,2"), "{}", req.query);
    assert!(req.query.contains("state=pending,in_progress"), "{}", req.query);
    assert!(req.query.contains("sort_by[created_at]=desc"), "{}", req.query);
    assert!(
        req.query.contains("created_after=2023-03-15T08:34:28Z"),
        "{}",
        req.query
    );
    assert_eq!(
        query_pairs(&req.query),
        pairs(&[
            ("cancel_reason_id", "1,2"),
            ("created_after", "2023-03-15T08:34:28Z"),
            ("created_before", "2023-03-16T08:34:28+01:00"),
            ("customer_connector_id", "38442d12-3ddc-4ea7-815d-16388caccddf"),
            ("customer_id", CUSTOMER_ID),
            ("external_reference", "ERP 42&x=1"),
            ("externally_processed", "false"),
            ("finished_after", "2023-03-15T08:34:28.5Z"),
            ("finished_before", "2023-03-17T00:00:00Z"),
            ("limit", "100"),
            ("offset", "200"),
            ("operator_id", OPERATOR_ID),
            ("sort_by[created_at]", "desc"),
            ("sort_by[ticket_number]", "asc"),
            ("source_provider_id", PROVIDER_ID),
            ("state", "pending,in_progress"),
            ("ticket_number", "7179072"),
            ("updated_after", "2023-03-15T08:34:28Z"),
            ("updated_before", "2023-03-18T08:34:28Z"),
            ("vehicle_model_id", "12"),
            ("vin", "JH4KA7630PC007649"),
            ("voucher_code", "WQ4MM3"),
        ])
    );
}

#[test]
fn vin_empty_asks_for_tickets_without_vin() {
    assert_eq!(query_of(serde_json::json!({"vin": ""})), pairs(&[("vin", "")]));
    assert_eq!(query_of(serde_json::json!({})), pairs(&[]));
}

#[test]
fn defaults_are_not_sent_unless_given() {
    assert_eq!(query_of(serde_json::json!({"limit": 25})), pairs(&[("limit", "25")]));
    assert_eq!(query_of(serde_json::json!({"offset": 0})), pairs(&[("offset", "0")]));
}

#[test]
fn query_values_cannot_add_parameters() {
    let q = query_of(serde_json::json!({"external_reference": "a&limit=1000\n#x", "voucher_code": "X=Y&Z"}));
    assert_eq!(
        q,
        pairs(&[("external_reference", "a&limit=1000\n#x"), ("voucher_code", "X=Y&Z")])
    );
}

#[test]
fn get_ticket_puts_the_id_in_the_path() {
    let r = config()
        .prepare(&request::get_ticket(TICKET_ID).unwrap(), Some("tok"))
        .unwrap();
    assert_eq!(
        (r.method, r.url.as_str()),
        (
            Method::Get,
            "https://partner-api-001.prd.jifeline.cloud/v2/tickets/tickets/497f6eca-6276-4993-bfeb-53cbbbba6f08"
        )
    );
    assert_eq!(r.body, None);
}

#[test]
fn ids_that_are_not_uuids_never_become_paths() {
    for bad in [
        "../admin",
        "a/b",
        "",
        "%2e%2e",
        "497f6eca-6276-4993-bfeb-53cbbbba6f08?x=1",
        "497f6eca-6276-4993-bfeb-53cbbbba6f08#",
        &"a".repeat(5000),
    ] {
        let e = request::get_ticket(bad).unwrap_err();
        assert_eq!(
            (e.kind.as_str(), e.field.as_deref()),
            ("validation", Some("ticketId")),
            "{bad}"
        );
        for e in [
            request::get_in_progress_ticket(bad).unwrap_err(),
            request::update_in_progress_ticket(
                bad,
                &InProgressTicketUpdate {
                    operator_id: OPERATOR_ID.into(),
                    ..Default::default()
                },
            )
            .unwrap_err(),
            request::transition_in_progress_ticket(bad, &Transition::Complete(Complete {})).unwrap_err(),
        ] {
            assert_eq!(e.field.as_deref(), Some("id"), "{bad}");
        }
    }
}

#[test]
fn list_in_progress_tickets_writes_its_three_parameters() {
    let q = InProgressTicketQuery {
        limit: Some(10),
        offset: Some(20),
        ticket_number: Some(7440303),
    };
    let r = config()
        .prepare(&request::list_in_progress_tickets(&q).unwrap(), Some("tok"))
        .unwrap();
    assert_eq!(r.url, "https://partner-api-001.prd.jifeline.cloud/v2/tickets/in-progress-tickets?limit=10&offset=20&ticket_number=7440303");
    assert_eq!(
        query_pairs(r.url.split_once('?').unwrap().1),
        pairs(&[("limit", "10"), ("offset", "20"), ("ticket_number", "7440303")])
    );
    let r = request::list_in_progress_tickets(&InProgressTicketQuery::default()).unwrap();
    assert_eq!(
        (r.method, r.path.as_str(), r.query.as_str()),
        (Method::Get, "/v2/tickets/in-progress-tickets", "")
    );
}

#[test]
fn get_in_progress_ticket_is_a_get_of_its_path() {
    let r = request::get_in_progress_ticket(TICKET_ID).unwrap();
    assert_eq!(
        (r.method, r.path.as_str(), r.query.as_str(), r.body),
        (
            Method::Get,
            "/v2/tickets/in-progress-tickets/497f6eca-6276-4993-bfeb-53cbbbba6f08",
            "",
            None
        )
    );
}

#[test]
fn update_sends_only_given_fields_as_json() {
    let update = InProgressTicketUpdate {
        operator_id: OPERATOR_ID.into(),
        voucher_code: Some(Some("WQ4MM3".into())),
        ..Default::default()
    };
    let r = config()
        .prepare(
            &request::update_in_progress_ticket(TICKET_ID, &update).unwrap(),
            Some("tok"),
        )
        .unwrap();
    assert_eq!(r.method, Method::Put);
    assert_eq!(r.url, "https://partner-api-001.prd.jifeline.cloud/v2/tickets/in-progress-tickets/497f6eca-6276-4993-bfeb-53cbbbba6f08");
    assert_eq!(
        r.headers,
        pairs(&[
            ("accept", "application/json"),
            ("content-type", "application/json"),
            ("authorization", "Bearer tok"),
            ("x-api-key", "key-123")
        ])
    );
    assert_eq!(
        String::from_utf8(r.body.unwrap()).unwrap(),
        r#"{"operator_id":"fa9de6bb-1df8-4ba6-9e6d-1172fbf7e166","voucher_code":"WQ4MM3"}"#
    );
}

#[test]
fn update_with_every_field() {
    let update: InProgressTicketUpdate = serde_json::from_str(&format!(
        r#"{{"customer_id":"{CUSTOMER_ID}","vehicle_model_id":0,"vin":"JH4KA7630PC007649","operator_id":"{OPERATOR_ID}","voucher_code":"WQ4MM3"}}"#
    ))
    .unwrap();
    let body = request::update_in_progress_ticket(TICKET_ID, &update)
        .unwrap()
        .body
        .unwrap();
    assert_eq!(
        String::from_utf8(body).unwrap(),
        format!(
            r#"{{"operator_id":"{OPERATOR_ID}","customer_id":"{CUSTOMER_ID}","vehicle_model_id":0,"vin":"JH4KA7630PC007649","voucher_code":"WQ4MM3"}}"#
        )
    );
}

#[test]
fn update_requires_operator_id_and_refuses_bad_fields() {
    let missing =
        input::from_json::<InProgressTicketUpdate>(r#"{"vin":"JH4KA7630PC007649"}"#, "update", false).unwrap_err();
    assert_eq!(missing.field.as_deref(), Some("operator_id"));
    assert_eq!(missing.message, "Invalid `operator_id`: required, but missing.");
    // serde's Deserialize, for Rust callers, says the same.
    let serde = serde_json::from_str::<InProgressTicketUpdate>(r#"{"vin":"JH4KA7630PC007649"}"#).unwrap_err();
    assert!(
        serde
            .to_string()
            .contains("Invalid `operator_id`: required, but missing."),
        "{serde}"
    );
    let cases = [
        (r#"{"operator_id":"nope"}"#, "operator_id"),
        (
            &*format!(r#"{{"operator_id":"{OPERATOR_ID}","customer_id":"x"}}"#),
            "customer_id",
        ),
        (&*format!(r#"{{"operator_id":"{OPERATOR_ID}","vin":"SHORT"}}"#), "vin"),
        (
            &*format!(r#"{{"operator_id":"{OPERATOR_ID}","voucher_code":"ab"}}"#),
            "voucher_code",
        ),
        (
            &*format!(r#"{{"operator_id":"{OPERATOR_ID}","vehicle_model_id":9007199254740992}}"#),
            "vehicle_model_id",
        ),
    ];
    for (json, field) in cases {
        let e = input::from_json::<InProgressTicketUpdate>(json, "update", false)
            .and_then(|update| request::update_in_progress_ticket(TICKET_ID, &update))
            .unwrap_err();
        assert_eq!(e.field.as_deref(), Some(field), "{json}");
    }
}

#[test]
fn transitions_are_patches_wrapped_in_transition() {
    let cases = [
        (
            Transition::Outsource(Outsource {
                product_ids: vec![PRODUCT_ID.into()],
                provider_id: PROVIDER_ID.into(),
                allow_customer_chat_write_access: Some(true),
                share_customer_information: None,
            }),
            format!(
                r#"{{"transition":{{"type":"outsource","product_ids":["{PRODUCT_ID}"],"provider_id":"{PROVIDER_ID}","allow_customer_chat_write_access":true}}}}"#
            ),
        ),
        (
            Transition::Complete(Complete {}),
            r#"{"transition":{"type":"complete"}}"#.to_string(),
        ),
        (
            Transition::Cancel(Cancel { cancel_reason_id: 3 }),
            r#"{"transition":{"type":"cancel","cancel_reason_id":3}}"#.to_string(),
        ),
    ];
    for (t, body) in cases {
        let r = config()
            .prepare(&request::transition_in_progress_ticket(TICKET_ID, &t).unwrap(), None)
            .unwrap();
        assert_eq!(r.method, Method::Patch);
        assert_eq!(r.url, "https://partner-api-001.prd.jifeline.cloud/v2/tickets/in-progress-tickets/497f6eca-6276-4993-bfeb-53cbbbba6f08");
        assert_eq!(
            r.headers,
            pairs(&[
                ("accept", "application/json"),
                ("content-type", "application/json"),
                ("x-api-key", "key-123")
            ])
        );
        assert_eq!(String::from_utf8(r.body.unwrap()).unwrap(), body);
    }
}

#[test]
fn transitions_are_validated_field_by_field() {
    let cases = [
        (
            r#"{"type":"outsource","product_ids":[],"provider_id":"89679b1d-5eea-4ceb-8c38-aea88452dbc0"}"#,
            "transition.product_ids",
        ),
        (
            r#"{"type":"outsource","product_ids":["ca45affe-f503-4778-ab9e-3dd26cdd2d66","x"],"provider_id":"89679b1d-5eea-4ceb-8c38-aea88452dbc0"}"#,
            "transition.product_ids[1]",
        ),
        (
            r#"{"type":"outsource","product_ids":["ca45affe-f503-4778-ab9e-3dd26cdd2d66"],"provider_id":"p"}"#,
            "transition.provider_id",
        ),
        (
            r#"{"type":"cancel","cancel_reason_id":-1}"#,
            "transition.cancel_reason_id",
        ),
    ];
    for (json, field) in cases {
        assert_eq!(
            Transition::from_json(json)
                .and_then(|t| request::transition_in_progress_ticket(TICKET_ID, &t))
                .unwrap_err()
                .field
                .as_deref(),
            Some(field),
            "{json}"
        );
    }
    for bad in [
        r#"{"type":"reopen"}"#,
        r#"{"type":"outsource"}"#,
        r#"{"type":"cancel"}"#,
        r#"{"type":"complete","extra":1}"#,
        r#"{}"#,
    ] {
        assert!(Transition::from_json(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_null_voucher_code_is_sent_as_null_to_clear_it() {
    let update: InProgressTicketUpdate =
        serde_json::from_str(&format!(r#"{{"operator_id":"{OPERATOR_ID}","voucher_code":null}}"#)).unwrap();
    assert_eq!(update.voucher_code, Some(None));
    let body = request::update_in_progress_ticket(TICKET_ID, &update)
        .unwrap()
        .body
        .unwrap();
    assert_eq!(
        String::from_utf8(body).unwrap(),
        format!(r#"{{"operator_id":"{OPERATOR_ID}","voucher_code":null}}"#)
    );
    // Any other non-string is still refused, and the message says null is fine.
    let e = serde_json::from_str::<InProgressTicketUpdate>(&format!(
        r#"{{"operator_id":"{OPERATOR_ID}","voucher_code":5}}"#
    ))
    .unwrap_err()
    .to_string();
    assert!(e.contains("or null to clear it, got 5"), "{e}");
}
