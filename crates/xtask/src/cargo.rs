//! The cargo that runs xtask, in the workspace root, and where it builds.

use crate::root;
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
