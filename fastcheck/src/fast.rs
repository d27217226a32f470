//! A conservative fast path for `jifeline_tickets_core::check`: a
//! hand-written scan that answers "certainly valid" or "not sure".
//!
//! It never decides a failure. Any byte it does not expect (an escape in a
//! string that needs a content check, an exponent, a duplicate key, deep
//! nesting, invalid UTF-8) makes it answer "not sure", and the core's exact
//! reader then gives the verdict and the error. So it can only be faster,
//! never different: the core's property tests (and, for the SIMD build, a
//! wasm-bindgen test) hold it to the exact reader.

use crate::bytes::{is_ascii, stop_at};
use crate::formats as validate;
use crate::schema::{Field, Kind, Schema};

/// Whether `body` certainly matches `schema`.
pub fn certainly_valid(body: &[u8], schema: &Schema) -> bool {
    fast_check(body, schema).is_some()
}

/// `Some(complete)` where `body` certainly matches `schema`, `complete` when
/// no object of a schema left out an optional field (one the reference says
/// is "only present" for some tickets); `None` where it is not sure.
pub fn fast_check(body: &[u8], schema: &Schema) -> Option<bool> {
    if !is_ascii(body) && std::str::from_utf8(body).is_err() {
        return None;
    }
    let mut s = Scan {
        b: body,
        i: 0,
        depth: 0,
        absent: false,
    };
    s.ws();
    if !s.object(schema) {
        return None;
    }
    s.ws();
    (s.i == s.b.len()).then_some(!s.absent)
}

const MAX_DEPTH: u32 = 64;

/// `a == b`, byte by byte: field names are short, and a call to `memcmp` per
/// key cost more than the comparison.
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

struct Scan<'a> {
    b: &'a [u8],
    i: usize,
    depth: u32,
    /// Whether an object of a schema left out one of its optional fields.
    absent: bool,
}

