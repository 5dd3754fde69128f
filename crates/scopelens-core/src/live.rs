//! The live check, without the I/O: which read-only Graph API calls to make,
//! in what order, and what their answers mean. The CLI makes the calls with a
//! native HTTP client and the web app with the browser's fetch; both feed the
//! answers back here, so a live result reads exactly like a pasted one.
//!
//! The token never appears in a [`Call`]: the caller adds it (as the
//! `input_token` query value of debug_token and as the access token) when it
//! sends the request to the Graph API, and nowhere else.

use crate::diagnose::{diagnose, Context, Diagnosis, Finding, Severity};
use crate::kb::{guide, sources};
use crate::model::{Payload, TokenType};
use serde::Serialize;
use serde_json::Value;

/// The Graph API's address; a setting so tests can use a local server.
pub const GRAPH_URL: &str = "https://graph.facebook.com";
/// The API version used unless the user picks another.
/// The newest Graph API version the knowledge base knows (`kb::versions`).
pub const DEFAULT_VERSION: &str = crate::kb::versions::CURRENT_VERSION;
/// At most this many WhatsApp Business Accounts are inspected per check.
const MAX_WABAS: usize = 5;
/// The most calls a driver makes for one check. The plan is finite
/// (debug_token, permissions and three calls for each of at most
/// [`MAX_WABAS`] accounts); this only guards a driver against a loop.
pub const MAX_CALLS: usize = 32;

const PHONE_FIELDS: &str = "display_phone_number,verified_name,quality_rating,name_status,code_verification_status,platform_type,throughput,messaging_limit_tier";

/// One read-only request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "call", rename_all = "snake_case")]
pub enum Call {
    DebugToken,
    Permissions,
    Waba { id: String },
    PhoneNumbers { waba: String },
    SubscribedApps { waba: String },
}

impl Call {
    /// Path and query, without the token: `/v24.0/123/phone_numbers?fields=…`.
    pub fn path(&self, version: &str) -> String {
        let version = version.trim_matches('/');
        match self {
            Call::DebugToken => format!("/{version}/debug_token"),
            Call::Permissions => format!("/{version}/me/permissions"),
            Call::Waba { id } => format!("/{version}/{}?fields=id,name", segment(id)),
            Call::PhoneNumbers { waba } => format!(
                "/{version}/{}/phone_numbers?fields={PHONE_FIELDS}",
                segment(waba)
            ),
            Call::SubscribedApps { waba } => {
                format!("/{version}/{}/subscribed_apps", segment(waba))
            }
        }
    }

    /// debug_token takes the token to inspect as `input_token`.
    pub fn sends_input_token(&self) -> bool {
        matches!(self, Call::DebugToken)
    }

    /// debug_token is best called with an app token when there is one.
    pub fn prefers_app_token(&self) -> bool {
        matches!(self, Call::DebugToken)
    }

    /// A stable name for the kind of call, for markup and scripts.
    pub fn slug(&self) -> &'static str {
        match self {
            Call::DebugToken => "debug_token",
            Call::Permissions => "permissions",
            Call::Waba { .. } => "waba",
            Call::PhoneNumbers { .. } => "phone_numbers",
            Call::SubscribedApps { .. } => "subscribed_apps",
        }
    }

    /// What this kind of call adds to the diagnosis, for people.
    pub fn explanation(&self) -> &'static str {
        match self {
            Call::DebugToken => "the token's app, type, validity, expiry, scopes and the WhatsApp Business Accounts each scope covers: the same diagnosis as a pasted debug_token response",
            Call::Permissions => "user tokens only: which permissions the user granted or declined",
            Call::Waba { .. } => "for each WABA in the token's scopes or typed in the scope check: can the token reach it",
            Call::PhoneNumbers { .. } => "registration for the Cloud API, verification, display name status, quality rating and messaging limit of its numbers",
            Call::SubscribedApps { .. } => "whether the app is subscribed to the WABA, so that its webhooks arrive",
        }
    }

    /// One call of each kind, in the order a check makes them, with
    /// `{waba-id}` for the account: what a check may do, for explaining it.
    pub fn kinds() -> [Call; 5] {
        let waba = || "{waba-id}".to_string();
        [
            Call::DebugToken,
            Call::Permissions,
            Call::Waba { id: waba() },
            Call::PhoneNumbers { waba: waba() },
            Call::SubscribedApps { waba: waba() },
        ]
    }

    /// `GET /debug_token`, for messages.
    pub fn describe(&self) -> String {
        match self {
            Call::DebugToken => "GET /debug_token".into(),
            Call::Permissions => "GET /me/permissions".into(),
            Call::Waba { id } => format!("GET /{id}"),
            Call::PhoneNumbers { waba } => format!("GET /{waba}/phone_numbers"),
            Call::SubscribedApps { waba } => format!("GET /{waba}/subscribed_apps"),
        }
    }
}

/// IDs are digits; anything else is dropped so a typed ID cannot change the path.
fn segment(id: &str) -> String {
    id.chars().filter(char::is_ascii_digit).collect()
}

/// Which token authorizes a call: the app token for debug_token when there
/// is one, else the token being checked.
pub fn authorizing_token<'a>(call: &Call, token: &'a str, app_token: Option<&'a str>) -> &'a str {
    match app_token {
        Some(app) if call.prefers_app_token() => app,
        _ => token,
    }
}

