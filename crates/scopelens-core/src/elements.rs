//! The custom elements' protocol: `<scopelens-decoder>`,
//! `<scopelens-explain>`, `<scopelens-endpoint>`, `<scopelens-wizard>` and
//! `<scopelens-checklist>`, each with its attributes and the widget bundle
//! that holds it.
//!
//! One type, [`ElementSpec`], is what the guide's preprocessor writes into
//! a page ([`ElementSpec::to_html`]) and what the elements read back from
//! their attributes ([`ElementSpec::read`]); the elements' script gets the
//! tags, bundles and attribute names from [`script_table`]. So the writer
//! and the reader cannot drift apart.

use crate::kb::access::{Accounts, Answers, AppMode};
use crate::kb::intents::INTENTS;
use crate::kb::IntentId;
use crate::names::named_enum;
use std::fmt;

named_enum! {
    /// The elements, by the name after `scopelens-` in their tag.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ElementKind {
        /// A paste box with its diagnosis (a `debug_token` reply, an error…).
        Decoder = "decoder",
        /// One error code explained (`code="190/463"`).
        Explain = "explain",
        /// Which permissions an API call needs (`request="GET /me/accounts"`).
        Endpoint = "endpoint",
        /// The access-path wizard.
        Wizard = "wizard",
        /// The App Review readiness checklist.
        Checklist = "checklist",
    }
}

named_enum! {
    /// The widget bundles: a page fetches only those its elements need.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Bundle {
        /// The decoder and the endpoint check (they diagnose pastes).
        Diagnose = "diagnose",
        /// The explainer, the wizard and the checklist.
        Tools = "tools",
    }
}

/// Attributes that describe a paste and the context it is diagnosed in.
const PASTE_ATTRIBUTES: [&str; 6] = ["input", "now", "intents", "waba-id", "app-id", "example"];

impl ElementKind {
    /// The element's tag, `scopelens-<id>`.
    pub fn tag(self) -> String {
        format!("scopelens-{}", self.id())
    }

    /// The element whose tag is `tag` (any case, as HTML has it).
    pub fn from_tag(tag: &str) -> Option<ElementKind> {
        let tag = tag.to_ascii_lowercase();
        ElementKind::from_id(tag.strip_prefix("scopelens-")?)
    }

    pub fn bundle(self) -> Bundle {
        match self {
            ElementKind::Decoder | ElementKind::Endpoint => Bundle::Diagnose,
            ElementKind::Explain | ElementKind::Wizard | ElementKind::Checklist => Bundle::Tools,
        }
    }

    /// The attributes the element reads; changing one re-renders it.
    pub fn attributes(self) -> Vec<&'static str> {
        match self {
            ElementKind::Decoder => PASTE_ATTRIBUTES.to_vec(),
            ElementKind::Endpoint => {
                let mut names = vec!["request"];
                names.extend(PASTE_ATTRIBUTES);
                names
            }
            ElementKind::Explain => vec!["code"],
            ElementKind::Wizard => vec!["accounts", "embedded", "credit", "mode", "needs"],
            ElementKind::Checklist => Vec::new(),
        }
    }

    /// What the element is, for a sentence ("The interactive … appears here").
    pub fn title(self) -> &'static str {
        match self {
            ElementKind::Decoder => "token and error decoder",
            ElementKind::Explain => "error explainer",
            ElementKind::Endpoint => "endpoint checker",
            ElementKind::Wizard => "access path wizard",
            ElementKind::Checklist => "App Review readiness checklist",
        }
    }
}

/// A paste and the context to diagnose it in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paste {
    /// The text, as pasted; may be empty (the user pastes into the box).
    pub input: String,
    /// The time to diagnose at, in Unix seconds; none: the reader's clock.
    pub now: Option<i64>,
    pub intents: Vec<IntentId>,
    pub waba_id: Option<String>,
    pub app_id: Option<String>,
    /// A name for the example, shown where the element says what it checks
    /// against (the guide gives the fixture's path).
    pub example: Option<String>,
}

