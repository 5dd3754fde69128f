//! A Graph error printed in the notations other languages and tools use
//! is read as the error it prints, for every code the catalog has, with the
//! text people put around it: Python's `pprint` (long strings split over
//! lines), Rust's `Debug` (`Some(…)`), Elixir maps (`%{"code" => 190}`),
//! `NSDictionary` descriptions (`code = 190;`), records whose keys are
//! paths (`"error.code": 190`, as log platforms flatten JSON), JSON whose
//! quotes are `\u0022` escapes, and an array's members listed without
//! their brackets (`"code" => 190`, as Laravel's `dd` prints them), and a
//! body an HTTP client cut short with its marker (Guzzle's
//! `(truncated...)`, with the rest of the log line after it), and the
//! rows of a two-column table (Markdown, Postman's tab-separated view, a
//! log viewer's aligned path columns), a Windows PowerShell error record
//! whose body the console cut at its width (and PowerShell 7's record and
//! `ConvertTo-Json` output), logfmt log lines (plain and dotted keys),
//! YAML (plain, quoted and block-scalar messages), XML (with and without a
//! declaration and namespaces, entities in the text) and Clojure EDN. A
//! token or app secret planted in any of them reaches neither the Markdown
//! nor a share link. An error code after a translated "error code" is read
//! in each language Meta localises its messages into.

use proptest::prelude::*;
use scopelens_core::input::{self, text::read_error, Form};
use scopelens_core::kb::errors::CATALOG;
use scopelens_core::model::Payload;
use scopelens_core::render::to_markdown;
use scopelens_core::share::{decode_share, encode_share, ShareState};
use scopelens_core::{diagnose, Context};

const TRACE: &str = "AqX7trace9Zk";
/// A fake user token of the documented shape.
const TOKEN: &str = "EAAGfakeN0t4R3alT0k3nQ7x9Lm2Pz4Rk8Wv1Nb6Yc3Hd5Jf0Gs7Tq2Ue9Xa4Zo1Ip6Kl3Mn8Bv5Cx2Wr7Ty0Ui4Op9As1Df6Gh3Jk8Lz5Qw2Er7TyZD";
/// A fake app secret: 32 hex characters, which only its name gives away.
const APP_SECRET: &str = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Notation {
    Pprint,
    RustDebug,
    ElixirMap,
    NsDictionary,
    FlattenedKeys,
    UnicodeEscapedJson,
    DdMembers,
    GuzzleTruncated,
    MarkdownTable,
    TabTable,
    AlignedPaths,
    PowerShellWrapped,
    PowerShell7,
    ConvertToJson,
    Logfmt,
    LogfmtDotted,
    Yaml,
    Xml,
    Edn,
}

impl Notation {
    /// Whether the fbtrace_id is in the printed part: Guzzle cuts the
    /// body before it.
    fn shows_trace(self) -> bool {
        !matches!(self, Notation::GuzzleTruncated)
    }

    /// The form the reading must name for the notations that have one
    /// of their own.
    fn form(self) -> Option<Form> {
        match self {
            Notation::PowerShellWrapped | Notation::PowerShell7 => Some(Form::PowerShell),
            Notation::ConvertToJson => Some(Form::PowerShellJson),
            Notation::Logfmt | Notation::LogfmtDotted => Some(Form::Logfmt),
            Notation::Yaml => Some(Form::Yaml),
            Notation::Xml => Some(Form::Xml),
            Notation::Edn => Some(Form::Edn),
            Notation::MarkdownTable | Notation::TabTable | Notation::AlignedPaths => {
                Some(Form::Table)
            }
            _ => None,
        }
    }
}

const NOTATIONS: &[Notation] = &[
    Notation::Pprint,
    Notation::RustDebug,
    Notation::ElixirMap,
    Notation::NsDictionary,
    Notation::FlattenedKeys,
    Notation::UnicodeEscapedJson,
    Notation::DdMembers,
    Notation::GuzzleTruncated,
    Notation::MarkdownTable,
    Notation::TabTable,
    Notation::AlignedPaths,
    Notation::PowerShellWrapped,
    Notation::PowerShell7,
    Notation::ConvertToJson,
    Notation::Logfmt,
    Notation::LogfmtDotted,
    Notation::Yaml,
    Notation::Xml,
    Notation::Edn,
];

