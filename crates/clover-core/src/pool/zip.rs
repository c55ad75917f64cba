//! A ZIP archive's central directory read without its data, and archives of some of its
//! entries made from byte ranges of the original, so that a pool of workers can each read
//! only their entries' compressed bytes (docs/performance.md, "a pool of import workers").
//!
//! The directory is read from the archive's last bytes ([`find_directory`], then
//! [`read_directory`]). An archive of a selection of entries ([`Directory::part`]) is the
//! selected entries' byte ranges of the original, one after another, then a tail this module
//! writes: a directory listing only them, at their new offsets, and its end record. Nothing
//! of an entry is rewritten, so the ZIP reader of the import inflates and checks exactly what
//! it would have read in the whole archive, and names each entry as it would have.
//!
//! Anything unusual (several disks, bytes before the archive, encrypted entries, methods
//! other than stored and deflate, entries that overlap or point outside the archive, names
//! that are neither ASCII nor marked UTF-8, a Unicode path field) gives no directory: the
//! archive is then imported whole, by one worker, exactly as before.

/// How many of an archive's last bytes hold its end record: the record (22 bytes), the
/// longest comment (65,535), and the ZIP64 locator (20) and end record (56) before it.
pub const TAIL_BYTES: u64 = 22 + 65_535 + 20 + 56;

const EOCD: u32 = 0x0605_4b50;
const ZIP64_LOCATOR: u32 = 0x0706_4b50;
const ZIP64_EOCD: u32 = 0x0606_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const LOCAL: u32 = 0x0403_4b50;

/// Where an archive's central directory is: from its last bytes (`tail`, ending at `size`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Located {
    pub offset: u64,
    pub len: u64,
    pub entries: u64,
}

/// One entry of a central directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZipEntry {
    pub name: String,
    /// Its declared uncompressed size.
    pub size: u64,
    /// Its bytes in the archive: from its local header to the next entry's (or the directory).
    pub start: u64,
    pub end: u64,
    /// Its central directory record as written, and where in it the local header's offset is
    /// (4 bytes, or 8 in a ZIP64 field).
    record: Vec<u8>,
    offset_at: usize,
    offset_wide: bool,
}

impl ZipEntry {
    pub fn is_dir(&self) -> bool {
        self.name.ends_with('/')
    }
}

/// A central directory: the entries in its order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directory {
    pub entries: Vec<ZipEntry>,
    /// The folder every entry shares, which the import leaves out of their paths (see
    /// `import::archive::common_root`): kept so that an archive of some entries is read the same.
    root: usize,
}

fn u16_at(b: &[u8], at: usize) -> Option<u64> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]) as u64)
}

fn u32_at(b: &[u8], at: usize) -> Option<u64> {
    b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as u64)
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    b.get(at..at + 8).map(|s| u64::from_le_bytes(s.try_into().unwrap_or([0; 8])))
}

/// Finds the central directory from the archive's last bytes (`tail`, the last
/// `tail.len()` of `size` bytes; [`TAIL_BYTES`] suffice). `None`: not a ZIP archive this
/// module reads (it is then imported whole).
pub fn find_directory(tail: &[u8], size: u64) -> Option<Located> {
    let base = size.checked_sub(tail.len() as u64)?;
    let mut at = tail.len().checked_sub(22)?;
    loop {
        if u32_at(tail, at) == Some(EOCD as u64) && u16_at(tail, at + 20)? as usize + at + 22 == tail.len() {
            break;
        }
        at = at.checked_sub(1)?;
    }
    let (disk, cd_disk) = (u16_at(tail, at + 4)?, u16_at(tail, at + 6)?);
    let (here, entries) = (u16_at(tail, at + 8)?, u16_at(tail, at + 10)?);
    let (len, offset) = (u32_at(tail, at + 12)?, u32_at(tail, at + 16)?);
    let end_at = base + at as u64;
    let wide = entries == 0xFFFF || len == 0xFFFF_FFFF || offset == 0xFFFF_FFFF;
    let found = if wide {
        let loc = at.checked_sub(20)?;
        if u32_at(tail, loc)? != ZIP64_LOCATOR as u64 || u32_at(tail, loc + 16)? != 1 {
            return None;
        }
        let z64 = u64_at(tail, loc + 8)?;
        let z = usize::try_from(z64.checked_sub(base)?).ok()?;
        if u32_at(tail, z)? != ZIP64_EOCD as u64 || u32_at(tail, z + 16)? != 0 || u32_at(tail, z + 20)? != 0 {
            return None;
        }
        let (here, entries) = (u64_at(tail, z + 24)?, u64_at(tail, z + 32)?);
        let (len, offset) = (u64_at(tail, z + 40)?, u64_at(tail, z + 48)?);
        (here == entries && offset.checked_add(len)? == z64).then_some(Located { offset, len, entries })
    } else {
        let ok = disk == 0 && cd_disk == 0 && here == entries && offset + len == end_at;
        ok.then_some(Located { offset, len, entries })
    }?;
    // Bytes before the archive (a self-extracting one) would shift every offset: not read here.
    (found.entries > 0 || found.len == 0).then_some(found)
}

