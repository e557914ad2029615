//! The TypeScript types of the app's IPC payloads in `ui/src/bindings/` match the Rust
//! view types. `RUNG_BLESS=1 cargo test --test bindings` regenerates them.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use rung::view::*;
use ts_rs::{Config, TS};

fn check<T: TS + 'static>(failures: &mut Vec<String>) {
    let dir = common::root().join("ui/src/bindings");
    let config = Config::new().with_out_dir(&dir);
    if std::env::var_os("RUNG_BLESS").is_some() {
        T::export(&config).expect("write bindings");
        return;
    }
    let expected = T::export_to_string(&config).expect("bindings as text");
    let path = dir.join(format!("{}.ts", T::ident(&config)));
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != expected {
        failures.push(format!("{} is stale", path.display()));
    }
}

#[test]
fn typescript_bindings_are_up_to_date() {
    let mut failures = Vec::new();
    check::<FrameworkSource>(&mut failures);
    check::<AppError>(&mut failures);
    check::<ErrorKind>(&mut failures);
    check::<FrameworkView>(&mut failures);
    check::<BandView>(&mut failures);
    check::<TrackSummary>(&mut failures);
    check::<RoleView>(&mut failures);
    check::<LevelRef>(&mut failures);
    check::<TermView>(&mut failures);
    check::<DiagnosticView>(&mut failures);
    check::<rung::Severity>(&mut failures);
    check::<LevelView>(&mut failures);
    check::<DimensionView>(&mut failures);
    check::<CompetencyView>(&mut failures);
    check::<ExpectationView>(&mut failures);
    assert!(
        failures.is_empty(),
        "{}\nrun `RUNG_BLESS=1 cargo test --test bindings` and commit ui/src/bindings/",
        failures.join("\n")
    );
}
