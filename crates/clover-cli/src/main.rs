//! `clover`: the command-line face of clover-core. The commands and their flags are one table
//! in `args.rs` (`clover --help` prints it); `docs/cli.md` is the long-form reference.
//!
//! Paths may be files or folders (a folder is read recursively, like a dropped folder in
//! the app). Exit status: 0 when at least one file loaded, 2 when none did or when a flag or
//! command is unknown, 1 on other usage errors.

mod args;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use args::{Command, Inputs};
use clover_core::import::{import_files, FileError, ImportOptions, InputFile};
use clover_core::stats;

fn main() -> ExitCode {
    let command = match args::parse() {
        Ok(c) => c,
        Err(code) => return code,
    };
    match command {
        Command::Import(a) => cmd_import(a),
        Command::Demo(a) => cmd_demo(a),
        Command::Analyze(a) => cmd_analyze(a),
        Command::Summarize(a) => cmd_summarize(a),
        Command::Journey(a) => cmd_journey(a),
        Command::Snapshot(a) => cmd_snapshot(a),
        Command::Partial(a) => cmd_partial(a),
        Command::Finish(a) => cmd_finish(a),
    }
}

/// Reads files and folders (recursively, in a stable order) into input files named by
/// their path relative to the argument's parent, so that folder layouts survive.
fn read_inputs(paths: &[String], errors: &mut Vec<FileError>) -> Vec<InputFile> {
    read_inputs_from(paths, None, errors)
}

/// [`read_inputs`], naming files relative to `base` when given (a shard's files laid out
/// under a folder as the whole export's arguments would name them).
fn read_inputs_from(paths: &[String], base: Option<&Path>, errors: &mut Vec<FileError>) -> Vec<InputFile> {
    let mut files = Vec::new();
    for p in paths {
        let path = Path::new(p);
        let base = base.unwrap_or_else(|| path.parent().unwrap_or(Path::new("")));
        let mut stack = vec![path.to_path_buf()];
        while let Some(cur) = stack.pop() {
            if cur.is_dir() {
                match std::fs::read_dir(&cur) {
                    Ok(rd) => {
                        let mut kids: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
                        kids.sort();
                        kids.reverse();
                        stack.extend(kids);
                    }
                    Err(e) => errors.push(FileError {
                        file: cur.display().to_string(),
                        message: format!("cannot read folder: {e}"),
                    }),
                }
                continue;
            }
            let name = cur.strip_prefix(base).unwrap_or(&cur).to_string_lossy().replace('\\', "/");
            match read_input(&cur, name) {
                Ok(file) => files.push(file),
                Err(e) => errors
                    .push(FileError { file: cur.display().to_string(), message: format!("cannot read file: {e}") }),
            }
        }
    }
    files
}

/// A file read where it lies: a ZIP archive entry by entry while importing, so that an
/// export larger than memory can be analysed, and any other file when its importer reads it.
fn read_input(path: &Path, name: String) -> std::io::Result<InputFile> {
    use std::io::{Read, Seek};
    let mut file = std::fs::File::open(path)?;
    let mut magic = [0u8; 4];
    let n = file.read(&mut magic)?;
    if clover_core::import::is_zip(&magic[..n]) {
        let size = file.metadata()?.len();
        file.rewind()?;
        return Ok(InputFile::archive(name, std::io::BufReader::new(file), size));
    }
    // Any other file is read when its importer reads it, and dropped after (the files of a
    // folder are never all in memory at once).
    let size = file.metadata()?.len();
    let path = path.to_path_buf();
    Ok(InputFile::lazy(name, size, move || Ok(Box::new(std::fs::File::open(&path)?) as Box<dyn Read + Send>)))
}

fn cmd_import(a: args::ImportArgs) -> ExitCode {
    let mut read_errors = Vec::new();
    let files = read_inputs(&a.paths, &mut read_errors);
    let result = import_files(files, &ImportOptions::default());
    let mut summary = stats::summarize(&result);
    summary.errors.extend(read_errors);
    if a.json {
        match serde_json::to_string_pretty(&summary) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("cannot print JSON: {e}"),
        }
    } else {
        print_summary(&summary);
    }
    if result.any_loaded() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

