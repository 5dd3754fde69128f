//! Secrets recognised by their shape alone, wherever they stand: user,
//! page and system user tokens (`EAA…`), Instagram tokens (`IGQV…`,
//! `IGAA…`), app tokens (`APPID|SECRET`), and base64-encoded JSON (JWTs,
//! `signed_request`, `state` blobs carrying a token).

use super::{escape_ends_at, percent_decoded, run_end, starts_word};

/// Shortest run after a token prefix treated as a token: real ones are
/// well over 100 characters.
const MIN_TOKEN_TAIL: usize = 20;
/// Shortest app-secret part of an `APPID|SECRET` app token.
const MIN_SECRET_LEN: usize = 16;
/// Shortest base64 JSON treated as a secret (`{"a":"b"}` is 12).
const MIN_ENCODED_JSON: usize = 32;
/// Longest multipart boundary.
const MAX_BOUNDARY: usize = 70;
/// Lines at least this long may have been wrapped by a tool (most wrap at
/// 64, 76 or 80 columns).
const WRAP_COLUMN: usize = 60;
/// Shortest start of a token before a line break that is read as a hard
/// wrap (unless the line is long), so that a short word before a newline
/// is never joined to the next line.
const MIN_WRAPPED_PIECE: usize = 16;

fn is_alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

fn is_url_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// Which bytes a run may hold.
type ByteClass = fn(u8) -> bool;

/// Token prefixes, with the bytes that may follow them.
const PREFIXES: &[(&str, ByteClass)] =
    &[("EAA", is_alnum), ("IGQ", is_url_safe), ("IGAA", is_alnum)];

/// Whether a token may start at `at`: at the start of a word, or glued to
/// the name in front of it (`access_tokenEAA…`).
fn may_start(bytes: &[u8], at: usize, word: fn(u8) -> bool) -> bool {
    starts_word(bytes, at, word) || at >= 5 && bytes[at - 5..at].eq_ignore_ascii_case(b"token")
}

/// A run of a token's characters mostly made of one character
/// (`EAAxxxxxxxx…`, `EAABsbCS1xxxxxxxxxxxxxx`) is a placeholder.
fn looks_random(run: &[u8]) -> bool {
    let mut counts = [0usize; 128];
    for b in run {
        counts[usize::from(*b & 0x7F)] += 1;
    }
    counts
        .iter()
        .max()
        .is_some_and(|most| most * 2 <= run.len())
}

pub(super) fn token_spans(text: &str, lower: &str, spans: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    for (prefix, accept) in PREFIXES {
        let needle = prefix.to_ascii_lowercase();
        let mut taken_until = 0;
        for (at, _) in lower.match_indices(needle.as_str()) {
            if at < taken_until {
                continue;
            }
            let written = &bytes[at..at + prefix.len()];
            // Letters of the prefix in another case mean the text was
            // lower-cased after the token was written (`eaag…`); a random
            // word that starts with the prefix almost always has a capital.
            let recased = written != prefix.as_bytes();
            if !may_start(bytes, at, *accept) {
                continue;
            }
            let tail_start = at + prefix.len();
            let mut end = run_end(bytes, tail_start, *accept);
            let mut length = end - tail_start;
            while let Some((next_start, next_end)) = continuation(bytes, at, end, *accept) {
                length += next_end - next_start;
                end = next_end;
            }
            let tail = &bytes[tail_start..end];
            if length < MIN_TOKEN_TAIL
                || recased && tail.iter().any(u8::is_ascii_uppercase)
                || !looks_random(tail)
            {
                continue;
            }
            spans.push((at, end));
            taken_until = end;
        }
    }
}

