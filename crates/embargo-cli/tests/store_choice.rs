//! Which store a command uses: a store named by `--db`
//! or `EMBARGO_DB` must exist (only `init`, `import` and `update` create
//! one, never with missing folders), a URL the build cannot open is
//! refused, and the bundled demo list is used only when no store is
//! configured at all, named in every output.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_embargo");

/// A temporary home: no `EMBARGO_DB`, and a platform data folder (the
/// default store's place) inside the temporary folder, where nothing is.
struct Home {
    dir: TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Where the platform default store would be.
    fn default_store(&self) -> PathBuf {
        self.path("data/embargo/embargo.db")
    }

    /// `embargo ARGS…` with no store configured.
    fn command(&self) -> Command {
        let mut command = Command::new(BIN);
        command
            .env_remove("EMBARGO_DB")
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.path("data"))
            .env("NO_COLOR", "1");
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().unwrap()
    }

    /// Writes a two-person custom list and returns its path.
    fn custom_list(&self, name: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(
            &path,
            "id,type,name,birth_date\nW-1,person,\"MUSTERMANN, Erika\",1964-08-12\n\
             W-2,person,\"ZAKHAROV, Aleksandr Vyacheslavovich\",1971-02-03\n",
        )
        .unwrap();
        path
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("not JSON: {}", text(&output.stdout)))
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn a_mistyped_db_is_an_error_naming_it_and_creates_nothing() {
    let home = Home::new();
    let typo = home.path("typo.db");
    let output = home.run(&[
        "--db",
        arg(&typo),
        "screen",
        "Aleksandr Vyacheslavovich Zakharov",
    ]);
    assert_eq!(code(&output), 2, "{}", text(&output.stdout));
    let stderr = text(&output.stderr);
    assert!(stderr.contains(arg(&typo)), "{stderr}");
    assert!(stderr.contains("--db"), "{stderr}");
    assert!(!typo.exists(), "the mistyped store was created");
    assert!(output.stdout.is_empty(), "{}", text(&output.stdout));

    // The same through EMBARGO_DB, with missing folders on the way: none is
    // created either.
    let deep = home.path("no/such/folder/embargo.db");
    let output = home
        .command()
        .env("EMBARGO_DB", &deep)
        .args(["screen", "Kim Sang-man"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 2);
    let stderr = text(&output.stderr);
    assert!(stderr.contains(arg(&deep)), "{stderr}");
    assert!(stderr.contains("EMBARGO_DB"), "{stderr}");
    assert!(!home.path("no").exists(), "folders were created");

    // Every command reading a store refuses the same way.
    for args in [
        vec!["lists"],
        vec!["show", "demo:43377"],
        vec!["scan", "-"],
        vec!["audit"],
        vec!["alerts"],
        vec!["watch", "list"],
        vec!["diff"],
    ] {
        let mut full = vec!["--db", arg(&typo)];
        full.extend(args.iter().copied());
        let output = home.run(&full);
        assert_eq!(code(&output), 2, "{args:?}: {}", text(&output.stdout));
        assert!(text(&output.stderr).contains(arg(&typo)), "{args:?}");
        assert!(!typo.exists(), "{args:?} created the store");
    }
}

#[test]
fn import_and_init_create_a_store_but_never_its_folder() {
    let home = Home::new();
    let list = home.custom_list("watchlist.csv");
    let missing = home.path("missing-folder/embargo.db");

    for args in [
        vec!["--db", arg(&missing), "import", arg(&list)],
        vec!["--db", arg(&missing), "init"],
    ] {
        let output = home.run(&args);
        assert_eq!(code(&output), 2, "{args:?}");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains(arg(&home.path("missing-folder"))),
            "{args:?}: {stderr}"
        );
        assert!(!home.path("missing-folder").exists(), "{args:?}");
    }

    // `init` makes an empty store; screening it is an error, not the demo.
    let db = home.path("fresh.db");
    let output = home.run(&["--db", arg(&db), "init"]);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    assert!(db.is_file());
    assert!(text(&output.stdout).contains(arg(&db)));
    let again = home.run(&["--db", arg(&db), "init", "--format", "table"]);
    assert_eq!(code(&again), 0, "{}", text(&again.stderr));
    assert!(
        text(&again.stdout).contains("already"),
        "{}",
        text(&again.stdout)
    );
    let screened = home.run(&["--db", arg(&db), "screen", "Kim Sang-man", "--json"]);
    assert_eq!(code(&screened), 2, "{}", text(&screened.stdout));
    let stderr = text(&screened.stderr);
    assert!(stderr.contains("no lists"), "{stderr}");
    assert!(stderr.contains(arg(&db)), "{stderr}");

    // `import` creates a store in an existing folder.
    let imported = home.path("imported.db");
    let output = home.run(&["--db", arg(&imported), "import", arg(&list)]);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    let found = home.run(&[
        "--db",
        arg(&imported),
        "screen",
        "Aleksandr Vyacheslavovich Zakharov",
        "--json",
    ]);
    assert_eq!(code(&found), 0, "{}", text(&found.stderr));
    assert_eq!(json(&found)["results"][0]["id"], "custom-watchlist:W-2");
}

/// Names the store `url` to `command`: in `EMBARGO_DB` or with `--db`.
fn name_store(command: &mut Command, url: &str, via_env: bool) {
    if via_env {
        command.env("EMBARGO_DB", url);
    } else {
        command.args(["--db", url]);
    }
}

