//! Accessible charts with a table view of the same numbers: a horizontal
//! bar chart whose bars are buttons (click, Enter or Space), and a column
//! chart of counts over time.
//!
//! Text is HTML, never SVG text: an SVG scaled down to a phone's width
//! shrinks its text with it (13 px became 6 px at 390 px), while HTML text
//! keeps the page's size and wraps. The SVGs draw shapes only, sized in
//! percentages, and use presentation attributes (no inline `style`, which
//! the site's CSP forbids). Every number in a chart is also in its table,
//! and both carry `data-key` / `data-count` attributes.

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
    /// The key as people read it (a code, a category), always shown whole.
    pub label: AttrValue,
    /// The label is a code: set in monospace and never broken across lines
    /// (a category's title wraps like other words).
    pub label_is_code: bool,
    /// What it is, beside the label (wraps, and is cut after two lines on
    /// the chart; whole in the table and the bar's accessible name).
    pub what: AttrValue,
    /// Longer text for the table and the bar's accessible name.
    pub note: AttrValue,
    pub count: u64,
    /// Stops every call (see `scopelens_core::triage::blocks_every_call`):
    /// marked, and listed first by the caller.
    pub blocks_every_call: bool,
}

/// The mark on a bar or row that blocks every call.
pub const BLOCKS_EVERY_CALL: &str = "Blocks every call";

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

/// A bar's length as a share of the longest, at least a sliver so that a
/// count of one still shows.
fn bar_width(count: u64, max: u64) -> String {
    let share = count as f64 / max.max(1) as f64 * 100.0;
    format!("{}%", fixed(share.clamp(0.5, 100.0), 2))
}

