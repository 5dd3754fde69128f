//! Share links: what a diagnosis needs and the choices made, packed into a
//! URL fragment that any copy of the page can read without a server.
//!
//! A link never carries the paste. It carries the payload scopelens read from
//! it, reduced to an allow-list of fields per kind ([`shareable_input`]),
//! with every string redacted and personal data masked; the diagnosis is
//! made again from that. The same reduction runs when a link is opened, so a
//! hand-made or older link cannot bring anything else in.
//!
//! Format: `v2=<base64url(zlib(json))>`. The zlib checksum catches tampered
//! or truncated links; decoding caps the fragment and the decompressed size.
//! `v1=` links (which carried the redacted paste) still open, read through
//! the same allow-list. Which view was open and what it showed is a
//! [`SharedView`] (see [`views`]).

mod views;

pub use views::{LookupState, SharedView, TriageCounts, ViewKind, WizardState};

use crate::input;
use crate::kb::intents::IntentId;
use crate::model::{
    DebugToken, ErrorPlace, GraphError, InputKind, Payload, PermissionList, PermissionStatus,
    WebhookError, WebhookErrors,
};
use crate::privacy;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// Longest fragment produced or accepted (browsers and chat tools cope with this).
pub const MAX_FRAGMENT_LEN: usize = 64 * 1024;
/// Largest decompressed state accepted: more than any allow-listed payload
/// or older link needs, and small enough that opening one stays quick.
pub const MAX_STATE_BYTES: usize = 512 * 1024;

const PREFIX_V2: &str = "v2=";

/// What a link carries. Fields added later must have defaults so old links
/// keep working.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ShareState {
    /// What was read from the input, as [`shareable_input`] writes it.
    #[serde(default, rename = "i", skip_serializing_if = "String::is_empty")]
    pub input: String,
    #[serde(default, rename = "n", skip_serializing_if = "Vec::is_empty")]
    pub intents: Vec<IntentId>,
    #[serde(default, rename = "w", skip_serializing_if = "Option::is_none")]
    pub waba_id: Option<String>,
    #[serde(default, rename = "a", skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// A kind forced by the user instead of detection.
    #[serde(default, rename = "k", skip_serializing_if = "Option::is_none")]
    pub kind: Option<InputKind>,
    /// The moment of the diagnosis, so the link reproduces it exactly.
    #[serde(default, rename = "t", skip_serializing_if = "Option::is_none")]
    pub now: Option<i64>,
    /// Which view of the app was open and what it showed (`v` and `x`).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub view: Option<SharedView>,
}

impl ShareState {
    /// Reads the JSON a link carries (what `serde_json` writes from a
    /// `ShareState`). Unknown keys are ignored, so newer links still open;
    /// a known key with the wrong type makes the whole state unreadable.
    /// Written by hand over `Value` rather than derived: the wasm bundles
    /// already carry the `Value` reader, and a derived reader is a second
    /// JSON parser in every bundle that opens links.
    pub fn from_json(json: &str) -> Option<ShareState> {
        let Value::Object(map) = serde_json::from_str::<Value>(json).ok()? else {
            return None;
        };
        let mut state = ShareState::default();
        let mut view = Map::new();
        for (key, value) in map {
            if value.is_null() && key != "i" && key != "n" {
                continue;
            }
            match key.as_str() {
                "i" => state.input = into_string(value)?,
                "n" => state.intents = into_intents(value)?,
                "w" => state.waba_id = Some(into_string(value)?),
                "a" => state.app_id = Some(into_string(value)?),
                "k" => state.kind = Some(InputKind::from_id(&into_string(value)?)?),
                "t" => state.now = Some(value.as_i64()?),
                "v" | "x" => {
                    view.insert(key, value);
                }
                _ => {}
            }
        }
        state.view = read_view(view)?;
        Some(state)
    }

    /// A copy holding only what may leave the machine: the input reduced
    /// to its allow-listed payload, IDs only if they are IDs, and every
    /// other string redacted with personal data masked.
    pub fn redacted(&self) -> ShareState {
        let id = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty() && v.len() <= 20 && v.bytes().all(|b| b.is_ascii_digit()))
                .map(str::to_string)
        };
        ShareState {
            input: shareable_input(&self.input, self.kind),
            intents: self.intents.clone(),
            waba_id: id(&self.waba_id),
            app_id: id(&self.app_id),
            kind: self.kind,
            now: self.now,
            view: self.view.as_ref().map(SharedView::redacted),
        }
    }
}

