use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::QueryString;
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
    fn as_str(self) -> &'static str {
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
    fn read(value: &Value, at: &At<'_>) -> Result<SortBy, Error> {
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

impl Input for TicketQuery {
    const KEYS: &'static [&'static str] = &[
        "cancel_reason_id",
        "created_after",
        "created_before",
        "customer_connector_id",
        "customer_id",
        "external_reference",
        "externally_processed",
        "finished_after",
        "finished_before",
        "limit",
        "offset",
        "operator_id",
        "sort_by",
        "source_provider_id",
        "state",
        "ticket_number",
        "updated_after",
        "updated_before",
        "vehicle_model_id",
        "vin",
        "voucher_code",
    ];
    const KEY_KIND: &'static str = "a ticket query parameter";

    fn from_members(m: &Members<'_>) -> Result<Self, Error> {
        let date_time = |key: &str| m.take(key, fields::date_time);
        let uuid = |key: &str| m.take(key, fields::uuid);
        Ok(TicketQuery {
            cancel_reason_id: m.take("cancel_reason_id", |v, at| {
                fields::list(v, at, "a non-empty array of integers", fields::int64)
            })?,
            created_after: date_time("created_after")?,
            created_before: date_time("created_before")?,
            customer_connector_id: uuid("customer_connector_id")?,
            customer_id: uuid("customer_id")?,
            external_reference: m.take("external_reference", |v, at| fields::string(v, at, "a string"))?,
            externally_processed: m.take("externally_processed", fields::boolean)?,
            finished_after: date_time("finished_after")?,
            finished_before: date_time("finished_before")?,
            limit: m.take("limit", |v, at| fields::int(v, at, 0, 1000))?,
            offset: m.take("offset", fields::count)?,
            operator_id: uuid("operator_id")?,
            sort_by: m.take("sort_by", SortBy::read)?,
            source_provider_id: uuid("source_provider_id")?,
            state: m.take("state", |v, at| {
                fields::list(v, at, "a non-empty array of ticket states", |item, at| {
                    fields::string(item, at, validate::STATE_EXPECTED).map(|s| TicketState::from_wire(&s))
                })
            })?,
            ticket_number: m.take("ticket_number", fields::int64)?,
            updated_after: date_time("updated_after")?,
            updated_before: date_time("updated_before")?,
            vehicle_model_id: m.take("vehicle_model_id", fields::int64)?,
            vin: m.take("vin", |v, at| fields::string(v, at, validate::VIN_EXPECTED))?,
            voucher_code: m.take("voucher_code", |v, at| fields::string(v, at, "a string"))?,
        })
    }
}

crate::input::deserialize_through_value!(TicketQuery);

