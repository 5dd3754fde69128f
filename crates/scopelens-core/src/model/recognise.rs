//! Recognising the payloads of [`super`] in a parsed `serde_json::Value`.
//!
//! Recognition is tolerant: IDs may be numbers or strings, codes may be
//! strings, wrappers (`{"data": …}`, `{"error": …}`) are optional.

use super::*;
use crate::{placeholder, privacy, secrets};
use serde_json::Map;
use std::borrow::Cow;

/// Recognises any known payload in `value`, most specific shape first.
pub fn recognise(value: &Value) -> Option<Payload> {
    recognise_as(value, InputKind::DebugToken)
        .or_else(|| recognise_as(value, InputKind::Permissions))
        .or_else(|| recognise_as(value, InputKind::GraphError))
        .or_else(|| recognise_as(value, InputKind::WebhookError))
}

/// How deep [`locate_payload`] looks inside wrappers: structured log records
/// (`{"level":"error","response":{"error":{…}}}`) and the envelopes of
/// providers and SDKs (`{"error":{"code":"WHATSAPP_ERROR","whatsappApiError":{…}}}`).
const MAX_WRAPPER_DEPTH: usize = 6;
/// How many values [`locate_payload`] looks at, whatever the document's size.
const MAX_WRAPPER_NODES: usize = 4096;

/// A payload found inside a value, with what surrounded it.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub payload: Payload,
    /// The keys leading from the document to the payload (`response.data`),
    /// empty when the document is the payload.
    pub path: Vec<String>,
    /// Short scalar fields of the objects around the payload (a provider's
    /// own `status`, `code`, `title`…), as context.
    pub context: Vec<(String, String)>,
}

/// Recognises a payload in `value` or, failing that, inside the objects it
/// wraps (breadth first, a few levels deep). `kind` restricts the search.
pub fn find_payload(value: &Value, kind: Option<InputKind>) -> Option<Payload> {
    locate_payload(value, kind).map(|found| found.payload)
}

/// How much of Meta's error a recognised payload carries: a Graph error
/// with no numeric code is most likely a wrapper's own error around Meta's.
fn completeness(payload: &Payload) -> u8 {
    match payload {
        Payload::GraphError(e) if e.code.is_none() => 1,
        Payload::WebhookError(w) if w.errors.iter().all(|e| e.code.is_none()) => 1,
        _ => 2,
    }
}

/// Like [`find_payload`], and says where the payload was and what was around
/// it. Arrays are looked into, and strings holding a JSON document (a body
/// logged as text) are read.
pub fn locate_payload(value: &Value, kind: Option<InputKind>) -> Option<Located> {
    let mut level: Vec<(Cow<'_, Value>, Vec<String>)> = vec![(Cow::Borrowed(value), Vec::new())];
    let mut best: Option<(Payload, Vec<String>)> = None;
    let mut visited = 0;
    for _ in 0..=MAX_WRAPPER_DEPTH {
        let mut next = Vec::new();
        for (v, path) in &level {
            visited += 1;
            if visited > MAX_WRAPPER_NODES {
                break;
            }
            let found = match kind {
                Some(kind) => recognise_as(v, kind),
                None => recognise(v),
            };
            if let Some(payload) = found {
                let score = completeness(&payload);
                if score == 2 {
                    return Some(located(value, payload, path.clone()));
                }
                if best.is_none() {
                    best = Some((payload, path.clone()));
                }
            }
            for (key, child) in children(v) {
                let mut p = path.clone();
                p.push(key);
                next.push((child, p));
            }
        }
        if next.is_empty() || visited > MAX_WRAPPER_NODES {
            break;
        }
        level = next;
    }
    best.map(|(payload, path)| located(value, payload, path))
}

/// The objects and arrays inside `value` to look into next, with their keys,
/// including documents held in strings. Children of a borrowed value stay
/// borrowed; only documents read from strings are new values.
fn children<'a>(value: &Cow<'a, Value>) -> Vec<(String, Cow<'a, Value>)> {
    match value {
        Cow::Borrowed(v) => children_of(v, Cow::Borrowed),
        Cow::Owned(v) => children_of(v, |c| Cow::Owned(c.clone())),
    }
}

