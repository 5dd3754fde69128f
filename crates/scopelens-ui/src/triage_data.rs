//! Triage results as the page shows and shares them, and the messages the
//! page and its triage worker exchange.
//!
//! The worker reads a log once, counting by code and hour with the core's
//! [`Triage`], and turns the report into a [`TriageSummary`]: groups by code,
//! by category (summed from the codes, explained by each category's most
//! common code), and errors per hour. A share link carries a
//! [`ShareAggregate`] instead: keys and counts only, never a sample or any
//! other text from the log; the page rebuilds the summary from it.

use scopelens_core::kb::errors::Category;
use scopelens_core::time::{iso, parse_leading_timestamp, HOUR};
use scopelens_core::triage::{GroupBy, GroupReport, Occurrence, Triage, TriageReport};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::rc::Rc;

/// What the worker groups by: one pass gives the code chart, the category
/// chart and the timeline.
pub const WORKER_GROUP_BY: [GroupBy; 2] = [GroupBy::Code, GroupBy::Hour];

/// Unreadable line numbers a share link keeps.
pub const SHARED_UNREADABLE_LINES: usize = 20;
/// Longest timeline a share link carries (one count per hour, dense).
pub const SHARED_HOURS: usize = 24 * 400;
/// Most code groups a share link may hold (the catalog has far fewer).
const SHARED_CODES: usize = 5_000;
/// Largest count a share link may carry (sums of thousands stay far from overflow).
const MAX_SHARED_COUNT: u64 = 1_000_000_000_000_000;
/// The last hour a link's timeline may start at (hours since 1970; year 9999).
const MAX_HOUR0: i64 = 253_402_300_799 / HOUR - SHARED_HOURS as i64;

/// What the bar chart groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    #[default]
    Code,
    Category,
}

impl GroupKind {
    pub fn id(self) -> &'static str {
        match self {
            GroupKind::Code => "code",
            GroupKind::Category => "category",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            GroupKind::Code => "Error code",
            GroupKind::Category => "Category",
        }
    }
}

/// One bar: the errors of one code or one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupData {
    /// Stable key: the code (`131026`, or `none` for errors without one) or the category id.
    pub key: String,
    /// Short text for the bar: the code, or the category's title.
    pub label: String,
    pub count: u64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// Category id (`delivery`, `authentication`, …).
    pub category: String,
    pub fixable_by: Option<String>,
    /// Stops every call (the core's rule): marked, and listed first.
    #[serde(default)]
    pub blocks_every_call: bool,
    /// The explanation's heading, e.g. `Error 131047: Re-engagement message…`.
    pub title: String,
    pub explanation: String,
    pub fix: Vec<String>,
    /// One redacted occurrence; `None` when the page was opened from a share link.
    pub sample: Option<Value>,
    /// The codes in this group and their counts, largest first.
    pub codes: Vec<(Option<u32>, u64)>,
}

/// Errors that happened in one hour (unix seconds of the hour's start).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HourCount {
    pub hour: i64,
    pub count: u64,
}

/// Everything the triage view shows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TriageSummary {
    pub lines: u64,
    /// Lines read that carry no error; `None` from a link made before it was counted.
    #[serde(default)]
    pub lines_without_errors: Option<u64>,
    pub total_errors: u64,
    pub unreadable_lines: u64,
    /// The first unreadable lines' numbers (at most 100; 20 from a share link).
    pub unreadable_line_numbers: Vec<u64>,
    pub by_code: Vec<GroupData>,
    pub by_category: Vec<GroupData>,
    /// Hours with at least one error, in order.
    pub hours: Vec<HourCount>,
    /// Errors whose time is unknown.
    pub no_time: u64,
    /// Problems reading the input (damaged gzip data…); counts cover what was read.
    #[serde(default)]
    pub warnings: Vec<String>,
    /// The timeline was too long for the share link and was left out.
    #[serde(default)]
    pub timeline_omitted: bool,
}

