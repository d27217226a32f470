//! serde helpers that apply the reference's formats while decoding.
//!
//! They run inside serde so that a violation is reported with its JSON path
//! (`result[3].created_at`) by `serde_path_to_error`, exactly like a type error.
//!
//! Responses are checked for types, UUIDs, date-times, JavaScript-safe
//! integers and the references' 255-character limit. Other string contents,
//! such as VIN length, are enforced on input only: a page must not become
//! unreadable because one legacy ticket holds an odd VIN.

use serde::de::{Deserialize, Deserializer, Error as _};

use crate::validate;

pub(crate) fn uuid<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if validate::is_uuid(&s) {
        Ok(s)
    } else {
        Err(D::Error::custom(format!(
            "expected a UUID, got {}",
            validate::quote(&s)
        )))
    }
}

pub(crate) fn opt_uuid<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Option::<String>::deserialize(d)? {
        Some(s) if !validate::is_uuid(&s) => Err(D::Error::custom(format!(
            "expected a UUID or null, got {}",
            validate::quote(&s)
        ))),
        v => Ok(v),
    }
}

pub(crate) fn date_time<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if validate::is_rfc3339(&s) {
        Ok(s)
    } else {
        Err(D::Error::custom(format!(
            "expected an RFC 3339 date-time, got {}",
            validate::quote(&s)
        )))
    }
}

pub(crate) fn opt_date_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Option::<String>::deserialize(d)? {
        Some(s) if !validate::is_rfc3339(&s) => Err(D::Error::custom(format!(
            "expected an RFC 3339 date-time or null, got {}",
            validate::quote(&s)
        ))),
        v => Ok(v),
    }
}

pub(crate) fn reference<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if validate::is_reference(&s) {
        Ok(s)
    } else {
        Err(D::Error::custom(format!(
            "expected at most 255 characters, got {}",
            s.chars().count()
        )))
    }
}

pub(crate) fn safe_int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let n = i64::deserialize(d)?;
    if validate::is_safe_integer(n) {
        Ok(n)
    } else {
        Err(D::Error::custom(format!(
            "{n} is beyond 2^53 - 1, the largest integer a JavaScript number holds exactly"
        )))
    }
}

/// Query inputs: a present key must hold a value. `null` is refused rather
/// than read as "absent", because for `vin` the two mean different things.
pub(crate) fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}
