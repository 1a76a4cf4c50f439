//! The JSON bodies the HTTP API accepts (`/match`, `/scan`, alert
//! decisions) and the turning of each `/match` example into a query.

#![no_main]

use embargo_server::ftm::{FieldLimits, prepare};
use embargo_server::routes::alerts::DecisionRequest;
use embargo_server::routes::matching::MatchRequest;
use embargo_server::routes::scan::ScanRequest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = FieldLimits {
        max_values: 50,
        max_chars: 1000,
    };
    if let Ok(request) = serde_json::from_slice::<MatchRequest>(data) {
        for (key, example) in &request.queries {
            if let Ok(prepared) = prepare(example, &format!("queries.{key}"), limits) {
                let _ = prepared.queries();
            }
        }
    }
    let _ = serde_json::from_slice::<ScanRequest>(data);
    let _ = serde_json::from_slice::<DecisionRequest>(data);
});