/// What the printed error holds; `secret` adds a token and an app secret
/// next to it, as a dump of the request does.
struct Error<'a> {
    code: u32,
    subcode: Option<u32>,
    message: &'a str,
    secret: bool,
}

/// pprint's split of a long string: pieces of about `width` characters
/// ending after a space, each quoted on its own line.
fn pprint_string(text: &str, width: usize, column: usize) -> String {
    let mut pieces = Vec::new();
    let mut current = String::new();
    for word in text.split_inclusive(' ') {
        if !current.is_empty() && current.len() + word.len() > width {
            pieces.push(std::mem::take(&mut current));
        }
        current.push_str(word);
    }
    pieces.push(current);
    let quote = |piece: &String| {
        if piece.contains('\'') {
            format!("\"{piece}\"")
        } else {
            format!("'{piece}'")
        }
    };
    pieces
        .iter()
        .map(quote)
        .collect::<Vec<_>>()
        .join(&format!("\n{}", " ".repeat(column)))
}

fn render(notation: Notation, e: &Error) -> String {
    let code = e.code;
    let message = e.message;
    match notation {
        Notation::Pprint => {
            let subcode = e
                .subcode
                .map(|s| format!("           'error_subcode': {s},\n"))
                .unwrap_or_default();
            let secret = if e.secret {
                format!(
                    " 'request': {{'access_token': '{TOKEN}',\n             'note': {}}},\n",
                    pprint_string(
                        &format!("signed with the app's client_secret {APP_SECRET} as proof"),
                        30,
                        21
                    )
                )
            } else {
                String::new()
            };
            format!(
                "{{'error': {{'code': {code},\n{subcode}           'fbtrace_id': '{TRACE}',\n           'message': {},\n           'type': 'OAuthException'}},\n{secret} 'status': 400}}",
                pprint_string(message, 40, 22)
            )
        }
        Notation::RustDebug => {
            let subcode = e
                .subcode
                .map_or("None".to_string(), |s| format!("Some({s})"));
            let secret = if e.secret {
                format!(
                    ", request: Request {{ access_token: Some(\"{TOKEN}\"), app_secret: Some(\"{APP_SECRET}\") }}"
                )
            } else {
                String::new()
            };
            format!(
                "Error: Api(GraphError {{ message: {message:?}, error_type: \"OAuthException\", code: {code}, error_subcode: {subcode}, fbtrace_id: Some(\"{TRACE}\"){secret} }})"
            )
        }
        Notation::ElixirMap => {
            let subcode = e
                .subcode
                .map(|s| format!(", \"error_subcode\" => {s}"))
                .unwrap_or_default();
            let secret = if e.secret {
                format!(", \"request\" => %{{\"access_token\" => \"{TOKEN}\", \"app_secret\" => \"{APP_SECRET}\"}}")
            } else {
                String::new()
            };
            format!(
                "** (WhatsApp.Error) %{{\"error\" => %{{\"code\" => {code}{subcode}, \"fbtrace_id\" => \"{TRACE}\", \"message\" => {message:?}, \"type\" => \"OAuthException\"}}{secret}}}"
            )
        }
        Notation::NsDictionary => {
            let subcode = e
                .subcode
                .map(|s| format!("            \"error_subcode\" = {s};\n"))
                .unwrap_or_default();
            let secret = if e.secret {
                format!(
                    "    request =     {{\n        \"access_token\" = {TOKEN};\n        appSecret = {APP_SECRET};\n    }};\n"
                )
            } else {
                String::new()
            };
            format!(
                "{{\n    body =     {{\n        error =         {{\n            code = {code};\n{subcode}            \"fbtrace_id\" = {TRACE};\n            message = {message:?};\n            type = OAuthException;\n        }};\n    }};\n    code = 400;\n{secret}}}"
            )
        }
        Notation::FlattenedKeys => {
            let subcode = e
                .subcode
                .map(|s| format!(",\"error.error_subcode\":{s}"))
                .unwrap_or_default();
            let secret = if e.secret {
                format!(
                    ",\"request.params.access_token\":\"{TOKEN}\",\"config.app.secret\":\"{APP_SECRET}\""
                )
            } else {
                String::new()
            };
            let message = serde_json::to_string(message).unwrap();
            format!(
                "{{\"@timestamp\":\"2025-05-01T10:00:00Z\",\"level\":\"error\",\"error.code\":{code}{subcode},\"error.fbtrace_id\":\"{TRACE}\",\"error.message\":{message},\"error.type\":\"OAuthException\"{secret}}}"
            )
        }
        Notation::UnicodeEscapedJson => {
            let mut error = serde_json::json!({
                "error": {
                    "message": message,
                    "type": "OAuthException",
                    "code": code,
                    "fbtrace_id": TRACE,
                }
            });
            if let Some(s) = e.subcode {
                error["error"]["error_subcode"] = s.into();
            }
            if e.secret {
                error["request"] =
                    serde_json::json!({ "access_token": TOKEN, "client_secret": APP_SECRET });
            }
            let json = error.to_string().replace('"', "\\u0022");
            format!("fail: Graph.Client[0]\n      Request failed: {json}")
        }
        Notation::GuzzleTruncated => {
            let subcode = e
                .subcode
                .map(|s| format!(",\"error_subcode\":{s}"))
                .unwrap_or_default();
            let query = if e.secret {
                format!("?access_token={TOKEN}&appsecret_proof={APP_SECRET}")
            } else {
                String::new()
            };
            let body = format!(
                "{{\"error\":{{\"message\":{},\"type\":\"OAuthException\",\"code\":{code}{subcode},\"error_data\":{{\"messaging_product\":\"whatsapp\",\"details\":\"Message failed to se (truncated...)",
                serde_json::to_string(message).unwrap()
            );
            format!(
                "[2025-05-01 10:00:00] production.ERROR: Client error: `POST https://graph.facebook.com/v21.0/106540352242922/messages{query}` resulted in a `400 Bad Request` response:\n{body}\n {{\"exception\":\"[object] (GuzzleHttp\\\\Exception\\\\ClientException(code: 400): Client error at /app/vendor/guzzlehttp/guzzle/src/Exception/RequestException.php:113)\"}}"
            )
        }
        Notation::MarkdownTable | Notation::TabTable | Notation::AlignedPaths => {
            let mut rows = vec![
                ("message", message.to_string()),
                ("type", "OAuthException".to_string()),
                ("code", code.to_string()),
            ];
            if let Some(s) = e.subcode {
                rows.push(("error_subcode", s.to_string()));
            }
            rows.push(("fbtrace_id", TRACE.to_string()));
            if e.secret {
                rows.push(("access_token", TOKEN.to_string()));
                rows.push(("app_secret", APP_SECRET.to_string()));
            }
            match notation {
                Notation::MarkdownTable => {
                    let body: String = rows
                        .iter()
                        .map(|(k, v)| format!("| {k} | {v} |\n"))
                        .collect();
                    format!("| field | value |\n|---|---|\n{body}")
                }
                Notation::TabTable => {
                    let body: String = rows.iter().map(|(k, v)| format!("  {k}\t{v}\n")).collect();
                    format!("Status: 400 Bad Request\nerror\n{body}")
                }
                _ => rows
                    .iter()
                    .map(|(k, v)| {
                        let path = format!("response.data.error.{k}");
                        format!("{path:<40}{v}\n")
                    })
                    .collect(),
            }
        }
        Notation::PowerShellWrapped | Notation::PowerShell7 | Notation::ConvertToJson => {
            let mut body = serde_json::json!({
                "error": {
                    "message": message,
                    "type": "OAuthException",
                    "code": code,
                    "fbtrace_id": TRACE,
                }
            });
            if let Some(s) = e.subcode {
                body["error"]["error_subcode"] = s.into();
            }
            if e.secret {
                body["error"]["error_user_msg"] =
                    format!("token {TOKEN} signed with client_secret {APP_SECRET}").into();
            }
            match notation {
                Notation::PowerShellWrapped => {
                    // The console's width, different from paste to paste.
                    let width = 60 + (code as usize % 7) * 10;
                    let record = format!("Invoke-RestMethod : {body}");
                    let lines: Vec<String> = record
                        .as_bytes()
                        .chunks(width)
                        .map(|c| String::from_utf8_lossy(c).into_owned())
                        .collect();
                    format!(
                        "{}\nAt line:1 char:1\n+ Invoke-RestMethod -Method Post -Uri $uri -Body $json\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-RestMethod], WebException\n    + FullyQualifiedErrorId : WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeRestMethodCommand",
                        lines.join("\n")
                    )
                }
                Notation::PowerShell7 => format!(
                    "Invoke-RestMethod: \n{}",
                    serde_json::to_string_pretty(&body).unwrap()
                ),
                _ => {
                    // ConvertTo-Json: four spaces a level, two after a colon.
                    let pretty = serde_json::to_string_pretty(&body).unwrap();
                    let spaced = pretty
                        .lines()
                        .map(|l| {
                            let indent = l.len() - l.trim_start().len();
                            format!(
                                "{}{}",
                                " ".repeat(indent * 2),
                                l.trim_start().replacen("\": ", "\":  ", 1)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n");
                    format!("PS C:\\> $_.ErrorDetails.Message | ConvertFrom-Json | ConvertTo-Json\n{spaced}")
                }
            }
        }
        Notation::Logfmt | Notation::LogfmtDotted => {
            let prefix = if notation == Notation::LogfmtDotted {
                "error."
            } else {
                ""
            };
            let quoted = serde_json::to_string(message).unwrap();
            let subcode = e
                .subcode
                .map(|s| format!(" {prefix}error_subcode={s}"))
                .unwrap_or_default();
            let secret = if e.secret {
                format!(" access_token={TOKEN} client_secret=\"{APP_SECRET}\"")
            } else {
                String::new()
            };
            let message_key = if notation == Notation::LogfmtDotted {
                "error.message"
            } else {
                "msg"
            };
            format!(
                "time=2025-05-01T10:00:00Z level=error {message_key}={quoted} {prefix}code={code}{subcode} {prefix}type=OAuthException {prefix}fbtrace_id={TRACE}{secret}"
            )
        }
        Notation::Yaml => {
            // Plain, single-quoted or folded, by code.
            let written = match code % 3 {
                0 => format!("'{}'", message.replace('\'', "''")),
                1 => message.to_string(),
                _ => {
                    let words: Vec<&str> = message.split(' ').collect();
                    let lines: Vec<String> = words
                        .chunks(5)
                        .map(|c| format!("    {}", c.join(" ")))
                        .collect();
                    format!(">-\n{}", lines.join("\n"))
                }
            };
            let subcode = e
                .subcode
                .map(|s| format!("  error_subcode: {s}\n"))
                .unwrap_or_default();
            let secret = if e.secret {
                format!("request:\n  access_token: {TOKEN}\n  app_secret: \"{APP_SECRET}\"\n")
            } else {
                String::new()
            };
            format!(
                "---\nerror:\n  message: {written}\n  type: OAuthException\n  code: {code}\n{subcode}  fbtrace_id: {TRACE}\n{secret}"
            )
        }
        Notation::Xml => {
            let escaped = message
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('\'', "&apos;");
            let subcode = e
                .subcode
                .map(|s| format!("<error_subcode>{s}</error_subcode>"))
                .unwrap_or_default();
            let secret = if e.secret {
                format!("<request><access_token>{TOKEN}</access_token><app_secret>{APP_SECRET}</app_secret></request>")
            } else {
                String::new()
            };
            let error = format!(
                "<error kind=\"graph\"><message>{escaped}</message><type>OAuthException</type><code>{code}</code>{subcode}<fbtrace_id>{TRACE}</fbtrace_id></error>"
            );
            if code.is_multiple_of(2) {
                format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">\n  <s:Body>\n    {error}\n    {secret}\n  </s:Body>\n</s:Envelope>")
            } else {
                format!("<response>{error}{secret}</response>")
            }
        }
        Notation::Edn => {
            let subcode = e
                .subcode
                .map(|s| format!(", :error_subcode {s}"))
                .unwrap_or_default();
            let secret = if e.secret {
                format!(" :request {{:access-token \"{TOKEN}\" :app-secret \"{APP_SECRET}\"}}")
            } else {
                String::new()
            };
            let separator = if code.is_multiple_of(2) { ",\n  " } else { " " };
            format!(
                "ExceptionInfo clj-http: status 400 {{:status 400{separator}:body {{:error {{:message {message:?}{separator}:type \"OAuthException\", :code {code}{subcode}, :fbtrace_id \"{TRACE}\"}}}}{secret}}}"
            )
        }
        Notation::DdMembers => {
            let subcode = e
                .subcode
                .map(|s| format!("  \"error_subcode\" => {s}\n"))
                .unwrap_or_default();
            let secret = if e.secret {
                format!("  \"access_token\" => \"{TOKEN}\"\n  \"app_secret\" => \"{APP_SECRET}\"\n")
            } else {
                String::new()
            };
            format!(
                "  \"message\" => {message:?}\n  \"type\" => \"OAuthException\"\n  \"code\" => {code}\n{subcode}  \"fbtrace_id\" => \"{TRACE}\"\n{secret}"
            )
        }
    }
}

const AROUND: &[(&str, &str)] = &[
    ("", ""),
    ("I get this when I send a template:\n\n", "\n\nAny idea?"),
    ("```\n", "\n```"),
    ("Resposta da API:\n", "\nObrigado!"),
];

/// Messages long enough to be split, with an apostrophe (pprint then
/// quotes a piece with `"`) and without.
const MESSAGES: &[&str] = &[
    "Message failed to send because more than 24 hours have passed since the customer last replied to this number",
    "The recipient's phone number is not in the list of numbers this test app is allowed to send to",
    "Invalid parameter",
];

fn codes() -> impl Strategy<Value = (u32, Option<u32>)> {
    let mut pairs: Vec<(u32, Option<u32>)> = CATALOG
        .iter()
        .filter(|e| e.last_code.is_none())
        .map(|e| (e.code, e.subcode))
        .collect();
    pairs.dedup();
    prop::sample::select(pairs)
}

/// The Markdown of the diagnosis and the paste carried by a share link.
fn shown(text: &str) -> Vec<(&'static str, String)> {
    let diagnosis = diagnose(text, &Context::at(1_760_000_000));
    let state = ShareState {
        input: text.into(),
        ..Default::default()
    };
    let shared = encode_share(&state.redacted())
        .and_then(|link| decode_share(&link))
        .map(|back| back.input)
        .unwrap_or_default();
    vec![
        ("markdown", to_markdown(&diagnosis)),
        ("share link", shared),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn an_error_in_any_notation_is_read_as_the_payload_it_prints(
        (code, subcode) in codes(),
        notation in prop::sample::select(NOTATIONS),
        message in prop::sample::select(MESSAGES),
        around in prop::sample::select(AROUND),
    ) {
        let error = Error { code, subcode, message, secret: false };
        let text = format!("{}{}{}", around.0, render(notation, &error), around.1);
        let reading = input::read(&text, None);
        let Ok(Payload::GraphError(read)) = &reading.payload else {
            panic!("not read as a Graph error: {:?}\n{text}", reading.payload);
        };
        prop_assert!(reading.from_text.is_none(), "read from words, not as a payload:\n{}", text);
        prop_assert_eq!(read.code, Some(code), "{}", text);
        prop_assert_eq!(read.error_subcode, subcode, "{}", text);
        if notation.shows_trace() {
            prop_assert_eq!(read.fbtrace_id.as_deref(), Some(TRACE), "{}", text);
        }
        prop_assert_eq!(read.message.as_deref(), Some(message), "{}", text);
        if let Some(form) = notation.form() {
            prop_assert_eq!(reading.form, Some(form), "{}", text);
        }
    }

    #[test]
    fn a_secret_in_any_notation_reaches_neither_the_markdown_nor_a_share_link(
        notation in prop::sample::select(NOTATIONS),
        around in prop::sample::select(AROUND),
        message in prop::sample::select(MESSAGES),
    ) {
        let error = Error { code: 190, subcode: Some(463), message, secret: true };
        let text = format!("{}{}{}", around.0, render(notation, &error), around.1);
        for (output, shown) in shown(&text) {
            for needle in [&TOKEN[12..40], &APP_SECRET[4..20]] {
                prop_assert!(!shown.contains(needle), "{output} of {notation:?} shows {needle}:\n{shown}");
            }
        }
    }
}

/// "Error code" as people write it in languages Meta localises into; the
/// ones that are everyday words on their own count before known codes only.
const CODE_WORDS: &[&str] = &[
    "Código de error",
    "código de erro",
    "Código",
    "Codigo de erro",
    "Fehlercode",
    "code d'erreur",
    "Code d\u{2019}erreur",
    "codice di errore",
    "Kode galat",
    "kode error",
    "Foutcode",
    "hata kodu",
    "Felkod",
];

fn catalog_codes() -> Vec<u32> {
    let mut codes: Vec<u32> = CATALOG
        .iter()
        .filter(|e| e.last_code.is_none() && e.subcode.is_none() && e.code > 0)
        .map(|e| e.code)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_code_after_a_translated_code_word_is_read(
        code in prop::sample::select(catalog_codes()),
        word in prop::sample::select(CODE_WORDS),
        separator in prop::sample::select(&[" ", ": ", " = ", " #", " "][..]),
        before in prop::sample::select(&["", "Falha ao enviar. ", "Fehler beim Senden – ", "Gagal kirim pesan, "][..]),
        after in prop::sample::select(&["", ".", " (mensagem não entregue)", ": Nachricht nicht zugestellt"][..]),
    ) {
        let text = format!("{before}{word}{separator}{code}{after}");
        let found = read_error(&text);
        prop_assert_eq!(found.map(|f| f.code), Some(code), "{}", text);
    }
}

#[test]
fn a_translated_word_for_code_before_a_one_time_password_is_not_an_error() {
    for text in [
        "Su código es 482913",
        "Kode OTP anda 482913",
        "Ihr Code lautet 482913",
        "código de verificação: 482913",
        "Código 482913",
    ] {
        assert_eq!(read_error(text).map(|f| f.code), None, "{text}");
    }
}

#[test]
fn a_secret_named_before_a_space_is_removed_where_a_long_string_was_reflowed() {
    let text = format!(
        "{{'error': {{'code': 190,\n           'message': 'The request was signed with client_secret '\n                      '{APP_SECRET} which does not match',\n           'type': 'OAuthException'}}}}"
    );
    for (output, shown) in shown(&text) {
        assert!(!shown.contains(&APP_SECRET[4..20]), "{output}: {shown}");
    }
}

/// A value's lines as YAML: `indent` spaces a level, sequence items under
/// their key indented or flush with it, strings plain or in `quote`.
fn yaml_lines(
    value: &serde_json::Value,
    indent: usize,
    indent_items: bool,
    quote: &str,
) -> Vec<String> {
    use serde_json::Value;
    let scalar = |v: &Value| match v {
        Value::String(s) if quote == "'" => format!("'{}'", s.replace('\'', "''")),
        Value::String(s) if quote == "\"" => serde_json::to_string(s).unwrap(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut out = Vec::new();
    for (key, child) in value.as_object().unwrap() {
        match child {
            Value::Object(_) => {
                out.push(format!("{key}:"));
                out.extend(
                    yaml_lines(child, indent, indent_items, quote)
                        .into_iter()
                        .map(|l| format!("{}{l}", " ".repeat(indent))),
                );
            }
            Value::Array(items) => {
                out.push(format!("{key}:"));
                let pad = if indent_items {
                    " ".repeat(indent)
                } else {
                    String::new()
                };
                for item in items {
                    let lines = if item.is_object() {
                        yaml_lines(item, indent, indent_items, quote)
                    } else {
                        vec![scalar(item)]
                    };
                    for (n, line) in lines.into_iter().enumerate() {
                        let lead = if n == 0 { "- " } else { "  " };
                        out.push(format!("{pad}{lead}{line}"));
                    }
                }
            }
            _ => out.push(format!("{key}: {}", scalar(child))),
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_webhook_written_as_yaml_is_read_with_its_errors(
        code in prop::sample::select(catalog_codes()),
        indent in 2usize..=4,
        indent_items in any::<bool>(),
        quote in prop::sample::select(&["", "'", "\""][..]),
        around in prop::sample::select(AROUND),
    ) {
        let webhook = serde_json::json!({
            "object": "whatsapp_business_account",
            "entry": [{
                "id": "102290129340398",
                "changes": [{
                    "field": "messages",
                    "value": {
                        "messaging_product": "whatsapp",
                        "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
                        "statuses": [{
                            "id": "wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA",
                            "status": "failed",
                            "timestamp": "1700000000",
                            "recipient_id": "16505076520",
                            "errors": [{"code": code, "title": "Message undeliverable"}],
                        }],
                    },
                }],
            }],
        });
        let yaml = yaml_lines(&webhook, indent, indent_items, quote).join("\n");
        let text = format!("{}{yaml}{}", around.0, around.1);
        let reading = input::read(&text, None);
        prop_assert_eq!(reading.form, Some(Form::Yaml), "{}", text);
        let Ok(payload) = &reading.payload else {
            panic!("not read: {:?}\n{text}", reading.payload);
        };
        prop_assert_eq!(payload.kind(), scopelens_core::InputKind::WebhookError, "{}", text);
        let diagnosis = diagnose(&text, &Context::at(1_760_000_000));
        prop_assert!(diagnosis.findings.iter().any(|f| f.code == Some(code)), "{}", text);
    }
}

/// A service's `{code, message}` status as each notation prints it.
fn status_in(notation: usize, code: &str, message: &str) -> String {
    match notation {
        0 => format!(r#"{{"code": {code}, "message": "{message}"}}"#),
        1 => format!(r#"{{"code":"{code}","message":"{message}"}}"#),
        2 => format!("code: {code}\nmessage: {message}\n"),
        3 => format!("{{'code': {code}, 'message': '{message}'}}"),
        4 => format!("{{ code: {code}, message: '{message}' }}"),
        5 => format!(r#"{{"code" => {code}, "message" => "{message}"}}"#),
        6 => format!("level=info code={code} message=\"{message}\""),
        7 => format!("<response><code>{code}</code><message>{message}</message></response>"),
        8 => format!(r#"{{:code {code} :message "{message}"}}"#),
        _ => format!(r#"[{{"code": {code}, "message": "{message}"}}]"#),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// `{code: 200, message: "OK"}` is a service saying all went well (and
    /// `{code: 404, message: "Not Found"}` an HTTP status), not Meta's error
    /// 200 or an unknown error 404, in whatever notation it is printed.
    #[test]
    fn a_services_status_is_not_read_as_an_error_in_any_notation(
        (code, message) in prop::sample::select(&[
            ("200", "OK"), ("200", "ok"), ("200", "Success"), ("200", "success."),
            ("0", "success"), ("201", "Created"), ("100", "Continue"),
            ("204", "No Content"), ("404", "Not Found"), ("401", "Unauthorized"),
            ("500", "Internal Server Error"), ("429", "Too Many Requests"),
        ][..]),
        notation in 0usize..10,
        around in prop::sample::select(AROUND),
    ) {
        let text = format!("{}{}{}", around.0, status_in(notation, code, message), around.1);
        let reading = input::read(&text, None);
        prop_assert!(
            !matches!(reading.payload, Ok(Payload::GraphError(_) | Payload::WebhookError(_))),
            "read as an error: {:?}\n{}", reading.payload, text
        );
    }

    /// The same notations with Meta's own words are still read as its error.
    #[test]
    fn metas_error_with_only_a_code_and_message_is_read_in_any_notation(
        (code, message) in prop::sample::select(&[
            ("200", "(#200) Requires whatsapp_business_messaging permission"),
            ("190", "Error validating access token: Session has expired"),
            ("100", "Invalid parameter"),
            ("2500", "An active access token must be used"),
        ][..]),
        notation in 0usize..10,
        around in prop::sample::select(AROUND),
    ) {
        let text = format!("{}{}{}", around.0, status_in(notation, code, message), around.1);
        let reading = input::read(&text, None);
        let read_code = match &reading.payload {
            Ok(Payload::GraphError(e)) => e.code,
            Ok(Payload::WebhookError(w)) => w.errors.first().and_then(|e| e.code),
            other => panic!("not read as an error: {other:?}\n{text}"),
        };
        prop_assert_eq!(read_code, code.parse().ok(), "{}", text);
    }
}
