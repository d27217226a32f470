//! The token cache's rules ([`jifeline_tickets_core::token`]) for the
//! package's JavaScript, which owns the `accessToken` function and its
//! promises (`token.js`): it asks [`TokenCache::next`] before every request
//! and reports how each look-up ended.

use wasm_bindgen::prelude::*;

use jifeline_tickets_core::request::Secret;
use jifeline_tickets_core::token::{self, TokenAnswer, TokenStep};

/// One client's token cache (`clientCredentials()` has its own).
#[wasm_bindgen]
#[derive(Debug, Default)]
pub struct TokenCache(token::TokenCache);

#[wasm_bindgen]
impl TokenCache {
    /// An empty cache.
    #[wasm_bindgen(constructor)]
    pub fn new() -> TokenCache {
        TokenCache::default()
    }

    /// What to do for a request at `now` (`Date.now()`); `rejected` is the
    /// generation of the token a 401 refused, or `-1`. Returns `0`: send
    /// `token`; `-id`: wait for look-up `id`, then ask again; `2 * id`, or
    /// `2 * id + 1` with `refresh`: call the function as look-up `id`.
    pub fn next(&mut self, now: f64, rejected: f64) -> f64 {
        let rejected = (rejected >= 0.0).then_some(rejected as u32);
        match self.0.next(now as u64, rejected) {
            TokenStep::Use => 0.0,
            TokenStep::Join(id) => -f64::from(id),
            TokenStep::LookUp { id, refresh } => 2.0 * f64::from(id) + f64::from(u8::from(refresh)),
        }
    }

    /// Look-up `id` answered `token`, a plain string when `expires_at` is
    /// `NaN`, reused until a 401 when it is `Infinity`, else until a margin
    /// before `expires_at` (Unix ms). Returns its generation.
    pub fn settled(&mut self, id: u32, token: &str, expires_at: f64, now: f64) -> u32 {
        let token = Secret::new(token);
        let answer = if expires_at.is_nan() {
            TokenAnswer::Plain(token)
        } else if expires_at == f64::INFINITY {
            TokenAnswer::Lasting(token)
        } else {
            TokenAnswer::Expiring(token, expires_at.max(0.0) as u64)
        };
        self.0.settled(id, answer, now as u64)
    }

    /// Look-up `id` failed or outlasted an attempt's timeout.
    pub fn failed(&mut self, id: u32) {
        self.0.failed(id);
    }

    /// The token to send.
    #[wasm_bindgen(getter)]
    pub fn token(&self) -> Option<String> {
        self.0.token().map(str::to_owned)
    }

    /// The generation of `token`.
    #[wasm_bindgen(getter)]
    pub fn generation(&self) -> u32 {
        self.0.generation()
    }
}
