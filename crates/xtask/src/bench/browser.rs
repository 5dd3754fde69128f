//! Start-up, keystroke and memory in headless Chromium, and a check that the
//! sizes count exactly what the browser fetched.

use super::sizes::FileSize;
use crate::{root, run, tools, Step};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Start-up, keystroke and memory figures from headless Chromium.
pub fn browser(dist: &Path, app_bytes: u64) -> Result<Value, String> {
    let out_dir = root().join("target").join("bench");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let out_file = out_dir.join("browser.json");
    run(Command::new("node")
        .arg(root().join("tests").join("bench").join("browser.mjs"))
        .env("SCOPELENS_DIST", dist)
        .env("SCOPELENS_BENCH_OUT", &out_file)
        .env("SCOPELENS_BENCH_APP_BYTES", app_bytes.to_string())
        .env("NODE_PATH", tools::node_modules())
        .current_dir(root()))?;
    let text = std::fs::read_to_string(&out_file).map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// The sizes are only right if they count what the browser really fetched:
/// the first load exactly, and, once the page is idle, only files listed as
/// fetched on demand (the tool views' module, which the app prefetches).
pub fn same_files_as_counted(
    browser: &Value,
    counted: &[FileSize],
    on_demand: &[FileSize],
) -> Step {
    let first = requested(browser, "app_first_load_requests");
    let counted: Vec<String> = counted.iter().map(|f| f.path.clone()).collect();
    if first != counted {
        return Err(format!(
            "the first load fetched {first:?} but the sizes count {counted:?}"
        ));
    }
    let idle = requested(browser, "app_idle_prefetch_requests");
    let unlisted: Vec<&String> = idle
        .iter()
        .filter(|file| !on_demand.iter().any(|f| &f.path == *file))
        .collect();
    if !unlisted.is_empty() {
        return Err(format!(
            "once idle, the page fetched {unlisted:?}, which the sizes list neither as first load nor as on demand"
        ));
    }
    println!(
        "  (the browser fetched exactly the {} files counted above, then, once idle, {})",
        first.len(),
        if idle.is_empty() {
            "nothing".to_string()
        } else {
            idle.join(", ")
        }
    );
    Ok(())
}

/// The files a list in the browser's report names, sorted, the page itself
/// as `index.html`.
fn requested(browser: &Value, list: &str) -> Vec<String> {
    let mut files: Vec<String> = browser[list]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|p| match p.trim_start_matches('/') {
            "" => "index.html".to_string(),
            file => file.to_string(),
        })
        .collect();
    files.sort();
    files
}
