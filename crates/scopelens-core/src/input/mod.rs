//! Reading pasted text: find the payload, whatever it is wrapped in (curl
//! output, HTTP headers, SDK exception dumps, log lines), decide what kind it
//! is, and note the HTTP status and `www-authenticate` header on the way.
//!
//! Secrets are removed before anything is parsed, so nothing read from the
//! input (and therefore nothing shown or shared) can carry one.

pub mod http;
pub mod layers;
pub mod lenient;
pub mod notations;
pub mod text;
pub mod token;

use crate::model::{self, InputKind, Payload};
use crate::secrets;
use serde::Serialize;
use serde_json::Value;

/// Largest input accepted, in bytes.
pub const MAX_INPUT_BYTES: usize = 5 * 1024 * 1024;

/// How many `{`/`[` starting points are tried in free text before giving up,
/// which keeps hostile text with many brackets linear in its size.
const MAX_CANDIDATES: usize = 256;

/// The notation the payload was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    Json,
    PythonRepr,
    JavascriptLiteral,
    NodeInspect,
    RubyInspect,
    PhpPrintR,
    PhpVarDump,
    PhpVarExport,
    SymfonyDump,
    JavaToString,
    GoFormat,
    /// Rows of a two-column table: Markdown, Postman's or a log viewer's
    /// `key<TAB>value`, or columns aligned with spaces.
    Table,
    /// `key=value` pairs of a log line (Go's `slog`, Heroku, Loki).
    Logfmt,
    Yaml,
    Xml,
    /// Clojure's EDN, as `ex-data` of a clj-http exception prints.
    Edn,
    /// A Windows PowerShell error record of `Invoke-RestMethod` or
    /// `Invoke-WebRequest`, its body cut at the console's width.
    #[serde(rename = "powershell")]
    PowerShell,
    /// JSON as Windows PowerShell's `ConvertTo-Json` writes it.
    #[serde(rename = "powershell_json")]
    PowerShellJson,
    Token,
    /// No payload: the error was read from its words.
    Text,
}

impl Form {
    pub fn title(self) -> &'static str {
        match self {
            Form::Json => "JSON",
            Form::PythonRepr => "Python dict repr",
            Form::JavascriptLiteral => "JavaScript object literal",
            Form::NodeInspect => "Node.js console.log / util.inspect output",
            Form::RubyInspect => "Ruby inspect output",
            Form::PhpPrintR => "PHP print_r output",
            Form::PhpVarDump => "PHP var_dump output",
            Form::PhpVarExport => "PHP var_export output",
            Form::SymfonyDump => "Symfony VarDumper output",
            Form::JavaToString => "Java/Kotlin toString output",
            Form::GoFormat => "Go %+v output",
            Form::Table => "two-column table",
            Form::Logfmt => "logfmt key=value log line",
            Form::Yaml => "YAML",
            Form::Xml => "XML",
            Form::Edn => "Clojure EDN (ex-data)",
            Form::PowerShell => "PowerShell Invoke-RestMethod error record",
            Form::PowerShellJson => "PowerShell ConvertTo-Json output",
            Form::Token => "bare token",
            Form::Text => "error text without JSON",
        }
    }
}

