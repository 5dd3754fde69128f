//! Secrets found by their name: `name=value`, `"name": "value"`, headers,
//! environment files and every layout that puts a value after its name
//! (PHP `print_r`, `var_dump` and `serialize`, Go `url.Values`, YAML block
//! scalars, a value on the next line, values in arrays and objects,
//! `--flag value`, `.netrc`), and layouts that keep the name and the value
//! in separate fields (HAR and Postman `{"name": …, "value": …}`, cookie
//! exports, HTML `<input name=… value=…>`, multipart form fields), an XML
//! element's text (`<app_secret>…</app_secret>`) and the value after an
//! EDN keyword (`:app-secret "…"`).

use super::shapes::{begins_field, continuation_after, long_line_ends_at};
use super::{
    already_redacted, is_placeholder, percent_decoded, quote_at, quoted_end, run_end, skip_spaces,
    value_span, AUTH_SCHEMES, MIN_VALUE_LEN,
};

/// Shortest OAuth `code`: real ones are hundreds of characters, and error
/// codes (`"code": 190`) are numbers of a few digits.
const MIN_CODE_LEN: usize = 20;
/// Shortest session cookie value (`c_user` is a 15-digit ID).
const MIN_COOKIE_LEN: usize = 12;
/// How far a name field's value field is looked for, either way.
const PAIR_WINDOW: usize = 1024;
/// How far an array or object holding a secret is read.
const BRACKET_WINDOW: usize = 16 * 1024;
/// Longest name considered.
const MAX_NAME_LEN: usize = 64;

/// What a secret's name says about its value.
#[derive(Debug, Clone, Copy)]
pub(super) struct Kind {
    min_len: usize,
    /// An `Authorization` value: a scheme (`Basic`, `Bearer`…) before the
    /// credential stays.
    auth: bool,
}

const PLAIN: Kind = Kind {
    min_len: MIN_VALUE_LEN,
    auth: false,
};

/// Names whose value is a secret, however they are spelt: any case, and
/// `-`, `.` or `_` between words (`X-Hub-Signature-256`, `hub.verify_token`,
/// `appSecret`, `META_APP_SECRET`).
const SECRET_ENDINGS: &[&[u8]] = &[
    b"token",
    b"secret",
    b"password",
    b"passwd",
    b"proof",
    b"signature",
    b"signature_256",
    b"signature256",
    b"signed_request",
    b"apikey",
    b"api_key",
    b"_key",
    b"sessionid",
    b"session_id",
];

/// Facebook and Instagram session cookies.
const SESSION_COOKIES: &[&[u8]] = &[
    b"xs",
    b"datr",
    b"c_user",
    b"fr",
    b"sb",
    b"i_user",
    b"ds_user_id",
    b"rur",
    b"shbid",
    b"shbts",
];

const OAUTH_CODES: &[&[u8]] = &[b"code", b"auth_code", b"oauth_code", b"authorization_code"];

/// What `name` says about its value, if it names a secret.
pub(super) fn secret_name(name: &[u8]) -> Option<Kind> {
    if name.len() < 2 || name.len() > MAX_NAME_LEN {
        return None;
    }
    let mut buffer = [0u8; MAX_NAME_LEN];
    for (slot, b) in buffer.iter_mut().zip(name) {
        *slot = match b.to_ascii_lowercase() {
            b'-' | b'.' => b'_',
            other => other,
        };
    }
    let normal = &buffer[..name.len()];
    // A path's last part names the value (`query.code`, `config.client_secret`).
    let last_part = normal.rsplit(|b| *b == b'_').next().unwrap_or(normal);
    let path_code = name.contains(&b'.') && OAUTH_CODES.contains(&last_part);
    if OAUTH_CODES.contains(&normal) || path_code {
        return Some(Kind {
            min_len: MIN_CODE_LEN,
            ..PLAIN
        });
    }
    if SESSION_COOKIES.contains(&normal) {
        return Some(Kind {
            min_len: MIN_COOKIE_LEN,
            ..PLAIN
        });
    }
    if normal.ends_with(b"authorization") {
        return Some(Kind {
            auth: true,
            ..PLAIN
        });
    }
    if normal.starts_with(b"public") || normal == b"_key" {
        return None;
    }
    SECRET_ENDINGS
        .iter()
        .any(|ending| normal.ends_with(ending))
        .then_some(PLAIN)
}

