use serde::{Deserialize, Serialize};

use super::in_progress_ticket::InProgressTicket;
use super::resource::Resource;
use super::ticket::Ticket;
use crate::check::{Field, Kind, Schema};

/// One page of a list endpoint, as the server sent it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// Applied query parameters, including defaults (`limit`, `offset`, `sort_by`, …).
    pub query: serde_json::Map<String, serde_json::Value>,
    /// The resources of this page.
    pub result: Vec<T>,
    /// Total number of resources matching the query, over all pages.
    pub total: i64,
}

/// The fields of a page whose `result` holds `items`.
macro_rules! page_fields {
    ($items:ty) => {
        &[
            Field::new("query", Kind::Object, false),
            Field::new("result", Kind::Items(<$items as Resource>::SCHEMA), false),
            Field::new("total", Kind::SafeInt, false),
        ]
    };
}

impl Resource for Page<Ticket> {
    const SCHEMA: &'static Schema = &Schema {
        name: "Page",
        fields: page_fields!(Ticket),
    };
}

impl Resource for Page<InProgressTicket> {
    const SCHEMA: &'static Schema = &Schema {
        name: "Page",
        fields: page_fields!(InProgressTicket),
    };
}
