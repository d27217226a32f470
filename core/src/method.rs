//! The HTTP methods the API uses, and which of them may be sent twice.

use std::fmt;

/// The HTTP methods the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Reads.
    Get,
    /// Updates an in-progress ticket (idempotent).
    Put,
    /// Transitions an in-progress ticket (not idempotent).
    Patch,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
        }
    }

    /// Whether sending the request twice has the effect of sending it once,
    /// which is what makes an automatic retry safe.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Put)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
