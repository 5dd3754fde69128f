//! Endpoints of the WhatsApp Cloud API and Business Management API with the
//! permission each needs, and a matcher for what people paste:
//! `POST /v24.0/1234/messages`, a full URL, or a path with a query string.

mod table;

pub use table::ENDPOINTS;

use serde::Serialize;

/// How sure the knowledge base is about an endpoint's permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Stated on an official reference page or in Meta's OpenAPI description.
    Documented,
    /// Inferred from the permission's description; not stated for this endpoint.
    Inferred,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct Endpoint {
    /// `GET`, `POST` or `DELETE`.
    pub method: &'static str,
    /// Path pattern with `{placeholders}`, e.g. `/{phone-number-id}/messages`.
    pub path: &'static str,
    pub summary: &'static str,
    /// Every permission the call needs (all of them).
    pub permissions: &'static [&'static str],
    /// What else is needed besides the permission (asset access, token type, ...).
    pub note: &'static str,
    pub confidence: Confidence,
    pub sources: &'static [&'static str],
}

/// A pasted request matched against the table.
///
/// A pasted path often fits several endpoints: `GET /v24.0/1234` may be a
/// WABA, a phone number, a media file or a template, since all are numeric
/// IDs. `candidates` holds every endpoint whose method and shape fit, most
/// specific first (more literal segments first, then table order); it is
/// empty when nothing fits.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify_next::Tsify),
    tsify(missing_as_null)
)]
pub struct EndpointMatch {
    pub method: String,
    pub path: String,
    pub version: Option<String>,
    pub candidates: Vec<&'static Endpoint>,
}

/// Why a pasted request could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndpointParseError {
    Empty,
    NoPath,
    UnknownMethod(String),
}

impl std::fmt::Display for EndpointParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EndpointParseError::Empty => write!(f, "nothing to match: type a request such as `POST /v24.0/1234/messages`"),
            EndpointParseError::NoPath => write!(f, "no path found: write the method then the path, e.g. `GET /v24.0/1234/phone_numbers`"),
            EndpointParseError::UnknownMethod(m) => write!(f, "`{m}` is not an HTTP method the Graph API uses: use GET, POST or DELETE"),
        }
    }
}

impl std::error::Error for EndpointParseError {}

/// Matches `METHOD PATH` (method optional, defaults to GET) to the table.
pub fn match_endpoint(request: &str) -> Result<EndpointMatch, EndpointParseError> {
    let request = request.trim();
    if request.is_empty() {
        return Err(EndpointParseError::Empty);
    }
    let (method, target) = match request.split_once(char::is_whitespace) {
        Some((first, rest)) if !first.contains('/') => (first.to_ascii_uppercase(), rest.trim()),
        _ if request.contains('/') => ("GET".to_string(), request),
        _ => return Err(EndpointParseError::NoPath),
    };
    if !["GET", "POST", "DELETE", "PUT", "PATCH", "HEAD"].contains(&method.as_str()) {
        return Err(EndpointParseError::UnknownMethod(
            crate::secrets::redact(&method)
                .text
                .chars()
                .take(40)
                .collect(),
        ));
    }
    let (version, segments) = split_path(target).ok_or(EndpointParseError::NoPath)?;
    // What is shown of the request passes the secret scanner first.
    let path = crate::secrets::redact(&format!("/{}", segments.join("/"))).text;
    let mut candidates: Vec<&'static Endpoint> = ENDPOINTS
        .iter()
        .filter(|e| e.method == method && pattern_matches(e.path, &segments))
        .collect();
    // Stable sort: among equally specific patterns, table order decides.
    candidates.sort_by_key(|e| std::cmp::Reverse(literal_segments(e.path)));
    Ok(EndpointMatch {
        method,
        path,
        version,
        candidates,
    })
}

