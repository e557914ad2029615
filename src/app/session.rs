//! The open session: a framework opened from its source, with what reloads and searches
//! need kept beside it (a folder's loader, which re-parses only the files that changed,
//! and the search index, built once and updated after a reload rather than rebuilt).
//! What it looks like in a window is built from it by the view modules of [`crate::app`].

use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use crate::app::error::{AppError, ErrorKind};
use crate::files::origin::FrameworkSource;
use crate::framework::hash::content_hash;
use crate::framework::markdown::TermMarker;
use crate::framework::model::Framework;
use crate::search::{Filters, IndexError, Results, SearchIndex};
use crate::{Loaded, Loader};

/// An open framework, ready to show.
#[derive(Debug, Clone)]
pub struct Opened {
    /// Where it came from.
    pub source: FrameworkSource,
    /// What loading produced.
    pub loaded: Loaded,
    terms: TermMarker,
    hash: String,
    /// Built on first use, or ahead of it by [`Opened::prepare_search`].
    index: Arc<OnceLock<Result<SearchIndex, IndexError>>>,
    /// A folder's loader, kept for reloads: it re-parses only the files that changed.
    loader: Option<Arc<Mutex<Loader>>>,
    /// After a reload, the index of the framework before it, to update rather than
    /// rebuild; with the files changed since then when only those need re-indexing.
    previous: Option<(SearchIndex, Option<Vec<String>>)>,
    /// Orders reloads: see [`SearchIndex::update`].
    generation: u64,
}

/// Loads a framework from its source.
pub fn open(source: FrameworkSource) -> Result<Opened, AppError> {
    match &source {
        FrameworkSource::Bundled => Ok(Opened::new(source, crate::load_bundled())),
        FrameworkSource::Folder { path } => {
            let mut loader = Loader::new();
            let loaded = load_folder(&mut loader, path)?;
            let hash = loader.hash().to_owned();
            let mut opened = Opened::hashed(source, loaded, hash);
            opened.generation = loader.generation();
            opened.loader = Some(Arc::new(Mutex::new(loader)));
            Ok(opened)
        }
    }
}

fn load_folder(loader: &mut Loader, path: &str) -> Result<Loaded, AppError> {
    crate::files::folder::load_with(loader, &PathBuf::from(path)).map_err(|e| unreadable(path, &e))
}

fn unreadable(path: &str, e: &std::io::Error) -> AppError {
    AppError::new(
        ErrorKind::Unreadable,
        format!("Rung cannot open the folder {path}: {e}."),
    )
}

impl Opened {
    /// Wraps a loaded framework.
    pub fn new(source: FrameworkSource, loaded: Loaded) -> Self {
        let hash = content_hash(&loaded);
        Opened::hashed(source, loaded, hash)
    }

    /// Wraps a loaded framework whose content hash is known already.
    fn hashed(source: FrameworkSource, loaded: Loaded, hash: String) -> Self {
        let terms = TermMarker::of_framework(&loaded.framework);
        Opened {
            source,
            loaded,
            terms,
            hash,
            index: Arc::new(OnceLock::new()),
            loader: None,
            previous: None,
            generation: 0,
        }
    }

    /// Loads the same framework again after its files changed. Only the changed files
    /// are parsed again, and the search index is updated rather than rebuilt (on first
    /// use, or by [`Opened::prepare_search`]).
    pub fn reload(&self) -> Result<Opened, AppError> {
        self.reload_paths(None).map(|(opened, _)| opened)
    }

