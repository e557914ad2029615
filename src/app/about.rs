//! "About Rung": which build this is (version and commit), the bundled framework it
//! carries (name, version, content hash), where the person's data and settings live, and
//! the licences of the third-party crates and npm packages it ships.
//!
//! The shell knows the build (its version, the commit its build script read, the Tauri
//! and WebView versions) and the folders it resolved at start; the core shapes them with
//! the bundled framework's identity. The licence lists are generated at build time by
//! maintained tools (`cargo about` for the crates, `rollup-plugin-license` for the npm
//! packages, see `scripts/setup.sh`) into two JSON files the app embeds; the core reads
//! them here and refuses one that is empty or does not hold together, so that a build
//! never shows an empty list as if nothing were shipped.

use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the shell knows about its own build, resolved at compile time or once at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Build {
    /// Rung's version (`CARGO_PKG_VERSION`).
    pub version: String,
    /// The commit it was built from, with `-dirty` when the tree had changes, or
    /// `unknown` outside a git checkout.
    pub commit: String,
    /// The operating system and processor it runs on (`linux x86_64`).
    pub platform: String,
    /// The version of Tauri the window is built with.
    pub tauri_version: String,
    /// The version of the system's WebView, when it could be read.
    pub webview_version: Option<String>,
}

/// "About Rung" as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AboutView {
    /// Rung's version.
    pub version: String,
    /// The commit it was built from (`1a2b3c4`, `1a2b3c4-dirty` or `unknown`).
    pub commit: String,
    /// The framework built into Rung.
    pub framework: BundledView,
    /// Where cases, keys and backups live.
    pub data_dir: String,
    /// Where settings live.
    pub config_dir: String,
    /// The operating system and processor.
    pub platform: String,
    /// The version of Tauri.
    pub tauri_version: String,
    /// The version of the system's WebView, when it could be read.
    pub webview_version: Option<String>,
    /// All of the above that a bug report needs, on one line, for Copy.
    pub version_line: String,
}

/// The identity of the framework built into Rung.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BundledView {
    /// Its name.
    pub name: String,
    /// Its version label.
    pub version: String,
    /// Its content hash, as the home page shows it when it is open.
    pub hash: String,
}

/// The bundled framework's identity, loaded once: it cannot change while Rung runs.
pub fn bundled() -> BundledView {
    static BUNDLED: OnceLock<BundledView> = OnceLock::new();
    BUNDLED
        .get_or_init(|| {
            let loaded = crate::load_bundled();
            BundledView {
                name: loaded.framework.name.clone(),
                version: loaded.framework.version.clone(),
                hash: crate::framework::hash::content_hash(&loaded),
            }
        })
        .clone()
}

/// "About Rung" for `build`, with the data and config folders the shell resolved.
pub fn about(build: Build, data_dir: &Path, config_dir: &Path) -> AboutView {
    let framework = bundled();
    let mut line = format!(
        "Rung {} ({}) · {} · framework {} {} ({}) · Tauri {}",
        build.version,
        build.commit,
        build.platform,
        framework.name,
        framework.version,
        framework.hash,
        build.tauri_version
    );
    if let Some(webview) = &build.webview_version {
        line.push_str(&format!(" · WebView {webview}"));
    }
    AboutView {
        version: build.version,
        commit: build.commit,
        framework,
        data_dir: data_dir.display().to_string(),
        config_dir: config_dir.display().to_string(),
        platform: build.platform,
        tauri_version: build.tauri_version,
        webview_version: build.webview_version,
        version_line: line,
    }
}

/// The licences of everything third-party the app ships, as generated at build time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LicensesView {
    /// The Rust crates compiled into the app and the `rung` tool.
    pub crates: PackageLicenses,
    /// The npm packages bundled into the window's page.
    pub npm: PackageLicenses,
}

/// One generated licence list: every package with its licence, and each distinct
/// licence text once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PackageLicenses {
    /// The tool that wrote the list, with its version.
    pub generator: String,
    /// The packages, by name.
    pub packages: Vec<PackageLicense>,
    /// The licence texts, each once, however many packages it covers.
    pub texts: Vec<LicenseText>,
}

/// A package and the licence it is shipped under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PackageLicense {
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// Its licence as it declares it: an SPDX id or expression (`MIT OR Apache-2.0`).
    pub license: String,
    /// Its licence texts, as positions in [`PackageLicenses::texts`].
    pub texts: Vec<u32>,
}

/// The full text of a licence, as one or more packages ship it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LicenseText {
    /// The SPDX id of the licence (`MIT`).
    pub license: String,
    /// The text.
    pub text: String,
}

