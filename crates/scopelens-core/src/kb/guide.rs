//! Chapters of the permissions guide (`book/`), so findings can link to the
//! page that explains them. Paths are relative to the guide's root.

pub const PERMISSIONS: &str = "permissions.html";
pub const ACCESS_PATHS: &str = "access-paths.html";
pub const PRODUCTION_TOKEN: &str = "production-token.html";
pub const EMBEDDED_SIGNUP: &str = "embedded-signup.html";
pub const CHECKING_TOKENS: &str = "checking-tokens.html";
pub const APP_REVIEW: &str = "app-review.html";
pub const ERRORS: &str = "errors.html";
pub const TROUBLESHOOTING: &str = "troubleshooting.html";

/// Link to one catalog entry in the error reference.
pub fn error_anchor(anchor: &str) -> String {
    format!("{ERRORS}#{anchor}")
}
