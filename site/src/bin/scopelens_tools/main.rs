//! The web app's tools module: the access path wizard, the error code
//! lookup, the endpoint check, log triage and the live check. A first visit
//! does not download it; `init.js` loads it the first time one of these is
//! opened and calls [`mount`] and [`unmount`] for a view (see
//! `scopelens_site`'s `ToolRequest` for what the first module passes), or
//! [`mount_part`], [`update_part`] and [`unmount_part`] for the two parts of
//! the diagnose view it shows: the live check and the share preview.
//!
//! Each view keeps its state here while the user visits other views, so
//! coming back shows what was there. A share link for a view replaces that.

use scopelens_core::share::{LookupState, TriageCounts, WizardState};
use scopelens_core::{ShareState, SharedView};
use scopelens_site::{
    base_url, live_context, read_state, show_link, with_live_context, ToolRequest, View,
    GUIDE_BASE, LIVE_PART, SHARE_PART,
};
use scopelens_ui::live_panel::LivePanelProps;
use scopelens_ui::share_panel::SharePreviewProps;
use scopelens_ui::{
    AccessWizard, DiagnoserState, EndpointCheck, ErrorLookup, LivePanel, SharePanel, SharePreview,
    TriageState, TriageView,
};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

/// The triage view's Web Worker loader (site/triage-worker.js), fetched only
/// when a log is read; the version keeps caches from mixing releases.
const TRIAGE_WORKER: &str = concat!("./triage-worker.js?v=", env!("CARGO_PKG_VERSION"));

/// One tool view's state.
#[derive(Debug, Clone, PartialEq)]
enum ToolState {
    Wizard(WizardState),
    Lookup(LookupState),
    Endpoint(String),
    Triage(TriageState),
}

impl ToolState {
    /// The state a share link's view describes.
    fn from_shared(view: SharedView) -> Option<ToolState> {
        Some(match view {
            SharedView::Diagnose => return None,
            SharedView::Wizard(w) => ToolState::Wizard(w),
            SharedView::Lookup(l) => ToolState::Lookup(l),
            SharedView::Endpoint(request) => ToolState::Endpoint(request),
            SharedView::Triage(counts) => ToolState::Triage(TriageState::from_extra(&counts.0)),
        })
    }

    fn view(&self) -> View {
        match self {
            ToolState::Wizard(_) => View::Wizard,
            ToolState::Lookup(_) => View::Lookup,
            ToolState::Endpoint(_) => View::Endpoint,
            ToolState::Triage(_) => View::Triage,
        }
    }

    /// What a share link from this view carries. The endpoint check carries
    /// the diagnose view's paste too, since its verdict depends on it; the
    /// others carry only their own state (triage: keys and counts, never a
    /// line of the log).
    fn share(&self, diagnosis: &ShareState) -> ShareState {
        let (view, base) = match self {
            ToolState::Wizard(w) => (SharedView::Wizard(w.clone()), ShareState::default()),
            ToolState::Lookup(l) => (SharedView::Lookup(l.clone()), ShareState::default()),
            ToolState::Triage(t) => (
                SharedView::Triage(TriageCounts(t.to_extra())),
                ShareState::default(),
            ),
            ToolState::Endpoint(e) => (SharedView::Endpoint(e.clone()), diagnosis.clone()),
        };
        ShareState {
            view: Some(view),
            ..base
        }
    }
}

/// A view's state and the link view (`shared`) it started from, so that
/// mounting it again with the same link keeps the user's changes.
struct Kept {
    shared: String,
    state: ToolState,
}

/// A part of the diagnose view shown by this module, by its name there.
enum Part {
    /// `LIVE_PART`; `on_change` tells the first module about context changes.
    Live {
        app: yew::AppHandle<LivePanel>,
        on_change: Callback<DiagnoserState>,
    },
    /// `SHARE_PART`.
    Share(yew::AppHandle<SharePreview>),
}

thread_local! {
    static APP: RefCell<Option<yew::AppHandle<ToolApp>>> = const { RefCell::new(None) };
    static KEPT: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
    static PARTS: RefCell<Vec<(String, Part)>> = const { RefCell::new(Vec::new()) };
}

/// The state to show for a request: the kept one unless a different link
/// asks for another.
fn state_for(view: View, request: &ToolRequest) -> Option<ToolState> {
    let shared = request.shared.as_str();
    let kept = KEPT.with_borrow(|kept| {
        kept.iter()
            .find(|k| k.state.view() == view && (shared.is_empty() || k.shared == shared))
            .map(|k| k.state.clone())
    });
    kept.or_else(|| {
        let link = request
            .shared_view()
            .unwrap_or_else(|| SharedView::fresh(view));
        let state = ToolState::from_shared(link)?;
        keep(shared, state.clone());
        Some(state)
    })
}

