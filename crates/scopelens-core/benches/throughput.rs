//! Native throughput of detection plus diagnosis per input kind, next to a
//! plain `serde_json` parse of the same bytes (the floor the core cannot
//! beat). Run by `cargo xtask bench`; see BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use scopelens_core::{diagnose, Context};
use std::hint::black_box;

macro_rules! fixture {
    ($path:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/",
            $path
        ))
    };
}

/// One representative payload per input kind and form.
const CASES: &[(&str, &str)] = &[
    (
        "debug_token",
        fixture!("debug_token/embedded_signup_user.json"),
    ),
    (
        "permissions",
        fixture!("permissions/seed_one_declined.json"),
    ),
    (
        "graph_error",
        fixture!("graph_error/meta_130429_rate_limit.json"),
    ),
    (
        "webhook_error",
        fixture!("webhook_error/status_failed_131026.json"),
    ),
    ("curl_output", fixture!("messy/curl_i_190_expired.txt")),
    ("python_repr", fixture!("messy/python_requests_repr_4.txt")),
];

/// A 1 MB webhook delivery with many failed statuses.
fn large_webhook() -> String {
    let status = r#"{"id":"wamid.HBgLMTY1MDUwNzY1MjAVAgASGBQzQTcwQzRCMDU4QzUyOUMzRjhBMwA=","status":"failed","timestamp":"1700000000","recipient_id":"16505076520","errors":[{"code":131026,"title":"Message undeliverable","message":"Message undeliverable","error_data":{"details":"Message Undeliverable."}}]}"#;
    let count = 1_000_000 / status.len();
    let statuses = vec![status; count].join(",");
    format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"102290129340398","changes":[{{"field":"messages","value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"15550783881","phone_number_id":"106540352242922"}},"statuses":[{statuses}]}}}}]}}]}}"#
    )
}

fn throughput(c: &mut Criterion) {
    let ctx = Context::at(1_760_000_000);
    let large = large_webhook();
    let mut cases: Vec<(&str, &str)> = CASES.to_vec();
    cases.push(("webhook_1mb", &large));
    for (name, text) in cases {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        if serde_json::from_str::<serde_json::Value>(text).is_ok() {
            group.bench_with_input(BenchmarkId::new("json_parse", name), text, |b, t| {
                b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(t)).ok())
            });
        }
        group.bench_with_input(BenchmarkId::new("diagnose", name), text, |b, t| {
            b.iter(|| diagnose(black_box(t), &ctx))
        });
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = throughput
}
criterion_main!(benches);
