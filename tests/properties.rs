//! No input, however broken, makes a decoder panic: arbitrary bytes, arbitrary
//! JSON, and mutations of the reference's samples, for every response type.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::fixture;
use jifeline_tickets::request::{self, ClientConfig};
use jifeline_tickets::response::{self, ResponseHead};
use jifeline_tickets::{InProgressTicket, OutsourcedTicket, Page, Problem, Ticket};
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
            let _ = response::decode::<Problem>(&req, &head, body, 0);
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
        if let Ok(q) = serde_json::from_value::<jifeline_tickets::TicketQuery>(v.clone()) {
            let _ = request::list_tickets(&q);
        }
        if let Ok(u) = serde_json::from_value::<jifeline_tickets::InProgressTicketUpdate>(v.clone()) {
            let _ = request::update_in_progress_ticket("497f6eca-6276-4993-bfeb-53cbbbba6f08", &u);
        }
        if let Ok(t) = serde_json::from_value::<jifeline_tickets::Transition>(v) {
            let _ = request::transition_in_progress_ticket("497f6eca-6276-4993-bfeb-53cbbbba6f08", &t);
        }
    }

    #[test]
    fn arbitrary_strings_never_panic_validators(s in "\\PC{0,40}", n in any::<i64>()) {
        let _ = jifeline_tickets::validate::is_rfc3339(&s);
        let _ = ClientConfig::new(&s).map(|c| c.with_header(&s, &s));
        let _ = jifeline_tickets::retry::parse_retry_after(&s, u64::try_from(n).unwrap_or(0));
        let _ = request::get_ticket(&s);
        let _ = request::get_transition_target(&s);
    }
}
