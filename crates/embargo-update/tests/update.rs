//! `embargo_update::update` against a local HTTP server serving the real
//! official files (`EMBARGO_TEST_DATA`): every success and failure mode,
//! each followed by a check that the active version and the store are
//! exactly as expected and that no partial version or staging file is left.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use common::{Reply, TestServer};
use embargo_store::Store;
use embargo_update::{Status, UpdateConfig, UpdateOptions, UpdateReport, update};

const UN_PATH: &str = "/un/consolidated.xml";
const MONDAY: &str = "Mon, 23 Nov 2026 10:00:00 GMT";

/// A store in a fresh folder, the server, and a configuration pointing
/// every source at the server with short timeouts.
struct Setup {
    _dir: tempfile::TempDir,
    folder: PathBuf,
    store: Store,
    server: TestServer,
    config: UpdateConfig,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().to_path_buf();
        let store = Store::open_or_create(folder.join("embargo.db")).unwrap();
        let server = TestServer::start();
        let mut config = UpdateConfig::default();
        for source in &mut config.sources {
            let prefix = if source.id == "un" { "/un" } else { "/ofac" };
            for file in &mut source.files {
                file.url = format!("{}{prefix}/{}", server.base, file.file_name);
            }
        }
        config.download.connect_timeout = Duration::from_secs(2);
        config.download.read_timeout = Duration::from_millis(400);
        config.download.retries = 2;
        config.download.retry_delay = Duration::from_millis(10);
        Setup {
            _dir: dir,
            folder,
            store,
            server,
            config,
        }
    }

    fn run(&mut self, source: &str, force: bool) -> UpdateReport {
        let options = UpdateOptions {
            sources: vec![source.to_string()],
            force,
            ..UpdateOptions::default()
        };
        let report = update(&mut self.store, &self.config, &options).unwrap();
        assert_eq!(report.sources.len(), 1);
        report
    }

    /// The source's versions are exactly `expected` (sequence, entities),
    /// the last one active, the store holds no other version, and no
    /// staging folder is left beside the store.
    fn assert_versions(&self, source: &str, expected: &[(u32, usize)]) {
        let versions = self.store.versions(source).unwrap_or_default();
        let found: Vec<(u32, usize)> = versions
            .iter()
            .map(|v| (v.sequence, v.entity_count))
            .collect();
        assert_eq!(found, expected, "versions of {source}");
        let active = self.store.active_version(source).unwrap();
        assert_eq!(
            active.map(|v| v.sequence),
            expected.last().map(|&(sequence, _)| sequence)
        );
        let stats = self.store.stats().unwrap();
        assert_eq!(stats.versions, expected.len(), "versions in the store");
        assert_eq!(
            stats.version_entities,
            expected.iter().map(|&(_, count)| count).sum::<usize>(),
            "no entity rows of a partial version"
        );
        let leftovers: Vec<String> = std::fs::read_dir(&self.folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(".embargo-update-"))
            .collect();
        assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
    }
}

fn read(path: &Path) -> Arc<Vec<u8>> {
    Arc::new(std::fs::read(path).unwrap())
}

/// The UN XML with only the first `individuals` and `entities` records.
fn shrunk_un(xml: &[u8], individuals: usize, entities: usize) -> Arc<Vec<u8>> {
    let text = std::str::from_utf8(xml).unwrap();
    let text = keep_first(text, "INDIVIDUAL", individuals);
    Arc::new(keep_first(&text, "ENTITY", entities).into_bytes())
}

