//! Placeholder: replaced by the mock server implementation.
