//! The `clover` binary as a user runs it.

use std::process::Command;

fn clover(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_clover")).args(args).output().expect("run clover");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn usage_errors_exit_1() {
    let (code, _, err) = clover(&[]);
    assert_eq!(code, 1);
    assert!(err.contains("usage"));
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
    for key in ["formats", "people", "bots", "deactivated", "spaces", "posts", "replies", "reactions", "system_messages", "bot_messages", "first", "last", "warnings", "errors"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