/// Strips scheme, host, query and `vNN.N`, and returns the version and path segments.
fn split_path(target: &str) -> Option<(Option<String>, Vec<&str>)> {
    let target = target.split_whitespace().next()?;
    let without_scheme = target
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(target);
    let path = if target.contains("://") {
        without_scheme
            .find('/')
            .map(|at| &without_scheme[at..])
            .unwrap_or("/")
    } else {
        without_scheme
    };
    // The path ends where a URL's path characters do: a request pasted
    // inside JSON or a log (`…/me","queryString":[…]`) keeps only its path.
    let path = path
        .split(|c: char| !(c.is_ascii_alphanumeric() || "/-._~%:@!$&'()*+,;={}<>".contains(c)))
        .next()
        .unwrap_or("");
    let path = path.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') && !path.contains('/') && path.is_empty() {
        return None;
    }
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let version = match segments.first() {
        Some(first) if is_version(first) => Some(segments.remove(0).to_string()),
        _ => None,
    };
    if segments.is_empty() {
        return None;
    }
    Some((version, segments))
}

fn is_version(segment: &str) -> bool {
    segment.strip_prefix('v').is_some_and(|rest| {
        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
    })
}

fn pattern_matches(pattern: &str, segments: &[&str]) -> bool {
    let parts: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    parts.len() == segments.len()
        && parts.iter().zip(segments).all(|(part, seg)| {
            if part.starts_with('{') {
                placeholder_matches(part, seg)
            } else {
                part == seg
            }
        })
}

/// Placeholders stand for object IDs, which are numeric (or `me`). Two kinds
/// of WhatsApp ID are not numeric and get their own rule instead: group IDs
/// (long opaque base64-like strings) and message QR codes (14 characters).
fn placeholder_matches(placeholder: &str, seg: &str) -> bool {
    match placeholder {
        "{group-id}" => {
            seg.len() >= 20
                && seg.chars().all(|c| c.is_ascii_alphanumeric())
                && seg.chars().any(|c| c.is_ascii_uppercase())
                && seg.chars().any(|c| c.is_ascii_lowercase())
                && seg.chars().any(|c| c.is_ascii_digit())
        }
        "{qr-code-id}" => {
            seg.len() == 14
                && seg
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        }
        _ => (!seg.is_empty() && seg.chars().all(|c| c.is_ascii_digit())) || seg == "me",
    }
}

