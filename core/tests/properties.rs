//! No input, however broken, makes a decoder panic: arbitrary bytes, arbitrary
//! JSON, and mutations of the reference's samples, for every response type.
//!
//! And the response check (`response::validate_json`, what both decoders run)
//! is held to two oracles: serde_json building the model types itself, with
//! the reference's rules on the value (its known differences named in
//! [`Known`]), and, for the fast path, the exact reader.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::fixture;
use jifeline_tickets_core::check::{self, Kind, Schema};
use jifeline_tickets_core::request::{self, ClientConfig};
use jifeline_tickets_core::response::{self, ResponseHead};
use jifeline_tickets_core::{validate, Error, Resource};
use jifeline_tickets_core::{InProgressTicket, OutsourcedTicket, Page, Ticket};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
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

// The check against serde_json: the model types built by serde_json itself
// (what a Rust user's own `serde_json::from_slice::<Ticket>` does), then the
// reference's rules that the Rust types do not carry, checked on the value.

/// What the reference asks of a resource beyond what its Rust type holds,
/// written here from the reference's field kinds, not from the schemas: UUID
/// and date-time strings, references of at most 255 characters, integers a
/// JavaScript number holds exactly. The name of the first field that breaks
/// its rule, if any.
trait ReferenceRules {
    fn broken_rule(&self) -> Option<&'static str>;
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// RFC 3339 with calendar-correct ranges: the crate's own predicate (held to
/// its cases by its own tests); what is compared here is how the check reads
/// the body around it.
fn is_date_time(s: &str) -> bool {
    validate::is_rfc3339(s)
}

fn is_reference(s: &str) -> bool {
    s.chars().count() <= 255
}

fn is_safe_integer(n: i64) -> bool {
    n.unsigned_abs() < 1 << 53
}

fn optional(value: &Option<String>, rule: fn(&str) -> bool) -> bool {
    value.as_deref().is_none_or(rule)
}

fn first_broken(rules: &[(&'static str, bool)]) -> Option<&'static str> {
    rules.iter().find(|(_, holds)| !holds).map(|(field, _)| *field)
}

impl ReferenceRules for Ticket {
    fn broken_rule(&self) -> Option<&'static str> {
        first_broken(&[
            ("id", is_uuid(&self.id)),
            ("assigned_at", optional(&self.assigned_at, is_date_time)),
            ("connection_id", optional(&self.connection_id, is_uuid)),
            ("created_at", is_date_time(&self.created_at)),
            ("customer_channel_id", optional(&self.customer_channel_id, is_uuid)),
            ("customer_connector_id", optional(&self.customer_connector_id, is_uuid)),
            ("customer_id", optional(&self.customer_id, is_uuid)),
            ("customer_reference", is_reference(&self.customer_reference)),
            ("finished_at", optional(&self.finished_at, is_date_time)),
            ("operator_channel_id", optional(&self.operator_channel_id, is_uuid)),
            ("operator_id", optional(&self.operator_id, is_uuid)),
            ("operator_reference", is_reference(&self.operator_reference)),
            ("source_provider_id", is_uuid(&self.source_provider_id)),
            ("ticket_number", is_safe_integer(self.ticket_number)),
            ("updated_at", is_date_time(&self.updated_at)),
            ("vehicle_model_id", is_safe_integer(self.vehicle_model_id)),
        ])
    }
}

impl ReferenceRules for InProgressTicket {
    fn broken_rule(&self) -> Option<&'static str> {
        first_broken(&[
            ("id", is_uuid(&self.id)),
            ("created_at", is_date_time(&self.created_at)),
            ("customer_id", is_uuid(&self.customer_id)),
            ("ticket_number", is_safe_integer(self.ticket_number)),
            ("vehicle_model_id", is_safe_integer(self.vehicle_model_id)),
            ("service_started_at", is_date_time(&self.service_started_at)),
            ("operator_id", is_uuid(&self.operator_id)),
            ("connection_id", optional(&self.connection_id, is_uuid)),
        ])
    }
}

impl ReferenceRules for OutsourcedTicket {
    fn broken_rule(&self) -> Option<&'static str> {
        first_broken(&[
            ("id", is_uuid(&self.id)),
            ("created_at", is_date_time(&self.created_at)),
            ("customer_id", optional(&self.customer_id, is_uuid)),
            ("ticket_number", is_safe_integer(self.ticket_number)),
            ("vehicle_model_id", is_safe_integer(self.vehicle_model_id)),
            ("outsource_provider_id", is_uuid(&self.outsource_provider_id)),
            ("outsource_ticket_id", optional(&self.outsource_ticket_id, is_uuid)),
            ("connection_id", optional(&self.connection_id, is_uuid)),
        ])
    }
}

impl<T: ReferenceRules> ReferenceRules for Page<T> {
    fn broken_rule(&self) -> Option<&'static str> {
        if !is_safe_integer(self.total) {
            return Some("total");
        }
        self.result.iter().find_map(ReferenceRules::broken_rule)
    }
}

