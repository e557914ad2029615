//! The keys a structured source may use, by the role they play, and the words that mark
//! a level as being on a manager or an individual-contributor path. Keys are compared
//! without case, `_`, `-` or spaces, so `careerPath`, `career_path` and `Career Path` are
//! one key.

use super::super::CareerPath;

/// What a key stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// The source's own id of an entry.
    Id,
    /// The name or title of a level, theme or framework.
    Name,
    /// What an entry covers, kept as its description or note.
    Description,
    /// The level a criterion belongs to.
    Level,
    /// The theme (competency) a criterion belongs to.
    Theme,
    /// The text of a criterion.
    Text,
    /// Examples of a criterion.
    Examples,
    /// The place of a level in the list.
    Order,
    /// The band of a level.
    Band,
    /// The career path of a level.
    Path,
    /// A list of levels.
    Levels,
    /// A list of themes.
    Themes,
    /// A list of criteria.
    Criteria,
}

/// Where in a file a key is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// The top of a file.
    Top,
    /// An entry of a levels list.
    Level,
    /// An entry of a themes list.
    Theme,
    /// A criterion.
    Criterion,
}

impl Place {
    /// The keys read here, by role; a text key's place in the list is its priority.
    fn keys(self) -> &'static [(Role, &'static [&'static str])] {
        match self {
            Place::Top => &[
                (Role::Name, &["name", "title"]),
                (
                    Role::Description,
                    &["summary", "description", "about", "intro", "overview"],
                ),
                (Role::Levels, &["levels", "grades", "steps", "ranks"]),
                (
                    Role::Themes,
                    &[
                        "themes",
                        "areas",
                        "categories",
                        "pillars",
                        "topics",
                        "domains",
                        "competencies",
                    ],
                ),
                (
                    Role::Criteria,
                    &[
                        "criteria",
                        "expectations",
                        "behaviours",
                        "behaviors",
                        "statements",
                        "requirements",
                    ],
                ),
            ],
            Place::Level => &[
                (Role::Id, &["id", "key", "slug", "code"]),
                (Role::Name, &["name", "title", "label"]),
                (
                    Role::Description,
                    &["summary", "description", "about", "intro", "overview"],
                ),
                (
                    Role::Order,
                    &["number", "order", "rank", "index", "position", "level"],
                ),
                (Role::Band, &["band"]),
                (
                    Role::Themes,
                    &[
                        "themes",
                        "areas",
                        "categories",
                        "pillars",
                        "topics",
                        "domains",
                    ],
                ),
                (
                    Role::Path,
                    &["path", "careerpath", "track", "ladder", "stream"],
                ),
                (
                    Role::Criteria,
                    &[
                        "criteria",
                        "competencies",
                        "expectations",
                        "behaviours",
                        "behaviors",
                        "statements",
                    ],
                ),
            ],
            Place::Theme => &[
                (Role::Id, &["id", "key", "slug", "code"]),
                (Role::Name, &["name", "title", "label"]),
                (Role::Levels, &["levels", "grades", "steps", "ranks"]),
                (
                    Role::Description,
                    &["summary", "description", "about", "intro", "overview"],
                ),
                (
                    Role::Criteria,
                    &[
                        "criteria",
                        "competencies",
                        "expectations",
                        "behaviours",
                        "behaviors",
                        "statements",
                    ],
                ),
            ],
            Place::Criterion => &[
                (Role::Id, &["id", "key", "uuid", "ref", "code"]),
                (
                    Role::Level,
                    &["level", "grade", "step", "rank", "seniority", "tier"],
                ),
                (
                    Role::Theme,
                    &[
                        "theme",
                        "area",
                        "competency",
                        "category",
                        "pillar",
                        "topic",
                        "dimension",
                    ],
                ),
                (
                    Role::Text,
                    &[
                        "text",
                        "criterion",
                        "statement",
                        "expectation",
                        "summary",
                        "description",
                        "behaviour",
                        "behavior",
                        "name",
                        "title",
                    ],
                ),
                (
                    Role::Examples,
                    &["examples", "example", "evidence", "forexample"],
                ),
                (
                    Role::Criteria,
                    &[
                        "criteria",
                        "competencies",
                        "expectations",
                        "behaviours",
                        "behaviors",
                        "statements",
                    ],
                ),
            ],
        }
    }

    /// The role of a key here, and its rank among the names of that role.
    pub(super) fn role(self, key: &str) -> Option<(Role, usize)> {
        let key = normal(key);
        self.keys()
            .iter()
            .find_map(|(role, names)| names.iter().position(|n| *n == key).map(|i| (*role, i)))
    }

