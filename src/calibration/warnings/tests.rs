//! Each warning raised on purpose, and not raised when the cases are alike.

use crate::calibration::testing::*;
use crate::calibration::{calibrate, Calibration, Thresholds, Warning, WarningKind};
use crate::cases::edit::{apply, Edit};
use crate::cases::{Case, Decision, Rating, Recalibration, Reporter, Review, Reviewer};

fn run(cases: &[&Case]) -> Calibration {
    calibrate(cases, &framework(), &Thresholds::default(), false)
}

fn of(cal: &Calibration, kind: WarningKind) -> Vec<&Warning> {
    cal.warnings.iter().filter(|w| w.kind == kind).collect()
}

fn words(case: &Case, id: &str) -> String {
    crate::cases::names::expectation(case, id)
}

/// Two candidates on one track, both rated Meets on the same expectation.
fn alike() -> (Case, Case, String) {
    let (mut a, mut b) = (ana("a"), tom("b"));
    let x = exp(&a, 2);
    rate(&mut a, &x, "meets", "Ran the migration.");
    rate(&mut b, &x, "meets", "Ran a migration.");
    evidence(&mut a, Reporter::Peer, "2026-03", &[&x]);
    evidence(&mut a, Reporter::Owner, "2026-04", &[&x]);
    (a, b, x)
}

#[test]
fn unequal_evidence_names_both_cells() {
    let (a, mut b, x) = alike();
    evidence(&mut b, Reporter::Candidate, "2026-04", &[&x]);
    let cal = run(&[&a, &b]);
    let w = of(&cal, WarningKind::UnequalEvidence);
    assert_eq!(w.len(), 1, "{:#?}", cal.warnings);
    assert_eq!(w[0].key, format!("unequal-evidence:a:b:{x}"));
    assert_eq!(
        w[0].sentence,
        format!(
            "Ana Lima and Tom Berg are both rated Meets on “{}”, but Ana Lima's rating rests on 2 items, 2 from others and Tom Berg's on one self-reported item.",
            words(&a, &x)
        )
    );
    assert_eq!(w[0].cases, ["a", "b"]);
    // The cells carry the key.
    let cells: Vec<_> = cal
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().flatten())
        .filter(|c| c.warnings.contains(&w[0].key))
        .map(|c| c.case.as_str())
        .collect();
    assert_eq!(cells, ["a", "b"]);
}

#[test]
fn equal_evidence_raises_nothing() {
    let (a, mut b, x) = alike();
    evidence(&mut b, Reporter::Peer, "2026-03", &[&x]);
    evidence(&mut b, Reporter::Candidate, "2026-05", &[&x]);
    assert!(of(&run(&[&a, &b]), WarningKind::UnequalEvidence).is_empty());
}

#[test]
fn a_high_rating_on_self_reported_evidence_is_named() {
    let mut a = ana("a");
    let x = exp(&a, 1);
    rate(&mut a, &x, "beyond", "Says so.");
    evidence(&mut a, Reporter::Candidate, "2026-04", &[&x]);
    let cal = run(&[&a]);
    let w = of(&cal, WarningKind::HighOnWeak);
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].key, format!("high-on-weak:a:{x}"));
    assert_eq!(
        w[0].sentence,
        format!(
            "Ana Lima is rated Beyond on “{}”, above the middle of the scale, on one self-reported item only.",
            words(&a, &x)
        )
    );
}

#[test]
fn a_high_rating_on_sound_evidence_or_a_middle_rating_is_not() {
    let mut a = ana("a");
    let (x, y) = (exp(&a, 1), exp(&a, 2));
    rate(&mut a, &x, "beyond", "Shown twice.");
    evidence(&mut a, Reporter::Peer, "2026-04", &[&x]);
    evidence(&mut a, Reporter::Candidate, "2026-05", &[&x]);
    rate(&mut a, &y, "emerging", "Not yet shown.");
    assert!(of(&run(&[&a]), WarningKind::HighOnWeak).is_empty());
}

