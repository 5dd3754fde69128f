//! Markdown for support tickets: the same text whether it comes from the CLI
//! (`--format markdown`) or the web app's "Copy as Markdown" button.

use crate::diagnose::ScopeState;
use crate::diagnose::{Diagnosis, Severity};
use std::fmt::Write;

/// What a copy for a ticket carries besides the diagnosis.
#[derive(Debug, Clone, Copy, Default)]
pub struct Ticket<'a> {
    /// The share link that reopens the diagnosis (made by scopelens).
    pub link: Option<&'a str>,
    /// What was read, already cut to what a share link may carry
    /// (`share::shareable_input`); shown in a collapsed block.
    pub payload: Option<&'a str>,
}

/// A ticket-ready summary of a diagnosis. Secrets were removed at reading,
/// and every string that can carry payload text goes through
/// [`markdown_text`] or [`markdown_code`] (or, for the payload block,
/// [`code_block`]), so none can become markup, a link or a mention.
pub fn to_markdown(d: &Diagnosis) -> String {
    to_ticket(d, &Ticket::default())
}

/// [`to_markdown`] with the share link and the payload: titled by the top
/// finding, then the verdict, the findings in order, the complete
/// permission table, and what was read, folded.
pub fn to_ticket(d: &Diagnosis, ticket: &Ticket) -> String {
    without_secret_lines(ticket_unchecked(d, ticket))
}

/// What a line that still reads as holding a secret becomes.
const LEFT_OUT: &str = "(a line was left out here: it may hold a secret)";

/// The last guard before a copy leaves: the text was redacted as it was
/// read, but escaping for Markdown can make a value read differently, so
/// any line that still reads as holding a secret is left out whole.
fn without_secret_lines(md: String) -> String {
    if !crate::secrets::contains_secret(&md) {
        return md;
    }
    let mut out: String = md
        .lines()
        .map(|line| {
            if crate::secrets::contains_secret(line) {
                LEFT_OUT
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    out.push('\n');
    if crate::secrets::contains_secret(&out) {
        // A secret spread over lines: nothing of the copy is kept.
        return format!("## scopelens diagnosis\n\n{LEFT_OUT}\n");
    }
    out
}

fn ticket_unchecked(d: &Diagnosis, ticket: &Ticket) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## scopelens diagnosis: {}",
        prose(&crate::diagnose::headline(d))
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "**Verdict:** {} {}",
        d.verdict.headline(),
        crate::diagnose::retry_label(d)
    );
    let mut read_as = d.input.kind.title().to_string();
    if let Some(status) = d.input.http_status {
        let _ = write!(read_as, ", HTTP {status}");
    }
    let _ = writeln!(out, "**Read as:** {read_as}  ");
    let _ = writeln!(out, "**As of:** {}  ", crate::time::utc(d.now));
    if let Some(link) = ticket.link.filter(|l| !l.trim().is_empty()) {
        let _ = writeln!(out, "**Share link:** {}", link_markdown(link));
    }
    let _ = writeln!(out);
    for (i, f) in d.findings.iter().enumerate() {
        let marker = match f.severity {
            Severity::Error => "❌",
            Severity::Warning => "⚠️",
            Severity::Info => "ℹ️",
        };
        let _ = writeln!(out, "### {}. {marker} {}", i + 1, prose(&f.title));
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", prose(&f.explanation));
        if !f.fix.is_empty() {
            let _ = writeln!(out);
            for (n, step) in f.fix.iter().enumerate() {
                let _ = writeln!(out, "{}. {}", n + 1, prose(step));
            }
        }
        if !f.sources.is_empty() {
            let _ = writeln!(out);
            let links: Vec<String> = f.sources.iter().map(|s| format!("<{s}>")).collect();
            let _ = writeln!(out, "Sources: {}", links.join(", "));
        }
        let _ = writeln!(out);
    }
    if !d.scopes.is_empty() {
        let _ = writeln!(out, "| Permission | Needed | Status | Granted for |");
        let _ = writeln!(out, "|---|---|---|---|");
        for row in &d.scopes {
            let granted = matches!(row.state, ScopeState::Granted | ScopeState::NotForWaba);
            let targets = match (&row.target_ids, granted) {
                (_, false) => "none".to_string(),
                (None, true) => "every asset the token reaches".to_string(),
                (Some(ids), true) if ids.is_empty() => "no assets".to_string(),
                (Some(ids), true) => ids
                    .iter()
                    .map(|id| markdown_code(id))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                markdown_code(&row.permission),
                if row.needed { "needed" } else { "not needed" },
                state_words(row.state),
                targets
            );
        }
        let _ = writeln!(out);
    }
    if let Some(payload) = ticket.payload.filter(|p| !p.trim().is_empty()) {
        let _ = writeln!(
            out,
            "<details><summary>What was read (tokens removed)</summary>"
        );
        let _ = writeln!(out);
        out.push_str(&code_block(payload));
        let _ = writeln!(out);
        let _ = writeln!(out, "</details>");
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "_Tokens and secrets were removed from this summary by scopelens._"
    );
    out
}

/// A share link as an autolink when it is a plain http(s) URL (which is
/// what scopelens makes), else as inert code.
fn link_markdown(link: &str) -> String {
    let link = link.trim();
    let plain = (link.starts_with("https://") || link.starts_with("http://"))
        && link
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '`' | '\\' | '|'));
    if plain {
        format!("<{link}>")
    } else {
        markdown_code(link)
    }
}

