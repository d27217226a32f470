//! Query parameters of the two list endpoints, and how they are written.

mod encode;
mod in_progress_ticket_query;
mod params;
mod ticket_query;

pub(crate) use encode::QueryString;
pub use in_progress_ticket_query::InProgressTicketQuery;
pub use ticket_query::{SortBy, SortDirection, TicketQuery, SORT_FIELDS};
