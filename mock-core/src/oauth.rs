//! `POST /oauth2/token`: OAuth2 client credentials (RFC 6749 §4.4), as the
//! Partner API issues its bearer tokens. On when the mock is started with
//! `--client-id` and `--client-secret`; tokens live `--token-lifetime` seconds
//! (short ones let tests see a token expire). Errors follow §5.2 and never
//! repeat the secret that was sent.

use crate::response::{header, HeaderMap, HeaderValue, IntoResponse, Response, StatusCode};

use crate::state::Shared;

fn answer(status: StatusCode, body: serde_json::Value) -> Response {
    let mut res = (status, body.to_string()).into_response();
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

fn error(st: &Shared, status: StatusCode, code: &str, description: &str) -> Response {
    st.refuse_token();
    let mut res = answer(
        status,
        serde_json::json!({ "error": code, "error_description": description }),
    );
    if status == StatusCode::UNAUTHORIZED {
        res.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"jifeline-mock\""),
        );
    }
    res
}

/// `client_id:client_secret` from `Authorization: Basic …`.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(base64_decode(encoded.trim())?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    // RFC 6749 §2.3.1: both are form-urlencoded before Basic encoding.
    let unescape = |s: &str| {
        form_urlencoded::parse(format!("x={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
    };
    Some((unescape(id)?, unescape(secret)?))
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let text = text.trim_end_matches('=').as_bytes();
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    Some(out)
}

/// Issues a token for the configured client.
pub fn token(st: &Shared, headers: &HeaderMap, body: &[u8], now_ms: u64) -> Response {
    let body = String::from_utf8_lossy(body);
    let Some((client_id, client_secret)) = st.config.client.clone() else {
        return error(
            st,
            StatusCode::NOT_FOUND,
            "invalid_request",
            "the token endpoint is off; start the mock with --client-id and --client-secret",
        );
    };
    let form: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes()).into_owned().collect();
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    match field("grant_type").as_deref() {
        Some("client_credentials") => {}
        Some(_) => {
            return error(
                st,
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "only grant_type=client_credentials is supported",
            )
        }
        None => return error(st, StatusCode::BAD_REQUEST, "invalid_request", "grant_type is required"),
    }
    let presented = basic_credentials(headers).or_else(|| Some((field("client_id")?, field("client_secret")?)));
    match presented {
        Some((id, secret)) if id == client_id && secret == client_secret => {}
        _ => {
            return error(
                st,
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "unknown client or wrong client secret",
            )
        }
    }
    let lifetime = st.config.token_lifetime;
    let access_token = st.issue_token(lifetime.saturating_mul(1000), now_ms);
    let mut body = serde_json::json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": lifetime,
    });
    if let Some(scope) = field("scope") {
        body["scope"] = scope.into();
    }
    answer(StatusCode::OK, body)
}

#[cfg(test)]
mod tests {
    use super::base64_decode;

    #[test]
    fn base64_decodes_with_and_without_padding() {
        assert_eq!(base64_decode("cG9ydGFsOnMzY3JldA==").unwrap(), b"portal:s3cret");
        assert_eq!(base64_decode("YWI").unwrap(), b"ab");
        assert!(base64_decode("a*b").is_none());
    }
}
