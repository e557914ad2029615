//! The decision record: a case as a committee reads it, in markdown, or as one HTML page
//! with its own print stylesheet, ready to print or save as PDF. Levels, competencies,
//! ratings and who reported each piece of evidence read in words; the ids stay in the
//! case file ([`super::exchange`]).

use std::fmt::Write as _;

use super::check::{coverage, lint_evidence, Weakness};
use super::{names, Case};
use crate::framework::markdown::to_plain_text;

/// The decision record: the case as a committee reads it, in markdown. Levels read as
/// their titles and bands, competencies by their names, ratings and who reported each
/// piece of evidence in words; the ids, which mean different things on different tracks,
/// stay in the case file. The expectations are numbered, so that a committee can cite one.
pub fn to_markdown(case: &Case) -> String {
    let mut o = String::new();
    let cov = coverage(case);
    let _ = writeln!(o, "# Promotion case: {}\n", case.candidate.name);
    let _ = writeln!(
        o,
        "From {} to {}, on the {} track, judged against {} {} (content hash `{}`{}).\n",
        names::current(case),
        names::target(case),
        names::track(case),
        case.framework.name,
        case.framework.version,
        case.framework.hash,
        case.framework
            .commit
            .as_deref()
            .map(|c| format!(", commit `{c}`"))
            .unwrap_or_default()
    );
    let _ = write!(o, "{}", people(case));
    let judging = match cov.judges_person.len() {
        0 => String::new(),
        n => format!(", {n} only evidence that judges the person"),
    };
    let _ = writeln!(
        o,
        "**Coverage:** {} of {} expectations have evidence from someone other than the candidate; {} have none, {} only the candidate's own{judging}; {} are not rated and {} rated without a reason.\n",
        cov.supported,
        cov.total,
        cov.no_evidence.len(),
        cov.self_only.len(),
        cov.unrated.len(),
        cov.no_reason.len()
    );
    let rule = super::rule::status(case);
    if let Some(status) = &rule {
        let verdict = if status.holds {
            "The case meets its promotion rule."
        } else {
            "The case does not meet its promotion rule."
        };
        let _ = writeln!(o, "## Promotion rule\n\n{}\n\n**{verdict}**\n", status.rule);
        for c in &status.clauses {
            let mark = if c.holds { "Holds" } else { "Does not hold" };
            let _ = writeln!(o, "- {mark}: {} {}", c.says, c.why);
        }
        if !status.clauses.is_empty() {
            let _ = writeln!(o);
        }
    }
    if let Some(r) = &case.recommendation {
        let _ = writeln!(o, "**Recommendation:** {r}\n");
    }
    if let Some(d) = &case.decision {
        let _ = writeln!(
            o,
            "## Decision\n\n**{}** on {}, by {}.\n\n{}\n",
            d.outcome,
            d.date,
            d.deciders.join(", "),
            d.rationale
        );
        if !d.dissent.trim().is_empty() {
            let _ = writeln!(o, "Dissent: {}\n", d.dissent);
        }
        if d.promote {
            let _ = writeln!(o, "It promotes to {}.\n", names::target(case));
        }
        if let (true, Some(reason)) = (super::rule::goes_against(case, d), &d.against_rule) {
            let _ = writeln!(
                o,
                "**Against the promotion rule:** the case does not meet its rule, and the committee promotes for this reason: {reason}\n"
            );
        }
    }
    let findings = lint_evidence(&case.evidence);
    let rating = |id: &str| {
        case.framework
            .scale
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| id.to_owned(), |s| s.name.clone())
    };
    let mut number = 0;
    for (title, new) in [
        ("New at the target level", true),
        ("Carried from lower levels", false),
    ] {
        let list: Vec<_> = case.expectations.iter().filter(|e| e.new == new).collect();
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(o, "## {title}\n");
        for e in list {
            number += 1;
            let _ = writeln!(o, "### {number}. {}\n", to_plain_text(&e.text));
            let _ = writeln!(o, "*{}*\n", names::competency(case, &e.competency));
            match case.ratings.get(&e.id) {
                Some(r) if !r.reason.trim().is_empty() => {
                    let _ = writeln!(o, "**Rating:** {} — {}\n", rating(&r.rating), r.reason);
                }
                Some(r) => {
                    let _ = writeln!(o, "**Rating:** {} — *no reason given*\n", rating(&r.rating));
                }
                None => {
                    let _ = writeln!(o, "**Rating:** *not rated*\n");
                }
            }
            others(&mut o, case, &e.id, &rating);
            let evidence: Vec<_> = case
                .evidence
                .iter()
                .filter(|ev| ev.expectations.contains(&e.id))
                .collect();
            let specialists: Vec<_> = case
                .specialists
                .iter()
                .filter(|s| s.expectations.contains(&e.id))
                .collect();
            if evidence.is_empty() && specialists.is_empty() {
                let _ = writeln!(o, "*No evidence.*\n");
            }
            for ev in evidence {
                let _ = write!(
                    o,
                    "- {} ({}, reported by {})",
                    ev.what,
                    if ev.when.is_empty() {
                        "undated"
                    } else {
                        &ev.when
                    },
                    ev.reported_by.reader()
                );
                if !ev.outcome.is_empty() {
                    let _ = write!(o, ": {}", ev.outcome);
                }
                if let Some(link) = &ev.link {
                    let _ = write!(o, " <{link}>");
                }
                let _ = writeln!(o);
                for f in findings.iter().filter(|f| f.evidence == ev.id) {
                    let counts = if f.weakness == Weakness::Personality {
                        " It does not count as support until it is reworded."
                    } else {
                        ""
                    };
                    let _ = writeln!(
                        o,
                        "  - *Weak evidence:* {} — {}.{counts}",
                        f.problem, f.suggestion
                    );
                }
            }
            for s in specialists {
                specialist_view(&mut o, case, s, &e.id, &rating);
            }
            let _ = writeln!(o);
        }
    }
    o
}