fn children_of<'v, 'a>(
    value: &'v Value,
    keep: impl Fn(&'v Value) -> Cow<'a, Value>,
) -> Vec<(String, Cow<'a, Value>)> {
    let entries: Box<dyn Iterator<Item = (String, &'v Value)>> = match value {
        Value::Object(obj) => Box::new(obj.iter().map(|(k, v)| (k.clone(), v))),
        Value::Array(items) => Box::new(items.iter().enumerate().map(|(i, v)| (i.to_string(), v))),
        _ => return Vec::new(),
    };
    let mut out = Vec::new();
    for (key, child) in entries.take(256) {
        let child = match child {
            Value::Object(_) | Value::Array(_) => keep(child),
            Value::String(s) if s.len() < 1 << 20 => match document_in(s) {
                Some(v) => Cow::Owned(v),
                None => continue,
            },
            _ => continue,
        };
        out.push((key, child));
    }
    out
}

/// A JSON document held in a string, alone (`"{\"error\":…}"`) or after
/// words (`"Backend responded with HTTP400: {…}."`).
fn document_in(s: &str) -> Option<Value> {
    let start = s.find(['{', '['])?;
    let end = s.rfind(['}', ']'])?;
    if end <= start {
        return None;
    }
    serde_json::from_str::<Value>(&s[start..=end])
        .ok()
        .filter(|v| v.is_object() || v.is_array())
}

/// Keys whose short values, around a wrapped payload, say something about
/// the failure (a provider's status word, its own code or title).
const CONTEXT_KEYS: &[&str] = &[
    "status",
    "code",
    "title",
    "type",
    "reason",
    "name",
    "error",
    "message",
    "description",
    "detail",
    "details",
    "success",
    "result",
    "provider",
    "http_status",
    "statuscode",
];

fn located(root: &Value, payload: Payload, path: Vec<String>) -> Located {
    let mut context = Vec::new();
    let mut at = root;
    for key in &path {
        if let Value::Object(obj) = at {
            for (k, v) in obj {
                let wanted = CONTEXT_KEYS.iter().any(|c| {
                    k.to_ascii_lowercase()
                        .replace(['_', '-'], "")
                        .contains(&c.replace('_', ""))
                });
                let scalar = match v {
                    Value::String(s)
                        if s.chars().count() <= 120 && !s.trim_start().starts_with(['{', '[']) =>
                    {
                        Some(privacy::clean_text(s))
                    }
                    Value::Number(n) => Some(n.to_string()),
                    Value::Bool(b) => Some(b.to_string()),
                    _ => None,
                };
                if let (true, Some(value)) = (wanted && !secrets::is_secret_name(k), scalar) {
                    if context.len() < 8 {
                        context.push((secrets::redact(k).text, value));
                    }
                }
            }
        }
        at = match at {
            Value::Object(obj) => match obj.get(key) {
                Some(v) => v,
                None => break,
            },
            Value::Array(items) => match key.parse::<usize>().ok().and_then(|i| items.get(i)) {
                Some(v) => v,
                None => break,
            },
            _ => break,
        };
    }
    Located {
        payload,
        path,
        context,
    }
}

/// Recognises `value` as one given kind only (for the user's override).
pub fn recognise_as(value: &Value, kind: InputKind) -> Option<Payload> {
    match kind {
        InputKind::DebugToken => debug_token(value).map(Payload::DebugToken),
        InputKind::Permissions => permission_list(value).map(Payload::Permissions),
        InputKind::GraphError => graph_error(value).map(Payload::GraphError),
        InputKind::WebhookError => webhook_errors(value).map(Payload::WebhookError),
        InputKind::AccessToken | InputKind::Unknown => None,
    }
}

/// A string field, after its escapes were decoded by the reader: secrets are
/// removed from the decoded form too, so an escape (`\\u0045AA…`) cannot
/// carry a token past the scan of the raw text.
fn text(obj: &Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key)? {
        // `"fbtrace_id": "xxxx"` is a value the person left out.
        Value::String(s) if placeholder::is_placeholder(s) => None,
        Value::String(s) => Some(secrets::redact(s).text),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A field people write in: an error's message, title or details. Personal
/// data in it is masked.
fn free_text(obj: &Map<String, Value>, key: &str) -> Option<String> {
    text(obj, key).map(|s| privacy::scrub_text(&s))
}

/// A copy of an arbitrary value with every string cleaned like [`free_text`].
fn cleaned(value: &Value) -> Value {
    match value {
        Value::String(s) => Value::String(privacy::clean_text(s)),
        Value::Array(items) => Value::Array(items.iter().map(cleaned).collect()),
        Value::Object(obj) => {
            let mut out = Map::new();
            for (k, v) in obj {
                let key = secrets::redact(k).text;
                let v = if secrets::is_secret_name(&key) {
                    Value::String(secrets::REDACTED.to_string())
                } else {
                    cleaned(v)
                };
                out.insert(key, v);
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

fn integer(obj: &Map<String, Value>, key: &str) -> Option<i64> {
    match obj.get(key)? {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn code(obj: &Map<String, Value>, key: &str) -> Option<u32> {
    integer(obj, key).and_then(|n| u32::try_from(n).ok())
}

fn boolean(obj: &Map<String, Value>, key: &str) -> Option<bool> {
    match obj.get(key)? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s == "true" || s == "false" => Some(s == "true"),
        _ => None,
    }
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        // Some SDKs print scopes as one comma-separated string.
        Some(Value::String(s)) => s
            .split(',')
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

/// `{"data": {...}}` → the inner object and `true`; a bare object → itself and `false`.
fn unwrap<'a>(value: &'a Value, wrapper: &str) -> Option<(&'a Map<String, Value>, bool)> {
    let obj = value.as_object()?;
    match obj.get(wrapper) {
        Some(Value::Object(inner)) => Some((inner, true)),
        _ => Some((obj, false)),
    }
}

fn debug_token(value: &Value) -> Option<DebugToken> {
    let (obj, wrapped) = unwrap(value, "data")?;
    let looks_like = obj.contains_key("is_valid")
        || (obj.contains_key("app_id") && (obj.contains_key("type") || obj.contains_key("scopes")));
    if !looks_like {
        return None;
    }
    let error = obj
        .get("error")
        .and_then(Value::as_object)
        .map(|e| TokenError {
            code: code(e, "code"),
            subcode: code(e, "subcode").or_else(|| code(e, "error_subcode")),
            message: free_text(e, "message"),
        });
    let granular_scopes = match obj.get("granular_scopes") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_object)
            .filter_map(|g| {
                Some(GranularScope {
                    scope: text(g, "scope")?,
                    target_ids: g.get("target_ids").map(|t| strings(Some(t))),
                })
            })
            .collect(),
        _ => Vec::new(),
    };
    Some(DebugToken {
        wrapped,
        app_id: text(obj, "app_id"),
        token_type: text(obj, "type").map(|t| TokenType::parse(&t)),
        application: text(obj, "application"),
        is_valid: boolean(obj, "is_valid"),
        issued_at: integer(obj, "issued_at"),
        expires_at: integer(obj, "expires_at"),
        data_access_expires_at: integer(obj, "data_access_expires_at"),
        scopes: strings(obj.get("scopes")),
        granular_scopes,
        user_id: text(obj, "user_id"),
        profile_id: text(obj, "profile_id"),
        metadata: obj.get("metadata").map(cleaned),
        error,
    })
}

fn permission_list(value: &Value) -> Option<PermissionList> {
    let (items, has_more_pages) = match value {
        Value::Array(items) => (items, false),
        Value::Object(obj) => {
            let items = obj.get("data")?.as_array()?;
            let next = obj
                .get("paging")
                .and_then(Value::as_object)
                .is_some_and(|p| p.contains_key("next"));
            (items, next)
        }
        _ => return None,
    };
    if items.is_empty() {
        return None;
    }
    let entries = items
        .iter()
        .map(|item| {
            let obj = item.as_object()?;
            let status = text(obj, "status")?;
            Some(PermissionEntry {
                permission: text(obj, "permission")?,
                status: match status.to_ascii_lowercase().as_str() {
                    "granted" => PermissionStatus::Granted,
                    "declined" => PermissionStatus::Declined,
                    "expired" => PermissionStatus::Expired,
                    _ => PermissionStatus::Other(status),
                },
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(PermissionList {
        entries,
        has_more_pages,
    })
}

/// The names SDKs and languages give a Graph error's fields (`errorCode`
/// in Android's and restfb's objects, `error_code`/`error_msg` in the old
/// REST API, `subcode` in Firebase's flattening…), compared without case,
/// `_` or `-`. The first is the JSON contract's own.
const CODE: &[&str] = &["code", "errorcode", "errcode"];
const SUBCODE: &[&str] = &["error_subcode", "subcode", "suberrorcode", "errorsubcode"];
const MESSAGE: &[&str] = &["message", "errormessage", "errormsg", "errmsg"];
const TYPE: &[&str] = &["type", "errortype"];
const TRACE: &[&str] = &["fbtrace_id", "fbtraceid", "traceid"];

fn folded_key(key: &str) -> String {
    key.chars()
        .filter(|c| *c != '_' && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The name under which `obj` holds one of `names`, if any.
fn key_of<'a>(obj: &'a Map<String, Value>, names: &[&str]) -> Option<&'a str> {
    for name in names {
        if obj.contains_key(*name) {
            return Some(obj.get_key_value(*name)?.0.as_str());
        }
    }
    let wanted: Vec<String> = names.iter().map(|n| folded_key(n)).collect();
    obj.keys()
        .find(|k| wanted.contains(&folded_key(k)))
        .map(String::as_str)
}

fn has(obj: &Map<String, Value>, names: &[&str]) -> bool {
    key_of(obj, names).is_some()
}

fn text_of(obj: &Map<String, Value>, names: &[&str]) -> Option<String> {
    text(obj, key_of(obj, names)?)
}

fn code_of(obj: &Map<String, Value>, names: &[&str]) -> Option<u32> {
    // Android's SDK writes -1 for "no subcode".
    code(obj, key_of(obj, names)?)
}

/// Longest trace ID kept; Meta's are 11 to 27 characters.
const MAX_TRACE_ID: usize = 64;

/// Whether `text` can be a trace ID: one word of ID characters. Anything
/// else (a bare value that ran on into the next fields of a dump) is
/// dropped rather than shown, since it may carry a customer's data.
fn is_trace_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_TRACE_ID
        && text.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+' | b'/' | b'=' | b'.')
        })
}

/// HTTP's reason phrases (RFC 9110) of the statuses services put in their
/// JSON bodies. Not the `http` crate's full table: that costs 1 kB brotli
/// on the app's first load, for statuses no body carries.
const REASON_PHRASES: &[(u32, &str)] = &[
    (100, "Continue"),
    (102, "Processing"),
    (200, "OK"),
    (201, "Created"),
    (202, "Accepted"),
    (204, "No Content"),
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (405, "Method Not Allowed"),
    (409, "Conflict"),
    (413, "Payload Too Large"),
    (415, "Unsupported Media Type"),
    (422, "Unprocessable Entity"),
    (429, "Too Many Requests"),
    (500, "Internal Server Error"),
    (501, "Not Implemented"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Gateway Timeout"),
];

/// What services other than Meta's answer with success, lowercase, in
/// English and in the languages gateways answer in most (Chinese,
/// Portuguese, Spanish, Indonesian).
const SUCCESS_WORDS: &[&str] = &[
    "ok",
    "success",
    "successful",
    "succeeded",
    "done",
    "成功",
    "sucesso",
    "éxito",
    "exito",
    "berhasil",
    "sukses",
];

/// The status a bare `{code, message}` says when it is a service's status
/// (`{code: 200, message: "OK"}`, `{code: 404, message: "Not Found"}`,
/// `{code: 0, message: "success"}`) rather than Meta's error: the HTTP
/// reason phrase of its code, or a success word, as written here (never the
/// paste's own text). Meta's `(#N)` in a message is never a status.
pub fn status_phrase(code: u32, message: &str) -> Option<&'static str> {
    let said = message.trim().trim_end_matches(['.', '!']);
    let reason = REASON_PHRASES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, phrase)| *phrase);
    if reason.is_some_and(|r| said.eq_ignore_ascii_case(r)) {
        return reason;
    }
    SUCCESS_WORDS
        .iter()
        .find(|w| (code == 0 || (200..300).contains(&code)) && said.eq_ignore_ascii_case(w))
        .copied()
}

/// The status an object's code and message say, if they are one.
fn status_of(obj: &Map<String, Value>) -> Option<(u32, &'static str)> {
    let code = code_of(obj, CODE)?;
    status_phrase(code, &text_of(obj, MESSAGE)?).map(|phrase| (code, phrase))
}

/// A service's status in a document that holds no error: the document
/// itself, or an object a level or two inside it (`[{…}]`, `<response>`).
pub fn status_in(value: &Value) -> Option<(u32, &'static str)> {
    let mut level = vec![value];
    for _ in 0..3 {
        let mut next = Vec::new();
        for v in level {
            match v {
                Value::Object(obj) => {
                    if let Some(found) = status_of(obj) {
                        return Some(found);
                    }
                    next.extend(obj.values().take(16));
                }
                Value::Array(items) => next.extend(items.iter().take(16)),
                _ => {}
            }
        }
        level = next;
    }
    None
}

fn graph_error(value: &Value) -> Option<GraphError> {
    let (obj, wrapped) = unwrap(value, "error")?;
    if let Some(first) = on_premises_error(obj) {
        return graph_error(&Value::Object(first));
    }
    // WhatsApp's own errors (`{code, title, href}`) come in `errors` lists,
    // never under a single `error` key as Graph's do.
    let whatsapp_style =
        !wrapped && (obj.contains_key("title") || obj.contains_key("href")) && !has(obj, TYPE);
    let numeric_code = code_of(obj, CODE);
    let looks_like = if wrapped {
        has(obj, CODE) || has(obj, MESSAGE) || has(obj, TYPE)
    } else {
        has(obj, CODE)
            && (has(obj, TYPE)
                || has(obj, TRACE)
                || has(obj, SUBCODE)
                // `{code, message}` with a Graph code: Firebase's and many
                // SDKs' flattening. WhatsApp's own errors (13xxxx) with only
                // these two fields stay webhook errors.
                || (obj.len() <= 4
                    && has(obj, MESSAGE)
                    && numeric_code.is_some_and(|c| c < 130_000)
                    && !reads_as_status(obj)))
    };
    if !looks_like || whatsapp_style {
        return None;
    }
    Some(GraphError {
        wrapped,
        message: text_of(obj, MESSAGE).map(|m| privacy::scrub_text(&m)),
        error_type: text_of(obj, TYPE).map(|t| privacy::scrub_text(&t)),
        code: numeric_code,
        // SDKs that always print a subcode print 0 for none (Ruby's Koala).
        error_subcode: code_of(obj, SUBCODE).filter(|s| *s != 0),
        error_user_title: free_text(obj, "error_user_title"),
        error_user_msg: free_text(obj, "error_user_msg"),
        fbtrace_id: text_of(obj, TRACE).filter(|t| is_trace_id(t)),
        is_transient: boolean(obj, "is_transient"),
        error_data: obj.get("error_data").and_then(error_data),
    })
}

/// The On-Premises API answers `{"meta": {…"api_status"…}, "errors": [{code,
/// title, details}]}`: its first error, in the Graph error's shape.
fn on_premises_error(obj: &Map<String, Value>) -> Option<Map<String, Value>> {
    let meta = obj.get("meta")?.as_object()?;
    if !meta.contains_key("api_status") && !meta.contains_key("version") {
        return None;
    }
    let first = obj.get("errors")?.as_array()?.first()?.as_object()?;
    let mut error = Map::new();
    error.insert("code".into(), first.get("code")?.clone());
    if let Some(title) = first.get("title").or_else(|| first.get("message")) {
        error.insert("message".into(), title.clone());
    }
    if let Some(details) = first.get("details") {
        error.insert(
            "error_data".into(),
            serde_json::json!({ "details": details }),
        );
    }
    Some(error)
}

fn error_data(value: &Value) -> Option<ErrorData> {
    match value {
        Value::Object(obj) => Some(ErrorData {
            details: free_text(obj, "details"),
            messaging_product: text(obj, "messaging_product"),
            other: {
                // Inserted one by one: collecting into a map sorts first,
                // which would add a copy of the sort to the wasm for this alone.
                let mut rest = Map::new();
                for (k, v) in obj {
                    if k != "details" && k != "messaging_product" {
                        rest.insert(k.clone(), cleaned(v));
                    }
                }
                (!rest.is_empty()).then_some(Value::Object(rest))
            },
        }),
        // Marketing API sends error_data as a JSON string; read it if we can.
        Value::String(s) => match serde_json::from_str::<Value>(s) {
            Ok(inner @ Value::Object(_)) => error_data(&inner),
            _ if s.is_empty() => None,
            _ => Some(ErrorData {
                details: Some(privacy::clean_text(s)),
                messaging_product: None,
                other: None,
            }),
        },
        _ => None,
    }
}

/// Webhook context copied onto each error found under it.
#[derive(Default, Clone)]
struct Where {
    phone_number_id: Option<String>,
    waba_id: Option<String>,
    message_id: Option<String>,
    recipient_id: Option<String>,
    status: Option<String>,
    timestamp: Option<i64>,
}

fn webhook_errors(value: &Value) -> Option<WebhookErrors> {
    match value {
        Value::Array(items) if items.iter().all(|i| i.as_object().is_some_and(is_wa_error)) => {
            let errors: Vec<WebhookError> = items
                .iter()
                .filter_map(Value::as_object)
                .map(|o| wa_error(o, ErrorPlace::Standalone, &Where::default()))
                .collect();
            (!errors.is_empty()).then_some(WebhookErrors {
                whole_payload: false,
                errors,
            })
        }
        // Tools such as n8n hand over an array of `value` objects (or of whole deliveries).
        Value::Array(items) if !items.is_empty() => {
            let mut errors = Vec::new();
            for item in items {
                errors.extend(webhook_errors(item).filter(|w| w.whole_payload)?.errors);
            }
            Some(WebhookErrors {
                whole_payload: true,
                errors,
            })
        }
        Value::Object(obj) if obj.contains_key("entry") => {
            let mut errors = Vec::new();
            for entry in obj.get("entry")?.as_array()? {
                let changes = entry.get("changes").and_then(Value::as_array);
                let waba_id = entry.as_object().and_then(|e| text(e, "id"));
                for change in changes.into_iter().flatten() {
                    if let Some(value) = change.get("value").and_then(Value::as_object) {
                        collect_from_value(value, waba_id.clone(), &mut errors);
                    }
                }
            }
            Some(WebhookErrors {
                whole_payload: true,
                errors,
            })
        }
        Value::Object(obj) if obj.contains_key("value") && obj.contains_key("field") => {
            let mut errors = Vec::new();
            collect_from_value(obj.get("value")?.as_object()?, None, &mut errors);
            Some(WebhookErrors {
                whole_payload: true,
                errors,
            })
        }
        Value::Object(obj) if is_webhook_value(obj) => {
            let mut errors = Vec::new();
            collect_from_value(obj, None, &mut errors);
            Some(WebhookErrors {
                whole_payload: true,
                errors,
            })
        }
        Value::Object(obj) if is_status_item(obj) => {
            let mut errors = Vec::new();
            collect_items(
                std::slice::from_ref(value),
                ErrorPlace::Status,
                &Where::default(),
                &mut errors,
            );
            Some(WebhookErrors {
                whole_payload: true,
                errors,
            })
        }
        Value::Object(obj) if obj.get("errors").and_then(Value::as_array).is_some() => {
            let mut errors = Vec::new();
            collect_from_value(obj, None, &mut errors);
            (!errors.is_empty()).then_some(WebhookErrors {
                whole_payload: false,
                errors,
            })
        }
        Value::Object(obj) if is_wa_error(obj) && !is_exception(obj) => Some(WebhookErrors {
            whole_payload: false,
            errors: vec![wa_error(obj, ErrorPlace::Standalone, &Where::default())],
        }),
        _ => None,
    }
}

/// A webhook `value` object. The send API's own request and response bodies
/// also carry `messaging_product` and `messages`, but never `metadata` or `statuses`.
fn is_webhook_value(obj: &Map<String, Value>) -> bool {
    obj.contains_key("messaging_product")
        && (obj.get("metadata").is_some_and(Value::is_object)
            || obj.get("statuses").is_some_and(Value::is_array))
}

fn is_wa_error(obj: &Map<String, Value>) -> bool {
    obj.contains_key("code")
        && (obj.contains_key("title")
            || obj.contains_key("href")
            || obj.contains_key("error_data")
            || (obj.contains_key("message") && !reads_as_status(obj)))
}

/// Keys of an exception object as SDKs print it (PHP's `file`, `line` and
/// `trace`, Java's `stackTrace`, JavaScript's `stack`): its own `code` and
/// `message` (often 0 and Meta's text) wrap the error found inside it.
const EXCEPTION_KEYS: &[&str] = &["trace", "stack", "stacktrace", "previous", "file"];

fn is_exception(obj: &Map<String, Value>) -> bool {
    obj.keys()
        .any(|k| EXCEPTION_KEYS.contains(&folded_key(k).as_str()))
}

/// Whether an object's code and message are a service's status, not an error.
fn reads_as_status(obj: &Map<String, Value>) -> bool {
    status_of(obj).is_some()
}

fn collect_from_value(
    value: &Map<String, Value>,
    waba_id: Option<String>,
    out: &mut Vec<WebhookError>,
) {
    let base = Where {
        waba_id,
        phone_number_id: value
            .get("metadata")
            .and_then(Value::as_object)
            .and_then(|m| text(m, "phone_number_id")),
        ..Where::default()
    };
    collect_errors(value.get("errors"), ErrorPlace::Value, &base, out);
    for (key, place) in [
        ("statuses", ErrorPlace::Status),
        ("messages", ErrorPlace::Message),
    ] {
        if let Some(items) = value.get(key).and_then(Value::as_array) {
            collect_items(items, place, &base, out);
        }
    }
}

/// A `statuses[]` item pasted on its own: a message's ID, its status and the
/// errors that made it fail.
fn is_status_item(obj: &Map<String, Value>) -> bool {
    obj.get("errors").is_some_and(Value::is_array)
        && obj.get("status").is_some_and(Value::is_string)
        && (obj.contains_key("id") || obj.contains_key("recipient_id"))
}

fn collect_items(items: &[Value], place: ErrorPlace, base: &Where, out: &mut Vec<WebhookError>) {
    for item in items.iter().filter_map(Value::as_object) {
        let here = Where {
            message_id: text(item, "id").map(|id| privacy::mask_message_id(&id)),
            recipient_id: text(item, "recipient_id")
                .or_else(|| text(item, "from"))
                .map(|id| privacy::mask_phone(&id)),
            status: text(item, "status"),
            timestamp: integer(item, "timestamp"),
            ..base.clone()
        };
        collect_errors(item.get("errors"), place, &here, out);
    }
}

fn collect_errors(
    errors: Option<&Value>,
    place: ErrorPlace,
    at: &Where,
    out: &mut Vec<WebhookError>,
) {
    let items = errors.and_then(Value::as_array);
    for obj in items.into_iter().flatten().filter_map(Value::as_object) {
        out.push(wa_error(obj, place, at));
    }
}

fn wa_error(obj: &Map<String, Value>, place: ErrorPlace, at: &Where) -> WebhookError {
    let details = obj
        .get("error_data")
        .and_then(error_data)
        .and_then(|d| d.details);
    WebhookError {
        code: code(obj, "code"),
        title: text(obj, "title"),
        message: free_text(obj, "message"),
        details,
        href: text(obj, "href"),
        place,
        phone_number_id: at.phone_number_id.clone(),
        waba_id: at.waba_id.clone(),
        message_id: at.message_id.clone(),
        recipient_id: at.recipient_id.clone(),
        status: at.status.clone(),
        timestamp: at.timestamp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn debug_token_with_and_without_wrapper() {
        let inner = json!({"app_id": "1", "type": "SYSTEM_USER", "is_valid": true, "expires_at": 0, "scopes": ["a"]});
        let Some(Payload::DebugToken(t)) = recognise(&json!({"data": inner.clone()})) else {
            panic!()
        };
        assert!(t.wrapped);
        assert_eq!(t.token_type, Some(TokenType::SystemUser));
        let Some(Payload::DebugToken(t)) = recognise(&inner) else {
            panic!()
        };
        assert!(!t.wrapped);
    }

    #[test]
    fn malformed_token_form() {
        let v = json!({"data": {"error": {"code": 190, "message": "Invalid OAuth access token - Cannot parse access token"}, "is_valid": false, "scopes": []}});
        let Some(Payload::DebugToken(t)) = recognise(&v) else {
            panic!()
        };
        assert_eq!(t.error.unwrap().code, Some(190));
    }

    #[test]
    fn a_bare_http_status_is_not_read_as_an_error_in_any_case() {
        let statuses = [
            (100, "Continue"),
            (102, "Processing"),
            (200, "OK"),
            (200, "success"),
            (201, "Created"),
            (202, "Accepted"),
            (204, "No Content"),
            (400, "Bad Request"),
            (401, "Unauthorized"),
            (403, "Forbidden"),
            (404, "Not Found"),
            (429, "Too Many Requests"),
            (500, "Internal Server Error"),
            (503, "Service Unavailable"),
            (0, "success"),
            (200, "Success!"),
            (200, "成功"),
            (0, "sucesso"),
        ];
        for (code, phrase) in statuses {
            for message in [
                phrase.to_string(),
                phrase.to_lowercase(),
                phrase.to_uppercase(),
                format!("{phrase}."),
            ] {
                for code in [json!(code), json!(code.to_string())] {
                    let doc = json!({ "code": code, "message": message });
                    assert_eq!(recognise(&doc), None, "{doc}");
                    let listed = json!([doc]);
                    assert_eq!(recognise(&listed), None, "{listed}");
                }
            }
        }
    }

    #[test]
    fn a_flattened_meta_error_with_a_code_in_https_range_is_still_read() {
        for (code, message) in [
            (
                200,
                "(#200) Requires whatsapp_business_messaging permission",
            ),
            (190, "Error validating access token: Session has expired"),
            (100, "Invalid parameter"),
            (200, "Permissions error"),
            (404, "(#404) Unknown path components"),
            (
                2500,
                "An active access token must be used to query information about the current user.",
            ),
            (80007, "Rate limit hit"),
        ] {
            let doc = json!({ "code": code, "message": message });
            match recognise(&doc) {
                Some(Payload::GraphError(e)) => assert_eq!(e.code, Some(code), "{doc}"),
                other => panic!("{doc}: {other:?}"),
            }
        }
    }

    #[test]
    fn an_exception_object_is_looked_into_for_the_error_it_wraps() {
        let doc = json!({
            "result": {"error": {"message": "(#200) Not allowed", "type": "OAuthException", "code": 200, "fbtrace_id": "E7WZQUHYjKW"}},
            "message": "(#200) Not allowed",
            "code": 0,
            "file": "/var/www/base_facebook.php",
            "line": 1325,
            "trace": [],
        });
        match locate_payload(&doc, None).map(|found| found.payload) {
            Some(Payload::GraphError(e)) => {
                assert_eq!(
                    (e.code, e.fbtrace_id.as_deref()),
                    (Some(200), Some("E7WZQUHYjKW"))
                )
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_error_with_a_title_under_a_single_error_key_is_a_graph_error() {
        // wapi.js reshapes Meta's error as `{status, error: {title, errorCode}}`.
        let doc = json!({"status": "error", "error": {"description": "The parameter to is required.", "title": "The parameter to is required.", "errorCode": 100}});
        match locate_payload(&doc, None).map(|found| found.payload) {
            Some(Payload::GraphError(e)) => assert_eq!(e.code, Some(100)),
            other => panic!("{other:?}"),
        }
        // In an `errors` list, the same fields are WhatsApp's own error.
        let listed = json!({"errors": [{"code": 131047, "title": "Re-engagement message", "href": "https://developers.facebook.com/"}]});
        assert!(matches!(recognise(&listed), Some(Payload::WebhookError(_))));
    }

    #[test]
    fn a_subcode_of_zero_or_minus_one_is_no_subcode() {
        for subcode in [json!(0), json!("0"), json!(-1)] {
            let doc = json!({"error": {"message": "m", "type": "OAuthException", "code": 190, "error_subcode": subcode}});
            match recognise(&doc) {
                Some(Payload::GraphError(e)) => assert_eq!(e.error_subcode, None, "{doc}"),
                other => panic!("{doc}: {other:?}"),
            }
        }
    }

    #[test]
    fn graph_error_with_string_error_data() {
        let v = json!({"error": {"message": "x", "type": "OAuthException", "code": "100", "error_data": "{\"blame_field_specs\":[[\"name\"]]}"}});
        let Some(Payload::GraphError(e)) = recognise(&v) else {
            panic!()
        };
        assert_eq!(e.code, Some(100));
        assert!(e.error_data.unwrap().other.is_some());
    }

    #[test]
    fn single_whatsapp_error_is_not_a_graph_error() {
        let v = json!({"code": 131047, "title": "Re-engagement message", "href": "/x"});
        assert!(matches!(recognise(&v), Some(Payload::WebhookError(_))));
    }

    #[test]
    fn webhook_status_errors_keep_context() {
        let v = json!({"object": "whatsapp_business_account", "entry": [{"changes": [{"field": "messages", "value": {
            "metadata": {"phone_number_id": "106"},
            "statuses": [{"id": "wamid.X", "status": "failed", "recipient_id": "1555", "timestamp": "1700000000",
                          "errors": [{"code": 131026, "title": "Message undeliverable"}]}]}}]}]});
        let Some(Payload::WebhookError(w)) = recognise(&v) else {
            panic!()
        };
        assert_eq!(w.errors.len(), 1);
        let e = &w.errors[0];
        assert_eq!((e.code, e.place), (Some(131026), ErrorPlace::Status));
        assert_eq!(e.phone_number_id.as_deref(), Some("106"));
        assert_eq!(e.timestamp, Some(1_700_000_000));
    }

    #[test]
    fn permissions_with_paging() {
        let v = json!({"data": [{"permission": "a", "status": "granted"}, {"permission": "b", "status": "declined"}], "paging": {"next": "x"}});
        let Some(Payload::Permissions(p)) = recognise(&v) else {
            panic!()
        };
        assert_eq!(p.entries[1].status, PermissionStatus::Declined);
        assert!(p.has_more_pages);
    }

    #[test]
    fn unrelated_object_is_not_recognised() {
        assert!(recognise(&json!({"name": "x", "id": "1"})).is_none());
        assert!(recognise(&json!({"data": []})).is_none());
    }
}