impl TriageSummary {
    pub fn groups(&self, kind: GroupKind) -> &[GroupData] {
        match kind {
            GroupKind::Code => &self.by_code,
            GroupKind::Category => &self.by_category,
        }
    }

    /// Builds the summary from a report grouped by [`WORKER_GROUP_BY`].
    pub fn from_report(report: &TriageReport) -> TriageSummary {
        let mut codes: BTreeMap<Option<u32>, CodeAcc> = BTreeMap::new();
        let mut hours: BTreeMap<i64, u64> = BTreeMap::new();
        let mut no_time = 0;
        for g in &report.groups {
            let code = g
                .key
                .get("code")
                .and_then(Value::as_u64)
                .and_then(|c| u32::try_from(c).ok());
            let hour = g
                .key
                .get("hour")
                .and_then(Value::as_str)
                .and_then(parse_leading_timestamp);
            match hour {
                Some(h) => *hours.entry(h).or_default() += g.count,
                None => no_time += g.count,
            }
            let acc = codes.entry(code).or_insert_with(|| CodeAcc {
                count: 0,
                first_seen: None,
                last_seen: None,
                sample_hour: None,
                group: g,
            });
            acc.count += g.count;
            acc.first_seen = min_text(acc.first_seen.take(), g.first_seen.clone());
            acc.last_seen = max_text(acc.last_seen.take(), g.last_seen.clone());
            // The sample of the earliest hour (times unknown come last).
            let this_hour = hour.unwrap_or(i64::MAX);
            if acc.sample_hour.is_none_or(|h| this_hour < h) {
                acc.sample_hour = Some(this_hour);
                acc.group = g;
            }
        }
        let by_code: Vec<GroupData> = codes
            .into_iter()
            .map(|(code, acc)| GroupData {
                key: code_key(code),
                label: code_key(code),
                count: acc.count,
                first_seen: acc.first_seen,
                last_seen: acc.last_seen,
                category: acc.group.category.to_string(),
                fixable_by: acc.group.fixable_by.map(str::to_string),
                blocks_every_call: acc.group.blocks_every_call,
                title: acc.group.title.clone(),
                explanation: acc.group.explanation.clone(),
                fix: acc.group.fix.clone(),
                sample: Some(acc.group.sample.clone()),
                codes: vec![(code, acc.count)],
            })
            .collect();
        TriageSummary {
            lines: report.lines,
            lines_without_errors: Some(report.lines_without_errors),
            total_errors: report.total_errors,
            unreadable_lines: report.unreadable_lines,
            unreadable_line_numbers: report.unreadable_line_numbers.clone(),
            by_category: by_category(&by_code),
            by_code: sorted(by_code, code_sort_key),
            hours: hours
                .into_iter()
                .map(|(hour, count)| HourCount { hour, count })
                .collect(),
            no_time,
            warnings: Vec::new(),
            timeline_omitted: false,
        }
    }

