//! Text helpers the messages share: finding a string in another, and
//! quoting a caller's value. They use nothing else of the crate.

/// Where `needle` first occurs in `haystack`, by a plain byte scan: the
/// paths and locations it searches are short, and `str::find` with a string
/// pattern would link the Two-Way searcher into the module (its size is in
/// `bench/README.md`).
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w == needle.as_bytes())
}

/// Quotes a user value for a message, shortened so a huge input cannot flood it.
///
/// Quotes, backslashes and control characters are escaped the way Rust's
/// `{:?}` escapes them (`\n`, `\u{1f}`); every other character is kept as it
/// is, as the package's JavaScript option check (`debugQuote`) writes it too.
/// (Not `{:?}` itself: it also escapes some printable Unicode, which the JS
/// mirror did not, and it links `char::escape_debug`'s tables into the module.)
pub fn quote(value: &str) -> String {
    const MAX: usize = 64;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(value.len().min(4 * MAX) + 2);
    out.push('"');
    let mut count = 0;
    for c in value.chars() {
        count += 1;
        if count > MAX {
            continue;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if u32::from(c) < 0x20 || u32::from(c) == 0x7f => {
                let code = u32::from(c) as usize;
                out.push_str("\\u{");
                if code >= 16 {
                    out.push(char::from(HEX[code >> 4]));
                }
                out.push(char::from(HEX[code & 15]));
                out.push('}');
            }
            c => out.push(c),
        }
    }
    out.push('"');
    if count > MAX {
        out.push_str("… (");
        out.push_str(&count.to_string());
        out.push_str(" characters)");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_agrees_with_str_find() {
        for (haystack, needle) in [
            ("/v2/tickets/tickets/1", "/v2/"),
            ("/proxy/v2/tickets/tickets/1", "/v2/"),
            ("/v2/tickets/outsourced-tickets/1", "/outsourced-tickets/"),
            ("/v2/tickets/../x", ".."),
            ("//", "//"),
            ("/v", "/v2/"),
            ("", "/"),
            ("abc", ""),
            ("ééé/v2/", "/v2/"),
        ] {
            assert_eq!(find(haystack, needle), haystack.find(needle), "{haystack} {needle}");
        }
    }

    #[test]
    fn quote_escapes_what_the_js_mirror_escapes_and_keeps_the_rest() {
        assert_eq!(quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quote("\n\r\t\0"), r#""\n\r\t\0""#);
        assert_eq!(quote("\u{1}\u{1f}\u{7f}"), r#""\u{1}\u{1f}\u{7f}""#);
        // Printable Unicode is kept, zero-width and combining characters too.
        assert_eq!(quote("é\u{200b}\u{301}x😀"), "\"é\u{200b}\u{301}x😀\"");
        assert_eq!(
            quote(&"é".repeat(65)),
            format!("\"{}\"… (65 characters)", "é".repeat(64))
        );
    }

    #[test]
    fn quote_shortens_huge_values() {
        let q = quote(&"x".repeat(10_000));
        assert!(q.len() < 100 && q.ends_with("(10000 characters)"), "{q}");
    }
}
