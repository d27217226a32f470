//! Response decoding: the reference's samples, error bodies, unknown values, transitions.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use jifeline_tickets_core::request::{self, ClientConfig};
use jifeline_tickets_core::response::{self, ResponseHead, TargetKind};
use jifeline_tickets_core::{
    ErrorKind, InProgressTicket, OutsourcedTicket, Page, Problem, Resource, Ticket, TicketState,
};

fn json_head(status: u16) -> ResponseHead {
    ResponseHead {
        status,
        content_type: Some("application/json".into()),
        ..Default::default()
    }
}

fn get_ticket() -> jifeline_tickets_core::ApiRequest {
    request::get_ticket(TICKET_ID).unwrap()
}

#[test]
fn decodes_the_reference_ticket_sample() {
    let t: Ticket = response::decode(&get_ticket(), &json_head(200), &fixture("ticket.json"), 0).unwrap();
    assert_eq!(t.id, TICKET_ID);
    assert_eq!(t.state, TicketState::Cancelled);
    assert_eq!(t.ticket_number, 7440303);
    assert_eq!(t.cancel_reason_id, Some(0));
    assert_eq!(t.vin.as_deref(), Some("JH4KA7630PC007649"));
    assert_eq!(t.voucher_code.as_deref(), Some("WQ4MM3"));
    assert_eq!(t.customer_reference, "A-123-B");
    assert!(t.externally_processed && t.outsourced);
    // Every field survives a round trip: nothing was dropped.
    let original: serde_json::Value = serde_json::from_slice(&fixture("ticket.json")).unwrap();
    let written = serde_json::to_value(&t).unwrap();
    for (key, value) in original.as_object().unwrap() {
        assert_eq!(&written[key], value, "{key}");
    }
    assert_eq!(original.as_object().unwrap().len(), 23);
}

#[test]
fn decodes_the_reference_in_progress_ticket_sample() {
    let t: InProgressTicket =
        response::decode(&get_ticket(), &json_head(200), &fixture("in-progress-ticket.json"), 0).unwrap();
    assert_eq!(t.operator_id, OPERATOR_ID);
    assert_eq!(t.service_started_at, "2019-08-24T14:15:22Z");
    let original: serde_json::Value = serde_json::from_slice(&fixture("in-progress-ticket.json")).unwrap();
    assert_eq!(serde_json::to_value(&t).unwrap(), original);
    assert_eq!(original.as_object().unwrap().len(), 11);
}

#[test]
fn decodes_an_outsourced_ticket() {
    let t: OutsourcedTicket = response::decode_json(&json_head(200), &fixture("outsourced-ticket.json")).unwrap();
    assert!(t.reclaimable);
    assert_eq!(t.outsource_provider_id, PROVIDER_ID);
}

fn page_with(ticket_patch: impl Fn(&mut serde_json::Value)) -> Vec<u8> {
    let mut ticket: serde_json::Value = serde_json::from_slice(&fixture("ticket.json")).unwrap();
    let good = ticket.clone();
    ticket_patch(&mut ticket);
    serde_json::to_vec(&serde_json::json!({
        "query": {"limit": 25, "offset": 0, "sort_by": {"created_at": "asc"}},
        "result": [good.clone(), good.clone(), good, ticket],
        "total": 3255
    }))
    .unwrap()
}

#[test]
fn decodes_a_page_with_its_query_echo() {
    let page: Page<Ticket> = response::decode_json(&json_head(200), &page_with(|_| {})).unwrap();
    assert_eq!((page.result.len(), page.total), (4, 3255));
    assert_eq!(page.query["sort_by"]["created_at"], "asc");
}

#[test]
fn a_mismatch_names_its_json_path() {
    type Patch = fn(&mut serde_json::Value);
    let cases: [(&str, Patch, &str); 7] = [
        (
            "result[3].operator_reference",
            |t| t["operator_reference"] = "é".repeat(256).into(),
            "expected a string of at most 255 characters, got 256 characters",
        ),
        (
            "result[3].ticket_number",
            |t| t["ticket_number"] = "7440303".into(),
            "expected an integer, got the string \"7440303\"",
        ),
        (
            "result[3].id",
            |t| t["id"] = "not-a-uuid".into(),
            "expected a UUID string, got the string \"not-a-uuid\"",
        ),
        (
            "result[3].created_at",
            |t| t["created_at"] = "yesterday".into(),
            "expected an RFC 3339 date-time string, got the string \"yesterday\"",
        ),
        (
            "result[3].ticket_number",
            |t| t["ticket_number"] = 9007199254740993u64.into(),
            "got 9007199254740993, beyond Number.MAX_SAFE_INTEGER",
        ),
        (
            "result[3].state",
            |t| {
                t.as_object_mut().unwrap().remove("state");
            },
            "expected a string, but the field is missing",
        ),
        (
            "result[3].outsourced",
            |t| t["outsourced"] = serde_json::Value::Null,
            "expected true or false, got null",
        ),
    ];
    for (path, patch, reason) in cases {
        let e = response::decode_json::<Page<Ticket>>(&json_head(200), &page_with(patch)).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Decode);
        assert_eq!(e.field.as_deref(), Some(path));
        assert!(e.message.contains(reason), "{}", e.message);
        assert!(e.message.contains(&format!("at `{path}`")), "{}", e.message);
    }
}

