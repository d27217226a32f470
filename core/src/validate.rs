//! The reference's constraints as plain predicates and checks.
//!
//! Both directions use them: inputs are checked here before a request is built
//! (so a bad value never reaches the network), and response fields are checked
//! through the `wire` deserialisers with the same rules.

use crate::error::Error;
use crate::text::quote;
pub(crate) use jifeline_tickets_fastcheck::formats::{is_reference_bytes, is_rfc3339_bytes, is_uuid_bytes};
pub use jifeline_tickets_fastcheck::formats::{is_safe_integer, MAX_SAFE_INTEGER};

/// What a UUID field expects, in messages.
pub const UUID_EXPECTED: &str = "a UUID string";
/// What a date-time input expects, in messages.
pub const DATE_TIME_EXPECTED: &str = "an RFC 3339 date-time string (such as 2023-03-15T08:34:28Z) or a Date";
/// What a VIN field expects, in messages.
pub const VIN_EXPECTED: &str = "a VIN string of exactly 17 characters";
/// What a voucher code field expects, in messages.
pub const VOUCHER_CODE_EXPECTED: &str = "a voucher code string of 4 to 8 characters of A-Z and 0-9";
/// What an update's voucher code expects, in messages: `null` clears it.
pub const VOUCHER_CODE_OR_NULL_EXPECTED: &str =
    "a voucher code string of 4 to 8 characters of A-Z and 0-9, or null to clear it";

/// Whether `s` is a UUID in its canonical 8-4-4-4-12 hexadecimal form.
pub fn is_uuid(s: &str) -> bool {
    is_uuid_bytes(s.as_bytes())
}

/// Whether `s` is an RFC 3339 date-time (`2023-03-15T08:34:28Z`,
/// `2023-03-15T08:34:28.123+01:00`), with calendar-correct ranges.
pub fn is_rfc3339(s: &str) -> bool {
    is_rfc3339_bytes(s.as_bytes())
}

/// Whether `s` is a VIN as the reference defines it: exactly 17 characters.
///
/// The reference constrains only the length; the check also refuses control
/// characters, which no VIN has and which would only cause trouble in a URL.
pub fn is_vin(s: &str) -> bool {
    // The reference's whole rule: "string = 17 characters". Query values are
    // percent-encoded, so no character can break the request.
    s.chars().count() == 17
}

/// Whether `s` is an in-progress ticket's voucher code: 4 to 8 of `[A-Z0-9]`.
pub fn is_voucher_code(s: &str) -> bool {
    (4..=8).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Whether `s` fits a ticket's `customer_reference` / `operator_reference`: at most 255 characters.
pub fn is_reference(s: &str) -> bool {
    is_reference_bytes(s.as_bytes())
}

/// Refuses anything but a UUID, naming `field`.
pub fn uuid(field: &str, value: &str) -> Result<(), Error> {
    if is_uuid(value) {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("expected {UUID_EXPECTED}, got the string {}", quote(value)),
        ))
    }
}

/// Refuses anything but an RFC 3339 date-time, naming `field`.
pub fn date_time(field: &str, value: &str) -> Result<(), Error> {
    if is_rfc3339(value) {
        Ok(())
    } else {
        // A local time without its offset is the usual slip: say what is missing.
        let missing_offset = if is_rfc3339(&format!("{value}Z")) {
            ", which has no time zone offset (add Z for UTC, or one such as +01:00)"
        } else {
            ""
        };
        Err(Error::validation(
            field,
            format!(
                "expected {DATE_TIME_EXPECTED}, got the string {}{missing_offset}",
                quote(value)
            ),
        ))
    }
}

/// Refuses anything but a 17-character VIN, naming `field`.
pub fn vin(field: &str, value: &str) -> Result<(), Error> {
    if is_vin(value) {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("expected {VIN_EXPECTED}, got the string {}", quote(value)),
        ))
    }
}

/// Refuses anything but a voucher code of 4 to 8 `[A-Z0-9]`, naming `field`.
pub fn voucher_code(field: &str, value: &str) -> Result<(), Error> {
    if is_voucher_code(value) {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("expected {VOUCHER_CODE_EXPECTED}, got the string {}", quote(value)),
        ))
    }
}

/// "an integer from 0 to 1000", "an integer of 0 or more".
pub fn int_expected(min: i64, max: i64) -> String {
    if min <= -MAX_SAFE_INTEGER && max >= MAX_SAFE_INTEGER {
        "an integer".to_owned()
    } else if max >= MAX_SAFE_INTEGER {
        format!("an integer of {min} or more")
    } else {
        format!("an integer from {min} to {max}")
    }
}

