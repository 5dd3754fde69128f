//! The one way out of the CLI. Every byte written to standard output or
//! standard error goes through [`Screen`] (or [`json`]), which
//!
//! - removes secrets ([`secrets::redact`]) from everything but a share link,
//!   so an argument or a payload echoed back cannot show a token;
//! - shows terminal controls from a payload as text ([`visible`]), so an
//!   error message cannot clear the screen, retitle the window, add a link or
//!   forge a coloured verdict;
//! - stops writing, quietly, when the reader has gone (`… | head`), so the
//!   command still ends with the status it would have had.
//!
//! Only the CLI's own colours, chosen with [`Style`], reach the terminal as
//! escape sequences (and the triage progress bar's carriage returns, which
//! it writes itself and which carry no payload).

use scopelens_core::{render, secrets};
use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// `text` with every control a terminal could act on written as `\uXXXX`:
/// C0 but newline and tab, DEL, C1, and the bidirectional formatting
/// characters ([`render::is_unsafe_control`]). The same form is a valid
/// escape inside a JSON string, so one rule serves text, Markdown and JSON.
pub fn visible(text: &str) -> Cow<'_, str> {
    if text.chars().any(render::is_unsafe_control) {
        Cow::Owned(render::visible_controls(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// What may be shown of any text the CLI prints: secrets removed, then
/// controls made visible.
pub fn shown(text: &str) -> String {
    visible(&secrets::redact(text).text).into_owned()
}

/// The CLI's own colours.
#[derive(Clone, Copy)]
pub enum Style {
    Red,
    Yellow,
    Blue,
    Green,
    Bold,
    Dim,
}

impl Style {
    fn code(self) -> &'static str {
        match self {
            Style::Red => "\x1b[31m",
            Style::Yellow => "\x1b[33m",
            Style::Blue => "\x1b[34m",
            Style::Green => "\x1b[32m",
            Style::Bold => "\x1b[1m",
            Style::Dim => "\x1b[2m",
        }
    }
}

const RESET: &str = "\x1b[0m";

#[derive(Clone, Copy)]
enum Stream {
    Out,
    Err,
}

/// Set once a stream fails to take a write; nothing more is sent to it.
static STDOUT_GONE: AtomicBool = AtomicBool::new(false);
static STDERR_GONE: AtomicBool = AtomicBool::new(false);

fn send(stream: Stream, bytes: &[u8]) {
    let gone = match stream {
        Stream::Out => &STDOUT_GONE,
        Stream::Err => &STDERR_GONE,
    };
    if gone.load(Ordering::Relaxed) {
        return;
    }
    let result = match stream {
        Stream::Out => {
            let mut out = io::stdout().lock();
            out.write_all(bytes).and_then(|()| out.flush())
        }
        Stream::Err => io::stderr().lock().write_all(bytes),
    };
    if let Err(err) = result {
        gone.store(true, Ordering::Relaxed);
        // A reader that has gone (`| head`) is not a failure worth a word.
        if err.kind() != io::ErrorKind::BrokenPipe {
            if let Stream::Out = stream {
                send(
                    Stream::Err,
                    format!("scopelens: cannot write to standard output: {err}\n").as_bytes(),
                );
            }
        }
    }
}

/// A line being written to one stream. Text goes in with [`Screen::text`]
/// (or `write!`), colours with [`Screen::paint`]; [`Screen::end`] sends it.
pub struct Screen {
    stream: Stream,
    color: bool,
    line: String,
}

impl Screen {
    /// Standard output, coloured on a terminal unless `NO_COLOR` is set.
    pub fn stdout() -> Screen {
        let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        Screen {
            stream: Stream::Out,
            color,
            line: String::new(),
        }
    }

    /// Standard error, never coloured.
    pub fn stderr() -> Screen {
        Screen {
            stream: Stream::Err,
            color: false,
            line: String::new(),
        }
    }

    pub fn text(&mut self, text: &str) -> &mut Screen {
        self.line.push_str(&shown(text));
        self
    }

    pub fn paint(&mut self, style: Style, text: &str) -> &mut Screen {
        if self.color {
            self.line.push_str(style.code());
            self.line.push_str(&shown(text));
            self.line.push_str(RESET);
        } else {
            self.line.push_str(&shown(text));
        }
        self
    }

    /// A share link: controls made visible, but not redacted, since its
    /// compressed fragment can hold any letters and its content was
    /// redacted when it was made.
    pub fn link(&mut self, text: &str) -> &mut Screen {
        self.line.push_str(&visible(text));
        self
    }

    /// Ends the line and sends it.
    pub fn end(&mut self) {
        self.line.push('\n');
        self.flush();
    }

    /// Sends what is written so far without ending the line.
    pub fn flush(&mut self) {
        if !self.line.is_empty() {
            send(self.stream, self.line.as_bytes());
            self.line.clear();
        }
    }

    /// One whole line of text.
    pub fn say(&mut self, text: &str) {
        self.text(text).end();
    }

    /// An empty line.
    pub fn blank(&mut self) {
        self.end();
    }
}

/// `write!(screen, …)` goes through [`Screen::text`].
impl std::fmt::Write for Screen {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.text(s);
        Ok(())
    }
}

/// A line on standard error, prefixed with `scopelens: `.
macro_rules! complain {
    ($($arg:tt)*) => {
        $crate::terminal::Screen::stderr().say(&format!("scopelens: {}", format_args!($($arg)*)))
    };
}

pub(crate) use complain;

/// Pretty JSON on standard output, with every string (keys too) redacted
/// and controls written as JSON escapes.
pub fn json(value: &impl Serialize) {
    match serde_json::to_value(value) {
        Ok(mut value) => {
            redact_strings(&mut value);
            let text = serde_json::to_string_pretty(&value).unwrap_or_default();
            // Outside strings serde writes only ASCII punctuation, so every
            // unsafe character is inside a string, where `\uXXXX` is valid.
            send(Stream::Out, format!("{}\n", visible(&text)).as_bytes());
        }
        Err(e) => complain!("cannot write JSON: {e}"),
    }
}

fn redact_strings(value: &mut Value) {
    match value {
        Value::String(s) => {
            let clean = secrets::redact(s);
            if clean.count > 0 {
                *s = clean.text;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_strings),
        Value::Object(map) => {
            let entries = std::mem::take(map);
            for (key, mut item) in entries {
                redact_strings(&mut item);
                map.insert(secrets::redact(&key).text, item);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_as_escapes_and_newlines_and_tabs_stay() {
        assert_eq!(
            visible("a\x1b[2Jb\u{9b}c\r\n\td\u{7f}\u{202e}"),
            "a\\u001b[2Jb\\u009bc\\u000d\n\td\\u007f\\u202e"
        );
        assert!(matches!(visible("plain é ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn escaped_controls_keep_json_valid() {
        let text = serde_json::to_string(&"x\u{9b}y\u{2066}").unwrap();
        let back: String = serde_json::from_str(&visible(&text)).unwrap();
        assert_eq!(back, "x\u{9b}y\u{2066}");
    }
}
