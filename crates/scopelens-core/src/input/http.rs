//! The HTTP facts people paste along with a body: the status line of
//! `curl -i`/`curl -v` output (or `Status: 400` in SDK dumps, or "status code
//! 400" in axios errors) and the `www-authenticate` header.

use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HttpInfo {
    pub status: Option<u16>,
    pub www_authenticate: Option<String>,
}

/// Looks for a status and the `www-authenticate` header, line by line.
pub fn scan(text: &str) -> HttpInfo {
    let mut info = HttpInfo::default();
    for raw in text.lines() {
        // curl -v prefixes response lines with `< ` and request lines with `> `.
        if raw.starts_with("> ") {
            continue;
        }
        let line = raw.trim_start_matches(['<', ' ', '\t']).trim_end();
        if info.status.is_none() {
            info.status = status_of(line);
        }
        if info.www_authenticate.is_none() {
            info.www_authenticate = header_value(line, "www-authenticate");
        }
        if info.status.is_some() && info.www_authenticate.is_some() {
            break;
        }
    }
    info
}

fn status_of(line: &str) -> Option<u16> {
    if let Some(rest) = line.strip_prefix("HTTP/") {
        let mut parts = rest.split_whitespace();
        parts.next()?;
        return parse_status(parts.next()?);
    }
    let lower = line.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("status:") {
        return parse_status(rest.split_whitespace().next()?);
    }
    // `status code 400`, `"statusCode":400`, `"status": 400`, `HTTP status: 400`.
    lower.match_indices("status").find_map(|(at, _)| {
        let rest = lower[at + "status".len()..]
            .trim_start_matches(['_', ' '])
            .trim_start_matches("code")
            .trim_start_matches(['"', '\'', ':', '=', ' ', '\t']);
        parse_status(rest.split(|c: char| !c.is_ascii_digit()).next()?)
    })
}

fn parse_status(word: &str) -> Option<u16> {
    let status: u16 = word.parse().ok()?;
    (100..600).contains(&status).then_some(status)
}

fn header_value(line: &str, name: &str) -> Option<String> {
    let (key, value) = line.split_once(':')?;
    key.trim()
        .eq_ignore_ascii_case(name)
        .then(|| value.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curl_verbose() {
        let info = scan("* Connected\n> GET /v24.0/me HTTP/2\n< HTTP/2 401\n< WWW-Authenticate: OAuth \"Facebook Platform\" \"invalid_token\" \"x\"\n");
        assert_eq!(info.status, Some(401));
        assert_eq!(
            info.www_authenticate.as_deref(),
            Some("OAuth \"Facebook Platform\" \"invalid_token\" \"x\"")
        );
    }

    #[test]
    fn sdk_and_axios_forms() {
        assert_eq!(scan("  Status:  400\n  Response:").status, Some(400));
        assert_eq!(
            scan("AxiosError: Request failed with status code 403").status,
            Some(403)
        );
        assert_eq!(scan("nothing here").status, None);
        assert_eq!(
            scan(r#"Error: {"statusCode":400,"reasonPhrase":"Bad Request"}"#).status,
            Some(400)
        );
        assert_eq!(
            scan("failed returning the following HTTP status: 400 Bad Request").status,
            Some(400)
        );
        assert_eq!(scan(r#"{"status": "failed"}"#).status, None);
    }
}
