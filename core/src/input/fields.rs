//! Readers of input fields: each accepts a [`Value`] or says, in JavaScript's
//! words, what was expected and what was given, naming the field by its path.
//!
//! A field that is present must hold a value: `null` is refused rather than
//! read as "absent", because for `vin` the two mean different things
//! (JavaScript's `undefined` is absent). Formats (UUIDs, date-times, VINs) are
//! checked by each type's `validate`, which also covers values built in Rust.

use super::given::Given;
use super::value::{At, Value};
use crate::error::Error;
use crate::validate::{self, int_expected, MAX_SAFE_INTEGER};

/// The refusal "expected `expected`, got …" of the value at `at`.
#[inline(never)]
pub fn mismatch(at: &At<'_>, expected: &str, value: &Value) -> Error {
    at.refuse(super::given::mismatch::<serde::de::value::Error>(
        expected,
        &value.given(),
    ))
}

/// An integer in `min..=max`.
#[inline(never)]
pub fn int(value: &Value, at: &At<'_>, min: i64, max: i64) -> Result<i64, Error> {
    match value {
        Value::Leaf(Given::Int(n)) if *n >= i128::from(min) && *n <= i128::from(max.min(MAX_SAFE_INTEGER)) => {
            Ok(*n as i64)
        }
        Value::Leaf(given @ Given::Int(n)) if n.abs() > i128::from(MAX_SAFE_INTEGER) => Err(at.refuse(format_args!(
            "expected {}, got {given}, beyond Number.MAX_SAFE_INTEGER in size",
            int_expected(min, max)
        ))),
        other => Err(mismatch(at, &int_expected(min, max), other)),
    }
}

/// A non-negative safe integer.
#[inline(never)]
pub fn count(value: &Value, at: &At<'_>) -> Result<i64, Error> {
    int(value, at, 0, MAX_SAFE_INTEGER)
}

/// Any safe integer: the reference's `int64` with no bounds.
#[inline(never)]
pub fn int64(value: &Value, at: &At<'_>) -> Result<i64, Error> {
    int(value, at, -MAX_SAFE_INTEGER, MAX_SAFE_INTEGER)
}

/// A string; `what` says which (`a UUID string`).
#[inline(never)]
pub fn string(value: &Value, at: &At<'_>, what: &str) -> Result<String, Error> {
    match value {
        Value::Leaf(Given::Str(s)) => Ok(s.clone()),
        other => Err(mismatch(at, what, other)),
    }
}

/// A UUID string (its format is for `validate`).
#[inline(never)]
pub fn uuid(value: &Value, at: &At<'_>) -> Result<String, Error> {
    string(value, at, validate::UUID_EXPECTED)
}

/// A date-time: an RFC 3339 string, or a `Date` (sent as its ISO string).
#[inline(never)]
pub fn date_time(value: &Value, at: &At<'_>) -> Result<String, Error> {
    match value {
        // `toISOString` writes a year outside 0000–9999 with a sign and six
        // digits; the message must say the caller gave a Date, not that string.
        Value::Leaf(Given::Date(s)) if matches!(s.as_bytes().first(), Some(b'+' | b'-')) => {
            Err(at.refuse(format_args!(
                "expected {}, got a Date outside the years 0000 to 9999, which RFC 3339 cannot write ({s})",
                validate::DATE_TIME_EXPECTED
            )))
        }
        Value::Leaf(Given::Str(s) | Given::Date(s)) => Ok(s.clone()),
        other => Err(mismatch(at, validate::DATE_TIME_EXPECTED, other)),
    }
}

/// A boolean.
#[inline(never)]
pub fn boolean(value: &Value, at: &At<'_>) -> Result<bool, Error> {
    match value {
        Value::Leaf(Given::Bool(b)) => Ok(*b),
        other => Err(mismatch(at, "true or false", other)),
    }
}

/// An array whose items each pass `item`; `what` names the array for a
/// message about the whole. Emptiness and repeats are for `validate`.
pub fn list<T>(
    value: &Value,
    at: &At<'_>,
    what: &str,
    item: impl Fn(&Value, &At<'_>) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| item(v, &At::Index(at, i)))
            .collect(),
        other => Err(mismatch(at, what, other)),
    }
}