    /// Rebuilds a summary from a share link's aggregate. Explanations come
    /// from the catalog; there are no samples and no first/last times.
    pub fn from_aggregate(agg: &ShareAggregate) -> TriageSummary {
        // The core explains each code exactly as in a real report.
        let mut explainer = Triage::new(&[GroupBy::Code]);
        for (code, _) in &agg.codes {
            explainer.add(Occurrence {
                code: *code,
                phone: None,
                waba: None,
                time: None,
                sample: Value::Null,
            });
        }
        let explained = explainer.report();
        let text_of = |code: Option<u32>| -> Option<&GroupReport> {
            explained
                .groups
                .iter()
                .find(|g| g.key.get("code").and_then(Value::as_u64) == code.map(u64::from))
        };
        let mut by_code = Vec::new();
        let mut merged: BTreeMap<Option<u32>, u64> = BTreeMap::new();
        for (code, count) in &agg.codes {
            *merged.entry(*code).or_default() += count;
        }
        for (code, count) in merged {
            let Some(g) = text_of(code) else { continue };
            by_code.push(GroupData {
                key: code_key(code),
                label: code_key(code),
                count,
                first_seen: None,
                last_seen: None,
                category: g.category.to_string(),
                fixable_by: g.fixable_by.map(str::to_string),
                blocks_every_call: g.blocks_every_call,
                title: g.title.clone(),
                explanation: g.explanation.clone(),
                fix: g.fix.clone(),
                sample: None,
                codes: vec![(code, count)],
            });
        }
        let hours = match agg.hour0 {
            Some(start) => agg
                .hours
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(i, n)| HourCount {
                    hour: (start + i as i64) * HOUR,
                    count: *n,
                })
                .collect(),
            None => Vec::new(),
        };
        TriageSummary {
            lines: agg.lines,
            lines_without_errors: agg.without_errors,
            total_errors: agg.errors,
            unreadable_lines: agg.unreadable,
            unreadable_line_numbers: agg.unreadable_lines.clone(),
            by_category: by_category(&by_code),
            by_code: sorted(by_code, code_sort_key),
            hours,
            no_time: agg.no_time,
            warnings: Vec::new(),
            timeline_omitted: agg.timeline_omitted,
        }
    }

    /// The aggregate a share link carries: keys and counts, nothing from the log's text.
    pub fn aggregate(&self, by: GroupKind) -> ShareAggregate {
        let codes = self
            .by_code
            .iter()
            .map(|g| (code_of_key(&g.key), g.count))
            .collect();
        let (hour0, hours, timeline_omitted) = match (self.hours.first(), self.hours.last()) {
            (Some(first), Some(last)) => {
                let (a, b) = (first.hour.div_euclid(HOUR), last.hour.div_euclid(HOUR));
                let span = (b - a + 1) as usize;
                if span <= SHARED_HOURS {
                    let mut dense = vec![0u64; span];
                    for h in &self.hours {
                        dense[(h.hour.div_euclid(HOUR) - a) as usize] += h.count;
                    }
                    (Some(a), dense, self.timeline_omitted)
                } else {
                    (None, Vec::new(), true)
                }
            }
            _ => (None, Vec::new(), self.timeline_omitted),
        };
        ShareAggregate {
            v: 1,
            by,
            lines: self.lines,
            without_errors: self.lines_without_errors,
            errors: self.total_errors,
            unreadable: self.unreadable_lines,
            unreadable_lines: self
                .unreadable_line_numbers
                .iter()
                .take(SHARED_UNREADABLE_LINES)
                .copied()
                .collect(),
            codes,
            hour0,
            hours,
            no_time: self.no_time,
            timeline_omitted,
        }
    }
}

struct CodeAcc<'a> {
    count: u64,
    first_seen: Option<String>,
    last_seen: Option<String>,
    sample_hour: Option<i64>,
    /// The group whose texts and sample stand for the code.
    group: &'a GroupReport,
}

/// `131026`, or `none` for errors without a code.
pub fn code_key(code: Option<u32>) -> String {
    code.map_or_else(|| "none".to_string(), |c| c.to_string())
}

fn code_of_key(key: &str) -> Option<u32> {
    key.parse().ok()
}

/// The order the core uses for ties (its debug text of the key).
fn code_sort_key(g: &GroupData) -> String {
    format!("{:?}", code_of_key(&g.key))
}

fn category_of_id(id: &str) -> Category {
    Category::ALL
        .into_iter()
        .find(|c| c.id() == id)
        .unwrap_or(Category::Other)
}

fn category_sort_key(g: &GroupData) -> String {
    format!("{:?}", category_of_id(&g.key))
}

/// Groups that block every call first, whatever their count; then largest
/// first, ties in the core's order (as `TriageReport::groups_blocking_first`).
fn sorted(mut groups: Vec<GroupData>, tie: fn(&GroupData) -> String) -> Vec<GroupData> {
    groups.sort_by(|a, b| {
        b.blocks_every_call
            .cmp(&a.blocks_every_call)
            .then(b.count.cmp(&a.count))
            .then_with(|| tie(a).cmp(&tie(b)))
    });
    groups
}

