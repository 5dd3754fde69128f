//! Access paths: who you are and what you need decide your role, access
//! level, whether App Review applies, which token to use and how to make it.
//! Also the App Review readiness checklist and the five rejection patterns.

use super::facts::{
    ACCESS_VERIFICATION_CHECK, APP_REVIEW_TURNAROUND, CLIENT_PAYMENT_METHOD, ES_CODE_LIFETIME,
    KEEPING_ACCESS, SYSTEM_USER_RENEWAL, SYSTEM_USER_ROTATION,
};
use super::intents::{permissions_for, IntentId, DEFAULT_INTENTS};
use super::sources::*;
use serde::{Deserialize, Serialize};

/// Whose WhatsApp Business Accounts the app works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Accounts {
    /// The developer's own business (Direct Developer).
    #[default]
    Own,
    /// Other businesses' accounts (Tech Provider or Solution Partner).
    Clients,
}

/// App mode in the App Dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AppMode {
    Development,
    #[default]
    Live,
}

/// The wizard's questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Answers {
    pub accounts: Accounts,
    /// Onboards clients with Embedded Signup.
    pub embedded_signup: bool,
    /// Shares its credit line with clients (only Solution Partners can).
    pub shares_credit_line: bool,
    /// What the app must do; empty means a production integration.
    pub needs: Vec<IntentId>,
    pub mode: AppMode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    DirectDeveloper,
    TechProvider,
    SolutionPartner,
}

impl Role {
    pub fn title(self) -> &'static str {
        match self {
            Role::DirectDeveloper => "Direct Developer",
            Role::TechProvider => "Tech Provider",
            Role::SolutionPartner => "Solution Partner",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessLevel {
    Standard,
    Advanced,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    SystemUser,
    BusinessIntegrationSystemUser,
    User,
}

impl TokenKind {
    pub fn title(self) -> &'static str {
        match self {
            TokenKind::SystemUser => "System User token",
            TokenKind::BusinessIntegrationSystemUser => {
                "Business Integration System User token (from Embedded Signup)"
            }
            TokenKind::User => "User token",
        }
    }
}

/// What the wizard recommends.
#[derive(Debug, Clone, Serialize)]
pub struct AccessPlan {
    pub role: Role,
    pub access_level: AccessLevel,
    pub app_review: bool,
    pub why: String,
    pub token: TokenKind,
    pub permissions: Vec<&'static str>,
    pub steps: Vec<&'static str>,
    pub timeline: &'static str,
    pub warnings: Vec<&'static str>,
    pub checklist: &'static [ChecklistItem],
    pub rejection_patterns: &'static [RejectionPattern],
    pub sources: Vec<&'static str>,
}

/// The three things App Review checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewCheck {
    Legitimacy,
    Proportionality,
    Compliance,
}

