//! Small value checks and the timestamp format shared by the whole mock.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// A hyphenated UUID (`8-4-4-4-12` hex digits, either case).
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// A voucher code of an in-progress ticket: 4 to 8 characters of `[A-Z0-9]`.
pub fn is_voucher_code(s: &str) -> bool {
    (4..=8).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// A VIN as the reference constrains it: exactly 17 characters.
pub fn is_vin(s: &str) -> bool {
    s.chars().count() == 17
}

/// Formats Unix seconds as an RFC 3339 `Z` string (`2024-05-01T10:00:00Z`).
pub fn format_ts(secs: i64) -> String {
    OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default()
}

/// Parses an RFC 3339 date-time into Unix nanoseconds.
pub fn parse_ts_nanos(s: &str) -> Option<i128> {
    // RFC 3339's ABNF separates date and time with "T" (or "t"); the `time`
    // crate also takes a space, which the reference's date-time does not.
    if !matches!(s.as_bytes().get(10), Some(b'T' | b't')) {
        return None;
    }
    OffsetDateTime::parse(s, &Rfc3339)
        .ok()
        .map(|t| t.unix_timestamp_nanos())
}

/// Serde helper: Unix seconds as an RFC 3339 string.
pub fn ser_ts<S: serde::Serializer>(secs: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_ts(*secs))
}

/// Serde helper: optional Unix seconds as an RFC 3339 string or null.
pub fn ser_ts_opt<S: serde::Serializer>(secs: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
    match secs {
        Some(v) => s.serialize_str(&format_ts(*v)),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses() {
        assert_eq!(format_ts(1_704_067_200), "2024-01-01T00:00:00Z");
        assert_eq!(
            parse_ts_nanos("2024-01-01T01:00:00+01:00"),
            Some(1_704_067_200_000_000_000)
        );
        assert_eq!(parse_ts_nanos("2024-01-01"), None);
        assert_eq!(parse_ts_nanos("2024-01-01 00:00:00Z"), None);
        assert!(parse_ts_nanos("2024-01-01t00:00:00z").is_some());
    }

    #[test]
    fn checks() {
        assert!(is_uuid("497f6eca-6276-4993-bfeb-53cbbbba6f08"));
        assert!(!is_uuid("497f6eca62764993bfeb53cbbbba6f08"));
        assert!(is_voucher_code("WQ4MM3"));
        assert!(!is_voucher_code("wq4mm3"));
        assert!(!is_voucher_code("ABC"));
    }
}
