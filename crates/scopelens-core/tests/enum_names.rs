//! The machine names `named_enum!` gives each enum are the names serde
//! writes, so JSON output, share links and CLI words keep reading the same.

use scopelens_core::diagnose::ScopeState;
use scopelens_core::kb::errors::{Category, FixableBy, Retry};
use scopelens_core::kb::facts::Topic;
use scopelens_core::model::{ErrorPlace, InputKind, TokenFamily};
use scopelens_core::triage::GroupBy;
use scopelens_core::{Severity, Verdict};
use serde::Serialize;

fn serialises_as_its_id<T: Serialize + Copy>(all: &[T], id: fn(T) -> &'static str) {
    for value in all {
        assert_eq!(
            serde_json::to_value(value).expect("a unit variant serialises"),
            serde_json::Value::from(id(*value))
        );
    }
}

#[test]
fn every_named_enum_serialises_as_its_id() {
    serialises_as_its_id(&InputKind::ALL, InputKind::id);
    serialises_as_its_id(&ErrorPlace::ALL, ErrorPlace::id);
    serialises_as_its_id(&TokenFamily::ALL, TokenFamily::id);
    serialises_as_its_id(&Category::ALL, Category::id);
    serialises_as_its_id(&FixableBy::ALL, FixableBy::id);
    serialises_as_its_id(&Retry::ALL, Retry::id);
    serialises_as_its_id(&Severity::ALL, Severity::id);
    serialises_as_its_id(&Verdict::ALL, Verdict::id);
    serialises_as_its_id(&ScopeState::ALL, ScopeState::id);
}

#[test]
fn input_kinds_read_back_from_their_serialised_names() {
    for kind in InputKind::ALL {
        let json = serde_json::to_string(&kind).expect("serialises");
        let back: InputKind = serde_json::from_str(&json).expect("deserialises");
        assert_eq!(back, kind);
        assert_eq!(InputKind::from_id(kind.id()), Some(kind));
    }
    assert_eq!(InputKind::from_id("unknown"), Some(InputKind::Unknown));
    assert!(!InputKind::RECOGNISED.contains(&InputKind::Unknown));
    assert_eq!(InputKind::RECOGNISED.len() + 1, InputKind::ALL.len());
}

#[test]
fn the_guide_and_cli_words_are_unchanged() {
    let topics: Vec<&str> = Topic::ALL.iter().map(|t| t.id()).collect();
    assert_eq!(
        topics,
        [
            "system-user-tokens",
            "tokens",
            "access",
            "webhooks",
            "embedded-signup",
            "account-model",
            "partners"
        ]
    );
    let groups: Vec<&str> = GroupBy::ALL.iter().map(|g| g.id()).collect();
    assert_eq!(groups, ["code", "category", "phone", "waba", "hour", "day"]);
    assert_eq!(GroupBy::parse(" waba "), Some(GroupBy::Waba));
    assert_eq!(GroupBy::parse("Waba"), None);
}
