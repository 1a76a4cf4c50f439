//! The `embargo` Python package end to end: the abi3 wheel built with
//! maturin (from PyPI), installed into a fresh venv, screening the real
//! OFAC list of 23 May 2023 and the UN list with the scores of `embargo
//! screen --json` and `embargo screen --input`; and the PySpark job on a
//! Spark standalone cluster (master and two workers on 127.0.0.1, PySpark
//! from PyPI) giving the output of `embargo screen --input` on the same
//! rows.
//!
//! Needs `EMBARGO_TEST_DATA`, Python 3.9+ with venv, PyPI, and Java for
//! Spark; outside CI each test skips without them. The Spark dataset has
//! `EMBARGO_SPARK_ROWS` rows (200,000 by default).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod python_env;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use python_env::{
    batch_rows, embargo, fresh_venv, python_in, run, scratch, store, tools_present, wheel,
};
use serde_json::{Value, json};

/// Rows of the Spark dataset unless `EMBARGO_SPARK_ROWS` says otherwise.
const SPARK_ROWS: usize = 200_000;

/// The queries screened both ways: Kim Sang-man and the other OFAC
/// designations of 23 May 2023, with and without secondary evidence,
/// with default and explicit options.
fn queries() -> Vec<Value> {
    vec![
        json!({"name": "Kim Sang-man"}),
        json!({"name": "Kim Sang-man", "dob": "1965-04-25", "country": "KP"}),
        json!({"name": "Kim Sang Man", "type": "person", "threshold": 0.5, "limit": 3}),
        json!({"name": "Pyongyang University of Automation"}),
        json!({"name": "Mirim College", "type": "organization"}),
        json!({"name": "Technical Reconnaissance Bureau"}),
        json!({"name": "110th Research Center"}),
        json!({"name": "Chinyong Information Technology Cooperation Company"}),
        json!({"name": "Jinyong IT Cooperation Company", "country": ["KP", "RU"]}),
    ]
}

/// The CLI arguments of one query.
fn cli_args(query: &Value) -> Vec<String> {
    let mut args = vec![
        "screen".to_string(),
        query["name"].as_str().unwrap().to_string(),
    ];
    let text = |value: &Value| match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    for (key, flag) in [
        ("type", "--type"),
        ("dob", "--dob"),
        ("threshold", "--threshold"),
        ("limit", "--limit"),
    ] {
        if let Some(value) = query.get(key) {
            args.extend([flag.to_string(), text(value)]);
        }
    }
    match query.get("country") {
        Some(Value::Array(countries)) => {
            for country in countries {
                args.extend(["--country".to_string(), text(country)]);
            }
        }
        Some(country) => args.extend(["--country".to_string(), text(country)]),
        None => {}
    }
    args.push("--json".to_string());
    args
}

/// Screens each query given as JSON; prints, per query, the results'
/// `to_dict()` and checks the attributes say the same.
const SCREEN_SCRIPT: &str = r#"
import json, sys
import embargo
screener = embargo.Screener.open(sys.argv[1])
out = []
for query in json.loads(sys.argv[2]):
    name = query.pop("name")
    results = screener.screen(name, **query)
    dicts = [m.to_dict() for m in results]
    for m, d in zip(results, dicts):
        assert (m.id, m.name, m.matched_name, m.schema, m.score, m.programs) == (
            d["id"], d["name"], d["matched_name"], d["schema"], d["score"], d["programs"]
        ), (m, d)
    out.append(dicts)
print(json.dumps(out))
"#;

/// screen_many over the rows of a CSV file (csv.DictReader), the same
/// rows fed in reverse with their numbers (`row_key`), and screen_frame
/// over the same file read by pandas: all as JSON lines.
const MANY_SCRIPT: &str = r#"
import csv, json, sys
import embargo, pandas
screener = embargo.Screener.open(sys.argv[1])
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
with open(sys.argv[3], "w") as out:
    for result in screener.screen_many(iter(rows), jobs=2):
        assert result.error is None, result.error
        for record in result.records(all=True):
            out.write(json.dumps(record) + "\n")
numbered = [dict(row, n=at) for at, row in enumerate(rows, start=1)][::-1]
with open(sys.argv[5], "w") as out:
    for result in screener.screen_many(numbered, jobs=2, row_key="n"):
        for record in result.records(all=True):
            out.write(json.dumps(record) + "\n")
