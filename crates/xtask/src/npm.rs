//! The npm package `scopelens` (`packages/scopelens/`): `cargo xtask npm`
//! builds it and packs it into `target/npm/`, the tarball `npm publish`
//! would upload; `cargo xtask npm --test` then tests it as a user gets it.
//!
//! Building:
//! 1. `cargo rustc -p scopelens-js --lib --crate-type cdylib --target
//!    wasm32-unknown-unknown --profile wasm-release` (cdylib alone, so that
//!    LTO runs; see `book.rs`).
//! 2. `wasm-bindgen --target web --out-name scopelens` (with the `.d.ts`,
//!    whose types tsify-next generates from scopelens-core's) and `wasm-opt
//!    -Oz` (binaryen 132), into `target/npm/staging/wasm/`.
//! 3. The package's own files beside them, then `npm pack`, which prints
//!    the tarball's packed and unpacked sizes.
//!
//! Testing: a fresh project in `target/npm/consumer/`, `npm install
//! --offline <tarball>`, and the package's `test/*.test.mjs` run there with
//! `node --test`, against the Rust CLI (`target/debug/scopelens`), the
//! fixture corpus, and TypeScript's `tsc` from the tool cache.

use crate::cargo::{cargo, target_dir, wasm_cdylib};
use crate::elements::WASM_FEATURES;
use crate::{root, run, tools, Step};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The package's files that ship as they are (the wasm is built).
const PACKAGE_FILES: &[&str] = &[
    "package.json",
    "README.md",
    "index.js",
    "browser.js",
    "index.d.ts",
    "triage.js",
    "bin/scopelens.js",
];

/// The wasm-bindgen output's name: `wasm/scopelens.js`, `wasm/scopelens_bg.wasm`.
const WASM_NAME: &str = "scopelens";

fn package_dir() -> PathBuf {
    root().join("packages").join("scopelens")
}

fn npm_dir() -> PathBuf {
    target_dir().join("npm")
}

/// `cargo xtask npm [--test]`.
pub fn npm(args: &[String]) -> Step {
    let test_too = match args {
        [] => false,
        [flag] if flag == "--test" => true,
        _ => return Err("usage: cargo xtask npm [--test]".to_string()),
    };
    let tarball = build()?;
    if test_too {
        test(&tarball)?;
    }
    Ok(())
}

/// Builds and packs the package; returns the tarball's path.
pub fn build() -> Result<PathBuf, String> {
    tools::setup()?;
    let wasm = wasm_cdylib("scopelens-js", None)?;
    let staging = npm_dir().join("staging");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)
            .map_err(|e| format!("cannot clear {}: {e}", staging.display()))?;
    }
    let wasm_out = staging.join("wasm");
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--out-name", WASM_NAME])
        .arg("--out-dir")
        .arg(&wasm_out)
        .arg(&wasm))?;
    let bg = wasm_out.join(format!("{WASM_NAME}_bg.wasm"));
    run(Command::new("wasm-opt")
        .arg("-Oz")
        .args(WASM_FEATURES)
        .arg(&bg)
        .arg("-o")
        .arg(&bg))?;
    let declarations = wasm_out.join(format!("{WASM_NAME}.d.ts"));
    let text = std::fs::read_to_string(&declarations)
        .map_err(|e| format!("cannot read {}: {e}", declarations.display()))?;
    std::fs::write(&declarations, readable_doc_comments(&text))
        .map_err(|e| format!("cannot write {}: {e}", declarations.display()))?;
    // Nothing the package does not import: no `.d.ts` for the raw wasm exports.
    let _ = std::fs::remove_file(wasm_out.join(format!("{WASM_NAME}_bg.wasm.d.ts")));
    for file in PACKAGE_FILES {
        let to = staging.join(file);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::copy(package_dir().join(file), &to)
            .map_err(|e| format!("cannot copy packages/scopelens/{file}: {e}"))?;
    }
    pack(&staging)
}

