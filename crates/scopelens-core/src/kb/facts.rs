//! Platform facts that are not an error, an endpoint or a permission: how
//! tokens are kept alive, what access checks apply, how Embedded Signup and
//! the 2026 account model work. The guide, the diagnosis and the access
//! wizard read them from here; the texts that also serve as fix or wizard
//! steps are constants so they are written once.
//!
//! Where Meta's own pages disagree, the fact says what is safe to do, names
//! every page, and `disagreement` says how they differ.

use super::sources::*;
use crate::names::named_enum;
use serde::Serialize;

named_enum! {
    /// A group of facts. The name is the word the guide's `facts` directive
    /// takes; serde writes the snake_case form of the variant instead.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Topic {
        SystemUserTokens = "system-user-tokens",
        Tokens = "tokens",
        Access = "access",
        Webhooks = "webhooks",
        EmbeddedSignup = "embedded-signup",
        AccountModel = "account-model",
        Partners = "partners",
    }
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Fact {
    /// Stable slug, also the guide's anchor (`fact-<id>`).
    pub id: &'static str,
    pub topic: Topic,
    pub text: &'static str,
    pub sources: &'static [&'static str],
    /// Set when Meta's pages disagree: how they differ. Such a fact cites
    /// at least two pages.
    pub disagreement: Option<&'static str>,
}

impl Fact {
    /// The text, followed by the disagreement when there is one.
    pub fn worded(&self) -> String {
        match self.disagreement {
            None => self.text.to_string(),
            Some(note) => format!("{} Meta's own pages disagree here: {note}", self.text),
        }
    }
}

pub const SYSTEM_USER_EXPIRY: &str = "System user tokens are either non-expiring or valid for 60 days. Meta recommends the 60-day kind, asks every integration to move to it, and requires it of some businesses (asking them for a non-expiring token fails).";
pub const SYSTEM_USER_RENEWAL: &str = "Renew a 60-day system user token before it lapses: GET /oauth/access_token with grant_type=fb_exchange_token, fb_exchange_token=<current token>, client_id, client_secret and set_token_expires_in_60_days=true returns a new token valid for 60 more days. A lapsed token cannot be renewed, only replaced.";
pub const SYSTEM_USER_ROTATION: &str = "Rotate without downtime: renew, deploy the new token, then revoke the old one with GET /oauth/revoke (revoke_token=<old token>, client_id, client_secret, access_token=<new token>). Revocation is immediate; revoke a leaked token the same way.";
pub const DEBUG_TOKEN_CALLER: &str = "Call debug_token with an app token (APP_ID|APP_SECRET) of the app that issued the token: every Meta page accepts that caller. Keep it on the server.";
pub const ACCESS_VERIFICATION_CHECK: &str = "An app used by other businesses needs Access Verification (its business verified as a Tech Provider) for whatsapp_business_management, business_management or catalog_management, besides Business Verification and App Review. Until it passes, calls made for people without a role on the app fail with code 100 \"Unsupported get request. Object with ID … does not exist, cannot be loaded due to missing permissions, or does not support this operation\". A business admin completes it in the App Dashboard (Basics › Verifications); the decision takes about five days.";
pub const APP_REVIEW_TURNAROUND: &str =
    "Meta gives an average App Review turnaround of about 24 hours; each resubmission waits again.";
pub const ES_CODE_LIFETIME: &str = "The code Embedded Signup returns lives 30 seconds: send it to your server and exchange it for the business token at once.";
pub const CLIENT_PAYMENT_METHOD: &str = "Clients of a Tech Provider or Tech Partner attach their own payment method to their WhatsApp Business Account before they can message; a Solution Partner shares its credit line instead. With neither, sends fail with 131042.";
pub const KEEPING_ACCESS: &str = "Advanced Access has to be kept: apps with it go through Ongoing Review, and apps that are live with a use case or Advanced Access complete a Data Use Checkup every year.";
pub const WEBHOOK_SUBSCRIPTION: &str = "Several apps can be subscribed to one account's webhooks, and each is sent them only once it is subscribed itself (POST /<WABA_ID>/subscribed_apps, for every client account). GET /<WABA_ID>/subscribed_apps lists the subscribed apps: check that yours is there.";

/// Contested: which permission phone-number work needs. The scope check
/// words a missing permission with it.
pub const MESSAGING_PERMISSION_SCOPE: Fact = Fact {
    id: "messaging-permission-scope",
    topic: Topic::Access,
    text: "Every Meta page gives sending messages, media and message webhooks to whatsapp_business_messaging. For registering phone numbers and the business profile, ask for both WhatsApp permissions.",
    sources: &[WA_PERMISSIONS, WA_APP_REVIEW, WA_TWO_STEP],
    disagreement: Some("the permissions page puts phone numbers under whatsapp_business_management, the App Review page says whatsapp_business_messaging covers registering numbers and the business profile, and the two-step verification page asks partners for both."),
};

