//! The browser tests' runner: Node's own (`node --test`), with the shared
//! harness in `tests/e2e/harness.mjs` serving the built site itself.

use crate::cargo::target_dir;
use crate::{root, run, tools, Step};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The app's browser tests: every `tests/e2e/*.test.mjs`, in name order.
pub fn app_test_files() -> Result<Vec<PathBuf>, String> {
    let dir = root().join("tests").join("e2e");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    Ok(files)
}

/// Runs `files` with `node --test`, one file at a time (they share this
/// machine's cores with the browser), serving `dist`. `filter`: only the
/// tests whose names contain it. `env`: more variables for the tests.
pub fn node_test(
    files: &[PathBuf],
    dist: &Path,
    filter: Option<&str>,
    env: &[(&str, &str)],
) -> Step {
    let mut node = Command::new("node");
    node.args(["--test", "--test-concurrency=1", "--test-reporter=spec"]);
    if let Some(filter) = filter {
        node.arg(format!("--test-name-pattern={}", regex_literal(filter)));
    }
    node.args(files)
        .env("SCOPELENS_DIST", dist)
        .env("CARGO_TARGET_DIR", target_dir())
        .env("NODE_PATH", tools::node_modules())
        .current_dir(root());
    for (name, value) in env {
        node.env(name, value);
    }
    run(&mut node)
}

/// `text` as a JavaScript regular expression that matches it literally, so
/// that a filter keeps meaning "the name contains this".
fn regex_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\^$.|?*+()[]{}/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_is_matched_literally() {
        assert_eq!(regex_literal("triage"), "triage");
        assert_eq!(regex_literal("live check: (a)"), r"live check: \(a\)");
        assert_eq!(regex_literal("a.b*c"), r"a\.b\*c");
    }

    #[test]
    fn every_app_test_file_is_found_and_the_guide_is_not_among_them() {
        let files = app_test_files().unwrap();
        let names: Vec<String> = files
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert!(names.contains(&"app.test.mjs".to_string()), "{names:?}");
        assert!(names.iter().all(|n| n.ends_with(".test.mjs")), "{names:?}");
        assert!(!names.iter().any(|n| n.starts_with("book")), "{names:?}");
    }
}