/// serde_json's verdict on a body as `T`, with the reference's rules.
fn serde_verdict<T: DeserializeOwned + ReferenceRules>(body: &[u8]) -> Result<(), String> {
    // `res.json()` skips a byte-order mark, and so does the check.
    let body = response::without_bom(body);
    // serde builds a struct from an array of its fields in order as well; an
    // answer of the API is an object (no generated array holds a whole resource).
    if body.iter().find(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r')) == Some(&b'[') {
        return Err("an array where the reference has an object".into());
    }
    let value: T = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    match value.broken_rule() {
        Some(field) => Err(format!("`{field}` breaks the reference's rule for it")),
        None => Ok(()),
    }
}

/// Where serde_json and the check may disagree, each one way only. Every other
/// body gets the same verdict from both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    /// `-0` in an integer field: serde_json reads it as the float `-0.0`,
    /// which `i64` and `i32` refuse; the check reads it as `JSON.parse` does,
    /// the integer 0. So `response::decode` (the check, then serde) fails on a
    /// body the JavaScript decoder accepts.
    MinusZero,
    /// A number beyond f64 (`1e400`) in a page's `query` echo, a map of
    /// `serde_json::Value`: serde_json refuses it ("number out of range"); the
    /// check skips it, as `JSON.parse` reads it (Infinity). `decode` fails too.
    HugeNumberInQuery,
    /// Arrays and objects nested in a page's `query` echo deeper than
    /// serde_json's recursion limit (it counts the levels above the echo too),
    /// within the check's 128. `decode` fails too.
    DeepQuery,
    /// A string the model ignores (an unknown field's) that is not valid: invalid
    /// UTF-8 or a lone surrogate escape. serde_json skips it unread; the check
    /// reads every string, as strict as RFC 8259.
    BadStringInIgnoredField,
    /// Arrays and objects nested deeper than 128 in a field the model ignores:
    /// serde_json skips them, the check refuses (no answer of the API nests so).
    DeepIgnoredField,
}

fn known(serde: &Result<(), String>, check: &Result<(), Error>, body: &[u8]) -> Option<Known> {
    match (serde, check) {
        (Err(e), Ok(())) if e.starts_with("invalid type: floating point `-0.0`, expected i") => Some(Known::MinusZero),
        (Err(e), Ok(())) if e.starts_with("number out of range") => Some(Known::HugeNumberInQuery),
        (Err(e), Ok(())) if e.starts_with("recursion limit exceeded") => Some(Known::DeepQuery),
        (Ok(()), Err(e)) if e.message.contains("nests arrays and objects more than 128 deep") => {
            Some(Known::DeepIgnoredField)
        }
        (Ok(()), Err(e)) if e.message.contains("the body is not valid JSON") => {
            // Read as a whole, every string checked, serde_json refuses it too.
            let whole = serde_json::from_slice::<Value>(response::without_bom(body)).map_err(|e| e.to_string());
            let bad_string = whole.is_err_and(|e| {
                e.starts_with("invalid unicode code point")
                    || e.starts_with("unexpected end of hex escape")
                    || e.starts_with("lone leading surrogate")
            });
            bad_string.then_some(Known::BadStringInIgnoredField)
        }
        _ => None,
    }
}

