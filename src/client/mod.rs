//! The client for Rust apps compiled to wasm32 (Leptos, Yew, Dioxus): the
//! same checks, retries, timeouts, 401 re-send and transitions as the
//! JavaScript `TicketsApi`, as `async fn`s over gloo-net.
//!
//! Each call builds its request with the core, then drives the core's
//! sans-IO [`Exchange`] until it ends: every decision (retry, re-send, follow
//! a transition, fail) is the exchange's; this module only sends and waits.
//! Dropping a call's future aborts its fetch.
//!
//! ```no_run
//! # async fn run() -> Result<(), jifeline_tickets_core::Error> {
//! use jifeline_tickets::{Client, ClientOptions};
//! use jifeline_tickets_core::{Complete, TicketQuery, Transition};
//!
//! let client = Client::new(
//!     ClientOptions::new("https://partner-api-001.prd.jifeline.cloud")
//!         .access_token("…")
//!         .api_key("…"),
//! )?;
//! let page = client.list_tickets(&TicketQuery::default()).await?;
//! # let id = "497f6eca-6276-4993-bfeb-53cbbbba6f08";
//! let moved = client.transition_in_progress_ticket(id, &Transition::Complete(Complete {})).await?;
//! # Ok(()) }
//! ```

mod fetch;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use jifeline_tickets_core::exchange::{Exchange, Expect, Failure, Step};
use jifeline_tickets_core::model::{
    InProgressTicket, InProgressTicketUpdate, OutsourcedTicket, Page, Resource, Ticket,
};
use jifeline_tickets_core::query::{InProgressTicketQuery, TicketQuery};
use jifeline_tickets_core::request::{self, ApiRequest, ClientConfig};
use jifeline_tickets_core::response::{self, ResponseHead, TargetKind};
use jifeline_tickets_core::retry::RetryPolicy;
use jifeline_tickets_core::{Error, Transition};

/// What a token function returns: the token, or why there is none.
pub type TokenFuture = Pin<Box<dyn Future<Output = Result<String, String>>>>;

/// Where the bearer token comes from.
#[derive(Clone)]
enum AccessToken {
    Fixed(String),
    /// Asked before every request; `true` after the API refused the last token (a 401).
    Function(Rc<dyn Fn(bool) -> TokenFuture>),
}

/// How a [`Client`] reaches the API (see [`Client::new`]).
#[derive(Clone)]
pub struct ClientOptions {
    base_url: String,
    token: Option<AccessToken>,
    api_key: Option<String>,
    headers: Vec<(String, String)>,
    timeout_ms: u64,
    retry: RetryPolicy,
}

impl fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Credentials are never shown.
        f.debug_struct("ClientOptions")
            .field("base_url", &self.base_url)
            .field("timeout_ms", &self.timeout_ms)
            .finish_non_exhaustive()
    }
}

impl ClientOptions {
    /// Options for the API at `base_url` (a trailing slash is fine), with a
    /// 30 s timeout per attempt and the default retries.
    pub fn new(base_url: impl Into<String>) -> ClientOptions {
        ClientOptions {
            base_url: base_url.into(),
            token: None,
            api_key: None,
            headers: Vec::new(),
            timeout_ms: 30_000,
            retry: RetryPolicy::default(),
        }
    }

    /// A fixed bearer token, sent as `Authorization: Bearer …`.
    pub fn access_token(mut self, token: impl Into<String>) -> ClientOptions {
        self.token = Some(AccessToken::Fixed(token.into()));
        self
    }

    /// A function asked for the bearer token before every request; its
    /// argument is `true` when the API refused the previous one (a 401, after
    /// which the request is sent once more). An `Err` ends the call with
    /// `kind` auth, its words in the message.
    pub fn access_token_fn(mut self, token: impl Fn(bool) -> TokenFuture + 'static) -> ClientOptions {
        self.token = Some(AccessToken::Function(Rc::new(token)));
        self
    }

    /// The API key, sent as `x-api-key`.
    pub fn api_key(mut self, key: impl Into<String>) -> ClientOptions {
        self.api_key = Some(key.into());
        self
    }

