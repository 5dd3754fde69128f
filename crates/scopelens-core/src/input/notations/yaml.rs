//! YAML as people paste an error from Rails and Ruby logs, Kubernetes
//! events, `yq` output or an OpenAPI example: block mappings and sequences
//! nested by indentation (`- code: 131047` items under `errors:`), plain,
//! single- and double-quoted scalars, `|` and `>` block scalars, and
//! flow collections (`[a, b]`, `{k: v}`) read by the lenient reader.
//!
//! Only the block structure is read; anchors, tags and multi-document
//! streams are not. A block whose values end in `,` or `;` is a JavaScript
//! or Objective-C dump, not YAML, and is left to the lenient reader.

use serde_json::{Map, Value};

/// A mapping key longer than this is a sentence ending in a colon.
const MAX_KEY: usize = 64;

/// The documents in `text`: each starts at a line holding a `key:` and
/// runs while lines belong to it; at most [`super::MAX_STARTS`] tries.
pub fn documents(text: &str) -> impl Iterator<Item = super::Read> + '_ {
    let mut offset = 0;
    let lines: Vec<Line> = text
        .split_inclusive('\n')
        .map(|raw| {
            let line = Line::new(raw.trim_end_matches(['\r', '\n']), offset);
            offset += raw.len();
            line
        })
        .collect();
    let mut at = 0;
    let mut tries = 0;
    std::iter::from_fn(move || {
        while tries < super::MAX_STARTS {
            let start = (at..lines.len()).find(|i| lines[*i].entry().is_some())?;
            tries += 1;
            let mut reader = Reader {
                lines: &lines,
                item_rest: None,
                at: start,
                broken: false,
            };
            let indent = lines[start].indent;
            let value = reader.node(indent, 0);
            at = reader.at.max(start + 1);
            let members = value.as_object().map_or(0, Map::len);
            if !reader.broken
                && !bracketed(&lines, start, reader.at)
                && (members >= 2 || nested(&value))
            {
                let first = &lines[start];
                let end = lines[start..reader.at.min(lines.len())]
                    .iter()
                    .map(Line::end)
                    .max()
                    .unwrap_or(first.end());
                return Some((value, first.offset + first.indent..end));
            }
        }
        None
    })
}

/// Whether the lines from `start` to `end` sit inside brackets (an opening
/// brace ends the line before, a closing one starts the line after): the
/// members of a JSON or JavaScript object, which YAML's block style never
/// encloses, and which the lenient reader reads (or reports) better.
fn bracketed(lines: &[Line], start: usize, end: usize) -> bool {
    let before = lines[..start].iter().rev().find(|l| !l.blank());
    let after = lines[end.min(lines.len())..].iter().find(|l| !l.blank());
    before.is_some_and(|l| l.content.ends_with(['{', '[', '(']))
        || after.is_some_and(|l| l.content.starts_with(['}', ']', ')']))
}

/// Whether a value holds an object or array: one key over a nested block
/// (`error:` and its fields) is a document, one `key: value` line is not.
fn nested(value: &Value) -> bool {
    value
        .as_object()
        .is_some_and(|o| o.values().any(|v| v.is_object() || v.is_array()))
}

#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    indent: usize,
    content: &'a str,
    /// Where the line starts in the text.
    offset: usize,
}

impl<'a> Line<'a> {
    fn new(raw: &'a str, offset: usize) -> Self {
        let raw = raw.trim_end();
        let content = raw.trim_start_matches([' ', '\t']);
        Line {
            indent: raw.len() - content.len(),
            content,
            offset,
        }
    }

    /// Where the line's text ends in the text.
    fn end(&self) -> usize {
        self.offset + self.indent + self.content.len()
    }

    fn blank(&self) -> bool {
        self.content.is_empty()
            || self.content.starts_with('#')
            || self.content == "---"
            || self.content == "..."
    }

    fn item(&self) -> Option<&'a str> {
        if self.content == "-" {
            return Some("");
        }
        self.content.strip_prefix("- ")
    }

    /// The key and what follows its colon, when the line is `key: rest`.
    fn entry(&self) -> Option<(String, &'a str)> {
        entry(self.content)
    }
}

