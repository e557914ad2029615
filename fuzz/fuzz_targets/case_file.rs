//! The `case_file` fuzz target: its invariants are checked by `rung::fuzzing` (see
//! `docs/fuzzing.md`), the same checks `tests/fuzz_regressions.rs` replays on every
//! input kept under `fuzz/regressions/case_file/`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(check) = rung::fuzzing::check("case_file") {
        if let Err(broken) = check(data) {
            panic!("case_file: {broken}");
        }
    }
});
