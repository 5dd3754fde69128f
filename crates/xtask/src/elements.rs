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

/// `css` as pages fetch it: every page with an element fetches the file,
/// and its comments and layout are for the source's readers. Leaves out
/// comments, and white space where CSS never needs it: after `{ } ; , : > (`
/// and `!`-free places before `{ } ; , > ) !`, and a `;` before `}`. White
/// space between words (`1px solid`, `.a .b`), around `+ - *` (which
/// `calc()` needs) and inside strings stays.
fn minify_css(css: &str) -> String {
    let no_space_after = |c: char| "{};,:>(".contains(c);
    let no_space_before = |c: char| "{};,>)!".contains(c);
    let mut out = String::with_capacity(css.len());
    let mut space = false;
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut last = ' ';
            for c in chars.by_ref() {
                if last == '*' && c == '/' {
                    break;
                }
                last = c;
            }
            space = true;
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let after = out.chars().last();
        if space && after.is_some_and(|a| !no_space_after(a)) && !no_space_before(c) {
            out.push(' ');
        }
        space = false;
        if c == '}' && after == Some(';') {
            out.pop();
        }
        out.push(c);
        if c == '"' || c == '\'' {
            // A string, to its closing quote, as written.
            while let Some(s) = chars.next() {
                out.push(s);
                if s == '\\' {
                    out.extend(chars.next());
                } else if s == c {
                    break;
                }
            }
        }
    }
    out
}

/// `js` as pages fetch it: without its indentation, blank lines, whole-line
/// comments (`//` and `/* … */`, which in this script never sit inside a
/// string or a template: a test checks that no template spans lines) and
/// `// …` after code that holds no quote or slash. Line breaks stay, so
/// automatic semicolons work as in the source.
fn minify_js(js: &str) -> String {
    let mut lines = Vec::new();
    let mut in_comment = false;
    for line in js.lines() {
        let line = line.trim();
        if in_comment {
            in_comment = !line.ends_with("*/");
            continue;
        }
        if line.starts_with("/*") {
            in_comment = !line.ends_with("*/");
            continue;
        }
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        let code = match line.split_once(" // ") {
            Some((code, _)) if !code.contains(['"', '\'', '`', '/']) => code.trim_end(),
            _ => line,
        };
        lines.push(code);
    }
    lines.join("\n")
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
    std::fs::write(out.join("elements.css"), minify_css(&css)).map_err(|e| e.to_string())?;
    std::fs::write(out.join("scopelens-elements.js"), minify_js(&script()?))
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
    fn css_loses_comments_and_the_space_it_does_not_need_and_nothing_else() {
        assert_eq!(
            minify_css("/* a */\n:host {\n  color: red; /* b */\n}\n\n.x > .y ,\n.z{ }/* c"),
            ":host{color:red}.x>.y,.z{}"
        );
        // Descendants, values of several words, calc() and strings keep their space.
        assert_eq!(
            minify_css(".a :hover .b { margin: 0 1em; height: calc(6 * 1.4em + 0.8em); }"),
            ".a :hover .b{margin:0 1em;height:calc(6 * 1.4em + 0.8em)}"
        );
        assert_eq!(
            minify_css("a { font: 1em \"Segoe UI\" , x; content: \"a ; } \\\" /* b\" }"),
            "a{font:1em \"Segoe UI\",x;content:\"a ; } \\\" /* b\"}"
        );
        assert_eq!(
            minify_css(":host { all: initial !important; x: var(--y, 1px 2px) }"),
            ":host{all:initial!important;x:var(--y,1px 2px)}"
        );
    }

    #[test]
    fn the_stylesheet_keeps_every_rule_and_every_word() {
        let css = std::fs::read_to_string(sources().join("elements.css")).unwrap();
        let min = minify_css(&css);
        assert!(!min.contains("/*") && !min.contains('\n') && min.starts_with(":host{"));
        let without_comments: String = css
            .split("/*")
            .enumerate()
            .map(|(i, part)| match i {
                0 => part,
                _ => part.split_once("*/").map_or("", |(_, rest)| rest),
            })
            .collect();
        for c in ['{', '}', '"', '(', ')', ':', ','] {
            let count = |text: &str| text.matches(c).count();
            assert_eq!(count(&min), count(&without_comments), "{c}");
        }
        let words = |text: &str| -> Vec<String> {
            text.split(|c: char| !c.is_ascii_alphanumeric() && !"-_#.%".contains(c))
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        };
        assert_eq!(words(&min), words(&without_comments));
    }

    #[test]
    fn js_loses_indentation_and_comments_and_keeps_its_lines() {
        assert_eq!(
            minify_js("// a\n  /** b\n   * c */\nconst x = \"//y\"; // kept\n  f(); // gone\n\n  /* d */\n\tg();"),
            "const x = \"//y\"; // kept\nf();\ng();"
        );
        let script = script().unwrap();
        for line in script.lines() {
            assert_eq!(
                line.matches('`').count() % 2,
                0,
                "a template spans lines: {line}"
            );
        }
        let min = minify_js(&script);
        assert!(min.contains("customElements.define(") && !min.contains("/**"));
        assert!(min.lines().all(|l| !l.starts_with(' ') && !l.is_empty()));
    }

    #[test]
    fn the_script_gets_the_cores_table() {
        let script = script().unwrap();
        assert!(script.contains("\"scopelens-decoder\":{"), "{script}");
        assert!(!script.contains("/* ELEMENTS */"));
    }
}
