//! The knowledge base: everything scopelens knows about Meta's tokens,
//! permissions, endpoints, errors and access rules, as plain Rust data.
//!
//! Every entry carries the URLs it was taken from. The CLI, the web app and
//! the guide's generated reference tables all read these tables; nothing here
//! is typed a second time anywhere else.

pub mod access;
pub mod endpoints;
pub mod errors;
pub mod fields;
pub mod guide;
pub mod intents;
pub mod permissions;
pub mod sources;

pub use access::{recommend, AccessPlan, Answers};
pub use endpoints::{match_endpoint, Endpoint, EndpointMatch};
pub use errors::{lookup_error, Category, ErrorEntry, ErrorLookup, FixableBy, Retry};
pub use intents::{Intent, IntentId};
pub use permissions::{permission, Permission};
