//! Push-based log reading for the triage worker: the page sends a file in
//! chunks, and this reads them as `scopelens triage` reads a file, with the
//! same results:
//!
//! - gzip (any number of members) is recognised by its magic bytes and
//!   decompressed on the fly;
//! - a log whose first non-blank byte is `[` is one JSON array, read element
//!   by element without holding it whole (the first invalid element stops
//!   it, and its line is reported as unreadable);
//! - anything else is read line by line (JSON Lines, text logs with JSON on
//!   their lines), and a lone `{` or `[` line starts a pretty-printed
//!   document gathered until it parses;
//! - a line split between two chunks is carried over to the next one.
//!
//! Line numbers count every line of the input from 1, blank ones included.

use scopelens_core::input::MAX_INPUT_BYTES;
use scopelens_core::triage::{GroupBy, Triage};
use serde_json::Value;
use std::io::{self, Write};

/// A log being read.
pub struct TriageStream {
    state: State,
    /// Input bytes taken so far (compressed bytes for gzip).
    pub read: u64,
    /// Why reading stopped early, if it did.
    pub error: Option<String>,
}

enum State {
    /// Fewer than two bytes seen: gzip or not is still open.
    Sniff(Vec<u8>, Reader),
    Plain(Reader),
    Gzip(Box<flate2::write::MultiGzDecoder<Reader>>),
    /// Transitional placeholder.
    Taken,
}

impl TriageStream {
    pub fn new(by: &[GroupBy]) -> TriageStream {
        TriageStream {
            state: State::Sniff(Vec::new(), Reader::new(by)),
            read: 0,
            error: None,
        }
    }

