//! Accessible SVG charts with a table view of the same numbers: a
//! horizontal bar chart whose bars can be chosen (click, Enter or Space),
//! and a column chart of counts over time.
//!
//! Both are drawn with presentation attributes only (no inline `style`,
//! which the site's CSP forbids). Every number in a chart is also in its
//! table, and both carry `data-key` / `data-count` attributes.

use crate::triage_data::{hour_label, HourCount};
use scopelens_core::time::{iso, DAY, HOUR};
use scopelens_core::units::fixed;
use std::rc::Rc;
use yew::prelude::*;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Stable key, reported when the bar is chosen.
    pub key: AttrValue,
    /// The key as people read it (a code, a category), for the table.
    pub label: AttrValue,
    /// Text beside the bar (may be longer; cut to fit).
    pub chart_label: AttrValue,
    /// Longer text for the table and the bar's accessible name.
    pub note: AttrValue,
    pub count: u64,
}

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    /// Prefix for element ids (must be unique on the page).
    pub id: AttrValue,
    pub title: AttrValue,
    /// One sentence summing up the chart, for screen readers.
    pub description: AttrValue,
    /// Heading of the key column in the table view.
    pub key_heading: AttrValue,
    pub bars: Rc<Vec<Bar>>,
    #[prop_or_default]
    pub selected: Option<AttrValue>,
    #[prop_or_default]
    pub on_select: Callback<AttrValue>,
}

const WIDTH: f64 = 720.0;
const LABEL_RIGHT: f64 = 250.0;
const BAR_LEFT: f64 = 260.0;
const BAR_MAX: f64 = 360.0;
const ROW: f64 = 28.0;
const BAR_HEIGHT: f64 = 20.0;