/// Reads the central directory (`cd`, the bytes [`find_directory`] located). `None`: an
/// archive this module does not split (see the module documentation).
pub fn read_directory(cd: &[u8], at: Located) -> Option<Directory> {
    let mut entries = Vec::with_capacity(at.entries.min(1 << 20) as usize);
    let mut p = 0usize;
    for _ in 0..at.entries {
        if u32_at(cd, p)? != CENTRAL as u64 {
            return None;
        }
        let flags = u16_at(cd, p + 8)?;
        let method = u16_at(cd, p + 10)?;
        let (mut packed, mut size) = (u32_at(cd, p + 20)?, u32_at(cd, p + 24)?);
        let (n, m, k) = (u16_at(cd, p + 28)? as usize, u16_at(cd, p + 30)? as usize, u16_at(cd, p + 32)? as usize);
        let disk = u16_at(cd, p + 34)?;
        let mut start = u32_at(cd, p + 42)?;
        let record_len = 46 + n + m + k;
        let record = cd.get(p..p + record_len)?;
        let raw_name = &record[46..46 + n];
        // Encrypted, or a method the import's reader has no inflater for: read whole.
        if flags & 1 != 0 || !(method == 0 || method == 8) {
            return None;
        }
        let name = if flags & 0x800 != 0 || raw_name.is_ascii() {
            String::from_utf8(raw_name.to_vec()).ok()?
        } else {
            return None;
        };
        // Extra fields: ZIP64 sizes and offset; a Unicode path would rename the entry.
        let (mut offset_at, mut offset_wide) = (p + 42, false);
        let extra = &record[46 + n..46 + n + m];
        let mut e = 0;
        while e + 4 <= extra.len() {
            let (id, len) = (u16_at(extra, e)?, u16_at(extra, e + 2)? as usize);
            let body = e + 4;
            if body + len > extra.len() {
                return None;
            }
            match id {
                0x7075 => return None,
                0x0001 => {
                    let mut f = body;
                    for v in [&mut size, &mut packed] {
                        if *v == 0xFFFF_FFFF {
                            *v = u64_at(extra, f).filter(|_| f + 8 <= body + len)?;
                            f += 8;
                        }
                    }
                    if start == 0xFFFF_FFFF {
                        start = u64_at(extra, f).filter(|_| f + 8 <= body + len)?;
                        offset_at = p + 46 + n + f;
                        offset_wide = true;
                    }
                }
                _ => {}
            }
            e = body + len;
        }
        if disk != 0 && disk != 0xFFFF {
            return None;
        }
        entries.push((
            ZipEntry { name, size, start, end: 0, record: record.to_vec(), offset_at: offset_at - p, offset_wide },
            packed,
            n as u64,
        ));
        p += record_len;
    }
    if p != cd.len() {
        return None;
    }
    // Each entry's bytes run to the next entry's start (or the directory): none may share a
    // start, point past the directory, or hold less than its header and compressed data.
    let mut starts: Vec<u64> = entries.iter().map(|(e, _, _)| e.start).collect();
    starts.sort_unstable();
    if starts.windows(2).any(|w| w[0] == w[1]) || starts.last().is_some_and(|&s| s >= at.offset) {
        return None;
    }
    for (e, packed, n) in &mut entries {
        let i = starts.partition_point(|&s| s <= e.start);
        e.end = starts.get(i).copied().unwrap_or(at.offset);
        if e.end - e.start < 30 + *n + *packed {
            return None;
        }
    }
    let entries: Vec<ZipEntry> = entries.into_iter().map(|(e, _, _)| e).collect();
    // Two entries of one name: the reader keeps one of them, which an archive of some
    // entries might not.
    let mut names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
    names.sort_unstable();
    if names.windows(2).any(|w| w[0] == w[1]) {
        return None;
    }
    let root = crate::import::archive::common_root(entries.iter().map(|e| e.name.as_str()));
    Some(Directory { entries, root })
}

/// An archive of some entries of the original: its byte ranges of the original, read one
/// after another, then `tail`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub ranges: Vec<(u64, u64)>,
    pub tail: Vec<u8>,
}

impl Part {
    /// Its bytes, cut from the original archive's (natively, and in tests).
    pub fn bytes_from(&self, original: &[u8]) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        for &(a, b) in &self.ranges {
            out.extend_from_slice(original.get(a as usize..b as usize)?);
        }
        out.extend_from_slice(&self.tail);
        Some(out)
    }
}

