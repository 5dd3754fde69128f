//! `scopelens check` against the fake Graph API: every scenario gives the
//! right diagnosis and exit status, the token goes only to the Graph server
//! (as the bearer and debug_token's input_token) and is never printed.

use assert_cmd::cargo::cargo_bin_cmd;
use assert_cmd::Command;
use scopelens_fakegraph::{token, FakeGraph, WABA_OK};
use serde_json::Value;
use std::process::Output;
use std::sync::OnceLock;

fn server() -> &'static FakeGraph {
    static SERVER: OnceLock<FakeGraph> = OnceLock::new();
    SERVER.get_or_init(|| FakeGraph::start().expect("fake Graph API starts"))
}

fn scopelens() -> Command {
    cargo_bin_cmd!("scopelens")
}

fn check(scenario: &str, extra: &[&str]) -> (Output, Value) {
    let out = scopelens()
        .args([
            "check",
            "--graph-url",
            &server().url(),
            "--format",
            "json",
            "--now",
            "1760000000",
        ])
        .args(extra)
        .env("WHATSAPP_TOKEN", token(scenario))
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out, json)
}

fn ids(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["id"].as_str().map(str::to_string))
        .collect()
}

fn assert_has(report: &Value, wanted: &[&str]) {
    let have = ids(report);
    for id in wanted {
        assert!(have.iter().any(|h| h == id), "{id} missing from {have:?}");
    }
}

#[test]
fn good_token_passes_and_every_call_is_listed() {
    let (out, r) = check("good", &[]);
    assert_eq!(out.status.code(), Some(0), "{r}");
    assert_has(
        &r,
        &[
            "token.never_expires",
            "token.ready",
            "live.waba_reachable",
            "live.phone_ready",
        ],
    );
    let calls: Vec<&str> = r["calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["request"].as_str().unwrap())
        .collect();
    assert_eq!(
        calls,
        [
            "GET /debug_token",
            &format!("GET /{WABA_OK}"),
            &format!("GET /{WABA_OK}/phone_numbers"),
            &format!("GET /{WABA_OK}/subscribed_apps")
        ]
    );
}

#[test]
fn each_problem_is_diagnosed() {
    for (scenario, status, wanted) in [
        ("expired", 1, vec!["token.invalid"]),
        (
            "noscope",
            1,
            vec!["permission.missing", "permission.review_reminder"],
        ),
        ("user", 1, vec!["permission.declined", "token.user_token"]),
        ("unreach", 1, vec!["live.waba_unreachable", "error.catalog"]),
        ("unsub", 1, vec!["live.app_not_subscribed"]),
        ("unregistered", 1, vec!["live.phone_not_registered"]),
        ("garbage", 1, vec!["live.bad_answer"]),
    ] {
        let (out, r) = check(scenario, &[]);
        assert_eq!(out.status.code(), Some(status), "{scenario}: {r}");
        assert_has(&r, &wanted);
    }
}

#[test]
fn a_hanging_server_times_out_without_retrying() {
    let started = std::time::Instant::now();
    let (out, r) = check("slow", &["--timeout", "1"]);
    assert!(started.elapsed().as_secs() < 10);
    assert_eq!(out.status.code(), Some(1));
    assert_has(&r, &["live.call_failed"]);
    assert_eq!(r["calls"].as_array().unwrap().len(), 1);
}

#[test]
fn the_token_is_never_printed_and_goes_only_to_the_graph_server() {
    let secret = token("good");
    for format in ["text", "json", "markdown"] {
        let out = scopelens()
            .args(["check", "--graph-url", &server().url(), "--format", format])
            .env("WHATSAPP_TOKEN", &secret)
            .output()
            .unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains(&secret[..30]), "{format} printed the token");
    }
    for line in server().requests() {
        if line.contains(&secret[..30]) {
            let in_bearer = line.contains(&format!("auth=Bearer {secret}"));
            let in_debug_token = line.starts_with(&format!(
                "GET /{}/debug_token?input_token=",
                scopelens_core::live::DEFAULT_VERSION
            ));
            assert!(
                in_bearer || in_debug_token,
                "token sent somewhere unexpected: {line}"
            );
        }
    }
}

#[test]
fn token_from_stdin_and_usage_errors() {
    scopelens()
        .args([
            "check",
            "--graph-url",
            &server().url(),
            "--format",
            "json",
            "--token-env",
            "SCOPELENS_UNSET_VARIABLE",
        ])
        .write_stdin(token("good"))
        .assert()
        .code(0);
    scopelens()
        .args(["check", "--graph-url", "http://example.com"])
        .env("WHATSAPP_TOKEN", token("good"))
        .assert()
        .code(2);
    scopelens()
        .args(["check", "--token-env", "SCOPELENS_UNSET_VARIABLE"])
        .write_stdin("")
        .assert()
        .code(2);
}
