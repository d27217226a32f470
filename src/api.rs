//! The `TicketsApi` class exported to JavaScript: each method reads and
//! checks its inputs, builds the request, and returns the Promise of the
//! call the transport drives in Rust (or throws the `JifelineError` that
//! refuses the call before anything is sent).

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::call::Call;
use super::errors::to_js;
use super::input;
use super::options::{ApiOptions, CallOptions};
use super::token::TokenSource;
use super::transport::Transport;
use jifeline_tickets_core::check::Schema;
use jifeline_tickets_core::error::Error;
use jifeline_tickets_core::exchange::Expect;
use jifeline_tickets_core::model::{InProgressTicket, InProgressTicketUpdate, Page, Resource, Ticket};
use jifeline_tickets_core::query::{InProgressTicketQuery, TicketQuery};
use jifeline_tickets_core::request::{self, ApiRequest};

/// A client of the Jifeline Partner API's tickets.
#[wasm_bindgen]
pub struct TicketsApi {
    options: Rc<ApiOptions>,
    transport: Rc<Transport>,
}

impl std::fmt::Debug for TicketsApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The options hold credentials: show only where the client points.
        f.debug_struct("TicketsApi")
            .field("base_url", &self.options.config.base_url())
            .finish_non_exhaustive()
    }
}

/// Each method of the JavaScript class and its HTTP method (a transition's
/// shorthands are PATCHes).
const OPERATIONS: [(&str, &str); 9] = [
    ("listTickets", "GET"),
    ("getTicket", "GET"),
    ("listInProgressTickets", "GET"),
    ("getInProgressTicket", "GET"),
    ("updateInProgressTicket", "PUT"),
    ("transitionInProgressTicket", "PATCH"),
    ("outsource", "PATCH"),
    ("complete", "PATCH"),
    ("cancel", "PATCH"),
];

/// A call ready to run, or the error that refused it before sending.
type Prepared = Result<(ApiRequest, Expect, CallOptions), Error>;

impl TicketsApi {
    /// The call, or the `JifelineError` that refuses it (thrown).
    fn start(&self, prepared: Prepared) -> Result<Call, JsValue> {
        let (request, expect, call) = prepared.map_err(|e| to_js(&e))?;
        self.options.config.check_url_length(&request).map_err(|e| to_js(&e))?;
        Ok(Call::new(&self.options, request, expect, call))
    }
}

