//! The calls, made with the browser's fetch: one GET at a time with a
//! timeout, nothing retried, and the page's own security policy consulted
//! before a token leaves.

use super::state::{LiveRun, RunAction};
use scopelens_core::live::{self, Call, LiveCheck, Outcome};
use scopelens_core::Context;
use std::collections::VecDeque;
use yew::prelude::*;

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
pub(super) fn page_csp() -> Option<(String, String)> {
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
pub(super) struct Plan {
    pub(super) base: String,
    pub(super) version: String,
    pub(super) timeout_secs: u32,
    pub(super) token: String,
    pub(super) app_token: Option<String>,
    pub(super) ctx: Context,
}

/// Makes the calls one after another, queueing the follow-ups the core asks for.
pub(super) async fn drive(id: u32, plan: Plan, dispatch: UseReducerDispatcher<LiveRun>) {
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
    fn browser_errors_lose_their_secrets() {
        assert!(
            !clean_error("TypeError: Failed to fetch https://x/?access_token=EAAabc")
                .contains("EAA")
        );
    }
}
