//! The resources of the reference, one file per concept.
//!
//! Field names are the wire names. Doc comments carry the reference's wording.
//! The three resources a response can hold are each declared once with
//! `resource!` (in `model/declare.rs`), which gives their struct, schema, field list and
//! TypeScript declaration.
//!
//! The modules stand in floors, each using only those listed before it:
//!
//! * `resource`, `ticket_state`: what a response body can hold, and the ticket states;
//! * `declare`: the `resource!` declaration;
//! * `ticket`, `in_progress_ticket`, `outsourced_ticket`, `transition`, `update`: the resources
//!   and the inputs that change one;
//! * `page`: a page of a list.

#[macro_use]
mod declare;
mod in_progress_ticket;
mod outsourced_ticket;
mod page;
mod resource;
mod ticket;
mod ticket_state;
mod transition;
mod update;

pub use crate::error::Problem;
pub use in_progress_ticket::InProgressTicket;
pub use outsourced_ticket::OutsourcedTicket;
pub use page::Page;
pub use resource::Resource;
pub use ticket::Ticket;
pub use ticket_state::TicketState;
pub use transition::{Cancel, Complete, Outsource, Transition};
pub use update::InProgressTicketUpdate;
