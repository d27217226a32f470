//! The JavaScript binding (compiled for wasm32 only).
//!
//! It translates and nothing else: options and inputs from JS values into
//! the core's types, the core's requests into `fetch` calls, answers back
//! through the core's decoders, and the core's errors into `JifelineError`
//! objects. Every conversion from JS is fallible and handled: a panic here
//! would kill the module for the whole page.

mod api;
mod errors;
mod js;
mod options;
mod transport;

pub use api::TicketsApi;
