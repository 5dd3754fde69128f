//! Source URLs shared by many knowledge-base entries, so that each one is
//! spelled once, each with the month it was last checked against the live
//! page. The `sources!` table makes a source without a check month a compile
//! error; `freshness` tests that every URL an entry cites is in the table.
//!
//! Months: `2026-12` means compared with Meta's page (or a dated copy of it)
//! in December 2026; `2026-09` means taken from the reference material
//! gathered in September 2026 and not compared since.

use super::dates::Month;
use serde::Serialize;

/// A page the knowledge base cites, and when it was last checked.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Source {
    /// The constant's name, e.g. `WA_ERRORS`.
    pub name: &'static str,
    pub url: &'static str,
    pub checked: Month,
}

macro_rules! sources {
    ($($(#[doc = $doc:literal])* $name:ident = $url:literal, checked $checked:literal;)*) => {
        $($(#[doc = $doc])* pub const $name: &str = $url;)*
        /// Every source above with the month it was last checked.
        pub static SOURCES: &[Source] = &[$(Source {
            name: stringify!($name),
            url: $name,
            checked: Month::from_literal($checked),
        },)*];
    };
}

/// The table entry of a cited URL.
pub fn source(url: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.url == url)
}

/// When a cited URL was last checked, if it is in the table.
pub fn checked(url: &str) -> Option<Month> {
    source(url).map(|s| s.checked)
}

/// The month of the most recent check: the guide's "facts as of" date.
pub fn facts_as_of() -> Month {
    SOURCES
        .iter()
        .map(|s| s.checked)
        .max()
        .unwrap_or(Month::new(2026, 1))
}

sources! {
    /// Graph API error handling guide (codes, subcodes, payload fields).
    GRAPH_ERRORS = "https://developers.facebook.com/docs/graph-api/guides/error-handling", checked "2026-12";
    /// WhatsApp Business Platform error code reference.
    WA_ERRORS = "https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes", checked "2026-12";
    /// WhatsApp webhook `errors` object reference.
    WA_WEBHOOK_ERRORS = "https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/errors", checked "2026-12";
    /// Graph API rate limiting overview.
    RATE_LIMITS = "https://developers.facebook.com/docs/graph-api/overview/rate-limiting/", checked "2026-09";
    /// `debug_token` endpoint reference.
    DEBUG_TOKEN = "https://developers.facebook.com/docs/graph-api/reference/debug_token", checked "2026-09";
    /// Access token debugging guide.
    DEBUG_TOKEN_GUIDE = "https://developers.facebook.com/docs/facebook-login/guides/access-tokens/debugging", checked "2026-09";
    /// WhatsApp access tokens guide (System User, BISU, user tokens).
    WA_TOKENS = "https://developers.facebook.com/documentation/business-messaging/whatsapp/access-tokens/", checked "2026-09";
    /// WhatsApp permissions reference.
    WA_PERMISSIONS = "https://developers.facebook.com/documentation/business-messaging/whatsapp/permissions/", checked "2026-12";
    /// About the WhatsApp Business Platform (limits, pair rate limit).
    WA_ABOUT = "https://developers.facebook.com/documentation/business-messaging/whatsapp/about-the-platform", checked "2026-09";
    /// Cloud API throughput.
    WA_THROUGHPUT = "https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput", checked "2026-09";
    /// Managing client accounts as a solution provider (granular_scopes, target_ids).
    WA_SOLUTION_PROVIDERS = "https://developers.facebook.com/documentation/business-messaging/whatsapp/solution-providers/manage-accounts", checked "2026-09";
    /// Installing apps on system users and generating their tokens.
    SYSTEM_USERS = "https://developers.facebook.com/docs/business-management-apis/system-users/install-apps-and-generate-tokens", checked "2026-12";
    /// Facebook Login for Business.
    LOGIN_FOR_BUSINESS = "https://developers.facebook.com/docs/facebook-login/facebook-login-for-business/", checked "2026-12";
    /// Long-lived user tokens.
    LONG_LIVED_TOKENS = "https://developers.facebook.com/documentation/facebook-login/guides/access-tokens/get-long-lived", checked "2026-12";
    /// `/{user-id}/permissions` reference.
    USER_PERMISSIONS = "https://developers.facebook.com/docs/graph-api/reference/user/permissions", checked "2026-09";
    /// Using the WhatsApp Business Management API (token invalidation, roles).
    WA_MANAGEMENT_API = "https://developers.facebook.com/docs/whatsapp/business-management-api/using-the-api/", checked "2026-09";
    /// Meta's OpenAPI description of the WhatsApp Business Platform.
    WA_OPENAPI = "https://github.com/facebook/openapi", checked "2026-09";
    /// Phone number registration reference.
    WA_REGISTRATION = "https://developers.facebook.com/docs/whatsapp/cloud-api/reference/registration", checked "2026-09";
    /// App Review overview.
    APP_REVIEW = "https://developers.facebook.com/docs/app-review", checked "2026-09";
    /// Access Token Debugger tool.
    TOKEN_DEBUGGER_TOOL = "https://developers.facebook.com/tools/debug/accesstoken", checked "2026-09";
    /// Old Facebook docs copy listing the legacy 190 subcodes 456-468.
    LEGACY_SUBCODES = "https://gist.github.com/MauricioKruijer/7663113", checked "2026-09";
    /// WhatsApp Business Messaging Policy.
    WA_BUSINESS_POLICY = "https://www.whatsapp.com/legal/business-policy", checked "2026-09";
    /// pywa's error classes, a third-party source for codes Meta lists only by family.
    PYWA_ERRORS = "https://github.com/david-lev/pywa/blob/main/pywa/errors.py", checked "2026-09";
    /// Graph API reference for the WABA `phone_numbers` edge.
    WA_PHONE_NUMBERS_REF = "https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/phone_numbers/", checked "2026-09";
    /// WhatsApp business profiles guide.
    WA_BUSINESS_PROFILES = "https://developers.facebook.com/documentation/business-messaging/whatsapp/business-profiles/", checked "2026-09";
    /// Getting started with the Groups API (prerequisites, permission).
    WA_GROUPS = "https://developers.facebook.com/documentation/business-messaging/whatsapp/groups/get-started/", checked "2026-09";
    /// Older Business Management API get-started page (lists `business_management`).
    WA_MANAGEMENT_GET_STARTED = "https://developers.facebook.com/docs/whatsapp/business-management-api/get-started", checked "2026-12";
    /// Real captured Graph API responses (debug_token and error bodies), used as evidence for 190 subcodes.
    BKRS_FIXTURES = "https://github.com/bk-rs/facebook-apis-rs", checked "2026-09";
    /// Graph API reference for the WhatsApp Business Account node (lists 80008 among its errors).
    GRAPH_WABA_REFERENCE = "https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/", checked "2026-09";
    /// Graph API reference for a WABA's `message_templates` edge.
    GRAPH_MESSAGE_TEMPLATES = "https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/message_templates/", checked "2026-09";
    /// Graph API reference for the WhatsApp template (HSM) node.
    GRAPH_HSM_REFERENCE = "https://developers.facebook.com/docs/graph-api/reference/whats-app-business-hsm/", checked "2026-09";
    /// WhatsApp Flows error codes (139000-139004).
    WA_FLOWS_ERRORS = "https://developers.facebook.com/docs/whatsapp/flows/reference/error-codes", checked "2026-09";
    /// WhatsApp policy enforcement (restrictions, appeals).
    WA_POLICY_ENFORCEMENT = "https://developers.facebook.com/documentation/business-messaging/whatsapp/policy-enforcement", checked "2026-09";
    /// Health Status API (why a number, WABA or app cannot send).
    WA_HEALTH_STATUS = "https://developers.facebook.com/documentation/business-messaging/whatsapp/support/health-status", checked "2026-09";
    /// WhatsApp Business Platform status page.
    WA_STATUS_PAGE = "https://metastatus.com/whatsapp-business-api", checked "2026-09";
    /// Message templates overview (limits, parameter formats).
    WA_TEMPLATES = "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview", checked "2026-09";
    /// Template quality (pausing, disabling).
    WA_TEMPLATE_QUALITY = "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-quality", checked "2026-09";
    /// Template review (policy rejections).
    WA_TEMPLATE_REVIEW = "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-review", checked "2026-09";
    /// Per-user marketing template message limits (131049).
    WA_PER_USER_MARKETING_LIMITS = "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/per-user-limits", checked "2026-09";
    /// Sending with the Marketing Messages API.
    WA_MARKETING_MESSAGES = "https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages", checked "2026-09";
    /// Marketing Messages API onboarding and eligibility.
    WA_MM_ONBOARDING = "https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/onboarding", checked "2026-09";
    /// Marketing message experiments (130472).
    WA_EXPERIMENTS = "https://developers.facebook.com/documentation/business-messaging/whatsapp/support/experiments", checked "2026-09";
    /// Block Users API.
    WA_BLOCK_USERS = "https://developers.facebook.com/documentation/business-messaging/whatsapp/block-users/", checked "2026-09";
    /// `user_preferences` webhook (marketing opt-out and opt-in).
    WA_USER_PREFERENCES_WEBHOOK = "https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/user_preferences", checked "2026-09";
    /// Supported media types and sizes.
    WA_MEDIA = "https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media", checked "2026-09";
    /// Sending messages (supported message types).
    WA_SEND_MESSAGES = "https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/send-messages", checked "2026-09";
    /// Display names of business phone numbers.
    WA_DISPLAY_NAMES = "https://developers.facebook.com/documentation/business-messaging/whatsapp/display-names", checked "2026-12";
    /// Business phone numbers (adding numbers, two-step verification).
    WA_PHONE_NUMBERS = "https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/phone-numbers", checked "2026-12";
    /// Registering and verifying phone numbers as a solution provider.
    WA_REGISTERING_NUMBERS = "https://developers.facebook.com/documentation/business-messaging/whatsapp/solution-providers/registering-phone-numbers", checked "2026-12";
    /// Migrating phone numbers between WABAs / solution partners.
    WA_PHONE_MIGRATION = "https://developers.facebook.com/documentation/business-messaging/whatsapp/solution-providers/support/migrating-phone-numbers-among-solution-partners-programmatically", checked "2026-09";
    /// Onboarding WhatsApp Business app users (coexistence, contact and history sync).
    WA_BUSINESS_APP_ONBOARDING = "https://developers.facebook.com/documentation/business-messaging/whatsapp/embedded-signup/onboarding-business-app-users", checked "2026-09";
    /// WhatsApp analytics (template insights).
    WA_ANALYTICS = "https://developers.facebook.com/documentation/business-messaging/whatsapp/analytics", checked "2026-09";
    /// Webhooks overview (subscribing an app to a WABA).
    WA_WEBHOOKS_OVERVIEW = "https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/overview", checked "2026-09";
    /// Help Center: billing for a WhatsApp Business account.
    WA_BILLING_HELP = "https://www.facebook.com/business/help/2225184664363779", checked "2026-09";
    /// Issue: the temporary API Setup token expires, giving 190/463.
    ISSUE_TEMP_TOKEN_EXPIRY = "https://github.com/shridarpatil/frappe_whatsapp/issues/148", checked "2026-09";
    /// Issue: phone number used instead of phone_number_id, giving 100/33.
    ISSUE_WRONG_ID_TYPE = "https://github.com/netflie/whatsapp-cloud-api/issues/160", checked "2026-09";
    /// Issue: Business ID used instead of WABA ID ("nonexisting field ... on node type (Business)").
    ISSUE_WRONG_NODE_TYPE = "https://github.com/PipedreamHQ/pipedream/issues/9004", checked "2026-09";
    /// Issue: 131030 on a test number (allowed recipient list).
    ISSUE_ALLOWED_LIST = "https://github.com/Neurotech-HQ/heyoo/issues/94", checked "2026-09";
    /// Issue: 131030 while the app is in development mode.
    ISSUE_ALLOWED_LIST_DEV_MODE = "https://github.com/chatwoot/chatwoot/issues/8169", checked "2026-09";
    /// Issue: 131030 arriving with subcode 2655007.
    ISSUE_ALLOWED_LIST_SUBCODE = "https://github.com/Neurotech-HQ/heyoo/issues/40", checked "2026-09";
    /// Issue: business-to-business numbers fail with 131026 / 131049.
    ISSUE_B2B_UNDELIVERABLE = "https://github.com/chatwoot/chatwoot/issues/12660", checked "2026-09";
    /// Issue: 132001 caused by the template language code.
    ISSUE_TEMPLATE_LANGUAGE = "https://github.com/tawn33y/whatsapp-cloud-api/issues/57", checked "2026-09";
    /// Issue: 131047 and the 24-hour customer service window.
    ISSUE_24H_WINDOW = "https://github.com/chatwoot/chatwoot/issues/10143", checked "2026-09";
    /// Issue: registration, two-step PIN and unregistered second number (133005, 133010).
    ISSUE_REGISTRATION = "https://github.com/ignacio-chiazzo/ruby_whatsapp_sdk/issues/106", checked "2026-09";    /// Access Verification: Tech Provider status, the permissions it gates, the code 100 it causes.
    ACCESS_VERIFICATION = "https://developers.facebook.com/docs/development/release/access-verification", checked "2026-12";
    /// Tech Providers: the permissions other businesses cannot grant until Access Verification passes.
    TECH_PROVIDERS = "https://developers.facebook.com/docs/development/release/tech-providers", checked "2026-12";
    /// WhatsApp App Review for partners (permission descriptions, average turnaround).
    WA_APP_REVIEW = "https://developers.facebook.com/documentation/business-messaging/whatsapp/solution-providers/app-review", checked "2026-12";
    /// Two-step verification PIN (asks partners for both WhatsApp permissions).
    WA_TWO_STEP = "https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/two-step-verification/", checked "2026-12";
    /// Business `client_whatsapp_business_accounts` edge reference.
    CLIENT_WABAS = "https://developers.facebook.com/docs/marketing-api/reference/business/client_whatsapp_business_accounts/", checked "2026-12";
    /// Embedded Signup overview (billing per partner type, business tokens).
    WA_ES_OVERVIEW = "https://developers.facebook.com/documentation/business-messaging/whatsapp/embedded-signup/overview", checked "2026-12";
    /// Embedded Signup implementation (the exchangeable code and its 30-second life).
    WA_ES_IMPLEMENTATION = "https://developers.facebook.com/documentation/business-messaging/whatsapp/embedded-signup/implementation", checked "2026-12";
    /// Embedded Signup versions and their end dates.
    WA_ES_VERSIONS = "https://developers.facebook.com/documentation/business-messaging/whatsapp/embedded-signup/versions", checked "2026-12";
    /// Embedded Signup App-Only Install.
    WA_APP_ONLY_INSTALL = "https://developers.facebook.com/documentation/business-messaging/whatsapp/embedded-signup/app-only-install/", checked "2026-12";
    /// End of the On-Behalf-Of account ownership model.
    WA_OBO_DEPRECATION = "https://developers.facebook.com/documentation/business-messaging/whatsapp/solution-providers/obo-model-deprecation/", checked "2026-12";
    /// WhatsApp partners: Solution Partners, Tech Providers, Tech Partners.
    WA_PARTNERS = "https://developers.facebook.com/documentation/business-messaging/whatsapp/solution-providers/overview", checked "2026-12";
    /// Subscribing an app to each client WABA's webhooks.
    WA_MANAGE_WEBHOOKS = "https://developers.facebook.com/documentation/business-messaging/whatsapp/solution-providers/manage-webhooks", checked "2026-12";
    /// The 2026 account model: WhatsApp accounts and per-partner Messaging accounts, phases.
    WA_ACCOUNT_MODEL = "https://developers.facebook.com/documentation/business-messaging/whatsapp/account-model-evolution/", checked "2026-12";
    /// `messaging_account_id` and the `paid_messaging_account_id` alias.
    WA_ACCOUNT_MODEL_MESSAGING = "https://developers.facebook.com/documentation/business-messaging/whatsapp/account-model-evolution/messaging/", checked "2026-12";
    /// Onboarding under the new account model (Embedded Signup v5 fields).
    WA_ACCOUNT_MODEL_ONBOARDING = "https://developers.facebook.com/documentation/business-messaging/whatsapp/account-model-evolution/onboarding", checked "2026-12";
    /// Annual Data Use Checkup.
    DATA_USE_CHECKUP = "https://developers.facebook.com/documentation/resp-plat-initiatives/individual-processes/data-use-checkup", checked "2026-12";
    /// Graph API changelog (latest version, versions available and until when).
    GRAPH_CHANGELOG = "https://developers.facebook.com/documentation/development/graph-api/changelog", checked "2026-12";
    /// Graph API version list with release and expiry dates.
    GRAPH_VERSIONS = "https://developers.facebook.com/docs/graph-api/changelog/versions/", checked "2026-12";
    /// WABA `subscribed_apps` reference (its examples use the newest version).
    GRAPH_SUBSCRIBED_APPS = "https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/subscribed_apps/", checked "2026-12";
    /// Messenger Platform error codes (100/2018001 "No matching user found").
    MESSENGER_ERRORS = "https://developers.facebook.com/documentation/business-messaging/messenger-platform/error-codes", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    GRAPH_APP_REFERENCE = "https://developers.facebook.com/docs/graph-api/reference/application/", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    WA_STATUS_WEBHOOK = "https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    WA_MARKETING_TEMPLATES = "https://developers.facebook.com/docs/whatsapp/marketing-templates", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    RESTFB_CODE_1 = "https://github.com/restfb/restfb/blob/ca24c19d42faee41d462ed7192fa22a4bc2c1ec0/src/test/resources/json/oauthExampleError.json", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    RESTFB_WA_STATUS = "https://github.com/restfb/restfb/blob/ca24c19d42faee41d462ed7192fa22a4bc2c1ec0/src/test/resources/json/whatsapp/webhook-incoming-message-status-errors.json", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    PYWA_WEBHOOK = "https://github.com/david-lev/pywa/blob/0bcf2f192ff3cf8ae24a425d85f4295e3cca7a62/tests/data/updates/message.json", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_CODE_2 = "https://github.com/Trustroots/trustroots/issues/673", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_CODE_2_SERVICE = "https://github.com/restfb/restfb/issues/650", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_CODE_3 = "https://github.com/facebook/facebook-php-business-sdk/issues/266", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_CODE_10 = "https://github.com/minimaxir/facebook-ad-library-scraper/issues/6", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_CODE_32 = "https://github.com/facebookarchive/php-graph-sdk/issues/634", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_CODE_104 = "https://github.com/spring-guides/gs-consuming-rest/issues/10", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_CODE_200 = "https://github.com/facebookarchive/php-graph-sdk/issues/302", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_CODE_341 = "https://github.com/ShareKit/ShareKit/issues/284", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_CODE_506 = "https://github.com/facebook-csharp-sdk/facebook-csharp-sdk/issues/119", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_OBJECT_MISSING = "https://github.com/tawn33y/whatsapp-cloud-api/issues/7", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_PARAM_REQUIRED = "https://github.com/kadnan/Facebook-Chat-Bot/issues/5", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_PARAM_ID_STRING = "https://github.com/home-assistant/core/issues/26132", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_191_MISSING_REDIRECT = "https://github.com/facebookarchive/php-graph-sdk/issues/274", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_191_CANT_LOAD_URL = "https://github.com/vanilla/vanilla/issues/6726", checked "2026-12";
    /// Error 2500 for /me with an app token, and why (the maintainer's answer).
    ISSUE_2500_APP_TOKEN = "https://github.com/node-facebook/facebook-node-sdk/issues/149", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_2500_MESSAGE = "https://github.com/fbsamples/messenger-platform-samples/issues/125", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_190_458 = "https://github.com/simi/omniauth-facebook/issues/360", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_190_464 = "https://github.com/Coursemology/coursemology.org/issues/380", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_190_467 = "https://github.com/pdir/social-feed-bundle/issues/48", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_190_492 = "https://github.com/snarfed/bridgy/issues/596", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_190_MALFORMED = "https://github.com/facebookarchive/react-native-fbsdk/issues/220", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_190_INVALID = "https://github.com/roundrop/facebook4j-oauth-example/issues/3", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_132000 = "https://github.com/chatwoot/chatwoot/issues/13142", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_132012 = "https://github.com/shridarpatil/frappe_whatsapp/issues/147", checked "2026-12";
    /// Where Meta's fixed message text for an error was seen.
    ISSUE_UNSUPPORTED_POST = "https://github.com/facebookarchive/php-graph-sdk/issues/216", checked "2026-12";
}
