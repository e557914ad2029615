//! The `front_matter` target: the loader's front matter parser. Splitting finds a block
//! inside the text on character boundaries; parsing reports every problem at a 1-based
//! line and column with a range inside the text; every value it reads has a span inside
//! the block. The text is then loaded as each kind of file, whose front matter the
//! loader reads with its own schema.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{diagnostics_fit, ensure, Checked};
use crate::framework::front_matter::{self, Schema, Yaml};
use crate::framework::source::SourceFile;

/// A block with the shapes the loader's files use: text, numbers, flags, lists and
/// lists of maps, and a key with an older spelling.
#[derive(Deserialize)]
#[allow(dead_code)]
struct Probe {
    #[serde(alias = "title")]
    name: Spanned<String>,
    version: Option<Spanned<String>>,
    band: Option<Spanned<u32>>,
    cumulative: Option<Spanned<bool>>,
    tracks: Option<Vec<Spanned<String>>>,
    bands: Option<Vec<ProbeBand>>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct ProbeBand {
    id: Spanned<u32>,
    name: Spanned<String>,
}

const SCHEMA: Schema = Schema {
    known: &["name", "version", "band", "cumulative", "tracks", "bands"],
    required: &["name"],
    older: &[("title", "name")],
};

/// Where a text is loaded as each kind of file.
const KINDS: &[&str] = &[
    "framework.md",
    "competencies/c.md",
    "glossary/g.md",
    "tracks/t/track.md",
    "tracks/t/l1.md",
];

/// Splits and parses the input (as UTF-8, invalid bytes replaced), then loads it as each
/// kind of file.
pub(super) fn check(data: &[u8]) -> Checked {
    let text = String::from_utf8_lossy(data).into_owned();
    let file = SourceFile::new("framework.md", text.as_str());
    let mut diagnostics = Vec::new();
    match front_matter::split(&text) {
        Err(error) => diagnostics.push(front_matter::split_diagnostic(&file, error, "a file")),
        Ok(split) => {
            let (start, end) = split.yaml;
            ensure(
                split.open <= start
                    && start <= end
                    && end <= split.body
                    && split.body <= text.len(),
                || format!("the parts of the split are out of order: {split:?}"),
            )?;
            ensure(
                [split.open, start, end, split.body]
                    .iter()
                    .all(|&i| text.is_char_boundary(i)),
                || format!("the split is not on char boundaries: {split:?}"),
            )?;
            let yaml = Yaml { file: &file, split };
            if let Some(probe) = yaml.parse::<Probe>(&SCHEMA, &mut diagnostics) {
                spans_fit(&yaml, &probe)?;
            }
        }
    }
    diagnostics_fit(&diagnostics, std::slice::from_ref(&file))?;
    for path in KINDS {
        let source = SourceFile::new(*path, text.as_str());
        let loaded = crate::load(vec![source.clone()], Vec::new());
        diagnostics_fit(&loaded.diagnostics, &[source])?;
    }
    Ok(())
}

/// Every value read has a span that starts inside the block, on a character boundary.
fn spans_fit(yaml: &Yaml<'_>, probe: &Probe) -> Checked {
    let mut locations = vec![&probe.name.referenced];
    locations.extend(probe.version.iter().map(|v| &v.referenced));
    locations.extend(probe.band.iter().map(|v| &v.referenced));
    locations.extend(probe.cumulative.iter().map(|v| &v.referenced));
    locations.extend(probe.tracks.iter().flatten().map(|v| &v.referenced));
    for band in probe.bands.iter().flatten() {
        locations.extend([&band.id.referenced, &band.name.referenced]);
    }
    let text = &yaml.file.text;
    for location in locations {
        let (offset, len) = yaml.span(location);
        ensure(
            offset >= yaml.split.open && offset <= yaml.split.yaml.1,
            || {
                format!(
                    "a value's span {offset}+{len} is outside the block {:?}",
                    yaml.split
                )
            },
        )?;
        ensure(text.is_char_boundary(offset), || {
            format!("a value's span starts at {offset}, inside a character")
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_good_and_bad_pass() {
        for text in [
            "---\nname: A\nbands:\n  - id: 1\n    name: B\ntracks: [x, \"é\"]\n---\nbody",
            "---\ntitle: A\nname: B\n---\n",
            "---\nname: [\n---\n",
            "---\nnam: A\n",
            "\u{feff}---\n---\n",
            "no block",
        ] {
            assert_eq!(check(text.as_bytes()), Ok(()), "{text:?}");
        }
    }
}
