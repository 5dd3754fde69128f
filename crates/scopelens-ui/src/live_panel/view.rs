//! The panel: what will be sent and to whom, the fields, the calls as they
//! go and the result, drawn with the same components as a pasted diagnosis.

use super::state::{replay, LiveRun, RunAction};
use super::transport::{csp_allows, drive, page_csp, Plan};
use crate::diagnoser_state::DiagnoserState;
use crate::diagnosis_view::DiagnosisView;
use crate::share_panel::SharePanel;
use crate::util::{clip, event_value, now_unix};
use scopelens_core::live::{self, Call, LiveReport};
use scopelens_core::{Context, Diagnosis, ShareState, SharedView};
use std::rc::Rc;
use yew::prelude::*;

/// The title of the `<details>` the panel goes in.
pub const SUMMARY: &str = "Check live against the Graph API";

/// Seconds each call may take unless the user sets another timeout.
pub const DEFAULT_TIMEOUT_SECS: u32 = 10;

#[derive(Properties, PartialEq)]
pub struct LivePanelProps {
    /// The diagnose view's state: the intents, WABA ID and app ID chosen in
    /// its scope matrix are the live check's context too.
    pub state: DiagnoserState,
    /// Told when the scope matrix of the live result changes the context.
    pub on_change: Callback<DiagnoserState>,
    /// Where the guide lives, ending in `/`.
    pub guide_base: AttrValue,
    /// Page URL without fragment; when set, the live result can be shared.
    #[prop_or_default]
    pub share_base_url: Option<AttrValue>,
    #[prop_or_default]
    pub on_share: Callback<String>,
    /// The Graph API address the Advanced setting starts with.
    #[prop_or(AttrValue::Static(live::GRAPH_URL))]
    pub graph_url: AttrValue,
}

/// The versions offered: the default and the four before it.
pub fn versions() -> Vec<String> {
    let default = live::DEFAULT_VERSION;
    let major = default
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse::<u32>().ok());
    match major {
        Some(m) => (0..5)
            .filter_map(|i| m.checked_sub(i))
            .map(|v| format!("v{v}.0"))
            .collect(),
        None => vec![default.to_string()],
    }
}

