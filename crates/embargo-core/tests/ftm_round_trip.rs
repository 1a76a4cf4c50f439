//! FollowTheMoney round trips: a hand-written FtM file imported, exported
//! and imported again gives the same entities, with the related entities
//! (`Sanction`, `Address`, `Identification`, `Passport`, `CryptoWallet`,
//! `Family`, `Directorship`, `Ownership`, `UnknownLink`) and `datasets`
//! kept (a link worded by its own role, as the `Directorship` of the
//! fixture, is written back as an `UnknownLink` with that role: the model
//! keeps the wording, not the schema); and the real OFAC and UN entities keep their names, dates,
//! identifiers and wallets through export and import.

mod common;

use std::path::{Path, PathBuf};

use embargo_core::ftm;
use embargo_core::model::{Entity, IdKind, NamePartKind, NameQuality};
use embargo_core::sources::{self, SourceFormat};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ftm/round-trip.ftm.json")
}

fn import(format: SourceFormat, source: &str, path: &Path) -> Vec<Entity> {
    common::parse_file(format, source, path)
        .unwrap_or_else(|error| panic!("{error}"))
        .0
}

/// `entities` exported and read back as source `source`.
fn round_trip(entities: &[Entity], source: &str) -> (Vec<Entity>, String) {
    let mut out = Vec::new();
    let summary = ftm::export(entities, &mut out).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(summary.entities, entities.len());
    let text = String::from_utf8(out).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(summary.lines, text.lines().count());
    let file = common::temp_file(text.as_bytes());
    (
        import(SourceFormat::FollowTheMoney, source, file.path()),
        text,
    )
}

#[test]
fn fixture_reads_every_related_entity() {
    let entities = import(SourceFormat::FollowTheMoney, "t", &fixture());
    let ids: Vec<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        ["t:p-anna", "t:p-boris", "t:o-acme", "t:v-sea", "t:a-jet"]
    );
    let anna = &entities[0];
    assert_eq!(anna.datasets, ["test_list"]);
    assert_eq!(anna.programs, ["TEST-PROGRAM", "TP-1"]);
    assert_eq!(
        anna.listed_on.map(|d| d.to_string()).as_deref(),
        Some("2021-06-01")
    );
    assert!(
        anna.remarks
            .contains(&"Sanction authority: Test Authority".to_string())
    );
    // The address entity and the same text as `address` are one address,
    // beside the country-only one from `country`.
    assert_eq!(anna.addresses.len(), 2, "{:?}", anna.addresses);
    let address = &anna.addresses[1];
    assert_eq!(address.street.as_deref(), Some("12 Sample Street"));
    assert_eq!(address.postal_code.as_deref(), Some("LV-1010"));
    assert_eq!(address.note.as_deref(), Some("as of 2020"));
    let passport = anna
        .identifiers
        .iter()
        .find(|i| i.kind == IdKind::Passport)
        .unwrap_or_else(|| panic!("no passport: {:?}", anna.identifiers));
    assert_eq!(passport.value, "LV1234567");
    assert_eq!(passport.label.as_deref(), Some("Diplomatic passport"));
    assert_eq!(passport.note.as_deref(), Some("issued 2015, expires 2025"));
    assert_eq!(
        passport.country.as_ref().and_then(|c| c.code.as_deref()),
        Some("LV")
    );
    let permit = anna.identifiers.iter().find(|i| i.value == "A-99");
    assert_eq!(
        permit.map(|i| (i.kind, i.label.as_deref())),
        Some((IdKind::Other, Some("Residence permit")))
    );
    assert_eq!(anna.wallets.len(), 1);
    assert_eq!(anna.wallets[0].currency, "ETH");
    assert_eq!(anna.links.len(), 1);
    assert_eq!(anna.links[0].relation, "brother");
    assert_eq!(anna.links[0].name, "Boris Example");
    assert_eq!(anna.links[0].id.as_deref(), Some("t:p-boris"));
    let boris = &entities[1];
    let relations: Vec<&str> = boris.links.iter().map(|l| l.relation.as_str()).collect();
    assert_eq!(relations, ["relative", "General Director"]);
    let acme = &entities[2];
    assert_eq!(acme.datasets, ["test_list", "other_list"]);
    let rfc = acme.identifiers.iter().find(|i| i.value == "RFC-XYZ");
    assert_eq!(
        rfc.map(|i| (
            i.kind,
            i.label.as_deref(),
            i.country.as_ref().and_then(|c| c.code.as_deref())
        )),
        Some((IdKind::TaxId, Some("RFC"), Some("MX")))
    );
    let acme_links: Vec<(&str, Option<&str>)> = acme
        .links
        .iter()
        .map(|l| (l.relation.as_str(), l.id.as_deref()))
        .collect();
    assert_eq!(
        acme_links,
        [
            ("Linked To", Some("t:p-anna")),
            ("owner of", Some("t:v-sea"))
        ]
    );
    let jet = &entities[4];
    let kinds: Vec<IdKind> = jet.identifiers.iter().map(|i| i.kind).collect();
    assert_eq!(kinds, [IdKind::Registration, IdKind::Aircraft]);
}

