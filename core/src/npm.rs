//! What the npm package's build takes from the core: the resources'
//! TypeScript declarations and the runtime lists, from the same declarations
//! the checks read; the class's methods and their declarations, from the
//! table of operations.

use crate::model::{InProgressTicket, OutsourcedTicket, Ticket, TicketState};
use crate::operation::{Answer, InputKind, Operation, OPERATIONS, SHORTHANDS, SHORTHANDS_OF, WALKS};
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

/// The declarations of the `TicketsApi` class's methods (generated into the
/// npm package's `index.d.ts`, inside the class), from the table of
/// operations: each operation, the walk over a list after the last
/// operation on the list's path, then the transition shorthands.
pub fn typescript_methods() -> String {
    let mut out = String::new();
    for (at, operation) in OPERATIONS.iter().enumerate() {
        let params: Vec<String> = operation
            .inputs
            .iter()
            .map(|input| ts_param(input.js_name, input.kind))
            .collect();
        let transition = operation.answer == Answer::Transition;
        let result = match operation.answer {
            Answer::Resource(resource) => format!("Promise<{}>", ts_type(resource)),
            Answer::Transition => "Promise<TransitionResultOf<T>>".to_owned(),
        };
        let generic = if transition { "<T extends Transition>" } else { "" };
        method(
            &mut out,
            operation.doc,
            &format!("{}{generic}", operation.js_name),
            &params,
            &result,
        );
        for walk in WALKS {
            let list = operation_named(walk.list);
            let on_path = |o: &Operation| o.path.starts_with(list.path);
            let last_on_path = on_path(operation) && !OPERATIONS.get(at + 1).is_some_and(on_path);
            if !last_on_path {
                continue;
            }
            let params: Vec<String> = list
                .inputs
                .iter()
                .map(|input| ts_param(input.js_name, input.kind))
                .collect();
            let item = match list.answer {
                Answer::Resource(page) => ts_type(page),
                Answer::Transition => String::new(),
            };
            let item = item
                .strip_prefix("Page<")
                .and_then(|i| i.strip_suffix('>'))
                .unwrap_or("unknown");
            method(
                &mut out,
                walk.doc,
                walk.js_name,
                &params,
                &format!("PageIterator<{item}>"),
            );
        }
    }
    let transition = operation_named(SHORTHANDS_OF);
    let id = transition
        .inputs
        .iter()
        .find(|i| i.kind == InputKind::Path)
        .map_or("id", |i| i.js_name);
    for shorthand in SHORTHANDS {
        let mut params = vec![ts_param(id, InputKind::Path)];
        params.extend(shorthand.fields.map(|fields| format!("fields: {fields}")));
        let result = format!("Promise<TransitionResult<{}>>", shorthand.resource);
        method(&mut out, shorthand.doc, shorthand.name, &params, &result);
    }
    out
}

/// The npm package's table of the class's methods (`operations.js`): where
/// each method's call options are among its arguments, and which list each
/// walk calls.
pub fn javascript_operations() -> String {
    let mut options_at: Vec<String> = OPERATIONS
        .iter()
        .map(|o| format!("{}: {}", o.js_name, o.inputs.len()))
        .collect();
    let transition = operation_named(SHORTHANDS_OF);
    let id_inputs = transition.inputs.iter().filter(|i| i.kind == InputKind::Path).count();
    options_at.extend(
        SHORTHANDS
            .iter()
            .map(|s| format!("{}: {}", s.name, id_inputs + usize::from(s.fields.is_some()))),
    );
    let walks: Vec<String> = WALKS
        .iter()
        .map(|w| format!("{}: \"{}\"", w.js_name, operation_named(w.list).js_name))
        .collect();
    format!(
        "// Generated from core/src/operation.rs by scripts/build-package.sh.\n\
         /** Each method that calls the module, and where its call options are among its arguments. */\n\
         export const OPTIONS_AT = Object.freeze({{ {} }});\n\
         /** Each walk over every page of a list, and the list method it calls. */\n\
         export const WALKS = Object.freeze({{ {} }});\n",
        options_at.join(", "),
        walks.join(", "),
    )
}

/// The operation of the table with this Rust name (the table's own names
/// only: a walk's list, the shorthands' transition).
fn operation_named(name: &str) -> &'static Operation {
    // The table names its own rows; `OPERATIONS[0]` is never reached.
    OPERATIONS.iter().find(|o| o.name == name).unwrap_or(&OPERATIONS[0])
}

/// A Rust type's name as TypeScript writes it (`Page < Ticket >` is `Page<Ticket>`).
fn ts_type(rust: &str) -> String {
    rust.split_whitespace().collect()
}

fn ts_param(name: &str, kind: InputKind) -> String {
    match kind {
        InputKind::Path => format!("{name}: Uuid"),
        InputKind::Query(ty) => format!("{name}?: {}", ts_type(ty)),
        InputKind::Body(ty) => format!("{name}: {}", ts_type(ty)),
        InputKind::Transition => format!("{name}: T"),
    }
}

/// One method's declaration, two spaces in, its doc above it.
fn method(out: &mut String, doc: &[&str], name: &str, params: &[String], result: &str) {
    let lines: Vec<&str> = doc.iter().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect();
    match lines.as_slice() {
        [] => {}
        [line] => out.push_str(&format!("  /** {line} */\n")),
        lines => {
            out.push_str("  /**\n");
            for line in lines {
                out.push_str(&format!("   *{}{line}\n", if line.is_empty() { "" } else { " " }));
            }
            out.push_str("   */\n");
        }
    }
    let mut params = params.to_vec();
    params.push("options?: CallOptions".to_owned());
    out.push_str(&format!("  {name}({}): {result};\n", params.join(", ")));
}
