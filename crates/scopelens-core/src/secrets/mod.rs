//! Finding and removing secrets from what people paste.
//!
//! What is found, by shape ([`shapes`]): user, page and system user tokens
//! (`EAA…`), Instagram tokens (`IGQV…`, `IGAA…`), the secret of app tokens
//! (`APPID|SECRET`), base64 JSON (JWTs, `signed_request`, encoded state);
//! also lower-cased, glued to `access_token`, split by `"…" + "…"` or
//! hard-wrapped. By name ([`fields`]): any field whose name ends in
//! `token`, `secret`, `password`, `proof`, `signature`, `_key` or
//! `authorization` (`hub.verify_token`, `X-Hub-Signature-256`,
//! `META_APP_SECRET`…), OAuth `code`, Facebook and Instagram session
//! cookies, in every layout that puts a value after its name or in a field
//! next to it (query strings, JSON, Python, headers, `.env`, YAML, PHP,
//! Go, HAR, Postman, HTML forms, multipart, `.netrc`, XML elements, EDN
//! keywords). Also `Bearer`
//! credentials and the passwords of `curl -u` and `https://user:pass@host`.
//!
//! How: the text is read as it is, and again as it reads with escapes
//! undone ([`view`]: JSON, Python and shell escapes, URL-encoding, HTML
//! references, zero-width characters dropped, look-alike letters read as
//! ASCII, hard wraps undone), each decoded layer on its own; a secret found
//! in a decoded reading is removed from the raw text together with the
//! escapes that spelt it. Placeholders (`xxx`, `<token>`, `{{token}}`,
//! `YOUR_ACCESS_TOKEN`, [`REDACTED`]) are neither removed nor counted; see
//! [`is_placeholder`].
//!
//! Everything scopelens shows, copies or shares passes through [`redact`]
//! first. Redaction runs in time linear in the text, and redacting twice
//! changes nothing.

mod fields;
mod shapes;
mod view;

/// What replaces a removed secret. Chosen so it can never look like a token.
pub const REDACTED: &str = "[REDACTED]";

/// Schemes an `Authorization` value may start with; the credential after
/// them is the secret.
const AUTH_SCHEMES: &[&str] = &[
    "basic",
    "bearer",
    "digest",
    "oauth",
    "token",
    "negotiate",
    "ntlm",
];

/// Quotes around keys and values: plain, escaped inside a string (`\"`),
/// escaped twice (`\\\"`, JSON in a string in a string), URL-encoded (`%22`),
/// and JavaScript template literals. Longest first.
const QUOTES: &[&[u8]] = &[
    b"\\\\\\\"",
    b"\\\\\\'",
    b"%22",
    b"%27",
    b"\\\"",
    b"\\'",
    b"\"",
    b"'",
    b"`",
];

/// Shortest value of a secret-named field that is removed.
const MIN_VALUE_LEN: usize = 8;
/// Shortest password of `curl -u user:password` or a URL's user
/// information that is removed.
const MIN_CURL_PASSWORD: usize = 2;

/// Text with secrets removed, and how many were removed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct Redacted {
    pub text: String,
    pub count: usize,
}

/// Most passes [`redact`] makes. A removal can uncover a secret that a
/// longer match had hidden (a field inside a value taken whole); the next
/// pass finds it. Real pastes settle after the second pass; malformed
/// brackets around several names can take a few more. Passes only remove
/// text, so stopping early can only leave less redacted than a fixpoint,
/// never show more.
const MAX_PASSES: usize = 8;

/// Removes every secret from `text`. Redacting the result again changes
/// nothing.
pub fn redact(text: &str) -> Redacted {
    let mut redacted = redact_once(text);
    for _ in 1..MAX_PASSES {
        if redacted.count == 0 {
            break;
        }
        let again = redact_once(&redacted.text);
        if again.count == 0 {
            break;
        }
        redacted = Redacted {
            text: again.text,
            count: redacted.count + again.count,
        };
    }
    redacted
}

fn redact_once(text: &str) -> Redacted {
    let mut spans = secret_spans(text);
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut count = 0;
    for (start, end) in spans {
        if start < cursor {
            // Overlaps a span already removed; extend past it if longer.
            if end > cursor {
                cursor = end;
            }
            continue;
        }
        out.push_str(&text[cursor..start]);
        out.push_str(REDACTED);
        cursor = end;
        count += 1;
    }
    out.push_str(&text[cursor..]);
    Redacted { text: out, count }
}

/// True when `text` contains anything [`redact`] would remove.
pub fn contains_secret(text: &str) -> bool {
    !secret_spans(text).is_empty()
}

/// Byte ranges of secrets. Every range starts and ends on a character
/// boundary, so slicing at them is always valid UTF-8. The text is read as
/// it is and, when it holds escapes, encodings, zero-width characters or
/// look-alike letters, as it reads once they are undone; a secret found in
/// that reading is removed from the raw text with the escapes around it.
fn secret_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    scan(text, &mut spans);
    let mut found = Vec::new();
    view::View::each_layer(text, |view| {
        found.clear();
        scan(&view.text, &mut found);
        spans.extend(
            found
                .iter()
                .filter(|(start, end)| start < end)
                .map(|(start, end)| view.raw_range(*start, *end)),
        );
    });
    // Whatever scanner found it, a placeholder or an authentication
    // challenge (`OAuth "Facebook Platform" "invalid_token" "…"`) is no secret.
    spans.retain(|(start, end)| {
        start < end
            && text.get(*start..*end).is_none_or(|found| {
                let value = strip_scheme(found);
                !is_placeholder(value) && !is_challenge(found)
            })
    });
    spans
}