/// Free text of a view's state as a link may carry it: redacted, personal
/// data masked, capped.
fn clean_text(text: &str) -> String {
    privacy::clean_text(text)
        .chars()
        .take(views::MAX_VIEW_TEXT)
        .collect()
}

/// The view a link's `v` and `x` describe. A view name this version does
/// not know opens the diagnose view (`None`), as a newer link may name one;
/// a known view whose state cannot be read makes the link unreadable.
fn read_view(mut wire: Map<String, Value>) -> Option<Option<SharedView>> {
    let name = match wire.get("v") {
        None => return Some(None),
        Some(Value::String(name)) => name.clone(),
        Some(_) => return None,
    };
    let Some(kind) = ViewKind::from_id(&name) else {
        return Some(None);
    };
    if kind == ViewKind::Diagnose {
        return Some(Some(SharedView::Diagnose));
    }
    wire.entry("x")
        .or_insert_with(|| Value::String(String::new()));
    SharedView::deserialize(Value::Object(wire)).ok().map(Some)
}

/// The part of a paste a link or a copy may carry: the payload scopelens
/// read from it, written back with only the fields a diagnosis needs (the
/// allow-list below), or the words an error was read from. Nothing else of
/// the paste survives: not its surroundings, not unknown fields, not a
/// customer's name or message. Empty when nothing could be read.
pub fn shareable_input(text: &str, kind: Option<InputKind>) -> String {
    // Opening a link cleans its input again, so what a link carries must
    // come back unchanged from that: clean until nothing changes (a paste
    // read as one kind can leave text that reads as less). Each round only
    // removes, so a few are enough; the last is kept either way.
    let mut shared = shareable_once(text, kind);
    for _ in 0..3 {
        let again = shareable_once(&shared, kind);
        if again == shared {
            break;
        }
        shared = again;
    }
    shared
}

fn shareable_once(text: &str, kind: Option<InputKind>) -> String {
    let reading = input::read(text, kind);
    let Ok(payload) = &reading.payload else {
        return String::new();
    };
    let written = match (&reading.from_text, payload) {
        (Some(words), _) if words.from_header => {
            let word = if words.evidence.iter().any(|w| w.contains("invalid_token")) {
                "invalid_token"
            } else {
                "invalid_request"
            };
            let said = words
                .message
                .clone()
                .unwrap_or_else(|| words.evidence.join(" "));
            format!(
                "WWW-Authenticate: OAuth \"Facebook Platform\" \"{word}\" \"{}\"",
                said.replace('"', "'")
            )
        }
        (Some(words), _) => {
            let mut lines = words.evidence.clone();
            lines.extend(words.message.clone());
            lines.dedup();
            lines.join("\n")
        }
        (None, Payload::AccessToken(_)) => String::new(),
        (None, payload) => {
            let document = allow_listed(payload);
            let body = serde_json::to_string_pretty(&document).unwrap_or_default();
            match reading.http.status {
                Some(status) => format!("HTTP/1.1 {status}\n\n{body}"),
                None => body,
            }
        }
    };
    privacy::clean_text(&written)
}

fn put(obj: &mut Map<String, Value>, key: &str, value: impl Into<Value>) {
    let value = value.into();
    if !value.is_null() {
        obj.insert(key.to_string(), value);
    }
}

/// A payload as a document of allow-listed fields only.
fn allow_listed(payload: &Payload) -> Value {
    match payload {
        Payload::DebugToken(t) => json!({ "data": debug_token_fields(t) }),
        Payload::Permissions(list) => permission_fields(list),
        Payload::GraphError(e) => json!({ "error": graph_error_fields(e) }),
        Payload::WebhookError(w) => webhook_fields(w),
        Payload::AccessToken(_) => Value::Null,
    }
}

