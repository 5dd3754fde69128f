//! The knowledge base: everything scopelens knows about Meta's tokens,
//! permissions, endpoints, errors and access rules, as plain Rust data.
//!
//! Every entry carries the URLs it was taken from, and every URL the month
//! it was last checked (`sources`, `freshness`). The CLI, the web app and
//! the guide's generated reference tables all read these tables; nothing here
//! is typed a second time anywhere else.

pub mod access;
pub mod dates;
pub mod endpoints;
pub mod errors;
pub mod facts;
pub mod fields;
pub mod freshness;
pub mod guide;
pub mod intents;
pub mod permissions;
pub mod sources;
pub mod versions;

pub use access::{recommend, AccessPlan, Answers};
pub use endpoints::{match_endpoint, Endpoint, EndpointMatch};
pub use errors::{lookup_error, Category, ErrorEntry, ErrorLookup, FixableBy, Retry};
pub use intents::{Intent, IntentId};
pub use permissions::{permission, Permission};
