//! Properties of the reader: every JSON value printed the way each language
//! prints it reads back to the same value (up to what the notation cannot
//! tell apart, normalised below); nothing panics; reading stays linear.
//!
//! Renderers: JSON, Python `repr`, Node `util.inspect` (with and without a
//! depth limit), Ruby `inspect` (old and 3.4 spacing), PHP `print_r` (as
//! printed and flattened onto one line), `var_dump`, `var_export`, Symfony
//! VarDumper, Java `Map.toString` (`=` and `: ` forms), Go `%+v` (maps and
//! structs).

use super::*;
use proptest::prelude::*;
use serde_json::json;

/// Keys as Graph writes them: lower case words joined by `_`, which every
/// notation keeps or maps back (Go's `ErrorSubcode` → `error_subcode`).
fn key() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{1,5}(_[a-z][a-z0-9]{1,5}){0,2}"
}

/// Strings for notations that quote them: anything printable, quotes,
/// backslashes and non-ASCII included.
fn quoted_text() -> impl Strategy<Value = String> {
    "[^\\p{C}]{0,24}"
}

/// Strings for notations that print them bare (Java, Go, print_r): words
/// of letters, digits and `.'#/_-`, single spaces between. Commas before
/// `key=`, `Key:` inside a Go value and brackets are the documented limits
/// of those notations.
fn bare_text() -> impl Strategy<Value = String> {
    "([A-Za-z0-9.'#/_-]{1,8}( [A-Za-z0-9.'#/_-]{1,8}){0,3})?".prop_filter(
        "a keyword or a placeholder reads as something else",
        |s| {
            let taken = [
                "true",
                "false",
                "null",
                "nil",
                "None",
                "NULL",
                "True",
                "False",
                "undefined",
                "NaN",
                "Infinity",
                "TRUE",
                "FALSE",
            ];
            !s.split(' ').any(|w| {
                taken.contains(&w)
                    || placeholder_len(w.as_bytes()).is_some()
                    || w.starts_with("...")
                    || w.starts_with('\'')
                    || w.starts_with('-') && !s.starts_with('-')
            }) && !taken.contains(&s.as_str())
                // ` //` would start a JavaScript comment, which `{a: [x //]}` may be.
                && !s.contains(" /")
                && !s.starts_with(['.', '-', '#', '/', '\''])
                && placeholder_len(s.as_bytes()).is_none()
        },
    )
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        (-100_000i64..100_000).prop_map(|n| json!(n)),
        (-10_000i64..10_000, 1u32..4).prop_map(|(n, places)| {
            let f = n as f64 / 10f64.powi(places as i32);
            json!(f)
        }),
    ]
}

fn value_with(text: BoxedStrategy<String>) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        text.prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A document: an object at the top, as every payload is.
fn document_with(text: BoxedStrategy<String>) -> impl Strategy<Value = Value> {
    prop::collection::btree_map(key(), value_with(text), 0..6)
        .prop_map(|m| Value::Object(m.into_iter().collect()))
}

fn quoted_document() -> impl Strategy<Value = Value> {
    document_with(quoted_text().boxed())
}

fn bare_document() -> impl Strategy<Value = Value> {
    document_with(bare_text().boxed())
}

// ---- renderers -------------------------------------------------------------

fn indent(depth: usize) -> String {
    "  ".repeat(depth)
}

fn number_text(n: &Number) -> String {
    n.to_string()
}

fn python(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Number(n) => number_text(n),
        Value::String(s) => python_str(s),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(python).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}: {}", python_str(k), python(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn python_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Node's `util.inspect`, objects below `depth_limit` shown as `[Object]`
