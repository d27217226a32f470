use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::input::{self, Input};
use crate::validate;

/// The body of `PUT /v2/tickets/in-progress-tickets/{id}`: the updated
/// 'In Progress' ticket. Only `operator_id` is required; fields left out are
/// not sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InProgressTicketUpdate {
    /// Identifier of the assigned operator (required).
    #[serde(deserialize_with = "input::uuid")]
    pub operator_id: String,
    /// Identifier of the customer for whom the ticket was created.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "input::opt_uuid"
    )]
    pub customer_id: Option<String>,
    /// Identifier of the vehicle model on the ticket.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "input::opt_int::<_, 0, 9007199254740991>"
    )]
    pub vehicle_model_id: Option<i64>,
    /// Vehicle Identification Number of the vehicle on the ticket (17 characters).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "input::opt_vin"
    )]
    pub vin: Option<String>,
    /// Voucher code: 4 to 8 characters of `[A-Z0-9]`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "input::opt_voucher_code"
    )]
    pub voucher_code: Option<String>,
}

impl Input for InProgressTicketUpdate {
    const KEYS: &'static [&'static str] = &["operator_id", "customer_id", "vehicle_model_id", "vin", "voucher_code"];
    const KEY_KIND: &'static str = "a field of an in-progress ticket update";
}

impl InProgressTicketUpdate {
    /// Checks every field against the reference; the error names the field.
    pub fn validate(&self) -> Result<(), Error> {
        validate::uuid("operator_id", &self.operator_id)?;
        if let Some(id) = &self.customer_id {
            validate::uuid("customer_id", id)?;
        }
        if let Some(n) = self.vehicle_model_id {
            validate::int_range("vehicle_model_id", n, 0, validate::MAX_SAFE_INTEGER)?;
        }
        if let Some(v) = &self.vin {
            validate::vin("vin", v)?;
        }
        if let Some(v) = &self.voucher_code {
            validate::voucher_code("voucher_code", v)?;
        }
        Ok(())
    }
}
