//! How the window asks for a file of case data to be sealed on export, and what opens
//! one on import: checked here, before anything is written or read, since the window is
//! not trusted. The sealing itself is [`crate::files::seal`]'s.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{AppError, ErrorKind};
use crate::cases::exchange::CASE_EXTENSION;
use crate::files::keys;
use crate::files::recipients::{self, Person, RecipientsError};
use crate::files::seal::{self, Lock, SealError, SealedWith, Unlock};

/// Most public keys one file is sealed to.
pub const MAX_KEYS: usize = 50;
/// Longest text taken as one public key (an `age1…` key is 62 characters).
pub const MAX_KEY_TEXT: usize = 200;
/// Fewest characters of a passphrase a file is sealed with.
pub const MIN_PASSPHRASE: usize = 8;
/// Most characters of a passphrase.
pub const MAX_PASSPHRASE: usize = 1024;
/// The end of a sealed file's name.
pub const SEALED_SUFFIX: &str = ".age";

/// How to lock a file of case data on export: to public keys (`to`), or with a
/// passphrase, or, chosen deliberately, not at all (`plain`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SealChoice {
    /// Saved as it is: anyone who gets the file can read it.
    #[serde(default)]
    pub plain: bool,
    /// The public keys (`age1…`) of those who may open it.
    #[serde(default)]
    pub to: Vec<String>,
    /// A passphrase, given to the recipient some other way than the file.
    #[serde(default)]
    #[ts(optional)]
    pub passphrase: Option<String>,
}

fn refused(message: impl Into<String>) -> AppError {
    AppError::new(ErrorKind::Refused, message)
}

impl SealChoice {
    /// The lock this choice asks for, checked; `None` when the file is to be saved plain.
    pub fn lock(&self) -> Result<Option<Lock>, AppError> {
        let keys = !self.to.is_empty();
        let passphrase = self.passphrase.is_some();
        if self.plain {
            if keys || passphrase {
                return Err(refused(
                    "Choose either to encrypt the file or to save it without encryption, not both.",
                ));
            }
            return Ok(None);
        }
        match (keys, &self.passphrase) {
            (false, None) => Err(refused(
                "Give a public key or a passphrase to encrypt the file with, or choose to save \
                 it without encryption.",
            )),
            (true, Some(_)) => Err(refused(
                "A file is encrypted either to public keys or with a passphrase, not both.",
            )),
            (true, None) => {
                if self.to.len() > MAX_KEYS {
                    return Err(refused(format!(
                        "A file can be encrypted to at most {MAX_KEYS} public keys."
                    )));
                }
                for key in &self.to {
                    check_key(key)?;
                }
                Lock::to_keys(&self.to).map(Some).map_err(sealing)
            }
            (false, Some(text)) => {
                check_passphrase(text)?;
                Lock::passphrase(text).map(Some).map_err(sealing)
            }
        }
    }

    /// The name and bytes to save for a file suggested as `name` with `text`: sealed
    /// unless plain was chosen. A case file keeps its name (`.rungcase`, sealed or not:
    /// reading tells by the content); any other file's name then ends in `.age`.
    pub fn apply(&self, name: &str, text: &str) -> Result<(String, Vec<u8>), AppError> {
        match self.lock()? {
            None => Ok((name.to_owned(), text.as_bytes().to_vec())),
            Some(lock) => {
                let sealed = seal::seal(text.as_bytes(), &lock).map_err(sealing)?;
                Ok((sealed_name(name), sealed))
            }
        }
    }
}

/// The name of the file `name` once sealed: the same for a case file, else with `.age`.
pub fn sealed_name(name: &str) -> String {
    let case = format!(".{CASE_EXTENSION}");
    if name.to_ascii_lowercase().ends_with(&case) {
        name.to_owned()
    } else {
        format!("{name}{SEALED_SUFFIX}")
    }
}

fn sealing(e: SealError) -> AppError {
    refused(capitalised(&e.to_string()))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_uppercase().to_string());
    let mut out = first.unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// Checks one public key as typed: refused, with why, when it is not one.
pub fn check_key(text: &str) -> Result<(), AppError> {
    if text.len() > MAX_KEY_TEXT {
        return Err(refused("That is too long to be a public key (age1…)."));
    }
    keys::recipient(text)
        .map(|_| ())
        .map_err(|e| refused(capitalised(&e.to_string())))
}

fn check_passphrase(text: &str) -> Result<(), AppError> {
    let count = text.chars().count();
    if count < MIN_PASSPHRASE {
        return Err(refused(format!(
            "A passphrase needs at least {MIN_PASSPHRASE} characters."
        )));
    }
    if count > MAX_PASSPHRASE {
        return Err(refused(format!(
            "A passphrase can have at most {MAX_PASSPHRASE} characters."
        )));
    }
    Ok(())
}

