//! Validation of response bodies without building values.
//!
//! The JavaScript binding does not need Rust values: the engine's own
//! `JSON.parse` builds the objects faster than any conversion from Rust. It
//! needs to know that the body matches the reference. A [`Schema`] lists each
//! resource's fields as data, and one table-driven visitor checks any of them
//! while reading the JSON tokens, allocating nothing: a page costs little more
//! than a scan, and the wasm module carries one visitor instead of one
//! generated deserialiser per resource.
//!
//! The JSON path of a failure (`result[3].ticket_number`) is found on a second
//! pass that only a failing body pays for. The schemas themselves are written
//! by the resource declarations ([`crate::model`]); `tests/properties.rs` holds
//! each to its Rust type: whatever a schema accepts, serde can build.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::error::Error;
use crate::input::given::{mismatch, Given, GivenVisitor};
use crate::validate;

mod fast;

/// What a field holds.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A UUID string.
    Uuid,
    /// An RFC 3339 date-time string.
    DateTime,
    /// Any string.
    Text,
    /// A string of at most 255 characters (the references).
    Reference,
    /// An integer a JavaScript number holds exactly.
    SafeInt,
    /// A 32-bit integer.
    Int32,
    /// A boolean.
    Bool,
    /// Any JSON object (a page's `query` echo).
    Object,
    /// An array of objects of a schema.
    Items(&'static Schema),
}

/// One field of a resource.
#[derive(Debug)]
pub struct Field {
    /// The wire name.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Whether it may be `null` or left out (`string or null` in the reference).
    pub optional: bool,
}

/// A resource's fields. Unknown fields are ignored, as the models ignore them.
#[derive(Debug)]
pub struct Schema {
    /// The resource's name, for messages.
    pub name: &'static str,
    /// Its fields, in the reference's order (the order servers send them in,
    /// which the key lookup tries first).
    pub fields: &'static [Field],
}

use Kind::*;

/// Checks `body` (already known to be non-empty JSON-typed) against `schema`.
pub(crate) fn check(body: &[u8], schema: &'static Schema) -> Result<(), Error> {
    if fast::certainly_valid(body, schema) {
        return Ok(());
    }
    let fast = {
        let mut de = serde_json::Deserializer::from_slice(body);
        ObjectSeed { schema, track: false }
            .deserialize(&mut de)
            .and_then(|()| de.end())
    };
    let Err(e) = fast else { return Ok(()) };
    if !matches!(e.classify(), serde_json::error::Category::Data) {
        return Err(Error::decode(None, describe_json_error(&e)));
    }
    // Second pass, only for a body that failed: find where.
    let mut de = serde_json::Deserializer::from_slice(body);
    let e = match (ObjectSeed { schema, track: true }).deserialize(&mut de) {
        Ok(()) => e,
        Err(e) => e,
    };
    let text = strip_position(e.to_string());
    match text.strip_prefix(PATH).and_then(|t| t.split_once(REASON)) {
        Some((path, reason)) => Err(Error::decode(Some(path.to_owned()), reason)),
        None => Err(Error::decode(None, text)),
    }
}

/// Markers of a tracked error's message: `PATH` path `REASON` reason.
const PATH: char = '\u{1f}';
const REASON: char = '\u{1e}';

fn strip_position(mut text: String) -> String {
    if let Some(i) = text.rfind(" at line ") {
        text.truncate(i);
    }
    text
}

/// Prefixes a tracked error with one more path segment (`name` or `[i]`).
fn within<E: de::Error>(track: bool, segment: fmt::Arguments<'_>, e: E) -> E {
    if !track {
        return e;
    }
    let text = strip_position(e.to_string());
    let segment = segment.to_string();
    match text.strip_prefix(PATH) {
        Some(inner) if inner.starts_with('[') || inner.starts_with(REASON) => {
            E::custom(format!("{PATH}{segment}{inner}"))
        }
        Some(inner) => E::custom(format!("{PATH}{segment}.{inner}")),
        None => E::custom(format!("{PATH}{segment}{REASON}{text}")),
    }
}

struct ObjectSeed {
    schema: &'static Schema,
    track: bool,
}

impl<'de> DeserializeSeed<'de> for ObjectSeed {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// Refuses, as `expected`, whatever a visitor was not written for, saying what it got.
macro_rules! refuse_others {
    ($expected:expr; $($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<E: de::Error>(self, $($arg: $ty),*) -> Result<(), E> {
            let given = GivenVisitor.$method($($arg),*)?;
            Err(mismatch(&$expected(&self), &given))
        }
    )*};
}

impl<'de> Visitor<'de> for ObjectSeed {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        let given = GivenVisitor.visit_seq(seq)?;
        Err(mismatch("an object", &given))
    }

