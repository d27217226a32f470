//! Fault injection: the fault spec, how it is parsed (JSON object or `x-mock-fault` header) and
//! how it changes a response.

use crate::response::{header, HeaderValue, IntoResponse, Response, StatusCode};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::problem::Problem;

/// The request header carrying a fault spec (`key=value;key=value` or a JSON object).
pub const FAULT_HEADER: &str = "x-mock-fault";

/// What kind of body a fault answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultBody {
    /// An HTML error page (`text/html`), status 502 unless `status` says otherwise.
    Html,
    /// The normal JSON body cut in half.
    Truncated,
    /// A body that is not valid JSON (status 200 unless `status` says otherwise).
    Malformed,
    /// An empty body (status 200 unless `status` says otherwise).
    Empty,
    /// Status 200 JSON whose fields have the wrong types.
    WrongShape,
}

impl FaultBody {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "html" => FaultBody::Html,
            "truncated" => FaultBody::Truncated,
            "malformed" => FaultBody::Malformed,
            "empty" => FaultBody::Empty,
            "wrong_shape" => FaultBody::WrongShape,
            _ => return None,
        })
    }
}

/// One fault. Every field is optional; see the README for the semantics.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FaultSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<FaultBody>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub drop: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

/// The longest delay a fault may ask for (10 minutes).
pub const MAX_DELAY_MS: u64 = 600_000;

const MALFORMED_BODY: &str = "{\"query\": {\"limit\": 25, \"offset\": 0}, \"result\": [{\"id\": \"497f6eca-6276-4993-bfeb-53cbbbba6f08\", \"ticket_number\": 7440303,, ]";

impl FaultSpec {
    /// Parses the JSON object form: `{"status": 503, "retry_after": "2", ...}`.
    pub fn from_json(value: &Value) -> Result<Self, String> {
        let obj = value
            .as_object()
            .ok_or_else(|| "a fault spec must be a JSON object".to_string())?;
        let mut spec = FaultSpec::default();
        for (k, v) in obj {
            spec.set(k, v)?;
        }
        spec.check()?;
        Ok(spec)
    }

    /// Parses the header form: `status=429;retry_after=1`, or a JSON object.
    pub fn from_header(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if raw.starts_with('{') {
            let v: Value = serde_json::from_str(raw).map_err(|e| format!("invalid JSON: {e}"))?;
            return Self::from_json(&v);
        }
        let mut spec = FaultSpec::default();
        for part in raw.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part
                .split_once('=')
                .ok_or_else(|| format!("expected key=value, got {part:?}"))?;
            spec.set(k.trim(), &Value::String(v.trim().to_string()))?;
        }
        spec.check()?;
        Ok(spec)
    }

    fn set(&mut self, key: &str, v: &Value) -> Result<(), String> {
        let text = || match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        };
        let bad = |what: &str| format!("{key}: expected {what}, got {v}");
        match key {
            "status" => {
                let n = text()
                    .and_then(|s| s.parse::<u16>().ok())
                    .ok_or_else(|| bad("an HTTP status"))?;
                self.status = Some(n);
            }
            "retry_after" => self.retry_after = Some(text().ok_or_else(|| bad("seconds or an HTTP date"))?),
            "delay_ms" => {
                let n = text()
                    .and_then(|s| s.parse::<u64>().ok())
                    .ok_or_else(|| bad("milliseconds"))?;
                self.delay_ms = Some(n);
            }
            "body" => {
                let b = match v {
                    Value::String(s) => FaultBody::parse(s),
                    _ => None,
                };
                self.body = Some(b.ok_or_else(|| bad("html, truncated, malformed, empty or wrong_shape"))?);
            }
            "content_type" => self.content_type = Some(text().ok_or_else(|| bad("a content type"))?),
            "drop" => {
                self.drop = match text().as_deref() {
                    Some("true") => true,
                    Some("false") => false,
                    _ => return Err(bad("true or false")),
                }
            }
            "location" => self.location = Some(text().ok_or_else(|| bad("a URL"))?),
            _ => {
                return Err(format!(
                "unknown fault key {key:?} (known: status, retry_after, delay_ms, body, content_type, drop, location)"
            ))
            }
        }
        Ok(())
    }

    fn check(&self) -> Result<(), String> {
        if let Some(s) = self.status {
            if !(200..=599).contains(&s) {
                return Err(format!("status: {s} is not in 200..=599"));
            }
        }
        if self.delay_ms.is_some_and(|d| d > MAX_DELAY_MS) {
            return Err(format!("delay_ms: at most {MAX_DELAY_MS}"));
        }
        for (name, v) in [
            ("retry_after", &self.retry_after),
            ("content_type", &self.content_type),
            ("location", &self.location),
        ] {
            if let Some(v) = v {
                if v.is_empty() || HeaderValue::from_str(v).is_err() {
                    return Err(format!("{name}: not a valid header value"));
                }
            }
        }
        Ok(())
    }

    /// Whether this fault answers instead of the endpoint (so the endpoint, and auth, are skipped).
    pub fn replaces_answer(&self) -> bool {
        match self.body {
            Some(FaultBody::Truncated | FaultBody::WrongShape) => false,
            Some(_) => true,
            None => self.status.is_some() || self.location.is_some(),
        }
    }

    /// The answer of a fault that replaces the endpoint's.
    pub fn replacement(&self) -> Response {
        let status = |default: StatusCode| {
            self.status
                .and_then(|s| StatusCode::from_u16(s).ok())
                .unwrap_or(default)
        };
        let res = if let Some(location) = &self.location {
            let mut res = status(StatusCode::SEE_OTHER).into_response();
            if let Ok(v) = HeaderValue::from_str(location) {
                res.headers_mut().insert(header::LOCATION, v);
            }
            res
        } else {
            match self.body {
                Some(FaultBody::Html) => {
                    let st = status(StatusCode::BAD_GATEWAY);
                    let title = format!("{} {}", st.as_u16(), st.canonical_reason().unwrap_or("Error"));
                    let html = format!(
                        "<!DOCTYPE html>\n<html><head><title>{title}</title></head>\
                         <body><h1>{title}</h1><p>nginx (jifeline-mock injected fault)</p></body></html>\n"
                    );
                    with_type((st, html).into_response(), "text/html; charset=utf-8")
                }
                Some(FaultBody::Malformed) => with_type(
                    (status(StatusCode::OK), MALFORMED_BODY).into_response(),
                    "application/json",
                ),
                Some(FaultBody::Empty) => with_type(status(StatusCode::OK).into_response(), "application/json"),
                _ => {
                    let st = status(StatusCode::INTERNAL_SERVER_ERROR);
                    Problem::new(st, format!("injected fault: status {}", st.as_u16())).into_response()
                }
            }
        };
        self.finish(res)
    }

    /// Changes the endpoint's answer (truncated, wrong_shape, content_type, retry_after).
    pub fn transform(&self, res: Response) -> Response {
        let res = match self.body {
            Some(kind @ (FaultBody::Truncated | FaultBody::WrongShape)) => {
                let (mut parts, body) = res.into_parts();
                let bytes = body;
                parts.headers.remove(header::CONTENT_LENGTH);
                let new_body = if kind == FaultBody::Truncated {
                    bytes[..bytes.len() / 2].to_vec()
                } else {
                    parts.status = StatusCode::OK;
                    parts
                        .headers
                        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    let v: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
                    serde_json::to_vec(&wrong_shape(v)).unwrap_or_default()
                };
                if let Some(st) = self.status.and_then(|s| StatusCode::from_u16(s).ok()) {
                    parts.status = st;
                }
                Response::from_parts(parts, new_body)
            }
            _ => res,
        };
        self.finish(res)
    }

    fn finish(&self, mut res: Response) -> Response {
        if let Some(ct) = self.content_type.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
            res.headers_mut().insert(header::CONTENT_TYPE, ct);
        }
        if let Some(ra) = self.retry_after.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
            res.headers_mut().insert(header::RETRY_AFTER, ra);
        }
        res
    }
}

