//! `scopelens-loggen --size 1G [--seed N] [--malformed-every N] [--out FILE]`:
//! writes a webhook log and prints the exact expected counts as JSON on stderr.

use scopelens_loggen::{generate, parse_size, Options};
use std::io::{BufWriter, Write};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let Some(target_bytes) = value("--size").as_deref().and_then(parse_size) else {
        eprintln!(
            "usage: scopelens-loggen --size 10M [--seed N] [--malformed-every N] [--out FILE]"
        );
        std::process::exit(2);
    };
    let options = Options {
        target_bytes,
        seed: value("--seed").and_then(|s| s.parse().ok()).unwrap_or(7),
        malformed_every: value("--malformed-every")
            .and_then(|s| s.parse().ok())
            .unwrap_or(0),
    };
    let result = match value("--out") {
        Some(path) => std::fs::File::create(&path).and_then(|f| {
            let mut w = BufWriter::with_capacity(1 << 20, f);
            let e = generate(&mut w, options)?;
            w.flush()?;
            Ok(e)
        }),
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::with_capacity(1 << 20, stdout.lock());
            generate(&mut w, options).and_then(|e| w.flush().map(|_| e))
        }
    };
    match result {
        Ok(e) => {
            let by_code: serde_json::Map<String, serde_json::Value> = e
                .by_code
                .iter()
                .map(|(c, n)| (c.to_string(), (*n).into()))
                .collect();
            eprintln!(
                "{}",
                serde_json::json!({"lines": e.lines, "bytes": e.bytes, "total_errors": e.total_errors,
                    "unreadable_lines": e.unreadable_lines.len(), "by_code": by_code})
            );
        }
        Err(err) => {
            eprintln!("scopelens-loggen: {err}");
            std::process::exit(1);
        }
    }
}