/// The address to GET for a call, with the query encoded. debug_token gets
/// `token` as `input_token`; `access_token` is added only when given (the
/// browser sends it in the address so that there is no CORS preflight; the
/// CLI sends it in an `Authorization` header instead).
pub fn request_url(
    base: &str,
    version: &str,
    call: &Call,
    token: &str,
    access_token: Option<&str>,
) -> String {
    let mut url = format!("{base}{}", call.path(version));
    let input_token = call.sends_input_token().then_some(token);
    let pairs = [("input_token", input_token), ("access_token", access_token)];
    for (name, value) in pairs {
        if let Some(value) = value {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(name);
            url.push('=');
            url.push_str(&encode_query_value(value));
        }
    }
    url
}

/// The address a call goes to as shown to people, with `…` where a token
/// goes: [`request_url`] without the secrets.
pub fn shown_url(base: &str, version: &str, call: &Call, access_token_in_url: bool) -> String {
    let mut url = format!("{base}{}", call.path(version));
    let input_token = call.sends_input_token();
    for (name, shown) in [
        ("input_token", input_token),
        ("access_token", access_token_in_url),
    ] {
        if shown {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(name);
            url.push_str("=…");
        }
    }
    url
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so a
/// value can never end its query pair or the address.
fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The token as pasted → the token to send. Surrounding white space, one
/// pair of quotes, an `Authorization:` label and a `Bearer` scheme are taken
/// off. What is left must be printable ASCII without spaces or quotes, as
/// Graph API tokens are; anything else is refused, with an error that says what to
/// paste and never quotes the text.
pub fn clean_token(text: &str) -> Result<String, String> {
    let mut token = text.trim();
    loop {
        let before = token;
        token = strip_label(token, "authorization:").trim();
        token = strip_quotes(token).trim();
        token = strip_bearer(token).trim();
        if token == before {
            break;
        }
    }
    if token.is_empty() {
        return Err("No token: paste the access token to check (it usually starts with EAA; an app token is APP_ID|APP_SECRET). Nothing was sent.".into());
    }
    let token_byte = |b: u8| b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b'`');
    if !token.bytes().all(token_byte) {
        return Err("The token holds spaces, line breaks or characters no token has: paste only the access token (it usually starts with EAA), without the text around it. Nothing was sent.".into());
    }
    Ok(token.to_string())
}

fn strip_label<'a>(text: &'a str, label: &str) -> &'a str {
    match text.get(..label.len()) {
        Some(start) if start.eq_ignore_ascii_case(label) => &text[label.len()..],
        _ => text,
    }
}

fn strip_quotes(text: &str) -> &str {
    for quote in ['"', '\'', '`'] {
        if let Some(inner) = text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote)) {
            return inner;
        }
    }
    text
}

fn strip_bearer(text: &str) -> &str {
    let rest = strip_label(text, "bearer");
    if rest.len() < text.len() && (rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        rest
    } else {
        text
    }
}

/// A Graph API version as typed → `vMAJOR.MINOR`, so that it cannot change
/// the path it goes in. The error says what to type.
pub fn check_version(text: &str) -> Result<String, String> {
    let version = text.trim();
    let number = version.strip_prefix(['v', 'V']).unwrap_or(version);
    let plain =
        |part: &str| (1..=3).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
    match number.split_once('.') {
        Some((major, minor)) if plain(major) && plain(minor) => Ok(format!("v{major}.{minor}")),
        _ => Err(format!(
            "The API version must look like {DEFAULT_VERSION} (v, a number, a dot and a number). Nothing was sent."
        )),
    }
}

/// What came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Http {
        status: u16,
        body: String,
    },
    /// No HTTP answer: timeout, network error, CORS refusal. The reason is for people.
    Failed {
        reason: String,
    },
}

/// One call and how it went, for the report.
#[derive(Debug, Clone, Serialize)]
pub struct CallSummary {
    pub request: String,
    pub status: Option<u16>,
    pub ok: bool,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LiveReport {
    #[serde(flatten)]
    pub diagnosis: Diagnosis,
    pub calls: Vec<CallSummary>,
}

/// A live check in progress.
#[derive(Debug, Clone)]
pub struct LiveCheck {
    ctx: Context,
    token: Option<Diagnosis>,
    app_id: Option<String>,
    findings: Vec<Finding>,
    calls: Vec<CallSummary>,
}

impl LiveCheck {
    pub fn new(ctx: Context) -> LiveCheck {
        let app_id = ctx.app_id.clone();
        LiveCheck {
            ctx,
            token: None,
            app_id,
            findings: Vec::new(),
            calls: Vec::new(),
        }
    }

    /// The first calls to make.
    pub fn start(&self) -> Vec<Call> {
        vec![Call::DebugToken]
    }