fn keep(shared: &str, state: ToolState) {
    KEPT.with_borrow_mut(|kept| {
        kept.retain(|k| k.state.view() != state.view());
        kept.push(Kept {
            shared: shared.to_string(),
            state,
        });
    });
}

#[derive(Properties, PartialEq)]
struct ToolAppProps {
    initial: ToolState,
    diagnosis: ShareState,
    /// The link view the view was opened with, kept alongside its state.
    shared: AttrValue,
}

#[component]
fn ToolApp(props: &ToolAppProps) -> Html {
    let state = use_state(|| props.initial.clone());
    let set = {
        let state = state.clone();
        let shared = props.shared.clone();
        move |next: ToolState| {
            keep(&shared, next.clone());
            state.set(next);
        }
    };
    let guide = AttrValue::from(GUIDE_BASE);
    let body = match &*state {
        ToolState::Wizard(w) => {
            let on_change = Callback::from(move |w| set(ToolState::Wizard(w)));
            html! { <AccessWizard state={w.clone()} {on_change} guide_base={guide} /> }
        }
        ToolState::Lookup(l) => {
            let on_change = Callback::from(move |l| set(ToolState::Lookup(l)));
            html! { <ErrorLookup state={l.clone()} {on_change} guide_base={guide} /> }
        }
        ToolState::Endpoint(request) => {
            let on_request = Callback::from(move |r| set(ToolState::Endpoint(r)));
            let diag = DiagnoserState::from_share(&props.diagnosis, scopelens_ui::util::now_unix());
            let granted = scopelens_ui::diagnoser::granted_scopes(&diag.diagnose());
            html! { <EndpointCheck request={AttrValue::from(request.clone())} {on_request} {granted} /> }
        }
        ToolState::Triage(t) => {
            let on_change = Callback::from(move |t| set(ToolState::Triage(t)));
            html! { <TriageView state={t.clone()} {on_change} worker_url={TRIAGE_WORKER} guide_base={guide} /> }
        }
    };
    // A triage share link says nothing until a log has been read.
    let shareable = !matches!(&*state, ToolState::Triage(t) if t.summary.is_none());
    html! {
        <>
            { body }
            if shareable {
                <SharePanel state={state.share(&props.diagnosis)} base_url={AttrValue::from(base_url())} on_share={Callback::from(show_link)} />
            }
        </>
    }
}

/// Shows the tool view `view` inside `root`, replacing the one shown before.
/// `shared` is the view from a share link as `SharedView` JSON (empty:
/// keep its last state); `diagnosis` the diagnose view's state as JSON (see `ToolRequest`).
#[wasm_bindgen]
pub fn mount(
    root: web_sys::Element,
    view: &str,
    shared: &str,
    diagnosis: &str,
) -> Result<(), JsError> {
    let request = ToolRequest {
        view: view.to_string(),
        shared: shared.to_string(),
        diagnosis: diagnosis.to_string(),
    };
    let initial = View::from_id(view)
        .and_then(|v| state_for(v, &request))
        .ok_or_else(|| JsError::new(&format!("\"{view}\" is not a view of the tools module")))?;
    unmount();
    root.set_text_content(None);
    let props = ToolAppProps {
        initial,
        diagnosis: request.diagnosis(),
        shared: AttrValue::from(request.shared),
    };
    let app = yew::Renderer::<ToolApp>::with_root_and_props(root, props).render();
    APP.with_borrow_mut(|slot| *slot = Some(app));
    Ok(())
}

/// Removes the tool view shown, if any; its state is kept for next time.
#[wasm_bindgen]
pub fn unmount() {
    if let Some(app) = APP.with_borrow_mut(Option::take) {
        app.destroy();
    }
}

fn live_props(context: &str, on_change: Callback<DiagnoserState>) -> LivePanelProps {
    let blank = DiagnoserState {
        now: scopelens_ui::util::now_unix(),
        ..DiagnoserState::default()
    };
    LivePanelProps {
        state: with_live_context(&blank, context),
        on_change,
        guide_base: AttrValue::from(GUIDE_BASE),
        share_base_url: Some(AttrValue::from(base_url())),
        on_share: Callback::from(show_link),
        graph_url: AttrValue::Static(scopelens_core::live::GRAPH_URL),
    }
}

fn share_props(state: &str) -> SharePreviewProps {
    SharePreviewProps {
        state: read_state(state).unwrap_or_default(),
        base_url: AttrValue::from(base_url()),
        on_share: Callback::from(show_link),
    }
}

