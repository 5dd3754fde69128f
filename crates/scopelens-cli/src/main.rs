//! `scopelens`: the command line on scopelens-core, for support desks and for
//! deployments that check their token before they start.
//!
//! Exit status: 0 when the verdict is `ok` or `warning`, 1 for
//! `action_required`, 2 for `invalid_input` and usage errors.

mod check;
mod output;
mod terminal;
mod triage;

use clap::{Args, Parser, Subcommand, ValueEnum};
use output::{Format, Printer};
use scopelens_core::kb::access::{Accounts, Answers, AppMode};
use scopelens_core::kb::intents::IntentId;
use scopelens_core::kb::{self, errors::ErrorLookup};
use scopelens_core::share::{self, ShareState, SharedView};
use scopelens_core::{diagnose, Context, InputKind};
use std::io::Read;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

/// Default base for share links; override with --base.
const DEFAULT_SHARE_BASE: &str = "http://127.0.0.1:8080/";

#[derive(Parser)]
#[command(
    name = "scopelens",
    version,
    about = "Diagnose Meta Graph API and WhatsApp Business Platform token, permission and error problems."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Diagnose a pasted payload: debug_token, /me/permissions, a Graph error, a webhook, curl output, a token.
    Diagnose {
        /// File to read, or `-` (the default) for standard input.
        #[arg(default_value = "-")]
        file: String,
        #[command(flatten)]
        context: ContextArgs,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Explain an error code: `190`, `190/463`, `100/2388019`.
    Explain {
        code: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Which permission an API call needs: `"POST /v24.0/1234/messages"`.
    Endpoint {
        request: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Recommend an access path: role, access level, App Review, token type, steps.
    Recommend {
        /// The app works on other businesses' WhatsApp accounts.
        #[arg(long)]
        clients: bool,
        /// Clients are onboarded with Embedded Signup.
        #[arg(long)]
        embedded_signup: bool,
        /// You share your credit line with clients (Solution Partner).
        #[arg(long)]
        credit_line: bool,
        /// What the app must do (repeatable); default: send messages and manage templates.
        #[arg(long = "need", value_parser = parse_intent)]
        needs: Vec<IntentId>,
        #[arg(long, value_enum, default_value_t = ModeArg::Live)]
        mode: ModeArg,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print a share link for a payload (secrets removed).
    Share {
        #[arg(default_value = "-")]
        file: String,
        #[command(flatten)]
        context: ContextArgs,
        /// Base URL of the scopelens page.
        #[arg(long, default_value = DEFAULT_SHARE_BASE)]
        base: String,
    },
    /// Ask the Graph API itself (read-only): debug_token, permissions, each WABA, its numbers and webhook subscription.
    /// The token is read from an environment variable or standard input, never from an argument.
    Check {
        /// Environment variable holding the token to check.
        #[arg(long, default_value = "WHATSAPP_TOKEN")]
        token_env: String,
        /// Environment variable holding an app token (APP_ID|APP_SECRET) for debug_token.
        #[arg(long)]
        app_token_env: Option<String>,
        #[command(flatten)]
        context: ContextArgs,
        /// The Graph API address (a local server for tests).
        #[arg(long, default_value = scopelens_core::live::GRAPH_URL)]
        graph_url: String,
        #[arg(long, default_value = scopelens_core::live::DEFAULT_VERSION)]
        api_version: String,
        /// Seconds to wait for each call.
        #[arg(long, default_value_t = 10)]
        timeout: u64,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Count and group the errors in logs: JSON Lines, JSON arrays, webhook dumps, text logs; plain or gzip.
    Triage {
        /// Files to read; `-` (the default) for standard input.
        #[arg(default_value = "-")]
        files: Vec<String>,
        /// Group by (repeatable): code, category, phone, waba, hour, day. Default: code.
        #[arg(long = "by", value_parser = parse_group_by)]
        by: Vec<scopelens_core::triage::GroupBy>,
        #[arg(long, value_enum, default_value_t = triage::Format::Text)]
        format: triage::Format,
        /// Threads for large files (default: all cores).
        #[arg(long)]
        jobs: Option<usize>,
    },
    /// Diagnose what a share link carries.
    Open {
        link: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Args)]
struct ContextArgs {
    /// What you want to do (repeatable; default: a production integration).
    #[arg(long = "intent", value_parser = IntentParser)]
    intents: Vec<IntentId>,
    /// The WhatsApp Business Account ID being called.
    #[arg(long)]
    waba: Option<String>,
    /// The app ID the token should belong to.
    #[arg(long)]
    app_id: Option<String>,
    /// Diagnose as of this time (unix seconds) instead of now.
    #[arg(long)]
    now: Option<i64>,
    /// Force the input kind instead of detecting it.
    #[arg(long, value_parser = parse_kind)]
    kind: Option<InputKind>,
}

impl ContextArgs {
    fn context(&self) -> Context {
        Context {
            now: self.now.unwrap_or_else(unix_now),
            intents: self.intents.clone(),
            waba_id: self.waba.clone(),
            app_id: self.app_id.clone(),
            kind: self.kind,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ModeArg {
    Development,
    Live,
}

fn parse_intent(text: &str) -> Result<IntentId, String> {
    IntentId::parse(text).ok_or_else(|| {
        let known: Vec<&str> = kb::intents::INTENTS.iter().map(|i| i.slug).collect();
        format!("unknown intent `{text}`; use one of: {}", known.join(", "))
    })
}

/// Reads `--intent` with [`parse_intent`], and lists the knowledge base's
/// intents as the possible values `--help` shows.
#[derive(Clone)]
struct IntentParser;

impl clap::builder::TypedValueParser for IntentParser {
    type Value = IntentId;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<IntentId, clap::Error> {
        parse_intent.parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(kb::intents::INTENTS.iter().map(|i| {
            clap::builder::PossibleValue::new(i.slug).help(i.title)
        })))
    }
}

fn parse_kind(text: &str) -> Result<InputKind, String> {
    InputKind::parse(text)
        .filter(|k| *k != InputKind::Unknown)
        .ok_or_else(|| {
            let known: Vec<&str> = InputKind::RECOGNISED.iter().map(|k| k.id()).collect();
            format!("unknown kind `{text}`; use one of: {}", known.join(", "))
        })
}

fn parse_group_by(text: &str) -> Result<scopelens_core::triage::GroupBy, String> {
    scopelens_core::triage::GroupBy::parse(text).ok_or_else(|| {
        let known: Vec<&str> = scopelens_core::triage::GroupBy::ALL
            .iter()
            .map(|g| g.id())
            .collect();
        format!(
            "unknown grouping `{text}`; use one of: {}",
            known.join(", ")
        )
    })
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A failure before any diagnosis: reported on stderr with exit status 2.
pub(crate) struct UsageError(String);

fn read_input(file: &str) -> Result<String, UsageError> {
    let mut bytes = Vec::new();
    let limit = scopelens_core::input::MAX_INPUT_BYTES as u64 + 1;
    let result = if file == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(file).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    result.map_err(|e| {
        UsageError(format!(
            "cannot read {}: {e}",
            if file == "-" { "standard input" } else { file }
        ))
    })?;
    // Invalid UTF-8 is replaced rather than refused: a stray byte in a log should not block a diagnosis.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn run(cli: Cli) -> Result<u8, UsageError> {
    let printer = Printer::stdout();
    match cli.command {
        Command::Diagnose {
            file,
            context,
            format,
        } => {
            let text = read_input(&file)?;
            let diagnosis = diagnose(&text, &context.context());
            printer.diagnosis(&diagnosis, format);
            Ok(diagnosis.verdict.exit_code() as u8)
        }
        Command::Explain { code, format } => {
            let (code, subcode) =
                kb::errors::parse_code(&code).map_err(|e| UsageError(format!("`{code}`: {e}")))?;
            let lookup = kb::lookup_error(code, subcode);
            printer.explanation(code, subcode, &lookup, format);
            Ok(if matches!(lookup, ErrorLookup::Known { .. }) {
                0
            } else {
                1
            })
        }
        Command::Endpoint { request, format } => {
            let found = kb::match_endpoint(&request).map_err(|e| UsageError(e.to_string()))?;
            printer.endpoint(&found, format);
            Ok(if found.candidates.is_empty() { 1 } else { 0 })
        }
        Command::Recommend {
            clients,
            embedded_signup,
            credit_line,
            needs,
            mode,
            format,
        } => {
            let answers = Answers {
                accounts: if clients {
                    Accounts::Clients
                } else {
                    Accounts::Own
                },
                embedded_signup,
                shares_credit_line: credit_line,
                needs,
                mode: match mode {
                    ModeArg::Development => AppMode::Development,
                    ModeArg::Live => AppMode::Live,
                },
            };
            printer.plan(&kb::recommend(&answers), format);
            Ok(0)
        }
        Command::Share {
            file,
            context,
            base,
        } => {
            let text = read_input(&file)?;
            let ctx = context.context();
            let state = ShareState {
                input: text,
                intents: ctx.intents,
                waba_id: ctx.waba_id,
                app_id: ctx.app_id,
                kind: ctx.kind,
                now: Some(ctx.now),
                view: None,
            };
            let fragment = share::encode_share(&state).map_err(|e| UsageError(e.to_string()))?;
            // The base is the user's (redacted like all output); the fragment was redacted when made.
            scopelens_core::command_output::share_link(
                &mut terminal::Screen::stdout(),
                &base,
                &fragment,
            );
            Ok(0)
        }
        Command::Check {
            token_env,
            app_token_env,
            context,
            graph_url,
            api_version,
            timeout,
            format,
        } => check::run(check::Options {
            token_env,
            app_token_env,
            context: context.context(),
            graph_url,
            version: api_version,
            timeout: std::time::Duration::from_secs(timeout.max(1)),
            format,
        }),
        Command::Triage {
            files,
            by,
            format,
            jobs,
        } => {
            let jobs = jobs
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
                .max(1);
            triage::run(triage::Options {
                files,
                by,
                format,
                jobs,
            })
        }
        Command::Open { link, format } => {
            let state = share::decode_share(&link).map_err(|e| UsageError(e.to_string()))?;
            if let Some(view) = state.view.as_ref().filter(|v| **v != SharedView::Diagnose) {
                terminal::Screen::stderr()
                    .text(&format!(
                        "This link opens the app's `{}` view, which the command line does not show: open it in a browser. Diagnosing what it carries:\n",
                        view.kind().id()
                    ))
                    .flush();
            }
            let ctx = Context {
                now: state.now.unwrap_or_else(unix_now),
                intents: state.intents,
                waba_id: state.waba_id,
                app_id: state.app_id,
                kind: state.kind,
            };
            let diagnosis = diagnose(&state.input, &ctx);
            printer.diagnosis(&diagnosis, format);
            Ok(diagnosis.verdict.exit_code() as u8)
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap quotes the offending argument, which may be a token: its
            // message goes out through the same screen as everything else.
            let text = err.render().to_string();
            let mut screen = if err.use_stderr() {
                terminal::Screen::stderr()
            } else {
                terminal::Screen::stdout()
            };
            screen.text(&text).flush();
            return ExitCode::from(err.exit_code().clamp(0, 255) as u8);
        }
    };
    match run(cli) {
        Ok(status) => ExitCode::from(status),
        Err(UsageError(message)) => {
            terminal::complain!("{message}");
            ExitCode::from(2)
        }
    }
}