    /// An extra header for every request.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> ClientOptions {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The timeout of each attempt in milliseconds; 0 means none.
    pub fn timeout_ms(mut self, timeout_ms: u64) -> ClientOptions {
        self.timeout_ms = timeout_ms;
        self
    }

    /// The retry rules ([`RetryPolicy::none`] for none).
    pub fn retry(mut self, retry: RetryPolicy) -> ClientOptions {
        self.retry = retry;
        self
    }
}

/// Where a transition went: the `Location` the server answered with,
/// absolute, and the resource there where the client could read it.
#[derive(Debug, Clone, PartialEq)]
pub struct TransitionResult {
    /// The absolute URL of the resource the ticket became.
    pub location: String,
    /// That resource, read from the API's own origin.
    pub resource: Option<TransitionResource>,
}

/// The resource a transition leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum TransitionResource {
    /// After complete or cancel.
    Ticket(Box<Ticket>),
    /// After outsource.
    OutsourcedTicket(Box<OutsourcedTicket>),
}

/// A client of the Jifeline Partner API's tickets, for Rust apps compiled to wasm32.
#[derive(Clone)]
pub struct Client {
    config: ClientConfig,
    token: Option<AccessToken>,
    timeout_ms: u64,
    retry: RetryPolicy,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.config.base_url())
            .finish_non_exhaustive()
    }
}

/// How the last answer of a call ended it.
enum Ended {
    Value(ResponseHead, Vec<u8>),
    Location(String),
    LocationAndResource(String, ResponseHead, Vec<u8>),
}

impl Client {
    /// A client; an error (`kind` validation, naming the option) for a bad
    /// base URL, token, API key or header.
    pub fn new(options: ClientOptions) -> Result<Client, Error> {
        let mut config = ClientConfig::new(&options.base_url)?;
        if let Some(key) = &options.api_key {
            config = config.with_api_key(key)?;
        }
        for (name, value) in &options.headers {
            config = config.with_header(name, value)?;
        }
        if let Some(AccessToken::Fixed(token)) = &options.token {
            request::check_token(token)?;
        }
        Ok(Client {
            config,
            token: options.token,
            timeout_ms: options.timeout_ms,
            retry: options.retry,
        })
    }

    /// `GET /v2/tickets/tickets`: a page of tickets.
    pub async fn list_tickets(&self, query: &TicketQuery) -> Result<Page<Ticket>, Error> {
        self.resource(request::list_tickets(query)?).await
    }

    /// `GET /v2/tickets/tickets/{ticket-id}`.
    pub async fn get_ticket(&self, ticket_id: &str) -> Result<Ticket, Error> {
        self.resource(request::get_ticket(ticket_id)?).await
    }

    /// `GET /v2/tickets/in-progress-tickets`: a page of in-progress tickets.
    pub async fn list_in_progress_tickets(
        &self,
        query: &InProgressTicketQuery,
    ) -> Result<Page<InProgressTicket>, Error> {
        self.resource(request::list_in_progress_tickets(query)?).await
    }

    /// `GET /v2/tickets/in-progress-tickets/{id}`.
    pub async fn get_in_progress_ticket(&self, id: &str) -> Result<InProgressTicket, Error> {
        self.resource(request::get_in_progress_ticket(id)?).await
    }

    /// `PUT /v2/tickets/in-progress-tickets/{id}`: the ticket as updated.
    pub async fn update_in_progress_ticket(
        &self,
        id: &str,
        update: &InProgressTicketUpdate,
    ) -> Result<InProgressTicket, Error> {
        self.resource(request::update_in_progress_ticket(id, update)?).await
    }

