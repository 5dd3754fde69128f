//! Reading an error from its words when there is no payload to parse: a log
//! line, an exception message, an issue title, a chat message, or the
//! `WWW-Authenticate` header of a response whose body was not kept.
//!
//! Three kinds of evidence, strongest first: a code in one of the notations
//! people and SDKs write (`(#190)`, `code 190`, `errorCode: 190`,
//! `(code 190, subcode 463)`, `190/463`, `131051: Unsupported…`); Meta's own
//! fixed message texts (`kb::errors::messages`), which name a code and often
//! a subcode; and a WhatsApp error's title on its own. The reading records
//! which words it rests on, so the diagnosis can say so.
//!
//! When no Meta error is in the text but a client library's HTTP error is
//! (`Request failed with status code 400`), the body was thrown away: that
//! is reported with how to log it in that library.

use crate::kb::errors::{lookup_error, messages::MESSAGES, ErrorLookup, CATALOG};
use serde::Serialize;

/// How much of a paste is read for words. Errors sit near the top of what
/// people paste; the bound keeps the work small whatever the input.
const MAX_TEXT_SCAN: usize = 256 * 1024;

/// What an error read from words rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// A code written next to the error (`(#190)`, `code 190`…).
    Code,
    /// One of Meta's fixed message texts.
    Message,
    /// A WhatsApp error's title without its code.
    Title,
}

/// An error read from words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextError {
    pub code: u32,
    pub subcode: Option<u32>,
    pub error_type: Option<String>,
    pub message: Option<String>,
    pub basis: Basis,
    /// The words the reading rests on, as found.
    pub evidence: Vec<String>,
    /// Read from a `WWW-Authenticate` header.
    pub from_header: bool,
}

/// Reads an error from the words of `text`, if it has one.
pub fn read_error(text: &str) -> Option<TextError> {
    let text = window(text);
    let lower = text.to_ascii_lowercase();
    let notation = find_code(text, &lower);
    let message = find_message(&lower);
    let mut found = match (notation, message) {
        (Some(n), Some(m)) if m.code == n.code => {
            let subcode = n.subcode.or(m.subcode);
            let mut found = from_notation(n, text);
            found.subcode = subcode;
            if found.message.is_none() {
                found.message = line_saying(text, &m.words);
            }
            found.evidence.push(m.words);
            found
        }
        (Some(n), _) => from_notation(n, text),
        (None, Some(m)) => TextError {
            code: m.code,
            subcode: m.subcode,
            error_type: None,
            message: Some(line_saying(text, &m.words).unwrap_or_else(|| m.words.clone())),
            basis: m.basis,
            evidence: vec![m.words],
            from_header: false,
        },
        (None, None) => return header_error(text, &lower),
    };
    found.error_type = error_type(text);
    found.from_header = lower
        .lines()
        .any(|l| l.contains("www-authenticate") && l.contains(&found.code.to_string()));
    if found.message.is_none() {
        found.message = keyed_value(text, &lower, MESSAGE_KEYS, 3);
    }
    // `code: 200` beside `message: OK` is a service's status, not error 200.
    let said = keyed_value(text, &lower, MESSAGE_KEYS, 1);
    if !lower.contains("(#")
        && said.is_some_and(|m| crate::model::status_phrase(found.code, &m).is_some())
    {
        return None;
    }
    Some(found)
}