/// `Bearer {{token}}` → `{{token}}`: the credential after an auth scheme.
fn strip_scheme(found: &str) -> &str {
    let trimmed = found.trim().trim_matches(|c| matches!(c, '"' | '\'' | '`'));
    match trimmed.split_once(' ') {
        Some((scheme, rest)) if AUTH_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) => {
            rest
        }
        _ => trimmed,
    }
}

/// A `WWW-Authenticate` challenge: a scheme followed by quoted words.
fn is_challenge(found: &str) -> bool {
    let lower = found.to_ascii_lowercase();
    lower.contains("facebook platform") || lower.contains("realm=")
}

fn scan(text: &str, spans: &mut Vec<(usize, usize)>) {
    let lower = text.to_ascii_lowercase();
    shapes::token_spans(text, &lower, spans);
    shapes::app_token_spans(text, spans);
    shapes::encoded_json_spans(text, &lower, spans);
    bearer_spans(&lower, spans);
    fields::named_value_spans(text, &lower, spans);
    curl_user_spans(&lower, spans);
    url_password_spans(text, spans);
}

fn run_end(bytes: &[u8], from: usize, accept: fn(u8) -> bool) -> usize {
    bytes[from..]
        .iter()
        .position(|b| !accept(*b))
        .map_or(bytes.len(), |n| from + n)
}

fn hex_value(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

/// The character a `%XX` escape at `at` stands for, if there is one.
fn percent_decoded(bytes: &[u8], at: usize) -> Option<u8> {
    match bytes.get(at..at + 3)? {
        [b'%', hi, lo] => Some((hex_value(*hi)? * 16 + hex_value(*lo)?) as u8),
        _ => None,
    }
}

/// Whether the bytes just before `at` are an escape standing for a character
/// that is not a letter or digit: `\n`, `\t`, `\r` in escaped text, a JSON
/// `\uXXXX`, or a URL-encoded `%XX` (`%3D`, `%22`, `%0A`…). The escape's last
/// character is a letter or digit, but what it stands for separates words.
fn escape_ends_at(bytes: &[u8], at: usize) -> bool {
    let not_word =
        |c: u32| !char::from_u32(c).is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    match &bytes[..at] {
        [.., b'\\', b'n' | b't' | b'r'] => true,
        [.., b'\\', b'u', a, b, c, d] => [a, b, c, d]
            .iter()
            .try_fold(0, |acc, h| Some(acc * 16 + hex_value(**h)?))
            .is_some_and(not_word),
        _ => at >= 3 && percent_decoded(bytes, at - 3).is_some_and(|c| not_word(c.into())),
    }
}

/// Whether a token or a name may start at `at`: at the start of the text or
/// of a word, where `word` says which bytes continue one.
fn starts_word(bytes: &[u8], at: usize, word: fn(u8) -> bool) -> bool {
    at == 0 || !word(bytes[at - 1]) || escape_ends_at(bytes, at)
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn bearer_spans(lower: &str, spans: &mut Vec<(usize, usize)>) {
    let bytes = lower.as_bytes();
    for (at, word) in lower.match_indices("bearer") {
        let mut start = at + word.len();
        let gap = bytes[start..]
            .iter()
            .take_while(|b| **b == b' ' || **b == b'\t')
            .count();
        if gap == 0 {
            continue;
        }
        start += gap;
        // A template (`{{token}}`, `<token>`, `$TOKEN`) is not a credential.
        if matches!(bytes.get(start), Some(b'{' | b'<' | b'$')) {
            continue;
        }
        let end = (start..bytes.len())
            .find(|at| ends_bearer_value(bytes, *at))
            .unwrap_or(bytes.len());
        let placeholder = std::str::from_utf8(&bytes[start..end]).map_or(true, is_placeholder);
        if end - start >= 8 && !already_redacted(bytes, start) && !placeholder {
            spans.push((start, end));
        }
    }
}

/// A `Bearer` value ends at a space or at anything that can close a quoted
/// value around it (also URL-encoded), so that it never reaches past the
/// closing quote of a field too short to be removed itself.
fn ends_bearer_value(bytes: &[u8], at: usize) -> bool {
    let ends = |b: u8| {
        b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b'`' | b',' | b'}' | b'&' | b'\\')
    };
    ends(bytes[at]) || percent_decoded(bytes, at).is_some_and(ends)
}

/// The password of `curl -u user:password`, `--user user:password` and the same quoted (`-u "user:pass word"`). The
/// user stays.
fn curl_user_spans(lower: &str, spans: &mut Vec<(usize, usize)>) {
    let bytes = lower.as_bytes();
    // A quoted password may run to the end of the line; options inside it
    // are not looked at again, which keeps repeats linear.
    let mut taken_until = 0;
    for (hit, _) in lower.match_indices("-u") {
        if hit < taken_until {
            continue;
        }
        let (option, mut i) = if hit > 0 && bytes[hit - 1] == b'-' {
            if !bytes[hit..].starts_with(b"-user") {
                continue;
            }
            (hit - 1, hit + 5)
        } else {
            (hit, hit + 2)
        };
        if option > 0 && !bytes[option - 1].is_ascii_whitespace() {
            continue;
        }
        let gap = bytes[i..]
            .iter()
            .take_while(|b| **b == b' ' || **b == b'\t')
            .count();
        if gap == 0 {
            continue;
        }
        i += gap;
        let quote = match bytes.get(i) {
            Some(q @ (b'"' | b'\'')) => Some(*q),
            _ => None,
        };
        i += usize::from(quote.is_some());
        // A user name of plain characters: with no `=` or `%` in it, no
        // secret-named field can start inside it and reach past the colon.
        let user_end = run_end(bytes, i, |b| {
            b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'@' | b'+')
        });
        if user_end == i || bytes.get(user_end) != Some(&b':') {
            continue;
        }
        let start = user_end + 1;
        let end = match quote {
            Some(q) => run_end(
                bytes,
                start,
                if q == b'"' { not_dquote } else { not_squote },
            ),
            None => run_end(bytes, start, |b| {
                !(b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b'`' | b'\\'))
            }),
        };
        taken_until = end;
        // At least two characters, so that a field around the whole option
        // (`"password": " -u a:bc"`) is already long enough to be removed.
        if end - start >= MIN_CURL_PASSWORD && !already_redacted(bytes, start) {
            spans.push((start, end));
        }
    }
}

