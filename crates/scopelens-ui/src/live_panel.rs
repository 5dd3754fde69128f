//! "Check live": the core's read-only Graph API calls, made from the browser.
//!
//! The panel is the body of a `<details class="live-check">` that its host
//! provides, closed by default with [`SUMMARY`] as its title (the web app
//! loads this component only when that is opened). It says what will be sent
//! and to whom before anything is; the token is read from a password field only when the user starts the
//! check, lives in the running check's memory and that field only, and goes
//! nowhere but the Graph API address shown (as the `access_token` query value,
//! plus `input_token` for debug_token; no `Authorization` header, so there is
//! no CORS preflight). It is never stored, logged, put in the URL, a share link
//! or an attribute, and a reload forgets it.
//!
//! The plan and the reading of the answers are `scopelens_core::live`: each
//! answer goes to `LiveCheck::record`, whose follow-up calls are queued. Every
//! call has a timeout (AbortController) and nothing is retried. The result is
//! shown with the same components as a pasted diagnosis, and is recomputed from
//! the recorded answers when the intents, WABA ID or app ID change.
//!
//! The module `state` holds a check, `transport` makes its calls and `view` draws it.

mod state;
mod transport;
mod view;

pub use state::{replay, LiveRun, RunAction};
pub use transport::csp_allows;
pub use view::{versions, LivePanel, LivePanelProps, DEFAULT_TIMEOUT_SECS, SUMMARY};
