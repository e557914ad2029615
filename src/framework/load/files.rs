//! Reading each kind of file on its own: raw front matter structs, then checked values.
//!
//! Nothing here looks at other files; cross-file checks live in `checks`.

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;

use crate::framework::diagnostic::{Code, Diagnostic};
use crate::framework::front_matter::{self, Schema, Yaml};
use crate::framework::markdown::{self, Body};
use crate::framework::model::{
    Band, CareerPath, Competency, Dimension, RoleDefinition, ScaleStep, Term, TermScope,
};
use crate::framework::source::SourceFile;
use crate::framework::{calibration, rule};

/// A byte range in a file, for diagnostics raised after parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Pos {
    pub offset: usize,
    pub len: usize,
}

impl Pos {
    pub(crate) fn of<T>(yaml: &Yaml<'_>, value: &Spanned<T>) -> Pos {
        let (offset, len) = yaml.span(&value.referenced);
        Pos { offset, len }
    }

    pub(crate) fn diagnostic(
        self,
        code: Code,
        file: &SourceFile,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::at(code, file, self.offset, self.len, message)
    }
}

/// Whether an id has the allowed form: lowercase letters, digits and `-`.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn check_id(yaml: &Yaml<'_>, id: &Spanned<String>, diagnostics: &mut Vec<Diagnostic>) {
    if !is_valid_id(&id.value) {
        diagnostics.push(
            yaml.diagnostic_on(Code::InvalidValue, id, format!("invalid id `{}`", id.value))
                .with_help("use lowercase letters, digits and `-`, for example `product-design`"),
        );
    }
}

/// Splits a file's front matter or reports why it cannot.
pub(crate) fn front<'a>(
    file: &'a SourceFile,
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Yaml<'a>> {
    match front_matter::split(&file.text) {
        Ok(split) => Some(Yaml { file, split }),
        Err(e) => {
            diagnostics.push(front_matter::split_diagnostic(file, e, what));
            None
        }
    }
}

/// Splits the body of a file into sections and reports raw HTML in it.
pub(crate) fn body_of(file: &SourceFile, start: usize, diagnostics: &mut Vec<Diagnostic>) -> Body {
    let body = markdown::body(&file.text[start..], start);
    for range in &body.raw_html {
        diagnostics.push(
            Diagnostic::at(
                Code::RawHtml,
                file,
                range.start,
                range.len(),
                "raw HTML is shown as text, not as markup",
            )
            .with_help("use markdown instead of HTML"),
        );
    }
    body
}

/// Reports headings of a body that this kind of file does not use.
fn unknown_sections(
    file: &SourceFile,
    body: &Body,
    known: &[&str],
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for section in &body.sections {
        if !known
            .iter()
            .any(|k| k.eq_ignore_ascii_case(&section.heading))
        {
            let hint = crate::framework::suggest::hint(&section.heading, known.iter().copied());
            diagnostics.push(
                Diagnostic::at(
                    Code::UnknownSection,
                    file,
                    section.heading_range.start,
                    section.heading_range.len(),
                    format!("{what} has no section `{}`{hint}", section.heading),
                )
                .with_help(format!(
                    "the sections of {what} are {}",
                    crate::framework::suggest::list(known.iter().copied())
                )),
            );
        }
    }
}

fn section<'b>(body: &'b Body, name: &str) -> Option<&'b markdown::Section> {
    body.sections
        .iter()
        .find(|s| s.heading.eq_ignore_ascii_case(name))
}

fn missing_section(file: &SourceFile, what: &str, name: &str) -> Diagnostic {
    Diagnostic::at(
        Code::MissingSection,
        file,
        0,
        3,
        format!("{what} has no `## {name}` section"),
    )
    .with_help(format!("add a `## {name}` section to the body"))
}

// ---------------------------------------------------------------- framework.md

