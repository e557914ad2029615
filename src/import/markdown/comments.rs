//! HTML comments in markdown pages (`<!--` … `-->`, on one line or many): text left out
//! on purpose, so never imported. Each comment is blanked before the page is read (its
//! characters become spaces, its line breaks kept, so every other text keeps its line
//! and column), with one report line at the place it opens. Fenced blocks are left as
//! they are.

use super::super::{Origin, Outcome, ReportLine};
use super::{origin, report};

/// Spaces in place of `text`, its line breaks kept.
fn blank(text: &str, out: &mut String) {
    out.extend(text.chars().map(|c| match c {
        '\n' | '\r' => c,
        _ => ' ',
    }));
}

fn said(at: Origin, closed: bool) -> ReportLine {
    let why = if closed {
        "text in a comment is left out on purpose: not imported"
    } else {
        "it is never closed with `-->`, so everything after it is a comment: not imported"
    };
    report(
        at,
        "an HTML comment".to_owned(),
        Outcome::NotMapped {
            why: why.to_owned(),
        },
    )
}

/// The text with its HTML comments blanked, and a report line for each comment.
pub(super) fn drop(text: &str, path: &str, problems: &mut Vec<ReportLine>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<&str> = None;
    let mut open: Option<Origin> = None;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if open.is_none() {
            let lead = line.trim_start();
            if let Some(mark) = fence {
                if lead.starts_with(mark) {
                    fence = None;
                }
                out.push_str(line);
                continue;
            }
            if lead.starts_with("```") || lead.starts_with("~~~") {
                fence = lead.get(..3);
                out.push_str(line);
                continue;
            }
        }
        let mut rest = line;
        let mut column = 1;
        loop {
            if open.is_some() {
                if let Some(i) = rest.find("-->") {
                    blank(&rest[..i + 3], &mut out);
                    column += rest[..i + 3].chars().count();
                    rest = &rest[i + 3..];
                    if let Some(at) = open.take() {
                        problems.push(said(at, true));
                    }
                } else {
                    blank(rest, &mut out);
                    break;
                }
            } else if let Some(i) = rest.find("<!--") {
                out.push_str(&rest[..i]);
                column += rest[..i].chars().count();
                open = Some(origin(path, n + 1, column));
                blank("<!--", &mut out);
                column += 4;
                rest = &rest[i + 4..];
            } else {
                out.push_str(rest);
                break;
            }
        }
    }
    if let Some(at) = open {
        problems.push(said(at, false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (String, Vec<String>) {
        let mut problems = Vec::new();
        let out = drop(text, "p.md", &mut problems);
        (out, problems.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn comments_on_one_line_or_many_are_blanked_in_place() {
        let (out, lines) = run("a <!-- b --> c\n<!--\n- gone\n-->\n- kept <!--x-->\n");
        assert_eq!(out, "a            c\n    \n      \n   \n- kept         \n");
        assert_eq!(
            lines,
            [
                "p.md:1:3: not mapped: an HTML comment: text in a comment is left out on purpose: not imported",
                "p.md:2:1: not mapped: an HTML comment: text in a comment is left out on purpose: not imported",
                "p.md:5:8: not mapped: an HTML comment: text in a comment is left out on purpose: not imported",
            ]
        );
    }

    #[test]
    fn an_unclosed_comment_runs_to_the_end_and_fences_are_left_alone() {
        let (out, lines) = run("```\n<!-- code -->\n```\nx <!-- y\nz\n");
        assert_eq!(out, "```\n<!-- code -->\n```\nx       \n \n");
        assert_eq!(
            lines,
            ["p.md:4:3: not mapped: an HTML comment: it is never closed with `-->`, so everything after it is a comment: not imported"]
        );
    }
}
