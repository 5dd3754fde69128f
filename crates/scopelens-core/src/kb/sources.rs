//! Source URLs shared by many knowledge-base entries, so that each one is
//! spelled once.

/// Graph API error handling guide (codes, subcodes, payload fields).
pub const GRAPH_ERRORS: &str =
    "https://developers.facebook.com/docs/graph-api/guides/error-handling";
/// WhatsApp Business Platform error code reference.
pub const WA_ERRORS: &str =
    "https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes";
/// WhatsApp webhook `errors` object reference.
pub const WA_WEBHOOK_ERRORS: &str = "https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/errors";
/// Graph API rate limiting overview.
pub const RATE_LIMITS: &str =
    "https://developers.facebook.com/docs/graph-api/overview/rate-limiting/";
/// `debug_token` endpoint reference.
pub const DEBUG_TOKEN: &str =
    "https://developers.facebook.com/docs/graph-api/reference/debug_token";
/// Access token debugging guide.
pub const DEBUG_TOKEN_GUIDE: &str =
    "https://developers.facebook.com/docs/facebook-login/guides/access-tokens/debugging";
/// WhatsApp access tokens guide (System User, BISU, user tokens).
pub const WA_TOKENS: &str =
    "https://developers.facebook.com/documentation/business-messaging/whatsapp/access-tokens/";
/// WhatsApp permissions reference.
pub const WA_PERMISSIONS: &str =
    "https://developers.facebook.com/documentation/business-messaging/whatsapp/permissions/";
/// About the WhatsApp Business Platform (limits, pair rate limit).
pub const WA_ABOUT: &str =
    "https://developers.facebook.com/documentation/business-messaging/whatsapp/about-the-platform";
/// Cloud API throughput.
pub const WA_THROUGHPUT: &str =
    "https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput";
/// Managing client accounts as a solution provider (granular_scopes, target_ids).
pub const WA_SOLUTION_PROVIDERS: &str = "https://developers.facebook.com/documentation/business-messaging/whatsapp/solution-providers/manage-accounts";
/// Installing apps on system users and generating their tokens.
pub const SYSTEM_USERS: &str =
    "https://developers.facebook.com/docs/business-management-apis/system-users/install-apps-and-generate-tokens";
/// Facebook Login for Business.
pub const LOGIN_FOR_BUSINESS: &str =
    "https://developers.facebook.com/docs/facebook-login/facebook-login-for-business/";
/// Long-lived user tokens.
pub const LONG_LIVED_TOKENS: &str =
    "https://developers.facebook.com/documentation/facebook-login/guides/access-tokens/get-long-lived";
/// `/{user-id}/permissions` reference.
pub const USER_PERMISSIONS: &str =
    "https://developers.facebook.com/docs/graph-api/reference/user/permissions";
/// Using the WhatsApp Business Management API (token invalidation, roles).
pub const WA_MANAGEMENT_API: &str =
    "https://developers.facebook.com/docs/whatsapp/business-management-api/using-the-api/";
/// Meta's OpenAPI description of the WhatsApp Business Platform.
pub const WA_OPENAPI: &str = "https://github.com/facebook/openapi";
/// Phone number registration reference.
pub const WA_REGISTRATION: &str =
    "https://developers.facebook.com/docs/whatsapp/cloud-api/reference/registration";
/// App Review overview.
pub const APP_REVIEW: &str = "https://developers.facebook.com/docs/app-review";
/// Access Token Debugger tool.
pub const TOKEN_DEBUGGER_TOOL: &str = "https://developers.facebook.com/tools/debug/accesstoken";
/// Old Facebook docs copy listing the legacy 190 subcodes 456-468.
pub const LEGACY_SUBCODES: &str = "https://gist.github.com/MauricioKruijer/7663113";
/// WhatsApp Business Messaging Policy.
pub const WA_BUSINESS_POLICY: &str = "https://www.whatsapp.com/legal/business-policy";
/// pywa's error classes, a third-party source for codes Meta lists only by family.
pub const PYWA_ERRORS: &str = "https://github.com/david-lev/pywa/blob/main/pywa/errors.py";
/// Graph API reference for the WABA `phone_numbers` edge.
pub const WA_PHONE_NUMBERS_REF: &str =
    "https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/phone_numbers/";
/// WhatsApp business profiles guide.
pub const WA_BUSINESS_PROFILES: &str =
    "https://developers.facebook.com/documentation/business-messaging/whatsapp/business-profiles/";
/// Getting started with the Groups API (prerequisites, permission).
pub const WA_GROUPS: &str =
    "https://developers.facebook.com/documentation/business-messaging/whatsapp/groups/get-started/";
/// Older Business Management API get-started page (lists `business_management`).
pub const WA_MANAGEMENT_GET_STARTED: &str =
    "https://developers.facebook.com/docs/whatsapp/business-management-api/get-started";
/// Real captured Graph API responses (debug_token and error bodies), used as evidence for 190 subcodes.
pub const BKRS_FIXTURES: &str = "https://github.com/bk-rs/facebook-apis-rs";
/// Graph API reference for the WhatsApp Business Account node (lists 80008 among its errors).
pub const GRAPH_WABA_REFERENCE: &str =
    "https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/";
/// Graph API reference for a WABA's `message_templates` edge.
pub const GRAPH_MESSAGE_TEMPLATES: &str = "https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account/message_templates/";
/// Graph API reference for the WhatsApp template (HSM) node.
pub const GRAPH_HSM_REFERENCE: &str =
    "https://developers.facebook.com/docs/graph-api/reference/whats-app-business-hsm/";
/// WhatsApp Flows error codes (139000-139004).
pub const WA_FLOWS_ERRORS: &str =
    "https://developers.facebook.com/docs/whatsapp/flows/reference/error-codes";
