//! The sniffer (a tolerant scan of a file's first 256 KB) and the format detector.
#![no_main]

use clover_core::import::{detect, sniff, Entry};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let shape = sniff::sniff(data);
    let _ = (shape.has_key("type"), shape.str_value("format"), shape.array_keys("messages"));
    // A prefix never reads differently from what the scanner can see of the whole.
    let _ = sniff::sniff(&data[..data.len() / 2]);
    let e = Entry { path: "export/general/2020-09-13.json".into(), display: "x".into(), bytes: data.to_vec() };
    if let Err(msg) = detect::detect(&e) {
        assert!(!msg.is_empty());
    }
});
