//! The time parsers every importer relies on, and formatting what they return.
#![no_main]

use clover_core::civil;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    for t in [civil::parse_timestamp(s), civil::parse_epoch_seconds(s)].into_iter().flatten() {
        let _ = (civil::format_iso(t), civil::iso_week(civil::day_of(t)), civil::month_index(civil::day_of(t)));
    }
    if let Some(d) = civil::parse_date(s) {
        let _ = civil::format_date(d * civil::MS_PER_DAY);
    }
});
