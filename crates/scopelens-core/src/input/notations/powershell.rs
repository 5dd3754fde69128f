//! PowerShell's error record for a failed web request. Windows PowerShell
//! prints the response body after `Invoke-RestMethod : ` and cuts it into
//! lines of the console's width, wherever the width falls (inside a name,
//! a number or a token), then adds `At line:1 char:1` and `+ CategoryInfo`
//! lines. PowerShell 7 writes `Invoke-RestMethod: ` and the body on its
//! own lines. `ConvertTo-Json` (of `$_.ErrorDetails.Message |
//! ConvertFrom-Json`) writes JSON with two spaces after each colon.

/// The cmdlets whose error record holds the response body.
const CMDLETS: &[&str] = &["Invoke-RestMethod", "Invoke-WebRequest"];

/// Longest body joined back, in lines; a response body is short.
const MAX_BODY_LINES: usize = 400;

/// The text with each error record's body joined back into one line, as
/// the server sent it; `None` when the text holds no such record.
pub fn unwrap(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut joined_any = false;
    let mut i = 0;
    while i < lines.len() {
        let Some(body_start) = record_start(lines[i].trim_end_matches(['\r', '\n'])) else {
            out.push_str(lines[i]);
            i += 1;
            continue;
        };
        out.push_str(&lines[i][..body_start]);
        let mut body = lines[i][body_start..]
            .trim_end_matches(['\r', '\n'])
            .to_string();
        i += 1;
        let mut taken = 0;
        while i < lines.len()
            && taken < MAX_BODY_LINES
            && !ends_body(lines[i], !body.trim().is_empty())
        {
            body.push_str(lines[i].trim_end_matches(['\r', '\n']));
            i += 1;
            taken += 1;
        }
        joined_any |= taken > 0;
        out.push_str(&body);
        out.push('\n');
    }
    joined_any.then_some(out)
}

/// Where the body starts on a line that opens an error record.
fn record_start(line: &str) -> Option<usize> {
    CMDLETS.iter().find_map(|cmdlet| {
        let at = line.find(cmdlet)?;
        let rest = &line[at + cmdlet.len()..];
        let after = rest
            .strip_prefix(" : ")
            .or_else(|| rest.strip_prefix(":"))?;
        let after = after.trim_start_matches(' ');
        // The record, not the command line that named the cmdlet.
        (after.is_empty() || after.starts_with(['{', '['])).then(|| line.len() - after.len())
    })
}

/// Whether a line ends the body: the record's position and category lines,
/// a prompt, or a blank line once some body was read.
fn ends_body(line: &str, started: bool) -> bool {
    let trimmed = line.trim();
    (trimmed.is_empty() && started)
        || (trimmed.starts_with("At ") && trimmed.contains(" char:"))
        || trimmed.starts_with("+ ")
        || trimmed == "+"
        || trimmed.starts_with("PS ")
        || trimmed.starts_with("PS>")
}

/// Whether JSON was written by Windows PowerShell's `ConvertTo-Json`: at
/// least two members with two spaces after the colon.
pub fn is_convert_to_json(text: &str) -> bool {
    text.lines()
        .filter(|line| {
            let line = line.trim_start();
            line.starts_with('"')
                && line.find("\":  ").is_some_and(|at| {
                    !line[at + 4..].starts_with(' ') && !line[1..at].contains('"')
                })
        })
        .take(2)
        .count()
        == 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_cut_at_the_console_width_is_joined_back() {
        let text = "PS> irm $url\nInvoke-RestMethod : {\"error\":{\"code\":13\n1030,\"fbtr\nace_id\":\"A\"}}\nAt line:1 char:1\n+ irm $url\n";
        let joined = unwrap(text).unwrap();
        assert!(
            joined.contains(
                "Invoke-RestMethod : {\"error\":{\"code\":131030,\"fbtrace_id\":\"A\"}}\n"
            ),
            "{joined}"
        );
        assert!(joined.contains("At line:1 char:1"));
    }

    #[test]
    fn the_command_line_that_names_the_cmdlet_is_not_a_record() {
        assert_eq!(
            unwrap("PS> Invoke-RestMethod -Uri $u -Method Post\nnext line\n"),
            None
        );
    }

    #[test]
    fn convert_to_json_spacing_is_recognised() {
        assert!(is_convert_to_json(
            "{\n    \"error\":  {\n        \"code\":  190\n    }\n}"
        ));
        assert!(!is_convert_to_json(
            "{\n  \"error\": {\n    \"code\": 190\n  }\n}"
        ));
    }
}