#[test]
fn one_case_judging_the_person_far_more_than_the_others_is_named() {
    let (mut a, mut b) = (ana("a"), tom("b"));
    let (x, y, z) = (exp(&a, 0), exp(&a, 1), exp(&a, 2));
    rate(&mut a, &x, "meets", "A brilliant engineer.");
    rate(&mut a, &y, "meets", "High potential, clearly.");
    rate(&mut a, &z, "meets", "Ran the review of the billing design.");
    rate(&mut b, &x, "meets", "Ran the incident review.");
    rate(&mut b, &y, "meets", "Wrote the migration plan.");
    let cal = run(&[&a, &b]);
    let w = of(&cal, WarningKind::JudgesPerson);
    assert_eq!(w.len(), 1, "{:#?}", cal.warnings);
    assert_eq!(w[0].key, "judges-person:a");
    assert_eq!(
        w[0].sentence,
        "Ana Lima's reasons and evidence judge the person rather than what they did, 2 times (“brilliant” and “high potential”), where the other cases never do."
    );
    assert_eq!(w[0].cells.len(), 3, "the case and its two reasons");
}

#[test]
fn cases_judging_the_person_alike_raise_nothing() {
    let (mut a, mut b) = (ana("a"), tom("b"));
    let (x, y) = (exp(&a, 0), exp(&a, 1));
    for c in [&mut a, &mut b] {
        rate(c, &x, "meets", "A brilliant engineer.");
        rate(c, &y, "meets", "Gifted.");
    }
    assert!(of(&run(&[&a, &b]), WarningKind::JudgesPerson).is_empty());
}

#[test]
fn evidence_bunched_at_the_end_or_outside_the_period_is_named() {
    let mut a = ana("a");
    a.period = Some(crate::cases::Period {
        from: "2026-01-01".into(),
        to: "2026-12-31".into(),
    });
    let x = exp(&a, 0);
    for when in ["2026-11", "2026-12-02", "2026-12", "2026-03"] {
        evidence(&mut a, Reporter::Peer, when, &[&x]);
    }
    let cal = run(&[&a]);
    let w = of(&cal, WarningKind::Recency);
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].key, "recency:a");
    assert_eq!(
        w[0].sentence,
        "Ana Lima's evidence leans on the end of the review period (2026-01-01 to 2026-12-31): 3 of its 4 dated items in the period are from its last 20%."
    );
    evidence(&mut a, Reporter::Peer, "Q4 2025", &[&x]);
    let cal = run(&[&a]);
    assert_eq!(of(&cal, WarningKind::Recency)[0].key, "recency:a");
    assert!(
        of(&cal, WarningKind::Recency)[0]
            .sentence
            .ends_with("from its last 20% and 1 item is dated outside it."),
        "{:#?}",
        cal.warnings
    );
}

#[test]
fn evidence_spread_over_the_period_is_not() {
    let mut a = ana("a");
    a.period = Some(crate::cases::Period {
        from: "2026-01-01".into(),
        to: "2026-12-31".into(),
    });
    let x = exp(&a, 0);
    for when in ["2026-02", "2026-05-10", "Q3 2026", "2026-12"] {
        evidence(&mut a, Reporter::Peer, when, &[&x]);
    }
    assert!(of(&run(&[&a]), WarningKind::Recency).is_empty());
    assert_eq!(super::cases::day("2026-13"), None);
    assert_eq!(super::cases::day("last spring"), None);
}

fn reviewed(case: &mut Case, owner: &str, theirs: &str) {
    case.owner = Some("Maria Costa".into());
    let ids: Vec<String> = (0..3).map(|n| exp(case, n)).collect();
    let mut ratings = std::collections::BTreeMap::new();
    for id in &ids {
        rate(case, id, owner, "Seen in the work.");
        ratings.insert(
            id.clone(),
            Rating {
                rating: theirs.into(),
                reason: "Seen once.".into(),
            },
        );
    }
    case.reviews.push(Review {
        reviewer: Reviewer {
            name: "Kim Park".into(),
            craft: "engineering".into(),
        },
        ratings,
    });
}

