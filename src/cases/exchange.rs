//! Cases as files that travel between people: JSON with a versioned schema, checked on
//! import with errors that say where and what; and a markdown or HTML decision record a
//! committee can read. The blind copy is made in [`super::blind`].

use std::collections::HashSet;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

pub use super::blind::{blind, blind_hints, name_parts, replace_names, BlindHint};
use super::check::{coverage, lint_evidence, Weakness};
use super::{names, Case};
use crate::framework::markdown::to_plain_text;

/// The version of the case file format this Rung writes and reads: 2 pins the names of
/// the track, levels and competencies; files of version 1 read as cases without them.
pub const SCHEMA: u32 = 2;

/// The longest case id accepted.
pub const MAX_ID: usize = 128;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// Marks the file as a Rung case and says which format it follows.
    rung_case: u32,
    case: Case,
}

/// Why a case file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Not JSON, or not a case in the expected shape.
    #[error("line {line}, column {column}: {message}")]
    Shape {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde found.
        message: String,
    },
    /// JSON, but not a Rung case file.
    #[error("this is not a Rung case file (it has no `rung_case` version)")]
    NotACase,
    /// A newer format than this Rung reads.
    #[error("this case file has format {0}, newer than this Rung reads ({SCHEMA}); update Rung")]
    TooNew(u32),
    /// The case's parts do not agree.
    #[error("{0}")]
    Invalid(String),
}

/// A case as a JSON file.
pub fn to_json(case: &Case) -> String {
    let file = File {
        rung_case: SCHEMA,
        case: case.clone(),
    };
    // A case is strings, lists and maps with string keys: it always serialises.
    serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
}

fn shape(e: serde_json::Error) -> ImportError {
    let message = e.to_string();
    // serde_json ends its message with the position, which the error states already.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m)
        .to_owned();
    ImportError::Shape {
        line: e.line(),
        column: e.column(),
        message,
    }
}

/// Reads a case file, checking its format version and that its parts agree.
pub fn from_json(text: &str) -> Result<Case, ImportError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(shape)?;
    let version = value
        .get("rung_case")
        .and_then(serde_json::Value::as_u64)
        .ok_or(ImportError::NotACase)?;
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > SCHEMA {
        return Err(ImportError::TooNew(version));
    }
    let file: File = serde_json::from_str(text).map_err(shape)?;
    validate(&file.case)?;
    Ok(file.case)
}

/// Every piece of text a case holds.
fn texts(case: &Case) -> impl Iterator<Item = &str> {
    let c = &case.candidate;
    let f = &case.framework;
    [
        &c.name,
        &c.alias,
        &case.track,
        &case.current_level,
        &case.target_level,
    ]
    .into_iter()
    .chain([&f.name, &f.version, &f.hash])
    .chain(&f.commit)
    .chain(case.names.iter().flat_map(|n| {
        [&n.track, &n.current.title, &n.target.title]
            .into_iter()
            .chain(n.competencies.iter().flat_map(|(id, name)| [id, name]))
    }))
    .chain(f.scale.iter().flat_map(|s| [&s.id, &s.name]))
    .chain(
        case.expectations
            .iter()
            .flat_map(|e| [&e.id, &e.competency, &e.text]),
    )
    .chain(case.evidence.iter().flat_map(|e| {
        [&e.id, &e.what, &e.when, &e.outcome]
            .into_iter()
            .chain(&e.link)
            .chain(&e.expectations)
    }))
    .chain(
        case.ratings
            .iter()
            .chain(&case.self_ratings)
            .flat_map(|(id, r)| [id, &r.rating, &r.reason]),
    )
    .chain(case.specialists.iter().flat_map(|s| {
        [&s.id, &s.who, &s.craft, &s.said]
            .into_iter()
            .chain(&s.expectations)
    }))
    .chain(&case.recommendation)
    .chain(case.decision.iter().flat_map(|d| {
        [&d.outcome, &d.rationale, &d.dissent, &d.date]
            .into_iter()
            .chain(&d.deciders)
    }))
    .map(String::as_str)
}

