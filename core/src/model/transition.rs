use serde::{Deserializer, Serialize};

use crate::error::Error;
use crate::input::given::Given;
use crate::input::{self, fields, At, Input, Members, Value};
use crate::text;
use crate::validate;

/// A transition of an in-progress ticket to a different state: the value of
/// `transition` in the body of `PATCH /v2/tickets/in-progress-tickets/{id}`,
/// tagged by `type`.
///
/// `Outsource` is fully specified by the reference. `Complete` and `Cancel` are
/// named there without their fields; their shapes (`{"type":"complete"}` and
/// `{"type":"cancel","cancel_reason_id":…}`) are inferred and kept in this one
/// file so they are easy to change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Transition {
    /// Request another provider to execute specified products on your behalf.
    Outsource(Outsource),
    /// Finish the ticket successfully.
    Complete(Complete),
    /// Cancel the ticket, giving the reason.
    Cancel(Cancel),
}

/// The fields of an outsource transition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outsource {
    /// Identifiers of the product(s) to outsource (non-empty). Only products of
    /// type "base" can be outsourced.
    pub product_ids: Vec<String>,
    /// Identifier of the provider to outsource to.
    pub provider_id: String,
    /// Whether an operator of the outsource provider may send chat messages to
    /// your customer; when omitted the outsource link settings apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_customer_chat_write_access: Option<bool>,
    /// Whether contact information of your customer is shared with the
    /// outsource provider; when omitted the outsource link settings apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_customer_information: Option<bool>,
}

/// The fields of a complete transition: none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Complete {}

/// The fields of a cancel transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cancel {
    /// Reference to a cancel reason (see `GET /v2/tickets/cancel-reasons`).
    pub cancel_reason_id: i64,
}

impl Input for Outsource {
    const KEYS: &'static [&'static str] = &[
        "product_ids",
        "provider_id",
        "allow_customer_chat_write_access",
        "share_customer_information",
    ];
    const KEY_KIND: &'static str = "a field of an outsource transition";

    fn from_members(m: &Members<'_>) -> Result<Self, Error> {
        Ok(Outsource {
            product_ids: m.require("product_ids", |v, at| {
                fields::list(v, at, "a non-empty array of UUID strings", fields::uuid)
            })?,
            provider_id: m.require("provider_id", fields::uuid)?,
            allow_customer_chat_write_access: m.take("allow_customer_chat_write_access", fields::boolean)?,
            share_customer_information: m.take("share_customer_information", fields::boolean)?,
        })
    }
}

impl Input for Complete {
    const KEYS: &'static [&'static str] = &[];
    const KEY_KIND: &'static str = "a field of a complete transition";

    fn from_members(_: &Members<'_>) -> Result<Self, Error> {
        Ok(Complete {})
    }
}

impl Input for Cancel {
    const KEYS: &'static [&'static str] = &["cancel_reason_id"];
    const KEY_KIND: &'static str = "a field of a cancel transition";

    fn from_members(m: &Members<'_>) -> Result<Self, Error> {
        Ok(Cancel {
            cancel_reason_id: m.require("cancel_reason_id", |v, at| fields::int(v, at, 0, i32::MAX as i64))?,
        })
    }
}

impl Transition {
    /// The `type` of each transition, in the reference's order: what the
    /// messages name, what the body is tagged with, what a shorthand chooses.
    pub const TYPES: [&'static str; 3] = ["outsource", "complete", "cancel"];

    /// This transition's `type`, one of [`Transition::TYPES`].
    pub fn type_name(&self) -> &'static str {
        match self {
            Transition::Outsource(_) => Self::TYPES[0],
            Transition::Complete(_) => Self::TYPES[1],
            Transition::Cancel(_) => Self::TYPES[2],
        }
    }

    /// `"outsource", "complete" or "cancel"`, for messages.
    fn types_in_words() -> String {
        let quoted: Vec<String> = Self::TYPES.iter().map(|t| format!("\"{t}\"")).collect();
        match quoted.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }

    /// Checks every field against the reference; the error names the field as
    /// `transition.<field>`.
    pub fn validate(&self) -> Result<(), Error> {
        match self {
            Transition::Outsource(Outsource {
                product_ids,
                provider_id,
                ..
            }) => {
                if product_ids.is_empty() {
                    return Err(Error::validation(
                        "transition.product_ids",
                        "expected a non-empty array, got an empty array",
                    ));
                }
                for (i, id) in product_ids.iter().enumerate() {
                    validate::uuid(&format!("transition.product_ids[{i}]"), id)?;
                }
                validate::uuid("transition.provider_id", provider_id)
            }
            Transition::Complete(Complete {}) => Ok(()),
            // A ticket's cancel_reason_id is an int32 (the reference's sample
            // shows 0), so the one it is cancelled with is too.
            Transition::Cancel(Cancel { cancel_reason_id }) => {
                validate::int_range("transition.cancel_reason_id", *cancel_reason_id, 0, i32::MAX as i64)
            }
        }
    }
}