/// Bytes of a secret's value as people paste it (tokens, base64, hex,
/// URL-encoded text, and what URL-encoding stands for).
fn is_value_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'_' | b'-' | b'.' | b'~' | b'+' | b'/' | b'=' | b'%' | b'|' | b':'
        )
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Separator {
    /// `=`, `=>`, `:=`, `%3D`.
    Equals,
    /// `:`, `%3A`.
    Colon,
    /// PHP `serialize`: `";s:N:` before the value.
    Serialized,
    /// Only spaces: `--flag value`, `.netrc`'s `password value`.
    Space,
}

/// The separator after a name ending at `end`: where the value may start,
/// which separator it was, and whether it was URL-encoded.
fn separator_after(bytes: &[u8], end: usize, spaced: bool) -> Option<(usize, Separator, bool)> {
    let mut i = end;
    let mut encoded = false;
    let quoted = quote_at(bytes, i);
    if let Some(quote) = quoted {
        encoded = quote[0] == b'%';
        i += quote.len();
    }
    if bytes.get(i) == Some(&b']') {
        i += 1;
    }
    let before_spaces = i;
    i = skip_spaces(bytes, i);
    // After a quoted key, as in JSON, a line may break before the colon.
    if quoted.is_some() {
        if let Some(next_line) = past_line_end(bytes, i) {
            i = skip_spaces(bytes, next_line);
        }
    }
    let rest = bytes.get(i..)?;
    let (used, separator) = match rest {
        [b'=', b'>', ..] | [b':', b'=', ..] => (2, Separator::Equals),
        [b'=', b'=', ..] | [b':', b':', ..] => return None,
        [b'=', ..] => (1, Separator::Equals),
        [b':', ..] => (1, Separator::Colon),
        // A Markdown table's next cell (`| app_secret | 9f8e… |`), read as
        // after a colon: a bare word there must look like a credential.
        [b'|', b' ' | b'\t', ..] if i > before_spaces => (1, Separator::Colon),
        [b';', b's', b':', ..] => (1, Separator::Serialized),
        [b'%', ..] => match percent_decoded(bytes, i) {
            Some(b'=') => {
                encoded = true;
                (3, Separator::Equals)
            }
            Some(b':') => {
                encoded = true;
                (3, Separator::Colon)
            }
            _ => return None,
        },
        // Not a flag (`--verbose -v`): a `-` starts a value only before a
        // letter or digit, and values that short are not taken anyway.
        [b'-', next, ..] if spaced && i > before_spaces && next.is_ascii_alphanumeric() => {
            (0, Separator::Space)
        }
        [b, ..] if spaced && i > before_spaces && !matches!(b, b'-' | b'\n' | b'\r') => {
            (0, Separator::Space)
        }
        _ => return None,
    };
    Some((i + used, separator, encoded))
}

/// Where the line holding `at` starts, looking back a bounded distance.
fn line_start(bytes: &[u8], at: usize) -> Option<usize> {
    let floor = at.saturating_sub(256);
    match bytes[floor..at].iter().rposition(|b| *b == b'\n') {
        Some(n) => Some(floor + n + 1),
        None if floor == 0 => Some(0),
        None => None,
    }
}

/// Whether only indentation, quoting or list and header markers stand
/// before `at` on its line: a name there starts a field, not a sentence.
fn starts_field(bytes: &[u8], at: usize) -> bool {
    line_start(bytes, at).is_some_and(|start| {
        bytes[start..at].iter().all(|b| {
            matches!(
                b,
                b' ' | b'\t' | b'>' | b'<' | b'-' | b'*' | b'{' | b'[' | b'(' | b',' | b'\'' | b'"'
            )
        })
    })
}

