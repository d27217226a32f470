//! `POST /oauth2/token` (client credentials) and the API accepting only the
//! tokens it issued, until they expire.

mod common;

use common::*;
use jifeline_mock::Config;
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

#[tokio::test]
async fn the_api_accepts_only_issued_tokens_until_they_expire() {
    let m = with_client(1).await;
    assert_eq!(list_with(&m, "made-up").await, 401);
    let (_, body, _) = token_request(
        &m,
        &format!("grant_type=client_credentials&client_id={ID}&client_secret={SECRET}"),
        None,
    )
    .await;
    let token = body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(list_with(&m, &token).await, 200);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(list_with(&m, &token).await, 401);
}

#[tokio::test]
async fn without_client_credentials_the_token_endpoint_is_off() {
    let m = mock().await;
    let (status, body, _) = token_request(&m, "grant_type=client_credentials", None).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(list_with(&m, "any-token").await, 200);
}
