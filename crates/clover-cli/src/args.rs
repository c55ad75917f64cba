//! The command line as one table: every subcommand and flag of `clover`, declared once with
//! clap's derive. `clover --help` and `clover <command> --help` are generated from it, an
//! unknown flag is refused with the nearest known one suggested, and `docs/cli.md` (the
//! long-form reference) is checked against it by the tests below.

use clap::{Args, Parser, Subcommand, ValueEnum};
use clover_core::analytics::{Compare, Params, Unit};
use clover_core::demo::DemoOptions;

/// Clover's importers and metrics, natively: the dashboard's numbers from the command line
///
/// Paths may be files or folders (a folder is read recursively, like a folder dropped on the
/// app); formats are recognised from content. Exit status: 0 when at least one file loaded, 2
/// when none did or when a flag or command is unknown, 1 on any other usage error.
/// docs/cli.md is the long-form reference.
#[derive(Parser, Debug)]
#[command(name = "clover", disable_version_flag = true, verbatim_doc_comment)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read exports and print what was loaded
    Import(ImportArgs),
    /// Every view's numbers: funnel, leaderboard, Clover maturity, changes, segments
    #[command(visible_alias = "analyse")]
    Analyze(AnalyzeArgs),
    /// Clover maturity and the funnel for every calendar month or quarter
    Journey(JourneyArgs),
    /// Write the aggregates (no messages) to a summary file the dashboard opens
    #[command(visible_alias = "summarise")]
    Summarize(SummarizeArgs),
    /// Print a snapshot link's fragment, to add to the dashboard's address
    Snapshot(SnapshotArgs),
    /// Write the deterministic demo organisation's export (and its roster), or its activity reports
    Demo(DemoArgs),
    /// Import one shard of an export into a partial, for a distributed run
    Partial(PartialArgs),
    /// Merge partials and write the summary summarize writes for all their files
    Finish(FinishArgs),
}

/// The exports to read, and a roster beside them.
#[derive(Args, Debug)]
pub struct Inputs {
    /// Export files or folders
    #[arg(value_name = "PATH", required_unless_present = "roster")]
    pub paths: Vec<String>,
    /// A roster CSV: the funnel's workforce, departments, locations, leaders
    #[arg(long, value_name = "FILE")]
    pub roster: Option<String>,
}

impl Inputs {
    /// The paths to import: the exports, then the roster.
    pub fn all(&self) -> Vec<String> {
        self.paths.iter().chain(&self.roster).cloned().collect()
    }
}

/// The window analysed: inclusive UTC dates; without them, the whole data range.
#[derive(Args, Debug)]
pub struct Window {
    /// First day of the window
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub from: Option<i64>,
    /// Last day of the window (inclusive)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date)]
    pub to: Option<i64>,
}

/// What the window is compared with.
#[derive(Args, Debug)]
pub struct Baseline {
    /// The baseline: previous, year or YYYY-MM-DD..YYYY-MM-DD (docs/metrics.md)
    #[arg(long, value_name = "C", value_parser = Compare::parse)]
    pub compare: Option<Compare>,
    /// The smallest base a relative change is given for
    #[arg(long, value_name = "N", default_value_t = Params::default().min_base)]
    pub min_base: u64,
}

/// The leaderboard's length and the names in it.
#[derive(Args, Debug)]
pub struct Board {
    /// How many people the leaderboard lists
    #[arg(long, value_name = "N", default_value_t = Params::default().top)]
    pub top: usize,
    /// Show people as stable pseudonyms ("Person 0412") instead of names
    #[arg(long, alias = "pseudonymize")]
    pub pseudonymise: bool,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Export files or folders
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,
    /// Print the load summary as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub window: Window,
    #[command(flatten)]
    pub board: Board,
    #[command(flatten)]
    pub baseline: Baseline,
    /// Add the maturity journey by calendar month or quarter
    #[arg(long, value_name = "UNIT")]
    pub journey: Option<Period>,
    /// Print the whole analysis as JSON (what the dashboard draws from)
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct JourneyArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// One period per calendar month or quarter
    #[arg(long, value_name = "UNIT", default_value = "quarter")]
    pub by: Period,
    /// Print the journey as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct SummarizeArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// Where to write the summary file
    #[arg(long, value_name = "FILE", required = true)]
    pub out: String,
    #[command(flatten)]
    pub window: Window,
    #[command(flatten)]
    pub board: Board,
    #[command(flatten)]
    pub baseline: Baseline,
}

#[derive(Args, Debug)]
pub struct SnapshotArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub window: Window,
    #[command(flatten)]
    pub baseline: Baseline,
    /// Keep people's names (pseudonymised without it)
    #[arg(long)]
    pub names: bool,
    /// Print the JSON the fragment packs instead of the fragment
    #[arg(long)]
    pub payload: bool,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Human members, at least 10 (bots come on top)
    #[arg(long, value_name = "N", default_value_t = DemoOptions::default().people)]
    pub people: usize,
    /// Length of the period in calendar months, 1 to 240
    #[arg(long, value_name = "M", default_value_t = DemoOptions::default().months)]
    pub months: u32,
    /// The seed: the same options give the same bytes
    #[arg(long, value_name = "S", default_value_t = DemoOptions::default().seed)]
    pub seed: u64,
    /// The export's format
    #[arg(long, value_name = "F", default_value = "clover")]
    pub format: DemoFormat,
    /// Where to write the export
    #[arg(long, value_name = "FILE", required_unless_present = "reports")]
    pub out: Option<String>,
    /// Where to write the organisation's roster CSV
    #[arg(long, value_name = "FILE")]
    pub roster: Option<String>,
    /// Write the organisation as the activity reports its admins would download instead
    /// (Microsoft 365 and Slack, a folder each, with the roster), into this folder
    #[arg(long, value_name = "DIR", conflicts_with_all = ["out", "roster", "format"])]
    pub reports: Option<String>,
}

