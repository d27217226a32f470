//! Reading `TicketsApi` options and per-call options from JS objects.

use jifeline_tickets_core::input::{fields, At, Members};
use wasm_bindgen::JsValue;

use super::input::{self, given_in_words};
use super::js;
use jifeline_tickets_core::error::Error;
use jifeline_tickets_core::request::{check_token, ClientConfig};
use jifeline_tickets_core::retry::{RetryPolicy, DEFAULT_TIMEOUT_MS};

/// The parsed constructor options: what the core needs to build requests
/// and decide retries. The rest (`fetch`, `credentials`, `redirect`, `hooks`,
/// the token function itself) is the transport's (`transport.rs`), and
/// checked by the package's JavaScript (`options-check.js`,
/// `checkTransportOptions`): only their names are known here, so that an
/// unknown key is still refused first.
pub(crate) struct ApiOptions {
    pub config: ClientConfig,
    /// Whether `accessToken` is a function, which can hand out a fresh token
    /// after a 401.
    pub token_is_refreshable: bool,
    pub timeout_ms: u64,
    pub retry: RetryPolicy,
}

const OPTION_KEYS: [&str; 10] = [
    "baseUrl",
    "accessToken",
    "apiKey",
    "fetch",
    "headers",
    "timeoutMs",
    "retry",
    "credentials",
    "redirect",
    "hooks",
];

/// `Object.keys(obj)`, caught: a `Proxy` trap that throws is refused as the
/// package's facade refuses it, never a raw error through wasm frames.
fn keys(obj: &JsValue, field: &str) -> Result<Vec<String>, Error> {
    match input::keys_of(obj) {
        Ok(keys) => Ok(keys.iter().filter_map(|k| k.as_string()).collect()),
        Err(_) => Err(Error::validation(
            field,
            "its keys could not be listed (a revoked Proxy, or a Proxy trap threw), so it cannot be checked",
        )),
    }
}

fn is_plain_object(v: &JsValue) -> bool {
    v.is_object() && matches!(input::is_array(v), Ok(false)) && !v.is_function()
}

/// Reads a non-negative whole number of milliseconds (or a count).
fn whole_number(field: &str, v: &JsValue, max: u64) -> Result<u64, Error> {
    match v.as_f64() {
        Some(n) if js_sys::Number::is_safe_integer(v) && n >= 0.0 && n <= max as f64 => Ok(n as u64),
        _ => Err(Error::validation(
            field,
            format!("expected an integer from 0 to {max}, got {}", given_in_words(v)),
        )),
    }
}

/// "expected `what`, got …" for option `field`.
fn expected(field: impl Into<String>, what: &str, got: &JsValue) -> Error {
    Error::validation(field, format!("expected {what}, got {}", given_in_words(got)))
}

impl ApiOptions {
    pub(crate) fn parse(options: &JsValue) -> Result<ApiOptions, Error> {
        if !is_plain_object(options) {
            return Err(expected(
                "options",
                "an object such as { baseUrl: \"https://…\" }",
                options,
            ));
        }
        if let Some(unknown) = keys(options, "options")?
            .into_iter()
            .find(|k| !OPTION_KEYS.contains(&k.as_str()))
        {
            return Err(Error::validation(
                format!("options.{unknown}"),
                format!(
                    "is not an option of TicketsApi; expected one of {}",
                    OPTION_KEYS.join(", ")
                ),
            ));
        }
        let base_url = js::get(options, "baseUrl");
        let base_url = base_url
            .as_string()
            .ok_or_else(|| expected("baseUrl", "an absolute http:// or https:// URL string", &base_url))?;
        let mut config = ClientConfig::new(&base_url)?;

        let token_value = js::get(options, "accessToken");
        let token_is_refreshable = token_value.is_function();
        if let Some(s) = token_value.as_string() {
            if s.is_empty() {
                return Err(Error::validation(
                    "accessToken",
                    "expected a non-empty string, got the empty string",
                ));
            }
            // The rule every call applies to the token it sends: a static
            // token that breaks it would fail every call, so it fails here.
            check_token(&s)?;
        } else if !token_value.is_undefined() && !token_is_refreshable {
            return Err(expected(
                "accessToken",
                "a string or a function returning one",
                &token_value,
            ));
        };

        let api_key = js::get(options, "apiKey");
        if !api_key.is_undefined() {
            let key = api_key
                .as_string()
                .ok_or_else(|| expected("apiKey", "a string", &api_key))?;
            config = config.with_api_key(&key)?;
        }

        let headers = js::get(options, "headers");
        if !headers.is_undefined() {
            if !is_plain_object(&headers) {
                return Err(expected("headers", "an object of header names to strings", &headers));
            }
            // A Map or a Headers has no own keys to read: its entries would be
            // dropped without a word.
            if !input::is_plain(&headers) {
                return Err(expected(
                    "headers",
                    "a plain object of header names to strings",
                    &headers,
                ));
            }
            for name in keys(&headers, "headers")? {
                let value = js::get(&headers, &name);
                let value = value
                    .as_string()
                    .ok_or_else(|| expected(format!("headers.{name}"), "a string", &value))?;
                config = config.with_header(&name, &value)?;
            }
        }

        let timeout = js::get(options, "timeoutMs");
        let timeout_ms = if timeout.is_undefined() {
            DEFAULT_TIMEOUT_MS
        } else {
            whole_number("timeoutMs", &timeout, 2_147_483_647)?
        };

        let retry = parse_retry(&js::get(options, "retry"), "retry")?;

        Ok(ApiOptions {
            config,
            token_is_refreshable,
            timeout_ms,
            retry,
        })
    }
}