#[test]
fn store_urls_this_build_cannot_open_are_refused() {
    let home = Home::new();
    for (url, scheme) in [
        ("mysql://root@localhost/embargo", "mysql"),
        ("file://fileserver/share/embargo.db", "file"),
        ("s3://bucket/embargo.db", "s3"),
    ] {
        for via_env in [false, true] {
            let mut command = home.command();
            name_store(&mut command, url, via_env);
            let output = command.args(["import", "x.csv"]).output().unwrap();
            assert_eq!(code(&output), 2, "{url}");
            let stderr = text(&output.stderr);
            assert!(stderr.contains(url), "{url}: {stderr}");
            assert!(stderr.contains(&format!("{scheme}://")), "{url}: {stderr}");
            assert!(stderr.contains("not supported"), "{url}: {stderr}");
        }
    }
    assert_eq!(
        std::fs::read_dir(home.dir.path()).unwrap().count(),
        0,
        "something was created"
    );

    // A local file URL names the file.
    let list = home.custom_list("watchlist.csv");
    let db = home.path("by url.db");
    let url = format!("file://{}", arg(&db).replace(' ', "%20"));
    let output = home.run(&["--db", &url, "import", arg(&list)]);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    assert!(db.is_file());
}

/// A PostgreSQL store that cannot be reached is an error naming the store
/// (its password hidden) and why, never the demo list or a new file.
#[test]
fn an_unreachable_postgres_store_is_an_error_naming_it() {
    let home = Home::new();
    // Port 1 on loopback: nothing listens there.
    for url in [
        "postgres://embargo:secret@127.0.0.1:1/embargo",
        "postgresql://embargo:secret@127.0.0.1:1/embargo",
    ] {
        for via_env in [false, true] {
            let mut command = home.command();
            name_store(&mut command, url, via_env);
            let output = command.args(["lists"]).output().unwrap();
            assert_eq!(code(&output), 2, "{url}");
            let stderr = text(&output.stderr);
            let shown = url.replace(":secret@", ":***@");
            assert!(stderr.contains(&shown), "{url}: {stderr}");
            assert!(!stderr.contains("secret"), "{url}: {stderr}");
            assert!(stderr.contains("cannot connect"), "{url}: {stderr}");
            assert!(stderr.contains("refused"), "{url}: {stderr}");
        }
    }
    // A URL PostgreSQL cannot parse says which part is wrong.
    let mut command = home.command();
    name_store(
        &mut command,
        "postgres://u:secret@127.0.0.1:notaport/db",
        false,
    );
    let output = command.args(["lists"]).output().unwrap();
    assert_eq!(code(&output), 2);
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("postgres://u:***@127.0.0.1:notaport/db"),
        "{stderr}"
    );
    assert!(
        stderr.contains("invalid value for option `port`"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_dir(home.dir.path()).unwrap().count(),
        0,
        "something was created"
    );
}

#[test]
fn without_any_store_the_demo_list_is_used_and_named_in_every_output() {
    let home = Home::new();

    let table = home.run(&["screen", "Kim Sang-man", "--format", "table"]);
    assert_eq!(code(&table), 0, "{}", text(&table.stderr));
    let stdout = text(&table.stdout);
    assert!(stdout.contains("demo:43377"), "{stdout}");
    assert!(stdout.contains("bundled demo list"), "{stdout}");
    assert!(text(&table.stderr).contains("bundled demo list"));

    let nothing = home.run(&[
        "screen",
        "Aleksandr Vyacheslavovich Zakharov",
        "--format",
        "table",
    ]);
    assert_eq!(code(&nothing), 1);
    assert!(
        text(&nothing.stdout).contains("bundled demo list"),
        "a miss must say what it was screened against: {}",
        text(&nothing.stdout)
    );

    let report = json(&home.run(&["screen", "Kim Sang-man", "--json"]));
    assert_eq!(
        report["lists"],
        serde_json::json!([{"source": "demo", "version": "bundled"}])
    );
    assert_eq!(report["bundled_demo"], true);

    let scanned = home
        .command()
        .args(["scan", "-", "--json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(b"Kim Sang Man was designated.")?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(code(&scanned), 0, "{}", text(&scanned.stderr));
    let scan = json(&scanned);
    assert_eq!(scan["lists"][0]["source"], "demo");
    assert_eq!(scan["bundled_demo"], true);

    let lists = home.run(&["lists", "--format", "table"]);
    assert_eq!(code(&lists), 0);
    assert!(text(&lists.stdout).contains("bundled demo list"));
    let shown = home.run(&["show", "demo:43377", "--format", "table"]);
    assert_eq!(code(&shown), 0, "{}", text(&shown.stderr));
    assert!(text(&shown.stdout).contains("bundled demo list"));

    // Batch screening and monitoring never run against the demo list.
    let customers = home.path("customers.csv");
    std::fs::write(&customers, "name\nKim Sang-man\n").unwrap();
    let batch = home.run(&["screen", "--input", arg(&customers)]);
    assert_eq!(code(&batch), 2);
    assert!(
        text(&batch.stderr).contains("demo"),
        "{}",
        text(&batch.stderr)
    );
    assert!(batch.stdout.is_empty());

    assert!(
        !home.default_store().exists() && !home.path("data").exists(),
        "the demo run created a store"
    );
}

#[test]
fn an_existing_default_store_is_used_and_never_replaced_by_the_demo() {
    let home = Home::new();
    let list = home.custom_list("watchlist.csv");
    // No --db: `import` creates the default store (and its folder, which is
    // the platform's, not a typed path).
    let output = home.run(&["import", arg(&list)]);
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    assert!(home.default_store().is_file());
    let report = json(&home.run(&["screen", "Kim Sang-man", "--json"]));
    assert_eq!(report["bundled_demo"], false);
    assert_eq!(report["lists"][0]["source"], "custom-watchlist");
}
