//! The client configuration: the base URL, extra headers, and credentials
//! that never show in Debug output or errors.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use jifeline_tickets_core::request::{self, ClientConfig};

const BASE: &str = "https://partner-api-001.prd.jifeline.cloud/";

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn base_url_is_normalised_and_checked() {
    assert_eq!(
        ClientConfig::new("https://a.example///").unwrap().base_url(),
        "https://a.example"
    );
    assert_eq!(
        ClientConfig::new("https://a.example/proxy/").unwrap().base_url(),
        "https://a.example/proxy"
    );
    assert_eq!(
        ClientConfig::new("HTTPS://A.example:443/x").unwrap().origin(),
        "https://a.example"
    );
    for bad in [
        "",
        "a.example",
        "ftp://a.example",
        "https://",
        "https://user:pw@a.example",
        "https://a.example/?x=1",
        "https://a.ex ample",
    ] {
        assert_eq!(
            ClientConfig::new(bad).unwrap_err().field.as_deref(),
            Some("baseUrl"),
            "{bad}"
        );
    }
}

#[test]
fn extra_headers_cannot_replace_credentials_or_inject_lines() {
    let c = ClientConfig::new(BASE).unwrap().with_header("X-Portal", "1").unwrap();
    let r = c.prepare(&request::get_ticket(TICKET_ID).unwrap(), None).unwrap();
    assert_eq!(r.headers, pairs(&[("accept", "application/json"), ("x-portal", "1")]));
    for (name, value, field) in [
        ("Authorization", "Bearer x", "headers.Authorization"),
        ("x-api-key", "k", "headers.x-api-key"),
        ("x-a", "1\r\nx-b: 2", "headers.x-a"),
        ("bad name", "1", "headers.bad name"),
    ] {
        let e = ClientConfig::new(BASE).unwrap().with_header(name, value).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(field));
    }
}

#[test]
fn credentials_never_show_in_debug_or_errors() {
    let c = ClientConfig::new(BASE).unwrap().with_api_key("SECRET-KEY").unwrap();
    let r = c
        .prepare(&request::get_ticket(TICKET_ID).unwrap(), Some("SECRET-TOKEN"))
        .unwrap();
    let dbg = format!("{c:?} {r:?}");
    assert!(!dbg.contains("SECRET"), "{dbg}");
    assert!(!r.url.contains("SECRET"));
    let e = c
        .prepare(&request::get_ticket(TICKET_ID).unwrap(), Some("SECRET\nTOKEN"))
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("accessToken"));
    assert!(!format!("{e:?}").contains("SECRET"));
    let e = ClientConfig::new(BASE).unwrap().with_api_key("SECRET\r\n").unwrap_err();
    assert!(!format!("{e:?}").contains("SECRET"));
}
