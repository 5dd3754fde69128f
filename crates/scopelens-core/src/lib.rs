//! scopelens-core: reads what people paste after Meta's Graph API or the
//! WhatsApp Business Platform refuses them, and explains it.
//!
//! Pure Rust with no I/O, clock, web or wasm dependencies: the CLI, the web
//! app (through wasm) and the guide's widgets all call the same functions and
//! get the same answers. Time always comes in as a parameter (`now`, unix
//! seconds) so that every result is reproducible.
//!
//! Entry points:
//! - [`diagnose`]: text in, [`Diagnosis`] out (detected kind, verdict, findings).
//! - [`kb::recommend`]: the access-path wizard.
//! - [`kb::match_endpoint`]: which permission an API call needs.
//! - [`share::encode_share`] / [`share::decode_share`]: redacted share links.
#![forbid(unsafe_code)]

pub mod command_output;
pub mod diagnose;
pub mod elements;
pub(crate) mod escapes;
pub mod input;
pub mod kb;
pub mod live;
pub mod model;
mod names;
pub mod placeholder;
pub mod privacy;
pub mod render;
pub mod secrets;
pub mod share;
pub mod time;
pub mod triage;
pub mod units;

pub use diagnose::{
    diagnose, headline, retry_label, Context, Diagnosis, Finding, Severity, Verdict,
};
pub use model::InputKind;
pub use share::{decode_share, encode_share, ShareError, ShareState, SharedView, ViewKind};
