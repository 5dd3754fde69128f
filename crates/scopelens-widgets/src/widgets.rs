//! Reading a placeholder's `data-*` attributes into a [`Spec`], and the small
//! wrapper components that hold each widget's state around the shared
//! scopelens-ui components.
// A bundle built with one feature leaves the other's helpers unused.
#![cfg_attr(
    not(all(feature = "diagnose", feature = "tools")),
    allow(unused_imports, dead_code)
)]

use scopelens_core::kb::access::{Accounts, AppMode, ReviewCheck, CHECKLIST};
use scopelens_core::kb::{Answers, IntentId};
use scopelens_core::{diagnose, encode_share, Context, ShareState, SharedView};
use scopelens_ui::diagnoser::granted_scopes;
use scopelens_ui::{
    AccessWizard, Diagnoser, DiagnoserState, EndpointCheck, ErrorLookup, LookupState, WizardState,
};
use std::fmt;
use yew::prelude::*;

/// Why a placeholder could not be turned into a widget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetError(pub String);

impl fmt::Display for WidgetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "scopelens widget: {}", self.0)
    }
}

impl std::error::Error for WidgetError {}

/// A fixture shown in a widget, with the context the test suite checks it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub file: String,
    pub input: String,
    pub context: Context,
}

/// What a placeholder asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spec {
    Decoder(DiagnoserState),
    Endpoint {
        request: String,
        example: Option<Example>,
    },
    Wizard(WizardState),
    Checklist,
    Explainer(LookupState),
}

/// The bundles the guide's widgets ship in, and the widget kinds each holds.
/// The preprocessor writes the bundle into each placeholder (`data-module`)
/// so that the page loader fetches only that one.
pub const MODULES: [(&str, &[&str]); 2] = [
    ("diagnose", &["decoder", "endpoint"]),
    ("tools", &["wizard", "checklist", "explainer"]),
];

/// The bundle that holds widgets of `kind`.
pub fn module_of(kind: &str) -> Option<&'static str> {
    MODULES
        .iter()
        .find(|(_, kinds)| kinds.contains(&kind))
        .map(|(module, _)| *module)
}

/// Whether this build holds `module` (a bundle is built with one feature).
pub fn module_built(module: &str) -> bool {
    (module == "diagnose" && cfg!(feature = "diagnose"))
        || (module == "tools" && cfg!(feature = "tools"))
}

type Attr<'a> = &'a dyn Fn(&str) -> Option<String>;

fn example(get: Attr) -> Result<Option<Example>, WidgetError> {
    let Some(file) = get("example") else {
        return Ok(None);
    };
    let input = get("input").ok_or_else(|| WidgetError(format!("{file}: no data-input")))?;
    let now = get("now")
        .and_then(|n| n.parse::<i64>().ok())
        .ok_or_else(|| WidgetError(format!("{file}: data-now is not a number")))?;
    let intents = get("intents")
        .unwrap_or_default()
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| IntentId::parse(s).ok_or_else(|| WidgetError(format!("unknown intent {s}"))))
        .collect::<Result<Vec<_>, _>>()?;
    let non_empty = |name: &str| get(name).filter(|s| !s.trim().is_empty());
    Ok(Some(Example {
        file,
        input,
        context: Context {
            now,
            intents,
            waba_id: non_empty("waba"),
            app_id: non_empty("app"),
            kind: None,
        },
    }))
}

