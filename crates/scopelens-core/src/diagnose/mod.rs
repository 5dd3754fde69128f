//! From a reading of the input to a [`Diagnosis`]: a verdict and findings,
//! each a stable id, a severity, words a person can act on, and sources.

pub(crate) mod errors;
mod scopes;
mod token;

use crate::input::text::{Basis, TextError};
use crate::input::{self, Envelope, Form, Gaps, InputError};
use crate::kb::intents::{permissions_for, IntentId, DEFAULT_INTENTS};
use crate::kb::{guide, sources};
use crate::model::{InputKind, Payload, TokenFamily};
use crate::names::named_enum;
use serde::{Deserialize, Serialize};

pub use scopes::{ScopeRow, ScopeState};

/// The JSON contract's schema name.
pub const SCHEMA: &str = "scopelens/diagnosis/v1";

/// What the diagnosis is checked against.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// Unix seconds; every "expired" and "expires in" is relative to this.
    pub now: i64,
    /// What the user wants to do; empty means a production integration.
    #[serde(default)]
    pub intents: Vec<IntentId>,
    /// The WhatsApp Business Account being called, if known.
    #[serde(default)]
    pub waba_id: Option<String>,
    /// The app the token should belong to, if known.
    #[serde(default)]
    pub app_id: Option<String>,
    /// Forces the input kind instead of detecting it.
    #[serde(default)]
    pub kind: Option<InputKind>,
}

impl Context {
    pub fn at(now: i64) -> Context {
        Context {
            now,
            ..Context::default()
        }
    }

    /// The intents in force: the user's, or the production default.
    pub fn effective_intents(&self) -> &[IntentId] {
        if self.intents.is_empty() {
            DEFAULT_INTENTS
        } else {
            &self.intents
        }
    }

    pub fn needed_permissions(&self) -> Vec<&'static str> {
        permissions_for(self.effective_intents())
    }

    /// A copy whose typed IDs carry no secret (a token pasted into the
    /// WABA or app ID box must not be echoed by a finding).
    pub fn redacted(&self) -> Context {
        let clean = |s: &Option<String>| s.as_deref().map(|v| crate::secrets::redact(v).text);
        Context {
            waba_id: clean(&self.waba_id),
            app_id: clean(&self.app_id),
            ..self.clone()
        }
    }
}

named_enum! {
    /// How much a finding matters: `error` blocks the integration, `warning`
    /// will (or may) later, `info` is worth knowing. Ordered most severe first.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
    #[cfg_attr(feature = "typescript", derive(tsify_next::Tsify), tsify(missing_as_null))]
    #[serde(rename_all = "snake_case")]
    pub enum Severity {
        Error = "error",
        Warning = "warning",
        Info = "info",
    }
}

named_enum! {
    /// The diagnosis in one word; the CLI's exit status follows it (0 for
    /// `ok` and `warning`, 1 for `action_required`, 2 for `invalid_input`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[cfg_attr(feature = "typescript", derive(tsify_next::Tsify), tsify(missing_as_null))]
    #[serde(rename_all = "snake_case")]
    pub enum Verdict {
        Ok = "ok",
        Warning = "warning",
        ActionRequired = "action_required",
        InvalidInput = "invalid_input",
    }
}

impl Verdict {
    /// The verdict in words, for the banner.
    pub fn headline(self) -> &'static str {
        match self {
            Verdict::Ok => "Looks good: nothing needs fixing.",
            Verdict::Warning => "Works for now, but something needs attention.",
            Verdict::ActionRequired => "Action required: this will keep failing until fixed.",
            Verdict::InvalidInput => "scopelens could not read this input.",
        }
    }

    /// The CLI's exit status for this verdict.
    pub fn exit_code(self) -> i32 {
        match self {
            Verdict::Ok | Verdict::Warning => 0,
            Verdict::ActionRequired => 1,
            Verdict::InvalidInput => 2,
        }
    }
}