#[derive(Deserialize)]
struct RawFramework {
    name: String,
    version: String,
    cumulative: Option<bool>,
    bands: Vec<RawBand>,
    dimensions: Vec<RawDimension>,
    rating: Vec<RawScaleStep>,
    /// Read on its own by [`rule::read`], so that a bad rule drops only the rule.
    #[allow(dead_code)]
    promotion: Option<serde::de::IgnoredAny>,
    /// Read on its own by [`calibration::read`], so that a bad block drops only itself.
    #[allow(dead_code)]
    calibration: Option<serde::de::IgnoredAny>,
}

const FRAMEWORK: Schema = Schema {
    known: &[
        "name",
        "version",
        "cumulative",
        "bands",
        "dimensions",
        "rating",
        "promotion",
        "calibration",
    ],
    required: &["name", "version", "bands", "dimensions", "rating"],
    older: &[],
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    number: Spanned<u32>,
    name: String,
    #[serde(default)]
    summary: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDimension {
    id: Spanned<String>,
    name: String,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScaleStep {
    id: Spanned<String>,
    name: String,
    #[serde(default)]
    description: String,
}

/// `framework.md`, checked on its own.
#[derive(Clone)]
pub(crate) struct FrameworkFile {
    pub name: String,
    pub version: String,
    pub cumulative: bool,
    pub intro: String,
    pub bands: Vec<Band>,
    pub dimensions: Vec<Dimension>,
    pub rating: Vec<ScaleStep>,
    pub promotion: Option<rule::ReadRule>,
    pub calibration: Option<calibration::Overrides>,
}

pub(crate) fn framework(
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<FrameworkFile> {
    let yaml = front(file, "`framework.md`", diagnostics)?;
    let body = body_of(file, yaml.split.body, diagnostics);
    let raw: RawFramework = yaml.parse(&FRAMEWORK, diagnostics)?;
    let promotion = rule::read(&yaml, &FRAMEWORK, diagnostics);
    let calibration = calibration::read(&yaml, &FRAMEWORK, diagnostics);

    let mut bands: Vec<Band> = Vec::new();
    for band in raw.bands {
        if bands.iter().any(|b| b.number == band.number.value) {
            diagnostics.push(yaml.diagnostic_on(
                Code::DuplicateId,
                &band.number,
                format!("band {} is defined twice", band.number.value),
            ));
            continue;
        }
        if let Some(last) = bands.last() {
            if band.number.value < last.number {
                diagnostics.push(
                    yaml.diagnostic_on(
                        Code::InvalidValue,
                        &band.number,
                        format!(
                            "band {} comes after band {}",
                            band.number.value, last.number
                        ),
                    )
                    .with_help("list bands from lowest to highest"),
                );
            }
        }
        bands.push(Band {
            number: band.number.value,
            name: band.name,
            summary: band.summary,
        });
    }
    bands.sort_by_key(|b| b.number);

    let mut dimensions: Vec<Dimension> = Vec::new();
    for d in raw.dimensions {
        check_id(&yaml, &d.id, diagnostics);
        if dimensions.iter().any(|x| x.id == d.id.value) {
            diagnostics.push(yaml.diagnostic_on(
                Code::DuplicateId,
                &d.id,
                format!("dimension `{}` is defined twice", d.id.value),
            ));
            continue;
        }
        dimensions.push(Dimension {
            id: d.id.value,
            name: d.name,
            description: d.description,
        });
    }

    let mut rating: Vec<ScaleStep> = Vec::new();
    for r in raw.rating {
        check_id(&yaml, &r.id, diagnostics);
        if rating.iter().any(|x| x.id == r.id.value) {
            diagnostics.push(yaml.diagnostic_on(
                Code::DuplicateId,
                &r.id,
                format!("rating `{}` is defined twice", r.id.value),
            ));
            continue;
        }
        rating.push(ScaleStep {
            id: r.id.value,
            name: r.name,
            description: r.description,
        });
    }

    let mut intro = body.intro;
    for s in &body.sections {
        // The framework's body is free-form: keep its sections in the introduction.
        intro.push_str(&format!("\n\n## {}\n\n{}", s.heading, s.content));
    }

    Some(FrameworkFile {
        name: raw.name,
        version: raw.version,
        cumulative: raw.cumulative.unwrap_or(true),
        intro: intro.trim().to_owned(),
        bands,
        dimensions,
        rating,
        promotion,
        calibration,
    })
}

// ------------------------------------------------------------ competencies

#[derive(Deserialize)]
struct RawCompetency {
    id: Spanned<String>,
    name: String,
    tracks: Option<Vec<Spanned<String>>>,
}

const COMPETENCY: Schema = Schema {
    known: &["id", "name", "tracks"],
    required: &["id", "name"],
    older: &[],
};

/// A competency file, with positions for cross-file checks.
#[derive(Clone)]
pub(crate) struct CompetencyFile {
    pub competency: Competency,
    pub id_pos: Pos,
    pub track_pos: Vec<Pos>,
    /// Its judging aids, checked against bands and levels later.
    pub aids: Vec<super::aids::Block>,
}

pub(crate) fn competency(
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<CompetencyFile> {
    let yaml = front(file, "a competency file", diagnostics)?;
    let body = body_of(file, yaml.split.body, diagnostics);
    let raw: RawCompetency = yaml.parse(&COMPETENCY, diagnostics)?;
    check_id(&yaml, &raw.id, diagnostics);
    const SECTIONS: &[&str] = &["Evidence", "Questions"];
    // `## Band 3` and `## d3` hold judging aids; every other heading is a section.
    let mut aids = Vec::new();
    let mut rest = Vec::new();
    for (i, s) in body.sections.iter().enumerate() {
        match super::aids::target(&s.heading) {
            Some(target) => {
                let end = body
                    .sections
                    .get(i + 1)
                    .map_or(file.text.len(), |next| next.heading_range.start);
                let range = s.heading_range.clone();
                aids.push(super::aids::read(
                    file,
                    target,
                    &s.heading,
                    range,
                    end,
                    diagnostics,
                ));
            }
            None => rest.push(s.clone()),
        }
    }
    let sections = Body {
        sections: rest,
        ..Body::default()
    };
    let before = diagnostics.len();
    unknown_sections(file, &sections, SECTIONS, "a competency", diagnostics);
    for d in diagnostics.iter_mut().skip(before) {
        d.help = Some(
            "the sections of a competency are `Evidence` and `Questions`, then judging aids under `## Band N` or `## LEVEL`"
                .to_owned(),
        );
    }
    let items = |name: &str, diagnostics: &mut Vec<Diagnostic>| match section(&body, name) {
        Some(s) => s.items.iter().map(|i| i.text.clone()).collect(),
        None => {
            diagnostics.push(missing_section(file, "this competency", name));
            Vec::new()
        }
    };
    let evidence = items("Evidence", diagnostics);
    let questions = items("Questions", diagnostics);
    let track_pos = raw
        .tracks
        .iter()
        .flatten()
        .map(|t| Pos::of(&yaml, t))
        .collect();
    Some(CompetencyFile {
        id_pos: Pos::of(&yaml, &raw.id),
        track_pos,
        aids,
        competency: Competency {
            id: raw.id.value,
            name: raw.name,
            tracks: raw
                .tracks
                .map(|ts| ts.into_iter().map(|t| t.value).collect()),
            description: body.intro,
            evidence,
            questions,
            aids: Vec::new(),
            path: file.path.clone(),
        },
    })
}

// ---------------------------------------------------------------- glossary

/// A glossary file: its entries, and the craft words it asks every level to explain.
#[derive(Clone, Default)]
pub(crate) struct GlossaryFile {
    pub terms: Vec<TermEntry>,
    pub craft_words: Vec<String>,
}

/// A glossary term with the position of its heading and of each value of its scope.
#[derive(Clone)]
pub(crate) struct TermEntry {
    pub term: Term,
    pub pos: Pos,
    /// (key, value, position) of each value of the scope, in the order written.
    pub scope_pos: Vec<(ScopeKey, String, Pos)>,
}

/// The keys of a glossary entry's scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScopeKey {
    Crafts,
    Tracks,
    Competencies,
}

impl ScopeKey {
    pub(crate) const ALL: [(&'static str, ScopeKey); 3] = [
        ("crafts", ScopeKey::Crafts),
        ("tracks", ScopeKey::Tracks),
        ("competencies", ScopeKey::Competencies),
    ];
}

#[derive(Deserialize)]
struct RawGlossary {
    craft_words: Option<Vec<String>>,
}

const GLOSSARY: Schema = Schema {
    known: &["craft_words"],
    required: &[],
    older: &[],
};

pub(crate) fn glossary(file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> GlossaryFile {
    let (start, craft_words) = match front_matter::split(&file.text) {
        Ok(split) => {
            let yaml = Yaml { file, split };
            let raw: Option<RawGlossary> = yaml.parse(&GLOSSARY, diagnostics);
            (
                split.body,
                raw.and_then(|r| r.craft_words).unwrap_or_default(),
            )
        }
        Err(_) => (0, Vec::new()),
    };
    let body = body_of(file, start, diagnostics);
    let terms = body
        .sections
        .into_iter()
        .map(|s| {
            let (term, scope_pos) = term_heading(file, &s, diagnostics);
            let mut scope = TermScope::default();
            for (key, value, _) in &scope_pos {
                let values = match key {
                    ScopeKey::Crafts => &mut scope.crafts,
                    ScopeKey::Tracks => &mut scope.tracks,
                    ScopeKey::Competencies => &mut scope.competencies,
                };
                if !values.contains(value) {
                    values.push(value.clone());
                }
            }
            TermEntry {
                pos: Pos {
                    offset: s.heading_range.start,
                    len: s.heading_range.len(),
                },
                scope_pos,
                term: Term {
                    id: String::new(),
                    term,
                    definition: s.content,
                    scope,
                    path: file.path.clone(),
                },
            }
        })
        .collect();
    GlossaryFile { terms, craft_words }
}

/// A glossary heading's term, and the scope written after it in braces:
/// `## Group {crafts=leadership tracks=engineering-manager,sto}`.
fn term_heading(
    file: &SourceFile,
    section: &markdown::Section,
    diagnostics: &mut Vec<Diagnostic>,
) -> (String, Vec<(ScopeKey, String, Pos)>) {
    let heading = section.heading.trim_end();
    let Some(open) = heading.strip_suffix('}').and_then(|h| h.rfind('{')) else {
        return (heading.to_owned(), Vec::new());
    };
    let term = heading[..open].trim_end().to_owned();
    let line_start = section.heading_range.start;
    let line = file.text[section.heading_range.clone()]
        .lines()
        .next()
        .unwrap_or("");
    // Positions are looked up in the line as written; the heading text is normalised.
    let inner_at = line.rfind('{').map_or(line_start, |i| line_start + i + 1);
    let inner_end = line.rfind('}').map_or(inner_at, |i| line_start + i);
    let inner = file
        .text
        .get(inner_at..inner_end.max(inner_at))
        .unwrap_or("");
    let mut scope = Vec::new();
    let mut offset = 0;
    for word in inner.split_whitespace() {
        let at = inner[offset..]
            .find(word)
            .map_or(inner_at, |i| inner_at + offset + i);
        offset = at - inner_at + word.len();
        let here = |start: usize, len: usize| Pos { offset: start, len };
        let Some((key, values)) = word.split_once('=') else {
            diagnostics.push(
                here(at, word.len())
                    .diagnostic(
                        Code::InvalidValue,
                        file,
                        format!("`{word}` in the scope of `{term}` is not of the form `key=value`"),
                    )
                    .with_help("write the scope as `{crafts=design tracks=sto competencies=user-research}`"),
            );
            continue;
        };
        let Some(&(_, key_kind)) = ScopeKey::ALL.iter().find(|(k, _)| *k == key) else {
            let hint = crate::framework::suggest::hint(key, ScopeKey::ALL.iter().map(|(k, _)| *k));
            diagnostics.push(
                here(at, key.len())
                    .diagnostic(
                        Code::UnknownKey,
                        file,
                        format!("unknown key `{key}` in the scope of `{term}`{hint}"),
                    )
                    .with_help(
                        "the scope of a glossary entry takes `crafts`, `tracks` and `competencies`",
                    ),
            );
            continue;
        };
        let mut value_at = at + key.len() + 1;
        if values.is_empty() {
            diagnostics.push(
                here(at, word.len())
                    .diagnostic(
                        Code::InvalidValue,
                        file,
                        format!("`{key}=` in the scope of `{term}` names nothing"),
                    )
                    .with_help(format!("name one or more {key}, separated by commas")),
            );
        }
        for value in values.split(',') {
            if !value.is_empty() {
                scope.push((key_kind, value.to_owned(), here(value_at, value.len())));
            }
            value_at += value.len() + 1;
        }
    }
    (term, scope)
}

// ---------------------------------------------------------------- tracks

#[derive(Deserialize)]
struct RawTrack {
    id: Spanned<String>,
    name: String,
    #[serde(alias = "discipline")]
    craft: String,
    #[serde(alias = "path")]
    career_path: Spanned<String>,
    #[serde(default)]
    summary: String,
    cumulative: Option<bool>,
    first_band: Option<u32>,
    last_band: Option<u32>,
    /// Read on its own by [`rule::read`], so that a bad rule drops only the rule.
    #[allow(dead_code)]
    promotion: Option<serde::de::IgnoredAny>,
}

const TRACK: Schema = Schema {
    known: &[
        "id",
        "name",
        "craft",
        "career_path",
        "summary",
        "cumulative",
        "first_band",
        "last_band",
        "promotion",
    ],
    required: &["id", "name", "craft", "career_path"],
    older: &[("discipline", "craft"), ("path", "career_path")],
};

/// `track.md`, checked on its own.
#[derive(Clone)]
pub(crate) struct TrackFile {
    pub id: String,
    pub id_pos: Pos,
    pub name: String,
    pub craft: String,
    pub career_path: CareerPath,
    pub summary: String,
    pub cumulative: Option<bool>,
    pub first_band: Option<u32>,
    pub last_band: Option<u32>,
    /// Where `career_path` is, for lints about the track's place among the others.
    pub career_path_pos: Pos,
    pub role: RoleDefinition,
    pub promotion: Option<rule::ReadRule>,
}

pub(crate) fn track(file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<TrackFile> {
    let yaml = front(file, "`track.md`", diagnostics)?;
    let body = body_of(file, yaml.split.body, diagnostics);
    let raw: RawTrack = yaml.parse(&TRACK, diagnostics)?;
    let promotion = rule::read(&yaml, &TRACK, diagnostics);
    check_id(&yaml, &raw.id, diagnostics);
    let career_path = match raw.career_path.value.as_str() {
        "individual-contributor" => CareerPath::IndividualContributor,
        "manager" => CareerPath::Manager,
        other => {
            diagnostics.push(
                yaml.diagnostic_on(
                    Code::InvalidValue,
                    &raw.career_path,
                    format!("unknown career path `{other}`"),
                )
                .with_help("write `individual-contributor` or `manager`"),
            );
            return None;
        }
    };
    const SECTIONS: &[&str] = &[
        "Purpose",
        "Responsibilities",
        "Decision rights",
        "Working with other roles",
    ];
    unknown_sections(file, &body, SECTIONS, "a role definition", diagnostics);
    let mut text = |name: &str| match section(&body, name) {
        Some(s) => s.content.clone(),
        None => {
            diagnostics.push(missing_section(file, "the role definition", name));
            String::new()
        }
    };
    let role = RoleDefinition {
        purpose: text("Purpose"),
        responsibilities: text("Responsibilities"),
        decision_rights: text("Decision rights"),
        working_with_others: text("Working with other roles"),
    };
    Some(TrackFile {
        id_pos: Pos::of(&yaml, &raw.id),
        id: raw.id.value,
        name: raw.name,
        craft: raw.craft,
        career_path,
        summary: raw.summary,
        cumulative: raw.cumulative,
        first_band: raw.first_band,
        last_band: raw.last_band,
        career_path_pos: Pos::of(&yaml, &raw.career_path),
        role,
        promotion,
    })
}

// ---------------------------------------------------------------- levels

#[derive(Deserialize)]
struct RawLevel {
    id: Spanned<String>,
    title: String,
    band: Spanned<u32>,
    summary: String,
    #[serde(default)]
    dimensions: Option<Spanned<Statements>>,
    cumulative: Option<bool>,
}

const LEVEL: Schema = Schema {
    known: &["id", "title", "band", "summary", "dimensions", "cumulative"],
    required: &["id", "title", "band", "summary", "dimensions"],
    older: &[],
};

/// The `dimensions:` mapping of a level, in file order, with positions.
#[derive(Debug, Default)]
struct Statements(Vec<(Spanned<String>, String)>);

impl<'de> Deserialize<'de> for Statements {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StatementsVisitor;
        impl<'de> Visitor<'de> for StatementsVisitor {
            type Value = Statements;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a mapping from dimension ids to sentences")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Statements, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    out.push((key, map.next_value::<String>()?));
                }
                Ok(Statements(out))
            }
        }
        deserializer.deserialize_map(StatementsVisitor)
    }
}

/// A level file, checked on its own; sections are resolved against competencies later.
#[derive(Clone)]
pub(crate) struct LevelFile {
    pub id: String,
    pub id_pos: Pos,
    pub title: String,
    pub band: u32,
    pub band_pos: Pos,
    pub summary: String,
    pub dimensions: Vec<(String, Pos, String)>,
    pub dimensions_pos: Pos,
    pub cumulative: Option<bool>,
    pub body: Body,
    /// The expectations of each section of `body`, read on their own.
    pub items: Vec<Vec<super::item::Prepared>>,
}

pub(crate) fn level(file: &SourceFile, diagnostics: &mut Vec<Diagnostic>) -> Option<LevelFile> {
    let yaml = front(file, "a level file", diagnostics)?;
    let mut body = body_of(file, yaml.split.body, diagnostics);
    let raw: RawLevel = yaml.parse(&LEVEL, diagnostics)?;
    check_id(&yaml, &raw.id, diagnostics);
    let (dimensions, dimensions_pos) = match raw.dimensions {
        Some(d) => {
            let pos = Pos::of(&yaml, &d);
            let list = d
                .value
                .0
                .into_iter()
                .map(|(k, v)| {
                    let pos = Pos::of(&yaml, &k);
                    (k.value, pos, v)
                })
                .collect();
            (list, pos)
        }
        None => (
            Vec::new(),
            Pos {
                offset: yaml.split.open,
                len: 3,
            },
        ),
    };
    Some(LevelFile {
        id_pos: Pos::of(&yaml, &raw.id),
        id: raw.id.value,
        title: raw.title,
        band_pos: Pos::of(&yaml, &raw.band),
        band: raw.band.value,
        summary: raw.summary,
        dimensions,
        dimensions_pos,
        cumulative: raw.cumulative,
        // Each item is read once here; the section keeps only what is checked later.
        items: body
            .sections
            .iter_mut()
            .map(|s| {
                s.content = String::new();
                std::mem::take(&mut s.items)
                    .iter()
                    .map(|item| super::item::prepare(file, item))
                    .collect()
            })
            .collect(),
        body,
    })
}
