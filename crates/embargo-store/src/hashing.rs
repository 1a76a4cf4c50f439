//! Content hashes: of a publication's files (to recognize a re-import of
//! the same publication before parsing it) and of each entity's canonical
//! JSON (the key under which its body is stored once).

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

use embargo_core::model::Entity;
use embargo_core::sources::{FileRole, ListFiles};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::StoreError;

/// Size of the buffer files are hashed through.
const READ_BUFFER_BYTES: usize = 64 * 1024;

/// The hash and size of one file of a publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileDigest {
    /// The role the file plays.
    pub(crate) role: FileRole,
    /// The file's name without its folder.
    pub(crate) name: String,
    /// SHA-256 of the file's bytes, lower-case hex (what `sha256sum` prints).
    pub(crate) sha256: String,
    /// Size in bytes.
    pub(crate) size: u64,
}

/// The content hash of a whole publication and the digests it was made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ContentDigest {
    /// SHA-256, lower-case hex, of one line `<file sha256>  <role>` per file,
    /// files ordered by role (primary, aliases, addresses, comments) then by
    /// their own hash. File names and folders do not count: the same bytes
    /// downloaded under another name are the same publication.
    pub(crate) hash: String,
    /// The files in that order.
    pub(crate) files: Vec<FileDigest>,
}

/// Hashes every file of a publication, streaming each one.
pub(crate) fn digest_publication(files: &ListFiles) -> Result<ContentDigest, StoreError> {
    let mut digests = files
        .files
        .iter()
        .map(|file| digest_file(file.role, &file.path))
        .collect::<Result<Vec<_>, _>>()?;
    digests.sort_by(|a, b| (a.role, &a.sha256).cmp(&(b.role, &b.sha256)));
    let mut manifest = Sha256::new();
    for digest in &digests {
        manifest.update(format!("{}  {}\n", digest.sha256, digest.role.name()));
    }
    Ok(ContentDigest {
        hash: hex::encode(manifest.finalize()),
        files: digests,
    })
}

/// Hashes one file.
fn digest_file(role: FileRole, path: &Path) -> Result<FileDigest, StoreError> {
    let read_error = |source| StoreError::ReadFile {
        path: path.to_path_buf(),
        source,
    };
    let mut file = File::open(path).map_err(read_error)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; READ_BUFFER_BYTES];
    let mut size = 0;
    loop {
        let read = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == ErrorKind::Interrupted => continue,
            Err(error) => return Err(read_error(error)),
        };
        hasher.update(&buffer[..read]);
        size += read as u64;
    }
    Ok(FileDigest {
        role,
        name: file_name(path),
        sha256: hex::encode(hasher.finalize()),
        size,
    })
}

/// The last component of `path`, or the whole path when it has none.
fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or(path.as_os_str())
        .to_string_lossy()
        .into_owned()
}

/// An entity as canonical JSON: object keys sorted, no white space. The
/// same entity always gives the same text, whatever the field order of the
/// Rust struct or the features `serde_json` was built with.
pub(crate) fn canonical_json(entity: &Entity) -> Result<String, StoreError> {
    let encode_error = |message: String| StoreError::Encode {
        entity_id: entity.id.clone(),
        message,
    };
    let value = serde_json::to_value(entity).map_err(|error| encode_error(error.to_string()))?;
    let mut out = Vec::with_capacity(512);
    write_canonical(&value, &mut out).map_err(|error| encode_error(error.to_string()))?;
    String::from_utf8(out).map_err(|error| encode_error(error.to_string()))
}

/// Writes `value` as canonical JSON.
fn write_canonical(value: &Value, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push(b'{');
            for (index, (key, item)) in entries.into_iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                serde_json::to_writer(&mut *out, key)?;
                out.push(b':');
                write_canonical(item, out)?;
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                write_canonical(item, out)?;
            }
            out.push(b']');
        }
        scalar => serde_json::to_writer(&mut *out, scalar)?,
    }
    Ok(())
}

/// SHA-256 of an entity's canonical JSON, lower-case hex.
pub(crate) fn body_hash(canonical: &str) -> String {
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use embargo_core::model::{Name, NameQuality, Schema};
    use embargo_core::sources::{ListFile, SourceFormat};

    use super::*;

    #[test]
    fn canonical_json_sorts_keys_and_has_no_spaces() {
        let value: Value =
            serde_json::from_str(r#"{"b": [1, {"z": 1, "a": 2}], "a": "x"}"#).unwrap();
        let mut out = Vec::new();
        write_canonical(&value, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"a":"x","b":[1,{"a":2,"z":1}]}"#
        );
    }

    #[test]
    fn canonical_json_reads_back_as_the_same_entity() {
        let entity = Entity::new(
            "x:1",
            Schema::Person,
            Name::from_last_first("KIM, Sang \"Man\"", NameQuality::Primary),
        );
        let json = canonical_json(&entity).unwrap();
        assert_eq!(serde_json::from_str::<Entity>(&json).unwrap(), entity);
        assert_eq!(body_hash(&json).len(), 64);
    }

    #[test]
    fn single_file_hash_matches_sha256sum() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(b"abc").unwrap();
        let digest = digest_file(FileRole::Primary, file.path()).unwrap();
        assert_eq!(
            digest.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(digest.size, 3);
    }

    #[test]
    fn publication_hash_ignores_file_names_and_listing_order() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        };
        let files = |primary, aliases| ListFiles {
            format: SourceFormat::OfacSdn,
            files: vec![
                ListFile {
                    role: FileRole::Aliases,
                    path: aliases,
                },
                ListFile {
                    role: FileRole::Primary,
                    path: primary,
                },
            ],
        };
        let first = files(write("sdn.csv", b"1,A"), write("alt.csv", b"1,B"));
        let renamed = files(write("sdn-2.csv", b"1,A"), write("alt-2.csv", b"1,B"));
        let swapped = files(write("sdn-3.csv", b"1,B"), write("alt-3.csv", b"1,A"));
        let hash = |files| digest_publication(&files).unwrap().hash;
        assert_eq!(hash(first.clone()), hash(renamed));
        assert_ne!(hash(first.clone()), hash(swapped));
        let digest = digest_publication(&first).unwrap();
        assert_eq!(digest.files[0].role, FileRole::Primary);
        assert_eq!(digest.files[0].name, "sdn.csv");
    }
}
