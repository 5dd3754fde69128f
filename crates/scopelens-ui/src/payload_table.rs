//! The decoded payload as a table: each field with its value in words and an
//! explanation shown on hover and on keyboard focus.
//!
//! Field explanations live here for now; they belong in the core's
//! knowledge base once it has field docs.

use crate::copy::CopyButton;
use crate::util::{clip, time_words};
use scopelens_core::diagnose::token_family_title;
use scopelens_core::kb::fields::field;
use scopelens_core::model::{
    DebugToken, ErrorData, ErrorPlace, GraphError, Payload, PermissionList, PermissionStatus,
    TokenShape, WebhookError,
};
use scopelens_core::InputKind;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PayloadTableProps {
    pub payload: Option<Payload>,
    /// Unix seconds the times are described relative to.
    pub now: i64,
}

/// The knowledge base's meaning of a field, or the local fallback.
fn meaning(kind: InputKind, name: &str, fallback: &'static str) -> &'static str {
    let key = name
        .strip_prefix("error_data.")
        .filter(|_| kind == InputKind::WebhookError)
        .unwrap_or(name);
    field(kind, key).map_or(fallback, |f| f.meaning)
}

/// One table row. The field name is focusable and carries its explanation
/// both as `title` (hover) and as a tooltip shown on focus.
fn row(name: &'static str, value: Html, explain: &'static str) -> Html {
    html! {
        <tr data-field={name}>
            <th scope="row">
                <span class="field" tabindex="0" title={explain}>
                    <code>{ name }</code>
                    <span class="tip" role="tooltip">{ explain }</span>
                </span>
            </th>
            <td>{ value }</td>
        </tr>
    }
}

fn text(value: impl Into<String>) -> Html {
    let value: String = value.into();
    html! { <span class="value">{ clip(&value) }</span> }
}

fn opt_row(name: &'static str, value: Option<String>, explain: &'static str) -> Html {
    value
        .map(|v| row(name, text(v), explain))
        .unwrap_or_default()
}

fn table(caption: String, rows: Html) -> Html {
    html! {
        <div class="table-wrap">
            <table class="payload-table">
                <caption>{ caption }</caption>
                <thead><tr><th scope="col">{ "Field" }</th><th scope="col">{ "Value" }</th></tr></thead>
                <tbody>{ rows }</tbody>
            </table>
        </div>
    }
}

/// How many webhook error objects get a table each. A log excerpt can hold
/// thousands; laying out a table for every one froze the page for seconds
/// per megabyte, and the findings already count them all by code.
const MAX_WEBHOOK_TABLES: usize = 10;
/// How many permissions or granular scopes are listed.
const MAX_LIST_ROWS: usize = 200;

/// The first `max` items, and how many are left out.
fn first<T>(items: &[T], max: usize) -> (&[T], usize) {
    let shown = &items[..items.len().min(max)];
    (shown, items.len() - shown.len())
}

/// Says how many items were left out of a table, if any.
fn left_out(hidden: usize, what: &str) -> Html {
    if hidden == 0 {
        return Html::default();
    }
    html! { <p class="note left-out">{ format!("{hidden} more {what} not shown here.") }</p> }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

fn debug_token(t: &DebugToken, now: i64) -> Html {
    let time_row = |name, at: Option<i64>, explain| {
        at.map(|at| {
            row(
                name,
                text(format!("{at} → {}", time_words(now, at))),
                meaning(InputKind::DebugToken, name, explain),
            )
        })
        .unwrap_or_default()
    };
    let granular = if t.granular_scopes.is_empty() {
        Html::default()
    } else {
        let (shown, hidden) = first(&t.granular_scopes, MAX_LIST_ROWS);
        let items = html! {
            <>
            <ul class="granular">
                for g in shown.iter() {
                    <li>
                        <code>{ clip(&g.scope) }</code>
                        { match &g.target_ids {
                            Some(ids) if !ids.is_empty() => clip(&format!(": only {}", ids.join(", "))),
                            Some(_) => ": no targets".to_string(),
                            None => ": every asset the token reaches".to_string(),
                        } }
                    </li>
                }
            </ul>
            { left_out(hidden, "granular scopes") }
            </>
        };
        row("granular_scopes", items, meaning(InputKind::DebugToken, "granular_scopes", "Per-permission limits: target_ids lists the only assets the permission applies to."))
    };
    let error = t.error.as_ref().map(|e| {
        let mut parts = vec![];
        if let Some(c) = e.code {
            parts.push(format!("code {c}"));
        }
        if let Some(s) = e.subcode {
            parts.push(format!("subcode {s}"));
        }
        if let Some(m) = &e.message {
            parts.push(m.clone());
        }
        row(
            "error",
            text(parts.join(" · ")),
            meaning(
                InputKind::DebugToken,
                "error",
                "Why Meta considers the token invalid.",
            ),
        )
    });
    let rows = html! {
        <>
            { opt_row("app_id", t.app_id.clone(), meaning(InputKind::DebugToken, "app_id", "The app the token was issued for. Calls made with it act on behalf of this app only.")) }
            { opt_row("type", t.token_type.as_ref().map(|k| format!("{} ({})", k.title(), match k {
                scopelens_core::model::TokenType::Other(n) => n.clone(),
                _ => serde_type_name(k).to_string(),
            })), meaning(InputKind::DebugToken, "type", "USER, SYSTEM_USER, PAGE or APP.")) }
            { opt_row("application", t.application.clone(), meaning(InputKind::DebugToken, "application", "The app's display name.")) }
            { opt_row("is_valid", t.is_valid.map(|b| yes_no(b).to_string()), meaning(InputKind::DebugToken, "is_valid", "Whether Meta accepts the token right now. false means every call with it fails, whatever the expiry date says.")) }
            { time_row("issued_at", t.issued_at, "When the token was issued (unix seconds). Only long-lived tokens report it.") }
            { time_row("expires_at", t.expires_at, "When the token stops working (unix seconds). 0 means it never expires.") }
            { time_row("data_access_expires_at", t.data_access_expires_at, "When access to user data ends (unix seconds), even if the token itself is still valid. 0 means never. Renewed when the person uses the app again.") }
            { row("scopes", text(if t.scopes.is_empty() { "(none)".to_string() } else { t.scopes.join(", ") }), meaning(InputKind::DebugToken, "scopes", "The permissions granted to this token.")) }
            { granular }
            { opt_row("user_id", t.user_id.clone(), meaning(InputKind::DebugToken, "user_id", "The user or system user the token acts as.")) }
            { opt_row("profile_id", t.profile_id.clone(), meaning(InputKind::DebugToken, "profile_id", "For Page tokens: the Page the token acts as.")) }
            { opt_row("metadata", t.metadata.as_ref().map(|m| m.to_string()), meaning(InputKind::DebugToken, "metadata", "Extra details Meta adds, such as auth_type or sso.")) }
            { error.unwrap_or_default() }
        </>
    };
    table("debug_token response".to_string(), rows)
}

fn serde_type_name(k: &scopelens_core::model::TokenType) -> &'static str {
    use scopelens_core::model::TokenType::*;
    match k {
        User => "USER",
        Page => "PAGE",
        App => "APP",
        SystemUser => "SYSTEM_USER",
        Other(_) => "",
    }
}

fn permissions(list: &PermissionList) -> Html {
    let (shown, hidden) = first(&list.entries, MAX_LIST_ROWS);
    html! {
        <div class="table-wrap">
            <table class="payload-table">
                <caption>{ "/me/permissions response" }</caption>
                <thead><tr><th scope="col">{ "Permission" }</th><th scope="col">{ "Status" }</th></tr></thead>
                <tbody>
                    for e in shown.iter() {
                        <tr data-permission={e.permission.clone()}>
                            <th scope="row"><code>{ clip(&e.permission) }</code></th>
                            <td>{ match &e.status {
                                PermissionStatus::Granted => "granted".to_string(),
                                PermissionStatus::Declined => "declined: the person unticked it in the login dialog".to_string(),
                                PermissionStatus::Expired => "expired: ask for it again".to_string(),
                                PermissionStatus::Other(s) => clip(s),
                            } }</td>
                        </tr>
                    }
                </tbody>
            </table>
            { left_out(hidden, "permissions") }
            if list.has_more_pages {
                <p class="note">{ "The response has more pages (paging.next): permissions on later pages are not shown." }</p>
            }
        </div>
    }
}

fn error_data(d: &ErrorData) -> Html {
    html! {
        <>
            { opt_row("error_data.details", d.details.clone(), meaning(InputKind::GraphError, "error_data", "Meta's more specific description of what went wrong; often names the parameter or the reason.")) }
            { opt_row("error_data.messaging_product", d.messaging_product.clone(), meaning(InputKind::GraphError, "error_data.messaging_product", "The product the error came from (whatsapp).")) }
            { opt_row("error_data (other)", d.other.as_ref().map(|v| v.to_string()), meaning(InputKind::GraphError, "error_data (other)", "Other error details, such as blame_field_specs naming the field at fault.")) }
        </>
    }
}

fn graph_error(e: &GraphError) -> Html {
    let trace = e.fbtrace_id.as_ref().map(|id| {
        row(
            "fbtrace_id",
            html! {
                <>
                    <code class="value trace-id">{ clip(id) }</code>
                    { " " }
                    <CopyButton text={AttrValue::from(id.clone())} label="Copy fbtrace_id" />
                </>
            },
            meaning(
                InputKind::GraphError,
                "fbtrace_id",
                "Meta's internal ID for this request. Quote it in a support ticket.",
            ),
        )
    });
    let rows = html! {
        <>
            { opt_row("code", e.code.map(|c| c.to_string()), meaning(InputKind::GraphError, "code", "The error code. Look it up below or in the error reference.")) }
            { opt_row("error_subcode", e.error_subcode.map(|c| c.to_string()), meaning(InputKind::GraphError, "error_subcode", "Refines the code: for 190, 463 means expired, 460 password changed, 467 logged out…")) }
            { opt_row("type", e.error_type.clone(), meaning(InputKind::GraphError, "type", "The exception class: OAuthException for token and permission problems, GraphMethodException for wrong IDs or edges.")) }
            { opt_row("message", e.message.clone(), meaning(InputKind::GraphError, "message", "Meta's message for developers. Not meant for end users.")) }
            { opt_row("error_user_title", e.error_user_title.clone(), meaning(InputKind::GraphError, "error_user_title", "A title Meta suggests showing to the end user.")) }
            { opt_row("error_user_msg", e.error_user_msg.clone(), meaning(InputKind::GraphError, "error_user_msg", "A message Meta suggests showing to the end user.")) }
            { opt_row("is_transient", e.is_transient.map(|b| yes_no(b).to_string()), meaning(InputKind::GraphError, "is_transient", "true means a temporary problem on Meta's side: retry later with back-off.")) }
            { e.error_data.as_ref().map(error_data).unwrap_or_default() }
            { trace.unwrap_or_default() }
        </>
    };
    table("Graph API error".to_string(), rows)
}

fn place_words(p: ErrorPlace) -> &'static str {
    match p {
        ErrorPlace::Value => "value.errors: a problem with the app, account or system",
        ErrorPlace::Status => "statuses[].errors: an outgoing message failed",
        ErrorPlace::Message => "messages[].errors: an incoming message could not be processed",
        ErrorPlace::Standalone => "an error object on its own",
    }
}

