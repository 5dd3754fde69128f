//! What each `{{#scopelens …}}` directive becomes. Everything here is read
//! from scopelens-core's knowledge base or the fixture corpus; the guide's
//! Markdown never repeats a fact these tables hold.

use crate::fixtures::Corpus;
use crate::markdown::{code_span, fenced, html_escape, inline, source_links};
use scopelens_core::diagnose::Verdict;
use scopelens_core::elements::{ElementSpec, Paste};
use scopelens_core::kb::access::{
    recommend, AccessLevel, Accounts, Answers, AppMode, ReviewCheck, CHECKLIST, REJECTION_PATTERNS,
    REJECTION_RESPONSE,
};
use scopelens_core::kb::endpoints::ENDPOINTS;
use scopelens_core::kb::errors::{by_category, Category, ErrorEntry, CATALOG};
use scopelens_core::kb::facts::{self, Fact, Topic};
use scopelens_core::kb::fields::FIELDS;
use scopelens_core::kb::intents::{IntentId, INTENTS};
use scopelens_core::kb::permissions::PERMISSIONS;
use scopelens_core::kb::{sources, versions};
use scopelens_core::InputKind;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Settings from `[preprocessor.scopelens]` that shape the output.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Widget bundle version, appended to the bundle URLs to defeat stale caches.
    pub bundle: Option<String>,
}

/// A parsed directive: a name, positional words and `key=value` options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub name: String,
    pub words: Vec<String>,
    pub options: BTreeMap<String, String>,
}

impl Directive {
    /// Splits `name word key=value key="quoted value"`.
    pub fn parse(text: &str) -> Result<Directive, String> {
        let mut tokens = Vec::new();
        let mut current = String::new();
        let mut quoted = false;
        let mut has_token = false;
        for c in text.chars() {
            match c {
                '"' => {
                    quoted = !quoted;
                    has_token = true;
                }
                c if c.is_whitespace() && !quoted => {
                    if has_token {
                        tokens.push(std::mem::take(&mut current));
                        has_token = false;
                    }
                }
                c => {
                    current.push(c);
                    has_token = true;
                }
            }
        }
        if quoted {
            return Err(format!("unbalanced quote in `{text}`"));
        }
        if has_token {
            tokens.push(current);
        }
        let mut tokens = tokens.into_iter();
        let name = tokens
            .next()
            .ok_or("empty directive: write e.g. {{#scopelens errors}}")?;
        let mut words = Vec::new();
        let mut options = BTreeMap::new();
        for token in tokens {
            match token.split_once('=') {
                Some((k, v)) if !k.is_empty() && !k.contains('/') => {
                    if options.insert(k.to_string(), v.to_string()).is_some() {
                        return Err(format!("option `{k}` given twice"));
                    }
                }
                _ => words.push(token),
            }
        }
        Ok(Directive {
            name,
            words,
            options,
        })
    }

    fn no_more(&self, words: usize, options: &[&str]) -> Result<(), String> {
        if self.words.len() > words {
            return Err(format!(
                "`{}` takes {words} word(s), got {:?}",
                self.name, self.words
            ));
        }
        if let Some(k) = self.options.keys().find(|k| !options.contains(&k.as_str())) {
            return Err(format!(
                "`{}` has no option `{k}` (known: {})",
                self.name,
                if options.is_empty() {
                    "none".to_string()
                } else {
                    options.join(", ")
                }
            ));
        }
        Ok(())
    }

    fn option(&self, key: &str) -> Option<&str> {
        self.options.get(key).map(String::as_str)
    }

    fn flag(&self, key: &str) -> Result<bool, String> {
        match self.option(key) {
            None | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(v) => Err(format!("`{key}` must be true or false, not `{v}`")),
        }
    }

    fn entry(&self) -> Result<usize, String> {
        match self.option("entry") {
            None => Ok(1),
            Some(v) => v.parse().map_err(|_| {
                format!("`entry` must be a number (1 = the file's first manifest entry), not `{v}`")
            }),
        }
    }
}