/// The part of a paste that is read for words.
pub fn window(text: &str) -> &str {
    if text.len() <= MAX_TEXT_SCAN {
        return text;
    }
    let mut end = MAX_TEXT_SCAN;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A code found in one of the notations.
struct Notation {
    code: u32,
    subcode: Option<u32>,
    /// Where the notation starts, for taking the message after it.
    at: usize,
    /// Strong notations (`(#N)`, a keyword, `N/M`) beat a bare number.
    strong: bool,
    words: String,
}

fn from_notation(n: Notation, text: &str) -> TextError {
    TextError {
        code: n.code,
        subcode: n.subcode,
        error_type: None,
        message: message_after(text, n.at),
        basis: Basis::Code,
        evidence: vec![n.words],
        from_header: false,
    }
}

/// Words naming a code, lowercase, longest first so that `error_code`
/// is not read as `code`.
const CODE_KEYS: &[&str] = &[
    "error_code",
    "errorcode",
    "error code",
    "err_code",
    "errcode",
    "code",
    "error",
    // Other languages, as translated SDK messages and people write them.
    "código de error",
    "código de erro",
    "código do erro",
    "codigo de error",
    "codigo de erro",
    "código",
    "codigo",
    "code d'erreur",
    "code d\u{2019}erreur",
    "code erreur",
    "fehlercode",
    "fehler-code",
    "codice di errore",
    "codice errore",
    "codice",
    "kode kesalahan",
    "kode galat",
    "kode error",
    "kode ralat",
    "kod ralat",
    "kode",
    "foutcode",
    "kod błędu",
    "hata kodu",
    "felkod",
    "feilkode",
    "fejlkode",
    "mã lỗi",
];

/// Where the translated code words start in [`CODE_KEYS`]. Some are also
/// everyday words (`código`, `kode`): like `error`, they count only before
/// a code Meta's catalog has.
const LOCAL_CODE_KEYS_FROM: usize = 7;

const SUBCODE_KEYS: &[&str] = &[
    "subcódigo",
    "subcodigo",
    "sous-code",
    "subkode",
    "error_subcode",
    "errorsubcode",
    "error subcode",
    "suberrorcode",
    "sub_error_code",
    "sub error code",
    "sub_code",
    "subcode",
    "sub-code",
    "sub code",
];

/// Words before `code` that make it something else than Meta's code.
const NOT_META_CODE: &[&str] = &[
    "status",
    "http",
    "response",
    "exit",
    "return",
    "country",
    "postal",
    "zip",
    "area",
    "language",
    "lang",
    "currency",
    "verification",
    "otp",
    "auth",
    "promo",
    "coupon",
    "source",
    "qr",
    "activation",
    "authorization",
    "oauth",
    "confirmation",
    "login",
    "security",
    "pin",
];

/// HTTP reason phrases: a number before one is an HTTP status.
const HTTP_REASONS: &[&str] = &[
    "bad request",
    "unauthorized",
    "forbidden",
    "not found",
    "internal server",
    "too many requests",
    "service unavailable",
    "bad gateway",
    "gateway",
    "client error",
    "server error",
    "ok",
];

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn digits_at(bytes: &[u8], at: usize) -> Option<(u32, usize)> {
    let end = at
        + bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    if end == at || end - at > 9 || bytes.get(end).is_some_and(|b| is_word_byte(*b)) {
        return None;
    }
    let n = std::str::from_utf8(&bytes[at..end]).ok()?.parse().ok()?;
    Some((n, end))
}

/// Whether Meta's catalog has `code` itself (not only its family).
fn known_code(code: u32) -> bool {
    matches!(lookup_error(code, None), ErrorLookup::Known { entry, .. } if entry.last_code.is_none() && entry.code == code)
}

fn has_subcodes(code: u32) -> bool {
    CATALOG
        .iter()
        .any(|e| e.code == code && e.subcode.is_some())
}

fn followed_by_http_reason(lower: &str, end: usize) -> bool {
    let rest = lower[end..].trim_start_matches([' ', ')', '(', ':', '-', '`', '\'', '"']);
    HTTP_REASONS.iter().any(|r| rest.starts_with(r))
}

/// The word before `at` (lowercase), skipping spaces, quotes and `_`/`-`.
fn word_before(lower: &str, at: usize) -> &str {
    let head = lower[..at].trim_end_matches([' ', '_', '-', '"', '\'', '.']);
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_ascii_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// After a keyword: separators (`:`, `=`, `=>`, `#`, quotes, spaces), then
/// the number.
fn value_after_key(bytes: &[u8], mut at: usize) -> Option<(u32, usize)> {
    let start = at;
    while at < bytes.len()
        && at - start < 6
        && matches!(
            bytes[at],
            b' ' | b':' | b'=' | b'>' | b'#' | b'"' | b'\'' | b'(' | b'[' | b'\t'
        )
    {
        at += 1;
    }
    if at == start && !bytes.get(at).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    digits_at(bytes, at)
}

/// Whether `at` starts a word inside a camelCase name (`InnerErrorCode`,
/// `graphErrorSubcode`): an upper-case letter after a lower-case one.
fn camel_case_boundary(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    at > 0 && bytes[at].is_ascii_uppercase() && bytes[at - 1].is_ascii_lowercase()
}

fn keyed_number(
    text: &str,
    lower: &str,
    keys: &[&str],
    from: usize,
    to: usize,
) -> Option<(u32, usize, usize)> {
    let bytes = lower.as_bytes();
    let mut to = to.min(lower.len());
    while !lower.is_char_boundary(to) {
        to -= 1;
    }
    if from >= to || !lower.is_char_boundary(from) {
        return None;
    }
    let region = &lower[from..to];
    let mut best: Option<(u32, usize, usize)> = None;
    for key in keys {
        for (rel, _) in region.match_indices(key) {
            let at = from + rel;
            // `InnerErrorCode: 190`: an SDK's own name ending in Meta's.
            let camel = key.starts_with("error") && camel_case_boundary(text, at);
            if at > 0 && is_word_byte(bytes[at - 1]) && !key.starts_with("sub") && !camel {
                continue;
            }
            if at > 0 && bytes[at - 1].is_ascii_alphanumeric() && !camel {
                continue;
            }
            let after = at + key.len();
            if bytes.get(after).is_some_and(|b| b.is_ascii_alphabetic()) {
                continue;
            }
            let Some((n, end)) = value_after_key(bytes, after) else {
                continue;
            };
            if best.is_none_or(|(_, b, _)| at < b) {
                best = Some((n, at, end));
            }
            break;
        }
    }
    best
}

fn find_code(text: &str, lower: &str) -> Option<Notation> {
    let bytes = lower.as_bytes();
    let mut candidates: Vec<Notation> = Vec::new();
    // `(#N)` and `- #N)` (the .NET SDK's `(OAuthException - #190)`).
    for (at, _) in lower.match_indices('#') {
        let opened = at > 0 && (bytes[at - 1] == b'(' || lower[..at].ends_with("- "));
        if let Some((code, end)) = digits_at(bytes, at + 1) {
            let closed = bytes.get(end) == Some(&b')');
            if opened && closed {
                // `(OAuthException - #190)`: from its opening bracket.
                let start = if bytes[at - 1] == b'(' {
                    at - 1
                } else {
                    let mut from = at.saturating_sub(48);
                    while !lower.is_char_boundary(from) {
                        from += 1;
                    }
                    lower[from..at].rfind('(').map_or(at, |i| from + i)
                };
                candidates.push(Notation {
                    code,
                    subcode: None,
                    at: start,
                    strong: true,
                    words: text[start..=end].to_string(),
                });
                break;
            }
        }
    }
    // `[100]`, as some SDKs print the code after the HTTP status (`[400] [100] …`).
    for (at, _) in lower.match_indices('[') {
        if let Some((code, end)) = digits_at(bytes, at + 1) {
            if bytes.get(end) == Some(&b']') && code >= 100 && known_code(code) {
                candidates.push(Notation {
                    code,
                    subcode: None,
                    at,
                    strong: true,
                    words: text[at..=end].to_string(),
                });
                break;
            }
        }
    }
    // `code 190`, `errorCode: 190`, `"code": "190"`, `error 190`.
    for line_start in line_starts(lower) {
        let line_end = lower[line_start..]
            .find('\n')
            .map_or(lower.len(), |i| line_start + i);
        let mut from = line_start;
        while let Some((code, at, end)) = keyed_number(text, lower, CODE_KEYS, from, line_end) {
            from = end;
            let keyword = &lower[at..];
            let weak_keyword = (keyword.starts_with("error")
                && !keyword.starts_with("error_code")
                && !keyword.starts_with("errorcode")
                && !keyword.starts_with("error code"))
                || CODE_KEYS[LOCAL_CODE_KEYS_FROM..]
                    .iter()
                    .any(|local| keyword.starts_with(local));
            let before = word_before(lower, at);
            // `code 0` is how many APIs say "no error"; Meta's 0 comes as `(#0)`.
            if code == 0
                || NOT_META_CODE.contains(&before)
                || followed_by_http_reason(lower, end)
                || (weak_keyword && !known_code(code))
                || (100..600).contains(&code) && !known_code(code) && !has_subcodes(code)
            {
                continue;
            }
            let subcode = keyed_number(text, lower, SUBCODE_KEYS, line_start, line_end)
                .or_else(|| {
                    keyed_number(
                        text,
                        lower,
                        SUBCODE_KEYS,
                        end,
                        (end + 200).min(lower.len()).max(end),
                    )
                })
                .map(|(n, _, _)| n);
            candidates.push(Notation {
                code,
                subcode,
                at,
                strong: true,
                words: text[at..end].trim().to_string(),
            });
            break;
        }
        if candidates.len() > 1 {
            break;
        }
    }
    // `190/463`, and `131051: Unsupported message type` at a line's start.
    for (at, _) in lower.match_indices('/') {
        let head_start = at
            - lower[..at]
                .bytes()
                .rev()
                .take_while(u8::is_ascii_digit)
                .count();
        if head_start == at
            || (head_start > 0
                && (is_word_byte(bytes[head_start - 1])
                    || matches!(bytes[head_start - 1], b'/' | b'.')))
        {
            continue;
        }
        let (Some((code, _)), Some((sub, end))) =
            (digits_at(bytes, head_start), digits_at(bytes, at + 1))
        else {
            continue;
        };
        if has_subcodes(code) && sub >= 2 && bytes.get(end) != Some(&b'/') {
            candidates.push(Notation {
                code,
                subcode: Some(sub),
                at: head_start,
                strong: true,
                words: text[head_start..end].to_string(),
            });
            break;
        }
    }
    for line_start in line_starts(lower) {
        let line = &lower[line_start..];
        let skipped = line.len()
            - line
                .trim_start_matches([' ', '\t', '>', '-', '*', '`', '"', '\''])
                .len();
        let at = line_start + skipped;
        if let Some((code, end)) = digits_at(bytes, at) {
            let rest = &lower[end..];
            if known_code(code)
                && code >= 100
                && (rest.starts_with(": ") || rest.starts_with(" - ") || rest.starts_with(" – "))
            {
                let line_end = lower[end..].find('\n').map_or(lower.len(), |i| end + i);
                candidates.push(Notation {
                    code,
                    subcode: None,
                    at,
                    strong: true,
                    words: text[at..line_end].trim().chars().take(120).collect(),
                });
                break;
            }
        }
    }
    // A bare WhatsApp or rate-limit code, as in "getting 131047 since today".
    if candidates.is_empty() {
        let mut at = 0;
        while at < bytes.len() {
            if bytes[at].is_ascii_digit()
                && (at == 0
                    || !(is_word_byte(bytes[at - 1])
                        || matches!(bytes[at - 1], b'+' | b'.' | b'/' | b'-' | b':')))
            {
                if let Some((code, end)) = digits_at(bytes, at) {
                    if code >= 10_000
                        && known_code(code)
                        && !matches!(bytes.get(end), Some(b'.' | b'/' | b'-' | b':'))
                    {
                        candidates.push(Notation {
                            code,
                            subcode: None,
                            at,
                            strong: false,
                            words: text[at..end].to_string(),
                        });
                        break;
                    }
                    at = end;
                    continue;
                }
            }
            at += 1;
        }
    }
    // The strongest, earliest notation; a known code beats an unknown one.
    candidates.sort_by_key(|n| (!n.strong, !known_code(n.code), n.at));
    candidates.into_iter().next()
}

fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1))
}

