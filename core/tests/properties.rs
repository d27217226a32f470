//! No input, however broken, makes a decoder panic: arbitrary bytes, arbitrary
//! JSON, and mutations of the reference's samples, for every response type.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::fixture;
use jifeline_tickets_core::request::{self, ClientConfig};
use jifeline_tickets_core::response::{self, ResponseHead};
use jifeline_tickets_core::{InProgressTicket, OutsourcedTicket, Page, Ticket};
use proptest::prelude::*;
use serde_json::Value;

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,20}".prop_map(Value::String),
        Just(Value::String("497f6eca-6276-4993-bfeb-53cbbbba6f08".into())),
        Just(Value::String("2019-08-24T14:15:22Z".into())),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("id".to_owned()),
                    Just("state".to_owned()),
                    Just("result".to_owned()),
                    Just("total".to_owned()),
                    Just("query".to_owned()),
                    Just("ticket_number".to_owned()),
                    "[a-z_]{1,12}",
                ],
                inner,
                0..8
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every decoder the SDK has, on one body, with a few heads.
fn decode_everything(body: &[u8]) {
    let req = request::get_ticket("497f6eca-6276-4993-bfeb-53cbbbba6f08").unwrap();
    let config = ClientConfig::new("https://a.example").unwrap();
    for status in [200u16, 303, 404, 502] {
        for ct in [
            Some("application/json"),
            Some("application/problem+json"),
            Some("text/html"),
            None,
        ] {
            let head = ResponseHead {
                status,
                content_type: ct.map(Into::into),
                location: Some(String::from_utf8_lossy(body).into_owned()),
                ..Default::default()
            };
            let _ = response::decode::<Ticket>(&req, &head, body, 0);
            let _ = response::decode::<InProgressTicket>(&req, &head, body, 0);
            let _ = response::decode::<OutsourcedTicket>(&req, &head, body, 0);
            let _ = response::decode::<Page<Ticket>>(&req, &head, body, 0);
            let _ = response::decode::<Page<InProgressTicket>>(&req, &head, body, 0);
            let _ = response::error_from(&req, &head, body, 0);
            if let Ok(t) = response::decode_transition(&config, &req, &head, body, 0) {
                let _ = request::get_transition_target(&t.path);
            }
        }
    }
}

/// Replaces one value somewhere in `v` (chosen by `pick`) with `with`.
fn mutate(v: &mut Value, pick: &mut usize, with: &Value) {
    if *pick == 0 {
        *v = with.clone();
        return;
    }
    *pick -= 1;
    match v {
        Value::Array(items) => items.iter_mut().for_each(|i| mutate(i, pick, with)),
        Value::Object(map) => map.values_mut().for_each(|i| mutate(i, pick, with)),
        _ => {}
    }
}

fn sample_page() -> Value {
    let t: Value = serde_json::from_slice(&fixture("ticket.json")).unwrap();
    serde_json::json!({"query": {"limit": 25}, "result": [t.clone(), t], "total": 2})
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..512)) {
        decode_everything(&body);
    }

    #[test]
    fn arbitrary_json_never_panics(v in arb_json()) {
        decode_everything(&serde_json::to_vec(&v).unwrap());
    }

    #[test]
    fn mutated_samples_never_panic(pick in 0usize..80, with in arb_json(), cut in any::<prop::sample::Index>()) {
        for mut sample in [
            sample_page(),
            serde_json::from_slice(&fixture("ticket.json")).unwrap(),
            serde_json::from_slice(&fixture("in-progress-ticket.json")).unwrap(),
            serde_json::from_slice(&fixture("outsourced-ticket.json")).unwrap(),
        ] {
            let mut p = pick;
            mutate(&mut sample, &mut p, &with);
            let bytes = serde_json::to_vec(&sample).unwrap();
            decode_everything(&bytes);
            decode_everything(&bytes[..cut.index(bytes.len() + 1)]);
        }
    }

    #[test]
    fn arbitrary_query_json_never_panics(v in arb_json()) {
        if let Ok(q) = serde_json::from_value::<jifeline_tickets_core::TicketQuery>(v.clone()) {
            let _ = request::list_tickets(&q);
        }
        if let Ok(u) = serde_json::from_value::<jifeline_tickets_core::InProgressTicketUpdate>(v.clone()) {
            let _ = request::update_in_progress_ticket("497f6eca-6276-4993-bfeb-53cbbbba6f08", &u);
        }
        if let Ok(t) = jifeline_tickets_core::Transition::read(v, None) {
            let _ = request::transition_in_progress_ticket("497f6eca-6276-4993-bfeb-53cbbbba6f08", &t);
        }
    }

    #[test]
    fn arbitrary_strings_never_panic_validators(s in "\\PC{0,40}", n in any::<i64>()) {
        let _ = jifeline_tickets_core::validate::is_rfc3339(&s);
        let _ = ClientConfig::new(&s).map(|c| c.with_header(&s, &s));
        let _ = jifeline_tickets_core::retry::parse_retry_after(&s, u64::try_from(n).unwrap_or(0));
        let _ = request::get_ticket(&s);
        let _ = request::get_transition_target(&s);
    }
}

