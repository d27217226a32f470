//! Validation of response bodies without building values.
//!
//! The JavaScript binding does not need Rust values: the engine's own
//! `JSON.parse` builds the objects faster than any conversion from Rust. It
//! needs to know that the body matches the reference. A [`Schema`] lists each
//! resource's fields as data, and hand-written readers check any of them:
//! a fast path (`fast`) that answers "certainly valid" for the common case
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

mod bytes;
mod fast;
mod lex;
mod problem;
mod scan;

pub(crate) use problem::problem;

/// What a field holds.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A UUID string.
    Uuid,
    /// An RFC 3339 date-time string.
    DateTime,
    /// Any string.
    Text,
    /// A string of at most 255 characters (the references).
    Reference,
    /// An integer a JavaScript number holds exactly.
    SafeInt,
    /// A 32-bit integer.
    Int32,
    /// A boolean.
    Bool,
    /// Any JSON object (a page's `query` echo).
    Object,
    /// An array of objects of a schema.
    Items(&'static Schema),
}

/// One field of a resource.
#[derive(Debug)]
pub struct Field {
    /// The wire name.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Whether it may be `null` or left out (`string or null` in the reference).
    pub optional: bool,
    /// The name between quotes and a colon after it (`"name":`), zero-padded
    /// to 32 bytes, for the fast path's sixteen-byte key comparisons.
    pub(crate) quoted: [u8; 32],
}

impl Field {
    /// A field named `name` (the wire name).
    pub const fn new(name: &'static str, kind: Kind, optional: bool) -> Field {
        let mut quoted = [0u8; 32];
        let bytes = name.as_bytes();
        if bytes.len() <= 29 {
            quoted[0] = b'"';
            let mut i = 0;
            while i < bytes.len() {
                quoted[i + 1] = bytes[i];
                i += 1;
            }
            quoted[bytes.len() + 1] = b'"';
            quoted[bytes.len() + 2] = b':';
        }
        Field {
            name,
            kind,
            optional,
            quoted,
        }
    }
}

/// A resource's fields. Unknown fields are ignored, as the models ignore them.
#[derive(Debug)]
pub struct Schema {
    /// The resource's name, for messages.
    pub name: &'static str,
    /// Its fields, in the reference's order (the order servers send them in,
    /// which the key lookup tries first).
    pub fields: &'static [Field],
}

/// Checks `body` (already known to be non-empty JSON-typed) against `schema`.
pub(crate) fn check(body: &[u8], schema: &'static Schema) -> Result<(), Error> {
    if fast::certainly_valid(body, schema) {
        return Ok(());
    }
    scan::check(body, schema)
}

/// The fast path's verdict alone, for tests that hold it to [`exact`] where
/// it is compiled differently (WebAssembly SIMD): `true` only where `exact` passes.
#[doc(hidden)]
pub fn certainly_valid(body: &[u8], schema: &'static Schema) -> bool {
    fast::certainly_valid(body, schema)
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
