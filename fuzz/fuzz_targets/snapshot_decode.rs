//! The snapshot link's decoder (clover_core::snapshot): whatever a link holds, `decode`
//! answers with a snapshot or a message and never panics, hangs or runs out of memory. The
//! input is read twice: as the link's text, and as the JSON a link packs (deflated and
//! encoded here, so that the fuzzer reaches the checks on the numbers). What decodes must
//! encode and decode again to the same funnel.
#![no_main]

use clover_core::snapshot;

fn again(decoded: Result<(clover_core::analytics::Analysis, snapshot::Meta), String>) {
    if let Ok((a, meta)) = decoded {
        let (b, _) =
            snapshot::decode(&snapshot::encode(&a, &meta)).expect("a decoded snapshot encodes and decodes again");
        assert_eq!(a.funnel, b.funnel);
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        again(snapshot::decode(s));
    }
    again(snapshot::decode(&snapshot::pack(data)));
});
