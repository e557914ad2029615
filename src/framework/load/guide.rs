//! `guide.md`: the framework's own page on how to use it (how a promotion case is judged,
//! what the rule means, how to get a specialist's view), read on its own. Front matter
//! gives its title; the body is markdown, shown as it is written.

use serde::Deserialize;

use super::files::{body_of, front};
use crate::framework::diagnostic::Diagnostic;
use crate::framework::front_matter::Schema;
use crate::framework::model::Guide;
use crate::framework::source::SourceFile;

const GUIDE: Schema = Schema {
    known: &["title"],
    required: &["title"],
    older: &[],
};

#[derive(Deserialize)]
struct RawGuide {
    title: String,
}

/// Reads `guide.md`; `None` when its front matter is broken (reported in `diagnostics`).
pub(crate) fn read(file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<Guide> {
    let yaml = front(file, "`guide.md`", diagnostics)?;
    let body = body_of(file, yaml.split.body, diagnostics);
    let raw: RawGuide = yaml.parse(&GUIDE, diagnostics)?;
    let mut text = body.intro;
    for s in &body.sections {
        text.push_str(&format!("\n\n## {}\n\n{}", s.heading, s.content));
    }
    Some(Guide {
        title: raw.title.trim().to_owned(),
        body: text.trim().to_owned(),
        path: file.path.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guide_has_a_title_and_a_body_of_sections() {
        let file = SourceFile::new(
            "guide.md",
            "---\ntitle: How to use this framework\n---\n\nRead it first.\n\n## Judging a case\n\nBy its rule.\n",
        );
        let mut diagnostics = Vec::new();
        let guide = read(&file, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let Some(guide) = guide else {
            panic!("the guide reads");
        };
        assert_eq!(guide.title, "How to use this framework");
        assert_eq!(
            guide.body,
            "Read it first.\n\n## Judging a case\n\nBy its rule."
        );
    }

    #[test]
    fn a_guide_without_a_title_is_reported_where_it_starts() {
        let file = SourceFile::new("guide.md", "---\ntitel: Guide\n---\n\nText.\n");
        let mut diagnostics = Vec::new();
        assert!(read(&file, &mut diagnostics).is_none());
        let said: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert!(
            said.iter()
                .any(|d| d.contains("guide.md:2:1") && d.contains("titel")),
            "{said:?}"
        );
    }
}
