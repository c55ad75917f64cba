//! The snapshot link: an analysis's aggregates carried in a URL fragment
//! (`#snapshot=v1.…`), so that a leadership review can be opened from a link, with its
//! numbers fixed and without the data. The fragment never reaches a server.
//!
//! Format (`docs/snapshot.md`): `v1.` then base64url (no padding) of the raw deflate of a
//! JSON object `{meta, analysis}`. `analysis` is an [`Analysis`] trimmed to what the
//! dashboard and the deck show (the top of the leaderboards, the strongest ties of the
//! network; no window presets), each fractional number rounded to the fewest digits that
//! show exactly as the full number does. No message, no message text, never a person's key.
//!
//! A snapshot arrives from anywhere: [`decode`] refuses, in plain words, anything that is not
//! one, a version it does not read, a damaged or cut fragment, one too large (before and
//! after inflating: a deflate bomb stops at [`MAX_INFLATED`]), and numbers no real
//! organisation has. It never panics. The names it holds are untrusted text, like names from
//! an export: the page shows them as text.

use std::io::Read;

use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::analytics::{Analysis, Params, Unit};
use crate::Dataset;

mod plausible;

use plausible::{at_most, text, Check, Plausible};
pub use plausible::{MAX_EVENTS, MAX_PEOPLE};

/// The version this Clover writes and reads.
pub const VERSION: u32 = 1;
/// What a fragment of this version starts with.
pub const PREFIX: &str = "v1.";
/// The address parameter that carries a snapshot (`#snapshot=v1.…`).
pub const PARAM: &str = "snapshot";
/// The longest fragment read: twice the 16 KB a snapshot of a million-message organisation
/// needs, so that larger organisations fit, and nothing much larger is even unpacked.
pub const MAX_ENCODED: usize = 32 * 1024;
/// The most a snapshot may inflate to (its JSON): far above a real one, far below harm.
pub const MAX_INFLATED: usize = 1024 * 1024;

/// The leaderboards keep their first rows (the dashboard's default shows the top ten).
pub const LEADERBOARD_ROWS: usize = 10;
/// The network keeps its strongest ties (the Trends view's table lists twenty).
pub const NETWORK_EDGES: usize = 20;

/// What the viewer of a snapshot needs to know besides the numbers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// When it was made, as people read it (`2025-07-01 14:03 UTC`).
    pub made: String,
    /// `demo` for the Clover demo; None for anything else (a file's name or an address may
    /// say more than its owner means to share).
    pub source: Option<String>,
    /// Whether the names are pseudonyms (`Person 0412`).
    pub pseudonymised: bool,
    /// The data's formats (`slack`, `roster`, …) and counts, for the Data view.
    pub formats: Vec<String>,
    pub people: u64,
    pub spaces: u64,
    pub posts: u64,
    pub replies: u64,
    pub reactions: u64,
    /// The data's first and last day, `YYYY-MM-DD`.
    pub first: Option<String>,
    pub last: Option<String>,
}

impl Meta {
    /// What a snapshot of `ds` made at `made_ms` (UTC milliseconds) says about itself.
    /// `source` is kept only when it is `demo`.
    pub fn new(ds: &Dataset, made_ms: i64, source: Option<&str>, pseudonymised: bool) -> Meta {
        let c = crate::stats::counts(ds);
        let day = |t: &Option<String>| t.as_ref().map(|t| t.chars().take(10).collect::<String>());
        let iso = crate::civil::format_iso(made_ms);
        Meta {
            made: format!("{} {} UTC", &iso[..10], &iso[11..16]),
            source: source.filter(|s| *s == "demo").map(str::to_string),
            pseudonymised,
            first: day(&c.first),
            last: day(&c.last),
            formats: c.formats,
            people: c.people,
            spaces: c.spaces,
            posts: c.posts,
            replies: c.replies,
            reactions: c.reactions,
        }
    }