#[test]
fn unknown_state_and_unknown_fields_still_decode() {
    let body = page_with(|t| {
        t["state"] = "on_hold".into();
        t["a_field_added_later"] = serde_json::json!({"nested": [1, 2]});
    });
    let page: Page<Ticket> = response::decode_json(&json_head(200), &body).unwrap();
    assert_eq!(page.result[3].state, TicketState::Other("on_hold".into()));
}

#[test]
fn nullable_fields_accept_null_and_absence() {
    let body = page_with(|t| {
        t["vin"] = serde_json::Value::Null;
        t["cancel_reason_id"] = serde_json::Value::Null;
        t.as_object_mut().unwrap().remove("finished_at");
    });
    let page: Page<Ticket> = response::decode_json(&json_head(200), &body).unwrap();
    assert_eq!(
        (page.result[3].vin.as_deref(), page.result[3].finished_at.as_deref()),
        (None, None)
    );
}

#[test]
fn problem_json_becomes_an_http_error_carrying_the_problem() {
    let head = ResponseHead {
        status: 400,
        content_type: Some("application/problem+json".into()),
        ..Default::default()
    };
    let e = response::decode::<Ticket>(&get_ticket(), &head, &fixture("problem-400.json"), 0).unwrap_err();
    assert_eq!((e.kind, e.status, e.retryable), (ErrorKind::Http, Some(400), false));
    assert_eq!(
        e.problem,
        Some(Box::new(Problem {
            type_: "about:blank".into(),
            title: Some("Some title for the error situation".into()),
            status: Some(400),
            detail: Some("Some description for the error situation".into()),
        }))
    );
    assert_eq!(
        e.message,
        "GET /v2/tickets/tickets/497f6eca-6276-4993-bfeb-53cbbbba6f08 failed with status 400 (Bad Request): Some title for the error situation: Some description for the error situation."
    );
}

#[test]
fn an_html_error_page_is_an_http_error_without_a_problem() {
    let head = ResponseHead {
        status: 502,
        content_type: Some("text/html".into()),
        ..Default::default()
    };
    let e = response::decode::<Ticket>(&get_ticket(), &head, b"<html><body>Bad gateway</body></html>", 0).unwrap_err();
    assert_eq!(
        (e.kind, e.status, e.problem.clone(), e.retryable),
        (ErrorKind::Http, Some(502), None, true)
    );
    assert_eq!(
        e.message,
        "GET /v2/tickets/tickets/497f6eca-6276-4993-bfeb-53cbbbba6f08 failed with status 502 (Bad Gateway)."
    );
    // A JSON content type with a broken body is not a crash either.
    let head = ResponseHead {
        status: 500,
        content_type: Some("application/problem+json".into()),
        ..Default::default()
    };
    let e = response::decode::<Ticket>(&get_ticket(), &head, b"{\"title\":", 0).unwrap_err();
    assert_eq!((e.status, e.problem), (Some(500), None));
}

#[test]
fn retry_after_is_read_on_error_answers() {
    let head = ResponseHead {
        status: 429,
        retry_after: Some("7".into()),
        ..Default::default()
    };
    let e = response::decode::<Ticket>(&get_ticket(), &head, b"", 0).unwrap_err();
    assert_eq!((e.retryable, e.retry_after_ms), (true, Some(7000)));
}

#[test]
fn bodies_that_are_not_the_reference_are_decode_errors() {
    let cases: [(ResponseHead, &[u8], &str); 6] = [
        (json_head(200), b"", "the body is empty"),
        (json_head(200), b"{\"id\": \"497f6eca", "the body ends too early"),
        (json_head(200), b"<html>", "the body is not valid JSON"),
        (
            ResponseHead {
                status: 200,
                content_type: Some("text/plain".into()),
                ..Default::default()
            },
            b"{}",
            "expected a JSON body, got content type \"text/plain\"",
        ),
        (json_head(200), b"[]", "expected an object, got an array"),
        (
            json_head(200),
            b"{\"external_reference\": \"a\", \"external_reference\": \"b\"}",
            "at `external_reference`: the field appears twice",
        ),
    ];
    for (head, body, reason) in cases {
        let e = response::decode::<Ticket>(&get_ticket(), &head, body, 0).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Decode);
        assert!(e.message.contains(reason), "{}", e.message);
    }
    let mut trailing = fixture("ticket.json");
    trailing.extend_from_slice(b" {}");
    assert_eq!(
        response::decode_json::<Ticket>(&json_head(200), &trailing)
            .unwrap_err()
            .kind,
        ErrorKind::Decode
    );
}

