//! Triage: counting error occurrences across a whole log (JSON Lines, text
//! logs with JSON on their lines, webhook deliveries) and grouping them by
//! code, category, phone number, WABA, hour or day.
//!
//! The core only sees lines and values; reading files, gzip, threads and
//! progress belong to the caller. Partial results from several threads are
//! combined with [`Triage::merge`].

use crate::diagnose::errors::explain_code;
use crate::input::{self, InputError};
use crate::kb::errors::{family_of, lookup_error, Category, ErrorLookup, FixableBy};
use crate::model::{find_payload, Payload};
use crate::names::named_enum;
use crate::secrets;
use crate::time::{self, DAY, HOUR};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;

pub const SCHEMA: &str = "scopelens/triage/v1";

/// How many unreadable (and oversized) line numbers are kept for the report.
const MAX_UNREADABLE_LISTED: usize = 100;

/// The longest record (one line, one pretty-printed document or one array
/// element) triage reads: the most `diagnose` takes. Longer ones are skipped
/// and counted ([`Triage::oversized`]), so memory stays flat whatever the
/// input.
pub const MAX_RECORD_BYTES: usize = input::MAX_INPUT_BYTES;

named_enum! {
    /// What triage groups errors by; the name is the `--by` word and the
    /// key's field in the report.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    #[cfg_attr(feature = "typescript", derive(tsify_next::Tsify), serde(rename_all = "snake_case"))]
    pub enum GroupBy {
        Code = "code",
        Category = "category",
        Phone = "phone",
        Waba = "waba",
        Hour = "hour",
        Day = "day",
    }
}

impl GroupBy {
    pub fn parse(text: &str) -> Option<GroupBy> {
        GroupBy::from_id(text.trim())
    }
}

/// One error seen in the log.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    pub code: Option<u32>,
    pub phone: Option<String>,
    pub waba: Option<String>,
    pub time: Option<i64>,
    pub sample: Value,
}