/// Meta's message from `at` (a `(#N)` notation) to the end of its line,
/// without trailing quotes and brackets.
fn message_after(text: &str, at: usize) -> Option<String> {
    let rest = &text[at..];
    if rest.starts_with('[') {
        // `[100] Unsupported post request…`: Meta's words follow the bracket.
        let line = rest.lines().next()?;
        let said = line[line.find(']')? + 1..].trim();
        return (!said.is_empty()).then(|| said.chars().take(300).collect());
    }
    let line = rest.lines().next()?;
    let notation_end = line.find(')')?;
    if !line.starts_with('(') || !line[..notation_end].contains('#') {
        return None;
    }
    // A message opened by a quote ends at the same quote: what follows is
    // the rest of the record (other keys, a customer's data), not Meta's.
    let opening_quote = text[..at]
        .chars()
        .next_back()
        .filter(|c| matches!(c, '"' | '\'' | '`'));
    let closing =
        opening_quote.and_then(|q| line[notation_end..].find(q).map(|i| i + notation_end));
    // Meta's sentence ends where a log goes on with its own fields.
    let cut = [
        "\",", "',", "\"}", "'}", "\" }", "' }", ";", " | ", "\t", "=", " - ",
    ]
    .iter()
    .filter_map(|end| line[notation_end..].find(end).map(|i| i + notation_end))
    .chain(closing)
    .min()
    .unwrap_or(line.len());
    let message = line[..cut]
        .trim_end_matches(['"', '\'', '}', ']', ')', ',', ' ', '\\', '`'])
        .trim();
    let message = if message.ends_with(|c: char| c.is_ascii_digit())
        && message.starts_with("(#")
        && !message.contains(' ')
    {
        return None;
    } else {
        message
    };
    Some(message.chars().take(300).collect())
}

