//! Fuzzing of every response decoder and every input validator with proptest.
//!
//! `cargo test --release --test fuzz` runs a short pass (FUZZ_CASES, default 50,000 per target, about a second
//! in release) as part of the test command; the long run is
//! `FUZZ_CASES=1000000 cargo test --release --test fuzz` (see the README's
//! testing section for its last result). Inputs are arbitrary bytes, arbitrary
//! JSON, and mutations (replaced values, truncations, byte flips) of the
//! reference's sample bodies. The property is: no panic, ever.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::fixture;
use jifeline_tickets_core::request::{self, ClientConfig};
use jifeline_tickets_core::response::{self, ResponseHead};
use jifeline_tickets_core::Resource;
use jifeline_tickets_core::{input, retry, InProgressTicket, OutsourcedTicket, Page, Ticket};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000)
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    })
}

fn seeds() -> Vec<Vec<u8>> {
    let ticket: Value = serde_json::from_slice(&fixture("ticket.json")).unwrap();
    let ip: Value = serde_json::from_slice(&fixture("in-progress-ticket.json")).unwrap();
    vec![
        serde_json::to_vec(
            &serde_json::json!({"query": {"limit": 25}, "result": [ticket.clone(), ticket], "total": 2}),
        )
        .unwrap(),
        serde_json::to_vec(&serde_json::json!({"query": {}, "result": [ip], "total": 1})).unwrap(),
        fixture("ticket.json"),
        fixture("in-progress-ticket.json"),
        fixture("outsourced-ticket.json"),
        fixture("problem-400.json"),
    ]
}

fn decode_all(body: &[u8], status: u16, content_type: Option<&str>, location: Option<String>) {
    let req = request::get_ticket("497f6eca-6276-4993-bfeb-53cbbbba6f08").unwrap();
    let head = ResponseHead {
        status,
        content_type: content_type.map(Into::into),
        location,
        ..Default::default()
    };
    let _ = response::decode::<Page<Ticket>>(&req, &head, body, 0);
    let _ = response::decode::<Page<InProgressTicket>>(&req, &head, body, 0);
    let _ = response::decode::<Ticket>(&req, &head, body, 0);
    let _ = response::decode::<InProgressTicket>(&req, &head, body, 0);
    let _ = response::decode::<OutsourcedTicket>(&req, &head, body, 0);
    let _ = response::error_from(&req, &head, body, 0);
    let _ = response::validate_json(&head, body, <Page<Ticket>>::SCHEMA);
    let _ = response::validate_json(&head, body, <Page<InProgressTicket>>::SCHEMA);
    let _ = response::validate_json(&head, body, Ticket::SCHEMA);
    let _ = response::validate_json(&head, body, OutsourcedTicket::SCHEMA);
    let config = ClientConfig::new("https://a.example").unwrap();
    if let Ok(t) = response::decode_transition(&config, &req, &head, body, 0) {
        let _ = request::get_transition_target(&t.path);
    }
}

/// A mutation of a seed: flip, insert or delete bytes, or cut it short.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let seeds = seeds();
    (
        0..seeds.len(),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 1..8),
    )
        .prop_map(move |(i, edits)| {
            let mut b = seeds[i].clone();
            for (at, byte, op) in edits {
                let n = b.len();
                match op {
                    0 if n > 0 => b[at.index(n)] = byte,
                    1 => b.insert(at.index(n + 1), byte),
                    2 if n > 0 => drop(b.remove(at.index(n))),
                    _ => b.truncate(at.index(n + 1)),
                }
            }
            b
        })
}

fn statuses() -> impl Strategy<Value = (u16, Option<&'static str>)> {
    (
        prop::sample::select(vec![200u16, 201, 204, 303, 400, 404, 429, 500, 502, 0, 999]),
        prop::sample::select(vec![
            Some("application/json"),
            Some("application/problem+json"),
            Some("text/html"),
            None,
        ]),
    )
}

#[test]
fn decoders_never_panic_on_mutated_samples() {
    runner()
        .run(&(mutated(), statuses()), |(body, (status, ct))| {
            decode_all(&body, status, ct, Some(String::from_utf8_lossy(&body).into_owned()));
            Ok(())
        })
        .unwrap();
}

#[test]
fn decoders_never_panic_on_arbitrary_bytes() {
    runner()
        .run(
            &(prop::collection::vec(any::<u8>(), 0..256), statuses()),
            |(body, (status, ct))| {
                decode_all(&body, status, ct, None);
                Ok(())
            },
        )
        .unwrap();
}

#[test]
fn validators_never_panic_on_arbitrary_input() {
    let json_text = prop::collection::vec(any::<u8>(), 0..128).prop_map(|b| String::from_utf8_lossy(&b).into_owned());
    let mutated_query = prop::sample::select(vec![
        r#"{"state":["pending","in_progress"],"limit":100,"offset":200,"sort_by":{"created_at":"desc"},"vin":""}"#,
        r#"{"type":"outsource","product_ids":["ca45affe-f503-4778-ab9e-3dd26cdd2d66"],"provider_id":"89679b1d-5eea-4ceb-8c38-aea88452dbc0"}"#,
        r#"{"operator_id":"fa9de6bb-1df8-4ba6-9e6d-1172fbf7e166","vin":"JH4KA7630PC007649","voucher_code":"WQ4MM3"}"#,
    ])
    .prop_flat_map(|s| (Just(s.to_owned()), any::<prop::sample::Index>(), "\\PC{0,6}"))
    .prop_map(|(s, at, insert)| {
        let mut chars: Vec<char> = s.chars().collect();
        let i = at.index(chars.len() + 1);
        chars.splice(i..i, insert.chars());
        chars.into_iter().collect::<String>()
    });
    runner()
        .run(
            &(prop_oneof![json_text, mutated_query], "\\PC{0,40}", any::<u64>()),
            |(json, text, n)| {
                if let Ok(q) = input::from_json::<jifeline_tickets_core::TicketQuery>(&json, "query", false) {
                    let _ = request::list_tickets(&q);
                }
                if let Ok(q) = input::from_json::<jifeline_tickets_core::InProgressTicketQuery>(&json, "query", false) {
                    let _ = request::list_in_progress_tickets(&q);
                }
                if let Ok(u) = input::from_json::<jifeline_tickets_core::InProgressTicketUpdate>(&json, "update", false)
                {
                    let _ = request::update_in_progress_ticket(&text, &u);
                }
                if let Ok(t) = jifeline_tickets_core::Transition::from_json(&json) {
                    let _ = request::transition_in_progress_ticket(&text, &t);
                }
                let _ = request::get_ticket(&text);
                let _ = ClientConfig::new(&text)
                    .and_then(|c| c.with_header(&text, &json))
                    .and_then(|c| c.with_api_key(&text));
                let _ = retry::parse_retry_after(&text, n);
                let _ = retry::RetryPolicy::default().backoff_ms((n % 64) as u32, (n as f64) / (u64::MAX as f64));
                Ok(())
            },
        )
        .unwrap();
}
