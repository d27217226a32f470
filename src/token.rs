//! The token cache in front of an `accessToken` function: the core's rules
//! ([`jifeline_tickets_core::token`]: when the function is asked, when a
//! token is reused, which requests share a look-up, the refresh generation)
//! with the look-ups' promises held here.
//!
//! The function may answer a string (asked for again before every request),
//! `{ token, expiresAt }` / `{ token, expiresIn }` (reused until a margin
//! before it expires) or `{ token }` (reused until the API refuses it). It is
//! only ever called with `{ refresh }`.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::errors::to_js;
use super::js;
use jifeline_tickets_core::error::Error;
use jifeline_tickets_core::request::Secret;
use jifeline_tickets_core::token::{TokenAnswer, TokenCache, TokenStep};

/// A token for a request, or where to wait for one.
pub(crate) enum Next {
    /// Send this token, of this generation.
    Use(String, u32),
    /// Wait for `done` (it resolves to `{ token, generation }` or rejects
    /// with the look-up's failure); `joined` when another request started
    /// it, which then asks again; `id` is the look-up's, for [`Source::gave_up`].
    Wait { done: Promise, id: u32, joined: bool },
}

/// Why a look-up gave no token: what the function threw, or what it
/// answered that is no token (a number, the empty string, an array).
pub(crate) enum Failed {
    Threw(JsValue),
    NotAToken(JsValue),
}

/// The cache of one token function (see the module documentation).
pub(crate) struct Source {
    lookup: Function,
    cache: RefCell<TokenCache>,
    /// The look-ups in flight that later requests may join: id and its `done`.
    in_flight: RefCell<Vec<(u32, Promise)>>,
}

impl Source {
    pub(crate) fn new(lookup: Function) -> Source {
        Source {
            lookup,
            cache: RefCell::new(TokenCache::new()),
            in_flight: RefCell::new(Vec::new()),
        }
    }

    /// The token for a request; `rejected` is the generation a 401 refused.
    /// A synchronous answer is used at once; what it threw, or no token, is
    /// the `Err`.
    pub(crate) fn next(self: &Rc<Self>, rejected: Option<u32>) -> Result<Next, Failed> {
        let step = self.cache.borrow_mut().next(js_sys::Date::now() as u64, rejected);
        match step {
            TokenStep::Use => {
                let cache = self.cache.borrow();
                Ok(Next::Use(
                    cache.token().unwrap_or_default().to_owned(),
                    cache.generation(),
                ))
            }
            TokenStep::Join(id) => {
                let done = self
                    .in_flight
                    .borrow()
                    .iter()
                    .find(|(i, _)| *i == id)
                    .map(|(_, d)| d.clone());
                match done {
                    Some(done) => Ok(Next::Wait { done, id, joined: true }),
                    None => {
                        // Not one of this source's (cannot happen): forget it and ask anew.
                        self.cache.borrow_mut().failed(id);
                        self.next(rejected)
                    }
                }
            }
            TokenStep::LookUp { id, refresh } => self.start(id, refresh),
        }
    }

