//! One query parameter: how it is read from a caller's input, checked
//! against the reference and written to the query string, by its kind.
//!
//! Each query type lists its fields once, with their kinds (the `params!`
//! macro below); reading, checking and writing are loops over that list.
//! Why a table: written out field by field, the three passes over the 21
//! ticket query parameters make the largest function of the WebAssembly
//! module (every field's reader and check inlined on its own; its size is in
//! `bench/README.md`). Here each kind's code exists once.

use super::encode::QueryString;
use super::sort::SortBy;
use crate::error::Error;
use crate::input::{fields, At, Members, Value};
use crate::model::TicketState;
use crate::text;
use crate::validate;

/// What a text parameter holds.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Text {
    /// Any string (`external_reference`).
    Any,
    /// A non-empty string (`voucher_code`).
    NonEmpty,
    /// A UUID string.
    Uuid,
    /// An RFC 3339 date-time string, or a `Date` (sent as its ISO string).
    DateTime,
    /// A VIN, or the empty string for "tickets without a VIN".
    Vin,
}

/// A parameter's field, borrowed from its query, with its kind's rules.
#[derive(Debug)]
pub(crate) enum Param<'a> {
    /// An integer in `min..=max`.
    Int(&'a Option<i64>, i64, i64),
    /// A non-empty array of unique safe integers, comma-joined.
    Ints(&'a Option<Vec<i64>>),
    /// A string.
    Text(&'a Option<String>, Text),
    /// `true` or `false`.
    Bool(&'a Option<bool>),
    /// A non-empty array of unique known ticket states, comma-joined.
    States(&'a Option<Vec<TicketState>>),
    /// `sort_by`, sent as `sort_by[field]=direction`.
    SortBy(&'a Option<SortBy>),
}

/// The same, mutably borrowed, for reading.
#[derive(Debug)]
pub(crate) enum ParamMut<'a> {
    Int(&'a mut Option<i64>, i64, i64),
    Ints(&'a mut Option<Vec<i64>>),
    Text(&'a mut Option<String>, Text),
    Bool(&'a mut Option<bool>),
    States(&'a mut Option<Vec<TicketState>>),
    SortBy(&'a mut Option<SortBy>),
}

/// Lists a query type's parameters once: their names (`NAMES`, the keys its
/// input accepts) and, in the same order, their fields and kinds, borrowed
/// (`params`) or mutably borrowed (`params_mut`).
macro_rules! params {
    ($ty:ty { $($field:ident: $kind:ident $(($($arg:expr),*))?),* $(,)? }) => {
        impl $ty {
            /// The parameters' names, in the reference's (alphabetical) order.
            pub(crate) const NAMES: &'static [&'static str] = &[$(stringify!($field)),*];

            fn params(&self) -> [(&'static str, $crate::query::params::Param<'_>); Self::NAMES.len()] {
                [$((stringify!($field), $crate::query::params::Param::$kind(&self.$field $($(, $arg)*)?))),*]
            }

            fn params_mut(&mut self) -> [(&'static str, $crate::query::params::ParamMut<'_>); Self::NAMES.len()] {
                [$((stringify!($field), $crate::query::params::ParamMut::$kind(&mut self.$field $($(, $arg)*)?))),*]
            }
        }
    };
}
pub(crate) use params;

/// Reads each parameter present in `m` into its field.
pub(crate) fn read(m: &Members<'_>, params: &mut [(&'static str, ParamMut<'_>)]) -> Result<(), Error> {
    for (name, param) in params {
        m.take(name, |value, at| param.read(value, at))?;
    }
    Ok(())
}

/// Checks every parameter against the reference; the error names it.
pub(crate) fn validate(params: &[(&'static str, Param<'_>)]) -> Result<(), Error> {
    params.iter().try_for_each(|(name, param)| param.validate(name))
}

/// Checks, then writes the query string (without `?`), in the list's order.
pub(crate) fn query_string(params: &[(&'static str, Param<'_>)]) -> Result<String, Error> {
    validate(params)?;
    let mut q = QueryString::default();
    for (name, param) in params {
        param.write(name, &mut q);
    }
    Ok(q.finish())
}

impl ParamMut<'_> {
    /// Reads `value` (the member at `at`) into the field; its format is for
    /// [`Param::validate`], which also covers queries built in Rust.
    fn read(&mut self, value: &Value, at: &At<'_>) -> Result<(), Error> {
        match self {
            ParamMut::Int(field, min, max) => **field = Some(fields::int(value, at, *min, *max)?),
            ParamMut::Ints(field) => {
                **field = Some(fields::list(value, at, "a non-empty array of integers", fields::int64)?)
            }
            ParamMut::Text(field, kind) => {
                let text = match kind {
                    Text::Any | Text::NonEmpty => fields::string(value, at, "a string")?,
                    Text::Uuid => fields::uuid(value, at)?,
                    Text::DateTime => fields::date_time(value, at)?,
                    Text::Vin => fields::string(value, at, validate::VIN_EXPECTED)?,
                };
                **field = Some(text);
            }
            ParamMut::Bool(field) => **field = Some(fields::boolean(value, at)?),
            ParamMut::States(field) => {
                **field = Some(fields::list(
                    value,
                    at,
                    "a non-empty array of ticket states",
                    |item, at| fields::string(item, at, TicketState::expected()).map(|s| TicketState::from_wire(&s)),
                )?)
            }
            ParamMut::SortBy(field) => **field = Some(SortBy::read(value, at)?),
        }
        Ok(())
    }
}

impl Param<'_> {
    fn validate(&self, name: &str) -> Result<(), Error> {
        match *self {
            Param::Int(Some(n), min, max) => validate::int_range(name, *n, min, max),
            Param::Ints(Some(ids)) => {
                validate::non_empty_unique_ints(name, ids)?;
                let max = validate::MAX_SAFE_INTEGER;
                for (i, id) in ids.iter().enumerate() {
                    if !(-max..=max).contains(id) {
                        return validate::int_range(&format!("{name}[{i}]"), *id, -max, max);
                    }
                }
                Ok(())
            }
            Param::Text(Some(text), kind) => match kind {
                Text::Any => Ok(()),
                Text::NonEmpty => validate::non_empty(name, text),
                Text::Uuid => validate::uuid(name, text),
                Text::DateTime => validate::date_time(name, text),
                Text::Vin if text.is_empty() => Ok(()),
                Text::Vin => validate::vin(name, text),
            },
            Param::States(Some(states)) => {
                // Known first: with six states, the search for a repeat is then short.
                let unknown = states.iter().position(|s| !s.is_known());
                if unknown.is_none() {
                    validate::non_empty_unique(name, states)?;
                }
                match unknown {
                    Some(i) => Err(Error::validation(
                        format!("{name}[{i}]"),
                        format!(
                            "expected {}, got the string {}",
                            TicketState::expected(),
                            text::quote(states[i].as_str())
                        ),
                    )),
                    None => Ok(()),
                }
            }
            Param::SortBy(Some(sort)) => sort.validate(name),
            _ => Ok(()),
        }
    }

    fn write(&self, name: &str, q: &mut QueryString) {
        match *self {
            Param::Int(Some(n), ..) => q.push(name, &n.to_string()),
            Param::Ints(Some(ids)) => q.push_list(name, ids.iter().map(i64::to_string)),
            Param::Text(Some(text), _) => q.push(name, text),
            Param::Bool(Some(b)) => q.push(name, if *b { "true" } else { "false" }),
            Param::States(Some(states)) => q.push_list(name, states.iter().map(TicketState::as_str)),
            Param::SortBy(Some(SortBy(keys))) => {
                for (key, direction) in keys {
                    q.push(&format!("{name}[{key}]"), direction.as_str());
                }
            }
            _ => {}
        }
    }
}
