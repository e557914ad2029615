//! What the browser tests run inside the exported framework page (`rung export-html`),
//! the same in every engine: the scripts as text, and what their answers must hold.

#![allow(dead_code)]

use serde_json::{json, Value};

/// The level the tests print alone, and the links its intro gets for the test: one whose
/// text is words (print writes its address after it) and one whose text is its address
/// (print does not write it twice).
pub(crate) const LEVEL_INTRO: &str =
    "Further reading: [the guide](https://example.org/guide) and <https://example.org/guide>.";

/// The page's scripts, handlers and fetching elements: only the two data blocks and the
/// page's own script, no handler, nothing that fetches.
pub(crate) const SCRIPTS: &str = r#"
    const handlers = [...document.querySelectorAll('*')].flatMap((e) =>
      [...e.attributes].filter((a) => a.name.startsWith('on') || /javascript:/i.test(a.value))
        .map((a) => `${e.tagName}[${a.name}]`));
    return { scripts: [...document.scripts].map((s) => `${s.type} ${s.id}`), handlers,
             frames: document.querySelectorAll('iframe, object, embed, img, link').length };"#;

pub(crate) fn scripts_expected() -> Value {
    json!({
        "scripts": ["application/json rung-source", "application/json rung-search", " "],
        "handlers": [],
        "frames": 0
    })
}

/// Every resource the page loaded besides itself.
pub(crate) const FETCHED: &str =
    "return performance.getEntriesByType('resource').map((e) => e.name);";

/// The print buttons the page's script showed: how many of each are visible.
pub(crate) const BUTTONS: &str = r#"
    const shown = (e) => !e.closest('[hidden]') && e.getClientRects().length > 0;
    return { all: [...document.querySelectorAll('#rung-print-all')].filter(shown).length,
             levels: [...document.querySelectorAll('button.print-level')].filter(shown).length };"#;

/// A script added to the page: does it run, and which directive refused it.
pub(crate) const INJECTED: &str = r#"
    return new Promise((resolve) => {
      let refused = '';
      document.addEventListener('securitypolicyviolation',
        (e) => { refused = e.effectiveDirective || e.violatedDirective; }, { once: true });
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true;';
      document.body.appendChild(s);
      setTimeout(() => resolve({ ran: window.__injected === true, refused }), 300);
    });"#;

/// Replaces the browser's print dialog by a counter, so that a click on a print button
/// can be followed without a dialog.
pub(crate) const STUB_PRINT: &str =
    "window.__prints = 0; window.print = () => { window.__prints += 1; }; return null;";

/// Applies the page's `@media print` rules to the screen, as a stylesheet of their own;
/// returns how many rules there are.
pub(crate) const PRINT_RULES_ON: &str = r#"
    const rules = [];
    for (const sheet of document.styleSheets) {
      for (const rule of sheet.cssRules) {
        if (rule.media && rule.media.mediaText.includes('print')) {
          for (const inner of rule.cssRules) rules.push(inner.cssText);
        }
      }
    }
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(rules.join('\n'));
    window.__print = sheet;
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return rules.length;"#;

pub(crate) const PRINT_RULES_OFF: &str = "document.adoptedStyleSheets = \
    document.adoptedStyleSheets.filter((s) => s !== window.__print); return null;";

/// What print shows, read with the print rules applied: how often print was asked for,
/// the marks on the page, which of `main`'s parts show, what of the header shows, the
/// examples of the level printed alone, or of the whole page (how many, how many shown),
/// visible buttons, and which links
/// have their address written after them.
pub(crate) const PRINTED: &str = r#"
    const shown = (e) => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0;
    const main = document.querySelector('main');
    const parts = [...main.children].filter(shown)
      .map((e) => e.tagName === 'HEADER' ? 'header' : '#' + e.id);
    const header = [...document.querySelector('header.top').children].filter(shown)
      .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
    const one = document.querySelector('.print-this');
    const examples = [...(one || main).querySelectorAll('details li')];
    const after = (a) => {
      const c = getComputedStyle(a, '::after').content;
      return c === 'none' || c === 'normal' || c === '' ? '' : c;
    };
    const links = [...main.querySelectorAll('a[href]')].filter(shown);
    return {
      prints: window.__prints,
      root: document.documentElement.className,
      chosen: one ? one.id : '',
      parts: parts.length > 6 ? parts.length : parts,
      header,
      examples: [examples.length, examples.filter((e) => e.offsetHeight > 0).length],
      buttons: [...document.querySelectorAll('button')].filter(shown).length,
      addressed: links.filter((a) => after(a)).map((a) => [a.textContent, after(a)]),
      inside: links.filter((a) => a.getAttribute('href').startsWith('#') && after(a)).length,
    };"#;