const MESSAGE_KEYS: &[&str] = &[
    "error_message",
    "errormessage",
    "error_msg",
    "message",
    "msg",
];

/// `message: Error validating…` in `key: value` text, up to the next key,
/// if it has at least `min_len` bytes.
fn keyed_value(text: &str, lower: &str, keys: &[&str], min_len: usize) -> Option<String> {
    for key in keys {
        for (at, _) in lower.match_indices(key) {
            if at > 0 && lower.as_bytes()[at - 1].is_ascii_alphanumeric() {
                continue;
            }
            let rest = &lower[at + key.len()..];
            let sep = rest.len() - rest.trim_start_matches([' ', '"', '\'']).len();
            let rest = &rest[sep..];
            let Some(after) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('=')) else {
                continue;
            };
            let value_start = lower.len() - after.trim_start_matches([' ', '"', '\'', '>']).len();
            let line_end = lower[value_start..]
                .find('\n')
                .map_or(lower.len(), |i| value_start + i);
            let value = &text[value_start..line_end];
            let value = [
                ", type",
                ", code",
                ", error_subcode",
                ", fbtrace",
                "\", ",
                "', ",
                " type:",
                " code:",
            ]
            .iter()
            .filter_map(|k| value.to_ascii_lowercase().find(k))
            .min()
            .map_or(value, |cut| &value[..cut]);
            let value = value
                .trim()
                .trim_end_matches(|c: char| c.is_whitespace() || "\"',})".contains(c));
            if value.len() >= min_len {
                return Some(value.chars().take(300).collect());
            }
        }
    }
    None
}

