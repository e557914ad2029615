//! A framework's content hash: a short fingerprint of its files, shown beside its version
//! and recorded with a case, so that readers know which ladder they read.

use sha2::{Digest, Sha256};

use crate::framework::load::Loaded;

/// A short hash of a framework's files: the same files, the same hash.
pub fn content_hash(loaded: &Loaded) -> String {
    let mut hasher = Sha256::new();
    for source in &loaded.sources {
        hasher.update(source.path.as_bytes());
        hasher.update([0]);
        hasher.update(source.text.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_changes_with_the_content() {
        let mut loaded = crate::load_bundled();
        let hash = content_hash(&loaded);
        loaded.sources[0].text.push(' ');
        assert_ne!(content_hash(&loaded), hash);
        assert_eq!(hash.len(), 12);
    }
}
