//! `scopelens triage`: reads logs (JSON Lines, JSON arrays, concatenated
//! webhook dumps, text logs with JSON on their lines; plain or gzip; files or
//! stdin) in a streaming way, so memory stays flat, and uses every core on
//! large plain files.

use crate::terminal::{complain, Screen};
use crate::UsageError;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use scopelens_core::command_output::{self, TriageFormat};
use scopelens_core::triage::{GroupBy, LogReader, Triage, TriageReport};
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Seek, SeekFrom};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Plain files larger than this are split across threads.
const PARALLEL_THRESHOLD: u64 = 16 << 20;
const BUFFER: usize = 1 << 20;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Csv,
}

pub struct Options {
    pub files: Vec<String>,
    pub by: Vec<GroupBy>,
    pub format: Format,
    pub jobs: usize,
}

/// Bytes read so far, shared by the reading threads, and the bar that shows
/// them (hidden unless [`progress_bar`] drew one).
#[derive(Clone)]
struct Progress {
    read: Arc<AtomicU64>,
    bar: ProgressBar,
}

impl Default for Progress {
    fn default() -> Progress {
        Progress::new(ProgressBar::hidden())
    }
}

impl Progress {
    fn new(bar: ProgressBar) -> Progress {
        Progress {
            read: Arc::default(),
            bar,
        }
    }

    fn add(&self, n: usize) {
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        self.bar.inc(n as u64);
    }
}

pub fn run(opts: Options) -> Result<u8, UsageError> {
    let started = Instant::now();
    let total_size: u64 = opts
        .files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let progress = Progress::new(progress_bar(total_size));
    let mut triage = Triage::new(&opts.by);
    let mut failed = false;
    for file in &opts.files {
        if let Err(err) = triage_one(file, &opts, &progress, &mut triage) {
            complain!("{}: {err}", display_name(file));
            failed = true;
        }
    }
    progress.bar.finish_and_clear();
    let report = triage.report();
    print_report(&report, opts.format);
    summary(
        &report,
        progress.read.load(Ordering::Relaxed),
        started.elapsed(),
        opts.files.len(),
    );
    Ok(if failed { 2 } else { 0 })
}

fn display_name(file: &str) -> &str {
    if file == "-" {
        "standard input"
    } else {
        file
    }
}

fn triage_one(
    file: &str,
    opts: &Options,
    progress: &Progress,
    triage: &mut Triage,
) -> io::Result<()> {
    if file == "-" {
        return triage_stream(Box::new(io::stdin().lock()), progress, triage);
    }
    let mut f = File::open(file)?;
    let mut magic = [0u8; 2];
    let n = f.read(&mut magic)?;
    f.seek(SeekFrom::Start(0))?;
    let gzip = n == 2 && magic == [0x1f, 0x8b];
    let size = f.metadata()?.len();
    if gzip {
        let counted = CountingReader {
            inner: f,
            progress: progress.clone(),
        };
        return triage_stream(
            Box::new(BufReader::with_capacity(
                BUFFER,
                flate2::read::MultiGzDecoder::new(counted),
            )),
            &Progress::default(),
            triage,
        );
    }
    if size > PARALLEL_THRESHOLD && opts.jobs > 1 && starts_as_json_lines(&mut f)? {
        return triage_parallel(file, size, opts, progress, triage);
    }
    triage_stream(Box::new(f), progress, triage)
}

/// Counts compressed bytes read, so the progress bar follows the file on disk.
struct CountingReader<R> {
    inner: R,
    progress: Progress,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.add(n);
        Ok(n)
    }
}

/// JSON Lines: the first line is one whole JSON value.
fn starts_as_json_lines(f: &mut File) -> io::Result<bool> {
    let mut reader = BufReader::new(&mut *f);
    let mut first = Vec::new();
    reader.read_until(b'\n', &mut first)?;
    drop(reader);
    f.seek(SeekFrom::Start(0))?;
    let text = String::from_utf8_lossy(&first);
    let text = text.trim();
    Ok(text.starts_with('{') && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok())
}

/// Reads any supported form from a sequential stream, with the core's
/// [`LogReader`] (the web app's worker uses the same).
fn triage_stream(
    input: Box<dyn Read + '_>,
    progress: &Progress,
    triage: &mut Triage,
) -> io::Result<()> {
    let mut counted = CountingReader {
        inner: input,
        progress: progress.clone(),
    };
    let mut reader = LogReader::new(&triage.by());
    io::copy(&mut counted, &mut reader)?;
    triage.merge(reader.finish(), 0);
    Ok(())
}

