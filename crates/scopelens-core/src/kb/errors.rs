//! The error catalog: every Graph API and WhatsApp Cloud API code scopelens
//! can explain, with subcodes where they change the meaning.
//!
//! Lookup order (see [`lookup_error`]): exact code and subcode, then the code
//! alone, then a range entry covering the code, then the code's family, so an
//! unknown code still gets an honest category.

mod catalog;
pub mod causes;
pub mod messages;

pub use catalog::CATALOG;

use crate::names::named_enum;
use serde::Serialize;

named_enum! {
    /// What kind of problem a code describes. Drives grouping in the guide and
    /// the severity of findings.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
    #[cfg_attr(feature = "typescript", derive(tsify_next::Tsify), tsify(missing_as_null))]
    #[serde(rename_all = "snake_case")]
    pub enum Category {
        Authentication = "authentication",
        Permission = "permission",
        Throttling = "throttling",
        Integrity = "integrity",
        Template = "template",
        Registration = "registration",
        Request = "request",
        Delivery = "delivery",
        Flows = "flows",
        Payment = "payment",
        MarketingMessages = "marketing_messages",
        Server = "server",
        Other = "other",
    }
}

impl Category {
    /// Human title for headings.
    pub fn title(self) -> &'static str {
        match self {
            Category::Authentication => "Authentication (tokens)",
            Category::Permission => "Permissions and access",
            Category::Throttling => "Rate limits and throttling",
            Category::Integrity => "Integrity and policy enforcement",
            Category::Template => "Message templates",
            Category::Registration => "Phone number registration",
            Category::Request => "Request and parameters",
            Category::Delivery => "Message delivery",
            Category::Flows => "WhatsApp Flows",
            Category::Payment => "Payments and billing",
            Category::MarketingMessages => "Marketing Messages API",
            Category::Server => "Server and availability",
            Category::Other => "Other",
        }
    }
}

named_enum! {
    /// Who can make the error go away.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[cfg_attr(feature = "typescript", derive(tsify_next::Tsify), tsify(missing_as_null))]
    #[serde(rename_all = "snake_case")]
    pub enum FixableBy {
        /// A code or configuration change by the integrating developer.
        Developer = "developer",
        /// An action in Business Manager / WhatsApp Manager by the business (billing, policy appeal, verification).
        BusinessOwner = "business_owner",
        /// Only the recipient or end user can change it (update WhatsApp, accept terms, reply).
        EndUser = "end_user",
        /// Nobody: wait and retry.
        Nobody = "nobody",
    }
}

impl FixableBy {
    pub fn label(self) -> &'static str {
        match self {
            FixableBy::Developer => "developer",
            FixableBy::BusinessOwner => "business owner",
            FixableBy::EndUser => "end user",
            FixableBy::Nobody => "nobody (retry)",
        }
    }
}

named_enum! {
    /// Whether and how to retry the failed request.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[cfg_attr(feature = "typescript", derive(tsify_next::Tsify), tsify(missing_as_null))]
    #[serde(rename_all = "snake_case")]
    pub enum Retry {
        /// Retrying the same request will fail the same way.
        Never = "never",
        /// Retry once the fix steps are done.
        AfterFix = "after_fix",
        /// Retry with exponential back-off.
        Backoff = "backoff",
        /// Retry after the wait the error states (or a few minutes).
        Later = "later",
    }
}

impl Retry {
    pub fn advice(self) -> &'static str {
        match self {
            Retry::Never => "Do not retry the same request; it will fail the same way.",
            Retry::AfterFix => "Retry only after the fix steps are done.",
            Retry::Backoff => "Retry with exponential back-off.",
            Retry::Later => "Wait for the period the error names (or a few minutes), then retry.",
        }
    }
}

/// One catalog entry.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct ErrorEntry {
    pub code: u32,
    /// Set when the entry covers a whole range `code..=last_code` (e.g. 200-299).
    pub last_code: Option<u32>,
    /// Set when the entry explains one subcode of `code`.
    pub subcode: Option<u32>,
    pub title: &'static str,
    /// HTTP status as documented by Meta (often not what is observed; see the explanation).
    pub http_status: Option<u16>,
    pub category: Category,
    pub fixable_by: FixableBy,
    pub retry: Retry,
    pub explanation: &'static str,
    pub fix: &'static [&'static str],
    pub sources: &'static [&'static str],
}

impl ErrorEntry {
    /// `190`, `190/463`, `200-299`: how the entry is written in the guide and CLI.
    pub fn label(&self) -> String {
        match (self.last_code, self.subcode) {
            (Some(last), _) => format!("{}-{}", self.code, last),
            (None, Some(sub)) => format!("{}/{}", self.code, sub),
            (None, None) => self.code.to_string(),
        }
    }

    /// Anchor used by the guide's error reference, e.g. `error-190-463`.
    pub fn anchor(&self) -> String {
        format!("error-{}", self.label().replace('/', "-"))
    }

