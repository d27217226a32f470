//! Query parameters of the list endpoints: parsing, validation, filtering, sorting and the echo.

use std::cmp::Ordering;
use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::data::{Ticket, TicketState};
use crate::problem::Problem;
use crate::validate::{is_uuid, is_vin, parse_ts_nanos};

/// `limit` default.
pub const DEFAULT_LIMIT: i64 = 25;
/// `limit` maximum.
pub const MAX_LIMIT: i64 = 1000;

/// Fields `sort_by[FIELD]` accepts: the SDK core's one list (the reference
/// names none), so that the mock refuses exactly what the SDK refuses.
pub use jifeline_tickets_core::query::SORT_FIELDS;

/// Query parameters of `GET /v2/tickets/tickets` that filter.
const TICKET_PARAMS: &[&str] = &[
    "cancel_reason_id",
    "created_after",
    "created_before",
    "customer_connector_id",
    "customer_id",
    "external_reference",
    "externally_processed",
    "finished_after",
    "finished_before",
    "limit",
    "offset",
    "operator_id",
    "source_provider_id",
    "state",
    "ticket_number",
    "updated_after",
    "updated_before",
    "vehicle_model_id",
    "vin",
    "voucher_code",
];

const IN_PROGRESS_PARAMS: &[&str] = &["limit", "offset", "ticket_number"];

fn bad(param: &str, msg: impl std::fmt::Display) -> Problem {
    Problem::bad_request(format!("{param}: {msg}"))
}

/// Single-valued parameters, and the `sort_by[FIELD]` entries in the order given.
type Split = (HashMap<String, String>, Vec<(String, String)>);

/// Splits a raw query string into single-valued parameters plus the `sort_by[...]` entries in order.
fn split(raw: Option<&str>, known: &[&str], allow_sort: bool) -> Result<Split, Problem> {
    let mut params = HashMap::new();
    let mut sort = Vec::new();
    for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        let (k, v) = (k.into_owned(), v.into_owned());
        if allow_sort && (k == "sort_by" || k.starts_with("sort_by[")) {
            let field = k
                .strip_prefix("sort_by[")
                .and_then(|f| f.strip_suffix(']'))
                .filter(|f| !f.is_empty())
                .ok_or_else(|| bad(&k, "use sort_by[FIELD]=asc|desc, e.g. sort_by[created_at]=asc"))?;
            if sort.iter().any(|(f, _)| f == field) {
                return Err(bad(&k, "given more than once"));
            }
            sort.push((field.to_string(), v));
            continue;
        }
        if !known.contains(&k.as_str()) {
            return Err(bad(&k, "unknown query parameter"));
        }
        if params.insert(k.clone(), v).is_some() {
            return Err(bad(&k, "given more than once"));
        }
    }
    Ok((params, sort))
}

fn parse_i64(param: &str, v: &str) -> Result<i64, Problem> {
    v.parse::<i64>()
        .map_err(|_| bad(param, format!("expected an integer, got {v:?}")))
}

fn parse_paging(p: &HashMap<String, String>) -> Result<(i64, i64), Problem> {
    let limit = match p.get("limit") {
        None => DEFAULT_LIMIT,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if (0..=MAX_LIMIT).contains(&n) => n,
            _ => {
                return Err(bad(
                    "limit",
                    format!("expected an integer from 0 to {MAX_LIMIT}, got {v:?}"),
                ))
            }
        },
    };
    let offset = match p.get("offset") {
        None => 0,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n >= 0 => n,
            _ => return Err(bad("offset", format!("expected an integer >= 0, got {v:?}"))),
        },
    };
    Ok((limit, offset))
}

/// A list of comma-separated items: non-empty, unique.
fn parse_list<T: PartialEq>(param: &str, v: &str, item: impl Fn(&str) -> Option<T>) -> Result<Vec<T>, Problem> {
    let mut out = Vec::new();
    for part in v.split(',') {
        if part.is_empty() {
            return Err(bad(
                param,
                "expected a non-empty comma-separated list without empty items",
            ));
        }
        let x = item(part).ok_or_else(|| bad(param, format!("invalid item {part:?}")))?;
        if out.contains(&x) {
            return Err(bad(param, format!("duplicate item {part:?} (items must be unique)")));
        }
        out.push(x);
    }
    Ok(out)
}

