//! The verdict in words, with what was read and when.

use scopelens_core::{Diagnosis, Severity};
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
    let mut facts = vec![];
    if let Some(form) = d.input.form {
        facts.push(format!("written as {}", form.title()));
    }
    if d.input.embedded {
        facts.push("found inside surrounding text".to_string());
    }
    if let Some(status) = d.input.http_status {
        facts.push(format!("HTTP {status}"));
    }
    facts.push(format!(
        "{errors} error{}, {warnings} warning{}",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
    ));
    html! {
        <section class={classes!("verdict", format!("verdict-{}", d.verdict.id()))}
            role="status" aria-live="polite" aria-atomic="true" data-verdict={d.verdict.id()}>
            <p class="verdict-headline">{ d.verdict.headline() }</p>
            <p class="verdict-meta">
                { "Read as: " }
                <strong class="detected-kind" data-kind={d.kind().id()}>{ d.kind().title() }</strong>
                { format!(" · {}", facts.join(" · ")) }
            </p>
        </section>
    }
}
