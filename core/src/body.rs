//! The JSON bodies of PUT and PATCH, written by hand: a few strings, integers
//! and booleans need no JSON library, and none is then linked into the
//! WebAssembly module. The output is what serde_json writes for the same
//! values (compact, fields in the reference's order, absent ones left out);
//! `tests/requests.rs` holds it to the exact bytes.

use crate::model::{InProgressTicketUpdate, Transition};

/// An object being written.
struct Object {
    out: String,
    empty: bool,
}

impl Object {
    fn new() -> Self {
        Object {
            out: String::from("{"),
            empty: true,
        }
    }

    fn key(&mut self, key: &str) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        string_into(&mut self.out, key);
        self.out.push(':');
    }

    fn string(&mut self, key: &str, value: &str) -> &mut Self {
        self.key(key);
        string_into(&mut self.out, value);
        self
    }

    fn opt_string(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        if let Some(v) = value {
            self.string(key, v);
        }
        self
    }

    fn int(&mut self, key: &str, value: i64) -> &mut Self {
        self.key(key);
        self.out.push_str(&value.to_string());
        self
    }

    fn opt_bool(&mut self, key: &str, value: Option<bool>) -> &mut Self {
        if let Some(b) = value {
            self.key(key);
            self.out.push_str(if b { "true" } else { "false" });
        }
        self
    }

    fn strings(&mut self, key: &str, values: &[String]) -> &mut Self {
        self.key(key);
        self.out.push('[');
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            string_into(&mut self.out, v);
        }
        self.out.push(']');
        self
    }

    fn object(&mut self, key: &str, inner: Object) -> &mut Self {
        self.key(key);
        self.out.push_str(&inner.finish());
        self
    }

    fn finish(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

/// A JSON string, escaped as serde_json escapes it.
fn string_into(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 0xF]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// What an operation sends as its JSON body.
pub(crate) trait JsonBody {
    /// The body's bytes.
    fn json(&self) -> Vec<u8>;
}

impl JsonBody for InProgressTicketUpdate {
    fn json(&self) -> Vec<u8> {
        update(self)
    }
}

impl JsonBody for Transition {
    fn json(&self) -> Vec<u8> {
        transition(self)
    }
}

/// `{"operator_id":…,"customer_id":…,…}`.
fn update(u: &InProgressTicketUpdate) -> Vec<u8> {
    let mut o = Object::new();
    o.string("operator_id", &u.operator_id)
        .opt_string("customer_id", u.customer_id.as_deref());
    if let Some(n) = u.vehicle_model_id {
        o.int("vehicle_model_id", n);
    }
    o.opt_string("vin", u.vin.as_deref());
    match &u.voucher_code {
        Some(Some(code)) => {
            o.string("voucher_code", code);
        }
        Some(None) => {
            o.key("voucher_code");
            o.out.push_str("null");
        }
        None => {}
    }
    o.finish().into_bytes()
}

/// `{"transition":{"type":…,…}}`.
fn transition(t: &Transition) -> Vec<u8> {
    let mut inner = Object::new();
    inner.string("type", t.type_name());
    match t {
        Transition::Outsource(o) => {
            inner
                .strings("product_ids", &o.product_ids)
                .string("provider_id", &o.provider_id)
                .opt_bool("allow_customer_chat_write_access", o.allow_customer_chat_write_access)
                .opt_bool("share_customer_information", o.share_customer_information);
        }
        Transition::Complete(_) => {}
        Transition::Cancel(c) => {
            inner.int("cancel_reason_id", c.cancel_reason_id);
        }
    }
    let mut outer = Object::new();
    outer.object("transition", inner);
    outer.finish().into_bytes()
}

#[cfg(test)]
mod tests {
    use super::string_into;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for s in ["plain", "q\"b\\s", "\n\r\t\u{8}\u{c}\u{1}\u{1f}", "é/€😀", ""] {
            let mut out = String::new();
            string_into(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }
}