/// Why the input could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum InputError {
    Empty,
    TooLarge {
        bytes: usize,
    },
    NoPayload,
    Syntax {
        line: usize,
        column: usize,
        expected: String,
        found: String,
    },
    Unrecognised {
        keys: Vec<String>,
    },
    NotOfKind {
        kind: InputKind,
    },
    /// A service's status (`{code: 200, message: "OK"}`), which is no error.
    Status {
        code: u32,
        /// The status's phrase as scopelens writes it (HTTP's reason
        /// phrase, or a success word), not the paste's text.
        phrase: String,
    },
    /// A client library's HTTP error whose response body was not kept.
    BodyMissing {
        status: Option<u16>,
        library: Option<text::ClientLibrary>,
    },
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::Empty => write!(f, "The input is empty. Paste a debug_token or /me/permissions response, a Graph API error, a WhatsApp webhook, or a token."),
            InputError::TooLarge { bytes } => write!(
                f,
                "The input is {}; scopelens reads at most 5 MB. Paste only the response or the lines around the error.",
                crate::units::megabytes(*bytes as f64)
            ),
            InputError::NoPayload => write!(f, "No JSON, Python dict or token was found in the text. Paste the response body (the part in braces), a webhook payload, or the token itself."),
            InputError::Syntax { line, column, expected, found } => write!(
                f,
                "The JSON stops making sense at line {line}, column {column}: expected {expected}, found {found}. Check that the whole response was copied."
            ),
            InputError::Unrecognised { keys } => write!(
                f,
                "This JSON is readable but is none of the payloads scopelens knows (its top-level keys are: {}). Expected a debug_token response (`data.is_valid`, `scopes`), /me/permissions (`data[].permission`), a Graph error (`error.code`) or a WhatsApp webhook (`entry[].changes[]`).",
                if keys.is_empty() { "none".to_string() } else { keys.join(", ") }
            ),
            InputError::Status { code, phrase } if *code < 300 => write!(
                f,
                "This is a status saying the call went through (`{code} {phrase}`), not an error. Paste the response of the call that failed: the JSON with `error.code` and `error.message`."
            ),
            InputError::Status { code, phrase } => write!(
                f,
                "This is an HTTP status (`{code} {phrase}`) with no Meta error in it. Paste the body Meta answered with: the JSON with `error.code` and `error.message`."
            ),
            InputError::BodyMissing { status, library } => {
                let status = status.map_or_else(String::new, |s| format!(" (HTTP {s})"));
                match library {
                    Some(lib) => write!(
                        f,
                        "This is {}'s own error{status}: the response body, where Meta says what went wrong, is not in the paste. To see it, {}, then paste that body here.",
                        lib.name, lib.log_body
                    ),
                    None => write!(
                        f,
                        "The paste has an HTTP error status{status} but not the response body, where Meta says what went wrong. Log the body of the failed response and paste it here."
                    ),
                }
            }
            InputError::NotOfKind { kind } => write!(
                f,
                "This is not a {} as far as scopelens can tell. Choose \"automatic\" to let scopelens detect what it is.",
                kind.title()
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// Everything learnt from reading the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub payload: Result<Payload, InputError>,
    pub form: Option<Form>,
    /// The payload was found inside other text (curl output, a log line...).
    pub embedded: bool,
    pub http: http::HttpInfo,
    /// How many secrets were removed before reading.
    pub secrets_redacted: usize,
    /// Set when the error was read from words instead of a payload.
    pub from_text: Option<text::TextError>,
    /// What of the payload was missing from the paste.
    pub gaps: Gaps,
    /// Where in the document the payload sat, when it was wrapped (a
    /// provider's envelope, a log record), and the wrapper's own fields.
    pub envelope: Option<Envelope>,
    /// Layers undone before the payload could be read (quoting, HTML
    /// escapes...), outermost first.
    pub layers: Vec<layers::Layer>,
}

/// What of the payload was not in the paste: values the person replaced by
/// a placeholder, parts a language dump left out, an end cut off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Gaps {
    /// Values or items replaced by `...`, `…`, `xxx`, `<redacted>` and the like.
    pub elided: usize,
    pub elided_paths: Vec<String>,
    /// Parts the dump itself did not print (Node's `[Object]`, `[Array]`).
    pub hidden: usize,
    pub hidden_paths: Vec<String>,
    /// The text stopped inside the payload, which was closed there.
    pub truncated: bool,
}

impl Gaps {
    /// What the reader saw missing, plus string values that are
    /// placeholders (`"fbtrace_id": "REMOVED"`), which strict JSON keeps as text.
    fn of(dialect: &lenient::Dialect, value: &Value) -> Gaps {
        Gaps {
            elided: dialect.elided + placeholder_values(value),
            elided_paths: dialect.elided_paths.clone(),
            hidden: dialect.hidden,
            hidden_paths: dialect.hidden_paths.clone(),
            truncated: dialect.truncated,
        }
    }

    pub fn any(&self) -> bool {
        self.elided > 0 || self.hidden > 0 || self.truncated
    }
}

fn placeholder_values(value: &Value) -> usize {
    match value {
        Value::String(s) => usize::from(crate::placeholder::is_placeholder(s)),
        Value::Array(items) => items.iter().map(placeholder_values).sum(),
        Value::Object(obj) => obj.values().map(placeholder_values).sum(),
        _ => 0,
    }
}

/// What wrapped a payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Envelope {
    pub path: Vec<String>,
    pub context: Vec<(String, String)>,
}

