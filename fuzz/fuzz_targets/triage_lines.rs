//! Triage of arbitrary logs under every grouping, through the same reader
//! the CLI and the page's worker use, fed in uneven chunks: the counts
//! always add up, whatever the bytes and wherever they are cut.
#![no_main]
use libfuzzer_sys::fuzz_target;
use scopelens_core::triage::{GroupBy, LogReader};

fuzz_target!(|data: &[u8]| {
    let mut reader = LogReader::new(&GroupBy::ALL);
    // The first byte picks the chunk size, so cuts land everywhere.
    let chunk = usize::from(data.first().copied().unwrap_or(1)).max(1);
    for piece in data.chunks(chunk) {
        reader.push(piece);
    }
    let report = reader.finish().report();
    assert_eq!(report.groups.iter().map(|g| g.count).sum::<u64>(), report.total_errors);
});