    /// The sentence that tells the viewer what they are looking at.
    pub fn describe(&self, a: &Analysis) -> String {
        let what = match self.source.as_deref() {
            Some("demo") => "the Clover demo organisation".to_string(),
            _ => "an organisation's data".to_string(),
        };
        let window = a
            .window
            .label
            .clone()
            .or_else(|| Some(format!("{} – {}", a.window.from.as_deref()?, a.window.to.as_deref()?)));
        format!(
            "This is a snapshot of {what}{}, made on {}{}: its numbers are fixed, so the filters are off. \
             It holds aggregates only, with the top {LEADERBOARD_ROWS} of each leaderboard and the {NETWORK_EDGES} strongest ties of the network.",
            window.map(|w| format!(" for {w}")).unwrap_or_default(),
            self.made,
            if self.pseudonymised { ", names pseudonymised" } else { ", with real names" },
        )
    }
}

/// What a snapshot analyses: the page's parameters, with the maturity journey (by quarter
/// unless months were chosen) and the segments compared, which the deck shows, and names
/// pseudonymised unless `names`.
pub fn params(p: &Params, names: bool) -> Params {
    Params {
        journey: Some(p.journey.unwrap_or(Unit::Quarter)),
        segments: true,
        pseudonymise: !names,
        top: p.top.max(LEADERBOARD_ROWS),
        ..p.clone()
    }
}

/// What the fragment holds.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Payload {
    meta: Meta,
    analysis: Analysis,
}

/// The analysis as a snapshot carries it: what the dashboard and the deck show, no more.
pub fn trim(a: &Analysis) -> Analysis {
    let mut a = a.clone();
    a.leaderboard.truncate(LEADERBOARD_ROWS);
    a.leaders_board.truncate(LEADERBOARD_ROWS);
    // A person's key (`slack:U123`, an address in some exports) is shown nowhere: not kept.
    for r in a.leaderboard.iter_mut().chain(a.leaders_board.iter_mut()) {
        r.id.clear();
    }
    // A fixed analysis offers no other window.
    a.presets.clear();
    if let Some(n) = &mut a.network {
        n.edges.truncate(NETWORK_EDGES);
        // Only the people on the ties kept, renumbered in order of appearance.
        let mut map = vec![usize::MAX; n.nodes.len()];
        let mut nodes = Vec::new();
        for e in &mut n.edges {
            for end in [&mut e.source, &mut e.target] {
                let Some(slot) = map.get_mut(*end) else { continue };
                if *slot == usize::MAX {
                    *slot = nodes.len();
                    nodes.push(n.nodes[*end].clone());
                }
                *end = *slot;
            }
        }
        for p in &mut nodes {
            p.id.clear();
        }
        n.nodes = nodes;
    }
    // The baseline's numbers are shown through the changes; its sentences are not.
    if let Some(c) = a.baseline.as_mut().and_then(|b| b.clover.as_mut()) {
        c.next_steps.clear();
        for l in &mut c.leaves {
            l.recommendations.clear();
            for i in &mut l.indicators {
                i.explanation.clear();
                i.gap = None;
            }
        }
    }
    a
}

/// The snapshot fragment (`v1.…`, without `snapshot=`) of `analysis`, trimmed by [`trim`].
pub fn encode(analysis: &Analysis, meta: &Meta) -> String {
    pack(&payload_json(analysis, meta))
}

/// The JSON a snapshot of `analysis` packs (before deflate and base64).
pub fn payload_json(analysis: &Analysis, meta: &Meta) -> Vec<u8> {
    let payload = Payload { meta: meta.clone(), analysis: trim(analysis) };
    // Our own types always serialise.
    let mut value = serde_json::to_value(&payload).unwrap_or_default();
    compact(&mut value, "");
    serde_json::to_vec(&value).unwrap_or_default()
}

