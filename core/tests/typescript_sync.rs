//! The hand-written TypeScript declarations (pkg-template/index.d.ts) and the
//! package's README say what the Rust declarations say: the inputs name
//! exactly the fields the Rust input types have; the ticket states, the
//! transition types and the error kinds are the core's lists; the defaults
//! the documentation states are the core's. (The resources' declarations are
//! generated: see tests/typescript.rs.)

use std::collections::BTreeSet;

use jifeline_tickets_core::query::SortBy;
use jifeline_tickets_core::retry::DEFAULT_TIMEOUT_MS;
use jifeline_tickets_core::{
    ErrorKind, InProgressTicketQuery, InProgressTicketUpdate, RetryPolicy, SortDirection, TicketQuery, TicketState,
    Transition,
};

fn package_file(name: &str) -> String {
    let path = format!("{}/../pkg-template/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The text of `export type NAME = …;` in the declarations, up to its `;`.
fn type_alias(dts: &str, name: &str) -> String {
    let start = dts
        .find(&format!("export type {name} ="))
        .unwrap_or_else(|| panic!("no type {name}"));
    let text = &dts[start..];
    text[..text.find(';').unwrap()].to_owned()
}

/// The string literals in `text`, in order.
fn literals(text: &str) -> Vec<&str> {
    text.split('"').skip(1).step_by(2).collect()
}

/// The doc comment written right before member `member` of `export interface NAME`.
fn member_doc(dts: &str, interface: &str, member: &str) -> String {
    let start = dts
        .find(&format!("export interface {interface} "))
        .unwrap_or_else(|| panic!("no interface {interface}"));
    let body = &dts[start..];
    let body = &body[..body.find("\n}").unwrap()];
    let mut doc = Vec::new();
    for line in body.lines().skip(1).map(str::trim) {
        if line.starts_with("/**") || line.starts_with('*') {
            if line.starts_with("/**") {
                doc.clear();
            }
            doc.push(
                line.trim_start_matches("/**")
                    .trim_start_matches('*')
                    .trim_end_matches("*/")
                    .trim(),
            );
        } else if line.starts_with(&format!("{member}?:")) || line.starts_with(&format!("{member}:")) {
            return doc.join(" ");
        } else {
            doc.clear();
        }
    }
    panic!("no member {member} in interface {interface}")
}

/// The whole number written right after `marker` in `text` (`default 300` → 300).
fn number_after(text: &str, marker: &str) -> u64 {
    let at = text.find(marker).unwrap_or_else(|| panic!("no {marker:?} in {text:?}")) + marker.len();
    let digits: String = text[at..].chars().take_while(char::is_ascii_digit).collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no number after {marker:?} in {text:?}"))
}

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
fn known_ticket_states_match_their_declarations_and_runtime_list() {
    let dts = package_file("index.d.ts");
    let known: Vec<&str> = TicketState::KNOWN.iter().map(TicketState::as_str).collect();
    assert_eq!(
        literals(&type_alias(&dts, "KnownTicketState")),
        known,
        "KnownTicketState"
    );
    // The open union lists the same states, then `(string & {})` for one added later.
    assert_eq!(literals(&type_alias(&dts, "TicketState")), known, "TicketState");
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

#[test]
fn transition_types_match_their_declaration() {
    let dts = package_file("index.d.ts");
    let union = type_alias(&dts, "Transition");
    let declared: Vec<&str> = union
        .split("type: ")
        .skip(1)
        .filter_map(|rest| literals(rest).first().copied())
        .collect();
    assert_eq!(declared, Transition::TYPES);
}

#[test]
fn error_kinds_match_their_declaration() {
    use ErrorKind::*;
    let kinds = [Validation, Http, Network, Timeout, Aborted, Decode, Auth];
    for kind in kinds {
        // A kind added to the enum and not to this list fails to compile here.
        match kind {
            Validation | Http | Network | Timeout | Aborted | Decode | Auth => {}
        }
    }
    let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        literals(&type_alias(&package_file("index.d.ts"), "JifelineErrorKind")),
        names
    );
}

#[test]
fn the_documented_defaults_are_the_core_s() {
    let dts = package_file("index.d.ts");
    let retry = RetryPolicy::default();
    let doc = |member| member_doc(&dts, "RetryOptions", member);
    assert_eq!(
        number_after(&doc("limit"), "default "),
        u64::from(retry.limit),
        "retry.limit"
    );
    assert_eq!(
        number_after(&doc("limit"), " to "),
        u64::from(RetryPolicy::MAX.limit),
        "retry.limit's upper bound"
    );
    assert_eq!(
        number_after(&doc("baseDelayMs"), "default "),
        retry.base_delay_ms,
        "retry.baseDelayMs"
    );
    assert_eq!(
        number_after(&doc("maxDelayMs"), "default "),
        retry.max_delay_ms,
        "retry.maxDelayMs"
    );
    assert_eq!(
        number_after(&doc("maxRetryAfterMs"), "default "),
        retry.max_retry_after_ms,
        "retry.maxRetryAfterMs"
    );
    let doc = |member| member_doc(&dts, "TicketsApiOptions", member);
    assert_eq!(
        number_after(&doc("timeoutMs"), "Default "),
        DEFAULT_TIMEOUT_MS,
        "timeoutMs"
    );
    assert_eq!(
        number_after(&doc("retry"), "Default `{ limit: "),
        u64::from(retry.limit),
        "retry"
    );

    let readme = package_file("README.md");
    assert_eq!(
        number_after(&readme, "`timeoutMs` (default ") * 1000,
        DEFAULT_TIMEOUT_MS,
        "README: timeoutMs"
    );
    assert_eq!(
        number_after(&readme, "(`retry: { limit: "),
        u64::from(retry.limit),
        "README: retry"
    );
}
