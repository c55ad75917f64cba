//! The table of formats Clover reads: for each, how a file of it is recognised from its
//! shape and how its files are imported. Detection asks the entries in order; the import
//! hands each format its files. Adding a format is one module and one line here.

use super::entry::{Entry, Report};
use super::sniff::Shape;
use super::{clover_json, discord, mattermost, reports, roster, slack, teams, yammer};
use crate::model::{Builder, Format};

/// One format Clover reads.
pub struct FormatSpec {
    pub format: Format,
    /// Whether a file of this shape is of this format. Asked only when the formats before
    /// it in [`FORMATS`] declined the file.
    pub recognise: fn(&Shape) -> bool,
    /// Reads the format's files (each with the shape that recognised it) into the builder;
    /// errors name their file in the report.
    pub import: fn(Vec<(Shape, Entry)>, &mut Builder, &mut Report),
    /// Read after every other format: a roster joins the people the others described.
    pub read_last: bool,
}

/// Every format, most specific first: detection asks them in this order, so a file two
/// formats could claim (a roster-like list of users) goes to the more telling one.
pub static FORMATS: [FormatSpec; 8] = [
    FormatSpec {
        format: Format::Clover,
        recognise: clover_json::recognise,
        import: clover_json::import,
        read_last: false,
    },
    // Activity reports: told by columns no export or roster has (Report Refresh Date, Days
    // active…), so before the formats whose CSV tables they could be mistaken for.
    FormatSpec { format: Format::Reports, recognise: reports::recognise, import: reports::import, read_last: false },
    FormatSpec { format: Format::Discord, recognise: discord::recognise, import: discord::import, read_last: false },
    FormatSpec {
        format: Format::Mattermost,
        recognise: mattermost::recognise,
        import: mattermost::import,
        read_last: false,
    },
    FormatSpec { format: Format::Yammer, recognise: yammer::recognise, import: yammer::import, read_last: false },
    FormatSpec { format: Format::Teams, recognise: teams::recognise, import: teams::import, read_last: false },
    FormatSpec { format: Format::Slack, recognise: slack::recognise, import: slack::import, read_last: false },
    FormatSpec { format: Format::Roster, recognise: roster::recognise, import: roster::import, read_last: true },
];

/// The first format that recognises `shape`.
pub fn recognise(shape: &Shape) -> Option<Format> {
    FORMATS.iter().find(|f| (f.recognise)(shape)).map(|f| f.format)
}

/// The table's entry for `format` (every format has one: a test checks it).
pub fn spec(format: Format) -> Option<&'static FormatSpec> {
    FORMATS.iter().find(|f| f.format == format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_one_entry() {
        let all = Format::ALL;
        for f in all {
            assert_eq!(FORMATS.iter().filter(|s| s.format == f).count(), 1, "{f:?}");
            assert_eq!(spec(f).map(|s| s.format), Some(f));
        }
        assert_eq!(FORMATS.len(), all.len());
    }
}