/// A validated `GET /v2/tickets/tickets` query.
#[derive(Debug, Default)]
pub struct TicketQuery {
    pub cancel_reason_id: Option<Vec<i64>>,
    pub created_after: Option<i128>,
    pub created_before: Option<i128>,
    pub customer_connector_id: Option<String>,
    pub customer_id: Option<String>,
    pub external_reference: Option<String>,
    pub externally_processed: Option<bool>,
    pub finished_after: Option<i128>,
    pub finished_before: Option<i128>,
    pub limit: i64,
    pub offset: i64,
    pub operator_id: Option<String>,
    /// `(field, descending)` in priority order.
    pub sort_by: Vec<(String, bool)>,
    pub source_provider_id: Option<String>,
    pub state: Option<Vec<TicketState>>,
    pub ticket_number: Option<i64>,
    pub updated_after: Option<i128>,
    pub updated_before: Option<i128>,
    pub vehicle_model_id: Option<i64>,
    /// `Some(None)` for `vin=` (tickets without a VIN).
    pub vin: Option<Option<String>>,
    pub voucher_code: Option<String>,
    /// The applied query, echoed in the response.
    pub echo: Map<String, Value>,
}

impl TicketQuery {
    /// Parses and validates a raw query string; the error names the parameter.
    pub fn parse(raw: Option<&str>) -> Result<Self, Problem> {
        let (p, sort) = split(raw, TICKET_PARAMS, true)?;
        let mut q = TicketQuery::default();
        let mut echo = Map::new();
        let (limit, offset) = parse_paging(&p)?;
        q.limit = limit;
        q.offset = offset;
        echo.insert("limit".into(), limit.into());
        echo.insert("offset".into(), offset.into());

        let mut sort_echo = Map::new();
        for (field, dir) in sort {
            let param = format!("sort_by[{field}]");
            if !SORT_FIELDS.contains(&field.as_str()) {
                return Err(bad(
                    &param,
                    format!("unknown sort field (known: {})", SORT_FIELDS.join(", ")),
                ));
            }
            let desc = match dir.as_str() {
                "asc" => false,
                "desc" => true,
                _ => return Err(bad(&param, format!("expected asc or desc, got {dir:?}"))),
            };
            sort_echo.insert(field.clone(), dir.into());
            q.sort_by.push((field, desc));
        }
        if q.sort_by.is_empty() {
            q.sort_by.push(("created_at".into(), false));
            sort_echo.insert("created_at".into(), "asc".into());
        }
        echo.insert("sort_by".into(), Value::Object(sort_echo));

        for (name, v) in &p {
            let name = name.as_str();
            let value: Value = match name {
                "limit" | "offset" => continue,
                "cancel_reason_id" => {
                    let ids = parse_list(name, v, |s| s.parse::<i64>().ok())?;
                    let echo = ids.clone().into();
                    q.cancel_reason_id = Some(ids);
                    echo
                }
                "state" => {
                    let states = parse_list(name, v, TicketState::parse)?;
                    let echo = states.iter().map(|s| s.as_str()).collect::<Vec<_>>().into();
                    q.state = Some(states);
                    echo
                }
                "created_after" | "created_before" | "finished_after" | "finished_before" | "updated_after"
                | "updated_before" => {
                    let t = parse_ts_nanos(v)
                        .ok_or_else(|| bad(name, format!("expected an RFC 3339 date-time, got {v:?}")))?;
                    let slot = match name {
                        "created_after" => &mut q.created_after,
                        "created_before" => &mut q.created_before,
                        "finished_after" => &mut q.finished_after,
                        "finished_before" => &mut q.finished_before,
                        "updated_after" => &mut q.updated_after,
                        _ => &mut q.updated_before,
                    };
                    *slot = Some(t);
                    v.clone().into()
                }
                "customer_connector_id" | "customer_id" | "operator_id" | "source_provider_id" => {
                    if !is_uuid(v) {
                        return Err(bad(name, format!("expected a UUID, got {v:?}")));
                    }
                    let slot = match name {
                        "customer_connector_id" => &mut q.customer_connector_id,
                        "customer_id" => &mut q.customer_id,
                        "operator_id" => &mut q.operator_id,
                        _ => &mut q.source_provider_id,
                    };
                    *slot = Some(v.to_ascii_lowercase());
                    v.clone().into()
                }
                "external_reference" => {
                    q.external_reference = Some(v.clone());
                    v.clone().into()
                }
                "externally_processed" => {
                    let b = match v.as_str() {
                        "true" => true,
                        "false" => false,
                        _ => return Err(bad(name, format!("expected true or false, got {v:?}"))),
                    };
                    q.externally_processed = Some(b);
                    b.into()
                }
                "ticket_number" => {
                    let n = parse_i64(name, v)?;
                    q.ticket_number = Some(n);
                    n.into()
                }
                "vehicle_model_id" => {
                    let n = parse_i64(name, v)?;
                    q.vehicle_model_id = Some(n);
                    n.into()
                }
                "vin" => {
                    if v.is_empty() {
                        q.vin = Some(None);
                    } else if is_vin(v) {
                        q.vin = Some(Some(v.clone()));
                    } else {
                        return Err(bad(
                            name,
                            format!("expected exactly 17 characters (or empty), got {v:?}"),
                        ));
                    }
                    v.clone().into()
                }
                "voucher_code" => {
                    if v.is_empty() {
                        return Err(bad(name, "must not be empty"));
                    }
                    q.voucher_code = Some(v.clone());
                    v.clone().into()
                }
                _ => return Err(bad(name, "unknown query parameter")),
            };
            echo.insert(name.to_string(), value);
        }
        q.echo = echo;
        Ok(q)
    }

