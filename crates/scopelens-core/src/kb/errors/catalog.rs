//! The catalog data. One `ErrorEntry` per code (or code/subcode, or range).
//! Sources: reference facts sections 1.5 and 4.1-4.5 (see `kb::sources`).
//!
//! Conventions:
//! - `http_status` is what Meta documents (older WhatsApp table included),
//!   `None` when Meta states none; what is observed goes in the explanation.
//! - Subcode entries inherit the documented status of their parent code.
//! - Template-creation, phone-migration and template-insights numbers arrive
//!   as `error_subcode` under `code: 100`, so they are written as subcodes of
//!   100; the lookup also finds them when typed as a code.
//! - Range entries stand for families Meta lists only as a range; exact
//!   entries inside a range take precedence in the lookup.

use super::{Category, ErrorEntry, FixableBy, Retry};
use crate::kb::facts::{
    ACCESS_VERIFICATION_CHECK, CLIENT_PAYMENT_METHOD, SYSTEM_USER_RENEWAL, SYSTEM_USER_ROTATION,
};
use crate::kb::sources::*;

pub static CATALOG: &[ErrorEntry] = &[
    // ------------------------------------------------------------------
    // Authentication: tokens and sessions
    // ------------------------------------------------------------------
    ErrorEntry {
        code: 0,
        last_code: None,
        subcode: None,
        title: "AuthException: unable to authenticate the app user",
        http_status: Some(401),
        category: Category::Authentication,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "WhatsApp could not work out who is calling from the token it received. In most cases the token has expired or been invalidated; it also happens when the person who issued the token has switched off access for all third-party apps. Meta documents HTTP 401 for it.",
        fix: &[
            "Check the token in the Access Token Debugger (or with debug_token) to see whether it is still valid and when it expires.",
            "Generate a fresh token; for a backend, use a System User token rather than a short-lived user token.",
            "If the token belongs to a person, make sure they have not removed the app or blocked app access in their Facebook settings, and have them log in again if they have.",
            "Deploy the new token and retry.",
        ],
        sources: &[WA_ERRORS, WA_TOKENS, TOKEN_DEBUGGER_TOOL],
    },
    ErrorEntry {
        code: 102,
        last_code: None,
        subcode: None,
        title: "API session error",
        http_status: None,
        category: Category::Authentication,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The session tied to the token is no longer usable: Meta groups this with OAuthException, so the login has expired, been revoked or is invalid for some other reason. When an error_subcode comes with it (463 for expiry, 460 for a password change and so on), the subcode is the precise reason.",
        fix: &[
            "Read error_subcode, if present, and look it up; it usually names the cause.",
            "Send the user through login again, or generate a new System User token for server-side use.",
            "Replace the stored token and retry.",
        ],
        sources: &[GRAPH_ERRORS],
    },
    ErrorEntry {
        code: 104,
        last_code: None,
        subcode: None,
        title: "Incorrect signature or no access token",
        http_status: None,
        category: Category::Authentication,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The request reached Meta without a token it could use, or with a signature it could not verify. Several WhatsApp Business Account and business edges answer a missing token with 104, while other endpoints report the same mistake as 190, or as 200 with 'Provide valid app ID'.",
        fix: &[
            "Make sure every request carries the token, either as the access_token parameter or in an 'Authorization: Bearer' header.",
            "Check that no proxy, HTTP client option or redirect strips the Authorization header or the query string.",
            "Validate the token with debug_token, then retry.",
        ],
        sources: &[GRAPH_ERRORS, WA_ERRORS],
    },
    ErrorEntry {
        code: 190,
        last_code: None,
        subcode: None,
        title: "Access token has expired or is invalid",
        http_status: Some(401),
        category: Category::Authentication,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The token sent with the request can no longer be used: it expired, was revoked, or is malformed. Meta documents HTTP 401 for this code, but real responses usually arrive as HTTP 400. The subcode, when present, tells why.",
        fix: &[
            "Inspect the token with debug_token or the Access Token Debugger to see whether it expired or was invalidated.",
            "Generate a new token; for servers, a System User token, preferably the 60-day kind Meta recommends (some businesses can only make that kind).",
            SYSTEM_USER_RENEWAL,
            SYSTEM_USER_ROTATION,
            "Deploy the new token and retry the request.",
        ],
        sources: &[GRAPH_ERRORS, WA_ERRORS, WA_TOKENS, SYSTEM_USERS],
    },
    ErrorEntry {
        code: 190,
        last_code: None,
        subcode: Some(456),
        title: "Malformed access token (legacy subcode)",
        http_status: Some(401),
        category: Category::Authentication,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "An old Facebook subcode saying the token string itself is damaged, for instance cut short, wrapped in quotes or whitespace, or mangled by URL encoding. Meta's current error guide no longer lists it, so read it as a strong hint rather than a contract.",
        fix: &[
            "Compare the token you send with the one you generated, character by character; look for truncation, stray quotes, spaces or line breaks.",
            "Store tokens in a field without a length limit, since Meta tokens are opaque and vary in length.",
            "Generate a new token if the stored copy is damaged, then retry.",
        ],
        sources: &[LEGACY_SUBCODES, WA_TOKENS],
    },
    ErrorEntry {
        code: 190,
        last_code: None,
        subcode: Some(457),
        title: "Session has an invalid origin (legacy subcode)",
        http_status: Some(401),
        category: Category::Authentication,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "A legacy subcode: Facebook refused the session because of where it came from, typically a token obtained for a different app or context than the one now using it. Meta's current table does not include it.",
        fix: &[
            "Run the token through debug_token and check that app_id is the app making the call.",
            "Obtain a token through your own app's login flow or your own System User.",
            "Retry with that token.",
        ],
        sources: &[LEGACY_SUBCODES, DEBUG_TOKEN],
    },
    ErrorEntry {
        code: 190,
        last_code: None,
        subcode: Some(458),
        title: "App not installed",
        http_status: Some(401),
        category: Category::Authentication,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The person behind the token has not logged into your app, or has since removed it, so the token grants nothing. A new token can only be issued after they authorise the app again.",
        fix: &[
            "Send the user through your login flow again so they re-authorise the app.",
            "Store the new token in place of the old one.",
            "Retry the request.",
        ],
        sources: &[GRAPH_ERRORS, LEGACY_SUBCODES],
    },
    ErrorEntry {
        code: 190,
        last_code: None,
        subcode: Some(459),
        title: "User checkpointed",
        http_status: Some(401),
        category: Category::Authentication,
        fixable_by: FixableBy::EndUser,
        retry: Retry::AfterFix,
        explanation: "Facebook has put the user's account through a checkpoint, such as a security check, and refuses tokens from it until the user clears it. Your app cannot resolve this on the user's behalf.",
        fix: &[
            "Ask the user to log in on facebook.com or m.facebook.com and complete whatever check is shown.",
            "Once they have, send them through your app's login again to obtain a new token.",
            "For server integrations, stop depending on a personal account and use a System User token.",
        ],
        sources: &[GRAPH_ERRORS, LEGACY_SUBCODES],
    },
    ErrorEntry {
        code: 190,
        last_code: None,
        subcode: Some(460),
        title: "Password changed: session invalidated",
        http_status: Some(401),
        category: Category::Authentication,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The token stopped working because the user changed their password, or because Facebook reset the session for security reasons. This kills even tokens that had no expiry date, which is why unattended servers should not run on a person's token.",
        fix: &[
            "Have the user log in to your app again to issue a fresh token (with iOS system-level Facebook login, they update their credentials in the device settings).",
            "Replace the stored token and retry.",
            "For unattended backends, switch to a System User token, which does not depend on anyone's password.",
        ],
        sources: &[GRAPH_ERRORS, BKRS_FIXTURES, WA_MANAGEMENT_API],
    },
    ErrorEntry {
        code: 190,
        last_code: None,
        subcode: Some(461),
        title: "App reinstalled (legacy subcode)",
        http_status: Some(401),
        category: Category::Authentication,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "A legacy subcode: the user removed the app and authorised it again, which voided the tokens from the earlier installation. Only the token from the latest login is valid.",
        fix: &[
            "Discard the old token and use the one from the user's most recent login.",
            "If you do not have one, send the user through login again.",
            "Retry with the new token.",
        ],
        sources: &[LEGACY_SUBCODES],
    },
    ErrorEntry {
        code: 190,
        last_code: None,
        subcode: Some(462),
        title: "Stale session version (legacy subcode)",
        http_status: Some(401),
        category: Category::Authentication,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "A legacy subcode: the session was issued under an older version that Facebook no longer honours, so the token has to be replaced. Meta's current guide does not document it.",
        fix: &[
            "Obtain a new token through login or from your System User.",
            "Replace the stored token and retry.",
        ],
        sources: &[LEGACY_SUBCODES],
    },
    ErrorEntry {
        code: 190,
        last_code: None,
        subcode: Some(463),
        title: "Access token expired",
        http_status: Some(401),
        category: Category::Authentication,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The token's lifetime is over: debug_token shows an expires_at in the past, and the message states both the expiry time and the current time. On WhatsApp the usual culprit is the temporary token copied from the App Dashboard's API Setup page, which only lasts hours.",
        fix: &[
            "For a backend, create a System User in Business Settings, assign it the app and the WhatsApp Business Account, and generate its token; Meta recommends the 60-day kind and requires it of some businesses.",
            SYSTEM_USER_RENEWAL,
            SYSTEM_USER_ROTATION,
            "For user tokens, exchange short-lived tokens for long-lived ones and renew them before they lapse.",
            "Deploy the new token and retry.",
        ],
        sources: &[
            SYSTEM_USERS,
            GRAPH_ERRORS,
            BKRS_FIXTURES,
            WA_TOKENS,
            LONG_LIVED_TOKENS,
            ISSUE_TEMP_TOKEN_EXPIRY,
        ],
    },
    ErrorEntry {
        code: 190,
        last_code: None,
        subcode: Some(464),
        title: "Unconfirmed user",
        http_status: Some(401),
        category: Category::Authentication,
        fixable_by: FixableBy::EndUser,
        retry: Retry::AfterFix,
        explanation: "The Facebook account behind the token has not completed confirmation, so Facebook will not accept its tokens. Only the account holder can fix this, by logging in on facebook.com and finishing the steps shown.",
        fix: &[
            "Ask the user to log in on facebook.com and complete the confirmation they are prompted for.",
            "Then have them log in to your app again to issue a new token.",
            "For server integrations, use a System User token instead of a personal one.",
        ],
        sources: &[GRAPH_ERRORS, LEGACY_SUBCODES],
    },
    ErrorEntry {
        code: 190,
        last_code: None,
        subcode: Some(465),
        title: "Invalid user (legacy subcode)",
        http_status: Some(401),
        category: Category::Authentication,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "A legacy subcode: the user account the token belongs to is no longer valid, for example disabled or deleted. No new token can come from that account, so the integration needs one from an active user or a System User.",
        fix: &[
            "Check in Business Settings whether the person who issued the token still has an active account and role.",
            "Issue a new token from an active admin or, better, from a System User.",
            "Retry with it.",
        ],
        sources: &[LEGACY_SUBCODES, WA_TOKENS],
    },
    ErrorEntry {
        code: 190,
        last_code: None,
        subcode: Some(466),
        title: "Session invalidated explicitly via the API",
        http_status: Some(401),
        category: Category::Authentication,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "Something ended the session on purpose through an API call, typically a DELETE on /me/permissions that deauthorised the app, or a logout through an SDK. Meta's current table leaves this subcode out, yet debug_token returns it in real captured responses, so a token can be revoked and not merely expired under code 190.",
        fix: &[
            "Check whether your own code (a logout or 'disconnect' action) or the user revoked the app's permissions.",
            "Have the user authorise the app again to obtain a new token.",
            "Retry with the new token.",
        ],
        sources: &[LEGACY_SUBCODES, BKRS_FIXTURES, USER_PERMISSIONS],
    },
    ErrorEntry {
        code: 190,
        last_code: None,
        subcode: Some(467),
        title: "Invalid access token",
        http_status: Some(401),
        category: Category::Authentication,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "A catch-all: the token expired, was revoked or is unusable for a reason Meta does not spell out. In the legacy subcode list the same number meant the user had logged out.",
        fix: &[
            "Inspect the token with debug_token; is_valid and error.message usually narrow the cause.",
            "Get a new token through login, or from a System User for server-side use.",
            "Replace the stored token and retry.",
        ],
        sources: &[GRAPH_ERRORS, LEGACY_SUBCODES, DEBUG_TOKEN],
    },
    ErrorEntry {
        code: 190,
        last_code: None,
        subcode: Some(468),
        title: "App unused for a long time (legacy subcode)",
        http_status: Some(401),
        category: Category::Authentication,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "A legacy subcode: the user has not used the app for a long time, so Facebook let the session lapse. The user has to log in again before the app can act for them.",
        fix: &[
            "Send the user through your login flow to issue a new token.",
            "Retry with the new token.",
        ],
        sources: &[LEGACY_SUBCODES],
    },
    ErrorEntry {
        code: 190,
        last_code: None,
        subcode: Some(492),
        title: "Invalid session: token owner lacks a Page role",
        http_status: Some(401),
        category: Category::Authentication,
        fixable_by: FixableBy::BusinessOwner,
        retry: Retry::AfterFix,
        explanation: "The user who issued this Page access token no longer has a suitable role on the Page. A new token will not help until the role is restored. It concerns Pages and Messenger integrations rather than WhatsApp.",
        fix: &[
            "Check the token owner's role on the Page in the Page settings or Business Settings.",
            "Have a Page admin give that user the needed role again, or generate the token from someone who has it.",
            "Generate a new Page token and retry.",
        ],
        sources: &[GRAPH_ERRORS],
    },
    // ------------------------------------------------------------------
    // Permissions and access
    // ------------------------------------------------------------------
    ErrorEntry {
        code: 3,
        last_code: None,
        subcode: None,
        title: "API method: capability or permission missing",
        http_status: Some(500),
        category: Category::Permission,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The app is not allowed to use this method, because it lacks a capability or a permission the endpoint needs. Meta's older WhatsApp table pairs it with HTTP 500, which makes it look like a server fault when it is really a configuration problem.",
        fix: &[
            "Open the token in the Access Token Debugger and note which permissions it carries.",
            "Compare them with what the endpoint needs: whatsapp_business_messaging to send, whatsapp_business_management for templates, numbers and analytics.",
            "Add any missing permission when generating the token; apps acting for other businesses need App Review and Advanced Access for it.",
            "Generate a new token and retry.",
        ],
        sources: &[WA_ERRORS, GRAPH_ERRORS, WA_PERMISSIONS, TOKEN_DEBUGGER_TOOL],
    },
    ErrorEntry {
        code: 10,
        last_code: None,
        subcode: None,
        title: "Permission denied",
        http_status: Some(403),
        category: Category::Permission,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The token does not hold a permission this endpoint requires, either because it was never granted or because it was withdrawn later. On WhatsApp the same code appears when a Flows endpoint's business public key was set from a phone number that is not allow-listed, and when the account is not eligible for the API being called (a limited beta, say).",
        fix: &[
            "Check the token's permissions in the Access Token Debugger.",
            "Grant any missing permission (through App Review if you serve other businesses) and generate a new token.",
            "For Flows with an endpoint, make sure the phone number used to set the business public key is allow-listed.",
            "Read the eligibility requirements of the API you are calling, then retry.",
        ],
        sources: &[WA_ERRORS, GRAPH_ERRORS, WA_PERMISSIONS],
    },
    ErrorEntry {
        code: 200,
        last_code: None,
        subcode: None,
        title: "Permissions error (asset access, Advanced Access or missing token)",
        http_status: Some(403),
        category: Category::Permission,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "Error code 200 is a permission failure; do not confuse it with HTTP 200 OK. On WhatsApp it usually means the System User behind the token was never given access to the WhatsApp Business Account, or the app lacks Advanced Access and is calling a WABA owned by another business, and the message typically reads 'Requires X permission'. Some GET endpoints, such as whatsapp_business_profile, also answer with 200 and 'Provide valid app ID' when no token was sent at all.",
        fix: &[
            "Read the message: if it names a permission, add that permission to the token; if it says 'Provide valid app ID', make sure the request actually carries a token.",
            "In Business Settings > Users > System Users, assign the WhatsApp Business Account to the system user with partial or full control, then generate a new token.",
            "If you manage WABAs of other businesses, obtain App Review approval and Advanced Access for whatsapp_business_management and whatsapp_business_messaging.",
            "Check with debug_token that granular_scopes lists the WABA ID (or has no target_ids), then retry.",
        ],
        sources: &[
            GRAPH_ERRORS,
            WA_ERRORS,
            WA_TOKENS,
            WA_SOLUTION_PROVIDERS,
            SYSTEM_USERS,
        ],
    },
    ErrorEntry {
        code: 201,
        last_code: Some(299),
        subcode: None,
        title: "API permission error (200-299 family)",
        http_status: Some(403),
        category: Category::Permission,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "Codes from 200 to 299 are Graph API permission errors: the endpoint wants a permission the token never had or has since lost. Each number corresponds to a particular permission, so the message text is the quickest way to see which one is missing.",
        fix: &[
            "Check the token's granted permissions in the Access Token Debugger.",
            "Work out which permission the endpoint needs from the message and the WhatsApp permissions reference.",
            "Grant it (through App Review if third parties use your app) and generate a new token.",
            "Make sure the app is in Live mode for production use, then retry.",
        ],
        sources: &[GRAPH_ERRORS, WA_ERRORS, WA_PERMISSIONS],
    },
    ErrorEntry {
        code: 294,
        last_code: None,
        subcode: None,
        title: "Managing advertisements requires ads_management",
        http_status: None,
        category: Category::Permission,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "A Marketing API permission error: the call manages ads and the token lacks the ads_management permission. WhatsApp messaging never needs it, so from a WhatsApp integration it usually means an ads endpoint is being called by mistake. The wording of this code has not been checked against Meta's current pages.",
        fix: &[
            "Confirm that the endpoint you are calling is an ads endpoint you really need.",
            "If it is, request ads_management (App Review for third-party use) and generate a new token.",
            "Retry with the new token.",
        ],
        sources: &[GRAPH_ERRORS, APP_REVIEW],
    },
    ErrorEntry {
        code: 131005,
        last_code: None,
        subcode: None,
        title: "Access denied",
        http_status: Some(403),
        category: Category::Permission,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The Cloud API refused the call because the token does not hold the permission the endpoint needs, or held it once and lost it. It is WhatsApp's own counterpart of Graph error 10: sending requires whatsapp_business_messaging, management calls require whatsapp_business_management.",
        fix: &[
            "Check the token in the Access Token Debugger and list its permissions.",
            "Add the missing WhatsApp permission when generating the token.",
            "Make sure the system user has been assigned the WhatsApp Business Account that owns the number.",
            "Deploy the new token and retry.",
        ],
        sources: &[WA_ERRORS, WA_PERMISSIONS, TOKEN_DEBUGGER_TOOL],
    },
    // ------------------------------------------------------------------
    // Rate limits and throttling
    // ------------------------------------------------------------------
    ErrorEntry {
        code: 4,
        last_code: None,
        subcode: None,
        title: "Application request limit reached",
        http_status: Some(400),
        category: Category::Throttling,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Later,
        explanation: "Your app as a whole has made too many calls and Meta is throttling it. Meta's WhatsApp table gives HTTP 400 for it rather than 429, so retry logic that keys on the status code will miss it.",
        fix: &[
            "Open the App Dashboard and check the Application Rate Limit section.",
            "Watch the X-App-Usage response header to see usage climbing before the limit hits.",
            "Pause, then retry with back-off; spread out non-urgent calls and cache data you read repeatedly.",
        ],
        sources: &[WA_ERRORS, RATE_LIMITS],
    },
    ErrorEntry {
        code: 17,
        last_code: None,
        subcode: None,
        title: "User request limit reached",
        http_status: None,
        category: Category::Throttling,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Later,
        explanation: "Too many calls were made for one user or account in a short time, so Meta throttles that user rather than the whole app. It clears on its own once the call rate drops.",
        fix: &[
            "Stop calling with this user's token for a while, then retry with exponential back-off.",
            "Spread the calls over time and avoid polling; cache results where you can.",
        ],
        sources: &[GRAPH_ERRORS, RATE_LIMITS],
    },
    ErrorEntry {
        code: 32,
        last_code: None,
        subcode: None,
        title: "Page request limit reached",
        http_status: None,
        category: Category::Throttling,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Later,
        explanation: "Calls made with a Page token went over the Pages API rate limit. It concerns Pages and Messenger integrations, not WhatsApp.",
        fix: &[
            "Read the X-Page-Usage header to see how much of the budget is used.",
            "Wait, then retry with back-off and a lower call rate.",
        ],
        sources: &[RATE_LIMITS, GRAPH_ERRORS],
    },
    ErrorEntry {
        code: 341,
        last_code: None,
        subcode: None,
        title: "Application limit reached",
        http_status: None,
        category: Category::Throttling,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Later,
        explanation: "The app hit one of Meta's application-level limits. Meta gives few details, so treat it like any throttling error: slow down and try again later.",
        fix: &[
            "Pause the operation that triggered it.",
            "Retry later with back-off and reduce how often you call.",
        ],
        sources: &[GRAPH_ERRORS],
    },
    ErrorEntry {
        code: 613,
        last_code: None,
        subcode: None,
        title: "Calls to this API have exceeded the rate limit",
        http_status: None,
        category: Category::Throttling,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Backoff,
        explanation: "A custom limit that Meta applies to particular endpoints, and to traffic that looks abusive, separate from the app and user limits. It has no subcode, Meta documents no status for it, and observed responses come back as HTTP 400.",
        fix: &[
            "Back off exponentially before calling this endpoint again.",
            "Lower the call frequency for this endpoint, batching or caching where possible.",
        ],
        sources: &[RATE_LIMITS, GRAPH_ERRORS],
    },
    ErrorEntry {
        code: 80000,
        last_code: Some(80014),
        subcode: None,
        title: "Business use case rate limit reached",
        http_status: None,
        category: Category::Throttling,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Later,
        explanation: "Calls made with System User or Page tokens are counted against per-object budgets (per WhatsApp Business Account, ad account, Page and so on), and a code in this range means one of those budgets is used up. The X-Business-Use-Case-Usage header names the object and gives estimated_time_to_regain_access.",
        fix: &[
            "Read the X-Business-Use-Case-Usage header of the failed response.",
            "Wait for the time given in estimated_time_to_regain_access before calling that object again.",
            "Spread calls over time and cache reads, then retry.",
        ],
        sources: &[RATE_LIMITS],
    },
    ErrorEntry {
        code: 80007,
        last_code: None,
        subcode: None,
        title: "WhatsApp Business Account rate limit reached",
        http_status: Some(400),
        category: Category::Throttling,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Later,
        explanation: "The WhatsApp Business Account has used its hourly budget of management API calls. By default an app gets 200 calls per hour per WABA, raised to 5,000 once the WABA is active with at least one registered number; calls such as reading the WABA, its phone numbers, templates or subscribed apps count towards it.",
        fix: &[
            "Check the X-Business-Use-Case-Usage header to see when access returns.",
            "Wait, then retry with back-off.",
            "Cache WABA, phone number and template data instead of reading it on every request.",
        ],
        sources: &[WA_ERRORS, WA_ABOUT, RATE_LIMITS],
    },
    ErrorEntry {
        code: 80008,
        last_code: None,
        subcode: None,
        title: "Too many calls to this WhatsApp Business Account",
        http_status: None,
        category: Category::Throttling,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Later,
        explanation: "The Graph reference pages for the WABA node and its message_templates, phone_numbers and subscribed_apps edges list this code for a WABA receiving more calls than allowed. It is the same situation as 80007 seen from those endpoints.",
        fix: &[
            "Wait a while before calling this WABA again; the X-Business-Use-Case-Usage header says how long.",
            "Reduce polling of templates, phone numbers and subscriptions, and cache the results.",
            "Retry with back-off.",
        ],
        sources: &[GRAPH_WABA_REFERENCE, WA_ABOUT, RATE_LIMITS],
    },
    ErrorEntry {
        code: 130429,
        last_code: None,
        subcode: None,
        title: "Rate limit hit (message throughput)",
        http_status: Some(400),
        category: Category::Throttling,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Backoff,
        explanation: "The business phone number is sending faster than its Cloud API throughput allows. The default is 80 messages per second, raised automatically up to 1,000 for eligible numbers, while numbers shared with the WhatsApp Business app (coexistence) get 20.",
        fix: &[
            "Put outgoing messages in a queue and cap the send rate below the number's throughput.",
            "Retry rejected messages with exponential back-off.",
            "For sustained higher volume, check the number's throughput level and whether it qualifies for an upgrade.",
        ],
        sources: &[WA_ERRORS, WA_THROUGHPUT],
    },
    ErrorEntry {
        code: 131048,
        last_code: None,
        subcode: None,
        title: "Spam rate limit hit",
        http_status: Some(400),
        category: Category::Throttling,
        fixable_by: FixableBy::BusinessOwner,
        retry: Retry::Later,
        explanation: "WhatsApp has capped how many messages this number may send because many earlier messages were blocked or reported as spam. This is a quality problem rather than a speed problem, so slowing down alone will not lift it.",
        fix: &[
            "Check the number's quality rating and any template quality warnings in WhatsApp Manager.",
            "Stop sending to people who have not opted in, and review the templates that recipients block or report.",
            "Resume at a lower volume once quality recovers.",
        ],
        sources: &[WA_ERRORS, WA_TEMPLATE_QUALITY],
    },
    ErrorEntry {
        code: 131056,
        last_code: None,
        subcode: None,
        title: "Pair rate limit hit (same business, same recipient)",
        http_status: Some(400),
        category: Category::Throttling,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Backoff,
        explanation: "Too many messages went from one business number to the same recipient in a short time. The allowance is about one message every 6 seconds per pair (roughly 10 a minute or 600 an hour); bursts of up to 45 messages within 6 seconds are tolerated but borrow from the following periods. Messages to other recipients are not affected, and some providers relay this error as HTTP 429.",
        fix: &[
            "Hold further messages to this recipient and retry after 4^X seconds, where X starts at 0 and grows by one with each failed attempt.",
            "Combine several short messages into one where possible.",
            "Keep sending to other recipients; only this pair is throttled.",
        ],
        sources: &[WA_ERRORS, WA_ABOUT],
    },
    ErrorEntry {
        code: 131064,
        last_code: None,
        subcode: None,
        title: "Messaging limited after template classification violations",
        http_status: None,
        category: Category::Throttling,
        fixable_by: FixableBy::BusinessOwner,
        retry: Retry::Later,
        explanation: "The account's messaging has been restricted because templates were filed under the wrong category, for example promotional content submitted as utility. The restriction covers template messages and ordinary messages alike, and it ends by itself after the enforcement period.",
        fix: &[
            "Review your templates' categories in WhatsApp Manager and correct any that are misclassified.",
            "Wait for the enforcement period to end before sending at full volume again.",
        ],
        sources: &[WA_ERRORS, WA_TEMPLATE_QUALITY],
    },
    ErrorEntry {
        code: 133016,
        last_code: None,
        subcode: None,
        title: "Registration or deregistration rate limit exceeded",
        http_status: Some(400),
        category: Category::Throttling,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Later,
        explanation: "The phone number made too many register or deregister attempts. A number may send 10 register requests within a moving 72-hour window; after that it is blocked for 72 hours (older docs described 10 registrations plus 10 deregistrations per week).",
        fix: &[
            "Stop calling /register and /deregister for this number; automatic retries only use up the allowance.",
            "Wait until the block expires, up to 72 hours.",
            "Before the next attempt, fix whatever made the earlier ones fail (for example a wrong two-step PIN, 133005) so that one request succeeds.",
        ],
        sources: &[WA_ERRORS, WA_REGISTRATION],
    },
    // ------------------------------------------------------------------
    // Integrity and policy enforcement
    // ------------------------------------------------------------------
    ErrorEntry {
        code: 368,
        last_code: None,
        subcode: None,
        title: "Temporarily blocked for policy violations",
        http_status: Some(403),
        category: Category::Integrity,
        fixable_by: FixableBy::BusinessOwner,
        retry: Retry::AfterFix,
        explanation: "Meta has restricted the account for breaking a platform policy. On the wider Graph API this is a temporary block that lifts after some time; on WhatsApp it means the WhatsApp Business Account has been restricted or disabled, and sending stays blocked until the enforcement ends or an appeal succeeds.",
        fix: &[
            "Open Business Support Home or WhatsApp Manager to see which policy was cited and for how long.",
            "Read WhatsApp's Policy Enforcement guide and correct the content or behaviour concerned.",
            "If you believe the decision is wrong, request a review from Business Support Home.",
            "Resume sending once the restriction is lifted.",
        ],
        sources: &[WA_ERRORS, GRAPH_ERRORS, WA_POLICY_ENFORCEMENT],
    },
    ErrorEntry {
        code: 130497,
        last_code: None,
        subcode: None,
        title: "Business account restricted from messaging users in this country",
        http_status: Some(403),
        category: Category::Integrity,
        fixable_by: FixableBy::BusinessOwner,
        retry: Retry::Never,
        explanation: "The business may not message people in the recipient's country, because of rules tied to its business category. Retrying cannot change that; it is a policy matter, not a request error.",
        fix: &[
            "Check the WhatsApp Business Messaging Policy for the countries your business category may message.",
            "Stop sending to recipients in restricted countries, or reach them through another channel.",
            "If you think your business category is wrong, raise it with Meta support.",
        ],
        sources: &[WA_ERRORS, WA_BUSINESS_POLICY],
    },
    ErrorEntry {
        code: 131031,
        last_code: None,
        subcode: None,
        title: "Business account has been locked",
        http_status: Some(403),
        category: Category::Integrity,
        fixable_by: FixableBy::BusinessOwner,
        retry: Retry::AfterFix,
        explanation: "Either the WhatsApp Business Account was restricted or disabled for a policy violation, or Meta could not match data in the request with what is stored for the account, the classic example being a wrong two-step verification PIN. The Health Status API often reveals which of the two it is.",
        fix: &[
            "Call GET /{node-id}?fields=health_status on the phone number, WABA or app to see what is blocking it.",
            "If it is a data mismatch, check the values in the request, such as the two-step verification PIN, and reset the PIN in WhatsApp Manager if nobody knows it.",
            "If it is a policy restriction, follow the Policy Enforcement guide and appeal from Business Support Home.",
            "Retry once the lock is removed.",
        ],
        sources: &[WA_ERRORS, WA_HEALTH_STATUS, WA_POLICY_ENFORCEMENT],
    },
    // ------------------------------------------------------------------
    // Request and parameters
    // ------------------------------------------------------------------
    ErrorEntry {
        code: 33,
        last_code: None,
        subcode: None,
        title: "Business phone number has been deleted",
        http_status: Some(400),
        category: Category::Request,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "On WhatsApp, code 33 (titled 'Parameter value is not valid') means the business phone number named in the request no longer exists because it was deleted. Do not mix it up with subcode 33 under code 100, which means an object ID cannot be found or used.",
        fix: &[
            "List the WABA's numbers with GET /{waba-id}/phone_numbers and check that your phone_number_id is still among them.",
            "Update your configuration with the current phone_number_id, adding and registering the number again if it was removed by mistake.",
            "Retry.",
        ],
        sources: &[WA_ERRORS, WA_PHONE_NUMBERS],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: None,
        title: "Invalid parameter",
        http_status: Some(400),
        category: Category::Request,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The request has a parameter the endpoint does not support, a misspelled one, or a value outside its limits. A frequent variant reads 'Tried accessing nonexisting field (...) on node type (...)' and means the ID is the wrong kind of object, such as a Business ID where a WhatsApp Business Account ID belongs. Meta also lists an invalid Flows business public key among its causes. Subcodes refine it: 33 for an unusable object ID, 2388xxx for template creation and phone migration.",
        fix: &[
            "Read error.message, error_data.details and error_user_msg; they usually name the offending field.",
            "Check every parameter name and value against the endpoint's reference, including length limits.",
            "If the message says 'nonexisting field (...) on node type (...)', the ID in the URL is another kind of object than that field or edge needs (or the field does not exist in this API version): call it on the right ID.",
        ],
        sources: &[GRAPH_ERRORS, WA_ERRORS, ISSUE_WRONG_NODE_TYPE],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(33),
        title: "Object does not exist, cannot be loaded, or does not support this operation",
        http_status: Some(400),
        category: Category::Request,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "Graph could not use the ID in the URL: no such object exists, the token has no access to it, or it is the wrong type of object for the call. On WhatsApp this nearly always means the phone number itself (like +15551234567) or the WABA ID was used where the phone_number_id belongs. It arrives as a GraphMethodException whose message starts 'Unsupported post request' or 'Unsupported get request'. For an app that serves other businesses there is one more cause: its business has not passed Access Verification, and the call is made for a client whose people have no role on the app.",
        fix: &[
            "Take the phone_number_id from App Dashboard > WhatsApp > API Setup or from GET /{waba-id}/phone_numbers, never the phone number itself.",
            "Match the ID to the endpoint: /{phone-number-id}/messages for sending, /{waba-id}/message_templates for templates.",
            "Confirm with debug_token that the token's granular_scopes include the WABA that owns the object.",
            ACCESS_VERIFICATION_CHECK,
            "Retry with the corrected ID.",
        ],
        sources: &[
            GRAPH_ERRORS,
            WA_ERRORS,
            ISSUE_WRONG_ID_TYPE,
            ACCESS_VERIFICATION,
        ],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(2018001),
        title: "No matching user found (Messenger)",
        http_status: Some(400),
        category: Category::Request,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "A Messenger Platform error, not a WhatsApp one: the Send API found no person behind the recipient ID, usually because it is not a page-scoped ID of the Page sending the message, or the person can no longer be reached by that Page.",
        fix: &[
            "Send to the page-scoped ID from the person's own webhook event to this Page, not a user ID from another app or Page.",
            "If the call was meant for WhatsApp, send to /{phone-number-id}/messages with the recipient's phone number instead.",
        ],
        sources: &[MESSENGER_ERRORS],
    },
    ErrorEntry {
        code: 192,
        last_code: None,
        subcode: None,
        title: "Invalid phone number",
        http_status: None,
        category: Category::Request,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "A phone number inside the request is not valid. The Graph reference documents it for message templates, for example when the phone number of a call button in a template is malformed.",
        fix: &[
            "Check every phone number in the payload, especially PHONE_NUMBER buttons in templates.",
            "Write them in international format with the country code, without spaces, brackets or dashes.",
            "Submit the request again.",
        ],
        sources: &[GRAPH_HSM_REFERENCE],
    },
    ErrorEntry {
        code: 506,
        last_code: None,
        subcode: None,
        title: "Duplicate post",
        http_status: None,
        category: Category::Request,
        fixable_by: FixableBy::Developer,
        retry: Retry::Never,
        explanation: "The same content was posted again straight after the first time, and Graph rejects exact duplicates. It concerns publishing to Pages and feeds, not WhatsApp messages.",
        fix: &[
            "Change the content before posting again.",
            "Make sure your retry logic does not resubmit a post that in fact succeeded.",
        ],
        sources: &[GRAPH_ERRORS],
    },
    ErrorEntry {
        code: 1609005,
        last_code: None,
        subcode: None,
        title: "Error posting link",
        http_status: None,
        category: Category::Request,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "Facebook could not fetch the link in the post, so the post failed. The URL is usually unreachable, blocks Facebook's crawler, or is malformed.",
        fix: &[
            "Open the URL from a public network and confirm it loads without a login or redirect loop.",
            "Fix the URL or the server's response.",
            "Post again.",
        ],
        sources: &[GRAPH_ERRORS],
    },
    ErrorEntry {
        code: 131008,
        last_code: None,
        subcode: None,
        title: "Required parameter is missing",
        http_status: Some(400),
        category: Category::Request,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "A parameter the endpoint requires was left out of the request. error_data.details normally names the missing field.",
        fix: &[
            "Read error_data.details to find the missing field.",
            "Compare the request body with the endpoint's reference and add every required field.",
            "Send the request again.",
        ],
        sources: &[WA_ERRORS],
    },
    ErrorEntry {
        code: 131009,
        last_code: None,
        subcode: None,
        title: "Parameter value is not valid",
        http_status: Some(400),
        category: Category::Request,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "One or more values in the request are not acceptable, such as an unknown enum value, a malformed ID or duplicate button IDs. It also comes back when the sending phone number has not been added to the WhatsApp Business Account, and on the Marketing Messages API while ad syncing is still incomplete.",
        fix: &[
            "Read error_data.details; it usually names the parameter and the values it accepts.",
            "Correct the value against the endpoint's reference.",
            "Check with GET /{waba-id}/phone_numbers that the sending number belongs to the WABA.",
            "On the Marketing Messages API, wait about 10 minutes for ad syncing and retry; contact support if it persists.",
        ],
        sources: &[WA_ERRORS, WA_PHONE_NUMBERS, WA_MARKETING_MESSAGES],
    },
    ErrorEntry {
        code: 131021,
        last_code: None,
        subcode: None,
        title: "Recipient cannot be sender",
        http_status: Some(400),
        category: Category::Request,
        fixable_by: FixableBy::Developer,
        retry: Retry::Never,
        explanation: "The message was addressed to the very number that sends it, and a business number cannot message itself. It tends to happen in testing, when the personal number used as recipient is the one registered on the API.",
        fix: &[
            "Send to a different WhatsApp number.",
            "For tests, keep a separate personal number as the recipient.",
        ],
        sources: &[WA_ERRORS],
    },
    ErrorEntry {
        code: 131030,
        last_code: None,
        subcode: None,
        title: "Recipient phone number not in allowed list",
        http_status: None,
        category: Category::Request,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "While you send from Meta's test number, or while the app is in development mode, messages can only go to numbers on the allowed recipient list, which holds at most 5 numbers. Formatting matters: in some countries, such as Mexico (+52 1) and Argentina (+54 9), the number WhatsApp reports differs from the one typed, so the entry does not match. Meta documents no HTTP status; observed responses use 400.",
        fix: &[
            "In the App Dashboard, open WhatsApp > API Setup, add the recipient to the 'To' list and confirm it with the code WhatsApp sends.",
            "Use the number exactly as it appears in wa_id of an inbound webhook from that person, which sidesteps country format quirks.",
            "To message anyone, add and register your own business number and switch the app to Live mode (which needs a privacy policy URL).",
        ],
        sources: &[PYWA_ERRORS, ISSUE_ALLOWED_LIST, ISSUE_ALLOWED_LIST_DEV_MODE],
    },
    ErrorEntry {
        code: 131051,
        last_code: None,
        subcode: None,
        title: "Unsupported message type",
        http_status: Some(400),
        category: Category::Request,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The message type is not one the Cloud API accepts. The code also shows up in the other direction: when a customer sends something the API cannot represent, such as a poll, the inbound webhook has type 'unsupported' with an errors entry carrying this code and the title 'Message type unknown'.",
        fix: &[
            "Check the type field against the supported message types and correct it.",
            "For inbound 'unsupported' messages, reply asking the customer to send text or a supported media type.",
            "Send the outgoing message again with a supported type.",
        ],
        sources: &[WA_ERRORS, WA_SEND_MESSAGES, PYWA_ERRORS],
    },
    ErrorEntry {
        code: 131053,
        last_code: None,
        subcode: None,
        title: "Media upload error",
        http_status: Some(400),
        category: Category::Request,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "WhatsApp could not take the media attached to the message, most often because its type or size is not supported or the link could not be fetched. The reason is in error_data.details, frequently delivered in the failed-status webhook rather than the API response.",
        fix: &[
            "Read error_data.details from the API response or the status webhook.",
            "Check the file's real MIME type (for example with `file -I name.ext`) and size against Supported Media Types.",
            "If you send by link, make sure the URL is public and returns the file itself; otherwise upload the file first and send it by media ID.",
            "Send again.",
        ],
        sources: &[WA_ERRORS, WA_MEDIA],
    },
    ErrorEntry {
        code: 131062,
        last_code: None,
        subcode: None,
        title: "Business-scoped user ID recipients not supported",
        http_status: None,
        category: Category::Request,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The message was addressed with a business-scoped user ID (the user_id now found in webhook contacts) where that kind of recipient is not accepted. So far only a third-party SDK (pywa) describes this code.",
        fix: &[
            "Send to the recipient's phone number (wa_id) instead.",
            "Store wa_id alongside user_id when handling inbound webhooks, so you always have a phone-number address to reply to.",
        ],
        sources: &[PYWA_ERRORS],
    },
    ErrorEntry {
        code: 135000,
        last_code: None,
        subcode: None,
        title: "Generic user error",
        http_status: Some(400),
        category: Category::Request,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "Meta rejected the request over a problem with its parameters that it could not classify more precisely. As the code says little, the request body and error_data.details are where to look.",
        fix: &[
            "Validate the body against the endpoint's reference: field names, nesting and types.",
            "Repeat the call with a minimal payload (Graph API Explorer or curl) and add fields back until it fails.",
            "If a correct payload still fails, contact Meta support with the fbtrace_id.",
        ],
        sources: &[WA_ERRORS],
    },
    // ------------------------------------------------------------------
    // Message delivery
    // ------------------------------------------------------------------
    ErrorEntry {
        code: 130403,
        last_code: None,
        subcode: None,
        title: "Business has blocked this user",
        http_status: None,
        category: Category::Delivery,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The message was not delivered because your business blocked this WhatsApp user with the block users feature. Retrying is pointless while the block stands.",
        fix: &[
            "Decide whether the block is still wanted.",
            "If not, unblock the user with the Block Users API, then send again.",
        ],
        sources: &[WA_ERRORS, WA_BLOCK_USERS],
    },
    ErrorEntry {
        code: 130472,
        last_code: None,
        subcode: None,
        title: "User's number is part of an experiment",
        http_status: Some(400),
        category: Category::Delivery,
        fixable_by: FixableBy::EndUser,
        retry: Retry::Never,
        explanation: "Meta held this marketing message back because the recipient is in the control group of a marketing message experiment. It is not a fault on your side, you are not charged for it, and businesses cannot opt their customers out of the experiment.",
        fix: &[
            "Treat it as an expected non-delivery and do not resend the same marketing message.",
            "Reach the customer through another channel, or with a non-marketing message where that is appropriate.",
            "Keep these failures out of quality and error alerts.",
        ],
        sources: &[WA_ERRORS, WA_EXPERIMENTS],
    },
    ErrorEntry {
        code: 131026,
        last_code: None,
        subcode: None,
        title: "Message undeliverable",
        http_status: Some(400),
        category: Category::Delivery,
        fixable_by: FixableBy::EndUser,
        retry: Retry::Never,
        explanation: "WhatsApp accepted the request and returned a message ID, but later reported in the status webhook that it could not deliver the message. Likely causes: the number has no WhatsApp account, the user has not accepted the current Terms of Service, their app is too old (below Android 2.21.15.15, iOS 2.21.170.4, KaiOS 2.2130.10 or Web 2.2132.6), or the recipient is itself a WhatsApp Business number. Meta does not say which one applies.",
        fix: &[
            "Check that the number is correct and uses WhatsApp; there is no API to look this up in advance.",
            "Ask the customer, through another channel, to message your business number, accept any pending terms in WhatsApp's settings, and update the app.",
            "Do not retry in a loop; send again once the customer confirms they can message you.",
        ],
        sources: &[WA_ERRORS, WA_WEBHOOK_ERRORS, ISSUE_B2B_UNDELIVERABLE],
    },
    ErrorEntry {
        code: 131047,
        last_code: None,
        subcode: None,
        title: "Re-engagement message: 24-hour window closed",
        http_status: Some(400),
        category: Category::Delivery,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "Free-form messages (text, media, interactive) may only be sent within 24 hours of the customer's last message to your number. Once that window has closed only an approved template goes through. The error can come back synchronously or in the status webhook, and races occur when the window closes just as you send.",
        fix: &[
            "Send an approved template message instead.",
            "When the customer replies, the 24-hour window opens again and free-form messages work.",
            "Record the time of each customer's last inbound message so you choose template or free-form before sending.",
        ],
        sources: &[WA_ERRORS, WA_TEMPLATES, ISSUE_24H_WINDOW],
    },
    ErrorEntry {
        code: 131049,
        last_code: None,
        subcode: None,
        title: "Not delivered to maintain healthy ecosystem engagement",
        http_status: None,
        category: Category::Delivery,
        fixable_by: FixableBy::EndUser,
        retry: Retry::Later,
        explanation: "WhatsApp limits how many marketing template messages one person receives from businesses, and this message was held back under that limit. Meta does not reveal how long the limit lasts for a given user, so resending soon just produces the same error. Business-to-business numbers have been seen failing this way too.",
        fix: &[
            "Wait at least 24 hours before sending this person another marketing template.",
            "Do not retry automatically; mark the message as held back instead of failed for good.",
            "Favour marketing messages the customer is likely to engage with.",
        ],
        sources: &[WA_ERRORS, WA_PER_USER_MARKETING_LIMITS, ISSUE_B2B_UNDELIVERABLE],
    },
    ErrorEntry {
        code: 131050,
        last_code: None,
        subcode: None,
        title: "User has stopped marketing messages",
        http_status: None,
        category: Category::Delivery,
        fixable_by: FixableBy::EndUser,
        retry: Retry::Never,
        explanation: "The recipient used WhatsApp's option to stop marketing messages from your business, so marketing templates will not reach them. Only the user can reverse that choice.",
        fix: &[
            "Stop sending marketing messages to this user and record the opt-out.",
            "Subscribe to the user_preferences webhook to learn when users stop or resume marketing messages.",
        ],
        sources: &[WA_ERRORS, WA_USER_PREFERENCES_WEBHOOK],
    },
    ErrorEntry {
        code: 131052,
        last_code: None,
        subcode: None,
        title: "Media download error",
        http_status: Some(400),
        category: Category::Delivery,
        fixable_by: FixableBy::EndUser,
        retry: Retry::Never,
        explanation: "A customer sent you a message with media that WhatsApp could not download for you. The reason is in error_data.details of the messages webhook for that inbound message.",
        fix: &[
            "Read error_data.details in the inbound webhook.",
            "Ask the customer to send the file again, or to share it another way such as email.",
        ],
        sources: &[WA_ERRORS, WA_WEBHOOK_ERRORS],
    },
    ErrorEntry {
        code: 137000,
        last_code: None,
        subcode: None,
        title: "Recipient identity key mismatch",
        http_status: None,
        category: Category::Delivery,
        fixable_by: FixableBy::EndUser,
        retry: Retry::AfterFix,
        explanation: "The message carried a recipient identity hash that no longer matches, because the user reinstalled WhatsApp or moved to a new device. The check stops you messaging someone whose identity changed without you noticing; only a third-party SDK (pywa) documents the code.",
        fix: &[
            "Confirm that the recipient is still the person you expect, using your usual verification.",
            "Resend without the identity hash, or with the updated one.",
        ],
        sources: &[PYWA_ERRORS],
    },
    // ------------------------------------------------------------------
    // Message templates (sending)
    // ------------------------------------------------------------------
    ErrorEntry {
        code: 132000,
        last_code: None,
        subcode: None,
        title: "Template parameter count mismatch",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The number of variable values in the request is not the number of placeholders in the template. Header, body and buttons are counted separately, so a value missing from any one of them triggers it.",
        fix: &[
            "Fetch the template with GET /{waba-id}/message_templates?name=<name> and count the placeholders in each component.",
            "Send exactly one parameter per placeholder, in the matching component.",
            "Send the message again.",
        ],
        sources: &[WA_ERRORS, WA_TEMPLATES],
    },
    ErrorEntry {
        code: 132001,
        last_code: None,
        subcode: None,
        title: "Template does not exist",
        http_status: Some(404),
        category: Category::Template,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "No approved template with this name exists in the requested language on the WABA that owns the sending number. Language codes must match exactly: a template approved as en_US is not found when you send en, and the reverse. Other causes are a template still in review, a typo in the name, or a template created on another WABA such as the test one.",
        fix: &[
            "List templates with GET /{waba-id}/message_templates and note the exact name, language and status.",
            "Send language.code exactly as listed, for example en_US rather than en.",
            "Make sure the sending phone number belongs to the WABA that owns the template.",
            "Wait for APPROVED status before sending.",
        ],
        sources: &[WA_ERRORS, WA_TEMPLATES, ISSUE_TEMPLATE_LANGUAGE],
    },
    ErrorEntry {
        code: 132005,
        last_code: None,
        subcode: None,
        title: "Template hydrated text too long",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "Once your values are filled into the template, the resulting (translated) text is longer than that component allows. The template itself was approved, so the fix lies in the values you send, or in a translation that leaves too little room for them.",
        fix: &[
            "Shorten the parameter values you send.",
            "Check in WhatsApp Manager that the template's translation exists and is not itself close to the limit.",
            "Send again.",
        ],
        sources: &[WA_ERRORS, WA_TEMPLATE_QUALITY],
    },
    ErrorEntry {
        code: 132007,
        last_code: None,
        subcode: None,
        title: "Template format character policy violated",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::BusinessOwner,
        retry: Retry::AfterFix,
        explanation: "The template's content, or the values filled into it, break one of WhatsApp's content policies. Changing the request alone rarely helps; the template wording has to pass review again.",
        fix: &[
            "Read the template review guidelines to find the likely violation.",
            "Edit the content (or the values you insert) and submit the template for review again.",
            "Send once it is approved.",
        ],
        sources: &[WA_ERRORS, WA_TEMPLATE_REVIEW],
    },
    ErrorEntry {
        code: 132008,
        last_code: None,
        subcode: None,
        title: "Template parameter value invalid",
        http_status: None,
        category: Category::Template,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "A variable value is not formatted the way the template needs. Only a third-party SDK (pywa) lists this code; Meta's current table does not.",
        fix: &[
            "Check each parameter's type and value (text, currency, date_time, media) against the template definition.",
            "Correct the values and send again.",
        ],
        sources: &[PYWA_ERRORS, WA_TEMPLATES],
    },
    ErrorEntry {
        code: 132012,
        last_code: None,
        subcode: None,
        title: "Template parameter format mismatch",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The values you sent do not follow the format the template declares, for instance named parameters sent to a positional template, or text supplied where a media header is expected. The count of values may well be right (otherwise you would see 132000); it is their shape that is wrong.",
        fix: &[
            "Fetch the template definition and check the parameter format (positional or named) and the type of each component.",
            "Send values in that format and retry.",
        ],
        sources: &[WA_ERRORS, WA_TEMPLATES],
    },
    ErrorEntry {
        code: 132015,
        last_code: None,
        subcode: None,
        title: "Template is paused",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::BusinessOwner,
        retry: Retry::AfterFix,
        explanation: "WhatsApp paused the template because of its low quality rating, meaning recipients reacted badly to it, so it cannot be sent for now. Repeated pauses end with the template being disabled for good (132016), so improve it rather than waiting it out.",
        fix: &[
            "Check the template's quality in WhatsApp Manager.",
            "Edit the template to improve it and wait for it to be approved again.",
            "Use another approved template in the meantime.",
        ],
        sources: &[WA_ERRORS, WA_TEMPLATE_QUALITY],
    },
    ErrorEntry {
        code: 132016,
        last_code: None,
        subcode: None,
        title: "Template is disabled",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::BusinessOwner,
        retry: Retry::Never,
        explanation: "The template was paused for low quality too many times and is now disabled for good. Sending it will keep failing; only a new template helps.",
        fix: &[
            "Create a new template with different content.",
            "Point your code at the new template once it is approved.",
            "Watch template quality in WhatsApp Manager to avoid a repeat.",
        ],
        sources: &[WA_ERRORS, WA_TEMPLATE_QUALITY],
    },
    // ------------------------------------------------------------------
    // Message templates (creation and insights), sent as subcodes of 100
    // ------------------------------------------------------------------
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(2388019),
        title: "Message template limit exceeded",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The WhatsApp Business Account already holds the maximum of 250 templates. A template name counts once however many languages it is translated into, and creating templates is also throttled per hour.",
        fix: &[
            "List templates with GET /{waba-id}/message_templates and find unused or rejected ones.",
            "Delete those you no longer need.",
            "Reuse templates with variables instead of creating near-duplicates, then create the new one.",
        ],
        sources: &[WA_ERRORS, WA_TEMPLATES, WA_MANAGEMENT_API],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(2388039),
        title: "Template status can't be changed",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "You tried to edit a template whose current status does not allow it, for example one still in review. Templates also have a daily cap on edits.",
        fix: &[
            "Wait until the template is approved or rejected before editing it.",
            "If you have used up today's edits, try again tomorrow or create a new template.",
        ],
        sources: &[WA_ERRORS],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(2388040),
        title: "Template character limit exceeded",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "A field of the template is longer than its maximum length. error_user_msg names the field and the limit.",
        fix: &[
            "Read error_user_msg to see which field is too long.",
            "Shorten that field and submit the template again.",
        ],
        sources: &[WA_ERRORS, WA_TEMPLATES],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(2388042),
        title: "Template components contain unexpected fields",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The components array of a template creation request contains a key the API does not accept there, typically a typo or a field copied from the send-message format (such as parameters, where creation expects example). This code comes from real payloads rather than Meta's table.",
        fix: &[
            "Compare each component object with the template creation reference and remove unknown keys.",
            "Use example values for creation and parameters only when sending.",
            "Submit the template again.",
        ],
        sources: &[WA_TEMPLATES, GRAPH_MESSAGE_TEMPLATES],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(2388047),
        title: "Template header format is incorrect",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The template's header is formatted in a way the API does not accept. error_user_msg explains what is wrong.",
        fix: &[
            "Read error_user_msg for the exact formatting problem.",
            "Fix the header (format, text length, variables, example) and submit again.",
        ],
        sources: &[WA_ERRORS, WA_TEMPLATES],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(2388072),
        title: "Template body format is incorrect",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The template's body text is formatted in a way the API does not accept. error_user_msg explains what is wrong.",
        fix: &[
            "Read error_user_msg for the exact formatting problem.",
            "Fix the body (placeholders, examples, formatting) and submit again.",
        ],
        sources: &[WA_ERRORS, WA_TEMPLATES],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(2388073),
        title: "Template footer format is incorrect",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The template's footer is formatted in a way the API does not accept. error_user_msg explains what is wrong.",
        fix: &[
            "Read error_user_msg for the exact formatting problem.",
            "Fix the footer and submit the template again.",
        ],
        sources: &[WA_ERRORS, WA_TEMPLATES],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(2388293),
        title: "Too many parameters for the template's length",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The template has too many variables relative to its amount of fixed text. Meta wants enough fixed wording around the placeholders to judge what the message is about.",
        fix: &[
            "Remove some variables or add more fixed text around them.",
            "Submit the template again.",
        ],
        sources: &[WA_ERRORS, WA_TEMPLATES],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(2388299),
        title: "Leading or trailing parameters not allowed",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "A placeholder sits at the very beginning or very end of the template text, which is not allowed. Meta requires fixed wording before the first variable and after the last one.",
        fix: &[
            "Add fixed text before the first placeholder and after the last one.",
            "Submit the template again.",
        ],
        sources: &[WA_ERRORS, WA_TEMPLATES],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(200002),
        title: "Template (HSM) creation failed",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "Creating the message template failed. The Graph reference lists the code without further detail, so the specific reason is usually in error_user_title and error_user_msg.",
        fix: &[
            "Read error_user_title and error_user_msg in the response.",
            "Correct the template definition accordingly and submit it again.",
        ],
        sources: &[GRAPH_MESSAGE_TEMPLATES, GRAPH_ERRORS],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(200005),
        title: "Template insights unavailable",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Later,
        explanation: "Template insights cannot be turned on for this WhatsApp Business Account yet. Nothing in the request is wrong; the feature is simply not available to the account at the moment.",
        fix: &[
            "Do not retry immediately; try enabling insights again at a later date.",
            "Meanwhile use the other analytics fields available on the WABA.",
        ],
        sources: &[WA_ERRORS, WA_ANALYTICS],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(200006),
        title: "Template insights cannot be disabled",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::Developer,
        retry: Retry::Never,
        explanation: "Once template insights are enabled on a WhatsApp Business Account they stay on, so a request to switch them off always fails. Retrying is pointless; the setting is one-way by design.",
        fix: &[
            "Remove the disable call from your code.",
            "If you do not want the data, simply stop reading it.",
        ],
        sources: &[WA_ERRORS, WA_ANALYTICS],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(200007),
        title: "Template insights not enabled",
        http_status: Some(400),
        category: Category::Template,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "You asked for template analytics on a WhatsApp Business Account where template insights have not been switched on. They have to be enabled once per WABA before template-level data is returned.",
        fix: &[
            "Enable template insights on the WABA as described under confirming template analytics.",
            "Request the analytics again afterwards.",
        ],
        sources: &[WA_ERRORS, WA_ANALYTICS],
    },
    // ------------------------------------------------------------------
    // Phone number registration, migration and onboarding
    // ------------------------------------------------------------------
    ErrorEntry {
        code: 131037,
        last_code: None,
        subcode: None,
        title: "555 number has no approved display name",
        http_status: None,
        category: Category::Registration,
        fixable_by: FixableBy::BusinessOwner,
        retry: Retry::AfterFix,
        explanation: "The sending number is one of Meta's 555 business phone numbers and has no approved display name yet, so it cannot send. The display name is reviewed by Meta, so the business has to pick an acceptable name and wait for approval.",
        fix: &[
            "Change the number's display name in WhatsApp Manager, following the display name rules.",
            "Wait for the new name to be approved, then send again.",
        ],
        sources: &[WA_ERRORS, WA_DISPLAY_NAMES],
    },
    ErrorEntry {
        code: 131045,
        last_code: None,
        subcode: None,
        title: "Incorrect certificate (phone number registration error)",
        http_status: Some(500),
        category: Category::Registration,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "Sending failed because the phone number's registration is missing or broken. Meta lists HTTP 500 for it, but it is not an outage: the number has to be registered.",
        fix: &[
            "Register the number with POST /{phone-number-id}/register, sending messaging_product and the six-digit two-step PIN.",
            "Check the number's status with GET /{phone-number-id}.",
            "Send again once it is registered.",
        ],
        sources: &[WA_ERRORS, WA_REGISTRATION],
    },
    ErrorEntry {
        code: 133000,
        last_code: None,
        subcode: None,
        title: "Incomplete deregistration",
        http_status: Some(500),
        category: Category::Registration,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "An earlier attempt to deregister this number stopped half-way, and registration cannot proceed until that is finished. Meta lists HTTP 500 for it, but the remedy is on your side: finish the deregistration first.",
        fix: &[
            "Call POST /{phone-number-id}/deregister again.",
            "Then register the number with POST /{phone-number-id}/register.",
            "Keep count of attempts: too many in 72 hours triggers 133016.",
        ],
        sources: &[WA_ERRORS, WA_REGISTRATION],
    },
    ErrorEntry {
        code: 133005,
        last_code: None,
        subcode: None,
        title: "Two-step verification PIN mismatch",
        http_status: Some(400),
        category: Category::Registration,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The PIN in the register request is not the number's two-step verification PIN. Repeated wrong guesses lead to 133008 or 133009 and use up the registration allowance (133016).",
        fix: &[
            "Find the PIN that was set for the number; do not guess repeatedly.",
            "If nobody knows it, turn off two-step verification for the number in WhatsApp Manager and set a new PIN.",
            "Register again with the correct PIN.",
        ],
        sources: &[WA_ERRORS, WA_PHONE_NUMBERS, ISSUE_REGISTRATION],
    },
    ErrorEntry {
        code: 133006,
        last_code: None,
        subcode: None,
        title: "Phone number re-verification needed",
        http_status: Some(400),
        category: Category::Registration,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The number has to prove ownership again before it can be registered. Requesting a fresh code by SMS or voice call and submitting it restores the number's verified status.",
        fix: &[
            "Request a verification code with POST /{phone-number-id}/request_code (SMS or voice).",
            "Submit it with POST /{phone-number-id}/verify_code.",
            "Register the number again.",
        ],
        sources: &[WA_ERRORS, WA_REGISTERING_NUMBERS],
    },
    ErrorEntry {
        code: 133008,
        last_code: None,
        subcode: None,
        title: "Too many two-step verification PIN guesses",
        http_status: Some(400),
        category: Category::Registration,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Later,
        explanation: "Too many wrong PINs were tried for this number, so further attempts are locked for a while. error_data.details says how long.",
        fix: &[
            "Read error_data.details for the waiting time and do nothing until it has passed.",
            "Make sure you have the right PIN (or reset it in WhatsApp Manager) before the next attempt.",
        ],
        sources: &[WA_ERRORS, WA_PHONE_NUMBERS],
    },
    ErrorEntry {
        code: 133009,
        last_code: None,
        subcode: None,
        title: "Two-step verification PIN entered too fast",
        http_status: Some(400),
        category: Category::Registration,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Later,
        explanation: "PIN attempts for this number came in too quickly one after another. error_data.details says when the next attempt is allowed.",
        fix: &[
            "Read error_data.details and wait as long as it says.",
            "Space out attempts and avoid automatic retries of register calls.",
        ],
        sources: &[WA_ERRORS],
    },
    ErrorEntry {
        code: 133010,
        last_code: None,
        subcode: None,
        title: "Phone number not registered",
        http_status: Some(400),
        category: Category::Registration,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The number exists in the WhatsApp Business Account but is not registered on the Cloud API, so it cannot send. This is typical for a second number added later, or one that was deregistered.",
        fix: &[
            "Register the number with POST /{phone-number-id}/register, sending messaging_product and a six-digit PIN.",
            "Check the result with GET /{phone-number-id}.",
            "Send again.",
        ],
        sources: &[WA_ERRORS, WA_REGISTRATION, ISSUE_REGISTRATION],
    },
    ErrorEntry {
        code: 133015,
        last_code: None,
        subcode: None,
        title: "Wait before registering (deletion in progress)",
        http_status: Some(400),
        category: Category::Registration,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Later,
        explanation: "The number was deleted a moment ago and the deletion is still being processed, so it cannot be registered yet. It resolves itself within minutes.",
        fix: &[
            "Wait about 5 minutes.",
            "Send the registration request again.",
        ],
        sources: &[WA_ERRORS],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(2388012),
        title: "Phone number already in your WhatsApp account (migration)",
        http_status: Some(400),
        category: Category::Registration,
        fixable_by: FixableBy::Developer,
        retry: Retry::Never,
        explanation: "You tried to migrate a phone number that is already in the destination WhatsApp Business Account, so there is nothing to migrate. Repeating the request will fail the same way.",
        fix: &[
            "Check the destination WABA's phone numbers; the number may already be usable there.",
            "Only migrate numbers that are not yet present.",
        ],
        sources: &[WA_ERRORS, WA_PHONE_MIGRATION],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(2388091),
        title: "Not eligible to receive a registration code (not being migrated)",
        http_status: Some(400),
        category: Category::Registration,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The ownership-verification calls of the migration flow were used for a number that is not being migrated, so no code can be requested this way. Such a number goes through ordinary registration and verification instead.",
        fix: &[
            "Register and verify the number through the normal registration flow instead.",
            "Use the migration endpoints only for numbers moving between WABAs.",
        ],
        sources: &[WA_ERRORS, WA_REGISTERING_NUMBERS],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(2388093),
        title: "Not eligible to verify a registration code (not being migrated)",
        http_status: Some(400),
        category: Category::Registration,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "A migration verification code was submitted for a number that is not being migrated. Ownership verification through the migration flow does not apply to it.",
        fix: &[
            "Register and verify the number through the normal registration flow instead.",
            "Use the migration endpoints only for numbers moving between WABAs.",
        ],
        sources: &[WA_ERRORS, WA_REGISTERING_NUMBERS],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(2388103),
        title: "Cannot migrate phone number",
        http_status: Some(400),
        category: Category::Registration,
        fixable_by: FixableBy::BusinessOwner,
        retry: Retry::AfterFix,
        explanation: "The migration was refused, and the message says why. Known reasons: the destination WABA has no app subscribed to its webhooks, the number has no approved display name, the destination lacks an active credit line, the WABAs belong to different businesses, the destination WABA or its 'Messaging For' request is not approved, or the number can simply be added without migration.",
        fix: &[
            "Read the error message to see which requirement failed.",
            "Subscribe your app to the destination WABA's webhooks, and get the display name approved and a credit line shared as needed.",
            "Make sure both WABAs represent the same business, and that the destination WABA and its 'Messaging For' request are approved.",
            "Retry the migration; if the message is generic, wait a while before retrying and contact support if it keeps failing.",
        ],
        sources: &[WA_ERRORS, WA_PHONE_MIGRATION, WA_WEBHOOKS_OVERVIEW],
    },
    ErrorEntry {
        code: 100,
        last_code: None,
        subcode: Some(2494100),
        title: "Account in maintenance mode (migration)",
        http_status: Some(400),
        category: Category::Registration,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Later,
        explanation: "The business phone number is in maintenance mode while being migrated, so the call cannot go through right now. The state is temporary and normally clears within minutes.",
        fix: &[
            "Wait a few minutes.",
            "Retry the call.",
        ],
        sources: &[WA_ERRORS, WA_PHONE_MIGRATION],
    },
    ErrorEntry {
        code: 2593107,
        last_code: None,
        subcode: None,
        title: "Business app data sync called too often",
        http_status: None,
        category: Category::Registration,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "For a number onboarded from the WhatsApp Business app (coexistence), contacts and message history can each be synchronised only once. This number has already used that call.",
        fix: &[
            "Do not call the synchronisation endpoint again for this number.",
            "If the sync has to be repeated, offboard the business customer and onboard them again.",
        ],
        sources: &[WA_ERRORS, WA_BUSINESS_APP_ONBOARDING],
    },
    ErrorEntry {
        code: 2593108,
        last_code: None,
        subcode: None,
        title: "Business app data sync outside the 24 hours after onboarding",
        http_status: None,
        category: Category::Registration,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "Contact and history synchronisation for a WhatsApp Business app user must start within 24 hours of onboarding, and that time has passed. The only way to reopen that window is to onboard the user again.",
        fix: &[
            "Offboard the business customer and onboard them again.",
            "Start the contact and history sync right after onboarding completes.",
        ],
        sources: &[WA_ERRORS, WA_BUSINESS_APP_ONBOARDING],
    },
    // ------------------------------------------------------------------
    // WhatsApp Flows
    // ------------------------------------------------------------------
    ErrorEntry {
        code: 132068,
        last_code: None,
        subcode: None,
        title: "Flow is blocked",
        http_status: Some(400),
        category: Category::Flows,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The Flow attached to the message is in the blocked state, so messages using it are refused until the Flow is corrected. Resending the same message will not help; the Flow itself, or the endpoint behind it, needs attention.",
        fix: &[
            "Open the Flow in WhatsApp Manager and read why it is blocked.",
            "Correct the Flow, or its endpoint if it uses one.",
            "Send again once the Flow is no longer blocked.",
        ],
        sources: &[WA_ERRORS, WA_FLOWS_ERRORS],
    },
    ErrorEntry {
        code: 132069,
        last_code: None,
        subcode: None,
        title: "Flow is throttled",
        http_status: Some(400),
        category: Category::Flows,
        fixable_by: FixableBy::Developer,
        retry: Retry::Later,
        explanation: "The Flow is in the throttled state, which allows only 10 messages using it per hour, and that many have already gone out this hour. More sends succeed once the hour rolls over, but the Flow stays limited until whatever caused the throttling is corrected.",
        fix: &[
            "Correct whatever put the Flow into the throttled state (see its status in WhatsApp Manager).",
            "Wait for the hour to roll over before sending more messages with this Flow.",
        ],
        sources: &[WA_ERRORS, WA_FLOWS_ERRORS],
    },
    ErrorEntry {
        code: 139000,
        last_code: Some(139004),
        subcode: None,
        title: "Flows management error",
        http_status: None,
        category: Category::Flows,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "Errors from managing Flows: 139000 means an integrity problem on the account blocks creating or publishing Flows; 139001 an update failed (the Flow is already published, its Flow JSON is invalid, or endpoint_uri was set for Flow JSON below version 3.0); 139002 publishing failed (validation errors, no endpoint, no phone number, public key or app connected, or Flows webhooks not subscribed). 139003 and 139004 mean deprecating or deleting failed, for example because an unpublished Flow cannot be deprecated and a published one cannot be deleted.",
        fix: &[
            "Read error_data.details (or error_user_msg) to see which of the listed causes applies.",
            "Fix the Flow JSON, endpoint, public key, connected app or webhook subscription as indicated.",
            "For 139000, check the account's integrity status in Business Support Home.",
            "Repeat the update, publish, deprecate or delete call.",
        ],
        sources: &[WA_FLOWS_ERRORS, PYWA_ERRORS],
    },
    // ------------------------------------------------------------------
    // Payments and billing
    // ------------------------------------------------------------------
    ErrorEntry {
        code: 131042,
        last_code: None,
        subcode: None,
        title: "Business eligibility payment issue",
        http_status: Some(400),
        category: Category::Payment,
        fixable_by: FixableBy::BusinessOwner,
        retry: Retry::AfterFix,
        explanation: "Meta will not send because the account's billing is not in order. Typical reasons: no payment method attached to the WhatsApp Business Account, a credit line that is missing, inactive or over its limit, a deleted or suspended WABA, no timezone or currency set, or a 'Messaging For' (on-behalf-of) request that is pending or declined.",
        fix: &[
            "In Business Settings, open the WhatsApp account's payment settings and attach a valid payment method or credit line.",
            "Set the WABA's timezone and currency if they are missing.",
            "If a partner pays for the account, have them share the credit line and have the client accept any pending 'Messaging For' request.",
            CLIENT_PAYMENT_METHOD,
            "Retry once billing shows as active.",
        ],
        sources: &[WA_ERRORS, WA_BILLING_HELP, WA_ES_OVERVIEW],
    },
    ErrorEntry {
        code: 134011,
        last_code: None,
        subcode: None,
        title: "WhatsApp Payments terms of service not accepted",
        http_status: None,
        category: Category::Payment,
        fixable_by: FixableBy::BusinessOwner,
        retry: Retry::AfterFix,
        explanation: "The message uses WhatsApp Payments, and the business has not yet accepted the WhatsApp Payments terms of service. The error message contains the link for accepting them.",
        fix: &[
            "Have an admin of the WhatsApp Business Account open the link in the error message and accept the terms.",
            "Send the message again.",
        ],
        sources: &[WA_ERRORS],
    },
    // ------------------------------------------------------------------
    // Marketing Messages API
    // ------------------------------------------------------------------
    ErrorEntry {
        code: 131055,
        last_code: None,
        subcode: None,
        title: "Method not allowed (Marketing Messages API)",
        http_status: Some(400),
        category: Category::MarketingMessages,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The Marketing Messages API only carries marketing templates, and this request was a free-form message or a utility or authentication template. Other message types belong on the Cloud API's /messages endpoint.",
        fix: &[
            "Send a template whose category is MARKETING through this API.",
            "Send other message types through the Cloud API's /messages endpoint instead.",
        ],
        sources: &[WA_ERRORS, WA_MARKETING_MESSAGES],
    },
    ErrorEntry {
        code: 131063,
        last_code: None,
        subcode: None,
        title: "Marketing templates disabled on Cloud API",
        http_status: None,
        category: Category::MarketingMessages,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The template is categorised as marketing, but the WhatsApp Business Account has disable_marketing_messages_on_cloud_api set to true, so Cloud API will not send marketing templates for it. The business chose this setting to route marketing traffic through the Marketing Messages API.",
        fix: &[
            "Send the template through the Marketing Messages API instead.",
            "Or set disable_marketing_messages_on_cloud_api back to false on the WABA, then retry on Cloud API.",
        ],
        sources: &[WA_ERRORS, WA_MARKETING_MESSAGES],
    },
    ErrorEntry {
        code: 132018,
        last_code: None,
        subcode: None,
        title: "Template validation error (Marketing Messages API)",
        http_status: Some(400),
        category: Category::MarketingMessages,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "The Marketing Messages API found a problem with the template parameters in the request. error_data.details describes which values it rejected.",
        fix: &[
            "Read error_data.details to see which parameters are wrong.",
            "Correct them against the template definition and send again.",
        ],
        sources: &[WA_ERRORS, WA_MARKETING_MESSAGES],
    },
    ErrorEntry {
        code: 134100,
        last_code: None,
        subcode: None,
        title: "Only marketing messages supported",
        http_status: Some(400),
        category: Category::MarketingMessages,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "A utility or authentication template was sent through the Marketing Messages API, which accepts only templates categorised as MARKETING. The template's category, not the request format, is what is wrong.",
        fix: &[
            "Send only MARKETING templates through this API.",
            "Route utility and authentication templates through the Cloud API's /messages endpoint.",
        ],
        sources: &[WA_ERRORS, WA_MARKETING_MESSAGES],
    },
    ErrorEntry {
        code: 134101,
        last_code: None,
        subcode: None,
        title: "Template still syncing",
        http_status: Some(400),
        category: Category::MarketingMessages,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Later,
        explanation: "The template was created very recently and its synchronisation for the Marketing Messages API, which can take up to 10 minutes, has not finished. Nothing is wrong with the request; it only needs to wait.",
        fix: &[
            "Wait about 10 minutes after creating the template.",
            "Send the message again.",
        ],
        sources: &[WA_ERRORS, WA_MARKETING_MESSAGES],
    },
    ErrorEntry {
        code: 134102,
        last_code: None,
        subcode: None,
        title: "Template unavailable for use",
        http_status: Some(500),
        category: Category::MarketingMessages,
        fixable_by: FixableBy::BusinessOwner,
        retry: Retry::AfterFix,
        explanation: "The template's synchronisation for the Marketing Messages API could not be completed, or the account is not eligible for that API. Meta lists HTTP 500 for it, although the usual cause is onboarding status rather than an outage.",
        fix: &[
            "Check the WABA's onboarding status: marketing_messages_lite_api_status should be ONBOARDED.",
            "If it is not, complete onboarding for the Marketing Messages API.",
            "If it is and the error persists, contact Meta support with the fbtrace_id.",
        ],
        sources: &[WA_ERRORS, WA_MM_ONBOARDING],
    },
    ErrorEntry {
        code: 1752041,
        last_code: None,
        subcode: None,
        title: "Duplicate onboarding request (Marketing Messages API)",
        http_status: Some(400),
        category: Category::MarketingMessages,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Never,
        explanation: "A partner has already invited this client to onboard to the Marketing Messages API; only the first invitation counts. No action is needed, because all the client's eligible WhatsApp Business Accounts are onboarded automatically.",
        fix: &[
            "Treat the response as success and do not repeat the request.",
            "Check the WABAs' onboarding status later to confirm they were included.",
        ],
        sources: &[WA_ERRORS, WA_MM_ONBOARDING],
    },
    // ------------------------------------------------------------------
    // Server and availability
    // ------------------------------------------------------------------
    ErrorEntry {
        code: 1,
        last_code: None,
        subcode: None,
        title: "API unknown error",
        http_status: Some(400),
        category: Category::Server,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Backoff,
        explanation: "An unclassified failure: either a temporary problem on Meta's side or a request Meta could not make sense of. The WhatsApp table lists HTTP 400 for it, so it may also point at a malformed request.",
        fix: &[
            "Check the WhatsApp Business Platform status page for an outage.",
            "If there is none, check the endpoint and the request format against the reference.",
            "Retry with back-off; if it persists, open a Direct Support ticket with the fbtrace_id.",
        ],
        sources: &[WA_ERRORS, GRAPH_ERRORS, WA_STATUS_PAGE],
    },
    ErrorEntry {
        code: 2,
        last_code: None,
        subcode: None,
        title: "API service temporarily unavailable",
        http_status: Some(503),
        category: Category::Server,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Backoff,
        explanation: "Meta's service is briefly down or overloaded. Nothing is wrong with the request.",
        fix: &[
            "Check the WhatsApp Business Platform status page.",
            "Retry with exponential back-off.",
        ],
        sources: &[WA_ERRORS, GRAPH_ERRORS, WA_STATUS_PAGE],
    },
    ErrorEntry {
        code: 131000,
        last_code: None,
        subcode: None,
        title: "Something went wrong",
        http_status: Some(500),
        category: Category::Server,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Backoff,
        explanation: "The message failed for a reason Meta does not know or does not reveal. When it comes from setting a Flows business public key, it means computing the signature or calling Meta's internal GraphQL endpoint failed.",
        fix: &[
            "Retry with back-off.",
            "If it keeps failing, open a Direct Support ticket and include the fbtrace_id.",
        ],
        sources: &[WA_ERRORS],
    },
    ErrorEntry {
        code: 131016,
        last_code: None,
        subcode: None,
        title: "Service unavailable",
        http_status: Some(500),
        category: Category::Server,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Backoff,
        explanation: "A service behind the Cloud API is temporarily unavailable. The request itself is fine.",
        fix: &[
            "Check the WhatsApp Business Platform status page.",
            "Retry with exponential back-off.",
        ],
        sources: &[WA_ERRORS, WA_STATUS_PAGE],
    },
    ErrorEntry {
        code: 131057,
        last_code: None,
        subcode: None,
        title: "Business account in maintenance mode",
        http_status: Some(500),
        category: Category::Server,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Later,
        explanation: "The WhatsApp Business Account is briefly in maintenance mode, for instance while its throughput is being upgraded, which takes up to a minute. Meta lists HTTP 500 for it, but it is a short, planned state rather than an outage.",
        fix: &[
            "Wait a minute or two.",
            "Retry the message.",
        ],
        sources: &[WA_ERRORS, WA_THROUGHPUT],
    },
    ErrorEntry {
        code: 133004,
        last_code: None,
        subcode: None,
        title: "Server temporarily unavailable (registration)",
        http_status: Some(503),
        category: Category::Server,
        fixable_by: FixableBy::Nobody,
        retry: Retry::Backoff,
        explanation: "The registration service is temporarily unavailable. error_data.details may say more.",
        fix: &[
            "Check the WhatsApp Business Platform status page and error_data.details.",
            "Retry with back-off, keeping the registration limit (133016) in mind.",
        ],
        sources: &[WA_ERRORS, WA_STATUS_PAGE],
    },
    // ------------------------------------------------------------------
    // Families known only by range or name
    // ------------------------------------------------------------------
    ErrorEntry {
        code: 131020,
        last_code: None,
        subcode: None,
        title: "Groups API error",
        http_status: None,
        category: Category::Other,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "This code belongs to the WhatsApp Groups API family, as grouped by a third-party SDK (pywa). Its precise meaning is not documented in the sources scopelens relies on, so the error's details field is the best guide.",
        fix: &[
            "Read error.message and error_data.details for the specific cause.",
            "Check the group call against the Groups API reference and retry once corrected.",
        ],
        sources: &[PYWA_ERRORS],
    },
    ErrorEntry {
        code: 131041,
        last_code: None,
        subcode: None,
        title: "Groups API error",
        http_status: None,
        category: Category::Other,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "This code belongs to the WhatsApp Groups API family, as grouped by a third-party SDK (pywa). Its precise meaning is not documented in the sources scopelens relies on, so the error's details field is the best guide.",
        fix: &[
            "Read error.message and error_data.details for the specific cause.",
            "Check the group call against the Groups API reference and retry once corrected.",
        ],
        sources: &[PYWA_ERRORS],
    },
    ErrorEntry {
        code: 131059,
        last_code: None,
        subcode: None,
        title: "Groups API error",
        http_status: None,
        category: Category::Other,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "This code belongs to the WhatsApp Groups API family, as grouped by a third-party SDK (pywa). Its precise meaning is not documented in the sources scopelens relies on, so the error's details field is the best guide.",
        fix: &[
            "Read error.message and error_data.details for the specific cause.",
            "Check the group call against the Groups API reference and retry once corrected.",
        ],
        sources: &[PYWA_ERRORS],
    },
    ErrorEntry {
        code: 131201,
        last_code: Some(131215),
        subcode: None,
        title: "Groups API error",
        http_status: None,
        category: Category::Other,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "Codes 131201 to 131215 come from the WhatsApp Groups API (creating groups, managing participants and invite links). The individual meanings are not documented in the sources scopelens relies on, so read the details field.",
        fix: &[
            "Read error.message and error_data.details for the specific cause.",
            "Check the group call against the Groups API reference and retry once corrected.",
        ],
        sources: &[PYWA_ERRORS],
    },
    ErrorEntry {
        code: 138000,
        last_code: Some(138018),
        subcode: None,
        title: "Calling API error",
        http_status: None,
        category: Category::Other,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "Codes 138000 to 138018 come from the WhatsApp Business Calling API, used to place and receive voice calls. The meaning of each code is not documented in the sources scopelens relies on, so the error's details are the best guide.",
        fix: &[
            "Read error.message and error_data.details for the specific cause.",
            "Check that calling is enabled and configured for the phone number, and that the call request follows the Calling API reference.",
            "Retry once corrected.",
        ],
        sources: &[PYWA_ERRORS],
    },
    ErrorEntry {
        code: 139100,
        last_code: Some(139103),
        subcode: None,
        title: "Block users API error",
        http_status: None,
        category: Category::Request,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "Codes 139100 to 139103 come from the Block Users API, which lets a business block or unblock WhatsApp users. The sources give only the family, so read the details field for the specific reason.",
        fix: &[
            "Read error.message and error_data.details for the specific cause.",
            "Check the request against the Block Users API reference and retry once corrected.",
        ],
        sources: &[WA_BLOCK_USERS, PYWA_ERRORS],
    },
    ErrorEntry {
        code: 147001,
        last_code: Some(147005),
        subcode: None,
        title: "Usernames API error",
        http_status: None,
        category: Category::Request,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "Codes 147001 to 147005 come from the WhatsApp business usernames feature. The sources list the family but not what each code means, so read the details field.",
        fix: &[
            "Read error.message and error_data.details for the specific cause.",
            "Correct the username request and retry.",
        ],
        sources: &[PYWA_ERRORS],
    },
    ErrorEntry {
        code: 2494164,
        last_code: Some(2494179),
        subcode: None,
        title: "In-App Signup API error",
        http_status: None,
        category: Category::Other,
        fixable_by: FixableBy::Developer,
        retry: Retry::AfterFix,
        explanation: "Codes 2494164 to 2494179 come from the In-App Signup API used to onboard businesses from inside a partner's app. Only a third-party SDK (pywa) lists the family, and individual meanings are not documented in scopelens's sources.",
        fix: &[
            "Read error.message, error_user_msg and error_data.details for the specific cause.",
            "Correct the signup request and retry.",
        ],
        sources: &[PYWA_ERRORS],
    },
];