/// Reads a `retry` option (`field` names it in messages: `retry`, or
/// `options.retry` for a call's own).
fn parse_retry(v: &JsValue, field: &str) -> Result<RetryPolicy, Error> {
    let mut policy = RetryPolicy::default();
    if v.is_undefined() || *v == JsValue::TRUE {
        return Ok(policy);
    }
    if *v == JsValue::FALSE {
        return Ok(RetryPolicy::none());
    }
    if !is_plain_object(v) {
        return Err(expected(field, "false or an object such as { limit: 2 }", v));
    }
    const KEYS: [&str; 4] = ["limit", "baseDelayMs", "maxDelayMs", "maxRetryAfterMs"];
    if let Some(unknown) = keys(v, field)?.into_iter().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(Error::validation(
            format!("{field}.{unknown}"),
            format!("is not a retry option; expected one of {}", KEYS.join(", ")),
        ));
    }
    let read = |key: &str, max: u64| -> Result<Option<u64>, Error> {
        let value = js::get(v, key);
        if value.is_undefined() {
            Ok(None)
        } else {
            whole_number(&format!("{field}.{key}"), &value, max).map(Some)
        }
    };
    if let Some(n) = read("limit", u64::from(RetryPolicy::MAX.limit))? {
        policy.limit = n as u32;
    }
    if let Some(n) = read("baseDelayMs", RetryPolicy::MAX.base_delay_ms)? {
        policy.base_delay_ms = n;
    }
    if let Some(n) = read("maxDelayMs", RetryPolicy::MAX.max_delay_ms)? {
        policy.max_delay_ms = n;
    }
    if let Some(n) = read("maxRetryAfterMs", RetryPolicy::MAX.max_retry_after_ms)? {
        policy.max_retry_after_ms = n;
    }
    Ok(policy)
}

/// The last `{ signal, timeoutMs, retry }` argument of every method.
pub(crate) struct CallOptions {
    /// The caller's `AbortSignal`, or `undefined`.
    pub signal: JsValue,
    pub timeout_ms: Option<u64>,
    /// This call's retry rules, instead of the client's.
    pub retry: Option<RetryPolicy>,
}

impl CallOptions {
    pub(crate) fn parse(v: &JsValue) -> Result<CallOptions, Error> {
        if v.is_undefined() || v.is_null() {
            return Ok(CallOptions {
                signal: JsValue::UNDEFINED,
                timeout_ms: None,
                retry: None,
            });
        }
        let tree = input::value(v, "options", &["signal"])?;
        let members = Members::of(
            &tree,
            At::Root {
                root: "options",
                prefix: Some("options"),
            },
            "an object",
        )?;
        members.only(&["signal", "timeoutMs", "retry"], "a call option")?;
        let timeout_ms = members.take("timeoutMs", |v, at| fields::int(v, at, 0, 2_147_483_647))?;
        // The signal is read from the caller's object itself, not the tree.
        let signal = js::get(v, "signal");
        let signal = if signal.is_undefined() || signal.is_null() {
            JsValue::UNDEFINED
        } else {
            // Duck-typed: AbortSignal polyfills and signals from another realm are fine.
            if js::get(&signal, "aborted").as_bool().is_none() || !js::get(&signal, "addEventListener").is_function() {
                return Err(expected("options.signal", "an AbortSignal", &signal));
            }
            signal
        };
        let retry = js::get(v, "retry");
        let retry = if retry.is_undefined() {
            None
        } else {
            Some(parse_retry(&retry, "options.retry")?)
        };
        Ok(CallOptions {
            signal,
            timeout_ms: timeout_ms.map(|n| n as u64),
            retry,
        })
    }
}