    /// Records an answer; returns the calls it leads to.
    pub fn record(&mut self, call: &Call, outcome: Outcome) -> Vec<Call> {
        let (status, body) = match outcome {
            Outcome::Failed { reason } => {
                self.calls.push(CallSummary {
                    request: call.describe(),
                    status: None,
                    ok: false,
                    note: reason.clone(),
                });
                self.findings.push(call_failed(call, &reason));
                return Vec::new();
            }
            Outcome::Http { status, body } => (status, body),
        };
        let ok = (200..300).contains(&status);
        let note = match call {
            Call::DebugToken => self.debug_token(&body),
            Call::Permissions => self.permissions(&body),
            Call::Waba { id } => self.waba(id, ok, &body),
            Call::PhoneNumbers { waba } => self.phone_numbers(waba, ok, &body),
            Call::SubscribedApps { waba } => self.subscribed_apps(waba, ok, &body),
        };
        self.calls.push(CallSummary {
            request: call.describe(),
            status: Some(status),
            ok,
            note,
        });
        match call {
            Call::DebugToken => self.follow_ups(),
            _ => Vec::new(),
        }
    }

    pub fn report(&self) -> LiveReport {
        let mut diagnosis = self
            .token
            .clone()
            .unwrap_or_else(|| diagnose("", &self.ctx));
        if self.token.is_none() {
            // No debug_token answer at all: the report is only what the calls said.
            diagnosis.findings.clear();
            diagnosis.input.error = None;
        }
        diagnosis.add_findings(self.findings.iter().cloned());
        LiveReport {
            diagnosis,
            calls: self.calls.clone(),
        }
    }

    fn debug_token(&mut self, body: &str) -> String {
        let d = diagnose(body, &self.ctx);
        if d.verdict == crate::Verdict::InvalidInput {
            self.findings.push(bad_answer(&Call::DebugToken));
            return "answer was not a Graph API response".into();
        }
        let note = match &d.payload {
            Some(Payload::DebugToken(t)) => {
                self.app_id = self.app_id.clone().or_else(|| t.app_id.clone());
                let kind = t.token_type.as_ref().map_or("token", |k| k.title());
                match t.is_valid {
                    Some(false) => format!("{kind}: not valid"),
                    _ => format!("{kind}: valid, {} scopes", t.scopes.len()),
                }
            }
            Some(Payload::GraphError(e)) => format!(
                "refused with error {}",
                e.code.map_or("?".into(), |c| c.to_string())
            ),
            _ => "unexpected answer".into(),
        };
        self.token = Some(d);
        note
    }

    fn follow_ups(&self) -> Vec<Call> {
        let Some(Payload::DebugToken(t)) = self.token.as_ref().and_then(|d| d.payload.as_ref())
        else {
            return self.waba_calls(self.ctx.waba_id.iter().cloned().collect());
        };
        if t.is_valid == Some(false) {
            return Vec::new();
        }
        let mut calls = Vec::new();
        if matches!(t.token_type, Some(TokenType::User)) {
            calls.push(Call::Permissions);
        }
        let mut wabas: Vec<String> = self
            .ctx
            .waba_id
            .iter()
            .map(|w| segment(w))
            .filter(|w| !w.is_empty())
            .collect();
        let granted = t
            .granular_scopes
            .iter()
            .filter(|g| g.scope.starts_with("whatsapp_business_"));
        for id in granted.flat_map(|g| g.target_ids.iter().flatten()) {
            if !wabas.contains(id) {
                wabas.push(id.clone());
            }
        }
        calls.extend(self.waba_calls(wabas));
        calls
    }

    fn waba_calls(&self, wabas: Vec<String>) -> Vec<Call> {
        wabas
            .into_iter()
            .take(MAX_WABAS)
            .flat_map(|id| {
                [
                    Call::Waba { id: id.clone() },
                    Call::PhoneNumbers { waba: id.clone() },
                    Call::SubscribedApps { waba: id },
                ]
            })
            .collect()
    }

    fn permissions(&mut self, body: &str) -> String {
        let d = diagnose(body, &self.ctx);
        let note = match &d.payload {
            Some(Payload::Permissions(p)) => format!("{} permissions listed", p.entries.len()),
            _ => "no permission list".into(),
        };
        self.findings.extend(
            d.findings
                .into_iter()
                .filter(|f| f.id.starts_with("permission.") || f.id.starts_with("error.")),
        );
        note
    }

    fn waba(&mut self, id: &str, ok: bool, body: &str) -> String {
        if ok {
            let name = serde_json::from_str::<Value>(body)
                .ok()
                .and_then(|v| v["name"].as_str().map(str::to_string));
            let name = name.unwrap_or_else(|| "(no name)".into());
            self.findings.push(
                Finding::new(
                    "live.waba_reachable",
                    Severity::Info,
                    format!("WABA {id} is reachable: {name}"),
                    "The token can read this WhatsApp Business Account.",
                )
                .sources(&[sources::WA_TOKENS]),
            );
            return format!("reachable: {name}");
        }
        let said = self.graph_error(body);
        self.findings.push(
            Finding::new(
                "live.waba_unreachable",
                Severity::Error,
                format!("The token cannot reach WABA {id}"),
                format!("Reading the WhatsApp Business Account failed{said}. Either the ID is not a WABA ID (a phone number ID or business ID is a common mix-up), or the token's user has no access to it."),
            )
            .fix([
                "Check the ID in WhatsApp Manager › Account tools (it is the WhatsApp Business Account ID).",
                "Give the system user access to this account with full control (Business Settings › Accounts › WhatsApp Accounts › Add people), then generate a new token.",
                "For a client's account: the client must grant it in Embedded Signup, and your app needs Advanced Access.",
            ])
            .sources(&[sources::WA_TOKENS, sources::WA_SOLUTION_PROVIDERS])
            .guide(guide::PRODUCTION_TOKEN),
        );
        "not reachable".into()
    }

