//! The forgiving reader on its own: every start found in free text, every
//! dialect. Nothing panics, reads end inside the text on a character
//! boundary, and strict JSON reads exactly as serde_json reads it.
#![no_main]
use libfuzzer_sys::fuzz_target;
use scopelens_core::input::lenient::{self, MAX_DEPTH};
use serde_json::Value;

/// The same JSON value, numbers compared by value (`1` and `1.0` are one
/// JSON number) and to within the last bit of a float: the reader rounds
/// correctly, as Rust's parser does, and serde_json's default parser does
/// not always.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => x == y || x.to_bits().abs_diff(y.to_bits()) <= 1,
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let whole = lenient::parse_all(&text);
    if let (Ok(strict), Ok((read, _))) = (serde_json::from_str::<Value>(&text), &whole) {
        assert!(same(&strict, read), "strict JSON read differently: {strict:?} and {read:?}");
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
