use serde::{Deserialize, Serialize};

/// An RFC 7807 problem: the body of every error answer of the API
/// (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// A URI identifying the problem type; `about:blank` when absent.
    #[serde(rename = "type", default = "about_blank")]
    pub type_: String,
    /// A short, human-readable summary of the problem type.
    #[serde(default)]
    pub title: Option<String>,
    /// The HTTP status the server generated for this occurrence.
    #[serde(default)]
    pub status: Option<u16>,
    /// A human-readable explanation specific to this occurrence.
    #[serde(default)]
    pub detail: Option<String>,
}

fn about_blank() -> String {
    "about:blank".to_owned()
}