fn print_summary(s: &stats::ImportSummary) {
    println!("formats:          {}", if s.formats.is_empty() { "none".into() } else { s.formats.join(", ") });
    println!("files loaded:     {}", s.files_loaded);
    println!("people:           {} ({} deactivated)", s.people, s.deactivated);
    println!("bots:             {}", s.bots);
    println!("spaces:           {}", s.spaces);
    println!("posts:            {}", s.posts);
    println!("replies:          {}", s.replies);
    println!("reactions:        {}", s.reactions);
    println!("system messages:  {}", s.system_messages);
    println!("bot messages:     {}", s.bot_messages);
    println!("first message:    {}", s.first.as_deref().unwrap_or("-"));
    println!("last message:     {}", s.last.as_deref().unwrap_or("-"));
    for r in &s.reports {
        println!(
            "report:           {} {} to {}{}{} ({})",
            r.report,
            r.from,
            r.to,
            if r.people > 0 { format!(", {} people", r.people) } else { String::new() },
            if r.concealed { ", names concealed" } else { "" },
            r.file
        );
    }
    for w in &s.warnings {
        println!("warning: {w}");
    }
    for e in &s.errors {
        println!("error: {}: {}", e.file, e.message);
    }
}

fn cmd_demo(a: args::DemoArgs) -> ExitCode {
    use clover_core::demo;
    if a.people < 10 {
        eprintln!("clover demo: --people must be at least 10");
        return ExitCode::from(1);
    }
    if !(1..=240).contains(&a.months) {
        eprintln!("clover demo: --months must be between 1 and 240");
        return ExitCode::from(1);
    }
    let opts = demo::DemoOptions { people: a.people, months: a.months, seed: a.seed, ..demo::DemoOptions::default() };
    if let Some(dir) = &a.reports {
        return write_demo_reports(&demo::generate(&opts), Path::new(dir));
    }
    let Some(out) = &a.out else {
        eprintln!("clover demo: --out FILE (or --reports DIR) is required");
        return ExitCode::from(1);
    };
    let format = a.format.id();
    let org = demo::generate(&opts);
    let bytes = match a.format {
        args::DemoFormat::Clover => demo::write_clover(&org),
        args::DemoFormat::Slack => demo::write_slack_zip(&org),
        args::DemoFormat::Mattermost => demo::write_mattermost(&org),
    };
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("clover demo: cannot write {out}: {e}");
        return ExitCode::from(1);
    }
    if let Some(roster) = &a.roster {
        if let Err(e) = std::fs::write(roster, demo::write_roster_csv(&org)) {
            eprintln!("clover demo: cannot write {roster}: {e}");
            return ExitCode::from(1);
        }
    }
    let c = org.counts();
    eprintln!(
        "wrote {out} ({format}, {} bytes): {} people, {} spaces, {} posts, {} replies, {} reactions",
        bytes.len(),
        c.people,
        c.spaces,
        c.posts,
        c.replies,
        c.reactions
    );
    ExitCode::SUCCESS
}

/// `clover demo --reports DIR`: the demo organisation as the activity reports its admins
/// would download, a folder for each tool (docs/demo.md).
fn write_demo_reports(org: &clover_core::demo::DemoOrg, dir: &Path) -> ExitCode {
    let files = clover_core::demo::write_reports(org);
    for (path, bytes) in &files {
        let to = dir.join(path);
        let written = to.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&to, bytes));
        if let Err(e) = written {
            eprintln!("clover demo: cannot write {}: {e}", to.display());
            return ExitCode::from(1);
        }
    }
    let mut folders: Vec<&str> = files.iter().filter_map(|(p, _)| p.split_once('/').map(|(f, _)| f)).collect();
    folders.dedup();
    eprintln!(
        "wrote {} activity-report files in {} ({}): analyse one folder at a time, as an organisation runs one tool",
        files.len(),
        dir.display(),
        folders.join(" and ")
    );
    ExitCode::SUCCESS
}

/// What `analyze`, `summarize`, `journey` and `snapshot` share: the files read and the import.
struct Analysed {
    result: clover_core::ImportResult,
    read_errors: Vec<FileError>,
}

/// Imports the exports and the roster, and reports file errors on standard error. Err is the
/// exit code to stop with.
fn import_for_analysis(cmd: &str, inputs: &Inputs) -> Result<Analysed, ExitCode> {
    let mut read_errors = Vec::new();
    let files = read_inputs(&inputs.all(), &mut read_errors);
    let result = import_files(files, &ImportOptions::default());
    report_errors(cmd, &result, &read_errors)?;
    Ok(Analysed { result, read_errors })
}

