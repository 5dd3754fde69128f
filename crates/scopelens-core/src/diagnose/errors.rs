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
                    format!("Error {label}: {} — {}", entry.title, chosen.cause.title),
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

/// "The steps below follow from the words “…” in Meta's answer: <why>." The
/// evidence is named so that a reader can check the choice against the paste.
fn cause_sentence(chosen: &Selection) -> String {
    format!(
        "The steps below follow from {}: {}",
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
    let mut code_finding = explain_code(e.code, e.error_subcode, &said);
    if e.code.is_some() {
        code_finding = code_finding.about_field("code");
    }
    let mut out = vec![code_finding];
    let texts = [
        ("message", e.message.as_deref()),
        ("error_user_msg", e.error_user_msg.as_deref()),
        ("error_data.details", details.as_deref()),
    ];
    let named = texts.into_iter().find_map(|(field, text)| {
        text.and_then(permissions::named_in)
            .map(|permission| (field, permission))
    });
    if let Some((field, permission)) = named {
        out.push(permission_named(permission).about_field(field));
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
            .sources(&[sources::GRAPH_ERRORS, sources::WA_ERRORS])
            .about_field("fbtrace_id"),
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
            .sources(&[sources::GRAPH_ERRORS])
            .about_field("is_transient"),
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
            if code.is_some() {
                finding = finding.about_field("code");
            }
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

#[cfg(test)]
mod tests {
    use crate::diagnose::{diagnose, Context, Finding};
    use crate::kb::errors::causes::{Cause, Evidence, CAUSES};
    use proptest::prelude::*;

    fn catalog_finding(paste: &str) -> Finding {
        let d = diagnose(paste, &Context::at(1_760_000_000));
        d.findings
            .into_iter()
            .find(|f| f.id == "error.catalog")
            .unwrap_or_else(|| panic!("no catalog finding for {paste}"))
    }

    fn the_cause(id: &str) -> &'static Cause {
        CAUSES
            .iter()
            .find(|c| c.id == id)
            .expect("a cause of that id")
    }

    /// The cause whose steps a finding gives, if any.
    fn cause_shown(finding: &Finding) -> Option<&'static str> {
        CAUSES
            .iter()
            .find(|c| finding.fix.first().map(String::as_str) == Some(c.fix[0]))
            .map(|c| c.id)
    }

    fn graph_error(code: u32, subcode: Option<u32>, message: &str, details: &str) -> String {
        let mut error = serde_json::json!({
            "message": message,
            "type": "OAuthException",
            "code": code,
            "error_data": {"messaging_product": "whatsapp", "details": details},
            "fbtrace_id": "AbCdEfGhIjKlMnOpQrStUvW"
        });
        if let Some(sub) = subcode {
            error["error_subcode"] = sub.into();
        }
        serde_json::json!({ "error": error }).to_string()
    }

    #[test]
    fn the_details_choose_the_steps_and_the_finding_names_them() {
        let paste = graph_error(
            100,
            None,
            "(#100) Invalid parameter",
            "Parameter name is missing or empty",
        );
        let finding = catalog_finding(&paste);
        let cause = the_cause("named_template_sent_positional");
        assert_eq!(&finding.fix[..cause.fix.len()], cause.fix);
        assert!(finding
            .explanation
            .contains("“parameter name is missing or empty”"));
        assert!(finding.title.contains(cause.title));
        assert_eq!(finding.sources[0], cause.source);
    }

    #[test]
    fn an_invalid_parameter_without_evidence_keeps_only_the_generic_steps() {
        let paste = graph_error(100, None, "(#100) Invalid parameter", "Parameter Invalid");
        let finding = catalog_finding(&paste);
        assert_eq!(cause_shown(&finding), None);
        let steps = finding.fix.join(" ").to_ascii_lowercase();
        for other in ["public key", "marketing messages", "parameter_name", "mime"] {
            assert!(!steps.contains(other), "{other} in {steps}");
        }
    }

    #[test]
    fn a_failed_status_in_a_webhook_gets_the_cause_its_details_name() {
        let paste = r#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.HBgLMTU1NTA3ODM4ODEVAgARGBI5QUNCRDc3","status":"failed","timestamp":"1700000000","recipient_id":"15550783881","errors":[{"code":131053,"title":"Media upload error","message":"Media upload error","error_data":{"details":"Unsupported Image mime type image/webp. Please use one of image/png, image/jpeg."}}]}]}}]}]}"#;
        let finding = catalog_finding(paste);
        assert_eq!(cause_shown(&finding), Some("media_type_refused"));
    }

    #[test]
    fn a_subcode_with_its_own_entry_keeps_its_own_steps() {
        let paste = graph_error(
            100,
            Some(2388040),
            "Invalid parameter",
            "Parameter name is missing or empty",
        );
        assert_eq!(cause_shown(&catalog_finding(&paste)), None);
    }

    #[test]
    fn every_cause_fixture_in_the_corpus_shows_its_cause() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap())
                .unwrap();
        let mut seen = 0;
        for fixture in manifest["fixtures"].as_array().unwrap() {
            let Some(expected) = fixture["expect"]["cause"].as_str() else {
                continue;
            };
            let file = fixture["file"].as_str().unwrap();
            let text = std::fs::read_to_string(dir.join(file)).unwrap();
            let now = fixture["context"]["now"].as_i64().unwrap();
            let d = diagnose(&text, &Context::at(now));
            let shown: Vec<Option<&str>> = d
                .findings
                .iter()
                .filter(|f| f.id == "error.catalog")
                .map(cause_shown)
                .collect();
            assert!(shown.contains(&Some(expected)), "{file}: {shown:?}");
            seen += 1;
        }
        assert!(seen >= 10, "only {seen} cause fixtures");
    }

    fn phrases() -> Vec<(&'static Cause, &'static str)> {
        CAUSES
            .iter()
            .flat_map(|c| {
                c.evidence.iter().filter_map(move |e| match e {
                    Evidence::Phrase(p) => Some((c, *p)),
                    Evidence::QuotedPhoneNumber => None,
                })
            })
            .collect()
    }

    proptest! {
        #[test]
        fn every_phrase_in_a_graph_error_or_a_webhook_shows_its_cause(
            index in 0..phrases().len(),
            before in "[0-9 .:]{0,12}",
            after in "[0-9 .:]{0,12}",
            in_details in any::<bool>(),
            as_webhook in any::<bool>(),
        ) {
            let (cause, phrase) = phrases()[index];
            let words = format!("{before}{phrase}{after}");
            let (message, details) = if in_details {
                ("Invalid parameter".to_string(), words)
            } else {
                (words, String::new())
            };
            let paste = if as_webhook && cause.subcode.is_none() {
                serde_json::json!([{
                    "code": cause.code,
                    "title": "Error",
                    "message": message,
                    "error_data": {"details": details}
                }])
                .to_string()
            } else {
                graph_error(cause.code, cause.subcode, &message, &details)
            };
            let finding = catalog_finding(&paste);
            prop_assert_eq!(cause_shown(&finding), Some(cause.id), "{}", paste);
            prop_assert!(finding.explanation.contains(phrase));
        }
    }
}
