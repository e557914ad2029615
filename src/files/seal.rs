//! Files that carry case data between people, encrypted for their recipients: sealed to
//! one or more public keys, or with a passphrase, in the age format, so that a recipient
//! without Rung can open them with the standard age tool too.
//!
//! A sealed file is ASCII-armored (`-----BEGIN AGE ENCRYPTED FILE-----`), so it travels in
//! the body of an e-mail; both that and age's binary form are recognised and opened. age
//! authenticates every part of a file, so one changed in transit is refused rather than
//! opened. age itself forbids mixing a passphrase with public keys in one file, so a
//! [`Lock`] is one or the other.

use std::io::{BufRead as _, Read as _, Write as _};

use age::armor::{ArmoredReader, ArmoredWriter, Format};
use age::secrecy::SecretString;
use age::{x25519, DecryptError};

use super::keys::{self, Key, KeyError};

/// The first bytes of a binary age file.
const BINARY_MAGIC: &[u8] = b"age-encryption.org/";
/// The first line of an armored age file.
const ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// What a file is sealed with.
pub enum Lock {
    /// The public keys of those who may open it (the sender's own among them, if they
    /// want to open it again).
    Keys(Vec<x25519::Recipient>),
    /// A passphrase, given to the recipient some other way than the file.
    Passphrase(SecretString),
}

impl Lock {
    /// Sealed to these public keys (`age1…`), each checked; one given twice counts once.
    pub fn to_keys<S: AsRef<str>>(keys: &[S]) -> Result<Lock, SealError> {
        let mut recipients: Vec<x25519::Recipient> = Vec::new();
        for key in keys {
            let recipient = keys::recipient(key.as_ref())?;
            if !recipients.contains(&recipient) {
                recipients.push(recipient);
            }
        }
        if recipients.is_empty() {
            return Err(SealError::NoRecipient);
        }
        Ok(Lock::Keys(recipients))
    }

    /// Sealed with a passphrase, which may not be blank.
    pub fn passphrase(passphrase: &str) -> Result<Lock, SealError> {
        if passphrase.trim().is_empty() {
            return Err(SealError::BlankPassphrase);
        }
        Ok(Lock::Passphrase(SecretString::from(passphrase.to_owned())))
    }
}

/// What can open a sealed file: the person's key, a passphrase, or both (the file says
/// which it needs).
#[derive(Default)]
pub struct Unlock {
    key: Option<KeySource>,
    passphrase: Option<SecretString>,
}

enum KeySource {
    Key(Box<Key>),
    /// The data folder whose key opens it, read (or made) only when a file needs a key.
    Folder(std::path::PathBuf),
}

impl Unlock {
    /// Nothing: only plain files pass [`plain`].
    pub fn nothing() -> Self {
        Self::default()
    }

    /// With this key.
    pub fn with_key(mut self, key: Key) -> Self {
        self.key = Some(KeySource::Key(Box::new(key)));
        self
    }

    /// With the key kept in the data folder `dir`, read (or made, as [`keys::ensure`]
    /// does) only when a file sealed to keys is opened.
    pub fn with_key_in(mut self, dir: &std::path::Path) -> Self {
        self.key = Some(KeySource::Folder(dir.to_path_buf()));
        self
    }

    /// With this passphrase.
    pub fn with_passphrase(mut self, passphrase: &str) -> Self {
        self.passphrase = Some(SecretString::from(passphrase.to_owned()));
        self
    }
}

/// What a sealed file needs to be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealedWith {
    /// The key of one of its recipients.
    Key,
    /// A passphrase.
    Passphrase,
}