fn entry(content: &str) -> Option<(String, &str)> {
    let (key, rest) =
        if let Some(quote) = content.chars().next().filter(|c| matches!(c, '"' | '\'')) {
            let close = content[1..].find(quote)? + 1;
            let rest = content[close + 1..].strip_prefix(':')?;
            (content[1..close].to_string(), rest)
        } else {
            let colon = content
                .match_indices(':')
                .map(|(at, _)| at)
                .find(|at| matches!(content.as_bytes().get(at + 1), None | Some(b' ' | b'\t')))?;
            let key = &content[..colon];
            let first = key.bytes().next()?;
            if !(first.is_ascii_alphabetic() || first == b'_')
                // A plain key is one word: `I get this:` is a sentence.
                || !key
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/'))
            {
                return None;
            }
            (key.to_string(), &content[colon + 1..])
        };
    if key.is_empty() || key.len() > MAX_KEY {
        return None;
    }
    Some((key, rest.trim_start_matches([' ', '\t'])))
}

struct Reader<'a, 'b> {
    lines: &'b [Line<'a>],
    /// A `- key: value` line read as the `key: value` line it opens: the
    /// line's index and what it reads as.
    item_rest: Option<(usize, Line<'a>)>,
    at: usize,
    /// The block had a line YAML would not write (a value ending in `,`).
    broken: bool,
}

impl<'a> Reader<'a, '_> {
    fn line(&self, at: usize) -> Option<Line<'a>> {
        match self.item_rest {
            Some((i, line)) if i == at => Some(line),
            _ => self.lines.get(at).copied(),
        }
    }

    fn skip_blank(&mut self) {
        while self.line(self.at).is_some_and(|l| l.blank()) {
            self.at += 1;
        }
    }

    /// The node whose first line is at the current line, at `indent`.
    fn node(&mut self, indent: usize, depth: usize) -> Value {
        self.skip_blank();
        let Some(line) = self.line(self.at) else {
            return Value::Null;
        };
        if depth >= super::MAX_DEPTH {
            self.broken = true;
            return Value::Null;
        }
        if line.item().is_some() {
            self.sequence(line.indent.max(indent), depth)
        } else {
            self.mapping(line.indent.max(indent), depth)
        }
    }

    fn mapping(&mut self, indent: usize, depth: usize) -> Value {
        let mut map = Map::new();
        loop {
            self.skip_blank();
            let Some(line) = self.line(self.at) else {
                break;
            };
            if line.indent != indent || line.item().is_some() {
                break;
            }
            let Some((key, rest)) = line.entry() else {
                break;
            };
            self.at += 1;
            let value = self.value_after(rest, indent, depth);
            map.entry(key).or_insert(value);
        }
        Value::Object(map)
    }

    fn sequence(&mut self, indent: usize, depth: usize) -> Value {
        let mut items = Vec::new();
        loop {
            self.skip_blank();
            let Some(line) = self.line(self.at) else {
                break;
            };
            if line.indent != indent {
                break;
            }
            let Some(rest) = line.item() else {
                break;
            };
            let offset = line.content.len() - rest.len();
            if rest.is_empty() {
                self.at += 1;
                items.push(self.child(indent, depth));
            } else if entry(rest).is_some() {
                // `- key: value` opens a mapping whose keys line up with `key`.
                self.item_rest = Some((
                    self.at,
                    Line {
                        indent: indent + offset,
                        content: rest,
                        offset: line.offset,
                    },
                ));
                items.push(self.mapping(indent + offset, depth + 1));
            } else {
                self.at += 1;
                items.push(self.value_after(rest, indent, depth));
            }
        }
        Value::Array(items)
    }

    /// A nested node on the following lines, deeper than `indent` (or a
    /// sequence at the same indent, as YAML allows under a key).
    fn child(&mut self, indent: usize, depth: usize) -> Value {
        self.skip_blank();
        match self.line(self.at) {
            Some(next)
                if next.indent > indent || (next.indent == indent && next.item().is_some()) =>
            {
                let next_indent = next.indent;
                self.node(next_indent, depth + 1)
            }
            _ => Value::Null,
        }
    }

    /// The value written after a key's colon (or an item's dash).
    fn value_after(&mut self, rest: &str, indent: usize, depth: usize) -> Value {
        if rest.is_empty() {
            return self.child(indent, depth);
        }
        if rest.starts_with(['|', '>'])
            && rest[1..]
                .trim()
                .chars()
                .all(|c| matches!(c, '-' | '+' | '0'..='9'))
        {
            return Value::String(self.block_scalar(
                rest.starts_with('>'),
                indent,
                rest.ends_with('-'),
            ));
        }
        if rest.ends_with([',', ';']) || rest.starts_with("=>") {
            self.broken = true;
        }
        match rest.as_bytes()[0] {
            b'"' => double_quoted(rest).map_or_else(|| Value::String(rest.into()), Value::String),
            b'\'' => single_quoted(rest).map_or_else(|| Value::String(rest.into()), Value::String),
            // A flow collection is closed on its line; one left open is
            // broken JSON, which the lenient reader reports better.
            b'[' | b'{' => match super::super::lenient::parse_all(rest) {
                Ok((value, dialect)) if !dialect.truncated => value,
                _ => {
                    self.broken = true;
                    Value::Null
                }
            },
            _ => {
                let mut text = rest.to_string();
                // A plain scalar goes on over deeper lines that are not keys.
                while let Some(next) = self.line(self.at) {
                    if next.blank()
                        || next.indent <= indent
                        || next.entry().is_some()
                        || next.item().is_some()
                    {
                        break;
                    }
                    text.push(' ');
                    text.push_str(next.content);
                    self.at += 1;
                }
                super::plain_scalar(&text)
            }
        }
    }

    /// The lines of a `|` (kept) or `>` (folded) block scalar.
    fn block_scalar(&mut self, folded: bool, indent: usize, strip: bool) -> String {
        let mut parts: Vec<&str> = Vec::new();
        while let Some(next) = self.line(self.at) {
            if !next.content.is_empty() && next.indent <= indent {
                break;
            }
            parts.push(next.content);
            self.at += 1;
        }
        while parts.last().is_some_and(|p| p.is_empty()) {
            parts.pop();
        }
        let mut text = if folded {
            let mut out = String::new();
            for part in &parts {
                if part.is_empty() {
                    out.push('\n');
                } else {
                    if !out.is_empty() && !out.ends_with('\n') {
                        out.push(' ');
                    }
                    out.push_str(part);
                }
            }
            out
        } else {
            parts.join("\n")
        };
        if !strip && !text.is_empty() {
            text.push('\n');
        }
        text
    }
}