/// Expands one directive into Markdown (or an HTML block).
pub fn expand(d: &Directive, corpus: &Corpus, settings: &Settings) -> Result<String, String> {
    match d.name.as_str() {
        "errors" => d.no_more(0, &[]).map(|_| errors()),
        "fields" => {
            d.no_more(1, &[])?;
            let kind = d.words.first().ok_or("`fields` needs a payload kind, e.g. `fields debug_token`")?;
            fields(kind)
        }
        "permissions" => d.no_more(0, &[]).map(|_| permissions()),
        "intents" => d.no_more(0, &[]).map(|_| intents()),
        "access-table" => d.no_more(0, &[]).map(|_| access_table()),
        "steps" => {
            d.no_more(1, &[])?;
            steps(d.words.first().map(String::as_str).unwrap_or_default())
        }
        "checklist" => d.no_more(0, &[]).map(|_| checklist()),
        "review-checks" => d.no_more(0, &[]).map(|_| review_checks()),
        "rejections" => d.no_more(0, &[]).map(|_| rejections()),
        "rejection-response" => d.no_more(0, &[]).map(|_| rejection_response()),
        "exit-codes" => d.no_more(0, &[]).map(|_| exit_codes()),
        "facts" => {
            d.no_more(1, &[])?;
            let topic = d.words.first().map(String::as_str).unwrap_or_default();
            let topic = Topic::from_id(topic).ok_or_else(|| {
                let known: Vec<&str> = Topic::ALL.iter().map(|t| t.id()).collect();
                format!("`facts` needs a topic: one of {}", known.join(", "))
            })?;
            Ok(facts_list(facts::by_topic(topic)))
        }
        "fact" => {
            d.no_more(1, &[])?;
            let id = d.words.first().map(String::as_str).unwrap_or_default();
            let fact = facts::fact(id).ok_or_else(|| format!("no fact `{id}` in kb::facts"))?;
            Ok(fact_block(fact))
        }
        "facts-as-of" => d.no_more(0, &[]).map(|_| facts_as_of()),
        "graph-versions" => d.no_more(0, &[]).map(|_| graph_versions()),
        "fixture" => {
            d.no_more(1, &["entry"])?;
            let file = d.words.first().ok_or("`fixture` needs a fixture path")?;
            fixture(corpus, file, d.entry()?)
        }
        "widget" => widget(d, corpus, settings),
        other => Err(format!(
            "unknown directive `{other}` (known: errors, fields, permissions, intents, access-table, steps, checklist, review-checks, rejections, rejection-response, exit-codes, facts, fact, facts-as-of, graph-versions, fixture, widget)"
        )),
    }
}

// ---------------------------------------------------------------- errors

/// The id of a category's heading in the error reference.
pub fn category_anchor(c: Category) -> String {
    format!("category-{}", c.id().replace('_', "-"))
}

fn error_entry(out: &mut String, e: &ErrorEntry) {
    let _ = writeln!(
        out,
        "### {} {} {{#{}}}\n",
        code_span(&e.label(), false),
        inline(e.title, false),
        e.anchor()
    );
    let mut facts = Vec::new();
    if let Some(status) = e.http_status {
        facts.push(format!("**HTTP status (as documented):** {status}"));
    }
    facts.push(format!(
        "**Who can fix it:** {}",
        inline(e.fixable_by.label(), false)
    ));
    facts.push(format!("**Retry:** {}", inline(e.retry.advice(), false)));
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    let _ = writeln!(out, "{}\n", inline(e.explanation, false));
    let _ = writeln!(out, "How to fix it:\n");
    for (i, step) in e.fix.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, inline(step, false));
    }
    let _ = writeln!(out, "\nSources: {}\n", source_links(e.sources, false));
}