fn json_head() -> ResponseHead {
    ResponseHead {
        status: 200,
        content_type: Some("application/json".into()),
        ..Default::default()
    }
}

/// The check's verdict and serde_json's on `body` as `T`: the same, or a
/// [`Known`] difference (returned); anything else fails the test.
fn agree<T: Resource + ReferenceRules>(body: &[u8]) -> Option<Known> {
    let check = response::validate_json(&json_head(), body, T::SCHEMA);
    let serde = serde_verdict::<T>(body);
    if serde.is_ok() == check.is_ok() {
        return None;
    }
    let difference = known(&serde, &check, body);
    assert!(
        difference.is_some(),
        "{}: serde_json says {:?}, the check {:?}, on {}",
        std::any::type_name::<T>(),
        serde,
        check.map_err(|e| e.message),
        String::from_utf8_lossy(body)
    );
    difference
}

/// A type a 2xx body can be decoded as.
#[derive(Debug, Clone, Copy)]
enum Type {
    Ticket,
    TicketPage,
    InProgressTicket,
    InProgressTicketPage,
    OutsourcedTicket,
}

const TYPES: [Type; 5] = [
    Type::Ticket,
    Type::TicketPage,
    Type::InProgressTicket,
    Type::InProgressTicketPage,
    Type::OutsourcedTicket,
];

impl Type {
    fn agree(self, body: &[u8]) -> Option<Known> {
        match self {
            Type::Ticket => agree::<Ticket>(body),
            Type::TicketPage => agree::<Page<Ticket>>(body),
            Type::InProgressTicket => agree::<InProgressTicket>(body),
            Type::InProgressTicketPage => agree::<Page<InProgressTicket>>(body),
            Type::OutsourcedTicket => agree::<OutsourcedTicket>(body),
        }
    }

    fn schema(self) -> &'static Schema {
        match self {
            Type::Ticket => Ticket::SCHEMA,
            Type::TicketPage => <Page<Ticket>>::SCHEMA,
            Type::InProgressTicket => InProgressTicket::SCHEMA,
            Type::InProgressTicketPage => <Page<InProgressTicket>>::SCHEMA,
            Type::OutsourcedTicket => OutsourcedTicket::SCHEMA,
        }
    }
}

fn agree_as_every_type(body: &[u8]) {
    for t in TYPES {
        t.agree(body);
    }
}

/// A resource of the reference, as its sample and its fields in the reference's order.
struct Shape {
    sample: Value,
    fields: &'static [&'static str],
    alone: Type,
    page: Option<Type>,
}

fn shapes() -> [Shape; 3] {
    let sample = |name| serde_json::from_slice::<Value>(&fixture(name)).unwrap();
    [
        Shape {
            sample: sample("ticket.json"),
            fields: Ticket::FIELDS,
            alone: Type::Ticket,
            page: Some(Type::TicketPage),
        },
        Shape {
            sample: sample("in-progress-ticket.json"),
            fields: InProgressTicket::FIELDS,
            alone: Type::InProgressTicket,
            page: Some(Type::InProgressTicketPage),
        },
        Shape {
            sample: sample("outsourced-ticket.json"),
            fields: OutsourcedTicket::FIELDS,
            alone: Type::OutsourcedTicket,
            page: None,
        },
    ]
}

