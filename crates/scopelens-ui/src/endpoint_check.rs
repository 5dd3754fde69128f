//! Endpoint check: which permission an API call needs, and whether the
//! token (or permission list) in the input grants it.

use crate::util::{clip, event_value, source_links};
use scopelens_core::kb::endpoints::Confidence;
use scopelens_core::kb::match_endpoint;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EndpointCheckProps {
    /// What the user typed, e.g. `POST /v24.0/123/messages`.
    pub request: AttrValue,
    pub on_request: Callback<String>,
    /// Permissions the pasted input grants; `None` when nothing with scopes was pasted.
    #[prop_or_default]
    pub granted: Option<Vec<String>>,
}

const EXAMPLES: &[&str] = &[
    "POST /v24.0/123/messages",
    "GET /v24.0/123/message_templates",
    "POST /v24.0/123/register",
    "https://graph.facebook.com/v24.0/123/subscribed_apps",
];

#[component]
pub fn EndpointCheck(props: &EndpointCheckProps) -> Html {
    let oninput = {
        let cb = props.on_request.clone();
        Callback::from(move |e: InputEvent| cb.emit(event_value(&e)))
    };
    let result = if props.request.trim().is_empty() {
        html! { <p class="hint">{ "Type a request: the method, then the path or the full URL." }</p> }
    } else {
        match match_endpoint(&props.request) {
            Err(e) => {
                html! { <p class="error-message" role="alert">{ clip(&format!("Cannot read this request: {e}.")) }</p> }
            }
            Ok(m) if m.candidates.is_empty() => html! {
                <p class="note no-match">
                    { clip(&format!("No known endpoint matches {} {}. ", m.method, m.path)) }
                    { "Check the method and the edge name; scopelens knows the WhatsApp Cloud API and Business Management API endpoints." }
                </p>
            },
            Ok(m) => html! {
                <>
                    <p class="parsed">
                        { "Read as " }<code>{ clip(&format!("{} {}", m.method, m.path)) }</code>
                        if let Some(v) = &m.version { { format!(" (Graph API {v})") } }
                        if m.candidates.len() > 1 {
                            { format!(". {} endpoints have this shape (IDs look alike); the most likely comes first.", m.candidates.len()) }
                        }
                    </p>
                    <ol class="candidates">
                        for e in m.candidates.iter() {
                            <li class="candidate" data-path={e.path}>
                                <h3><code>{ format!("{} {}", e.method, e.path) }</code></h3>
                                <p>{ e.summary }</p>
                                if e.permissions.is_empty() {
                                    <p class="needs">{ "Needs no particular permission." }</p>
                                } else {
                                    <ul class="needs">
                                        for p in e.permissions.iter() {
                                            <li data-permission={*p} data-granted={
                                                props.granted.as_ref().map(|g| g.iter().any(|s| s == p).to_string()).unwrap_or_default()
                                            }>
                                                { "Needs " }<code>{ *p }</code>
                                                { match &props.granted {
                                                    None => " — paste a token's debug_token response to check it".to_string(),
                                                    Some(g) if g.iter().any(|s| s == p) => " — ✓ the pasted token has it".to_string(),
                                                    Some(_) => " — ✗ the pasted token does not have it".to_string(),
                                                } }
                                            </li>
                                        }
                                    </ul>
                                }
                                <p class="note">{ e.note }</p>
                                if e.confidence == Confidence::Inferred {
                                    <p class="confidence">{ "Inferred from the permission's description; Meta does not state it for this endpoint." }</p>
                                }
                                { source_links(e.sources) }
                            </li>
                        }
                    </ol>
                </>
            },
        }
    };
    html! {
        <section class="endpoint-check" aria-label="Endpoint check">
            <h2>{ "Which permission does this call need?" }</h2>
            <label>
                { "Request " }
                <input type="text" class="sl-request" autocomplete="off" spellcheck="false"
                    placeholder="POST /v24.0/123/messages" value={props.request.clone()} {oninput} />
            </label>
            <div class="examples" role="group" aria-label="Example requests">
                for ex in EXAMPLES.iter() {
                    <button type="button" class="example" onclick={
                        let cb = props.on_request.clone();
                        Callback::from(move |_: MouseEvent| cb.emit(ex.to_string()))
                    }><code>{ *ex }</code></button>
                }
            </div>
            if props.granted.is_none() {
                <p class="hint">{ "No token in the Diagnose box: paste a debug_token response there to check its scopes against the call." }</p>
            }
            <div class="endpoint-result" aria-live="polite">{ result }</div>
        </section>
    }
}