/// The answer in one line: the top finding's cause and its first step
/// ("The token expired 2 days ago: generate a new token …"), or the
/// verdict's words when nothing needs doing. The web app's banner, the
/// CLI and a Markdown copy's title all lead with it.
pub fn headline(d: &Diagnosis) -> String {
    let top = match d.verdict {
        Verdict::Ok => None,
        _ => d.findings.first(),
    };
    let Some(top) = top else {
        return d.verdict.headline().to_string();
    };
    let cause = top.title.trim().trim_end_matches(['.', ':']).trim_end();
    match top
        .fix
        .first()
        .map(|step| step.trim())
        .filter(|s| !s.is_empty())
    {
        Some(step) => format!("{cause}: {}", lower_first(step)),
        None => format!("{cause}."),
    }
}

/// Whether retrying the failed request helps, in a few words: from the
/// error catalogue when the top finding carries a code, else from the verdict.
pub fn retry_label(d: &Diagnosis) -> &'static str {
    use crate::kb::{lookup_error, ErrorLookup, Retry};
    let code = d.findings.first().and_then(|f| Some((f.code?, f.subcode)));
    if let Some((code, subcode)) = code {
        if let ErrorLookup::Known { entry, .. } = lookup_error(code, subcode) {
            return match entry.retry {
                Retry::Never => "Retrying will fail the same way",
                Retry::AfterFix => "Retry only after the fix",
                Retry::Backoff => "Safe to retry with back-off",
                Retry::Later => "Retry after a wait",
            };
        }
    }
    match d.verdict {
        Verdict::Ok => "Nothing to fix",
        Verdict::Warning => "Works for now",
        Verdict::ActionRequired => "Fails until fixed",
        Verdict::InvalidInput => "Nothing was diagnosed",
    }
}

/// `step` with its first letter in lower case, to follow a colon, unless
/// the first word is an acronym or a name written in capitals ("WABA", "API").
fn lower_first(step: &str) -> String {
    let mut chars = step.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => first
            .to_lowercase()
            .chain(step[first.len_utf8()..].chars())
            .collect(),
        _ => step.to_string(),
    }
}

/// One thing the diagnosis found: what, why, and what to do.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct Finding {
    /// Stable machine name, e.g. `token.expired`.
    pub id: &'static str,
    pub severity: Severity,
    /// The problem in one line.
    pub title: String,
    /// Why it happens and what it means.
    pub explanation: String,
    /// What to do, step by step.
    pub fix: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subcode: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permission: Option<String>,
    /// Meta's documentation the finding rests on.
    pub sources: Vec<&'static str>,
    /// Page of the guide that explains this, relative to the guide's root.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
    /// The part of the input the finding was made from, for a viewer to point at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub about: Option<About>,
}

/// The part of the input a finding is about: set by the rule from the data
/// it read, so that a viewer can mark it (the app highlights the payload
/// table's row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum About {
    /// A field of the payload, named as `kb::fields` names it for the
    /// payload's kind (`expires_at`, `code`, `error_data.details`).
    Field(&'static str),
    /// One entry of a /me/permissions list, by permission name.
    Permission(String),
}

impl About {
    /// `field:expires_at` or `permission:whatsapp_business_messaging`: one
    /// string for a viewer to match against the parts it shows.
    pub fn key(&self) -> String {
        match self {
            About::Field(name) => format!("field:{name}"),
            About::Permission(name) => format!("permission:{name}"),
        }
    }
}

impl Finding {
    pub(crate) fn new(
        id: &'static str,
        severity: Severity,
        title: impl Into<String>,
        explanation: impl Into<String>,
    ) -> Finding {
        Finding {
            id,
            severity,
            title: title.into(),
            explanation: explanation.into(),
            fix: Vec::new(),
            code: None,
            subcode: None,
            permission: None,
            sources: Vec::new(),
            guide: None,
            about: None,
        }
    }

    pub(crate) fn about(mut self, about: About) -> Finding {
        self.about = Some(about);
        self
    }

    pub(crate) fn about_field(self, name: &'static str) -> Finding {
        self.about(About::Field(name))
    }

    pub(crate) fn fix<S: Into<String>>(mut self, steps: impl IntoIterator<Item = S>) -> Finding {
        self.fix = steps.into_iter().map(Into::into).collect();
        self
    }