    /// Calls the function as look-up `id`. A promise is settled whoever
    /// waits for it (a task of its own), so that a request that stops
    /// waiting never leaves the others waiting for ever.
    fn start(self: &Rc<Self>, id: u32, refresh: bool) -> Result<Next, Failed> {
        let request = Object::new();
        js::set(&request, "refresh", &JsValue::from_bool(refresh));
        let answer = match self.lookup.call1(&JsValue::UNDEFINED, &request) {
            Ok(answer) => answer,
            Err(e) => {
                self.cache.borrow_mut().failed(id);
                return Err(Failed::Threw(e));
            }
        };
        if !is_thenable(&answer) {
            let (token, generation) = self.settle(id, &answer)?;
            return Ok(Next::Use(token, generation));
        }
        let mut pair: Option<(Function, Function)> = None;
        let done = Promise::new(&mut |resolve, reject| pair = Some((resolve, reject)));
        let Some((resolve, reject)) = pair else {
            self.cache.borrow_mut().failed(id);
            return Err(Failed::Threw(JsValue::from_str("Promise executor did not run")));
        };
        // Nobody may be waiting when it fails: no unhandled rejection.
        NOTHING.with(|nothing| {
            let _ = done.catch(nothing);
        });
        self.in_flight.borrow_mut().push((id, done.clone()));
        let source = self.clone();
        let pending = Promise::resolve(&answer);
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = match JsFuture::from(pending).await {
                Ok(value) => source.settle(id, &value),
                Err(e) => {
                    source.cache.borrow_mut().failed(id);
                    Err(Failed::Threw(e))
                }
            };
            source.in_flight.borrow_mut().retain(|(i, _)| *i != id);
            let _ = match outcome {
                Ok((token, generation)) => resolve.call1(&JsValue::UNDEFINED, &got(&token, generation)),
                Err(Failed::Threw(e)) => reject.call1(&JsValue::UNDEFINED, &e),
                Err(Failed::NotAToken(value)) => {
                    let marker = Object::new();
                    js::set(&marker, "notAToken", &JsValue::TRUE);
                    js::set(&marker, "value", &value);
                    reject.call1(&JsValue::UNDEFINED, &marker)
                }
            };
        });
        Ok(Next::Wait {
            done,
            id,
            joined: false,
        })
    }

    /// Reads what look-up `id` answered into the cache.
    fn settle(&self, id: u32, value: &JsValue) -> Result<(String, u32), Failed> {
        let read = read(value);
        let mut cache = self.cache.borrow_mut();
        match read {
            Ok(answer) => {
                let generation = cache.settled(id, answer, js_sys::Date::now() as u64);
                Ok((cache.token().unwrap_or_default().to_owned(), generation))
            }
            Err(failed) => {
                cache.failed(id);
                Err(failed)
            }
        }
    }

    /// A request stopped waiting for look-up `id` (the attempt's timeout):
    /// it is a failed one, and the next request asks again.
    pub(crate) fn gave_up(&self, id: u32) {
        self.in_flight.borrow_mut().retain(|(i, _)| *i != id);
        self.cache.borrow_mut().failed(id);
    }

    /// The generation of the latest token.
    fn generation(&self) -> u32 {
        self.cache.borrow().generation()
    }
}

thread_local! {
    /// A function that does nothing, to mark a promise's rejection handled.
    static NOTHING: Closure<dyn FnMut(JsValue)> = Closure::new(|_| {});
}

/// `{ token, generation }`, what a look-up's `done` resolves to.
fn got(token: &str, generation: u32) -> JsValue {
    let got = Object::new();
    js::set(&got, "token", &JsValue::from_str(token));
    js::set(&got, "generation", &JsValue::from(generation));
    got.into()
}

/// Reads `{ token, generation }` back from a `done`'s value.
pub(crate) fn from_got(value: &JsValue) -> (String, u32) {
    let token = js::get(value, "token").as_string().unwrap_or_default();
    let generation = js::get(value, "generation").as_f64().unwrap_or(0.0) as u32;
    (token, generation)
}

/// What a `done` rejected with, as a [`Failed`].
pub(crate) fn failed_of(rejection: JsValue) -> Failed {
    if js::get(&rejection, "notAToken") == JsValue::TRUE {
        Failed::NotAToken(js::get(&rejection, "value"))
    } else {
        Failed::Threw(rejection)
    }
}

fn is_thenable(value: &JsValue) -> bool {
    (value.is_object() || value.is_function()) && js::get(value, "then").is_function()
}

/// What one answer of the function is.
fn read(answer: &JsValue) -> Result<TokenAnswer, Failed> {
    if let Some(token) = answer.as_string().filter(|t| !t.is_empty()) {
        return Ok(TokenAnswer::Plain(Secret::new(&token)));
    }
    if !answer.is_object() || answer.is_function() || js_sys::Array::is_array(answer) {
        return Err(Failed::NotAToken(answer.clone()));
    }
    let member = |key: &str| Reflect::get(answer, &JsValue::from_str(key)).map_err(Failed::Threw);
    if !Reflect::has(answer, &"token".into()).map_err(Failed::Threw)? {
        let oauth = Reflect::has(answer, &"access_token".into()).unwrap_or(false);
        return Err(invalid(&format!(
            "expected the function to return a string, {{ token, expiresAt }} or {{ token, expiresIn }}, got an object without `token`{}",
            if oauth {
                " (an OAuth2 answer? return { token: answer.access_token, expiresIn: answer.expires_in })"
            } else {
                ""
            }
        )));
    }
    let token = member("token")?;
    let expires_at = member("expiresAt")?;
    let expires_in = member("expiresIn")?;
    let Some(token) = token.as_string().filter(|t| !t.is_empty()) else {
        return Err(invalid(&format!(
            "expected `token` to be a non-empty string, got {}",
            given_without_content(&token)
        )));
    };
    let token = Secret::new(&token);
    if !expires_at.is_undefined() && !expires_in.is_undefined() {
        return Err(invalid("expected `expiresAt` or `expiresIn`, not both"));
    }
    if !expires_at.is_undefined() {
        let ms = match expires_at.dyn_ref::<js_sys::Date>() {
            Some(date) => Some(date.get_time()),
            None => expires_at.as_f64(),
        };
        return match ms {
            Some(ms) if ms.is_finite() => Ok(TokenAnswer::Expiring(token, ms.max(0.0) as u64)),
            _ => Err(invalid(&format!(
                "expected `expiresAt` to be a Date or epoch milliseconds, got {}",
                given_without_content(&expires_at)
            ))),
        };
    }
    if !expires_in.is_undefined() {
        return match expires_in.as_f64() {
            Some(s) if s.is_finite() && s >= 0.0 => Ok(TokenAnswer::Expiring(
                token,
                js_sys::Date::now() as u64 + (s * 1000.0) as u64,
            )),
            _ => Err(invalid(&format!(
                "expected `expiresIn` to be a number of seconds from 0, got {}",
                given_without_content(&expires_in)
            ))),
        };
    }
    Ok(TokenAnswer::Lasting(token))
}

