//! The whole index at work on the bundled framework: what a person types finds what it
//! should, filters narrow it, and an index updated in place answers like a new one.

use super::*;
use crate::SourceFile;

fn index() -> SearchIndex {
    SearchIndex::build(&crate::load_bundled().framework).expect("index")
}

fn top(index: &SearchIndex, q: &str, n: usize) -> Vec<String> {
    index
        .search(q, &Filters::default(), n)
        .hits
        .into_iter()
        .map(|h| h.target)
        .collect()
}

#[test]
fn no_input_is_an_error() {
    let index = index();
    for q in [
        "",
        "   ",
        "\"",
        "\"\"",
        "AND OR NOT",
        "(((",
        "*?~^:",
        "title:foo",
        "🙂",
        &"x".repeat(10_000),
    ] {
        let _ = index.search(q, &Filters::default(), 10);
    }
    assert!(index.search("", &Filters::default(), 10).hits.is_empty());
}

#[test]
fn stemming_typos_and_prefixes_find_the_same_things() {
    let index = index();
    let exact = index.search("mentoring", &Filters::default(), 50).total;
    assert!(exact > 5, "{exact}");
    assert!(index.search("mentors", &Filters::default(), 50).total > 5);
    assert!(
        index.search("mentorign", &Filters::default(), 50).total > 5,
        "one typo"
    );
    assert!(
        index.search("postmo", &Filters::default(), 50).total > 2,
        "prefix being typed"
    );
    assert_eq!(
        index.search("postmo ", &Filters::default(), 50).total,
        0,
        "a finished word is not a prefix"
    );
}

#[test]
fn phrases_match_words_in_order() {
    let index = index();
    let phrase = index
        .search("\"design system\"", &Filters::default(), 500)
        .total;
    let words = index
        .search("system design", &Filters::default(), 500)
        .total;
    assert!(phrase > 0);
    assert!(words >= phrase);
}

#[test]
fn filters_narrow_and_report_the_unfiltered_total() {
    let index = index();
    let filters = Filters {
        craft: Some("design".into()),
        ..Filters::default()
    };
    let r = index.search("roadmap", &filters, 50);
    assert!(r
        .hits
        .iter()
        .all(|h| h.track.as_deref() == Some("product-designer")));
    assert!(r.total_unfiltered.is_some_and(|all| all > r.total));
}

#[test]
fn hits_carry_snippets_with_their_matches_marked() {
    let index = index();
    let r = index.search("mentoring", &Filters::default(), 5);
    assert!(
        r.hits.iter().any(|h| h.snippet_html.contains("<mark>")),
        "{:?}",
        r.hits
    );
}

/// Everything a search returns, for comparing two indexes.
/// A query, its hits (target and snippet, sorted) and its total.
type Answer = (String, Vec<(String, String)>, u32);

fn answers(index: &SearchIndex) -> Vec<Answer> {
    [
        "mentoring",
        "zzedited",
        "roadmap",
        "\"design system\"",
        "postmo",
        "incident review",
        "zzglossary",
    ]
    .iter()
    .map(|q| {
        let r = index.search(q, &Filters::default(), 30);
        let mut hits: Vec<(String, String)> = r
            .hits
            .into_iter()
            .map(|h| (h.target, h.snippet_html))
            .collect();
        hits.sort();
        ((*q).to_owned(), hits, r.total)
    })
    .collect()
}