/// and `[Array]` as Node does; long strings split with `+` across lines.
fn node(v: &Value, depth: usize, depth_limit: usize) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number_text(n),
        Value::String(s) => {
            let chars: Vec<char> = s.chars().collect();
            if chars.len() > 16 {
                let (a, b) = chars.split_at(chars.len() / 2);
                let (a, b): (String, String) = (a.iter().collect(), b.iter().collect());
                format!("{} +\n{}{}", node_str(&a), indent(depth + 1), node_str(&b))
            } else {
                node_str(s)
            }
        }
        Value::Array(_) if depth > depth_limit => "[Array]".into(),
        Value::Object(_) if depth > depth_limit => "[Object]".into(),
        Value::Array(items) if items.is_empty() => "[]".into(),
        Value::Object(map) if map.is_empty() => "{}".into(),
        Value::Array(items) => format!(
            "[\n{}\n{}]",
            items
                .iter()
                .map(|i| format!("{}{}", indent(depth + 1), node(i, depth + 1, depth_limit)))
                .collect::<Vec<_>>()
                .join(",\n"),
            indent(depth)
        ),
        Value::Object(map) => format!(
            "{{\n{}\n{}}}",
            map.iter()
                .map(|(k, v)| {
                    let key = if k.bytes().all(is_ident_continue)
                        && k.bytes().next().is_some_and(is_ident_start)
                    {
                        k.clone()
                    } else {
                        node_str(k)
                    };
                    format!(
                        "{}{key}: {}",
                        indent(depth + 1),
                        node(v, depth + 1, depth_limit)
                    )
                })
                .collect::<Vec<_>>()
                .join(",\n"),
            indent(depth)
        ),
    }
}

fn node_str(s: &str) -> String {
    let quote = if !s.contains('\'') {
        '\''
    } else if !s.contains('"') {
        '"'
    } else if !s.contains('`') {
        '`'
    } else {
        '\''
    };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn ruby(v: &Value, spaced: bool) -> String {
    let arrow = if spaced { " => " } else { "=>" };
    match v {
        Value::Null => "nil".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number_text(n),
        Value::String(s) => ruby_str(s),
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| ruby(i, spaced))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}{arrow}{}", ruby_str(k), ruby(v, spaced)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn ruby_str(s: &str) -> String {
    let mut out = String::from('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '#' if matches!(chars.peek(), Some('{' | '$' | '@')) => out.push_str("\\#"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn print_r(v: &Value, depth: usize) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => if *b { "1" } else { "" }.into(),
        Value::Number(n) => number_text(n),
        Value::String(s) => s.clone(),
        Value::Array(_) | Value::Object(_) => {
            let pad = "    ".repeat(depth * 2);
            let mut out = format!("Array\n{pad}(\n");
            for (k, v) in php_entries(v) {
                out.push_str(&format!("{pad}    [{k}] => {}\n", print_r(&v, depth + 1)));
            }
            out.push_str(&format!("{pad})\n"));
            out
        }
    }
}

fn php_entries(v: &Value) -> Vec<(String, Value)> {
    match v {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v.clone()))
            .collect(),
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        _ => Vec::new(),
    }
}

fn var_dump(v: &Value, depth: usize) -> String {
    let pad = indent(depth);
    match v {
        Value::Null => "NULL".into(),
        Value::Bool(b) => format!("bool({b})"),
        Value::Number(n) if n.is_f64() => format!("float({n})"),
        Value::Number(n) => format!("int({n})"),
        Value::String(s) => format!("string({}) \"{s}\"", s.len()),
        Value::Array(_) | Value::Object(_) => {
            let entries = php_entries(v);
            let mut out = format!("array({}) {{\n", entries.len());
            for (k, v) in entries {
                let key = if v_is_list(v.clone(), &k) {
                    k.clone()
                } else {
                    format!("\"{k}\"")
                };
                out.push_str(&format!(
                    "{pad}  [{key}]=>\n{pad}  {}\n",
                    var_dump(&v, depth + 1)
                ));
            }
            out.push_str(&format!("{pad}}}"));
            out
        }
    }
}

/// Whether a PHP key prints as an integer.
fn v_is_list(_: Value, key: &str) -> bool {
    key.bytes().all(|b| b.is_ascii_digit())
}

