//! The triage view: drop a log file (or paste many lines), count its errors
//! in a Web Worker with progress and a cancel button, and see them as a bar
//! chart by code or category, a timeline per hour, and totals. Choosing a
//! bar shows what the error means, how to fix it, and a diagnosis of one
//! (redacted) occurrence with the same components as the Diagnose view.
//!
//! The log never leaves the page; a share link (made by the app from
//! [`TriageState::to_extra`]) carries keys and counts only.

use crate::bar_chart::{Bar, BarChart, TimelineChart, BLOCKS_EVERY_CALL};
use crate::finding_list::FindingList;
use crate::triage_data::{sample_input, GroupData, GroupKind, TriageState};
use crate::triage_job::{Job, JobEvent};
use crate::util::now_unix;
use crate::verdict_banner::VerdictBanner;
use scopelens_core::kb::errors::Category;
use scopelens_core::units::fixed;
use scopelens_core::{diagnose, Context, Diagnosis};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TriageViewProps {
    pub state: TriageState,
    pub on_change: Callback<TriageState>,
    /// The worker's loader script; fetched only when a log is first read.
    pub worker_url: AttrValue,
    /// Where the guide lives, ending in `/`.
    pub guide_base: AttrValue,
}

#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Idle,
    Reading { name: String, read: f64, total: f64 },
    Failed(String),
    Cancelled,
}

fn megabytes(bytes: f64) -> String {
    if bytes < 100_000.0 {
        format!("{} kB", fixed(bytes / 1000.0, 0))
    } else {
        format!("{} MB", fixed(bytes / 1e6, 1))
    }
}

fn category_title(id: &str) -> &'static str {
    Category::ALL
        .into_iter()
        .find(|c| c.id() == id)
        .map_or("Other", Category::title)
}

/// A title without its leading "Error 131047: ", which the label already
/// shows (read out twice otherwise).
fn title_words(title: &str) -> &str {
    match title.split_once(": ") {
        Some((head, rest)) if head.starts_with("Error ") => rest,
        _ => title,
    }
}

fn bars(groups: &[GroupData], kind: GroupKind) -> Vec<Bar> {
    groups
        .iter()
        .map(|g| {
            let label = match kind {
                GroupKind::Code if g.key == "none" => "no code".to_string(),
                _ => g.label.clone(),
            };
            let what = match kind {
                GroupKind::Code => title_words(&g.title).to_string(),
                GroupKind::Category => String::new(),
            };
            Bar {
                key: AttrValue::from(g.key.clone()),
                label: AttrValue::from(label),
                label_is_code: kind == GroupKind::Code,
                what: AttrValue::from(what),
                note: AttrValue::from(match kind {
                    GroupKind::Code => title_words(&g.title).to_string(),
                    GroupKind::Category => format!("Most often: {}", g.title),
                }),
                count: g.count,
                blocks_every_call: g.blocks_every_call,
            }
        })
        .collect()
}

/// A file, or pasted text, as a `Blob` the worker is fed from.
fn text_blob(text: &str) -> Option<web_sys::Blob> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    web_sys::Blob::new_with_str_sequence(&parts).ok()
}