fn input_value(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

fn clear_input(node: &NodeRef) {
    if let Some(i) = node.cast::<web_sys::HtmlInputElement>() {
        i.set_value("");
    }
}

/// The diagnose view's intents, WABA ID and app ID, at `now`. A kind forced
/// for the pasted input does not apply: each answer is read as what it is.
fn live_context(state: &DiagnoserState, now: i64) -> Context {
    Context {
        now,
        kind: None,
        ..state.context()
    }
}

fn context_words(ctx: &Context) -> String {
    let intents = if ctx.intents.is_empty() {
        "a production integration (send messages, manage templates)".to_string()
    } else {
        ctx.intents
            .iter()
            .map(|i| i.intent().title)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let waba = ctx.waba_id.as_deref().map_or_else(
        || "the WABAs the token's scopes name".to_string(),
        |w| format!("WABA {} and the WABAs the token's scopes name", clip(w)),
    );
    let app = ctx.app_id.as_deref().map_or_else(
        || "the token's own app".to_string(),
        |a| format!("app {}", clip(a)),
    );
    format!("Checked for: {intents}; {waba}; subscriptions of {app}.")
}

#[component]
pub fn LivePanel(props: &LivePanelProps) -> Html {
    let state = &props.state;
    let run = use_reducer(LiveRun::default);
    let version = use_state(|| live::DEFAULT_VERSION.to_string());
    let base = use_state(|| props.graph_url.to_string());
    let timeout = use_state(|| DEFAULT_TIMEOUT_SECS.to_string());
    let token_ref = use_node_ref();
    let app_token_ref = use_node_ref();

    let ctx = live_context(state, run.checked_at);
    let memo = use_memo((run.answers.clone(), ctx), |(answers, ctx)| {
        let report = replay(answers, ctx);
        let diagnosis = Rc::new(report.diagnosis.clone());
        (Rc::new(report), diagnosis)
    });
    let (report, diagnosis): (Rc<LiveReport>, Rc<Diagnosis>) = (memo.0.clone(), memo.1.clone());

    let start = {
        let run = run.clone();
        let token_ref = token_ref.clone();
        let app_token_ref = app_token_ref.clone();
        let version = (*version).clone();
        let base = (*base).clone();
        let timeout = (*timeout).clone();
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            if run.running {
                return;
            }
            let token = match live::clean_token(&input_value(&token_ref)) {
                Ok(token) => token,
                Err(why) => {
                    run.dispatch(RunAction::Refuse(why));
                    return;
                }
            };
            let app_text = input_value(&app_token_ref);
            let app_token = match app_text.trim() {
                "" => None,
                text => match live::clean_token(text) {
                    Ok(app) => Some(app),
                    Err(why) => {
                        run.dispatch(RunAction::Refuse(format!("App token: {why}")));
                        return;
                    }
                },
            };
            let version = match live::check_version(&version) {
                Ok(version) => version,
                Err(why) => {
                    run.dispatch(RunAction::Refuse(why));
                    return;
                }
            };
            let (base, origin) = match live::graph_address(&base) {
                Ok(address) => (address.base, address.origin),
                Err(why) => {
                    run.dispatch(RunAction::Refuse(why));
                    return;
                }
            };
            if let Some((csp, page_origin)) = page_csp() {
                if !csp_allows(&csp, &origin, &page_origin) {
                    run.dispatch(RunAction::Refuse(format!(
                        "This page's security policy (Content-Security-Policy) lets it connect only to the Graph API, not to {origin}. Nothing was sent."
                    )));
                    return;
                }
            }
            let timeout_secs = timeout
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|s| (1..=120).contains(s))
                .unwrap_or(DEFAULT_TIMEOUT_SECS);
            let checked_at = now_unix();
            let id = run.id.wrapping_add(1);
            run.dispatch(RunAction::Start {
                id,
                base: base.clone(),
                version: version.clone(),
                checked_at,
            });
            let plan = Plan {
                base,
                version: version.clone(),
                timeout_secs,
                token,
                app_token,
                ctx: live_context(&state, checked_at),
            };
            wasm_bindgen_futures::spawn_local(drive(id, plan, run.dispatcher()));
        })
    };
    let forget = {
        let token_ref = token_ref.clone();
        let app_token_ref = app_token_ref.clone();
        Callback::from(move |_: MouseEvent| {
            clear_input(&token_ref);
            clear_input(&app_token_ref);
        })
    };
    let on_version = {
        let version = version.clone();
        Callback::from(move |e: Event| version.set(event_value(&e)))
    };
    let on_base = {
        let base = base.clone();
        Callback::from(move |e: InputEvent| base.set(event_value(&e)))
    };
    let on_timeout = {
        let timeout = timeout.clone();
        Callback::from(move |e: InputEvent| timeout.set(event_value(&e)))
    };

    let shown_base = live::graph_address(&base)
        .map(|a| a.base)
        .unwrap_or_else(|_| base.trim().to_string());
    let total = run.answers.len() + usize::from(run.in_flight.is_some()) + run.queued.len();
    let status = if run.running {
        format!(
            "Checking live: call {} of {total} so far…",
            (run.answers.len() + 1).min(total.max(1))
        )
    } else if !run.answers.is_empty() {
        format!(
            "Done: {} call{} made, nothing retried. The diagnosis below is made from the answers.",
            run.answers.len(),
            if run.answers.len() == 1 { "" } else { "s" }
        )
    } else {
        String::new()
    };
    let done = !run.running && !run.answers.is_empty();
    let share = match (&props.share_base_url, run.debug_token_body()) {
        (Some(url), Some(body)) if done => {
            let ctx = state.context();
            let share_state = ShareState {
                input: body.to_string(),
                intents: ctx.intents,
                waba_id: ctx.waba_id,
                app_id: ctx.app_id,
                kind: None,
                now: Some(run.checked_at),
                view: Some(SharedView::Diagnose),
            };
            html! {
                <>
                    <p class="hint">{ "Sharing carries the debug_token answer (what the calls after it found is not in the link), never the token." }</p>
                    <SharePanel state={share_state} diagnosis={Some(diagnosis.clone())}
                        base_url={url.clone()} on_share={props.on_share.clone()} />
                </>
            }
        }
        _ => Html::default(),
    };
    let call_rows = report.calls.iter().zip(run.answers.iter()).map(|(summary, (call, _))| {
        let state = if summary.status.is_none() {
            "failed"
        } else if summary.ok {
            "ok"
        } else {
            "error"
        };
        let status = summary
            .status
            .map_or_else(|| "no answer".to_string(), |s| format!("HTTP {s}"));
        html! {
            <li class="live-call" data-call={call.slug()} data-state={state}
                data-status={summary.status.map(|s| s.to_string())}>
                <code class="live-request">{ format!("GET {}", live::shown_url(&run.base, &run.version, call, true)) }</code>
                <span class="live-call-status">{ status }</span>
                <span class="live-note">{ summary.note.clone() }</span>
            </li>
        }
    });
    let pending_rows = run
        .in_flight
        .iter()
        .map(|c| (c, "sending", "sending…"))
        .chain(run.queued.iter().map(|c| (c, "queued", "queued")))
        .map(|(call, state, words)| {
            html! {
                <li class="live-call" data-call={call.slug()} data-state={state}>
                    <code class="live-request">{ format!("GET {}", live::shown_url(&run.base, &run.version, call, true)) }</code>
                    <span class="live-call-status">{ words }</span>
                </li>
            }
        });

    html! {
        <div class="live-body">
            <p class="live-disclosure">
                { "This asks Meta directly instead of reading a pasted answer. When you press " }
                <strong>{ "Check live" }</strong>
                { ", your browser sends the token you enter below to " }
                <code class="live-target">{ shown_base.clone() }</code>
                { " and nowhere else, in read-only GET requests (the token goes in the request address, as Graph API examples do). " }
                { "The token stays in this field: it is not stored, not put in the page address or a share link, and a reload forgets it." }
            </p>
            <ul class="live-plan">
                for call in Call::kinds() {
                    <li><code>{ call.describe() }</code>{ ": " }{ call.explanation() }</li>
                }
            </ul>
            <p class="live-context hint">{ context_words(&state.context()) }{ " Change these in the scope check." }</p>
            <div class="live-fields">
                <label>
                    { "Access token to check " }
                    <input type="password" class="sl-live-token" ref={token_ref}
                        autocomplete="off" spellcheck="false" autocapitalize="off"
                        placeholder="EAA…" />
                </label>
                <label>
                    { "App token for debug_token (optional) " }
                    <input type="password" class="sl-live-app-token" ref={app_token_ref}
                        autocomplete="off" spellcheck="false" autocapitalize="off"
                        placeholder="app-id|app-secret or empty" />
                </label>
                <label>
                    { "API version " }
                    <select class="sl-live-version" onchange={on_version}>
                        for v in versions() {
                            <option value={v.clone()} selected={*version == v}>{ v.clone() }</option>
                        }
                    </select>
                </label>
            </div>
            <p class="hint">{ "Without an app token the token inspects itself with debug_token, which works for tokens of the app's developers and for system users." }</p>
            <details class="live-advanced">
                <summary>{ "Advanced" }</summary>
                <div class="live-fields">
                    <label>
                        { "Graph API address " }
                        <input type="url" class="sl-live-base" value={(*base).clone()} oninput={on_base}
                            autocomplete="off" spellcheck="false" />
                    </label>
                    <label>
                        { "Timeout per call, seconds " }
                        <input type="number" class="sl-live-timeout" min="1" max="120" value={(*timeout).clone()}
                            oninput={on_timeout} />
                    </label>
                </div>
                <p class="hint">{ "The page's security policy allows connections to the Graph API only; another address is refused before anything is sent." }</p>
            </details>
            <div class="live-actions">
                <button type="button" class="live-run" onclick={start} disabled={run.running}>{ "Check live" }</button>
                <button type="button" class="live-forget" onclick={forget}>{ "Forget the tokens" }</button>
            </div>
            if let Some(reason) = &run.refused {
                <p class="error-message live-refused" role="alert">{ reason.clone() }</p>
            }
            <p class="live-status" role="status" aria-live="polite">{ status }</p>
            if total > 0 {
                <ol class="live-calls" aria-label="Calls made">
                    { for call_rows }
                    { for pending_rows }
                </ol>
            }
            if done {
                <section class="live-result" aria-label="Live check result" data-run={run.id.to_string()}>
                    // The live result's scope check edits the same context as the diagnose view's.
                    <DiagnosisView {diagnosis} now={run.checked_at} context={state.clone()}
                        on_context={props.on_change.clone()} scope_check=true {share}
                        guide_base={props.guide_base.clone()} />
                </section>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_follow_the_default() {
        let v = versions();
        assert_eq!(v[0], live::DEFAULT_VERSION);
        assert_eq!(v.len(), 5);
    }
}
