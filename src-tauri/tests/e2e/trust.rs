//! Trusting the case database in the real window: the app started on a damaged
//! `cases.db` says so, names where the untouched file is and the latest backup, and
//! "Restore the latest backup" brings the cases back while the damaged file stays,
//! byte for byte, under a new name; "Backups…" lists the copies and restores an older
//! one after asking; a case deleted from its page goes to the trash, shows there with
//! the days it has left, and comes back with the deletion and the restoration in its
//! history.

use std::path::{Path, PathBuf};

use rung::cases::backup::{self, Reason};
use rung::cases::create::{self, NewCase};
use rung::cases::store::Store;

use super::{click, count, launch, screenshot, wait_count, wait_for, Display, Driver};

const AT: &str = "2026-11-02T09:00:00Z";
/// When the two backups were made: 2026-11-10 and 2026-11-20, 08:00 UTC.
const OLDER: u64 = 1_794_297_600;
const NEWER: u64 = 1_795_161_600;

fn start(store: &mut Store, name: &str, alias: &str, from: &str, to: &str) -> String {
    let loaded = rung::load_bundled();
    let hash = rung::framework::hash::content_hash(&loaded);
    let framework = loaded.framework;
    let new = NewCase {
        id: None,
        name: name.into(),
        alias: alias.into(),
        track: "engineering".into(),
        from: from.into(),
        to: to.into(),
        self_assessment: false,
        owner_craft: Some("engineering".into()),
        owner: Some("Sam Okafor".into()),
        period: None,
    };
    create::create(store, &framework, &new, &hash, None, AT)
        .expect("the case starts")
        .case
        .id
}

/// The case ids: two in the older backup, a third only in the newer one.
struct Seeded {
    first: String,
    second: String,
    third: String,
}

/// Writes three cases into `db` with a backup after the second and after the third.
fn seed(db: &Path) -> Seeded {
    std::fs::create_dir_all(db.parent().expect("a folder")).expect("data folder");
    let dir = backup::folder(db);
    let mut store = Store::open(db).expect("the case database opens");
    let first = start(&mut store, "Ines Duarte", "Candidate A", "e2", "e3");
    let second = start(&mut store, "Tomas Berg", "Candidate B", "e3", "e4");
    backup::backup(db, &dir, &Reason::Manual, OLDER).expect("the older backup");
    let third = start(&mut store, "Priya Nair", "Candidate C", "e3", "e4");
    backup::backup(db, &dir, &Reason::Manual, NEWER).expect("the newer backup");
    drop(store);
    Seeded {
        first,
        second,
        third,
    }
}

/// Writes garbage over the first 100 bytes of `db`, the SQLite header; returns the bytes
/// of the damaged file.
fn damage(db: &Path) -> Vec<u8> {
    for log in ["cases.db-wal", "cases.db-shm"] {
        let path = db.with_file_name(log);
        assert!(
            std::fs::metadata(&path).map_or(true, |m| m.len() == 0),
            "{} is empty once the store is closed",
            path.display()
        );
        let _ = std::fs::remove_file(path);
    }
    let mut bytes = std::fs::read(db).expect("the database");
    for (i, b) in bytes.iter_mut().take(100).enumerate() {
        *b = b"this is not what SQLite wrote here "[i % 35];
    }
    std::fs::write(db, &bytes).expect("the damaged database");
    bytes
}

