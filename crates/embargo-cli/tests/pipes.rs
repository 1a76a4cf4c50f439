//! The CLI as a tool in a pipeline: no panic when the
//! reader of standard output goes away, for every subcommand that prints;
//! `screen -` reading names from standard input; `--format` with a
//! machine-readable default in a pipe, `--json` as its alias, the short
//! flags; shell completions and the man page from the clap definition.
//! Every test runs the real binary against a store made from a small
//! hand-written list (see `common`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{
    Env, arg, assert_quiet_stop, code, into_closed_pipe, json, json_lines, text, tsv, with_input,
};

/// Every printing subcommand, its output closed before it writes: each
/// write fails with EPIPE, and each must stop quietly (before, `println!`
/// panicked: exit 101, "failed printing to stdout: Broken pipe").
#[test]
fn a_closed_output_stops_every_command_quietly() {
    let env = Env::with_watchlist();
    // Something in the audit log, the alerts and a portfolio.
    let customers = env.write("customers.csv", "ref,name\nC-1,Kim Sang Man\n");
    let added = env.run(&["watch", "add", "--name", "bank", "--input", arg(&customers)]);
    assert_eq!(code(&added), 0, "{}", text(&added.stderr));
    let text_file = env.write("memo.txt", "Funds went to ACME Trading LLC.\n");
    let commands: Vec<Vec<&str>> = vec![
        vec!["lists"],
        vec!["lists", "--json"],
        vec!["lists", "--format", "table"],
        vec!["show", "custom-watch:P-1"],
        vec!["show", "custom-watch:P-1", "--format", "table"],
        vec!["screen", "Kim Sang Man"],
        vec!["screen", "Kim Sang Man", "--json"],
        vec!["screen", "Kim Sang Man", "--format", "table"],
        vec!["scan", arg(&text_file)],
        vec!["scan", arg(&text_file), "--json"],
        vec!["audit"],
        vec!["audit", "--format", "jsonl"],
        vec!["alerts"],
        vec!["watch", "list"],
        vec!["watch", "run"],
        vec!["diff", "custom-watch", "--from", "v1", "--to", "v1"],
        vec!["keys", "list", "--format", "table"],
        vec!["init"],
        vec!["completions", "bash"],
        vec!["man"],
    ];
    for args in &commands {
        let (_, output) = into_closed_pipe(env.command().args(args), 0);
        assert_quiet_stop(&args.join(" "), &output);
    }
}

/// `embargo screen --input big.csv | head -2`: the batch stops soon after
/// the reader has gone, exits quietly, and the audit log records the rows
/// screened and that the output was closed.
#[test]
fn a_batch_into_a_closed_pipe_stops_and_is_audited() {
    let env = Env::with_watchlist();
    let rows = 20_000;
    let mut big = String::from("ref,name\n");
    for n in 0..rows {
        big.push_str(&format!("R-{n},Kim Sang Man\n"));
    }
    let input = env.write("big.csv", &big);
    let (head, output) = into_closed_pipe(
        env.command()
            .args(["screen", "--input", arg(&input), "--jobs", "1"]),
        200,
    );
    assert!(
        text(&head).starts_with("ref,row,line,query,score,id"),
        "{}",
        text(&head)
    );
    assert_quiet_stop("screen --input", &output);

    let audit = json(&env.run(&["audit", "--json"]));
    let entries = audit.as_array().unwrap();
    let batches: Vec<_> = entries
        .iter()
        .filter(|entry| entry["kind"] == "screening" && entry["detail"]["channel"] == "batch")
        .collect();
    assert_eq!(batches.len(), 1, "{audit:#}");
    let results = &batches[0]["detail"]["results"];
    assert_eq!(results["output_closed"], true, "{audit:#}");
    let screened = results["rows_screened"].as_u64().unwrap();
    assert!(screened >= 1 && screened < rows, "{results}");
}