/// `sample` written field by field in `fields`' order (whatever order the
/// map keeps), compact or spaced; `swap` gives one field raw JSON text instead,
/// or (`None`) leaves it out.
fn write(sample: &Value, fields: &[&str], swap: Option<(&str, Option<&str>)>, spaced: bool) -> String {
    let object = sample.as_object().unwrap();
    let mut members = Vec::new();
    for name in fields {
        let value = match swap {
            Some((field, raw)) if field == *name => match raw {
                Some(raw) => raw.to_owned(),
                None => continue,
            },
            _ => serde_json::to_string(&object[*name]).unwrap(),
        };
        members.push(format!("\"{name}\":{}{value}", if spaced { " " } else { "" }));
    }
    if spaced {
        format!("{{\n  {}\n}}", members.join(",\n  "))
    } else {
        format!("{{{}}}", members.join(","))
    }
}

const PAGE_FIELDS: &[&str] = &["query", "result", "total"];

/// A page of two items, the first `item`, the second the sample as it is.
fn page_of(item: &str, shape: &Shape, spaced: bool) -> String {
    let other = write(&shape.sample, shape.fields, None, spaced);
    let result = if spaced {
        format!("[\n{item},\n{other}\n]")
    } else {
        format!("[{item},{other}]")
    };
    let page = serde_json::json!({"query": {"limit": 2, "sort_by": {"created_at": "asc"}}, "result": [], "total": 2});
    write(&page, PAGE_FIELDS, Some(("result", Some(&result))), spaced)
}

/// Raw JSON texts a field's value is swapped for: every kind, and the edges
/// of each rule (formats, lengths, integer ranges, escapes, surrogates).
fn swaps() -> Vec<Option<String>> {
    let quoted = |s: &str| Some(format!("\"{s}\""));
    let mut out = vec![None];
    for raw in [
        "null",
        "0",
        "-0",
        "1",
        "-1",
        "1.5",
        "1e3",
        "1E+2",
        "2147483647",
        "2147483648",
        "-2147483648",
        "-2147483649",
        "9007199254740991",
        "-9007199254740991",
        "9007199254740992",
        "12345678901234567890",
        "true",
        "false",
        "[]",
        "{}",
        "[{}]",
        "{\"a\":1e400}",
        "{\"a\":-0}",
    ] {
        out.push(Some(raw.to_owned()));
    }
    for text in [
        "",
        "x",
        "\\u0041",
        "\\ud800",
        "\\udc00",
        "\\ud83d\\ude00",
        "497f6eca-6276-4993-bfeb-53cbbbba6f08",
        "497F6ECA-6276-4993-BFEB-53CBBBBA6F08",
        "497f6eca-6276-4993-bfeb-53cbbbba6f0",
        "497f6eca\\u002d6276-4993-bfeb-53cbbbba6f08",
        "497f6eca-6276-4993-bfeb_53cbbbba6f08",
        "2019-08-24T14:15:22Z",
        "2019-08-24T14:15:22.123+01:00",
        "2020-02-29T00:00:00Z",
        "2019-02-29T00:00:00Z",
        "2019-08-24 14:15:22Z",
        "2019-08-24T14:15:22\\u005a",
        "cancelled",
        "on_hold",
    ] {
        out.push(quoted(text));
    }
    for n in [255, 256] {
        out.push(quoted(&"r".repeat(n)));
        out.push(quoted(&"é".repeat(n)));
    }
    out
}

/// Every sample, compact and spaced, with each field of each resource (alone
/// and as a page's first item) and of each page left out or swapped for each
/// of [`swaps`]: the bodies and the type each is meant as.
fn swapped_bodies() -> Vec<(String, Type)> {
    let swaps = swaps();
    let mut out = Vec::new();
    for shape in shapes() {
        for spaced in [false, true] {
            for field in shape.fields {
                for raw in &swaps {
                    let item = write(&shape.sample, shape.fields, Some((field, raw.as_deref())), spaced);
                    if let Some(page) = shape.page {
                        out.push((page_of(&item, &shape, spaced), page));
                    }
                    out.push((item, shape.alone));
                }
            }
            if let Some(page) = shape.page {
                let item = write(&shape.sample, shape.fields, None, spaced);
                let sample: Value = serde_json::from_str(&page_of(&item, &shape, spaced)).unwrap();
                for field in PAGE_FIELDS {
                    for raw in &swaps {
                        out.push((write(&sample, PAGE_FIELDS, Some((field, raw.as_deref())), spaced), page));
                    }
                }
            }
        }
    }
    out
}