/// The password in a URL's user information (`https://user:password@host`,
/// as in proxy settings and database URLs). The scheme, user and host stay.
/// Only plain shapes count: a scheme starting a word, a user and a password
/// of URL characters (no quotes, brackets or spaces) and a host after the
/// `@`, so that what other passes remove can never make a new match.
fn url_password_spans(text: &str, spans: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let scheme_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-');
    let user_byte =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'+' | b'-');
    let password_byte = |b: u8| {
        b.is_ascii_graphic()
            && !matches!(
                b,
                b'/' | b'?'
                    | b'#'
                    | b'@'
                    | b'"'
                    | b'\''
                    | b'`'
                    | b'\\'
                    | b'['
                    | b']'
                    | b'{'
                    | b'}'
                    | b'<'
                    | b'>'
                    | b','
            )
    };
    for (hit, _) in text.match_indices("://") {
        let scheme_start = bytes[..hit]
            .iter()
            .rposition(|b| !scheme_byte(*b))
            .map_or(0, |i| i + 1);
        let scheme = &bytes[scheme_start..hit];
        if scheme.len() < 2
            || !scheme[0].is_ascii_alphabetic()
            || !starts_word(bytes, scheme_start, is_name_byte)
        {
            continue;
        }
        let user_end = run_end(bytes, hit + 3, user_byte);
        if user_end == hit + 3 || bytes.get(user_end) != Some(&b':') {
            continue;
        }
        // Runs are bounded by a byte that cannot occur in them, so each
        // byte is read at most once per `://`, and the user and password
        // cannot contain one: the scan stays linear.
        let start = user_end + 1;
        let end = run_end(bytes, start, password_byte);
        let host = bytes
            .get(end + 1)
            .is_some_and(|b| b.is_ascii_alphanumeric());
        if bytes.get(end) == Some(&b'@') && host && end - start >= MIN_CURL_PASSWORD {
            spans.push((start, end));
        }
    }
}

fn not_dquote(b: u8) -> bool {
    b != b'"' && b != b'\n'
}

fn not_squote(b: u8) -> bool {
    b != b'\'' && b != b'\n'
}

/// The quote at `at`, if one of [`QUOTES`] starts there.
fn quote_at(bytes: &[u8], at: usize) -> Option<&'static [u8]> {
    let rest = bytes.get(at..)?;
    QUOTES.iter().copied().find(|q| rest.starts_with(q))
}

/// Past spaces, tabs and URL-encoded spaces (`%20`).
fn skip_spaces(bytes: &[u8], mut i: usize) -> usize {
    loop {
        match bytes.get(i) {
            Some(b' ' | b'\t') => i += 1,
            Some(b'%') if percent_decoded(bytes, i) == Some(b' ') => i += 3,
            _ => return i,
        }
    }
}

/// The value starting at `start`: inside its quotes if quoted, otherwise up
/// to the first character that ends a bare value (URL-encoded ones too when
/// `encoded`). Values already redacted are kept.
fn value_span(bytes: &[u8], start: usize, encoded: bool) -> Option<(usize, usize)> {
    // Checked before looking for the end, so that a run of placeholders is
    // not scanned once per name in front of it.
    let quote = quote_at(bytes, start);
    let body = start + quote.map_or(0, <[u8]>::len);
    if already_redacted(bytes, body) {
        return None;
    }
    let end = match quote {
        Some(quote) => quoted_end(bytes, body, quote),
        None => {
            let mut end = body;
            while end < bytes.len() && !ends_bare_value(bytes, end, encoded) {
                end += 1;
            }
            end
        }
    };
    Some((body, end))
}

/// Where a quoted value starting at `body` ends: at its closing quote, the
/// end of the line or the end of the text. Inside plain quotes a backslash
/// escapes the next character, so `"a\"b"` is one value.
fn quoted_end(bytes: &[u8], body: usize, quote: &[u8]) -> usize {
    let mut i = body;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' || bytes[i..].starts_with(quote) {
            return i;
        }
        if quote.len() == 1 && b == b'\\' && bytes.get(i + 1).is_some_and(|n| *n != b'\n') {
            i += 2;
        } else {
            i += 1;
        }
    }
    bytes.len()
}

/// Whether `b` ends a value written without quotes. Letters beyond ASCII
/// (`«…»`, look-alikes) end it too: the decoded reading sees those values
/// with such letters read as ASCII.
fn ends_bare(b: u8) -> bool {
    b >= 0x80
        || b.is_ascii_whitespace()
        || matches!(
            b,
            b'&' | b'"' | b'\'' | b',' | b'}' | b')' | b'#' | b'\\' | b';' | b'<' | b'>' | b']'
        )
}