/// A message matched in the text.
struct MessageMatch {
    code: u32,
    subcode: Option<u32>,
    basis: Basis,
    words: String,
}

/// Lowercase, quotes dropped, runs of spaces as one: how texts are compared.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(c, '"' | '\'' | '‘' | '’' | '“' | '”' | '`') {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// Whether the fragments of `pattern` (split at `…`) occur in `haystack` in
/// order, each within a few hundred characters of the last.
fn matches_in_order(haystack: &str, pattern: &str) -> bool {
    let fragments: Vec<String> = pattern
        .split('…')
        .map(fold)
        .filter(|f| !f.is_empty())
        .collect();
    let Some(first) = fragments.first() else {
        return false;
    };
    for (start, _) in haystack.match_indices(first.as_str()).take(8) {
        let mut at = start + first.len();
        let mut all = true;
        for fragment in &fragments[1..] {
            let limit = (at + 300).min(haystack.len());
            let mut end = limit;
            while !haystack.is_char_boundary(end) {
                end -= 1;
            }
            match haystack[at..end].find(fragment.as_str()) {
                Some(rel) => at += rel + fragment.len(),
                None => {
                    all = false;
                    break;
                }
            }
        }
        if all {
            return true;
        }
    }
    false
}

/// Shortest WhatsApp title matched on its own: shorter ones ("Spam Rate
/// limit hit" is fine, "Access denied" is not) are too common in other text.
const MIN_TITLE_MATCH: usize = 14;