/// Why a file could not be sealed or opened. The words name nothing secret.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    /// No public key to seal to.
    #[error("give at least one public key (age1…) to encrypt to")]
    NoRecipient,
    /// A blank passphrase.
    #[error("the passphrase is empty")]
    BlankPassphrase,
    /// A public key that is not one, or the person's own key that cannot be read.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// Sealed to keys, none of them the person's.
    #[error(
        "this file is encrypted for someone else's key, not yours: ask the sender to encrypt \
         it to your public key"
    )]
    NotForYourKey,
    /// Sealed to keys, and no key was given to open it.
    #[error("this file is encrypted to a public key; it needs your key to open")]
    NeedsKey,
    /// Sealed with a passphrase, and none was given.
    #[error("this file is encrypted with a passphrase; give the passphrase to open it")]
    NeedsPassphrase,
    /// Sealed with another passphrase.
    #[error("the passphrase does not open this file")]
    WrongPassphrase,
    /// A passphrase file that asks for far more work than any file Rung or age makes.
    #[error("this file asks for far more passphrase work than Rung allows; it was not opened")]
    TooMuchWork,
    /// Its header or body does not authenticate: changed on the way, cut short or damaged.
    #[error(
        "this file was changed in transit or is damaged, so it was not opened: ask the sender \
         for it again"
    )]
    Changed,
    /// Not an age file at all.
    #[error("this is not an age-encrypted file")]
    NotSealed,
    /// An age file of a newer format than this Rung reads.
    #[error("this file is encrypted in a newer age format than this Rung reads; update Rung")]
    NewerFormat,
    /// Opened, it is larger than the limit the caller gave.
    #[error("this file is too large")]
    TooLarge,
    /// Writing the sealed bytes failed.
    #[error("cannot encrypt: {0}")]
    Encrypt(String),
}

/// The bytes after any leading white space, where an armored file pasted from an e-mail
/// begins.
fn start(bytes: &[u8]) -> &[u8] {
    let skip = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[skip..]
}

/// Whether `bytes` are an age file, armored or binary (by its first line; whether it
/// opens is [`open`]'s business).
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(BINARY_MAGIC) || start(bytes).starts_with(ARMOR_BEGIN)
}

/// The most a sealed file of a plain text of at most `max_plain` bytes can take, armored:
/// a reader can refuse a larger file before opening it.
pub fn sealed_limit(max_plain: u64) -> u64 {
    // age adds 16 bytes per 64 KiB chunk and a header; armor adds a third and a line
    // ending per 64 characters.
    let binary = max_plain + max_plain / 4096 + 64 * 1024;
    binary / 3 * 4 * 65 / 64 + 64 * 1024
}

/// Seals `plain` with `lock`, ASCII-armored.
pub fn seal(plain: &[u8], lock: &Lock) -> Result<Vec<u8>, SealError> {
    seal_with_work(plain, lock, None)
}

fn seal_with_work(plain: &[u8], lock: &Lock, log_n: Option<u8>) -> Result<Vec<u8>, SealError> {
    let encryptor = match lock {
        Lock::Keys(recipients) => {
            age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
                .map_err(|e| SealError::Encrypt(e.to_string()))?
        }
        Lock::Passphrase(passphrase) => {
            let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
            if let Some(log_n) = log_n {
                recipient.set_work_factor(log_n);
            }
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(|e| SealError::Encrypt(e.to_string()))?
        }
    };
    let written = (|| {
        let armor = ArmoredWriter::wrap_output(Vec::new(), Format::AsciiArmor)?;
        let mut writer = encryptor.wrap_output(armor)?;
        writer.write_all(plain)?;
        writer.finish()?.finish()
    })();
    written.map_err(|e| SealError::Encrypt(e.to_string()))
}

/// A reader of a sealed file's age bytes, armored or not.
fn reader(
    bytes: &[u8],
) -> Result<age::Decryptor<ArmoredReader<std::io::BufReader<&[u8]>>>, SealError> {
    let bytes = if bytes.starts_with(BINARY_MAGIC) {
        bytes
    } else {
        start(bytes)
    };
    if !is_sealed(bytes) {
        return Err(SealError::NotSealed);
    }
    age::Decryptor::new_buffered(ArmoredReader::new(bytes)).map_err(|e| match e {
        // age says "unknown format" for any header it cannot parse; only a file whose
        // first line names another version of the format is a newer one.
        DecryptError::UnknownFormat if !names_another_version(bytes) => SealError::Changed,
        e => opening(e),
    })
}

