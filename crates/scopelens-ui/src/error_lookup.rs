//! Error lookup: type a code (`190`, `190/463`) or browse the catalog by
//! category, with a search box.

use crate::util::{clip, event_value, guide_href, source_link, source_links};
use scopelens_core::kb::errors::{by_category, CATALOG};
use scopelens_core::kb::{guide, lookup_error, Category, ErrorEntry, ErrorLookup as Lookup};
use yew::prelude::*;

/// What the lookup view shows; a share link restores it
/// (`SharedView::Lookup`).
pub use scopelens_core::share::LookupState;

/// `190`, `190/463`, `190 463`, `#190`, `code 190, subcode 463` → numbers,
/// or the core's message saying what to type instead.
pub fn parse_code(text: &str) -> Result<(u32, Option<u32>), String> {
    scopelens_core::kb::errors::parse_code(text).map_err(|e| e.to_string())
}

#[derive(Properties, PartialEq)]
pub struct ErrorLookupProps {
    pub state: LookupState,
    pub on_change: Callback<LookupState>,
    pub guide_base: AttrValue,
}

/// One catalog entry in full.
pub fn entry_card(entry: &'static ErrorEntry, guide_base: &str) -> Html {
    let anchor = entry.anchor();
    html! {
        <article class="error-entry" data-label={entry.label()}>
            <h3><span class="code">{ entry.label() }</span>{ " " }{ entry.title }</h3>
            <dl class="entry-facts">
                <dt>{ "Category" }</dt><dd class="category">{ entry.category.title() }</dd>
                if let Some(status) = entry.http_status {
                    <dt>{ "HTTP status" }</dt><dd>{ status.to_string() }</dd>
                }
                <dt>{ "Who can fix it" }</dt><dd>{ entry.fixable_by.label() }</dd>
                <dt>{ "Retry" }</dt><dd>{ entry.retry.advice() }</dd>
            </dl>
            <p class="explanation">{ entry.explanation }</p>
            <p class="fix-heading">{ "How to fix:" }</p>
            <ol class="fix">
                for step in entry.fix.iter() { <li>{ *step }</li> }
            </ol>
            { source_links(entry.sources) }
            if let Some(href) = guide_href(guide_base, &guide::error_anchor(&anchor)) {
                <p class="guide-link"><a href={href}>{ "Read more in the guide: Error reference" }</a></p>
            }
        </article>
    }
}

fn matches(entry: &ErrorEntry, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    // ASCII folding: the catalog is English, and Unicode case tables would
    // add kilobytes to every bundle that shows this view.
    let hay = |s: &str| s.to_ascii_lowercase().contains(needle);
    entry.label().contains(needle) || hay(entry.title) || hay(entry.explanation)
}

#[component]
pub fn ErrorLookup(props: &ErrorLookupProps) -> Html {
    let state = &props.state;
    let on_query = {
        let state = state.clone();
        let cb = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(LookupState {
                query: event_value(&e),
                ..state.clone()
            })
        })
    };
    let on_category = {
        let state = state.clone();
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let v = event_value(&e);
            cb.emit(LookupState {
                category: Category::ALL.into_iter().find(|c| c.id() == v),
                ..state.clone()
            })
        })
    };
    let on_filter = {
        let state = state.clone();
        let cb = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(LookupState {
                filter: event_value(&e),
                ..state.clone()
            })
        })
    };

    let result = if state.query.trim().is_empty() {
        Html::default()
    } else {
        match parse_code(&state.query) {
            Err(message) => html! { <p class="error-message" role="alert">{ clip(&message) }</p> },
            Ok((code, sub)) => match lookup_error(code, sub) {
                Lookup::Known {
                    entry,
                    subcode_matched,
                } => html! {
                    <>
                        if sub.is_some() && !subcode_matched {
                            <p class="note">{ format!("No entry for subcode {}; showing the closest entry.", sub.unwrap_or_default()) }</p>
                        }
                        { entry_card(entry, &props.guide_base) }
                    </>
                },
                Lookup::Unknown { family } => html! {
                    <article class="error-entry unknown" data-label={code.to_string()}>
                        <h3><span class="code">{ code.to_string() }</span>{ " is not in the catalog" }</h3>
                        <p>{ format!("It belongs to the range \"{}\" ({}). ", family.name, family.category.title()) }
                           { "Check Meta's list of codes, and the message and error_data.details of the response." }</p>
                        <p class="sources">{ "Source: " }{ source_link(family.source) }</p>
                    </article>
                },
            },
        }
    };

    let needle = state.filter.trim().to_ascii_lowercase();
    let browsing = state.category.is_some() || !needle.is_empty();
    let listed: Vec<&'static ErrorEntry> = match state.category {
        Some(c) => by_category(c).filter(|e| matches(e, &needle)).collect(),
        None if !needle.is_empty() => CATALOG.iter().filter(|e| matches(e, &needle)).collect(),
        None => vec![],
    };

    html! {
        <section class="lookup" aria-label="Error lookup">
            <h2>{ "Look up an error code" }</h2>
            <label class="lookup-query">
                { "Code or code/subcode " }
                <input type="text" class="sl-code" inputmode="numeric" autocomplete="off"
                    placeholder="190/463" value={state.query.clone()} oninput={on_query} />
            </label>
            <div class="lookup-result" aria-live="polite">{ result }</div>

            <h2>{ "Browse the catalog" }</h2>
            <div class="browse-tools">
                <label>
                    { "Category " }
                    <select class="sl-category" onchange={on_category}>
                        <option value="" selected={state.category.is_none()}>{ format!("All categories ({})", CATALOG.len()) }</option>
                        for c in Category::ALL {
                            <option value={c.id()} selected={state.category == Some(c)}>
                                { format!("{} ({})", c.title(), by_category(c).count()) }
                            </option>
                        }
                    </select>
                </label>
                <label>
                    { "Search " }
                    <input type="search" class="sl-filter" autocomplete="off" placeholder="expired, template, 131…"
                        value={state.filter.clone()} oninput={on_filter} />
                </label>
            </div>
            if browsing {
                <p class="browse-count" role="status">{ format!("{} entr{}", listed.len(), if listed.len() == 1 { "y" } else { "ies" }) }</p>
                <ul class="browse-list">
                    for entry in listed {
                        <li>
                            <details data-label={entry.label()}>
                                <summary><span class="code">{ entry.label() }</span>{ " " }{ entry.title }</summary>
                                { entry_card(entry, &props.guide_base) }
                            </details>
                        </li>
                    }
                </ul>
            } else {
                <p class="hint">{ "Choose a category or type a word to list entries." }</p>
            }
        </section>
    }
}