    /// What the report says of a key read nowhere here.
    pub(super) fn unknown_why(self) -> &'static str {
        match self {
            Place::Top => "not a key rung import reads at the top of a file (it reads name, summary, levels, themes and criteria, or other names for them listed in docs/import.md)",
            Place::Level => "not a key rung import reads in a level (it reads id, name, summary, number, band, path, themes and criteria, or other names for them listed in docs/import.md)",
            Place::Theme => "not a key rung import reads in a theme (it reads id, name, summary, levels and criteria, or other names for them listed in docs/import.md)",
            Place::Criterion => "not a key rung import reads in a criterion (it reads id, level, theme, text and examples, or other names for them listed in docs/import.md)",
        }
    }
}

/// A key compared without case, `_`, `-` or spaces.
fn normal(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a text, lowercase, split at anything but letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The career path a `path:` value names, if it names one.
pub(super) fn path_named(value: &str) -> Option<CareerPath> {
    let words = words(value);
    let has = |w: &str| words.iter().any(|x| x == w);
    if words.iter().any(|w| w.starts_with("manag"))
        || ["pm", "em", "mgr", "m", "people", "leadership"]
            .iter()
            .any(|w| has(w))
    {
        Some(CareerPath::Manager)
    } else if [
        "ic",
        "individual",
        "contributor",
        "technical",
        "engineer",
        "specialist",
    ]
    .iter()
    .any(|w| has(w))
    {
        Some(CareerPath::IndividualContributor)
    } else {
        None
    }
}

/// The career path a level's id or title marks, such as `senior-2-pm` or
/// "Principal Engineer (People Manager)". A plain "Product Manager" marks nothing: only
/// words that name the path do.
pub(super) fn path_marked(id: Option<&str>, title: &str) -> Option<CareerPath> {
    let title = words(title).join(" ");
    let id = id.map(words).unwrap_or_default();
    let last = id.last().map(String::as_str);
    let first = id.first().map(String::as_str).unwrap_or("");
    let numbered = |prefix: &str| {
        id.len() == 1
            && first.len() > prefix.len()
            && first.starts_with(prefix)
            && first[prefix.len()..].chars().all(|c| c.is_ascii_digit())
    };
    let manager = [
        "people manager",
        "people management",
        "engineering manager",
        "manager track",
        "management track",
        "manager path",
        "management path",
    ]
    .iter()
    .any(|p| title.contains(p))
        || matches!(last, Some("pm" | "mgr" | "manager" | "management"))
        || (id.len() > 1 && first == "em")
        || numbered("m")
        || numbered("em");
    if manager {
        return Some(CareerPath::Manager);
    }
    let ic =
        title.contains("individual contributor") || matches!(last, Some("ic")) || numbered("ic");
    ic.then_some(CareerPath::IndividualContributor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_compared_without_case_or_separators() {
        assert_eq!(Place::Level.role("careerPath"), Some((Role::Path, 1)));
        assert_eq!(Place::Level.role("Career-Path"), Some((Role::Path, 1)));
        assert_eq!(Place::Criterion.role("Area"), Some((Role::Theme, 1)));
        assert_eq!(Place::Criterion.role("summary"), Some((Role::Text, 4)));
        assert_eq!(Place::Criterion.role("proficiency"), None);
        assert_eq!(Place::Top.role("competencies"), Some((Role::Themes, 6)));
    }

    #[test]
    fn paths_are_read_from_words_that_name_them() {
        assert_eq!(path_named("Management"), Some(CareerPath::Manager));
        assert_eq!(path_named("IC"), Some(CareerPath::IndividualContributor));
        assert_eq!(path_named("both"), None);
        assert_eq!(
            path_marked(Some("senior-2-pm"), "Senior Engineer 2"),
            Some(CareerPath::Manager)
        );
        assert_eq!(
            path_marked(None, "Principal Engineer (People Manager)"),
            Some(CareerPath::Manager)
        );
        assert_eq!(
            path_marked(Some("M3"), "Director"),
            Some(CareerPath::Manager)
        );
        assert_eq!(
            path_marked(Some("principal-ic"), "Principal"),
            Some(CareerPath::IndividualContributor)
        );
        assert_eq!(path_marked(None, "Senior Product Manager"), None);
        assert_eq!(path_marked(Some("mid"), "Mid"), None);
    }
}
