//! Minifying the scripts and stylesheets pages fetch, with esbuild (pinned
//! in `tools.rs`), in place. Trunk minifies the page and its stylesheet but
//! copies `init.js` and the wasm-bindgen glue as written: esbuild takes
//! 2.3 kB (brotli) off the app's first load. A page that names a file with
//! an `integrity` digest gets the digest of the minified file.

use crate::{run, Step};
use base64::Engine;
use sha2::{Digest, Sha384};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Minifies each file (`.js` or `.css`) in place. esbuild keeps a script's
/// format (module or classic) and never renames properties, so the glue's
/// import names, which the wasm looks up by name, stay as they are.
pub fn in_place(files: &[PathBuf]) -> Step {
    for file in files {
        run(Command::new(crate::tools::esbuild())
            .arg(file)
            .args(["--minify", "--log-level=warning", "--allow-overwrite"])
            .arg(format!("--outfile={}", file.display())))?;
    }
    Ok(())
}

/// The scripts and stylesheets directly in `dir`.
pub fn scripts_and_styles(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.is_file()
                && path
                    .extension()
                    .is_some_and(|ext| ext == "js" || ext == "css")
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Minifies the app in `dist` (what Trunk wrote) and gives `index.html`
/// the digests of the files it names with `integrity`.
pub fn site(dist: &Path) -> Step {
    let files = scripts_and_styles(dist)?;
    // Trunk already minified the stylesheet, and named it by its digest.
    let scripts: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "js"))
        .collect();
    in_place(&scripts)?;
    let page = dist.join("index.html");
    let html = std::fs::read_to_string(&page)
        .map_err(|e| format!("cannot read {}: {e}", page.display()))?;
    let fixed = with_digests(&html, |href| {
        let path = dist.join(href.trim_start_matches("./"));
        std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    })?;
    std::fs::write(&page, fixed).map_err(|e| format!("cannot write {}: {e}", page.display()))
}

/// `sha384-…` of `bytes`, as subresource integrity writes it.
fn digest(bytes: &[u8]) -> String {
    let hash = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(hash)
    )
}

/// `html` with each tag's `integrity` value replaced by the digest of the
/// file its `href` names (`read` gives the bytes). Attributes may be quoted
/// or not, as Trunk's minifier writes them.
fn with_digests(
    html: &str,
    read: impl Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<String, String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        let tag = &rest[start..end];
        out.push_str(&rest[..start]);
        match (attribute(tag, "integrity"), attribute(tag, "href")) {
            (Some(old), Some(href)) => {
                out.push_str(&tag.replacen(old, &digest(&read(href)?), 1));
            }
            _ => out.push_str(tag),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The value of `name` in a tag, quoted or not.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag
        .match_indices(name)
        .find(|(i, _)| {
            tag[..*i].ends_with(char::is_whitespace) && tag[i + name.len()..].starts_with('=')
        })?
        .0;
    let value = &tag[at + name.len() + 1..];
    match value.chars().next()? {
        quote @ ('"' | '\'') => value[1..].split(quote).next(),
        _ => value.split(|c: char| c.is_whitespace() || c == '>').next(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_is_written_as_subresource_integrity_writes_it() {
        // The SRI specification's example: `alert('Hello, world.');`.
        assert_eq!(
            digest(b"alert('Hello, world.');"),
            "sha384-H8BRh8j48O9oYatfu5AZzq6A9RINhZO5H16dQZngK7T62em8MUt1FLm52t+eX6xO"
        );
    }

    #[test]
    fn each_integrity_gets_the_digest_of_the_file_its_tag_names() {
        let html = "<link href=./a.js integrity=sha384-old rel=modulepreload>\
                    <p>x</p><link rel=\"preload\" integrity=\"sha384-old2\" href=\"./b.wasm\">\
                    <script src=./init.js></script>";
        let fixed = with_digests(html, |href| Ok(href.as_bytes().to_vec())).unwrap();
        assert_eq!(
            fixed,
            format!(
                "<link href=./a.js integrity={} rel=modulepreload>\
                 <p>x</p><link rel=\"preload\" integrity=\"{}\" href=\"./b.wasm\">\
                 <script src=./init.js></script>",
                digest(b"./a.js"),
                digest(b"./b.wasm")
            )
        );
    }

    #[test]
    fn a_file_that_cannot_be_read_is_an_error_not_a_stale_digest() {
        let html = "<link href=./gone.js integrity=sha384-old>";
        assert!(with_digests(html, |_| Err("no such file".into())).is_err());
    }

    #[test]
    fn attributes_are_read_quoted_and_unquoted_and_only_by_their_whole_name() {
        let tag = "<link data-href=x href='./a b.js' integrity=sha384-z>";
        assert_eq!(attribute(tag, "href"), Some("./a b.js"));
        assert_eq!(attribute(tag, "integrity"), Some("sha384-z"));
        assert_eq!(attribute(tag, "rel"), None);
    }
}
