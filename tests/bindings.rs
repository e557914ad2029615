//! The TypeScript types of the app's IPC payloads in `ui/src/bindings/` match the Rust
//! view types. `RUNG_BLESS=1 cargo test --test bindings` regenerates them.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use rung::app::*;
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
    check::<LoadStatus>(&mut failures);
    check::<rung::app::seal::SealChoice>(&mut failures);
    check::<rung::app::seal::SavedPeople>(&mut failures);
    check::<rung::files::recipients::Person>(&mut failures);
    check::<ImportReportView>(&mut failures);
    check::<ImportLineView>(&mut failures);
    check::<ImportLineKind>(&mut failures);
    check::<ImportProgress>(&mut failures);
    check::<ImportSourceView>(&mut failures);
    check::<ImportColumn>(&mut failures);
    check::<rung::app::open_file::FileToOpen>(&mut failures);
    check::<FrameworkView>(&mut failures);
    check::<AboutView>(&mut failures);
    check::<BundledView>(&mut failures);
    check::<LicensesView>(&mut failures);
    check::<PackageLicenses>(&mut failures);
    check::<PackageLicense>(&mut failures);
    check::<LicenseText>(&mut failures);
    check::<GuideView>(&mut failures);
    check::<BandView>(&mut failures);
    check::<TrackSummary>(&mut failures);
    check::<RoleView>(&mut failures);
    check::<LevelRef>(&mut failures);
    check::<TermView>(&mut failures);
    check::<DiagnosticView>(&mut failures);
    check::<rung::Severity>(&mut failures);
    check::<rung::search::Filters>(&mut failures);
    check::<rung::search::Results>(&mut failures);
    check::<rung::search::Hit>(&mut failures);
    check::<rung::search::HitKind>(&mut failures);
    check::<LevelView>(&mut failures);
    check::<DimensionView>(&mut failures);
    check::<CompetencyView>(&mut failures);
    check::<ExpectationView>(&mut failures);
    check::<rung::compare::LevelDelta>(&mut failures);
    check::<rung::compare::BandComparison>(&mut failures);
    check::<rung::compare::VersionDiff>(&mut failures);
    check::<rung::compare::ExpectationRef>(&mut failures);
    check::<rung::compare::DiffKind>(&mut failures);
    check::<rung::compare::DiffPart>(&mut failures);
    check::<rung::compare::Stronger>(&mut failures);
    check::<rung::compare::CompetencyDelta>(&mut failures);
    check::<rung::compare::LevelHead>(&mut failures);
    check::<rung::compare::DimensionChange>(&mut failures);
    check::<rung::compare::DeltaCounts>(&mut failures);
    check::<rung::compare::BandColumn>(&mut failures);
    check::<rung::compare::BandRow>(&mut failures);
    check::<rung::compare::FrameworkHead>(&mut failures);
    check::<rung::compare::Reworded>(&mut failures);
    check::<rung::cases::view::CaseView>(&mut failures);
    check::<rung::cases::arrival::Arrived>(&mut failures);
    check::<rung::cases::view::CaseSummary>(&mut failures);
    check::<rung::cases::view::ExpectationHtml>(&mut failures);
    check::<rung::cases::view::CompetencyGuide>(&mut failures);
    check::<rung::framework::judging::AidsView>(&mut failures);
    check::<rung::cases::exchange::BlindHint>(&mut failures);
    check::<rung::cases::exchange::Place>(&mut failures);
    check::<rung::cases::Case>(&mut failures);
    check::<rung::cases::Reviewer>(&mut failures);
    check::<rung::cases::Review>(&mut failures);
    check::<rung::cases::Reveal>(&mut failures);
    check::<rung::cases::Period>(&mut failures);
    check::<rung::cases::Recalibration>(&mut failures);
    check::<rung::cases::Acknowledgement>(&mut failures);
    check::<rung::calibration::Selection>(&mut failures);
    check::<rung::calibration::Calibration>(&mut failures);
    check::<rung::calibration::Column>(&mut failures);
    check::<rung::calibration::Row>(&mut failures);
    check::<rung::calibration::Cell>(&mut failures);
    check::<rung::calibration::OtherRating>(&mut failures);
    check::<rung::calibration::Rater>(&mut failures);
    check::<rung::calibration::Strength>(&mut failures);
    check::<rung::calibration::Warning>(&mut failures);
    check::<rung::calibration::CellRef>(&mut failures);
    check::<rung::calibration::WarningKind>(&mut failures);
    check::<rung::calibration::Thresholds>(&mut failures);
    check::<rung::cases::Candidate>(&mut failures);
    check::<rung::cases::Pinned>(&mut failures);
    check::<rung::cases::names::Names>(&mut failures);
    check::<rung::cases::names::LevelName>(&mut failures);
    check::<rung::cases::ScaleStep>(&mut failures);
    check::<rung::cases::PinnedExpectation>(&mut failures);
    check::<rung::cases::Evidence>(&mut failures);
    check::<rung::cases::Reporter>(&mut failures);
    check::<rung::cases::Rating>(&mut failures);
    check::<rung::cases::SpecialistInput>(&mut failures);
    check::<rung::cases::Artefact>(&mut failures);
    check::<rung::cases::Confidence>(&mut failures);
    check::<rung::cases::Decision>(&mut failures);
    check::<rung::framework::rule::PromotionRule>(&mut failures);
    check::<rung::framework::rule::Threshold>(&mut failures);
    check::<rung::framework::rule::EvidenceRule>(&mut failures);
    check::<rung::framework::rule::Clause>(&mut failures);
    check::<rung::cases::rule::RuleStatus>(&mut failures);
    check::<rung::cases::rule::ClauseStatus>(&mut failures);
    check::<rung::cases::check::Coverage>(&mut failures);
    check::<rung::cases::check::Disagreement>(&mut failures);
    check::<rung::cases::check::Finding>(&mut failures);
    check::<rung::cases::check::Weakness>(&mut failures);
    check::<rung::cases::drift::Drift>(&mut failures);
    check::<rung::cases::drift::Drifted>(&mut failures);
    check::<rung::cases::self_assessment::RatingPair>(&mut failures);
    check::<rung::cases::specialist::View>(&mut failures);
    check::<rung::cases::specialist::OpenedRequest>(&mut failures);
    check::<rung::cases::specialist::RequestGuide>(&mut failures);
    check::<rung::cases::specialist::FilledAnswer>(&mut failures);
    check::<rung::cases::edit::Edit>(&mut failures);
    check::<rung::cases::store::HistoryEntry>(&mut failures);
    check::<rung::cases::trash::Trashed>(&mut failures);
    check::<rung::cases::backup::Backup>(&mut failures);
    check::<rung::cases::backup::BackupsView>(&mut failures);
    check::<rung::cases::restore::Restored>(&mut failures);
    check::<rung::cases::history::Change>(&mut failures);
    check::<rung::cases::drafts::Draft>(&mut failures);
    check::<rung::cases::create::NewCase>(&mut failures);
    check::<rung::cases::export::ExportFormat>(&mut failures);
    check::<rung::files::settings::LastView>(&mut failures);
    assert!(
        failures.is_empty(),
        "{}\nrun `RUNG_BLESS=1 cargo test --test bindings` and commit ui/src/bindings/",
        failures.join("\n")
    );
}

