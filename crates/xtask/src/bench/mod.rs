//! `cargo xtask bench`: builds the release artefacts and measures what users
//! feel: transfer size, start-up, keystroke-to-diagnosis, native throughput,
//! memory, and triage speed against jq. Prints a table and writes
//! `target/bench/report.json`. Method and latest figures: BENCHMARKS.md.
//!
//! Sizes are deterministic, so they are checked: `bench` and `cargo xtask
//! test` both hold them to the same ceilings ([`CEILINGS`]); the 150 KiB
//! first-load goal is reported beside them. Times are reported, never
//! asserted.
//!
//! One file per part: `sizes`, `floor`, `browser`, `native`, `triage`.

mod browser;
mod floor;
mod native;
mod sizes;
mod triage;

pub use sizes::{check_sizes, CEILINGS};

use crate::{root, Step};
use serde_json::{json, Value};
use sizes::{
    app_files, lazy_files, print_sizes, print_widget_pages, size_of, total, widget_files,
    widget_pages, FileSize, APP_TARGET, TOOLS_PAGE_CEILING,
};
use std::path::PathBuf;

/// The parts of the benchmark, in the order they run.
pub const PARTS: [&str; 5] = ["sizes", "floor", "browser", "native", "triage"];

/// `cargo xtask bench [PART…]`: every part, or only those named. Writes the
/// parts that ran to `target/bench/report.json`, then checks the ceilings and
/// reports the first load against the goal.
pub fn bench(parts: &[String]) -> Step {
    if let Some(unknown) = parts.iter().find(|p| !PARTS.contains(&p.as_str())) {
        return Err(format!(
            "no benchmark part `{unknown}`; the parts are {}",
            PARTS.join(", ")
        ));
    }
    let wanted = |part: &str| parts.is_empty() || parts.iter().any(|p| p == part);
    crate::dist()?;
    let dist = crate::dist_dir();
    let first_load = app_files(&dist)?;
    let app: Vec<FileSize> = first_load
        .iter()
        .map(|f| size_of(&dist, f))
        .collect::<Result<_, _>>()?;
    let lazy: Vec<FileSize> = lazy_files(&dist, &first_load)?
        .iter()
        .map(|f| size_of(&dist, f))
        .collect::<Result<_, _>>()?;
    let widgets: Vec<FileSize> = widget_files(&dist)?
        .iter()
        .map(|f| size_of(&dist, f))
        .collect::<Result<_, _>>()?;
    let mut report = serde_json::Map::new();
    report.insert(
        "limits".into(),
        json!({"app_ceiling_brotli": CEILINGS.app, "widgets_ceiling_brotli": CEILINGS.widgets,
               "tools_page_ceiling_brotli": TOOLS_PAGE_CEILING, "app_target_brotli": APP_TARGET}),
    );
    report.insert(
        "app".into(),
        print_sizes("App first load (every file the page fetches)", &app),
    );
    report.insert(
        "app_on_demand".into(),
        print_sizes(
            "App files fetched on demand (tool views when first opened; triage worker when a log is read)",
            &lazy,
        ),
    );
    report.insert(
        "widgets".into(),
        print_sizes(
            "Guide widget files (a page fetches the loader, the stylesheet and the bundles its widgets need, once, when one nears the viewport)",
            &widgets,
        ),
    );
    report.insert(
        "widget_pages".into(),
        print_widget_pages(&widgets, &widget_pages(&dist)?),
    );
    if wanted("floor") {
        report.insert("floor".into(), floor::floor(&app, &widgets)?);
    }
    if wanted("browser") {
        let browser = browser::browser(&dist, total(&app).0)?;
        println!(
            "\nBrowser (headless Chromium, loopback)\n{}",
            serde_json::to_string_pretty(&browser).unwrap_or_default()
        );
        browser::same_files_as_counted(&browser, &app, &lazy)?;
        report.insert("browser".into(), browser);
    }
    if wanted("native") {
        report.insert("native".into(), native::native_throughput()?);
    }
    if wanted("triage") {
        let megabytes = std::env::var("SCOPELENS_BENCH_LOG_MB")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(256);
        report.insert("triage".into(), triage::triage_vs_jq(megabytes)?);
    }
    let path: PathBuf = root().join("target").join("bench").join("report.json");
    std::fs::create_dir_all(root().join("target").join("bench")).map_err(|e| e.to_string())?;
    std::fs::write(
        &path,
        serde_json::to_string_pretty(&Value::Object(report)).unwrap_or_default(),
    )
    .map_err(|e| e.to_string())?;
    println!("\nreport: {}", path.display());
    check_sizes(&dist, &CEILINGS)?;
    let first_load = total(&app).2;
    println!(
        "target: app first load {first_load} bytes brotli, goal {APP_TARGET} ({})",
        if first_load <= APP_TARGET {
            "met".to_string()
        } else {
            format!(
                "{} over; not enforced, see BENCHMARKS.md",
                first_load - APP_TARGET
            )
        }
    );
    Ok(())
}