#[test]
fn an_updated_index_answers_like_a_new_one() {
    let mut files = crate::files::bundled::sources().0;
    let mut loader = crate::Loader::new();
    let first = loader.load(files.clone(), Vec::new());
    let index = SearchIndex::build(&first.framework).expect("index");
    index.set_generation(loader.generation());
    let docs = index.len();

    fn edit(files: &mut [SourceFile], path: &str, from: &str, to: &str) -> Vec<SourceFile> {
        let file = files.iter_mut().find(|f| f.path == path).expect("file");
        assert!(file.text.contains(from), "{path} has {from:?}");
        *file = SourceFile::new(path, file.text.replacen(from, to, 1));
        files.to_vec()
    }
    // A level file: only its documents are compared.
    let sources = edit(
        &mut files,
        "tracks/engineering/e3.md",
        "Owns a project of one to three months",
        "Owns a zzedited project of one to three months",
    );
    let loaded = loader.load(sources, Vec::new());
    let scoped = index
        .update(&loaded.framework, loader.changed(), loader.generation())
        .expect("update");
    assert_eq!(
        scoped,
        Update {
            added: 1,
            removed: 1
        }
    );
    assert_eq!(index.len(), docs);
    let fresh = SearchIndex::build(&loaded.framework).expect("index");
    assert_eq!(answers(&index), answers(&fresh));
    assert_eq!(index.search("zzedited", &Filters::default(), 5).total, 1);
    assert_eq!(
        index
            .search("\"owns a project of one\"", &Filters::default(), 5)
            .total,
        fresh
            .search("\"owns a project of one\"", &Filters::default(), 5)
            .total
    );

    // A glossary file: every document is compared, and only the changed one moves.
    let glossary = files
        .iter()
        .find(|f| f.path.starts_with("glossary/"))
        .map(|f| f.path.clone())
        .expect("a glossary file");
    let first_heading = files
        .iter()
        .find(|f| f.path == glossary)
        .and_then(|f| {
            f.text
                .lines()
                .find(|l| l.starts_with("## "))
                .map(str::to_owned)
        })
        .expect("a term");
    let sources = edit(
        &mut files,
        &glossary,
        &first_heading,
        &format!("{first_heading}\n\nzzglossary"),
    );
    let loaded = loader.load(sources, Vec::new());
    let global = index
        .update(&loaded.framework, loader.changed(), loader.generation())
        .expect("update");
    assert_eq!(
        global,
        Update {
            added: 1,
            removed: 1
        }
    );
    let fresh = SearchIndex::build(&loaded.framework).expect("index");
    assert_eq!(answers(&index), answers(&fresh));

    // A removed level file: its documents go.
    files.retain(|f| f.path != "tracks/engineering/e3.md");
    let loaded = loader.load(files.clone(), Vec::new());
    let removed = index
        .update(&loaded.framework, loader.changed(), loader.generation())
        .expect("update");
    assert!(removed.removed > 20 && removed.added == 0, "{removed:?}");
    assert_eq!(index.search("zzedited", &Filters::default(), 5).total, 0);
    let fresh = SearchIndex::build(&loaded.framework).expect("index");
    assert_eq!(answers(&index), answers(&fresh));
    assert_eq!(index.len(), fresh.len());

    // An update older than the last applied one is skipped.
    let stale = index
        .update(&first.framework, None, loader.generation() - 1)
        .expect("update");
    assert_eq!(stale, Update::default());
    assert_eq!(index.len(), fresh.len());
}

#[test]
fn a_level_file_that_knocks_out_another_takes_its_documents_with_it() {
    let mut files = crate::files::bundled::sources().0;
    let mut loader = crate::Loader::new();
    let first = loader.load(files.clone(), Vec::new());
    let index = SearchIndex::build(&first.framework).expect("index");
    index.set_generation(loader.generation());
    let e2_hits = |index: &SearchIndex| {
        index
            .search("primary on-call shift", &Filters::default(), 50)
            .hits
            .iter()
            .filter(|h| h.target.starts_with("engineering/e2/"))
            .count()
    };
    assert!(e2_hits(&index) > 0);
    // e1.md now claims e2's id: e2.md is reported as a duplicate and drops out.
    let e1 = files
        .iter_mut()
        .find(|f| f.path == "tracks/engineering/e1.md")
        .expect("e1");
    *e1 = SourceFile::new(&e1.path, e1.text.replacen("id: e1", "id: e2", 1));
    let loaded = loader.load(files, Vec::new());
    index
        .update(&loaded.framework, loader.changed(), loader.generation())
        .expect("update");
    let fresh = SearchIndex::build(&loaded.framework).expect("index");
    assert_eq!(index.len(), fresh.len());
    assert_eq!(e2_hits(&index), e2_hits(&fresh));
}

#[test]
fn relevant_results_rank_in_the_top_three() {
    let index = index();
    let glossary = top(&index, "technical debt", 3);
    assert!(
        glossary.contains(&"technical-debt".to_owned()),
        "{glossary:?}"
    );
    assert_eq!(top(&index, "design system", 1), ["design-system"]);
    assert_eq!(top(&index, "postmortem", 1), ["postmortem"]);
    let usability = top(&index, "usability test", 3);
    assert!(
        usability.contains(&"usability-test".to_owned()),
        "{usability:?}"
    );
}

/// Phrases of words from the bundled framework's text whose stems are all common: runs of
/// two and of three adjacent words, from the first texts (in order) that have some.
fn common_phrases(index: &SearchIndex) -> Vec<String> {
    let common = &index.inner.vocabulary.common();
    let entries = index.read_entries();
    let mut bodies: Vec<&str> = entries.values().map(|e| e.body.as_str()).collect();
    bodies.sort_unstable();
    let mut phrases = Vec::new();
    for body in bodies {
        let words = words_with_stems(body);
        let common_run = |run: &[(String, String)]| run.iter().all(|(_, s)| common.contains(s));
        let text = |run: &[(String, String)]| {
            let words: Vec<&str> = run.iter().map(|(w, _)| w.as_str()).collect();
            format!("\"{}\"", words.join(" "))
        };
        for n in [2, 3] {
            for run in words.windows(n).filter(|r| common_run(r)) {
                let p = text(run);
                if !phrases.contains(&p) {
                    phrases.push(p);
                }
            }
        }
        if phrases.len() >= 16 {
            break;
        }
    }
    phrases
}