/// Reads `text`, detecting the kind unless `kind` forces one.
pub fn read(text: &str, kind: Option<InputKind>) -> Reading {
    let mut reading = Reading {
        payload: Err(InputError::Empty),
        form: None,
        embedded: false,
        http: http::HttpInfo::default(),
        secrets_redacted: 0,
        from_text: None,
        envelope: None,
        gaps: Gaps::default(),
        layers: Vec::new(),
    };
    if text.len() > MAX_INPUT_BYTES {
        reading.payload = Err(InputError::TooLarge { bytes: text.len() });
        return reading;
    }
    if text.trim().is_empty() {
        return reading;
    }
    let wants_token = matches!(kind, None | Some(InputKind::AccessToken));
    if let Some(shape) = token::recognise(text).filter(|_| wants_token) {
        reading.payload = Ok(Payload::AccessToken(shape));
        reading.form = Some(Form::Token);
        reading.secrets_redacted = 1;
        return reading;
    }
    // A PowerShell record's body is joined back before anything else, so
    // that a token the console cut in two is whole when secrets are removed.
    let joined = notations::powershell::unwrap(text);
    let redacted = secrets::redact(joined.as_deref().unwrap_or(text));
    reading.secrets_redacted = redacted.count;
    let text = redacted.text.as_str();
    reading.http = http::scan(text);
    let found = find_payload(text, kind)
        .or_else(|err| cut_where_marked(text, kind).ok_or(err))
        .or_else(|err| {
            let (plain, layers) = layers::peel(text).ok_or_else(|| err.clone())?;
            // Undoing a layer can complete a secret the first pass could not see.
            let plain = secrets::redact(&plain);
            let found = find_payload(&plain.text, kind).map_err(|_| err)?;
            reading.secrets_redacted += plain.count;
            reading.layers = layers;
            Ok(found)
        });
    match found {
        Ok(mut found) => {
            reading.from_text = code_from_words(&mut found.payload);
            if found.form == Form::Json {
                if joined.is_some() {
                    found.form = Form::PowerShell;
                } else if notations::powershell::is_convert_to_json(text) {
                    found.form = Form::PowerShellJson;
                }
            }
            reading.form = Some(found.form);
            reading.embedded = found.embedded;
            reading.envelope = found.envelope;
            reading.gaps = found.gaps;
            reading.payload = Ok(found.payload);
        }
        Err(err) => read_words(text, kind, err, &mut reading),
    }
    reading
}

/// `text` without the escape a cut went through (`\u0a`, or a lone `\`
/// at the end), which no JSON reader would take.
fn without_cut_escape(text: &str) -> &str {
    let Some(slash) = text.rfind('\\') else {
        return text;
    };
    let run = text[..=slash].len() - text[..=slash].trim_end_matches('\\').len();
    let tail = &text[slash + 1..];
    let partial = tail.is_empty()
        || (tail.len() < 5
            && tail.starts_with('u')
            && tail[1..].bytes().all(|b| b.is_ascii_hexdigit()));
    if run % 2 == 1 && partial {
        &text[..slash]
    } else {
        text
    }
}

/// What HTTP clients append where they cut a response body short in an
/// exception message (Guzzle's `(truncated...)`).
const CUT_MARKERS: &[&str] = &[" (truncated...)", "(truncated...)", "... (truncated)"];

/// A payload cut short by a client's marker, read up to the marker as JSON
/// that stops there: the text after it (the rest of the log line, the same
/// body again) is not part of the body.
fn cut_where_marked(text: &str, kind: Option<InputKind>) -> Option<Found> {
    let at = CUT_MARKERS.iter().filter_map(|m| text.find(m)).min()?;
    let mut found = find_payload(without_cut_escape(&text[..at]), kind).ok()?;
    found.gaps.truncated = true;
    Some(found)
}

