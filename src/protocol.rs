//! The messages between the page and the analysis worker (src/bin/worker/). Each message
//! is a JS object `{ json, files? }`: `json` is a [`Request`] or [`Reply`] as JSON, and
//! `files` (page → worker, `Load` only) holds the user's files as Blobs, which the browser
//! hands over without copying their bytes.
//!
//! The worker owns the dataset; the page only ever holds the load summary ([`Loaded`]) and
//! the analysis it asked for, so the page's wasm carries no importer or analytics code.
//! The messages carry the core's own types, so both sides read the same structs.

use clover_core::analytics::{Analysis, Params};
use clover_core::import::FileError;
use clover_core::stats::ImportSummary;
use serde::{Deserialize, Serialize};

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// Import the Blobs in the envelope's `files`, called `names` (folder paths included).
    /// `source` is echoed back in [`Loaded`] (what a shared link would reload);
    /// `read_errors` are files the page could not hand over, reported with the others.
    /// `workers`: how many import workers to use (the page's pool size, docs/performance.md);
    /// 1, or missing, imports in this worker alone.
    Load {
        names: Vec<String>,
        source: Option<String>,
        read_errors: Vec<FileError>,
        #[serde(default = "one")]
        workers: u8,
    },
    /// Generate the demo organisation and import it as its Clover JSON export.
    Demo,
    /// Analyse the loaded dataset; the answer carries the same `id`.
    Analyze { id: u32, params: Box<Params> },
    /// Make a snapshot link of the loaded dataset: `params` (the page's filters) analysed
    /// with the journey and the segments, names pseudonymised unless `names`. Answered by
    /// [`Reply::Snapshot`].
    MakeSnapshot { params: Box<Params>, names: bool },
    /// Open a snapshot fragment (`v1.…`) like a summary: its numbers answer every analysis
    /// request. Answered by [`Reply::Loaded`], or [`Reply::Failed`] saying why it cannot be
    /// opened (nothing loaded before is dropped then).
    OpenSnapshot { fragment: String },
    /// Lead worker → another import worker of its pool: import shard `index` of a load, the
    /// Blobs in the envelope's `files` called `names`, the first `context` of them read for
    /// their lookups only. Answered by [`Reply::Shard`].
    Shard { index: u32, names: Vec<String>, context: u32 },
}

fn one() -> u8 {
    1
}

/// Worker → page. Read with [`Reply::from_json`], not a derived `Deserialize`: serde reads
/// an internally tagged enum (`"kind"`) by buffering the whole message first, which doubles
/// the page's deserialising code for every type of the `Analysis` (docs/performance.md).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reply {
    /// Sent once the worker listens: requests posted before it would be lost.
    Ready,
    Progress(LoadProgress),
    /// A load finished (perhaps with errors in the summary, perhaps with nothing usable).
    Loaded(Box<Loaded>),
    Analysis {
        id: u32,
        analysis: Box<Analysis>,
    },
    /// The snapshot fragment asked for (`v1.…`, without `#snapshot=`).
    Snapshot {
        fragment: String,
    },
    /// A request could not be served at all (the message says why, in plain words).
    Failed {
        message: String,
    },
    /// Import worker → its pool's lead: shard `index` imported, its partial
    /// (`clover_core::partial`, encoded) in the envelope's `partial` ArrayBuffer.
    Shard {
        index: u32,
    },
}

/// The `kind` of a [`Reply`], read first (every other field skipped unparsed).
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum ReplyKind {
    Ready,
    Progress,
    Loaded,
    Analysis,
    Snapshot,
    Failed,
    Shard,
}

#[derive(Deserialize)]
struct KindOf {
    kind: ReplyKind,
}

#[derive(Deserialize)]
struct AnalysisReply {
    id: u32,
    analysis: Box<Analysis>,
}

#[derive(Deserialize)]
struct SnapshotReply {
    fragment: String,
}

#[derive(Deserialize)]
struct FailedReply {
    message: String,
}

#[derive(Deserialize)]
struct ShardReply {
    index: u32,
}

impl Reply {
    /// A reply from its JSON: its `kind` first, then the one type that kind carries, read
    /// straight from the text (its `kind` field ignored).
    pub fn from_json(json: &str) -> serde_json::Result<Reply> {
        Ok(match serde_json::from_str::<KindOf>(json)?.kind {
            ReplyKind::Ready => Reply::Ready,
            ReplyKind::Progress => Reply::Progress(serde_json::from_str(json)?),
            ReplyKind::Loaded => Reply::Loaded(serde_json::from_str(json)?),
            ReplyKind::Analysis => {
                let AnalysisReply { id, analysis } = serde_json::from_str(json)?;
                Reply::Analysis { id, analysis }
            }
            ReplyKind::Snapshot => Reply::Snapshot { fragment: serde_json::from_str::<SnapshotReply>(json)?.fragment },
            ReplyKind::Failed => Reply::Failed { message: serde_json::from_str::<FailedReply>(json)?.message },
            ReplyKind::Shard => Reply::Shard { index: serde_json::from_str::<ShardReply>(json)?.index },
        })
    }
}

