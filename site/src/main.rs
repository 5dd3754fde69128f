//! The scopelens web app: five views (diagnose, wizard, lookup, endpoint, triage)
//! over the components of `scopelens-ui`, routed by the URL fragment only.
//!
//! Share links (`#v1=…`) are read once on load (and when a new one is
//! pasted into the address bar). Nothing is written to the URL until the
//! user makes a share link; pasted text never goes there on its own. No
//! storage, no cookies, no network requests: everything runs in the page,
//! except the opt-in live check (`LivePanel`), which calls the Graph API only.

use scopelens_core::{decode_share, ShareState};
use scopelens_ui::util::now_unix;
use scopelens_ui::{
    AccessWizard, Diagnoser, DiagnoserState, EndpointCheck, ErrorLookup, LookupState, SharePanel,
    TriageState, TriageView, WizardState,
};
use std::rc::Rc;
use yew::prelude::*;

/// Where the guide lives, relative to the site.
const GUIDE_BASE: &str = "./guide/";

/// The triage view's Web Worker loader (site/triage-worker.js), fetched only
/// when a log is read; the version keeps caches from mixing releases.
const TRIAGE_WORKER: &str = concat!("./triage-worker.js?v=", env!("CARGO_PKG_VERSION"));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Diagnose,
    Wizard,
    Lookup,
    Endpoint,
    Triage,
}

impl View {
    const ALL: [View; 5] = [
        View::Diagnose,
        View::Wizard,
        View::Lookup,
        View::Endpoint,
        View::Triage,
    ];

    fn id(self) -> &'static str {
        match self {
            View::Diagnose => "diagnose",
            View::Wizard => "wizard",
            View::Lookup => "lookup",
            View::Endpoint => "endpoint",
            View::Triage => "triage",
        }
    }

    fn title(self) -> &'static str {
        match self {
            View::Diagnose => "Diagnose",
            View::Wizard => "Access path",
            View::Lookup => "Error codes",
            View::Endpoint => "Endpoint check",
            View::Triage => "Triage",
        }
    }

    fn from_id(id: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.id() == id)
    }
}

#[derive(Debug, Clone, PartialEq)]
struct AppState {
    view: View,
    diag: DiagnoserState,
    wizard: WizardState,
    lookup: LookupState,
    endpoint: String,
    triage: TriageState,
    /// A message about the link the page was opened with.
    notice: Option<String>,
}

impl AppState {
    fn fresh(view: View) -> AppState {
        AppState {
            view,
            diag: DiagnoserState {
                now: now_unix(),
                ..DiagnoserState::default()
            },
            wizard: WizardState::default(),
            lookup: LookupState::default(),
            endpoint: String::new(),
            triage: TriageState::default(),
            notice: None,
        }
    }

    /// The state a URL fragment (without `#`) describes.
    fn from_fragment(fragment: &str) -> AppState {
        if let Some(view) = View::from_id(fragment) {
            return AppState::fresh(view);
        }
        if fragment.is_empty() || !fragment.contains('=') {
            return AppState::fresh(View::Diagnose);
        }
        match decode_share(fragment) {
            Ok(share) => AppState::from_share(&share),
            Err(e) => AppState {
                notice: Some(format!("This share link could not be opened. {e}")),
                ..AppState::fresh(View::Diagnose)
            },
        }
    }

    fn from_share(share: &ShareState) -> AppState {
        let view = share
            .view
            .as_deref()
            .and_then(View::from_id)
            .unwrap_or(View::Diagnose);
        let extra = share.extra.as_deref().unwrap_or("");
        let mut state = AppState::fresh(view);
        state.diag = DiagnoserState::from_share(share, now_unix());
        match view {
            View::Diagnose => {}
            View::Wizard => state.wizard = WizardState::from_extra(extra),
            View::Lookup => state.lookup = LookupState::from_extra(extra),
            View::Endpoint => state.endpoint = extra.to_string(),
            View::Triage => state.triage = TriageState::from_extra(extra),
        }
        state.notice =
            Some("Opened from a share link: tokens were removed before it was made.".to_string());
        state
    }

    /// What a share link from the current view carries.
    fn share(&self) -> ShareState {
        let view = Some(self.view.id().to_string());
        match self.view {
            View::Diagnose => self.diag.to_share(),
            View::Endpoint => ShareState {
                view,
                extra: Some(self.endpoint.clone()),
                ..self.diag.to_share()
            },
            View::Wizard => ShareState {
                view,
                extra: Some(self.wizard.to_extra()),
                ..ShareState::default()
            },
            View::Lookup => ShareState {
                view,
                extra: Some(self.lookup.to_extra()),
                ..ShareState::default()
            },
            // Keys and counts only: never a sample or any text of the log.
            View::Triage => ShareState {
                view,
                extra: Some(self.triage.to_extra()),
                ..ShareState::default()
            },
        }
    }
}

