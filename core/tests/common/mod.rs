//! Helpers shared by the integration tests.
#![allow(dead_code)]

/// Splits a query string into percent-decoded `(key, value)` pairs, in order.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    if query.is_empty() {
        return Vec::new();
    }
    query
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

pub const TICKET_ID: &str = "497f6eca-6276-4993-bfeb-53cbbbba6f08";
pub const OPERATOR_ID: &str = "fa9de6bb-1df8-4ba6-9e6d-1172fbf7e166";
pub const CUSTOMER_ID: &str = "160c0c4b-9966-4dc1-a916-8407eb10d74e";
pub const PROVIDER_ID: &str = "89679b1d-5eea-4ceb-8c38-aea88452dbc0";
pub const PRODUCT_ID: &str = "ca45affe-f503-4778-ab9e-3dd26cdd2d66";
