//! A calibration as a person reads it: plain text for a terminal, markdown, and a
//! standalone printable HTML page, the packet a committee reads (CSS inline, no script,
//! nothing fetched, every text escaped; blind when the calibration is).
//!
//! Warning keys hold case ids, which whoever made a case chose and which may say who it
//! is about: the text for the terminal shows them (they are what `rung calibrate`
//! acknowledges by); markdown and HTML show them only when not blind.

use std::fmt::Write as _;

use super::{Calibration, Cell, Column, OtherRating, Rater, Row, Strength, Warning};

/// `Candidate 7`'s column head in one line: track, levels, band, owner, period, outcome.
fn head(c: &Column) -> String {
    let mut parts = vec![format!("{}: {}", c.track_name, c.target_name)];
    if let Some(owner) = &c.owner {
        parts.push(format!("case owner {owner}"));
    }
    if let Some(p) = &c.period {
        parts.push(format!("review period {} to {}", p.from, p.to));
    }
    if !c.reviewers.is_empty() {
        parts.push(format!("reviewers {}", c.reviewers.join(", ")));
    }
    if let Some(o) = &c.outcome {
        parts.push(format!("decided: {o}"));
    }
    parts.join("; ")
}

/// What a cell's evidence rests on: `3 items (2 from others, 1 weak), corroborated`.
fn strength(s: &Strength) -> String {
    if s.items == 0 {
        return "no evidence".into();
    }
    let mut by = Vec::new();
    for (n, who) in [
        (s.by_candidate, "self"),
        (s.by_owner, "owner"),
        (s.by_peer, "peer"),
        (s.by_specialist, "specialist"),
    ] {
        if n > 0 {
            by.push(format!("{n} {who}"));
        }
    }
    let mut out = format!(
        "{} {} ({})",
        s.items,
        if s.items == 1 { "item" } else { "items" },
        by.join(", ")
    );
    if s.weak > 0 {
        let _ = write!(out, ", {} weak", s.weak);
    }
    if s.corroborated {
        out.push_str(", corroborated");
    }
    out
}

