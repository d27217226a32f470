//! The response check's fast path takes the common case, and is never sure
//! of what it does not fully check (the exact reader decides those).
#![cfg(not(target_arch = "wasm32"))]

use jifeline_tickets_core::check::certainly_valid;
use jifeline_tickets_core::model::{InProgressTicket, OutsourcedTicket, Page, Resource, Ticket};

const TICKET_JSON: &str = include_str!("fixtures/ticket.json");

/// The fast path must take the common case, or it only costs time.
#[test]
fn takes_the_reference_samples() {
    assert!(certainly_valid(TICKET_JSON.as_bytes(), Ticket::SCHEMA));
    let page = format!(
        r#"{{"query":{{"limit":2,"sort_by":{{"created_at":"asc"}}}},"result":[{TICKET_JSON},{TICKET_JSON}],"total":2}}"#
    );
    assert!(certainly_valid(page.as_bytes(), <Page<Ticket>>::SCHEMA));
    assert!(certainly_valid(
        include_bytes!("fixtures/in-progress-ticket.json"),
        InProgressTicket::SCHEMA
    ));
    assert!(certainly_valid(
        include_bytes!("fixtures/outsourced-ticket.json"),
        OutsourcedTicket::SCHEMA
    ));
}

/// Whatever it is unsure of goes to the serde check; it never says yes to these.
#[test]
fn is_unsure_of_what_it_does_not_fully_check() {
    let with = |from: &str, to: &str| TICKET_JSON.replacen(from, to, 1);
    for body in [
        with("\"id\": \"497f6eca", "\"id\": \"\\u0034\"97f6eca"),
        with("7440303", "7440303.0"),
        with("7440303", "7e6"),
        with("\"state\": \"cancelled\"", "\"state\": null"),
        with("\"id\"", "\"id\": 1, \"id\""),
        with("\"A-123-B\"", "\"\\ud800\""),
        format!("{TICKET_JSON} x"),
        format!("[{TICKET_JSON}]"),
    ] {
        assert!(!certainly_valid(body.as_bytes(), Ticket::SCHEMA), "{body}");
    }
    assert!(!certainly_valid(b"{\"id\": \"\xff\"}", Ticket::SCHEMA));
}