impl Spec {
    /// Reads a placeholder through `get("input")` → `data-input` and so on.
    pub fn read(get: Attr) -> Result<Spec, WidgetError> {
        let kind = get("widget").unwrap_or_default();
        if let Some(module) = module_of(&kind).filter(|m| !module_built(m)) {
            return Err(WidgetError(format!(
                "the {kind} widget is in the `{module}` bundle, not this one (check the placeholder's data-module)"
            )));
        }
        match kind.as_str() {
            "decoder" => {
                let ex = example(get)?
                    .ok_or_else(|| WidgetError("a decoder needs data-example".into()))?;
                Ok(Spec::Decoder(DiagnoserState {
                    input: AttrValue::from(ex.input),
                    kind: None,
                    intents: ex.context.intents,
                    waba_id: AttrValue::from(ex.context.waba_id.unwrap_or_default()),
                    app_id: AttrValue::from(ex.context.app_id.unwrap_or_default()),
                    now: ex.context.now,
                    // The example's verdict holds at the time it was checked.
                    now_pinned: true,
                }))
            }
            "endpoint" => Ok(Spec::Endpoint {
                request: get("request").unwrap_or_default(),
                example: example(get)?,
            }),
            "wizard" => {
                let flag = |name: &str| get(name).as_deref() == Some("true");
                let needs = get("needs")
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(IntentId::parse)
                    .collect();
                Ok(Spec::Wizard(WizardState {
                    answers: Answers {
                        accounts: if get("accounts").as_deref() == Some("clients") {
                            Accounts::Clients
                        } else {
                            Accounts::Own
                        },
                        embedded_signup: flag("embedded"),
                        shares_credit_line: flag("credit"),
                        needs,
                        mode: if get("mode").as_deref() == Some("development") {
                            AppMode::Development
                        } else {
                            AppMode::Live
                        },
                    },
                    checked: Vec::new(),
                }))
            }
            "checklist" => Ok(Spec::Checklist),
            "explainer" => Ok(Spec::Explainer(LookupState {
                query: get("code").unwrap_or_default(),
                ..LookupState::default()
            })),
            other => Err(WidgetError(format!("unknown widget kind {other:?}"))),
        }
    }
}

/// The App Review answers the checklist belongs to: a Tech Provider
/// onboarding clients with Embedded Signup.
fn review_answers() -> Answers {
    Answers {
        accounts: Accounts::Clients,
        embedded_signup: true,
        ..Answers::default()
    }
}

/// The share state each widget's "Open in scopelens" link carries.
pub fn share_state(spec: &Spec) -> ShareState {
    match spec {
        Spec::Decoder(state) => state.to_share(),
        Spec::Endpoint { request, example } => ShareState {
            input: example
                .as_ref()
                .map(|e| e.input.clone())
                .unwrap_or_default(),
            intents: example
                .as_ref()
                .map(|e| e.context.intents.clone())
                .unwrap_or_default(),
            waba_id: example.as_ref().and_then(|e| e.context.waba_id.clone()),
            app_id: example.as_ref().and_then(|e| e.context.app_id.clone()),
            now: example.as_ref().map(|e| e.context.now),
            view: Some(SharedView::Endpoint(request.clone())),
            ..ShareState::default()
        },
        Spec::Wizard(state) => ShareState {
            view: Some(SharedView::Wizard(state.clone())),
            ..ShareState::default()
        },
        Spec::Checklist => ShareState {
            view: Some(SharedView::Wizard(WizardState {
                answers: review_answers(),
                checked: Vec::new(),
            })),
            ..ShareState::default()
        },
        Spec::Explainer(state) => ShareState {
            view: Some(SharedView::Lookup(state.clone())),
            ..ShareState::default()
        },
    }
}

/// `<guide_base>../index.html#v2=…`: the app lives one level above the guide.
pub fn app_link(guide_base: &str, share: &ShareState) -> String {
    match encode_share(share) {
        Ok(fragment) => format!("{guide_base}../index.html#{fragment}"),
        Err(_) => format!("{guide_base}../index.html"),
    }
}

#[derive(Properties, PartialEq)]
pub struct OpenInAppProps {
    pub share: ShareState,
    pub guide_base: AttrValue,
}

/// The link to the full app with this widget's state.
#[component]
pub fn OpenInApp(props: &OpenInAppProps) -> Html {
    let href = app_link(&props.guide_base, &props.share);
    html! {
        <p class="sl-open">
            <a class="sl-open-link" {href}>{ "Open in scopelens" }</a>
            { " — the full app, with what you see here (tokens and secrets are removed from the link)." }
        </p>
    }
}

#[derive(Properties, PartialEq)]
pub struct WidgetProps {
    pub spec: Spec,
    pub guide_base: AttrValue,
}

