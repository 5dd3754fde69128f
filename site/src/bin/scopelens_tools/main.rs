//! The web app's tools module: the access path wizard, the error code
//! lookup, the endpoint check, log triage and the live check. A first visit
//! does not download it; `init.js` loads it the first time one of these is
//! opened (or once the page is idle) and calls [`mount_view`] and
//! [`unmount_view`] for a view, [`mount_part`], [`update_part`] and
//! [`unmount_part`] for the part of the diagnose view it shows (the live
//! check), and [`share_fragment`] and [`ticket_markdown`] for the diagnose
//! view's links and tickets. Each takes one request whose type
//! `scopelens_site::bridge` declares for both modules.
//!
//! Each view keeps its state here while the user visits other views, so
//! coming back shows what was there. A share link for a view replaces that.

use scopelens_core::share::{LookupState, TriageCounts, WizardState};
use scopelens_core::{ShareState, SharedView};
use scopelens_site::bridge::{
    from_js, to_js, Part as PartName, PartRequest, TicketRequest, ToolRequest,
};
use scopelens_site::{base_url, live_context, show_link, with_live_context, View, GUIDE_BASE};
use scopelens_ui::live_panel::LivePanelProps;
use scopelens_ui::{
    AccessWizard, DiagnoserState, EndpointCheck, ErrorLookup, LivePanel, SharePanel, TriageState,
    TriageView,
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
    shared: Option<SharedView>,
    state: ToolState,
}

/// A part of the diagnose view shown by this module.
enum Part {
    /// `on_change` tells the first module about context changes.
    Live {
        app: yew::AppHandle<LivePanel>,
        on_change: Callback<DiagnoserState>,
    },
}

thread_local! {
    static APP: RefCell<Option<yew::AppHandle<ToolApp>>> = const { RefCell::new(None) };
    static KEPT: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
    static PARTS: RefCell<Vec<(PartName, Part)>> = const { RefCell::new(Vec::new()) };
}

/// The state to show for a request: the kept one unless a different link
/// asks for another.
fn state_for(request: &ToolRequest) -> Option<ToolState> {
    let view = request.view;
    let shared = request.shared_view();
    let kept = KEPT.with_borrow(|kept| {
        kept.iter()
            .find(|k| k.state.view() == view && (shared.is_none() || k.shared.as_ref() == shared))
            .map(|k| k.state.clone())
    });
    kept.or_else(|| {
        let link = shared.cloned().unwrap_or_else(|| SharedView::fresh(view));
        let state = ToolState::from_shared(link)?;
        keep(shared.cloned(), state.clone());
        Some(state)
    })
}

fn keep(shared: Option<SharedView>, state: ToolState) {
    KEPT.with_borrow_mut(|kept| {
        kept.retain(|k| k.state.view() != state.view());
        kept.push(Kept { shared, state });
    });
}

#[derive(Properties, PartialEq)]
struct ToolAppProps {
    initial: ToolState,
    diagnosis: ShareState,
    /// The link view the view was opened with, kept alongside its state.
    shared: Option<SharedView>,
}

