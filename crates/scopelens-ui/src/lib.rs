//! scopelens-ui: Yew components that show what scopelens-core finds.
//!
//! One job: turn core results into accessible HTML. Every component takes
//! what it needs as props and reports changes through `Callback`s. There is
//! no routing, no global state, no storage and no use of `window.location`,
//! so the web app (`site/`) and the guide's widgets can mount the same
//! components anywhere. The core is called directly (no JSON through JS).
//!
//! Safety rules kept throughout:
//! - Pasted text is only ever rendered as text nodes or attribute values,
//!   never as HTML (there is no `from_html_unchecked` in this crate).
//! - Only knowledge-base URLs (`&'static str`, `https://…`) become links;
//!   anything that came from the paste stays text.
//! - No inline `style` attributes: the site's CSP has no `'unsafe-inline'`.
#![forbid(unsafe_code)]

pub mod access_wizard;
pub mod bar_chart;
pub mod copy;
pub mod diagnoser;
pub mod diagnoser_state;
pub mod diagnosis_view;
pub mod endpoint_check;
pub mod error_lookup;
pub mod examples;
pub mod finding_list;
pub mod input_box;
pub mod live_panel;
pub mod panic_hook;
pub mod payload_table;
pub mod scope_matrix;
pub mod share_panel;
pub mod token_timeline;
pub mod triage_data;
pub mod triage_job;
pub mod triage_view;
pub mod util;
pub mod verdict_banner;

pub use access_wizard::{AccessWizard, WizardState};
pub use copy::CopyButton;
pub use diagnoser::{Diagnoser, DiagnoserState};
pub use diagnosis_view::{DiagnosisView, ResultView, TopFinding};
pub use endpoint_check::EndpointCheck;
pub use error_lookup::{ErrorLookup, LookupState};
pub use examples::{Example, EXAMPLES};
pub use finding_list::FindingList;
pub use input_box::InputBox;
pub use live_panel::LivePanel;
pub use payload_table::PayloadTable;
pub use scope_matrix::ScopeMatrix;
pub use share_panel::{ShareButtons, SharePanel, SharePreview};
pub use token_timeline::TokenTimeline;
pub use triage_data::{GroupKind, TriageState};
pub use triage_view::TriageView;
pub use verdict_banner::VerdictBanner;