#[cfg(test)]
mod tests {
    use super::CATALOG;
    use crate::kb::errors::{lookup_error, ErrorLookup};

    /// Every code in the WhatsApp Cloud API table (facts section 4.3),
    /// including the families listed there only by range.
    const WHATSAPP_TABLE: &[u32] = &[
        0, 3, 10, 190, 200, 250, 299, 4, 80007, 130403, 130429, 130472, 130497, 131000, 131005,
        131008, 131009, 131016, 131021, 131026, 131030, 131031, 131037, 131042, 131045, 131047,
        131048, 131049, 131050, 131051, 131052, 131053, 131055, 131056, 131057, 131062, 131063,
        131064, 132000, 132001, 132005, 132007, 132008, 132012, 132015, 132016, 132018, 132068,
        132069, 133000, 133004, 133005, 133006, 133008, 133009, 133010, 133015, 133016, 134011,
        134100, 134101, 134102, 135000, 137000, 1752041, 139000, 139001, 139002, 139003, 139004,
        139100, 139103, 138000, 138009, 138018, 131020, 131041, 131059, 131201, 131215, 147001,
        147005,
    ];

    /// Graph API general codes (facts section 4.1).
    const GRAPH_TABLE: &[u32] = &[
        0, 1, 2, 3, 4, 10, 17, 32, 33, 100, 102, 104, 190, 192, 200, 201, 294, 341, 368, 506, 613,
        80000, 80007, 80008, 80014, 1609005,
    ];

