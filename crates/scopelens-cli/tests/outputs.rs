//! Outputs that cannot be turned against their reader: no terminal control
//! from a payload reaches the screen, no argument is echoed with its secret,
//! CSV cells cannot run as formulas, and a reader that goes away ends the
//! command quietly.

use assert_cmd::Command;
use proptest::prelude::*;
use std::io::Write;
use std::process::Stdio;

const NOW: &str = "1760000000";

fn token() -> String {
    format!("EAAGm0PX4ZCps{}", "Zq9".repeat(40))
}

fn scopelens() -> Command {
    let mut cmd = Command::cargo_bin("scopelens").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("WHATSAPP_TOKEN");
    cmd
}

/// Characters a terminal may act on: C0 but newline and tab, DEL, C1, and
/// the bidirectional formatting characters.
fn unsafe_char(c: char) -> bool {
    (c < ' ' && c != '\n' && c != '\t')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_no_control(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Some((at, c)) = text.char_indices().find(|(_, c)| unsafe_char(*c)) {
        panic!(
            "{what}: raw {c:?} at byte {at}: {:?}",
            &text[at.saturating_sub(40)..(at + 40).min(text.len())]
        );
    }
}

const HOSTILE: &[&str] = &[
    "\x1b[2J",
    "\x1b]0;pwned\x07",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\u{9b}32m",
    "\r\x1b[32mVerdict: OK",
    "\x08\x08\x08",
    "\x7f",
    "\u{85}",
    "\u{202e}KO :tcidreV",
    "\u{2066}",
    "\u{200f}",
    "\x00",
    "\x0c",
    "\u{9d}0;x\u{9c}",
];

fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(HOSTILE).prop_map(str::to_string),
            "[a-z #@:/.]{0,8}",
            any::<char>().prop_map(String::from),
        ],
        1..10,
    )
    .prop_map(|p| p.concat())
}

fn webhook_error(message: &str, phone: &str) -> String {
    serde_json::json!({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"phone_number_id": phone},
        "statuses": [{"id": "wamid.1", "status": "failed", "timestamp": "1700000000", "recipient_id": "1",
            "errors": [{"code": 131026, "title": message, "message": message, "error_data": {"details": message}}]}]}}]}]})
    .to_string()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 12,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_payload_control_character_reaches_any_command_output(message in hostile_text()) {
        // An argument cannot hold a NUL byte.
        let argument = message.replace('\0', "\u{1}");
        let graph_error = serde_json::json!({"error": {"message": message, "type": message, "code": 100, "error_user_title": message, "fbtrace_id": message}}).to_string();
        for format in ["text", "markdown", "json"] {
            for input in [&graph_error, &webhook_error(&message, &message), &message] {
                let out = scopelens().args(["diagnose", "--now", NOW, "--format", format]).write_stdin(input.as_str()).output().unwrap();
                assert_no_control(&format!("diagnose {format} stdout"), &out.stdout);
                assert_no_control(&format!("diagnose {format} stderr"), &out.stderr);
            }
        }
        let link = scopelens().args(["share", "--now", NOW, "--base", &format!("https://x.example/{argument}")]).write_stdin(graph_error.as_str()).output().unwrap();
        assert_no_control("share", &link.stdout);
        assert_no_control("share stderr", &link.stderr);
        let link = String::from_utf8_lossy(&link.stdout).trim().to_string();
        for format in ["text", "markdown", "json"] {
            let out = scopelens().args(["open", &link, "--format", format]).output().unwrap();
            assert_no_control("open", &out.stdout);
            assert_no_control("open stderr", &out.stderr);
        }
        let log = format!("{}\n{message}\n", webhook_error(&message, &message));
        for format in ["text", "markdown", "csv", "json"] {
            let out = scopelens().args(["triage", "--by", "phone", "--by", "code", "--format", format]).write_stdin(log.as_str()).output().unwrap();
            assert_no_control(&format!("triage {format}"), &out.stdout);
            assert_no_control("triage stderr", &out.stderr);
        }
        for args in [
            vec!["endpoint".to_string(), format!("GET /v24.0/{argument}/messages")],
            vec!["explain".to_string(), argument.clone()],
            vec!["diagnose".to_string(), format!("/no/such/{argument}")],
            vec!["diagnose".to_string(), "--intent".to_string(), argument.clone()],
            vec!["triage".to_string(), "--by".to_string(), argument.clone()],
            vec!["check".to_string(), "--graph-url".to_string(), format!("http://{argument}")],
            vec![argument.clone()],
        ] {
            let out = scopelens().args(&args).env("WHATSAPP_TOKEN", "EAAx").output().unwrap();
            assert_no_control(&format!("{args:?}"), &out.stdout);
            assert_no_control(&format!("{args:?} stderr"), &out.stderr);
            prop_assert_ne!(out.status.code(), Some(101));
        }
    }
}

