//! `import_files` with one file of arbitrary bytes named `general/2020-09-13.json` (formats are told by
//! content; the name only gives Slack and Teams their folder layout).
#![no_main]

include!("common.rs");

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    import_one("general/2020-09-13.json", data, false);
});
