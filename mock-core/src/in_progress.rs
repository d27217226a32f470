//! The in-progress-ticket endpoints: list, get, update (PUT) and transition (PATCH).

use crate::response::{header, HeaderValue, IntoResponse, Response, StatusCode};
use serde_json::{Map, Value};

use crate::data::{outsourced_record, TicketState};
use crate::problem::{json_response, Problem};
use crate::query::InProgressQuery;
use crate::state::{Shared, Store};
use crate::tickets::{check_id, Page};
use crate::validate::{is_uuid, is_vin, is_voucher_code};

const ID_PARAM: &str = "in-progress-ticket-id";

/// `GET /v2/tickets/in-progress-tickets`: tickets in the `in_progress` state, oldest first.
pub fn list(st: &Shared, raw: Option<&str>) -> Response {
    let q = match InProgressQuery::parse(raw) {
        Ok(q) => q,
        Err(p) => return p.into_response(),
    };
    let store = st.store();
    let hits: Vec<_> = store
        .tickets
        .iter()
        .filter(|t| t.state == TicketState::InProgress && q.ticket_number.is_none_or(|n| n == t.ticket_number))
        .collect();
    let total = hits.len();
    let result = hits
        .into_iter()
        .skip(usize::try_from(q.offset).unwrap_or(usize::MAX))
        .take(q.limit as usize)
        .map(|t| t.in_progress_view())
        .collect();
    json_response(
        StatusCode::OK,
        &Page {
            query: &q.echo,
            result,
            total,
        },
    )
}

/// Finds the in-progress ticket `raw_id`, or the 400/404 problem.
fn find(store: &Store, raw_id: &str) -> Result<String, Problem> {
    let id = check_id(ID_PARAM, raw_id)?;
    match store.ticket(&id) {
        Some(t) if t.state == TicketState::InProgress => Ok(id),
        Some(t) => Err(Problem::not_found(format!(
            "ticket {id} is not in progress (state: {})",
            t.state.as_str()
        ))),
        None => Err(Problem::not_found(format!("no in-progress ticket with id {id}"))),
    }
}

/// `GET /v2/tickets/in-progress-tickets/{id}`.
pub fn get_one(st: &Shared, id: &str) -> Response {
    let store = st.store();
    match find(&store, id) {
        Ok(id) => match store.ticket(&id) {
            Some(t) => json_response(StatusCode::OK, &t.in_progress_view()),
            None => Problem::not_found("gone").into_response(),
        },
        Err(p) => p.into_response(),
    }
}

fn parse_object(body: &[u8]) -> Result<Map<String, Value>, Problem> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(o)) => Ok(o),
        Ok(_) => Err(Problem::bad_request("request body: expected a JSON object")),
        Err(e) => Err(Problem::bad_request(format!("request body: invalid JSON: {e}"))),
    }
}

fn uuid_field(name: &str, v: &Value) -> Result<String, Problem> {
    match v.as_str() {
        Some(s) if is_uuid(s) => Ok(s.to_ascii_lowercase()),
        _ => Err(Problem::bad_request(format!("{name}: expected a UUID, got {v}"))),
    }
}

/// The validated PUT body.
struct Update {
    operator_id: String,
    customer_id: Option<String>,
    vehicle_model_id: Option<i64>,
    vin: Option<String>,
    /// `Some(None)` clears the voucher.
    voucher_code: Option<Option<String>>,
}

fn parse_update(body: &[u8]) -> Result<Update, Problem> {
    let o = parse_object(body)?;
    let mut u = Update {
        operator_id: String::new(),
        customer_id: None,
        vehicle_model_id: None,
        vin: None,
        voucher_code: None,
    };
    let mut operator = None;
    for (k, v) in &o {
        match k.as_str() {
            "operator_id" => operator = Some(uuid_field(k, v)?),
            "customer_id" => u.customer_id = Some(uuid_field(k, v)?),
            "vehicle_model_id" => {
                u.vehicle_model_id = Some(
                    v.as_i64()
                        .ok_or_else(|| Problem::bad_request(format!("{k}: expected an integer, got {v}")))?,
                )
            }
            "vin" => match v.as_str() {
                Some(s) if is_vin(s) => u.vin = Some(s.to_string()),
                _ => {
                    return Err(Problem::bad_request(format!(
                        "{k}: expected a string of exactly 17 characters, got {v}"
                    )))
                }
            },
            "voucher_code" => match v {
                Value::Null => u.voucher_code = Some(None),
                Value::String(s) if is_voucher_code(s) => u.voucher_code = Some(Some(s.clone())),
                _ => {
                    return Err(Problem::bad_request(format!(
                        "{k}: expected null or 4 to 8 characters of [A-Z0-9], got {v}"
                    )))
                }
            },
            _ => return Err(Problem::bad_request(format!("{k}: unknown field"))),
        }
    }
    u.operator_id = operator.ok_or_else(|| Problem::bad_request("operator_id: required"))?;
    Ok(u)
}

