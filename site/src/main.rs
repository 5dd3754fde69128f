//! The scopelens web app's first module: the page, its navigation and the
//! diagnose view, routed by the URL fragment only. The other four views and
//! the live check's panel are mounted by the tools module
//! (`bin/scopelens_tools`), loaded the first time one is opened; see
//! `lib.rs` for the hand-off.
//!
//! Share links (`#v2=…`) are read once on load (and when a new one is
//! pasted into the address bar). Nothing is written to the URL until the
//! user makes a share link; pasted text never goes there on its own. No
//! storage, no cookies, no network requests but the page's own files:
//! everything runs in the page, except the opt-in live check (`LiveHost`
//! here, `scopelens_ui::LivePanel` in the tools module), which calls the
//! Graph API only.

use scopelens_core::{decode_share, Diagnosis, ShareState};
use scopelens_site::{
    live_context, state_json, window, with_live_context, ToolRequest, View, GUIDE_BASE, LIVE_PART,
    SHARE_PART, TOOLS_SCRIPT, TOOLS_WASM,
};
use scopelens_ui::util::now_unix;
use scopelens_ui::{Diagnoser, DiagnoserState, ShareButtons};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
struct AppState {
    view: View,
    diag: DiagnoserState,
    /// The tool view a share link opened and its part of the link, handed
    /// to the tools module when that view is shown.
    link: Option<(View, String)>,
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
            link: None,
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
            Ok(share) => {
                let view = share
                    .view
                    .as_deref()
                    .and_then(View::from_id)
                    .unwrap_or(View::Diagnose);
                AppState {
                    view,
                    diag: DiagnoserState::from_share(&share, now_unix()),
                    link: view
                        .is_tool()
                        .then(|| (view, share.extra.unwrap_or_default())),
                    notice: Some(
                        "Opened from a share link: tokens were removed before it was made."
                            .to_string(),
                    ),
                }
            }
            Err(e) => AppState {
                notice: Some(format!("This share link could not be opened. {e}")),
                ..AppState::fresh(View::Diagnose)
            },
        }
    }

    /// What the tools module needs to show `self.view`.
    fn tool_request(&self) -> ToolRequest {
        let extra = match &self.link {
            Some((view, extra)) if *view == self.view => extra.as_str(),
            _ => "",
        };
        ToolRequest::new(self.view, extra, &self.diag.to_share())
    }
}

enum Action {
    Load(Box<AppState>),
    View(View),
    Diag(DiagnoserState),
    /// The live check's scope check changed the context (`live_context` JSON).
    LiveContext(String),
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
            Action::LiveContext(json) => next.diag = with_live_context(&next.diag, &json),
            Action::DismissNotice => next.notice = None,
        }
        Rc::new(next)
    }
}

fn current_fragment() -> String {
    window()
        .location()
        .hash()
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string()
}

#[derive(Properties, PartialEq)]
struct ToolHostProps {
    request: ToolRequest,
}

/// The place a tool view goes. It is left empty here: `init.js` loads the
/// tools module (once) and mounts the view inside it, and unmounts it when
/// this element goes away or the request changes.
#[component]
fn ToolHost(props: &ToolHostProps) -> Html {
    let host = use_node_ref();
    {
        let host = host.clone();
        use_effect_with(props.request.clone(), move |request| {
            let element = host.cast::<web_sys::Element>();
            if let Some(element) = &element {
                let args = [
                    element.into(),
                    JsValue::from_str(&request.view),
                    JsValue::from_str(&request.extra),
                    JsValue::from_str(&request.diagnosis),
                    JsValue::from_str(TOOLS_SCRIPT),
                    JsValue::from_str(TOOLS_WASM),
                ];
                if !call_tools("mount", &args) {
                    cannot_start(element, "This view");
                }
            }
            move || {
                call_tools("unmount", &[]);
            }
        });
    }
    html! { <div ref={host} class="tool-host" data-view={props.request.view.clone()} aria-live="polite"></div> }
}

/// Calls `window.scopelensTools[name](...args)`, which `init.js` defines;
/// false if that is missing or throws.
fn call_tools(name: &str, args: &[JsValue]) -> bool {
    use wasm_bindgen::JsCast;
    let function = js_sys::Reflect::get(&window(), &JsValue::from_str("scopelensTools"))
        .and_then(|tools| js_sys::Reflect::get(&tools, &JsValue::from_str(name)))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let called = function.map(|f| f.apply(&JsValue::NULL, &args.iter().collect()));
    matches!(called, Some(Ok(_)))
}

/// Says so in `element` when the tools module could not even be asked for,
/// rather than leaving it blank.
fn cannot_start(element: &web_sys::Element, what: &str) {
    element.set_text_content(Some(&format!(
        "{what} could not start: its loader is missing from the page. Reload the page to try again."
    )));
}

