//! The npm package's binding: deserialize what JavaScript passes, call scopelens-core, serialize the answer; nothing else lives here.
//!
//! Every answer is the JSON the CLI prints with `--format json`
//! ([`command_output::json_value`]), handed to `JSON.parse`, so a program
//! gets exactly the object a shell script would. Every failure is a thrown
//! `Error` carrying the core's message. The TypeScript types of what goes in
//! and out are generated from the core's types (`tsify-next`, the core's
//! `typescript` feature) and land in the `.d.ts` wasm-bindgen writes.
#![forbid(unsafe_code)]

use scopelens_core::command_output::{self, Explanation, Format, TextScreen, TriageFormat};
use scopelens_core::kb::{self, errors::ErrorLookup, intents::IntentId};
use scopelens_core::share::{self, ShareState};
use scopelens_core::triage::{GroupBy, LogReader, Triage, TriageReport};
use scopelens_core::{secrets, Context, InputKind};
use serde::{Deserialize, Serialize};
use tsify_next::Tsify;
use wasm_bindgen::prelude::*;

/// What a diagnosis is checked against; every field may be left out.
#[derive(Debug, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DiagnoseOptions {
    /// What the integration must do; default: a production integration
    /// (send messages and manage templates).
    /// Read as the CLI reads `--intent`: any case, `-` or space for `_`.
    #[serde(default)]
    #[tsify(optional, type = "IntentId[]")]
    pub intents: Vec<String>,
    /// The WhatsApp Business Account ID being called.
    #[tsify(optional)]
    pub waba: Option<String>,
    /// The app ID the token should belong to.
    #[tsify(optional)]
    pub app_id: Option<String>,
    /// Diagnose as of this time (unix seconds) instead of now.
    #[tsify(optional)]
    pub now: Option<i64>,
    /// Forces the input kind instead of detecting it (read as the CLI reads
    /// `--kind`).
    #[tsify(optional, type = "InputKind")]
    pub kind: Option<String>,
}

/// How triage groups what it counts.
#[derive(Debug, Default, Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct TriageOptions {
    /// What to group by, in order; default: `code`.
    #[serde(default)]
    #[tsify(optional, type = "GroupBy[]")]
    pub by: Vec<String>,
}

/// What a command of `npx scopelens` prints on standard output, and the
/// exit status the Rust CLI gives for it.
#[derive(Debug, Serialize, Tsify)]
pub struct CommandOutput {
    pub stdout: String,
    pub status: u8,
}

fn fail(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

/// The answer as the JSON the CLI prints, parsed into a JavaScript value.
fn to_js(value: &impl Serialize) -> Result<JsValue, JsError> {
    let value = command_output::json_value(value).map_err(fail)?;
    let text = serde_json::to_string(&value).map_err(fail)?;
    js_sys::JSON::parse(&text).map_err(|_| fail("cannot hand the answer to JavaScript"))
}

/// Reads an options object through its JSON form, so that a misspelt
/// option is refused by name rather than silently ignored.
fn from_js<T: for<'de> Deserialize<'de> + Default>(
    value: Option<JsValue>,
    what: &str,
) -> Result<T, JsError> {
    let Some(value) = value.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(T::default());
    };
    let json = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| fail(format!("{what}: not an object that JSON can hold")))?;
    serde_json::from_str(&json).map_err(|e| fail(format!("{what}: {e}")))
}

fn unix_now() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

