//! One declaration per resource.
//!
//! A resource of the reference (`Ticket`, `InProgressTicket`,
//! `OutsourcedTicket`) is written once, with [`resource!`], as its fields, their
//! wire kinds and the reference's wording. From that one declaration come:
//!
//! * the serde struct with its doc comments (what Rust users get);
//! * its [`Schema`](crate::check::Schema), which checks a body without building values
//!   (the JavaScript binding's decoder, and the first step of [`crate::response::decode`]);
//! * `FIELDS`, the wire names in the reference's order (`sort_by` accepts a ticket's);
//! * `TYPESCRIPT`, the `export interface` that the npm package's declarations carry
//!   (`scripts/build-package.sh` writes them in; `tests/typescript.rs` holds them to a
//!   checked-in reference output, so a change shows in review).
//!
//! Adding a field to a resource is one line here, in the resource's own file.
//!
//! The kinds a field may have, and what each gives:
//!
//! | kind | Rust | checked as | TypeScript |
//! |---|---|---|---|
//! | `Uuid` | `String` | a UUID string | `Uuid` |
//! | `DateTime` | `String` | an RFC 3339 date-time string | `DateTimeString` |
//! | `Text` | `String` | any string | `string` |
//! | `Reference` | `String` | a string of at most 255 characters | `string` |
//! | `SafeInt` | `i64` | an integer a JavaScript number holds exactly | `number` |
//! | `Int32` | `i32` | a 32-bit integer | `number` |
//! | `Bool` | `bool` | a boolean | `boolean` |
//! | `State` | [`TicketState`](super::TicketState) | a string | `TicketState` |
//! | `Nullable<K>` | `Option<…>` | `K`, `null` or left out | `… \| null` |

/// The Rust type of a field kind.
macro_rules! rust_type {
    (Nullable<$kind:ident>) => { Option<rust_type!($kind)> };
    (Uuid) => { String };
    (DateTime) => { String };
    (Text) => { String };
    (Reference) => { String };
    (SafeInt) => { i64 };
    (Int32) => { i32 };
    (Bool) => { bool };
    (State) => { $crate::model::ticket_state::TicketState };
}

/// The checker's [`Kind`](crate::check::Kind) of a field kind.
macro_rules! check_kind {
    (Nullable<$kind:ident>) => {
        check_kind!($kind)
    };
    (Uuid) => {
        $crate::check::Kind::Uuid
    };
    (DateTime) => {
        $crate::check::Kind::DateTime
    };
    (Text) => {
        $crate::check::Kind::Text
    };
    (Reference) => {
        $crate::check::Kind::Reference
    };
    (SafeInt) => {
        $crate::check::Kind::SafeInt
    };
    (Int32) => {
        $crate::check::Kind::Int32
    };
    (Bool) => {
        $crate::check::Kind::Bool
    };
    (State) => {
        $crate::check::Kind::Text
    };
}

/// Whether a field kind may be `null` or left out.
macro_rules! is_nullable {
    (Nullable<$kind:ident>) => {
        true
    };
    ($kind:ident) => {
        false
    };
}

/// The TypeScript type of a field kind, as a string literal.
macro_rules! ts_type {
    (Nullable<$kind:ident>) => {
        concat!(ts_type!($kind), " | null")
    };
    (Uuid) => {
        "Uuid"
    };
    (DateTime) => {
        "DateTimeString"
    };
    (Text) => {
        "string"
    };
    (Reference) => {
        "string"
    };
    (SafeInt) => {
        "number"
    };
    (Int32) => {
        "number"
    };
    (Bool) => {
        "boolean"
    };
    (State) => {
        "TicketState"
    };
}

/// Declares a resource: see the module documentation.
///
/// ```text
/// resource! {
///     /// What the resource is, in the reference's words.
///     Ticket {
///         /// Ticket identifier.
///         id: Uuid,
///         /// Date and time the ticket was joined by the first operator.
///         assigned_at: Nullable<DateTime>,
///     }
/// }
/// ```
macro_rules! resource {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            $(
                $(#[doc = $field_doc:literal])*
                $field:ident : $kind:ident $(<$inner:ident>)?
            ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct $name {
            $(
                $(#[doc = $field_doc])*
                pub $field: rust_type!($kind $(<$inner>)?),
            )*
        }

        impl $name {
            /// The wire names of the fields, in the reference's order.
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// The TypeScript declaration of this resource, as the npm package ships it.
            pub const TYPESCRIPT: &'static str = concat!(
                "/**", $($doc,)* " */\n",
                "export interface ", stringify!($name), " {\n",
                $(
                    "  /**", $($field_doc,)* " */\n",
                    "  ", stringify!($field), ": ", ts_type!($kind $(<$inner>)?), ";\n",
                )*
                "}\n"
            );
        }

        impl $crate::model::resource::Resource for $name {
            const SCHEMA: &'static $crate::check::Schema = &$crate::check::Schema {
                name: stringify!($name),
                fields: &[$(
                    $crate::check::Field::new(
                        stringify!($field),
                        check_kind!($kind $(<$inner>)?),
                        is_nullable!($kind $(<$inner>)?),
                    )
                ),*],
            };
        }
    };
}
