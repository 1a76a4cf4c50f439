//! Tests of the US trade readers on fixtures written for them: sub-lists,
//! ids, the `ids` column, C1 control characters, DPL rows, and the errors
//! for cut files.

use crate::sources::test_support::{self, names_and_qualities};

use super::csl::abbreviation;
use crate::model::{Entity, IdKind, NameQuality, Schema};
use crate::sources::{self, ListMeta, SourceError, SourceFormat};

fn parse_bytes(
    format: SourceFormat,
    bytes: &[u8],
) -> (
    Result<(Vec<Entity>, ListMeta), SourceError>,
    tempfile::NamedTempFile,
) {
    test_support::parse_bytes(format, None, bytes)
}

const CSL: &str = "source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids\n\
Specially Designated Nationals (SDN) - Treasury Department,101,Individual,SDGT; IRAN,TEST Person,Minister,\"1 Road, Tehran, IR\",,2019-01-02,,,,,,,,,,,Some remark,,Alias One; Alias Two,IR,1965; 1966,IR,Tehran,,\"IR, A123456, Passport; 0xABCDEFabcdef0123456789abcdef0123456789ab, Digital Currency Address - ETH; Subject to Secondary Sanctions, Additional Sanctions Information -\"\n\
Entity List (EL) - Bureau of Industry and Security,,,,O\u{92}Neil Trading,,\"Street 5, City, CN\",84 FR 1,2019-05-06,,,For all items,Presumption of denial.,,,,,,,,,,,,,,,\n\
Specially Designated Nationals (SDN) - Treasury Department,102,Vessel,DPRK,SEA STAR,,,,,,,,,CS1,Tanker,,,Korea North,,,,,,,,,,\"IMO 8898831, Vessel Registration Identification\"\n";

#[test]
fn csl_rows_keep_their_sub_list() {
    let (result, _file) = parse_bytes(SourceFormat::UsCsl, CSL.as_bytes());
    let (entities, meta) = result.unwrap();
    assert_eq!(meta.entity_count, 3);
    let person = &entities[0];
    assert_eq!(person.id, "us-csl:101");
    assert_eq!(person.schema, Schema::Person);
    assert_eq!(
        person.sublist.as_deref(),
        Some("Specially Designated Nationals (SDN) - Treasury Department")
    );
    assert_eq!(person.programs, ["SDGT", "IRAN"]);
    let names = names_and_qualities(person);
    assert_eq!(
        names,
        [
            ("TEST Person", NameQuality::Primary),
            ("Alias One", NameQuality::Strong),
            ("Alias Two", NameQuality::Strong),
        ]
    );
    assert_eq!(person.birth_dates.len(), 2);
    assert_eq!(
        person.addresses[0]
            .country
            .as_ref()
            .and_then(|c| c.code.as_deref()),
        Some("IR")
    );
    assert_eq!(person.identifiers[0].kind, IdKind::Passport);
    assert_eq!(person.identifiers[0].value, "A123456");
    assert_eq!(person.wallets[0].currency, "ETH");
    assert!(
        person
            .remarks
            .iter()
            .any(|r| r.starts_with("Subject to Secondary Sanctions"))
    );
    assert_eq!(
        person.listed_on.map(|d| d.to_string()).as_deref(),
        Some("2019-01-02")
    );
    let company = &entities[1];
    assert!(company.id.starts_with("us-csl:el-"), "{}", company.id);
    assert_eq!(company.id.len(), "us-csl:el-".len() + 12);
    assert_eq!(company.caption(), "O\u{92}Neil Trading");
    assert_eq!(company.schema, Schema::Other);
    let ship = &entities[2];
    assert_eq!(ship.schema, Schema::Vessel);
    let ids: Vec<(IdKind, &str)> = ship
        .identifiers
        .iter()
        .map(|i| (i.kind, i.value.as_str()))
        .collect();
    assert_eq!(ids, [(IdKind::CallSign, "CS1"), (IdKind::Imo, "8898831")]);
    // The same rows give the same ids.
    let (again, _file) = parse_bytes(SourceFormat::UsCsl, CSL.as_bytes());
    assert_eq!(again.unwrap().0[1].id, company.id);
    assert_eq!(
        abbreviation("Entity List (EL) - Bureau of Industry and Security"),
        "EL"
    );
    assert_eq!(
        sources::detect::sniff_bytes(CSL.as_bytes(), true),
        sources::detect::Content::List(SourceFormat::UsCsl)
    );
}

#[test]
fn cut_csl_is_refused_with_line_and_record() {
    let cut = &CSL[..CSL.len() - 60];
    let (result, file) = parse_bytes(SourceFormat::UsCsl, cut.as_bytes());
    let message = result.unwrap_err().to_string();
    let path = file.path().display().to_string();
    assert!(
        message.starts_with(&format!("{path}:4: row has ")),
        "{message}"
    );
    assert!(
        message.contains("the file is cut or corrupted (after record el-"),
        "{message}"
    );
}

const DPL: &str = "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t\"FR_Citation\"\n\
\" JOHN TEST\"\t\"1 ROAD\"\t\"TOWN\"\t\"AZ\"\t\"\"\t\"85000\"\t\"10/16/2017\"\t\"10/13/2020\"\t\"Y\"\t\"2017-10-23\"\t\"FR NOTICE ADDED\"\t\"82 F.R. 1\"\n\
\" JOHN TEST\"\t\"1 ROAD\"\t\"TOWN\"\t\"AZ\"\t\"\"\t\"85000\"\t\"10/16/2017\"\t\"10/13/2020\"\t\"Y\"\t\"2018-01-02\"\t\"FR NOTICE ADDED\"\t\"82 F.R. 1\"\n";

#[test]
fn dpl_rows_are_entities_with_stable_ids() {
    let (result, _file) = parse_bytes(SourceFormat::UsDpl, DPL.as_bytes());
    let (entities, meta) = result.unwrap();
    assert_eq!(entities.len(), 2);
    assert_eq!(entities[0].caption(), "JOHN TEST");
    assert!(entities[0].id.starts_with("us-dpl:"));
    assert_eq!(entities[1].id, format!("{}-2", entities[0].id));
    assert_eq!(
        entities[0].listed_on.map(|d| d.to_string()).as_deref(),
        Some("2017-10-16")
    );
    assert_eq!(entities[0].addresses[0].region.as_deref(), Some("AZ"));
    assert!(
        entities[0]
            .remarks
            .contains(&"FR_Citation: 82 F.R. 1".to_string())
    );
    assert_eq!(
        meta.published.map(|d| d.to_string()).as_deref(),
        Some("2018-01-02")
    );
    let cut = &DPL[..DPL.len() - 30];
    let (result, _file) = parse_bytes(SourceFormat::UsDpl, cut.as_bytes());
    let message = result.unwrap_err().to_string();
    assert!(message.contains(":3: row has "), "{message}");
    assert!(message.contains("after \"JOHN TEST\""), "{message}");
    assert_eq!(
        sources::detect::sniff_bytes(DPL.as_bytes(), true),
        sources::detect::Content::List(SourceFormat::UsDpl)
    );
}
