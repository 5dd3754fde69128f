//! `mdbook-scopelens`: the guide's mdBook preprocessor (see the library docs).
//!
//! - `mdbook-scopelens supports <renderer>`: exit 0 (the output is Markdown
//!   and plain HTML, fine for every renderer).
//! - `mdbook-scopelens`: preprocess `[context, book]` from standard input.
//! - `mdbook-scopelens ground-truth [FIXTURE_DIR]`: print what the browser
//!   tests compare the built guide with (catalog labels and anchors, guide
//!   paths), as JSON.

use scopelens_book::fixtures::Corpus;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("supports") => return ExitCode::SUCCESS,
        Some("ground-truth") => ground_truth(args.get(1)),
        Some("--help" | "-h") => {
            println!("usage: mdbook-scopelens [supports <renderer> | ground-truth [FIXTURE_DIR]]");
            Ok(())
        }
        Some(other) => Err(format!("unknown argument `{other}`; see --help")),
        None => preprocess(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("mdbook-scopelens: {message}");
            ExitCode::FAILURE
        }
    }
}

fn preprocess() -> Result<(), String> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    let book = scopelens_book::process(&input)?;
    let mut out = std::io::stdout().lock();
    out.write_all(book.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| format!("cannot write the book: {e}"))
}

fn ground_truth(dir: Option<&String>) -> Result<(), String> {
    let dir = dir
        .map(PathBuf::from)
        .unwrap_or_else(scopelens_book::default_fixture_dir);
    let truth = scopelens_book::ground_truth(&Corpus::load(&dir)?)?;
    let text = serde_json::to_string_pretty(&truth).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(())
}
