use serde::{Deserialize, Serialize};

use crate::wire;

/// A ticket after an outsource transition, as found at
/// `/v2/tickets/outsourced-tickets/{id}` (fields from the public Partner API
/// documentation; the seeds of the reference do not show this resource).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutsourcedTicket {
    /// Outsourced ticket identifier.
    #[serde(deserialize_with = "wire::uuid")]
    pub id: String,
    /// Date and time of creation.
    #[serde(deserialize_with = "wire::date_time")]
    pub created_at: String,
    /// Identifier of the customer for whom the ticket was created.
    #[serde(default, deserialize_with = "wire::opt_uuid")]
    pub customer_id: Option<String>,
    /// Human-readable ticket identifier.
    #[serde(deserialize_with = "wire::safe_int")]
    pub ticket_number: i64,
    /// Identifier of the vehicle model of the ticket.
    #[serde(deserialize_with = "wire::safe_int")]
    pub vehicle_model_id: i64,
    /// Vehicle Identification Number of the vehicle of the ticket.
    #[serde(default)]
    pub vin: Option<String>,
    /// The provider the ticket was outsourced to.
    #[serde(deserialize_with = "wire::uuid")]
    pub outsource_provider_id: String,
    /// The ticket created at the outsource provider.
    #[serde(default, deserialize_with = "wire::opt_uuid")]
    pub outsource_ticket_id: Option<String>,
    /// Whether the ticket can be taken back from the outsource provider.
    pub reclaimable: bool,
    /// Code of the applied voucher.
    #[serde(default)]
    pub voucher_code: Option<String>,
    /// Identifier of the connection.
    #[serde(default, deserialize_with = "wire::opt_uuid")]
    pub connection_id: Option<String>,
}