/// Past `\n` or `\r\n` at `at`, if the line ends there.
fn past_line_end(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at..)? {
        [b'\n', ..] => Some(at + 1),
        [b'\r', b'\n', ..] => Some(at + 2),
        _ => None,
    }
}

/// Past spaces and control characters other than line ends (a form feed
/// or backspace pasted in front of a value is not part of it).
fn skip_gap(bytes: &[u8], at: usize) -> usize {
    let mut i = skip_spaces(bytes, at);
    while bytes
        .get(i)
        .is_some_and(|b| (*b < 0x20 && !matches!(b, b'\n' | b'\r')) || *b == 0x7F)
    {
        i = skip_spaces(bytes, i + 1);
    }
    i
}

fn skip_blanks(bytes: &[u8], at: usize) -> usize {
    run_end(bytes, at, |b| b == b' ' || b == b'\t')
}

/// A value that reads like a credential rather than a word of a sentence:
/// it has a digit, a capital after its first letter, or punctuation.
fn looks_like_a_credential(value: &[u8]) -> bool {
    value.iter().any(u8::is_ascii_digit)
        || value.iter().skip(1).any(u8::is_ascii_uppercase)
        || value
            .iter()
            .any(|b| matches!(b, b'_' | b'-' | b'.' | b'|' | b'/' | b'+' | b'=' | b'%'))
}

struct Scanner<'a> {
    text: &'a [u8],
    lower: &'a [u8],
    spans: &'a mut Vec<(usize, usize)>,
    taken_until: usize,
}

pub(super) fn named_value_spans(text: &str, lower: &str, spans: &mut Vec<(usize, usize)>) {
    let mut scanner = Scanner {
        text: text.as_bytes(),
        lower: lower.as_bytes(),
        spans,
        taken_until: 0,
    };
    let bytes = scanner.lower;
    let mut i = 0;
    while i < bytes.len() {
        if !is_word_byte(bytes[i]) {
            i += 1;
            continue;
        }
        let mut start = i;
        let mut end = run_end(bytes, i, is_word_byte);
        i = end;
        if start < scanner.taken_until {
            continue;
        }
        let flag = bytes[start..end].starts_with(b"--");
        while start < end && matches!(bytes[start], b'-' | b'.') {
            start += 1;
        }
        while end > start && matches!(bytes[end - 1], b'-' | b'.') {
            end -= 1;
        }
        let word = &bytes[start..end];
        let wrapped = wrapped_name(bytes, start, word);
        let kind = secret_name(word).or_else(|| wrapped.as_deref().and_then(secret_name));
        let names_a_field = |w: &[u8]| w == b"name" || w == b"key";
        if names_a_field(word) || wrapped.as_deref().is_some_and(names_a_field) {
            scanner.pair(start, end);
        } else if let Some(kind) = kind {
            let spaced = flag
                || is_netrc_password(bytes, start, word)
                || credential_after_space(scanner.text, end)
                || is_edn_keyword(bytes, start);
            scanner.named(start, end, kind, spaced);
        }
        i = i.max(scanner.taken_until);
    }
}

/// A name hard-wrapped at the end of a long line (`FB_APP_S` / `ECRET=…`):
/// the whole name, when `word` starts a line and the line before ends in
/// the name's first part.
fn wrapped_name(bytes: &[u8], start: usize, word: &[u8]) -> Option<Vec<u8>> {
    let mut line_end = start.checked_sub(1).filter(|at| bytes[*at] == b'\n')?;
    if line_end > 0 && bytes[line_end - 1] == b'\r' {
        line_end -= 1;
    }
    let head = bytes[..line_end]
        .iter()
        .rev()
        .take(MAX_NAME_LEN)
        .take_while(|b| is_word_byte(**b))
        .count();
    if head == 0 || !long_line_ends_at(bytes, line_end) {
        return None;
    }
    Some([&bytes[line_end - head..line_end], word].concat())
}

