//! Retry decisions, backoff bounds and Retry-After in both forms.
#![cfg(not(target_arch = "wasm32"))]

use jifeline_tickets_core::request::Method;
use jifeline_tickets_core::retry::{self, Outcome, RetryDecision, RetryPolicy};

const NOW: u64 = 1_445_412_480_000; // Wed, 21 Oct 2015 07:28:00 GMT

#[test]
fn get_and_put_are_retried_on_transient_outcomes_only() {
    let p = RetryPolicy::default();
    for method in [Method::Get, Method::Put] {
        for outcome in [
            Outcome::Network,
            Outcome::Timeout,
            Outcome::Status(429, None),
            Outcome::Status(502, None),
            Outcome::Status(503, None),
            Outcome::Status(504, None),
        ] {
            assert!(
                matches!(p.decide(method, 1, outcome, NOW, 0.5), RetryDecision::RetryAfter(_)),
                "{method} {outcome:?}"
            );
        }
        for status in [400, 401, 404, 409, 500, 501] {
            assert_eq!(
                p.decide(method, 1, Outcome::Status(status, None), NOW, 0.5),
                RetryDecision::Stop,
                "{status}"
            );
        }
    }
}

#[test]
fn patch_is_never_retried() {
    let p = RetryPolicy {
        limit: 10,
        ..RetryPolicy::default()
    };
    for outcome in [
        Outcome::Network,
        Outcome::Timeout,
        Outcome::Status(503, None),
        Outcome::Status(429, Some("1")),
    ] {
        assert_eq!(p.decide(Method::Patch, 1, outcome, NOW, 0.5), RetryDecision::Stop);
    }
}

#[test]
fn the_limit_counts_extra_attempts() {
    let p = RetryPolicy {
        limit: 2,
        ..RetryPolicy::default()
    };
    assert!(matches!(
        p.decide(Method::Get, 1, Outcome::Network, NOW, 0.0),
        RetryDecision::RetryAfter(_)
    ));
    assert!(matches!(
        p.decide(Method::Get, 2, Outcome::Network, NOW, 0.0),
        RetryDecision::RetryAfter(_)
    ));
    assert_eq!(
        p.decide(Method::Get, 3, Outcome::Network, NOW, 0.0),
        RetryDecision::Stop
    );
    assert_eq!(
        RetryPolicy::none().decide(Method::Get, 1, Outcome::Network, NOW, 0.0),
        RetryDecision::Stop
    );
}

#[test]
fn backoff_doubles_within_equal_jitter_bounds_and_caps() {
    let p = RetryPolicy {
        limit: 10,
        base_delay_ms: 300,
        max_delay_ms: 2000,
        max_retry_after_ms: 60_000,
    };
    let expected_steps = [300, 600, 1200, 2000, 2000];
    for (i, step) in expected_steps.iter().enumerate() {
        let retry = i as u32 + 1;
        assert_eq!(p.backoff_ms(retry, 0.0), step / 2);
        assert_eq!(p.backoff_ms(retry, 0.999_999), step - 1);
        for r in [0.1, 0.5, 0.9] {
            let d = p.backoff_ms(retry, r);
            assert!((step / 2..=*step).contains(&d), "retry {retry}: {d}");
        }
    }
    // Nonsense randomness cannot escape the bounds.
    for r in [f64::NAN, -1.0, 7.0, f64::INFINITY] {
        assert!(p.backoff_ms(1, r) <= 300);
    }
    assert_eq!(p.backoff_ms(u32::MAX, 0.0), 1000);
}

#[test]
fn retry_after_seconds_and_http_date() {
    assert_eq!(retry::parse_retry_after("120", NOW), Some(120_000));
    assert_eq!(retry::parse_retry_after(" 0 ", NOW), Some(0));
    // Too many digits for any integer type is a wait longer than any limit, not no wait.
    assert_eq!(
        retry::parse_retry_after("99999999999999999999", NOW),
        Some(retry::MAX_RETRY_AFTER_MS)
    );
    assert_eq!(
        retry::parse_retry_after("9007199254741", NOW),
        Some(retry::MAX_RETRY_AFTER_MS)
    );
    assert_eq!(
        retry::parse_retry_after("Wed, 21 Oct 2015 07:28:05 GMT", NOW),
        Some(5_000)
    );
    assert_eq!(retry::parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", NOW), Some(0));
    for bad in ["", "-1", "1.5", "soon", "Wed, 21 Oct 2015"] {
        assert_eq!(retry::parse_retry_after(bad, NOW), None, "{bad}");
    }
}

#[test]
fn retry_after_is_obeyed_up_to_the_cap() {
    let p = RetryPolicy::default();
    assert_eq!(
        p.decide(Method::Get, 1, Outcome::Status(429, Some("3")), NOW, 0.5),
        RetryDecision::RetryAfter(3000)
    );
    assert_eq!(
        p.decide(
            Method::Get,
            1,
            Outcome::Status(503, Some("Wed, 21 Oct 2015 07:28:02 GMT")),
            NOW,
            0.5
        ),
        RetryDecision::RetryAfter(2000)
    );
    assert_eq!(
        p.decide(Method::Get, 1, Outcome::Status(429, Some("3600")), NOW, 0.5),
        RetryDecision::Stop
    );
    // An unreadable header falls back to backoff.
    assert_eq!(
        p.decide(Method::Get, 1, Outcome::Status(429, Some("later")), NOW, 0.0),
        RetryDecision::RetryAfter(150)
    );
}

#[test]
fn a_401_is_resent_once_with_a_fresh_token_from_a_token_function() {
    assert!(retry::should_refresh_token(401, true, false));
    assert!(!retry::should_refresh_token(401, true, true), "only once");
    assert!(
        !retry::should_refresh_token(401, false, false),
        "a fixed token cannot change"
    );
    assert!(!retry::should_refresh_token(403, true, false));
}
