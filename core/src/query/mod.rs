//! Query parameters of the two list endpoints, and how they are written.
//!
//! The modules stand in floors, each using only those listed before it:
//!
//! * `encode`, `sort`: writing a query string, and the order of a ticket list;
//! * `params`: one parameter, read, checked and written by its kind;
//! * `ticket_query`, `in_progress_ticket_query`: the two queries.

mod encode;
mod in_progress_ticket_query;
mod params;
mod sort;
mod ticket_query;

pub use in_progress_ticket_query::InProgressTicketQuery;
pub use sort::{SortBy, SortDirection, SORT_FIELDS};
pub use ticket_query::TicketQuery;

#[cfg(test)]
mod tests {
    use super::{InProgressTicketQuery, TicketQuery};

    /// The order of checks and of the query string: the reference's, alphabetical.
    #[test]
    fn each_list_is_in_alphabetical_order() {
        for names in [TicketQuery::NAMES, InProgressTicketQuery::NAMES] {
            assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
        }
        assert_eq!(TicketQuery::NAMES.len(), 21);
    }
}
