//! The numbers the module and the package's JavaScript transport speak: each
//! `STEP_*` and `FAILED_*` constant of `src/call.rs` has the same value under
//! the same name in `pkg-template/transport.js`, so neither side can drift.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

/// `const NAME: u32 = N;` (Rust) or `const NAME = N;` (JS) lines, by name.
fn constants(source: &str, prefix: &str, rust: bool) -> BTreeMap<String, u32> {
    source
        .lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("const ")?;
            let (name, value) = rest.split_once('=')?;
            let name = if rust {
                name.split(':').next()?.trim()
            } else {
                name.trim()
            };
            let name = name.strip_prefix(prefix).unwrap_or(name);
            let value = value.trim().trim_end_matches(';').trim().parse().ok()?;
            Some((name.to_owned(), value))
        })
        .collect()
}

#[test]
fn every_step_and_failure_has_the_same_number_in_rust_and_in_javascript() {
    let rust = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/call.rs")).unwrap();
    let js = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/pkg-template/transport.js")).unwrap();
    let js_numbers = constants(&js, "", false);
    let mut checked = 0;
    for prefix in ["STEP_", "FAILED_"] {
        for (name, value) in constants(&rust, prefix, true) {
            if !rust.contains(&format!("const {prefix}{name}:")) {
                continue;
            }
            assert_eq!(
                js_numbers.get(&name),
                Some(&value),
                "{prefix}{name} is {value} in src/call.rs; transport.js must say `const {name} = {value};`"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 16, "seven steps and nine failures");
}
