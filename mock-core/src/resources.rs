//! The resources the mock serves (Ticket, InProgressTicket, OutsourcedTicket),
//! written independently of the SDK's declarations on purpose: a test oracle
//! must not share the SDK's mistakes (`tests/declared_fields.rs` holds the
//! field names together).

use serde::Serialize;

use crate::validate::{ser_ts, ser_ts_opt};

/// A ticket state, as the reference lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketState {
    Prepared,
    Pending,
    InProgress,
    Outsourced,
    Closed,
    Cancelled,
}

impl TicketState {
    /// All states, in the reference's order.
    pub const ALL: [TicketState; 6] = [
        TicketState::Prepared,
        TicketState::Pending,
        TicketState::InProgress,
        TicketState::Outsourced,
        TicketState::Closed,
        TicketState::Cancelled,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketState::Prepared => "prepared",
            TicketState::Pending => "pending",
            TicketState::InProgress => "in_progress",
            TicketState::Outsourced => "outsourced",
            TicketState::Closed => "closed",
            TicketState::Cancelled => "cancelled",
        }
    }

    /// Parses a wire name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// A ticket, serialized exactly as the reference's Ticket schema (fields in its order).
#[derive(Debug, Clone, Serialize)]
pub struct Ticket {
    pub id: String,
    #[serde(serialize_with = "ser_ts_opt")]
    pub assigned_at: Option<i64>,
    pub cancel_reason_id: Option<i32>,
    pub connection_id: Option<String>,
    #[serde(serialize_with = "ser_ts")]
    pub created_at: i64,
    pub customer_channel_id: Option<String>,
    pub customer_connector_id: Option<String>,
    pub customer_id: Option<String>,
    pub customer_reference: String,
    pub external_reference: String,
    pub externally_processed: bool,
    #[serde(serialize_with = "ser_ts_opt")]
    pub finished_at: Option<i64>,
    pub operator_channel_id: Option<String>,
    pub operator_id: Option<String>,
    pub operator_reference: String,
    pub outsourced: bool,
    pub source_provider_id: String,
    pub state: TicketState,
    pub ticket_number: i64,
    #[serde(serialize_with = "ser_ts")]
    pub updated_at: i64,
    pub vehicle_model_id: i64,
    pub vin: Option<String>,
    pub voucher_code: Option<String>,
    /// When service started (in-progress tickets only); shown by the InProgressTicket view.
    #[serde(skip)]
    pub service_started_at: Option<i64>,
}

/// The InProgressTicket view of a ticket.
#[derive(Debug, Clone, Serialize)]
pub struct InProgressTicket<'a> {
    pub id: &'a str,
    #[serde(serialize_with = "ser_ts")]
    pub created_at: i64,
    pub customer_id: Option<&'a str>,
    pub ticket_number: i64,
    pub vehicle_model_id: i64,
    pub vin: Option<&'a str>,
    #[serde(serialize_with = "ser_ts")]
    pub service_started_at: i64,
    pub operator_id: Option<&'a str>,
    pub voucher_code: Option<&'a str>,
    pub outsourced: bool,
    pub connection_id: Option<&'a str>,
}

impl Ticket {
    /// The InProgressTicket view (meaningful for tickets in the `in_progress` state).
    pub fn in_progress_view(&self) -> InProgressTicket<'_> {
        InProgressTicket {
            id: &self.id,
            created_at: self.created_at,
            customer_id: self.customer_id.as_deref(),
            ticket_number: self.ticket_number,
            vehicle_model_id: self.vehicle_model_id,
            vin: self.vin.as_deref(),
            service_started_at: self.service_started_at.or(self.assigned_at).unwrap_or(self.created_at),
            operator_id: self.operator_id.as_deref(),
            voucher_code: self.voucher_code.as_deref(),
            outsourced: self.outsourced,
            connection_id: self.connection_id.as_deref(),
        }
    }
}

/// A ticket as outsourced to another provider (`/v2/tickets/outsourced-tickets/{id}`).
#[derive(Debug, Clone, Serialize)]
pub struct OutsourcedTicket {
    pub id: String,
    #[serde(serialize_with = "ser_ts")]
    pub created_at: i64,
    pub customer_id: Option<String>,
    pub ticket_number: i64,
    pub vehicle_model_id: i64,
    pub vin: Option<String>,
    pub outsource_provider_id: String,
    pub outsource_ticket_id: String,
    pub reclaimable: bool,
    pub voucher_code: Option<String>,
    pub connection_id: Option<String>,
    /// The ticket this record was made from (not part of the wire shape).
    #[serde(skip)]
    pub ticket_id: String,
}
