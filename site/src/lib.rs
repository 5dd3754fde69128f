//! What the app's two wasm modules agree on: its views, and how the first
//! module hands a tool view to the second.
//!
//! The first module (`src/main.rs`) is all a first visit downloads: the
//! diagnose view and share links. The tool views (access path, error codes,
//! endpoint check, triage) and the opt-in live check live in a second module
//! (`src/bin/scopelens_tools/`) that `init.js` loads the first time one of
//! them is opened, and that also makes share links and tickets. The hand-off is a
//! function call through `window.scopelensTools` with one typed request
//! (see [`bridge`]); both modules run in the same page, so nothing leaves
//! it. Both also use the page helpers below.
//!
//! Both modules run Yew, and each renders only inside its own root
//! elements, which never nest: the tool views go in the page's
//! `main.tool-host` and the live check in `details.live-check`, both
//! outside the first module's `#app`. Each Yew then sees only its own
//! events: Yew tells its trees apart by numbers that each module counts
//! from 1, so a root of one module inside the other's would take events
//! that are not its own.
#![forbid(unsafe_code)]

use scopelens_core::ShareState;
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

/// What the first module asks of the tools module. Every request crosses
/// `window.scopelensTools` (site/init.js, which loads the module) as one JS
/// object with named fields, written here by [`to_js`] and read there by
/// [`from_js`]: both sides compile these same types.
pub mod bridge {
    use super::View;
    use scopelens_core::{ShareState, SharedView};
    use serde::{Deserialize, Deserializer, Serialize};
    use wasm_bindgen::prelude::*;

    /// Opens the tool view `view` (`View::is_tool`).
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct ToolRequest {
        pub view: View,
        /// The view and its state from the share link the page was opened
        /// with, or none to keep whatever the view last showed.
        pub shared: Option<SharedView>,
        /// The diagnose view's state (not redacted: it stays in the page).
        /// The endpoint check reads the granted scopes from it, and its
        /// share links carry it as the diagnose view's do; the other views
        /// get an empty one.
        #[serde(deserialize_with = "share_state")]
        pub diagnosis: ShareState,
    }

    impl ToolRequest {
        pub fn new(view: View, shared: Option<&SharedView>, diagnosis: &ShareState) -> ToolRequest {
            ToolRequest {
                view,
                shared: shared.cloned(),
                diagnosis: if view == View::Endpoint {
                    diagnosis.clone()
                } else {
                    ShareState::default()
                },
            }
        }

        /// The view from the share link, if one was passed and it is this view.
        pub fn shared_view(&self) -> Option<&SharedView> {
            self.shared.as_ref().filter(|v| v.kind() == self.view)
        }
    }

    /// The parts of the diagnose view the tools module shows.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "lowercase")]
    pub enum Part {
        /// The live check's panel (the body of its closed-by-default
        /// `<details>`).
        Live,
    }

    impl Part {
        pub fn id(self) -> &'static str {
            match self {
                Part::Live => "live",
            }
        }