impl Transition {
    /// Reads a transition from `value`. `chosen` is the type a shorthand
    /// (`complete(id)`) fixes; otherwise the object's `type` says which, and
    /// when both are there they must agree. Paths are `transition.<field>`.
    pub fn from_value(value: &Value, chosen: Option<&'static str>) -> Result<Transition, Error> {
        let at = At::Root {
            root: "transition",
            prefix: Some("transition"),
        };
        let what = match chosen {
            Some("cancel") => "an object such as { cancel_reason_id: 1 }",
            Some("outsource") => "an object such as { product_ids: [\"…\"], provider_id: \"…\" }",
            _ => "an object such as { type: \"complete\" }",
        };
        let members = Members::of(value, at, what)?;
        let given = members.take("type", |v, at| match v {
            Value::Leaf(Given::Str(s)) => Ok(s.clone()),
            other => Err(fields::mismatch(at, &Self::types_in_words(), other)),
        })?;
        let kind = Self::choose_type(chosen, given.as_deref())?;
        let (keys, key_kind) = match kind.as_str() {
            "outsource" => (Outsource::KEYS, Outsource::KEY_KIND),
            "complete" => (Complete::KEYS, Complete::KEY_KIND),
            "cancel" => (Cancel::KEYS, Cancel::KEY_KIND),
            other => return Err(Self::unknown_type(other)),
        };
        let mut allowed = keys.to_vec();
        allowed.push("type");
        if let Some(key) = members.first_unknown(&allowed) {
            // Name the keys the caller may give; `type` goes without saying.
            return Err(At::Key(members.at(), key).refuse(input::unknown_key_reason(key, key_kind, keys)));
        }
        members.refuse_repeats()?;
        match kind.as_str() {
            "outsource" => Outsource::from_members(&members).map(Transition::Outsource),
            "complete" => Complete::from_members(&members).map(Transition::Complete),
            _ => Cancel::from_members(&members).map(Transition::Cancel),
        }
    }

    /// Reads a transition from any serde deserializer (see [`Transition::from_value`]).
    pub fn read<'de, D: Deserializer<'de>>(d: D, chosen: Option<&'static str>) -> Result<Transition, Error>
    where
        D::Error: std::fmt::Display,
    {
        Self::from_value(&input::value_of(d, "transition")?, chosen)
    }

    /// A `type` that names no transition.
    pub fn unknown_type(given: &str) -> Error {
        Error::validation(
            "transition.type",
            format!(
                "expected {}, got the string {}",
                Self::types_in_words(),
                text::quote(given)
            ),
        )
    }

    /// Chooses the transition's type: `chosen` by a shorthand, `given` in the object.
    pub fn choose_type(chosen: Option<&'static str>, given: Option<&str>) -> Result<String, Error> {
        match (chosen, given) {
            (Some(chosen), Some(given)) if given != chosen => Err(Error::validation(
                "transition.type",
                format!(
                    "expected \"{chosen}\" here, or leave it out, got the string {}",
                    text::quote(given)
                ),
            )),
            (Some(chosen), _) => Ok(chosen.to_owned()),
            (None, Some(given)) => Ok(given.to_owned()),
            (None, None) => Err(Error::validation(
                "transition.type",
                format!("required, but missing: {}", Self::types_in_words()),
            )),
        }
    }

    /// Parses a transition from JSON: `type` picks the variant, then its fields are read.
    pub fn from_json(json: &str) -> Result<Transition, Error> {
        Self::read(&mut serde_json::Deserializer::from_str(json), None)
    }

    /// Parses the fields of a transition whose type the caller already chose
    /// (`outsource(id, fields)`): a `type` in `json` must then agree with `kind`.
    pub fn fields_from_json(kind: &'static str, json: &str) -> Result<Transition, Error> {
        Self::read(&mut serde_json::Deserializer::from_str(json), Some(kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A transition of each type, in the order of [`Transition::TYPES`].
    fn one_of_each() -> [Transition; 3] {
        [
            Transition::Outsource(Outsource {
                product_ids: vec!["0b8b5b0e-4a4e-4d8c-9d3c-2f1f3c2f1f3c".into()],
                provider_id: "1c8b5b0e-4a4e-4d8c-9d3c-2f1f3c2f1f3c".into(),
                allow_customer_chat_write_access: None,
                share_customer_information: None,
            }),
            Transition::Complete(Complete {}),
            Transition::Cancel(Cancel { cancel_reason_id: 1 }),
        ]
    }

    #[test]
    fn each_type_names_its_variant_in_the_reader_and_the_serde_tag() {
        for (t, name) in one_of_each().iter().zip(Transition::TYPES) {
            assert_eq!(t.type_name(), name);
            let json = serde_json::to_value(t).unwrap();
            assert_eq!(json["type"], name, "the serde tag");
            assert_eq!(
                &Transition::from_json(&json.to_string()).unwrap(),
                t,
                "read by its type"
            );
        }
    }

    #[test]
    fn messages_name_every_type() {
        assert_eq!(
            Transition::types_in_words(),
            "\"outsource\", \"complete\" or \"cancel\""
        );
        assert_eq!(
            Transition::from_json("{}").unwrap_err().message,
            "Invalid `transition.type`: required, but missing: \"outsource\", \"complete\" or \"cancel\"."
        );
    }
}