#[test]
fn an_owner_well_above_the_other_reviewers_is_named_with_the_craft() {
    let mut a = ana("a");
    reviewed(&mut a, "beyond", "emerging");
    let cal = run(&[&a]);
    let w = of(&cal, WarningKind::Leniency);
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].key, "leniency:a:other-craft");
    assert_eq!(
        w[0].sentence,
        "Maria Costa, the case owner of Ana Lima, rates 2.0 steps above the other reviewers on average over 3 expectations in cases outside their own craft."
    );
    let blind = calibrate(&[&a], &framework(), &Thresholds::default(), true);
    assert_eq!(
        of(&blind, WarningKind::Leniency)[0].sentence,
        "The case owner of Candidate 7 rates 2.0 steps above the other reviewers on average over 3 expectations in cases outside their own craft."
    );
    a.owner_craft = a.craft.clone();
    let cal = run(&[&a]);
    let w = of(&cal, WarningKind::Leniency);
    assert_eq!(w[0].key, "leniency:a:own-craft");
}

#[test]
fn an_owner_in_line_with_the_reviewers_is_not() {
    let mut a = ana("a");
    reviewed(&mut a, "meets", "meets");
    assert!(of(&run(&[&a]), WarningKind::Leniency).is_empty());
}

/// A case with a specialist's rating of a craft expectation, and the owner's.
fn with_specialist(owner: &str) -> (Case, String) {
    let mut a = ana("a");
    let x = a
        .expectations
        .iter()
        .find(|e| e.craft_specific)
        .map(|e| e.id.clone())
        .expect("a craft expectation");
    a.specialists.push(crate::cases::SpecialistInput {
        id: "sp-1".into(),
        who: "Bo Chen".into(),
        craft: "engineering".into(),
        level: "e5".into(),
        said: String::new(),
        expectations: vec![x.clone()],
        reviewed: Vec::new(),
        ratings: [(
            x.clone(),
            Rating {
                rating: "emerging".into(),
                reason: "Only with help.".into(),
            },
        )]
        .into(),
        confidence: None,
        conflict: String::new(),
    });
    rate(&mut a, &x, owner, "Did it.");
    (a, x)
}

#[test]
fn a_specialist_departed_from_without_a_reason_is_named() {
    let (mut a, x) = with_specialist("beyond");
    let cal = run(&[&a]);
    let w = of(&cal, WarningKind::SpecialistDeparted);
    assert_eq!(w.len(), 1, "{:#?}", cal.warnings);
    assert_eq!(w[0].key, format!("specialist-departed:a:{x}"));
    assert!(
        w[0].sentence.contains("by the case owner and Emerging by "),
        "{}",
        w[0].sentence
    );
    a.differences
        .insert(x, "The specialist saw one project only.".into());
    assert!(of(&run(&[&a]), WarningKind::SpecialistDeparted).is_empty());
}

#[test]
fn a_rating_a_specialist_agrees_with_is_not() {
    let (a, _) = with_specialist("emerging");
    assert!(of(&run(&[&a]), WarningKind::SpecialistDeparted).is_empty());
}

fn decide(case: &mut Case, promote: bool) {
    case.decision = Some(Decision {
        outcome: if promote { "promoted" } else { "not yet" }.into(),
        rationale: "As rated.".into(),
        dissent: String::new(),
        deciders: vec!["The committee".into()],
        date: "2026-12-10".into(),
        promote,
        against_rule: None,
    });
}

fn rate_all(case: &mut Case, rating: &str) {
    let ids: Vec<String> = case.expectations.iter().map(|e| e.id.clone()).collect();
    for id in ids {
        rate(case, &id, rating, "Shown.");
    }
}

#[test]
fn a_promotion_with_lower_ratings_than_a_refusal_is_named() {
    let (mut a, mut b) = (ana("a"), tom("b"));
    rate_all(&mut a, "emerging");
    rate_all(&mut b, "meets");
    decide(&mut a, true);
    decide(&mut b, false);
    let cal = run(&[&a, &b]);
    let w = of(&cal, WarningKind::DecisionOutOfLine);
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].key, "decision-out-of-line:a:b");
    let n = a.expectations.len();
    assert_eq!(
        w[0].sentence,
        format!("Ana Lima was promoted with {n} gaps and an average rating of 1.0, about Emerging, while Tom Berg was not (“not yet”) with 0 gaps and an average of 2.0, about Meets.")
    );
}

