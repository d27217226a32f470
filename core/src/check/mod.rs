//! Validation of response bodies without building values.
//!
//! The JavaScript binding does not need Rust values: the engine's own
//! `JSON.parse` builds the objects faster than any conversion from Rust. It
//! needs to know that the body matches the reference. A [`Schema`] lists each
//! resource's fields as data, and hand-written readers check any of them:
//! a fast path (the `jifeline-tickets-fastcheck` crate, built for speed) that answers "certainly valid" for the common case
//! while allocating nothing, and an exact reader (`scan`) that gives the
//! verdict otherwise, with the JSON path of a failure (`result[3].ticket_number`)
//! and the reason in JavaScript's words. No JSON library is involved, so none
//! is linked into the WebAssembly module.
//!
//! The schemas themselves are written by the resource declarations
//! ([`crate::model`]); `tests/properties.rs` holds each to its Rust type:
//! whatever a schema accepts, serde can build, and every body serde_json
//! refuses as JSON, the check refuses too.

use crate::error::Error;
pub use jifeline_tickets_fastcheck::{Field, Kind, Schema};

mod lex;
mod problem;
mod scan;

pub(crate) use problem::problem;

/// Checks `body` (already known to be non-empty JSON-typed) against
/// `schema`. `Ok(true)` when no object left out an optional field, as far as
/// the fast path knows: after the exact reader, `Ok(false)`, to be safe (the
/// caller then fills the fields in).
pub(crate) fn check(body: &[u8], schema: &'static Schema) -> Result<bool, Error> {
    if let Some(complete) = jifeline_tickets_fastcheck::fast_check(body, schema) {
        return Ok(complete);
    }
    scan::check(body, schema).map(|()| false)
}

/// The fast path's verdict alone, for tests that hold it to [`exact`] where
/// it is compiled differently (WebAssembly SIMD): `true` only where `exact` passes.
#[doc(hidden)]
pub fn certainly_valid(body: &[u8], schema: &'static Schema) -> bool {
    jifeline_tickets_fastcheck::certainly_valid(body, schema)
}

/// The exact reader's verdict alone (see [`certainly_valid`]).
#[doc(hidden)]
pub fn exact(body: &[u8], schema: &'static Schema) -> Result<(), Error> {
    scan::check(body, schema)
}

fn strip_position(mut text: String) -> String {
    if let Some(i) = text.rfind(" at line ") {
        text.truncate(i);
    }
    text
}

/// A JSON error in words: where, for a syntax error; what, for a type error
/// (whose path the caller reports).
pub(crate) fn describe_json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax => format!(
            "the body is not valid JSON (at line {}, column {})",
            e.line(),
            e.column()
        ),
        Category::Eof => format!(
            "the body ends too early (at line {}, column {}); it may be truncated",
            e.line(),
            e.column()
        ),
        Category::Data | Category::Io => strip_position(e.to_string()),
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::certainly_valid;
    use crate::model::{InProgressTicket, OutsourcedTicket, Page, Resource, Ticket};

    const TICKET_JSON: &str = include_str!("../../tests/fixtures/ticket.json");

    /// The fast path must take the common case, or it only costs time.
    #[test]
    fn takes_the_reference_samples() {
        assert!(certainly_valid(TICKET_JSON.as_bytes(), Ticket::SCHEMA));
        let page = format!(
            r#"{{"query":{{"limit":2,"sort_by":{{"created_at":"asc"}}}},"result":[{TICKET_JSON},{TICKET_JSON}],"total":2}}"#
        );
        assert!(certainly_valid(page.as_bytes(), <Page<Ticket>>::SCHEMA));
        assert!(certainly_valid(
            include_bytes!("../../tests/fixtures/in-progress-ticket.json"),
            InProgressTicket::SCHEMA
        ));
        assert!(certainly_valid(
            include_bytes!("../../tests/fixtures/outsourced-ticket.json"),
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
}
