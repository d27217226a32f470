//! The `TicketsApi` class exported to JavaScript.

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::errors::{to_js, to_js_of_call, Call};
use super::fetch::Answer;
use super::hooks::{duration_since, Event, Hook};
use super::input;
use super::js;
use super::options::{ApiOptions, CallOptions};
use super::transport::{now_ms, send, Trace};
use jifeline_tickets_core::check::Schema;
use jifeline_tickets_core::error::{Error, ErrorKind};
use jifeline_tickets_core::model::{
    InProgressTicket, InProgressTicketUpdate, OutsourcedTicket, Page, Resource, Ticket,
};
use jifeline_tickets_core::query::{InProgressTicketQuery, TicketQuery};
use jifeline_tickets_core::request::{self, ApiRequest};
use jifeline_tickets_core::response::{self, TargetKind};

/// A client of the Jifeline Partner API's tickets.
#[wasm_bindgen]
pub struct TicketsApi {
    options: Rc<ApiOptions>,
}

impl std::fmt::Debug for TicketsApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The options hold credentials: show only where the client points.
        f.debug_struct("TicketsApi")
            .field("base_url", &self.options.config.base_url())
            .finish_non_exhaustive()
    }
}

/// What one call does, decided (inputs read and checked, request built)
/// before anything is awaited.
enum Operation {
    /// A GET or PUT whose 2xx body must be a resource of `schema`.
    Fetch {
        request: ApiRequest,
        schema: &'static Schema,
    },
    /// A PATCH of a transition, answered by a 303 to the resource.
    Transition { request: ApiRequest },
}

/// An operation ready to run, or the error that refused it before sending.
type Prepared = Result<(Operation, CallOptions), Error>;

impl TicketsApi {
    /// Runs a prepared call as a Promise whose rejection is always a
    /// `JifelineError`. Every method goes through here, so the module holds
    /// one async state machine for all of them instead of one per method.
    ///
    /// `name` and `method` name the call in hook events, also when it is
    /// refused before a request exists; `onError` gets the very error object
    /// the promise rejects with.
    fn run(&self, name: &'static str, method: &'static str, prepared: Prepared) -> Promise {
        let options = self.options.clone();
        future_to_promise(async move {
            let mut trace = Trace::new(name, method);
            let result = match prepared {
                Ok((operation, call)) => execute(&options, operation, call, &mut trace).await,
                Err(e) => Err(e),
            };
            result.map_err(|e| {
                let answered = matches!(e.kind, ErrorKind::Http | ErrorKind::Decode);
                let call = Call {
                    method: Some(trace.method),
                    url: trace.url.as_deref(),
                    cause: trace.cause.as_ref(),
                    headers: trace.headers.as_ref().filter(|_| answered),
                };
                let error = to_js_of_call(&e, &call);
                options.hooks.emit(Hook::Error, &|| {
                    let event = Event::call(trace.operation, trace.method);
                    let event = match &trace.url {
                        Some(url) => event.text("url", url),
                        None => event,
                    };
                    event
                        .number("attempt", trace.attempt as f64)
                        .number("durationMs", duration_since(trace.started))
                        .value("error", &error)
                });
                error
            })
        })
    }
}