/// Sums code groups into category groups; each is explained by its most
/// common code (ties: the smaller code), as the core explains a group.
fn by_category(by_code: &[GroupData]) -> Vec<GroupData> {
    let mut cats: BTreeMap<String, Vec<&GroupData>> = BTreeMap::new();
    for g in by_code {
        cats.entry(g.category.clone()).or_default().push(g);
    }
    let groups = cats
        .into_iter()
        .map(|(id, members)| {
            let top = members
                .iter()
                .max_by_key(|g| (g.count, std::cmp::Reverse(code_of_key(&g.key))))
                .copied()
                .expect("a category has at least one code");
            let mut codes: Vec<(Option<u32>, u64)> = members
                .iter()
                .map(|g| (code_of_key(&g.key), g.count))
                .collect();
            codes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            GroupData {
                label: category_of_id(&id).title().to_string(),
                key: id,
                count: members.iter().map(|g| g.count).sum(),
                first_seen: members
                    .iter()
                    .fold(None, |acc, g| min_text(acc, g.first_seen.clone())),
                last_seen: members
                    .iter()
                    .fold(None, |acc, g| max_text(acc, g.last_seen.clone())),
                category: top.category.clone(),
                fixable_by: top.fixable_by.clone(),
                blocks_every_call: members.iter().any(|g| g.blocks_every_call),
                title: top.title.clone(),
                explanation: top.explanation.clone(),
                fix: top.fix.clone(),
                sample: top.sample.clone(),
                codes,
            }
        })
        .collect();
    sorted(groups, category_sort_key)
}

// ISO times of one format sort as text.
fn min_text(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max_text(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// What a triage share link carries (as compact JSON in `ShareState::extra`):
/// the grouping, totals, the first unreadable line numbers, counts per code
/// and errors per hour. No samples, messages, phone numbers or IDs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ShareAggregate {
    /// Format version.
    pub v: u32,
    #[serde(default)]
    pub by: GroupKind,
    pub lines: u64,
    /// Lines read that carry no error (absent from older links).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub without_errors: Option<u64>,
    pub errors: u64,
    pub unreadable: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable_lines: Vec<u64>,
    /// `[code or null, count]`, largest first.
    pub codes: Vec<(Option<u32>, u64)>,
    /// The first hour of the timeline, in hours since 1970.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hour0: Option<i64>,
    /// Errors per hour from `hour0`, one count per hour.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hours: Vec<u64>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub no_time: u64,
    #[serde(default, skip_serializing_if = "is_false")]
    pub timeline_omitted: bool,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl ShareAggregate {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads and checks an aggregate from a link.
    pub fn from_json(text: &str) -> Result<ShareAggregate, String> {
        const BROKEN: &str = "This triage link's counts could not be read.";
        let agg: ShareAggregate = serde_json::from_str(text).map_err(|_| BROKEN.to_string())?;
        if agg.v != 1 {
            return Err(format!(
                "This triage link uses format {}, which this version of scopelens does not know.",
                agg.v
            ));
        }
        // Links are untrusted: bounded lists, counts that cannot overflow
        // when summed, and hours between 1970 and 9999.
        let sane = |n: &u64| *n <= MAX_SHARED_COUNT;
        let ok = agg.codes.len() <= SHARED_CODES
            && agg.hours.len() <= SHARED_HOURS
            && agg.unreadable_lines.len() <= 100
            && [agg.lines, agg.errors, agg.unreadable, agg.no_time]
                .iter()
                .chain(agg.without_errors.as_ref())
                .all(sane)
            && agg.codes.iter().all(|(_, n)| sane(n))
            && agg.hours.iter().all(sane)
            && agg.hour0.is_none_or(|h| (0..=MAX_HOUR0).contains(&h));
        if !ok {
            return Err(BROKEN.to_string());
        }
        Ok(agg)
    }
}

/// What the triage view shows: restored from and saved to share links.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TriageState {
    pub by: GroupKind,
    pub summary: Option<Rc<TriageSummary>>,
    /// What was read: a file name, or "pasted text"; `None` from a share link.
    pub source: Option<String>,
    /// A share link that could not be read.
    pub error: Option<String>,
}

impl TriageState {
    /// Compact JSON for `ShareState::extra` (empty when there is nothing to share).
    pub fn to_extra(&self) -> String {
        self.summary
            .as_ref()
            .map(|s| s.aggregate(self.by).to_json())
            .unwrap_or_default()
    }

    pub fn from_extra(extra: &str) -> TriageState {
        if extra.trim().is_empty() {
            return TriageState::default();
        }
        match ShareAggregate::from_json(extra) {
            Ok(agg) => TriageState {
                by: agg.by,
                summary: Some(Rc::new(TriageSummary::from_aggregate(&agg))),
                source: None,
                error: None,
            },
            Err(e) => TriageState {
                error: Some(e),
                ..TriageState::default()
            },
        }
    }

    /// Opened from a share link (counts only).
    pub fn from_link(&self) -> bool {
        self.summary.is_some() && self.source.is_none()
    }
}

/// Page → worker control messages (file bytes travel as bare `ArrayBuffer`s).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToWorker {
    /// A new input of `total` bytes follows in chunks.
    Start { total: u64 },
    /// No more chunks: report.
    End,
}