    /// Template-creation, migration and misc numbers (facts section 4.4),
    /// as a user would type them.
    const MISC_TABLE: &[u32] = &[
        2388019, 2388039, 2388040, 2388042, 2388047, 2388072, 2388073, 2388293, 2388299, 200002,
        2388012, 2388091, 2388093, 2388103, 2494100, 200005, 200006, 200007, 2593107, 2593108,
        2494164, 2494179,
    ];

    /// Subcodes of 190 (facts sections 1.5 and 4.2, legacy list 456-468).
    const AUTH_SUBCODES: &[u32] = &[
        456, 457, 458, 459, 460, 461, 462, 463, 464, 465, 466, 467, 468, 492,
    ];

    fn assert_known(code: u32) {
        match lookup_error(code, None) {
            ErrorLookup::Known { entry, .. } => {
                let covers = match entry.last_code {
                    Some(last) => (entry.code..=last).contains(&code),
                    None => entry.code == code || entry.subcode == Some(code),
                };
                assert!(covers, "{code} resolved to unrelated {}", entry.label());
            }
            ErrorLookup::Unknown { .. } => panic!("{code} is documented but not in the catalog"),
        }
    }

    #[test]
    fn whatsapp_table_codes_are_known() {
        WHATSAPP_TABLE.iter().copied().for_each(assert_known);
    }

