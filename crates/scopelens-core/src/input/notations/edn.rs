//! Clojure's EDN, as `ex-data` of a clj-http exception prints a response:
//! `{:status 400, :body {:error {:message "…", :code 190}}}`. Keywords
//! become names (`:error-subcode` → `error_subcode`), commas are
//! whitespace, `nil` is null, vectors, lists and sets are arrays, a tagged
//! literal (`#inst "…"`) is its value and `#_` drops the next form.

use serde_json::{Map, Value};

/// Each map that opens with `{` followed by a keyword (`{:error`), read
/// whole; at most [`super::MAX_STARTS`] tries.
pub fn documents(text: &str) -> impl Iterator<Item = super::Read> + '_ {
    let mut at = 0;
    let mut tries = 0;
    std::iter::from_fn(move || {
        while tries < super::MAX_STARTS {
            let open = text[at..].find('{').map(|i| at + i)?;
            at = open + 1;
            let after = text[open + 1..].trim_start_matches([' ', '\t', '\r', '\n', ',']);
            if !after.starts_with(':') {
                continue;
            }
            tries += 1;
            let mut reader = Reader { text, at: open };
            if let Some(value) = reader.value(0) {
                at = reader.at;
                return Some((value, open..reader.at));
            }
        }
        None
    })
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

/// Bytes that end a symbol, keyword or number.
fn is_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace()
        || matches!(
            b,
            b',' | b'{' | b'}' | b'[' | b']' | b'(' | b')' | b'"' | b';'
        )
}

impl Reader<'_> {
    fn skip_space(&mut self) {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() {
            match bytes[self.at] {
                b if b.is_ascii_whitespace() || b == b',' => self.at += 1,
                b';' => {
                    while self.at < bytes.len() && bytes[self.at] != b'\n' {
                        self.at += 1;
                    }
                }
                _ => break,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth >= super::MAX_DEPTH {
            return None;
        }
        self.skip_space();
        let bytes = self.text.as_bytes();
        let b = *bytes.get(self.at)?;
        match b {
            b'{' => {
                self.at += 1;
                let mut map = Map::new();
                loop {
                    self.skip_space();
                    if bytes.get(self.at) == Some(&b'}') {
                        self.at += 1;
                        return Some(Value::Object(map));
                    }
                    let key = match self.value(depth + 1)? {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    let value = self.value(depth + 1)?;
                    map.entry(key).or_insert(value);
                }
            }
            b'[' | b'(' => {
                self.at += 1;
                self.items(if b == b'[' { b']' } else { b')' }, depth)
            }
            b'#' => match bytes.get(self.at + 1) {
                Some(b'{') => {
                    self.at += 2;
                    self.items(b'}', depth)
                }
                Some(b'_') => {
                    self.at += 2;
                    self.value(depth + 1)?;
                    self.value(depth)
                }
                _ => {
                    // A tagged literal: the tag, then the value it tags.
                    self.symbol();
                    self.value(depth + 1)
                }
            },
            b'"' => self.string().map(Value::String),
            b':' => {
                let word = self.symbol();
                Some(Value::String(super::graph_name(&word[1..])))
            }
            b'\\' => {
                self.at += 1;
                let word = self.symbol();
                Some(Value::String(if word.is_empty() {
                    let c = self.text[self.at..].chars().next()?;
                    self.at += c.len_utf8();
                    c.to_string()
                } else {
                    word
                }))
            }
            b'}' | b']' | b')' => None,
            _ => {
                let word = self.symbol();
                if word.is_empty() {
                    return None;
                }
                let number = word.trim_end_matches(['N', 'M']);
                Some(match super::plain_scalar(number) {
                    Value::String(_) => super::plain_scalar(&word),
                    value => value,
                })
            }
        }
    }

    fn items(&mut self, close: u8, depth: usize) -> Option<Value> {
        let mut items = Vec::new();
        loop {
            self.skip_space();
            if self.text.as_bytes().get(self.at) == Some(&close) {
                self.at += 1;
                return Some(Value::Array(items));
            }
            items.push(self.value(depth + 1)?);
        }
    }

    fn symbol(&mut self) -> String {
        let bytes = self.text.as_bytes();
        let start = self.at;
        // Delimiters are ASCII, so the end is always a character boundary.
        while self.at < bytes.len() && !is_delimiter(bytes[self.at]) {
            self.at += 1;
        }
        self.text[start..self.at].to_string()
    }

    fn string(&mut self) -> Option<String> {
        let mut out = String::new();
        let mut chars = self.text[self.at + 1..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.at += 1 + i + 1;
                    return Some(out);
                }
                '\\' => match chars.next()?.1 {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'u' => {
                        let hex: String = chars.by_ref().take(4).map(|(_, c)| c).collect();
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_clj_http_response_is_read_with_keywords_as_names() {
        let text = "ExceptionInfo clj-http: status 400 {:status 400, :headers {\"a\" \"b\"}, :body {:error {:message \"x \\\"y\\\"\", :type \"OAuthException\", :code 190, :error-subcode 463N, :is_transient false, :trace #_ 1 nil}}, :redirects [] :at #inst \"2025\"}";
        let value = documents(text).next().unwrap().0;
        assert_eq!(
            value,
            json!({"status": 400, "headers": {"a": "b"}, "body": {"error": {"message": "x \"y\"", "type": "OAuthException", "code": 190, "error_subcode": 463, "is_transient": false, "trace": null}}, "redirects": [], "at": "2025"})
        );
    }

    #[test]
    fn a_brace_without_a_keyword_is_not_edn() {
        assert_eq!(documents("{\"error\": 1}").count(), 0);
        assert_eq!(documents("{:a").count(), 0);
    }
}
