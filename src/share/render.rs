//! The exported page itself: one HTML document, its style inline, every text either
//! escaped here or rendered by the app's sanitised markdown, and the framework's files in
//! a block at the end.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use crate::compare::{band_comparison, level_delta, next_level, DiffKind, LevelDelta};
use crate::framework::hash::content_hash;
use crate::framework::load::Loaded;
use crate::framework::markdown::{
    inline_to_html, inline_to_html_with_terms, to_html as markdown_html, to_plain_text,
    TermContext, TermMarker,
};
use crate::framework::model::{Framework, Level, Track};

/// What the page allows besides its own script: its own inline style, nothing from
/// anywhere else.
const CSP_REST: &str = "style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; \
                        form-action 'none'";

const STYLE: &str = include_str!("style.css");
/// The page's one script: search as you type (see [`super::index`]), and the buttons
/// that print the page or one level.
const SCRIPT: &str = include_str!("search.js");

/// The page's Content-Security-Policy: no network access, and no script but [`SCRIPT`],
/// allowed by the SHA-256 of its exact text.
fn csp() -> String {
    use sha2::{Digest, Sha256};
    let hash = base64(&Sha256::digest(SCRIPT.as_bytes()));
    format!("default-src 'none'; script-src 'sha256-{hash}'; {CSP_REST}")
}

/// Standard base64 with padding, as a CSP hash source is written.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The whole framework of `loaded` as one self-contained HTML page, stamped with the
/// date it was exported on (`exported`, given by the caller, for example `2026-11-30`).
pub fn to_html(loaded: &Loaded, exported: &str) -> String {
    let framework = &loaded.framework;
    let page = Page {
        framework,
        terms: TermMarker::of_framework(framework),
        titles: framework
            .glossary
            .iter()
            .map(|t| (t.id.as_str(), escape(&to_plain_text(&t.definition))))
            .collect(),
    };
    let mut o = String::with_capacity(512 * 1024);
    let _ = writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"Rung\">\n\
         <title>{name} {version}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>",
        name = escape(&framework.name),
        version = escape(&framework.version),
        csp = csp(),
    );
    page.header(&mut o, &content_hash(loaded), exported);
    page.home(&mut o);
    for track in &framework.tracks {
        page.track(&mut o, track);
    }
    page.bands(&mut o);
    page.competencies(&mut o);
    page.glossary(&mut o);
    o.push_str("</main>\n");
    let mut o = bare_links(o);
    o.push_str(&super::source::embed(&loaded.sources));
    o.push('\n');
    o.push_str(&super::index::embed(&super::index::build(framework)));
    let _ = write!(o, "\n<script>{SCRIPT}</script>");
    o.push_str("\n</body>\n</html>\n");
    o
}

/// Escapes text for an element's content or a quoted attribute.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

struct Page<'a> {
    framework: &'a Framework,
    terms: TermMarker,
    /// Each glossary term's definition as plain, escaped text, shown where it is used.
    titles: HashMap<&'a str, String>,
}