/// Worker → page messages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromWorker {
    /// Loaded and listening.
    Ready,
    /// `read` input bytes are counted; send the next chunk.
    Progress {
        read: u64,
    },
    Done {
        summary: Box<TriageSummary>,
    },
    Failed {
        message: String,
    },
}

/// The text a sample diagnosis reads: the sample put back into the shape it
/// came in (a webhook delivery or a Graph API error response), so the core
/// sees what it would see in the log.
pub fn sample_input(sample: &Value) -> String {
    let Some(obj) = sample.as_object() else {
        return serde_json::to_string_pretty(sample).unwrap_or_default();
    };
    let value = if obj.contains_key("place") {
        webhook_delivery(obj)
    } else if obj.contains_key("wrapped") {
        let mut error = Map::new();
        for key in [
            "message",
            "type",
            "code",
            "error_subcode",
            "error_user_title",
            "error_user_msg",
            "is_transient",
            "error_data",
            "fbtrace_id",
        ] {
            if let Some(v) = obj.get(key).filter(|v| !v.is_null()) {
                error.insert(key.to_string(), v.clone());
            }
        }
        serde_json::json!({ "error": error })
    } else {
        sample.clone()
    };
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

fn webhook_delivery(obj: &Map<String, Value>) -> Value {
    let get = |k: &str| obj.get(k).filter(|v| !v.is_null()).cloned();
    let mut error = Map::new();
    for key in ["code", "title", "message"] {
        if let Some(v) = get(key) {
            error.insert(key.to_string(), v);
        }
    }
    if let Some(details) = get("details") {
        error.insert(
            "error_data".to_string(),
            serde_json::json!({ "details": details }),
        );
    }
    if let Some(href) = get("href") {
        error.insert("href".to_string(), href);
    }
    let errors = Value::Array(vec![Value::Object(error)]);
    let place = obj.get("place").and_then(Value::as_str).unwrap_or("");
    if place == "standalone" {
        return errors[0].clone();
    }
    let mut value = Map::new();
    value.insert("messaging_product".into(), "whatsapp".into());
    if let Some(phone) = get("phone_number_id") {
        value.insert(
            "metadata".into(),
            serde_json::json!({ "phone_number_id": phone }),
        );
    }
    let mut item = Map::new();
    if let Some(id) = get("message_id") {
        item.insert("id".into(), id);
    }
    if let Some(t) = get("timestamp") {
        item.insert("timestamp".into(), Value::from(t.to_string()));
    }
    match place {
        "status" => {
            item.insert(
                "status".into(),
                get("status").unwrap_or_else(|| "failed".into()),
            );
            if let Some(r) = get("recipient_id") {
                item.insert("recipient_id".into(), r);
            }
            item.insert("errors".into(), errors);
            value.insert("statuses".into(), Value::Array(vec![Value::Object(item)]));
        }
        "message" => {
            if let Some(r) = get("recipient_id") {
                item.insert("from".into(), r);
            }
            item.insert("type".into(), "unsupported".into());
            item.insert("errors".into(), errors);
            value.insert("messages".into(), Value::Array(vec![Value::Object(item)]));
        }
        _ => {
            value.insert("errors".into(), errors);
        }
    }
    let mut entry = Map::new();
    if let Some(waba) = get("waba_id") {
        entry.insert("id".into(), waba);
    }
    entry.insert(
        "changes".into(),
        serde_json::json!([{ "field": "messages", "value": value }]),
    );
    serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [entry],
    })
}

