//! Findings, most severe first: explanation, numbered fix steps, sources
//! (knowledge-base links only) and the guide chapter that explains them.

use crate::util::{clip, guide_href, guide_title, source_links, with_code_spans};
use scopelens_core::diagnose::About;
use scopelens_core::{Finding, Severity};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FindingListProps {
    pub findings: Rc<Vec<Finding>>,
    /// Where the guide lives, ending in `/` (the site uses `./guide/`).
    pub guide_base: AttrValue,
    /// Lets a finding be chosen to mark the part of the input it is about
    /// (its `About::key`); `None` when nothing on the page can be marked.
    #[prop_or_default]
    pub on_choose: Option<Callback<Option<(usize, String)>>>,
    /// The chosen finding's position in `findings`.
    #[prop_or_default]
    pub chosen: Option<usize>,
}

/// What the "show" button of a finding says: the field or entry it marks.
fn point_label(about: &About) -> String {
    match about {
        About::Field(name) => format!("Show {name} in the decoded payload"),
        About::Permission(name) => format!("Show {name} in the permission list"),
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Note",
    }
}

fn code_label(f: &Finding) -> Option<String> {
    match (f.code, f.subcode) {
        (Some(c), Some(s)) => Some(format!("{c}/{s}")),
        (Some(c), None) => Some(c.to_string()),
        _ => None,
    }
}

#[component]
pub fn FindingList(props: &FindingListProps) -> Html {
    // Already most severe first: `Diagnosis::findings` is kept in that order.
    let findings = props.findings.iter();
    if findings.len() == 0 {
        return html! { <p class="no-findings">{ "Nothing to report." }</p> };
    }
    // Choosing a finding (its button, or a click on it outside a link or
    // button) marks its part of the input; choosing it again unmarks it.
    let choose = |i: usize, f: &Finding| -> Option<Callback<MouseEvent>> {
        let on_choose = props.on_choose.clone()?;
        let key = f.about.as_ref()?.key();
        let again = props.chosen == Some(i);
        Some(Callback::from(move |e: MouseEvent| {
            use wasm_bindgen::JsCast;
            let inside_control = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a, button:not(.finding-point)").ok().flatten())
                .is_some();
            if !inside_control {
                on_choose.emit((!again).then(|| (i, key.clone())));
            }
        }))
    };
    html! {
        <ol class="findings">
            for (i, f) in findings.enumerate() {
                <li class={classes!("finding", format!("sev-{}", f.severity.id()), choose(i, f).is_some().then_some("choosable"))}
                    data-id={f.id} data-about={f.about.as_ref().map(About::key)}
                    aria-current={(props.chosen == Some(i) && f.about.is_some()).then_some("true")}
                    onclick={choose(i, f)}
                    data-code={f.code.map(|c| c.to_string())} data-permission={f.permission.clone()}>
                    <h3 class="finding-title">
                        <span class="sev">{ severity_word(f.severity) }</span>
                        { " " }
                        { with_code_spans(&f.title) }
                        // A title that names its code already is not followed by it again.
                        if let Some(code) = code_label(f).filter(|c| !f.title.contains(c.as_str())) {
                            { " " }<span class="code">{ code }</span>
                        }
                    </h3>
                    // Its click reaches the item's handler, as a key press on it does.
                    if let (Some(about), true) = (&f.about, props.on_choose.is_some()) {
                        <button type="button" class="finding-point"
                            aria-pressed={if props.chosen == Some(i) { "true" } else { "false" }}>
                            { point_label(about) }
                        </button>
                    }
                    <p class="explanation">{ with_code_spans(&f.explanation) }</p>
                    if let Some(p) = &f.permission {
                        <p class="permission">{ "Permission: " }<code>{ clip(p) }</code></p>
                    }
                    if !f.fix.is_empty() {
                        <p class="fix-heading">{ "How to fix:" }</p>
                        <ol class="fix">
                            for step in f.fix.iter() {
                                <li>{ with_code_spans(step) }</li>
                            }
                        </ol>
                    }
                    { source_links(&f.sources) }
                    if let Some(href) = f.guide.as_deref().and_then(|g| guide_href(&props.guide_base, g)) {
                        <p class="guide-link">
                            <a href={href}>{ format!("Read more in the guide: {}", guide_title(f.guide.as_deref().unwrap_or_default())) }</a>
                        </p>
                    }
                </li>
            }
        </ol>
    }
}
