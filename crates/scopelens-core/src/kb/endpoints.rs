//! Endpoints of the WhatsApp Cloud API and Business Management API with the
//! permission each needs, and a matcher for what people paste:
//! `POST /v24.0/1234/messages`, a full URL, or a path with a query string.

mod table;

pub use table::ENDPOINTS;

use serde::Serialize;

/// How sure the knowledge base is about an endpoint's permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Stated on an official reference page or in Meta's OpenAPI description.
    Documented,
    /// Inferred from the permission's description; not stated for this endpoint.
    Inferred,
}

#[derive(Debug, Clone, Copy, Serialize)]
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

/// A pasted request matched to an endpoint.
#[derive(Debug, Clone, Serialize)]
pub struct EndpointMatch {
    pub method: String,
    pub path: String,
    pub version: Option<String>,
    pub endpoint: Option<&'static Endpoint>,
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
        return Err(EndpointParseError::UnknownMethod(method));
    }
    let (version, segments) = split_path(target).ok_or(EndpointParseError::NoPath)?;
    let path = format!("/{}", segments.join("/"));
    let endpoint = ENDPOINTS
        .iter()
        .filter(|e| e.method == method)
        .find(|e| pattern_matches(e.path, &segments));
    Ok(EndpointMatch {
        method,
        path,
        version,
        endpoint,
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
                // Placeholders stand for object IDs, which are numeric (or `me`).
                seg.chars().all(|c| c.is_ascii_digit()) || *seg == "me"
            } else {
                part == seg
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::permissions::{MANAGEMENT, MESSAGING};

    #[test]
    fn matches_versioned_messages_call() {
        let m = match_endpoint("POST /v24.0/1234567890/messages").unwrap();
        assert_eq!(m.version.as_deref(), Some("v24.0"));
        assert_eq!(m.endpoint.unwrap().permissions, &[MESSAGING]);
    }

    #[test]
    fn matches_full_url_with_query_and_default_get() {
        let m = match_endpoint(
            "https://graph.facebook.com/v23.0/1029384756/message_templates?limit=10",
        )
        .unwrap();
        assert_eq!(m.method, "GET");
        assert_eq!(m.endpoint.unwrap().permissions, &[MANAGEMENT]);
    }

    #[test]
    fn unknown_path_is_not_an_error() {
        let m = match_endpoint("GET /v24.0/123/no_such_edge").unwrap();
        assert!(m.endpoint.is_none());
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
            assert!(!e.sources.is_empty(), "{} {}", e.method, e.path);
        }
    }
}
