//! Triage: counting error occurrences across a whole log (JSON Lines, text
//! logs with JSON on their lines, webhook deliveries) and grouping them by
//! code, category, phone number, WABA, hour or day.
//!
//! The core only sees lines and values; reading files, gzip, threads and
//! progress belong to the caller. Partial results from several threads are
//! combined with [`Triage::merge`].

use crate::diagnose::errors::explain_code;
use crate::input;
use crate::kb::errors::{family_of, lookup_error, Category, ErrorLookup, FixableBy};
use crate::model::{find_payload, Payload};
use crate::secrets;
use crate::time::{self, DAY, HOUR};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;

pub const SCHEMA: &str = "scopelens/triage/v1";

/// How many unreadable line numbers are kept for the report.
const MAX_UNREADABLE_LISTED: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupBy {
    Code,
    Category,
    Phone,
    Waba,
    Hour,
    Day,
}

impl GroupBy {
    pub const ALL: [GroupBy; 6] = [
        GroupBy::Code,
        GroupBy::Category,
        GroupBy::Phone,
        GroupBy::Waba,
        GroupBy::Hour,
        GroupBy::Day,
    ];

    pub fn name(self) -> &'static str {
        match self {
            GroupBy::Code => "code",
            GroupBy::Category => "category",
            GroupBy::Phone => "phone",
            GroupBy::Waba => "waba",
            GroupBy::Hour => "hour",
            GroupBy::Day => "day",
        }
    }

    pub fn parse(text: &str) -> Option<GroupBy> {
        GroupBy::ALL.into_iter().find(|g| g.name() == text.trim())
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
    pub total_errors: u64,
    pub unreadable: u64,
    pub unreadable_line_numbers: Vec<u64>,
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
            total_errors: 0,
            unreadable: 0,
            unreadable_line_numbers: Vec::new(),
        }
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
                return;
            }
            if let Ok(value) = serde_json::from_str::<Value>(text) {
                self.add_value(&value, None);
                return;
            }
        }
        match input::read(text, None).payload {
            Ok(payload) => self.add_payload(&payload, time::parse_leading_timestamp(text)),
            Err(_) => self.mark_unreadable(line_no),
        }
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
        self.total_errors += other.total_errors;
        self.unreadable += other.unreadable;
        for n in other.unreadable_line_numbers {
            if self.unreadable_line_numbers.len() < MAX_UNREADABLE_LISTED {
                self.unreadable_line_numbers.push(n + line_offset);
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
        TriageReport {
            schema: SCHEMA,
            total_errors: self.total_errors,
            unreadable_lines: self.unreadable,
            unreadable_line_numbers,
            lines: self.lines,
            by: self.by.iter().map(|b| b.name()).collect(),
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
            named.insert(by.name().to_string(), key_value(part));
        }
        GroupReport {
            key: Value::Object(named),
            count: g.count,
            first_seen: g.first_seen.map(time::iso),
            last_seen: g.last_seen.map(time::iso),
            category: category.id(),
            fixable_by: fixable_by.map(FixableBy::label),
            title: finding.title,
            explanation: finding.explanation,
            fix: finding.fix,
            sample: redacted(&g.sample),
            sort_key: format!("{key:?}"),
        }
    }
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

#[derive(Debug, Clone, Serialize)]
pub struct TriageReport {
    pub schema: &'static str,
    pub total_errors: u64,
    pub unreadable_lines: u64,
    /// The first hundred unreadable lines' numbers.
    pub unreadable_line_numbers: Vec<u64>,
    pub lines: u64,
    pub by: Vec<&'static str>,
    pub groups: Vec<GroupReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupReport {
    pub key: Value,
    pub count: u64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub category: &'static str,
    pub fixable_by: Option<&'static str>,
    pub title: String,
    pub explanation: String,
    pub fix: Vec<String>,
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
        b.add_line(1, "garbage");
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

    #[test]
    fn samples_are_redacted() {
        let token = format!("EAAG{}", "x1".repeat(40));
        let mut t = Triage::new(&[]);
        t.add_line(1, &format!(r#"{{"error":{{"code":190,"type":"OAuthException","message":"Malformed access token {token}"}}}}"#));
        let json = serde_json::to_string(&t.report()).unwrap();
        assert!(!json.contains(&token));
    }
}
