//! Causes: the distinct reasons behind one error code, each chosen by the
//! words of the error itself.
//!
//! One code often covers unrelated mistakes (code 100 is a missing parameter
//! name, a missing language code, a refused file type, the wrong kind of ID,
//! ...). Listing the steps of every one of them for every 100 buries the one
//! that applies. Each cause here names the code (and subcode) it refines, the
//! evidence that selects it, and its own fix steps. Evidence is either a
//! lowercase phrase found in the message, `error_user_msg` or
//! `error_data.details`, or the shape of the ID Meta quotes.
//!
//! Every phrase was checked against real error text in a public issue thread,
//! Meta's documentation or public code before it was written here; `source`
//! points at that text. Matching is plain substring search, in table order:
//! where one cause's phrase contains another's, the more specific cause comes
//! first (an invariant test holds the table to that).

use crate::kb::sources::{
    GRAPH_MESSAGE_TEMPLATES, GRAPH_WABA_REFERENCE, ISSUE_WRONG_NODE_TYPE, WA_SEND_MESSAGES,
};
use crate::privacy::MASK;
use serde::Serialize;

/// What selects a cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// A phrase (lowercase, single spaces) somewhere in the error's words.
    Phrase(&'static str),
    /// The ID in Meta's "Object with ID '…'" has the shape of a phone number
    /// (a `+`, 7 to 14 digits, or a number already masked as one).
    QuotedPhoneNumber,
}

/// One distinct reason for an error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cause {
    /// Stable machine name.
    pub id: &'static str,
    pub code: u32,
    /// `Some` when the cause refines one subcode of `code`.
    pub subcode: Option<u32>,
    /// Any one of these selects the cause.
    pub evidence: &'static [Evidence],
    pub title: &'static str,
    pub explanation: &'static str,
    pub fix: &'static [&'static str],
    /// Where the error text this cause is chosen by can be read.
    pub source: &'static str,
}

/// How a cause was chosen, in words the finding can quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matched {
    /// This phrase was found in the error's words.
    Phrase(&'static str),
    /// Meta quoted this ID, and it looks like a phone number.
    PhoneNumber(String),
}

impl Matched {
    /// "the words “parameter name is missing or empty” in Meta's answer".
    pub fn describe(&self) -> String {
        match self {
            Matched::Phrase(phrase) => format!("the words “{phrase}” in Meta's answer"),
            Matched::PhoneNumber(id) => {
                format!("the ID Meta quotes, ‘{id}’, which has the shape of a phone number")
            }
        }
    }
}

/// A cause and the evidence that chose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub cause: &'static Cause,
    pub matched: Matched,
}

const NAMED_PARAMETERS_THREAD: &str =
    "https://github.com/netflie/laravel-notification-whatsapp/issues/41";
const LANGUAGE_CODE_THREAD: &str = "https://github.com/shridarpatil/frappe_whatsapp/issues/54";
const UPLOAD_TYPE_THREAD: &str = "https://github.com/MissaelAnda/laravel-whatsapp/issues/4";
const EMPTY_TEXT_THREAD: &str = "https://github.com/shridarpatil/frappe_whatsapp/issues/43";
const MARKETING_MESSAGES_ERRORS: &str =
    "https://developers.facebook.com/docs/whatsapp/marketing-messages-lite-api/support";
const PHONE_AS_ID_THREAD: &str =
    "https://github.com/netflie/laravel-notification-whatsapp/issues/18";
const EMPTY_ID_THREAD: &str =
    "https://github.com/gabrieldwight/Whatsapp-Business-Cloud-Api-Net/issues/3";
const HTML_MEDIA_THREAD: &str = "https://github.com/chatwoot/chatwoot/issues/10428";
const MEDIA_MIME_THREAD: &str = "https://github.com/chatwoot/chatwoot/issues/12713";
const MEDIA_DOWNLOAD_THREAD: &str = "https://github.com/shridarpatil/frappe_whatsapp/issues/87";
const URL_BUTTON_THREAD: &str = "https://github.com/shridarpatil/whatomate/issues/501";
const PARAMETER_COUNT_THREAD: &str = "https://github.com/Vacademy-io/vacademy_platform/pull/2631";
const HEADER_FORMAT_PAGE: &str = "https://dualhook.com/docs/whatsapp-error-132012";