for bad, message in [
    ({"name": "Kim Sang Man", "n": 0}, "row 1: n: 0 is not a row number"),
    ({"name": "Kim Sang Man", "n": "7"}, 'row 1: n: "7" is not a row number'),
    ({"name": "Kim Sang Man"}, "row 1: no n (the row_key"),
]:
    try:
        list(screener.screen_many([bad], row_key="n"))
        raise AssertionError(f"{bad} was accepted")
    except ValueError as error:
        assert message in str(error), error
frame = pandas.read_csv(sys.argv[2], dtype=str, keep_default_na=False)
table = screener.screen_frame(frame, all=True)
assert list(table.columns) == list(embargo.OUTPUT_COLUMNS)
with open(sys.argv[4], "w") as out:
    for record in table.to_dict("records"):
        record = {k: (None if isinstance(v, float) and v != v else v) for k, v in record.items()}
        record["programs"] = list(record["programs"])
        out.write(json.dumps(record) + "\n")
mentions = screener.scan("The transfer to Kim Sang Man of Pyongyang was held.")
print(json.dumps([[m.text, m.result.id, m.start, m.end] for m in mentions]))
"#;

#[test]
fn the_wheel_screens_with_the_clis_results_and_scores() {
    let sdn = embargo_testkit::require_data!("ofac/history/sdn-2023-05-23.csv");
    let un = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    if !tools_present(false) {
        return;
    }
    let wheel = wheel();
    let db = store(&sdn, &un);
    let venv = fresh_venv(
        &scratch().join("venv-wheel"),
        &[&wheel.to_string_lossy(), "pandas"],
    );

    // Single queries: screen() against `embargo screen --json`.
    let queries = queries();
    let printed = python_in(
        &venv,
        SCREEN_SCRIPT,
        &[
            &db.to_string_lossy(),
            &Value::Array(queries.clone()).to_string(),
        ],
    );
    let python: Vec<Value> = serde_json::from_str(&printed).expect("script output");
    assert_eq!(python.len(), queries.len());
    for (query, from_python) in queries.iter().zip(&python) {
        let args = cli_args(query);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let cli: Value = serde_json::from_slice(&embargo(&db, &args).stdout).expect("CLI JSON");
        assert!(cli["results"].is_array(), "{cli}");
        assert_eq!(&cli["results"], from_python, "{query}");
    }
    let found = python
        .iter()
        .filter(|results| results.as_array().is_some_and(|r| !r.is_empty()))
        .count();
    assert!(found >= queries.len() - 2, "{found} queries found anything");
    assert_eq!(python[0][0]["id"], "ofac-sdn:43377", "{}", python[0][0]);

    // Rows: screen_many and screen_frame against `embargo screen --input`.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("rows.csv");
    let mut csv = String::from("ref,name,dob,country,type\n");
    for (at, query) in queries.iter().enumerate() {
        let country = match &query["country"] {
            Value::Array(list) => list
                .iter()
                .map(|c| c.as_str().unwrap())
                .collect::<Vec<_>>()
                .join(";"),
            Value::String(text) => text.clone(),
            _ => String::new(),
        };
        csv += &format!(
            "Q{at},\"{}\",{},{country},{}\n",
            query["name"].as_str().unwrap(),
            query["dob"].as_str().unwrap_or(""),
            query["type"].as_str().unwrap_or(""),
        );
    }
    csv += "Q-none,Jane Placeholder Nobody,,,\n";
    std::fs::write(&input, csv).unwrap();
    let cli_out = dir.path().join("cli.jsonl");
    embargo(
        &db,
        &[
            "screen",
            "--input",
            &input.to_string_lossy(),
            "--format",
            "jsonl",
            "--all",
            "--quiet",
            "--output",
            &cli_out.to_string_lossy(),
        ],
    );
    let many_out = dir.path().join("many.jsonl");
    let frame_out = dir.path().join("frame.jsonl");
    let numbered_out = dir.path().join("numbered.jsonl");
    let mentions = python_in(
        &venv,
        MANY_SCRIPT,
        &[
            &db.to_string_lossy(),
            &input.to_string_lossy(),
            &many_out.to_string_lossy(),
            &frame_out.to_string_lossy(),
            &numbered_out.to_string_lossy(),
        ],
    );
    let cli_rows = batch_rows(&std::fs::read_to_string(&cli_out).unwrap(), true);
    assert!(cli_rows.len() > queries.len(), "{cli_rows:?}");
    assert!(
        cli_rows
            .iter()
            .any(|row| row.contains("\"ref\":\"Q-none\""))
    );
    let many_rows = batch_rows(&std::fs::read_to_string(&many_out).unwrap(), true);
    assert_eq!(many_rows, cli_rows, "screen_many");
    let numbered_rows = batch_rows(&std::fs::read_to_string(&numbered_out).unwrap(), true);
    assert_eq!(numbered_rows, cli_rows, "screen_many with row_key");
    let frame_rows = batch_rows(&std::fs::read_to_string(&frame_out).unwrap(), true);
    assert_eq!(frame_rows, cli_rows, "screen_frame");

    // scan() finds the designee in free text.
    let mentions: Vec<Value> = serde_json::from_str(&mentions).expect("mentions");
    assert!(
        mentions
            .iter()
            .any(|m| m[0] == "Kim Sang Man" && m[1] == "ofac-sdn:43377"),
        "{mentions:?}"
    );
}

