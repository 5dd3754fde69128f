//! Intents: the things a user wants to do, each with the permissions it needs.
//! With no intent chosen, scopes are checked against [`DEFAULT_INTENTS`], a
//! production WhatsApp integration.

use super::permissions::*;
use super::sources::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
#[serde(rename_all = "snake_case")]
pub enum IntentId {
    SendMessages,
    ReceiveWebhooks,
    ManageTemplates,
    ManagePhoneNumbers,
    ReadAnalytics,
    OnboardClients,
    MarketingMessages,
    Catalogs,
    BusinessPortfolio,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Intent {
    pub id: IntentId,
    pub slug: &'static str,
    pub title: &'static str,
    pub permissions: &'static [&'static str],
    pub note: &'static str,
    pub sources: &'static [&'static str],
}

/// What a production integration is checked against when the user names no intent.
pub const DEFAULT_INTENTS: &[IntentId] = &[IntentId::SendMessages, IntentId::ManageTemplates];

pub static INTENTS: &[Intent] = &[
    Intent {
        id: IntentId::SendMessages,
        slug: "send_messages",
        title: "Send messages",
        permissions: &[MESSAGING],
        note: "Any message type, including templates and media.",
        sources: &[WA_PERMISSIONS],
    },
    Intent {
        id: IntentId::ReceiveWebhooks,
        slug: "receive_webhooks",
        title: "Receive message webhooks",
        permissions: &[MESSAGING, MANAGEMENT],
        note: "Incoming messages and statuses need messaging; subscribing the app to the account (subscribed_apps) needs management.",
        sources: &[WA_PERMISSIONS],
    },
    Intent {
        id: IntentId::ManageTemplates,
        slug: "manage_templates",
        title: "Manage message templates",
        permissions: &[MANAGEMENT],
        note: "Create, list, edit and delete templates.",
        sources: &[WA_PERMISSIONS],
    },
    Intent {
        id: IntentId::ManagePhoneNumbers,
        slug: "manage_phone_numbers",
        title: "Manage phone numbers",
        permissions: &[MANAGEMENT],
        note: "List, register, verify and configure business phone numbers.",
        sources: &[WA_PERMISSIONS],
    },
    Intent {
        id: IntentId::ReadAnalytics,
        slug: "read_analytics",
        title: "Read analytics",
        permissions: &[MANAGEMENT],
        note: "Conversation, pricing and template analytics.",
        sources: &[WA_PERMISSIONS],
    },
    Intent {
        id: IntentId::OnboardClients,
        slug: "onboard_clients",
        title: "Onboard client businesses (Embedded Signup)",
        permissions: &[MESSAGING, MANAGEMENT],
        note: "Clients grant both permissions during Embedded Signup; the app needs Advanced Access to both, and its business Access Verification.",
        sources: &[WA_PERMISSIONS, WA_SOLUTION_PROVIDERS, ACCESS_VERIFICATION],
    },
    Intent {
        id: IntentId::MarketingMessages,
        slug: "marketing_messages",
        title: "Marketing Messages API with conversion tracking",
        permissions: &[MESSAGING, MANAGE_EVENTS, ADS_READ],
        note: "Marketing templates and Conversions API events need manage_events; conversion metrics need ads_read.",
        sources: &[WA_PERMISSIONS],
    },
    Intent {
        id: IntentId::Catalogs,
        slug: "catalogs",
        title: "Manage product catalogs",
        permissions: &[CATALOG_MANAGEMENT],
        note: "Catalogs behind product and catalog messages.",
        sources: &[LOGIN_FOR_BUSINESS],
    },
    Intent {
        id: IntentId::BusinessPortfolio,
        slug: "business_portfolio",
        title: "Manage the business portfolio by API",
        permissions: &[BUSINESS_MANAGEMENT],
        note: "Listing owned WhatsApp Business Accounts, managing system users and assets.",
        sources: &[WA_PERMISSIONS, WA_TOKENS, CLIENT_WABAS],
    },
];

impl IntentId {
    pub fn intent(self) -> &'static Intent {
        INTENTS
            .iter()
            .find(|i| i.id == self)
            .expect("every IntentId has an entry")
    }

    /// The intent whose serialised name (its slug) is exactly `id`.
    pub fn from_id(id: &str) -> Option<IntentId> {
        INTENTS.iter().find(|i| i.slug == id).map(|i| i.id)
    }

    /// Parses `send_messages`, `send-messages` or `Send Messages`.
    pub fn parse(text: &str) -> Option<IntentId> {
        let slug: String = text
            .trim()
            .chars()
            .map(|c| {
                if c == '-' || c == ' ' {
                    '_'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        IntentId::from_id(&slug)
    }
}

/// The union of permissions the intents need, in a stable order.
pub fn permissions_for(intents: &[IntentId]) -> Vec<&'static str> {
    let mut needed: Vec<&'static str> = Vec::new();
    for id in intents {
        for perm in id.intent().permissions {
            if !needed.contains(perm) {
                needed.push(perm);
            }
        }
    }
    needed
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scope check builds the chosen intents by walking this table, and
    /// share links and state comparisons expect them sorted.
    #[test]
    fn the_table_is_in_intent_order() {
        let ids: Vec<IntentId> = INTENTS.iter().map(|i| i.id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
    }

    #[test]
    fn every_intent_has_an_entry_and_parses() {
        for intent in INTENTS {
            assert_eq!(IntentId::parse(intent.slug), Some(intent.id));
            // Share links write the serde name and read it back by slug.
            assert_eq!(serde_json::to_value(intent.id).unwrap(), intent.slug);
            assert_eq!(IntentId::from_id(intent.slug), Some(intent.id));
            assert_eq!(intent.id.intent().slug, intent.slug);
        }
        assert_eq!(
            IntentId::parse("Send-Messages"),
            Some(IntentId::SendMessages)
        );
        assert_eq!(IntentId::parse("fly"), None);
    }

    #[test]
    fn default_is_both_core_permissions() {
        assert_eq!(
            permissions_for(DEFAULT_INTENTS),
            vec![MESSAGING, MANAGEMENT]
        );
    }
}
