//! The CLI's contract: exit statuses, the three formats, share links that
//! round-trip without secrets, and clear usage errors.

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use std::process::Output;

const NOW: &str = "1760000000";
const SYSTEM_USER_OK: &str = r#"{"data":{"app_id":"634974688087057","type":"SYSTEM_USER","application":"Lucky Shrub","data_access_expires_at":0,"expires_at":0,"is_valid":true,"issued_at":1712099387,"scopes":["whatsapp_business_management","whatsapp_business_messaging"],"granular_scopes":[{"scope":"whatsapp_business_management"},{"scope":"whatsapp_business_messaging"}],"user_id":"104169029247128"}}"#;
const ERROR_190: &str = r#"{"error":{"message":"Error validating access token: Session has expired","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"AbCdEf123"}}"#;

fn scopelens(args: &[&str], stdin: &str) -> Output {
    cargo_bin_cmd!("scopelens")
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn exit_status_follows_verdict() {
    assert_eq!(
        scopelens(&["diagnose", "--now", NOW], SYSTEM_USER_OK)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        scopelens(&["diagnose", "--now", NOW], ERROR_190)
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        scopelens(&["diagnose", "--now", NOW], "no payload here")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        scopelens(&["diagnose", "--intent", "fly"], "")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        scopelens(&["diagnose", "/no/such/file"], "").status.code(),
        Some(2)
    );
}

#[test]
fn json_follows_the_contract() {
    let out = scopelens(&["diagnose", "--now", NOW, "--format", "json"], ERROR_190);
    let d: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(d["schema"], "scopelens/diagnosis/v1");
    assert_eq!(d["input"]["kind"], "graph_error");
    assert_eq!(d["verdict"], "action_required");
    let first = &d["findings"][0];
    for key in ["id", "severity", "title", "explanation", "fix", "sources"] {
        assert!(!first[key].is_null(), "finding lacks {key}");
    }
    assert_eq!(first["code"], 190);
    assert_eq!(first["subcode"], 463);
}

#[test]
fn text_is_plain_when_piped_and_markdown_is_ticket_ready() {
    let text = stdout(&scopelens(&["diagnose", "--now", NOW], ERROR_190));
    assert!(text.contains("Verdict:"));
    assert!(!text.contains('\x1b'), "no colour codes when piped");
    let md = stdout(&scopelens(
        &["diagnose", "--now", NOW, "--format", "markdown"],
        ERROR_190,
    ));
    assert!(md.starts_with("## scopelens diagnosis"));
    assert!(md.contains("AbCdEf123"));
}

#[test]
fn explain_known_and_unknown_codes() {
    let out = scopelens(&["explain", "190/463"], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("190/463"));
    let out = scopelens(&["explain", "131999", "--format", "json"], "");
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["known"], false);
    assert_eq!(scopelens(&["explain", "abc"], "").status.code(), Some(2));
}

#[test]
fn endpoint_names_the_permission() {
    let out = scopelens(&["endpoint", "POST /v24.0/1234567890/messages"], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("whatsapp_business_messaging"));
    assert_eq!(
        scopelens(&["endpoint", "FLY /x"], "").status.code(),
        Some(2)
    );
}

#[test]
fn recommend_answers_as_flags() {
    let own = stdout(&scopelens(&["recommend"], ""));
    assert!(own.contains("Direct Developer"));
    assert!(own.contains("App Review: not needed"));
    let out = scopelens(
        &[
            "recommend",
            "--clients",
            "--embedded-signup",
            "--format",
            "json",
        ],
        "",
    );
    let plan: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(plan["app_review"], true);
    assert_eq!(plan["access_level"], "advanced");
}

#[test]
fn share_then_open_reproduces_the_diagnosis_without_the_token() {
    let token = format!("EAAGm0PX4ZCps{}", "Zq9".repeat(50));
    let input = format!(
        "curl -H 'Authorization: Bearer {token}' https://graph.facebook.com/v24.0/me\n{ERROR_190}"
    );
    let link = stdout(&scopelens(
        &["share", "--now", NOW, "--base", "https://example.test/"],
        &input,
    ));
    assert!(link.starts_with("https://example.test/#v2="));
    assert!(!link.contains(&token[..20]));
    let opened = scopelens(&["open", link.trim(), "--format", "json"], "");
    assert_eq!(opened.status.code(), Some(1));
    let d: Value = serde_json::from_str(&stdout(&opened)).unwrap();
    assert_eq!(d["input"]["kind"], "graph_error");
    assert_eq!(d["now"], 1760000000);
    assert!(!stdout(&opened).contains(&token[..20]));
    let broken = scopelens(&["open", &link.trim()[..link.trim().len() - 8]], "");
    assert_eq!(broken.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("damaged"));
}

#[test]
fn opening_a_link_to_a_tool_view_says_which_view_and_diagnoses_what_it_carries() {
    use scopelens_core::share::{encode_share, ShareState, SharedView};
    let state = ShareState {
        input: ERROR_190.into(),
        view: Some(SharedView::Endpoint("GET /me/accounts".into())),
        ..ShareState::default()
    };
    let link = format!("https://example.test/#{}", encode_share(&state).unwrap());
    let opened = scopelens(&["open", &link, "--format", "json"], "");
    let said = String::from_utf8_lossy(&opened.stderr);
    assert!(said.contains("`endpoint` view"), "{said}");
    let d: Value = serde_json::from_str(&stdout(&opened)).unwrap();
    assert_eq!(d["input"]["kind"], "graph_error");
}

#[test]
fn a_bare_token_is_never_echoed() {
    let token = format!("EAAGm0PX4ZCps{}", "Zq9".repeat(50));
    for format in ["text", "json", "markdown"] {
        let out = scopelens(&["diagnose", "--now", NOW, "--format", format], &token);
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert!(
            !stdout(&out).contains(&token[..20]),
            "{format} echoed the token"
        );
    }
}