/// A word that reads best verbatim: an identifier such as
/// `whatsapp_business_messaging`, `debug_token` or `/me/permissions`.
fn is_identifier(word: &str) -> bool {
    let allowed =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '/' | '.' | '{' | '}' | '-');
    word.len() > 1
        && word.chars().all(allowed)
        && (word.contains('_')
            || (word.starts_with('/') && word[1..].starts_with(|c: char| c.is_ascii_alphabetic())))
}

/// Text with its identifiers (`whatsapp_business_messaging`, `/me/permissions`,
/// also when written between backticks) as code spans and the rest through
/// [`markdown_text`]: one inert line either way.
pub fn prose(text: &str) -> String {
    let flat = one_line(text);
    let mut out = String::with_capacity(flat.len() + 16);
    let mut plain = String::new();
    for (j, word) in flat.split(' ').enumerate() {
        if j > 0 {
            plain.push(' ');
        }
        let body = word.trim_end_matches(['.', ',', ';', ':', ')', '?', '!']);
        let after = &word[body.len()..];
        let (before, body) = match body.strip_prefix('(') {
            Some(rest) => ("(", rest),
            None => ("", body),
        };
        let inner = body
            .strip_prefix('`')
            .and_then(|b| b.strip_suffix('`'))
            .unwrap_or(body);
        if !is_identifier(inner) {
            plain.push_str(word);
            continue;
        }
        plain.push_str(before);
        flush_plain(&mut out, &mut plain);
        join_piece(&mut out, &markdown_code(inner));
        join_piece(&mut out, &markdown_text(after));
    }
    flush_plain(&mut out, &mut plain);
    out.trim().to_string()
}

/// Appends `piece`, with a zero-width space where it touches the text
/// before it: each piece breaks link patterns only within itself, and one
/// could otherwise complete a pattern the other began (`x` then `.com`).
fn join_piece(out: &mut String, piece: &str) {
    if piece.is_empty() {
        return;
    }
    // Closing punctuation completes no pattern.
    let closing = piece
        .trim_start_matches('\\')
        .starts_with([')', ',', ';', '!', '?']);
    if !out.is_empty() && !out.ends_with([' ', '(']) && !piece.starts_with(' ') && !closing {
        out.push(BREAK);
    }
    out.push_str(piece);
}

/// Appends `plain` through [`markdown_text`], keeping a space on either
/// side where there was one, and empties it.
fn flush_plain(out: &mut String, plain: &mut String) {
    if plain.trim().is_empty() {
        if !plain.is_empty() && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    } else {
        if plain.starts_with(' ') && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        join_piece(out, &markdown_text(plain));
        if plain.ends_with(' ') {
            out.push(' ');
        }
    }
    plain.clear();
}

/// Text as a fenced code block: each line with visible controls and broken
/// link patterns (as in [`markdown_code`]), and a fence longer than any run
/// of backticks inside, so no line can close it.
pub fn code_block(text: &str) -> String {
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat((longest_run + 1).max(3));
    let mut out = format!("{fence}\n");
    for line in text.lines() {
        let line = visible_controls(line.trim_end_matches('\r'));
        let chars: Vec<char> = line.chars().collect();
        for i in 0..chars.len() {
            push_breaking_links(&mut out, &chars, i);
        }
        out.push('\n');
    }
    out.push_str(&fence);
    out.push('\n');
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

/// Invisible when rendered; put inside a pattern that a renderer would turn
/// into a link, a mention or a reference, it breaks the pattern.
const BREAK: char = '\u{200b}';

/// ASCII punctuation that Markdown (CommonMark, GitHub, Slack, Jira) can
/// read as markup anywhere in a line; each is written with a backslash.
/// (`^` is superscript in several dialects and in Jira.)
const ALWAYS_ESCAPED: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '!', '~', '&', '$', '^',
];

