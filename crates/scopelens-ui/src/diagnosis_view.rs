//! One diagnosis, shown: in full ([`DiagnosisView`]: the verdict, the
//! scope check, sharing, the findings, each able to mark the part of the
//! input it is about, the token's timeline and the decoded payload), or
//! compact ([`TopFinding`]: the verdict and the top finding, for embeds).
//! The diagnose view shows a pasted input's diagnosis in full and the live
//! check the diagnosis made from Meta's answers, so both read and behave
//! alike; the guide's decoder shows it compact.

use crate::diagnoser_state::{editing, DiagnoserState};
use crate::finding_list::FindingList;
use crate::payload_table::PayloadTable;
use crate::scope_matrix::ScopeMatrix;
use crate::token_timeline::TokenTimeline;
use crate::verdict_banner::VerdictBanner;
use scopelens_core::model::Payload;
use scopelens_core::Diagnosis;
use std::rc::Rc;
use yew::prelude::*;

/// The scope matrix of a diagnosis, editing the context (intents, WABA
/// ID, app ID) it is checked for: `on_context` is told of the context with
/// the user's change applied. A function, not a component: it keeps no
/// state of its own.
pub fn scope_matrix_of(
    diagnosis: &Diagnosis,
    context: &DiagnoserState,
    on_context: &Callback<DiagnoserState>,
) -> Html {
    let edit = |apply| editing(context, on_context, apply);
    let edit_intents = editing(context, on_context, |s, intents| s.intents = intents);
    let has_scopes = matches!(
        diagnosis.payload,
        Some(Payload::DebugToken(_)) | Some(Payload::Permissions(_))
    );
    html! {
        <ScopeMatrix rows={diagnosis.scopes.clone()} {has_scopes} intents={context.intents.clone()}
            waba_id={context.waba_id.clone()} app_id={context.app_id.clone()}
            on_intents={edit_intents}
            on_waba_id={edit(|s, v| s.waba_id = AttrValue::from(v))}
            on_app_id={edit(|s, v| s.app_id = AttrValue::from(v))} />
    }
}

/// What the diagnoser's result side has to show, for a [`ResultView`].
pub struct Shown {
    pub diagnosis: Rc<Diagnosis>,
    /// The diagnoser's state, which the scope check edits.
    pub state: DiagnoserState,
    pub on_change: Callback<DiagnoserState>,
    /// Nothing was pasted: only the scope check may show.
    pub empty: bool,
    pub scope_check: bool,
    /// The sharing controls.
    pub share: Html,
}

/// How the diagnoser shows its result. Each is a callback, so that a host
/// links only the one it passes: the guide's decoder none of the full
/// result's parts, the app no compact one.
#[derive(Clone, PartialEq)]
pub enum ResultView {
    /// Everything ([`ResultView::full`]): the app's diagnose view.
    Full(Callback<Shown, Html>),
    /// The verdict and the top finding ([`ResultView::compact`]): embeds.
    Compact(Callback<Shown, Html>),
}

impl ResultView {
    /// The scope check alone while nothing is pasted (if it is wanted),
    /// else the [`DiagnosisView`].
    pub fn full(guide_base: AttrValue) -> ResultView {
        ResultView::Full(Callback::from(move |shown: Shown| {
            let Shown {
                diagnosis,
                state,
                on_change,
                empty,
                scope_check,
                share,
            } = shown;
            match (empty, scope_check) {
                (true, false) => Html::default(),
                (true, true) => scope_matrix_of(&diagnosis, &state, &on_change),
                (false, _) => html! {
                    <DiagnosisView {diagnosis} now={state.now} context={state} on_context={on_change}
                        {scope_check} {share} guide_base={guide_base.clone()} />
                },
            }
        }))
    }

    /// The [`TopFinding`] once something is pasted.
    pub fn compact(guide_base: AttrValue) -> ResultView {
        ResultView::Compact(Callback::from(move |shown: Shown| {
            if shown.empty {
                return Html::default();
            }
            html! { <TopFinding diagnosis={shown.diagnosis} guide_base={guide_base.clone()} /> }
        }))
    }

    pub fn is_full(&self) -> bool {
        matches!(self, ResultView::Full(_))
    }

    /// The result for `shown`.
    pub fn show(&self, shown: Shown) -> Html {
        match self {
            ResultView::Full(view) | ResultView::Compact(view) => view.emit(shown),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct TopFindingProps {
    pub diagnosis: Rc<Diagnosis>,
    /// Where the guide lives, ending in `/`.
    pub guide_base: AttrValue,
}

/// A diagnosis in brief, for embedding: the verdict and the top finding.
#[component]
pub fn TopFinding(props: &TopFindingProps) -> Html {
    let top = use_memo(props.diagnosis.clone(), |d| {
        d.findings.iter().take(1).cloned().collect::<Vec<_>>()
    });
    html! {
        <>
            <VerdictBanner diagnosis={props.diagnosis.clone()} />
            <section class="findings-section" aria-label="Findings">
                <h2>{ "Top finding" }</h2>
                <FindingList findings={top} guide_base={props.guide_base.clone()} />
            </section>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct DiagnosisViewProps {
    pub diagnosis: Rc<Diagnosis>,
    /// Unix seconds the times are described relative to.
    pub now: i64,
    /// The scope check's context, and where its changes go.
    pub context: DiagnoserState,
    pub on_context: Callback<DiagnoserState>,
    /// Show the scope check right under the verdict.
    pub scope_check: bool,
    /// The sharing controls, shown under the scope check.
    #[prop_or_default]
    pub share: Html,
    /// Where the guide lives, ending in `/`.
    pub guide_base: AttrValue,
}

#[component]
pub fn DiagnosisView(props: &DiagnosisViewProps) -> Html {
    let diagnosis = &props.diagnosis;
    let findings = use_memo(diagnosis.clone(), |d| Rc::new(d.findings.clone()));
    // The finding chosen to mark its part of the input, by position and
    // `About::key`; it lapses when the findings change under it.
    let chosen = use_state(|| None::<(usize, String)>);
    let chosen_now = chosen.as_ref().filter(|(i, key)| {
        findings
            .get(*i)
            .and_then(|f| f.about.as_ref())
            .is_some_and(|about| &about.key() == key)
    });
    let on_choose = diagnosis.payload.is_some().then(|| {
        let chosen = chosen.clone();
        Callback::from(move |c: Option<(usize, String)>| chosen.set(c))
    });
    let marked = chosen_now.map(|(_, key)| AttrValue::from(key.clone()));
    let chosen_index = chosen_now.map(|(i, _)| *i);
    let timeline = match &diagnosis.payload {
        Some(Payload::DebugToken(t)) => html! {
            <TokenTimeline issued_at={t.issued_at} expires_at={t.expires_at}
                data_access_expires_at={t.data_access_expires_at} now={props.now} />
        },
        _ => Html::default(),
    };
    html! {
        <>
            <VerdictBanner diagnosis={diagnosis.clone()} />
            if props.scope_check {
                { scope_matrix_of(diagnosis, &props.context, &props.on_context) }
            }
            { props.share.clone() }
            <section class="findings-section" aria-label="Findings">
                <h2>{ "Findings" }</h2>
                <FindingList findings={(*findings).clone()} guide_base={props.guide_base.clone()}
                    {on_choose} chosen={chosen_index} />
            </section>
            { timeline }
            <PayloadTable payload={diagnosis.payload.clone()} now={props.now} {marked} />
        </>
    }
}
