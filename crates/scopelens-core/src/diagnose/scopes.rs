//! Checking what a token (or a /me/permissions list) grants against what the
//! intents need, including granular target coverage of a WABA.

use super::{About, Context, Finding, Severity};
use crate::kb::facts;
use crate::kb::intents::IntentId;
use crate::kb::permissions::{self, MANAGEMENT, PUBLIC_PROFILE};
use crate::kb::{guide, sources};
use crate::model::{DebugToken, PermissionList, PermissionStatus, TokenType};
use crate::names::named_enum;
use serde::Serialize;

named_enum! {
    /// How one permission stands.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[cfg_attr(feature = "typescript", derive(tsify_next::Tsify), tsify(missing_as_null))]
    #[serde(rename_all = "snake_case")]
    pub enum ScopeState {
        Granted = "granted",
        /// Granted, but its granular targets do not include the WABA asked about.
        NotForWaba = "not_for_waba",
        Missing = "missing",
        Declined = "declined",
        Expired = "expired",
    }
}

/// One row of the needed-versus-granted matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct ScopeRow {
    pub permission: String,
    pub needed: bool,
    pub state: ScopeState,
    /// Granular targets (WABA, business or Page IDs); `None` = every asset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_ids: Option<Vec<String>>,
}

pub(super) fn from_debug_token(t: &DebugToken, ctx: &Context) -> Vec<ScopeRow> {
    let needed = ctx.needed_permissions();
    let targets = |scope: &str| {
        t.granular_scopes
            .iter()
            .find(|g| g.scope == scope)
            .and_then(|g| g.target_ids.clone())
    };
    let state = |scope: &str| {
        if !t.scopes.iter().any(|s| s == scope) {
            return ScopeState::Missing;
        }
        match (&ctx.waba_id, targets(scope)) {
            (Some(waba), Some(ids)) if !ids.iter().any(|id| id == waba.trim()) => {
                ScopeState::NotForWaba
            }
            _ => ScopeState::Granted,
        }
    };
    let mut rows: Vec<ScopeRow> = needed
        .iter()
        .map(|p| ScopeRow {
            permission: p.to_string(),
            needed: true,
            state: state(p),
            target_ids: targets(p),
        })
        .collect();
    for scope in t.scopes.iter().filter(|s| !needed.contains(&s.as_str())) {
        rows.push(ScopeRow {
            permission: scope.clone(),
            needed: false,
            state: ScopeState::Granted,
            target_ids: targets(scope),
        });
    }
    rows
}

pub(super) fn from_permission_list(list: &PermissionList, ctx: &Context) -> Vec<ScopeRow> {
    let needed = ctx.needed_permissions();
    let state_of = |status: &PermissionStatus| match status {
        PermissionStatus::Granted => ScopeState::Granted,
        PermissionStatus::Declined => ScopeState::Declined,
        PermissionStatus::Expired => ScopeState::Expired,
        PermissionStatus::Other(_) => ScopeState::Missing,
    };
    let mut rows: Vec<ScopeRow> = needed
        .iter()
        .map(|p| {
            let entry = list.entries.iter().find(|e| e.permission == *p);
            ScopeRow {
                permission: p.to_string(),
                needed: true,
                state: entry.map_or(ScopeState::Missing, |e| state_of(&e.status)),
                target_ids: None,
            }
        })
        .collect();
    for entry in list
        .entries
        .iter()
        .filter(|e| !needed.contains(&e.permission.as_str()))
    {
        rows.push(ScopeRow {
            permission: entry.permission.clone(),
            needed: false,
            state: state_of(&entry.status),
            target_ids: None,
        });
    }
    rows
}

