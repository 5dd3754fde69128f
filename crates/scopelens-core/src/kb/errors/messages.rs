//! Meta's own message texts, for reading an error that arrives as words
//! only (a log line, an exception, a chat message) with no code around it.
//!
//! Most WhatsApp errors say `(#<code>) <title>`, and the catalog's titles are
//! matched as they are; this table holds the texts that differ from an
//! entry's title, such as the fixed sentences of the 190 family.

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
    m(
        190,
        Some(463),
        "Error validating access token: Session has expired on …",
        GRAPH_ERRORS,
    ),
    m(
        190,
        Some(460),
        "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons",
        GRAPH_ERRORS,
    ),
    m(
        100,
        Some(33),
        "Unsupported … request. Object with ID '…' does not exist, cannot be loaded due to missing permissions, or does not support this operation",
        GRAPH_ERRORS,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::errors::CATALOG;

    #[test]
    fn every_message_belongs_to_a_catalog_entry() {
        for msg in MESSAGES {
            let known = CATALOG
                .iter()
                .any(|e| e.code == msg.code && (msg.subcode.is_none() || e.subcode == msg.subcode))
                || CATALOG.iter().any(|e| e.code == msg.code);
            assert!(known, "{} has no catalog entry", msg.code);
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
}