/// The samples as values (each resource alone and in a page), for mutations
/// that write them again.
fn sample_values() -> Vec<(Value, Type)> {
    sample_bodies()
        .into_iter()
        .filter(|(body, _)| !body.contains('\n'))
        .map(|(body, t)| (serde_json::from_str(&body).unwrap(), t))
        .collect()
}

/// The samples as they are: each resource alone and in a page, compact and spaced.
fn sample_bodies() -> Vec<(String, Type)> {
    let mut out = Vec::new();
    for shape in shapes() {
        for spaced in [false, true] {
            let item = write(&shape.sample, shape.fields, None, spaced);
            if let Some(page) = shape.page {
                out.push((page_of(&item, &shape, spaced), page));
            }
            out.push((item, shape.alone));
        }
    }
    out
}

#[test]
fn serde_and_the_check_disagree_only_where_known_each_one_way() {
    let ticket = write(&shapes()[0].sample, Ticket::FIELDS, None, false);
    let with = |field: &str, raw: &str| write(&shapes()[0].sample, Ticket::FIELDS, Some((field, Some(raw))), false);
    let extra = |raw: &[u8]| [&ticket.as_bytes()[..ticket.len() - 1], b",\"extra\":", raw, b"}"].concat();
    let page = |query: &str| format!(r#"{{"query":{query},"result":[{ticket}],"total":1}}"#);
    let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    // Agreement at the edges of each difference.
    for body in [
        with("ticket_number", "0"),
        with("cancel_reason_id", "-1"),
        page("{\"a\":1e308}"),
        page(&format!("{{\"a\":{}}}", nested(125))),
    ] {
        assert_eq!(Type::Ticket.agree(body.as_bytes()), None, "{body}");
        assert_eq!(Type::TicketPage.agree(body.as_bytes()), None, "{body}");
        assert!(
            response::validate_json(&json_head(), body.as_bytes(), Ticket::SCHEMA).is_ok()
                || response::validate_json(&json_head(), body.as_bytes(), <Page<Ticket>>::SCHEMA).is_ok(),
            "{body}"
        );
    }
    let too_deep = page(&format!("{{\"a\":{}}}", nested(127)));
    assert!(response::validate_json(&json_head(), too_deep.as_bytes(), <Page<Ticket>>::SCHEMA).is_err());
    assert!(serde_json::from_str::<Page<Ticket>>(&too_deep).is_err());
    // The differences, one example each, with the verdicts as they are.
    for (body, as_type, difference) in [
        (with("ticket_number", "-0").into_bytes(), Type::Ticket, Known::MinusZero),
        (
            with("cancel_reason_id", "-0").into_bytes(),
            Type::Ticket,
            Known::MinusZero,
        ),
        (
            br#"{"query":{},"result":[],"total":-0}"#.to_vec(),
            Type::TicketPage,
            Known::MinusZero,
        ),
        (
            page("{\"a\":1e400}").into_bytes(),
            Type::TicketPage,
            Known::HugeNumberInQuery,
        ),
        (
            page("{\"a\":-1e309}").into_bytes(),
            Type::TicketPage,
            Known::HugeNumberInQuery,
        ),
        (
            page(&format!("{{\"a\":{}}}", nested(126))).into_bytes(),
            Type::TicketPage,
            Known::DeepQuery,
        ),
        (extra(b"\"\\ud800\""), Type::Ticket, Known::BadStringInIgnoredField),
        (extra(b"\"\\udc00\""), Type::Ticket, Known::BadStringInIgnoredField),
        (extra(b"\"\xff\""), Type::Ticket, Known::BadStringInIgnoredField),
        (extra(nested(128).as_bytes()), Type::Ticket, Known::DeepIgnoredField),
    ] {
        assert_eq!(
            as_type.agree(&body),
            Some(difference),
            "{}",
            String::from_utf8_lossy(&body)
        );
    }
}

#[test]
fn the_check_agrees_with_serde_when_any_field_is_missing_null_or_of_another_kind() {
    let mut differences = std::collections::BTreeMap::new();
    for (body, as_type) in swapped_bodies().iter().chain(&sample_bodies()) {
        if let Some(difference) = as_type.agree(body.as_bytes()) {
            *differences.entry(format!("{difference:?}")).or_insert(0) += 1;
        }
    }
    for (body, _) in sample_bodies() {
        agree_as_every_type(body.as_bytes());
    }
    // Only the -0 and the query's huge number are reached by swapping one value.
    assert_eq!(
        differences.keys().map(String::as_str).collect::<Vec<_>>(),
        ["HugeNumberInQuery", "MinusZero"]
    );
}

/// `bytes` with the byte at `at` set to `byte`, deleted, or `byte` inserted before it.
fn one_byte_changed(bytes: &[u8], at: usize, byte: u8, how: u8) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let at = at.min(out.len().saturating_sub(1));
    match how % 3 {
        0 if !out.is_empty() => out[at] = byte,
        1 if !out.is_empty() => drop(out.remove(at)),
        _ => out.insert(at, byte),
    }
    out
}

