//! `GET /v2/tickets/tickets` and `GET /v2/tickets/tickets/{ticket-id}`.

use crate::response::{IntoResponse, Response, StatusCode};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::problem::{json_response, Problem};
use crate::query::TicketQuery;
use crate::state::Shared;
use crate::validate::is_uuid;

/// A list page: `{query, result, total}`.
#[derive(Serialize)]
pub struct Page<'a, T> {
    pub query: &'a Map<String, Value>,
    pub result: Vec<T>,
    pub total: usize,
}

/// Checks a path id, naming the path parameter when it is not a UUID.
pub fn check_id(param: &str, id: &str) -> Result<String, Problem> {
    if is_uuid(id) {
        Ok(id.to_ascii_lowercase())
    } else {
        Err(Problem::bad_request(format!("{param}: expected a UUID, got {id:?}")))
    }
}

/// `GET /v2/tickets/tickets`.
pub fn list(st: &Shared, raw: Option<&str>) -> Response {
    let q = match TicketQuery::parse(raw) {
        Ok(q) => q,
        Err(p) => return p.into_response(),
    };
    let store = st.store();
    let mut hits: Vec<_> = store.tickets.iter().filter(|t| q.matches(t)).collect();
    hits.sort_by(|a, b| q.compare(a, b));
    let total = hits.len();
    let result = hits
        .into_iter()
        .skip(usize::try_from(q.offset).unwrap_or(usize::MAX))
        .take(q.limit as usize)
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

/// `GET /v2/tickets/tickets/{ticket-id}`.
pub fn get_one(st: &Shared, id: &str) -> Response {
    let id = match check_id("ticket-id", id) {
        Ok(id) => id,
        Err(p) => return p.into_response(),
    };
    let store = st.store();
    match store.ticket(&id) {
        Some(t) => json_response(StatusCode::OK, t),
        None => Problem::not_found(format!("no ticket with id {id}")).into_response(),
    }
}

/// `GET /v2/tickets/outsourced-tickets/{outsourced-ticket-id}`.
pub fn get_outsourced(st: &Shared, id: &str) -> Response {
    let id = match check_id("outsourced-ticket-id", id) {
        Ok(id) => id,
        Err(p) => return p.into_response(),
    };
    let store = st.store();
    match store.outsourced.iter().find(|o| o.id == id) {
        Some(o) => json_response(StatusCode::OK, o),
        None => Problem::not_found(format!("no outsourced ticket with id {id}")).into_response(),
    }
}