fn percent(count: u64, total: u64) -> String {
    if total == 0 {
        return "0%".into();
    }
    let p = count as f64 * 100.0 / total as f64;
    if p >= 10.0 || p == 0.0 {
        format!("{}%", fixed(p, 0))
    } else {
        format!("{}%", fixed(p, 1))
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// A chart/table switch shared by both charts.
fn view_switch(table: &UseStateHandle<bool>, what: &str) -> Html {
    let onclick = {
        let table = table.clone();
        Callback::from(move |_: MouseEvent| table.set(!*table))
    };
    html! {
        <button type="button" class="chart-switch" aria-pressed={table.to_string()} {onclick}>
            { if **table { format!("Show {what} as a chart") } else { format!("Show {what} as a table") } }
        </button>
    }
}

#[component]
pub fn BarChart(props: &BarChartProps) -> Html {
    let table = use_state(|| false);
    let total: u64 = props.bars.iter().map(|b| b.count).sum();
    let max = props.bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let choose = |key: &AttrValue| {
        let on_select = props.on_select.clone();
        let key = key.clone();
        (
            {
                let (on_select, key) = (on_select.clone(), key.clone());
                Callback::from(move |_: MouseEvent| on_select.emit(key.clone()))
            },
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    on_select.emit(key.clone());
                }
            }),
        )
    };
    let title_id = format!("{}-title", props.id);
    let desc_id = format!("{}-desc", props.id);
    let height = ROW * props.bars.len() as f64 + 8.0;

    let chart = html! {
        <svg class="bar-chart" role="group" aria-roledescription="bar chart"
            aria-labelledby={title_id.clone()} aria-describedby={desc_id.clone()}
            viewBox={format!("0 0 {} {}", fixed(WIDTH, 0), fixed(height, 0))} preserveAspectRatio="xMinYMin meet"
            xmlns="http://www.w3.org/2000/svg">
            <title id={title_id}>{ props.title.clone() }</title>
            <desc id={desc_id}>{ props.description.clone() }</desc>
            for (i, bar) in props.bars.iter().enumerate() {
                { {
                    let y = 4.0 + ROW * i as f64;
                    let w = (bar.count as f64 / max as f64 * BAR_MAX).max(2.0);
                    let selected = props.selected.as_ref() == Some(&bar.key);
                    let (onclick, onkeydown) = choose(&bar.key);
                    let name = format!("{}: {}, {} of all. {}", bar.label,
                        plural(bar.count, "error", "errors"), percent(bar.count, total), bar.note);
                    html! {
                        <g class={classes!("bar", selected.then_some("selected"))} role="button" tabindex="0"
                            aria-label={name.clone()} aria-pressed={selected.to_string()}
                            data-key={bar.key.clone()} data-count={bar.count.to_string()}
                            {onclick} {onkeydown}>
                            <title>{ name }</title>
                            <rect class="bar-hit" x="0" y={fixed(y, 1)} width={fixed(WIDTH, 1)} height={fixed(ROW, 1)} />
                            <text class="bar-label" x={fixed(LABEL_RIGHT, 1)} y={fixed(y + 18.0, 1)} text-anchor="end">
                                // Ends at LABEL_RIGHT: about 7 px a character at
                                // 13 px, so 30 fit whole, the code first.
                                { short(&bar.chart_label, 30) }
                            </text>
                            <rect class="bar-fill" x={fixed(BAR_LEFT, 1)} y={fixed(y + 4.0, 1)}
                                width={fixed(w, 1)} height={fixed(BAR_HEIGHT, 1)} rx="3" />
                            <text class="bar-count" x={fixed(BAR_LEFT + w + 6.0, 1)} y={fixed(y + 18.0, 1)}>
                                { bar.count.to_string() }
                            </text>
                        </g>
                    }
                } }
            }
        </svg>
    };

    let rows = html! {
        <div class="table-wrap">
            <table class="chart-table">
                <caption>{ props.title.clone() }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ props.key_heading.clone() }</th>
                        <th scope="col">{ "What it is" }</th>
                        <th scope="col" class="num">{ "Errors" }</th>
                        <th scope="col" class="num">{ "Share" }</th>
                    </tr>
                </thead>
                <tbody>
                    for bar in props.bars.iter() {
                        { {
                            let selected = props.selected.as_ref() == Some(&bar.key);
                            let (onclick, _) = choose(&bar.key);
                            html! {
                                <tr data-key={bar.key.clone()} data-count={bar.count.to_string()}
                                    class={classes!(selected.then_some("selected"))}>
                                    <th scope="row">
                                        <button type="button" class="bar-choose" aria-pressed={selected.to_string()} {onclick}>
                                            { bar.label.clone() }
                                        </button>
                                    </th>
                                    <td>{ bar.note.clone() }</td>
                                    <td class="num count">{ bar.count.to_string() }</td>
                                    <td class="num">{ percent(bar.count, total) }</td>
                                </tr>
                            }
                        } }
                    }
                </tbody>
                <tfoot>
                    <tr><th scope="row">{ "Total" }</th><td></td><td class="num total">{ total.to_string() }</td><td class="num">{ "100%" }</td></tr>
                </tfoot>
            </table>
        </div>
    };

    html! {
        <figure class="chart" id={props.id.clone()} data-table={table.to_string()}>
            <div class="chart-head">
                <figcaption>{ props.title.clone() }</figcaption>
                { view_switch(&table, "the counts") }
            </div>
            if props.bars.is_empty() {
                <p class="note">{ "No errors were found." }</p>
            } else if *table {
                { rows }
            } else {
                <p class="hint">{ "Choose a bar (click it, or Tab to it and press Enter) to see what the error means and how to fix it." }</p>
                <div class="chart-scroll">{ chart }</div>
            }
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct TimelineChartProps {
    pub id: AttrValue,
    /// Hours with errors, in order.
    pub hours: Rc<Vec<HourCount>>,
    /// Errors without a time (not drawn; said in the text and the table).
    #[prop_or_default]
    pub no_time: u64,
}

/// Longest timeline drawn one column per hour; longer ones go per day.
const MAX_HOUR_COLUMNS: i64 = 24 * 62;
const PLOT_LEFT: f64 = 56.0;
const PLOT_RIGHT: f64 = WIDTH - 8.0;
const PLOT_TOP: f64 = 10.0;
const PLOT_BOTTOM: f64 = 170.0;

/// Dense buckets (hour or day) from the first to the last, with zeros.
fn buckets(hours: &[HourCount]) -> (i64, Vec<(i64, u64)>) {
    let (Some(first), Some(last)) = (hours.first(), hours.last()) else {
        return (HOUR, Vec::new());
    };
    let step = if (last.hour - first.hour) / HOUR < MAX_HOUR_COLUMNS {
        HOUR
    } else {
        DAY
    };
    let start = first.hour - first.hour.rem_euclid(step);
    let n = ((last.hour - start) / step + 1) as usize;
    let mut out: Vec<(i64, u64)> = (0..n).map(|i| (start + i as i64 * step, 0)).collect();
    for h in hours {
        out[((h.hour - start) / step) as usize].1 += h.count;
    }
    (step, out)
}

fn bucket_label(at: i64, step: i64) -> String {
    if step == DAY {
        iso(at)[..10].to_string()
    } else {
        hour_label(at)
    }
}

#[component]
pub fn TimelineChart(props: &TimelineChartProps) -> Html {
    let table = use_state(|| false);
    let (step, cols) = buckets(&props.hours);
    let unit = if step == DAY { "day" } else { "hour" };
    let timed: u64 = props.hours.iter().map(|h| h.count).sum();
    let caption = format!("Errors per {unit} (UTC)");
    let busiest = cols
        .iter()
        .max_by_key(|(at, n)| (*n, std::cmp::Reverse(*at)));
    let description = match (cols.first(), cols.last(), busiest) {
        (Some(first), Some(last), Some(top)) => format!(
            "{} with a time, from {} to {} UTC; the busiest {unit} was {} UTC with {}.{}",
            plural(timed, "error", "errors"),
            bucket_label(first.0, step),
            bucket_label(last.0, step),
            bucket_label(top.0, step),
            plural(top.1, "error", "errors"),
            if props.no_time > 0 {
                format!(" {} had no time.", plural(props.no_time, "error", "errors"))
            } else {
                String::new()
            }
        ),
        _ => "No error in the log has a time.".to_string(),
    };
    let max = cols.iter().map(|c| c.1).max().unwrap_or(0).max(1);
    let width = (PLOT_RIGHT - PLOT_LEFT) / cols.len().max(1) as f64;
    let gap = if width > 4.0 { 1.0 } else { 0.0 };
    let title_id = format!("{}-title", props.id);
    let desc_id = format!("{}-desc", props.id);

    let chart = html! {
        <svg class="timeline-chart" role="img" aria-labelledby={title_id.clone()} aria-describedby={desc_id.clone()}
            viewBox={format!("0 0 {} 200", fixed(WIDTH, 0))} preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
            <title id={title_id}>{ caption.clone() }</title>
            <desc id={desc_id}>{ description.clone() }</desc>
            <line class="axis" x1={fixed(PLOT_LEFT, 1)} x2={fixed(PLOT_RIGHT, 1)}
                y1={fixed(PLOT_BOTTOM, 1)} y2={fixed(PLOT_BOTTOM, 1)} />
            <text class="axis-label" x={fixed(PLOT_LEFT - 6.0, 1)} y={fixed(PLOT_TOP + 10.0, 1)} text-anchor="end">
                { max.to_string() }
            </text>
            <text class="axis-label" x={fixed(PLOT_LEFT - 6.0, 1)} y={fixed(PLOT_BOTTOM, 1)} text-anchor="end">{ "0" }</text>
            for (i, (at, n)) in cols.iter().enumerate() {
                if *n > 0 {
                    { {
                        let h = *n as f64 / max as f64 * (PLOT_BOTTOM - PLOT_TOP);
                        let x = PLOT_LEFT + i as f64 * width;
                        html! {
                            <rect class="column" x={fixed(x, 2)} y={fixed(PLOT_BOTTOM - h, 2)}
                                width={fixed((width - gap).max(0.5), 2)} height={fixed(h, 2)}
                                data-hour={iso(*at)} data-count={n.to_string()}>
                                <title>{ format!("{} UTC: {}", bucket_label(*at, step), plural(*n, "error", "errors")) }</title>
                            </rect>
                        }
                    } }
                }
            }
            if let (Some(first), Some(last)) = (cols.first(), cols.last()) {
                <text class="axis-label" x={fixed(PLOT_LEFT, 1)} y="190">{ bucket_label(first.0, step) }</text>
                if cols.len() > 1 {
                    <text class="axis-label" x={fixed(PLOT_RIGHT, 1)} y="190" text-anchor="end">{ bucket_label(last.0, step) }</text>
                }
            }
        </svg>
    };

    let rows = html! {
        <div class="table-wrap">
            <table class="timeline-table">
                <caption>{ caption.clone() }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ if step == DAY { "Day (UTC)" } else { "Hour (UTC)" } }</th>
                        <th scope="col" class="num">{ "Errors" }</th>
                    </tr>
                </thead>
                <tbody>
                    for (at, n) in cols.iter().filter(|c| c.1 > 0) {
                        <tr data-hour={iso(*at)} data-count={n.to_string()}>
                            <th scope="row">{ bucket_label(*at, step) }</th>
                            <td class="num count">{ n.to_string() }</td>
                        </tr>
                    }
                    if props.no_time > 0 {
                        <tr data-hour="none" data-count={props.no_time.to_string()}>
                            <th scope="row">{ "No time" }</th>
                            <td class="num count">{ props.no_time.to_string() }</td>
                        </tr>
                    }
                </tbody>
            </table>
        </div>
    };

    html! {
        <figure class="chart timeline-figure" id={props.id.clone()} data-table={table.to_string()}>
            <div class="chart-head">
                <figcaption>{ caption }</figcaption>
                { view_switch(&table, "the timeline") }
            </div>
            if cols.is_empty() && props.no_time == 0 {
                <p class="note">{ "No errors to show over time." }</p>
            } else if *table {
                { rows }
            } else {
                <p class="chart-summary">{ description }</p>
                if !cols.is_empty() { <div class="chart-scroll">{ chart }</div> }
            }
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_fill_gaps_and_switch_to_days_for_long_logs() {
        let h = |hour: i64, count: u64| HourCount {
            hour: 1_760_000_400 - 1_760_000_400 % HOUR + hour * HOUR,
            count,
        };
        let (step, cols) = buckets(&[h(0, 3), h(2, 1)]);
        assert_eq!(step, HOUR);
        assert_eq!(cols.iter().map(|c| c.1).collect::<Vec<_>>(), vec![3, 0, 1]);
        let (step, cols) = buckets(&[h(0, 3), h(24 * 90, 1)]);
        assert_eq!(step, DAY);
        assert_eq!(cols.iter().map(|c| c.1).sum::<u64>(), 4);
        assert_eq!(buckets(&[]).1.len(), 0);
    }

    #[test]
    fn words() {
        assert_eq!(percent(1, 3), "33%");
        assert_eq!(percent(1, 30), "3.3%");
        assert_eq!(percent(0, 0), "0%");
        assert_eq!(short("Integrity and policy enforcement", 10), "Integrity…");
        assert_eq!(plural(1, "error", "errors"), "1 error");
    }
}
