//! Calibration in the real window: one engineering STO's three candidates on band 4 (an
//! engineer, a designer and a product manager), a committee member's ratings taken into
//! one of them, the grid shown blind with the warnings the test data raises on purpose,
//! one rating changed in calibration with its reason, and a blind packet exported that
//! names no one.

use std::path::Path;

use super::calibration_seed::{self, NAMES};
use super::{
    click, count, launch, save_plain, screenshot, type_into, wait_count, wait_for, Display, Driver,
};

/// The visible text of the whole page.
async fn page_text(client: &fantoccini::Client) -> String {
    client
        .execute("return document.body.innerText;", vec![])
        .await
        .expect("the page's text")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

pub(crate) async fn calibration_journey(display: &Display) {
    let config = tempfile::tempdir().expect("config folder");
    let db = config.path().join("data").join("cases.db");
    let files = config.path().join("files");
    std::fs::create_dir_all(&files).expect("dialog folder");
    let seeded = calibration_seed::seed(&db);
    // The reviewer's rated copy is what the open dialog hands the app.
    calibration_seed::review_file(&db, &seeded.manager, &files.join("open.json"));

    let driver = Driver::start(display, config.path());
    let client = launch(&driver, &[]).await;
    wait_for(&client, "#framework-name", |t| {
        t.contains("Rung default framework")
    })
    .await;
    click(&client, "#open-cases").await;
    wait_for(&client, "#cases-title", |t| t == "Promotion cases").await;

    // The committee member's side: their copy opens on a page of its own, which shows
    // the evidence and no one else's rating or reason.
    click(&client, "#review-case").await;
    let title = wait_for(&client, "#review-title", |_| true).await;
    assert!(
        title.contains("Lena Park") || title.contains("Candidate 3"),
        "{title}"
    );
    let text = page_text(&client).await;
    assert!(
        text.contains("Ran the pricing discovery's interview round 1"),
        "the evidence is there"
    );
    assert!(
        !text.contains("A natural leader"),
        "the owner's reasons are not in a reviewer's copy"
    );
    screenshot(&client, "calibration-reviewer-page.png").await;
    click(&client, "#back-cases").await;
    wait_for(&client, "#cases-title", |t| t == "Promotion cases").await;

    // A committee member's ratings, taken into the product manager's case.
    click(
        &client,
        &format!("tr[data-case=\"{}\"] .case-open", seeded.manager),
    )
    .await;
    wait_for(&client, "#case-title", |t| t.contains("Lena Park")).await;
    click(&client, "#import-review").await;
    let reviewer = wait_for(&client, "th[data-reviewer=\"Kofi Mensah\"]", |_| true).await;
    assert!(reviewer.contains("Kofi Mensah"), "{reviewer}");
    wait_count(&client, "td.differ[data-reviewer=\"Kofi Mensah\"]", 5).await;
    screenshot(&client, "calibration-review-imported.png").await;

    // The grid of the three, blind: aliases, no candidate's, owner's or reviewer's name.
    click(&client, "#back-cases").await;
    wait_for(&client, "#cases-title", |t| t == "Promotion cases").await;
    click(&client, "#open-calibrate").await;
    wait_for(&client, "#calibrate-title", |_| true).await;
    let start = std::time::Instant::now();
    while count(&client, "th[data-case]").await < 3 {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "three cases side by side"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let text = page_text(&client).await;
    for name in NAMES.iter().chain(&["Kofi Mensah"]) {
        assert!(!text.contains(name), "the blind grid shows {name}");
    }
    for alias in ["Candidate 1", "Candidate 2", "Candidate 3"] {
        assert!(text.contains(alias), "the grid shows {alias}");
    }

    // At least four different warnings, raised on purpose by the test data, each visible.
    client
        .execute(
            "document.querySelectorAll('details.cal-kind-group').forEach(d => d.open = true); return null;",
            vec![],
        )
        .await
        .expect("open every kind of warning");
    let kinds = [
        "unequal-evidence",
        "high-on-weak",
        "judges-person",
        "recency",
        "leniency",
        "specialist-departed",
    ];
    for kind in kinds {
        let css = format!("li.cal-warning[data-kind=\"{kind}\"] .cal-warning-sentence");
        let shown = client
            .find(fantoccini::Locator::Css(&css))
            .await
            .unwrap_or_else(|_| panic!("a {kind} warning"))
            .is_displayed()
            .await
            .unwrap_or(false);
        assert!(shown, "the {kind} warning is visible");
    }
    // The recency warning is the engineer's, whose evidence is mostly from June.
    wait_count(
        &client,
        &format!(
            "li.cal-warning[data-kind=\"recency\"][data-key*=\"{}\"]",
            seeded.engineer
        ),
        1,
    )
    .await;
    screenshot(&client, "calibration-grid.png").await;

    // A warning takes you to its cells.
    click(
        &client,
        "li.cal-warning[data-kind=\"specialist-departed\"] .cal-warning-sentence",
    )
    .await;
    wait_count(&client, ".cal-cell.flagged", 1).await;
    screenshot(&client, "calibration-warning-cells.png").await;

    // One rating changed in calibration, with its reason: the designer's craft rating,
    // which rested on their own word only.
    let store = rung::cases::store::Store::open(&db).expect("the database");
    let designer = store.get(&seeded.designer).expect("the designer's case");
    let (craft, _) = designer
        .case
        .ratings
        .iter()
        .find(|(_, r)| r.rating == "beyond")
        .expect("the craft rating");
    let cell = format!(
        ".cal-cell[data-case=\"{}\"][data-expectation=\"{craft}\"]",
        seeded.designer
    );
    click(&client, &cell).await;
    client
        .execute(
            &format!(
                "const c = document.querySelector('{}'); c.focus(); c.dispatchEvent(new KeyboardEvent('keydown', {{key: 'Enter', bubbles: true}})); return null;",
                cell.replace('\'', "\\'")
            ),
            vec![],
        )
        .await
        .expect("Enter on the cell");
    wait_count(&client, ".cal-change-form", 1).await;
    super::choose(&client, ".cal-change-form select[name=rating]", "emerging").await;
    type_into(
        &client,
        ".cal-change-form textarea[name=reason]",
        "The specialist found error and empty states missing; only the candidate's own account says otherwise",
    )
    .await;
    click(&client, ".cal-change-form button[type=submit]").await;
    wait_count(&client, &format!("{cell} .cal-before"), 1).await;
    screenshot(&client, "calibration-changed.png").await;
    let changed = rung::cases::store::Store::open(&db)
        .and_then(|s| s.get(&seeded.designer))
        .expect("the designer's case");
    assert_eq!(changed.case.recalibrations.len(), 1);
    assert_eq!(changed.case.ratings[craft].rating, "emerging");

    // The evidence behind a cell is in its case, whose page shows the name: opened from
    // the blind grid only once agreed, and recorded in that case's history alone.
    click(&client, &format!("{cell} .cal-evidence")).await;
    click(&client, "#cal-open-confirm").await;
    wait_for(&client, "#case-title", |t| t.contains("Rui Costa")).await;
    let revealed = |id: &str| {
        rung::cases::store::Store::open(&db)
            .and_then(|s| s.get(id))
            .map(|s| s.case.reveals.len())
            .expect("a case")
    };
    assert_eq!(revealed(&seeded.designer), 1);
    assert_eq!(revealed(&seeded.engineer), 0);
    click(&client, "#back-calibrate").await;
    wait_for(&client, "#calibrate-title", |_| true).await;
    wait_count(&client, "th[data-case]", 3).await;
    let text = page_text(&client).await;
    assert!(!text.contains("Rui Costa"), "the grid is still blind");

    // The blind packet for the committee names no one.
    click(&client, "#cal-packet").await;
    save_plain(&client).await;
    let packet = files.join("calibration-packet.html");
    let start = std::time::Instant::now();
    while !packet.exists() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "the packet is written"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let html = std::fs::read_to_string(&packet).expect("the packet");
    for name in NAMES.iter().chain(&["Kofi Mensah", "Dana Smith"]) {
        assert!(!html.contains(name), "the packet names {name}");
    }
    assert!(html.contains("Candidate 2"), "the packet shows the aliases");
    assert!(!html.contains("<script"), "the packet runs nothing");
    save_packet_copy(&packet);
    client.close().await.expect("close");
}

/// Keeps the packet beside the screenshots, to open in a browser and look at.
fn save_packet_copy(packet: &Path) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("target")
        .join("e2e-screenshots");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::copy(packet, dir.join("calibration-packet.html"));
}
