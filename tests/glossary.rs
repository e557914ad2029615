//! The glossary help each level page of the bundled framework gives: which words are
//! marked, and in which sense. The snapshot is the list a reviewer reads to spot a
//! missing or wrong sense; review its diff like any other change to the ladders.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use rung::app::{open, FrameworkSource, LevelView};

/// Every marked term of an HTML fragment: (the words as written, the term's id).
fn marks(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let open_tag = "<span class=\"term\" data-term=\"";
    let mut rest = html;
    while let Some(start) = rest.find(open_tag) {
        rest = &rest[start + open_tag.len()..];
        let Some((id, after)) = rest.split_once("\">") else {
            break;
        };
        let Some((written, after)) = after.split_once("</span>") else {
            break;
        };
        out.push((
            written.split_whitespace().collect::<Vec<_>>().join(" "),
            id.to_owned(),
        ));
        rest = after;
    }
    out
}

/// Every piece of HTML a level page shows, folded sections included.
fn page_html(v: &LevelView) -> Vec<&str> {
    let mut out: Vec<&str> = vec![&v.summary_html, &v.intro_html];
    out.extend(v.dimensions.iter().map(|d| d.text_html.as_str()));
    for c in &v.competencies {
        out.push(&c.description_html);
        out.extend(c.evidence_html.iter().map(String::as_str));
        out.extend(c.questions_html.iter().map(String::as_str));
        for e in &c.expectations {
            out.push(&e.html);
            out.extend(e.examples_html.iter().map(String::as_str));
        }
    }
    out
}

#[test]
fn the_terms_each_bundled_level_page_explains() {
    let opened = open(FrameworkSource::Bundled).expect("the bundled framework opens");
    let framework = &opened.loaded.framework;
    let mut report = String::new();
    for track in &framework.tracks {
        for level in track.levels.iter() {
            let v = opened.level_view(&track.id, &level.id).expect("a level");
            let mut seen: Vec<(String, String)> = Vec::new();
            for html in page_html(&v) {
                for (written, id) in marks(html) {
                    let key = (written.to_lowercase(), id);
                    if !seen.contains(&key) {
                        seen.push(key);
                    }
                }
            }
            seen.sort();
            report.push_str(&format!("{}/{} ({})\n", track.id, level.id, level.title));
            for (written, id) in &seen {
                report.push_str(&format!("  {written} → {id}\n"));
            }
        }
    }
    insta::assert_snapshot!(report);
}

#[test]
fn the_wrong_senses_once_shown_are_gone() {
    let opened = open(FrameworkSource::Bundled).expect("the bundled framework opens");
    let page = |track: &str, level: &str| {
        let v = opened.level_view(track, level).expect("a level");
        page_html(&v)
            .into_iter()
            .flat_map(marks)
            .map(|(written, id)| (written.to_lowercase(), id))
            .collect::<Vec<_>>()
    };
    let d1 = page("product-designer", "d1");
    let d3 = page("product-designer", "d3");
    let has = |marks: &[(String, String)], written: &str, id: &str| {
        marks.iter().any(|(w, i)| w == written && i == id)
    };
    assert!(
        has(&d3, "design system components", "design-system-component"),
        "{d3:?}"
    );
    assert!(
        !d3.iter().any(|(_, id)| id == "component-engineering"),
        "{d3:?}"
    );
    assert!(has(&d1, "interface text", "interface-text"), "{d1:?}");
    assert!(
        !d1.iter().any(|(_, id)| id == "interface" || id == "group"),
        "{d1:?}"
    );
    for (track, levels) in [
        ("product-designer", ["d1", "d2", "d3", "d4", "d5"]),
        ("product-manager", ["p1", "p2", "p3", "p4", "p5"]),
    ] {
        for level in levels {
            let marks = page(track, level);
            for rating in ["beyond", "meets", "not-yet", "emerging"] {
                assert!(
                    !marks.iter().any(|(_, id)| id == rating),
                    "{track}/{level} marks the rating `{rating}`"
                );
            }
        }
    }
}

/// The words a new user found without help on the senior designer page (issue 11), and
/// "interaction design" in the role the page belongs to: each part of the page that shows
/// one of them explains it there.
#[test]
fn the_senior_designer_page_explains_the_words_that_had_no_help() {
    let opened = open(FrameworkSource::Bundled).expect("the bundled framework opens");
    let v = opened
        .level_view("product-designer", "d3")
        .expect("the senior designer page");
    let text_of = |html: &str| {
        let mut text = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    for word in [
        "usability test",
        "wireframe",
        "colour contrast",
        "design file",
        "design review",
        "test plan",
        "interaction",
    ] {
        let mut shown = 0;
        for html in page_html(&v) {
            if !text_of(html).contains(word) {
                continue;
            }
            shown += 1;
            assert!(
                marks(html)
                    .iter()
                    .any(|(written, _)| written.to_lowercase().contains(word)),
                "`{word}` has no help in: {html}"
            );
        }
        assert!(shown > 0, "`{word}` is not on the page any more");
    }
    let role = opened.framework_view();
    let designer = role
        .tracks
        .iter()
        .find(|t| t.id == "product-designer")
        .expect("the designer track");
    assert!(
        marks(&designer.role.responsibilities_html)
            .iter()
            .any(|(written, id)| written == "interaction design" && id == "interaction-design"),
        "{}",
        designer.role.responsibilities_html
    );
}

#[test]
fn each_sense_of_a_term_has_its_own_id() {
    let dir = common::fixture("duplicate-sense");
    let loaded = rung::load_dir(dir.path()).expect("fixture loads");
    let senses: Vec<(&str, Vec<String>)> = loaded
        .framework
        .glossary
        .iter()
        .filter(|t| t.term.eq_ignore_ascii_case("code review"))
        .map(|t| (t.id.as_str(), t.scope.values().map(str::to_owned).collect()))
        .collect();
    assert_eq!(
        senses,
        [
            ("code-review", vec![]),
            ("code-review-delivery", vec!["delivery".to_owned()]),
            ("code-review-engineering", vec!["engineering".to_owned()]),
        ]
    );
}