/// The whole catalog, grouped by category, one heading per entry with the
/// entry's anchor as its id.
pub fn errors() -> String {
    let mut out = String::new();
    let groups: Vec<(Category, Vec<&ErrorEntry>)> = Category::ALL
        .into_iter()
        .map(|c| (c, by_category(c).collect::<Vec<_>>()))
        .filter(|(_, entries)| !entries.is_empty())
        .collect();
    let _ = writeln!(
        out,
        "The catalog holds **{} entries** in {} categories:\n",
        CATALOG.len(),
        groups.len()
    );
    for (c, entries) in &groups {
        let _ = writeln!(
            out,
            "- [{}](#{}) ({})",
            inline(c.title(), false),
            category_anchor(*c),
            entries.len()
        );
    }
    out.push('\n');
    for (c, entries) in &groups {
        let _ = writeln!(
            out,
            "## {} {{#{}}}\n",
            inline(c.title(), false),
            category_anchor(*c)
        );
        for e in entries {
            error_entry(&mut out, e);
        }
    }
    out
}

// ---------------------------------------------------------------- fields

fn fields(kind: &str) -> Result<String, String> {
    let kind = InputKind::parse(kind)
        .filter(|k| FIELDS.iter().any(|f| f.kind == *k))
        .ok_or_else(|| {
            format!("no field reference for `{kind}` (try debug_token, permissions, graph_error, webhook_error)")
        })?;
    let mut out = String::from("| Field | What it tells you | Source |\n|---|---|---|\n");
    for f in FIELDS.iter().filter(|f| f.kind == kind) {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            code_span(f.name, true),
            inline(f.meaning, true),
            source_links(&[f.source], true)
        );
    }
    Ok(out)
}

// ---------------------------------------------------------------- permissions and intents

fn permissions() -> String {
    let mut out =
        String::from("| Permission | Covers | Does not cover | Endpoints |\n|---|---|---|---|\n");
    for p in PERMISSIONS {
        let endpoints = ENDPOINTS
            .iter()
            .filter(|e| e.permissions.contains(&p.name))
            .count();
        let list = |items: &[&str]| {
            items
                .iter()
                .map(|s| inline(s, true))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let _ = writeln!(
            out,
            "| {}<br>{} {} | {} | {} | {} |",
            code_span(p.name, true),
            if p.core { "**Core.**" } else { "Optional." },
            inline(p.summary, true),
            list(p.enables),
            list(p.does_not_cover),
            endpoints
        );
    }
    out
}

fn intents() -> String {
    let mut out = String::from(
        "| What the app must do | CLI `--intent` | Permissions it needs | Notes |\n|---|---|---|---|\n",
    );
    for i in INTENTS {
        let perms = i
            .permissions
            .iter()
            .map(|p| code_span(p, true))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            inline(i.title, true),
            code_span(i.slug, true),
            perms,
            inline(i.note, true)
        );
    }
    out
}

// ---------------------------------------------------------------- access paths