pub(super) fn debug_token_findings(
    t: &DebugToken,
    rows: &[ScopeRow],
    ctx: &Context,
) -> Vec<Finding> {
    let unusable =
        t.is_valid == Some(false) || matches!(t.token_type, Some(TokenType::App | TokenType::Page));
    let mut out = Vec::new();
    if !unusable {
        for row in rows.iter().filter(|r| r.needed) {
            match row.state {
                ScopeState::Missing => out.push(missing(&row.permission, ctx)),
                ScopeState::NotForWaba => {
                    out.push(not_for_waba(row, ctx.waba_id.as_deref().unwrap_or("")))
                }
                _ => {}
            }
        }
    }
    out.extend(beyond_intents(rows, ctx));
    // A debug_token response lists permissions in `scopes`; a WABA's
    // targets are in `granular_scopes`.
    for finding in out.iter_mut().filter(|f| f.permission.is_some()) {
        let field = if finding.id == "permission.not_for_waba" {
            "granular_scopes"
        } else {
            "scopes"
        };
        finding.about = Some(About::Field(field));
    }
    let expired = t.expires_at.is_some_and(|at| at != 0 && at <= ctx.now);
    if !unusable
        && !expired
        && rows
            .iter()
            .filter(|r| r.needed)
            .all(|r| r.state == ScopeState::Granted)
    {
        out.push(ready(ctx));
    }
    out
}

pub(super) fn permission_list_findings(
    list: &PermissionList,
    rows: &[ScopeRow],
    ctx: &Context,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for row in rows {
        let severity = if row.needed {
            Severity::Error
        } else {
            Severity::Info
        };
        match row.state {
            ScopeState::Missing if row.needed => out.push(missing(&row.permission, ctx)),
            ScopeState::Declined => out.push(declined(&row.permission, severity)),
            ScopeState::Expired => out.push(expired(&row.permission, severity)),
            _ => {}
        }
    }
    out.extend(beyond_intents(rows, ctx));
    // A missing permission has no entry in the list to point at.
    for finding in out.iter_mut() {
        let listed = finding
            .permission
            .as_ref()
            .filter(|p| list.entries.iter().any(|e| &e.permission == *p));
        finding.about = listed.map(|p| About::Permission(p.clone()));
    }
    if list.has_more_pages {
        out.push(
            Finding::new(
                "permission.more_pages",
                Severity::Info,
                "The list continues on another page",
                "The response has a paging.next link, so some permissions are not in this paste. Permissions reported missing may be on the next page.",
            )
            .fix(["Fetch the paging.next URL too, or call /me/permissions with a higher limit."])
            .sources(&[sources::USER_PERMISSIONS]),
        );
    }
    out
}

fn intents_phrase(ctx: &Context) -> String {
    let titles: Vec<&str> = ctx
        .effective_intents()
        .iter()
        .map(|i| i.intent().title)
        .collect();
    if ctx.intents.is_empty() {
        "a production WhatsApp integration (send messages, manage templates)".to_string()
    } else {
        titles.join(", ").to_ascii_lowercase()
    }
}

fn missing(permission: &str, ctx: &Context) -> Finding {
    let enables = permissions::permission(permission)
        .map(|p| format!(" It covers: {}.", p.summary.trim_end_matches('.')))
        .unwrap_or_default();
    // Which permission phone-number work needs is contested between Meta's pages.
    let contested = (permission == MANAGEMENT
        && ctx
            .effective_intents()
            .contains(&IntentId::ManagePhoneNumbers))
    .then_some(&facts::MESSAGING_PERMISSION_SCOPE);
    let mut finding = Finding::new(
        "permission.missing",
        Severity::Error,
        format!("Missing permission: {permission}"),
        format!("The token does not have {permission}, which {} needs.{enables} Calls that need it fail with error 200 or 10.", intents_phrase(ctx)),
    )
    .permission(permission)
    .fix([
        format!("Generate a new token with {permission} ticked (for a System User: Business Settings › System Users › Generate new token)."),
        "Replace the old token: adding a permission never updates a token that already exists.".to_string(),
        "If the app works on other businesses' accounts, the permission also needs Advanced Access through App Review.".to_string(),
    ])
    .sources(&[sources::WA_PERMISSIONS, sources::WA_TOKENS])
    .guide(guide::PERMISSIONS);
    if let Some(fact) = contested {
        finding.explanation.push(' ');
        finding.explanation.push_str(&fact.worded());
        for source in fact.sources {
            if !finding.sources.contains(source) {
                finding.sources.push(source);
            }
        }
    }
    finding
}

