//! A resource's fields as data: what the fast path scans a body against.

/// What a field holds.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A UUID string.
    Uuid,
    /// An RFC 3339 date-time string.
    DateTime,
    /// Any string.
    Text,
    /// A string of at most 255 characters (the references).
    Reference,
    /// An integer a JavaScript number holds exactly.
    SafeInt,
    /// A 32-bit integer.
    Int32,
    /// A boolean.
    Bool,
    /// Any JSON object (a page's `query` echo).
    Object,
    /// An array of objects of a schema.
    Items(&'static Schema),
}

/// One field of a resource.
#[derive(Debug)]
pub struct Field {
    /// The wire name.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Whether it may be `null` or left out (`string or null` in the reference).
    pub optional: bool,
    /// The name between quotes and a colon after it (`"name":`), zero-padded
    /// to 32 bytes, for the fast path's sixteen-byte key comparisons.
    pub(crate) quoted: [u8; 32],
}

impl Field {
    /// A field named `name` (the wire name).
    pub const fn new(name: &'static str, kind: Kind, optional: bool) -> Field {
        let mut quoted = [0u8; 32];
        let bytes = name.as_bytes();
        if bytes.len() <= 29 {
            quoted[0] = b'"';
            let mut i = 0;
            while i < bytes.len() {
                quoted[i + 1] = bytes[i];
                i += 1;
            }
            quoted[bytes.len() + 1] = b'"';
            quoted[bytes.len() + 2] = b':';
        }
        Field {
            name,
            kind,
            optional,
            quoted,
        }
    }
}

/// A resource's fields. Unknown fields are ignored, as the models ignore them.
#[derive(Debug)]
pub struct Schema {
    /// The resource's name, for messages.
    pub name: &'static str,
    /// Its fields, in the reference's order (the order servers send them in,
    /// which the key lookup tries first).
    pub fields: &'static [Field],
}