/// The errors a payload carries (none for payloads that are not errors).
pub fn occurrences(payload: &Payload, line_time: Option<i64>) -> Vec<Occurrence> {
    match payload {
        Payload::GraphError(e) => vec![Occurrence {
            code: e.code,
            phone: None,
            waba: None,
            time: line_time,
            sample: serde_json::to_value(e).unwrap_or(Value::Null),
        }],
        Payload::WebhookError(w) => w
            .errors
            .iter()
            .map(|e| Occurrence {
                code: e.code,
                phone: e.phone_number_id.clone(),
                waba: e.waba_id.clone(),
                time: e.timestamp.or(line_time),
                sample: serde_json::to_value(e).unwrap_or(Value::Null),
            })
            .collect(),
        _ => Vec::new(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum KeyPart {
    Code(Option<u32>),
    Category(Category),
    Text(Option<String>),
    Time(Option<i64>),
}

#[derive(Debug, Clone)]
struct Group {
    count: u64,
    first_seen: Option<i64>,
    last_seen: Option<i64>,
    /// Occurrences per code, to explain the group by its most common code.
    codes: Vec<(Option<u32>, u64)>,
    sample: Value,
}

/// Running counts; feed it lines or values, then call [`Triage::report`].
#[derive(Debug, Clone)]
pub struct Triage {
    by: Vec<GroupBy>,
    groups: HashMap<Vec<KeyPart>, Group>,
    pub lines: u64,
    /// Records read without trouble that carry no error (deliveries, other
    /// log lines): nothing to count, and not unreadable either.
    pub without_errors: u64,
    pub total_errors: u64,
    pub unreadable: u64,
    pub unreadable_line_numbers: Vec<u64>,
    /// Records (lines, gathered documents, array elements) longer than
    /// [`MAX_RECORD_BYTES`], skipped unread.
    pub oversized: u64,
    pub oversized_line_numbers: Vec<u64>,
}

impl Triage {
    pub fn new(by: &[GroupBy]) -> Triage {
        let by = if by.is_empty() {
            vec![GroupBy::Code]
        } else {
            by.to_vec()
        };
        Triage {
            by,
            groups: HashMap::new(),
            lines: 0,
            without_errors: 0,
            total_errors: 0,
            unreadable: 0,
            unreadable_line_numbers: Vec::new(),
            oversized: 0,
            oversized_line_numbers: Vec::new(),
        }
    }

    /// The groupings, in order.
    pub fn by(&self) -> Vec<GroupBy> {
        self.by.clone()
    }

    /// Reads one line of a log; `line_no` is 1-based, for the report.
    pub fn add_line(&mut self, line_no: u64, line: &str) {
        let text = line.trim();
        if text.is_empty() {
            return;
        }
        self.lines += 1;
        if text.starts_with(['{', '[']) {
            // Fast path for JSON Lines: most deliveries carry no error, and
            // validating them without building a tree is several times faster.
            if !mentions_code(text) && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() {
                self.without_errors += 1;
                return;
            }
            if let Ok(value) = serde_json::from_str::<Value>(text) {
                self.add_record_errors(&value);
                return;
            }
        }
        let reading = input::read(text, None);
        match reading.payload {
            // A record cut off before any error is a damaged record, not a
            // delivery without errors.
            Ok(payload) if !reading.gaps.truncated || !occurrences(&payload, None).is_empty() => {
                let before = self.total_errors;
                self.add_payload(&payload, time::parse_leading_timestamp(text));
                self.without_errors += u64::from(self.total_errors == before);
            }
            // Text with nothing to read as an error (a log line such as
            // "INFO worker started", or one quoting JSON of another shape)
            // was read fine, and so was a service's status (`{"code":200,
            // "message":"OK"}`). Broken JSON (a record that failed to parse
            // above), and an error whose body is missing, were not: they
            // may hide an error, so they stay unreadable.
            Err(InputError::NoPayload | InputError::Empty | InputError::Status { .. }) => {
                self.without_errors += 1
            }
            Err(InputError::Unrecognised { .. }) if !text.starts_with(['{', '[']) => {
                self.without_errors += 1
            }
            _ => self.mark_unreadable(line_no),
        }
    }

    /// One whole record (a line, a pretty-printed document, an array
    /// element) parsed as JSON: its errors, or one more record without any.
    pub fn add_record(&mut self, value: &Value) {
        self.lines += 1;
        self.add_record_errors(value);
    }

    fn add_record_errors(&mut self, value: &Value) {
        let before = self.total_errors;
        self.add_value(value, None);
        self.without_errors += u64::from(self.total_errors == before);
    }

    /// Adds every error in an already parsed value (one delivery, one
    /// Graph error, or an array of them). Values of other shapes carry none.
    pub fn add_value(&mut self, value: &Value, line_time: Option<i64>) {
        let line_time = line_time.or_else(|| record_time(value));
        match find_payload(value, None) {
            Some(payload) => self.add_payload(&payload, line_time),
            None => {
                if let Value::Array(items) = value {
                    for item in items {
                        self.add_value(item, line_time);
                    }
                }
            }
        }
    }

    pub fn add_payload(&mut self, payload: &Payload, line_time: Option<i64>) {
        for occurrence in occurrences(payload, line_time) {
            self.add(occurrence);
        }
    }

    pub fn mark_unreadable(&mut self, line_no: u64) {
        self.unreadable += 1;
        if self.unreadable_line_numbers.len() < MAX_UNREADABLE_LISTED {
            self.unreadable_line_numbers.push(line_no);
        }
    }

    /// A record past [`MAX_RECORD_BYTES`], starting on line `line_no`.
    pub fn mark_oversized(&mut self, line_no: u64) {
        self.oversized += 1;
        if self.oversized_line_numbers.len() < MAX_UNREADABLE_LISTED {
            self.oversized_line_numbers.push(line_no);
        }
    }

    pub fn add(&mut self, o: Occurrence) {
        self.total_errors += 1;
        let key = self.key_of(&o);
        let group = self.groups.entry(key).or_insert_with(|| Group {
            count: 0,
            first_seen: None,
            last_seen: None,
            codes: Vec::new(),
            sample: o.sample.clone(),
        });
        group.count += 1;
        if let Some(t) = o.time {
            group.first_seen = Some(group.first_seen.map_or(t, |f| f.min(t)));
            group.last_seen = Some(group.last_seen.map_or(t, |l| l.max(t)));
        }
        match group.codes.iter_mut().find(|(c, _)| *c == o.code) {
            Some((_, n)) => *n += 1,
            None => group.codes.push((o.code, 1)),
        }
    }

    fn key_of(&self, o: &Occurrence) -> Vec<KeyPart> {
        self.by
            .iter()
            .map(|by| match by {
                GroupBy::Code => KeyPart::Code(o.code),
                GroupBy::Category => KeyPart::Category(category_of(o.code)),
                GroupBy::Phone => KeyPart::Text(o.phone.clone()),
                GroupBy::Waba => KeyPart::Text(o.waba.clone()),
                GroupBy::Hour => KeyPart::Time(o.time.map(|t| t - t.rem_euclid(HOUR))),
                GroupBy::Day => KeyPart::Time(o.time.map(|t| t - t.rem_euclid(DAY))),
            })
            .collect()
    }

    /// Combines counts from another part of the same input. `line_offset`
    /// is the number of lines before that part, to fix its line numbers.
    pub fn merge(&mut self, other: Triage, line_offset: u64) {
        self.lines += other.lines;
        self.without_errors += other.without_errors;
        self.total_errors += other.total_errors;
        self.unreadable += other.unreadable;
        for n in other.unreadable_line_numbers {
            if self.unreadable_line_numbers.len() < MAX_UNREADABLE_LISTED {
                self.unreadable_line_numbers.push(n + line_offset);
            }
        }
        self.oversized += other.oversized;
        for n in other.oversized_line_numbers {
            if self.oversized_line_numbers.len() < MAX_UNREADABLE_LISTED {
                self.oversized_line_numbers.push(n + line_offset);
            }
        }
        for (key, theirs) in other.groups {
            match self.groups.get_mut(&key) {
                None => {
                    self.groups.insert(key, theirs);
                }
                Some(ours) => {
                    ours.count += theirs.count;
                    ours.first_seen = min_opt(ours.first_seen, theirs.first_seen);
                    ours.last_seen = max_opt(ours.last_seen, theirs.last_seen);
                    for (code, n) in theirs.codes {
                        match ours.codes.iter_mut().find(|(c, _)| *c == code) {
                            Some((_, m)) => *m += n,
                            None => ours.codes.push((code, n)),
                        }
                    }
                }
            }
        }
    }

    pub fn report(&self) -> TriageReport {
        let mut groups: Vec<GroupReport> = self
            .groups
            .iter()
            .map(|(key, g)| self.group_report(key, g))
            .collect();
        groups.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.sort_key.cmp(&b.sort_key))
        });
        let mut unreadable_line_numbers = self.unreadable_line_numbers.clone();
        unreadable_line_numbers.sort_unstable();
        let mut oversized_record_lines = self.oversized_line_numbers.clone();
        oversized_record_lines.sort_unstable();
        TriageReport {
            schema: SCHEMA,
            total_errors: self.total_errors,
            unreadable_lines: self.unreadable,
            unreadable_line_numbers,
            oversized_records: self.oversized,
            oversized_record_lines,
            lines: self.lines,
            lines_without_errors: self.without_errors,
            by: self.by.iter().map(|b| b.id()).collect(),
            groups,
        }
    }

    fn group_report(&self, key: &[KeyPart], g: &Group) -> GroupReport {
        let top_code = g
            .codes
            .iter()
            .max_by_key(|(code, n)| (*n, std::cmp::Reverse(*code)))
            .and_then(|(c, _)| *c);
        let finding = explain_code(top_code, None, &[]);
        let (category, fixable_by) = match top_code.map(|c| lookup_error(c, None)) {
            Some(ErrorLookup::Known { entry, .. }) => (entry.category, Some(entry.fixable_by)),
            Some(ErrorLookup::Unknown { family }) => (family.category, None),
            None => (Category::Other, None),
        };
        let mut named = Map::new();
        for (by, part) in self.by.iter().zip(key) {
            named.insert(by.id().to_string(), key_value(part));
        }
        GroupReport {
            key: Value::Object(named),
            count: g.count,
            first_seen: g.first_seen.map(time::iso),
            last_seen: g.last_seen.map(time::iso),
            category: category.id(),
            fixable_by: fixable_by.map(FixableBy::label),
            blocks_every_call: blocks_every_call(category, fixable_by),
            title: finding.title,
            explanation: finding.explanation,
            fix: finding.fix,
            sample: redacted(&g.sample),
            sort_key: format!("{key:?}"),
        }
    }
}