impl ReviewCheck {
    pub fn title(self) -> &'static str {
        match self {
            ReviewCheck::Legitimacy => "Legitimacy: a real business with a real use case",
            ReviewCheck::Proportionality => "Proportionality: scopes match what the app does",
            ReviewCheck::Compliance => {
                "Compliance: opt-in, opt-out and a privacy policy covering WhatsApp"
            }
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct ChecklistItem {
    pub id: &'static str,
    pub check: ReviewCheck,
    pub text: &'static str,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct RejectionPattern {
    pub id: &'static str,
    pub reason: &'static str,
    pub check: ReviewCheck,
    pub rejected: &'static str,
    pub accepted: &'static str,
    pub correction: &'static str,
}

const GUIDE_SOURCE: &str = APP_REVIEW;

pub static CHECKLIST: &[ChecklistItem] = &[
    ChecklistItem {
        id: "business-verified",
        check: ReviewCheck::Legitimacy,
        text: "The business is verified in Meta Business Manager.",
    },
    ChecklistItem {
        id: "app-icon",
        check: ReviewCheck::Legitimacy,
        text: "The app has a real 1024×1024 icon, not a placeholder.",
    },
    ChecklistItem {
        id: "privacy-url-public",
        check: ReviewCheck::Legitimacy,
        text: "The privacy policy URL opens for anyone: not localhost, not behind a login.",
    },
    ChecklistItem {
        id: "use-case-specific",
        check: ReviewCheck::Proportionality,
        text: "The use case names the trigger, the message and the recipient.",
    },
    ChecklistItem {
        id: "video-per-permission",
        check: ReviewCheck::Proportionality,
        text: "One short screencast per permission requested (about 30 seconds each).",
    },
    ChecklistItem {
        id: "working-credentials",
        check: ReviewCheck::Proportionality,
        text: "Reviewers get working test credentials, or a recording of the whole flow.",
    },
    ChecklistItem {
        id: "privacy-mentions-whatsapp",
        check: ReviewCheck::Compliance,
        text: "The privacy policy has a section on WhatsApp data and how to opt out.",
    },
    ChecklistItem {
        id: "opt-in-shown",
        check: ReviewCheck::Compliance,
        text: "A screenshot shows the form where users tick consent to WhatsApp messages.",
    },
    ChecklistItem {
        id: "opt-out-shown",
        check: ReviewCheck::Compliance,
        text: "Opting out is demonstrated (STOP keyword, unsubscribe link or similar).",
    },
];

pub static REJECTION_PATTERNS: &[RejectionPattern] = &[
    RejectionPattern {
        id: "use-case-unclear",
        reason: "Use case unclear",
        check: ReviewCheck::Proportionality,
        rejected: "\"We send messages to customers.\"",
        accepted: "\"When an order ships, we send the buyer a WhatsApp notification with the tracking link.\"",
        correction: "Describe what triggers the message, what it says and who receives it.",
    },
    RejectionPattern {
        id: "no-opt-in",
        reason: "No opt-in shown",
        check: ReviewCheck::Compliance,
        rejected: "A screenshot of the app's home screen.",
        accepted: "The sign-up form with a visible, unticked box: \"Send me order updates on WhatsApp\".",
        correction: "Show the exact place where a user consents to WhatsApp messages.",
    },
    RejectionPattern {
        id: "privacy-policy-generic",
        reason: "Privacy policy doesn't mention WhatsApp",
        check: ReviewCheck::Compliance,
        rejected: "A general data policy with no word about WhatsApp.",
        accepted: "A WhatsApp section: what is sent, how to stop it (reply STOP), and that numbers are not shared.",
        correction: "Add a WhatsApp section to the policy; leave the rest as it is.",
    },
    RejectionPattern {
        id: "one-video-for-all",
        reason: "Multiple permissions in one video",
        check: ReviewCheck::Proportionality,
        rejected: "One long recording covering every permission.",
        accepted: "One short recording per permission: a message being sent; a template being managed.",
        correction: "Record a separate short video for each permission requested.",
    },
    RejectionPattern {
        id: "credentials-broken",
        reason: "Test credentials don't work",
        check: ReviewCheck::Proportionality,
        rejected: "Placeholder credentials that do not log in.",
        accepted: "Working credentials, or an unlisted recording of the complete flow.",
        correction: "Test the credentials yourself from a clean browser just before submitting.",
    },
];

/// What to do after a rejection, in order.
pub static REJECTION_RESPONSE: &[&str] = &[
    "Read the stated reason literally; it names exactly one thing.",
    "Fix only what was cited; changing accepted material invites new rejections.",
    "Resubmit with a note saying what changed and where (URL, screenshot).",
    "If the same reason comes back, compare the submission with the accepted example for that pattern.",
];

/// Recommends the access path for the wizard's answers.
pub fn recommend(answers: &Answers) -> AccessPlan {
    let needs: &[IntentId] = if answers.needs.is_empty() {
        DEFAULT_INTENTS
    } else {
        &answers.needs
    };
    let for_clients = answers.accounts == Accounts::Clients
        || answers.embedded_signup
        || needs.contains(&IntentId::OnboardClients);
    let mut permissions = permissions_for(needs);
    if for_clients {
        for perm in permissions_for(&[IntentId::OnboardClients]) {
            if !permissions.contains(&perm) {
                permissions.push(perm);
            }
        }
    }
    let mut warnings = Vec::new();
    if answers.mode == AppMode::Development {
        warnings.push("In Development mode (or from the test number) messages reach only the recipients on the API Setup allowed list, at most five; others fail with 131030. Switch the app to Live (it needs a privacy policy URL) for real customers.");
    }
    if answers.shares_credit_line && !for_clients {
        warnings.push("Credit lines are shared with client businesses; a business messaging only its own accounts has none to share.");
    }
    if for_clients {
        client_plan(answers, permissions, warnings)
    } else {
        direct_plan(permissions, warnings)
    }
}

fn direct_plan(permissions: Vec<&'static str>, mut warnings: Vec<&'static str>) -> AccessPlan {
    warnings.push("Do not submit App Review for your own account: it is not needed and only adds days of waiting.");
    AccessPlan {
        role: Role::DirectDeveloper,
        access_level: AccessLevel::Standard,
        app_review: false,
        why: "The app works only on your own business's WhatsApp Business Account, so Standard Access is enough and App Review does not apply.".into(),
        token: TokenKind::SystemUser,
        permissions,
        steps: vec![
            "In Business Settings › Users › System Users, add a system user (Admin, or Employee with per-account grants).",
            "Assign the app to the system user with full control (Manage app).",
            "In Accounts › WhatsApp Accounts, add the system user to the WhatsApp Business Account with full control.",
            "Generate a token for the app with exactly the permissions listed here. Choose the 60-day expiry: Meta recommends it, and some businesses are offered nothing else.",
            SYSTEM_USER_RENEWAL,
            SYSTEM_USER_ROTATION,
            "Copy the token at once (it is shown only once) into a secret store or environment variable, never into source code.",
            "Check it with debug_token (or `scopelens check`) at start-up.",
        ],
        timeline: "Minutes for testing; typically one to three business days to production.",
        warnings,
        checklist: &[],
        rejection_patterns: &[],
        sources: vec![WA_PERMISSIONS, WA_TOKENS, SYSTEM_USERS],
    }
}

fn client_plan(
    answers: &Answers,
    permissions: Vec<&'static str>,
    mut warnings: Vec<&'static str>,
) -> AccessPlan {
    let role = if answers.shares_credit_line {
        Role::SolutionPartner
    } else {
        Role::TechProvider
    };
    let mut steps = vec![
        "Complete business verification for your business portfolio.",
        ACCESS_VERIFICATION_CHECK,
        "Submit App Review for Advanced Access to every permission listed here, one screencast per permission.",
        "Configure Facebook Login for Business with the WhatsApp Embedded Signup configuration.",
        "On signup completion, exchange the returned code server-side at /oauth/access_token for a business token.",
        "Call debug_token on that token and read granular_scopes target_ids: they are the client's WhatsApp Business Account IDs.",
        "Subscribe your app to each client account (POST /{waba-id}/subscribed_apps) so that webhooks arrive.",
        "Register the client's phone number and store the business token per client in a secret store.",
    ];
    if role == Role::SolutionPartner {
        steps.push("Use a System User token of your own business for sharing your credit line with the client.");
    } else {
        warnings.push(CLIENT_PAYMENT_METHOD);
    }
    warnings.push(ES_CODE_LIFETIME);
    warnings.push(KEEPING_ACCESS);
    AccessPlan {
        role,
        access_level: AccessLevel::Advanced,
        app_review: true,
        why: "The app acts on other businesses' WhatsApp Business Accounts. Clients can grant only permissions your app has Advanced Access to, and Advanced Access needs App Review; without it, calls on accounts your business does not own fail with code 200. Your business must also pass Access Verification, or those calls fail with code 100.".into(),
        token: TokenKind::BusinessIntegrationSystemUser,
        permissions,
        steps,
        timeline: APP_REVIEW_TURNAROUND,
        warnings,
        checklist: CHECKLIST,
        rejection_patterns: REJECTION_PATTERNS,
        sources: vec![
            WA_PERMISSIONS,
            WA_SOLUTION_PROVIDERS,
            WA_TOKENS,
            GUIDE_SOURCE,
            WA_APP_REVIEW,
            ACCESS_VERIFICATION,
            WA_ES_IMPLEMENTATION,
            WA_ES_OVERVIEW,
            LOGIN_FOR_BUSINESS,
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::permissions::{MANAGEMENT, MESSAGING};

    #[test]
    fn own_account_needs_no_review() {
        let plan = recommend(&Answers::default());
        assert_eq!(plan.role, Role::DirectDeveloper);
        assert_eq!(plan.access_level, AccessLevel::Standard);
        assert!(!plan.app_review);
        assert_eq!(plan.token, TokenKind::SystemUser);
        assert_eq!(plan.permissions, vec![MESSAGING, MANAGEMENT]);
        assert!(plan.checklist.is_empty());
    }

    #[test]
    fn embedded_signup_needs_advanced_access_and_review() {
        let plan = recommend(&Answers {
            accounts: Accounts::Clients,
            embedded_signup: true,
            ..Answers::default()
        });
        assert_eq!(plan.role, Role::TechProvider);
        assert_eq!(plan.access_level, AccessLevel::Advanced);
        assert!(plan.app_review);
        assert_eq!(plan.token, TokenKind::BusinessIntegrationSystemUser);
        assert_eq!(plan.rejection_patterns.len(), 5);
        assert_eq!(plan.checklist.len(), 9);
    }

    #[test]
    fn credit_line_makes_a_solution_partner() {
        let plan = recommend(&Answers {
            accounts: Accounts::Clients,
            shares_credit_line: true,
            ..Answers::default()
        });
        assert_eq!(plan.role, Role::SolutionPartner);
    }

    #[test]
    fn development_mode_warns_about_allowed_list() {
        let plan = recommend(&Answers {
            mode: AppMode::Development,
            ..Answers::default()
        });
        assert!(plan.warnings.iter().any(|w| w.contains("131030")));
    }

    #[test]
    fn the_own_account_token_step_recommends_sixty_days_with_renewal() {
        let plan = recommend(&Answers::default());
        let steps = plan.steps.join(" ");
        assert!(steps.contains("60-day"), "{steps}");
        assert!(
            steps.contains("set_token_expires_in_60_days=true"),
            "{steps}"
        );
        assert!(steps.contains("/oauth/revoke"), "{steps}");
        assert!(
            !steps.to_ascii_lowercase().contains("never expire"),
            "{steps}"
        );
    }

    #[test]
    fn serving_clients_needs_access_verification_and_says_who_pays() {
        let tech = recommend(&Answers {
            accounts: Accounts::Clients,
            ..Answers::default()
        });
        assert!(tech.steps.iter().any(|s| s.contains("Access Verification")));
        assert!(tech.why.contains("code 100"));
        assert!(tech.warnings.iter().any(|w| w.contains("131042")));
        assert!(tech.warnings.iter().any(|w| w.contains("30 seconds")));
        assert!(tech.timeline.contains("24 hours"));
        let partner = recommend(&Answers {
            accounts: Accounts::Clients,
            shares_credit_line: true,
            ..Answers::default()
        });
        assert!(!partner.warnings.iter().any(|w| w.contains("131042")));
    }

    #[test]
    fn onboarding_intent_alone_implies_clients() {
        let plan = recommend(&Answers {
            needs: vec![IntentId::OnboardClients],
            ..Answers::default()
        });
        assert!(plan.app_review);
    }
}