fn debug_token_fields(t: &DebugToken) -> Value {
    let mut data = Map::new();
    put(&mut data, "app_id", t.app_id.clone());
    put(
        &mut data,
        "type",
        t.token_type.as_ref().map(|t| t.id().to_string()),
    );
    put(&mut data, "application", t.application.clone());
    put(&mut data, "is_valid", t.is_valid);
    put(&mut data, "issued_at", t.issued_at);
    put(&mut data, "expires_at", t.expires_at);
    put(
        &mut data,
        "data_access_expires_at",
        t.data_access_expires_at,
    );
    put(&mut data, "scopes", t.scopes.clone());
    if !t.granular_scopes.is_empty() {
        let granular: Vec<Value> = t
            .granular_scopes
            .iter()
            .map(|g| {
                let mut item = Map::new();
                put(&mut item, "scope", g.scope.clone());
                put(&mut item, "target_ids", g.target_ids.clone());
                Value::Object(item)
            })
            .collect();
        put(&mut data, "granular_scopes", granular);
    }
    if let Some(e) = &t.error {
        let mut error = Map::new();
        put(&mut error, "code", e.code);
        put(&mut error, "subcode", e.subcode);
        put(&mut error, "message", e.message.clone());
        put(&mut data, "error", Value::Object(error));
    }
    Value::Object(data)
}

fn permission_fields(list: &PermissionList) -> Value {
    let data: Vec<Value> = list
        .entries
        .iter()
        .map(|e| {
            let status = match &e.status {
                PermissionStatus::Granted => "granted".to_string(),
                PermissionStatus::Declined => "declined".to_string(),
                PermissionStatus::Expired => "expired".to_string(),
                PermissionStatus::Other(other) => other.clone(),
            };
            json!({ "permission": e.permission, "status": status })
        })
        .collect();
    if list.has_more_pages {
        json!({ "data": data, "paging": { "next": "(more pages)" } })
    } else {
        json!({ "data": data })
    }
}

fn graph_error_fields(e: &GraphError) -> Value {
    let mut error = Map::new();
    put(&mut error, "message", e.message.clone());
    put(&mut error, "type", e.error_type.clone());
    put(&mut error, "code", e.code);
    put(&mut error, "error_subcode", e.error_subcode);
    put(&mut error, "error_user_title", e.error_user_title.clone());
    put(&mut error, "error_user_msg", e.error_user_msg.clone());
    put(&mut error, "fbtrace_id", e.fbtrace_id.clone());
    put(&mut error, "is_transient", e.is_transient);
    if let Some(data) = &e.error_data {
        let mut fields = Map::new();
        put(
            &mut fields,
            "messaging_product",
            data.messaging_product.clone(),
        );
        put(&mut fields, "details", data.details.clone());
        if !fields.is_empty() {
            put(&mut error, "error_data", Value::Object(fields));
        }
    }
    Value::Object(error)
}

fn webhook_error_fields(e: &WebhookError) -> Value {
    let mut error = Map::new();
    put(&mut error, "code", e.code);
    put(&mut error, "title", e.title.clone());
    put(&mut error, "message", e.message.clone());
    if let Some(details) = &e.details {
        put(&mut error, "error_data", json!({ "details": details }));
    }
    put(&mut error, "href", e.href.clone());
    Value::Object(error)
}

/// Each error back in its place: `value.errors`, a failed status or an
/// incoming message, with the IDs the diagnosis shows (masked as read).
fn webhook_fields(w: &WebhookErrors) -> Value {
    if !w.whole_payload {
        return Value::Array(w.errors.iter().map(webhook_error_fields).collect());
    }
    let entries: Vec<Value> = w
        .errors
        .iter()
        .map(|e| {
            let error = webhook_error_fields(e);
            let mut value = Map::new();
            put(&mut value, "messaging_product", "whatsapp");
            if let Some(phone) = &e.phone_number_id {
                put(&mut value, "metadata", json!({ "phone_number_id": phone }));
            }
            let mut item = Map::new();
            put(&mut item, "id", e.message_id.clone());
            put(&mut item, "timestamp", e.timestamp.map(|t| t.to_string()));
            put(&mut item, "errors", vec![error.clone()]);
            match e.place {
                ErrorPlace::Status => {
                    put(
                        &mut item,
                        "status",
                        e.status.clone().unwrap_or_else(|| "failed".into()),
                    );
                    put(&mut item, "recipient_id", e.recipient_id.clone());
                    put(&mut value, "statuses", vec![Value::Object(item)]);
                }
                ErrorPlace::Message => {
                    put(&mut item, "from", e.recipient_id.clone());
                    put(&mut value, "messages", vec![Value::Object(item)]);
                }
                ErrorPlace::Value | ErrorPlace::Standalone => {
                    put(&mut value, "errors", vec![error]);
                }
            }
            let mut entry = Map::new();
            put(&mut entry, "id", e.waba_id.clone());
            put(
                &mut entry,
                "changes",
                vec![json!({ "field": "messages", "value": Value::Object(value) })],
            );
            Value::Object(entry)
        })
        .collect();
    json!({ "object": "whatsapp_business_account", "entry": entries })
}

