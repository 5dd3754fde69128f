//! `scopelens triage` against generated logs with known counts: JSON Lines
//! (sequential and split across threads), gzip, stdin, JSON arrays,
//! pretty-printed dumps, malformed lines, and the four output formats.

use assert_cmd::cargo::cargo_bin_cmd;
use scopelens_loggen::{generate, Expected, Options};
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::Output;

fn temp_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scopelens-triage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn log(name: &str, bytes: u64, malformed_every: u64) -> (PathBuf, Expected) {
    let path = temp_path(name);
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let expected = generate(
        &mut file,
        Options {
            target_bytes: bytes,
            seed: 11,
            malformed_every,
        },
    )
    .unwrap();
    file.flush().unwrap();
    (path, expected)
}

fn triage(args: &[&str], stdin: Option<&[u8]>) -> Output {
    cargo_bin_cmd!("scopelens")
        .arg("triage")
        .args(args)
        .write_stdin(stdin.unwrap_or_default())
        .output()
        .unwrap()
}

fn report(out: &Output) -> Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn assert_counts(report: &Value, expected: &Expected) {
    assert_eq!(report["schema"], "scopelens/triage/v1");
    assert_eq!(report["total_errors"], expected.total_errors);
    assert_eq!(
        report["unreadable_lines"],
        expected.unreadable_lines.len() as u64
    );
    let numbers: Vec<u64> = report["unreadable_line_numbers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    assert_eq!(
        numbers, expected.unreadable_lines,
        "unreadable line numbers"
    );
    let by_code: Vec<(u64, u64)> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["key"]["code"].as_u64().unwrap(),
                g["count"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut got = by_code.clone();
    got.sort();
    let want: Vec<(u64, u64)> = expected
        .by_code
        .iter()
        .map(|(c, n)| (u64::from(*c), *n))
        .collect();
    assert_eq!(got, want);
    let counts: Vec<u64> = by_code.iter().map(|(_, n)| *n).collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "groups are ordered by count"
    );
}

#[test]
fn json_lines_exact_counts_and_malformed_line_numbers() {
    let (path, expected) = log("small.jsonl", 300_000, 97);
    let r = report(&triage(&[path.to_str().unwrap(), "--format", "json"], None));
    assert_counts(&r, &expected);
}

#[test]
fn large_file_split_across_threads_gives_the_same_answer() {
    let (path, expected) = log("large.jsonl", 20 << 20, 10_007);
    let parallel = report(&triage(
        &[path.to_str().unwrap(), "--format", "json", "--jobs", "3"],
        None,
    ));
    assert_counts(&parallel, &expected);
}

#[test]
fn gzip_and_stdin() {
    let (path, expected) = log("zipped.jsonl", 200_000, 0);
    let raw = std::fs::read(&path).unwrap();
    let gz_path = temp_path("zipped.jsonl.gz");
    let mut encoder = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz_path).unwrap(),
        flate2::Compression::fast(),
    );
    encoder.write_all(&raw).unwrap();
    encoder.finish().unwrap();
    assert_counts(
        &report(&triage(
            &[gz_path.to_str().unwrap(), "--format", "json"],
            None,
        )),
        &expected,
    );
    assert_counts(
        &report(&triage(&["--format", "json"], Some(&raw))),
        &expected,
    );
}

#[test]
fn json_array_and_pretty_printed_dump() {
    let (path, expected) = log("for-array.jsonl", 100_000, 0);
    let values: Vec<Value> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let array = serde_json::to_vec_pretty(&values).unwrap();
    assert_counts(
        &report(&triage(&["--format", "json"], Some(&array))),
        &expected,
    );
    let dump: String = values
        .iter()
        .map(|v| serde_json::to_string_pretty(v).unwrap() + "\n")
        .collect();
    assert_counts(
        &report(&triage(&["--format", "json"], Some(dump.as_bytes()))),
        &expected,
    );
}

