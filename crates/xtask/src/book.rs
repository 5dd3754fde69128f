//! The permissions guide (`book/`): its preprocessor, its wasm widgets and
//! its browser tests.
//!
//! `build(dist)` writes the guide into `<dist>/guide/`:
//! 1. `cargo build -p scopelens-book`: the `mdbook-scopelens` preprocessor,
//!    which generates the reference content from scopelens-core.
//! 2. For each widget bundle (`diagnose`, `tools`): `cargo rustc -p
//!    scopelens-widgets --lib --crate-type cdylib --target
//!    wasm32-unknown-unknown --profile wasm-release --no-default-features
//!    --features <bundle>` (cdylib alone, so that LTO runs), then
//!    `wasm-bindgen --target web` and `wasm-opt -Oz` (binaryen 132), into a
//!    staging directory.
//! 3. `mdbook build book -d <dist>/guide`, with the preprocessor binary and
//!    the bundle's content hash passed through `MDBOOK_PREPROCESSOR__SCOPELENS__*`
//!    (the hash ends up in every placeholder and busts stale caches).
//! 4. The widget bundles are copied into `<dist>/guide/widgets/` (mdBook cleans
//!    its output directory, so this comes last).
//!
//! `e2e(dist)` builds the guide and runs `tests/e2e/book.mjs` under
//! `node --test`, which serves `dist` and tests `/guide/` in headless Chromium.

use crate::cargo::{cargo, target_dir};
use crate::{node_test, root, run, Step};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Features rustc's wasm32 output uses; wasm-opt must be told, since
/// wasm-bindgen drops the target-features section it could read them from.
pub(crate) const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
];

fn preprocessor() -> PathBuf {
    target_dir()
        .join("debug")
        .join(format!("mdbook-scopelens{}", std::env::consts::EXE_SUFFIX))
}

/// FNV-1a over the bundle, as 16 hex digits.
fn content_hash(parts: &[&[u8]]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.iter() {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The widget bundles (`scopelens_widgets::MODULES`, one cargo feature each):
/// a guide page loads only the bundles its placeholders name.
pub const WIDGET_MODULES: [&str; 2] = ["diagnose", "tools"];

/// The glue and wasm file names of a widget bundle.
pub fn widget_bundle_files(module: &str) -> [String; 2] {
    [
        format!("scopelens_widgets_{module}.js"),
        format!("scopelens_widgets_{module}_bg.wasm"),
    ]
}

/// `wasm-bindgen --target web` then `wasm-opt -Oz`, as Trunk does for the
/// app: writes `<out_dir>/<name>.js` and `<out_dir>/<name>_bg.wasm`.
pub fn bind_and_shrink(wasm: &Path, name: &str, out_dir: &Path) -> Step {
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-name", name])
        .arg("--out-dir")
        .arg(out_dir)
        .arg(wasm))?;
    let bg = out_dir.join(format!("{name}_bg.wasm"));
    run(Command::new("wasm-opt")
        .arg("-Oz")
        .args(WASM_FEATURES)
        .arg(&bg)
        .arg("-o")
        .arg(&bg))
}

/// Builds every widget bundle into `staging` and returns their content hash.
fn widgets(staging: &Path) -> Result<String, String> {
    if staging.exists() {
        std::fs::remove_dir_all(staging).map_err(|e| e.to_string())?;
    }
    let mut contents = Vec::new();
    for module in WIDGET_MODULES {
        // `cargo rustc --crate-type cdylib`, not `cargo build`: the crate is
        // also an rlib (the preprocessor reads its bundle table), and rustc
        // silently skips LTO when one build emits both (rust-lang/rust#51009,
        // rust-lang/cargo#9672), which left each bundle about 20 kB brotli
        // heavier.
        run(cargo().args([
            "rustc",
            "-p",
            "scopelens-widgets",
            "--lib",
            "--crate-type",
            "cdylib",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
            "--no-default-features",
            "--features",
            module,
        ]))?;
        let wasm = target_dir()
            .join("wasm32-unknown-unknown")
            .join("wasm-release")
            .join("scopelens_widgets.wasm");
        let [js, bg] = widget_bundle_files(module);
        bind_and_shrink(&wasm, &format!("scopelens_widgets_{module}"), staging)?;
        contents.push(read(&staging.join(js))?);
        contents.push(read(&staging.join(bg))?);
    }
    let parts: Vec<&[u8]> = contents.iter().map(Vec::as_slice).collect();
    Ok(content_hash(&parts))
}

/// Builds the guide, its preprocessor and its widgets into `<dist>/guide/`.
pub fn build(dist: &Path) -> Step {
    run(cargo().args(["build", "-p", "scopelens-book"]))?;
    let staging = target_dir().join("book-widgets");
    let hash = widgets(&staging)?;
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
        .env("MDBOOK_PREPROCESSOR__SCOPELENS__BUNDLE", &hash)
        .current_dir(root()))?;
    let out = guide.join("widgets");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    // The widgets' loader imports the app's bundle loader: one copy of it.
    std::fs::copy(
        root().join("site").join("bundle-loader.js"),
        out.join("bundle-loader.js"),
    )
    .map_err(|e| format!("cannot copy site/bundle-loader.js: {e}"))?;
    let mut sizes = Vec::new();
    for module in WIDGET_MODULES {
        for name in widget_bundle_files(module) {
            std::fs::copy(staging.join(&name), out.join(&name))
                .map_err(|e| format!("cannot copy {name}: {e}"))?;
        }
        let [_, wasm] = widget_bundle_files(module);
        let size = std::fs::metadata(out.join(wasm)).map_or(0, |m| m.len());
        sizes.push(format!("{module} {} KB", size / 1024));
    }
    eprintln!(
        "xtask book: guide in {} (widget wasm: {}; bundle {hash})",
        guide.display(),
        sizes.join(", ")
    );
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
    node_test::node_test(
        &[root().join("tests").join("e2e").join("book.mjs")],
        dist,
        None,
        &[("SCOPELENS_BOOK_TRUTH", &truth)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_hashing() {
        assert_eq!(shell_quote(Path::new("/a/b-c_d.e")), "/a/b-c_d.e");
        assert_eq!(shell_quote(Path::new("/a b/it's")), r"'/a b/it'\''s'");
        assert_eq!(content_hash(&[b"a", b"b"]), content_hash(&[b"ab"]));
        assert_ne!(content_hash(&[b"a"]), content_hash(&[b"b"]));
        assert_eq!(content_hash(&[]).len(), 16);
    }
}
