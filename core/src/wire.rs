//! serde helpers for caller input.

use serde::de::{Deserialize, Deserializer};

/// Query inputs: a present key must hold a value. `null` is refused rather
/// than read as "absent", because for `vin` the two mean different things.
pub(crate) fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}
