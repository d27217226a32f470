//! The caller's JS values into the core's input types: no `JSON.stringify` on
//! the way, so what the caller passed is what the core sees and what its
//! messages describe.
//!
//! Each input is read into the core's input tree ([`Value`]) through
//! serde-wasm-bindgen and the core's one visitor (`deserialize_any` only, no
//! derived deserializer per input type), after [`stand_in`] has replaced
//! what serde cannot see as itself with a value that says what it was; the
//! core reads its fields (and unknown keys) from the tree and writes every
//! message.
//!
//! Every call into the caller's values catches what it throws (a getter, a
//! `Proxy` trap, a revoked `Proxy`): what could not be read becomes a leaf
//! that says so, and the core refuses it by its field like any other value.

use jifeline_tickets_core::error::Error;
use jifeline_tickets_core::input::given::{Given, DATE, DESCRIBED};
use jifeline_tickets_core::input::{self, At, Input, Value};
use jifeline_tickets_core::model::{InProgressTicketUpdate, Transition};
use jifeline_tickets_core::query::{InProgressTicketQuery, TicketQuery};
use jifeline_tickets_core::text::quote;
use js_sys::{Array, Reflect};
use std::cell::Cell;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

/// Nesting deeper than this is left as it is: no input of the API nests that deep.
const MAX_DEPTH: u32 = 6;

/// Arrays longer than this are not read item by item: no input of the API
/// takes that many, and `new Array(2 ** 32 - 1)` would take minutes and all
/// the memory there is. (Its message writes the number out as text.)
const MAX_ITEMS: u32 = 10_000;

/// How many values one input may hold in all: arrays nest, so a limit per
/// array alone lets `Array(1e4).fill(Array(1e4).fill(0))` build 10^8 of them
/// (gigabytes of wasm memory, and an abort that kills the module).
const MAX_VALUES: u32 = 100_000;

/// What stands for the values beyond [`MAX_VALUES`].
const TOO_MANY: &str = "a value beyond the first 100000 of this input (the SDK reads no more)";

/// A member whose read threw: a getter, or a `Proxy`'s `get` trap.
const THREW: &str = "a property that threw when read";

/// An object whose `Object.keys` threw: a `Proxy`'s `ownKeys` or
/// `getOwnPropertyDescriptor` trap.
const KEYS_THREW: &str = "an object whose keys could not be listed (Object.keys threw)";

/// What an object is, by its prototype.
enum Shape {
    /// `Object.prototype` (of any realm) or no prototype.
    Plain,
    /// Any other prototype.
    Other,
    /// `Object.getPrototypeOf` threw: a `Proxy`'s `getPrototypeOf` trap.
    Unreadable,
}

/// What `value` is, as a message's "got …" says it.
pub(crate) fn given_in_words(value: &JsValue) -> String {
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
    } else if let Some(what) = array_or_date(value) {
        what.to_owned()
    } else {
        match shape(value) {
            Shape::Plain => "an object".to_owned(),
            Shape::Unreadable => "an object whose prototype could not be read (Object.getPrototypeOf threw)".to_owned(),
            Shape::Other => match constructor_name(value) {
                Some(name) => format!("{} {name}", article(&name)),
                None => "an object whose prototype is not Object.prototype".to_owned(),
            },
        }
    }
}

/// "an array", "a Date", "an invalid Date" or what else an object that is
/// neither says of itself here (a revoked `Proxy`, a fake `Date`), for an
/// object; `None` for any other object.
fn array_or_date(value: &JsValue) -> Option<&'static str> {
    match is_array(value) {
        Ok(true) => return Some("an array"),
        // `Array.isArray` throws for a revoked `Proxy`, and only for one.
        Err(_) => return Some("a revoked Proxy"),
        Ok(false) => {}
    }
    // `instanceof`, which wasm-bindgen's shim catches (a throwing
    // `getPrototypeOf` trap reads as "not a Date").
    if !value.is_instance_of::<js_sys::Date>() {
        return None;
    }
    Some(match date_time(value) {
        Ok(time) if time.is_nan() => "an invalid Date",
        Ok(_) => "a Date",
        Err(_) => FAKE_DATE,
    })
}