fn ends_bare_value(bytes: &[u8], at: usize, encoded: bool) -> bool {
    ends_bare(bytes[at]) || encoded && percent_decoded(bytes, at).is_some_and(ends_bare)
}

/// Whether the text at `at` is a placeholder this module wrote (so that
/// redacting twice changes nothing). `bytes` may be lowercased.
fn already_redacted(bytes: &[u8], at: usize) -> bool {
    bytes
        .get(at..at + REDACTED.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(REDACTED.as_bytes()))
}

/// A short, safe description of a token: its first characters and length.
pub fn describe_token(token: &str) -> String {
    let head: String = token.chars().take(6).collect();
    format!("{head}… ({} characters)", token.chars().count())
}

/// Whether a field named `name` holds a secret (`access_token`,
/// `appSecret`, `X-Hub-Signature-256`, `META_APP_SECRET`…), whatever its
/// value. Short names that are secrets only in a cookie or an OAuth reply
/// (`code`, `xs`, `fr`) are left out: as JSON keys they are data.
pub fn is_secret_name(name: &str) -> bool {
    let name = name.trim();
    (name.len() > 4 && fields::secret_name(name.as_bytes()).is_some())
        || name.to_ascii_lowercase().contains("signature")
}

/// Longest template or variable name read as a placeholder.
const MAX_PLACEHOLDER_LEN: usize = 64;