/// One widget of any kind, holding its own state.
#[component]
pub fn Widget(props: &WidgetProps) -> Html {
    let spec = use_state(|| props.spec.clone());
    let base = props.guide_base.clone();
    let share = share_state(&spec);
    let body = match &*spec {
        #[cfg(feature = "diagnose")]
        Spec::Decoder(state) => {
            let on_change = {
                let spec = spec.clone();
                Callback::from(move |s: DiagnoserState| spec.set(Spec::Decoder(s)))
            };
            html! { <Diagnoser state={state.clone()} {on_change} guide_base={base.clone()} compact=true /> }
        }
        #[cfg(feature = "diagnose")]
        Spec::Endpoint { request, example } => {
            let on_request = {
                let spec = spec.clone();
                let example = example.clone();
                Callback::from(move |request: String| {
                    spec.set(Spec::Endpoint {
                        request,
                        example: example.clone(),
                    })
                })
            };
            let granted = example
                .as_ref()
                .and_then(|e| granted_scopes(&diagnose(&e.input, &e.context)));
            html! {
                <>
                    if let (Some(e), Some(g)) = (example, &granted) {
                        <p class="sl-against">
                            { "Checked against the token in the test fixture " }<code>{ e.file.clone() }</code>
                            { ", which carries: " }
                            if g.is_empty() { { "no permissions" } }
                            for (i, p) in g.iter().enumerate() {
                                if i > 0 { { ", " } }
                                <code>{ p.clone() }</code>
                            }
                            { "." }
                        </p>
                    }
                    <EndpointCheck request={AttrValue::from(request.clone())} {on_request} {granted} />
                </>
            }
        }
        #[cfg(feature = "tools")]
        Spec::Wizard(state) => {
            let on_change = {
                let spec = spec.clone();
                Callback::from(move |s: WizardState| spec.set(Spec::Wizard(s)))
            };
            html! { <AccessWizard state={state.clone()} {on_change} guide_base={base.clone()} /> }
        }
        #[cfg(feature = "tools")]
        Spec::Checklist => html! { <Checklist guide_base={base.clone()} /> },
        #[cfg(feature = "tools")]
        Spec::Explainer(state) => {
            let on_change = {
                let spec = spec.clone();
                Callback::from(move |s: LookupState| spec.set(Spec::Explainer(s)))
            };
            html! { <ErrorLookup state={state.clone()} {on_change} guide_base={base.clone()} /> }
        }
        // `Spec::read` refuses kinds this bundle does not hold.
        #[allow(unreachable_patterns)]
        _ => html! {},
    };
    let open = match &*spec {
        // The checklist keeps its own ticks; its link opens the wizard for the same path.
        Spec::Checklist => html! {},
        _ => html! { <OpenInApp {share} guide_base={base.clone()} /> },
    };
    html! {
        <div class="sl-widget">
            { body }
            { open }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChecklistProps {
    pub guide_base: AttrValue,
}

/// The App Review readiness checklist on its own, with progress.
#[component]
pub fn Checklist(props: &ChecklistProps) -> Html {
    let checked = use_state(Vec::<String>::new);
    let checks = [
        ReviewCheck::Legitimacy,
        ReviewCheck::Proportionality,
        ReviewCheck::Compliance,
    ];
    let done = CHECKLIST
        .iter()
        .filter(|i| checked.iter().any(|c| c == i.id))
        .count();
    let share = ShareState {
        view: Some(SharedView::Wizard(WizardState {
            answers: review_answers(),
            checked: (*checked).clone(),
        })),
        ..ShareState::default()
    };
    html! {
        <section class="checklist sl-checklist" aria-label="App Review readiness checklist">
            <p class="checklist-progress" role="status" data-done={done.to_string()}>
                { format!("{done} of {} ready", CHECKLIST.len()) }
            </p>
            for check in checks {
                <fieldset>
                    <legend>{ check.title() }</legend>
                    for item in CHECKLIST.iter().filter(|i| i.check == check) {
                        <label>
                            <input type="checkbox" data-item={item.id}
                                checked={checked.iter().any(|c| c == item.id)}
                                onchange={
                                    let checked = checked.clone();
                                    let id = item.id;
                                    Callback::from(move |e: Event| {
                                        let mut next = (*checked).clone();
                                        next.retain(|c| c != id);
                                        if scopelens_ui::util::event_checked(&e) {
                                            next.push(id.to_string());
                                        }
                                        checked.set(next);
                                    })
                                } />
                            { " " }{ item.text }
                        </label>
                    }
                </fieldset>
            }
            if done == CHECKLIST.len() {
                <p class="checklist-done">{ "Everything on the list is in place. Submit one request per permission, each with its own screencast." }</p>
            }
            <OpenInApp {share} guide_base={props.guide_base.clone()} />
        </section>
    }
}

/// Renders the widget into `root` (wasm only).
pub fn render(root: web_sys::Element, spec: Spec, guide_base: String) {
    let props = WidgetProps {
        spec,
        guide_base: AttrValue::from(guide_base),
    };
    yew::Renderer::<Widget>::with_root_and_props(root, props).render();
}

#[cfg(test)]
mod tests {
    use super::*;
    use scopelens_core::ViewKind;
    use std::collections::HashMap;

    #[test]
    fn every_kind_is_in_exactly_one_bundle() {
        for kind in ["decoder", "endpoint", "wizard", "checklist", "explainer"] {
            let holders = MODULES.iter().filter(|(_, k)| k.contains(&kind)).count();
            assert_eq!(holders, 1, "{kind}");
            assert!(
                module_built(module_of(kind).unwrap()),
                "{kind} not built by default"
            );
        }
        assert_eq!(module_of("decoder"), Some("diagnose"));
        assert_eq!(module_of("explainer"), Some("tools"));
        assert_eq!(module_of("nonsense"), None);
        assert!(!module_built("nonsense"));
    }

    fn spec(attrs: &[(&str, &str)]) -> Result<Spec, WidgetError> {
        let map: HashMap<String, String> = attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Spec::read(&|name| map.get(name).cloned())
    }

    #[test]
    fn decoder_reads_the_example_and_its_context() {
        let s = spec(&[
            ("widget", "decoder"),
            ("example", "debug_token/x.json"),
            ("input", "{\"data\":{}}"),
            ("now", "1664000000"),
            ("intents", "send_messages"),
            ("waba", "102289599326934"),
            ("app", ""),
        ])
        .unwrap();
        let Spec::Decoder(state) = s else {
            panic!("decoder expected")
        };
        assert_eq!(state.now, 1664000000);
        assert!(state.now_pinned);
        assert_eq!(state.intents, vec![IntentId::SendMessages]);
        assert_eq!(state.waba_id.as_str(), "102289599326934");
        assert_eq!(state.app_id.as_str(), "");
        assert!(spec(&[("widget", "decoder")]).is_err());
        assert!(spec(&[
            ("widget", "decoder"),
            ("example", "a"),
            ("input", "x"),
            ("now", "soon")
        ])
        .is_err());
        assert!(spec(&[("widget", "fireworks")]).is_err());
    }

    #[test]
    fn open_links_go_to_the_app_above_the_guide_without_secrets() {
        let token = format!("EAAG{}", "x1".repeat(60));
        let s = spec(&[
            ("widget", "decoder"),
            ("example", "token/bearer.txt"),
            ("input", &format!("Bearer {token}")),
            ("now", "1760000000"),
        ])
        .unwrap();
        let link = app_link("../", &share_state(&s));
        assert!(link.starts_with("../../index.html#v2="), "{link}");
        let back = scopelens_core::decode_share(&link).unwrap();
        assert!(!back.input.contains(&token));
        assert_eq!(back.view, Some(SharedView::Diagnose));
    }

    #[test]
    fn every_kind_has_a_share_view() {
        for (kind, view) in [
            ("wizard", ViewKind::Wizard),
            ("checklist", ViewKind::Wizard),
            ("explainer", ViewKind::Lookup),
            ("endpoint", ViewKind::Endpoint),
        ] {
            let s = spec(&[
                ("widget", kind),
                ("request", "GET /1/phone_numbers"),
                ("code", "190"),
            ])
            .unwrap();
            let share = share_state(&s);
            assert_eq!(
                share.view.as_ref().map(SharedView::kind),
                Some(view),
                "{kind}"
            );
            assert!(encode_share(&share).is_ok());
        }
        let Spec::Wizard(w) = spec(&[
            ("widget", "wizard"),
            ("accounts", "clients"),
            ("embedded", "true"),
            ("mode", "development"),
        ])
        .unwrap() else {
            panic!()
        };
        assert_eq!(w.answers.accounts, Accounts::Clients);
        assert!(w.answers.embedded_signup);
        assert_eq!(w.answers.mode, AppMode::Development);
    }
}
