//! Small, panic-free accessors for JS values.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// `obj[key]`, or `undefined` when `obj` is not an object or the getter throws.
pub(crate) fn get(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() && !obj.is_function() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Sets `obj[key] = value`, ignoring failures (frozen objects).
pub(crate) fn set(obj: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

/// `obj[name](arg)`, with `this` the object; what it throws is the error.
pub(crate) fn call1(obj: &JsValue, name: &str, arg: &JsValue) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = Reflect::get(obj, &JsValue::from_str(name))?.dyn_into()?;
    f.call1(obj, arg)
}

/// `obj[name](a, b)`, with `this` the object; what it throws is the error.
pub(crate) fn call2(obj: &JsValue, name: &str, a: &JsValue, b: &JsValue) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = Reflect::get(obj, &JsValue::from_str(name))?.dyn_into()?;
    f.call2(obj, a, b)
}

/// A plain `{}`.
pub(crate) fn object() -> JsValue {
    Object::new().into()
}

/// The message of a thrown value, whatever it is, without quoting anything
/// else. (Used for network failures; fetch errors carry no credentials.)
pub(crate) fn thrown_message(thrown: &JsValue) -> String {
    if let Some(s) = thrown.as_string() {
        return s;
    }
    if let Some(m) = get(thrown, "message").as_string() {
        let cause = get(&get(thrown, "cause"), "message").as_string();
        return match cause {
            Some(c) if !c.is_empty() && c != m => format!("{m}: {c}"),
            _ => m,
        };
    }
    "unknown error".to_owned()
}
