//! The crate's modules depend on each other without a cycle, so that each
//! can be read, tested and moved starting from the ones it uses.
//!
//! The graph is read from the source: every `crate::`, `super::` and
//! `self::` path (in `use` lines and inline) is an edge from the file's
//! module to the module the path names. An edge between two modules is
//! counted between their branches below the closest module holding both
//! (`input::text` → `kb::errors` is `input` → `kb`), so cycles between
//! siblings are found at every level. A module using its own parent or
//! children is not an edge: that is how a module and its parts fit together.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type ModulePath = Vec<String>;

#[test]
fn the_core_has_no_module_cycle() {
    let graph = module_graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(
        graph.contains_key(&vec!["input".to_string()]),
        "the source tree was read"
    );
    if let Some(cycle) = find_cycle(&graph) {
        let names: Vec<String> = cycle.iter().map(|m| m.join("::")).collect();
        panic!("module cycle: {}", names.join(" -> "));
    }
}

#[test]
fn no_crate_in_the_workspace_has_a_module_cycle() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut sources: Vec<_> = std::fs::read_dir(workspace.join("crates"))
        .expect("the crates directory is readable")
        .map(|e| e.expect("a directory entry").path().join("src"))
        .filter(|src| src.is_dir())
        .collect();
    sources.push(workspace.join("site").join("src"));
    assert!(sources.len() > 5, "the workspace's crates were found");
    for src in sources {
        if let Some(cycle) = find_cycle(&module_graph(&src)) {
            let names: Vec<String> = cycle.iter().map(|m| m.join("::")).collect();
            panic!("module cycle in {}: {}", src.display(), names.join(" -> "));
        }
    }
}

#[test]
fn a_cycle_between_sibling_branches_is_found() {
    let files = [
        ("a", "use crate::b::x;"),
        ("b", "pub mod x;"),
        ("b::x", "fn f() { crate::a::g() }"),
        ("c", "use super::a;"),
    ];
    let mut graph = BTreeMap::new();
    let modules: BTreeSet<ModulePath> = files.iter().map(|(m, _)| split(m)).collect();
    for (module, text) in files {
        add_edges(&mut graph, &modules, &BTreeMap::new(), &split(module), text);
    }
    let cycle = find_cycle(&graph).expect("a -> b -> a");
    assert!(cycle.contains(&split("a")) && cycle.contains(&split("b")));
    graph.remove(&split("b"));
    assert_eq!(find_cycle(&graph), None, "c -> a alone is no cycle");
}

#[test]
fn paths_in_comments_and_strings_are_not_dependencies() {
    let code = "// crate::a\n/// [`crate::b`]\nlet s = \"crate::c\"; let r = r#\"crate::d\"#; use crate::{e::{f, g as k}, h};";
    let paths = crate_paths(&strip_comments_and_strings(code));
    assert_eq!(
        paths,
        vec![
            split("crate::e::f"),
            split("crate::e::g"),
            split("crate::h")
        ]
    );
}

fn split(path: &str) -> ModulePath {
    path.split("::").map(str::to_string).collect()
}

/// Module → the modules it uses, for every `.rs` file under `src`.
fn module_graph(src: &Path) -> BTreeMap<ModulePath, BTreeSet<ModulePath>> {
    let mut files = Vec::new();
    collect_files(src, src, &mut files);
    let modules: BTreeSet<ModulePath> = files.iter().map(|(m, _)| m.clone()).collect();
    let root_exports = files
        .iter()
        .find(|(m, _)| m.is_empty())
        .map(|(_, text)| root_reexports(text))
        .unwrap_or_default();
    let mut graph = BTreeMap::new();
    for (module, text) in &files {
        add_edges(&mut graph, &modules, &root_exports, module, text);
    }
    graph
}

fn collect_files(src: &Path, dir: &Path, out: &mut Vec<(ModulePath, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("the source directory is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_files(src, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(src).expect("under src");
            let mut module: ModulePath = relative
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                module.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                module.pop();
            }
            let text = std::fs::read_to_string(&path).expect("a readable source file");
            out.push((module, text));
        }
    }
}

/// Names the crate root re-exports (`pub use diagnose::{diagnose, Verdict}`),
/// with the module each comes from, so `crate::Verdict` counts as `diagnose`.
fn root_reexports(text: &str) -> BTreeMap<String, ModulePath> {
    let code = strip_comments_and_strings(text);
    let mut names = BTreeMap::new();
    for line in code.split(';') {
        let Some(tree) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        for path in use_tree_paths(tree) {
            if let (Some(first), Some(last)) = (path.first(), path.last()) {
                names.insert(last.clone(), vec![first.clone()]);
            }
        }
    }
    names
}

fn add_edges(
    graph: &mut BTreeMap<ModulePath, BTreeSet<ModulePath>>,
    modules: &BTreeSet<ModulePath>,
    root_exports: &BTreeMap<String, ModulePath>,
    module: &ModulePath,
    text: &str,
) {
    graph.entry(module.clone()).or_default();
    for path in crate_paths(&strip_comments_and_strings(text)) {
        let Some(target) = resolve(module, &path, modules, root_exports) else {
            continue;
        };
        let common = target
            .iter()
            .zip(module)
            .take_while(|(a, b)| a == b)
            .count();
        if common == module.len() || common == target.len() {
            continue;
        }
        let from = module[..=common].to_vec();
        let to = target[..=common].to_vec();
        graph.entry(from).or_default().insert(to.clone());
        graph.entry(to).or_default();
    }
}

