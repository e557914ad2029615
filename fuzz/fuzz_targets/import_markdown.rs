//! The `import_markdown` fuzz target: its invariants are checked by `rung::fuzzing` (see
//! `docs/fuzzing.md`), the same checks `tests/fuzz_regressions.rs` replays on every
//! input kept under `fuzz/regressions/import_markdown/`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(check) = rung::fuzzing::check("import_markdown") {
        if let Err(broken) = check(data) {
            panic!("import_markdown: {broken}");
        }
    }
});
