//! A person's key pair for case files that travel encrypted, and the public keys of the
//! people they send files to.
//!
//! The pair is an age X25519 key: the secret half lives in the data folder as `key.txt`,
//! in the format of the standard age tool's identity files (comment lines, then the
//! `AGE-SECRET-KEY-1…` line), so that `age -d -i key.txt` opens what was encrypted to it.
//! It is created on first use, private to its owner from the moment it exists, and never
//! replaced: a file encrypted to a key that was overwritten could not be opened again.
//! The public half (`age1…`) is what a person gives their committee, once.

use std::path::{Path, PathBuf};
use std::str::FromStr as _;

use age::secrecy::ExposeSecret as _;
use age::x25519;

use super::private;

/// The name of the key file in the data folder.
pub const KEY_FILE: &str = "key.txt";

/// The longest key file read: a key file is three short lines.
const MAX_KEY_FILE: u64 = 16 * 1024;

/// A person's key pair: opens what was encrypted to its public key.
#[derive(Clone)]
pub struct Key {
    identity: x25519::Identity,
}

impl Key {
    /// The public key to give others, `age1…`.
    pub fn public(&self) -> String {
        self.identity.to_public().to_string()
    }

    /// The public key as a recipient, to encrypt a file to oneself too.
    pub fn recipient(&self) -> x25519::Recipient {
        self.identity.to_public()
    }

    pub(crate) fn identity(&self) -> &x25519::Identity {
        &self.identity
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Only the public half: the secret one never reaches a log.
        write!(f, "Key({})", self.public())
    }
}

/// Why a key could not be read, made or used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The key file exists but cannot be read.
    #[error("cannot read your key {}: {error}", path.display())]
    Unreadable {
        /// The key file.
        path: PathBuf,
        /// What the system said.
        error: String,
    },
    /// The key file cannot be written.
    #[error("cannot write your key {}: {error}", path.display())]
    Unwritable {
        /// The key file.
        path: PathBuf,
        /// What the system said.
        error: String,
    },
    /// The key file holds something other than one age secret key.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Malformed {
        /// The key file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// A public key given to encrypt to is not one.
    #[error("{0}")]
    NotAPublicKey(String),
}

/// Where the key file of the data folder `dir` is.
pub fn path(dir: &Path) -> PathBuf {
    dir.join(KEY_FILE)
}

/// The key kept in the data folder `dir`, or `None` when there is none yet.
pub fn load(dir: &Path) -> Result<Option<Key>, KeyError> {
    use std::io::Read as _;
    let path = path(dir);
    let unreadable = |e: std::io::Error| KeyError::Unreadable {
        path: path.clone(),
        error: e.to_string(),
    };
    let file = match std::fs::File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(unreadable(e)),
    };
    let mut bytes = Vec::new();
    file.take(MAX_KEY_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    let malformed = |line, column, message: &str| KeyError::Malformed {
        path: path.clone(),
        line,
        column,
        message: message.to_owned(),
    };
    if bytes.len() as u64 > MAX_KEY_FILE {
        return Err(malformed(1, 1, "too large to be a key file"));
    }
    let text = String::from_utf8(bytes).map_err(|_| malformed(1, 1, "not a text file (UTF-8)"))?;
    parse(&text)
        .map(Some)
        .map_err(|(line, column, message)| malformed(line, column, message))
}

/// The one secret key of an identity file's text; otherwise the line, the column and
/// what is wrong there.
fn parse(text: &str) -> Result<Key, (usize, usize, &'static str)> {
    let mut found = None;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let column = line.len() - line.trim_start().len() + 1;
        if found.is_some() {
            return Err((n + 1, column, "a second key: Rung keeps one key per person"));
        }
        let identity = x25519::Identity::from_str(trimmed).map_err(|_| {
            (
                n + 1,
                column,
                "this line is not an age secret key (AGE-SECRET-KEY-1…)",
            )
        })?;
        found = Some(identity);
    }
    found.map(|identity| Key { identity }).ok_or((
        1,
        1,
        "the file holds no key; remove it and Rung makes a new one",
    ))
}

/// The key kept in the data folder `dir`, made there on first use: a new key pair, its
/// file private (0600 on Unix) from the moment it exists. An existing key is never
/// replaced, even by two Rungs making one at the same moment.
pub fn ensure(dir: &Path) -> Result<Key, KeyError> {
    if let Some(key) = load(dir)? {
        return Ok(key);
    }
    let path = path(dir);
    let unwritable = |e: std::io::Error| KeyError::Unwritable {
        path: path.clone(),
        error: e.to_string(),
    };
    if !dir.is_dir() {
        private::create_dir(dir).map_err(unwritable)?;
    }
    let identity = x25519::Identity::generate();
    let text = format!(
        "# Your Rung key: the secret half of your key pair. Keep it to yourself.\n\
         # `rung key` prints the public half, to give those who send you case files.\n\
         # public key: {}\n{}\n",
        identity.to_public(),
        identity.to_string().expose_secret()
    );
    // Written whole under another name, then linked into place: linking fails when a key
    // is already there, so a key made meanwhile by another Rung is kept.
    let fresh = dir.join(format!(".{KEY_FILE}.new-{}", std::process::id()));
    private::write(&fresh, text.as_bytes()).map_err(unwritable)?;
    let linked = std::fs::hard_link(&fresh, &path);
    let _ = std::fs::remove_file(&fresh);
    match linked {
        Ok(()) => Ok(Key { identity }),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            load(dir)?.ok_or_else(|| unwritable(e))
        }
        Err(e) => Err(unwritable(e)),
    }
}