/// Whether errors of this kind stop every call, not just some messages:
/// the credentials themselves are refused (an expired, revoked or invalid
/// token: [`Category::Authentication`]) or lack the access the calls need
/// (a missing permission or asset: [`Category::Permission`]). Nothing sent
/// with them works until someone fixes it, so they come first whatever
/// their count. One that goes away by waiting (fixable by nobody) does
/// not block.
pub fn blocks_every_call(category: Category, fixable_by: Option<FixableBy>) -> bool {
    matches!(category, Category::Authentication | Category::Permission)
        && fixable_by != Some(FixableBy::Nobody)
}

fn key_value(part: &KeyPart) -> Value {
    match part {
        KeyPart::Code(code) => code.map_or(Value::Null, Value::from),
        KeyPart::Category(c) => Value::from(c.id()),
        KeyPart::Text(t) => t.clone().map_or(Value::Null, Value::from),
        KeyPart::Time(t) => t.map_or(Value::Null, |t| Value::from(time::iso(t))),
    }
}

fn category_of(code: Option<u32>) -> Category {
    match code.map(|c| lookup_error(c, None)) {
        Some(ErrorLookup::Known { entry, .. }) => entry.category,
        Some(ErrorLookup::Unknown { .. }) => family_of(code.unwrap_or(0)).category,
        None => Category::Other,
    }
}

fn redacted(value: &Value) -> Value {
    let text = value.to_string();
    let clean = secrets::redact(&text);
    if clean.count == 0 {
        return value.clone();
    }
    serde_json::from_str(&clean.text).unwrap_or(Value::String(clean.text))
}

/// The time of a structured log record (`time`, `timestamp` or `ts`, unix seconds or ISO text).
fn record_time(value: &Value) -> Option<i64> {
    let obj = value.as_object()?;
    ["time", "timestamp", "ts"]
        .iter()
        .find_map(|key| match obj.get(*key)? {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.parse().ok().or_else(|| time::parse_leading_timestamp(s)),
            _ => None,
        })
}

fn mentions_code(text: &str) -> bool {
    text.contains("\"code\"")
}

fn min_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// Reads a whole log pushed in chunks of any size, the same way for the CLI
/// and the web app's worker:
///
/// - a log whose first non-blank byte is `[` is one JSON array, read
///   element by element (the first invalid element stops it, and its line
///   is reported as unreadable);
/// - anything else is read line by line (JSON Lines, text logs with JSON on
///   their lines), and a lone `{` or `[` line starts a pretty-printed
///   document, gathered until its brackets close and then parsed once;
/// - a record longer than [`MAX_RECORD_BYTES`] is skipped as it streams by
///   and counted as oversized, so memory stays flat and time linear.
///
/// Line numbers count every line of the input from 1, blank ones included.
pub struct LogReader {
    triage: Triage,
    mode: Mode,
    /// The unfinished last line (line mode), never longer than the limit.
    carry: Vec<u8>,
    /// The current line passed the limit: its bytes are dropped until it ends.
    skipping_line: bool,
    /// Lines finished so far.
    line_no: u64,
    pending: Option<Gathered>,
    array: ArraySplit,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Only blank space so far.
    Detect,
    Lines,
    Array,
}

impl LogReader {
    pub fn new(by: &[GroupBy]) -> LogReader {
        LogReader {
            triage: Triage::new(by),
            mode: Mode::Detect,
            carry: Vec::new(),
            skipping_line: false,
            line_no: 0,
            pending: None,
            array: ArraySplit::default(),
        }
    }

    /// A reader that takes the input as lines from the start, for a part
    /// of a JSON Lines file read on its own thread.
    pub fn lines(by: &[GroupBy]) -> LogReader {
        LogReader {
            mode: Mode::Lines,
            ..LogReader::new(by)
        }
    }

    /// Lines finished so far.
    pub fn line_count(&self) -> u64 {
        self.line_no
    }

