//! xtask: scopelens's task runner (`cargo xtask <task>`).
//!
//! - `setup`: install the pinned tools (see `tools.rs`).
//! - `test`:  setup, then every check and test the project has.
//! - `serve`: build the site, the guide and the elements and serve them on localhost.
//! - `dist`:  build the site, the elements (`elements/`) and the guide (`guide/`) into `target/dist/`.
//! - `e2e [FILTER]`: build the site, run its browser tests (`tests/e2e/*.test.mjs`
//!   under `node --test`; only those whose names contain FILTER, if given).
//! - `book`:  build the elements and the guide into `target/dist/`, run their
//!   browser tests (`tests/e2e/book.mjs`, `tests/e2e/elements.mjs`).
//! - `fuzz [SECONDS]`: run every fuzz target for a while (see `fuzz.rs`).
//! - `kb-stale [--now YYYY-MM] [--months N]`: knowledge-base entries whose sources were
//!   checked more than N (default 6) months ago (see `kb_stale.rs`).
//! - `npm [--test]`: build the npm package and pack it into `target/npm/`; with
//!   `--test`, install it offline into a fresh project and run its tests (see `npm.rs`).
//! - `bench`: measure size (and the size floor), start-up, typing, throughput, memory and triage speed.

mod bench;
mod book;
mod cargo;
mod compress;
mod elements;
mod fake_graph;
mod fuzz;
mod kb_stale;
mod minify;
mod node_test;
mod npm;
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

/// The property tests' seed under `cargo xtask test` (and so in CI).
const PROPTEST_SEED: &str = "20261203";

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
    // The property tests draw the same cases on every run here, so that a
    // run fails only on a change and its failure can be replayed; plain
    // `cargo test` draws new ones each time, to look further.
    let seed = std::env::var("PROPTEST_RNG_SEED").unwrap_or_else(|_| PROPTEST_SEED.into());
    eprintln!("xtask test: property tests with PROPTEST_RNG_SEED={seed}");
    run(Command::new(env!("CARGO"))
        .args(["test", "--workspace"])
        .env("PROPTEST_RNG_SEED", &seed)
        .current_dir(root()))?;
    // The npm package as a user installs it, against the CLI just tested.
    npm::test(&npm::build()?)?;
    wasm_test()?;
    e2e(None)?;
    // The guide's browser tests, against the app just built plus the guide.
    book::e2e(&dist_dir())?;
    bench::check_sizes(&dist_dir(), &bench::CEILINGS)?;
    fuzz::fuzz(fuzz::seconds(None))?;
    eprintln!("xtask test: all checks passed");
    Ok(())
}

/// Where `dist` puts the site (the guide goes in `guide/` under it).
fn dist_dir() -> PathBuf {
    root().join("target").join("dist")
}

/// Builds the web app (release, size-tuned) into `target/dist/`.
fn dist_site() -> Step {
    tools::setup()?;
    cargo(&["fetch"])?;
    // Trunk replaces the whole dist directory, so the guide comes after.
    run(Command::new("trunk")
        .args(["build", "--release"])
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .current_dir(root()))?;
    minify::site(&dist_dir())
}

/// The web app into `target/dist/`, then the custom elements into
/// `target/dist/elements/` and the guide into `target/dist/guide/` (see
/// `elements.rs` and `book.rs`).
fn dist() -> Step {
    dist_site()?;
    book::build(&dist_dir())?;
    let files = compress::precompress(&dist_dir())
        .map_err(|e| format!("cannot write compressed copies: {e}"))?;
    eprintln!(
        "xtask dist: built {} ({files} files also as .br and .gz)",
        dist_dir().display()
    );
    Ok(())
}

fn serve() -> Step {
    dist()?;
    cargo(&["build", "--release", "-p", "scopelens-cli"])?;
    eprintln!("The scopelens CLI is built: target/release/scopelens --help");
    // The browser tests' static server (tests/e2e/server.mjs), in the foreground.
    run(Command::new("node")
        .arg(root().join("tests").join("e2e").join("server.mjs"))
        .arg(dist_dir())
        .arg("8080")
        .current_dir(root()))
}

/// Component tests in headless Chromium (wasm-bindgen-test + chromedriver).
fn wasm_test() -> Step {
    let runner = tools::cache_dir()
        .join(format!("wasm-bindgen-{}", tools::WASM_BINDGEN))
        .join("bin")
        .join("wasm-bindgen-test-runner");
    run(Command::new(env!("CARGO"))
        .args([
            "test",
            "-p",
            "scopelens-ui",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", runner)
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        .current_dir(root()))
}

/// Builds the site and runs its browser tests, which serve it themselves
/// (the guide has its own tests; these need only the app).
/// `filter`: run only the tests whose names contain it.
fn e2e(filter: Option<&str>) -> Step {
    dist_site()?;
    // The live check's tests call a fake Graph API; the harness adds its
    // origin to the served page's CSP (target/dist stays exactly as built).
    let fake_graph = fake_graph::start()?;
    eprintln!("xtask e2e: fake Graph API at {fake_graph}");
    // The triage tests (tests/e2e/triage.test.mjs) write logs with the
    // generator and compare the page's counts with the CLI's: build both fresh.
    cargo(&["build", "-p", "scopelens-cli", "-p", "scopelens-loggen"])?;
    node_test::node_test(
        &node_test::app_test_files()?,
        &dist_dir(),
        filter,
        &[("SCOPELENS_FAKE_GRAPH", &fake_graph)],
    )
}

const USAGE: &str = "usage: cargo xtask <setup|test|dist|serve|e2e [FILTER]|book|fuzz [SECONDS]|kb-stale [--now YYYY-MM] [--months N]|npm [--test]|bench [sizes|floor|browser|native|triage]…>";

fn main() {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "setup" => tools::setup(),
        "test" => test(),
        "serve" => serve(),
        "dist" => dist(),
        "e2e" => e2e(std::env::args().nth(2).as_deref()),
        "book" => book::e2e(&dist_dir()),
        "bench" => bench::bench(&std::env::args().skip(2).collect::<Vec<_>>()),
        "fuzz" => fuzz::fuzz(fuzz::seconds(std::env::args().nth(2).as_deref())),
        "npm" => npm::npm(&std::env::args().skip(2).collect::<Vec<_>>()),
        "kb-stale" => kb_stale::kb_stale(&std::env::args().skip(2).collect::<Vec<_>>()),
        _ => Err(USAGE.to_string()),
    };
    if let Err(message) = result {
        eprintln!("xtask {task}: {message}");
        std::process::exit(1);
    }
}
