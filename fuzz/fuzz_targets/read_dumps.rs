//! The forgiving reader on its own: every start found in free text, every
//! dialect. Nothing panics, reads end inside the text on a character
//! boundary, and strict JSON reads exactly as serde_json reads it.
#![no_main]
use libfuzzer_sys::fuzz_target;
use scopelens_core::input::lenient::{self, MAX_DEPTH};
use serde_json::Value;

/// Numbers compared by value: `1` and `1.0` are one JSON number.
fn by_value(v: &Value) -> Value {
    match v {
        Value::Number(n) => n.as_f64().map_or(Value::Null, Value::from),
        Value::Array(items) => Value::Array(items.iter().map(by_value).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), by_value(v))).collect()),
        other => other.clone(),
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let whole = lenient::parse_all(&text);
    if let (Ok(strict), Ok((read, _))) = (serde_json::from_str::<Value>(&text), &whole) {
        assert_eq!(by_value(&strict), by_value(read), "strict JSON read differently");
    }
    if let Ok((_, dialect)) = &whole {
        assert!(dialect.elided_paths.len() <= 32 && dialect.hidden_paths.len() <= 32);
        assert!(dialect.elided >= dialect.elided_paths.len());
    }
    let mut from = 0;
    let mut tries = 0;
    while let Some(start) = lenient::next_start(&text, from) {
        assert!(start >= from && start < text.len());
        if let Ok((_, end, _)) = lenient::parse_prefix(&text, start) {
            assert!(end > start && end <= text.len() && text.is_char_boundary(end));
        }
        from = start + 1;
        tries += 1;
        if tries > 256 {
            break;
        }
    }
    let _ = lenient::parse_members(&text);
    let _ = MAX_DEPTH;
});