#[derive(Args, Debug)]
pub struct PartialArgs {
    /// The shard's files or folders
    #[arg(value_name = "PATH", required_unless_present = "context")]
    pub paths: Vec<String>,
    /// A file read first for lookups (users.json), not counted [repeatable]
    #[arg(long, value_name = "PATH")]
    pub context: Vec<String>,
    /// The context's own partial: the context is not read again
    #[arg(long, value_name = "FILE")]
    pub context_partial: Option<String>,
    /// Name files relative to this folder (else to each argument's parent)
    #[arg(long, value_name = "DIR")]
    pub base: Option<String>,
    /// Name the context files relative to this folder [default: --base]
    #[arg(long, value_name = "DIR")]
    pub context_base: Option<String>,
    /// Where to write the partial
    #[arg(long, value_name = "FILE", required = true)]
    pub out: String,
}

#[derive(Args, Debug)]
pub struct FinishArgs {
    /// Partials, in order (a folder stands for the partials in it, in name order)
    #[arg(value_name = "PARTIAL", required = true)]
    pub partials: Vec<String>,
    /// Where to write the summary file
    #[arg(long, value_name = "FILE", required = true)]
    pub out: String,
    /// A JSON file of [{file, message}]: files no shard could read
    #[arg(long, value_name = "FILE")]
    pub errors: Option<String>,
    #[command(flatten)]
    pub window: Window,
    #[command(flatten)]
    pub board: Board,
    #[command(flatten)]
    pub baseline: Baseline,
}

/// A calendar period of the journey.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum Period {
    Month,
    Quarter,
}

impl From<Period> for Unit {
    fn from(p: Period) -> Unit {
        match p {
            Period::Month => Unit::Month,
            Period::Quarter => Unit::Quarter,
        }
    }
}

/// The formats `clover demo` writes.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum DemoFormat {
    Clover,
    Slack,
    Mattermost,
}

impl DemoFormat {
    pub fn id(self) -> &'static str {
        match self {
            DemoFormat::Clover => "clover",
            DemoFormat::Slack => "slack",
            DemoFormat::Mattermost => "mattermost",
        }
    }
}

fn date(s: &str) -> Result<i64, String> {
    clover_core::civil::parse_date(s).ok_or_else(|| "not a date: write it like 2025-01-31".to_string())
}

/// The analysis parameters the flags set; everything else is [`Params::default`].
pub fn params(window: &Window, board: Option<&Board>, baseline: &Baseline) -> Params {
    let d = Params::default();
    Params {
        from: window.from,
        to: window.to,
        top: board.map_or(d.top, |b| b.top),
        pseudonymise: board.is_some_and(|b| b.pseudonymise),
        compare: baseline.compare.unwrap_or(d.compare),
        min_base: baseline.min_base,
        ..d
    }
}

/// Reads the command line. Help goes to standard output (exit 0); without a command, the
/// help goes to standard error (exit 1). A flag or command clover does not know exits 2,
/// naming it and the nearest known one; any other mistake (a missing or malformed value, a
/// missing required flag or path) exits 1, as it always has.
pub fn parse() -> Result<Command, std::process::ExitCode> {
    use clap::error::ErrorKind;
    use clap::CommandFactory;
    match Cli::try_parse() {
        Ok(Cli { command: Some(c) }) => Ok(c),
        Ok(Cli { command: None }) => {
            eprintln!("{}", Cli::command().render_help());
            Err(std::process::ExitCode::from(1))
        }
        Err(e) => {
            let _ = e.print();
            Err(std::process::ExitCode::from(match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => 0,
                ErrorKind::UnknownArgument | ErrorKind::InvalidSubcommand => 2,
                _ => 1,
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// clap's own consistency checks of the table (names, groups, defaults).
    #[test]
    fn the_table_is_consistent() {
        Cli::command().debug_assert();
    }

    /// docs/cli.md is the long-form reference: every command has its section there, and the
    /// section names every flag the command takes.
    #[test]
    fn docs_cli_md_names_every_command_and_flag() {
        let doc = include_str!("../../../docs/cli.md");
        let cmd = Cli::command();
        for sub in cmd.get_subcommands() {
            let name = sub.get_name();
            let head = format!("## `clover {name} ");
            let at = doc.find(&head).unwrap_or_else(|| panic!("docs/cli.md has no section {head}…`"));
            let section = &doc[at..];
            let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
            for arg in sub.get_arguments() {
                if let Some(long) = arg.get_long() {
                    if long != "help" {
                        assert!(
                            section.contains(&format!("--{long}")),
                            "docs/cli.md, clover {name}: --{long} is not described"
                        );
                    }
                }
            }
        }
    }
}
