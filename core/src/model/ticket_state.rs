use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// This state provides information about the current activity of the ticket.
///
/// The server may add states later; a state this version does not know is kept
/// as [`TicketState::Other`] so that a page holding it still decodes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TicketState {
    /// The ticket is prepared and can be used by a customer.
    Prepared,
    /// The ticket is waiting to be worked on.
    Pending,
    /// The ticket is being worked by an operator.
    InProgress,
    /// The ticket is outsourced to another provider.
    Outsourced,
    /// The ticket is successfully finished.
    Closed,
    /// The ticket is cancelled, see `cancel_reason_id` as to why.
    Cancelled,
    /// A state added to the API after this SDK was written, kept verbatim.
    Other(String),
}

impl TicketState {
    /// The six states the reference names, in its order.
    pub const KNOWN: [TicketState; 6] = [
        TicketState::Prepared,
        TicketState::Pending,
        TicketState::InProgress,
        TicketState::Outsourced,
        TicketState::Closed,
        TicketState::Cancelled,
    ];

    /// The wire name (`in_progress`).
    pub fn as_str(&self) -> &str {
        match self {
            TicketState::Prepared => "prepared",
            TicketState::Pending => "pending",
            TicketState::InProgress => "in_progress",
            TicketState::Outsourced => "outsourced",
            TicketState::Closed => "closed",
            TicketState::Cancelled => "cancelled",
            TicketState::Other(s) => s,
        }
    }

    /// Reads a wire name; unknown names become [`TicketState::Other`].
    pub fn from_wire(s: &str) -> TicketState {
        Self::KNOWN
            .into_iter()
            .find(|known| known.as_str() == s)
            .unwrap_or_else(|| TicketState::Other(s.to_owned()))
    }

    /// What a ticket state field expects, in messages: `one of "prepared", …`,
    /// written from [`TicketState::KNOWN`] so that the message names exactly
    /// the states the check accepts.
    pub fn expected() -> &'static str {
        static TEXT: OnceLock<String> = OnceLock::new();
        TEXT.get_or_init(|| {
            let names: Vec<String> = Self::KNOWN.iter().map(|s| format!("\"{s}\"")).collect();
            format!("one of {}", names.join(", "))
        })
    }

    /// Whether this is one of the six states the reference names.
    pub fn is_known(&self) -> bool {
        !matches!(self, TicketState::Other(_))
    }
}

impl fmt::Display for TicketState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for TicketState {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for TicketState {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(TicketState::from_wire(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_states_round_trip_through_their_wire_names() {
        for state in TicketState::KNOWN {
            let json = serde_json::to_string(&state).unwrap();
            assert_eq!(json, format!("\"{}\"", state.as_str()));
            assert_eq!(serde_json::from_str::<TicketState>(&json).unwrap(), state);
        }
    }

    #[test]
    fn unknown_state_is_kept_as_its_string() {
        let s: TicketState = serde_json::from_str("\"on_hold\"").unwrap();
        assert_eq!(s, TicketState::Other("on_hold".into()));
        assert!(!s.is_known());
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"on_hold\"");
    }

    #[test]
    fn the_expected_text_names_the_six_states_in_order() {
        assert_eq!(
            TicketState::expected(),
            "one of \"prepared\", \"pending\", \"in_progress\", \"outsourced\", \"closed\", \"cancelled\""
        );
    }
}
