//! The sniffer (a tolerant scan of a file's first 256 KB) and the format detector.
#![no_main]

use clover_core::import::{detect, sniff, Entry};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let shape = sniff::sniff(data);
    let _ = (shape.has_key("type"), shape.str_value("format"), shape.array_keys("messages"));
    // A prefix never reads differently from what the scanner can see of the whole.
    let _ = sniff::sniff(&data[..data.len() / 2]);
    // A shape settled by a prefix (how a big archive entry is recognised) is the whole's.
    for n in [data.len() / 4, data.len() / 2, data.len().saturating_sub(1)] {
        if let Some(early) = sniff::settled(&data[..n]) {
            assert_eq!(early, shape, "the first {n} bytes settled a different shape");
        }
    }
    let e = Entry::new("export/general/2020-09-13.json", "x", data.to_vec());
    if let Err(msg) = detect::detect(&e) {
        assert!(!msg.is_empty());
    }
});
