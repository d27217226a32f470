use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::params::{self, params};
use crate::error::Error;
use crate::input::given::Given;
use crate::input::{fields, At, Input, Members, Value};
use crate::model::TicketState;
use crate::validate;

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
                    format!("{name}.{}", validate::quote(key).trim_matches('"')),
                    format!(
                        "expected a sortable ticket field ({}), got the key {}",
                        SORT_FIELDS.join(", "),
                        validate::quote(key)
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

/// Query parameters of `GET /v2/tickets/tickets`, all optional, with the
/// reference's names. Left out means "not sent": the server's defaults apply
/// (`limit` 25, `offset` 0, `sort_by[created_at]=asc`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TicketQuery {
    /// Filter tickets by one or more cancel reason references (non-empty, unique).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_reason_id: Option<Vec<i64>>,
    /// Filter tickets that have been created after provided date-time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_after: Option<String>,
    /// Filter tickets that have been created before provided date-time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_before: Option<String>,
    /// Filter tickets by customer_connector_id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_connector_id: Option<String>,
    /// Filter tickets by customer_id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// Filter tickets by external reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_reference: Option<String>,
    /// Only return tickets that are or are not processed by an external system.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub externally_processed: Option<bool>,
    /// Filter tickets that have been finished after provided date-time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_after: Option<String>,
    /// Filter tickets that have been finished before provided date-time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_before: Option<String>,
    /// Limits the amount of resources in result (0 to 1000; server default 25).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// Offset of resources in result (at least 0; server default 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
    /// Filter tickets by operator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator_id: Option<String>,
    /// Sort tickets: `{ "created_at": "desc" }` is sent as `sort_by[created_at]=desc`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_by: Option<SortBy>,
    /// Filter tickets by source provider identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_provider_id: Option<String>,
    /// Filter tickets by one or more ticket states (non-empty, unique).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<Vec<TicketState>>,
    /// Filter tickets by ticket number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket_number: Option<i64>,
    /// Filter tickets that have been updated after provided date-time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_after: Option<String>,
    /// Filter tickets that have been updated before provided date-time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_before: Option<String>,
    /// Filter tickets by vehicle_model_id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_model_id: Option<i64>,
    /// Filter tickets by VIN (17 characters). The empty string asks for tickets
    /// without a VIN, which is different from leaving `vin` out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vin: Option<String>,
    /// Filter tickets by voucher code (non-empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voucher_code: Option<String>,
}

params!(TicketQuery {
    cancel_reason_id: Ints,
    created_after: Text(params::Text::DateTime),
    created_before: Text(params::Text::DateTime),
    customer_connector_id: Text(params::Text::Uuid),
    customer_id: Text(params::Text::Uuid),
    external_reference: Text(params::Text::Any),
    externally_processed: Bool,
    finished_after: Text(params::Text::DateTime),
    finished_before: Text(params::Text::DateTime),
    limit: Int(0, 1000),
    offset: Int(0, validate::MAX_SAFE_INTEGER),
    operator_id: Text(params::Text::Uuid),
    sort_by: SortBy,
    source_provider_id: Text(params::Text::Uuid),
    state: States,
    ticket_number: Int(-validate::MAX_SAFE_INTEGER, validate::MAX_SAFE_INTEGER),
    updated_after: Text(params::Text::DateTime),
    updated_before: Text(params::Text::DateTime),
    vehicle_model_id: Int(-validate::MAX_SAFE_INTEGER, validate::MAX_SAFE_INTEGER),
    vin: Text(params::Text::Vin),
    voucher_code: Text(params::Text::NonEmpty),
});

impl Input for TicketQuery {
    const KEYS: &'static [&'static str] = Self::NAMES;
    const KEY_KIND: &'static str = "a ticket query parameter";

    fn from_members(m: &Members<'_>) -> Result<Self, Error> {
        let mut query = TicketQuery::default();
        params::read(m, &mut query.params_mut())?;
        Ok(query)
    }
}

crate::input::deserialize_through_value!(TicketQuery);

impl TicketQuery {
    /// Checks every parameter against the reference; the error names it.
    pub fn validate(&self) -> Result<(), Error> {
        params::validate(&self.params())
    }

    /// Validates, then writes the query string (without `?`) in the
    /// reference's order and form.
    pub fn to_query_string(&self) -> Result<String, Error> {
        params::query_string(&self.params())
    }
}
