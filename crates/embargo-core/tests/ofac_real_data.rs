//! The OFAC parser on the real published files (`EMBARGO_TEST_DATA`):
//! entity counts, known entities, every companion row attached, every
//! remark item accounted for, every country spelling resolved, and clean
//! errors for real files that are cut or of the wrong kind.

// Helpers outside #[test] functions panic too: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::Path;

use embargo_core::model::{
    DateSpec, Entity, Gender, IdKind, NameQuality, PartialDate, Schema, country_code,
};
use embargo_core::sources::ofac::remarks::{merge_continuation, split_items};
use embargo_core::sources::{self, FileRole, ListFile, ListFiles, ListMeta, SourceFormat, ofac};

/// Country-position texts of the real files that are not countries, and
/// so have no ISO code: OFAC's placeholders, a country that no longer
/// exists, a qualified nationality and a note written where the country
/// goes. `Region: ...` (Crimea, Gaza, Kafia Kingi, ...) is allowed too.
const NOT_COUNTRIES: [&str; 5] = [
    "undetermined",
    "None Identified",
    "Netherlands Antilles",
    "possibly Palestinian",
    "Cabo Verde.  Previously Cape Verde.",
];

/// The OFAC file set at `path` (a folder or a single file), as format
/// detection groups it.
fn files_in(path: &Path) -> ListFiles {
    let mut sets = sources::detect(&[path.to_path_buf()]).unwrap();
    assert_eq!(sets.len(), 1, "{} holds one publication", path.display());
    sets.remove(0)
}

fn load(files: &ListFiles) -> (ListMeta, Vec<Entity>) {
    let source_id = files.format.default_source_id(files.primary());
    let mut entities = Vec::new();
    let meta = ofac::parse(files, &source_id, &mut |entity| {
        entities.push(entity);
        Ok(())
    })
    .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(meta.entity_count, entities.len());
    (meta, entities)
}

/// The rows of an OFAC file read straight with the csv crate, without the
/// end-of-file mark.
fn raw_rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .unwrap();
    reader
        .records()
        .map(|record| {
            record
                .unwrap()
                .iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|row| row.len() > 1)
        .collect()
}

fn null(field: &str) -> Option<&str> {
    let trimmed = field.trim();
    (trimmed != "-0-" && !trimmed.is_empty()).then_some(trimmed)
}

fn by_native_id(entities: &[Entity]) -> HashMap<&str, &Entity> {
    entities
        .iter()
        .map(|entity| (entity.native_id(), entity))
        .collect()
}

/// Each entity's remarks, continued by the comments file.
fn raw_remarks(files: &ListFiles) -> HashMap<String, String> {
    let mut remarks: HashMap<String, String> = raw_rows(files.path(FileRole::Primary).unwrap())
        .into_iter()
        .map(|row| {
            (
                row[0].clone(),
                null(&row[11]).map_or_else(String::new, |_| row[11].clone()),
            )
        })
        .collect();
    if let Some(comments) = files.path(FileRole::Comments) {
        for row in raw_rows(comments) {
            let text = remarks.get_mut(&row[0]).unwrap();
            merge_continuation(text, &row[1]);
        }
    }
    remarks
}

/// Every alias and address row of the set is on its entity. Returns the
/// number of alias rows and of address rows.
fn assert_companions_attached(files: &ListFiles, entities: &[Entity]) -> (usize, usize) {
    let entities = by_native_id(entities);
    let alias_rows = files
        .path(FileRole::Aliases)
        .map(raw_rows)
        .unwrap_or_default();
    for row in &alias_rows {
        let entity = entities[row[0].as_str()];
        let alias = row[3].trim();
        assert!(
            entity.names.iter().any(|name| name.full == alias),
            "alias {alias:?} missing from {}",
            entity.id
        );
    }
    let address_rows = files
        .path(FileRole::Addresses)
        .map(raw_rows)
        .unwrap_or_default();
    let mut with_data = 0;
    for row in &address_rows {
        let (street, city, country) = (null(&row[2]), null(&row[3]), null(&row[4]));
        if street.is_none() && city.is_none() && country.is_none() && null(&row[5]).is_none() {
            continue;
        }
        with_data += 1;
        let entity = entities[row[0].as_str()];
        let found = entity.addresses.iter().any(|address| {
            address.street.as_deref() == street
                && address.city.as_deref() == city
                && address.country.as_ref().map(|c| c.name.as_str()) == country
        });
        assert!(found, "address {row:?} missing from {}", entity.id);
    }
    let attached: usize = entities.values().map(|entity| entity.addresses.len()).sum();
    assert_eq!(
        attached, with_data,
        "addresses attached vs address rows with data"
    );
    (alias_rows.len(), address_rows.len())
}

