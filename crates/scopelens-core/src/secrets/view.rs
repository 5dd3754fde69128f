//! A decoded reading of a paste: JSON, Python and shell backslash escapes,
//! URL-encoding and HTML character references undone (repeatedly, for text
//! escaped twice), zero-width characters dropped and look-alike letters
//! read as the ASCII letters they imitate. Every byte of the reading
//! remembers the raw bytes it came from, so that a secret found in the
//! reading is removed from the raw text, escapes and all.

use crate::escapes::{backslash_escape, character_reference, percent_escape};

/// How many times escapes are undone: enough for a value escaped inside a
/// string inside a string inside a JSON document, with an escape of its
/// own (`\\\\\\\\u0045AA…`).
const MAX_LAYERS: usize = 4;

pub(super) struct View {
    pub text: String,
    /// For each byte of `text`, the raw byte range it was decoded from.
    origin: Vec<(u32, u32)>,
}

impl View {
    /// Calls `read` with each decoded reading of `raw`: escapes undone
    /// once, then again on the result, and so on while anything changes, up
    /// to [`MAX_LAYERS`]. Most pastes have nothing to decode and are not
    /// copied at all. Each reading is needed: a value escaped twice inside
    /// a string escaped once is only whole in the middle reading. A paste
    /// hard-wrapped at a fixed width is also read with the wraps undone,
    /// and that reading decoded in turn.
    pub fn each_layer(raw: &str, mut read: impl FnMut(&View)) {
        // Offsets are stored in 32 bits; inputs are capped far below that.
        if u32::try_from(raw.len()).is_err() {
            return;
        }
        decoded_layers(raw, None, &mut read);
        if let Some(unwrapped) = unwrap(raw) {
            read(&unwrapped);
            decoded_layers(&unwrapped.text, Some(&unwrapped), &mut read);
        }
    }

    #[cfg(test)]
    fn of(raw: &str) -> Option<View> {
        let mut last = None;
        View::each_layer(raw, |view| {
            last = Some(View {
                text: view.text.clone(),
                origin: view.origin.clone(),
            })
        });
        last
    }

    /// The raw byte range behind `start..end` of the reading. Both ends fall
    /// on character boundaries of the raw text, because every reading byte
    /// stands for a whole raw character or escape.
    pub fn raw_range(&self, start: usize, end: usize) -> (usize, usize) {
        let first = self.origin[start].0 as usize;
        let last = self.origin[end - 1].1 as usize;
        (first, last)
    }

    /// This reading of `previous.text`, expressed in `previous`'s raw offsets.
    fn through(self, previous: &View) -> View {
        let origin = self
            .origin
            .iter()
            .map(|(start, end)| {
                (
                    previous.origin[*start as usize].0,
                    previous.origin[*end as usize - 1].1,
                )
            })
            .collect();
        View {
            text: self.text,
            origin,
        }
    }
}

/// The decoded readings of `text`, which is `base`'s reading of the raw
/// text when there is a base.
fn decoded_layers(text: &str, base: Option<&View>, read: &mut impl FnMut(&View)) {
    let mut view: Option<View> = None;
    for _ in 0..MAX_LAYERS {
        let current = view.as_ref().map_or(text, |v| v.text.as_str());
        let Some(next) = decode(current) else {
            break;
        };
        let next = match view {
            None => next,
            Some(previous) => next.through(&previous),
        };
        let raw = match base {
            None => None,
            Some(base) => Some(
                View {
                    text: next.text.clone(),
                    origin: next.origin.clone(),
                }
                .through(base),
            ),
        };
        read(raw.as_ref().unwrap_or(&next));
        view = Some(next);
    }
}

/// Shortest width a hard wrap is recognised at.
const MIN_WRAP_WIDTH: usize = 60;
/// Widest.
const MAX_WRAP_WIDTH: usize = 200;

/// `raw` with hard wraps undone, if it was wrapped: every line of the
/// widest length ends in a wrap when at least two lines have that length
/// (a tool wrapping at a fixed width leaves all but the last line of a
/// paragraph exactly that wide).
fn unwrap(raw: &str) -> Option<View> {
    let (mut width, mut lines_that_wide) = (0, 0);
    for line in raw.split('\n') {
        // A line too long to be wrapped at any width we know means the
        // paste was not wrapped (and keeps this check cheap).
        if line.len() > 4 * MAX_WRAP_WIDTH {
            return None;
        }
        let chars = line.trim_end_matches('\r').chars().count();
        if chars > width {
            (width, lines_that_wide) = (chars, 0);
        }
        if chars == width {
            lines_that_wide += 1;
        }
    }
    if !(MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&width) || lines_that_wide < 2 {
        return None;
    }
    let mut view = View {
        text: String::with_capacity(raw.len()),
        origin: Vec::with_capacity(raw.len()),
    };
    let mut at = 0;
    for line in raw.split_inclusive('\n') {
        let body = line.trim_end_matches('\n').trim_end_matches('\r');
        for (i, c) in body.char_indices() {
            push(&mut view, c, at + i, at + i + c.len_utf8());
        }
        if body.chars().count() != width {
            for (i, c) in line[body.len()..].char_indices() {
                let from = at + body.len() + i;
                push(&mut view, c, from, from + 1);
            }
        }
        at += line.len();
    }
    Some(view)
}