/// The public key in the data folder `dir`, the pair made on first use.
pub fn public(dir: &Path) -> Result<String, KeyError> {
    ensure(dir).map(|key| key.public())
}

/// Checks a public key given to encrypt to: an age X25519 public key, `age1…`.
pub fn recipient(text: &str) -> Result<x25519::Recipient, KeyError> {
    let text = text.trim();
    let refuse = |why: String| Err(KeyError::NotAPublicKey(why));
    if text.is_empty() {
        return refuse("a public key to encrypt to is empty".into());
    }
    if text.to_ascii_uppercase().starts_with("AGE-SECRET-KEY-") {
        // The secret key is not repeated in the message.
        return refuse(
            "that is a secret key, not a public one: give the public key (age1…) and keep \
             the secret key to yourself"
                .into(),
        );
    }
    let shown: String = text.chars().take(70).collect();
    let shown = if shown.len() < text.len() {
        format!("{shown}…")
    } else {
        shown
    };
    if !text.to_ascii_lowercase().starts_with("age1") {
        return refuse(format!(
            "`{shown}` is not an age public key: a public key begins with `age1`"
        ));
    }
    x25519::Recipient::from_str(text).or_else(|_| {
        refuse(format!(
            "`{shown}` is not a valid age public key: a character is wrong, missing or extra \
             (an age public key has 62 characters)"
        ))
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_key_is_made_once_and_read_back() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("rung");
        assert!(load(&dir).unwrap().is_none());
        let made = ensure(&dir).unwrap();
        assert!(made.public().starts_with("age1"), "{}", made.public());
        assert_eq!(made.public().len(), 62);
        // The second use reads the same key; it is not replaced.
        assert_eq!(ensure(&dir).unwrap().public(), made.public());
        assert_eq!(public(&dir).unwrap(), made.public());
        let text = std::fs::read_to_string(path(&dir)).unwrap();
        assert!(text.contains(&format!("# public key: {}\n", made.public())));
        assert_eq!(
            text.lines().filter(|l| !l.starts_with('#')).count(),
            1,
            "{text}"
        );
        assert!(text.contains("\nAGE-SECRET-KEY-1"));
        // Nothing but the key is left in the folder.
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        assert!(!format!("{made:?}").contains("SECRET"));
    }

    #[cfg(unix)]
    #[test]
    fn the_key_file_is_the_owners_only() {
        let tmp = tempfile::tempdir().unwrap();
        ensure(tmp.path()).unwrap();
        assert_eq!(private::mode(&path(tmp.path())).unwrap(), 0o600);
    }

    #[test]
    fn a_damaged_key_file_is_reported_where() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(path(tmp.path()), "# mine\n\n  AGE-SECRET-KEY-1NOTAKEY\n").unwrap();
        let e = load(tmp.path()).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "{}:3:3: this line is not an age secret key (AGE-SECRET-KEY-1…)",
                path(tmp.path()).display()
            )
        );
        // A damaged key is not replaced by a new one.
        assert!(ensure(tmp.path()).is_err());
        std::fs::write(path(tmp.path()), "# nothing\n").unwrap();
        assert_eq!(
            load(tmp.path()).unwrap_err().to_string(),
            format!(
                "{}:1:1: the file holds no key; remove it and Rung makes a new one",
                path(tmp.path()).display()
            )
        );
    }

    #[test]
    fn a_public_key_is_checked_with_the_reason() {
        let tmp = tempfile::tempdir().unwrap();
        let key = ensure(tmp.path()).unwrap();
        assert_eq!(
            recipient(&format!("  {} ", key.public()))
                .unwrap()
                .to_string(),
            key.public()
        );
        let said = |text: &str| recipient(text).unwrap_err().to_string();
        assert_eq!(said(""), "a public key to encrypt to is empty");
        assert_eq!(
            said("ssh-ed25519 AAAA"),
            "`ssh-ed25519 AAAA` is not an age public key: a public key begins with `age1`"
        );
        let cut = &key.public()[..61];
        assert_eq!(
            said(cut),
            format!(
                "`{cut}` is not a valid age public key: a character is wrong, missing or extra \
                 (an age public key has 62 characters)"
            )
        );
        let secret = key.identity().to_string().expose_secret().to_owned();
        let e = said(&secret);
        assert!(e.starts_with("that is a secret key"), "{e}");
        assert!(!e.contains(&secret[20..]), "{e}");
    }
}
