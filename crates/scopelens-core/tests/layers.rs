//! A payload hidden under layers that copying adds (e-mail and forum
//! quoting, commenting out in a code sample, a dump kept on one line with
//! `\n` escapes, HTML escapes, URL-encoding, typographic quotes and spaces,
//! full-width punctuation) is read as the JSON it was, whatever the
//! combination of layers, the layout and the text around it; and a token
//! inside it never survives into the diagnosis.

use proptest::prelude::*;
use scopelens_core::input::{self, layers::Layer};
use scopelens_core::kb::errors::CATALOG;
use scopelens_core::model::Payload;
use scopelens_core::{diagnose, Context};

const TRACE: &str = "Ax7TraceQ";
const TOKEN: &str = "EAAGm0PX4ZCpsBAKZCQq9ZBfakeZCtokenZDZDvaluePLx7Q2ZBr9ZCZAZD";

fn error_json(code: u32, subcode: Option<u32>, pretty: bool, with_token: bool) -> String {
    let mut error = serde_json::json!({
        "message": "(#12) The user hasn\u{2019}t authorised this & that <yet>",
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": TRACE,
    });
    if let Some(subcode) = subcode {
        error["error_subcode"] = subcode.into();
    }
    if with_token {
        error["request"] = serde_json::json!({ "access_token": TOKEN });
    }
    let document = serde_json::json!({ "error": error });
    if pretty {
        serde_json::to_string_pretty(&document).unwrap()
    } else {
        document.to_string()
    }
}

fn typographic(text: &str, full_width: bool) -> String {
    let mut open = true;
    text.chars()
        .map(|c| match c {
            '"' if full_width => '\u{ff02}',
            '"' => {
                open = !open;
                if open {
                    '\u{201d}'
                } else {
                    '\u{201c}'
                }
            }
            '{' | '}' | ':' | ',' | '[' | ']' if full_width => {
                char::from_u32(c as u32 + 0xfee0).unwrap()
            }
            ' ' if !full_width => '\u{a0}',
            c => c,
        })
        .collect()
}

/// Percent-encoding as a URL path has it, or as a form body has it
/// (`form`: a space is `+`).
fn url_encoded(text: &str, form: bool) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if form && b == b' ' {
            out.push('+');
        } else if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn html_escaped(text: &str, style: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match (c, style % 3) {
            ('"', 0) => out.push_str("&quot;"),
            ('"', 1) => out.push_str("&#34;"),
            ('"', _) => out.push_str("&#x22;"),
            ('&', _) => out.push_str("&amp;"),
            ('<', _) => out.push_str("&lt;"),
            ('>', _) => out.push_str("&gt;"),
            (c, _) => out.push(c),
        }
    }
    out
}

fn quoted(text: &str, depth: usize) -> String {
    let marker = "> ".repeat(depth);
    text.lines()
        .map(|line| format!("{marker}{line}\n"))
        .collect()
}

/// How a code sample comments out what its program printed.
const COMMENT_MARKERS: &[&str] = &["// ", "//", "# ", "#", "    // "];

fn commented(text: &str, marker: &str) -> String {
    text.lines()
        .map(|line| format!("{marker}{line}\n"))
        .collect()
}

/// A text as a string literal keeps it on one line (SQL's `'…'`, a log
/// field's `"…"`): backslashes, the quote and line breaks escaped.
fn escaped_line(text: &str, quote: char) -> String {
    let body = text
        .replace('\\', "\\\\")
        .replace(quote, &format!("\\{quote}"))
        .replace('\n', "\\n");
    format!("INSERT INTO log VALUES (7, {quote}{body}{quote});")
}

#[derive(Debug, Clone)]
struct Layers {
    escaped_line: Option<char>,
    typographic: Option<bool>,
    url: Option<bool>,
    html: Option<usize>,
    comment: Option<&'static str>,
    quote_depth: usize,
}

fn layers() -> impl Strategy<Value = Layers> {
    (
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
        prop::option::of(0usize..6),
        prop::option::of(prop::sample::select(COMMENT_MARKERS)),
        0usize..4,
        prop::option::of(prop::sample::select(&['\'', '"'][..])),
    )
        .prop_map(
            |(typographic, url, html, comment, quote_depth, escaped_line)| Layers {
                escaped_line,
                typographic,
                url,
                html,
                comment,
                quote_depth,
            },
        )
        // At least one layer.
        .prop_filter("some layer", |l| {
            l.typographic.is_some()
                || l.escaped_line.is_some()
                || l.url.is_some()
                || l.html.is_some()
                || l.comment.is_some()
                || l.quote_depth > 0
        })
}

