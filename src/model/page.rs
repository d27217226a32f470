use serde::{Deserialize, Serialize};

use crate::wire;

/// One page of a list endpoint, as the server sent it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// Applied query parameters, including defaults (`limit`, `offset`, `sort_by`, …).
    pub query: serde_json::Map<String, serde_json::Value>,
    /// The resources of this page.
    pub result: Vec<T>,
    /// Total number of resources matching the query, over all pages.
    #[serde(deserialize_with = "wire::safe_int")]
    pub total: i64,
}