fn keep_first(xml: &str, tag: &str, keep: usize) -> String {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let (mut out, mut rest, mut kept) = (String::new(), xml, 0);
    while let Some(start) = rest.find(&open) {
        let end = start + rest[start..].find(&close).unwrap() + close.len();
        out.push_str(&rest[..start]);
        if kept < keep {
            out.push_str(&rest[start..end]);
            kept += 1;
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn status(report: &UpdateReport) -> Status {
    report.sources[0].status
}

fn reason(report: &UpdateReport) -> String {
    report.sources[0].reason.clone().unwrap_or_default()
}

/// Imports the real UN list as v1 and returns its body and entity count.
fn un_v1(setup: &mut Setup) -> (Arc<Vec<u8>>, usize) {
    let path = embargo_testkit::data_path("un/consolidated-2026-02-27.xml").unwrap();
    let body = read(&path);
    setup.server.script(UN_PATH, vec![Reply::body(&body)]);
    let report = setup.run("un", false);
    assert_eq!(status(&report), Status::Updated, "{}", reason(&report));
    let count = setup
        .store
        .active_version("un")
        .unwrap()
        .unwrap()
        .entity_count;
    assert_eq!(count, 1003);
    setup.server.take_log();
    (body, count)
}

#[test]
fn ofac_set_updates_then_answers_not_modified() {
    let folder = embargo_testkit::require_data!("ofac/2024-05");
    let mut setup = Setup::new();
    for (name, tag) in [
        ("sdn.csv", "\"s1\""),
        ("alt.csv", "\"a1\""),
        ("add.csv", "\"d1\""),
        ("sdn_comments.csv", "\"c1\""),
    ] {
        let body = read(&folder.join(name));
        setup.server.script(
            &format!("/ofac/{name}"),
            vec![Reply::tagged(&body, tag, MONDAY)],
        );
    }
    let report = setup.run("ofac-sdn", false);
    let source = &report.sources[0];
    assert_eq!(source.status, Status::Updated, "{:?}", source.reason);
    assert!(report.all_ok() && report.changed());
    assert_eq!(source.replaced, None);
    assert_eq!(
        source.active.as_ref().unwrap().published.as_deref(),
        Some("2026-11-23")
    );
    assert!(source.last_success.is_some() && source.last_error.is_none());
    setup.assert_versions("ofac-sdn", &[(1, 14_965)]);
    let first = setup.server.take_log();
    assert_eq!(first.len(), 4);
    assert!(
        first
            .iter()
            .all(|r| !r.headers.contains_key("if-none-match"))
    );

    let report = setup.run("sdn", false);
    assert_eq!(status(&report), Status::NotModified);
    assert!(!report.changed());
    assert_eq!(report.sources[0].downloaded_bytes, 0);
    setup.assert_versions("ofac-sdn", &[(1, 14_965)]);
    let second = setup.server.take_log();
    assert_eq!(second.len(), 4);
    assert!(second.iter().all(|r| {
        r.headers.contains_key("if-none-match")
            && r.headers.get("if-modified-since").map(String::as_str) == Some(MONDAY)
    }));
}

#[test]
fn one_changed_file_refetches_the_whole_set() {
    let folder = embargo_testkit::require_data!("ofac/consolidated-2025-12");
    let mut setup = Setup::new();
    let names = [
        "cons_prim.csv",
        "cons_alt.csv",
        "cons_add.csv",
        "cons_comments.csv",
    ];
    for name in names {
        let body = read(&folder.join(name));
        setup.server.script(
            &format!("/ofac/{name}"),
            vec![Reply::tagged(&body, "\"1\"", MONDAY)],
        );
    }
    assert_eq!(status(&setup.run("ofac-cons", false)), Status::Updated);
    let versions = setup.store.versions("ofac-cons").unwrap();
    let count = versions[0].entity_count;
    setup.server.take_log();
    // The comments file changes (one remark reworded) under a new ETag.
    // (Dropping a row would leave a remark cut without its continuation,
    // which the import refuses as a file cut short.)
    let comments = std::fs::read_to_string(folder.join("cons_comments.csv")).unwrap();
    let reworded = comments.replacen(
        "For more information on directives",
        "For information on directives",
        1,
    );
    assert_ne!(reworded, comments);
    setup.server.script(
        "/ofac/cons_comments.csv",
        vec![Reply::tagged(
            &Arc::new(reworded.into_bytes()),
            "\"2\"",
            MONDAY,
        )],
    );
    let report = setup.run("ofac-cons", false);
    assert_eq!(status(&report), Status::Updated, "{}", reason(&report));
    assert_eq!(report.sources[0].replaced.as_deref(), Some("v1"));
    setup.assert_versions("ofac-cons", &[(1, count), (2, count)]);
    // Four conditional requests, then the three unchanged files again
    // without condition.
    let log = setup.server.take_log();
    assert_eq!(log.len(), 7);
    assert_eq!(
        log.iter()
            .filter(|r| r.headers.contains_key("if-none-match"))
            .count(),
        4
    );
}

/// A mirror serving an older publication (an earlier
/// `Last-Modified`, files without a date of their own) never replaces the
/// active version; the download is kept as history and the run says so.
#[test]
fn an_older_publication_from_a_stale_mirror_is_not_activated() {
    const EARLIER: &str = "Mon, 16 Nov 2026 10:00:00 GMT";
    let folder = embargo_testkit::require_data!("ofac/consolidated-2025-12");
    let mut setup = Setup::new();
    let names = [
        "cons_prim.csv",
        "cons_alt.csv",
        "cons_add.csv",
        "cons_comments.csv",
    ];
    for name in names {
        let body = read(&folder.join(name));
        setup.server.script(
            &format!("/ofac/{name}"),
            vec![Reply::tagged(&body, "\"1\"", MONDAY)],
        );
    }
    assert_eq!(status(&setup.run("ofac-cons", false)), Status::Updated);
    let count = setup.store.versions("ofac-cons").unwrap()[0].entity_count;
    // Different content (one line more, blank, which the reader skips;
    // before the DOS end-of-file mark the file ends with), published a
    // week earlier.
    let comments = std::fs::read_to_string(folder.join("cons_comments.csv")).unwrap();
    let changed = match comments.strip_suffix('\u{1a}') {
        Some(body) => format!("{body}\r\n\u{1a}"),
        None => format!("{comments}\r\n"),
    };
    for name in names {
        let body = if name == "cons_comments.csv" {
            Arc::new(changed.clone().into_bytes())
        } else {
            read(&folder.join(name))
        };
        setup.server.script(
            &format!("/ofac/{name}"),
            vec![Reply::tagged(&body, "\"0\"", EARLIER)],
        );
    }

    let report = setup.run("ofac-cons", false);

    assert_eq!(status(&report), Status::NotActivated);
    assert!(!report.all_ok() && !report.changed());
    let why = reason(&report);
    assert!(
        why.contains("older than the active v1") && why.contains("v2"),
        "{why}"
    );
    let versions = setup.store.versions("ofac-cons").unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1].entity_count, count);
    assert_eq!(
        versions[1].publication.origin,
        embargo_store::PublicationOrigin::LastModified
    );
    let active = setup.store.active_version("ofac-cons").unwrap().unwrap();
    assert_eq!(active.label(), "v1");
    assert_eq!(report.sources[0].last_error.as_deref(), Some(why.as_str()));
}

#[test]
fn same_content_under_200_adds_no_version() {
    embargo_testkit::require_data!("un");
    let mut setup = Setup::new();
    un_v1(&mut setup);
    let report = setup.run("un", false);
    assert_eq!(status(&report), Status::SameContent);
    assert!(report.sources[0].downloaded_bytes > 2_000_000);
    setup.assert_versions("un", &[(1, 1003)]);
}

#[test]
fn truncated_body_keeps_the_active_version() {
    embargo_testkit::require_data!("un");
    let mut setup = Setup::new();
    let (body, count) = un_v1(&mut setup);
    let changed = shrunk_un(&body, 700, 270);
    let send = changed.len() / 2;
    setup.server.script(
        UN_PATH,
        vec![Reply::Truncated {
            body: changed,
            send,
        }],
    );
    let report = setup.run("un", false);
    assert_eq!(status(&report), Status::Failed);
    assert!(!report.all_ok());
    assert!(reason(&report).contains("cut short"), "{}", reason(&report));
    let source = &report.sources[0];
    assert_eq!(source.last_error.as_deref(), Some(reason(&report).as_str()));
    assert!(source.last_success < source.last_attempt);
    assert_eq!(source.active.as_ref().unwrap().version, "v1");
    assert_eq!(
        setup.server.take_log().len(),
        3,
        "first attempt and two retries"
    );
    setup.assert_versions("un", &[(1, count)]);
}

#[test]
fn truncated_first_download_leaves_an_empty_store() {
    let path = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let mut setup = Setup::new();
    let body = read(&path);
    let send = body.len() - 1000;
    setup
        .server
        .script(UN_PATH, vec![Reply::Truncated { body, send }]);
    let report = setup.run("un", false);
    assert_eq!(status(&report), Status::Failed);
    assert!(report.sources[0].active.is_none());
    setup.assert_versions("un", &[]);
    assert!(setup.store.sources().unwrap().is_empty());
}

#[test]
fn server_error_then_success_on_retry() {
    let path = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let mut setup = Setup::new();
    let body = read(&path);
    setup.server.script(
        UN_PATH,
        vec![Reply::Status(500), Reply::Status(503), Reply::body(&body)],
    );
    let report = setup.run("un", false);
    assert_eq!(status(&report), Status::Updated, "{}", reason(&report));
    assert_eq!(setup.server.take_log().len(), 3);
    setup.assert_versions("un", &[(1, 1003)]);
}

#[test]
fn persistent_server_error_fails_without_change() {
    embargo_testkit::require_data!("un");
    let mut setup = Setup::new();
    un_v1(&mut setup);
    setup.server.script(UN_PATH, vec![Reply::Status(500)]);
    let report = setup.run("un", false);
    assert_eq!(status(&report), Status::Failed);
    assert!(reason(&report).contains("HTTP 500"), "{}", reason(&report));
    setup.assert_versions("un", &[(1, 1003)]);
    // A 404 is not retried.
    setup.server.take_log();
    setup.server.script(UN_PATH, vec![Reply::Status(404)]);
    assert_eq!(status(&setup.run("un", false)), Status::Failed);
    assert_eq!(setup.server.take_log().len(), 1);
}

#[test]
fn stalled_server_times_out() {
    embargo_testkit::require_data!("un");
    let mut setup = Setup::new();
    let (body, _) = un_v1(&mut setup);
    let changed = shrunk_un(&body, 700, 270);
    setup.config.download.retries = 1;
    setup.server.script(
        UN_PATH,
        vec![Reply::Stall {
            body: changed,
            send: 10_000,
            pause: Duration::from_secs(3),
        }],
    );
    // Without the timeout the stalled body would arrive whole after the
    // pause and the update would succeed.
    let report = setup.run("un", false);
    assert_eq!(status(&report), Status::Failed);
    assert!(reason(&report).contains("timed out"), "{}", reason(&report));
    setup.assert_versions("un", &[(1, 1003)]);
}

#[test]
fn corrupt_xml_is_refused() {
    embargo_testkit::require_data!("un");
    let mut setup = Setup::new();
    let (body, _) = un_v1(&mut setup);
    // A complete HTTP body whose XML breaks off in the middle of a record.
    let corrupt = Arc::new(body[..body.len() / 2].to_vec());
    setup.server.script(UN_PATH, vec![Reply::body(&corrupt)]);
    let report = setup.run("un", false);
    assert_eq!(status(&report), Status::Failed);
    assert!(
        reason(&report).contains("consolidated.xml"),
        "{}",
        reason(&report)
    );
    setup.assert_versions("un", &[(1, 1003)]);
}

#[test]
fn html_page_instead_of_the_list_is_refused() {
    embargo_testkit::require_data!("un");
    let mut setup = Setup::new();
    un_v1(&mut setup);
    let page = Arc::new(b"<!DOCTYPE html><html><body>Please log in</body></html>".to_vec());
    setup.server.script(UN_PATH, vec![Reply::body(&page)]);
    let report = setup.run("un", false);
    assert_eq!(status(&report), Status::Failed);
    assert!(
        reason(&report).contains("expected a UN consolidated list XML"),
        "{}",
        reason(&report)
    );
    setup.assert_versions("un", &[(1, 1003)]);
}

#[test]
fn list_shrinking_by_90_percent_is_refused_unless_forced() {
    embargo_testkit::require_data!("un");
    let mut setup = Setup::new();
    let (body, count) = un_v1(&mut setup);
    let small = shrunk_un(&body, 73, 27);
    setup.server.script(UN_PATH, vec![Reply::body(&small)]);
    let report = setup.run("un", false);
    assert_eq!(status(&report), Status::Failed);
    assert!(
        reason(&report).contains("use --force"),
        "{}",
        reason(&report)
    );
    setup.assert_versions("un", &[(1, count)]);

    let report = setup.run("un", true);
    assert_eq!(status(&report), Status::Updated, "{}", reason(&report));
    setup.assert_versions("un", &[(1, count), (2, 100)]);
}

#[test]
fn files_from_different_days_are_not_one_publication() {
    let folder = embargo_testkit::require_data!("ofac/consolidated-2025-12");
    let mut setup = Setup::new();
    for (name, date) in [
        ("cons_prim.csv", MONDAY),
        ("cons_alt.csv", MONDAY),
        ("cons_add.csv", "Thu, 12 Nov 2026 10:00:00 GMT"),
        ("cons_comments.csv", MONDAY),
    ] {
        let body = read(&folder.join(name));
        setup.server.script(
            &format!("/ofac/{name}"),
            vec![Reply::tagged(&body, "\"x\"", date)],
        );
    }
    let report = setup.run("ofac-cons", false);
    assert_eq!(status(&report), Status::Failed);
    assert!(
        reason(&report).contains("not from one publication"),
        "{}",
        reason(&report)
    );
    setup.assert_versions("ofac-cons", &[]);
}

#[test]
fn offline_reports_the_stored_state_without_requests() {
    embargo_testkit::require_data!("un");
    let mut setup = Setup::new();
    un_v1(&mut setup);
    let options = UpdateOptions {
        offline: true,
        ..UpdateOptions::default()
    };
    let report = update(&mut setup.store, &setup.config, &options).unwrap();
    // Every built-in source: OFAC SDN and consolidated, UN, EU, UK, US CSL
    // and DPL, Switzerland.
    assert_eq!(report.sources.len(), 8);
    assert!(report.sources.iter().all(|s| s.status == Status::Offline));
    let un = report.sources.iter().find(|s| s.source == "un").unwrap();
    assert_eq!(un.active.as_ref().unwrap().entities, 1003);
    assert!(un.last_success.is_some());
    assert!(setup.server.take_log().is_empty());
}

#[test]
fn a_manual_import_in_between_makes_the_next_request_unconditional() {
    let path = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let mut setup = Setup::new();
    let body = read(&path);
    setup
        .server
        .script(UN_PATH, vec![Reply::tagged(&body, "\"1\"", MONDAY)]);
    assert_eq!(status(&setup.run("un", false)), Status::Updated);
    // Someone imports another publication by hand: the saved ETag no
    // longer describes the active version.
    let small_path = setup.folder.join("un-small.xml");
    std::fs::write(&small_path, shrunk_un(&body, 73, 27).as_slice()).unwrap();
    let files = embargo_core::sources::assemble(
        embargo_core::sources::SourceFormat::UnConsolidated,
        &[small_path],
    )
    .unwrap();
    // A tenth of the list: only a forced import takes it.
    let forced = embargo_store::ImportChecks {
        force: true,
        ..embargo_store::ImportChecks::default()
    };
    setup
        .store
        .import(
            embargo_store::ImportRequest::new("un", &files).checks(forced),
            |sink| embargo_core::sources::parse(&files, "un", sink),
        )
        .unwrap();
    setup.assert_versions("un", &[(1, 1003), (2, 100)]);
    setup.server.take_log();
    let report = setup.run("un", false);
    let log = setup.server.take_log();
    assert_eq!(log.len(), 1);
    assert!(!log[0].headers.contains_key("if-none-match"));
    // The download is v1 again (same files, same dateGenerated as the hand
    // import, which as the later import of that day is active): nothing
    // is stored or activated, and the report says so rather than "up to
    // date".
    assert_eq!(status(&report), Status::NotActivated, "{}", reason(&report));
    assert!(
        reason(&report).contains("the stored v1"),
        "{}",
        reason(&report)
    );
    assert!(reason(&report).contains("embargo activate un v1"));
    setup.assert_versions("un", &[(1, 1003), (2, 100)]);
}

#[test]
fn file_over_the_size_limit_is_refused() {
    embargo_testkit::require_data!("un");
    let mut setup = Setup::new();
    let (body, _) = un_v1(&mut setup);
    setup.config.download.max_bytes = 1_000_000;
    setup
        .server
        .script(UN_PATH, vec![Reply::body(&shrunk_un(&body, 700, 270))]);
    let report = setup.run("un", false);
    assert_eq!(status(&report), Status::Failed);
    assert!(
        reason(&report).contains("1000000-byte limit"),
        "{}",
        reason(&report)
    );
    assert_eq!(setup.server.take_log().len(), 1, "not retried");
    setup.assert_versions("un", &[(1, 1003)]);
}

/// The EU, UK, US trade and Swiss lists: each fetched from its address, imported
/// with its publication date, then a second run sends conditional requests
/// and changes nothing; a cut copy fails and leaves the active version.
#[test]
fn eu_uk_and_us_trade_lists_update_then_answer_not_modified() {
    let data = embargo_testkit::require_data!("");
    let seco_fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../embargo-core/tests/fixtures/ch/seco-fixture.xml")
        .to_string_lossy()
        .into_owned();
    let mut setup = Setup::new();
    for (source, file, relative, count, published) in [
        (
            "uk",
            "UK-Sanctions-List.xml",
            "uk/fcdo-uk-sanctions-list-2026-03-26-excerpt.xml",
            133,
            Some("2026-03-26"),
        ),
        (
            "eu",
            "eu-fsf-1.1.xml",
            "eu/fsf-xml-1.1-excerpt-2020-04-15.xml",
            7,
            Some("2020-04-15"),
        ),
        (
            "us-csl",
            "consolidated.csv",
            "us-trade/csl-sample.csv",
            115,
            None,
        ),
        ("us-dpl", "dpl.txt", "us-trade/dpl.txt", 546, None),
        // No real SECO file is available: the reader's fictional fixture
        // (an absolute path, which `join` keeps).
        (
            "ch",
            "swiss-sanctions-list.xml",
            seco_fixture.as_str(),
            3,
            None,
        ),
    ] {
        let body = read(&data.join(relative));
        let path = format!("/ofac/{file}");
        setup
            .server
            .script(&path, vec![Reply::tagged(&body, "\"v1\"", MONDAY)]);
        let report = setup.run(source, false);
        let outcome = &report.sources[0];
        assert_eq!(
            outcome.status,
            Status::Updated,
            "{source}: {:?}",
            outcome.reason
        );
        let active = setup.store.active_version(source).unwrap().unwrap();
        assert_eq!(active.entity_count, count, "{source}");
        if let Some(published) = published {
            assert_eq!(
                outcome.active.as_ref().unwrap().published.as_deref(),
                Some(published)
            );
        }
        setup.server.take_log();
        let report = setup.run(source, false);
        assert_eq!(status(&report), Status::NotModified, "{source}");
        let log = setup.server.take_log();
        assert!(
            log.iter().all(|r| r.headers.contains_key("if-none-match")),
            "{source}"
        );
        // A cut copy with a new tag: refused, the first version stays active.
        let cut = Arc::new(body[..body.len() / 2].to_vec());
        setup
            .server
            .script(&path, vec![Reply::tagged(&cut, "\"v2\"", MONDAY)]);
        let report = setup.run(source, false);
        assert_eq!(status(&report), Status::Failed, "{source}");
        let still = setup.store.active_version(source).unwrap().unwrap();
        assert_eq!((still.sequence, still.entity_count), (1, count), "{source}");
    }
}