/// Applies the layers in the order they are added: encoded in transport
/// (a URL, a web page), retyped by a chat app or word processor, quoted
/// in a reply.
fn wrapped(json: &str, layers: &Layers) -> String {
    let mut text = json.to_string();
    if let Some(form) = layers.url {
        text = url_encoded(&text, form);
    }
    if let Some(style) = layers.html {
        text = html_escaped(&text, style);
        // A page that escaped what another page had escaped.
        if style >= 3 {
            text = html_escaped(&text, style);
        }
    }
    if let Some(full_width) = layers.typographic {
        text = typographic(&text, full_width);
    }
    if let Some(quote) = layers.escaped_line {
        text = escaped_line(&text, quote);
    }
    if let Some(marker) = layers.comment {
        text = commented(
            &format!("console.log(response.data) printed:\n{text}"),
            marker,
        );
    }
    if layers.quote_depth > 0 {
        // A quoted paste has more than one line to quote.
        text = quoted(
            &format!("Here is the response:\n{text}"),
            layers.quote_depth,
        );
    }
    text
}

const AROUND: &[(&str, &str)] = &[
    ("", ""),
    (
        "I keep getting this when I send a template:\n\n",
        "\n\nAny idea?",
    ),
    ("```json\n", "\n```"),
    ("2024-05-01T10:00:00Z ERROR graph call failed body=", ""),
    ("Antwort der API:\n", "\nDanke!"),
];

/// The payload with text around it; a quoted or commented block starts on
/// its own line, as a reply's quote does.
fn placed(around: &(&str, &str), payload: &str, layers: &Layers) -> String {
    let (before, after) = *around;
    let block = layers.quote_depth > 0 || layers.comment.is_some();
    let gap = if block && !before.is_empty() && !before.ends_with('\n') {
        "\n"
    } else {
        ""
    };
    format!("{before}{gap}{payload}{after}")
}

fn codes() -> impl Strategy<Value = (u32, Option<u32>)> {
    let mut pairs: Vec<(u32, Option<u32>)> = CATALOG
        .iter()
        .filter(|e| e.last_code.is_none())
        .map(|e| (e.code, e.subcode))
        .collect();
    pairs.dedup();
    prop::sample::select(pairs)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_payload_under_any_layers_is_read_as_its_json(
        (code, subcode) in codes(),
        layers in layers(),
        pretty in any::<bool>(),
        around in prop::sample::select(AROUND),
    ) {
        // URL-encoding turns a pretty document into one line of escapes,
        // which is how it is met; quoting a URL-encoded line is rare but
        // must read all the same.
        let json = error_json(code, subcode, pretty && layers.url.is_none(), false);
        let text = placed(&around, &wrapped(&json, &layers), &layers);
        let reading = input::read(&text, None);
        let Ok(Payload::GraphError(error)) = &reading.payload else {
            panic!("not read as a Graph error: {:?}\n{text}", reading.payload);
        };
        prop_assert_eq!(error.code, Some(code), "{}", text);
        prop_assert_eq!(error.error_subcode, subcode, "{}", text);
        prop_assert_eq!(error.fbtrace_id.as_deref(), Some(TRACE), "{}", text);
        // A one-line document is found inside its quote line without
        // undoing anything; a layer recorded is one that was there.
        if layers.quote_depth == 0 {
            prop_assert!(!reading.layers.contains(&Layer::Quoted));
        }
    }

    #[test]
    fn a_token_inside_a_layered_payload_never_reaches_the_diagnosis(
        layers in layers(),
        around in prop::sample::select(AROUND),
    ) {
        let json = error_json(190, Some(463), layers.url.is_none(), true);
        let text = placed(&around, &wrapped(&json, &layers), &layers);
        let diagnosis = diagnose(&text, &Context::at(1_760_000_000));
        let shown = serde_json::to_string(&diagnosis).unwrap();
        prop_assert!(!shown.contains(&TOKEN[..24]), "token in the diagnosis of {}", text);
        let url_form = url_encoded(&TOKEN[..24], false);
        prop_assert!(!shown.contains(&url_form), "encoded token in the diagnosis of {}", text);
    }
}

#[test]
fn a_single_quoted_line_is_not_taken_for_quoting() {
    let text = "> curl -X POST https://graph.facebook.com/v21.0/me\n{\"error\":{\"code\":190,\"message\":\"x\",\"fbtrace_id\":\"Ax7TraceQ\"}}";
    let reading = input::read(text, None);
    assert!(reading.layers.is_empty());
    assert!(matches!(reading.payload, Ok(Payload::GraphError(_))));
}

#[test]
fn the_layers_are_named_where_the_diagnosis_says_how_it_read_the_input() {
    let text = html_escaped(&error_json(190, Some(463), false, false), 0);
    let diagnosis = diagnose(&text, &Context::at(1_760_000_000));
    assert!(diagnosis
        .input
        .read_as()
        .contains(&"HTML-escaped".to_string()));
}
