//! What the command lines print, written once for both of them: the Rust
//! CLI (`scopelens`) and the npm package's `npx scopelens`, so that the two
//! print the same bytes for the same input.
//!
//! Each renderer writes lines to a [`Screen`]. The CLI's screen sends them to
//! the terminal as they come; [`TextScreen`] gathers them into a string for
//! the wasm binding. Every piece of text goes through [`shown`] (secrets
//! removed, terminal controls made visible) except a share link's fragment,
//! which goes through [`visible`] only; only the screen's own colours
//! ([`Style`]) reach a terminal as escape sequences.

use crate::diagnose::{Diagnosis, Severity};
use crate::kb::endpoints::EndpointMatch;
use crate::kb::errors::{family_of, ErrorEntry, ErrorLookup, Family};
use crate::names::named_enum;
use crate::triage::{GroupReport, TriageReport, MAX_RECORD_BYTES};
use crate::{render, secrets, time, units};
use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;

named_enum! {
    /// The output formats of `diagnose`, `explain`, `endpoint` and `open`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Format {
        Text = "text",
        Json = "json",
        Markdown = "markdown",
    }
}

named_enum! {
    /// The output formats of `triage`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum TriageFormat {
        Text = "text",
        Json = "json",
        Markdown = "markdown",
        Csv = "csv",
    }
}

/// The colours the command lines use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Red,
    Yellow,
    Blue,
    Green,
    Bold,
    Dim,
}

impl Style {
    /// The ANSI escape sequence that starts the style.
    pub fn ansi(self) -> &'static str {
        match self {
            Style::Red => "\x1b[31m",
            Style::Yellow => "\x1b[33m",
            Style::Blue => "\x1b[34m",
            Style::Green => "\x1b[32m",
            Style::Bold => "\x1b[1m",
            Style::Dim => "\x1b[2m",
        }
    }
}

/// The ANSI escape sequence that ends a [`Style`].
pub const RESET: &str = "\x1b[0m";