/// Who owns the case, the period it reviews and who else rated it: a paragraph under
/// the title, or nothing for a case that keeps none of them.
fn people(case: &Case) -> String {
    let mut said = Vec::new();
    if let Some(owner) = &case.owner {
        let craft = case
            .owner_craft
            .as_deref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        said.push(format!("**Case owner:** {owner}{craft}."));
    }
    if let Some(p) = &case.period {
        said.push(format!("**Review period:** {} to {}.", p.from, p.to));
    }
    if !case.reviews.is_empty() {
        let who: Vec<String> = case
            .reviews
            .iter()
            .map(|r| match r.reviewer.craft.trim() {
                "" => r.reviewer.name.clone(),
                craft => format!("{} ({craft})", r.reviewer.name),
            })
            .collect();
        said.push(format!("**Reviewers:** {}.", who.join(", ")));
    }
    if said.is_empty() {
        String::new()
    } else {
        format!("{}\n\n", said.join(" "))
    }
}

/// Under the owner's rating of one expectation: each reviewer's rating with its reason,
/// then each change made to the rating in calibration, with before, after and why.
fn others(o: &mut String, case: &Case, expectation: &str, rating: &dyn Fn(&str) -> String) {
    let why = |text: &str| {
        if text.trim().is_empty() {
            "*no reason given*".to_owned()
        } else {
            text.to_owned()
        }
    };
    let mut any = false;
    for r in &case.reviews {
        if let Some(theirs) = r.ratings.get(expectation) {
            any = true;
            let _ = writeln!(
                o,
                "- *{}'s rating (reviewer):* {} — {}",
                r.reviewer.name,
                rating(&theirs.rating),
                why(&theirs.reason)
            );
        }
    }
    for c in case
        .recalibrations
        .iter()
        .filter(|c| c.expectation == expectation)
    {
        any = true;
        let before = c.before.as_deref().map_or("not rated".to_owned(), rating);
        let day = c.at.get(..10).unwrap_or(&c.at);
        let _ = writeln!(
            o,
            "- *Changed in calibration on {day}:* {before} → {} — {}",
            rating(&c.after),
            why(&c.reason)
        );
    }
    if any {
        let _ = writeln!(o);
    }
}