/// How far a load has come: step `step` of `steps`, described by `label`, is `done` of
/// `total` units (bytes when `bytes` is true).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoadProgress {
    pub step: u8,
    pub steps: u8,
    pub label: String,
    pub done: u64,
    pub total: u64,
    pub bytes: bool,
}

/// What is loaded, as the page sees it: the load summary and the names the filters offer.
/// The dataset itself stays in the worker.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Loaded {
    pub summary: ImportSummary,
    /// Department, location and space names in the data, sorted, for the filters.
    pub departments: Vec<String>,
    pub locations: Vec<String>,
    pub spaces: Vec<String>,
    /// What a shared link would reload (`demo`, an address), echoed from the request.
    pub source: Option<String>,
    /// The files' size as handed over, and the worker's wasm memory once the dataset is
    /// kept (what the browser holds for it).
    pub input_bytes: u64,
    pub heap_bytes: u64,
    /// Set when a Clover summary file was opened: its numbers are fixed (this sentence says
    /// for what), every analysis request answers with them, and filters are off.
    pub fixed: Option<String>,
    /// The fragment of the snapshot link that was opened (`v1.…`): the address keeps it, so
    /// that a reload opens it again.
    pub snapshot: Option<String>,
}

/// The steps of a load, for the progress bar.
pub const LOAD_STEPS: u8 = 5;

/// A pool of import workers' progress as one bar: the step the furthest behind is at, and
/// how far all of them came in it (a worker past that step counts as done with it; one that
/// has not reported yet counts from its first report).
#[derive(Clone, Debug, Default)]
pub struct PoolProgress {
    workers: Vec<WorkerProgress>,
}

/// One worker's progress: done and total of each step it reported (by step number), its
/// furthest step, and what it said at each step.
type WorkerProgress = ([Option<(u64, u64)>; 8], u8, [String; 8]);

impl PoolProgress {
    pub fn new(workers: usize) -> PoolProgress {
        PoolProgress { workers: vec![([None; 8], 0, Default::default()); workers] }
    }