    pub(crate) fn sources(mut self, sources: &[&'static str]) -> Finding {
        self.sources = sources.to_vec();
        self
    }

    pub(crate) fn guide(mut self, page: impl Into<String>) -> Finding {
        self.guide = Some(page.into());
        self
    }

    pub(crate) fn permission(mut self, permission: &str) -> Finding {
        self.permission = Some(permission.to_string());
        self
    }

    pub(crate) fn code(mut self, code: Option<u32>, subcode: Option<u32>) -> Finding {
        self.code = code;
        self.subcode = subcode;
        self
    }
}

/// What was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct InputSummary {
    pub kind: InputKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<Form>,
    pub embedded: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub www_authenticate: Option<String>,
    pub secrets_redacted: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<InputError>,
    /// When the kind was forced: what detection alone would have found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detected: Option<InputKind>,
    /// Layers undone before the payload could be read, outermost first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub layers: Vec<input::layers::Layer>,
}

impl InputSummary {
    /// How the input was read, in words, for the line under a verdict:
    /// the notation, the layers undone, whether it was found inside other
    /// text, and the HTTP status.
    pub fn read_as(&self) -> Vec<String> {
        let mut facts = Vec::new();
        facts.extend(self.form.map(|form| form.title().to_string()));
        facts.extend(self.layers.iter().map(|layer| layer.title().to_string()));
        if self.embedded {
            facts.push("found inside other text".to_string());
        }
        facts.extend(self.http_status.map(|status| format!("HTTP {status}")));
        facts
    }
}

/// What scopelens makes of a paste: the `scopelens/diagnosis/v1` JSON contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct Diagnosis {
    /// Always `scopelens/diagnosis/v1`.
    pub schema: &'static str,
    pub input: InputSummary,
    pub verdict: Verdict,
    /// Most severe first (see `Severity`'s order); equals keep the order in
    /// which the checks found them.
    pub findings: Vec<Finding>,
    /// The time the diagnosis is relative to.
    pub now: i64,
    /// Permissions the intents need, and how the input covers them.
    pub scopes: Vec<ScopeRow>,
    /// The decoded payload (secrets already removed), for tables and timelines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<Payload>,
}

impl Diagnosis {
    pub fn kind(&self) -> InputKind {
        self.input.kind
    }

