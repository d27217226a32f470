//! The operations of the API, each declared once.
//!
//! [`for_each_operation!`](crate::for_each_operation) holds the table: each operation's Rust and
//! JavaScript names, HTTP method, path, inputs and answer; the transition
//! shorthands over the transition; the walks over every page of a list.
//! Everything that names an operation is made from it:
//!
//! * the request functions of [`crate::request`];
//! * [`OPERATIONS`], [`SHORTHANDS`] and [`WALKS`], the table as data, from
//!   which the npm package's build prints the JavaScript class's method
//!   table (`operations.js`) and its methods' declarations (`index.d.ts`),
//!   see [`crate::npm`];
//! * the binding's methods (`jifeline-tickets`): the JavaScript class's and
//!   the Rust client's, through their own callbacks of the same table.
//!
//! Adding an operation is then its row here, its model if it is new, the
//! mock's handler, and tests.
//!
//! A row reads `rust_name jsName: METHOD "path" (inputs) -> answer;`, its doc
//! comment the one its JavaScript method carries. The path names each path
//! input in braces, as `format!` does. An input is `rust_name "jsName": kind`:
//!
//! | kind | what it is | Rust | TypeScript |
//! |---|---|---|---|
//! | `path` | a UUID in the path, checked before sending | `&str` | `Uuid` |
//! | `query(T)` | the query string, optional | `&T` | `T?` |
//! | `body(T)` | the JSON body, checked before sending | `&T` | `T` |
//! | `transition` | a `{ "transition": … }` body | `&Transition` | `T extends Transition` |
//!
//! The answer is `resource(T)`, the body checked as `T`, or `transition`, the
//! `Location` of a 303 and the resource there. The call options are the
//! last argument of every JavaScript method, after the inputs.
//!
//! A shorthand is named after its transition type, takes the transition's
//! path input, then the transition's fields unless it has none; a walk
//! takes its list's query and walks its pages.

use crate::method::Method;

/// Calls the macro `$callback` with the table of operations (see the
/// module documentation for its rows).
///
/// The callback is a `macro_rules!` macro in scope where this is invoked;
/// the types the rows name (`TicketQuery`, `Page`, `Ticket`, …) must be in
/// scope there too.
#[macro_export]
macro_rules! for_each_operation {
    ($callback:ident) => {
        $callback! {
            operations {
                /// Retrieve a list of tickets (`GET /v2/tickets/tickets`).
                list_tickets listTickets: GET "/v2/tickets/tickets"
                    (query "query": query(TicketQuery)) -> resource(Page<Ticket>);
                /// Retrieve a single ticket by its identifier.
                get_ticket getTicket: GET "/v2/tickets/tickets/{ticket_id}"
                    (ticket_id "ticketId": path) -> resource(Ticket);
                /// Retrieve a list of 'In Progress' tickets (`GET /v2/tickets/in-progress-tickets`).
                list_in_progress_tickets listInProgressTickets: GET "/v2/tickets/in-progress-tickets"
                    (query "query": query(InProgressTicketQuery)) -> resource(Page<InProgressTicket>);
                /// Retrieve a single 'In Progress' ticket by its identifier.
                get_in_progress_ticket getInProgressTicket: GET "/v2/tickets/in-progress-tickets/{id}"
                    (id "id": path) -> resource(InProgressTicket);
                /// Update a single 'In Progress' ticket (`PUT`); only `operator_id` is required.
                update_in_progress_ticket updateInProgressTicket: PUT "/v2/tickets/in-progress-tickets/{id}"
                    (id "id": path, update "update": body(InProgressTicketUpdate)) -> resource(InProgressTicket);
                /// Transition a single 'In Progress' ticket (`PATCH`, answered by 303 See Other). Never retried automatically.
                transition_in_progress_ticket transitionInProgressTicket: PATCH "/v2/tickets/in-progress-tickets/{id}"
                    (id "id": path, transition "transition": transition) -> transition;
            }
            shorthands of transition_in_progress_ticket(id "id") {
                /// Outsource the ticket: `transitionInProgressTicket(id, { type: "outsource", ...fields })`.
                outsource(fields: OutsourceFields) -> OutsourcedTicket;
                /// Complete the ticket: `transitionInProgressTicket(id, { type: "complete" })`.
                complete() -> Ticket;
                /// Cancel the ticket: `transitionInProgressTicket(id, { type: "cancel", ...fields })`.
                cancel(fields: CancelFields) -> Ticket;
            }
            walks {
                /// Every ticket matching `query`, page after page until `total`.
                tickets of list_tickets;
                /// Every in-progress ticket, page after page until `total`.
                inProgressTickets of list_in_progress_tickets;
            }
        }
    };
}

/// One operation of the API: a request and its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The Rust name: the request function's and the Rust client's method's.
    pub name: &'static str,
    /// The JavaScript class's method.
    pub js_name: &'static str,
    /// The lines of the method's doc comment.
    pub doc: &'static [&'static str],
    /// The HTTP method.
    pub method: Method,
    /// The path, each path input in braces by its Rust name.
    pub path: &'static str,
    /// The inputs, in the order the methods take them.
    pub inputs: &'static [Input],
    /// What the call answers.
    pub answer: Answer,
}

/// An input of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Input {
    /// The JavaScript parameter's name, which errors name as the field.
    pub js_name: &'static str,
    /// Where the input goes in the request.
    pub kind: InputKind,
}