    fn phone_numbers(&mut self, waba: &str, ok: bool, body: &str) -> String {
        if !ok {
            return format!("failed{}", self.graph_error(body));
        }
        let phones = serde_json::from_str::<Value>(body)
            .ok()
            .and_then(|v| v["data"].as_array().cloned())
            .unwrap_or_default();
        if phones.is_empty() {
            self.findings.push(
                Finding::new("live.no_phone_numbers", Severity::Warning, format!("WABA {waba} has no phone numbers"), "Messages are sent from a business phone number, and this account has none.")
                    .fix(["Add and verify a number in WhatsApp Manager, then register it with POST /{phone-number-id}/register."])
                    .sources(&[sources::WA_REGISTRATION])
                    .guide(guide::TROUBLESHOOTING),
            );
            return "no phone numbers".into();
        }
        for phone in &phones {
            self.findings.extend(phone_findings(phone));
        }
        format!("{} phone number(s)", phones.len())
    }

    fn subscribed_apps(&mut self, waba: &str, ok: bool, body: &str) -> String {
        if !ok {
            return format!("failed{}", self.graph_error(body));
        }
        let apps = serde_json::from_str::<Value>(body)
            .ok()
            .and_then(|v| v["data"].as_array().cloned())
            .unwrap_or_default();
        let ids: Vec<String> = apps
            .iter()
            .filter_map(|a| {
                a["whatsapp_business_api_data"]["id"]
                    .as_str()
                    .or_else(|| a["id"].as_str())
                    .map(str::to_string)
            })
            .collect();
        let subscribed = match &self.app_id {
            Some(app) => ids.contains(app),
            None => !ids.is_empty(),
        };
        if subscribed {
            return format!("{} app(s) subscribed, including this one", ids.len());
        }
        let app = self.app_id.clone().unwrap_or_else(|| "your app".into());
        let others = if ids.is_empty() {
            "No app is subscribed.".to_string()
        } else {
            format!("Subscribed instead: {}.", ids.join(", "))
        };
        self.findings.push(
            Finding::new(
                "live.app_not_subscribed",
                Severity::Error,
                format!("App {app} is not subscribed to WABA {waba}: webhooks will not arrive"),
                format!("Meta sends a WhatsApp Business Account's webhooks only to the apps subscribed to it. {others}"),
            )
            .fix([
                format!("POST /{waba}/subscribed_apps with a token of app {app} that has whatsapp_business_management."),
                "Check that the app's webhook has the messages field subscribed in the App Dashboard.".to_string(),
            ])
            .sources(&[sources::WA_PERMISSIONS, sources::WA_SOLUTION_PROVIDERS])
            .guide(guide::TROUBLESHOOTING),
        );
        "this app is not subscribed".into()
    }