    pub fn push(&mut self, mut bytes: &[u8]) {
        if self.mode == Mode::Detect {
            match bytes.iter().position(|b| !b.is_ascii_whitespace()) {
                None => {
                    // Blank lines before the first content: numbered, not counted.
                    self.line_no += newlines(bytes);
                    return;
                }
                Some(at) => {
                    let blank = &bytes[..at];
                    self.line_no += newlines(blank);
                    if bytes[at] == b'[' {
                        self.mode = Mode::Array;
                        self.array.line = self.line_no + 1;
                    } else {
                        self.mode = Mode::Lines;
                    }
                    // Keep the start of the first line (its indentation is harmless).
                    let line_start = blank.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
                    bytes = &bytes[line_start..];
                }
            }
        }
        match self.mode {
            Mode::Array => self.array.push(bytes, &mut self.triage),
            Mode::Lines => self.push_lines(bytes),
            Mode::Detect => {}
        }
    }

    fn push_lines(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        loop {
            let end = rest.iter().position(|b| *b == b'\n');
            let piece = &rest[..end.map_or(rest.len(), |e| e + 1)];
            if !self.skipping_line && self.carry.len() + piece.len() > MAX_RECORD_BYTES {
                self.skipping_line = true;
                let carried = std::mem::take(&mut self.carry);
                self.skip_bytes(&carried);
            }
            if self.skipping_line {
                self.skip_bytes(piece);
            }
            match end {
                None => {
                    if !self.skipping_line {
                        self.carry.extend_from_slice(piece);
                    }
                    return;
                }
                Some(_) if self.skipping_line => {
                    self.skipping_line = false;
                    self.line_no += 1;
                    self.end_oversized_line();
                }
                Some(_) if self.carry.is_empty() => self.line(piece),
                Some(_) => {
                    let mut whole = std::mem::take(&mut self.carry);
                    whole.extend_from_slice(piece);
                    self.line(&whole);
                    whole.clear();
                    self.carry = whole;
                }
            }
            rest = &rest[piece.len()..];
        }
    }

    /// Bytes of a line too long to keep: inside a document being gathered,
    /// its brackets are still counted (and the document is no longer kept),
    /// so the document's end is found.
    fn skip_bytes(&mut self, bytes: &[u8]) {
        if let Some(doc) = self.pending.as_mut() {
            doc.text = None;
            doc.scan.take(bytes);
        }
    }

    /// The end of a line too long to read: one oversized record, or part of
    /// the oversized document it falls in.
    fn end_oversized_line(&mut self) {
        match self.pending.as_ref() {
            Some(doc) if doc.scan.depth <= 0 => {
                let start = doc.start;
                self.pending = None;
                self.triage.mark_oversized(start);
            }
            Some(_) => {}
            None => self.triage.mark_oversized(self.line_no),
        }
    }

    /// One line (at most the limit long).
    fn line(&mut self, bytes: &[u8]) {
        self.line_no += 1;
        let text = String::from_utf8_lossy(bytes);
        if let Some(doc) = self.pending.as_mut() {
            match doc.take_line(&text) {
                Taken::More => return,
                Taken::Closed => {
                    let Some(doc) = self.pending.take() else {
                        return;
                    };
                    match doc.text {
                        None => self.triage.mark_oversized(doc.start),
                        Some(text) => match serde_json::from_str::<Value>(&text) {
                            Ok(value) => {
                                self.triage.add_record(&value);
                            }
                            Err(_) => self.triage.mark_unreadable(doc.start),
                        },
                    }
                    return;
                }
                Taken::NotPart => {
                    // The document was broken before this line (an unclosed
                    // `{` followed by a log, say): it is one unreadable
                    // record, and this line is read on its own.
                    let start = doc.start;
                    self.pending = None;
                    self.triage.mark_unreadable(start);
                }
            }
        }
        let trimmed = text.trim();
        // A pretty-printed document starts with a lone `{` or `[` line.
        if trimmed == "{" || trimmed == "[" {
            self.pending = Some(Gathered::new(self.line_no, &text));
            return;
        }
        self.triage.add_line(self.line_no, &text);
    }

    /// Ends the input and returns the counts.
    pub fn finish(mut self) -> Triage {
        match self.mode {
            Mode::Lines => {
                if self.skipping_line {
                    self.line_no += 1;
                    self.end_oversized_line();
                } else if !self.carry.is_empty() {
                    let last = std::mem::take(&mut self.carry);
                    self.line(&last);
                }
                if let Some(doc) = self.pending.take() {
                    self.triage.mark_unreadable(doc.start);
                }
            }
            Mode::Array => self.array.finish(&mut self.triage),
            Mode::Detect => {}
        }
        self.triage
    }
}

/// `LogReader` is a sink for any reader (`io::copy`) or decompressor.
impl std::io::Write for LogReader {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.push(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| **b == b'\n').count() as u64
}

/// A pretty-printed document being gathered. Its brackets are counted as
/// lines arrive, so it is parsed once, when they close: linear time, where
/// trying to parse after every line was quadratic.
struct Gathered {
    start: u64,
    /// None once it grew past the limit: then only its end is looked for.
    text: Option<String>,
    scan: JsonScan,
    /// The top level is an object (its members start with `"`).
    object: bool,
    /// The last non-blank line at the top level ended a member or element
    /// with `,`, or opened the document: another member may follow.
    member_may_follow: bool,
}

enum Taken {
    More,
    Closed,
    /// The line cannot continue the document, which is broken.
    NotPart,
}

impl Gathered {
    fn new(start: u64, first_line: &str) -> Gathered {
        let mut scan = JsonScan::default();
        scan.take(first_line.as_bytes());
        Gathered {
            start,
            text: Some(first_line.to_string()),
            scan,
            object: first_line.trim() == "{",
            member_may_follow: true,
        }
    }

