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
