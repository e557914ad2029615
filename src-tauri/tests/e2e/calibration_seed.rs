//! The cases the calibration journey opens: three candidates on band 4 (an engineer, a
//! designer and a product manager) prepared by one engineering STO in the first half of
//! 2026, written straight into the app's case database with the core's own calls, so
//! that each raises on purpose one of the warnings a committee should see.

use std::collections::BTreeMap;
use std::path::Path;

use rung::cases::create::{self, NewCase};
use rung::cases::edit::{self, Edit};
use rung::cases::store::Store;
use rung::cases::{Case, Period, Rating, Reporter, Reviewer};

/// The names the blind grid and packet must never show.
pub(crate) const NAMES: [&str; 4] = ["Ana Lima", "Rui Costa", "Lena Park", "Maya Rossi"];

/// The case ids of the three cases, in the order they were started.
pub(crate) struct Seeded {
    pub(crate) engineer: String,
    pub(crate) designer: String,
    pub(crate) manager: String,
}

const AT: &str = "2026-07-01T09:00:00Z";

fn start(store: &mut Store, name: &str, alias: &str, track: &str, from: &str, to: &str) -> Case {
    let framework = rung::load_bundled().framework;
    let new = NewCase {
        id: None,
        name: name.into(),
        alias: alias.into(),
        track: track.into(),
        from: from.into(),
        to: to.into(),
        self_assessment: false,
        owner_craft: Some("engineering".into()),
        owner: Some("Maya Rossi".into()),
        period: Some(Period {
            from: "2026-01-01".into(),
            to: "2026-06-30".into(),
        }),
    };
    create::create(store, &framework, &new, "e2e", None, AT)
        .expect("the case starts")
        .case
}

fn apply(store: &mut Store, id: &str, edit: Edit) {
    store
        .update(id, AT, |case| edit::apply(case, edit).map_err(Into::into))
        .expect("the edit applies");
}

fn evidence(store: &mut Store, id: &str, what: &str, when: &str, by: Reporter, on: &str) {
    apply(
        store,
        id,
        Edit::AddEvidence {
            what: what.into(),
            when: when.into(),
            outcome: "Shipped, and the team's error rate fell by a third".into(),
            link: None,
            reported_by: by,
            expectations: vec![on.into()],
        },
    );
}

fn rate(store: &mut Store, id: &str, on: &str, rating: &str, reason: &str) {
    apply(
        store,
        id,
        Edit::Rate {
            expectation: on.into(),
            rating: rating.into(),
            reason: reason.into(),
        },
    );
}

/// The first expectation of `case` in competency `competency`, else its `nth`.
fn in_competency(case: &Case, competency: &str, nth: usize) -> String {
    case.expectations
        .iter()
        .filter(|e| e.competency == competency)
        .nth(nth)
        .map(|e| e.id.clone())
        .unwrap_or_else(|| panic!("{} has {competency} expectations", case.id))
}