/// Shows the part `name` of the diagnose view inside `root`:
/// - `LIVE_PART`, the live check (the body of its closed-by-default
///   `<details>`): `props` is the scope check as `live_context` writes it,
///   and `listener` is called with the same form when the live result's
///   scope check changes it;
/// - `SHARE_PART`, the share preview: `props` is the share state as
///   `state_json` writes it.
#[wasm_bindgen]
pub fn mount_part(
    name: &str,
    root: web_sys::Element,
    props: &str,
    listener: Option<js_sys::Function>,
) -> Result<(), JsError> {
    unmount_part(name);
    let part = match name {
        LIVE_PART => {
            let on_change = Callback::from(move |next: DiagnoserState| {
                if let Some(listener) = &listener {
                    let context = JsValue::from_str(&live_context(&next));
                    let _ = listener.call1(&JsValue::NULL, &context);
                }
            });
            root.set_text_content(None);
            let props = live_props(props, on_change.clone());
            let app = yew::Renderer::<LivePanel>::with_root_and_props(root, props).render();
            Part::Live { app, on_change }
        }
        SHARE_PART => {
            root.set_text_content(None);
            let app = yew::Renderer::<SharePreview>::with_root_and_props(root, share_props(props));
            Part::Share(app.render())
        }
        _ => {
            return Err(JsError::new(&format!(
                "\"{name}\" is not a part the tools module shows"
            )))
        }
    };
    PARTS.with_borrow_mut(|parts| parts.push((name.to_string(), part)));
    Ok(())
}

/// What the part `name` shows changed (`props` as for [`mount_part`]). The
/// live check re-reads the answers it has; nothing is sent.
#[wasm_bindgen]
pub fn update_part(name: &str, props: &str) {
    PARTS.with_borrow_mut(|parts| {
        for (_, part) in parts.iter_mut().filter(|(n, _)| n == name) {
            match part {
                Part::Live { app, on_change } => app.update(live_props(props, on_change.clone())),
                Part::Share(app) => app.update(share_props(props)),
            }
        }
    });
}

/// The share link's fragment (without `#`) for the share state `state`
/// (as `state_json` writes it): "Copy link" and "Copy as Markdown" in the
/// diagnose view, whose module does not carry the encoder.
#[wasm_bindgen]
pub fn share_fragment(state: &str) -> Result<String, JsError> {
    let state =
        read_state(state).ok_or_else(|| JsError::new("the share state could not be read"))?;
    scopelens_core::encode_share(&state).map_err(|e| JsError::new(&e.to_string()))
}

/// "Copy as Markdown" in the diagnose view: the Markdown for a ticket about
/// the share state `state` (as `state_json` writes it), with `link`, or
/// with a new link (then shown in the address bar) when `link` is empty.
#[wasm_bindgen]
pub fn ticket_markdown(state: &str, link: &str) -> Result<String, JsError> {
    let state =
        read_state(state).ok_or_else(|| JsError::new("the share state could not be read"))?;
    let diagnosis = DiagnoserState::from_share(&state, scopelens_ui::util::now_unix()).diagnose();
    let link = if link.is_empty() {
        let fragment =
            scopelens_core::encode_share(&state).map_err(|e| JsError::new(&e.to_string()))?;
        show_link(fragment.clone());
        format!("{}#{fragment}", base_url())
    } else {
        link.to_string()
    };
    Ok(scopelens_ui::share_panel::ticket_markdown(
        &diagnosis,
        &state,
        Some(&link),
    ))
}

/// Removes the part `name`, if shown (the live check's token goes with it).
#[wasm_bindgen]
pub fn unmount_part(name: &str) {
    let gone: Vec<(String, Part)> = PARTS.with_borrow_mut(|parts| {
        let (gone, kept) = std::mem::take(parts)
            .into_iter()
            .partition(|(n, _)| n == name);
        *parts = kept;
        gone
    });
    for (_, part) in gone {
        match part {
            Part::Live { app, .. } => app.destroy(),
            Part::Share(app) => app.destroy(),
        }
    }
}

fn main() {
    scopelens_ui::panic_hook::install("sl-fatal");
    skip_the_first_modules_tree_number();
}

#[component]
fn Nothing() -> Html {
    Html::default()
}

/// Yew numbers the DOM trees it renders from 1 in each wasm module, marks
/// elements with that number, and hands each event to the module whose
/// number is on the nearest marked element. The first module's app is tree
/// 1 and encloses every view this module mounts, so if this module's first
/// tree were also 1, the first module would take that view's events for its
/// own and run its own handlers on them (a typed timeout was undone that
/// way). A throwaway tree takes number 1 here, so this module's views are 2
/// and up.
fn skip_the_first_modules_tree_number() {
    let scratch = scopelens_site::window()
        .document()
        .expect("the page has a document")
        .create_element("div");
    if let Ok(scratch) = scratch {
        yew::Renderer::<Nothing>::with_root(scratch)
            .render()
            .destroy();
    }
}
