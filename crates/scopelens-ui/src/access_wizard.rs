//! The access-path wizard: a few questions, then the plan from
//! `kb::recommend` (role, access level, App Review, token, steps), an
//! interactive App Review checklist and the common rejection patterns.

use crate::util::{event_checked, guide_href, source_links};
use scopelens_core::kb::access::{Accounts, AppMode, ReviewCheck};
use scopelens_core::kb::guide;
use scopelens_core::kb::intents::INTENTS;
use scopelens_core::kb::{recommend, IntentId};
use yew::prelude::*;

/// Everything the wizard shows; a share link restores it
/// (`SharedView::Wizard`).
pub use scopelens_core::share::WizardState;

#[derive(Properties, PartialEq)]
pub struct AccessWizardProps {
    pub state: WizardState,
    pub on_change: Callback<WizardState>,
    pub guide_base: AttrValue,
}

fn check_title(c: ReviewCheck) -> &'static str {
    c.title()
}

#[component]
pub fn AccessWizard(props: &AccessWizardProps) -> Html {
    let state = &props.state;
    let a = &state.answers;
    let plan = recommend(a);
    // Builds a callback that edits a copy of the state.
    let edit = |f: fn(&mut WizardState, &Event)| {
        let state = state.clone();
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let mut next = state.clone();
            f(&mut next, &e);
            cb.emit(next);
        })
    };
    let done = plan
        .checklist
        .iter()
        .filter(|i| state.checked.iter().any(|c| c == i.id))
        .count();
    let checks = [
        ReviewCheck::Legitimacy,
        ReviewCheck::Proportionality,
        ReviewCheck::Compliance,
    ];
    html! {
        <section class="wizard" aria-label="Access path wizard">
            <h2>{ "Which access path do you need?" }</h2>
            <form class="questions" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <fieldset>
                    <legend>{ "Whose WhatsApp Business Accounts will the app work on?" }</legend>
                    <label><input type="radio" name="sl-accounts" value="own" checked={a.accounts == Accounts::Own}
                        onchange={edit(|s, _| s.answers.accounts = Accounts::Own)} />
                        { " Only my own business's" }</label>
                    <label><input type="radio" name="sl-accounts" value="clients" checked={a.accounts == Accounts::Clients}
                        onchange={edit(|s, _| s.answers.accounts = Accounts::Clients)} />
                        { " Other businesses' (clients)" }</label>
                </fieldset>
                <fieldset>
                    <legend>{ "Onboarding and billing" }</legend>
                    <label><input type="checkbox" name="sl-embedded" checked={a.embedded_signup}
                        onchange={edit(|s, e| s.answers.embedded_signup = event_checked(e))} />
                        { " Clients sign up through Embedded Signup" }</label>
                    <label><input type="checkbox" name="sl-credit" checked={a.shares_credit_line}
                        onchange={edit(|s, e| s.answers.shares_credit_line = event_checked(e))} />
                        { " I pay for clients' messages (share my credit line)" }</label>
                </fieldset>
                <fieldset>
                    <legend>{ "App mode in the App Dashboard" }</legend>
                    <label><input type="radio" name="sl-mode" value="development" checked={a.mode == AppMode::Development}
                        onchange={edit(|s, _| s.answers.mode = AppMode::Development)} />{ " Development" }</label>
                    <label><input type="radio" name="sl-mode" value="live" checked={a.mode == AppMode::Live}
                        onchange={edit(|s, _| s.answers.mode = AppMode::Live)} />{ " Live" }</label>
                </fieldset>
                <fieldset class="intents">
                    <legend>{ "What must the app do? (none ticked: send messages and manage templates)" }</legend>
                    for intent in INTENTS.iter() {
                        <label title={intent.note}>
                            <input type="checkbox" data-intent={intent.slug} checked={a.needs.contains(&intent.id)}
                                onchange={
                                    let state = state.clone();
                                    let cb = props.on_change.clone();
                                    let id: IntentId = intent.id;
                                    Callback::from(move |e: Event| {
                                        let mut next = state.clone();
                                        next.answers.needs.retain(|i| *i != id);
                                        if event_checked(&e) {
                                            next.answers.needs.push(id);
                                            next.answers.needs.sort();
                                        }
                                        cb.emit(next);
                                    })
                                } />
                            { " " }{ intent.title }
                        </label>
                    }
                </fieldset>
            </form>

            <section class="plan" aria-live="polite" data-role={plan.role.title()} data-review={plan.app_review.to_string()}>
                <h3>{ "Your access path" }</h3>
                <dl class="plan-facts">
                    <dt>{ "Role" }</dt><dd class="plan-role">{ plan.role.title() }</dd>
                    <dt>{ "Access level" }</dt>
                    <dd>{ match plan.access_level {
                        scopelens_core::kb::access::AccessLevel::Standard => "Standard Access",
                        scopelens_core::kb::access::AccessLevel::Advanced => "Advanced Access",
                    } }</dd>
                    <dt>{ "App Review" }</dt>
                    <dd class="plan-review">{ if plan.app_review { "App Review required" } else { "No App Review needed" } }</dd>
                    <dt>{ "Token" }</dt><dd>{ plan.token.title() }</dd>
                    <dt>{ "Permissions" }</dt>
                    <dd>
                        for (i, p) in plan.permissions.iter().enumerate() {
                            if i > 0 { { ", " } }
                            <code>{ *p }</code>
                        }
                    </dd>
                    <dt>{ "Timeline" }</dt><dd>{ plan.timeline }</dd>
                </dl>
                <p class="why">{ plan.why.clone() }</p>
                if !plan.warnings.is_empty() {
                    <ul class="warnings">
                        for w in plan.warnings.iter() { <li>{ *w }</li> }
                    </ul>
                }
                <h4>{ "Steps" }</h4>
                <ol class="steps">
                    for s in plan.steps.iter() { <li>{ *s }</li> }
                </ol>
                { source_links(&plan.sources) }
                if let Some(href) = guide_href(&props.guide_base, guide::ACCESS_PATHS) {
                    <p class="guide-link"><a href={href}>{ "Read more in the guide: Access paths" }</a></p>
                }
            </section>

            if !plan.checklist.is_empty() {
                <section class="checklist" aria-label="App Review checklist">
                    <h3>{ "App Review readiness checklist" }</h3>
                    <p class="checklist-progress" role="status">{ format!("{done} of {} ready", plan.checklist.len()) }</p>
                    for check in checks {
                        <fieldset>
                            <legend>{ check_title(check) }</legend>
                            for item in plan.checklist.iter().filter(|i| i.check == check) {
                                <label>
                                    <input type="checkbox" data-item={item.id}
                                        checked={state.checked.iter().any(|c| c == item.id)}
                                        onchange={
                                            let state = state.clone();
                                            let cb = props.on_change.clone();
                                            let id = item.id;
                                            Callback::from(move |e: Event| {
                                                let mut next = state.clone();
                                                next.checked.retain(|c| c != id);
                                                if event_checked(&e) {
                                                    next.checked.push(id.to_string());
                                                }
                                                cb.emit(next);
                                            })
                                        } />
                                    { " " }{ item.text }
                                </label>
                            }
                        </fieldset>
                    }
                </section>
            }
            if !plan.rejection_patterns.is_empty() {
                <section class="rejections" aria-label="Common rejection reasons">
                    <h3>{ "Why App Review submissions get rejected" }</h3>
                    for r in plan.rejection_patterns.iter() {
                        <details class="rejection" data-pattern={r.id}>
                            <summary>{ r.reason }</summary>
                            <p><strong>{ "Rejected: " }</strong>{ r.rejected }</p>
                            <p><strong>{ "Accepted: " }</strong>{ r.accepted }</p>
                            <p><strong>{ "Fix: " }</strong>{ r.correction }</p>
                        </details>
                    }
                    if let Some(href) = guide_href(&props.guide_base, guide::APP_REVIEW) {
                        <p class="guide-link"><a href={href}>{ "Read more in the guide: App Review" }</a></p>
                    }
                </section>
            }
        </section>
    }
}