    pub fn push(&mut self, bytes: &[u8]) {
        if self.error.is_some() {
            return;
        }
        self.read += bytes.len() as u64;
        match std::mem::replace(&mut self.state, State::Taken) {
            State::Sniff(mut head, reader) => {
                head.extend_from_slice(bytes);
                if head.len() < 2 {
                    self.state = State::Sniff(head, reader);
                } else {
                    self.state = if head[..2] == [0x1f, 0x8b] {
                        State::Gzip(Box::new(flate2::write::MultiGzDecoder::new(reader)))
                    } else {
                        State::Plain(reader)
                    };
                    self.feed(&head);
                }
            }
            other => {
                self.state = other;
                self.feed(bytes);
            }
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        match &mut self.state {
            State::Plain(reader) => reader.push(bytes),
            State::Gzip(decoder) => {
                if let Err(e) = decoder.write_all(bytes) {
                    self.error = Some(gzip_error(&e));
                }
            }
            State::Sniff(..) | State::Taken => {}
        }
    }

    /// Ends the input and returns the counts.
    pub fn finish(mut self) -> (Triage, Option<String>) {
        let mut reader = match std::mem::replace(&mut self.state, State::Taken) {
            State::Sniff(head, mut reader) => {
                reader.push(&head);
                reader
            }
            State::Plain(reader) => reader,
            State::Gzip(mut decoder) => {
                if self.error.is_none() {
                    if let Err(e) = decoder.try_finish() {
                        self.error = Some(gzip_error(&e));
                    }
                }
                // Whatever was decompressed before a problem still counts.
                let _ = decoder.flush();
                std::mem::replace(decoder.get_mut(), Reader::new(&[]))
            }
            State::Taken => Reader::new(&[]),
        };
        reader.finish();
        (reader.triage, self.error)
    }
}

fn gzip_error(e: &io::Error) -> String {
    format!(
        "The gzip data is damaged or cut short ({e}); the counts cover the part before the damage."
    )
}

/// Reads plain (decompressed) bytes.
struct Reader {
    triage: Triage,
    mode: Mode,
    /// The unfinished last line (line mode).
    carry: Vec<u8>,
    /// Lines finished so far.
    line_no: u64,
    /// A pretty-printed document being gathered: its first line and text.
    pending: Option<(u64, String)>,
    array: ArraySplit,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Only blank space so far.
    Detect,
    Lines,
    Array,
}

impl Write for Reader {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.push(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Reader {
    fn new(by: &[GroupBy]) -> Reader {
        Reader {
            triage: Triage::new(by),
            mode: Mode::Detect,
            carry: Vec::new(),
            line_no: 0,
            pending: None,
            array: ArraySplit::default(),
        }
    }

    fn push(&mut self, mut bytes: &[u8]) {
        if self.mode == Mode::Detect {
            match bytes.iter().position(|b| !b.is_ascii_whitespace()) {
                None => {
                    // Blank lines before the first content: numbered, not counted.
                    self.line_no += bytes.iter().filter(|b| **b == b'\n').count() as u64;
                    return;
                }
                Some(at) => {
                    let blank = &bytes[..at];
                    let newlines = blank.iter().filter(|b| **b == b'\n').count() as u64;
                    self.line_no += newlines;
                    if bytes[at] == b'[' {
                        self.mode = Mode::Array;
                        self.array.line = self.line_no + 1;
                    } else {
                        self.mode = Mode::Lines;
                    }
                    // Keep the start of the first line (its indentation is harmless).
                    let line_start = blank.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
                    bytes = &bytes[line_start..];
                }
            }
        }
        match self.mode {
            Mode::Array => self.array.push(bytes, &mut self.triage),
            Mode::Lines => self.push_lines(bytes),
            Mode::Detect => {}
        }
    }

    fn push_lines(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while let Some(end) = rest.iter().position(|b| *b == b'\n') {
            let (line, tail) = rest.split_at(end + 1);
            if self.carry.is_empty() {
                self.line(line);
            } else {
                let mut whole = std::mem::take(&mut self.carry);
                whole.extend_from_slice(line);
                self.line(&whole);
                whole.clear();
                self.carry = whole;
            }
            rest = tail;
        }
        self.carry.extend_from_slice(rest);
    }

    /// One line, as `scopelens triage` reads it.
    fn line(&mut self, bytes: &[u8]) {
        self.line_no += 1;
        let text = String::from_utf8_lossy(bytes);
        if let Some((start, doc)) = self.pending.as_mut() {
            doc.push_str(&text);
            if let Ok(value) = serde_json::from_str::<Value>(doc) {
                self.triage.lines += 1;
                self.triage.add_value(&value, None);
                self.pending = None;
            } else if doc.len() > MAX_INPUT_BYTES {
                self.triage.mark_unreadable(*start);
                self.pending = None;
            }
            return;
        }
        let trimmed = text.trim();
        // A pretty-printed document starts with a lone `{` or `[` line.
        if (trimmed == "{" || trimmed == "[") && !text.trim_end().ends_with('}') {
            self.pending = Some((self.line_no, text.into_owned()));
            return;
        }
        self.triage.add_line(self.line_no, &text);
    }

    fn finish(&mut self) {
        match self.mode {
            Mode::Lines => {
                if !self.carry.is_empty() {
                    let last = std::mem::take(&mut self.carry);
                    self.line(&last);
                }
                if let Some((start, _)) = self.pending.take() {
                    self.triage.mark_unreadable(start);
                }
            }
            Mode::Array => self.array.finish(&mut self.triage),
            Mode::Detect => {}
        }
    }
}

/// Splits a top-level JSON array into its elements as bytes arrive.
#[derive(Default)]
struct ArraySplit {
    state: ArrayState,
    /// The current element's bytes.
    element: Vec<u8>,
    /// The line the current element starts on.
    element_line: u64,
    depth: u32,
    in_string: bool,
    escaped: bool,
    /// The current line number.
    line: u64,
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum ArrayState {
    /// Before the `[`.
    #[default]
    Start,
    /// After `[`: an element or `]`.
    Open,
    /// After `,`: an element.
    Next,
    InElement,
    /// After an element: `,` or `]`.
    After,
    Closed,
    Failed,
}

impl ArraySplit {
    fn push(&mut self, bytes: &[u8], triage: &mut Triage) {
        use ArrayState::*;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match self.state {
                Closed | Failed => return,
                Start => match b {
                    b'[' => self.state = Open,
                    _ if b.is_ascii_whitespace() => {}
                    _ => self.fail(triage, self.line),
                },
                Open | Next if b.is_ascii_whitespace() => {}
                Open if b == b']' => self.state = Closed,
                Open | Next => {
                    self.element.clear();
                    self.depth = 0;
                    self.in_string = false;
                    self.escaped = false;
                    self.element_line = self.line;
                    self.state = InElement;
                    continue; // the byte belongs to the element
                }
                InElement => {
                    if !self.element_byte(b, triage) {
                        continue; // the byte ended a bare value: read it as a separator
                    }
                }
                After => match b {
                    b',' => self.state = Next,
                    b']' => self.state = Closed,
                    _ if b.is_ascii_whitespace() => {}
                    _ => self.fail(triage, self.line),
                },
            }
            if b == b'\n' {
                self.line += 1;
            }
            i += 1;
        }
    }

    /// Takes one byte of an element; `false` when the byte was not taken
    /// (it ends a bare value and must be read again as a separator).
    fn element_byte(&mut self, b: u8, triage: &mut Triage) -> bool {
        if self.in_string {
            self.element.push(b);
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
                if self.depth == 0 {
                    self.complete(triage);
                }
            }
            return true;
        }
        match b {
            b'"' => {
                self.element.push(b);
                self.in_string = true;
            }
            b'{' | b'[' => {
                self.element.push(b);
                self.depth += 1;
            }
            b'}' | b']' if self.depth > 0 => {
                self.element.push(b);
                self.depth -= 1;
                if self.depth == 0 {
                    self.complete(triage);
                }
            }
            b',' | b'}' | b']' if self.depth == 0 => {
                self.complete(triage);
                return false;
            }
            _ if b.is_ascii_whitespace() && self.depth == 0 => {
                self.complete(triage);
                return false;
            }
            _ => self.element.push(b),
        }
        true
    }

    fn complete(&mut self, triage: &mut Triage) {
        match serde_json::from_slice::<Value>(&self.element) {
            Ok(value) => {
                triage.lines += 1;
                triage.add_value(&value, None);
                self.state = ArrayState::After;
            }
            Err(e) => {
                let line = self.element_line + (e.line() as u64).max(1) - 1;
                self.fail(triage, line);
            }
        }
        self.element.clear();
    }

    fn fail(&mut self, triage: &mut Triage, line: u64) {
        triage.mark_unreadable(line);
        self.state = ArrayState::Failed;
    }

    fn finish(&mut self, triage: &mut Triage) {
        match self.state {
            ArrayState::Closed | ArrayState::Failed => {}
            ArrayState::InElement if self.depth == 0 && !self.in_string => {
                // A bare value at the very end, then the input stops without `]`.
                self.complete(triage);
                if self.state == ArrayState::After {
                    self.fail(triage, self.line);
                }
            }
            _ => self.fail(triage, self.line),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scopelens_core::triage::TriageReport;

    const BY: [GroupBy; 1] = [GroupBy::Code];

    /// The reference: every line through `Triage::add_line`, as the CLI reads JSON Lines.
    fn by_lines(text: &str) -> TriageReport {
        let mut t = Triage::new(&BY);
        for (i, line) in text.split_inclusive('\n').enumerate() {
            t.add_line(i as u64 + 1, line);
        }
        t.report()
    }

    fn streamed(bytes: &[u8], chunk: usize) -> (TriageReport, Option<String>) {
        let mut s = TriageStream::new(&BY);
        for part in bytes.chunks(chunk.max(1)) {
            s.push(part);
        }
        let (t, err) = s.finish();
        (t.report(), err)
    }

    fn counts(r: &TriageReport) -> Vec<(String, u64)> {
        let mut v: Vec<(String, u64)> = r
            .groups
            .iter()
            .map(|g| (g.key["code"].to_string(), g.count))
            .collect();
        v.sort();
        v
    }

    fn same(a: &TriageReport, b: &TriageReport) {
        assert_eq!(counts(a), counts(b));
        assert_eq!(a.total_errors, b.total_errors);
        assert_eq!(a.lines, b.lines);
        assert_eq!(a.unreadable_lines, b.unreadable_lines);
        assert_eq!(a.unreadable_line_numbers, b.unreadable_line_numbers);
    }

    fn log(bytes: u64, malformed_every: u64) -> (Vec<u8>, scopelens_loggen::Expected) {
        let mut out = Vec::new();
        let expected = scopelens_loggen::generate(
            &mut out,
            scopelens_loggen::Options {
                target_bytes: bytes,
                seed: 11,
                malformed_every,
            },
        )
        .expect("generate");
        (out, expected)
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn json_lines_in_any_chunking_give_the_generators_counts() {
        let (bytes, expected) = log(200_000, 37);
        let reference = by_lines(std::str::from_utf8(&bytes).unwrap());
        for chunk in [1, 7, 1000, 65_536, bytes.len()] {
            let (report, err) = streamed(&bytes, chunk);
            assert_eq!(err, None);
            same(&report, &reference);
            assert_eq!(report.total_errors, expected.total_errors);
            assert_eq!(report.unreadable_line_numbers, expected.unreadable_lines);
            let by_code: Vec<(String, u64)> = expected
                .by_code
                .iter()
                .map(|(c, n)| (c.to_string(), *n))
                .collect();
            let mut by_code = by_code;
            by_code.sort();
            assert_eq!(counts(&report), by_code);
        }
    }

    #[test]
    fn gzip_single_and_multi_member_give_the_same_counts() {
        let (bytes, _) = log(150_000, 50);
        let (plain, _) = streamed(&bytes, bytes.len());
        let gz = gzip(&bytes);
        for chunk in [3, 4096, gz.len()] {
            let (report, err) = streamed(&gz, chunk);
            assert_eq!(err, None);
            same(&report, &plain);
        }
        let half = bytes.len() / 2;
        let cut = half + bytes[half..].iter().position(|b| *b == b'\n').unwrap() + 1;
        let mut two = gzip(&bytes[..cut]);
        two.extend(gzip(&bytes[cut..]));
        let (report, err) = streamed(&two, 1000);
        assert_eq!(err, None);
        same(&report, &plain);
    }

    #[test]
    fn damaged_gzip_says_so_and_keeps_what_was_read() {
        let (bytes, _) = log(100_000, 0);
        let gz = gzip(&bytes);
        let (report, err) = streamed(&gz[..gz.len() / 2], 4096);
        assert!(err.as_deref().unwrap_or("").contains("gzip"), "{err:?}");
        assert!(report.total_errors > 0);
        let mut broken = gz.clone();
        broken[gz.len() / 2] ^= 0xff;
        broken[gz.len() / 2 + 1] ^= 0x55;
        let (_, err) = streamed(&broken, 4096);
        assert!(err.is_some());
    }

    #[test]
    fn blank_lines_are_numbered_and_partial_last_line_counts() {
        let text = "\n\n{\"error\":{\"code\":190,\"message\":\"x\"}}\nnot json at all {\n{\"error\":{\"code\":100,\"message\":\"y\"}}";
        for chunk in [1, 2, 5, text.len()] {
            let (report, _) = streamed(text.as_bytes(), chunk);
            same(&report, &by_lines(text));
            assert_eq!(report.total_errors, 2);
            assert_eq!(report.unreadable_line_numbers, vec![4]);
        }
    }

    #[test]
    fn pretty_printed_documents_are_gathered() {
        let text = "{\n  \"error\": {\n    \"code\": 190,\n    \"message\": \"expired\"\n  }\n}\n{\"error\":{\"code\":4,\"message\":\"limit\"}}\n{\n  \"never\": \"closed\"\n";
        for chunk in [1, 3, text.len()] {
            let (report, _) = streamed(text.as_bytes(), chunk);
            assert_eq!(counts(&report), vec![("190".into(), 1), ("4".into(), 1)]);
            assert_eq!(report.lines, 2);
            assert_eq!(report.unreadable_line_numbers, vec![8]);
        }
    }

    #[test]
    fn arrays_are_read_element_by_element() {
        let (bytes, expected) = log(60_000, 0);
        let elements: Vec<&str> = std::str::from_utf8(&bytes).unwrap().lines().collect();
        let array = format!(
            "  \n[\n  {},\n  \"text\", 12, null, true,\n  [{}]\n]\ntrailing",
            elements.join(",\n  "),
            elements[0]
        );
        let first_code = by_lines(elements[0]).total_errors;
        for chunk in [1, 9, 4096, array.len()] {
            let (report, err) = streamed(array.as_bytes(), chunk);
            assert_eq!(err, None);
            assert_eq!(report.total_errors, expected.total_errors + first_code);
            assert_eq!(report.unreadable_lines, 0);
            assert_eq!(report.lines, elements.len() as u64 + 5);
        }
        // The first bad element stops the array; its line is reported.
        let bad = "[\n{\"error\":{\"code\":190,\"message\":\"a\"}},\n{\"error\": {\"code\": 4,,}},\n{\"error\":{\"code\":100,\"message\":\"b\"}}\n]";
        for chunk in [1, 4, bad.len()] {
            let (report, _) = streamed(bad.as_bytes(), chunk);
            assert_eq!(report.total_errors, 1);
            assert_eq!(report.unreadable_line_numbers, vec![3]);
        }
        // Cut short.
        let (report, _) = streamed(b"[{\"error\":{\"code\":190,\"message\":\"a\"}},\n{\"err", 3);
        assert_eq!(report.total_errors, 1);
        assert_eq!(report.unreadable_line_numbers, vec![2]);
        let (report, _) = streamed(b"[]", 1);
        assert_eq!((report.lines, report.unreadable_lines), (0, 0));
        let (report, _) = streamed(b"[1, 2", 1);
        assert_eq!((report.lines, report.unreadable_lines), (2, 1));
    }

    #[test]
    fn empty_and_tiny_inputs() {
        for input in [&b""[..], b"x", b"\n", b"{", b"\x1f"] {
            let (report, err) = streamed(input, 1);
            assert_eq!(report.total_errors, 0);
            assert!(err.is_none());
        }
    }
}
