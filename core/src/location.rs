//! Where a `Location` header points: the reference resolved against the
//! request's URL (RFC 3986 §5.2), as a browser's fetch resolves it before
//! following, so that a transition reports the same absolute URL whether
//! the runtime followed the 303 itself or the SDK read it.
//!
//! Only `http:` and `https:` are places the API can send a caller: any other
//! scheme (`javascript:`, `data:`) has no URL to report, and a portal that
//! shows the location as a link must never be handed one.

use crate::request::split_scheme;

/// `reference` (a `Location` header's value) resolved against `base` (an
/// absolute `http(s)` URL); `None` when it names another scheme or `base` is
/// not such a URL.
pub(crate) fn resolve(base: &str, reference: &str) -> Option<String> {
    if has_scheme(reference) {
        return split_scheme(reference).map(|_| reference.to_owned());
    }
    let (scheme, rest) = split_scheme(base)?;
    let (authority, base_rest) = cut(rest, rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    let (base_path, base_tail) = cut(base_rest, end_of_path(base_rest));
    let base_path = if base_path.is_empty() { "/" } else { base_path };
    let base_query = cut(base_tail, base_tail.find('#').unwrap_or(base_tail.len())).0;

    let (authority, path, tail) = if let Some(network) = reference.strip_prefix("//") {
        // Scheme-relative: another authority, the request's scheme.
        let (authority, more) = cut(network, network.find(['/', '?', '#']).unwrap_or(network.len()));
        let (path, tail) = cut(more, end_of_path(more));
        (
            authority,
            if path.is_empty() {
                "/".to_owned()
            } else {
                path.to_owned()
            },
            tail.to_owned(),
        )
    } else {
        let (path, tail) = cut(reference, end_of_path(reference));
        if path.is_empty() {
            // `?q` replaces the query, `#f` keeps it; both keep the path.
            let tail = if tail.starts_with('#') {
                format!("{base_query}{tail}")
            } else {
                tail.to_owned()
            };
            (authority, base_path.to_owned(), tail)
        } else if path.starts_with('/') {
            (authority, path.to_owned(), tail.to_owned())
        } else {
            // A relative path: beside the last segment of the request's path.
            // A byte scan: `rfind` would link a reverse char searcher into the module for this alone.
            let slash = base_path.bytes().rposition(|b| b == b'/');
            let directory = cut(base_path, slash.map_or(0, |i| i + 1)).0;
            (authority, format!("{directory}{path}"), tail.to_owned())
        }
    };
    Some(format!("{scheme}{authority}{}{tail}", remove_dot_segments(&path)))
}

/// Whether `reference` starts with a scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`).
fn has_scheme(reference: &str) -> bool {
    let bytes = reference.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    for &b in bytes {
        match b {
            b':' => return true,
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'+' | b'-' | b'.' => {}
            _ => return false,
        }
    }
    false
}

/// Where the path of a reference ends: at its query or fragment.
fn end_of_path(s: &str) -> usize {
    s.find(['?', '#']).unwrap_or(s.len())
}

/// `s` split at `i` (a boundary `find` gave), without a panic path.
fn cut(s: &str, i: usize) -> (&str, &str) {
    (s.get(..i).unwrap_or(s), s.get(i..).unwrap_or(""))
}

/// RFC 3986 §5.2.4 on an absolute path; `%2e` counts as a dot, as browsers count it.
fn remove_dot_segments(path: &str) -> String {
    let is_dot = |s: &str| s == "." || s.eq_ignore_ascii_case("%2e");
    let is_dots = |s: &str| match s.len() {
        2 => s == "..",
        4 => {
            s.get(..1) == Some(".") && is_dot(s.get(1..).unwrap_or(""))
                || s.get(3..) == Some(".") && is_dot(s.get(..3).unwrap_or(""))
        }
        6 => is_dot(s.get(..3).unwrap_or("")) && is_dot(s.get(3..).unwrap_or("")),
        _ => false,
    };
    // Split by hand (slashes are ASCII, so every cut is a boundary): `split`
    // would link its iterator into the module for this alone.
    let mut segments: Vec<&str> = Vec::new();
    let mut start = 1;
    for (i, b) in path.bytes().enumerate().skip(1) {
        if b == b'/' {
            segments.push(path.get(start..i).unwrap_or(""));
            start = i + 1;
        }
    }
    segments.push(path.get(start..).unwrap_or(""));
    let last = segments.len().saturating_sub(1);
    let mut out: Vec<&str> = Vec::with_capacity(segments.len());
    for (i, &segment) in segments.iter().enumerate() {
        if is_dot(segment) {
            if i == last {
                out.push("");
            }
        } else if is_dots(segment) {
            out.pop();
            if i == last {
                out.push("");
            }
        } else {
            out.push(segment);
        }
    }
    format!("/{}", out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::resolve;

    const BASE: &str = "https://api.example/proxy/v2/tickets/in-progress-tickets/497f6eca-6276-4993-bfeb-53cbbbba6f08";

    #[test]
    fn references_resolve_as_rfc_3986_and_browsers_resolve_them() {
        for (reference, resolved) in [
            ("/v2/tickets/tickets/x", "https://api.example/v2/tickets/tickets/x"),
            ("https://other.example/a?b#c", "https://other.example/a?b#c"),
            ("HTTP://api.example/a", "HTTP://api.example/a"),
            ("//evil.example/x", "https://evil.example/x"),
            ("//evil.example", "https://evil.example/"),
            ("//evil.example?q", "https://evil.example/?q"),
            (
                "tickets/x",
                "https://api.example/proxy/v2/tickets/in-progress-tickets/tickets/x",
            ),
            (
                "../../tickets/tickets/x",
                "https://api.example/proxy/v2/tickets/tickets/x",
            ),
            ("./x", "https://api.example/proxy/v2/tickets/in-progress-tickets/x"),
            (
                "?a=1",
                "https://api.example/proxy/v2/tickets/in-progress-tickets/497f6eca-6276-4993-bfeb-53cbbbba6f08?a=1",
            ),
            (
                "#top",
                "https://api.example/proxy/v2/tickets/in-progress-tickets/497f6eca-6276-4993-bfeb-53cbbbba6f08#top",
            ),
            ("/a/b/../c/./d", "https://api.example/a/c/d"),
            ("/a/b/..", "https://api.example/a/"),
            ("/a/%2E%2e/b", "https://api.example/b"),
            ("/a/b/.%2E/c", "https://api.example/a/c"),
            ("/a/b/%2e./c", "https://api.example/a/c"),
            ("/a/b/%2e%2/c", "https://api.example/a/b/%2e%2/c"),
            ("/a/..b/c", "https://api.example/a/..b/c"),
            ("/../../x", "https://api.example/x"),
            ("/a?x/../y", "https://api.example/a?x/../y"),
        ] {
            assert_eq!(resolve(BASE, reference).as_deref(), Some(resolved), "{reference}");
        }
        assert_eq!(
            resolve("https://api.example/a/b?q=1", "#f").as_deref(),
            Some("https://api.example/a/b?q=1#f")
        );
        assert_eq!(
            resolve("https://api.example", "x").as_deref(),
            Some("https://api.example/x")
        );
    }

    #[test]
    fn other_schemes_have_no_url_to_report() {
        for reference in [
            "javascript:alert(1)",
            "data:text/html,x",
            "mailto:a@b",
            "http:/x",
            "ftp://x/y",
        ] {
            assert_eq!(resolve(BASE, reference), None, "{reference}");
        }
        // A colon after a slash or in a segment is a path, not a scheme.
        assert_eq!(
            resolve(BASE, "a/b:c").as_deref(),
            Some("https://api.example/proxy/v2/tickets/in-progress-tickets/a/b:c")
        );
        assert_eq!(resolve("not a url", "/x"), None);
    }
}
