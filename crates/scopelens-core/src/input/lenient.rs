//! A forgiving reader for the JSON-like text people copy from consoles and
//! logs. Besides strict JSON it reads:
//!
//! - Python dict reprs (`'single quotes'`, `True`/`False`/`None`) and
//!   JavaScript object literals (unquoted keys, trailing commas, comments);
//! - Node's `util.inspect` output (`[Object]`, `<ref *1>`, `[Circular *1]`,
//!   `ClassName {…}`, `Object [Tag] {…}`, `Map(1) {…}`, `<Buffer …>`,
//!   `'a' +\n 'b'`, `... 3 more items`);
//! - Ruby `inspect` (`=>`, `:symbols`, `nil`, `#<Class @a=1>`);
//! - PHP `print_r`, `var_dump`, `var_export` and Symfony's VarDumper;
//! - Java and Kotlin `toString` (`{k=v}`, `Name{k: v}`, `Name(k=v)`), whose
//!   values are unquoted and end at the next `, key=`;
//! - Go's `%+v` (`&{Key:value Key:value}`, `map[k:v]`, `<nil>`);
//! - placeholders people put in place of values (`...`, `…`, `<redacted>`,
//!   `xxx`, `***`) and JSON cut off at the end (closed where it stops);
//! - a log prefix repeated on every line of the value (Heroku's
//!   `2017-01-11T17:24:45+00:00 app[web.1]: `), and `key: value` lines
//!   whose opening brace was not copied ([`parse_members`]).
//!
//! Everything becomes one `serde_json::Value`, so recognising a payload does
//! not depend on how it was written; the [`Dialect`] says what was read and
//! what was missing. Nesting is capped at [`MAX_DEPTH`], every lookahead is
//! bounded by a constant and every rewind happens at most once per byte, so
//! time stays linear in the input.

use serde_json::{Map, Number, Value};

/// Deeper nesting than any real Graph payload; beyond this the input is refused.
pub const MAX_DEPTH: usize = 128;

const DEPTH_EXPECTED: &str = "less deeply nested data (over 128 levels)";
const VALUE_EXPECTED: &str = "a value (object, array, string, number, true, false or null)";

/// What the secret filter leaves in place of a secret.
const REDACTION_MARKER: &str = crate::secrets::REDACTED;

/// How many complete objects a failed read hands back.
const MAX_SALVAGED: usize = 64;

/// Longest stretch any lookahead examines, which keeps rewinds linear.
const LOOKAHEAD: usize = 64;

/// How many elided or hidden places are named; the counts go on.
const MAX_RECORDED_PATHS: usize = 32;

/// Longest log prefix (timestamp, dyno name…) compared line by line.
const MAX_LINE_PREFIX: usize = 160;

/// A language's own printed form of data, beyond JSON and its JavaScript and
/// Python relatives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notation {
    /// Node's `util.inspect` / `console.log` of an object.
    NodeInspect,
    /// Ruby's `inspect` (`{"a"=>1}`, `#<Class …>`), as in Rails logs.
    RubyInspect,
    /// PHP `print_r` (`Array ( [k] => v )`).
    PhpPrintR,
    /// PHP `var_dump` (`array(1) { ["k"]=> string(1) "v" }`).
    PhpVarDump,
    /// PHP `var_export` (`array ( 'k' => 'v', )`).
    PhpVarExport,
    /// Symfony VarDumper (`array:1 [ "k" => "v" ]`).
    SymfonyDump,
    /// Java or Kotlin `toString` (`{k=v}`, `Name{k: v}`, `Name(k=v)`).
    JavaToString,
    /// Go `fmt` `%v`/`%+v` (`&{Key:value}`, `map[k:v]`).
    GoFormat,
}

/// What the text was written in, and what of the payload was not in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dialect {
    pub python: bool,
    pub javascript: bool,
    /// Some key was written without quotes, which Python's repr never does.
    pub unquoted_keys: bool,
    /// The first language dump notation recognised, if any.
    pub notation: Option<Notation>,
    /// Values, items or members the person replaced by a placeholder
    /// (`...`, `…`, `[...]`, `<redacted>`, `REDACTED`, `xxx`, `***`, `{...}`).
    pub elided: usize,
    /// Where those placeholders were (`error.fbtrace_id`, `entry[0]`), the first few.
    pub elided_paths: Vec<String>,
    /// Parts the dump itself left out (Node `[Object]`, `[Array]`,
    /// `... 3 more items`, a depth-cut class instance `[ClientRequest]`).
    pub hidden: usize,
    /// Where those parts were (`response.data.error`), the first few.
    pub hidden_paths: Vec<String>,
    /// The text stopped inside a string, array or object, which was closed there;
    /// a key left without a value was dropped.
    pub truncated: bool,
    /// Every line carried the same log prefix (timestamp, dyno name), which was skipped.
    pub line_prefixes: bool,
    /// SDK field names were mapped to Graph names (`errorCode` → `code`,
    /// Go `ErrorSubcode` → `error_subcode`).
    pub renamed_keys: bool,
}

impl Dialect {
    fn note(&mut self, notation: Notation) {
        self.notation.get_or_insert(notation);
    }
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
    if let Some((value, end)) = strict_prefix(text, start) {
        return Ok((value, end, Dialect::default()));
    }
    let mut parser = Parser::new(text, start);
    parser.skip_trivia();
    let value = parser.value(0, false)?;
    Ok((value, parser.pos, parser.dialect))
}

/// A read from a start that failed, with the complete objects read on the
/// way (innermost first). A scan over free text tries these and goes on from
/// `error.offset` instead of reading the same bytes again from every `{`
/// inside, which keeps scanning linear.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub error: ParseError,
    pub salvaged: Vec<Value>,
    /// What the failed read had seen, for the form of a salvaged object.
    pub dialect: Dialect,
}

/// [`parse_prefix`], handing back what a failed read completed.
pub fn parse_prefix_salvaging(
    text: &str,
    start: usize,
) -> Result<(Value, usize, Dialect), Box<Failure>> {
    if let Some((value, end)) = strict_prefix(text, start) {
        return Ok((value, end, Dialect::default()));
    }
    let mut parser = Parser::new(text, start);
    parser.skip_trivia();
    match parser.value(0, false) {
        Ok(value) => Ok((value, parser.pos, parser.dialect)),
        Err(error) => Err(Box::new(Failure {
            error,
            salvaged: parser.salvaged,
            dialect: parser.dialect,
        })),
    }
}

/// Reads `key: value` lines whose opening brace was not copied (`message:
/// 'x',\n type: 'y',\n code: 1\n }`), starting at the first line that
/// begins with a key, up to a stray `}` or the end. At least two members, or
/// `None`. Tries at most a few line starts, each after the last read.
pub fn parse_members(text: &str) -> Option<(Value, Dialect)> {
    let bytes = text.as_bytes();
    let mut line = 0;
    for _ in 0..16 {
        let start = members_line(bytes, line)?;
        let mut parser = Parser::new(text, start);
        parser.open_ended = true;
        let mut read = parser.container(b'}', Flavor::Plain, false, 0);
        if let Err(error) = &read {
            // The members end where a line that is not one of them starts
            // (a sentence after the dump): read again up to that line.
            let cut = bytes[..error.offset.min(bytes.len())]
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |at| at + 1);
            if cut > start {
                let mut retry = Parser::new(&text[..cut], start);
                retry.open_ended = true;
                read = retry.container(b'}', Flavor::Plain, false, 0);
                parser = retry;
            }
        }
        match read {
            Ok(value) if value.as_object().is_some_and(|o| o.len() >= 2) => {
                return Some((value, parser.dialect));
            }
            _ => {}
        }
        let end = parser.pos.max(start + 1);
        line = text[end..].find('\n').map(|at| end + at + 1)?;
    }
    None
}

/// The first line at or after `from` that starts (after spaces) with a
/// name, bare or quoted, and `:`, `=` or `=>` and a value on the same line
/// (`message: 'x'`, `"code" => 190` as Laravel's `dd` lists an array's members).
fn members_line(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at < bytes.len() {
        let mut i = at;
        while matches!(bytes.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        let name_start = i;
        let quote = bytes.get(i).copied().filter(|b| matches!(b, b'"' | b'\''));
        if quote.is_some() {
            i += 1;
        }
        let ident_start = i;
        while bytes.get(i).is_some_and(|b| is_ident_continue(*b)) {
            i += 1;
        }
        let mut named = i > ident_start && is_ident_start(bytes[ident_start]);
        if let Some(quote) = quote {
            named &= bytes.get(i) == Some(&quote);
            i += 1;
            while matches!(bytes.get(i), Some(b' ' | b'\t')) {
                i += 1;
            }
        }
        if bytes.get(i) == Some(&b'=') && bytes.get(i + 1) == Some(&b'>') {
            i += 1;
        }
        if named
            && matches!(bytes.get(i), Some(b':' | b'=' | b'>'))
            && matches!(bytes.get(i + 1), Some(b' ' | b'\t'))
            && !matches!(bytes.get(i + 2), None | Some(b'\n' | b'\r'))
        {
            return Some(name_start);
        }
        at = bytes[at..]
            .iter()
            .position(|b| *b == b'\n')
            .map(|p| at + p + 1)?;
    }
    None
}

/// Strict JSON at `start` (an object or array, as in curl output or a log
/// line) goes through serde_json, several times faster; it reads strict JSON
/// exactly as the forgiving reader would.
fn strict_prefix(text: &str, start: usize) -> Option<(Value, usize)> {
    let rest = text.get(start..)?;
    let body = rest.trim_start_matches([' ', '\t', '\n', '\r']);
    if !body.starts_with(['{', '[']) {
        return None;
    }
    let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
    match stream.next() {
        Some(Ok(value)) => Some((value, start + stream.byte_offset())),
        _ => None,
    }
}

/// Reads the whole text as one value; anything but whitespace after it is an error.
pub fn parse_all(text: &str) -> Result<(Value, Dialect), ParseError> {
    let mut parser = Parser::new(text, 0);
    parser.skip_trivia();
    let value = parser.value(0, false)?;
    parser.skip_trivia();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error("end of input"));
    }
    Ok((value, parser.dialect))
}

