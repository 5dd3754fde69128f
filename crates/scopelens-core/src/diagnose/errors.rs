//! Findings for Graph API error payloads and WhatsApp webhook errors, from
//! the error catalog.

use super::{Finding, Severity};
use crate::kb::errors::causes::{self, Selection};
use crate::kb::errors::{lookup_error, ErrorEntry, ErrorLookup, FixableBy};
use crate::kb::{guide, permissions, sources};
use crate::model::{GraphError, WebhookError, WebhookErrors};

/// The catalog entry for a code, if any.
pub(super) fn entry_for(code: u32, subcode: Option<u32>) -> Option<&'static ErrorEntry> {
    match lookup_error(code, subcode) {
        ErrorLookup::Known { entry, .. } => Some(entry),
        ErrorLookup::Unknown { .. } => None,
    }
}

/// Explains one code (with Meta's own words appended as `said`). When those
/// words point at one cause of the code (see `kb::errors::causes`), the
/// finding names the words and gives that cause's steps.
pub fn explain_code(code: Option<u32>, subcode: Option<u32>, said: &[String]) -> Finding {
    let quoted = if said.is_empty() {
        String::new()
    } else {
        format!(" Meta said: {}", said.join(" / "))
    };
    let Some(code) = code else {
        return Finding::new(
            "error.not_in_catalog",
            Severity::Error,
            "An error without a code",
            format!("The error object has no code, so it cannot be looked up.{quoted}"),
        )
        .fix(["Copy the whole response body, including the `code` field."])
        .sources(&[sources::GRAPH_ERRORS])
        .guide(guide::ERRORS);
    };
    match lookup_error(code, subcode) {
        ErrorLookup::Known { entry, subcode_matched } => {
            let severity = if entry.fixable_by == FixableBy::Nobody { Severity::Warning } else { Severity::Error };
            let label = match subcode {
                Some(sub) if !subcode_matched && entry.code == code => format!("{code}/{sub}"),
                _ => entry.label(),
            };
            let words: Vec<&str> = said.iter().map(String::as_str).collect();
            let documented_subcode = if subcode_matched { subcode } else { None };
            let cause = if entry.code == code {
                causes::select(code, documented_subcode, &words)
            } else {
                None
            };
            let steps = cause.as_ref().map_or(entry.fix, |c| c.cause.fix);
            let mut fix: Vec<String> = steps.iter().map(|s| s.to_string()).collect();
            // The retry advice only where no step already says when to retry.
            if !fix.iter().any(|step| step.to_ascii_lowercase().contains("retry")) {
                fix.push(entry.retry.advice().to_string());
            }
            let who = format!(" Who can fix it: {}.", entry.fixable_by.label());
            let (title, explanation, sources) = match &cause {
                Some(chosen) => (
                    format!("Error {label}: {}, {}", entry.title, chosen.cause.title),
                    format!("{} {}{who}{quoted}", cause_sentence(chosen), entry.explanation),
                    with_source(chosen.cause.source, entry.sources),
                ),
                None => (
                    format!("Error {label}: {}", entry.title),
                    format!("{}{who}{quoted}", entry.explanation),
                    entry.sources.to_vec(),
                ),
            };
            Finding::new("error.catalog", severity, title, explanation)
                .code(Some(code), subcode)
                .fix(fix)
                .sources(&sources)
                .guide(guide::error_anchor(&entry.anchor()))
        }
        ErrorLookup::Unknown { family } => Finding::new(
            "error.not_in_catalog",
            Severity::Error,
            format!("Error {code}: not in the catalog"),
            format!(
                "scopelens does not know code {code}. By its number it belongs to {} ({}).{quoted}",
                family.name,
                family.category.title().to_ascii_lowercase()
            ),
        )
        .code(Some(code), subcode)
        .fix([
            "Read the message and error_data.details: they usually name the field or setting at fault.".to_string(),
            "Search Meta's error code reference for the code.".to_string(),
            "If it persists, open a Direct Support ticket with the fbtrace_id.".to_string(),
        ])
        .sources(&[family.source])
        .guide(guide::ERRORS),
    }
}

/// "Chosen from the words “…” in Meta's answer: <why>." The evidence is
/// named so that a reader can check the choice against the paste.
fn cause_sentence(chosen: &Selection) -> String {
    format!(
        "The steps below follow from {} in Meta's answer: {}",
        chosen.matched.describe(),
        chosen.cause.explanation
    )
}