fn into_string(value: Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s),
        _ => None,
    }
}

fn into_intents(value: Value) -> Option<Vec<IntentId>> {
    let Value::Array(items) = value else {
        return None;
    };
    items
        .iter()
        .map(|item| IntentId::from_id(item.as_str()?))
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    TooLarge { bytes: usize },
    NotALink,
    UnsupportedVersion(String),
    Corrupt,
    Oversized,
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::TooLarge { bytes } => write!(f, "The input is too large for a link ({bytes} bytes compressed, at most {MAX_FRAGMENT_LEN}). Trim it to the response body and share again."),
            ShareError::NotALink => write!(f, "This is not a scopelens share link: expected a URL ending in `#v1=…`."),
            ShareError::UnsupportedVersion(v) => write!(f, "This link uses format `{v}`, which this version of scopelens does not know. Open it with a newer scopelens."),
            ShareError::Corrupt => write!(f, "The link is damaged (truncated or altered), so it cannot be opened. Ask for the link again, copied in full."),
            ShareError::Oversized => write!(f, "The link unpacks to more than 1 MB, which no scopelens link does. It was refused."),
        }
    }
}

impl std::error::Error for ShareError {}

/// Encodes the state (redacted first) as a fragment, without the leading `#`.
pub fn encode_share(state: &ShareState) -> Result<String, ShareError> {
    pack(&state.redacted())
}

/// [`encode_share`] for a state that is only `view`: the same fragment,
/// written without the paste reader that redacting a paste needs, for
/// places that never hold a paste (the tool views' custom elements).
pub fn encode_view_share(view: &SharedView) -> Result<String, ShareError> {
    pack(&ShareState {
        view: Some(view.redacted()),
        ..ShareState::default()
    })
}

/// A redacted state as a fragment.
fn pack(redacted: &ShareState) -> Result<String, ShareError> {
    let json = serde_json::to_vec(redacted).map_err(|_| ShareError::Corrupt)?;
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&json, 9);
    let fragment = format!("{PREFIX_V2}{}", URL_SAFE_NO_PAD.encode(&packed));
    if fragment.len() > MAX_FRAGMENT_LEN {
        return Err(ShareError::TooLarge {
            bytes: fragment.len(),
        });
    }
    Ok(fragment)
}

/// Decodes a full URL, a `#fragment`, or the fragment alone.
pub fn decode_share(link: &str) -> Result<ShareState, ShareError> {
    let link = link.trim();
    let fragment = link.rsplit_once('#').map_or(link, |(_, f)| f);
    if fragment.len() > MAX_FRAGMENT_LEN {
        return Err(ShareError::Oversized);
    }
    let data = match fragment.split_once('=') {
        Some(("v1" | "v2", data)) => data,
        Some((version, _)) if is_version_tag(version) => {
            return Err(ShareError::UnsupportedVersion(version.to_string()))
        }
        _ => return Err(ShareError::NotALink),
    };
    // Padding was accepted before and some tools add it; the alphabet and
    // the rest are checked by the decoder.
    let packed = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| ShareError::Corrupt)?;
    let json = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_STATE_BYTES)
        .map_err(|e| {
            if matches!(e.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
                ShareError::Oversized
            } else {
                ShareError::Corrupt
            }
        })?;
    let text = std::str::from_utf8(&json).map_err(|_| ShareError::Corrupt)?;
    let state = ShareState::from_json(text).ok_or(ShareError::Corrupt)?;
    // A hand-made or older link is read through the same allow-list.
    Ok(state.redacted())
}

