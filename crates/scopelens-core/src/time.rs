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