    #[test]
    fn graph_table_codes_are_known() {
        GRAPH_TABLE.iter().copied().for_each(assert_known);
    }

    #[test]
    fn misc_codes_are_known() {
        MISC_TABLE.iter().copied().for_each(assert_known);
    }

    #[test]
    fn exact_codes_win_over_ranges() {
        for code in [200, 294, 80007, 80008] {
            let ErrorLookup::Known { entry, .. } = lookup_error(code, None) else {
                panic!("{code} must be known");
            };
            assert_eq!(entry.code, code);
            assert_eq!(entry.last_code, None, "{code} resolved to a range");
        }
    }

    #[test]
    fn auth_subcodes_match() {
        for &sub in AUTH_SUBCODES {
            let ErrorLookup::Known {
                entry,
                subcode_matched,
            } = lookup_error(190, Some(sub))
            else {
                panic!("190/{sub} must be known");
            };
            assert!(subcode_matched, "190/{sub} fell back to the bare code");
            assert_eq!(entry.subcode, Some(sub));
        }
    }

    #[test]
    fn whatsapp_subcodes_match() {
        for (code, sub) in [(100, 33), (100, 2388019), (100, 2388103)] {
            let ErrorLookup::Known {
                entry,
                subcode_matched,
            } = lookup_error(code, Some(sub))
            else {
                panic!("{code}/{sub} must be known");
            };
            assert!(subcode_matched, "{code}/{sub} fell back to the bare code");
            assert_eq!((entry.code, entry.subcode), (code, Some(sub)));
        }
    }

