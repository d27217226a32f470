use serde::Serialize;

use super::params::{self, params};
use crate::error::Error;
use crate::input::{Input, Members};
use crate::validate;

/// Query parameters of `GET /v2/tickets/in-progress-tickets`, all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InProgressTicketQuery {
    /// Limits the amount of resources in result (0 to 1000; server default 25).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    /// Offset of resources in result (at least 0; server default 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
    /// Filter tickets by ticket number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket_number: Option<i64>,
}

params!(InProgressTicketQuery {
    limit: Int(0, 1000),
    offset: Int(0, validate::MAX_SAFE_INTEGER),
    ticket_number: Int(-validate::MAX_SAFE_INTEGER, validate::MAX_SAFE_INTEGER),
});

impl Input for InProgressTicketQuery {
    const KEYS: &'static [&'static str] = Self::NAMES;
    const KEY_KIND: &'static str = "an in-progress ticket query parameter";

    fn from_members(m: &Members<'_>) -> Result<Self, Error> {
        let mut query = InProgressTicketQuery::default();
        params::read(m, &mut query.params_mut())?;
        Ok(query)
    }
}

crate::input::deserialize_through_value!(InProgressTicketQuery);

impl InProgressTicketQuery {
    /// Checks every parameter against the reference; the error names it.
    pub fn validate(&self) -> Result<(), Error> {
        params::validate(&self.params())
    }

    /// Validates, then writes the query string (without `?`).
    pub fn to_query_string(&self) -> Result<String, Error> {
        params::query_string(&self.params())
    }
}