#[wasm_bindgen]
impl TicketsApi {
    /// Creates a client; throws a `JifelineError` (`kind: "validation"`) for bad options.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<TicketsApi, JsValue> {
        let parsed = ApiOptions::parse(&options).map_err(|e| to_js(&e))?;
        let api_key = parsed
            .config
            .fixed_headers()
            .into_iter()
            .find_map(|(name, value)| (name == "x-api-key").then_some(value));
        Ok(TicketsApi {
            transport: Rc::new(Transport::new(&options, api_key)),
            options: Rc::new(parsed),
        })
    }

    /// The headers of every request (`accept`, `x-api-key`, the `headers`
    /// option) as `[name, value]` pairs, for the transport to start each
    /// request's from.
    pub fn headers(&self) -> js_sys::Array {
        // Pairs, not an object: a header named `__proto__` is a header like any other.
        let headers = js_sys::Array::new();
        for (name, value) in self.options.config.fixed_headers() {
            headers.push(&js_sys::Array::of2(
                &JsValue::from_str(&name),
                &JsValue::from_str(&value),
            ));
        }
        headers
    }

    /// The token cache of an `accessToken` function shared with other
    /// clients (`clientCredentials()`), instead of this client's own.
    #[wasm_bindgen(js_name = useTokens)]
    pub fn use_tokens(&self, source: &TokenSource) {
        self.transport.use_tokens(source);
    }

    /// A call the package's JavaScript refused before it reached this
    /// class (its options could not be read): the rejection, told to
    /// `onError` as every refusal is.
    pub fn refuse(&self, operation: &str, error: JsValue) -> Promise {
        let (operation, method) = OPERATIONS
            .iter()
            .copied()
            .find(|(name, _)| *name == operation)
            .unwrap_or(("call", "GET"));
        self.spawn(operation, method, Err(error))
    }

    /// `GET /v2/tickets/tickets` → `Promise<Page<Ticket>>`.
    #[wasm_bindgen(js_name = listTickets)]
    pub fn js_list_tickets(&self, query: JsValue, options: JsValue) -> Promise {
        self.spawn("listTickets", "GET", self.list_tickets(query, options))
    }

    /// `GET /v2/tickets/tickets/{ticket-id}` → `Promise<Ticket>`.
    #[wasm_bindgen(js_name = getTicket)]
    pub fn js_get_ticket(&self, ticket_id: JsValue, options: JsValue) -> Promise {
        self.spawn("getTicket", "GET", self.get_ticket(ticket_id, options))
    }

    /// `GET /v2/tickets/in-progress-tickets` → `Promise<Page<InProgressTicket>>`.
    #[wasm_bindgen(js_name = listInProgressTickets)]
    pub fn js_list_in_progress_tickets(&self, query: JsValue, options: JsValue) -> Promise {
        self.spawn(
            "listInProgressTickets",
            "GET",
            self.list_in_progress_tickets(query, options),
        )
    }

    /// `GET /v2/tickets/in-progress-tickets/{id}` → `Promise<InProgressTicket>`.
    #[wasm_bindgen(js_name = getInProgressTicket)]
    pub fn js_get_in_progress_ticket(&self, id: JsValue, options: JsValue) -> Promise {
        self.spawn("getInProgressTicket", "GET", self.get_in_progress_ticket(id, options))
    }

    /// `PUT /v2/tickets/in-progress-tickets/{id}` → `Promise<InProgressTicket>`.
    #[wasm_bindgen(js_name = updateInProgressTicket)]
    pub fn js_update_in_progress_ticket(&self, id: JsValue, update: JsValue, options: JsValue) -> Promise {
        self.spawn(
            "updateInProgressTicket",
            "PUT",
            self.update_in_progress_ticket(id, update, options),
        )
    }

    /// `PATCH /v2/tickets/in-progress-tickets/{id}` → `Promise<TransitionResult>`.
    #[wasm_bindgen(js_name = transitionInProgressTicket)]
    pub fn js_transition_in_progress_ticket(&self, id: JsValue, transition: JsValue, options: JsValue) -> Promise {
        let call = self.transition_in_progress_ticket(id, transition, options);
        self.spawn("transitionInProgressTicket", "PATCH", call)
    }

    /// `transitionInProgressTicket(id, { type: "outsource", …fields })`.
    #[wasm_bindgen(js_name = outsource)]
    pub fn js_outsource(&self, id: JsValue, fields: JsValue, options: JsValue) -> Promise {
        self.spawn("outsource", "PATCH", self.outsource(id, fields, options))
    }

    /// `transitionInProgressTicket(id, { type: "complete" })`.
    #[wasm_bindgen(js_name = complete)]
    pub fn js_complete(&self, id: JsValue, options: JsValue) -> Promise {
        self.spawn("complete", "PATCH", self.complete(id, options))
    }

    /// `transitionInProgressTicket(id, { type: "cancel", cancel_reason_id })`.
    #[wasm_bindgen(js_name = cancel)]
    pub fn js_cancel(&self, id: JsValue, fields: JsValue, options: JsValue) -> Promise {
        self.spawn("cancel", "PATCH", self.cancel(id, fields, options))
    }
}

/// Each method's call, or the `JifelineError` that refuses it before any
/// request exists: what the exported methods run, and what the binding's
/// own tests inspect.
impl TicketsApi {
    /// Runs `call` to its end in Rust: a Promise of its value.
    fn spawn(&self, operation: &'static str, method: &'static str, call: Result<Call, JsValue>) -> Promise {
        let transport = self.transport.clone();
        wasm_bindgen_futures::future_to_promise(transport.run(operation, method, call))
    }