    /// Diagnoses an error body and keeps its findings; returns ": <title>" for notes.
    fn graph_error(&mut self, body: &str) -> String {
        let d = diagnose(body, &self.ctx);
        let title = d
            .findings
            .iter()
            .find(|f| f.id.starts_with("error."))
            .map(|f| format!(": {}", f.title))
            .unwrap_or_default();
        self.findings.extend(
            d.findings
                .into_iter()
                .filter(|f| f.id.starts_with("error.")),
        );
        title
    }
}

fn phone_findings(phone: &Value) -> Vec<Finding> {
    let number = phone["display_phone_number"].as_str().unwrap_or("a number");
    let field = |name: &str| phone[name].as_str().unwrap_or("").to_ascii_uppercase();
    let mut out = Vec::new();
    if field("platform_type") == "NOT_APPLICABLE" {
        out.push(
            Finding::new(
                "live.phone_not_registered",
                Severity::Error,
                format!("{number} is not registered for the Cloud API"),
                "Its platform_type is NOT_APPLICABLE: the number is in the account but cannot send through the Cloud API; sends fail with 133010.",
            )
            .fix(["Register it: POST /{phone-number-id}/register with messaging_product and the two-step verification PIN."])
            .code(Some(133010), None)
            .sources(&[sources::WA_REGISTRATION])
            .guide(guide::error_anchor("error-133010")),
        );
    }
    if matches!(
        field("code_verification_status").as_str(),
        "NOT_VERIFIED" | "EXPIRED"
    ) {
        out.push(
            Finding::new("live.phone_not_verified", Severity::Warning, format!("{number} is not verified"), "The number's ownership has not been verified (or the verification expired).")
                .fix(["Verify it with POST /{phone-number-id}/request_code and /verify_code, or in WhatsApp Manager."])
                .sources(&[sources::WA_REGISTRATION]),
        );
    }
    let name_status = field("name_status");
    if !name_status.is_empty()
        && !matches!(
            name_status.as_str(),
            "APPROVED" | "AVAILABLE_WITHOUT_REVIEW"
        )
    {
        out.push(
            Finding::new(
                "live.display_name_pending",
                Severity::Warning,
                format!("{number}: display name is {}", name_status.to_ascii_lowercase().replace('_', " ")),
                "Until the display name is approved, sending can be limited.",
            )
            .fix(["Check the display name in WhatsApp Manager › Phone numbers and submit a compliant one."])
            .sources(&[sources::WA_ERRORS]),
        );
    }
    if field("quality_rating") == "RED" {
        out.push(
            Finding::new("live.quality_low", Severity::Warning, format!("{number}: quality rating is low"), "Recipients have been blocking or reporting messages; limits can drop and templates can be paused.")
                .fix(["Review recent templates and opt-in practice in WhatsApp Manager › Insights."])
                .sources(&[sources::WA_ABOUT]),
        );
    }
    if out.is_empty() {
        let name = phone["verified_name"].as_str().unwrap_or("");
        let tier = phone["messaging_limit_tier"]
            .as_str()
            .unwrap_or("unknown tier");
        out.push(
            Finding::new(
                "live.phone_ready",
                Severity::Info,
                format!("{number} ({name}) is registered"),
                format!("Cloud API number, messaging limit {tier}."),
            )
            .sources(&[sources::WA_REGISTRATION]),
        );
    }
    out
}

fn bad_answer(call: &Call) -> Finding {
    Finding::new(
        "live.bad_answer",
        Severity::Error,
        format!("{} answered with something that is not a Graph API response", call.describe()),
        "The server answered, but not with Graph API JSON: a proxy, a captive portal or an outage page may be in the way, or the Graph API address setting is wrong.",
    )
    .fix(["Check the Graph API address and any proxy between you and graph.facebook.com, then run the check again."])
    .sources(&[sources::GRAPH_ERRORS])
}

fn call_failed(call: &Call, reason: &str) -> Finding {
    Finding::new(
        "live.call_failed",
        Severity::Error,
        format!("{} failed: {reason}", call.describe()),
        "The request got no answer from the Graph API, so this part could not be checked. Nothing was retried.",
    )
    .fix(["Check the network connection and the Graph API address, then run the check again.", "Meta's status page shows outages: https://metastatus.com/"])
    .sources(&[sources::GRAPH_ERRORS])
}

/// A Graph API address a token may be sent to: `base` to put paths after,
/// `origin` (scheme, host and port) for a browser's connect-src check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphAddress {
    pub base: String,
    pub origin: String,
}

/// Checks an address before any token is sent to it: https to any host, or
/// plain http only to this computer ([`is_loopback_host`]). Anything that
/// could make a URL parser see another host than this reading does (user
/// information, a query, a fragment, a backslash, percent-encoding or other
/// characters a host name does not have) is refused rather than guessed at.
/// The error says why, for people.
pub fn graph_address(text: &str) -> Result<GraphAddress, String> {
    let base = text.trim().trim_end_matches('/');
    let refuse = |why: &str| {
        Err(format!(
            "The Graph API address `{base}` {why}. Nothing was sent."
        ))
    };
    let (scheme, rest) = match base.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => return refuse("is not a web address (it should start with https://)"),
    };
    if scheme != "https" && scheme != "http" {
        return refuse("must start with https://");
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if rest.is_empty() || !path.bytes().all(is_plain_path_byte) {
        return refuse("is not a plain address (no query, fragment or user name allowed)");
    }
    let authority = authority.to_ascii_lowercase();
    let Some(host) = host_of(&authority) else {
        return refuse("is not a plain address (no query, fragment or user name allowed)");
    };
    if host.is_empty() {
        return refuse("has no host name");
    }
    if scheme == "http" && !is_loopback_host(host) {
        return refuse("must use https:// (plain http:// only for a server on this computer)");
    }
    Ok(GraphAddress {
        base: format!("{scheme}://{authority}{path}"),
        origin: format!("{scheme}://{authority}"),
    })
}

fn is_plain_path_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'-' | b'_' | b'~')
}

/// The host of `host[:port]` (lower case), or None when the authority holds
/// anything but a host name, an IP address and a port.
fn host_of(authority: &str) -> Option<&str> {
    let (host, port) = if authority.starts_with('[') {
        let close = authority.find(']')?;
        let (host, after) = authority.split_at(close + 1);
        let inside = &host[1..close];
        if inside.is_empty() || !inside.bytes().all(|b| b.is_ascii_hexdigit() || b == b':') {
            return None;
        }
        match after {
            "" => (host, None),
            _ => (host, Some(after.strip_prefix(':')?)),
        }
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        let name_bytes =
            |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-';
        if !host.bytes().all(name_bytes) {
            return None;
        }
        (host, port)
    };
    if let Some(port) = port {
        let digits =
            !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
        if !digits || port.parse::<u16>().map_or(true, |p| p == 0) {
            return None;
        }
    }
    Some(host)
}

