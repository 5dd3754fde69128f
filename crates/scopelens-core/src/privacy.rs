//! Customers' personal data: what scopelens keeps of it, which is as little
//! as a diagnosis needs.
//!
//! Payload fields that identify a person (a recipient's phone number, a
//! message ID, which encodes one) are masked when they are read, keeping the
//! last four characters so that two of them can still be told apart. Free
//! text taken from a payload (an error's message or details) has e-mail
//! addresses, phone numbers and card-like numbers masked. Everything else a
//! person could have written (profile names, message bodies) is never read
//! into a payload at all.

/// What stands in front of the kept end of a masked value.
pub const MASK: &str = "•••";

/// `15551234567` → `•••4567`. Values of four characters or fewer are masked whole.
pub fn mask_phone(value: &str) -> String {
    if value.starts_with(MASK) {
        return value.to_string();
    }
    let digits: Vec<char> = value.chars().filter(char::is_ascii_digit).collect();
    if digits.len() <= 4 {
        return MASK.to_string();
    }
    let last: String = digits[digits.len() - 4..].iter().collect();
    format!("{MASK}{last}")
}

/// `wamid.HBgL…ABC123` → `wamid.•••ABC123`: a message ID's body encodes the
/// recipient's phone number, so only its end is kept.
pub fn mask_message_id(value: &str) -> String {
    let (prefix, body) = match value.split_once('.') {
        Some((prefix, body)) if prefix.len() <= 8 => (format!("{prefix}."), body),
        _ => (String::new(), value),
    };
    let chars: Vec<char> = body.chars().collect();
    if chars.len() <= 8 {
        return format!("{prefix}{MASK}");
    }
    let last: String = chars[chars.len() - 6..].iter().collect();
    format!("{prefix}{MASK}{last}")
}

/// Free text as an output may carry it: secrets removed
/// (`secrets::redact`), then personal data masked ([`scrub_text`]).
pub fn clean_text(text: &str) -> String {
    scrub_text(&crate::secrets::redact(text).text)
}

/// Masks e-mail addresses, phone numbers and card-like numbers in free text.
pub fn scrub_text(text: &str) -> String {
    let masked_emails = mask_emails(text);
    mask_number_runs(&masked_emails)
}

fn is_email_local(c: char) -> bool {
    c.is_alphanumeric() || "._%+-".contains(c)
}

fn is_email_domain(c: char) -> bool {
    c.is_alphanumeric() || c == '.' || c == '-'
}

fn mask_emails(text: &str) -> String {
    if !text.contains('@') {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while i < chars.len() {
        if chars[i] == '@' {
            let mut start = i;
            while start > copied && is_email_local(chars[start - 1]) {
                start -= 1;
            }
            let mut end = i + 1;
            while end < chars.len() && is_email_domain(chars[end]) {
                end += 1;
            }
            let domain: String = chars[i + 1..end].iter().collect();
            let domain = domain.trim_end_matches('.');
            if start < i && domain.contains('.') {
                out.extend(&chars[copied..start]);
                out.push_str(MASK);
                out.push('@');
                out.push_str(MASK);
                copied = i + 1 + domain.chars().count();
                i = copied;
                continue;
            }
        }
        i += 1;
    }
    out.extend(&chars[copied..]);
    out
}

/// A run of digits, possibly with single spaces, dashes or dots between
/// groups, and a leading `+`.
struct NumberRun {
    start: usize,
    end: usize,
    digits: String,
    plus: bool,
    separated: bool,
}

fn number_runs(chars: &[char]) -> Vec<NumberRun> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let plus = chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        let starts = (plus || chars[i].is_ascii_digit())
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_'));
        if !starts {
            i += 1;
            continue;
        }
        let start = i;
        if plus {
            i += 1;
        }
        let mut digits = String::new();
        let mut separated = false;
        let mut end = i;
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_digit() {
                digits.push(c);
                i += 1;
                end = i;
            } else if matches!(c, ' ' | '-' | '.' | '(' | ')')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                && !digits.is_empty()
            {
                separated = true;
                i += 1;
            } else {
                break;
            }
        }
        let glued = chars
            .get(end)
            .is_some_and(|c| c.is_alphanumeric() || *c == '_');
        if plus || !glued {
            runs.push(NumberRun {
                start,
                end,
                digits,
                plus,
                separated,
            });
        }
        i = end.max(start + 1);
    }
    runs
}

fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0;
    for (i, d) in digits.bytes().rev().enumerate() {
        let mut n = u32::from(d - b'0');
        if i % 2 == 1 {
            n *= 2;
            if n > 9 {
                n -= 9;
            }
        }
        sum += n;
    }
    sum % 10 == 0
}

/// Whether a run of digits in free text is a phone or card number rather
/// than an ID, a code, a count or a time.
fn is_personal_number(run: &NumberRun) -> bool {
    let n = run.digits.len();
    let card_like = (13..=19).contains(&n)
        && luhn_valid(&run.digits)
        && (run.separated || card_prefix(&run.digits));
    let phone_like = (run.plus && (8..=15).contains(&n))
        || (run.separated && (9..=15).contains(&n))
        || (!run.separated && (10..=14).contains(&n) && !looks_like_unix_time(&run.digits));
    card_like || phone_like
}

/// An unseparated run is taken for a card only with a card network's
/// prefix and length (Visa and Mastercard 16, Amex 15, Discover 16): Graph
/// IDs are 15 to 17 digits too.
fn card_prefix(digits: &str) -> bool {
    let n = digits.len();
    (n == 16
        && (digits.starts_with('4')
            || digits.starts_with('5')
            || digits.starts_with("6011")
            || digits.starts_with("65")))
        || (n == 15 && (digits.starts_with("34") || digits.starts_with("37")))
}

fn looks_like_unix_time(digits: &str) -> bool {
    digits.len() == 10 && digits.starts_with('1')
}

fn mask_number_runs(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for run in number_runs(&chars) {
        if is_personal_number(&run) {
            out.extend(&chars[copied..run.start]);
            out.push_str(&mask_phone(&run.digits));
            copied = run.end;
        }
    }
    out.extend(&chars[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_phone_number_keeps_only_its_last_four_digits() {
        assert_eq!(mask_phone("15551234567"), "•••4567");
        assert_eq!(mask_phone("+1 555-123-4567"), "•••4567");
        assert_eq!(mask_phone("12"), MASK);
    }

    #[test]
    fn a_message_id_keeps_its_prefix_and_end() {
        let id = "wamid.HBgLMTU1NTEyMzQ1NjcVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA";
        let masked = mask_message_id(id);
        assert!(masked.starts_with("wamid.•••"), "{masked}");
        assert!(!masked.contains("HBgLMTU1"));
    }

    #[test]
    fn free_text_loses_emails_phones_and_cards_but_keeps_ids_and_codes() {
        let text = "Recipient +44 7700 900123 (jane.doe@example.com) paid with 4111 1111 1111 1111; WABA 102290129340398, code 131026, at 1700000000.";
        let clean = scrub_text(text);
        for gone in ["7700 900123", "jane.doe", "4111 1111"] {
            assert!(!clean.contains(gone), "{clean}");
        }
        assert!(clean.contains("•••@•••"), "{clean}");
        for kept in ["102290129340398", "131026", "1700000000"] {
            assert!(clean.contains(kept), "{clean}");
        }
    }

    proptest! {
        #[test]
        fn no_phone_number_survives_in_free_text(
            country in 1u32..999,
            number in 100_000_000u64..99_999_999_999,
            before in "[a-zA-Z ,:]{0,20}",
            after in "[a-zA-Z ,.]{0,20}",
        ) {
            let written = format!("+{country}{number}");
            let text = format!("{before} {written}{after}");
            let clean = scrub_text(&text);
            let digits = written[1..].to_string();
            prop_assert!(!clean.contains(&digits[..digits.len() - 4]), "{}", clean);
        }

        #[test]
        fn scrubbing_never_panics_and_is_idempotent(text in "\\PC{0,80}") {
            let once = scrub_text(&text);
            prop_assert_eq!(scrub_text(&once), once);
        }
    }
}