fn webhook_error(e: &WebhookError, n: usize, now: i64) -> Html {
    let rows = html! {
        <>
            { opt_row("code", e.code.map(|c| c.to_string()), meaning(InputKind::WebhookError, "code", "The WhatsApp error code. Look it up below or in the error reference.")) }
            { opt_row("title", e.title.clone(), meaning(InputKind::WebhookError, "title", "Meta's short name for the error.")) }
            { opt_row("message", e.message.clone(), meaning(InputKind::WebhookError, "message", "Meta's message for the error.")) }
            { opt_row("error_data.details", e.details.clone(), meaning(InputKind::WebhookError, "error_data.details", "Meta's more specific description of what went wrong.")) }
            { opt_row("href", e.href.clone(), meaning(InputKind::WebhookError, "href", "Where Meta says the code is documented (shown as text: it came from the paste).")) }
            { row("where", text(place_words(e.place)), "Where in the webhook the error object sat; it decides whose problem it is.") }
            { opt_row("waba_id", e.waba_id.clone(), "The WhatsApp Business Account the webhook was delivered for (entry[].id).") }
            { opt_row("phone_number_id", e.phone_number_id.clone(), meaning(InputKind::WebhookError, "phone_number_id", "The business phone number the webhook is about.")) }
            { opt_row("message id", e.message_id.clone(), meaning(InputKind::WebhookError, "message id", "The wamid of the message concerned.")) }
            { opt_row("recipient_id", e.recipient_id.clone(), meaning(InputKind::WebhookError, "recipient_id", "The customer's WhatsApp ID.")) }
            { opt_row("status", e.status.clone(), meaning(InputKind::WebhookError, "status", "The message status reported (failed, sent, delivered…).")) }
            { e.timestamp.map(|t| row("timestamp", text(format!("{t} → {}", time_words(now, t))), "When Meta recorded the event (unix seconds).")).unwrap_or_default() }
        </>
    };
    table(format!("Webhook error {n}"), rows)
}

