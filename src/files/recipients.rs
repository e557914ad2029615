//! The people a person sends encrypted files to, by name: an address book of public keys,
//! kept so that a committee exchanges its keys once.
//!
//! The book is `recipients.txt` in the data folder, private to its owner (0600 on Unix)
//! though it holds public keys only. Each line is one person, their public key then their
//! name (`age1… Ana Lima`); blank lines and lines starting with `#` are ignored, so the
//! file can be read and edited by hand. A line that is not a person is reported with its
//! line and column and the others load; changes to the book rewrite only the lines they
//! concern, so such a line is kept as it was written.
//!
//! Names are unique whatever their case, and never begin with `age1`, so that anywhere a
//! public key is asked for, a saved name can be given instead ([`Book::resolve`]).

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use super::{keys, private, seal};

/// The name of the address book in the data folder.
pub const RECIPIENTS_FILE: &str = "recipients.txt";

/// The longest address book read: room for thousands of people.
const MAX_FILE: u64 = 1024 * 1024;

/// Most characters of a name.
pub const MAX_NAME: usize = 80;

/// The lines a new address book starts with.
const HEADER: &str =
    "# The people you encrypt case files to: a public key, then a name, one a line.\n\
                      # `rung key add NAME KEY` adds one, `rung key remove NAME` removes one.\n";

/// One saved person: a name and their public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Person {
    /// The name they were saved under, as written.
    pub name: String,
    /// Their public key, `age1…`.
    pub key: String,
}

/// A line of the address book that is not a person, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong there.
    pub message: String,
}

/// The people of an address book, and the lines that are not people.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Book {
    /// The people, in the order of the file.
    pub people: Vec<Person>,
    /// The lines skipped, with why.
    pub problems: Vec<Problem>,
}

/// Why the address book could not be read, changed or used.
#[derive(Debug, thiserror::Error)]
pub enum RecipientsError {
    /// The file exists but cannot be read.
    #[error("cannot read the people you encrypt to, {}: {error}", path.display())]
    Unreadable {
        /// The address book.
        path: PathBuf,
        /// What the system said.
        error: String,
    },
    /// The file cannot be written.
    #[error("cannot save the people you encrypt to, {}: {error}", path.display())]
    Unwritable {
        /// The address book.
        path: PathBuf,
        /// What the system said.
        error: String,
    },
    /// A name given to save someone under cannot be one.
    #[error("{0}")]
    NotAName(String),
    /// A key given to save is not a public key.
    #[error(transparent)]
    NotAKey(#[from] keys::KeyError),
    /// No one is saved under this name.
    #[error("no one is saved as `{name}`; {}", saved_names(saved))]
    Unknown {
        /// The name asked for.
        name: String,
        /// The names saved.
        saved: Vec<String>,
    },
    /// Another person is already saved under the new name.
    #[error("`{0}` is already saved; remove them first or choose another name")]
    Taken(String),
}

fn saved_names(saved: &[String]) -> String {
    if saved.is_empty() {
        "no one is saved yet".to_owned()
    } else {
        format!("saved: {}", saved.join(", "))
    }
}

impl Book {
    /// The person saved as `name`, whatever its case.
    pub fn find(&self, name: &str) -> Option<&Person> {
        let name = name.trim();
        self.people.iter().find(|p| same_name(&p.name, name))
    }

    /// The names saved, in the order of the file.
    pub fn names(&self) -> Vec<String> {
        self.people.iter().map(|p| p.name.clone()).collect()
    }

    /// The public key for `key_or_name`: a public key (`age1…`) as it is, after checking
    /// it, else the key of the person saved under that name.
    pub fn resolve(&self, key_or_name: &str) -> Result<String, RecipientsError> {
        if looks_like_key(key_or_name) {
            return Ok(keys::recipient(key_or_name)?.to_string());
        }
        self.find(key_or_name)
            .map(|p| p.key.clone())
            .ok_or_else(|| RecipientsError::Unknown {
                name: key_or_name.trim().to_owned(),
                saved: self.names(),
            })
    }
}

/// Whether `text` is meant as a key rather than a name: it begins as a public or a
/// secret age key does. A name never does.
pub fn looks_like_key(text: &str) -> bool {
    let text = text.trim().to_ascii_lowercase();
    text.starts_with("age1") || text.starts_with("age-secret-key-")
}

fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// Checks a name to save someone under; the name trimmed.
pub fn check_name(name: &str) -> Result<String, RecipientsError> {
    let name = name.trim();
    let refuse = |why: &str| Err(RecipientsError::NotAName(why.to_owned()));
    if name.is_empty() {
        return refuse("a name is empty: give the person's name");
    }
    if name.chars().count() > MAX_NAME {
        return refuse(&format!("a name has at most {MAX_NAME} characters"));
    }
    if name.chars().any(char::is_control) {
        return refuse("a name is one line of text, without tabs or control characters");
    }
    if name.starts_with('#') {
        return refuse("a name cannot begin with `#`");
    }
    if looks_like_key(name) {
        return refuse("a name cannot begin with `age1` or `AGE-SECRET-KEY-`, as keys do");
    }
    Ok(name.to_owned())
}

/// One line of the book: `None` for a blank or comment line, else the person or the
/// column and what is wrong.
fn read_line(line: &str) -> Option<Result<Person, (usize, String)>> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return None;
    }
    let key_column = line.len() - line.trim_start().len() + 1;
    let (key, rest) = trimmed
        .split_once(char::is_whitespace)
        .unwrap_or((trimmed, ""));
    let key = match keys::recipient(key) {
        Ok(key) => key.to_string(),
        Err(e) => return Some(Err((key_column, e.to_string()))),
    };
    let name_column = key_column + (trimmed.len() - rest.trim_start().len());
    if rest.trim().is_empty() {
        return Some(Err((
            key_column,
            "a public key without a name: write the person's name after the key".to_owned(),
        )));
    }
    Some(
        check_name(rest)
            .map(|name| Person { name, key })
            .map_err(|e| (name_column, e.to_string())),
    )
}

