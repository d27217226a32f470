use serde::{Deserialize, Serialize};

use crate::wire;

/// An 'In Progress' ticket is a ticket that is joined by an operator and is
/// marked as currently being worked on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InProgressTicket {
    /// Ticket identifier.
    #[serde(deserialize_with = "wire::uuid")]
    pub id: String,
    /// Date and time of creation.
    #[serde(deserialize_with = "wire::date_time")]
    pub created_at: String,
    /// Identifier of the customer for whom the ticket was created.
    #[serde(deserialize_with = "wire::uuid")]
    pub customer_id: String,
    /// Human-readable ticket identifier.
    #[serde(deserialize_with = "wire::safe_int")]
    pub ticket_number: i64,
    /// Identifier of the vehicle model on the ticket.
    #[serde(deserialize_with = "wire::safe_int")]
    pub vehicle_model_id: i64,
    /// Vehicle Identification Number (VIN) of the vehicle on the ticket (17 characters).
    pub vin: String,
    /// Date and time service started on this ticket.
    #[serde(deserialize_with = "wire::date_time")]
    pub service_started_at: String,
    /// Identifier of the assigned operator.
    #[serde(deserialize_with = "wire::uuid")]
    pub operator_id: String,
    /// Voucher code (4 to 8 characters of `[A-Z0-9]`).
    #[serde(default)]
    pub voucher_code: Option<String>,
    /// Reflects whether a ticket has been outsourced at least once to another provider.
    pub outsourced: bool,
    /// Identifier of the connection.
    #[serde(default, deserialize_with = "wire::opt_uuid")]
    pub connection_id: Option<String>,
}