/// WhatsApp policy enforcement (restrictions, appeals).
pub const WA_POLICY_ENFORCEMENT: &str =
    "https://developers.facebook.com/documentation/business-messaging/whatsapp/policy-enforcement";
/// Health Status API (why a number, WABA or app cannot send).
pub const WA_HEALTH_STATUS: &str =
    "https://developers.facebook.com/documentation/business-messaging/whatsapp/support/health-status";
/// WhatsApp Business Platform status page.
pub const WA_STATUS_PAGE: &str = "https://metastatus.com/whatsapp-business-api";
/// Message templates overview (limits, parameter formats).
pub const WA_TEMPLATES: &str =
    "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview";
/// Template quality (pausing, disabling).
pub const WA_TEMPLATE_QUALITY: &str = "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-quality";
/// Template review (policy rejections).
pub const WA_TEMPLATE_REVIEW: &str = "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-review";
/// Per-user marketing template message limits (131049).
pub const WA_PER_USER_MARKETING_LIMITS: &str = "https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/marketing-templates/per-user-limits";
/// Sending with the Marketing Messages API.
pub const WA_MARKETING_MESSAGES: &str = "https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages";
/// Marketing Messages API onboarding and eligibility.
pub const WA_MM_ONBOARDING: &str = "https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/onboarding";
/// Marketing message experiments (130472).
pub const WA_EXPERIMENTS: &str =
    "https://developers.facebook.com/documentation/business-messaging/whatsapp/support/experiments";
/// Block Users API.
pub const WA_BLOCK_USERS: &str =
    "https://developers.facebook.com/documentation/business-messaging/whatsapp/block-users/";
/// `user_preferences` webhook (marketing opt-out and opt-in).
pub const WA_USER_PREFERENCES_WEBHOOK: &str = "https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/user_preferences";
/// Supported media types and sizes.
pub const WA_MEDIA: &str = "https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media";
/// Sending messages (supported message types).
pub const WA_SEND_MESSAGES: &str = "https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/send-messages";
/// Display names of business phone numbers.
pub const WA_DISPLAY_NAMES: &str =
    "https://developers.facebook.com/documentation/business-messaging/whatsapp/display-names";
/// Business phone numbers (adding numbers, two-step verification).
pub const WA_PHONE_NUMBERS: &str = "https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/phone-numbers";
/// Registering and verifying phone numbers as a solution provider.
pub const WA_REGISTERING_NUMBERS: &str = "https://developers.facebook.com/documentation/business-messaging/whatsapp/solution-providers/registering-phone-numbers";
/// Migrating phone numbers between WABAs / solution partners.
pub const WA_PHONE_MIGRATION: &str = "https://developers.facebook.com/documentation/business-messaging/whatsapp/solution-providers/support/migrating-phone-numbers-among-solution-partners-programmatically";
/// Onboarding WhatsApp Business app users (coexistence, contact and history sync).
pub const WA_BUSINESS_APP_ONBOARDING: &str = "https://developers.facebook.com/documentation/business-messaging/whatsapp/embedded-signup/onboarding-business-app-users";
/// WhatsApp analytics (template insights).
pub const WA_ANALYTICS: &str =
    "https://developers.facebook.com/documentation/business-messaging/whatsapp/analytics";
/// Webhooks overview (subscribing an app to a WABA).
pub const WA_WEBHOOKS_OVERVIEW: &str =
    "https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/overview";
/// Help Center: billing for a WhatsApp Business account.
pub const WA_BILLING_HELP: &str = "https://www.facebook.com/business/help/2225184664363779";
/// Issue: the temporary API Setup token expires, giving 190/463.
pub const ISSUE_TEMP_TOKEN_EXPIRY: &str =
    "https://github.com/shridarpatil/frappe_whatsapp/issues/148";
/// Issue: phone number used instead of phone_number_id, giving 100/33.
pub const ISSUE_WRONG_ID_TYPE: &str = "https://github.com/netflie/whatsapp-cloud-api/issues/160";
/// Issue: Business ID used instead of WABA ID ("nonexisting field ... on node type (Business)").
pub const ISSUE_WRONG_NODE_TYPE: &str = "https://github.com/PipedreamHQ/pipedream/issues/9004";
/// Issue: 131030 on a test number (allowed recipient list).
pub const ISSUE_ALLOWED_LIST: &str = "https://github.com/Neurotech-HQ/heyoo/issues/94";
/// Issue: 131030 while the app is in development mode.
pub const ISSUE_ALLOWED_LIST_DEV_MODE: &str = "https://github.com/chatwoot/chatwoot/issues/8169";
/// Issue: 131030 arriving with subcode 2655007.
pub const ISSUE_ALLOWED_LIST_SUBCODE: &str = "https://github.com/Neurotech-HQ/heyoo/issues/40";
/// Issue: business-to-business numbers fail with 131026 / 131049.
pub const ISSUE_B2B_UNDELIVERABLE: &str = "https://github.com/chatwoot/chatwoot/issues/12660";
/// Issue: 132001 caused by the template language code.
pub const ISSUE_TEMPLATE_LANGUAGE: &str = "https://github.com/tawn33y/whatsapp-cloud-api/issues/57";
/// Issue: 131047 and the 24-hour customer service window.
pub const ISSUE_24H_WINDOW: &str = "https://github.com/chatwoot/chatwoot/issues/10143";
/// Issue: registration, two-step PIN and unregistered second number (133005, 133010).
pub const ISSUE_REGISTRATION: &str =
    "https://github.com/ignacio-chiazzo/ruby_whatsapp_sdk/issues/106";