        /// The part in a sentence ("… could not load").
        pub fn label(self) -> &'static str {
            match self {
                Part::Live => "The live check",
            }
        }
    }

    /// Shows or updates a part. For `Part::Live`, `state` is the scope
    /// check ([`super::live_context`]), which the part reports back in the
    /// same form when its own scope check changes it.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct PartRequest {
        pub part: Part,
        /// `Part::label`, for the loader's messages.
        pub label: String,
        #[serde(deserialize_with = "share_state")]
        pub state: ShareState,
    }

    impl PartRequest {
        pub fn new(part: Part, state: ShareState) -> PartRequest {
            PartRequest {
                part,
                label: part.label().to_string(),
                state,
            }
        }
    }

    /// "Copy as Markdown": the ticket for `state`, with a new link to it
    /// (then shown in the address bar).
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct TicketRequest {
        #[serde(deserialize_with = "share_state")]
        pub state: ShareState,
    }

    /// `ShareState` has its own reader (`ShareState::from_json`), kept
    /// rather than derived so the first module carries one JSON reader.
    fn share_state<'de, D: Deserializer<'de>>(d: D) -> Result<ShareState, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        ShareState::from_json(&value.to_string())
            .ok_or_else(|| serde::de::Error::custom("not a share state"))
    }

    /// `value` as a plain JS object (through JSON, whose writer the first
    /// module already carries).
    pub fn to_js<T: Serialize>(value: &T) -> JsValue {
        serde_json::to_string(value)
            .ok()
            .and_then(|json| js_sys::JSON::parse(&json).ok())
            .unwrap_or(JsValue::NULL)
    }

    /// The request `value` describes, or an error that says what was wrong.
    pub fn from_js<T: for<'de> Deserialize<'de>>(value: &JsValue) -> Result<T, String> {
        let json = js_sys::JSON::stringify(value)
            .ok()
            .and_then(|text| text.as_string())
            .ok_or("the request is not an object")?;
        serde_json::from_str(&json).map_err(|e| format!("the request could not be read: {e}"))
    }

    /// The share state in a part's report (see [`PartRequest`]).
    pub fn state_from_js(value: &JsValue) -> Option<ShareState> {
        let json = js_sys::JSON::stringify(value).ok()?.as_string()?;
        ShareState::from_json(&json)
    }

    /// One request to the tools module, by what it asks (`ask` in JS).
    #[derive(Serialize)]
    #[serde(tag = "ask", rename_all = "camelCase")]
    pub(crate) enum Ask<'a> {
        Start { glue: &'a str, wasm: &'a str },
        ShowView(&'a ToolRequest),
        HideView,
        ShowPart(&'a PartRequest),
        UpdatePart(&'a PartRequest),
        HidePart { part: Part },
        ShareFragment { state: &'a ShareState },
        TicketMarkdown(&'a TicketRequest),
    }

    #[wasm_bindgen]
    extern "C" {
        /// init.js's `scopelensTools.ask`: loads the tools module when a
        /// request needs it and passes the request on. `root` is the element
        /// a view or part goes in, `listener` hears what a part reports.
        #[wasm_bindgen(catch, js_namespace = scopelensTools, js_name = ask)]
        fn ask_js(request: JsValue, root: &JsValue, listener: &JsValue)
            -> Result<JsValue, JsValue>;
    }

    fn ask(request: &Ask, root: &JsValue, listener: &JsValue) -> Result<JsValue, JsValue> {
        ask_js(to_js(request), root, listener)
    }

    fn ask_plain(request: &Ask) -> Result<(), JsValue> {
        ask(request, &JsValue::UNDEFINED, &JsValue::UNDEFINED).map(drop)
    }

    /// Where the tools module's files are; init.js fetches them once the
    /// page is idle.
    pub fn start(glue: &str, wasm: &str) -> Result<(), JsValue> {
        ask_plain(&Ask::Start { glue, wasm })
    }

    /// Shows the tool view `request` asks for in `root`, loading the module
    /// first if need be (init.js says so in `root` meanwhile, or on failure).
    pub fn show_view(root: &web_sys::Element, request: &ToolRequest) -> Result<(), JsValue> {
        ask(&Ask::ShowView(request), root, &JsValue::UNDEFINED).map(drop)
    }

    /// Removes the tool view shown; synchronous.
    pub fn hide_view() -> Result<(), JsValue> {
        ask_plain(&Ask::HideView)
    }

    /// Shows a part in `root`; `listener` hears what it reports.
    pub fn show_part(
        root: &web_sys::Element,
        request: &PartRequest,
        listener: &JsValue,
    ) -> Result<(), JsValue> {
        ask(&Ask::ShowPart(request), root, listener).map(drop)
    }

    /// What a shown part shows changed; nothing happens before it is shown.
    pub fn update_part(request: &PartRequest) -> Result<(), JsValue> {
        ask_plain(&Ask::UpdatePart(request))
    }

    pub fn hide_part(part: Part) -> Result<(), JsValue> {
        ask_plain(&Ask::HidePart { part })
    }

    /// A promise of the share link's fragment (without `#`) for `state`.
    pub fn share_fragment(state: &ShareState) -> Result<js_sys::Promise, JsValue> {
        use wasm_bindgen::JsCast;
        let answer = ask_plain_answer(&Ask::ShareFragment { state })?;
        Ok(answer.unchecked_into())
    }

    /// A promise of the Markdown for a ticket.
    pub fn ticket_markdown(request: &TicketRequest) -> Result<js_sys::Promise, JsValue> {
        use wasm_bindgen::JsCast;
        let answer = ask_plain_answer(&Ask::TicketMarkdown(request))?;
        Ok(answer.unchecked_into())
    }

    fn ask_plain_answer(request: &Ask) -> Result<JsValue, JsValue> {
        ask(request, &JsValue::UNDEFINED, &JsValue::UNDEFINED)
    }
}

/// What the live check shares with the diagnose view: the intents, WABA ID
/// and app ID of the scope check, which it reads and its own scope check can
/// change, as a share state without the paste, which the live check never
/// needs. The IDs go as typed, so that the two boxes showing them stay in
/// step while the user types.
pub fn live_context(diag: &DiagnoserState) -> ShareState {
    ShareState {
        intents: diag.intents.clone(),
        waba_id: Some(diag.waba_id.to_string()),
        app_id: Some(diag.app_id.to_string()),
        ..ShareState::default()
    }
}

/// `diag` with the context [`live_context`] wrote.
pub fn with_live_context(diag: &DiagnoserState, context: ShareState) -> DiagnoserState {
    DiagnoserState {
        intents: context.intents,
        waba_id: context.waba_id.unwrap_or_default().into(),
        app_id: context.app_id.unwrap_or_default().into(),
        ..diag.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scopelens_core::SharedView;

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
        let request = bridge::ToolRequest::new(View::Lookup, Some(&lookup), &ShareState::default());
        assert_eq!(request.shared_view(), Some(&lookup));
        let other = bridge::ToolRequest::new(View::Wizard, Some(&lookup), &ShareState::default());
        assert_eq!(other.shared_view(), None);
    }

    #[test]
    fn only_the_endpoint_check_gets_the_diagnosis() {
        let diag = ShareState {
            input: "{\"error\":{\"code\":10}}".into(),
            ..ShareState::default()
        };
        let request = SharedView::Endpoint("GET /me".into());
        let endpoint = bridge::ToolRequest::new(View::Endpoint, Some(&request), &diag);
        assert_eq!(endpoint.diagnosis, diag);
        assert_eq!(endpoint.shared_view(), Some(&request));
        let wizard = bridge::ToolRequest::new(View::Wizard, None, &diag);
        assert_eq!(wizard.diagnosis, ShareState::default());
    }

    #[test]
    fn requests_read_back_as_they_were_written() {
        // What init.js dispatches on: the request's `ask`, beside its fields.
        let json = serde_json::to_string(&bridge::Ask::HidePart {
            part: bridge::Part::Live,
        })
        .unwrap();
        assert_eq!(json, r#"{"ask":"hidePart","part":"live"}"#);
        let diag = ShareState {
            input: "{\"error\":{\"code\":10}}".into(),
            waba_id: Some("1029".into()),
            ..ShareState::default()
        };
        let link = SharedView::Endpoint("GET /me".into());
        let request = bridge::ToolRequest::new(View::Endpoint, Some(&link), &diag);
        let json = serde_json::to_string(&request).unwrap();
        assert!(json.contains("\"view\":\"endpoint\""), "{json}");
        let back: bridge::ToolRequest = serde_json::from_str(&json).unwrap();
        assert_eq!(back, request);
        let part = bridge::PartRequest::new(bridge::Part::Live, diag.clone());
        let back: bridge::PartRequest =
            serde_json::from_str(&serde_json::to_string(&part).unwrap()).unwrap();
        assert_eq!(back, part);
        let wrong = r#"{"view":"nowhere","shared":null,"diagnosis":{}}"#;
        assert!(serde_json::from_str::<bridge::ToolRequest>(wrong).is_err());
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
        let context = live_context(&diag);
        let json = serde_json::to_string(&context).unwrap();
        assert!(!json.contains("EAAB") && !json.contains("data"), "{json}");
        let other = DiagnoserState {
            input: "kept".into(),
            ..DiagnoserState::default()
        };
        let merged = with_live_context(&other, context);
        assert_eq!(merged.input, "kept");
        assert_eq!(merged.intents, diag.intents);
        assert_eq!(merged.waba_id, " 1029 ", "typed text is kept as typed");
        assert_eq!(merged.app_id, "");
    }

    #[test]
    fn tool_files_carry_the_release_version() {
        assert!(TOOLS_SCRIPT.ends_with(env!("CARGO_PKG_VERSION")));
        assert!(TOOLS_WASM.contains("_bg.wasm?v="));
    }
}