    /// Undocumented subcodes seen with WhatsApp codes (facts 4.5) explain
    /// nothing by themselves: they must resolve to the code's own entry.
    #[test]
    fn opaque_whatsapp_subcodes_fall_back_to_the_code() {
        for (code, sub) in [
            (130429, 2494055),
            (131030, 2655007),
            (131009, 2494010),
            (131047, 2494010),
            (131026, 2494011),
        ] {
            let ErrorLookup::Known {
                entry,
                subcode_matched,
            } = lookup_error(code, Some(sub))
            else {
                panic!("{code} must be known");
            };
            assert!(!subcode_matched);
            assert_eq!((entry.code, entry.subcode), (code, None));
        }
    }

    #[test]
    fn no_fix_tells_a_server_to_make_a_never_expiring_token() {
        for entry in CATALOG {
            for step in entry.fix {
                let s = step.to_ascii_lowercase();
                assert!(
                    !(s.contains("never expire") || s.contains("set to never")),
                    "{}: {step}",
                    entry.label()
                );
            }
        }
        for label in [(190, None), (190, Some(463))] {
            let ErrorLookup::Known { entry, .. } = lookup_error(label.0, label.1) else {
                panic!("{label:?} is known");
            };
            assert!(entry.fix.iter().any(|s| s.contains("fb_exchange_token")));
        }
    }