/// Checks that the parts of a case agree: required fields filled, IDs unique, every
/// reference to an expectation naming one the case holds.
pub fn validate(case: &Case) -> Result<(), ImportError> {
    let invalid = |m: String| Err(ImportError::Invalid(m));
    for (field, value) in [
        ("id", &case.id),
        ("candidate.name", &case.candidate.name),
        ("candidate.alias", &case.candidate.alias),
        ("track", &case.track),
        ("current_level", &case.current_level),
        ("target_level", &case.target_level),
    ] {
        if value.trim().is_empty() {
            return invalid(format!("the case has no `{field}`"));
        }
    }
    if case.id.len() > MAX_ID {
        return invalid(format!("the case's id is longer than {MAX_ID} characters"));
    }
    if case.evidence.len() + case.specialists.len() > super::MAX_ITEMS {
        return invalid(format!(
            "the case holds more than {} pieces of evidence and specialist input",
            super::MAX_ITEMS
        ));
    }
    if let Some(long) = texts(case).find(|t| super::too_long(t)) {
        let start: String = long.chars().take(40).collect();
        return invalid(format!(
            "a text of the case is longer than {} characters (it begins “{start}…”)",
            super::MAX_TEXT
        ));
    }
    // A blind copy has the alias as its name: nothing to give away.
    let parts = if case.candidate.name == case.candidate.alias {
        Vec::new()
    } else {
        name_parts(&case.candidate.name)
    };
    if let Some(part) = parts.iter().find(|p| {
        replace_names(&case.candidate.alias, std::slice::from_ref(p), "") != case.candidate.alias
    }) {
        return invalid(format!(
            "the alias contains `{part}`, part of the candidate's name; blind review needs an alias that does not"
        ));
    }
    let known: HashSet<&str> = case.expectations.iter().map(|e| e.id.as_str()).collect();
    if known.len() != case.expectations.len() {
        return invalid("the case lists one expectation twice".into());
    }
    let mut ids = HashSet::new();
    for ev in &case.evidence {
        if !ids.insert(ev.id.as_str()) {
            return invalid(format!("two pieces of evidence have the id `{}`", ev.id));
        }
        if ev.what.trim().is_empty() {
            return invalid(format!("evidence `{}` does not say what happened", ev.id));
        }
        if let Some(unknown) = ev.expectations.iter().find(|x| !known.contains(x.as_str())) {
            return invalid(format!(
                "evidence `{}` refers to `{unknown}`, which is not an expectation of this case",
                ev.id
            ));
        }
        if let Some(link) = &ev.link {
            if !crate::framework::markdown::is_allowed_link(link) {
                return invalid(format!(
                    "evidence `{}` has a link that is not http(s) or mailto",
                    ev.id
                ));
            }
        }
    }
    for s in &case.specialists {
        if !ids.insert(s.id.as_str()) {
            return invalid(format!("two items have the id `{}`", s.id));
        }
        if let Some(unknown) = s.expectations.iter().find(|x| !known.contains(x.as_str())) {
            return invalid(format!(
                "the input of `{}` refers to `{unknown}`, which is not an expectation of this case",
                s.who
            ));
        }
    }
    let scale = &case.framework.scale;
    for ratings in [&case.ratings, &case.self_ratings] {
        if let Some(unknown) = ratings.keys().find(|x| !known.contains(x.as_str())) {
            return invalid(format!(
                "a rating is given for `{unknown}`, which is not an expectation of this case"
            ));
        }
        if let Some(r) = ratings
            .values()
            .find(|r| !scale.is_empty() && !scale.iter().any(|s| s.id == r.rating))
        {
            return invalid(format!("`{}` is not on the case's rating scale", r.rating));
        }
    }
    Ok(())
}

/// The decision record: the case as a committee reads it, in markdown. Levels read as
/// their titles and bands, competencies by their names, ratings and sources in words; the
/// ids, which mean different things on different tracks, stay in the case file. The
/// expectations are numbered, so that a committee can cite one.
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
                    ev.source.reader()
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
                let _ = writeln!(o, "- {} ({}, specialist): {}", s.who, s.craft, s.said);
            }
            let _ = writeln!(o);
        }
    }
    o
}

/// The decision record as one HTML page, ready to print or save as PDF: the markdown
/// record rendered and sanitised like ladder text, with its own print stylesheet.
pub fn to_html(case: &Case) -> String {
    let body = crate::framework::markdown::to_html(&to_markdown(case));
    let title = escape_html(&format!("Promotion case: {}", case.candidate.name));
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
}

