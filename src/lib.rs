//! Jifeline Partner API tickets client.
//!
//! The crate is split in two on purpose:
//!
//! * a **sans-IO core** ([`model`], [`query`], [`validate`], [`request`],
//!   [`response`], [`retry`], [`error`]) that knows the API reference — every
//!   path, parameter, field and constraint — and turns inputs into exact HTTP
//!   requests and HTTP answers into typed values or typed errors. It performs no
//!   I/O and reads no clock, so it is tested natively with `cargo test` and can be
//!   used directly by Rust applications compiled to WebAssembly;
//! * a thin **wasm binding** (`wasm`, compiled only for `wasm32`) that exposes
//!   the `TicketsApi` JavaScript class, drives `fetch`, timers and
//!   `AbortSignal`, and converts values and errors for JavaScript.
#![deny(missing_docs, missing_debug_implementations)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod check;
pub mod error;
pub mod input;
pub mod model;
pub mod query;
pub mod request;
pub mod response;
pub mod retry;
pub mod validate;
mod wire;

#[cfg(target_arch = "wasm32")]
mod wasm;

/// The JavaScript-facing class, for Rust code and tests compiled to wasm32.
#[cfg(target_arch = "wasm32")]
pub mod wasm_api {
    pub use crate::wasm::TicketsApi;
}

pub use error::{Error, ErrorKind};
pub use model::{
    Cancel, Complete, InProgressTicket, InProgressTicketUpdate, Outsource, OutsourcedTicket, Page, Problem, Ticket,
    TicketState, Transition,
};
pub use query::{InProgressTicketQuery, SortDirection, TicketQuery};
pub use request::{ApiRequest, ClientConfig, HttpRequest, Method};
pub use response::{ResponseHead, TransitionTarget};
pub use retry::{RetryDecision, RetryPolicy};
