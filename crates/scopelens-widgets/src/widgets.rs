//! An element's attributes (`scopelens_core::elements`) turned into a
//! [`Spec`], and the small wrapper components that hold each element's state
//! around the shared scopelens-ui components.
// A bundle built with one feature leaves the other's helpers unused.
#![cfg_attr(
    not(all(feature = "diagnose", feature = "tools")),
    allow(unused_imports, dead_code)
)]

use scopelens_core::elements::{Bundle, ElementSpec, Paste};
use scopelens_core::kb::access::{Accounts, ReviewCheck, CHECKLIST};
use scopelens_core::kb::Answers;
use scopelens_core::share::encode_view_share;
use scopelens_core::{diagnose, encode_share, Context, Diagnosis, ShareState, SharedView};
use scopelens_ui::diagnoser::granted_scopes;
use scopelens_ui::{
    AccessWizard, Diagnoser, DiagnoserState, EndpointCheck, ErrorLookup, LookupState, ResultView,
    WizardState,
};
use std::fmt;
use yew::prelude::*;

/// Why an element could not be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetError(pub String);

impl fmt::Display for WidgetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "scopelens widget: {}", self.0)
    }
}

impl std::error::Error for WidgetError {}

/// A paste an element shows or checks against, with its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// What the page calls it (the guide gives the fixture's path).
    pub name: Option<String>,
    pub input: String,
    pub context: Context,
}

/// What an element shows, in the form its components hold.
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

/// Whether this build holds `bundle` (each bundle is built with one feature).
pub fn bundle_built(bundle: Bundle) -> bool {
    match bundle {
        Bundle::Diagnose => cfg!(feature = "diagnose"),
        Bundle::Tools => cfg!(feature = "tools"),
    }
}

fn example(paste: Paste, now: i64) -> Example {
    Example {
        name: paste.example,
        input: paste.input,
        context: Context {
            now: paste.now.unwrap_or(now),
            intents: paste.intents,
            waba_id: paste.waba_id,
            app_id: paste.app_id,
            kind: None,
        },
    }
}

impl Spec {
    /// The components' state for an element; `now` is the reader's clock,
    /// used unless the element pins a time.
    pub fn from_element(element: ElementSpec, now: i64) -> Result<Spec, WidgetError> {
        let kind = element.kind();
        if !bundle_built(kind.bundle()) {
            return Err(WidgetError(format!(
                "<{}> is in the `{}` bundle, not this one",
                kind.tag(),
                kind.bundle().id()
            )));
        }
        Ok(match element {
            ElementSpec::Decoder(paste) => {
                let pinned = paste.now.is_some();
                let ex = example(paste, now);
                Spec::Decoder(DiagnoserState {
                    input: AttrValue::from(ex.input),
                    kind: None,
                    intents: ex.context.intents,
                    waba_id: AttrValue::from(ex.context.waba_id.unwrap_or_default()),
                    app_id: AttrValue::from(ex.context.app_id.unwrap_or_default()),
                    now: ex.context.now,
                    // An example's verdict holds at the time it was checked.
                    now_pinned: pinned,
                })
            }
            ElementSpec::Endpoint { request, against } => Spec::Endpoint {
                request,
                example: against.map(|paste| example(paste, now)),
            },
            ElementSpec::Wizard(answers) => Spec::Wizard(WizardState {
                answers,
                checked: Vec::new(),
            }),
            ElementSpec::Checklist => Spec::Checklist,
            ElementSpec::Explain { code } => Spec::Explainer(LookupState {
                query: code,
                ..LookupState::default()
            }),
        })
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

/// Where the guide and the app are (URLs or paths ending in `/`): the
/// elements link to the guide's pages and open their state in the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    pub guide: AttrValue,
    pub app: AttrValue,
}

/// `<app>index.html#v2=…`: the app with `share`, secrets removed.
pub fn app_link(app: &str, share: &ShareState) -> String {
    // The tools' elements share a view and never a paste; the full encoder
    // would bring the paste reader into their bundle for nothing.
    let fragment = if cfg!(feature = "diagnose") {
        encode_share(share).ok()
    } else {
        share
            .view
            .as_ref()
            .and_then(|view| encode_view_share(view).ok())
    };
    match fragment {
        Some(fragment) => format!("{app}index.html#{fragment}"),
        None => format!("{app}index.html"),
    }
}

/// What an element tells its page, as DOM events on the element.
#[derive(Clone)]
pub enum WidgetEvent {
    /// `scopelens-change`: what is shown changed; `link` opens it in the
    /// app (secrets removed).
    Change { link: String },
    /// `scopelens-diagnosis`: the decoder's diagnosis (its page gets a summary).
    #[cfg(feature = "diagnose")]
    Diagnosis(std::rc::Rc<Diagnosis>),
}

impl WidgetEvent {
    /// The DOM event's name and its detail as JSON.
    pub fn to_dom(&self) -> (&'static str, String) {
        match self {
            WidgetEvent::Change { link } => (
                "scopelens-change",
                format!(
                    "{{\"link\":{}}}",
                    serde_json::to_string(link).unwrap_or_default()
                ),
            ),
            #[cfg(feature = "diagnose")]
            WidgetEvent::Diagnosis(d) => (
                "scopelens-diagnosis",
                serde_json::to_string(&DiagnosisSummary::of(d)).unwrap_or_default(),
            ),
        }
    }
}

/// What the decoder tells its page of a diagnosis. A summary, so that the
/// bundle does not carry the whole diagnosis' serializer (the CLI and the
/// npm package give the full JSON contract).
#[derive(serde::Serialize)]
pub struct DiagnosisSummary<'a> {
    pub verdict: &'static str,
    pub headline: String,
    pub kind: &'a str,
    pub findings: Vec<FindingSummary<'a>>,
}