impl Directory {
    /// The archive of the entries `which` (indices into [`Directory::entries`], in the
    /// directory's order), read by the import as it reads those entries in the whole archive.
    pub fn part(&self, which: &[usize]) -> Part {
        // Byte ranges in the order of the original, joined where they touch.
        let mut spans: Vec<(u64, u64)> = which.iter().map(|&i| (self.entries[i].start, self.entries[i].end)).collect();
        spans.sort_unstable();
        let mut ranges: Vec<(u64, u64)> = Vec::new();
        for (a, b) in spans {
            match ranges.last_mut() {
                Some(last) if last.1 == a => last.1 = b,
                _ => ranges.push((a, b)),
            }
        }
        // Where each original offset lands.
        let mut bases = Vec::with_capacity(ranges.len());
        let mut at = 0u64;
        for &(a, b) in &ranges {
            bases.push((a, at));
            at += b - a;
        }
        let moved = |offset: u64| {
            let i = bases.partition_point(|&(a, _)| a <= offset) - 1;
            bases[i].1 + (offset - bases[i].0)
        };
        // First a folder entry that keeps the paths as the whole archive has them: the
        // import leaves out a folder all entries share, and these entries may share one the
        // whole archive's do not (`general/` alone), or not share the one it left out.
        let marker: String = if self.root > 0 {
            self.entries
                .iter()
                .find(|e| !e.name.starts_with("__MACOSX/"))
                .map_or(String::new(), |e| e.name[..self.root].to_string())
        } else {
            "\u{1}/".to_string()
        };
        let mut tail = Vec::new();
        let marker_at = at;
        put_u32(&mut tail, LOCAL);
        put_u16(&mut tail, 20); // version needed
        put_u16(&mut tail, 0x800); // UTF-8 name
        tail.extend_from_slice(&[0; 18]); // stored, no time, crc and sizes 0
        put_u16(&mut tail, marker.len() as u16);
        put_u16(&mut tail, 0);
        tail.extend_from_slice(marker.as_bytes());
        let cd_at = at + tail.len() as u64;
        let cd_start = tail.len();
        put_u32(&mut tail, CENTRAL);
        put_u16(&mut tail, 20);
        put_u16(&mut tail, 20);
        put_u16(&mut tail, 0x800);
        tail.extend_from_slice(&[0; 18]);
        put_u16(&mut tail, marker.len() as u16);
        tail.extend_from_slice(&[0; 12]); // extra, comment, disk, attributes
        put_u32(&mut tail, marker_at.min(0xFFFF_FFFF) as u32);
        tail.extend_from_slice(marker.as_bytes());
        if marker_at >= 0xFFFF_FFFF {
            return Part { ranges: Vec::new(), tail: Vec::new() };
        }
        for &i in which {
            let e = &self.entries[i];
            let mut r = e.record.clone();
            let new = moved(e.start);
            if e.offset_wide {
                r[e.offset_at..e.offset_at + 8].copy_from_slice(&new.to_le_bytes());
            } else {
                r[e.offset_at..e.offset_at + 4].copy_from_slice(&(new as u32).to_le_bytes());
            }
            tail.extend_from_slice(&r);
        }
        let cd_len = (tail.len() - cd_start) as u64;
        let count = which.len() as u64 + 1;
        if count >= 0xFFFF || cd_at >= 0xFFFF_FFFF || cd_len >= 0xFFFF_FFFF {
            let z64_at = cd_at + cd_len;
            put_u32(&mut tail, ZIP64_EOCD);
            tail.extend_from_slice(&44u64.to_le_bytes());
            put_u16(&mut tail, 45);
            put_u16(&mut tail, 45);
            tail.extend_from_slice(&[0; 8]); // this disk, the directory's disk
            tail.extend_from_slice(&count.to_le_bytes());
            tail.extend_from_slice(&count.to_le_bytes());
            tail.extend_from_slice(&cd_len.to_le_bytes());
            tail.extend_from_slice(&cd_at.to_le_bytes());
            put_u32(&mut tail, ZIP64_LOCATOR);
            put_u32(&mut tail, 0);
            tail.extend_from_slice(&z64_at.to_le_bytes());
            put_u32(&mut tail, 1);
        }
        put_u32(&mut tail, EOCD);
        tail.extend_from_slice(&[0; 4]);
        let c16 = count.min(0xFFFF) as u16;
        put_u16(&mut tail, c16);
        put_u16(&mut tail, c16);
        put_u32(&mut tail, cd_len.min(0xFFFF_FFFF) as u32);
        put_u32(&mut tail, cd_at.min(0xFFFF_FFFF) as u32);
        put_u16(&mut tail, 0);
        Part { ranges, tail }
    }
}

fn put_u16(out: &mut Vec<u8>, x: u16) {
    out.extend_from_slice(&x.to_le_bytes());
}