/// What an element shows, read from its attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ElementSpec {
    Decoder(Paste),
    Explain {
        /// `190`, `190/463`, or words to search the catalog for.
        code: String,
    },
    Endpoint {
        /// `METHOD /path`, or a URL.
        request: String,
        /// A token's `debug_token` reply (or any paste) whose permissions
        /// the call is checked against, if any.
        against: Option<Paste>,
    },
    Wizard(Answers),
    Checklist,
}

/// An attribute that does not say what it must.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementError {
    pub tag: String,
    pub message: String,
}

impl fmt::Display for ElementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}>: {}", self.tag, self.message)
    }
}

impl std::error::Error for ElementError {}

/// Reads an attribute by name: `None` when it is absent.
pub type Attributes<'a> = &'a dyn Fn(&str) -> Option<String>;

impl ElementSpec {
    pub fn kind(&self) -> ElementKind {
        match self {
            ElementSpec::Decoder(_) => ElementKind::Decoder,
            ElementSpec::Explain { .. } => ElementKind::Explain,
            ElementSpec::Endpoint { .. } => ElementKind::Endpoint,
            ElementSpec::Wizard(_) => ElementKind::Wizard,
            ElementSpec::Checklist => ElementKind::Checklist,
        }
    }

    /// Reads an element of `kind` from its attributes. Absent attributes
    /// take their defaults; a present one that cannot be read is an error
    /// that names it and says what it may hold.
    pub fn read(kind: ElementKind, get: Attributes) -> Result<ElementSpec, ElementError> {
        let fail = |message: String| ElementError {
            tag: kind.tag(),
            message,
        };
        Ok(match kind {
            ElementKind::Decoder => ElementSpec::Decoder(read_paste(get).map_err(fail)?),
            ElementKind::Explain => ElementSpec::Explain {
                code: get("code").unwrap_or_default().trim().to_string(),
            },
            ElementKind::Endpoint => {
                let paste = read_paste(get).map_err(fail)?;
                ElementSpec::Endpoint {
                    request: get("request").unwrap_or_default().trim().to_string(),
                    against: (!paste.input.trim().is_empty()).then_some(paste),
                }
            }
            ElementKind::Wizard => ElementSpec::Wizard(read_answers(get).map_err(fail)?),
            ElementKind::Checklist => ElementSpec::Checklist,
        })
    }

    /// The attributes that describe this spec, in [`ElementKind::attributes`]
    /// order; boolean attributes are present (with an empty value) or not.
    pub fn attributes(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        match self {
            ElementSpec::Decoder(paste) => write_paste(paste, &mut out),
            ElementSpec::Explain { code } => out.push(("code", code.clone())),
            ElementSpec::Endpoint { request, against } => {
                out.push(("request", request.clone()));
                if let Some(paste) = against {
                    write_paste(paste, &mut out);
                }
            }
            ElementSpec::Wizard(answers) => {
                let accounts = match answers.accounts {
                    Accounts::Own => "own",
                    Accounts::Clients => "clients",
                };
                out.push(("accounts", accounts.to_string()));
                if answers.embedded_signup {
                    out.push(("embedded", String::new()));
                }
                if answers.shares_credit_line {
                    out.push(("credit", String::new()));
                }
                let mode = match answers.mode {
                    AppMode::Live => "live",
                    AppMode::Development => "development",
                };
                out.push(("mode", mode.to_string()));
                if !answers.needs.is_empty() {
                    out.push(("needs", intent_list(&answers.needs)));
                }
            }
            ElementSpec::Checklist => {}
        }
        out
    }

    /// The element as HTML: its tag, its attributes, then `extra` attributes
    /// (a page's own, such as `class` or `data-*`), around `content`, which
    /// is shown until the element has loaded, and where scripts do not run.
    /// Written on one line, so that it stays one HTML block in Markdown.
    pub fn to_html(&self, extra: &[(&str, String)], content: &str) -> String {
        let tag = self.kind().tag();
        let mut html = format!("<{tag}");
        let attributes = self.attributes();
        let written = attributes
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .chain(extra.iter().map(|(name, value)| (*name, value.as_str())));
        for (name, value) in written {
            html.push(' ');
            html.push_str(name);
            if !value.is_empty() {
                html.push_str("=\"");
                html.push_str(&html_escape(value));
                html.push('"');
            }
        }
        html.push('>');
        html.push_str(content);
        html.push_str(&format!("</{tag}>"));
        html
    }
}