/// An object that inherits from `Date.prototype` without being a `Date`
/// (`Object.create(Date.prototype)`), whose `getTime` throws.
const FAKE_DATE: &str = "an object that inherits from Date.prototype but is not a Date";

fn article(name: &str) -> &'static str {
    match name.chars().next() {
        Some('A' | 'E' | 'I' | 'O' | 'U') => "an",
        _ => "a",
    }
}

// Every call into the caller's values catches: a getter or a `Proxy` trap
// may throw, and a JavaScript exception unwinding through wasm frames would
// skip Rust's destructors (leaking), leave wasm-bindgen's borrow flag of the
// `TicketsApi` set, and reach the caller as a raw `TypeError` instead of a
// `JifelineError` naming the field.
#[wasm_bindgen]
extern "C" {
    /// JavaScript's own `String(value)`: numbers read as JavaScript writes
    /// them (`NaN`, `1e+21`), with no float formatting in Rust.
    #[wasm_bindgen(js_name = String, catch)]
    fn string_of(value: &JsValue) -> Result<String, JsValue>;

    /// `Object.keys(value)`: the own enumerable string keys, in order.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    pub(crate) fn keys_of(value: &JsValue) -> Result<Array, JsValue>;

    /// `Array.isArray(value)` (throws for a revoked `Proxy`).
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    pub(crate) fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// `Object.getPrototypeOf(value)`.
    #[wasm_bindgen(js_namespace = Object, js_name = getPrototypeOf, catch)]
    fn prototype_of(value: &JsValue) -> Result<JsValue, JsValue>;

    /// `Date.prototype.getTime.call(value)`: throws for anything but a `Date`.
    #[wasm_bindgen(js_namespace = ["Date", "prototype", "getTime"], js_name = call, catch)]
    fn date_time(value: &JsValue) -> Result<f64, JsValue>;

    /// `Date.prototype.toISOString.call(value)`, of a valid `Date`.
    #[wasm_bindgen(js_namespace = ["Date", "prototype", "toISOString"], js_name = call, catch)]
    fn date_iso(value: &JsValue) -> Result<String, JsValue>;
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

/// What the object `value` is by its prototype: plain with `Object.prototype`
/// or no prototype (so not a `Date`, `Map` or class instance whose fields
/// `JSON.stringify` would not see, nor an object whose members are inherited).
fn shape(value: &JsValue) -> Shape {
    let Ok(proto) = prototype_of(value) else {
        return Shape::Unreadable;
    };
    if proto.is_null() {
        return Shape::Plain;
    }
    match prototype_of(&proto) {
        Ok(grand) if grand.is_null() => Shape::Plain,
        Ok(_) => Shape::Other,
        Err(_) => Shape::Unreadable,
    }
}

/// A plain object: not null, not an array, not a function, and with
/// `Object.prototype` or no prototype.
pub(crate) fn is_plain(value: &JsValue) -> bool {
    value.is_object() && matches!(is_array(value), Ok(false)) && matches!(shape(value), Shape::Plain)
}

/// What the stand-in walk made of a value.
enum Seen {
    /// serde-wasm-bindgen can read it as it is.
    Same,
    /// It reads this instead: a one-key object saying what the value was.
    Replaced(JsValue),
    /// A member set to `undefined`: left out, as `JSON.stringify` leaves it out.
    Removed,
}

/// What serde-wasm-bindgen is to read for `value`: every value it cannot
/// see as itself stands in as a one-key object of the core's
/// (`{ [DESCRIBED]: "a BigInt (2n)" }`, `{ [DATE]: "<ISO string>" }`) that
/// the core's one visitor turns into a leaf saying what it was: a valid
/// `Date`; a BigInt, `NaN` and any other number that is not a safe integer
/// (written by JavaScript, so Rust formats no float), a function, a symbol,
/// `undefined` inside an array, a `Map` or other class instance, and
/// whatever threw when read (a getter, a `Proxy`'s trap). Objects and arrays
/// are copied only where something in them changed.
fn stand_in(value: &JsValue, in_array: bool, depth: u32, keep: &[&str], budget: &Cell<u32>) -> Seen {
    match budget.get() {
        0 => return Seen::Replaced(described(TOO_MANY)),
        n => budget.set(n - 1),
    }
    if value.is_undefined() {
        return if in_array {
            Seen::Replaced(described("undefined"))
        } else {
            Seen::Removed
        };
    }
    if value.is_null() || value.as_bool().is_some() || value.is_string() {
        return Seen::Same;
    }
    if value.as_f64().is_some() {
        return if js_sys::Number::is_safe_integer(value) {
            Seen::Same
        } else {
            Seen::Replaced(described(&js_string(value)))
        };
    }
    if !value.is_object() || depth >= MAX_DEPTH {
        return Seen::Replaced(described(&given_in_words(value)));
    }
    // A revoked `Proxy` (`Array.isArray` throws) goes on to `given_in_words`.
    if let Ok(true) = is_array(value) {
        return array(value, depth, budget);
    }
    if value.is_instance_of::<js_sys::Date>() {
        return Seen::Replaced(match date_time(value) {
            Ok(time) if !time.is_nan() => match date_iso(value) {
                Ok(iso) => one_key(DATE, &JsValue::from_str(&iso)),
                Err(_) => described(FAKE_DATE),
            },
            Ok(_) => described("an invalid Date"),
            Err(_) => described(FAKE_DATE),
        });
    }
    if !matches!(shape(value), Shape::Plain) {
        return Seen::Replaced(described(&given_in_words(value)));
    }
    let Ok(keys) = keys_of(value) else {
        return Seen::Replaced(described(KEYS_THREW));
    };
    let mut members: Vec<(JsValue, JsValue)> = Vec::new();
    let mut changed = false;
    for key in keys.iter() {
        let Some(name) = key.as_string() else { continue };
        if budget.get() == 0 {
            members.push((key, described(TOO_MANY)));
            changed = true;
            break;
        }
        if keep.contains(&name.as_str()) {
            changed = true;
            continue;
        }
        let member = match Reflect::get(value, &key) {
            Ok(member) => member,
            Err(_) => {
                members.push((key, described(THREW)));
                changed = true;
                continue;
            }
        };
        match stand_in(&member, false, depth + 1, &[], budget) {
            Seen::Same => members.push((key, member)),
            Seen::Replaced(replaced) => {
                members.push((key, replaced));
                changed = true;
            }
            Seen::Removed => changed = true,
        }
    }
    if !changed {
        return Seen::Same;
    }
    let copy = js_sys::Object::new();
    for (key, member) in members {
        // Defined, not assigned: an own `__proto__` key stays a key.
        define(&copy, &key, &member);
    }
    Seen::Replaced(copy.into())
}

/// The items of the array `value` (a `Proxy` of one too), each seen as
/// [`stand_in`] sees a member; a copy when any changed.
fn array(value: &JsValue, depth: u32, budget: &Cell<u32>) -> Seen {
    let length = match Reflect::get(value, &JsValue::from_str("length")) {
        Ok(length) => length,
        Err(_) => return Seen::Replaced(described("an array whose length threw when read")),
    };
    let count = match length.as_f64() {
        Some(n) if (0.0..=f64::from(MAX_ITEMS)).contains(&n) => n as u32,
        // Beyond the limit, or (only a `Proxy` can say so) not a length at all.
        _ => {
            return Seen::Replaced(described(&format!(
                "an array whose length is {} (the SDK reads at most 10000 items)",
                given_in_words(&length)
            )))
        }
    };
    let items = Array::new();
    let mut changed = false;
    let mut i = 0;
    while i < count {
        if budget.get() == 0 {
            items.push(&described(TOO_MANY));
            changed = true;
            break;
        }
        match Reflect::get_u32(value, i) {
            Ok(item) => match stand_in(&item, true, depth + 1, &[], budget) {
                Seen::Same | Seen::Removed => {
                    items.push(&item);
                }
                Seen::Replaced(replaced) => {
                    items.push(&replaced);
                    changed = true;
                }
            },
            Err(_) => {
                items.push(&described(THREW));
                changed = true;
            }
        }
        i += 1;
    }
    // A `Proxy` of an array is read through its copy: serde-wasm-bindgen
    // would call its traps again.
    if changed || value.dyn_ref::<Array>().is_none() {
        Seen::Replaced(items.into())
    } else {
        Seen::Same
    }
}

#[wasm_bindgen]
extern "C" {
    /// `Object.defineProperty(obj, key, { value, enumerable, writable, configurable })`.
    #[wasm_bindgen(js_namespace = Reflect, js_name = defineProperty, catch)]
    fn define_property(obj: &JsValue, key: &JsValue, descriptor: &JsValue) -> Result<bool, JsValue>;
}

/// Defines `obj[key] = value` as an own, enumerable data property.
fn define(obj: &JsValue, key: &JsValue, value: &JsValue) {
    let descriptor = js_sys::Object::new();
    let _ = Reflect::set(&descriptor, &"value".into(), value);
    let _ = Reflect::set(&descriptor, &"enumerable".into(), &JsValue::TRUE);
    let _ = Reflect::set(&descriptor, &"writable".into(), &JsValue::TRUE);
    let _ = Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE);
    let _ = define_property(obj, key, &descriptor);
}