#[test]
fn a_phrase_of_common_words_finds_what_its_positions_find() {
    let framework = crate::load_bundled().framework;
    let paired = SearchIndex::build(&framework).expect("index");
    let positions = SearchIndex::build_with(&framework, Some(Default::default())).expect("index");
    assert!(
        paired.inner.vocabulary.common().len() > 5,
        "{}",
        paired.inner.vocabulary.common().len()
    );
    let phrases = common_phrases(&paired);
    assert!(phrases.len() >= 12, "{phrases:?}");
    assert!(
        phrases.iter().any(|p| p.split(' ').count() == 3),
        "{phrases:?}"
    );
    let found = |index: &SearchIndex, q: &str| {
        let r = index.search(q, &Filters::default(), 100_000);
        let mut targets: Vec<String> = r.hits.into_iter().map(|h| h.target).collect();
        targets.sort();
        (r.total, targets)
    };
    for q in &phrases {
        let (total, targets) = found(&paired, q);
        assert!(total > 0, "{q}");
        assert_eq!((total, targets), found(&positions, q), "{q}");
        // With another word, and narrowed by a filter, too.
        let more = format!("{q} the");
        assert_eq!(found(&paired, &more), found(&positions, &more), "{more}");
        let design = Filters {
            craft: Some("design".into()),
            ..Filters::default()
        };
        let (a, b) = (
            paired.search(q, &design, 5),
            positions.search(q, &design, 5),
        );
        assert_eq!(
            (a.total, a.total_unfiltered),
            (b.total, b.total_unfiltered),
            "{q}"
        );
    }
}

#[test]
fn a_typo_marks_the_other_forms_of_the_word_it_reached() {
    let index = index();
    // "mentorng" is one typo from "mentoring", whose stem leads to "mentor", "mentors"…
    let r = index.search("mentorng ", &Filters::default(), 100_000);
    let entries = index.read_entries();
    let by_other_form: Vec<&Hit> = r
        .hits
        .iter()
        .filter(|h| {
            entries.values().any(|e| {
                *e.target == *h.target && {
                    let words = words_with_stems(&e.body);
                    words.iter().any(|(_, s)| s == "mentor")
                        && !words.iter().any(|(w, _)| w == "mentoring")
                }
            })
        })
        .collect();
    assert!(!by_other_form.is_empty(), "{:?}", r.hits);
    for hit in by_other_form {
        assert!(hit.snippet_html.contains("<mark>"), "{hit:?}");
    }
}

#[test]
fn typos_and_prefixes_find_the_word_itself_and_its_neighbours() {
    let index = index();
    let targets = |q: &str| {
        let mut t: Vec<String> = index
            .search(q, &Filters::default(), 100_000)
            .hits
            .into_iter()
            .map(|h| h.target)
            .collect();
        t.sort();
        t.dedup();
        t
    };
    // "mentorign" is one typo away from "mentoring": it finds every text with that word.
    let typo = targets("mentorign ");
    let mut word: Vec<String> = index
        .read_entries()
        .values()
        .filter(|e| {
            words_with_stems(&e.body)
                .iter()
                .any(|(w, _)| w == "mentoring")
        })
        .map(|e| e.target.to_string())
        .collect();
    word.sort();
    word.dedup();
    assert!(!word.is_empty());
    assert!(word.iter().all(|t| typo.contains(t)), "{typo:?} {word:?}");
    // The word being typed finds the word itself as well as the longer ones.
    let prefix = targets("mentor");
    let exact = targets("mentor ");
    assert!(!exact.is_empty());
    assert!(exact.iter().all(|t| prefix.contains(t)));
    let typed = targets("postmo");
    let mut longer: Vec<String> = index
        .read_entries()
        .values()
        .filter(|e| {
            words_with_stems(&e.body)
                .iter()
                .any(|(w, _)| w.starts_with("postmo"))
        })
        .map(|e| e.target.to_string())
        .collect();
    longer.sort();
    longer.dedup();
    assert!(!longer.is_empty());
    assert!(
        longer.iter().all(|t| typed.contains(t)),
        "{typed:?} {longer:?}"
    );
}
