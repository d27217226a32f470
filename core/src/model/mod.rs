//! The resources of the reference, one file per concept.
//!
//! Field names are the wire names. Doc comments carry the reference's wording.
//! The three resources a response can hold are each declared once with
//! `resource!` (in `model/declare.rs`), which gives their struct, schema, field list and
//! TypeScript declaration.

#[macro_use]
mod declare;
mod in_progress_ticket;
mod outsourced_ticket;
mod page;
mod ticket;
mod ticket_state;
mod transition;
mod update;

pub use crate::error::Problem;
pub use in_progress_ticket::InProgressTicket;
pub use outsourced_ticket::OutsourcedTicket;
pub use page::Page;
pub use ticket::Ticket;
pub use ticket_state::TicketState;
pub use transition::{Cancel, Complete, Outsource, Transition};
pub use update::InProgressTicketUpdate;

use crate::check::Schema;

/// A value a 2xx body can hold: a resource, or a page of one.
///
/// Its [`Schema`] checks a body (formats, ranges, required fields, the JSON
/// path of a failure) before serde builds the value, so the checks are written
/// once, in the schema, for the Rust and the JavaScript decoders alike.
pub trait Resource: serde::de::DeserializeOwned {
    /// What a body of this resource must look like.
    const SCHEMA: &'static Schema;
}

/// The TypeScript declarations of every resource, in the order the npm
/// package's `index.d.ts` shows them (generated into it by the build).
pub fn typescript() -> String {
    let mut out = String::from(
        "// Generated from the resource declarations in core/src/model/ by scripts/build-package.sh.\n\
         // Do not edit: change the Rust declaration, then run `UPDATE_REFERENCE=1 cargo test -p jifeline-tickets-core --test typescript`.\n",
    );
    for ts in [
        Ticket::TYPESCRIPT,
        InProgressTicket::TYPESCRIPT,
        OutsourcedTicket::TYPESCRIPT,
    ] {
        out.push('\n');
        out.push_str(ts);
    }
    out.push_str("\n/** A ticket field `sort_by` accepts (the reference lists none; see the README). */\nexport type SortField =");
    for field in crate::query::SORT_FIELDS {
        out.push_str(&format!(" | \"{field}\""));
    }
    out.push_str(";\n");
    out
}

/// The npm package's runtime lists for pickers (`lists.js`): the known ticket
/// states and the sortable fields, frozen, from the same declarations the
/// checks read, so that a list and what the SDK accepts cannot drift apart.
pub fn javascript_lists() -> String {
    let quoted =
        |names: &mut dyn Iterator<Item = &str>| names.map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
    format!(
        "// Generated from core/src/model/ticket_state.rs and core/src/query/ticket_query.rs by scripts/build-package.sh.\n\
         /** The six states a query may filter on, in the reference's order. */\n\
         export const TICKET_STATES = Object.freeze([{}]);\n\
         /** The ticket fields `sort_by` accepts. */\n\
         export const SORT_FIELDS = Object.freeze([{}]);\n",
        quoted(&mut TicketState::KNOWN.iter().map(TicketState::as_str)),
        quoted(&mut crate::query::SORT_FIELDS.iter().copied()),
    )
}
