//! Properties that must hold for every input: no panic, share links round-trip
//! and never carry a secret, and diagnoses never echo a pasted token.

use proptest::prelude::*;
use scopelens_core::share::{decode_share, encode_share, ShareState};
use scopelens_core::{diagnose, Context};

const NOW: i64 = 1_760_000_000;

/// Fragments of the payloads scopelens reads, so that random inputs get deep
/// into the parser and the diagnosis rather than failing on the first byte.
fn payloadish() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "'",
        "\\",
        "\n",
        " ",
        "True",
        "None",
        "null",
        "undefined",
        "-1",
        "0",
        "190",
        "463",
        "1e999",
        "\"error\"",
        "\"data\"",
        "\"code\"",
        "\"is_valid\"",
        "false",
        "\"scopes\"",
        "\"entry\"",
        "\"changes\"",
        "\"value\"",
        "\"statuses\"",
        "\"errors\"",
        "\"granular_scopes\"",
        "\"target_ids\"",
        "\"expires_at\"",
        "\"type\"",
        "\"APP\"",
        "\"USER\"",
        "HTTP/2 400\n",
        "Bearer ",
        "EAAGm0PX4ZCpsBAKZBq6ZCZAxyzABCDEFGHIJ",
        "1234567890|abcdefabcdefabcdef",
        "access_token=",
        // Escaped and URL-encoded text, camelCase names, other credentials.
        "\\n",
        "\\\"",
        "%3D",
        "%22",
        "%7C",
        "%22access_token%22%3A%22",
        "access_token%3D",
        "appSecret: ",
        "\"clientSecret\":\"",
        "Authorization: Basic ",
        // Double-escaped JSON, kebab-case names, curl -u.
        "\\\\\\\"",
        "\\\\\\\"client_secret\\\\\\\":\\\\\\\"",
        "X-Access-Token: ",
        "client-secret=",
        " -u ",
        " --user \"",
        "admin:",
        // URL user information.
        "://",
        "https://proxy:",
        "@",
        "[REDACTED]",
        "//",
        "/*",
        "\u{202e}",
        "é",
        "\u{0}",
        "<script>",
        "\"error_data\"",
        "\"{\\\"a\\\":1}\"",
        "Response:\n",
    ]);
    prop::collection::vec(atoms, 0..80).prop_map(|parts| parts.concat())
}

