//! The hand-written TypeScript declarations of the inputs (queries, the
//! update, transitions in pkg-template/index.d.ts) name exactly the fields the
//! Rust input types have. (The resources' declarations are generated: see
//! tests/typescript.rs.)

use std::collections::BTreeSet;

use jifeline_tickets_core::query::SortBy;
use jifeline_tickets_core::{InProgressTicketQuery, InProgressTicketUpdate, SortDirection, TicketQuery, TicketState};

/// The member names of `export interface NAME { … }` in the declarations.
fn interface_fields(name: &str) -> BTreeSet<String> {
    let dts = std::fs::read_to_string(format!("{}/../pkg-template/index.d.ts", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let start = dts
        .find(&format!("export interface {name} {{"))
        .unwrap_or_else(|| panic!("no interface {name}"));
    let body = &dts[start..];
    let body = &body[body.find('{').unwrap() + 1..body.find("\n}").unwrap()];
    body.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("/**") && !l.starts_with('*') && !l.is_empty())
        .filter_map(|l| l.split([':', '?']).next())
        .map(|n| n.trim().to_owned())
        .collect()
}

fn keys(value: serde_json::Value) -> BTreeSet<String> {
    value.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn inputs_match_their_declarations() {
    let s = || Some(String::new());
    let query = TicketQuery {
        cancel_reason_id: Some(vec![1]),
        created_after: s(),
        created_before: s(),
        customer_connector_id: s(),
        customer_id: s(),
        external_reference: s(),
        externally_processed: Some(true),
        finished_after: s(),
        finished_before: s(),
        limit: Some(1),
        offset: Some(1),
        operator_id: s(),
        sort_by: Some(SortBy(vec![("created_at".into(), SortDirection::Asc)])),
        source_provider_id: s(),
        state: Some(vec![TicketState::Pending]),
        ticket_number: Some(1),
        updated_after: s(),
        updated_before: s(),
        vehicle_model_id: Some(1),
        vin: s(),
        voucher_code: s(),
    };
    let declared = interface_fields("TicketQuery");
    assert_eq!(declared.len(), 21);
    assert_eq!(declared, keys(serde_json::to_value(query).unwrap()));
    let ipq = InProgressTicketQuery {
        limit: Some(1),
        offset: Some(1),
        ticket_number: Some(1),
    };
    assert_eq!(
        interface_fields("InProgressTicketQuery"),
        keys(serde_json::to_value(ipq).unwrap())
    );
    let update = InProgressTicketUpdate {
        operator_id: String::new(),
        customer_id: s(),
        vehicle_model_id: Some(1),
        vin: s(),
        voucher_code: Some(s()),
    };
    assert_eq!(
        interface_fields("InProgressTicketUpdate"),
        keys(serde_json::to_value(update).unwrap())
    );
    let outsource = jifeline_tickets_core::Outsource {
        product_ids: vec![],
        provider_id: String::new(),
        allow_customer_chat_write_access: Some(true),
        share_customer_information: Some(true),
    };
    assert_eq!(
        interface_fields("OutsourceFields"),
        keys(serde_json::to_value(outsource).unwrap())
    );
    let cancel = jifeline_tickets_core::Cancel { cancel_reason_id: 1 };
    assert_eq!(
        interface_fields("CancelFields"),
        keys(serde_json::to_value(cancel).unwrap())
    );
}

#[test]
fn known_ticket_states_match_their_declaration_and_runtime_list() {
    let dts = std::fs::read_to_string(format!("{}/../pkg-template/index.d.ts", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let line = dts
        .lines()
        .find(|l| l.starts_with("export type KnownTicketState ="))
        .expect("no KnownTicketState");
    let declared: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
    let known: Vec<&str> = TicketState::KNOWN.iter().map(TicketState::as_str).collect();
    assert_eq!(declared, known);
    let lists = jifeline_tickets_core::npm::javascript_lists();
    assert!(
        lists.contains(
            r#"export const TICKET_STATES = Object.freeze(["prepared", "pending", "in_progress", "outsourced", "closed", "cancelled"]);"#
        ),
        "{lists}"
    );
    assert!(
        lists.contains(
            r#"export const SORT_FIELDS = Object.freeze(["created_at", "updated_at", "ticket_number", "finished_at", "assigned_at", "vehicle_model_id"]);"#
        ),
        "{lists}"
    );
}