/// The three canonical situations the wizard distinguishes.
fn situations() -> [(&'static str, Answers); 3] {
    [
        ("own", Answers::default()),
        (
            "clients",
            Answers {
                accounts: Accounts::Clients,
                embedded_signup: true,
                ..Answers::default()
            },
        ),
        (
            "solution-partner",
            Answers {
                accounts: Accounts::Clients,
                embedded_signup: true,
                shares_credit_line: true,
                ..Answers::default()
            },
        ),
    ]
}

fn access_table() -> String {
    let plans: Vec<_> = situations().iter().map(|(_, a)| recommend(a)).collect();
    let mut out = String::from("| |");
    for p in &plans {
        let _ = write!(out, " {} |", inline(p.role.title(), true));
    }
    out.push_str("\n|---|");
    for _ in &plans {
        out.push_str("---|");
    }
    out.push('\n');
    let row = |out: &mut String,
               label: &str,
               cell: &dyn Fn(&scopelens_core::kb::AccessPlan) -> String| {
        let _ = write!(out, "| **{label}** |");
        for p in &plans {
            let _ = write!(out, " {} |", cell(p));
        }
        out.push('\n');
    };
    row(&mut out, "Whose accounts", &|p| match p.role {
        scopelens_core::kb::access::Role::DirectDeveloper => "Your own business's".to_string(),
        scopelens_core::kb::access::Role::TechProvider => "Client businesses'".to_string(),
        scopelens_core::kb::access::Role::SolutionPartner => {
            "Client businesses', paying for their messages with your credit line".to_string()
        }
    });
    row(&mut out, "Access level", &|p| match p.access_level {
        AccessLevel::Standard => "Standard Access".to_string(),
        AccessLevel::Advanced => "Advanced Access".to_string(),
    });
    row(&mut out, "App Review", &|p| {
        if p.app_review {
            "Required"
        } else {
            "Not needed"
        }
        .to_string()
    });
    row(&mut out, "Token", &|p| inline(p.token.title(), true));
    row(&mut out, "Permissions", &|p| {
        p.permissions
            .iter()
            .map(|s| code_span(s, true))
            .collect::<Vec<_>>()
            .join(", ")
    });
    row(&mut out, "Typical timeline", &|p| inline(p.timeline, true));
    out
}

fn steps(which: &str) -> Result<String, String> {
    let (_, answers) = situations()
        .into_iter()
        .find(|(name, _)| *name == which)
        .ok_or_else(|| {
            format!("`steps` needs one of own, clients, solution-partner; not `{which}`")
        })?;
    let plan = recommend(&answers);
    let mut out = String::new();
    for (i, s) in plan.steps.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, inline(s, false));
    }
    for w in &plan.warnings {
        let _ = writeln!(out, "\n> [!WARNING]\n> {}", inline(w, false));
    }
    Ok(out)
}

// ---------------------------------------------------------------- App Review

const CHECKS: [ReviewCheck; 3] = [
    ReviewCheck::Legitimacy,
    ReviewCheck::Proportionality,
    ReviewCheck::Compliance,
];

fn review_checks() -> String {
    let mut out = String::new();
    for c in CHECKS {
        let n = CHECKLIST.iter().filter(|i| i.check == c).count();
        let _ = writeln!(
            out,
            "- **{}** ({n} checklist item{})",
            inline(c.title(), false),
            if n == 1 { "" } else { "s" }
        );
    }
    out
}

fn checklist() -> String {
    let mut out = String::new();
    for c in CHECKS {
        let _ = writeln!(out, "**{}**\n", inline(c.title(), false));
        for item in CHECKLIST.iter().filter(|i| i.check == c) {
            let _ = writeln!(out, "- [ ] {}", inline(item.text, false));
        }
        out.push('\n');
    }
    out
}

fn rejections() -> String {
    let mut out = String::new();
    for r in REJECTION_PATTERNS {
        let check = r.check.title().split(':').next().unwrap_or_default();
        let _ = writeln!(
            out,
            "### “{}” {{#rejection-{}}}\n",
            inline(r.reason, false),
            r.id
        );
        let _ = writeln!(out, "Fails the **{}** check.\n", inline(check, false));
        let _ = writeln!(out, "- Rejected: {}", inline(r.rejected, false));
        let _ = writeln!(out, "- Accepted: {}", inline(r.accepted, false));
        let _ = writeln!(out, "- Correction: {}\n", inline(r.correction, false));
    }
    out
}

fn rejection_response() -> String {
    let mut out = String::new();
    for (i, s) in REJECTION_RESPONSE.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", i + 1, inline(s, false));
    }
    out
}

// ---------------------------------------------------------------- facts and versions

/// The anchor of a fact in the guide.
pub fn fact_anchor(f: &Fact) -> String {
    format!("fact-{}", f.id)
}

/// One fact as a paragraph: its text, the disagreement when Meta's pages
/// differ (worded as the diagnosis words it), and its sources.
fn fact_block(f: &Fact) -> String {
    format!(
        "<span id=\"{}\"></span>{}\n\nSources: {}.\n",
        fact_anchor(f),
        inline(&f.worded(), false),
        source_links(f.sources, false)
    )
}