/// The module a path names: the longest known module its segments start with.
fn resolve(
    module: &ModulePath,
    path: &ModulePath,
    modules: &BTreeSet<ModulePath>,
    root_exports: &BTreeMap<String, ModulePath>,
) -> Option<ModulePath> {
    let mut base: ModulePath = match path.first()?.as_str() {
        "crate" => Vec::new(),
        "self" => module.clone(),
        "super" => module[..module.len().checked_sub(1)?].to_vec(),
        _ => return None,
    };
    let mut rest = &path[1..];
    while rest.first().is_some_and(|s| s == "super") {
        base.pop();
        rest = &rest[1..];
    }
    if base.is_empty() {
        if let Some(exported) = rest.first().and_then(|name| root_exports.get(name)) {
            if !modules.contains(&vec![rest[0].clone()]) {
                return Some(exported.clone());
            }
        }
    }
    let mut best = base.clone();
    let mut candidate = base;
    for segment in rest {
        candidate.push(segment.clone());
        if modules.contains(&candidate) {
            best = candidate.clone();
        }
    }
    Some(best)
}

/// Source text with comments, string and character literals blanked out.
fn strip_comments_and_strings(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        if rest.starts_with(&['/', '/']) {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if rest.starts_with(&['/', '*']) {
            i += 2;
            while i < chars.len() && !chars[i..].starts_with(&['*', '/']) {
                i += 1;
            }
            i += 2;
        } else if chars[i] == 'r'
            && (i == 0 || !is_ident(chars[i - 1]))
            && rest[1..].iter().find(|c| **c != '#') == Some(&'"')
        {
            let hashes = rest[1..].iter().take_while(|c| **c == '#').count();
            i += 2 + hashes;
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while i < chars.len() && !chars[i..].starts_with(&close) {
                i += 1;
            }
            i += close.len();
            out.push_str("\"\"");
        } else if chars[i] == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if chars[i] == '\'' && rest.get(2) == Some(&'\'') {
            i += 3;
        } else if chars[i] == '\'' && rest.get(1) == Some(&'\\') {
            i += 2;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            i += 1;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every path starting at `crate`, `super` or `self`, with `use` groups
/// (`crate::{a, b::{c, d}}`) spelt out.
fn crate_paths(code: &str) -> Vec<ModulePath> {
    let mut paths = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !is_ident(bytes[i - 1]);
        let word: String = bytes[i..].iter().take_while(|c| is_ident(**c)).collect();
        if starts_word && matches!(word.as_str(), "crate" | "super" | "self") {
            let tail: String = bytes[i..].iter().collect();
            let (tree, used) = use_tree_prefix(&tail);
            if tree.contains("::") {
                paths.extend(use_tree_paths(&tree));
            }
            i += used.max(word.len());
        } else {
            i += word.len().max(1);
        }
    }
    paths
}

/// The longest prefix of `text` that is a path or a `use` tree, spaces
/// removed, and how many characters it took.
fn use_tree_prefix(text: &str) -> (String, usize) {
    let mut tree = String::new();
    let mut depth = 0usize;
    let mut used = 0;
    let mut after_colons = false;
    for (n, c) in text.chars().enumerate() {
        let keep = match c {
            c if is_ident(c) || c == '*' => true,
            ':' => true,
            '{' if after_colons => {
                depth += 1;
                true
            }
            '}' if depth > 0 => {
                depth -= 1;
                true
            }
            ',' if depth > 0 => true,
            c if c.is_whitespace() && depth > 0 => {
                tree.push(' ');
                used = n + 1;
                continue;
            }
            _ => false,
        };
        if !keep {
            break;
        }
        after_colons = c == ':';
        tree.push(c);
        used = n + 1;
        if depth == 0 && c == '}' {
            break;
        }
    }
    // A trailing `::` (before a turbofish) is not part of the path.
    let tree = tree.trim_end_matches(':').to_string();
    (tree, used)
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn use_tree_paths(tree: &str) -> Vec<ModulePath> {
    let mut out = Vec::new();
    expand(tree, &mut Vec::new(), &mut out);
    out
}

fn expand(tree: &str, prefix: &mut ModulePath, out: &mut Vec<ModulePath>) {
    let Some(open) = tree.find('{') else {
        let mut path = prefix.clone();
        path.extend(
            tree.split("::")
                .filter_map(|s| s.split_whitespace().next())
                .filter(|s| *s != "*")
                .map(str::to_string),
        );
        if !path.is_empty() {
            out.push(path);
        }
        return;
    };
    let head: Vec<String> = tree[..open]
        .split("::")
        .filter_map(|s| s.split_whitespace().next())
        .map(str::to_string)
        .collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let before = prefix.len();
    prefix.extend(head);
    let mut depth = 0;
    let mut start = 0;
    for (n, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                expand_item(&inner[start..n], prefix, out);
                start = n + 1;
            }
            _ => {}
        }
    }
    expand_item(&inner[start..], prefix, out);
    prefix.truncate(before);
}

fn expand_item(item: &str, prefix: &mut ModulePath, out: &mut Vec<ModulePath>) {
    let item = item.trim();
    if item.is_empty() {
        return;
    }
    if item == "self" {
        out.push(prefix.clone());
    } else {
        expand(item, prefix, out);
    }
}

/// A cycle in `graph`, as the modules along it, if there is one.
fn find_cycle(graph: &BTreeMap<ModulePath, BTreeSet<ModulePath>>) -> Option<Vec<ModulePath>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &ModulePath,
        graph: &BTreeMap<ModulePath, BTreeSet<ModulePath>>,
        marks: &mut BTreeMap<ModulePath, Mark>,
        stack: &mut Vec<ModulePath>,
    ) -> Option<Vec<ModulePath>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let from = stack.iter().position(|m| m == node).unwrap_or(0);
                let mut cycle = stack[from..].to_vec();
                cycle.push(node.clone());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.clone(), Mark::Open);
        stack.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        marks.insert(node.clone(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut marks, &mut Vec::new()))
}