/// The next offset at or after `from` where a value may start in free text:
/// `{` and `[`, a quoted string holding JSON (`"{\"error\"…`), a Ruby object
/// (`#<`), and the word that opens a PHP `Array (`, `Object (` or `array (`,
/// or a Kotlin `Name(key=`. Each byte is looked at a bounded number of times.
pub fn next_start(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < bytes.len() {
        let rel = bytes[at..]
            .iter()
            .position(|b| matches!(b, b'{' | b'[' | b'"' | b'\'' | b'#' | b'('))?;
        let pos = at + rel;
        at = pos + 1;
        match bytes[pos] {
            b'{' | b'[' => return Some(pos),
            b'"' | b'\'' if matches!(bytes.get(pos + 1), Some(b'{' | b'[')) => return Some(pos),
            b'#' if bytes.get(pos + 1) == Some(&b'<') => return Some(pos),
            b'(' => {
                if let Some(word) = opening_word(bytes, pos).filter(|w| *w >= from) {
                    return Some(word);
                }
            }
            _ => {}
        }
    }
    None
}

/// For a `(` at `paren`, the start of the word that makes it a container:
/// `Array (`, `Object (` (PHP print_r, possibly on the line before),
/// `array (` (var_export) or `Name(key=` (Kotlin, Python dataclasses).
fn opening_word(bytes: &[u8], paren: usize) -> Option<usize> {
    let mut end = paren;
    let floor = paren.saturating_sub(LOOKAHEAD);
    while end > floor && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    let mut start = end;
    while start > floor && is_ident_continue(bytes[start - 1]) {
        start -= 1;
    }
    let word = &bytes[start..end];
    if word.is_empty() || !is_ident_start(word[0]) {
        return None;
    }
    if matches!(word, b"Array" | b"Object") || (word == b"array" && end < paren) {
        return Some(start);
    }
    // `Name(key=`: a call-like repr with named fields, directly after the name.
    if end == paren {
        let mut i = paren + 1;
        let limit = (paren + 1 + LOOKAHEAD).min(bytes.len());
        while i < limit && is_ident_continue(bytes[i]) {
            i += 1;
        }
        if i > paren + 1 && bytes.get(i) == Some(&b'=') && bytes.get(i + 1) != Some(&b'=') {
            return Some(start);
        }
    }
    None
}

/// One step of the path to a value, for naming elided and hidden places.
#[derive(Debug, Clone)]
enum Seg {
    /// The key as written (a byte range of the text), tidied when named.
    Key(usize, usize),
    Index(usize),
}

/// The separator between a key and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// `:`; `tight` when no space follows (Go's `Key:value`).
    Colon { tight: bool },
    /// `=` (Java, Kotlin, Ruby objects, Python keyword reprs).
    Equals,
    /// `=>` (Ruby, PHP).
    Arrow,
}

/// The kind of container, which decides how keys, values and items are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flavor {
    /// `{…}` or `[…]` of JSON and its relatives.
    Plain,
    /// A `{…}` after a class name (Node `Name {`, Java `Name{`) or `Name(…)`.
    Typed,
    /// Node `Set(n) {…}`: items without keys inside braces.
    Set,
    /// PHP arrays other than print_r: `=>` members, lists become arrays.
    Php,
    /// PHP print_r `( [k] => v )`: values run to the end of the line.
    PrintR,
    /// Ruby `#<Class a=1 @b=2>`, closed by `>`.
    RubyObject,
    /// Go's `map[k:v k:v]`.
    GoMap,
}

/// How a value without quotes ends: at the container's closer, a new line,
/// or before the next `key<sep>` (after a comma, or after a space when
/// members are separated by spaces).
#[derive(Debug, Clone, Copy)]
struct Boundary {
    close: u8,
    sep: Option<Sep>,
    spaced: bool,
    /// An item of a list, which ends at any comma (or space, in Go's lists).
    item: bool,
}

struct Key {
    name: String,
    /// Where the key stands in the text, for naming paths without copying.
    token: (usize, usize),
    sep: Sep,
    unquoted: bool,
    /// Node symbol keys (`[Symbol(x)]: …`) and Symfony meta keys, left out as JSON.stringify does.
    dropped: bool,
}

/// What stands at the current position in place of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placeholder {
    /// Replaced by the person (`...`, `<redacted>`).
    Elided,
    /// Left out by the dump (`... 3 more items`).
    Hidden,
}

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    dialect: Dialect,
    path: Vec<Seg>,
    /// The text before the value on its first line, if it looks like a log
    /// prefix that every following line repeats.
    line_prefix: &'a [u8],
    /// Inside a PHP var_export array, where single-quoted strings may span
    /// lines and only `\'` and `\\` are escapes.
    php_strings: bool,
    /// The last placeholder read stood for a gap (an elision, `... 3 more
    /// items`), not for a value the dump would not show (`[Object]`).
    gap: bool,
    /// Complete objects inside a container that failed, innermost first.
    salvaged: Vec<Value>,
    /// Bytes examined without being consumed (lookaheads and rewinds), to
    /// show that reading stays linear.
    work: usize,
    /// Reading members whose braces were not copied: the end of the text
    /// closes the outermost object instead of cutting it off.
    open_ended: bool,
}