    /// `GET /v2/tickets/tickets` → `Page<Ticket>`.
    pub fn list_tickets(&self, query: JsValue, options: JsValue) -> Result<Call, JsValue> {
        self.start((|| {
            let call = CallOptions::parse(&options)?;
            let query: TicketQuery = input::read(&query, "query", None)?;
            let request = request::list_tickets(&query)?;
            Ok((request, resource(<Page<Ticket>>::SCHEMA), call))
        })())
    }

    /// `GET /v2/tickets/tickets/{ticket-id}` → `Ticket`.
    pub fn get_ticket(&self, ticket_id: JsValue, options: JsValue) -> Result<Call, JsValue> {
        self.start((|| {
            let call = CallOptions::parse(&options)?;
            let request = request::get_ticket(&input::id(&ticket_id, "ticketId")?)?;
            Ok((request, resource(Ticket::SCHEMA), call))
        })())
    }

    /// `GET /v2/tickets/in-progress-tickets` → `Page<InProgressTicket>`.
    pub fn list_in_progress_tickets(&self, query: JsValue, options: JsValue) -> Result<Call, JsValue> {
        self.start((|| {
            let call = CallOptions::parse(&options)?;
            let query: InProgressTicketQuery = input::read(&query, "query", None)?;
            let request = request::list_in_progress_tickets(&query)?;
            Ok((request, resource(<Page<InProgressTicket>>::SCHEMA), call))
        })())
    }

    /// `GET /v2/tickets/in-progress-tickets/{id}` → `InProgressTicket`.
    pub fn get_in_progress_ticket(&self, id: JsValue, options: JsValue) -> Result<Call, JsValue> {
        self.start((|| {
            let call = CallOptions::parse(&options)?;
            let request = request::get_in_progress_ticket(&input::id(&id, "id")?)?;
            Ok((request, resource(InProgressTicket::SCHEMA), call))
        })())
    }

    /// `PUT /v2/tickets/in-progress-tickets/{id}` → `InProgressTicket`.
    pub fn update_in_progress_ticket(&self, id: JsValue, update: JsValue, options: JsValue) -> Result<Call, JsValue> {
        self.start((|| {
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
            Ok((request, resource(InProgressTicket::SCHEMA), call))
        })())
    }

    /// `PATCH /v2/tickets/in-progress-tickets/{id}` → `TransitionResult`.
    pub fn transition_in_progress_ticket(
        &self,
        id: JsValue,
        transition: JsValue,
        options: JsValue,
    ) -> Result<Call, JsValue> {
        self.start(prepare_transition(id, transition, None, options))
    }

    /// Outsources an in-progress ticket: `transitionInProgressTicket(id, { type: "outsource", …fields })`.
    pub fn outsource(&self, id: JsValue, fields: JsValue, options: JsValue) -> Result<Call, JsValue> {
        self.start(prepare_transition(id, fields, Some("outsource"), options))
    }

    /// Completes an in-progress ticket: `transitionInProgressTicket(id, { type: "complete" })`.
    pub fn complete(&self, id: JsValue, options: JsValue) -> Result<Call, JsValue> {
        self.start(prepare_transition(id, JsValue::UNDEFINED, Some("complete"), options))
    }

    /// Cancels an in-progress ticket: `transitionInProgressTicket(id, { type: "cancel", cancel_reason_id })`.
    pub fn cancel(&self, id: JsValue, fields: JsValue, options: JsValue) -> Result<Call, JsValue> {
        self.start(prepare_transition(id, fields, Some("cancel"), options))
    }
}

fn resource(schema: &'static Schema) -> Expect {
    Expect::Resource(schema)
}

/// Reads a transition (its type `chosen` by a shorthand, or given in it) and builds its PATCH.
fn prepare_transition(id: JsValue, transition: JsValue, chosen: Option<&'static str>, options: JsValue) -> Prepared {
    let call = CallOptions::parse(&options)?;
    let id = input::id(&id, "id")?;
    let transition = input::transition(&transition, chosen)?;
    let request = request::transition_in_progress_ticket(&id, &transition)?;
    Ok((request, Expect::Transition, call))
}
