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

#[test]
fn base_url_port_must_be_a_number_from_1_to_65535() {
    for good in [
        "https://a.example:8443",
        "https://a.example:65535/v",
        "http://127.0.0.1:1",
        "http://[::1]:3000",
        "http://[::1]",
        "https://a.example:0443",
    ] {
        assert!(ClientConfig::new(good).is_ok(), "{good}");
    }
    for (bad, got) in [
        ("https://a.test:99999", "\"99999\""),
        ("https://a.test:65536/", "\"65536\""),
        ("https://a.test:0", "\"0\""),
        ("https://a.test:http", "\"http\""),
        ("https://a.test:", "\"\""),
        ("https://a.test:1:2", "\"1:2\""),
        ("http://[::1]:x", "\"x\""),
        ("https://a.test:123456789012345678901", "\"123456789012345678901\""),
    ] {
        let e = ClientConfig::new(bad).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("baseUrl"), "{bad}");
        assert_eq!(
            e.message,
            format!("Invalid `baseUrl`: expected a port from 1 to 65535 after the host, got {got}."),
            "{bad}"
        );
    }
    assert_eq!(
        ClientConfig::new("https://:443").unwrap_err().message,
        "Invalid `baseUrl`: has no host."
    );
}

#[test]
fn header_values_are_printable_ascii_or_tabs_with_nothing_fetch_would_trim() {
    let ok = ClientConfig::new(BASE)
        .unwrap()
        .with_header("x-a", "a\tb ~!")
        .unwrap()
        .with_header("x-b", "")
        .unwrap();
    let r = ok.prepare(&request::get_ticket(TICKET_ID).unwrap(), None).unwrap();
    assert_eq!(
        r.headers,
        pairs(&[("accept", "application/json"), ("x-a", "a\tb ~!"), ("x-b", "")])
    );
    let printable = "must be printable ASCII (space to ~) or tabs";
    let trimmed = "must not start or end with a space or tab (fetch would remove it)";
    for (value, why) in [
        ("a\u{1}b", format!("{printable}, got U+0001 at index 1")),
        ("a\u{7f}", format!("{printable}, got U+007F at index 1")),
        ("1\r\n2", format!("{printable}, got U+000D at index 1")),
        ("\0", format!("{printable}, got U+0000 at index 0")),
        ("é", format!("{printable}, got U+00E9 at index 0")),
        // JavaScript's index: the emoji is two UTF-16 code units.
        ("😀x\u{1}", format!("{printable}, got U+1F600 at index 0")),
        ("x😀\u{1}", format!("{printable}, got U+1F600 at index 1")),
        ("😀😀é", format!("{printable}, got U+1F600 at index 0")),
        ("\u{10FFFF}", format!("{printable}, got U+10FFFF at index 0")),
        (" a", format!("{trimmed}, got a space at the start")),
        ("a\t", format!("{trimmed}, got a tab at the end")),
        ("\t", format!("{trimmed}, got a tab at the start")),
    ] {
        let e = ClientConfig::new(BASE).unwrap().with_header("x-a", value).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("headers.x-a"), "{value:?}");
        assert_eq!(e.message, format!("Invalid `headers.x-a`: {why}."), "{value:?}");
    }
}

#[test]
fn api_keys_and_tokens_are_printable_ascii_without_spaces_at_either_end() {
    for (value, why) in [
        ("é", "must be printable ASCII (space to ~), got U+00E9 at index 0"),
        ("key\tx", "must be printable ASCII (space to ~), got U+0009 at index 3"),
        (
            "SECRET\n",
            "must be printable ASCII (space to ~), got U+000A at index 6",
        ),
        (
            " SECRET",
            "must not start or end with a space or tab (fetch would remove it), got a space at the start",
        ),
        (
            "SECRET ",
            "must not start or end with a space or tab (fetch would remove it), got a space at the end",
        ),
    ] {
        let e = ClientConfig::new(BASE).unwrap().with_api_key(value).unwrap_err();
        assert_eq!(e.message, format!("Invalid `apiKey`: {why}."), "{value:?}");
        let e = request::check_token(value).unwrap_err();
        assert_eq!(e.message, format!("Invalid `accessToken`: {why}."), "{value:?}");
        assert!(!e.message.contains("SECRET"));
    }
    assert!(request::check_token("a b~").is_ok());
}

#[test]
fn a_base_url_that_is_not_ascii_is_refused_saying_how_to_write_it() {
    for url in ["https://bücher.example", "https://api.example/prøxy"] {
        let e = ClientConfig::new(url).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("baseUrl"));
        assert_eq!(
            e.message,
            "Invalid `baseUrl`: must be ASCII: write a host such as bücher.example as its punycode (xn--bcher-kva.example) and percent-encode a path."
        );
    }
    assert!(ClientConfig::new("https://xn--bcher-kva.example/pr%C3%B8xy").is_ok());
}