/// Names every file that could not be read on standard error; Err (exit 2) when none loaded.
fn report_errors(cmd: &str, result: &clover_core::ImportResult, read_errors: &[FileError]) -> Result<(), ExitCode> {
    for e in read_errors.iter().chain(&result.errors) {
        eprintln!("error: {}: {}", e.file, e.message);
    }
    if !result.any_loaded() {
        eprintln!("clover {cmd}: no file could be read");
        return Err(ExitCode::from(2));
    }
    Ok(())
}

fn cmd_summarize(a: args::SummarizeArgs) -> ExitCode {
    let params = args::params(&a.window, Some(&a.board), &a.baseline);
    let Analysed { result, read_errors } = match import_for_analysis("summarize", &a.inputs) {
        Ok(x) => x,
        Err(code) => return code,
    };
    write_summary("summarize", &a.out, result, read_errors, params)
}

/// Analyses an import and writes its summary file: what `summarize` and `finish` share.
fn write_summary(
    cmd: &str,
    out: &str,
    result: clover_core::ImportResult,
    read_errors: Vec<FileError>,
    params: clover_core::analytics::Params,
) -> ExitCode {
    use clover_core::analytics::Analyzer;
    // A summary carries what the dashboard shows beside the window: the segments compared and
    // the maturity journey by quarter (and the comparison, when --compare asks for one).
    let mut params = params;
    params.segments = true;
    params.journey = Some(clover_core::analytics::Unit::Quarter);
    let analysis = Analyzer::new(&result.dataset).analyze(&params);
    let mut import = stats::summarize(&result);
    import.errors.extend(read_errors);
    let (departments, locations, spaces) = clover_core::summary::filter_names(&result.dataset);
    let file = clover_core::summary::SummaryFile::new(import, params, analysis, departments, locations, spaces);
    let bytes = file.to_json();
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("clover {cmd}: cannot write {out}: {e}");
        return ExitCode::from(1);
    }
    eprintln!("wrote {out} ({} bytes): open it in the Clover dashboard like an export", bytes.len());
    ExitCode::SUCCESS
}

/// A snapshot link's fragment (docs/snapshot.md), as the dashboard's "Copy a snapshot link"
/// makes it: for exports too large for a tab, or to look at what a link holds.
fn cmd_snapshot(a: args::SnapshotArgs) -> ExitCode {
    use clover_core::{analytics::Analyzer, snapshot};
    let names = a.names;
    let params = args::params(&a.window, None, &a.baseline);
    let Analysed { result, .. } = match import_for_analysis("snapshot", &a.inputs) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let params = snapshot::params(&params, names);
    let analysis = Analyzer::new(&result.dataset).analyze(&params);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
    let meta = snapshot::Meta::new(&result.dataset, now, None, !names);
    if a.payload {
        println!("{}", String::from_utf8_lossy(&snapshot::payload_json(&analysis, &meta)));
    } else {
        let fragment = snapshot::encode(&analysis, &meta);
        println!("#view=overview&{}={fragment}", snapshot::PARAM);
        eprintln!("a snapshot of {} characters: add it to the address of the Clover dashboard", fragment.len());
    }
    ExitCode::SUCCESS
}

/// `clover partial`: one shard of an export, imported but not finished (docs/scaling.md).
/// The partial is written even when no file of the shard could be read: its errors then
/// name them, and the merge reports them as `summarize` would.
fn cmd_partial(a: args::PartialArgs) -> ExitCode {
    let (out, paths, context) = (&a.out, &a.paths, &a.context);
    let base = a.base.as_deref().map(Path::new);
    let context_base = a.context_base.as_deref().map(Path::new).or(base);
    let started = std::time::Instant::now();
    let mut read_errors = Vec::new();
    let ctx_files = read_inputs_from(context, context_base, &mut read_errors);
    // A context file that cannot be read is the owner's to report (it reads them as data).
    read_errors.clear();
    let files = read_inputs_from(paths, base, &mut read_errors);
    let opts = ImportOptions::default();
    let mut partial = match &a.context_partial {
        // The context's own partial (the run's first shard): the context is read once.
        Some(f) => {
            match std::fs::read(f).map_err(|e| e.to_string()).and_then(|b| clover_core::partial::Partial::decode(&b)) {
                Ok(ctx) => clover_core::partial::import_partial_with(ctx_files, Some(ctx), files, &opts),
                Err(e) => {
                    eprintln!("clover partial: cannot read the context partial {f}: {e}");
                    return ExitCode::from(1);
                }
            }
        }
        None => clover_core::partial::import_partial(ctx_files, files, &opts),
    };
    partial.errors.extend(read_errors);
    let bytes = partial.encode();
    if let Err(e) = std::fs::write(out, &bytes) {
        eprintln!("clover partial: cannot write {out}: {e}");
        return ExitCode::from(1);
    }
    eprintln!(
        "wrote {out} ({} bytes) in {:.3} s: {} files loaded, {} messages, {} reactions, {} errors",
        bytes.len(),
        started.elapsed().as_secs_f64(),
        partial.files_loaded,
        partial.messages.len(),
        partial.reactions.len(),
        partial.errors.len()
    );
    ExitCode::SUCCESS
}

