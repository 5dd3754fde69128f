//! Markdown for support tickets: the same text whether it comes from the CLI
//! (`--format markdown`) or the web app's "Copy as Markdown" button.

use crate::diagnose::ScopeState;
use crate::diagnose::{Diagnosis, Severity};
use std::fmt::Write;

/// A ticket-ready summary of a diagnosis. Secrets were removed at reading,
/// and text from the payload is escaped so it cannot inject markup.
pub fn to_markdown(d: &Diagnosis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## scopelens diagnosis: {}", d.input.kind.title());
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "**Verdict:** {} ({})",
        d.verdict.headline(),
        d.verdict.id()
    );
    if let Some(status) = d.input.http_status {
        let _ = writeln!(out, "**HTTP status:** {status}");
    }
    let _ = writeln!(out, "**As of:** {}", crate::time::utc(d.now));
    let _ = writeln!(out);
    for (i, f) in d.findings.iter().enumerate() {
        let marker = match f.severity {
            Severity::Error => "❌",
            Severity::Warning => "⚠️",
            Severity::Info => "ℹ️",
        };
        let _ = writeln!(out, "### {}. {marker} {}", i + 1, escape(&f.title));
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", escape(&f.explanation));
        if !f.fix.is_empty() {
            let _ = writeln!(out);
            for (n, step) in f.fix.iter().enumerate() {
                let _ = writeln!(out, "{}. {}", n + 1, escape(step));
            }
        }
        if !f.sources.is_empty() {
            let _ = writeln!(out);
            let links: Vec<String> = f.sources.iter().map(|s| format!("<{s}>")).collect();
            let _ = writeln!(out, "Sources: {}", links.join(", "));
        }
        let _ = writeln!(out);
    }
    let rows: Vec<_> = d.scopes.iter().filter(|r| r.needed).collect();
    if !rows.is_empty() {
        let _ = writeln!(out, "| Permission | Status |");
        let _ = writeln!(out, "|---|---|");
        for row in rows {
            let _ = writeln!(
                out,
                "| `{}` | {} |",
                row.permission.replace('`', ""),
                state_words(row.state)
            );
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "_Tokens and secrets were removed from this summary by scopelens._"
    );
    out
}

pub fn state_words(state: ScopeState) -> &'static str {
    match state {
        ScopeState::Granted => "granted",
        ScopeState::NotForWaba => "granted, but not for this WABA",
        ScopeState::Missing => "missing",
        ScopeState::Declined => "declined",
        ScopeState::Expired => "expired",
    }
}

/// Escapes characters that would turn payload text into markup or links.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '<' | '>' | '[' | ']' | '*' | '_' | '#' | '|' | '\\' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `value` with exactly `decimals` digits after the point ("5.3", "12",
/// "0.25"), for sizes, percentages and drawing coordinates. Written with
/// integer formatting only: Rust's float formatter and its tables would add
/// about 11 kB to the web app's wasm for a handful of numbers.
pub fn fixed(value: f64, decimals: u32) -> String {
    let decimals = decimals.min(6);
    let scale = 10u64.pow(decimals);
    // `as` saturates: NaN becomes 0, huge values u64::MAX.
    let scaled = (value.abs() * scale as f64).round() as u64;
    let sign = if value < 0.0 && scaled != 0 { "-" } else { "" };
    let (whole, fraction) = (scaled / scale, scaled % scale);
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!(
            "{sign}{whole}.{fraction:0width$}",
            width = decimals as usize
        )
    }
}

/// A byte count in mebibytes with one decimal, as in "5.3 MB".
pub fn megabytes(bytes: f64) -> String {
    format!("{} MB", fixed(bytes / (1024.0 * 1024.0), 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{diagnose, Context};

    #[test]
    fn markdown_has_verdict_findings_and_no_markup_from_payload() {
        let text = r#"{"error":{"message":"<img src=x onerror=alert(1)> [click](javascript:alert(1))","type":"OAuthException","code":190,"fbtrace_id":"Atrace"}}"#;
        let md = to_markdown(&diagnose(text, &Context::at(1_760_000_000)));
        assert!(md.contains("**Verdict:**"));
        assert!(md.contains("Atrace"));
        // Every `<` and `[` from the payload is backslash-escaped, so it renders as text.
        assert!(md
            .match_indices("<img")
            .all(|(at, _)| md[..at].ends_with('\\')));
        assert!(md
            .match_indices("[click")
            .all(|(at, _)| md[..at].ends_with('\\')));
        assert!(md.contains("\\<img"));
    }

    #[test]
    fn fixed_point_numbers_without_the_float_formatter() {
        assert_eq!(fixed(5.26, 1), "5.3");
        assert_eq!(fixed(12.0, 0), "12");
        assert_eq!(fixed(0.05, 2), "0.05");
        assert_eq!(fixed(-1.5, 1), "-1.5");
        assert_eq!(fixed(-0.01, 1), "0.0");
        assert_eq!(fixed(f64::NAN, 1), "0.0");
        assert_eq!(fixed(256.0 + 1.0 / 3.0, 2), "256.33");
        assert_eq!(megabytes(50.0 * 1024.0 * 1024.0), "50.0 MB");
        for x in [0.0, 0.4, 1.0, 3.75, 99.95, 720.0, 1234.5678] {
            assert_eq!(fixed(x, 2), format!("{x:.2}"), "{x}");
        }
    }
}
