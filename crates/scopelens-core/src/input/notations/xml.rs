//! XML as SOAP bridges, .NET's `XmlSerializer` and JSON-to-XML converters
//! write an error: `<error><message>…</message><code>190</code>…</error>`,
//! with or without a declaration, namespaces and attributes. An element
//! holding elements becomes an object (a repeated name, an array), an
//! element holding text becomes its text with character references
//! decoded; attributes, comments and processing instructions are skipped.
//! Element names become Graph's (`ErrorSubcode` → `error_subcode`).

use crate::escapes::character_reference;
use serde_json::{Map, Value};

/// Each element that opens at a `<` followed by a name, read whole; the
/// next try starts after the element (or after the `<` where one failed).
pub fn documents(text: &str) -> impl Iterator<Item = super::Read> + '_ {
    let mut at = 0;
    let mut tries = 0;
    std::iter::from_fn(move || {
        while tries < super::MAX_STARTS {
            let open = text[at..].find('<').map(|i| at + i)?;
            at = open + 1;
            if !text
                .as_bytes()
                .get(open + 1)
                .is_some_and(u8::is_ascii_alphabetic)
            {
                continue;
            }
            tries += 1;
            let mut reader = Reader { text, at: open };
            match reader.element(0) {
                Some((name, value)) if value.is_object() => {
                    at = reader.at;
                    let mut root = Map::new();
                    root.insert(name, value);
                    // The declaration before the root is part of the document.
                    let before = text[..open].trim_end();
                    let start = before
                        .strip_suffix("?>")
                        .and_then(|head| head.rfind("<?xml"))
                        .unwrap_or(open);
                    return Some((Value::Object(root), start..reader.at));
                }
                // A first failure is often a wrapper that was not closed
                // (a log cut short): try its children next.
                _ => {}
            }
        }
        None
    })
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    /// The element at `<`: its Graph name and its value.
    fn element(&mut self, depth: usize) -> Option<(String, Value)> {
        if depth >= super::MAX_DEPTH {
            return None;
        }
        let name = self.open_tag()?;
        let (name, empty) = name;
        if empty {
            return Some((super::graph_name(&name), Value::Null));
        }
        let mut children = Map::new();
        let mut text = String::new();
        loop {
            let rest = &self.text[self.at..];
            let lt = rest.find('<')?;
            decode_into(&rest[..lt], &mut text);
            self.at += lt;
            let after = &self.text[self.at + 1..];
            if let Some(close) = after.strip_prefix('/') {
                let end = close.find('>')?;
                if close[..end].trim() != name {
                    return None;
                }
                self.at += 2 + end + 1;
                break;
            } else if after.starts_with("!--") {
                let end = after.find("-->")?;
                self.at += 1 + end + 3;
            } else if let Some(cdata) = after.strip_prefix("![CDATA[") {
                let end = cdata.find("]]>")?;
                text.push_str(&cdata[..end]);
                self.at += 1 + 8 + end + 3;
            } else if after.starts_with('?') || after.starts_with('!') {
                let end = after.find('>')?;
                self.at += 1 + end + 1;
            } else {
                let (child, value) = self.element(depth + 1)?;
                super::insert_repeated(&mut children, child, value);
            }
        }
        let value = if children.is_empty() {
            let text = text.trim();
            if text.is_empty() {
                Value::Null
            } else {
                super::plain_scalar(text)
            }
        } else {
            Value::Object(children)
        };
        Some((super::graph_name(&name), value))
    }

    /// Reads `<name attr="…">` or `<name/>`: the name as written, and
    /// whether the element is empty.
    fn open_tag(&mut self) -> Option<(String, bool)> {
        let bytes = self.bytes();
        let start = self.at + 1;
        let mut end = start;
        while end < bytes.len()
            && (bytes[end].is_ascii_alphanumeric()
                || matches!(bytes[end], b'_' | b'-' | b'.' | b':'))
        {
            end += 1;
        }
        if end == start {
            return None;
        }
        let name = self.text[start..end].to_string();
        // Attributes: skip to the tag's end, minding quoted values.
        let mut at = end;
        let mut quote = None;
        while at < bytes.len() {
            let b = bytes[at];
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if b == b'"' || b == b'\'' => quote = Some(b),
                None if b == b'>' => {
                    let empty = bytes[at - 1] == b'/';
                    self.at = at + 1;
                    return Some((name, empty));
                }
                None if b == b'<' => return None,
                None => {}
            }
            at += 1;
        }
        None
    }
}

fn decode_into(raw: &str, out: &mut String) {
    let bytes = raw.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'&' {
            if let Some((decoded, used)) = character_reference(bytes, i) {
                out.push_str(&raw[copied..i]);
                out.extend(decoded);
                i += used;
                copied = i;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&raw[copied..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn elements_become_objects_and_their_text_values() {
        let text = "<?xml version=\"1.0\"?>\n<r xmlns:a=\"urn:x\"><!-- c --><a:error kind=\"x\"><Message>a &quot;b&quot; &amp; c</Message><Code>190</Code><ErrorSubcode>463</ErrorSubcode><FbtraceId><![CDATA[Ab<c]]></FbtraceId><empty/></a:error></r>";
        let value = documents(text).next().unwrap().0;
        assert_eq!(
            value,
            json!({"r": {"error": {"message": "a \"b\" & c", "code": 190, "error_subcode": 463, "fbtrace_id": "Ab<c", "empty": null}}})
        );
    }

    #[test]
    fn repeated_elements_become_an_array() {
        let value = documents(
            "<errors><error><code>1</code></error><error><code>2</code></error></errors>",
        )
        .next()
        .unwrap()
        .0;
        assert_eq!(
            value,
            json!({"errors": {"error": [{"code": 1}, {"code": 2}]}})
        );
    }

    #[test]
    fn a_wrapper_left_open_still_gives_its_children() {
        let value = documents("<response><error><code>4</code></error>")
            .next()
            .unwrap()
            .0;
        assert_eq!(value, json!({"error": {"code": 4}}));
    }

    #[test]
    fn html_and_comparisons_in_prose_are_not_documents() {
        assert_eq!(documents("if a<b and c>d").count(), 0);
    }
}