/// Bytes that mean something to a JSON reader, and a few that must not appear.
const BYTES: &[u8] = b"\x00\x01\x1f\"\\/ub-+.eE09 \n\t{}[],:ntf\x7f\x80\xc3\xff";

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn the_check_agrees_with_serde_on_arbitrary_json(v in arb_json()) {
        agree_as_every_type(&serde_json::to_vec(&v).unwrap());
    }

    #[test]
    fn the_check_agrees_with_serde_on_mutated_samples(pick in 0usize..80, with in arb_json(), cut in any::<prop::sample::Index>()) {
        for (mut sample, _) in sample_values() {
            let mut p = pick;
            mutate(&mut sample, &mut p, &with);
            let bytes = serde_json::to_vec(&sample).unwrap();
            agree_as_every_type(&bytes);
            agree_as_every_type(&bytes[..cut.index(bytes.len() + 1)]);
        }
    }

    #[test]
    fn the_check_agrees_with_serde_on_samples_with_bytes_changed(
        which in any::<prop::sample::Index>(),
        changes in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(BYTES), 0u8..3), 1..3),
    ) {
        let samples = sample_bodies();
        let (body, as_type) = &samples[which.index(samples.len())];
        let mut bytes = body.clone().into_bytes();
        for (at, byte, how) in changes {
            bytes = one_byte_changed(&bytes, at.index(bytes.len().max(1)), byte, how);
        }
        as_type.agree(&bytes);
    }

    /// The hand-written check is a JSON reader of its own: whatever serde_json
    /// refuses as JSON (cut anywhere, a byte changed anywhere), it refuses too.
    #[test]
    fn the_check_refuses_every_body_that_is_not_json(pick in 0usize..80, with in arb_json(), cut in any::<prop::sample::Index>(), flip in any::<prop::sample::Index>(), byte in any::<u8>()) {
        for (mut sample, _) in sample_values() {
            let mut p = pick;
            mutate(&mut sample, &mut p, &with);
            let mut bytes = serde_json::to_vec(&sample).unwrap();
            let at = flip.index(bytes.len());
            bytes[at] = byte;
            for body in [&bytes[..cut.index(bytes.len() + 1)], &bytes[..]] {
                if serde_json::from_slice::<serde::de::IgnoredAny>(body).is_err() {
                    for t in TYPES {
                        prop_assert!(
                            response::validate_json(&json_head(), body, t.schema()).is_err(),
                            "accepted {}", String::from_utf8_lossy(body)
                        );
                    }
                }
            }
        }
    }
}

// The fast path held to the exact reader: where it says "certainly valid",
// the exact reader accepts; where it also says no optional field was left
// out, every object of the schema has every field.

