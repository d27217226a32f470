//! The caller's JS values into the core's input types: no `JSON.stringify` on
//! the way, so what the caller passed is what the core sees and what its
//! messages describe.
//!
//! Each input is read into the core's input tree ([`Value`]) by [`tree`],
//! through typed `Reflect` calls, and the core reads its fields (and unknown
//! keys) from there and writes every message. This was serde-wasm-bindgen
//! until the size ledger showed what it cost: about 20 KB of the module (its
//! own code, serde's visitor machinery, and the float formatting its
//! `invalid_type` path links in) for a walk of a few plain objects.

use jifeline_tickets_core::error::Error;
use jifeline_tickets_core::input::given::Given;
use jifeline_tickets_core::input::{At, Input, Value};
use jifeline_tickets_core::model::Transition;
use jifeline_tickets_core::validate::quote;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

/// Nesting deeper than this is left as it is: no input of the API nests that deep.
const MAX_DEPTH: u32 = 6;

/// What `value` is, as a message's "got …" says it.
pub(crate) fn describe(value: &JsValue) -> String {
    if value.is_undefined() {
        "undefined".to_owned()
    } else if value.is_null() {
        "null".to_owned()
    } else if let Some(s) = value.as_string() {
        format!("the string {}", quote(&s))
    } else if let Some(b) = value.as_bool() {
        b.to_string()
    } else if value.is_bigint() {
        format!("the BigInt {}n", js_string(value))
    } else if value.as_f64().is_some() {
        js_string(value)
    } else if value.is_function() {
        "a function".to_owned()
    } else if value.is_symbol() {
        "a symbol".to_owned()
    } else if Array::is_array(value) {
        "an array".to_owned()
    } else if let Some(d) = value.dyn_ref::<js_sys::Date>() {
        if d.get_time().is_nan() {
            "an invalid Date".to_owned()
        } else {
            "a Date".to_owned()
        }
    } else if is_plain(value) {
        "an object".to_owned()
    } else {
        match constructor_name(value) {
            Some(name) => format!("{} {name}", article(&name)),
            None => "an object".to_owned(),
        }
    }
}

fn article(name: &str) -> &'static str {
    match name.chars().next() {
        Some('A' | 'E' | 'I' | 'O' | 'U') => "an",
        _ => "a",
    }
}

#[wasm_bindgen]
extern "C" {
    /// JavaScript's own `String(value)`: numbers read as JavaScript writes
    /// them (`NaN`, `1e+21`), with no float formatting in Rust.
    #[wasm_bindgen(js_name = String, catch)]
    fn string_of(value: &JsValue) -> Result<String, JsValue>;
}

/// `String(value)` (used for numbers and BigInts, which never throw).
fn js_string(value: &JsValue) -> String {
    string_of(value).unwrap_or_default()
}

fn constructor_name(value: &JsValue) -> Option<String> {
    let ctor = Reflect::get(value, &JsValue::from_str("constructor")).ok()?;
    let name = Reflect::get(&ctor, &JsValue::from_str("name")).ok()?.as_string()?;
    (!name.is_empty() && name != "Object").then_some(name)
}

/// A plain object: not null, not an array, not a function, and with
/// `Object.prototype` or no prototype (so not a `Date`, `Map` or class instance
/// whose fields serde would not see).
fn is_plain(value: &JsValue) -> bool {
    if !value.is_object() || Array::is_array(value) {
        return false;
    }
    let proto = Object::get_prototype_of(value);
    proto.is_null() || Object::get_prototype_of(&proto).is_null()
}

