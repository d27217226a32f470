use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::validate;

/// A transition of an in-progress ticket to a different state: the value of
/// `transition` in the body of `PATCH /v2/tickets/in-progress-tickets/{id}`,
/// tagged by `type`.
///
/// `Outsource` is fully specified by the reference. `Complete` and `Cancel` are
/// named there without their fields; their shapes (`{"type":"complete"}` and
/// `{"type":"cancel","cancel_reason_id":…}`) are inferred and kept in this one
/// file so they are easy to change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Transition {
    /// Request another provider to execute specified products on your behalf.
    Outsource(Outsource),
    /// Finish the ticket successfully.
    Complete(Complete),
    /// Cancel the ticket, giving the reason.
    Cancel(Cancel),
}

/// The fields of an outsource transition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outsource {
    /// Identifiers of the product(s) to outsource (non-empty). Only products of
    /// type "base" can be outsourced.
    pub product_ids: Vec<String>,
    /// Identifier of the provider to outsource to.
    pub provider_id: String,
    /// Whether an operator of the outsource provider may send chat messages to
    /// your customer; when omitted the outsource link settings apply.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::wire::present"
    )]
    pub allow_customer_chat_write_access: Option<bool>,
    /// Whether contact information of your customer is shared with the
    /// outsource provider; when omitted the outsource link settings apply.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::wire::present"
    )]
    pub share_customer_information: Option<bool>,
}

/// The fields of a complete transition: none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Complete {}

/// The fields of a cancel transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cancel {
    /// Reference to a cancel reason (see `GET /v2/tickets/cancel-reasons`).
    pub cancel_reason_id: i64,
}

impl Transition {
    /// The wire names of the transition types.
    pub const TYPES: [&'static str; 3] = ["outsource", "complete", "cancel"];

    /// Checks every field against the reference; the error names the field as
    /// `transition.<field>`.
    pub fn validate(&self) -> Result<(), Error> {
        match self {
            Transition::Outsource(Outsource {
                product_ids,
                provider_id,
                ..
            }) => {
                if product_ids.is_empty() {
                    return Err(Error::validation("transition.product_ids", "must be a non-empty array"));
                }
                for (i, id) in product_ids.iter().enumerate() {
                    validate::uuid(&format!("transition.product_ids[{i}]"), id)?;
                }
                validate::uuid("transition.provider_id", provider_id)
            }
            Transition::Complete(Complete {}) => Ok(()),
            Transition::Cancel(Cancel { cancel_reason_id }) => validate::int_range(
                "transition.cancel_reason_id",
                *cancel_reason_id,
                0,
                validate::MAX_SAFE_INTEGER,
            ),
        }
    }
}