/// Whether a sealed file's first line names a version of the age format other than v1.
fn names_another_version(bytes: &[u8]) -> bool {
    use std::io::Read as _;
    let mut first = [0u8; 64];
    let mut read = 0;
    let mut armored = ArmoredReader::new(bytes);
    while read < first.len() {
        match armored.read(&mut first[read..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => read += n,
        }
    }
    let line = first[..read]
        .split(|&b| b == b'\n')
        .next()
        .unwrap_or_default();
    line.starts_with(b"age-encryption.org/") && line != b"age-encryption.org/v1"
}

/// What a sealed file needs to be opened; `None` for a plain file.
pub fn sealed_with(bytes: &[u8]) -> Result<Option<SealedWith>, SealError> {
    if !is_sealed(bytes) {
        return Ok(None);
    }
    let decryptor = reader(bytes)?;
    Ok(Some(if decryptor.is_scrypt() {
        SealedWith::Passphrase
    } else {
        SealedWith::Key
    }))
}

fn opening(e: DecryptError) -> SealError {
    match e {
        DecryptError::NoMatchingKeys => SealError::NotForYourKey,
        DecryptError::ExcessiveWork { .. } => SealError::TooMuchWork,
        DecryptError::UnknownFormat => SealError::NewerFormat,
        // A bad header MAC, a header that does not parse, armor that does not decode, a
        // chunk that does not authenticate, a file cut short.
        _ => SealError::Changed,
    }
}

/// Opens a sealed file with what `unlock` holds: its plain bytes, at most `max_plain` of
/// them.
pub fn open(bytes: &[u8], unlock: &Unlock, max_plain: u64) -> Result<Vec<u8>, SealError> {
    let decryptor = reader(bytes)?;
    let stream = if decryptor.is_scrypt() {
        let passphrase = unlock
            .passphrase
            .clone()
            .ok_or(SealError::NeedsPassphrase)?;
        let identity = age::scrypt::Identity::new(passphrase);
        decryptor
            .decrypt(std::iter::once(&identity as &dyn age::Identity))
            .map_err(|e| match e {
                // scrypt cannot tell a wrong passphrase from a changed key stanza.
                DecryptError::DecryptionFailed => SealError::WrongPassphrase,
                e => opening(e),
            })?
    } else {
        let loaded;
        let key = match &unlock.key {
            Some(KeySource::Key(key)) => key,
            Some(KeySource::Folder(dir)) => {
                loaded = keys::ensure(dir)?;
                &loaded
            }
            None => return Err(SealError::NeedsKey),
        };
        decryptor
            .decrypt(std::iter::once(key.identity() as &dyn age::Identity))
            .map_err(opening)?
    };
    let mut plain = Vec::new();
    let mut stream = std::io::BufReader::new(stream);
    loop {
        let chunk = stream.fill_buf().map_err(|_| SealError::Changed)?;
        if chunk.is_empty() {
            break;
        }
        let n = chunk.len();
        plain.extend_from_slice(chunk);
        stream.consume(n);
        if plain.len() as u64 > max_plain {
            return Err(SealError::TooLarge);
        }
    }
    Ok(plain)
}

/// The plain bytes of a file as it came: opened with `unlock` when sealed, as they are
/// when not. The one way every import of case data reads a file.
pub fn plain(bytes: Vec<u8>, unlock: &Unlock, max_plain: u64) -> Result<Vec<u8>, SealError> {
    if is_sealed(&bytes) {
        open(&bytes, unlock, max_plain)
    } else if bytes.len() as u64 > max_plain {
        Err(SealError::TooLarge)
    } else {
        Ok(bytes)
    }
}

/// Reads at most `max` bytes of `path` into memory, refusing a larger file: the first
/// step of every import of a file that may be sealed.
pub fn read_limited(path: &std::path::Path, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const PLAIN: &[u8] = b"{\"rung_case\": 6, \"case\": \"confidential\"}\n";
    const MAX: u64 = 1024 * 1024;

    fn key() -> Key {
        let tmp = tempfile::tempdir().unwrap();
        keys::ensure(tmp.path()).unwrap()
    }

    /// A passphrase lock with little scrypt work, so that the tests run fast.
    fn quick(lock: &Lock, plain: &[u8]) -> Vec<u8> {
        seal_with_work(plain, lock, Some(10)).unwrap()
    }

    /// The binary form of an armored file.
    fn binary(armored: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        ArmoredReader::new(armored).read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn sealed_to_keys_opens_with_each_of_them_and_no_other() {
        let (mine, theirs, stranger) = (key(), key(), key());
        let lock = Lock::to_keys(&[mine.public(), theirs.public(), mine.public()]).unwrap();
        assert!(matches!(&lock, Lock::Keys(k) if k.len() == 2));
        let sealed = seal(PLAIN, &lock).unwrap();
        assert!(sealed.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----\n"));
        assert!(sealed.is_ascii());
        assert!(!sealed.windows(12).any(|w| w == b"confidential"));
        assert_eq!(sealed_with(&sealed).unwrap(), Some(SealedWith::Key));
        for key in [&mine, &theirs] {
            let unlock = Unlock::nothing().with_key(key.clone());
            assert_eq!(open(&sealed, &unlock, MAX).unwrap(), PLAIN);
        }
        let e = open(&sealed, &Unlock::nothing().with_key(stranger), MAX).unwrap_err();
        assert_eq!(
            e.to_string(),
            "this file is encrypted for someone else's key, not yours: ask the sender to \
             encrypt it to your public key"
        );
        assert!(matches!(
            open(&sealed, &Unlock::nothing().with_passphrase("x"), MAX),
            Err(SealError::NeedsKey)
        ));
    }

    #[test]
    fn the_key_in_a_folder_is_read_when_a_file_needs_it() {
        let tmp = tempfile::tempdir().unwrap();
        let mine = keys::ensure(tmp.path()).unwrap();
        let sealed = seal(PLAIN, &Lock::to_keys(&[mine.public()]).unwrap()).unwrap();
        let unlock = Unlock::nothing().with_key_in(tmp.path());
        assert_eq!(plain(sealed, &unlock, MAX).unwrap(), PLAIN);
    }

    #[test]
    fn a_passphrase_round_trips_and_a_wrong_one_is_refused() {
        let lock = Lock::passphrase("correct horse battery").unwrap();
        let sealed = quick(&lock, PLAIN);
        assert_eq!(sealed_with(&sealed).unwrap(), Some(SealedWith::Passphrase));
        let right = Unlock::nothing().with_passphrase("correct horse battery");
        assert_eq!(open(&sealed, &right, MAX).unwrap(), PLAIN);
        let wrong = Unlock::nothing()
            .with_passphrase("correct horse")
            .with_key(key());
        let e = open(&sealed, &wrong, MAX).unwrap_err();
        assert_eq!(e.to_string(), "the passphrase does not open this file");
        let e = open(&sealed, &Unlock::nothing().with_key(key()), MAX).unwrap_err();
        assert_eq!(
            e.to_string(),
            "this file is encrypted with a passphrase; give the passphrase to open it"
        );
        assert!(matches!(
            Lock::passphrase("  "),
            Err(SealError::BlankPassphrase)
        ));
    }

    #[test]
    fn armored_and_binary_files_are_recognised_and_plain_ones_are_not() {
        let mine = key();
        let armored = seal(PLAIN, &Lock::to_keys(&[mine.public()]).unwrap()).unwrap();
        let bin = binary(&armored);
        assert!(bin.starts_with(b"age-encryption.org/v1\n"));
        let pasted = [b"\n  \r\n".as_slice(), &armored].concat();
        for sealed in [&armored, &bin, &pasted] {
            assert!(is_sealed(sealed));
            let unlock = Unlock::nothing().with_key(mine.clone());
            assert_eq!(open(sealed, &unlock, MAX).unwrap(), PLAIN);
        }
        for plain_text in [PLAIN, b"", b"age", b"  {\"age-encryption.org/v1\": 1}"] {
            assert!(!is_sealed(plain_text));
            assert_eq!(sealed_with(plain_text).unwrap(), None);
            assert_eq!(
                plain(plain_text.to_vec(), &Unlock::nothing(), MAX).unwrap(),
                plain_text
            );
        }
        assert!(matches!(
            open(PLAIN, &Unlock::nothing(), MAX),
            Err(SealError::NotSealed)
        ));
    }

    /// Flips one bit of the byte at `at`.
    fn flipped(bytes: &[u8], at: usize) -> Vec<u8> {
        let mut out = bytes.to_vec();
        out[at] ^= 0x01;
        out
    }

    #[test]
    fn a_file_changed_in_transit_is_refused() {
        let mine = key();
        let unlock = Unlock::nothing().with_key(mine.clone());
        let changed = "this file was changed in transit or is damaged, so it was not opened: \
                       ask the sender for it again";
        let plain_text = vec![b'x'; 100_000];
        let bin = binary(&seal(&plain_text, &Lock::to_keys(&[mine.public()]).unwrap()).unwrap());
        // The header ends with its MAC: `---` and a space, then 43 characters.
        let mac = bin.windows(4).position(|w| w == b"--- ").unwrap() + 10;
        let body = bin.len() - 5_000;
        for at in [mac, body, bin.len() - 1] {
            let e = open(&flipped(&bin, at), &unlock, MAX).unwrap_err();
            assert_eq!(e.to_string(), changed, "byte {at}");
        }
        // A MAC character that no longer decodes (age cannot parse the header) is a
        // change too, not a newer format; a first line naming v2 is one.
        let mut bad = bin.clone();
        bad[mac] = b'@';
        let e = open(&bad, &unlock, MAX).unwrap_err();
        assert_eq!(e.to_string(), changed);
        let mut v2 = bin.clone();
        if let Some(v) = v2.windows(3).position(|w| w == b"/v1") {
            v2[v + 2] = b'2';
        }
        assert!(matches!(
            open(&v2, &unlock, MAX),
            Err(SealError::NewerFormat)
        ));
        // Cut short: the last chunk is gone.
        let e = open(&bin[..bin.len() - 1000], &unlock, MAX).unwrap_err();
        assert_eq!(e.to_string(), changed);
        // One character of the armor changed.
        let armored = seal(PLAIN, &Lock::to_keys(&[mine.public()]).unwrap()).unwrap();
        let at = armored.len() - 40;
        let mut damaged = armored.clone();
        damaged[at] = if armored[at] == b'A' { b'B' } else { b'A' };
        let e = open(&damaged, &unlock, MAX).unwrap_err();
        assert_eq!(e.to_string(), changed);
        // A passphrase file whose body changed.
        let lock = Lock::passphrase("pass").unwrap();
        let sealed = binary(&quick(&lock, &plain_text));
        let e = open(
            &flipped(&sealed, sealed.len() - 10),
            &Unlock::nothing().with_passphrase("pass"),
            MAX,
        )
        .unwrap_err();
        assert_eq!(e.to_string(), changed);
    }

    #[test]
    fn an_opened_file_larger_than_the_limit_is_refused() {
        let mine = key();
        let big = vec![b' '; 200_000];
        let sealed = seal(&big, &Lock::to_keys(&[mine.public()]).unwrap()).unwrap();
        assert!((sealed.len() as u64) < sealed_limit(200_000));
        let unlock = Unlock::nothing().with_key(mine);
        assert_eq!(open(&sealed, &unlock, 200_000).unwrap().len(), 200_000);
        assert!(matches!(
            open(&sealed, &unlock, 199_999),
            Err(SealError::TooLarge)
        ));
        assert!(matches!(
            plain(big, &unlock, 199_999),
            Err(SealError::TooLarge)
        ));
    }

    #[test]
    fn no_recipient_and_a_bad_key_are_refused() {
        let none: [&str; 0] = [];
        assert_eq!(
            Lock::to_keys(&none).err().map(|e| e.to_string()),
            Some("give at least one public key (age1…) to encrypt to".into())
        );
        assert_eq!(
            Lock::to_keys(&["age1nope"]).err().map(|e| e.to_string()),
            Some(
                "`age1nope` is not a valid age public key: a character is wrong, missing or \
                 extra (an age public key has 62 characters)"
                    .into()
            )
        );
    }
}
