//! Findings about a token itself: validity, expiry, type, app.

use super::{errors, Context, Finding, Severity};
use crate::kb::facts::{SYSTEM_USER_EXPIRY, SYSTEM_USER_RENEWAL, SYSTEM_USER_ROTATION};
use crate::kb::{guide, sources};
use crate::model::{DebugToken, TokenFamily, TokenType};
use crate::time::{self, DAY};

/// Expiry closer than this is worth a warning.
const SOON: i64 = 7 * DAY;
/// A user token living no longer than this is a short-lived one.
const SHORT_LIVED: i64 = 2 * DAY;

pub(super) fn findings(t: &DebugToken, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    if t.is_valid == Some(false) {
        out.push(invalid(t));
    }
    out.extend(expiry(t, ctx.now));
    out.extend(data_access(t, ctx.now));
    out.extend(token_type(t));
    if let (Some(expected), Some(actual)) = (&ctx.app_id, &t.app_id) {
        if expected.trim() != actual {
            out.push(other_app(expected.trim(), actual, t.application.as_deref()));
        }
    }
    out
}

fn invalid(t: &DebugToken) -> Finding {
    let (code, subcode, message) = match &t.error {
        Some(e) => (e.code, e.subcode, e.message.as_deref()),
        None => (None, None, None),
    };
    let said = message
        .map(|m| format!(" Meta's reason: \"{m}\"."))
        .unwrap_or_default();
    let mut finding = Finding::new(
        "token.invalid",
        Severity::Error,
        "The token is not valid",
        format!(
            "debug_token reports is_valid: false, so every call made with this token fails.{said}"
        ),
    )
    .code(code.or(Some(190)), subcode)
    .about_field("is_valid")
    .sources(&[sources::DEBUG_TOKEN, sources::DEBUG_TOKEN_GUIDE])
    .guide(guide::CHECKING_TOKENS);
    if let Some(entry) = errors::entry_for(code.unwrap_or(190), subcode) {
        finding.explanation.push(' ');
        finding.explanation.push_str(entry.explanation);
        finding.fix = entry.fix.iter().map(|s| s.to_string()).collect();
        finding.sources.extend(entry.sources.iter().copied());
        finding.sources.dedup();
    } else {
        finding.fix = vec![
            "Generate a new token (for servers, a System User token).".into(),
            "Replace the old token everywhere it is configured, then check the new one with debug_token.".into(),
        ];
    }
    finding
}

fn expiry(t: &DebugToken, now: i64) -> Option<Finding> {
    let expires_at = t.expires_at?;
    let system_user = t.token_type == Some(TokenType::SystemUser);
    if expires_at == 0 {
        return (t.is_valid != Some(false)).then(|| {
            let mut finding = Finding::new(
                "token.never_expires",
                Severity::Info,
                "The token never expires",
                "expires_at is 0, which means no expiry date. It can still be invalidated: a password change, a removed app, a revoked system user or a security reset all end it early, and Meta does not tell you when that happens.",
            )
            .fix(["Check the token at start-up (debug_token or `scopelens check`) so an invalidated token is caught before traffic arrives."])
            .about_field("expires_at")
            .sources(&[sources::DEBUG_TOKEN, sources::WA_MANAGEMENT_API])
            .guide(guide::CHECKING_TOKENS);
            if system_user {
                finding.explanation.push(' ');
                finding.explanation.push_str(SYSTEM_USER_EXPIRY);
                finding.fix.push("To follow Meta's recommendation, generate a 60-day token in its place and renew it on a schedule.".into());
                finding.sources.push(sources::SYSTEM_USERS);
            }
            finding
        });
    }
    let when = time::utc(expires_at);
    if expires_at <= now {
        return Some(
            Finding::new(
                "token.expired",
                Severity::Error,
                format!("The token expired {}", time::relative(now, expires_at)),
                format!("expires_at is {when}, which has passed. Calls made with it fail with error 190 (subcode 463)."),
            )
            .fix([
                if system_user {
                    "An expired system user token cannot be renewed: generate a new one, then renew it before each 60-day term ends."
                } else {
                    "Generate a new token. For a server, make a System User token (Meta recommends the 60-day kind) and renew it on a schedule."
                },
                SYSTEM_USER_RENEWAL,
                "Replace the token wherever it is configured and restart the service.",
                "Add a start-up check so the next expiry is caught early.",
            ])
            .sources(&[sources::DEBUG_TOKEN, sources::WA_TOKENS, sources::SYSTEM_USERS])
            .guide(guide::PRODUCTION_TOKEN)
            .about_field("expires_at"),
        );
    }
    (expires_at - now <= SOON).then(|| {
        Finding::new(
            "token.expiring_soon",
            Severity::Warning,
            format!("The token expires {}", time::relative(now, expires_at)),
            format!("expires_at is {when}. After that every call fails with error 190."),
        )
        .fix(if system_user {
            [SYSTEM_USER_RENEWAL, SYSTEM_USER_ROTATION, "Alert on tokens within seven days of expiry."]
        } else {
            [
                "Replace it before then with a System User token: Meta recommends the 60-day kind, renewed on a schedule.",
                SYSTEM_USER_RENEWAL,
                "Alert on tokens within seven days of expiry.",
            ]
        })
        .sources(&[sources::DEBUG_TOKEN, sources::WA_TOKENS, sources::SYSTEM_USERS])
        .guide(guide::PRODUCTION_TOKEN)
        .about_field("expires_at")
    })
}