/// `PUT /v2/tickets/in-progress-tickets/{id}`: updates the ticket and answers the new view.
pub fn update(st: &Shared, id: &str, body: &[u8]) -> Response {
    let mut store = st.store();
    let id = match find(&store, id) {
        Ok(id) => id,
        Err(p) => return p.into_response(),
    };
    let u = match parse_update(body) {
        Ok(u) => u,
        Err(p) => return p.into_response(),
    };
    let now = store.now();
    let Some(t) = store.ticket_mut(&id) else {
        return Problem::not_found("gone").into_response();
    };
    t.operator_id = Some(u.operator_id);
    if let Some(c) = u.customer_id {
        t.customer_id = Some(c);
    }
    if let Some(m) = u.vehicle_model_id {
        t.vehicle_model_id = m;
    }
    if let Some(v) = u.vin {
        t.vin = Some(v);
    }
    if let Some(v) = u.voucher_code {
        t.voucher_code = v;
    }
    t.updated_at = now;
    json_response(StatusCode::OK, &t.in_progress_view())
}

/// A validated transition.
#[derive(Debug)]
enum Transition {
    Outsource { provider_id: String },
    Complete,
    Cancel { cancel_reason_id: i32 },
}

fn parse_transition(body: &[u8]) -> Result<Transition, Problem> {
    let o = parse_object(body)?;
    if let Some(k) = o.keys().find(|k| *k != "transition") {
        return Err(Problem::bad_request(format!("{k}: unknown field")));
    }
    let t = match o.get("transition") {
        Some(Value::Object(t)) => t,
        Some(v) => return Err(Problem::bad_request(format!("transition: expected an object, got {v}"))),
        None => return Err(Problem::bad_request("transition: required")),
    };
    let kind = match t.get("type") {
        Some(Value::String(s)) => s.as_str(),
        Some(v) => {
            return Err(Problem::bad_request(format!(
                "transition.type: expected a string, got {v}"
            )))
        }
        None => return Err(Problem::bad_request("transition.type: required")),
    };
    let allowed: &[&str] = match kind {
        "outsource" => &[
            "type",
            "product_ids",
            "provider_id",
            "allow_customer_chat_write_access",
            "share_customer_information",
        ],
        "complete" => &["type"],
        "cancel" => &["type", "cancel_reason_id"],
        other => {
            return Err(Problem::bad_request(format!(
                "transition.type: expected outsource, complete or cancel, got {other:?}"
            )))
        }
    };
    if let Some(k) = t.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(Problem::bad_request(format!(
            "transition.{k}: unknown field for a {kind} transition"
        )));
    }
    match kind {
        "outsource" => {
            match t.get("product_ids") {
                Some(Value::Array(ids)) if !ids.is_empty() => {
                    for (i, v) in ids.iter().enumerate() {
                        uuid_field(&format!("transition.product_ids[{i}]"), v)?;
                    }
                }
                Some(v) => {
                    return Err(Problem::bad_request(format!(
                        "transition.product_ids: expected a non-empty array of UUIDs, got {v}"
                    )))
                }
                None => return Err(Problem::bad_request("transition.product_ids: required")),
            }
            let provider_id = match t.get("provider_id") {
                Some(v) => uuid_field("transition.provider_id", v)?,
                None => return Err(Problem::bad_request("transition.provider_id: required")),
            };
            for k in ["allow_customer_chat_write_access", "share_customer_information"] {
                if let Some(v) = t.get(k) {
                    if !v.is_boolean() {
                        return Err(Problem::bad_request(format!(
                            "transition.{k}: expected a boolean, got {v}"
                        )));
                    }
                }
            }
            Ok(Transition::Outsource { provider_id })
        }
        "complete" => Ok(Transition::Complete),
        _ => match t.get("cancel_reason_id") {
            Some(v) => match v.as_i64() {
                Some(n) if n >= 0 && n <= i64::from(i32::MAX) => Ok(Transition::Cancel {
                    cancel_reason_id: n as i32,
                }),
                _ => Err(Problem::bad_request(format!(
                    "transition.cancel_reason_id: expected an int32 from 0, got {v}"
                ))),
            },
            None => Err(Problem::bad_request("transition.cancel_reason_id: required")),
        },
    }
}

/// `PATCH /v2/tickets/in-progress-tickets/{id}`: applies a transition, answers 303 See Other.
pub fn transition(st: &Shared, id: &str, body: &[u8]) -> Response {
    let mut store = st.store();
    let id = match find(&store, id) {
        Ok(id) => id,
        Err(p) => return p.into_response(),
    };
    let tr = match parse_transition(body) {
        Ok(t) => t,
        Err(p) => return p.into_response(),
    };
    let now = store.now();
    let location = match tr {
        Transition::Outsource { provider_id } => {
            let Some(t) = store.ticket_mut(&id) else {
                return Problem::not_found("gone").into_response();
            };
            t.state = TicketState::Outsourced;
            t.outsourced = true;
            t.updated_at = now;
            let snapshot = t.clone();
            let record = outsourced_record(store.rng(), &snapshot, provider_id, true);
            let location = format!("/v2/tickets/outsourced-tickets/{}", record.id);
            store.outsourced.push(record);
            location
        }
        Transition::Complete | Transition::Cancel { .. } => {
            let Some(t) = store.ticket_mut(&id) else {
                return Problem::not_found("gone").into_response();
            };
            if let Transition::Cancel { cancel_reason_id } = tr {
                t.state = TicketState::Cancelled;
                t.cancel_reason_id = Some(cancel_reason_id);
            } else {
                t.state = TicketState::Closed;
            }
            t.finished_at = Some(now);
            t.updated_at = now;
            format!("/v2/tickets/tickets/{id}")
        }
    };
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}