#[test]
fn decisions_in_line_with_the_ratings_are_not() {
    let (mut a, mut b) = (ana("a"), tom("b"));
    rate_all(&mut a, "meets");
    rate_all(&mut b, "emerging");
    decide(&mut a, true);
    decide(&mut b, false);
    assert!(of(&run(&[&a, &b]), WarningKind::DecisionOutOfLine).is_empty());
}

fn recalibrate(case: &mut Case, n: usize, from: &str, to: &str) {
    let id = exp(case, n);
    rate(case, &id, from, "First view.");
    apply(
        case,
        Edit::Recalibrate {
            expectation: id,
            rating: to.into(),
            reason: "Compared with the others.".into(),
            at: "2026-12-01T10:00:00Z".into(),
        },
    )
    .expect("recalibrate");
}

#[test]
fn calibration_changes_pulling_ratings_down_are_named() {
    let (mut a, mut b) = (ana("a"), tom("b"));
    recalibrate(&mut a, 0, "beyond", "meets");
    recalibrate(&mut a, 1, "beyond", "meets");
    recalibrate(&mut b, 0, "meets", "emerging");
    let cal = run(&[&a, &b]);
    let w = of(&cal, WarningKind::Compression);
    assert_eq!(w.len(), 1, "{:#?}", cal.warnings);
    assert_eq!(
        w[0].sentence,
        "Of the 3 ratings changed in calibration in the cases of Ana Lima and Tom Berg, 2 move toward the middle of the scale and 3 move down."
    );
    assert_eq!(w[0].cells.len(), 3);
    let cell = cal
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().flatten())
        .find(|c| c.case == "b" && c.recalibrated.is_some())
        .expect("the changed cell");
    assert_eq!(
        cell.recalibrated.as_ref().map(|r| r.before.as_deref()),
        Some(Some("meets"))
    );
}

#[test]
fn calibration_changes_both_ways_are_not_but_one_without_a_reason_is() {
    let (mut a, mut b) = (ana("a"), tom("b"));
    recalibrate(&mut a, 0, "meets", "beyond");
    recalibrate(&mut a, 1, "emerging", "not-yet");
    recalibrate(&mut b, 0, "meets", "emerging");
    recalibrate(&mut b, 1, "not-yet", "meets");
    assert!(of(&run(&[&a, &b]), WarningKind::Compression).is_empty());
    b.recalibrations.push(Recalibration {
        expectation: exp(&b, 2),
        before: Some("meets".into()),
        after: "beyond".into(),
        reason: String::new(),
        at: "2026-12-01T11:00:00Z".into(),
    });
    let cal = run(&[&a, &b]);
    let w = of(&cal, WarningKind::Compression);
    assert_eq!(w.len(), 1);
    assert!(w[0].key.ends_with(":no-reason"));
    assert!(w[0]
        .sentence
        .ends_with("from Meets to Beyond without a reason."));
}

#[test]
fn a_warning_acknowledged_in_every_case_it_names_comes_last() {
    let (mut a, mut b, x) = alike();
    evidence(&mut b, Reporter::Candidate, "2026-04", &[&x]);
    let y = exp(&a, 1);
    rate(&mut a, &y, "beyond", "Says so.");
    let key = format!("unequal-evidence:a:b:{x}");
    let ack = |c: &mut Case, at: &str| {
        apply(
            c,
            Edit::Acknowledge {
                warning: key.clone(),
                reason: "Tom's peers were on leave; the committee heard them.".into(),
                at: at.into(),
            },
        )
        .expect("acknowledge")
    };
    ack(&mut a, "2026-12-01T10:00:00Z");
    let cal = run(&[&a, &b]);
    let w = cal.warnings.iter().find(|w| w.key == key).expect("raised");
    assert_eq!(w.acknowledged, None, "one case of two is not enough");
    ack(&mut b, "2026-12-01T11:00:00Z");
    let cal = run(&[&a, &b]);
    let last = cal.warnings.last().expect("warnings");
    assert_eq!(last.key, key);
    assert_eq!(
        last.acknowledged.as_ref().map(|a| a.at.as_str()),
        Some("2026-12-01T11:00:00Z")
    );
    assert!(cal.warnings[0].acknowledged.is_none());
}
