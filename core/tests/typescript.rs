//! The TypeScript declarations of the resources come from their Rust
//! declarations (`resource!` in `src/model/`), and those of the class's
//! methods from the table of operations (`src/operation.rs`); the build
//! writes them into the npm package. This holds them to checked-in reference
//! outputs, so that a change to a resource or an operation shows in review as
//! a change to these files.
//!
//! After changing a resource or an operation on purpose: `UPDATE_REFERENCE=1 cargo test -p jifeline-tickets-core --test typescript`
//! writes the new reference output and fails, saying so (a run that rewrites
//! its own expectation proves nothing); then run it again without
//! `UPDATE_REFERENCE`. Under `CI=true` nothing is written: the test fails.

use std::collections::BTreeSet;
use std::ffi::OsStr;

use jifeline_tickets_core::{npm, InProgressTicket, OutsourcedTicket, Ticket};

const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/resources.d.ts");
const METHODS_REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/methods.d.ts");

/// What the reference test does, from `UPDATE_REFERENCE` and `CI`.
#[derive(Debug, PartialEq, Eq)]
enum Mode {
    /// Compare the generated declarations with the reference output.
    Check,
    /// Write the generated declarations as the reference output, then fail.
    Update,
    /// `UPDATE_REFERENCE` under CI: write nothing, fail.
    RefuseUpdate,
}

/// `UPDATE_REFERENCE` set to anything asks for an update; `CI` set to
/// anything but empty, `false` or `0` is a CI run, which never writes.
fn mode(update_reference: Option<&OsStr>, ci: Option<&OsStr>) -> Mode {
    let in_ci = ci.is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
    match (update_reference.is_some(), in_ci) {
        (false, _) => Mode::Check,
        (true, false) => Mode::Update,
        (true, true) => Mode::RefuseUpdate,
    }
}

#[test]
fn generated_declarations_match_the_reference_output() {
    match_reference(REFERENCE, &npm::typescript(), "the resources' TypeScript");
}

#[test]
fn generated_method_declarations_match_the_reference_output() {
    match_reference(METHODS_REFERENCE, &npm::typescript_methods(), "the methods' TypeScript");
}

/// Holds `generated` to the reference output at `path` (or writes it, see the module documentation).
fn match_reference(path: &str, generated: &str, what: &str) {
    let env = |name| std::env::var_os(name);
    match mode(env("UPDATE_REFERENCE").as_deref(), env("CI").as_deref()) {
        Mode::Check => {}
        Mode::Update => {
            let before = std::fs::read_to_string(path).ok();
            std::fs::write(path, generated).unwrap();
            let done = if before.as_deref() == Some(generated) {
                "was already up to date; it was written again"
            } else {
                "was updated"
            };
            panic!(
                "UPDATE_REFERENCE is set: the reference output {path} {done}. This run checked nothing; rerun without UPDATE_REFERENCE:\n  cargo test -p jifeline-tickets-core --test typescript"
            );
        }
        Mode::RefuseUpdate => panic!(
            "UPDATE_REFERENCE is set under CI: the reference output {path} is not written in CI, and nothing was checked. Update it locally (UPDATE_REFERENCE=1 cargo test -p jifeline-tickets-core --test typescript), commit it, and run CI without UPDATE_REFERENCE."
        ),
    }
    let reference = std::fs::read_to_string(path).unwrap();
    assert!(
        generated == reference,
        "{what} changed; if that is intended, run\n  UPDATE_REFERENCE=1 cargo test -p jifeline-tickets-core --test typescript\nwhich writes the reference output and fails, then run again without UPDATE_REFERENCE\n--- generated ---\n{generated}"
    );
}

#[test]
fn update_reference_always_fails_and_never_writes_under_ci() {
    let set = Some(OsStr::new("1"));
    assert_eq!(mode(None, None), Mode::Check);
    assert_eq!(mode(None, Some(OsStr::new("true"))), Mode::Check);
    assert_eq!(mode(set, None), Mode::Update);
    // Set to anything, even empty or 0, it asks for the update (and the run fails, saying so).
    assert_eq!(mode(Some(OsStr::new("")), None), Mode::Update);
    assert_eq!(mode(Some(OsStr::new("0")), None), Mode::Update);
    for ci in ["true", "1", "yes"] {
        assert_eq!(mode(set, Some(OsStr::new(ci))), Mode::RefuseUpdate, "CI={ci}");
    }
    for not_ci in ["", "false", "0"] {
        assert_eq!(mode(set, Some(OsStr::new(not_ci))), Mode::Update, "CI={not_ci:?}");
    }
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
    let ts = npm::typescript();
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