/// The other ratings of a cell in one line: `self Emerging, Reviewer 1 Meets`.
fn others(others: &[OtherRating]) -> String {
    others
        .iter()
        .map(|o| {
            // A blind packet's `Specialist 1` says the role already.
            let who = match o.role {
                Rater::Specialist if !o.who.to_lowercase().contains("specialist") => {
                    format!("{} (specialist)", o.who)
                }
                _ => o.who.clone(),
            };
            format!("{who} {}", o.rating_name)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A cell's rating in one line: `Meets (self Emerging) · 2 items (…) · spread 1`.
fn rating_line(cell: &Cell) -> String {
    let mut line = cell
        .rating_name
        .clone()
        .unwrap_or_else(|| "not rated".into());
    if !cell.others.is_empty() {
        let _ = write!(line, " ({})", others(&cell.others));
    }
    let _ = write!(line, " · {}", strength(&cell.evidence));
    if cell.spread > 0 {
        let _ = write!(line, " · spread {}", cell.spread);
    }
    line
}

/// A rating id as the scale names it.
fn step<'a>(c: &'a Calibration, id: Option<&'a str>) -> &'a str {
    match id {
        None => "none",
        Some(id) => c
            .scale
            .iter()
            .find(|s| s.id == id)
            .map_or(id, |s| s.name.as_str()),
    }
}

/// `2 standing, 1 acknowledged`.
fn warning_count(warnings: &[Warning]) -> String {
    let done = warnings.iter().filter(|w| w.acknowledged.is_some()).count();
    format!("{} standing, {done} acknowledged", warnings.len() - done)
}

fn title(c: &Calibration) -> String {
    format!(
        "Calibration of {} {}{}",
        c.columns.len(),
        if c.columns.len() == 1 {
            "case"
        } else {
            "cases"
        },
        if c.blind { " (blind)" } else { "" }
    )
}

/// The calibration as plain text, for a terminal.
pub fn to_text(calibration: &Calibration) -> String {
    let c = calibration;
    let mut o = String::new();
    let _ = writeln!(o, "{}", title(c));
    let scale: Vec<&str> = c.scale.iter().map(|s| s.name.as_str()).collect();
    let _ = writeln!(o, "Scale: {}\n\nCases", scale.join(", "));
    for col in &c.columns {
        let _ = writeln!(o, "  {} — {}", col.label, head(col));
    }
    let _ = writeln!(o, "\nWarnings ({})", warning_count(&c.warnings));
    if c.warnings.is_empty() {
        let _ = writeln!(o, "  none");
    }
    for w in &c.warnings {
        match &w.acknowledged {
            None => {
                let _ = writeln!(o, "  ! {}\n    key: {}", w.sentence, w.key);
            }
            Some(a) => {
                let _ = writeln!(
                    o,
                    "  ✓ {}\n    key: {}\n    acknowledged {}: {}",
                    w.sentence, w.key, a.at, a.reason
                );
            }
        }
    }
    let _ = writeln!(o, "\nExpectations, most disagreement first");
    let mut left_out = 0;
    for row in &c.rows {
        let Some(shown) = judged_cells(row) else {
            left_out += 1;
            continue;
        };
        let spread = if row.spread > 0 {
            format!(" — spread {}", row.spread)
        } else {
            String::new()
        };
        if c.across_tracks {
            let _ = writeln!(o, "\n  {}{spread}", row.title);
        } else {
            let _ = writeln!(o, "\n  {} [{}]{spread}", row.title, row.competency_name);
        }
        for (col, (cells, hidden)) in c.columns.iter().zip(&shown) {
            if cells.is_empty() && *hidden == 0 {
                let _ = writeln!(o, "    {}: not asked of this level", col.label);
            }
            for cell in cells {
                let _ = if c.across_tracks {
                    writeln!(
                        o,
                        "    {}: “{}”: {}",
                        col.label,
                        cell.text,
                        rating_line(cell)
                    )
                } else {
                    writeln!(o, "    {}: {}", col.label, rating_line(cell))
                };
                if !cell.reason.trim().is_empty() {
                    let _ = writeln!(o, "      Reason: {}", cell.reason);
                }
                if let Some(r) = &cell.recalibrated {
                    let _ = writeln!(
                        o,
                        "      Changed in calibration: {} → {}: {}",
                        step(c, r.before.as_deref()),
                        step(c, Some(&r.after)),
                        r.reason
                    );
                }
                if !cell.warnings.is_empty() {
                    let _ = writeln!(o, "      Warnings: {}", cell.warnings.len());
                }
            }
            if *hidden > 0 {
                let _ = writeln!(
                    o,
                    "    {}: {}",
                    col.label,
                    unjudged(c, *hidden, cells.is_empty())
                );
            }
        }
    }
    if left_out > 0 {
        let _ = writeln!(o, "\n  {}", left_out_line(c, left_out));
    }
    o
}

/// A row's cells someone has judged, per column, with how many that column leaves out;
/// `None` when no one has judged any cell of the row.
fn judged_cells(row: &Row) -> Option<Vec<(Vec<&Cell>, usize)>> {
    let shown: Vec<(Vec<&Cell>, usize)> = row
        .cells
        .iter()
        .map(|cells| {
            let judged: Vec<&Cell> = cells.iter().filter(|c| judged(c)).collect();
            let hidden = cells.len() - judged.len();
            (judged, hidden)
        })
        .collect();
    shown
        .iter()
        .any(|(cells, _)| !cells.is_empty())
        .then_some(shown)
}

/// What a column leaves out of a row: across tracks, `and 8 expectations not rated yet,
/// with no evidence`; on one track, where a row is one expectation, that it is not rated.
fn unjudged(c: &Calibration, hidden: usize, only: bool) -> String {
    if !c.across_tracks {
        return "not rated yet · no evidence".to_owned();
    }
    let more = if only { "" } else { "and " };
    let things = if hidden == 1 {
        "expectation"
    } else {
        "expectations"
    };
    format!("{more}{hidden} {things} not rated yet, with no evidence")
}

/// The line that counts the rows no one has judged.
fn left_out_line(c: &Calibration, rows: usize) -> String {
    let what = match (c.across_tracks, rows == 1) {
        (true, true) => "competency",
        (true, false) => "competencies",
        (false, true) => "expectation",
        (false, false) => "expectations",
    };
    format!("Left out: {rows} {what} no one has rated or given evidence for.")
}

/// Markdown's special characters in `text`, escaped so that a name or a reason is read
/// as words.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// The calibration as markdown.
pub fn to_markdown(calibration: &Calibration) -> String {
    let c = calibration;
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", title(c));
    if c.blind {
        let _ = writeln!(
            o,
            "Names are hidden: each candidate is shown by their alias, reviewers and specialists by number.\n"
        );
    }
    let scale: Vec<String> = c.scale.iter().map(|s| md(&s.name)).collect();
    let _ = writeln!(
        o,
        "Scale, lowest first: {}.\n\n## Cases\n",
        scale.join(", ")
    );
    for col in &c.columns {
        let _ = writeln!(o, "- **{}**: {}", md(&col.label), md(&head(col)));
    }
    let _ = writeln!(o, "\n## Warnings ({})\n", warning_count(&c.warnings));
    if c.warnings.is_empty() {
        let _ = writeln!(o, "None.");
    }
    for w in &c.warnings {
        let _ = writeln!(o, "- {}", md(&w.sentence));
        if !c.blind {
            let _ = writeln!(o, "  - Key: `{}`", w.key.replace('`', "'"));
        }
        if let Some(a) = &w.acknowledged {
            let _ = writeln!(o, "  - Acknowledged {}: {}", md(&a.at), md(&a.reason));
        }
    }
    let _ = writeln!(o, "\n## Expectations, most disagreement first");
    let mut left_out = 0;
    for row in &c.rows {
        let Some(shown) = judged_cells(row) else {
            left_out += 1;
            continue;
        };
        let _ = writeln!(o, "\n### {}\n", md(&row.title));
        let mut about = Vec::new();
        if !c.across_tracks {
            about.push(format!("*{}*", md(&row.competency_name)));
        }
        if row.spread > 0 {
            about.push(format!("spread {}", row.spread));
        }
        if !about.is_empty() {
            let _ = writeln!(o, "{}\n", about.join(" · "));
        }
        for (col, (cells, hidden)) in c.columns.iter().zip(&shown) {
            if cells.is_empty() && *hidden == 0 {
                let _ = writeln!(o, "- **{}**: not asked of this level", md(&col.label));
            }
            for cell in cells {
                let words = if c.across_tracks {
                    format!(" “{}”", md(&cell.text))
                } else {
                    String::new()
                };
                let _ = writeln!(
                    o,
                    "- **{}**{words}: {}",
                    md(&col.label),
                    md(&rating_line(cell))
                );
                if !cell.reason.trim().is_empty() {
                    let _ = writeln!(o, "  - Reason: {}", md(&cell.reason));
                }
                if let Some(r) = &cell.recalibrated {
                    let _ = writeln!(
                        o,
                        "  - Changed in calibration: {} → {}: {}",
                        md(step(c, r.before.as_deref())),
                        md(step(c, Some(&r.after))),
                        md(&r.reason)
                    );
                }
            }
            if *hidden > 0 {
                let _ = writeln!(
                    o,
                    "- **{}**: {}",
                    md(&col.label),
                    unjudged(c, *hidden, cells.is_empty())
                );
            }
        }
    }
    if left_out > 0 {
        let _ = writeln!(o, "\n{}", left_out_line(c, left_out));
    }
    o
}

/// `text` safe inside HTML text and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

const STYLE: &str = "body { font: 10pt/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #111; margin: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 0.5rem; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 0.5rem; border-bottom: 1px solid #999; padding-bottom: 0.2rem; }
p.note { color: #444; }
ul.warnings li { margin: 0.35rem 0; }
ul.warnings li.acknowledged { color: #555; }
.ack { display: block; font-size: 0.9em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.4rem; vertical-align: top; text-align: left; }
thead th { background: #eee; }
th.row { width: 16rem; font-weight: normal; }
table.across th.row { width: 9rem; }
th.row .spread { display: block; }
.more { margin-top: 0.3rem; }
.competency, .small { display: block; color: #555; font-size: 0.85em; }
.spread { font-weight: bold; }
.rating { font-weight: bold; }
.warned { background: #fff4d6; }
.cell + .cell { border-top: 1px dotted #bbb; margin-top: 0.3rem; padding-top: 0.3rem; }
@page { size: landscape; margin: 12mm; }
@media print { body { margin: 0; } tr { break-inside: avoid; } thead { display: table-header-group; } }
";

/// One cell of the HTML grid.
fn html_cell(o: &mut String, c: &Calibration, cell: &Cell) {
    let across_tracks = c.across_tracks;
    let class = if cell.warnings.is_empty() {
        "cell"
    } else {
        "cell warned"
    };
    let _ = write!(o, "<div class=\"{class}\">");
    if across_tracks {
        let _ = write!(o, "<span class=\"small\">{}</span>", esc(&cell.text));
    }
    let _ = write!(
        o,
        "<span class=\"rating\">{}</span>",
        esc(cell.rating_name.as_deref().unwrap_or("not rated"))
    );
    if cell.spread > 0 {
        let _ = write!(o, " · <span class=\"spread\">spread {}</span>", cell.spread);
    }
    if !cell.others.is_empty() {
        let _ = write!(
            o,
            "<span class=\"small\">{}</span>",
            esc(&others(&cell.others))
        );
    }
    let _ = write!(
        o,
        "<span class=\"small\">{}</span>",
        esc(&strength(&cell.evidence))
    );
    if !cell.reason.trim().is_empty() {
        let _ = write!(
            o,
            "<span class=\"small\">Reason: {}</span>",
            esc(&cell.reason)
        );
    }
    if let Some(r) = &cell.recalibrated {
        let _ = write!(
            o,
            "<span class=\"small\">Changed in calibration: {} → {}: {}</span>",
            esc(step(c, r.before.as_deref())),
            esc(step(c, Some(&r.after))),
            esc(&r.reason)
        );
    }
    if !cell.warnings.is_empty() {
        let n = cell.warnings.len();
        let _ = write!(
            o,
            "<span class=\"small\">{n} {}</span>",
            if n == 1 { "warning" } else { "warnings" }
        );
    }
    o.push_str("</div>");
}

/// The calibration as a whole HTML page to print or save as PDF: the committee's
/// packet. It holds no script and fetches nothing; every text is escaped.
pub fn to_html(calibration: &Calibration) -> String {
    let c = calibration;
    let mut o = String::new();
    let title = esc(&title(c));
    let _ = write!(
        o,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
    );
    if c.blind {
        o.push_str("<p class=\"note\">Names are hidden: each candidate is shown by their alias, reviewers and specialists by number.</p>\n");
    }
    let scale: Vec<String> = c.scale.iter().map(|s| esc(&s.name)).collect();
    let _ = writeln!(
        o,
        "<p class=\"note\">Scale, lowest first: {}. The spread is how many steps apart the case owner's, the reviewers' and the candidate's own ratings are.</p>",
        scale.join(", ")
    );
    o.push_str("<h2>Cases</h2>\n<ul>\n");
    for col in &c.columns {
        let _ = writeln!(
            o,
            "<li><strong>{}</strong>: {}</li>",
            esc(&col.label),
            esc(&head(col))
        );
    }
    let _ = writeln!(
        o,
        "</ul>\n<h2>Warnings ({})</h2>",
        esc(&warning_count(&c.warnings))
    );
    if c.warnings.is_empty() {
        o.push_str("<p>None.</p>\n");
    } else {
        o.push_str("<ul class=\"warnings\">\n");
        for w in &c.warnings {
            let class = if w.acknowledged.is_some() {
                " class=\"acknowledged\""
            } else {
                ""
            };
            let _ = write!(o, "<li{class}>{}", esc(&w.sentence));
            if !c.blind {
                let _ = write!(o, " <code class=\"small\">{}</code>", esc(&w.key));
            }
            if let Some(a) = &w.acknowledged {
                let _ = write!(
                    o,
                    "<span class=\"ack\">Acknowledged {}: {}</span>",
                    esc(&a.at),
                    esc(&a.reason)
                );
            }
            o.push_str("</li>\n");
        }
        o.push_str("</ul>\n");
    }
    o.push_str("<h2>Expectations, most disagreement first</h2>\n");
    let table = if c.across_tracks {
        "<table class=\"across\">"
    } else {
        "<table>"
    };
    let _ = write!(
        o,
        "{table}\n<thead><tr><th>{}</th>",
        if c.across_tracks {
            "Competency"
        } else {
            "Expectation"
        }
    );
    for col in &c.columns {
        let _ = write!(o, "<th scope=\"col\">{}</th>", esc(&col.label));
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    // As on the calibration page: what no one has judged yet is counted, not listed.
    let mut left_out = 0;
    for row in &c.rows {
        if !row.cells.iter().flatten().any(judged) {
            left_out += 1;
            continue;
        }
        let _ = write!(o, "<tr><th scope=\"row\" class=\"row\">{}", esc(&row.title));
        if !c.across_tracks {
            let _ = write!(
                o,
                "<span class=\"competency\">{}</span>",
                esc(&row.competency_name)
            );
        }
        if row.spread > 0 {
            let _ = write!(o, "<span class=\"spread\">spread {}</span>", row.spread);
        }
        o.push_str("</th>");
        for cells in &row.cells {
            o.push_str("<td>");
            let hidden = cells.iter().filter(|cell| !judged(cell)).count();
            if cells.is_empty() {
                o.push_str("<span class=\"small\">Not asked of this level</span>");
            } else if hidden == cells.len() {
                let _ = write!(
                    o,
                    "<span class=\"small\">Nothing rated or evidenced here yet ({hidden})</span>"
                );
            }
            for cell in cells.iter().filter(|cell| judged(cell)) {
                html_cell(&mut o, c, cell);
            }
            if hidden > 0 && hidden < cells.len() {
                let _ = write!(
                    o,
                    "<span class=\"small more\">and {hidden} not rated yet</span>"
                );
            }
            o.push_str("</td>");
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n");
    if left_out > 0 {
        let _ = writeln!(
            o,
            "<p class=\"note\">Left out: {left_out} {} no one has rated or given evidence for.</p>",
            match (c.across_tracks, left_out) {
                (true, 1) => "competency",
                (true, _) => "competencies",
                (false, 1) => "expectation",
                (false, _) => "expectations",
            }
        );
    }
    o.push_str("</body>\n</html>\n");
    o
}

/// Whether anyone has judged a cell yet: a rating, someone else's, evidence, a change
/// in calibration or a warning.
fn judged(cell: &Cell) -> bool {
    cell.rating.is_some()
        || !cell.others.is_empty()
        || cell.evidence.items > 0
        || cell.recalibrated.is_some()
        || !cell.warnings.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calibration::testing::*;
    use crate::calibration::{calibrate, Thresholds};
    use crate::cases::edit::{apply, Edit};
    use crate::cases::{Case, Period, Rating, Reporter, Review, Reviewer};

    /// Two cases of three expectations each, with names in every text a person wrote.
    fn cases() -> (Case, Case) {
        let (mut a, mut b) = (ana("ana-lima-2026"), tom("tom-berg-2026"));
        for c in [&mut a, &mut b] {
            c.expectations.truncate(3);
            c.owner = Some("Maria Costa".into());
            c.period = Some(Period {
                from: "2026-01-01".into(),
                to: "2026-12-31".into(),
            });
        }
        let (x, y) = (exp(&a, 0), exp(&a, 1));
        rate(
            &mut a,
            &x,
            "meets",
            "Ana Lima led it; her plan <held> & shipped.",
        );
        rate(
            &mut a,
            &y,
            "beyond",
            "Maria saw it: a brilliant, gifted engineer.",
        );
        rate(&mut b, &x, "meets", "Tom ran the review with Ana.");
        evidence(&mut a, Reporter::Peer, "2026-03", &[&x]);
        evidence(&mut a, Reporter::Owner, "2026-05", &[&x]);
        evidence(&mut b, Reporter::Candidate, "2026-06", &[&x]);
        b.reviews.push(Review {
            reviewer: Reviewer {
                name: "Kim Park".into(),
                craft: "engineering".into(),
            },
            ratings: [(
                x.clone(),
                Rating {
                    rating: "emerging".into(),
                    reason: "Kim saw Tom need help.".into(),
                },
            )]
            .into(),
        });
        apply(
            &mut a,
            Edit::Recalibrate {
                expectation: y,
                rating: "meets".into(),
                reason: "Maria agreed Ana's scope was the team's.".into(),
                at: "2026-12-01T10:00:00Z".into(),
            },
        )
        .expect("recalibrate");
        (a, b)
    }

    #[test]
    fn text_and_markdown_read_as_a_committee_reads_them() {
        let (a, b) = cases();
        let f = framework();
        let open = calibrate(&[&a, &b], &f, &Thresholds::default(), false);
        insta::assert_snapshot!("calibration_text", to_text(&open));
        let blind = calibrate(&[&a, &b], &f, &Thresholds::default(), true);
        insta::assert_snapshot!("calibration_markdown_blind", to_markdown(&blind));
    }

    #[test]
    fn the_blind_packet_holds_no_name_no_id_no_script_and_escapes_every_text() {
        let (a, b) = cases();
        let f = framework();
        let blind = to_html(&calibrate(&[&a, &b], &f, &Thresholds::default(), true));
        assert!(blind.starts_with("<!doctype html>\n<html lang=\"en\">"));
        for name in [
            "Ana", "Lima", "Tom", "Berg", "Maria", "Costa", "Kim", "Park", "ana-lima", "tom-berg",
        ] {
            assert!(!blind.contains(name), "{name} in the blind packet");
        }
        for words in ["Candidate 7", "Candidate 3", "Reviewer 1", "their plan"] {
            assert!(blind.contains(words), "{words}");
        }
        let lower = blind.to_lowercase();
        for banned in ["<script", "http://", "https://", "src=", "href=", "@import"] {
            assert!(!lower.contains(banned), "{banned}");
        }
        assert!(blind.contains("&lt;held&gt; &amp; shipped"));
        assert!(!blind.contains("<held>"));
        // Not blind, it names them.
        let open = to_html(&calibrate(&[&a, &b], &f, &Thresholds::default(), false));
        assert!(open.contains("Ana Lima") && open.contains("case owner Maria Costa"));
    }

    #[test]
    fn the_packet_counts_what_no_one_has_judged_instead_of_listing_it() {
        let (a, b) = cases();
        let f = framework();
        // The third expectation: no rating, no evidence in either case.
        let third = exp(&a, 2);
        let calibration = calibrate(&[&a, &b], &f, &Thresholds::default(), true);
        let row = calibration
            .rows
            .iter()
            .find(|r| r.cells.iter().flatten().any(|c| c.expectation == third))
            .map(|r| esc(&r.title))
            .unwrap_or_default();
        let html = to_html(&calibration);
        assert!(!row.is_empty() && !html.contains(&row), "{row} in\n{html}");
        assert!(
            html.contains(
                "<p class=\"note\">Left out: 1 expectation no one has rated or given evidence for.</p>"
            ),
            "{html}"
        );
        assert!(!html.contains("not rated"), "{html}");
        // Across tracks, a competency's cells no one judged are counted in its row.
        let mut lea = lea("lea-roth-2026");
        let first = exp(&lea, 0);
        rate(&mut lea, &first, "meets", "Lea led the checkout study.");
        // A competency both tracks share, judged in Lea's case only.
        let shared = lea
            .expectations
            .iter()
            .find(|e| e.competency == "collaboration")
            .map(|e| e.id.clone())
            .unwrap_or_default();
        rate(&mut lea, &shared, "meets", "Lea ran the joint critique.");
        let a = ana("ana-lima-2026");
        let html = to_html(&calibrate(&[&a, &lea], &f, &Thresholds::default(), true));
        assert!(html.contains("<table class=\"across\">"), "{html}");
        assert!(html.contains("<th>Competency</th>"), "{html}");
        assert!(
            html.contains("not rated yet</span>") && html.contains("Left out: "),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"small\">Nothing rated or evidenced here yet ("),
            "{html}"
        );
    }
}