/// Checks what print shows after "Print this level" on `level` (`track/level`), asked
/// for `prints` times in all.
pub(crate) fn assert_one_level(printed: &Value, level: &str, prints: u64, engine: &str) {
    assert_eq!(printed["prints"], json!(prints), "{engine}: {printed}");
    assert_eq!(printed["root"], json!("print-one"), "{engine}: {printed}");
    assert_eq!(printed["chosen"], json!(level), "{engine}: {printed}");
    // Only the header and the level.
    assert_eq!(
        printed["parts"],
        json!(["header", format!("#{level}")]),
        "{engine}: {printed}"
    );
    assert_eq!(
        printed["header"],
        json!(["h1", "p.meta"]),
        "{engine}: {printed}"
    );
    // Every example of the level unfolded.
    let examples = &printed["examples"];
    assert!(
        examples[0].as_u64().unwrap_or(0) > 0 && examples[0] == examples[1],
        "{engine}: the examples are not all unfolded: {printed}"
    );
    assert_eq!(printed["buttons"], json!(0), "{engine}: {printed}");
    // The link with words shows where it goes; the one written as its address and the
    // links inside the page do not.
    let addressed = printed["addressed"].as_array().cloned().unwrap_or_default();
    assert_eq!(addressed.len(), 1, "{engine}: {printed}");
    assert_eq!(addressed[0][0], json!("the guide"), "{engine}: {printed}");
    let shown = addressed[0][1].as_str().unwrap_or_default();
    assert!(
        shown.contains("https://example.org/guide") || shown.contains("attr(href)"),
        "{engine}: {printed}"
    );
    assert_eq!(printed["inside"], json!(0), "{engine}: {printed}");
}

/// Checks what print shows after "Print all" (asked for `prints` times in all), or of the
/// whole page printed by the browser (None): every part of the page, every example
/// unfolded, no mark left.
pub(crate) fn assert_everything(printed: &Value, prints: Option<u64>, engine: &str) {
    if let Some(prints) = prints {
        assert_eq!(printed["prints"], json!(prints), "{engine}: {printed}");
    }
    let examples = &printed["examples"];
    assert!(
        examples[0].as_u64().unwrap_or(0) > 100 && examples[0] == examples[1],
        "{engine}: the examples are not all unfolded: {printed}"
    );
    assert_eq!(printed["root"], json!(""), "{engine}: {printed}");
    assert_eq!(printed["chosen"], json!(""), "{engine}: {printed}");
    assert!(
        printed["parts"].as_u64().unwrap_or(0) > 20,
        "{engine}: print all leaves parts out: {printed}"
    );
    assert_eq!(printed["buttons"], json!(0), "{engine}: {printed}");
    assert_eq!(printed["inside"], json!(0), "{engine}: {printed}");
}

/// The search, timed in the page for each of 20 keystrokes of a query (searching and
/// showing the results): the times in ms. Each keystroke's search runs ten times and the
/// mean is taken, since some engines' clocks tick in whole milliseconds.
pub(crate) const TIMED: &str = r#"
    const typed = 'delivers reliable systems';
    const times = [];
    for (let i = 1; i <= 20; i++) {
      const t0 = performance.now();
      for (let k = 0; k < 10; k++) window.rungSearch(typed.slice(0, i));
      times.push((performance.now() - t0) / 10);
    }
    return times;"#;

/// The median and the 99th percentile (of 20 samples, the largest) of `times`.
pub(crate) fn median_and_p99(times: &Value) -> (f64, f64) {
    let mut t: Vec<f64> = times
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_f64)
        .collect();
    assert_eq!(t.len(), 20, "{times}");
    t.sort_by(f64::total_cmp);
    ((t[9] + t[10]) / 2.0, t[19])
}
