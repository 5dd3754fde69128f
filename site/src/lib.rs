//! What the app's two wasm modules agree on: its views, and how the first
//! module hands a tool view to the second.
//!
//! The first module (`src/main.rs`) is all a first visit downloads: the
//! diagnose view and share links. The tool views (access path, error codes,
//! endpoint check, triage) and the opt-in live check live in a second module
//! (`src/bin/scopelens_tools/`) that `init.js` loads the first time one of
//! them is opened, and that also shows the share preview. The hand-off is a
//! plain function call through `window.scopelensTools` with strings only
//! (see [`ToolRequest`], [`live_context`] and [`state_json`]); both modules run in the same page, so nothing leaves
//! it. Both also use the page helpers below.
//!
//! Both modules run Yew, and the tools module's views sit inside the first
//! module's tree. Yew finds which of them handles an event by a tree number
//! each module counts from 1, so the tools module skips 1 when it starts
//! (its `main`); the first module must keep to its one tree (no portals).
#![forbid(unsafe_code)]

use scopelens_core::{ShareState, SharedView};
use scopelens_ui::DiagnoserState;

/// The views, in navigation order. The id is the URL fragment (`#wizard`)
/// and the view a share link carries.
pub use scopelens_core::ViewKind as View;

/// What the app shows of a view, beyond the name the core gives it.
pub trait ViewExt {
    fn title(&self) -> &'static str;
    /// Whether the view lives in the lazily loaded tools module.
    fn is_tool(&self) -> bool;
}

impl ViewExt for View {
    fn title(&self) -> &'static str {
        match self {
            View::Diagnose => "Diagnose",
            View::Wizard => "Access path",
            View::Lookup => "Error codes",
            View::Endpoint => "Endpoint check",
            View::Triage => "Triage",
        }
    }

    fn is_tool(&self) -> bool {
        *self != View::Diagnose
    }
}

/// Where the guide lives, relative to the site.
pub const GUIDE_BASE: &str = "./guide/";

/// The tools module's glue and wasm (Trunk `data-type="worker"` builds have
/// fixed names); the version keeps caches from mixing two releases.
pub const TOOLS_SCRIPT: &str = concat!("./scopelens_tools.js?v=", env!("CARGO_PKG_VERSION"));
pub const TOOLS_WASM: &str = concat!("./scopelens_tools_bg.wasm?v=", env!("CARGO_PKG_VERSION"));

/// The parts of the diagnose view the tools module shows (`mount_part`):
/// the live check's panel and the share preview.
pub const LIVE_PART: &str = "live";
pub const SHARE_PART: &str = "share";

/// The browser window: both modules run only in one.
pub fn window() -> web_sys::Window {
    web_sys::window().expect("scopelens runs in a browser window")
}

/// The page address without its fragment, for share links.
pub fn base_url() -> String {
    let href = window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// The user asked for a share link: show it in the address bar too. Replaces
/// the history entry (no `hashchange`, so the page does not reload state).
pub fn show_link(fragment: String) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{fragment}")),
        );
    }
}

/// What the first module passes when it opens a tool view.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ToolRequest {
    /// `View::id` of a tool view.
    pub view: String,
    /// The view and its state from the share link the page was opened with,
    /// as `SharedView` JSON, or empty to keep whatever the view last showed.
    pub shared: String,
    /// The diagnose view's state as JSON (`ShareState`, not redacted: it
    /// stays in the page). The endpoint check reads the granted scopes from
    /// it, and its share links carry it as the diagnose view's do.
    pub diagnosis: String,
}

impl ToolRequest {
    pub fn new(view: View, shared: Option<&SharedView>, diagnosis: &ShareState) -> ToolRequest {
        ToolRequest {
            view: view.id().to_string(),
            shared: shared
                .and_then(|v| serde_json::to_string(v).ok())
                .unwrap_or_default(),
            // Only the endpoint check reads it; the others skip the copy.
            diagnosis: if view == View::Endpoint {
                state_json(diagnosis)
            } else {
                String::new()
            },
        }
    }

    /// The view from the share link, if one was passed and it is this view.
    pub fn shared_view(&self) -> Option<SharedView> {
        let view = serde_json::from_str::<SharedView>(&self.shared).ok()?;
        (view.kind().id() == self.view).then_some(view)
    }

    /// The diagnose view's state, or an empty one when none was passed or
    /// it cannot be read.
    pub fn diagnosis(&self) -> ShareState {
        read_state(&self.diagnosis).unwrap_or_default()
    }
}