/// Where an input goes in the request, with the name of its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A UUID in the path.
    Path,
    /// The query string; the input is optional.
    Query(&'static str),
    /// The JSON body.
    Body(&'static str),
    /// A transition, sent as `{ "transition": … }`.
    Transition,
}

/// What an operation answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// A body checked as this resource (or page of resources).
    Resource(&'static str),
    /// The `Location` of a 303 See Other, and the resource there.
    Transition,
}

/// A shorthand over the transition: one transition type, its fields the argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shorthand {
    /// The method's name, which is the transition's type.
    pub name: &'static str,
    /// The lines of the method's doc comment.
    pub doc: &'static [&'static str],
    /// The declared type of the fields, when the transition has any.
    pub fields: Option<&'static str>,
    /// The resource the transition leads to.
    pub resource: &'static str,
}

/// A walk of every page of a list, one item at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Walk {
    /// The JavaScript method's name.
    pub js_name: &'static str,
    /// The lines of the method's doc comment.
    pub doc: &'static [&'static str],
    /// The list operation it calls, by its Rust name.
    pub list: &'static str,
}

/// The table as data, written by [`for_each_operation!`].
macro_rules! operation_data {
    (
        operations {
            $(
                $(#[doc = $doc:literal])*
                $name:ident $js:ident: $method:ident $path:literal
                    ($($input:ident $input_js:literal: $kind:ident $(($ty:ty))?),*)
                    -> $answer:ident $(($resource:ty))?;
            )*
        }
        shorthands of $transition:ident($id:ident $id_js:literal) {
            $(
                $(#[doc = $short_doc:literal])*
                $short:ident($($fields:ident: $fields_ty:ident)?) -> $leads_to:ident;
            )*
        }
        walks {
            $(
                $(#[doc = $walk_doc:literal])*
                $walk:ident of $list:ident;
            )*
        }
    ) => {
        /// The operations, in the table's order.
        pub const OPERATIONS: &[Operation] = &[$(
            Operation {
                name: stringify!($name),
                js_name: stringify!($js),
                doc: &[$($doc),*],
                method: http_method!($method),
                path: $path,
                inputs: &[$(Input { js_name: $input_js, kind: input_kind!($kind $(($ty))?) }),*],
                answer: answer!($answer $(($resource))?),
            }
        ),*];

        /// The operation the shorthands transition with, by its Rust name.
        pub const SHORTHANDS_OF: &str = stringify!($transition);

        /// The shorthands' id, as their row names it (the binding reads it so).
        #[cfg(test)]
        const SHORTHANDS_ID: &str = $id_js;

        /// The transition shorthands, in the table's order.
        pub const SHORTHANDS: &[Shorthand] = &[$(
            Shorthand {
                name: stringify!($short),
                doc: &[$($short_doc),*],
                fields: none_or!($(stringify!($fields_ty))?),
                resource: stringify!($leads_to),
            }
        ),*];

        /// The walks, in the table's order.
        pub const WALKS: &[Walk] = &[$(
            Walk {
                js_name: stringify!($walk),
                doc: &[$($walk_doc),*],
                list: stringify!($list),
            }
        ),*];
    };
}

/// A row's HTTP method as the core's [`Method`] (also used by `request.rs`,
/// which this module's `#[macro_use]` comes before).
macro_rules! http_method {
    (GET) => {
        Method::Get
    };
    (PUT) => {
        Method::Put
    };
    (PATCH) => {
        Method::Patch
    };
}

macro_rules! input_kind {
    (path) => {
        InputKind::Path
    };
    (query($ty:ty)) => {
        InputKind::Query(stringify!($ty))
    };
    (body($ty:ty)) => {
        InputKind::Body(stringify!($ty))
    };
    (transition) => {
        InputKind::Transition
    };
}

macro_rules! answer {
    (resource($ty:ty)) => {
        Answer::Resource(stringify!($ty))
    };
    (transition) => {
        Answer::Transition
    };
}

macro_rules! none_or {
    () => {
        None
    };
    ($value:expr) => {
        Some($value)
    };
}

for_each_operation!(operation_data);

/// The JavaScript method `js_name` (an operation or a shorthand), as the
/// table spells it, and the HTTP method of its request.
pub fn method_of(js_name: &str) -> Option<(&'static str, Method)> {
    let operation = OPERATIONS.iter().find(|o| o.js_name == js_name);
    if let Some(o) = operation {
        return Some((o.js_name, o.method));
    }
    let transition = OPERATIONS.iter().find(|o| o.name == SHORTHANDS_OF)?;
    SHORTHANDS
        .iter()
        .find(|s| s.name == js_name)
        .map(|s| (s.name, transition.method))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shorthands_take_the_id_the_transition_takes() {
        let transition = OPERATIONS.iter().find(|o| o.name == SHORTHANDS_OF).unwrap();
        assert_eq!(transition.answer, Answer::Transition);
        assert_eq!(transition.inputs[0].kind, InputKind::Path);
        assert_eq!(transition.inputs[0].js_name, SHORTHANDS_ID);
    }

    #[test]
    fn every_walk_walks_a_list_and_every_method_has_one_name() {
        for walk in WALKS {
            let list = OPERATIONS.iter().find(|o| o.name == walk.list).unwrap();
            assert!(
                matches!(list.answer, Answer::Resource(page) if page.starts_with("Page")),
                "{}",
                walk.js_name
            );
        }
        let mut names: Vec<&str> = OPERATIONS.iter().map(|o| o.js_name).collect();
        names.extend(SHORTHANDS.iter().map(|s| s.name));
        names.extend(WALKS.iter().map(|w| w.js_name));
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }

    #[test]
    fn a_method_s_http_method_is_its_operation_s() {
        assert_eq!(method_of("listTickets"), Some(("listTickets", Method::Get)));
        assert_eq!(
            method_of("updateInProgressTicket"),
            Some(("updateInProgressTicket", Method::Put))
        );
        assert_eq!(method_of("cancel"), Some(("cancel", Method::Patch)));
        assert_eq!(method_of("tickets"), None);
        assert_eq!(method_of("nothing"), None);
    }
}
