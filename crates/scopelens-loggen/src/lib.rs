//! scopelens-loggen: writes realistic WhatsApp webhook logs (JSON Lines) with
//! a known, seeded mix of error codes, and returns the exact counts a correct
//! triage must find. Used by the triage tests and `cargo xtask bench`.

use std::collections::BTreeMap;
use std::io::{self, Write};

/// Codes that show up in failed statuses, with relative weights.
const STATUS_CODES: &[(u32, u32)] = &[
    (131026, 30),
    (131047, 25),
    (131049, 15),
    (130472, 8),
    (131031, 3),
    (131000, 4),
    (131053, 3),
    (132001, 5),
    (131999, 1),
];
/// Codes that show up in `value.errors` (account or app level).
const VALUE_CODES: &[(u32, u32)] = &[(130429, 5), (131042, 2), (131000, 1)];
/// Codes logged from synchronous Graph API responses.
const GRAPH_CODES: &[(u32, u32)] = &[
    (190, 6),
    (10, 3),
    (200, 3),
    (100, 4),
    (131030, 4),
    (4, 2),
    (80007, 1),
];

const WABAS: &[&str] = &["102290129340398", "104996122399160", "109221472030488"];
const PHONES: &[&str] = &[
    "106540352242922",
    "107655329012345",
    "113366447788990",
    "118877665544332",
];

/// What the generated log contains.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expected {
    pub lines: u64,
    pub bytes: u64,
    pub total_errors: u64,
    pub by_code: BTreeMap<u32, u64>,
    pub unreadable_lines: Vec<u64>,
}

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub target_bytes: u64,
    pub seed: u64,
    /// Every n-th line is malformed (0: none).
    pub malformed_every: u64,
}

/// A small, fast, seeded generator (xorshift64*): the same seed gives the same log.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn weighted(&mut self, items: &[(u32, u32)]) -> u32 {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.below(u64::from(total)) as u32;
        for (code, weight) in items {
            if roll < *weight {
                return *code;
            }
            roll -= weight;
        }
        items[0].0
    }
}

/// Writes lines until `target_bytes` is reached and returns what was written.
pub fn generate(out: &mut impl Write, options: Options) -> io::Result<Expected> {
    let mut rng = Rng(options.seed.max(1));
    let mut expected = Expected::default();
    let mut line = String::with_capacity(1024);
    let mut time = 1_760_000_000_i64;
    while expected.bytes < options.target_bytes {
        line.clear();
        expected.lines += 1;
        time += rng.below(4) as i64;
        if options.malformed_every > 0 && expected.lines % options.malformed_every == 0 {
            line.push_str("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":");
            expected.unreadable_lines.push(expected.lines);
        } else {
            let code = write_line(&mut line, &mut rng, time);
            if let Some(code) = code {
                expected.total_errors += 1;
                *expected.by_code.entry(code).or_default() += 1;
            }
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
        expected.bytes += line.len() as u64;
    }
    Ok(expected)
}

/// Writes one log line; returns the error code it carries, if any.
fn write_line(line: &mut String, rng: &mut Rng, time: i64) -> Option<u32> {
    let waba = rng.pick(WABAS);
    let phone = rng.pick(PHONES);
    let recipient = 15_550_000_000 + rng.below(9_999_999);
    let wamid = rng.next();
    let roll = rng.below(100);
    let head = format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"{waba}","changes":[{{"field":"messages","value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"15550783881","phone_number_id":"{phone}"}},"#
    );
    let tail = r#"}}]}]}"#;
    match roll {
        0..=59 => {
            let status = *rng.pick(&["sent", "delivered", "read"]);
            line.push_str(&head);
            line.push_str(&format!(
                r#""statuses":[{{"id":"wamid.{wamid:016x}","status":"{status}","timestamp":"{time}","recipient_id":"{recipient}","conversation":{{"id":"{wamid:x}","origin":{{"type":"utility"}}}},"pricing":{{"billable":true,"pricing_model":"PMP","category":"utility"}}}}]"#
            ));
            line.push_str(tail);
            None
        }
        60..=71 => {
            line.push_str(&head);
            line.push_str(&format!(
                r#""contacts":[{{"profile":{{"name":"Customer"}},"wa_id":"{recipient}"}}],"messages":[{{"from":"{recipient}","id":"wamid.{wamid:016x}","timestamp":"{time}","text":{{"body":"Hello, is my order on its way?"}},"type":"text"}}]"#
            ));
            line.push_str(tail);
            None
        }
        72..=91 => {
            let code = rng.weighted(STATUS_CODES);
            line.push_str(&head);
            line.push_str(&format!(
                r#""statuses":[{{"id":"wamid.{wamid:016x}","status":"failed","timestamp":"{time}","recipient_id":"{recipient}","errors":[{{"code":{code},"title":"Failure {code}","message":"Failure {code}","error_data":{{"details":"Generated failure with code {code}."}},"href":"https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}}]}}]"#
            ));
            line.push_str(tail);
            Some(code)
        }
        92..=94 => {
            let code = rng.weighted(VALUE_CODES);
            line.push_str(&head);
            line.push_str(&format!(
                r#""errors":[{{"code":{code},"title":"Failure {code}","message":"Failure {code}","error_data":{{"details":"Generated account-level failure {code}."}}}}]"#
            ));
            line.push_str(tail);
            Some(code)
        }
        _ => {
            let code = rng.weighted(GRAPH_CODES);
            line.push_str(&format!(
                r#"{{"level":"error","time":{time},"msg":"graph call failed","response":{{"error":{{"message":"(#{code}) Generated error","type":"OAuthException","code":{code},"fbtrace_id":"A{wamid:x}"}}}}}}"#
            ));
            Some(code)
        }
    }
}

/// Parses sizes such as `64K`, `10M`, `1G` or a plain number of bytes.
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let (digits, unit) = text.split_at(
        text.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len()),
    );
    let n: u64 = digits.parse().ok()?;
    let factor = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" => 1 << 10,
        "M" | "MB" => 1 << 20,
        "G" | "GB" => 1 << 30,
        _ => return None,
    };
    n.checked_mul(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_log_and_counts_add_up() {
        let opts = Options {
            target_bytes: 200_000,
            seed: 7,
            malformed_every: 50,
        };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let ea = generate(&mut a, opts).unwrap();
        let eb = generate(&mut b, opts).unwrap();
        assert_eq!(a, b);
        assert_eq!(ea, eb);
        assert_eq!(ea.by_code.values().sum::<u64>(), ea.total_errors);
        assert_eq!(ea.bytes, a.len() as u64);
        assert!(ea.by_code.len() >= 10);
        for line in a.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
            let _: serde_json::Value = match serde_json::from_slice(line) {
                Ok(v) => v,
                Err(_) => continue, // the malformed ones
            };
        }
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64K"), Some(65_536));
        assert_eq!(parse_size("1G"), Some(1 << 30));
        assert_eq!(parse_size("12x"), None);
    }
}
