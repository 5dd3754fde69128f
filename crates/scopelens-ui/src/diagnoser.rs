//! The composite: input box plus context → `scopelens_core::diagnose` →
//! verdict, findings, decoded payload, token timeline, scope matrix and
//! sharing. The diagnosis is recomputed on every change (no button); the
//! core is called directly.

use crate::diagnosis_view::{DiagnosisView, ScopeCheck};
use crate::input_box::InputBox;
use crate::util::now_unix;
use scopelens_core::kb::IntentId;
use scopelens_core::model::{Payload, PermissionStatus};
use scopelens_core::{diagnose, Context, Diagnosis, InputKind, ShareState, SharedView};
use std::rc::Rc;
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

/// Permissions an input grants, for the endpoint check; `None` when it has none.
pub fn granted_scopes(d: &Diagnosis) -> Option<Vec<String>> {
    match d.payload.as_ref()? {
        Payload::DebugToken(t) => Some(t.scopes.clone()),
        Payload::Permissions(list) => Some(
            list.entries
                .iter()
                .filter(|e| e.status == PermissionStatus::Granted)
                .map(|e| e.permission.clone())
                .collect(),
        ),
        _ => None,
    }
}

#[derive(Properties, PartialEq)]
pub struct DiagnoserProps {
    pub state: DiagnoserState,
    pub on_change: Callback<DiagnoserState>,
    /// Where the guide lives, ending in `/`.
    pub guide_base: AttrValue,
    /// Makes the sharing controls shown under the verdict from what a link
    /// would carry and the diagnosis. The web app passes its `SharePanel`;
    /// the guide's widgets pass nothing, so their bundle does without the
    /// panel, the link encoder and the Markdown export.
    #[prop_or_default]
    pub share: Option<Callback<(ShareState, Rc<Diagnosis>), Html>>,
    /// The page shows a diagnosis someone shared and nobody has edited: a
    /// header says so above the verdict, with "Edit a copy".
    #[prop_or_default]
    pub shared: bool,
    /// "Edit a copy" was chosen (the host drops the link from the address).
    #[prop_or_default]
    pub on_edit_copy: Callback<()>,
    /// Show the scope check whatever the input: something else uses its
    /// intents and IDs (the web app's live check, while open).
    #[prop_or_default]
    pub scope_check_wanted: bool,
    /// A small version for embedding (the guide's widgets): the input, the
    /// verdict and the top finding only; the host links to the full view.
    #[prop_or_default]
    pub compact: bool,
}

/// Whether the input calls for the scope check: it lists permissions
/// (debug_token, /me/permissions) or a finding is about one (a permission error).
pub fn wants_scope_check(d: &Diagnosis) -> bool {
    matches!(
        d.payload,
        Some(Payload::DebugToken(_)) | Some(Payload::Permissions(_))
    ) || d.findings.iter().any(|f| f.permission.is_some())
}

#[component]
pub fn Diagnoser(props: &DiagnoserProps) -> Html {
    let state = &props.state;
    let diagnosis: Rc<Diagnosis> = {
        let deps = (state.input.clone(), state.context());
        (*use_memo(deps, |(input, ctx)| Rc::new(diagnose(input, ctx)))).clone()
    };
    // Set by a paste, drop or file; the next render brings the verdict into view.
    let reveal_pending = use_mut_ref(|| false);
    let result_ref = use_node_ref();
    {
        let reveal_pending = reveal_pending.clone();
        let result_ref = result_ref.clone();
        use_effect(move || {
            if std::mem::take(&mut *reveal_pending.borrow_mut()) {
                if let Some(result) = result_ref.cast::<web_sys::Element>() {
                    crate::util::reveal(&result, "start");
                }
            }
        });
    }
    let on_arrival = {
        let reveal_pending = reveal_pending.clone();
        Callback::from(move |()| *reveal_pending.borrow_mut() = true)
    };
    let edit_copy = props.on_edit_copy.reform(|_: MouseEvent| ());

    let on_input = editing(state, &props.on_change, |s, v: String| {
        s.input = AttrValue::from(v);
        s.refresh_now();
    });
    let on_load = editing(state, &props.on_change, |s, v: String| {
        s.input = AttrValue::from(v);
        s.kind = None;
        s.refresh_now();
    });
    let on_kind = editing(state, &props.on_change, |s, kind| s.kind = kind);
    let use_current_time = editing(state, &props.on_change, |s, _: MouseEvent| {
        s.now = now_unix();
        s.now_pinned = false;
    });

    // What detection alone finds, for the "Automatic (found: …)" option shown
    // while another kind is forced.
    let detected = if state.kind.is_none() {
        diagnosis.kind()
    } else {
        scopelens_core::input::read(&state.input, None)
            .payload
            .map(|p| p.kind())
            .unwrap_or(InputKind::Unknown)
    };
    let empty = state.input.trim().is_empty();
    let scope_check =
        !props.compact && (props.scope_check_wanted || (!empty && wants_scope_check(&diagnosis)));
    let share = match &props.share {
        Some(share) if !empty => share.emit((state.to_share(), diagnosis.clone())),
        _ => Html::default(),
    };

    html! {
        <div class={classes!("diagnoser", props.shared.then_some("diagnoser-shared"))}>
            <div class="diagnoser-input">
                <InputBox value={state.input.clone()} kind={state.kind} {detected}
                    {on_input} {on_kind} {on_load} {on_arrival} />
                if state.now_pinned && !props.shared && !props.compact {
                    <p class="pinned-time">
                        { format!("Times are as of {} (from the shared link). ", scopelens_core::time::utc(state.now)) }
                        <button type="button" class="use-now" onclick={use_current_time}>{ "Use the current time" }</button>
                    </p>
                }
            </div>
            <div class="diagnoser-result" ref={result_ref}>
                if props.shared {
                    <header class="shared-header notice" role="status">
                        <p class="shared-made">
                            <strong>{ "Shared diagnosis" }</strong>
                            { format!(", made {}. Tokens were removed before the link was made.", scopelens_core::time::utc(state.now)) }
                        </p>
                        <button type="button" class="edit-copy" onclick={edit_copy}>{ "Edit a copy" }</button>
                    </header>
                }
                if empty {
                    <p class="empty-hint">{ "The diagnosis appears here as you paste or type. Nothing you paste leaves this page." }</p>
                    if scope_check {
                        <ScopeCheck diagnosis={diagnosis.clone()} context={state.clone()}
                            on_context={props.on_change.clone()} />
                    }
                } else {
                    <DiagnosisView {diagnosis} now={state.now} context={state.clone()}
                        on_context={props.on_change.clone()} {scope_check} {share}
                        compact={props.compact} guide_base={props.guide_base.clone()} />
                }
            </div>
        </div>
    }
}