    fn covers(&self, code: u32) -> bool {
        match self.last_code {
            Some(last) => (self.code..=last).contains(&code),
            None => self.code == code,
        }
    }
}

/// The result of looking a code up.
#[derive(Debug, Clone, Copy)]
pub enum ErrorLookup {
    /// The catalog has this code (and subcode, when `subcode_matched`).
    Known {
        entry: &'static ErrorEntry,
        subcode_matched: bool,
    },
    /// Not in the catalog; the family gives at least a category.
    Unknown { family: Family },
}

/// A range of codes sharing a meaning, used for codes the catalog lacks.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct Family {
    pub name: &'static str,
    pub category: Category,
    pub source: &'static str,
}

pub(crate) const FAMILIES: &[(u32, u32, Family)] = {
    use super::sources::{GRAPH_ERRORS, RATE_LIMITS, WA_ERRORS};
    const fn f(name: &'static str, category: Category, source: &'static str) -> Family {
        Family {
            name,
            category,
            source,
        }
    }
    &[
        (
            0,
            99,
            f("Graph API general errors", Category::Other, GRAPH_ERRORS),
        ),
        (
            100,
            189,
            f("Graph API request errors", Category::Request, GRAPH_ERRORS),
        ),
        (
            190,
            199,
            f(
                "Graph API access token errors",
                Category::Authentication,
                GRAPH_ERRORS,
            ),
        ),
        (
            200,
            299,
            f(
                "Graph API permission errors",
                Category::Permission,
                GRAPH_ERRORS,
            ),
        ),
        (
            300,
            999,
            f("Graph API errors", Category::Other, GRAPH_ERRORS),
        ),
        (
            80000,
            80099,
            f(
                "Business use case rate limits",
                Category::Throttling,
                RATE_LIMITS,
            ),
        ),
        (
            130000,
            130999,
            f("WhatsApp Cloud API errors", Category::Other, WA_ERRORS),
        ),
        (
            131000,
            131999,
            f(
                "WhatsApp Cloud API message errors",
                Category::Delivery,
                WA_ERRORS,
            ),
        ),
        (
            132000,
            132999,
            f("WhatsApp template errors", Category::Template, WA_ERRORS),
        ),
        (
            133000,
            133999,
            f(
                "WhatsApp registration errors",
                Category::Registration,
                WA_ERRORS,
            ),
        ),
        (
            134000,
            134999,
            f(
                "WhatsApp payment and Marketing Messages errors",
                Category::Payment,
                WA_ERRORS,
            ),
        ),
        (
            135000,
            137999,
            f("WhatsApp Cloud API errors", Category::Other, WA_ERRORS),
        ),
        (
            138000,
            138999,
            f("WhatsApp Calling errors", Category::Other, WA_ERRORS),
        ),
        (
            139000,
            139099,
            f("WhatsApp Flows errors", Category::Flows, WA_ERRORS),
        ),
        (
            139100,
            139199,
            f("WhatsApp block users errors", Category::Request, WA_ERRORS),
        ),
        (
            147000,
            147999,
            f("WhatsApp usernames errors", Category::Request, WA_ERRORS),
        ),
        (
            2388000,
            2388999,
            f(
                "WhatsApp template creation errors",
                Category::Template,
                WA_ERRORS,
            ),
        ),
        (
            2494000,
            2494999,
            f(
                "WhatsApp account and signup errors",
                Category::Other,
                WA_ERRORS,
            ),
        ),
    ]
};

const FALLBACK_FAMILY: Family = Family {
    name: "Unrecognised code",
    category: Category::Other,
    source: super::sources::GRAPH_ERRORS,
};

/// The family a code belongs to, for codes without a catalog entry.
pub fn family_of(code: u32) -> Family {
    FAMILIES
        .iter()
        .find(|(first, last, _)| (*first..=*last).contains(&code))
        .map(|(_, _, family)| *family)
        .unwrap_or(FALLBACK_FAMILY)
}

/// Finds the best catalog entry for a code and optional subcode.
///
/// A subcode-only number typed as a code (`2388019`, which arrives as
/// `code: 100, error_subcode: 2388019`) is found too.
pub fn lookup_error(code: u32, subcode: Option<u32>) -> ErrorLookup {
    if let Some(sub) = subcode {
        if let Some(entry) = CATALOG
            .iter()
            .find(|e| e.code == code && e.subcode == Some(sub))
        {
            return ErrorLookup::Known {
                entry,
                subcode_matched: true,
            };
        }
    }
    let exact = CATALOG
        .iter()
        .find(|e| e.code == code && e.subcode.is_none() && e.last_code.is_none());
    let as_subcode = || CATALOG.iter().find(|e| e.subcode == Some(code));
    let in_range = || {
        CATALOG
            .iter()
            .find(|e| e.subcode.is_none() && e.covers(code))
    };
    match exact.or_else(as_subcode).or_else(in_range) {
        Some(entry) => ErrorLookup::Known {
            entry,
            subcode_matched: false,
        },
        None => ErrorLookup::Unknown {
            family: family_of(code),
        },
    }
}