/// True only for a host written exactly as `localhost`, a dotted-decimal
/// address in 127.0.0.0/8 (four parts, no leading zeros, no hex or octal
/// forms, no trailing dot) or the IPv6 loopback as `[::1]`. Any other
/// spelling, even one a resolver would take to this computer (such as
/// `[0:0:0:0:0:0:0:1]`), is not trusted with a token over plain HTTP.
pub fn is_loopback_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    if host.starts_with('[') {
        return host == "[::1]";
    }
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts[0] == "127"
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
                && p.parse::<u8>().is_ok()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SYSTEM_USER: &str = r#"{"data":{"app_id":"634974688087057","type":"SYSTEM_USER","is_valid":true,"expires_at":0,"issued_at":1712099387,"scopes":["whatsapp_business_management","whatsapp_business_messaging"],"granular_scopes":[{"scope":"whatsapp_business_management","target_ids":["102290129340398"]},{"scope":"whatsapp_business_messaging","target_ids":["102290129340398"]}]}}"#;

    fn http(status: u16, body: &str) -> Outcome {
        Outcome::Http {
            status,
            body: body.to_string(),
        }
    }

    #[test]
    fn follows_granular_targets_and_reports_everything() {
        let mut check = LiveCheck::new(Context::at(1_760_000_000));
        assert_eq!(check.start(), vec![Call::DebugToken]);
        let next = check.record(&Call::DebugToken, http(200, SYSTEM_USER));
        assert_eq!(next.len(), 3);
        assert_eq!(
            next[1].path("v24.0"),
            format!("/v24.0/102290129340398/phone_numbers?fields={PHONE_FIELDS}")
        );
        check.record(
            &next[0],
            http(200, r#"{"id":"102290129340398","name":"Lucky Shrub"}"#),
        );
        check.record(
            &next[1],
            http(
                200,
                r#"{"data":[{"display_phone_number":"+1 555","platform_type":"NOT_APPLICABLE"}]}"#,
            ),
        );
        check.record(
            &next[2],
            http(
                200,
                r#"{"data":[{"whatsapp_business_api_data":{"id":"999"}}]}"#,
            ),
        );
        let report = check.report();
        let d = &report.diagnosis;
        assert!(d.has("token.never_expires") && d.has("live.waba_reachable"));
        assert!(d.has("live.phone_not_registered") && d.has("live.app_not_subscribed"));
        assert_eq!(d.verdict.id(), "action_required");
        assert_eq!(report.calls.len(), 4);
    }

    #[test]
    fn unreachable_waba_and_failed_call() {
        let mut check = LiveCheck::new(Context {
            waba_id: Some("555".into()),
            ..Context::at(1_760_000_000)
        });
        let next = check.record(
            &Call::DebugToken,
            Outcome::Failed {
                reason: "timed out after 10 s".into(),
            },
        );
        assert!(next.is_empty());
        let next = check.follow_ups();
        check.record(&next[0], http(400, r#"{"error":{"message":"Unsupported get request.","type":"GraphMethodException","code":100,"error_subcode":33}}"#));
        let d = check.report().diagnosis;
        assert!(
            d.has("live.call_failed") && d.has("live.waba_unreachable") && d.has("error.catalog")
        );
    }

    #[test]
    fn invalid_token_stops_the_check() {
        let mut check = LiveCheck::new(Context::at(1_760_000_000));
        let body = r#"{"data":{"error":{"code":190,"message":"Invalid OAuth access token - Cannot parse access token"},"is_valid":false,"scopes":[]}}"#;
        assert!(check.record(&Call::DebugToken, http(200, body)).is_empty());
        assert!(check.report().diagnosis.has("token.invalid"));
    }

    #[test]
    fn ids_cannot_change_the_path() {
        assert_eq!(
            Call::Waba {
                id: "12/../me?x=1".into()
            }
            .path("v24.0"),
            "/v24.0/121?fields=id,name"
        );
    }

    #[test]
    fn the_call_cap_covers_the_longest_plan() {
        let longest = 2 + 3 * MAX_WABAS;
        assert!(
            longest <= MAX_CALLS,
            "{longest} calls planned, cap {MAX_CALLS}"
        );
    }

    #[test]
    fn debug_token_is_authorized_by_the_app_token_when_there_is_one() {
        assert_eq!(
            authorizing_token(&Call::DebugToken, "EAAu", Some("1|s")),
            "1|s"
        );
        assert_eq!(authorizing_token(&Call::DebugToken, "EAAu", None), "EAAu");
        assert_eq!(
            authorizing_token(&Call::Permissions, "EAAu", Some("1|s")),
            "EAAu"
        );
    }

    #[test]
    fn request_urls_carry_the_tokens_encoded_and_shown_urls_carry_none() {
        let base = "https://graph.facebook.com";
        assert_eq!(
            request_url(base, "v24.0", &Call::DebugToken, "1|a b&c", Some("EAA")),
            "https://graph.facebook.com/v24.0/debug_token?input_token=1%7Ca%20b%26c&access_token=EAA"
        );
        assert_eq!(
            request_url(base, "v24.0", &Call::Permissions, "EAA", None),
            "https://graph.facebook.com/v24.0/me/permissions"
        );
        let waba = Call::Waba { id: "12".into() };
        assert_eq!(
            request_url(base, "v24.0", &waba, "EAA", Some("EAA")),
            "https://graph.facebook.com/v24.0/12?fields=id,name&access_token=EAA"
        );
        assert_eq!(
            shown_url(base, "v24.0", &Call::DebugToken, true),
            "https://graph.facebook.com/v24.0/debug_token?input_token=…&access_token=…"
        );
        assert_eq!(
            shown_url(base, "v24.0", &Call::DebugToken, false),
            "https://graph.facebook.com/v24.0/debug_token?input_token=…"
        );
    }

    #[test]
    fn a_pasted_header_or_quoted_token_is_cleaned() {
        for pasted in [
            "EAAx",
            "  EAAx \n",
            "Bearer EAAx",
            "bearer\tEAAx",
            "\"EAAx\"",
            "'Bearer EAAx'",
            "Authorization: Bearer EAAx",
            "`EAAx`",
        ] {
            assert_eq!(clean_token(pasted).as_deref(), Ok("EAAx"), "{pasted:?}");
        }
        assert_eq!(clean_token("BearerEAAx").as_deref(), Ok("BearerEAAx"));
        assert_eq!(clean_token("123|abc").as_deref(), Ok("123|abc"));
    }

    #[test]
    fn an_empty_or_wordy_token_is_refused_without_quoting_it() {
        for pasted in ["", "  ", "Bearer ", "\"\""] {
            let why = clean_token(pasted).unwrap_err();
            assert!(why.contains("paste the access token"), "{pasted:?}: {why}");
        }
        for pasted in [
            "EAAx EAAy",
            "\"EAAx",
            "EAAx\nsecond line",
            "EAA\u{200b}x",
            "tokén",
        ] {
            let why = clean_token(pasted).unwrap_err();
            assert!(
                why.contains("paste only the access token"),
                "{pasted:?}: {why}"
            );
            assert!(
                !why.contains("EAA") || why.contains("starts with EAA"),
                "{why}"
            );
            assert!(
                !why.contains("second line") && !why.contains("tokén"),
                "{why}"
            );
        }
    }

    #[test]
    fn versions_are_read_strictly() {
        assert_eq!(check_version(" v24.0 ").as_deref(), Ok("v24.0"));
        assert_eq!(check_version("21.0").as_deref(), Ok("v21.0"));
        for bad in [
            "",
            "v24",
            "v24.0/../me",
            "v24.0?x=1",
            "latest",
            "v.0",
            "v1234.0",
        ] {
            let why = check_version(bad).unwrap_err();
            assert!(why.contains(DEFAULT_VERSION), "{bad:?}: {why}");
        }
    }

    #[test]
    fn every_kind_of_call_is_explained_once() {
        let kinds = Call::kinds();
        let slugs: std::collections::BTreeSet<_> = kinds.iter().map(Call::slug).collect();
        assert_eq!(slugs.len(), kinds.len());
        assert!(kinds.iter().all(|c| !c.explanation().is_empty()));
        assert_eq!(kinds[2].describe(), "GET /{waba-id}");
    }

    mod moved_rules {
        use super::super::{check_version, clean_token, request_url, Call};
        use proptest::prelude::*;

        fn decode(value: &str) -> Vec<u8> {
            let bytes = value.as_bytes();
            let mut out = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'%' {
                    out.push(u8::from_str_radix(&value[i + 1..i + 3], 16).unwrap());
                    i += 3;
                } else {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
            out
        }

        proptest! {
            #[test]
            fn any_token_round_trips_through_the_query_and_cannot_add_a_pair(
                token in any::<String>(),
                access in any::<String>(),
            ) {
                let url = request_url("http://127.0.0.1:1", "v24.0", &Call::DebugToken, &token, Some(&access));
                let query = url.split_once('?').unwrap().1;
                let pairs: Vec<&str> = query.split('&').collect();
                prop_assert_eq!(pairs.len(), 2);
                prop_assert!(!url.contains(['#', ' ']));
                let input = pairs[0].strip_prefix("input_token=").unwrap();
                let access_sent = pairs[1].strip_prefix("access_token=").unwrap();
                prop_assert_eq!(decode(input), token.as_bytes());
                prop_assert_eq!(decode(access_sent), access.as_bytes());
            }

            #[test]
            fn a_cleaned_token_is_one_printable_word(text in any::<String>()) {
                if let Ok(token) = clean_token(&text) {
                    prop_assert!(!token.is_empty());
                    prop_assert!(token.bytes().all(|b| b.is_ascii_graphic()));
                    prop_assert!(text.contains(&token));
                }
            }

            #[test]
            fn an_accepted_version_cannot_leave_its_path_segment(text in "[vV0-9./?#%a-z ]{0,12}") {
                if let Ok(version) = check_version(&text) {
                    prop_assert!(version.starts_with('v'));
                    prop_assert!(version[1..].bytes().all(|b| b.is_ascii_digit() || b == b'.'));
                    prop_assert_eq!(version.matches('.').count(), 1);
                }
            }
        }
    }

    mod graph_address {
        use super::super::{graph_address, is_loopback_host};
        use proptest::prelude::*;
        use std::net::{Ipv4Addr, Ipv6Addr};

        /// What a strict reader says the host of an accepted address is:
        /// the text between `://` and the first `/`, without its port.
        fn host_in(url: &str) -> String {
            let rest = url.split_once("://").unwrap().1;
            let authority = rest.split('/').next().unwrap().to_ascii_lowercase();
            if authority.starts_with('[') {
                authority[..=authority.find(']').unwrap()].to_string()
            } else {
                authority.split(':').next().unwrap().to_string()
            }
        }

        /// This computer, by an independent reading: `localhost`, an IPv4
        /// address in 127/8 written the way std writes it, or `[::1]`.
        fn is_this_computer(host: &str) -> bool {
            host == "localhost"
                || host
                    .parse::<Ipv4Addr>()
                    .is_ok_and(|ip| ip.octets()[0] == 127 && ip.to_string() == host)
                || host
                    .strip_prefix('[')
                    .and_then(|h| h.strip_suffix(']'))
                    .and_then(|h| h.parse::<Ipv6Addr>().ok())
                    .is_some_and(|ip| ip == Ipv6Addr::LOCALHOST)
        }

        const LOCAL: &[&str] = &[
            "localhost",
            "LocalHost",
            "127.0.0.1",
            "127.1.2.3",
            "127.255.255.254",
            "[::1]",
        ];
        const LOOKALIKES: &[&str] = &[
            "localhost.",
            "127.0.0.1.",
            "0x7f.1",
            "0x7f000001",
            "2130706433",
            "0177.0.0.1",
            "127.1",
            "127.0.0.01",
            "127.000.0.1",
            "127.0.0.256",
            "128.0.0.1",
            "[::ffff:127.0.0.1]",
            "[::1%25eth0]",
            "[::2]",
            "[0:0:0:0:0:0:0:1]",
            "[::01]",
            "%6cocalhost",
            "localhost%2eevil.example",
            "xn--localhost",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "evil.example",
            "loca\u{2060}lhost",
            "ⓛocalhost",
            "localhost\u{3002}",
            "",
        ];
        const BEFORE: &[&str] = &[
            "",
            "user@",
            "user:pw@",
            "localhost@",
            "127.0.0.1@",
            "@",
            " ",
            "\t",
        ];
        const AFTER: &[&str] = &[
            "",
            ":80",
            ":8080",
            ":65535",
            ":0",
            ":65536",
            ":",
            ":8080:80",
            ":80@evil.example",
            "@evil.example",
            ".evil.example",
            ".",
            "#@evil.example",
            "?@evil.example",
            "\\@evil.example",
            "\\.evil.example",
            "%2f@evil.example",
            "%00",
            "\t.evil",
            " .evil",
            "/v1",
            "/graph/",
            "/a?b",
            "/%2e%2e",
            "/@evil.example",
        ];

        fn address() -> impl Strategy<Value = String> {
            let host = prop_oneof![
                prop::sample::select(LOCAL).prop_map(str::to_string),
                prop::sample::select(LOOKALIKES).prop_map(str::to_string),
                "[a-z0-9.:\\[\\]@%#?/\\\\-]{0,20}",
            ];
            (
                prop::sample::select(&["http://", "https://", "HTTP://", "http:/", "ftp://"][..]),
                prop::sample::select(BEFORE),
                host,
                prop::sample::select(AFTER),
            )
                .prop_map(|(scheme, before, host, after)| format!("{scheme}{before}{host}{after}"))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]

            #[test]
            fn plain_http_goes_only_to_this_computer(url in address()) {
                if let Ok(address) = graph_address(&url) {
                    let base = &address.base;
                    prop_assert!(!base.contains(['@', '?', '#', '\\', '%', ' ', '\t']), "{url:?} → {base:?}");
                    prop_assert!(address.base.starts_with(&address.origin));
                    if base.starts_with("http://") {
                        let host = host_in(base);
                        prop_assert!(is_this_computer(&host), "{url:?} → host {host:?}");
                    } else {
                        prop_assert!(base.starts_with("https://"), "{url:?}");
                    }
                }
            }

            #[test]
            fn this_computer_on_any_port_is_accepted(
                host in prop::sample::select(LOCAL),
                port in prop::option::of(1u16..),
                path in prop::sample::select(&["", "/", "/graph", "/v1/"][..]),
            ) {
                let port = port.map(|p| format!(":{p}")).unwrap_or_default();
                let url = format!("http://{host}{port}{path}");
                let address = graph_address(&url).map_err(TestCaseError::fail)?;
                prop_assert_eq!(address.origin, format!("http://{}{port}", host.to_ascii_lowercase()));
            }

            #[test]
            fn lookalikes_of_this_computer_are_not_trusted(host in prop::sample::select(LOOKALIKES)) {
                prop_assert!(!is_loopback_host(host), "{host:?}");
                prop_assert!(graph_address(&format!("http://{host}")).is_err(), "{host:?}");
                prop_assert!(graph_address(&format!("http://{host}:8080/")).is_err(), "{host:?}");
            }
        }

        #[test]
        fn a_host_that_only_starts_like_localhost_gets_no_token_over_http() {
            let refused = graph_address("http://localhost.evil.example").unwrap_err();
            assert!(
                refused.contains("https://") && refused.contains("Nothing was sent"),
                "{refused}"
            );
            assert_eq!(
                graph_address("https://graph.facebook.com/").unwrap().base,
                "https://graph.facebook.com"
            );
            assert!(graph_address("https://evil.example@graph.facebook.com").is_err());
        }
    }
}
