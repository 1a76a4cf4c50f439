//! The BIS Denied Persons List text file (`dpl.txt`): tab-separated,
//! fields in double quotes, a header row (`Name`, `Street_Address`,
//! `City`, `State`, `Country`, `Postal_Code`, `Effective_Date`,
//! `Expiration_Date`, `Standard_Order`, `Last_Update`, `Action`,
//! `FR_Citation`), one row per denial order and address.
//!
//! Each row is one entity (the list does not say whether a party is a
//! person or a company, so it is unclassified): the name, the address,
//! `Effective_Date` (`mm/dd/yyyy`) as the listing date, the other columns
//! as remarks `Column: value`. The id is a digest of name, street, city and
//! effective date (see `us_trade`); the latest `Last_Update` is the
//! publication date.

use super::{IdSet, digest_id};
use crate::decode::Fallback;
use crate::model::{Address, Country, Entity, Name, NameQuality, PartialDate, Schema};
use crate::sources::published::{push_unique, read_primary};
use crate::sources::published_csv::PublishedCsv;
use crate::sources::{EntitySink, ListFiles, ListMeta, SourceError};

/// Parses a Denied Persons List text file.
pub fn parse(
    files: &ListFiles,
    source_id: &str,
    sink: &mut EntitySink<'_>,
) -> Result<ListMeta, SourceError> {
    let (decoded, path) = read_primary(files, "Denied Persons List", Fallback::Windows1252)?;
    let mut rows = PublishedCsv::open(&decoded.text, 0, b'\t', &path, "Denied Persons List")?;
    let headers = rows.headers().to_vec();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let name_column = column("Name").ok_or_else(|| {
        SourceError::malformed(&path, 1, "no `Name` column: not a Denied Persons List")
    })?;
    let mut meta = ListMeta::default();
    let mut ids = IdSet::default();
    let mut last = String::new();
    let mut record = csv::StringRecord::new();
    let after = |last: &str| {
        if last.is_empty() {
            String::new()
        } else {
            format!(" (after {last:?})")
        }
    };
    while rows.next_row(&mut record, || after(&last))? {
        // The line is computed only for an error (per row, it would make
        // the import quadratic).
        let line = || rows.line_at(record.position());
        let get = |name: &str| {
            column(name)
                .and_then(|i| record.get(i))
                .map(str::trim)
                .unwrap_or("")
        };
        let name = record.get(name_column).map(str::trim).unwrap_or("");
        if name.is_empty() {
            return Err(SourceError::malformed(&path, line(), "row without Name"));
        }
        let native = digest_id(&[
            name,
            get("Street_Address"),
            get("City"),
            get("Effective_Date"),
        ]);
        let mut entity = Entity::new(
            ids.unique(format!("{source_id}:{native}")),
            Schema::Other,
            Name::new(name, NameQuality::Primary).with_detected_script(),
        );
        entity.sublist = Some("Denied Persons List (DPL) - Bureau of Industry and Security".into());
        let text_of = |value: &str| (!value.is_empty()).then(|| value.to_string());
        let address = Address {
            street: text_of(get("Street_Address")),
            city: text_of(get("City")),
            region: text_of(get("State")),
            postal_code: text_of(get("Postal_Code")),
            country: text_of(get("Country")).map(|c| Country::from_text(&c)),
            note: None,
        };
        if !address.is_empty() {
            entity.addresses.push(address);
        }
        entity.listed_on = us_date(get("Effective_Date"));
        if let Some(updated) =
            us_date(get("Last_Update")).or_else(|| PartialDate::parse(get("Last_Update")).ok())
        {
            meta.published = Some(meta.published.map_or(updated, |known| known.max(updated)));
        }
        for (header, value) in headers.iter().zip(record.iter()) {
            let value = value.trim();
            let mapped = [
                "Name",
                "Street_Address",
                "City",
                "State",
                "Country",
                "Postal_Code",
            ];
            if !value.is_empty() && !mapped.iter().any(|m| header.eq_ignore_ascii_case(m)) {
                push_unique(&mut entity.remarks, &format!("{header}: {value}"));
            }
        }
        last = name.to_string();
        sink(entity)?;
        meta.entity_count += 1;
    }
    let records = meta.entity_count;
    meta.finish_primary(&path, records, "no row")
}

/// A US date `mm/dd/yyyy`.
fn us_date(text: &str) -> Option<PartialDate> {
    let mut parts = text.trim().split('/');
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    let year: i32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    PartialDate::ymd(year, month, day)
}
