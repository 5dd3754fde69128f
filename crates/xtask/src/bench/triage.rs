//! Triage speed on a generated log, against jq counting the same thing.

use crate::{root, run};
use serde_json::{json, Value};
use std::process::Command;
use std::time::Instant;

/// The jq program that counts errors by code in a generated log, the same
/// count `scopelens triage --by code` makes.
const JQ_COUNT_BY_CODE: &str = r#"reduce (inputs | ((.entry[]?.changes[]?.value | ((.errors[]?.code), (.statuses[]?.errors[]?.code), (.messages[]?.errors[]?.code))), (.response?.error?.code // empty))) as $c ({}; .[$c | tostring] += 1)"#;

pub fn triage_vs_jq(megabytes: u64) -> Result<Value, String> {
    let dir = root().join("target").join("bench");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let log = dir.join(format!("webhooks-{megabytes}M.jsonl"));
    run(Command::new(env!("CARGO"))
        .args([
            "build",
            "--release",
            "-p",
            "scopelens-cli",
            "-p",
            "scopelens-loggen",
        ])
        .current_dir(root()))?;
    let bin = |name: &str| root().join("target").join("release").join(name);
    if !log.exists() {
        run(Command::new(bin("scopelens-loggen"))
            .args(["--size", &format!("{megabytes}M"), "--seed", "7", "--out"])
            .arg(&log))?;
    }
    let size = std::fs::metadata(&log).map_err(|e| e.to_string())?.len();
    let timed = |cmd: &mut Command| -> Result<(f64, Vec<u8>), String> {
        let started = Instant::now();
        let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "{cmd:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok((started.elapsed().as_secs_f64(), out.stdout))
    };
    let (t_all, ours) = timed(
        Command::new(bin("scopelens"))
            .args(["triage", "--format", "json"])
            .arg(&log),
    )?;
    let (t_one, _) = timed(
        Command::new(bin("scopelens"))
            .args(["triage", "--format", "json", "--jobs", "1"])
            .arg(&log),
    )?;
    let (t_jq, theirs) = timed(
        Command::new("jq")
            .args(["-n", "-c", JQ_COUNT_BY_CODE])
            .arg(&log),
    )?;
    let ours: Value = serde_json::from_slice(&ours).map_err(|e| e.to_string())?;
    let theirs: Value = serde_json::from_slice(&theirs).map_err(|e| e.to_string())?;
    let ours_by_code: serde_json::Map<String, Value> = ours["groups"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|g| (g["key"]["code"].to_string(), g["count"].clone()))
        .collect();
    let same = Value::Object(ours_by_code) == theirs;
    let mb = size as f64 / 1e6;
    println!("\nTriage of {mb:.0} MB of webhook JSON Lines (counts by code)");
    println!(
        "  scopelens, all cores   {t_all:>7.2} s  {:>8.0} MB/s",
        mb / t_all
    );
    println!(
        "  scopelens, one core    {t_one:>7.2} s  {:>8.0} MB/s",
        mb / t_one
    );
    println!(
        "  jq 1.6                 {t_jq:>7.2} s  {:>8.0} MB/s",
        mb / t_jq
    );
    println!(
        "  ratio jq / scopelens   {:>7.1}x (one core: {:.1}x); same counts: {same}",
        t_jq / t_all,
        t_jq / t_one
    );
    if !same {
        return Err("scopelens and jq disagree on the counts".into());
    }
    Ok(
        json!({"bytes": size, "scopelens_all_cores_s": t_all, "scopelens_one_core_s": t_one, "jq_s": t_jq,
              "mb_per_s_all": mb / t_all, "mb_per_s_one": mb / t_one, "mb_per_s_jq": mb / t_jq,
              "ratio": t_jq / t_all, "ratio_one_core": t_jq / t_one, "same_counts": same}),
    )
}