#[component]
pub fn TriageView(props: &TriageViewProps) -> Html {
    let phase = use_state(|| Phase::Idle);
    let job = use_mut_ref(|| None::<Job>);
    let pasted = use_state(String::new);
    let selected = use_state(|| None::<AttrValue>);
    let dragging = use_state(|| false);
    // The grouping when a run ends (it may change while the worker reads).
    let by_now = use_mut_ref(|| props.state.by);
    *by_now.borrow_mut() = props.state.by;

    {
        // Leaving the view stops the worker.
        let job = job.clone();
        use_effect_with((), move |_| move || *job.borrow_mut() = None);
    }
    {
        // A new result or grouping: nothing is chosen.
        let selected = selected.clone();
        use_effect_with((props.state.summary.clone(), props.state.by), move |_| {
            selected.set(None)
        });
    }

    let run = {
        let (phase, job, on_change, url) = (
            phase.clone(),
            job.clone(),
            props.on_change.clone(),
            props.worker_url.clone(),
        );
        let by_now = by_now.clone();
        Callback::from(move |(blob, name): (web_sys::Blob, String)| {
            *job.borrow_mut() = None;
            let total = blob.size();
            phase.set(Phase::Reading {
                name: name.clone(),
                read: 0.0,
                total,
            });
            let on_event = {
                let (phase, on_change, by_now) = (phase.clone(), on_change.clone(), by_now.clone());
                Callback::from(move |event: JobEvent| match event {
                    JobEvent::Progress { read, total } => phase.set(Phase::Reading {
                        name: name.clone(),
                        read,
                        total,
                    }),
                    JobEvent::Done(summary) => {
                        phase.set(Phase::Idle);
                        on_change.emit(TriageState {
                            by: *by_now.borrow(),
                            summary: Some(Rc::new(*summary)),
                            source: Some(name.clone()),
                            error: None,
                        });
                    }
                    JobEvent::Failed(message) => phase.set(Phase::Failed(message)),
                })
            };
            match Job::start(&url, blob, on_event) {
                Ok(started) => *job.borrow_mut() = Some(started),
                Err(message) => phase.set(Phase::Failed(message)),
            }
        })
    };

    let onfile = {
        let run = run.clone();
        Callback::from(move |e: Event| {
            if let Some(file) = crate::util::chosen_file(&e) {
                let name = file.name();
                run.emit((file.into(), name));
            }
        })
    };
    let (ondragover, ondragleave) = crate::util::drag_highlight(&dragging);
    let ondrop = {
        let (run, dragging, pasted) = (run.clone(), dragging.clone(), pasted.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let Some(data) = e.data_transfer() else {
                return;
            };
            if let Some(file) = data.files().and_then(|f| f.get(0)) {
                let name = file.name();
                run.emit((file.into(), name));
            } else if let Ok(text) = data.get_data("text/plain") {
                if let Some(blob) = text_blob(&text).filter(|_| !text.trim().is_empty()) {
                    pasted.set(text);
                    run.emit((blob, "dropped text".to_string()));
                }
            }
        })
    };
    let onpaste_input = {
        let pasted = pasted.clone();
        Callback::from(move |e: InputEvent| pasted.set(crate::util::event_value(&e)))
    };
    let onrun_pasted = {
        let (run, pasted) = (run.clone(), pasted.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(blob) = text_blob(&pasted) {
                run.emit((blob, "pasted lines".to_string()));
            }
        })
    };
    let oncancel = {
        let (job, phase) = (job.clone(), phase.clone());
        Callback::from(move |_: MouseEvent| {
            *job.borrow_mut() = None;
            phase.set(Phase::Cancelled);
        })
    };
    let onclear = {
        let on_change = props.on_change.clone();
        let by = props.state.by;
        Callback::from(move |_: MouseEvent| {
            on_change.emit(TriageState {
                by,
                ..TriageState::default()
            })
        })
    };
    let on_by = |kind: GroupKind| {
        let state = props.state.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |_: Event| {
            on_change.emit(TriageState {
                by: kind,
                ..state.clone()
            })
        })
    };
    let on_select = {
        let selected = selected.clone();
        Callback::from(move |key: AttrValue| {
            let again = selected.as_ref() == Some(&key);
            selected.set((!again).then_some(key));
        })
    };

    let state = &props.state;
    let kind = state.by;
    let current: Option<GroupData> = state.summary.as_ref().and_then(|s| {
        s.groups(kind)
            .iter()
            .find(|g| selected.as_deref() == Some(g.key.as_str()))
            .cloned()
    });
    let sample = use_memo(current.as_ref().and_then(|g| g.sample.clone()), |sample| {
        sample.as_ref().map(|s| {
            let input = sample_input(s);
            let context = Context {
                now: now_unix(),
                ..Context::default()
            };
            let diagnosis: Rc<Diagnosis> = Rc::new(diagnose(&input, &context));
            (input, diagnosis)
        })
    });

    let status = match &*phase {
        Phase::Idle => Html::default(),
        Phase::Reading { name, read, total } => html! {
            <div class="triage-progress" role="status" data-read={fixed(*read, 0)} data-total={fixed(*total, 0)}>
                <label class="progress-label">
                    { format!("Reading {name}: {} of {}", megabytes(*read), megabytes(*total)) }
                    <progress class="sl-triage-progress" max={fixed(total.max(1.0), 0)} value={fixed(*read, 0)} />
                </label>
                <button type="button" class="sl-triage-cancel" onclick={oncancel}>{ "Cancel" }</button>
            </div>
        },
        Phase::Failed(message) => {
            html! { <p class="error-message triage-error" role="alert">{ message.clone() }</p> }
        }
        Phase::Cancelled => {
            html! { <p class="notice triage-cancelled" role="status">{ "Cancelled: nothing was counted." }</p> }
        }
    };
    let reading = matches!(*phase, Phase::Reading { .. });

    let result = state.summary.as_ref().map(|s| {
        let groups = s.groups(kind);
        let chart_bars = Rc::new(bars(groups, kind));
        let hours = Rc::new(s.hours.clone());
        let blocking: Vec<&str> = chart_bars
            .iter()
            .filter(|b| b.blocks_every_call)
            .map(|b| b.label.as_str())
            .collect();
        let description = match groups.iter().min_by_key(|g| std::cmp::Reverse(g.count)) {
            Some(top) => format!(
                "{} errors in {} groups by {}. The most common is {} with {}.{}",
                s.total_errors,
                groups.len(),
                kind.title().to_ascii_lowercase(),
                bars(std::slice::from_ref(top), kind)[0].label,
                top.count,
                if blocking.is_empty() {
                    String::new()
                } else {
                    format!(" Listed first because they block every call: {}.", blocking.join(", "))
                }
            ),
            None => "No errors were found.".to_string(),
        };
        let shown_unreadable: Vec<String> = s
            .unreadable_line_numbers
            .iter()
            .take(20)
            .map(u64::to_string)
            .collect();
        html! {
            <section class="triage-result" aria-label="Triage result" data-errors={s.total_errors.to_string()}
                data-lines={s.lines.to_string()} data-unreadable={s.unreadable_lines.to_string()}
                data-by={kind.id()} data-from-link={state.from_link().to_string()}>
                <h2>
                    { format!("{} error{} in {} line{}", s.total_errors, if s.total_errors == 1 { "" } else { "s" },
                        s.lines, if s.lines == 1 { "" } else { "s" }) }
                    if let Some(source) = &state.source {
                        <span class="triage-source">{ format!(" · {source}") }</span>
                    }
                </h2>
                if state.from_link() {
                    <p class="notice from-link">
                        { "Opened from a share link: it carries counts only, never the log. Explanations come from the error catalog; open the log itself to see samples." }
                    </p>
                }
                <dl class="triage-totals">
                    <dt>{ "Errors" }</dt><dd class="total-errors">{ s.total_errors.to_string() }</dd>
                    <dt>{ "Lines read" }</dt><dd class="total-lines">{ s.lines.to_string() }</dd>
                    if let Some(without) = s.lines_without_errors {
                        <dt>{ "Lines with no error" }</dt>
                        <dd class="total-without-errors" data-count={without.to_string()}>
                            { without.to_string() }
                            <span class="total-note">{ " (read fine, nothing to count)" }</span>
                        </dd>
                    }
                    <dt>{ "Unreadable lines" }</dt>
                    <dd class="total-unreadable">
                        { s.unreadable_lines.to_string() }
                        if !shown_unreadable.is_empty() {
                            <span class="total-note">
                                { format!(" (broken JSON or a cut-off error, {}: ", if (s.unreadable_lines as usize) > shown_unreadable.len() { "first on lines" } else if shown_unreadable.len() == 1 { "on line" } else { "on lines" }) }
                                <span class="unreadable-lines" data-lines={shown_unreadable.join(",")}>
                                    { shown_unreadable.join(", ") }
                                </span>
                                { if (s.unreadable_lines as usize) > shown_unreadable.len() { ", …)" } else { ")" } }
                            </span>
                        }
                    </dd>
                </dl>
                if !s.warnings.is_empty() {
                    <ul class="warnings" role="alert">
                        for w in s.warnings.iter() { <li>{ w.clone() }</li> }
                    </ul>
                }
                <fieldset class="group-by">
                    <legend>{ "Group the chart by" }</legend>
                    for k in [GroupKind::Code, GroupKind::Category] {
                        <label>
                            <input type="radio" name="triage-by" class="sl-triage-by" value={k.id()}
                                checked={kind == k} onchange={on_by(k)} />
                            { format!(" {}", k.title()) }
                        </label>
                    }
                </fieldset>
                <BarChart id="triage-chart" title={format!("Errors by {}", kind.title().to_ascii_lowercase())}
                    {description} key_heading={kind.title()} bars={chart_bars}
                    selected={(*selected).clone()} on_select={on_select.clone()} />
                if let Some(g) = &current {
                    { details(g, kind, sample.as_ref().as_ref(), &props.guide_base) }
                }
                <TimelineChart id="triage-timeline" {hours} no_time={s.no_time} />
                if s.timeline_omitted {
                    <p class="note">{ "The timeline was too long for the share link and was left out." }</p>
                }
                <p><button type="button" class="sl-triage-clear" onclick={onclear}>{ "Clear the results" }</button></p>
            </section>
        }
    });

    html! {
        <div class="triage">
            <section class={classes!("triage-input", dragging.then_some("dragging"))} aria-label="Log input"
                {ondragover} {ondragleave} {ondrop}>
                <h2>{ "Triage a log" }</h2>
                <p class="hint">
                    { "Drop a log file here, or open one: JSON Lines, JSON arrays, webhook dumps, text logs with JSON on their lines, or any of them gzipped. It is read by a background worker in this page and never uploaded; big files keep the page responsive." }
                </p>
                <div class="input-tools">
                    <label class="file-pick">
                        { "Open a log file " }
                        <input type="file" class="sl-triage-file" disabled={reading}
                            accept=".jsonl,.ndjson,.json,.log,.txt,.gz,application/json,application/gzip,text/plain"
                            onchange={onfile} />
                    </label>
                </div>
                <label class="input-label">
                    <span class="label-text">{ "Or paste log lines" }</span>
                    <textarea class="sl-triage-paste" rows="6" spellcheck="false" autocomplete="off"
                        value={(*pasted).clone()} oninput={onpaste_input}
                        placeholder="{\"object\":\"whatsapp_business_account\",\"entry\":[…]}" />
                </label>
                <button type="button" class="sl-triage-run" onclick={onrun_pasted}
                    disabled={reading || pasted.trim().is_empty()}>
                    { "Count errors in the pasted lines" }
                </button>
            </section>
            { status }
            if let Some(error) = &state.error {
                <p class="error-message" role="alert">{ error.clone() }</p>
            }
            { result.unwrap_or_default() }
        </div>
    }
}