    /// Codes the findings carry, in order of first appearance.
    pub fn codes(&self) -> Vec<u32> {
        let mut codes = Vec::new();
        for code in self.findings.iter().filter_map(|f| f.code) {
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        codes
    }

    pub fn has(&self, id: &str) -> bool {
        self.findings.iter().any(|f| f.id == id)
    }

    /// Adds findings (skipping exact repeats) and recomputes order and verdict.
    pub fn add_findings(&mut self, extra: impl IntoIterator<Item = Finding>) {
        for finding in extra {
            let repeat = self.findings.iter().any(|f| {
                f.id == finding.id && f.permission == finding.permission && f.code == finding.code
            });
            if !repeat {
                self.findings.push(finding);
            }
        }
        self.findings
            .retain(|f| f.id != "permission.review_reminder");
        scopes::add_review_reminder(&mut self.findings);
        order_by_severity(&mut self.findings);
        self.verdict = verdict_of(self.input.error.is_some(), &self.findings);
    }
}

/// Puts the most severe findings first, keeping the order of equals. Every
/// list of findings is ordered here, so that the wasm carries one copy of
/// the standard library's sort for them instead of one per call site.
fn order_by_severity(findings: &mut [Finding]) {
    findings.sort_by_key(|f| f.severity);
    for f in findings.iter_mut() {
        without_repeats(&mut f.fix);
    }
}

/// Drops a fix step that says again what an earlier one said (compared
/// without case, spacing or punctuation). Every list of steps passes here.
fn without_repeats(steps: &mut Vec<String>) {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let mut seen: Vec<String> = Vec::new();
    steps.retain(|step| {
        let k = key(step);
        let repeat = seen.contains(&k);
        seen.push(k);
        !repeat
    });
}

/// Diagnoses pasted text.
pub fn diagnose(text: &str, ctx: &Context) -> Diagnosis {
    let ctx = &ctx.redacted();
    let reading = input::read(text, ctx.kind);
    let mut findings = Vec::new();
    let mut scopes = Vec::new();
    let (kind, error, payload) = match reading.payload {
        Ok(payload) => {
            match &payload {
                Payload::DebugToken(t) => {
                    findings.extend(token::findings(t, ctx));
                    scopes = scopes::from_debug_token(t, ctx);
                    findings.extend(scopes::debug_token_findings(t, &scopes, ctx));
                }
                Payload::Permissions(list) => {
                    scopes = scopes::from_permission_list(list, ctx);
                    findings.extend(scopes::permission_list_findings(list, &scopes, ctx));
                }
                Payload::GraphError(e) => findings.extend(errors::graph_findings(e)),
                Payload::WebhookError(w) => findings.extend(errors::webhook_findings(w)),
                Payload::AccessToken(shape) => {
                    findings.push(token::bare_token_finding(shape.family).about_field("family"))
                }
            }
            (payload.kind(), None, Some(payload))
        }
        Err(err) => {
            findings.push(input_error_finding(&err));
            (InputKind::Unknown, Some(err), None)
        }
    };
    if let Some(words) = &reading.from_text {
        word_confidence(words, &mut findings);
        findings.push(read_from_text_finding(words));
    }
    if let Some(envelope) = &reading.envelope {
        findings.push(envelope_finding(envelope));
    }
    if reading.gaps.elided > 0 || reading.gaps.truncated {
        findings.push(elided_finding(&reading.gaps));
    }
    if reading.gaps.hidden > 0 {
        findings.push(hidden_finding(&reading.gaps, reading.form));
    }
    if reading.secrets_redacted > 0 {
        findings.push(secrets_finding(reading.secrets_redacted));
    }
    scopes::add_review_reminder(&mut findings);
    order_by_severity(&mut findings);
    let verdict = verdict_of(error.is_some(), &findings);
    Diagnosis {
        schema: SCHEMA,
        input: InputSummary {
            kind,
            form: reading.form,
            embedded: reading.embedded,
            http_status: reading.http.status,
            www_authenticate: reading.http.www_authenticate,
            secrets_redacted: reading.secrets_redacted,
            error,
            detected: ctx.kind.map(|_| detected_kind(text)),
            layers: reading.layers,
        },
        verdict,
        findings,
        now: ctx.now,
        scopes,
        payload,
    }
}

/// The kind detection finds on its own, for showing next to a forced one.
fn detected_kind(text: &str) -> InputKind {
    input::read(text, None)
        .payload
        .map_or(InputKind::Unknown, |p| p.kind())
}

fn verdict_of(unreadable: bool, findings: &[Finding]) -> Verdict {
    if unreadable {
        Verdict::InvalidInput
    } else if findings.iter().any(|f| f.severity == Severity::Error) {
        Verdict::ActionRequired
    } else if findings.iter().any(|f| f.severity == Severity::Warning) {
        Verdict::Warning
    } else {
        Verdict::Ok
    }
}

fn input_error_finding(err: &InputError) -> Finding {
    let (id, title) = match err {
        InputError::Empty => ("input.empty", "Nothing to diagnose"),
        InputError::TooLarge { .. } => ("input.too_large", "Input too large"),
        InputError::NoPayload | InputError::Syntax { .. } => {
            ("input.unreadable", "Could not read the input")
        }
        InputError::Unrecognised { .. } | InputError::NotOfKind { .. } => {
            ("input.unrecognised", "Not a payload scopelens knows")
        }
        InputError::Status { .. } => {
            return Finding::new(
                "input.status",
                Severity::Error,
                "A status, not an error",
                err.to_string(),
            )
            .fix([
                "Paste the response of the call that failed, or the log line with Meta's `error` object in it.",
            ])
            .guide(guide::TROUBLESHOOTING);
        }
        InputError::BodyMissing { .. } => {
            return Finding::new(
                "input.body_missing",
                Severity::Error,
                "The response body is missing",
                err.to_string(),
            )
            .fix([
                "Log the failed response's body (the JSON with `error.code`, `error_subcode` and `error.message`) and paste it here.",
            ])
            .sources(&[sources::GRAPH_ERRORS])
            .guide(guide::TROUBLESHOOTING);
        }
    };
    Finding::new(id, Severity::Error, title, err.to_string())
        .fix([
            "Copy the whole response body, from the first `{` to the last `}`.",
            "Or paste the full curl output, SDK exception or log line: scopelens finds the payload inside.",
        ])
        .guide(guide::TROUBLESHOOTING)
}

/// An error inferred from Meta's words rather than a written code is
/// titled as likely, not certain.
fn word_confidence(words: &TextError, findings: &mut [Finding]) {
    if words.basis == Basis::Code {
        return;
    }
    for f in findings.iter_mut().filter(|f| f.code == Some(words.code)) {
        f.title = format!("Likely {}", f.title.replacen("Error", "error", 1));
    }
}

fn read_from_text_finding(words: &TextError) -> Finding {
    let quoted: Vec<String> = words.evidence.iter().map(|w| format!("“{w}”")).collect();
    let place = if words.from_header {
        "the response's WWW-Authenticate header"
    } else {
        "the text"
    };
    let label = match words.subcode {
        Some(sub) => format!("{}/{sub}", words.code),
        None => words.code.to_string(),
    };
    let confidence = match words.basis {
        Basis::Code => format!("The code {label} is written there; the rest of Meta's answer (error_data, fbtrace_id, and the subcode if none was written) was not, so the steps rest on the words that were."),
        Basis::Message => format!("No code is written there: {label} is inferred from Meta's fixed wording of that message, so it is likely but not certain."),
        Basis::Title => format!("No code is written there: {label} is inferred from the error's title alone, so treat it as a lead, not a certainty."),
    };
    Finding::new(
        "input.read_from_text",
        Severity::Info,
        "Read from the error's words, not a JSON body",
        format!("There was no response body to parse, so scopelens read the error from {place}: {}. {confidence}", quoted.join(", ")),
    )
    .fix(["For a certain diagnosis, paste the whole response body (the JSON with `error.code`, `error_subcode` and `error_data`)."])
    .sources(&[sources::GRAPH_ERRORS])
    .guide(guide::ERRORS)
}

fn listed(paths: &[String]) -> String {
    let shown: Vec<String> = paths.iter().take(5).map(|p| format!("`{p}`")).collect();
    shown.join(", ")
}

fn elided_finding(gaps: &Gaps) -> Finding {
    let mut said = Vec::new();
    if gaps.elided > 0 {
        let what = if gaps.elided == 1 {
            "1 value was".to_string()
        } else {
            format!("{} values were", gaps.elided)
        };
        let at = if gaps.elided_paths.is_empty() {
            String::new()
        } else {
            format!(" (at {})", listed(&gaps.elided_paths))
        };
        said.push(format!("{what} replaced by a placeholder such as `...` or `xxx`{at}, and read as missing. A placeholder is not a secret: nothing needs rotating because of it."));
    }
    if gaps.truncated {
        said.push("The paste stops inside the payload; scopelens closed it there and read what came before.".to_string());
    }
    // A cut-off paste may have lost the very part that failed.
    let severity = if gaps.truncated {
        Severity::Warning
    } else {
        Severity::Info
    };
    Finding::new(
        "input.elided",
        severity,
        "Part of the payload was not in the paste",
        format!("{} The diagnosis uses what is there; a finding that needs a missing field cannot be made.", said.join(" ")),
    )
    .fix(["If a finding seems to be missing, paste the full response (scopelens removes tokens itself)."])
    .guide(guide::TROUBLESHOOTING)
}

fn hidden_finding(gaps: &Gaps, form: Option<Form>) -> Finding {
    let how = match form {
        Some(Form::NodeInspect) => "log it with `console.log(JSON.stringify(error.response?.data ?? error, null, 2))` or `util.inspect(error, { depth: null })`",
        _ => "log the response body itself rather than the object that holds it",
    };
    let at = if gaps.hidden_paths.is_empty() {
        String::new()
    } else {
        format!(" at {}", listed(&gaps.hidden_paths))
    };
    Finding::new(
        "input.hidden",
        Severity::Info,
        "The dump hid part of the payload",
        format!("The printout replaced {} nested part{}{at} with a marker such as `[Object]` or `[Array]`, so those fields were not in the paste. The diagnosis reads the rest.", gaps.hidden, if gaps.hidden == 1 { "" } else { "s" }),
    )
    .fix([format!("To see everything, {how}, and paste that.")])
    .guide(guide::TROUBLESHOOTING)
}

fn envelope_finding(envelope: &Envelope) -> Finding {
    let context: Vec<String> = envelope
        .context
        .iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    let around = if context.is_empty() {
        String::new()
    } else {
        format!(
            " The fields around it, for context only: {}.",
            context.join(", ")
        )
    };
    Finding::new(
        "input.envelope",
        Severity::Info,
        "Meta's error was inside another response",
        format!(
            "The payload sat at `{}` inside a wrapper (a provider's or SDK's own response, or a log record). The diagnosis reads only Meta's part; the wrapper's own codes and status words are not Meta's.{around}",
            envelope.path.join(".")
        ),
    )
    .sources(&[sources::GRAPH_ERRORS])
}

fn secrets_finding(count: usize) -> Finding {
    let what = if count == 1 {
        "1 secret".to_string()
    } else {
        format!("{count} secrets")
    };
    Finding::new(
        "input.secrets_redacted",
        Severity::Info,
        format!("{what} removed from the input"),
        "The paste contained access tokens or app secrets. scopelens removed them before reading, so they appear nowhere in the diagnosis, the Markdown copy or a share link. Anyone who saw the original text could use them: if it went into a ticket or chat, generate new ones.",
    )
    .sources(&[sources::WA_TOKENS])
    .guide(guide::CHECKING_TOKENS)
}

/// Which family a bare token is, for the CLI and UI.
pub fn token_family_title(family: TokenFamily) -> &'static str {
    match family {
        TokenFamily::UserOrSystem => "user or system user access token",
        TokenFamily::App => "app access token (APP_ID|APP_SECRET)",
    }
}

