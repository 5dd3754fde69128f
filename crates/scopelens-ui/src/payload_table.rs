//! The decoded payload as a table: each field with its value in words and an
//! explanation shown on hover and on keyboard focus. The explanations are the
//! knowledge base's (`scopelens_core::kb::fields`).

use crate::copy::CopyButton;
use crate::util::{clip, time_words};
use scopelens_core::diagnose::token_family_title;
use scopelens_core::kb::fields::field;
use scopelens_core::model::{
    DebugToken, ErrorData, GraphError, Payload, PermissionList, PermissionStatus, TokenShape,
    WebhookError,
};
use scopelens_core::InputKind;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PayloadTableProps {
    pub payload: Option<Payload>,
    /// Unix seconds the times are described relative to.
    pub now: i64,
    /// The part a chosen finding is about (`About::key`): its row is marked.
    #[prop_or_default]
    pub marked: Option<AttrValue>,
}

/// A field as the knowledge base names and explains it.
#[derive(Clone, Copy)]
struct Meaning {
    name: &'static str,
    text: &'static str,
}

/// The knowledge base's meaning of a field (`name` as `kb::fields` spells
/// it; a row's label can differ). Every name used here is checked by a test.
fn meaning(kind: InputKind, name: &'static str) -> Meaning {
    Meaning {
        name,
        text: field(kind, name).map_or("", |f| f.meaning),
    }
}

/// One table row. The field name is focusable and carries its explanation
/// both as `title` (hover) and as a tooltip shown on focus; `data-about`
/// is what a finding about this field points at (`About::key`).
fn row(name: &'static str, value: Html, meaning: Meaning) -> Html {
    let explain = meaning.text;
    html! {
        <tr data-field={name} data-about={format!("field:{}", meaning.name)}>
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

fn opt_row(name: &'static str, value: Option<String>, explain: Meaning) -> Html {
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
    let time_row = |name, at: Option<i64>| {
        at.map(|at| {
            row(
                name,
                text(format!("{at} → {}", time_words(now, at))),
                meaning(InputKind::DebugToken, name),
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
        row(
            "granular_scopes",
            items,
            meaning(InputKind::DebugToken, "granular_scopes"),
        )
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
            meaning(InputKind::DebugToken, "error"),
        )
    });
    let rows = html! {
        <>
            { opt_row("app_id", t.app_id.clone(), meaning(InputKind::DebugToken, "app_id")) }
            { opt_row("type", t.token_type.as_ref().map(|k| format!("{} ({})", k.title(), k.id())), meaning(InputKind::DebugToken, "type")) }
            { opt_row("application", t.application.clone(), meaning(InputKind::DebugToken, "application")) }
            { opt_row("is_valid", t.is_valid.map(|b| yes_no(b).to_string()), meaning(InputKind::DebugToken, "is_valid")) }
            { time_row("issued_at", t.issued_at) }
            { time_row("expires_at", t.expires_at) }
            { time_row("data_access_expires_at", t.data_access_expires_at) }
            { row("scopes", text(if t.scopes.is_empty() { "(none)".to_string() } else { t.scopes.join(", ") }), meaning(InputKind::DebugToken, "scopes")) }
            { granular }
            { opt_row("user_id", t.user_id.clone(), meaning(InputKind::DebugToken, "user_id")) }
            { opt_row("profile_id", t.profile_id.clone(), meaning(InputKind::DebugToken, "profile_id")) }
            { opt_row("metadata", t.metadata.as_ref().map(|m| m.to_string()), meaning(InputKind::DebugToken, "metadata")) }
            { error.unwrap_or_default() }
        </>
    };
    table("debug_token response".to_string(), rows)
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
                        <tr data-permission={e.permission.clone()} data-about={format!("permission:{}", e.permission)}>
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
            { opt_row("error_data.details", d.details.clone(), meaning(InputKind::GraphError, "error_data.details")) }
            { opt_row("error_data.messaging_product", d.messaging_product.clone(), meaning(InputKind::GraphError, "error_data.messaging_product")) }
            { opt_row("error_data (other)", d.other.as_ref().map(|v| v.to_string()), meaning(InputKind::GraphError, "error_data")) }
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
            meaning(InputKind::GraphError, "fbtrace_id"),
        )
    });
    let rows = html! {
        <>
            { opt_row("code", e.code.map(|c| c.to_string()), meaning(InputKind::GraphError, "code")) }
            { opt_row("error_subcode", e.error_subcode.map(|c| c.to_string()), meaning(InputKind::GraphError, "error_subcode")) }
            { opt_row("type", e.error_type.clone(), meaning(InputKind::GraphError, "type")) }
            { opt_row("message", e.message.clone(), meaning(InputKind::GraphError, "message")) }
            { opt_row("error_user_title", e.error_user_title.clone(), meaning(InputKind::GraphError, "error_user_title")) }
            { opt_row("error_user_msg", e.error_user_msg.clone(), meaning(InputKind::GraphError, "error_user_msg")) }
            { opt_row("is_transient", e.is_transient.map(|b| yes_no(b).to_string()), meaning(InputKind::GraphError, "is_transient")) }
            { e.error_data.as_ref().map(error_data).unwrap_or_default() }
            { trace.unwrap_or_default() }
        </>
    };
    table("Graph API error".to_string(), rows)
}

