//! A call's state machine: what follows each answer or failure (value,
//! retry, token refresh, a transition's follow-up GET, the error).
#![cfg(not(target_arch = "wasm32"))]

use jifeline_tickets_core::error::ErrorKind;
use jifeline_tickets_core::exchange::{Exchange, Expect, Failure, Step};
use jifeline_tickets_core::method::Method;
use jifeline_tickets_core::request::{self, ClientConfig};
use jifeline_tickets_core::response::ResponseHead;
use jifeline_tickets_core::retry::RetryPolicy;
use jifeline_tickets_core::{Complete, Resource, Ticket, Transition};

const NOW: u64 = 1_445_412_480_000;
const ID: &str = "497f6eca-6276-4993-bfeb-53cbbbba6f08";
const TICKET: &[u8] = include_bytes!("fixtures/ticket.json");

fn config() -> ClientConfig {
    ClientConfig::new("https://api.example").unwrap()
}

fn head(status: u16) -> ResponseHead {
    ResponseHead {
        status,
        content_type: Some("application/json".into()),
        ..ResponseHead::default()
    }
}

fn get_ticket(token_is_refreshable: bool) -> Exchange {
    let request = request::get_ticket(ID).unwrap();
    Exchange::new(
        request,
        Expect::Resource(Ticket::SCHEMA),
        RetryPolicy::default(),
        token_is_refreshable,
    )
}

fn complete() -> Exchange {
    let request = request::transition_in_progress_ticket(ID, &Transition::Complete(Complete {})).unwrap();
    Exchange::new(request, Expect::Transition, RetryPolicy::default(), true)
}

fn see_other(location: &str) -> ResponseHead {
    ResponseHead {
        status: 303,
        location: Some(location.into()),
        ..ResponseHead::default()
    }
}

