//! The token cache's rules, sans IO: when an `accessToken` function is asked
//! for a token, when a token it gave is reused, and which calls share one
//! look-up.
//!
//! The driver (the package's JavaScript today) owns the function and its
//! promises; it asks [`TokenCache::next`] before every request and reports
//! each look-up's end with [`TokenCache::settled`] or [`TokenCache::failed`].
//! The rules:
//!
//! * a plain string is asked for before every request: it is never reused,
//!   and a look-up in flight is shared only while nobody knows yet what the
//!   function answers;
//! * a token with an expiry is reused until a margin before it expires (a
//!   tenth of its lifetime, at most 30 s); one without an expiry until the API
//!   refuses it;
//! * calls that want a token while a look-up is in flight share it;
//! * every token the function answers has a new *generation*: a call refused
//!   with a 401 names the generation it sent, and if a newer token is held
//!   already the call uses it instead of asking again, so calls refused
//!   together share one refresh even when the function answers the same text;
//! * a look-up that failed, or that a caller stopped waiting for because it
//!   outlasted the attempt's timeout, is forgotten: the next call asks again.

use crate::request::Secret;

/// The longest margin before expiry at which a token is looked up again.
pub const MAX_MARGIN_MS: u64 = 30_000;

/// How long before its expiry a token of `lifetime_ms` is looked up again: a
/// tenth of its lifetime, at most [`MAX_MARGIN_MS`].
pub fn margin_ms(lifetime_ms: u64) -> u64 {
    (lifetime_ms / 10).min(MAX_MARGIN_MS)
}

/// What the function answered, read by the driver.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenAnswer {
    /// A plain string: used for this request only.
    Plain(Secret),
    /// `{ token }`: reused until the API refuses it.
    Lasting(Secret),
    /// `{ token, expiresAt }` or `{ token, expiresIn }`, as Unix milliseconds.
    Expiring(Secret, u64),
}

/// What the driver does to get a token for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenStep {
    /// Send [`TokenCache::token`], of [`TokenCache::generation`].
    Use,
    /// Wait for look-up `id`, in flight, then ask [`TokenCache::next`] again.
    Join(u32),
    /// Call the function (with `refresh`) as look-up `id`, and report its end.
    LookUp {
        /// The look-up's number, for [`TokenCache::settled`] and [`TokenCache::failed`].
        id: u32,
        /// Whether the API refused the token it would otherwise reuse.
        refresh: bool,
    },
}

/// The token cache of one client (see the module documentation).
#[derive(Debug, Default)]
pub struct TokenCache {
    /// The token reused for now, and when to stop reusing it (`None`: until a 401).
    held: Option<(Secret, Option<u64>)>,
    /// The latest token answered, whatever its kind, and its generation.
    latest: Option<Secret>,
    generation: u32,
    /// The look-up in flight that later calls may share.
    pending: Option<u32>,
    /// The function answered a plain string last time.
    answers_strings: bool,
    /// The number of the latest look-up started.
    last_id: u32,
}

impl TokenCache {
    /// An empty cache: the first request asks the function.
    pub fn new() -> TokenCache {
        TokenCache::default()
    }

    /// What to do for a request at `now_ms`. `rejected` is the generation of
    /// the token the API just refused (a 401), or `None` for a first attempt.
    pub fn next(&mut self, now_ms: u64, rejected: Option<u32>) -> TokenStep {
        if let Some(rejected) = rejected {
            if self.generation > rejected && self.held.is_some() {
                // Another call refreshed already: its token is newer than the refused one.
                return TokenStep::Use;
            }
            if self.generation <= rejected {
                self.held = None;
            }
            if let Some(id) = self.pending {
                return TokenStep::Join(id);
            }
            return self.look_up(true, true);
        }
        if let Some((_, until)) = &self.held {
            if until.is_none_or(|until| now_ms < until) {
                return TokenStep::Use;
            }
            self.held = None;
        }
        if self.answers_strings {
            // Asked before every request, each request its own answer.
            return self.look_up(false, false);
        }
        if let Some(id) = self.pending {
            return TokenStep::Join(id);
        }
        self.look_up(false, true)
    }

    fn look_up(&mut self, refresh: bool, shared: bool) -> TokenStep {
        self.last_id = self.last_id.wrapping_add(1);
        let id = self.last_id;
        if shared {
            self.pending = Some(id);
        }
        TokenStep::LookUp { id, refresh }
    }

    /// Look-up `id` answered at `now_ms`. Returns the answer's generation,
    /// which the caller that started it sends with its token. Callers that
    /// joined ask [`TokenCache::next`] again: they reuse a lasting or expiring
    /// token, and ask for their own plain string.
    pub fn settled(&mut self, id: u32, answer: TokenAnswer, now_ms: u64) -> u32 {
        if self.pending == Some(id) {
            self.pending = None;
        }
        self.generation = self.generation.wrapping_add(1);
        let token = match answer {
            TokenAnswer::Plain(token) => {
                self.answers_strings = true;
                self.held = None;
                token
            }
            TokenAnswer::Lasting(token) => {
                self.answers_strings = false;
                self.held = Some((token.clone(), None));
                token
            }
            TokenAnswer::Expiring(token, expires_at_ms) => {
                self.answers_strings = false;
                // Already (nearly) expired: used for this request, never reused.
                let until = match expires_at_ms.checked_sub(now_ms) {
                    Some(lifetime) if lifetime > 0 => expires_at_ms - margin_ms(lifetime),
                    _ => now_ms,
                };
                self.held = Some((token.clone(), Some(until)));
                token
            }
        };
        self.latest = Some(token);
        self.generation
    }

    /// Look-up `id` failed (the function threw, rejected or answered no
    /// token), or outlasted the attempt's timeout: it is not shared any
    /// longer, and the next request asks again.
    pub fn failed(&mut self, id: u32) {
        if self.pending == Some(id) {
            self.pending = None;
        }
    }

    /// The token to send after [`TokenStep::Use`], or the one look-up `id`
    /// just answered.
    pub fn token(&self) -> Option<&str> {
        match &self.held {
            Some((token, _)) => Some(token.expose()),
            None => self.latest.as_ref().map(Secret::expose),
        }
    }

    /// The generation of [`TokenCache::token`].
    pub fn generation(&self) -> u32 {
        self.generation
    }
}