    fn take_line(&mut self, line: &str) -> Taken {
        let trimmed = line.trim();
        if self.scan.depth == 1 && !self.scan.in_string && !trimmed.is_empty() {
            let closes = trimmed.starts_with(['}', ']']);
            let comma_first = trimmed.starts_with(',');
            let member_start = !self.object || trimmed.starts_with('"');
            if !closes && !comma_first && (!self.member_may_follow || !member_start) {
                return Taken::NotPart;
            }
        }
        self.scan.take(line.as_bytes());
        if !trimmed.is_empty() && self.scan.depth == 1 {
            self.member_may_follow = trimmed.ends_with([',', '{', '[']);
        }
        if let Some(text) = self.text.as_mut() {
            if text.len() + line.len() > MAX_RECORD_BYTES {
                self.text = None;
            } else {
                text.push_str(line);
            }
        }
        if self.scan.depth <= 0 {
            Taken::Closed
        } else {
            Taken::More
        }
    }
}

/// Bracket depth of JSON text read so far, outside strings.
#[derive(Default, Clone, Copy)]
struct JsonScan {
    depth: i64,
    in_string: bool,
    escaped: bool,
}

impl JsonScan {
    fn take(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
                continue;
            }
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => self.depth -= 1,
                _ => {}
            }
        }
    }
}

/// Splits a top-level JSON array into its elements as bytes arrive.
#[derive(Default)]
struct ArraySplit {
    state: ArrayState,
    /// The current element's bytes.
    element: Vec<u8>,
    /// The current element passed the limit: its bytes are no longer kept.
    element_oversized: bool,
    /// The line the current element starts on.
    element_line: u64,
    depth: u32,
    in_string: bool,
    escaped: bool,
    /// The current line number.
    line: u64,
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum ArrayState {
    /// Before the `[`.
    #[default]
    Start,
    /// After `[`: an element or `]`.
    Open,
    /// After `,`: an element.
    Next,
    InElement,
    /// After an element: `,` or `]`.
    After,
    Closed,
    Failed,
}

impl ArraySplit {
    fn push(&mut self, bytes: &[u8], triage: &mut Triage) {
        use ArrayState::*;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match self.state {
                Closed | Failed => return,
                Start => match b {
                    b'[' => self.state = Open,
                    _ if b.is_ascii_whitespace() => {}
                    _ => self.fail(triage, self.line),
                },
                Open | Next if b.is_ascii_whitespace() => {}
                Open if b == b']' => self.state = Closed,
                Open | Next => {
                    self.element.clear();
                    self.element_oversized = false;
                    self.depth = 0;
                    self.in_string = false;
                    self.escaped = false;
                    self.element_line = self.line;
                    self.state = InElement;
                    continue; // the byte belongs to the element
                }
                InElement => {
                    if !self.element_byte(b, triage) {
                        continue; // the byte ended a bare value: read it as a separator
                    }
                }
                After => match b {
                    b',' => self.state = Next,
                    b']' => self.state = Closed,
                    _ if b.is_ascii_whitespace() => {}
                    _ => self.fail(triage, self.line),
                },
            }
            if b == b'\n' {
                self.line += 1;
            }
            i += 1;
        }
    }

    fn keep(&mut self, b: u8) {
        if self.element_oversized {
            return;
        }
        if self.element.len() >= MAX_RECORD_BYTES {
            self.element_oversized = true;
            self.element = Vec::new();
        } else {
            self.element.push(b);
        }
    }

    /// Takes one byte of an element; `false` when the byte was not taken
    /// (it ends a bare value and must be read again as a separator).
    fn element_byte(&mut self, b: u8, triage: &mut Triage) -> bool {
        if self.in_string {
            self.keep(b);
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
                if self.depth == 0 {
                    self.complete(triage);
                }
            }
            return true;
        }
        match b {
            b'"' => {
                self.keep(b);
                self.in_string = true;
            }
            b'{' | b'[' => {
                self.keep(b);
                self.depth += 1;
            }
            b'}' | b']' if self.depth > 0 => {
                self.keep(b);
                self.depth -= 1;
                if self.depth == 0 {
                    self.complete(triage);
                }
            }
            b',' | b'}' | b']' if self.depth == 0 => {
                self.complete(triage);
                return false;
            }
            _ if b.is_ascii_whitespace() && self.depth == 0 => {
                self.complete(triage);
                return false;
            }
            _ => self.keep(b),
        }
        true
    }

    fn complete(&mut self, triage: &mut Triage) {
        if self.element_oversized {
            triage.mark_oversized(self.element_line);
            self.state = ArrayState::After;
            self.element_oversized = false;
            return;
        }
        match serde_json::from_slice::<Value>(&self.element) {
            Ok(value) => {
                triage.add_record(&value);
                self.state = ArrayState::After;
            }
            Err(e) => {
                let line = self.element_line + (e.line() as u64).max(1) - 1;
                self.fail(triage, line);
            }
        }
        self.element.clear();
    }

    fn fail(&mut self, triage: &mut Triage, line: u64) {
        triage.mark_unreadable(line);
        self.state = ArrayState::Failed;
    }

    fn finish(&mut self, triage: &mut Triage) {
        match self.state {
            ArrayState::Closed | ArrayState::Failed => {}
            ArrayState::InElement if self.depth == 0 && !self.in_string => {
                // A bare value at the very end, then the input stops without `]`.
                self.complete(triage);
                if self.state == ArrayState::After {
                    self.fail(triage, self.line);
                }
            }
            _ => self.fail(triage, self.line),
        }
    }
}

