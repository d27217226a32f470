//! The formats the reference gives response fields, as predicates on raw
//! bytes (the body's, before any string is built). `jifeline-tickets-core`'s
//! `validate` module offers them on strings.

/// The largest integer a JavaScript number holds exactly (2^53 − 1).
///
/// int64 values beyond it would be silently rounded by `JSON.parse`, so they are
/// refused instead.
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// Whether `b` is a UUID in its canonical 8-4-4-4-12 hexadecimal form.
pub fn is_uuid_bytes(b: &[u8]) -> bool {
    // A hot path (ten per ticket when a page is validated): sixteen bytes a step in
    // WebAssembly with simd128, one table look-up a byte elsewhere.
    if b.len() != 36 {
        return false;
    }
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        use core::arch::wasm32::{u8x16_bitmask, u8x16_eq, u8x16_le, u8x16_splat, u8x16_sub, v128, v128_load, v128_or};
        // Which of the sixteen bytes are a hex digit, and which a dash.
        let classes = |v: v128| {
            let digit = u8x16_le(u8x16_sub(v, u8x16_splat(b'0')), u8x16_splat(9));
            let lower = v128_or(v, u8x16_splat(0x20));
            let letter = u8x16_le(u8x16_sub(lower, u8x16_splat(b'a')), u8x16_splat(5));
            (
                u8x16_bitmask(v128_or(digit, letter)),
                u8x16_bitmask(u8x16_eq(v, u8x16_splat(b'-'))),
            )
        };
        // SAFETY: `b.len() == 36`, so bytes 0..16, 16..32 and 20..36 are inside `b`.
        let (a, m, z) = unsafe {
            let p = b.as_ptr();
            (
                v128_load(p.cast()),
                v128_load(p.add(16).cast()),
                v128_load(p.add(20).cast()),
            )
        };
        // Dashes at 8 and 13; at 18 and 23 (2 and 7 of the second load); none in 20..36
        // past 23 (bit 3 of the third load is byte 23).
        let (ha, da) = classes(a);
        let (hm, dm) = classes(m);
        let (hz, dz) = classes(z);
        return da == (1 << 8 | 1 << 13)
            && ha == 0xffff & !da
            && dm == (1 << 2 | 1 << 7)
            && hm == 0xffff & !dm
            && dz == 1 << 3
            && hz == 0xffff & !dz;
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        const HEX: [bool; 256] = {
            let mut t = [false; 256];
            let mut i = 0;
            while i < 256 {
                t[i] = (i as u8).is_ascii_hexdigit();
                i += 1;
            }
            t
        };
        b[8] == b'-'
            && b[13] == b'-'
            && b[18] == b'-'
            && b[23] == b'-'
            && [&b[0..8], &b[9..13], &b[14..18], &b[19..23], &b[24..36]]
                .iter()
                .all(|part| part.iter().all(|&c| HEX[usize::from(c)]))
    }
}

/// Whether `b` is an RFC 3339 date-time (`2023-03-15T08:34:28Z`,
/// `2023-03-15T08:34:28.123+01:00`), with calendar-correct ranges.
pub fn is_rfc3339_bytes(b: &[u8]) -> bool {
    if b.len() < 20 {
        return false;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        if part.iter().all(u8::is_ascii_digit) {
            Some(part.iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0')))
        } else {
            None
        }
    };
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) =
        (num(0..4), num(5..7), num(8..10), num(11..13), num(14..16), num(17..19))
    else {
        return false;
    };
    if b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't') || b[13] != b':' || b[16] != b':' {
        return false;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut rest = &b[19..];
    if let Some((b'.', frac)) = rest.split_first() {
        let digits = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        rest = &frac[digits..];
    }
    // The offset in minutes east of UTC.
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            if ![h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()) {
                return false;
            }
            let (h, m) = (
                i32::from((h1 - b'0') * 10 + (h2 - b'0')),
                i32::from((m1 - b'0') * 10 + (m2 - b'0')),
            );
            if h > 23 || m > 59 {
                return false;
            }
            if *sign == b'-' {
                -(h * 60 + m)
            } else {
                h * 60 + m
            }
        }
        _ => return false,
    };
    second < 60 || is_leap_second(day, days_in_month, hour, minute, offset)
}

/// Whether second 60 of `hour:minute` on `day` (of a month of `days_in_month`
/// days), at `offset` minutes east of UTC, is a leap second's place: the last
/// minute of a month in UTC, the only one RFC 3339 §5.7 allows, as the mock's
/// parser (the `time` crate) holds it.
fn is_leap_second(day: u32, days_in_month: u32, hour: u32, minute: u32, offset: i32) -> bool {
    // Both below 24 * 60 and in range: no overflow.
    let utc = (hour * 60 + minute) as i32 - offset;
    if utc.rem_euclid(24 * 60) != 23 * 60 + 59 {
        return false;
    }
    match utc.div_euclid(24 * 60) {
        // The day before in UTC: the last of the previous month when this is the first.
        -1 => day == 1,
        0 => day == days_in_month,
        _ => day + 1 == days_in_month,
    }
}

/// Whether the UTF-8 bytes `b` are at most 255 characters (a ticket's references).
pub fn is_reference_bytes(b: &[u8]) -> bool {
    // Bytes bound characters from above, so most strings need no count;
    // otherwise count the bytes that start a character.
    b.len() <= 255 || b.iter().filter(|&&c| c & 0xC0 != 0x80).count() <= 255
}

/// Whether `n` is a value JavaScript numbers hold exactly.
pub fn is_safe_integer(n: i64) -> bool {
    (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_60_only_in_the_last_minute_of_a_month_in_utc() {
        for (text, valid) in [
            ("2016-12-31T23:59:60Z", true),
            ("2015-06-30T23:59:60.5Z", true),
            ("2016-12-31T18:59:60-05:00", true),
            ("2017-01-01T00:59:60+01:00", true),
            ("2016-02-29T22:59:60-01:00", true),
            ("2016-02-28T23:59:60-01:00", false),
            ("2016-02-28T23:59:60Z", false),
            ("2016-02-29T23:59:60Z", true),
            ("2023-03-15T08:34:60Z", false),
            ("2016-12-31T23:58:60Z", false),
            ("2016-12-31T23:59:60+01:00", false),
            ("2016-12-30T23:59:60-01:00", false),
            ("2016-12-31T23:59:61Z", false),
            ("2016-12-31T23:59:59Z", true),
        ] {
            assert_eq!(is_rfc3339_bytes(text.as_bytes()), valid, "{text}");
        }
    }

    #[test]
    fn is_uuid_takes_the_form_and_nothing_else() {
        let good = b"497f6eca-6276-4993-bfeb-53cbbbba6f08";
        assert!(is_uuid_bytes(good));
        assert!(is_uuid_bytes(b"497F6ECA-6276-4993-BFEB-53CBBBBA6F08"));
        assert!(!is_uuid_bytes(&good[..35]));
        for at in 0..36 {
            for c in [b'g', b'G', b'-', b'0', b'/', b':', b'@', b'`', b' ', 0x00, 0x80, 0xc6] {
                let mut b = *good;
                let dash = matches!(at, 8 | 13 | 18 | 23);
                b[at] = c;
                let expected = if dash { c == b'-' } else { c.is_ascii_hexdigit() };
                assert_eq!(is_uuid_bytes(&b), expected, "{}", String::from_utf8_lossy(&b));
            }
        }
    }
}