fn data_access(t: &DebugToken, now: i64) -> Option<Finding> {
    let at = t.data_access_expires_at.filter(|at| *at != 0)?;
    let explanation = format!(
        "data_access_expires_at is {}. This is separate from the token's own expiry: once it passes, the app loses access to the person's data until they log in again, even if the token has not expired.",
        time::utc(at)
    );
    let finding = if at <= now {
        Finding::new(
            "token.data_access_expired",
            Severity::Error,
            format!("Data access expired {}", time::relative(now, at)),
            explanation,
        )
    } else if at - now <= SOON {
        Finding::new(
            "token.data_access_expiring",
            Severity::Warning,
            format!("Data access expires {}", time::relative(now, at)),
            explanation,
        )
    } else {
        return None;
    };
    Some(
        finding
            .fix([
                "Have the person log in to the app again (or rerun Embedded Signup) to renew data access.",
                "For a server integration, use a System User token, whose data access does not lapse.",
            ])
            .sources(&[sources::DEBUG_TOKEN])
            .guide(guide::CHECKING_TOKENS)
            .about_field("data_access_expires_at"),
    )
}

fn token_type(t: &DebugToken) -> Option<Finding> {
    match t.token_type.as_ref()? {
        TokenType::App => Some(
            Finding::new(
                "token.app_token",
                Severity::Error,
                "This is an app token, which cannot call the WhatsApp APIs",
                "App tokens (APP_ID|APP_SECRET) act as the app itself, not as a user or system user, so they carry no WhatsApp permissions. They are for debug_token and app settings, and must never leave the server.",
            )
            .fix([
                "Use a System User token for your own WhatsApp Business Account, or the business token from Embedded Signup for a client's.",
                "Keep the app token for debug_token calls only.",
            ])
            .sources(&[sources::WA_TOKENS, sources::DEBUG_TOKEN])
            .guide(guide::PRODUCTION_TOKEN)
            .about_field("type"),
        ),
        TokenType::Page => Some(
            Finding::new(
                "token.page_token",
                Severity::Error,
                "This is a Facebook Page token, not a WhatsApp one",
                "Page tokens (profile_id is the Page) work for Pages and Messenger. The WhatsApp Cloud API and Management API do not accept them.",
            )
            .fix([
                "Generate a System User token with whatsapp_business_messaging and whatsapp_business_management.",
                "Assign the WhatsApp Business Account to that system user with full control.",
            ])
            .sources(&[sources::WA_TOKENS])
            .guide(guide::PRODUCTION_TOKEN)
            .about_field("type"),
        ),
        TokenType::User if is_short_lived(t) => Some(
            Finding::new(
                "token.short_lived",
                Severity::Warning,
                "A short-lived user token: it will stop working within hours",
                "Tokens from Graph API Explorer, Facebook Login or the App Dashboard's API Setup page last hours, not days. A server that uses one fails with error 190 as soon as it lapses.",
            )
            .fix([
                "Create a System User in Business Settings, assign it the app and the WhatsApp Business Account, and generate its token.",
                "Use this short-lived token only for first tests.",
            ])
            .sources(&[sources::WA_TOKENS, sources::LONG_LIVED_TOKENS])
            .guide(guide::PRODUCTION_TOKEN)
            .about_field("type"),
        ),
        TokenType::User => Some(
            Finding::new(
                "token.user_token",
                Severity::Warning,
                "A user token: fine for tests, fragile for a server",
                "User tokens belong to a person. They expire (about 60 days when long-lived) and stop working when that person changes their password, loses their role, or removes the app.",
            )
            .fix([
                "For your own account, switch to a System User token.",
                "For client accounts, use the business token from Embedded Signup.",
            ])
            .sources(&[sources::WA_TOKENS, sources::WA_MANAGEMENT_API])
            .guide(guide::PRODUCTION_TOKEN)
            .about_field("type"),
        ),
        TokenType::SystemUser | TokenType::Other(_) => None,
    }
}

