//! A case file double-clicked: Rung started with a `.rungcase` file on its command line
//! opens the case import on it and shows the case; with Rung open, a second launch with
//! another `.rungcase` file hands it over through the single-instance plugin (D-Bus, on a
//! session bus of the test's own: the other journeys run without one, so that each of
//! their launches is an app of its own) and exits, and the open window imports it. A
//! reviewer's rated copy of a case the app holds is taken into that case; a reviewer's
//! copy of a case it does not hold opens to be rated.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rung::cases::export::{export, ExportFormat};
use rung::cases::review::{file_name, for_reviewer};
use rung::cases::store::Store;
use rung::cases::{Rating, Reviewer};

use super::calibration_seed;
use super::{launch, screenshot, wait_for, Display, Driver};

/// A D-Bus session bus for the test alone; stopped when dropped.
struct SessionBus {
    daemon: Child,
    address: String,
}

impl SessionBus {
    fn start() -> SessionBus {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon starts (scripts/setup.sh installs the dbus-daemon package)");
        let mut address = String::new();
        let stdout = daemon.stdout.take().expect("the daemon's output");
        BufReader::new(stdout)
            .read_line(&mut address)
            .expect("the bus's address");
        SessionBus {
            daemon,
            address: address.trim().to_owned(),
        }
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// The case `id` of the database `db` written as a colleague's export would be, in
/// `dir`: the same core call as `rung case export ID --out FILE`, named as it names it.
fn exported(db: &Path, id: &str, dir: &Path) -> PathBuf {
    let case = Store::open(db)
        .and_then(|store| store.get(id))
        .expect("the seeded case")
        .case;
    let file = export(&case, None, ExportFormat::Json, false);
    assert!(file.file_name.ends_with(".rungcase"), "{}", file.file_name);
    let path = dir.join(file.file_name);
    std::fs::write(&path, file.text).expect("the case file");
    path
}

/// A reviewer's copy of case `id` of the database `db` for Kofi Mensah, in `dir`, with
/// its first expectation rated when `rated`: what `rung case review-export` writes, and
/// what the reviewer's Rung saves once rated.
fn reviewers_copy(db: &Path, id: &str, dir: &Path, rated: bool) -> PathBuf {
    let case = Store::open(db)
        .and_then(|store| store.get(id))
        .expect("the seeded case")
        .case;
    let reviewer = Reviewer {
        name: "Kofi Mensah".into(),
        craft: "engineering".into(),
    };
    let mut copy = for_reviewer(&case, &reviewer).expect("a reviewer's copy");
    if rated {
        let first = copy.expectations[0].id.clone();
        let rating = copy
            .framework
            .scale
            .first()
            .map_or_else(|| "meets".to_owned(), |r| r.id.clone());
        copy.ratings.insert(
            first,
            Rating {
                rating,
                reason: "Led the migration's design review.".into(),
            },
        );
    }
    let path = dir.join(file_name(&copy));
    std::fs::write(&path, rung::cases::exchange::to_json(&copy)).expect("the copy");
    path
}

/// Rung started again with `file` while it is open: the launch hands the file over and
/// exits.
async fn hand_over(display: &Display, bus: &SessionBus, config: &Path, file: &Path) {
    let mut again = Command::new(env!("CARGO_BIN_EXE_rung-app"))
        .arg(file)
        .env("DISPLAY", &display.name)
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .env("RUNG_CONFIG_DIR", config)
        .env("RUNG_DATA_DIR", config.join("data"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("a second launch");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = again.try_wait().expect("the second launch's status") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = again.kill();
            panic!("the second launch did not hand its file over and exit");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success(), "the second launch exited with {status}");
}

pub(crate) async fn open_file_journey(display: &Display) {
    let config = tempfile::tempdir().expect("config folder");
    let colleague = tempfile::tempdir().expect("a colleague's folder");
    let seeded = calibration_seed::seed(&colleague.path().join("cases.db"));
    let db = colleague.path().join("cases.db");
    let first = exported(&db, &seeded.engineer, colleague.path());
    let second = exported(&db, &seeded.designer, colleague.path());

    let bus = SessionBus::start();
    let driver = Driver::start_with(
        display,
        config.path(),
        &[("DBUS_SESSION_BUS_ADDRESS", bus.address.as_str())],
    );

    // Started with a case file: its import runs at once, and the case opens.
    let client = launch(&driver, &[&first.to_string_lossy()]).await;
    wait_for(&client, "#case-title", |t| t.contains("Ana Lima")).await;
    let notice = wait_for(&client, "#notice", |t| t.contains("Imported")).await;
    assert!(
        notice.contains(&format!(
            "Imported the case file {}",
            first.file_name().unwrap_or_default().to_string_lossy()
        )),
        "{notice}"
    );
    screenshot(&client, "open-rungcase.png").await;
    let stored = Store::open(&config.path().join("data/cases.db"))
        .and_then(|store| store.get(&seeded.engineer))
        .expect("the case was imported into the app's database");
    assert_eq!(stored.case.candidate.name, "Ana Lima");

    // Rung open: a second launch hands its file over and exits; the window imports it.
    hand_over(display, &bus, config.path(), &second).await;
    wait_for(&client, "#case-title", |t| t.contains("Rui Costa")).await;
    wait_for(&client, "#notice", |t| {
        t.contains(&format!(
            "Imported the case file {}",
            second.file_name().unwrap_or_default().to_string_lossy()
        ))
    })
    .await;
    screenshot(&client, "open-rungcase-second.png").await;

    // The reviewer's rated copy of the first case, come back: taken into that case.
    let review = reviewers_copy(&db, &seeded.engineer, colleague.path(), true);
    hand_over(display, &bus, config.path(), &review).await;
    wait_for(&client, "#case-title", |t| t.contains("Ana Lima")).await;
    let notice = wait_for(&client, "#notice", |t| t.contains("review")).await;
    assert!(notice.contains("Took Kofi Mensah's review"), "{notice}");
    screenshot(&client, "open-rungcase-review.png").await;
    let reviews = Store::open(&config.path().join("data/cases.db"))
        .and_then(|store| store.get(&seeded.engineer))
        .expect("the case")
        .case
        .reviews;
    assert_eq!(reviews.len(), 1, "{reviews:?}");

    // A copy of a case this computer does not hold reached its reviewer: to rate here.
    let to_rate = reviewers_copy(&db, &seeded.manager, colleague.path(), false);
    hand_over(display, &bus, config.path(), &to_rate).await;
    let title = wait_for(&client, "#review-title", |t| t.contains("Your review of")).await;
    assert!(!title.is_empty());
    wait_for(&client, "#notice", |t| {
        t.contains("copy of a case for you to review")
    })
    .await;
    screenshot(&client, "open-rungcase-to-rate.png").await;
    let held = Store::open(&config.path().join("data/cases.db"))
        .and_then(|store| store.list())
        .expect("the cases")
        .len();
    assert_eq!(held, 2, "a copy to rate is not stored as a case");
    client.close().await.expect("close");
}
