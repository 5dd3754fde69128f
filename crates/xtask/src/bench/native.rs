//! Native throughput of detection and diagnosis (criterion).

use crate::{root, run};
use serde_json::{json, Value};
use std::process::Command;

/// Criterion's mean estimate (ns) for each `<group>/<function>`.
fn criterion_results() -> Result<Value, String> {
    let base = root().join("target").join("criterion");
    let mut rows = Vec::new();
    for group in std::fs::read_dir(&base)
        .map_err(|e| format!("{}: {e}", base.display()))?
        .flatten()
    {
        for function in std::fs::read_dir(group.path())
            .map_err(|e| e.to_string())?
            .flatten()
        {
            let bench = function.path().join(group.file_name()).join("new");
            let (Ok(estimates), Ok(meta)) = (
                std::fs::read_to_string(bench.join("estimates.json")),
                std::fs::read_to_string(bench.join("benchmark.json")),
            ) else {
                continue;
            };
            let estimates: Value = serde_json::from_str(&estimates).map_err(|e| e.to_string())?;
            let meta: Value = serde_json::from_str(&meta).map_err(|e| e.to_string())?;
            let ns = estimates["mean"]["point_estimate"].as_f64().unwrap_or(0.0);
            let bytes = meta["throughput"]["Bytes"].as_f64().unwrap_or(0.0);
            rows.push(json!({
                "input": group.file_name().to_string_lossy(), "what": function.file_name().to_string_lossy(),
                "bytes": bytes, "mean_ns": ns, "per_second": 1e9 / ns.max(1.0), "mb_per_second": bytes / ns.max(1.0) * 1e9 / 1e6,
            }));
        }
    }
    rows.sort_by_key(|r| {
        (
            r["input"].as_str().unwrap_or("").to_string(),
            r["what"].as_str().unwrap_or("").to_string(),
        )
    });
    Ok(Value::Array(rows))
}

pub fn native_throughput() -> Result<Value, String> {
    run(Command::new(env!("CARGO"))
        .args(["bench", "-p", "scopelens-core", "--bench", "throughput"])
        .current_dir(root()))?;
    let rows = criterion_results()?;
    println!("\nNative throughput (criterion, detection + diagnosis vs JSON parse alone)");
    println!(
        "  {:<16} {:<12} {:>12} {:>14} {:>10}",
        "input", "what", "bytes", "per second", "MB/s"
    );
    for r in rows.as_array().into_iter().flatten() {
        println!(
            "  {:<16} {:<12} {:>12} {:>14.0} {:>10.1}",
            r["input"].as_str().unwrap_or(""),
            r["what"].as_str().unwrap_or(""),
            r["bytes"],
            r["per_second"].as_f64().unwrap_or(0.0),
            r["mb_per_second"].as_f64().unwrap_or(0.0)
        );
    }
    Ok(rows)
}