fn webhook_error(e: &WebhookError, n: usize, now: i64) -> Html {
    let rows = html! {
        <>
            { opt_row("code", e.code.map(|c| c.to_string()), meaning(InputKind::WebhookError, "code")) }
            { opt_row("title", e.title.clone(), meaning(InputKind::WebhookError, "title")) }
            { opt_row("message", e.message.clone(), meaning(InputKind::WebhookError, "message")) }
            { opt_row("error_data.details", e.details.clone(), meaning(InputKind::WebhookError, "details")) }
            { opt_row("href", e.href.clone(), meaning(InputKind::WebhookError, "href")) }
            { row("where", text(e.place.title()), meaning(InputKind::WebhookError, "place")) }
            { opt_row("waba_id", e.waba_id.clone(), meaning(InputKind::WebhookError, "waba_id")) }
            { opt_row("phone_number_id", e.phone_number_id.clone(), meaning(InputKind::WebhookError, "phone_number_id")) }
            { opt_row("message id", e.message_id.clone(), meaning(InputKind::WebhookError, "message_id")) }
            { opt_row("recipient_id", e.recipient_id.clone(), meaning(InputKind::WebhookError, "recipient_id")) }
            { opt_row("status", e.status.clone(), meaning(InputKind::WebhookError, "status")) }
            { e.timestamp.map(|t| row("timestamp", text(format!("{t} → {}", time_words(now, t))), meaning(InputKind::WebhookError, "timestamp"))).unwrap_or_default() }
        </>
    };
    table(format!("Webhook error {n}"), rows)
}

fn token_shape(t: &TokenShape) -> Html {
    let rows = html! {
        <>
            { row("kind", text(token_family_title(t.family)), meaning(InputKind::AccessToken, "family")) }
            { row("preview", text(t.preview.clone()), meaning(InputKind::AccessToken, "preview")) }
            { opt_row("app_id", t.app_id.clone(), meaning(InputKind::AccessToken, "app_id")) }
            { row("Bearer prefix", text(if t.had_bearer_prefix { "present (removed before reading)" } else { "absent" }), meaning(InputKind::AccessToken, "had_bearer_prefix")) }
        </>
    };
    table("Access token".to_string(), rows)
}

/// Marks the rows whose `data-about` is `key` (`aria-current`), unmarks the
/// rest, and brings the first marked row to the middle of the window if it is out of view.
fn mark_rows(section: &web_sys::Element, key: Option<&str>) {
    let Ok(rows) = section.query_selector_all("tr[data-about]") else {
        return;
    };
    let mut first = None;
    for i in 0..rows.length() {
        let Some(row) = rows
            .item(i)
            .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        else {
            continue;
        };
        if key.is_some() && row.get_attribute("data-about").as_deref() == key {
            let _ = row.set_attribute("aria-current", "true");
            first.get_or_insert(row);
        } else {
            let _ = row.remove_attribute("aria-current");
        }
    }
    if let Some(row) = first {
        crate::util::reveal(&row, "center");
    }
}

#[component]
pub fn PayloadTable(props: &PayloadTableProps) -> Html {
    let section = use_node_ref();
    {
        let section = section.clone();
        let deps = (props.marked.clone(), props.payload.clone());
        use_effect_with(deps, move |(marked, _)| {
            if let Some(el) = section.cast::<web_sys::Element>() {
                mark_rows(&el, marked.as_deref());
            }
        });
    }
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
        <section class="payload" aria-label="Decoded payload" ref={section}>
            <h2>{ "Decoded payload" }</h2>
            <p class="hint">{ "Hover over or tab to a field name to see what it means." }</p>
            { body }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `meaning(kind, "name")` in this file names a field the knowledge
    /// base explains, so no row shows an empty explanation.
    #[test]
    fn every_field_explained_here_is_in_the_knowledge_base() {
        let source = include_str!("payload_table.rs");
        let (code, _tests) = source.split_once("#[cfg(test)]").expect("a test module");
        let mut checked = 0;
        let mut check = |kind: &str, name: &str| {
            let kind = match kind {
                "DebugToken" => InputKind::DebugToken,
                "GraphError" => InputKind::GraphError,
                "WebhookError" => InputKind::WebhookError,
                "AccessToken" => InputKind::AccessToken,
                other => panic!("unexpected kind {other}"),
            };
            assert!(field(kind, name).is_some(), "{kind:?} {name}");
            checked += 1;
        };
        for call in code.split("meaning(InputKind::").skip(1) {
            let (kind, rest) = call.split_once(", ").expect("a kind, then a name");
            // The one call with a variable name is `time_row`'s, checked below.
            if let Some(name) = rest.strip_prefix('"').and_then(|r| r.split('"').next()) {
                check(kind, name);
            }
        }
        for call in code.split("time_row(\"").skip(1) {
            check("DebugToken", call.split('"').next().expect("a quoted name"));
        }
        assert!(checked > 30, "{checked} explanations checked");
    }
}
