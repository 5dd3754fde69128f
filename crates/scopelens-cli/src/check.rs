//! `scopelens check`: the live check from a deployment or a desk. Makes the
//! core's read-only Graph API calls with a native HTTP client and prints the
//! same diagnosis as `diagnose`. The token comes from the environment or
//! standard input, never from an argument, and is never printed.

use crate::output::{Format, Printer};
use crate::terminal::{self, Screen};
use crate::UsageError;
use scopelens_core::live::{self, Call, LiveCheck, LiveReport, Outcome};
use scopelens_core::{render, secrets, Context};
use std::io::{IsTerminal, Read};
use std::time::Duration;

pub struct Options {
    pub token_env: String,
    pub app_token_env: Option<String>,
    pub context: Context,
    pub graph_url: String,
    pub version: String,
    pub timeout: Duration,
    pub format: Format,
}

/// Reads the token: the named variable, else the first line of standard
/// input when piped. Either is cleaned by the core's rule
/// ([`live::clean_token`]); its error says what to paste.
fn read_token(env: &str) -> Result<String, UsageError> {
    if let Some(text) = std::env::var(env).ok().filter(|t| !t.trim().is_empty()) {
        return live::clean_token(&text).map_err(|why| UsageError(format!("{env}: {why}")));
    }
    if std::io::stdin().is_terminal() {
        return Err(UsageError(format!(
            "no token: set {env} (or choose another variable with --token-env), or pipe the token on standard input. Tokens are never taken as arguments, which other users can see."
        )));
    }
    let mut text = String::new();
    std::io::stdin()
        .take(64 * 1024)
        .read_to_string(&mut text)
        .map_err(|e| UsageError(format!("cannot read the token from standard input: {e}")))?;
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim().is_empty() {
        return Err(UsageError(format!(
            "no token: standard input was empty and {env} is not set."
        )));
    }
    live::clean_token(first_line).map_err(|why| UsageError(format!("standard input: {why}")))
}

fn read_app_token(env: &str) -> Result<String, UsageError> {
    let text = std::env::var(env)
        .map_err(|_| UsageError(format!("{env} is not set (given with --app-token-env)")))?;
    live::clean_token(&text).map_err(|why| UsageError(format!("{env}: {why}")))
}

pub fn run(opts: Options) -> Result<u8, UsageError> {
    let token = read_token(&opts.token_env)?;
    let app_token = opts
        .app_token_env
        .as_deref()
        .map(read_app_token)
        .transpose()?;
    let version = live::check_version(&opts.version)
        .map_err(|why| UsageError(format!("--api-version: {why}")))?;
    let base = live::graph_address(&opts.graph_url)
        .map_err(|why| UsageError(format!("--graph-url: {why}")))?
        .base;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .build()
        .into();
    let mut check = LiveCheck::new(opts.context.clone());
    let mut queue: Vec<Call> = check.start();
    let mut made = 0;
    while let Some(call) = (!queue.is_empty()).then(|| queue.remove(0)) {
        made += 1;
        if made > live::MAX_CALLS {
            break;
        }
        // The access token goes in the Authorization header, not the address.
        let url = live::request_url(&base, &version, &call, &token, None);
        let bearer = live::authorizing_token(&call, &token, app_token.as_deref());
        let outcome = send(&agent, &url, bearer, opts.timeout);
        queue.extend(check.record(&call, outcome));
    }
    let report = check.report();
    print(&report, opts.format);
    Ok(report.diagnosis.verdict.exit_code() as u8)
}

fn send(agent: &ureq::Agent, url: &str, bearer: &str, timeout: Duration) -> Outcome {
    let result = agent
        .get(url)
        .header("Authorization", &format!("Bearer {bearer}"))
        .call();
    match result {
        Ok(mut response) => {
            let status = response.status().as_u16();
            match response
                .body_mut()
                .with_config()
                .limit(10 * 1024 * 1024)
                .read_to_string()
            {
                Ok(body) => Outcome::Http { status, body },
                Err(e) => Outcome::Failed {
                    reason: clean(&format!("the answer could not be read ({e})")),
                },
            }
        }
        Err(ureq::Error::Timeout(_)) => Outcome::Failed {
            reason: format!("no answer within {} s", timeout.as_secs()),
        },
        Err(e) => Outcome::Failed {
            reason: clean(&e.to_string()),
        },
    }
}

/// Error texts can quote the URL, which carries input_token: never show it.
fn clean(text: &str) -> String {
    secrets::redact(text).text
}

fn print(report: &LiveReport, format: Format) {
    let printer = Printer::stdout();
    match format {
        Format::Json => terminal::json(report),
        Format::Text | Format::Markdown => {
            let md = matches!(format, Format::Markdown);
            let mut s = Screen::stdout();
            s.say(if md { "### Calls made" } else { "Calls made:" });
            for c in &report.calls {
                let status = c
                    .status
                    .map_or("no answer".to_string(), |s| format!("HTTP {s}"));
                if md {
                    s.say(&format!(
                        "- {} {status} {}",
                        render::markdown_code(&c.request),
                        render::markdown_text(&c.note)
                    ));
                } else {
                    s.say(&format!("  {:<40} {:<10} {}", c.request, status, c.note));
                }
            }
            s.blank();
            printer.diagnosis(&report.diagnosis, format);
        }
    }
}
