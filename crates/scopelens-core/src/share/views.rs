//! The app's views as a link carries them: which view was open (`v`) and
//! what it showed (`x`), one variant per view with its own typed state.
//!
//! Each view's state keeps the text form links have always carried in `x`
//! (the wizard's and the triage counts' JSON, the lookup's `key=value`
//! lines, the endpoint check's request as typed), so every link made
//! before the enum still opens; serde reads and writes that text here and
//! nowhere else.

use super::clean_text;
use crate::kb::{Answers, Category};
use crate::names::named_enum;
use serde::{Deserialize, Serialize};

/// Longest text a view's state keeps in a link.
pub(super) const MAX_VIEW_TEXT: usize = 4096;
/// Most checklist ticks a wizard link keeps (the checklist has far fewer).
const MAX_TICKS: usize = 64;

named_enum! {
    /// The app's views, by the name a link and the app's address (`#wizard`)
    /// give them.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum ViewKind {
        Diagnose = "diagnose",
        Wizard = "wizard",
        Lookup = "lookup",
        Endpoint = "endpoint",
        Triage = "triage",
    }
}

/// A view and its state. Serialised as `{"v": <ViewKind>, "x": <text>}`
/// (the diagnose view has no `x`: its state is the rest of the link).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "v", content = "x", rename_all = "snake_case")]
pub enum SharedView {
    Diagnose,
    #[serde(with = "json_text")]
    Wizard(WizardState),
    #[serde(with = "lookup_lines")]
    Lookup(LookupState),
    /// The request line as typed (`GET /me/accounts`).
    Endpoint(String),
    Triage(TriageCounts),
}

/// Everything the access-path wizard shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WizardState {
    #[serde(rename = "a")]
    pub answers: Answers,
    /// Checklist item ids ticked so far.
    #[serde(default, rename = "c", skip_serializing_if = "Vec::is_empty")]
    pub checked: Vec<String>,
}

/// What the error lookup shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LookupState {
    /// The code typed, e.g. `190/463`.
    pub query: String,
    /// Category browsed, if any.
    pub category: Option<Category>,
    /// Search text within the browser.
    pub filter: String,
}

/// The triage view's counts as the triage view writes them (JSON of keys
/// and counts only); the triage view checks them when it opens a link, and
/// an empty text means nothing was counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TriageCounts(pub String);

impl SharedView {
    pub fn kind(&self) -> ViewKind {
        match self {
            SharedView::Diagnose => ViewKind::Diagnose,
            SharedView::Wizard(_) => ViewKind::Wizard,
            SharedView::Lookup(_) => ViewKind::Lookup,
            SharedView::Endpoint(_) => ViewKind::Endpoint,
            SharedView::Triage(_) => ViewKind::Triage,
        }
    }

    /// The view as first opened, with nothing chosen yet.
    pub fn fresh(kind: ViewKind) -> SharedView {
        match kind {
            ViewKind::Diagnose => SharedView::Diagnose,
            ViewKind::Wizard => SharedView::Wizard(WizardState::default()),
            ViewKind::Lookup => SharedView::Lookup(LookupState::default()),
            ViewKind::Endpoint => SharedView::Endpoint(String::new()),
            ViewKind::Triage => SharedView::Triage(TriageCounts::default()),
        }
    }

    /// The view's state as the link carries it (its `x`), for showing what
    /// a link will contain; `None` for the diagnose view.
    pub fn state_text(&self) -> Option<String> {
        match self {
            SharedView::Diagnose => None,
            SharedView::Wizard(w) => Some(serde_json::to_string(w).unwrap_or_default()),
            SharedView::Lookup(l) => Some(l.to_lines()),
            SharedView::Endpoint(request) => Some(request.clone()),
            SharedView::Triage(counts) => Some(counts.0.clone()),
        }
    }

    /// A copy holding only what may leave the machine: free text redacted,
    /// masked and capped; checklist ticks only if they look like ids.
    pub fn redacted(&self) -> SharedView {
        match self {
            SharedView::Diagnose => SharedView::Diagnose,
            SharedView::Wizard(w) => SharedView::Wizard(WizardState {
                answers: w.answers.clone(),
                checked: w
                    .checked
                    .iter()
                    .filter(|id| is_word(id))
                    .take(MAX_TICKS)
                    .cloned()
                    .collect(),
            }),
            SharedView::Lookup(l) => SharedView::Lookup(LookupState {
                query: one_line(&clean_text(&l.query)),
                category: l.category,
                filter: one_line(&clean_text(&l.filter)),
            }),
            SharedView::Endpoint(request) => SharedView::Endpoint(clean_text(request)),
            SharedView::Triage(counts) => SharedView::Triage(TriageCounts(clean_text(&counts.0))),
        }
    }
}