/// Shortest value taken as a secret after its name and only a space when
/// it has a digit or mixed case; from [`LONG_SPACED_CREDENTIAL`] on, any
/// word with letters is.
const MIN_SPACED_CREDENTIAL: usize = 8;
const LONG_SPACED_CREDENTIAL: usize = 16;

/// Whether a credential-shaped word follows `at` after spaces on the same
/// line (`client_secret 9f8e7d…`, as a sentence or a reflowed string puts
/// it): one run of token characters with letters, long, or shorter with a
/// digit or mixed case. A secret's name before such a word is taken at its
/// word, whatever the sentence.
fn credential_after_space(text: &[u8], at: usize) -> bool {
    // Spaces, then perhaps a control character pasted in front.
    let start = skip_gap(text, at);
    if start == at {
        return false;
    }
    // A backslash belongs to the word: an escape (`\n`) may split a value.
    let end = run_end(text, start, |b| {
        b.is_ascii_alphanumeric()
            || matches!(b, b'_' | b'-' | b'.' | b'~' | b'+' | b'/' | b'=' | b'\\')
    });
    let word = &text[start..end];
    word.len() >= MIN_SPACED_CREDENTIAL
        && word.iter().any(u8::is_ascii_alphabetic)
        && (word.len() >= LONG_SPACED_CREDENTIAL
            || word.iter().any(u8::is_ascii_digit)
            || word.iter().skip(1).any(u8::is_ascii_uppercase))
        && !text
            .get(end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80)
}

/// An EDN keyword (`:client-secret "…"`, as Clojure prints a map): a
/// colon that starts a word, its value after a space.
fn is_edn_keyword(bytes: &[u8], start: usize) -> bool {
    start >= 1
        && bytes[start - 1] == b':'
        && (start == 1
            || matches!(
                bytes[start - 2],
                b'{' | b'(' | b'[' | b',' | b' ' | b'\t' | b'\n' | b'\r'
            ))
}

/// Longest XML start tag read past its name (attributes).
const MAX_TAG: usize = 256;

/// The text of an XML element whose name is at `start..end`
/// (`<client_secret>…</client_secret>`, a namespace prefix and attributes
/// allowed) up to its end tag, without the spaces around it.
fn element_text(bytes: &[u8], start: usize, end: usize) -> Option<(usize, usize)> {
    let opened = start >= 1
        && (bytes[start - 1] == b'<'
            || (bytes[start - 1] == b':'
                && bytes[..start - 1]
                    .iter()
                    .rev()
                    .take(MAX_NAME_LEN)
                    .find(|b| !is_word_byte(**b))
                    == Some(&b'<')));
    if !opened {
        return None;
    }
    let tag_end = end + bytes[end..].iter().take(MAX_TAG).position(|b| *b == b'>')?;
    if bytes[end..tag_end]
        .iter()
        .any(|b| matches!(b, b'<' | b'\n'))
        || bytes[tag_end - 1] == b'/'
    {
        return None;
    }
    let body = tag_end + 1;
    let close = body
        + bytes[body..]
            .iter()
            .take(BRACKET_WINDOW)
            .position(|b| *b == b'<')?;
    // Closed by its own end tag: `<token>` alone is a placeholder in prose.
    let end_tag = bytes[close..].strip_prefix(b"</")?;
    let end_name_len = end_tag
        .iter()
        .take(MAX_NAME_LEN * 2)
        .position(|b| *b == b'>')?;
    let end_name = &end_tag[..end_name_len];
    let local = end_name.rsplit(|b| *b == b':').next().unwrap_or(end_name);
    if local != &bytes[start..end] {
        return None;
    }
    let first = body
        + bytes[body..close]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
    let last = close
        - bytes[first..close]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
    (last > first).then_some((first, last))
}

/// `.netrc`: `machine host login user password secret`.
fn is_netrc_password(bytes: &[u8], start: usize, word: &[u8]) -> bool {
    (word == b"password" || word == b"passwd")
        && line_start(bytes, start).is_some_and(|line| {
            let before = &bytes[line..start];
            before.windows(6).any(|w| w == b"login ") || before.starts_with(b"machine")
        })
}

