//! Validation of response bodies without building values.
//!
//! The JavaScript binding does not need Rust values: the engine's own
//! `JSON.parse` builds the objects faster than any conversion from Rust. It
//! needs to know that the body matches the reference. These `*Check` types
//! mirror the models field by field, but every field is a zero-sized checker
//! that reads the JSON token and allocates nothing, so validating a page costs
//! little more than scanning it. `tests/properties.rs` holds each mirror to its
//! model: on any body, both accept or both refuse at the same JSON path.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::validate;

macro_rules! str_checker {
    ($(#[$doc:meta])* $name:ident, $valid:expr, $expecting:literal) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub struct $name;

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: de::Error>(self, s: &str) -> Result<$name, E> {
                        let valid: fn(&str) -> bool = $valid;
                        if valid(s) {
                            Ok($name)
                        } else {
                            Err(E::custom(format!("expected {}, got {}", $expecting, validate::quote(s))))
                        }
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}

str_checker!(
    /// A UUID string.
    Uuid, validate::is_uuid, "a UUID"
);
str_checker!(
    /// An RFC 3339 date-time string.
    DateTime, validate::is_rfc3339, "an RFC 3339 date-time"
);
str_checker!(
    /// Any string.
    Text, |_| true, "a string"
);

/// An integer a JavaScript number holds exactly.
#[derive(Debug)]
pub struct SafeInt;

impl<'de> Deserialize<'de> for SafeInt {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = i64::deserialize(d)?;
        if validate::is_safe_integer(n) {
            Ok(SafeInt)
        } else {
            Err(de::Error::custom(format!(
                "{n} is beyond 2^53 - 1, the largest integer a JavaScript number holds exactly"
            )))
        }
    }
}

/// A 32-bit integer.
#[derive(Debug)]
pub struct Int32;

impl<'de> Deserialize<'de> for Int32 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        i32::deserialize(d).map(|_| Int32)
    }
}

/// A boolean.
#[derive(Debug)]
pub struct Bool;

impl<'de> Deserialize<'de> for Bool {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        bool::deserialize(d).map(|_| Bool)
    }
}

/// Any JSON object (the `query` echo of a page).
#[derive(Debug)]
pub struct Object;

impl<'de> Deserialize<'de> for Object {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Object;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Object, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Object)
            }
        }
        d.deserialize_map(V)
    }
}

/// An array of `T`, checked item by item without storing anything.
#[derive(Debug)]
pub struct Items<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Items<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Items<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Items<T>, A::Error> {
                while seq.next_element::<T>()?.is_some() {}
                Ok(Items(PhantomData))
            }
        }
        d.deserialize_seq(V(PhantomData))
    }
}

/// Mirrors [`crate::Ticket`].
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(rename = "Ticket")]
pub struct TicketCheck {
    id: Uuid,
    assigned_at: Option<DateTime>,
    cancel_reason_id: Option<Int32>,
    connection_id: Option<Uuid>,
    created_at: DateTime,
    customer_channel_id: Option<Uuid>,
    customer_connector_id: Option<Uuid>,
    customer_id: Option<Uuid>,
    customer_reference: Text,
    external_reference: Text,
    externally_processed: Bool,
    finished_at: Option<DateTime>,
    operator_channel_id: Option<Uuid>,
    operator_id: Option<Uuid>,
    operator_reference: Text,
    outsourced: Bool,
    source_provider_id: Uuid,
    state: Text,
    ticket_number: SafeInt,
    updated_at: DateTime,
    vehicle_model_id: SafeInt,
    vin: Option<Text>,
    voucher_code: Option<Text>,
}

/// Mirrors [`crate::InProgressTicket`].
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(rename = "InProgressTicket")]
pub struct InProgressTicketCheck {
    id: Uuid,
    created_at: DateTime,
    customer_id: Uuid,
    ticket_number: SafeInt,
    vehicle_model_id: SafeInt,
    vin: Text,
    service_started_at: DateTime,
    operator_id: Uuid,
    voucher_code: Option<Text>,
    outsourced: Bool,
    connection_id: Option<Uuid>,
}

/// Mirrors [`crate::OutsourcedTicket`].
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(rename = "OutsourcedTicket")]
pub struct OutsourcedTicketCheck {
    id: Uuid,
    created_at: DateTime,
    customer_id: Option<Uuid>,
    ticket_number: SafeInt,
    vehicle_model_id: SafeInt,
    vin: Option<Text>,
    outsource_provider_id: Uuid,
    outsource_ticket_id: Option<Uuid>,
    reclaimable: Bool,
    voucher_code: Option<Text>,
    connection_id: Option<Uuid>,
}

/// Mirrors [`crate::Page`].
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(rename = "Page", bound = "T: Deserialize<'de>")]
pub struct PageCheck<T> {
    query: Object,
    result: Items<T>,
    total: SafeInt,
}