fn with_type(mut res: Response, ct: &'static str) -> Response {
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
    res
}

/// The same top-level fields with the wrong JSON types: numbers become strings, strings become
/// numbers (their length), booleans become strings, null becomes 0, arrays become objects keyed by
/// index and objects become arrays of their values. A list page thus has `result` as an object and
/// `total` as a string; a ticket has `ticket_number` as a string and `id` as a number.
pub fn wrong_shape(v: Value) -> Value {
    fn flip(v: Value) -> Value {
        match v {
            Value::Number(n) => Value::String(n.to_string()),
            Value::String(s) => Value::from(s.chars().count()),
            Value::Bool(b) => Value::String(b.to_string()),
            Value::Null => Value::from(0),
            Value::Array(a) => Value::Object(a.into_iter().enumerate().map(|(i, x)| (i.to_string(), x)).collect()),
            Value::Object(o) => Value::Array(o.into_iter().map(|(_, x)| x).collect()),
        }
    }
    match v {
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, x)| (k, flip(x))).collect::<Map<_, _>>()),
        other => flip(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_json_forms_agree() {
        let h = FaultSpec::from_header("status=429; retry_after=1").unwrap();
        let j = FaultSpec::from_json(&serde_json::json!({"status": 429, "retry_after": 1})).unwrap();
        assert_eq!(h, j);
        assert_eq!(h.status, Some(429));
        assert_eq!(h.retry_after.as_deref(), Some("1"));
        let d = FaultSpec::from_header("drop=true;delay_ms=5").unwrap();
        assert!(d.drop);
        assert_eq!(d.delay_ms, Some(5));
        let l = FaultSpec::from_header("location=http://127.0.0.2:9/x?a=b").unwrap();
        assert_eq!(l.location.as_deref(), Some("http://127.0.0.2:9/x?a=b"));
    }

    #[test]
    fn rejects_bad_specs() {
        assert!(FaultSpec::from_header("nope=1").is_err());
        assert!(FaultSpec::from_header("status=abc").is_err());
        assert!(FaultSpec::from_header("status=42").is_err());
        assert!(FaultSpec::from_header("body=weird").is_err());
        assert!(FaultSpec::from_header("drop=yes").is_err());
        assert!(FaultSpec::from_json(&serde_json::json!([1])).is_err());
    }

    #[test]
    fn wrong_shape_flips_types() {
        let v = wrong_shape(serde_json::json!({"result": [1], "total": 3, "query": {"limit": 25}}));
        assert_eq!(v, serde_json::json!({"result": {"0": 1}, "total": "3", "query": [25]}));
    }
}
