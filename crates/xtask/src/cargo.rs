//! The cargo that runs xtask, in the workspace root, and where it builds.

use crate::{root, run};
use std::path::PathBuf;
use std::process::Command;

/// The target directory: `CARGO_TARGET_DIR` (relative to the root) or
/// `target/`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| if p.is_absolute() { p } else { root().join(p) })
        .unwrap_or_else(|| root().join("target"))
}

/// A `cargo` command (the one running xtask) in the workspace root.
pub fn cargo() -> Command {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.current_dir(root());
    cmd
}

/// Builds `package`'s library as a size-tuned wasm (`wasm-release` profile)
/// with `features` alone, and returns the `.wasm` file.
///
/// `cargo rustc --crate-type cdylib`, not `cargo build`: a crate that is also
/// an rlib gets both from one build, and rustc then silently skips LTO
/// (rust-lang/rust#51009, rust-lang/cargo#9672), which left each widget
/// bundle about 20 kB brotli heavier.
pub fn wasm_cdylib(package: &str, features: Option<&str>) -> Result<PathBuf, String> {
    let mut args = vec![
        "rustc",
        "-p",
        package,
        "--lib",
        "--crate-type",
        "cdylib",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "wasm-release",
    ];
    if let Some(features) = features {
        args.extend(["--no-default-features", "--features", features]);
    }
    run(cargo().args(&args))?;
    Ok(target_dir()
        .join("wasm32-unknown-unknown")
        .join("wasm-release")
        .join(format!("{}.wasm", package.replace('-', "_"))))
}