/// How many segments of a pattern are literal (not placeholders).
fn literal_segments(pattern: &str) -> usize {
    pattern
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .count()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_request_pasted_inside_json_shows_its_path_and_no_secret() {
        let token = format!("EAAGfake{}", "Q7w".repeat(40));
        let har = format!(
            r#"{{"request":{{"url":"https://graph.facebook.com/v24.0/me","queryString":[{{"name":"access_token","value":"{token}"}}]}}}}"#
        );
        let m = super::match_endpoint(&har).unwrap();
        assert_eq!(m.path, "/me");
        let shown = format!("GET /v19.0/debug_token/{token}");
        let m = super::match_endpoint(&shown).unwrap();
        assert!(!m.path.contains(&token[6..30]), "{}", m.path);
    }

    use super::*;
    use crate::kb::permissions::{MANAGEMENT, MESSAGING, PERMISSIONS};
    use std::collections::HashSet;

    fn paths(m: &EndpointMatch) -> Vec<&'static str> {
        m.candidates.iter().map(|e| e.path).collect()
    }

    #[test]
    fn matches_versioned_messages_call() {
        let m = match_endpoint("POST /v24.0/1234567890/messages").unwrap();
        assert_eq!(m.version.as_deref(), Some("v24.0"));
        assert_eq!(paths(&m), ["/{phone-number-id}/messages"]);
        assert_eq!(m.candidates[0].permissions, &[MESSAGING]);
    }

    #[test]
    fn matches_full_url_with_query_and_default_get() {
        let m = match_endpoint(
            "https://graph.facebook.com/v23.0/1029384756/message_templates?limit=10",
        )
        .unwrap();
        assert_eq!(m.method, "GET");
        assert_eq!(m.path, "/1029384756/message_templates");
        assert_eq!(paths(&m), ["/{waba-id}/message_templates"]);
        assert_eq!(m.candidates[0].permissions, &[MANAGEMENT]);
    }

    #[test]
    fn unknown_path_is_not_an_error() {
        let m = match_endpoint("GET /v24.0/123/no_such_edge").unwrap();
        assert!(m.candidates.is_empty());
        let m = match_endpoint("PUT /v24.0/123/messages").unwrap();
        assert!(m.candidates.is_empty());
    }

    #[test]
    fn bare_id_yields_every_node_of_that_shape() {
        let m = match_endpoint("GET /v24.0/1234").unwrap();
        let found = paths(&m);
        assert!(found.len() > 3, "{found:?}");
        for expected in [
            "/{phone-number-id}",
            "/{waba-id}",
            "/{media-id}",
            "/{template-id}",
            "/{flow-id}",
        ] {
            assert!(
                found.contains(&expected),
                "{expected} missing from {found:?}"
            );
        }
        // Group IDs are never numeric.
        assert!(!found.contains(&"/{group-id}"));
        assert!(m.candidates.iter().all(|e| e.method == "GET"));
    }

    #[test]
    fn delete_subscribed_apps() {
        let m = match_endpoint("DELETE /v23.0/1234/subscribed_apps").unwrap();
        assert_eq!(m.method, "DELETE");
        assert_eq!(paths(&m), ["/{waba-id}/subscribed_apps"]);
        assert_eq!(m.candidates[0].method, "DELETE");
        assert_eq!(m.candidates[0].permissions, &[MANAGEMENT]);
    }

    #[test]
    fn register_from_full_url() {
        let m = match_endpoint("POST https://graph.facebook.com/v24.0/1234/register").unwrap();
        assert_eq!(m.version.as_deref(), Some("v24.0"));
        assert_eq!(paths(&m), ["/{phone-number-id}/register"]);
        assert!(m.candidates[0].permissions.contains(&MANAGEMENT));
    }

    #[test]
    fn request_code_fits_phone_numbers_and_preverified_numbers() {
        let m = match_endpoint("post /v24.0/1234/request_code").unwrap();
        assert_eq!(m.method, "POST");
        assert_eq!(
            paths(&m),
            [
                "/{phone-number-id}/request_code",
                "/{preverified-number-id}/request_code"
            ]
        );
    }

    #[test]
    fn debug_token_has_no_placeholder_and_needs_no_permission() {
        let m = match_endpoint("GET /debug_token?input_token=x").unwrap();
        assert_eq!(m.version, None);
        assert_eq!(paths(&m), ["/debug_token"]);
        assert!(m.candidates[0].permissions.is_empty());
        let m = match_endpoint("https://graph.facebook.com/v24.0/debug_token?input_token=EAAB")
            .unwrap();
        assert_eq!(paths(&m), ["/debug_token"]);
    }

    #[test]
    fn client_accounts_take_management_and_owned_accounts_business_management() {
        use crate::kb::permissions::BUSINESS_MANAGEMENT;
        let m = match_endpoint("GET /v27.0/1234/client_whatsapp_business_accounts").unwrap();
        assert_eq!(m.candidates[0].permissions, &[MANAGEMENT]);
        let m = match_endpoint("GET /v27.0/1234/owned_whatsapp_business_accounts").unwrap();
        assert_eq!(m.candidates[0].permissions, &[BUSINESS_MANAGEMENT]);
    }

    #[test]
    fn me_permissions_needs_no_permission() {
        let m = match_endpoint("GET /me/permissions").unwrap();
        assert_eq!(paths(&m), ["/{user-id}/permissions"]);
        assert!(m.candidates[0].permissions.is_empty());
        let m = match_endpoint("DELETE /v24.0/me/permissions").unwrap();
        assert_eq!(paths(&m), ["/{user-id}/permissions"]);
    }

    #[test]
    fn me_fits_id_placeholders() {
        let m = match_endpoint("GET /v24.0/me").unwrap();
        assert!(paths(&m).contains(&"/{waba-id}"));
    }

    #[test]
    fn opaque_group_and_qr_code_ids() {
        let m = match_endpoint(
            "POST /v24.0/Y2FwaV9ncm91cDoxOTUwNTU1MDA3OToxMjAzNjMzOTQzMjAdOTY0MTUZD/participants",
        )
        .unwrap();
        assert_eq!(paths(&m), ["/{group-id}/participants"]);
        assert_eq!(m.candidates[0].permissions, &[MESSAGING]);

        let m = match_endpoint("DELETE /v24.0/1234/message_qrdls/ANED2T5QRU7HG1").unwrap();
        assert_eq!(paths(&m), ["/{phone-number-id}/message_qrdls/{qr-code-id}"]);
        // Edge names are not group IDs.
        let m = match_endpoint("GET /v24.0/whatsapp_business_profile").unwrap();
        assert!(m.candidates.is_empty());
    }

    #[test]
    fn media_download_url_matches() {
        let m = match_endpoint(
            "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=123&ext=456&hash=abc",
        )
        .unwrap();
        assert_eq!(paths(&m), ["/whatsapp_business/attachments"]);
        assert_eq!(m.candidates[0].permissions, &[MESSAGING]);
    }

    #[test]
    fn literal_segments_rank_first() {
        assert!(literal_segments("/debug_token") > literal_segments("/{waba-id}"));
        assert!(
            literal_segments("/whatsapp_business/attachments")
                > literal_segments("/{phone-number-id}/messages")
        );
        for request in [
            "GET /v24.0/1234",
            "GET /v24.0/me",
            "POST /v24.0/1234/request_code",
        ] {
            let m = match_endpoint(request).unwrap();
            let ranks: Vec<usize> = m
                .candidates
                .iter()
                .map(|e| literal_segments(e.path))
                .collect();
            assert!(
                ranks.windows(2).all(|w| w[0] >= w[1]),
                "{request}: {ranks:?}"
            );
        }
    }

    #[test]
    fn bad_requests_say_what_to_type() {
        assert!(matches!(
            match_endpoint("  "),
            Err(EndpointParseError::Empty)
        ));
        assert!(matches!(
            match_endpoint("FLY /v1/x"),
            Err(EndpointParseError::UnknownMethod(_))
        ));
        assert!(matches!(
            match_endpoint("messages"),
            Err(EndpointParseError::NoPath)
        ));
    }

    #[test]
    fn every_endpoint_is_well_formed() {
        for e in ENDPOINTS {
            assert!(["GET", "POST", "DELETE"].contains(&e.method), "{}", e.path);
            assert!(e.path.starts_with('/'), "{}", e.path);
            assert!(!e.path.ends_with('/'), "{}", e.path);
            assert!(!e.sources.is_empty(), "{} {}", e.method, e.path);
            assert!(
                !e.summary.is_empty() && !e.note.is_empty(),
                "{} {}",
                e.method,
                e.path
            );
            for part in e.path.split('/').filter(|s| !s.is_empty()) {
                // A placeholder is a whole segment: `{lower-case-name}`.
                if part.contains('{') || part.contains('}') {
                    let name = part
                        .strip_prefix('{')
                        .and_then(|p| p.strip_suffix('}'))
                        .unwrap_or_else(|| panic!("bad placeholder in {}", e.path));
                    assert!(
                        name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                        "{}",
                        e.path
                    );
                }
            }
            for source in e.sources {
                assert!(source.starts_with("https://"), "{} {}", e.path, source);
            }
        }
    }

    #[test]
    fn every_permission_is_known() {
        let known: HashSet<&str> = PERMISSIONS.iter().map(|p| p.name).collect();
        for e in ENDPOINTS {
            for p in e.permissions {
                assert!(
                    known.contains(p),
                    "{} {} names unknown permission {p}",
                    e.method,
                    e.path
                );
            }
        }
    }

    #[test]
    fn no_duplicate_method_and_path() {
        let mut seen = HashSet::new();
        for e in ENDPOINTS {
            assert!(
                seen.insert((e.method, e.path)),
                "duplicate {} {}",
                e.method,
                e.path
            );
        }
    }

    #[test]
    fn every_endpoint_matches_a_request_built_from_it() {
        for e in ENDPOINTS {
            let path: String = e
                .path
                .split('/')
                .map(|part| match part {
                    "{group-id}" => "Y2FwaV9ncm91cDoxODA1NTU1MDE3MjoxMjAzNjMyMjI3NzE5NjMwNjcZD",
                    "{qr-code-id}" => "ANED2T5QRU7HG1",
                    p if p.starts_with('{') => "1234567890",
                    p => p,
                })
                .collect::<Vec<_>>()
                .join("/");
            let m = match_endpoint(&format!("{} /v24.0{}", e.method, path)).unwrap();
            assert!(
                m.candidates.iter().any(|c| std::ptr::eq(*c, e)),
                "{} {} not matched by {}",
                e.method,
                e.path,
                path
            );
        }
    }
}
