//! The secret scanner on arbitrary text: no panic, and redacting the result
//! again changes nothing and finds nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scopelens_core::secrets::{contains_secret, redact};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let once = redact(text);
    let twice = redact(&once.text);
    assert_eq!(twice.text, once.text, "redacting twice changed the text");
    assert_eq!(twice.count, 0, "a second pass found more");
    assert!(!contains_secret(&once.text));
});