/// Children killed (and reaped) when the test ends, however it ends.
struct Processes(Vec<Child>);

impl Drop for Processes {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

/// The Spark distribution inside the venv's PySpark (`SPARK_HOME`).
fn spark_home(venv: &Path) -> PathBuf {
    let printed = python_in(
        venv,
        "import os, pyspark; print(os.path.dirname(pyspark.__file__))",
        &[],
    );
    PathBuf::from(printed.trim())
}

/// Starts `spark-class CLASS ARGS` from the venv, logging to `log`.
fn spark_daemon(venv: &Path, class: &str, args: &[String], log: &Path, work: &Path) -> Child {
    let log = File::create(log).expect("log file");
    Command::new(venv.join("bin/spark-class"))
        .arg(class)
        .env("SPARK_HOME", spark_home(venv))
        .env("PYSPARK_PYTHON", venv.join("bin/python"))
        .args(args)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .env("SPARK_LOG_DIR", work)
        .env("SPARK_WORKER_DIR", work)
        .env("SPARK_NO_DAEMONIZE", "1")
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log file"))
        .stderr(log)
        .spawn()
        .unwrap_or_else(|error| panic!("start {class}: {error}"))
}

/// Waits (at most two minutes) for the master's status page to list
/// `workers` alive workers.
fn wait_for_workers(ui_port: u16, workers: u64) {
    let started = Instant::now();
    let url = format!("http://127.0.0.1:{ui_port}/json/");
    loop {
        let alive = ureq::get(&url)
            .call()
            .ok()
            .and_then(|mut response| response.body_mut().read_json::<Value>().ok())
            .and_then(|status| status["aliveworkers"].as_u64());
        if alive >= Some(workers) {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the Spark master did not see {workers} workers (alive: {alive:?})"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// The Spark dataset: `rows` rows cycling through the screening sets'
/// negatives, with a UN positive (treated and untreated spellings) every
/// 50th row; columns as in the sets plus a `ref`, empty in every 9th row
/// (whose reference is then its row number).
fn write_dataset(path: &Path, rows: usize) {
    let read = |name: &str| -> Vec<csv::StringRecord> {
        let file = embargo_testkit::data_path(&format!("screening-sets/{name}")).expect("data");
        csv::Reader::from_path(file)
            .expect("screening set")
            .records()
            .map(|record| record.expect("screening set row"))
            .collect()
    };
    let negatives: Vec<_> = ["negatives_global.csv", "negatives_us.csv"]
        .iter()
        .flat_map(|name| read(name))
        .collect();
    let positives: Vec<_> = ["positives_un_untreated.csv", "positives_un_treated.csv"]
        .iter()
        .flat_map(|name| read(name))
        .collect();
    assert!(!negatives.is_empty() && !positives.is_empty());
    let mut out = csv::Writer::from_writer(BufWriter::new(File::create(path).expect("dataset")));
    out.write_record(["ref", "full_name", "gender", "date_of_birth", "nationality"])
        .unwrap();
    let (mut negative, mut positive) = (0, 0);
    for at in 0..rows {
        let record = if at % 50 == 49 {
            positive += 1;
            &positives[(positive - 1) % positives.len()]
        } else {
            negative += 1;
            &negatives[(negative - 1) % negatives.len()]
        };
        let field = |index: usize| record.get(index).unwrap_or("");
        let reference = if at % 9 == 8 {
            String::new()
        } else {
            format!("R{at}")
        };
        out.write_record([&reference, field(0), field(4), field(5), field(7)])
            .unwrap();
    }
    out.into_inner().expect("flush").flush().unwrap();
}

/// Reads a Parquet output folder as JSON lines (pyarrow).
const PARQUET_SCRIPT: &str = r#"
import json, sys
import pyarrow.parquet as pq
for record in pq.read_table(sys.argv[1]).to_pylist():
    print(json.dumps(record))
"#;

#[test]
fn the_spark_job_on_two_workers_writes_the_clis_batch_output() {
    let sdn = embargo_testkit::require_data!("ofac/history/sdn-2023-05-23.csv");
    let un = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    if !tools_present(true) {
        return;
    }
    let rows = std::env::var("EMBARGO_SPARK_ROWS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(SPARK_ROWS);
    let wheel = wheel();
    let db = store(&sdn, &un);
    let venv = fresh_venv(
        &scratch().join("venv-spark"),
        &[
            &wheel.to_string_lossy(),
            "pyspark>=3.5,<5",
            "pyarrow",
            "pandas>=2.2",
        ],
    );
    let dir = tempfile::tempdir().unwrap();
    let dataset = dir.path().join("customers.csv");
    write_dataset(&dataset, rows);

    let cli_out = dir.path().join("cli.jsonl");
    embargo(
        &db,
        &[
            "screen",
            "--input",
            &dataset.to_string_lossy(),
            "--format",
            "jsonl",
            "--quiet",
            "--jobs",
            "2",
            "--output",
            &cli_out.to_string_lossy(),
        ],
    );

    let (port, ui) = (free_port(), free_port());
    let master = format!("spark://127.0.0.1:{port}");
    let mut daemons = Processes(Vec::new());
    daemons.0.push(spark_daemon(
        &venv,
        "org.apache.spark.deploy.master.Master",
        &[
            "--host".into(),
            "127.0.0.1".into(),
            "--port".into(),
            port.to_string(),
            "--webui-port".into(),
            ui.to_string(),
        ],
        &dir.path().join("master.log"),
        dir.path(),
    ));
    for worker in 0..2 {
        let work = dir.path().join(format!("worker-{worker}"));
        std::fs::create_dir_all(&work).unwrap();
        daemons.0.push(spark_daemon(
            &venv,
            "org.apache.spark.deploy.worker.Worker",
            &[
                "--host".into(),
                "127.0.0.1".into(),
                "--cores".into(),
                "1".into(),
                "--memory".into(),
                "2g".into(),
                "--webui-port".into(),
                free_port().to_string(),
                "--work-dir".into(),
                work.to_string_lossy().into_owned(),
                master.clone(),
            ],
            &dir.path().join(format!("worker-{worker}.log")),
            &work,
        ));
    }
    wait_for_workers(ui, 2);

    let output = dir.path().join("results.parquet");
    let python = venv.join("bin/python");
    run(
        Command::new(venv.join("bin/spark-submit"))
            .args(["--master", &master])
            .args(["--conf", "spark.driver.host=127.0.0.1"])
            .args(["--conf", "spark.driver.bindAddress=127.0.0.1"])
            .args(["--conf", "spark.ui.enabled=false"])
            .args(["--executor-memory", "1g"])
            .arg(embargo_testkit::workspace_root().join("integrations/spark/screen_job.py"))
            .arg("--store")
            .arg(&db)
            .arg("--input")
            .arg(&dataset)
            .arg("--output")
            .arg(&output)
            .args(["--partitions", "8"])
            .env("PYSPARK_PYTHON", &python)
            .env("PYSPARK_DRIVER_PYTHON", &python)
            .env("SPARK_HOME", spark_home(&venv))
            .env("SPARK_LOCAL_IP", "127.0.0.1"),
        "spark-submit",
    );
    drop(daemons);

    let spark_rows = python_in(&venv, PARQUET_SCRIPT, &[&output.to_string_lossy()]);
    let cli_rows = batch_rows(&std::fs::read_to_string(&cli_out).unwrap(), true);
    let spark_rows = batch_rows(&spark_rows, true);
    assert!(
        cli_rows.len() >= rows / 100,
        "{} results for {rows} rows: the positives were not found",
        cli_rows.len()
    );
    assert_eq!(spark_rows.len(), cli_rows.len());
    let differing: Vec<(&String, &String)> = cli_rows
        .iter()
        .zip(&spark_rows)
        .filter(|(cli, spark)| cli != spark)
        .take(3)
        .collect();
    assert!(differing.is_empty(), "first differences: {differing:#?}");
}
