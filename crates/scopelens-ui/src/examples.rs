//! One-click examples, taken verbatim from the test fixture corpus
//! (`tests/fixtures/`), so what the page shows is what the tests check.

/// An example input for the loader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    pub text: &'static str,
}

macro_rules! fixture {
    ($path:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/",
            $path
        ))
    };
}

pub static EXAMPLES: &[Example] = &[
    Example {
        id: "system-user",
        title: "Healthy system user token",
        text: fixture!("debug_token/system_user_never.json"),
    },
    Example {
        id: "missing-permission",
        title: "Token missing a permission",
        text: fixture!("debug_token/system_user_missing_management.json"),
    },
    Example {
        id: "embedded-signup",
        title: "Embedded Signup token with WABA targets",
        text: fixture!("debug_token/embedded_signup_user.json"),
    },
    Example {
        id: "permissions",
        title: "/me/permissions with a declined permission",
        text: fixture!("permissions/seed_one_declined.json"),
    },
    Example {
        id: "expired-190",
        title: "curl output: expired token (190/463)",
        text: fixture!("messy/curl_i_190_expired.txt"),
    },
    Example {
        id: "error-200",
        title: "Error 200: missing permission",
        text: fixture!("graph_error/perm_200_requires_messaging.json"),
    },
    Example {
        id: "webhook",
        title: "Webhook: message failed (131047)",
        text: fixture!("webhook_error/status_failed_131047.json"),
    },
    Example {
        id: "python-repr",
        title: "Python log line (131030)",
        text: fixture!("messy/python_repr_heyoo_131030.txt"),
    },
    Example {
        id: "token",
        title: "A bare access token",
        text: fixture!("token/bearer_eaa.txt"),
    },
];
