//! Reading caller input (queries, the update, transitions) with an error that
//! names the field by its path (`limit`, `state[1]`, `transition.provider_id`)
//! and says, in JavaScript's words, what was expected and what was given.
//!
//! Any serde [`Deserializer`] will do: the JavaScript binding reads the
//! caller's values themselves through serde-wasm-bindgen (no `JSON.stringify`
//! on the way, which would turn `NaN` into `null` and drop a `BigInt`), and
//! [`from_json`] reads JSON text for Rust callers and tests. Either way the
//! input becomes one [`Value`] tree, whose fields each input type reads by
//! hand ([`fields`]); what a value was, in words, is in [`given`].
//!
//! The modules stand in floors, each using only those listed before it:
//!
//! * [`given`]: what a value was, in words;
//! * [`value`]: the tree, and where a value is in it;
//! * [`fields`]: reading one field of each kind.

pub mod fields;
pub mod given;
pub mod value;

use serde::{Deserialize, Deserializer};

pub use value::{unknown_key_reason, At, Members, Value, CALL_OPTION_KEYS};

use crate::error::Error;

/// An input type: read from a [`Value`], refusing unknown keys.
pub trait Input: Sized {
    /// The keys this input accepts; any other key is refused.
    const KEYS: &'static [&'static str];
    /// What it is, for the message about an unknown key (`a ticket query parameter`).
    const KEY_KIND: &'static str;
    /// Reads the input from its members.
    fn from_members(members: &Members<'_>) -> Result<Self, Error>;

    /// Reads the input from `value`, which must be an object.
    fn from_value(value: &Value, at: At<'_>) -> Result<Self, Error> {
        let members = Members::of(value, at, "an object")?;
        members.only(Self::KEYS, Self::KEY_KIND)?;
        Self::from_members(&members)
    }
}

/// Reads any serde value into a [`Value`]; a failure of the deserializer
/// itself (not JSON, say) is refused under `root`.
pub fn value_of<'de, D: Deserializer<'de>>(de: D, root: &str) -> Result<Value, Error>
where
    D::Error: std::fmt::Display,
{
    Value::deserialize(de).map_err(|e| {
        let reason = e.to_string();
        // serde-wasm-bindgen's errors are JS `Error`s, written as "Error: …".
        let reason = reason.strip_prefix("Error: ").unwrap_or(&reason);
        let reason = reason.rfind(" at line ").map_or(reason, |i| &reason[..i]);
        Error::validation(root, reason)
    })
}

/// Reads `T` from `de`. `root` names the whole value in messages; `prefix`
/// prefixes the paths of its fields (`transition`).
pub fn read<'de, T: Input, D: Deserializer<'de>>(de: D, root: &str, prefix: Option<&str>) -> Result<T, Error>
where
    D::Error: std::fmt::Display,
{
    T::from_value(&value_of(de, root)?, At::Root { root, prefix })
}

/// Parses JSON text as `T`; `root` names the whole value in messages.
pub fn from_json<T: Input>(json: &str, root: &str, prefix_paths: bool) -> Result<T, Error> {
    let mut de = serde_json::Deserializer::from_str(json);
    read(&mut de, root, prefix_paths.then_some(root))
}

/// Implements serde's `Deserialize` for an input type through [`Value`], for
/// Rust callers who read inputs from their own formats.
macro_rules! deserialize_through_value {
    ($($t:ty),*) => {$(
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let value = $crate::input::Value::deserialize(d)?;
                <$t as $crate::input::Input>::from_value(
                    &value,
                    $crate::input::At::Root { root: "input", prefix: None },
                )
                .map_err(|e| serde::de::Error::custom(e.message))
            }
        }
    )*};
}
pub(crate) use deserialize_through_value;
