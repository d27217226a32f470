//! The exact check: a hand-written JSON reader that validates a body against
//! a [`Schema`] and, at the first failure, says where (the JSON path) and why,
//! in JavaScript's words.
//!
//! It is as strict as JSON itself (RFC 8259: strings, escapes and surrogate
//! pairs, numbers, literals, nesting, nothing after the value) and as strict
//! as the schema. It runs only when the fast path ([`super::fast`]) is not
//! sure, so it favours size over speed: with it, and the problem reader
//! below, no JSON library is linked into the WebAssembly module.

use super::{Field, Kind, Schema};
use crate::error::{Error, Problem};
use crate::input::given::describe_number_text;
use crate::validate;

/// How deep arrays and objects may nest (serde_json's limit).
const MAX_DEPTH: u32 = 128;

/// Why a body failed.
enum Fail {
    /// Not JSON at byte `.0`.
    Syntax(usize),
    /// Valid JSON that does not match the schema at the current path.
    Data(String),
}

/// One step of a JSON path.
enum Step {
    Field(&'static str),
    Index(usize),
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
    depth: u32,
    path: Vec<Step>,
}

/// Checks `body` against `schema`; the error names the JSON path.
pub(super) fn check(body: &[u8], schema: &Schema) -> Result<(), Error> {
    if let Err(e) = std::str::from_utf8(body) {
        return Err(syntax_error(body, e.valid_up_to()));
    }
    let mut r = Reader {
        b: body,
        i: 0,
        depth: 0,
        path: Vec::new(),
    };
    let result = r.ws_then(|r| r.object(schema)).and_then(|()| {
        r.ws();
        if r.i == r.b.len() {
            Ok(())
        } else {
            Err(Fail::Syntax(r.i))
        }
    });
    match result {
        Ok(()) => Ok(()),
        Err(Fail::Syntax(at)) => Err(syntax_error(body, at)),
        Err(Fail::Data(reason)) => {
            let path = r.path_text();
            Err(Error::decode((!path.is_empty()).then_some(path), reason))
        }
    }
}

/// "not valid JSON (at line 3, column 7)", or "ends too early" at the end.
fn syntax_error(body: &[u8], at: usize) -> Error {
    let at = at.min(body.len());
    let line = 1 + body[..at].iter().filter(|&&c| c == b'\n').count();
    let column = 1 + at - body[..at].iter().rposition(|&c| c == b'\n').map_or(0, |p| p + 1);
    if at >= body.len() {
        Error::decode(
            None,
            format!("the body ends too early (at line {line}, column {column}); it may be truncated"),
        )
    } else {
        Error::decode(
            None,
            format!("the body is not valid JSON (at line {line}, column {column})"),
        )
    }
}

/// What a value of `kind` is, in a message's words.
pub(super) fn expected(kind: Kind) -> &'static str {
    match kind {
        Kind::Uuid => "a UUID string",
        Kind::DateTime => "an RFC 3339 date-time string",
        Kind::Text => "a string",
        Kind::Reference => "a string of at most 255 characters",
        Kind::SafeInt => "an integer",
        Kind::Int32 => "an integer from -2147483648 to 2147483647",
        Kind::Bool => "true or false",
        Kind::Object => "an object",
        Kind::Items(_) => "an array of objects",
    }
}

fn mismatch(kind: Kind, given: &str) -> Fail {
    Fail::Data(format!("expected {}, got {given}", expected(kind)))
}

