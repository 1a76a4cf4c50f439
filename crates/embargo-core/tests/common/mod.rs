//! Helpers shared by the parser tests: parsing one file of a format into
//! entities, writing bytes to a temporary file, and the error that a file
//! made of some bytes gives.
//!
//! Each test file uses some of them; the rest would be dead code there.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;

use embargo_core::model::Entity;
use embargo_core::sources::{
    self, FileRole, ListFile, ListFiles, ListMeta, SourceError, SourceFormat,
};

/// Every entity of the one-file publication `path` read as `format`, with
/// ids prefixed by `source`, and what the file says of itself.
pub fn parse_file(
    format: SourceFormat,
    source: &str,
    path: &Path,
) -> Result<(Vec<Entity>, ListMeta), SourceError> {
    let files = ListFiles {
        format,
        files: vec![ListFile {
            role: FileRole::Primary,
            path: path.to_path_buf(),
        }],
    };
    let mut entities = Vec::new();
    let meta = sources::parse(&files, source, &mut |entity| {
        entities.push(entity);
        Ok(())
    })?;
    Ok((entities, meta))
}

/// A temporary file holding `bytes`.
pub fn temp_file(bytes: &[u8]) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new()
        .unwrap_or_else(|error| panic!("cannot create a temporary file: {error}"));
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .unwrap_or_else(|error| panic!("cannot write a temporary file: {error}"));
    file
}

/// The message that reading `bytes` as `format` fails with, and the file
/// (kept so that the path in the message stays valid).
///
/// # Panics
/// When the bytes are accepted, or when the message does not start with
/// the file's path.
pub fn error_for(
    format: SourceFormat,
    source: &str,
    bytes: &[u8],
) -> (String, tempfile::NamedTempFile) {
    let file = temp_file(bytes);
    let message = match parse_file(format, source, file.path()) {
        Ok((entities, _)) => panic!("accepted as {} entities", entities.len()),
        Err(error) => error.to_string(),
    };
    let path = file.path().display().to_string();
    assert!(
        message.starts_with(&path),
        "error does not name the file: {message}"
    );
    (message, file)
}