/// Whether `value` stands in for a secret rather than being one: empty or
/// mostly one character repeated (`xxx`, `***`, `...`, `EAAxxxx…`), a template
/// (`<token>`, `{{token}}`, `${TOKEN}`, `$TOKEN`), a variable's name
/// (`YOUR_ACCESS_TOKEN`, `process.env.WHATSAPP_TOKEN`, `access_token`), words asking for
/// one (`your-app-secret-here`), or a redaction mark (`[REDACTED]`,
/// `<redacted>`). Such values are left as they are and never counted.
pub fn is_placeholder(value: &str) -> bool {
    // Judged as rendered: Markdown's `YOUR\_TOKEN` is `YOUR_TOKEN`, and a
    // zero-width space that breaks a link is not seen. No secret's alphabet
    // has either, so removing them cannot make a secret a placeholder.
    let unseen = |c: char| matches!(c, '\\' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}');
    let rendered;
    let value = if value.contains(unseen) {
        rendered = value.replace(unseen, "");
        rendered.as_str()
    } else {
        value
    };
    let value = value
        .trim()
        .trim_matches(|c| matches!(c, '"' | '\'' | '`'))
        .trim();
    let lower = value.to_ascii_lowercase();
    // Templates and names are short; a long value that starts like one
    // (`<script>{"appSecret": …}`) is read as a value unless it is mostly
    // one character.
    let short = value.len() <= MAX_PLACEHOLDER_LEN;
    let bytes = value.as_bytes();
    // Three quarters one character (`xxxx`, `EAAxxxx…`), or none that
    // could be in a secret (`***`, `...`). IDs such as `100004010107502`
    // repeat a digit, but not that much.
    let mut counts = [0usize; 128];
    let mut letters = 0;
    for b in bytes.iter().filter(|b| b.is_ascii_alphanumeric()) {
        counts[usize::from(*b)] += 1;
        letters += 1;
    }
    let repetitive = counts
        .iter()
        .max()
        .is_some_and(|most| most * 4 > letters * 3)
        || letters == 0;
    if !short {
        return repetitive;
    }
    let identifier = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
    };
    let capitals_name = bytes.contains(&b'_')
        && bytes.iter().any(u8::is_ascii_uppercase)
        && bytes
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_');
    repetitive
        || lower.trim_matches(|c: char| !c.is_ascii_alphanumeric()) == "redacted"
        // `tokenxxxxxxxx`, `EAAGxxxx`: letters standing in for the rest. Only
        // short values: a long random secret may hold `xxXX` by chance.
        || (lower.contains("xxxx") && value.len() <= 24)
        // Rails' `[FILTERED]` and the words people write in its place.
        || lower.contains("filtered")
        || identifier(&lower) && fields::secret_name(lower.as_bytes()).is_some()
        || bytes.first() == Some(&b'<')
        || lower.starts_with("{{")
        || lower.starts_with("${")
        || lower.strip_prefix('$').is_some_and(identifier)
        || lower.starts_with("process.env")
        || lower.starts_with("os.environ")
        || lower.starts_with("os.getenv")
        || lower.starts_with("env(")
        || lower.starts_with("your")
        || lower.contains("_your_")
        || lower.contains("-your-")
        || lower.ends_with("_here")
        || lower.ends_with("-here")
        || lower.contains("placeholder")
        || capitals_name
        || matches!(
            lower.as_str(),
            "null" | "none" | "undefined" | "true" | "false" | "nil"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER_TOKEN: &str = "EAAGm0PX4ZCpsBAKZBq6ZCZAxyzABCDEFGHIJKLMNOPqrstuvwxyz0123456789";

    #[test]
    fn removes_user_tokens_everywhere() {
        let text = format!("{{\"input_token\":\"{USER_TOKEN}\"}} and Bearer {USER_TOKEN}");
        let out = redact(&text);
        assert!(!out.text.contains("EAAGm0"), "{}", out.text);
        assert!(out.count >= 2);
    }

    #[test]
    fn keeps_app_id_but_removes_secret() {
        let out = redact("access_token=1234567890123456|0123456789abcdef0123456789abcdef&x=1");
        assert!(!out.text.contains("0123456789abcdef"), "{}", out.text);
        assert!(out.text.ends_with("&x=1"));
    }

    #[test]
    fn an_xml_element_and_an_edn_keyword_name_their_secret() {
        let secret = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
        for text in [
            format!("<cfg><a:app_secret kind=\"x\">\n  {secret}\n</a:app_secret></cfg>"),
            format!("{{:method \"POST\", :app-secret \"{secret}\"}}"),
        ] {
            let out = redact(&text);
            assert!(!out.text.contains(&secret[..12]), "{}", out.text);
            assert_eq!(out.count, 1, "{text}");
        }
        // `<token>` in prose is a placeholder, not an element holding one.
        let prose = "> access_token: <token>\n> Accept: application/json, text/plain";
        assert_eq!(redact(prose).count, 0);
    }

    #[test]
    fn app_token_alone() {
        let out = redact("1234567890123456|0123456789abcdef0123456789abcdef");
        assert_eq!(out.text, "1234567890123456|[REDACTED]");
    }

    #[test]
    fn python_and_js_fields() {
        let out = redact("{'access_token': 'abcdefgh12345678', client_secret: \"s3cr3tvalue99\"}");
        assert!(!out.text.contains("abcdefgh12345678"));
        assert!(!out.text.contains("s3cr3tvalue99"));
        assert_eq!(out.count, 2);
    }

    #[test]
    fn authorization_header() {
        let out = redact("> Authorization: Bearer abc.def-ghi_jkl\n> Host: graph.facebook.com");
        assert!(!out.text.contains("abc.def"), "{}", out.text);
        assert!(out.text.contains("Host: graph.facebook.com"));
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        let text = r#"{"error":{"message":"(#100) Invalid parameter","code":100,"fbtrace_id":"Az8or2yhqkZfEZ-_4Qn_Bam"}}"#;
        assert_eq!(
            redact(text),
            Redacted {
                text: text.to_string(),
                count: 0
            }
        );
        assert!(!contains_secret("EAA is a prefix"));
    }

    #[test]
    fn works_on_non_ascii_text() {
        let out = redact(&format!("é token: «{USER_TOKEN}» ü"));
        assert_eq!(out.count, 1);
        assert!(out.text.starts_with("é token: «[REDACTED]» ü"));
    }

    #[test]
    fn redacting_twice_changes_nothing() {
        let once = redact(&format!(
            "access_token={USER_TOKEN} 'client_secret': 'abcdefghijk' Bearer {USER_TOKEN}"
        ));
        assert!(!contains_secret(&once.text), "{}", once.text);
        assert_eq!(redact(&once.text).text, once.text);
    }

    /// Redacts `text`, checks that nothing is left and that a second pass
    /// changes nothing, and returns the text.
    fn clean(text: &str) -> String {
        let once = redact(text);
        assert!(!contains_secret(&once.text), "left a secret: {}", once.text);
        assert_eq!(
            redact(&once.text),
            Redacted {
                text: once.text.clone(),
                count: 0
            }
        );
        once.text
    }

    #[test]
    fn every_secret_name_is_searched_for() {
        for name in [
            "access_token",
            "accesstoken",
            "input_token",
            "client_secret",
            "appsecret",
            "appsecret_proof",
            "fb_exchange_token",
            "system_user_access_token",
            "authorization",
            "password",
            "refresh_token",
            "hub.verify_token",
            "x-hub-signature-256",
            "meta_app_secret",
            "graph_api_key",
            "signed_request",
        ] {
            let text = format!("{name}=opaque-Secret.value42");
            assert_eq!(clean(&text), format!("{name}=[REDACTED]"));
            let upper = format!("\\n{}: opaque-Secret.value42", name.to_ascii_uppercase());
            assert_eq!(redact(&upper).count, 1, "{upper}");
        }
    }

    #[test]
    fn token_after_an_escape_in_escaped_text() {
        for before in [
            "\\n", "\\t", "\\r", "%3D", "%22", "%3d", "%0A", "\\u0022", "\\u003d",
        ] {
            let text = format!(r#"{{"log":"request failed:{before}{USER_TOKEN}\n","code":190}}"#);
            assert_eq!(
                clean(&text),
                format!(r#"{{"log":"request failed:{before}[REDACTED]\n","code":190}}"#),
                "after {before}"
            );
        }
        // A letter or digit, plain or encoded, still joins `EAA` to a word.
        for before in ["x", "9", "%41", "\\u0041"] {
            let text = format!("{before}{USER_TOKEN}");
            assert_eq!(redact(&text).count, 0, "after {before}");
        }
    }

    #[test]
    fn url_encoded_keys() {
        // Opaque values, so only the key can give them away.
        let out = clean("redirect_uri=https%3A%2F%2Fexample.com%2Fcb%3Faccess_token%3Dopaque-Secret.value42%26state%3D1");
        assert_eq!(
            out,
            "redirect_uri=https%3A%2F%2Fexample.com%2Fcb%3Faccess_token%3D[REDACTED]%26state%3D1"
        );
        let out = clean("batch=%5B%7B%22method%22%3A%22GET%22%2C%22access_token%22%3A%22opaque-Secret.value42%22%7D%5D");
        assert_eq!(
            out,
            "batch=%5B%7B%22method%22%3A%22GET%22%2C%22access_token%22%3A%22[REDACTED]%22%7D%5D"
        );
        let out = clean("%22client_secret%22%3A%20%22s3cr3t%20value%2099%22");
        assert_eq!(out, "%22client_secret%22%3A%20%22[REDACTED]%22");
        // An app token with its bar encoded, with and without a key.
        let out =
            clean("input_token%3D1234567890123456%7C0123456789abcdef0123456789abcdef%26x%3D1");
        assert_eq!(out, "input_token%3D[REDACTED]%26x%3D1");
        let out = clean("t=1234567890123456%7c0123456789abcdef0123456789abcdef");
        assert_eq!(out, "t=1234567890123456%7c[REDACTED]");
    }

    #[test]
    fn escaped_json_keeps_its_escapes() {
        let out = clean(
            r#"{"body":"{\"client_secret\":\"abcdefghijkl\",\"next\":\"https://x/?access_token=opaquevalue42\u0026limit=25\"}"}"#,
        );
        assert_eq!(
            out,
            r#"{"body":"{\"client_secret\":\"[REDACTED]\",\"next\":\"https://x/?access_token=[REDACTED]\u0026limit=25\"}"}"#
        );
        // An escaped quote inside a plain-quoted value does not end it.
        assert_eq!(
            clean(r#"{"password":"abc\"defghijk","x":1}"#),
            r#"{"password":"[REDACTED]","x":1}"#
        );
    }

    #[test]
    fn camel_case_names() {
        let out = clean(r#"{"appSecret":"abc123def456ghi789","clientSecret":"0f1e2d3c4b5a6978"}"#);
        assert_eq!(
            out,
            r#"{"appSecret":"[REDACTED]","clientSecret":"[REDACTED]"}"#
        );
        let out = clean(
            "const cfg = { appSecret: 'abc123def456ghi789', AppSecretProof: `c0ffee00abab` };",
        );
        assert_eq!(
            out,
            "const cfg = { appSecret: '[REDACTED]', AppSecretProof: `[REDACTED]` };"
        );
        assert_eq!(
            clean("appSecret=abc123def456ghi789&x=1"),
            "appSecret=[REDACTED]&x=1"
        );
        assert_eq!(
            clean("accessToken: opaque-Secret.value42\n"),
            "accessToken: [REDACTED]\n"
        );
        // Longer names that only start like a secret one are not secrets.
        assert_eq!(redact("appSecretHint=the-one-in-settings").count, 0);
    }

    #[test]
    fn basic_and_other_authorization_schemes() {
        let basic = "MTIzNDU2Nzg5MDEyMzQ1NjowMTIzNDU2Nzg5YWJjZGVm";
        let out = clean(&format!(
            "> Authorization: Basic {basic}==\n> Host: graph.facebook.com"
        ));
        assert_eq!(
            out,
            "> Authorization: Basic [REDACTED]\n> Host: graph.facebook.com"
        );
        let out = clean(&format!(
            "curl -H \"Authorization: basic {basic}\" https://x"
        ));
        assert_eq!(out, "curl -H \"Authorization: basic [REDACTED]\" https://x");
        let out = clean(&format!("Proxy-Authorization: Basic {basic}"));
        assert_eq!(out, "Proxy-Authorization: Basic [REDACTED]");
        let out = clean(&format!("{{'Authorization': 'Basic {basic}'}}"));
        assert_eq!(out, "{'Authorization': '[REDACTED]'}");
        let out = clean("Authorization: OAuth opaque-Secret.value42");
        assert_eq!(out, "Authorization: OAuth [REDACTED]");
        let out = clean("Authorization: Bearer opaque-Secret.value42\\n");
        assert_eq!(out, "Authorization: Bearer [REDACTED]\\n");
        // Prose about the scheme keeps its words.
        assert_eq!(redact("Authorization: Basic\nnothing else").count, 0);
    }

    #[test]
    fn a_bearer_value_stops_at_the_closing_quote_around_it() {
        // Found by the idempotence property: the `Bearer` value ran past the
        // encoded closing quote of a field too short to be removed, and the
        // second pass then removed the field.
        let text = format!("%22access_token%22%3A%22Bearer %22undefined {USER_TOKEN}");
        assert_eq!(
            clean(&text),
            "%22access_token%22%3A%22Bearer %22undefined [REDACTED]"
        );
        for close in ["`", "\\\"", "%27"] {
            let text = format!("{{authorization: {close}Bearer {close}undefined}}");
            assert_eq!(clean(&text), text);
        }
    }

    #[test]
    fn curl_user_password() {
        assert_eq!(
            clean("curl -u admin:hunter2-correct-horse https://x/v1"),
            "curl -u admin:[REDACTED] https://x/v1"
        );
        assert_eq!(
            clean("curl --user 1234567:s3cret https://x"),
            "curl --user 1234567:[REDACTED] https://x"
        );
        assert_eq!(
            clean("curl -u \"admin:hunter2 correct horse\" -X POST https://x"),
            "curl -u \"admin:[REDACTED]\" -X POST https://x"
        );
        assert_eq!(
            clean("curl\t-u 'admin:pw'\n-H 'x: y'"),
            "curl\t-u 'admin:[REDACTED]'\n-H 'x: y'"
        );
        // Inside a JSON string the password stops at the closing quote.
        assert_eq!(
            clean(r#"{"cmd":"curl -u admin:hunter2","x":1}"#),
            r#"{"cmd":"curl -u admin:[REDACTED]","x":1}"#
        );
        // Found by the idempotence property: a secret-named field starting
        // in the user, or around the whole option, never grows on a second
        // pass.
        assert_eq!(clean(" -u access_token=:{{"), " -u access_token=:{{");
        assert_eq!(
            clean(r#"{"password":" -u a:bc"}"#),
            r#"{"password":"[REDACTED]"}"#
        );
        // Not an option, or no password.
        for text in [
            "re-use:this",
            "x --username a:bc",
            "curl -u admin https://x",
            "--user:xyz",
            "-u a:b",
            "-u :pass",
        ] {
            assert_eq!(redact(text).count, 0, "{text}");
        }
    }

    #[test]
    fn kebab_case_and_header_names() {
        assert_eq!(
            clean("> X-Access-Token: opaque-Secret.value42\n> Host: x"),
            "> X-Access-Token: [REDACTED]\n> Host: x"
        );
        assert_eq!(
            clean("x-access-token: opaque-Secret.value42"),
            "x-access-token: [REDACTED]"
        );
        assert_eq!(
            clean("https://x/?access-token=opaque-Secret.value42&y=1"),
            "https://x/?access-token=[REDACTED]&y=1"
        );
        assert_eq!(
            clean("curl -H \"client-secret: 0f1e2d3c4b5a6978\" https://x"),
            "curl -H \"client-secret: [REDACTED]\" https://x"
        );
        assert_eq!(
            clean("app-secret=abc123def456ghi789 next"),
            "app-secret=[REDACTED] next"
        );
        assert_eq!(
            clean("{'App-Secret-Proof': 'c0ffee00abab'}"),
            "{'App-Secret-Proof': '[REDACTED]'}"
        );
        // Longer names that only start like a secret one are not secrets.
        assert_eq!(redact("client-secret-hint: the-one-in-settings").count, 0);
    }

    #[test]
    fn double_escaped_json() {
        let out = clean(
            r#"{"body":"{\"inner\":\"{\\\"client_secret\\\":\\\"abc123def456ghi789\\\",\\\"n\\\":1}\"}"}"#,
        );
        assert_eq!(
            out,
            r#"{"body":"{\"inner\":\"{\\\"client_secret\\\":\\\"[REDACTED]\\\",\\\"n\\\":1}\"}"}"#
        );
        assert_eq!(
            clean(&format!(r#"\\\"access_token\\\":\\\"{USER_TOKEN}\\\"}}"#)),
            r#"\\\"access_token\\\":\\\"[REDACTED]\\\"}"#
        );
        assert_eq!(
            clean(r#"\\\'password\\\': \\\'hunter2-horse\\\'"#),
            r#"\\\'password\\\': \\\'[REDACTED]\\\'"#
        );
    }

    #[test]
    fn basic_after_authorization_in_every_form() {
        let basic = "MTIzNDU2Nzg5MDEyMzQ1NjowMTIzNDU2Nzg5YWJjZGVm";
        assert_eq!(
            clean(&format!(
                r#"{{\\\"Authorization\\\":\\\"Basic {basic}==\\\"}}"#
            )),
            r#"{\\\"Authorization\\\":\\\"[REDACTED]\\\"}"#
        );
        assert_eq!(
            clean(&format!("> Proxy-Authorization: Basic {basic}\n> Host: x")),
            "> Proxy-Authorization: Basic [REDACTED]\n> Host: x"
        );
        assert_eq!(
            clean(&format!(
                "curl -H 'proxy-authorization: basic {basic}=' https://x"
            )),
            "curl -H 'proxy-authorization: basic [REDACTED]' https://x"
        );
        assert_eq!(
            clean(&format!("x-authorization=Basic%20{basic}&y=1")),
            "x-authorization=Basic%20[REDACTED]&y=1"
        );
        assert_eq!(
            clean(&format!("'Authorization' => 'Basic {basic}',")),
            "'Authorization' => '[REDACTED]',"
        );
    }

    #[test]
    fn truncated_quoted_value_is_still_removed() {
        assert_eq!(
            clean(r#"{"access_token": "opaque-Secret.val"#),
            r#"{"access_token": "[REDACTED]"#
        );
    }

    #[test]
    fn stays_linear_on_adversarial_repeats() {
        let started = std::time::Instant::now();
        for unit in [
            "%3DEAA",
            "\\nEAA",
            "access_token%3D%22",
            "access_token=\\\"",
            "password=\"\\",
            "'password': '",
            "password:\"[REDACTED]",
            "authorization: basic ",
            "appsecret%7C12345|",
            "Bearer bearer\t",
            " -u \"a:",
            " --user a",
            " -u '",
            "http://a:b",
            "http://a:bc@",
            "x://",
            "x-access-token: \\\\\\\"",
            "\\\\\\\"client-secret\\\\\\\":",
        ] {
            let text = unit.repeat(200_000 / unit.len());
            let once = redact(&text);
            assert_eq!(redact(&once.text).text, once.text, "{unit}");
        }
        // Quadratic work on these inputs takes minutes even in a release build.
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn url_user_password() {
        assert_eq!(
            clean("HTTPS_PROXY=http://proxyuser:pr0xy-pass@10.0.0.1:3128 node app.js"),
            "HTTPS_PROXY=http://proxyuser:[REDACTED]@10.0.0.1:3128 node app.js"
        );
        assert_eq!(
            clean(r#"{"db":"postgres://app:s3cr3t@db.internal:5432/wa","x":1}"#),
            r#"{"db":"postgres://app:[REDACTED]@db.internal:5432/wa","x":1}"#
        );
        // No password, no user information, or not a plain URL.
        for text in [
            "https://graph.facebook.com/v24.0/me?fields=id",
            "http://127.0.0.1:8080/#diagnose",
            "ssh://git@github.com:22/org/repo",
            "https://host/a:bc@d",
            "https://u:p@host",
            "x=://a:bc@d",
            "https://u:p\"q@host",
        ] {
            assert_eq!(redact(text).count, 0, "{text}");
        }
    }

    #[test]
    fn describes_without_echoing() {
        let d = describe_token(USER_TOKEN);
        assert!(d.starts_with("EAAGm0…"));
        assert!(!d.contains("PX4Z"));
    }

    /// Escaped as a diagnosis copy writes payload text in Markdown (the
    /// rule is the Markdown renderer's, copied because secrets sits below it):
    /// markup behind a backslash, a zero-width space before a dot.
    fn as_markdown_writes_it(value: &str) -> String {
        let mut out = String::new();
        for c in value.chars() {
            match c {
                '_' | '*' | '[' | ']' | '<' | '>' | '$' | '{' | '}' | '`' => out.push('\\'),
                '.' => out.push('\u{200b}'),
                _ => {}
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn placeholders_are_recognised_and_secrets_are_not() {
        for value in [
            "xxx",
            "<token>",
            "YOUR_ACCESS_TOKEN",
            "{{token}}",
            "${TOKEN}",
            "$WHATSAPP_TOKEN",
            "***",
            "...",
            "[REDACTED]",
            "<redacted>",
            "process.env.APP_SECRET",
            "your-app-secret-here",
            "EAAxxxxxxxxxxxxxxxxxxxxxxxxx",
        ] {
            assert!(is_placeholder(value), "{value}");
            assert_eq!(redact(&format!("access_token={value}")).count, 0, "{value}");
            let escaped = as_markdown_writes_it(value);
            assert!(is_placeholder(&escaped), "{escaped}");
            assert_eq!(
                redact(&format!("access_token={escaped}")).count,
                0,
                "{escaped}"
            );
        }
        for value in [
            "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
            "100004010107502",
            USER_TOKEN,
        ] {
            assert!(!is_placeholder(value), "{value}");
            assert!(!is_placeholder(&as_markdown_writes_it(value)), "{value}");
        }
    }

    #[test]
    fn a_secret_spelt_with_escapes_is_removed_with_its_escapes() {
        for text in [
            format!(r#"{{"msg":"bad token \u0045{}"}}"#, &USER_TOKEN[1..]),
            format!("bad token &#69;{}", &USER_TOKEN[1..]),
            format!("bad token \\x0c{USER_TOKEN}"),
            "appsecret=1234567890123456\\u007c0123456789abcdef0123456789abcdef".to_string(),
            "{\"app\\u005fsecret\\u0022:\\u0022s3cr3t-value-42\\u0022}".to_string(),
            "redirect=https%253A%252F%252Fx%252F%253Faccess_token%253Dopaque-Secret.value42"
                .to_string(),
        ] {
            let out = clean(&text);
            assert!(out.contains(REDACTED), "{text} -> {out}");
            assert!(
                !out.contains("GZCps") && !out.contains("value42") && !out.contains("cdef0123"),
                "{out}"
            );
        }
    }

    #[test]
    fn layouts_that_keep_the_name_apart_from_the_value() {
        let secret = "s3cr3t-value-42";
        for text in [
            format!(r#"{{"name": "access_token", "value": "{secret}"}}"#),
            format!(r#"{{"value": "{secret}", "name": "client_secret"}}"#),
            format!(r#"{{"key": "token", "value": "{secret}", "enabled": true}}"#),
            format!(r#"<input type="hidden" name="access_token" value="{secret}">"#),
            format!(
                "Content-Disposition: form-data; name=\"access_token\"\r\n\r\n{secret}\r\n--b--"
            ),
            format!("{{'access_token': ['{secret}']}}"),
            format!("    [access_token] => {secret}\n"),
            format!("  [\"access_token\"]=>\n  string(15) \"{secret}\"\n"),
            format!("s:12:\"access_token\";s:15:\"{secret}\";"),
            format!("map[access_token:[{secret}]]"),
            format!("token: |\n  {secret}\nnext: 1"),
            format!("access_token:\n    {secret}\n"),
            format!("machine graph.facebook.com login bot password {secret}\n"),
            format!("export META_APP_SECRET=\"{secret}\""),
            format!("docker run -e WHATSAPP_TOKEN={secret} bot"),
            format!("X-Hub-Signature-256: sha256={secret}"),
            format!("?hub.mode=subscribe&hub.verify_token={secret}&hub.challenge=1"),
            format!("Cookie: locale=en_US; xs=12%3A{secret}; c_user=100004010107502"),
        ] {
            let out = clean(&text);
            assert!(!out.contains(secret), "{text} -> {out}");
        }
    }

    #[test]
    fn ordinary_words_after_a_secret_name_in_a_sentence_stay() {
        for text in [
            "Error validating access token: Session has expired on Tuesday.",
            "Invalid token: Permissions error",
            "Сообщение не доставлено: получатель недоступен",
            r#"{"error":{"code":190,"error_subcode":2494010,"fbtrace_id":"Az8or2yhqkZfEZ-_4Qn_Bam"}}"#,
        ] {
            assert_eq!(redact(text).count, 0, "{text}");
            assert_eq!(redact(text).text, text);
        }
    }
}
