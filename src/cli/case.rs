//! `rung case`: promotion cases from the terminal, in the same database as the app.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};

use rung::cases::check;
use rung::cases::create::{self, NewCase};
use rung::cases::drift;
use rung::cases::exchange::{self, read_case_file_with};
use rung::cases::export::{export as export_case, ExportFormat};
use rung::cases::limits::check_case_id;
use rung::cases::names;
use rung::cases::store::Store;
use rung::files::data;

use super::seal::{seal_text, Opening, Sealing};
use super::{load, print};

/// The case database: `--db`, else `cases.db` in the data folder (`RUNG_DATA_DIR`, else
/// the platform's folder for Rung), which is created private, or tightened when an older
/// Rung left it readable by others.
pub(crate) fn database(db: Option<&Path>) -> Result<PathBuf> {
    if let Some(db) = db {
        return Ok(db.to_path_buf());
    }
    let platform = directories::ProjectDirs::from("org", "Rung", "Rung")
        .map(|dirs| dirs.data_dir().to_path_buf());
    let dir = data::locate(std::env::var_os(data::OVERRIDE), platform).ok_or_else(|| {
        anyhow!("this system has no data folder for Rung; name a database with --db")
    })?;
    let changed = data::prepare(&dir)
        .with_context(|| format!("cannot make the data folder {} private", dir.display()))?;
    if let Some(note) = data::tightened_note(&dir, &changed) {
        eprintln!("note: {note}");
    }
    Ok(dir.join(data::DATABASE))
}

/// Writes an export that carries case data to `path`, readable by its owner only.
pub(crate) fn write_private(path: &Path, text: &str) -> Result<()> {
    rung::files::private::write(path, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Prints `text`, or with `out` writes it there privately and prints `said` instead.
pub(crate) fn print_or_write(
    text: &str,
    out: Option<&Path>,
    said: impl FnOnce(&Path) -> String,
) -> Result<ExitCode> {
    match out {
        Some(path) => {
            write_private(path, text)?;
            print(&said(path))
        }
        None => print(text),
    }
}

pub(crate) fn open(db: Option<&Path>) -> Result<Store> {
    let path = database(db)?;
    Store::open(&path).map_err(|e| super::backup::opening(&path, e))
}

/// Now, as RFC 3339 in UTC, for the history.
pub(crate) fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rung::cases::history::rfc3339(secs)
}

/// What `rung case new` needs; without an id, the case gets a fresh one.
pub(crate) struct New<'a> {
    pub(crate) id: Option<&'a str>,
    pub(crate) name: &'a str,
    pub(crate) alias: &'a str,
    pub(crate) track: &'a str,
    pub(crate) from: &'a str,
    pub(crate) to: &'a str,
    pub(crate) self_assessment: bool,
    pub(crate) owner_craft: Option<&'a str>,
    pub(crate) owner: Option<&'a str>,
    pub(crate) period: Option<rung::cases::Period>,
}

/// `rung case new`.
pub(crate) fn new(db: Option<&Path>, ladders: Option<&Path>, n: New<'_>) -> Result<ExitCode> {
    let new = NewCase {
        id: n.id.map(str::to_owned),
        name: n.name.to_owned(),
        alias: n.alias.to_owned(),
        track: n.track.to_owned(),
        from: n.from.to_owned(),
        to: n.to.to_owned(),
        self_assessment: n.self_assessment,
        owner_craft: n.owner_craft.map(str::to_owned),
        owner: n.owner.map(str::to_owned),
        period: n.period,
    };
    new.check()?;
    let (loaded, _) = load(ladders)?;
    let hash = rung::framework::hash::content_hash(&loaded);
    let commit = ladders.and_then(rung::files::folder::git_commit);
    let case = create::create(
        &mut open(db)?,
        &loaded.framework,
        &new,
        &hash,
        commit,
        &now(),
    )?
    .case;
    print(&format!(
        "case `{}` started: {} expectations of {}, {} of them new since {}\n",
        case.id,
        case.expectations.len(),
        names::target(&case),
        case.expectations.iter().filter(|e| e.new).count(),
        names::current(&case)
    ))
}

