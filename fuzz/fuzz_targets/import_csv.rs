//! The `import_csv` fuzz target: its invariants are checked by `rung::fuzzing` (see
//! `docs/fuzzing.md`), the same checks `tests/fuzz_regressions.rs` replays on every
//! input kept under `fuzz/regressions/import_csv/`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(check) = rung::fuzzing::check("import_csv") {
        if let Err(broken) = check(data) {
            panic!("import_csv: {broken}");
        }
    }
});
