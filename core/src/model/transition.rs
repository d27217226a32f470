use serde::{Deserialize, Serialize};

use serde::Deserializer;

use crate::error::Error;
use crate::input::{self, Input};
use crate::validate;

/// A transition of an in-progress ticket to a different state: the value of
/// `transition` in the body of `PATCH /v2/tickets/in-progress-tickets/{id}`,
/// tagged by `type`.
///
/// `Outsource` is fully specified by the reference. `Complete` and `Cancel` are
/// named there without their fields; their shapes (`{"type":"complete"}` and
/// `{"type":"cancel","cancel_reason_id":…}`) are inferred and kept in this one
/// file so they are easy to change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outsource {
    /// Identifiers of the product(s) to outsource (non-empty). Only products of
    /// type "base" can be outsourced.
    #[serde(deserialize_with = "input::uuid_list")]
    pub product_ids: Vec<String>,
    /// Identifier of the provider to outsource to.
    #[serde(deserialize_with = "input::uuid")]
    pub provider_id: String,
    /// Whether an operator of the outsource provider may send chat messages to
    /// your customer; when omitted the outsource link settings apply.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "input::opt_bool"
    )]
    pub allow_customer_chat_write_access: Option<bool>,
    /// Whether contact information of your customer is shared with the
    /// outsource provider; when omitted the outsource link settings apply.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "input::opt_bool"
    )]
    pub share_customer_information: Option<bool>,
}

/// The fields of a complete transition: none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Complete {}

/// The fields of a cancel transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cancel {
    /// Reference to a cancel reason (see `GET /v2/tickets/cancel-reasons`).
    #[serde(deserialize_with = "input::int::<_, 0, 9007199254740991>")]
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
}

impl Input for Complete {
    const KEYS: &'static [&'static str] = &[];
    const KEY_KIND: &'static str = "a field of a complete transition";
}

impl Input for Cancel {
    const KEYS: &'static [&'static str] = &["cancel_reason_id"];
    const KEY_KIND: &'static str = "a field of a cancel transition";
}

impl Transition {
    /// The wire names of the transition types.
    pub const TYPES: [&'static str; 3] = ["outsource", "complete", "cancel"];

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
            Transition::Cancel(Cancel { cancel_reason_id }) => validate::int_range(
                "transition.cancel_reason_id",
                *cancel_reason_id,
                0,
                validate::MAX_SAFE_INTEGER,
            ),
        }
    }
}

impl Transition {
    /// Reads a transition whose `type` the caller gave (`kind`) from `fields`,
    /// its other members. Paths are `transition.<field>`.
    pub fn read<'de, D: Deserializer<'de>>(kind: &str, fields: D) -> Result<Transition, Error>
    where
        D::Error: std::fmt::Display,
    {
        const ROOT: &str = "transition";
        match kind {
            "outsource" => input::read(fields, ROOT, Some(ROOT)).map(Transition::Outsource),
            "complete" => input::read(fields, ROOT, Some(ROOT)).map(Transition::Complete),
            "cancel" => input::read(fields, ROOT, Some(ROOT)).map(Transition::Cancel),
            other => Err(Self::unknown_type(other)),
        }
    }

    /// The keys a transition of `kind` accepts besides `type`, if it is one.
    fn keys_of(kind: &str) -> Option<(&'static [&'static str], &'static str)> {
        match kind {
            "outsource" => Some((Outsource::KEYS, Outsource::KEY_KIND)),
            "complete" => Some((Complete::KEYS, Complete::KEY_KIND)),
            "cancel" => Some((Cancel::KEYS, Cancel::KEY_KIND)),
            _ => None,
        }
    }

    /// Refuses a key that a transition of `kind` does not accept (`type` aside).
    pub fn check_keys<'a>(kind: &str, keys: impl IntoIterator<Item = &'a str>) -> Result<(), Error> {
        let Some((allowed, what)) = Self::keys_of(kind) else {
            return Err(Self::unknown_type(kind));
        };
        input::check_keys_of(
            keys.into_iter().filter(|k| *k != "type"),
            allowed,
            what,
            Some("transition"),
        )
    }

    /// A `type` that names no transition.
    pub fn unknown_type(given: &str) -> Error {
        Error::validation(
            "transition.type",
            format!(
                "expected \"outsource\", \"complete\" or \"cancel\", got the string {}",
                crate::validate::quote(given)
            ),
        )
    }

    /// Chooses the transition's type: `chosen` by a shorthand (`complete(id)`),
    /// `given` in the object. They must agree when both are there.
    pub fn choose_type(chosen: Option<&'static str>, given: Option<&str>) -> Result<String, Error> {
        match (chosen, given) {
            (Some(chosen), Some(given)) if given != chosen => Err(Error::validation(
                "transition.type",
                format!(
                    "expected \"{chosen}\" here, or leave it out, got the string {}",
                    crate::validate::quote(given)
                ),
            )),
            (Some(chosen), _) => Ok(chosen.to_owned()),
            (None, Some(given)) => Ok(given.to_owned()),
            (None, None) => Err(Error::validation(
                "transition.type",
                "required, but missing: \"outsource\", \"complete\" or \"cancel\"",
            )),
        }
    }

    /// Parses a transition from JSON: `type` picks the variant, then its fields are read.
    pub fn from_json(json: &str) -> Result<Transition, Error> {
        Self::of_json(json, None)
    }

    /// Parses the fields of a transition whose type the caller already chose
    /// (`outsource(id, fields)`): a `type` in `json` must then agree with `kind`.
    pub fn fields_from_json(kind: &'static str, json: &str) -> Result<Transition, Error> {
        Self::of_json(json, Some(kind))
    }

    fn of_json(json: &str, chosen: Option<&'static str>) -> Result<Transition, Error> {
        let mut map = match serde_json::from_str::<serde_json::Value>(json) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => return Err(Error::validation("transition", "expected an object with a `type`")),
        };
        let given = match map.remove("type") {
            Some(serde_json::Value::String(s)) => Some(s),
            None => None,
            Some(other) => {
                let given: input::given::Given = serde_json::from_value(other).unwrap_or(input::given::Given::Null);
                return Err(Error::validation(
                    "transition.type",
                    format!("expected \"outsource\", \"complete\" or \"cancel\", got {given}"),
                ));
            }
        };
        let kind = Self::choose_type(chosen, given.as_deref())?;
        Self::read(&kind, serde_json::Value::Object(map))
    }
}
