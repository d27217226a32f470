use serde::Serialize;

use super::QueryString;
use crate::error::Error;
use crate::input::{fields, Input, Members};
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

impl Input for InProgressTicketQuery {
    const KEYS: &'static [&'static str] = &["limit", "offset", "ticket_number"];
    const KEY_KIND: &'static str = "an in-progress ticket query parameter";

    fn from_members(m: &Members<'_>) -> Result<Self, Error> {
        Ok(InProgressTicketQuery {
            limit: m.take("limit", |v, at| fields::int(v, at, 0, 1000))?,
            offset: m.take("offset", fields::count)?,
            ticket_number: m.take("ticket_number", fields::int64)?,
        })
    }
}

crate::input::deserialize_through_value!(InProgressTicketQuery);

impl InProgressTicketQuery {
    /// Checks every parameter against the reference; the error names it.
    pub fn validate(&self) -> Result<(), Error> {
        if let Some(n) = self.limit {
            validate::int_range("limit", n, 0, 1000)?;
        }
        if let Some(n) = self.offset {
            validate::int_range("offset", n, 0, validate::MAX_SAFE_INTEGER)?;
        }
        if let Some(n) = self.ticket_number {
            validate::int_range(
                "ticket_number",
                n,
                -validate::MAX_SAFE_INTEGER,
                validate::MAX_SAFE_INTEGER,
            )?;
        }
        Ok(())
    }

    /// Validates, then writes the query string (without `?`).
    pub fn to_query_string(&self) -> Result<String, Error> {
        self.validate()?;
        let mut q = QueryString::default();
        for (key, value) in [
            ("limit", self.limit),
            ("offset", self.offset),
            ("ticket_number", self.ticket_number),
        ] {
            if let Some(n) = value {
                q.push(key, &n.to_string());
            }
        }
        Ok(q.finish())
    }
}