/// What opens a sealed file on import: the person's key kept in the data folder `dir`
/// and, when the window gave one, a passphrase (used for this import only).
pub fn unlock(dir: &Path, passphrase: Option<&str>) -> Result<Unlock, AppError> {
    let unlock = Unlock::nothing().with_key_in(dir);
    match passphrase {
        None => Ok(unlock),
        Some(text) if text.is_empty() || text.chars().count() > MAX_PASSPHRASE => {
            Err(AppError::new(
                ErrorKind::Passphrase,
                "That is not the passphrase of this file.",
            ))
        }
        Some(text) => Ok(unlock.with_passphrase(text)),
    }
}

/// Before a file at `path` is read: when it is sealed with a passphrase and none was
/// given, the error that makes the window ask for one.
pub fn ask_for_passphrase(path: &Path, passphrase: Option<&str>) -> Result<(), AppError> {
    use std::io::Read as _;
    if passphrase.is_some() {
        return Ok(());
    }
    // The header is at the start; a file that cannot be read is the reader's to report.
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(64 * 1024).read_to_end(&mut head));
    if read.is_err() {
        return Ok(());
    }
    match seal::sealed_with(&head) {
        Ok(Some(SealedWith::Passphrase)) => Err(AppError::new(
            ErrorKind::Passphrase,
            "This file is encrypted with a passphrase. Type the passphrase the sender gave you.",
        )),
        _ => Ok(()),
    }
}

/// A reader's refusal, as the window should act on it: a wrong passphrase asks again.
pub fn after_reading(e: AppError) -> AppError {
    if e.message.contains(&SealError::WrongPassphrase.to_string()) {
        AppError::new(
            ErrorKind::Passphrase,
            "That passphrase does not open this file. Check it and try again.",
        )
    } else {
        e
    }
}

/// The person's public key, made on first use in the data folder `dir`.
pub fn my_public_key(dir: &Path) -> Result<String, AppError> {
    keys::public(dir).map_err(|e| AppError::new(ErrorKind::Internal, capitalised(&e.to_string())))
}

/// The people saved by name to encrypt files to, as the window lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct SavedPeople {
    /// The people, in the order they were saved.
    pub people: Vec<Person>,
    /// Lines of the address book that are not people, each `path:line:column: why`;
    /// the people on the other lines are listed.
    pub problems: Vec<String>,
}

fn saved_people_in(dir: &Path) -> Result<SavedPeople, AppError> {
    let book = recipients::load(dir).map_err(address_book)?;
    Ok(SavedPeople {
        problems: book
            .problems
            .iter()
            .map(|p| recipients::describe(dir, p))
            .collect(),
        people: book.people,
    })
}

fn address_book(e: RecipientsError) -> AppError {
    let kind = match e {
        RecipientsError::Unreadable { .. } => ErrorKind::Unreadable,
        RecipientsError::Unwritable { .. } => ErrorKind::Internal,
        _ => ErrorKind::Refused,
    };
    AppError::new(kind, capitalised(&e.to_string()))
}

/// The people saved in the data folder `dir` to encrypt files to.
pub fn saved_people(dir: &Path) -> Result<SavedPeople, AppError> {
    saved_people_in(dir)
}

/// Saves `key` under `name` in the data folder `dir` (a name already saved, whatever
/// its case, gets the new key), and answers the people saved.
pub fn save_person(dir: &Path, name: &str, key: &str) -> Result<SavedPeople, AppError> {
    check_key(key)?;
    recipients::save(dir, name, key).map_err(address_book)?;
    saved_people_in(dir)
}

