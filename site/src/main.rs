//! The scopelens web app's first module: the page, its navigation and the
//! diagnose view, routed by the URL fragment only. The other four views and
//! the live check's panel are mounted by the tools module
//! (`bin/scopelens_tools`), loaded the first time one is opened; see
//! `lib.rs` for the hand-off.
//!
//! Share links (`#v2=…`) are read once on load (and when a new one is
//! pasted into the address bar). Nothing is written to the URL until the
//! user makes a share link, and an edit takes a link out of it again, so
//! a reload never brings back something other than what was shown; pasted
//! text never goes there on its own. No
//! storage, no cookies, no network requests but the page's own files:
//! everything runs in the page, except the opt-in live check (`LiveHost`
//! here, `scopelens_ui::LivePanel` in the tools module), which calls the
//! Graph API only.

use scopelens_core::{decode_share, Diagnosis, ShareState, SharedView};
use scopelens_site::bridge::{self, Part, PartRequest, TicketRequest, ToolRequest};
use scopelens_site::{
    live_context, window, with_live_context, View, ViewExt, GUIDE_BASE, TOOLS_SCRIPT, TOOLS_WASM,
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
    /// The tool view a share link opened, with its state, handed to the
    /// tools module when that view is shown.
    link: Option<SharedView>,
    /// A message about the link the page was opened with.
    notice: Option<String>,
    /// The diagnose view shows a shared diagnosis nobody has edited yet.
    shared: bool,
    /// The live check is open: it uses the scope check's intents and IDs.
    live_open: bool,
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
            shared: false,
            live_open: false,
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
                let view = share.view.as_ref().map_or(View::Diagnose, SharedView::kind);
                AppState {
                    view,
                    diag: DiagnoserState::from_share(&share, now_unix()),
                    link: share.view.clone().filter(|_| view.is_tool()),
                    // The diagnose view says so in its own header.
                    notice: view.is_tool().then(|| {
                        "Opened from a share link: tokens were removed before it was made."
                            .to_string()
                    }),
                    shared: !view.is_tool(),
                    live_open: false,
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
        let link = self.link.as_ref().filter(|link| link.kind() == self.view);
        ToolRequest::new(self.view, link, &self.diag.to_share())
    }
}

enum Action {
    Load(Box<AppState>),
    View(View),
    /// An edit: the diagnosis is no longer the shared one.
    Diag(DiagnoserState),
    /// The live check's scope check changed the context (`live_context`).
    LiveContext(ShareState),
    DismissNotice,
    /// "Edit a copy" of a shared diagnosis.
    EditCopy,
    /// The live check was opened or closed.
    LiveOpen(bool),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Load(state) => return Rc::new(*state),
            Action::View(v) => next.view = v,
            Action::Diag(d) => {
                next.diag = d;
                next.shared = false;
            }
            Action::LiveContext(context) => {
                next.diag = with_live_context(&next.diag, context);
                next.shared = false;
            }
            Action::DismissNotice => next.notice = None,
            Action::EditCopy => next.shared = false,
            Action::LiveOpen(open) => next.live_open = open,
        }
        Rc::new(next)
    }
}

/// After an edit the address must not point at a link that shows something
/// else (a reload would bring the old diagnosis back): its fragment goes.
/// Replaces the history entry, so no `hashchange`.
fn drop_link_from_address() {
    if !current_fragment().contains('=') {
        return;
    }
    let location = window().location();
    let path = location.pathname().unwrap_or_default() + &location.search().unwrap_or_default();
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&path));
    }
}

