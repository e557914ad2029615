//! Encryption in transit in the real window: the person's public key on the cases page
//! and its Copy (through the shell's clipboard), a case exported encrypted to that key
//! (saved under a name in the same step) (the dialog that asks how to lock it, the file
//! ASCII-armored age, named .rungcase like a plain one), and a sealed case file imported
//! back: one sealed to the person's key opens at once, one sealed with a passphrase asks
//! for it, says so when it is wrong, and opens with the right one.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::calibration_seed;
use super::{click, count, launch, screenshot, type_into, wait_for, Display, Driver};

/// The one file in `dir` whose name ends in `suffix`, once the app has written it.
async fn written(dir: &Path, suffix: &str) -> PathBuf {
    let start = Instant::now();
    loop {
        let found = std::fs::read_dir(dir)
            .expect("the dialog folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().ends_with(suffix));
        if let Some(path) = found {
            return path;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "a file ending {suffix} is written in {}, which holds {:?}",
            dir.display(),
            std::fs::read_dir(dir)
                .map(|d| d
                    .filter_map(Result::ok)
                    .map(|e| e.file_name())
                    .collect::<Vec<_>>())
                .unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The case file `plain` as another case (a new id), sealed as `choice` says, where the
/// open dialog finds it.
fn hand_over(plain: &[u8], id: &str, choice: &rung::app::seal::SealChoice, to: &Path) {
    let mut case: serde_json::Value = serde_json::from_slice(plain).expect("a case file");
    case["case"]["id"] = serde_json::Value::String(id.to_owned());
    let text = serde_json::to_string_pretty(&case).expect("json");
    let (_, sealed) = choice.apply("case.json", &text).expect("sealed");
    std::fs::write(to, sealed).expect("the file to import");
}

pub(crate) async fn sealed_journey(display: &Display) {
    let config = tempfile::tempdir().expect("config folder");
    let data = config.path().join("data");
    let db = data.join("cases.db");
    let files = config.path().join("files");
    std::fs::create_dir_all(&files).expect("dialog folder");
    let seeded = calibration_seed::seed(&db);

    let driver = Driver::start(display, config.path());
    let client = launch(&driver, &[]).await;
    wait_for(&client, "#framework-name", |t| {
        t.contains("Rung default framework")
    })
    .await;
    click(&client, "#open-cases").await;
    wait_for(&client, "#cases-title", |t| t == "Promotion cases").await;

    // My key: made on first use in the data folder, readable by its owner only.
    click(&client, "#open-key").await;
    let key = wait_for(&client, "#my-key", |t| t.starts_with("age1")).await;
    assert_eq!(key.trim().len(), 62, "{key}");
    assert_eq!(
        rung::files::keys::public(&data).expect("the key file"),
        key.trim()
    );
    #[cfg(unix)]
    assert_eq!(
        rung::files::private::mode(&rung::files::keys::path(&data)).expect("mode"),
        0o600
    );
    // Copy writes the key to the system clipboard, and says so only then.
    click(&client, "#copy-key").await;
    wait_for(&client, "#copy-key", |t| t == "Copied").await;
    screenshot(&client, "sealed-key-panel.png").await;

    // The case exported as JSON, encrypted to my own key.
    click(
        &client,
        &format!("tr[data-case=\"{}\"] .case-open", seeded.engineer),
    )
    .await;
    wait_for(&client, "#case-title", |t| t.contains("Ana Lima")).await;
    click(&client, "input[type=radio][value=json]").await;
    click(&client, "#export-case").await;
    wait_for(&client, "#seal-title", |t| t == "Export the case").await;
    type_into(&client, "#seal-keys", key.trim()).await;
    type_into(&client, ".seal-save-as input", "Myself").await;
    screenshot(&client, "sealed-export-dialog.png").await;
    click(&client, "#seal-encrypt").await;
    wait_for(&client, "#notice", |t| t.contains("Exported to")).await;
    // The key typed was saved under the name given, in the private address book.
    let book = rung::files::recipients::load(&data).expect("the address book");
    assert_eq!(book.names(), vec!["Myself".to_owned()]);
    #[cfg(unix)]
    assert_eq!(
        rung::files::private::mode(&rung::files::recipients::path(&data)).expect("mode"),
        0o600
    );
    let sealed = written(&files, "-blind.rungcase").await;
    let bytes = std::fs::read(&sealed).expect("the sealed file");
    assert!(
        bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"),
        "{}",
        sealed.display()
    );
    #[cfg(unix)]
    assert_eq!(rung::files::private::mode(&sealed).expect("mode"), 0o600);
    let unlock = rung::files::seal::Unlock::nothing().with_key_in(&data);
    let plain = rung::files::seal::open(&bytes, &unlock, 64 << 20).expect("opens with my key");
    assert!(!plain.is_empty());

    // The next export offers the saved person by name, already ticked.
    click(&client, "#export-case").await;
    let people = wait_for(&client, "#seal-people", |_| true).await;
    assert!(people.contains("Myself"), "{people}");
    assert_eq!(
        count(&client, "#seal-people input[type=checkbox]:checked").await,
        1
    );
    screenshot(&client, "sealed-saved-people.png").await;
    click(&client, "#seal-cancel").await;
    wait_for(&client, "#case-title", |t| t.contains("Ana Lima")).await;

    // Sealed to my key, it is imported without a question.
    let open = files.join("open.json");
    let mine = rung::app::seal::SealChoice {
        to: vec![key.trim().to_owned()],
        ..Default::default()
    };
    hand_over(&plain, "sealed-copy-1", &mine, &open);
    click(&client, "#back-cases").await;
    wait_for(&client, "#cases-title", |t| t == "Promotion cases").await;
    click(&client, "#import-case").await;
    wait_for(&client, "#case-title", |t| !t.is_empty()).await;
    assert_eq!(
        super::count(&client, ".seal-dialog").await,
        0,
        "no passphrase asked"
    );

    // Sealed with a passphrase, it is asked for, a wrong one is said, the right one opens.
    let passphrase = rung::app::seal::SealChoice {
        passphrase: Some("our committee".into()),
        ..Default::default()
    };
    hand_over(&plain, "sealed-copy-2", &passphrase, &open);
    click(&client, "#back-cases").await;
    wait_for(&client, "#cases-title", |t| t == "Promotion cases").await;
    click(&client, "#import-case").await;
    wait_for(&client, "#passphrase-message", |t| {
        t.contains("encrypted with a passphrase")
    })
    .await;
    type_into(&client, "#passphrase-input", "not it at all").await;
    click(&client, "#passphrase-open").await;
    wait_for(&client, "#passphrase-message", |t| {
        t == "That passphrase does not open this file. Check it and try again."
    })
    .await;
    screenshot(&client, "sealed-passphrase-wrong.png").await;
    type_into(&client, "#passphrase-input", "our committee").await;
    click(&client, "#passphrase-open").await;
    wait_for(&client, "#case-title", |t| !t.is_empty()).await;
    assert_eq!(super::count(&client, ".seal-dialog").await, 0);
    let store = rung::cases::store::Store::open(&db).expect("the database");
    assert!(store.get("sealed-copy-1").is_ok(), "the key-sealed copy");
    assert!(store.get("sealed-copy-2").is_ok(), "the passphrase copy");
    client.close().await.expect("close");
}
