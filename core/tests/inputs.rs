//! Reading inputs from JSON: each refusal names the field by its path and
//! says what was expected and what was given.
#![cfg(not(target_arch = "wasm32"))]

use jifeline_tickets_core::input::{from_json, Input};
use jifeline_tickets_core::model::{Cancel, Complete};
use jifeline_tickets_core::{InProgressTicketUpdate, TicketQuery, Transition};

fn field_of<T: Input + std::fmt::Debug>(json: &str, root: &str, prefix: bool) -> (String, String) {
    let e = from_json::<T>(json, root, prefix).unwrap_err();
    (e.field.unwrap(), e.message)
}

#[test]
fn type_errors_name_the_field() {
    let (field, message) = field_of::<TicketQuery>(r#"{"limit":"10"}"#, "query", false);
    assert_eq!(field, "limit");
    assert_eq!(
        message,
        "Invalid `limit`: expected an integer from 0 to 1000, got the string \"10\"."
    );
    assert_eq!(
        field_of::<TicketQuery>(r#"{"limit":1.5}"#, "query", false).1,
        "Invalid `limit`: expected an integer from 0 to 1000, got 1.5."
    );
    assert_eq!(
        field_of::<TicketQuery>(r#"{"state":["pending",3]}"#, "query", false).1,
        "Invalid `state[1]`: expected one of \"prepared\", \"pending\", \"in_progress\", \"outsourced\", \"closed\", \"cancelled\", got 3."
    );
    assert_eq!(
        field_of::<TicketQuery>(r#"{"sort_by":{"created_at":"up"}}"#, "query", false).1,
        "Invalid `sort_by.created_at`: expected \"asc\" or \"desc\", got the string \"up\"."
    );
    assert_eq!(
        field_of::<TicketQuery>(r#"{"cancel_reason_id":{"a":1}}"#, "query", false).1,
        "Invalid `cancel_reason_id`: expected a non-empty array of integers, got an object."
    );
    assert_eq!(
        field_of::<TicketQuery>(r#"{"state":["pending",3]}"#, "query", false).0,
        "state[1]"
    );
    assert_eq!(
        field_of::<TicketQuery>(r#"{"sort_by":{"created_at":"up"}}"#, "query", false).0,
        "sort_by.created_at"
    );
}

#[test]
fn null_is_refused_with_a_hint() {
    let (field, message) = field_of::<TicketQuery>(r#"{"vin":null}"#, "query", false);
    assert_eq!(field, "vin");
    assert!(message.contains("leave the field out"), "{message}");
}

#[test]
fn unknown_keys_and_wrong_shapes_name_the_root_or_key() {
    let (field, message) = field_of::<TicketQuery>(r#"{"stat":["pending"]}"#, "query", false);
    assert_eq!(field, "stat");
    assert!(
        message.starts_with("Invalid `stat`: is not a ticket query parameter; expected one of cancel_reason_id, "),
        "{message}"
    );
    assert_eq!(field_of::<TicketQuery>("[]", "query", false).0, "query");
    assert_eq!(field_of::<TicketQuery>("null", "query", false).0, "query");
    let (field, message) = field_of::<InProgressTicketUpdate>("{}", "update", false);
    assert_eq!(field, "operator_id");
    assert_eq!(message, "Invalid `operator_id`: required, but missing.");
}

#[test]
fn transition_paths_are_prefixed() {
    let field = |json: &str| Transition::from_json(json).unwrap_err().field.unwrap();
    assert_eq!(field(r#"{"type":"reopen"}"#), "transition.type");
    assert_eq!(field(r#"{}"#), "transition.type");
    assert_eq!(field(r#"{"type":1}"#), "transition.type");
    assert_eq!(field("[]"), "transition");
    assert_eq!(
        field(r#"{"type":"outsource","product_ids":"x","provider_id":"y"}"#),
        "transition.product_ids"
    );
    assert_eq!(
        field(r#"{"type":"outsource","product_ids":["a",2],"provider_id":"y"}"#),
        "transition.product_ids[1]"
    );
    assert_eq!(
        field(r#"{"type":"outsource","provider_id":"y"}"#),
        "transition.product_ids"
    );
    assert_eq!(
        field(r#"{"type":"outsource","product_ids":[]}"#),
        "transition.provider_id"
    );
    assert_eq!(field(r#"{"type":"cancel"}"#), "transition.cancel_reason_id");
    assert_eq!(
        field(r#"{"type":"cancel","cancel_reason_id":"1"}"#),
        "transition.cancel_reason_id"
    );
    assert_eq!(field(r#"{"type":"complete","extra":1}"#), "transition.extra");
    let chosen = |json: &str| Transition::fields_from_json("cancel", json).map_err(|e| e.field.unwrap());
    assert_eq!(
        chosen(r#"{"cancel_reason_id":2}"#).unwrap(),
        Transition::Cancel(Cancel { cancel_reason_id: 2 })
    );
    assert_eq!(
        chosen(r#"{"type":"cancel","cancel_reason_id":2}"#).unwrap(),
        Transition::Cancel(Cancel { cancel_reason_id: 2 })
    );
    assert_eq!(chosen(r#"{"type":"complete"}"#).unwrap_err(), "transition.type");
    assert_eq!(chosen("null").unwrap_err(), "transition");
    assert_eq!(
        Transition::from_json(r#"{"type":"complete"}"#).unwrap(),
        Transition::Complete(Complete {})
    );
}

#[test]
fn a_key_given_twice_is_refused_after_unknown_keys() {
    let (field, message) = field_of::<TicketQuery>(r#"{"limit":1,"limit":2}"#, "query", false);
    assert_eq!(
        (field.as_str(), message.as_str()),
        ("limit", "Invalid `limit`: appears twice.")
    );
    // An unknown key is named first, wherever it is.
    assert_eq!(
        field_of::<TicketQuery>(r#"{"limit":1,"limit":2,"lmit":3}"#, "query", false).0,
        "lmit"
    );
    let field = |json: &str| Transition::from_json(json).unwrap_err().field.unwrap();
    assert_eq!(
        field(r#"{"type":"cancel","cancel_reason_id":1,"cancel_reason_id":2}"#),
        "transition.cancel_reason_id"
    );
    assert_eq!(
        field(r#"{"type":"cancel","cancel_reason_id":1,"reason":2}"#),
        "transition.reason"
    );
}

#[test]
fn an_object_of_a_hundred_thousand_keys_names_its_first_unknown_key() {
    // The repeat search once ran first and pairwise over every key: 50 s here.
    let json = format!(
        "{{{}}}",
        (0..100_000)
            .map(|i| format!("\"k{i}\":1"))
            .collect::<Vec<_>>()
            .join(",")
    );
    assert_eq!(field_of::<TicketQuery>(&json, "query", false).0, "k0");
    assert_eq!(
        Transition::from_json(&json.replacen('{', r#"{"type":"complete","#, 1))
            .unwrap_err()
            .field
            .unwrap(),
        "transition.k0"
    );
}