/// The items of remarks as this test reads them, independently of the
/// parser: split at `;`, without the closing `.` and a leading `alt. `;
/// the last item of remarks that were cut (no closing `.`) is left out.
fn naive_items(text: &str) -> Vec<&str> {
    let trimmed = text.trim();
    let (body, cut) = match trimmed.strip_suffix('.') {
        Some(body) => (body, false),
        None => (trimmed, true),
    };
    let mut items: Vec<&str> = body
        .split(';')
        .map(|item| item.trim())
        .map(|item| item.strip_prefix("alt. ").unwrap_or(item))
        .filter(|item| !item.is_empty())
        .collect();
    if cut {
        items.pop();
    }
    items
}

/// Remark labels whose items the parser turns into fields, with the
/// number of values the parsed entities hold for them.
type FieldCount = fn(&Entity) -> usize;
const LABELLED_FIELDS: [(&str, FieldCount); 7] = [
    ("DOB ", |e| e.birth_dates.len()),
    ("POB ", |e| e.birth_places.len()),
    ("nationality ", |e| e.nationalities.len()),
    ("citizen ", |e| e.citizenships.len()),
    ("Gender ", |e| usize::from(e.gender.is_some())),
    ("Digital Currency Address - ", |e| e.wallets.len()),
    ("Organization Established Date ", |e| e.established.len()),
];

/// `item` starts with `label` (`DOB`), in any case, after an optional
/// `alt. ` and before a space or a colon (`Alt. DOB: 10 October 1969`).
fn has_label(item: &str, label: &str) -> bool {
    let item = item.to_lowercase();
    let item = item.strip_prefix("alt. ").unwrap_or(&item);
    let label = label.trim_end().to_lowercase();
    item.strip_prefix(&label)
        .is_some_and(|rest| rest.starts_with([' ', ':']))
}

/// For each entity and each label of [`LABELLED_FIELDS`], the items its
/// remarks hold (read by [`naive_items`]) number the values the parsed
/// entity holds plus its remarks kept verbatim with that label: each item
/// became a value or stayed a remark.
fn assert_labelled_items_accounted(files: &ListFiles, entities: &[Entity]) {
    let entities = by_native_id(entities);
    let mut mismatches = Vec::new();
    let mut total = 0;
    for (ent_num, text) in raw_remarks(files) {
        let entity = entities[ent_num.as_str()];
        let items = naive_items(&text);
        for (label, count) in LABELLED_FIELDS {
            let mut written: Vec<&str> = items
                .iter()
                .copied()
                .filter(|item| has_label(item, label))
                .collect();
            // The same item written twice is one value.
            written.sort_unstable();
            written.dedup();
            let verbatim = entity
                .remarks
                .iter()
                .filter(|remark| has_label(remark, label))
                .count();
            total += written.len();
            if written.len() != count(entity) + verbatim {
                mismatches.push(format!(
                    "{} {label:?}: items {written:?}, {} values + {verbatim} verbatim",
                    entity.id,
                    count(entity)
                ));
            }
        }
    }
    assert!(total > 0, "no labelled items: the check would be empty");
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// Splitting keeps every character of each entity's remarks, and every
/// labelled item is accounted for; returns (remark items, remarks kept
/// verbatim), see [`remark_counts`].
fn assert_remarks_accounted(files: &ListFiles, entities: &[Entity]) -> (usize, usize) {
    for text in raw_remarks(files).values() {
        assert_split_keeps_text(text);
    }
    assert_labelled_items_accounted(files, entities);
    remark_counts(files, entities)
}

/// (remark items, remarks kept verbatim) over all entities, the items
/// read by [`naive_items`].
fn remark_counts(files: &ListFiles, entities: &[Entity]) -> (usize, usize) {
    let items = raw_remarks(files)
        .values()
        .map(|text| naive_items(text).len())
        .sum();
    let verbatim = entities.iter().map(|entity| entity.remarks.len()).sum();
    (items, verbatim)
}

fn assert_split_keeps_text(text: &str) {
    let significant = |text: &str| -> String {
        text.chars()
            .filter(|c| !c.is_whitespace() && *c != ';')
            .collect()
    };
    let trimmed = text.trim();
    let body = trimmed.strip_suffix('.').unwrap_or(trimmed);
    assert_eq!(
        significant(&split_items(text).concat()),
        significant(body),
        "{text}"
    );
}

fn entity<'a>(entities: &'a [Entity], id: &str) -> &'a Entity {
    entities
        .iter()
        .find(|entity| entity.id == id)
        .unwrap_or_else(|| panic!("no entity {id}"))
}

