//! Subcommands the other CLI tests did not run: `show`,
//! `evaluate`, `diff` and `screen --id`; which store is used when both
//! `--db` and `EMBARGO_DB` name one; `EMBARGO_CONFIG`. And the JSON
//! conventions every front end shares: dates as ISO
//! 8601 strings at their precision, scores with at most 3 decimals.
//! The real binary runs against stores made from small hand-written lists
//! (see `common`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Env, WATCHLIST, arg, code, json, json_lines, text, tsv};
use serde_json::Value;

/// `embargo show ID` in every format, and an unknown id.
#[test]
fn show_prints_every_field_in_each_format() {
    let env = Env::with_watchlist();
    let shown = json(&env.run(&["show", "custom-watch:P-1", "--json"]));
    let entity = &shown["entity"];
    assert_eq!(entity["id"], "custom-watch:P-1");
    assert_eq!(entity["schema"], "Person");
    assert_eq!(entity["birth_dates"], serde_json::json!(["1965-04-25"]));
    assert_eq!(entity["identifiers"][0]["value"], "PX7730021");
    assert_eq!(shown["source"], "custom-watch");
    assert_eq!(shown["version"], "v1");

    let table = text(
        &env.run(&["show", "custom-watch:P-1", "--format", "table"])
            .stdout,
    );
    for line in [
        "KIM, Sang Man",
        "alias:",
        "KIM, Sangman",
        "born:",
        "1965-04-25",
        "PX7730021",
        "DPRK4",
    ] {
        assert!(table.contains(line), "{line} missing: {table}");
    }

    let (header, rows) = tsv(&env.run(&["show", "custom-watch:P-1", "--format", "tsv"]));
    assert_eq!(header, ["field", "value"]);
    let value = |field: &str| -> Vec<&str> {
        rows.iter()
            .filter(|row| row[0] == field)
            .map(|row| row[1].as_str())
            .collect()
    };
    assert_eq!(value("id"), ["custom-watch:P-1"]);
    assert_eq!(value("born"), ["1965-04-25"]);
    assert_eq!(value("alias"), ["KIM, Sangman"]);

    let missing = env.run(&["show", "custom-watch:NOPE"]);
    assert_eq!(code(&missing), 2);
    assert!(
        text(&missing.stderr).contains("no entity \"custom-watch:NOPE\""),
        "{}",
        text(&missing.stderr)
    );
    assert!(missing.stdout.is_empty());
}

/// Dates keep their precision as ISO 8601 strings (an approximate year
/// `1964~`, a range `1971/1973`), in `show`, in the query echo of
/// `screen`, and scores everywhere have at most three decimals.
#[test]
fn json_dates_are_iso_strings_and_scores_have_three_decimals() {
    let env = Env::with_watchlist();
    let erika = json(&env.run(&["show", "custom-watch:P-2", "-j"]));
    assert_eq!(erika["entity"]["birth_dates"], serde_json::json!(["1964~"]));
    let zakharov = json(&env.run(&["show", "custom-watch:P-3", "-j"]));
    assert_eq!(
        zakharov["entity"]["birth_dates"],
        serde_json::json!(["1971/1973"])
    );

    let screened = env.run(&[
        "screen",
        "Kim Sang Mann",
        "--dob",
        "Apr 1965",
        "-t",
        "0.3",
        "-j",
    ]);
    assert_eq!(code(&screened), 0, "{}", text(&screened.stderr));
    let report = json(&screened);
    assert_eq!(
        report["query"]["birth_dates"],
        serde_json::json!(["1965-04"])
    );
    let mut numbers = Vec::new();
    collect_scores(&report, &mut numbers);
    assert!(numbers.len() >= 4, "{report:#}");
    for (key, number) in &numbers {
        assert_three_decimals(key, number);
    }
    // The raw text too: no 32-bit noise such as 0.92999995.
    for (key, number) in raw_numbers(&text(&screened.stdout)) {
        assert_three_decimals(&key, &number);
    }

    let input = env.write("in.csv", "name,dob\nKim Sang Mann,1965\n");
    let batch = env.run(&["screen", "--input", arg(&input), "-j", "-q", "-t", "0.3"]);
    let rows = json_lines(&batch);
    assert!(!rows.is_empty());
    for row in &rows {
        assert_three_decimals("score", &row["score"].to_string());
    }
    let csv = env.run(&["screen", "--input", arg(&input), "-q", "-t", "0.3"]);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    let scores: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[4].to_string())
        .collect();
    assert!(!scores.is_empty());
    for score in &scores {
        assert_eq!(score.split('.').nth(1).map(str::len), Some(3), "{score}");
    }
}