/// The input tree of `value`, read member by member through typed `Reflect`
/// calls. Every value JSON cannot write is a leaf that says what it is: a
/// valid `Date` (its ISO string), and, described in JavaScript's words, a
/// BigInt, `NaN` and any other number that is not a safe integer, a function,
/// a symbol, `undefined` inside an array, a `Map` or other class instance.
/// A member set to `undefined` is left out, as `JSON.stringify` leaves it out.
fn tree(value: &JsValue, in_array: bool, depth: u32, keep: &[&str]) -> Option<Value> {
    let leaf = |given| Some(Value::Leaf(given));
    if value.is_undefined() {
        return in_array.then(|| Value::Leaf(Given::Described("undefined".to_owned())));
    }
    if value.is_null() {
        return leaf(Given::Null);
    }
    if let Some(b) = value.as_bool() {
        return leaf(Given::Bool(b));
    }
    if let Some(s) = value.as_string() {
        return leaf(Given::Str(s));
    }
    if let Some(n) = value.as_f64() {
        // Integers are read exactly; every other number is written by
        // JavaScript itself (NaN, Infinity, 1.5), so Rust formats no float.
        return if js_sys::Number::is_safe_integer(value) {
            leaf(Given::Int(n as i128))
        } else {
            leaf(Given::Described(js_string(value)))
        };
    }
    if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        if date.get_time().is_nan() {
            return leaf(Given::Described("an invalid Date".to_owned()));
        }
        return leaf(Given::Date(date.to_iso_string().into()));
    }
    if !value.is_object() || depth >= MAX_DEPTH {
        return leaf(Given::Described(describe(value)));
    }
    if Array::is_array(value) {
        let items: &Array = value.unchecked_ref();
        let values = items
            .iter()
            .filter_map(|item| tree(&item, true, depth + 1, &[]))
            .collect();
        return Some(Value::Array(values));
    }
    if !is_plain(value) {
        return leaf(Given::Described(describe(value)));
    }
    let object: &Object = value.unchecked_ref();
    let mut members = Vec::new();
    for key in Object::keys(object).iter() {
        let Some(name) = key.as_string() else { continue };
        if keep.contains(&name.as_str()) {
            continue;
        }
        let member = Reflect::get(object, &key).unwrap_or(JsValue::UNDEFINED);
        if let Some(v) = tree(&member, false, depth + 1, &[]) {
            members.push((name, v));
        }
    }
    Some(Value::Object(members))
}

/// `value` must be a plain object; `what` says which, for the message.
fn expect_object(value: &JsValue, field: &str, what: &str) -> Result<(), Error> {
    if is_plain(value) {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("expected {what}, got {}", describe(value)),
        ))
    }
}

/// The input tree of `value` (a plain object, or `undefined` for no input at
/// all); the members named in `keep` are left out of it (an `AbortSignal`,
/// which the caller reads from the object itself).
pub(crate) fn value(value: &JsValue, root: &str, keep: &[&str]) -> Result<Value, Error> {
    if value.is_undefined() {
        return Ok(Value::Object(Vec::new()));
    }
    expect_object(value, root, "an object")?;
    Ok(tree(value, false, 0, keep).unwrap_or(Value::Object(Vec::new())))
}

/// Reads `T` from `value`. `undefined` is no input at all (every field left
/// out); anything else must be a plain object. `root` names the whole value
/// in messages; `prefix` prefixes the paths of its fields.
pub(crate) fn read<T: Input>(value: &JsValue, root: &str, prefix: Option<&str>) -> Result<T, Error> {
    T::from_value(&self::value(value, root, &[])?, At::Root { root, prefix })
}

/// Reads a transition: `chosen` is the type a shorthand (`complete(id)`)
/// fixes; otherwise the object's `type` says which.
pub(crate) fn transition(value: &JsValue, chosen: Option<&'static str>) -> Result<Transition, Error> {
    let tree = if value.is_undefined() && chosen == Some("complete") {
        Value::Object(Vec::new())
    } else if is_plain(value) {
        self::value(value, "transition", &[])?
    } else {
        // Not an object: the core says what was expected; this says what it was.
        Value::Leaf(Given::Described(describe(value)))
    };
    Transition::from_value(&tree, chosen)
}

/// An id argument: a string (its format is the core's to check).
pub(crate) fn id(value: &JsValue, field: &str) -> Result<String, Error> {
    value
        .as_string()
        .ok_or_else(|| Error::validation(field, format!("expected a UUID string, got {}", describe(value))))
}
