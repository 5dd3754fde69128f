//! Finding and removing secrets: user and system user tokens (`EAA…`), app
//! tokens (`APPID|SECRET`), `Bearer` values, `access_token=`-style query
//! values and secret-named fields in JSON, Python and JavaScript text.
//!
//! Everything scopelens shows, copies or shares passes through [`redact`]
//! first, so no output can carry a secret the user pasted.

/// What replaces a removed secret. Chosen so it can never look like a token.
pub const REDACTED: &str = "[REDACTED]";

/// Query parameters and field names whose values are secrets.
const SECRET_NAMES: &[&str] = &[
    "access_token",
    "input_token",
    "client_secret",
    "app_secret",
    "appsecret_proof",
    "fb_exchange_token",
    "system_user_access_token",
    "authorization",
    "password",
];

/// Shortest run after `EAA` treated as a token: real ones are well over 100.
const MIN_TOKEN_TAIL: usize = 20;
/// Shortest app-secret part of an `APPID|SECRET` app token.
const MIN_SECRET_LEN: usize = 16;

/// Text with secrets removed, and how many were removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redacted {
    pub text: String,
    pub count: usize,
}

/// Removes every secret from `text`.
pub fn redact(text: &str) -> Redacted {
    let mut spans = secret_spans(text);
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut count = 0;
    for (start, end) in spans {
        if start < cursor {
            // Overlaps a span already removed; extend past it if longer.
            if end > cursor {
                cursor = end;
            }
            continue;
        }
        out.push_str(&text[cursor..start]);
        out.push_str(REDACTED);
        cursor = end;
        count += 1;
    }
    out.push_str(&text[cursor..]);
    Redacted { text: out, count }
}

/// True when `text` contains anything [`redact`] would remove.
pub fn contains_secret(text: &str) -> bool {
    !secret_spans(text).is_empty()
}

/// Byte ranges of secrets. Every range starts and ends on an ASCII byte, so
/// slicing at them is always valid UTF-8.
fn secret_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    user_token_spans(text, &mut spans);
    app_token_spans(text, &mut spans);
    let lower = text.to_ascii_lowercase();
    bearer_spans(&lower, &mut spans);
    named_value_spans(&lower, &mut spans);
    spans
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

fn is_secret_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

fn run_end(bytes: &[u8], from: usize, accept: fn(u8) -> bool) -> usize {
    bytes[from..]
        .iter()
        .position(|b| !accept(*b))
        .map_or(bytes.len(), |n| from + n)
}

fn user_token_spans(text: &str, spans: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices("EAA") {
        if at > 0 && is_token_byte(bytes[at - 1]) {
            continue;
        }
        let end = run_end(bytes, at + 3, is_token_byte);
        if end - at - 3 >= MIN_TOKEN_TAIL {
            spans.push((at, end));
        }
    }
}

fn app_token_spans(text: &str, spans: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    for (bar, _) in text.match_indices('|') {
        let digits = bytes[..bar]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits < 5 {
            continue;
        }
        let end = run_end(bytes, bar + 1, is_secret_byte);
        if end - bar > MIN_SECRET_LEN {
            // The app ID before the bar is public; only the secret goes.
            spans.push((bar + 1, end));
        }
    }
}

fn bearer_spans(lower: &str, spans: &mut Vec<(usize, usize)>) {
    let bytes = lower.as_bytes();
    for (at, word) in lower.match_indices("bearer") {
        let mut start = at + word.len();
        let gap = bytes[start..]
            .iter()
            .take_while(|b| **b == b' ' || **b == b'\t')
            .count();
        if gap == 0 {
            continue;
        }
        start += gap;
        let end = bytes[start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b',' | b'}' | b'&'))
            .map_or(bytes.len(), |n| start + n);
        if end - start >= 8 && !already_redacted(bytes, start) {
            spans.push((start, end));
        }
    }
}

/// `name=value`, `"name": "value"`, `'name': 'value'`, `name: 'value'`.
fn named_value_spans(lower: &str, spans: &mut Vec<(usize, usize)>) {
    let bytes = lower.as_bytes();
    for name in SECRET_NAMES {
        // Matches inside a value already taken are skipped, which keeps a line
        // of repeated `access_token=access_token=…` linear.
        let mut taken_until = 0;
        for (at, _) in lower.match_indices(name) {
            if at < taken_until {
                continue;
            }
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
                continue;
            }
            let mut i = at + name.len();
            if bytes
                .get(i)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
            {
                continue;
            }
            // Closing quote of a quoted key, spaces, then `=` or `:`.
            if matches!(bytes.get(i), Some(b'"' | b'\'')) {
                i += 1;
            }
            i += bytes[i..].iter().take_while(|b| **b == b' ').count();
            if !matches!(bytes.get(i), Some(b'=' | b':')) {
                continue;
            }
            i += 1;
            i += bytes[i..].iter().take_while(|b| **b == b' ').count();
            if let Some(span) = value_span(bytes, i) {
                taken_until = span.1;
                spans.push(span);
            }
        }
    }
}