/// Text from a payload as one line of inert Markdown: the one function
/// every payload-derived string goes through before it joins Markdown
/// (the diagnosis copy here, and the CLI's Markdown output).
///
/// - Line breaks of every kind become spaces and leading spaces go, so no
///   heading, rule, list, quote, table row, fence or indented code block
///   can start; a leading `-`, `+`, `=` or `1.` is escaped as well.
/// - Markup characters are backslash-escaped: no emphasis, code, link,
///   image, raw HTML, entity, table cell or math.
/// - A zero-width space goes where a renderer would otherwise make a link
///   or a notification: after `@` (mentions, `@org/team`, e-mail
///   addresses), after `#` (`#123`), inside `://`, before a dot between
///   letters (`www.`, bare domains) and after the dash of `ABC-123` issue
///   keys. Renderers link these on the rendered text, after escapes are
///   gone, which is why a backslash alone is not enough.
/// - Controls show as `\uXXXX` (see [`visible_controls`]).
pub fn markdown_text(text: &str) -> String {
    let flat = one_line(text);
    let line = flat.trim();
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    // A leading run of digits then `.` or `)` would start an ordered list.
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let list_number_end =
        (digits > 0 && matches!(chars.get(digits), Some('.' | ')'))).then_some(digits);
    for (i, &c) in chars.iter().enumerate() {
        let leading_marker = i == 0 && matches!(c, '-' | '+' | '=');
        if ALWAYS_ESCAPED.contains(&c) || leading_marker || list_number_end == Some(i) {
            out.push('\\');
        }
        push_breaking_links(&mut out, &chars, i);
    }
    out
}

/// Text from a payload as an inline code span, for identifiers (a
/// permission, a request, an ID) that read best verbatim. The fence is one
/// backtick longer than the longest run inside, so no backtick can close it
/// early. A `|` is written `\|`, so a table cell stays whole (outside a
/// table the backslash shows, a small price for one rule everywhere).
pub fn markdown_code(text: &str) -> String {
    let flat = one_line(text);
    let content = flat.trim();
    if content.is_empty() {
        return String::new();
    }
    let chars: Vec<char> = content.chars().collect();
    let mut inner = String::with_capacity(content.len() + 4);
    for i in 0..chars.len() {
        // Renderers that ignore code spans (Jira's wiki markup) still must
        // not link or notify.
        if chars[i] == '|' {
            inner.push('\\');
        }
        push_breaking_links(&mut inner, &chars, i);
    }
    let longest_run = content.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if content.starts_with('`') || content.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{inner}{pad}{fence}")
}

/// Pushes `chars[i]`, with a zero-width space where it would otherwise
/// complete a link, mention or reference pattern.
fn push_breaking_links(out: &mut String, chars: &[char], i: usize) {
    let c = chars[i];
    let before = i.checked_sub(1).map(|j| chars[j]);
    let after = chars.get(i + 1).copied();
    // `www.example`, `example.com`: a dot between letters or digits and a
    // letter; and any dot after `www` (`www.1` links too), in any case.
    let after_www = i >= 3 && chars[i - 3..i].iter().all(|w| w.eq_ignore_ascii_case(&'w'));
    if c == '.'
        && before.is_some_and(|b| b.is_alphanumeric())
        && (after.is_some_and(|a| a.is_alphabetic()) || after_www)
    {
        out.push(BREAK);
    }
    out.push(c);
    let breaks_after = match c {
        '@' | '#' => true,
        ':' => chars.get(i + 1..i + 3) == Some(&['/', '/'][..]),
        // `PROJ-123`, `GH-123`: an issue key.
        '-' => {
            before.is_some_and(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                && after.is_some_and(|a| a.is_ascii_digit())
        }
        _ => false,
    };
    if breaks_after {
        out.push(BREAK);
    }
}

/// One line: every line or paragraph separator becomes a space, and other
/// controls become visible escapes.
fn one_line(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| match c {
            '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => ' ',
            c => c,
        })
        .collect();
    visible_controls(&spaced)
}

