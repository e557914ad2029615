//! The structured family: YAML or JSON files where each competency or criterion is
//! tagged with a level and a theme, levels possibly branching into individual-contributor
//! and manager paths. The files of a source are read together, since one may hold the
//! levels and another the criteria: `tree.rs` reads each file into values with their
//! positions, `keys.rs` knows which key plays which role, this file gathers the levels,
//! themes and criteria of all the files, then places them (`place.rs`).

mod keys;
mod place;
mod tree;

use serde_saphyr::Spanned;

use super::report::quote;
use super::yaml_node::Node;
use super::{CareerPath, Imported, Located, Origin, Outcome, ReportLine, Source};
use keys::{Place, Role};
use tree::File;

/// A level as a levels list gives it.
#[derive(Debug, Clone)]
struct LevelDef {
    /// The source's id, which criteria may name instead of the title.
    id: Option<String>,
    title: Located,
    number: Option<f64>,
    band: Option<u32>,
    path: Option<CareerPath>,
    notes: Vec<Located>,
}

/// A theme as a themes list gives it.
#[derive(Debug, Clone)]
struct ThemeDef {
    id: Option<String>,
    name: Located,
    description: Option<Located>,
}

/// A criterion with what it is tagged with (its own keys, or the entries it sits in).
#[derive(Debug, Clone)]
struct Criterion {
    level: Option<Located>,
    theme: Option<Located>,
    texts: Vec<Located>,
    examples: Vec<Located>,
    id: Option<Located>,
}

/// Everything gathered from the files, before it is placed.
#[derive(Debug, Default)]
struct Gathered {
    name: Option<Located>,
    notes: Vec<Located>,
    levels: Vec<LevelDef>,
    themes: Vec<ThemeDef>,
    criteria: Vec<Criterion>,
    problems: Vec<ReportLine>,
}

/// The level and theme a criterion inherits from the entries it sits in.
#[derive(Debug, Clone, Default)]
struct Context {
    level: Option<Located>,
    theme: Option<Located>,
}

/// Reads every structured file of a source.
pub(super) fn read(sources: &[&Source], out: &mut Imported) {
    let mut gathered = Gathered::default();
    for source in sources {
        out.sources.push(source.path.clone());
        match tree::parse(source) {
            Ok((file, mut lines)) => {
                gathered.problems.append(&mut lines);
                for root in &file.roots {
                    gathered.file(&file, root);
                }
            }
            Err(line) => gathered.problems.push(line),
        }
    }
    place::place(gathered, out);
}

fn not_mapped(at: Origin, what: String, why: impl Into<String>) -> ReportLine {
    ReportLine {
        at,
        what,
        outcome: Outcome::NotMapped { why: why.into() },
    }
}

fn problem(at: Origin, what: String, why: impl Into<String>) -> ReportLine {
    ReportLine {
        at,
        what,
        outcome: Outcome::Problem { why: why.into() },
    }
}

/// The entries of a map, or nothing.
fn entries(node: &Node) -> &[(Spanned<String>, Spanned<Node>)] {
    match node {
        Node::Map(entries) => entries,
        _ => &[],
    }
}

/// Whether a list holds at least one map tagged with a level.
fn tagged_with_levels(node: &Node) -> bool {
    match node {
        Node::List(items) => items.iter().any(|item| {
            entries(&item.value)
                .iter()
                .any(|(k, _)| matches!(Place::Criterion.role(&k.value), Some((Role::Level, _))))
        }),
        _ => false,
    }
}

impl Gathered {
    /// One document of a file.
    fn file(&mut self, file: &File, root: &Spanned<Node>) {
        let read_any = match &root.value {
            Node::Map(entries) => {
                let known = entries
                    .iter()
                    .filter(|(k, _)| Place::Top.role(&k.value).is_some())
                    .count();
                if known > 0 {
                    self.top(file, entries);
                }
                known > 0
            }
            Node::List(_) if tagged_with_levels(&root.value) => {
                self.criteria(file, root, &Context::default());
                true
            }
            Node::List(_) => {
                let stem = file.stem();
                let has = |words: &[&str]| words.iter().any(|w| stem.contains(w));
                if has(&["level", "grade", "step", "rank"]) {
                    self.levels(file, root);
                    true
                } else if has(&["theme", "area", "categor", "pillar", "topic", "competenc"]) {
                    self.themes(file, root);
                    true
                } else {
                    false
                }
            }
            _ => false,
        };
        if !read_any {
            self.problems.push(not_mapped(
                file.origin(&root.referenced),
                "the file".to_owned(),
                "neither a list of criteria tagged with levels nor a map with levels, themes or criteria (see docs/import.md for the shapes rung import reads)",
            ));
        }
    }

