//! How far opening a framework has got, as the window shows it while a large one opens:
//! its files read, then the framework put together, then the search index built. The
//! first screen shows as soon as the framework is put together; search says it is still
//! indexing until the index is ready.

use serde::Serialize;
use ts_rs::TS;

use crate::app::session::Opened;
use crate::files::folder::ReadProgress;

/// The stage an opening framework is at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "stage", rename_all = "kebab-case")]
pub enum LoadStatus {
    /// Reading the folder's markdown files from disk.
    Reading {
        /// Files read so far.
        read: usize,
        /// Files the folder holds.
        total: usize,
    },
    /// Every file read: parsing them and putting the framework together.
    Assembling {
        /// Files read.
        files: usize,
    },
    /// The framework is open and shown; its search index is being built.
    Indexing {
        /// Expectations being indexed.
        expectations: usize,
    },
    /// Search is ready; nothing is being opened.
    Ready,
}

impl LoadStatus {
    /// What reading has got to, by `progress`: still reading, or every file read.
    pub fn of_reading(progress: &ReadProgress) -> LoadStatus {
        let (read, total) = (progress.read(), progress.total());
        if total > 0 && read >= total {
            LoadStatus::Assembling { files: read }
        } else {
            LoadStatus::Reading { read, total }
        }
    }

    /// `opened` is shown, and its search index is being built.
    pub fn indexing(opened: &Opened) -> LoadStatus {
        let expectations = opened
            .loaded
            .framework
            .tracks
            .iter()
            .flat_map(|t| t.levels.iter())
            .flat_map(|l| &l.sections)
            .map(|s| s.expectations.len())
            .sum();
        LoadStatus::Indexing { expectations }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::origin::FrameworkSource;

    #[test]
    fn reading_becomes_assembling_once_every_counted_file_is_read() {
        let tmp = tempfile::tempdir().expect("tmp");
        for file in ["a.md", "b.md"] {
            std::fs::write(tmp.path().join(file), "x").expect("write");
        }
        let progress = std::sync::Arc::new(ReadProgress::default());
        assert_eq!(
            LoadStatus::of_reading(&progress),
            LoadStatus::Reading { read: 0, total: 0 }
        );
        crate::files::folder::reporting_to(std::sync::Arc::clone(&progress), || {
            crate::files::folder::read_dir(tmp.path())
        })
        .expect("read");
        assert_eq!(
            LoadStatus::of_reading(&progress),
            LoadStatus::Assembling { files: 2 }
        );
    }

    #[test]
    fn indexing_counts_the_expectations_of_the_framework() {
        let tmp = tempfile::tempdir().expect("tmp");
        let write = |path: &str, text: &str| {
            let path = tmp.path().join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
            std::fs::write(path, text).expect("write");
        };
        write("framework.md", "---\nname: Small\nversion: \"1\"\nbands:\n  - number: 1\n    name: One\ndimensions:\n  - id: scope\n    name: Scope\nrating:\n  - id: meets\n    name: Meets\n---\n");
        write(
            "competencies/c0.md",
            "---\nid: c0\nname: Competency 0\n---\n\nDoing the work.\n",
        );
        write("tracks/t0/track.md", "---\nid: t0\nname: Track 0\ncraft: d0\ncareer_path: individual-contributor\n---\n\n## Purpose\n\nBuilding things.\n");
        write("tracks/t0/l0.md", "---\nid: l0\ntitle: Level 0\nband: 1\nsummary: First.\ndimensions:\n  scope: A team.\n---\n\n## Competency 0\n\n- Ships small changes safely. {#e0}\n- Reviews code kindly. {#e1}\n- Writes tests first. {#e2}\n");
        let opened = crate::app::open(FrameworkSource::Folder {
            path: tmp.path().to_string_lossy().into_owned(),
        })
        .expect("opens");
        assert_eq!(
            LoadStatus::indexing(&opened),
            LoadStatus::Indexing { expectations: 3 }
        );
        let json = serde_json::to_string(&LoadStatus::Reading { read: 3, total: 9 }).expect("json");
        assert_eq!(json, r#"{"stage":"reading","read":3,"total":9}"#);
    }
}