/// The next piece of a token broken at `end`: by string concatenation
/// (`"EAA…" + "…"`, also across lines, and Python's adjacent literals on
/// separate lines) or by a hard wrap (a newline after a long piece, the
/// next line going on with the token's characters up to where a value
/// ends).
pub(super) fn continuation(
    bytes: &[u8],
    token_start: usize,
    end: usize,
    accept: fn(u8) -> bool,
) -> Option<(usize, usize)> {
    continuation_after(bytes, token_start, end, accept, MIN_WRAPPED_PIECE)
}

/// Like [`continuation`], reading a line break as a hard wrap after
/// `min_piece` bytes of the value.
pub(super) fn continuation_after(
    bytes: &[u8],
    token_start: usize,
    end: usize,
    accept: fn(u8) -> bool,
    min_piece: usize,
) -> Option<(usize, usize)> {
    let next_piece = |start: usize| {
        let stop = run_end(bytes, start, accept);
        (stop > start).then_some((start, stop))
    };
    match *bytes.get(end)? {
        quote @ (b'"' | b'\'') => {
            let mut i = end + 1;
            let (mut plus, mut newline) = (false, false);
            let mut steps = 0;
            while let Some(b) = bytes.get(i) {
                steps += 1;
                match b {
                    b'+' if !plus => plus = true,
                    b'\n' => newline = true,
                    b' ' | b'\t' | b'\r' | b'\\' => {}
                    _ => break,
                }
                if steps > 32 {
                    return None;
                }
                i += 1;
            }
            let joined = plus || newline;
            if !joined || bytes.get(i) != Some(&quote) {
                return None;
            }
            // The next literal's run of the value's characters.
            next_piece(i + 1)
        }
        b'\n' | b'\r' => {
            let (start, stop) = wrapped_piece(bytes, end, accept)?;
            // A wrap shows as a long line before the break, or a long line
            // of nothing but the value after it (the wrap may have been
            // made on an escaped copy, whose lines are longer).
            let full_line_after = stop - start >= WRAP_COLUMN
                && matches!(bytes.get(stop), None | Some(b'\n' | b'\r'));
            // After a short first piece, the next line must end with the
            // value too: a word followed by a space is a sentence.
            let ends_there = !matches!(bytes.get(stop), Some(b' ' | b'\t'));
            (end - token_start >= min_piece
                || long_line_ends_at(bytes, end)
                || full_line_after
                || min_piece < MIN_WRAPPED_PIECE && ends_there)
                .then_some((start, stop))
        }
        _ => None,
    }
}

/// The piece of a value on the line after a hard wrap at `end`: the next
/// line's run of `accept` bytes, if it ends where a value ends.
fn wrapped_piece(bytes: &[u8], end: usize, accept: fn(u8) -> bool) -> Option<(usize, usize)> {
    let mut i = end + 1;
    if bytes[end] == b'\r' && bytes.get(i) == Some(&b'\n') {
        i += 1;
    }
    let stop = run_end(bytes, i, accept);
    (stop > i && !begins_field(&bytes[i..stop]) && ends_value(bytes.get(stop).copied()))
        .then_some((i, stop))
}

/// Whether a line starts with a name and its separator (`Host:`,
/// `GRAPH_VERSION=v21.0`, `--boundary`), which begins a new field rather than going on
/// with a wrapped value. Base64 padding (`abc==`) is not a separator.
pub(super) fn begins_field(line: &[u8]) -> bool {
    // A multipart boundary (at most 70 characters, RFC 2046), or a
    // command-line option.
    if line.starts_with(b"--") && line.len() <= 2 + MAX_BOUNDARY + 2 {
        return true;
    }
    let name = line
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        .count();
    name > 0
        && match line.get(name) {
            // `Host: x`, `key: value`; not `12:ab:2`, as in an `xs` cookie.
            Some(b':') => matches!(line.get(name + 1), None | Some(b' ' | b'\t')),
            Some(b'=') => !line[name..].iter().all(|b| *b == b'='),
            _ => false,
        }
}

