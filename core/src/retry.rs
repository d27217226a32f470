//! When to send a request again, and after how long: pure decisions.
//!
//! The transport reports each attempt's outcome; [`RetryPolicy::decide`]
//! answers with a delay or "stop". Randomness and the current time are
//! arguments, so the decisions are reproducible in tests.

use crate::method::Method;

/// How long one attempt may take, in milliseconds, unless the caller sets
/// its own (`timeoutMs`, `ClientOptions::timeout_ms`); an attempt that takes
/// longer is a timeout, which [`RetryPolicy`] may retry.
pub const DEFAULT_TIMEOUT_MS: u64 = 30_000;

/// Retry rules as data (after ky): how many extra attempts, and how long to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Extra attempts after the first (0 disables retries).
    pub limit: u32,
    /// The first backoff step; step `n` is `base_delay_ms * 2^(n-1)`.
    pub base_delay_ms: u64,
    /// No backoff step is longer than this.
    pub max_delay_ms: u64,
    /// A `Retry-After` longer than this is not waited for: the error is returned
    /// (with `retryable` and the wait) so the caller can decide.
    pub max_retry_after_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            limit: 2,
            base_delay_ms: 300,
            max_delay_ms: 10_000,
            max_retry_after_ms: 60_000,
        }
    }
}

impl RetryPolicy {
    /// The largest value of each field a caller may set (`retry.limit` up to
    /// 10, …): past these a typo, not a choice, is the likelier cause.
    pub const MAX: RetryPolicy = RetryPolicy {
        limit: 10,
        base_delay_ms: 600_000,
        max_delay_ms: 3_600_000,
        max_retry_after_ms: 3_600_000,
    };

    /// A policy that never retries.
    pub fn none() -> Self {
        RetryPolicy {
            limit: 0,
            ..RetryPolicy::default()
        }
    }
}

/// How an attempt ended, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome<'a> {
    /// An HTTP answer with this status and `Retry-After` header.
    Status(u16, Option<&'a str>),
    /// No answer: connection refused or reset, DNS, CORS.
    Network,
    /// The attempt's timeout fired.
    Timeout,
}

/// What to do after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Send the request again after this many milliseconds.
    RetryAfter(u64),
    /// Return the outcome to the caller.
    Stop,
}

/// Statuses that say "try again later": 429 Too Many Requests, 502, 503, 504.
pub fn is_transient_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// Whether to send a request once more after a 401 Unauthorized: only when the
/// token comes from a function (which can hand out a fresh one, e.g. after the
/// old one expired) and only once per call. Any method qualifies: the server
/// refused before acting, so even a transition is safe to re-send.
pub fn should_refresh_token(status: u16, token_is_refreshable: bool, already_refreshed: bool) -> bool {
    status == 401 && token_is_refreshable && !already_refreshed
}

/// Whether this method and outcome may be retried at all. PATCH (a
/// transition) is never retried: a lost answer may hide a transition that happened.
pub fn may_retry(method: Method, outcome: Outcome<'_>) -> bool {
    method.is_idempotent()
        && match outcome {
            Outcome::Status(status, _) => is_transient_status(status),
            Outcome::Network | Outcome::Timeout => true,
        }
}

impl RetryPolicy {
    /// Decides after attempt number `attempt` (1 for the first).
    /// `random` is uniform in `[0, 1)`; `now_ms` is Unix time in milliseconds.
    pub fn decide(
        &self,
        method: Method,
        attempt: u32,
        outcome: Outcome<'_>,
        now_ms: u64,
        random: f64,
    ) -> RetryDecision {
        if attempt > self.limit || !may_retry(method, outcome) {
            return RetryDecision::Stop;
        }
        if let Outcome::Status(_, Some(header)) = outcome {
            if let Some(wait) = parse_retry_after(header, now_ms) {
                return if wait <= self.max_retry_after_ms {
                    RetryDecision::RetryAfter(wait)
                } else {
                    RetryDecision::Stop
                };
            }
        }
        RetryDecision::RetryAfter(self.backoff_ms(attempt, random))
    }

    /// Exponential backoff with "equal jitter": the `n`th wait lies in
    /// `[step/2, step]` where `step = min(max_delay_ms, base_delay_ms * 2^(n-1))`,
    /// so retries spread out without ever coming back at once.
    pub fn backoff_ms(&self, retry: u32, random: f64) -> u64 {
        let exp = retry.saturating_sub(1).min(32);
        let step = self.base_delay_ms.saturating_mul(1u64 << exp).min(self.max_delay_ms);
        let random = if random.is_finite() {
            random.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let half = step / 2;
        // `random` < 1, so the sum stays within `step`.
        half + ((step - half) as f64 * random) as u64
    }
}

/// The longest `Retry-After` read, in ms: 2^53 − 1, JavaScript's largest exact integer.
pub const MAX_RETRY_AFTER_MS: u64 = (1 << 53) - 1;

/// Reads `Retry-After` as delay-seconds (`120`) or an HTTP date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`), in milliseconds from `now_ms`.
/// A date in the past means "now" (0); anything unreadable is `None`.
pub fn parse_retry_after(value: &str, now_ms: u64) -> Option<u64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // However many digits: a wait too long to count is still a wait
        // longer than any limit, never no wait at all. Capped where
        // JavaScript's numbers stop being exact.
        let seconds = value
            .bytes()
            .fold(0u64, |n, d| n.saturating_mul(10).saturating_add(u64::from(d - b'0')));
        return Some(seconds.saturating_mul(1000).min(MAX_RETRY_AFTER_MS));
    }
    let at_ms = imf_fixdate_ms(value)?;
    Some(at_ms.saturating_sub(now_ms))
}

/// Milliseconds since the Unix epoch of an IMF-fixdate (`Sun, 06 Nov 1994
/// 08:49:37 GMT`), the one date format RFC 9110 lets servers send.
fn imf_fixdate_ms(value: &str) -> Option<u64> {
    let b = value.as_bytes();
    if b.len() != 29 || &b[3..5] != b", " || &b[25..] != b" GMT" {
        return None;
    }
    const DAYS: [&[u8]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
    const MONTHS: [&[u8]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
    ];
    let weekday = DAYS.iter().position(|d| *d == &b[0..3])?;
    let num = |r: std::ops::Range<usize>| -> Option<u64> {
        let part = &b[r];
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, d| n * 10 + u64::from(d - b'0')))
    };
    let day = num(5..7)?;
    let month = MONTHS.iter().position(|m| *m == &b[8..11])? as u64 + 1;
    let year = num(12..16)?;
    let (hour, minute, second) = (num(17..19)?, num(20..22)?, num(23..25)?);
    if b[7] != b' ' || b[11] != b' ' || b[16] != b' ' || b[19] != b':' || b[22] != b':' {
        return None;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if year < 1970 || day == 0 || day > month_days[month as usize - 1] || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    // Days from the epoch to the date (days_from_civil, Howard Hinnant's algorithm).
    let (y, m) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y / 400;
    let year_of_era = y - era * 400;
    let day_of_year = (153 * m + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    // 1970-01-01 was a Thursday: the weekday must agree with the date.
    if (days + 3) % 7 != weekday as u64 {
        return None;
    }
    Some(((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000)
}
