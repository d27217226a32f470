//! The JSON reader's primitives: whitespace, literals, strings with their
//! escapes and surrogate pairs, numbers, skipping any value. Strict RFC 8259,
//! as serde_json is; `scan` walks a schema with them, `problem` reads a
//! problem+json body.

use crate::text;

/// How deep arrays and objects may nest (serde_json's limit).
pub(super) const MAX_DEPTH: u32 = 128;

/// Why a body failed.
pub(super) enum Fail {
    /// Not JSON at byte `.0`.
    Syntax(usize),
    /// Valid JSON that does not match the schema at the current path.
    Data(String),
    /// Arrays and objects nested deeper than [`MAX_DEPTH`], from byte `.0`.
    Deep(usize),
}

/// One step of a JSON path.
pub(super) enum PathStep {
    Field(&'static str),
    Index(usize),
}

/// A reader of one body: the bytes, where it is, how deeply nested, and
/// the JSON path it took there (for a message).
pub(super) struct Reader<'a> {
    pub(super) b: &'a [u8],
    pub(super) i: usize,
    pub(super) depth: u32,
    pub(super) path: Vec<PathStep>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(b: &'a [u8]) -> Self {
        Reader {
            b,
            i: 0,
            depth: 0,
            path: Vec::new(),
        }
    }

    pub(super) fn path_text(&self) -> String {
        let mut out = String::new();
        for step in &self.path {
            match step {
                PathStep::Field(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                PathStep::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    pub(super) fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    pub(super) fn ws_then<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T, Fail>) -> Result<T, Fail> {
        self.ws();
        f(self)
    }

    pub(super) fn expect(&mut self, c: u8) -> Result<(), Fail> {
        self.ws();
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(Fail::Syntax(self.i))
        }
    }

    pub(super) fn literal(&mut self, word: &[u8]) -> Result<(), Fail> {
        for &c in word {
            if self.peek() != Some(c) {
                return Err(Fail::Syntax(self.i));
            }
            self.i += 1;
        }
        Ok(())
    }

    pub(super) fn enter(&mut self) -> Result<(), Fail> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err(Fail::Deep(self.i))
        } else {
            Ok(())
        }
    }

    /// A string at the cursor (after its opening quote is checked), as its
    /// raw content and, when it has escapes, its decoded text.
    pub(super) fn string(&mut self) -> Result<(&'a [u8], Option<String>), Fail> {
        if self.peek() != Some(b'"') {
            return Err(Fail::Syntax(self.i));
        }
        self.i += 1;
        let start = self.i;
        let mut decoded: Option<String> = None;
        let mut plain_from = start;
        loop {
            let Some(c) = self.peek() else {
                return Err(Fail::Syntax(self.i));
            };
            match c {
                b'"' => {
                    let raw = &self.b[start..self.i];
                    if let Some(text) = decoded.as_mut() {
                        text.push_str(utf8(&self.b[plain_from..self.i]));
                    }
                    self.i += 1;
                    return Ok((raw, decoded));
                }
                b'\\' => {
                    let text = decoded.get_or_insert_with(String::new);
                    text.push_str(utf8(&self.b[plain_from..self.i]));
                    let escape = self.b.get(self.i + 1).copied().ok_or(Fail::Syntax(self.b.len()))?;
                    self.i += 2;
                    match escape {
                        b'"' => text.push('"'),
                        b'\\' => text.push('\\'),
                        b'/' => text.push('/'),
                        b'b' => text.push('\u{8}'),
                        b'f' => text.push('\u{c}'),
                        b'n' => text.push('\n'),
                        b'r' => text.push('\r'),
                        b't' => text.push('\t'),
                        b'u' => {
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first) {
                                // A high surrogate must be followed by an escaped low one.
                                if self.b.get(self.i..self.i + 2) != Some(b"\\u") {
                                    return Err(Fail::Syntax(self.i));
                                }
                                self.i += 2;
                                let second = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&second) {
                                    return Err(Fail::Syntax(self.i));
                                }
                                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                            } else if (0xDC00..0xE000).contains(&first) {
                                return Err(Fail::Syntax(self.i));
                            } else {
                                first
                            };
                            text.push(char::from_u32(code).ok_or(Fail::Syntax(self.i))?);
                        }
                        _ => return Err(Fail::Syntax(self.i - 1)),
                    }
                    plain_from = self.i;
                }
                0..=0x1f => return Err(Fail::Syntax(self.i)),
                _ => self.i += 1,
            }
        }
    }

    pub(super) fn hex4(&mut self) -> Result<u32, Fail> {
        let mut n = 0u32;
        for _ in 0..4 {
            let c = self.peek().ok_or(Fail::Syntax(self.i))?;
            let d = char::from(c).to_digit(16).ok_or(Fail::Syntax(self.i))?;
            n = n * 16 + d;
            self.i += 1;
        }
        Ok(n)
    }

    /// A number at the cursor: its text, and whether it is an integer (no fraction, no exponent).
    pub(super) fn number(&mut self) -> Result<(&'a str, bool), Fail> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(Fail::Syntax(self.i)),
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.i += 1;
            integer = false;
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return Err(Fail::Syntax(self.i));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            integer = false;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return Err(Fail::Syntax(self.i));
            }
            self.digits();
        }
        Ok((utf8(&self.b[start..self.i]), integer))
    }

    pub(super) fn digits(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
    }

    /// Any value, checked for syntax only.
    pub(super) fn skip(&mut self) -> Result<(), Fail> {
        self.ws();
        match self.peek() {
            Some(b'"') => self.string().map(drop),
            Some(b'{') => {
                self.enter()?;
                self.i += 1;
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        self.string()?;
                        self.expect(b':')?;
                        self.skip()?;
                        if !self.comma_or(b'}')? {
                            break;
                        }
                    }
                }
                self.depth -= 1;
                Ok(())
            }
            Some(b'[') => {
                self.enter()?;
                self.i += 1;
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                } else {
                    loop {
                        self.skip()?;
                        if !self.comma_or(b']')? {
                            break;
                        }
                    }
                }
                self.depth -= 1;
                Ok(())
            }
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            _ => self.number().map(drop),
        }
    }

    /// After a member or item: `true` after a comma (another follows), `false` after `close`.
    pub(super) fn comma_or(&mut self, close: u8) -> Result<bool, Fail> {
        self.ws();
        match self.peek() {
            Some(b',') => {
                self.i += 1;
                Ok(true)
            }
            Some(c) if c == close => {
                self.i += 1;
                Ok(false)
            }
            _ => Err(Fail::Syntax(self.i)),
        }
    }

    /// What the value at the cursor is, for a "got …" (reading it, for a string or number).
    pub(super) fn given(&mut self) -> Result<String, Fail> {
        match self.peek() {
            Some(b'"') => {
                let (raw, decoded) = self.string()?;
                Ok(format!(
                    "the string {}",
                    text::quote(decoded.as_deref().unwrap_or(utf8(raw)))
                ))
            }
            Some(b'{') => Ok("an object".to_owned()),
            Some(b'[') => Ok("an array".to_owned()),
            Some(b't') => self.literal(b"true").map(|()| "true".to_owned()),
            Some(b'f') => self.literal(b"false").map(|()| "false".to_owned()),
            Some(b'n') => self.literal(b"null").map(|()| "null".to_owned()),
            _ => self.number().map(|(text, _)| text.to_owned()),
        }
    }
}

/// Bytes already checked to be UTF-8 (the whole body is, and cuts fall on ASCII).
pub(super) fn utf8(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or_default()
}
