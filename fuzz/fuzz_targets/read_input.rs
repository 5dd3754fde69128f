//! Detection and parsing of every input form: strict JSON, JSON in text,
//! Python reprs, JavaScript literals, tokens, HTTP transcripts.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = scopelens_core::input::read(&text, None);
    let _ = scopelens_core::input::lenient::parse_all(&text);
    let _ = scopelens_core::secrets::redact(&text);
});
