//! The permissions guide (`book/`): its preprocessor and its browser tests.
//!
//! `build(dist)` writes the guide into `<dist>/guide/`:
//! 1. `cargo build -p scopelens-book`: the `mdbook-scopelens` preprocessor,
//!    which generates the reference content from scopelens-core and writes
//!    the guide's interactive examples as scopelens' custom elements.
//! 2. The elements into `<dist>/elements/` (`elements.rs`), which the
//!    guide's pages load (`book/widgets/loader.js`).
//! 3. `mdbook build book -d <dist>/guide`, with the preprocessor binary and
//!    the elements' version passed through `MDBOOK_PREPROCESSOR__SCOPELENS__*`
//!    (the version ends up in every element and busts stale caches).
//!
//! `e2e(dist)` builds the guide and runs `tests/e2e/book.mjs` and
//! `tests/e2e/elements.mjs` (the elements on a plain page) under
//! `node --test`, which serves `dist` in headless Chromium.

use crate::cargo::{cargo, target_dir};
use crate::{elements, node_test, root, run, Step};
use std::path::{Path, PathBuf};
use std::process::Command;

fn preprocessor() -> PathBuf {
    target_dir()
        .join("debug")
        .join(format!("mdbook-scopelens{}", std::env::consts::EXE_SUFFIX))
}

/// Builds the elements into `<dist>/elements/` (see `elements.rs`), then
/// the guide, which uses them, into `<dist>/guide/`.
pub fn build(dist: &Path) -> Step {
    run(cargo().args(["build", "-p", "scopelens-book"]))?;
    let version = elements::build(dist)?;
    let guide = dist.join("guide");
    run(Command::new("mdbook")
        .arg("build")
        .arg(root().join("book"))
        .arg("--dest-dir")
        .arg(&guide)
        .env(
            "MDBOOK_PREPROCESSOR__SCOPELENS__COMMAND",
            shell_quote(&preprocessor()),
        )
        .env("MDBOOK_PREPROCESSOR__SCOPELENS__BUNDLE", &version)
        .current_dir(root()))?;
    eprintln!("xtask book: guide in {}", guide.display());
    Ok(())
}

/// mdBook splits the command like a shell; quote a path that needs it.
fn shell_quote(path: &Path) -> String {
    let s = path.to_string_lossy();
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Builds the guide into `<dist>/guide/` and runs the browser tests on it.
/// The app's own links are checked too when `dist` holds the app (the
/// tests look for its index.html).
pub fn e2e(dist: &Path) -> Step {
    build(dist)?;
    let work = target_dir().join("book-e2e");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let truth = work.join("ground-truth.json");
    let output = Command::new(preprocessor())
        .arg("ground-truth")
        .arg(root().join("tests").join("fixtures"))
        .output()
        .map_err(|e| format!("cannot run mdbook-scopelens ground-truth: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "mdbook-scopelens ground-truth failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    std::fs::write(&truth, &output.stdout).map_err(|e| e.to_string())?;
    let truth = truth.to_string_lossy();
    let tests = root().join("tests").join("e2e");
    node_test::node_test(
        &[tests.join("book.mjs"), tests.join("elements.mjs")],
        dist,
        None,
        &[("SCOPELENS_BOOK_TRUTH", &truth)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_for_mdbook_only_when_they_must_be() {
        assert_eq!(shell_quote(Path::new("/a/b-c_d.e")), "/a/b-c_d.e");
        assert_eq!(shell_quote(Path::new("/a b/it's")), r"'/a b/it'\''s'");
    }
}