/// `rung case list`.
pub(crate) fn list(db: Option<&Path>, blind: bool) -> Result<ExitCode> {
    let store = open(db)?;
    let mut out = String::new();
    for stored in store.list()? {
        let c = &stored.case;
        let cov = check::coverage(c);
        let who = if blind {
            &c.candidate.alias
        } else {
            &c.candidate.name
        };
        out.push_str(&format!(
            "{:<16} {:<24} {}: {} → {}   {} of {} supported, {} gaps\n",
            c.id,
            who,
            names::track(c),
            names::current(c),
            names::target(c),
            cov.supported,
            cov.total,
            cov.no_evidence.len()
                + cov.self_only.len()
                + cov.judges_person.len()
                + cov.unrated.len()
                + cov.no_reason.len()
                + cov.unexplained.len()
                + cov.no_specialist.len()
        ));
    }
    if out.is_empty() {
        out.push_str("no cases yet\n");
    }
    print(&out)
}

/// `rung case show` and `rung case export`.
pub(crate) fn export(
    db: Option<&Path>,
    id: &str,
    format: ExportFormat,
    blind: bool,
    out: Option<&Path>,
    sealing: &Sealing,
) -> Result<ExitCode> {
    check_case_id(id)?;
    let lock = sealing.lock()?;
    let case = open(db)?.get(id)?.case;
    if blind {
        for hint in exchange::blind_hints(&case) {
            eprintln!(
                "warning: {} says `{}`; a gendered word tells a blind reviewer more than the alias does",
                hint.place, hint.word
            );
        }
    }
    let text = seal_text(export_case(&case, None, format, blind).text, lock.as_ref())?;
    print_or_write(&text, out, |path| {
        format!("case `{id}` written to {}\n", path.display())
    })
}

/// `rung case import FILE`.
pub(crate) fn import(db: Option<&Path>, file: &Path, opening: &Opening) -> Result<ExitCode> {
    let case = read_case_file_with(file, &opening.unlock()?)?;
    open(db)?.create(&case, &now())?;
    print(&format!("case `{}` imported\n", case.id))
}

