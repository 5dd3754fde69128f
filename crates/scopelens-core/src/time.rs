//! Times in words, computed from a `now` the caller passes in.

pub const MINUTE: i64 = 60;
pub const HOUR: i64 = 60 * MINUTE;
pub const DAY: i64 = 24 * HOUR;

/// "in 59 days", "3 days ago", "in 5 hours", "just now".
pub fn relative(now: i64, at: i64) -> String {
    let delta = at.saturating_sub(now);
    let span = delta.unsigned_abs() as i64;
    let amount = if span < MINUTE {
        return "just now".to_string();
    } else if span < HOUR {
        plural(span / MINUTE, "minute")
    } else if span < 2 * DAY {
        plural(span / HOUR, "hour")
    } else {
        plural(span / DAY, "day")
    };
    if delta > 0 {
        format!("in {amount}")
    } else {
        format!("{amount} ago")
    }
}

/// A duration in the largest sensible unit: "60 days", "2 hours".
pub fn duration(seconds: i64) -> String {
    let span = seconds.abs();
    if span >= 2 * DAY {
        plural(span / DAY, "day")
    } else if span >= HOUR {
        plural(span / HOUR, "hour")
    } else {
        plural((span / MINUTE).max(1), "minute")
    }
}

fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// `2024-04-02 23:09 UTC` from unix seconds (proleptic Gregorian calendar).
pub fn utc(at: i64) -> String {
    let days = at.div_euclid(DAY);
    let secs = at.rem_euclid(DAY);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        secs / HOUR,
        (secs % HOUR) / MINUTE
    )
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_words() {
        assert_eq!(relative(1000, 1000 + 59 * DAY + 5), "in 59 days");
        assert_eq!(relative(1000 + 3 * DAY, 1000), "3 days ago");
        assert_eq!(relative(0, 5 * HOUR), "in 5 hours");
        assert_eq!(relative(0, 10), "just now");
        assert_eq!(relative(0, -MINUTE), "1 minute ago");
    }

    #[test]
    fn utc_dates() {
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc(1_712_099_387), "2024-04-02 23:09 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(duration(5_184_000), "60 days");
    }
}

/// `2026-05-03T10:00:00Z` from unix seconds.
pub fn iso(at: i64) -> String {
    let days = at.div_euclid(DAY);
    let secs = at.rem_euclid(DAY);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / HOUR,
        (secs % HOUR) / MINUTE,
        secs % MINUTE
    )
}

/// Reads a leading `YYYY-MM-DD[T ]HH:MM:SS` (UTC assumed; fractions and
/// offsets ignored) as log lines start, into unix seconds.
pub fn parse_leading_timestamp(text: &str) -> Option<i64> {
    let text = text.trim_start_matches(['[', ' ']);
    let b = text.as_bytes();
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> { text.get(range)?.parse().ok() };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    Some(days_from_civil(y, mo as u32, d as u32) * DAY + h * HOUR + mi * MINUTE + s)
}

/// Howard Hinnant's civil-to-days algorithm.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod log_time_tests {
    use super::*;

    #[test]
    fn leading_timestamps() {
        assert_eq!(
            parse_leading_timestamp("2024-04-02T23:09:47Z ERROR x"),
            Some(1_712_099_387)
        );
        assert_eq!(
            parse_leading_timestamp("[2024-04-02 23:09:47.123] x"),
            Some(1_712_099_387)
        );
        assert_eq!(parse_leading_timestamp("{\"a\":1}"), None);
        assert_eq!(iso(1_712_099_387), "2024-04-02T23:09:47Z");
    }
}