fn put_u32(out: &mut Vec<u8>, x: u32) {
    out.extend_from_slice(&x.to_le_bytes());
}

/// The directory of a whole archive in memory (natively, and in tests): what a worker finds
/// with two reads of the archive's end.
pub fn directory_of(bytes: &[u8]) -> Option<Directory> {
    let size = bytes.len() as u64;
    let tail = &bytes[bytes.len().saturating_sub(TAIL_BYTES as usize)..];
    let at = find_directory(tail, size)?;
    let cd = bytes.get(at.offset as usize..(at.offset + at.len) as usize)?;
    read_directory(cd, at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read, Write};

    fn archive(names: &[String], large: bool) -> Vec<u8> {
        let mut w = ::zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = ::zip::write::SimpleFileOptions::default()
            .compression_method(::zip::CompressionMethod::Stored)
            .large_file(large);
        for (i, n) in names.iter().enumerate() {
            w.start_file(n.as_str(), stored).unwrap();
            write!(w, "[{i}]").unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// What the import's ZIP reader finds in an archive: every file entry's name and bytes.
    fn read_all(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut z = ::zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = Vec::new();
        for i in 0..z.len() {
            let mut f = z.by_index(i).unwrap();
            if f.is_dir() {
                continue;
            }
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            out.push((f.name().unwrap().to_string(), data));
        }
        out
    }

    #[test]
    fn a_part_holds_the_chosen_entries_and_keeps_their_paths() {
        let names: Vec<String> =
            ["users.json", "general/a.json", "general/b.json", "random/a.json"].map(String::from).to_vec();
        for large in [false, true] {
            let bytes = archive(&names, large);
            let dir = directory_of(&bytes).unwrap();
            assert_eq!(dir.entries.len(), 4);
            let part = dir.part(&[1, 3]).bytes_from(&bytes).unwrap();
            let got = read_all(&part);
            assert_eq!(
                got,
                vec![("general/a.json".into(), b"[1]".to_vec()), ("random/a.json".into(), b"[3]".to_vec())]
            );
            // The import leaves out no folder these two alone would share (neither had one).
            let names: Vec<String> = ::zip::ZipArchive::new(Cursor::new(&part))
                .unwrap()
                .file_names()
                .map(|n| n.unwrap().to_string())
                .collect();
            assert_eq!(crate::import::archive::common_root(names.iter().map(String::as_str)), 0);
            let one = dir.part(&[1]).bytes_from(&bytes).unwrap();
            let names: Vec<String> = ::zip::ZipArchive::new(Cursor::new(&one))
                .unwrap()
                .file_names()
                .map(|n| n.unwrap().to_string())
                .collect();
            assert_eq!(crate::import::archive::common_root(names.iter().map(String::as_str)), 0, "{names:?}");
        }
        // And leaves out the one the whole archive's entries share.
        let rooted: Vec<String> = names.iter().map(|n| format!("export/{n}")).collect();
        let bytes = archive(&rooted, false);
        let dir = directory_of(&bytes).unwrap();
        let part = dir.part(&[2]).bytes_from(&bytes).unwrap();
        let names: Vec<String> =
            ::zip::ZipArchive::new(Cursor::new(&part)).unwrap().file_names().map(|n| n.unwrap().to_string()).collect();
        assert_eq!(crate::import::archive::common_root(names.iter().map(String::as_str)), "export/".len());
    }

    #[test]
    fn a_part_of_more_than_65535_entries_is_a_zip64_archive() {
        let names: Vec<String> = (0..70_000).map(|i| format!("c{}/{i}.json", i % 7)).collect();
        let bytes = archive(&names, false);
        let dir = directory_of(&bytes).unwrap();
        assert_eq!(dir.entries.len(), 70_000);
        let which: Vec<usize> = (0..70_000).filter(|i| i % 3 != 0).collect();
        let got = read_all(&dir.part(&which).bytes_from(&bytes).unwrap());
        assert_eq!(got.len(), which.len());
        assert_eq!(got[0], ("c1/1.json".to_string(), b"[1]".to_vec()));
        assert_eq!(got.last().unwrap().0, "c5/69998.json");
    }

    #[test]
    fn unusual_archives_have_no_directory_and_nothing_panics() {
        let bytes = archive(&["a/b.json".to_string(), "c.json".to_string()], false);
        // Bytes before the archive shift its offsets: read whole.
        let mut prefixed = b"MZ self-extracting stub".to_vec();
        prefixed.extend_from_slice(&bytes);
        assert!(directory_of(&prefixed).is_none());
        for n in 0..bytes.len() {
            let _ = directory_of(&bytes[..n]);
        }
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0xff;
            if let Some(dir) = directory_of(&b) {
                let all: Vec<usize> = (0..dir.entries.len()).collect();
                let _ = dir.part(&all).bytes_from(&b);
            }
        }
    }
}