#[test]
fn sdn_2024_05_loads_every_entity_and_row() {
    let dir = embargo_testkit::require_data!("ofac/2024-05");
    let files = files_in(&dir);
    assert_eq!(files.files.len(), 4);
    let (meta, entities) = load(&files);
    assert_eq!(entities.len(), 14_965);
    assert_eq!(meta.published, None, "sdn.csv states no date");
    let (aliases, addresses) = assert_companions_attached(&files, &entities);
    assert_eq!((aliases, addresses), (18_018, 20_167));
    assert!(
        meta.notices
            .iter()
            .any(|notice| notice.contains("ent_num 17018, 34682")),
        "{:?}",
        meta.notices
    );
    let (items, verbatim) = assert_remarks_accounted(&files, &entities);
    assert_eq!(
        (items, verbatim),
        (61_456, 10_010),
        "remark items, kept verbatim"
    );
}

#[test]
fn kim_sang_man() {
    let dir = embargo_testkit::require_data!("ofac/2024-05");
    let (_, entities) = load(&files_in(&dir));
    let kim = entity(&entities, "ofac-sdn:43377");
    assert_eq!(kim.caption(), "KIM, Sang Man");
    assert_eq!(kim.schema, Schema::Person);
    assert_eq!(kim.programs, ["DPRK4"]);
    let born = PartialDate::ymd(1965, 4, 25).unwrap();
    assert_eq!(kim.birth_dates, [DateSpec::on(born)]);
    assert_eq!(kim.birth_places, ["North Pyongan Province, North Korea"]);
    let nationalities: Vec<Option<&str>> = kim
        .nationalities
        .iter()
        .map(|c| c.code.as_deref())
        .collect();
    assert_eq!(nationalities, [Some("KP")]);
    assert_eq!(kim.gender, Some(Gender::Male));

    let passports: Vec<_> = kim
        .identifiers
        .iter()
        .filter(|id| id.kind == IdKind::Passport)
        .collect();
    let numbers: Vec<&str> = passports.iter().map(|id| id.value.as_str()).collect();
    assert_eq!(numbers, ["109420132", "827220538", "563220082"]);
    for passport in &passports {
        assert_eq!(
            passport.country.as_ref().and_then(|c| c.code.as_deref()),
            Some("KP")
        );
    }
    assert_eq!(
        passports[0].note.as_deref(),
        Some("issued 16 Oct 2019 expires 16 Oct 2024")
    );
    assert_eq!(
        (passports[1].note.as_ref(), passports[2].note.as_ref()),
        (None, None)
    );

    let wallets: Vec<(&str, &str)> = kim
        .wallets
        .iter()
        .map(|wallet| (wallet.currency.as_str(), wallet.address.as_str()))
        .collect();
    assert_eq!(
        wallets,
        [
            ("XBT", "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ"),
            ("XBT", "1FCNgfZWpYMeYhy9t18AAkTBu8AsdoAc1Z"),
            ("ETH", "0x97b1043abd9e6fc31681635166d430a458d14f9c"),
            ("ETH", "0xb6f5ec1a0a9cd1526536d3f0426c429529471f40"),
            ("USDT", "0xb6f5ec1a0a9cd1526536d3f0426c429529471f40"),
            ("USDC", "0xb6f5ec1a0a9cd1526536d3f0426c429529471f40"),
        ]
    );
    assert!(
        kim.names
            .iter()
            .any(|name| name.full == "KIM, Sangman" && name.quality == NameQuality::Strong)
    );
    let countries: Vec<(Option<&str>, &str)> = kim
        .addresses
        .iter()
        .filter_map(|address| address.country.as_ref())
        .map(|country| (country.code.as_deref(), country.name.as_str()))
        .collect();
    assert_eq!(
        countries,
        [(Some("RU"), "Russia"), (Some("KP"), "Korea, North")]
    );
    assert_eq!(kim.remarks.len(), 2, "{:?}", kim.remarks);
    assert!(kim.remarks[0].starts_with("Secondary sanctions risk: North Korea"));
}

