//! How the CLI prints: text for people (coloured on a terminal, plain when
//! piped or when NO_COLOR is set), JSON for programs, Markdown for tickets.

use crate::terminal::{self, Screen, Style};
use clap::ValueEnum;
use scopelens_core::diagnose::{Diagnosis, Severity};
use scopelens_core::kb::access::AccessPlan;
use scopelens_core::kb::endpoints::EndpointMatch;
use scopelens_core::kb::errors::{family_of, ErrorLookup};
use scopelens_core::render;
use scopelens_core::time;
use serde_json::json;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

pub struct Printer;

impl Printer {
    pub fn stdout() -> Printer {
        Printer
    }

    fn json(value: &impl serde::Serialize) {
        terminal::json(value);
    }

    /// Markdown from the core is already inert; it still goes through the
    /// screen for redaction, controls and a closed pipe.
    fn markdown(text: &str) {
        let mut screen = Screen::stdout();
        for line in text.lines() {
            screen.say(line);
        }
    }

    pub fn diagnosis(&self, d: &Diagnosis, format: Format) {
        match format {
            Format::Json => Self::json(d),
            Format::Markdown => Self::markdown(&render::to_markdown(d)),
            Format::Text => self.diagnosis_text(d),
        }
    }

    fn diagnosis_text(&self, d: &Diagnosis) {
        let mut s = Screen::stdout();
        let verdict_style = match d.verdict.id() {
            "ok" => Style::Green,
            "warning" => Style::Yellow,
            _ => Style::Red,
        };
        let mut read = d.input.kind.title().to_string();
        for fact in d.input.read_as() {
            read.push_str(", ");
            read.push_str(&fact);
        }
        s.paint(Style::Bold, "Read:").text(" ").text(&read).end();
        s.paint(Style::Bold, "Verdict:")
            .text(" ")
            .paint(verdict_style, d.verdict.headline())
            .end();
        s.paint(Style::Dim, &format!("As of {}", time::utc(d.now)))
            .end();
        for f in &d.findings {
            let (style, label) = match f.severity {
                Severity::Error => (Style::Red, "error"),
                Severity::Warning => (Style::Yellow, "warning"),
                Severity::Info => (Style::Blue, "info"),
            };
            s.blank();
            s.paint(style, &format!("[{label}]"))
                .text(" ")
                .paint(Style::Bold, &f.title)
                .text("  ")
                .paint(Style::Dim, f.id)
                .end();
            s.say(&format!("  {}", f.explanation));
            for (n, step) in f.fix.iter().enumerate() {
                s.say(&format!("  {}. {step}", n + 1));
            }
            for source in &f.sources {
                s.text("  ").paint(Style::Dim, source).end();
            }
        }
        let needed: Vec<_> = d.scopes.iter().filter(|r| r.needed).collect();
        if !needed.is_empty() {
            s.blank();
            s.paint(Style::Bold, "Permissions needed:").end();
            for row in needed {
                s.say(&format!(
                    "  {:<34} {}",
                    row.permission,
                    render::state_words(row.state)
                ));
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
        let mut s = Screen::stdout();
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
                s.say(&format!(
                    "## Error {}: {}",
                    entry.label(),
                    render::markdown_text(entry.title)
                ));
                s.blank();
                s.say(&render::markdown_text(entry.explanation));
                s.blank();
                for (n, step) in entry.fix.iter().enumerate() {
                    s.say(&format!("{}. {}", n + 1, render::markdown_text(step)));
                }
                s.blank();
                s.say(&render::markdown_text(entry.retry.advice()));
                s.blank();
                let links: Vec<String> = entry.sources.iter().map(|s| format!("<{s}>")).collect();
                s.say(&format!("Sources: {}", links.join(", ")));
            }
            (
                ErrorLookup::Known {
                    entry,
                    subcode_matched,
                },
                Format::Text,
            ) => {
                s.paint(Style::Bold, &format!("Error {}:", entry.label()))
                    .text(" ")
                    .text(entry.title)
                    .end();
                if let (Some(sub), false) = (subcode, subcode_matched) {
                    s.paint(
                        Style::Dim,
                        &format!(
                            "(subcode {sub} is not in the catalog; this is the entry for the code)"
                        ),
                    )
                    .end();
                }
                let status = entry
                    .http_status
                    .map_or("not documented".to_string(), |s| s.to_string());
                s.say(&format!(
                    "Category: {}   HTTP status (documented): {status}   Who can fix it: {}",
                    entry.category.title(),
                    entry.fixable_by.label()
                ));
                s.blank();
                s.say(entry.explanation);
                s.blank();
                for (n, step) in entry.fix.iter().enumerate() {
                    s.say(&format!("  {}. {step}", n + 1));
                }
                s.say(&format!("  {}", entry.retry.advice()));
                s.blank();
                for source in entry.sources {
                    s.paint(Style::Dim, source).end();
                }
            }
            (ErrorLookup::Unknown { .. }, Format::Text | Format::Markdown) => {
                let family = family_of(code);
                s.say(&format!("Error {code} is not in the scopelens catalog."));
                s.say(&format!(
                    "By its number it belongs to {} ({}).",
                    family.name,
                    family.category.title().to_lowercase()
                ));
                s.say(&format!("See {}", family.source));
            }
        }
    }