fn not_for_waba(row: &ScopeRow, waba: &str) -> Finding {
    let ids = row.target_ids.as_deref().unwrap_or_default().join(", ");
    Finding::new(
        "permission.not_for_waba",
        Severity::Error,
        format!("{} is granted, but not for WABA {waba}", row.permission),
        format!("The token's granular_scopes limit {} to these assets: {ids}. Calls on WABA {waba} fail with error 200 even though the permission is listed in scopes.", row.permission),
    )
    .permission(&row.permission)
    .fix([
        format!("Check that {waba} is the right WhatsApp Business Account ID (not the phone number ID or the business ID)."),
        "For a client account, have the client rerun Embedded Signup and select this account.".to_string(),
        "For your own account, add the account to the system user's assets with full control, then generate a new token.".to_string(),
    ])
    .sources(&[sources::WA_SOLUTION_PROVIDERS, sources::DEBUG_TOKEN])
    .guide(guide::EMBEDDED_SIGNUP)
}

fn declined(permission: &str, severity: Severity) -> Finding {
    Finding::new(
        "permission.declined",
        severity,
        format!("Declined permission: {permission}"),
        format!("The person who made this token unticked {permission} in the login or Embedded Signup dialog. That is their choice in the dialog, not an App Review result."),
    )
    .permission(permission)
    .fix([
        "Ask for it again: rerun the login with auth_type=rerequest, or rerun Embedded Signup and leave the permission ticked.",
        "Then use the new token; the old one keeps the declined status.",
    ])
    .sources(&[sources::USER_PERMISSIONS])
    .guide(guide::CHECKING_TOKENS)
}

fn expired(permission: &str, severity: Severity) -> Finding {
    Finding::new(
        "permission.expired",
        severity,
        format!("Expired permission: {permission}"),
        format!("{permission} was granted once but has lapsed, usually because the person has not used the app for a long time."),
    )
    .permission(permission)
    .fix(["Have the person log in again (or rerun Embedded Signup) to grant it anew, then use the new token."])
    .sources(&[sources::USER_PERMISSIONS])
    .guide(guide::CHECKING_TOKENS)
}

/// Extra scopes listed one by one; beyond this many they are summarised.
const MAX_EXTRA_LISTED: usize = 20;

fn beyond_intents(rows: &[ScopeRow], ctx: &Context) -> Vec<Finding> {
    let purpose = if ctx.intents.is_empty() {
        format!(
            "for {}, which is what scopelens checks when no intent is chosen",
            intents_phrase(ctx)
        )
    } else {
        "for what you said you want to do".to_string()
    };
    let extras: Vec<&ScopeRow> = rows
        .iter()
        .filter(|r| {
            !r.needed && r.permission != PUBLIC_PROFILE && matches!(r.state, ScopeState::Granted)
        })
        .collect();
    let mut out: Vec<Finding> = extras
        .iter()
        .take(MAX_EXTRA_LISTED)
        .map(|r| {
            let product = permissions::product_of(&r.permission)
                .map(|p| format!(" It belongs to {p}, not WhatsApp."))
                .unwrap_or_default();
            Finding::new(
                "permission.beyond_intents",
                Severity::Info,
                format!("More than needed: {}", r.permission),
                format!("{} is not needed {purpose}.{product} In App Review, every permission must be justified with its own screencast, and unneeded ones are a common reason for rejection.", r.permission),
            )
            .permission(&r.permission)
            .fix(["Leave it out the next time you generate the token or submit App Review, unless you use it."])
            .sources(&[sources::APP_REVIEW, sources::WA_PERMISSIONS])
            .guide(guide::APP_REVIEW)
        })
        .collect();
    if extras.len() > MAX_EXTRA_LISTED {
        out.push(
            Finding::new(
                "permission.beyond_intents",
                Severity::Info,
                format!("{} more permissions beyond what is needed", extras.len() - MAX_EXTRA_LISTED),
                "The token carries many more permissions than the intents need; the scope table lists them all.",
            )
            .sources(&[sources::APP_REVIEW])
            .guide(guide::APP_REVIEW),
        );
    }
    out
}

