//! `embargo screen --input`: the real binary on files written by the tests,
//! against a temporary store (the DPRK designations of the bundled demo
//! file imported as a list, or real lists when `EMBARGO_TEST_DATA` is
//! set).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_embargo");

/// A temporary folder with a store holding one list, `dprk`: the file of
/// the bundled demo list (the 23 May 2023 DPRK designations), imported as
/// a custom list (batch screening never runs against the demo list
/// itself, which is for when there is no store).
struct Env {
    dir: TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env::without_lists();
        let demo_file =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../embargo-core/src/sources/demo.csv");
        let import = env
            .command()
            .arg("import")
            .arg(&demo_file)
            .args(["--name", "dprk"])
            .output()
            .unwrap();
        assert_eq!(code(&import), 0, "{}", text(&import.stderr));
        env
    }

    /// A temporary folder where `store.db` does not exist yet.
    fn without_lists() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn command(&self) -> Command {
        let mut command = Command::new(BIN);
        command.arg("--db").arg(self.path("store.db"));
        command
    }

    fn screen(&self, args: &[&str]) -> Output {
        self.command().arg("screen").args(args).output().unwrap()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

/// Parses CSV output into rows of (column → value).
fn csv_rows(bytes: &[u8]) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(bytes);
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            headers
                .iter()
                .map(str::to_string)
                .zip(record.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn jsonl_rows(bytes: &[u8]) -> Vec<serde_json::Value> {
    text(bytes)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn maps_columns_by_flag_and_writes_every_result_field() {
    let env = Env::new();
    let input = env.write(
        "customers.csv",
        b"CustNo,Customer,Born,Nat\nC-1,Kim Sang Man,1965-04-25,North Korea\nC-2,Jane Doe,1980,France\n",
    );
    let output = env.screen(&[
        "--input",
        path_str(&input),
        "--columns",
        "ref=CustNo,name=Customer,dob=Born,country=Nat",
        "--quiet",
    ]);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    let rows = csv_rows(&output.stdout);
    assert_eq!(rows.len(), 1, "rows without results are left out");
    let row = &rows[0];
    assert_eq!(row["ref"], "C-1");
    assert_eq!(row["row"], "1");
    assert_eq!(row["line"], "2");
    assert_eq!(row["query"], "Kim Sang Man");
    assert_eq!(row["id"], "dprk:43377");
    assert_eq!(row["name"], "KIM, Sang Man");
    assert_eq!(row["schema"], "Person");
    assert_eq!(row["programs"], "DPRK4");
    assert!(row["score"].parse::<f32>().unwrap() > 0.9);
    assert!(
        row["explanation"].contains("birth_date +") && row["explanation"].contains("country +"),
        "dob and country were mapped: {}",
        row["explanation"]
    );
    let stderr = text(&output.stderr);
    assert!(!stderr.contains("rows read"), "--quiet: {stderr}");

    let unknown = env.screen(&["--input", path_str(&input), "--columns", "name=Nom"]);
    assert_eq!(code(&unknown), 2);
    assert!(
        text(&unknown.stderr).contains("no column \"Nom\" for name"),
        "{}",
        text(&unknown.stderr)
    );
}

#[test]
fn reads_semicolons_with_a_bom_and_writes_all_rows_as_json_lines() {
    let env = Env::new();
    let input = env.write(
        "export.csv",
        "\u{feff}id;Full Name;Nationality\r\n7;Jane Doe;fr\r\n8;KIM Sangman;kp\r\n".as_bytes(),
    );
    let out = env.path("results.jsonl");
    let output = env.screen(&[
        "--input",
        path_str(&input),
        "--output",
        path_str(&out),
        "--all",
    ]);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    let rows = jsonl_rows(&std::fs::read(&out).unwrap());
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["ref"], "7");
    assert!(rows[0]["id"].is_null() && rows[0]["score"].is_null());
    assert_eq!(rows[1]["ref"], "8");
    assert_eq!(rows[1]["id"], "dprk:43377");
    assert_eq!(rows[1]["programs"], serde_json::json!(["DPRK4"]));
    let summary = text(&output.stderr);
    assert!(
        summary.contains("2 rows read, 1 with results (1 results), 0 malformed"),
        "{summary}"
    );
}

#[test]
fn reads_json_lines_from_standard_input() {
    let env = Env::new();
    let mut child = env
        .command()
        .args(["screen", "--input", "-", "--format", "jsonl", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            b"{\"ref\": \"A1\", \"name\": \"Jane Doe\"}\n\
              {\"ref\": \"A2\", \"name\": \"Technical Reconnaissance Bureau\", \"type\": \"organization\"}\n\
              {\"ref\": \"A3\", \"address\": \"0x97b1043abd9e6fc31681635166d430a458d14f9c\"}\n",
        )
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    let rows = jsonl_rows(&output.stdout);
    let refs: Vec<&str> = rows.iter().map(|r| r["ref"].as_str().unwrap()).collect();
    assert_eq!(refs, ["A2", "A3"]);
    assert_eq!(rows[1]["score"], 1.0, "a listed wallet address scores 1");
}

#[test]
fn type_flag_applies_to_rows_without_a_type_column() {
    let env = Env::new();
    let input = env.write(
        "mixed.csv",
        b"name,type\nTechnical Reconnaissance Bureau,\nTechnical Reconnaissance Bureau,organization\n",
    );
    let any = env.screen(&["--input", path_str(&input), "--quiet"]);
    assert_eq!(csv_rows(&any.stdout).len(), 2);
    let people = env.screen(&["--input", path_str(&input), "--type", "person", "--quiet"]);
    assert_eq!(code(&people), 0, "{}", text(&people.stderr));
    let rows = csv_rows(&people.stdout);
    assert_eq!(
        rows.len(),
        1,
        "row 1 screened as a person finds no organization"
    );
    assert_eq!(rows[0]["row"], "2");
}

#[test]
fn refuses_input_that_is_not_utf8() {
    let env = Env::new();
    let input = env.write("latin1.csv", b"name,country\nJos\xe9 Garc\xeda,es\n");
    let output = env.screen(&["--input", path_str(&input)]);
    assert_eq!(code(&output), 2);
    let error = text(&output.stderr);
    assert!(
        error.contains("latin1.csv: line 2: not UTF-8 text") && error.contains("convert the file"),
        "{error}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn reports_malformed_rows_with_their_lines_and_writes_a_rejects_file() {
    let env = Env::new();
    // Bytes that are not UTF-8 in the first 64 KiB make the whole file
    // refused (see `refuses_input_that_is_not_utf8`); further on they
    // reject their row only, so pad the file before that row.
    let mut bytes =
        b"name,dob\nKim Sang Man,1965\nonly,two,three\n,1970\nJane Doe,someday\n".to_vec();
    for row in 0..4000 {
        bytes.extend_from_slice(format!("Padding Person {row},1970\n").as_bytes());
    }
    bytes.extend_from_slice(b"Bad \xff name,1970\n");
    let input = env.write("customers.csv", &bytes);
    let rejects = env.path("rejects.csv");
    let output = env.screen(&["--input", path_str(&input), "--rejects", path_str(&rejects)]);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    for expected in [
        "customers.csv:3: malformed row skipped: 3 columns where the header has 2",
        "customers.csv:4: malformed row skipped: empty name",
        "customers.csv:5: warning: dob:",
        "customers.csv:4006: malformed row skipped: column 1 is not UTF-8 text",
        "4005 rows read, 1 with results (1 results), 3 malformed, 1 warnings",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in {stderr}"
        );
    }
    let rejected = csv_rows(&std::fs::read(&rejects).unwrap());
    let lines: Vec<&str> = rejected.iter().map(|r| r["line"].as_str()).collect();
    assert_eq!(lines, ["3", "4", "4006"]);
    assert_eq!(rejected[0]["raw"], "only,two,three");
    assert!(rejected[1]["error"].starts_with("empty name"));
    assert_eq!(rejected[2]["raw"], "Bad \u{fffd} name,1970");

    let strict = env.screen(&["--input", path_str(&input), "--strict"]);
    assert_eq!(code(&strict), 2);
    assert!(
        text(&strict.stderr)
            .contains("line 3: 3 columns where the header has 2 (stopped: --strict)"),
        "{}",
        text(&strict.stderr)
    );
    let written = csv_rows(&strict.stdout);
    assert_eq!(written.len(), 1, "the row before the malformed one is kept");
}

#[test]
fn empty_input_is_an_error_and_a_header_alone_finds_nothing() {
    let env = Env::new();
    let empty = env.write("empty.csv", b"");
    let output = env.screen(&["--input", path_str(&empty)]);
    assert_eq!(code(&output), 2);
    assert!(
        text(&output.stderr).contains("empty.csv: header: the file is empty or has no header row"),
        "{}",
        text(&output.stderr)
    );
    let header = env.write("header.csv", b"name,dob\n");
    let output = env.screen(&["--input", path_str(&header)]);
    assert_eq!(code(&output), 1);
    assert_eq!(
        text(&output.stdout).lines().count(),
        1,
        "the CSV header only"
    );
    assert!(text(&output.stderr).contains("header but no rows"));
}

#[test]
fn a_huge_field_is_rejected_or_ignored_without_stalling() {
    let env = Env::new();
    let huge = "Kim Sang Man ".repeat(400_000); // about 5 MB
    let mut bytes = b"name,notes\n".to_vec();
    bytes.extend_from_slice(format!("{huge},x\nKim Sang Man,{huge}\nJane Doe,y\n").as_bytes());
    let input = env.write("huge.csv", &bytes);
    let rejects = env.path("rejects.csv");
    let output = env.screen(&["--input", path_str(&input), "--rejects", path_str(&rejects)]);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    assert!(
        text(&output.stderr)
            .contains("huge.csv:2: malformed row skipped: name is 5199999 bytes long"),
        "{}",
        text(&output.stderr)
    );
    let rows = csv_rows(&output.stdout);
    assert_eq!(rows.len(), 1, "the huge unmapped column does not matter");
    assert_eq!(rows[0]["line"], "3");
    let rejected = csv_rows(&std::fs::read(&rejects).unwrap());
    assert_eq!(rejected[0]["raw"].len(), huge.len(), "kept whole");
}

#[test]
fn ctrl_c_leaves_a_complete_prefix_and_exits_130() {
    let env = Env::new();
    let out = env.path("out.csv");
    let mut child = env
        .command()
        .args(["screen", "--input", "-", "--all", "--jobs", "2", "--output"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut written = 0;
    let mut send = |stdin: &mut std::process::ChildStdin, rows: usize| -> bool {
        let mut block = String::new();
        for _ in 0..rows {
            written += 1;
            block.push_str(&format!("C{written},Kim Sang Man {written},1965\n"));
        }
        stdin.write_all(block.as_bytes()).is_ok()
    };
    stdin.write_all(b"ref,name,dob\n").unwrap();
    assert!(send(&mut stdin, 2000));
    // Wait until results reach the file, then interrupt.
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::metadata(&out).map_or(0, |m| m.len()) < 1000 {
        assert!(Instant::now() < deadline, "no output after 60 s");
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    // Keep feeding rows: the reader must stop at its next row anyway.
    for _ in 0..200 {
        if !send(&mut stdin, 500) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(code(&output), 130, "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("interrupted"),
        "{}",
        text(&output.stderr)
    );
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(bytes.last(), Some(&b'\n'), "no half-written line");
    let rows = csv_rows(&bytes);
    assert!(!rows.is_empty());
    let numbers: Vec<usize> = rows.iter().map(|r| r["row"].parse().unwrap()).collect();
    let mut distinct = numbers.clone();
    distinct.dedup();
    let expected: Vec<usize> = (1..=distinct.len()).collect();
    assert_eq!(distinct, expected, "a complete prefix of the input rows");
    assert!(distinct.len() < written, "stopped before the end");
}

#[test]
fn single_name_mode_still_works_and_flags_do_not_mix() {
    let env = Env::new();
    let output = env.screen(&["Kim Sang Man", "--json"]);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["results"][0]["id"], "dprk:43377");
    let mixed = env.screen(&["Kim", "--input", "x.csv"]);
    assert_eq!(code(&mixed), 2);
    let orphan = env.screen(&["Kim", "--jobs", "2", "--all"]);
    assert_eq!(code(&orphan), 2);
    assert!(
        text(&orphan.stderr).contains("--jobs, --all only apply with --input FILE"),
        "{}",
        text(&orphan.stderr)
    );
}

/// `--jobs 1` and `--jobs 2` write the same bytes on real negatives
/// against real lists.
#[test]
fn jobs_do_not_change_the_output_on_real_data() {
    let sdn = embargo_testkit::require_data!("ofac/2024-05");
    let un = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let negatives = embargo_testkit::require_data!("screening-sets/negatives_global.csv");
    let positives = embargo_testkit::require_data!("screening-sets/positives_un_treated.csv");
    let env = Env::without_lists();
    let import = env
        .command()
        .arg("import")
        .arg(&sdn)
        .arg(&un)
        .output()
        .unwrap();
    assert!(import.status.success(), "{}", text(&import.stderr));
    // A sample: the first rows of each set, positives first so there are
    // results to order.
    let mut sample = String::new();
    for (path, rows) in [(&positives, 300), (&negatives, 700)] {
        let content = std::fs::read_to_string(path).unwrap();
        let skip = usize::from(!sample.is_empty());
        for line in content.lines().skip(skip).take(rows + 1 - skip) {
            sample.push_str(line);
            sample.push('\n');
        }
    }
    let input = env.write("sample.csv", sample.as_bytes());
    let mut outputs = Vec::new();
    for jobs in ["1", "2"] {
        let output = env.screen(&[
            "--input",
            path_str(&input),
            "--jobs",
            jobs,
            "--all",
            "--threshold",
            "0.6",
            "--quiet",
        ]);
        assert_eq!(code(&output), 0, "{}", text(&output.stderr));
        outputs.push(output.stdout);
    }
    assert_eq!(outputs[0], outputs[1]);
    let rows = csv_rows(&outputs[0]);
    assert!(rows.iter().filter(|r| !r["id"].is_empty()).count() >= 200);
    assert_eq!(rows.last().unwrap()["row"], "1000");
}

#[test]
fn every_batch_run_is_one_audit_entry() {
    let env = Env::new();
    let input = env.write(
        "export.csv",
        b"id,name\n7,Jane Doe\n8,KIM Sangman\n9,Kim Sang-man\n",
    );
    let out = env.path("results.csv");
    let output = env.screen(&["--input", path_str(&input), "--output", path_str(&out)]);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    let audit = env.command().args(["audit", "--json"]).output().unwrap();
    assert_eq!(code(&audit), 0, "{}", text(&audit.stderr));
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&audit.stdout).unwrap();
    let batches: Vec<&serde_json::Value> = entries
        .iter()
        .filter(|e| e["kind"] == "screening" && e["detail"]["channel"] == "batch")
        .collect();
    assert_eq!(batches.len(), 1, "{entries:?}");
    let detail = &batches[0]["detail"];
    assert_eq!(detail["input"]["input"], path_str(&input));
    assert_eq!(detail["results"]["rows_read"], 3);
    assert_eq!(detail["results"]["rows_with_results"], 2);
    assert_eq!(detail["results"]["interrupted"], false);
    assert_eq!(detail["lists"][0]["source"], "dprk");
    assert!((detail["threshold"].as_f64().unwrap() - 0.7).abs() < 1e-6);
}
