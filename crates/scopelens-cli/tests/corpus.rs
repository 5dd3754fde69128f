//! The whole fixture corpus through the real `scopelens diagnose` binary:
//! kind, verdict, codes, missing permissions and findings must match each
//! fixture's expectations in `tests/fixtures/manifest.json`, and the exit
//! status must follow the verdict.

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use std::path::PathBuf;

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v.dedup();
    v
}

fn check(fixture: &Value) -> Result<(), String> {
    let file = fixture["file"].as_str().ok_or("fixture without file")?;
    let ctx = &fixture["context"];
    let expect = &fixture["expect"];
    let mut cmd = cargo_bin_cmd!("scopelens");
    cmd.arg("diagnose")
        .arg(fixtures_dir().join(file))
        .args(["--format", "json"]);
    cmd.args([
        "--now",
        &ctx["now"]
            .as_i64()
            .ok_or("context.now missing")?
            .to_string(),
    ]);
    for intent in strings(&ctx["intents"]) {
        cmd.args(["--intent", &intent]);
    }
    if let Some(waba) = ctx["waba_id"].as_str() {
        cmd.args(["--waba", waba]);
    }
    if let Some(app) = ctx["app_id"].as_str() {
        cmd.args(["--app-id", app]);
    }
    let out = cmd.output().map_err(|e| e.to_string())?;
    let d: Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)))?;
    let mut problems = Vec::new();
    let kind = d["input"]["kind"].as_str().unwrap_or_default();
    if kind != expect["kind"] {
        problems.push(format!("kind {kind} != {}", expect["kind"]));
    }
    let verdict = d["verdict"].as_str().unwrap_or_default();
    if verdict != expect["verdict"] {
        problems.push(format!("verdict {verdict} != {}", expect["verdict"]));
    }
    let expected_status = match verdict {
        "ok" | "warning" => 0,
        "action_required" => 1,
        _ => 2,
    };
    if out.status.code() != Some(expected_status) {
        problems.push(format!(
            "exit status {:?} for verdict {verdict}",
            out.status.code()
        ));
    }
    let findings = d["findings"].as_array().cloned().unwrap_or_default();
    let ids: Vec<String> = findings
        .iter()
        .filter_map(|f| f["id"].as_str().map(str::to_string))
        .collect();
    let codes = sorted(
        findings
            .iter()
            .filter_map(|f| f["code"].as_u64())
            .collect::<Vec<_>>(),
    );
    let expected_codes = sorted(
        expect["codes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_u64)
            .collect::<Vec<_>>(),
    );
    if codes != expected_codes {
        problems.push(format!("codes {codes:?} != {expected_codes:?}"));
    }
    let missing = sorted(
        findings
            .iter()
            .filter(|f| f["id"] == "permission.missing")
            .filter_map(|f| f["permission"].as_str().map(str::to_string))
            .collect::<Vec<_>>(),
    );
    let expected_missing = sorted(strings(&expect["missing"]));
    if missing != expected_missing {
        problems.push(format!("missing {missing:?} != {expected_missing:?}"));
    }
    for id in strings(&expect["findings"]) {
        if !ids.contains(&id) {
            problems.push(format!("finding {id} absent (have {ids:?})"));
        }
    }
    for id in strings(&expect["absent"]) {
        if ids.contains(&id) {
            problems.push(format!("finding {id} present but must not be"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{file}: {}", problems.join("; ")))
    }
}

/// One line per input form (`own` for fixtures without a `form` field):
/// `form: passed/total`, in a stable order, so that a run's figures can be
/// compared with an earlier one.
fn form_summary(results: &[(&str, Result<(), String>)]) -> String {
    let mut tally: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for (form, result) in results {
        let entry = tally.entry(form).or_default();
        entry.1 += 1;
        if result.is_ok() {
            entry.0 += 1;
        }
    }
    let passed: usize = tally.values().map(|(ok, _)| ok).sum();
    let mut lines: Vec<String> = tally
        .iter()
        .map(|(form, (ok, total))| format!("{form}: {ok}/{total}"))
        .collect();
    lines.push(format!("all: {passed}/{}", results.len()));
    lines.join("\n")
}

#[test]
fn every_fixture_diagnoses_as_expected() {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures_dir().join("manifest.json")).unwrap(),
    )
    .unwrap();
    let fixtures = manifest["fixtures"].as_array().expect("fixtures array");
    assert!(
        fixtures.len() >= 50,
        "the corpus shrank to {}",
        fixtures.len()
    );
    let results: Vec<(&str, Result<(), String>)> = fixtures
        .iter()
        .map(|f| (f["form"].as_str().unwrap_or("own"), check(f)))
        .collect();
    eprintln!("{}", form_summary(&results));
    // A fixture marked `known_gap` is a real paste the reader does not yet
    // read right, kept so the figure stays honest; it must still fail, so
    // the mark is removed the day it passes.
    let mut failures = Vec::new();
    let mut gaps = Vec::new();
    for (fixture, (_, result)) in fixtures.iter().zip(results) {
        match (fixture["known_gap"].as_str(), result) {
            (None, Err(problem)) => failures.push(problem),
            (Some(why), Err(problem)) => gaps.push(format!("{problem} (known gap: {why})")),
            (Some(_), Ok(())) => failures.push(format!(
                "{}: passes now; remove its known_gap mark",
                fixture["file"]
            )),
            (None, Ok(())) => {}
        }
    }
    if !gaps.is_empty() {
        eprintln!("known gaps ({}):\n{}", gaps.len(), gaps.join("\n"));
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        fixtures.len(),
        failures.join("\n")
    );
}

/// Every file under `dir`, as a path relative to the fixtures directory with
/// `/` separators (fixtures live one or two directories deep).
fn fixture_files(dir: &std::path::Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            fixture_files(&path, out);
        } else if let Ok(rel) = path.strip_prefix(fixtures_dir()) {
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(rel.join("/"));
        }
    }
}

#[test]
fn every_fixture_file_is_in_the_manifest() {
    let manifest = std::fs::read_to_string(fixtures_dir().join("manifest.json")).unwrap();
    let mut files = Vec::new();
    for group in std::fs::read_dir(fixtures_dir())
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
    {
        fixture_files(&group.path(), &mut files);
    }
    let unlisted: Vec<String> = files
        .into_iter()
        .filter(|rel| !manifest.contains(&format!("\"{rel}\"")))
        .collect();
    assert!(
        unlisted.is_empty(),
        "fixtures without expectations: {unlisted:?}"
    );
}
