//! Reading a framework folder from disk: the thin edge before the pure loader.
//!
//! Only `.md` files are read; hidden entries (`.git`, `.DS_Store`) are skipped. Problems
//! with single files (too large, not UTF-8, a symbolic link that leaves the folder or
//! loops) become diagnostics, and every other file is still read. [`is_part_of_framework`]
//! applies the same rule to one path, for a watcher deciding whether a change matters.

use std::cell::RefCell;
use std::collections::HashSet;
use std::ffi::OsStr;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::framework::diagnostic::{Code, Diagnostic};
use crate::framework::load::{Loaded, Loader, Reread};
use crate::framework::source::SourceFile;

/// Files larger than this are rejected.
pub const MAX_FILE_BYTES: u64 = 256 * 1024;

/// At most this many markdown files are read from one folder.
pub const MAX_FILES: usize = 10_000;

/// How deep folders may nest.
const MAX_DEPTH: usize = 32;

/// Whether an entry with this name is left out of a framework: hidden ones (`.git`,
/// `.DS_Store`, editors' swap files such as `.level.md.swp`).
fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

/// Whether a file with this name is read as part of a framework.
fn is_markdown(name: &OsStr) -> bool {
    name.as_encoded_bytes().ends_with(b".md")
}

/// Whether `path`, inside the framework folder `root`, is something [`read_dir`] reads or
/// looks into: the folder itself, a markdown file, or a folder, none of them hidden nor
/// under a hidden folder. A path that no longer exists, with no `.md` name, counts: it
/// may have been a folder of markdown files. A path outside `root` does not count.
pub fn is_part_of_framework(root: &Path, path: &Path) -> bool {
    let Some(relative) = inside(root, path) else {
        return false;
    };
    let mut names = relative.components().map(|c| c.as_os_str()).peekable();
    while let Some(name) = names.next() {
        if is_hidden(name) {
            return false;
        }
        if names.peek().is_none() && !is_markdown(name) {
            // A file of another kind is never read; a folder, or what may have been one,
            // can hold markdown files.
            return std::fs::metadata(path).map_or(true, |meta| meta.is_dir());
        }
    }
    true
}

/// `path` relative to `root`, also when one of them is spelled through a symbolic link.
fn inside<'a>(root: &Path, path: &'a Path) -> Option<&'a Path> {
    if let Ok(relative) = path.strip_prefix(root) {
        return Some(relative);
    }
    let canonical = root.canonicalize().ok()?;
    path.strip_prefix(canonical).ok()
}

/// How far [`read_dir`] has got, for a window that shows it while a large folder opens:
/// the markdown files read so far, out of those its listing holds (counted first, before
/// any is read; a file reached through a symbolic link is read but not counted).
#[derive(Debug, Default)]
pub struct ReadProgress {
    read: AtomicUsize,
    total: AtomicUsize,
}

impl ReadProgress {
    /// Markdown files read so far.
    pub fn read(&self) -> usize {
        self.read.load(Ordering::Relaxed)
    }

    /// Markdown files the folder's listing holds, up to [`MAX_FILES`]; 0 until counted.
    pub fn total(&self) -> usize {
        self.total.load(Ordering::Relaxed).max(self.read())
    }
}

thread_local! {
    static PROGRESS: RefCell<Option<Arc<ReadProgress>>> = const { RefCell::new(None) };
}

/// Runs `work` with every folder that [`read_dir`] reads on this thread meanwhile
/// counting its files into `progress`, so that a caller that only holds a higher-level
/// function (opening a framework) can still say how far reading has got.
pub fn reporting_to<T>(progress: Arc<ReadProgress>, work: impl FnOnce() -> T) -> T {
    struct Restore(Option<Arc<ReadProgress>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            PROGRESS.with(|p| *p.borrow_mut() = previous);
        }
    }
    let _restore = Restore(PROGRESS.with(|p| p.borrow_mut().replace(progress)));
    work()
}