/// `rung case check ID|FILE`: coverage and evidence lint; exit 1 when anything is missing.
pub(crate) fn check(
    db: Option<&Path>,
    ladders: Option<&Path>,
    what: &str,
    opening: &Opening,
) -> Result<ExitCode> {
    let path = Path::new(what);
    let case = if path.is_file() {
        read_case_file_with(path, &opening.unlock()?)?
    } else {
        check_case_id(what)?;
        open(db)?.get(what)?.case
    };
    let cov = check::coverage(&case);
    let findings = check::lint_evidence(&case.evidence);
    let mut out = format!(
        "case `{}`: {} of {} expectations supported by someone other than the candidate\n",
        case.id, cov.supported, cov.total
    );
    // Expectations by their words, each with its id at the end for `rung case rate`.
    for (label, list) in [
        ("no evidence", &cov.no_evidence),
        ("only the candidate's own evidence", &cov.self_only),
        (
            "only evidence that judges the person (reword it to count)",
            &cov.judges_person,
        ),
        ("not rated", &cov.unrated),
        ("rated without a reason", &cov.no_reason),
        (check::NO_SPECIALIST, &cov.no_specialist),
    ] {
        for id in list.iter() {
            let words = names::expectation(&case, id);
            out.push_str(&format!("gap: {label}: “{words}” ({id})\n"));
        }
    }
    for d in &cov.unexplained {
        let id = &d.expectation;
        let words = names::expectation(&case, id);
        out.push_str(&format!("gap: {}: “{words}” ({id})\n", d.gap()));
    }
    for f in &findings {
        let word = f
            .word
            .as_deref()
            .map(|w| format!(" (`{w}`)"))
            .unwrap_or_default();
        let counts = if f.weakness == check::Weakness::Personality {
            "; until then it does not count as support"
        } else {
            ""
        };
        out.push_str(&format!(
            "weak evidence: {}{word}: {}; {}{counts}\n",
            f.evidence, f.problem, f.suggestion
        ));
    }
    let rule = rung::cases::rule::status(&case);
    if let Some(status) = &rule {
        out.push_str(&rule_lines(status));
    }
    let (loaded, name) = load(ladders)?;
    let hash = rung::framework::hash::content_hash(&loaded);
    // Drift only means something against the framework the case was begun on.
    let same_framework = loaded.framework.name == case.framework.name;
    if let Some(drift) = same_framework
        .then(|| drift::drift(&case, &loaded.framework, &hash))
        .flatten()
    {
        out.push_str(&format!(
            "the framework changed since this case began (hash {} then, {} now in {name}); the case reads on its pinned text\n",
            drift.pinned_hash, drift.current_hash
        ));
        for change in &drift.changes {
            let line = match change {
                drift::Drifted::Reworded { id, now, .. } => format!(
                    "reworded: “{}” now reads \"{now}\" ({id})",
                    names::expectation(&case, id)
                ),
                drift::Drifted::Removed { id } => {
                    format!("removed: “{}” ({id})", names::expectation(&case, id))
                }
                drift::Drifted::Added { id, text } => {
                    format!("added: “{}” ({id})", rung::cases::names::short(text, 60))
                }
            };
            out.push_str(&line);
            out.push('\n');
        }
    }
    if !same_framework {
        out.push_str(&format!(
            "the case began on {} {}; {name} is another framework, so changes since are not shown (name its folder with --ladders)\n",
            case.framework.name, case.framework.version
        ));
    }
    print(&out)?;
    let rule_holds = rule.as_ref().is_none_or(|s| s.holds);
    Ok(if cov.is_complete() && findings.is_empty() && rule_holds {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Where a case stands against its promotion rule: a line for the verdict, then one per
/// clause, holds or not, with why.
fn rule_lines(status: &rung::cases::rule::RuleStatus) -> String {
    let mut out = format!(
        "promotion rule: {}
",
        if status.holds {
            "the case meets it"
        } else {
            "the case does not meet it yet"
        }
    );
    if status.clauses.is_empty() {
        out.push_str(&format!("  {}\n", status.rule));
    }
    for c in &status.clauses {
        let mark = if c.holds { "holds" } else { "does not hold" };
        out.push_str(&format!("  {mark}: {} {}\n", c.says, c.why));
    }
    out
}

/// `rung case evidence` and `rung case rate`: one edit, saved with its history.
pub(crate) fn edit(db: Option<&Path>, id: &str, edit: rung::cases::edit::Edit) -> Result<ExitCode> {
    check_case_id(id)?;
    let stored = open(db)?.update(id, &now(), |case| {
        rung::cases::edit::apply(case, edit).map_err(Into::into)
    })?;
    let cov = check::coverage(&stored.case);
    print(&format!(
        "case `{id}` saved (revision {}): {} of {} expectations supported, {} not rated\n",
        stored.revision,
        cov.supported,
        cov.total,
        cov.unrated.len()
    ))
}

/// What `rung case specialist` was given.
pub(crate) struct View {
    pub(crate) who: String,
    pub(crate) craft: String,
    pub(crate) level: String,
    pub(crate) said: String,
    pub(crate) expectations: Vec<String>,
    pub(crate) ratings: Vec<String>,
    pub(crate) reasons: Vec<String>,
    pub(crate) reviewed: Vec<String>,
    pub(crate) reviewed_links: Vec<String>,
    pub(crate) confidence: Option<String>,
    pub(crate) conflict: String,
}

/// `rung case specialist`: `--rating E=R` and `--reason E=WHY` become the view's ratings.
pub(crate) fn specialist(db: Option<&Path>, id: &str, v: View) -> Result<ExitCode> {
    use rung::cases::{Artefact, Confidence, Rating};
    let pair = |flag: &str, text: &str| {
        text.split_once('=')
            .map(|(e, r)| (e.trim().to_owned(), r.to_owned()))
            .ok_or_else(|| anyhow::anyhow!("`--{flag} {text}`: write it as EXPECTATION=VALUE"))
    };
    let mut ratings = std::collections::BTreeMap::new();
    for r in &v.ratings {
        let (expectation, rating) = pair("rating", r)?;
        ratings.insert(
            expectation,
            Rating {
                rating: rating.trim().to_owned(),
                reason: String::new(),
            },
        );
    }
    for r in &v.reasons {
        let (expectation, reason) = pair("reason", r)?;
        let rated = ratings.get_mut(&expectation).ok_or_else(|| {
            anyhow::anyhow!("`--reason` names `{expectation}`, which has no `--rating`")
        })?;
        rated.reason = reason;
    }
    let reviewed = v
        .reviewed
        .into_iter()
        .map(|description| Artefact {
            description,
            link: None,
        })
        .chain(v.reviewed_links.into_iter().map(|link| Artefact {
            description: String::new(),
            link: Some(link),
        }))
        .collect();
    let confidence = v.confidence.as_deref().and_then(|c| match c {
        "low" => Some(Confidence::Low),
        "medium" => Some(Confidence::Medium),
        "high" => Some(Confidence::High),
        _ => None,
    });
    edit(
        db,
        id,
        rung::cases::edit::Edit::AddSpecialist {
            who: v.who,
            craft: v.craft,
            level: v.level,
            said: v.said,
            expectations: v.expectations,
            reviewed,
            ratings,
            confidence,
            conflict: v.conflict,
        },
    )
}

/// `rung case history`.
pub(crate) fn history(db: Option<&Path>, id: &str) -> Result<ExitCode> {
    check_case_id(id)?;
    let store = open(db)?;
    let case = store.get(id)?.case;
    let mut out = String::new();
    for entry in store.history(id)? {
        out.push_str(&format!(
            "{}  r{}  {}\n",
            entry.at,
            entry.revision,
            rung::cases::history::describe(&case, &entry.change)
        ));
    }
    print(&out)
}

/// `rung case request ID --expectation E… [--not-blind]`: a request for a specialist's
/// view, printed as JSON.
pub(crate) fn request(
    db: Option<&Path>,
    ladders: Option<&Path>,
    id: &str,
    expectations: &[String],
    blind: bool,
    out: Option<&Path>,
    sealing: &Sealing,
) -> Result<ExitCode> {
    check_case_id(id)?;
    let lock = sealing.lock()?;
    let case = open(db)?.get(id)?.case;
    let (loaded, _) = load(ladders)?;
    let request = rung::cases::specialist::request(&case, &loaded.framework, expectations, blind)?;
    let text = seal_text(rung::cases::specialist::to_json(&request), lock.as_ref())?;
    print_or_write(&text, out, |path| {
        format!(
            "a request for a specialist's view of case `{id}` written to {}\n",
            path.display()
        )
    })
}

/// `rung case import-view ID FILE`: a specialist's answer taken into the case.
pub(crate) fn import_view(
    db: Option<&Path>,
    id: &str,
    file: &Path,
    opening: &Opening,
) -> Result<ExitCode> {
    check_case_id(id)?;
    let text = rung::cases::specialist::read_answer_file_with(file, &opening.unlock()?)?;
    let mut store = open(db)?;
    let view = rung::cases::specialist::answer(&store.get(id)?.case, &text)?;
    let stored = store.update(id, &now(), |case| {
        rung::cases::edit::apply(case, view).map_err(Into::into)
    })?;
    let who = stored
        .case
        .specialists
        .last()
        .map_or("", |s| s.who.as_str());
    let cov = check::coverage(&stored.case);
    print(&format!(
        "the view of {who} taken into case `{id}` (revision {}); {} rating(s) differ from yours without a reason\n",
        stored.revision,
        cov.unexplained.len()
    ))
}

/// `rung case import-self ID FILE`.
pub(crate) fn import_self(
    db: Option<&Path>,
    id: &str,
    file: &Path,
    opening: &Opening,
) -> Result<ExitCode> {
    check_case_id(id)?;
    let assessment = read_case_file_with(file, &opening.unlock()?)?;
    let stored = open(db)?.update(id, &now(), |case| {
        rung::cases::self_assessment::import(case, &assessment).map_err(Into::into)
    })?;
    let mut out = format!(
        "self-assessment taken into case `{id}` (revision {})\n\n{:<10} {:<10} expectation\n",
        stored.revision, "self", "owner"
    );
    for pair in rung::cases::self_assessment::side_by_side(&stored.case) {
        let rating = |r: &Option<rung::cases::Rating>| {
            r.as_ref().map_or("—".to_owned(), |r| r.rating.clone())
        };
        out.push_str(&format!(
            "{:<10} {:<10} “{}” ({}){}\n",
            rating(&pair.candidate),
            rating(&pair.owner),
            names::expectation(&stored.case, &pair.expectation),
            pair.expectation,
            if pair.differ { "   ← differ" } else { "" }
        ));
    }
    print(&out)
}

/// `rung case owner ID [--name N] [--craft C]`: the owner's name and craft in one
/// revision; an empty value clears it.
pub(crate) fn owner(
    db: Option<&Path>,
    id: &str,
    name: Option<String>,
    craft: Option<String>,
) -> Result<ExitCode> {
    use rung::cases::edit::{apply, Edit};
    if name.is_none() && craft.is_none() {
        return Err(anyhow!(
            "say the owner's --name, their --craft, or both (an empty value clears it)"
        ));
    }
    check_case_id(id)?;
    let stored = open(db)?.update(id, &now(), |case| {
        if let Some(name) = name {
            apply(case, Edit::Owner { name: Some(name) })?;
        }
        if let Some(craft) = craft {
            apply(case, Edit::OwnerCraft { craft: Some(craft) })?;
        }
        Ok(())
    })?;
    let c = &stored.case;
    print(&format!(
        "case `{id}` saved (revision {}): owned by {}{}\n",
        stored.revision,
        c.owner.as_deref().unwrap_or("no one named"),
        c.owner_craft
            .as_deref()
            .map(|craft| format!(", of the {craft} craft"))
            .unwrap_or_default()
    ))
}

/// `rung case period ID FROM..TO` or `--clear`: the period read as the app reads it.
pub(crate) fn period(db: Option<&Path>, id: &str, period: Option<&str>) -> Result<ExitCode> {
    check_case_id(id)?;
    let period = period.map(rung::cases::limits::parse_period).transpose()?;
    edit(db, id, rung::cases::edit::Edit::Period { period })
}

/// `rung case review-export ID --reviewer NAME [--craft C] [--out FILE]`: a reviewer's
/// copy, a case file that holds no one else's ratings.
pub(crate) fn review_export(
    db: Option<&Path>,
    id: &str,
    reviewer: rung::cases::Reviewer,
    out: Option<&Path>,
    sealing: &Sealing,
) -> Result<ExitCode> {
    check_case_id(id)?;
    let lock = sealing.lock()?;
    let case = open(db)?.get(id)?.case;
    let copy = rung::cases::review::for_reviewer(&case, &reviewer)?;
    let text = seal_text(exchange::to_json(&copy), lock.as_ref())?;
    match out {
        Some(path) => {
            write_private(path, &text)?;
            let name = copy.review_for.as_ref().map_or("", |r| r.name.as_str());
            print(&format!(
                "a copy of case `{id}` for {name} to rate written to {}\n",
                path.display()
            ))
        }
        None => print(&text),
    }
}

/// `rung case review-rate FILE EXPECTATION RATING --reason WHY`: the reviewer rates
/// their copy, which is written back whole once it would import.
pub(crate) fn review_rate(
    file: &Path,
    expectation: String,
    rating: String,
    reason: String,
    sealing: &Sealing,
) -> Result<ExitCode> {
    let lock = sealing.lock()?;
    let mut copy = read_case_file_with(file, &sealing.unlock()?)?;
    let Some(reviewer) = copy.review_for.clone() else {
        return Err(rung::cases::review::ReviewError::NotAReview.into());
    };
    rung::cases::edit::apply(
        &mut copy,
        rung::cases::edit::Edit::Rate {
            expectation: expectation.clone(),
            rating,
            reason,
        },
    )?;
    let text = seal_text(rung::cases::review::to_file(&copy)?, lock.as_ref())?;
    write_private(file, &text)?;
    print(&format!(
        "“{}” rated in the copy of case `{}` for {}: {} of {} expectations rated\n",
        names::expectation(&copy, &expectation),
        copy.id,
        reviewer.name,
        copy.ratings.len(),
        copy.expectations.len()
    ))
}

/// `rung case review-import ID FILE`: a reviewer's ratings taken into the case, then
/// printed beside the owner's.
pub(crate) fn review_import(
    db: Option<&Path>,
    id: &str,
    file: &Path,
    opening: &Opening,
) -> Result<ExitCode> {
    check_case_id(id)?;
    let copy = read_case_file_with(file, &opening.unlock()?)?;
    let stored = open(db)?.update(id, &now(), |case| {
        rung::cases::review::import(case, &copy).map_err(Into::into)
    })?;
    let c = &stored.case;
    let name = copy.review_for.as_ref().map_or("", |r| r.name.as_str());
    let Some(review) = c.reviews.iter().find(|r| r.reviewer.name == name) else {
        return Err(anyhow!("the review of {name} was not kept"));
    };
    let mut out = format!(
        "ratings of {name} taken into case `{id}` (revision {}): {} of {} expectations rated\n\n{:<10} {:<10} expectation\n",
        stored.revision,
        review.ratings.len(),
        c.expectations.len(),
        "reviewer",
        "owner"
    );
    for (expectation, theirs) in &review.ratings {
        let owner = c.ratings.get(expectation).map(|r| r.rating.as_str());
        out.push_str(&format!(
            "{:<10} {:<10} “{}” ({expectation}){}\n",
            theirs.rating,
            owner.unwrap_or("—"),
            names::expectation(c, expectation),
            if owner.is_some_and(|o| o != theirs.rating) {
                "   ← differ"
            } else {
                ""
            }
        ));
    }
    print(&out)
}

/// `rung case recalibrate ID EXPECTATION RATING --reason WHY`: the owner's rating changed
/// during calibration, kept with before, after and why.
pub(crate) fn recalibrate(
    db: Option<&Path>,
    id: &str,
    expectation: String,
    rating: String,
    reason: String,
) -> Result<ExitCode> {
    check_case_id(id)?;
    let stored = open(db)?.update(id, &now(), |case| {
        rung::cases::edit::apply(
            case,
            rung::cases::edit::Edit::Recalibrate {
                expectation,
                rating,
                reason,
                at: now(),
            },
        )
        .map_err(Into::into)
    })?;
    let c = &stored.case;
    let Some(change) = c.recalibrations.last() else {
        return Err(anyhow!("the change was not kept"));
    };
    let word = |r: &str| {
        c.framework
            .scale
            .iter()
            .find(|s| s.id == r)
            .map_or_else(|| r.to_owned(), |s| s.name.clone())
    };
    print(&format!(
        "case `{id}` saved (revision {}): “{}” changed in calibration from {} to {}\n",
        stored.revision,
        names::expectation(c, &change.expectation),
        change
            .before
            .as_deref()
            .map_or("not rated".to_owned(), word),
        word(&change.after)
    ))
}

/// `rung case delete ID`: the case goes to the trash.
pub(crate) fn delete(db: Option<&Path>, id: &str) -> Result<ExitCode> {
    check_case_id(id)?;
    open(db)?.delete(id, &now())?;
    print(&format!(
        "case `{id}` moved to the trash; it is kept {} days: `rung case undelete {id}` restores it\n",
        rung::cases::trash::KEPT_DAYS
    ))
}

/// `rung case trash`: the cases in the trash, the most recently deleted first.
pub(crate) fn trash(db: Option<&Path>, blind: bool) -> Result<ExitCode> {
    let mut out = String::new();
    for t in open(db)?.trash(&now())? {
        let who = if blind { &t.alias } else { &t.name };
        let days = if t.days_left == 1 { "day" } else { "days" };
        out.push_str(&format!(
            "{:<16} {:<24} {} → {}   deleted {}, {} {days} left\n",
            t.id, who, t.track, t.target_level, t.deleted_at, t.days_left
        ));
    }
    if out.is_empty() {
        out.push_str("the trash is empty\n");
    }
    print(&out)
}

/// `rung case undelete ID`: the case comes back out of the trash.
pub(crate) fn undelete(db: Option<&Path>, id: &str) -> Result<ExitCode> {
    check_case_id(id)?;
    open(db)?.restore_deleted(id, &now())?;
    print(&format!("case `{id}` restored from the trash\n"))
}