fn find_message(lower: &str) -> Option<MessageMatch> {
    // An HTML error page's words ("Sorry, something went wrong") are the
    // web server's, not an API error's.
    let head = lower.trim_start();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        return None;
    }
    let haystack = fold(lower);
    for msg in MESSAGES {
        if matches_in_order(&haystack, msg.text) {
            return Some(MessageMatch {
                code: msg.code,
                subcode: msg.subcode,
                basis: Basis::Message,
                words: msg.text.to_string(),
            });
        }
    }
    for entry in CATALOG {
        let whatsapp = entry.code >= 130_000 && entry.code < 1_000_000;
        if !whatsapp || entry.subcode.is_some() || entry.last_code.is_some() {
            continue;
        }
        let title = fold(entry.title);
        if title.len() >= MIN_TITLE_MATCH && !title.contains('…') && haystack.contains(&title) {
            return Some(MessageMatch {
                code: entry.code,
                subcode: None,
                basis: Basis::Title,
                words: entry.title.to_string(),
            });
        }
    }
    None
}

/// The line of `text` that carries `pattern`'s words, trimmed, from where
/// they start.
fn line_saying(text: &str, pattern: &str) -> Option<String> {
    let first = fold(pattern.split('…').next()?);
    let line = text
        .lines()
        .find(|line| matches_in_order(&fold(line), pattern))?;
    let lower = line.to_lowercase();
    let opening = first.split(' ').take(3).collect::<Vec<_>>().join(" ");
    let start = lower
        .find(&opening)
        .filter(|at| line.is_char_boundary(*at))
        .unwrap_or(0);
    let said = line[start..]
        .trim()
        .trim_end_matches(['"', '\'', ',', '}', ')']);
    Some(said.chars().take(300).collect())
}

/// `WWW-Authenticate: OAuth "Facebook Platform" "invalid_token" "…"` whose
/// message names no code: the RFC 6750 error word still says the token
/// was refused, which is Graph's 190.
fn header_error(text: &str, lower: &str) -> Option<TextError> {
    let at = lower.find("facebook platform")?;
    let rest = lower[at..].replace("\\\"", "\"");
    let word = rest.split('"').nth(2)?.trim();
    if word != "invalid_token" {
        return None;
    }
    let message = text[at..]
        .replace("\\\"", "\"")
        .split('"')
        .nth(4)
        .map(|m| m.trim().chars().take(300).collect::<String>())
        .filter(|m| !m.is_empty());
    Some(TextError {
        code: 190,
        subcode: None,
        error_type: Some("OAuthException".to_string()),
        message,
        basis: Basis::Message,
        evidence: vec!["\"invalid_token\"".to_string()],
        from_header: true,
    })
}

