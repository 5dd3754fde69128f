//! Triage of arbitrary log lines under every grouping.
#![no_main]
use libfuzzer_sys::fuzz_target;
use scopelens_core::triage::{GroupBy, Triage};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut triage = Triage::new(&GroupBy::ALL);
    for (n, line) in text.lines().enumerate() {
        triage.add_line(n as u64 + 1, line);
    }
    let report = triage.report();
    assert_eq!(report.groups.iter().map(|g| g.count).sum::<u64>(), report.total_errors);
});
