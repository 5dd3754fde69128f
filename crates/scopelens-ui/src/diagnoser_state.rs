//! What the diagnose view's diagnosis depends on ([`DiagnoserState`]), and
//! how a control's change becomes the next state ([`editing`]): shared by
//! the diagnose view, the diagnosis view's scope check and the live check.

use crate::util::now_unix;
use scopelens_core::kb::IntentId;
use scopelens_core::{diagnose, Context, Diagnosis, InputKind, ShareState, SharedView};
use yew::prelude::*;

/// Everything the diagnosis depends on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DiagnoserState {
    pub input: AttrValue,
    pub kind: Option<InputKind>,
    pub intents: Vec<IntentId>,
    pub waba_id: AttrValue,
    pub app_id: AttrValue,
    /// Unix seconds the diagnosis is relative to.
    pub now: i64,
    /// `now` came from a share link: keep it until the user asks for the current time.
    pub now_pinned: bool,
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

impl DiagnoserState {
    pub fn context(&self) -> Context {
        // The ID boxes hold typed text: a token pasted into the wrong box must
        // not reach the findings (nor the Markdown copy made from them).
        let id = |s: &str| non_empty(&scopelens_core::secrets::redact(s).text);
        Context {
            now: self.now,
            intents: self.intents.clone(),
            waba_id: id(&self.waba_id),
            app_id: id(&self.app_id),
            kind: self.kind,
        }
    }

    pub fn diagnose(&self) -> Diagnosis {
        diagnose(&self.input, &self.context())
    }

    /// The share state for this diagnosis (redacted when encoded).
    pub fn to_share(&self) -> ShareState {
        ShareState {
            input: self.input.to_string(),
            intents: self.intents.clone(),
            waba_id: non_empty(&self.waba_id),
            app_id: non_empty(&self.app_id),
            kind: self.kind,
            now: Some(self.now),
            view: Some(SharedView::Diagnose),
        }
    }

    /// After an edit: times follow the clock unless a share link pinned them.
    pub fn refresh_now(&mut self) {
        if !self.now_pinned {
            self.now = now_unix();
        }
    }

    /// Restores a shared diagnosis; `now` is used when the link has no time.
    pub fn from_share(share: &ShareState, now: i64) -> DiagnoserState {
        DiagnoserState {
            input: AttrValue::from(share.input.clone()),
            kind: share.kind,
            intents: share.intents.clone(),
            waba_id: AttrValue::from(share.waba_id.clone().unwrap_or_default()),
            app_id: AttrValue::from(share.app_id.clone().unwrap_or_default()),
            now: share.now.unwrap_or(now),
            now_pinned: share.now.is_some(),
        }
    }
}

/// A callback that applies a user's change (`apply`, with the value the
/// control reports) to a copy of `state` and reports the result.
pub fn editing<T: 'static>(
    state: &DiagnoserState,
    on_change: &Callback<DiagnoserState>,
    apply: fn(&mut DiagnoserState, T),
) -> Callback<T> {
    let state = state.clone();
    let on_change = on_change.clone();
    Callback::from(move |value: T| {
        let mut next = state.clone();
        apply(&mut next, value);
        on_change.emit(next);
    })
}
