//! Links made before views were typed (the view's state as free text in
//! `x`) open to the same view and state. The writer below is a copy of the
//! old one: JSON with `v` and `x` strings, zlib, then URL-safe base64
//! without padding, encoded by hand as it was.

use proptest::prelude::*;
use scopelens_core::kb::errors::Category;
use scopelens_core::kb::intents::INTENTS;
use scopelens_core::kb::{Answers, IntentId};
use scopelens_core::share::{
    decode_share, encode_share, LookupState, ShareError, ShareState, SharedView, TriageCounts,
    WizardState,
};
use serde_json::{json, Value};

fn old_base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
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

fn old_link(version: &str, state: &Value) -> String {
    let json = serde_json::to_vec(state).unwrap();
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&json, 9);
    format!(
        "https://scopelens.dev/#{version}={}",
        old_base64url(&packed)
    )
}

/// What the old views wrote into `x`.
fn old_extra(view: &SharedView) -> (String, String) {
    match view {
        SharedView::Diagnose => unreachable!("the diagnose view wrote no `x`"),
        SharedView::Wizard(w) => ("wizard".into(), serde_json::to_string(w).unwrap()),
        SharedView::Lookup(l) => {
            let mut lines = vec![];
            if !l.query.is_empty() {
                lines.push(format!("q={}", l.query));
            }
            if let Some(c) = l.category {
                lines.push(format!("c={}", c.id()));
            }
            if !l.filter.is_empty() {
                lines.push(format!("f={}", l.filter));
            }
            ("lookup".into(), lines.join("\n"))
        }
        SharedView::Endpoint(request) => ("endpoint".into(), request.clone()),
        SharedView::Triage(counts) => ("triage".into(), counts.0.clone()),
    }
}

fn intents() -> impl Strategy<Value = Vec<IntentId>> {
    let all: Vec<IntentId> = INTENTS.iter().map(|i| i.id).collect();
    prop::sample::subsequence(all.clone(), 0..=all.len())
}

/// Words without anything a redaction would change (no long digit runs,
/// no `@`, no token prefixes).
fn plain() -> impl Strategy<Value = String> {
    "[a-z /#]{0,20}[0-9]{0,4}"
}

fn tool_view() -> impl Strategy<Value = SharedView> {
    let wizard = (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        intents(),
        prop::collection::vec("[a-z_]{1,20}", 0..5),
    )
        .prop_map(|(clients, embedded, credit, live, needs, checked)| {
            let answers: Answers = serde_json::from_value(json!({
                "accounts": if clients { "clients" } else { "own" },
                "embedded_signup": embedded,
                "shares_credit_line": credit,
                "needs": needs,
                "mode": if live { "live" } else { "development" },
            }))
            .unwrap();
            SharedView::Wizard(WizardState { answers, checked })
        });
    let lookup = (plain(), prop::option::of(0..Category::ALL.len()), plain()).prop_map(
        |(query, category, filter)| {
            SharedView::Lookup(LookupState {
                query: query.trim_start().to_string(),
                category: category.map(|i| Category::ALL[i]),
                filter,
            })
        },
    );
    let endpoint = plain().prop_map(|r| SharedView::Endpoint(format!("GET /{r}")));
    let triage = (0u64..1_000_000, 0u64..1000).prop_map(|(lines, errors)| {
        SharedView::Triage(TriageCounts(
            json!({"v": 1, "lines": lines, "errors": errors, "unreadable": 0, "codes": [[190, errors]]})
                .to_string(),
        ))
    });
    prop_oneof![wizard, lookup, endpoint, triage]
}

proptest! {
    #[test]
    fn a_tool_view_link_written_the_old_way_opens_to_the_same_state(view in tool_view(), version in prop::sample::select(vec!["v1", "v2"])) {
        let (name, extra) = old_extra(&view);
        let opened = decode_share(&old_link(version, &json!({"v": name, "x": extra}))).unwrap();
        prop_assert_eq!(opened.view.as_ref(), Some(&view));
        prop_assert_eq!(opened.input.as_str(), "");
        // And it is written again exactly as the old writer wrote it.
        let again: Value = serde_json::to_value(&opened).unwrap();
        prop_assert_eq!(again, json!({"v": name, "x": extra}));
    }

    #[test]
    fn a_diagnose_link_written_the_old_way_opens_to_the_same_state(waba in "[0-9]{5,16}", now in any::<i64>(), intents in intents()) {
        let paste = r#"{"error":{"code":190,"message":"Invalid OAuth access token"}}"#;
        let old = json!({"i": paste, "n": intents, "w": waba, "v": "diagnose", "t": now});
        let opened = decode_share(&old_link("v2", &old)).unwrap();
        let expected = ShareState {
            input: paste.into(),
            intents,
            waba_id: Some(waba),
            now: Some(now),
            view: Some(SharedView::Diagnose),
            ..ShareState::default()
        };
        prop_assert_eq!(&opened, &expected.redacted());
        prop_assert_eq!(decode_share(&encode_share(&expected).unwrap()).unwrap(), opened);
    }

    #[test]
    fn a_typed_view_round_trips_through_a_link(view in tool_view()) {
        let state = ShareState { view: Some(view), ..ShareState::default() };
        let opened = decode_share(&encode_share(&state).unwrap()).unwrap();
        prop_assert_eq!(opened, state.redacted());
    }

    #[test]
    fn any_view_text_opens_or_is_refused_without_a_panic(name in "[a-z]{0,10}|diagnose|wizard|lookup|endpoint|triage", extra in any::<String>()) {
        match decode_share(&old_link("v1", &json!({"v": name, "x": extra}))) {
            Ok(state) => prop_assert!(state.view.is_none() || state.view.as_ref().and_then(SharedView::state_text).is_none_or(|t| t.chars().count() <= 4096)),
            Err(e) => prop_assert_eq!(e, ShareError::Corrupt),
        }
    }
}

#[test]
fn a_view_this_version_does_not_know_opens_the_diagnose_view() {
    let opened = decode_share(&old_link(
        "v2",
        &json!({"i": "{\"error\":{\"code\":10}}", "v": "<img src=x>", "x": "anything"}),
    ))
    .unwrap();
    assert_eq!(opened.view, None);
    assert!(opened.input.contains("10"));
}

#[test]
fn a_damaged_wizard_state_says_the_link_is_damaged() {
    let error = decode_share(&old_link("v2", &json!({"v": "wizard", "x": "{\"a\":"}))).unwrap_err();
    assert_eq!(error, ShareError::Corrupt);
    assert!(error.to_string().contains("Ask for the link again"));
}

#[test]
fn secrets_in_a_view_state_never_leave() {
    let token = format!("EAAG{}", "q7".repeat(60));
    for view in [
        SharedView::Endpoint(format!("GET /me?access_token={token}")),
        SharedView::Lookup(LookupState {
            query: token.clone(),
            filter: format!("Bearer {token}"),
            category: None,
        }),
        SharedView::Triage(TriageCounts(format!("{{\"note\":\"{token}\"}}"))),
    ] {
        let state = ShareState {
            view: Some(view),
            ..ShareState::default()
        };
        let link = encode_share(&state).unwrap();
        let opened = decode_share(&link).unwrap();
        let text = opened.view.unwrap().state_text().unwrap();
        assert!(!text.contains(&token[..30]), "{text}");
    }
}