#[derive(serde::Serialize)]
pub struct FindingSummary<'a> {
    pub id: &'static str,
    pub severity: &'static str,
    pub title: &'a str,
    pub explanation: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subcode: Option<u32>,
    pub fix: &'a [String],
}

impl<'a> DiagnosisSummary<'a> {
    pub fn of(d: &'a Diagnosis) -> DiagnosisSummary<'a> {
        DiagnosisSummary {
            verdict: d.verdict.id(),
            headline: scopelens_core::diagnose::headline(d),
            kind: d.input.kind.id(),
            findings: d
                .findings
                .iter()
                .map(|f| FindingSummary {
                    id: f.id,
                    severity: f.severity.id(),
                    title: &f.title,
                    explanation: &f.explanation,
                    code: f.code,
                    subcode: f.subcode,
                    fix: &f.fix,
                })
                .collect(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct OpenInAppProps {
    pub share: ShareState,
    pub app: AttrValue,
}

/// The link to the full app with this widget's state.
#[component]
pub fn OpenInApp(props: &OpenInAppProps) -> Html {
    let href = app_link(&props.app, &props.share);
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
    pub places: Places,
    #[prop_or_default]
    pub on_event: Callback<WidgetEvent>,
}

/// One widget of any kind, holding its own state.
#[component]
pub fn Widget(props: &WidgetProps) -> Html {
    let spec = use_state(|| props.spec.clone());
    let base = props.places.guide.clone();
    let share = share_state(&spec);
    {
        // The checklist keeps its ticks itself, and says when they change.
        let on_event = props.on_event.clone();
        let link = (!matches!(*spec, Spec::Checklist)).then(|| app_link(&props.places.app, &share));
        use_effect_with(link, move |link| {
            if let Some(link) = link {
                on_event.emit(WidgetEvent::Change { link: link.clone() })
            }
        });
    }
    // Only the decoder diagnoses; the tools bundle must not carry the diagnosis.
    #[cfg(feature = "diagnose")]
    {
        let on_event = props.on_event.clone();
        let decoder = match &*spec {
            Spec::Decoder(state) => Some(state.clone()),
            _ => None,
        };
        use_effect_with(decoder, move |decoder| {
            if let Some(state) = decoder {
                on_event.emit(WidgetEvent::Diagnosis(std::rc::Rc::new(state.diagnose())));
            }
        });
    }
    let body = match &*spec {
        #[cfg(feature = "diagnose")]
        Spec::Decoder(state) => {
            let on_change = {
                let spec = spec.clone();
                Callback::from(move |s: DiagnoserState| spec.set(Spec::Decoder(s)))
            };
            let result = ResultView::compact(base.clone());
            html! { <Diagnoser state={state.clone()} {on_change} guide_base={base.clone()} {result} /> }
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
                            { "Checked against the token in " }
                            if let Some(name) = &e.name {
                                { "the example " }<code>{ name.clone() }</code>
                            } else {
                                { "the example" }
                            }
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
        Spec::Checklist => {
            html! { <Checklist app={props.places.app.clone()} on_event={props.on_event.clone()} /> }
        }
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
        _ => html! { <OpenInApp {share} app={props.places.app.clone()} /> },
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
    pub app: AttrValue,
    #[prop_or_default]
    pub on_event: Callback<WidgetEvent>,
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
    {
        let on_event = props.on_event.clone();
        let link = app_link(&props.app, &share);
        use_effect_with(link, move |link| {
            on_event.emit(WidgetEvent::Change { link: link.clone() })
        });
    }
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
            <OpenInApp {share} app={props.app.clone()} />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use scopelens_core::elements::{ElementKind, ElementSpec};
    use scopelens_core::kb::access::AppMode;
    use scopelens_core::kb::intents::INTENTS;
    use scopelens_core::kb::{Category, IntentId};
    use scopelens_core::ViewKind;
    use std::collections::HashMap;

    fn spec(kind: ElementKind, attrs: &[(&str, &str)]) -> Result<Spec, String> {
        let map: HashMap<String, String> = attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let element =
            ElementSpec::read(kind, &|name| map.get(name).cloned()).map_err(|e| e.to_string())?;
        Spec::from_element(element, 1_700_000_000).map_err(|e| e.to_string())
    }

    #[test]
    fn the_default_build_holds_every_element() {
        for kind in ElementKind::ALL {
            assert!(bundle_built(kind.bundle()), "{kind:?}");
        }
    }

    #[test]
    fn a_decoder_reads_its_paste_and_pins_the_time_only_when_given() {
        let s = spec(
            ElementKind::Decoder,
            &[
                ("example", "debug_token/x.json"),
                ("input", "{\"data\":{}}"),
                ("now", "1664000000"),
                ("intents", "send_messages"),
                ("waba-id", "102289599326934"),
            ],
        )
        .unwrap();
        let Spec::Decoder(state) = s else {
            panic!("decoder expected")
        };
        assert_eq!(state.now, 1664000000);
        assert!(state.now_pinned);
        assert_eq!(state.intents, vec![IntentId::SendMessages]);
        assert_eq!(state.waba_id.as_str(), "102289599326934");
        assert_eq!(state.app_id.as_str(), "");
        let Spec::Decoder(empty) = spec(ElementKind::Decoder, &[]).unwrap() else {
            panic!("decoder expected")
        };
        assert!(!empty.now_pinned);
        assert_eq!(empty.now, 1_700_000_000);
        assert!(spec(ElementKind::Decoder, &[("now", "soon")]).is_err());
    }

    #[test]
    fn open_links_go_to_the_app_without_secrets() {
        let token = format!("EAAG{}", "x1".repeat(60));
        let s = spec(
            ElementKind::Decoder,
            &[("input", &format!("Bearer {token}")), ("now", "1760000000")],
        )
        .unwrap();
        let link = app_link("../../", &share_state(&s));
        assert!(link.starts_with("../../index.html#v2="), "{link}");
        let back = scopelens_core::decode_share(&link).unwrap();
        assert!(!back.input.contains(&token));
        assert_eq!(back.view, Some(SharedView::Diagnose));
    }

    fn wizard() -> impl Strategy<Value = WizardState> {
        let needs =
            proptest::sample::subsequence(INTENTS.iter().map(|i| i.id).collect::<Vec<_>>(), 0..4);
        let ticks = proptest::collection::vec("[a-z_]{1,12}|EAAG[A-Za-z0-9]{40}|.{0,40}", 0..4);
        (any::<[bool; 4]>(), needs, ticks).prop_map(
            |([clients, es, credit, dev], needs, checked)| WizardState {
                answers: Answers {
                    accounts: if clients {
                        Accounts::Clients
                    } else {
                        Accounts::Own
                    },
                    embedded_signup: es,
                    shares_credit_line: credit,
                    needs,
                    mode: if dev {
                        AppMode::Development
                    } else {
                        AppMode::Live
                    },
                },
                checked,
            },
        )
    }

    fn lookup() -> impl Strategy<Value = LookupState> {
        let text = "[0-9/ ]{0,9}|Bearer EAAG[A-Za-z0-9]{40}|me@example\\.com|.{0,60}";
        let category = proptest::option::of(proptest::sample::select(Category::ALL.to_vec()));
        (text, category, text).prop_map(|(query, category, filter)| LookupState {
            query,
            category,
            filter,
        })
    }

    proptest! {
        /// The tools' bundle writes its links with `encode_view_share`;
        /// they must be the very links the full encoder writes.
        #[test]
        fn a_views_link_is_the_one_the_cores_encoder_writes(
            wizard in wizard(),
            lookup in lookup(),
            request in ".{0,80}",
        ) {
            for view in [
                SharedView::Wizard(wizard.clone()),
                SharedView::Lookup(lookup.clone()),
                SharedView::Endpoint(request.clone()),
                SharedView::Diagnose,
            ] {
                let state = ShareState { view: Some(view.clone()), ..ShareState::default() };
                prop_assert_eq!(encode_view_share(&view).ok(), encode_share(&state).ok());
            }
        }
    }

    #[test]
    fn a_views_link_leaves_out_whatever_is_not_the_view() {
        let token = format!("EAAG{}", "x1".repeat(60));
        let view = SharedView::Lookup(LookupState {
            query: format!("190 {token}"),
            ..LookupState::default()
        });
        let link = encode_view_share(&view).unwrap();
        let back = scopelens_core::decode_share(&link).unwrap();
        assert_eq!(
            back.view.as_ref().map(SharedView::kind),
            Some(ViewKind::Lookup)
        );
        assert!(!format!("{back:?}").contains(&token));
        let tools = [
            "scopelens-wizard",
            "scopelens-checklist",
            "scopelens-explain",
        ];
        for kind in ElementKind::ALL
            .into_iter()
            .filter(|k| tools.contains(&k.tag().as_str()))
        {
            let share = share_state(&spec(kind, &[("code", "190")]).unwrap());
            assert_eq!(
                share,
                ShareState {
                    view: share.view.clone(),
                    ..ShareState::default()
                },
                "{kind:?}: the tools' elements share their view alone"
            );
        }
    }

    #[test]
    fn the_decoders_event_sums_up_the_diagnosis_with_its_steps() {
        let input = r#"{"error":{"message":"Error validating access token: Session has expired","type":"OAuthException","code":190,"error_subcode":463}}"#;
        let d = diagnose(input, &Context::at(1_760_000_000));
        let (name, json) = WidgetEvent::Diagnosis(std::rc::Rc::new(d.clone())).to_dom();
        assert_eq!(name, "scopelens-diagnosis");
        let detail: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(detail["verdict"], d.verdict.id());
        assert_eq!(detail["kind"], "graph_error");
        assert_eq!(detail["findings"][0]["code"], 190);
        assert_eq!(detail["findings"][0]["subcode"], 463);
        assert_eq!(
            detail["findings"].as_array().unwrap().len(),
            d.findings.len()
        );
        assert!(!detail["findings"][0]["fix"].as_array().unwrap().is_empty());
        let (name, json) = WidgetEvent::Change {
            link: "../index.html#v2=x".into(),
        }
        .to_dom();
        assert_eq!(
            (name, json.as_str()),
            ("scopelens-change", r#"{"link":"../index.html#v2=x"}"#)
        );
    }

    #[test]
    fn every_element_opens_its_own_view() {
        for (kind, view) in [
            (ElementKind::Wizard, ViewKind::Wizard),
            (ElementKind::Checklist, ViewKind::Wizard),
            (ElementKind::Explain, ViewKind::Lookup),
            (ElementKind::Endpoint, ViewKind::Endpoint),
            (ElementKind::Decoder, ViewKind::Diagnose),
        ] {
            let s = spec(
                kind,
                &[("request", "GET /1/phone_numbers"), ("code", "190")],
            )
            .unwrap();
            let share = share_state(&s);
            assert_eq!(
                share
                    .view
                    .as_ref()
                    .map(SharedView::kind)
                    .unwrap_or(ViewKind::Diagnose),
                view,
                "{kind:?}"
            );
            assert!(encode_share(&share).is_ok());
        }
        let Spec::Wizard(w) = spec(
            ElementKind::Wizard,
            &[
                ("accounts", "clients"),
                ("embedded", ""),
                ("mode", "development"),
            ],
        )
        .unwrap() else {
            panic!("a wizard")
        };
        assert_eq!(w.answers.accounts, Accounts::Clients);
        assert!(w.answers.embedded_signup);
        assert_eq!(w.answers.mode, AppMode::Development);
    }
}