fn token_shape(t: &TokenShape) -> Html {
    let rows = html! {
        <>
            { row("kind", text(token_family_title(t.family)), "EAA… tokens are user or system user tokens; APP_ID|SECRET is an app token. Check what it can do with debug_token.") }
            { row("preview", text(t.preview.clone()), "The start of the token and its length. The rest was removed and is never shown, copied or shared.") }
            { opt_row("app_id", t.app_id.clone(), "For app tokens: the app ID before the | (public).") }
            { row("Bearer prefix", text(if t.had_bearer_prefix { "present (removed before reading)" } else { "absent" }), "Whether the paste started with `Bearer ` or an Authorization header.") }
        </>
    };
    table("Access token".to_string(), rows)
}

#[component]
pub fn PayloadTable(props: &PayloadTableProps) -> Html {
    let Some(payload) = &props.payload else {
        return Html::default();
    };
    let body = match payload {
        Payload::DebugToken(t) => debug_token(t, props.now),
        Payload::Permissions(list) => permissions(list),
        Payload::GraphError(e) => graph_error(e),
        Payload::WebhookError(w) if w.errors.is_empty() => {
            html! { <p class="note">{ "This webhook carries no error objects." }</p> }
        }
        Payload::WebhookError(w) => {
            let (shown, hidden) = first(&w.errors, MAX_WEBHOOK_TABLES);
            html! {
                <>
                    for (i, e) in shown.iter().enumerate() {
                        { webhook_error(e, i + 1, props.now) }
                    }
                    { left_out(hidden, "error objects (the findings count every one of them)") }
                </>
            }
        }
        Payload::AccessToken(t) => token_shape(t),
    };
    html! {
        <section class="payload" aria-label="Decoded payload">
            <h2>{ "Decoded payload" }</h2>
            <p class="hint">{ "Hover over or tab to a field name to see what it means." }</p>
            { body }
        </section>
    }
}
