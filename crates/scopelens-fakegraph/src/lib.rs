//! scopelens-fakegraph: a small HTTP/1.1 server on 127.0.0.1 that answers like
//! the Graph API for the live check's calls, with CORS headers so the browser
//! can call it too. The token chooses the scenario: `EAA<scenario>XXXX…`.
//!
//! Scenarios: `good` (system user, both permissions, WABA 102290129340398
//! reachable, number registered, app subscribed), `expired` (190/463),
//! `noscope` (no whatsapp_business_messaging), `user` (a user token with a
//! declined permission), `unreach` (WABA 100/33), `unsub` (another app
//! subscribed), `unregistered` (number not registered), `slow` (answers after
//! 30 s), `garbage` (HTTP 500 with a non-JSON body).
//!
//! Every request line is recorded (`GET /__requests` returns them) so tests
//! can check where a token was sent.

use serde_json::json;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const APP_ID: &str = "634974688087057";
pub const WABA_OK: &str = "102290129340398";
pub const WABA_UNREACHABLE: &str = "109999999999999";
pub const WABA_UNSUBSCRIBED: &str = "104996122399160";
pub const WABA_UNREGISTERED: &str = "108888888888888";

/// A token for a scenario, shaped like a real one.
pub fn token(scenario: &str) -> String {
    format!("EAA{scenario}{}", "Z9x".repeat(40))
}

pub struct FakeGraph {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<String>>>,
}

impl FakeGraph {
    /// Starts on a free port; the server runs until the process ends.
    pub fn start() -> std::io::Result<FakeGraph> {
        FakeGraph::bind("127.0.0.1:0")
    }

    pub fn bind(addr: &str) -> std::io::Result<FakeGraph> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = log.clone();
                std::thread::spawn(move || {
                    let _ = handle(stream, &log);
                });
            }
        });
        Ok(FakeGraph { addr, requests })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Request lines and Authorization headers seen so far.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