#[test]
fn grouping_keys_and_formats() {
    let (path, expected) = log("formats.jsonl", 100_000, 0);
    let file = path.to_str().unwrap();
    let r = report(&triage(
        &[file, "--by", "waba", "--by", "category", "--format", "json"],
        None,
    ));
    let first = &r["groups"][0]["key"];
    assert!(
        first["waba"].is_string() && first["category"].is_string(),
        "{first}"
    );
    let total: u64 = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total, expected.total_errors);
    let csv = String::from_utf8(triage(&[file, "--format", "csv"], None).stdout).unwrap();
    assert!(csv.starts_with("code,count,first_seen,last_seen,category,fixable_by,title\n"));
    assert_eq!(csv.lines().count(), expected.by_code.len() + 1);
    let md = String::from_utf8(triage(&[file, "--format", "markdown"], None).stdout).unwrap();
    assert!(md.contains("| code | count |"));
    let text = triage(&[file], None);
    assert!(String::from_utf8_lossy(&text.stderr)
        .contains(&format!("triage: {} errors", expected.total_errors)));
}

#[test]
fn blank_lines_before_the_first_payload_count_in_line_numbers() {
    let log = b"\n\n{\"error\":{\"code\":190,\"message\":\"x\",\"type\":\"OAuthException\"}}\n{\"entry\":[{\"id\":\n";
    let r = report(&triage(&["--format", "json"], Some(log)));
    assert_eq!(r["total_errors"], 1);
    assert_eq!(r["unreadable_line_numbers"], serde_json::json!([4]));
}

#[test]
fn missing_file_and_bad_grouping_are_errors() {
    assert_eq!(triage(&["/no/such/log"], None).status.code(), Some(2));
    assert_eq!(triage(&["--by", "planet"], None).status.code(), Some(2));
}

#[test]
fn a_token_error_is_listed_first_and_marked_and_text_lines_are_not_unreadable() {
    let window_closed =
        r#"{"error":{"code":131047,"type":"OAuthException","message":"Re-engagement message"}}"#;
    let expired = r#"{"error":{"code":190,"error_subcode":463,"type":"OAuthException","message":"Error validating access token: Session has expired"}}"#;
    let mut log = String::new();
    for _ in 0..30 {
        log.push_str(window_closed);
        log.push('\n');
    }
    log.push_str("2026-12-01T10:00:00Z INFO worker started\n");
    log.push_str(expired);
    log.push_str("\n{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\n");

    let text = triage(&[], Some(log.as_bytes()));
    let stdout = String::from_utf8(text.stdout).unwrap();
    let stderr = String::from_utf8(text.stderr).unwrap();
    let groups: Vec<&str> = stdout.lines().filter(|l| l.contains("  code=")).collect();
    assert!(
        groups[0].contains("code=190") && groups[0].contains("BLOCKS EVERY CALL"),
        "{stdout}"
    );
    assert!(
        groups[1].contains("code=131047") && !groups[1].contains("BLOCKS"),
        "{stdout}"
    );
    assert!(
        stdout.contains("33 lines read: 1 without errors, 1 unreadable"),
        "{stdout}"
    );
    assert!(
        stderr.contains("(1 without errors, 1 unreadable, 0 oversized)"),
        "{stderr}"
    );
    assert!(stderr.contains("unreadable lines: 33"), "{stderr}");

    // The JSON keeps its order (largest first) and says the same in added fields.
    let r = report(&triage(&["--format", "json"], Some(log.as_bytes())));
    assert_eq!(r["schema"], "scopelens/triage/v1");
    assert_eq!(r["lines_without_errors"], 1);
    assert_eq!(r["unreadable_lines"], 1);
    assert_eq!(r["groups"][0]["key"]["code"], 131047);
    assert_eq!(r["groups"][0]["blocks_every_call"], false);
    assert_eq!(r["groups"][1]["key"]["code"], 190);
    assert_eq!(r["groups"][1]["blocks_every_call"], true);

    let md =
        String::from_utf8(triage(&["--format", "markdown"], Some(log.as_bytes())).stdout).unwrap();
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| 1")).collect();
    assert!(
        rows[0].starts_with("| 190 |") && rows[0].contains("**blocks every call:**"),
        "{md}"
    );
}