/// True for characters a terminal or a renderer may act on instead of
/// showing: C0 controls other than newline and tab, DEL, C1 controls
/// (U+009B is a one-byte CSI), and the bidirectional formatting characters,
/// which can reorder a line so that it reads as something it does not say.
pub fn is_unsafe_control(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // Arabic letter mark, left-to-right and right-to-left marks.
        | '\u{61c}' | '\u{200e}' | '\u{200f}'
        // Embeddings, overrides and isolates.
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every [`is_unsafe_control`] character written as `\uXXXX`
/// (four lower-case hex digits), a form that is also a valid escape inside
/// a JSON string.
pub fn visible_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe_control(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
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

    /// What a renderer shows for escaped text: each `\X` becomes `X`.
    fn rendered(markdown: &str) -> String {
        let mut out = String::new();
        let mut chars = markdown.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                out.extend(chars.next());
            } else {
                out.push(c);
            }
        }
        out
    }

    /// Markup characters left unescaped.
    fn active_markup(markdown: &str) -> Vec<char> {
        let mut found = Vec::new();
        let mut chars = markdown.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                chars.next();
            } else if ALWAYS_ESCAPED.contains(&c) {
                found.push(c);
            }
        }
        found
    }

    /// True when `line`, at the start of a line, would open a block other
    /// than a paragraph: heading, quote, list, rule, fence, table, HTML or
    /// indented code.
    fn starts_block(line: &str) -> bool {
        if line.starts_with("    ") || line.starts_with('\t') {
            return true;
        }
        let line = line.trim_start_matches(' ');
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        if (1..=9).contains(&digits) && line[digits..].starts_with(['.', ')']) {
            return true;
        }
        line.starts_with(['#', '>', '-', '+', '*', '=', '_', '|', '<', '`', '~'])
    }

    /// A pattern GitHub, Slack or Jira would turn into a link, a mention or
    /// a reference, in rendered text.
    fn link_pattern(text: &str) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        // Lower case char by char, so that positions stay those of `chars`.
        let lower: Vec<char> = chars.iter().map(char::to_ascii_lowercase).collect();
        for i in 0..chars.len() {
            let next = chars.get(i + 1).copied();
            let word_char = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if chars[i] == '@' && word_char(next) {
                return Some(format!("mention or e-mail at {i}"));
            }
            if chars[i] == '#' && next.is_some_and(|c| c.is_ascii_digit()) {
                return Some(format!("reference at {i}"));
            }
            if lower[i..].starts_with(&['w', 'w', 'w', '.']) {
                return Some(format!("www. at {i}"));
            }
            if chars[i..].starts_with(&[':', '/', '/']) {
                return Some(format!("scheme at {i}"));
            }
            if chars[i] == '.'
                && i > 0
                && word_char(Some(chars[i - 1]))
                && next.is_some_and(|c| c.is_ascii_alphabetic())
            {
                return Some(format!("domain at {i}"));
            }
            if chars[i] == '-'
                && i > 0
                && chars[i - 1].is_ascii_uppercase()
                && next.is_some_and(|c| c.is_ascii_digit())
            {
                return Some(format!("issue key at {i}"));
            }
        }
        None
    }

    #[test]
    fn a_line_that_reads_as_holding_a_secret_once_escaped_is_left_out() {
        // Found by fuzzing: a message cut from a spared challenge, escaped
        // for Markdown, read as a token-named value.
        let text = "    'expired access token': 'O[Auth \"Facebook Platform\" \"invalid_token\" \"Error validating aPDT. The current ss token: Session has expi   'expired access token': 'O[Auth \"Facebook Platform\" \"invalid_token\" \"Error validating aPDT. The current ss token: Session has expired on Saturday, 30-Mar-24 16:00:00.";
        let d = crate::diagnose(text, &crate::Context::at(1_760_000_000));
        let md = to_markdown(&d);
        assert!(!crate::secrets::contains_secret(&md), "{md}");
        assert!(md.starts_with("## scopelens diagnosis"));
    }

    const TRICKY: &[&str] = &[
        "\n",
        "\r\n",
        "\r",
        "\u{2028}",
        "\u{85}",
        "    ",
        "\t",
        "# ",
        "===",
        "---",
        "***",
        "> ",
        "- ",
        "+ ",
        "1. ",
        "2) ",
        "```",
        "~~~",
        "|",
        "<img src=x>",
        "<!--",
        "&lt;",
        "&#x3c;",
        "[a](b)",
        "![i](j)",
        "`",
        "``",
        "*",
        "_",
        "@octocat",
        "@org/team",
        "#123",
        "GH-7",
        "PROJ-42",
        "https://evil.example/x",
        "http://a.b",
        "www.evil.example",
        "WWW.X.Y",
        "wWW.1",
        "mailto:a@b.c",
        "user@example.com",
        "evil.example",
        "$x$",
        "\\",
        "\u{1b}[31m",
        "\u{9b}2J",
        "\u{202e}",
        "\u{200b}",
        "Verdict: OK",
        " ",
        "a",
        "é",
        "1",
        ".",
        ":",
    ];

    fn payload_text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(TRICKY).prop_map(str::to_string),
                "[a-zA-Z0-9 .:/@#-]{0,6}",
                any::<char>().prop_map(String::from),
            ],
            0..24,
        )
        .prop_map(|parts| parts.concat())
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn payload_text_is_one_inert_line_that_reads_the_same(text in payload_text()) {
            let md = markdown_text(&text);
            prop_assert!(!md.contains(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']), "{md:?}");
            prop_assert!(!md.chars().any(is_unsafe_control), "{md:?}");
            prop_assert!(!starts_block(&md), "{md:?}");
            // After any prefix the CLI or the copy puts before it.
            for prefix in ["1. ", "- ", "### 1. x ", "| "] {
                let line = format!("{prefix}{md}");
                prop_assert!(!starts_block(&line[prefix.len()..]), "{line:?}");
            }
            prop_assert_eq!(active_markup(&md), Vec::<char>::new(), "{:?}", md);
            let shown = rendered(&md);
            prop_assert_eq!(link_pattern(&shown), None, "{:?}", shown);
            // Nothing is lost: the rendered text is the payload on one line.
            let expected = visible_controls(&one_line(&text)).trim().replace(BREAK, "");
            prop_assert_eq!(shown.replace(BREAK, ""), expected);
        }

        #[test]
        fn payload_code_spans_cannot_be_closed_early(text in payload_text()) {
            let md = markdown_code(&text);
            if text.trim().is_empty() || one_line(&text).trim().is_empty() {
                prop_assert_eq!(md, "");
                return Ok(());
            }
            prop_assert!(!md.contains(['\n', '\r']), "{md:?}");
            let fence_len = md.chars().take_while(|c| *c == '`').count();
            let fence = "`".repeat(fence_len);
            let inner = &md[fence_len..md.len() - fence_len];
            prop_assert!(md.ends_with(&fence));
            // No run of exactly the fence's length inside, so the span ends only at its end.
            let runs: Vec<usize> = inner.split(|c| c != '`').map(str::len).collect();
            prop_assert!(runs.iter().all(|n| *n != fence_len), "{md:?}");
            prop_assert_eq!(link_pattern(inner), None, "{:?}", inner);
        }

        #[test]
        fn a_diagnosis_copy_of_a_hostile_error_has_no_active_payload(message in payload_text(), kind in payload_text()) {
            let error = serde_json::json!({"error": {"message": message, "type": kind, "code": 100, "error_user_title": kind, "fbtrace_id": message}});
            let md = to_markdown(&diagnose(&error.to_string(), &Context::at(1_760_000_000)));
            for line in md.lines() {
                // A line may start with one of the copy's own code spans.
                let ours = ["## ", "### ", "**", "Sources: ", "| ", "|---", "_Tokens"]
                    .iter()
                    .any(|p| line.starts_with(p))
                    || (line.starts_with('`') && !line.starts_with("``"))
                    || line.split_once(". ").is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty());
                if !ours {
                    prop_assert!(!starts_block(line), "{line:?}");
                }
                if !line.starts_with("Sources: ") {
                    let shown = rendered(line);
                    prop_assert_eq!(link_pattern(&shown), None, "{:?}", line);
                }
                prop_assert!(!line.chars().any(is_unsafe_control), "{line:?}");
            }
        }
    }

    /// Parses a copy with an independent CommonMark reader (every GitHub
    /// extension on) and fails on anything but the copy's own structure:
    /// its headings, its strong labels, its numbered fix lists, its source
    /// autolinks, its permission table and code spans, and plain text in
    /// which no link, mention or reference pattern survives.
    fn assert_only_own_structure(md: &str, d: &Diagnosis) -> Result<(), TestCaseError> {
        assert_only_own_structure_with(md, d, None)
    }

    /// The copy's own HTML: the fold around the payload.
    const OWN_HTML: [&str; 2] = [
        "<details><summary>What was read (tokens removed)</summary>",
        "</details>",
    ];

    fn assert_only_own_structure_with(
        md: &str,
        d: &Diagnosis,
        link: Option<&str>,
    ) -> Result<(), TestCaseError> {
        use pulldown_cmark::{
            CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
        };
        let mut sources: Vec<&str> = d
            .findings
            .iter()
            .flat_map(|f| f.sources.iter().map(|s| s.as_ref()))
            .collect();
        sources.extend(link);
        let mut code_blocks = 0;
        let mut text = String::new();
        let mut in_link = false;
        let (mut h2, mut h3) = (0, 0);
        for event in Parser::new_ext(md, Options::all()) {
            match event {
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H2,
                    ..
                }) => h2 += 1,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H3,
                    ..
                }) => h3 += 1,
                Event::Start(Tag::Link {
                    link_type: LinkType::Autolink,
                    dest_url,
                    ..
                }) => {
                    prop_assert!(sources.contains(&dest_url.as_ref()), "link to {dest_url:?}");
                    in_link = true;
                }
                Event::End(TagEnd::Link) => in_link = false,
                Event::Start(
                    Tag::List(Some(1))
                    | Tag::Item
                    | Tag::Paragraph
                    | Tag::Strong
                    | Tag::Emphasis
                    | Tag::Table(_)
                    | Tag::TableHead
                    | Tag::TableRow
                    | Tag::TableCell,
                ) => {}
                // Code is shown verbatim, never acted on; it still breaks
                // link patterns and shows controls.
                Event::Code(code) => {
                    prop_assert_eq!(link_pattern(&code), None, "code {:?}", code);
                    prop_assert!(!code.chars().any(is_unsafe_control), "code {code:?}");
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                    prop_assert_eq!(info.as_ref(), "");
                    code_blocks += 1;
                }
                Event::End(TagEnd::CodeBlock) => {}
                Event::Html(html) | Event::InlineHtml(html) => {
                    prop_assert!(OWN_HTML.contains(&html.trim_end()), "HTML {html:?}");
                }
                Event::End(TagEnd::HtmlBlock) | Event::Start(Tag::HtmlBlock) => {}
                Event::Text(t) if !in_link => text.push_str(&t),
                Event::Text(_) | Event::SoftBreak | Event::HardBreak => text.push(' '),
                Event::End(_) => {
                    prop_assert_eq!(link_pattern(&text), None, "in {:?}", text);
                    prop_assert!(!text.chars().any(is_unsafe_control), "{text:?}");
                    text.clear();
                }
                other => prop_assert!(false, "{other:?} in\n{md}"),
            }
        }
        prop_assert_eq!((h2, h3), (1, d.findings.len()));
        prop_assert!(code_blocks <= 1);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]

        #[test]
        fn a_copy_parses_to_its_own_structure_and_nothing_from_the_payload(
            message in payload_text(),
            other in payload_text(),
        ) {
            let now = Context::at(1_760_000_000);
            let error = serde_json::json!({"error": {"message": message, "type": other, "code": 100,
                "error_user_title": other, "error_user_msg": message, "fbtrace_id": other}});
            let d = diagnose(&error.to_string(), &now);
            assert_only_own_structure(&to_markdown(&d), &d)?;
            let token = serde_json::json!({"data": {"app_id": "1", "type": "USER", "application": message,
                "is_valid": true, "expires_at": 0, "scopes": [other, "whatsapp_business_messaging"],
                "granular_scopes": [{"scope": other, "target_ids": [message]}]}});
            let d = diagnose(&token.to_string(), &now);
            assert_only_own_structure(&to_markdown(&d), &d)?;
            let webhook = serde_json::json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
                "messaging_product": "whatsapp", "metadata": {"phone_number_id": other},
                "statuses": [{"id": "wamid.1", "status": "failed", "timestamp": "1700000000", "recipient_id": message,
                    "errors": [{"code": 131026, "title": other, "message": message, "error_data": {"details": message}}]}]}}]}]});
            let d = diagnose(&webhook.to_string(), &now);
            assert_only_own_structure(&to_markdown(&d), &d)?;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn a_ticket_with_a_hostile_payload_and_a_link_parses_to_its_own_structure(
            message in payload_text(),
            other in payload_text(),
        ) {
            let error = serde_json::json!({"error": {"message": message, "type": other, "code": 200,
                "error_user_msg": message, "fbtrace_id": other}});
            let text = format!("{error}\n```\n</details>\n{message}");
            let d = diagnose(&text, &Context::at(1_760_000_000));
            let link = "https://scopelens.example/#v2=eJyrVkrOz1Wy";
            let md = to_ticket(&d, &Ticket { link: Some(link), payload: Some(&text) });
            assert_only_own_structure_with(&md, &d, Some(link))?;
            let autolink = format!("<{link}>");
            prop_assert!(md.contains(&autolink));
        }

        #[test]
        fn prose_is_one_inert_paragraph(text in payload_text()) {
            use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
            let line = prose(&text);
            prop_assert!(!line.contains('\n') && !line.chars().any(is_unsafe_control));
            for event in Parser::new_ext(&line, Options::all()) {
                match event {
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                    Event::Text(t) | Event::Code(t) => {
                        prop_assert_eq!(link_pattern(&t), None, "{:?}", line);
                    }
                    other => prop_assert!(false, "{other:?} in {line:?}"),
                }
            }
        }
    }

    #[test]
    fn a_ticket_is_titled_by_the_top_finding_and_writes_identifiers_as_code() {
        let token = serde_json::json!({"data": {"app_id": "1", "type": "SYSTEM_USER", "application": "A",
            "is_valid": true, "expires_at": 0, "scopes": ["whatsapp_business_management", "public_profile"],
            "granular_scopes": [{"scope": "whatsapp_business_management", "target_ids": ["102290129340398"]}]}});
        let d = diagnose(&token.to_string(), &Context::at(1_760_000_000));
        let md = to_ticket(
            &d,
            &Ticket {
                link: Some("https://x.example/#v2=abc"),
                payload: Some("{\"a\": 1}"),
            },
        );
        let first = md.lines().next().unwrap_or_default();
        assert_eq!(
            first,
            format!(
                "## scopelens diagnosis: {}",
                prose(&crate::diagnose::headline(&d))
            )
        );
        assert!(!md.contains("action_required"), "{md}");
        assert!(
            !md.contains("\\_"),
            "an identifier written with escapes: {md}"
        );
        assert!(md.contains("`whatsapp_business_messaging`"), "{md}");
        // Every row of the scope check, needed or not, with what it is granted for.
        for row in &d.scopes {
            assert!(
                md.contains(&format!("| `{}` |", row.permission)),
                "{} missing in {md}",
                row.permission
            );
        }
        assert!(
            md.contains("| `whatsapp_business_messaging` | needed | missing | none |"),
            "{md}"
        );
        assert!(md.contains("`102290129340398`"), "{md}");
        assert!(
            md.contains("**Share link:** <https://x.example/#v2=abc>"),
            "{md}"
        );
        assert!(md.contains("<details><summary>What was read (tokens removed)</summary>\n\n```\n{\"a\": 1}\n```\n\n</details>"), "{md}");
    }

    #[test]
    fn prose_writes_backticked_words_and_identifiers_as_code() {
        assert_eq!(
            prose("Call `debug_token` (see /me/permissions)."),
            "Call `debug_token` (see `/me/permissions`)."
        );
        assert_eq!(
            prose("needs whatsapp_business_messaging, then retry"),
            "needs `whatsapp_business_messaging`, then retry"
        );
        assert_eq!(prose("an odd ` backtick"), "an odd \\` backtick");
        assert_eq!(prose("`a b`"), "\\`a b\\`");
        assert_eq!(prose("a/b and 1/2"), "a/b and 1/2");
    }

    #[test]
    fn a_forged_heading_a_mention_and_a_link_stay_text() {
        let md = markdown_text(
            "ok\n===\n@octocat see #1 at https://evil.example and www.evil.example <b>",
        );
        assert_eq!(
            md,
            "ok === @\u{200b}octocat see \\#\u{200b}1 at https:\u{200b}//evil\u{200b}.example and www\u{200b}.evil\u{200b}.example \\<b\\>"
        );
        assert_eq!(markdown_code("a`b``c"), "```a`b``c```");
        assert_eq!(markdown_code("`x"), "`` `x ``");
        assert_eq!(markdown_code("a|b"), "`a\\|b`");
    }
}