fn var_export(v: &Value, depth: usize) -> String {
    let pad = indent(depth);
    match v {
        Value::Null => "NULL".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number_text(n),
        Value::String(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        Value::Array(_) | Value::Object(_) => {
            let mut out = "array (\n".to_string();
            for (k, v) in php_entries(v) {
                let key = if v_is_list(v.clone(), &k) {
                    k.clone()
                } else {
                    format!("'{k}'")
                };
                let value = var_export(&v, depth + 1);
                if value.starts_with("array") {
                    out.push_str(&format!("{pad}  {key} => \n{pad}  {value},\n"));
                } else {
                    out.push_str(&format!("{pad}  {key} => {value},\n"));
                }
            }
            out.push_str(&format!("{pad})"));
            out
        }
    }
}

fn symfony(v: &Value, depth: usize) -> String {
    let pad = indent(depth);
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number_text(n),
        Value::String(s) => format!(
            "\"{}\"",
            s.replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n")
        ),
        Value::Array(_) | Value::Object(_) => {
            let entries = php_entries(v);
            if entries.is_empty() {
                return "[]".into();
            }
            let mut out = format!("array:{} [\n", entries.len());
            for (k, v) in entries {
                let key = if v_is_list(v.clone(), &k) {
                    k.clone()
                } else {
                    format!("\"{k}\"")
                };
                out.push_str(&format!("{pad}  {key} => {}\n", symfony(&v, depth + 1)));
            }
            out.push_str(&format!("{pad}]"));
            out
        }
    }
}

