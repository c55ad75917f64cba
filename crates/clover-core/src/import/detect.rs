//! Which format a file is in, decided from its content alone.
//!
//! Files that hold nothing (media, empty lists) are [`Detected::Ignored`] with the reason;
//! everything else is offered to the formats of [`FORMATS`](super::formats::FORMATS) in
//! their order, most specific first, so that a file no format claims gets a clear error.

use super::entry::{Detected, Entry, Ignored};
use super::formats;
use super::sniff::{is_gzip, is_zip, sniff, Shape};

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
        return Ok(Detected::Ignored(Ignored::Media));
    }
    // Archives are opened two levels deep (an archive, and archives inside it); one found
    // deeper is left closed, and said so.
    if is_zip(head) {
        return Err("a ZIP archive nested deeper than Clover opens (an archive inside an archive inside an archive); unzip it and drop its files".into());
    }
    if is_gzip(head) {
        return Err("gzip-compressed data nested deeper than Clover opens; gunzip it and drop what it holds".into());
    }
    let shape = sniff(head);
    if let Shape::Unknown(why) = &shape {
        return Err(format!("not a supported export: {why}"));
    }
    match shape {
        Shape::Array { empty: true, .. } => return Ok(Detected::Ignored(Ignored::EmptyList)),
        Shape::Array { blank: true, .. } => return Ok(Detected::Ignored(Ignored::BlankList)),
        _ => {}
    }
    if let Some(format) = formats::recognise(&shape) {
        return Ok(Detected::File(format, shape));
    }
    if let Some(what) = super::reports::hint(&shape) {
        return Err(what);
    }
    Err(match shape {
        Shape::Csv { headers } => format!(
            "a CSV table with columns {} is not an export Clover knows (a roster needs an email, id or name column and one of department, location, title, leader)",
            headers.iter().take(8).cloned().collect::<Vec<_>>().join(", ")
        ),
        _ => "JSON that is not an export Clover knows (Clover JSON, Slack, Teams, Viva Engage, Mattermost, Discord, an activity report, or a roster)".to_string(),
    })
}