#[test]
fn title_column_holds_several_titles() {
    let dir = embargo_testkit::require_data!("ofac/2024-05");
    let (_, entities) = load(&files_in(&dir));
    let shalish = entity(&entities, "ofac-sdn:8868");
    assert_eq!(shalish.titles, ["Brigadier General", "Major General"]);
    let circa_1956 = DateSpec::parse("circa 1956").unwrap();
    assert_eq!(shalish.birth_dates, [circa_1956]);
}

#[test]
fn lazarus_group_remarks_continue_in_the_comments_file() {
    let dir = embargo_testkit::require_data!("ofac/2024-05");
    let (_, entities) = load(&files_in(&dir));
    let lazarus = entity(&entities, "ofac-sdn:27307");
    assert_eq!(lazarus.schema, Schema::Organization);
    let weak: Vec<&str> = lazarus
        .names
        .iter()
        .filter(|name| name.quality == NameQuality::Weak)
        .map(|name| name.full.as_str())
        .collect();
    assert_eq!(
        weak,
        [
            "HIDDEN COBRA",
            "OFFICE 91",
            "GUARDIANS OF PEACE",
            "THE NEW ROMANTIC CYBER ARMY TEAM",
            "WHOIS HACKING TEAM",
            "RED DOT",
            "TEMP.HERMIT",
            "GROUP 77",
            "ZINC",
            "APT-C-26",
            "APPLEWORM",
        ],
        "WHOIS HACKING TEAM is split mid-word between sdn.csv and sdn_comments.csv"
    );
    assert_eq!(lazarus.wallets.len(), 8);
    assert!(
        lazarus
            .wallets
            .iter()
            .all(|wallet| wallet.currency == "ETH")
    );
    assert_eq!(
        lazarus.wallets[7].address,
        "0x08723392Ed15743cc38513C4925f5e6be5c17243"
    );
}

#[test]
fn sberbank_continuation_from_a_later_publication_is_merged_once() {
    let dir = embargo_testkit::require_data!("ofac/2024-05");
    let (_, entities) = load(&files_in(&dir));
    let sberbank = entity(&entities, "ofac-sdn:17018");
    assert!(
        sberbank
            .remarks
            .iter()
            .all(|remark| !remark.contains(")ive 2)")),
        "{:#?}",
        sberbank.remarks
    );
    let directive_3 = "Listing Date (EO 14024 Directive 3): 24 Feb 2022";
    assert_eq!(
        sberbank
            .remarks
            .iter()
            .filter(|r| *r == directive_3)
            .count(),
        1
    );
    let ids: Vec<(IdKind, &str, Option<&str>)> = sberbank
        .identifiers
        .iter()
        .map(|id| {
            (
                id.kind,
                id.value.as_str(),
                id.country.as_ref().and_then(|c| c.code.as_deref()),
            )
        })
        .collect();
    assert!(
        ids.contains(&(IdKind::TaxId, "7707083893", Some("RU"))),
        "{ids:?}"
    );
    assert!(
        ids.contains(&(IdKind::Registration, "1027700132195", Some("RU"))),
        "{ids:?}"
    );
    assert!(ids.contains(&(IdKind::Other, "SABRRUMM", None)), "{ids:?}");
    let weak: Vec<&str> = sberbank
        .names
        .iter()
        .filter(|name| name.quality == NameQuality::Weak)
        .map(|name| name.full.as_str())
        .collect();
    assert_eq!(weak, ["SBERBANK INDIA", "SBERBANK MUMBAI"]);
}

