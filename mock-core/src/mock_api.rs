//! The testing hooks under `/__mock`: request log, fault queue, reset. No auth, not recorded.

use crate::response::{IntoResponse, Response, StatusCode};
use serde_json::Value;

use crate::fault::FaultSpec;
use crate::problem::{json_response, Problem};
use crate::state::Shared;

/// `GET /__mock/requests`: the recorded `/v2` requests, oldest first.
pub fn requests(st: &Shared) -> Response {
    json_response(StatusCode::OK, &st.requests())
}

/// `DELETE /__mock/requests`: clears the request log.
pub fn clear_requests(st: &Shared) -> StatusCode {
    st.clear_requests();
    StatusCode::NO_CONTENT
}

/// `GET /__mock/tokens`: how many token requests were answered `{ issued, refused }`
/// (tests count look-ups without seeing any credential).
pub fn tokens(st: &Shared) -> Response {
    let (issued, refused) = st.token_answers();
    json_response(
        StatusCode::OK,
        &serde_json::json!({ "issued": issued, "refused": refused }),
    )
}

/// `POST /__mock/reset`: seeded data back, fault queue and request log cleared.
pub fn reset(st: &Shared) -> StatusCode {
    st.reset();
    StatusCode::NO_CONTENT
}

/// `GET /__mock/faults`: the queued faults.
pub fn faults(st: &Shared) -> Response {
    json_response(StatusCode::OK, &st.faults())
}

/// `POST /__mock/faults`: appends a JSON array of fault specs (or one spec) to the queue and
/// answers the whole queue.
pub fn push_faults(st: &Shared, body: &[u8]) -> Response {
    let v: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return Problem::bad_request(format!("request body: invalid JSON: {e}")).into_response(),
    };
    let items = match v {
        Value::Array(a) => a,
        obj @ Value::Object(_) => vec![obj],
        _ => return Problem::bad_request("request body: expected an array of fault specs").into_response(),
    };
    let mut specs = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match FaultSpec::from_json(item) {
            Ok(s) => specs.push(s),
            Err(e) => return Problem::bad_request(format!("[{i}]: {e}")).into_response(),
        }
    }
    st.push_faults(specs);
    json_response(StatusCode::OK, &st.faults())
}

/// `DELETE /__mock/faults`: empties the queue.
pub fn clear_faults(st: &Shared) -> StatusCode {
    st.clear_faults();
    StatusCode::NO_CONTENT
}