/// The markdown files under `dir` that [`read_dir`] would read, from the listing alone:
/// symbolic links are not followed.
fn count_listed(dir: &Path, depth: usize) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut count = 0;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        if is_hidden(&name) {
            continue;
        }
        match entry.file_type() {
            Ok(kind) if kind.is_dir() && depth < MAX_DEPTH => {
                count += count_listed(&entry.path(), depth + 1);
            }
            Ok(kind) if kind.is_file() && is_markdown(&name) => count += 1,
            _ => {}
        }
        if count >= MAX_FILES {
            return MAX_FILES;
        }
    }
    count
}

/// Loads the framework in a folder on disk through `loader`, so that only the files that
/// changed since its last load are parsed again.
pub fn load_with(loader: &mut Loader, root: &Path) -> io::Result<Loaded> {
    let (sources, diagnostics, links) = read_dir_noting_links(root)?;
    // Through a link, one file is read under two names: a change to it then reaches
    // more than the file a watcher names.
    loader.whole_reads_only = links;
    Ok(loader.load(sources, diagnostics))
}

/// Loads the framework in a folder on disk again through `loader`, after a change to the
/// paths in `changed` (absolute, as a watcher reports them): only those files are read
/// again, and every other file is taken as the loader last read it. Every file is read
/// again when that could miss something: `changed` is `None` (the watcher lost track of
/// events), a path is a folder, may have been one or is a link, the folder holds links
/// or nears its limit of files, or the loader has read nothing yet.
pub fn reload_with(
    loader: &mut Loader,
    root: &Path,
    changed: Option<&[PathBuf]>,
) -> io::Result<Loaded> {
    let canonical_root = root.canonicalize()?;
    let changed = match changed {
        Some(changed)
            if loader.takes_changes()
                && canonical_root.is_dir()
                && loader.file_count() + changed.len() < MAX_FILES =>
        {
            changed
        }
        _ => return load_with(loader, root),
    };
    let mut rereads = Vec::new();
    for path in changed {
        if !is_part_of_framework(root, path) {
            continue;
        }
        let Some(rel) = inside(root, path).and_then(relative_name) else {
            return load_with(loader, root);
        };
        if !rel.ends_with(".md") || rel.matches('/').count() >= MAX_DEPTH {
            // The folder itself, a folder in it, or what may have been one.
            return load_with(loader, root);
        }
        let file = canonical_root.join(&rel);
        let (source, diagnostics) = match std::fs::symlink_metadata(&file) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => (None, Vec::new()),
            Ok(meta) if meta.is_file() => match read_one(&file, &rel) {
                Ok(Ok(source)) => (Some(source), Vec::new()),
                Ok(Err(d)) => (None, vec![d]),
                Err(e) => (
                    None,
                    vec![Diagnostic::file(
                        Code::ReadError,
                        &rel,
                        format!("cannot read: {e}"),
                    )],
                ),
            },
            // A folder named like a markdown file, a link, or what cannot be looked at.
            _ => return load_with(loader, root),
        };
        rereads.push(Reread {
            path: rel,
            source,
            diagnostics,
        });
    }
    Ok(loader.load_changes(rereads))
}

/// A path inside the folder as [`read_dir`] names the file there: its parts joined by `/`.
fn relative_name(relative: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            std::path::Component::Normal(name) => parts.push(name.to_string_lossy()),
            std::path::Component::CurDir => {}
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Reads one markdown file, a plain file, with the limits [`read_dir`] applies.
fn read_one(file: &Path, rel: &str) -> io::Result<Result<SourceFile, Diagnostic>> {
    let mut bytes = Vec::new();
    std::fs::File::open(file)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(Err(too_large(rel, std::fs::metadata(file)?.len())));
    }
    Ok(decode(rel, bytes))
}

/// Reads every markdown file under `root`. Fails only when `root` itself cannot be read.
pub fn read_dir(root: &Path) -> io::Result<(Vec<SourceFile>, Vec<Diagnostic>)> {
    read_dir_noting_links(root).map(|(sources, diagnostics, _)| (sources, diagnostics))
}

