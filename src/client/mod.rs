//! The client for Rust apps compiled to wasm32 (Leptos, Yew, Dioxus): the
//! same checks, retries, timeouts, 401 re-send and transitions as the
//! JavaScript `TicketsApi`, as `async fn`s over gloo-net.
//!
//! Each call builds its request with the core, then drives the core's
//! sans-IO [`Exchange`](jifeline_tickets_core::exchange::Exchange) until it ends: every decision (retry, re-send, follow
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

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::call::Call;
use crate::js;
use crate::options::{ApiOptions, CallOptions};
use crate::transport::{CallOutcome, Trace, Transport};
use jifeline_tickets_core::exchange::Expect;
use jifeline_tickets_core::model::{
    InProgressTicket, InProgressTicketUpdate, OutsourcedTicket, Page, Resource, Ticket,
};
use jifeline_tickets_core::query::{InProgressTicketQuery, TicketQuery};
use jifeline_tickets_core::request::{self, ApiRequest, ClientConfig};
use jifeline_tickets_core::response::{self, ResponseHead, TargetKind};
use jifeline_tickets_core::retry::{RetryPolicy, DEFAULT_TIMEOUT_MS};
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
    /// Options for the API at `base_url` (a trailing slash is fine), with the
    /// default timeout per attempt ([`DEFAULT_TIMEOUT_MS`], 30 s) and the
    /// default retries.
    pub fn new(base_url: impl Into<String>) -> ClientOptions {
        ClientOptions {
            base_url: base_url.into(),
            token: None,
            api_key: None,
            headers: Vec::new(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
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
///
/// The JavaScript `TicketsApi` runs over the same transport
/// (`src/transport.rs`): the same requests, checks, retries, timeouts,
/// 401 re-send and transitions.
#[derive(Clone)]
pub struct Client {
    options: Rc<ApiOptions>,
    transport: Rc<Transport>,
    /// The JavaScript function a token function is called through, kept alive with the client.
    _token_fn: Option<Rc<TokenClosure>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.options.config.base_url())
            .finish_non_exhaustive()
    }
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
        let (fixed, token_fn) = match options.token {
            None => (None, None),
            Some(AccessToken::Fixed(token)) => {
                request::check_token(&token)?;
                (Some(token), None)
            }
            Some(AccessToken::Function(f)) => (None, Some(Rc::new(token_function(f)))),
        };
        let function: Option<Function> = token_fn
            .as_ref()
            .map(|c| AsRef::<JsValue>::as_ref(&**c).unchecked_ref::<Function>().clone());
        let transport = Transport::for_rust(fixed, function, options.api_key.clone());
        Ok(Client {
            options: Rc::new(ApiOptions {
                config,
                token_is_refreshable: token_fn.is_some(),
                timeout_ms: options.timeout_ms,
                retry: options.retry,
            }),
            transport: Rc::new(transport),
            _token_fn: token_fn,
        })
    }

    /// Where a transition went: the `Location`, and the resource there
    /// when it is on the API's origin and could be read. Never sent twice.
    async fn transition(&self, request: ApiRequest) -> Result<TransitionResult, Error> {
        let (location, body) = match self.run(request, Expect::Transition).await? {
            CallOutcome::Location(location) => (location, None),
            CallOutcome::LocationAndResource(location, body) => (location, Some(body.to_vec())),
            CallOutcome::Value(_) => return Err(Error::decode(None, "a transition ended without a location")),
        };
        let head = json_head();
        let resource = body.and_then(|body| match response::target_of(&self.options.config, &location).kind {
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
            CallOutcome::Value(body) => response::decode_json(&json_head(), &body.to_vec()),
            _ => Err(Error::decode(None, "a read ended with a location")),
        }
    }

    /// Drives one call over the shared transport.
    async fn run(&self, request: ApiRequest, expect: Expect) -> Result<CallOutcome, Error> {
        let method = request.method.as_str();
        let options = CallOptions {
            signal: JsValue::UNDEFINED,
            timeout_ms: None,
            retry: None,
        };
        let mut call = Call::new(&self.options, request, expect, options);
        let mut trace = Trace::new("", method);
        match self.transport.exchange(&mut call, &mut trace).await {
            Ok(outcome) => Ok(outcome),
            Err(()) => Err(call
                .ended_with()
                .unwrap_or_else(|| Error::network(&call.describe(), "the call ended without an answer"))),
        }
    }
}

/// The client's methods, one per operation of the table
/// (`jifeline_tickets_core::for_each_operation!`).
macro_rules! client_methods {
    (
        operations {
            $(
                $(#[doc = $doc:literal])*
                $name:ident $js:ident: $method:ident $path:literal
                    ($($input:ident $input_js:literal: $kind:ident $(($ty:ty))?),*)
                    -> $answer:ident $(($resource:ty))?;
            )*
        }
        $($rest:tt)*
    ) => {
        impl Client {
            $(
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = concat!("`", stringify!($method), " ", $path, "`.")]
                pub async fn $name(
                    &self,
                    $($input: input_type!($kind $(($ty))?)),*
                ) -> Result<answer_type!($answer $(($resource))?), Error> {
                    let request = request::$name($($input),*)?;
                    answer!(self, request, $answer)
                }
            )*
        }
    };
}

/// The Rust type of an input of a kind.
macro_rules! input_type {
    (path) => {
        &str
    };
    (transition) => {
        &Transition
    };
    ($kind:ident($ty:ty)) => {
        &$ty
    };
}

/// The Rust type of an answer.
macro_rules! answer_type {
    (resource($ty:ty)) => {
        $ty
    };
    (transition) => {
        TransitionResult
    };
}

/// Runs the request to its answer.
macro_rules! answer {
    ($client:ident, $request:ident, resource) => {
        $client.resource($request).await
    };
    ($client:ident, $request:ident, transition) => {
        $client.transition($request).await
    };
}

jifeline_tickets_core::for_each_operation!(client_methods);

/// A token function as JavaScript calls it.
type TokenClosure = Closure<dyn FnMut(JsValue) -> Promise>;

/// The head the exchange checked the body under: JSON.
fn json_head() -> ResponseHead {
    ResponseHead {
        status: 200,
        content_type: Some("application/json".into()),
        ..ResponseHead::default()
    }
}

/// A Rust token function as the JavaScript function the transport's token
/// cache calls with `{ refresh }`: its `Err` rejects with an `Error` of its words.
fn token_function(f: Rc<dyn Fn(bool) -> TokenFuture>) -> TokenClosure {
    Closure::new(move |request: JsValue| {
        let refresh = js::get(&request, "refresh") == JsValue::TRUE;
        let pending = f(refresh);
        wasm_bindgen_futures::future_to_promise(async move {
            match pending.await {
                Ok(token) => Ok(JsValue::from_str(&token)),
                Err(why) => Err(js_sys::Error::new(&why).into()),
            }
        })
    })
}
