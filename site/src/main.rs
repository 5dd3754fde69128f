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
use scopelens_ui::share_panel::LinkContents;
use scopelens_ui::util::now_unix;
use scopelens_ui::{Diagnoser, DiagnoserState, ResultView, ShareButtons, SharePreview};
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

#[derive(Properties, PartialEq)]
struct LiveHostProps {
    /// The diagnose view's scope check (`live_context`).
    context: ShareState,
    on_context: Callback<ShareState>,
    /// Told when the panel is opened or closed.
    on_open: Callback<bool>,
}

/// The live check's place (`details.live-check` in index.html) and its
/// body: after `#app`, so that its events reach only the tools module's
/// Yew, which draws the panel, and never this module's.
fn live_details() -> Option<(web_sys::Element, web_sys::Element)> {
    let details = window().document()?.get_element_by_id("live-check")?;
    let body = details.query_selector(".live-host").ok().flatten()?;
    Some((details, body))
}

/// The opt-in live check, shown with the diagnose view: a closed
/// `<details>` whose body the tools module fills the first time it is
/// opened (so a visit that never opens it never downloads it), then keeps
/// in step with the diagnose view's scope check. Renders nothing itself.
#[component]
fn LiveHost(props: &LiveHostProps) -> Html {
    use std::cell::Cell;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    // The scope check to start the panel with, whenever it is first opened.
    let context = use_mut_ref(ShareState::default);
    *context.borrow_mut() = props.context.clone();
    {
        let on_context = props.on_context.clone();
        let on_open = props.on_open.clone();
        use_effect_with((), move |()| {
            let shown = Rc::new(Cell::new(false));
            let place = live_details().map(|(details, body)| {
                if let Some(summary) = details.query_selector("summary").ok().flatten() {
                    summary.set_text_content(Some(scopelens_ui::live_panel::SUMMARY));
                }
                let _ = details.remove_attribute("hidden");
                let report = Closure::<dyn Fn(JsValue)>::new(move |report: JsValue| {
                    if let Some(state) = bridge::state_from_js(&report) {
                        on_context.emit(state);
                    }
                });
                let toggle = {
                    let (details, body, shown) = (details.clone(), body.clone(), shown.clone());
                    Closure::<dyn Fn()>::new(move || {
                        let open = details.has_attribute("open");
                        if open && !shown.replace(true) {
                            let request = PartRequest::new(Part::Live, context.borrow().clone());
                            if bridge::show_part(&body, &request, report.as_ref()).is_err() {
                                cannot_start(&body, Part::Live.label());
                            }
                        }
                        on_open.emit(open);
                    })
                };
                let _ = details
                    .add_event_listener_with_callback("toggle", toggle.as_ref().unchecked_ref());
                (details, body, toggle)
            });
            move || {
                let Some((details, body, toggle)) = place else {
                    return;
                };
                let _ = details
                    .remove_event_listener_with_callback("toggle", toggle.as_ref().unchecked_ref());
                if shown.get() {
                    let _ = bridge::hide_part(Part::Live);
                }
                let _ = details.remove_attribute("open");
                let _ = details.set_attribute("hidden", "");
                let _ = body.remove_attribute("role");
                body.set_text_content(None);
            }
        });
    }
    // Later changes; before the panel is shown this does nothing.
    use_effect_with(props.context.clone(), move |state| {
        let _ = bridge::update_part(&PartRequest::new(Part::Live, state.clone()));
    });
    Html::default()
}

#[derive(Properties, PartialEq)]
struct ShareBarProps {
    state: ShareState,
    diagnosis: Rc<Diagnosis>,
}

/// Gives `reply` the string `promise` resolves to, or the message of why
/// it failed.
fn reply_with(promise: Result<js_sys::Promise, JsValue>, reply: Callback<Result<String, String>>) {
    use wasm_bindgen::closure::Closure;
    let why = |error: JsValue| {
        js_sys::Reflect::get(&error, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .or_else(|| error.as_string())
            .unwrap_or_else(|| "the part of scopelens that makes it did not start".into())
    };
    let promise = match promise {
        Ok(promise) => promise,
        Err(error) => return reply.emit(Err(why(error))),
    };
    let failed = reply.clone();
    // The closures free themselves when called (`once_into_js`).
    let done = Closure::once_into_js(move |answer: JsValue| {
        reply.emit(
            answer
                .as_string()
                .ok_or_else(|| "the answer was empty".into()),
        )
    });
    let error = Closure::once_into_js(move |error: JsValue| failed.emit(Err(why(error))));
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

/// Makes a share link for `state` with the tools module's encoder, and puts
/// it in the address bar. Never the address the page was opened with: a
/// hand-made link may carry what the page cleaned out on opening.
fn make_link(state: &ShareState, reply: Callback<Result<String, String>>) {
    let answer = Callback::from(move |fragment: Result<String, String>| {
        reply.emit(
            fragment
                .map(|fragment| {
                    scopelens_site::show_link(fragment.clone());
                    format!("{}#{fragment}", scopelens_site::base_url())
                })
                .map_err(|why| {
                    format!("No link could be made: {why}. Try again, or reload the page.")
                }),
        )
    });
    reply_with(bridge::share_fragment(state), answer);
}

/// Makes the Markdown for a ticket in the tools module (which has the
/// Markdown writer and the link encoder), with a new link, which then goes
/// in the address bar.
fn make_markdown(state: &ShareState, reply: Callback<Option<String>>) {
    let request = TicketRequest {
        state: state.clone(),
    };
    reply_with(
        bridge::ticket_markdown(&request),
        Callback::from(move |markdown: Result<String, String>| reply.emit(markdown.ok())),
    );
}

/// The diagnose view's sharing: `scopelens_ui::SharePanel` with its link
/// and Markdown makers swapped for the tools module's, so that this module
/// links neither the encoder nor the Markdown writer. The preview is drawn
/// here: what a link carries is the allow-list that opening a link already
/// needs.
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
                make_link={Some(maker.clone())} make_markdown={Some(markdown)} />
            if *open {
                <SharePreview contents={Some(Ok(LinkContents::of(&props.state)))} make_link={maker} />
            }
        </section>
    }
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
                    result={ResultView::full(guide.clone())}
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