    refuse_others! { |_: &Self| "an object";
        visit_bool(v: bool);
        visit_i64(v: i64);
        visit_u64(v: u64);
        visit_f64(v: f64);
        visit_str(v: &str);
        visit_unit();
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let fields = self.schema.fields;
        let mut seen: u32 = 0;
        let mut next = 0;
        while let Some(found) = map.next_key_seed(KeySeed { fields, hint: next })? {
            let Some(i) = found else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let field = &fields[i];
            if seen & (1 << i) != 0 {
                return Err(within(
                    self.track,
                    format_args!("{}", field.name),
                    de::Error::custom("the field appears twice"),
                ));
            }
            seen |= 1 << i;
            next = i + 1;
            map.next_value_seed(ValueSeed {
                field,
                track: self.track,
            })
            .map_err(|e| within(self.track, format_args!("{}", field.name), e))?;
        }
        for (i, field) in fields.iter().enumerate() {
            if !field.optional && seen & (1 << i) == 0 {
                return Err(within(
                    self.track,
                    format_args!("{}", field.name),
                    de::Error::custom(format_args!(
                        "expected {}, but the field is missing",
                        expected(field.kind)
                    )),
                ));
            }
        }
        Ok(())
    }
}

/// Finds a key's field index, trying the next field in order first.
struct KeySeed {
    fields: &'static [Field],
    hint: usize,
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        if self.fields.get(self.hint).is_some_and(|f| f.name == key) {
            return Ok(Some(self.hint));
        }
        Ok(self.fields.iter().position(|f| f.name == key))
    }
}

struct ValueSeed {
    field: &'static Field,
    track: bool,
}

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if self.field.optional {
            d.deserialize_option(self)
        } else {
            KindSeed {
                kind: self.field.kind,
                track: self.track,
            }
            .deserialize(d)
        }
    }
}

impl<'de> Visitor<'de> for ValueSeed {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("option")
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        KindSeed {
            kind: self.field.kind,
            track: self.track,
        }
        .deserialize(d)
    }
}

struct KindSeed {
    kind: Kind,
    track: bool,
}

impl<'de> DeserializeSeed<'de> for KindSeed {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// What a field of `kind` holds, in a message's words.
fn expected(kind: Kind) -> &'static str {
    match kind {
        Uuid => "a UUID string",
        DateTime => "an RFC 3339 date-time string",
        Text => "a string",
        Reference => "a string of at most 255 characters",
        SafeInt => "an integer",
        Int32 => "an integer from -2147483648 to 2147483647",
        Bool => "true or false",
        Object => "an object",
        Items(_) => "an array of objects",
    }
}

impl KindSeed {
    fn integer<E: de::Error>(self, n: i128) -> Result<(), E> {
        let fits = match self.kind {
            SafeInt => n.unsigned_abs() <= validate::MAX_SAFE_INTEGER as u128,
            Int32 => i32::try_from(n).is_ok(),
            _ => return Err(mismatch(expected(self.kind), &Given::Int(n))),
        };
        if fits {
            Ok(())
        } else if matches!(self.kind, SafeInt) {
            Err(E::custom(format_args!(
                "expected an integer a JavaScript number holds exactly, got {n}, beyond Number.MAX_SAFE_INTEGER"
            )))
        } else {
            Err(mismatch(expected(self.kind), &Given::Int(n)))
        }
    }
}

impl<'de> Visitor<'de> for KindSeed {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(expected(self.kind))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        let valid = match self.kind {
            Uuid => validate::is_uuid(s),
            DateTime => validate::is_rfc3339(s),
            Text => true,
            Reference => {
                if validate::is_reference(s) {
                    return Ok(());
                }
                return Err(E::custom(format_args!(
                    "expected a string of at most 255 characters, got {} characters",
                    s.chars().count()
                )));
            }
            _ => false,
        };
        if valid {
            Ok(())
        } else {
            Err(mismatch(expected(self.kind), &Given::Str(s.to_owned())))
        }
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<(), E> {
        self.integer(n.into())
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<(), E> {
        self.integer(n.into())
    }

    fn visit_f64<E: de::Error>(self, x: f64) -> Result<(), E> {
        Err(mismatch(expected(self.kind), &Given::Float(x)))
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<(), E> {
        match self.kind {
            Bool => Ok(()),
            _ => Err(mismatch(expected(self.kind), &Given::Bool(b))),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(format_args!("expected {}, got null", expected(self.kind))))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        if !matches!(self.kind, Object) {
            let given = GivenVisitor.visit_map(map)?;
            return Err(mismatch(expected(self.kind), &given));
        }
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Items(schema) = self.kind else {
            let given = GivenVisitor.visit_seq(seq)?;
            return Err(mismatch(expected(self.kind), &given));
        };
        let mut i = 0usize;
        loop {
            match seq.next_element_seed(ObjectSeed {
                schema,
                track: self.track,
            }) {
                Ok(Some(())) => i += 1,
                Ok(None) => return Ok(()),
                Err(e) => return Err(within(self.track, format_args!("[{i}]"), e)),
            }
        }
    }
}

/// A JSON error in words: where, for a syntax error; what, for a type error
/// (whose path the caller reports).
pub(crate) fn describe_json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax => format!(
            "the body is not valid JSON (at line {}, column {})",
            e.line(),
            e.column()
        ),
        Category::Eof => format!(
            "the body ends too early (at line {}, column {}); it may be truncated",
            e.line(),
            e.column()
        ),
        Category::Data | Category::Io => strip_position(e.to_string()),
    }
}