enum Action {
    Load(Box<AppState>),
    View(View),
    Diag(DiagnoserState),
    Wizard(WizardState),
    Lookup(LookupState),
    Endpoint(String),
    Triage(TriageState),
    DismissNotice,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Load(state) => return Rc::new(*state),
            Action::View(v) => next.view = v,
            Action::Diag(d) => next.diag = d,
            Action::Wizard(w) => next.wizard = w,
            Action::Lookup(l) => next.lookup = l,
            Action::Endpoint(e) => next.endpoint = e,
            Action::Triage(t) => next.triage = t,
            Action::DismissNotice => next.notice = None,
        }
        Rc::new(next)
    }
}

fn window() -> web_sys::Window {
    web_sys::window().expect("scopelens runs in a browser window")
}

fn current_fragment() -> String {
    window()
        .location()
        .hash()
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string()
}

/// The page address without its fragment, for share links.
fn base_url() -> String {
    let href = window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

#[component]
fn App() -> Html {
    let state = use_reducer(|| AppState::from_fragment(&current_fragment()));

    // Follow the fragment: view links, and share links pasted into the address bar.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            use wasm_bindgen::closure::Closure;
            use wasm_bindgen::JsCast;
            let listener = Closure::<dyn Fn()>::new(move || {
                let fragment = current_fragment();
                match View::from_id(&fragment) {
                    Some(view) => dispatcher.dispatch(Action::View(view)),
                    None if fragment.contains('=') => dispatcher
                        .dispatch(Action::Load(Box::new(AppState::from_fragment(&fragment)))),
                    None => {}
                }
            });
            let _ = window()
                .add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
            move || {
                let _ = window().remove_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
        });
    }

    let on_share = Callback::from(|fragment: String| {
        // The user asked for a link: show it in the address bar too.
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("#{fragment}")),
            );
        }
    });
    let on_diag = {
        let d = state.dispatcher();
        Callback::from(move |s: DiagnoserState| d.dispatch(Action::Diag(s)))
    };
    let on_wizard = {
        let d = state.dispatcher();
        Callback::from(move |s: WizardState| d.dispatch(Action::Wizard(s)))
    };
    let on_lookup = {
        let d = state.dispatcher();
        Callback::from(move |s: LookupState| d.dispatch(Action::Lookup(s)))
    };
    let on_endpoint = {
        let d = state.dispatcher();
        Callback::from(move |s: String| d.dispatch(Action::Endpoint(s)))
    };
    let on_triage = {
        let d = state.dispatcher();
        Callback::from(move |s: TriageState| d.dispatch(Action::Triage(s)))
    };
    let dismiss = {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::DismissNotice))
    };
    let guide = AttrValue::from(GUIDE_BASE);
    let base = AttrValue::from(base_url());

    let body = match state.view {
        View::Diagnose => html! {
            <>
                <Diagnoser state={state.diag.clone()} on_change={on_diag.clone()} guide_base={guide.clone()}
                    share_base_url={Some(base.clone())} on_share={on_share.clone()} />
                // Opt-in: the only place the page makes requests, to the Graph API only.
                <scopelens_ui::LivePanel state={state.diag.clone()} on_change={on_diag} guide_base={guide.clone()}
                    share_base_url={Some(base.clone())} on_share={on_share.clone()} />
            </>
        },
        View::Wizard => html! {
            <>
                <AccessWizard state={state.wizard.clone()} on_change={on_wizard} guide_base={guide.clone()} />
                <SharePanel state={state.share()} base_url={base.clone()} on_share={on_share.clone()} />
            </>
        },
        View::Lookup => html! {
            <>
                <ErrorLookup state={state.lookup.clone()} on_change={on_lookup} guide_base={guide.clone()} />
                <SharePanel state={state.share()} base_url={base.clone()} on_share={on_share.clone()} />
            </>
        },
        View::Endpoint => {
            let granted = scopelens_ui::diagnoser::granted_scopes(&state.diag.diagnose());
            html! {
                <>
                    <EndpointCheck request={AttrValue::from(state.endpoint.clone())} on_request={on_endpoint} {granted} />
                    <SharePanel state={state.share()} base_url={base.clone()} on_share={on_share.clone()} />
                </>
            }
        }
        View::Triage => html! {
            <>
                <TriageView state={state.triage.clone()} on_change={on_triage} worker_url={TRIAGE_WORKER}
                    guide_base={guide.clone()} />
                if state.triage.summary.is_some() {
                    <SharePanel state={state.share()} base_url={base.clone()} on_share={on_share.clone()} />
                }
            </>
        },
    };

    html! {
        <>
            <nav class="views" aria-label="Views">
                <ul>
                    for v in View::ALL {
                        <li>
                            <a href={format!("#{}", v.id())} data-view={v.id()}
                                aria-current={(state.view == v).then_some("page")}>{ v.title() }</a>
                        </li>
                    }
                    <li><a href={GUIDE_BASE}>{ "Guide" }</a></li>
                </ul>
            </nav>
            if let Some(notice) = &state.notice {
                <p class="notice" role="status">
                    { notice.clone() }{ " " }
                    <button type="button" class="dismiss" onclick={dismiss}>{ "Dismiss" }</button>
                </p>
            }
            <main id="main" data-view={state.view.id()}>{ body }</main>
        </>
    }
}

fn main() {
    scopelens_ui::panic_hook::install("sl-fatal");
    let root = window().document().and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}
