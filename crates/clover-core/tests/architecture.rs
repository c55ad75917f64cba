//! The house rules of docs/ARCHITECTURE.md, checked on the sources:
//!
//! - clover-core depends on no browser crate (leptos, web-sys, js-sys, wasm-bindgen, gloo-*,
//!   charming), directly or through another crate;
//! - every Rust source file opens with a `//!` doc saying what it is (a file pasted into
//!   another with `include!` cannot, and says so in its first line instead);
//! - the app's shell (`src/app.rs`) is imported by `main.rs` alone, and the app's top-level
//!   modules import each other in no circle;
//! - no file anywhere (the app, the crates and their tests and benches, the fuzz targets) is
//!   included through `#[path]`: the app shares code through the `clover_app` library, tests
//!   through `tests/common/` modules;
//! - no function is longer than [`MAX_FN_LINES`] lines: one that long is cut at its seams
//!   (the hot pass, `analytics/pass.rs`, may stay long where its reference test guards it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// Every `.rs` file under `dir`, skipping build output and dependencies.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !matches!(
                name.as_str(),
                "target" | "node_modules" | "dist" | "dist-subpath" | ".git" | "corpus" | "artifacts"
            ) {
                rust_files(&path, out);
            }
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_core_depends_on_no_browser_crate() {
    let out = Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["tree", "-p", "clover-core", "-e", "normal,build", "--prefix", "none", "--format", "{p}"])
        .output()
        .expect("cargo tree runs");
    assert!(out.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&out.stderr));
    let tree = String::from_utf8_lossy(&out.stdout);
    let browser = ["leptos", "web-sys", "js-sys", "wasm-bindgen", "charming"];
    let bad: BTreeSet<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| browser.contains(name) || name.starts_with("gloo"))
        .collect();
    assert!(bad.is_empty(), "clover-core depends on browser crates: {bad:?}");
    assert!(tree.contains("serde"), "cargo tree listed nothing sensible:\n{tree}");
}

#[test]
fn every_source_file_says_what_it_is() {
    let root = root();
    let mut files = Vec::new();
    for dir in ["src", "crates", "fuzz"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 50, "found only {} files", files.len());
    let missing: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            let first = text.lines().next().unwrap_or("");
            !first.starts_with("//!") && !first.contains("include!")
        })
        .map(|f| f.strip_prefix(&root).unwrap_or(f).display().to_string())
        .collect();
    assert!(missing.is_empty(), "files without a //! doc on their first line: {missing:?}");
}

/// The top-level module (`src/<m>.rs` or `src/<m>/`) a file belongs to.
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_string_lossy().into_owned();
    Some(first.trim_end_matches(".rs").to_string())
}

/// Which top-level modules of `src` each one names through `crate::` paths (the roots, `skip`,
/// left out).
fn module_graph(src: &Path, skip: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| top_module(src, f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let Some(me) = top_module(src, f) else { continue };
        if skip.contains(&me.as_str()) {
            continue;
        }
        // Comments (doc links among them) name modules without importing them.
        let text: String = std::fs::read_to_string(f)
            .unwrap()
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .map(|l| format!("{l}\n"))
            .collect();
        for (i, _) in text.match_indices("crate::") {
            let rest = &text[i + "crate::".len()..];
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group[..group.find('}').unwrap_or(0)].split(',').collect(),
                None => vec![rest],
            };
            for n in names {
                let n = n.trim();
                let end = n.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(n.len());
                let m = &n[..end];
                if modules.contains(m) && *m != me && !skip.contains(&m) {
                    graph.entry(me.clone()).or_default().insert(m.to_string());
                }
            }
        }
    }
    graph
}

/// Fails when a module reaches itself through the modules it names.
fn assert_no_circle(graph: &BTreeMap<String, BTreeSet<String>>, whose: &str) {
    // A depth-first search for a path back to where it started.
    fn reaches(graph: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str, seen: &mut BTreeSet<String>) -> bool {
        for next in graph.get(from).into_iter().flatten() {
            if next == to || (seen.insert(next.clone()) && reaches(graph, next, to, seen)) {
                return true;
            }
        }
        false
    }
    for m in graph.keys() {
        assert!(
            !reaches(graph, m, m, &mut BTreeSet::new()),
            "{whose} module {m} imports itself through others: {graph:?}"
        );
    }
}

#[test]
fn the_shell_is_imported_by_main_alone_and_the_app_has_no_import_circle() {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let rel = f.strip_prefix(&src).unwrap().display().to_string();
        assert!(!text.contains("#[path"), "{rel} shares code through #[path]: use the clover_app library instead");
        if rel != "main.rs" {
            assert!(!text.contains("crate::app"), "{rel} imports the shell (crate::app)");
        }
    }
    let graph = module_graph(&src, &["main", "bin"]);
    assert_no_circle(&graph, "the app's");
    assert!(graph.get("views").is_some_and(|d| d.contains("state")), "the reading found no imports: {graph:?}");
}

/// A file included with `#[path]` compiles into every crate that includes it (a test file so
/// included is also a test crate of its own, with no tests), and hides where code lives.
#[test]
fn no_file_is_included_through_a_path_attribute() {
    let root = root();
    let mut files = Vec::new();
    for dir in ["src", "crates", "fuzz"] {
        rust_files(&root.join(dir), &mut files);
    }
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            text.lines().any(|l| l.trim_start().starts_with("#[path"))
        })
        .map(|f| f.strip_prefix(&root).unwrap_or(f).display().to_string())
        .collect();
    assert!(files.len() > 50, "found only {} files", files.len());
    assert!(
        offenders.is_empty(),
        "files that include another with #[path]: {offenders:?} (tests share code through tests/common/)"
    );
}