impl<'a> Reader<'a> {
    fn path_text(&self) -> String {
        let mut out = String::new();
        for step in &self.path {
            match step {
                Step::Field(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Step::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    fn ws_then<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T, Fail>) -> Result<T, Fail> {
        self.ws();
        f(self)
    }

    fn expect(&mut self, c: u8) -> Result<(), Fail> {
        self.ws();
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(Fail::Syntax(self.i))
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), Fail> {
        for &c in word {
            if self.peek() != Some(c) {
                return Err(Fail::Syntax(self.i));
            }
            self.i += 1;
        }
        Ok(())
    }

    fn enter(&mut self) -> Result<(), Fail> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err(Fail::Syntax(self.i))
        } else {
            Ok(())
        }
    }

    /// A string at the cursor (after its opening quote is checked), as its
    /// raw content and, when it has escapes, its decoded text.
    fn string(&mut self) -> Result<(&'a [u8], Option<String>), Fail> {
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

    fn hex4(&mut self) -> Result<u32, Fail> {
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
    fn number(&mut self) -> Result<(&'a str, bool), Fail> {
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

    fn digits(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
    }

    /// Any value, checked for syntax only.
    fn skip(&mut self) -> Result<(), Fail> {
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
    fn comma_or(&mut self, close: u8) -> Result<bool, Fail> {
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
    fn given(&mut self) -> Result<String, Fail> {
        match self.peek() {
            Some(b'"') => {
                let (raw, decoded) = self.string()?;
                Ok(format!(
                    "the string {}",
                    validate::quote(decoded.as_deref().unwrap_or(utf8(raw)))
                ))
            }
            Some(b'{') => Ok("an object".to_owned()),
            Some(b'[') => Ok("an array".to_owned()),
            Some(b't') => self.literal(b"true").map(|()| "true".to_owned()),
            Some(b'f') => self.literal(b"false").map(|()| "false".to_owned()),
            Some(b'n') => self.literal(b"null").map(|()| "null".to_owned()),
            _ => self.number().map(|(text, _)| describe_number_text(text)),
        }
    }

    /// An object of `schema`: known fields checked, unknown ones skipped.
    fn object(&mut self, schema: &Schema) -> Result<(), Fail> {
        if self.peek() != Some(b'{') {
            if self.peek().is_none() {
                return Err(Fail::Syntax(self.i));
            }
            let given = self.given()?;
            return Err(Fail::Data(format!("expected an object, got {given}")));
        }
        self.enter()?;
        self.i += 1;
        let fields = schema.fields;
        let mut seen: u64 = 0;
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
        } else {
            let mut next = 0;
            loop {
                self.ws();
                let (raw, decoded) = self.string()?;
                let key = decoded.as_deref().map_or(raw, str::as_bytes);
                self.expect(b':')?;
                let found = match fields.get(next) {
                    Some(f) if f.name.as_bytes() == key => Some(next),
                    _ => fields.iter().position(|f| f.name.as_bytes() == key),
                };
                match found {
                    Some(i) => {
                        let field = &fields[i];
                        self.path.push(Step::Field(field.name));
                        if seen & (1 << i) != 0 {
                            return Err(Fail::Data("the field appears twice".to_owned()));
                        }
                        seen |= 1 << i;
                        next = i + 1;
                        self.ws();
                        self.value(field)?;
                        self.path.pop();
                    }
                    None => self.skip()?,
                }
                if !self.comma_or(b'}')? {
                    break;
                }
            }
        }
        for (i, field) in fields.iter().enumerate() {
            if !field.optional && seen & (1 << i) == 0 {
                self.path.push(Step::Field(field.name));
                return Err(Fail::Data(format!(
                    "expected {}, but the field is missing",
                    expected(field.kind)
                )));
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// The value of `field` at the cursor.
    fn value(&mut self, field: &Field) -> Result<(), Fail> {
        if self.peek() == Some(b'n') && field.optional {
            return self.literal(b"null");
        }
        let kind = field.kind;
        match (kind, self.peek()) {
            (Kind::Uuid | Kind::DateTime | Kind::Text | Kind::Reference, Some(b'"')) => {
                let (raw, decoded) = self.string()?;
                let text = decoded.as_deref().unwrap_or(utf8(raw));
                let valid = match kind {
                    Kind::Uuid => validate::is_uuid(text),
                    Kind::DateTime => validate::is_rfc3339(text),
                    Kind::Reference if !validate::is_reference(text) => {
                        return Err(Fail::Data(format!(
                            "expected a string of at most 255 characters, got {} characters",
                            text.chars().count()
                        )))
                    }
                    _ => true,
                };
                if valid {
                    Ok(())
                } else {
                    Err(mismatch(kind, &format!("the string {}", validate::quote(text))))
                }
            }
            (Kind::SafeInt | Kind::Int32, Some(b'-' | b'0'..=b'9')) => {
                let (text, integer) = self.number()?;
                if !integer {
                    return Err(mismatch(kind, &describe_number_text(text)));
                }
                let digits = text.trim_start_matches('-');
                let n: Option<i64> = if digits.len() <= 18 { text.parse().ok() } else { None };
                match (kind, n) {
                    (Kind::SafeInt, Some(n)) if validate::is_safe_integer(n) => Ok(()),
                    (Kind::SafeInt, _) => Err(Fail::Data(format!(
                        "expected an integer a JavaScript number holds exactly, got {text}, beyond Number.MAX_SAFE_INTEGER"
                    ))),
                    (_, Some(n)) if i32::try_from(n).is_ok() => Ok(()),
                    _ => Err(mismatch(kind, text)),
                }
            }
            (Kind::Bool, Some(b't')) => self.literal(b"true"),
            (Kind::Bool, Some(b'f')) => self.literal(b"false"),
            (Kind::Object, Some(b'{')) => self.skip(),
            (Kind::Items(schema), Some(b'[')) => {
                self.enter()?;
                self.i += 1;
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                } else {
                    let mut index = 0;
                    loop {
                        self.path.push(Step::Index(index));
                        self.ws();
                        self.object(schema)?;
                        self.path.pop();
                        index += 1;
                        if !self.comma_or(b']')? {
                            break;
                        }
                    }
                }
                self.depth -= 1;
                Ok(())
            }
            (_, None) => Err(Fail::Syntax(self.i)),
            _ => {
                let given = self.given()?;
                Err(mismatch(kind, &given))
            }
        }
    }
}

/// Bytes already checked to be UTF-8 (the whole body is, and cuts fall on ASCII).
fn utf8(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or_default()
}

/// Reads an RFC 7807 problem from `body`, or `None` when it is not one.
pub(crate) fn problem(body: &[u8]) -> Option<Problem> {
    std::str::from_utf8(body).ok()?;
    let mut r = Reader {
        b: body,
        i: 0,
        depth: 0,
        path: Vec::new(),
    };
    let mut problem = Problem {
        type_: "about:blank".to_owned(),
        title: None,
        status: None,
        detail: None,
    };
    r.expect(b'{').ok()?;
    r.ws();
    if r.peek() == Some(b'}') {
        r.i += 1;
    } else {
        loop {
            r.ws();
            let (raw, decoded) = r.string().ok()?;
            let key = decoded.unwrap_or_else(|| utf8(raw).to_owned());
            r.expect(b':').ok()?;
            r.ws();
            let null = r.peek() == Some(b'n');
            if null {
                r.literal(b"null").ok()?;
            }
            match key.as_str() {
                _ if null && key != "type" => {}
                "type" | "title" | "detail" => {
                    let (raw, decoded) = r.string().ok()?;
                    let text = decoded.unwrap_or_else(|| utf8(raw).to_owned());
                    match key.as_str() {
                        "type" => problem.type_ = text,
                        "title" => problem.title = Some(text),
                        _ => problem.detail = Some(text),
                    }
                }
                "status" => {
                    let (text, integer) = r.number().ok()?;
                    problem.status = Some(text.parse().ok().filter(|_| integer)?);
                }
                _ => r.skip().ok()?,
            }
            if !r.comma_or(b'}').ok()? {
                break;
            }
        }
    }
    r.ws();
    (r.i == r.b.len()).then_some(problem)
}