/// The bar's accessible name: its visible text first (so speech input finds
/// it by what is shown), then the numbers.
fn bar_name(bar: &Bar, total: u64) -> String {
    let mut name = bar.label.to_string();
    if !bar.what.is_empty() {
        name.push(' ');
        name.push_str(&bar.what);
    }
    if bar.blocks_every_call {
        name.push_str(&format!(" ({})", BLOCKS_EVERY_CALL.to_lowercase()));
    }
    format!(
        "{name}: {}, {} of all",
        plural(bar.count, "error", "errors"),
        percent(bar.count, total)
    )
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
        Callback::from(move |_: MouseEvent| on_select.emit(key.clone()))
    };
    let title_id = format!("{}-title", props.id);
    let desc_id = format!("{}-desc", props.id);

    let chart = html! {
        <div class="bar-chart" role="group" aria-roledescription="bar chart"
            aria-labelledby={title_id.clone()} aria-describedby={desc_id.clone()}>
            for bar in props.bars.iter() {
                { {
                    let selected = props.selected.as_ref() == Some(&bar.key);
                    html! {
                        // A button: Enter and Space choose it, as a click does.
                        <button type="button"
                            class={classes!("bar", selected.then_some("selected"), bar.blocks_every_call.then_some("blocking"))}
                            aria-label={bar_name(bar, total)} aria-pressed={selected.to_string()}
                            data-key={bar.key.clone()} data-count={bar.count.to_string()}
                            data-blocks={bar.blocks_every_call.to_string()}
                            onclick={choose(&bar.key)}>
                            <span class="bar-label">
                                <span class={if bar.label_is_code { "bar-code" } else { "bar-name" }}>{ bar.label.clone() }</span>
                                if bar.blocks_every_call {
                                    <span class="blocks-mark">{ BLOCKS_EVERY_CALL }</span>
                                }
                                if !bar.what.is_empty() {
                                    <span class="bar-what">{ bar.what.clone() }</span>
                                }
                            </span>
                            <span class="bar-track">
                                <svg class="bar-svg" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">
                                    <rect class="bar-fill" x="0" y="0" width={bar_width(bar.count, max)} height="100%" rx="3" />
                                </svg>
                                <span class="bar-count">{ bar.count.to_string() }</span>
                            </span>
                        </button>
                    }
                } }
            }
        </div>
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
                            html! {
                                <tr data-key={bar.key.clone()} data-count={bar.count.to_string()}
                                    data-blocks={bar.blocks_every_call.to_string()}
                                    class={classes!(selected.then_some("selected"), bar.blocks_every_call.then_some("blocking"))}>
                                    <th scope="row">
                                        <button type="button" class={classes!("bar-choose", bar.label_is_code.then_some("code"))} aria-pressed={selected.to_string()}
                                            onclick={choose(&bar.key)}>
                                            { bar.label.clone() }
                                        </button>
                                    </th>
                                    <td>
                                        if bar.blocks_every_call {
                                            <span class="blocks-mark">{ BLOCKS_EVERY_CALL }</span>{ " " }
                                        }
                                        { bar.note.clone() }
                                    </td>
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
                <figcaption id={title_id}>{ props.title.clone() }</figcaption>
                { view_switch(&table, "the counts") }
            </div>
            <p class="visually-hidden" id={desc_id}>{ props.description.clone() }</p>
            if props.bars.is_empty() {
                <p class="note">{ "No errors were found." }</p>
            } else if *table {
                { rows }
            } else {
                <p class="hint">{ "Choose a bar (click it, or Tab to it and press Enter) to see what the error means and how to fix it." }</p>
                { chart }
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
/// A column's width in the plot's own units; the plot is stretched to the
/// page's width and its text is HTML around it.
const COLUMN: f64 = 10.0;
/// The plot's height in its own units (the page sets the drawn height).
const PLOT_HEIGHT: f64 = 100.0;

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
    // A gap between columns while they are wide enough to spare one.
    let gap = if cols.len() <= 200 { COLUMN / 5.0 } else { 0.0 };
    let desc_id = format!("{}-desc", props.id);

    let chart = html! {
        <div class="timeline-plot" role="img" aria-label={caption.clone()} aria-describedby={desc_id.clone()}>
            <span class="axis-label axis-max" aria-hidden="true">{ max.to_string() }</span>
            <span class="axis-label axis-zero" aria-hidden="true">{ "0" }</span>
            <svg class="timeline-chart" aria-hidden="true" focusable="false"
                viewBox={format!("0 0 {} {}", fixed(COLUMN * cols.len().max(1) as f64, 0), fixed(PLOT_HEIGHT, 0))}
                preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg">
                for (i, (at, n)) in cols.iter().enumerate() {
                    if *n > 0 {
                        { {
                            let h = *n as f64 / max as f64 * PLOT_HEIGHT;
                            html! {
                                <rect class="column" x={fixed(i as f64 * COLUMN + gap / 2.0, 2)} y={fixed(PLOT_HEIGHT - h, 2)}
                                    width={fixed(COLUMN - gap, 2)} height={fixed(h, 2)}
                                    data-hour={iso(*at)} data-count={n.to_string()}>
                                    <title>{ format!("{} UTC: {}", bucket_label(*at, step), plural(*n, "error", "errors")) }</title>
                                </rect>
                            }
                        } }
                    }
                }
            </svg>
            if let (Some(first), Some(last)) = (cols.first(), cols.last()) {
                <span class="axis-label axis-first" aria-hidden="true">{ bucket_label(first.0, step) }</span>
                if cols.len() > 1 {
                    <span class="axis-label axis-last" aria-hidden="true">{ bucket_label(last.0, step) }</span>
                }
            }
        </div>
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
                <p class="chart-summary" id={desc_id}>{ description }</p>
                if !cols.is_empty() { { chart } }
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
        assert_eq!(bar_width(1, 4), "25.00%");
        assert_eq!(bar_width(1, 100_000), "0.50%");
        assert_eq!(bar_width(3, 0), "100.00%");
        assert_eq!(plural(1, "error", "errors"), "1 error");
    }
}