/// Forgets the person saved as `name` in the data folder `dir`, and answers the people
/// still saved.
pub fn forget_person(dir: &Path, name: &str) -> Result<SavedPeople, AppError> {
    recipients::forget(dir, name).map_err(address_book)?;
    saved_people_in(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";

    fn keys(to: &[&str]) -> SealChoice {
        SealChoice {
            to: to.iter().map(|k| (*k).to_owned()).collect(),
            ..SealChoice::default()
        }
    }

    fn passphrase(text: &str) -> SealChoice {
        SealChoice {
            passphrase: Some(text.to_owned()),
            ..SealChoice::default()
        }
    }

    fn message(choice: &SealChoice) -> String {
        match choice.lock() {
            Ok(_) => "accepted".to_owned(),
            Err(e) => e.message,
        }
    }

    #[test]
    fn nothing_chosen_is_not_plain() {
        assert_eq!(
            message(&SealChoice::default()),
            "Give a public key or a passphrase to encrypt the file with, or choose to save it \
             without encryption."
        );
        let plain = SealChoice {
            plain: true,
            ..SealChoice::default()
        };
        assert!(matches!(plain.lock(), Ok(None)));
        let both = SealChoice {
            plain: true,
            ..keys(&[KEY])
        };
        assert_eq!(
            message(&both),
            "Choose either to encrypt the file or to save it without encryption, not both."
        );
    }

    #[test]
    fn keys_and_passphrases_are_checked() {
        assert!(matches!(keys(&[KEY]).lock(), Ok(Some(Lock::Keys(_)))));
        assert_eq!(
            message(&keys(&["age1nope"])),
            "`age1nope` is not a valid age public key: a character is wrong, missing or extra \
             (an age public key has 62 characters)."
        );
        assert_eq!(
            message(&keys(&["AGE-SECRET-KEY-1XYZ"])),
            "That is a secret key, not a public one: give the public key (age1…) and keep the \
             secret key to yourself."
        );
        assert_eq!(
            message(&keys(&[&"a".repeat(MAX_KEY_TEXT + 1)])),
            "That is too long to be a public key (age1…)."
        );
        assert_eq!(
            message(&keys(&[KEY; MAX_KEYS + 1])),
            "A file can be encrypted to at most 50 public keys."
        );
        assert_eq!(
            message(&passphrase("short")),
            "A passphrase needs at least 8 characters."
        );
        assert_eq!(
            message(&passphrase(&"p".repeat(MAX_PASSPHRASE + 1))),
            "A passphrase can have at most 1024 characters."
        );
        assert!(matches!(
            passphrase("our committee").lock(),
            Ok(Some(Lock::Passphrase(_)))
        ));
        let mixed = SealChoice {
            passphrase: Some("our committee".into()),
            ..keys(&[KEY])
        };
        assert_eq!(
            message(&mixed),
            "A file is encrypted either to public keys or with a passphrase, not both."
        );
    }

    #[test]
    fn a_sealed_export_is_named_age_and_opens_with_its_passphrase() {
        let (name, bytes) = passphrase("our committee")
            .apply("case-x.json", "{}")
            .expect("sealed");
        assert_eq!(name, "case-x.json.age");
        assert!(bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
        let opened = seal::open(
            &bytes,
            &Unlock::nothing().with_passphrase("our committee"),
            1024,
        )
        .expect("opens");
        assert_eq!(opened, b"{}");
        let plain = SealChoice {
            plain: true,
            ..SealChoice::default()
        };
        let (name, bytes) = plain.apply("case-x.json", "{}").expect("plain");
        assert_eq!(
            (name.as_str(), bytes.as_slice()),
            ("case-x.json", &b"{}"[..])
        );
    }

    #[test]
    fn a_sealed_case_file_keeps_its_extension() {
        let (name, bytes) = passphrase("our committee")
            .apply("ana-lima-e4-case.rungcase", "{}")
            .expect("sealed");
        assert_eq!(name, "ana-lima-e4-case.rungcase");
        assert!(bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
        assert_eq!(sealed_name("Review.RUNGCASE"), "Review.RUNGCASE");
        assert_eq!(
            sealed_name("calibration-packet.html"),
            "calibration-packet.html.age"
        );
    }

    #[test]
    fn a_passphrase_file_asks_for_one_and_a_wrong_one_asks_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("case.json.age");
        let (_, bytes) = passphrase("our committee")
            .apply("case.json", "{}")
            .expect("sealed");
        std::fs::write(&path, bytes).expect("write");
        let asked = ask_for_passphrase(&path, None).expect_err("asks");
        assert_eq!(asked.kind, ErrorKind::Passphrase);
        assert!(ask_for_passphrase(&path, Some("anything")).is_ok());
        let wrong = after_reading(AppError::new(
            ErrorKind::Refused,
            format!("case.json.age: {}", SealError::WrongPassphrase),
        ));
        assert_eq!(wrong.kind, ErrorKind::Passphrase);
        assert_eq!(
            wrong.message,
            "That passphrase does not open this file. Check it and try again."
        );
        let changed = after_reading(refused(SealError::Changed.to_string()));
        assert_eq!(changed.kind, ErrorKind::Refused);
    }

    #[test]
    fn people_are_saved_listed_and_forgotten_with_reasons_in_words() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path();
        assert_eq!(saved_people(dir).expect("empty"), SavedPeople::default());
        let saved = save_person(dir, " Ana Lima ", KEY).expect("saved");
        assert_eq!(
            saved.people,
            vec![Person {
                name: "Ana Lima".into(),
                key: KEY.into()
            }]
        );
        let refused = save_person(dir, "Bo", "age1nope").expect_err("not a key");
        assert_eq!(refused.kind, ErrorKind::Refused);
        assert!(
            refused.message.starts_with("`age1nope` is not a valid"),
            "{}",
            refused.message
        );
        let refused = save_person(dir, "", KEY).expect_err("no name");
        assert_eq!(refused.message, "A name is empty: give the person's name.");
        let path = recipients::path(dir);
        let text = std::fs::read_to_string(&path).expect("book");
        std::fs::write(&path, format!("{text}{KEY}\n")).expect("write");
        assert_eq!(
            saved_people(dir).expect("listed").problems,
            vec![format!(
                "{}:4:1: a public key without a name: write the person's name after the key",
                path.display()
            )]
        );
        let left = forget_person(dir, "ana lima").expect("forgotten");
        assert!(left.people.is_empty());
        assert_eq!(
            forget_person(dir, "Ana Lima").expect_err("gone").message,
            "No one is saved as `Ana Lima`; no one is saved yet."
        );
    }
}