/// Whether every object of `schema` in `v` has all its fields (`null` or not).
fn has_every_field(v: &Value, schema: &Schema) -> bool {
    let Some(object) = v.as_object() else { return false };
    schema.fields.iter().all(|f| match (object.get(f.name), f.kind) {
        (None, _) => false,
        (Some(Value::Array(items)), Kind::Items(items_schema)) => {
            items.iter().all(|item| has_every_field(item, items_schema))
        }
        (Some(_), _) => true,
    })
}

/// The fast path on `body`; where it is sure, the exact reader must accept.
/// Whether it was sure.
fn fast_path_holds(body: &[u8], schema: &'static Schema) -> bool {
    let Some(complete) = jifeline_tickets_fastcheck::fast_check(body, schema) else {
        return false;
    };
    assert!(check::certainly_valid(body, schema));
    if let Err(e) = check::exact(body, schema) {
        panic!(
            "{}: the fast path is sure, the exact reader refuses ({}) {}",
            schema.name,
            e.message,
            String::from_utf8_lossy(body)
        );
    }
    if complete {
        let v: Value = serde_json::from_slice(body).unwrap();
        assert!(
            has_every_field(&v, schema),
            "{}: the fast path says no field is left out, but one is: {}",
            schema.name,
            String::from_utf8_lossy(body)
        );
    }
    true
}

#[test]
fn the_fast_path_is_sure_only_where_the_exact_reader_accepts_any_one_byte_changed() {
    let mut sure = 0;
    let mut tried = 0;
    for (body, as_type) in sample_bodies() {
        let schema = as_type.schema();
        assert!(fast_path_holds(body.as_bytes(), schema), "the fast path takes {body}");
        for at in 0..body.len() {
            // Deleted; set to four of the bytes and one inserted, turn by turn,
            // so that neighbouring positions see them all.
            let mut changes = vec![(0, 1)];
            changes.extend((0..4).map(|k| (BYTES[(at + 8 * k) % BYTES.len()], 0)));
            changes.push((BYTES[(3 * at) % BYTES.len()], 2));
            for (byte, how) in changes {
                let changed = one_byte_changed(body.as_bytes(), at, byte, how);
                sure += usize::from(fast_path_holds(&changed, schema));
                tried += 1;
            }
        }
    }
    // Not vacuous: many changes (in strings, digits, spaces) leave a valid body it takes.
    assert!(sure > tried / 10, "the fast path was sure of {sure} of {tried}");
}

#[test]
fn the_fast_path_is_sure_only_where_the_exact_reader_accepts_any_field_left_out_or_swapped() {
    let mut sure = 0;
    let bodies = swapped_bodies();
    for (body, as_type) in &bodies {
        sure += usize::from(fast_path_holds(body.as_bytes(), as_type.schema()));
    }
    assert!(
        sure > bodies.len() / 10,
        "the fast path was sure of {sure} of {}",
        bodies.len()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_fast_path_is_sure_only_where_the_exact_reader_accepts_bytes_changed(
        which in any::<prop::sample::Index>(),
        changes in prop::collection::vec((any::<prop::sample::Index>(), prop::sample::select(BYTES), 0u8..3), 1..4),
    ) {
        let samples = sample_bodies();
        let (body, as_type) = &samples[which.index(samples.len())];
        let mut bytes = body.clone().into_bytes();
        for (at, byte, how) in changes {
            bytes = one_byte_changed(&bytes, at.index(bytes.len().max(1)), byte, how);
        }
        fast_path_holds(&bytes, as_type.schema());
    }

    #[test]
    fn the_fast_path_is_sure_only_where_the_exact_reader_accepts_values_replaced(pick in 0usize..80, with in arb_json()) {
        for (mut sample, as_type) in sample_values() {
            let mut p = pick;
            mutate(&mut sample, &mut p, &with);
            fast_path_holds(&serde_json::to_vec(&sample).unwrap(), as_type.schema());
        }
    }
}