/// [`read_dir`], and whether it met a symbolic link.
fn read_dir_noting_links(root: &Path) -> io::Result<(Vec<SourceFile>, Vec<Diagnostic>, bool)> {
    let canonical_root = root.canonicalize()?;
    if !canonical_root.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("`{}` is not a folder", root.display()),
        ));
    }
    let progress = PROGRESS.with(|p| p.borrow().clone());
    if let Some(progress) = &progress {
        progress.read.store(0, Ordering::Relaxed);
        let total = count_listed(&canonical_root, 0);
        progress.total.store(total, Ordering::Relaxed);
    }
    let mut walk = Walk {
        root: canonical_root.clone(),
        sources: Vec::new(),
        diagnostics: Vec::new(),
        ancestors: HashSet::new(),
        files: 0,
        links: false,
        progress,
    };
    walk.dir(&canonical_root, "", 0)?;
    Ok((walk.sources, walk.diagnostics, walk.links))
}

struct Walk {
    root: PathBuf,
    sources: Vec<SourceFile>,
    diagnostics: Vec<Diagnostic>,
    ancestors: HashSet<PathBuf>,
    files: usize,
    /// Whether a symbolic link was met.
    links: bool,
    progress: Option<Arc<ReadProgress>>,
}

impl Walk {
    fn dir(&mut self, dir: &Path, relative: &str, depth: usize) -> io::Result<()> {
        let canonical = dir.canonicalize()?;
        self.ancestors.insert(canonical.clone());
        let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let file_name = entry.file_name();
            if is_hidden(&file_name) {
                continue;
            }
            let name = file_name.to_string_lossy().into_owned();
            let path = entry.path();
            let rel = if relative.is_empty() {
                name.clone()
            } else {
                format!("{relative}/{name}")
            };
            if let Err(e) = self.entry(&path, &rel, depth) {
                self.diagnostics.push(Diagnostic::file(
                    Code::ReadError,
                    &rel,
                    format!("cannot read: {e}"),
                ));
            }
        }
        self.ancestors.remove(&canonical);
        Ok(())
    }

    fn entry(&mut self, path: &Path, rel: &str, depth: usize) -> io::Result<()> {
        let meta = std::fs::symlink_metadata(path)?;
        let target = if meta.file_type().is_symlink() {
            self.links = true;
            let Some(target) = self.follow(path, rel) else {
                return Ok(());
            };
            target
        } else {
            path.to_path_buf()
        };
        let meta = std::fs::metadata(&target)?;
        if meta.is_dir() {
            let canonical = target.canonicalize()?;
            if self.ancestors.contains(&canonical) || depth >= MAX_DEPTH {
                self.diagnostics.push(
                    Diagnostic::file(
                        Code::SymlinkLoop,
                        rel,
                        "this folder contains itself through a symbolic link",
                    )
                    .with_help("remove the link or point it elsewhere"),
                );
                return Ok(());
            }
            return self.dir(&target, rel, depth + 1);
        }
        if !path.file_name().is_some_and(is_markdown) || !meta.is_file() {
            return Ok(());
        }
        self.files += 1;
        if self.files == MAX_FILES + 1 {
            self.diagnostics.push(Diagnostic::file(
                Code::ReadError,
                rel,
                format!(
                    "the folder holds more than {MAX_FILES} markdown files; the rest are not read"
                ),
            ));
        }
        if self.files > MAX_FILES {
            return Ok(());
        }
        if meta.len() > MAX_FILE_BYTES {
            self.diagnostics.push(too_large(rel, meta.len()));
            return Ok(());
        }
        let mut bytes = Vec::new();
        std::fs::File::open(&target)?
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)?;
        if let Some(progress) = &self.progress {
            progress.read.fetch_add(1, Ordering::Relaxed);
        }
        if bytes.len() as u64 > MAX_FILE_BYTES {
            self.diagnostics.push(too_large(rel, bytes.len() as u64));
            return Ok(());
        }
        match decode(rel, bytes) {
            Ok(source) => self.sources.push(source),
            Err(d) => self.diagnostics.push(d),
        }
        Ok(())
    }

    /// Resolves a symbolic link, or reports why it cannot be followed.
    fn follow(&mut self, path: &Path, rel: &str) -> Option<PathBuf> {
        match path.canonicalize() {
            Ok(target) if target.starts_with(&self.root) => Some(target),
            Ok(target) => {
                self.diagnostics.push(
                    Diagnostic::file(
                        Code::SymlinkEscape,
                        rel,
                        format!(
                            "symbolic link points outside the framework folder, to `{}`",
                            target.display()
                        ),
                    )
                    .with_help("copy the file into the framework folder instead"),
                );
                None
            }
            Err(_) if is_link_loop(path) => {
                self.diagnostics.push(
                    Diagnostic::file(Code::SymlinkLoop, rel, "symbolic links form a loop")
                        .with_help("remove one of the links"),
                );
                None
            }
            Err(e) => {
                self.diagnostics.push(Diagnostic::file(
                    Code::ReadError,
                    rel,
                    format!("cannot follow symbolic link: {e}"),
                ));
                None
            }
        }
    }
}