/// Both decoders on one body: the Rust model (schema, then serde) and the
/// schema alone (what the JavaScript binding runs) must agree exactly.
fn assert_mirrors_agree(body: &[u8]) {
    use jifeline_tickets_core::Resource;
    let head = ResponseHead {
        status: 200,
        content_type: Some("application/json".into()),
        ..Default::default()
    };
    fn same<A, B>(
        a: Result<A, jifeline_tickets_core::Error>,
        b: Result<B, jifeline_tickets_core::Error>,
        what: &str,
        body: &[u8],
    ) {
        // The model decodes through the schema, then serde: the schema must
        // never accept what serde cannot build, and a refusal is the schema's.
        match (a, b) {
            (Ok(_), Ok(_)) => {}
            (Err(a), Err(b)) => assert_eq!(a, b, "{what}: {}", String::from_utf8_lossy(body)),
            (a, b) => panic!(
                "{what}: model {:?} but schema {:?} on {}",
                a.err().map(|e| e.message),
                b.err().map(|e| e.message),
                String::from_utf8_lossy(body)
            ),
        }
    }
    same(
        response::decode_json::<Page<Ticket>>(&head, body),
        response::validate_json(&head, body, <Page<Ticket>>::SCHEMA),
        "Page<Ticket>",
        body,
    );
    same(
        response::decode_json::<Ticket>(&head, body),
        response::validate_json(&head, body, Ticket::SCHEMA),
        "Ticket",
        body,
    );
    same(
        response::decode_json::<Page<InProgressTicket>>(&head, body),
        response::validate_json(&head, body, <Page<InProgressTicket>>::SCHEMA),
        "Page<InProgressTicket>",
        body,
    );
    same(
        response::decode_json::<InProgressTicket>(&head, body),
        response::validate_json(&head, body, InProgressTicket::SCHEMA),
        "InProgressTicket",
        body,
    );
    same(
        response::decode_json::<OutsourcedTicket>(&head, body),
        response::validate_json(&head, body, OutsourcedTicket::SCHEMA),
        "OutsourcedTicket",
        body,
    );
}

fn samples() -> Vec<Value> {
    let ip: Value = serde_json::from_slice(&fixture("in-progress-ticket.json")).unwrap();
    vec![
        sample_page(),
        serde_json::from_slice(&fixture("ticket.json")).unwrap(),
        ip.clone(),
        serde_json::json!({"query": {}, "result": [ip], "total": 1}),
        serde_json::from_slice(&fixture("outsourced-ticket.json")).unwrap(),
    ]
}

#[test]
fn mirrors_agree_when_any_field_is_missing_or_null() {
    for sample in samples() {
        assert_mirrors_agree(&serde_json::to_vec(&sample).unwrap());
        let target_keys: Vec<String> = match &sample {
            Value::Object(m) if m.contains_key("result") => {
                m["result"][0].as_object().unwrap().keys().cloned().collect()
            }
            Value::Object(m) => m.keys().cloned().collect(),
            _ => unreachable!(),
        };
        for key in target_keys {
            for replacement in [
                None,
                Some(Value::Null),
                Some(Value::from(1.5)),
                Some(Value::from("x")),
                Some(Value::from("r".repeat(256))),
            ] {
                let mut s = sample.clone();
                let obj = if s.get("result").is_some() {
                    s["result"][0].as_object_mut().unwrap()
                } else {
                    s.as_object_mut().unwrap()
                };
                match &replacement {
                    None => drop(obj.remove(&key)),
                    Some(v) => drop(obj.insert(key.clone(), v.clone())),
                }
                assert_mirrors_agree(&serde_json::to_vec(&s).unwrap());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn mirrors_agree_on_mutated_samples(pick in 0usize..80, with in arb_json(), cut in any::<prop::sample::Index>()) {
        for mut sample in samples() {
            let mut p = pick;
            mutate(&mut sample, &mut p, &with);
            let bytes = serde_json::to_vec(&sample).unwrap();
            assert_mirrors_agree(&bytes);
            assert_mirrors_agree(&bytes[..cut.index(bytes.len() + 1)]);
        }
    }

    /// The hand-written check is a JSON reader of its own: whatever serde_json
    /// refuses as JSON (cut anywhere, a byte changed anywhere), it refuses too.
    #[test]
    fn the_check_refuses_every_body_that_is_not_json(pick in 0usize..80, with in arb_json(), cut in any::<prop::sample::Index>(), flip in any::<prop::sample::Index>(), byte in any::<u8>()) {
        use jifeline_tickets_core::Resource;
        let head = ResponseHead { status: 200, content_type: Some("application/json".into()), ..Default::default() };
        for mut sample in samples() {
            let mut p = pick;
            mutate(&mut sample, &mut p, &with);
            let mut bytes = serde_json::to_vec(&sample).unwrap();
            let at = flip.index(bytes.len());
            bytes[at] = byte;
            for body in [&bytes[..cut.index(bytes.len() + 1)], &bytes[..]] {
                if serde_json::from_slice::<serde::de::IgnoredAny>(body).is_err() {
                    for schema in [Ticket::SCHEMA, <Page<Ticket>>::SCHEMA, InProgressTicket::SCHEMA, OutsourcedTicket::SCHEMA] {
                        prop_assert!(
                            response::validate_json(&head, body, schema).is_err(),
                            "accepted {}", String::from_utf8_lossy(body)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn mirrors_agree_on_arbitrary_json(v in arb_json()) {
        assert_mirrors_agree(&serde_json::to_vec(&v).unwrap());
    }
}