    fn top(&mut self, file: &File, entries: &[(Spanned<String>, Spanned<Node>)]) {
        for (key, value) in entries {
            if value.value == Node::Null {
                continue;
            }
            match Place::Top.role(&key.value).map(|(r, _)| r) {
                Some(Role::Name) => match self.scalar(file, key, value) {
                    Some(name) if self.name.is_none() => self.name = Some(name),
                    Some(name) => self.problems.push(not_mapped(
                        name.origin,
                        format!("name {}", quote(&name.text)),
                        "the framework is already named by another file",
                    )),
                    None => {}
                },
                Some(Role::Description) => {
                    if let Some(note) = self.scalar(file, key, value) {
                        self.notes.push(note);
                    }
                }
                Some(Role::Levels) => self.levels(file, value),
                Some(Role::Themes) if tagged_with_levels(&value.value) => {
                    self.criteria(file, value, &Context::default());
                }
                Some(Role::Themes) => self.themes(file, value),
                Some(_) => self.criteria(file, value, &Context::default()),
                None => self.unknown(file, key, Place::Top),
            }
        }
    }

    fn unknown(&mut self, file: &File, key: &Spanned<String>, place: Place) {
        self.problems.push(not_mapped(
            file.origin(&key.referenced),
            format!("key `{}`", key.value),
            place.unknown_why(),
        ));
    }

    /// A single text value, or a report line saying why it is not one.
    fn scalar(
        &mut self,
        file: &File,
        key: &Spanned<String>,
        value: &Spanned<Node>,
    ) -> Option<Located> {
        match &value.value {
            Node::Scalar(text) if !text.trim().is_empty() => {
                Some(place::located(file, text, &value.referenced))
            }
            Node::Scalar(_) | Node::Null => None,
            _ => {
                self.problems.push(not_mapped(
                    file.origin(&value.referenced),
                    format!("key `{}`", key.value),
                    "expected a single value here, not a list or a map",
                ));
                None
            }
        }
    }