/// Refuses integers outside `min..=max` (and beyond JavaScript's safe range), naming `field`.
pub fn int_range(field: &str, value: i64, min: i64, max: i64) -> Result<(), Error> {
    let expected = int_expected(min, max);
    if !is_safe_integer(value) {
        return Err(Error::validation(
            field,
            format!("expected {expected}, got {value}, beyond Number.MAX_SAFE_INTEGER in size"),
        ));
    }
    if value < min || value > max {
        return Err(Error::validation(field, format!("expected {expected}, got {value}")));
    }
    Ok(())
}

/// Refuses strings longer than `max` characters, naming `field`.
pub fn max_chars(field: &str, value: &str, max: usize) -> Result<(), Error> {
    let n = value.chars().count();
    if n > max {
        Err(Error::validation(
            field,
            format!("expected a string of at most {max} characters, got {n} characters"),
        ))
    } else {
        Ok(())
    }
}

/// Refuses an empty string, naming `field`.
pub fn non_empty(field: &str, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        Err(Error::validation(
            field,
            "expected a non-empty string, got the empty string",
        ))
    } else {
        Ok(())
    }
}

/// Refuses an empty array or one with a repeated item, naming `field` (and the index).
///
/// The pairwise search stops at the first repeat, so it is short only where
/// few distinct items exist (ticket states, checked as known first); integers
/// go through [`non_empty_unique_ints`].
pub fn non_empty_unique<T: PartialEq>(field: &str, items: &[T]) -> Result<(), Error> {
    non_empty_array(field, items)?;
    match (1..items.len()).find(|&i| items[..i].contains(&items[i])) {
        Some(i) => Err(repeated(field, i)),
        None => Ok(()),
    }
}

/// [`non_empty_unique`] for integers in linear time: a caller's array of a
/// million distinct ids took minutes in the pairwise search, with the page's
/// main thread blocked.
pub fn non_empty_unique_ints(field: &str, items: &[i64]) -> Result<(), Error> {
    non_empty_array(field, items)?;
    match first_repeat(items) {
        Some(i) => Err(repeated(field, i)),
        None => Ok(()),
    }
}

fn non_empty_array<T>(field: &str, items: &[T]) -> Result<(), Error> {
    if items.is_empty() {
        return Err(Error::validation(
            field,
            "expected a non-empty array, got an empty array",
        ));
    }
    Ok(())
}

fn repeated(field: &str, i: usize) -> Error {
    Error::validation(
        format!("{field}[{i}]"),
        "expected items that appear once each, got one that appeared before",
    )
}

