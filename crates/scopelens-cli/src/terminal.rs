//! The one way out of the CLI. Every byte written to standard output or
//! standard error goes through [`Screen`] (or [`json`]), which
//!
//! - removes secrets ([`scopelens_core::secrets::redact`]) from everything but a share link,
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

use scopelens_core::command_output::{self, RESET};
pub use scopelens_core::command_output::{shown, visible, Style};
use serde::Serialize;
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

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
            self.line.push_str(style.ansi());
            self.line.push_str(&shown(text));
            self.line.push_str(RESET);
        } else {
            self.line.push_str(&shown(text));
        }
        self
    }

    /// A share link: see [`command_output::Screen::link`].
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

/// The core's renderers write through the same screen.
impl command_output::Screen for Screen {
    fn text(&mut self, text: &str) -> &mut Self {
        Screen::text(self, text)
    }

    fn paint(&mut self, style: Style, text: &str) -> &mut Self {
        Screen::paint(self, style, text)
    }

    fn link(&mut self, text: &str) -> &mut Self {
        Screen::link(self, text)
    }

    fn verbatim(&mut self, text: &str) {
        Screen::flush(self);
        send(self.stream, text.as_bytes());
    }

    fn end(&mut self) {
        Screen::end(self);
    }

    fn flush(&mut self) {
        Screen::flush(self);
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
/// and controls written as JSON escapes ([`command_output::json_text`]).
pub fn json(value: &impl Serialize) {
    match command_output::json_text(value) {
        Ok(text) => send(Stream::Out, text.as_bytes()),
        Err(e) => complain!("{e}"),
    }
}
