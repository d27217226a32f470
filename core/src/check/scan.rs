//! The exact check: a hand-written JSON reader that validates a body against
//! a [`Schema`] and, at the first failure, says where (the JSON path) and why,
//! in JavaScript's words.
//!
//! It is as strict as JSON itself (RFC 8259: strings, escapes and surrogate
//! pairs, numbers, literals, nesting, nothing after the value) and as strict
//! as the schema. It runs only when the fast path ([`super::fast`]) is not
//! sure, so it favours size over speed: with it, and the problem reader
//! (`problem`), no JSON library is linked into the WebAssembly module. The
//! reader's primitives are in `lex`.

use super::lex::{utf8, Fail, PathStep, Reader, MAX_DEPTH};
use jifeline_tickets_fastcheck::{Field, Kind, Schema};

use crate::error::Error;
use crate::text;
use crate::validate;

/// Checks `body` against `schema`; the error names the JSON path.
pub(super) fn check(body: &[u8], schema: &Schema) -> Result<(), Error> {
    if let Err(e) = std::str::from_utf8(body) {
        return Err(syntax_error(body, e.valid_up_to()));
    }
    let mut r = Reader::new(body);
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
        Err(Fail::Deep(at)) => {
            let (line, column) = line_and_column(body, at);
            Err(Error::decode(
                None,
                format!("the body nests arrays and objects more than {MAX_DEPTH} deep (at line {line}, column {column}), which no answer of the API does"),
            ))
        }
        Err(Fail::Data(reason)) => {
            let path = r.path_text();
            Err(Error::decode((!path.is_empty()).then_some(path), reason))
        }
    }
}

/// "not valid JSON (at line 3, column 7)", or "ends too early" at the end.
fn syntax_error(body: &[u8], at: usize) -> Error {
    let (line, column) = line_and_column(body, at);
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

/// The line and column (from 1) of byte `at` of `body`.
fn line_and_column(body: &[u8], at: usize) -> (usize, usize) {
    let at = at.min(body.len());
    let before = body.get(..at).unwrap_or(body);
    let line = 1 + before.iter().filter(|&&c| c == b'\n').count();
    let column = 1 + at - before.iter().rposition(|&c| c == b'\n').map_or(0, |p| p + 1);
    (line, column)
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

pub(super) fn mismatch(kind: Kind, given: &str) -> Fail {
    Fail::Data(format!("expected {}, got {given}", expected(kind)))
}

impl<'a> Reader<'a> {
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
                        self.path.push(PathStep::Field(field.name));
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
                self.path.push(PathStep::Field(field.name));
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
                    Err(mismatch(kind, &format!("the string {}", text::quote(text))))
                }
            }
            (Kind::SafeInt | Kind::Int32, Some(b'-' | b'0'..=b'9')) => {
                let (text, integer) = self.number()?;
                if !integer {
                    return Err(mismatch(kind, text));
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
                        self.path.push(PathStep::Index(index));
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