#[test]
fn a_forged_verdict_shows_its_escapes_instead_of_running_them() {
    let error = r#"{"error":{"message":"x\u001b[2J\u001b[1;1H\u001b[32mVerdict: OK\u009b0m","type":"OAuthException","code":190}}"#;
    let out = scopelens()
        .args(["diagnose", "--now", NOW])
        .write_stdin(error)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("x\\u001b[2J\\u001b[1;1H\\u001b[32mVerdict: OK\\u009b0m"),
        "{text}"
    );
}

#[test]
fn arguments_are_printed_only_after_redaction() {
    let token = token();
    let piece = &token[..16];
    let cases: Vec<Vec<String>> = vec![
        vec!["endpoint".into(), format!("GET /v19.0/debug_token/{token}")],
        vec![
            "endpoint".into(),
            format!("GET /v19.0/debug_token?input_token={token}"),
            "--format".into(),
            "json".into(),
        ],
        vec![
            "endpoint".into(),
            format!("GET /v19.0/me?access_token={token}"),
            "--format".into(),
            "markdown".into(),
        ],
        vec!["endpoint".into(), format!("FETCH /{token}")],
        vec!["explain".into(), token.clone()],
        vec!["explain".into(), format!("190/{token}")],
        vec!["diagnose".into(), "--intent".into(), token.clone()],
        vec!["diagnose".into(), "--kind".into(), token.clone()],
        vec!["diagnose".into(), "--now".into(), token.clone()],
        vec!["diagnose".into(), token.clone()],
        vec!["diagnose".into(), "-".into(), token.clone()],
        vec!["triage".into(), "--by".into(), token.clone()],
        vec!["triage".into(), format!("/no/such/{token}")],
        vec![
            "share".into(),
            "--base".into(),
            format!("https://x.example/?access_token={token}"),
        ],
        vec![
            "check".into(),
            "--graph-url".into(),
            format!("http://evil.example/{token}"),
        ],
        vec!["check".into(), "--token-env".into(), token.clone()],
        vec![token.clone()],
        vec!["recommend".into(), format!("--need={token}")],
    ];
    for args in cases {
        let out = scopelens()
            .args(&args)
            .write_stdin("{\"error\":{\"code\":190,\"message\":\"x\"}}")
            .output()
            .unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains(piece), "{args:?} printed the token: {all}");
        assert_ne!(out.status.code(), Some(101), "{args:?}");
    }
}

#[test]
fn a_closed_standard_output_ends_the_command_quietly() {
    let big_error = format!(
        r#"{{"error":{{"message":"{}","type":"OAuthException","code":190}}}}"#,
        "long message ".repeat(20_000)
    );
    let log = format!("{}\n", webhook_error("x", "1")).repeat(5000);
    let cases: Vec<(Vec<&str>, &str, i32)> = vec![
        (vec!["diagnose", "--now", NOW], big_error.as_str(), 1),
        (
            vec!["diagnose", "--now", NOW, "--format", "json"],
            big_error.as_str(),
            1,
        ),
        (
            vec!["diagnose", "--now", NOW, "--format", "markdown"],
            big_error.as_str(),
            1,
        ),
        (vec!["explain", "190"], "", 0),
        (vec!["recommend", "--clients"], "", 0),
        (vec!["endpoint", "POST /v24.0/1/messages"], "", 0),
        (vec!["share", "--now", NOW], big_error.as_str(), 0),
        (
            vec!["triage", "--by", "phone", "--format", "json"],
            log.as_str(),
            0,
        ),
        (vec!["--help"], "", 0),
    ];
    for (args, input, status) in cases {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_scopelens"))
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the first byte is written.
        drop(child.stdout.take());
        let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(status), "{args:?}: {stderr}");
    }
}

#[test]
fn a_graph_url_that_only_starts_like_localhost_gets_no_token() {
    for url in [
        "http://localhost.evil.example",
        "http://127.0.0.1.nip.io",
        "http://localhost@evil.example",
        "http://0x7f.1",
    ] {
        let out = scopelens()
            .args(["check", "--graph-url", url])
            .env("WHATSAPP_TOKEN", token())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{url}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("Nothing was sent"), "{url}: {stderr}");
    }
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
    let phones = [
        "=HYPERLINK(\"https://evil.example\",\"click\")",
        "+1-555",
        "-2+3",
        "@SUM(A1)",
        "\tx",
        "\r=1",
        "plain, \"quoted\"",
    ];
    let log: String = phones
        .iter()
        .map(|p| webhook_error("x", p) + "\n")
        .collect();
    let out = scopelens()
        .args(["triage", "--by", "phone", "--format", "csv"])
        .write_stdin(log)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    let mut seen = Vec::new();
    for row in reader.records() {
        let row = row.unwrap();
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
        seen.push(row[0].to_string());
    }
    assert!(
        seen.contains(&"'=HYPERLINK(\"https://evil.example\",\"click\")".to_string()),
        "{seen:?}"
    );
    assert!(seen.contains(&"plain, \"quoted\"".to_string()), "{seen:?}");
    assert!(seen.contains(&"'+1-555".to_string()), "{seen:?}");
}
