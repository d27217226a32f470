use serde::{Deserialize, Serialize};

use super::TicketState;
use crate::wire;

/// Tickets describe the requests to execute services on a vehicle for your customers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    /// Ticket identifier.
    #[serde(deserialize_with = "wire::uuid")]
    pub id: String,
    /// Date and time the ticket was joined by the first operator.
    #[serde(default, deserialize_with = "wire::opt_date_time")]
    pub assigned_at: Option<String>,
    /// Reference to a cancel reason. Only present for tickets in the cancelled state.
    #[serde(default)]
    pub cancel_reason_id: Option<i32>,
    /// Identifier of the connection.
    #[serde(default, deserialize_with = "wire::opt_uuid")]
    pub connection_id: Option<String>,
    /// Date and time of creation.
    #[serde(deserialize_with = "wire::date_time")]
    pub created_at: String,
    /// Identifier for the ticket messenger channel with the customer. This will
    /// not be set for tickets in the 'prepared' state.
    #[serde(default, deserialize_with = "wire::opt_uuid")]
    pub customer_channel_id: Option<String>,
    /// Identifier of the connector that is used by the customer for whom the initial ticket was created.
    #[serde(default, deserialize_with = "wire::opt_uuid")]
    pub customer_connector_id: Option<String>,
    /// Identifier of the customer for whom the ticket was created.
    #[serde(default, deserialize_with = "wire::opt_uuid")]
    pub customer_id: Option<String>,
    /// Reference added by the customer (0 to 255 characters).
    #[serde(deserialize_with = "wire::reference")]
    pub customer_reference: String,
    /// Reference of this ticket to something in an external system. This
    /// property value is never changed from within the Jifeline system.
    pub external_reference: String,
    /// Whether this ticket has been processed by an external system. This
    /// property value is never changed from within the Jifeline system.
    pub externally_processed: bool,
    /// Date and time the ticket was finished at. Only present for tickets in the cancelled or closed states.
    #[serde(default, deserialize_with = "wire::opt_date_time")]
    pub finished_at: Option<String>,
    /// Identifier for the ticket messenger channel with the operator of the
    /// partnered provider that outsourced this ticket to you. Null when the
    /// ticket was created by a customer.
    #[serde(default, deserialize_with = "wire::opt_uuid")]
    pub operator_channel_id: Option<String>,
    /// Identifier of the assigned operator. Set when the ticket currently is or
    /// has been in state "in_progress".
    #[serde(default, deserialize_with = "wire::opt_uuid")]
    pub operator_id: Option<String>,
    /// Reference added by the operator (0 to 255 characters).
    #[serde(deserialize_with = "wire::reference")]
    pub operator_reference: String,
    /// Reflects whether a ticket has been outsourced at least once to another provider.
    pub outsourced: bool,
    /// The identifier of the provider that was the source of this ticket: the
    /// provider that insourced it, otherwise your own provider identifier.
    #[serde(deserialize_with = "wire::uuid")]
    pub source_provider_id: String,
    /// The current activity of the ticket.
    pub state: TicketState,
    /// Human-readable ticket identifier.
    #[serde(deserialize_with = "wire::safe_int")]
    pub ticket_number: i64,
    /// Date and time the ticket was last updated.
    #[serde(deserialize_with = "wire::date_time")]
    pub updated_at: String,
    /// Identifier of the vehicle model of the ticket.
    #[serde(deserialize_with = "wire::safe_int")]
    pub vehicle_model_id: i64,
    /// Vehicle Identification Number (17 characters). Can be null for tickets in "prepared" state.
    #[serde(default)]
    pub vin: Option<String>,
    /// Code of the applied voucher.
    #[serde(default)]
    pub voucher_code: Option<String>,
}

/// The names of the ticket's fields, in the reference's order (23: the
/// reference lists 23, and its sample object has the same 23 keys). `sort_by`
/// accepts these names.
pub(crate) const TICKET_FIELDS: [&str; 23] = [
    "id",
    "assigned_at",
    "cancel_reason_id",
    "connection_id",
    "created_at",
    "customer_channel_id",
    "customer_connector_id",
    "customer_id",
    "customer_reference",
    "external_reference",
    "externally_processed",
    "finished_at",
    "operator_channel_id",
    "operator_id",
    "operator_reference",
    "outsourced",
    "source_provider_id",
    "state",
    "ticket_number",
    "updated_at",
    "vehicle_model_id",
    "vin",
    "voucher_code",
];