/// Whether following links from `path` comes back to a link already seen.
fn is_link_loop(path: &Path) -> bool {
    let mut seen = HashSet::new();
    let mut current = path.to_path_buf();
    for _ in 0..64 {
        if !seen.insert(current.clone()) {
            return true;
        }
        match std::fs::read_link(&current) {
            Ok(next) => {
                current = match current.parent() {
                    Some(parent) if next.is_relative() => parent.join(next),
                    _ => next,
                };
            }
            Err(_) => return false,
        }
    }
    true
}

fn too_large(rel: &str, bytes: u64) -> Diagnostic {
    Diagnostic::file(
        Code::FileTooLarge,
        rel,
        format!(
            "file is {} KiB, over the limit of {} KiB",
            bytes.div_ceil(1024),
            MAX_FILE_BYTES / 1024
        ),
    )
    .with_help("split it into smaller files")
}

/// Turns bytes into a source file, or reports where the first invalid byte is.
pub fn decode(rel: &str, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(rel, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
            let line = prefix.matches('\n').count() + 1;
            let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(Diagnostic::file(
                Code::NotUtf8,
                rel,
                format!("file is not UTF-8 text: invalid byte at line {line}, column {column}"),
            )
            .with_position(line, column)
            .with_help("save the file as UTF-8"))
        }
    }
}

/// Writes `bytes` to `path`, replacing any file there whole: the bytes go to a temporary
/// file beside it, reach the disk, and only then take the file's name, so a crash leaves
/// the old file or the new one, never half of one.
pub fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    super::private::replace_whole(path, bytes, false)
}

/// The commit checked out in the git repository that holds `folder`, read from the
/// repository's files (no `git` needed): `None` when the folder is not in a repository or
/// the commit cannot be read. A framework's pin in a case records it.
pub fn git_commit(folder: &Path) -> Option<String> {
    let mut dir = std::path::absolute(folder).ok()?;
    let git = loop {
        let candidate = dir.join(".git");
        if candidate.is_dir() {
            break candidate;
        }
        if candidate.is_file() {
            // A worktree or submodule: `gitdir: PATH`.
            let text = std::fs::read_to_string(&candidate).ok()?;
            let target = text.trim().strip_prefix("gitdir:")?.trim();
            break dir.join(target);
        }
        dir = dir.parent()?.to_path_buf();
    };
    let head = std::fs::read_to_string(git.join("HEAD")).ok()?;
    let head = head.trim();
    let Some(reference) = head.strip_prefix("ref:").map(str::trim) else {
        return is_commit_id(head).then(|| head.to_owned());
    };
    // A worktree keeps its refs in the common directory.
    let common = std::fs::read_to_string(git.join("commondir"))
        .ok()
        .map_or_else(|| git.clone(), |c| git.join(c.trim()));
    for base in [&git, &common] {
        if let Ok(id) = std::fs::read_to_string(base.join(reference)) {
            let id = id.trim();
            if is_commit_id(id) {
                return Some(id.to_owned());
            }
        }
    }
    let packed = std::fs::read_to_string(common.join("packed-refs")).ok()?;
    packed.lines().find_map(|line| {
        let (id, name) = line.split_once(' ')?;
        (name == reference && is_commit_id(id)).then(|| id.to_owned())
    })
}