/// The people of an address book's text; a line that is not one is a problem, and the
/// rest still load. A name saved twice keeps its first line.
pub fn parse(text: &str) -> Book {
    let mut book = Book::default();
    for (n, line) in text.lines().enumerate() {
        match read_line(line) {
            None => {}
            Some(Ok(person)) => {
                if book.find(&person.name).is_some() {
                    let column = line.len() - line.trim_start().len() + 1;
                    book.problems.push(Problem {
                        line: n + 1,
                        column,
                        message: format!(
                            "`{}` is saved on an earlier line already; this line is skipped",
                            person.name
                        ),
                    });
                } else {
                    book.people.push(person);
                }
            }
            Some(Err((column, message))) => book.problems.push(Problem {
                line: n + 1,
                column,
                message,
            }),
        }
    }
    book
}

/// The index of the line that saves `name`, in `text`'s lines.
fn line_of(text: &str, name: &str) -> Option<usize> {
    text.lines().position(
        |line| matches!(read_line(line), Some(Ok(person)) if same_name(&person.name, name)),
    )
}

/// `text`'s lines with line `at` replaced by `with` (removed when `None`).
fn replace_line(text: &str, at: usize, with: Option<&str>) -> String {
    let mut out = String::with_capacity(text.len() + 80);
    for (n, line) in text.lines().enumerate() {
        let line = if n == at { with } else { Some(line) };
        if let Some(line) = line {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn entry(name: &str, key: &str) -> String {
    format!("{key} {name}")
}

/// `text` with `key` saved as `name`: a new line, or the line of the person already
/// saved under that name (whatever its case) given the new key and name. Whether a
/// person was replaced, with the new text.
pub fn add(text: &str, name: &str, key: &str) -> Result<(String, bool), RecipientsError> {
    let name = check_name(name)?;
    let key = keys::recipient(key)?.to_string();
    let line = entry(&name, &key);
    Ok(match line_of(text, &name) {
        Some(at) => (replace_line(text, at, Some(&line)), true),
        None => {
            let mut out = if text.trim().is_empty() {
                HEADER.to_owned()
            } else {
                text.to_owned()
            };
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&line);
            out.push('\n');
            (out, false)
        }
    })
}

/// `text` without the person saved as `name`, and that person.
pub fn remove(text: &str, name: &str) -> Result<(String, Person), RecipientsError> {
    let book = parse(text);
    let unknown = || RecipientsError::Unknown {
        name: name.trim().to_owned(),
        saved: book.names(),
    };
    let person = book.find(name).cloned().ok_or_else(unknown)?;
    let at = line_of(text, &person.name).ok_or_else(unknown)?;
    Ok((replace_line(text, at, None), person))
}

/// `text` with the person saved as `old` saved as `new` instead, the same key.
pub fn rename(text: &str, old: &str, new: &str) -> Result<String, RecipientsError> {
    let book = parse(text);
    let new = check_name(new)?;
    let unknown = || RecipientsError::Unknown {
        name: old.trim().to_owned(),
        saved: book.names(),
    };
    let person = book.find(old).ok_or_else(unknown)?;
    if let Some(other) = book.find(&new) {
        if !same_name(&other.name, &person.name) {
            return Err(RecipientsError::Taken(other.name.clone()));
        }
    }
    let at = line_of(text, &person.name).ok_or_else(unknown)?;
    Ok(replace_line(text, at, Some(&entry(&new, &person.key))))
}

/// Where the address book of the data folder `dir` is.
pub fn path(dir: &Path) -> PathBuf {
    dir.join(RECIPIENTS_FILE)
}

/// The text of the address book in `dir`; empty when there is none yet.
fn read(dir: &Path) -> Result<String, RecipientsError> {
    let path = path(dir);
    let unreadable = |error: String| RecipientsError::Unreadable {
        path: path.clone(),
        error,
    };
    let bytes = match seal::read_limited(&path, MAX_FILE) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err(unreadable("too large to be an address book".into())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(String::new()),
        Err(e) => return Err(unreadable(e.to_string())),
    };
    String::from_utf8(bytes).map_err(|_| unreadable("not a text file (UTF-8)".into()))
}

fn write(dir: &Path, text: &str) -> Result<(), RecipientsError> {
    let path = path(dir);
    let unwritable = |e: std::io::Error| RecipientsError::Unwritable {
        path: path.clone(),
        error: e.to_string(),
    };
    if !dir.is_dir() {
        private::create_dir(dir).map_err(unwritable)?;
    }
    private::write(&path, text.as_bytes()).map_err(unwritable)
}

/// The address book kept in the data folder `dir` (empty when there is none).
pub fn load(dir: &Path) -> Result<Book, RecipientsError> {
    read(dir).map(|text| parse(&text))
}

/// A problem of the address book in `dir` as a person reads it: `path:line:column: why`.
pub fn describe(dir: &Path, problem: &Problem) -> String {
    format!(
        "{}:{}:{}: {}",
        path(dir).display(),
        problem.line,
        problem.column,
        problem.message
    )
}

/// Saves `key` as `name` in the address book in `dir` (see [`add`]); whether someone
/// saved under that name was replaced.
pub fn save(dir: &Path, name: &str, key: &str) -> Result<bool, RecipientsError> {
    let (text, replaced) = add(&read(dir)?, name, key)?;
    write(dir, &text)?;
    Ok(replaced)
}

/// Removes the person saved as `name` from the address book in `dir`, and answers them.
pub fn forget(dir: &Path, name: &str) -> Result<Person, RecipientsError> {
    let (text, person) = remove(&read(dir)?, name)?;
    write(dir, &text)?;
    Ok(person)
}

/// Renames the person saved as `old` to `new` in the address book in `dir`.
pub fn save_renamed(dir: &Path, old: &str, new: &str) -> Result<(), RecipientsError> {
    let text = rename(&read(dir)?, old, new)?;
    write(dir, &text)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const ANA: &str = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
    const BO: &str = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";

    #[test]
    fn people_are_read_by_line_and_a_bad_line_does_not_stop_the_rest() {
        let text = format!(
            "# committee\n\n{ANA} Ana Lima\n  age1nope Someone\n{BO}\n{BO} ana lima\n\t{BO}   Bo  Chen \n"
        );
        let book = parse(&text);
        assert_eq!(
            book.people,
            vec![
                Person {
                    name: "Ana Lima".into(),
                    key: ANA.into()
                },
                Person {
                    name: "Bo  Chen".into(),
                    key: BO.into()
                },
            ]
        );
        let said: Vec<String> = book
            .problems
            .iter()
            .map(|p| format!("{}:{}: {}", p.line, p.column, p.message))
            .collect();
        assert_eq!(
            said,
            vec![
                "4:3: `age1nope` is not a valid age public key: a character is wrong, missing \
                 or extra (an age public key has 62 characters)"
                    .to_owned(),
                "5:1: a public key without a name: write the person's name after the key".into(),
                "6:1: `ana lima` is saved on an earlier line already; this line is skipped".into(),
            ]
        );
        let bad_name = parse(&format!("{ANA}  #admins\n"));
        assert_eq!(
            bad_name.problems,
            vec![Problem {
                line: 1,
                column: 65,
                message: "a name cannot begin with `#`".into()
            }]
        );
    }

    #[test]
    fn adding_appends_or_replaces_and_keeps_lines_it_cannot_read() {
        let (text, replaced) = add("", "Ana Lima", &format!(" {ANA} ")).unwrap();
        assert!(!replaced);
        assert!(text.starts_with("# The people you encrypt case files to"));
        assert!(text.ends_with(&format!("\n{ANA} Ana Lima\n")), "{text}");
        let damaged = format!("{text}age1nope Bo\n");
        let (text, replaced) = add(&damaged, "Bo Chen", BO).unwrap();
        assert!(!replaced);
        assert!(text.ends_with(&format!("{ANA} Ana Lima\nage1nope Bo\n{BO} Bo Chen\n")));
        // The same name in another case replaces the key, in place.
        let (text, replaced) = add(&text, "ana lima", BO).unwrap();
        assert!(replaced);
        assert!(text.ends_with(&format!("{BO} ana lima\nage1nope Bo\n{BO} Bo Chen\n")));
        assert_eq!(parse(&text).people.len(), 2);
        assert_eq!(
            add(&text, "age1bob", BO).unwrap_err().to_string(),
            "a name cannot begin with `age1` or `AGE-SECRET-KEY-`, as keys do"
        );
        assert_eq!(
            add(&text, "  ", BO).unwrap_err().to_string(),
            "a name is empty: give the person's name"
        );
        assert_eq!(
            add(&text, "Cy", "age1nope").unwrap_err().to_string(),
            "`age1nope` is not a valid age public key: a character is wrong, missing or extra \
             (an age public key has 62 characters)"
        );
        assert_eq!(
            add(&text, "Cy\tDo", BO).unwrap_err().to_string(),
            "a name is one line of text, without tabs or control characters"
        );
    }

    #[test]
    fn removing_and_renaming_touch_only_their_line() {
        let text = format!("# mine\n{ANA} Ana Lima\nnot a line\n{BO} Bo Chen\n");
        let (left, gone) = remove(&text, "BO CHEN").unwrap();
        assert_eq!(gone.key, BO);
        assert_eq!(left, format!("# mine\n{ANA} Ana Lima\nnot a line\n"));
        assert_eq!(
            remove(&left, "Bo Chen").unwrap_err().to_string(),
            "no one is saved as `Bo Chen`; saved: Ana Lima"
        );
        assert_eq!(
            remove("", "Bo").unwrap_err().to_string(),
            "no one is saved as `Bo`; no one is saved yet"
        );
        let renamed = rename(&text, "ana lima", "Ana L.").unwrap();
        assert_eq!(
            renamed,
            format!("# mine\n{ANA} Ana L.\nnot a line\n{BO} Bo Chen\n")
        );
        assert_eq!(
            rename(&text, "Ana Lima", "bo chen")
                .unwrap_err()
                .to_string(),
            "`Bo Chen` is already saved; remove them first or choose another name"
        );
        // A change of case only is a rename, not a clash.
        assert!(rename(&text, "Ana Lima", "ana lima").is_ok());
    }

    #[test]
    fn a_key_or_a_saved_name_resolves_to_a_key() {
        let book = parse(&format!("{ANA} Ana Lima\n{BO} Bo Chen\n"));
        assert_eq!(book.resolve(" ana lima ").unwrap(), ANA);
        assert_eq!(book.resolve(BO).unwrap(), BO);
        assert_eq!(
            book.resolve("Cy").unwrap_err().to_string(),
            "no one is saved as `Cy`; saved: Ana Lima, Bo Chen"
        );
        assert!(book
            .resolve("age1nope")
            .unwrap_err()
            .to_string()
            .contains("not a valid"));
        assert!(book
            .resolve("AGE-SECRET-KEY-1QQ")
            .unwrap_err()
            .to_string()
            .starts_with("that is a secret key"));
    }

    #[test]
    fn the_book_on_disk_is_private_and_a_bad_line_survives_changes() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("rung");
        assert_eq!(load(&dir).unwrap(), Book::default());
        assert!(!save(&dir, "Ana Lima", ANA).unwrap());
        #[cfg(unix)]
        assert_eq!(private::mode(&path(&dir)).unwrap(), 0o600);
        let text = std::fs::read_to_string(path(&dir)).unwrap();
        std::fs::write(path(&dir), format!("{text}age1nope Bo\n")).unwrap();
        assert!(!save(&dir, "Bo Chen", BO).unwrap());
        save_renamed(&dir, "bo chen", "Bo C.").unwrap();
        let book = load(&dir).unwrap();
        assert_eq!(
            book.names(),
            vec!["Ana Lima".to_owned(), "Bo C.".to_owned()]
        );
        assert_eq!(book.problems.len(), 1);
        assert_eq!(
            describe(&dir, &book.problems[0]),
            format!(
                "{}:4:1: `age1nope` is not a valid age public key: a character is wrong, \
                 missing or extra (an age public key has 62 characters)",
                path(&dir).display()
            )
        );
        assert_eq!(forget(&dir, "ana lima").unwrap().key, ANA);
        let text = std::fs::read_to_string(path(&dir)).unwrap();
        assert!(
            text.ends_with(&format!("\nage1nope Bo\n{BO} Bo C.\n")),
            "{text}"
        );
        // A file that is not text is reported, and not overwritten.
        std::fs::write(path(&dir), b"\xff\xfe").unwrap();
        assert_eq!(
            save(&dir, "Cy", ANA).unwrap_err().to_string(),
            format!(
                "cannot read the people you encrypt to, {}: not a text file (UTF-8)",
                path(&dir).display()
            )
        );
        assert_eq!(std::fs::read(path(&dir)).unwrap(), b"\xff\xfe");
    }
}