/// The prefix a process manager puts before each line it prints
/// (`0|node  | `, `web-1  | `), read from the line after `start` when the
/// document's first line was copied without it: up to its last `|` and
/// the spaces after, with a digit, at least 8 bytes, and no quote or
/// bracket before it.
fn next_line_prefix(bytes: &[u8], start: usize) -> &[u8] {
    let Some(newline) = bytes[start..].iter().position(|b| *b == b'\n') else {
        return &[];
    };
    let line = &bytes[start + newline + 1..];
    let line_end = line.iter().position(|b| *b == b'\n').unwrap_or(line.len());
    let line = &line[..line_end.min(MAX_LINE_PREFIX)];
    let Some(bar) = line.iter().rposition(|b| *b == b'|') else {
        return &[];
    };
    let end = bar + 1 + line[bar + 1..].iter().take_while(|b| **b == b' ').count();
    let prefix = &line[..end];
    let clean = !prefix
        .iter()
        .any(|b| matches!(b, b'"' | b'\'' | b'{' | b'['));
    if prefix.len() >= 8 && clean && prefix.iter().any(u8::is_ascii_digit) {
        prefix
    } else {
        &[]
    }
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, start: usize) -> Self {
        let bytes = text.as_bytes();
        let mut start = start.min(bytes.len());
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let line_start = bytes[..start]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |at| at + 1);
        let before = &bytes[line_start..start];
        let before = &before[..before.len().min(MAX_LINE_PREFIX)];
        let line_prefix = if before.len() >= 8 && before.iter().any(u8::is_ascii_digit) {
            before
        } else if before.iter().all(u8::is_ascii_whitespace) {
            next_line_prefix(bytes, start)
        } else {
            &[]
        };
        Parser {
            bytes,
            text,
            pos: start,
            dialect: Dialect::default(),
            path: Vec::new(),
            line_prefix,
            php_strings: false,
            gap: false,
            salvaged: Vec::new(),
            work: 0,
            open_ended: false,
        }
    }

    fn error(&self, expected: &'static str) -> ParseError {
        let found = match self.text.get(self.pos..).and_then(|t| t.chars().next()) {
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

    fn peek_at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos + offset).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn rest_starts_with(&self, s: &str) -> bool {
        self.bytes[self.pos.min(self.bytes.len())..].starts_with(s.as_bytes())
    }

    /// The distance to `byte` within the lookahead window, if it is there.
    fn find_near(&mut self, byte: u8) -> Option<usize> {
        let rest = &self.bytes[self.pos..];
        let window = &rest[..rest.len().min(LOOKAHEAD)];
        let found = window.iter().position(|b| *b == byte);
        self.work += found.map_or(window.len(), |at| at + 1);
        found
    }

    /// Moves back to `to`, counting the bytes that will be read again.
    fn rewind(&mut self, to: usize) {
        self.work += self.pos.saturating_sub(to);
        self.pos = to;
    }

    fn path_string(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            match seg {
                Seg::Key(start, end) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key_name(&self.text[*start..*end]));
                }
                Seg::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        if out.is_empty() {
            out.push_str("(top level)");
        }
        out
    }

    fn record(&mut self, kind: Placeholder) {
        let path = self.path_string();
        let (count, paths) = match kind {
            Placeholder::Elided => (&mut self.dialect.elided, &mut self.dialect.elided_paths),
            Placeholder::Hidden => (&mut self.dialect.hidden, &mut self.dialect.hidden_paths),
        };
        *count += 1;
        if paths.len() < MAX_RECORDED_PATHS && !paths.contains(&path) {
            paths.push(path);
        }
    }

    /// Skips whitespace, `//` and `/* */` comments, Symfony's fold markers,
    /// and a repeated log prefix at the start of each line.
    fn skip_trivia(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'\n' => {
                    self.pos += 1;
                    self.skip_line_prefix();
                }
                // Not `://` in a URL: a comment starts a line or follows a space or punctuation.
                b'/' if self.peek_at(1) == Some(b'/') && self.comment_may_start() => {
                    self.skip_line()
                }
                b'/' if self.peek_at(1) == Some(b'*') && self.comment_may_start() => {
                    self.dialect.javascript = true;
                    match self.text[self.pos + 2..].find("*/") {
                        Some(end) => self.pos += 2 + end + 2,
                        None => self.pos = self.bytes.len(),
                    }
                }
                // U+00A0 (no-break space), U+25BC and U+25B6 (VarDumper's ▼ and ▶).
                0xc2 if self.rest_starts_with("\u{a0}") => self.pos += 2,
                0xe2 if self.rest_starts_with("\u{25bc}") || self.rest_starts_with("\u{25b6}") => {
                    self.pos += 3
                }
                _ => break,
            }
        }
    }

    fn comment_may_start(&self) -> bool {
        // Only JavaScript has comments among the notations with unquoted text.
        let unquoted_text = matches!(
            self.dialect.notation,
            Some(Notation::JavaToString | Notation::GoFormat | Notation::PhpPrintR)
        );
        !unquoted_text
            && (self.pos == 0
                || matches!(
                    self.bytes[self.pos - 1],
                    b' ' | b'\t' | b'\n' | b'\r' | b',' | b'{' | b'[' | b'('
                ))
    }

    fn skip_inline_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    fn skip_line(&mut self) {
        self.dialect.javascript = true;
        match self.text[self.pos..].find('\n') {
            Some(end) => self.pos += end + 1,
            None => self.pos = self.bytes.len(),
        }
    }

    /// After a line break, skips the part of the line that matches the log
    /// prefix of the first line (digits match any digit, so timestamps that
    /// move on still match).
    fn skip_line_prefix(&mut self) {
        if self.line_prefix.is_empty() {
            return;
        }
        let rest = &self.bytes[self.pos..];
        let mut same = 0;
        for (a, b) in self.line_prefix.iter().zip(rest) {
            if a == b || (a.is_ascii_digit() && b.is_ascii_digit()) {
                same += 1;
            } else {
                break;
            }
        }
        self.work += same + 1;
        while !self.text.is_char_boundary(self.pos + same) {
            same -= 1;
        }
        let matched = &self.line_prefix[..same];
        let ends_cleanly = same == self.line_prefix.len()
            || matches!(matched.last(), Some(b' ' | b'\t' | b':' | b'|' | b']'));
        if same >= 8 && ends_cleanly && matched.iter().any(u8::is_ascii_digit) {
            self.pos += same;
            self.dialect.line_prefixes = true;
        }
    }

    fn value(&mut self, depth: usize, loose: bool) -> Result<Value, ParseError> {
        if depth >= MAX_DEPTH {
            return Err(self.error(DEPTH_EXPECTED));
        }
        if self.rest_starts_with(REDACTION_MARKER) {
            // Put there by the secret filter, not by the person: a value, not an elision.
            self.pos += REDACTION_MARKER.len();
            return Ok(Value::String(REDACTION_MARKER.to_string()));
        }
        if let Some((len, kind)) = self.placeholder_ahead() {
            self.pos += len;
            self.record(kind);
            self.gap = true;
            return Ok(Value::Null);
        }
        match self.peek() {
            Some(b'{') => {
                self.pos += 1;
                self.container(b'}', Flavor::Plain, loose, depth)
            }
            Some(b'[') => self.bracket(depth, loose),
            // A list in parentheses: Python's tuples, `NSArray`'s description.
            Some(b'(') => {
                self.pos += 1;
                match self.container(b')', Flavor::Set, true, depth)? {
                    Value::Object(map) if map.is_empty() => Ok(Value::Array(Vec::new())),
                    other => Ok(other),
                }
            }
            Some(b'"') => self.string_value(b'"'),
            Some(b'\'') => {
                self.dialect.python = true;
                self.string_value(b'\'')
            }
            Some(b'`') => {
                self.dialect.javascript = true;
                self.string_value(b'`')
            }
            Some(b'-' | b'+' | b'0'..=b'9' | b'.') => self.number(),
            Some(b':')
                if self
                    .peek_at(1)
                    .is_some_and(|b| is_ident_start(b) || b == b'"') =>
            {
                self.pos += 1;
                self.dialect.note(Notation::RubyInspect);
                match self.peek() {
                    Some(b'"') => self.string(b'"').map(Value::String),
                    _ => Ok(Value::String(self.ident().to_string())),
                }
            }
            Some(b'#') if self.peek_at(1) == Some(b'<') => self.ruby_object(depth),
            // Elixir's maps and structs: `%{"code" => 190}`, `%Error{code: 190}`.
            Some(b'%')
                if self
                    .peek_at(1)
                    .is_some_and(|b| b == b'{' || b.is_ascii_uppercase()) =>
            {
                self.pos += 1;
                self.dialect.note(Notation::RubyInspect);
                self.value(depth + 1, loose)
            }
            Some(b'&') if matches!(self.peek_at(1), Some(b'{' | b'[')) => {
                self.pos += 1;
                self.dialect.note(Notation::GoFormat);
                self.value(depth + 1, loose)
            }
            Some(b'<') => self.angle(depth, loose),
            Some(b) if is_ident_start(b) => self.word(depth, loose),
            _ => Err(self.error(VALUE_EXPECTED)),
        }
    }

    /// The length of a placeholder at the current position, if one stands
    /// there as a whole value (followed by a separator, a closer or the end).
    fn placeholder_ahead(&mut self) -> Option<(usize, Placeholder)> {
        let rest = &self.bytes[self.pos..];
        // Most values start with a byte no placeholder starts with.
        match rest {
            [b'.' | b'x' | b'X' | b'*' | b'R' | b'r' | 0xe2, ..] => {}
            [b'[' | b'{' | b'(', b'.' | 0xe2 | b'R' | b'r', ..] => {}
            [b'<', b, ..] if b.is_ascii_alphabetic() => {}
            _ => return None,
        }
        let window = &rest[..rest.len().min(LOOKAHEAD)];
        self.work += window.len().min(16);
        let (len, kind) = placeholder_len(window)?;
        let after = &rest[len..];
        let next = after.iter().find(|b| !matches!(b, b' ' | b'\t'));
        match next {
            None | Some(b',' | b'}' | b']' | b')' | b'>' | b'\n' | b'\r' | b'/' | b';') => {
                Some((len, kind))
            }
            _ => None,
        }
    }

    /// `{…}`, `[…]`, `(…)` or `#<…>` contents, the opener already consumed.
    fn container(
        &mut self,
        close: u8,
        flavor: Flavor,
        loose: bool,
        depth: usize,
    ) -> Result<Value, ParseError> {
        let mut entries = Vec::with_capacity(8);
        match self.entries(close, flavor, loose, depth, &mut entries) {
            Ok((keyed, all_unquoted, go_style)) => {
                Ok(self.build(entries, keyed, flavor, close, all_unquoted, go_style))
            }
            Err(e) => {
                // Keep the complete objects read before the failure, so a
                // scan need not read them again from a later start.
                for (_, value) in entries {
                    if value.as_object().is_some_and(|o| !o.is_empty())
                        && self.salvaged.len() < MAX_SALVAGED
                    {
                        self.salvaged.push(value);
                    }
                }
                Err(e)
            }
        }
    }

    /// The entries of a container; returns whether it had keys, whether all
    /// were unquoted, and whether it was a Go struct or map.
    fn entries(
        &mut self,
        close: u8,
        flavor: Flavor,
        loose: bool,
        depth: usize,
        entries: &mut Vec<(Option<String>, Value)>,
    ) -> Result<(bool, bool, bool), ParseError> {
        if depth >= MAX_DEPTH {
            return Err(self.error(DEPTH_EXPECTED));
        }
        let after_item = match close {
            b'}' => "`,` or `}` after the value",
            b']' => "`,` or `]` after the item",
            b')' => "`,` or `)` after the value",
            _ => "`,` or `>` after the value",
        };
        // Symfony prints object handles right after the brace: `{#123`.
        if close == b'}'
            && self.peek() == Some(b'#')
            && self.peek_at(1).is_some_and(|b| b.is_ascii_digit())
        {
            self.dialect.note(Notation::SymfonyDump);
            self.pos += 1;
            while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                self.pos += 1;
            }
        }
        let mut keyed = false;
        let mut all_unquoted = true;
        let mut boundary = Boundary {
            close,
            sep: None,
            spaced: matches!(flavor, Flavor::PrintR | Flavor::RubyObject),
            item: false,
        };
        let mut go_style = false;
        let mut index = 0usize;
        let mut need_separator = false;
        let mut last_round = None;
        loop {
            // Every round consumes something; one that did not would repeat forever.
            if last_round == Some(self.pos) {
                return Err(self.error(after_item));
            }
            last_round = Some(self.pos);
            let gap_start = self.pos;
            self.skip_trivia();
            let had_space = self.pos > gap_start
                || self.pos > 0 && self.bytes[self.pos - 1].is_ascii_whitespace();
            match self.peek() {
                None => {
                    self.dialect.truncated |= !(self.open_ended && depth == 0);
                    break;
                }
                Some(b) if b == close => {
                    self.pos += 1;
                    break;
                }
                Some(b',') => {
                    self.pos += 1;
                    self.skip_trivia();
                    if self.peek() == Some(close) && close != b'>' {
                        self.dialect.javascript = true;
                    }
                    need_separator = false;
                    continue;
                }
                // Objective-C's and Swift's `NSDictionary` description ends
                // every member with `;` (`code = 190;`).
                Some(b';') if close == b'}' && need_separator => {
                    self.pos += 1;
                    need_separator = false;
                    continue;
                }
                _ => {}
            }
            if need_separator {
                let spaced_ok = had_space
                    && (boundary.spaced || loose || flavor == Flavor::Php || self.key_ahead());
                if !spaced_ok {
                    return Err(self.error(after_item));
                }
            }
            need_separator = true;
            // A placeholder where a whole member or item would be.
            if let Some((len, kind)) = self.placeholder_ahead() {
                self.pos += len;
                self.record(kind);
                continue;
            }
            let key = self.key()?;
            let Some(key) = key else {
                if flavor == Flavor::RubyObject {
                    // Ruby objects print things that are not `name=value`
                    // (`#<URI::HTTPS https://…>`); skip to the end.
                    self.skip_ruby_object_rest();
                    break;
                }
                if close == b'}' && !matches!(flavor, Flavor::Set | Flavor::Php) {
                    let start = self.pos;
                    if self.peek().is_some_and(|b| matches!(b, b'"' | b'\'')) {
                        let quote = self.peek().unwrap_or(b'"');
                        self.string(quote)?;
                        self.skip_trivia();
                        if !self.at_end() {
                            return Err(self.error("`:` after the key"));
                        }
                        // A key cut off by the end of the paste.
                        self.dialect.truncated = true;
                        break;
                    }
                    self.pos = start;
                    return Err(self.error("a key (a quoted string or a name)"));
                }
                self.path.push(Seg::Index(index));
                let item_boundary = Boundary {
                    close,
                    sep: None,
                    spaced: self.dialect.notation == Some(Notation::GoFormat),
                    item: true,
                };
                let item = self.item(depth, loose, item_boundary);
                self.path.pop();
                match item {
                    Ok(Some(v)) => {
                        entries.push((None, v));
                        index += 1;
                    }
                    Ok(None) => {}
                    Err(e) if e.offset >= self.bytes.len() && e.expected != DEPTH_EXPECTED => {
                        self.dialect.truncated = true;
                        self.pos = self.bytes.len();
                        break;
                    }
                    Err(e) => return Err(e),
                }
                continue;
            };
            if !keyed {
                keyed = true;
                boundary.sep = Some(key.sep);
                let exported = key
                    .name
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_uppercase());
                // Go's `Key:value`; an empty first value leaves `Key: Next:…`.
                let go_colon = match key.sep {
                    Sep::Colon { tight: true } => true,
                    Sep::Colon { tight: false } => {
                        flavor == Flavor::GoMap
                            || self.peek() == Some(close)
                            || self.key_ahead_at(self.pos, Some(Sep::Colon { tight: true }))
                    }
                    _ => false,
                };
                if key.unquoted && go_colon && (exported || flavor == Flavor::GoMap) {
                    go_style = true;
                    boundary.spaced = true;
                    self.dialect.note(Notation::GoFormat);
                }
                if key.sep == Sep::Arrow && matches!(flavor, Flavor::Plain) && close == b'}' {
                    self.dialect.note(Notation::RubyInspect);
                }
                if key.sep == Sep::Equals && key.unquoted && close != b'>' {
                    self.dialect.note(Notation::JavaToString);
                }
            }
            all_unquoted &= key.unquoted;
            if go_style
                && self
                    .peek()
                    .is_some_and(|b| b == b' ' || b == close || b == b'\n')
            {
                // Go prints an empty string as nothing at all.
                if !key.dropped {
                    entries.push((Some(key.name), Value::String(String::new())));
                }
                continue;
            }
            if flavor == Flavor::PrintR {
                self.skip_inline_space();
            } else {
                self.skip_trivia();
            }
            if self.at_end() {
                // A key whose value was cut off: dropped.
                self.dialect.truncated = true;
                break;
            }
            self.path.push(Seg::Key(key.token.0, key.token.1));
            // After `=` values are unquoted text even where a key is quoted
            // (`NSDictionary`'s `"fbtrace_id" = AsDfG12;`).
            let bare_ok = key.unquoted || flavor == Flavor::PrintR || key.sep == Sep::Equals;
            let value = if flavor == Flavor::PrintR {
                self.print_r_value(depth, boundary)
            } else {
                self.member_value(depth, bare_ok, loose || bare_ok, boundary)
            };
            self.path.pop();
            match value {
                Ok(v) => {
                    if !key.dropped {
                        entries.push((Some(key.name), v));
                    }
                }
                Err(e) if e.offset >= self.bytes.len() && e.expected != DEPTH_EXPECTED => {
                    self.dialect.truncated = true;
                    self.pos = self.bytes.len();
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        Ok((keyed, all_unquoted, go_style))
    }

    /// An item of a list: `None` when it was a placeholder (dropped).
    fn item(
        &mut self,
        depth: usize,
        loose: bool,
        boundary: Boundary,
    ) -> Result<Option<Value>, ParseError> {
        self.gap = false;
        let value = if loose {
            self.member_value(depth, true, true, boundary)?
        } else {
            self.value(depth + 1, false)?
        };
        let was_gap = value.is_null() && self.gap;
        self.gap = false;
        Ok((!was_gap).then_some(value))
    }

    fn build(
        &mut self,
        entries: Vec<(Option<String>, Value)>,
        keyed: bool,
        flavor: Flavor,
        close: u8,
        all_unquoted: bool,
        go_style: bool,
    ) -> Value {
        let php = matches!(flavor, Flavor::Php | Flavor::PrintR);
        if php
            && entries
                .iter()
                .enumerate()
                .all(|(i, (k, _))| k.as_deref().is_none_or(|k| k == i.to_string()))
        {
            return Value::Array(entries.into_iter().map(|(_, v)| v).collect());
        }
        if !keyed && (close != b'}' || flavor == Flavor::Set) && !entries.is_empty() {
            return Value::Array(entries.into_iter().map(|(_, v)| v).collect());
        }
        if !keyed && close == b']' && flavor != Flavor::GoMap {
            return Value::Array(Vec::new());
        }
        let rename_sdk = all_unquoted
            && entries.iter().any(|(k, _)| {
                k.as_deref()
                    .is_some_and(|k| SDK_FIELD_NAMES.iter().any(|(sdk, _)| *sdk == k))
            });
        if rename_sdk {
            self.dialect.note(Notation::JavaToString);
        }
        let snake = all_unquoted
            && (go_style
                || matches!(self.dialect.notation, Some(Notation::JavaToString))
                    && flavor != Flavor::Php);
        let mut map = Map::new();
        for (i, (key, value)) in entries.into_iter().enumerate() {
            let key = key.unwrap_or_else(|| i.to_string());
            let renamed = if rename_sdk {
                SDK_FIELD_NAMES
                    .iter()
                    .find(|(sdk, _)| *sdk == key)
                    .map(|(_, graph)| graph.to_string())
            } else {
                None
            };
            let renamed = renamed.or_else(|| snake.then(|| snake_case(&key)).filter(|s| *s != key));
            match renamed {
                Some(name) => {
                    self.dialect.renamed_keys = true;
                    map.insert(name, value);
                }
                None => {
                    map.insert(key, value);
                }
            }
        }
        Value::Object(map)
    }

    /// A member's value. Where the key was unquoted, a value that is not
    /// a readable literal (or a literal followed by more words) is read as
    /// unquoted text up to the boundary: Java's `message=Invalid token.`,
    /// Go's `Message:Invalid token. Type:…`.
    fn member_value(
        &mut self,
        depth: usize,
        bare_ok: bool,
        loose: bool,
        boundary: Boundary,
    ) -> Result<Value, ParseError> {
        if !bare_ok {
            return self.value(depth + 1, loose);
        }
        let start = self.pos;
        let path_len = self.path.len();
        let was_truncated = self.dialect.truncated;
        match self.value(depth + 1, loose) {
            // A quote that never closes in an unquoted value (`name=it's`) is
            // part of the text, not the start of a string cut off by the end.
            Ok(Value::String(_)) if self.at_end() && !was_truncated && self.dialect.truncated => {
                self.dialect.truncated = false;
                self.rewind(start);
                self.path.truncate(path_len);
                Ok(self.bare(boundary))
            }
            // A bracket that opens unquoted text (`(#100) Invalid parameter`)
            // is not a list unless the value ends after it.
            Ok(v)
                if (v.is_object() || v.is_array()) && self.bytes.get(start) != Some(&b'(')
                    || self.value_ends_here(boundary) =>
            {
                Ok(v)
            }
            Err(e) if e.expected == DEPTH_EXPECTED => Err(e),
            Err(e) if e.offset >= self.bytes.len() && self.pos > start => Err(e),
            _ => {
                self.rewind(start);
                self.path.truncate(path_len);
                Ok(self.bare(boundary))
            }
        }
    }

    /// Whether what follows (after spaces) ends a value in this container.
    fn value_ends_here(&mut self, boundary: Boundary) -> bool {
        let mut at = self.pos;
        while matches!(self.bytes.get(at), Some(b' ' | b'\t')) {
            at += 1;
        }
        self.work += at - self.pos;
        match self.bytes.get(at) {
            None | Some(b',' | b'\n' | b'\r' | b';') => true,
            Some(b'/') => {
                at > self.pos
                    && matches!(self.bytes.get(at + 1), Some(b'/' | b'*'))
                    && !matches!(
                        self.dialect.notation,
                        Some(Notation::JavaToString | Notation::GoFormat | Notation::PhpPrintR)
                    )
            }
            Some(b) if *b == boundary.close => true,
            Some(_) => {
                at > self.pos
                    && (boundary.item && boundary.spaced || self.key_ahead_at(at, boundary.sep))
            }
        }
    }

    /// Unquoted text up to the container's closer (outside brackets of the
    /// same kind), the end of the line, or the next `key<sep>`.
    fn bare(&mut self, boundary: Boundary) -> Value {
        let start = self.pos;
        let open = match boundary.close {
            b'}' => b'{',
            b']' => b'[',
            b')' => b'(',
            _ => b'<',
        };
        let mut balance = 0usize;
        while let Some(b) = self.peek() {
            match b {
                b'\n' | b'\r' => break,
                _ if b == open => balance += 1,
                _ if b == boundary.close => {
                    if balance == 0 {
                        break;
                    }
                    balance -= 1;
                }
                // Quoted JSON after unquoted text is a payload of its own.
                b'{' | b'[' if balance == 0 && matches!(self.peek_at(1), Some(b'"' | b'\'')) => {
                    break
                }
                b',' if balance == 0
                    && (boundary.item || self.key_ahead_at(self.pos + 1, boundary.sep)) =>
                {
                    break
                }
                // `type = OAuthException;` at a line's end (`NSDictionary`).
                b';' if balance == 0 && self.semicolon_ends_member() => break,
                b' ' | b'\t'
                    if balance == 0
                        && boundary.spaced
                        && (boundary.item
                            || !matches!(self.peek_at(1), Some(b' ' | b'\t'))
                                && self.key_ahead_at(self.pos + 1, boundary.sep)) =>
                {
                    break
                }
                _ => {}
            }
            self.pos += 1;
        }
        let raw = self.text[start..self.pos].trim();
        self.bare_scalar(raw)
    }

    /// Whether the `;` here ends a member: only spaces follow it before
    /// the line's end, a `}` or the next `key =` (a description joined
    /// onto one line).
    fn semicolon_ends_member(&mut self) -> bool {
        let rest = &self.bytes[self.pos + 1..];
        let window = &rest[..rest.len().min(LOOKAHEAD)];
        let next = window.iter().position(|b| !matches!(b, b' ' | b'\t'));
        self.work += next.unwrap_or(window.len());
        match next {
            Some(at) if matches!(window[at], b'\n' | b'\r' | b'}') => true,
            Some(at) => self.key_ahead_at(self.pos + 1 + at, Some(Sep::Equals)),
            None => window.len() < LOOKAHEAD,
        }
    }

    fn bare_scalar(&mut self, raw: &str) -> Value {
        match raw {
            "true" => return Value::Bool(true),
            "false" => return Value::Bool(false),
            "null" | "nil" | "<nil>" | "NULL" | "None" => return Value::Null,
            _ => {}
        }
        if let Some((_, kind)) = placeholder_len(raw.as_bytes()).filter(|(l, _)| *l == raw.len()) {
            self.record(kind);
            self.gap = true;
            return Value::Null;
        }
        if raw
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.'))
        {
            if let Some(n) = number_from(raw) {
                return Value::Number(n);
            }
        }
        Value::String(raw.to_string())
    }

    /// print_r's value: `Array (…)`, `Name Object (…)`, or the rest of the line.
    fn print_r_value(&mut self, depth: usize, boundary: Boundary) -> Result<Value, ParseError> {
        self.skip_inline_space();
        if self.peek() == Some(b')') || self.peek() == Some(b'[') && self.key_ahead() {
            // An empty value (null, false, "") in print_r flattened onto one line.
            return Ok(Value::String(String::new()));
        }
        if self.print_r_array_ahead() {
            let start = self.pos;
            match self.word(depth + 1, true) {
                Ok(v @ (Value::Object(_) | Value::Array(_))) => return Ok(v),
                Err(e) if e.expected == DEPTH_EXPECTED => return Err(e),
                _ => self.rewind(start),
            }
        }
        Ok(self.bare(boundary))
    }

    /// Whether `Array` or `Name Object` stands here, the only containers print_r prints.
    fn print_r_array_ahead(&mut self) -> bool {
        let rest = &self.bytes[self.pos..];
        if rest.starts_with(b"Array") {
            return true;
        }
        let window = &rest[..rest.len().min(LOOKAHEAD)];
        let name = window
            .iter()
            .take_while(|b| is_ident_continue(**b) || **b == b'\\')
            .count();
        self.work += name;
        name > 0 && window[name..].starts_with(b" Object")
    }

    /// Whether a key and its separator follow at `at` (after spaces).
    fn key_ahead(&mut self) -> bool {
        self.key_ahead_at(self.pos, None)
    }

    /// Whether a key and a separator of the kind `sep` (any, if `None`)
    /// follow at `at`; a tight colon must be followed by a non-space.
    fn key_ahead_at(&mut self, at: usize, sep: Option<Sep>) -> bool {
        let bytes = self.bytes;
        let limit = (at + LOOKAHEAD).min(bytes.len());
        let mut i = at;
        while i < limit && matches!(bytes[i], b' ' | b'\t') {
            i += 1;
        }
        let key_start = i;
        match bytes.get(i) {
            Some(b'[') => {
                while i < limit && bytes[i] != b']' && bytes[i] != b'\n' {
                    i += 1;
                }
                if bytes.get(i) != Some(&b']') {
                    self.work += i - at;
                    return false;
                }
                i += 1;
            }
            Some(b'@' | b':' | b'+') => i += 1,
            Some(b'-' | b'#') if bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => i += 1,
            _ => {}
        }
        // A quoted name (`"type" => …` on the next line of a dump).
        let quote = bytes
            .get(i)
            .copied()
            .filter(|b| matches!(b, b'"' | b'\'') && i == key_start);
        if quote.is_some() {
            i += 1;
        }
        let name_start = i;
        while i < limit && is_key_continue(bytes[i]) {
            i += 1;
        }
        let mut named = i > name_start || bytes.get(key_start) == Some(&b'[');
        if let Some(quote) = quote {
            named &= bytes.get(i) == Some(&quote);
            i += 1;
        }
        while i < limit && matches!(bytes[i], b' ' | b'\t') {
            i += 1;
        }
        self.work += i - at + 2;
        if !named {
            return false;
        }
        let found = match (bytes.get(i), bytes.get(i + 1)) {
            (Some(b'='), Some(b'>')) => Sep::Arrow,
            (Some(b'='), next) if next != Some(&b'=') => Sep::Equals,
            (Some(b':'), next) if next != Some(&b':') => Sep::Colon {
                tight: next.is_some_and(|b| !b.is_ascii_whitespace()),
            },
            _ => return false,
        };
        // A quoted name counts only before a dump's `=>` or `=`: in JSON a
        // missing comma stays an error the person is told about.
        if quote.is_some() && matches!(found, Sep::Colon { .. }) {
            return false;
        }
        match (sep, found) {
            (None, _) => true,
            (Some(Sep::Colon { tight: true }), Sep::Colon { tight: true }) => true,
            (Some(Sep::Colon { tight: true }), Sep::Colon { tight: false }) => {
                // Go prints an empty string as nothing: `Key: Next:value`
                // or `Key:}`: a key or a closer must follow.
                let mut j = i + 1;
                while j < limit && matches!(bytes[j], b' ' | b'\t') {
                    j += 1;
                }
                let next_start = j;
                while j < limit && is_key_continue(bytes[j]) {
                    j += 1;
                }
                self.work += j - i;
                matches!(bytes.get(next_start), None | Some(b'}' | b']' | b'\n'))
                    || j > next_start && bytes.get(j) == Some(&b':')
            }
            (Some(Sep::Colon { .. }), Sep::Colon { .. }) => true,
            (Some(wanted), found) => wanted == found,
        }
    }

    /// Reads a key and its separator, or leaves the position alone and
    /// returns `None` when no key stands here (an item, or a value).
    fn key(&mut self) -> Result<Option<Key>, ParseError> {
        let start = self.pos;
        let mut unquoted = true;
        let mut dropped = false;
        let name = match self.peek() {
            Some(q @ (b'"' | b'\'' | b'`')) => {
                unquoted = false;
                if q == b'\'' {
                    self.dialect.python = true;
                }
                let s = self.string(q)?;
                if self.at_end() {
                    self.rewind(start);
                    return Ok(None);
                }
                s
            }
            Some(b':')
                if self
                    .peek_at(1)
                    .is_some_and(|b| is_ident_start(b) || b == b'"') =>
            {
                self.pos += 1;
                self.dialect.note(Notation::RubyInspect);
                if self.peek() == Some(b'"') {
                    self.string(b'"')?
                } else {
                    self.ident().to_string()
                }
            }
            Some(b'@') if self.peek_at(1).is_some_and(is_ident_start) => {
                self.pos += 1;
                self.ident().to_string()
            }
            // Symfony marks visibility: `+"public"`, `-protected`, `#private`.
            Some(b'+') if self.peek_at(1) == Some(b'"') => {
                self.pos += 1;
                self.dialect.note(Notation::SymfonyDump);
                unquoted = false;
                self.string(b'"')?
            }
            Some(b'-' | b'#') if self.peek_at(1).is_some_and(|b| b.is_ascii_alphabetic()) => {
                self.pos += 1;
                self.ident().to_string()
            }
            Some(b'[') => match self.bracket_key()? {
                Some((name, was_dropped)) => {
                    dropped = was_dropped;
                    name
                }
                None => return Ok(None),
            },
            Some(b) if is_ident_start(b) || b.is_ascii_digit() => {
                let begin = self.pos;
                while self.peek().is_some_and(is_key_continue) {
                    self.pos += 1;
                }
                self.text[begin..self.pos].to_string()
            }
            _ => return Ok(None),
        };
        let token = (start, self.pos);
        let before_space = self.pos;
        if unquoted {
            self.skip_inline_space();
        } else {
            // JSON allows a line break between a key and its colon.
            self.skip_trivia();
        }
        let sep = match (self.peek(), self.peek_at(1)) {
            (Some(b'='), Some(b'>')) => {
                self.pos += 2;
                Sep::Arrow
            }
            (Some(b'='), next) if next != Some(b'=') => {
                self.pos += 1;
                if !unquoted {
                    self.dialect.python = true;
                }
                Sep::Equals
            }
            (Some(b':'), next) if next != Some(b':') => {
                self.pos += 1;
                Sep::Colon {
                    tight: self.pos == before_space + 1
                        && !matches!(next, Some(b' ' | b'\t' | b'\n' | b'\r') | None),
                }
            }
            _ => {
                self.rewind(start);
                return Ok(None);
            }
        };
        if unquoted {
            self.dialect.javascript = true;
            self.dialect.unquoted_keys = true;
        }
        Ok(Some(Key {
            name,
            token,
            sep,
            unquoted,
            dropped,
        }))
    }

    /// `[k]` (print_r), `["k"]` and `["k":protected]` (var_dump),
    /// `[Symbol(x)]` (Node), with the brackets on one line; `None` otherwise.
    fn bracket_key(&mut self) -> Result<Option<(String, bool)>, ParseError> {
        let start = self.pos;
        let limit = (start + LOOKAHEAD).min(self.bytes.len());
        let close = self.bytes[start + 1..limit]
            .iter()
            .position(|b| *b == b']' || *b == b'\n' || *b == b'[')
            .map(|p| start + 1 + p);
        self.work += close.map_or(limit, |c| c + 1) - start;
        let Some(close) = close.filter(|c| self.bytes[*c] == b']') else {
            return Ok(None);
        };
        let inner = &self.text[start + 1..close];
        let (name, dropped) = if let Some(quoted) = inner.strip_prefix('"') {
            // `"name"` or `"name":protected` / `"name":"Class":private`.
            match quoted.find('"') {
                Some(end) => (quoted[..end].to_string(), false),
                None => return Ok(None),
            }
        } else if inner.starts_with("Symbol(") {
            (inner.to_string(), true)
        } else {
            let name = match inner.find(':') {
                Some(colon)
                    if inner[colon + 1..].ends_with("protected")
                        || inner[colon + 1..].ends_with("private") =>
                {
                    &inner[..colon]
                }
                _ => inner,
            };
            if name.is_empty() || name.contains(['"', '\'', ',', ' ']) {
                return Ok(None);
            }
            (name.to_string(), false)
        };
        let mut after = close + 1;
        while matches!(self.bytes.get(after), Some(b' ' | b'\t')) {
            after += 1;
        }
        let sep_ok = match (self.bytes.get(after), self.bytes.get(after + 1)) {
            (Some(b'='), Some(b'>')) => true,
            (Some(b':'), _) => dropped,
            _ => false,
        };
        if !sep_ok {
            return Ok(None);
        }
        if dropped {
            self.dialect.note(Notation::NodeInspect);
        } else if inner.starts_with('"') {
            self.dialect.note(Notation::PhpVarDump);
        } else {
            self.dialect.note(Notation::PhpPrintR);
        }
        self.pos = close + 1;
        Ok(Some((name, dropped)))
    }

    /// `[` opens an array, or one of Node's bracketed stand-ins.
    fn bracket(&mut self, depth: usize, loose: bool) -> Result<Value, ParseError> {
        let start = self.pos;
        let limit = (start + LOOKAHEAD).min(self.bytes.len());
        let window = &self.bytes[start + 1..limit];
        self.work += window.len().min(24);
        let word_end = window
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'$'))
            .unwrap_or(window.len());
        let word = &window[..word_end];
        let after = window.get(word_end).copied();
        let node = |p: &mut Self| p.dialect.note(Notation::NodeInspect);
        match (word, after) {
            (b"Object" | b"Array", Some(b']')) => {
                node(self);
                self.pos = start + 1 + word_end + 1;
                self.record(Placeholder::Hidden);
                return Ok(Value::Null);
            }
            (b"Object", Some(b':')) if window.starts_with(b"Object: null prototype]") => {
                node(self);
                self.pos = start + 1 + b"Object: null prototype]".len();
                self.skip_inline_space();
                return self.value(depth + 1, loose);
            }
            (
                b"Function"
                | b"AsyncFunction"
                | b"GeneratorFunction"
                | b"AsyncGeneratorFunction"
                | b"class"
                | b"Getter"
                | b"Setter"
                | b"Circular",
                Some(b']' | b':' | b' ' | b'/'),
            ) => {
                // Functions, classes, accessors and cycles have no JSON form.
                node(self);
                let mut level = 0usize;
                let mut end = None;
                for (i, b) in window.iter().enumerate() {
                    match b {
                        b'[' => level += 1,
                        b']' if level == 0 => {
                            end = Some(i);
                            break;
                        }
                        b']' => level -= 1,
                        b'\n' => break,
                        _ => {}
                    }
                }
                if let Some(end) = end {
                    self.pos = start + 1 + end + 1;
                    // Functions with properties: `[Function: f] { a: 1 }`.
                    let save = self.pos;
                    self.skip_inline_space();
                    if self.peek() == Some(b'{') {
                        self.value(depth + 1, loose)?;
                    } else {
                        self.pos = save;
                    }
                    return Ok(Value::Null);
                }
            }
            (w, Some(b']'))
                if !w.is_empty()
                    && !matches!(w, b"None" | b"True" | b"False" | b"NaN" | b"Infinity" | b"NULL")
                    // In Java's and Go's lists it is a one-word item.
                    && !matches!(
                        self.dialect.notation,
                        Some(Notation::JavaToString | Notation::GoFormat)
                    )
                    && w[0].is_ascii_uppercase()
                    && w.iter().any(u8::is_ascii_lowercase) =>
            {
                // A class instance Node cut at its depth limit: `[ClientRequest]`.
                node(self);
                self.pos = start + 1 + word_end + 1;
                self.record(Placeholder::Hidden);
                return Ok(Value::Null);
            }
            _ => {}
        }
        self.pos += 1;
        self.container(b']', Flavor::Plain, loose, depth)
    }

    /// `<ref *1> value`, `<Buffer 7b 22 …>`, Go's `<nil>`, or a placeholder
    /// such as `<redacted>` (handled before this is reached).
    fn angle(&mut self, depth: usize, loose: bool) -> Result<Value, ParseError> {
        if self.rest_starts_with("<ref *") {
            if let Some(end) = self.find_near(b'>') {
                self.dialect.note(Notation::NodeInspect);
                self.pos += end + 1;
                self.skip_inline_space();
                return self.value(depth + 1, loose);
            }
        }
        if self.rest_starts_with("<nil>") {
            self.dialect.note(Notation::GoFormat);
            self.pos += 5;
            return Ok(Value::Null);
        }
        if self.rest_starts_with("<Buffer") {
            self.dialect.note(Notation::NodeInspect);
            self.pos += "<Buffer".len();
            let mut bytes = Vec::new();
            loop {
                self.skip_inline_space();
                match self.peek() {
                    Some(b'>') => {
                        self.pos += 1;
                        break;
                    }
                    None => {
                        self.dialect.truncated = true;
                        break;
                    }
                    Some(b'.') if self.rest_starts_with("...") => {
                        // `... 120 more bytes`
                        self.record(Placeholder::Hidden);
                        while self.peek().is_some_and(|b| b != b'>' && b != b'\n') {
                            self.pos += 1;
                        }
                    }
                    Some(_) => {
                        let pair = self.text.get(self.pos..self.pos + 2);
                        match pair.and_then(|p| u8::from_str_radix(p, 16).ok()) {
                            Some(byte) => {
                                bytes.push(byte);
                                self.pos += 2;
                            }
                            None => {
                                return Err(self.error("hexadecimal bytes or `>` in the Buffer"))
                            }
                        }
                    }
                }
            }
            return Ok(Value::String(String::from_utf8_lossy(&bytes).into_owned()));
        }
        Err(self.error(VALUE_EXPECTED))
    }

    /// Ruby's `#<Class:0x… @a=1, b=2>`.
    fn ruby_object(&mut self, depth: usize) -> Result<Value, ParseError> {
        self.dialect.note(Notation::RubyInspect);
        self.pos += 2;
        // The class name says nothing the payload needs; `#<struct Name …>` has two words.
        if self.class_name() == "struct" {
            self.skip_inline_space();
            self.class_name();
        }
        self.container(b'>', Flavor::RubyObject, true, depth)
    }

    /// A class name such as `Faraday::Response:0x0000…`, consumed whole.
    fn class_name(&mut self) -> &'a str {
        let start = self.pos;
        while let Some(b) = self.peek() {
            if b.is_ascii_whitespace() || b == b'>' || b == b',' {
                break;
            }
            self.pos += 1;
        }
        &self.text[start..self.pos]
    }

    /// Skips to the `>` that closes the current Ruby object, over nested
    /// `#<…>` and quoted strings.
    fn skip_ruby_object_rest(&mut self) {
        let mut level = 0usize;
        while let Some(b) = self.peek() {
            match b {
                b'"' => {
                    // A string that does not close is a quote in the text:
                    // go on after it (a failed read may have run to the end).
                    let quote = self.pos;
                    if self.string(b'"').is_err() {
                        self.pos = quote + 1;
                    }
                    continue;
                }
                b'#' if self.peek_at(1) == Some(b'<') => {
                    level += 1;
                    self.pos += 1;
                }
                b'>' if self.pos > 0 && matches!(self.bytes[self.pos - 1], b'=' | b'-') => {}
                b'>' => {
                    self.pos += 1;
                    if level == 0 {
                        return;
                    }
                    level -= 1;
                    continue;
                }
                _ => {}
            }
            self.pos += 1;
        }
        self.dialect.truncated = true;
    }

    fn ident(&mut self) -> &'a str {
        let start = self.pos;
        while self.peek().is_some_and(is_ident_continue) {
            self.pos += 1;
        }
        &self.text[start..self.pos]
    }

    /// A word: a keyword (`true`, `nil`, `None`, `NULL`, `undefined`), a PHP
    /// `var_dump` scalar (`int(1)`, `string(3) "abc"`), a Python string
    /// prefix, `Symbol(x)`, or a class or type name before a container
    /// (`Array (`, `ClientRequest {`, `GraphResponse{`, `Error(`, `map[`).
    fn word(&mut self, depth: usize, loose: bool) -> Result<Value, ParseError> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|b| is_ident_continue(b) || b == b'.' || b == b'\\')
            || (self.peek() == Some(b':') && self.peek_at(1) == Some(b':'))
        {
            self.pos += if self.peek() == Some(b':') { 2 } else { 1 };
        }
        let word = &self.text[start..self.pos];
        let keyword = match word {
            "true" | "TRUE" => Some(Value::Bool(true)),
            "false" | "FALSE" => Some(Value::Bool(false)),
            "null" => Some(Value::Null),
            "True" | "False" | "None" => {
                self.dialect.python = true;
                Some(match word {
                    "True" => Value::Bool(true),
                    "False" => Value::Bool(false),
                    _ => Value::Null,
                })
            }
            "nil" => {
                self.dialect.note(Notation::RubyInspect);
                Some(Value::Null)
            }
            "NULL" => Some(Value::Null),
            "undefined" | "NaN" | "Infinity" => {
                self.dialect.javascript = true;
                Some(Value::Null)
            }
            _ => None,
        };
        if let Some(value) = keyword {
            return Ok(value);
        }
        match (word, self.peek()) {
            // Python's string prefixes; not where values are unquoted
            // text, in which `f'` is a word and a stray quote.
            ("u" | "b" | "r" | "f", Some(q @ (b'\'' | b'"'))) if !loose => {
                self.dialect.python = true;
                return self.string(q).map(Value::String);
            }
            ("string" | "int" | "float" | "bool", Some(b'(')) => {
                if let Some(v) = self.var_dump_scalar(word) {
                    self.dialect.note(Notation::PhpVarDump);
                    return Ok(v);
                }
            }
            // Rust's and Scala's optional values (`Some("Ax7")`) stand for
            // what they hold; `None` is read as Python's.
            ("Some", Some(b'(')) => {
                let after_word = self.pos;
                self.pos += 1;
                self.skip_trivia();
                if let Ok(inner) = self.value(depth + 1, loose) {
                    self.skip_trivia();
                    // `{:#?}` ends the line inside with a comma.
                    if self.peek() == Some(b',') {
                        self.pos += 1;
                        self.skip_trivia();
                    }
                    if self.peek() == Some(b')') {
                        self.pos += 1;
                        return Ok(inner);
                    }
                }
                self.rewind(after_word);
            }
            ("Symbol", Some(b'(')) => {
                if let Some(end) = self.find_near(b')') {
                    self.dialect.note(Notation::NodeInspect);
                    self.pos += end + 1;
                    return Ok(Value::String(self.text[start..self.pos].to_string()));
                }
            }
            _ => {}
        }
        let value = self.typed(start, word, depth, loose);
        if value.is_err() && start + word.len() >= self.bytes.len() {
            // A word cut off by the end of the paste (`"is_transient": fal`).
            return Err(ParseError {
                offset: self.bytes.len(),
                expected: VALUE_EXPECTED,
                found: "end of input".to_string(),
            });
        }
        value
    }

    /// `int(190)`, `float(1.5)`, `bool(true)`, `string(3) "abc"`.
    fn var_dump_scalar(&mut self, word: &str) -> Option<Value> {
        let start = self.pos;
        let end = self.find_near(b')').map(|e| self.pos + e)?;
        let inner = self.text[start + 1..end].trim();
        self.work += end - start;
        let value = match word {
            "int" | "float" => Value::Number(number_from(inner)?),
            "bool" => Value::Bool(inner == "true"),
            _ => {
                let declared: usize = inner.parse().ok()?;
                let mut at = end + 1;
                while matches!(self.bytes.get(at), Some(b' ' | b'\t')) {
                    at += 1;
                }
                if self.bytes.get(at) != Some(&b'"') {
                    return None;
                }
                let body = at + 1;
                // The declared length lets quotes inside the string be read right.
                if self.bytes.get(body + declared) == Some(&b'"')
                    && self.text.is_char_boundary(body + declared)
                {
                    self.pos = body + declared + 1;
                    return Some(Value::String(self.text[body..body + declared].to_string()));
                }
                // The length does not fit (the text was edited): up to the last quote on the line.
                let line_end = self.text[body..]
                    .find('\n')
                    .map_or(self.bytes.len(), |e| body + e);
                self.work += line_end - body;
                let close = self.text[body..line_end].rfind('"').map(|q| body + q);
                return match close {
                    Some(close) => {
                        self.pos = close + 1;
                        Some(Value::String(self.text[body..close].to_string()))
                    }
                    None => {
                        self.dialect.truncated = true;
                        self.pos = line_end;
                        Some(Value::String(self.text[body..line_end].to_string()))
                    }
                };
            }
        };
        self.pos = end + 1;
        Some(value)
    }

    /// A type name followed by decorations (`(1)`, `#12`, `:3`, `[Tag]`,
    /// `Object`) and a container: the name is dropped, the notation noted.
    fn typed(
        &mut self,
        start: usize,
        word: &str,
        depth: usize,
        loose: bool,
    ) -> Result<Value, ParseError> {
        let mut print_r = matches!(word, "Array" | "Object");
        let mut php_dump = false;
        let mut symfony = false;
        let mut tagged = false;
        let mut spaced = false;
        let mut decorated = false;
        for _ in 0..8 {
            let before = self.pos;
            if print_r {
                self.skip_trivia();
            } else {
                self.skip_inline_space();
            }
            let space_here = self.pos > before;
            spaced |= space_here;
            // A list or call right after a plain word and a space is prose,
            // not a container (`OAuthException [code] =>`, `settle (/app…)`).
            let opener_fits = !space_here || decorated || print_r || word == "array";
            // `Name {` is Node's; in Go's lists a word and a struct follow each other.
            let brace_fits =
                !space_here || decorated || self.dialect.notation != Some(Notation::GoFormat);
            match self.peek() {
                Some(b'(') if self.group_before_opener() => {
                    decorated = true;
                    if word == "array" || word == "object" {
                        php_dump = true;
                    }
                }
                Some(b'#')
                    if word == "object" && self.peek_at(1).is_some_and(|b| b.is_ascii_digit()) =>
                {
                    decorated = true;
                    self.pos += 1;
                    while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                        self.pos += 1;
                    }
                }
                Some(b':') if self.peek_at(1).is_some_and(|b| b.is_ascii_digit()) => {
                    symfony = true;
                    decorated = true;
                    self.pos += 1;
                    while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                        self.pos += 1;
                    }
                }
                Some(b'[')
                    if self.peek_at(1).is_some_and(|b| b.is_ascii_uppercase())
                        && self.dialect.notation != Some(Notation::GoFormat)
                        && self.tag_before_opener() =>
                {
                    tagged = true;
                    decorated = true;
                }
                Some(b'O') if self.rest_starts_with("Object") => {
                    self.pos += "Object".len();
                    print_r = true;
                }
                Some(b'{') if brace_fits => {
                    self.pos += 1;
                    let flavor = match word {
                        _ if php_dump => {
                            self.dialect.note(Notation::PhpVarDump);
                            Flavor::Php
                        }
                        "Set" => {
                            self.dialect.note(Notation::NodeInspect);
                            Flavor::Set
                        }
                        _ => {
                            if spaced || tagged || word == "Map" {
                                self.dialect.note(Notation::NodeInspect);
                            } else {
                                self.dialect.note(Notation::JavaToString);
                            }
                            if symfony {
                                self.dialect.note(Notation::SymfonyDump);
                            }
                            Flavor::Typed
                        }
                    };
                    let loose = loose || flavor == Flavor::Typed && !spaced;
                    return self.container(b'}', flavor, loose, depth);
                }
                Some(b'[') if opener_fits => {
                    self.pos += 1;
                    let flavor = if word == "map" {
                        self.dialect.note(Notation::GoFormat);
                        Flavor::GoMap
                    } else if symfony || word == "array" {
                        self.dialect.note(Notation::SymfonyDump);
                        Flavor::Php
                    } else {
                        Flavor::Plain
                    };
                    return self.container(b']', flavor, loose || word == "map", depth);
                }
                Some(b'(') if opener_fits => {
                    self.pos += 1;
                    if print_r {
                        self.dialect.note(Notation::PhpPrintR);
                        return self.container(b')', Flavor::PrintR, true, depth);
                    }
                    if word == "array" {
                        self.dialect.note(Notation::PhpVarExport);
                        let outer = self.php_strings;
                        self.php_strings = true;
                        let value = self.container(b')', Flavor::Php, loose, depth);
                        self.php_strings = outer;
                        return value;
                    }
                    self.dialect.note(Notation::JavaToString);
                    return self.container(b')', Flavor::Typed, true, depth);
                }
                _ => break,
            }
        }
        self.rewind(start);
        Err(self.error(VALUE_EXPECTED))
    }

    /// A short `(…)` on one line followed by another opener: `array(1) {`,
    /// `object(stdClass)#1 (2) {`, `Map(2) {`. Consumes it if so.
    fn group_before_opener(&mut self) -> bool {
        let start = self.pos;
        let limit = (start + LOOKAHEAD).min(self.bytes.len());
        let Some(close) = self.bytes[start + 1..limit]
            .iter()
            .position(|b| !(is_ident_continue(*b) || matches!(b, b'\\' | b'=')))
            .map(|p| start + 1 + p)
            .filter(|c| self.bytes[*c] == b')')
        else {
            self.work += limit - start;
            return false;
        };
        let mut after = close + 1;
        while matches!(self.bytes.get(after), Some(b' ' | b'\t')) {
            after += 1;
        }
        self.work += after - start;
        let opener_follows = match self.bytes.get(after) {
            Some(b'{' | b'[' | b'(') => true,
            Some(b'#') => self
                .bytes
                .get(after + 1)
                .is_some_and(|b| b.is_ascii_digit()),
            _ => false,
        };
        if opener_follows {
            self.pos = close + 1;
        }
        opener_follows
    }

    /// Node's `[Tag]` between a name and its brace: `Object [AxiosHeaders] {`.
    fn tag_before_opener(&mut self) -> bool {
        let start = self.pos;
        let limit = (start + LOOKAHEAD).min(self.bytes.len());
        let Some(close) = self.bytes[start + 1..limit]
            .iter()
            .position(|b| !(is_ident_continue(*b) || *b == b' ' || *b == b'.'))
            .map(|p| start + 1 + p)
            .filter(|c| self.bytes[*c] == b']' && *c > start + 1)
        else {
            self.work += limit - start;
            return false;
        };
        let mut after = close + 1;
        while matches!(self.bytes.get(after), Some(b' ' | b'\t')) {
            after += 1;
        }
        self.work += after - start;
        if matches!(self.bytes.get(after), Some(b'{' | b'[')) {
            self.pos = after;
            true
        } else {
            false
        }
    }

    /// A quoted string and, in Node's output, the strings joined to it by
    /// `+` across lines.
    fn string_value(&mut self, quote: u8) -> Result<Value, ParseError> {
        let mut out = self.string(quote)?;
        loop {
            if matches!(self.peek(), Some(b',' | b':' | b'}' | b']' | b')') | None) {
                break;
            }
            let save = self.pos;
            self.skip_trivia();
            if self.adjacent_literal(quote, save, &mut out)? {
                continue;
            }
            if self.peek() != Some(b'+') {
                self.rewind(save);
                break;
            }
            self.pos += 1;
            self.skip_trivia();
            match self.peek() {
                Some(q @ (b'\'' | b'"' | b'`')) => {
                    self.dialect.note(Notation::NodeInspect);
                    out.push_str(&self.string(q)?);
                }
                _ => {
                    self.rewind(save);
                    break;
                }
            }
        }
        Ok(Value::String(out))
    }

    /// Python's implicit concatenation, as `pprint` splits a long string
    /// over lines (`'more '\n 'than 24 hours'`): a quoted string on a later
    /// line that is not a key. `save` is where the previous string ended;
    /// the caller has skipped the space after it.
    fn adjacent_literal(
        &mut self,
        quote: u8,
        save: usize,
        out: &mut String,
    ) -> Result<bool, ParseError> {
        let next_quote = match self.peek() {
            Some(q @ (b'\'' | b'"')) if matches!(quote, b'\'' | b'"') => q,
            _ => return Ok(false),
        };
        // On one line, quoted strings side by side are a list's items
        // (Go's `%q`), not one string.
        if !self.bytes[save..self.pos].contains(&b'\n') {
            return Ok(false);
        }
        let piece = match self.string(next_quote) {
            Ok(piece) => piece,
            Err(_) => {
                self.rewind(save);
                return Ok(false);
            }
        };
        let after_piece = self.pos;
        self.skip_trivia();
        let continues = matches!(
            self.peek(),
            None | Some(b',' | b'}' | b']' | b')' | b'\'' | b'"')
        );
        if !continues {
            self.rewind(save);
            return Ok(false);
        }
        self.rewind(after_piece);
        self.dialect.python = true;
        out.push_str(&piece);
        Ok(true)
    }

    fn string(&mut self, quote: u8) -> Result<String, ParseError> {
        self.pos += 1;
        let multiline = quote == b'`' || (quote == b'\'' && self.php_strings);
        let php = quote == b'\'' && self.php_strings;
        let mut out = String::new();
        loop {
            // Copy the run of plain characters in one go.
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == quote || b == b'\\' || (b == b'\n' && !multiline) {
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
                Some(b'\\') if php => match self.peek_at(1) {
                    Some(b @ (b'\\' | b'\'')) => {
                        out.push(b as char);
                        self.pos += 2;
                    }
                    _ => {
                        out.push('\\');
                        self.pos += 1;
                    }
                },
                Some(b'\\') => {
                    if self.pos + 1 >= self.bytes.len() {
                        self.pos = self.bytes.len();
                        self.dialect.truncated = true;
                        return Ok(out);
                    }
                    self.escape(&mut out)?
                }
                None => {
                    // Cut off inside the string: keep what is there.
                    self.dialect.truncated = true;
                    return Ok(out);
                }
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
            b'e' => out.push('\u{1b}'),
            // Ruby's `\u{1F600}`.
            b'u' if self.peek() == Some(b'{') => {
                let end = self
                    .find_near(b'}')
                    .filter(|e| *e <= 8)
                    .ok_or_else(|| self.error("hexadecimal digits in the escape"))?;
                let digits = &self.text[self.pos + 1..self.pos + end];
                let code = u32::from_str_radix(digits, 16)
                    .map_err(|_| self.error("hexadecimal digits in the escape"))?;
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                self.pos += end + 1;
            }
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
        if end > self.bytes.len() {
            self.pos = self.bytes.len();
            return Err(self.error("hexadecimal digits in the escape"));
        }
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
        if self.rest_starts_with("Infinity") {
            self.pos += "Infinity".len();
            self.dialect.javascript = true;
            return Ok(Value::Null);
        }
        match number_from(&self.text[start..self.pos]) {
            Some(n) => Ok(Value::Number(n)),
            // Cut off inside the number (`-`, `1e`): reported at the end.
            None if self.at_end() => Err(self.error("a number")),
            None => {
                self.pos = start;
                Err(self.error("a number"))
            }
        }
    }
}

/// A key as written (`"error"`, `:error`, `@error`, `[error:protected]`,
/// `["error"]`), as a path names it.
fn key_name(token: &str) -> &str {
    let name = token.trim_matches(|c| {
        matches!(
            c,
            '[' | ']' | '"' | '\'' | '`' | '@' | ':' | '+' | '#' | '-'
        )
    });
    match name.find(['"', ':']) {
        Some(end) if end > 0 => &name[..end],
        _ => name,
    }
}

/// Field names of SDK error objects and the Graph names they stand for
/// (the Facebook Android SDK's `FacebookRequestError.toString`).
const SDK_FIELD_NAMES: &[(&str, &str)] = &[
    ("errorCode", "code"),
    ("subErrorCode", "error_subcode"),
    ("errorType", "type"),
    ("errorMessage", "message"),
    ("errorUserTitle", "error_user_title"),
    ("errorUserMessage", "error_user_msg"),
];

/// `ErrorSubcode` → `error_subcode`, `FbtraceID` → `fbtrace_id`,
/// `HTTPStatus` → `http_status`: Go and Java field names to Graph's JSON names.
pub(super) fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1);
            let starts_word = prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
                || (prev.is_some_and(|p| p.is_ascii_uppercase())
                    && next.is_some_and(|n| n.is_ascii_lowercase()));
            if starts_word && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(*c);
        }
    }
    out
}