/// What triage found in a log: the `scopelens/triage/v1` JSON contract.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct TriageReport {
    /// Always `scopelens/triage/v1`.
    pub schema: &'static str,
    /// Error occurrences counted, in every group.
    pub total_errors: u64,
    pub unreadable_lines: u64,
    /// The first hundred unreadable lines' numbers.
    pub unreadable_line_numbers: Vec<u64>,
    /// Records longer than [`MAX_RECORD_BYTES`], skipped unread.
    pub oversized_records: u64,
    /// The lines the first hundred of them start on.
    pub oversized_record_lines: Vec<u64>,
    pub lines: u64,
    /// Of `lines`, those read without trouble that carry no error.
    pub lines_without_errors: u64,
    /// What the groups are keyed by (`code`, `category`, `phone`, `waba`, `hour`, `day`).
    pub by: Vec<&'static str>,
    /// Largest first.
    pub groups: Vec<GroupReport>,
}

impl TriageReport {
    /// The groups to act on first: those that block every call, then the
    /// rest, each part largest first (the order of [`TriageReport::groups`]).
    pub fn groups_blocking_first(&self) -> Vec<&GroupReport> {
        let (mut first, rest): (Vec<&GroupReport>, Vec<&GroupReport>) =
            self.groups.iter().partition(|g| g.blocks_every_call);
        first.extend(rest);
        first
    }
}