/// The facts as a bulleted list, each with its sources.
fn facts_list<'a>(facts: impl Iterator<Item = &'a Fact>) -> String {
    let mut out = String::new();
    for f in facts {
        let _ = writeln!(
            out,
            "- <span id=\"{}\"></span>{} Sources: {}.",
            fact_anchor(f),
            inline(&f.worded(), false),
            source_links(f.sources, false)
        );
    }
    out
}

fn facts_as_of() -> String {
    format!(
        "**Facts as of {}.** Every source the reference tables cite carries the month it was last checked against Meta's page, shown beside it.\n",
        sources::facts_as_of()
    )
}

fn graph_versions() -> String {
    let mut out = String::from("| Version | Released | Available until |\n|---|---|---|\n");
    for v in versions::VERSIONS {
        let until = v
            .expires
            .map(|d| d.to_string())
            .unwrap_or_else(|| "not announced".to_string());
        let name = if v.name == versions::CURRENT_VERSION {
            format!("{} (current)", code_span(v.name, true))
        } else {
            code_span(v.name, true)
        };
        let _ = writeln!(out, "| {name} | {} | {until} |", v.released);
    }
    let oldest = versions::VERSIONS
        .last()
        .map(|v| v.name)
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "\nVersions older than {} have expired. Sources: {}.",
        code_span(oldest, false),
        source_links(versions::VERSION_SOURCES, false)
    );
    out
}

// ---------------------------------------------------------------- CLI

fn exit_codes() -> String {
    // An exhaustive match, so a new verdict cannot be left out of the table.
    fn all() -> [Verdict; 4] {
        let v = [
            Verdict::Ok,
            Verdict::Warning,
            Verdict::ActionRequired,
            Verdict::InvalidInput,
        ];
        for x in v {
            match x {
                Verdict::Ok
                | Verdict::Warning
                | Verdict::ActionRequired
                | Verdict::InvalidInput => {}
            }
        }
        v
    }
    let mut out = String::from("| Verdict | Meaning | Exit status |\n|---|---|---|\n");
    for v in all() {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            code_span(v.id(), true),
            inline(v.headline(), true),
            v.exit_code()
        );
    }
    out
}

// ---------------------------------------------------------------- fixtures and widgets

fn fixture(corpus: &Corpus, file: &str, entry: usize) -> Result<String, String> {
    let f = corpus.entry(file, entry)?;
    let text = corpus.checked_text(f)?;
    let lang = if file.ends_with(".json") {
        "json"
    } else {
        "text"
    };
    Ok(format!(
        "{}\n<p class=\"scopelens-fixture-note\">Test fixture <code>{}</code>: {} The test suite expects the verdict <code>{}</code>.</p>\n",
        fenced(&text, lang),
        html_escape(file),
        html_escape(&sentence(&f.note)),
        html_escape(&f.expect_verdict)
    ))
}

fn sentence(note: &str) -> String {
    let note = note.trim();
    let mut s: String = note.chars().take(1).flat_map(char::to_uppercase).collect();
    s.push_str(&note[note.chars().next().map_or(0, char::len_utf8)..]);
    if !s.ends_with(['.', '!', '?']) {
        s.push('.');
    }
    s
}

