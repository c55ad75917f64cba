//! Which format a file is in, decided from its content alone.
//!
//! Each format module owns a `recognise(&Shape) -> bool`; they are asked in a fixed order,
//! most specific first, so that a file no format claims gets a clear error.

use super::sniff::{sniff, Shape};
use super::{clover_json, discord, mattermost, roster, slack, teams, yammer, Entry};
use crate::model::Format;

#[derive(Clone, Debug)]
pub enum Detected {
    /// A file of this format, with the shape that decided it (importers sub-dispatch on it).
    File(Format, Shape),
    /// Not data (e.g. an image inside an export); skipped without an error.
    Ignored(&'static str),
}

impl Detected {
    pub fn format(&self) -> Format {
        match self {
            Detected::File(f, _) => *f,
            Detected::Ignored(_) => Format::Clover,
        }
    }
    pub fn shape(&self) -> Option<&Shape> {
        match self {
            Detected::File(_, s) => Some(s),
            Detected::Ignored(_) => None,
        }
    }
}

/// Files that exports carry beside their data, recognised by magic bytes (not by name).
fn is_media(b: &[u8]) -> bool {
    b.starts_with(b"\x89PNG") || b.starts_with(b"\xFF\xD8\xFF") || b.starts_with(b"GIF8") || b.starts_with(b"%PDF")
}

pub fn detect(e: &Entry) -> Result<Detected, String> {
    match e.detected() {
        Some(d) => d.clone(),
        None => detect_head(e.head()),
    }
}

/// The format of a file that begins with `head` (the whole file, or enough of it to decide).
pub fn detect_head(head: &[u8]) -> Result<Detected, String> {
    if is_media(head) {
        return Ok(Detected::Ignored("media"));
    }
    // Archives are opened two levels deep (an archive, and archives inside it); one found
    // deeper is left closed, and said so.
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Err("a ZIP archive nested deeper than Clover opens (an archive inside an archive inside an archive); unzip it and drop its files".into());
    }
    let shape = sniff(head);
    if let Shape::Unknown(why) = &shape {
        return Err(format!("not a supported export: {why}"));
    }
    // Exports write empty lists for empty things (Slack's groups.json, a Teams user with
    // no chats): nothing to load, and no format can be told from them.
    if let Shape::Array { empty: true, .. } = shape {
        return Ok(Detected::Ignored("empty list"));
    }
    type Recogniser = fn(&Shape) -> bool;
    let order: [(Format, Recogniser); 7] = [
        (Format::Clover, clover_json::recognise),
        (Format::Discord, discord::recognise),
        (Format::Mattermost, mattermost::recognise),
        (Format::Yammer, yammer::recognise),
        (Format::Teams, teams::recognise),
        (Format::Slack, slack::recognise),
        (Format::Roster, roster::recognise),
    ];
    for (format, recognise) in order {
        if recognise(&shape) {
            return Ok(Detected::File(format, shape));
        }
    }
    Err(match shape {
        Shape::Csv { headers } => format!(
            "a CSV table with columns {} is not an export Clover knows (a roster needs an email, id or name column and one of department, location, title, leader)",
            headers.iter().take(8).cloned().collect::<Vec<_>>().join(", ")
        ),
        _ => "JSON that is not an export Clover knows (Clover JSON, Slack, Teams, Viva Engage, Mattermost, Discord, or a roster)".to_string(),
    })
}
