/// Writes a query string in the reference's form: `key=value` pairs joined
/// by `&`, arrays comma-joined, deep objects as `key[sub]=value`.
///
/// Values are percent-encoded except for RFC 3986 unreserved characters and
/// `:` (so date-times read as in the reference), which keeps a value from
/// ever adding a parameter of its own (`&`, `=`, `#`, newlines are escaped).
#[derive(Debug, Default)]
pub(crate) struct QueryString(String);

impl QueryString {
    pub(crate) fn push(&mut self, key: &str, value: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.push_str(key);
        self.0.push('=');
        encode_into(&mut self.0, value);
    }

    pub(crate) fn push_list<I: IntoIterator<Item = S>, S: AsRef<str>>(&mut self, key: &str, items: I) {
        let mut joined = String::new();
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                joined.push(',');
            }
            encode_into(&mut joined, item.as_ref());
        }
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.push_str(key);
        self.0.push('=');
        self.0.push_str(&joined);
    }

    pub(crate) fn finish(self) -> String {
        self.0
    }
}

fn encode_into(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_cannot_inject_parameters() {
        let mut q = QueryString::default();
        q.push("external_reference", "a&b=c#d\ne f+g/é");
        q.push_list("state", ["pending", "in_progress"]);
        assert_eq!(
            q.finish(),
            "external_reference=a%26b%3Dc%23d%0Ae%20f%2Bg%2F%C3%A9&state=pending,in_progress"
        );
    }
}