/// Reads whole lines until at least `limit` bytes are taken (0: to the
/// end); returns the number of lines read.
fn triage_lines(
    mut input: impl BufRead,
    progress: &Progress,
    triage: &mut Triage,
    limit: u64,
) -> io::Result<u64> {
    let mut reader = LogReader::lines(&triage.by());
    let mut consumed = 0u64;
    let mut at_line_start = true;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let take = if limit > 0 && consumed >= limit {
            // Past the part's end: finish the line it stopped in, then stop.
            if at_line_start {
                break;
            }
            match buf.iter().position(|b| *b == b'\n') {
                Some(at) => at + 1,
                None => buf.len(),
            }
        } else {
            let room = if limit > 0 {
                (limit - consumed) as usize
            } else {
                usize::MAX
            };
            buf.len().min(room.max(1))
        };
        reader.push(&buf[..take]);
        at_line_start = buf[take - 1] == b'\n';
        input.consume(take);
        consumed += take as u64;
        progress.add(take);
    }
    let lines = reader.line_count();
    let part = reader.finish();
    // A last line without a newline is still a line.
    let lines = lines + u64::from(!at_line_start);
    triage.merge(part, 0);
    Ok(lines)
}

/// Splits a large JSON Lines file at line boundaries and reads the parts on
/// all cores; line numbers are fixed up when the parts are merged.
fn triage_parallel(
    file: &str,
    size: u64,
    opts: &Options,
    progress: &Progress,
    triage: &mut Triage,
) -> io::Result<()> {
    let jobs = opts.jobs as u64;
    let bounds: Vec<u64> = (0..=jobs).map(|i| size * i / jobs).collect();
    let results: Vec<io::Result<(Triage, u64)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = bounds
            .windows(2)
            .map(|w| {
                let (start, end) = (w[0], w[1]);
                let by = opts.by.clone();
                let progress = progress.clone();
                scope.spawn(move || -> io::Result<(Triage, u64)> {
                    let mut f = File::open(file)?;
                    let mut start = start;
                    if start > 0 {
                        // Begin after the line that straddles the boundary; the previous part reads it.
                        f.seek(SeekFrom::Start(start - 1))?;
                        let mut reader = BufReader::new(&mut f);
                        let mut skipped = Vec::new();
                        let n = reader.read_until(b'\n', &mut skipped)?;
                        start = start - 1 + n as u64;
                        drop(reader);
                        f.seek(SeekFrom::Start(start))?;
                    }
                    let mut part = Triage::new(&by);
                    let reader = BufReader::with_capacity(BUFFER, f);
                    let lines = if start < end {
                        triage_lines(reader, &progress, &mut part, end - start)?
                    } else {
                        0
                    };
                    Ok((part, lines))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(io::Error::other("a worker thread failed")))
            })
            .collect()
    });
    let mut offset = 0;
    for result in results {
        let (part, lines) = result?;
        triage.merge(part, offset);
        offset += lines;
    }
    Ok(())
}

/// A bar on standard error for inputs big enough to wait for (64 MiB or
/// more), when standard error is a terminal; a hidden one otherwise, so
/// piped and redirected runs get the summary alone.
fn progress_bar(total: u64) -> ProgressBar {
    if !io::stderr().is_terminal() || total < (64 << 20) {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template("[{bar:30}] {percent:>3}% {decimal_bytes_per_sec}")
        .map(|style| style.progress_chars("## "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()).with_style(style)
}

fn summary(report: &TriageReport, bytes: u64, elapsed: Duration, files: usize) {
    command_output::triage_summary(
        &mut Screen::stderr(),
        report,
        bytes,
        elapsed.as_secs_f64(),
        files,
    );
}

fn print_report(report: &TriageReport, format: Format) {
    let format = match format {
        Format::Text => TriageFormat::Text,
        Format::Json => TriageFormat::Json,
        Format::Markdown => TriageFormat::Markdown,
        Format::Csv => TriageFormat::Csv,
    };
    command_output::triage_report(&mut Screen::stdout(), report, format);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use scopelens_core::command_output::csv_text;

    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            "[=+@\t\r-][ -~]{0,10}",
            "[ -~\n\r\t\"',;]{0,12}",
            any::<String>(),
        ]
    }

    proptest! {
        #[test]
        fn every_cell_the_core_writes_reads_back_with_the_csv_crate_unchanged_or_with_a_quote_that_stops_a_formula(
            rows in prop::collection::vec(prop::collection::vec(cell(), 3), 1..8)
        ) {
            let text = csv_text(&rows);
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
            let back: Vec<Vec<String>> = reader
                .records()
                .map(|r| r.unwrap().iter().map(str::to_string).collect())
                .collect();
            prop_assert_eq!(back.len(), rows.len());
            for (row, read) in rows.iter().zip(&back) {
                for (cell, read) in row.iter().zip(read) {
                    prop_assert!(!read.starts_with(['=', '+', '-', '@', '\t', '\r']), "{read:?}");
                    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                        prop_assert_eq!(read, &format!("'{cell}"));
                    } else {
                        prop_assert_eq!(read, cell);
                    }
                }
            }
        }
    }
}