pub static FACTS: &[Fact] = &[
    Fact {
        id: "system-user-expiry",
        topic: Topic::SystemUserTokens,
        text: SYSTEM_USER_EXPIRY,
        sources: &[SYSTEM_USERS],
        disagreement: None,
    },
    Fact {
        id: "system-user-renewal",
        topic: Topic::SystemUserTokens,
        text: SYSTEM_USER_RENEWAL,
        sources: &[SYSTEM_USERS],
        disagreement: None,
    },
    Fact {
        id: "system-user-rotation",
        topic: Topic::SystemUserTokens,
        text: SYSTEM_USER_ROTATION,
        sources: &[SYSTEM_USERS],
        disagreement: None,
    },
    Fact {
        id: "debug-token-caller",
        topic: Topic::Tokens,
        text: DEBUG_TOKEN_CALLER,
        sources: &[DEBUG_TOKEN, WA_SOLUTION_PROVIDERS],
        disagreement: Some("the debug_token reference names an app token or a user token of one of the app's developers as the caller, while the partner guide calls debug_token with the partner's system user token."),
    },
    Fact {
        id: "business-token-type",
        topic: Topic::Tokens,
        text: "Meta does not document which type debug_token reports for a business token (a Business Integration System User token from Embedded Signup). scopelens judges such a token by its scopes and their target_ids, not by its type.",
        sources: &[DEBUG_TOKEN, WA_ES_OVERVIEW],
        disagreement: None,
    },
    Fact {
        id: "access-verification",
        topic: Topic::Access,
        text: ACCESS_VERIFICATION_CHECK,
        sources: &[ACCESS_VERIFICATION, TECH_PROVIDERS],
        disagreement: None,
    },
    Fact {
        id: "app-review-turnaround",
        topic: Topic::Access,
        text: APP_REVIEW_TURNAROUND,
        sources: &[WA_APP_REVIEW],
        disagreement: None,
    },
    MESSAGING_PERMISSION_SCOPE,
    Fact {
        id: "login-for-business-all-or-none",
        topic: Topic::Access,
        text: "Facebook Login for Business, and so Embedded Signup, grants every permission the configuration asks for or none of them.",
        sources: &[LOGIN_FOR_BUSINESS],
        disagreement: None,
    },
    Fact {
        id: "keeping-access",
        topic: Topic::Access,
        text: KEEPING_ACCESS,
        sources: &[LOGIN_FOR_BUSINESS, DATA_USE_CHECKUP],
        disagreement: None,
    },
    Fact {
        id: "webhooks-per-app",
        topic: Topic::Webhooks,
        text: WEBHOOK_SUBSCRIPTION,
        sources: &[WA_MANAGE_WEBHOOKS, GRAPH_SUBSCRIBED_APPS],
        disagreement: None,
    },
    Fact {
        id: "embedded-signup-code",
        topic: Topic::EmbeddedSignup,
        text: ES_CODE_LIFETIME,
        sources: &[WA_ES_IMPLEMENTATION],
        disagreement: None,
    },
    Fact {
        id: "embedded-signup-versions",
        topic: Topic::EmbeddedSignup,
        text: "Build on Embedded Signup v4, the version Meta's pages tell integrations to move to; v5 adds WhatsApp account IDs under the new account model. v2 was deprecated in October 2026.",
        sources: &[WA_ES_VERSIONS, WA_APP_ONLY_INSTALL, WA_ACCOUNT_MODEL_ONBOARDING],
        disagreement: Some("the Versions page gives 15 October 2026 as v2's end, the App-Only Install page 8 October 2026."),
    },
    Fact {
        id: "app-only-install",
        topic: Topic::EmbeddedSignup,
        text: "App-Only Install configures Embedded Signup so that only business tokens reach an onboarded customer's assets, which limits what one leaked token exposes. It cannot onboard WhatsApp Business app users.",
        sources: &[WA_APP_ONLY_INSTALL],
        disagreement: None,
    },
    Fact {
        id: "coexistence",
        topic: Topic::EmbeddedSignup,
        text: "A business already on the WhatsApp Business app onboards through the flow's whatsapp_business_app_onboarding feature (coexistence). Its contacts and history can be synced once each, within 24 hours of onboarding (errors 2593107 and 2593108 otherwise).",
        sources: &[WA_BUSINESS_APP_ONBOARDING, WA_ES_VERSIONS, WA_ERRORS],
        disagreement: None,
    },
    Fact {
        id: "on-behalf-of-ended",
        topic: Topic::EmbeddedSignup,
        text: "The On-Behalf-Of ownership model has ended: no OBO onboarding after 29 September 2025; OBO accounts were to be transferred to their clients by 1 October 2025, the rest migrated automatically by the end of 2025. Partners create accounts for clients with partner-initiated WABA creation instead.",
        sources: &[WA_OBO_DEPRECATION],
        disagreement: None,
    },
    Fact {
        id: "account-model",
        topic: Topic::AccountModel,
        text: "The WhatsApp Business Account is splitting in two: a WhatsApp account (one phone number, its profile and catalogs; owned by the business, shareable with several partners) and a Messaging account per partner (templates, billing, webhook subscriptions), which keeps the old WABA ID. Onboarding shares both with the partner, and existing IDs and calls keep working. Phase 1 (H2 2026) migrates accounts automatically; phase 2 (H1 2027) brings a Graph API version with WhatsApp account IDs, endpoints and permissions; from phase 3 (H1 2028) endpoints that take a phone number ID take the WhatsApp account ID instead.",
        sources: &[WA_ACCOUNT_MODEL, WA_ACCOUNT_MODEL_ONBOARDING],
        disagreement: None,
    },
    Fact {
        id: "messaging-account-id",
        topic: Topic::AccountModel,
        text: "An app holding several Messaging accounts on one number says which one a message is billed to with messaging_account_id: optional in phase 1, required by the newest Messages API version from phase 2 and by every version from phase 3. paid_messaging_account_id is its deprecated alias: move off it by 31 December 2026.",
        sources: &[WA_ACCOUNT_MODEL_MESSAGING],
        disagreement: None,
    },
    Fact {
        id: "embedded-signup-v5-fields",
        topic: Topic::AccountModel,
        text: "From phase 2, Embedded Signup's message events carry waac_id (the WhatsApp account ID) beside cs_id (the phone number ID) and waba_id (the Messaging account ID), and v5's session info lists WhatsApp account IDs in primary_waac_ids, which earlier versions do not return.",
        sources: &[WA_ACCOUNT_MODEL_ONBOARDING, WA_ACCOUNT_MODEL],
        disagreement: None,
    },
    Fact {
        id: "partner-types",
        topic: Topic::Partners,
        text: "Meta's WhatsApp partners are Solution Partners, Tech Providers and Tech Partners. Only Solution Partners extend a credit line to clients and invoice them for WhatsApp; they also have Direct Support.",
        sources: &[WA_PARTNERS],
        disagreement: None,
    },
    Fact {
        id: "client-payment-method",
        topic: Topic::Partners,
        text: CLIENT_PAYMENT_METHOD,
        sources: &[WA_ES_OVERVIEW, WA_ERRORS],
        disagreement: None,
    },
];