/// Graph error types named in exception text.
const ERROR_TYPES: &[&str] = &[
    "OAuthException",
    "GraphMethodException",
    "FacebookApiException",
    "IGApiException",
];

fn error_type(text: &str) -> Option<String> {
    ERROR_TYPES
        .iter()
        .find(|t| text.contains(*t))
        .map(|t| t.to_string())
}

/// A client library's own HTTP error, with the response body left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct ClientLibrary {
    pub name: &'static str,
    /// How to log the body in that library.
    pub log_body: &'static str,
}

/// Phrases client libraries use for a failed HTTP status, lowercase, each
/// with where the status number follows.
const CLIENT_ERRORS: &[(&str, ClientLibrary)] = &[
    ("request failed with status code ", ClientLibrary { name: "axios", log_body: "log `error.response.data` (for example `console.error(JSON.stringify(error.response?.data))`)" }),
    ("httperror: response code ", ClientLibrary { name: "got", log_body: "log `error.response.body`" }),
    (" client error", ClientLibrary { name: "Python requests", log_body: "print `response.text` before `raise_for_status()`, or `error.response.text` in the `except` block" }),
    (" server error", ClientLibrary { name: "Python requests", log_body: "print `response.text` before `raise_for_status()`, or `error.response.text` in the `except` block" }),
    ("http error ", ClientLibrary { name: "Python urllib", log_body: "print `error.read().decode()` in the `except HTTPError as error` block" }),
    ("the remote server returned an error: (", ClientLibrary { name: ".NET WebClient/HttpWebRequest", log_body: "read `((HttpWebResponse)ex.Response).GetResponseStream()` in the `catch (WebException ex)` block" }),
    ("response status code does not indicate success: ", ClientLibrary { name: ".NET HttpClient", log_body: "read `await response.Content.ReadAsStringAsync()` before calling `EnsureSuccessStatusCode()`" }),
    ("server returned http response code: ", ClientLibrary { name: "Java HttpURLConnection", log_body: "read `connection.getErrorStream()` instead of `getInputStream()`" }),
    ("the server responded with status ", ClientLibrary { name: "Ruby Faraday", log_body: "log `error.response[:body]`" }),
    ("resulted in a `", ClientLibrary { name: "PHP Guzzle", log_body: "log `$e->getResponse()->getBody()->getContents()` (Guzzle cuts the body short in its message)" }),
    ("statuscodeerror: ", ClientLibrary { name: "request-promise", log_body: "log `error.error` (the parsed body)" }),
    ("<response [", ClientLibrary { name: "Python requests", log_body: "print `response.text` (the `Response` object itself shows only its status)" }),
    ("unexpected status code", ClientLibrary { name: "the HTTP client", log_body: "log the response body before checking the status" }),
];

/// A Ruby object printed with `to_s` (`#<Some::ErrorResponse:0x0000…>`)
/// shows nothing of the response.
const RUBY_OBJECT: ClientLibrary = ClientLibrary {
    name: "a Ruby object printed with to_s",
    log_body: "print the object with `.inspect` (or its raw body) instead of `to_s`",
};

fn ruby_object_reference(lower: &str) -> bool {
    lower.match_indices("#<").any(|(at, _)| {
        let class = lower[at + 2..].split([':', '>', ' ']).next().unwrap_or("");
        let rest = &lower[at + 2..];
        let reference = rest
            .find(":0x")
            .is_some_and(|i| i < 200 && !rest[..i].contains(' '));
        reference
            && (rest[..rest.find(":0x").unwrap_or(0)].contains("error")
                || rest[..rest.find(":0x").unwrap_or(0)].contains("response")
                || class.contains("error"))
    })
}

