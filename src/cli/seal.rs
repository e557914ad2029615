//! Case files encrypted in transit, at the command line: `--to AGE_KEY` and
//! `--passphrase-file FILE` on the commands that write case data for someone else,
//! `--passphrase-file` on those that read it, and `rung key` (your public key, and the
//! public keys of others saved by name, so that `--to` takes a name). The sealing and opening
//! themselves are the core's ([`rung::files::seal`]), the same as the app's.
//!
//! Plain stays the tool's default, because scripts read what it prints; a file is
//! encrypted when asked. A passphrase is read from the first line of a file, never from
//! the command line, where other accounts on the machine can see it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, Context, Result};
use clap::{Args, Subcommand};

use rung::files::recipients::{self, RecipientsError};
use rung::files::seal::{self, Lock, Unlock};
use rung::files::{data, keys};

use super::print;

/// How a file that carries case data is encrypted for its recipients.
#[derive(Args, Debug, Default)]
pub(crate) struct Sealing {
    /// Encrypt it for this person: their public key, `age1…`, as `rung key` prints it,
    /// or the name it is saved under with `rung key add` (repeat for several; add your
    /// own key to open it again). Plain without --to or --passphrase-file.
    #[arg(long = "to", value_name = "AGE_KEY_OR_NAME")]
    pub(crate) to: Vec<String>,
    /// Encrypt it with the passphrase on the first line of this file (and open an
    /// encrypted file with it).
    #[arg(long, value_name = "FILE", conflicts_with = "to")]
    pub(crate) passphrase_file: Option<PathBuf>,
}

/// How an encrypted file is opened: with your key, or a passphrase.
#[derive(Args, Debug, Default)]
pub(crate) struct Opening {
    /// Open an encrypted file with the passphrase on the first line of this file; a file
    /// encrypted to your public key opens with your key, without it.
    #[arg(long, value_name = "FILE")]
    pub(crate) passphrase_file: Option<PathBuf>,
}

impl Sealing {
    /// The lock asked for, checked (each key, the passphrase file); `None` for plain.
    pub(crate) fn lock(&self) -> Result<Option<Lock>> {
        Ok(if let Some(file) = &self.passphrase_file {
            Some(Lock::passphrase(&passphrase(file)?)?)
        } else if self.to.is_empty() {
            None
        } else {
            Some(Lock::to_keys(&keys_for(&self.to)?)?)
        })
    }

    /// What opens a file this sealing would also open: your key, and the passphrase.
    pub(crate) fn unlock(&self) -> Result<Unlock> {
        unlock(self.passphrase_file.as_deref())
    }
}

/// `text` sealed with `lock` (ASCII-armored, so still text), or as it is without one.
pub(crate) fn seal_text(text: String, lock: Option<&Lock>) -> Result<String> {
    let Some(lock) = lock else {
        return Ok(text);
    };
    let sealed = seal::seal(text.as_bytes(), lock)?;
    // Armored age is ASCII.
    String::from_utf8(sealed).map_err(|_| anyhow!("the encrypted file is not text"))
}

impl Opening {
    /// What opens an encrypted file: your key, and the passphrase when one was given.
    pub(crate) fn unlock(&self) -> Result<Unlock> {
        unlock(self.passphrase_file.as_deref())
    }
}

/// The longest passphrase file read.
const MAX_PASSPHRASE_FILE: u64 = 64 * 1024;