/// What one bar stands for: explanation, fix, and a sample diagnosis.
fn details(
    g: &GroupData,
    kind: GroupKind,
    sample: Option<&(String, Rc<Diagnosis>)>,
    guide_base: &AttrValue,
) -> Html {
    let heading = match kind {
        GroupKind::Code => g.title.clone(),
        GroupKind::Category => format!("{}: most often {}", g.label, g.title),
    };
    let codes: Vec<String> = g
        .codes
        .iter()
        .map(|(c, n)| {
            format!(
                "{} ({n})",
                c.map_or("no code".to_string(), |c| c.to_string())
            )
        })
        .collect();
    // The group's own code is explained above; the sample's diagnosis adds
    // only what else it finds, so no explanation is printed twice.
    let explained = g.codes.first().and_then(|(code, _)| *code);
    let more_findings = sample.map(|(_, d)| {
        Rc::new(
            d.findings
                .iter()
                .filter(|f| match explained {
                    Some(code) => f.code != Some(code),
                    // Errors without a code: the same finding has the same title.
                    None => f.title != g.title,
                })
                .cloned()
                .collect::<Vec<_>>(),
        )
    });
    html! {
        <section class="triage-details" aria-label="Chosen group" aria-live="polite" data-key={g.key.clone()}>
            <h3>{ heading }</h3>
            if g.blocks_every_call {
                <p class="blocks-note">
                    <span class="blocks-mark">{ BLOCKS_EVERY_CALL }</span>
                    { " Nothing sent with these credentials works until this is fixed, so it is listed first." }
                </p>
            }
            <dl class="entry-facts">
                <dt>{ "Errors" }</dt><dd class="detail-count">{ g.count.to_string() }</dd>
                <dt>{ "Category" }</dt><dd>{ category_title(&g.category) }</dd>
                <dt>{ "Who can fix it" }</dt><dd>{ g.fixable_by.clone().unwrap_or_else(|| "unknown".into()) }</dd>
                if kind == GroupKind::Category {
                    <dt>{ "Codes" }</dt><dd class="detail-codes">{ codes.join(", ") }</dd>
                }
                if let (Some(first), Some(last)) = (&g.first_seen, &g.last_seen) {
                    <dt>{ "First seen" }</dt><dd>{ first.clone() }</dd>
                    <dt>{ "Last seen" }</dt><dd>{ last.clone() }</dd>
                }
            </dl>
            <p class="explanation">{ g.explanation.clone() }</p>
            <p class="fix-heading">{ "How to fix:" }</p>
            <ol class="fix">
                for step in g.fix.iter() { <li>{ step.clone() }</li> }
            </ol>
            if let Some((input, diagnosis)) = sample {
                <section class="sample-diagnosis" aria-label="Sample diagnosis">
                    <h4>{ "Sample diagnosis" }</h4>
                    <p class="hint">{ "One occurrence from the log (tokens removed), diagnosed as the Diagnose view would." }</p>
                    <VerdictBanner diagnosis={diagnosis.clone()} />
                    { match more_findings.filter(|f| !f.is_empty()) {
                        Some(findings) => html! {
                            <>
                                <p class="note">{ "Besides the error explained above, the sample shows:" }</p>
                                <FindingList {findings} guide_base={guide_base.clone()} />
                            </>
                        },
                        None => html! {
                            <p class="note sample-same">{ "The sample shows the error explained above and nothing else." }</p>
                        },
                    } }
                    <details class="sample">
                        <summary>{ "Show the sample" }</summary>
                        <pre class="sample-text">{ input.clone() }</pre>
                    </details>
                </section>
            } else {
                <p class="note no-sample">{ "A share link carries counts only, never log content: open the log itself to see a sample of this error." }</p>
            }
        </section>
    }
}