/// `text` with every control a terminal could act on written as `\uXXXX`:
/// C0 but newline and tab, DEL, C1, and the bidirectional formatting
/// characters ([`render::is_unsafe_control`]). The same form is a valid
/// escape inside a JSON string, so one rule serves text, Markdown and JSON.
pub fn visible(text: &str) -> Cow<'_, str> {
    if text.chars().any(render::is_unsafe_control) {
        Cow::Owned(render::visible_controls(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// What may be shown of any text a command line prints: secrets removed,
/// then controls made visible.
pub fn shown(text: &str) -> String {
    visible(&secrets::redact(text).text).into_owned()
}

/// Where the renderers write. `text` and `paint` take any text (they show it
/// through [`shown`]); `link` takes a share link; `verbatim` takes text that
/// is already safe to print ([`json_text`]).
pub trait Screen {
    fn text(&mut self, text: &str) -> &mut Self;
    fn paint(&mut self, style: Style, text: &str) -> &mut Self;
    /// A share link: controls made visible, but not redacted, since its
    /// compressed fragment can hold any letters and its content was redacted
    /// when it was made.
    fn link(&mut self, text: &str) -> &mut Self;
    fn verbatim(&mut self, text: &str);
    /// Ends the line.
    fn end(&mut self);
    /// Sends what is written so far without ending the line.
    fn flush(&mut self);

    /// One whole line of text.
    fn say(&mut self, text: &str) {
        self.text(text).end();
    }

    /// An empty line.
    fn blank(&mut self) {
        self.end();
    }
}

/// A [`Screen`] that gathers the output in a string, coloured or not.
#[derive(Debug, Default)]
pub struct TextScreen {
    color: bool,
    out: String,
}

impl TextScreen {
    pub fn new(color: bool) -> TextScreen {
        TextScreen {
            color,
            out: String::new(),
        }
    }

    /// Everything written so far.
    pub fn into_string(self) -> String {
        self.out
    }
}

impl Screen for TextScreen {
    fn text(&mut self, text: &str) -> &mut Self {
        self.out.push_str(&shown(text));
        self
    }

    fn paint(&mut self, style: Style, text: &str) -> &mut Self {
        if self.color {
            self.out.push_str(style.ansi());
            self.out.push_str(&shown(text));
            self.out.push_str(RESET);
        } else {
            self.out.push_str(&shown(text));
        }
        self
    }

    fn link(&mut self, text: &str) -> &mut Self {
        self.out.push_str(&visible(text));
        self
    }

    fn verbatim(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn end(&mut self) {
        self.out.push('\n');
    }

    fn flush(&mut self) {}
}

/// `value` as JSON with every string (keys too) that holds a secret
/// redacted: what `--format json` prints, as a value.
pub fn json_value(value: &impl Serialize) -> Result<Value, String> {
    let mut value = serde_json::to_value(value).map_err(|e| format!("cannot write JSON: {e}"))?;
    redact_strings(&mut value);
    Ok(value)
}

/// What `--format json` prints: [`json_value`], pretty, with controls
/// written as JSON escapes, and a final newline.
pub fn json_text(value: &impl Serialize) -> Result<String, String> {
    let value = json_value(value)?;
    let text =
        serde_json::to_string_pretty(&value).map_err(|e| format!("cannot write JSON: {e}"))?;
    // Outside strings serde writes only ASCII punctuation, so every unsafe
    // character is inside a string, where `\uXXXX` is valid.
    Ok(format!("{}\n", visible(&text)))
}

fn redact_strings(value: &mut Value) {
    match value {
        Value::String(s) => {
            let clean = secrets::redact(s);
            if clean.count > 0 {
                *s = clean.text;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_strings),
        Value::Object(map) => {
            let entries = std::mem::take(map);
            for (key, mut item) in entries {
                redact_strings(&mut item);
                map.insert(secrets::redact(&key).text, item);
            }
        }
        _ => {}
    }
}

fn write_json(s: &mut impl Screen, value: &impl Serialize) {
    match json_text(value) {
        Ok(text) => s.verbatim(&text),
        Err(message) => s.say(&message),
    }
}

/// `diagnose` and `open`.
pub fn diagnosis(s: &mut impl Screen, d: &Diagnosis, format: Format) {
    match format {
        Format::Json => write_json(s, d),
        Format::Markdown => {
            // Markdown from the core is already inert; it still goes
            // through the screen for redaction and controls.
            for line in render::to_markdown(d).lines() {
                s.say(line);
            }
        }
        Format::Text => diagnosis_text(s, d),
    }
}

fn diagnosis_text(s: &mut impl Screen, d: &Diagnosis) {
    let verdict_style = match d.verdict.id() {
        "ok" => Style::Green,
        "warning" => Style::Yellow,
        _ => Style::Red,
    };
    let mut read = d.input.kind.title().to_string();
    for fact in d.input.read_as() {
        read.push_str(", ");
        read.push_str(&fact);
    }
    s.paint(Style::Bold, "Read:").text(" ").text(&read).end();
    s.paint(Style::Bold, "Verdict:")
        .text(" ")
        .paint(verdict_style, d.verdict.headline())
        .end();
    s.paint(Style::Dim, &format!("As of {}", time::utc(d.now)))
        .end();
    for f in &d.findings {
        let (style, label) = match f.severity {
            Severity::Error => (Style::Red, "error"),
            Severity::Warning => (Style::Yellow, "warning"),
            Severity::Info => (Style::Blue, "info"),
        };
        s.blank();
        s.paint(style, &format!("[{label}]"))
            .text(" ")
            .paint(Style::Bold, &f.title)
            .text("  ")
            .paint(Style::Dim, f.id)
            .end();
        s.say(&format!("  {}", f.explanation));
        for (n, step) in f.fix.iter().enumerate() {
            s.say(&format!("  {}. {step}", n + 1));
        }
        for source in &f.sources {
            s.text("  ").paint(Style::Dim, source).end();
        }
    }
    let needed: Vec<_> = d.scopes.iter().filter(|r| r.needed).collect();
    if !needed.is_empty() {
        s.blank();
        s.paint(Style::Bold, "Permissions needed:").end();
        for row in needed {
            s.say(&format!(
                "  {:<34} {}",
                row.permission,
                render::state_words(row.state)
            ));
        }
    }
}

/// What `explain --format json` prints: the catalog's entry for a code, or
/// the family of codes it belongs to when the catalog lacks it. The fields
/// are in alphabetical order, the order the CLI has always printed them in.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct Explanation {
    /// The entry's anchor in the guide's error reference (known codes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    pub code: u32,
    /// The catalog's entry (known codes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<ErrorEntry>,
    /// The range of codes this one belongs to (unknown codes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<Family>,
    /// Whether the catalog has the code.
    pub known: bool,
    /// `190`, `190/463`, `200-299`: the entry as the guide writes it (known codes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub subcode: Option<u32>,
    /// Whether the entry is the subcode's own rather than the code's (known codes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subcode_matched: Option<bool>,
}

impl Explanation {
    pub fn of(code: u32, subcode: Option<u32>, lookup: &ErrorLookup) -> Explanation {
        let unknown = Explanation {
            anchor: None,
            code,
            entry: None,
            family: None,
            known: false,
            label: None,
            subcode,
            subcode_matched: None,
        };
        match lookup {
            ErrorLookup::Known {
                entry,
                subcode_matched,
            } => Explanation {
                anchor: Some(entry.anchor()),
                entry: Some(**entry),
                known: true,
                label: Some(entry.label()),
                subcode_matched: Some(*subcode_matched),
                ..unknown
            },
            ErrorLookup::Unknown { family } => Explanation {
                family: Some(*family),
                ..unknown
            },
        }
    }
}

/// `explain`.
pub fn explanation(
    s: &mut impl Screen,
    code: u32,
    subcode: Option<u32>,
    lookup: &ErrorLookup,
    format: Format,
) {
    match (lookup, format) {
        (_, Format::Json) => write_json(s, &Explanation::of(code, subcode, lookup)),
        (ErrorLookup::Known { entry, .. }, Format::Markdown) => explanation_markdown(s, entry),
        (
            ErrorLookup::Known {
                entry,
                subcode_matched,
            },
            Format::Text,
        ) => {
            s.paint(Style::Bold, &format!("Error {}:", entry.label()))
                .text(" ")
                .text(entry.title)
                .end();
            if let (Some(sub), false) = (subcode, subcode_matched) {
                s.paint(
                    Style::Dim,
                    &format!(
                        "(subcode {sub} is not in the catalog; this is the entry for the code)"
                    ),
                )
                .end();
            }
            let status = entry
                .http_status
                .map_or("not documented".to_string(), |s| s.to_string());
            s.say(&format!(
                "Category: {}   HTTP status (documented): {status}   Who can fix it: {}",
                entry.category.title(),
                entry.fixable_by.label()
            ));
            s.blank();
            s.say(entry.explanation);
            s.blank();
            for (n, step) in entry.fix.iter().enumerate() {
                s.say(&format!("  {}. {step}", n + 1));
            }
            s.say(&format!("  {}", entry.retry.advice()));
            s.blank();
            for source in entry.sources {
                s.paint(Style::Dim, source).end();
            }
        }
        (ErrorLookup::Unknown { .. }, Format::Text | Format::Markdown) => {
            let family = family_of(code);
            s.say(&format!("Error {code} is not in the scopelens catalog."));
            s.say(&format!(
                "By its number it belongs to {} ({}).",
                family.name,
                family.category.title().to_lowercase()
            ));
            s.say(&format!("See {}", family.source));
        }
    }
}

fn explanation_markdown(s: &mut impl Screen, entry: &ErrorEntry) {
    s.say(&format!(
        "## Error {}: {}",
        entry.label(),
        render::markdown_text(entry.title)
    ));
    s.blank();
    s.say(&render::markdown_text(entry.explanation));
    s.blank();
    for (n, step) in entry.fix.iter().enumerate() {
        s.say(&format!("{}. {}", n + 1, render::markdown_text(step)));
    }
    s.blank();
    s.say(&render::markdown_text(entry.retry.advice()));
    s.blank();
    let links: Vec<String> = entry.sources.iter().map(|s| format!("<{s}>")).collect();
    s.say(&format!("Sources: {}", links.join(", ")));
}

/// `endpoint`.
pub fn endpoint(s: &mut impl Screen, found: &EndpointMatch, format: Format) {
    if let Format::Json = format {
        return write_json(s, found);
    }
    let md = matches!(format, Format::Markdown);
    // In Markdown the request, which comes from the user, is inert text.
    let user_text = |t: &str| {
        if md {
            render::markdown_code(t)
        } else {
            t.to_string()
        }
    };
    let version = found
        .version
        .as_deref()
        .map(|v| format!(" ({})", user_text(v)))
        .unwrap_or_default();
    s.paint(Style::Bold, "Request:")
        .text(&format!(
            " {} {}{version}",
            user_text(&found.method),
            user_text(&found.path)
        ))
        .end();
    if found.candidates.is_empty() {
        s.say("No endpoint in the knowledge base matches this request. Check the path: the ID must be a number, and the edge name spelled as in Meta's reference.");
        return;
    }
    if found.candidates.len() > 1 {
        s.say(&format!(
            "This path fits {} endpoints; which one depends on the kind of ID:",
            found.candidates.len()
        ));
    }
    for e in &found.candidates {
        s.blank();
        s.paint(Style::Bold, e.method)
            .text(&format!(" {}  {}", e.path, e.summary))
            .end();
        let perms = if e.permissions.is_empty() {
            "none (any valid token)".to_string()
        } else {
            e.permissions.join(" + ")
        };
        s.text("  Needs: ").paint(Style::Green, &perms).end();
        if !e.note.is_empty() {
            s.say(&format!("  {}", e.note));
        }
        for source in e.sources {
            s.text("  ").paint(Style::Dim, source).end();
        }
    }
}

/// `share`: the page's address (anything after a `#` dropped) and the
/// fragment [`crate::share::encode_share`] made.
pub fn share_link(s: &mut impl Screen, base: &str, fragment: &str) {
    let base = base.split('#').next().unwrap_or_default();
    s.text(base).link(&format!("#{fragment}")).end();
}

/// `triage`'s report on standard output.
pub fn triage_report(s: &mut impl Screen, report: &TriageReport, format: TriageFormat) {
    match format {
        TriageFormat::Json => write_json(s, report),
        TriageFormat::Csv => {
            let mut header: Vec<&str> = report.by.clone();
            header.extend([
                "count",
                "first_seen",
                "last_seen",
                "category",
                "fixable_by",
                "title",
            ]);
            let mut rows = vec![header.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
            for g in &report.groups {
                let mut cells: Vec<String> = report
                    .by
                    .iter()
                    .map(|k| plain_or_empty(&g.key[*k]))
                    .collect();
                cells.push(g.count.to_string());
                cells.push(g.first_seen.clone().unwrap_or_default());
                cells.push(g.last_seen.clone().unwrap_or_default());
                cells.push(g.category.to_string());
                cells.push(g.fixable_by.unwrap_or_default().to_string());
                cells.push(g.title.clone());
                rows.push(cells);
            }
            s.text(&csv_text(&rows)).flush();
        }
        TriageFormat::Markdown => {
            s.say(&format!(
                "## scopelens triage: {} errors, {} groups",
                report.total_errors,
                report.groups.len()
            ));
            s.blank();
            s.say(&format!(
                "| {} | count | first seen | last seen | category | who can fix | what |",
                report.by.join(" | ")
            ));
            s.say(&format!(
                "|{}---|---|---|---|---|---|",
                "---|".repeat(report.by.len())
            ));
            for g in report.groups_blocking_first() {
                let keys: Vec<String> = report
                    .by
                    .iter()
                    .map(|k| render::markdown_text(&plain(&g.key[*k])))
                    .collect();
                s.say(&format!(
                    "| {} | {} | {} | {} | {} | {} | {} |",
                    keys.join(" | "),
                    g.count,
                    g.first_seen.as_deref().unwrap_or("-"),
                    g.last_seen.as_deref().unwrap_or("-"),
                    g.category,
                    g.fixable_by.unwrap_or("-"),
                    blocking_mark(g, "**blocks every call:** ") + &render::markdown_text(&g.title)
                ));
            }
            if report.unreadable_lines > 0 {
                s.blank();
                s.say(&format!(
                    "{} lines could not be read.",
                    report.unreadable_lines
                ));
            }
        }
        TriageFormat::Text => {
            s.say(&text_heading(report));
            for g in report.groups_blocking_first() {
                s.blank();
                s.say(&format!(
                    "{:>9}  {}  {}{}",
                    g.count,
                    key_text(&g.key),
                    blocking_mark(g, "BLOCKS EVERY CALL: "),
                    g.title
                ));
                let seen = match (&g.first_seen, &g.last_seen) {
                    (Some(f), Some(l)) => format!("  first {f}, last {l}"),
                    _ => String::new(),
                };
                s.say(&format!(
                    "           {} · fixable by {}{seen}",
                    g.category,
                    g.fixable_by.unwrap_or("unknown")
                ));
                if let Some(step) = g.fix.first() {
                    s.say(&format!("           fix: {step}"));
                }
            }
        }
    }
}

/// `triage`'s summary on standard error: the counts, what was read and how
/// fast, and the first unreadable and oversized lines.
pub fn triage_summary(
    s: &mut impl Screen,
    report: &TriageReport,
    bytes: u64,
    seconds: f64,
    inputs: usize,
) {
    let secs = seconds.max(0.000_001);
    s.say(&format!(
        "triage: {} errors in {} groups, {} lines ({} without errors, {} unreadable, {} oversized) from {inputs} input(s), {:.1} MB in {:.2} s ({:.0} MB/s)",
        report.total_errors,
        report.groups.len(),
        report.lines,
        report.lines_without_errors,
        report.unreadable_lines,
        report.oversized_records,
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs
    ));
    let listed = |numbers: &[u64], total: u64| {
        let shown: Vec<String> = numbers.iter().take(20).map(|n| n.to_string()).collect();
        let more = if total as usize > shown.len() {
            ", …"
        } else {
            ""
        };
        format!("{}{more}", shown.join(", "))
    };
    if report.unreadable_lines > 0 {
        s.say(&format!(
            "triage: unreadable lines: {}",
            listed(&report.unreadable_line_numbers, report.unreadable_lines)
        ));
    }
    if report.oversized_records > 0 {
        s.say(&format!(
            "triage: records longer than {} skipped, starting on lines: {}",
            units::megabytes(MAX_RECORD_BYTES as f64),
            listed(&report.oversized_record_lines, report.oversized_records)
        ));
    }
}

/// The text output's first line: errors, then what became of every line.
fn text_heading(report: &TriageReport) -> String {
    format!(
        "{} errors in {} groups ({} lines read: {} without errors, {} unreadable; {} too long to read)",
        report.total_errors,
        report.groups.len(),
        report.lines,
        report.lines_without_errors,
        report.unreadable_lines,
        report.oversized_records
    )
}

/// `mark` before a group that stops every call (listed first), nothing otherwise.
fn blocking_mark(group: &GroupReport, mark: &str) -> String {
    if group.blocks_every_call {
        mark.to_string()
    } else {
        String::new()
    }
}

fn key_text(key: &Value) -> String {
    key.as_object()
        .map(|o| {
            o.iter()
                .map(|(k, v)| {
                    format!(
                        "{k}={}",
                        v.as_str().map_or_else(|| v.to_string(), str::to_string)
                    )
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// CSV with the `csv` crate's quoting, lines ending with `\n` alone (a `\r`
/// is a control a screen would show escaped), and every cell a spreadsheet
/// would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) prefixed with `'`, as OWASP recommends: quoting alone
/// does not stop `=HYPERLINK(…)` from running.
pub fn csv_text(rows: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for row in rows {
        // Writing to memory cannot fail.
        let _ = writer.write_record(row.iter().map(|cell| defused_cell(cell).into_owned()));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn defused_cell(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

fn plain(v: &Value) -> String {
    v.as_str().map_or_else(
        || {
            if v.is_null() {
                "-".to_string()
            } else {
                v.to_string()
            }
        },
        str::to_string,
    )
}

fn plain_or_empty(v: &Value) -> String {
    if v.is_null() {
        String::new()
    } else {
        plain(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb;

    #[test]
    fn controls_are_shown_as_escapes_and_newlines_and_tabs_stay() {
        assert_eq!(
            visible("a\x1b[2Jb\u{9b}c\r\n\td\u{7f}\u{202e}"),
            "a\\u001b[2Jb\\u009bc\\u000d\n\td\\u007f\\u202e"
        );
        assert!(matches!(visible("plain é ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn escaped_controls_keep_json_valid() {
        let text = serde_json::to_string(&"x\u{9b}y\u{2066}").unwrap();
        let back: String = serde_json::from_str(&visible(&text)).unwrap();
        assert_eq!(back, "x\u{9b}y\u{2066}");
    }

    #[test]
    fn a_known_code_is_explained_with_its_entry_and_an_unknown_one_with_its_family() {
        let known = json_value(&Explanation::of(
            190,
            Some(463),
            &kb::lookup_error(190, Some(463)),
        ))
        .unwrap();
        assert_eq!(known["known"], true);
        assert_eq!(known["label"], "190/463");
        assert_eq!(known["entry"]["code"], 190);
        assert!(known.get("family").is_none());
        let unknown = json_value(&Explanation::of(
            131999,
            None,
            &kb::lookup_error(131999, None),
        ))
        .unwrap();
        assert_eq!(unknown["known"], false);
        assert!(unknown["family"]["name"].is_string());
        assert!(unknown.get("entry").is_none() && unknown["subcode"].is_null());
    }

    #[test]
    fn text_written_to_a_screen_loses_its_secrets_and_colours_only_when_asked() {
        let token = "EAAGm0PX4ZCpsBAKZBq6ZCZAxyzABCDEFGHIJKLMNOPqrstuvwxyz0123456789";
        let mut plain = TextScreen::new(false);
        plain.paint(Style::Red, token).text(" \x1b[2J").end();
        let plain = plain.into_string();
        assert!(!plain.contains(token) && !plain.contains('\x1b'), "{plain}");
        let mut coloured = TextScreen::new(true);
        coloured.paint(Style::Red, "red").end();
        assert_eq!(coloured.into_string(), "\x1b[31mred\x1b[0m\n");
    }

    #[test]
    fn a_csv_cell_is_quoted_only_when_it_must_be_and_a_formula_is_defused() {
        let rows = vec![vec![
            "plain".to_string(),
            "a,b".to_string(),
            "say \"hi\"".to_string(),
            "=1+1".to_string(),
            "-x,y".to_string(),
        ]];
        assert_eq!(
            csv_text(&rows),
            "plain,\"a,b\",\"say \"\"hi\"\"\",'=1+1,\"'-x,y\"\n"
        );
    }
}
