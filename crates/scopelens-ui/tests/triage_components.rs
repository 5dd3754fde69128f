//! Component tests of the triage view and its charts in a real browser
//! (see tests/components.rs for how they run). No worker is started: the
//! view is given results directly, as after a run or from a share link.
#![cfg(target_arch = "wasm32")]

use scopelens_core::triage::Triage;
use scopelens_ui::triage_data::{TriageSummary, WORKER_GROUP_BY};
use scopelens_ui::triage_view::TriageViewProps;
use scopelens_ui::*;
use std::rc::Rc;
use wasm_bindgen_test::*;
use yew::prelude::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A log whose error messages carry HTML: it must stay text.
const LOG: &str = r#"{"time":1760000000,"response":{"error":{"message":"<img src=x onerror=\"window.__pwned=1\">","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"<b>t</b>"}}}
{"time":1760003700,"response":{"error":{"message":"x","type":"OAuthException","code":190}}}
{"time":1760003800,"response":{"error":{"message":"(#4) Application request limit reached","type":"OAuthException","code":4}}}
{"object":"whatsapp_business_account","entry":[{"id":
2025-10-09T09:00:00Z INFO worker started
"#;

fn state() -> TriageState {
    let mut t = Triage::new(&WORKER_GROUP_BY);
    for (i, line) in LOG.lines().enumerate() {
        t.add_line(i as u64 + 1, line);
    }
    TriageState {
        summary: Some(Rc::new(TriageSummary::from_report(&t.report()))),
        source: Some("test.log".into()),
        ..TriageState::default()
    }
}

fn props(state: TriageState) -> TriageViewProps {
    TriageViewProps {
        state,
        on_change: Callback::noop(),
        worker_url: "./triage-worker.js".into(),
        guide_base: "./guide/".into(),
    }
}

#[wasm_bindgen_test]
async fn chart_table_and_details_show_the_same_numbers_and_keep_log_text_as_text() {
    let root = mount::<TriageView>(props(state())).await;
    assert_eq!(
        root.query_selector(".triage-result")
            .unwrap()
            .unwrap()
            .get_attribute("data-errors")
            .as_deref(),
        Some("3")
    );
    // The broken JSON on line 4 could not be read; the INFO line was read and has no error.
    assert!(text(&root, ".total-unreadable").contains('4'));
    assert_eq!(
        text(&root, ".total-without-errors .total-note"),
        " (read fine, nothing to count)"
    );
    assert!(text(&root, ".total-without-errors").starts_with('1'));
    // The chart: an accessible group with title and description; bars are buttons with counts.
    let chart = root
        .query_selector("#triage-chart .bar-chart")
        .unwrap()
        .unwrap();
    assert_eq!(chart.get_attribute("role").as_deref(), Some("group"));
    let title_id = chart.get_attribute("aria-labelledby").unwrap();
    assert_eq!(text(&root, &format!("#{title_id}")), "Errors by error code");
    let bars: Vec<(String, String)> = all(&root, "#triage-chart .bar")
        .iter()
        .map(|b| {
            assert_eq!(b.tag_name(), "BUTTON");
            (
                b.get_attribute("data-key").unwrap(),
                b.get_attribute("data-count").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        bars,
        vec![("190".into(), "2".into()), ("4".into(), "1".into())]
    );
    // The same numbers as a table, where each row can be chosen with a button.
    click(&root, "#triage-chart .chart-switch");
    yew::scheduler::flush().await;
    let rows: Vec<(String, String)> = all(&root, "#triage-chart tbody tr")
        .iter()
        .map(|r| {
            (
                r.get_attribute("data-key").unwrap(),
                r.get_attribute("data-count").unwrap(),
            )
        })
        .collect();
    assert_eq!(rows, bars);
    click(&root, "#triage-chart tr[data-key='190'] button.bar-choose");
    yew::scheduler::flush().await;
    assert!(text(&root, ".triage-details h3").contains("190"));
    assert!(!all(&root, ".sample-diagnosis [data-verdict]").is_empty());
    assert!(all(&root, ".triage-details img").is_empty());
    assert!(all(&root, ".triage-details b").is_empty());
    assert!(text(&root, ".sample-text").contains("<img src=x"));
    // The timeline: two hours, as SVG columns and a table.
    assert_eq!(all(&root, "#triage-timeline rect.column").len(), 2);
}

#[wasm_bindgen_test]
async fn a_shared_aggregate_shows_counts_without_samples() {
    let extra = state().to_extra();
    let shared = TriageState::from_extra(&extra);
    assert!(shared.from_link());
    let root = mount::<TriageView>(props(shared)).await;
    assert_eq!(
        root.query_selector(".triage-result")
            .unwrap()
            .unwrap()
            .get_attribute("data-from-link")
            .as_deref(),
        Some("true")
    );
    assert_eq!(all(&root, "#triage-chart .bar").len(), 2);
    click(&root, "#triage-chart .chart-switch");
    yew::scheduler::flush().await;
    click(&root, "#triage-chart tr[data-key='4'] button.bar-choose");
    yew::scheduler::flush().await;
    assert!(!all(&root, ".triage-details .no-sample").is_empty());
    assert!(all(&root, ".sample-diagnosis").is_empty());
}
