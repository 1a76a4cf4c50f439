//! Property tests of the JSON bodies the HTTP API accepts: any bytes, and
//! well-formed bodies with any strings in them, are read or refused
//! without a panic, and every `/match` example that is read turns into
//! queries or a 400 error naming its field. The fuzz target
//! `http_requests` (`fuzz/`) goes further on nightly.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use embargo_server::ftm::{EntityExample, FieldLimits, prepare};
use embargo_server::routes::alerts::DecisionRequest;
use embargo_server::routes::matching::MatchRequest;
use embargo_server::routes::scan::ScanRequest;
use proptest::prelude::*;

const LIMITS: FieldLimits = FieldLimits {
    max_values: 20,
    max_chars: 200,
};

/// Property names of the `/match` examples, known and not.
fn property() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "name",
            "alias",
            "firstName",
            "lastName",
            "birthDate",
            "nationality",
            "country",
            "idNumber",
            "passportNumber",
            "imoNumber",
            "cryptoWallet",
            "address",
            "gender",
        ])
        .prop_map(String::from),
        any::<String>(),
    ]
}

fn example() -> impl Strategy<Value = EntityExample> {
    (
        prop::option::of(prop_oneof![
            prop::sample::select(vec!["Person", "Company", "Vessel", "Thing", "Airplane"])
                .prop_map(String::from),
            any::<String>(),
        ]),
        prop::collection::btree_map(
            property(),
            prop::collection::vec(any::<String>(), 0..4),
            0..6,
        ),
    )
        .prop_map(|(schema, properties)| EntityExample { schema, properties })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_are_read_or_refused(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(request) = serde_json::from_slice::<MatchRequest>(&bytes) {
            for (key, example) in &request.queries {
                let _ = prepare(example, &format!("queries.{key}"), LIMITS);
            }
        }
        let _ = serde_json::from_slice::<ScanRequest>(&bytes);
        let _ = serde_json::from_slice::<DecisionRequest>(&bytes);
    }

    #[test]
    fn well_formed_match_bodies_become_queries_or_name_their_field(
        queries in prop::collection::btree_map("[a-z0-9]{1,6}", example(), 1..4),
    ) {
        let queries: BTreeMap<String, EntityExample> = queries;
        let body = serde_json::to_vec(&serde_json::json!({ "queries": queries })).unwrap();
        let request: MatchRequest = serde_json::from_slice(&body).unwrap();
        for (key, example) in &request.queries {
            let at = format!("queries.{key}");
            match prepare(example, &at, LIMITS) {
                Ok(prepared) => prop_assert!(!prepared.queries().is_empty()),
                Err(error) => {
                    let detail = error.body().detail;
                    prop_assert!(detail.starts_with(&at), "{}", detail);
                }
            }
        }
    }

    #[test]
    fn deep_nesting_in_a_body_is_refused(depth in 1usize..5000) {
        let body = format!(
            "{{\"queries\":{{\"q\":{{\"properties\":{{\"name\":{}\"x\"{}}}}}}}}}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let parsed = serde_json::from_str::<MatchRequest>(&body);
        prop_assert_eq!(parsed.is_ok(), depth == 1);
    }
}
