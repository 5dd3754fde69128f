//! Layers that hide a payload from the reader although every character of
//! it is there: stored as one escaped line (`\n` for each line break, as a
//! database, a log field or a string literal keeps a dump), quoted in an
//! e-mail or a forum reply (`> `), commented out
//! in a code sample (`// ` or `# ` before each line), HTML-escaped by
//! the page it was copied from (`&quot;`), URL-encoded in a query string or
//! a form log (`%7B%22error%22`), or retyped by a word processor or a chat
//! app (curly quotes, non-breaking spaces, full-width brackets). Each layer
//! found is undone, so the payload underneath can be read as it was sent.

use crate::escapes::{backslash_escape, character_reference, percent_escape};
use serde::Serialize;

/// Undoes one layer, or says it is not there.
type Undo = fn(&str) -> Option<String>;
/// Reads one escape at a byte offset: what it stands for and its length.
type Escape = fn(&[u8], usize) -> Option<(Option<char>, usize)>;

/// A layer undone before the payload could be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// A multi-line text kept as one line with `\n` escapes.
    EscapedLines,
    /// Lines prefixed with `>` (e-mail and Markdown quotes, nested or not).
    Quoted,
    /// Lines commented out with `//` or `#`, as what a program printed is
    /// pasted into its code sample.
    Commented,
    HtmlEscaped,
    UrlEncoded,
    /// Curly quotes, unusual spaces, invisible characters, full-width punctuation.
    Typographic,
    /// Punctuation written as `\uXXXX` escapes (`{\u0022error\u0022:`), as
    /// .NET's JSON encoder and some loggers write quotes and brackets.
    UnicodeEscaped,
}

impl Layer {
    pub fn title(self) -> &'static str {
        match self {
            Layer::EscapedLines => "kept on one line with \\n escapes",
            Layer::Quoted => "quoted with >",
            Layer::Commented => "commented out",
            Layer::HtmlEscaped => "HTML-escaped",
            Layer::UrlEncoded => "URL-encoded",
            Layer::Typographic => "with typographic quotes or spaces",
            Layer::UnicodeEscaped => "with \\u escapes",
        }
    }
}

/// The text with every layer it has undone, outermost first, and the
/// layers; `None` when there is none.
pub fn peel(text: &str) -> Option<(String, Vec<Layer>)> {
    let steps: [(Layer, Undo); 7] = [
        (Layer::EscapedLines, unescape_lines),
        (Layer::Quoted, unquote),
        (Layer::Commented, uncomment),
        (Layer::Typographic, plain_punctuation),
        (Layer::UnicodeEscaped, unicode_unescape),
        (Layer::HtmlEscaped, html_decode),
        (Layer::UrlEncoded, url_decode),
    ];
    let mut current: Option<String> = None;
    let mut layers = Vec::new();
    for (layer, undo) in steps {
        if let Some(next) = undo(current.as_deref().unwrap_or(text)) {
            current = Some(next);
            layers.push(layer);
        }
    }
    current.map(|text| (text, layers))
}

/// Removes `>` quote markers (with the space after each) from the lines
/// that start with one, when at least two lines do: a single `>` line is
/// more likely a shell prompt or curl's request line than a quote.
fn unquote(text: &str) -> Option<String> {
    let marker_len = |line: &str| {
        let mut rest = line.trim_start_matches([' ', '\t']);
        let mut quoted = false;
        while let Some(after) = rest.strip_prefix('>') {
            quoted = true;
            rest = after.strip_prefix(' ').unwrap_or(after);
        }
        quoted.then_some(line.len() - rest.len())
    };
    let quoted_lines = text.lines().filter(|l| marker_len(l).is_some()).count();
    if quoted_lines < 2 {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        out.push_str(&line[marker_len(line).unwrap_or(0)..]);
    }
    Some(out)
}