#[test]
fn links_resolve_within_the_file() {
    let dir = embargo_testkit::require_data!("ofac/2024-05");
    let (_, entities) = load(&files_in(&dir));
    let tian = entity(&entities, "ofac-sdn:28263");
    assert_eq!(tian.caption(), "TIAN, Yinyin");
    let lazarus = tian
        .links
        .iter()
        .find(|link| link.name == "LAZARUS GROUP")
        .expect("TIAN Yinyin is linked to LAZARUS GROUP");
    assert_eq!(lazarus.relation, "Linked To");
    assert_eq!(lazarus.id.as_deref(), Some("ofac-sdn:27307"));
    let links: Vec<_> = entities.iter().flat_map(|entity| &entity.links).collect();
    let resolved = links.iter().filter(|link| link.id.is_some()).count();
    assert!(
        resolved * 100 >= links.len() * 99,
        "{resolved} of {} links resolved",
        links.len()
    );
}

#[test]
fn sdn_2021_07_loads_every_entity_and_row() {
    let dir = embargo_testkit::require_data!("ofac/2021-07");
    let files = files_in(&dir);
    let (_, entities) = load(&files);
    assert_eq!(entities.len(), 8_976);
    assert_companions_attached(&files, &entities);
    let (items, verbatim) = assert_remarks_accounted(&files, &entities);
    assert_eq!(
        (items, verbatim),
        (32_746, 5_951),
        "remark items, kept verbatim"
    );
}

#[test]
fn consolidated_2025_12_parses_every_row() {
    let dir = embargo_testkit::require_data!("ofac/consolidated-2025-12");
    let files = files_in(&dir);
    assert_eq!(files.format, SourceFormat::OfacConsolidated);
    assert_eq!(files.files.len(), 4);
    let (meta, entities) = load(&files);
    let primary_rows = raw_rows(files.primary()).len();
    assert_eq!(entities.len(), primary_rows);
    assert_eq!(entities.len(), 442);
    assert!(
        entities
            .iter()
            .all(|entity| entity.id.starts_with("ofac-cons:"))
    );
    assert_companions_attached(&files, &entities);
    let (items, verbatim) = assert_remarks_accounted(&files, &entities);
    assert_eq!(
        (items, verbatim),
        (3_281, 1_445),
        "remark items, kept verbatim"
    );
    assert!(
        meta.notices
            .iter()
            .all(|notice| !notice.contains("not valid UTF-8"))
    );
    let cmic = entities
        .iter()
        .filter(|entity| entity.programs == ["CMIC-EO13959"])
        .collect::<Vec<_>>();
    assert!(!cmic.is_empty());
    assert!(
        cmic.iter().all(|entity| entity.listed_on.is_some()),
        "CMIC listing dates"
    );
}

#[test]
fn history_files_parse_alone() {
    let dir = embargo_testkit::require_data!("ofac/history");
    let expected = [
        ("sdn-2023-05-19.csv", 12_538, "2023-05-19", false),
        ("sdn-2023-05-23.csv", 12_543, "2023-05-23", true),
        ("sdn-2024-05-03.csv", 14_965, "2024-05-03", true),
    ];
    for (name, count, date, has_kim) in expected {
        let files = files_in(&dir.join(name));
        assert_eq!(files.files.len(), 1);
        let (meta, entities) = load(&files);
        assert_eq!(entities.len(), count, "{name}");
        assert_eq!(meta.published.map(|d| d.to_string()).as_deref(), Some(date));
        assert!(
            meta.notices
                .contains(&"no alt.csv given: strong aliases not loaded".to_string())
        );
        assert!(
            meta.notices
                .iter()
                .any(|notice| notice.contains("end mid-item")),
            "{:?}",
            meta.notices
        );
        let kim = entities.iter().any(|entity| entity.id == "ofac-sdn:43377");
        assert_eq!(
            kim, has_kim,
            "{name}: KIM Sang Man was designated on 2023-05-23"
        );
    }
}

