//! The behaviour of `jifeline-mock`, the Jifeline Partner API v2 tickets mock,
//! without any IO: [`router::handle`] takes a request and says what to answer.
//!
//! Seeded, reproducible data; faithful filters, paging and sorting; the
//! transitions' state machine and 303s; problem+json errors; bearer, API-key
//! and OAuth2 client-credentials auth; fault injection and the `/__mock`
//! hooks. The axum server (`mock-server/`, the demo's and the tests' HTTP
//! mock) is one shell; it is made to run in WebAssembly too (no IO, no
//! threads, no clock: the shell passes the time, which only token expiry needs).
//!
//! The modules stand in floors, each using only those listed before it:
//!
//! * [`response`], [`validate`], [`config`]: responses as plain values; value checks and the
//!   timestamp format; the configuration;
//! * [`rng`], [`problem`], [`resources`]: seeded randomness; problem+json; the resources;
//! * [`data`], [`fault`]: the seeded tickets; fault injection;
//! * [`state`], [`query`]: the shared store; the list queries;
//! * [`tickets`], [`oauth`], [`mock_api`]: the tickets endpoints, the token endpoint and
//!   the `/__mock` hooks;
//! * [`in_progress`]: the in-progress tickets and their transitions;
//! * [`router`]: which handler answers a request.

pub mod config;
pub mod data;
pub mod fault;
pub mod in_progress;
pub mod mock_api;
pub mod oauth;
pub mod problem;
pub mod query;
pub mod resources;
pub mod response;
pub mod rng;
pub mod router;
pub mod state;
pub mod tickets;
pub mod validate;

pub use config::{Command, Config};
pub use router::{handle, Outcome};
pub use state::Shared;