fn java(v: &Value, colon: bool) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number_text(n),
        Value::String(s) => s.clone(),
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| java(i, colon))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| if colon {
                    format!("{k}: {}", java(v, colon))
                } else {
                    format!("{k}={}", java(v, colon))
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Go's `%+v`: `map[k:v]` for maps, or `{Field:v}` structs whose field names
/// are the keys in Go's capitalised form.
fn go(v: &Value, structs: bool) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number_text(n),
        Value::String(s) => s.clone(),
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| go(i, structs))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        Value::Object(map) if structs => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}:{}", pascal_case(k), go(v, structs)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        Value::Object(map) => format!(
            "map[{}]",
            map.iter()
                .map(|(k, v)| format!("{k}:{}", go(v, structs)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

fn pascal_case(key: &str) -> String {
    key.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

// ---- what each notation cannot tell apart ----------------------------------

/// Numbers compared by value (`1` and `1.0` are one JSON number).
fn same_numbers(v: &Value) -> Value {
    match v {
        Value::Number(n) => n
            .as_f64()
            .and_then(Number::from_f64)
            .map_or(Value::Null, Value::Number),
        Value::Array(items) => Value::Array(items.iter().map(same_numbers).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), same_numbers(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// PHP arrays: an empty object is an empty array.
fn php_arrays(v: &Value) -> Value {
    match v {
        Value::Object(map) if map.is_empty() => Value::Array(Vec::new()),
        Value::Array(items) => Value::Array(items.iter().map(php_arrays).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), php_arrays(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// print_r prints scalars as text: `1` for true, nothing for false and null.
fn print_r_scalars(v: &Value) -> Value {
    match v {
        Value::Null | Value::Bool(false) => json!(""),
        Value::Bool(true) => json!(1),
        Value::String(s) => bare_text_value(s),
        Value::Array(items) => Value::Array(items.iter().map(print_r_scalars).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), print_r_scalars(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Bare notations do not quote strings, so a string that reads as a number
/// is one.
fn bare_scalars(v: &Value) -> Value {
    match v {
        Value::String(s) => bare_text_value(s),
        Value::Array(items) => Value::Array(items.iter().map(bare_scalars).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), bare_scalars(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn bare_text_value(s: &str) -> Value {
    if s.bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.'))
    {
        if let Some(n) = number_from(s) {
            return Value::Number(n);
        }
    }
    json!(s)
}

/// Go prints a list of strings with spaces between items and inside them alike.
fn go_lists(v: &Value) -> Value {
    match v {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .flat_map(|i| match i {
                    Value::String(s) if s.contains(' ') => {
                        s.split(' ').map(bare_text_value).collect::<Vec<_>>()
                    }
                    Value::String(s) if s.is_empty() => Vec::new(),
                    other => vec![go_lists(other)],
                })
                .collect(),
        ),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), go_lists(v))).collect())
        }
        other => other.clone(),
    }
}

/// Java's list items that are empty strings print as nothing between commas.
fn java_lists(v: &Value) -> Value {
    match v {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .filter(|i| i.as_str() != Some(""))
                .map(java_lists)
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), java_lists(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `{a: [Word]}` reads as Node's stand-in for a class instance it cut off:
/// without `=` nothing tells Java's colon form from Node's.
fn one_word_lists_hidden(v: &Value) -> Value {
    match v {
        Value::Array(items) => match items.as_slice() {
            [Value::String(s)]
                if s.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
                    && s.bytes().all(is_ident_continue)
                    && s.bytes().any(|b| b.is_ascii_lowercase()) =>
            {
                Value::Null
            }
            _ => Value::Array(items.iter().map(one_word_lists_hidden).collect()),
        },
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), one_word_lists_hidden(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Node at a depth limit: what lies deeper is `null`, and named as hidden.
fn cut_at(v: &Value, depth: usize, limit: usize, path: &str, hidden: &mut Vec<String>) -> Value {
    match v {
        Value::Array(_) | Value::Object(_) if depth > limit => {
            hidden.push(if path.is_empty() {
                "(top level)".into()
            } else {
                path.to_string()
            });
            Value::Null
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| cut_at(item, depth + 1, limit, &format!("{path}[{i}]"), hidden))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, item)| {
                    let path = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    (k.clone(), cut_at(item, depth + 1, limit, &path, hidden))
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

fn read_back(text: &str) -> Value {
    match parse_all(text) {
        Ok((v, _)) => same_numbers(&v),
        Err(e) => panic!(
            "{text}\nstopped at {:?}: expected {}, found {}",
            line_col(text, e.offset),
            e.expected,
            e.found
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn json_python_node_and_ruby_renderings_read_back_to_the_value(v in quoted_document()) {
        let want = same_numbers(&v);
        prop_assert_eq!(&read_back(&serde_json::to_string_pretty(&v).unwrap()), &want);
        prop_assert_eq!(&read_back(&python(&v)), &want);
        prop_assert_eq!(&read_back(&node(&v, 0, usize::MAX)), &want);
        prop_assert_eq!(&read_back(&ruby(&v, false)), &want);
        prop_assert_eq!(&read_back(&ruby(&v, true)), &want);
    }

    #[test]
    fn php_var_dump_var_export_and_symfony_renderings_read_back_to_the_value(v in quoted_document()) {
        let want = php_arrays(&same_numbers(&v));
        prop_assert_eq!(&read_back(&var_dump(&v, 0)), &want);
        prop_assert_eq!(&read_back(&var_export(&v, 0)), &want);
        prop_assert_eq!(&read_back(&symfony(&v, 0)), &want);
    }

    #[test]
    fn print_r_renderings_read_back_to_the_value_as_text(v in bare_document()) {
        let want = same_numbers(&php_arrays(&print_r_scalars(&v)));
        let printed = print_r(&v, 0);
        prop_assert_eq!(&read_back(&printed), &want);
        let flattened = printed.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(&read_back(&flattened), &want);
    }

    #[test]
    fn java_renderings_read_back_to_the_value_as_text(v in bare_document()) {
        let want = same_numbers(&java_lists(&bare_scalars(&v)));
        prop_assert_eq!(&read_back(&java(&v, false)), &want);
        let want_colon = same_numbers(&java_lists(&one_word_lists_hidden(&bare_scalars(&v))));
        prop_assert_eq!(&read_back(&java(&v, true)), &want_colon);
    }

    #[test]
    fn go_renderings_read_back_to_the_value_as_text(v in bare_document()) {
        let want = same_numbers(&go_lists(&bare_scalars(&v)));
        prop_assert_eq!(&read_back(&go(&v, false)), &want);
        prop_assert_eq!(&read_back(&format!("&{}", go(&v, true))), &want);
    }

    #[test]
    fn node_at_a_depth_limit_reads_the_rest_and_names_what_it_hid(v in quoted_document(), limit in 0usize..3) {
        let mut hidden = Vec::new();
        let want = same_numbers(&cut_at(&v, 0, limit, "", &mut hidden));
        let (read, dialect) = parse_all(&node(&v, 0, limit)).unwrap();
        prop_assert_eq!(same_numbers(&read), want);
        hidden.truncate(MAX_RECORDED_PATHS);
        let mut named = dialect.hidden_paths.clone();
        named.sort();
        hidden.sort();
        prop_assert_eq!(named, hidden);
    }

    #[test]
    fn json_cut_off_anywhere_reads_what_is_there(v in quoted_document(), cut in 0.0f64..1.0) {
        let text = serde_json::to_string(&v).unwrap();
        let mut at = ((text.len() as f64) * cut) as usize;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let at = at.max(1);
        let (read, dialect) = parse_all(&text[..at]).unwrap();
        prop_assert!(read.is_object());
        prop_assert!(dialect.truncated || at == text.len());
    }

    #[test]
    fn json_values_replaced_by_placeholders_are_counted(v in quoted_document(), which in 0usize..9) {
        let placeholders = ["...", "…", "<redacted>", "REDACTED", "xxx", "***", "{...}", "[...]", "<TOKEN>"];
        let Value::Object(map) = &v else { unreachable!() };
        if map.is_empty() {
            return Ok(());
        }
        let mut text = String::from("{");
        for (i, (k, item)) in map.iter().enumerate() {
            if i > 0 {
                text.push_str(", ");
            }
            text.push_str(&format!("{}: ", serde_json::to_string(k).unwrap()));
            text.push_str(if i == 0 { placeholders[which] } else { "" });
            if i > 0 {
                text.push_str(&serde_json::to_string(item).unwrap());
            }
        }
        text.push('}');
        let (read, dialect) = parse_all(&text).unwrap();
        let first = map.keys().next().unwrap();
        let mut want = v.clone();
        want[first.as_str()] = Value::Null;
        prop_assert_eq!(same_numbers(&read), same_numbers(&want));
        prop_assert_eq!(dialect.elided, 1);
        prop_assert_eq!(&dialect.elided_paths, &vec![first.clone()]);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = parse_all(&text);
        let mut from = 0;
        while let Some(start) = next_start(&text, from) {
            let _ = parse_prefix(&text, start);
            from = start + 1;
        }
    }

    #[test]
    fn mutated_dumps_never_panic(
        v in quoted_document(),
        style in 0usize..8,
        edits in prop::collection::vec((0.0f64..1.0, 0usize..3, "[\\[\\](){}<>:=,'\"#&*.…\\\\ \n]{0,3}"), 1..6),
    ) {
        let mut text = match style {
            0 => node(&v, 0, 1),
            1 => ruby(&v, true),
            2 => print_r(&v, 0),
            3 => var_dump(&v, 0),
            4 => var_export(&v, 0),
            5 => symfony(&v, 0),
            6 => java(&v, false),
            _ => go(&v, true),
        };
        for (at, cut, insert) in edits {
            let mut at = ((text.len() as f64) * at) as usize;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + cut).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(at..end, &insert);
        }
        let _ = parse_all(&text);
        let mut from = 0;
        while let Some(start) = next_start(&text, from) {
            let _ = parse_prefix(&text, start);
            from = start + 1;
        }
    }
}

// ---- linear time -----------------------------------------------------------

/// Bytes consumed plus bytes looked at again, for one read from the start.
fn work_for(text: &str) -> usize {
    let mut parser = Parser::new(text, 0);
    parser.skip_trivia();
    let _ = parser.value(0, false);
    parser.pos + parser.work
}

/// Texts made of one dialect's trigger characters, repeated to `size` bytes,
/// inside an object that accepts them.
fn hostile_inputs(size: usize) -> Vec<(&'static str, String)> {
    let units: &[(&str, &str, &str)] = &[
        ("json strings", "{\"a\": [", "\"x\\\"\\u00e9\", "),
        (
            "node brackets",
            "{ a: [",
            "[Object], [Function: x] { b: [Array] }, <ref *1> [Circular *1], ",
        ),
        ("node concatenation", "{ a: ", "'x' +\n "),
        (
            "node stand-ins unclosed",
            "{ a: ",
            "[Function [Object: null prototype ",
        ),
        ("ruby objects", "{ a: ", "#<A @b=#<C d=:e "),
        ("ruby hashes", "{", "\"a\"=>{:b=>nil, "),
        ("print_r", "Array\n(\n", "    [a] => Array (\n"),
        ("print_r flat", "Array ( [a] => ", "x [b] y [c "),
        ("var_dump", "array(1) {\n", "[\"a\"]=> string(9) \"x\" "),
        ("var_export", "array (\n", "'a' => array ( 0 => 'x\\', "),
        ("symfony", "array:1 [\n", "\"a\" => array:1 [ +\"b\": {#1 "),
        ("java values", "{a=", "b, c=d e, "),
        ("java values without keys", "{a=", "b, c d, e "),
        ("kotlin", "Error(", "a=B(c=d e, "),
        ("go values", "{A:", "b C:d e F: "),
        ("go maps", "map[a:", "map[b:c d e:[f g "),
        (
            "placeholders",
            "{\"a\": [",
            "..., …, xxx, ***, <redacted>, [...], {…}, REDACTED, ... 3 more items, ",
        ),
        (
            "unclosed groups",
            "{ a: ",
            "Map(1 Set( array(1) object(x)#1 (",
        ),
        ("keys without separators", "{", "a b c d e f g h "),
        ("brackets", "{a: ", "[x y z "),
        ("angles", "{a: ", "<ref *1 <Buffer 7b <nil <x "),
        ("symbols", "{a: ", "Symbol(x [Symbol(y "),
        ("colons", "{a: ", ":b :c ::d "),
        (
            "log prefixes",
            "2024-01-01T00:00:00Z app[web.1]: {",
            "\n2024-01-01T00:00:01Z app[web.1]:   a: 1,",
        ),
    ];
    units
        .iter()
        .map(|(name, head, unit)| {
            let mut text = String::with_capacity(size + unit.len());
            text.push_str(head);
            while text.len() < size {
                text.push_str(unit);
            }
            (*name, text)
        })
        .collect()
}

#[test]
fn hostile_input_of_every_dialect_reads_in_linear_time() {
    for size in [1 << 20, 5 << 20] {
        let plain = serde_json::to_string(&json!({"a": vec!["x"; size / 6]})).unwrap();
        let baseline = work_for(&plain) as f64 / plain.len() as f64;
        for (name, text) in hostile_inputs(size) {
            let per_byte = work_for(&text) as f64 / text.len() as f64;
            // Quadratic work would be ~10^6 times the baseline here; the
            // bounded lookaheads allow a constant factor.
            assert!(
                per_byte <= 80.0 * baseline.max(1.0),
                "{name}: {per_byte:.1} steps per byte against {baseline:.1} for plain JSON at {size} bytes"
            );
        }
    }
}

#[test]
fn scanning_free_text_for_starts_is_linear() {
    for (name, text) in hostile_inputs(1 << 20) {
        let mut from = 0;
        let mut starts = 0usize;
        while let Some(start) = next_start(&text, from) {
            assert!(start >= from, "{name}");
            from = start + 1;
            starts += 1;
        }
        assert!(starts <= text.len(), "{name}");
    }
}

/// The scan the input reader runs over free text: each start, and on a
/// failure the objects it completed, then on from where it failed. Returns
/// the bytes read over all starts and the first object with `error` in it.
fn scan(text: &str) -> (usize, Option<Value>) {
    let mut read = 0;
    let mut pos = 0;
    while let Some(start) = next_start(text, pos) {
        match parse_prefix_salvaging(text, start) {
            Ok((value, end, _)) => {
                read += end - start;
                if value.get("error").is_some() {
                    return (read, Some(value));
                }
                pos = end.max(start + 1);
            }
            Err(failure) => {
                read += failure.error.offset.saturating_sub(start);
                if let Some(found) = failure
                    .salvaged
                    .into_iter()
                    .find(|v| v.get("error").is_some())
                {
                    return (read, Some(found));
                }
                pos = failure.error.offset.max(start + 1);
            }
        }
    }
    (read, None)
}

#[test]
fn a_scan_reads_each_byte_a_bounded_number_of_times() {
    let size = 1 << 20;
    let texts = [
        format!("{}{}x]", "[".repeat(100), "0,".repeat(size / 2)),
        format!("{}{}x}}", "{a: ".repeat(100), "'b', c: ".repeat(size / 8)),
        format!("{} x", "{\"a\": [".repeat(size / 7)),
        "Error: { ".repeat(size / 9),
    ];
    for text in &texts {
        let (read, _) = scan(text);
        assert!(
            read <= 4 * text.len(),
            "{read} bytes read for {}",
            text.len()
        );
    }
}

#[test]
fn a_payload_inside_a_failed_read_is_still_found() {
    let text = r#"log: {"request": {"id": 1}, "response": {"error": {"code": 190, "type": "OAuthException"}}, oops here"#;
    let (_, found) = scan(text);
    assert_eq!(
        found,
        Some(json!({"error": {"code": 190, "type": "OAuthException"}}))
    );
    let text = "Error: {message: see {\"error\": {\"code\": 100}} for details, broken";
    let (_, found) = scan(text);
    assert_eq!(found, Some(json!({"error": {"code": 100}})));
}

// ---- notations of other languages and tools ------------------------------

/// Python's `pprint`: a long string is split over lines into adjacent
/// literals at `cuts` (fractions of its length), each quoted on its own.
fn pprint(v: &Value, depth: usize, cuts: &[f64]) -> String {
    match v {
        Value::String(s) if s.chars().count() > 8 => {
            let chars: Vec<char> = s.chars().collect();
            let mut at: Vec<usize> = cuts
                .iter()
                .map(|f| ((chars.len() as f64) * f) as usize)
                .filter(|i| *i > 0 && *i < chars.len())
                .collect();
            at.sort_unstable();
            at.dedup();
            let mut pieces = Vec::new();
            let mut from = 0;
            for cut in at.into_iter().chain([chars.len()]) {
                pieces.push(python_str(&chars[from..cut].iter().collect::<String>()));
                from = cut;
            }
            pieces.join(&format!("\n{}", indent(depth + 1)))
        }
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(|i| pprint(i, depth + 1, cuts))
                .collect::<Vec<_>>()
                .join(&format!(",\n{}", indent(depth + 1)))
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}: {}", python_str(k), pprint(v, depth + 1, cuts)))
                .collect::<Vec<_>>()
                .join(&format!(",\n{}", indent(depth + 1)))
        ),
        other => python(other),
    }
}

/// Elixir's `inspect` of a map with string keys: `%{"k" => v}`.
fn elixir(v: &Value) -> String {
    match v {
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(elixir).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "%{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{} => {}", ruby_str(k), elixir(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => ruby(other, true),
    }
}

/// Rust's pretty `Debug` (`{:#?}`) of a struct holding options: objects
/// as `Name { k: v, }`, strings quoted, `None` for null, and every other
/// scalar inside `Some(…)` when `optional`.
fn rust_debug(v: &Value, depth: usize, optional: bool) -> String {
    let scalar = |text: String| {
        if optional {
            format!("Some(\n{}{text},\n{})", indent(depth + 1), indent(depth))
        } else {
            text
        }
    };
    match v {
        Value::Null => "None".into(),
        Value::Bool(b) => scalar(b.to_string()),
        Value::Number(n) => scalar(number_text(n)),
        Value::String(s) => scalar(format!("{s:?}")),
        Value::Array(items) => format!(
            "[\n{}{}]",
            items
                .iter()
                .map(|i| format!(
                    "{}{},\n",
                    indent(depth + 1),
                    rust_debug(i, depth + 1, optional)
                ))
                .collect::<String>(),
            indent(depth)
        ),
        Value::Object(map) => format!(
            "Record {{\n{}{}}}",
            map.iter()
                .map(|(k, v)| format!(
                    "{}{k}: {},\n",
                    indent(depth + 1),
                    rust_debug(v, depth + 1, optional)
                ))
                .collect::<String>(),
            indent(depth)
        ),
    }
}

/// `NSDictionary`'s description, as iOS logs print a Graph reply:
/// `key = value;` members, lists in parentheses, and strings quoted only
/// when they are not one plain word.
fn ns_dictionary(v: &Value, depth: usize) -> String {
    // Foundation leaves a word bare; one that reads as a number (`0e0`,
    // `inf`) would read back as one, so it goes in quotes here.
    let plain = |s: &str| {
        !s.is_empty()
            && s.bytes().all(|b| b.is_ascii_alphanumeric())
            && s.parse::<f64>().is_err()
            && !matches!(
                s,
                "true"
                    | "false"
                    | "nil"
                    | "None"
                    | "True"
                    | "False"
                    | "NULL"
                    | "NaN"
                    | "Infinity"
                    | "undefined"
            )
    };
    let text = |s: &str| {
        if plain(s) {
            s.to_string()
        } else {
            format!("{s:?}")
        }
    };
    match v {
        Value::String(s) => text(s),
        Value::Number(n) => number_text(n),
        Value::Array(items) => format!(
            "(\n{}\n{})",
            items
                .iter()
                .map(|i| format!("{}{}", indent(depth + 1), ns_dictionary(i, depth + 1)))
                .collect::<Vec<_>>()
                .join(",\n"),
            indent(depth)
        ),
        Value::Object(map) => format!(
            "{{\n{}{}}}",
            map.iter()
                .map(|(k, v)| format!(
                    "{}{} = {};\n",
                    indent(depth + 1),
                    text(k),
                    ns_dictionary(v, depth + 1)
                ))
                .collect::<String>(),
            indent(depth)
        ),
        other => other.to_string(),
    }
}

/// Text as the notations above can carry it whole: printable ASCII.
fn ascii_text() -> impl Strategy<Value = String> {
    "[ -~]{0,24}"
}

/// A document of strings, numbers and nested lists and objects, which is
/// what an `NSDictionary` of a JSON reply holds (no booleans or nulls:
/// Foundation prints those as `1` and `<null>`).
fn ns_document() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        (-100_000i64..100_000).prop_map(|n| json!(n)),
        ascii_text().prop_map(Value::String),
    ];
    let value = leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    prop::collection::btree_map(key(), value, 0..6)
        .prop_map(|m| Value::Object(m.into_iter().collect()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn pprint_elixir_and_rust_debug_renderings_read_back_to_the_value(
        v in document_with(ascii_text().boxed()),
        cuts in prop::collection::vec(0.0f64..1.0, 0..4),
    ) {
        let want = same_numbers(&v);
        prop_assert_eq!(&read_back(&pprint(&v, 0, &cuts)), &want);
        prop_assert_eq!(&read_back(&elixir(&v)), &want);
        prop_assert_eq!(&read_back(&rust_debug(&v, 0, true)), &want);
        prop_assert_eq!(&read_back(&rust_debug(&v, 0, false)), &want);
    }

    #[test]
    fn ns_dictionary_renderings_read_back_to_the_value(v in ns_document()) {
        prop_assert_eq!(&read_back(&ns_dictionary(&v, 0)), &same_numbers(&v));
    }
}
