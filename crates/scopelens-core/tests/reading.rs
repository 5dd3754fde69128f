//! Errors that arrive as words are read whatever the notation, the
//! surroundings, the quoting, the case and the language around them.
//!
//! Generated, not listed: every exact catalog code in every code notation;
//! every one of Meta's fixed messages with its varying parts filled in; each
//! inside log prefixes, exception lines, quotes, code fences and sentences
//! in other languages.

use proptest::prelude::*;
use scopelens_core::input::text::{read_error, Basis};
use scopelens_core::kb::errors::{messages::MESSAGES, CATALOG};
use scopelens_core::{diagnose, Context, InputKind};

/// Codes the catalog has exactly (ranges and subcode-only rows aside).
fn catalog_codes() -> Vec<u32> {
    let mut codes: Vec<u32> = CATALOG
        .iter()
        .filter(|e| e.last_code.is_none() && e.subcode.is_none())
        .map(|e| e.code)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

fn code_and_subcode() -> impl Strategy<Value = (u32, u32)> {
    let pairs: Vec<(u32, u32)> = CATALOG
        .iter()
        .filter_map(|e| Some((e.code, e.subcode?)))
        .collect();
    prop::sample::select(pairs)
}

const PREFIXES: &[&str] = &[
    "",
    "ERROR 2024-05-01T10:00:00.123Z [worker-3] ",
    "send failed: ",
    "> ",
    "E/GraphRequest: ",
    "Exception in thread \"main\" com.example.SendException: ",
    "Fehler beim Senden: ",
    "发送失败：",
    "Erreur : ",
    "エラー: ",
    "- ",
    "**Error**: ",
    "2024-05-01 10:00:00,123 - whatsapp - ERROR - ",
];

const SUFFIXES: &[&str] = &[
    "",
    ".",
    " (see logs)",
    "\n    at sendMessage (/app/src/send.js:42:13)",
    " — any idea?",
    "\nTraceback (most recent call last):\n  File \"app.py\", line 3",
];

fn wrap(kind: usize, text: &str) -> String {
    match kind % 5 {
        0 => text.to_string(),
        1 => format!("\"{text}\""),
        2 => format!("'{text}'"),
        3 => format!("`{text}`"),
        _ => format!("```\n{text}\n```"),
    }
}

/// A code written the way people and SDKs write it.
fn notation(form: usize, code: u32, subcode: Option<u32>) -> String {
    let sub = subcode.unwrap_or(0);
    match (form % 12, subcode) {
        (0, _) => format!("(#{code}) Something failed"),
        (1, _) => format!("code {code}"),
        (2, _) => format!("code: {code}"),
        (3, _) => format!("code={code}"),
        (4, _) => format!("errorCode: {code}"),
        (5, _) => format!("\"code\": {code}"),
        (6, _) => format!("error code {code}"),
        (7, Some(_)) => format!("(code {code}, subcode {sub})"),
        (8, Some(_)) => format!("{code}/{sub}"),
        (9, Some(_)) => format!("error_code={code} error_subcode={sub}"),
        (10, Some(_)) => format!("errorCode: {code}, subErrorCode: {sub}"),
        (11, _) => format!("(OAuthException - #{code}) Something failed"),
        _ => format!("Code:{code}"),
    }
}

fn filled(pattern: &str, filler: &str) -> String {
    pattern.replace('…', filler)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 768, ..ProptestConfig::default() })]

    #[test]
    fn a_catalog_code_is_read_in_every_notation_and_surrounding(
        code in prop::sample::select(catalog_codes()),
        form in 0usize..12,
        prefix in prop::sample::select(PREFIXES),
        suffix in prop::sample::select(SUFFIXES),
        quoting in 0usize..5,
    ) {
        // Meta's code 0 comes only as `(#0)`: `code 0` means success elsewhere.
        let form = if code == 0 { 0 } else { form };
        let written = notation(form, code, None);
        let text = format!("{prefix}{}{suffix}", wrap(quoting, &written));
        let found = read_error(&text);
        prop_assert_eq!(found.as_ref().map(|f| f.code), Some(code), "{}", text);
        prop_assert_eq!(found.unwrap().basis, Basis::Code);
    }

    #[test]
    fn a_code_and_subcode_are_read_together_in_every_notation(
        (code, subcode) in code_and_subcode(),
        form in 7usize..11,
        prefix in prop::sample::select(PREFIXES),
        suffix in prop::sample::select(SUFFIXES),
        quoting in 0usize..5,
    ) {
        let written = notation(form, code, Some(subcode));
        let text = format!("{prefix}{}{suffix}", wrap(quoting, &written));
        let found = read_error(&text).map(|f| (f.code, f.subcode));
        prop_assert_eq!(found, Some((code, Some(subcode))), "{}", text);
    }

    #[test]
    fn every_fixed_message_names_its_code_whatever_fills_its_gaps(
        index in 0..MESSAGES.len(),
        filler in prop::sample::select(&["1234567890", "Friday, 06-Oct-22 10:00:00 PDT", "post", "'98765'", "me"][..]),
        prefix in prop::sample::select(PREFIXES),
        suffix in prop::sample::select(SUFFIXES),
        quoting in 0usize..5,
        upper in any::<bool>(),
    ) {
        let message = &MESSAGES[index];
        let mut said = filled(message.text, filler);
        if upper {
            said = said.to_uppercase();
        }
        let text = format!("{prefix}{}{suffix}", wrap(quoting, &said));
        let found = read_error(&text).expect("read");
        prop_assert_eq!(found.code, message.code, "{}", text);
        if message.subcode.is_some() {
            prop_assert_eq!(found.subcode, message.subcode, "{}", text);
        }
    }

    #[test]
    fn words_read_as_an_error_are_diagnosed_as_one_and_say_so(
        code in prop::sample::select(catalog_codes()),
        prefix in prop::sample::select(PREFIXES),
    ) {
        let text = format!("{prefix}(#{code}) Something failed");
        let d = diagnose(&text, &Context::at(1_760_000_000));
        prop_assert_eq!(d.kind(), InputKind::GraphError);
        prop_assert_eq!(d.codes(), vec![code]);
        prop_assert!(d.has("input.read_from_text"));
    }

    #[test]
    fn numbers_that_are_not_codes_are_not_read_as_errors(
        status in prop::sample::select(&[400u32, 401, 403, 404, 429, 500, 502, 503][..]),
        form in 0usize..5,
    ) {
        let text = match form {
            0 => format!("Request failed with status code {status}"),
            1 => format!("HTTP/1.1 {status} Bad Request"),
            2 => format!("status code: {status}"),
            3 => format!("Response code {status} (Bad Request)"),
            _ => format!("exit code {status}"),
        };
        prop_assert!(read_error(&text).is_none(), "{}", text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    /// Pieces of every notation glued with multi-byte characters and line
    /// breaks: the word reader never panics and never reads past a line.
    #[test]
    fn the_word_reader_never_panics_on_notation_fragments(
        parts in prop::collection::vec(prop::sample::select(&[
            "(#", ")", "[", "]", "code", "error_subcode", "subcode", ": ", "=", "190", "463",
            "131047", "/", "- #", "é", "错误", "…", "\n", " ", "'", "\"", "message: ", "0x",
            "Error validating access token", "Unsupported post request. Object with ID '",
            "facebook platform\" \"invalid_token\" \"", "Request failed with status code ",
            "#<X::ErrorResponse:0x", "xxxx", "<PHONE>",
        ][..]), 0..40)
    ) {
        let text = parts.concat();
        let _ = read_error(&text);
        let _ = scopelens_core::input::text::client_error(&text);
        let _ = scopelens_core::placeholder::count_in_text(&text);
    }
}