/// `2025-10-09T08:00:00Z` → `2025-10-09 08:00`.
pub fn hour_label(hour: i64) -> String {
    let text = iso(hour);
    format!("{} {}", &text[..10], &text[11..16])
}

#[cfg(test)]
mod tests {
    use super::*;
    use scopelens_core::{diagnose, Context};

    const LOG: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.1","status":"failed","timestamp":"1760000002","recipient_id":"15558560974","errors":[{"code":131047,"title":"Re-engagement message","message":"Re-engagement message","error_data":{"details":"Message failed to send because more than 24 hours have passed."}}]}]}}]}]}
{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.2","status":"failed","timestamp":"1760003700","recipient_id":"15558560975","errors":[{"code":131047,"title":"Re-engagement message"}]}]}}]}]}
{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.3","status":"failed","timestamp":"1760003800","recipient_id":"15558560976","errors":[{"code":131026,"title":"Message undeliverable"}]}]}}]}]}
{"level":"error","time":1760003900,"msg":"graph call failed","response":{"error":{"message":"(#190) Error validating access token: Session has expired","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"Aabc"}}}
{"level":"error","msg":"graph call failed","response":{"error":{"message":"Invalid parameter","type":"OAuthException","code":100,"fbtrace_id":"Aabd"}}}
{"object":"whatsapp_business_account","entry":[{"id":
"#;

    fn triage(by: &[GroupBy]) -> TriageReport {
        let mut t = Triage::new(by);
        for (i, line) in LOG.lines().enumerate() {
            t.add_line(i as u64 + 1, line);
        }
        t.report()
    }

    #[test]
    fn code_and_category_groups_match_the_core_grouping_directly() {
        let summary = TriageSummary::from_report(&triage(&WORKER_GROUP_BY));
        for (kind, by) in [
            (GroupKind::Code, GroupBy::Code),
            (GroupKind::Category, GroupBy::Category),
        ] {
            let direct = triage(&[by]);
            let ours = summary.groups(kind);
            assert_eq!(ours.len(), direct.groups.len());
            for (a, b) in ours.iter().zip(direct.groups_blocking_first()) {
                let key = &b.key[by.id()];
                let key = key.as_str().map_or_else(|| key.to_string(), str::to_string);
                assert_eq!(a.key, key.replace("null", "none"));
                assert_eq!(a.count, b.count);
                assert_eq!(a.first_seen, b.first_seen);
                assert_eq!(a.last_seen, b.last_seen);
                assert_eq!(a.title, b.title);
                assert_eq!(a.category, b.category);
            }
        }
        assert_eq!(summary.total_errors, 5);
        // The expired token blocks every call: first, though the least common.
        assert_eq!(summary.by_code[0].key, "190");
        assert!(summary.by_code[0].blocks_every_call);
        assert_eq!(summary.by_code[0].count, 1);
        assert!(summary.by_code[1..].iter().all(|g| !g.blocks_every_call));
        assert_eq!(summary.by_category[0].key, "authentication");
        assert!(summary.by_category[0].blocks_every_call);
        assert_eq!(summary.lines_without_errors, Some(0));
        assert_eq!(summary.unreadable_line_numbers, vec![6]);
        let direct = triage(&[GroupBy::Hour]);
        let timed: u64 = summary.hours.iter().map(|h| h.count).sum();
        assert_eq!(timed + summary.no_time, 5);
        assert_eq!(summary.hours.len() + 1, direct.groups.len());
        assert_eq!(summary.no_time, 1);
    }

    #[test]
    fn share_aggregate_round_trips_counts_and_carries_no_text() {
        let summary = TriageSummary::from_report(&triage(&WORKER_GROUP_BY));
        let agg = summary.aggregate(GroupKind::Category);
        let json = agg.to_json();
        for secret in [
            "wamid",
            "15558560974",
            "106540352242922",
            "Session",
            "Aabc",
            "Re-engagement",
        ] {
            assert!(!json.contains(secret), "{secret} in {json}");
        }
        let state = TriageState::from_extra(&json);
        assert_eq!(state.by, GroupKind::Category);
        let back = state.summary.expect("summary");
        assert_eq!(back.total_errors, summary.total_errors);
        assert_eq!(back.lines_without_errors, summary.lines_without_errors);
        assert_eq!(
            back.unreadable_line_numbers,
            summary.unreadable_line_numbers
        );
        assert_eq!(back.hours, summary.hours);
        assert_eq!(back.no_time, summary.no_time);
        for kind in [GroupKind::Code, GroupKind::Category] {
            let a: Vec<_> = summary
                .groups(kind)
                .iter()
                .map(|g| (&g.key, g.count, &g.title))
                .collect();
            let b: Vec<_> = back
                .groups(kind)
                .iter()
                .map(|g| (&g.key, g.count, &g.title))
                .collect();
            assert_eq!(a, b);
        }
        assert!(back.by_code.iter().all(|g| g.sample.is_none()));
        assert!(TriageState::from_extra("{\"v\":9}").error.is_some());
        // Hostile links are refused, never a panic or a huge allocation.
        for bad in [
            r#"{"v":1,"lines":1,"errors":1,"unreadable":0,"codes":[[190,18446744073709551615]]}"#,
            r#"{"v":1,"lines":1,"errors":1,"unreadable":0,"codes":[],"hour0":9223372036854775807,"hours":[1]}"#,
            r#"{"v":1,"lines":1,"errors":1,"unreadable":0,"codes":[],"hour0":-5,"hours":[1]}"#,
            r#"{"v":1,"lines":1,"errors":1,"unreadable":0,"codes":[[4294967296,1]]}"#,
            r#"{"v":1,"by":"<script>","lines":1,"errors":1,"unreadable":0,"codes":[]}"#,
            r#"{"v":1,"lines":"1","errors":1,"unreadable":0,"codes":[]}"#,
            "[1,2]",
            "",
        ] {
            let state = TriageState::from_extra(bad);
            assert!(state.summary.is_none(), "{bad}");
        }
        let edge = format!(
            r#"{{"v":1,"lines":1,"errors":3,"unreadable":0,"codes":[[null,1],[190,1],[190,1]],"hour0":{MAX_HOUR0},"hours":[1,0,2]}}"#
        );
        let state = TriageState::from_extra(&edge);
        let summary = state.summary.expect("edge link opens");
        assert_eq!(summary.by_code.len(), 2);
        assert_eq!(summary.hours.len(), 2);
        assert!(TriageState::from_extra("not json").error.is_some());
        assert_eq!(TriageState::from_extra("").summary, None);
    }

    #[test]
    fn samples_diagnose_as_what_they_came_from() {
        let summary = TriageSummary::from_report(&triage(&WORKER_GROUP_BY));
        let ctx = Context {
            now: 1_760_000_000,
            ..Context::default()
        };
        for g in &summary.by_code {
            let input = sample_input(g.sample.as_ref().expect("sample"));
            let d = diagnose(&input, &ctx);
            let codes: Vec<Option<u32>> = d.findings.iter().map(|f| f.code).collect();
            assert!(
                codes.contains(&code_of_key(&g.key)),
                "{}: {:?} from {input}",
                g.key,
                d.findings.iter().map(|f| &f.title).collect::<Vec<_>>()
            );
        }
    }
}
