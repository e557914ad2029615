//! `rung`: the command-line tool for people who maintain ladders and people who read them.
//!
//! A thin adapter over the core crate: parse arguments, load, print, choose the exit code.

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::args::{CaseCommand, Cli, Command, Format, Reporter};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check {
            dir,
            format,
            deny_warnings,
        } => cli::check(dir.as_deref(), format == Format::Json, deny_warnings),
        Command::Import {
            source,
            out,
            from,
            columns,
        } => cli::import::run(&source, &out, from.as_deref(), &columns),
        Command::List {
            source,
            by_band,
            format,
        } => cli::list(source.ladders.as_deref(), by_band, format == Format::Json),
        Command::Search {
            query,
            source,
            track,
            level,
            craft,
            competency,
            limit,
            format,
        } => cli::search(
            source.ladders.as_deref(),
            &query,
            rung::search::Filters {
                track,
                craft,
                level,
                band: None,
                competency,
            },
            limit,
            format == Format::Json,
        ),
        Command::Show {
            track,
            level,
            source,
            only_new,
            ids,
        } => cli::show(source.ladders.as_deref(), &track, &level, only_new, ids),
        Command::Diff {
            track,
            from,
            to,
            versions,
            source,
            carried,
            format,
        } => match (versions.as_deref(), track, from) {
            (Some([old, new]), _, _) => {
                cli::compare::versions(source.ladders.as_deref(), old, new, format.into())
            }
            (_, Some(track), Some(from)) => cli::compare::levels(
                source.ladders.as_deref(),
                &track,
                &from,
                to.as_deref(),
                carried,
                format.into(),
            ),
            _ => Err(anyhow::anyhow!(
                "name a track and a level (`rung diff engineering e3`), or two versions (`rung diff --versions OLD NEW`)"
            )),
        },
        Command::Band {
            number,
            source,
            format,
        } => cli::compare::band(source.ladders.as_deref(), number, format.into()),
        Command::ExportHtml { dir, output } => cli::share::export_html(dir.as_deref(), &output),
        Command::Key { path, people } => cli::seal::key(path, people),
        Command::Calibrate {
            cases,
            cycle,
            band,
            track,
            format,
            reveal,
            acknowledge,
            reason,
            db,
            source,
            out,
            sealing,
            ..
        } => cli::calibrate::run(
            db.as_deref(),
            source.ladders.as_deref(),
            cli::calibrate::Choice {
                cases,
                cycle,
                band,
                track,
            },
            match acknowledge {
                Some(key) => cli::calibrate::Action::Acknowledge { key, reason },
                None => cli::calibrate::Action::Show {
                    format,
                    reveal,
                    out,
                    sealing,
                },
            },
        ),
        Command::Case { command, db } => {
            let db = db.as_deref();
            match command {
                CaseCommand::New {
                    id,
                    name,
                    alias,
                    track,
                    from,
                    to,
                    self_assessment,
                    owner_craft,
                    owner,
                    period,
                    source,
                } => cli::case::new(
                    db,
                    source.ladders.as_deref(),
                    cli::case::New {
                        id: id.as_deref(),
                        name: &name,
                        alias: &alias,
                        track: &track,
                        from: &from,
                        to: &to,
                        self_assessment,
                        owner_craft: owner_craft.as_deref(),
                        owner: owner.as_deref(),
                        period,
                    },
                ),
                CaseCommand::List { blind } => cli::case::list(db, blind),
                CaseCommand::Show { id, blind } => {
                    let markdown = rung::cases::export::ExportFormat::Markdown;
                    cli::case::export(db, &id, markdown, blind, None, &Default::default())
                }
                CaseCommand::Export {
                    id,
                    blind,
                    format,
                    out,
                    sealing,
                } => cli::case::export(db, &id, format, blind, out.as_deref(), &sealing),
                CaseCommand::Import { file, opening } => cli::case::import(db, &file, &opening),
                CaseCommand::Evidence {
                    id,
                    what,
                    when,
                    outcome,
                    link,
                    reported_by,
                    expectations,
                } => cli::case::edit(
                    db,
                    &id,
                    rung::cases::edit::Edit::AddEvidence {
                        what,
                        when,
                        outcome,
                        link,
                        reported_by: match reported_by {
                            Reporter::Candidate => rung::cases::Reporter::Candidate,
                            Reporter::Owner => rung::cases::Reporter::Owner,
                            Reporter::Peer => rung::cases::Reporter::Peer,
                            Reporter::Specialist => rung::cases::Reporter::Specialist,
                        },
                        expectations,
                    },
                ),
                CaseCommand::Rate {
                    id,
                    expectation,
                    rating,
                    reason,
                } => cli::case::edit(
                    db,
                    &id,
                    rung::cases::edit::Edit::Rate {
                        expectation,
                        rating,
                        reason,
                    },
                ),
                CaseCommand::History { id } => cli::case::history(db, &id),
                CaseCommand::Specialist {
                    id,
                    who,
                    craft,
                    level,
                    said,
                    expectations,
                    ratings,
                    reasons,
                    reviewed,
                    reviewed_links,
                    confidence,
                    conflict,
                } => cli::case::specialist(
                    db,
                    &id,
                    cli::case::View {
                        who,
                        craft,
                        level,
                        said,
                        expectations,
                        ratings,
                        reasons,
                        reviewed,
                        reviewed_links,
                        confidence,
                        conflict,
                    },
                ),
                CaseCommand::Differs {
                    id,
                    expectation,
                    reason,
                } => cli::case::edit(
                    db,
                    &id,
                    rung::cases::edit::Edit::ExplainDifference {
                        expectation,
                        reason,
                    },
                ),
                CaseCommand::Request {
                    id,
                    expectations,
                    not_blind,
                    source,
                    out,
                    sealing,
                } => cli::case::request(
                    db,
                    source.ladders.as_deref(),
                    &id,
                    &expectations,
                    !not_blind,
                    out.as_deref(),
                    &sealing,
                ),
                CaseCommand::ImportView { id, file, opening } => {
                    cli::case::import_view(db, &id, &file, &opening)
                }
                CaseCommand::OwnerCraft { id, craft } => cli::case::edit(
                    db,
                    &id,
                    rung::cases::edit::Edit::OwnerCraft { craft },
                ),
                CaseCommand::Owner { id, name, craft } => {
                    cli::case::owner(db, &id, name, craft)
                }
                CaseCommand::Period { id, period, .. } => {
                    cli::case::period(db, &id, period.as_deref())
                }
                CaseCommand::ReviewExport {
                    id,
                    reviewer,
                    craft,
                    out,
                    sealing,
                } => cli::case::review_export(
                    db,
                    &id,
                    rung::cases::Reviewer {
                        name: reviewer,
                        craft,
                    },
                    out.as_deref(),
                    &sealing,
                ),
                CaseCommand::ReviewRate {
                    file,
                    expectation,
                    rating,
                    reason,
                    sealing,
                } => cli::case::review_rate(&file, expectation, rating, reason, &sealing),
                CaseCommand::ReviewImport { id, file, opening } => {
                    cli::case::review_import(db, &id, &file, &opening)
                }
                CaseCommand::Recalibrate {
                    id,
                    expectation,
                    rating,
                    reason,
                } => cli::case::recalibrate(db, &id, expectation, rating, reason),
                CaseCommand::Decide {
                    id,
                    outcome,
                    rationale,
                    dissent,
                    deciders,
                    date,
                    promote,
                    against_rule,
                } => cli::case::edit(
                    db,
                    &id,
                    rung::cases::edit::Edit::Decide {
                        decision: rung::cases::Decision {
                            outcome,
                            rationale,
                            dissent,
                            deciders,
                            date,
                            promote,
                            against_rule,
                        },
                    },
                ),
                CaseCommand::ImportSelf { id, file, opening } => {
                    cli::case::import_self(db, &id, &file, &opening)
                }
                CaseCommand::Check {
                    case,
                    source,
                    opening,
                } => cli::case::check(db, source.ladders.as_deref(), &case, &opening),
                CaseCommand::Delete { id } => cli::case::delete(db, &id),
                CaseCommand::Trash { blind } => cli::case::trash(db, blind),
                CaseCommand::Undelete { id } => cli::case::undelete(db, &id),
                CaseCommand::Backup => cli::case::database(db).and_then(|p| cli::backup::make(&p)),
                CaseCommand::Backups => cli::case::database(db).and_then(|p| cli::backup::list(&p)),
                CaseCommand::Restore { file } => {
                    cli::case::database(db).and_then(|p| cli::backup::restore(&p, &file))
                }
            }
        }
    };
    match result {
        Ok(code) => code,
        Err(error) if error.downcast_ref::<cli::backup::Damaged>().is_some() => {
            eprintln!("error: {error}");
            ExitCode::from(1)
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