fn intent_list(intents: &[IntentId]) -> String {
    intents
        .iter()
        .map(|i| i.intent().slug)
        .collect::<Vec<_>>()
        .join(",")
}

fn write_paste(paste: &Paste, out: &mut Vec<(&'static str, String)>) {
    out.push(("input", paste.input.clone()));
    if let Some(now) = paste.now {
        out.push(("now", now.to_string()));
    }
    if !paste.intents.is_empty() {
        out.push(("intents", intent_list(&paste.intents)));
    }
    for (name, value) in [
        ("waba-id", &paste.waba_id),
        ("app-id", &paste.app_id),
        ("example", &paste.example),
    ] {
        if let Some(value) = value {
            out.push((name, value.clone()));
        }
    }
}

/// A present, non-blank attribute.
fn given(get: Attributes, name: &str) -> Option<String> {
    get(name)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn read_intents(get: Attributes, name: &str) -> Result<Vec<IntentId>, String> {
    let Some(list) = given(get, name) else {
        return Ok(Vec::new());
    };
    let known = || {
        let known: Vec<&str> = INTENTS.iter().map(|i| i.slug).collect();
        known.join(", ")
    };
    let mut intents = Vec::new();
    // Comma-separated; a piece that is not an intent as a whole (`Send
    // Messages` is) may be a space-separated list.
    for piece in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if let Some(intent) = IntentId::parse(piece) {
            intents.push(intent);
            continue;
        }
        for word in piece.split_whitespace() {
            intents.push(IntentId::parse(word).ok_or_else(|| {
                format!(
                    "{name}=\"{list}\": `{word}` is not an intent (known: {})",
                    known()
                )
            })?);
        }
    }
    Ok(intents)
}

fn read_paste(get: Attributes) -> Result<Paste, String> {
    let now = match given(get, "now") {
        None => None,
        Some(text) => Some(text.parse::<i64>().map_err(|_| {
            format!("now=\"{text}\" is not a time: give Unix seconds, such as 1760000000")
        })?),
    };
    Ok(Paste {
        input: get("input").unwrap_or_default(),
        now,
        intents: read_intents(get, "intents")?,
        waba_id: given(get, "waba-id"),
        app_id: given(get, "app-id"),
        example: given(get, "example"),
    })
}

/// A boolean attribute: present means true, except the value `false`.
fn flag(get: Attributes, name: &str) -> bool {
    get(name).is_some_and(|v| !v.trim().eq_ignore_ascii_case("false"))
}

fn read_answers(get: Attributes) -> Result<Answers, String> {
    let accounts = match given(get, "accounts").as_deref() {
        None | Some("own") => Accounts::Own,
        Some("clients") => Accounts::Clients,
        Some(other) => {
            return Err(format!(
                "accounts=\"{other}\": give `own` (your own business) or `clients`"
            ))
        }
    };
    let mode = match given(get, "mode").as_deref() {
        None | Some("live") => AppMode::Live,
        Some("development") => AppMode::Development,
        Some(other) => return Err(format!("mode=\"{other}\": give `live` or `development`")),
    };
    Ok(Answers {
        accounts,
        embedded_signup: flag(get, "embedded"),
        shares_credit_line: flag(get, "credit"),
        needs: read_intents(get, "needs")?,
        mode,
    })
}

/// Text for element content and double-quoted attribute values. Line breaks
/// become character references, so that an element stays on one line.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            _ => out.push(c),
        }
    }
    out
}