impl<'a> Scan<'a> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    #[inline(always)]
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    #[inline(always)]
    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    #[inline(always)]
    fn literal(&mut self, word: &[u8]) -> bool {
        if self.b[self.i..].starts_with(word) {
            self.i += word.len();
            true
        } else {
            false
        }
    }

    /// Whether the key `field.name` (quoted, without escapes) and its colon
    /// come next, with no space between; they are consumed if so.
    #[inline(always)]
    fn key_is(&mut self, field: &Field) -> bool {
        let n = field.name.len() + 3;
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        if n <= 32 && self.i + 32 <= self.b.len() {
            use core::arch::wasm32::{u8x16_bitmask, u8x16_eq, v128_load};
            // SAFETY: `self.i + 32 <= self.b.len()` and `quoted` is 32 bytes long.
            let equal = unsafe {
                let have = self.b.as_ptr().add(self.i);
                let want = field.quoted.as_ptr();
                let low = u8x16_bitmask(u8x16_eq(v128_load(have.cast()), v128_load(want.cast())));
                let high = u8x16_bitmask(u8x16_eq(v128_load(have.add(16).cast()), v128_load(want.add(16).cast())));
                u32::from(low) | u32::from(high) << 16
            };
            let all = if n == 32 { u32::MAX } else { (1u32 << n) - 1 };
            if equal & all == all {
                self.i += n;
                return true;
            }
            return false;
        }
        // Natively and near the end of the body, byte by byte (`quoted` is all zeros for a name too long for
        // it, which then never matches here and is found by the lookup).
        let hit = field
            .quoted
            .get(..n)
            .zip(self.b.get(self.i..self.i + n))
            .is_some_and(|(want, have)| same(have, want));
        if hit {
            self.i += n;
        }
        hit
    }

    /// A string's raw content (between the quotes), and whether it had escapes.
    /// Refuses control characters, bad escapes and any surrogate escape.
    fn string(&mut self) -> Option<(&'a [u8], bool)> {
        self.ws();
        if self.peek() != Some(b'"') {
            return None;
        }
        self.i += 1;
        let start = self.i;
        let mut escaped = false;
        loop {
            // Plain bytes in bulk; only a quote, a backslash or a control byte stops the run.
            self.i = stop_at(self.b, self.i);
            let c = *self.b.get(self.i)?;
            match c {
                b'"' => {
                    let content = &self.b[start..self.i];
                    self.i += 1;
                    return Some((content, escaped));
                }
                b'\\' => {
                    escaped = true;
                    match *self.b.get(self.i + 1)? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.i += 2,
                        b'u' => {
                            let hex = self.b.get(self.i + 2..self.i + 6)?;
                            if !hex.iter().all(u8::is_ascii_hexdigit) || matches!(hex[0], b'd' | b'D') {
                                // Surrogates (D800–DFFF) are left to serde_json's rules.
                                return None;
                            }
                            self.i += 6;
                        }
                        _ => return None,
                    }
                }
                0..=0x1f => return None,
                _ => self.i += 1,
            }
        }
    }

    /// An integer without fraction or exponent, of at most 16 digits.
    fn integer(&mut self) -> Option<i64> {
        self.ws();
        let negative = self.peek() == Some(b'-');
        if negative {
            self.i += 1;
        }
        let digits = self.i;
        let mut n: i64 = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            n = n * 10 + i64::from(d - b'0');
            self.i += 1;
            if self.i - digits > 16 {
                return None;
            }
        }
        let len = self.i - digits;
        if len == 0 || (len > 1 && self.b[digits] == b'0') || matches!(self.peek(), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        Some(if negative { -n } else { n })
    }

    /// Any JSON number without an exponent (whose range rules are serde_json's to apply).
    fn number(&mut self) -> bool {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let digits = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        let n = self.i - digits;
        if n == 0 || (n > 1 && self.b[digits] == b'0') || n > 17 {
            return false;
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            let frac = self.i;
            while let Some(b'0'..=b'9') = self.peek() {
                self.i += 1;
            }
            if self.i == frac || self.i - frac > 17 {
                return false;
            }
        }
        !matches!(self.peek(), Some(b'e' | b'E'))
    }

    /// Any JSON value, checked for syntax only.
    fn any(&mut self) -> bool {
        self.ws();
        match self.peek() {
            Some(b'"') => self.string().is_some(),
            Some(b'{') => self.nested(|s| {
                s.i += 1;
                if s.eat(b'}') {
                    return true;
                }
                loop {
                    if s.string().is_none() || !s.eat(b':') || !s.any() {
                        return false;
                    }
                    if s.eat(b'}') {
                        return true;
                    }
                    if !s.eat(b',') {
                        return false;
                    }
                }
            }),
            Some(b'[') => self.nested(|s| {
                s.i += 1;
                if s.eat(b']') {
                    return true;
                }
                loop {
                    if !s.any() {
                        return false;
                    }
                    if s.eat(b']') {
                        return true;
                    }
                    if !s.eat(b',') {
                        return false;
                    }
                }
            }),
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => false,
        }
    }

    fn nested(&mut self, f: impl FnOnce(&mut Self) -> bool) -> bool {
        if self.depth >= MAX_DEPTH {
            return false;
        }
        self.depth += 1;
        let ok = f(self);
        self.depth -= 1;
        ok
    }

    /// An object of `schema`: known fields checked, unknown ones skipped,
    /// required ones present, none twice.
    fn object(&mut self, schema: &Schema) -> bool {
        self.ws();
        if self.peek() != Some(b'{') {
            return false;
        }
        self.nested(|s| {
            s.i += 1;
            let mut seen: u32 = 0;
            let mut hint = 0;
            if !s.eat(b'}') {
                let fields = schema.fields;
                loop {
                    // Servers send the fields in the reference's order: the expected
                    // key is compared in place, quotes and colon included, before any scan.
                    s.ws();
                    let found = match fields.get(hint) {
                        Some(f) if s.key_is(f) => Some(hint),
                        _ => {
                            let Some((key, false)) = s.string() else { return false };
                            if !s.eat(b':') {
                                return false;
                            }
                            fields.iter().position(|f| f.name.as_bytes() == key)
                        }
                    };
                    match found {
                        Some(i) => {
                            if seen & (1 << i) != 0 || !s.value(&fields[i]) {
                                return false;
                            }
                            seen |= 1 << i;
                            hint = i + 1;
                        }
                        None => {
                            if !s.any() {
                                return false;
                            }
                        }
                    }
                    // Compact JSON first: the separator right after the value.
                    match s.peek() {
                        Some(b',') => s.i += 1,
                        Some(b'}') => {
                            s.i += 1;
                            break;
                        }
                        _ if s.eat(b'}') => break,
                        _ if s.eat(b',') => {}
                        _ => return false,
                    }
                }
            }
            // Schemas have fewer than 32 fields (the `seen` bits).
            if seen != (1u32 << schema.fields.len()) - 1 {
                s.absent = true;
            }
            schema
                .fields
                .iter()
                .enumerate()
                .all(|(i, f)| f.optional || seen & (1 << i) != 0)
        })
    }

    fn value(&mut self, field: &Field) -> bool {
        self.ws();
        if self.peek() == Some(b'n') {
            return field.optional && self.literal(b"null");
        }
        match field.kind {
            // A UUID has no escapes, no quotes and 36 bytes: checked in place.
            Kind::Uuid => {
                let hit = self.peek() == Some(b'"')
                    && self.b.get(self.i + 37) == Some(&b'"')
                    && self.b.get(self.i + 1..self.i + 37).is_some_and(validate::is_uuid_bytes);
                self.i += 38;
                hit
            }
            Kind::DateTime | Kind::Reference => match self.string() {
                // Checked on the raw bytes, so an escaped string goes the slow way.
                Some((raw, false)) => match field.kind {
                    Kind::DateTime => validate::is_rfc3339_bytes(raw),
                    _ => validate::is_reference_bytes(raw),
                },
                _ => false,
            },
            Kind::Text => self.string().is_some(),
            Kind::SafeInt => self.integer().is_some_and(validate::is_safe_integer),
            Kind::Int32 => self.integer().is_some_and(|n| i32::try_from(n).is_ok()),
            Kind::Bool => self.literal(b"true") || self.literal(b"false"),
            Kind::Object => self.peek() == Some(b'{') && self.any(),
            Kind::Items(schema) => {
                if self.peek() != Some(b'[') {
                    return false;
                }
                self.nested(|s| {
                    s.i += 1;
                    if s.eat(b']') {
                        return true;
                    }
                    loop {
                        if !s.object(schema) {
                            return false;
                        }
                        if s.eat(b']') {
                            return true;
                        }
                        if !s.eat(b',') {
                            return false;
                        }
                    }
                })
            }
        }
    }
}
