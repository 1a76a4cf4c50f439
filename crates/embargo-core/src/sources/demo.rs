//! The demo list bundled with embargo: the OFAC designations of 23 May 2023
//! (DPRK IT workers and cyber units) and the listed entities they name,
//! with the details OFAC published for them, written in the custom-list
//! format (`demo.csv`, embedded in the binary).
//!
//! It lets a new user screen something before loading any official list,
//! and gives tests a small list with persons, organizations, strong and
//! weak aliases, passports and wallet addresses. Each entry keeps its OFAC
//! `ent_num` as its id (`demo:43377`) and says `OFAC SDN 43377` in its notes.

use std::path::Path;

use super::{SourceError, custom};
use crate::model::Entity;

/// Source id of the demo list.
pub const DEMO_SOURCE_ID: &str = "demo";

/// The demo list in the custom CSV format.
pub const DEMO_CSV: &str = include_str!("demo.csv");

/// The demo list's entities, ids `demo:{OFAC ent_num}`.
pub fn demo_entities() -> Result<Vec<Entity>, SourceError> {
    let mut entities = Vec::new();
    custom::parse_reader(
        DEMO_CSV.as_bytes(),
        Path::new("demo.csv"),
        DEMO_SOURCE_ID,
        &mut |entity| {
            entities.push(entity);
            Ok(())
        },
    )?;
    Ok(entities)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IdKind, NameQuality, Schema};

    fn demo(id: &str) -> Entity {
        demo_entities()
            .unwrap()
            .into_iter()
            .find(|entity| entity.id == format!("demo:{id}"))
            .unwrap_or_else(|| panic!("demo:{id} missing"))
    }

    fn names(entity: &Entity, quality: NameQuality) -> Vec<&str> {
        entity
            .names
            .iter()
            .filter(|name| name.quality == quality)
            .map(|name| name.full.as_str())
            .collect()
    }

    #[test]
    fn holds_the_eight_entities() {
        let entities = demo_entities().unwrap();
        let ids: Vec<&str> = entities.iter().map(Entity::native_id).collect();
        assert_eq!(
            ids,
            [
                "43336", "43337", "43338", "43377", "43379", "12210", "27307", "20157"
            ]
        );
        for entity in &entities {
            let marker = format!("OFAC SDN {}", entity.native_id());
            assert!(entity.remarks[0].starts_with(&marker), "{}", entity.id);
            assert!(!entity.programs.is_empty(), "{}", entity.id);
        }
    }

    #[test]
    fn kim_sang_man_in_full() {
        let kim = demo("43377");
        assert_eq!(kim.schema, Schema::Person);
        assert_eq!(kim.caption(), "KIM, Sang Man");
        assert_eq!(names(&kim, NameQuality::Strong), ["KIM, Sangman"]);
        assert_eq!(kim.birth_dates[0].to_string(), "1965-04-25");
        assert_eq!(kim.birth_places, ["North Pyongan Province, North Korea"]);
        assert_eq!(kim.nationalities[0].code.as_deref(), Some("KP"));
        let passports: Vec<&str> = kim
            .identifiers
            .iter()
            .filter(|id| id.kind == IdKind::Passport)
            .map(|id| id.value.as_str())
            .collect();
        assert_eq!(passports, ["109420132", "827220538", "563220082"]);
        let wallets: Vec<(&str, &str)> = kim
            .wallets
            .iter()
            .map(|w| (w.currency.as_str(), w.address.as_str()))
            .collect();
        let shared = "0xb6f5ec1a0a9cd1526536d3f0426c429529471f40";
        assert_eq!(
            wallets,
            [
                ("XBT", "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ"),
                ("XBT", "1FCNgfZWpYMeYhy9t18AAkTBu8AsdoAc1Z"),
                ("ETH", "0x97b1043abd9e6fc31681635166d430a458d14f9c"),
                ("ETH", shared),
                ("USDT", shared),
                ("USDC", shared),
            ]
        );
        assert_eq!(kim.country_codes(), ["KP", "RU"]);
        assert_eq!(kim.programs, ["DPRK4"]);
        assert_eq!(
            kim.listed_on.map(|d| d.to_string()).as_deref(),
            Some("2023-05-23")
        );
    }

    #[test]
    fn organizations_with_strong_and_weak_aliases() {
        let university = demo("43336");
        let strong = names(&university, NameQuality::Strong);
        for alias in [
            "MIRIM COLLEGE",
            "MIRIM UNIVERSITY",
            "UNIVERSITY OF AUTOMATION",
        ] {
            assert!(strong.contains(&alias), "{alias}");
        }
        assert_eq!(university.established[0].to_string(), "1981");
        let bureau = demo("43337");
        let strong = names(&bureau, NameQuality::Strong);
        assert!(strong.contains(&"3RD BUREAU OF THE RGB"));
        assert!(strong.contains(&"TECHNICAL RECONNAISSANCE TEAM"));
        assert_eq!(names(&bureau, NameQuality::Weak), ["THIRD BUREAU"]);
        let center = demo("43338");
        assert_eq!(names(&center, NameQuality::Weak), ["LAB 110", "UNIT 110"]);
        let cities: Vec<&str> = center
            .addresses
            .iter()
            .filter_map(|a| a.city.as_deref())
            .collect();
        assert_eq!(cities, ["Pyongyang", "Shenyang"]);
        assert_eq!(center.country_codes(), ["KP", "CN"]);
        let chinyong = demo("43379");
        assert_eq!(
            names(&chinyong, NameQuality::Strong),
            ["JINYONG IT COOPERATION COMPANY"]
        );
        let rgb = demo("12210");
        assert_eq!(names(&rgb, NameQuality::Weak), ["RGB"]);
        assert!(names(&rgb, NameQuality::Strong).contains(&"KPA UNIT 586"));
        assert_eq!(rgb.programs, ["DPRK", "DPRK2"]);
        let lazarus = demo("27307");
        let weak = names(&lazarus, NameQuality::Weak);
        for alias in ["HIDDEN COBRA", "GUARDIANS OF PEACE", "OFFICE 91"] {
            assert!(weak.contains(&alias), "{alias}");
        }
        assert_eq!(lazarus.wallets.len(), 8);
    }

    #[test]
    fn kim_jong_un() {
        let kim = demo("20157");
        assert_eq!(kim.schema, Schema::Person);
        assert_eq!(kim.birth_dates[0].to_string(), "1984-01-08");
        assert_eq!(kim.titles, ["Chairman of the Workers' Party of Korea"]);
        assert_eq!(kim.programs, ["DPRK3"]);
    }
}
