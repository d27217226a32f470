use serde::Serialize;

use super::params::{self, params};
use super::sort::SortBy;
use crate::error::Error;
use crate::input::{Input, Members};
use crate::model::TicketState;
use crate::validate;

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
