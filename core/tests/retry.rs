//! Retry decisions, backoff bounds and Retry-After in both forms.
#![cfg(not(target_arch = "wasm32"))]

use jifeline_tickets_core::method::Method;
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

/// The Unix time in ms of an IMF-fixdate, as `parse_retry_after` reads it:
/// with `now_ms` at the epoch, the wait is the date itself.
fn date_ms(value: &str) -> Option<u64> {
    retry::parse_retry_after(value, 0)
}

#[test]
fn an_http_date_whose_weekday_name_disagrees_with_its_date_is_unreadable() {
    // 21 Oct 2015 was a Wednesday: any other day name, and a misspelt one, is refused.
    assert_eq!(date_ms("Wed, 21 Oct 2015 07:28:00 GMT"), Some(NOW));
    for day in ["Mon", "Tue", "Thu", "Fri", "Sat", "Sun", "wed", "WED", "Wen"] {
        let value = format!("{day}, 21 Oct 2015 07:28:00 GMT");
        assert_eq!(date_ms(&value), None, "{value}");
        // Unreadable, so a decision falls back to backoff instead of waiting for it.
        assert_eq!(
            RetryPolicy::default().decide(Method::Get, 1, Outcome::Status(503, Some(&value)), NOW, 0.0),
            RetryDecision::RetryAfter(150),
            "{value}"
        );
    }
    // The weekday of a date in the first days after the epoch (1 Jan 1970 was a Thursday).
    assert_eq!(date_ms("Thu, 01 Jan 1970 00:00:01 GMT"), Some(1_000));
    assert_eq!(date_ms("Fri, 01 Jan 1970 00:00:01 GMT"), None);
    assert_eq!(date_ms("Sun, 04 Jan 1970 00:00:00 GMT"), Some(3 * 86_400_000));
    assert_eq!(date_ms("Mon, 04 Jan 1970 00:00:00 GMT"), None);
}

#[test]
fn http_dates_in_january_and_february_count_from_the_year_before_s_march() {
    assert_eq!(date_ms("Thu, 01 Jan 2015 00:00:00 GMT"), Some(1_420_070_400_000));
    assert_eq!(date_ms("Sat, 31 Jan 2015 23:59:59 GMT"), Some(1_422_748_799_000));
    assert_eq!(date_ms("Sat, 28 Feb 2015 12:34:56 GMT"), Some(1_425_126_896_000));
    // The day after the last of February is the first of March, one second later.
    assert_eq!(date_ms("Sun, 01 Mar 2015 00:00:00 GMT"), Some(1_425_168_000_000));
    assert_eq!(
        date_ms("Sat, 28 Feb 2015 23:59:59 GMT"),
        Some(1_425_168_000_000 - 1_000)
    );
}

#[test]
fn the_29th_of_february_exists_in_leap_years_only() {
    // Divisible by 4: leap; by 100: not; by 400: leap again.
    assert_eq!(date_ms("Mon, 29 Feb 2016 00:00:00 GMT"), Some(1_456_704_000_000));
    assert_eq!(date_ms("Tue, 29 Feb 2000 23:59:59 GMT"), Some(951_868_799_000));
    assert_eq!(date_ms("Tue, 29 Feb 2400 00:00:00 GMT"), Some(13_574_563_200_000));
    // In a common year it is refused, even with the weekday of the 1st of March it would be.
    assert_eq!(date_ms("Sun, 01 Mar 2015 00:00:00 GMT"), Some(1_425_168_000_000));
    assert_eq!(date_ms("Sun, 29 Feb 2015 00:00:00 GMT"), None);
    assert_eq!(date_ms("Mon, 01 Mar 2100 00:00:00 GMT"), Some(4_107_542_400_000));
    assert_eq!(date_ms("Mon, 29 Feb 2100 00:00:00 GMT"), None);
    // Nor is there a 30th in a leap year.
    assert_eq!(date_ms("Tue, 30 Feb 2016 00:00:00 GMT"), None);
}

#[test]
fn second_60_is_a_leap_second_read_as_the_next_minute_s_start() {
    // 30 Jun 2015 ended with a leap second; Unix time has none.
    assert_eq!(date_ms("Tue, 30 Jun 2015 23:59:60 GMT"), Some(1_435_708_800_000));
    assert_eq!(date_ms("Wed, 01 Jul 2015 00:00:00 GMT"), Some(1_435_708_800_000));
    assert_eq!(date_ms("Tue, 30 Jun 2015 23:59:59 GMT"), Some(1_435_708_799_000));
    assert_eq!(date_ms("Tue, 30 Jun 2015 23:59:61 GMT"), None);
    assert_eq!(date_ms("Tue, 30 Jun 2015 23:60:00 GMT"), None);
    assert_eq!(date_ms("Tue, 30 Jun 2015 24:00:00 GMT"), None);
}

#[test]
fn http_dates_before_1970_are_unreadable_not_a_wait_of_zero() {
    // 31 Dec 1969 was a Wednesday: the date is well formed, but before the epoch.
    assert_eq!(date_ms("Wed, 31 Dec 1969 23:59:59 GMT"), None);
    assert_eq!(retry::parse_retry_after("Wed, 31 Dec 1969 23:59:59 GMT", NOW), None);
    assert_eq!(date_ms("Sun, 06 Nov 1904 08:49:37 GMT"), None);
    assert_eq!(date_ms("Mon, 01 Jan 0001 00:00:00 GMT"), None);
    assert_eq!(date_ms("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
}

#[test]
fn an_http_date_with_a_month_name_it_does_not_know_is_unreadable() {
    assert_eq!(date_ms("Wed, 21 Oct 2015 07:28:00 GMT"), Some(NOW));
    for month in ["Okt", "oct", "OCT", "Xyz", "Sept", "10 "] {
        let value = format!("Wed, 21 {month} 2015 07:28:00 GMT");
        assert_eq!(date_ms(&value), None, "{value}");
        assert_eq!(retry::parse_retry_after(&value, NOW), None, "{value}");
    }
}
