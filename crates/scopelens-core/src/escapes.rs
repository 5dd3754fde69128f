//! Decoding one escape at a time: backslash escapes (JSON, Python, shell),
//! `%XX` URL-encoding and HTML character references. Shared by the secret
//! scanner, which reads every decoded layer of a paste, and by the input
//! reader, which undoes a layer that hides a payload.

fn hex(b: u8) -> Option<u32> {
    char::from(b).to_digit(16)
}

fn hex_number(bytes: &[u8]) -> Option<u32> {
    bytes
        .iter()
        .try_fold(0u32, |acc, b| Some(acc * 16 + hex(*b)?))
}

/// A backslash escape at `at`: what it stands for (`None` for a line
/// continuation, which stands for nothing) and how many bytes it takes.
pub(crate) fn backslash_escape(bytes: &[u8], at: usize) -> Option<(Option<char>, usize)> {
    let next = *bytes.get(at + 1)?;
    let simple = match next {
        b'n' => Some('\n'),
        b't' => Some('\t'),
        b'r' => Some('\r'),
        b'f' => Some('\u{c}'),
        b'b' => Some('\u{8}'),
        b'v' => Some('\u{b}'),
        b'0' => Some('\0'),
        b'"' | b'\'' | b'\\' | b'/' | b'`' => Some(char::from(next)),
        b'\n' => return Some((None, 2)),
        _ => None,
    };
    if let Some(c) = simple {
        return Some((Some(c), 2));
    }
    match next {
        b'u' => {
            let unit = hex_number(bytes.get(at + 2..at + 6)?)?;
            if (0xD800..0xDC00).contains(&unit) {
                // A surrogate pair written as two escapes.
                let low = bytes
                    .get(at + 6..at + 12)
                    .filter(|b| b.starts_with(b"\\u"))
                    .and_then(|b| hex_number(&b[2..]))
                    .filter(|low| (0xDC00..0xE000).contains(low));
                if let Some(low) = low {
                    let c = char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
                    return Some((c, 12));
                }
            }
            Some((Some(char::from_u32(unit).unwrap_or('\u{FFFD}')), 6))
        }
        b'x' => {
            let byte = hex_number(bytes.get(at + 2..at + 4)?)?;
            Some((char::from_u32(byte), 4))
        }
        _ => None,
    }
}

/// A `%XX` escape at `at`, with the escapes after it when they complete a
/// UTF-8 sequence (`%E2%80%8B` is one zero-width space).
pub(crate) fn percent_escape(bytes: &[u8], at: usize) -> Option<(Option<char>, usize)> {
    let byte_at = |i: usize| -> Option<u8> {
        match bytes.get(i..i + 3)? {
            [b'%', hi, lo] => Some((hex(*hi)? * 16 + hex(*lo)?) as u8),
            _ => None,
        }
    };
    let lead = byte_at(at)?;
    let len = match lead {
        0x00..=0x7F => return Some((Some(char::from(lead)), 3)),
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return Some((Some('\u{FFFD}'), 3)),
    };
    let mut sequence = vec![lead];
    for k in 1..len {
        match byte_at(at + 3 * k) {
            Some(b) if b & 0xC0 == 0x80 => sequence.push(b),
            _ => return Some((Some('\u{FFFD}'), 3)),
        }
    }
    match std::str::from_utf8(&sequence) {
        Ok(s) => Some((s.chars().next(), 3 * len)),
        Err(_) => Some((Some('\u{FFFD}'), 3)),
    }
}

/// An HTML character reference at `at` (`&#69;`, `&#x45;`, `&quot;`…).
pub(crate) fn character_reference(bytes: &[u8], at: usize) -> Option<(Option<char>, usize)> {
    let rest = bytes.get(at + 1..)?;
    let semicolon = rest.iter().take(12).position(|b| *b == b';')?;
    let body = &rest[..semicolon];
    let used = semicolon + 2;
    let c = match body {
        [b'#', b'x' | b'X', digits @ ..] if !digits.is_empty() && digits.len() <= 6 => {
            char::from_u32(hex_number(digits)?)
        }
        [b'#', digits @ ..] if !digits.is_empty() && digits.len() <= 7 => {
            let n = digits
                .iter()
                .try_fold(0u32, |acc, b| Some(acc * 10 + char::from(*b).to_digit(10)?))?;
            char::from_u32(n)
        }
        _ => {
            let named = match body.to_ascii_lowercase().as_slice() {
                b"quot" => '"',
                b"apos" => '\'',
                b"amp" => '&',
                b"lt" => '<',
                b"gt" => '>',
                b"nbsp" => ' ',
                b"equals" => '=',
                b"colon" => ':',
                b"lowbar" => '_',
                b"vert" | b"verbar" => '|',
                b"sol" => '/',
                b"period" => '.',
                b"num" => '#',
                b"quest" => '?',
                _ => return None,
            };
            Some(named)
        }
    };
    Some((Some(c.unwrap_or('\u{FFFD}')), used))
}