#[cfg(test)]
mod headline_tests {
    use super::*;
    use proptest::prelude::*;

    fn fixture(path: &str) -> String {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/");
        std::fs::read_to_string(format!("{root}{path}")).expect("fixture exists")
    }

    fn diagnosis_of(path: &str) -> Diagnosis {
        diagnose(&fixture(path), &Context::at(1_760_000_000))
    }

    #[test]
    fn different_causes_get_different_headlines_that_name_the_cause_and_the_first_step() {
        let paths = [
            "messy/curl_i_190_expired.txt",
            "graph_error/perm_200_requires_messaging.json",
            "webhook_error/status_failed_131047.json",
        ];
        let lines: Vec<String> = paths.iter().map(|p| headline(&diagnosis_of(p))).collect();
        for (path, line) in paths.iter().zip(&lines) {
            let d = diagnosis_of(path);
            let top = &d.findings[0];
            assert!(line.starts_with(top.title.trim_end_matches('.')), "{line}");
            let step = top.fix.first().expect("the top finding has a step");
            assert!(line.ends_with(&step[1..]), "{line} / {step}");
            assert_ne!(line, d.verdict.headline());
        }
        assert_ne!(lines[0], lines[1]);
        assert_ne!(lines[1], lines[2]);
    }

    #[test]
    fn a_healthy_token_keeps_the_verdicts_words() {
        let d = diagnosis_of("debug_token/system_user_never.json");
        assert_eq!(d.verdict, Verdict::Ok);
        assert_eq!(headline(&d), Verdict::Ok.headline());
        assert_eq!(retry_label(&d), "Nothing to fix");
    }