/// The HTTP status of a client library's error whose body is missing.
pub fn client_error(text: &str) -> Option<(ClientLibrary, Option<u16>)> {
    let lower = window(text).to_ascii_lowercase();
    if ruby_object_reference(&lower) {
        return Some((RUBY_OBJECT, None));
    }
    for (phrase, library) in CLIENT_ERRORS {
        if let Some(at) = lower.find(phrase) {
            let rest = &lower[at + phrase.len()..];
            let digits: String = rest
                .trim_start_matches([' ', ':', '`', '('])
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let before: String = lower[..at]
                .trim_end()
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let status = digits
                .parse::<u16>()
                .ok()
                .or_else(|| before.parse().ok())
                .filter(|s| (400..600).contains(s));
            let looks_http = status.is_some() || !phrase.starts_with(' ');
            if looks_http {
                return Some((*library, status));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(u32, Option<u32>)> {
        read_error(text).map(|e| (e.code, e.subcode))
    }

    #[test]
    fn every_common_code_notation_is_read() {
        for (text, expected) in [
            ("send failed: (#131005) Access denied", (131005, None)),
            ("Error: (#200) Permissions error", (200, None)),
            ("GraphMethodException (#803) Some of the aliases you requested do not exist", (803, None)),
            ("131051: Unsupported message type", (131051, None)),
            ("got error code 4 again", (4, None)),
            ("whatsapp send failed code=80007", (80007, None)),
            ("errorCode: 190, subErrorCode: 463", (190, Some(463))),
            ("error_subcode=460 error_code=190", (190, Some(460))),
            ("Received Facebook error response of type OAuthException: Invalid token (code 190, subcode 463)", (190, Some(463))),
            ("token fails with 190/463 since this morning", (190, Some(463))),
            ("{Code:190 Message:Invalid OAuth access token}", (190, None)),
            ("Facebook.FacebookOAuthException: (OAuthException - #190) Error validating access token", (190, None)),
            ("getting 131047 on every send", (131047, None)),
        ] {
            assert_eq!(read(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn http_statuses_and_other_codes_are_not_meta_codes() {
        for text in [
            "Request failed with status code 400",
            "HTTP error 403 Forbidden",
            "status code: 500",
            "exit code 1",
            "the verification code 123456 was wrong",
            "see https://example.com/190/463 for details",
            "on 12/2023 it broke",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }

    #[test]
    fn meta_messages_without_a_code_are_recognised() {
        let e = read_error("Error validating access token: Session has expired on Friday, 06-Oct-22 10:00:00 PDT. The current time is Monday").unwrap();
        assert_eq!(
            (e.code, e.subcode, e.basis),
            (190, Some(463), Basis::Message)
        );
        let e = read_error("Unsupported post request. Object with ID '1234567890' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation").unwrap();
        assert_eq!((e.code, e.subcode), (100, Some(33)));
    }

    #[test]
    fn the_message_after_a_code_is_kept_without_its_quotes() {
        let e = read_error(
            "Error: {'message': '(#131030) Recipient phone number not in allowed list', 'code'",
        )
        .unwrap();
        assert_eq!(
            e.message.as_deref(),
            Some("(#131030) Recipient phone number not in allowed list")
        );
    }

    #[test]
    fn client_errors_without_a_body_name_their_library() {
        let (lib, status) =
            client_error("AxiosError: Request failed with status code 400").unwrap();
        assert_eq!((lib.name, status), ("axios", Some(400)));
        let (lib, status) = client_error("requests.exceptions.HTTPError: 400 Client Error: Bad Request for url: https://graph.facebook.com/v19.0/1/messages").unwrap();
        assert_eq!((lib.name, status), ("Python requests", Some(400)));
        assert!(client_error("all good").is_none());
        // Variants written without the colon, or as the Response's repr.
        for text in [
            "requests.exceptions.HTTPError: 400 Client Error",
            "print(r) gives <Response [403]>",
        ] {
            assert_eq!(
                client_error(text).map(|(lib, _)| lib.name),
                Some("Python requests"),
                "{text}"
            );
        }
    }
}