/// Has the tools module show its part `name` (`LIVE_PART`, `SHARE_PART`) in `host`
/// while `active`, with `props` (JSON; later changes follow) and
/// `on_message` for what the part reports. `what` names it in a failure
/// message.
#[hook]
fn use_tools_part(
    name: &'static str,
    what: &'static str,
    host: NodeRef,
    active: bool,
    props: AttrValue,
    on_message: Callback<String>,
) {
    {
        let props = props.clone();
        use_effect_with(active, move |active| {
            use wasm_bindgen::closure::Closure;
            let element = host.cast::<web_sys::Element>().filter(|_| *active);
            let listener = element.as_ref().map(|element| {
                let listener = Closure::<dyn Fn(String)>::new(move |json| on_message.emit(json));
                let args = [
                    JsValue::from_str(name),
                    element.into(),
                    JsValue::from_str(&props),
                    listener.as_ref().clone(),
                    JsValue::from_str(what),
                    JsValue::from_str(TOOLS_SCRIPT),
                    JsValue::from_str(TOOLS_WASM),
                ];
                if !call_tools("mountPart", &args) {
                    cannot_start(element, what);
                }
                listener
            });
            move || {
                if listener.is_some() {
                    call_tools("unmountPart", &[JsValue::from_str(name)]);
                }
            }
        });
    }
    // Later changes; before the part is mounted this does nothing.
    use_effect_with(props, move |props| {
        call_tools(
            "updatePart",
            &[JsValue::from_str(name), JsValue::from_str(props)],
        );
    });
}

#[derive(Properties, PartialEq)]
struct LiveHostProps {
    /// The diagnose view's scope check (`live_context` JSON).
    context: AttrValue,
    on_context: Callback<String>,
}

/// The opt-in live check: a closed `<details>` whose body the tools module
/// fills the first time it is opened (so a visit that never opens it never
/// downloads it), then keeps in step with the diagnose view's scope check.
#[component]
fn LiveHost(props: &LiveHostProps) -> Html {
    let body = use_node_ref();
    let opened = use_state(|| false);
    let ontoggle = {
        let opened = opened.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target_dyn_into::<web_sys::Element>()
                .is_some_and(|details| details.has_attribute("open"));
            if open && !*opened {
                opened.set(true);
            }
        })
    };
    use_tools_part(
        LIVE_PART,
        "The live check",
        body.clone(),
        *opened,
        props.context.clone(),
        props.on_context.clone(),
    );
    html! {
        <details class="live-check" {ontoggle}>
            <summary>{ scopelens_ui::live_panel::SUMMARY }</summary>
            <div ref={body} class="live-host"></div>
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct ShareBarProps {
    state: ShareState,
    diagnosis: Rc<Diagnosis>,
}

/// The diagnose view's sharing: the buttons are here; the preview, which
/// makes the link, is the tools module's, shown while "Share…" is open.
/// `scopelens_ui::SharePanel` with its preview swapped for that host: kept
/// apart so that this module does not link `SharePreview` and the encoder.
#[component]
fn ShareBar(props: &ShareBarProps) -> Html {
    let open = use_state(|| false);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |()| open.set(!*open))
    };
    html! {
        <section class="share" aria-label="Share">
            <ShareButtons open={*open} {on_toggle} diagnosis={Some(props.diagnosis.clone())} />
            if *open {
                <SharePreviewHost state={props.state.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SharePreviewHostProps {
    state: ShareState,
}

#[component]
fn SharePreviewHost(props: &SharePreviewHostProps) -> Html {
    let host = use_node_ref();
    let json = use_memo(props.state.clone(), |state| {
        AttrValue::from(state_json(state))
    });
    use_tools_part(
        SHARE_PART,
        "The share preview",
        host.clone(),
        true,
        (*json).clone(),
        Callback::noop(),
    );
    html! { <div ref={host} class="share-host"></div> }
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

    let on_diag = {
        let d = state.dispatcher();
        Callback::from(move |s: DiagnoserState| d.dispatch(Action::Diag(s)))
    };
    let on_context = {
        let d = state.dispatcher();
        Callback::from(move |json: String| d.dispatch(Action::LiveContext(json)))
    };
    let dismiss = {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::DismissNotice))
    };
    let guide = AttrValue::from(GUIDE_BASE);
    let share = Callback::from(|(state, diagnosis): (ShareState, Rc<Diagnosis>)| {
        html! { <ShareBar {state} {diagnosis} /> }
    });

    let body = match state.view {
        View::Diagnose => html! {
            <>
                <Diagnoser state={state.diag.clone()} on_change={on_diag.clone()} guide_base={guide.clone()}
                    share={Some(share)} />
                // Opt-in: the only place the page makes requests, to the Graph API only.
                <LiveHost context={live_context(&state.diag)} {on_context} />
            </>
        },
        _ => html! { <ToolHost request={state.tool_request()} /> },
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