/// A specialist's view as the record lists it under one expectation: who, their craft
/// and level, their confidence, what they said, their rating of this expectation with
/// the reason, what they reviewed and any conflict of interest.
fn specialist_view(
    o: &mut String,
    case: &Case,
    s: &super::SpecialistInput,
    expectation: &str,
    rating: &dyn Fn(&str) -> String,
) {
    let mut about = vec![s.craft.clone()];
    if !s.level.trim().is_empty() {
        about.push(s.level.clone());
    }
    about.push("specialist".into());
    if let Some(c) = s.confidence {
        about.push(format!("{} confidence", c.word()));
    }
    let _ = write!(o, "- {} ({})", s.who, about.join(", "));
    if !s.said.trim().is_empty() {
        let _ = write!(o, ": {}", s.said);
    }
    let _ = writeln!(o);
    if let Some(r) = s.ratings.get(expectation) {
        let reason = if r.reason.trim().is_empty() {
            "*no reason given*"
        } else {
            &r.reason
        };
        let _ = writeln!(o, "  - *Their rating:* {} — {reason}", rating(&r.rating));
    }
    if !s.reviewed.is_empty() {
        let reviewed: Vec<String> = s
            .reviewed
            .iter()
            .map(|a| match &a.link {
                Some(link) if a.description.trim().is_empty() => format!("<{link}>"),
                Some(link) => format!("{} <{link}>", a.description),
                None => a.description.clone(),
            })
            .collect();
        let _ = writeln!(o, "  - *Reviewed:* {}", reviewed.join("; "));
    }
    if !s.conflict.trim().is_empty() {
        let _ = writeln!(o, "  - *Conflict of interest:* {}", s.conflict);
    }
    if let (Some(theirs), Some(owner)) = (s.ratings.get(expectation), case.ratings.get(expectation))
    {
        if theirs.rating != owner.rating {
            let why = |text: &str| {
                if text.trim().is_empty() {
                    "*no reason given*".to_owned()
                } else {
                    text.to_owned()
                }
            };
            let differs = case.differences.get(expectation).map_or("", String::as_str);
            let _ = writeln!(
                o,
                "  - *The ratings differ:* the case owner's {} — {} | {}'s {} — {}\n  - *The case owner on the difference:* {}",
                rating(&owner.rating),
                why(&owner.reason),
                s.who,
                rating(&theirs.rating),
                why(&theirs.reason),
                why(differs)
            );
        }
    }
}

/// The decision record as one HTML page, ready to print or save as PDF: the markdown
/// record rendered and sanitised like ladder text, with its own print stylesheet.
pub fn to_html(case: &Case) -> String {
    let body = crate::framework::markdown::to_html(&to_markdown(case));
    let title = escape_html(&format!("Promotion case: {}", case.candidate.name));
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
}