/// Every number under a key naming a score, threshold or share.
fn collect_scores(value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                if item.is_number()
                    && ["score", "threshold", "similarity", "coverage", "effect"]
                        .iter()
                        .any(|name| key.contains(name))
                {
                    out.push((key.clone(), item.to_string()));
                }
                collect_scores(item, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_scores(item, out)),
        _ => {}
    }
}

/// `"key": number` pairs in JSON text, numbers as written.
fn raw_numbers(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let Some((key, rest)) = line.trim().split_once("\": ") else {
            continue;
        };
        let number = rest.trim_end_matches(',');
        if number.parse::<f64>().is_ok() && number.contains('.') {
            out.push((key.trim_start_matches('"').to_string(), number.to_string()));
        }
    }
    out
}

fn assert_three_decimals(key: &str, number: &str) {
    let decimals = number.split('.').nth(1).map_or(0, str::len);
    assert!(decimals <= 3, "{key}: {number} has {decimals} decimals");
}

/// `screen --id NUMBER` alone finds the entity holding that document,
/// with score 1; an unknown number finds nothing (status 1).
#[test]
fn screen_by_identifier_alone() {
    let env = Env::with_watchlist();
    let found = env.run(&["screen", "--id", "PX 7730021", "-j"]);
    assert_eq!(code(&found), 0, "{}", text(&found.stderr));
    let report = json(&found);
    let results = report["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{report:#}");
    assert_eq!(results[0]["id"], "custom-watch:P-1");
    assert_eq!(results[0]["score"], 1.0);
    assert_eq!(
        report["query"]["identifiers"],
        serde_json::json!(["PX 7730021"])
    );

    let (_, rows) = tsv(&env.run(&["screen", "--id", "PX7730021"]));
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0][1].as_str(), rows[0][2].as_str()),
        ("1.000", "custom-watch:P-1")
    );

    let none = env.run(&["screen", "--id", "ZZ0000000", "-j"]);
    assert_eq!(code(&none), 1, "{}", text(&none.stderr));
    assert_eq!(json(&none)["results"], serde_json::json!([]));
    let nothing = env.run(&["screen"]);
    assert_eq!(code(&nothing), 2);
    assert!(text(&nothing.stderr).contains("nothing to screen"));
}

