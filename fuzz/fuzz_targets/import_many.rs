//! `import_files` with several files at once (so that formats, rosters and duplicates meet),
//! then the analytics on what loaded. The input is split at each `\n--8<--\n`; the n-th
//! part gets the n-th name of `NAMES` (formats are told by content; names give layouts).
#![no_main]

include!("common.rs");

const NAMES: [&str; 8] = [
    "users.json",
    "channels.json",
    "general/2020-09-13.json",
    "roster.csv",
    "export.jsonl",
    "clover.json",
    "teams/T1/messages_T1.json",
    "x.zip",
];

const SEPARATOR: &[u8] = b"\n--8<--\n";

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut files = Vec::new();
    let mut rest = data;
    while files.len() < 16 {
        let (part, next) = match rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
            Some(i) => (&rest[..i], Some(&rest[i + SEPARATOR.len()..])),
            None => (rest, None),
        };
        let name = NAMES[files.len() % NAMES.len()];
        files.push(clover_core::import::InputFile::new(name, part.to_vec()));
        match next {
            Some(n) => rest = n,
            None => break,
        }
    }
    let opts = clover_core::import::ImportOptions { max_unzipped_bytes: FUZZ_UNZIPPED_LIMIT, ..Default::default() };
    let r = clover_core::import::import_files(files, &opts);
    check(&r);
    let _ = clover_core::analytics::analyze(&r.dataset, &Default::default());
});
