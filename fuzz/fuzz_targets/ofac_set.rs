//! An OFAC legacy CSV set: the input split at `\xff\xff` into sdn.csv,
//! alt.csv, add.csv and sdn_comments.csv (missing parts: no such file).

#![no_main]

mod common;

use embargo_core::sources::{FileRole, ListFile, ListFiles, SourceFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts: Vec<&[u8]> = Vec::new();
    let mut rest = data;
    while parts.len() < 3 {
        match rest.windows(2).position(|pair| pair == b"\xff\xff") {
            Some(at) => {
                parts.push(&rest[..at]);
                rest = &rest[at + 2..];
            }
            None => break,
        }
    }
    parts.push(rest);
    let roles = [
        (FileRole::Primary, "sdn.csv"),
        (FileRole::Aliases, "alt.csv"),
        (FileRole::Addresses, "add.csv"),
        (FileRole::Comments, "sdn_comments.csv"),
    ];
    let files = parts
        .iter()
        .zip(roles)
        .map(|(bytes, (role, name))| ListFile {
            role,
            path: common::write(name, bytes),
        })
        .collect();
    let files = ListFiles {
        format: SourceFormat::OfacSdn,
        files,
    };
    let _ = common::parse_and_check(&files, "ofac-sdn");
});
