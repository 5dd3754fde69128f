//! How the CLI prints: text for people (coloured on a terminal, plain when
//! piped or when NO_COLOR is set), JSON for programs, Markdown for tickets.

use clap::ValueEnum;
use scopelens_core::diagnose::{Diagnosis, Severity};
use scopelens_core::kb::access::AccessPlan;
use scopelens_core::kb::endpoints::EndpointMatch;
use scopelens_core::kb::errors::{family_of, ErrorLookup};
use scopelens_core::render;
use scopelens_core::time;
use serde_json::json;
use std::io::IsTerminal;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

pub struct Printer {
    color: bool,
}

const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const BLUE: &str = "\x1b[34m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

impl Printer {
    pub fn stdout() -> Printer {
        let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        Printer { color }
    }

    fn paint(&self, style: &str, text: &str) -> String {
        if self.color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    fn json(value: &impl serde::Serialize) {
        match serde_json::to_string_pretty(value) {
            Ok(text) => println!("{text}"),
            Err(e) => eprintln!("scopelens: cannot write JSON: {e}"),
        }
    }

    pub fn diagnosis(&self, d: &Diagnosis, format: Format) {
        match format {
            Format::Json => Self::json(d),
            Format::Markdown => print!("{}", render::to_markdown(d)),
            Format::Text => self.diagnosis_text(d),
        }
    }

    fn diagnosis_text(&self, d: &Diagnosis) {
        let verdict_style = match d.verdict.id() {
            "ok" => GREEN,
            "warning" => YELLOW,
            _ => RED,
        };
        let mut read = d.input.kind.title().to_string();
        if let Some(form) = d.input.form {
            read.push_str(&format!(", {}", form.title()));
        }
        if d.input.embedded {
            read.push_str(", found inside other text");
        }
        if let Some(status) = d.input.http_status {
            read.push_str(&format!(", HTTP {status}"));
        }
        println!("{} {}", self.paint(BOLD, "Read:"), read);
        println!(
            "{} {}",
            self.paint(BOLD, "Verdict:"),
            self.paint(verdict_style, d.verdict.headline())
        );
        println!(
            "{}",
            self.paint(DIM, &format!("As of {}", time::utc(d.now)))
        );
        for f in &d.findings {
            let (style, label) = match f.severity {
                Severity::Error => (RED, "error"),
                Severity::Warning => (YELLOW, "warning"),
                Severity::Info => (BLUE, "info"),
            };
            println!();
            println!(
                "{} {}  {}",
                self.paint(style, &format!("[{label}]")),
                self.paint(BOLD, &f.title),
                self.paint(DIM, f.id)
            );
            println!("  {}", f.explanation);
            for (n, step) in f.fix.iter().enumerate() {
                println!("  {}. {step}", n + 1);
            }
            for source in &f.sources {
                println!("  {}", self.paint(DIM, source));
            }
        }
        let needed: Vec<_> = d.scopes.iter().filter(|r| r.needed).collect();
        if !needed.is_empty() {
            println!();
            println!("{}", self.paint(BOLD, "Permissions needed:"));
            for row in needed {
                println!(
                    "  {:<34} {}",
                    row.permission,
                    render::state_words(row.state)
                );
            }
        }
    }

    pub fn explanation(
        &self,
        code: u32,
        subcode: Option<u32>,
        lookup: &ErrorLookup,
        format: Format,
    ) {
        match (lookup, format) {
            (
                ErrorLookup::Known {
                    entry,
                    subcode_matched,
                },
                Format::Json,
            ) => Self::json(&json!({
                "code": code, "subcode": subcode, "known": true, "subcode_matched": subcode_matched,
                "label": entry.label(), "anchor": entry.anchor(), "entry": entry,
            })),
            (ErrorLookup::Unknown { family }, Format::Json) => Self::json(&json!({
                "code": code, "subcode": subcode, "known": false, "family": family,
            })),
            (ErrorLookup::Known { entry, .. }, Format::Markdown) => {
                println!(
                    "## Error {}: {}\n",
                    entry.label(),
                    render::escape(entry.title)
                );
                println!("{}\n", render::escape(entry.explanation));
                for (n, step) in entry.fix.iter().enumerate() {
                    println!("{}. {}", n + 1, render::escape(step));
                }
                println!("\n{}\n", entry.retry.advice());
                let links: Vec<String> = entry.sources.iter().map(|s| format!("<{s}>")).collect();
                println!("Sources: {}", links.join(", "));
            }
            (
                ErrorLookup::Known {
                    entry,
                    subcode_matched,
                },
                Format::Text,
            ) => {
                println!(
                    "{} {}",
                    self.paint(BOLD, &format!("Error {}:", entry.label())),
                    entry.title
                );
                if let (Some(sub), false) = (subcode, subcode_matched) {
                    println!("{}", self.paint(DIM, &format!("(subcode {sub} is not in the catalog; this is the entry for the code)")));
                }
                let status = entry
                    .http_status
                    .map_or("not documented".to_string(), |s| s.to_string());
                println!(
                    "Category: {}   HTTP status (documented): {status}   Who can fix it: {}",
                    entry.category.title(),
                    entry.fixable_by.label()
                );
                println!();
                println!("{}", entry.explanation);
                println!();
                for (n, step) in entry.fix.iter().enumerate() {
                    println!("  {}. {step}", n + 1);
                }
                println!("  {}", entry.retry.advice());
                println!();
                for source in entry.sources {
                    println!("{}", self.paint(DIM, source));
                }
            }
            (ErrorLookup::Unknown { .. }, Format::Text | Format::Markdown) => {
                let family = family_of(code);
                println!("Error {code} is not in the scopelens catalog.");
                println!(
                    "By its number it belongs to {} ({}).",
                    family.name,
                    family.category.title().to_lowercase()
                );
                println!("See {}", family.source);
            }
        }
    }

    pub fn endpoint(&self, found: &EndpointMatch, format: Format) {
        if let Format::Json = format {
            return Self::json(found);
        }
        let version = found
            .version
            .as_deref()
            .map(|v| format!(" ({v})"))
            .unwrap_or_default();
        println!(
            "{} {} {}{version}",
            self.paint(BOLD, "Request:"),
            found.method,
            found.path
        );
        if found.candidates.is_empty() {
            println!("No endpoint in the knowledge base matches this request. Check the path: the ID must be a number, and the edge name spelled as in Meta's reference.");
            return;
        }
        if found.candidates.len() > 1 {
            println!(
                "This path fits {} endpoints; which one depends on the kind of ID:",
                found.candidates.len()
            );
        }
        for e in &found.candidates {
            println!();
            println!("{} {}  {}", self.paint(BOLD, e.method), e.path, e.summary);
            let perms = if e.permissions.is_empty() {
                "none (any valid token)".to_string()
            } else {
                e.permissions.join(" + ")
            };
            println!("  Needs: {}", self.paint(GREEN, &perms));
            if !e.note.is_empty() {
                println!("  {}", e.note);
            }
            for source in e.sources {
                println!("  {}", self.paint(DIM, source));
            }
        }
    }

    pub fn plan(&self, plan: &AccessPlan, format: Format) {
        match format {
            Format::Json => Self::json(plan),
            Format::Text | Format::Markdown => {
                let md = matches!(format, Format::Markdown);
                let heading = |t: &str| {
                    if md {
                        format!("### {t}")
                    } else {
                        self.paint(BOLD, t)
                    }
                };
                println!(
                    "{}",
                    heading(&format!(
                        "{}, {:?} Access",
                        plan.role.title(),
                        plan.access_level
                    ))
                );
                println!(
                    "App Review: {}",
                    if plan.app_review {
                        "required"
                    } else {
                        "not needed"
                    }
                );
                println!("Token: {}", plan.token.title());
                println!("Permissions: {}", plan.permissions.join(", "));
                println!("Timeline: {}", plan.timeline);
                println!();
                println!("{}", plan.why);
                println!();
                println!("{}", heading("Steps"));
                for (n, step) in plan.steps.iter().enumerate() {
                    println!("{}. {step}", n + 1);
                }
                for warning in &plan.warnings {
                    println!();
                    println!("{} {warning}", self.paint(YELLOW, "Note:"));
                }
                if !plan.checklist.is_empty() {
                    println!();
                    println!("{}", heading("App Review readiness checklist"));
                    for item in plan.checklist {
                        println!("- [ ] {} ({:?})", item.text, item.check);
                    }
                    println!();
                    println!("{}", heading("Common rejections and their corrections"));
                    for p in plan.rejection_patterns {
                        println!("- {}: {}", p.reason, p.correction);
                    }
                }
            }
        }
    }
}