/// `{ [key]: value }`.
fn one_key(key: &str, value: &JsValue) -> JsValue {
    let o = js_sys::Object::new();
    let _ = Reflect::set(&o, &JsValue::from_str(key), value);
    o.into()
}

/// The stand-in of a value that says what it was.
#[inline(never)]
fn described(what: &str) -> JsValue {
    one_key(DESCRIBED, &JsValue::from_str(what))
}

/// `value` must be a plain object; `what` says which, for the message.
fn expect_object(value: &JsValue, field: &str, what: &str) -> Result<(), Error> {
    if is_plain(value) {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            format!("expected {what}, got {}", given_in_words(value)),
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
    let budget = Cell::new(MAX_VALUES);
    let prepared = match stand_in(value, false, 0, keep, &budget) {
        Seen::Replaced(copy) => copy,
        Seen::Same | Seen::Removed => value.clone(),
    };
    input::value_of(serde_wasm_bindgen::Deserializer::from(prepared), root)
}

/// Reads `T` from `value`. `undefined` is no input at all (every field left
/// out); anything else must be a plain object. `root` names the whole value
/// in messages; `prefix` prefixes the paths of its fields.
pub(crate) fn read<T: Input>(value: &JsValue, root: &str, prefix: Option<&str>) -> Result<T, Error> {
    T::from_value(&self::value(value, root, &[])?, At::Root { root, prefix })
}

/// An operation's query or body argument (see [`argument`]).
pub(crate) trait Argument: Input {
    /// What the argument looks like, for a message, when it has a required
    /// field: `undefined` is then refused, not read as no input.
    const EXAMPLE: Option<&'static str> = None;
}

impl Argument for TicketQuery {}

impl Argument for InProgressTicketQuery {}

impl Argument for InProgressTicketUpdate {
    const EXAMPLE: Option<&'static str> = Some("{ operator_id: \"…\" }");
}

/// Reads an operation's query or body argument, named `field` in messages.
pub(crate) fn argument<T: Argument>(value: &JsValue, field: &str) -> Result<T, Error> {
    match T::EXAMPLE {
        Some(example) if value.is_undefined() => Err(Error::validation(
            field,
            format!("expected an object such as {example}, got undefined"),
        )),
        _ => read(value, field, None),
    }
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
        Value::Leaf(Given::Described(given_in_words(value)))
    };
    Transition::from_value(&tree, chosen)
}

/// An id argument: a string (its format is the core's to check).
pub(crate) fn id(value: &JsValue, field: &str) -> Result<String, Error> {
    value
        .as_string()
        .ok_or_else(|| Error::validation(field, format!("expected a UUID string, got {}", given_in_words(value))))
}
