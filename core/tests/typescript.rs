//! The TypeScript declarations of the resources come from their Rust
//! declarations (`resource!` in `src/model/`); the build writes them into the
//! npm package. This holds them to a checked-in reference output, so that a
//! change to a resource shows in review as a change to this file.
//!
//! After changing a resource on purpose: `UPDATE_REFERENCE=1 cargo test -p jifeline-tickets-core --test typescript`.

use std::collections::BTreeSet;

use jifeline_tickets_core::{model, InProgressTicket, OutsourcedTicket, Ticket};

const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/resources.d.ts");

#[test]
fn generated_declarations_match_the_reference_output() {
    let generated = model::typescript();
    if std::env::var_os("UPDATE_REFERENCE").is_some() {
        std::fs::write(REFERENCE, &generated).unwrap();
    }
    let reference = std::fs::read_to_string(REFERENCE).unwrap();
    assert!(
        generated == reference,
        "the resources' TypeScript changed; if that is intended, run\n  UPDATE_REFERENCE=1 cargo test -p jifeline-tickets-core --test typescript\n--- generated ---\n{generated}"
    );
}

/// The member names of `export interface NAME { … }` in `text`.
fn interface_members(text: &str, name: &str) -> Vec<String> {
    let start = text.find(&format!("export interface {name} {{")).unwrap();
    let body = &text[start..];
    body[body.find('{').unwrap() + 1..body.find("\n}").unwrap()]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("/**"))
        .map(|l| l.split(':').next().unwrap().to_owned())
        .collect()
}

#[test]
fn every_field_is_declared_once_in_order_with_its_doc() {
    let ts = model::typescript();
    for (name, fields) in [
        ("Ticket", Ticket::FIELDS),
        ("InProgressTicket", InProgressTicket::FIELDS),
        ("OutsourcedTicket", OutsourcedTicket::FIELDS),
    ] {
        assert_eq!(interface_members(&ts, name), fields, "{name}");
        let unique: BTreeSet<_> = fields.iter().collect();
        assert_eq!(unique.len(), fields.len(), "{name} has a field twice");
    }
    assert!(ts.contains("  /** Ticket identifier. */\n  id: Uuid;\n"), "{ts}");
    assert!(ts.contains("  assigned_at: DateTimeString | null;\n"), "{ts}");
    assert!(ts.contains("  state: TicketState;\n"), "{ts}");
    assert!(ts.contains("  ticket_number: number;\n"), "{ts}");
}

#[test]
fn serde_writes_exactly_the_declared_fields() {
    let fixture = |name: &str| std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let keys = |v: serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<BTreeSet<_>>();
    let declared = |f: &[&str]| f.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    let t: Ticket = serde_json::from_slice(&fixture("ticket.json")).unwrap();
    assert_eq!(keys(serde_json::to_value(t).unwrap()), declared(Ticket::FIELDS));
    let ip: InProgressTicket = serde_json::from_slice(&fixture("in-progress-ticket.json")).unwrap();
    assert_eq!(
        keys(serde_json::to_value(ip).unwrap()),
        declared(InProgressTicket::FIELDS)
    );
    let o: OutsourcedTicket = serde_json::from_slice(&fixture("outsourced-ticket.json")).unwrap();
    assert_eq!(
        keys(serde_json::to_value(o).unwrap()),
        declared(OutsourcedTicket::FIELDS)
    );
}
