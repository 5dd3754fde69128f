//! The scopelens guide's mdBook preprocessor (`mdbook-scopelens`).
//!
//! It replaces `{{#scopelens …}}` directives in the chapters with content
//! generated from scopelens-core's knowledge base and the fixture corpus:
//!
//! | directive | becomes |
//! |---|---|
//! | `errors` | the whole error catalog by category, each entry under a heading whose id is `ErrorEntry::anchor()` |
//! | `fields debug_token` (or `permissions`, `graph_error`, `webhook_error`) | the field reference table |
//! | `permissions`, `intents` | what each permission covers; what each intent needs |
//! | `access-table`, `steps own\|clients\|solution-partner` | the access paths and their steps, from `kb::recommend` |
//! | `checklist`, `review-checks`, `rejections`, `rejection-response` | App Review material from `kb::access` |
//! | `exit-codes` | verdicts and the CLI's exit status |
//! | `facts <topic>`, `fact <id>` | platform facts from `kb::facts`, with any disagreement between Meta's pages |
//! | `facts-as-of`, `graph-versions` | the month of the newest source check; the Graph API version table |
//! | `fixture <path> [entry=N]` | a fixture verbatim in a code block, with its manifest note |
//! | `widget <kind> …` | a placeholder the guide's wasm widgets mount into |
//!
//! Write `\{{#scopelens …}}` to show a directive literally.
//!
//! It speaks mdBook's preprocessor protocol through mdBook's own
//! `mdbook-preprocessor` crate (mdBook 0.5): called as
//! `mdbook-scopelens supports <renderer>` it exits 0; called with no
//! arguments it reads `[context, book]` as JSON on standard input and writes
//! the book back on standard output. Configuration (`[preprocessor.scopelens]`):
//! `fixtures` (fixture directory, relative to the book root; default
//! `../tests/fixtures`) and `bundle` (widget bundle version string).

pub mod fixtures;
pub mod generate;
pub mod markdown;

use fixtures::Corpus;
use generate::{Directive, Settings};
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::PreprocessorContext;
use scopelens_core::kb::errors::CATALOG;
use scopelens_core::kb::guide;
use serde::Deserialize;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const OPEN: &str = "{{#scopelens";
const CLOSE: &str = "}}";

/// The fixture corpus of this workspace.
pub fn default_fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// Replaces every directive in one chapter's Markdown.
pub fn expand_content(
    content: &str,
    corpus: &Corpus,
    settings: &Settings,
) -> Result<String, String> {
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(at) = rest.find(OPEN) {
        let escaped = rest[..at].ends_with('\\');
        let (before, from) = rest.split_at(at);
        let end = from
            .find(CLOSE)
            .ok_or_else(|| format!("unclosed directive: {}", first_line(from)))?;
        let body = &from[OPEN.len()..end];
        if escaped {
            out.push_str(&before[..before.len() - 1]);
            out.push_str(&from[..end + CLOSE.len()]);
        } else {
            out.push_str(before);
            if !body.starts_with(char::is_whitespace) {
                return Err(format!("malformed directive: {}", first_line(from)));
            }
            let directive = Directive::parse(body)?;
            let generated = generate::expand(&directive, corpus, settings)
                .map_err(|e| format!("{{{{#scopelens{body}}}}}: {e}"))?;
            // Generated content is block-level: keep it apart from neighbours.
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
            }
            out.push_str(&generated);
            if !generated.ends_with('\n') {
                out.push('\n');
            }
            out.push('\n');
        }
        rest = &from[end + CLOSE.len()..];
        if !escaped {
            rest = rest.strip_prefix('\n').unwrap_or(rest);
        }
    }
    out.push_str(rest);
    Ok(out)
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

/// `[preprocessor.scopelens]` in `book.toml`.
#[derive(Debug, Default, Deserialize)]
struct BookSettings {
    /// The fixture directory, relative to the book root.
    fixtures: Option<PathBuf>,
    /// The widget bundle version: a string or a number.
    bundle: Option<Value>,
}

