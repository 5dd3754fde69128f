//! Throughput of `secrets::redact` on its own, on the fixture corpus and on
//! large generated pastes. Ignored by default (timings on a shared machine
//! are not assertions); run with
//! `cargo test -p scopelens-core --release --test leaks_speed -- --ignored --nocapture`.

use scopelens_core::secrets::redact;
use std::time::Instant;

fn fixtures() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let mut texts = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(root)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                texts.push(text);
            }
        }
    }
    texts
}

fn megabytes_per_second(texts: &[String], rounds: usize) -> f64 {
    let bytes: usize = texts.iter().map(String::len).sum::<usize>() * rounds;
    let started = Instant::now();
    for _ in 0..rounds {
        for text in texts {
            std::hint::black_box(redact(std::hint::black_box(text)));
        }
    }
    bytes as f64 / started.elapsed().as_secs_f64() / 1e6
}

#[test]
#[ignore]
fn redaction_throughput() {
    let corpus = fixtures();
    let status = r#"{"id":"wamid.HBgLMTY1MDUwNzY1MjAVAgASGBQzQTcwQzRCMDU4QzUyOUMzRjhBMwA=","status":"failed","timestamp":"1700000000","recipient_id":"16505076520","errors":[{"code":131026,"title":"Message undeliverable","message":"Message undeliverable","error_data":{"details":"Message Undeliverable."}}]}"#;
    let webhook = vec![status; 1_000_000 / status.len()].join(",");
    let escaped = serde_json::to_string(&webhook).unwrap();
    let unicode = "Сообщение не доставлено — “quoted” text ".repeat(25_000);
    for (name, texts, rounds) in [
        ("fixtures", corpus, 20),
        ("webhook 1 MB", vec![webhook], 5),
        ("escaped webhook 1 MB", vec![escaped], 5),
        ("non-ASCII 1 MB", vec![unicode], 5),
    ] {
        eprintln!("{name}: {:.1} MB/s", megabytes_per_second(&texts, rounds));
    }
}
