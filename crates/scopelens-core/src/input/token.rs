//! Recognising a bare access token: `EAA…` (user or system user), with or
//! without `Bearer ` / `Authorization:` / `access_token=`, or an app token
//! `APPID|SECRET`. The token itself is never kept, only a safe preview.

use crate::model::{TokenFamily, TokenShape};
use crate::secrets::describe_token;

/// Recognises `text` as a lone token; `None` if it is anything more.
pub fn recognise(text: &str) -> Option<TokenShape> {
    let mut rest = text.trim().trim_matches(['"', '\'', '`']).trim();
    let mut had_bearer_prefix = false;
    for prefix in [
        "authorization:",
        "bearer ",
        "access_token=",
        "token=",
        "bearer ",
    ] {
        if let Some(after) = strip_prefix_ignore_case(rest, prefix) {
            had_bearer_prefix |=
                prefix.starts_with("authorization") || prefix.starts_with("bearer");
            rest = after.trim();
        }
    }
    if is_user_token(rest) {
        return Some(TokenShape {
            family: TokenFamily::UserOrSystem,
            preview: describe_token(rest),
            app_id: None,
            had_bearer_prefix,
        });
    }
    let (app_id, secret) = rest.split_once('|')?;
    let app_id_ok = app_id.len() >= 5 && app_id.bytes().all(|b| b.is_ascii_digit());
    let secret_ok = secret.len() >= 16
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    (app_id_ok && secret_ok).then(|| TokenShape {
        family: TokenFamily::App,
        preview: format!("{app_id}|… (secret hidden)"),
        app_id: Some(app_id.to_string()),
        had_bearer_prefix,
    })
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn is_user_token(text: &str) -> bool {
    text.starts_with("EAA") && text.len() >= 40 && text.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_user_tokens() {
        let token = format!("EAAG{}", "Zx9".repeat(50));
        for text in [
            token.clone(),
            format!("Bearer {token}"),
            format!("Authorization: Bearer {token}\n"),
            format!("'{token}'"),
        ] {
            let shape = recognise(&text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(shape.family, TokenFamily::UserOrSystem);
            assert!(!shape.preview.contains(&token[8..20]));
        }
    }

    #[test]
    fn app_token() {
        let shape = recognise("1234567890123456|0123456789abcdef0123456789abcdef").unwrap();
        assert_eq!(shape.family, TokenFamily::App);
        assert_eq!(shape.app_id.as_deref(), Some("1234567890123456"));
    }

    #[test]
    fn not_tokens() {
        assert!(recognise("EAA short").is_none());
        assert!(recognise("{\"a\":1}").is_none());
        assert!(recognise("12|ab").is_none());
    }
}