impl Scanner<'_> {
    fn push(&mut self, start: usize, end: usize, kind: Kind) {
        let value = &self.text[start..end];
        let Ok(value_text) = std::str::from_utf8(value) else {
            return;
        };
        if end - start >= kind.min_len && !is_placeholder(value_text) {
            self.spans.push((start, end));
        }
        self.taken_until = self.taken_until.max(end);
    }

    /// The value after the name at `start..end`.
    fn named(&mut self, start: usize, end: usize, kind: Kind, spaced: bool) {
        let bytes = self.lower;
        if let Some((body, value_end)) = element_text(bytes, start, end) {
            self.push(body, value_end, kind);
            return;
        }
        let Some((mut i, separator, encoded)) = separator_after(bytes, end, spaced) else {
            return;
        };
        i = skip_gap(bytes, i);
        if separator == Separator::Colon {
            if let Some(block) = self.block_scalar(start, i) {
                let (first, last) = block;
                self.push(first, last, kind);
                return;
            }
        }
        let on_next_line = past_line_end(bytes, i);
        if let Some(next_line) = on_next_line {
            i = skip_gap(bytes, next_line);
            // A new field of the same kind on the next line means this one
            // was left empty (`sha1=…` under `X-Hub-Signature:` is a value).
            let line_end = run_end(bytes, i, |b| b != b'\n');
            let next = &bytes[i..line_end];
            let colon_field = begins_field(next) && !next.contains(&b'=');
            let new_field = match separator {
                Separator::Colon => colon_field,
                _ => begins_field(next),
            };
            if separator == Separator::Space || new_field {
                return;
            }
        }
        i = skip_wrapper(bytes, skip_type_prefix(bytes, i));
        if already_redacted(bytes, i) {
            self.taken_until = self.taken_until.max(i);
            return;
        }
        if matches!(bytes.get(i), Some(b'[' | b'{')) {
            self.bracket(i, kind);
            return;
        }
        if kind.auth {
            i = skip_auth_scheme(bytes, i);
        }
        let quoted = quote_at(bytes, i).is_some();
        let Some((body, mut value_end)) = value_span(bytes, i, encoded) else {
            return;
        };
        value_end = extended(bytes, body, value_end);
        let bare_in_prose = separator == Separator::Colon
            && !quoted
            && on_next_line.is_none()
            && quote_at(bytes, end).is_none()
            && !starts_field(bytes, start);
        if bare_in_prose && !looks_like_a_credential(&self.text[body..value_end]) {
            return;
        }
        self.push(body, value_end, kind);
    }

    /// A YAML block scalar (`name: |` or `name: >-`, the value on the more
    /// indented lines below): the range of those lines' text.
    fn block_scalar(&self, name_start: usize, at: usize) -> Option<(usize, usize)> {
        let bytes = self.lower;
        if !matches!(bytes.get(at), Some(b'|' | b'>')) {
            return None;
        }
        let after = run_end(bytes, at + 1, |b| matches!(b, b'-' | b'+' | b'0'..=b'9'));
        let mut line = past_line_end(bytes, skip_blanks(bytes, after))?;
        let line_of_name = line_start(bytes, name_start)?;
        let indent = skip_blanks(bytes, line_of_name) - line_of_name;
        let (mut first, mut last) = (None, line);
        while line < bytes.len() {
            let content = skip_blanks(bytes, line);
            let line_end = run_end(bytes, content, |b| b != b'\n' && b != b'\r');
            if content < line_end {
                if content - line <= indent {
                    break;
                }
                first.get_or_insert(content);
                last = line_end;
            }
            match past_line_end(bytes, line_end) {
                Some(next) => line = next,
                None => break,
            }
        }
        let first = first?;
        Some((first, extended(bytes, first, last)))
    }

    /// Every value in an array or object starting at `open` (`['EAA…']`,
    /// `[EAA…]`, `{"value": "…"}`); keys stay.
    fn bracket(&mut self, open: usize, kind: Kind) {
        let bytes = self.lower;
        // A `{{name}}` template stands for the value and is left alone;
        // other text starting with `{{` is not read as a value at all, so
        // the names inside it are read on their own.
        if let Some(rest) = bytes[open..].strip_prefix(b"{{") {
            let name = rest
                .iter()
                .take(MAX_NAME_LEN)
                .take_while(|b| is_word_byte(**b) || **b == b' ')
                .count();
            if rest[name..].starts_with(b"}}") {
                self.taken_until = self.taken_until.max(open + 2 + name + 2);
            }
            return;
        }
        let limit = bytes.len().min(open + BRACKET_WINDOW);
        let mut depth = 0usize;
        let mut i = open + 1;
        let mut found = Vec::new();
        while i < limit {
            match bytes[i] {
                b'[' | b'{' => {
                    depth += 1;
                    i += 1;
                }
                b']' | b'}' => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                    i += 1;
                }
                b' ' | b'\t' | b'\r' | b'\n' | b',' | b':' | b'=' => i += 1,
                _ => {
                    let (body, end, next) = match quote_at(bytes, i) {
                        Some(quote) => {
                            let body = i + quote.len();
                            let end = quoted_end(bytes, body, quote);
                            let next = if bytes[end..].starts_with(quote) {
                                end + quote.len()
                            } else {
                                end
                            };
                            (body, end, next)
                        }
                        None => {
                            let end = run_end(bytes, i, |b| {
                                !(b.is_ascii_whitespace()
                                    || matches!(
                                        b,
                                        b',' | b':'
                                            | b'='
                                            | b'['
                                            | b']'
                                            | b'{'
                                            | b'}'
                                            | b'"'
                                            | b'\''
                                    ))
                            });
                            (i, end.max(i + 1), end.max(i + 1))
                        }
                    };
                    let is_key = matches!(bytes.get(skip_spaces(bytes, next)), Some(b':' | b'='));
                    let (mut end, mut next) = (end, next);
                    let whole = extended(bytes, body, end);
                    if whole > end {
                        end = whole;
                        next = whole + usize::from(matches!(bytes.get(whole), Some(b'"' | b'\'')));
                    }
                    if !is_key && !already_redacted(bytes, body) {
                        found.push((body, end));
                    }
                    i = next;
                }
            }
        }
        for (start, end) in found {
            self.push(start, end, kind);
        }
        self.taken_until = self.taken_until.max(i);
    }

    /// A `name` or `key` field whose value names a secret: the value is in
    /// a `value` field next to it, or (multipart) after the part's headers.
    fn pair(&mut self, start: usize, end: usize) {
        let bytes = self.lower;
        let Some((i, separator, encoded)) = separator_after(bytes, end, false) else {
            return;
        };
        if !matches!(separator, Separator::Equals | Separator::Colon) {
            return;
        }
        let i = skip_spaces(bytes, i);
        let Some((body, name_end)) = value_span_any_length(bytes, i, encoded) else {
            return;
        };
        // A name hard-wrapped inside its quotes goes on on the next line.
        let mut name = bytes[body..name_end].to_vec();
        let mut name_end = name_end;
        if matches!(bytes.get(name_end), Some(b'\n' | b'\r')) && long_line_ends_at(bytes, name_end)
        {
            let next = past_line_end(bytes, name_end).unwrap_or(name_end + 1);
            let rest = run_end(bytes, next, is_word_byte);
            if rest - next <= MAX_NAME_LEN {
                name.extend_from_slice(&bytes[next..rest]);
                name_end = rest;
            }
        }
        let Some(kind) = secret_name(&name) else {
            return;
        };
        let after_name = match quote_at(bytes, name_end) {
            Some(quote) => name_end + quote.len(),
            None => name_end,
        };
        if let Some((part_start, part_end)) = self.multipart_value(start, after_name) {
            let part_end = extended(bytes, part_start, part_end);
            self.push(part_start, part_end, kind);
            return;
        }
        // The value field after the name, within the same object or tag.
        if let Some((value_start, value_end)) = value_field(bytes, after_name, PAIR_WINDOW) {
            self.push_pair_value(value_start, value_end, kind);
            return;
        }
        // Or before it (`{"value": "…", "name": "access_token"}`).
        let floor = start.saturating_sub(PAIR_WINDOW);
        let Some(open) = bytes[floor..start]
            .iter()
            .rposition(|b| matches!(b, b'{' | b'<' | b'}' | b'>'))
            .map(|n| floor + n)
            .filter(|at| matches!(bytes[*at], b'{' | b'<'))
        else {
            return;
        };
        if let Some((value_start, value_end)) = value_field(&bytes[..start], open + 1, PAIR_WINDOW)
        {
            self.push_pair_value(value_start, value_end, kind);
        }
    }

    fn push_pair_value(&mut self, start: usize, end: usize, kind: Kind) {
        let end = extended(self.lower, start, end);
        let start = if kind.auth {
            skip_auth_scheme(self.lower, start).min(end)
        } else {
            start
        };
        if !already_redacted(self.lower, start) {
            self.push(start, end, kind);
        }
    }

    /// A multipart field: `Content-Disposition: form-data; name="…"`, the
    /// part's other headers, a blank line, then the value's line.
    fn multipart_value(&self, name_start: usize, after_name: usize) -> Option<(usize, usize)> {
        let bytes = self.lower;
        let line = line_start(bytes, name_start)?;
        if !bytes[line..name_start]
            .windows(9)
            .any(|w| w == b"form-data")
        {
            return None;
        }
        let line_end = run_end(bytes, after_name, |b| b != b'\n');
        let limit = bytes.len().min(line_end + PAIR_WINDOW);
        let window = &bytes[line_end..limit];
        let blank = window
            .windows(3)
            .position(|w| w == b"\n\r\n")
            .map(|n| n + 3)
            .or_else(|| window.windows(2).position(|w| w == b"\n\n").map(|n| n + 2))?;
        let start = line_end + blank;
        let end = run_end(bytes, start, |b| b != b'\n' && b != b'\r');
        (end > start).then_some((start, end))
    }
}

