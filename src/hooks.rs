//! The observe-only `hooks` option: `onRequest`, `onResponse`, `onRetry`
//! and `onError`, called with plain objects that describe each attempt.
//!
//! A hook sees copies (strings and numbers), never the `Request` or the
//! headers, so it can neither change what is sent nor read a credential: URLs
//! never carry one (the core refuses a base URL with user info, and tokens
//! and keys travel in headers only). A hook runs synchronously, its result is
//! never awaited, and what it throws or rejects with is reported on
//! `console.error` and otherwise ignored, so telemetry can never break or
//! delay a call.

use js_sys::Function;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use super::js;
use jifeline_tickets_core::error::Error;
use jifeline_tickets_core::input::{At, Members};

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`: sub-millisecond durations where the runtime has
    /// it (browsers, workers, Node); `Date.now()` is the fallback.
    #[wasm_bindgen(js_namespace = performance, js_name = now, catch)]
    fn performance_now() -> Result<f64, JsValue>;
}

/// A monotonic clock in milliseconds, for durations.
pub(crate) fn clock_ms() -> f64 {
    performance_now().unwrap_or_else(|_| js_sys::Date::now())
}

/// The four hook names, in the order they are documented.
const NAMES: [&str; 4] = ["onRequest", "onResponse", "onRetry", "onError"];

/// Which hook an event goes to.
#[derive(Clone, Copy)]
pub(crate) enum Hook {
    Request = 0,
    Response = 1,
    Retry = 2,
    Error = 3,
}

/// The caller's hooks; empty when the option is absent.
#[derive(Default)]
pub(crate) struct Hooks([Option<Function>; 4]);

impl Hooks {
    /// Reads the `hooks` option: an object of functions, every key known.
    pub(crate) fn parse(value: &JsValue) -> Result<Hooks, Error> {
        let mut hooks = Hooks::default();
        if value.is_undefined() {
            return Ok(hooks);
        }
        let tree = super::input::value(value, "hooks", &[])?;
        let members = Members::of(
            &tree,
            At::Root {
                root: "hooks",
                prefix: Some("hooks"),
            },
            "an object such as { onResponse: (event) => … }",
        )?;
        members.only(&NAMES, "a hook")?;
        for (slot, name) in hooks.0.iter_mut().zip(NAMES) {
            let f = js::get(value, name);
            if f.is_undefined() {
                continue;
            }
            *slot = Some(f.dyn_into::<Function>().map_err(|v| {
                Error::validation(
                    format!("hooks.{name}"),
                    format!("expected a function, got {}", super::input::describe(&v)),
                )
            })?);
        }
        Ok(hooks)
    }

    /// Calls `hook` with the event `build` makes, if the caller set it.
    /// (`build` is a `dyn` closure: one copy of this function for every call site.)
    pub(crate) fn emit(&self, hook: Hook, build: &dyn Fn() -> Event) {
        let Some(f) = &self.0[hook as usize] else {
            return;
        };
        let event = build();
        match f.call1(&JsValue::UNDEFINED, &event.0) {
            Err(thrown) => report(hook, &thrown),
            Ok(result) => {
                // A rejected promise from an async hook is reported, not awaited.
                if let Ok(then) = js::get(&result, "then").dyn_into::<Function>() {
                    if let Some(reporter) = reporter(hook) {
                        let _ = then.call2(&result, &JsValue::UNDEFINED, &reporter);
                    }
                }
            }
        }
    }
}

/// The `console.error` call for a failed hook.
fn report(hook: Hook, thrown: &JsValue) {
    if let Some(reporter) = reporter(hook) {
        let _ = reporter.call1(&JsValue::UNDEFINED, thrown);
    }
}

/// `console.error` bound to the console with the hook's name as first
/// argument: a JS function, so a rejection can be reported without handing a
/// Rust closure to JavaScript.
fn reporter(hook: Hook) -> Option<Function> {
    let console = js::get(&js::global(), "console");
    let error = js::get(&console, "error").dyn_into::<Function>().ok()?;
    let prefix = format!(
        "jifeline-tickets: hooks.{} failed (ignored; the call goes on):",
        NAMES[hook as usize]
    );
    Some(error.bind1(&console, &JsValue::from_str(&prefix)).unchecked_into())
}

/// One hook event: a plain object, built member by member.
pub(crate) struct Event(JsValue);

impl Event {
    /// `{ operation, method, url, attempt }`, the members every attempt event has.
    #[inline(never)]
    pub(crate) fn attempt(operation: &str, method: &str, url: &str, attempt: u32) -> Event {
        Event(js::object())
            .text("operation", operation)
            .text("method", method)
            .text("url", url)
            .number("attempt", attempt as f64)
    }

    /// `{ operation, method }`: what a failed call's event starts from.
    #[inline(never)]
    pub(crate) fn call(operation: &str, method: &str) -> Event {
        Event(js::object()).text("operation", operation).text("method", method)
    }

    #[inline(never)]
    pub(crate) fn text(self, key: &str, value: &str) -> Event {
        js::set(&self.0, key, &JsValue::from_str(value));
        self
    }

    #[inline(never)]
    pub(crate) fn number(self, key: &str, value: f64) -> Event {
        js::set(&self.0, key, &JsValue::from_f64(value));
        self
    }

    #[inline(never)]
    pub(crate) fn value(self, key: &str, value: &JsValue) -> Event {
        js::set(&self.0, key, value);
        self
    }
}

/// A duration rounded to a hundredth of a millisecond, as telemetry shows it.
pub(crate) fn duration_since(start: f64) -> f64 {
    ((clock_ms() - start) * 100.0).round().max(0.0) / 100.0
}
