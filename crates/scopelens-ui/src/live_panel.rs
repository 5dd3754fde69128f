//! "Check live": the core's read-only Graph API calls, made from the browser.
//!
//! The panel is the body of a `<details class="live-check">` that its host
//! provides, closed by default with [`SUMMARY`] as its title (the web app
//! loads this component only when that is opened). It says what will be sent
//! and to whom before anything is; the token is read from a password field only when the user starts the
//! check, lives in the running check's memory and that field only, and goes
//! nowhere but the Graph API address shown (as the `access_token` query value,
//! plus `input_token` for debug_token; no `Authorization` header, so there is
//! no CORS preflight). It is never stored, logged, put in the URL, a share link
//! or an attribute, and a reload forgets it.
//!
//! The plan and the reading of the answers are `scopelens_core::live`: each
//! answer goes to `LiveCheck::record`, whose follow-up calls are queued. Every
//! call has a timeout (AbortController) and nothing is retried. The result is
//! shown with the same components as a pasted diagnosis, and is recomputed from
//! the recorded answers when the intents, WABA ID or app ID change.

use crate::diagnoser::DiagnoserState;
use crate::finding_list::FindingList;
use crate::payload_table::PayloadTable;
use crate::scope_matrix::ScopeMatrix;
use crate::share_panel::SharePanel;
use crate::token_timeline::TokenTimeline;
use crate::util::{clip, event_value, now_unix};
use crate::verdict_banner::VerdictBanner;
use scopelens_core::kb::IntentId;
use scopelens_core::live::{self, Call, LiveCheck, LiveReport, Outcome};
use scopelens_core::model::Payload;
use scopelens_core::{Context, Diagnosis, ShareState, SharedView};
use std::collections::VecDeque;
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

/// One check: its settings, the answers so far and what is still to come.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LiveRun {
    id: u32,
    running: bool,
    base: String,
    version: String,
    /// Unix seconds when the check started; the diagnosis is relative to it.
    checked_at: i64,
    answers: Vec<(Call, Outcome)>,
    in_flight: Option<Call>,
    queued: Vec<Call>,
    /// Why the check did not start (nothing was sent).
    refused: Option<String>,
}

pub enum RunAction {
    Start {
        id: u32,
        base: String,
        version: String,
        checked_at: i64,
    },
    Sending {
        id: u32,
        call: Call,
        queued: Vec<Call>,
    },
    Answered {
        id: u32,
        call: Call,
        outcome: Outcome,
    },
    Done {
        id: u32,
    },
    Refuse(String),
}

impl Reducible for LiveRun {
    type Action = RunAction;

    fn reduce(self: Rc<Self>, action: RunAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            RunAction::Start {
                id,
                base,
                version,
                checked_at,
            } => {
                return Rc::new(LiveRun {
                    id,
                    running: true,
                    base,
                    version,
                    checked_at,
                    ..LiveRun::default()
                })
            }
            // Anything from an earlier check is stale.
            RunAction::Sending { id, .. }
            | RunAction::Answered { id, .. }
            | RunAction::Done { id }
                if id != self.id =>
            {
                return self
            }
            RunAction::Sending { call, queued, .. } => {
                next.in_flight = Some(call);
                next.queued = queued;
            }
            RunAction::Answered { call, outcome, .. } => {
                next.in_flight = None;
                next.answers.push((call, outcome));
            }
            RunAction::Done { .. } => {
                next.running = false;
                next.in_flight = None;
                next.queued.clear();
            }
            RunAction::Refuse(reason) => next.refused = Some(reason),
        }
        Rc::new(next)
    }
}

impl LiveRun {
    /// The debug_token answer, which is what a share link carries.
    fn debug_token_body(&self) -> Option<&str> {
        self.answers
            .iter()
            .find_map(|(call, outcome)| match outcome {
                Outcome::Http { body, .. } if *call == Call::DebugToken => Some(body.as_str()),
                _ => None,
            })
    }
}

/// Feeds recorded answers to a fresh check: the same report, under another context.
pub fn replay(answers: &[(Call, Outcome)], ctx: &Context) -> LiveReport {
    let mut check = LiveCheck::new(ctx.clone());
    for (call, outcome) in answers {
        check.record(call, outcome.clone());
    }
    check.report()
}