/// The cause's source first, then the entry's, each once.
fn with_source(first: &'static str, rest: &[&'static str]) -> Vec<&'static str> {
    let mut out = vec![first];
    out.extend(rest.iter().filter(|s| **s != first));
    out
}

pub(super) fn graph_findings(e: &GraphError) -> Vec<Finding> {
    let details = e.error_data.as_ref().and_then(|d| d.details.clone());
    let said: Vec<String> = [e.message.clone(), e.error_user_msg.clone(), details.clone()]
        .into_iter()
        .flatten()
        .map(|s| format!("\"{s}\""))
        .collect();
    let mut out = vec![explain_code(e.code, e.error_subcode, &said)];
    let texts = [
        e.message.as_deref(),
        e.error_user_msg.as_deref(),
        details.as_deref(),
    ];
    if let Some(permission) = texts.into_iter().flatten().find_map(permissions::named_in) {
        out.push(permission_named(permission));
    }
    if let Some(trace) = &e.fbtrace_id {
        out.push(
            Finding::new(
                "error.fbtrace_id",
                Severity::Info,
                format!("Trace ID for support: {trace}"),
                "fbtrace_id identifies this exact request in Meta's logs. Include it in a Direct Support ticket; it is only useful for a short time, so file promptly.",
            )
            .fix(["Copy the fbtrace_id into the support ticket together with the request time and endpoint."])
            .sources(&[sources::GRAPH_ERRORS, sources::WA_ERRORS]),
        );
    }
    if e.is_transient == Some(true) {
        out.push(
            Finding::new(
                "error.transient",
                Severity::Info,
                "Meta marks this error as temporary",
                "is_transient is true: the same request may succeed if retried after a short wait.",
            )
            .fix(["Retry with exponential back-off; do not retry in a tight loop."])
            .sources(&[sources::GRAPH_ERRORS]),
        );
    }
    out
}

fn permission_named(permission: &'static str) -> Finding {
    Finding::new(
        "error.permission_named",
        Severity::Error,
        format!("The request needs {permission}"),
        format!("The error names {permission}: the token used does not carry it (or, for another business's account, the app lacks Advanced Access to it)."),
    )
    .permission(permission)
    .fix([
        format!("Check the token's scopes with debug_token; if {permission} is absent, generate a new token with it ticked."),
        "If it is present, check asset access: the system user must have the WhatsApp Business Account assigned with full control.".to_string(),
    ])
    .sources(&[sources::WA_PERMISSIONS, sources::WA_TOKENS])
    .guide(guide::PERMISSIONS)
}

pub(super) fn webhook_findings(w: &WebhookErrors) -> Vec<Finding> {
    if w.errors.is_empty() {
        return vec![Finding::new(
            "webhook.no_errors",
            Severity::Info,
            "No errors in this webhook",
            "The payload carries no errors (in value.errors, statuses[].errors or messages[].errors).",
        )
        .fix(["If a message was not delivered, look for the later status webhook with status \"failed\": a 200 response with a message ID only means Meta accepted the message."])
        .sources(&[sources::WA_WEBHOOK_ERRORS])
        .guide(guide::TROUBLESHOOTING)];
    }
    let mut codes: Vec<Option<u32>> = Vec::new();
    for e in &w.errors {
        if !codes.contains(&e.code) {
            codes.push(e.code);
        }
    }
    codes
        .into_iter()
        .map(|code| {
            let group: Vec<&WebhookError> = w.errors.iter().filter(|e| e.code == code).collect();
            let first = group[0];
            let said: Vec<String> = [
                first.message.clone().or_else(|| first.title.clone()),
                first.details.clone(),
            ]
            .into_iter()
            .flatten()
            .map(|s| format!("\"{s}\""))
            .collect();
            let mut finding = explain_code(code, None, &said);
            finding.explanation.push(' ');
            finding.explanation.push_str(&where_found(&group));
            finding
        })
        .collect()
}

fn where_found(group: &[&WebhookError]) -> String {
    let first = group[0];
    let place = first.place.title();
    let times = if group.len() == 1 {
        "Seen once".to_string()
    } else {
        format!("Seen {} times", group.len())
    };
    let mut out = format!("{times}, {place}.");
    if let Some(recipient) = &first.recipient_id {
        out.push_str(&format!(" Recipient: {recipient}."));
    }
    if let Some(phone) = &first.phone_number_id {
        out.push_str(&format!(" Business phone number ID: {phone}."));
    }
    out
}
