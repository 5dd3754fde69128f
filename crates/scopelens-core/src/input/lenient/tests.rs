use super::*;
use serde_json::json;

#[test]
fn strict_json() {
    let (v, d) = parse_all(r#"{"a": [1, 2.5, "x\n\u00e9"], "b": null}"#).unwrap();
    assert_eq!(v, json!({"a": [1, 2.5, "x\né"], "b": null}));
    assert_eq!(d, Dialect::default());
}