/// The files in `folder` whose name starts with `prefix`.
fn named(folder: &Path, prefix: &str) -> Vec<PathBuf> {
    std::fs::read_dir(folder)
        .expect("the data folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .collect()
}

fn row(id: &str) -> String {
    format!("tr[data-case=\"{id}\"]")
}

pub(crate) async fn trust_journey(display: &Display) {
    let config = tempfile::tempdir().expect("config folder");
    let data = config.path().join("data");
    let db = data.join("cases.db");
    let seeded = seed(&db);
    let damaged = damage(&db);

    let driver = Driver::start(display, config.path());
    let client = launch(&driver, &[]).await;
    wait_for(&client, "#framework-name", |t| {
        t.contains("Rung default framework")
    })
    .await;

    // 1. The damaged database: said in place, with where the file is and the latest backup.
    click(&client, "#open-cases").await;
    wait_for(&client, "#cases-title", |t| t == "Promotion cases").await;
    let message = wait_for(&client, "#cases-damaged", |_| true).await;
    assert!(
        message.contains("The case database is damaged"),
        "{message}"
    );
    assert!(
        message.contains(&db.display().to_string()),
        "the message names where the untouched file is: {message}"
    );
    assert!(
        message.contains("The latest backup is from 20 Nov 2026, 08:00 UTC, with 3 cases."),
        "{message}"
    );
    // Said once, in place: not again as a bare "could not read the cases", nor in the banner.
    assert_eq!(count(&client, "#cases-failed").await, 0);
    assert_eq!(count(&client, ".banner").await, 0);
    screenshot(&client, "trust-damaged.png").await;
    click(&client, "#cases-damaged button.restore").await;
    let asks = wait_for(&client, "#cases-damaged .confirm", |_| true).await;
    assert!(asks.contains("moved aside under a new name"), "{asks}");
    click(&client, "#cases-damaged .restore-confirm").await;
    let note = wait_for(&client, "#backup-restored", |_| true).await;
    for id in [&seeded.first, &seeded.second, &seeded.third] {
        wait_count(&client, &row(id), 1).await;
    }
    assert_eq!(count(&client, "#cases-damaged").await, 0);
    let aside = named(&data, "cases.damaged-");
    assert_eq!(aside.len(), 1, "one damaged file moved aside: {aside:?}");
    assert!(
        note.contains("3 cases") && note.contains(&aside[0].display().to_string()),
        "the note says what came back and where the damaged file went: {note}"
    );
    assert!(
        std::fs::read(&aside[0]).expect("the damaged file") == damaged,
        "the damaged file is kept byte for byte"
    );
    screenshot(&client, "trust-restored.png").await;
    // The note floats over the list until it is dismissed.
    click(&client, "#backup-restored button").await;
    wait_count(&client, "#backup-restored", 0).await;

    // 2. "Backups…": the copies listed; the older one restored after asking.
    click(&client, "#open-backups").await;
    wait_count(&client, "#backups .backup-list li", 2).await;
    let listed = wait_for(&client, "#backups .backup-list", |_| true).await;
    assert!(
        listed.contains("20 Nov 2026, 08:00 UTC") && listed.contains("made by hand, 3 cases"),
        "{listed}"
    );
    assert!(
        listed.contains("10 Nov 2026, 08:00 UTC") && listed.contains("made by hand, 2 cases"),
        "{listed}"
    );
    screenshot(&client, "trust-backups.png").await;
    click(
        &client,
        "#backups .backup-list li:last-child button.restore",
    )
    .await;
    let asks = wait_for(&client, "#backups .confirm", |_| true).await;
    assert!(
        asks.contains("Restore the backup of 10 Nov 2026, 08:00 UTC (2 cases)?"),
        "{asks}"
    );
    // Nothing changes until the restore is confirmed.
    assert_eq!(count(&client, &row(&seeded.third)).await, 1);
    click(&client, "#backups .restore-confirm").await;
    wait_for(&client, "#backup-restored", |t| {
        t.starts_with("Restored the backup of 10 Nov 2026")
    })
    .await;
    click(&client, "#backup-restored button").await;
    wait_count(&client, "#backup-restored", 0).await;
    wait_count(&client, &row(&seeded.third), 0).await;
    wait_count(&client, &row(&seeded.first), 1).await;
    wait_count(&client, &row(&seeded.second), 1).await;
    // The cases it replaced are a backup of their own now.
    wait_count(&client, "#backups .backup-list li", 3).await;
    assert_eq!(named(&backup::folder(&db), "cases-").len(), 3);
    click(&client, "#open-backups").await;

    // 3. The trash: deleted from its page, listed with its days left, restored.
    click(&client, &format!("{} .case-open", row(&seeded.second))).await;
    wait_for(&client, "#case-title", |t| t.contains("Tomas Berg")).await;
    click(&client, "#case-delete").await;
    wait_for(&client, "#case-delete-title", |t| {
        t.contains("Move to the trash?")
    })
    .await;
    click(&client, "#case-delete-confirm").await;
    wait_for(&client, "#cases-title", |t| t == "Promotion cases").await;
    wait_count(&client, &row(&seeded.first), 1).await;
    wait_count(&client, &row(&seeded.second), 0).await;
    click(&client, "#open-trash").await;
    let trashed = format!("#trash tr[data-trashed=\"{}\"]", seeded.second);
    let line = wait_for(&client, &trashed, |_| true).await;
    assert!(
        line.contains("Tomas Berg")
            && line.contains("Software Engineer → Senior Software Engineer (band 4)")
            && line.contains("(30 days left)"),
        "{line}"
    );
    client
        .execute(
            "document.getElementById('trash').scrollIntoView({block: 'center'}); return null;",
            vec![],
        )
        .await
        .expect("scroll to the trash");
    screenshot(&client, "trust-trash.png").await;
    click(&client, &format!("{trashed} .trash-restore")).await;
    wait_count(&client, &trashed, 0).await;
    wait_for(&client, "#trash-empty", |t| t == "The trash is empty.").await;
    wait_count(&client, &row(&seeded.second), 1).await;
    click(&client, &format!("{} .case-open", row(&seeded.second))).await;
    wait_for(&client, "#case-title", |t| t.contains("Tomas Berg")).await;
    click(&client, "#toggle-history").await;
    let history = wait_for(&client, "#case-history", |t| {
        t.contains("Restored from the trash")
    })
    .await;
    let restored = history
        .find("Restored from the trash")
        .expect("the restoration");
    let deleted = history
        .find("Deleted (moved to the trash)")
        .unwrap_or_else(|| panic!("the deletion is in the history: {history}"));
    assert!(
        restored < deleted,
        "newest first, the restoration above the deletion: {history}"
    );
    client
        .execute(
            "document.getElementById('case-history').scrollIntoView({block: 'center'}); return null;",
            vec![],
        )
        .await
        .expect("scroll to the history");
    screenshot(&client, "trust-history.png").await;
    client.close().await.expect("close");
}