fn token() -> impl Strategy<Value = String> {
    "[A-Za-z0-9]{60,200}".prop_map(|tail| format!("EAA{tail}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let d = diagnose(&text, &Context::at(NOW));
        prop_assert!(!d.findings.is_empty());
    }

    #[test]
    fn payload_like_text_never_panics(text in payloadish()) {
        let d = diagnose(&text, &Context::at(NOW));
        prop_assert!(!d.findings.is_empty());
        // The finding list shows them in this order without sorting again.
        prop_assert!(d.findings.windows(2).all(|w| w[0].severity <= w[1].severity));
    }

    #[test]
    fn share_links_round_trip(input in payloadish(), waba in proptest::option::of("[0-9]{5,16}"), now in any::<i64>()) {
        let state = ShareState { input, waba_id: waba, now: Some(now), ..ShareState::default() };
        let fragment = encode_share(&state).unwrap();
        prop_assert_eq!(decode_share(&fragment).unwrap(), state.redacted());
    }

    #[test]
    fn share_links_never_carry_a_token(before in payloadish(), token in token(), after in payloadish()) {
        let state = ShareState { input: format!("{before} {token} {after}"), ..ShareState::default() };
        let fragment = encode_share(&state).unwrap();
        let back = decode_share(&fragment).unwrap();
        prop_assert!(!back.input.contains(&token));
    }

    #[test]
    fn diagnoses_never_echo_a_token(token in token(), wrap in 0usize..5) {
        let text = match wrap {
            0 => token.clone(),
            1 => format!("Authorization: Bearer {token}"),
            2 => format!("{{\"error\":{{\"message\":\"Malformed access token {token}\",\"type\":\"OAuthException\",\"code\":190}}}}"),
            3 => format!("curl 'https://graph.facebook.com/v24.0/debug_token?input_token={token}&access_token=1234567|abcdefabcdefabcdefab'"),
            _ => format!("{{'access_token': '{token}', 'error': {{'code': 10, 'message': 'x', 'type': 'OAuthException'}}}}"),
        };
        let d = diagnose(&text, &Context::at(NOW));
        let json = serde_json::to_string(&d).unwrap();
        prop_assert!(!json.contains(&token[..40]));
        prop_assert!(!scopelens_core::render::to_markdown(&d).contains(&token[..40]));
    }

    #[test]
    fn redaction_is_complete_and_idempotent(text in payloadish(), token in token()) {
        let once = scopelens_core::secrets::redact(&format!("{text} {token} {text}"));
        prop_assert!(!scopelens_core::secrets::contains_secret(&once.text), "{}", once.text);
        prop_assert_eq!(scopelens_core::secrets::redact(&once.text).text, once.text);
    }

    #[test]
    fn tokens_after_escapes_and_encoded_keys_are_removed(before in payloadish(), token in token(), wrap in 0usize..12) {
        let text = match wrap {
            0 => format!("{before}\\n{token}\\n"),
            1 => format!("{before}\\t{token}"),
            2 => format!("{before}%3D{token}%26"),
            3 => format!("{before}%22{token}%22"),
            4 => format!("{before}&access_token%3D{token}"),
            5 => format!("{before}%22access_token%22%3A%22{token}%22"),
            6 => format!("{before}{{\"appSecret\":\"{}\"}}", &token[3..]),
            7 => format!("{before}\nAuthorization: Basic {}", &token[3..]),
            8 => format!("{before}{{\\\\\\\"client_secret\\\\\\\":\\\\\\\"{}\\\\\\\"", &token[3..]),
            9 => format!("{before}\nX-Access-Token: {}\n", &token[3..]),
            10 => format!("{before} https://proxy:{}@10.0.0.1:3128/", &token[3..]),
            _ => format!("{before} curl -u admin:{} https://x", &token[3..]),
        };
        let once = scopelens_core::secrets::redact(&text);
        prop_assert!(!once.text.contains(&token[3..40]), "{}", once.text);
        prop_assert!(!scopelens_core::secrets::contains_secret(&once.text), "{}", once.text);
        prop_assert_eq!(scopelens_core::secrets::redact(&once.text).text, once.text);
    }

    #[test]
    fn tokens_typed_as_ids_are_never_echoed(token in token()) {
        let text = r#"{"data":{"app_id":"1","type":"SYSTEM_USER","is_valid":true,"expires_at":0,"scopes":["whatsapp_business_messaging"],"granular_scopes":[{"scope":"whatsapp_business_messaging","target_ids":["2"]}]}}"#;
        let ctx = Context { app_id: Some(token.clone()), waba_id: Some(token.clone()), ..Context::at(NOW) };
        let d = diagnose(text, &ctx);
        prop_assert!(!serde_json::to_string(&d).unwrap().contains(&token[..40]));
        prop_assert!(!scopelens_core::render::to_markdown(&d).contains(&token[..40]));
    }

    #[test]
    fn corrupted_links_are_refused_cleanly(link in "[A-Za-z0-9_=#v-]{0,300}") {
        let _ = decode_share(&link);
    }
}

#[test]
fn no_catalog_error_says_a_fix_step_twice_or_retry_advice_twice() {
    for entry in scopelens_core::kb::errors::CATALOG {
        let subcode = entry
            .subcode
            .map_or(String::new(), |s| format!(",\"error_subcode\":{s}"));
        let text = format!(
            "{{\"error\":{{\"code\":{},\"type\":\"OAuthException\",\"message\":\"x\"{subcode}}}}}",
            entry.code
        );
        let d = diagnose(&text, &Context::at(NOW));
        for f in &d.findings {
            let keys: Vec<String> = f.fix.iter().map(|s| s.to_lowercase()).collect();
            let mut unique = keys.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), keys.len(), "{}: {:?}", entry.label(), f.fix);
            let retry_steps = keys.iter().filter(|s| s.starts_with("retry")).count();
            assert!(retry_steps <= 1, "{}: {:?}", entry.label(), f.fix);
        }
    }
}