impl Page<'_> {
    /// Inline HTML of `text` shown on `track`'s page, with its glossary terms marked and
    /// explained by their definition.
    fn marked(&self, text: &str, track: &Track, competency: Option<&str>) -> String {
        let at = TermContext {
            track: &track.id,
            craft: &track.craft,
            competency,
        };
        let html = inline_to_html_with_terms(text, &self.terms, &at, &mut HashSet::new());
        self.explained(html)
    }

    /// Gives each marked term the definition of its sense as a title.
    fn explained(&self, mut html: String) -> String {
        if !html.contains("<span class=\"term\"") {
            return html;
        }
        for (id, title) in &self.titles {
            let span = format!("<span class=\"term\" data-term=\"{id}\">");
            if html.contains(&span) {
                html = html.replace(
                    &span,
                    &format!("<span class=\"term\" data-term=\"{id}\" title=\"{title}\">"),
                );
            }
        }
        html
    }

    fn header(&self, o: &mut String, hash: &str, exported: &str) {
        let f = self.framework;
        let _ = writeln!(
            o,
            "<header class=\"top\">\n<h1>{}</h1>\n<p class=\"meta\">Version {} · content hash \
             <code>{}</code> · exported {}</p>",
            escape(&f.name),
            escape(&f.version),
            escape(hash),
            escape(exported),
        );
        // Shown by the page's script once it runs: without it there is no search, and
        // printing is the browser's own, of the whole page.
        o.push_str(
            "<p class=\"print-all\" hidden><button type=\"button\" id=\"rung-print-all\">\
             Print all</button> <span class=\"muted\">every level on a page of its own; \
             each level has its own print button</span></p>\n",
        );
        o.push_str(
            "<div class=\"search\" role=\"search\" hidden><label for=\"rung-q\">Search</label> \
             <input type=\"search\" id=\"rung-q\" autocomplete=\"off\" \
             placeholder=\"Search expectations, levels, competencies\">\
             <p id=\"rung-count\" class=\"muted\" aria-live=\"polite\"></p>\
             <ol id=\"rung-results\"></ol></div>\n",
        );
        o.push_str(&markdown_html(&f.intro));
        o.push_str("<nav class=\"toc\"><ul><li><a href=\"#home\">Tracks by band</a></li>");
        for track in &f.tracks {
            let _ = write!(
                o,
                "<li><a href=\"#{}\">{}</a></li>",
                escape(&track.id),
                escape(&track.name)
            );
        }
        o.push_str(
            "<li><a href=\"#bands\">Tracks side by side</a></li>\
             <li><a href=\"#competencies\">Competencies</a></li>\
             <li><a href=\"#glossary\">Glossary</a></li></ul></nav>\n</header>\n",
        );
    }

    /// The home grid: one row per band, highest first, one column per track.
    fn home(&self, o: &mut String) {
        let f = self.framework;
        o.push_str("<section id=\"home\">\n<h2>Tracks by band</h2>\n<table class=\"grid\">\n<tr><th>Band</th>");
        for track in &f.tracks {
            let _ = write!(
                o,
                "<th><a href=\"#{}\">{}</a></th>",
                escape(&track.id),
                escape(&track.name)
            );
        }
        o.push_str("</tr>\n");
        for band in f.bands.iter().rev() {
            let _ = write!(
                o,
                "<tr><th class=\"band-name\"><a href=\"#band/{n}\">{n} · {}</a></th>",
                escape(&band.name),
                n = band.number,
            );
            for track in &f.tracks {
                o.push_str("<td>");
                for level in track.levels.iter().filter(|l| l.band == band.number) {
                    let _ = write!(
                        o,
                        "<a href=\"#{}/{}\">{}</a> ",
                        escape(&track.id),
                        escape(&level.id),
                        escape(&level.title)
                    );
                }
                o.push_str("</td>");
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</table>\n</section>\n");
    }

    fn track(&self, o: &mut String, track: &Track) {
        let _ = writeln!(
            o,
            "<section class=\"track\" id=\"{id}\">\n<h2>{}</h2>\n<p class=\"muted\">{} · {}</p>",
            escape(&track.name),
            escape(&track.craft),
            track.career_path.as_str().replace('-', " "),
            id = escape(&track.id),
        );
        o.push_str(&markdown_html(&track.summary));
        let role = &track.role;
        let parts = [
            ("Purpose", &role.purpose),
            ("Responsibilities", &role.responsibilities),
            ("Decision rights", &role.decision_rights),
            ("Working with others", &role.working_with_others),
        ];
        if parts.iter().any(|(_, text)| !text.trim().is_empty()) {
            let _ = writeln!(
                o,
                "<h3 id=\"role/{}\">Role definition</h3>\n<dl class=\"role\">",
                escape(&track.id)
            );
            for (name, text) in parts.iter().filter(|(_, t)| !t.trim().is_empty()) {
                let _ = writeln!(o, "<dt>{name}</dt><dd>{}</dd>", markdown_html(text));
            }
            o.push_str("</dl>\n");
        }
        o.push_str("<p>Levels: ");
        for level in track.levels.iter() {
            let _ = write!(
                o,
                "<a href=\"#{}/{}\">{}</a> ",
                escape(&track.id),
                escape(&level.id),
                escape(&level.title)
            );
        }
        o.push_str("</p>\n</section>\n");
        for level in track.levels.iter() {
            self.level(o, track, level);
        }
    }

    fn level(&self, o: &mut String, track: &Track, level: &Level) {
        let f = self.framework;
        let anchor = format!("{}/{}", escape(&track.id), escape(&level.id));
        let band = f
            .band(level.band)
            .map_or_else(String::new, |b| format!(" · {}", escape(&b.name)));
        let _ = writeln!(
            o,
            "<section class=\"level\" id=\"{anchor}\">\n<h2>{} · {}</h2>\n\
             <p class=\"muted\"><a href=\"#band/{n}\">Band {n}{band}</a> \
             <button type=\"button\" class=\"print-level\" hidden>Print this level</button></p>\n\
             <p>{}</p>",
            escape(&track.name),
            escape(&level.title),
            self.marked(&level.summary, track, None),
            n = level.band,
        );
        if !level.dimensions.is_empty() {
            o.push_str("<dl class=\"role\">\n");
            for statement in &level.dimensions {
                let name = f
                    .dimensions
                    .iter()
                    .find(|d| d.id == statement.dimension)
                    .map_or(statement.dimension.as_str(), |d| d.name.as_str());
                let _ = writeln!(
                    o,
                    "<dt>{}</dt><dd>{}</dd>",
                    escape(name),
                    self.marked(&statement.text, track, None)
                );
            }
            o.push_str("</dl>\n");
        }
        o.push_str(&markdown_html(&level.intro));
        let chain = f.chain(track, level);
        if let Some(below) = chain.get(1) {
            let _ = writeln!(
                o,
                "<p class=\"muted\">Everything asked at <a href=\"#{}/{}\">{}</a> still applies here.</p>",
                escape(&track.id),
                escape(&below.id),
                escape(&below.title)
            );
        }
        for section in &level.sections {
            let name = f
                .competency(&section.competency)
                .map_or(section.competency.as_str(), |c| c.name.as_str());
            let _ = writeln!(
                o,
                "<h3><a href=\"#competency/{}\">{}</a></h3>\n<ul>",
                escape(&section.competency),
                escape(name)
            );
            for e in &section.expectations {
                let id = escape(&e.id);
                let _ = write!(
                    o,
                    "<li class=\"expectation\" id=\"{id}\">{}<a class=\"xid\" href=\"#{id}\">{id}</a>",
                    self.marked(&e.text, track, Some(&section.competency))
                );
                if !e.examples.is_empty() {
                    o.push_str("<details><summary>Examples</summary><ul>");
                    for example in &e.examples {
                        let _ = write!(
                            o,
                            "<li>{}</li>",
                            self.marked(example, track, Some(&section.competency))
                        );
                    }
                    o.push_str("</ul></details>");
                }
                o.push_str("</li>\n");
            }
            o.push_str("</ul>\n");
            for note in &section.notes {
                o.push_str(&self.explained(markdown_html(note)));
            }
        }
        if let Some(next) = next_level(track, level) {
            if let Ok(delta) = level_delta(f, &self.terms, &track.id, &level.id, &next.id) {
                self.delta(o, &delta);
            }
        }
        o.push_str("</section>\n");
    }

    /// What changes from a level to the next one of its track.
    fn delta(&self, o: &mut String, d: &LevelDelta) {
        let track = escape(&d.track);
        let _ = writeln!(
            o,
            "<section class=\"delta\" id=\"changes/{track}/{}-{}\">\n\
             <h3>From here to <a href=\"#{track}/{}\">{}</a></h3>\n\
             <p class=\"counts\">{} new · {} stronger · {} carried over · {} dropped</p>",
            escape(&d.from.id),
            escape(&d.to.id),
            escape(&d.to.id),
            escape(&d.to.title),
            d.counts.new,
            d.counts.stronger,
            d.counts.carried,
            d.counts.dropped,
        );
        let changed: Vec<_> = d.dimensions.iter().filter(|c| c.from != c.to).collect();
        if !changed.is_empty() {
            o.push_str("<dl class=\"role\">\n");
            for c in changed {
                let _ = writeln!(
                    o,
                    "<dt>{}</dt><dd>{}</dd>",
                    escape(&c.name),
                    diff_html(&c.diff)
                );
            }
            o.push_str("</dl>\n");
        }
        for c in &d.competencies {
            if c.new.is_empty() && c.stronger.is_empty() && c.dropped.is_empty() {
                continue;
            }
            let _ = writeln!(o, "<h4>{}</h4>\n<ul>", escape(&c.name));
            for e in &c.new {
                let _ = writeln!(
                    o,
                    "<li>New: {1}<a class=\"xid\" href=\"#{0}\">{0}</a></li>",
                    escape(&e.id),
                    self.explained(e.html.clone())
                );
            }
            for s in &c.stronger {
                let _ = writeln!(
                    o,
                    "<li>Stronger: <a href=\"#{}\">{}</a> <span class=\"muted\">(was <a href=\"#{}\">{}</a>)</span></li>",
                    escape(&s.to.id),
                    diff_html(&s.diff),
                    escape(&s.from.id),
                    escape(&s.from.id),
                );
            }
            for e in &c.dropped {
                let _ = writeln!(
                    o,
                    "<li>No longer asked: {1}<a class=\"xid\" href=\"#{0}\">{0}</a></li>",
                    escape(&e.id),
                    self.explained(e.html.clone())
                );
            }
            o.push_str("</ul>\n");
        }
        o.push_str("</section>\n");
    }

    /// Every track's level on each band, side by side.
    fn bands(&self, o: &mut String) {
        let f = self.framework;
        o.push_str("<section id=\"bands\">\n<h2>Tracks side by side</h2>\n</section>\n");
        for band in &f.bands {
            let Ok(b) = band_comparison(f, &self.terms, band.number) else {
                continue;
            };
            let _ = write!(
                o,
                "<section class=\"band\" id=\"band/{n}\">\n<h3>Band {n} · {}</h3>\n<p>{}</p>\n\
                 <table>\n<tr><th></th>",
                escape(&b.name),
                inline_to_html(&b.summary),
                n = b.band,
            );
            for col in &b.columns {
                match &col.level {
                    Some(level) => {
                        let _ = write!(
                            o,
                            "<th>{}<br><a href=\"#{}/{}\">{}</a></th>",
                            escape(&col.track_name),
                            escape(&col.track),
                            escape(&level.id),
                            escape(&level.title)
                        );
                    }
                    None => {
                        let _ = write!(o, "<th>{}</th>", escape(&col.track_name));
                    }
                }
            }
            o.push_str("</tr>\n");
            // A dimension's statement has no anchor of its own; an expectation does.
            let rows = b.dimensions.iter().map(|r| (r, false));
            for (row, linked) in rows.chain(b.competencies.iter().map(|r| (r, true))) {
                let _ = write!(o, "<tr><th>{}</th>", escape(&row.name));
                for cell in &row.cells {
                    match cell {
                        None => o.push_str("<td class=\"muted\">—</td>"),
                        Some(items) => {
                            o.push_str("<td><ul>");
                            for e in items {
                                if !linked {
                                    let _ =
                                        write!(o, "<li>{}</li>", self.explained(e.html.clone()));
                                } else {
                                    let _ = write!(
                                        o,
                                        "<li>{1}<a class=\"xid\" href=\"#{0}\">{0}</a></li>",
                                        escape(&e.id),
                                        self.explained(e.html.clone())
                                    );
                                }
                            }
                            o.push_str("</ul></td>");
                        }
                    }
                }
                o.push_str("</tr>\n");
            }
            o.push_str("</table>\n</section>\n");
        }
    }

    fn competencies(&self, o: &mut String) {
        o.push_str("<section id=\"competencies\">\n<h2>Competencies</h2>\n");
        for c in &self.framework.competencies {
            let _ = writeln!(
                o,
                "<section id=\"competency/{}\">\n<h3>{}</h3>\n{}</section>",
                escape(&c.id),
                escape(&c.name),
                markdown_html(&c.description)
            );
        }
        o.push_str("</section>\n");
    }

    fn glossary(&self, o: &mut String) {
        o.push_str("<section id=\"glossary\">\n<h2>Glossary</h2>\n<dl class=\"glossary\">\n");
        for term in &self.framework.glossary {
            let scope: Vec<&str> = term.scope.values().collect();
            let scope = if scope.is_empty() {
                String::new()
            } else {
                format!(
                    " <span class=\"muted\">({})</span>",
                    escape(&scope.join(", "))
                )
            };
            let _ = writeln!(
                o,
                "<dt id=\"glossary/{}\">{}{scope}</dt><dd>{}</dd>",
                escape(&term.id),
                escape(&term.term),
                markdown_html(&term.definition)
            );
        }
        o.push_str("</dl>\n</section>\n");
    }
}

/// Marks each link whose text is its own address (`<https://example.org>`) with the class
/// `bare`, so that print, which writes a link's address after its text, does not write it
/// twice.
fn bare_links(html: String) -> String {
    const OPEN: &str = "<a href=\"";
    if !html.contains(OPEN) {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 1024);
    let mut rest = html.as_str();
    while let Some(at) = rest.find(OPEN) {
        let (before, tag) = rest.split_at(at);
        out.push_str(before);
        let bare = tag[OPEN.len()..].split_once('"').and_then(|(href, after)| {
            let (attributes, after) = after.split_once('>')?;
            let (text, _) = after.split_once("</a>")?;
            let address = ["https://", "http://", "mailto:"]
                .iter()
                .find_map(|scheme| href.strip_prefix(scheme))?;
            let same = text == href || text == address || text == address.trim_end_matches('/');
            (same && !attributes.contains("class="))
                .then(|| OPEN.len() + href.len() + 1 + attributes.len())
        });
        match bare {
            Some(end) => {
                out.push_str(&tag[..end]);
                out.push_str(" class=\"bare\"");
                rest = &tag[end..];
            }
            None => {
                out.push_str(OPEN);
                rest = &tag[OPEN.len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A word diff: removed words struck through, added ones marked.
fn diff_html(parts: &[crate::compare::DiffPart]) -> String {
    let mut out = String::new();
    for part in parts {
        let text = escape(&part.text);
        match part.kind {
            DiffKind::Same => out.push_str(&text),
            DiffKind::Added => {
                let _ = write!(out, "<ins>{text}</ins>");
            }
            DiffKind::Removed => {
                let _ = write!(out, "<del>{text}</del>");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::source::SourceFile;

    fn bundled() -> (Loaded, String) {
        let loaded = crate::load_bundled();
        let html = to_html(&loaded, "2026-11-30");
        (loaded, html)
    }

    /// The page without the embedded files, which hold the ladder text as written.
    fn shown(html: &str) -> &str {
        html.split(super::super::source::SOURCE_ID)
            .next()
            .unwrap_or(html)
    }

    #[test]
    fn every_track_level_and_expectation_has_one_anchor() {
        let (loaded, html) = bundled();
        let mut ids = Vec::new();
        for track in &loaded.framework.tracks {
            ids.push(track.id.clone());
            for level in track.levels.iter() {
                ids.push(format!("{}/{}", track.id, level.id));
                for section in &level.sections {
                    ids.extend(section.expectations.iter().map(|e| e.id.clone()));
                }
            }
        }
        assert!(ids.len() > 300, "{} anchors", ids.len());
        for id in &ids {
            let anchor = format!("id=\"{}\"", escape(id));
            assert_eq!(html.matches(&anchor).count(), 1, "{anchor}");
        }
        // And a link to one expectation resolves to it.
        let first = &loaded.framework.tracks[0].levels[0].sections[0].expectations[0];
        assert!(html.contains(&format!("href=\"#{}\"", first.id)));
    }

    #[test]
    fn the_bundled_framework_fits_in_two_megabytes() {
        let (_, html) = bundled();
        println!("bundled framework page: {} bytes", html.len());
        assert!(html.len() < 2 * 1024 * 1024, "{} bytes", html.len());
    }

    #[test]
    fn no_address_but_the_ladders_own_links_and_nothing_loaded_from_outside() {
        let (loaded, html) = bundled();
        let page = shown(&html);
        for scheme in ["http://", "https://"] {
            for (at, _) in page.match_indices(scheme) {
                let url: String = page[at..]
                    .chars()
                    .take_while(|c| !matches!(c, '"' | '<' | ' ' | '\'' | ')' | '&'))
                    .collect();
                assert!(
                    loaded.sources.iter().any(|s| s.text.contains(&url)),
                    "{url} is not written in the ladders"
                );
            }
        }
        for outside in [
            "<link", "<img", "<iframe", "src=", "url(", "@import", "<base",
        ] {
            assert!(!page.contains(outside), "{outside}");
        }
        // Two data blocks the browser never runs, and the page's own script.
        assert_eq!(html.matches("<script").count(), 3);
        assert_eq!(html.matches("<script type=\"application/json\"").count(), 2);
        assert_eq!(html.matches("<script>").count(), 1);
        assert!(html.contains(&format!("<script>{SCRIPT}</script>")));
        assert!(html.contains(&format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
            csp()
        )));
    }

    #[test]
    fn the_policy_allows_the_pages_own_script_by_its_hash_and_nothing_else() {
        use sha2::{Digest, Sha256};
        let policy = csp();
        assert!(policy.starts_with("default-src 'none'; script-src 'sha256-"));
        let hash = policy
            .split("'sha256-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_default();
        assert_eq!(hash.len(), 44);
        assert_eq!(hash, base64(&Sha256::digest(SCRIPT.as_bytes())));
        assert!(!policy.contains("unsafe-eval"));
        assert_eq!(policy.matches("script-src").count(), 1);
        assert!(!policy[policy.find("script-src").unwrap_or(0)..]
            .split(';')
            .next()
            .unwrap_or_default()
            .contains("unsafe"));
        // Base64 as RFC 4648 writes it.
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
    }

    #[test]
    fn the_embedded_files_give_back_the_same_framework() {
        let (loaded, html) = bundled();
        let files = super::super::source_from_html(&html).unwrap();
        let sources = files
            .into_iter()
            .map(|(path, text)| SourceFile::new(path, text))
            .collect();
        let back = crate::load(sources, Vec::new());
        assert_eq!(content_hash(&back), content_hash(&loaded));
        assert_eq!(back.framework, loaded.framework);
        assert!(html.contains(&format!("<code>{}</code>", content_hash(&loaded))));
    }

    #[test]
    fn the_page_names_the_framework_and_when_it_was_exported() {
        let (loaded, html) = bundled();
        let f = &loaded.framework;
        assert!(html.contains(&format!("<h1>{}</h1>", escape(&f.name))));
        assert!(html.contains(&format!("Version {}", escape(&f.version))));
        assert!(html.contains("exported 2026-11-30"));
        assert!(html.contains("<details><summary>Examples</summary>"));
        assert!(html.contains("id=\"band/1\""));
        assert!(html.contains("id=\"glossary/"));
        assert!(html.contains("Role definition"));
        assert!(html.contains("<section class=\"delta\" id=\"changes/engineering/"));
        // A glossary term is explained where it is used.
        assert!(html.contains("<span class=\"term\" data-term=\""));
        assert!(html.contains("\" title=\""));
    }

    #[test]
    fn every_level_has_a_print_button_and_the_page_one_for_all_shown_by_the_script() {
        let (loaded, html) = bundled();
        let levels: usize = loaded.framework.tracks.iter().map(|t| t.levels.len()).sum();
        let button =
            "<button type=\"button\" class=\"print-level\" hidden>Print this level</button>";
        assert_eq!(html.matches(button).count(), levels);
        assert_eq!(html.matches("<section class=\"level\"").count(), levels);
        // Each in its level's section, before the next one starts.
        for section in html.split("<section class=\"level\"").skip(1) {
            let own = section
                .split("<section class=\"level\"")
                .next()
                .unwrap_or_default();
            assert_eq!(own.matches(button).count(), 1);
        }
        assert_eq!(
            html.matches("<p class=\"print-all\" hidden><button type=\"button\" id=\"rung-print-all\">Print all</button>").count(),
            1
        );
        // Hidden until the script shows them: with scripts off no button does nothing.
        assert_eq!(html.matches("<button").count(), levels + 1);
        assert_eq!(html.matches("<button type=\"button\"").count(), levels + 1);
        assert!(!html.contains("onclick"));
        assert!(SCRIPT.contains("document.getElementById('rung-print-all')"));
        assert!(SCRIPT.contains("document.querySelectorAll('button.print-level')"));
        assert!(SCRIPT.contains("window.print();"));
        assert!(SCRIPT.contains("all.parentNode.hidden = false;"));
        assert!(SCRIPT.contains("buttons[i].hidden = false;"));
    }

    #[test]
    fn print_gives_each_level_a_page_or_one_level_alone_with_examples_unfolded() {
        let print = STYLE.split("@media print{").nth(1).unwrap_or_default();
        let rules: Vec<&str> = print.lines().collect();
        for rule in [
            "nav.toc,.xid,.search,.print-all,button.print-level{display:none}",
            "section.level,section.band{break-before:page;margin-top:0;border-top:0}",
            "details::details-content{content-visibility:visible;display:block}",
            ".print-one main>:not(header):not(.print-this),.print-one header.top>:not(h1):not(.meta){display:none}",
            ".print-one section.print-this{break-before:auto}",
            "a[href^=\"http\"]:not(.bare)::after,a[href^=\"mailto:\"]:not(.bare)::after{content:\" (\" attr(href) \")\";font-size:.85em;word-break:break-all}",
        ] {
            assert!(rules.contains(&rule), "no print rule {rule}");
        }
        // The header a level printed alone keeps names the framework and its version.
        let (loaded, html) = bundled();
        let header = html
            .split("<header class=\"top\">\n")
            .nth(1)
            .unwrap_or_default();
        assert!(header.starts_with(&format!(
            "<h1>{}</h1>\n<p class=\"meta\">Version {} · content hash <code>{}</code> · exported 2026-11-30</p>",
            escape(&loaded.framework.name),
            escape(&loaded.framework.version),
            content_hash(&loaded)
        )));
        // The script unfolds examples before printing and folds them again after.
        assert!(SCRIPT.contains("document.querySelectorAll('details:not([open])')"));
        assert!(SCRIPT.contains("window.addEventListener('afterprint'"));
    }

    #[test]
    fn a_link_whose_text_is_its_address_is_bare() {
        let page = |html: &str| bare_links(html.to_owned());
        assert_eq!(
            page("<a href=\"https://example.org\" rel=\"noopener noreferrer\">https://example.org</a>"),
            "<a href=\"https://example.org\" rel=\"noopener noreferrer\" class=\"bare\">https://example.org</a>"
        );
        assert_eq!(
            page("<p>See <a href=\"https://example.org/\">example.org</a> and <a href=\"mailto:a@b.org\">a@b.org</a>.</p>"),
            "<p>See <a href=\"https://example.org/\" class=\"bare\">example.org</a> and <a href=\"mailto:a@b.org\" class=\"bare\">a@b.org</a>.</p>"
        );
        // A link with words of its own keeps its address for print; one inside the page
        // never shows it; a link already classed and broken markup are left alone.
        for kept in [
            "<a href=\"https://example.org\">the guide</a>",
            "<a href=\"#engineering/e3\">#engineering/e3</a>",
            "<a href=\"https://example.org\" class=\"xid\">https://example.org</a>",
            "<a href=\"https://example.org",
            "<a href=\"https://example.org\">https://example.org",
            "no link",
        ] {
            assert_eq!(page(kept), kept);
        }
        // Through the page: a framework's own link, written as its address.
        let mut loaded = crate::load_bundled();
        loaded.framework.intro =
            "Read <https://example.org/guide> or [the guide](https://example.org/guide)."
                .to_owned();
        let html = to_html(&loaded, "2026-11-30");
        assert!(html.contains("<a href=\"https://example.org/guide\" rel=\"noopener noreferrer\" class=\"bare\">https://example.org/guide</a>"), "{}", &html[..4000]);
        assert!(html.contains(
            "<a href=\"https://example.org/guide\" rel=\"noopener noreferrer\">the guide</a>"
        ));
    }

    #[test]
    fn text_is_escaped_or_sanitised() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        let mut loaded = crate::load_bundled();
        loaded.framework.name = "<script>alert(1)</script>".to_owned();
        std::sync::Arc::make_mut(&mut loaded.framework.tracks[0].levels)[0].sections[0]
            .expectations[0]
            .text = "Ships <img src=x onerror=alert(1)> [code](javascript:alert(1))".to_owned();
        let html = to_html(&loaded, "<b>");
        let page = shown(&html);
        assert!(!page.contains("<script>alert"));
        assert!(!page.contains("<img"));
        assert!(!page.contains("javascript:"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("exported &lt;b&gt;"));
    }
}