/// The table the elements' script defines its elements from, as JSON:
/// `{"scopelens-decoder": {"bundle": "diagnose", "attributes": [...]}, ...}`.
pub fn script_table() -> String {
    let entries: serde_json::Map<String, serde_json::Value> = ElementKind::ALL
        .iter()
        .map(|kind| {
            (
                kind.tag(),
                serde_json::json!({
                    "bundle": kind.bundle().id(),
                    "attributes": kind.attributes(),
                    "title": kind.title(),
                }),
            )
        })
        .collect();
    serde_json::Value::Object(entries).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// Reads the attributes of `html` (one element, as `to_html` writes it)
    /// the way a browser's parser would, for the round trip.
    fn parse_attributes(html: &str) -> (String, HashMap<String, String>) {
        let open = &html[1..html.find('>').unwrap()];
        let (tag, mut rest) = open.split_once(' ').unwrap_or((open, ""));
        let mut map = HashMap::new();
        while !rest.is_empty() {
            rest = rest.trim_start();
            let end = rest.find([' ', '=']).unwrap_or(rest.len());
            let name = rest[..end].to_string();
            rest = &rest[end..];
            if let Some(after) = rest.strip_prefix("=\"") {
                let close = after.find('"').unwrap();
                map.insert(name, unescape(&after[..close]));
                rest = &after[close + 1..];
            } else {
                map.insert(name, String::new());
            }
        }
        (tag.to_string(), map)
    }

    fn unescape(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = String::new();
        let mut at = 0;
        while at < bytes.len() {
            let reference = (bytes[at] == b'&')
                .then(|| crate::escapes::character_reference(bytes, at))
                .flatten();
            if let Some((Some(c), used)) = reference {
                out.push(c);
                at += used;
            } else {
                let c = text[at..].chars().next().unwrap();
                out.push(c);
                at += c.len_utf8();
            }
        }
        out
    }

    fn round_trip(spec: &ElementSpec) -> ElementSpec {
        let html = spec.to_html(&[("class", "x".into())], "<p>fallback</p>");
        let (tag, map) = parse_attributes(&html);
        let kind = ElementKind::from_tag(&tag).unwrap();
        ElementSpec::read(kind, &|name| map.get(name).cloned()).unwrap()
    }

    fn intents() -> impl Strategy<Value = Vec<IntentId>> {
        prop::collection::vec(
            prop::sample::select(INTENTS.iter().map(|i| i.id).collect::<Vec<_>>()),
            0..4,
        )
    }

    fn paste() -> impl Strategy<Value = Paste> {
        (
            ".{0,80}",
            prop::option::of(0i64..4_000_000_000),
            intents(),
            prop::option::of("[0-9]{1,16}"),
            prop::option::of("[0-9]{1,16}"),
            prop::option::of("[a-z_/]{1,20}\\.json"),
        )
            .prop_map(|(input, now, intents, waba_id, app_id, example)| Paste {
                input,
                now,
                intents,
                waba_id,
                app_id,
                example,
            })
    }

    fn spec() -> impl Strategy<Value = ElementSpec> {
        prop_oneof![
            paste().prop_map(ElementSpec::Decoder),
            "[ -~]{0,30}".prop_map(|code| ElementSpec::Explain {
                code: code.trim().to_string()
            }),
            ("[ -~]{0,40}", prop::option::of(paste()))
                .prop_filter("an example with text", |(_, p)| p
                    .as_ref()
                    .is_none_or(|p| !p.input.trim().is_empty()))
                .prop_map(|(request, against)| ElementSpec::Endpoint {
                    request: request.trim().to_string(),
                    against
                }),
            (
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                intents()
            )
                .prop_map(|(clients, embedded, credit, development, needs)| {
                    ElementSpec::Wizard(Answers {
                        accounts: if clients {
                            Accounts::Clients
                        } else {
                            Accounts::Own
                        },
                        embedded_signup: embedded,
                        shares_credit_line: credit,
                        needs,
                        mode: if development {
                            AppMode::Development
                        } else {
                            AppMode::Live
                        },
                    })
                }),
            Just(ElementSpec::Checklist),
        ]
    }

    proptest! {
        #[test]
        fn every_spec_written_as_html_reads_back_the_same(spec in spec()) {
            prop_assert_eq!(round_trip(&spec), spec);
        }

        #[test]
        fn written_html_is_one_line_and_carries_no_markup_from_its_values(spec in spec()) {
            let html = spec.to_html(&[], "");
            prop_assert!(!html.contains('\n'));
            let tag = spec.kind().tag();
            let inner = &html[1..html.len() - format!("</{tag}>").len()];
            prop_assert_eq!(inner.matches('<').count(), 0, "{}", html);
            prop_assert_eq!(inner.matches('>').count(), 1, "{}", html);
        }
    }

    #[test]
    fn every_element_has_a_tag_a_bundle_and_only_its_own_attributes() {
        for kind in ElementKind::ALL {
            assert_eq!(ElementKind::from_tag(&kind.tag()), Some(kind));
            assert_eq!(
                ElementKind::from_tag(&kind.tag().to_uppercase()),
                Some(kind)
            );
            assert!(
                kind.tag().contains('-'),
                "custom element names need a hyphen"
            );
        }
        assert_eq!(ElementKind::from_tag("scopelens-fireworks"), None);
        assert_eq!(ElementKind::from_tag("decoder"), None);
        let table: serde_json::Value = serde_json::from_str(&script_table()).unwrap();
        assert_eq!(table["scopelens-explain"]["bundle"], "tools");
        assert_eq!(table["scopelens-decoder"]["attributes"][0], "input");
        let all = |spec: ElementSpec| {
            let names: Vec<&str> = spec.attributes().iter().map(|(n, _)| *n).collect();
            for name in &names {
                assert!(spec.kind().attributes().contains(name), "{name}");
            }
        };
        all(ElementSpec::Endpoint {
            request: "GET /me".into(),
            against: Some(Paste {
                input: "{}".into(),
                now: Some(1),
                intents: vec![IntentId::SendMessages],
                waba_id: Some("1".into()),
                app_id: Some("2".into()),
                example: Some("a.json".into()),
            }),
        });
    }

    #[test]
    fn a_bad_attribute_is_named_with_what_it_may_hold() {
        let read = |kind, attrs: &[(&str, &str)]| {
            let map: HashMap<String, String> = attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            ElementSpec::read(kind, &|name| map.get(name).cloned())
        };
        let e = read(ElementKind::Decoder, &[("now", "soon")]).unwrap_err();
        assert_eq!(e.tag, "scopelens-decoder");
        assert!(e.to_string().contains("now=\"soon\""), "{e}");
        assert!(e.message.contains("Unix seconds"), "{e}");
        let e = read(ElementKind::Wizard, &[("needs", "send_messages,fly")]).unwrap_err();
        assert!(
            e.message.contains("`fly`") && e.message.contains("send_messages"),
            "{e}"
        );
        let e = read(ElementKind::Wizard, &[("accounts", "theirs")]).unwrap_err();
        assert!(e.message.contains("own"), "{e}");
        // Absent and blank attributes take their defaults.
        assert_eq!(
            read(ElementKind::Decoder, &[("now", " ")]).unwrap(),
            ElementSpec::Decoder(Paste::default())
        );
        assert_eq!(
            read(ElementKind::Endpoint, &[("request", "GET /me")]).unwrap(),
            ElementSpec::Endpoint {
                request: "GET /me".into(),
                against: None
            }
        );
        let ElementSpec::Wizard(w) = read(
            ElementKind::Wizard,
            &[
                ("embedded", ""),
                ("credit", "false"),
                ("needs", "send-messages"),
            ],
        )
        .unwrap() else {
            panic!("a wizard")
        };
        assert!(w.embedded_signup && !w.shares_credit_line);
        assert_eq!(w.needs, vec![IntentId::SendMessages]);
        // Lists as people write them: titles with spaces, commas, or spaces alone.
        for list in [
            "Send Messages, manage-templates",
            "send_messages manage_templates",
            " send_messages ,, Manage Templates ",
        ] {
            let ElementSpec::Decoder(paste) =
                read(ElementKind::Decoder, &[("intents", list)]).unwrap()
            else {
                panic!("a decoder")
            };
            assert_eq!(
                paste.intents,
                vec![IntentId::SendMessages, IntentId::ManageTemplates],
                "{list}"
            );
        }
    }
}