/// A Graph error whose code is missing (cut off, elided, or an SDK that
/// keeps only the message) gets it from its message's words, when they
/// name one (`(#131030) Recipient phone number not in allowed list`).
fn code_from_words(payload: &mut Payload) -> Option<text::TextError> {
    let Payload::GraphError(error) = payload else {
        return None;
    };
    if error.code.is_some() {
        return None;
    }
    let said = [error.message.as_deref(), error.error_user_msg.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n");
    let words = text::read_error(&said)?;
    error.code = Some(words.code);
    error.error_subcode = error.error_subcode.or(words.subcode);
    Some(words)
}

/// With no payload to parse, reads the error from the text's words, or says
/// that the response body is missing.
fn read_words(text: &str, kind: Option<InputKind>, err: InputError, reading: &mut Reading) {
    if matches!(err, InputError::Status { .. }) {
        reading.payload = Err(err);
        return;
    }
    let wants_error = matches!(kind, None | Some(InputKind::GraphError));
    if let Some(found) = text::read_error(text).filter(|_| wants_error) {
        reading.payload = Ok(Payload::GraphError(model::GraphError {
            wrapped: false,
            // Cut out of its context (an authentication challenge, say), a
            // message is checked for secrets again on its own.
            message: found.message.as_deref().map(crate::privacy::clean_text),
            error_type: found.error_type.clone(),
            code: Some(found.code),
            error_subcode: found.subcode,
            error_user_title: None,
            error_user_msg: None,
            fbtrace_id: None,
            is_transient: None,
            error_data: None,
        }));
        reading.form = Some(Form::Text);
        reading.embedded = true;
        reading.from_text = Some(found);
        reading.gaps.elided = crate::placeholder::count_in_text(text::window(text));
        return;
    }
    let unread = matches!(
        err,
        InputError::NoPayload | InputError::Syntax { .. } | InputError::Unrecognised { .. }
    );
    let status = reading.http.status.filter(|s| *s >= 400);
    // A Graph API call is named but none of its answer is there.
    let graph_call = !matches!(err, InputError::Unrecognised { .. })
        && text.to_ascii_lowercase().contains("graph.facebook.com");
    reading.payload = Err(match text::client_error(text) {
        Some((library, said)) if unread => InputError::BodyMissing {
            status: said.or(status),
            library: Some(library),
        },
        None if unread && (status.is_some() || graph_call) => InputError::BodyMissing {
            status,
            library: None,
        },
        _ => err,
    });
}

struct Found {
    payload: Payload,
    form: Form,
    embedded: bool,
    envelope: Option<Envelope>,
    gaps: Gaps,
}

fn form_of(dialect: &lenient::Dialect) -> Form {
    use lenient::Notation;
    match dialect.notation {
        // A call-like repr with quoted strings is Python's, not Kotlin's.
        Some(Notation::JavaToString) if dialect.python => return Form::PythonRepr,
        Some(Notation::NodeInspect) => return Form::NodeInspect,
        Some(Notation::RubyInspect) => return Form::RubyInspect,
        Some(Notation::PhpPrintR) => return Form::PhpPrintR,
        Some(Notation::PhpVarDump) => return Form::PhpVarDump,
        Some(Notation::PhpVarExport) => return Form::PhpVarExport,
        Some(Notation::SymfonyDump) => return Form::SymfonyDump,
        Some(Notation::JavaToString) => return Form::JavaToString,
        Some(Notation::GoFormat) => return Form::GoFormat,
        None => {}
    }
    // Single quotes with unquoted keys are JavaScript's (Node's console).
    if dialect.python && !dialect.unquoted_keys {
        Form::PythonRepr
    } else if dialect.javascript {
        Form::JavascriptLiteral
    } else {
        Form::Json
    }
}

fn recognise_kind(value: &Value, kind: Option<InputKind>) -> Option<(Payload, Option<Envelope>)> {
    let inner;
    let value = match unquote_embedded_json(value) {
        Some(parsed) => {
            inner = parsed;
            &inner
        }
        None => value,
    };
    let unflattened;
    let found = match model::locate_payload(value, kind) {
        Some(found) => found,
        None => {
            if !has_path_key(value, 0) {
                return None;
            }
            unflattened = unflatten(value, 0)?;
            model::locate_payload(&unflattened, kind)?
        }
    };
    let envelope = (!found.path.is_empty()).then_some(Envelope {
        path: found.path,
        context: found.context,
    });
    Some((found.payload, envelope))
}

/// How deep [`unflatten`] rebuilds objects; flattened records are shallow.
const MAX_UNFLATTEN_DEPTH: usize = 16;

/// A record whose keys are paths (`"error.code": 190`, as log platforms
/// flatten JSON) rebuilt as the nested document, or `None` when no key is
/// a path. A path that clashes with a value already there is left as it was.
fn unflatten(value: &Value, depth: usize) -> Option<Value> {
    if depth >= MAX_UNFLATTEN_DEPTH {
        return None;
    }
    match value {
        Value::Object(obj) => {
            let mut changed = false;
            let mut out = serde_json::Map::new();
            for (key, child) in obj {
                let child = match unflatten(child, depth + 1) {
                    Some(rebuilt) => {
                        changed = true;
                        rebuilt
                    }
                    None => child.clone(),
                };
                if !is_path(key) {
                    out.entry(key.clone()).or_insert(child);
                    continue;
                }
                changed = true;
                let parts: Vec<&str> = key.split('.').collect();
                if let Err(child) = insert_at_path(&mut out, &parts, child) {
                    out.entry(key.clone()).or_insert(child);
                }
            }
            changed.then_some(Value::Object(out))
        }
        Value::Array(items) => {
            let rebuilt: Vec<Option<Value>> = items
                .iter()
                .map(|item| unflatten(item, depth + 1))
                .collect();
            rebuilt.iter().any(Option::is_some).then(|| {
                Value::Array(
                    rebuilt
                        .into_iter()
                        .zip(items)
                        .map(|(new, old)| new.unwrap_or_else(|| old.clone()))
                        .collect(),
                )
            })
        }
        _ => None,
    }
}

fn is_path(key: &str) -> bool {
    key.contains('.') && key.split('.').all(|part| !part.is_empty())
}

/// Whether some object within [`MAX_UNFLATTEN_DEPTH`] has a path for a key,
/// checked before anything is copied.
fn has_path_key(value: &Value, depth: usize) -> bool {
    depth < MAX_UNFLATTEN_DEPTH
        && match value {
            Value::Object(obj) => obj
                .iter()
                .any(|(key, child)| is_path(key) || has_path_key(child, depth + 1)),
            Value::Array(items) => items.iter().any(|item| has_path_key(item, depth + 1)),
            _ => false,
        }
}

/// Puts `value` at `path` inside `map`, making the objects on the way;
/// hands it back when a value that is not an object stands in the way.
fn insert_at_path(
    map: &mut serde_json::Map<String, Value>,
    path: &[&str],
    value: Value,
) -> Result<(), Value> {
    match path {
        [] => Err(value),
        [last] => {
            map.entry((*last).to_string()).or_insert(value);
            Ok(())
        }
        [first, rest @ ..] => match map
            .entry((*first).to_string())
            .or_insert_with(|| Value::Object(serde_json::Map::new()))
        {
            Value::Object(inner) => insert_at_path(inner, rest, value),
            _ => Err(value),
        },
    }
}

/// A JSON string holding JSON (`"{\"error\": …}"`, common in logs) is read
/// as the document it contains.
fn unquote_embedded_json(value: &Value) -> Option<Value> {
    match value {
        Value::String(s) if s.trim_start().starts_with(['{', '[']) => {
            lenient::parse_all(s.trim()).ok().map(|(v, _)| v)
        }
        _ => None,
    }
}

fn find_payload(text: &str, kind: Option<InputKind>) -> Result<Found, InputError> {
    let trimmed = text.trim();
    // Fast path: the whole input is one document. Strict JSON, the common
    // case, goes through serde_json, several times faster than the lenient
    // reader; serde_json's own nesting limit (128) matches ours.
    let whole = serde_json::from_str::<Value>(trimmed)
        .map(|v| (v, lenient::Dialect::default()))
        .or_else(|_| lenient::parse_all(trimmed));
    if let Ok((value, dialect)) = whole {
        if let Some((payload, envelope)) = recognise_kind(&value, kind) {
            return Ok(Found {
                payload,
                form: form_of(&dialect),
                gaps: Gaps::of(&dialect, &value),
                embedded: false,
                envelope,
            });
        }
        // A whole paste in quotes or backticks (`Reason: {…}`, an inline
        // code span) is one string to the reader: look inside it.
        if !value.is_string() {
            return Err(not_recognised(&value, kind));
        }
    }
    scan_for_payload(text, kind)
}

/// Tries each `{` or `[` in the text as the start of a payload.
fn scan_for_payload(text: &str, kind: Option<InputKind>) -> Result<Found, InputError> {
    let mut first_unrecognised: Option<Value> = None;
    let mut first_error: Option<lenient::ParseError> = None;
    let mut pos = 0;
    let mut attempts = 0;
    // Bytes read by all attempts together (at most the text once more): a
    // candidate can read to the end of the text before failing, so without
    // a budget, text full of unclosed brackets costs candidates × length.
    let mut budget = text.len() + 64 * 1024;
    while let Some(start) = lenient::next_start(text, pos) {
        attempts += 1;
        if attempts > MAX_CANDIDATES {
            break;
        }
        let parsed = lenient::parse_prefix_salvaging(text, start);
        let read = match &parsed {
            Ok((_, end, _)) => end - start,
            Err(failure) => failure.error.offset.saturating_sub(start),
        };
        budget = budget.saturating_sub(read);
        if budget == 0 {
            break;
        }
        match parsed {
            Ok((value, end, dialect)) => {
                if let Some((payload, envelope)) = recognise_kind(&value, kind) {
                    return Ok(Found {
                        payload,
                        form: form_of(&dialect),
                        gaps: Gaps::of(&dialect, &value),
                        embedded: true,
                        envelope,
                    });
                }
                let kept = value.as_object().is_some_and(|o| !o.is_empty())
                    || model::status_in(&value).is_some();
                // A quoted string may hold a payload after other words
                // (`'Reason: {…}'`): go on inside it.
                pos = if value.is_string() { start + 1 } else { end };
                if first_unrecognised.is_none() && kept {
                    first_unrecognised = Some(value);
                }
            }
            Err(failure) => {
                let lenient::Failure {
                    error: err,
                    salvaged,
                    dialect,
                } = *failure;
                for value in &salvaged {
                    if let Some((payload, envelope)) = recognise_kind(value, kind) {
                        return Ok(Found {
                            payload,
                            form: form_of(&dialect),
                            gaps: Gaps::of(&dialect, value),
                            embedded: true,
                            envelope,
                        });
                    }
                }
                // Starts inside the failed read would fail where it failed:
                // go on from there, which keeps the scan linear.
                let resume = err.offset.max(start + 1);
                // A failed object start is a better clue than a stray `[`.
                let better = first_error.is_none()
                    || (text.as_bytes()[start] == b'{'
                        && err.offset > first_error.as_ref().map_or(0, |e| e.offset));
                if better && (text.as_bytes()[start] == b'{' || first_error.is_none()) {
                    first_error = Some(err);
                }
                pos = resume;
            }
        }
    }
    // Notations that are not JSON's relatives: EDN, XML, YAML, logfmt.
    for document in notations::documents(text) {
        if let Some((payload, envelope)) = recognise_kind(&document.value, kind) {
            return Ok(Found {
                gaps: Gaps::of(&lenient::Dialect::default(), &document.value),
                payload,
                form: match document.notation {
                    notations::Notation::Logfmt => Form::Logfmt,
                    notations::Notation::Yaml => Form::Yaml,
                    notations::Notation::Xml => Form::Xml,
                    notations::Notation::Edn => Form::Edn,
                },
                embedded: document.embedded_in(text),
                envelope,
            });
        }
        // Read as a document, a service's status is told apart from prose.
        if first_unrecognised.is_none() && model::status_in(&document.value).is_some() {
            first_unrecognised = Some(document.value);
        }
    }
    // `key: value` lines whose opening brace was not copied.
    if let Some((value, dialect)) = lenient::parse_members(text) {
        if let Some((payload, envelope)) = recognise_kind(&value, kind) {
            return Ok(Found {
                payload,
                form: form_of(&dialect),
                gaps: Gaps::of(&dialect, &value),
                embedded: true,
                envelope,
            });
        }
    }
    if let Some(value) = table(text) {
        if let Some((payload, envelope)) = recognise_kind(&value, kind) {
            return Ok(Found {
                gaps: Gaps::of(&lenient::Dialect::default(), &value),
                payload,
                form: Form::Table,
                embedded: true,
                envelope,
            });
        }
    }
    if let Some(value) = first_unrecognised {
        return Err(not_recognised(&value, kind));
    }
    match first_error {
        Some(err) => {
            let (line, column) = lenient::line_col(text, err.offset);
            Err(InputError::Syntax {
                line,
                column,
                expected: err.expected.to_string(),
                found: err.found,
            })
        }
        None => Err(InputError::NoPayload),
    }
}

/// How many lines [`table`] reads; a table of a payload's fields is short.
const MAX_TABLE_LINES: usize = 400;
/// Longest field name in a table row.
const MAX_TABLE_KEY: usize = 64;

/// The rows of a two-column table of fields, as an object: Markdown rows
/// (`| code | 190 |`), `key<TAB>value` (Postman, log viewers) and columns
/// aligned with two or more spaces (`error.code   190`). Field names are
/// words or paths (`response.data.error.code`); a path is rebuilt when the
/// object is recognised. At least three rows, or `None`.
fn table(text: &str) -> Option<Value> {
    let is_key = |key: &str| {
        key.len() <= MAX_TABLE_KEY
            && key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    };
    let mut rows = serde_json::Map::new();
    for line in text.lines().take(MAX_TABLE_LINES) {
        let row = line.trim();
        let (key, value) = if let Some(inner) = row.strip_prefix('|') {
            let cells: Vec<&str> = inner
                .trim_end_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            match cells.as_slice() {
                [key, value] => (*key, *value),
                _ => continue,
            }
        } else if let Some((key, value)) = row.split_once('\t') {
            (key.trim(), value.trim())
        } else if let Some(at) = row.find("  ") {
            (row[..at].trim(), row[at..].trim())
        } else {
            continue;
        };
        let key = key.trim_matches(['`', '*']);
        let value = value.trim_matches(['`', '"']);
        if !is_key(key) || value.is_empty() {
            continue;
        }
        let cell = match value {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => value
                .parse::<u64>()
                .ok()
                .filter(|_| value.len() <= 15)
                .map_or_else(|| Value::String(value.to_string()), Value::from),
        };
        rows.entry(key.to_string()).or_insert(cell);
    }
    (rows.len() >= 3).then_some(Value::Object(rows))
}

fn not_recognised(value: &Value, kind: Option<InputKind>) -> InputError {
    if let Some(kind) = kind {
        return InputError::NotOfKind { kind };
    }
    match model::status_in(value) {
        Some((code, phrase)) => InputError::Status {
            code,
            phrase: phrase.into(),
        },
        None => InputError::Unrecognised {
            keys: value
                .as_object()
                .map(|o| o.keys().take(8).cloned().collect())
                .unwrap_or_default(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Guzzle cuts a body at a fixed length, wherever that falls: in a
    /// `\uXXXX` escape (PHP escapes every non-ASCII letter), after a
    /// backslash, or between two escaped backslashes. Cut anywhere in
    /// the message, the body is still read, as an error whose code is cut.
    #[test]
    fn a_body_cut_anywhere_in_its_message_is_read_up_to_the_cut() {
        let body = r#"{"error":{"message":"Can't Load URL: \u0a86 URL \u0aa8\u0ac0 C:\\logs\\ \u0a8f\u0aaa","type":"OAuthException","code":191}}"#;
        let from = body.find("Load").unwrap();
        let to = body.find("\",\"type").unwrap();
        for cut in from..to {
            let text = format!(
                "[2018-04-25 10:30:41] testing.ERROR: Client error: `POST https://graph.facebook.com/v2.10/oauth/access_token` resulted in a `400 Bad Request` response:\n{} (truncated...)\n",
                &body[..cut]
            );
            let reading = read(&text, None);
            let Ok(Payload::GraphError(error)) = &reading.payload else {
                panic!("cut at {cut}: {:?}\n{text}", reading.payload);
            };
            assert!(reading.gaps.truncated, "{text}");
            assert!(
                error
                    .message
                    .as_deref()
                    .is_some_and(|m| m.starts_with("Can't")),
                "{text}"
            );
        }
    }

    #[test]
    fn a_payload_inside_a_quoted_or_backticked_sentence_is_read_as_json() {
        let json = r#"{"error":{"message":"m","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"AbCd"}}"#;
        for (open, close) in [
            ("`", "`"),
            ("'", "'"),
            ("\"", "\""),
            ("``", "``"),
            ("`", ""),
        ] {
            for before in ["", "Reason: ", "error => ", "Erro ao enviar: "] {
                for after in ["", " at line 3", "."] {
                    let text = format!("{open}{before}{json}{after}{close}");
                    let reading = read(&text, None);
                    let Ok(Payload::GraphError(error)) = &reading.payload else {
                        panic!("{text}: {:?}", reading.payload);
                    };
                    assert_eq!(error.error_subcode, Some(463), "{text}");
                    assert_eq!(error.fbtrace_id.as_deref(), Some("AbCd"), "{text}");
                }
            }
        }
    }

    /// pm2 and docker compose print a prefix before each line; a copy
    /// often starts at the document's `{`, without the first prefix.
    #[test]
    fn a_document_whose_lines_a_process_manager_prefixed_is_read() {
        let json = "{\n  \"error\": {\n    \"message\": \"(#131030) Recipient not in allowed list\",\n    \"type\": \"OAuthException\",\n    \"code\": 131030,\n    \"fbtrace_id\": \"AbCd\"\n  }\n}";
        for prefix in [
            "0|node  | ",
            "web-1  | ",
            "app_1      | ",
            "12|api-gateway | ",
        ] {
            for first_prefixed in [false, true] {
                let text: String = json
                    .lines()
                    .enumerate()
                    .map(|(i, line)| match i == 0 && !first_prefixed {
                        true => format!("{line}\n"),
                        false => format!("{prefix}{line}\n"),
                    })
                    .collect();
                let reading = read(&text, None);
                let Ok(Payload::GraphError(error)) = &reading.payload else {
                    panic!("{text}: {:?}", reading.payload);
                };
                assert_eq!(error.code, Some(131030), "{text}");
                assert_eq!(error.fbtrace_id.as_deref(), Some("AbCd"), "{text}");
            }
        }
    }

    #[test]
    fn only_an_escape_the_cut_went_through_is_dropped() {
        assert_eq!(without_cut_escape(r#"{"m":"a \u0a"#), r#"{"m":"a "#);
        assert_eq!(without_cut_escape(r#"{"m":"a \"#), r#"{"m":"a "#);
        assert_eq!(without_cut_escape(r#"{"m":"a \\"#), r#"{"m":"a \\"#);
        assert_eq!(without_cut_escape(r#"{"m":"a \u0a86"#), r#"{"m":"a \u0a86"#);
        assert_eq!(without_cut_escape(r#"{"m":"a \n b"#), r#"{"m":"a \n b"#);
    }

    fn kind_of(text: &str) -> Result<InputKind, InputError> {
        read(text, None).payload.map(|p| p.kind())
    }

    #[test]
    fn a_message_cut_out_of_an_authentication_challenge_is_checked_for_secrets_on_its_own() {
        // Found by fuzzing: inside the challenge the token-named value was
        // spared as part of it; read from words, the message stood alone.
        for value in [
            "Otoken ACCESS_TOKEN",
            "EAAGm0PX4ZCpsBAKZCQq9ZBfakeZCtokenZDZDvaluePLx7Q2ZBr9ZCZAZD",
        ] {
            for quote in ['\'', '"'] {
                let text = format!(
                    "'invalid access token': 'OAuth \"Facebook Platform\" \"invalid_token\" \"Bad token{quote}: {quote}{value}\"',"
                );
                let reading = read(&text, None);
                if let Ok(Payload::GraphError(error)) = &reading.payload {
                    let message = error.message.as_deref().unwrap_or_default();
                    assert!(!secrets::contains_secret(message), "{message}");
                    assert!(!message.contains(&value[4..]), "{message}");
                }
            }
        }
    }

    #[test]
    fn a_document_in_a_notation_is_embedded_only_when_other_text_is_around_it() {
        let documents = [
            (Form::Yaml, "error:\n  message: Bad\n  type: OAuthException\n  code: 190\n"),
            (Form::Xml, "<?xml version=\"1.0\"?>\n<error><message>Bad</message><code>190</code><type>OAuthException</type></error>"),
            (Form::Edn, "{:error {:message \"Bad\", :type \"OAuthException\", :code 190}}"),
            (Form::Logfmt, "level=error msg=\"(#190) Bad\" code=190 type=OAuthException"),
        ];
        for (form, document) in documents {
            let alone = read(document, None);
            assert_eq!(alone.form, Some(form), "{document}");
            assert!(!alone.embedded, "{document}");
            let around = read(&format!("I get this:\n{document}\nAny idea?"), None);
            assert_eq!(around.form, Some(form), "{document}");
            assert!(around.embedded, "{document}");
        }
    }

    #[test]
    fn curl_output_with_headers() {
        let text = "HTTP/2 400 \ncontent-type: application/json\nwww-authenticate: OAuth \"Facebook Platform\" \"invalid_token\" \"Invalid OAuth access token\"\nx-business-use-case-usage: {\"123\":[{\"type\":\"whatsapp_business_management\",\"call_count\":1}]}\n\n{\"error\":{\"message\":\"Invalid OAuth access token\",\"type\":\"OAuthException\",\"code\":190,\"fbtrace_id\":\"A\"}}";
        let reading = read(text, None);
        assert_eq!(reading.payload.unwrap().kind(), InputKind::GraphError);
        assert!(reading.embedded);
        assert_eq!(reading.http.status, Some(400));
        assert!(reading
            .http
            .www_authenticate
            .unwrap()
            .contains("invalid_token"));
    }

    #[test]
    fn python_repr_in_exception_text() {
        let text = "facebook.GraphAPIError: {'error': {'message': 'Bad', 'type': 'OAuthException', 'code': 10, 'is_transient': False}}";
        let reading = read(text, None);
        assert_eq!(reading.payload.unwrap().kind(), InputKind::GraphError);
        assert_eq!(reading.form, Some(Form::PythonRepr));
    }

    #[test]
    fn syntax_error_has_position() {
        let err = kind_of("{\n \"data\": {\"is_valid\": true\n \"scopes\": []}}").unwrap_err();
        assert!(matches!(err, InputError::Syntax { line: 3, .. }), "{err:?}");
    }

    #[test]
    fn errors_for_empty_prose_and_unrelated_json() {
        assert_eq!(kind_of("   \n"), Err(InputError::Empty));
        assert_eq!(
            kind_of("it does not work, help"),
            Err(InputError::NoPayload)
        );
        assert!(matches!(
            kind_of(r#"{"name":"x","id":"1"}"#),
            Err(InputError::Unrecognised { .. })
        ));
    }

    #[test]
    fn too_large_is_refused() {
        let big = " ".repeat(MAX_INPUT_BYTES + 1);
        assert!(matches!(kind_of(&big), Err(InputError::TooLarge { .. })));
    }

    #[test]
    fn override_forces_a_kind() {
        let text = r#"{"error":{"code":190,"message":"x","type":"OAuthException"}}"#;
        assert_eq!(
            read(text, Some(InputKind::DebugToken)).payload,
            Err(InputError::NotOfKind {
                kind: InputKind::DebugToken
            })
        );
        assert!(read(text, Some(InputKind::GraphError)).payload.is_ok());
    }

    #[test]
    fn json_string_holding_json() {
        let text = r#""{\"error\":{\"code\":4,\"message\":\"x\",\"type\":\"OAuthException\"}}""#;
        assert_eq!(kind_of(text), Ok(InputKind::GraphError));
    }

    #[test]
    fn secrets_are_removed_before_reading() {
        let token = format!("EAAG{}", "a1".repeat(40));
        let text = format!("curl 'https://graph.facebook.com/debug_token?input_token={token}'\n{{\"data\":{{\"is_valid\":true,\"app_id\":\"1\",\"type\":\"USER\",\"scopes\":[]}}}}");
        let reading = read(&text, None);
        assert!(reading.secrets_redacted >= 1);
        assert_eq!(reading.payload.unwrap().kind(), InputKind::DebugToken);
    }
}
