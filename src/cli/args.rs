//! The `rung` tool's arguments, as clap reads them: every command, its options and their
//! help text. `main.rs` routes each command to the function in `cli/` that does it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use rung::cases::export::ExportFormat;

use super::compare;
use super::seal::{KeyCommand, Opening, Sealing};

/// Career ladders as markdown: check a framework, list its tracks, read a level.
///
/// Without a folder, commands use the framework bundled with Rung.
#[derive(Parser)]
// `rung --version` names the commit too (from build.rs), for bug reports.
#[command(
    name = "rung",
    version = concat!(env!("CARGO_PKG_VERSION"), " (", env!("RUNG_COMMIT"), ")"),
    about,
    long_about = None
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Check a framework and report every problem with file, line and column.
    ///
    /// Exits with 0 when there is no error, 1 when there is one (or a warning under
    /// --deny-warnings), and 2 when the command itself is wrong.
    Check {
        /// The framework folder; the bundled framework when absent.
        dir: Option<PathBuf>,
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail on warnings too (for CI).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Import a framework written elsewhere as a Rung framework folder, and print where
    /// every item of the source went.
    ///
    /// Reads CSV or TSV (a matrix, competencies as rows and levels as columns, or the long
    /// form, one row per expectation with track, level, competency and text columns),
    /// markdown pages (a heading per level, or a file per level, and bullets), pages whose
    /// front matter holds the matrix (progression), YAML or JSON criteria tagged with a
    /// level and a theme, and pages written by `rung export-html`. What the source does not
    /// have is left as `[fill in: …]` placeholders that `rung check` lists.
    Import {
        /// The source: a file, or a folder of files.
        source: PathBuf,
        /// The folder to write; it must be new or empty.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The source's format, when its file names do not say: `csv`, `markdown`,
        /// `progression` (front matter holding the matrix), `yaml` or `json`, or `rung-html`
        /// for a page written by `rung export-html`, whose framework is written back exactly.
        #[arg(long, value_name = "FORMAT")]
        from: Option<String>,
        /// What a column of a CSV table holds, when its header does not say: ROLE=NAME, where
        /// ROLE is track, level, competency, text, example, note, description or ignore and
        /// NAME is the header's text (`--column level=Grade`); repeat it for more columns.
        #[arg(long = "column", value_name = "ROLE=NAME")]
        columns: Vec<String>,
    },
    /// List the tracks and their levels.
    List {
        #[command(flatten)]
        source: Source,
        /// Group levels by band, to see which levels of different tracks sit side by side.
        #[arg(long)]
        by_band: bool,
        /// Print the whole framework as JSON instead.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Search the framework: expectations, levels, dimensions, competencies and glossary.
    ///
    /// Words are stemmed, words of four letters or more tolerate one typo, the last word
    /// also matches as a prefix, and text in double quotes is a phrase.
    Search {
        /// What to look for, for example `mentoring` or `"design system"`.
        query: String,
        #[command(flatten)]
        source: Source,
        /// Only this track, for example `product-designer`.
        #[arg(long)]
        track: Option<String>,
        /// Only this level (use with --track), for example `d3`.
        #[arg(long)]
        level: Option<String>,
        /// Only this craft, for example `design`.
        #[arg(long, alias = "discipline")]
        craft: Option<String>,
        /// Only this competency, for example `delivery`.
        #[arg(long)]
        competency: Option<String>,
        /// At most this many results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print results as JSON.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Show what is expected at one level, grouped by competency.
    Show {
        /// The track's id, for example `engineering`.
        track: String,
        /// The level's id, for example `e3`.
        level: String,
        #[command(flatten)]
        source: Source,
        /// Only the expectations this level adds, not those it inherits.
        #[arg(long)]
        only_new: bool,
        /// Print each expectation's stable ID.
        #[arg(long)]
        ids: bool,
    },
    /// Compare two levels of a track (by default a level and the next), or two versions
    /// of a framework with --versions.
    ///
    /// Per competency: what is new, what is a stronger form of a lower expectation (with
    /// the words that changed), what carries over, and what is no longer listed.
    #[command(arg_required_else_help = true)]
    Diff {
        /// The track's id, for example `engineering`.
        #[arg(required_unless_present = "versions")]
        track: Option<String>,
        /// The lower level.
        #[arg(required_unless_present = "versions")]
        from: Option<String>,
        /// The higher level; the next level of the track when absent.
        to: Option<String>,
        /// Compare two versions of one framework: each a folder, or a git revision of
        /// the repository that holds --ladders (or the current folder).
        #[arg(long, num_args = 2, value_names = ["OLD", "NEW"], conflicts_with_all = ["track", "from", "to"])]
        versions: Option<Vec<String>>,
        #[command(flatten)]
        source: Source,
        /// List the expectations that carry over, not only how many.
        #[arg(long)]
        carried: bool,
        /// How to print the comparison.
        #[arg(long, value_enum, default_value_t = Style::Text)]
        format: Style,
    },
    /// Promotion cases, in the same database as the app.
    Case {
        #[command(subcommand)]
        command: CaseCommand,
        /// The case database; the app's, in the platform's data folder, when absent.
        #[arg(long, global = true, value_name = "FILE")]
        db: Option<PathBuf>,
    },
    /// Calibrate promotion cases: several side by side, expectation by expectation, most
    /// disagreement first, with the warnings that keep a committee consistent.
    ///
    /// Blind by default (aliases, no owner's or reviewers' names); --reveal shows the
    /// names and records the reveal in each case's history. Exits with 1 while a warning
    /// stands unacknowledged, 0 when none does, and 2 when the command itself is wrong.
    /// With --acknowledge KEY --reason WHY, acknowledges one warning in every case it
    /// names instead.
    Calibrate {
        /// Hand-picked case ids; every promotion case the other options allow when absent.
        cases: Vec<String>,
        /// Only cases whose review period overlaps this one, `FROM..TO`.
        #[arg(long, value_name = "FROM..TO")]
        cycle: Option<String>,
        /// Only cases whose target level is on this band.
        #[arg(long)]
        band: Option<u32>,
        /// Only cases on this track.
        #[arg(long)]
        track: Option<String>,
        /// How to print the calibration: `html` is the packet a committee reads.
        #[arg(long, value_enum, default_value_t = Packet::Text)]
        format: Packet,
        /// Hide names (the default).
        #[arg(long, conflicts_with = "reveal")]
        blind: bool,
        /// Show the names a blind calibration hides; recorded in each case's history.
        #[arg(long)]
        reveal: bool,
        /// Acknowledge the warning with this key: the text format prints it under each
        /// warning, the JSON gives it as `key`.
        #[arg(long, value_name = "KEY", conflicts_with_all = ["reveal", "blind"])]
        acknowledge: Option<String>,
        /// Why the warning stands (with --acknowledge).
        #[arg(long, requires = "acknowledge", default_value = "")]
        reason: String,
        /// Write the calibration to this file, readable by you only, instead of printing
        /// it.
        #[arg(long, value_name = "FILE", conflicts_with = "acknowledge")]
        out: Option<PathBuf>,
        #[command(flatten)]
        sealing: Sealing,
        /// The case database; the app's, in the platform's data folder, when absent.
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
        #[command(flatten)]
        source: Source,
    },
    /// Show every track's level on one band side by side, by dimension and competency.
    Band {
        /// The band's number.
        number: u32,
        #[command(flatten)]
        source: Source,
        /// How to print the comparison.
        #[arg(long, value_enum, default_value_t = Style::Text)]
        format: Style,
    },
    /// Write one offline HTML file of a framework, which anyone can open from disk.
    ///
    /// The file needs no network and holds the framework's own files, so it is also a way
    /// to send a framework.
    ExportHtml {
        /// The framework folder; the bundled framework when absent.
        dir: Option<PathBuf>,
        /// The file to write, for example `ladder.html`.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Print your public key, to give those who send you encrypted case files (`--to`);
    /// your key pair is made on first use, in the data folder. `rung key add` saves
    /// someone else's public key under a name, for `--to NAME`.
    #[command(args_conflicts_with_subcommands = true)]
    Key {
        /// Print where your key file is instead (keep it to yourself; `age -d -i` reads
        /// it).
        #[arg(long)]
        path: bool,
        /// The people whose public keys you keep, by name.
        #[command(subcommand)]
        people: Option<KeyCommand>,
    },
}

/// What `rung case` does.
#[derive(Subcommand)]
pub(crate) enum CaseCommand {
    /// Start a case: the target level's expectations are pinned as they read now.
    New {
        /// An id for the case, such as `2026-h2-ana`; when absent, a fresh one: `case-`
        /// and the time, as the app gives.
        #[arg(long)]
        id: Option<String>,
        /// The candidate's name.
        #[arg(long)]
        name: String,
        /// The name used in blind review.
        #[arg(long)]
        alias: String,
        /// The track's id.
        #[arg(long)]
        track: String,
        /// The level held now.
        #[arg(long)]
        from: String,
        /// The level argued for.
        #[arg(long)]
        to: String,
        /// A self-assessment: the person fills it in about themselves, then exports it
        /// for their case owner's `rung case import-self`.
        #[arg(long)]
        self_assessment: bool,
        /// The case owner's craft (a track's `craft`, such as `design`).
        #[arg(long)]
        owner_craft: Option<String>,
        /// The case owner's name.
        #[arg(long)]
        owner: Option<String>,
        /// The period the case reviews, as `FROM..TO` (`2026-01-01..2026-06-30`).
        #[arg(long, value_parser = period)]
        period: Option<rung::cases::Period>,
        #[command(flatten)]
        source: Source,
    },
    /// List the cases, with their gaps.
    List {
        /// Show aliases instead of names.
        #[arg(long)]
        blind: bool,
    },
    /// Print a case as a markdown decision record.
    Show {
        /// The case's id.
        id: String,
        /// Replace the candidate's name with the alias everywhere.
        #[arg(long)]
        blind: bool,
    },
    /// Print a case as a JSON file that another Rung can import (or, with --format
    /// markdown, as the decision record).
    Export {
        /// The case's id.
        id: String,
        /// Replace the candidate's name with the alias everywhere, and drop links.
        #[arg(long)]
        blind: bool,
        /// `json` (the default), `markdown` or `html`.
        #[arg(long, default_value = "json", value_parser = str::parse::<ExportFormat>)]
        format: ExportFormat,
        /// Write it to this file, readable by you only, instead of printing it.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        sealing: Sealing,
    },
    /// Import a case file, checking it first; an encrypted one is opened with your key
    /// or --passphrase-file.
    Import {
        /// The JSON file.
        file: PathBuf,
        #[command(flatten)]
        opening: Opening,
    },
    /// Add a piece of evidence to a case.
    Evidence {
        /// The case's id.
        id: String,
        /// What happened.
        #[arg(long)]
        what: String,
        /// When, such as 2026-09 or Q3 2026.
        #[arg(long, default_value = "")]
        when: String,
        /// What came of it.
        #[arg(long, default_value = "")]
        outcome: String,
        /// A link to the work.
        #[arg(long)]
        link: Option<String>,
        /// Who reports it.
        #[arg(long, value_enum, default_value_t = Reporter::Owner, alias = "source")]
        reported_by: Reporter,
        /// An expectation it supports (repeat for several).
        #[arg(long = "expectation", required = true)]
        expectations: Vec<String>,
    },
    /// Rate an expectation of a case, with the reason.
    Rate {
        /// The case's id.
        id: String,
        /// The expectation's ID.
        expectation: String,
        /// A rating of the framework's scale.
        rating: String,
        /// Why.
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Take an employee's self-assessment (a case file they filled in) into a case, and
    /// print their ratings beside the case's.
    ImportSelf {
        /// The case's id.
        id: String,
        /// The self-assessment file.
        file: PathBuf,
        #[command(flatten)]
        opening: Opening,
    },
    /// Record a specialist's view of some expectations.
    Specialist {
        /// The case's id.
        id: String,
        /// Who, such as "Bo Chen, staff engineer".
        #[arg(long)]
        who: String,
        /// Their craft.
        #[arg(long)]
        craft: String,
        /// Their level in it.
        #[arg(long, default_value = "")]
        level: String,
        /// What they said overall.
        #[arg(long, default_value = "")]
        said: String,
        /// An expectation it concerns (repeat for several).
        #[arg(long = "expectation")]
        expectations: Vec<String>,
        /// Their rating of an expectation: `EXPECTATION=RATING` (repeat for several).
        #[arg(long = "rating")]
        ratings: Vec<String>,
        /// Why they rate it so: `EXPECTATION=REASON` (repeat for several).
        #[arg(long = "reason")]
        reasons: Vec<String>,
        /// A piece of work they reviewed, described (repeat for several).
        #[arg(long = "reviewed")]
        reviewed: Vec<String>,
        /// A link to a piece of work they reviewed (repeat for several).
        #[arg(long = "reviewed-link")]
        reviewed_links: Vec<String>,
        /// How sure they are: low, medium or high.
        #[arg(long, value_parser = ["low", "medium", "high"])]
        confidence: Option<String>,
        /// Any conflict of interest they declare.
        #[arg(long, default_value = "")]
        conflict: String,
    },
    /// Print a request for a specialist's view of some expectations (JSON, blind unless
    /// --not-blind), for them to fill in and return to `rung case import-view`.
    Request {
        /// The case's id.
        id: String,
        /// An expectation to ask about (repeat for several).
        #[arg(long = "expectation", required = true)]
        expectations: Vec<String>,
        /// Keep the candidate's name and the links.
        #[arg(long)]
        not_blind: bool,
        #[command(flatten)]
        source: Source,
        /// Write it to this file, readable by you only, instead of printing it.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        sealing: Sealing,
    },
    /// Take a specialist's answer (a request file with its view filled in) into a case.
    ImportView {
        /// The case's id.
        id: String,
        /// The answer file.
        file: PathBuf,
        #[command(flatten)]
        opening: Opening,
    },
    /// Say why your rating of an expectation differs from a specialist's (an empty
    /// reason clears it).
    Differs {
        /// The case's id.
        id: String,
        /// The expectation's ID.
        expectation: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Set the case owner's craft, or clear it with no craft.
    OwnerCraft {
        /// The case's id.
        id: String,
        /// A track's craft, such as `design`.
        craft: Option<String>,
    },
    /// Set the case owner: their name, their craft, or both; an empty value clears it.
    Owner {
        /// The case's id.
        id: String,
        /// The case owner's name.
        #[arg(long)]
        name: Option<String>,
        /// The case owner's craft (a track's `craft`, such as `design`).
        #[arg(long)]
        craft: Option<String>,
    },
    /// Set the period the case reviews, as `FROM..TO` (`2026-01-01..2026-06-30`), or
    /// clear it with --clear.
    Period {
        /// The case's id.
        id: String,
        /// The period, `FROM..TO`.
        #[arg(required_unless_present = "clear", conflicts_with = "clear")]
        period: Option<String>,
        /// Clear the period.
        #[arg(long)]
        clear: bool,
    },
    /// Write a reviewer's copy of a case: its expectations and evidence with no one
    /// else's ratings, for a committee member to rate on their own and return to
    /// `rung case review-import`.
    ReviewExport {
        /// The case's id.
        id: String,
        /// The reviewer's name.
        #[arg(long)]
        reviewer: String,
        /// The reviewer's own craft, such as `design`.
        #[arg(long, default_value = "")]
        craft: String,
        /// Write the copy to this file instead of printing it.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        sealing: Sealing,
    },
    /// Rate an expectation in a reviewer's copy (the reviewer's side: the file is
    /// changed in place, checked as `rung case review-import` will check it). An
    /// encrypted copy is opened with your key or --passphrase-file, and written back
    /// plain unless --to or --passphrase-file says for whom to encrypt it.
    ReviewRate {
        /// The reviewer's copy.
        file: PathBuf,
        /// The expectation's ID.
        expectation: String,
        /// A rating of the case's scale.
        rating: String,
        /// Why.
        #[arg(long, default_value = "")]
        reason: String,
        #[command(flatten)]
        sealing: Sealing,
    },
    /// Take a reviewer's rated copy into the case, as their review.
    ReviewImport {
        /// The case's id.
        id: String,
        /// The reviewer's copy, rated.
        file: PathBuf,
        #[command(flatten)]
        opening: Opening,
    },
    /// Change the owner's rating of an expectation during calibration; the change is
    /// kept with the rating before, the rating after and the reason.
    Recalibrate {
        /// The case's id.
        id: String,
        /// The expectation's ID.
        expectation: String,
        /// The new rating, of the case's scale.
        rating: String,
        /// Why it changed; required.
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Record the committee's decision.
    Decide {
        /// The case's id.
        id: String,
        /// The outcome, such as "promoted" or "not yet".
        #[arg(long)]
        outcome: String,
        /// Why.
        #[arg(long)]
        rationale: String,
        /// Any dissent, and whose.
        #[arg(long, default_value = "")]
        dissent: String,
        /// Who decided (repeat for several).
        #[arg(long = "decider", required = true)]
        deciders: Vec<String>,
        /// When, such as 2026-12-01.
        #[arg(long)]
        date: String,
        /// The decision promotes the candidate to the target level.
        #[arg(long)]
        promote: bool,
        /// Why the decision promotes although the case does not meet its promotion rule.
        #[arg(long)]
        against_rule: Option<String>,
    },
    /// Every change made to a case, oldest first.
    History {
        /// The case's id.
        id: String,
    },
    /// Move a case to the trash, where it is kept 30 days and can be restored.
    Delete {
        /// The case's id.
        id: String,
    },
    /// List the cases in the trash, with the days left before each is purged.
    Trash {
        /// Show aliases instead of names.
        #[arg(long)]
        blind: bool,
    },
    /// Take a case out of the trash.
    Undelete {
        /// The case's id.
        id: String,
    },
    /// Copy the case database into the backups folder beside it now; prints the copy.
    Backup,
    /// List the backups of the case database, newest first.
    Backups,
    /// Put a backup in place of the case database, after checking it; the cases it
    /// replaces are kept as a backup too (a damaged database is moved aside, untouched).
    Restore {
        /// The backup to restore.
        file: PathBuf,
    },
    /// Report a case's gaps and weak evidence, and what changed in the framework since
    /// the case began; exits with 1 when there are gaps or weak evidence.
    Check {
        /// A case's id, or a case file.
        case: String,
        #[command(flatten)]
        source: Source,
        #[command(flatten)]
        opening: Opening,
    },
}

/// Who reports a piece of evidence.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Reporter {
    /// The candidate.
    #[value(name = "self")]
    Candidate,
    /// The case owner.
    Owner,
    /// A peer.
    Peer,
    /// A specialist of the craft.
    Specialist,
}

/// How comparisons are printed.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Style {
    /// Readable text for a terminal.
    Text,
    /// Markdown, to paste into a document or a review.
    Markdown,
    /// JSON, for scripts.
    Json,
}

impl From<Style> for compare::Style {
    fn from(s: Style) -> Self {
        match s {
            Style::Text => compare::Style::Text,
            Style::Markdown => compare::Style::Markdown,
            Style::Json => compare::Style::Json,
        }
    }
}

/// How a calibration is printed.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Packet {
    /// Readable text for a terminal.
    Text,
    /// Markdown, to paste into a document.
    Markdown,
    /// JSON, for scripts.
    Json,
    /// A standalone HTML page to print: the committee's packet.
    Html,
}

#[derive(Args)]
pub(crate) struct Source {
    /// The framework folder; the bundled framework when absent.
    #[arg(long, value_name = "DIR")]
    pub(crate) ladders: Option<PathBuf>,
}

/// Output format.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Readable text, like a compiler's messages.
    Human,
    /// JSON, for scripts.
    Json,
}

/// A review period written `FROM..TO`, checked as the app checks it.
pub(crate) fn period(text: &str) -> Result<rung::cases::Period, String> {
    rung::cases::limits::parse_period(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::{Cli, Command};

    fn craft_of(args: &[&str]) -> Option<String> {
        match Cli::try_parse_from(args).map(|cli| cli.command) {
            Ok(Command::Search { craft, .. }) => craft,
            _ => None,
        }
    }

    #[test]
    fn search_narrows_to_a_craft_and_still_reads_the_older_option() {
        assert_eq!(
            craft_of(&["rung", "search", "review", "--craft", "design"]).as_deref(),
            Some("design")
        );
        assert_eq!(
            craft_of(&["rung", "search", "review", "--discipline", "design"]).as_deref(),
            Some("design")
        );
        let mut cli = Cli::command();
        let help = cli
            .find_subcommand_mut("search")
            .map(|search| search.render_long_help().to_string())
            .unwrap_or_default();
        assert!(help.contains("--craft"), "{help}");
        assert!(!help.contains("discipline"), "{help}");
    }
}
