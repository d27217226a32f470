//! The bearer token of each attempt, from the `accessToken` option.

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::js;
use super::options::TokenSource;
use jifeline_tickets_core::error::{Error, ErrorKind};

/// The bearer token for this attempt: the option's string, or what its
/// function returns. The function is called with `{ refresh }`, `refresh`
/// true when the API refused the token it gave last (`rejected`), so that a
/// cache in front of it knows to look up a new one. What it throws becomes a
/// `kind: "auth"` error, unless it is a `JifelineError` already (from
/// `clientCredentials`), which is kept as it is.
///
/// What the function threw is put in `cause` (for `JifelineError.cause`).
pub(crate) async fn resolve(
    source: &TokenSource,
    rejected: Option<String>,
    context: &str,
    cause: &mut Option<JsValue>,
) -> Result<Option<String>, Error> {
    let f = match source {
        TokenSource::None => return Ok(None),
        TokenSource::Static(s) => return Ok(Some(s.clone())),
        TokenSource::Function(f) => f,
    };
    let mut failed = |e: &JsValue| match from_thrown(e) {
        Some(kept) => {
            *cause = Some(js::get(e, "cause")).filter(|c| !c.is_undefined());
            kept
        }
        None => {
            *cause = Some(e.clone());
            Error::auth(context, js::describe(e))
        }
    };
    let request = js::object();
    js::set(&request, "refresh", &JsValue::from_bool(rejected.is_some()));
    if let Some(token) = &rejected {
        // For the package's token cache only (it compares it with the token
        // it holds, so that 200 calls refused together look up one new token).
        js::set(&request, "rejected", &JsValue::from_str(token));
    }
    let mut value = f.call1(&JsValue::UNDEFINED, &request).map_err(|e| failed(&e))?;
    if value.has_type::<Promise>() || js::get(&value, "then").is_function() {
        value = JsFuture::from(Promise::resolve(&value)).await.map_err(|e| failed(&e))?;
    }
    match value.as_string() {
        Some(s) if !s.is_empty() => Ok(Some(s)),
        _ => Err(Error::validation(
            "accessToken",
            format!(
                "expected the accessToken function to return a non-empty string, {{ token, expiresAt }} or {{ token, expiresIn }}, got {}",
                super::input::describe(&value)
            ),
        )),
    }
}

/// A thrown `JifelineError` (by name and `kind`, across realms) as the core
/// error it stands for, with every field it carries.
fn from_thrown(thrown: &JsValue) -> Option<Error> {
    if js::get(thrown, "name").as_string().as_deref() != Some("JifelineError") {
        return None;
    }
    let kind = ErrorKind::parse(&js::get(thrown, "kind").as_string()?)?;
    let mut e = Error::from_parts(kind, js::get(thrown, "message").as_string()?);
    e.status = js::get(thrown, "status").as_f64().map(|s| s as u16);
    e.field = js::get(thrown, "field").as_string();
    e.retryable = js::get(thrown, "retryable").as_bool() == Some(true);
    e.retry_after_ms = js::get(thrown, "retryAfterMs").as_f64().map(|ms| ms as u64);
    Some(e)
}