fn handle(mut stream: TcpStream, log: &Mutex<Vec<String>>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut auth = None;
    let mut content_length = 0usize;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "authorization" => auth = Some(value.trim().to_string()),
                "content-length" => content_length = value.trim().parse().unwrap_or(0),
                _ => {}
            }
        }
    }
    let mut body = vec![0; content_length.min(1 << 20)];
    reader.read_exact(&mut body)?;
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("/").to_string();
    if let Ok(mut log) = log.lock() {
        log.push(format!(
            "{method} {target} auth={}",
            auth.clone().unwrap_or_default()
        ));
    }
    if method == "OPTIONS" {
        return respond(&mut stream, 204, "");
    }
    if target == "/__requests" {
        let all = log.lock().map(|l| l.clone()).unwrap_or_default();
        return respond(&mut stream, 200, &json!(all).to_string());
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let param = |name: &str| {
        query.split('&').find_map(|kv| {
            kv.split_once('=')
                .filter(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    };
    let access = auth
        .as_deref()
        .and_then(|a| a.strip_prefix("Bearer "))
        .map(str::to_string)
        .or_else(|| param("access_token"));
    let Some(access) = access else {
        return respond(
            &mut stream,
            400,
            &graph_error(
                104,
                None,
                "An access token is required to request this resource.",
            ),
        );
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).skip(1).collect();
    let scenario_of = |t: &str| {
        t.strip_prefix("EAA")
            .map(|r| {
                r.chars()
                    .take_while(char::is_ascii_lowercase)
                    .collect::<String>()
            })
            .unwrap_or_default()
    };
    let scenario = match segments.as_slice() {
        ["debug_token"] => scenario_of(&param("input_token").unwrap_or_default()),
        _ => scenario_of(&access),
    };
    if scenario == "slow" {
        std::thread::sleep(Duration::from_secs(30));
    }
    if scenario == "garbage" {
        return respond(&mut stream, 500, "<html>upstream exploded</html>");
    }
    let (status, body) = answer(&scenario, &segments);
    respond(&mut stream, status, &body)
}

fn answer(scenario: &str, segments: &[&str]) -> (u16, String) {
    match segments {
        ["debug_token"] => (200, debug_token(scenario)),
        ["me", "permissions"] => (
            200,
            json!({"data": [
                {"permission": "whatsapp_business_management", "status": "granted"},
                {"permission": "whatsapp_business_messaging", "status": "declined"},
                {"permission": "public_profile", "status": "granted"}]})
            .to_string(),
        ),
        [waba] if *waba == WABA_UNREACHABLE => (400, graph_error(100, Some(33), "Unsupported get request. Object with ID '109999999999999' does not exist, cannot be loaded due to missing permissions, or does not support this operation.")),
        [_, _] | [_] if scenario == "unreach" => (400, graph_error(100, Some(33), "Unsupported get request.")),
        [waba] => (200, json!({"id": waba, "name": "Lucky Shrub"}).to_string()),
        [_, "phone_numbers"] => {
            let platform = if scenario == "unregistered" { "NOT_APPLICABLE" } else { "CLOUD_API" };
            (
                200,
                json!({"data": [{"id": "106540352242922", "display_phone_number": "+1 555-078-3881", "verified_name": "Lucky Shrub",
                    "quality_rating": "GREEN", "name_status": "APPROVED", "code_verification_status": "VERIFIED",
                    "platform_type": platform, "throughput": {"level": "STANDARD"}, "messaging_limit_tier": "TIER_1K"}]})
                .to_string(),
            )
        }
        [_, "subscribed_apps"] => {
            let app = if scenario == "unsub" { "111111111111111" } else { APP_ID };
            (200, json!({"data": [{"whatsapp_business_api_data": {"id": app, "name": "Some app"}}]}).to_string())
        }
        _ => (400, graph_error(100, None, "Unknown path components")),
    }
}

fn debug_token(scenario: &str) -> String {
    let waba = match scenario {
        "unreach" => WABA_UNREACHABLE,
        "unsub" => WABA_UNSUBSCRIBED,
        "unregistered" => WABA_UNREGISTERED,
        _ => WABA_OK,
    };
    let both = json!([
        "whatsapp_business_management",
        "whatsapp_business_messaging"
    ]);
    let data = match scenario {
        "expired" => {
            json!({"app_id": APP_ID, "type": "USER", "application": "Lucky Shrub", "is_valid": false,
            "error": {"code": 190, "subcode": 463, "message": "Error validating access token: Session has expired on Friday, 10-Oct-25 10:00:00 PDT."},
            "expires_at": 1_760_115_600, "issued_at": 1_760_108_400, "scopes": both, "user_id": "10222270944537964"})
        }
        "noscope" => {
            json!({"app_id": APP_ID, "type": "SYSTEM_USER", "application": "Lucky Shrub", "is_valid": true,
            "expires_at": 0, "data_access_expires_at": 0, "issued_at": 1_712_099_387,
            "scopes": ["whatsapp_business_management"], "granular_scopes": [{"scope": "whatsapp_business_management", "target_ids": [waba]}],
            "user_id": "104169029247128"})
        }
        "user" => {
            json!({"app_id": APP_ID, "type": "USER", "application": "Lucky Shrub", "is_valid": true,
            "expires_at": 1_765_000_000, "data_access_expires_at": 1_767_000_000, "issued_at": 1_759_816_000,
            "scopes": ["whatsapp_business_management", "public_profile"], "user_id": "10222270944537964"})
        }
        _ => {
            json!({"app_id": APP_ID, "type": "SYSTEM_USER", "application": "Lucky Shrub", "is_valid": true,
            "expires_at": 0, "data_access_expires_at": 0, "issued_at": 1_712_099_387, "scopes": both,
            "granular_scopes": [{"scope": "whatsapp_business_management", "target_ids": [waba]}, {"scope": "whatsapp_business_messaging", "target_ids": [waba]}],
            "user_id": "104169029247128"})
        }
    };
    json!({"data": data}).to_string()
}

fn graph_error(code: u32, subcode: Option<u32>, message: &str) -> String {
    let mut error = json!({"message": message, "type": if subcode == Some(33) { "GraphMethodException" } else { "OAuthException" }, "code": code, "fbtrace_id": "AfakeTrace123"});
    if let Some(sub) = subcode {
        error["error_subcode"] = json!(sub);
    }
    json!({"error": error}).to_string()
}

fn respond(stream: &mut TcpStream, status: u16, body: &str) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        _ => "Internal Server Error",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json; charset=UTF-8\r\ncontent-length: {}\r\naccess-control-allow-origin: *\r\naccess-control-allow-headers: authorization, content-type\r\naccess-control-allow-methods: GET, OPTIONS\r\nconnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    stream.flush()
}
