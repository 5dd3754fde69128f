//! Graph API versions: which is current, when each was released and when it
//! stops working. The live check's default version is [`CURRENT_VERSION`].

use super::dates::Day;
use super::sources::*;
use serde::Serialize;

#[derive(Debug, Clone, Copy, Serialize)]
pub struct GraphVersion {
    /// As written in a request path: `v26.0`.
    pub name: &'static str,
    pub released: Day,
    /// `None` while Meta says "TBD".
    pub expires: Option<Day>,
}

/// The newest version Meta lists.
pub const CURRENT_VERSION: &str = "v27.0";

/// Where the dates come from. The changelog lists v27.0's release on
/// 2026-11-04; the reference pages' examples use v27.0.
pub const VERSION_SOURCES: &[&str] = &[GRAPH_CHANGELOG, GRAPH_VERSIONS, GRAPH_SUBSCRIBED_APPS];

const fn v(name: &'static str, released: Day, expires: Option<Day>) -> GraphVersion {
    GraphVersion {
        name,
        released,
        expires,
    }
}

/// Newest first. Versions older than the last row expired before it did.
pub static VERSIONS: &[GraphVersion] = &[
    v("v27.0", Day::new(2026, 11, 4), None),
    v("v26.0", Day::new(2026, 7, 29), None),
    v("v25.0", Day::new(2026, 2, 18), Some(Day::new(2028, 7, 29))),
    v("v24.0", Day::new(2025, 10, 8), Some(Day::new(2028, 2, 18))),
    v("v23.0", Day::new(2025, 5, 29), Some(Day::new(2027, 10, 8))),
    v("v22.0", Day::new(2025, 1, 21), Some(Day::new(2027, 5, 20))),
    v("v21.0", Day::new(2024, 10, 2), Some(Day::new(2027, 1, 21))),
    v("v20.0", Day::new(2024, 5, 21), Some(Day::new(2026, 9, 24))),
    v("v19.0", Day::new(2024, 1, 23), Some(Day::new(2026, 5, 21))),
    v("v18.0", Day::new(2023, 9, 12), Some(Day::new(2026, 1, 26))),
    v("v17.0", Day::new(2023, 5, 23), Some(Day::new(2025, 9, 12))),
    v("v16.0", Day::new(2023, 2, 2), Some(Day::new(2025, 5, 14))),
];

/// Whether a version still works at `now` (unix seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionStatus {
    Current,
    /// Still served; `expires` is set once Meta has announced the date.
    Supported {
        expires: Option<Day>,
    },
    Expired {
        on: Option<Day>,
    },
    /// Not a version Meta has released (by the table), e.g. a typo or a future number.
    Unknown,
}

/// Reads `v24.0`, `24.0` or `v24` as a version name in the table's form.
pub fn normalise(text: &str) -> Option<String> {
    let t = text.trim().trim_start_matches(['v', 'V']);
    let (major, minor) = t.split_once('.').unwrap_or((t, "0"));
    let major: u32 = major.parse().ok()?;
    let minor: u32 = minor.parse().ok()?;
    Some(format!("v{major}.{minor}"))
}

/// The status of a version at `now`.
pub fn status(version: &str, now: i64) -> VersionStatus {
    let Some(name) = normalise(version) else {
        return VersionStatus::Unknown;
    };
    if let Some(v) = VERSIONS.iter().find(|v| v.name == name) {
        return match v.expires {
            Some(day) if day.unix_start() <= now => VersionStatus::Expired { on: Some(day) },
            _ if v.name == CURRENT_VERSION => VersionStatus::Current,
            expires => VersionStatus::Supported { expires },
        };
    }
    let major = |n: &str| {
        n.trim_start_matches('v')
            .split('.')
            .next()
            .and_then(|m| m.parse::<u32>().ok())
    };
    let oldest = VERSIONS.last().and_then(|v| major(v.name));
    match (major(&name), oldest) {
        (Some(m), Some(oldest)) if m < oldest => VersionStatus::Expired { on: None },
        _ => VersionStatus::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::dates::Day;
    use std::collections::HashSet;

    const DEC_2026: i64 = 1_796_083_200; // 2026-12-01

    #[test]
    fn the_current_version_is_the_newest_row() {
        assert_eq!(VERSIONS[0].name, CURRENT_VERSION);
        assert!(VERSIONS.windows(2).all(|w| w[0].released > w[1].released));
    }

    #[test]
    fn every_version_is_listed_once_and_expires_after_release() {
        let mut seen = HashSet::new();
        for v in VERSIONS {
            assert!(seen.insert(v.name), "{} listed twice", v.name);
            assert_eq!(normalise(v.name).as_deref(), Some(v.name));
            if let Some(e) = v.expires {
                assert!(e > v.released, "{}", v.name);
            }
        }
    }

    #[test]
    fn versions_are_judged_at_the_time_given() {
        assert_eq!(status("v27.0", DEC_2026), VersionStatus::Current);
        assert_eq!(
            status("v20.0", DEC_2026),
            VersionStatus::Expired {
                on: Some(Day::new(2026, 9, 24))
            }
        );
        assert!(matches!(
            status("20.0", Day::new(2026, 9, 23).unix_start()),
            VersionStatus::Supported { .. }
        ));
        assert_eq!(
            status("v12.0", DEC_2026),
            VersionStatus::Expired { on: None }
        );
        assert_eq!(status("v99.0", DEC_2026), VersionStatus::Unknown);
        assert_eq!(status("latest", DEC_2026), VersionStatus::Unknown);
    }
}