    /// Worker `k` reported `p`: the bar for the whole pool.
    pub fn update(&mut self, k: usize, p: &LoadProgress) -> LoadProgress {
        if let Some(w) = self.workers.get_mut(k) {
            let step = p.step.min(7);
            w.0[step as usize] = Some((p.done, p.total));
            w.1 = w.1.max(step);
            w.2[step as usize] = p.label.clone();
        }
        // Workers that have not said anything yet are left out until they do.
        let step = self.workers.iter().map(|w| w.1).filter(|&s| s > 0).min().unwrap_or(p.step);
        let (mut done, mut total) = (0u64, 0u64);
        for w in &self.workers {
            if let Some((d, t)) = w.0[step as usize] {
                done += if w.1 > step { t } else { d.min(t) };
                total += t;
            }
        }
        // What the worker with the most to do in this step said: the Slack files, not the
        // roster another worker reads in the same step.
        let label = self
            .workers
            .iter()
            .filter_map(|w| w.0[step as usize].map(|(_, t)| (t, &w.2[step as usize])))
            .max_by_key(|(t, _)| *t)
            .map_or(String::new(), |(_, l)| l.clone());
        LoadProgress {
            step,
            steps: p.steps,
            label: format!("{label} ({} workers)", self.workers.len()),
            done,
            total,
            bytes: p.bytes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip_request(r: Request) {
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<Request>(&json).unwrap(), r, "{json}");
    }

    fn round_trip_reply(r: Reply) {
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(Reply::from_json(&json).unwrap(), r, "{json}");
    }

    #[test]
    fn every_request_survives_json() {
        round_trip_request(Request::Load {
            names: vec!["export/general/2016-01-01.json".into(), "roster.csv".into()],
            source: Some("https://example.org/x.zip".into()),
            read_errors: vec![FileError { file: "big.zip".into(), message: "the browser could not read it".into() }],
            workers: 1,
        });
        round_trip_request(Request::Load { names: vec![], source: None, read_errors: vec![], workers: 4 });
        round_trip_request(Request::Shard { index: 2, names: vec!["users.json".into(), "x.zip".into()], context: 1 });
        round_trip_request(Request::Demo);
        let params = Params { from: Some(19_000), to: Some(19_100), pseudonymise: true, ..Params::default() };
        round_trip_request(Request::Analyze { id: 7, params: Box::new(params.clone()) });
        round_trip_request(Request::MakeSnapshot { params: Box::new(params), names: false });
        round_trip_request(Request::MakeSnapshot { params: Box::default(), names: true });
        round_trip_request(Request::OpenSnapshot { fragment: "v1.7ZPNbtQwEIBf".into() });
        round_trip_request(Request::OpenSnapshot { fragment: "<img src=x onerror=alert(1)>".into() });
    }

    #[test]
    fn every_reply_survives_json() {
        round_trip_reply(Reply::Ready);
        round_trip_reply(Reply::Progress(LoadProgress {
            step: 2,
            steps: LOAD_STEPS,
            label: "Unpacking the export".into(),
            done: 10,
            total: 20,
            bytes: true,
        }));
        let summary = ImportSummary {
            posts: 3,
            errors: vec![FileError { file: "a.json".into(), message: "not JSON".into() }],
            warnings: vec!["2 files held an empty list".into()],
            ..ImportSummary::default()
        };
        round_trip_reply(Reply::Loaded(Box::new(Loaded {
            summary,
            departments: vec!["Sales".into()],
            locations: vec!["Leeds".into()],
            spaces: vec!["general".into()],
            source: Some("demo".into()),
            input_bytes: 1234,
            heap_bytes: 5678,
            fixed: Some("a summary".into()),
            snapshot: None,
        })));
        round_trip_reply(Reply::Loaded(Box::new(Loaded {
            fixed: Some("a snapshot".into()),
            snapshot: Some("v1.AAAA".into()),
            ..Loaded::default()
        })));
        round_trip_reply(Reply::Snapshot { fragment: "v1.7ZPNbtQwEIBf-_".into() });
        let ds = clover_core::demo::generate(&clover_core::demo::DemoOptions {
            people: 40,
            months: 3,
            ..Default::default()
        });
        let files = vec![clover_core::InputFile::new("demo.json", clover_core::demo::write_clover(&ds))];
        let result = clover_core::import_files(files, &clover_core::ImportOptions::default());
        let analysis = clover_core::analytics::analyze(&result.dataset, &Params::default());
        round_trip_reply(Reply::Analysis { id: 3, analysis: Box::new(analysis) });
        round_trip_reply(Reply::Failed { message: "Nothing is loaded to analyse.".into() });
        round_trip_reply(Reply::Shard { index: 3 });
    }

    #[test]
    fn a_load_without_workers_uses_one() {
        let r: Request = serde_json::from_str(r#"{"kind":"load","names":[],"source":null,"read_errors":[]}"#).unwrap();
        assert!(matches!(r, Request::Load { workers: 1, .. }));
    }

    #[test]
    fn a_pool_shows_one_bar_at_the_step_of_the_worker_furthest_behind() {
        let p = |step: u8, label: &str, done: u64, total: u64| LoadProgress {
            step,
            steps: LOAD_STEPS,
            label: label.into(),
            done,
            total,
            bytes: true,
        };
        let mut pool = PoolProgress::new(2);
        let bar = pool.update(0, &p(1, "Reading a", 10, 100));
        assert_eq!((bar.step, bar.done, bar.total), (1, 10, 100));
        let bar = pool.update(1, &p(1, "Reading b", 50, 60));
        assert_eq!((bar.step, bar.done, bar.total), (1, 60, 160));
        assert_eq!(bar.label, "Reading a (2 workers)", "the worker with more to read names the step");
        // Worker 1 moves on: it counts as done with step 1.
        let bar = pool.update(1, &p(3, "Reading the Slack files", 0, 500));
        assert_eq!((bar.step, bar.done, bar.total), (1, 70, 160));
        let bar = pool.update(0, &p(3, "Reading the Slack files", 100, 400));
        assert_eq!((bar.step, bar.done, bar.total), (3, 100, 900));
        assert_eq!(bar.label, "Reading the Slack files (2 workers)");
        // A worker reading only a roster in the step the others read Slack files in: the
        // bar names the Slack files, whoever is behind.
        let mut pool = PoolProgress::new(2);
        pool.update(0, &p(3, "Reading the Slack files", 900, 1000));
        let bar = pool.update(1, &p(3, "Reading the Roster files", 0, 20));
        assert_eq!(bar.label, "Reading the Slack files (2 workers)");
        let bar = pool.update(0, &p(4, "Linking replies", 0, 10));
        assert_eq!((bar.step, bar.label.as_str()), (3, "Reading the Slack files (2 workers)"));
    }

    #[test]
    fn the_wire_names_stay_as_they_were() {
        let json = serde_json::to_string(&Reply::Progress(LoadProgress {
            step: 1,
            steps: 5,
            label: String::new(),
            done: 0,
            total: 0,
            bytes: false,
        }))
        .unwrap();
        assert!(json.starts_with(r#"{"kind":"progress","step":1"#), "{json}");
        let json = serde_json::to_string(&Request::Demo).unwrap();
        assert_eq!(json, r#"{"kind":"demo"}"#);
        let json = serde_json::to_string(&Request::OpenSnapshot { fragment: "v1.x".into() }).unwrap();
        assert_eq!(json, r#"{"kind":"open_snapshot","fragment":"v1.x"}"#);
        let json = serde_json::to_string(&Reply::Snapshot { fragment: "v1.x".into() }).unwrap();
        assert_eq!(json, r#"{"kind":"snapshot","fragment":"v1.x"}"#);
    }
}
