//! The readers of input fields, used as `deserialize_with` by the input types.
//!
//! Each reads one [`Given`] and either accepts it or says, in JavaScript's
//! words, what was expected and what was given. A field that is present must
//! hold a value: `null` is refused rather than read as "absent", because for
//! `vin` the two mean different things (JavaScript's `undefined` is absent).
//! Formats (UUIDs, date-times, VINs) are checked by each type's `validate`,
//! which also covers values built in Rust. They are public so that a binding
//! can read its own options with the same words.

use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, SeqAccess, Visitor};

use super::given::{mismatch, Given, GivenVisitor};
use crate::validate::{self, MAX_SAFE_INTEGER};

/// "an integer from 0 to 1000", "an integer of 0 or more".
pub fn int_expected(min: i64, max: i64) -> String {
    if max >= MAX_SAFE_INTEGER {
        format!("an integer of {min} or more")
    } else {
        format!("an integer from {min} to {max}")
    }
}

/// The message of a check that failed: "expected …, got …".
pub type Refusal = String;

fn refuse(expected: &str, given: &Given) -> Refusal {
    mismatch::<de::value::Error>(expected, given).to_string()
}

fn int_of(given: Given, min: i64, max: i64) -> Result<i64, Refusal> {
    match given {
        Given::Int(n) if n >= i128::from(min) && n <= i128::from(max.min(MAX_SAFE_INTEGER)) => Ok(n as i64),
        Given::Int(n) if n > i128::from(MAX_SAFE_INTEGER) => Err(format!(
            "expected {}, got {n}, beyond Number.MAX_SAFE_INTEGER",
            int_expected(min, max)
        )),
        other => Err(refuse(&int_expected(min, max), &other)),
    }
}

/// A string, or the refusal "expected `what`, got …".
pub fn string_of(given: Given, what: &str) -> Result<String, Refusal> {
    match given {
        Given::Str(s) => Ok(s),
        other => Err(refuse(what, &other)),
    }
}

fn read<'de, D: Deserializer<'de>, T>(d: D, check: impl FnOnce(Given) -> Result<T, Refusal>) -> Result<T, D::Error> {
    check(Given::deserialize(d)?).map_err(de::Error::custom)
}

/// A required integer in `MIN..=MAX`.
pub fn int<'de, D: Deserializer<'de>, const MIN: i64, const MAX: i64>(d: D) -> Result<i64, D::Error> {
    read(d, |g| int_of(g, MIN, MAX))
}

/// An optional integer in `MIN..=MAX`.
pub fn opt_int<'de, D: Deserializer<'de>, const MIN: i64, const MAX: i64>(d: D) -> Result<Option<i64>, D::Error> {
    int::<D, MIN, MAX>(d).map(Some)
}

/// A required UUID string.
pub fn uuid<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    read(d, |g| string_of(g, validate::UUID_EXPECTED))
}

/// An optional UUID string.
pub fn opt_uuid<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    uuid(d).map(Some)
}

/// An optional string of any content.
pub fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    read(d, |g| string_of(g, "a string")).map(Some)
}

/// An optional VIN string.
pub fn opt_vin<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    read(d, |g| string_of(g, validate::VIN_EXPECTED)).map(Some)
}

/// An optional voucher code string.
pub fn opt_voucher_code<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    read(d, |g| string_of(g, validate::VOUCHER_CODE_EXPECTED)).map(Some)
}

/// An optional date-time: an RFC 3339 string, or a `Date` (sent as its ISO string).
pub fn opt_date_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    read(d, |g| match g {
        Given::Str(s) | Given::Date(s) => Ok(s),
        other => Err(refuse(validate::DATE_TIME_EXPECTED, &other)),
    })
    .map(Some)
}

/// An optional boolean.
pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    read(d, |g| match g {
        Given::Bool(b) => Ok(b),
        other => Err(refuse("true or false", &other)),
    })
    .map(Some)
}

/// An optional array of integers in `MIN..=MAX`.
pub fn opt_int_list<'de, D: Deserializer<'de>, const MIN: i64, const MAX: i64>(
    d: D,
) -> Result<Option<Vec<i64>>, D::Error> {
    list(d, "a non-empty array of integers", |g| int_of(g, MIN, MAX)).map(Some)
}

/// A required array of UUID strings.
pub fn uuid_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    list(d, "a non-empty array of UUID strings", |g| {
        string_of(g, validate::UUID_EXPECTED)
    })
}

/// An array whose items each pass `item`, checked while each item is read so
/// that a refusal names its index (`state[1]`).
pub fn list<'de, D, T>(d: D, what: &'static str, item: fn(Given) -> Result<T, Refusal>) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
{
    d.deserialize_any(ListVisitor { what, item })
}

struct ListVisitor<T> {
    what: &'static str,
    item: fn(Given) -> Result<T, Refusal>,
}

struct ItemSeed<T>(fn(Given) -> Result<T, Refusal>);

impl<'de, T> DeserializeSeed<'de> for ItemSeed<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        read(d, self.0)
    }
}

/// Anything but an array: refused with what it was.
macro_rules! not_an_array {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<E: de::Error>(self, $($arg: $ty),*) -> Result<Self::Value, E> {
            let given: Given = GivenVisitor.$method($($arg),*)?;
            Err(de::Error::custom(refuse(self.what, &given)))
        }
    )*};
}

impl<'de, T> Visitor<'de> for ListVisitor<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.what)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(ItemSeed(self.item))? {
            out.push(v);
        }
        Ok(out)
    }
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Vec<T>, A::Error> {
        let given = GivenVisitor.visit_map(map)?;
        Err(de::Error::custom(refuse(self.what, &given)))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_any(self)
    }
    not_an_array! {
        visit_bool(v: bool);
        visit_i64(v: i64);
        visit_u64(v: u64);
        visit_i128(v: i128);
        visit_f64(v: f64);
        visit_str(v: &str);
        visit_string(v: String);
        visit_bytes(v: &[u8]);
        visit_unit();
        visit_none();
    }
}
