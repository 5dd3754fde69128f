//! The composite: input box plus context → `scopelens_core::diagnose` →
//! the result, in full (verdict, scope check, sharing, findings, token
//! timeline, decoded payload) or compact (the verdict and the top
//! finding), as the host's `ResultView` says. The diagnosis is recomputed on every change (no
//! button); the core is called directly.

pub use crate::diagnoser_state::{editing, DiagnoserState};
use crate::diagnosis_view::{ResultView, Shown};
use crate::input_box::InputBox;
use crate::util::now_unix;
use scopelens_core::model::{Payload, PermissionStatus};
use scopelens_core::{diagnose, Diagnosis, InputKind, ShareState};
use std::rc::Rc;
use yew::prelude::*;

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
    /// How the result shows: in full (the app) or compact (the guide's
    /// decoder, which then links none of the full result's parts).
    pub result: ResultView,
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
    let scope_check = props.result.is_full()
        && (props.scope_check_wanted || (!empty && wants_scope_check(&diagnosis)));
    let share = match &props.share {
        Some(share) if !empty => share.emit((state.to_share(), diagnosis.clone())),
        _ => Html::default(),
    };

    html! {
        <div class={classes!("diagnoser", props.shared.then_some("diagnoser-shared"))}>
            <div class="diagnoser-input">
                <InputBox value={state.input.clone()} kind={state.kind} {detected}
                    {on_input} {on_kind} {on_load} {on_arrival} />
                if state.now_pinned && !props.shared && props.result.is_full() {
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
                }
                { props.result.show(Shown {
                    diagnosis: diagnosis.clone(),
                    state: state.clone(),
                    on_change: props.on_change.clone(),
                    empty,
                    scope_check,
                    share,
                }) }
            </div>
        </div>
    }
}
