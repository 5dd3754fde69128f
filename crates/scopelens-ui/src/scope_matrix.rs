//! Needed versus granted: intents chosen by the user, the WABA and app the
//! token should work for, and one row per permission, including granular
//! targets. Updates as soon as anything changes.

use crate::util::{clip, event_checked, event_value};
use scopelens_core::diagnose::{ScopeRow, ScopeState};
use scopelens_core::kb::intents::{permissions_for, DEFAULT_INTENTS, INTENTS};
use scopelens_core::kb::permissions::permission;
use scopelens_core::kb::IntentId;
use scopelens_core::render::state_words;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ScopeMatrixProps {
    /// Rows from the diagnosis; empty when the input carries no scopes.
    pub rows: Vec<ScopeRow>,
    /// Whether the input is something with scopes (debug_token, /me/permissions).
    pub has_scopes: bool,
    pub intents: Vec<IntentId>,
    pub waba_id: AttrValue,
    pub app_id: AttrValue,
    pub on_intents: Callback<Vec<IntentId>>,
    pub on_waba_id: Callback<String>,
    pub on_app_id: Callback<String>,
}

fn id_problem(label: &str, value: &str) -> Option<String> {
    let v = value.trim();
    (!v.is_empty() && !v.bytes().all(|b| b.is_ascii_digit())).then(|| {
        format!(
            "{label} is a number (digits only), e.g. 102290129340398; \"{}\" is not.",
            clip(&scopelens_core::secrets::redact(v).text)
        )
    })
}

fn state_class(s: ScopeState) -> &'static str {
    match s {
        ScopeState::Granted => "granted",
        ScopeState::NotForWaba => "not-for-waba",
        ScopeState::Missing => "missing",
        ScopeState::Declined => "declined",
        ScopeState::Expired => "expired",
    }
}

/// What the check is against, in words, for the disclosure's summary.
fn checking_for(intents: &[IntentId], waba: &str) -> String {
    let mut what = if intents.is_empty() {
        "production integration".to_string()
    } else {
        INTENTS
            .iter()
            .filter(|i| intents.contains(&i.id))
            .map(|i| i.title.to_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !waba.is_empty() {
        what.push_str(&format!(
            " on WABA {}",
            clip(&scopelens_core::secrets::redact(waba).text)
        ));
    }
    what
}

#[component]
pub fn ScopeMatrix(props: &ScopeMatrixProps) -> Html {
    let effective: &[IntentId] = if props.intents.is_empty() {
        DEFAULT_INTENTS
    } else {
        &props.intents
    };
    let needed = permissions_for(effective);
    let waba = props.waba_id.trim().to_string();
    let waba_problem = id_problem("A WhatsApp Business Account ID", &props.waba_id);
    let app_problem = id_problem("An app ID", &props.app_id);
    let on_waba = {
        let cb = props.on_waba_id.clone();
        Callback::from(move |e: InputEvent| cb.emit(event_value(&e)))
    };
    let on_app = {
        let cb = props.on_app_id.clone();
        Callback::from(move |e: InputEvent| cb.emit(event_value(&e)))
    };
    let targets_cell = |row: &ScopeRow| -> Html {
        // Nothing is granted for a permission the token lacks.
        if !matches!(row.state, ScopeState::Granted | ScopeState::NotForWaba) {
            return html! { <span class="no-grant">{ "none" }</span> };
        }
        match &row.target_ids {
            None => html! { <span class="all-assets">{ "every asset the token reaches" }</span> },
            Some(ids) if ids.is_empty() => html! { <span>{ "no assets" }</span> },
            Some(ids) => html! {
                <ul class="targets">
                    for id in ids.iter() {
                        <li class={classes!((!waba.is_empty() && *id == waba).then_some("this-waba"))}>
                            <code>{ clip(id) }</code>
                            if !waba.is_empty() && *id == waba { { " (this WABA)" } }
                        </li>
                    }
                </ul>
            },
        }
    };
    let checking_for = checking_for(&props.intents, &waba);
    html! {
        <section class="scope-matrix" aria-label="Scope check">
            <h2>{ "Scope check" }</h2>
            if props.has_scopes {
                <div class="table-wrap">
                    <table class="matrix">
                        <caption>{ "Needed permissions versus what the input grants" }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "Permission" }</th>
                                <th scope="col">{ "Needed?" }</th>
                                <th scope="col">{ "Status" }</th>
                                <th scope="col">{ "Granted for" }</th>
                            </tr>
                        </thead>
                        <tbody>
                            for row in props.rows.iter() {
                                <tr class={classes!("scope-row", format!("state-{}", state_class(row.state)), row.needed.then_some("needed"))}
                                    data-permission={row.permission.clone()} data-state={state_class(row.state)}>
                                    <th scope="row">
                                        <code title={permission(&row.permission).map(|p| p.summary).unwrap_or("")}>{ clip(&row.permission) }</code>
                                    </th>
                                    <td>{ if row.needed { "needed" } else { "not needed" } }</td>
                                    <td class="state">{ state_words(row.state) }</td>
                                    <td>{ targets_cell(row) }</td>
                                </tr>
                            }
                        </tbody>
                    </table>
                </div>
            } else {
                <p class="needed-list">
                    { "Needed for this: " }
                    for (i, p) in needed.iter().enumerate() {
                        if i > 0 { { ", " } }
                        <code>{ *p }</code>
                    }
                    { ". Paste a debug_token or /me/permissions response to compare with what a token grants." }
                </p>
            }
            <details class="scope-intents">
            <summary class="checking-for">
                { "Checking for: " }<span class="checking-for-what">{ checking_for }</span>
                { " " }<span class="change">{ "(change)" }</span>
            </summary>
            <fieldset class="intents">
                <legend>{ "What must the token do?" }</legend>
                if props.intents.is_empty() {
                    <p class="hint">{ "Nothing ticked: checking a production integration (send messages and manage templates)." }</p>
                }
                for intent in INTENTS.iter() {
                    <label class="intent" title={intent.note}>
                        <input type="checkbox" data-intent={intent.slug}
                            checked={props.intents.contains(&intent.id)}
                            onchange={
                                let current = props.intents.clone();
                                let cb = props.on_intents.clone();
                                let id = intent.id;
                                Callback::from(move |e: Event| {
                                    // In the table's order, which is `IntentId`'s.
                                    let checked = event_checked(&e);
                                    let next: Vec<IntentId> = INTENTS.iter().map(|i| i.id)
                                        .filter(|i| if *i == id { checked } else { current.contains(i) })
                                        .collect();
                                    cb.emit(next);
                                })
                            } />
                        { " " }{ intent.title }
                    </label>
                }
            </fieldset>
            <div class="ids">
                <label>
                    { "WhatsApp Business Account (WABA) ID " }
                    <input type="text" class="sl-waba" inputmode="numeric" autocomplete="off"
                        value={props.waba_id.clone()} oninput={on_waba} placeholder="e.g. 102290129340398" />
                </label>
                <label>
                    { "App ID " }
                    <input type="text" class="sl-app" inputmode="numeric" autocomplete="off"
                        value={props.app_id.clone()} oninput={on_app} placeholder="e.g. 634974688087057" />
                </label>
            </div>
            </details>
            if let Some(m) = waba_problem { <p class="error-message" role="alert">{ m }</p> }
            if let Some(m) = app_problem { <p class="error-message" role="alert">{ m }</p> }
        </section>
    }
}
