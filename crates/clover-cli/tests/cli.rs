//! The `clover` binary as a user runs it.

use std::process::Command;

fn clover(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_clover")).args(args).output().expect("run clover");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn usage_errors_exit_1() {
    let (code, _, err) = clover(&[]);
    assert_eq!(code, 1);
    assert!(err.contains("Usage: clover"), "{err}");
    for command in ["import", "analyze", "journey", "summarize", "snapshot", "demo", "partial", "finish"] {
        assert!(err.contains(&format!("\n  {command} ")), "the usage lists {command}: {err}");
    }
    // Help asked for goes to standard output, for every command.
    let (code, out, _) = clover(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Usage: clover"), "{out}");
    for command in
        ["import", "analyze", "analyse", "journey", "summarize", "summarise", "snapshot", "demo", "partial", "finish"]
    {
        let (code, out, err) = clover(&[command, "--help"]);
        assert_eq!(code, 0, "{command} --help: {err}");
        assert!(out.contains("Usage: clover "), "{command} --help: {out}");
    }
    // A path or --out left out, a malformed value: status 1, naming what is wrong.
    let (code, _, err) = clover(&["analyze"]);
    assert_eq!(code, 1);
    assert!(err.contains("<PATH>"), "{err}");
    let (code, _, err) = clover(&["analyze", "x.json", "--top", "many"]);
    assert_eq!(code, 1);
    assert!(err.contains("--top"), "{err}");
    let (code, _, err) = clover(&["journey", "x.json", "--by", "week"]);
    assert_eq!(code, 1);
    assert!(err.contains("month") && err.contains("quarter"), "{err}");
}

/// A mistyped or unknown flag is refused before anything is read: status 2, the flag named
/// and the nearest known one suggested. (It used to be taken for a file name, or ignored.)
#[test]
fn unknown_flags_exit_2_naming_the_flag_and_the_nearest() {
    let (code, out, err) = clover(&["analyze", "x.json", "--form", "2025-01-01"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("'--form'") && err.contains("'--from'"), "{err}");
    let (code, _, err) = clover(&["analyze", "x.json", "--no-such-flag"]);
    assert_eq!(code, 2);
    assert!(err.contains("'--no-such-flag'"), "{err}");
    // Each command takes its own flags: --names is snapshot's, --out is not analyze's.
    let (code, _, err) = clover(&["analyze", "x.json", "--names"]);
    assert_eq!(code, 2);
    assert!(err.contains("'--names'"), "{err}");
    let (code, _, err) = clover(&["import", "x.json", "--jsn"]);
    assert_eq!(code, 2);
    assert!(err.contains("'--jsn'") && err.contains("'--json'"), "{err}");
    let (code, _, err) = clover(&["demo", "--out", "x", "--peeple", "20"]);
    assert_eq!(code, 2);
    assert!(err.contains("'--people'"), "{err}");
    let (code, _, err) = clover(&["analyz", "x.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("'analyz'") && err.contains("'analyze'"), "{err}");
}

#[test]
fn unreadable_files_exit_2_and_are_named() {
    let dir = std::env::temp_dir().join(format!("clover-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("notes.txt");
    std::fs::write(&f, "just some words").unwrap();
    let (code, out, _) = clover(&["import", f.to_str().unwrap(), "--json"]);
    assert_eq!(code, 2, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["errors"][0]["file"], "notes.txt");
    assert!(v["errors"][0]["message"].as_str().unwrap().contains("not a supported export"));
    for key in [
        "formats",
        "people",
        "bots",
        "deactivated",
        "spaces",
        "posts",
        "replies",
        "reactions",
        "system_messages",
        "bot_messages",
        "first",
        "last",
        "warnings",
        "errors",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn demo_round_trips_through_import_in_every_format() {
    let dir = std::env::temp_dir().join(format!("clover-cli-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut seen = Vec::new();
    for format in ["clover", "slack", "mattermost"] {
        let out = dir.join(format!("demo-{format}"));
        let (code, _, err) =
            clover(&["demo", "--people", "200", "--months", "6", "--format", format, "--out", out.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        let (code, json, _) = clover(&["import", out.to_str().unwrap(), "--json"]);
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["formats"][0], format);
        assert!(v["errors"].as_array().unwrap().is_empty(), "{}", v["errors"]);
        let key: Vec<u64> =
            ["people", "posts", "replies", "reactions"].iter().map(|k| v[k].as_u64().unwrap()).collect();
        assert!(key[0] >= 190 && key[1] > 0 && key[2] > 0 && key[3] > 0, "{format}: {key:?}");
        seen.push(key);
    }
    // The same organisation, whatever the format it is written in.
    assert_eq!(seen[0], seen[1]);
    assert_eq!(seen[0], seen[2]);
    let (code, _, err) = clover(&["demo", "--people", "3", "--out", dir.join("x").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("at least 10"));
    std::fs::remove_dir_all(&dir).ok();
}

fn samples() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples")
}

#[test]
fn analyze_json_has_the_documented_shape_on_every_sample_format() {
    for rel in [
        "slack/hfaran-slack-export-viewer/testarchive.zip",
        "slack/rusq-slackdump/source_export.zip",
        "teams/zulip-TeamsData_ZulipChat",
        "yammer/apache-camel-yammer/messages.json",
        "mattermost/zulip-mattermost_fixtures/export.json",
        "discord/zulip-discord_fixtures/channels",
    ] {
        let path = samples().join(rel);
        let (code, out, err) = clover(&["analyze", path.to_str().unwrap(), "--json"]);
        assert_eq!(code, 0, "{rel}: {err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(v["window"]["from"].is_string(), "{rel}");
        let stages: Vec<&str> = v["funnel"].as_array().unwrap().iter().map(|s| s["stage"].as_str().unwrap()).collect();
        assert_eq!(stages, ["workforce", "members", "active", "contributors", "engaged", "champions"], "{rel}");
        let counts: Vec<u64> = v["funnel"].as_array().unwrap().iter().map(|s| s["count"].as_u64().unwrap()).collect();
        assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{rel}: each stage is a subset: {counts:?}");
        assert!(counts[1] > 0, "{rel}: members");
        let leaves: Vec<&str> =
            v["clover"]["leaves"].as_array().unwrap().iter().map(|l| l["leaf"].as_str().unwrap()).collect();
        assert_eq!(leaves, ["leadership", "governance", "culture", "technology"], "{rel}");
        for row in v["leaderboard"].as_array().unwrap() {
            for k in [
                "rank",
                "id",
                "name",
                "score",
                "posts",
                "replies",
                "reactions_given",
                "replies_received",
                "reactions_received",
                "persona",
            ] {
                assert!(row.get(k).is_some(), "{rel}: leaderboard row lacks {k}");
            }
        }
        for k in ["gini", "top1_share", "top10_share"] {
            assert!(v["inequality"].get(k).is_some(), "{rel}: inequality lacks {k}");
        }
    }
}

#[test]
fn analyze_window_and_bad_dates() {
    let path = samples().join("slack/hfaran-slack-export-viewer/testarchive.zip");
    let (code, out, _) =
        clover(&["analyze", path.to_str().unwrap(), "--from", "2016-02-01", "--to", "2016-02-29", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["window"]["from"].as_str().unwrap() >= "2016-02-01");
    assert!(v["window"]["to"].as_str().unwrap() <= "2016-02-29");
    let (code, _, err) = clover(&["analyze", path.to_str().unwrap(), "--from", "Feb 1st"]);
    assert_eq!(code, 1);
    assert!(err.contains("2025-01-31"));
}

/// `summarize` writes aggregates only: the analysis `analyze --json` prints, the load summary,
/// pseudonymised names on request, and never a message or its text.
#[test]
fn summarize_writes_the_analysis_without_messages() {
    let dir = std::env::temp_dir().join(format!("clover-cli-summary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let demo = dir.join("demo.json");
    let (code, _, err) = clover(&["demo", "--people", "150", "--months", "3", "--out", demo.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let out = dir.join("summary.json");
    let (code, _, err) =
        clover(&["summarize", demo.to_str().unwrap(), "--out", out.to_str().unwrap(), "--pseudonymise"]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&out).unwrap();
    let s = clover_core::summary::read(&bytes).expect("a readable summary");
    assert!(clover_core::summary::is_summary(&bytes));
    assert!(s.params.pseudonymise);
    assert!(s.analysis.leaderboard.iter().all(|r| r.name.starts_with("Person ")), "names are pseudonyms");
    // The same numbers as analyze (pseudonymised names aside).
    let (_, json, _) = clover(&["analyze", demo.to_str().unwrap(), "--json"]);
    let a: serde_json::Value = serde_json::from_str(&json).unwrap();
    let funnel: Vec<u64> = s.analysis.funnel.iter().map(|f| f.count).collect();
    let want: Vec<u64> = a["funnel"].as_array().unwrap().iter().map(|f| f["count"].as_u64().unwrap()).collect();
    assert_eq!(funnel, want);
    assert_eq!(s.analysis.totals.as_ref().map(|t| t.posts), a["totals"]["posts"].as_u64());
    assert_eq!(s.analysis.clover.as_ref().and_then(|c| c.overall), a["clover"]["overall"].as_f64());
    // The load summary is `import --json`'s.
    let (_, imported, _) = clover(&["import", demo.to_str().unwrap(), "--json"]);
    let i: serde_json::Value = serde_json::from_str(&imported).unwrap();
    assert_eq!(
        (s.import.people, s.import.posts, s.import.replies),
        (i["people"].as_u64().unwrap(), i["posts"].as_u64().unwrap(), i["replies"].as_u64().unwrap())
    );
    // No message or message text: the file has no "messages" key and no demo words.
    let text = String::from_utf8(bytes).unwrap();
    assert!(!text.contains("\"messages\""));
    assert!(text.len() < 2_000_000, "a summary stays small: {} bytes", text.len());
    // Without --out: a usage error.
    let (code, _, err) = clover(&["summarize", demo.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("--out"));
    std::fs::remove_dir_all(&dir).ok();
}

/// `snapshot` prints the fragment the dashboard's "Copy a snapshot link" makes: it decodes to
/// the funnel `analyze` prints, pseudonymised unless `--names`.
#[test]
fn snapshot_prints_a_link_fragment() {
    let dir = std::env::temp_dir().join(format!("clover-cli-snapshot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let demo = dir.join("demo.json");
    let (code, _, err) = clover(&["demo", "--people", "150", "--months", "3", "--out", demo.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = clover(&["snapshot", demo.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let fragment = out.trim().strip_prefix("#view=overview&snapshot=").expect(&out);
    let (a, meta) = clover_core::snapshot::decode(fragment).unwrap();
    assert!(meta.pseudonymised && a.leaderboard.iter().all(|r| r.name.starts_with("Person ")));
    let (_, json, _) = clover(&["analyze", demo.to_str().unwrap(), "--json"]);
    let want: serde_json::Value = serde_json::from_str(&json).unwrap();
    let funnel: Vec<u64> = a.funnel.iter().map(|f| f.count).collect();
    let want: Vec<u64> = want["funnel"].as_array().unwrap().iter().map(|f| f["count"].as_u64().unwrap()).collect();
    assert_eq!(funnel, want);
    let (code, out, _) = clover(&["snapshot", demo.to_str().unwrap(), "--names", "--payload"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["meta"]["pseudonymised"], false);
    std::fs::remove_dir_all(&dir).ok();
}