const STYLE: &str = "body { font: 11pt/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #111; margin: 0; }
main { max-width: 46rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.75rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid #999; padding-bottom: 0.25rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 0.25rem; break-after: avoid; }
code { font-size: 0.85em; color: #444; }
p { margin: 0.5rem 0; }
li { margin: 0.25rem 0; }
@page { margin: 18mm 16mm; }
@media print { main { margin: 0; padding: 0; max-width: none; } h3 + p, h3 + p + p { break-before: avoid; } }
";

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::cases::blind::blind;
    use crate::cases::exchange::tests::case;
    use crate::cases::{Candidate, Evidence, Rating, Reporter};

    #[test]
    fn a_specialists_view_stands_beside_the_owners_rating_with_both_reasons() {
        let mut c = case();
        let first = c.expectations[0].id.clone();
        let view = crate::cases::edit::tests::view(&c, "emerging");
        crate::cases::edit::apply(&mut c, view).expect("view");
        let md = to_markdown(&c);
        assert!(
            md.contains(
                "- Bo Chen (design, d5, specialist, high confidence)\n  - *Their rating:* Emerging — The flows were tested with users first.\n  - *Reviewed:* The checkout redesign <https://example.com/checkout>; Two design reviews she led\n"
            ),
            "{md}"
        );
        assert!(md.contains(
            "  - *The ratings differ:* the case owner's Meets — Ana's migration | Bo Chen's Emerging — The flows were tested with users first.\n  - *The case owner on the difference:* *no reason given*"
        ), "{md}");
        c.differences.insert(first, "Bo saw one project.".into());
        assert!(to_markdown(&c)
            .contains("  - *The case owner on the difference:* Bo saw one project.\n"));
        let blind_md = to_markdown(&blind(&c));
        assert!(
            !blind_md.contains("https://example.com/checkout"),
            "{blind_md}"
        );
    }

    #[test]
    fn the_record_names_the_owner_the_period_each_reviewer_and_calibration_changes() {
        let mut c = case();
        assert!(!to_markdown(&c).contains("**Case owner:**"));
        let first = c.expectations[0].id.clone();
        c.owner = Some("Maya Rossi".into());
        c.owner_craft = Some("design".into());
        c.period = Some(crate::cases::Period {
            from: "2026-01-01".into(),
            to: "2026-06-30".into(),
        });
        c.reviews.push(crate::cases::Review {
            reviewer: crate::cases::Reviewer {
                name: "Kofi Mensah".into(),
                craft: "engineering".into(),
            },
            ratings: [(
                first.clone(),
                Rating {
                    rating: "emerging".into(),
                    reason: "One project only.".into(),
                },
            )]
            .into(),
        });
        crate::cases::edit::apply(
            &mut c,
            crate::cases::edit::Edit::Recalibrate {
                expectation: first,
                rating: "emerging".into(),
                reason: "The committee read the evidence as one project.".into(),
                at: "2026-11-30T10:00:00Z".into(),
            },
        )
        .expect("recalibrated");
        let md = to_markdown(&c);
        assert!(
            md.contains("**Case owner:** Maya Rossi (design). **Review period:** 2026-01-01 to 2026-06-30. **Reviewers:** Kofi Mensah (engineering).\n"),
            "{md}"
        );
        assert!(
            md.contains("**Rating:** Emerging — Ana's migration\n\n- *Kofi Mensah's rating (reviewer):* Emerging — One project only.\n- *Changed in calibration on 2026-11-30:* Meets → Emerging — The committee read the evidence as one project.\n"),
            "{md}"
        );
    }

    #[test]
    fn a_blind_record_holds_no_level_or_track_id() {
        let f = crate::load_bundled().framework;
        let mut c = crate::cases::start::start(
            &f,
            crate::cases::start::Start {
                id: "c1",
                candidate: Candidate {
                    name: "Dana Reyes".into(),
                    alias: "Candidate 4".into(),
                },
                track: "product-designer",
                current: "d2",
                target: "d3",
                hash: "b684f365e823",
                commit: None,
            },
        )
        .expect("start");
        let [a, b] = [0, 1].map(|i| c.expectations[i].id.clone());
        c.evidence.push(Evidence {
            id: "ev-1".into(),
            what: "Dana ran the checkout usability tests".into(),
            when: "2026-09".into(),
            outcome: "Two flows were redesigned before launch".into(),
            link: None,
            reported_by: Reporter::Peer,
            expectations: vec![a.clone(), b],
        });
        c.ratings.insert(
            a,
            Rating {
                rating: "meets".into(),
                reason: "the checkout tests".into(),
            },
        );
        let blind = blind(&c);
        // Every level id of every track, and the case's track.
        let ids: Vec<String> = f
            .tracks
            .iter()
            .flat_map(|t| t.levels.iter().map(|l| l.id.clone()))
            .chain([c.track.clone()])
            .collect();
        for (format, text) in [("markdown", to_markdown(&blind)), ("html", to_html(&blind))] {
            let words: HashSet<&str> = text
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .collect();
            for id in &ids {
                assert!(
                    !words.contains(id.as_str()) && !text.contains(&format!("{id}/")),
                    "the {format} record holds `{id}`:\n{text}"
                );
            }
            for shown in [
                "Product Designer (band 3)",
                "Senior Product Designer (band 4)",
                "Meets",
                "reported by a peer",
            ] {
                assert!(
                    text.contains(shown),
                    "the {format} record lacks {shown}:\n{text}"
                );
            }
        }
        let md = to_markdown(&blind);
        assert!(
            md.contains("\n### 1. "),
            "expectations are numbered to be cited"
        );
        let first = &c.expectations[0].competency;
        let name = names::competency(&c, first);
        assert!(md.contains(&format!("\n*{name}*\n")), "{md}");
    }

    #[test]
    fn evidence_that_judges_the_person_is_marked_in_the_record() {
        let mut c = case();
        c.evidence[0].what = "Ana is abrasive in reviews".into();
        let md = to_markdown(&c);
        assert!(
            md.contains("1 only evidence that judges the person"),
            "{md}"
        );
        assert!(
            md.contains("It does not count as support until it is reworded."),
            "{md}"
        );
    }

    #[test]
    fn the_record_quotes_the_rule_its_standing_and_a_reason_against_it() {
        let mut c = case();
        c.framework.rule = Some(crate::framework::rule::PromotionRule {
            new: None,
            carried: None,
            evidence: Some(crate::framework::rule::EvidenceRule::Others),
        });
        let md = to_markdown(&c);
        assert!(
            md.contains("## Promotion rule\n\nEvery rating needs evidence from someone other than the candidate.\n\n**"),
            "{md}"
        );
        let decision = crate::cases::Decision {
            outcome: "promoted".into(),
            rationale: "r".into(),
            dissent: String::new(),
            deciders: vec!["Cy".into()],
            date: "2026-12-01".into(),
            promote: true,
            against_rule: Some("A tooling gap.".into()),
        };
        c.decision = Some(decision.clone());
        let holds = crate::cases::rule::status(&c).is_some_and(|s| s.holds);
        let md = to_markdown(&c);
        assert!(md.contains("It promotes to "), "{md}");
        // The reason is quoted only when the decision goes against the rule.
        assert_eq!(
            md.contains("**Against the promotion rule:** the case does not meet its rule, and the committee promotes for this reason: A tooling gap."),
            !holds,
            "{md}"
        );
        c.ratings.clear();
        c.framework.rule = Some(crate::framework::rule::PromotionRule {
            new: Some(crate::framework::rule::Threshold {
                at_least: "meets".into(),
                except: 0,
            }),
            carried: None,
            evidence: None,
        });
        let md = to_markdown(&c);
        assert!(
            md.contains("**The case does not meet its promotion rule.**"),
            "{md}"
        );
        assert!(
            md.contains(
                "- Does not hold: Every expectation new at this level is rated Meets or above. "
            ),
            "{md}"
        );
        assert!(md.contains("**Against the promotion rule:** the case does not meet its rule, and the committee promotes for this reason: A tooling gap."), "{md}");
    }

    #[test]
    fn the_decision_record_reads_as_markdown() {
        let md = to_markdown(&case());
        assert!(md.starts_with("# Promotion case: Ana Lima\n"));
        assert!(md.contains("content hash `b684f365e823`, commit `0a1b2c3`"));
        assert!(md.contains("**Rating:** Meets — Ana's migration"), "{md}");
        assert!(md.contains("*No evidence.*"));
        assert!(md.contains("## New at the target level"));
        assert!(md.contains("## Carried from lower levels"));
        let html = to_html(&case());
        assert!(html.starts_with("<!doctype html>"));
        assert!(html.contains("<title>Promotion case: Ana Lima</title>"));
        // Nothing the page holds may run or fetch, whatever slipped past the sanitiser.
        assert!(html.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        ));
        assert!(html.contains("<h2>New at the target level</h2>"));
        let mut hostile = case();
        hostile.candidate.name = "<script>alert(1)</script>".into();
        hostile.evidence[0].what = "<img src=x onerror=alert(1)> shipped".into();
        let html = to_html(&hostile);
        assert!(
            !html.contains("<script>") && !html.contains("<img"),
            "{html}"
        );
        let blind_md = to_markdown(&blind(&case()));
        assert!(!blind_md.contains("Ana") && !blind_md.contains("Lima"));
    }
}
