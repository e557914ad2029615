//! The crates' licence list of "About Rung" accepts exactly the licences the supply-chain
//! check allows: `about.toml`'s `accepted` is `deny.toml`'s `[licenses] allow`, so a
//! licence newly allowed there is shown here, and one refused there is never listed.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::path::Path;

/// The quoted strings of the TOML array `key = [ … ]` in `file`, comments left out.
fn array(file: &str, key: &str) -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    let start = text
        .find(&format!("\n{key} = ["))
        .unwrap_or_else(|| panic!("{file} has no `{key} = [`"));
    let body = &text[start..];
    let body = &body[..body
        .find("\n]")
        .unwrap_or_else(|| panic!("{file}: `{key}` is not closed"))];
    body.lines()
        .skip(1)
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter_map(|line| line.strip_prefix('"'))
        .map(|line| line.split('"').next().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn about_toml_accepts_what_deny_toml_allows() {
    let allowed = array("deny.toml", "allow");
    assert!(allowed.contains(&"MIT".to_owned()), "{allowed:?}");
    assert_eq!(array("about.toml", "accepted"), allowed);
}
