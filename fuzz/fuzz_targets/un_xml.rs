//! The UN consolidated list XML reader.

#![no_main]

mod common;

use embargo_core::sources::SourceFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files = common::one_file(SourceFormat::UnConsolidated, "consolidated.xml", data);
    let _ = common::parse_and_check(&files, "un");
});