#[test]
fn every_country_spelling_resolves() {
    let dir = embargo_testkit::require_data!("ofac");
    let sets = [
        "2024-05",
        "2021-07",
        "consolidated-2025-12",
        "history/sdn-2023-05-19.csv",
        "history/sdn-2023-05-23.csv",
    ];
    let mut unresolved: Vec<String> = Vec::new();
    let mut checked: HashMap<&str, usize> = HashMap::new();
    let mut check = |place: &'static str, name: &str| {
        *checked.entry(place).or_default() += 1;
        let name = name.trim();
        let allowed = NOT_COUNTRIES.contains(&name) || name.starts_with("Region: ");
        if country_code(name).is_none() && !allowed {
            unresolved.push(format!("{place}: {name:?}"));
        }
    };
    for set in sets {
        let files = files_in(&dir.join(set));
        for row in raw_rows(files.primary()) {
            if let Some(flag) = null(&row[9]) {
                check("vessel flag", flag);
            }
        }
        for row in files
            .path(FileRole::Addresses)
            .map(raw_rows)
            .unwrap_or_default()
        {
            if let Some(country) = null(&row[4]) {
                check("address", country);
            }
        }
        for text in raw_remarks(&files).values() {
            for item in naive_items(text) {
                for label in ["nationality", "citizen"] {
                    if let Some(country) = item
                        .strip_prefix(label)
                        .filter(|c| c.starts_with([' ', ':']))
                    {
                        check(label, country.trim_start_matches([' ', ':']));
                    }
                }
                if item.starts_with("Passport ") || item.starts_with("Diplomatic Passport ") {
                    let country = item
                        .split_once(" (")
                        .and_then(|(_, rest)| rest.split_once(')'));
                    if let Some((country, _)) = country {
                        check("passport", country);
                    }
                }
            }
        }
    }
    // Every place a country is written was met (the counts are those of
    // the five files, read by this test).
    let mut counts: Vec<(&str, usize)> = checked.into_iter().collect();
    counts.sort_unstable();
    assert_eq!(
        counts,
        [
            ("address", 29_364),
            ("citizen", 4_199),
            ("nationality", 15_234),
            ("passport", 6_760),
            ("vessel flag", 2_620),
        ]
    );
    assert!(
        unresolved.is_empty(),
        "add these spellings to model/country.rs:\n{}",
        unresolved.join("\n")
    );
}

#[test]
fn truncated_copy_of_sdn_csv_names_the_cut_record() {
    let dir = embargo_testkit::require_data!("ofac/2024-05");
    let bytes = std::fs::read(dir.join("sdn.csv")).unwrap();
    let record_start = bytes.windows(7).position(|w| w == b"\n43377,").unwrap() + 1;
    let line = bytes[..record_start]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1;
    let temp = tempfile::tempdir().unwrap();
    let cut = temp.path().join("sdn.csv");
    std::fs::write(&cut, &bytes[..record_start + 300]).unwrap();
    let files = files_in(temp.path());
    let error = ofac::parse(&files, "ofac-sdn", &mut |_| Ok(())).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "{}:{line}: the file ends inside a quoted field of this record: it is truncated",
            cut.display()
        )
    );
}

#[test]
fn un_xml_given_as_sdn_csv_is_named() {
    let xml = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let files = ListFiles {
        format: SourceFormat::OfacSdn,
        files: vec![ListFile {
            role: FileRole::Primary,
            path: xml.clone(),
        }],
    };
    let error = ofac::parse(&files, "ofac-sdn", &mut |_| Ok(())).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "{}:1: this is XML, not an OFAC legacy CSV file",
            xml.display()
        )
    );
}

#[test]
fn aliases_of_another_publication_are_refused() {
    let data = embargo_testkit::require_data!("ofac");
    let files = ListFiles {
        format: SourceFormat::OfacSdn,
        files: vec![
            ListFile {
                role: FileRole::Primary,
                path: data.join("2021-07/sdn.csv"),
            },
            ListFile {
                role: FileRole::Aliases,
                path: data.join("2024-05/alt.csv"),
            },
        ],
    };
    let error = ofac::parse(&files, "ofac-sdn", &mut |_| Ok(())).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("2024-05/alt.csv:"), "{message}");
    assert!(
        message.ends_with("is not in sdn.csv: are the files from different publications?"),
        "{message}"
    );
}
