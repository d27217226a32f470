//! The `TicketsApi` class exported to JavaScript: each method reads and
//! checks its inputs, builds the request, and returns the Promise of the
//! call the transport drives in Rust (or throws the `JifelineError` that
//! refuses the call before anything is sent).

use std::rc::Rc;

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;

use super::call::Call;
use super::errors::to_js;
use super::input;
use super::options::{ApiOptions, CallOptions};
use super::token::TokenSource;
use super::transport::Transport;
use jifeline_tickets_core::error::Error;
use jifeline_tickets_core::exchange::Expect;
use jifeline_tickets_core::method::Method;
use jifeline_tickets_core::model::{InProgressTicket, InProgressTicketUpdate, Page, Resource, Ticket};
use jifeline_tickets_core::operation;
use jifeline_tickets_core::query::{InProgressTicketQuery, TicketQuery};
use jifeline_tickets_core::request::{self, ApiRequest};
use jifeline_tickets_core::text::quote;

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

    /// Runs the method `operation` of the class (an operation or a
    /// shorthand of the table in `jifeline_tickets_core::operation`) with
    /// `args`, its arguments as the caller gave them: a Promise of its value.
    pub fn call(&self, operation: &str, args: Array) -> Promise {
        let (name, method) = operation::method_of(operation).unwrap_or(("call", Method::Get));
        self.spawn(name, method.as_str(), self.prepare(operation, &args))
    }

    /// A call the package's JavaScript refused before it reached this
    /// class (its options could not be read): the rejection, told to
    /// `onError` as every refusal is.
    pub fn refuse(&self, operation: &str, error: JsValue) -> Promise {
        let (name, method) = operation::method_of(operation).unwrap_or(("call", Method::Get));
        self.spawn(name, method.as_str(), Err(error))
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
}

/// The class's methods, one per operation and shorthand of the table
/// (`jifeline_tickets_core::for_each_operation!`): each reads its arguments
/// (the call options first, then the inputs in order), builds the request
/// and says what answer to expect.
macro_rules! api_methods {
    (
        operations {
            $(
                $(#[doc = $doc:literal])*
                $name:ident $js:ident: $method:ident $path:literal
                    ($($input:ident $input_js:literal: $kind:ident $(($ty:ty))?),*)
                    -> $answer:ident $(($resource:ty))?;
            )*
        }
        shorthands of $transition:ident($id:ident $id_js:literal) {
            $(
                $(#[doc = $short_doc:literal])*
                $short:ident($($fields:ident: $fields_ty:ident)?) -> $leads_to:ident;
            )*
        }
        $($walks:tt)*
    ) => {
        impl TicketsApi {
            $(
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = concat!("`", stringify!($method), " ", $path, "`.")]
                pub fn $name(&self, $($input: JsValue,)* options: JsValue) -> Result<Call, JsValue> {
                    self.start((|| {
                        let call = CallOptions::parse(&options)?;
                        $(let $input = read_input!($input, $input_js, $kind $(($ty))?);)*
                        let request = request::$name($(&$input),*)?;
                        Ok((request, expect!($answer $(($resource))?), call))
                    })())
                }
            )*

            $(
                $(#[doc = $short_doc])*
                pub fn $short(&self, $id: JsValue, $($fields: JsValue,)? options: JsValue) -> Result<Call, JsValue> {
                    self.start((|| {
                        let call = CallOptions::parse(&options)?;
                        let $id = input::id(&$id, $id_js)?;
                        let fields = or_undefined!($($fields)?);
                        let transition = input::transition(&fields, Some(stringify!($short)))?;
                        let request = request::$transition(&$id, &transition)?;
                        Ok((request, Expect::Transition, call))
                    })())
                }
            )*

            /// The call of the method `operation`, its arguments taken in order
            /// from `args` (`undefined` where the caller gave fewer).
            fn prepare(&self, operation: &str, args: &Array) -> Result<Call, JsValue> {
                let mut args = args.iter();
                let mut next = move || args.next().unwrap_or(JsValue::UNDEFINED);
                match operation {
                    $(stringify!($js) => self.$name($(next_for!(next, $input),)* next()),)*
                    $(stringify!($short) => self.$short(next(), $(next_for!(next, $fields),)? next()),)*
                    _ => Err(to_js(&Error::validation(
                        "operation",
                        format!("expected a method of TicketsApi, got {}", quote(operation)),
                    ))),
                }
            }
        }
    };
}

/// Reads an input of a kind from its JS value.
macro_rules! read_input {
    ($input:ident, $input_js:literal, path) => {
        input::id(&$input, $input_js)?
    };
    ($input:ident, $input_js:literal, transition) => {
        input::transition(&$input, None)?
    };
    ($input:ident, $input_js:literal, $kind:ident($ty:ty)) => {
        input::argument::<$ty>(&$input, $input_js)?
    };
}

/// What the exchange checks the answer as.
macro_rules! expect {
    (resource($ty:ty)) => {
        Expect::Resource(<$ty as Resource>::SCHEMA)
    };
    (transition) => {
        Expect::Transition
    };
}

/// A shorthand's fields, or `undefined` for a transition without any.
macro_rules! or_undefined {
    () => {
        JsValue::UNDEFINED
    };
    ($fields:ident) => {
        $fields
    };
}

/// The next argument, for the parameter `$param`.
macro_rules! next_for {
    ($next:ident, $param:ident) => {
        $next()
    };
}

jifeline_tickets_core::for_each_operation!(api_methods);
