//! Permissions (OAuth scopes) a WhatsApp integration meets: what each one
//! enables, what it does not, and whether it needs App Review.

use super::sources::*;
use serde::Serialize;

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Permission {
    pub name: &'static str,
    /// One of the two permissions every production WhatsApp integration needs.
    pub core: bool,
    pub summary: &'static str,
    pub enables: &'static [&'static str],
    pub does_not_cover: &'static [&'static str],
    pub sources: &'static [&'static str],
}

pub const MESSAGING: &str = "whatsapp_business_messaging";
pub const MANAGEMENT: &str = "whatsapp_business_management";
pub const BUSINESS_MANAGEMENT: &str = "business_management";
pub const MANAGE_EVENTS: &str = "whatsapp_business_manage_events";
pub const CATALOG_MANAGEMENT: &str = "catalog_management";
pub const ADS_READ: &str = "ads_read";
pub const PUBLIC_PROFILE: &str = "public_profile";

/// The permissions a production WhatsApp integration needs.
pub const CORE: [&str; 2] = [MESSAGING, MANAGEMENT];

pub static PERMISSIONS: &[Permission] = &[
    Permission {
        name: MESSAGING,
        core: true,
        summary: "Send messages and receive message webhooks.",
        enables: &[
            "Sending every message type: text, media, templates, interactive",
            "Uploading, retrieving and deleting media",
            "Receiving incoming-message and message-status webhooks",
            "Registering phone numbers and the business profile, by Meta's App Review page (its permissions page gives them to management; ask for both)",
        ],
        does_not_cover: &[
            "Creating or managing message templates",
            "Listing a WABA's phone numbers",
            "Analytics of any kind",
        ],
        sources: &[WA_PERMISSIONS, WA_APP_REVIEW],
    },
    Permission {
        name: MANAGEMENT,
        core: true,
        summary: "Manage the WhatsApp Business Account: templates, phone numbers, settings, analytics.",
        enables: &[
            "Reading WhatsApp Business Account metadata",
            "Creating, listing and deleting message templates",
            "Listing business phone numbers, and registering them by Meta's permissions page",
            "All analytics (conversation, pricing, template)",
            "Webhooks about changes to the account",
            "Subscribing the app to the account's webhooks",
        ],
        does_not_cover: &["Sending or receiving messages"],
        sources: &[WA_PERMISSIONS],
    },
    Permission {
        name: BUSINESS_MANAGEMENT,
        core: false,
        summary: "Read and change the business portfolio itself through the API.",
        enables: &[
            "Listing the WhatsApp Business Accounts a business portfolio owns",
            "Managing business portfolio settings, system users and assets by API",
        ],
        does_not_cover: &[
            "Sending messages",
            "Managing templates or phone numbers",
            "Listing client accounts shared with a partner (client_whatsapp_business_accounts takes whatsapp_business_management)",
        ],
        sources: &[WA_PERMISSIONS, WA_TOKENS, CLIENT_WABAS],
    },
    Permission {
        name: MANAGE_EVENTS,
        core: false,
        summary: "Marketing Messages API marketing templates and Conversions API event tracking.",
        enables: &[
            "Sending marketing templates through the Marketing Messages API with conversion tracking",
            "Reporting Conversions API events for WhatsApp",
        ],
        does_not_cover: &["Ordinary Cloud API messaging", "Template management"],
        sources: &[WA_PERMISSIONS],
    },
    Permission {
        name: ADS_READ,
        core: false,
        summary: "Conversion metrics for the Marketing Messages API through the Insights API.",
        enables: &["Reading Insights API conversion metrics for marketing messages"],
        does_not_cover: &["Sending messages", "Managing the WhatsApp Business Account"],
        sources: &[WA_PERMISSIONS],
    },
    Permission {
        name: CATALOG_MANAGEMENT,
        core: false,
        summary: "Commerce catalogs used by product and catalog messages.",
        enables: &["Creating and managing product catalogs connected to the business"],
        does_not_cover: &["Sending the catalog messages themselves (that is messaging)"],
        sources: &[LOGIN_FOR_BUSINESS],
    },
    Permission {
        name: PUBLIC_PROFILE,
        core: false,
        summary: "Granted automatically to every user token; irrelevant to WhatsApp access.",
        enables: &["Reading the user's public profile fields"],
        does_not_cover: &["Anything on the WhatsApp Business Platform"],
        sources: &[LOGIN_FOR_BUSINESS],
    },
];

/// Scope families that show up on pasted tokens but belong to other products.
const OTHER_PRODUCT_PREFIXES: &[(&str, &str)] = &[
    ("pages_", "Facebook Pages"),
    ("instagram_", "Instagram"),
    ("ads_", "Marketing API (ads)"),
    ("leads_", "Lead Ads"),
    ("threads_", "Threads"),
    ("user_", "Facebook user data"),
    ("read_", "Facebook user data"),
    ("publish_", "Publishing to Facebook"),
];

/// Looks a permission up by its exact name.
pub fn permission(name: &str) -> Option<&'static Permission> {
    PERMISSIONS.iter().find(|p| p.name == name)
}

/// For scopes outside the table: the product family they belong to, if recognisable.
pub fn product_of(scope: &str) -> Option<&'static str> {
    OTHER_PRODUCT_PREFIXES
        .iter()
        .find(|(prefix, _)| scope.starts_with(prefix))
        .map(|(_, product)| *product)
}

/// Finds a known permission name inside free text such as
/// "(#200) Requires whatsapp_business_messaging permission".
pub fn named_in(text: &str) -> Option<&'static str> {
    // The longest name that matches, so that `whatsapp_business_management`
    // is not cut short; on a tie, the first in the table.
    PERMISSIONS
        .iter()
        .map(|p| p.name)
        .filter(|name| contains_word(text, name))
        .min_by_key(|name| std::cmp::Reverse(name.len()))
}

fn contains_word(text: &str, word: &str) -> bool {
    let is_word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    text.match_indices(word).any(|(at, _)| {
        let before = text.as_bytes()[..at].last().copied();
        let after = text.as_bytes().get(at + word.len()).copied();
        !before.is_some_and(is_word_byte) && !after.is_some_and(is_word_byte)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_permission_in_message() {
        assert_eq!(
            named_in("(#200) Requires whatsapp_business_messaging permission"),
            Some(MESSAGING)
        );
        assert_eq!(
            named_in("needs business_management"),
            Some(BUSINESS_MANAGEMENT)
        );
        assert_eq!(named_in("xwhatsapp_business_messagingx"), None);
    }

    #[test]
    fn other_products_are_recognised() {
        assert_eq!(product_of("pages_messaging"), Some("Facebook Pages"));
        assert_eq!(product_of("instagram_basic"), Some("Instagram"));
        assert_eq!(product_of("email"), None);
    }
}