fn ready(ctx: &Context) -> Finding {
    let perms = ctx.needed_permissions().join(", ");
    Finding::new(
        "token.ready",
        Severity::Info,
        "The token has every permission needed",
        format!(
            "Valid, not expired, and it grants {perms} for {}.",
            intents_phrase(ctx)
        ),
    )
    .sources(&[sources::WA_PERMISSIONS])
    .guide(guide::PERMISSIONS)
}

/// Adds the App Review reminder when a permission problem was found.
pub(super) fn add_review_reminder(findings: &mut Vec<Finding>) {
    let permission_problem = findings.iter().any(|f| {
        matches!(f.id, "permission.missing" | "permission.declined")
            || (f.id == "permission.expired" && f.severity == Severity::Error)
            || (f.id.starts_with("error.")
                && f.code
                    .is_some_and(|c| c == 3 || c == 10 || (200..=299).contains(&c)))
    });
    if permission_problem {
        findings.push(
            Finding::new(
                "permission.review_reminder",
                Severity::Info,
                "App Review approval does not change existing tokens",
                "A token carries the permissions it was generated with. Approval in App Review, or ticking a permission later, adds nothing to tokens already issued.",
            )
            .fix(["After any permission change or approval, generate a new token and replace the old one."])
            .sources(&[sources::APP_REVIEW, sources::WA_TOKENS])
            .guide(guide::APP_REVIEW),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnose::{diagnose, Context};
    use crate::kb::intents::IntentId;

    const MESSAGING_ONLY: &str = r#"{"data":{"app_id":"634974688087057","type":"SYSTEM_USER","is_valid":true,"expires_at":0,"scopes":["whatsapp_business_messaging"],"granular_scopes":[{"scope":"whatsapp_business_messaging"}],"user_id":"104169029247128"}}"#;

    fn missing_management(intent: IntentId) -> String {
        let ctx = Context {
            intents: vec![intent],
            ..Context::at(1_760_000_000)
        };
        let d = diagnose(MESSAGING_ONLY, &ctx);
        let f = d
            .findings
            .iter()
            .find(|f| f.id == "permission.missing")
            .expect("management is missing");
        f.explanation.clone()
    }

    #[test]
    fn phone_number_work_is_worded_with_the_disagreement_between_metas_pages() {
        let text = missing_management(IntentId::ManagePhoneNumbers);
        assert!(text.contains("disagree"), "{text}");
        assert!(text.contains("App Review page"), "{text}");
    }

    #[test]
    fn template_work_is_not_contested() {
        let text = missing_management(IntentId::ManageTemplates);
        assert!(!text.contains("disagree"), "{text}");
    }

    #[test]
    fn an_extra_permission_is_measured_against_what_the_user_said_or_the_default() {
        let text = r#"{"data":{"app_id":"1","type":"SYSTEM_USER","is_valid":true,"expires_at":0,
            "scopes":["whatsapp_business_messaging","whatsapp_business_management","ads_read"]}}"#;
        let explanation = |intents: Vec<IntentId>| {
            let ctx = Context {
                intents,
                ..Context::at(1_760_000_000)
            };
            crate::diagnose(text, &ctx)
                .findings
                .into_iter()
                .find(|f| f.id == "permission.beyond_intents")
                .map(|f| f.explanation)
                .unwrap()
        };
        let default = explanation(Vec::new());
        assert!(
            default.contains("production") && !default.contains("you said"),
            "{default}"
        );
        let chosen = explanation(vec![IntentId::SendMessages]);
        assert!(chosen.contains("what you said you want to do"), "{chosen}");
    }
}