    #[test]
    fn a_first_word_in_capitals_keeps_its_case() {
        assert_eq!(lower_first("Generate a token"), "generate a token");
        assert_eq!(lower_first("WABA owners must"), "WABA owners must");
        assert_eq!(lower_first("É"), "É");
        assert_eq!(lower_first(""), "");
    }

    proptest! {
        #[test]
        fn any_input_gets_a_one_line_headline_and_a_retry_label(text in ".{0,300}") {
            let d = diagnose(&text, &Context::at(1_760_000_000));
            let line = headline(&d);
            prop_assert!(!line.trim().is_empty());
            prop_assert!(!retry_label(&d).is_empty());
            if d.verdict != Verdict::Ok {
                if let Some(top) = d.findings.first() {
                    let cause = top.title.trim().trim_end_matches(['.', ':']).trim_end();
                    prop_assert!(line.starts_with(cause));
                }
            }
        }
    }
}

#[cfg(test)]
mod about_tests {
    use super::*;
    use crate::kb::fields::field;
    use crate::model::Payload;

    /// Every fixture file under `tests/fixtures/`, as (path, text).
    fn fixtures() -> Vec<(String, String)> {
        fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
            for entry in std::fs::read_dir(dir).expect("the fixtures directory") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    walk(&path, out);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push((path.display().to_string(), text));
                }
            }
        }
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
        let mut out = Vec::new();
        walk(std::path::Path::new(root), &mut out);
        out
    }

    #[test]
    fn every_pointer_names_a_field_the_payload_has_or_a_listed_permission() {
        let mut pointers = 0;
        for (path, text) in fixtures() {
            let d = diagnose(&text, &Context::at(1_760_000_000));
            for f in &d.findings {
                let Some(about) = &f.about else { continue };
                pointers += 1;
                match (about, &d.payload) {
                    (About::Field(name), Some(payload)) => assert!(
                        field(payload.kind(), name).is_some(),
                        "{path}: {} points at {name}, which kb::fields does not know for {:?}",
                        f.id,
                        payload.kind()
                    ),
                    (About::Permission(name), Some(Payload::Permissions(list))) => assert!(
                        list.entries.iter().any(|e| &e.permission == name),
                        "{path}: {} points at {name}, which the list does not hold",
                        f.id
                    ),
                    (about, payload) => panic!(
                        "{path}: {} points at {about:?} in {:?}",
                        f.id,
                        payload.as_ref().map(Payload::kind)
                    ),
                }
            }
        }
        assert!(
            pointers > 50,
            "only {pointers} findings point at their field"
        );
    }

    #[test]
    fn an_expired_token_points_at_expires_at_and_a_graph_error_at_its_code() {
        let token = r#"{"data":{"app_id":"1","type":"SYSTEM_USER","is_valid":true,"expires_at":1600000000,"scopes":["whatsapp_business_messaging","whatsapp_business_management"]}}"#;
        let d = diagnose(token, &Context::at(1_760_000_000));
        let expired = d
            .findings
            .iter()
            .find(|f| f.id == "token.expired")
            .expect("expired");
        assert_eq!(expired.about, Some(About::Field("expires_at")));
        assert_eq!(
            expired.about.as_ref().map(About::key).as_deref(),
            Some("field:expires_at")
        );
        let error = r#"{"error":{"message":"(#200) Requires whatsapp_business_messaging permission","type":"OAuthException","code":200,"fbtrace_id":"AbC"}}"#;
        let d = diagnose(error, &Context::at(1_760_000_000));
        let abouts: Vec<_> = d.findings.iter().map(|f| (f.id, f.about.clone())).collect();
        assert!(
            abouts.contains(&("error.catalog", Some(About::Field("code")))),
            "{abouts:?}"
        );
        assert!(
            abouts.contains(&("error.permission_named", Some(About::Field("message")))),
            "{abouts:?}"
        );
        assert!(
            abouts.contains(&("error.fbtrace_id", Some(About::Field("fbtrace_id")))),
            "{abouts:?}"
        );
    }

    #[test]
    fn a_permission_missing_from_a_list_points_nowhere_and_a_declined_one_at_its_entry() {
        let list = r#"{"data":[{"permission":"whatsapp_business_messaging","status":"declined"},{"permission":"public_profile","status":"granted"}]}"#;
        let d = diagnose(list, &Context::at(1_760_000_000));
        let declined = d
            .findings
            .iter()
            .find(|f| f.id == "permission.declined")
            .expect("declined");
        assert_eq!(
            declined.about,
            Some(About::Permission("whatsapp_business_messaging".into()))
        );
        let missing = d
            .findings
            .iter()
            .find(|f| f.id == "permission.missing")
            .expect("missing");
        assert_eq!(missing.about, None);
    }
}
