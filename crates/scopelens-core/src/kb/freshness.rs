//! How old the knowledge base's facts are: every entry with the sources it
//! cites, and which of them were checked too long ago. The caller gives the
//! current month (`cargo xtask kb-stale` reads the clock; the core does not).

use super::access::{recommend, Accounts, Answers, AppMode};
use super::dates::Month;
use super::sources::{Source, SOURCES};
use super::{endpoints, errors, facts, fields, intents, permissions, versions};
use serde::Serialize;

/// One knowledge-base entry and a source it cites.
#[derive(Debug, Clone, Serialize)]
pub struct SourceUse {
    /// How the entry is named: `error 190/463`, `endpoint GET /{waba-id}`, `fact access-verification`.
    pub entry: String,
    pub url: &'static str,
}

/// Every entry of every table with each source it cites.
pub fn uses() -> Vec<SourceUse> {
    let mut out = Vec::new();
    let mut add = |entry: String, urls: &[&'static str]| {
        for url in urls {
            out.push(SourceUse {
                entry: entry.clone(),
                url,
            });
        }
    };
    for e in errors::CATALOG {
        add(format!("error {}", e.label()), e.sources);
    }
    for m in errors::messages::MESSAGES {
        add(format!("message of error {}", m.code), &[m.source]);
    }
    for (first, last, family) in errors::FAMILIES {
        add(format!("error family {first}-{last}"), &[family.source]);
    }
    for e in endpoints::ENDPOINTS {
        add(format!("endpoint {} {}", e.method, e.path), e.sources);
    }
    for p in permissions::PERMISSIONS {
        add(format!("permission {}", p.name), p.sources);
    }
    for i in intents::INTENTS {
        add(format!("intent {}", i.slug), i.sources);
    }
    for f in fields::FIELDS {
        add(format!("field {:?}.{}", f.kind, f.name), &[f.source]);
    }
    for f in facts::FACTS {
        add(format!("fact {}", f.id), f.sources);
    }
    add("graph api versions".into(), versions::VERSION_SOURCES);
    for (name, answers) in access_situations() {
        add(format!("access plan {name}"), &recommend(&answers).sources);
    }
    out
}

/// The situations the wizard distinguishes, for listing their plans' sources.
fn access_situations() -> [(&'static str, Answers); 3] {
    let clients = Answers {
        accounts: Accounts::Clients,
        embedded_signup: true,
        ..Answers::default()
    };
    [
        (
            "own",
            Answers {
                mode: AppMode::Development,
                ..Answers::default()
            },
        ),
        ("clients", clients.clone()),
        (
            "solution partner",
            Answers {
                shares_credit_line: true,
                ..clients
            },
        ),
    ]
}

/// An entry citing a source last checked before the cut-off.
#[derive(Debug, Clone, Serialize)]
pub struct Stale {
    pub entry: String,
    pub source: Source,
    /// Months between the check and `now`.
    pub age_months: i32,
}

/// Entries whose sources were checked more than `max_age_months` before
/// `now`, oldest first. A source missing from the table counts as never
/// checked (age `i32::MAX`).
pub fn stale(now: Month, max_age_months: i32) -> Vec<Stale> {
    let mut out: Vec<Stale> = uses()
        .into_iter()
        .filter_map(|u| {
            let source = SOURCES.iter().find(|s| s.url == u.url).copied();
            let (source, age) = match source {
                Some(s) => (s, s.checked.months_until(now)),
                None => (
                    Source {
                        name: "(not in the sources table)",
                        url: u.url,
                        checked: Month::new(1970, 1),
                    },
                    i32::MAX,
                ),
            };
            (age > max_age_months).then_some(Stale {
                entry: u.entry,
                source,
                age_months: age,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.age_months
            .cmp(&a.age_months)
            .then_with(|| a.entry.cmp(&b.entry))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::sources::checked;
    use std::collections::HashSet;

    #[test]
    fn every_source_any_entry_cites_has_a_check_month() {
        let undated: Vec<String> = uses()
            .into_iter()
            .filter(|u| checked(u.url).is_none())
            .map(|u| format!("{}: {}", u.entry, u.url))
            .collect();
        assert!(undated.is_empty(), "sources without a date: {undated:#?}");
    }

    #[test]
    fn every_source_is_listed_once_and_is_a_web_page() {
        let mut urls = HashSet::new();
        let mut names = HashSet::new();
        for s in SOURCES {
            assert!(urls.insert(s.url), "{} listed twice", s.url);
            assert!(names.insert(s.name), "{} listed twice", s.name);
            assert!(s.url.starts_with("https://"), "{}", s.url);
            assert!(!s.url.contains(char::is_whitespace), "{}", s.url);
        }
    }

    #[test]
    fn every_table_is_enumerated() {
        let entries: HashSet<String> = uses().into_iter().map(|u| u.entry).collect();
        for prefix in [
            "error ",
            "error family ",
            "endpoint ",
            "permission ",
            "intent ",
            "field ",
            "fact ",
            "graph api versions",
            "access plan ",
        ] {
            assert!(
                entries.iter().any(|e| e.starts_with(prefix)),
                "nothing under {prefix}"
            );
        }
    }

    #[test]
    fn staleness_follows_the_month_given() {
        let newest = crate::kb::sources::facts_as_of();
        assert!(stale(newest, 6).is_empty() || SOURCES.iter().any(|s| s.checked < newest));
        let oldest = SOURCES.iter().map(|s| s.checked).min().unwrap();
        let much_later = Month::new(oldest.year + 1, oldest.month);
        let old = stale(much_later, 6);
        assert!(!old.is_empty());
        assert!(old.iter().all(|s| s.age_months > 6));
        assert!(old.windows(2).all(|w| w[0].age_months >= w[1].age_months));
        // Nothing is stale on the day of its check.
        assert!(stale(oldest, 0).is_empty());
    }
}
