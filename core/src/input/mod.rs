//! Reading caller input (queries, the update, transitions) with an error that
//! names the field by its path (`limit`, `state[1]`, `transition.provider_id`)
//! and says, in JavaScript's words, what was expected and what was given.
//!
//! Any serde [`Deserializer`] will do: the JavaScript binding reads the
//! caller's values themselves through serde-wasm-bindgen (no `JSON.stringify`
//! on the way, which would turn `NaN` into `null` and drop a `BigInt`), and
//! [`from_json`] reads JSON text for Rust callers and tests. The field readers
//! are in `fields`; what a value was, in words, is in [`given`].

pub mod fields;
pub mod given;

pub(crate) use fields::{
    int, int_expected, list, opt_bool, opt_date_time, opt_int, opt_int_list, opt_text, opt_uuid, opt_vin,
    opt_voucher_code, string_of, uuid, uuid_list,
};

use serde::de::DeserializeOwned;
use serde::Deserializer;

use crate::error::Error;

/// An input type: what serde reads, and the keys a caller may give.
pub trait Input: DeserializeOwned {
    /// The keys this input accepts; any other key is refused.
    const KEYS: &'static [&'static str];
    /// What it is, for the message about an unknown key (`a ticket query parameter`).
    const KEY_KIND: &'static str;
}

/// The reason for an unknown key: what it is not, and what would be.
pub fn unknown_key_reason(kind: &str, allowed: &[&str]) -> String {
    if allowed.is_empty() {
        return format!("is not {kind}; this input takes no fields");
    }
    format!("is not {kind}; expected one of {}", allowed.join(", "))
}

/// Refuses the first key of `keys` that `T` does not accept. A deserializer
/// of JavaScript values reads only the keys it asks for, so the binding checks
/// the others here; JSON's `deny_unknown_fields` says the same below.
pub fn check_keys<'a, T: Input>(keys: impl IntoIterator<Item = &'a str>, prefix: Option<&str>) -> Result<(), Error> {
    check_keys_of(keys, T::KEYS, T::KEY_KIND, prefix)
}

pub(crate) fn check_keys_of<'a>(
    keys: impl IntoIterator<Item = &'a str>,
    allowed: &[&str],
    kind: &str,
    prefix: Option<&str>,
) -> Result<(), Error> {
    match keys.into_iter().find(|k| !allowed.contains(k)) {
        Some(key) => Err(Error::validation(join(prefix, key), unknown_key_reason(kind, allowed))),
        None => Ok(()),
    }
}

fn join(prefix: Option<&str>, path: &str) -> String {
    match (prefix, path) {
        (None, p) => p.to_owned(),
        (Some(root), "" | ".") => root.to_owned(),
        (Some(root), p) if p.starts_with('[') => format!("{root}{p}"),
        (Some(root), p) => format!("{root}.{p}"),
    }
}

/// Reads `T` from `de`; paths in errors are prefixed with `prefix`
/// (`transition`) when given, and name `root` when they name the whole value.
pub fn read<'de, T: Input, D: Deserializer<'de>>(de: D, root: &str, prefix: Option<&str>) -> Result<T, Error>
where
    D::Error: std::fmt::Display,
{
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let reason = e.into_inner().to_string();
        // serde-wasm-bindgen's errors are JS `Error`s, written as "Error: …".
        let reason = reason.strip_prefix("Error: ").map(str::to_owned).unwrap_or(reason);
        let at = |p: &str| match (p, prefix) {
            ("" | ".", None) => root.to_owned(),
            (p, prefix) => join(prefix, p),
        };
        // serde's derive names the field itself in these two; the path is the parent's.
        if let Some(name) = backticked(&reason, "missing field `") {
            return Error::validation(at(&child(&path, name)), "required, but missing");
        }
        if let Some(name) = backticked(&reason, "unknown field `") {
            return Error::validation(at(&child(&path, name)), unknown_key_reason(T::KEY_KIND, T::KEYS));
        }
        if let Some(name) = backticked(&reason, "duplicate field `") {
            return Error::validation(at(&child(&path, name)), "appears twice");
        }
        Error::validation(at(&path), strip_position(reason))
    })
}

fn backticked<'a>(reason: &'a str, prefix: &str) -> Option<&'a str> {
    reason.strip_prefix(prefix)?.split('`').next()
}

/// `path.name`, unless the path already ends at `name` (serde_path_to_error
/// names an unknown key itself, a missing one by its parent).
fn child(path: &str, name: &str) -> String {
    match path {
        "" | "." => name.to_owned(),
        p if p == name || p.ends_with(&format!(".{name}")) => p.to_owned(),
        p => format!("{p}.{name}"),
    }
}

fn strip_position(mut reason: String) -> String {
    if let Some(i) = reason.rfind(" at line ") {
        reason.truncate(i);
    }
    reason
}

/// Parses JSON text as `T`; `root` names the whole value in messages.
pub fn from_json<T: Input>(json: &str, root: &str, prefix_paths: bool) -> Result<T, Error> {
    if !json.trim_start().starts_with('{') {
        return Err(Error::validation(root, "expected an object"));
    }
    let mut de = serde_json::Deserializer::from_str(json);
    read(&mut de, root, prefix_paths.then_some(root))
}

#[cfg(test)]
mod tests;
