//! Reading caller input handed over as JSON text.
//!
//! The JavaScript binding passes plain objects through `JSON.stringify`,
//! which also turns a `Date` into its RFC 3339 string and drops `undefined`
//! members. This module turns that text into the core's input types with an
//! error naming the offending field (`limit`, `state[1]`, `transition.type`).

use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::model::Transition;

/// Parses `json` as `T`. `root` names the whole value in messages (`query`,
/// `update`, `transition`) and prefixes nested paths when `prefix_paths` is set.
pub fn from_json<T: DeserializeOwned>(json: &str, root: &str, prefix_paths: bool) -> Result<T, Error> {
    if !json.trim_start().starts_with('{') {
        return Err(Error::validation(root, "must be an object"));
    }
    let mut de = serde_json::Deserializer::from_str(json);
    deserialize_at(&mut de, root, prefix_paths)
}

/// Parses a transition: `type` picks the variant, then its fields are read
/// with their paths (serde's tagged enums would lose them).
pub fn transition_from_json(json: &str) -> Result<Transition, Error> {
    transition_of(json, None)
}

/// Parses the fields of a transition whose type the caller already chose
/// (`outsource(id, fields)`): a `type` in `json` must then agree with `kind`.
pub fn transition_fields_from_json(kind: &'static str, json: &str) -> Result<Transition, Error> {
    transition_of(json, Some(kind))
}

fn transition_of(json: &str, chosen: Option<&'static str>) -> Result<Transition, Error> {
    let mut map = match serde_json::from_str::<serde_json::Value>(json) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => return Err(Error::validation("transition", "must be an object with a `type`")),
    };
    let given = match map.remove("type") {
        Some(serde_json::Value::String(s)) => Some(s),
        None => None,
        Some(_) => {
            return Err(Error::validation(
                "transition.type",
                "must be a string: outsource, complete or cancel",
            ))
        }
    };
    let kind = match (chosen, given) {
        (Some(chosen), Some(given)) if given != chosen => {
            return Err(Error::validation(
                "transition.type",
                format!("must be \"{chosen}\" here, or left out"),
            ))
        }
        (Some(chosen), _) => chosen.to_owned(),
        (None, Some(given)) => given,
        (None, None) => {
            return Err(Error::validation(
                "transition.type",
                "is required: outsource, complete or cancel",
            ))
        }
    };
    let fields = serde_json::Value::Object(map);
    match kind.as_str() {
        "outsource" => deserialize_at(fields, "transition", true).map(Transition::Outsource),
        "complete" => deserialize_at(fields, "transition", true).map(Transition::Complete),
        "cancel" => deserialize_at(fields, "transition", true).map(Transition::Cancel),
        other => Err(Error::validation(
            "transition.type",
            format!(
                "{} is not a transition; expected outsource, complete or cancel",
                crate::validate::quote(other)
            ),
        )),
    }
}

fn deserialize_at<'de, D: serde::Deserializer<'de>, T: DeserializeOwned>(
    de: D,
    root: &str,
    prefix_paths: bool,
) -> Result<T, Error> {
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let mut reason = inner.to_string();
        if let Some(i) = reason.rfind(" at line ") {
            reason.truncate(i);
        }
        let field = match (path.as_str(), prefix_paths) {
            ("." | "", _) => root.to_owned(),
            (p, true) => format!("{root}.{p}"),
            (p, false) => p.to_owned(),
        };
        if reason.starts_with("invalid type: null") || reason.starts_with("invalid type: unit") {
            reason = format!("{reason} (leave the field out instead of passing null)");
        }
        Error::validation(field, reason)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{InProgressTicketUpdate, TicketQuery};

    fn field_of<T: DeserializeOwned + std::fmt::Debug>(json: &str, root: &str, prefix: bool) -> (String, String) {
        let e = from_json::<T>(json, root, prefix).unwrap_err();
        (e.field.unwrap(), e.message)
    }

    #[test]
    fn type_errors_name_the_field() {
        let (field, message) = field_of::<TicketQuery>(r#"{"limit":"10"}"#, "query", false);
        assert_eq!(field, "limit");
        assert_eq!(message, "Invalid `limit`: invalid type: string \"10\", expected i64.");
        assert_eq!(
            field_of::<TicketQuery>(r#"{"state":["pending",3]}"#, "query", false).0,
            "state[1]"
        );
        assert_eq!(
            field_of::<TicketQuery>(r#"{"sort_by":{"created_at":"up"}}"#, "query", false).0,
            "sort_by.created_at"
        );
    }

    #[test]
    fn null_is_refused_with_a_hint() {
        let (field, message) = field_of::<TicketQuery>(r#"{"vin":null}"#, "query", false);
        assert_eq!(field, "vin");
        assert!(message.contains("leave the field out"), "{message}");
    }

    #[test]
    fn unknown_keys_and_wrong_shapes_name_the_root_or_key() {
        let (field, message) = field_of::<TicketQuery>(r#"{"stat":["pending"]}"#, "query", false);
        assert!(message.contains("unknown field `stat`"), "{message}");
        assert!(field == "stat" || field == "query", "{field}");
        assert_eq!(field_of::<TicketQuery>("[]", "query", false).0, "query");
        assert_eq!(field_of::<TicketQuery>("null", "query", false).0, "query");
        assert_eq!(field_of::<InProgressTicketUpdate>("{}", "update", false).0, "update");
    }

    #[test]
    fn transition_paths_are_prefixed() {
        let field = |json: &str| transition_from_json(json).unwrap_err().field.unwrap();
        assert_eq!(field(r#"{"type":"reopen"}"#), "transition.type");
        assert_eq!(field(r#"{}"#), "transition.type");
        assert_eq!(field(r#"{"type":1}"#), "transition.type");
        assert_eq!(field("[]"), "transition");
        assert_eq!(
            field(r#"{"type":"outsource","product_ids":"x","provider_id":"y"}"#),
            "transition.product_ids"
        );
        assert_eq!(
            field(r#"{"type":"outsource","product_ids":["a",2],"provider_id":"y"}"#),
            "transition.product_ids[1]"
        );
        assert_eq!(field(r#"{"type":"outsource","provider_id":"y"}"#), "transition");
        assert_eq!(field(r#"{"type":"cancel"}"#), "transition");
        assert_eq!(
            field(r#"{"type":"cancel","cancel_reason_id":"1"}"#),
            "transition.cancel_reason_id"
        );
        assert_eq!(field(r#"{"type":"complete","extra":1}"#), "transition.extra");
        let chosen = |json: &str| transition_fields_from_json("cancel", json).map_err(|e| e.field.unwrap());
        assert_eq!(
            chosen(r#"{"cancel_reason_id":2}"#).unwrap(),
            Transition::Cancel(crate::model::Cancel { cancel_reason_id: 2 })
        );
        assert_eq!(
            chosen(r#"{"type":"cancel","cancel_reason_id":2}"#).unwrap(),
            Transition::Cancel(crate::model::Cancel { cancel_reason_id: 2 })
        );
        assert_eq!(chosen(r#"{"type":"complete"}"#).unwrap_err(), "transition.type");
        assert_eq!(chosen("null").unwrap_err(), "transition");
        assert_eq!(
            transition_from_json(r#"{"type":"complete"}"#).unwrap(),
            Transition::Complete(crate::model::Complete {})
        );
    }
}