    /// The entries of a levels or themes list: a list of maps or names, or a map from
    /// ids to maps or names. Each comes with its id from the map's key, if any.
    fn items<'a>(
        &mut self,
        file: &File,
        node: &'a Spanned<Node>,
    ) -> Vec<(Option<&'a Spanned<String>>, &'a Spanned<Node>)> {
        match &node.value {
            Node::List(items) => items.iter().map(|i| (None, i)).collect(),
            Node::Map(entries) => entries.iter().map(|(k, v)| (Some(k), v)).collect(),
            Node::Null => Vec::new(),
            Node::Scalar(text) => {
                self.problems.push(not_mapped(
                    file.origin(&node.referenced),
                    quote(text),
                    "expected a list here",
                ));
                Vec::new()
            }
        }
    }

    fn levels(&mut self, file: &File, node: &Spanned<Node>) {
        for (id_key, item) in self.items(file, node) {
            let mut id = id_key.map(|k| k.value.clone());
            let mut title = None;
            let mut def_notes = Vec::new();
            let mut number = None;
            let mut band = None;
            let mut path = None;
            let mut nested = Vec::new();
            match &item.value {
                Node::Scalar(text) => title = Some(place::located(file, text, &item.referenced)),
                Node::Map(fields) => {
                    for (key, value) in fields {
                        if value.value == Node::Null {
                            continue;
                        }
                        match Place::Level.role(&key.value).map(|(r, _)| r) {
                            Some(Role::Id) => id = self.scalar(file, key, value).map(|l| l.text),
                            Some(Role::Name) => title = self.scalar(file, key, value),
                            Some(Role::Description) => {
                                def_notes.extend(self.scalar(file, key, value));
                            }
                            Some(Role::Order) => {
                                if let Some(n) = self.scalar(file, key, value) {
                                    match n.text.parse::<f64>() {
                                        Ok(n) => number = Some(n),
                                        Err(_) => self.problems.push(problem(
                                            n.origin,
                                            format!("key `{}`", key.value),
                                            "not a number; the levels keep the order of the list",
                                        )),
                                    }
                                }
                            }
                            Some(Role::Band) => {
                                if let Some(b) = self.scalar(file, key, value) {
                                    match b.text.parse::<u32>() {
                                        Ok(b) if b > 0 => band = Some(b),
                                        _ => self.problems.push(problem(
                                            b.origin,
                                            format!("key `{}`", key.value),
                                            "not a whole number from 1; the band is the level's place in its track",
                                        )),
                                    }
                                }
                            }
                            Some(Role::Path) => {
                                if let Some(p) = self.scalar(file, key, value) {
                                    path = keys::path_named(&p.text);
                                    if path.is_none() {
                                        self.problems.push(problem(
                                            p.origin,
                                            format!("path {}", quote(&p.text)),
                                            "neither a manager nor an individual-contributor path; the level is read as shared",
                                        ));
                                    }
                                }
                            }
                            Some(role) => nested.push((role, value)),
                            None => self.unknown(file, key, Place::Level),
                        }
                    }
                }
                _ => {}
            }
            let title = match (title, &id) {
                (Some(t), _) => t,
                (None, Some(id)) => Located {
                    text: id.clone(),
                    origin: file.origin(&item.referenced),
                },
                (None, None) => {
                    self.problems.push(not_mapped(
                        file.origin(&item.referenced),
                        "level".to_owned(),
                        "it has no name or id",
                    ));
                    continue;
                }
            };
            let path = path.or_else(|| keys::path_marked(id.as_deref(), &title.text));
            let context = Context {
                level: Some(Located {
                    text: id.clone().unwrap_or_else(|| title.text.clone()),
                    origin: title.origin.clone(),
                }),
                theme: None,
            };
            self.levels.push(LevelDef {
                id,
                title,
                number,
                band,
                path,
                notes: def_notes,
            });
            for (role, node) in nested {
                match role {
                    Role::Levels | Role::Themes => self.keyed(file, node, &context, role),
                    _ => self.criteria(file, node, &context),
                }
            }
        }
    }

    fn themes(&mut self, file: &File, node: &Spanned<Node>) {
        for (id_key, item) in self.items(file, node) {
            let mut id = id_key.map(|k| k.value.clone());
            let mut name = None;
            let mut description = None;
            let mut nested = Vec::new();
            match &item.value {
                Node::Scalar(text) => name = Some(place::located(file, text, &item.referenced)),
                Node::Map(fields) => {
                    for (key, value) in fields {
                        if value.value == Node::Null {
                            continue;
                        }
                        match Place::Theme.role(&key.value).map(|(r, _)| r) {
                            Some(Role::Id) => id = self.scalar(file, key, value).map(|l| l.text),
                            Some(Role::Name) => name = self.scalar(file, key, value),
                            Some(Role::Description) => {
                                description = self.scalar(file, key, value);
                            }
                            Some(role) => nested.push((role, value)),
                            None => self.unknown(file, key, Place::Theme),
                        }
                    }
                }
                _ => {}
            }
            let name = match (name, &id) {
                (Some(n), _) => n,
                (None, Some(id)) => Located {
                    text: id.clone(),
                    origin: file.origin(&item.referenced),
                },
                (None, None) => {
                    self.problems.push(not_mapped(
                        file.origin(&item.referenced),
                        "theme".to_owned(),
                        "it has no name or id",
                    ));
                    continue;
                }
            };
            let context = Context {
                level: None,
                theme: Some(Located {
                    text: id.clone().unwrap_or_else(|| name.text.clone()),
                    origin: name.origin.clone(),
                }),
            };
            self.themes.push(ThemeDef {
                id,
                name,
                description,
            });
            for (role, node) in nested {
                match role {
                    Role::Levels | Role::Themes => self.keyed(file, node, &context, role),
                    _ => self.criteria(file, node, &context),
                }
            }
        }
    }

    /// Criteria grouped by the other tag: a theme's by level (`levels: {1: [...]}`), a
    /// level's by theme (`themes: {craft: [...]}`). In a list, each entry names its own.
    fn keyed(&mut self, file: &File, node: &Spanned<Node>, context: &Context, role: Role) {
        for (key, item) in self.items(file, node) {
            let mut inner = context.clone();
            if let Some(key) = key {
                let tag = place::located(file, &key.value, &key.referenced);
                if role == Role::Levels {
                    inner.level = Some(tag);
                } else {
                    inner.theme = Some(tag);
                }
            }
            self.criteria(file, item, &inner);
        }
    }

    /// Criteria: a list of them, one as a map, or one as a bare text.
    fn criteria(&mut self, file: &File, node: &Spanned<Node>, context: &Context) {
        match &node.value {
            Node::Null => {}
            Node::List(items) => {
                for item in items {
                    self.criteria(file, item, context);
                }
            }
            Node::Scalar(text) if text.trim().is_empty() => {}
            Node::Scalar(text) => {
                self.criteria.push(Criterion {
                    level: context.level.clone(),
                    theme: context.theme.clone(),
                    texts: place::texts(file, text, &node.referenced),
                    examples: Vec::new(),
                    id: None,
                });
            }
            Node::Map(fields) => self.criterion(file, node, fields, context),
        }
    }

    fn criterion(
        &mut self,
        file: &File,
        node: &Spanned<Node>,
        fields: &[(Spanned<String>, Spanned<Node>)],
        context: &Context,
    ) {
        let mut mine = Criterion {
            level: context.level.clone(),
            theme: context.theme.clone(),
            texts: Vec::new(),
            examples: Vec::new(),
            id: None,
        };
        // The text comes from the text key of highest rank; other text keys are reported.
        let mut text: Option<(usize, &Spanned<String>, &Spanned<Node>)> = None;
        let mut nested = Vec::new();
        for (key, value) in fields {
            if value.value == Node::Null {
                continue;
            }
            match Place::Criterion.role(&key.value) {
                Some((Role::Id, _)) => mine.id = self.scalar(file, key, value),
                Some((Role::Level, _)) => mine.level = self.scalar(file, key, value),
                Some((Role::Theme, _)) => mine.theme = self.scalar(file, key, value),
                Some((Role::Text, rank)) => match text {
                    Some((best, k, _)) if best <= rank => {
                        self.other_text(file, key, value, &k.value);
                    }
                    Some((_, k, v)) => {
                        self.other_text(file, k, v, &key.value);
                        text = Some((rank, key, value));
                    }
                    None => text = Some((rank, key, value)),
                },
                Some((Role::Examples, _)) => self.examples(file, key, value, &mut mine.examples),
                Some((Role::Criteria, _)) => nested.push(value),
                _ => self.unknown(file, key, Place::Criterion),
            }
        }
        if let Some((_, key, value)) = text {
            match &value.value {
                Node::Scalar(t) if !t.trim().is_empty() => {
                    mine.texts = place::texts(file, t, &value.referenced);
                }
                Node::Scalar(_) => {}
                Node::List(_) => nested.push(value),
                _ => {
                    self.problems.push(not_mapped(
                        file.origin(&value.referenced),
                        format!("key `{}`", key.value),
                        "expected a text or a list of texts here",
                    ));
                }
            }
        }
        let group = !nested.is_empty();
        if group {
            // A group: its criteria inherit its level and theme.
            let inner = Context {
                level: mine.level.clone(),
                theme: mine.theme.clone(),
            };
            for value in nested {
                self.criteria(file, value, &inner);
            }
        }
        if mine.texts.is_empty() {
            if !group {
                self.problems.push(not_mapped(
                    file.origin(&node.referenced),
                    "criterion".to_owned(),
                    "it has no text (a text, criterion, summary or description key)",
                ));
            }
            for example in mine.examples {
                self.problems.push(not_mapped(
                    example.origin,
                    format!("example {}", quote(&example.text)),
                    "its criterion has no text",
                ));
            }
            return;
        }
        self.criteria.push(mine);
    }

    fn other_text(
        &mut self,
        file: &File,
        key: &Spanned<String>,
        value: &Spanned<Node>,
        taken: &str,
    ) {
        let what = match &value.value {
            Node::Scalar(t) => format!("{} {}", key.value, quote(t)),
            _ => format!("key `{}`", key.value),
        };
        self.problems.push(not_mapped(
            file.origin(&value.referenced),
            what,
            format!(
                "the criterion's text is taken from `{taken}`, and an expectation has one text"
            ),
        ));
    }

    fn examples(
        &mut self,
        file: &File,
        key: &Spanned<String>,
        value: &Spanned<Node>,
        out: &mut Vec<Located>,
    ) {
        match &value.value {
            Node::Null => {}
            Node::Scalar(t) if t.trim().is_empty() => {}
            Node::Scalar(t) => {
                out.extend(place::texts(file, t, &value.referenced));
            }
            Node::List(items) => {
                for item in items {
                    match &item.value {
                        Node::Map(fields) => {
                            let text = fields.iter().find(|(k, _)| {
                                matches!(Place::Criterion.role(&k.value), Some((Role::Text, _)))
                            });
                            match text {
                                Some((k, v)) => self.examples(file, k, v, out),
                                None => self.problems.push(not_mapped(
                                    file.origin(&item.referenced),
                                    "example".to_owned(),
                                    "it has no text (a text or description key)",
                                )),
                            }
                        }
                        _ => self.examples(file, key, item, out),
                    }
                }
            }
            Node::Map(_) => self.problems.push(not_mapped(
                file.origin(&value.referenced),
                format!("key `{}`", key.value),
                "expected a text or a list of texts here",
            )),
        }
    }
}

#[cfg(test)]
mod tests;
