//! Jifeline Partner API tickets client for JavaScript: the WebAssembly binding.
//!
//! Everything that knows the API reference lives in
//! [`jifeline_tickets_core`], which has no JavaScript dependency. This crate
//! only translates and drives: options and inputs from JS values into the
//! core's types (`options`, `input`, through serde-wasm-bindgen), each call
//! driven over `fetch` with web-sys's aborts, headers and timers and
//! gloo-net's `Response` (`transport`), every decision asked of the core's
//! sans-IO exchange ([`Call`]), and the core's errors into `JifelineError`
//! objects (`errors`). The `TicketsApi` class exported to JavaScript is in
//! [`api`]; [`Client`] is the same API for Rust apps compiled to wasm32, over
//! the same transport.
//!
//! Every conversion from JS is fallible and handled: a panic here would kill
//! the module for the whole page. The crate compiles on the host too (so clippy
//! lints it), but its JS imports only work in wasm32.
//!
//! The modules stand in floors, each using only those listed before it:
//!
//! * `js`, `input`: reading JS values without a panic path; the caller's inputs;
//! * `errors`: the core's errors as `JifelineError` objects;
//! * `options`: the client's and each call's options;
//! * `call`, `token`: one call between the transport and the core; the token sources;
//! * `transport`: fetch, timers and aborts;
//! * [`api`], [`client`]: the class exported to JavaScript; the Rust client.
#![deny(missing_docs, missing_debug_implementations)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod api;
mod call;
pub mod client;
mod errors;
mod input;
mod js;
mod options;
mod token;
mod transport;

pub use api::TicketsApi;
pub use call::{AttemptFailure, Call, CallStep};
pub use client::{Client, ClientOptions, TokenFuture, TransitionResource, TransitionResult};
pub use token::TokenSource;

/// Talc instead of Rust's default wasm allocator (dlmalloc): smaller and
/// faster in WebAssembly (bench/README.md has the module's size with each).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
