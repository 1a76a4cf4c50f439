//! Helpers shared by the list-reader targets: a scratch folder that lives
//! as long as the fuzzing process, and the checks every parse result must
//! pass whatever the input.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use embargo_core::model::Entity;
use embargo_core::sources::{
    self, FileRole, ListFile, ListFiles, ListMeta, SourceError, SourceFormat,
};

/// A folder for the files of one run, created once per process.
pub fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        tempfile::Builder::new()
            .prefix("embargo-fuzz-")
            .tempdir()
            .unwrap_or_else(|error| panic!("cannot create a scratch folder: {error}"))
    })
    .path()
}

/// Writes `bytes` to `name` in the scratch folder.
pub fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch().join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|error| panic!("cannot write {name}: {error}"));
    path
}

/// Parses `files` with [`sources::parse`] and checks what every outcome
/// must be: an error names a file of the set; a success hands over as many
/// entities as it counts, each with a usable primary name and ids of the
/// source, and a doubt names a file of the set.
pub fn parse_and_check(files: &ListFiles, source_id: &str) -> Result<ListMeta, SourceError> {
    let mut entities: Vec<Entity> = Vec::new();
    let result = sources::parse(files, source_id, &mut |entity| {
        entities.push(entity);
        Ok(())
    });
    let named = |text: &str| {
        files
            .files
            .iter()
            .any(|file| text.starts_with(&file.path.display().to_string()))
    };
    match &result {
        Err(error) => assert!(named(&error.to_string()), "error names no file: {error}"),
        Ok(meta) => {
            assert_eq!(meta.entity_count, entities.len());
            for entity in &entities {
                assert!(
                    entity.id.starts_with(&format!("{source_id}:")),
                    "{}",
                    entity.id
                );
                assert!(
                    sources::limits::is_usable_name(entity.caption()),
                    "{entity:?}"
                );
                assert!(entity.names.len() <= sources::limits::MAX_NAMES_PER_ENTITY);
            }
            for doubt in &meta.doubts {
                assert!(named(&doubt.to_string()), "doubt names no file: {doubt}");
            }
        }
    }
    result
}

/// A one-file set of `format` holding `bytes`.
pub fn one_file(format: SourceFormat, name: &str, bytes: &[u8]) -> ListFiles {
    ListFiles {
        format,
        files: vec![ListFile {
            role: FileRole::Primary,
            path: write(name, bytes),
        }],
    }
}