fn context(options: Option<JsValue>) -> Result<Context, JsError> {
    let options: DiagnoseOptions = from_js(options, "options")?;
    let intents = options
        .intents
        .iter()
        .map(|text| {
            IntentId::parse(text).ok_or_else(|| {
                let known: Vec<&str> = kb::intents::INTENTS.iter().map(|i| i.slug).collect();
                fail(format!(
                    "options: unknown intent `{text}`; use one of: {}",
                    known.join(", ")
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let kind = options
        .kind
        .map(|text| {
            InputKind::parse(&text)
                .filter(|k| *k != InputKind::Unknown)
                .ok_or_else(|| {
                    let known: Vec<&str> = InputKind::RECOGNISED.iter().map(|k| k.id()).collect();
                    fail(format!(
                        "options: unknown kind `{text}`; use one of: {}",
                        known.join(", ")
                    ))
                })
        })
        .transpose()?;
    Ok(Context {
        now: options.now.unwrap_or_else(unix_now),
        intents,
        waba_id: options.waba,
        app_id: options.app_id,
        kind,
    })
}

fn format(name: &str) -> Result<Format, JsError> {
    Format::from_id(name).ok_or_else(|| {
        fail(format!(
            "unknown format `{name}`; use one of: text, json, markdown"
        ))
    })
}

fn rendered(color: bool, write: impl FnOnce(&mut TextScreen)) -> String {
    let mut screen = TextScreen::new(color);
    write(&mut screen);
    screen.into_string()
}

/// Reads `text` (a debug_token or /me/permissions response, a Graph API
/// error, a webhook, curl output, an SDK exception, a token...) and
/// diagnoses it: the `scopelens/diagnosis/v1` object of `scopelens diagnose
/// --format json`.
#[wasm_bindgen(unchecked_return_type = "Diagnosis")]
pub fn diagnose(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "DiagnoseOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    to_js(&scopelens_core::diagnose(text, &context(options)?))
}

fn parse_code(code: JsValue, subcode: Option<u32>) -> Result<(u32, Option<u32>), JsError> {
    let written = match code.as_f64() {
        Some(n) => n.to_string(),
        None => code
            .as_string()
            .ok_or_else(|| fail("the code must be a number or a string such as \"190/463\""))?,
    };
    let (code, parsed_subcode) =
        kb::errors::parse_code(&written).map_err(|e| fail(format!("`{written}`: {e}")))?;
    Ok((code, subcode.or(parsed_subcode)))
}

/// The error catalog's entry for a code (`190`, `"190/463"`, or `190, 463`),
/// or the family of codes it belongs to: what `scopelens explain --format
/// json` prints.
#[wasm_bindgen(unchecked_return_type = "Explanation")]
pub fn explain(
    #[wasm_bindgen(unchecked_param_type = "number | string")] code: JsValue,
    subcode: Option<u32>,
) -> Result<JsValue, JsError> {
    let (code, subcode) = parse_code(code, subcode)?;
    to_js(&Explanation::of(
        code,
        subcode,
        &kb::lookup_error(code, subcode),
    ))
}

/// Which permissions an API call needs (`"POST /v24.0/1234/messages"`): the
/// endpoints whose method and path fit, most specific first.
#[wasm_bindgen(unchecked_return_type = "EndpointMatch")]
pub fn endpoint(request: &str) -> Result<JsValue, JsError> {
    to_js(&kb::match_endpoint(request).map_err(fail)?)
}

/// `text` with tokens, app secrets, credentials and secret-named fields
/// removed, and how many were removed.
#[wasm_bindgen(unchecked_return_type = "Redacted")]
pub fn redact(text: &str) -> Result<JsValue, JsError> {
    to_js(&secrets::redact(text))
}

fn share_state(text: &str, options: Option<JsValue>) -> Result<ShareState, JsError> {
    let ctx = context(options)?;
    Ok(ShareState {
        input: text.to_string(),
        intents: ctx.intents,
        waba_id: ctx.waba_id,
        app_id: ctx.app_id,
        kind: ctx.kind,
        now: Some(ctx.now),
        ..ShareState::default()
    })
}

/// A link to the scopelens page at `base` that reopens this diagnosis, with
/// secrets removed and customers' details masked, in its fragment (never
/// sent to a server): what `scopelens share --base BASE` prints.
#[wasm_bindgen(js_name = shareLink)]
pub fn share_link(
    text: &str,
    base: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "DiagnoseOptions")] options: Option<JsValue>,
) -> Result<String, JsError> {
    let fragment = share::encode_share(&share_state(text, options)?).map_err(fail)?;
    let line = rendered(false, |s| command_output::share_link(s, base, &fragment));
    Ok(line.trim_end_matches('\n').to_string())
}

/// Diagnoses what a share link carries, as of the moment it was made: what
/// `scopelens open --format json` prints.
#[wasm_bindgen(js_name = openLink, unchecked_return_type = "Diagnosis")]
pub fn open_link(link: &str) -> Result<JsValue, JsError> {
    to_js(&open(link)?)
}

fn open(link: &str) -> Result<scopelens_core::Diagnosis, JsError> {
    let state = share::decode_share(link).map_err(fail)?;
    let ctx = Context {
        now: state.now.unwrap_or_else(unix_now),
        intents: state.intents,
        waba_id: state.waba_id,
        app_id: state.app_id,
        kind: state.kind,
    };
    Ok(scopelens_core::diagnose(&state.input, &ctx))
}

/// `scopelens diagnose`: the diagnosis in `format` (`text`, `json` or
/// `markdown`) and the exit status of its verdict.
#[wasm_bindgen(js_name = commandDiagnose, unchecked_return_type = "CommandOutput")]
pub fn command_diagnose(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "DiagnoseOptions")] options: Option<JsValue>,
    format_name: &str,
    color: bool,
) -> Result<JsValue, JsError> {
    let format = format(format_name)?;
    let diagnosis = scopelens_core::diagnose(text, &context(options)?);
    command(
        rendered(color, |s| command_output::diagnosis(s, &diagnosis, format)),
        diagnosis.verdict.exit_code() as u8,
    )
}

/// `scopelens open`.
#[wasm_bindgen(js_name = commandOpen, unchecked_return_type = "CommandOutput")]
pub fn command_open(link: &str, format_name: &str, color: bool) -> Result<JsValue, JsError> {
    let format = format(format_name)?;
    let diagnosis = open(link)?;
    command(
        rendered(color, |s| command_output::diagnosis(s, &diagnosis, format)),
        diagnosis.verdict.exit_code() as u8,
    )
}

/// `scopelens explain`: status 1 for a code the catalog does not have.
#[wasm_bindgen(js_name = commandExplain, unchecked_return_type = "CommandOutput")]
pub fn command_explain(code: &str, format_name: &str, color: bool) -> Result<JsValue, JsError> {
    let format = format(format_name)?;
    let (code, subcode) = parse_code(JsValue::from_str(code), None)?;
    let lookup = kb::lookup_error(code, subcode);
    let known = matches!(lookup, ErrorLookup::Known { .. });
    command(
        rendered(color, |s| {
            command_output::explanation(s, code, subcode, &lookup, format)
        }),
        if known { 0 } else { 1 },
    )
}

/// `scopelens endpoint`: status 1 when nothing matches.
#[wasm_bindgen(js_name = commandEndpoint, unchecked_return_type = "CommandOutput")]
pub fn command_endpoint(request: &str, format_name: &str, color: bool) -> Result<JsValue, JsError> {
    let format = format(format_name)?;
    let found = kb::match_endpoint(request).map_err(fail)?;
    command(
        rendered(color, |s| command_output::endpoint(s, &found, format)),
        if found.candidates.is_empty() { 1 } else { 0 },
    )
}

fn command(stdout: String, status: u8) -> Result<JsValue, JsError> {
    let output = CommandOutput { stdout, status };
    let text = serde_json::to_string(&output).map_err(fail)?;
    js_sys::JSON::parse(&text).map_err(|_| fail("cannot hand the output to JavaScript"))
}

/// Counts and groups the errors in a log fed to it in chunks of any size
/// (JSON Lines, JSON arrays, pretty-printed webhook dumps, text logs with
/// JSON on their lines; plain text, not gzip), with memory that stays flat
/// whatever the log's size. The package's `triage()` feeds it from a stream
/// or an async iterable.
#[wasm_bindgen]
pub struct LogTriage {
    triage: Triage,
    reader: Option<LogReader>,
    report: Option<TriageReport>,
}

#[wasm_bindgen]
impl LogTriage {
    /// `options.by`: what to group by; default: `code`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "TriageOptions")] options: Option<JsValue>,
    ) -> Result<LogTriage, JsError> {
        let options: TriageOptions = from_js(options, "options")?;
        let by = options
            .by
            .iter()
            .map(|name| {
                GroupBy::parse(name).ok_or_else(|| {
                    let known: Vec<&str> = GroupBy::ALL.iter().map(|g| g.id()).collect();
                    fail(format!(
                        "options: unknown grouping `{name}`; use one of: {}",
                        known.join(", ")
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let triage = Triage::new(&by);
        Ok(LogTriage {
            reader: Some(LogReader::new(&triage.by())),
            triage,
            report: None,
        })
    }

    /// Reads the next chunk of the current input (bytes or text).
    pub fn push(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] chunk: JsValue,
    ) -> Result<(), JsError> {
        let reader = self
            .reader
            .as_mut()
            .ok_or_else(|| fail("this triage is finished; start a new LogTriage"))?;
        match chunk.as_string() {
            Some(text) => reader.push(text.as_bytes()),
            None if chunk.is_instance_of::<js_sys::Uint8Array>() => {
                reader.push(&js_sys::Uint8Array::from(chunk).to_vec())
            }
            None => return Err(fail("a chunk must be a Uint8Array or a string")),
        }
        Ok(())
    }

    /// Ends the current input (a file), so the next chunk starts a new one
    /// with its own line numbers.
    #[wasm_bindgen(js_name = endInput)]
    pub fn end_input(&mut self) -> Result<(), JsError> {
        let reader = self
            .reader
            .take()
            .ok_or_else(|| fail("this triage is finished; start a new LogTriage"))?;
        self.triage.merge(reader.finish(), 0);
        self.reader = Some(LogReader::new(&self.triage.by()));
        Ok(())
    }

    /// Ends the input and returns the `scopelens/triage/v1` report, as
    /// `scopelens triage --format json` prints it.
    #[wasm_bindgen(unchecked_return_type = "TriageReport")]
    pub fn finish(&mut self) -> Result<JsValue, JsError> {
        if let Some(reader) = self.reader.take() {
            self.triage.merge(reader.finish(), 0);
            self.report = Some(self.triage.report());
        }
        let report = self.report.as_ref().ok_or_else(|| fail("no report"))?;
        to_js(report)
    }

    /// The finished report in `format` (`text`, `json`, `markdown` or
    /// `csv`), as `scopelens triage` prints it.
    pub fn render(&self, format_name: &str, color: bool) -> Result<String, JsError> {
        let format = TriageFormat::from_id(format_name).ok_or_else(|| {
            fail(format!(
                "unknown format `{format_name}`; use one of: text, json, markdown, csv"
            ))
        })?;
        let report = self.finished()?;
        Ok(rendered(color, |s| {
            command_output::triage_report(s, report, format)
        }))
    }

    /// The summary `scopelens triage` writes to standard error.
    pub fn summary(&self, bytes: f64, seconds: f64, inputs: u32) -> Result<String, JsError> {
        let report = self.finished()?;
        Ok(rendered(false, |s| {
            command_output::triage_summary(s, report, bytes as u64, seconds, inputs as usize)
        }))
    }

    fn finished(&self) -> Result<&TriageReport, JsError> {
        self.report
            .as_ref()
            .ok_or_else(|| fail("call finish() before asking for the report"))
    }
}
