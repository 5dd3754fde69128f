//! A forgiving reader for the JSON-like text people copy from consoles:
//! strict JSON, Python dict reprs (`'single quotes'`, `True`/`False`/`None`)
//! and JavaScript object literals (unquoted keys, trailing commas, comments,
//! `undefined`). It produces a `serde_json::Value` and reports where it
//! stopped (line and column) when it cannot go on.
//!
//! Nesting is capped at [`MAX_DEPTH`] so hostile input cannot exhaust the
//! stack, and every step consumes input, so time is linear in the input size.

use serde_json::{Map, Number, Value};

/// Deeper nesting than any real Graph payload; beyond this the input is refused.
pub const MAX_DEPTH: usize = 128;

/// Which non-JSON conveniences the text used, so the UI can say what it read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dialect {
    pub python: bool,
    pub javascript: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset into the parsed text.
    pub offset: usize,
    pub expected: &'static str,
    pub found: String,
}

/// Reads one value starting at `start` (after optional whitespace) and returns
/// it with the offset just past it. Text after the value is left alone.
pub fn parse_prefix(text: &str, start: usize) -> Result<(Value, usize, Dialect), ParseError> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        text,
        pos: start,
        dialect: Dialect::default(),
    };
    parser.skip_trivia();
    let value = parser.value(0)?;
    Ok((value, parser.pos, parser.dialect))
}

/// Reads the whole text as one value; anything but whitespace after it is an error.
pub fn parse_all(text: &str) -> Result<(Value, Dialect), ParseError> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        dialect: Dialect::default(),
    };
    parser.skip_trivia();
    let value = parser.value(0)?;
    parser.skip_trivia();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error("end of input"));
    }
    Ok((value, parser.dialect))
}

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    dialect: Dialect,
}