/// What the live check shares with the diagnose view: the intents, WABA ID
/// and app ID of the scope check, which it reads and its own scope check can
/// change. It crosses between the modules as `ShareState` JSON without the
/// paste, which the live check never needs. The IDs go as typed, so that
/// the two boxes showing them stay in step while the user types.
pub fn live_context(diag: &DiagnoserState) -> String {
    state_json(&ShareState {
        intents: diag.intents.clone(),
        waba_id: Some(diag.waba_id.to_string()),
        app_id: Some(diag.app_id.to_string()),
        ..ShareState::default()
    })
}

/// `diag` with the context [`live_context`] wrote; unchanged if `json`
/// cannot be read.
pub fn with_live_context(diag: &DiagnoserState, json: &str) -> DiagnoserState {
    match read_state(json) {
        Some(context) => DiagnoserState {
            intents: context.intents,
            waba_id: context.waba_id.unwrap_or_default().into(),
            app_id: context.app_id.unwrap_or_default().into(),
            ..diag.clone()
        },
        None => diag.clone(),
    }
}

/// A share state as the JSON the two modules pass each other (the share
/// preview's content, a tool view's diagnosis, the live check's context).
pub fn state_json(state: &ShareState) -> String {
    serde_json::to_string(state).unwrap_or_default()
}

/// The share state [`state_json`] wrote, if `json` is one.
pub fn read_state(json: &str) -> Option<ShareState> {
    ShareState::from_json(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_ids_round_trip_and_only_diagnose_is_in_the_first_module() {
        for v in View::ALL {
            assert_eq!(View::from_id(v.id()), Some(v));
            assert_eq!(v.is_tool(), v != View::Diagnose);
        }
        assert_eq!(View::from_id("v1=abc"), None);
    }

    #[test]
    fn a_tool_view_gets_its_state_from_the_link_only_if_it_is_that_view() {
        let lookup = SharedView::Lookup(scopelens_core::share::LookupState {
            query: "190".into(),
            ..Default::default()
        });
        let request = ToolRequest::new(View::Lookup, Some(&lookup), &ShareState::default());
        assert_eq!(request.shared_view(), Some(lookup.clone()));
        let other = ToolRequest::new(View::Wizard, Some(&lookup), &ShareState::default());
        assert_eq!(other.shared_view(), None);
        assert_eq!(
            ToolRequest::new(View::Wizard, None, &ShareState::default()).shared,
            ""
        );
    }

    #[test]
    fn only_the_endpoint_check_gets_the_diagnosis() {
        let diag = ShareState {
            input: "{\"error\":{\"code\":10}}".into(),
            ..ShareState::default()
        };
        let request = SharedView::Endpoint("GET /me".into());
        let endpoint = ToolRequest::new(View::Endpoint, Some(&request), &diag);
        assert_eq!(endpoint.diagnosis(), diag);
        assert_eq!(endpoint.shared_view(), Some(request));
        let wizard = ToolRequest::new(View::Wizard, None, &diag);
        assert!(wizard.diagnosis.is_empty());
        assert_eq!(wizard.diagnosis(), ShareState::default());
    }

    #[test]
    fn the_live_context_carries_the_scope_check_and_never_the_paste() {
        use scopelens_core::kb::IntentId;
        let diag = DiagnoserState {
            input: "{\"data\":{\"app_id\":\"1\"}} EAAB1234567890abcdefghij".into(),
            intents: vec![IntentId::SendMessages],
            waba_id: " 1029 ".into(),
            app_id: "".into(),
            now: 1_760_000_000,
            ..DiagnoserState::default()
        };
        let json = live_context(&diag);
        assert!(!json.contains("EAAB") && !json.contains("data"), "{json}");
        let other = DiagnoserState {
            input: "kept".into(),
            ..DiagnoserState::default()
        };
        let merged = with_live_context(&other, &json);
        assert_eq!(merged.input, "kept");
        assert_eq!(merged.intents, diag.intents);
        assert_eq!(merged.waba_id, " 1029 ", "typed text is kept as typed");
        assert_eq!(merged.app_id, "");
        assert_eq!(with_live_context(&other, "not json"), other);
    }

    #[test]
    fn tool_files_carry_the_release_version() {
        assert!(TOOLS_SCRIPT.ends_with(env!("CARGO_PKG_VERSION")));
        assert!(TOOLS_WASM.contains("_bg.wasm?v="));
    }
}