/// `echo NAME | embargo screen -`: each line is a name, screened and
/// recorded on its own; blank lines are skipped; results say which name
/// they are for; the exit status says whether any name was found.
#[test]
fn screen_dash_reads_names_from_standard_input() {
    let env = Env::with_watchlist();
    let input = "Kim Sang-man\n\n  Erika Mustermann  \r\nNobody Atall Xyzzy\n";
    let output = env.run_with_input(&["screen", "-", "--format", "jsonl"], input);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    let lines = json_lines(&output);
    let for_name = |name: &str| -> Vec<String> {
        lines
            .iter()
            .filter(|line| line["query"] == name)
            .map(|line| line["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        for_name("Kim Sang-man").first().map(String::as_str),
        Some("custom-watch:P-1")
    );
    assert_eq!(
        for_name("Erika Mustermann").first().map(String::as_str),
        Some("custom-watch:P-2")
    );
    assert!(for_name("Nobody Atall Xyzzy").is_empty());
    assert!(
        for_name("-").is_empty(),
        "the literal name `-` was screened"
    );

    // TSV (the default in a pipe): one header, a query column.
    let output = env.run_with_input(&["screen", "-"], input);
    let (header, rows) = tsv(&output);
    assert_eq!(header[0], "query");
    assert!(
        rows.iter()
            .any(|row| row[0] == "Kim Sang-man" && row[2] == "custom-watch:P-1")
    );

    // JSON: one report per name, in input order.
    let reports = json(&env.run_with_input(&["screen", "-", "--json"], input));
    let names: Vec<&str> = reports
        .as_array()
        .unwrap()
        .iter()
        .map(|report| report["query"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Kim Sang-man", "Erika Mustermann", "Nobody Atall Xyzzy"]
    );

    // Three screenings per run above, each in the audit log.
    let audit = json(&env.run(&["audit", "--json"]));
    let single = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["kind"] == "screening" && entry["detail"]["channel"] == "single")
        .count();
    assert_eq!(single, 9, "{audit:#}");

    // Nothing found at all: status 1; no names: status 1, no error.
    let none = env.run_with_input(&["screen", "-"], "Nobody Atall Xyzzy\n");
    assert_eq!(code(&none), 1, "{}", text(&none.stderr));
    let empty = env.run_with_input(&["screen", "-"], "\n\n");
    assert_eq!(code(&empty), 1, "{}", text(&empty.stderr));

    // A name past the limits names its line; bytes that are not UTF-8 too.
    let long = format!("Kim Sang Man\n{}\n", "Kim ".repeat(200));
    let refused = env.run_with_input(&["screen", "-"], &long);
    assert_eq!(code(&refused), 2);
    assert!(
        text(&refused.stderr).contains("standard input line 2"),
        "{}",
        text(&refused.stderr)
    );
    let mut latin1 = env.command();
    latin1.args(["screen", "-"]);
    let latin1 = with_input_bytes(&mut latin1, b"Kim Sang Man\nCaf\xe9\n");
    assert_eq!(code(&latin1), 2);
    assert!(
        text(&latin1.stderr).contains("standard input line 2: not UTF-8"),
        "{}",
        text(&latin1.stderr)
    );
}

fn with_input_bytes(command: &mut std::process::Command, input: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// In a pipe, listing commands write TSV (one header, one row per record),
/// report commands JSON; `--format` chooses any of the five, `--json` and
/// `-j` are `--format json`.
#[test]
fn formats_and_their_defaults_in_a_pipe() {
    let env = Env::with_watchlist();
    let (header, rows) = tsv(&env.run(&["lists"]));
    assert_eq!(header[..4], ["source", "format", "publisher", "version"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][0], "custom-watch");
    assert_eq!(rows[0][4], "true");

    let csv = env.run(&["lists", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    assert_eq!(reader.headers().unwrap().get(0), Some("source"));
    assert_eq!(reader.records().count(), 1);

    let jsonl = json_lines(&env.run(&["lists", "--format", "jsonl"]));
    assert_eq!(jsonl.len(), 1);
    assert_eq!(jsonl[0]["source"], "custom-watch");
    assert_eq!(jsonl[0]["version"], "v1");

    let long = json(&env.run(&["lists", "--json"]));
    let short = json(&env.run(&["-j", "lists"]));
    let named = json(&env.run(&["lists", "--format", "json"]));
    assert_eq!(long, named);
    assert_eq!(long, short);
    assert_eq!(long[0]["versions"][0]["version"], "v1");

    let table = text(&env.run(&["lists", "--format", "table"]).stdout);
    assert!(
        table.contains("custom-watch [custom]") && table.contains('│'),
        "{table}"
    );

    // A report command: JSON in a pipe, csv refused with a clear error.
    let init = json(&env.run(&["init"]));
    assert_eq!(init["created"], false);
    let refused = env.run(&["init", "--format", "csv"]);
    assert_eq!(code(&refused), 2);
    assert!(
        text(&refused.stderr).contains("--format csv is not available"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(code(&env.run(&["lists", "--json", "--format", "tsv"])), 2);

    // Batch output: CSV by default, TSV and JSON lines on request.
    let input = env.write("in.csv", "name\nKim Sang Man\n");
    let batch_tsv = env.run(&["screen", "--input", arg(&input), "--format", "tsv", "-q"]);
    let (header, rows) = tsv(&batch_tsv);
    assert_eq!(header[..5], ["ref", "row", "line", "query", "score"]);
    assert_eq!(rows[0][5], "custom-watch:P-1");
    let batch_json = json_lines(&env.run(&["screen", "--input", arg(&input), "-j", "-q"]));
    assert_eq!(batch_json[0]["id"], "custom-watch:P-1");
    let table = env.run(&["screen", "--input", arg(&input), "--format", "table"]);
    assert_eq!(code(&table), 2);
}

/// `-t` is `--threshold`, `-n` is `--limit`, `-o` is `--output`, `-q` is
/// `--quiet`.
#[test]
fn short_flags() {
    let env = Env::new();
    env.import_list(
        "kims.csv",
        "id,type,name\nK-1,person,\"KIM, Sang Man\"\nK-2,person,\"KIM, Sang Min\"\n\
         K-3,person,\"KIM, Song Man\"\n",
    );
    let all = json(&env.run(&["screen", "Kim Sang Man", "-t", "0.3", "--json"]));
    let results = all["results"].as_array().unwrap().len();
    assert!(results >= 2, "{all:#}");
    let one = json(&env.run(&["screen", "Kim Sang Man", "-t", "0.3", "-n", "1", "--json"]));
    assert_eq!(one["results"].as_array().unwrap().len(), 1);
    assert_eq!(one["results"][0]["id"], "custom-watch:K-1");
    assert_eq!(one["threshold"], 0.3);
    let strict = json(&env.run(&["screen", "Kim Sang Man", "-t", "0.99", "--json"]));
    assert!(strict["results"].as_array().unwrap().len() < results);

    let input = env.write("in.csv", "name\nKim Sang Man\n");
    let out = env.path("out.jsonl");
    let written = env.run(&["screen", "--input", arg(&input), "-o", arg(&out), "-q"]);
    assert_eq!(code(&written), 0, "{}", text(&written.stderr));
    assert!(written.stderr.is_empty(), "-q: {}", text(&written.stderr));
    let lines = std::fs::read_to_string(&out).unwrap();
    let first: serde_json::Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], "custom-watch:K-1");
}

/// Completion scripts and the man page come from the clap definition:
/// every subcommand and the new flags appear in them.
#[test]
fn completions_and_man_page() {
    let env = Env::new();
    let bash = env.bare().args(["completions", "bash"]).output().unwrap();
    assert_eq!(code(&bash), 0, "{}", text(&bash.stderr));
    let script = text(&bash.stdout);
    assert!(script.contains("_embargo()"), "{script}");
    for word in ["screen", "completions", "--format", "--threshold", "tsv"] {
        assert!(script.contains(word), "{word} missing from the bash script");
    }
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let output = env.bare().args(["completions", shell]).output().unwrap();
        assert_eq!(code(&output), 0, "{shell}");
        assert!(text(&output.stdout).contains("embargo"), "{shell}");
    }
    let unknown = env.bare().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(code(&unknown), 2);

    let man = env.bare().arg("man").output().unwrap();
    assert_eq!(code(&man), 0, "{}", text(&man.stderr));
    let page = text(&man.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH embargo 1"),
        "{page}"
    );
    for section in [
        ".SH \"EMBARGO SCREEN\"",
        ".SH \"EMBARGO KEYS\"",
        ".SS \"embargo keys add\"",
    ] {
        assert!(page.contains(section), "{section} missing");
    }
    assert!(page.contains("\\-\\-threshold") || page.contains("--threshold"));
}

/// stdin is not touched by commands that do not read it: `screen NAME`
/// with a closed standard input still works (the `-` reader only runs for
/// `-`).
#[test]
fn screen_name_ignores_standard_input() {
    let env = Env::with_watchlist();
    let output = with_input(
        env.command().args(["screen", "Kim Sang Man", "-j"]),
        "ignored\n",
    );
    assert_eq!(code(&output), 0);
    assert_eq!(json(&output)["query"]["name"], "Kim Sang Man");
}

/// Standard error closed (`2>&-`): the diagnostics and the error message
/// of a failing command, and the summary of a batch, cannot be written,
/// and the command must still end with the status it has with standard
/// error open, not a panic (101) from `eprintln!`.
#[test]
fn a_closed_standard_error_is_not_a_panic() {
    let env = Env::with_watchlist();
    let customers = env.write(
        "customers.csv",
        "ref,name\nC-1,Kim Sang Man\nC-2,Nobody Known\n",
    );
    let out = env.path("out.csv");
    let cases: [&[&str]; 3] = [
        &["show", "custom-watch:NOPE"],
        &["screen", "--input", arg(&customers), "--output", arg(&out)],
        &["lists"],
    ];
    let status = |args: &[&str], redirect: &str| {
        let script = format!("\"$0\" \"$@\" {redirect} >/dev/null; echo $?");
        let output = std::process::Command::new("sh")
            .arg("-c")
            .arg(&script)
            .arg(env!("CARGO_BIN_EXE_embargo"))
            .arg("--db")
            .arg(env.db())
            .args(args)
            .output()
            .unwrap();
        text(&output.stdout).trim().parse::<i32>().unwrap()
    };
    let mut failures = 0;
    for args in cases {
        let open = status(args, "2>/dev/null");
        let closed = status(args, "2>&-");
        assert_ne!(open, 101, "{args:?} panics with standard error open");
        assert_eq!(
            closed, open,
            "{args:?}: status {closed} with standard error closed"
        );
        failures += usize::from(open != 0);
    }
    assert!(
        failures >= 1,
        "no case failed: the error path was not exercised"
    );
}
