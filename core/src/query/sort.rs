//! The order of a ticket list: which fields `sort_by` accepts, and how each
//! is read and checked.

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;
use crate::input::given::Given;
use crate::input::{fields, At, Value};
use crate::text;

/// The ticket fields `sort_by` accepts, the one list the SDK's check, the
/// mock and the TypeScript declarations (`SortField`) all read.
///
/// The reference gives `sort_by` as an object of field names to directions
/// and lists no field; this is the choice: the date-times a portal orders a
/// ticket list by (created, updated, finished, assigned) and the two integers
/// with a meaningful order (`ticket_number`, `vehicle_model_id`). Identifiers,
/// free text, booleans and nullable references are left out: an order over
/// them means nothing to a user, and a server may not index them.
pub const SORT_FIELDS: &[&str] = &[
    "created_at",
    "updated_at",
    "ticket_number",
    "finished_at",
    "assigned_at",
    "vehicle_model_id",
];

/// Direction of one `sort_by` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortDirection {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}

impl SortDirection {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            SortDirection::Asc => "asc",
            SortDirection::Desc => "desc",
        }
    }
}

/// `sort_by` keeps the caller's key order, because the order of sort keys
/// matters and a map would lose it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SortBy(pub Vec<(String, SortDirection)>);

impl Serialize for SortBy {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for SortBy {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        SortBy::read(
            &value,
            &At::Root {
                root: "sort_by",
                prefix: None,
            },
        )
        .map_err(|e| serde::de::Error::custom(e.message))
    }
}

impl SortBy {
    /// Reads `sort_by`: an object of field names to "asc" or "desc", in the
    /// caller's order. Which names are ticket fields is for `validate`.
    pub(crate) fn read(value: &Value, at: &At<'_>) -> Result<SortBy, Error> {
        let Value::Object(members) = value else {
            return Err(fields::mismatch(
                at,
                "an object such as { created_at: \"desc\" }",
                value,
            ));
        };
        let mut keys = Vec::with_capacity(members.len());
        for (key, direction) in members {
            let direction = match direction {
                Value::Leaf(Given::Str(s)) if s == "asc" => SortDirection::Asc,
                Value::Leaf(Given::Str(s)) if s == "desc" => SortDirection::Desc,
                other => return Err(fields::mismatch(&At::Key(at, key), "\"asc\" or \"desc\"", other)),
            };
            keys.push((key.clone(), direction));
        }
        Ok(SortBy(keys))
    }

    /// At least one key, each a sortable ticket field, none twice; `name`
    /// is the parameter's (`sort_by`).
    pub(crate) fn validate(&self, name: &str) -> Result<(), Error> {
        let keys = &self.0;
        if keys.is_empty() {
            return Err(Error::validation(
                name,
                "expected at least one field, such as { created_at: \"desc\" }, got an empty object",
            ));
        }
        for (i, (key, _)) in keys.iter().enumerate() {
            if !SORT_FIELDS.contains(&key.as_str()) {
                return Err(Error::validation(
                    format!("{name}.{}", text::quote(key).trim_matches('"')),
                    format!(
                        "expected a sortable ticket field ({}), got the key {}",
                        SORT_FIELDS.join(", "),
                        text::quote(key)
                    ),
                ));
            }
            if keys[..i].iter().any(|(k, _)| k == key) {
                return Err(Error::validation(format!("{name}.{key}"), "appears twice"));
            }
        }
        Ok(())
    }
}
