//! Notations that are not JSON's relatives and so are not read by the
//! [`lenient`](super::lenient) parser: a log line of `key=value` pairs
//! (logfmt), YAML, XML, Clojure's EDN, and a PowerShell error record whose
//! JSON body the console cut into lines of its own width.
//!
//! Each reader turns its notation into one `serde_json::Value`, the same
//! document a JSON body would give, so recognising the payload does not
//! depend on how it was written. Every reader is bounded: it looks at a
//! fixed number of starting points, reads each byte a bounded number of
//! times and nests at most [`MAX_DEPTH`] levels, and it gives up (returns
//! `None`) rather than guess when the text is not in its notation.

pub mod edn;
pub mod logfmt;
pub mod powershell;
pub mod xml;
pub mod yaml;

use serde_json::Value;

/// Deeper than any real payload; a reader stops there.
const MAX_DEPTH: usize = 64;

/// How many starting points a reader tries in one text.
const MAX_STARTS: usize = 16;

/// A notation read by this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notation {
    Logfmt,
    Yaml,
    Xml,
    Edn,
}

/// A document read from the text, and where in the text it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub value: Value,
    pub notation: Notation,
    pub span: std::ops::Range<usize>,
}

impl Document {
    /// Whether the text holds more than the document (a log prefix, prose).
    pub fn embedded_in(&self, text: &str) -> bool {
        !(text[..self.span.start].trim().is_empty() && text[self.span.end..].trim().is_empty())
    }
}

/// The documents each reader finds in `text`, in the order they should be
/// tried: a document starts with a bracket or a tag, which is a stronger
/// sign of its notation than `key: value` or `key=value` lines.
pub fn documents(text: &str) -> impl Iterator<Item = Document> + '_ {
    let document = |notation| {
        move |(value, span)| Document {
            value,
            notation,
            span,
        }
    };
    let edn = edn::documents(text).map(document(Notation::Edn));
    let xml = xml::documents(text).map(document(Notation::Xml));
    let yaml = yaml::documents(text).map(document(Notation::Yaml));
    let logfmt = logfmt::documents(text).map(document(Notation::Logfmt));
    edn.chain(xml).chain(yaml).chain(logfmt)
}

/// A read value and the byte range it was read from.
type Read = (Value, std::ops::Range<usize>);

/// A value written without quotes, as the notations here print numbers,
/// booleans and null: an integer of at most 15 digits (longer ones are
/// ids and phone numbers, kept as written) is a number.
fn plain_scalar(raw: &str) -> Value {
    match raw {
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        "null" | "Null" | "NULL" | "nil" | "~" => return Value::Null,
        _ => {}
    }
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    if !digits.is_empty() && digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = raw.parse::<i64>() {
            return Value::from(n);
        }
    }
    Value::String(raw.to_string())
}

/// A field name as Graph's JSON spells it: `ErrorSubcode`, `fbtraceId` and
/// `error-subcode` (as .NET, Java and Clojure name fields) become
/// `error_subcode` and `fbtrace_id`; a namespace or XML prefix is dropped.
fn graph_name(name: &str) -> String {
    let local = name.rsplit([':', '/']).next().unwrap_or(name);
    super::lenient::snake_case(&local.replace('-', "_"))
}

/// Adds `value` under `key`; a key seen again makes an array of its values,
/// as repeated XML elements and YAML keys list items.
fn insert_repeated(map: &mut serde_json::Map<String, Value>, key: String, value: Value) {
    match map.get_mut(&key) {
        None => {
            map.insert(key, value);
        }
        Some(Value::Array(items)) => items.push(value),
        Some(existing) => {
            let first = existing.take();
            *existing = Value::Array(vec![first, value]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Text made of each notation's punctuation, in any order, is read
        /// or refused without a panic.
        #[test]
        fn any_text_of_the_notations_characters_is_read_or_refused_without_panicking(
            text in "([-:{}\\[\\]()<>/=\"'#_,;|> \n\t\\\\a-z0-9é]|Invoke-RestMethod : |</a>|<a>|- |: |=\"){0,80}",
        ) {
            for document in documents(&text) {
                prop_assert!(document.value.is_object(), "{}", document.value);
                prop_assert!(document.span.start < document.span.end && document.span.end <= text.len());
            }
            if let Some(joined) = powershell::unwrap(&text) {
                prop_assert!(joined.len() <= text.len() + 1);
            }
        }
    }

    #[test]
    fn deep_nesting_is_refused_without_exhausting_the_stack() {
        let depth = 20_000;
        let texts = [
            "{:a ".repeat(depth),
            "<a>".repeat(depth),
            (0..depth)
                .map(|i| format!("{}k:\n", " ".repeat(i % 300)))
                .collect::<String>(),
            "- ".repeat(depth) + "x",
        ];
        for text in &texts {
            assert!(documents(text).all(|d| d.value.is_object()));
        }
    }

    #[test]
    fn field_names_of_other_languages_become_graph_names() {
        for (name, graph) in [
            ("ErrorSubcode", "error_subcode"),
            ("FbtraceId", "fbtrace_id"),
            ("fbtrace-id", "fbtrace_id"),
            ("a:code", "code"),
            ("error_subcode", "error_subcode"),
            ("type", "type"),
        ] {
            assert_eq!(graph_name(name), graph);
        }
    }

    #[test]
    fn plain_numbers_are_numbers_and_long_digit_runs_stay_text() {
        assert_eq!(plain_scalar("190"), Value::from(190));
        assert_eq!(plain_scalar("15550123456"), Value::from(15_550_123_456_i64));
        assert_eq!(
            plain_scalar("1555012345678901"),
            Value::String("1555012345678901".into())
        );
        assert_eq!(
            plain_scalar("OAuthException"),
            Value::String("OAuthException".into())
        );
        assert_eq!(plain_scalar("~"), Value::Null);
    }
}