/// Every cause, most specific first within a code.
pub static CAUSES: &[Cause] = &[
    // ------------------------------------------------------------------
    // 100: Invalid parameter
    // ------------------------------------------------------------------
    Cause {
        id: "named_template_sent_positional",
        code: 100,
        subcode: None,
        evidence: &[Evidence::Phrase("parameter name is missing or empty")],
        title: "a template with named variables got values without names",
        explanation: "The template was created with named variables such as {{customer_name}}, so every value sent for it must say which variable it fills, in parameter_name. At least one value came without it, the way values for a positional ({{1}}, {{2}}) template are sent.",
        fix: &[
            "Check the template's parameter_format with GET /{waba-id}/message_templates?name=<name>: NAMED means every value needs a name.",
            "Add \"parameter_name\": \"<variable>\" next to \"type\" and \"text\" in each header and body parameter, spelled as in the template and without the braces.",
            "If your library cannot send parameter_name, upgrade it, or recreate the template with positional variables ({{1}}, {{2}}).",
        ],
        source: NAMED_PARAMETERS_THREAD,
    },
    Cause {
        id: "template_language_missing",
        code: 100,
        subcode: None,
        evidence: &[Evidence::Phrase("template['language']")],
        title: "the template's language code is missing",
        explanation: "A template message must name the language of the translation to send, as template.language.code. The request had no code there: the field was left out, null, or sent as a bare string.",
        fix: &[
            "Send \"language\": {\"code\": \"<code>\"} inside template, with the code the template was approved in (en and en_US are different templates).",
            "Make sure your code does not send null or an empty object when no language is configured.",
            "Look up the template's languages with GET /{waba-id}/message_templates?name=<name>.",
        ],
        source: LANGUAGE_CODE_THREAD,
    },
    Cause {
        id: "upload_type_refused",
        code: 100,
        subcode: None,
        evidence: &[Evidence::Phrase(
            "param file must be a file with one of the following types",
        )],
        title: "the uploaded file's MIME type is refused",
        explanation: "POST /{phone-number-id}/media accepts only the MIME types it lists, and the file part of the upload carried another one. The end of the message (Received file of type '…') names what Meta saw; application/octet-stream means no type was set at all.",
        fix: &[
            "Read the type Meta received at the end of the message.",
            "Send the upload as multipart/form-data with the file's real MIME type on the file part (image/jpeg, application/pdf, audio/ogg, ...), and the same value in the type field.",
            "If the file's format is not on the list, convert it first (WebP to PNG or JPEG, for instance).",
        ],
        source: UPLOAD_TYPE_THREAD,
    },
    Cause {
        id: "business_id_for_waba_id",
        code: 100,
        subcode: None,
        evidence: &[Evidence::Phrase("on node type (business)")],
        title: "a Business ID was used where a WhatsApp Business Account ID belongs",
        explanation: "The ID in the URL is a business portfolio (node type Business). Edges such as message_templates and phone_numbers live on the WhatsApp Business Account, which has its own ID.",
        fix: &[
            "Find the WABA ID in WhatsApp Manager, or with GET /{business-id}/owned_whatsapp_business_accounts (and client_whatsapp_business_accounts for shared ones).",
            "Call /{waba-id}/message_templates and /{waba-id}/phone_numbers with that ID.",
        ],
        source: ISSUE_WRONG_NODE_TYPE,
    },
    Cause {
        id: "waba_id_for_phone_number_id",
        code: 100,
        subcode: None,
        // No closing bracket: pastes and log lines often lose it, and the
        // node type's name is long enough to stand alone.
        evidence: &[Evidence::Phrase("on node type (whatsappbusinessaccount")],
        title: "a WhatsApp Business Account ID was used where a phone-number ID belongs",
        explanation: "The ID in the URL is a WhatsApp Business Account, and the field or edge named in the message is not one of its own. Sending messages, uploading media and reading fields such as display_phone_number, quality_rating or messaging_limit_tier all take a business phone number's ID instead.",
        fix: &[
            "Get the phone-number ID from GET /{waba-id}/phone_numbers (the id of each entry) or from App Dashboard > WhatsApp > API Setup.",
            "Use /{phone-number-id}/messages, /{phone-number-id}/media and /{phone-number-id}?fields=... with it; keep the WABA ID for message_templates, phone_numbers and subscribed_apps.",
            "If the field named is documented on the WABA node, it does not exist in the API version you call: check the version in the URL.",
        ],
        source: GRAPH_WABA_REFERENCE,
    },
    Cause {
        id: "phone_number_id_for_waba_id",
        code: 100,
        subcode: None,
        evidence: &[
            Evidence::Phrase("(message_templates) on node type (whatsappbusinessphonenumber"),
            Evidence::Phrase("(phone_numbers) on node type (whatsappbusinessphonenumber"),
        ],
        title: "a phone-number ID was used where a WhatsApp Business Account ID belongs",
        explanation: "The ID in the URL is a business phone number, but templates and the list of phone numbers belong to the WhatsApp Business Account that owns it.",
        fix: &[
            "Use the WABA ID for /{waba-id}/message_templates and /{waba-id}/phone_numbers; find it in WhatsApp Manager or in the granular_scopes target_ids of debug_token.",
            "Keep the phone-number ID for /{phone-number-id}/messages and media.",
        ],
        source: GRAPH_MESSAGE_TEMPLATES,
    },
    Cause {
        id: "messaging_product_missing",
        code: 100,
        subcode: None,
        evidence: &[Evidence::Phrase("parameter messaging_product is required")],
        title: "the request body lacks messaging_product",
        explanation: "Every Cloud API POST (sending, uploading media, registering, updating the business profile) must say \"messaging_product\": \"whatsapp\". Meta did not find it in the body it parsed.",
        fix: &[
            "Add \"messaging_product\": \"whatsapp\" to the JSON body; for media uploads, send it as a form field next to file and type.",
            "If it is already in your code, check that the body reaches Meta intact: JSON with Content-Type: application/json, built with a JSON serializer rather than by pasting text into a string.",
        ],
        source: WA_SEND_MESSAGES,
    },
    Cause {
        id: "marketing_messages_template_only",
        code: 100,
        subcode: None,
        evidence: &[Evidence::Phrase("message must be a template message")],
        title: "the Marketing Messages API sends templates only",
        explanation: "This message went through the Marketing Messages API, which accepts only marketing template messages: text, media, interactive, utility and authentication messages are refused there.",
        fix: &[
            "Send only marketing templates (type template) through the Marketing Messages API.",
            "Send every other message through the Cloud API's /{phone-number-id}/messages.",
        ],
        source: MARKETING_MESSAGES_ERRORS,
    },
    Cause {
        id: "template_value_empty",
        code: 100,
        subcode: None,
        evidence: &[Evidence::Phrase("is mandatory for component parameter type")],
        title: "a template variable was sent without a value",
        explanation: "A parameter of the template message declares its type (text, currency, ...) but carries no value for it: the field is missing, null or empty, typically because the data meant to fill it was empty.",
        fix: &[
            "Log the request body and find the parameter without a value; the details name its type.",
            "Fill every variable with a non-empty value before sending, with a fallback text where your data can be missing.",
        ],
        source: EMPTY_TEXT_THREAD,
    },
    // ------------------------------------------------------------------
    // 100/33: Object does not exist or does not support this operation
    // ------------------------------------------------------------------
    Cause {
        id: "phone_number_for_phone_number_id",
        code: 100,
        subcode: Some(33),
        evidence: &[Evidence::QuotedPhoneNumber],
        title: "the phone number itself was used where its phone-number ID belongs",
        explanation: "Graph objects are addressed by ID. A business phone number has a phone-number ID (a long number of its own, 15 or more digits) that is not the number people dial.",
        fix: &[
            "Take the phone-number ID from App Dashboard > WhatsApp > API Setup, or from GET /{waba-id}/phone_numbers (the id of each entry).",
            "Post to /{phone-number-id}/messages; the recipient's number goes in the body's to field, never in the URL.",
        ],
        source: PHONE_AS_ID_THREAD,
    },
    Cause {
        id: "id_missing_from_path",
        code: 100,
        subcode: Some(33),
        evidence: &[Evidence::Phrase("object with id 'messages'")],
        title: "the phone-number ID is missing from the URL",
        explanation: "Meta took the edge name for the object ID, which happens when the URL reads /v21.0//messages: the variable meant to hold the phone-number ID was empty.",
        fix: &[
            "Log the URL your code calls: it must be /{version}/{phone-number-id}/messages with a numeric ID.",
            "Check that the setting or environment variable holding the phone-number ID is loaded, under the name your code reads.",
        ],
        source: EMPTY_ID_THREAD,
    },
    // ------------------------------------------------------------------
    // 131008: Required parameter is missing
    // ------------------------------------------------------------------
    Cause {
        id: "url_button_value_missing",
        code: 131008,
        subcode: None,
        evidence: &[Evidence::Phrase("of type url requires a parameter")],
        title: "the template's dynamic URL button needs its value",
        explanation: "The template has a URL button whose link ends in a variable, and the message did not send that variable's value.",
        fix: &[
            "Add a component {\"type\": \"button\", \"sub_type\": \"url\", \"index\": \"<n>\", \"parameters\": [{\"type\": \"text\", \"text\": \"<suffix>\"}]} with the index the details name.",
            "Send only the variable end of the link; the fixed start comes from the template.",
        ],
        source: URL_BUTTON_THREAD,
    },
    // ------------------------------------------------------------------
    // 131053: Media upload error
    // ------------------------------------------------------------------
    Cause {
        id: "media_link_serves_a_page",
        code: 131053,
        subcode: None,
        evidence: &[Evidence::Phrase("mime type text/html")],
        title: "the media link returned a web page instead of the file",
        explanation: "Meta fetched the link and got HTML: a login page, a redirect page or an error page stood where the file should be.",
        fix: &[
            "Open the media link from outside your network, without cookies: it must return the file itself.",
            "Use a public HTTPS link that needs no login, or upload the file with POST /{phone-number-id}/media and send its media ID.",
        ],
        source: HTML_MEDIA_THREAD,
    },
    Cause {
        id: "media_type_refused",
        code: 131053,
        subcode: None,
        evidence: &[Evidence::Phrase("mime type")],
        title: "the media's MIME type is not accepted for this message type",
        explanation: "Each kind of media message accepts a few MIME types, and the file came with another one; the details name the type received and the ones accepted.",
        fix: &[
            "Read the details for the type Meta received and the types it accepts.",
            "Convert the file (WebP to JPEG or PNG for images; Opus audio in an OGG container as audio/ogg for voice), or send it as a document.",
            "Make sure the server hosting the file sends the right Content-Type, and uploads set it on the file part.",
        ],
        source: MEDIA_MIME_THREAD,
    },
    Cause {
        id: "media_link_unreachable",
        code: 131053,
        subcode: None,
        evidence: &[Evidence::Phrase("downloading media from weblink failed")],
        title: "Meta could not download the media link",
        explanation: "Meta's servers requested the link and your server answered with an error; the details give the HTTP status they got.",
        fix: &[
            "Fix what answers with that status: a firewall or bot protection blocking Meta, a rate limit, an expired signed link, or a server error.",
            "Host the file on a public HTTPS link reachable from the internet, or upload it with POST /{phone-number-id}/media and send its media ID.",
        ],
        source: MEDIA_DOWNLOAD_THREAD,
    },
    // ------------------------------------------------------------------
    // 132000: Template parameter count mismatch
    // ------------------------------------------------------------------
    Cause {
        id: "parameter_counts_in_details",
        code: 132000,
        subcode: None,
        evidence: &[Evidence::Phrase("number of localizable_params")],
        title: "the details give both counts",
        explanation: "The details read 'number of localizable_params (N) does not match the expected number of params (M)': N is how many values the message carried, M how many variables the template has. More values than variables often means values were sent under several names, or named values went to a positional template, where each one counts as a value of its own.",
        fix: &[
            "Compare the two numbers in the details: send exactly M values, one per variable.",
            "If N is larger, look for values sent twice or under extra names; a positional template ({{1}}, {{2}}) takes values in order, without parameter_name.",
            "If N is smaller, fill the missing variables, including those in the header and in URL buttons.",
        ],
        source: PARAMETER_COUNT_THREAD,
    },
    // ------------------------------------------------------------------
    // 132012: Template parameter format mismatch
    // ------------------------------------------------------------------
    Cause {
        id: "header_media_mismatch",
        code: 132012,
        subcode: None,
        evidence: &[Evidence::Phrase("header: format mismatch")],
        title: "the header is not the media the template was approved with",
        explanation: "The template has a media header (image, video or document) and the message sent a header of another kind, or none; received UNKNOWN means the header parameter was missing or had no type.",
        fix: &[
            "Send a header component whose parameter type is the template's header format, with a link or media ID: {\"type\": \"header\", \"parameters\": [{\"type\": \"image\", \"image\": {\"link\": \"https://...\"}}]}.",
            "Check the template's header format with GET /{waba-id}/message_templates?name=<name>.",
        ],
        source: HEADER_FORMAT_PAGE,
    },
];