/// `clover finish`: merges partials in the order given and writes the summary file.
fn cmd_finish(a: args::FinishArgs) -> ExitCode {
    let (out, paths) = (&a.out, &a.partials);
    let params = args::params(&a.window, Some(&a.board), &a.baseline);
    let mut read_errors: Vec<FileError> = Vec::new();
    if let Some(f) = &a.errors {
        let parsed = std::fs::read(f)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice::<Vec<FileError>>(&b).map_err(|e| e.to_string()));
        match parsed {
            Ok(list) => read_errors.extend(list),
            Err(e) => {
                eprintln!("clover finish: cannot read the errors in {f}: {e}");
                return ExitCode::from(1);
            }
        }
    }
    // A folder stands for the partials in it, in the order of their names.
    let mut files = Vec::new();
    for p in paths {
        match std::fs::read_dir(p) {
            Ok(rd) => {
                let mut kids: Vec<String> =
                    rd.filter_map(|e| e.ok()).map(|e| e.path().to_string_lossy().into_owned()).collect();
                kids.sort();
                files.extend(kids);
            }
            Err(_) => files.push(p.clone()),
        }
    }
    let started = std::time::Instant::now();
    let mut partials = Vec::with_capacity(files.len());
    for p in &files {
        match std::fs::read(p).map_err(|e| e.to_string()).and_then(|b| clover_core::partial::Partial::decode(&b)) {
            Ok(part) => partials.push(part),
            Err(e) => {
                // A partial is made by clover itself: one that cannot be read is a fault of
                // the run, not of the export, so it stops the finish.
                eprintln!("clover finish: cannot read the partial {p}: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let read_s = started.elapsed().as_secs_f64();
    let rows: usize = partials.iter().map(|p| p.messages.len() + p.reactions.len()).sum();
    let started = std::time::Instant::now();
    let merged = clover_core::partial::merge(partials, &ImportOptions::default());
    let merge_s = started.elapsed().as_secs_f64();
    let started = std::time::Instant::now();
    let result = merged.finish();
    eprintln!(
        "merged {} partials ({rows} message and reaction rows): read {read_s:.3} s, merged {merge_s:.3} s, finished {:.3} s",
        files.len(),
        started.elapsed().as_secs_f64()
    );
    if let Err(code) = report_errors("finish", &result, &read_errors) {
        return code;
    }
    let started = std::time::Instant::now();
    let code = write_summary("finish", out, result, read_errors, params);
    eprintln!("analysed and wrote the summary in {:.3} s", started.elapsed().as_secs_f64());
    code
}

fn cmd_analyze(a: args::AnalyzeArgs) -> ExitCode {
    use clover_core::analytics::Analyzer;
    let mut params = args::params(&a.window, Some(&a.board), &a.baseline);
    let Analysed { result, .. } = match import_for_analysis("analyze", &a.inputs) {
        Ok(x) => x,
        Err(code) => return code,
    };
    // The departments, locations and leaders compared side by side come with every analysis.
    params.segments = true;
    params.journey = a.journey.map(Into::into);
    let analysis = Analyzer::new(&result.dataset).analyze(&params);
    if a.json {
        match serde_json::to_string_pretty(&analysis) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("cannot print JSON: {e}"),
        }
    } else {
        print_analysis(&analysis);
    }
    ExitCode::SUCCESS
}

fn cmd_journey(a: args::JourneyArgs) -> ExitCode {
    use clover_core::analytics::{Analyzer, Params, Stage};
    let Analysed { result, .. } = match import_for_analysis("journey", &a.inputs) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let params = Params { journey: Some(a.by.into()), ..Params::default() };
    let analysis = Analyzer::new(&result.dataset).analyze(&params);
    let Some(journey) = analysis.journey else {
        eprintln!("clover journey: no journey: {}", analysis.notes.join(" "));
        return ExitCode::from(2);
    };
    if a.json {
        match serde_json::to_string_pretty(&journey) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("cannot print JSON: {e}"),
        }
        return ExitCode::SUCCESS;
    }
    println!(
        "{:<14} {:>8} {:>8} {:>12} {:>7}  {:<13} complete",
        "period", "members", "active", "contributors", "Clover", "level"
    );
    for p in &journey.periods {
        let count = |s: Stage| p.funnel.iter().find(|f| f.stage == s).map_or("-".to_string(), |f| f.count.to_string());
        let c = p.clover.as_ref();
        println!(
            "{:<14} {:>8} {:>8} {:>12} {:>7}  {:<13} {}{}",
            p.label,
            count(Stage::Members),
            count(Stage::Active),
            count(Stage::Contributors),
            c.and_then(|c| c.overall).map_or("-".into(), |v| format!("{v:.0}")),
            c.and_then(|c| c.level.clone()).unwrap_or_else(|| "-".into()),
            if p.complete { "yes" } else { "no" },
            if p.reached.is_empty() { String::new() } else { format!("  reached {}", p.reached.join(", ")) },
        );
    }
    if let Some(p) = &journey.leader_activation_met {
        println!("\nleader activation first met its target in {p}");
    }
    ExitCode::SUCCESS
}

fn pct(v: Option<f64>) -> String {
    clover_core::words::pct_or_dash(v)
}

fn print_analysis(a: &clover_core::analytics::Analysis) {
    println!("window: {} to {}", a.window.from.as_deref().unwrap_or("-"), a.window.to.as_deref().unwrap_or("-"));
    if a.suppressed {
        println!("suppressed: fewer than {} people match", a.segment.min_group);
        return;
    }
    if let Some(w) = &a.window.partial {
        println!("partial: {w}");
    }
    if let Some(b) = &a.baseline {
        println!(
            "compared with: {} ({} to {})",
            b.window.label.as_deref().unwrap_or("-"),
            b.window.from.as_deref().unwrap_or("-"),
            b.window.to.as_deref().unwrap_or("-")
        );
        if let Some(n) = &b.note {
            println!("  {n}");
        }
        for c in &a.changes {
            println!("  {}", c.text);
        }
    }
    println!("\nadoption funnel");
    for s in &a.funnel {
        println!(
            "  {:<13} {:>8}  {}",
            s.stage,
            s.count,
            s.conversion.map(|c| format!("{:.0} % of the stage before", c * 100.0)).unwrap_or_default()
        );
    }
    if let Some(c) = &a.clover {
        println!(
            "\nClover maturity: {} ({})",
            c.overall.map_or("-".into(), |v| format!("{v:.0}")),
            c.level.as_deref().unwrap_or("no score")
        );
        if let Some(caution) = &c.caution {
            println!("  {caution}");
        }
        for l in &c.leaves {
            println!(
                "  {:<11} {:>4}   {} of {} indicators measured",
                l.leaf,
                l.score.map_or("-".into(), |v| format!("{v:.0}")),
                l.coverage.measured,
                l.coverage.of
            );
            for i in &l.indicators {
                let value = if i.measured() { pct(i.value) } else { i.status.id().replace('_', " ") };
                println!("      {:<34} {:>8} of {:>5}", i.name, value, pct(Some(i.target)));
            }
        }
        for l in &c.limits {
            println!("  {} {}", l.text, l.remedy);
        }
    }
    if let Some(i) = a.inequality.as_ref().filter(|i| i.members >= a.segment.min_base) {
        println!(
            "\nparticipation: gini {}, top 1 % make {}, top 10 % make {}",
            i.gini.map_or("-".into(), |g| format!("{g:.2}")),
            pct(i.top1_share),
            pct(i.top10_share)
        );
    }
    println!("\nleaderboard");
    for r in a.leaderboard.iter().take(10) {
        println!(
            "  {:>3}. {:<30} {:>7.0}  {}",
            r.rank,
            r.name.chars().take(30).collect::<String>(),
            r.score,
            r.persona.map_or("—", |p| p.title())
        );
    }
    if !a.insights.is_empty() {
        println!();
        for i in &a.insights {
            println!("- {}", i.text);
        }
    }
}