/// One layer of decoding, or `None` if there is nothing to decode. The text
/// is first read without copying; most texts stop there.
fn decode(text: &str) -> Option<View> {
    let bytes = text.as_bytes();
    if !bytes
        .iter()
        .any(|b| matches!(b, b'\\' | b'%' | b'&') || *b >= 0x80)
    {
        return None;
    }
    let first = (0..bytes.len())
        .find(|at| decoded_at(text, *at).is_some_and(|(c, used)| changes(bytes, *at, c, used)))?;
    let mut view = View {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    for (i, c) in text[..first].char_indices() {
        push(&mut view, c, i, i + c.len_utf8());
    }
    let mut i = first;
    while i < bytes.len() {
        match decoded_at(text, i) {
            Some((decoded, used)) => {
                if let Some(c) = decoded {
                    push(&mut view, c, i, i + used);
                }
                i += used;
            }
            None => {
                push(&mut view, char::from(bytes[i]), i, i + 1);
                i += 1;
            }
        }
    }
    Some(view)
}

/// What the text at `at` reads as, if it is an escape or a character
/// beyond ASCII: the character (`None` for one that takes no space) and how
/// many bytes it takes. Look-alike letters are read as ASCII only next to
/// an ASCII letter, digit, `_` or `-`, so that text in Cyrillic or Greek reads as
/// itself.
fn decoded_at(text: &str, at: usize) -> Option<(Option<char>, usize)> {
    let bytes = text.as_bytes();
    match bytes[at] {
        b'\\' => backslash_escape(bytes, at).map(|(c, used)| (c.and_then(fold), used)),
        b'%' => percent_escape(bytes, at).map(|(c, used)| (c.and_then(fold), used)),
        b'&' => character_reference(bytes, at).map(|(c, used)| (c.and_then(fold), used)),
        b if b >= 0x80 => {
            let c = text.get(at..)?.chars().next()?;
            let used = c.len_utf8();
            let folded = fold(c);
            let beside_ascii = |b: Option<&u8>| {
                b.is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
            };
            let keep = folded.is_some_and(|f| f.is_ascii_alphanumeric())
                && !('\u{FF01}'..='\u{FF5E}').contains(&c)
                && !beside_ascii(at.checked_sub(1).and_then(|p| bytes.get(p)))
                && !beside_ascii(bytes.get(at + used));
            Some((if keep { Some(c) } else { folded }, used))
        }
        _ => None,
    }
}

/// Whether reading `decoded` at `at` changes the text.
fn changes(bytes: &[u8], at: usize, decoded: Option<char>, used: usize) -> bool {
    if bytes[at] < 0x80 {
        // An escape always stands for something shorter than itself.
        return true;
    }
    let mut buffer = [0u8; 4];
    decoded.is_none_or(|c| c.encode_utf8(&mut buffer).as_bytes() != &bytes[at..at + used])
}

fn push(view: &mut View, c: char, from: usize, to: usize) {
    view.text.push(c);
    for _ in 0..c.len_utf8() {
        view.origin.push((from as u32, to as u32));
    }
}

/// What a character reads as: `None` for characters that take no space
/// (zero-width spaces and joiners, the soft hyphen, the byte-order mark),
/// the ASCII letter a look-alike imitates, or the character itself.
fn fold(c: char) -> Option<char> {
    if matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
    ) {
        return None;
    }
    if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
        return char::from_u32(c as u32 - 0xFEE0);
    }
    let ascii = match c {
        // Cyrillic.
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'ԁ' => 'd',
        // Greek.
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        'ο' => 'o',
        'α' => 'a',
        'ν' => 'v',
        'ε' => 'e',
        'ι' => 'i',
        'κ' => 'k',
        'ρ' => 'p',
        'τ' => 't',
        'υ' => 'u',
        'χ' => 'x',
        'ѵ' => 'v',
        '\u{00A0}' => ' ',
        other => other,
    };
    Some(ascii)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &str) -> String {
        View::of(raw).map_or_else(|| raw.to_string(), |v| v.text)
    }

    #[test]
    fn every_escape_is_read_as_what_it_stands_for() {
        assert_eq!(read(r"\u0045AA"), "EAA");
        assert_eq!(read(r"\x45AA\x0c"), "EAA\u{c}");
        assert_eq!(read("&#69;&#x41;A &quot;k&quot;"), "EAA \"k\"");
        assert_eq!(read("access%255Ftoken%253D1"), "access_token=1");
        assert_eq!(read(r#"{\\\"a\\\":1}"#), r#"{"a":1}"#);
        assert_eq!(read("E\u{200B}A\u{00AD}A"), "EAA");
        assert_eq!(read("\u{0415}\u{0391}\u{FF21}"), "EAA");
        assert_eq!(read("%E2%80%8BEAA"), "EAA");
        assert_eq!(read(r"\ud83d\ude00"), "😀");
    }

    #[test]
    fn a_range_of_the_reading_maps_to_whole_raw_escapes() {
        let raw = r"x \u0045AA%257C y";
        let view = View::of(raw).unwrap();
        assert_eq!(view.text, "x EAA| y");
        let (start, end) = view.raw_range(2, 6);
        assert_eq!(&raw[start..end], r"\u0045AA%257C");
    }

    #[test]
    fn plain_text_is_not_copied() {
        assert!(View::of(r#"{"error":{"code":190}}"#).is_none());
        assert!(View::of("100% sure & 5%").is_none());
    }
}