#[test]
fn a_valid_2xx_body_is_the_value_and_an_invalid_one_a_decode_error() {
    assert_eq!(
        get_ticket(false).answered(&config(), &head(200), TICKET, NOW, 0.5),
        Step::Value
    );
    match get_ticket(false).answered(&config(), &head(200), br#"{"id": 1}"#, NOW, 0.5) {
        Step::Fail(e) => assert_eq!(e.kind, ErrorKind::Decode),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_get_is_retried_on_503_until_the_limit_then_fails_with_the_last_answer() {
    let mut call = get_ticket(false);
    for _ in 0..RetryPolicy::default().limit {
        match call.answered(&config(), &head(503), b"", NOW, 0.5) {
            Step::Retry { delay_ms, error } => {
                assert!(delay_ms > 0);
                assert_eq!(error.status, Some(503));
            }
            other => panic!("{other:?}"),
        }
    }
    match call.answered(&config(), &head(503), b"", NOW, 0.5) {
        Step::Fail(e) => assert_eq!((e.kind, e.status), (ErrorKind::Http, Some(503))),
        other => panic!("{other:?}"),
    }
}

#[test]
fn retry_after_seconds_is_the_delay() {
    let mut answer = head(429);
    answer.retry_after = Some("3".into());
    match get_ticket(false).answered(&config(), &answer, b"", NOW, 0.5) {
        Step::Retry { delay_ms, .. } => assert_eq!(delay_ms, 3000),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_401_is_sent_again_once_with_a_refreshable_token_and_never_with_a_fixed_one() {
    let mut call = get_ticket(true);
    match call.answered(&config(), &head(401), b"", NOW, 0.5) {
        Step::Refresh(e) => assert_eq!(e.status, Some(401)),
        other => panic!("{other:?}"),
    }
    match call.answered(&config(), &head(401), b"", NOW, 0.5) {
        Step::Fail(e) => assert_eq!(e.status, Some(401)),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        get_ticket(false).answered(&config(), &head(401), b"", NOW, 0.5),
        Step::Fail(_)
    ));
}

#[test]
fn timeouts_retry_a_get_but_end_a_transition_saying_it_may_have_happened() {
    assert!(matches!(
        get_ticket(false).failed(Failure::Timeout(100), NOW, 0.5),
        Step::Retry { .. }
    ));
    match complete().failed(Failure::Timeout(100), NOW, 0.5) {
        Step::Fail(e) => {
            assert_eq!(e.kind, ErrorKind::Timeout);
            assert!(!e.retryable);
            assert!(e.message.contains("may have been applied"), "{}", e.message);
        }
        other => panic!("{other:?}"),
    }
    match get_ticket(false).failed(Failure::Aborted, NOW, 0.5) {
        Step::Fail(e) => assert_eq!(e.kind, ErrorKind::Aborted),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_transition_follows_its_303_on_the_api_origin_with_a_get() {
    let mut call = complete();
    let location = format!("https://api.example/v2/tickets/tickets/{ID}");
    assert_eq!(
        call.answered(&config(), &see_other(&location), b"", NOW, 0.5),
        Step::Send
    );
    assert_eq!(call.location(), Some(location.as_str()));
    assert_eq!(call.request().method, Method::Get);
    assert_eq!(call.request().path, format!("/v2/tickets/tickets/{ID}"));
    // The GET is retried like any GET; the body is the resource.
    assert!(matches!(
        call.answered(&config(), &head(503), b"", NOW, 0.5),
        Step::Retry { .. }
    ));
    assert_eq!(
        call.answered(&config(), &head(200), TICKET, NOW, 0.5),
        Step::LocationAndResource
    );
}

#[test]
fn once_a_transition_happened_failing_to_read_its_target_still_ends_with_its_location() {
    let location = format!("/v2/tickets/tickets/{ID}");
    let mut call = complete();
    assert_eq!(
        call.answered(&config(), &see_other(&location), b"", NOW, 0.5),
        Step::Send
    );
    assert_eq!(call.failed(Failure::Aborted, NOW, 0.5), Step::Location);
    let mut call = complete();
    call.answered(&config(), &see_other(&location), b"", NOW, 0.5);
    assert_eq!(call.answered(&config(), &head(404), b"", NOW, 0.5), Step::Location);
    let mut call = complete();
    call.answered(&config(), &see_other(&location), b"", NOW, 0.5);
    assert_eq!(call.answered(&config(), &head(200), b"{}", NOW, 0.5), Step::Location);
}

#[test]
fn a_foreign_location_is_reported_never_fetched() {
    let mut call = complete();
    let step = call.answered(
        &config(),
        &see_other("https://elsewhere.example/v2/tickets/tickets/1"),
        b"",
        NOW,
        0.5,
    );
    assert_eq!(step, Step::Location);
    assert_eq!(call.location(), Some("https://elsewhere.example/v2/tickets/tickets/1"));
    assert_eq!(call.request().method, Method::Patch);
}

#[test]
fn a_followed_redirect_s_body_is_the_resource() {
    let mut call = complete();
    let answer = ResponseHead {
        redirected: true,
        url: Some(format!("https://api.example/v2/tickets/tickets/{ID}")),
        ..head(200)
    };
    assert_eq!(
        call.answered(&config(), &answer, TICKET, NOW, 0.5),
        Step::LocationAndResource
    );
}

#[test]
fn a_transition_refused_with_409_fails_with_the_http_error() {
    match complete().answered(&config(), &head(409), b"", NOW, 0.5) {
        Step::Fail(e) => assert_eq!((e.kind, e.status), (ErrorKind::Http, Some(409))),
        other => panic!("{other:?}"),
    }
}

fn redirected_to(url: &str, status: u16) -> ResponseHead {
    ResponseHead {
        redirected: true,
        url: Some(url.into()),
        ..head(status)
    }
}

#[test]
fn a_read_redirected_to_another_origin_fails_and_its_answer_is_not_used() {
    for (url, origin) in [
        (
            "https://elsewhere.example/v2/tickets/tickets/1",
            "https://elsewhere.example",
        ),
        ("http://api.example/v2/tickets/tickets/1", "http://api.example"),
        ("https://API.example:8443/x?y", "https://api.example:8443"),
        ("https://api.example\\@elsewhere.example/", "an unknown URL"),
    ] {
        for status in [200, 404, 503] {
            match get_ticket(false).answered(&config(), &redirected_to(url, status), TICKET, NOW, 0.5) {
                Step::Fail(e) => {
                    assert_eq!((e.kind, e.retryable), (ErrorKind::Decode, false));
                    assert_eq!(
                        e.message,
                        format!("The server's response did not match the API reference: GET /v2/tickets/tickets/{ID} was redirected to {origin}, another origin than the base URL's, and an answer from there is not used.")
                    );
                }
                other => panic!("{url} {status}: {other:?}"),
            }
        }
    }
    // On the API's own origin (the default port written or not), a redirect's answer is the API's.
    for url in [
        format!("https://api.example/v2/tickets/tickets/{ID}"),
        format!("https://API.example:443/v2/tickets/tickets/{ID}"),
    ] {
        assert_eq!(
            get_ticket(false).answered(&config(), &redirected_to(&url, 200), TICKET, NOW, 0.5),
            Step::Value
        );
    }
}

#[test]
fn a_transition_s_target_read_redirected_to_another_origin_ends_with_the_location_alone() {
    let mut call = complete();
    let location = format!("https://api.example/v2/tickets/tickets/{ID}");
    assert_eq!(
        call.answered(&config(), &see_other(&location), b"", NOW, 0.5),
        Step::Send
    );
    let foreign = redirected_to("https://elsewhere.example/v2/tickets/tickets/1", 200);
    assert_eq!(call.answered(&config(), &foreign, TICKET, NOW, 0.5), Step::Location);
    assert_eq!(call.location(), Some(location.as_str()));
}

#[test]
fn a_location_with_a_backslash_is_foreign_as_a_browser_reads_it() {
    // `/\elsewhere.example/…` is `//elsewhere.example/…` to a browser's URL parser.
    let mut call = complete();
    let location = format!("/\\elsewhere.example/v2/tickets/tickets/{ID}");
    assert_eq!(
        call.answered(&config(), &see_other(&location), b"", NOW, 0.5),
        Step::Location
    );
    assert_eq!(call.request().method, Method::Patch, "never requested");
}

#[test]
fn a_transition_whose_followed_303_ends_on_an_error_is_never_sent_again() {
    // A browser followed the 303; the target answered 401 (its token dropped on
    // another origin, or expired), 429 or 503. The PATCH happened: no refresh,
    // no retry, only the location.
    for url in [
        format!("https://api.example/v2/tickets/tickets/{ID}"),
        "https://elsewhere.example/v2/tickets/tickets/1".to_owned(),
    ] {
        for status in [401, 429, 503] {
            let mut call = complete();
            assert_eq!(
                call.answered(&config(), &redirected_to(&url, status), b"", NOW, 0.5),
                Step::Location,
                "{url} {status}"
            );
            assert_eq!(call.location(), Some(url.as_str()));
            assert_eq!(call.request().method, Method::Patch);
        }
    }
}

#[test]
fn one_origin_in_any_spelling_is_the_api_s_own() {
    // A port with leading zeros is the port a browser's `response.url` writes without them.
    let zeros = ClientConfig::new("https://api.example:0443").unwrap();
    let url = format!("https://api.example/v2/tickets/tickets/{ID}");
    assert_eq!(
        get_ticket(false).answered(&zeros, &redirected_to(&url, 200), TICKET, NOW, 0.5),
        Step::Value
    );
    let odd = ClientConfig::new("https://api.example:08443").unwrap();
    let url = format!("https://api.example:8443/v2/tickets/tickets/{ID}");
    assert_eq!(
        get_ticket(false).answered(&odd, &redirected_to(&url, 200), TICKET, NOW, 0.5),
        Step::Value
    );
    // A Location's scheme and host in capitals (Node hands it over as the server wrote it).
    let mut call = complete();
    let location = format!("HTTPS://API.EXAMPLE/v2/tickets/tickets/{ID}");
    assert_eq!(
        call.answered(&config(), &see_other(&location), b"", NOW, 0.5),
        Step::Send
    );
    assert_eq!(call.request().path, format!("/v2/tickets/tickets/{ID}"));
}

#[test]
fn credentials_are_taken_out_of_a_problem_before_its_long_detail_is_cut() {
    let key = "key-0123456789abcdefghijklmnopqrstuvwxyz";
    let token = "tok-0123456789abcdefghijklmnopqrstuvwxyz-and-key-0123456789abcdefghijklmnopqrstuvwxyz";
    let config = ClientConfig::new("https://api.example")
        .unwrap()
        .with_api_key(key)
        .unwrap();
    // The key straddles the 300-character cut; the token holds the key.
    let detail = format!("{}{key} {token}", "a".repeat(280));
    let body = format!(r#"{{"type":"about:blank","title":"Forbidden","status":403,"detail":"{detail}"}}"#);
    let head = ResponseHead {
        content_type: Some("application/problem+json".into()),
        ..head(403)
    };
    for mut call in [get_ticket(true), complete()] {
        call.sent_with(Some(token));
        let e = match call.answered(&config, &head, body.as_bytes(), NOW, 0.5) {
            Step::Fail(e) => e,
            other => panic!("{other:?}"),
        };
        assert!(!e.message.contains("key-0123"), "{}", e.message);
        assert!(
            e.message.contains(&format!("{}[redacted] [redacted…", "a".repeat(280))),
            "{}",
            e.message
        );
        assert_eq!(
            e.problem.unwrap().detail.unwrap(),
            format!("{}[redacted] [redacted]", "a".repeat(280))
        );
    }
}

#[test]
fn an_abort_while_a_transition_is_out_says_it_may_have_been_applied_and_before_it_left_does_not() {
    let mut call = complete();
    match call.failed(Failure::Aborted, NOW, 0.5) {
        Step::Fail(e) => assert_eq!(
            e.message,
            format!("PATCH /v2/tickets/in-progress-tickets/{ID} was aborted.")
        ),
        other => panic!("{other:?}"),
    }
    let mut call = complete();
    call.sent_with(Some("token"));
    match call.failed(Failure::Aborted, NOW, 0.5) {
        Step::Fail(e) => {
            assert_eq!((e.kind, e.retryable), (ErrorKind::Aborted, false));
            assert_eq!(
                e.message,
                format!("PATCH /v2/tickets/in-progress-tickets/{ID} was aborted. The transition may have been applied: read the ticket before sending it again.")
            );
        }
        other => panic!("{other:?}"),
    }
    // A read aborted in flight changed nothing: no such words.
    let mut call = get_ticket(false);
    call.sent_with(None);
    match call.failed(Failure::Aborted, NOW, 0.5) {
        Step::Fail(e) => assert_eq!(e.message, format!("GET /v2/tickets/tickets/{ID} was aborted.")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_transition_answered_with_a_success_it_cannot_read_says_it_may_have_been_applied() {
    for head in [head(200), head(204), see_other("javascript:alert(1)")] {
        match complete().answered(&config(), &head, b"", NOW, 0.5) {
            Step::Fail(e) => {
                assert_eq!((e.kind, e.retryable), (ErrorKind::Decode, false), "{head:?}");
                assert!(
                    e.message
                        .ends_with("The transition may have been applied: read the ticket before sending it again."),
                    "{}",
                    e.message
                );
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_relative_or_scheme_relative_location_is_resolved_against_the_request_as_a_browser_does() {
    let mut call = complete();
    assert_eq!(
        call.answered(
            &config(),
            &see_other("//evil.example/v2/tickets/tickets/1"),
            b"",
            NOW,
            0.5
        ),
        Step::Location
    );
    assert_eq!(call.location(), Some("https://evil.example/v2/tickets/tickets/1"));
    // `../../tickets/ID` beside /v2/tickets/in-progress-tickets/ID is the ticket: followed on the API's origin.
    let mut call = complete();
    assert_eq!(
        call.answered(&config(), &see_other(&format!("../tickets/{ID}")), b"", NOW, 0.5),
        Step::Send
    );
    assert_eq!(
        call.location(),
        Some(format!("https://api.example/v2/tickets/tickets/{ID}").as_str())
    );
    assert_eq!(call.request().path, format!("/v2/tickets/tickets/{ID}"));
    let mut call = complete();
    assert_eq!(
        call.answered(&config(), &see_other("?a=1"), b"", NOW, 0.5),
        Step::Location
    );
    assert_eq!(
        call.location(),
        Some(format!("https://api.example/v2/tickets/in-progress-tickets/{ID}?a=1").as_str())
    );
}

#[test]
fn fields_the_server_left_out_are_named_for_the_caller_to_set_to_null() {
    // The reference's sample has every field: nothing to fill in.
    let mut call = get_ticket(false);
    assert_eq!(call.answered(&config(), &head(200), TICKET, NOW, 0.5), Step::Value);
    assert_eq!(call.absent_fields(), None);
    // "Only present for tickets in the cancelled state": left out.
    let text = std::str::from_utf8(TICKET).unwrap();
    let without = text
        .replace("\"cancel_reason_id\": 0,", "")
        .replace("\"finished_at\": \"2019-08-24T14:15:22Z\",", "");
    assert_ne!(without, text);
    let mut call = get_ticket(false);
    assert_eq!(
        call.answered(&config(), &head(200), without.as_bytes(), NOW, 0.5),
        Step::Value
    );
    let optional = "assigned_at,cancel_reason_id,connection_id,customer_channel_id,customer_connector_id,customer_id,finished_at,operator_channel_id,operator_id,vin,voucher_code";
    assert_eq!(call.absent_fields(), Some(format!(":{optional}")));
    // In a page, the items' fields.
    let page = format!(
        r#"{{"query":{{}},"result":[{TICKET},{without}],"total":2}}"#,
        TICKET = text
    );
    let mut call = Exchange::new(
        request::list_tickets(&Default::default()).unwrap(),
        Expect::Resource(<jifeline_tickets_core::Page<Ticket>>::SCHEMA),
        RetryPolicy::default(),
        false,
    );
    assert_eq!(
        call.answered(&config(), &head(200), page.as_bytes(), NOW, 0.5),
        Step::Value
    );
    assert_eq!(call.absent_fields(), Some(format!("result:{optional}")));
    // The exact reader's verdict (an escape sends the body there): filled in, to be safe.
    let escaped = text.replace("\"A-123-B\"", "\"A-123\\u002dB\"");
    let mut call = get_ticket(false);
    assert_eq!(
        call.answered(&config(), &head(200), escaped.as_bytes(), NOW, 0.5),
        Step::Value
    );
    assert_eq!(call.absent_fields(), Some(format!(":{optional}")));
}

#[test]
fn a_transition_answered_with_a_redirect_other_than_303_is_no_success_and_is_never_sent_again() {
    for (status, ending) in [
        (307, "a 307 or 308 says the server did not apply it; the SDK does not send the PATCH elsewhere."),
        (308, "a 307 or 308 says the server did not apply it; the SDK does not send the PATCH elsewhere."),
        (301, "the SDK does not follow another redirect. The transition may have been applied: read the ticket before sending it again."),
        (302, "the SDK does not follow another redirect. The transition may have been applied: read the ticket before sending it again."),
    ] {
        let mut call = complete();
        call.sent_with(Some("token"));
        let head = ResponseHead {
            status,
            location: Some(format!("/v2/tickets/tickets/{ID}")),
            ..ResponseHead::default()
        };
        match call.answered(&config(), &head, b"", NOW, 0.5) {
            Step::Fail(e) => {
                assert_eq!((e.kind, e.status, e.retryable), (ErrorKind::Http, Some(status), false));
                assert_eq!(
                    e.message,
                    format!("PATCH /v2/tickets/in-progress-tickets/{ID} failed with status {status}: a transition is answered with 303 See Other, and {ending}")
                        .replace("303 See Other, and the SDK", "303 See Other; the SDK")
                );
                assert_eq!(call.location(), None);
            }
            other => panic!("{status}: {other:?}"),
        }
    }
}

#[test]
fn an_abort_heard_before_fetch_was_called_says_nothing_was_applied() {
    let mut call = complete();
    call.sent_with(Some("token"));
    call.withdrawn();
    match call.failed(Failure::Aborted, NOW, 0.5) {
        Step::Fail(e) => assert_eq!(
            e.message,
            format!("PATCH /v2/tickets/in-progress-tickets/{ID} was aborted.")
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_401_on_a_transition_is_sent_again_once_with_a_fresh_token_then_followed() {
    // The server refused before acting: the PATCH is re-sent once, as it is.
    let mut call = complete();
    call.sent_with(Some("expired-token"));
    match call.answered(&config(), &head(401), b"", NOW, 0.5) {
        Step::Refresh(e) => {
            assert_eq!((e.kind, e.status, e.retryable), (ErrorKind::Http, Some(401), false));
            assert_eq!(
                e.message,
                format!("PATCH /v2/tickets/in-progress-tickets/{ID} failed with status 401 (Unauthorized).")
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(call.request().method, Method::Patch);
    assert_eq!(call.request().path, format!("/v2/tickets/in-progress-tickets/{ID}"));
    // With the fresh token, the 303 is followed as after any transition.
    call.sent_with(Some("fresh-token"));
    let location = format!("https://api.example/v2/tickets/tickets/{ID}");
    assert_eq!(
        call.answered(&config(), &see_other(&location), b"", NOW, 0.5),
        Step::Send
    );
    assert_eq!(call.location(), Some(location.as_str()));
    assert_eq!(call.request().method, Method::Get);
}

#[test]
fn a_second_401_on_a_transition_ends_the_call_and_a_fixed_token_is_never_refreshed() {
    let mut call = complete();
    assert!(matches!(
        call.answered(&config(), &head(401), b"", NOW, 0.5),
        Step::Refresh(_)
    ));
    match call.answered(&config(), &head(401), b"", NOW, 0.5) {
        Step::Fail(e) => assert_eq!((e.kind, e.status, e.retryable), (ErrorKind::Http, Some(401), false)),
        other => panic!("{other:?}"),
    }
    let request = request::transition_in_progress_ticket(ID, &Transition::Complete(Complete {})).unwrap();
    let mut fixed = Exchange::new(request, Expect::Transition, RetryPolicy::default(), false);
    match fixed.answered(&config(), &head(401), b"", NOW, 0.5) {
        Step::Fail(e) => assert_eq!(e.status, Some(401)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_token_refresh_does_not_use_up_a_retry() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.limit, 2);
    let mut call = get_ticket(true);
    assert!(matches!(
        call.answered(&config(), &head(401), b"", NOW, 0.5),
        Step::Refresh(_)
    ));
    // Every retry the policy allows is still there, with the first backoff steps:
    // 300 ms then 600 ms, each halved and jittered at 0.5 (225 = 150 + 75, 450 = 300 + 150).
    let mut delays = Vec::new();
    for _ in 0..policy.limit {
        match call.answered(&config(), &head(503), b"", NOW, 0.5) {
            Step::Retry { delay_ms, error } => {
                assert_eq!(error.status, Some(503));
                delays.push(delay_ms);
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(delays, [225, 450]);
    assert_eq!(delays, [policy.backoff_ms(1, 0.5), policy.backoff_ms(2, 0.5)]);
    match call.answered(&config(), &head(503), b"", NOW, 0.5) {
        Step::Fail(e) => assert_eq!((e.kind, e.status), (ErrorKind::Http, Some(503))),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_refresh_after_a_retry_leaves_the_retries_that_were_left() {
    let mut call = get_ticket(true);
    assert!(matches!(
        call.answered(&config(), &head(503), b"", NOW, 0.5),
        Step::Retry { delay_ms: 225, .. }
    ));
    assert!(matches!(
        call.answered(&config(), &head(401), b"", NOW, 0.5),
        Step::Refresh(_)
    ));
    assert!(matches!(
        call.answered(&config(), &head(503), b"", NOW, 0.5),
        Step::Retry { delay_ms: 450, .. }
    ));
    assert!(matches!(
        call.answered(&config(), &head(503), b"", NOW, 0.5),
        Step::Fail(_)
    ));
}