/// Where a value starting at `start` and broken at `end` by string
/// concatenation or a hard wrap really ends.
fn extended(bytes: &[u8], start: usize, mut end: usize) -> usize {
    // A template (`{{token}}`) is not followed onto the next line.
    if matches!(bytes.get(start), Some(b'{' | b'<' | b'$' | b'[')) {
        return end;
    }
    // The name already says this is a secret, so a line break after a
    // shorter piece than a bare token's is read as a wrap too, and so is
    // one before a credential-shaped run (an escaped `\n` inside a value).
    loop {
        if let Some((_, piece_end)) =
            continuation_after(bytes, start, end, is_value_byte, MIN_VALUE_LEN)
        {
            end = piece_end;
        } else if let Some(piece_end) = credential_on_next_line(bytes, end) {
            end = piece_end;
        } else {
            return end;
        }
    }
}

/// Where a credential-shaped run at the start of the line after `end`
/// ends, when a line break is at `end`: 8 or more value characters with a
/// letter and a digit, not a new `name=` or `name:` field.
fn credential_on_next_line(bytes: &[u8], end: usize) -> Option<usize> {
    let next = past_line_end(bytes, end)?;
    let stop = run_end(bytes, next, is_value_byte);
    let piece = &bytes[next..stop];
    (piece.len() >= MIN_VALUE_LEN
        && piece.iter().any(u8::is_ascii_digit)
        && piece.iter().any(u8::is_ascii_alphabetic)
        && !begins_field(piece))
    .then_some(stop)
}

