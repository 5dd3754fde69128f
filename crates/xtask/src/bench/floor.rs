//! The size floor: the least a page built on this architecture can fetch.

use super::sizes::{size_of, FileSize, APP_TARGET, TOOLS_PAGE_CEILING};
use crate::{cargo, run};
use serde_json::{json, Value};

/// What each variant of the size floor (`crates/scopelens-ui/examples/size_floor.rs`)
/// stands for, and which page's other files it is compared with.
const FLOOR_VARIANTS: [(&str, &str); 3] = [
    ("yew", "Yew alone"),
    (
        "diagnose",
        "+ diagnosis as Markdown: a guide widget's floor",
    ),
    ("app", "+ opened from a share link: the app's floor"),
];

/// The size floor: the smallest Yew page that diagnoses a paste, built in
/// each variant the way the app and the widgets are built. Its wasm and glue
/// plus the page's other files as they are now (the app's HTML, loader and
/// stylesheet; the guide's widget loader and stylesheet) is the least a page
/// can fetch with no view at all, shown next to its target (the 150 KiB
/// first-load goal for the app, the tools-page ceiling for a widget).
pub fn floor(app: &[FileSize], widgets: &[FileSize]) -> Result<Value, String> {
    let others = |files: &[FileSize], is_bundle: &dyn Fn(&str) -> bool| -> u64 {
        files
            .iter()
            .filter(|f| !is_bundle(&f.path))
            .map(|f| f.brotli)
            .sum()
    };
    let app_others = others(app, &|p| {
        p.ends_with(".wasm") || (p.starts_with("scopelens-site-") && p.ends_with(".js"))
    });
    let widget_others = others(widgets, &|p| p.contains("scopelens_widgets_"));
    let staging = cargo::target_dir().join("bench-floor");
    let mut rows = Vec::new();
    for (variant, what) in FLOOR_VARIANTS {
        run(cargo::cargo()
            .args(["build", "-p", "scopelens-ui", "--example", "size_floor"])
            .args([
                "--target",
                "wasm32-unknown-unknown",
                "--profile",
                "wasm-release",
            ])
            .env("SCOPELENS_FLOOR", variant))?;
        let built = cargo::target_dir()
            .join("wasm32-unknown-unknown/wasm-release/examples/size_floor.wasm");
        let name = format!("size_floor_{variant}");
        crate::elements::bind_and_shrink(&built, &name, &staging)?;
        let wasm = size_of(&staging, &format!("{name}_bg.wasm"))?.brotli;
        let glue = size_of(&staging, &format!("{name}.js"))?.brotli;
        let (rest, target) = match variant {
            "app" => (app_others, Some(APP_TARGET)),
            "diagnose" => (widget_others, Some(TOOLS_PAGE_CEILING)),
            _ => (0, None),
        };
        rows.push(
            json!({"variant": variant, "what": what, "wasm_brotli": wasm, "glue_brotli": glue,
                         "rest_of_page_brotli": rest, "total_brotli": wasm + glue + rest,
                         "target_brotli": target}),
        );
    }
    println!("\nSize floor (examples/size_floor.rs: a text box and its answer, no views), brotli");
    println!(
        "  {:<56} {:>8} {:>6} {:>11} {:>8} {:>8}",
        "variant", "wasm", "glue", "page's rest", "total", "target"
    );
    for row in &rows {
        let cell = |key: &str| row[key].as_u64().map_or(String::new(), |n| n.to_string());
        println!(
            "  {:<56} {:>8} {:>6} {:>11} {:>8} {:>8}",
            format!(
                "{}: {}",
                row["variant"].as_str().unwrap_or(""),
                row["what"].as_str().unwrap_or("")
            ),
            cell("wasm_brotli"),
            cell("glue_brotli"),
            cell("rest_of_page_brotli"),
            cell("total_brotli"),
            cell("target_brotli"),
        );
    }
    Ok(Value::Array(rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::root;

    #[test]
    fn every_floor_variant_is_one_the_probe_builds() {
        let probe =
            std::fs::read_to_string(root().join("crates/scopelens-ui/examples/size_floor.rs"))
                .unwrap();
        for (variant, _) in FLOOR_VARIANTS {
            assert!(
                probe.contains(&format!("same(VARIANT, \"{variant}\")")),
                "examples/size_floor.rs does not build the `{variant}` variant"
            );
        }
    }
}
