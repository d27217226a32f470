//! What a caller passed, in JavaScript's words: `1.5`, `NaN`, `the string "x"`,
//! `null`, `an array`, `a BigInt (2n)`, `an invalid Date`.
//!
//! Inputs are read through serde, from JavaScript values (serde-wasm-bindgen)
//! or JSON. serde sees numbers, strings, booleans, null, arrays and objects; a
//! few JavaScript values have no serde form of their own (a `Date`, a `BigInt`,
//! `NaN`, a function, `undefined` inside an array). The JavaScript binding
//! hands each of those over as a one-key object, `{ [DESCRIBED]: "a BigInt
//! (2n)" }` or, for a valid `Date`, `{ [DATE]: "<its ISO string>" }`, so that
//! every message is still written here, in one place, with what was expected.

use std::fmt;

use serde::de;

use crate::text::quote;

/// The key of a value the binding describes itself (`"a BigInt (2n)"`, `"NaN"`).
pub const DESCRIBED: &str = "\u{0}jifeline:described";

/// The key of a valid `Date`, handed over as its ISO 8601 string.
pub const DATE: &str = "\u{0}jifeline:date";

/// One input value, as much of it as a message or a check needs.
#[derive(Debug, Clone, PartialEq)]
#[allow(missing_docs)]
pub enum Given {
    /// An integer.
    Int(i128),
    /// Any other number.
    Float(f64),
    /// A string.
    Str(String),
    /// A boolean.
    Bool(bool),
    /// `null` (or `undefined` where JavaScript reads it as absent-but-named).
    Null,
    /// An array (its items are not kept).
    Array,
    /// A plain object (its members are not kept).
    Object,
    /// A valid `Date`, as its ISO string.
    Date(String),
    /// A value the binding described.
    Described(String),
}

impl fmt::Display for Given {
    /// What was given, as a message's "got …" says it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Given::Int(n) => write_int(f, *n),
            Given::Float(x) => f.write_str(&describe_number(*x)),
            Given::Str(s) => write!(f, "the string {}", quote(s)),
            Given::Bool(b) => write!(f, "{b}"),
            Given::Null => f.write_str("null"),
            Given::Array => f.write_str("an array"),
            Given::Object => f.write_str("an object"),
            Given::Date(_) => f.write_str("a Date"),
            Given::Described(d) => f.write_str(d),
        }
    }
}

/// Writes an integer in full within 64 bits, and says how long it is beyond.
///
/// Only 64-bit arithmetic: formatting an `i128` links `u128`'s formatter and
/// 128-bit division into the wasm module for integers that only a
/// Rust caller's JSON can hold (the binding's integers are all safe ones).
pub fn write_int(f: &mut fmt::Formatter<'_>, n: i128) -> fmt::Result {
    let sign = if n < 0 { "-" } else { "" };
    match u64::try_from(n.unsigned_abs()) {
        Ok(magnitude) => write!(f, "{sign}{magnitude}"),
        Err(_) => write!(f, "{sign}a number of 20 digits or more"),
    }
}

/// A number as JavaScript's `String(n)` writes it, for the usual cases,
/// without Rust's float formatting (which would be one of the largest parts
/// of the wasm module, for messages alone): whole numbers below 2^64 in full, others to
/// six decimals; beyond 2^64, how many digits it has.
pub fn describe_number(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let a = x.abs();
    // 2^64: beyond it a whole number needs 128 bits to write (see `write_int`).
    if a >= 18_446_744_073_709_551_616.0 {
        return format!("{sign}a number of 20 digits or more");
    }
    let (whole, micros) = if a < 1.8e13 {
        // In millionths, rounded once: below 1.8e13 that fits in 64 bits.
        let total = (a * 1e6).round() as u64;
        (total / 1_000_000, (total % 1_000_000) as u32)
    } else if a < 1e15 {
        // Millionths no longer fit: `a - trunc(a)` is exact, and rounding it may carry.
        let micros = ((a - a.trunc()) * 1e6).round() as u32;
        let whole = a.trunc() as u64;
        if micros == 1_000_000 {
            (whole + 1, 0)
        } else {
            (whole, micros)
        }
    } else {
        (a as u64, 0)
    };
    let mut out = format!("{sign}{whole}");
    if micros > 0 {
        let digits = format!("{micros:06}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
    if out == "-0" {
        out = "0".to_owned();
    }
    out
}

/// The error "expected `expected`, got `given`".
pub fn mismatch<E: de::Error>(expected: &str, given: &Given) -> E {
    if *given == Given::Null {
        E::custom(format_args!(
            "expected {expected}, got null (leave the field out to not send it)"
        ))
    } else {
        E::custom(format_args!("expected {expected}, got {given}"))
    }
}

#[cfg(test)]
mod tests {
    use super::{describe_number, Given};

    #[test]
    fn numbers_read_as_javascript_writes_them() {
        for (x, text) in [
            (1.5, "1.5"),
            (-0.25, "-0.25"),
            (7.0, "7"),
            (-0.0, "0"),
            (9007199254740992.0, "9007199254740992"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (0.1 + 0.2, "0.3"),
            (2.9999999, "3"),
            (-1.0000004, "-1"),
            (123456.000001, "123456.000001"),
            // Rounded once, in millionths.
            (1234.0000005, "1234.000001"),
            (123456789.1234565, "123456789.123457"),
            (20_000_000_000_000.5, "20000000000000.5"),
            (20_000_000_000_000.996, "20000000000000.996094"),
            (1e15 + 2.0, "1000000000000002"),
            (1.8e19, "18000000000000000000"),
            (1e21, "a number of 20 digits or more"),
            (-3e19, "-a number of 20 digits or more"),
        ] {
            assert_eq!(describe_number(x), text, "{x}");
        }
    }

    #[test]
    fn integers_are_written_in_full_within_64_bits() {
        for (n, text) in [
            (0, "0"),
            (-7, "-7"),
            (i128::from(i64::MIN), "-9223372036854775808"),
            (i128::from(u64::MAX), "18446744073709551615"),
            (i128::from(u64::MAX) + 1, "a number of 20 digits or more"),
            (i128::from(i64::MIN) - 1, "-9223372036854775809"),
            (-i128::from(u64::MAX), "-18446744073709551615"),
            (-i128::from(u64::MAX) - 1, "-a number of 20 digits or more"),
        ] {
            assert_eq!(Given::Int(n).to_string(), text, "{n}");
        }
    }
}