/// `embargo diff` between two imports of the list: one entity added, one
/// removed, one with a changed field, in JSON, JSON lines and TSV.
#[test]
fn diff_between_two_versions() {
    let env = Env::with_watchlist();
    let second = WATCHLIST
        .replace(
            ",KP,passport:PX7730021,DPRK4",
            ",KP,passport:PX7730021,DPRK4;DPRK3",
        )
        .replace("O-1,organization,ACME TRADING LLC,,,,,FRAUD\n", "")
        + "O-2,organization,GLOBEX SHIPPING CO,,,,,FRAUD\n";
    env.import_list("watchlist-2.csv", &second);

    let report = json(&env.run(&["diff", "custom-watch", "-j"]));
    assert_eq!(report["from"]["version"], "v1");
    assert_eq!(report["to"]["version"], "v2");
    let ids = |key: &str| -> Vec<String> {
        report[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids("added"), ["custom-watch:O-2"]);
    assert_eq!(ids("removed"), ["custom-watch:O-1"]);
    assert_eq!(ids("changed"), ["custom-watch:P-1"]);
    let fields = &report["changed"][0]["fields"];
    assert_eq!(fields[0]["field"], "programs", "{report:#}");
    assert_eq!(fields[0]["added"], serde_json::json!(["DPRK3"]));

    let lines = json_lines(&env.run(&["diff", "custom-watch", "--format", "jsonl"]));
    let changes: Vec<(&str, &str)> = lines
        .iter()
        .map(|line| {
            (
                line["change"].as_str().unwrap(),
                line["id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("added", "custom-watch:O-2"),
            ("removed", "custom-watch:O-1"),
            ("changed", "custom-watch:P-1")
        ]
    );

    let (header, rows) = tsv(&env.run(&["diff", "custom-watch", "--from", "v1", "--to", "v2"]));
    assert_eq!(header, ["change", "id", "name", "schema", "fields"]);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2][4], "programs: +DPRK3");

    let table = text(&env.run(&["diff", "--format", "table"]).stdout);
    assert!(table.contains("1 added, 1 removed, 1 changed"), "{table}");
    let unknown = env.run(&["diff", "custom-watch", "--from", "v9"]);
    assert_eq!(code(&unknown), 2);
    assert!(
        text(&unknown.stderr).contains("--from"),
        "{}",
        text(&unknown.stderr)
    );
}

/// `embargo evaluate` on labelled files: recall of the positives (each
/// row naming its expected entity) and the false-alert rate of the
/// negatives, in JSON and as tables.
#[test]
fn evaluate_labelled_sets() {
    let env = Env::with_watchlist();
    let positives = env.write(
        "positives.csv",
        "full_name,date_of_birth,expected\n\
         Kim Sang Man,1965-04-25,custom-watch:P-1\n\
         Erika Mustermann,,custom-watch:P-2\n\
         Completely Unrelated Person,,custom-watch:P-3\n",
    );
    let negatives = env.write(
        "negatives.csv",
        "full_name\nJohanna Quellwasser\nBartholomew Fenwick-Oduya\n",
    );
    let args = [
        "evaluate",
        "--positives",
        arg(&positives),
        "--negatives",
        arg(&negatives),
        "-t",
        "0.7",
    ];
    let output = env.run(&args);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    let report = json(&output);
    assert_eq!(report["threshold"], 0.7);
    let positive = &report["positives"][0];
    assert_eq!(positive["rows"], 3);
    assert_eq!(positive["labelled"], 3);
    assert_eq!(positive["found"], 2, "{report:#}");
    assert_eq!(positive["missed"][0]["name"], "Completely Unrelated Person");
    let negative = &report["negatives"][0];
    assert_eq!(negative["rows"], 2);
    assert_eq!(negative["alerted"], 0, "{report:#}");

    let mut table_args = args.to_vec();
    table_args.extend(["--format", "table"]);
    let table = text(&env.run(&table_args).stdout);
    assert!(
        table.contains("positives.csv") && table.contains("negatives.csv"),
        "{table}"
    );
    assert!(table.contains("threshold: 0.70"), "{table}");

    let nothing = env.run(&["evaluate"]);
    assert_eq!(code(&nothing), 2);
    assert!(text(&nothing.stderr).contains("nothing to evaluate"));
}

/// `--db` names the store even when `EMBARGO_DB` names another; without
/// `--db`, `EMBARGO_DB` is used; a missing store named by either is an
/// error naming which.
#[test]
fn db_flag_wins_over_the_environment() {
    let env = Env::with_watchlist();
    let other = Env::new();
    let second = WATCHLIST.replace("ACME TRADING LLC", "INITECH HOLDINGS");
    other.import_list("other.csv", &second);

    let by_env = env
        .bare()
        .env("EMBARGO_DB", other.db())
        .args(["screen", "Initech Holdings", "-j"])
        .output()
        .unwrap();
    assert_eq!(code(&by_env), 0, "{}", text(&by_env.stderr));
    assert_eq!(json(&by_env)["results"][0]["name"], "INITECH HOLDINGS");

    let by_flag = env
        .bare()
        .env("EMBARGO_DB", other.db())
        .arg("--db")
        .arg(env.db())
        .args(["screen", "Initech Holdings", "-j"])
        .output()
        .unwrap();
    assert_eq!(
        code(&by_flag),
        1,
        "--db must win: {}",
        text(&by_flag.stdout)
    );
    let by_flag = env
        .bare()
        .env("EMBARGO_DB", other.db())
        .arg("--db")
        .arg(env.db())
        .args(["screen", "ACME Trading LLC", "-j"])
        .output()
        .unwrap();
    assert_eq!(json(&by_flag)["results"][0]["name"], "ACME TRADING LLC");

    let missing = env.path("missing.db");
    let flag_missing = env
        .bare()
        .env("EMBARGO_DB", other.db())
        .arg("--db")
        .arg(&missing)
        .arg("lists")
        .output()
        .unwrap();
    assert_eq!(code(&flag_missing), 2);
    let stderr = text(&flag_missing.stderr);
    assert!(
        stderr.contains("missing.db") && stderr.contains("--db"),
        "{stderr}"
    );
    let env_missing = env
        .bare()
        .env("EMBARGO_DB", &missing)
        .arg("lists")
        .output()
        .unwrap();
    assert_eq!(code(&env_missing), 2);
    let stderr = text(&env_missing.stderr);
    assert!(
        stderr.contains("missing.db") && stderr.contains("EMBARGO_DB"),
        "{stderr}"
    );
}

/// `EMBARGO_CONFIG` names the configuration of `embargo update` when
/// `--config` does not: a file that cannot be read or parsed is an error
/// naming it; `--config` wins over it.
#[test]
fn embargo_config_names_the_update_configuration() {
    let env = Env::with_watchlist();
    let bad = env.write("bad.toml", "[download\nretries = ");
    let good = env.write("good.toml", "[download]\nretries = 1\n");
    let update = |config_env: Option<&std::path::Path>, args: &[&str]| {
        let mut command = env.command();
        if let Some(path) = config_env {
            command.env("EMBARGO_CONFIG", path);
        }
        command
            .args(["update", "--offline"])
            .args(args)
            .output()
            .unwrap()
    };

    let refused = update(Some(&bad), &[]);
    assert_eq!(code(&refused), 2);
    assert!(
        text(&refused.stderr).contains("bad.toml"),
        "{}",
        text(&refused.stderr)
    );

    let missing = env.path("nowhere.toml");
    let refused = update(Some(&missing), &[]);
    assert_eq!(code(&refused), 2);
    assert!(
        text(&refused.stderr).contains("nowhere.toml"),
        "{}",
        text(&refused.stderr)
    );

    let read = update(Some(&good), &["-j"]);
    assert_eq!(code(&read), 0, "{}", text(&read.stderr));
    assert!(json(&read)["sources"].is_array());

    let overridden = update(Some(&bad), &["--config", arg(&good), "-j"]);
    assert_eq!(
        code(&overridden),
        0,
        "--config must win: {}",
        text(&overridden.stderr)
    );

    let unset = update(None, &["-j"]);
    assert_eq!(code(&unset), 0, "{}", text(&unset.stderr));
}

/// `--format ftm` belongs to `embargo export` (whose default it is), and
/// export writes nothing else: both misuses are refused, naming the fix.
#[test]
fn format_ftm_is_for_export_only() {
    let env = Env::with_watchlist();
    let lists = env.run(&["lists", "--format", "ftm"]);
    assert_eq!(code(&lists), 2, "{}", text(&lists.stderr));
    assert!(text(&lists.stderr).contains("for embargo export only"));
    let export = env.run(&["export", "--format", "json"]);
    assert_eq!(code(&export), 2);
    assert!(
        text(&export.stderr).contains("--format ftm"),
        "{}",
        text(&export.stderr)
    );
    let exported = env.run(&["export", "--format", "ftm"]);
    assert_eq!(code(&exported), 0, "{}", text(&exported.stderr));
    let lines = text(&exported.stdout);
    assert!(lines.lines().count() >= 1);
    assert!(
        lines
            .lines()
            .all(|line| serde_json::from_str::<serde_json::Value>(line)
                .is_ok_and(|e| e["schema"].is_string())),
        "{lines}"
    );
}
