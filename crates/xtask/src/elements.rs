//! scopelens' custom elements (`<scopelens-decoder>` and the others; their
//! tags and attributes: `scopelens_core::elements`), for any page, written
//! into `<dist>/elements/`:
//! - `scopelens-elements.js`, which defines the elements: the source in
//!   `crates/scopelens-widgets/web/` with the core's table of tags, bundles
//!   and attributes written in;
//! - `elements.css`, their styles inside each shadow root;
//! - `bundle-loader.js`, the app's bundle loader (one copy of it);
//! - for each bundle (`diagnose`, `tools`): `cargo rustc -p
//!   scopelens-widgets --lib --crate-type cdylib --target
//!   wasm32-unknown-unknown --profile wasm-release --no-default-features
//!   --features <bundle>` (cdylib alone, so that LTO runs), then
//!   `wasm-bindgen --target web` and `wasm-opt -Oz` (binaryen 132).
//!
//! Every script and stylesheet there is then minified (`minify.rs`).

use crate::cargo::{target_dir, wasm_cdylib};
use crate::{root, run, Step};
use scopelens_core::elements::{script_table, Bundle};
use std::path::Path;
use std::process::Command;

/// Features rustc's wasm32 output uses; wasm-opt must be told, since
/// wasm-bindgen drops the target-features section it could read them from.
pub const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
];

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

/// The glue and wasm file names of a bundle.
pub fn bundle_files(bundle: Bundle) -> [String; 2] {
    let name = bundle.id();
    [
        format!("scopelens_widgets_{name}.js"),
        format!("scopelens_widgets_{name}_bg.wasm"),
    ]
}

/// `wasm-bindgen --target web` then `wasm-opt -Oz`, as Trunk does for the
/// app: writes `<out_dir>/<name>.js` and `<out_dir>/<name>_bg.wasm`.
pub fn bind_and_shrink(wasm: &Path, name: &str, out_dir: &Path) -> Step {
    bind_and_shrink_with(wasm, name, out_dir, &[])
}

/// What the elements' bundles get from wasm-opt beyond `-Oz` (1.2 kB brotli
/// off the decoder's bundle, 0.9 kB off the tools'): run the passes until
/// nothing shrinks, and use that nothing lives in memory's first kilobyte.
/// It does not: rustc links the stack first, from 1 MiB down, so an address
/// that low is only reached a moment before the stack overflows and traps.
const ELEMENTS_WASM_OPT: &[&str] = &["--converge", "--low-memory-unused"];

fn bind_and_shrink_with(wasm: &Path, name: &str, out_dir: &Path, extra: &[&str]) -> Step {
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-name", name])
        .arg("--out-dir")
        .arg(out_dir)
        .arg(wasm))?;
    let bg = out_dir.join(format!("{name}_bg.wasm"));
    run(Command::new("wasm-opt")
        .arg("-Oz")
        .args(extra)
        .args(WASM_FEATURES)
        .arg(&bg)
        .arg("-o")
        .arg(&bg))
}

/// Builds every bundle into `staging` and returns their content hash.
fn bundles(staging: &Path) -> Result<String, String> {
    if staging.exists() {
        std::fs::remove_dir_all(staging).map_err(|e| e.to_string())?;
    }
    let mut contents = Vec::new();
    for bundle in Bundle::ALL {
        let wasm = wasm_cdylib("scopelens-widgets", Some(bundle.id()))?;
        let [js, bg] = bundle_files(bundle);
        bind_and_shrink_with(
            &wasm,
            &format!("scopelens_widgets_{}", bundle.id()),
            staging,
            ELEMENTS_WASM_OPT,
        )?;
        contents.push(read(&staging.join(js))?);
        contents.push(read(&staging.join(bg))?);
    }
    let parts: Vec<&[u8]> = contents.iter().map(Vec::as_slice).collect();
    Ok(content_hash(&parts))
}

/// The elements' sources (`crates/scopelens-widgets/web/`).
fn sources() -> std::path::PathBuf {
    root().join("crates").join("scopelens-widgets").join("web")
}

/// The elements' script with the core's table written in.
fn script() -> Result<String, String> {
    let path = sources().join("scopelens-elements.js");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let marker = "/* ELEMENTS */ {}";
    if !text.contains(marker) {
        return Err(format!("{} has no `{marker}` to fill", path.display()));
    }
    Ok(text.replace(marker, &script_table()))
}

/// Builds the elements into `<dist>/elements/` and returns their version
/// (a content hash), for URLs that must not mix two builds.
pub fn build(dist: &Path) -> Result<String, String> {
    let staging = target_dir().join("elements");
    let hash = bundles(&staging)?;
    let out = dist.join("elements");
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| e.to_string())?;
    }
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let copy = |from: &Path, name: &str| {
        std::fs::copy(from, out.join(name))
            .map(drop)
            .map_err(|e| format!("cannot copy {}: {e}", from.display()))
    };
    copy(
        &root().join("site").join("bundle-loader.js"),
        "bundle-loader.js",
    )?;
    copy(&sources().join("elements.css"), "elements.css")?;
    std::fs::write(out.join("scopelens-elements.js"), script()?).map_err(|e| e.to_string())?;
    let mut sizes = Vec::new();
    for bundle in Bundle::ALL {
        for name in bundle_files(bundle) {
            copy(&staging.join(&name), &name)?;
        }
        let [_, wasm] = bundle_files(bundle);
        let size = std::fs::metadata(out.join(wasm)).map_or(0, |m| m.len());
        sizes.push(format!("{} {} KB", bundle.id(), size / 1024));
    }
    crate::minify::in_place(&crate::minify::scripts_and_styles(&out)?)?;
    eprintln!(
        "xtask elements: {} (wasm: {}; version {hash})",
        out.display(),
        sizes.join(", ")
    );
    Ok(hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_depends_on_the_bytes_only() {
        assert_eq!(content_hash(&[b"a", b"b"]), content_hash(&[b"ab"]));
        assert_ne!(content_hash(&[b"a"]), content_hash(&[b"b"]));
        assert_eq!(content_hash(&[]).len(), 16);
    }

    #[test]
    fn the_script_gets_the_cores_table() {
        let script = script().unwrap();
        assert!(script.contains("\"scopelens-decoder\":{"), "{script}");
        assert!(!script.contains("/* ELEMENTS */"));
    }
}