/// The first line of `file`, without its line ending.
fn passphrase(file: &Path) -> Result<String> {
    let bytes = seal::read_limited(file, MAX_PASSPHRASE_FILE)
        .with_context(|| format!("cannot read the passphrase file {}", file.display()))?
        .ok_or_else(|| anyhow!("{}: too large to be a passphrase file", file.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow!("{}: not a text file (UTF-8)", file.display()))?;
    let line = text.lines().next().unwrap_or_default();
    if line.trim().is_empty() {
        return Err(anyhow!(
            "{}:1:1: the first line, the passphrase, is empty",
            file.display()
        ));
    }
    Ok(line.to_owned())
}

/// Your key (read, or made, only when a file needs it) and the passphrase in `file`. A
/// plain file is read without looking for the data folder, so a script that names its
/// database with `--db` on a system without one still imports plain files.
fn unlock(file: Option<&Path>) -> Result<Unlock> {
    let unlock = match locate() {
        Some(dir) => Unlock::nothing().with_key_in(&dir),
        None => Unlock::nothing(),
    };
    Ok(match file {
        Some(file) => unlock.with_passphrase(&passphrase(file)?),
        None => unlock,
    })
}

/// Where the data folder is: `RUNG_DATA_DIR`, else the platform's folder for Rung.
fn locate() -> Option<PathBuf> {
    let platform = directories::ProjectDirs::from("org", "Rung", "Rung")
        .map(|dirs| dirs.data_dir().to_path_buf());
    data::locate(std::env::var_os(data::OVERRIDE), platform)
}

/// The data folder where your key lives, made private when it is new.
fn data_folder() -> Result<PathBuf> {
    let dir = locate().ok_or_else(|| {
        anyhow!(
            "this system has no data folder for Rung; name one with {}",
            data::OVERRIDE
        )
    })?;
    data::prepare(&dir)
        .with_context(|| format!("cannot make the data folder {} private", dir.display()))?;
    Ok(dir)
}

/// The public keys `--to` names: each a key as it is, or the key saved under a name.
/// The address book is read only when a name is given.
fn keys_for(to: &[String]) -> Result<Vec<String>> {
    if to.iter().all(|t| recipients::looks_like_key(t)) {
        return Ok(to.to_vec());
    }
    let dir = data_folder()?;
    let book = recipients::load(&dir)?;
    warn_about(&dir, &book);
    to.iter()
        .map(|t| {
            book.resolve(t).map_err(|e| match e {
                RecipientsError::Unknown { .. } => {
                    anyhow!("{e} (`rung key add NAME KEY` saves someone's public key under a name)")
                }
                e => e.into(),
            })
        })
        .collect()
}

/// Says on stderr which lines of the address book were skipped.
fn warn_about(dir: &Path, book: &recipients::Book) {
    for problem in &book.problems {
        eprintln!("warning: {}", recipients::describe(dir, problem));
    }
}

/// What `rung key` does with the public keys of the people you encrypt to.
#[derive(Subcommand)]
pub(crate) enum KeyCommand {
    /// Save someone's public key under a name, to encrypt to them with `--to NAME`; a
    /// name already saved (whatever its case) gets the new key.
    Add {
        /// Their name, for example `"Ana Lima"`.
        name: String,
        /// Their public key, `age1…`, as their `rung key` prints it.
        key: String,
    },
    /// List the people saved, each public key then its name.
    List,
    /// Forget the public key saved under a name.
    Remove {
        /// The name it is saved under.
        name: String,
    },
    /// Save someone under another name, with the same key.
    Rename {
        /// The name they are saved under.
        old: String,
        /// The name to save them under instead.
        new: String,
    },
}

/// `rung key`: your public key, the pair made on first use; with `--path`, where the
/// key file is; with a command, the public keys of others saved by name.
pub(crate) fn key(path: bool, people: Option<KeyCommand>) -> Result<ExitCode> {
    if let Some(command) = people {
        return saved(command);
    }
    let dir = data_folder()?;
    let public = keys::public(&dir)?;
    if path {
        return print(&format!("{}\n", keys::path(&dir).display()));
    }
    print(&format!("{public}\n"))
}

/// `rung key add|list|remove|rename`: the address book in the data folder.
fn saved(command: KeyCommand) -> Result<ExitCode> {
    let dir = data_folder()?;
    match command {
        KeyCommand::Add { name, key } => {
            let name = recipients::check_name(&name)?;
            let replaced = recipients::save(&dir, &name, &key)?;
            let verb = if replaced { "replaced" } else { "saved" };
            print(&format!("{verb} the public key of {name}\n"))
        }
        KeyCommand::List => {
            let book = recipients::load(&dir)?;
            warn_about(&dir, &book);
            if book.people.is_empty() {
                eprintln!("no one is saved yet; `rung key add NAME KEY` saves someone");
            }
            let lines: String = book
                .people
                .iter()
                .map(|p| format!("{} {}\n", p.key, p.name))
                .collect();
            print(&lines)
        }
        KeyCommand::Remove { name } => {
            let person = recipients::forget(&dir, &name)?;
            print(&format!("removed {}\n", person.name))
        }
        KeyCommand::Rename { old, new } => {
            let new = recipients::check_name(&new)?;
            recipients::save_renamed(&dir, &old, &new)?;
            print(&format!("{} is now saved as {new}\n", old.trim()))
        }
    }
}
