//! Findings, most severe first: explanation, numbered fix steps, sources
//! (knowledge-base links only) and the guide chapter that explains them.

use crate::util::{clip, guide_href, guide_title, source_links, with_code_spans};
use scopelens_core::{Finding, Severity};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FindingListProps {
    pub findings: Rc<Vec<Finding>>,
    /// Where the guide lives, ending in `/` (the site uses `./guide/`).
    pub guide_base: AttrValue,
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
    html! {
        <ol class="findings">
            for f in findings {
                <li class={classes!("finding", format!("sev-{}", f.severity.id()))} data-id={f.id}
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
