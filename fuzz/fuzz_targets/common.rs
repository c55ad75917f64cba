// Shared by the import targets (included with `include!`, not a module of its own).

/// The limit the targets import with: far below the 4 GB default, so that an input that
/// inflates big is stopped long before libFuzzer's 2 GB memory limit.
const FUZZ_UNZIPPED_LIMIT: u64 = 16 << 20;

#[allow(dead_code)]
fn import_one(name: &str, data: &[u8], analyse: bool) {
    let opts = clover_core::import::ImportOptions { max_unzipped_bytes: FUZZ_UNZIPPED_LIMIT, ..Default::default() };
    let files = vec![clover_core::import::InputFile::new(name, data.to_vec())];
    let r = clover_core::import::import_files(files, &opts);
    check(&r);
    if analyse {
        let _ = clover_core::analytics::analyze(&r.dataset, &Default::default());
    }
}

/// Invariants every import keeps, whatever the input.
fn check(r: &clover_core::import::ImportResult) {
    let ds = &r.dataset;
    let n = ds.messages.len() as u32;
    let m = &ds.messages;
    assert!(m.time.windows(2).all(|w| w[0] <= w[1]), "messages sorted by time");
    assert!(m.time.iter().all(|&t| clover_core::model::possible_time(t)), "only possible times");
    assert!(m.author.iter().all(|&a| (a as usize) < ds.people.len()));
    assert!(m.space.iter().all(|&s| (s as usize) < ds.spaces.len()));
    let row = |x: u32| x == clover_core::model::NONE || x < n;
    assert!(m.parent.iter().all(|&p| row(p)) && m.root.iter().all(|&p| row(p)));
    for i in 0..m.len() {
        assert_ne!(m.parent[i], i as u32, "no message answers itself");
    }
    assert!(ds.reactions.message.iter().all(|&x| x < n));
    assert!(ds.reactions.time.iter().all(|&t| clover_core::model::possible_time(t)));
    assert!(ds.mentions.iter().all(|&(x, p)| x < n && (p as usize) < ds.people.len()));
    let fits = |s: &str| s.chars().count() <= clover_core::model::MAX_NAME_CHARS;
    assert!(ds.people.iter().all(|p| fits(&p.name)) && ds.spaces.iter().all(|s| fits(&s.name)));
    assert!(r.errors.iter().all(|e| !e.file.is_empty() && !e.message.is_empty()));
}