#[test]
fn fixture_survives_export_and_import_unchanged() {
    let first = import(SourceFormat::FollowTheMoney, "t", &fixture());
    let (second, text) = round_trip(&first, "t");
    assert_eq!(first.len(), 5);
    for (before, after) in first.iter().zip(&second) {
        assert_eq!(before, after, "{}", before.id);
    }
    assert_eq!(first.len(), second.len());
    // The export models them as FtM does: no wallet on the person, a
    // CryptoWallet held by it; related entities of their own schema.
    assert!(!text.contains("cryptoWallet"), "{text}");
    for schema in [
        "\"Sanction\"",
        "\"Address\"",
        "\"Passport\"",
        "\"Identification\"",
        "\"CryptoWallet\"",
        "\"Family\"",
        "\"Ownership\"",
        "\"UnknownLink\"",
        "\"Airplane\"",
    ] {
        assert!(
            text.contains(&format!("\"schema\":{schema}")),
            "{schema} missing:\n{text}"
        );
    }
}

#[test]
fn names_parts_and_dates_are_written_in_ftm_form() {
    let first = import(SourceFormat::FollowTheMoney, "t", &fixture());
    let lines = ftm::write::entities(&first[0], &ftm::ExportContext::for_entities(&first));
    let person = &lines[0];
    assert_eq!(person.schema, "Person");
    assert_eq!(person.id, "p-anna");
    assert_eq!(person.properties["name"], ["Anna Example"]);
    assert_eq!(person.properties["alias"], ["Анна Пример", "Ann Example"]);
    assert_eq!(person.properties["firstName"], ["Anna"]);
    assert_eq!(person.properties["birthDate"], ["1961-02-03", "1962"]);
    assert_eq!(person.properties["nationality"], ["lv"]);
    assert_eq!(
        first[0].names[0].part(NamePartKind::Family),
        Some("Example")
    );
    assert_eq!(first[0].names[3].quality, NameQuality::Former);
}

/// OFAC's SDN list of May 2024 and the UN list through one export and an
/// import: ofac-sdn:43377 (KIM Sang Man) comes back with every name, date,
/// identifier (with its country, label and note) and wallet; every entity
/// keeps its names, wallets and identifier numbers, and every date FtM can
/// state (FtM dates have no ranges or `circa`).
#[test]
fn ofac_and_un_keep_names_dates_identifiers_and_wallets() {
    let ofac = embargo_testkit::require_data!("ofac/2024-05");
    let un_folder = embargo_testkit::require_data!("un");
    let mut entities = parse_publication(&ofac, "ofac-sdn");
    entities.extend(parse_publication(&un_file(&un_folder), "un"));
    let (back, _) = round_trip(&entities, "x");
    assert_eq!(back.len(), entities.len());
    let (kim, kim_back) = entities
        .iter()
        .zip(&back)
        .find(|(before, _)| before.id == "ofac-sdn:43377")
        .unwrap_or_else(|| panic!("ofac-sdn:43377 missing"));
    assert_eq!(kim_back.id, "x:ofac-sdn-43377");
    // Hand-checked against sdn.csv and add.csv: one name, a date of
    // birth, a passport among its identifiers, and Ethereum wallets.
    assert_eq!(kim.caption(), "KIM, Sang Man");
    assert_eq!(kim.birth_dates.len(), 1);
    assert!(
        !kim.wallets.is_empty() && kim.identifiers.len() >= 2,
        "{kim:?}"
    );
    assert_eq!(names(kim), names(kim_back));
    // FtM name parts belong to the entity, so only the primary name's
    // parts come back.
    assert_eq!(kim.names[0], kim_back.names[0]);
    assert_eq!(kim.birth_dates, kim_back.birth_dates);
    assert_eq!(kim.identifiers, kim_back.identifiers);
    assert_eq!(kim.wallets, kim_back.wallets);
    assert_eq!(kim.nationalities, kim_back.nationalities);
    assert_eq!(kim.programs, kim_back.programs);
    let mut exact_dates = 0;
    for (before, after) in entities.iter().zip(&back) {
        assert_eq!(names(before), names(after), "{}", before.id);
        assert_eq!(before.wallets, after.wallets, "{}", before.id);
        assert_eq!(numbers(before), numbers(after), "{}", before.id);
        for date in before
            .birth_dates
            .iter()
            .filter(|d| d.to.is_none() && !d.circa)
        {
            assert!(after.birth_dates.contains(date), "{}: {date}", before.id);
            exact_dates += 1;
        }
    }
    assert!(exact_dates > 1000, "{exact_dates} dates checked");
}

/// Every entity of the one publication at `path`, ids prefixed `source`.
fn parse_publication(path: &Path, source: &str) -> Vec<Entity> {
    let mut sets = sources::detect(&[path.to_path_buf()]).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(sets.len(), 1, "{}", path.display());
    let files = sets.remove(0);
    let mut entities = Vec::new();
    sources::parse(&files, source, &mut |entity| {
        entities.push(entity);
        Ok(())
    })
    .unwrap_or_else(|error| panic!("{error}"));
    entities
}

/// The identifier numbers of an entity, sorted.
fn numbers(entity: &Entity) -> Vec<String> {
    let mut numbers: Vec<String> = entity.identifiers.iter().map(|i| i.normalized()).collect();
    numbers.sort();
    numbers
}

/// The names of an entity with their quality: the primary name first,
/// then the others sorted (FtM groups them by property, so their order
/// across qualities is not kept).
fn names(entity: &Entity) -> Vec<(&str, NameQuality)> {
    let mut names: Vec<(&str, NameQuality)> = entity
        .names
        .iter()
        .map(|n| (n.full.as_str(), n.quality))
        .collect();
    if let Some(others) = names.get_mut(1..) {
        others.sort();
    }
    names
}

fn un_file(folder: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap_or_else(|error| panic!("{error}"))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    files
        .pop()
        .unwrap_or_else(|| panic!("no UN XML in {}", folder.display()))
}
