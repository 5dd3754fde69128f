//! One diagnosis, shown: the verdict, the scope check, sharing, the
//! findings (each able to mark the part of the input it is about), the
//! token's timeline and the decoded payload. The diagnose view shows a
//! pasted input's diagnosis with it, and the live check the diagnosis made
//! from Meta's answers, so both read and behave alike.

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

#[derive(Properties, PartialEq)]
pub struct ScopeCheckProps {
    pub diagnosis: Rc<Diagnosis>,
    /// Holds the intents, WABA ID and app ID the scopes are checked for.
    pub context: DiagnoserState,
    /// Told of the context with the user's change applied.
    pub on_context: Callback<DiagnoserState>,
}

/// The scope matrix of a diagnosis, editing the context it is checked for.
#[component]
pub fn ScopeCheck(props: &ScopeCheckProps) -> Html {
    let context = &props.context;
    let edit = |apply| editing(context, &props.on_context, apply);
    let edit_intents = editing(context, &props.on_context, |s, intents| s.intents = intents);
    let has_scopes = matches!(
        props.diagnosis.payload,
        Some(Payload::DebugToken(_)) | Some(Payload::Permissions(_))
    );
    html! {
        <ScopeMatrix rows={props.diagnosis.scopes.clone()} {has_scopes} intents={context.intents.clone()}
            waba_id={context.waba_id.clone()} app_id={context.app_id.clone()}
            on_intents={edit_intents}
            on_waba_id={edit(|s, v| s.waba_id = AttrValue::from(v))}
            on_app_id={edit(|s, v| s.app_id = AttrValue::from(v))} />
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
    /// A small version for embedding: the verdict and the top finding only.
    #[prop_or_default]
    pub compact: bool,
    /// Where the guide lives, ending in `/`.
    pub guide_base: AttrValue,
}

#[component]
pub fn DiagnosisView(props: &DiagnosisViewProps) -> Html {
    let diagnosis = &props.diagnosis;
    let findings = use_memo((diagnosis.clone(), props.compact), |(d, compact)| {
        let shown = if *compact { 1 } else { d.findings.len() };
        Rc::new(d.findings.iter().take(shown).cloned().collect::<Vec<_>>())
    });
    // The finding chosen to mark its part of the input, by position and
    // `About::key`; it lapses when the findings change under it.
    let chosen = use_state(|| None::<(usize, String)>);
    let chosen_now = chosen.as_ref().filter(|(i, key)| {
        findings
            .get(*i)
            .and_then(|f| f.about.as_ref())
            .is_some_and(|about| &about.key() == key)
    });
    let on_choose = (!props.compact && diagnosis.payload.is_some()).then(|| {
        let chosen = chosen.clone();
        Callback::from(move |c: Option<(usize, String)>| chosen.set(c))
    });
    let marked = chosen_now.map(|(_, key)| AttrValue::from(key.clone()));
    let chosen_index = chosen_now.map(|(i, _)| *i);
    let timeline = match &diagnosis.payload {
        Some(Payload::DebugToken(t)) if !props.compact => html! {
            <TokenTimeline issued_at={t.issued_at} expires_at={t.expires_at}
                data_access_expires_at={t.data_access_expires_at} now={props.now} />
        },
        _ => Html::default(),
    };
    html! {
        <>
            <VerdictBanner diagnosis={diagnosis.clone()} />
            if props.scope_check && !props.compact {
                <ScopeCheck diagnosis={diagnosis.clone()} context={props.context.clone()}
                    on_context={props.on_context.clone()} />
            }
            { props.share.clone() }
            <section class="findings-section" aria-label="Findings">
                <h2>{ if props.compact { "Top finding" } else { "Findings" } }</h2>
                <FindingList findings={(*findings).clone()} guide_base={props.guide_base.clone()}
                    {on_choose} chosen={chosen_index} />
            </section>
            if !props.compact {
                { timeline }
                <PayloadTable payload={diagnosis.payload.clone()} now={props.now} {marked} />
            }
        </>
    }
}
