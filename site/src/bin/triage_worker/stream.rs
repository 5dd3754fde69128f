//! Push-based log reading for the triage worker: the page sends a file in
//! chunks, and this reads them as `scopelens triage` reads a file, with the
//! same results, since both read with the core's
//! [`scopelens_core::triage::LogReader`] (arrays element by element, lines,
//! pretty-printed documents, records past the size limit skipped). Here
//! gzip (any number of members) is recognised by its magic bytes and
//! decompressed on the fly.

use scopelens_core::triage::{GroupBy, LogReader as Reader, Triage};
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
        let reader = match std::mem::replace(&mut self.state, State::Taken) {
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
        (reader.finish(), self.error)
    }
}

fn gzip_error(e: &io::Error) -> String {
    format!(
        "The gzip data is damaged or cut short ({e}); the counts cover the part before the damage."
    )
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
        let text = "\n\n{\"error\":{\"code\":190,\"message\":\"x\"}}\n{\"not\": json at all\n{\"error\":{\"code\":100,\"message\":\"y\"}}";
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