/// Every `@tauri-apps/*` import of the UI sits in `ui/src/ipc.ts`, the one door to the backend.
#[test]
fn only_ipc_ts_imports_tauri() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir)
            .expect("ui/src is readable")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("ts" | "svelte" | "js")
            ) {
                out.push(path);
            }
        }
    }
    let src = common::root().join("ui/src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    assert!(
        files.len() > 5,
        "the UI sources are where this test expects them"
    );
    let offenders: Vec<String> = files
        .iter()
        .filter(|p| !p.ends_with("ipc.ts"))
        .filter(|p| {
            std::fs::read_to_string(p)
                .unwrap_or_default()
                .contains("@tauri-apps/")
        })
        .map(|p| p.display().to_string())
        .collect();
    assert_eq!(offenders, Vec::<String>::new());
    let ipc = std::fs::read_to_string(src.join("ipc.ts")).expect("ui/src/ipc.ts");
    // Every command the shell declares (src-tauri/build.rs) has its wrapper.
    let build = std::fs::read_to_string(common::root().join("src-tauri/build.rs"))
        .expect("src-tauri/build.rs");
    let declared = build
        .split_once(".commands(&[")
        .and_then(|(_, rest)| rest.split_once("])"))
        .map(|(list, _)| list)
        .expect("build.rs declares the commands");
    let commands: Vec<&str> = declared
        .split(',')
        .map(|c| c.trim().trim_matches('"'))
        .filter(|c| !c.is_empty())
        .collect();
    assert!(commands.len() > 10, "{commands:?}");
    for command in commands {
        assert!(
            ipc.contains(&format!("'{command}'")),
            "ipc.ts has no wrapper for {command}"
        );
    }
}
