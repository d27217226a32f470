//! The hot part of `jifeline-tickets-core`'s response check, in a crate of
//! its own so that it alone is compiled for speed (opt-level 3) while
//! everything else in the WebAssembly module is compiled for size.
//!
//! A [`Schema`] lists a resource's fields as data; [`certainly_valid`] scans a
//! body against one without allocating and answers "certainly valid" or "not
//! sure". It never decides a failure: the core's exact reader does, with the
//! path and the reason. In WebAssembly it scans sixteen bytes a step with
//! `simd128`.
//!
//! The modules stand in floors, each using only those listed before it:
//!
//! * `bytes`, [`formats`], `schema`: byte scans, the formats' predicates, the schema types;
//! * `fast`: the scan of a body against a schema.
#![deny(missing_docs, missing_debug_implementations)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod bytes;
mod fast;
pub mod formats;
mod schema;

pub use fast::{certainly_valid, fast_check};
pub use schema::{Field, Kind, Schema};