/// The errors that share a key, explained by their most common code.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct GroupReport {
    #[cfg_attr(
        feature = "typescript",
        tsify(type = "Record<string, string | number | null>")
    )]
    pub key: Value,
    pub count: u64,
    /// The earliest and latest times seen, ISO 8601 UTC, when the log has times.
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub category: &'static str,
    pub fixable_by: Option<&'static str>,
    /// See [`blocks_every_call`].
    pub blocks_every_call: bool,
    pub title: String,
    pub explanation: String,
    pub fix: Vec<String>,
    /// One occurrence, secrets removed and customers' phone numbers masked.
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, unknown>"))]
    pub sample: Value,
    #[serde(skip)]
    sort_key: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAILED: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"111","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"222"},"statuses":[{"id":"wamid.1","status":"failed","timestamp":"1700000000","recipient_id":"1","errors":[{"code":131026,"title":"Message undeliverable"}]}]}}]}]}"#;
    const DELIVERED: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"111","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"222"},"statuses":[{"id":"wamid.2","status":"delivered","timestamp":"1700000100","recipient_id":"1"}]}}]}]}"#;

    #[test]
    fn counts_and_groups_by_code() {
        let mut t = Triage::new(&[GroupBy::Code]);
        t.add_line(1, FAILED);
        t.add_line(2, DELIVERED);
        t.add_line(3, FAILED);
        t.add_line(4, "2024-01-01T00:00:00Z ERROR send failed: {'error': {'code': 190, 'type': 'OAuthException', 'message': 'x'}}");
        t.add_line(5, "{not json");
        let r = t.report();
        assert_eq!((r.total_errors, r.unreadable_lines, r.lines), (3, 1, 5));
        assert_eq!(r.unreadable_line_numbers, vec![5]);
        assert_eq!(r.groups[0].key, serde_json::json!({"code": 131026}));
        assert_eq!(r.groups[0].count, 2);
        assert_eq!(
            r.groups[0].first_seen.as_deref(),
            Some("2023-11-14T22:13:20Z")
        );
        assert_eq!(r.groups[1].key, serde_json::json!({"code": 190}));
        assert_eq!(
            r.groups[1].first_seen.as_deref(),
            Some("2024-01-01T00:00:00Z")
        );
        assert_eq!(r.groups[1].category, "authentication");
    }

    #[test]
    fn several_keys_and_merge() {
        let by = [GroupBy::Waba, GroupBy::Phone, GroupBy::Day];
        let mut a = Triage::new(&by);
        a.add_line(1, FAILED);
        let mut b = Triage::new(&by);
        b.add_line(
            1,
            r#"{"object":"whatsapp_business_account","entry":[{"id":"#,
        );
        b.add_line(2, FAILED);
        a.merge(b, 10);
        let r = a.report();
        assert_eq!(r.groups.len(), 1);
        assert_eq!(r.groups[0].count, 2);
        assert_eq!(
            r.groups[0].key,
            serde_json::json!({"waba": "111", "phone": "222", "day": "2023-11-14T00:00:00Z"})
        );
        assert_eq!(r.unreadable_line_numbers, vec![11]);
    }

    const BROKEN: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"#;
    const EXPIRED: &str = r#"{"error":{"code":190,"error_subcode":463,"type":"OAuthException","message":"Error validating access token: Session has expired"}}"#;
    const WINDOW_CLOSED: &str =
        r#"{"error":{"code":131047,"type":"OAuthException","message":"Re-engagement message"}}"#;

    #[test]
    fn a_log_line_without_an_error_is_read_fine_not_unreadable() {
        let mut t = Triage::new(&[]);
        for (n, line) in [
            "2024-01-01T00:00:00Z INFO worker started",
            "plain words",
            r#"{"level":"info","msg":"sent"}"#,
            DELIVERED,
            BROKEN,
            FAILED,
        ]
        .iter()
        .enumerate()
        {
            t.add_line(n as u64 + 1, line);
        }
        let r = t.report();
        assert_eq!(r.lines, 6);
        assert_eq!(r.lines_without_errors, 4);
        assert_eq!(
            (r.unreadable_lines, &r.unreadable_line_numbers),
            (1, &vec![5])
        );
        assert_eq!(r.total_errors, 1);
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["lines_without_errors"], 4);
        assert_eq!(json["schema"], SCHEMA);
    }

    mod lines_without_errors {
        use super::*;
        use proptest::prelude::*;

        #[derive(Debug, Clone, Copy)]
        enum Kind {
            Error,
            Delivery,
            Words,
            Broken,
        }

        fn record() -> impl Strategy<Value = (Kind, String)> {
            prop_oneof![
                Just((Kind::Error, FAILED.to_string())),
                Just((Kind::Error, EXPIRED.to_string())),
                Just((Kind::Delivery, DELIVERED.to_string())),
                Just((
                    Kind::Delivery,
                    r#"{"level":"debug","took_ms":12}"#.to_string()
                )),
                "(INFO|DEBUG|WARN) [a-z]{1,12}( [a-z]{1,12}){0,5}".prop_map(|w| (Kind::Words, w)),
                Just((Kind::Broken, BROKEN.to_string())),
                Just((
                    Kind::Broken,
                    r#"{"level":"info","msg":"cut off"#.to_string()
                )),
            ]
        }

        proptest! {
            #[test]
            fn every_record_is_an_error_a_record_without_one_or_unreadable(
                records in prop::collection::vec(record(), 0..40),
            ) {
                let text: String = records.iter().map(|(_, r)| format!("{r}\n")).collect();
                let mut reader = LogReader::new(&[GroupBy::Code]);
                reader.push(text.as_bytes());
                let r = reader.finish().report();
                let count = |k: fn(&Kind) -> bool| records.iter().filter(|(kind, _)| k(kind)).count() as u64;
                prop_assert_eq!(r.total_errors, count(|k| matches!(k, Kind::Error)));
                prop_assert_eq!(r.lines_without_errors, count(|k| matches!(k, Kind::Delivery | Kind::Words)));
                prop_assert_eq!(r.unreadable_lines, count(|k| matches!(k, Kind::Broken)));
                prop_assert_eq!(r.lines, records.len() as u64);
            }
        }
    }

    #[test]
    fn only_token_and_permission_errors_block_every_call() {
        use crate::kb::errors::CATALOG;
        for entry in CATALOG.iter() {
            let blocks = blocks_every_call(entry.category, Some(entry.fixable_by));
            let about_access = matches!(
                entry.category,
                Category::Authentication | Category::Permission
            );
            assert_eq!(blocks, about_access, "{}", entry.label());
        }
        // Codes the catalog does not list are judged by their family.
        let mut t = Triage::new(&[]);
        for code in [190, 131047, 130429, 131026, 4, 200, 299] {
            t.add(Occurrence {
                code: Some(code),
                phone: None,
                waba: None,
                time: None,
                sample: Value::Null,
            });
        }
        let r = t.report();
        let blocking: Vec<String> = r
            .groups
            .iter()
            .filter(|g| g.blocks_every_call)
            .map(|g| g.key["code"].to_string())
            .collect();
        assert_eq!(blocking.len(), 3, "{blocking:?}");
        for code in ["190", "200", "299"] {
            assert!(
                blocking.contains(&code.to_string()),
                "{code} in {blocking:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn a_blocking_error_comes_first_whatever_its_count(
            expired in 1usize..5,
            window_closed in 0usize..200,
        ) {
            let mut t = Triage::new(&[GroupBy::Code]);
            let mut n = 0;
            for line in std::iter::repeat_n(WINDOW_CLOSED, window_closed).chain(std::iter::repeat_n(EXPIRED, expired)) {
                n += 1;
                t.add_line(n, line);
            }
            let r = t.report();
            let first = r.groups_blocking_first();
            proptest::prop_assert_eq!(&first[0].key, &serde_json::json!({"code": 190}));
            proptest::prop_assert!(first[0].blocks_every_call);
            proptest::prop_assert_eq!(first.len(), r.groups.len());
            // The JSON keeps its order, largest first.
            proptest::prop_assert!(r.groups.windows(2).all(|w| w[0].count >= w[1].count));
        }
    }

    #[test]
    fn samples_are_redacted() {
        let token = format!("EAAG{}", "x1".repeat(40));
        let mut t = Triage::new(&[]);
        t.add_line(1, &format!(r#"{{"error":{{"code":190,"type":"OAuthException","message":"Malformed access token {token}"}}}}"#));
        let json = serde_json::to_string(&t.report()).unwrap();
        assert!(!json.contains(&token));
    }

    mod log_reader {
        use super::super::*;
        use proptest::prelude::*;

        const ERROR_190: &str =
            r#"{"error":{"code":190,"type":"OAuthException","message":"expired"}}"#;
        const PRETTY_4: &str =
            "{\n  \"error\": {\n    \"code\": 4,\n    \"message\": \"limit\"\n  }\n}\n";

        fn read(chunks: &[&[u8]]) -> TriageReport {
            let mut reader = LogReader::new(&[GroupBy::Code]);
            for chunk in chunks {
                reader.push(chunk);
            }
            reader.finish().report()
        }

        fn codes(r: &TriageReport) -> Vec<(String, u64)> {
            let mut v: Vec<_> = r
                .groups
                .iter()
                .map(|g| (g.key["code"].to_string(), g.count))
                .collect();
            v.sort();
            v
        }

        fn record() -> impl Strategy<Value = String> {
            prop_oneof![
                Just(format!("{ERROR_190}\n")),
                Just(PRETTY_4.to_string()),
                Just("{\n  \"never\": \"closed\",\n".to_string()),
                Just("[\n  1,\n  2\n]\n".to_string()),
                Just("{\n} trailing\n".to_string()),
                Just("\n".to_string()),
                "[ -~]{0,30}\n",
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            #[test]
            fn any_chunking_gives_the_same_counts(
                records in prop::collection::vec(record(), 0..30),
                cuts in prop::collection::vec(1usize..64, 1..20),
            ) {
                let text = format!("x\n{}", records.concat());
                let whole = read(&[text.as_bytes()]);
                let mut chunks = Vec::new();
                let mut rest = text.as_bytes();
                for cut in cuts.iter().cycle() {
                    if rest.is_empty() {
                        break;
                    }
                    let (a, b) = rest.split_at((*cut).min(rest.len()));
                    chunks.push(a);
                    rest = b;
                }
                let chunked = read(&chunks);
                prop_assert_eq!(codes(&chunked), codes(&whole));
                prop_assert_eq!(chunked.unreadable_line_numbers, whole.unreadable_line_numbers);
                prop_assert_eq!(chunked.lines, whole.lines);
            }
        }

        #[test]
        fn a_line_past_the_limit_is_skipped_counted_and_numbered() {
            let long = vec![b'a'; MAX_RECORD_BYTES + 10];
            let head = format!("{ERROR_190}\n");
            let tail = format!("\n{ERROR_190}\n");
            for chunk in [4096, 1 << 20, MAX_RECORD_BYTES * 2] {
                let mut bytes = head.as_bytes().to_vec();
                bytes.extend_from_slice(&long);
                bytes.extend_from_slice(tail.as_bytes());
                let parts: Vec<&[u8]> = bytes.chunks(chunk).collect();
                let r = read(&parts);
                assert_eq!(r.total_errors, 2);
                assert_eq!(
                    (r.oversized_records, r.oversized_record_lines.clone()),
                    (1, vec![2])
                );
                assert_eq!(r.unreadable_lines, 0);
            }
            // At the very end, without a newline.
            let r = read(&[head.as_bytes(), &long]);
            assert_eq!((r.total_errors, r.oversized_record_lines), (1, vec![2]));
        }

        #[test]
        fn a_document_with_a_line_past_the_limit_is_skipped_to_its_end() {
            let long = format!(
                "  \"k\": [\"{}\", {{\"x\": 1}}],\n",
                "v".repeat(MAX_RECORD_BYTES)
            );
            let text = format!(
                "{ERROR_190}\n{{\n{long}  \"end\": {{\n    \"a\": 1\n  }}\n}}\n{ERROR_190}\n"
            );
            for chunk in [1000, 1 << 20, text.len()] {
                let parts: Vec<&[u8]> = text.as_bytes().chunks(chunk).collect();
                let r = read(&parts);
                assert_eq!(r.total_errors, 2, "{chunk}");
                assert_eq!(
                    (r.oversized_records, r.oversized_record_lines),
                    (1, vec![2])
                );
                assert_eq!(r.unreadable_lines, 0);
            }
        }

        #[test]
        fn an_array_element_past_the_limit_is_skipped_and_the_rest_read() {
            let big = format!("\"{}\"", "b".repeat(MAX_RECORD_BYTES));
            let text = format!("[\n{ERROR_190},\n{big},\n{ERROR_190}\n]");
            let parts: Vec<&[u8]> = text.as_bytes().chunks(65536).collect();
            let r = read(&parts);
            assert_eq!(r.total_errors, 2);
            assert_eq!(
                (r.oversized_records, r.oversized_record_lines),
                (1, vec![3])
            );
        }

        #[test]
        fn a_document_past_the_limit_is_skipped_to_its_end() {
            let member = "  \"k\": \"vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\",\n";
            let n = MAX_RECORD_BYTES / member.len() + 10;
            let text = format!(
                "{ERROR_190}\n{{\n{}  \"end\": 1\n}}\n{ERROR_190}\n",
                member.repeat(n)
            );
            let r = read(&[text.as_bytes()]);
            assert_eq!(r.total_errors, 2);
            assert_eq!(
                (r.oversized_records, r.oversized_record_lines),
                (1, vec![2])
            );
            assert_eq!(r.unreadable_lines, 0);
        }

        #[test]
        fn an_unclosed_brace_costs_one_record_not_the_rest_of_the_log() {
            let text = format!("{{\n{}", format!("{ERROR_190}\n").repeat(50));
            let r = read(&[text.as_bytes()]);
            assert_eq!(r.unreadable_line_numbers, vec![1]);
            assert_eq!(r.total_errors, 50);
            // An array that is never closed, followed by lines without
            // commas (the text line before it carries no error: it is read).
            let text = format!("x\n[\n{}", format!("{ERROR_190}\n").repeat(5));
            let r = read(&[text.as_bytes()]);
            assert_eq!(r.unreadable_line_numbers, vec![2]);
            assert_eq!(r.lines_without_errors, 1);
            assert_eq!(r.total_errors, 4);
        }

        #[test]
        fn one_large_pretty_document_is_read_in_linear_time() {
            // Parsing after every line took minutes at this size.
            let entry = "    {\n      \"id\": \"1\",\n      \"changes\": []\n    },\n";
            let n = (4 << 20) / entry.len();
            let text = format!("{{\n  \"object\": \"whatsapp_business_account\",\n  \"entry\": [\n{}    {{}}\n  ]\n}}\n", entry.repeat(n));
            let started = std::time::Instant::now();
            let r = read(&[text.as_bytes()]);
            assert_eq!(
                (r.lines, r.unreadable_lines, r.oversized_records),
                (1, 0, 0)
            );
            assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
        }
    }
}
