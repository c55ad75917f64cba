//! The import layer has no circles: no module of `src/import/` uses, directly or through
//! others, a module that uses it. Read from the sources: every `super::…` and
//! `crate::import::…` path outside `#[cfg(test)]` is a use.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module name -> the modules of the layer it uses (`mod` for items of `import/mod.rs`).
fn uses() -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/import");
    let mut graph = BTreeMap::new();
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = e.path();
        if path.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let src = std::fs::read_to_string(&path).unwrap();
        let src = src.split("#[cfg(test)]").next().unwrap_or("");
        let mut deps = BTreeSet::new();
        for prefix in ["super::", "crate::import::"] {
            for (i, _) in src.match_indices(prefix) {
                let rest = &src[i + prefix.len()..];
                // `super::{a, b::C}` or `super::a`.
                let names: Vec<&str> = match rest.strip_prefix('{') {
                    Some(group) => group[..group.find('}').unwrap_or(0)].split(',').collect(),
                    None => vec![rest],
                };
                for n in names {
                    let n = n.trim();
                    let end = n.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(n.len());
                    let first = &n[..end];
                    if first.is_empty() || first == "self" {
                        continue;
                    }
                    // A lowercase name is a module; anything else an item of mod.rs.
                    let m = if first.starts_with(char::is_lowercase) { first } else { "mod" };
                    if m != name {
                        deps.insert(m.to_string());
                    }
                }
            }
        }
        graph.insert(name, deps);
    }
    graph
}

#[test]
fn no_module_of_the_import_layer_uses_one_that_uses_it() {
    let graph = uses();
    assert!(graph.len() >= 14, "{graph:?}");
    // Depth-first, with the path so far: a module met again on its own path is a circle.
    fn visit(m: &str, graph: &BTreeMap<String, BTreeSet<String>>, path: &mut Vec<String>, done: &mut BTreeSet<String>) {
        if let Some(at) = path.iter().position(|p| p == m) {
            panic!("an import circle: {} -> {m}", path[at..].join(" -> "));
        }
        if !done.insert(m.to_string()) {
            return;
        }
        path.push(m.to_string());
        for d in graph.get(m).into_iter().flatten() {
            visit(d, graph, path, done);
        }
        path.pop();
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        visit(m, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn formats_build_on_entries_not_on_detection() {
    let graph = uses();
    let allowed: BTreeSet<&str> = ["entry", "json", "sniff"].into();
    for f in ["clover_json", "discord", "mattermost", "roster", "slack", "teams", "yammer"] {
        let deps: BTreeSet<&str> = graph[f].iter().map(String::as_str).collect();
        assert!(deps.is_subset(&allowed), "{f} uses {deps:?}");
    }
    assert_eq!(graph["entry"].iter().map(String::as_str).collect::<Vec<_>>(), ["sniff"]);
    assert!(graph["sniff"].is_empty() && graph["mod"].is_empty(), "{graph:?}");
}