impl Parser<'_> {
    fn error(&self, expected: &'static str) -> ParseError {
        let found = match self.text[self.pos..].chars().next() {
            None => "end of input".to_string(),
            // Named by code point: a control character shown as itself is invisible.
            Some(c) if c.is_control() => format!("the control character U+{:04X}", c as u32),
            Some(c) => format!("`{c}`"),
        };
        ParseError {
            offset: self.pos,
            expected,
            found,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skips whitespace and `//` and `/* */` comments.
    fn skip_trivia(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'/' if self.bytes.get(self.pos + 1) == Some(&b'/') => self.skip_line(),
                b'/' if self.bytes.get(self.pos + 1) == Some(&b'*') => {
                    self.dialect.javascript = true;
                    match self.text[self.pos + 2..].find("*/") {
                        Some(end) => self.pos += 2 + end + 2,
                        None => self.pos = self.bytes.len(),
                    }
                }
                _ if self.text[self.pos..].starts_with('\u{a0}') => self.pos += '\u{a0}'.len_utf8(),
                _ => break,
            }
        }
    }

    fn skip_line(&mut self) {
        self.dialect.javascript = true;
        match self.text[self.pos..].find('\n') {
            Some(end) => self.pos += end + 1,
            None => self.pos = self.bytes.len(),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, ParseError> {
        if depth >= MAX_DEPTH {
            return Err(self.error("less deeply nested data (over 128 levels)"));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string(b'"').map(Value::String),
            Some(b'\'') => {
                self.dialect.python = true;
                self.string(b'\'').map(Value::String)
            }
            Some(b'-' | b'+' | b'0'..=b'9' | b'.') => self.number(),
            Some(b) if b.is_ascii_alphabetic() || b == b'_' || b == b'$' => self.keyword(),
            _ => Err(self.error("a value (object, array, string, number, true, false or null)")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.pos += 1;
        let mut map = Map::new();
        loop {
            self.skip_trivia();
            match self.peek() {
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(map));
                }
                None => return Err(self.error("`}` to close the object")),
                _ => {}
            }
            let key = self.key()?;
            self.skip_trivia();
            match self.peek() {
                Some(b':') => self.pos += 1,
                // Python reprs of some SDK objects use `=`; accept it.
                Some(b'=') => {
                    self.dialect.python = true;
                    self.pos += 1
                }
                _ => return Err(self.error("`:` after the key")),
            }
            self.skip_trivia();
            let value = self.value(depth + 1)?;
            map.insert(key, value);
            self.skip_trivia();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_trivia();
                    if self.peek() == Some(b'}') {
                        self.dialect.javascript = true;
                    }
                }
                Some(b'}') => {}
                _ => return Err(self.error("`,` or `}` after the value")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_trivia();
            match self.peek() {
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                None => return Err(self.error("`]` to close the array")),
                _ => {}
            }
            items.push(self.value(depth + 1)?);
            self.skip_trivia();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_trivia();
                    if self.peek() == Some(b']') {
                        self.dialect.javascript = true;
                    }
                }
                Some(b']') => {}
                _ => return Err(self.error("`,` or `]` after the item")),
            }
        }
    }

    fn key(&mut self) -> Result<String, ParseError> {
        match self.peek() {
            Some(b'"') => self.string(b'"'),
            Some(b'\'') => {
                self.dialect.python = true;
                self.string(b'\'')
            }
            Some(b) if is_ident_start(b) || b.is_ascii_digit() => {
                self.dialect.javascript = true;
                let start = self.pos;
                while self.peek().is_some_and(is_ident_continue) {
                    self.pos += 1;
                }
                Ok(self.text[start..self.pos].to_string())
            }
            _ => Err(self.error("a key (a quoted string or a name)")),
        }
    }

    fn string(&mut self, quote: u8) -> Result<String, ParseError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            // Copy the run of plain characters in one go.
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == quote || b == b'\\' || b == b'\n' {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run_start..self.pos]);
            match self.peek() {
                Some(b) if b == quote => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => self.escape(&mut out)?,
                _ => return Err(self.error("the closing quote of the string")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        self.pos += 1;
        let Some(b) = self.peek() else {
            return Err(self.error("an escaped character after `\\`"));
        };
        self.pos += 1;
        match b {
            b'n' => out.push('\n'),
            b't' => out.push('\t'),
            b'r' => out.push('\r'),
            b'b' => out.push('\u{8}'),
            b'f' => out.push('\u{c}'),
            b'0' => out.push('\0'),
            b'u' => {
                let c = self.unicode_escape()?;
                out.push(c);
            }
            b'x' => {
                let code = self.hex_digits(2)?;
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            _ => {
                // `\"`, `\'`, `\\`, `\/` and anything else: keep the character itself.
                self.pos -= 1;
                let c = self.text[self.pos..].chars().next().unwrap_or('\u{fffd}');
                self.pos += c.len_utf8();
                out.push(c);
            }
        }
        Ok(())
    }

    fn hex_digits(&mut self, count: usize) -> Result<u32, ParseError> {
        let end = self.pos + count;
        let digits = self
            .text
            .get(self.pos..end)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        match digits {
            Some(d) => {
                self.pos = end;
                Ok(u32::from_str_radix(d, 16).unwrap_or(0xfffd))
            }
            None => Err(self.error("hexadecimal digits in the escape")),
        }
    }

    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let first = self.hex_digits(4)?;
        if (0xd800..0xdc00).contains(&first) && self.text[self.pos..].starts_with("\\u") {
            self.pos += 2;
            let second = self.hex_digits(4)?;
            if (0xdc00..0xe000).contains(&second) {
                let combined = 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00);
                return Ok(char::from_u32(combined).unwrap_or('\u{fffd}'));
            }
            return Ok('\u{fffd}');
        }
        Ok(char::from_u32(first).unwrap_or('\u{fffd}'))
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.pos;
        while self.peek().is_some_and(|b| {
            b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E' | b'_')
        }) {
            self.pos += 1;
        }
        let raw: String = self.text[start..self.pos]
            .chars()
            .filter(|c| *c != '_' && *c != '+')
            .collect();
        if let Ok(n) = raw.parse::<u64>() {
            return Ok(Value::Number(n.into()));
        }
        if let Ok(n) = raw.parse::<i64>() {
            return Ok(Value::Number(n.into()));
        }
        match raw.parse::<f64>().ok().and_then(Number::from_f64) {
            Some(n) => Ok(Value::Number(n)),
            None => {
                self.pos = start;
                Err(self.error("a number"))
            }
        }
    }

    fn keyword(&mut self) -> Result<Value, ParseError> {
        let start = self.pos;
        while self.peek().is_some_and(is_ident_continue) {
            self.pos += 1;
        }
        let word = &self.text[start..self.pos];
        let value = match word {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            "True" | "False" | "None" => {
                self.dialect.python = true;
                match word {
                    "True" => Value::Bool(true),
                    "False" => Value::Bool(false),
                    _ => Value::Null,
                }
            }
            "undefined" | "NaN" => {
                self.dialect.javascript = true;
                Value::Null
            }
            // Python's u'...' and b'...' string prefixes.
            "u" | "b" | "r" if matches!(self.peek(), Some(b'\'' | b'"')) => {
                self.dialect.python = true;
                let quote = self.peek().unwrap_or(b'\'');
                return self.string(quote).map(Value::String);
            }
            _ => {
                self.pos = start;
                return Err(
                    self.error("a value (object, array, string, number, true, false or null)")
                );
            }
        };
        Ok(value)
    }
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$'
}