/// The value of a `value` field starting after `from` and before the end of
/// the object or tag, within `window` bytes.
fn value_field(bytes: &[u8], from: usize, window: usize) -> Option<(usize, usize)> {
    let limit = bytes.len().min(from + window);
    let mut i = from;
    while i < limit {
        match bytes[i] {
            b'}' | b'{' | b'>' | b'<' => return None,
            b'v' if (i == 0 || !is_word_byte(bytes[i - 1]))
                && keyword_end(bytes, i, b"value").is_some() =>
            {
                let key_end = keyword_end(bytes, i, b"value").unwrap_or(i + 5);
                if let Some((at, separator, encoded)) = separator_after(bytes, key_end, false) {
                    if matches!(separator, Separator::Equals | Separator::Colon) {
                        let mut at = skip_gap(bytes, at);
                        if let Some(next_line) = past_line_end(bytes, at) {
                            at = skip_gap(bytes, next_line);
                        }
                        return value_span_any_length(bytes, at, encoded);
                    }
                }
                i += 5;
            }
            _ => i += 1,
        }
    }
    None
}

/// Where `keyword` ends if it is written at `at` as a whole word, also
/// when a hard wrap at the end of a long line breaks it (`valu` / `e`).
fn keyword_end(bytes: &[u8], at: usize, keyword: &[u8]) -> Option<usize> {
    let mut i = at;
    let mut broken = false;
    for expected in keyword {
        if !broken
            && i > at
            && matches!(bytes.get(i), Some(b'\n' | b'\r'))
            && long_line_ends_at(bytes, i)
        {
            i = past_line_end(bytes, i).unwrap_or(i + 1);
            broken = true;
        }
        if bytes.get(i) != Some(expected) {
            return None;
        }
        i += 1;
    }
    (!bytes.get(i).is_some_and(|b| is_word_byte(*b))).then_some(i)
}

