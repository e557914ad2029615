//! The `search_query` target: whatever is typed is a query, never a syntax error or a
//! panic, and searching the bundled framework with it stays within bounds: no more hits
//! than asked for or than documents, a total no larger than the documents, with filters
//! no larger than without, snippets that hold only `<mark>` as markup, and the same
//! answer twice.

use std::sync::OnceLock;

use super::{ensure, Checked};
use crate::search::{Filters, SearchIndex};

/// At most this many hits are asked for.
const LIMIT: usize = 10;

/// The bundled framework's index, built once per process.
fn index() -> Result<&'static SearchIndex, String> {
    static INDEX: OnceLock<Result<SearchIndex, String>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let (sources, diagnostics) = crate::files::bundled::sources();
            let loaded = crate::load(sources, diagnostics);
            SearchIndex::build(&loaded.framework).map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Searches for the input (as UTF-8, invalid bytes replaced) without and with filters.
pub(super) fn check(data: &[u8]) -> Checked {
    let index = index()?;
    let typed = String::from_utf8_lossy(data);
    let documents = index.len();
    let filters = Filters {
        track: Some("engineering".to_owned()),
        ..Filters::default()
    };
    let plain = index.search(&typed, &Filters::default(), LIMIT);
    let narrowed = index.search(&typed, &filters, LIMIT);
    for results in [&plain, &narrowed] {
        ensure(results.hits.len() <= LIMIT.min(documents), || {
            format!(
                "{} hits for a limit of {LIMIT} and {documents} documents",
                results.hits.len()
            )
        })?;
        let total = usize::try_from(results.total).unwrap_or(usize::MAX);
        ensure(results.hits.len() <= total && total <= documents, || {
            format!(
                "{} hits, a total of {total}, {documents} documents",
                results.hits.len()
            )
        })?;
        for hit in &results.hits {
            ensure(hit.score.is_finite(), || {
                format!("a score of {}", hit.score)
            })?;
            let markup = hit
                .snippet_html
                .replace("<mark>", "")
                .replace("</mark>", "");
            ensure(!markup.contains('<'), || {
                format!(
                    "a snippet with markup other than <mark>: {:?}",
                    hit.snippet_html
                )
            })?;
        }
    }
    ensure(narrowed.total <= plain.total, || {
        format!("{} with a filter, {} without", narrowed.total, plain.total)
    })?;
    // Nothing to search for (no word typed) answers nothing, with or without filters.
    let nothing = plain.total == 0 && plain.total_unfiltered.is_none();
    ensure(
        nothing || narrowed.total_unfiltered == Some(plain.total),
        || {
            format!(
                "a total unfiltered of {:?}, but {} without the filter",
                narrowed.total_unfiltered, plain.total
            )
        },
    )?;
    ensure(
        index.search(&typed, &Filters::default(), LIMIT) == plain,
        || "two searches for the same text gave two answers".to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_of_every_shape_pass() {
        for typed in [
            "",
            "code review",
            "\"design doc",
            "revew",
            "é\"\"x",
            "\u{0}",
        ] {
            assert_eq!(check(typed.as_bytes()), Ok(()), "{typed:?}");
        }
        let index = index().unwrap();
        assert!(index.search("review", &Filters::default(), LIMIT).total > 0);
    }
}
