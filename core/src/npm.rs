//! What the npm package's build takes from the core: the resources'
//! TypeScript declarations and the runtime lists, from the same declarations
//! the checks read.

use crate::model::{InProgressTicket, OutsourcedTicket, Ticket, TicketState};
use crate::query::SORT_FIELDS;

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
    for field in SORT_FIELDS {
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
        "// Generated from core/src/model/ticket_state.rs and core/src/query/sort.rs by scripts/build-package.sh.\n\
         /** The six states a query may filter on, in the reference's order. */\n\
         export const TICKET_STATES = Object.freeze([{}]);\n\
         /** The ticket fields `sort_by` accepts. */\n\
         export const SORT_FIELDS = Object.freeze([{}]);\n",
        quoted(&mut TicketState::KNOWN.iter().map(TicketState::as_str)),
        quoted(&mut SORT_FIELDS.iter().copied()),
    )
}