/// The address, when it is a share link: it shows what is on the page,
/// since every edit drops it ([`drop_link_from_address`]).
fn link_in_address() -> Option<String> {
    current_fragment()
        .contains('=')
        .then(|| window().location().href().ok())
        .flatten()
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

/// The page's own element for the tool views (`main.tool-host` in
/// index.html). It is outside this module's `#app`, so the tools module's
/// Yew and this one never see each other's events.
fn tool_root() -> Option<web_sys::Element> {
    let document = window().document()?;
    document.query_selector("main.tool-host").ok().flatten()
}

/// A tool view: shown by the tools module in [`tool_root`], which this
/// shows (as the page's `<main>`) while the view is open. Renders nothing
/// itself.
#[component]
fn ToolHost(props: &ToolHostProps) -> Html {
    use_effect_with(props.request.clone(), move |request| {
        let root = tool_root();
        if let Some(root) = &root {
            let _ = root.set_attribute("id", "main");
            let _ = root.set_attribute("data-view", request.view.id());
            let _ = root.remove_attribute("hidden");
            if bridge::show_view(root, request).is_err() {
                cannot_start(root, "This view");
            }
        }
        move || {
            let _ = bridge::hide_view();
            if let Some(root) = root {
                let _ = root.set_attribute("hidden", "");
                let _ = root.set_attribute("id", "tool-view");
                root.set_text_content(None);
            }
        }
    });
    Html::default()
}

/// Says so in `element` when the tools module could not even be asked for,
/// rather than leaving it blank.
fn cannot_start(element: &web_sys::Element, what: &str) {
    element.set_text_content(Some(&format!(
        "{what} could not start: its loader is missing from the page. Reload the page to try again."
    )));
}

/// Has the tools module show `part` in `host` while `active`, with `state`
/// (later changes follow) and `on_message` for what the part reports.
#[hook]
fn use_tools_part(
    part: Part,
    host: NodeRef,
    active: bool,
    state: ShareState,
    on_message: Callback<ShareState>,
) {
    {
        let state = state.clone();
        use_effect_with(active, move |active| {
            use wasm_bindgen::closure::Closure;
            let element = host.cast::<web_sys::Element>().filter(|_| *active);
            let listener = element.as_ref().map(|element| {
                let listener = Closure::<dyn Fn(JsValue)>::new(move |report: JsValue| {
                    if let Some(state) = bridge::state_from_js(&report) {
                        on_message.emit(state);
                    }
                });
                let request = PartRequest::new(part, state);
                if bridge::show_part(element, &request, listener.as_ref()).is_err() {
                    cannot_start(element, part.label());
                }
                listener
            });
            move || {
                if listener.is_some() {
                    let _ = bridge::hide_part(part);
                }
            }
        });
    }
    // Later changes; before the part is mounted this does nothing.
    use_effect_with(state, move |state| {
        let _ = bridge::update_part(&PartRequest::new(part, state.clone()));
    });
}

#[derive(Properties, PartialEq)]
struct LiveHostProps {
    /// The diagnose view's scope check (`live_context`).
    context: ShareState,
    on_context: Callback<ShareState>,
    /// Told when the panel is opened or closed.
    on_open: Callback<bool>,
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
        let on_open = props.on_open.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target_dyn_into::<web_sys::Element>()
                .is_some_and(|details| details.has_attribute("open"));
            if open && !*opened {
                opened.set(true);
            }
            on_open.emit(open);
        })
    };
    use_tools_part(
        Part::Live,
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

/// Gives `reply` the string `promise` resolves to, `None` if it fails.
fn reply_with(promise: Result<js_sys::Promise, JsValue>, reply: Callback<Option<String>>) {
    use wasm_bindgen::closure::Closure;
    let Ok(promise) = promise else {
        reply.emit(None);
        return;
    };
    let failed = reply.clone();
    // The closures free themselves when called (`once_into_js`).
    let done = Closure::once_into_js(move |answer: JsValue| reply.emit(answer.as_string()));
    let error = Closure::once_into_js(move |_: JsValue| failed.emit(None));
    let promise: &Thenable = wasm_bindgen::JsCast::unchecked_ref(&promise);
    promise.then(&done, &error);
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// A promise, whose `then` takes handlers made by `once_into_js`.
    type Thenable;
    #[wasm_bindgen(method)]
    fn then(this: &Thenable, done: &JsValue, error: &JsValue);
}

/// Makes a share link for `state`: the address when it already is one,
/// else the tools module's encoder, and puts a new link in the address bar
/// as the preview does.
fn make_link(state: &ShareState, reply: Callback<Option<String>>) {
    if let Some(link) = link_in_address() {
        reply.emit(Some(link));
        return;
    }
    let answer = Callback::from(move |fragment: Option<String>| {
        reply.emit(fragment.map(|fragment| {
            scopelens_site::show_link(fragment.clone());
            format!("{}#{fragment}", scopelens_site::base_url())
        }))
    });
    reply_with(bridge::share_fragment(state), answer);
}

/// Makes the Markdown for a ticket in the tools module (which has the
/// Markdown writer and the link encoder), with the link in the address or
/// a new one, which then goes in the address bar.
fn make_markdown(state: &ShareState, reply: Callback<Option<String>>) {
    let request = TicketRequest {
        state: state.clone(),
        link: link_in_address().unwrap_or_default(),
    };
    reply_with(bridge::ticket_markdown(&request), reply);
}

/// The diagnose view's sharing: the buttons are here; the preview, which
/// shows what the link carries, is the tools module's, shown while
/// "Preview link…" is open. `scopelens_ui::SharePanel` with its preview and
/// encoder swapped for the tools module's, so that this module links neither.
#[component]
fn ShareBar(props: &ShareBarProps) -> Html {
    let open = use_state(|| false);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |()| open.set(!*open))
    };
    let maker = {
        let state = props.state.clone();
        Callback::from(move |reply| make_link(&state, reply))
    };
    let markdown = {
        let state = props.state.clone();
        Callback::from(move |reply| make_markdown(&state, reply))
    };
    html! {
        <section class="share" aria-label="Share">
            <ShareButtons open={*open} {on_toggle} diagnosis={Some(props.diagnosis.clone())}
                make_link={Some(maker)} make_markdown={Some(markdown)} />
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
    use_tools_part(
        Part::Share,
        host.clone(),
        true,
        props.state.clone(),
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
        Callback::from(move |s: DiagnoserState| {
            drop_link_from_address();
            d.dispatch(Action::Diag(s))
        })
    };
    let on_context = {
        let d = state.dispatcher();
        Callback::from(move |context: ShareState| {
            drop_link_from_address();
            d.dispatch(Action::LiveContext(context))
        })
    };
    let on_live_open = {
        let d = state.dispatcher();
        Callback::from(move |open: bool| d.dispatch(Action::LiveOpen(open)))
    };
    let on_edit_copy = {
        let d = state.dispatcher();
        Callback::from(move |()| {
            drop_link_from_address();
            d.dispatch(Action::EditCopy);
            // The copy is for editing: the caret goes to the box.
            let area = window()
                .document()
                .and_then(|doc| doc.query_selector("textarea.sl-input").ok().flatten());
            if let Some(area) = area {
                let _ = js_sys::Reflect::get(&area, &JsValue::from_str("focus"))
                    .ok()
                    .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok())
                    .map(|f| f.call0(&area));
            }
        })
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
                    share={Some(share)} shared={state.shared} {on_edit_copy}
                    scope_check_wanted={state.live_open} />
                // Opt-in: the only place the page makes requests, to the Graph API only.
                <LiveHost context={live_context(&state.diag)} {on_context} on_open={on_live_open} />
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
            if state.view.is_tool() {
                { body }
            } else {
                <main id="main" data-view={state.view.id()}>{ body }</main>
            }
        </>
    }
}

fn main() {
    scopelens_ui::panic_hook::install("sl-fatal");
    // The tool views' module is fetched once the page is idle; a missing
    // loader shows up when a view is opened.
    let _ = bridge::start(TOOLS_SCRIPT, TOOLS_WASM);
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
