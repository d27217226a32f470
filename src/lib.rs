//! Jifeline Partner API tickets client for JavaScript: the WebAssembly binding.
//!
//! Everything that knows the API reference lives in
//! [`jifeline_tickets_core`], which has no JavaScript dependency. This crate
//! only translates: options and inputs from JS values into the core's types
//! (`options`, `input`), a call's requests and answers between the package's
//! JavaScript transport (fetch, timers, aborts, tokens, hooks) and the core's
//! sans-IO exchange ([`Call`]), and the core's errors into `JifelineError`
//! objects (`errors`). The `TicketsApi` class exported to JavaScript is in
//! [`api`]; [`Client`] is the same API for Rust apps compiled to wasm32,
//! over gloo-net.
//!
//! Every conversion from JS is fallible and handled: a panic here would kill
//! the module for the whole page. The crate compiles on the host too (so clippy
//! lints it), but its JS imports only work in wasm32.
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
pub use call::Call;
pub use client::{Client, ClientOptions, TokenFuture, TransitionResource, TransitionResult};
pub use token::TokenSource;

/// Talc instead of Rust's default wasm allocator (dlmalloc): smaller and
/// faster in WebAssembly (bench/README.md has the module's size with each).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
