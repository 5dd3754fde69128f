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

/// Every chapter with its title, in reading order.
pub const CHAPTERS: [(&str, &str); 8] = [
    (PERMISSIONS, "Which permissions you need"),
    (ACCESS_PATHS, "Which access path applies to you"),
    (PRODUCTION_TOKEN, "Making a production token"),
    (EMBEDDED_SIGNUP, "Embedded Signup and business tokens"),
    (CHECKING_TOKENS, "Checking a token"),
    (APP_REVIEW, "App Review"),
    (ERRORS, "Error reference"),
    (TROUBLESHOOTING, "Troubleshooting by symptom"),
];

/// The chapter title of a guide link such as `errors.html#error-190`.
pub fn title(page: &str) -> Option<&'static str> {
    let file = page.split('#').next().unwrap_or(page);
    CHAPTERS
        .iter()
        .find(|(path, _)| *path == file)
        .map(|(_, title)| *title)
}

/// Link to one catalog entry in the error reference.
pub fn error_anchor(anchor: &str) -> String {
    format!("{ERRORS}#{anchor}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_by_page_and_anchor() {
        assert_eq!(
            super::title("errors.html#error-190"),
            Some("Error reference")
        );
        assert_eq!(super::title("nope.html"), None);
    }
}