async fn execute(
    options: &ApiOptions,
    operation: Operation,
    call: CallOptions,
    trace: &mut Trace,
) -> Result<JsValue, Error> {
    match operation {
        Operation::Fetch { request, schema } => fetch_json(options, request, &call, schema, trace).await,
        Operation::Transition { request } => transition_with(options, request, &call, trace).await,
    }
}

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` taking the JS string itself (js-sys's takes a Rust `&str`,
    /// which would copy the body back out of wasm memory).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse_js(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// `JSON.parse` of the body string as the engine handed it over.
fn json_parse(text: &JsValue) -> Result<JsValue, Error> {
    json_parse_js(text).map_err(|e| Error::decode(None, js::describe(&e)))
}

/// Sends `request` and returns its 2xx answer as a JS value. The core checks
/// the body against the reference with `C` (a [`jifeline_tickets_core::check`] mirror, which
/// allocates nothing); the engine's own `JSON.parse` then builds the value,
/// faster than any conversion from Rust could.
async fn fetch_json(
    options: &ApiOptions,
    request: ApiRequest,
    call: &CallOptions,
    schema: &'static Schema,
    trace: &mut Trace,
) -> Result<JsValue, Error> {
    let answer = send(options, &request, call, trace).await?;
    if !(200..300).contains(&answer.head.status) {
        return Err(response::error_from(&request, &answer.head, &answer.body, now_ms()));
    }
    response::validate_json(&answer.head, &answer.body, schema)?;
    json_parse(&answer.text().map_err(|e| Error::decode(None, js::describe(&e)))?)
}

#[wasm_bindgen]
impl TicketsApi {
    /// Creates a client; throws a `JifelineError` (`kind: "validation"`) for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<TicketsApi, JsValue> {
        let options = ApiOptions::parse(&options).map_err(|e| to_js(&e))?;
        Ok(TicketsApi {
            options: Rc::new(options),
        })
    }

    /// `GET /v2/tickets/tickets` → `Page<Ticket>`.
    #[wasm_bindgen(js_name = listTickets)]
    pub fn list_tickets(&self, query: JsValue, options: JsValue) -> Promise {
        self.run(
            "listTickets",
            "GET",
            (|| {
                let call = CallOptions::parse(&options)?;
                let query: TicketQuery = input::read(&query, "query", None)?;
                let request = request::list_tickets(&query)?;
                Ok((fetch(request, <Page<Ticket>>::SCHEMA), call))
            })(),
        )
    }

    /// `GET /v2/tickets/tickets/{ticket-id}` → `Ticket`.
    #[wasm_bindgen(js_name = getTicket)]
    pub fn get_ticket(&self, ticket_id: JsValue, options: JsValue) -> Promise {
        self.run(
            "getTicket",
            "GET",
            (|| {
                let call = CallOptions::parse(&options)?;
                let request = request::get_ticket(&input::id(&ticket_id, "ticketId")?)?;
                Ok((fetch(request, Ticket::SCHEMA), call))
            })(),
        )
    }

    /// `GET /v2/tickets/in-progress-tickets` → `Page<InProgressTicket>`.
    #[wasm_bindgen(js_name = listInProgressTickets)]
    pub fn list_in_progress_tickets(&self, query: JsValue, options: JsValue) -> Promise {
        self.run(
            "listInProgressTickets",
            "GET",
            (|| {
                let call = CallOptions::parse(&options)?;
                let query: InProgressTicketQuery = input::read(&query, "query", None)?;
                let request = request::list_in_progress_tickets(&query)?;
                Ok((fetch(request, <Page<InProgressTicket>>::SCHEMA), call))
            })(),
        )
    }

    /// `GET /v2/tickets/in-progress-tickets/{id}` → `InProgressTicket`.
    #[wasm_bindgen(js_name = getInProgressTicket)]
    pub fn get_in_progress_ticket(&self, id: JsValue, options: JsValue) -> Promise {
        self.run(
            "getInProgressTicket",
            "GET",
            (|| {
                let call = CallOptions::parse(&options)?;
                let request = request::get_in_progress_ticket(&input::id(&id, "id")?)?;
                Ok((fetch(request, InProgressTicket::SCHEMA), call))
            })(),
        )
    }

    /// `PUT /v2/tickets/in-progress-tickets/{id}` → `InProgressTicket`.
    #[wasm_bindgen(js_name = updateInProgressTicket)]
    pub fn update_in_progress_ticket(&self, id: JsValue, update: JsValue, options: JsValue) -> Promise {
        self.run(
            "updateInProgressTicket",
            "PUT",
            (|| {
                let call = CallOptions::parse(&options)?;
                let id = input::id(&id, "id")?;
                if update.is_undefined() {
                    return Err(Error::validation(
                        "update",
                        "expected an object such as { operator_id: \"…\" }, got undefined",
                    ));
                }
                let update: InProgressTicketUpdate = input::read(&update, "update", None)?;
                let request = request::update_in_progress_ticket(&id, &update)?;
                Ok((fetch(request, InProgressTicket::SCHEMA), call))
            })(),
        )
    }

    /// `PATCH /v2/tickets/in-progress-tickets/{id}` → `TransitionResult`.
    #[wasm_bindgen(js_name = transitionInProgressTicket)]
    pub fn transition_in_progress_ticket(&self, id: JsValue, transition: JsValue, options: JsValue) -> Promise {
        self.run(
            "transitionInProgressTicket",
            "PATCH",
            prepare_transition(id, transition, None, options),
        )
    }

    /// Outsources an in-progress ticket: `transitionInProgressTicket(id, { type: "outsource", …fields })`.
    pub fn outsource(&self, id: JsValue, fields: JsValue, options: JsValue) -> Promise {
        self.run(
            "outsource",
            "PATCH",
            prepare_transition(id, fields, Some("outsource"), options),
        )
    }

    /// Completes an in-progress ticket: `transitionInProgressTicket(id, { type: "complete" })`.
    pub fn complete(&self, id: JsValue, options: JsValue) -> Promise {
        self.run(
            "complete",
            "PATCH",
            prepare_transition(id, JsValue::UNDEFINED, Some("complete"), options),
        )
    }

    /// Cancels an in-progress ticket: `transitionInProgressTicket(id, { type: "cancel", cancel_reason_id })`.
    pub fn cancel(&self, id: JsValue, fields: JsValue, options: JsValue) -> Promise {
        self.run(
            "cancel",
            "PATCH",
            prepare_transition(id, fields, Some("cancel"), options),
        )
    }
}

fn fetch(request: ApiRequest, schema: &'static Schema) -> Operation {
    Operation::Fetch { request, schema }
}

/// Reads a transition (its type `chosen` by a shorthand, or given in it) and builds its PATCH.
fn prepare_transition(id: JsValue, transition: JsValue, chosen: Option<&'static str>, options: JsValue) -> Prepared {
    let call = CallOptions::parse(&options)?;
    let id = input::id(&id, "id")?;
    let transition = input::transition(&transition, chosen)?;
    let request = request::transition_in_progress_ticket(&id, &transition)?;
    Ok((Operation::Transition { request }, call))
}

/// Sends a transition and builds `{ location, resource? }`.
async fn transition_with(
    options: &ApiOptions,
    req: ApiRequest,
    call: &CallOptions,
    trace: &mut Trace,
) -> Result<JsValue, Error> {
    let answer = send(options, &req, call, trace).await?;
    let target = response::decode_transition(&options.config, &req, &answer.head, &answer.body, now_ms())?;
    let result = js::object();
    js::set(&result, "location", &JsValue::from_str(&target.location));
    if !target.same_origin || target.kind == TargetKind::Unknown {
        return Ok(result);
    }
    // The transition has happened; failing to read where it went must not look
    // like a failed transition, so the resource is simply left out then.
    let resource = if answer.head.redirected {
        // The transport followed the 303: the body is the resource, if it could be read.
        (200..300)
            .contains(&answer.head.status)
            .then(|| decode_target(target.kind, &answer).ok())
            .flatten()
    } else {
        match request::get_transition_target(&target.path) {
            Ok(get) => match send(options, &get, call, trace).await {
                Ok(a) if (200..300).contains(&a.head.status) => decode_target(target.kind, &a).ok(),
                _ => None,
            },
            Err(_) => None,
        }
    };
    if let Some(resource) = resource {
        js::set(&result, "resource", &resource);
    }
    Ok(result)
}

fn decode_target(kind: TargetKind, answer: &Answer) -> Result<JsValue, Error> {
    let body = &answer.body;
    match kind {
        TargetKind::Ticket => response::validate_json(&answer.head, body, Ticket::SCHEMA)?,
        TargetKind::OutsourcedTicket => response::validate_json(&answer.head, body, OutsourcedTicket::SCHEMA)?,
        TargetKind::Unknown => return Err(Error::decode(None, "unknown resource")),
    }
    json_parse(&answer.text().map_err(|e| Error::decode(None, js::describe(&e)))?)
}
