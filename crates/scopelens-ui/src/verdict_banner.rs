//! The answer first: the top finding's cause and first step, whether a
//! retry helps, and what was read.

use crate::util::with_code_spans;
use scopelens_core::{headline, retry_label, Diagnosis, Severity};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct VerdictBannerProps {
    pub diagnosis: Rc<Diagnosis>,
}

#[component]
pub fn VerdictBanner(props: &VerdictBannerProps) -> Html {
    let d = &props.diagnosis;
    let count = |s: Severity| d.findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let mut facts = d.input.read_as();
    facts.push(format!(
        "{errors} error{}, {warnings} warning{}",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
    ));
    html! {
        <section class={classes!("verdict", format!("verdict-{}", d.verdict.id()))}
            role="status" aria-live="polite" aria-atomic="true" data-verdict={d.verdict.id()}>
            <p class="verdict-headline">{ with_code_spans(&headline(d)) }</p>
            <p class="verdict-meta">
                <span class="retry-label" data-retry={retry_label(d)}>{ retry_label(d) }</span>
                { " Read as: " }
                <strong class="detected-kind" data-kind={d.kind().id()}>{ d.kind().title() }</strong>
                { format!(" · {}", facts.join(" · ")) }
            </p>
        </section>
    }
}
