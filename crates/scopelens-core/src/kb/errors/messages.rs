//! Meta's own message texts, for reading an error that arrives as words
//! only (a log line, an exception, a chat message) with no code around it.
//!
//! Most WhatsApp errors say `(#<code>) <title>`, and the catalog's titles are
//! matched as they are; this table holds the texts that differ from an
//! entry's title: the fixed sentences of the 190 family, Graph API wordings
//! that the catalog titles paraphrase, and WhatsApp titles that scopelens
//! words differently. Each row names where the text was seen. Long texts are
//! cut to a distinctive prefix followed by `…`, because the table ships in
//! every bundle.

use crate::kb::sources::*;

/// One fixed text Meta sends with a code.
#[derive(Debug, Clone, Copy)]
pub struct CanonicalMessage {
    pub code: u32,
    pub subcode: Option<u32>,
    /// Meta's text. `…` stands for a part that varies (an ID, a date, a
    /// method, a name); matching ignores case, spacing and quotes.
    pub text: &'static str,
    pub source: &'static str,
}

const fn m(
    code: u32,
    subcode: Option<u32>,
    text: &'static str,
    source: &'static str,
) -> CanonicalMessage {
    CanonicalMessage {
        code,
        subcode,
        text,
        source,
    }
}

pub static MESSAGES: &[CanonicalMessage] = &[
    // Graph API general codes.
    m(1, None, "An unknown error occurred", RESTFB_CODE_1),
    m(
        2,
        None,
        "An unexpected error has occurred. Please retry your request later",
        ISSUE_CODE_2,
    ),
    m(2, None, "Service temporarily unavailable", ISSUE_CODE_2_SERVICE),
    m(
        3,
        None,
        "Application does not have the capability to make this API call",
        ISSUE_CODE_3,
    ),
    m(
        10,
        None,
        "Application does not have permission for this action",
        ISSUE_CODE_10,
    ),
    // Meta's own spelling: "limited", not "limit".
    m(32, None, "Page request limited reached", ISSUE_CODE_32),
    m(
        104,
        None,
        "An access token is required to request this resource",
        ISSUE_CODE_104,
    ),
    m(341, None, "Feed action request limit reached", ISSUE_CODE_341),
    m(
        368,
        None,
        "The action attempted has been deemed abusive or is otherwise disallowed",
        GRAPH_APP_REFERENCE,
    ),
    m(506, None, "Duplicate status message", ISSUE_CODE_506),
    // Code 100 and its subcodes.
    m(
        100,
        Some(33),
        // Titles and truncated logs often stop after "does not exist".
        "Unsupported … request. Object with ID '…' does not exist…",
        ISSUE_OBJECT_MISSING,
    ),
    m(
        100,
        None,
        "Tried accessing nonexisting field (…) on node type (…)",
        ISSUE_WRONG_NODE_TYPE,
    ),
    m(100, None, "The parameter … is required", ISSUE_PARAM_REQUIRED),
    m(
        100,
        None,
        "Param … must be a valid ID string",
        ISSUE_PARAM_ID_STRING,
    ),
    m(
        100,
        None,
        "You must provide an app access token, or a user access token…",
        BKRS_FIXTURES,
    ),
    m(
        100,
        Some(2388299),
        "Variables can't be at the start or end of the template",
        WA_ERRORS,
    ),
    m(
        100,
        Some(200002),
        "HSM Template creation failed",
        GRAPH_HSM_REFERENCE,
    ),
    // Code 200.
    m(200, None, "Permissions error", ISSUE_CODE_200),
    m(200, None, "Provide valid app ID", WA_ERRORS),
    m(
        2500,
        None,
        "An active access token must be used to query information about the current user",
        ISSUE_2500_MESSAGE,
    ),
    // Code 191: the login's redirect URI.
    m(191, None, "Missing redirect_uri parameter", ISSUE_191_MISSING_REDIRECT),
    m(
        191,
        None,
        "Can't Load URL: The domain of this URL isn't included in the app's domains",
        ISSUE_191_CANT_LOAD_URL,
    ),
    // Code 190: the fixed sentences of each subcode, then those sent without one.
    m(
        190,
        Some(458),
        "Error validating access token: The user has not authorized application …",
        ISSUE_190_458,
    ),
    m(
        190,
        Some(459),
        "The session is invalid because the user has been checkpointed",
        GRAPH_APP_REFERENCE,
    ),
    m(
        190,
        Some(460),
        "Error validating access token: The session has been invalidated because the user changed their password…",
        BKRS_FIXTURES,
    ),
    m(
        190,
        Some(463),
        "Error validating access token: Session has expired …",
        BKRS_FIXTURES,
    ),
    m(
        190,
        Some(464),
        "Error validating access token: Sessions for the user … are not allowed because the user is not a confirmed user",
        ISSUE_190_464,
    ),
    m(
        190,
        Some(466),
        "Error validating access token: The session was invalidated explicitly using an API call",
        BKRS_FIXTURES,
    ),
    m(
        190,
        Some(467),
        "The session is invalid because the user logged out",
        ISSUE_190_467,
    ),
    m(
        190,
        Some(492),
        "The user must be an administrator… of the page in order to impersonate it",
        ISSUE_190_492,
    ),
    m(
        190,
        None,
        "Invalid OAuth access token - Cannot parse access token",
        BKRS_FIXTURES,
    ),
    m(
        190,
        None,
        "Invalid OAuth access token - Debug only access token",
        BKRS_FIXTURES,
    ),
    m(190, None, "Invalid OAuth access token signature", BKRS_FIXTURES),
    m(190, None, "Invalid OAuth access token", ISSUE_190_INVALID),
    m(190, None, "Invalid OAuth 2.0 Access Token", GRAPH_APP_REFERENCE),
    m(
        190,
        None,
        "The access token could not be decrypted",
        BKRS_FIXTURES,
    ),
    m(
        190,
        None,
        "Error validating application. Cannot get application info due to a system error",
        BKRS_FIXTURES,
    ),
    m(
        190,
        None,
        "Error validating access token: Session key … is malformed",
        BKRS_FIXTURES,
    ),
    m(190, None, "Malformed access token", ISSUE_190_MALFORMED),
    // WhatsApp throttling and account state.
    m(80007, None, "Rate limit issues", WA_ERRORS),
    m(
        80008,
        None,
        "There have been too many calls to this WhatsApp Business account",
        GRAPH_WABA_REFERENCE,
    ),
    m(
        130497,
        None,
        "Business account is restricted from messaging users in this country",
        WA_ERRORS,
    ),
    m(131031, None, "Business Account locked", GRAPH_WABA_REFERENCE),
    m(131056, None, "… pair rate limit hit", WA_ERRORS),
    m(131057, None, "Account in maintenance mode", WA_ERRORS),
    // WhatsApp delivery.
    m(
        131026,
        None,
        "Receiver is incapable of receiving this message",
        RESTFB_WA_STATUS,
    ),
    m(131045, None, "Incorrect certificate", WA_ERRORS),
    m(131047, None, "Re-engagement message", WA_ERRORS),
    m(
        131049,
        None,
        "This message was not delivered to maintain healthy ecosystem engagement",
        WA_STATUS_WEBHOOK,
    ),
    m(
        131050,
        None,
        "This recipient has chosen to stop receiving marketing messages…",
        WA_MARKETING_TEMPLATES,
    ),
    m(131051, None, "Message type unknown", PYWA_WEBHOOK),
    // WhatsApp templates.
    m(
        132000,
        None,
        "Number of parameters does not match the expected number of params",
        ISSUE_132000,
    ),
    m(132000, None, "Template Param Count Mismatch", WA_ERRORS),
    m(
        132001,
        None,
        "Template name does not exist in the translation",
        ISSUE_TEMPLATE_LANGUAGE,
    ),
    m(
        132012,
        None,
        "Parameter format does not match format in the created template",
        ISSUE_132012,
    ),
    // WhatsApp registration.
    m(133004, None, "Server Temporarily Unavailable", WA_ERRORS),
    m(133005, None, "Two step verification PIN Mismatch", WA_ERRORS),
    m(
        133008,
        None,
        "Too Many two step verification PIN Guesses",
        WA_ERRORS,
    ),
    m(133009, None, "PIN Guessed Too Fast", WA_ERRORS),
    m(
        133016,
        None,
        "Account register/deregister rate limit exceeded",
        WA_ERRORS,
    ),
    // Every 190 sentence starts so; matched after every specific one.
    m(190, None, "Error validating access token", BKRS_FIXTURES),
    // The 100/33 sentence's opening, when nothing else of it was kept.
    m(100, None, "Unsupported post request", ISSUE_UNSUPPORTED_POST),
    m(100, None, "Unsupported get request", ISSUE_UNSUPPORTED_POST),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::errors::CATALOG;

    /// Case, spacing and quotes folded away, as the matching does.
    fn folded(text: &str) -> String {
        text.chars()
            .filter(|c| !matches!(c, '\'' | '"' | '`' | '‘' | '’' | '“' | '”'))
            .flat_map(char::to_lowercase)
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn longest_fragment(text: &str) -> String {
        folded(text)
            .split('…')
            .map(str::trim)
            .max_by_key(|f| f.len())
            .unwrap_or_default()
            .to_string()
    }

    #[test]
    fn every_message_belongs_to_a_catalog_entry() {
        for msg in MESSAGES {
            let known = match msg.subcode {
                Some(sub) => CATALOG
                    .iter()
                    .any(|e| e.code == msg.code && e.subcode == Some(sub)),
                None => CATALOG.iter().any(|e| e.covers(msg.code)),
            };
            assert!(
                known,
                "{:?}/{:?} has no catalog entry: {}",
                msg.code, msg.subcode, msg.text
            );
        }
    }

    #[test]
    fn every_message_has_a_source_and_words_to_match() {
        for msg in MESSAGES {
            assert!(msg.source.starts_with("https://"), "{}", msg.text);
            let longest = msg.text.split('…').map(str::trim).map(str::len).max();
            assert!(
                longest.unwrap_or(0) >= 12,
                "too little fixed text: {}",
                msg.text
            );
        }
    }

    #[test]
    fn no_two_messages_share_a_text() {
        for (i, a) in MESSAGES.iter().enumerate() {
            for b in &MESSAGES[i + 1..] {
                assert_ne!(folded(a.text), folded(b.text), "{} is listed twice", a.text);
            }
        }
    }

    #[test]
    fn no_message_fixed_text_is_found_inside_another_codes_message() {
        for a in MESSAGES {
            let fragment = longest_fragment(a.text);
            for b in MESSAGES {
                // A code's general wording may open its subcodes' texts: rows
                // are matched in order, and the general one comes after them.
                let general_of_b = a.code == b.code && a.subcode.is_none();
                if (a.code, a.subcode) == (b.code, b.subcode) || general_of_b {
                    continue;
                }
                assert!(
                    !folded(b.text).contains(&fragment),
                    "{:?} ({}) would also match {:?}/{:?} ({})",
                    fragment,
                    a.code,
                    b.code,
                    b.subcode,
                    b.text
                );
            }
        }
    }

    #[test]
    fn a_codes_general_wording_comes_after_its_specific_texts() {
        for (i, general) in MESSAGES.iter().enumerate() {
            if general.subcode.is_some() {
                continue;
            }
            let fragment = longest_fragment(general.text);
            for specific in &MESSAGES[i + 1..] {
                assert!(
                    specific.code != general.code || !folded(specific.text).contains(&fragment),
                    "{:?} is matched before the more specific {:?}",
                    general.text,
                    specific.text
                );
            }
        }
    }

    #[test]
    fn texts_carry_no_code_of_their_own() {
        // The code travels in the row; a "(#N)" prefix in the text would
        // stop it matching when the paste spells the code another way.
        for msg in MESSAGES {
            assert!(!msg.text.contains("(#"), "{}", msg.text);
        }
    }
}