/// An id-like word: what checklist ids, view names and kinds look like.
pub(super) fn is_word(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 32
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

impl LookupState {
    /// One `key=value` per line: `q` the query, `c` the category, `f` the
    /// filter (the form lookup links have always had).
    fn to_lines(&self) -> String {
        let mut lines = vec![];
        if !self.query.is_empty() {
            lines.push(format!("q={}", one_line(&self.query)));
        }
        if let Some(c) = self.category {
            lines.push(format!("c={}", c.id()));
        }
        if !self.filter.is_empty() {
            lines.push(format!("f={}", one_line(&self.filter)));
        }
        lines.join("\n")
    }

    /// Unknown keys and categories are skipped, as a newer link may add them.
    fn from_lines(text: &str) -> LookupState {
        let mut state = LookupState::default();
        for line in text.lines() {
            match line.split_once('=') {
                Some(("q", v)) => state.query = v.to_string(),
                Some(("c", v)) => state.category = Category::from_id(v),
                Some(("f", v)) => state.filter = v.to_string(),
                _ => {}
            }
        }
        state
    }
}

/// A state carried as JSON text inside the link's JSON; an empty text is
/// the state's default, anything else unreadable makes the link unreadable.
mod json_text {
    use serde::de::{DeserializeOwned, Error};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(value).map_err(serde::ser::Error::custom)?;
        s.serialize_str(&text)
    }

    pub fn deserialize<'de, T, D>(d: D) -> Result<T, D::Error>
    where
        T: DeserializeOwned + Default,
        D: Deserializer<'de>,
    {
        let text = String::deserialize(d)?;
        if text.trim().is_empty() {
            return Ok(T::default());
        }
        serde_json::from_str(&text).map_err(D::Error::custom)
    }
}

mod lookup_lines {
    use super::LookupState;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(state: &LookupState, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&state.to_lines())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<LookupState, D::Error> {
        Ok(LookupState::from_lines(&String::deserialize(d)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn view_names_are_the_names_serde_writes() {
        for kind in ViewKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.id()));
            let view = SharedView::fresh(kind);
            assert_eq!(view.kind(), kind);
            assert_eq!(serde_json::to_value(&view).unwrap()["v"], json!(kind.id()));
        }
    }

    #[test]
    fn each_view_writes_its_state_as_the_text_links_carry() {
        let wizard = SharedView::Wizard(WizardState {
            checked: vec!["privacy_policy".into()],
            ..WizardState::default()
        });
        let written = serde_json::to_value(&wizard).unwrap();
        let inner: Value = serde_json::from_str(written["x"].as_str().unwrap()).unwrap();
        assert_eq!(inner["c"], json!(["privacy_policy"]));
        let lookup = SharedView::Lookup(LookupState {
            query: "190/463".into(),
            category: Some(Category::Authentication),
            filter: String::new(),
        });
        assert_eq!(
            serde_json::to_value(&lookup).unwrap(),
            json!({"v": "lookup", "x": "q=190/463\nc=authentication"})
        );
        assert_eq!(
            serde_json::to_value(SharedView::Diagnose).unwrap(),
            json!({"v": "diagnose"})
        );
        for view in [wizard, lookup, SharedView::Endpoint("GET /me".into())] {
            let back: SharedView =
                serde_json::from_value(serde_json::to_value(&view).unwrap()).unwrap();
            assert_eq!(back, view);
        }
    }

    #[test]
    fn an_unreadable_wizard_state_is_an_error_and_an_empty_one_the_defaults() {
        let read = |x: &str| serde_json::from_value::<SharedView>(json!({"v": "wizard", "x": x}));
        assert!(read("{not json").is_err());
        assert!(read("{\"a\":{\"accounts\":\"nobody\"}}").is_err());
        assert_eq!(read("").unwrap(), SharedView::fresh(ViewKind::Wizard));
    }

    #[test]
    fn redaction_keeps_lookup_text_on_one_line_and_ticks_that_are_ids() {
        let view = SharedView::Lookup(LookupState {
            query: "190\nc=other".into(),
            ..LookupState::default()
        });
        let SharedView::Lookup(clean) = view.redacted() else {
            unreachable!()
        };
        assert_eq!(clean.query, "190 c=other");
        let wizard = SharedView::Wizard(WizardState {
            checked: vec!["ok_id".into(), "<script>".into(), String::new()],
            ..WizardState::default()
        });
        let SharedView::Wizard(clean) = wizard.redacted() else {
            unreachable!()
        };
        assert_eq!(clean.checked, ["ok_id"]);
    }
}