/// Turns each line that holds at least two `\n` escapes back into the
/// lines it was made of, undoing every backslash escape a string literal
/// adds (`\t`, `\'`, `\"`, `\\`, `\u00e9`); other lines (the prose around
/// it) stay as they are.
fn unescape_lines(text: &str) -> Option<String> {
    let escaped = |line: &str| line.matches("\\n").nth(1).is_some();
    if !text.lines().any(escaped) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if escaped(line) {
            out.push_str(&decode_with(line, b'\\', backslash_escape));
        } else {
            out.push_str(line);
        }
    }
    Some(out)
}

/// Removes a comment marker (`//` or `#`, with the space after it) from
/// the lines that start with one, when at least two lines start with the
/// same marker; only that marker is removed (`#` inside a `//` comment stays).
fn uncomment(text: &str) -> Option<String> {
    let marker = ["//", "#"].into_iter().find(|marker| {
        text.lines()
            .filter(|l| l.trim_start_matches([' ', '\t']).starts_with(marker))
            .nth(1)
            .is_some()
    })?;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        match line[indent..].strip_prefix(marker) {
            Some(rest) => out.push_str(rest.strip_prefix(' ').unwrap_or(rest)),
            None => out.push_str(line),
        }
    }
    Some(out)
}

/// Decodes HTML character references when the text has the references a
/// page makes of JSON's quotes or brackets, again while it still has them
/// (a page that escaped an already escaped text: `&amp;quot;`).
fn html_decode(text: &str) -> Option<String> {
    const TIMES: usize = 3;
    const REFERENCES: [&str; 8] = [
        "quot;", "#34;", "#x22;", "#39;", "#x27;", "apos;", "lt;", "gt;",
    ];
    // `&quot;`, or `&amp;quot;` when escaped twice.
    let escaped = |text: &str| {
        let lower = text.to_ascii_lowercase();
        REFERENCES
            .iter()
            .any(|r| lower.contains(&format!("&{r}")) || lower.contains(&format!("&amp;{r}")))
    };
    if !escaped(text) {
        return None;
    }
    let mut decoded = decode_with(text, b'&', character_reference);
    for _ in 1..TIMES {
        if !escaped(&decoded) {
            break;
        }
        decoded = decode_with(&decoded, b'&', character_reference);
    }
    Some(decoded)
}

/// Decodes `\uXXXX` escapes when the text writes a quote or a brace as
/// one; other backslash escapes are left for the reader of the strings.
fn unicode_unescape(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let escaped = ["\\u0022", "\\u007b", "\\u0027"]
        .iter()
        .any(|e| lower.contains(e));
    escaped.then(|| {
        decode_with(text, b'\\', |bytes, at| match bytes.get(at + 1) {
            Some(b'u') => backslash_escape(bytes, at),
            _ => None,
        })
    })
}

/// Decodes `%XX` escapes when the text has an encoded brace or quote. A
/// `+` is a space, as in form bodies and query strings; a `+` that was
/// data would have been encoded as `%2B`.
fn url_decode(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let encoded = ["%7b", "%22", "%5b"].iter().any(|e| lower.contains(e));
    encoded.then(|| decode_with(&text.replace('+', " "), b'%', percent_escape))
}

