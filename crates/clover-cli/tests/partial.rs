//! Partials: `clover partial` over shards of an export, then `clover finish`, must write the
//! very summary `clover summarize` writes for the same files (parsed JSON compared), whatever
//! the sharding, including shards whose files are broken. The Spark job (spark/) runs the
//! same two commands; its own test (spark/test_clover_spark.py) runs in `./dev test`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn clover(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_clover")).args(args).output().expect("run clover");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into())
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples")
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("clover-partial-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&d).ok();
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn read_json(p: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

/// Where two JSON values differ (the first 20 places), as `path: want != got`.
fn diff(a: &serde_json::Value, b: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    use serde_json::Value::{Array, Object};
    if out.len() >= 20 {
        return;
    }
    match (a, b) {
        (Object(x), Object(y)) => {
            for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                let null = serde_json::Value::Null;
                diff(x.get(k).unwrap_or(&null), y.get(k).unwrap_or(&null), &format!("{at}.{k}"), out);
            }
        }
        (Array(x), Array(y)) if x.len() == y.len() => {
            for (i, (u, v)) in x.iter().zip(y).enumerate() {
                diff(u, v, &format!("{at}[{i}]"), out);
            }
        }
        _ if a != b => {
            let short = |v: &serde_json::Value| v.to_string().chars().take(300).collect::<String>();
            out.push(format!("{at}: {} != {}", short(a), short(b)));
        }
        _ => {}
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file under `input`, in the CLI's order (depth first, names sorted).
fn walk(input: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![input.to_path_buf()];
    while let Some(cur) = stack.pop() {
        if cur.is_dir() {
            let mut kids: Vec<PathBuf> = std::fs::read_dir(&cur).unwrap().map(|e| e.unwrap().path()).collect();
            kids.sort();
            kids.reverse();
            stack.extend(kids);
        } else {
            out.push(cur);
        }
    }
    out
}

/// The Spark job's layout rules (spark/clover_spark.py `plan`): a Teams export is one unit;
/// files beside folders are context; otherwise a file's unit is its folder.
fn units(input: &Path) -> (Vec<PathBuf>, Vec<Vec<PathBuf>>) {
    let files = walk(input);
    let has_subfolders = |d: &Path| std::fs::read_dir(d).unwrap().any(|e| e.unwrap().path().is_dir());
    let teams_root = |f: &Path| -> Option<PathBuf> {
        f.ancestors().skip(2).map(Path::to_path_buf).find(|r| {
            std::fs::read_dir(r)
                .unwrap()
                .filter_map(|e| e.ok())
                .any(|e| e.path().join("teamsList.json").exists() || e.path().join("usersList.json").exists())
        })
    };
    let mut context = Vec::new();
    let mut units: Vec<(PathBuf, Vec<PathBuf>)> = Vec::new();
    for f in files {
        let dir = f.parent().unwrap().to_path_buf();
        let key = match teams_root(&f) {
            Some(root) => root,
            None if has_subfolders(&dir) => {
                context.push(f);
                continue;
            }
            None => dir,
        };
        match units.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(f),
            None => units.push((key, vec![f])),
        }
    }
    (context, units.into_iter().map(|(_, v)| v).collect())
}

/// `summarize` on `input` against partials of `shards` (named relative to `base`) finished.
fn check(name: &str, base: &Path, input: &Path, context: &[PathBuf], shards: &[Vec<PathBuf>], extra: &[&str]) {
    let dir = scratch(name);
    let want = dir.join("want.json");
    let mut args = vec!["summarize", s(input), "--out", s(&want)];
    args.extend(extra);
    let (code, err) = clover(&args);
    assert!(code == 0 || code == 2, "{err}");
    let mut partials: Vec<PathBuf> = Vec::new();
    let mut run = |files: &[PathBuf], ctx: &[PathBuf]| {
        let out = dir.join(format!("p{:04}", partials.len()));
        let mut args: Vec<String> = vec!["partial".into(), "--base".into(), s(base).into()];
        for c in ctx {
            args.extend(["--context".into(), s(c).into()]);
        }
        // Every other shard is given the context's own partial (as the Spark job does), the
        // others import the context alone themselves: both must give the same.
        if !ctx.is_empty() && partials.len() % 2 == 1 {
            args.extend(["--context-partial".into(), s(&partials[0]).into()]);
        }
        args.extend(files.iter().map(|f| s(f).to_string()));
        args.extend(["--out".into(), s(&out).into()]);
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, err) = clover(&argv);
        assert_eq!(code, 0, "{err}");
        partials.push(out);
    };
    if !context.is_empty() {
        run(context, &[]);
    }
    for shard in shards {
        run(shard, context);
    }
    let got = dir.join("got.json");
    let mut args = vec!["finish"];
    args.extend(partials.iter().map(|p| s(p)));
    args.extend(["--out", s(&got)]);
    args.extend(extra);
    let (code2, err) = clover(&args);
    assert_eq!(code2, code, "{name}: {err}");
    if code == 0 {
        let mut d = Vec::new();
        diff(&read_json(&want), &read_json(&got), "", &mut d);
        assert!(d.is_empty(), "{name}: the sharded summary differs from summarize's:\n{}", d.join("\n"));
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Every sample format, sharded every way the layout allows: a unit a shard, and the units
/// in two shards. (Shards are merged in the order of their files, as the Spark job does: some
/// views break ties between people by the order they were read in.)
#[test]
fn samples_sharded_match_summarize() {
    let root = samples();
    for format in ["slack", "teams", "mattermost", "discord", "yammer"] {
        let input = root.join(format);
        let (context, units) = units(&input);
        assert!(!units.is_empty(), "{format}: no files");
        check(&format!("{format}-each"), &root, &input, &context, &units, &[]);
        let half = units.len().div_ceil(2);
        let two: Vec<Vec<PathBuf>> = units.chunks(half).map(|c| c.concat()).collect();
        check(&format!("{format}-two"), &root, &input, &context, &two, &["--pseudonymise"]);
    }
    // Discord by file (the job's --split-files): a person named differently in two channel
    // files keeps the name read first, as in one process.
    let discord = root.join("discord");
    let files: Vec<Vec<PathBuf>> = walk(&discord).into_iter().map(|f| vec![f]).collect();
    assert!(files.len() >= 2);
    check("discord-files", &root, &discord, &[], &files, &[]);
}

/// A demo Slack export as loose files (a channel folder a unit, the lists as context).
fn demo_slack(dir: &Path, people: &str) -> PathBuf {
    let zip = dir.join("demo.zip");
    let (code, err) = clover(&["demo", "--people", people, "--months", "6", "--format", "slack", "--out", s(&zip)]);
    assert_eq!(code, 0, "{err}");
    let export = dir.join("export");
    let mut a = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    a.extract(&export).unwrap();
    std::fs::remove_file(&zip).unwrap();
    export
}

#[test]
fn demo_slack_in_shards_matches_summarize_with_window_and_pseudonyms() {
    let dir = scratch("demo");
    let export = demo_slack(&dir, "300");
    let (context, units) = units(&export);
    assert!(context.iter().any(|f| f.ends_with("users.json")), "{context:?}");
    assert!(units.len() >= 8, "{}", units.len());
    let four: Vec<Vec<PathBuf>> = units.chunks(units.len().div_ceil(4)).map(|c| c.concat()).collect();
    assert_eq!(four.len(), 4);
    check("demo-four", &dir, &export, &context, &four, &[]);
    check(
        "demo-window",
        &dir,
        &export,
        &context,
        &four,
        &["--from", "2024-02-01", "--to", "2024-05-31", "--pseudonymise"],
    );
    check("demo-each", &dir, &export, &context, &units, &["--top", "7"]);

    // Context files are counted once: files loaded, warnings and errors of users.json and
    // channels.json appear once however many shards read them.
    std::fs::write(export.join("notes.txt"), "not an export").unwrap();
    let (context, units) = self::units(&export);
    check("demo-context-error", &dir, &export, &context, &units, &[]);
    std::fs::remove_dir_all(&dir).ok();
}

/// Broken files in a shard are named as summarize names them, and the other shards count.
#[test]
fn broken_shards_are_named_and_the_others_still_count() {
    let dir = scratch("broken");
    let export = demo_slack(&dir, "100");
    let (_, units) = units(&export);
    // One channel's day files cut short, another channel's replaced by junk.
    let cut = &units[1][0];
    let bytes = std::fs::read(cut).unwrap();
    std::fs::write(cut, &bytes[..bytes.len() / 2]).unwrap();
    for f in &units[2] {
        std::fs::write(f, b"\x00\x01 not json").unwrap();
    }
    let (context, units) = self::units(&export);
    check("broken-each", &dir, &export, &context, &units, &[]);

    let summary = dir.join("s.json");
    let mut args: Vec<String> = vec!["partial".into(), "--base".into(), s(&dir).into()];
    args.extend(units[2].iter().map(|f| s(f).to_string()));
    args.extend(["--out".into(), s(&dir.join("p")).into()]);
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_eq!(clover(&argv).0, 0, "a shard with nothing readable still writes its partial");
    let (code, err) = clover(&["finish", s(&dir.join("p")), "--out", s(&summary)]);
    assert_eq!(code, 2, "nothing loaded: {err}");
    assert!(err.contains("error: export/"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_partial_that_is_not_one_stops_finish() {
    let dir = scratch("bad");
    let p = dir.join("p");
    std::fs::write(&p, b"CLVRPART\x01\x00\x00\x00\xff\xff").unwrap();
    let (code, err) = clover(&["finish", s(&p), "--out", s(&dir.join("s.json"))]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot read the partial"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