    pub fn endpoint(&self, found: &EndpointMatch, format: Format) {
        if let Format::Json = format {
            return Self::json(found);
        }
        let md = matches!(format, Format::Markdown);
        // In Markdown the request, which comes from the user, is inert text.
        let user_text = |t: &str| {
            if md {
                render::markdown_code(t)
            } else {
                t.to_string()
            }
        };
        let mut s = Screen::stdout();
        let version = found
            .version
            .as_deref()
            .map(|v| format!(" ({})", user_text(v)))
            .unwrap_or_default();
        s.paint(Style::Bold, "Request:")
            .text(&format!(
                " {} {}{version}",
                user_text(&found.method),
                user_text(&found.path)
            ))
            .end();
        if found.candidates.is_empty() {
            s.say("No endpoint in the knowledge base matches this request. Check the path: the ID must be a number, and the edge name spelled as in Meta's reference.");
            return;
        }
        if found.candidates.len() > 1 {
            s.say(&format!(
                "This path fits {} endpoints; which one depends on the kind of ID:",
                found.candidates.len()
            ));
        }
        for e in &found.candidates {
            s.blank();
            s.paint(Style::Bold, e.method)
                .text(&format!(" {}  {}", e.path, e.summary))
                .end();
            let perms = if e.permissions.is_empty() {
                "none (any valid token)".to_string()
            } else {
                e.permissions.join(" + ")
            };
            s.text("  Needs: ").paint(Style::Green, &perms).end();
            if !e.note.is_empty() {
                s.say(&format!("  {}", e.note));
            }
            for source in e.sources {
                s.text("  ").paint(Style::Dim, source).end();
            }
        }
    }

    pub fn plan(&self, plan: &AccessPlan, format: Format) {
        match format {
            Format::Json => Self::json(plan),
            Format::Text | Format::Markdown => {
                let md = matches!(format, Format::Markdown);
                let mut s = Screen::stdout();
                let heading = |s: &mut Screen, t: &str| {
                    if md {
                        s.say(&format!("### {t}"));
                    } else {
                        s.paint(Style::Bold, t).end();
                    }
                };
                heading(
                    &mut s,
                    &format!("{}, {:?} Access", plan.role.title(), plan.access_level),
                );
                s.say(&format!(
                    "App Review: {}",
                    if plan.app_review {
                        "required"
                    } else {
                        "not needed"
                    }
                ));
                s.say(&format!("Token: {}", plan.token.title()));
                s.say(&format!("Permissions: {}", plan.permissions.join(", ")));
                s.say(&format!("Timeline: {}", plan.timeline));
                s.blank();
                s.say(&plan.why);
                s.blank();
                heading(&mut s, "Steps");
                for (n, step) in plan.steps.iter().enumerate() {
                    s.say(&format!("{}. {step}", n + 1));
                }
                for warning in &plan.warnings {
                    s.blank();
                    s.paint(Style::Yellow, "Note:")
                        .text(&format!(" {warning}"))
                        .end();
                }
                if !plan.checklist.is_empty() {
                    s.blank();
                    heading(&mut s, "App Review readiness checklist");
                    for item in plan.checklist {
                        s.say(&format!("- [ ] {} ({:?})", item.text, item.check));
                    }
                    s.blank();
                    heading(&mut s, "Common rejections and their corrections");
                    for p in plan.rejection_patterns {
                        s.say(&format!("- {}: {}", p.reason, p.correction));
                    }
                }
            }
        }
    }
}