fn invalid(reason: &str) -> Failed {
    Failed::Threw(to_js(&Error::validation("accessToken", reason)))
}

/// What `value` is, as a message's "got …" says it: never the content of a
/// string (it may be a credential).
fn given_without_content(value: &JsValue) -> String {
    if value.is_null() {
        return "null".to_owned();
    }
    if value.is_undefined() {
        return "undefined".to_owned();
    }
    if let Some(s) = value.as_string() {
        return if s.is_empty() { "the empty string" } else { "a string" }.to_owned();
    }
    if let Some(b) = value.as_bool() {
        return if b { "true" } else { "false" }.to_owned();
    }
    // `String(value)`, by the engine (no float formatting in the module).
    let text = |v: Option<js_sys::JsString>| v.and_then(|s| s.as_string()).unwrap_or_default();
    if value.as_f64().is_some() {
        return text(value.unchecked_ref::<js_sys::Number>().to_string_with_radix(10).ok());
    }
    if value.is_bigint() {
        let digits = text(value.unchecked_ref::<js_sys::BigInt>().to_string(10).ok());
        return format!("the BigInt {digits}n");
    }
    if value.is_function() {
        return "a function".to_owned();
    }
    if value.is_symbol() {
        return "a symbol".to_owned();
    }
    if js_sys::Array::is_array(value) {
        return "an array".to_owned();
    }
    if let Some(date) = value.dyn_ref::<js_sys::Date>() {
        return if date.get_time().is_nan() {
            "an invalid Date"
        } else {
            "a Date"
        }
        .to_owned();
    }
    "an object".to_owned()
}

/// The token cache of a function that several clients share
/// (`clientCredentials()`), exported so that its function can be called on
/// its own too.
#[wasm_bindgen]
pub struct TokenSource(Rc<Source>);

impl std::fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenSource")
    }
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("cache", &self.cache)
            .finish_non_exhaustive()
    }
}

impl TokenSource {
    /// The shared cache, for a client's transport.
    pub(crate) fn shared(&self) -> Rc<Source> {
        self.0.clone()
    }
}

#[wasm_bindgen]
impl TokenSource {
    /// The cache of `lookup`, a token function.
    #[wasm_bindgen(constructor)]
    pub fn new(lookup: Function) -> TokenSource {
        TokenSource(Rc::new(Source::new(lookup)))
    }

    /// A token, as a Promise: reused, shared with a look-up in flight, or
    /// asked for; `refresh` when the API refused the latest one.
    pub fn token(&self, refresh: bool) -> Promise {
        let source = self.0.clone();
        let rejected = refresh.then(|| source.generation());
        wasm_bindgen_futures::future_to_promise(async move {
            loop {
                let failed = |f: Failed| {
                    match f {
                    Failed::Threw(e) => e,
                    Failed::NotAToken(value) => to_js(&Error::validation(
                        "accessToken",
                        format!(
                            "expected the function to return a non-empty string, {{ token, expiresAt }} or {{ token, expiresIn }}, got {}",
                            given_without_content(&value)
                        ),
                    )),
                }
                };
                match source.next(rejected).map_err(failed)? {
                    Next::Use(token, _) => return Ok(JsValue::from_str(&token)),
                    Next::Wait { done, joined, .. } => {
                        let value = JsFuture::from(done).await.map_err(|e| failed(failed_of(e)))?;
                        if !joined {
                            return Ok(JsValue::from_str(&from_got(&value).0));
                        }
                    }
                }
                // Joined another request's look-up: ask again, as it would.
            }
        })
    }
}
