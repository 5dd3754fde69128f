//! Values people put in place of what they left out of a paste: `...`,
//! `xxx`, `***`, `<redacted>`, `REMOVED`, `<PHONE>`, `[the token]`,
//! `+9198xxxxxxxx`. A placeholder is read as a missing value, counted so the
//! diagnosis can say what was left out, and never taken for data (an
//! `fbtrace_id` of `xxxx` is no trace ID).
//!
//! `[REDACTED]` is not one: it is what scopelens itself writes where it
//! removed a secret, and is counted as that.

use crate::secrets::REDACTED;

/// Words that say a value was taken out.
const TAKEN_OUT: &[&str] = &[
    "redacted",
    "removed",
    "hidden",
    "masked",
    "omitted",
    "snip",
    "snipped",
    "censored",
    "truncated",
    "elided",
];

/// Words that say what a bracketed placeholder stands for (`<PHONE>`, `[the token]`).
const STANDS_FOR: &[&str] = &[
    "token", "secret", "phone", "number", "name", "email", "id", "key", "your", "redact",
    "account", "app", "waba", "user", "password", "value",
];

/// Whether a whole value is a placeholder.
pub fn is_placeholder(value: &str) -> bool {
    let value = value.trim();
    if value.is_empty() || value.eq_ignore_ascii_case(REDACTED) {
        return false;
    }
    let lower = value.to_lowercase();
    let inner = lower.trim_matches(|c: char| "[]<>{}()".contains(c)).trim();
    filler_only(&lower)
        || has_x_run(value)
        || TAKEN_OUT.contains(&inner)
        || bracketed_name(value)
        || capitals_name(value)
        || lower.starts_with("your_")
        || lower.starts_with("your-")
        || (lower.starts_with("{{") && lower.ends_with("}}"))
        || (lower.starts_with("${") && lower.ends_with('}'))
}

/// `APP-ID`, `PAGE_ID`, `ACCESS_TOKEN`: the name of a value in capitals
/// where the value belongs.
fn capitals_name(value: &str) -> bool {
    let joined = value.contains(['-', '_']);
    let capitals = value
        .chars()
        .all(|c| c.is_ascii_uppercase() || matches!(c, '-' | '_'));
    let named = ["ID", "TOKEN", "SECRET", "KEY", "NUMBER"]
        .iter()
        .any(|end| value.ends_with(end));
    joined && capitals && named && value.len() >= 5
}

/// `...`, `…`, `***`, `###`, `xxx`, `[...]`, `{…}`: nothing but filler.
fn filler_only(lower: &str) -> bool {
    let core: Vec<char> = lower
        .chars()
        .filter(|c| !"[]{}()<>".contains(*c) && !c.is_whitespace())
        .collect();
    let Some(first) = core.first() else {
        return false;
    };
    let filler = matches!(first, '.' | '…' | '*' | '#' | 'x');
    filler
        && core
            .iter()
            .all(|c| c == first || (*first == '.' && *c == '…'))
        && (core.len() >= 3 || *first == '…')
}

/// A run of four or more `x` standing for digits or letters (`+9198xxxxxxxx`,
/// `tokenxxxxxxxx`, `1234XXXX`).
fn has_x_run(value: &str) -> bool {
    let mut run = 0;
    for c in value.chars() {
        if c == 'x' || c == 'X' {
            run += 1;
            if run >= 4 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// `<PHONE>`, `<access token>`, `[the token]`, `{YOUR_ID}`: a bracketed name
/// of what was left out, in capitals or naming a kind of value.
fn bracketed_name(value: &str) -> bool {
    let Some(open) = value.chars().next() else {
        return false;
    };
    let close = match open {
        '<' => '>',
        '[' => ']',
        '{' => '}',
        _ => return false,
    };
    let Some(inner) = value.strip_prefix(open).and_then(|v| v.strip_suffix(close)) else {
        return false;
    };
    let wordy = !inner.is_empty()
        && inner.len() <= 40
        && inner
            .chars()
            .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '_' | '-'));
    let lower = inner.to_ascii_lowercase();
    let capitals = inner.chars().any(|c| c.is_ascii_uppercase())
        && !inner.chars().any(|c| c.is_ascii_lowercase());
    wordy
        && (capitals
            || STANDS_FOR
                .iter()
                .any(|w| lower.split([' ', '_', '-']).any(|p| p == *w)))
}

/// How many placeholders free text holds, word by word. Dots ending a
/// sentence are punctuation, not a placeholder, so lone `...` and `…`
/// words are not counted here.
pub fn count_in_text(text: &str) -> usize {
    // Bracketed names may hold spaces (`[the token]`, `<access token>`).
    let bracketed = ['[', '<']
        .iter()
        .map(|open| {
            let close = if *open == '[' { ']' } else { '>' };
            text.match_indices(*open)
                .filter_map(|(at, _)| {
                    let rest = &text[at..];
                    let end = rest.find(close)?;
                    (rest[..end].contains(' ') && end <= 40).then(|| &rest[..=end])
                })
                .filter(|group| is_placeholder(group))
                .count()
        })
        .sum::<usize>();
    // A quoted ellipsis is a value left out (`u'...'`, `"…"`), not punctuation.
    let quoted = ["'...'", "\"...\"", "'…'", "\"…\""]
        .iter()
        .map(|q| text.matches(q).count())
        .sum::<usize>();
    bracketed
        + quoted
        + text
            .split(|c: char| {
                c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ',' | ';' | '=' | ':')
            })
            .map(|w| w.trim_end_matches(['.', ')']))
            .filter(|w| {
                let dots_only = w.chars().all(|c| c == '.' || c == '…');
                !dots_only && is_placeholder(w)
            })
            .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_people_write_for_a_left_out_value_is_a_placeholder() {
        for value in [
            "...",
            "…",
            "***",
            "xxx",
            "XXXXXXXXXX",
            "####",
            "[...]",
            "[…]",
            "{...}",
            "<redacted>",
            "REDACTED",
            "REMOVED",
            "<PHONE>",
            "<NAME>",
            "[the token]",
            "+919xxxxxxx",
            "tokenxxxxxxxx",
            "YOUR_ACCESS_TOKEN",
            "{{token}}",
            "${TOKEN}",
            "<access token>",
        ] {
            assert!(is_placeholder(value), "{value}");
        }
    }

    #[test]
    fn data_and_scopelens_own_mark_are_not_placeholders() {
        for value in [
            "[REDACTED]",
            "failed",
            "OAuthException",
            "AbCdEf123",
            "102290129340398",
            "wamid.HBgLMTU1NTEyMzQ1NjcVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA",
            "<pre>",
            "Rate limit hit",
            "x",
            "",
            "text",
            "max",
            "box",
        ] {
            assert!(!is_placeholder(value), "{value}");
        }
    }

    #[test]
    fn sentences_ending_in_dots_hold_no_placeholder() {
        assert_eq!(count_in_text("It does not exist... any idea…"), 0);
        assert_eq!(
            count_in_text("Object with ID 'xxxxxxxxxx' does not exist"),
            1
        );
        assert_eq!(count_in_text("token=<TOKEN> phone <PHONE>"), 2);
        assert_eq!(count_in_text("Invalid token [the token] for APP-ID"), 2);
        assert_eq!(count_in_text("{u'value': u'...', u'key': u'sig'}"), 1);
    }
}