/// A fixture as the paste an element shows or checks against, and the
/// attributes the guide's tests read (`data-expect-*`: what the manifest
/// says its diagnosis is).
fn example(
    corpus: &Corpus,
    file: &str,
    entry: usize,
    extra: &mut Vec<(&'static str, String)>,
) -> Result<Paste, String> {
    let f = corpus.entry(file, entry)?;
    let context = f.context()?;
    extra.push(("data-entry", entry.to_string()));
    extra.push(("data-expect-kind", f.expect_kind.clone()));
    extra.push(("data-expect-verdict", f.expect_verdict.clone()));
    Ok(Paste {
        input: corpus.checked_text(f)?,
        now: Some(context.now),
        intents: context.intents,
        waba_id: context.waba_id,
        app_id: context.app_id,
        example: Some(file.to_string()),
    })
}

/// `{{#scopelens widget KIND …}}`: one of scopelens' custom elements
/// (`scopelens_core::elements`, the same the elements read), with content
/// shown until it loads, on the print page and without JavaScript.
fn widget(d: &Directive, corpus: &Corpus, settings: &Settings) -> Result<String, String> {
    let kind = d
        .words
        .first()
        .ok_or("`widget` needs a kind: decoder, endpoint, wizard, checklist or explain")?;
    let mut extra: Vec<(&'static str, String)> = vec![("class", "scopelens-widget".into())];
    let mut fallback = String::new();
    let spec = match kind.as_str() {
        "decoder" => {
            d.no_more(2, &["entry"])?;
            let file = d
                .words
                .get(1)
                .ok_or("`widget decoder` needs a fixture path")?;
            ElementSpec::Decoder(example(corpus, file, d.entry()?, &mut extra)?)
        }
        "endpoint" => {
            d.no_more(1, &["request", "example", "entry"])?;
            let request = d
                .option("request")
                .ok_or("`widget endpoint` needs request=\"METHOD /path\"")?;
            scopelens_core::kb::match_endpoint(request)
                .map_err(|e| format!("request `{request}`: {e}"))?;
            let against = match d.option("example") {
                Some(file) => Some(example(corpus, file, d.entry()?, &mut extra)?),
                None => None,
            };
            ElementSpec::Endpoint {
                request: request.to_string(),
                against,
            }
        }
        "wizard" => {
            d.no_more(1, &["accounts", "embedded", "credit", "mode", "needs"])?;
            let accounts = match d.option("accounts").unwrap_or("own") {
                "own" => Accounts::Own,
                "clients" => Accounts::Clients,
                a => return Err(format!("accounts must be own or clients, not `{a}`")),
            };
            let mode = match d.option("mode").unwrap_or("live") {
                "live" => AppMode::Live,
                "development" => AppMode::Development,
                m => return Err(format!("mode must be live or development, not `{m}`")),
            };
            let needs = d
                .option("needs")
                .unwrap_or_default()
                .split(',')
                .filter(|s| !s.is_empty())
                .map(|slug| IntentId::parse(slug).ok_or_else(|| format!("unknown intent `{slug}`")))
                .collect::<Result<Vec<_>, _>>()?;
            ElementSpec::Wizard(Answers {
                accounts,
                embedded_signup: d.flag("embedded")?,
                shares_credit_line: d.flag("credit")?,
                needs,
                mode,
            })
        }
        "checklist" => {
            d.no_more(1, &[])?;
            // Without JavaScript (and in search results) the list is still there.
            for c in CHECKS {
                let _ = write!(
                    fallback,
                    "<p class=\"scopelens-widget-fallback\"><strong>{}</strong></p><ul class=\"scopelens-widget-fallback\">",
                    html_escape(c.title())
                );
                for item in CHECKLIST.iter().filter(|i| i.check == c) {
                    let _ = write!(fallback, "<li>{}</li>", html_escape(item.text));
                }
                fallback.push_str("</ul>");
            }
            ElementSpec::Checklist
        }
        "explain" | "explainer" => {
            d.no_more(1, &["code"])?;
            ElementSpec::Explain {
                code: d.option("code").unwrap_or_default().to_string(),
            }
        }
        other => {
            return Err(format!(
                "unknown widget `{other}` (known: decoder, endpoint, wizard, checklist, explain)"
            ))
        }
    };
    if let Some(v) = &settings.bundle {
        extra.push(("data-bundle", v.clone()));
    }
    let content = format!(
        "<p class=\"scopelens-widget-loading\">The interactive {} appears here (it runs entirely in your browser and needs JavaScript and WebAssembly).</p>{fallback}",
        spec.kind().title()
    );
    Ok(format!("{}\n", spec.to_html(&extra, &content)))
}
