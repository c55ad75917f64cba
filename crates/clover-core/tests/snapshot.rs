//! The snapshot link (`#snapshot=v1.…`, src/snapshot.rs, docs/snapshot.md): it reopens with
//! the numbers its maker saw, fits the URL budget, and refuses, in plain words and without
//! panicking, anything damaged, cut, oversized, hostile or of another version.

use std::sync::OnceLock;

use clover_core::analytics::{Analysis, Analyzer, Compare, Params, Unit};
use clover_core::civil::parse_date;
use clover_core::demo::{generate, write_clover, write_roster_csv, DemoOptions};
use clover_core::import::{import_files, ImportOptions, InputFile};
use clover_core::snapshot::{self, decode, encode, pack, Meta};
use proptest::prelude::*;

/// The longest address a snapshot link may have for the million-message demo.
const BUDGET: usize = 16 * 1024;
/// What comes before the fragment in a link: a host's address, a sub-path and the view.
const LINK_HEAD: &str = "https://clover.example.org/clover/#view=overview&snapshot=";

/// The demo organisation with its roster, analysed as a leadership review asks: the last
/// complete quarter against the one before, with the journey by quarter and the segments,
/// names pseudonymised (unless `names`).
fn review(people: usize, names: bool) -> (Analysis, Meta) {
    let org = generate(&DemoOptions { people, ..DemoOptions::default() });
    let files =
        vec![InputFile::new("demo.json", write_clover(&org)), InputFile::new("roster.csv", write_roster_csv(&org))];
    let r = import_files(files, &ImportOptions::default());
    let an = Analyzer::new(&r.dataset);
    let q = an.analyze(&Params::default()).presets.into_iter().find(|p| p.id == "last_quarter").unwrap();
    let p = Params {
        from: parse_date(&q.from),
        to: parse_date(&q.to),
        compare: Compare::Previous,
        journey: Some(Unit::Quarter),
        ..Params::default()
    };
    let p = snapshot::params(&p, names);
    assert!(p.segments && p.pseudonymise != names);
    // 2025-07-01 12:00 UTC
    let meta = Meta::new(&r.dataset, 1_751_371_200_000, Some("demo"), !names);
    (an.analyze(&p), meta)
}

fn default_review() -> &'static (Analysis, Meta) {
    static R: OnceLock<(Analysis, Meta)> = OnceLock::new();
    R.get_or_init(|| review(DemoOptions::default().people, false))
}

/// Two JSON trees hold the same: same shape, same strings and whole numbers, fractions
/// that show alike (the snapshot rounds them to what is shown: scores as whole numbers,
/// shares as percentages).
fn same_as_shown(a: &serde_json::Value, b: &serde_json::Value, path: &str) {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            let field = path.rsplit('.').next().unwrap_or_default();
            let score = ["overall", "score", "self_score", "self_assessed", "blended"].contains(&field);
            let show = |v: f64| {
                let pct =
                    if score { Default::default() } else { (format!("{:.0}", v * 100.0), format!("{:.1}", v * 100.0)) };
                (v.round(), format!("{v:.0}"), pct)
            };
            assert_eq!(show(x), show(y), "{path}: {x} shows differently from {y}");
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{path}: lengths");
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                same_as_shown(p, q, &format!("{path}[{i}]"));
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>(), "{path}: fields");
            for (k, v) in x {
                same_as_shown(v, &y[k], &format!("{path}.{k}"));
            }
        }
        _ => assert_eq!(a, b, "{path}"),
    }
}