fn is_short_lived(t: &DebugToken) -> bool {
    match (t.expires_at, t.issued_at) {
        (None | Some(0), _) => false,
        (Some(_), None) => true,
        (Some(expires), Some(issued)) => expires - issued <= SHORT_LIVED,
    }
}

fn other_app(expected: &str, actual: &str, name: Option<&str>) -> Finding {
    let name = name.map(|n| format!(" ({n})")).unwrap_or_default();
    Finding::new(
        "token.other_app",
        Severity::Error,
        "The token belongs to another app",
        format!("You expected app {expected}, but the token was issued for app {actual}{name}. Webhook subscriptions, App Review approvals and system user assignments are per app, so this token will not see what you configured."),
    )
    .fix([
        format!("Generate the token for app {expected}, or correct the app ID you configured."),
        "debug_token must be called with a token of the same app as the token inspected.".to_string(),
    ])
    .sources(&[sources::DEBUG_TOKEN])
    .guide(guide::CHECKING_TOKENS)
    .about_field("app_id")
}

pub(super) fn bare_token_finding(family: TokenFamily) -> Finding {
    match family {
        TokenFamily::UserOrSystem => Finding::new(
            "token.opaque",
            Severity::Warning,
            "A token cannot be judged by looking at it",
            "Access tokens are opaque strings: nothing about their validity, owner, expiry or permissions can be read from the characters themselves. Only Meta can say, through debug_token. The token is not shown here, and it is a secret: if it was pasted into a ticket or chat, replace it.",
        )
        .fix([
            "Call GET /debug_token?input_token=<token> with an app token (APP_ID|APP_SECRET) of the same app, and paste the response here.",
            "Or run `scopelens check` with the token in an environment variable.",
            "Or open Meta's Access Token Debugger.",
        ])
        .sources(&[sources::DEBUG_TOKEN, sources::TOKEN_DEBUGGER_TOOL, sources::WA_TOKENS])
        .guide(guide::CHECKING_TOKENS),
        TokenFamily::App => Finding::new(
            "token.app_secret_exposed",
            Severity::Warning,
            "An app token: it contains your app secret",
            "APP_ID|APP_SECRET is an app access token, and the part after the bar is the app secret itself. It can call debug_token but not the WhatsApp APIs. Anyone who has it can act as your app.",
        )
        .fix([
            "If this was shared anywhere, reset the app secret in the App Dashboard (Settings › Basic).",
            "Keep app tokens on the server; never ship them in client code.",
            "Use it to inspect tokens: GET /debug_token?input_token=<token>&access_token=<app token>.",
        ])
        .sources(&[sources::DEBUG_TOKEN, sources::WA_TOKENS])
        .guide(guide::CHECKING_TOKENS),
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnose::{diagnose, Context, Finding, Severity};

    const NOW: i64 = 1_790_000_000;

    fn system_user(expires_at: i64) -> String {
        format!(
            r#"{{"data":{{"app_id":"634974688087057","type":"SYSTEM_USER","is_valid":true,"expires_at":{expires_at},"issued_at":{},"scopes":["whatsapp_business_management","whatsapp_business_messaging"],"user_id":"104169029247128"}}}}"#,
            NOW - 50 * 86_400
        )
    }

    fn finding(text: &str, id: &str) -> Finding {
        diagnose(text, &Context::at(NOW))
            .findings
            .into_iter()
            .find(|f| f.id == id)
            .unwrap_or_else(|| panic!("no {id}"))
    }

    #[test]
    fn a_never_expiring_system_user_token_hears_that_meta_recommends_sixty_days() {
        let f = finding(&system_user(0), "token.never_expires");
        assert_eq!(f.severity, Severity::Info);
        assert!(f.explanation.contains("60 days"), "{}", f.explanation);
        assert!(f.fix.iter().any(|s| s.contains("60-day")));
    }

    #[test]
    fn a_system_user_token_about_to_lapse_gets_renewal_and_rotation_steps() {
        let f = finding(&system_user(NOW + 3 * 86_400), "token.expiring_soon");
        let steps = f.fix.join(" ");
        assert!(steps.contains("fb_exchange_token"), "{steps}");
        assert!(
            steps.contains("set_token_expires_in_60_days=true"),
            "{steps}"
        );
        assert!(steps.contains("/oauth/revoke"), "{steps}");
    }

    #[test]
    fn an_expired_token_is_never_told_to_become_never_expiring() {
        let f = finding(&system_user(NOW - 86_400), "token.expired");
        let steps = f.fix.join(" ").to_ascii_lowercase();
        assert!(!steps.contains("never expires"), "{steps}");
        assert!(steps.contains("cannot be renewed"), "{steps}");
    }
}