fn is_ident_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// Converts a byte offset into a 1-based line and column (in characters).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut safe = offset;
    while !text.is_char_boundary(safe) {
        safe -= 1;
    }
    let before = &text[..safe];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map(|at| at + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strict_json() {
        let (v, d) = parse_all(r#"{"a": [1, 2.5, "x\n\u00e9"], "b": null}"#).unwrap();
        assert_eq!(v, json!({"a": [1, 2.5, "x\né"], "b": null}));
        assert_eq!(d, Dialect::default());
    }

    #[test]
    fn python_repr() {
        let (v, d) =
            parse_all("{'error': {'code': 190, 'is_transient': False, 'x': None, 'm': \"it's\"}}")
                .unwrap();
        assert_eq!(
            v,
            json!({"error": {"code": 190, "is_transient": false, "x": null, "m": "it's"}})
        );
        assert!(d.python);
    }

    #[test]
    fn javascript_literal() {
        let text = "{\n  error: {\n    message: 'Bad',\n    code: 100, // comment\n    x: undefined,\n  },\n}";
        let (v, d) = parse_all(text).unwrap();
        assert_eq!(
            v,
            json!({"error": {"message": "Bad", "code": 100, "x": null}})
        );
        assert!(d.javascript);
    }

    #[test]
    fn error_reports_line_and_column() {
        let text = "{\n  \"a\": 1\n  \"b\": 2\n}";
        let err = parse_all(text).unwrap_err();
        assert_eq!(line_col(text, err.offset), (3, 3));
        assert_eq!(err.expected, "`,` or `}` after the value");
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let text = "[".repeat(100_000);
        let err = parse_all(&text).unwrap_err();
        assert!(err.expected.contains("128"));
    }

    #[test]
    fn prefix_leaves_trailing_text() {
        let text = "{\"a\":1} trailing words";
        let (v, end, _) = parse_prefix(text, 0).unwrap();
        assert_eq!(v, json!({"a": 1}));
        assert_eq!(&text[end..], " trailing words");
    }

    #[test]
    fn unterminated_string_is_an_error() {
        assert!(parse_all("{\"a\": \"abc").is_err());
        assert!(parse_all("'abc\\").is_err());
    }

    #[test]
    fn surrogate_pairs_decode() {
        let (v, _) = parse_all(r#""\ud83d\ude00""#).unwrap();
        assert_eq!(v, json!("😀"));
    }
}