fn single_quoted(rest: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = rest[1..].chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            if chars.peek() == Some(&'\'') {
                chars.next();
                out.push('\'');
            } else {
                return Some(out);
            }
        } else {
            out.push(c);
        }
    }
    None
}

fn double_quoted(rest: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = rest[1..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(
                        u32::from_str_radix(&hex, 16)
                            .ok()
                            .and_then(char::from_u32)?,
                    );
                }
                other => out.push(other),
            },
            _ => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn first(text: &str) -> Value {
        documents(text).next().expect(text).0
    }

    #[test]
    fn a_nested_error_is_read_with_plain_and_quoted_scalars() {
        let value = first("error:\n  message: 'It''s: expired'\n  type: \"OAuth\\u0045xception\"\n  code: 190\n  fbtrace_id: Ab#c\n");
        assert_eq!(
            value,
            json!({"error": {"message": "It's: expired", "type": "OAuthException", "code": 190, "fbtrace_id": "Ab#c"}})
        );
    }

    #[test]
    fn list_items_open_mappings_and_block_scalars_keep_or_fold_lines() {
        let value = first("errors:\n- code: 131047\n  message: >-\n    more than\n    24 hours\n  details: |\n    a\n    b\n- code: 1\n");
        assert_eq!(
            value,
            json!({"errors": [{"code": 131047, "message": "more than 24 hours", "details": "a\nb\n"}, {"code": 1}]})
        );
    }

    #[test]
    fn broken_json_is_not_read_as_yaml() {
        assert_eq!(
            documents("{\n \"data\": {\"is_valid\": true\n \"scopes\": []}}").count(),
            0
        );
    }

    #[test]
    fn members_of_a_json_object_are_not_read_as_yaml() {
        let text = "{\n  \"data\": {\n    \"is_valid\": true\n    \"scopes\": [\"a\"]\n  }\n}";
        assert_eq!(documents(text).count(), 0);
    }

    #[test]
    fn a_javascript_dump_is_not_read_as_yaml() {
        assert_eq!(documents("  message: 'x',\n  code: 190,\n").count(), 0);
    }

    #[test]
    fn a_sentence_ending_in_a_colon_is_not_a_key() {
        assert_eq!(
            documents("This is what I got back from the API:\nnothing").count(),
            0
        );
    }
}