    #[test]
    fn an_unknown_object_names_access_verification_among_its_causes() {
        let ErrorLookup::Known { entry, .. } = lookup_error(100, Some(33)) else {
            panic!("100/33 is known");
        };
        assert!(entry.explanation.contains("Access Verification"));
        assert!(entry
            .sources
            .contains(&crate::kb::sources::ACCESS_VERIFICATION));
        let ErrorLookup::Known { entry, .. } = lookup_error(100, Some(2018001)) else {
            panic!("100/2018001 is known");
        };
        assert!(entry.title.contains("Messenger"));
    }

    #[test]
    fn entries_are_well_formed() {
        for entry in CATALOG {
            let label = entry.label();
            assert!(
                (2..=5).contains(&entry.fix.len()),
                "{label}: want 2-5 fix steps"
            );
            assert!(!entry.title.is_empty(), "{label}: empty title");
            if let Some(last) = entry.last_code {
                assert!(last > entry.code, "{label}: empty range");
                assert!(entry.subcode.is_none(), "{label}: range with subcode");
            }
        }
    }

    #[test]
    fn ranges_do_not_overlap() {
        let ranges: Vec<_> = CATALOG
            .iter()
            .filter_map(|e| e.last_code.map(|last| (e.code, last)))
            .collect();
        for (i, a) in ranges.iter().enumerate() {
            for b in &ranges[i + 1..] {
                assert!(a.1 < b.0 || b.1 < a.0, "{a:?} overlaps {b:?}");
            }
        }
    }
}
