//! Reading an RFC 7807 problem (the body of the API's error answers) with
//! the JSON reader, so that no JSON library is linked into the wasm module.

use super::lex::{utf8, Reader};
use crate::error::Problem;

/// Reads an RFC 7807 problem from `body`, or `None` when it is not one.
pub(crate) fn problem(body: &[u8]) -> Option<Problem> {
    std::str::from_utf8(body).ok()?;
    let mut r = Reader::new(body);
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