fn is_version_tag(tag: &str) -> bool {
    tag.strip_prefix('v')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ShareState {
        ShareState {
            input: r#"{"error":{"code":190,"message":"Invalid OAuth access token"}}"#.into(),
            intents: vec![IntentId::SendMessages],
            waba_id: Some("102290129340398".into()),
            now: Some(1_760_000_000),
            ..ShareState::default()
        }
    }

    #[test]
    fn what_a_link_carries_reads_back_unchanged_even_when_its_first_reading_saw_more() {
        // Found by the round-trip property: URL-encoded quotes made this
        // read as a debug_token reply whose allow-listed form reads as nothing.
        for input in [
            "%22[ --user \"{Trueadmin:Response:\n\"is_valid\"%3D\"",
            "%22[ \"{Trueadmin:\n\"is_valid\"%3D\"",
        ] {
            let shared = shareable_input(input, None);
            assert_eq!(shareable_input(&shared, None), shared, "{input:?}");
            let state = ShareState {
                input: input.into(),
                ..ShareState::default()
            };
            let back = decode_share(&encode_share(&state).unwrap()).unwrap();
            assert_eq!(back, state.redacted());
        }
    }

    #[test]
    fn a_link_round_trips_to_its_allow_listed_state() {
        let fragment = encode_share(&sample()).unwrap();
        assert!(fragment.starts_with("v2="));
        let opened = decode_share(&format!("https://scopelens.dev/#{fragment}")).unwrap();
        assert_eq!(opened, sample().redacted());
        assert_eq!(opened.redacted(), opened, "the allow-list is idempotent");
    }

    #[test]
    fn a_link_reproduces_the_diagnosis_of_every_fixture() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let manifest: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap())
                .unwrap();
        let ctx = crate::Context::at(1_760_000_000);
        for fixture in manifest["fixtures"].as_array().unwrap() {
            let file = fixture["file"].as_str().unwrap();
            let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
                continue;
            };
            let before = crate::diagnose(&text, &ctx);
            if before.kind() == InputKind::AccessToken || before.input.error.is_some() {
                continue;
            }
            let state = ShareState {
                input: text,
                ..ShareState::default()
            };
            let opened = decode_share(&encode_share(&state).unwrap()).unwrap();
            let after = crate::diagnose(&opened.input, &ctx);
            let ids = |d: &crate::Diagnosis| {
                let mut ids: Vec<&str> = d
                    .findings
                    .iter()
                    .map(|f| f.id)
                    .filter(|id| !id.starts_with("input."))
                    .collect();
                ids.sort_unstable();
                ids
            };
            assert_eq!(after.kind(), before.kind(), "{file}: {}", opened.input);
            assert_eq!(after.verdict, before.verdict, "{file}: {}", opened.input);
            assert_eq!(after.codes(), before.codes(), "{file}");
            assert_eq!(ids(&after), ids(&before), "{file}: {}", opened.input);
        }
    }

    #[test]
    fn a_link_carries_no_field_outside_the_allow_list() {
        let paste = r#"{"entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
            "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
            "contacts":[{"profile":{"name":"Jane Customer"},"wa_id":"4915112345678"}],
            "messages":[{"from":"4915112345678","id":"wamid.HBgNNDkxNTExMjM0NTY3OBUCABIYFjNFQjBDMDlBQjJCQkE4","timestamp":"1700000000",
                "text":{"body":"my card is 4111 1111 1111 1111"},"type":"unsupported",
                "errors":[{"code":131051,"title":"Message type unknown","message":"Message type unknown","error_data":{"details":"Message type is currently not supported."}}]}]}}]}]}"#;
        let state = ShareState {
            input: paste.into(),
            ..ShareState::default()
        };
        let opened = decode_share(&encode_share(&state).unwrap()).unwrap();
        for gone in [
            "Jane",
            "4111",
            "15550783881",
            "4915112345",
            "HBgNNDkx",
            "my card",
        ] {
            assert!(!opened.input.contains(gone), "{gone} in {}", opened.input);
        }
        assert!(opened.input.contains("131051") && opened.input.contains("5678"));
    }

    #[test]
    fn reads_every_field_serde_writes_and_refuses_wrong_types() {
        let full = ShareState {
            app_id: Some("634974688087057".into()),
            kind: Some(InputKind::WebhookError),
            view: Some(SharedView::Lookup(LookupState {
                query: "131047".into(),
                ..LookupState::default()
            })),
            intents: vec![IntentId::SendMessages, IntentId::ManageTemplates],
            ..sample()
        };
        // Naming every field here makes a new one fail to compile until
        // `from_json` reads it and `full` sets it.
        let ShareState {
            input,
            intents,
            waba_id,
            app_id,
            kind,
            now,
            view,
        } = &full;
        assert!(!input.is_empty() && !intents.is_empty() && now.is_some());
        assert!([waba_id, app_id].iter().all(|f| f.is_some()) && kind.is_some() && view.is_some());
        let json = serde_json::to_string(&full).unwrap();
        assert_eq!(ShareState::from_json(&json), Some(full));
        assert_eq!(ShareState::from_json("{}"), Some(ShareState::default()));
        // Keys and views a later version adds are skipped; null means "not set".
        for later in [
            r#"{"i":"x","z":[1],"w":null}"#,
            r#"{"i":"x","v":"timeline","x":"{}"}"#,
            r#"{"i":"x","x":"no view named"}"#,
        ] {
            assert_eq!(
                ShareState::from_json(later),
                Some(ShareState {
                    input: "x".into(),
                    ..ShareState::default()
                }),
                "{later}"
            );
        }
        for bad in [
            "[]",
            "not json",
            r#"{"i":null}"#,
            r#"{"i":5}"#,
            r#"{"n":["no_such_intent"]}"#,
            r#"{"n":"send_messages"}"#,
            r#"{"k":"debug-token"}"#,
            r#"{"t":1.5}"#,
            r#"{"t":"1760000000"}"#,
            r#"{"v":5}"#,
            r#"{"v":"wizard","x":"{broken"}"#,
            r#"{"v":"lookup","x":["q=1"]}"#,
        ] {
            assert_eq!(ShareState::from_json(bad), None, "{bad}");
        }
    }

    #[test]
    fn secrets_never_enter_a_link() {
        let token = format!("EAAG{}", "q7".repeat(60));
        let state = ShareState {
            input: format!("Authorization: Bearer {token}"),
            ..sample()
        };
        let fragment = encode_share(&state).unwrap();
        let back = decode_share(&fragment).unwrap();
        assert!(!back.input.contains(&token[..30]));
    }

    #[test]
    fn tampered_and_truncated_links_are_refused() {
        let fragment = encode_share(&sample()).unwrap();
        let truncated = &fragment[..fragment.len() - 6];
        assert_eq!(decode_share(truncated), Err(ShareError::Corrupt));
        let mut bytes = fragment.into_bytes();
        let at = bytes.len() / 2;
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        assert_eq!(
            decode_share(&String::from_utf8(bytes).unwrap()),
            Err(ShareError::Corrupt)
        );
    }

    #[test]
    fn unknown_versions_and_non_links() {
        assert_eq!(
            decode_share("#v9=abc"),
            Err(ShareError::UnsupportedVersion("v9".into()))
        );
        assert_eq!(decode_share("hello"), Err(ShareError::NotALink));
    }

    #[test]
    fn zip_bombs_are_capped() {
        let json = format!("{{\"i\":\"{}\"}}", "a".repeat(MAX_STATE_BYTES * 2));
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 9);
        let fragment = format!("v1={}", URL_SAFE_NO_PAD.encode(&packed));
        assert_eq!(decode_share(&fragment), Err(ShareError::Oversized));
    }

    #[test]
    fn older_links_still_open_through_the_allow_list() {
        let v1 = br#"{"i":"log line 12:03 user=jane@example.com {\"error\":{\"code\":190,\"type\":\"OAuthException\",\"message\":\"x\",\"fbtrace_id\":\"A1\"}}"}"#;
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(v1, 9);
        let state = decode_share(&format!("v1={}", URL_SAFE_NO_PAD.encode(&packed))).unwrap();
        assert!(state.input.contains("190") && state.input.contains("A1"));
        assert!(!state.input.contains("jane") && !state.input.contains("log line"));
        assert!(state.intents.is_empty());
    }
}
