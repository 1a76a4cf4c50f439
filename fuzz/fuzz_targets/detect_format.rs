//! Format detection: the sniffing of a file's first bytes, and `detect`
//! on a file of those bytes (which then reads it with the detected
//! format's parser).

#![no_main]

mod common;

use embargo_core::sources::{self, detect};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for complete in [true, false] {
        let content = detect::sniff_bytes(data, complete);
        assert!(!content.describe().is_empty());
    }
    let path = common::write("input", data);
    match sources::detect(&[path.clone()]) {
        Ok(sets) => {
            for files in sets {
                let source_id = files.format.default_source_id(files.primary());
                let _ = common::parse_and_check(&files, &source_id);
            }
        }
        Err(error) => {
            let message = error.to_string();
            assert!(
                message.starts_with(&path.display().to_string()),
                "{message}"
            );
        }
    }
});