/// Like [`value_span`], without a shortest length.
fn value_span_any_length(bytes: &[u8], at: usize, encoded: bool) -> Option<(usize, usize)> {
    let quote = quote_at(bytes, at);
    let body = at + quote.map_or(0, <[u8]>::len);
    let end = match quote {
        Some(quote) => quoted_end(bytes, body, quote),
        None => run_end(bytes, body, |b| {
            !(b.is_ascii_whitespace()
                || matches!(b, b'&' | b'"' | b'\'' | b',' | b'}' | b'>' | b';'))
        }),
    };
    let _ = encoded;
    (end > body).then_some((body, end))
}

/// Past `string(N) ` (PHP `var_dump`) or `s:N:` (PHP `serialize`).
fn skip_type_prefix(bytes: &[u8], at: usize) -> usize {
    let rest = &bytes[at.min(bytes.len())..];
    let (head, open) = if rest.starts_with(b"string(") {
        (7, b')')
    } else if rest.starts_with(b"s:") {
        (2, b':')
    } else {
        return at;
    };
    let digits = run_end(bytes, at + head, |b| b.is_ascii_digit());
    if digits > at + head && bytes.get(digits) == Some(&open) {
        skip_spaces(bytes, digits + 1)
    } else {
        at
    }
}

/// Longest name of a wrapper around a value.
const MAX_WRAPPER_NAME: usize = 32;

/// Past a wrapper a language prints around a value (`Some("…")` in Rust
/// and Scala, `Optional[…]` in Java, `Secret(…)`) and the space or line
/// break after its bracket, so the value inside is what is taken.
fn skip_wrapper(bytes: &[u8], at: usize) -> usize {
    let rest = &bytes[at.min(bytes.len())..];
    if !rest.first().is_some_and(u8::is_ascii_alphabetic) {
        return at;
    }
    let name = rest
        .iter()
        .take(MAX_WRAPPER_NAME)
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':'))
        .count();
    match rest.get(name) {
        Some(b'(' | b'[') => {
            let mut i = at + name + 1;
            while bytes
                .get(i)
                .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            {
                i += 1;
            }
            i
        }
        _ => at,
    }
}

/// Past an authentication scheme and the spaces after it (`Basic `), if
/// one starts at `at`.
pub(super) fn skip_auth_scheme(bytes: &[u8], at: usize) -> usize {
    for scheme in AUTH_SCHEMES {
        if bytes[at.min(bytes.len())..].starts_with(scheme.as_bytes()) {
            let after = at + scheme.len();
            let past = skip_spaces(bytes, after);
            if past > after {
                return past;
            }
        }
    }
    at
}
