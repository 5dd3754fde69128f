//! Share-link decoding of arbitrary fragments, and encode→decode round trips.
#![no_main]
use libfuzzer_sys::fuzz_target;
use scopelens_core::share::{decode_share, encode_share, LookupState, ShareState, SharedView};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = decode_share(&text);
    let _ = decode_share(&format!("#v1={text}"));
    let state = ShareState {
        input: text.to_string(),
        ..ShareState::default()
    };
    if let Ok(fragment) = encode_share(&state) {
        let back = decode_share(&fragment).expect("a link we made decodes");
        assert!(!scopelens_core::secrets::contains_secret(&back.input));
    }
    let lookup = LookupState {
        query: text.to_string(),
        filter: text.to_string(),
        category: None,
    };
    for view in [
        SharedView::Endpoint(text.to_string()),
        SharedView::Lookup(lookup),
    ] {
        let state = ShareState {
            view: Some(view),
            ..ShareState::default()
        };
        if let Ok(fragment) = encode_share(&state) {
            decode_share(&fragment).expect("a link we made decodes");
        }
    }
});
