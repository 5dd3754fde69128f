//! Calendar values the knowledge base records: the month a source was last
//! checked against the live page, and the days Meta dates things by (Graph
//! API version releases and expiries). Pure arithmetic: the caller supplies
//! the current time.

use serde::Serialize;
use std::fmt;

/// A calendar month, e.g. `2026-12`. Ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: u16,
    pub month: u8,
}

impl Month {
    /// Fails to compile when used in a static with a month outside 1..=12.
    pub const fn new(year: u16, month: u8) -> Month {
        assert!(month >= 1 && month <= 12, "a month is 1..=12");
        Month { year, month }
    }

    /// `"2026-12"` in a static: anything but `YYYY-MM` fails to compile.
    pub const fn from_literal(text: &str) -> Month {
        let b = text.as_bytes();
        assert!(b.len() == 7 && b[4] == b'-', "write the month as YYYY-MM");
        let year = digit(b, 0) * 1000 + digit(b, 1) * 100 + digit(b, 2) * 10 + digit(b, 3);
        Month::new(year, (digit(b, 5) * 10 + digit(b, 6)) as u8)
    }

    /// Reads `2026-12` (also `2026-1`).
    pub fn parse(text: &str) -> Option<Month> {
        let (year, month) = text.trim().split_once('-')?;
        let year: u16 = year.parse().ok()?;
        let month: u8 = month.parse().ok()?;
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    /// The month holding a unix time (UTC).
    pub fn containing(unix_seconds: i64) -> Month {
        let (year, month, _) = civil_from_days(unix_seconds.div_euclid(86_400));
        Month {
            year: year.clamp(0, i64::from(u16::MAX)) as u16,
            month,
        }
    }

    /// Whole months from `self` to `later` (negative when `later` is earlier).
    pub fn months_until(self, later: Month) -> i32 {
        (i32::from(later.year) - i32::from(self.year)) * 12 + i32::from(later.month)
            - i32::from(self.month)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A calendar day, e.g. `2026-11-04`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Day {
    pub const fn new(year: u16, month: u8, day: u8) -> Day {
        assert!(month >= 1 && month <= 12 && day >= 1 && day <= 31);
        Day { year, month, day }
    }

    /// Unix time of the day's first second (UTC).
    pub fn unix_start(self) -> i64 {
        days_from_civil(
            i64::from(self.year),
            u32::from(self.month),
            u32::from(self.day),
        ) * 86_400
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

const fn digit(bytes: &[u8], at: usize) -> u16 {
    assert!(bytes[at].is_ascii_digit(), "write the month as YYYY-MM");
    (bytes[at] - b'0') as u16
}

// Howard Hinnant's days-from-civil algorithms (proleptic Gregorian, UTC).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_month_reads_and_prints_the_same() {
        assert_eq!(Month::parse("2026-12"), Some(Month::new(2026, 12)));
        assert_eq!(Month::parse(" 2026-1 "), Some(Month::new(2026, 1)));
        assert_eq!(Month::new(2026, 1).to_string(), "2026-01");
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("December"), None);
    }

    #[test]
    fn months_are_counted_across_years() {
        assert_eq!(Month::new(2026, 9).months_until(Month::new(2027, 3)), 6);
        assert_eq!(Month::new(2027, 3).months_until(Month::new(2026, 9)), -6);
    }

    #[test]
    fn known_days_have_their_unix_times() {
        assert_eq!(Day::new(1970, 1, 1).unix_start(), 0);
        assert_eq!(Day::new(2026, 11, 4).unix_start(), 1_793_750_400);
        assert_eq!(Month::containing(1_793_750_400), Month::new(2026, 11));
    }

    proptest! {
        #[test]
        fn the_month_of_a_day_start_is_that_days_month(y in 1970u16..2200, m in 1u8..=12, d in 1u8..=28) {
            let day = Day::new(y, m, d);
            prop_assert_eq!(Month::containing(day.unix_start()), Month::new(y, m));
            prop_assert_eq!(Month::containing(day.unix_start() + 86_399), Month::new(y, m));
        }
    }
}