#[component]
fn ToolApp(props: &ToolAppProps) -> Html {
    let state = use_state(|| props.initial.clone());
    let set = {
        let state = state.clone();
        let shared = props.shared.clone();
        move |next: ToolState| {
            keep(shared.clone(), next.clone());
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

/// A request the first module made, or an error saying what was wrong.
fn request<T: for<'de> serde::Deserialize<'de>>(value: &JsValue) -> Result<T, JsError> {
    from_js(value).map_err(|e| JsError::new(&e))
}

/// Shows the tool view a `ToolRequest` asks for inside `root`, replacing
/// the one shown before.
#[wasm_bindgen]
pub fn mount_view(root: web_sys::Element, tool_request: JsValue) -> Result<(), JsError> {
    let tool_request: ToolRequest = request(&tool_request)?;
    let initial = state_for(&tool_request).ok_or_else(|| {
        JsError::new(&format!(
            "\"{}\" is not a view of the tools module",
            tool_request.view.id()
        ))
    })?;
    let shared = tool_request.shared_view().cloned();
    unmount_view();
    root.set_text_content(None);
    let props = ToolAppProps {
        initial,
        diagnosis: tool_request.diagnosis,
        shared,
    };
    let app = yew::Renderer::<ToolApp>::with_root_and_props(root, props).render();
    APP.with_borrow_mut(|slot| *slot = Some(app));
    Ok(())
}

/// Removes the tool view shown, if any; its state is kept for next time.
#[wasm_bindgen]
pub fn unmount_view() {
    if let Some(app) = APP.with_borrow_mut(Option::take) {
        app.destroy();
    }
}

fn live_props(context: ShareState, on_change: Callback<DiagnoserState>) -> LivePanelProps {
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

/// Shows the part of the diagnose view a `PartRequest` names inside
/// `root`: the live check (the body of its closed-by-default `<details>`),
/// which calls `listener` with its scope check (as `live_context` makes it)
/// when its own scope check changes it.
#[wasm_bindgen]
pub fn mount_part(
    root: web_sys::Element,
    part_request: JsValue,
    listener: Option<js_sys::Function>,
) -> Result<(), JsError> {
    let PartRequest {
        part: name, state, ..
    } = request(&part_request)?;
    unmount_part_named(name);
    root.set_text_content(None);
    let part = match name {
        PartName::Live => {
            let on_change = Callback::from(move |next: DiagnoserState| {
                if let Some(listener) = &listener {
                    let _ = listener.call1(&JsValue::NULL, &to_js(&live_context(&next)));
                }
            });
            let props = live_props(state, on_change.clone());
            let app = yew::Renderer::<LivePanel>::with_root_and_props(root, props).render();
            Part::Live { app, on_change }
        }
    };
    PARTS.with_borrow_mut(|parts| parts.push((name, part)));
    Ok(())
}

/// What a shown part shows changed (a `PartRequest`). The live check
/// re-reads the answers it has; nothing is sent.
#[wasm_bindgen]
pub fn update_part(part_request: JsValue) -> Result<(), JsError> {
    let PartRequest {
        part: name, state, ..
    } = request(&part_request)?;
    PARTS.with_borrow_mut(|parts| {
        for (_, part) in parts.iter_mut().filter(|(n, _)| *n == name) {
            match part {
                Part::Live { app, on_change } => {
                    app.update(live_props(state.clone(), on_change.clone()))
                }
            }
        }
    });
    Ok(())
}

/// The share link's fragment (without `#`) for a share state: "Copy link"
/// in the diagnose view, whose module does not carry the encoder.
#[wasm_bindgen]
pub fn share_fragment(state: JsValue) -> Result<String, JsError> {
    let state = scopelens_site::bridge::state_from_js(&state)
        .ok_or_else(|| JsError::new("the share state could not be read"))?;
    scopelens_core::encode_share(&state).map_err(|e| JsError::new(&e.to_string()))
}

/// "Copy as Markdown" in the diagnose view: the Markdown for a ticket
/// (a `TicketRequest`).
#[wasm_bindgen]
pub fn ticket_markdown(ticket_request: JsValue) -> Result<String, JsError> {
    let TicketRequest { state } = request(&ticket_request)?;
    let diagnosis = DiagnoserState::from_share(&state, scopelens_ui::util::now_unix()).diagnose();
    let fragment =
        scopelens_core::encode_share(&state).map_err(|e| JsError::new(&e.to_string()))?;
    show_link(fragment.clone());
    let link = format!("{}#{fragment}", base_url());
    Ok(scopelens_ui::share_panel::ticket_markdown(
        &diagnosis,
        &state,
        Some(&link),
    ))
}

/// Removes the part `name` ("live"), if shown (the live check's token goes
/// with it).
#[wasm_bindgen]
pub fn unmount_part(name: &str) {
    for part in [PartName::Live] {
        if part.id() == name {
            unmount_part_named(part);
        }
    }
}

fn unmount_part_named(name: PartName) {
    let gone: Vec<(PartName, Part)> = PARTS.with_borrow_mut(|parts| {
        let (gone, kept) = std::mem::take(parts)
            .into_iter()
            .partition(|(n, _)| *n == name);
        *parts = kept;
        gone
    });
    for (_, part) in gone {
        match part {
            Part::Live { app, .. } => app.destroy(),
        }
    }
}

fn main() {
    scopelens_ui::panic_hook::install("sl-fatal");
}