const STYLE: &str = "body { font: 11pt/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #111; margin: 0; }
main { max-width: 46rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.75rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid #999; padding-bottom: 0.25rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 0.25rem; break-after: avoid; }
code { font-size: 0.85em; color: #444; }
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
    use super::*;
    use crate::cases::{Candidate, Evidence, Rating, Source};

    fn case() -> Case {
        let f = crate::load_bundled().framework;
        let mut c = crate::cases::check::start(
            &f,
            crate::cases::check::Start {
                id: "c1",
                candidate: Candidate {
                    name: "Ana Lima".into(),
                    alias: "Candidate 7".into(),
                },
                track: "engineering",
                current: "e3",
                target: "e4",
                hash: "b684f365e823",
                commit: Some("0a1b2c3".into()),
            },
        )
        .expect("start");
        let first = c.expectations[0].id.clone();
        c.evidence.push(Evidence {
            id: "ev-1".into(),
            what: "Ana led the billing migration; Lima's plan split it in four".into(),
            when: "2026-09".into(),
            outcome: "No invoice was late, and ANA trained two engineers".into(),
            link: Some("https://example.com/ana-lima/billing".into()),
            source: Source::Owner,
            expectations: vec![first.clone()],
        });
        c.ratings.insert(
            first,
            Rating {
                rating: "meets".into(),
                reason: "Ana's migration".into(),
            },
        );
        c.recommendation = Some("Promote Ana now.".into());
        c
    }

    #[test]
    fn gendered_words_a_blind_copy_keeps_are_pointed_out() {
        let mut c = case();
        c.evidence[0].what = "She led the migration; the plan was hers".into();
        c.evidence[0].outcome = "No invoice was late".into();
        c.recommendation = Some("Promote them now; the shelf life of his work is long".into());
        let hints = blind_hints(&c);
        let found: Vec<(&str, &str)> = hints
            .iter()
            .map(|h| (h.place.as_str(), h.word.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                ("evidence ev-1", "She"),
                ("evidence ev-1", "hers"),
                ("the recommendation", "his"),
            ],
            "whole words only: `shelf`, `them` and `the` are not pronouns"
        );
        c.evidence[0].what = "Led the migration".into();
        c.recommendation = None;
        assert_eq!(blind_hints(&c), Vec::new());
    }

    #[test]
    fn an_oversized_case_is_refused_on_import() {
        let mut c = case();
        c.evidence[0].outcome = "x".repeat(crate::cases::MAX_TEXT + 1);
        let refused = from_json(&to_json(&c));
        assert!(
            matches!(&refused, Err(ImportError::Invalid(m)) if m.contains("longer than")),
            "{refused:?}"
        );
        let mut c = case();
        let ev = c.evidence[0].clone();
        c.evidence = (0..=crate::cases::MAX_ITEMS)
            .map(|n| Evidence {
                id: format!("ev-{n}"),
                ..ev.clone()
            })
            .collect();
        assert!(
            matches!(from_json(&to_json(&c)), Err(ImportError::Invalid(m)) if m.contains("at most") || m.contains("more than"))
        );
    }

    #[test]
    fn a_case_survives_export_and_import() {
        let c = case();
        let text = to_json(&c);
        assert!(text.starts_with("{\n  \"rung_case\": 2,"));
        assert_eq!(from_json(&text), Ok(c));
    }

    #[test]
    fn a_file_of_the_first_format_reads_as_a_case_without_names() {
        let mut c = case();
        c.names = None;
        let old = to_json(&c).replacen("\"rung_case\": 2,", "\"rung_case\": 1,", 1);
        assert!(!old.contains("\"names\""), "{old}");
        assert_eq!(from_json(&old), Ok(c.clone()));
        // Its record falls back to the ids, which say something rather than nothing.
        assert!(to_markdown(&c).contains("From level e3 to level e4, on the engineering track"));
    }

    #[test]
    fn a_blind_record_holds_no_level_or_track_id() {
        let f = crate::load_bundled().framework;
        let mut c = crate::cases::check::start(
            &f,
            crate::cases::check::Start {
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
            source: Source::Peer,
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
    fn a_bad_file_says_where_and_what() {
        assert!(matches!(
            from_json("{ not json"),
            Err(ImportError::Shape { line: 1, .. })
        ));
        assert_eq!(from_json("{\"case\": {}}"), Err(ImportError::NotACase));
        assert_eq!(
            from_json("{\"rung_case\": 9, \"case\": {}}"),
            Err(ImportError::TooNew(9))
        );
        let c = case();
        let typo = to_json(&c).replace("\"outcome\"", "\"outcom\"");
        match from_json(&typo) {
            Err(ImportError::Shape { line, message, .. }) => {
                assert!(message.contains("outcom"), "{message}");
                assert!(line > 1);
            }
            other => panic!("{other:?}"),
        }
        let mut wrong = c.clone();
        wrong.evidence[0].expectations = vec!["engineering/e9/nothing".into()];
        assert_eq!(
            from_json(&to_json(&wrong)),
            Err(ImportError::Invalid(
                "evidence `ev-1` refers to `engineering/e9/nothing`, which is not an expectation of this case".into()
            ))
        );
        let mut script = c;
        script.evidence[0].link = Some("javascript:alert(1)".into());
        assert!(matches!(
            from_json(&to_json(&script)),
            Err(ImportError::Invalid(_))
        ));
    }

    #[test]
    fn a_blind_copy_hides_the_name_everywhere_the_case_holds_it() {
        let b = blind(&case());
        let text = to_json(&b);
        for hidden in ["Ana", "Lima", "ANA", "ana-lima"] {
            assert!(!text.contains(hidden), "{hidden} is still in {text}");
        }
        assert_eq!(b.candidate.name, "Candidate 7");
        assert_eq!(
            b.evidence[0].what,
            "Candidate 7 led the billing migration; Candidate 7's plan split it in four"
        );
        assert_eq!(
            b.recommendation.as_deref(),
            Some("Promote Candidate 7 now.")
        );
        assert!(b.id.starts_with("blind-") && !b.id.contains("c1"));
    }

    #[test]
    fn an_alias_that_gives_the_name_away_is_refused() {
        let mut c = case();
        c.candidate.alias = "Ana L.".into();
        assert!(
            matches!(validate(&c), Err(ImportError::Invalid(m)) if m.contains("the alias contains `Ana`"))
        );
        let mut c = case();
        c.ratings
            .values_mut()
            .for_each(|r| r.rating = "superb".into());
        assert!(
            matches!(validate(&c), Err(ImportError::Invalid(m)) if m.contains("not on the case's rating scale"))
        );
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