fn is_commit_id(s: &str) -> bool {
    (s.len() == 40 || s.len() == 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_a_folder_counts_its_files_into_the_progress_of_its_thread_only() {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path();
        std::fs::create_dir_all(root.join("tracks/a")).expect("dirs");
        std::fs::create_dir_all(root.join(".git")).expect("dirs");
        for file in ["framework.md", "tracks/a/track.md", "tracks/a/l1.md"] {
            std::fs::write(root.join(file), "---\nid: x\n---\n").expect("write");
        }
        std::fs::write(root.join("notes.txt"), "not read").expect("write");
        std::fs::write(root.join(".git/HEAD.md"), "hidden").expect("write");
        let progress = Arc::new(ReadProgress::default());
        let read = reporting_to(Arc::clone(&progress), || read_dir(root)).expect("read");
        assert_eq!(read.0.len(), 3);
        assert_eq!((progress.read(), progress.total()), (3, 3));
        // Outside `reporting_to`, reading counts nothing.
        let other = tempfile::tempdir().expect("tmp");
        std::fs::write(other.path().join("framework.md"), "x").expect("write");
        read_dir(other.path()).expect("read");
        assert_eq!((progress.read(), progress.total()), (3, 3));
        // Counting the listing is what gives the total before the first file is read.
        assert_eq!(count_listed(root, 0), 3);
    }

    #[test]
    fn decode_points_at_the_first_invalid_byte() {
        let d = decode("a.md", b"ok\nab\xffc".to_vec()).err();
        let d = d.map(|d| (d.code, d.line, d.column));
        assert_eq!(d, Some((Code::NotUtf8, 2, 3)));
    }

    #[test]
    fn the_parts_of_a_framework_are_what_read_dir_reads() {
        let dir = tempfile::tempdir().expect("dir");
        let root = dir.path();
        for folder in ["tracks/eng", ".git/objects", "assets"] {
            std::fs::create_dir_all(root.join(folder)).expect("mkdir");
        }
        for file in [
            "framework.md",
            "tracks/eng/e1.md",
            "README.txt",
            "assets/logo.png",
            ".git/HEAD",
            "tracks/eng/.e1.md.swp",
        ] {
            std::fs::write(root.join(file), "x").expect("write");
        }
        let part = |p: &str| is_part_of_framework(root, &root.join(p));
        assert!(part(""), "the folder itself");
        assert!(part("framework.md"));
        assert!(part("tracks/eng/e1.md"));
        assert!(part("tracks/eng"), "a folder");
        assert!(part("tracks/gone"), "what may have been a folder");
        assert!(part("tracks/eng/new.md"), "a markdown file not yet written");
        assert!(!part("README.txt"), "a file of another kind");
        assert!(!part("assets/logo.png"));
        assert!(!part(".git"));
        assert!(!part(".git/HEAD"), "inside a hidden folder");
        assert!(!part(".git/objects/ab"));
        assert!(!part("tracks/eng/.e1.md.swp"), "an editor's swap file");
        assert!(!part("tracks/eng/.#e1.md"));
        assert!(!is_part_of_framework(root, Path::new("/elsewhere/x.md")));

        // Every file read_dir reads is part of the framework, and nothing else is.
        let (sources, _) = read_dir(root).expect("read");
        let read: Vec<&str> = sources.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(read, ["framework.md", "tracks/eng/e1.md"]);
        for file in [
            "README.txt",
            "assets/logo.png",
            ".git/HEAD",
            "tracks/eng/.e1.md.swp",
        ] {
            assert!(!part(file), "{file}");
        }

        // The same paths, spelled through a link to the folder.
        #[cfg(unix)]
        {
            let link = dir.path().with_extension("link");
            std::os::unix::fs::symlink(root, &link).expect("link");
            assert!(is_part_of_framework(&link, &root.join("framework.md")));
            assert!(!is_part_of_framework(&link, &root.join(".git/HEAD")));
            std::fs::remove_file(&link).expect("unlink");
        }
    }

    #[test]
    fn write_whole_replaces_a_file_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("case.json");
        write_whole(&path, b"old").expect("first");
        write_whole(&path, b"new").expect("second");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("case.json")]);
        // A folder where the file should go: an error, and the folder untouched.
        let blocked = dir.path().join("blocked");
        std::fs::create_dir(&blocked).expect("mkdir");
        assert!(write_whole(&blocked, b"x").is_err());
        assert!(blocked.is_dir());
        assert!(!dir.path().join(".blocked.tmp").exists());
    }
}