fn number_from(raw: &str) -> Option<Number> {
    let cleaned: String;
    let raw = if raw.contains(['_', '+']) {
        cleaned = raw.chars().filter(|c| *c != '_' && *c != '+').collect();
        cleaned.as_str()
    } else {
        raw
    };
    if raw.is_empty() || raw.ends_with('.') && raw.len() == 1 {
        return None;
    }
    if let Ok(n) = raw.parse::<u64>() {
        return Some(n.into());
    }
    if let Ok(n) = raw.parse::<i64>() {
        return Some(n.into());
    }
    raw.parse::<f64>().ok().and_then(Number::from_f64)
}

/// The length and kind of a placeholder at the start of `bytes`.
fn placeholder_len(bytes: &[u8]) -> Option<(usize, Placeholder)> {
    let run = |b: u8| bytes.iter().take_while(|c| **c == b).count();
    let word_end = |len: usize| {
        bytes
            .get(len)
            .is_none_or(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
    };
    match bytes.first()? {
        b'.' => {
            let dots = run(b'.');
            if dots < 3 {
                return None;
            }
            // Node's `... 12 more items` / `... 1 more item`.
            let rest = &bytes[dots..];
            let digits = rest
                .iter()
                .skip(1)
                .take_while(|b| b.is_ascii_digit())
                .count();
            if rest.first() == Some(&b' ') && digits > 0 {
                let tail = &rest[1 + digits..];
                for words in [
                    &b" more items"[..],
                    b" more item",
                    b" more properties",
                    b" more bytes",
                ] {
                    if tail.starts_with(words) {
                        return Some((dots + 1 + digits + words.len(), Placeholder::Hidden));
                    }
                }
            }
            Some((dots, Placeholder::Elided))
        }
        b'x' | b'X' => {
            let len = bytes
                .iter()
                .take_while(|c| matches!(c, b'x' | b'X'))
                .count();
            (len >= 3 && word_end(len)).then_some((len, Placeholder::Elided))
        }
        b'*' => {
            let len = run(b'*');
            if bytes[len..].starts_with(b"RECURSION*") {
                return Some((len + "RECURSION*".len(), Placeholder::Hidden));
            }
            (len >= 3).then_some((len, Placeholder::Elided))
        }
        b'R' | b'r' => {
            let word = bytes.get(..8)?;
            (word.eq_ignore_ascii_case(b"redacted") && word_end(8))
                .then_some((8, Placeholder::Elided))
        }
        0xe2 if bytes.starts_with("…".as_bytes()) => Some((3, Placeholder::Elided)),
        open @ (b'[' | b'{' | b'(' | b'<') => {
            let close = match open {
                b'[' => b']',
                b'{' => b'}',
                b'(' => b')',
                _ => b'>',
            };
            let end = bytes.iter().position(|b| *b == close)?;
            let inner = &bytes[1..end];
            let elided = match inner {
                b"..." | b"\xe2\x80\xa6" => true,
                _ if *open == b'[' => inner.eq_ignore_ascii_case(b"redacted"),
                // `<redacted>`, `<TOKEN>`, `<your access token>`, `<PHONE_NUMBER_ID>`.
                _ if *open == b'<' => {
                    !inner.is_empty()
                        && inner.len() <= 40
                        && inner[0].is_ascii_alphabetic()
                        && !inner.starts_with(b"ref ")
                        && !inner.starts_with(b"Buffer")
                        && inner != b"nil"
                        && inner.iter().all(|b| {
                            b.is_ascii_alphanumeric() || matches!(b, b'_' | b' ' | b'-' | b'.')
                        })
                }
                _ => false,
            };
            elided.then_some((end + 1, Placeholder::Elided))
        }
        _ => None,
    }
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$'
}

fn is_ident_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// Unquoted keys may carry `-` and `.` inside (`Content-Type` in a Go map).
fn is_key_continue(b: u8) -> bool {
    is_ident_continue(b) || b == b'-' || b == b'.'
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
mod props;

#[cfg(test)]
mod tests;