    /// `PATCH /v2/tickets/in-progress-tickets/{id}` with `{ "transition": … }`:
    /// where the ticket went, and the resource there when it is on the API's
    /// origin and could be read. Never sent twice.
    pub async fn transition_in_progress_ticket(
        &self,
        id: &str,
        transition: &Transition,
    ) -> Result<TransitionResult, Error> {
        let request = request::transition_in_progress_ticket(id, transition)?;
        let (location, read) = match self.run(request, Expect::Transition).await? {
            Ended::Location(location) => (location, None),
            Ended::LocationAndResource(location, head, body) => (location, Some((head, body))),
            Ended::Value(..) => return Err(Error::decode(None, "a transition ended without a location")),
        };
        let resource = read.and_then(|(head, body)| match response::target_of(&self.config, &location).kind {
            TargetKind::Ticket => response::decode_json(&head, &body)
                .ok()
                .map(|t| TransitionResource::Ticket(Box::new(t))),
            TargetKind::OutsourcedTicket => response::decode_json(&head, &body)
                .ok()
                .map(|t| TransitionResource::OutsourcedTicket(Box::new(t))),
            TargetKind::Unknown => None,
        });
        Ok(TransitionResult { location, resource })
    }

    async fn resource<T: Resource>(&self, request: ApiRequest) -> Result<T, Error> {
        match self.run(request, Expect::Resource(T::SCHEMA)).await? {
            Ended::Value(head, body) => response::decode_json(&head, &body),
            _ => Err(Error::decode(None, "a read ended with a location")),
        }
    }

    /// Drives one call's exchange to its end.
    async fn run(&self, request: ApiRequest, expect: Expect) -> Result<Ended, Error> {
        let refreshable = matches!(self.token, Some(AccessToken::Function(_)));
        let mut exchange = Exchange::new(request, expect, self.retry, refreshable);
        let mut refresh = false;
        loop {
            let token = match self.token(refresh, &exchange).await {
                Ok(token) => token,
                Err(e) => {
                    return match exchange.end(e) {
                        Step::Fail(e) => Err(self.redacted(&exchange, e)),
                        // A transition happened before: where it went is the answer.
                        _ => Ok(Ended::Location(exchange.location().unwrap_or_default().to_owned())),
                    };
                }
            };
            refresh = false;
            let http = self.config.prepare(exchange.request(), token.as_deref())?;
            exchange.sent_with(token.as_deref());
            let step = match fetch::send(&http, self.timeout_ms).await {
                Ok(answer) => {
                    let step = exchange.answered(&self.config, &answer.head, &answer.body, now_ms(), random());
                    match step {
                        Step::Value => return Ok(Ended::Value(answer.head, answer.body)),
                        Step::LocationAndResource => {
                            let location = exchange.location().unwrap_or_default().to_owned();
                            return Ok(Ended::LocationAndResource(location, answer.head, answer.body));
                        }
                        other => other,
                    }
                }
                Err(fetch::Failure::Timeout) => exchange.failed(Failure::Timeout(self.timeout_ms), now_ms(), random()),
                Err(fetch::Failure::Network(why)) => exchange.failed(Failure::Network(&why), now_ms(), random()),
            };
            match step {
                Step::Value | Step::LocationAndResource | Step::Send => {}
                Step::Location => return Ok(Ended::Location(exchange.location().unwrap_or_default().to_owned())),
                Step::Refresh(_) => refresh = true,
                Step::Retry { delay_ms, .. } => fetch::sleep(delay_ms).await,
                Step::Fail(e) => return Err(self.redacted(&exchange, e)),
            }
        }
    }

    /// The token for the next attempt: fixed, or asked of the function.
    async fn token(&self, refresh: bool, exchange: &Exchange) -> Result<Option<String>, Error> {
        match &self.token {
            None => Ok(None),
            Some(AccessToken::Fixed(token)) => Ok(Some(token.clone())),
            Some(AccessToken::Function(f)) => match f(refresh).await {
                Ok(token) => {
                    request::check_token(&token)?;
                    Ok(Some(token))
                }
                Err(why) => Err(Error::auth(&exchange.describe(), why)),
            },
        }
    }

    fn redacted(&self, exchange: &Exchange, mut error: Error) -> Error {
        exchange.redact(&self.config, &mut error);
        error
    }
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

fn random() -> f64 {
    js_sys::Math::random()
}
