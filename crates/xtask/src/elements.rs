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

/// Builds every bundle into `staging` and returns their content hash.
fn bundles(staging: &Path) -> Result<String, String> {
    if staging.exists() {
        std::fs::remove_dir_all(staging).map_err(|e| e.to_string())?;
    }
    let mut contents = Vec::new();
    for bundle in Bundle::ALL {
        let wasm = wasm_cdylib("scopelens-widgets", Some(bundle.id()))?;
        let [js, bg] = bundle_files(bundle);
        bind_and_shrink(
            &wasm,
            &format!("scopelens_widgets_{}", bundle.id()),
            staging,
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

/// `css` without its comments: every page with an element fetches the
/// file, and its comments are for the source's readers.
fn without_css_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out.lines()
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `js` without its whole-line `//` comments (the script's own, which never
/// sit inside a string or a template).
fn without_line_comments(js: &str) -> String {
    js.lines()
        .filter(|line| !line.trim_start().starts_with("//") && !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
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
    let css = std::fs::read_to_string(sources().join("elements.css")).map_err(|e| e.to_string())?;
    std::fs::write(out.join("elements.css"), without_css_comments(&css))
        .map_err(|e| e.to_string())?;
    std::fs::write(
        out.join("scopelens-elements.js"),
        without_line_comments(&script()?),
    )
    .map_err(|e| e.to_string())?;
    let mut sizes = Vec::new();
    for bundle in Bundle::ALL {
        for name in bundle_files(bundle) {
            copy(&staging.join(&name), &name)?;
        }
        let [_, wasm] = bundle_files(bundle);
        let size = std::fs::metadata(out.join(wasm)).map_or(0, |m| m.len());
        sizes.push(format!("{} {} KB", bundle.id(), size / 1024));
    }
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
    fn comments_are_left_out_of_what_pages_fetch_and_nothing_else() {
        assert_eq!(
            without_css_comments("/* a */\n:host { color: red; /* b */ }\n\n.x{}/* c"),
            ":host { color: red;  }\n.x{}"
        );
        assert_eq!(
            without_line_comments("// a\nconst x = \"//y\"; // kept\n  // b\n\nf();"),
            "const x = \"//y\"; // kept\nf();"
        );
        let css = std::fs::read_to_string(sources().join("elements.css")).unwrap();
        let stripped = without_css_comments(&css);
        assert!(!stripped.contains("/*") && stripped.contains(":host"));
        assert_eq!(stripped.matches('{').count(), css.matches('{').count());
    }

    #[test]
    fn the_script_gets_the_cores_table() {
        let script = script().unwrap();
        assert!(script.contains("\"scopelens-decoder\":{"), "{script}");
        assert!(!script.contains("/* ELEMENTS */"));
    }
}