/// Why a typed code could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeParseError {
    NoNumber,
    TooManyNumbers,
    NotANumber,
    TooLarge(String),
}

impl std::fmt::Display for CodeParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodeParseError::NoNumber | CodeParseError::NotANumber => {
                write!(
                    f,
                    "Type a numeric code such as 190, or a code and subcode such as 190/463."
                )
            }
            CodeParseError::TooManyNumbers => write!(
                f,
                "Type at most two numbers: the code and the subcode, e.g. 190/463."
            ),
            CodeParseError::TooLarge(n) => write!(f, "{n} is too large to be an error code."),
        }
    }
}

impl std::error::Error for CodeParseError {}

/// Reads a typed code: `190`, `190/463`, `190:463`, `#190`, `(#100)`,
/// `code 190, subcode 463`.
pub fn parse_code(text: &str) -> Result<(u32, Option<u32>), CodeParseError> {
    let words_allowed = |w: &str| {
        ["code", "subcode", "error", "error_subcode", "sub"]
            .contains(&w.to_ascii_lowercase().as_str())
    };
    let junk = text
        .split(|c: char| !c.is_alphabetic() && c != '_')
        .any(|w| !w.is_empty() && !words_allowed(w));
    if junk {
        return Err(CodeParseError::NotANumber);
    }
    let numbers: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    let number = |s: &str| {
        s.parse::<u32>()
            .map_err(|_| CodeParseError::TooLarge(s.to_string()))
    };
    match numbers.as_slice() {
        [] => Err(CodeParseError::NoNumber),
        [code] => Ok((number(code)?, None)),
        [code, sub] => Ok((number(code)?, Some(number(sub)?))),
        _ => Err(CodeParseError::TooManyNumbers),
    }
}

/// Entries of one category, in catalog order (for the guide and the browser).
pub fn by_category(category: Category) -> impl Iterator<Item = &'static ErrorEntry> {
    CATALOG.iter().filter(move |e| e.category == category)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_codes() {
        assert_eq!(parse_code("190/463"), Ok((190, Some(463))));
        assert_eq!(parse_code("(#100)"), Ok((100, None)));
        assert_eq!(parse_code("code 190, subcode 463"), Ok((190, Some(463))));
        assert_eq!(parse_code("abc"), Err(CodeParseError::NotANumber));
        assert_eq!(parse_code("1/2/3"), Err(CodeParseError::TooManyNumbers));
        assert!(matches!(
            parse_code("99999999999"),
            Err(CodeParseError::TooLarge(_))
        ));
    }

    #[test]
    fn subcode_refines_code() {
        let ErrorLookup::Known {
            entry,
            subcode_matched,
        } = lookup_error(190, Some(463))
        else {
            panic!("190/463 must be known");
        };
        assert!(subcode_matched);
        assert_eq!(entry.subcode, Some(463));
    }

    #[test]
    fn unknown_subcode_falls_back_to_code() {
        let ErrorLookup::Known {
            entry,
            subcode_matched,
        } = lookup_error(190, Some(1))
        else {
            panic!("190 must be known");
        };
        assert!(!subcode_matched);
        assert_eq!(entry.code, 190);
        assert_eq!(entry.subcode, None);
    }

    #[test]
    fn range_entry_covers_permission_family() {
        let ErrorLookup::Known { entry, .. } = lookup_error(251, None) else {
            panic!("251 is in 200-299");
        };
        assert_eq!(entry.category, Category::Permission);
    }

    #[test]
    fn unknown_code_keeps_its_family() {
        let ErrorLookup::Unknown { family } = lookup_error(131999, None) else {
            panic!("131999 is not a documented code");
        };
        assert_eq!(family.category, Category::Delivery);
    }

    #[test]
    fn template_subcode_found_when_typed_as_code() {
        let ErrorLookup::Known { entry, .. } = lookup_error(2388019, None) else {
            panic!("2388019 is a documented subcode of 100");
        };
        assert_eq!(entry.code, 100);
    }

    #[test]
    fn every_entry_has_sources_fix_and_explanation() {
        for entry in CATALOG {
            assert!(!entry.sources.is_empty(), "{} has no source", entry.label());
            assert!(
                entry.sources.iter().all(|s| s.starts_with("https://")),
                "{}",
                entry.label()
            );
            assert!(!entry.fix.is_empty(), "{} has no fix steps", entry.label());
            assert!(
                entry.explanation.len() > 20,
                "{} explanation too short",
                entry.label()
            );
        }
    }

    #[test]
    fn no_duplicate_entries() {
        let mut labels: Vec<String> = CATALOG.iter().map(|e| e.label()).collect();
        labels.sort();
        let before = labels.len();
        labels.dedup();
        assert_eq!(before, labels.len(), "duplicate catalog labels");
    }
}