/// Whether the line ending at `end` is as long as lines that tools wrap.
pub(super) fn long_line_ends_at(bytes: &[u8], end: usize) -> bool {
    let floor = end.saturating_sub(WRAP_COLUMN);
    floor > 0 && !bytes[floor..end].contains(&b'\n')
}

/// Whether a byte (or the end of the text) can follow the last piece of a
/// wrapped token. A name or a path goes on with `_`, `:`, `=`, `.` or `/`.
fn ends_value(b: Option<u8>) -> bool {
    match b {
        None => true,
        Some(b) => {
            b.is_ascii_whitespace()
                || matches!(
                    b,
                    b'"' | b'\''
                        | b'`'
                        | b','
                        | b'&'
                        | b'}'
                        | b']'
                        | b')'
                        | b'<'
                        | b'>'
                        | b';'
                        | b'\\'
                )
        }
    }
}

/// `APPID|SECRET`, also with the bar URL-encoded (`APPID%7CSECRET`).
pub(super) fn app_token_spans(text: &str, spans: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    for (bar, &b) in bytes.iter().enumerate() {
        let bar_len = match b {
            b'|' => 1,
            b'%' if percent_decoded(bytes, bar) == Some(b'|') => 3,
            _ => continue,
        };
        let digits = bytes[..bar]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .take(5)
            .count();
        if digits < 5 {
            continue;
        }
        let start = bar + bar_len;
        let mut end = run_end(bytes, start, is_url_safe);
        let mut length = end - start;
        let token_start = bar
            - bytes[..bar]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_digit())
                .count();
        while let Some((next_start, next_end)) = continuation(bytes, token_start, end, is_url_safe)
        {
            length += next_end - next_start;
            end = next_end;
        }
        if length >= MIN_SECRET_LEN {
            // The app ID before the bar is public; only the secret goes.
            spans.push((start, end));
        }
    }
}

/// How base64 of a JSON object or array starts: `{"`, `{ "`, `{` and a
/// newline, `[{"`.
const ENCODED_JSON_STARTS: &[&str] = &["eyJ", "eyAi", "ewog", "ewoJ", "W3si"];

fn is_base64_byte(b: u8) -> bool {
    is_url_safe(b) || matches!(b, b'+' | b'/' | b'=' | b'.')
}

/// Base64 JSON: a JWT (`eyJ….eyJ….sig`), a `signed_request`
/// (`sig.eyJ…`), or any long base64 object. What it holds cannot be read
/// without decoding, and it often holds a token; it is removed whole.
pub(super) fn encoded_json_spans(text: &str, lower: &str, spans: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    for start_marker in ENCODED_JSON_STARTS {
        let needle = start_marker.to_ascii_lowercase();
        let mut taken_until = 0;
        for (hit, _) in lower.match_indices(needle.as_str()) {
            if hit < taken_until {
                continue;
            }
            let recased = &bytes[hit..hit + needle.len()] != start_marker.as_bytes();
            let start = if hit > 0 && bytes[hit - 1] == b'.' {
                // The signature in front of a signed request's payload.
                // It stops where an escape in front of it ends (`\n` …).
                let mut start = hit - 1;
                while start > 0 && is_url_safe(bytes[start - 1]) && !escape_ends_at(bytes, start) {
                    start -= 1;
                }
                start
            } else if may_start(bytes, hit, is_url_safe) {
                hit
            } else {
                continue;
            };
            let mut end = run_end(bytes, hit, is_base64_byte);
            let mut length = end - hit;
            while let Some((next_start, next_end)) = continuation(bytes, hit, end, is_base64_byte) {
                length += next_end - next_start;
                end = next_end;
            }
            while end > hit && bytes[end - 1] == b'.' {
                end -= 1;
            }
            // Base64 lower-cased after it was written has no capital left.
            if length >= MIN_ENCODED_JSON
                && !(recased && bytes[hit..end].iter().any(u8::is_ascii_uppercase))
            {
                spans.push((start, end));
                taken_until = end;
            }
        }
    }
}
