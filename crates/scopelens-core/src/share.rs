//! Share links: the (redacted) input and the choices made, packed into a URL
//! fragment that any copy of the page can read without a server.
//!
//! Format: `v1=<base64url(zlib(json))>`. The zlib checksum catches tampered
//! or truncated links; decoding caps the fragment and the decompressed size.
//! A new format gets a new prefix (`v2=`), and old prefixes keep decoding.

use crate::kb::intents::IntentId;
use crate::model::InputKind;
use crate::secrets;
use serde::Serialize;
use serde_json::Value;

/// Longest fragment produced or accepted (browsers and chat tools cope with this).
pub const MAX_FRAGMENT_LEN: usize = 64 * 1024;
/// Largest decompressed state accepted.
pub const MAX_STATE_BYTES: usize = 1024 * 1024;

const PREFIX_V1: &str = "v1=";

/// What a link carries. Fields added later must have defaults so old links
/// keep working.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ShareState {
    /// The input, with secrets removed.
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
    /// Which view of the app was open (e.g. `diagnose`, `wizard`, `lookup`).
    #[serde(default, rename = "v", skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
    /// Free-form view state (lookup query, wizard answers...), also redacted.
    #[serde(default, rename = "x", skip_serializing_if = "Option::is_none")]
    pub extra: Option<String>,
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
                "v" => state.view = Some(into_string(value)?),
                "x" => state.extra = Some(into_string(value)?),
                _ => {}
            }
        }
        Some(state)
    }

    /// A copy with every secret removed from every text field.
    pub fn redacted(&self) -> ShareState {
        let clean = |s: &str| secrets::redact(s).text;
        ShareState {
            input: clean(&self.input),
            waba_id: self.waba_id.as_deref().map(clean),
            app_id: self.app_id.as_deref().map(clean),
            view: self.view.as_deref().map(clean),
            extra: self.extra.as_deref().map(clean),
            ..self.clone()
        }
    }
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
    let json = serde_json::to_vec(&state.redacted()).map_err(|_| ShareError::Corrupt)?;
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&json, 9);
    let fragment = format!("{PREFIX_V1}{}", base64url::encode(&packed));
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
        Some(("v1", data)) => data,
        Some((version, _)) if is_version_tag(version) => {
            return Err(ShareError::UnsupportedVersion(version.to_string()))
        }
        _ => return Err(ShareError::NotALink),
    };
    let packed = base64url::decode(data).ok_or(ShareError::Corrupt)?;
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
    // A hand-made link could carry a secret; never let one through.
    Ok(state.redacted())
}

fn is_version_tag(tag: &str) -> bool {
    tag.strip_prefix('v')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// URL-safe base64 without padding (RFC 4648 §5).
mod base64url {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
            for i in 0..=chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            }
        }
        out
    }

    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let text = text.trim_end_matches('=');
        if text.len() % 4 == 1 {
            return None;
        }
        let mut out = Vec::with_capacity(text.len() * 3 / 4);
        for chunk in text.as_bytes().chunks(4) {
            let mut n = 0u32;
            for (i, c) in chunk.iter().enumerate() {
                n |= value(*c)? << (18 - 6 * i);
            }
            for i in 0..chunk.len() - 1 {
                out.push((n >> (16 - 8 * i)) as u8);
            }
        }
        Some(out)
    }

    fn value(c: u8) -> Option<u32> {
        ALPHABET.iter().position(|a| *a == c).map(|p| p as u32)
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn round_trips_every_length() {
            for len in 0..10 {
                let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 250) as u8).collect();
                assert_eq!(super::decode(&super::encode(&bytes)).unwrap(), bytes);
            }
            assert_eq!(super::encode(b"hi?"), "aGk_");
            assert!(super::decode("a").is_none());
            assert!(super::decode("a*cd").is_none());
        }
    }
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
    fn round_trip() {
        let fragment = encode_share(&sample()).unwrap();
        assert!(fragment.starts_with("v1="));
        assert_eq!(
            decode_share(&format!("https://scopelens.dev/#{fragment}")).unwrap(),
            sample()
        );
    }

    #[test]
    fn reads_every_field_serde_writes_and_refuses_wrong_types() {
        let full = ShareState {
            app_id: Some("634974688087057".into()),
            kind: Some(InputKind::WebhookError),
            view: Some("lookup".into()),
            extra: Some("{\"q\":\"131047\"}".into()),
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
            extra,
        } = &full;
        assert!(!input.is_empty() && !intents.is_empty() && now.is_some());
        assert!([waba_id, app_id, view, extra].iter().all(|f| f.is_some()) && kind.is_some());
        let json = serde_json::to_string(&full).unwrap();
        assert_eq!(ShareState::from_json(&json), Some(full));
        assert_eq!(ShareState::from_json("{}"), Some(ShareState::default()));
        // Keys a later version adds are skipped; null means "not set".
        assert_eq!(
            ShareState::from_json(r#"{"i":"x","z":[1],"w":null}"#),
            Some(ShareState {
                input: "x".into(),
                ..ShareState::default()
            })
        );
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
        let fragment = format!("v1={}", base64url::encode(&packed));
        assert_eq!(decode_share(&fragment), Err(ShareError::Oversized));
    }

    #[test]
    fn older_links_without_new_fields_still_decode() {
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(br#"{"i":"x"}"#, 9);
        let state = decode_share(&format!("v1={}", base64url::encode(&packed))).unwrap();
        assert_eq!(state.input, "x");
        assert!(state.intents.is_empty());
    }
}