#[test]
fn a_snapshot_reopens_with_the_numbers_its_maker_saw() {
    let (a, meta) = default_review();
    let fragment = encode(a, meta);
    assert!(fragment.starts_with("v1."), "{}", &fragment[..20]);
    assert!(fragment[3..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "base64url only");
    let (b, m) = decode(&fragment).unwrap();
    assert_eq!(&m, meta);
    // The funnel, every count, exactly; the funnels of the baseline, segments and journey too.
    assert_eq!(b.funnel, a.funnel);
    assert_eq!(b.baseline.as_ref().unwrap().funnel, a.baseline.as_ref().unwrap().funnel);
    assert_eq!(
        b.segments.iter().map(|s| &s.funnel).collect::<Vec<_>>(),
        a.segments.iter().map(|s| &s.funnel).collect::<Vec<_>>()
    );
    let periods =
        |x: &Analysis| x.journey.as_ref().unwrap().periods.iter().map(|p| p.funnel.clone()).collect::<Vec<_>>();
    assert_eq!(periods(&b), periods(a));
    // The sentences, word for word.
    assert_eq!(b.insights, a.insights);
    assert_eq!(b.slides, a.slides);
    assert_eq!(
        b.changes.iter().map(|c| &c.text).collect::<Vec<_>>(),
        a.changes.iter().map(|c| &c.text).collect::<Vec<_>>()
    );
    // Everything else as the page shows it, after the documented trimming.
    let want = serde_json::to_value(snapshot::trim(a)).unwrap();
    same_as_shown(&want, &serde_json::to_value(&b).unwrap(), "analysis");
    assert_eq!(b.leaderboard.len(), snapshot::LEADERBOARD_ROWS);
    assert!(b.network.as_ref().unwrap().edges.len() <= snapshot::NETWORK_EDGES);
    assert!(b.presets.is_empty());
    // Encoding what was decoded gives the same link: nothing drifts.
    assert_eq!(encode(&b, &m), fragment);
    // A leading `#snapshot=` is read too.
    assert_eq!(decode(&format!("#snapshot={fragment}")).unwrap().1, m);
}

#[test]
fn a_snapshot_keeps_no_person_key_and_pseudonymises_by_default() {
    let (a, meta) = review(300, false);
    let (b, m) = decode(&encode(&a, &meta)).unwrap();
    assert!(m.pseudonymised);
    for r in b.leaderboard.iter().chain(&b.leaders_board) {
        assert!(r.id.is_empty(), "{}", r.id);
        assert!(r.name.starts_with("Person "), "{}", r.name);
    }
    for n in &b.network.as_ref().unwrap().nodes {
        assert!(n.id.is_empty() && n.name.starts_with("Person "), "{n:?}");
    }
    assert!(m.describe(&b).contains("names pseudonymised"), "{}", m.describe(&b));
    // With real names, the names are kept (and the viewer is told), still no key.
    let (a, meta) = review(300, true);
    let (b, m) = decode(&encode(&a, &meta)).unwrap();
    assert!(!m.pseudonymised && !b.leaderboard[0].name.starts_with("Person "));
    assert!(b.leaderboard.iter().all(|r| r.id.is_empty()));
    assert!(m.describe(&b).contains("with real names"));
}

/// Measured, as a whole link with the 58 characters of `LINK_HEAD`: 12,929 characters for
/// the default demo (1,600 people), 13,388 for the 20,000-person demo (about a million
/// messages); the budget is 16 KB (16,384 characters) of URL.
#[test]
fn the_default_demo_fits_the_url_budget() {
    let (a, meta) = default_review();
    let link = format!("{LINK_HEAD}{}", encode(a, meta));
    eprintln!("default demo: a snapshot link of {} characters", link.len());
    assert!(link.len() <= BUDGET, "{} characters", link.len());
}

/// docs/snapshot.md's claim, in every `./dev test`: the million-message demo (20,000 people)
/// fits the 16 KB budget. About 20 s in a debug build on the project's 2-core machine (a
/// minute while other builds run). The link's size is not monotonic in the organisation's
/// (5,000 people gave a longer link than 20,000 on 2026-12-05), so the claim is measured at
/// its own size rather than carried on from smaller ones.
#[test]
fn the_million_message_demo_fits_the_url_budget() {
    let (a, meta) = review(20_000, false);
    let link = format!("{LINK_HEAD}{}", encode(&a, &meta));
    eprintln!("20,000-person demo: a snapshot link of {} characters", link.len());
    assert!(link.len() <= BUDGET, "{} characters", link.len());
    assert_eq!(decode(&encode(&a, &meta)).unwrap().0.funnel, a.funnel);
}

// ---------------------------------------------------------------------------------------
// Bad snapshots
// ---------------------------------------------------------------------------------------

fn valid_json() -> serde_json::Value {
    let (a, meta) = default_review();
    serde_json::from_slice(&snapshot::payload_json(a, meta)).unwrap()
}

/// Decoding the JSON `v` (packed as a snapshot) fails with a message containing `words`.
fn refused(v: &serde_json::Value, words: &str) {
    let e = decode(&pack(&serde_json::to_vec(v).unwrap())).unwrap_err();
    assert!(e.contains(words), "{e}");
}

#[test]
fn not_a_snapshot_or_another_version_is_named() {
    for s in ["", "hello", "v1", "x1.abc", "v.abc", "vv1.abc", "#view=overview"] {
        assert!(decode(s).unwrap_err().contains("not a Clover snapshot"), "{s}");
    }
    let (a, meta) = default_review();
    let f = encode(a, meta);
    let e = decode(&f.replacen("v1.", "v2.", 1)).unwrap_err();
    assert!(e.contains("version 2") && e.contains("reads version 1"), "{e}");
    let e = decode("v99999999999999999999999.abc").unwrap_err();
    assert!(e.contains("version ?"), "{e}");
}

#[test]
fn a_damaged_or_cut_snapshot_is_refused() {
    let (a, meta) = default_review();
    let f = encode(a, meta);
    // Not base64url.
    assert!(decode("v1.!!!!").unwrap_err().contains("damaged"));
    assert!(decode(&format!("{f}%20")).unwrap_err().contains("damaged"));
    // Cut anywhere: in the middle, one character short, right after the prefix.
    for cut in [f.len() / 2, f.len() - 1, f.len() - 7, 4] {
        let e = decode(&f[..cut]).unwrap_err();
        assert!(e.contains("damaged"), "cut at {cut}: {e}");
    }
    // Characters changed.
    let mut flipped = f.clone().into_bytes();
    for i in (10..flipped.len()).step_by(97) {
        flipped[i] = if flipped[i] == b'A' { b'B' } else { b'A' };
    }
    let e = decode(std::str::from_utf8(&flipped).unwrap()).unwrap_err();
    assert!(e.contains("damaged") || e.contains("no real organisation"), "{e}");
    // Valid deflate of something else.
    assert!(decode(&pack(b"not json")).unwrap_err().contains("damaged"));
    assert!(decode(&pack(b"{\"meta\": {}, \"analysis\": {}}")).unwrap_err().contains("damaged"));
}

#[test]
fn an_oversized_snapshot_or_a_deflate_bomb_is_refused() {
    let long = format!("v1.{}", "A".repeat(snapshot::MAX_ENCODED));
    assert!(decode(&long).unwrap_err().contains("too long"));
    // 64 MB of spaces deflate to about 64 KB... too long already; 4 MB to a few KB.
    let bomb = pack(&vec![b' '; 4 << 20]);
    assert!(bomb.len() < snapshot::MAX_ENCODED, "{}", bomb.len());
    let e = decode(&bomb).unwrap_err();
    assert!(e.contains("unpacks to more than"), "{e}");
    // A valid payload padded past the limit with whitespace.
    let mut json = serde_json::to_vec(&valid_json()).unwrap();
    json.extend(std::iter::repeat_n(b' ', snapshot::MAX_INFLATED));
    assert!(decode(&pack(&json)).unwrap_err().contains("unpacks to more than"));
}

#[test]
fn html_in_names_is_kept_as_text() {
    let hostile = r#"<img src=x onerror="window.__pwned=1"><script>alert(1)</script>"#;
    let mut v = valid_json();
    v["analysis"]["leaderboard"][0]["name"] = hostile.into();
    v["analysis"]["network"]["nodes"][0]["name"] = hostile.into();
    v["analysis"]["segments"][0]["name"] = hostile.into();
    v["analysis"]["exchange"]["departments"][0] = hostile.into();
    v["meta"]["made"] = "<b>today</b>".into();
    let (a, m) = decode(&pack(&serde_json::to_vec(&v).unwrap())).unwrap();
    // Decoding neither runs nor changes a name: the page shows it as text.
    assert_eq!(a.leaderboard[0].name, hostile);
    assert_eq!(a.network.unwrap().nodes[0].name, hostile);
    assert_eq!(a.segments[0].name, hostile);
    assert_eq!(m.made, "<b>today</b>");
}

#[test]
fn absurd_numbers_are_refused() {
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "a billion members",
            Box::new(|v| v["analysis"]["funnel"] = serde_json::json!([2e9 as u64, 2e9 as u64, 5, 4, 3, 2])),
            "people",
        ),
        (
            "a funnel out of order",
            Box::new(|v| v["analysis"]["funnel"] = serde_json::json!([100, 90, 95, 10, 5, 1])),
            "more active",
        ),
        ("five stages", Box::new(|v| v["analysis"]["funnel"] = serde_json::json!([100, 90, 80, 10, 5])), "six stages"),
        (
            "stages as text",
            Box::new(|v| v["analysis"]["funnel"] = serde_json::json!(["a", "b", "c", "d", "e", "f"])),
            "six stages",
        ),
        ("a share above 1", Box::new(|v| v["analysis"]["inequality"]["gini"] = 1.5.into()), "outside 0–1"),
        ("a negative share", Box::new(|v| v["analysis"]["cohorts"][0]["retention"][0] = (-0.2).into()), "outside 0–1"),
        ("a score of 150", Box::new(|v| v["analysis"]["clover"]["overall"] = 150.0.into()), "outside 0–100"),
        (
            "a leaf score below 0",
            Box::new(|v| v["analysis"]["segments"][0]["clover"]["leaves"][0]["score"] = (-3.0).into()),
            "outside 0–100",
        ),
        (
            "a tie to nobody",
            Box::new(|v| v["analysis"]["network"]["edges"][0]["target"] = 9999.into()),
            "does not have",
        ),
        (
            "a matrix that is not square",
            Box::new(|v| v["analysis"]["exchange"]["counts"][0] = serde_json::json!([1])),
            "not square",
        ),
        ("a huge count", Box::new(|v| v["analysis"]["totals"]["posts"] = u64::MAX.into()), "posts"),
        ("rank 0", Box::new(|v| v["analysis"]["leaderboard"][0]["rank"] = 0.into()), "rank"),
        ("a long name", Box::new(|v| v["analysis"]["leaderboard"][0]["name"] = "x".repeat(5000).into()), "characters"),
        ("a huge list", Box::new(|v| v["analysis"]["notes"] = serde_json::json!(vec!["n"; 6000])), "entries"),
        (
            "more answered than posts",
            Box::new(|v| v["analysis"]["response_time"]["answered"] = 1_000_000_000u64.into()),
            "answered",
        ),
        ("an absurd change", Box::new(|v| v["analysis"]["changes"][0]["change"] = 1e300.into()), "change"),
    ];
    for (what, edit, words) in cases {
        let mut v = valid_json();
        edit(&mut v);
        let e = decode(&pack(&serde_json::to_vec(&v).unwrap())).expect_err(what);
        assert!(e.contains(words) && e.contains("was not opened"), "{what}: {e}");
    }
    // Numbers JSON cannot hold as the type expects (negative counts, out of range) are damage.
    let mut v = valid_json();
    v["analysis"]["totals"]["posts"] = (-1).into();
    refused(&v, "damaged");
    let e = decode(&pack(br#"{"meta": {"made": 1e400}}"#)).unwrap_err();
    assert!(e.contains("damaged"), "{e}");
    // Deep nesting stops before any recursion limit.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(decode(&pack(deep.as_bytes())).is_err());
}

#[test]
fn rounding_keeps_what_is_shown() {
    for x in [0.0, 1.0, 0.41499996, 0.125, 0.004999, 0.0005, 0.99951, 45.5, 80.52, 1e-9, 123456.789, 0.1 + 0.2] {
        let r = snapshot::shortest(x);
        assert_eq!((x * 100.0).round(), (r * 100.0).round(), "{x}");
        assert_eq!(format!("{:.0}", x * 100.0), format!("{:.0}", r * 100.0), "{x}");
        assert_eq!(format!("{:.1}", x * 100.0), format!("{:.1}", r * 100.0), "{x}");
        assert_eq!(format!("{x:.2}"), format!("{r:.2}"), "{x}");
        let s = snapshot::shortest_score(x);
        assert_eq!((x.round(), format!("{x:.0}")), (s.round(), format!("{s:.0}")), "{x}");
    }
    assert_eq!(snapshot::shortest(0.41234567), 0.412);
    assert_eq!(snapshot::shortest_score(45.123456), 45.1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whatever a link holds, decoding answers (a snapshot or a message) and never panics.
    #[test]
    fn decoding_never_panics(s in "v1\\.[A-Za-z0-9_-]{0,400}") {
        let _ = decode(&s);
    }

    #[test]
    fn a_changed_snapshot_never_panics(at in 3usize..12_000, byte in b'0'..=b'z') {
        let (a, meta) = default_review();
        let mut f = encode(a, meta).into_bytes();
        let i = at % f.len();
        f[i] = byte;
        let _ = decode(&String::from_utf8_lossy(&f));
    }

    #[test]
    fn changed_json_never_panics(at in 0usize..50_000, byte in any::<u8>()) {
        let (a, meta) = default_review();
        let mut json = snapshot::payload_json(a, meta);
        let i = at % json.len();
        json[i] = byte;
        let _ = decode(&pack(&json));
    }
}

/// Where a field is empty in the review (`null` or `[]`) and holds no number, so the test
/// below cannot try an absurd one there; each says why that is fine. A field that is empty
/// in the review and missing here fails the test: fill it in the review (so that its check is
/// tried), or add it here saying why it need not be.
const EMPTY_IN_THE_REVIEW: [(&str, &str); 25] = [
    (".analysis.notes", "sentences: their length is checked on arrival"),
    (".analysis.presets", "trim drops them; their fields are texts"),
    (".analysis.segment.departments", "the whole organisation: names"),
    (".analysis.segment.locations", "the whole organisation: names"),
    (".analysis.segment.spaces", "the whole organisation: names"),
    (".analysis.segment.leaders", "the whole organisation: a flag"),
    (".analysis.window.partial", "no partial period: a sentence"),
    (".analysis.baseline.window.partial", "no partial period: a sentence"),
    (".analysis.baseline.note", "a sentence"),
    (".analysis.clover.blended_level", "no self-assessment: a level's name"),
    (".analysis.baseline.clover.blended_level", "no self-assessment: a level's name"),
    (".analysis.baseline.clover.next_steps", "trim drops the baseline's; the Clover's next steps are tried"),
    (".analysis.baseline.clover.leaves[].recommendations", "trim drops the baseline's: sentences"),
    (".analysis.baseline.clover.leaves[].indicators[].gap", "trim drops the baseline's; the Clover's gaps are tried"),
    (".analysis.journey.periods[].reached", "levels' names"),
    (".analysis.journey.leader_activation_met", "not met in the review: a period's name"),
    (".analysis.clover.caution", "enough contributors in the review: a sentence"),
    (".analysis.baseline.clover.caution", "enough contributors in the review: a sentence"),
    (".analysis.clover.leaves[].reason", "every leaf scored in the review: a sentence"),
    (".analysis.baseline.clover.leaves[].reason", "every leaf scored in the review: a sentence"),
    (".analysis.clover.leaves[].indicators[].reason", "every indicator measured in the review: a sentence"),
    (".analysis.baseline.clover.leaves[].indicators[].reason", "every indicator measured: a sentence"),
    (".analysis.clover.limits", "the demo's export shows everything; a limit is a kind, indicators' names, sentences"),
    (".analysis.baseline.clover.limits", "as the Clover's limits"),
    (".analysis.readers", "a message export alone adds none: two counts of people, checked, and sentences' words"),
];

/// No number in a snapshot goes unchecked. In the review (every view, the baseline, the
/// changes, the segments, the journey), each field that holds a number, once per field
/// wherever it occurs, is set to 10^16 (more than any count, share, score, rank, length or
/// index can be), and the snapshot must be refused as holding what no real organisation has.
/// A field that is empty in the review gets the number too: an optional number must be
/// refused likewise; a field that cannot hold one must be in [`EMPTY_IN_THE_REVIEW`].
///
/// When this fails for a field you added to the `Analysis`, give it its bound in
/// `src/snapshot/plausible.rs` (the line that names it there says how it is checked).
#[test]
fn every_number_a_snapshot_holds_is_checked() {
    use serde_json::Value;
    /// Each field's path (`.analysis.series[].posts`) and where it first occurs, whether it
    /// ever holds something, and the ones that are empty lists.
    fn fields(v: &Value, path: &str, at: &mut Vec<String>, out: &mut Vec<(String, Vec<String>, bool)>) {
        // The first occurrence that holds something, else the first.
        let mut note = |filled: bool| match out.iter_mut().find(|(p, _, _)| p == path) {
            Some(f) if filled && !f.2 => (f.1, f.2) = (at.clone(), true),
            Some(_) => {}
            None => out.push((path.to_string(), at.clone(), filled)),
        };
        match v {
            Value::Null => note(false),
            Value::Number(_) => note(true),
            Value::Array(items) if items.is_empty() => note(false),
            Value::Array(items) => {
                note(true);
                for (i, x) in items.iter().enumerate() {
                    at.push(i.to_string());
                    fields(x, &format!("{path}[]"), at, out);
                    at.pop();
                }
            }
            Value::Object(map) => {
                note(true);
                for (k, x) in map {
                    at.push(k.clone());
                    fields(x, &format!("{path}.{k}"), at, out);
                    at.pop();
                }
            }
            _ => note(true),
        }
    }
    let review = valid_json();
    let mut all = Vec::new();
    fields(&review, "", &mut Vec::new(), &mut all);
    let mut tried = 0;
    let mut unchecked = Vec::new();
    for (path, at, filled) in &all {
        let mut v = review.clone();
        let slot = at.iter().fold(&mut v, |v, k| match v {
            Value::Array(items) => &mut items[k.parse::<usize>().unwrap()],
            _ => &mut v[k.as_str()],
        });
        let absurd: Value = match slot {
            Value::Object(_) => continue,
            Value::Number(n) if n.is_f64() => 1e16.into(),
            Value::Number(_) | Value::Null => 10_000_000_000_000_000u64.into(),
            Value::Array(items) if items.is_empty() => {
                if !filled && !EMPTY_IN_THE_REVIEW.iter().any(|(p, _)| p == path) {
                    unchecked.push(format!("{path} is an empty list in the review"));
                }
                continue;
            }
            _ => continue,
        };
        *slot = absurd;
        tried += 1;
        match decode(&pack(&serde_json::to_vec(&v).unwrap())) {
            Ok(_) => unchecked.push(format!("{path} takes 10^16")),
            Err(e) if e.contains("no real organisation") => {}
            // Not a number's place: a text or a structure that the review leaves empty.
            Err(_) if !filled && EMPTY_IN_THE_REVIEW.iter().any(|(p, _)| p == path) => {}
            Err(e) if !filled => unchecked.push(format!("{path} is empty in the review ({e})")),
            Err(e) => unchecked.push(format!("{path}: 10^16 refused as damage, not as a number out of range: {e}")),
        }
    }
    assert!(tried > 100, "tried only {tried} fields");
    assert!(unchecked.is_empty(), "fields a snapshot does not check: {unchecked:#?}");
}

/// A field that none of the snapshot's types has is refused (as serde's deny_unknown_fields
/// would, at every depth of the analysis).
#[test]
fn an_unknown_field_is_refused() {
    for path in [&["analysis"][..], &["analysis", "window"], &["analysis", "clover", "leaves", "0"]] {
        let mut v = valid_json();
        let slot = path.iter().fold(&mut v, |v, k| match v {
            serde_json::Value::Array(items) => &mut items[k.parse::<usize>().unwrap()],
            _ => &mut v[*k],
        });
        slot["surprise"] = 1.into();
        refused(&v, "\"surprise\"");
    }
    // The description of the snapshot is read with serde's deny_unknown_fields.
    let mut v = valid_json();
    v["meta"]["surprise"] = 1.into();
    refused(&v, "damaged");
    // The review itself has none.
    assert!(decode(&pack(&serde_json::to_vec(&valid_json()).unwrap())).is_ok());
}
