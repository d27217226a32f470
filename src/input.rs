//! The caller's JS values into the core's input types, through
//! serde-wasm-bindgen: no `JSON.stringify` on the way, so what the caller
//! passed is what the core sees and what its messages describe.
//!
//! serde sees numbers, strings, booleans, null, arrays and objects. The few
//! values it cannot see as themselves (a `Date`, a `BigInt`, `NaN` and other
//! numbers that are not safe integers, a function, `undefined` inside an
//! array, a `Map`) are first replaced by the one-key objects of
//! [`jifeline_tickets_core::input::given`], copying only what changes, so that
//! the core writes every message. serde-wasm-bindgen then reads the object
//! into the core's input tree, whose fields (and unknown keys) the core reads.

use jifeline_tickets_core::error::Error;
use jifeline_tickets_core::input::given::{Given, DATE, DESCRIBED};
use jifeline_tickets_core::input::{self, At, Input, Value};
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

fn described(text: &str) -> JsValue {
    one_key(DESCRIBED, &JsValue::from_str(text))
}

fn one_key(key: &str, value: &JsValue) -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &JsValue::from_str(key), value);
    o.into()
}

/// The stand-in for `value` when serde could not see it as itself, else `None`.
fn stand_in(value: &JsValue, in_array: bool, depth: u32) -> Option<JsValue> {
    stand_in_keeping(value, in_array, depth, &[])
}

/// [`stand_in`], leaving the members named in `keep` as they are (objects
/// serde-wasm-bindgen hands over untouched, such as an `AbortSignal`).
fn stand_in_keeping(value: &JsValue, in_array: bool, depth: u32, keep: &[&str]) -> Option<JsValue> {
    if value.is_undefined() {
        return in_array.then(|| described("undefined"));
    }
    if value.is_bigint() || value.is_function() || value.is_symbol() {
        return Some(described(&describe(value)));
    }
    if value.as_f64().is_some() {
        // Integers serde reads exactly; every other number is described by
        // JavaScript itself (NaN, Infinity, 1.5), so Rust formats no float.
        return (!js_sys::Number::is_safe_integer(value)).then(|| described(&js_string(value)));
    }
    if !value.is_object() {
        return None;
    }
    if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        if date.get_time().is_nan() {
            return Some(described("an invalid Date"));
        }
        return Some(one_key(DATE, &date.to_iso_string().into()));
    }
    if depth >= MAX_DEPTH {
        return None;
    }
    if Array::is_array(value) {
        let items: &Array = value.unchecked_ref();
        let mut copy: Option<Array> = None;
        for i in 0..items.length() {
            if let Some(replaced) = stand_in(&items.get(i), true, depth + 1) {
                copy.get_or_insert_with(|| items.slice(0, items.length()))
                    .set(i, replaced);
            }
        }
        return copy.map(Into::into);
    }
    if !is_plain(value) {
        return Some(described(&describe(value)));
    }
    let object: &Object = value.unchecked_ref();
    let mut copy: Option<Object> = None;
    for key in Object::keys(object).iter() {
        if key.as_string().is_some_and(|k| keep.contains(&k.as_str())) {
            continue;
        }
        let member = Reflect::get(object, &key).unwrap_or(JsValue::UNDEFINED);
        if member.is_undefined() {
            // A member set to `undefined` is left out, as JSON leaves it out.
            let target = copy.get_or_insert_with(|| Object::assign(&Object::new(), object));
            let _ = Reflect::delete_property(target, &key);
        } else if let Some(replaced) = stand_in(&member, false, depth + 1) {
            let target = copy.get_or_insert_with(|| Object::assign(&Object::new(), object));
            let _ = Reflect::set(target, &key, &replaced);
        }
    }
    copy.map(Into::into)
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
/// all), read through serde-wasm-bindgen; the members named in `keep` are
/// handed over untouched (an `AbortSignal`).
pub(crate) fn value(value: &JsValue, root: &str, keep: &[&str]) -> Result<Value, Error> {
    if value.is_undefined() {
        return Ok(Value::Object(Vec::new()));
    }
    expect_object(value, root, "an object")?;
    let prepared = stand_in_keeping(value, false, 0, keep).unwrap_or_else(|| value.clone());
    input::value_of(serde_wasm_bindgen::Deserializer::from(prepared), root)
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