    /// Whether `t` passes every filter.
    pub fn matches(&self, t: &Ticket) -> bool {
        let ns = |s: i64| i128::from(s) * 1_000_000_000;
        let after = |bound: Option<i128>, v: Option<i64>| bound.is_none_or(|b| v.is_some_and(|v| ns(v) > b));
        let before = |bound: Option<i128>, v: Option<i64>| bound.is_none_or(|b| v.is_some_and(|v| ns(v) < b));
        let id_eq = |f: &Option<String>, v: &Option<String>| {
            f.as_ref()
                .is_none_or(|f| v.as_ref().is_some_and(|v| v.eq_ignore_ascii_case(f)))
        };
        self.cancel_reason_id
            .as_ref()
            .is_none_or(|ids| t.cancel_reason_id.is_some_and(|c| ids.contains(&i64::from(c))))
            && after(self.created_after, Some(t.created_at))
            && before(self.created_before, Some(t.created_at))
            && after(self.updated_after, Some(t.updated_at))
            && before(self.updated_before, Some(t.updated_at))
            && after(self.finished_after, t.finished_at)
            && before(self.finished_before, t.finished_at)
            && id_eq(&self.customer_connector_id, &t.customer_connector_id)
            && id_eq(&self.customer_id, &t.customer_id)
            && id_eq(&self.operator_id, &t.operator_id)
            && self
                .source_provider_id
                .as_ref()
                .is_none_or(|f| t.source_provider_id.eq_ignore_ascii_case(f))
            && self
                .external_reference
                .as_ref()
                .is_none_or(|f| &t.external_reference == f)
            && self.externally_processed.is_none_or(|f| t.externally_processed == f)
            && self.state.as_ref().is_none_or(|s| s.contains(&t.state))
            && self.ticket_number.is_none_or(|n| t.ticket_number == n)
            && self.vehicle_model_id.is_none_or(|n| t.vehicle_model_id == n)
            && self.vin.as_ref().is_none_or(|f| &t.vin == f)
            && self
                .voucher_code
                .as_ref()
                .is_none_or(|f| t.voucher_code.as_ref() == Some(f))
    }

    /// Orders two tickets by `sort_by`, then by ticket number. Nulls sort last ascending and
    /// first descending (as if larger than any value).
    pub fn compare(&self, a: &Ticket, b: &Ticket) -> Ordering {
        for (field, desc) in &self.sort_by {
            let key = |t: &Ticket| -> Option<i64> {
                match field.as_str() {
                    "created_at" => Some(t.created_at),
                    "updated_at" => Some(t.updated_at),
                    "ticket_number" => Some(t.ticket_number),
                    "finished_at" => t.finished_at,
                    "assigned_at" => t.assigned_at,
                    _ => Some(t.vehicle_model_id),
                }
            };
            let ord = match (key(a), key(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Greater,
                (Some(_), None) => Ordering::Less,
            };
            let ord = if *desc { ord.reverse() } else { ord };
            if ord != Ordering::Equal {
                return ord;
            }
        }
        a.ticket_number.cmp(&b.ticket_number)
    }
}

/// A validated `GET /v2/tickets/in-progress-tickets` query.
#[derive(Debug, Default)]
pub struct InProgressQuery {
    pub limit: i64,
    pub offset: i64,
    pub ticket_number: Option<i64>,
    pub echo: Map<String, Value>,
}

impl InProgressQuery {
    /// Parses and validates a raw query string; the error names the parameter.
    pub fn parse(raw: Option<&str>) -> Result<Self, Problem> {
        let (p, _) = split(raw, IN_PROGRESS_PARAMS, false)?;
        let (limit, offset) = parse_paging(&p)?;
        let mut echo = Map::new();
        echo.insert("limit".into(), limit.into());
        echo.insert("offset".into(), offset.into());
        let ticket_number = match p.get("ticket_number") {
            Some(v) => {
                let n = parse_i64("ticket_number", v)?;
                echo.insert("ticket_number".into(), n.into());
                Some(n)
            }
            None => None,
        };
        Ok(InProgressQuery {
            limit,
            offset,
            ticket_number,
            echo,
        })
    }
}

#[cfg(test)]
mod tests;
