//! A caller's input as one small tree, and reading fields out of it.
//!
//! Every input (queries, the update, transitions, a binding's call options)
//! is first read into a [`Value`] by one serde visitor, then its fields are
//! taken out by hand with their paths. One visitor instead of a derived
//! deserialiser per input type keeps the WebAssembly module small (the
//! derived ones, monomorphised per type and per deserializer, were the
//! largest functions of the module), and gives JSON and JavaScript inputs one
//! code path.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::given::{Given, DATE, DESCRIBED};
use crate::error::Error;

/// One input value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A leaf: a number, string, boolean, null, or a described value.
    Leaf(Given),
    /// An array.
    Array(Vec<Value>),
    /// An object, its members in the caller's order.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// What this value is, as a message's "got …" says it.
    pub fn given(&self) -> Given {
        match self {
            Value::Leaf(g) => g.clone(),
            Value::Array(_) => Given::Array,
            Value::Object(_) => Given::Object,
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Leaf(Given::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Leaf(Given::Int(v.into())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Leaf(Given::Int(v.into())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Leaf(Given::Float(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Leaf(Given::Str(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Leaf(Given::Str(v)))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Value, E> {
        Ok(Value::Leaf(Given::Described("a typed array".to_owned())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Leaf(Given::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Leaf(Given::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members: Vec<(String, Value)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value: Value = map.next_value()?;
            if members.is_empty() && (key == DESCRIBED || key == DATE) {
                if let Value::Leaf(Given::Str(text)) = value {
                    while map.next_entry::<de::IgnoredAny, de::IgnoredAny>()?.is_some() {}
                    let leaf = if key == DATE {
                        Given::Date(text)
                    } else {
                        Given::Described(text)
                    };
                    return Ok(Value::Leaf(leaf));
                }
            }
            members.push((key, value));
        }
        Ok(Value::Object(members))
    }
}

/// The keys of a call's options (`{ signal, timeoutMs, retry }`), the last
/// argument of every method.
pub const CALL_OPTION_KEYS: &[&str] = &["signal", "timeoutMs", "retry"];

/// The reason for an unknown `key`: what it is not, and what would be. A
/// call option given in a query or body was meant for the last argument: the
/// message says so instead of listing every parameter.
pub fn unknown_key_reason(key: &str, kind: &str, allowed: &[&str]) -> String {
    if CALL_OPTION_KEYS.contains(&key) {
        return format!("is not {kind} but a call option: pass it in the last argument, after this one ({{ {key} }})");
    }
    if allowed.is_empty() {
        return format!("is not {kind}; this input takes no fields");
    }
    format!("is not {kind}; expected one of {}", allowed.join(", "))
}

/// Where a value is: its path, built into a string only for a message.
#[derive(Debug, Clone, Copy)]
pub enum At<'a> {
    /// The whole input, named `root` in messages; its members are named bare
    /// (`limit`) or under a prefix (`transition.provider_id`).
    Root {
        /// The name of the whole input.
        root: &'a str,
        /// The prefix of its members' paths, if any.
        prefix: Option<&'a str>,
    },
    /// A member of an object.
    Key(&'a At<'a>, &'a str),
    /// An item of an array.
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    /// The path as messages write it: `limit`, `state[1]`, `transition.product_ids[0]`.
    pub fn path(&self) -> String {
        match self {
            At::Root { root, .. } => (*root).to_owned(),
            At::Key(At::Root { prefix: None, .. }, key) => (*key).to_owned(),
            At::Key(At::Root { prefix: Some(p), .. }, key) => format!("{p}.{key}"),
            At::Key(parent, key) => format!("{}.{key}", parent.path()),
            At::Index(parent, i) => format!("{}[{i}]", parent.path()),
        }
    }

    /// A refusal of the value here: "Invalid `path`: reason."
    pub fn refuse(&self, reason: impl fmt::Display) -> Error {
        Error::validation(self.path(), reason)
    }
}

/// The members of an input object, read one by one by name.
#[derive(Debug)]
pub struct Members<'a> {
    at: At<'a>,
    members: &'a [(String, Value)],
}

impl<'a> Members<'a> {
    /// The members of `value`, which must be an object (`what` says which, for the message).
    pub fn of(value: &'a Value, at: At<'a>, what: &str) -> Result<Self, Error> {
        match value {
            Value::Object(members) => Ok(Members { at, members }),
            other => Err(at.refuse(format_args!("expected {what}, got {}", other.given()))),
        }
    }

    /// Refuses the first key not in `allowed` (before any value is read, as
    /// the caller would fix a misspelt key first), then a key given twice.
    pub fn only(&self, allowed: &[&str], kind: &str) -> Result<(), Error> {
        match self.first_unknown(allowed) {
            Some(key) => Err(At::Key(&self.at, key).refuse(unknown_key_reason(key, kind, allowed))),
            None => self.refuse_repeats(),
        }
    }

    /// Where these members are, for messages about them.
    pub fn at(&self) -> &At<'a> {
        &self.at
    }

    /// The first key not in `allowed`.
    pub fn first_unknown(&self, allowed: &[&str]) -> Option<&'a str> {
        self.members
            .iter()
            .find(|(k, _)| !allowed.contains(&k.as_str()))
            .map(|(k, _)| k.as_str())
    }

    /// Refuses a key given twice, which JSON allows and JavaScript objects
    /// cannot. Run after [`Members::first_unknown`] found none: every key is
    /// then an allowed one, so a repeat turns up within the first
    /// `allowed.len() + 1` keys and this pairwise search stays short however
    /// many keys the input has (100,000 distinct keys took 50 s when it ran first).
    pub fn refuse_repeats(&self) -> Result<(), Error> {
        for (i, (key, _)) in self.members.iter().enumerate() {
            if self.members[..i].iter().any(|(k, _)| k == key) {
                return Err(At::Key(&self.at, key).refuse("appears twice"));
            }
        }
        Ok(())
    }

    /// Takes the member `key`, if given, and reads it with `read`.
    #[inline(always)]
    pub fn take<T>(
        &self,
        key: &str,
        read: impl FnOnce(&Value, &At<'_>) -> Result<T, Error>,
    ) -> Result<Option<T>, Error> {
        match self.find(key) {
            Some(value) => read(value, &At::Key(&self.at, key)).map(Some),
            None => Ok(None),
        }
    }

    /// The member `key`. Out of line: `take` is instantiated once per field
    /// read, and only this part is the same in all of them (the wasm module
    /// had 21 inlined copies for the ticket query alone).
    #[inline(never)]
    fn find(&self, key: &str) -> Option<&Value> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Takes the required member `key`; its absence is "required, but missing".
    pub fn require<T>(&self, key: &str, read: impl FnOnce(&Value, &At<'_>) -> Result<T, Error>) -> Result<T, Error> {
        match self.take(key, read)? {
            Some(v) => Ok(v),
            None => Err(At::Key(&self.at, key).refuse("required, but missing")),
        }
    }
}
