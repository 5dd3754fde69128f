//! logfmt, the `key=value` log lines of Go's `slog`/`logrus`, Heroku's
//! router and Loki: `level=error msg="(#131030) …" code=131030
//! fbtrace_id=AbC…`. Keys may be paths (`error.code=190`), which the
//! recogniser rebuilds into the nested document. Values are bare up to the
//! next space, or double-quoted with backslash escapes.

use serde_json::{Map, Value};

/// Fewer pairs than this on a line is prose with an `=` in it.
const MIN_PAIRS: usize = 3;
/// Longest key read; longer runs are not field names.
const MAX_KEY: usize = 64;

/// One object per line that holds at least [`MIN_PAIRS`] pairs, in order;
/// a line's words that are not pairs (a timestamp, a dyno name) are skipped.
pub fn documents(text: &str) -> impl Iterator<Item = super::Read> + '_ {
    let mut offset = 0;
    text.split_inclusive('\n')
        .map(move |raw| {
            let start = offset;
            offset += raw.len();
            let line = raw.trim_end_matches(['\r', '\n']);
            (line, start..start + line.len())
        })
        .filter(|(line, _)| line.contains('='))
        .filter_map(|(text, span)| line(text).map(|value| (value, span)))
        .take(super::MAX_STARTS)
}

fn line(line: &str) -> Option<Value> {
    let bytes = line.as_bytes();
    let mut pairs = Map::new();
    let mut at = 0;
    while at < bytes.len() {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while at < bytes.len() && is_key_byte(bytes[at]) {
            at += 1;
        }
        let key = &line[start..at];
        if at > start
            && at - start <= MAX_KEY
            && bytes[start].is_ascii_alphabetic()
            && bytes.get(at) == Some(&b'=')
        {
            let (value, end) = value(line, at + 1);
            at = end;
            pairs.entry(key.to_string()).or_insert(value);
        } else {
            // Not a pair: skip the word (a quoted one whole).
            at = skip_word(bytes, start.max(at));
        }
    }
    if pairs.len() < MIN_PAIRS || !graph_sign(&pairs) {
        return None;
    }
    // A logger's own name for the message (`msg`, or `err` and `error`
    // holding text) stands for Graph's `message` when there is none.
    if !pairs.contains_key("message") {
        let said = ["msg", "err", "error"]
            .into_iter()
            .find(|key| pairs.get(*key).is_some_and(Value::is_string));
        if let Some(value) = said.and_then(|key| pairs.remove(key)) {
            pairs.insert("message".into(), value);
        }
    }
    Some(Value::Object(pairs))
}

/// Keys only a Graph error has (compared by their last path segment).
const GRAPH_KEYS: &[&str] = &[
    "fbtrace_id",
    "error_subcode",
    "error_user_title",
    "error_user_msg",
    "is_transient",
    "error_data",
];

/// Whether a line's pairs are a Graph error's and not an access log's
/// (`code=200 msg="ok"` is an HTTP status): a key only Graph errors have,
/// an `…Exception` type, keys under `error.`, or Meta's `(#N)` in a value.
fn graph_sign(pairs: &Map<String, Value>) -> bool {
    pairs.iter().any(|(key, value)| {
        let last = key.rsplit('.').next().unwrap_or(key);
        let text = value.as_str().unwrap_or_default();
        GRAPH_KEYS.contains(&last)
            || key.starts_with("error.")
            || (last == "type" && text.ends_with("Exception"))
            || text
                .find("(#")
                .is_some_and(|at| text[at + 2..].starts_with(|c: char| c.is_ascii_digit()))
    })
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'/' | b'@')
}

fn skip_word(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    if bytes.get(at) == Some(&b'"') {
        return quoted_end(bytes, at);
    }
    while at < bytes.len() && !bytes[at].is_ascii_whitespace() {
        at += 1;
    }
    at.max(from + 1)
}

/// The value at `from` and the offset after it.
fn value(line: &str, from: usize) -> (Value, usize) {
    let bytes = line.as_bytes();
    if bytes.get(from) == Some(&b'"') {
        let end = quoted_end(bytes, from);
        let closed = end > from + 1 && bytes[end - 1] == b'"';
        let inner = &line[from + 1..if closed { end - 1 } else { end }];
        return (Value::String(unescape(inner)), end);
    }
    let mut end = from;
    while end < bytes.len() && !bytes[end].is_ascii_whitespace() {
        end += 1;
    }
    let raw = &line[from..end];
    let value = if raw.is_empty() {
        Value::Null
    } else {
        super::plain_scalar(raw)
    };
    (value, end)
}

/// The offset just past the quoted value opening at `from` (or the end
/// of the line when it is not closed).
fn quoted_end(bytes: &[u8], from: usize) -> usize {
    let mut at = from + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_log_line_of_pairs_is_read_with_quoted_values_and_escapes() {
        let text = r#"time=2025-11-28T10:14:03Z level=error msg="(#100) \"{{1}}\" missing" code=100 fbtrace_id=AbC"#;
        let value = documents(text).next().unwrap().0;
        assert_eq!(value["message"], json!("(#100) \"{{1}}\" missing"));
        assert_eq!(value["code"], json!(100));
        assert_eq!(value["fbtrace_id"], json!("AbC"));
    }

    #[test]
    fn words_that_are_not_pairs_are_skipped_and_paths_kept() {
        let text =
            "2025-11-28T10:20:41Z app[worker.1]: at=error error.code=190 error.type=OAuthException";
        let value = documents(text).next().unwrap().0;
        assert_eq!(value["error.code"], json!(190));
        assert_eq!(value["at"], json!("error"));
    }

    #[test]
    fn an_err_pair_is_the_message_when_there_is_none() {
        let value = documents(r#"level=error err="(#131026) Undeliverable" code=131026"#)
            .next()
            .unwrap()
            .0;
        assert_eq!(value["message"], json!("(#131026) Undeliverable"));
        let both = documents(r#"msg="send failed" message="(#10) Denied" code=10"#)
            .next()
            .unwrap()
            .0;
        assert_eq!(both["message"], json!("(#10) Denied"));
        assert_eq!(both["msg"], json!("send failed"));
    }

    #[test]
    fn an_access_log_line_with_a_status_code_is_not_a_graph_error() {
        for line in [
            r#"level=info method=GET path=/webhook code=200 msg="ok" duration=3ms"#,
            r#"level=error status=400 code=400 msg="Bad Request" path=/send"#,
        ] {
            assert_eq!(documents(line).count(), 0, "{line}");
        }
    }

    #[test]
    fn prose_with_an_equals_sign_is_not_logfmt() {
        assert_eq!(documents("set x=1 and retry").count(), 0);
        assert_eq!(documents("a=\"unclosed b=2 c=3").count(), 0);
    }
}