impl TicketQuery {
    /// Checks every parameter against the reference; the error names it.
    pub fn validate(&self) -> Result<(), Error> {
        if let Some(ids) = &self.cancel_reason_id {
            validate::non_empty_unique("cancel_reason_id", ids)?;
            for (i, id) in ids.iter().enumerate() {
                validate::int_range(
                    &format!("cancel_reason_id[{i}]"),
                    *id,
                    -validate::MAX_SAFE_INTEGER,
                    validate::MAX_SAFE_INTEGER,
                )?;
            }
        }
        for (field, value) in [
            ("created_after", &self.created_after),
            ("created_before", &self.created_before),
            ("finished_after", &self.finished_after),
            ("finished_before", &self.finished_before),
            ("updated_after", &self.updated_after),
            ("updated_before", &self.updated_before),
        ] {
            if let Some(v) = value {
                validate::date_time(field, v)?;
            }
        }
        for (field, value) in [
            ("customer_connector_id", &self.customer_connector_id),
            ("customer_id", &self.customer_id),
            ("operator_id", &self.operator_id),
            ("source_provider_id", &self.source_provider_id),
        ] {
            if let Some(v) = value {
                validate::uuid(field, v)?;
            }
        }
        if let Some(n) = self.limit {
            validate::int_range("limit", n, 0, 1000)?;
        }
        if let Some(n) = self.offset {
            validate::int_range("offset", n, 0, validate::MAX_SAFE_INTEGER)?;
        }
        if let Some(SortBy(keys)) = &self.sort_by {
            if keys.is_empty() {
                return Err(Error::validation(
                    "sort_by",
                    "expected at least one field, such as { created_at: \"desc\" }, got an empty object",
                ));
            }
            for (i, (key, _)) in keys.iter().enumerate() {
                if !SORT_FIELDS.contains(&key.as_str()) {
                    return Err(Error::validation(
                        format!("sort_by.{}", validate::quote(key).trim_matches('"')),
                        format!(
                            "expected a sortable ticket field ({}), got the key {}",
                            SORT_FIELDS.join(", "),
                            validate::quote(key)
                        ),
                    ));
                }
                if keys[..i].iter().any(|(k, _)| k == key) {
                    return Err(Error::validation(format!("sort_by.{key}"), "appears twice"));
                }
            }
        }
        if let Some(states) = &self.state {
            validate::non_empty_unique("state", states)?;
            for (i, s) in states.iter().enumerate() {
                if !s.is_known() {
                    return Err(Error::validation(
                        format!("state[{i}]"),
                        format!(
                            "expected {}, got the string {}",
                            validate::STATE_EXPECTED,
                            validate::quote(s.as_str())
                        ),
                    ));
                }
            }
        }
        if let Some(n) = self.ticket_number {
            validate::int_range(
                "ticket_number",
                n,
                -validate::MAX_SAFE_INTEGER,
                validate::MAX_SAFE_INTEGER,
            )?;
        }
        if let Some(n) = self.vehicle_model_id {
            validate::int_range(
                "vehicle_model_id",
                n,
                -validate::MAX_SAFE_INTEGER,
                validate::MAX_SAFE_INTEGER,
            )?;
        }
        if let Some(v) = &self.vin {
            if !v.is_empty() {
                validate::vin("vin", v)?;
            }
        }
        if let Some(v) = &self.voucher_code {
            validate::non_empty("voucher_code", v)?;
        }
        Ok(())
    }

    /// Validates, then writes the query string (without `?`) in the
    /// reference's order and form.
    pub fn to_query_string(&self) -> Result<String, Error> {
        self.validate()?;
        let mut q = QueryString::default();
        if let Some(ids) = &self.cancel_reason_id {
            q.push_list("cancel_reason_id", ids.iter().map(i64::to_string));
        }
        let text = |q: &mut QueryString, key: &str, v: &Option<String>| {
            if let Some(v) = v {
                q.push(key, v);
            }
        };
        text(&mut q, "created_after", &self.created_after);
        text(&mut q, "created_before", &self.created_before);
        text(&mut q, "customer_connector_id", &self.customer_connector_id);
        text(&mut q, "customer_id", &self.customer_id);
        text(&mut q, "external_reference", &self.external_reference);
        if let Some(b) = self.externally_processed {
            q.push("externally_processed", if b { "true" } else { "false" });
        }
        text(&mut q, "finished_after", &self.finished_after);
        text(&mut q, "finished_before", &self.finished_before);
        if let Some(n) = self.limit {
            q.push("limit", &n.to_string());
        }
        if let Some(n) = self.offset {
            q.push("offset", &n.to_string());
        }
        text(&mut q, "operator_id", &self.operator_id);
        if let Some(SortBy(keys)) = &self.sort_by {
            for (key, dir) in keys {
                q.push(&format!("sort_by[{key}]"), dir.as_str());
            }
        }
        text(&mut q, "source_provider_id", &self.source_provider_id);
        if let Some(states) = &self.state {
            q.push_list("state", states.iter().map(TicketState::as_str));
        }
        if let Some(n) = self.ticket_number {
            q.push("ticket_number", &n.to_string());
        }
        text(&mut q, "updated_after", &self.updated_after);
        text(&mut q, "updated_before", &self.updated_before);
        if let Some(n) = self.vehicle_model_id {
            q.push("vehicle_model_id", &n.to_string());
        }
        text(&mut q, "vin", &self.vin);
        text(&mut q, "voucher_code", &self.voucher_code);
        Ok(q.finish())
    }
}
