//! Bounded coverage-guided fuzzing of everything in the core that reads
//! untrusted text (`fuzz/`, cargo fuzz on the nightly toolchain), seeded from
//! the fixture corpus. `cargo xtask test` runs each target for
//! `SCOPELENS_FUZZ_SECONDS` (default 40); `cargo xtask fuzz [SECONDS]` runs
//! them on demand. Any crash fails the run and leaves its input in
//! `fuzz/artifacts/`.

use crate::{root, run, tools, Step};
use std::path::Path;
use std::process::Command;

pub const TARGETS: [&str; 6] = [
    "read_input",
    "diagnose",
    "share_link",
    "triage_lines",
    "read_dumps",
    "redact",
];
/// Six targets at 40 s keep the fuzzing part of CI near four minutes.
const DEFAULT_SECONDS: u64 = 40;

/// Seconds per target: the argument, else `SCOPELENS_FUZZ_SECONDS`, else 40.
pub fn seconds(arg: Option<&str>) -> u64 {
    arg.map(str::to_string)
        .or_else(|| std::env::var("SCOPELENS_FUZZ_SECONDS").ok())
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_SECONDS)
}

pub fn ensure_tools() -> Step {
    let listed = Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .map_err(|e| e.to_string())?;
    if !String::from_utf8_lossy(&listed.stdout)
        .lines()
        .any(|l| l.starts_with("nightly"))
    {
        run(Command::new("rustup").args([
            "toolchain",
            "install",
            "nightly",
            "--profile",
            "minimal",
        ]))?;
    }
    tools::ensure_cargo_tool("cargo-fuzz", "cargo-fuzz", tools::CARGO_FUZZ, true)
}

pub fn fuzz(seconds: u64) -> Step {
    ensure_tools()?;
    let fuzz_dir = root().join("fuzz");
    for target in TARGETS {
        let corpus = root().join("target").join("fuzz-corpus").join(target);
        seed(&corpus)?;
        eprintln!("fuzz: {target} for {seconds} s");
        run(Command::new("cargo")
            .args(["+nightly", "fuzz", "run", target])
            .arg(&corpus)
            .args([
                "--",
                &format!("-max_total_time={seconds}"),
                "-rss_limit_mb=2048",
                "-max_len=1048576",
                "-print_final_stats=1",
            ])
            .current_dir(&fuzz_dir))?;
    }
    Ok(())
}

/// Copies every fixture into the corpus directory (kept between runs, so
/// coverage found once is not lost).
fn seed(corpus: &Path) -> Step {
    std::fs::create_dir_all(corpus).map_err(|e| e.to_string())?;
    let fixtures = root().join("tests").join("fixtures");
    copy_fixtures(&fixtures, &fixtures, corpus)
}

/// Copies every fixture file under `dir` (at any depth: `wild/<form>/…`)
/// into `corpus`, named by its path (`wild-dump-x.txt`).
fn copy_fixtures(root: &Path, dir: &Path, corpus: &Path) -> Step {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_fixtures(root, &path, corpus)?;
        } else if dir != root {
            let relative = path.strip_prefix(root).map_err(|e| e.to_string())?;
            let name = relative.to_string_lossy().replace(['/', '\\'], "-");
            std::fs::copy(&path, corpus.join(name))
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}
