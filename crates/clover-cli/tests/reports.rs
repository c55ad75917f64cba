//! The `clover` binary on activity reports: the demo written as reports, analysed, its
//! windows as a journey.

use std::path::{Path, PathBuf};
use std::process::Command;

fn clover(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_clover")).args(args).output().expect("run clover");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// The demo's reports, written once into a folder of this test run.
fn demo_reports() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("clover-cli-reports-{}", std::process::id()));
        let (code, _, err) = clover(&["demo", "--people", "300", "--months", "12", "--reports", dir.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("microsoft-365 and slack"), "{err}");
        dir
    })
    .clone()
}

fn files_in(dir: &Path, starting: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(starting))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn each_report_window_is_one_period_of_the_journey_in_time_order() {
    let dir = demo_reports().join("microsoft-365");
    let mut teams = files_in(&dir, "TeamsUserActivityUserDetail");
    assert_eq!(teams.len(), 4);
    // Given in any order, read in time order.
    teams.reverse();
    let args: Vec<&str> = ["journey"].into_iter().chain(teams.iter().map(String::as_str)).chain(["--json"]).collect();
    let (code, out, err) = clover(&args);
    assert_eq!(code, 0, "{err}");
    let j: serde_json::Value = serde_json::from_str(&out).unwrap();
    let periods = j["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 4);
    let ends: Vec<&str> = periods.iter().map(|p| p["to"].as_str().unwrap()).collect();
    let mut sorted = ends.clone();
    sorted.sort();
    assert_eq!(ends, sorted);
    assert!(periods.iter().all(|p| p["complete"] == true && p["funnel"].as_array().unwrap().len() == 4));
}

#[test]
fn analyze_on_reports_gives_four_stages_and_readers() {
    let dir = demo_reports().join("slack");
    let (code, out, err) = clover(&["analyze", dir.to_str().unwrap(), "--compare", "previous", "--json"]);
    assert_eq!(code, 0, "{err}");
    let a: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(a["data"], "reports");
    let stages: Vec<&str> = a["funnel"].as_array().unwrap().iter().map(|f| f["stage"].as_str().unwrap()).collect();
    assert_eq!(stages, ["workforce", "members", "active", "contributors"]);
    assert!(a["figures"].as_array().unwrap().iter().any(|f| f["id"] == "readers"));
    assert!(a["leaderboard"][0]["persona"].is_null());
    assert!(a["baseline"]["note"].is_null(), "the quarter before is a report too");
    // The text output says the same, with no persona.
    let (_, text, _) = clover(&["analyze", dir.to_str().unwrap()]);
    assert!(text.contains("contributors") && !text.contains("engaged"), "{text}");
    assert!(text.contains("—"));
    // import names each report.
    let (_, imported, _) = clover(&["import", dir.to_str().unwrap(), "--json"]);
    let i: serde_json::Value = serde_json::from_str(&imported).unwrap();
    assert_eq!(i["reports"].as_array().unwrap().len(), 5, "four quarters and the overview");
}