/// The fact with this id.
pub fn fact(id: &str) -> Option<&'static Fact> {
    FACTS.iter().find(|f| f.id == id)
}

/// The facts of a topic, in table order.
pub fn by_topic(topic: Topic) -> impl Iterator<Item = &'static Fact> {
    FACTS.iter().filter(move |f| f.topic == topic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_fact_has_a_unique_id_text_and_dated_sources() {
        let mut ids = HashSet::new();
        for f in FACTS {
            assert!(ids.insert(f.id), "fact {} listed twice", f.id);
            assert!(
                f.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                f.id
            );
            assert!(f.text.len() > 40, "{} is too short to say anything", f.id);
            assert!(!f.sources.is_empty(), "{} has no source", f.id);
            for s in f.sources {
                assert!(checked(s).is_some(), "{}: {s} has no check month", f.id);
            }
        }
    }

    #[test]
    fn contested_facts_name_two_pages_and_say_so() {
        let contested: Vec<&Fact> = FACTS.iter().filter(|f| f.disagreement.is_some()).collect();
        assert!(!contested.is_empty());
        for f in contested {
            let distinct: HashSet<_> = f.sources.iter().collect();
            assert!(
                distinct.len() >= 2,
                "{} is contested but cites one page",
                f.id
            );
            assert!(f.worded().contains("disagree"), "{}", f.id);
            assert!(f.worded().starts_with(f.text));
        }
        let settled = fact("access-verification").unwrap();
        assert_eq!(settled.worded(), settled.text);
    }

    #[test]
    fn every_topic_has_facts_and_reads_back() {
        for t in Topic::ALL {
            assert!(by_topic(t).next().is_some(), "{t:?}");
            assert_eq!(Topic::from_id(t.id()), Some(t));
        }
        assert_eq!(Topic::from_id("nope"), None);
    }
}