#[test]
fn a_303_gives_the_location_and_its_resource_kind() {
    let config = ClientConfig::new("https://partner-api-001.prd.jifeline.cloud").unwrap();
    let req = request::transition_in_progress_ticket(
        TICKET_ID,
        &jifeline_tickets_core::Transition::Complete(jifeline_tickets_core::Complete {}),
    )
    .unwrap();
    let head = ResponseHead {
        status: 303,
        location: Some("/v2/tickets/outsourced-tickets/f2c4cf2d-c633-466b-b161-c01ab5bf66f0".into()),
        ..Default::default()
    };
    let t = response::decode_transition(&config, &req, &head, b"", 0).unwrap();
    // An absolute path becomes the absolute URL a browser reports, in every environment.
    assert_eq!(
        t.location,
        "https://partner-api-001.prd.jifeline.cloud/v2/tickets/outsourced-tickets/f2c4cf2d-c633-466b-b161-c01ab5bf66f0"
    );
    assert_eq!((t.kind, t.same_origin), (TargetKind::OutsourcedTicket, true));
    assert_eq!(request::get_transition_target(&t.path).unwrap().path, t.path);

    // Followed by the transport: the final URL is the location.
    let head = ResponseHead {
        status: 200,
        redirected: true,
        url: Some(format!(
            "https://partner-api-001.prd.jifeline.cloud/v2/tickets/tickets/{TICKET_ID}"
        )),
        content_type: Some("application/json".into()),
        ..Default::default()
    };
    let t = response::decode_transition(&config, &req, &head, b"{}", 0).unwrap();
    assert_eq!(
        (t.kind, t.same_origin, t.path.as_str()),
        (
            TargetKind::Ticket,
            true,
            "/v2/tickets/tickets/497f6eca-6276-4993-bfeb-53cbbbba6f08"
        )
    );

    // A followed redirect means the transition happened, even if the final URL refuses us.
    let head = ResponseHead {
        status: 401,
        redirected: true,
        url: Some("https://elsewhere.example/v2/tickets/tickets/x".into()),
        ..Default::default()
    };
    let t = response::decode_transition(&config, &req, &head, b"", 0).unwrap();
    assert_eq!(
        (t.location.as_str(), t.same_origin),
        ("https://elsewhere.example/v2/tickets/tickets/x", false)
    );

    // Another origin is reported, never trusted.
    let head = ResponseHead {
        status: 303,
        location: Some("https://evil.example/v2/tickets/tickets/x".into()),
        ..Default::default()
    };
    assert!(
        !response::decode_transition(&config, &req, &head, b"", 0)
            .unwrap()
            .same_origin
    );
    let head = ResponseHead {
        status: 303,
        location: Some("//evil.example/v2/tickets/tickets/x".into()),
        ..Default::default()
    };
    assert!(
        !response::decode_transition(&config, &req, &head, b"", 0)
            .unwrap()
            .same_origin
    );

    // 303 without Location, a plain 200, an opaque redirect and a 400 are errors.
    for (head, kind) in [
        (
            ResponseHead {
                status: 303,
                ..Default::default()
            },
            ErrorKind::Decode,
        ),
        (json_head(200), ErrorKind::Decode),
        (
            ResponseHead {
                status: 0,
                ..Default::default()
            },
            ErrorKind::Decode,
        ),
        (
            ResponseHead {
                status: 400,
                content_type: Some("application/problem+json".into()),
                ..Default::default()
            },
            ErrorKind::Http,
        ),
    ] {
        assert_eq!(
            response::decode_transition(&config, &req, &head, &fixture("problem-400.json"), 0)
                .unwrap_err()
                .kind,
            kind
        );
    }
    for bad in [
        "/v2/tickets/../admin",
        "/other",
        "/v2/tickets/tickets/x?y",
        "/v2/tickets//x",
    ] {
        assert!(request::get_transition_target(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_byte_order_mark_is_skipped_as_res_json_skips_it() {
    let mut body = b"\xEF\xBB\xBF".to_vec();
    body.extend_from_slice(&fixture("ticket.json"));
    let t: Ticket = response::decode_json(&json_head(200), &body).unwrap();
    assert_eq!(t.ticket_number, 7440303);
    assert!(response::validate_json(
        &json_head(200),
        &body,
        <Ticket as jifeline_tickets_core::Resource>::SCHEMA
    )
    .is_ok());
}

#[test]
fn a_result_item_that_is_an_array_says_so_in_javascript_terms() {
    let body = page_with(|t| *t = serde_json::json!([1, 2]));
    let e = response::decode_json::<Page<Ticket>>(&json_head(200), &body).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("result[3]"));
    assert_eq!(
        e.message,
        "The server's response did not match the API reference at `result[3]`: expected an object, got an array."
    );
}

#[test]
fn valid_json_nested_too_deeply_in_an_unknown_field_says_so_instead_of_calling_it_invalid() {
    let ticket = String::from_utf8(fixture("ticket.json")).unwrap();
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let body = ticket.replacen('{', &format!("{{\"extra\": {deep},"), 1);
    assert!(
        serde_json::from_str::<serde_json::Value>(&body).is_err(),
        "serde_json stops at 128 too"
    );
    let e = response::validate_json(&json_head(200), body.as_bytes(), Ticket::SCHEMA).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Decode);
    assert_eq!(
        e.message,
        "The server's response did not match the API reference: the body nests arrays and objects more than 128 deep (at line 1, column 138), which no answer of the API does."
    );
}
