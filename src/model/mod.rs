//! The resources of the reference, one file per concept.
//!
//! Field names are the wire names. Doc comments carry the reference's wording.

mod in_progress_ticket;
mod outsourced_ticket;
mod page;
mod problem;
mod ticket;
mod ticket_state;
mod transition;
mod update;

pub use in_progress_ticket::InProgressTicket;
pub use outsourced_ticket::OutsourcedTicket;
pub use page::Page;
pub use problem::Problem;
pub use ticket::Ticket;
pub use ticket_state::TicketState;
pub use transition::{Cancel, Complete, Outsource, Transition};
pub use update::InProgressTicketUpdate;

/// The ticket's field names, which `sort_by` accepts.
pub(crate) fn ticket_fields() -> &'static [&'static str] {
    &ticket::TICKET_FIELDS
}
