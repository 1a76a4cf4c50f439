//! The customer-file reader of batch screening (CSV or JSON lines, format
//! sniffed), read to its end.

#![no_main]

use embargo_core::records::{ColumnMap, RecordReader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(reader) = RecordReader::new(data, "input.csv", None, ColumnMap::default()) else {
        return;
    };
    let mut rows = 0usize;
    for item in reader {
        match item {
            Ok(Ok(record)) => assert!(record.line >= 1),
            Ok(Err(row)) => assert!(!row.message.is_empty()),
            Err(fatal) => {
                assert!(fatal.to_string().contains("input.csv"), "{fatal}");
                break;
            }
        }
        rows += 1;
        assert!(rows <= data.len() + 1, "more rows than bytes");
    }
});
