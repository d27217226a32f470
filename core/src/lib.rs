//! Jifeline Partner API tickets: the sans-IO core.
//!
//! This crate knows the API reference (every path, parameter, field and
//! constraint) and turns inputs into exact HTTP requests and HTTP answers into
//! typed values or typed errors. It performs no I/O and reads no clock, so it
//! is tested natively with `cargo test` and can be used as it is by Rust
//! applications, compiled to WebAssembly or not. It has no JavaScript
//! dependency: the `jifeline-tickets` crate above it is the binding that
//! drives `fetch` and speaks to JavaScript.
//!
//! The modules stand in floors, each using only those listed before it
//! (`tests/floors.rs` reads this list and holds every import to it):
//!
//! * [`text`], [`method`]: quoting and finding text; the HTTP methods;
//! * [`error`]: the one error type;
//! * [`validate`]: the reference's constraints as predicates;
//! * [`input`], [`check`]: reading what callers pass in; checking a JSON body against a
//!   resource's schema without building values (its hot scan is the
//!   `jifeline-tickets-fastcheck` crate, built for speed);
//! * [`model`]: the resources, each declared once (struct, schema, field list, TypeScript),
//!   and the inputs that change one;
//! * [`query`], `body`: the list queries; the bodies of the update and the transitions;
//! * [`operation`]: the operations, each declared once in one table, from which the request
//!   functions, both clients' methods and the npm package's methods and declarations come;
//! * [`request`]: building requests;
//! * [`retry`], `location`: deciding retries; reading a `Location` header;
//! * [`response`], [`token`]: reading answers; when a token function is asked, and which
//!   token a request sends;
//! * [`exchange`], [`npm`]: one call from its first request to its result; what the npm
//!   package's build takes from the declarations.
#![deny(missing_docs, missing_debug_implementations)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

// First: the table's macro is in scope for the modules declared after it.
#[macro_use]
pub mod operation;
mod body;
pub mod check;
pub mod error;
pub mod exchange;
pub mod input;
mod location;
pub mod method;
pub mod model;
pub mod npm;
pub mod query;
pub mod request;
pub mod response;
pub mod retry;
pub mod text;
pub mod token;
pub mod validate;

pub use error::{Error, ErrorKind};
pub use method::Method;
pub use model::{
    Cancel, Complete, InProgressTicket, InProgressTicketUpdate, Outsource, OutsourcedTicket, Page, Problem, Resource,
    Ticket, TicketState, Transition,
};
pub use query::{InProgressTicketQuery, SortDirection, TicketQuery};
pub use request::{ApiRequest, ClientConfig, HttpRequest};
pub use response::{ResponseHead, TransitionTarget};
pub use retry::{RetryDecision, RetryPolicy};