/// `text` with each escape that `decode` reads at a `lead` byte replaced
/// by what it stands for.
fn decode_with(text: &str, lead: u8, decode: Escape) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == lead {
            if let Some((decoded, used)) = decode(bytes, i) {
                out.push_str(&text[copied..i]);
                out.extend(decoded);
                i += used;
                copied = i;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// Typography's stand-ins for JSON's punctuation, replaced by the ASCII
/// they stand for; `None` if the text has none.
fn plain_punctuation(text: &str) -> Option<String> {
    let plain = |c: char| -> Option<Option<char>> {
        Some(match c {
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{00ab}'
            | '\u{00bb}' => Some('"'),
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => Some('\''),
            '\u{00a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
                Some(' ')
            }
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => None,
            // Full-width forms of ASCII, which Chinese and Japanese input
            // methods type for brackets, colons and commas.
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
            _ => return None,
        })
    };
    if !text.chars().any(|c| plain(c).is_some()) {
        return None;
    }
    Some(
        text.chars()
            .filter_map(|c| match plain(c) {
                Some(replacement) => replacement,
                None => Some(c),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_kept_on_one_line_gets_its_lines_back() {
        assert_eq!(
            unescape_lines(
                r"'Array\n(\n    [message] => The user hasn\'t\n    [path] => C:\\x \u0041\n)'"
            )
            .as_deref(),
            Some("'Array\n(\n    [message] => The user hasn't\n    [path] => C:\\x A\n)'")
        );
        // Only the escaped line changes; a single escape is not a kept text.
        assert_eq!(
            unescape_lines("Stored:\n'a\\nb\\n\\'c\\''\nDone \\n").as_deref(),
            Some("Stored:\n'a\nb\n'c''\nDone \\n")
        );
        assert_eq!(unescape_lines(r#"{"message": "line one\nline two"}"#), None);
    }

    #[test]
    fn lines_commented_out_lose_their_marker_and_nothing_else() {
        let text = "console.log(res.data):\n// {\n//   is_valid: true, // seen\n//}\n";
        assert_eq!(
            uncomment(text).as_deref(),
            Some("console.log(res.data):\n{\n  is_valid: true, // seen\n}\n")
        );
        assert_eq!(
            uncomment("  # {'error':\n  #   {'code': 190}}").as_deref(),
            Some("{'error':\n  {'code': 190}}")
        );
        // One marked line is a comment beside code, not a commented block.
        assert_eq!(uncomment("{\"a\": 1} // the answer"), None);
        assert_eq!(uncomment("# Heading\n{\"a\": 1}"), None);
    }

    #[test]
    fn text_without_a_layer_is_not_copied() {
        assert_eq!(peel("{\"error\": {\"code\": 190}}"), None);
        assert_eq!(peel("> one quoted line only"), None);
    }

    #[test]
    fn nested_quotes_html_and_curly_quotes_are_undone_together() {
        let text = "> > {&quot;error&quot;: {\n> > \u{201c}code\u{201d}: 190}}";
        let (plain, layers) = peel(text).unwrap();
        assert_eq!(plain, "{\"error\": {\n\"code\": 190}}");
        assert_eq!(
            layers,
            vec![Layer::Quoted, Layer::Typographic, Layer::HtmlEscaped]
        );
    }

    #[test]
    fn url_encoding_is_undone_including_multibyte_characters() {
        let (plain, layers) = peel("body=%7B%22message%22%3A%22caf%C3%A9%22%7D").unwrap();
        assert_eq!(plain, "body={\"message\":\"café\"}");
        assert_eq!(layers, vec![Layer::UrlEncoded]);
    }

    #[test]
    fn quotes_and_braces_written_as_unicode_escapes_are_decoded() {
        let (plain, layers) =
            peel("body: {\\u0022code\\u0022:190,\\u0022message\\u0022:\\u0022a\\nb\\u0022}")
                .unwrap();
        assert_eq!(plain, "body: {\"code\":190,\"message\":\"a\\nb\"}");
        assert_eq!(layers, vec![Layer::UnicodeEscaped]);
    }

    #[test]
    fn text_escaped_twice_for_html_is_decoded_twice() {
        let (plain, layers) = peel("{&amp;quot;code&amp;quot;: 190}").unwrap();
        assert_eq!(plain, "{\"code\": 190}");
        assert_eq!(layers, vec![Layer::HtmlEscaped]);
    }

    #[test]
    fn a_form_encoded_plus_is_a_space_and_an_encoded_plus_stays() {
        let (plain, _) = peel("q=%7B%22to%22%3A+%22%2B15551234567%22%7D").unwrap();
        assert_eq!(plain, "q={\"to\": \"+15551234567\"}");
    }

    #[test]
    fn full_width_punctuation_and_invisible_characters_become_ascii() {
        let (plain, _) = peel("\u{feff}｛＂code＂：\u{a0}190｝").unwrap();
        assert_eq!(plain, "{\"code\": 190}");
    }
}
