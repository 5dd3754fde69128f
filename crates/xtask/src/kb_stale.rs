//! `cargo xtask kb-stale [--now YYYY-MM] [--months N]`: the knowledge-base
//! entries whose sources were last checked more than N months (default 6)
//! before the current month, oldest first, so keeping the facts current is
//! a routine: re-read those pages, fix what changed, update the month in
//! `crates/scopelens-core/src/kb/sources.rs`.
//!
//! Exit status 0 when nothing is stale, 1 when something is (so CI can
//! remind), and 1 with a usage message for bad arguments.

use crate::Step;
use scopelens_core::kb::dates::Month;
use scopelens_core::kb::freshness::{stale, Stale};
use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

const USAGE: &str = "usage: cargo xtask kb-stale [--now YYYY-MM] [--months N]";

struct Options {
    now: Month,
    months: i32,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut now = None;
    let mut months = 6;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = |name: &str, v: Option<&String>| {
            v.cloned()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--now" => {
                let v = value("--now", args.next())?;
                now =
                    Some(Month::parse(&v).ok_or_else(|| {
                        format!("--now takes a month such as 2027-06, not `{v}`")
                    })?);
            }
            "--months" => {
                let v = value("--months", args.next())?;
                months =
                    v.parse::<i32>().ok().filter(|m| *m >= 0).ok_or_else(|| {
                        format!("--months takes a whole number of months, not `{v}`")
                    })?;
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let now = match now {
        Some(m) => m,
        None => {
            let secs = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_err(|e| format!("the clock is before 1970: {e}"))?
                .as_secs();
            Month::containing(i64::try_from(secs).unwrap_or(i64::MAX))
        }
    };
    Ok(Options { now, months })
}

/// The report: each stale source once, with the entries citing it.
fn report(found: &[Stale], opts: &Options) -> String {
    let mut by_source: BTreeMap<(i32, &str), Vec<&str>> = BTreeMap::new();
    for s in found {
        by_source
            .entry((-s.age_months, s.source.url))
            .or_default()
            .push(&s.entry);
    }
    let mut out = format!(
        "{} source(s) last checked more than {} month(s) before {}, cited by {} entr{}:\n",
        by_source.len(),
        opts.months,
        opts.now,
        found.len(),
        if found.len() == 1 { "y" } else { "ies" }
    );
    for ((_, url), entries) in &by_source {
        let s = found
            .iter()
            .find(|s| s.source.url == *url)
            .map(|s| s.source)
            .expect("grouped from found");
        let age = if s.name.starts_with('(') {
            "never checked".to_string()
        } else {
            format!("checked {}", s.checked)
        };
        out.push_str(&format!("\n{} ({age})\n  {url}\n", s.name));
        for e in entries {
            out.push_str(&format!("  - {e}\n"));
        }
    }
    out
}

pub fn kb_stale(args: &[String]) -> Step {
    let opts = options(args)?;
    let found = stale(opts.now, opts.months);
    if found.is_empty() {
        println!(
            "Every source the knowledge base cites was checked within {} month(s) of {}.",
            opts.months, opts.now
        );
        return Ok(());
    }
    print!("{}", report(&found, &opts));
    Err(format!(
        "{} entr{} cite stale sources: re-check them and update kb/sources.rs",
        found.len(),
        if found.len() == 1 { "y" } else { "ies" }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_month_and_the_age_are_read_from_the_arguments() {
        let o = options(&args(&["--now", "2027-06", "--months", "3"])).unwrap();
        assert_eq!(o.now, Month::new(2027, 6));
        assert_eq!(o.months, 3);
    }

    #[test]
    fn bad_arguments_say_what_to_type() {
        for bad in [
            &["--now"][..],
            &["--now", "June"],
            &["--months", "-1"],
            &["--frobnicate"],
        ] {
            let e = options(&args(bad)).err().expect("refused");
            assert!(e.contains("month") || e.contains("usage"), "{e}");
        }
    }

    #[test]
    fn a_year_later_everything_is_reported_once_per_source() {
        let o = options(&args(&["--now", "2099-01"])).unwrap();
        let found = stale(o.now, o.months);
        assert!(!found.is_empty());
        let text = report(&found, &o);
        assert!(text.contains("error 190/463"), "{text}");
        let headers = text.lines().filter(|l| l.contains("(checked ")).count();
        let urls: std::collections::HashSet<_> = found.iter().map(|s| s.source.url).collect();
        assert_eq!(headers, urls.len());
    }
}