#[test]
fn the_core_has_no_import_circle() {
    let graph = module_graph(&root().join("crates/clover-core/src"), &["lib"]);
    assert_no_circle(&graph, "the core's");
    // The model is the bottom floor: it names none of the layers built on it.
    assert!(graph.get("model").is_none_or(|d| d.iter().all(|m| m == "civil")), "the model imports {graph:?}");
    assert!(graph.get("partial").is_some_and(|d| d.contains("model")), "the reading found no imports: {graph:?}");
}

/// The analytics modules name each other as `super::x`: no circle among them either (the
/// view modules and `pass.rs` below, `indicators.rs` and `clover.rs` above).
#[test]
fn the_analytics_modules_have_no_import_circle() {
    let dir = root().join("crates/clover-core/src/analytics");
    let siblings: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.path().file_stem()?.to_str().map(str::to_string))
        .filter(|m| m != "mod")
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for me in &siblings {
        let text: String = std::fs::read_to_string(dir.join(format!("{me}.rs")))
            .unwrap()
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .map(|l| format!("{l}\n"))
            .collect();
        for (i, _) in text.match_indices("super::") {
            let rest = &text[i + "super::".len()..];
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group[..group.find('}').unwrap_or(0)].split(',').collect(),
                None => vec![rest],
            };
            for n in names {
                let n = n.trim();
                let m = &n[..n.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(n.len())];
                if siblings.contains(m) && m != me {
                    graph.entry(me.clone()).or_default().insert(m.to_string());
                }
            }
        }
    }
    assert_no_circle(&graph, "the analytics'");
    assert!(graph.get("indicators").is_some_and(|d| d.contains("clover")), "the reading found no imports: {graph:?}");
}

/// The longest a function may be, from its `fn` line to its closing brace.
const MAX_FN_LINES: usize = 200;

/// Every function in `text` (as rustfmt lays it out) with its first line and its length in
/// lines: from the line with `fn` to the line that closes it at the same indentation.
fn function_lengths(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let code = line.trim_start();
        let indent = &line[..line.len() - code.len()];
        let mut words = code.split_whitespace().peekable();
        // Qualifiers before `fn`: visibility, const, async, unsafe, extern "C".
        let qualifier = |w: &&str| {
            *w == "pub"
                || w.starts_with("pub(")
                || ["const", "async", "unsafe", "extern"].contains(w)
                || w.starts_with('"')
        };
        while words.next_if(qualifier).is_some() {}
        if words.next() != Some("fn") {
            continue;
        }
        let name: String =
            words.next().unwrap_or("").chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        // The line that opens the body (or ends a declaration without one).
        let Some(open) = (i..lines.len()).find(|&j| lines[j].contains('{') || lines[j].trim_end().ends_with(';'))
        else {
            continue;
        };
        let opener = lines[open].trim_end();
        if !opener.contains('{') || opener.ends_with('}') {
            continue; // no body, or all on one line
        }
        let close = format!("{indent}}}");
        if let Some(end) = (open + 1..lines.len()).find(|&j| lines[j] == close) {
            out.push((name, i + 1, end - i + 1));
        }
    }
    out
}

/// No function over [`MAX_FN_LINES`] lines, anywhere: the CLI, the fuzz targets, the core (its
/// tests and benches too) and the app. `analytics/pass.rs` stays exempt, its reference test
/// guarding it.
#[test]
fn no_function_is_longer_than_200_lines() {
    let root = root();
    let mut files = Vec::new();
    for dir in ["crates/clover-cli", "crates/clover-core", "fuzz", "src"] {
        rust_files(&root.join(dir), &mut files);
    }
    // The hot pass may stay long where its reference test (analytics_reference.rs) guards it.
    let exempt = root.join("crates/clover-core/src/analytics/pass.rs");
    files.retain(|f| *f != exempt);
    assert!(files.len() > 50, "found only {} files", files.len());
    let mut long = Vec::new();
    let mut seen = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (name, line, len) in function_lengths(&text) {
            seen += 1;
            if len > MAX_FN_LINES {
                long.push(format!("{}:{line} {name} ({len} lines)", f.strip_prefix(&root).unwrap_or(f).display()));
            }
        }
    }
    assert!(seen > 500, "the reading found only {seen} functions");
    assert!(long.is_empty(), "functions over {MAX_FN_LINES} lines (cut them at their seams): {long:#?}");
}

#[test]
fn function_lengths_are_read_as_rustfmt_lays_functions_out() {
    let text = "fn a() {\n    x();\n}\n\npub(crate) fn b(\n    y: u8,\n) -> u8 {\n    fn inner() {}\n    y\n}\n\ntrait T {\n    fn decl(&self);\n    fn one(&self) { }\n    async fn c(&self) {\n        z();\n    }\n}\n";
    let got = function_lengths(text);
    let want = [("a", 1, 3), ("b", 5, 6), ("c", 15, 3)];
    let got: Vec<(&str, usize, usize)> = got.iter().map(|(n, l, k)| (n.as_str(), *l, *k)).collect();
    assert_eq!(got, want);
}