/// The index of the first item equal to an earlier one: an open-addressing
/// set with linear probing (a few instructions, where a `HashSet` or a sort
/// would add kilobytes to the wasm module).
pub fn first_repeat(items: &[i64]) -> Option<usize> {
    if items.len() < 2 {
        return None;
    }
    // At most half full; a power of two, so the slot is the hash's top bits.
    let bits = (items.len() * 2).next_power_of_two().trailing_zeros().max(1);
    let mask = (1usize << bits) - 1;
    let mut slots: Vec<Option<i64>> = vec![None; 1 << bits];
    for (i, &item) in items.iter().enumerate() {
        // Fibonacci hashing: consecutive ids land far apart.
        let mut slot = ((item as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize;
        loop {
            match slots.get(slot).copied().flatten() {
                None => break,
                Some(seen) if seen == item => return Some(i),
                Some(_) => slot = (slot + 1) & mask,
            }
        }
        if let Some(s) = slots.get_mut(slot) {
            *s = Some(item);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_accepts_canonical_form_and_refuses_path_tricks() {
        assert!(is_uuid("497f6eca-6276-4993-bfeb-53cbbbba6f08"));
        assert!(is_uuid("497F6ECA-6276-4993-BFEB-53CBBBBA6F08"));
        for bad in [
            "",
            "../admin",
            "a/b",
            "497f6eca62764993bfeb53cbbbba6f08",
            "497f6eca-6276-4993-bfeb-53cbbbba6f0g",
            "497f6eca-6276-4993-bfeb-53cbbbba6f08/",
            "%2e%2e",
        ] {
            assert!(!is_uuid(bad), "{bad}");
        }
        let e = uuid("ticketId", "../admin").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("ticketId"));
        assert_eq!(
            e.message,
            "Invalid `ticketId`: expected a UUID string, got the string \"../admin\"."
        );
    }

    #[test]
    fn rfc3339_accepts_zulu_offsets_and_fractions() {
        for ok in [
            "2023-03-15T08:34:28Z",
            "2023-03-15t08:34:28z",
            "2024-02-29T23:59:60.123456Z",
            "2025-01-01T00:59:60.5+01:00",
            "2023-03-15T08:34:28-05:30",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "",
            "2023-03-15",
            "2023-03-15 08:34:28Z",
            "2023-02-29T00:00:00Z",
            "2023-13-01T00:00:00Z",
            "2023-03-15T24:00:00Z",
            "2023-03-15T08:34:28",
            "2023-03-15T08:34:28.Z",
            "2023-03-15T08:34:28+0100",
            "2023-03-15T08:34:28Z&x=1",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
        assert_eq!(
            date_time("created_after", "yesterday").unwrap_err().field.as_deref(),
            Some("created_after")
        );
    }

    #[test]
    fn vin_is_exactly_17_characters_as_the_reference_says() {
        for ok in ["JH4KA7630PC007649", "JH4KA7630PC00764&", "ÄH4KA7630PC007649"] {
            assert!(vin("vin", ok).is_ok(), "{ok}");
        }
        for bad in ["", "JH4KA7630PC00764", "JH4KA7630PC0076499", "JH4KA7630PC00764\n+"] {
            let e = vin("vin", bad).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("vin"));
        }
    }

    #[test]
    fn voucher_code_is_4_to_8_upper_alphanumerics() {
        for ok in ["WQ4MM3", "ABCD", "ABCD1234"] {
            assert!(voucher_code("voucher_code", ok).is_ok(), "{ok}");
        }
        for bad in ["ABC", "ABCD12345", "wq4mm3", "WQ4-M3"] {
            assert_eq!(
                voucher_code("voucher_code", bad).unwrap_err().field.as_deref(),
                Some("voucher_code")
            );
        }
    }

    #[test]
    fn int_range_refuses_out_of_range_and_unsafe_integers() {
        assert!(int_range("limit", 0, 0, 1000).is_ok());
        assert!(int_range("limit", 1000, 0, 1000).is_ok());
        assert_eq!(
            int_range("limit", 1001, 0, 1000).unwrap_err().message,
            "Invalid `limit`: expected an integer from 0 to 1000, got 1001."
        );
        assert!(int_range("offset", -1, 0, MAX_SAFE_INTEGER).is_err());
        assert!(int_range("offset", MAX_SAFE_INTEGER, 0, MAX_SAFE_INTEGER).is_ok());
        let e = int_range("offset", MAX_SAFE_INTEGER + 1, 0, i64::MAX).unwrap_err();
        assert!(e.message.contains("Number.MAX_SAFE_INTEGER"), "{}", e.message);
    }

    #[test]
    fn references_are_at_most_255_characters() {
        assert!(max_chars("customer_reference", &"é".repeat(255), 255).is_ok());
        assert_eq!(
            max_chars("customer_reference", &"a".repeat(256), 255)
                .unwrap_err()
                .field
                .as_deref(),
            Some("customer_reference")
        );
    }

    #[test]
    fn first_repeat_finds_the_first_item_seen_before() {
        assert_eq!(first_repeat(&[]), None);
        assert_eq!(first_repeat(&[7]), None);
        assert_eq!(first_repeat(&[7, 7]), Some(1));
        assert_eq!(first_repeat(&[1, 2, 3, 2, 1]), Some(3));
        assert_eq!(first_repeat(&[-1, i64::MIN, 0, i64::MAX, i64::MIN]), Some(4));
        // Against the pairwise search, over arrays with many collisions in few slots.
        let mut seed = 42u64;
        for len in 2..200 {
            let items: Vec<i64> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((seed >> 33) % (len as u64 * 3)) as i64 * 1024
                })
                .collect();
            let pairwise = (1..items.len()).find(|&i| items[..i].contains(&items[i]));
            assert_eq!(first_repeat(&items), pairwise, "{items:?}");
        }
    }

    #[test]
    fn a_million_distinct_ids_are_checked_and_the_repeat_at_the_end_found() {
        let mut ids: Vec<i64> = (0..1_000_000).collect();
        assert!(non_empty_unique_ints("cancel_reason_id", &ids).is_ok());
        ids.push(999_999);
        assert_eq!(
            non_empty_unique_ints("cancel_reason_id", &ids)
                .unwrap_err()
                .field
                .as_deref(),
            Some("cancel_reason_id[1000000]")
        );
    }

    #[test]
    fn arrays_are_non_empty_and_unique() {
        assert_eq!(
            non_empty_unique_ints("cancel_reason_id", &[1, 2, 1])
                .unwrap_err()
                .message,
            "Invalid `cancel_reason_id[2]`: expected items that appear once each, got one that appeared before."
        );
        assert_eq!(
            non_empty_unique_ints("cancel_reason_id", &[]).unwrap_err().message,
            "Invalid `cancel_reason_id`: expected a non-empty array, got an empty array."
        );
        assert!(non_empty_unique("cancel_reason_id", &[1, 2]).is_ok());
        assert_eq!(
            non_empty_unique::<i64>("cancel_reason_id", &[])
                .unwrap_err()
                .field
                .as_deref(),
            Some("cancel_reason_id")
        );
        assert_eq!(
            non_empty_unique("cancel_reason_id", &[1, 2, 1])
                .unwrap_err()
                .field
                .as_deref(),
            Some("cancel_reason_id[2]")
        );
    }
}
