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
//!
//! The modules stand in floors, each using only those listed before it:
//!
//! * `lex`: the reader and its primitives;
//! * `scan`, `problem`: a body against a schema, and a problem+json body.

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
