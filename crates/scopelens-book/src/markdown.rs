//! Writing knowledge-base text into Markdown and HTML safely.
//!
//! Knowledge-base strings are plain text in which backticks mark code. They
//! must come out exactly as written: no stray emphasis from `*` or `_`, no
//! HTML from `<`, no broken tables from `|`.

pub use scopelens_core::elements::html_escape;

/// Escapes plain text for inline Markdown (not inside a code span).
fn escape_text(text: &str, in_table: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '`' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '|' if in_table => out.push_str("\\|"),
            '|' => out.push('|'),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
}

/// A code span holding `code` literally, with a fence longer than any
/// backtick run inside it.
pub fn code_span(code: &str, in_table: bool) -> String {
    let longest = longest_run(code, '`');
    let fence = "`".repeat(longest + 1);
    let body = if in_table {
        code.replace('|', "\\|")
    } else {
        code.to_string()
    };
    let body = body.replace(['\n', '\r'], " ");
    // A span starting or ending with a backtick needs a space to separate it from the fence.
    let pad = if body.starts_with('`') || body.ends_with('`') || body.starts_with(' ') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{body}{pad}{fence}")
}

fn longest_run(text: &str, ch: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in text.chars() {
        if c == ch {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// Inline Markdown for a knowledge-base string: backtick pairs become code
/// spans, everything else is escaped. An unpaired backtick stays literal.
pub fn inline(text: &str, in_table: bool) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        let after = &rest[start + 1..];
        match after.find('`') {
            Some(end) if end > 0 => {
                escape_text(&rest[..start], in_table, &mut out);
                out.push_str(&code_span(&after[..end], in_table));
                rest = &after[end + 1..];
            }
            _ => {
                escape_text(&rest[..start + 1], in_table, &mut out);
                rest = after;
            }
        }
    }
    escape_text(rest, in_table, &mut out);
    out
}

/// A fenced code block holding `text` verbatim, whatever backticks it holds.
pub fn fenced(text: &str, lang: &str) -> String {
    let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
    let body = text.trim_end_matches(['\n', '\r']);
    format!("{fence}{lang}\n{body}\n{fence}\n")
}

/// Short link text for a source URL: host and path, without the scheme.
pub fn source_label(url: &str) -> &str {
    url.trim_start_matches("https://")
        .trim_start_matches("www.")
        .trim_end_matches('/')
}

/// `[label](url) (checked 2026-12)` for a knowledge-base source. Only
/// `https://` URLs become links; anything else is written as text. The
/// check month comes from the core's sources table.
pub fn source_link(url: &str, in_table: bool) -> String {
    let safe = url.starts_with("https://")
        && !url
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | '"' | '\\'));
    let link = if safe {
        format!("[{}](<{}>)", inline(source_label(url), in_table), url)
    } else {
        inline(url, in_table)
    };
    match scopelens_core::kb::sources::checked(url) {
        Some(month) => format!("{link} (checked {month})"),
        None => link,
    }
}

/// Comma-separated source links.
pub fn source_links(urls: &[&str], in_table: bool) -> String {
    urls.iter()
        .map(|u| source_link(u, in_table))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_and_html_but_keeps_code() {
        assert_eq!(
            inline("a *b* <c> `x_y*z` d_e", false),
            "a \\*b\\* \\<c\\> `x_y*z` d\\_e"
        );
        assert_eq!(inline("a | b `c|d`", true), "a \\| b `c\\|d`");
        assert_eq!(inline("odd ` tick", false), "odd \\` tick");
    }

    #[test]
    fn fences_outgrow_content() {
        assert!(fenced("```\ncode\n```", "text").starts_with("````text\n"));
        assert_eq!(code_span("a`b", false), "``a`b``");
    }

    #[test]
    fn attributes_stay_on_one_line() {
        let escaped = html_escape("{\n  \"a\": \"<b>&'\"\n}");
        assert!(!escaped.contains('\n'));
        assert!(!escaped.contains('"'));
        assert!(!escaped.contains('<'));
        assert_eq!(
            escaped,
            "{&#10;  &quot;a&quot;: &quot;&lt;b&gt;&amp;&#39;&quot;&#10;}"
        );
    }

    #[test]
    fn only_https_sources_become_links() {
        assert_eq!(
            source_link("https://developers.facebook.com/docs/x_y/", false),
            "[developers.facebook.com/docs/x\\_y](<https://developers.facebook.com/docs/x_y/>)"
        );
        assert_eq!(
            source_link("javascript:alert(1)", false),
            "javascript:alert(1)"
        );
    }
}