/// Why a generated licence list cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LicensesError {
    /// The file is not the JSON the build writes.
    #[error("{file}:{line}:{column}: {message}")]
    Malformed {
        /// The list's file name.
        file: String,
        /// Line of the problem, from 1.
        line: usize,
        /// Column of the problem, from 1.
        column: usize,
        /// What serde found.
        message: String,
    },
    /// The list names no package: the build did not generate it.
    #[error("{file}: the licence list is empty")]
    Empty {
        /// The list's file name.
        file: String,
    },
    /// A package points at a text the list does not have.
    #[error("{file}: `{package}` points at licence text {index}, but the list has {count}")]
    MissingText {
        /// The list's file name.
        file: String,
        /// The package.
        package: String,
        /// The position it points at.
        index: u32,
        /// How many texts the list has.
        count: usize,
    },
}

impl PackageLicenses {
    /// Reads the generated list `json` of the file `file` (named in errors), checking that
    /// it names packages and that every text they point at is there.
    pub fn parse(file: &str, json: &str) -> Result<Self, LicensesError> {
        let list: PackageLicenses =
            serde_json::from_str(json).map_err(|e| LicensesError::Malformed {
                file: file.to_owned(),
                line: e.line(),
                column: e.column(),
                message: e
                    .to_string()
                    .split(" at line ")
                    .next()
                    .unwrap_or("")
                    .to_owned(),
            })?;
        if list.packages.is_empty() {
            return Err(LicensesError::Empty {
                file: file.to_owned(),
            });
        }
        let count = list.texts.len();
        for package in &list.packages {
            if let Some(&index) = package.texts.iter().find(|&&i| i as usize >= count) {
                return Err(LicensesError::MissingText {
                    file: file.to_owned(),
                    package: package.name.clone(),
                    index,
                    count,
                });
            }
        }
        Ok(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build() -> Build {
        Build {
            version: "0.1.0".into(),
            commit: "1a2b3c4-dirty".into(),
            platform: "linux x86_64".into(),
            tauri_version: "2.9.5".into(),
            webview_version: Some("2.48.1".into()),
        }
    }

    #[test]
    fn about_names_the_build_the_bundled_framework_and_the_folders() {
        let loaded = crate::load_bundled();
        let hash = crate::framework::hash::content_hash(&loaded);
        let view = about(build(), Path::new("/data/rung"), Path::new("/config/rung"));
        assert_eq!(view.framework.hash, hash);
        assert_eq!(view.framework.name, loaded.framework.name);
        assert_eq!(view.data_dir, "/data/rung");
        assert_eq!(view.config_dir, "/config/rung");
        assert_eq!(
            view.version_line,
            format!(
                "Rung 0.1.0 (1a2b3c4-dirty) · linux x86_64 · framework {} {} ({hash}) · Tauri 2.9.5 · WebView 2.48.1",
                loaded.framework.name, loaded.framework.version
            )
        );
        let without = about(
            Build {
                webview_version: None,
                ..build()
            },
            Path::new("/d"),
            Path::new("/c"),
        );
        assert!(
            without.version_line.ends_with("· Tauri 2.9.5"),
            "{}",
            without.version_line
        );
    }

    const LIST: &str = r#"{
      "generator": "cargo-about 0.9.3",
      "packages": [
        { "name": "serde", "version": "1.0.228", "license": "MIT OR Apache-2.0", "texts": [0] },
        { "name": "unicode-ident", "version": "1.0.22", "license": "(MIT OR Apache-2.0) AND Unicode-3.0", "texts": [0, 1] }
      ],
      "texts": [
        { "license": "Apache-2.0", "text": "Apache License" },
        { "license": "Unicode-3.0", "text": "UNICODE LICENSE V3" }
      ]
    }"#;

    #[test]
    fn a_generated_list_is_read_with_its_texts() {
        let list = PackageLicenses::parse("crates.json", LIST).expect("a good list");
        assert_eq!(list.generator, "cargo-about 0.9.3");
        assert_eq!(list.packages[1].texts, vec![0, 1]);
        assert_eq!(list.texts[1].license, "Unicode-3.0");
    }

    #[test]
    fn a_list_that_does_not_hold_together_is_refused_in_words() {
        let error = |json: &str| {
            PackageLicenses::parse("crates.json", json)
                .expect_err("refused")
                .to_string()
        };
        assert_eq!(
            error(r#"{"generator": "x", "packages": [], "texts": []}"#),
            "crates.json: the licence list is empty"
        );
        assert_eq!(
            error(&LIST.replace("[0, 1]", "[0, 2]")),
            "crates.json: `unicode-ident` points at licence text 2, but the list has 2"
        );
        assert_eq!(
            error("{\n  \"generator\": \"x\",\n  \"packagez\": []\n}"),
            "crates.json:3:12: unknown field `packagez`, expected one of `generator`, `packages`, `texts`"
        );
        assert_eq!(error(""), "crates.json:1:0: EOF while parsing a value");
    }
}