/// Reads the settings from the preprocessor context.
fn settings_from(ctx: &PreprocessorContext) -> Result<(Corpus, Settings), String> {
    let table: BookSettings = ctx
        .config
        .get("preprocessor.scopelens")
        .map_err(|e| format!("[preprocessor.scopelens] in book.toml: {e:#}"))?
        .unwrap_or_default();
    let fixtures = ctx.root.join(
        table
            .fixtures
            .unwrap_or_else(|| PathBuf::from("../tests/fixtures")),
    );
    let bundle = match table.bundle {
        Some(Value::String(s)) if !s.is_empty() => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    Ok((Corpus::load(&fixtures)?, Settings { bundle }))
}

/// Expands every chapter's directives; the first failure is the answer.
fn expand_book(book: &mut Book, corpus: &Corpus, settings: &Settings) -> Result<(), String> {
    let mut failure = None;
    book.for_each_chapter_mut(|chapter| {
        if failure.is_some() {
            return;
        }
        match expand_content(&chapter.content, corpus, settings) {
            Ok(expanded) => chapter.content = expanded,
            Err(e) => failure = Some(format!("chapter \"{}\": {e}", chapter.name)),
        }
    });
    failure.map_or(Ok(()), Err)
}

/// The preprocessor proper: `[context, book]` in, book out.
pub fn process(input: &str) -> Result<String, String> {
    let (ctx, mut book) = mdbook_preprocessor::parse_input(input.as_bytes())
        .map_err(|e| format!("expected mdBook's JSON [context, book] on standard input: {e:#}"))?;
    if !ctx.mdbook_version.starts_with("0.5.") {
        eprintln!(
            "mdbook-scopelens: written for mdBook 0.5, called by mdBook {:?}",
            ctx.mdbook_version
        );
    }
    let (corpus, settings) = settings_from(&ctx)?;
    expand_book(&mut book, &corpus, &settings)?;
    serde_json::to_string(&book).map_err(|e| e.to_string())
}

/// The chapter files of the guide, as the core links to them.
pub const CHAPTERS: [&str; 8] = [
    guide::PERMISSIONS,
    guide::ACCESS_PATHS,
    guide::PRODUCTION_TOKEN,
    guide::EMBEDDED_SIGNUP,
    guide::CHECKING_TOKENS,
    guide::APP_REVIEW,
    guide::ERRORS,
    guide::TROUBLESHOOTING,
];

/// What the browser tests compare the built guide with, computed from the
/// core: the catalog's labels and anchors, the chapter files, the custom
/// elements' table, and every
/// guide link a finding can carry (each chapter, each catalog anchor, and
/// whatever the corpus's diagnoses actually link to).
pub fn ground_truth(corpus: &Corpus) -> Result<Value, String> {
    let catalog: Vec<Value> = CATALOG
        .iter()
        .map(|e| json!({"label": e.label(), "anchor": e.anchor(), "category": e.category.id()}))
        .collect();
    let mut paths: Vec<String> = CHAPTERS.iter().map(|c| c.to_string()).collect();
    paths.extend(CATALOG.iter().map(|e| guide::error_anchor(&e.anchor())));
    let mut from_corpus = Vec::new();
    for f in &corpus.fixtures {
        let text = corpus.read(&f.file)?;
        let d = scopelens_core::diagnose(&text, &f.context()?);
        from_corpus.extend(d.findings.iter().filter_map(|x| x.guide.clone()));
    }
    from_corpus.sort();
    from_corpus.dedup();
    for p in &from_corpus {
        if !paths.contains(p) {
            paths.push(p.clone());
        }
    }
    Ok(json!({
        "catalog": catalog,
        "chapters": CHAPTERS,
        "guide_paths": paths,
        "guide_paths_from_corpus": from_corpus,
        // The table the elements' script is built with: each tag's bundle.
        "elements": serde_json::from_str::<Value>(&scopelens_core::elements::script_table())
            .map_err(|e| e.to_string())?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scopelens_core::kb::errors::{by_category, Category};

    fn corpus() -> Corpus {
        Corpus::load(&default_fixture_dir()).unwrap()
    }

    fn run(content: &str) -> Result<String, String> {
        expand_content(content, &corpus(), &Settings::default())
    }

    /// Heading lines of the generated error reference: (label, anchor).
    fn entry_headings(md: &str) -> Vec<(String, String)> {
        md.lines()
            .filter_map(|l| l.strip_prefix("### `"))
            .map(|l| {
                let (label, rest) = l.split_once('`').unwrap();
                let anchor = rest
                    .rsplit_once("{#")
                    .and_then(|(_, a)| a.strip_suffix('}'))
                    .unwrap();
                (label.to_string(), anchor.to_string())
            })
            .collect()
    }

    #[test]
    fn error_reference_has_every_entry_exactly_once() {
        let md = run("# Errors\n\n{{#scopelens errors}}\n").unwrap();
        let headings = entry_headings(&md);
        assert_eq!(headings.len(), CATALOG.len());
        for e in CATALOG {
            let (label, anchor) = (e.label(), e.anchor());
            assert_eq!(
                headings.iter().filter(|(l, _)| *l == label).count(),
                1,
                "label {label}"
            );
            assert_eq!(
                headings.iter().filter(|(_, a)| *a == anchor).count(),
                1,
                "anchor {anchor}"
            );
            assert_eq!(md.matches(&format!("{{#{anchor}}}")).count(), 1, "{anchor}");
        }
    }

    #[test]
    fn error_reference_groups_by_category_in_order() {
        let md = generate::errors();
        let total: usize = Category::ALL.iter().map(|c| by_category(*c).count()).sum();
        assert_eq!(total, CATALOG.len(), "every entry is in Category::ALL");
        let mut last = 0;
        for c in Category::ALL {
            let heading = format!("{{#{}}}", generate::category_anchor(c));
            match md.find(&heading) {
                Some(at) => {
                    assert!(at > last, "{c:?} out of order");
                    last = at;
                    for e in by_category(c) {
                        let pos = md.find(&format!("{{#{}}}", e.anchor())).unwrap();
                        assert!(pos > at, "{} under the wrong category", e.label());
                    }
                }
                None => assert_eq!(by_category(c).count(), 0, "{c:?} missing"),
            }
        }
    }

    #[test]
    fn core_guide_links_point_at_generated_anchors() {
        let md = generate::errors();
        let gt = ground_truth(&corpus()).unwrap();
        for path in gt["guide_paths"].as_array().unwrap() {
            let path = path.as_str().unwrap();
            let (file, anchor) = path.split_once('#').unwrap_or((path, ""));
            assert!(CHAPTERS.contains(&file), "{path} is not a chapter");
            if !anchor.is_empty() {
                assert_eq!(file, guide::ERRORS);
                assert!(md.contains(&format!("{{#{anchor}}}")), "{path}");
            }
        }
        assert!(!gt["guide_paths_from_corpus"].as_array().unwrap().is_empty());
    }

    fn chapter(file: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../book/src")
            .join(file);
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn every_chapter_of_the_guide_expands() {
        for file in CHAPTERS.iter().copied().chain(["index.md"]) {
            let file = file.replace(".html", ".md");
            let md = run(&chapter(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert!(!md.contains("{{#scopelens"), "{file} kept a directive");
        }
    }

    #[test]
    fn every_generated_source_link_shows_its_check_month() {
        let mut md = generate::errors();
        for topic in scopelens_core::kb::facts::Topic::ALL {
            md.push_str(&run(&format!("{{{{#scopelens facts {}}}}}", topic.id())).unwrap());
        }
        md.push_str(&run("{{#scopelens fields debug_token}}").unwrap());
        md.push_str(&run("{{#scopelens graph-versions}}").unwrap());
        let links = md.matches("](<https://").count();
        assert!(links > 100, "{links}");
        for (at, _) in md.match_indices("](<https://") {
            let rest = &md[at..];
            let end = rest.find(">)").unwrap() + 2;
            assert!(
                rest[end..].starts_with(" (checked 20"),
                "no check month after {}",
                &rest[..end]
            );
        }
    }

    #[test]
    fn every_platform_fact_is_shown_somewhere_in_the_guide() {
        let mut all = String::new();
        for file in CHAPTERS.iter().copied().chain(["index.md"]) {
            all.push_str(&run(&chapter(&file.replace(".html", ".md"))).unwrap());
        }
        for f in scopelens_core::kb::facts::FACTS {
            assert!(
                all.contains(&format!("id=\"{}\"", generate::fact_anchor(f))),
                "fact {} is in no chapter",
                f.id
            );
        }
    }

    #[test]
    fn the_front_page_says_how_old_the_facts_are() {
        let md = run(&chapter("index.md")).unwrap();
        let as_of = scopelens_core::kb::sources::facts_as_of().to_string();
        assert!(md.contains(&format!("Facts as of {as_of}")), "{md}");
    }

    #[test]
    fn contested_facts_are_shown_with_the_disagreement_and_both_pages() {
        use scopelens_core::kb::facts::FACTS;
        for f in FACTS.iter().filter(|f| f.disagreement.is_some()) {
            let md = run(&format!("{{{{#scopelens fact {}}}}}", f.id)).unwrap();
            assert!(md.contains("disagree"), "{}", f.id);
            for source in f.sources {
                assert!(md.contains(source), "{} lacks {source}", f.id);
            }
        }
        assert!(run("{{#scopelens fact nonsense}}").is_err());
        assert!(run("{{#scopelens facts nonsense}}").is_err());
    }

    #[test]
    fn the_version_table_marks_the_live_checks_default() {
        let md = run("{{#scopelens graph-versions}}").unwrap();
        let current = format!("`{}` (current)", scopelens_core::live::DEFAULT_VERSION);
        assert_eq!(md.matches(&current).count(), 1, "{md}");
    }

    #[test]
    fn field_tables_list_every_field() {
        for kind in ["debug_token", "permissions", "graph_error", "webhook_error"] {
            let md = run(&format!("{{{{#scopelens fields {kind}}}}}")).unwrap();
            let k = scopelens_core::InputKind::parse(kind).unwrap();
            let n = scopelens_core::kb::fields::FIELDS
                .iter()
                .filter(|f| f.kind == k)
                .count();
            assert_eq!(
                md.lines().filter(|l| l.starts_with("| `")).count(),
                n,
                "{kind}"
            );
        }
        assert!(run("{{#scopelens fields nonsense}}").is_err());
    }

    #[test]
    fn permissions_intents_and_access_come_from_the_core() {
        let md =
            run("{{#scopelens permissions}}\n{{#scopelens intents}}\n{{#scopelens access-table}}")
                .unwrap();
        for p in scopelens_core::kb::permissions::PERMISSIONS {
            assert!(md.contains(&format!("| `{}`<br>", p.name)), "{}", p.name);
        }
        for i in scopelens_core::kb::intents::INTENTS {
            assert!(md.contains(&format!("`{}`", i.slug)), "{}", i.slug);
        }
        for role in ["Direct Developer", "Tech Provider", "Solution Partner"] {
            assert!(md.contains(role), "{role}");
        }
        let steps = run("{{#scopelens steps own}}").unwrap();
        assert!(steps.starts_with("1. "));
        assert!(run("{{#scopelens steps nobody}}").is_err());
    }

    #[test]
    fn review_material_is_complete() {
        use scopelens_core::kb::access::{CHECKLIST, REJECTION_PATTERNS, REJECTION_RESPONSE};
        let md = run("{{#scopelens checklist}}\n{{#scopelens rejections}}\n{{#scopelens rejection-response}}").unwrap();
        assert_eq!(md.matches("- [ ] ").count(), CHECKLIST.len());
        assert_eq!(md.matches("{#rejection-").count(), REJECTION_PATTERNS.len());
        assert!(md.contains(&format!("{}. ", REJECTION_RESPONSE.len())));
    }

    #[test]
    fn fixtures_are_shown_verbatim_and_only_from_the_manifest() {
        let md = run("{{#scopelens fixture debug_token/system_user_never.json}}").unwrap();
        let text = std::fs::read_to_string(
            default_fixture_dir().join("debug_token/system_user_never.json"),
        )
        .unwrap();
        assert!(md.contains(text.trim_end()));
        assert!(md.starts_with("```json\n"));
        let err = run("{{#scopelens fixture debug_token/nope.json}}").unwrap_err();
        assert!(err.contains("not in the fixture manifest"), "{err}");
        assert!(run("{{#scopelens fixture ../manifest.json}}").is_err());
    }

    #[test]
    fn widgets_become_elements_that_carry_escaped_fixtures() {
        let md =
            run("{{#scopelens widget decoder debug_token/embedded_signup_user.json}}").unwrap();
        let line = md.trim_end();
        assert!(!line.contains('\n'), "the element is one line");
        assert!(line.starts_with("<scopelens-decoder input=\""), "{line}");
        assert!(line.ends_with("</scopelens-decoder>"), "{line}");
        assert!(line.contains(" class=\"scopelens-widget\""));
        assert!(line.contains("data-expect-verdict=\"warning\""));
        assert!(line.contains(" now=\"1664000000\""));
        assert!(line.contains(" waba-id=\"102289599326934\""));
        assert!(line.contains("&quot;target_ids&quot;"));
        // Nothing from the fixture can close the attribute or open a tag.
        let input = line.split(" input=\"").nth(1).unwrap();
        let input = &input[..input.find('"').unwrap()];
        assert!(!input.contains('<') && !input.contains('>'));

        let md = run("{{#scopelens widget endpoint request=\"GET /v24.0/1/message_templates\" example=debug_token/system_user_missing_management.json}}").unwrap();
        assert!(md.starts_with("<scopelens-endpoint request=\"GET /v24.0/1/message_templates\""));
        assert!(md.contains(" example=\"debug_token/system_user_missing_management.json\""));
        let md = run("{{#scopelens widget explainer code=190/463}}").unwrap();
        assert!(
            md.starts_with("<scopelens-explain code=\"190/463\""),
            "{md}"
        );
        let md = run("{{#scopelens widget checklist}}").unwrap();
        assert!(!md.trim_end().contains('\n'));
        for item in scopelens_core::kb::access::CHECKLIST {
            assert!(
                md.contains(&markdown::html_escape(item.text)),
                "{}",
                item.id
            );
        }
        assert!(run("{{#scopelens widget decoder debug_token/nope.json}}").is_err());
        assert!(run("{{#scopelens widget wizard accounts=aliens}}").is_err());
        assert!(run("{{#scopelens widget sorcery}}").is_err());
        assert!(run("{{#scopelens widget explainer colour=blue}}").is_err());
    }

    #[test]
    fn directives_escape_and_errors() {
        assert_eq!(
            run("a \\{{#scopelens errors}} b").unwrap(),
            "a {{#scopelens errors}} b"
        );
        assert!(run("{{#scopelens errors").is_err());
        assert!(run("{{#scopelens nonsense}}").is_err());
        assert!(run("{{#scopelenserrors}}").is_err());
        assert_eq!(run("no directives\n").unwrap(), "no directives\n");
    }

    #[test]
    fn protocol_round_trip() {
        let input = json!([
            {"root": env!("CARGO_MANIFEST_DIR"),
             "config": {"book": {}, "preprocessor": {"scopelens": {"fixtures": "../../tests/fixtures", "bundle": "abc"}}},
             "renderer": "html", "mdbook_version": "0.5.4"},
            {"items": [
                {"Chapter": {"name": "E", "content": "# E\n\n{{#scopelens widget checklist}}\n",
                    "number": null, "path": "e.md", "source_path": "e.md", "parent_names": [],
                    "sub_items": [{"Chapter": {"name": "F", "content": "{{#scopelens exit-codes}}",
                        "number": null, "path": "f.md", "source_path": "f.md", "parent_names": ["E"], "sub_items": []}}]}},
                "Separator",
                {"PartTitle": "Part"}
            ]}
        ]);
        let out: Value = serde_json::from_str(&process(&input.to_string()).unwrap()).unwrap();
        let content = out["items"][0]["Chapter"]["content"].as_str().unwrap();
        assert!(content.contains("<scopelens-checklist class=\"scopelens-widget\""));
        assert!(content.contains("data-bundle=\"abc\""));
        let sub = out["items"][0]["Chapter"]["sub_items"][0]["Chapter"]["content"]
            .as_str()
            .unwrap();
        assert!(sub.contains("| `action_required` |"));
        assert_eq!(out["items"][1], "Separator");
        assert!(process("{}").is_err());
    }
}
