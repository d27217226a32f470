use serde::Serialize;

use crate::error::Error;
use crate::input::given::Given;
use crate::input::{fields, Input, Members, Value};
use crate::validate;

/// The body of `PUT /v2/tickets/in-progress-tickets/{id}`: the updated
/// 'In Progress' ticket. Only `operator_id` is required; fields left out are
/// not sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct InProgressTicketUpdate {
    /// Identifier of the assigned operator (required).
    pub operator_id: String,
    /// Identifier of the customer for whom the ticket was created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// Identifier of the vehicle model on the ticket.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_model_id: Option<i64>,
    /// Vehicle Identification Number of the vehicle on the ticket (17 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vin: Option<String>,
    /// Voucher code: 4 to 8 characters of `[A-Z0-9]`; `Some(None)` sends
    /// `null`, which clears it (the reference's type is "string or null").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voucher_code: Option<Option<String>>,
}

impl Input for InProgressTicketUpdate {
    const KEYS: &'static [&'static str] = &["operator_id", "customer_id", "vehicle_model_id", "vin", "voucher_code"];
    const KEY_KIND: &'static str = "a field of an in-progress ticket update";

    fn from_members(m: &Members<'_>) -> Result<Self, Error> {
        Ok(InProgressTicketUpdate {
            operator_id: m.require("operator_id", fields::uuid)?,
            customer_id: m.take("customer_id", fields::uuid)?,
            vehicle_model_id: m.take("vehicle_model_id", fields::int64)?,
            vin: m.take("vin", |v, at| fields::string(v, at, validate::VIN_EXPECTED))?,
            voucher_code: m.take("voucher_code", |v, at| match v {
                Value::Leaf(Given::Null) => Ok(None),
                _ => fields::string(v, at, validate::VOUCHER_CODE_OR_NULL_EXPECTED).map(Some),
            })?,
        })
    }
}

crate::input::deserialize_through_value!(InProgressTicketUpdate);

impl InProgressTicketUpdate {
    /// Checks every field against the reference; the error names the field.
    pub fn validate(&self) -> Result<(), Error> {
        validate::uuid("operator_id", &self.operator_id)?;
        if let Some(id) = &self.customer_id {
            validate::uuid("customer_id", id)?;
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
            validate::vin("vin", v)?;
        }
        if let Some(Some(v)) = &self.voucher_code {
            validate::voucher_code("voucher_code", v)?;
        }
        Ok(())
    }
}
