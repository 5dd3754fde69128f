//! The whole diagnosis, with every kind override and a WABA/app context, and
//! the Markdown rendering of the result. Also checks the no-echo promise.
#![no_main]
use libfuzzer_sys::fuzz_target;
use scopelens_core::{diagnose, Context, InputKind};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let kinds = [None, Some(InputKind::DebugToken), Some(InputKind::GraphError), Some(InputKind::WebhookError), Some(InputKind::Permissions)];
    let kind = kinds[data.first().map_or(0, |b| *b as usize % kinds.len())];
    let ctx = Context { now: 1_760_000_000, waba_id: Some("102290129340398".into()), app_id: Some("1".into()), kind, ..Context::default() };
    let d = diagnose(&text, &ctx);
    let md = scopelens_core::render::to_markdown(&d);
    assert!(!scopelens_core::secrets::contains_secret(&md) || scopelens_core::secrets::contains_secret(&text));
});
