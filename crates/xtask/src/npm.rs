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
//! 3. `wasm-bindgen --target nodejs` on the same wasm for `require()`: only
//!    its CommonJS glue ships (`wasm/scopelens.cjs`), which loads the one
//!    `scopelens_bg.wasm`; the build checks that both targets' wasm is the
//!    same file.
//! 4. The package's own files beside them, then `npm pack`, which prints
//!    the tarball's packed and unpacked sizes.
//!
//! Testing: a fresh project in `target/npm/consumer/`, `npm install
//! --offline <tarball>`, and the package's `test/*.test.{mjs,cjs}` run there
//! with `node --test`, against the Rust CLI (`target/debug/scopelens`), the
//! fixture corpus, and TypeScript's `tsc` from the tool cache; then the
//! tests that prove the package in Node (`NODE_18_TESTS`) again under Node
//! 18 (`tools::NODE_18`), the oldest the package supports.

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
    "index.cjs",
    "browser.js",
    "index.d.ts",
    "index.d.cts",
    "triage.js",
    "bin/scopelens.js",
];

/// The wasm-bindgen output's name: `wasm/scopelens.js`, `wasm/scopelens_bg.wasm`.
const WASM_NAME: &str = "scopelens";

/// The tests run under Node 18 too: the package's functions, its command
/// and `require()`, and the corpus. The browser entry's test (which stands
/// in a fetch for a browser's) and the `tsc` runs stay on the machine's Node.
const NODE_18_TESTS: &[&str] = &[
    "api.test.mjs",
    "cli.test.mjs",
    "corpus.test.mjs",
    "require.test.cjs",
];

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
    commonjs_glue(&wasm, &bg, &wasm_out.join(format!("{WASM_NAME}.cjs")))?;
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
    let triage = std::fs::read_to_string(package_dir().join("triage.js"))
        .map_err(|e| format!("cannot read packages/scopelens/triage.js: {e}"))?;
    std::fs::write(staging.join("triage.cjs"), triage_commonjs(&triage)?)
        .map_err(|e| format!("cannot write triage.cjs: {e}"))?;
    pack(&staging)
}

/// wasm-bindgen's `--target nodejs` glue for `wasm` written to `to`: the
/// same functions as the web glue, as CommonJS, instantiating
/// `scopelens_bg.wasm` from beside itself when required. Its own wasm must be
/// `web_bg` byte for byte (it is: the targets differ only in the glue), so
/// that one wasm file serves both; if a wasm-bindgen release ever made them
/// differ, the build stops here rather than ship a glue for another wasm.
fn commonjs_glue(wasm: &Path, web_bg: &Path, to: &Path) -> Step {
    let out = npm_dir().join("nodejs-glue");
    if out.exists() {
        std::fs::remove_dir_all(&out)
            .map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    run(Command::new("wasm-bindgen")
        .args([
            "--target",
            "nodejs",
            "--no-typescript",
            "--out-name",
            WASM_NAME,
        ])
        .arg("--out-dir")
        .arg(&out)
        .arg(wasm))?;
    let read = |path: &Path| {
        std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    if read(&out.join(format!("{WASM_NAME}_bg.wasm")))? != read(web_bg)? {
        return Err(format!(
            "wasm-bindgen's nodejs and web targets made different wasm from {}: the CommonJS \
             glue cannot share the web target's scopelens_bg.wasm",
            wasm.display()
        ));
    }
    let glue = out.join(format!("{WASM_NAME}.js"));
    std::fs::copy(&glue, to)
        .map_err(|e| format!("cannot copy {} to {}: {e}", glue.display(), to.display()))?;
    Ok(())
}

/// `triage.js` for `require()`: the same code over the CommonJS glue, so
/// that `triage()` is written once (Node 18 cannot require an ES module).
fn triage_commonjs(esm: &str) -> Result<String, String> {
    const IMPORT: &str = "import { LogTriage } from \"./wasm/scopelens.js\";";
    const EXPORT: &str = "export async function triage(";
    if esm.matches(IMPORT).count() != 1 || esm.matches(EXPORT).count() != 1 {
        return Err(format!(
            "packages/scopelens/triage.js must import LogTriage with `{IMPORT}` and export only \
             `{EXPORT}…`, once each, for its CommonJS copy to be made"
        ));
    }
    let body = esm
        .replace(
            IMPORT,
            "const { LogTriage } = require(\"./wasm/scopelens.cjs\");",
        )
        .replace(EXPORT, "async function triage(");
    Ok(format!(
        "// Made from triage.js by `cargo xtask npm`.\n\"use strict\";\n{body}\nmodule.exports = {{ triage }};\n"
    ))
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
    let node_18 = tools::ensure_node_18()?;
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
        if name.ends_with(".test.mjs") || name.ends_with(".test.cjs") {
            test_files.push(name.to_string());
        }
    }
    test_files.sort();
    if let Some(missing) = NODE_18_TESTS
        .iter()
        .find(|t| !test_files.iter().any(|f| f == *t))
    {
        return Err(format!(
            "packages/scopelens/test/{missing} is gone; update NODE_18_TESTS in crates/xtask/src/npm.rs"
        ));
    }
    let cli = target_dir()
        .join("debug")
        .join(format!("scopelens{}", std::env::consts::EXE_SUFFIX));
    let node_test = |node: &Path, files: &[&str]| {
        let mut cmd = Command::new(node);
        cmd.arg("--test")
            .args(files.iter().map(|f| format!("test/{f}")))
            .env("SCOPELENS_CLI", &cli)
            .env("SCOPELENS_FIXTURES", root().join("tests").join("fixtures"))
            .current_dir(&project);
        cmd
    };
    let all: Vec<&str> = test_files.iter().map(String::as_str).collect();
    let started = std::time::Instant::now();
    run(node_test(Path::new("node"), &all).env("SCOPELENS_TSC", tools::tsc()))?;
    eprintln!(
        "xtask npm: the installed package passed its tests in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let version = node_version(&node_18)?;
    if !version.starts_with("v18.") {
        return Err(format!(
            "{} is Node {version}, not 18 (SCOPELENS_NODE_18 names a `node` 18)",
            node_18.display()
        ));
    }
    let started = std::time::Instant::now();
    // npm itself may not run on Node 18, so the command is run without npx.
    run(node_test(&node_18, NODE_18_TESTS).env("SCOPELENS_WITHOUT_NPX", "1"))?;
    eprintln!(
        "xtask npm: and {} of them under Node {version} in {:.1} s",
        NODE_18_TESTS.join(", "),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn node_version(node: &Path) -> Result<String, String> {
    let output = Command::new(node)
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run {} --version: {e}", node.display()))?;
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::{package_dir, readable_doc_comments, triage_commonjs};

    #[test]
    fn the_package_triage_becomes_commonjs_with_no_module_syntax_left() {
        let esm = std::fs::read_to_string(package_dir().join("triage.js")).unwrap();
        let cjs = triage_commonjs(&esm).unwrap();
        assert!(cjs.contains("require(\"./wasm/scopelens.cjs\")"));
        assert!(cjs.ends_with("module.exports = { triage };\n"));
        assert!(!cjs
            .lines()
            .any(|l| l.starts_with("import ") || l.starts_with("export ")));
    }

    #[test]
    fn a_triage_written_otherwise_is_refused_with_what_to_write() {
        let error = triage_commonjs("export function triage() {}").unwrap_err();
        assert!(error.contains("import LogTriage"), "{error}");
    }

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
