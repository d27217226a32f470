//! What a 2xx body can hold.

use crate::check::Schema;

/// A value a 2xx body can hold: a resource, or a page of one.
///
/// Its [`Schema`] checks a body (formats, ranges, required fields, the JSON
/// path of a failure) before serde builds the value, so the checks are written
/// once, in the schema, for the Rust and the JavaScript decoders alike.
pub trait Resource: serde::de::DeserializeOwned {
    /// What a body of this resource must look like.
    const SCHEMA: &'static Schema;
}
