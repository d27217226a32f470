//! The token cache's rules (core/src/token.rs), natively: reuse until the
//! margin, single flight, the refresh generation, failed look-ups forgotten,
//! plain strings asked for before every request.

use jifeline_tickets_core::request::Secret;
use jifeline_tickets_core::token::{margin_ms, TokenAnswer, TokenCache, TokenStep};

const NOW: u64 = 1_700_000_000_000;

fn expiring(token: &str, in_ms: u64) -> TokenAnswer {
    TokenAnswer::Expiring(Secret::new(token), NOW + in_ms)
}

fn look_up(cache: &mut TokenCache, now: u64, rejected: Option<u32>) -> (u32, bool) {
    match cache.next(now, rejected) {
        TokenStep::LookUp { id, refresh } => (id, refresh),
        other => panic!("expected a look-up, got {other:?}"),
    }
}

#[test]
fn the_margin_is_a_tenth_of_the_lifetime_at_most_30_seconds() {
    assert_eq!(margin_ms(100_000), 10_000);
    assert_eq!(margin_ms(3_600_000), 30_000);
    assert_eq!(margin_ms(0), 0);
}

#[test]
fn an_expiring_token_is_reused_until_the_margin_before_it_expires() {
    let mut cache = TokenCache::new();
    let (id, refresh) = look_up(&mut cache, NOW, None);
    assert!(!refresh);
    assert_eq!(cache.settled(id, expiring("tok-1", 100_000), NOW), 1);
    assert_eq!(cache.next(NOW + 89_999, None), TokenStep::Use);
    assert_eq!(cache.token(), Some("tok-1"));
    assert_eq!(cache.generation(), 1);
    let (id, _) = look_up(&mut cache, NOW + 90_000, None);
    assert_eq!(cache.settled(id, expiring("tok-2", 200_000), NOW + 90_000), 2);
    assert_eq!(cache.token(), Some("tok-2"));
}

#[test]
fn a_token_already_expired_is_used_once_and_never_reused() {
    for answer in [
        expiring("tok-0", 0),
        TokenAnswer::Expiring(Secret::new("tok-past"), NOW - 5_000),
    ] {
        let mut cache = TokenCache::new();
        let (id, _) = look_up(&mut cache, NOW, None);
        cache.settled(id, answer, NOW);
        assert!(cache.token().is_some(), "the caller that asked sends it");
        look_up(&mut cache, NOW, None);
    }
}

#[test]
fn a_lasting_token_is_reused_until_the_api_refuses_it() {
    let mut cache = TokenCache::new();
    let (id, _) = look_up(&mut cache, NOW, None);
    let generation = cache.settled(id, TokenAnswer::Lasting(Secret::new("tok")), NOW);
    assert_eq!(cache.next(NOW + 86_400_000 * 365, None), TokenStep::Use);
    let (_, refresh) = look_up(&mut cache, NOW, Some(generation));
    assert!(refresh);
}

#[test]
fn concurrent_requests_share_the_look_up_in_flight() {
    let mut cache = TokenCache::new();
    let (id, _) = look_up(&mut cache, NOW, None);
    for _ in 0..50 {
        assert_eq!(cache.next(NOW, None), TokenStep::Join(id));
    }
    cache.settled(id, expiring("tok", 60_000), NOW);
    assert_eq!(cache.next(NOW, None), TokenStep::Use);
}

#[test]
fn calls_refused_together_share_one_refresh_even_when_the_token_text_is_the_same() {
    let mut cache = TokenCache::new();
    let (id, _) = look_up(&mut cache, NOW, None);
    let sent = cache.settled(id, expiring("same", 3_600_000), NOW);
    // The first refused call refreshes; the other 49 join it, then reuse its answer.
    let (refresh_id, refresh) = look_up(&mut cache, NOW, Some(sent));
    assert!(refresh);
    for _ in 0..49 {
        assert_eq!(cache.next(NOW, Some(sent)), TokenStep::Join(refresh_id));
    }
    let fresh = cache.settled(refresh_id, expiring("same", 3_600_000), NOW);
    assert!(fresh > sent);
    for _ in 0..49 {
        assert_eq!(cache.next(NOW, Some(sent)), TokenStep::Use);
    }
    // A call refused after the refresh, with the refreshed token, refreshes again.
    let (_, refresh) = look_up(&mut cache, NOW, Some(fresh));
    assert!(refresh);
}

#[test]
fn a_failed_or_abandoned_look_up_is_forgotten_and_the_next_request_asks_again() {
    let mut cache = TokenCache::new();
    let (hanging, _) = look_up(&mut cache, NOW, None);
    assert_eq!(cache.next(NOW, None), TokenStep::Join(hanging));
    cache.failed(hanging);
    let (again, _) = look_up(&mut cache, NOW, None);
    assert_ne!(again, hanging);
    cache.settled(again, expiring("tok", 60_000), NOW);
    // The hanging look-up's failure, reported late, forgets nothing newer.
    cache.failed(hanging);
    assert_eq!(cache.next(NOW, None), TokenStep::Use);
}

#[test]
fn a_refresh_while_a_look_up_is_pending_joins_it() {
    let mut cache = TokenCache::new();
    let (first, _) = look_up(&mut cache, NOW, None);
    let sent = cache.settled(first, expiring("old", 3_600_000), NOW);
    // The token expires for this client's clock: a new look-up is in flight
    // when a call that sent the old token is refused.
    let (pending, _) = look_up(&mut cache, NOW + 3_590_000, None);
    assert_eq!(cache.next(NOW + 3_590_000, Some(sent)), TokenStep::Join(pending));
    cache.settled(pending, expiring("new", 3_600_000), NOW + 3_590_000);
    assert_eq!(cache.next(NOW + 3_590_000, Some(sent)), TokenStep::Use);
    assert_eq!(cache.token(), Some("new"));
}

#[test]
fn a_plain_string_is_asked_for_before_every_request() {
    let mut cache = TokenCache::new();
    // Nobody knows yet what the function answers: the first requests share one look-up.
    let (id, _) = look_up(&mut cache, NOW, None);
    assert_eq!(cache.next(NOW, None), TokenStep::Join(id));
    cache.settled(id, TokenAnswer::Plain(Secret::new("tok")), NOW);
    assert_eq!(cache.token(), Some("tok"));
    // The one that joined asks again, for its own string; so does every later request.
    let (a, _) = look_up(&mut cache, NOW, None);
    let (b, _) = look_up(&mut cache, NOW, None);
    assert_ne!(a, b);
}

#[test]
fn a_refused_plain_string_asks_with_refresh() {
    let mut cache = TokenCache::new();
    let (id, _) = look_up(&mut cache, NOW, None);
    let sent = cache.settled(id, TokenAnswer::Plain(Secret::new("tok")), NOW);
    let (_, refresh) = look_up(&mut cache, NOW, Some(sent));
    assert!(refresh);
}

#[test]
fn debug_output_never_shows_a_token() {
    let mut cache = TokenCache::new();
    let (id, _) = look_up(&mut cache, NOW, None);
    cache.settled(id, expiring("tok-SECRET", 60_000), NOW);
    assert!(!format!("{cache:?}").contains("SECRET"));
}