/// `v1.` and the base64url of the raw deflate of `json`: a fragment, whatever the JSON holds
/// (tests make hostile snapshots with it).
pub fn pack(json: &[u8]) -> String {
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    let _ = std::io::Write::write_all(&mut z, json);
    let packed = z.finish().unwrap_or_default();
    format!("{PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed))
}

/// Fields holding a 0–100 score, shown as whole numbers.
const SCORE_FIELDS: [&str; 5] = ["overall", "score", "self_score", "self_assessed", "blended"];

/// What [`encode`] writes in place of the JSON of the analysis: every funnel as its six
/// counts (the rest of a stage follows from them: [`expand`]), and each fractional number
/// rounded to the fewest decimals that show exactly as it does ([`shortest`]).
fn compact(v: &mut serde_json::Value, key: &str) {
    use serde_json::Value;
    match v {
        Value::Number(n) if n.is_f64() => {
            let x = n.as_f64().unwrap_or_default();
            let r = if SCORE_FIELDS.contains(&key) { shortest_score(x) } else { shortest(x) };
            if let Some(r) = serde_json::Number::from_f64(r) {
                *n = r;
            }
        }
        Value::Array(items) if key == "funnel" => {
            for s in items.iter_mut() {
                *s = s.get("count").cloned().unwrap_or_default();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|x| compact(x, key)),
        Value::Object(map) => map.iter_mut().for_each(|(k, x)| compact(x, k)),
        _ => {}
    }
}

/// The inverse of [`compact`]'s funnels: six counts become the six stages, computed as the
/// analysis computes them. Anything else where a funnel should be is refused.
fn expand(v: &mut serde_json::Value, key: &str, depth: usize) -> Check {
    use serde_json::Value;
    if depth > 32 {
        return Err("nested too deep".into());
    }
    match v {
        Value::Array(items) if key == "funnel" => {
            if items.is_empty() {
                return Ok(());
            }
            let counts: Option<Vec<u64>> = items.iter().map(Value::as_u64).collect();
            // Six stages from a message export, four from activity reports.
            let Some(counts) = counts.filter(|c| c.len() == 6 || c.len() == crate::analytics::REPORT_STAGES) else {
                return Err("a funnel without its six stages (four, from activity reports)".into());
            };
            *v = serde_json::to_value(crate::analytics::funnel_stages(&counts)).map_err(|e| e.to_string())?;
            Ok(())
        }
        Value::String(s) => text("a name or sentence", s),
        Value::Array(items) => {
            at_most("a list", items, 5_000)?;
            items.iter_mut().try_for_each(|x| expand(x, key, depth + 1))
        }
        Value::Object(map) => map.iter_mut().try_for_each(|(k, x)| expand(x, k, depth + 1)),
        _ => Ok(()),
    }
}

/// Reads a snapshot fragment (`v1.…`; a leading `#snapshot=` or `snapshot=` is allowed), or
/// says in plain words why it cannot be opened.
pub fn decode(fragment: &str) -> Result<(Analysis, Meta), String> {
    let s = fragment.trim();
    let s = s.strip_prefix('#').unwrap_or(s);
    let s = s.strip_prefix("snapshot=").unwrap_or(s);
    if s.len() > MAX_ENCODED {
        return Err(format!(
            "This snapshot link is too long ({} KB; a snapshot is at most {} KB), so it was not opened.",
            s.len() / 1024,
            MAX_ENCODED / 1024
        ));
    }
    let Some((version, body)) = s.split_once('.') else {
        return Err(NOT_A_SNAPSHOT.into());
    };
    let Some(n) = version.strip_prefix('v').filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) else {
        return Err(NOT_A_SNAPSHOT.into());
    };
    if n != VERSION.to_string() {
        let n = if n.len() > 6 { "?" } else { n };
        return Err(format!(
            "This snapshot was made in format version {n}, and this Clover reads version {VERSION}: ask for a snapshot link made with this version."
        ));
    }
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(body).map_err(|_| DAMAGED.to_string())?;
    let mut json = Vec::new();
    let limited = flate2::read::DeflateDecoder::new(&packed[..]).take(MAX_INFLATED as u64 + 1).read_to_end(&mut json);
    if limited.is_err() {
        return Err(DAMAGED.into());
    }
    if json.len() > MAX_INFLATED {
        return Err(format!(
            "This snapshot unpacks to more than {} MB, far more than a snapshot holds, so it was not opened.",
            MAX_INFLATED / (1024 * 1024)
        ));
    }
    let unreadable = |_| "This snapshot link is damaged: its contents are not a Clover snapshot.".to_string();
    let value: serde_json::Value = serde_json::from_slice(&json).map_err(unreadable)?;
    // Every string and list within bounds before anything is read as a type.
    let mut value = value;
    expand(&mut value, "", 0).map_err(refuse)?;
    let payload: Payload = serde_json::from_value(value.clone()).map_err(unreadable)?;
    unknown_fields(&value, &serde_json::to_value(&payload).map_err(unreadable)?, "").map_err(|field| {
        format!("This snapshot holds {field}, which this Clover does not know (a newer Clover may have made it), so it was not opened.")
    })?;
    plausible::meta(&payload.meta).map_err(refuse)?;
    payload.analysis.check("the analysis").map_err(refuse)?;
    Ok((payload.analysis, payload.meta))
}

/// Refuses a field that the snapshot's types do not have (`got`, as it arrived, against
/// `read`, what was read from it written out again): what `deny_unknown_fields` would do, for
/// every type of the analysis at once. Every field of those types is written out, so a name
/// missing from `read` is one no type has.
fn unknown_fields(got: &serde_json::Value, read: &serde_json::Value, path: &str) -> Check {
    use serde_json::Value;
    match (got, read) {
        (Value::Object(g), Value::Object(r)) => g.iter().try_for_each(|(k, v)| match r.get(k) {
            Some(w) => unknown_fields(v, w, k),
            None => {
                Err(format!("a field {k:?}{}", if path.is_empty() { String::new() } else { format!(" in {path:?}") }))
            }
        }),
        (Value::Array(g), Value::Array(r)) => g.iter().zip(r).try_for_each(|(v, w)| unknown_fields(v, w, path)),
        _ => Ok(()),
    }
}

fn refuse(why: String) -> String {
    format!("This snapshot holds what no real organisation has ({why}), so it was not opened.")
}

const NOT_A_SNAPSHOT: &str = "This is not a Clover snapshot link (it should start with #snapshot=v1.).";
const DAMAGED: &str =
    "This snapshot link is damaged or incomplete (it may have been cut or changed when it was copied): ask for the link again.";

/// The number with the fewest decimals that Clover shows exactly as `x`: the same rounded
/// to a whole number and to one or two decimals (hours, the Gini coefficient), and as a
/// percentage, whole or with one decimal (shares), whichever way it is rounded (`round`
/// rounds halves away from zero, `format!` to even). So a snapshot shows the very numbers
/// its maker saw.
pub fn shortest(x: f64) -> f64 {
    fewest_decimals(x, |a, b| {
        [1.0, 10.0, 100.0, 1000.0].iter().all(|s| (a * s).round() == (b * s).round())
            && (0..=2).all(|k| format!("{a:.k$}") == format!("{b:.k$}"))
            && (0..=1).all(|k| format!("{:.k$}", a * 100.0) == format!("{:.k$}", b * 100.0))
    })
}

/// [`shortest`] for a 0–100 score, shown as a whole number (kept to the same tenth).
pub fn shortest_score(x: f64) -> f64 {
    fewest_decimals(x, |a, b| {
        a.round() == b.round() && (a * 10.0).round() == (b * 10.0).round() && format!("{a:.0}") == format!("{b:.0}")
    })
}

fn fewest_decimals(x: f64, alike: impl Fn(f64, f64) -> bool) -> f64 {
    if !x.is_finite() {
        return x;
    }
    for d in 0..16 {
        let s = 10f64.powi(d);
        let r = (x * s).round() / s;
        if r.is_finite() && alike(r, x) {
            return r;
        }
    }
    x
}