fn value_span(bytes: &[u8], start: usize) -> Option<(usize, usize)> {
    if already_redacted(bytes, start) || already_redacted(bytes, start + 1) {
        return None;
    }
    match bytes.get(start)? {
        quote @ (b'"' | b'\'') => {
            let body = start + 1;
            let len = bytes[body..]
                .iter()
                .position(|b| b == quote || *b == b'\n')?;
            (len >= 8).then_some((body, body + len))
        }
        _ => {
            let len = bytes[start..]
                .iter()
                .position(|b| {
                    b.is_ascii_whitespace()
                        || matches!(b, b'&' | b'"' | b'\'' | b',' | b'}' | b')' | b'#')
                })
                .unwrap_or(bytes.len() - start);
            (len >= 8).then_some((start, start + len))
        }
    }
}

/// Whether the text at `at` is a placeholder this module wrote (so that
/// redacting twice changes nothing). `bytes` may be lowercased.
fn already_redacted(bytes: &[u8], at: usize) -> bool {
    bytes
        .get(at..at + REDACTED.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(REDACTED.as_bytes()))
}

/// A short, safe description of a token: its first characters and length.
pub fn describe_token(token: &str) -> String {
    let head: String = token.chars().take(6).collect();
    format!("{head}… ({} characters)", token.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER_TOKEN: &str = "EAAGm0PX4ZCpsBAKZBq6ZCZAxyzABCDEFGHIJKLMNOPqrstuvwxyz0123456789";

    #[test]
    fn removes_user_tokens_everywhere() {
        let text = format!("{{\"input_token\":\"{USER_TOKEN}\"}} and Bearer {USER_TOKEN}");
        let out = redact(&text);
        assert!(!out.text.contains("EAAGm0"), "{}", out.text);
        assert!(out.count >= 2);
    }

    #[test]
    fn keeps_app_id_but_removes_secret() {
        let out = redact("access_token=1234567890123456|0123456789abcdef0123456789abcdef&x=1");
        assert!(!out.text.contains("0123456789abcdef"), "{}", out.text);
        assert!(out.text.ends_with("&x=1"));
    }

    #[test]
    fn app_token_alone() {
        let out = redact("1234567890123456|0123456789abcdef0123456789abcdef");
        assert_eq!(out.text, "1234567890123456|[REDACTED]");
    }

    #[test]
    fn python_and_js_fields() {
        let out = redact("{'access_token': 'abcdefgh12345678', client_secret: \"s3cr3tvalue99\"}");
        assert!(!out.text.contains("abcdefgh12345678"));
        assert!(!out.text.contains("s3cr3tvalue99"));
        assert_eq!(out.count, 2);
    }

    #[test]
    fn authorization_header() {
        let out = redact("> Authorization: Bearer abc.def-ghi_jkl\n> Host: graph.facebook.com");
        assert!(!out.text.contains("abc.def"), "{}", out.text);
        assert!(out.text.contains("Host: graph.facebook.com"));
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        let text = r#"{"error":{"message":"(#100) Invalid parameter","code":100,"fbtrace_id":"Az8or2yhqkZfEZ-_4Qn_Bam"}}"#;
        assert_eq!(
            redact(text),
            Redacted {
                text: text.to_string(),
                count: 0
            }
        );
        assert!(!contains_secret("EAA is a prefix"));
    }

    #[test]
    fn works_on_non_ascii_text() {
        let out = redact(&format!("é token: «{USER_TOKEN}» ü"));
        assert_eq!(out.count, 1);
        assert!(out.text.starts_with("é token: «[REDACTED]» ü"));
    }

    #[test]
    fn redacting_twice_changes_nothing() {
        let once = redact(&format!(
            "access_token={USER_TOKEN} 'client_secret': 'abcdefghijk' Bearer {USER_TOKEN}"
        ));
        assert!(!contains_secret(&once.text), "{}", once.text);
        assert_eq!(redact(&once.text).text, once.text);
    }

    #[test]
    fn describes_without_echoing() {
        let d = describe_token(USER_TOKEN);
        assert!(d.starts_with("EAAGm0…"));
        assert!(!d.contains("PX4Z"));
    }
}