/// Whether a cause applies to an error with this code and subcode. A cause
/// of the bare code does not apply when the subcode has an entry of its own
/// (`documented_subcode`), since that entry already says what happened.
fn applies(cause: &Cause, code: u32, documented_subcode: Option<u32>) -> bool {
    cause.code == code
        && match (cause.subcode, documented_subcode) {
            (Some(wanted), Some(sub)) => wanted == sub,
            // Meta's text often arrives without its subcode; the evidence
            // for a subcode's cause is specific enough on its own.
            (Some(_), None) => true,
            (None, sub) => sub.is_none(),
        }
}

/// Lowercase, with every run of whitespace as one space, so that a paste
/// that wrapped a line still matches.
fn normalised(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The ID in "object with id '…'", if the text has one.
fn quoted_id(text: &str) -> Option<&str> {
    const LEAD: &str = "object with id ";
    let at = text.find(LEAD)? + LEAD.len();
    let rest = &text[at..];
    let quote = rest.chars().next().filter(|c| matches!(c, '\'' | '"'))?;
    let body = &rest[quote.len_utf8()..];
    let end = body.find(quote)?;
    Some(&body[..end])
}

/// Whether an ID Meta quotes is a phone number rather than a Graph ID. Graph
/// IDs of WhatsApp objects have 15 digits or more; a phone number with its
/// country code has 10 to 14, may start with `+` (even when the reporter
/// replaced its end with `x`), and has often been masked by the privacy
/// scrubber already, which masks only phone- and card-like numbers.
fn is_phone_shaped(id: &str) -> bool {
    let id = id.trim();
    if id.starts_with(MASK) {
        return true;
    }
    let plus_then_digit = id
        .strip_prefix('+')
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    let only_number_chars = id
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.'));
    let digits = id.chars().filter(char::is_ascii_digit).count();
    plus_then_digit || (only_number_chars && (10..=14).contains(&digits))
}

fn evidence_in(evidence: Evidence, texts: &[String]) -> Option<Matched> {
    match evidence {
        Evidence::Phrase(phrase) => texts
            .iter()
            .any(|t| t.contains(phrase))
            .then_some(Matched::Phrase(phrase)),
        Evidence::QuotedPhoneNumber => texts
            .iter()
            .filter_map(|t| quoted_id(t))
            .find(|id| is_phone_shaped(id))
            .map(|id| Matched::PhoneNumber(id.to_string())),
    }
}

/// The first cause of `code` whose evidence is in `texts` (the message,
/// `error_user_msg`, `error_data.details`, in any order). Pass the subcode
/// only when the catalog has an entry for it.
pub fn select(code: u32, documented_subcode: Option<u32>, texts: &[&str]) -> Option<Selection> {
    let mut candidates = CAUSES
        .iter()
        .filter(|c| applies(c, code, documented_subcode))
        .peekable();
    candidates.peek()?;
    let texts: Vec<String> = texts.iter().map(|t| normalised(t)).collect();
    candidates.find_map(|cause| {
        cause
            .evidence
            .iter()
            .find_map(|e| evidence_in(*e, &texts))
            .map(|matched| Selection { cause, matched })
    })
}

/// Whether any cause refines this code.
pub fn has_causes(code: u32) -> bool {
    CAUSES.iter().any(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::errors::{lookup_error, ErrorLookup};
    use proptest::prelude::*;

    fn phrases(cause: &Cause) -> impl Iterator<Item = &'static str> + '_ {
        cause.evidence.iter().filter_map(|e| match e {
            Evidence::Phrase(p) => Some(*p),
            Evidence::QuotedPhoneNumber => None,
        })
    }

    fn overlap(a: &Cause, b: &Cause) -> bool {
        a.code == b.code && (a.subcode.is_none() || b.subcode.is_none() || a.subcode == b.subcode)
    }

    #[test]
    fn every_cause_refines_a_code_the_catalog_has() {
        for cause in CAUSES {
            let ErrorLookup::Known {
                entry,
                subcode_matched,
            } = lookup_error(cause.code, cause.subcode)
            else {
                panic!("{}: code {} is not in the catalog", cause.id, cause.code);
            };
            assert_eq!(entry.code, cause.code, "{}", cause.id);
            assert_eq!(subcode_matched, cause.subcode.is_some(), "{}", cause.id);
        }
    }

    #[test]
    fn every_cause_has_a_source_evidence_and_steps() {
        for cause in CAUSES {
            assert!(cause.source.starts_with("https://"), "{}", cause.id);
            assert!(!cause.evidence.is_empty(), "{} has no evidence", cause.id);
            assert!(!cause.fix.is_empty(), "{} has no steps", cause.id);
            assert!(cause.explanation.len() > 40, "{}", cause.id);
            for phrase in phrases(cause) {
                assert_eq!(phrase, normalised(phrase), "{}: {phrase:?}", cause.id);
                assert!(
                    phrase.len() >= 8,
                    "{}: {phrase:?} is too short to tell causes apart",
                    cause.id
                );
            }
        }
    }

    #[test]
    fn cause_ids_are_unique() {
        let mut ids: Vec<&str> = CAUSES.iter().map(|c| c.id).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len());
    }

    #[test]
    fn a_phrase_inside_another_causes_phrase_comes_after_it() {
        for (i, a) in CAUSES.iter().enumerate() {
            for (j, b) in CAUSES.iter().enumerate() {
                if i == j || !overlap(a, b) {
                    continue;
                }
                for short in phrases(a) {
                    for long in phrases(b) {
                        if long.contains(short) {
                            assert!(
                                j < i,
                                "{} ({long:?}) must come before {} ({short:?})",
                                b.id,
                                a.id
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_code_without_causes_selects_nothing() {
        assert!(!has_causes(190));
        assert_eq!(
            select(190, None, &["parameter name is missing or empty"]),
            None
        );
    }

    #[test]
    fn a_documented_subcode_keeps_the_bare_codes_causes_away() {
        let text = [
            "(#100) Invalid parameter",
            "Parameter name is missing or empty",
        ];
        assert!(select(100, None, &text).is_some());
        assert_eq!(select(100, Some(2388040), &text), None);
    }

    #[test]
    fn a_graph_id_is_not_taken_for_a_phone_number() {
        for id in [
            "106540352242922",
            "1234567890123456",
            "123456789",
            "messages",
            "me",
            "XXXXX",
        ] {
            assert!(!is_phone_shaped(id), "{id}");
        }
        for id in ["+919xxxxxxx", "15551234567", "+1 555 123 4567", "•••4567"] {
            assert!(is_phone_shaped(id), "{id}");
        }
    }

    /// Surrounding text that cannot spell a phrase of any cause: digits,
    /// punctuation and a few neutral words.
    fn surrounding() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                "[0-9]{1,6}".prop_map(|s| s),
                Just(" ".to_string()),
                Just("\n".to_string()),
                Just(": ".to_string()),
                Just("\"".to_string()),
                Just("(#100) ".to_string()),
                Just("Error ".to_string()),
                Just("request failed ".to_string()),
                Just("{\"error\": ".to_string()),
            ],
            0..8,
        )
        .prop_map(|parts| parts.concat())
    }

    /// The phrase as a person might paste it: any letter case, and a line
    /// break or double space where the phrase has a space.
    fn as_pasted(phrase: &str, seed: u64) -> String {
        let mut state = seed | 1;
        let mut bit = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state & 1 == 1
        };
        phrase
            .chars()
            .map(|c| match c {
                ' ' if bit() => "\n  ".to_string(),
                c if bit() => c.to_uppercase().collect(),
                c => c.to_string(),
            })
            .collect()
    }

    proptest! {
        #[test]
        fn every_phrase_in_any_surrounding_selects_its_own_cause(
            index in 0..CAUSES.len(),
            before in surrounding(),
            after in surrounding(),
            seed in any::<u64>(),
            field in 0..3usize,
        ) {
            let cause = &CAUSES[index];
            for phrase in phrases(cause) {
                let text = format!("{before}{}{after}", as_pasted(phrase, seed));
                let mut texts = ["(#100) Invalid parameter", "", ""];
                texts[field] = &text;
                let chosen = select(cause.code, cause.subcode, &texts);
                prop_assert_eq!(chosen.map(|s| s.cause.id), Some(cause.id), "{:?}", text);
                // The same words without a subcode still find it.
                let chosen = select(cause.code, None, &texts);
                prop_assert_eq!(chosen.map(|s| s.cause.id), Some(cause.id));
            }
        }

        #[test]
        fn a_phone_number_in_the_quoted_id_selects_the_phone_number_cause(
            digits in "[1-9][0-9]{9,13}",
            plus in any::<bool>(),
            before in surrounding(),
            verb in prop_oneof![Just("post"), Just("get")],
        ) {
            let id = if plus { format!("+{digits}") } else { digits };
            let message = format!(
                "{before}Unsupported {verb} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation."
            );
            // What the diagnosis sees has passed the privacy scrubber.
            let scrubbed = crate::privacy::scrub_text(&message);
            let chosen = select(100, Some(33), &[&scrubbed]).map(|s| s.cause.id);
            prop_assert_eq!(chosen, Some("phone_number_for_phone_number_id"), "{}", scrubbed);
        }

        #[test]
        fn a_graph_id_in_the_quoted_id_selects_no_cause(
            digits in "[1-9][0-9]{14,16}",
            verb in prop_oneof![Just("post"), Just("get")],
        ) {
            let message = format!(
                "Unsupported {verb} request. Object with ID '{digits}' does not exist, cannot be loaded due to missing permissions, or does not support this operation."
            );
            let scrubbed = crate::privacy::scrub_text(&message);
            // The scrubber masks an ID that passes for a card number, and a
            // masked ID cannot be told from a masked phone number.
            prop_assume!(!scrubbed.contains(MASK));
            prop_assert_eq!(select(100, Some(33), &[&scrubbed]), None);
        }
    }
}
