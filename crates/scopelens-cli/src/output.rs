//! How the CLI prints: text for people (coloured on a terminal, plain when
//! piped or when NO_COLOR is set), JSON for programs, Markdown for tickets.

use crate::terminal::{self, Screen, Style};
use clap::ValueEnum;
use scopelens_core::command_output;
use scopelens_core::diagnose::Diagnosis;
use scopelens_core::kb::access::AccessPlan;
use scopelens_core::kb::endpoints::EndpointMatch;
use scopelens_core::kb::errors::ErrorLookup;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

impl Format {
    fn core(self) -> command_output::Format {
        match self {
            Format::Text => command_output::Format::Text,
            Format::Json => command_output::Format::Json,
            Format::Markdown => command_output::Format::Markdown,
        }
    }
}

/// Prints through the core's renderers ([`command_output`]), which
/// `npx scopelens` shares, and the access plan, which only this CLI has.
pub struct Printer;

impl Printer {
    pub fn stdout() -> Printer {
        Printer
    }

    fn json(value: &impl serde::Serialize) {
        terminal::json(value);
    }

    pub fn diagnosis(&self, d: &Diagnosis, format: Format) {
        command_output::diagnosis(&mut Screen::stdout(), d, format.core());
    }

    pub fn explanation(
        &self,
        code: u32,
        subcode: Option<u32>,
        lookup: &ErrorLookup,
        format: Format,
    ) {
        command_output::explanation(&mut Screen::stdout(), code, subcode, lookup, format.core());
    }

    pub fn endpoint(&self, found: &EndpointMatch, format: Format) {
        command_output::endpoint(&mut Screen::stdout(), found, format.core());
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