/// tsify-next 0.5.6 writes a doc comment as its token's source form: a
/// comment forwarded through a `macro_rules!` (the core's `named_enum!`)
/// comes out as ` *r" text`, and an apostrophe in any comment as `\'`. Inside
/// `/** … */` blocks only, those become plain text again.
fn readable_doc_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_comment = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("/**") {
            in_comment = true;
        }
        if in_comment {
            let indent = &line[..line.len() - trimmed.len()];
            let body = trimmed
                .strip_prefix("*r\" ")
                .map_or_else(|| trimmed.to_string(), |rest| format!("* {rest}"));
            out.push_str(indent);
            out.push_str(&body.replace("\\'", "'").replace("\\\"", "\""));
        } else {
            out.push_str(line);
        }
        if trimmed.starts_with("*/") || trimmed.trim_end().ends_with("*/") {
            in_comment = false;
        }
    }
    out
}

/// `npm pack` into `target/npm/`; prints and returns the tarball.
fn pack(staging: &Path) -> Result<PathBuf, String> {
    let out = npm_dir();
    let output = Command::new("npm")
        .args(["pack", "--json", "--pack-destination"])
        .arg(&out)
        .current_dir(staging)
        .env("PATH", tools::path_env())
        .output()
        .map_err(|e| format!("cannot run npm pack: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "npm pack failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let report: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("npm pack printed no JSON report: {e}"))?;
    let packed = &report[0];
    let name = packed["filename"]
        .as_str()
        .ok_or("npm pack did not name its tarball")?;
    let size = |key: &str| packed[key].as_u64().unwrap_or(0);
    eprintln!(
        "xtask npm: {} ({} files): {} packed, {} unpacked",
        out.join(name).display(),
        packed["entryCount"].as_u64().unwrap_or(0),
        kib(size("size")),
        kib(size("unpackedSize")),
    );
    Ok(out.join(name))
}

fn kib(bytes: u64) -> String {
    format!("{:.1} KiB ({bytes} bytes)", bytes as f64 / 1024.0)
}

/// Installs `tarball` offline into a fresh project and runs the package's
/// tests there.
pub fn test(tarball: &Path) -> Step {
    tools::ensure_typescript()?;
    run(cargo().args(["build", "-p", "scopelens-cli"]))?;
    let project = npm_dir().join("consumer");
    if project.exists() {
        std::fs::remove_dir_all(&project)
            .map_err(|e| format!("cannot clear {}: {e}", project.display()))?;
    }
    let tests = project.join("test");
    std::fs::create_dir_all(&tests).map_err(|e| e.to_string())?;
    std::fs::write(
        project.join("package.json"),
        "{\"name\": \"scopelens-consumer\", \"private\": true, \"type\": \"module\"}\n",
    )
    .map_err(|e| e.to_string())?;
    run(Command::new("npm")
        .args(["install", "--offline", "--no-audit", "--no-fund"])
        .arg(tarball)
        .current_dir(&project))?;
    let mut test_files = Vec::new();
    let sources = std::fs::read_dir(package_dir().join("test"))
        .map_err(|e| format!("cannot list packages/scopelens/test: {e}"))?;
    for entry in sources {
        let path = entry.map_err(|e| e.to_string())?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        std::fs::copy(&path, tests.join(name)).map_err(|e| format!("cannot copy {name}: {e}"))?;
        if name.ends_with(".test.mjs") {
            test_files.push(format!("test/{name}"));
        }
    }
    test_files.sort();
    let cli = target_dir()
        .join("debug")
        .join(format!("scopelens{}", std::env::consts::EXE_SUFFIX));
    let started = std::time::Instant::now();
    run(Command::new("node")
        .arg("--test")
        .args(&test_files)
        .env("SCOPELENS_CLI", cli)
        .env("SCOPELENS_FIXTURES", root().join("tests").join("fixtures"))
        .env("SCOPELENS_TSC", tools::tsc())
        .current_dir(&project))?;
    eprintln!(
        "xtask npm: the installed package passed its tests in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::readable_doc_comments;

    #[test]
    fn doc_comments_lose_their_token_quoting_and_code_keeps_its_own() {
        let text =
            "/**\n *r\" Who can fix it.\n * The app\\'s token.\n */\nexport type A = \"it\\'s\";\n";
        assert_eq!(
            readable_doc_comments(text),
            "/**\n * Who can fix it.\n * The app's token.\n */\nexport type A = \"it\\'s\";\n"
        );
    }
}