/// Writes the three cases into `db`; returns their ids.
pub(crate) fn seed(db: &Path) -> Seeded {
    std::fs::create_dir_all(db.parent().expect("a folder")).expect("data folder");
    let mut store = Store::open(db).expect("the case database opens");
    let eng = start(
        &mut store,
        "Ana Lima",
        "Candidate 1",
        "engineering",
        "e3",
        "e4",
    );
    let des = start(
        &mut store,
        "Rui Costa",
        "Candidate 2",
        "product-designer",
        "d2",
        "d3",
    );
    let pm = start(
        &mut store,
        "Lena Park",
        "Candidate 3",
        "product-manager",
        "p2",
        "p3",
    );

    // The engineer: delivery rated "meets" on corroborated evidence; most evidence dated
    // in the last weeks of the period (recency).
    let eng_delivery = in_competency(&eng, "delivery", 0);
    evidence(
        &mut store,
        &eng.id,
        "Led the billing migration to the new ledger",
        "2026-03",
        Reporter::Peer,
        &eng_delivery,
    );
    evidence(
        &mut store,
        &eng.id,
        "Planned the migration's cut-over with support",
        "2026-04",
        Reporter::Owner,
        &eng_delivery,
    );
    rate(
        &mut store,
        &eng.id,
        &eng_delivery,
        "meets",
        "Two colleagues confirm the migration ran to plan",
    );
    for (n, on) in eng
        .expectations
        .iter()
        .filter(|e| e.competency == "engineering-craft")
        .take(4)
        .enumerate()
    {
        let what = format!("Shipped the June release's part {}", n + 1);
        evidence(
            &mut store,
            &eng.id,
            &what,
            "2026-06-20",
            Reporter::Owner,
            &on.id,
        );
        rate(
            &mut store,
            &eng.id,
            &on.id,
            "meets",
            "Reviewed the June release's changes myself",
        );
    }

    // The designer: delivery rated "meets" on one item of their own (the same rating on
    // unequal evidence); a craft expectation rated "beyond" on their own word only, where
    // a senior designer rated it lower and the owner gave no reason for differing.
    let des_delivery = in_competency(&des, "delivery", 0);
    evidence(
        &mut store,
        &des.id,
        "Says they delivered the onboarding redesign",
        "2026-02",
        Reporter::Candidate,
        &des_delivery,
    );
    rate(
        &mut store,
        &des.id,
        &des_delivery,
        "meets",
        "Delivered the onboarding redesign",
    );
    let des_craft = in_competency(&des, "design-craft", 0);
    evidence(
        &mut store,
        &des.id,
        "Describes the checkout flow's new layouts",
        "2026-03",
        Reporter::Candidate,
        &des_craft,
    );
    rate(
        &mut store,
        &des.id,
        &des_craft,
        "beyond",
        "The layouts look very polished to me",
    );
    let mut ratings = BTreeMap::new();
    ratings.insert(
        des_craft.clone(),
        Rating {
            rating: "emerging".into(),
            reason: "States are missing for errors and empty lists".into(),
        },
    );
    apply(
        &mut store,
        &des.id,
        Edit::AddSpecialist {
            who: "Dana Smith".into(),
            craft: "design".into(),
            level: "d4".into(),
            said: String::new(),
            expectations: vec![des_craft.clone()],
            reviewed: Vec::new(),
            ratings,
            confidence: None,
            conflict: String::new(),
        },
    );

    // The product manager: reasons that judge the person rather than the work, and a
    // reviewer (imported in the journey) who rates well below the owner.
    for (n, on) in pm.expectations.iter().take(5).enumerate() {
        let what = format!("Ran the pricing discovery's interview round {}", n + 1);
        evidence(&mut store, &pm.id, &what, "2026-03", Reporter::Peer, &on.id);
        rate(
            &mut store,
            &pm.id,
            &on.id,
            "beyond",
            "A natural leader with high potential, exceptional and brilliant in every meeting",
        );
    }
    Seeded {
        engineer: eng.id,
        designer: des.id,
        manager: pm.id,
    }
}

/// The product manager's case as the reviewer hands it back: their copy, rated lower.
pub(crate) fn review_file(db: &Path, case: &str, to: &Path) {
    let store = Store::open(db).expect("the case database opens");
    let stored = store.get(case).expect("the case");
    let reviewer = Reviewer {
        name: "Kofi Mensah".into(),
        craft: "product".into(),
    };
    let mut copy = rung::cases::review::for_reviewer(&stored.case, &reviewer).expect("a copy");
    for e in stored.case.expectations.iter().take(5) {
        copy.ratings.insert(
            e.id.clone(),
            Rating {
                rating: "emerging".into(),
                reason: "One interview round led; the others were observed".into(),
            },
        );
    }
    std::fs::write(to, rung::cases::exchange::to_json(&copy)).expect("the review file");
}