/// Whether a Content-Security-Policy lets the page connect to `origin`.
/// `connect-src` (else `default-src`) must list the origin, or `'self'` when
/// it is the page's own; anything else the browser would refuse anyway, and
/// its refusal message would quote the URL with the token in it.
pub fn csp_allows(csp: &str, origin: &str, page_origin: &str) -> bool {
    let directives: Vec<Vec<&str>> = csp
        .split(';')
        .map(|d| d.split_whitespace().collect::<Vec<_>>())
        .filter(|d| !d.is_empty())
        .collect();
    let find = |name: &str| {
        directives
            .iter()
            .find(|d| d[0].eq_ignore_ascii_case(name))
            .map(|d| &d[1..])
    };
    let Some(sources) = find("connect-src").or_else(|| find("default-src")) else {
        return true;
    };
    sources.iter().any(|s| {
        let s = s.trim_end_matches('/');
        s.eq_ignore_ascii_case(origin)
            || (s.eq_ignore_ascii_case("'self'") && origin.eq_ignore_ascii_case(page_origin))
    })
}

/// The page's own Content-Security-Policy (from its `<meta>`) and origin.
fn page_csp() -> Option<(String, String)> {
    let document = web_sys::window()?.document()?;
    let meta = document
        .query_selector(r#"meta[http-equiv="Content-Security-Policy" i]"#)
        .ok()??;
    let csp = meta.get_attribute("content")?;
    let url = document.url().ok()?;
    let page_origin = url
        .split_once("://")
        .map(|(s, r)| format!("{s}://{}", r.split('/').next().unwrap_or_default()))
        .unwrap_or_default();
    Some((csp, page_origin))
}

/// What the check needs besides the plan; the tokens live only here.
struct Plan {
    base: String,
    version: String,
    timeout_secs: u32,
    token: String,
    app_token: Option<String>,
    ctx: Context,
}

/// Makes the calls one after another, queueing the follow-ups the core asks for.
async fn drive(id: u32, plan: Plan, dispatch: UseReducerDispatcher<LiveRun>) {
    let mut check = LiveCheck::new(plan.ctx.clone());
    let mut queue: VecDeque<Call> = check.start().into();
    let mut made = 0;
    while let Some(call) = queue.pop_front() {
        made += 1;
        if made > live::MAX_CALLS {
            break;
        }
        dispatch.dispatch(RunAction::Sending {
            id,
            call: call.clone(),
            queued: queue.iter().cloned().collect(),
        });
        let outcome = send(&plan, &call).await;
        queue.extend(check.record(&call, outcome.clone()));
        dispatch.dispatch(RunAction::Answered { id, call, outcome });
    }
    dispatch.dispatch(RunAction::Done { id });
}

/// One GET with a timeout; no retries. Failures say why without the URL
/// (which carries the token).
async fn send(plan: &Plan, call: &Call) -> Outcome {
    use gloo_net::http::Request;
    use web_sys::{ReferrerPolicy, RequestCache, RequestCredentials, RequestMode, RequestRedirect};

    let origin = live::graph_address(&plan.base)
        .map(|a| a.origin)
        .unwrap_or_default();
    let secs = plan.timeout_secs;
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let _timer = controller
        .map(|c| gloo_timers::callback::Timeout::new(secs.saturating_mul(1000), move || c.abort()));
    let bearer = live::authorizing_token(call, &plan.token, plan.app_token.as_deref());
    let url = live::request_url(&plan.base, &plan.version, call, &plan.token, Some(bearer));
    let request = Request::get(&url)
        .mode(RequestMode::Cors)
        .credentials(RequestCredentials::Omit)
        .cache(RequestCache::NoStore)
        .redirect(RequestRedirect::Error)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .abort_signal(signal.as_ref());
    let aborted = || signal.as_ref().is_some_and(|s| s.aborted());
    let timed_out = || Outcome::Failed {
        reason: format!("no answer within {secs} s; the request was stopped and not retried"),
    };
    match request.send().await {
        Ok(response) => {
            let status = response.status();
            match response.text().await {
                Ok(body) => Outcome::Http { status, body },
                Err(_) if aborted() => timed_out(),
                Err(e) => Outcome::Failed {
                    reason: format!(
                        "HTTP {status}, but the answer could not be read ({})",
                        clean_error(&e.to_string())
                    ),
                },
            }
        }
        Err(_) if aborted() => timed_out(),
        Err(e) => Outcome::Failed {
            reason: format!(
                "the browser got no readable answer from {origin}: the network is down, the address is wrong, or the server does not let this page read its answers (CORS); browsers do not say which ({})",
                clean_error(&e.to_string())
            ),
        },
    }
}

/// Error texts from the browser, without anything that could be a secret or a URL.
fn clean_error(text: &str) -> String {
    let redacted = scopelens_core::secrets::redact(text).text;
    let words: Vec<&str> = redacted
        .split_whitespace()
        .filter(|w| !w.contains("://") && !w.contains("access_token") && !w.contains("input_token"))
        .collect();
    let short: String = words.join(" ").chars().take(160).collect();
    if short.is_empty() {
        "no details".into()
    } else {
        short
    }
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
        let findings = Rc::new(report.diagnosis.findings.clone());
        (Rc::new(report), diagnosis, findings)
    });
    let (report, diagnosis, findings): (Rc<LiveReport>, Rc<Diagnosis>, Rc<Vec<_>>) =
        (memo.0.clone(), memo.1.clone(), memo.2.clone());

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

    // The live result's scope matrix edits the same context as the one above.
    let change = |f: fn(&mut DiagnoserState, String)| {
        let state = state.clone();
        let cb = props.on_change.clone();
        Callback::from(move |value: String| {
            let mut next = state.clone();
            f(&mut next, value);
            cb.emit(next);
        })
    };
    let on_waba_id = change(|s, v| s.waba_id = AttrValue::from(v));
    let on_app_id = change(|s, v| s.app_id = AttrValue::from(v));
    let on_intents = {
        let state = state.clone();
        let cb = props.on_change.clone();
        Callback::from(move |intents: Vec<IntentId>| {
            cb.emit(DiagnoserState {
                intents,
                ..state.clone()
            })
        })
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
    let has_scopes = matches!(
        diagnosis.payload,
        Some(Payload::DebugToken(_)) | Some(Payload::Permissions(_))
    );
    let timeline = match &diagnosis.payload {
        Some(Payload::DebugToken(t)) => html! {
            <TokenTimeline issued_at={t.issued_at} expires_at={t.expires_at}
                data_access_expires_at={t.data_access_expires_at} now={run.checked_at} />
        },
        _ => Html::default(),
    };
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
                    <VerdictBanner diagnosis={diagnosis.clone()} />
                    { share }
                    <section class="findings-section" aria-label="Findings">
                        <h2>{ "Findings" }</h2>
                        <FindingList findings={findings.clone()} guide_base={props.guide_base.clone()} />
                    </section>
                    { timeline }
                    <PayloadTable payload={diagnosis.payload.clone()} now={run.checked_at} />
                    <ScopeMatrix rows={diagnosis.scopes.clone()} {has_scopes} intents={state.intents.clone()}
                        waba_id={state.waba_id.clone()} app_id={state.app_id.clone()}
                        {on_intents} {on_waba_id} {on_app_id} />
                </section>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_decides_before_the_browser_does() {
        let prod = "default-src 'none'; script-src 'self'; connect-src 'self' https://graph.facebook.com; base-uri 'none'";
        let page = "https://scopelens.example";
        assert!(csp_allows(prod, "https://graph.facebook.com", page));
        assert!(!csp_allows(prod, "http://127.0.0.1:4711", page));
        assert!(csp_allows(prod, page, page));
        assert!(!csp_allows(
            "default-src 'none'",
            "https://graph.facebook.com",
            page
        ));
        assert!(csp_allows(
            "script-src 'self'",
            "https://graph.facebook.com",
            page
        ));
    }

    #[test]
    fn versions_follow_the_default_and_browser_errors_lose_their_secrets() {
        let v = versions();
        assert_eq!(v[0], live::DEFAULT_VERSION);
        assert_eq!(v.len(), 5);
        assert!(
            !clean_error("TypeError: Failed to fetch https://x/?access_token=EAAabc")
                .contains("EAA")
        );
    }

    #[test]
    fn replay_reads_answers_under_a_new_context() {
        let answers = vec![(
            Call::DebugToken,
            Outcome::Failed {
                reason: "no answer within 2 s".into(),
            },
        )];
        let report = replay(&answers, &Context::at(1_760_000_000));
        assert!(report.diagnosis.has("live.call_failed"));
        assert_eq!(report.calls.len(), 1);
    }
}