    /// Like [`Opened::reload`], after a change to the files at `changed` alone (absolute
    /// paths, as a folder's watcher reports them): only those are read again, and only
    /// the tracks they touch are checked again. `None` reads every file again. Also says
    /// whether any file's text changed since this one, when the loader knows.
    fn reload_paths(
        &self,
        changed: Option<&[PathBuf]>,
    ) -> Result<(Opened, Option<bool>), AppError> {
        let (FrameworkSource::Folder { path }, Some(loader)) = (&self.source, &self.loader) else {
            return open(self.source.clone()).map(|opened| (opened, None));
        };
        let mut guard = loader
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let loaded = crate::files::folder::reload_with(&mut guard, &PathBuf::from(path), changed)
            .map_err(|e| unreadable(path, &e))?;
        // The loader's list of changes is against its load before, which is this one's
        // unless another reload came between.
        let files_changed = guard
            .changed()
            .filter(|_| guard.generation() == self.generation + 1)
            .map(|c| !c.is_empty());
        let mut opened = Opened::hashed(self.source.clone(), loaded, guard.hash().to_owned());
        opened.generation = guard.generation();
        opened.loader = Some(Arc::clone(loader));
        opened.previous = match self.index.get() {
            // This index is this framework's: only what changed since needs indexing.
            Some(Ok(index)) => Some((index.clone(), guard.changed().map(<[String]>::to_vec))),
            // Not built yet: compare every document with the older index, if any.
            _ => self
                .previous
                .as_ref()
                .map(|(index, _)| (index.clone(), None)),
        };
        Ok((opened, files_changed))
    }

    /// Like [`Opened::reload`], but `None` when nothing a person could see changed: every
    /// file reads as before and reading them found the same problems. A watcher that
    /// reports a change that is not one (a file saved unchanged, a `git checkout` of the
    /// same content) then leads to nothing at all.
    pub fn reload_if_changed(&self) -> Result<Option<Opened>, AppError> {
        self.reload_if_changed_at(None)
    }

    /// [`Opened::reload_if_changed`] after a change to the files at `changed` alone, as
    /// [`Opened::reload`] does with them; `None` reads every file again.
    pub fn reload_if_changed_at(
        &self,
        changed: Option<&[PathBuf]>,
    ) -> Result<Option<Opened>, AppError> {
        let (reloaded, files_changed) = self.reload_paths(changed)?;
        let same_files =
            files_changed.map_or_else(|| reloaded.loaded.sources == self.loaded.sources, |c| !c);
        let same = same_files && reloaded.loaded.diagnostics == self.loaded.diagnostics;
        Ok((!same).then_some(reloaded))
    }

    /// The content hash of the framework's files.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The git commit of the framework's folder, when it is in a repository.
    pub fn commit(&self) -> Option<String> {
        match &self.source {
            FrameworkSource::Folder { path } => {
                crate::files::folder::git_commit(std::path::Path::new(path))
            }
            FrameworkSource::Bundled => None,
        }
    }

    /// Builds the search index now, so that the first search does not wait for it.
    pub fn prepare_search(&self) {
        let _ = self.index();
    }

    fn index(&self) -> Result<&SearchIndex, AppError> {
        self.index
            .get_or_init(|| {
                let framework = &self.loaded.framework;
                match &self.previous {
                    Some((index, changed)) => index
                        .update(framework, changed.as_deref(), self.generation)
                        .map(|_| index.clone()),
                    None => SearchIndex::build(framework).inspect(|index| {
                        index.set_generation(self.generation);
                    }),
                }
            })
            .as_ref()
            .map_err(|e| {
                AppError::new(
                    ErrorKind::Internal,
                    format!("Search is not available: {e}."),
                )
            })
    }

    /// Searches the framework; see [`crate::search`].
    pub fn search(
        &self,
        query: &str,
        filters: &Filters,
        limit: usize,
    ) -> Result<Results, AppError> {
        Ok(self.index()?.search(query, filters, limit))
    }

    /// The framework itself, for the views built from it.
    pub(crate) fn framework(&self) -> &Framework {
        &self.loaded.framework
    }

    /// The framework's glossary terms, ready to mark in text it shows (a case's
    /// expectations, for one).
    pub fn terms(&self) -> &TermMarker {
        &self.terms
    }
}
