//! A private PostgreSQL cluster for one test: `initdb` into a temporary
//! folder, `pg_ctl start` on a free loopback port with trust
//! authentication, stopped and removed when dropped.
//!
//! The programs are looked for in `$EMBARGO_PG_BIN`, on `PATH`, then in
//! Debian's `/usr/lib/postgresql/<version>/bin` (newest first). Without
//! them a test skips with a message, except in CI (see [`crate::in_ci`]),
//! where it fails. PostgreSQL refuses to run as root: when the tests do,
//! the cluster runs as the `postgres` account (through `runuser`).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

/// Environment variable naming the folder of `initdb` and `pg_ctl`.
pub const PG_BIN_VAR: &str = "EMBARGO_PG_BIN";

/// A running private cluster.
#[derive(Debug)]
pub struct PgCluster {
    bin: PathBuf,
    folder: PathBuf,
    port: u16,
    as_postgres: bool,
    databases: AtomicU32,
}

impl PgCluster {
    /// Starts a cluster, or returns `None` after printing why the calling
    /// test is skipped.
    ///
    /// # Panics
    /// When PostgreSQL is missing in CI, or found but fails to start.
    pub fn start() -> Option<PgCluster> {
        let Some(bin) = find_bin() else {
            assert!(
                !crate::in_ci(),
                "{} is set but PostgreSQL (initdb, pg_ctl) was not found: install the \
                 postgresql package or set {PG_BIN_VAR}",
                crate::CI_VAR
            );
            eprintln!(
                "skipped: PostgreSQL (initdb, pg_ctl) not found; install it or set {PG_BIN_VAR}"
            );
            return None;
        };
        let as_postgres = running_as_root();
        let folder = unique_folder();
        std::fs::create_dir_all(&folder)
            .unwrap_or_else(|error| panic!("cannot create {}: {error}", folder.display()));
        if as_postgres {
            run_checked(Command::new("chown").arg("postgres").arg(&folder));
        }
        let port = free_port();
        let cluster = PgCluster {
            bin,
            folder,
            port,
            as_postgres,
            databases: AtomicU32::new(0),
        };
        let data = cluster.folder.join("data");
        run_checked(
            cluster
                .command("initdb")
                .args([
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "-N",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "-D",
                ])
                .arg(&data),
        );
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=200",
            cluster.folder.display()
        );
        run_checked(
            cluster
                .command("pg_ctl")
                .arg("-D")
                .arg(&data)
                .arg("-o")
                .arg(options)
                .arg("-l")
                .arg(cluster.folder.join("server.log"))
                .args(["-w", "start"]),
        );
        Some(cluster)
    }

    /// The URL of the cluster's `postgres` database.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// The port the server listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Creates a new, empty database and returns its URL.
    ///
    /// # Panics
    /// When `createdb` fails.
    pub fn new_database(&self) -> String {
        let number = self.databases.fetch_add(1, Ordering::Relaxed);
        let name = format!("embargo_test_{number}");
        run_checked(
            self.command("createdb")
                .args(["-h", "127.0.0.1", "-U", "postgres", "-p"])
                .arg(self.port.to_string())
                .arg(&name),
        );
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// The folder of the PostgreSQL programs used.
    pub fn bin(&self) -> &Path {
        &self.bin
    }

    /// A command running `program` from the cluster's folder of programs,
    /// as the `postgres` account when the tests run as root.
    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(path);
            command
        } else {
            Command::new(path)
        }
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let _stopped = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.folder.join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .output();
        let _removed = std::fs::remove_dir_all(&self.folder);
    }
}

/// Runs `command`, panicking with its output unless it succeeds.
fn run_checked(command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|error| panic!("cannot run {command:?}: {error}"));
    assert!(
        output.status.success(),
        "{command:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The folder holding `initdb` and `pg_ctl`, if any.
fn find_bin() -> Option<PathBuf> {
    let has_tools = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Some(dir) = std::env::var_os(PG_BIN_VAR).filter(|value| !value.is_empty()) {
        let dir = PathBuf::from(dir);
        assert!(
            has_tools(&dir),
            "{PG_BIN_VAR}={} holds no initdb and pg_ctl",
            dir.display()
        );
        return Some(dir);
    }
    let on_path = std::env::var_os("PATH")
        .and_then(|path| std::env::split_paths(&path).find(|dir| has_tools(dir)));
    if let Some(dir) = on_path {
        // A symbolic link on PATH (/usr/local/bin/initdb) stands for the
        // installation's folder, which also holds createdb.
        let real = std::fs::canonicalize(dir.join("initdb")).ok();
        return Some(
            real.and_then(|path| path.parent().map(Path::to_path_buf))
                .unwrap_or(dir),
        );
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .filter(|(_, dir)| has_tools(dir))
        .collect();
    versions.sort();
    versions.pop().map(|(_, dir)| dir)
}

/// True when the tests run as root (PostgreSQL refuses to).
fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| output.stdout.trim_ascii() == b"0")
}

/// A new folder name under the system's temporary folder.
fn unique_folder() -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let number = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.subsec_nanos());
    std::env::temp_dir().join(format!(
        "embargo-pg-{}-{number}-{nanos}",
        std::process::id()
    ))
}

/// A loopback port nobody listens on right now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .unwrap_or_else(|error| panic!("no free loopback port: {error}"))
}
