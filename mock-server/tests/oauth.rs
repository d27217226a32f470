//! `POST /oauth2/token` (client credentials) and the API accepting only the
//! tokens it issued, until they expire. Expiry is tested at times the test
//! passes to the mock's core, and over HTTP with a lifetime already over: no
//! test waits for a token to expire.

mod common;

use common::*;
use jifeline_mock::Config;
use jifeline_mock_core::{Outcome, Shared};
use reqwest::Method;
use serde_json::Value;

const ID: &str = "portal";
const SECRET: &str = "s3cret-Client";

async fn with_client(lifetime: u64) -> Mock {
    mock_with(Config {
        client: Some((ID.into(), SECRET.into())),
        token_lifetime: lifetime,
        ..config()
    })
    .await
}

async fn token_request(m: &Mock, form: &str, basic: Option<&str>) -> (u16, Value, reqwest::header::HeaderMap) {
    let mut req = m
        .client
        .post(m.url("/oauth2/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form.to_owned());
    if let Some(b) = basic {
        req = req.header("authorization", format!("Basic {b}"));
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (
        status,
        serde_json::from_str(&res.text().await.unwrap()).unwrap(),
        headers,
    )
}

async fn list_with(m: &Mock, token: &str) -> u16 {
    m.client
        .request(Method::GET, m.url("/v2/tickets/tickets?limit=1"))
        .header("authorization", format!("Bearer {token}"))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn issues_tokens_for_the_client_in_the_form_or_by_basic_auth() {
    let m = with_client(3600).await;
    let (status, body, headers) = token_request(
        &m,
        &format!("grant_type=client_credentials&client_id={ID}&client_secret={SECRET}&scope=tickets"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["scope"], "tickets");
    assert_eq!(headers["cache-control"], "no-store");
    let token = body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(list_with(&m, &token).await, 200);
    // Basic: base64("portal:s3cret-Client")
    let (status, body, _) = token_request(
        &m,
        "grant_type=client_credentials",
        Some("cG9ydGFsOnMzY3JldC1DbGllbnQ="),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_ne!(body["access_token"].as_str().unwrap(), token);
    let (_, counts) = m.get_json("/__mock/tokens").await;
    assert_eq!(counts, serde_json::json!({ "issued": 2, "refused": 0 }));
}

#[tokio::test]
async fn refuses_a_wrong_secret_and_a_wrong_grant_without_echoing_them() {
    let m = with_client(3600).await;
    let (status, body, headers) = token_request(
        &m,
        &format!("grant_type=client_credentials&client_id={ID}&client_secret=wrong-Secret"),
        None,
    )
    .await;
    assert_eq!((status, body["error"].as_str()), (401, Some("invalid_client")));
    assert_eq!(headers["www-authenticate"], "Basic realm=\"jifeline-mock\"");
    assert!(!body.to_string().contains("wrong-Secret"), "{body}");
    let (status, body, _) = token_request(
        &m,
        &format!("grant_type=password&client_id={ID}&client_secret={SECRET}"),
        None,
    )
    .await;
    assert_eq!((status, body["error"].as_str()), (400, Some("unsupported_grant_type")));
    let (status, body, _) = token_request(&m, "", None).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_request")));
    let (_, counts) = m.get_json("/__mock/tokens").await;
    assert_eq!(counts, serde_json::json!({ "issued": 0, "refused": 3 }));
}

/// One request through the mock's core at a time the test chooses: the
/// shells pass the clock (token expiry is all that reads it), so expiry is
/// tested to the millisecond, without waiting and whatever the machine's speed.
fn core_request(st: &Shared, method: Method, path: &str, token: Option<&str>, body: &str, now_ms: u64) -> (u16, Value) {
    let mut req = http::Request::builder().method(method).uri(path);
    if let Some(token) = token {
        req = req.header("authorization", format!("Bearer {token}"));
    }
    if !body.is_empty() {
        req = req.header("content-type", "application/x-www-form-urlencoded");
    }
    let req = req.body(body.as_bytes().to_vec()).unwrap();
    match jifeline_mock_core::handle(st, &req, now_ms) {
        Some(Outcome::Answer { delay_ms: 0, response }) => (
            response.status().as_u16(),
            serde_json::from_slice(response.body()).unwrap(),
        ),
        other => panic!("{path}: {other:?}"),
    }
}

/// A page of tickets at `now_ms` with `token`: the status, and the problem's detail on a refusal.
fn list_at(st: &Shared, token: &str, now_ms: u64) -> (u16, Option<String>) {
    let (status, body) = core_request(st, Method::GET, "/v2/tickets/tickets?limit=1", Some(token), "", now_ms);
    (status, body["detail"].as_str().map(str::to_owned))
}

fn issue_at(st: &Shared, now_ms: u64) -> String {
    let form = format!("grant_type=client_credentials&client_id={ID}&client_secret={SECRET}");
    let (status, body) = core_request(st, Method::POST, "/oauth2/token", None, &form, now_ms);
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["expires_in"], 1);
    body["access_token"].as_str().unwrap().to_owned()
}

#[test]
fn the_api_accepts_an_issued_token_for_its_lifetime_to_the_millisecond_and_no_longer() {
    const ISSUED: u64 = 1_700_000_000_000;
    let st = Shared::new(Config {
        client: Some((ID.into(), SECRET.into())),
        token_lifetime: 1,
        tickets: 20,
        in_progress: 2,
        ..config()
    });
    let refused = (
        401,
        Some("invalid or expired bearer token (get one at POST /oauth2/token)".to_owned()),
    );
    assert_eq!(list_at(&st, "made-up", ISSUED), refused);
    let token = issue_at(&st, ISSUED);
    assert_eq!(list_at(&st, &token, ISSUED), (200, None));
    assert_eq!(list_at(&st, &token, ISSUED + 999), (200, None));
    assert_eq!(list_at(&st, &token, ISSUED + 1_000), refused);
    assert_eq!(list_at(&st, &token, ISSUED + 3_600_000), refused);
    // A token issued when the first one expires lives its own second.
    let next = issue_at(&st, ISSUED + 1_000);
    assert_ne!(next, token);
    assert_eq!(list_at(&st, &next, ISSUED + 1_999), (200, None));
    assert_eq!(list_at(&st, &next, ISSUED + 2_000), refused);
    assert_eq!(list_at(&st, &token, ISSUED + 1_999), refused);
}

#[tokio::test]
async fn over_http_a_token_is_refused_once_its_lifetime_is_over() {
    // A lifetime of 0 is over the moment the token is issued: the server's own
    // clock refuses it on the next request, however fast or slow the machine.
    let m = with_client(0).await;
    let (status, body, _) = token_request(
        &m,
        &format!("grant_type=client_credentials&client_id={ID}&client_secret={SECRET}"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["expires_in"], 0);
    let token = body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(list_with(&m, &token).await, 401);
    assert_eq!(list_with(&m, "made-up").await, 401);
    // An hour-long token is accepted (the first test checks the token endpoint's answer in full).
    let m = with_client(3600).await;
    let (_, body, _) = token_request(
        &m,
        &format!("grant_type=client_credentials&client_id={ID}&client_secret={SECRET}"),
        None,
    )
    .await;
    assert_eq!(list_with(&m, body["access_token"].as_str().unwrap()).await, 200);
}

#[tokio::test]
async fn without_client_credentials_the_token_endpoint_is_off() {
    let m = mock().await;
    let (status, body, _) = token_request(&m, "grant_type=client_credentials", None).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(list_with(&m, "any-token").await, 200);
}
