//! embargo's CSV format for an institution's own list (blocklist, internal
//! watch list), documented for users in `docs/custom-list-format.md`.
//!
//! A header row names the columns (any order, any subset of
//! [`COLUMNS`] that includes `id` and `name`); an unknown column is an
//! error naming it, so a misspelt header never loses a column of data.
//! Cells holding several values separate them with `;`. The file is UTF-8
//! with or without a byte-order mark; the delimiter is `,`, or `;` or tab
//! when the header row uses that.
//!
//! Every error names the file and the line.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

use super::delimiter::header_delimiter;
use super::encoding::{NotUtf8, Utf8Checked};
use super::limits::is_usable_name;
use super::{EntitySink, FileRecords, FileRole, ListFiles, ListMeta, SourceError};
use crate::model::{
    Address, Country, DateSpec, Entity, Gender, IdKind, Identifier, Name, NameQuality, PartialDate,
    Schema, Wallet, country_code,
};

/// A column of the custom format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// `id`: the entry's id, unique in the file (required).
    Id,
    /// `name`: the primary name (required).
    Name,
    /// `type`: `person`, `organization`, `vessel` or `aircraft`.
    Type,
    /// `aliases`: strong aliases.
    Aliases,
    /// `weak_aliases`: weak (low-quality) aliases.
    WeakAliases,
    /// `former_names`: names no longer used.
    FormerNames,
    /// `titles`: titles and positions.
    Titles,
    /// `gender`: `male` or `female`.
    Gender,
    /// `birth_date`: dates of birth.
    BirthDate,
    /// `birth_place`: places of birth.
    BirthPlace,
    /// `nationality`: nationalities (names or ISO codes).
    Nationality,
    /// `country`: countries the entry is located in or tied to.
    Country,
    /// `addresses`: postal addresses, `street, city, country`.
    Addresses,
    /// `identifiers`: `kind:value` items.
    Identifiers,
    /// `programs`: sanctions programs or internal reasons for listing.
    Programs,
    /// `listed_on`: the date the entry was added.
    ListedOn,
    /// `established`: incorporation or establishment dates.
    Established,
    /// `notes`: free text, kept as a remark.
    Notes,
}

/// Every column with its header name, in documentation order.
pub const COLUMNS: [(Column, &str); 18] = [
    (Column::Id, "id"),
    (Column::Name, "name"),
    (Column::Type, "type"),
    (Column::Aliases, "aliases"),
    (Column::WeakAliases, "weak_aliases"),
    (Column::FormerNames, "former_names"),
    (Column::Titles, "titles"),
    (Column::Gender, "gender"),
    (Column::BirthDate, "birth_date"),
    (Column::BirthPlace, "birth_place"),
    (Column::Nationality, "nationality"),
    (Column::Country, "country"),
    (Column::Addresses, "addresses"),
    (Column::Identifiers, "identifiers"),
    (Column::Programs, "programs"),
    (Column::ListedOn, "listed_on"),
    (Column::Established, "established"),
    (Column::Notes, "notes"),
];

/// Other header spellings accepted for a column (singular or plural).
const COLUMN_SYNONYMS: [(&str, Column); 13] = [
    ("alias", Column::Aliases),
    ("weak_alias", Column::WeakAliases),
    ("former_name", Column::FormerNames),
    ("title", Column::Titles),
    ("birth_dates", Column::BirthDate),
    ("birth_places", Column::BirthPlace),
    ("nationalities", Column::Nationality),
    ("countries", Column::Country),
    ("address", Column::Addresses),
    ("identifier", Column::Identifiers),
    ("program", Column::Programs),
    ("note", Column::Notes),
    ("schema", Column::Type),
];

/// Digital currency codes an identifier kind may name; such items become
/// [`Wallet`]s (`xbt:1D6g...`, `eth:0x...`).
pub const WALLET_CURRENCIES: [&str; 22] = [
    "XBT", "BTC", "ETH", "USDT", "USDC", "XMR", "LTC", "ZEC", "DASH", "BTG", "ETC", "BSV", "BCH",
    "XVG", "XRP", "TRX", "ARB", "BSC", "SOL", "DOGE", "BNB", "MATIC",
];

/// Identifier kinds of the `identifiers` column: the words accepted before
/// the colon, the kind, and the label stored with it.
pub const IDENTIFIER_KINDS: [(&[&str], IdKind, Option<&str>); 16] = [
    (&["passport"], IdKind::Passport, None),
    (&["national_id", "nid", "id_card"], IdKind::NationalId, None),
    (&["tax_id", "tax", "tin"], IdKind::TaxId, None),
    (&["inn"], IdKind::TaxId, Some("INN")),
    (&["vat"], IdKind::TaxId, Some("VAT")),
    (&["registration", "reg"], IdKind::Registration, None),
    (&["ogrn"], IdKind::Registration, Some("OGRN")),
    (&["lei"], IdKind::Registration, Some("LEI")),
    (&["imo"], IdKind::Imo, None),
    (&["mmsi"], IdKind::Mmsi, None),
    (&["call_sign", "callsign"], IdKind::CallSign, None),
    (&["email"], IdKind::Email, None),
    (&["website", "url"], IdKind::Website, None),
    (&["phone", "tel"], IdKind::Phone, None),
    (
        &["aircraft", "tail_number", "serial"],
        IdKind::Aircraft,
        None,
    ),
    (&["other"], IdKind::Other, None),
];

/// Parses the custom-list CSV named by `files` (its primary file); see
/// [`parse_reader`].
pub fn parse(
    files: &ListFiles,
    source_id: &str,
    sink: &mut EntitySink<'_>,
) -> Result<ListMeta, SourceError> {
    let (file, path) = files.open_primary("custom list")?;
    parse_reader(file, path, source_id, sink)
}

/// Parses a custom-list CSV from `reader`, naming `label` in errors, and
/// hands one entity per row to `sink` with the id `{source_id}:{id}`.
pub fn parse_reader<R: Read>(
    reader: R,
    label: &Path,
    source_id: &str,
    sink: &mut EntitySink<'_>,
) -> Result<ListMeta, SourceError> {
    let mut input = BufReader::new(reader);
    let (header_line, bom_length) = read_header_line(&mut input, label)?;
    let delimiter = header_delimiter(&header_line);
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(QuoteCounter::new(Utf8Checked::starting_at(
            Cursor::new(header_line).chain(input),
            bom_length,
        )));
    let header = csv
        .headers()
        .map_err(|error| csv_error(label, &error))?
        .clone();
    let columns =
        header_columns(&header).map_err(|message| SourceError::malformed(label, 1, message))?;
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut meta = ListMeta::default();
    let mut record = csv::StringRecord::new();
    let mut last_line = 1;
    let mut rows = 0usize;
    while csv
        .read_record(&mut record)
        .map_err(|error| csv_error(label, &error))?
    {
        let line = record.position().map_or(0, csv::Position::line);
        last_line = line;
        if record.iter().all(str::is_empty) {
            continue;
        }
        rows += 1;
        let malformed = |message: String| SourceError::malformed(label, line, message);
        let row = Row::new(&columns, &record);
        let entity = row_entity(&row, source_id).map_err(malformed)?;
        if let Some(first) = seen.insert(entity.native_id().to_string(), line) {
            return Err(malformed(format!(
                "id {:?} already used on line {first}; ids must be unique",
                entity.native_id()
            )));
        }
        sink(entity)?;
        meta.entity_count += 1;
    }
    if let Some(problem) = csv.get_ref().truncation() {
        return Err(SourceError::malformed(label, last_line, problem));
    }
    if meta.entity_count == 0 {
        return Err(SourceError::invalid(
            label,
            "no entries below the header: an empty list would remove every entry of the \
             previous version",
        ));
    }
    meta.records.push(FileRecords {
        role: FileRole::Primary,
        path: label.to_path_buf(),
        records: rows,
    });
    Ok(meta)
}

/// A reader that watches for truncation, which the CSV reader cannot see:
/// it counts the double quotes passing through (in a complete file they
/// pair up, so an odd count means the file stops inside a quoted cell) and
/// keeps the last byte (a complete file ends its last row with a line
/// break; a file cut inside a row does not).
struct QuoteCounter<R> {
    inner: R,
    quotes: u64,
    last_byte: Option<u8>,
}

impl<R: Read> QuoteCounter<R> {
    fn new(inner: R) -> QuoteCounter<R> {
        QuoteCounter {
            inner,
            quotes: 0,
            last_byte: None,
        }
    }

    /// Why the input looks cut short, if it does.
    fn truncation(&self) -> Option<&'static str> {
        if self.quotes % 2 == 1 {
            Some("the file ends inside a quoted cell (truncated file, or a quote without its pair)")
        } else if !matches!(self.last_byte, Some(b'\n' | b'\r')) {
            Some(
                "the last row has no line break after it, so the file may be truncated; if it \
                 is complete, end it with a line break",
            )
        } else {
            None
        }
    }
}

impl<R: Read> Read for QuoteCounter<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buffer)?;
        let bytes = &buffer[..read];
        self.quotes += bytes.iter().filter(|&&b| b == b'"').count() as u64;
        self.last_byte = bytes.last().copied().or(self.last_byte);
        Ok(read)
    }
}

/// Reads the header line (with its line end), dropping a UTF-8 byte-order
/// mark; returns it and the length of the mark dropped. An empty input is
/// an error.
fn read_header_line<R: BufRead>(
    input: &mut R,
    label: &Path,
) -> Result<(Vec<u8>, u64), SourceError> {
    let mut line = Vec::new();
    input
        .read_until(b'\n', &mut line)
        .map_err(|error| SourceError::io(label, error))?;
    let mut bom_length = 0;
    if line.starts_with(b"\xEF\xBB\xBF") {
        line.drain(..3);
        bom_length = 3;
    }
    if line.iter().all(u8::is_ascii_whitespace) {
        return Err(SourceError::invalid(
            label,
            "empty file: a custom list needs a header row with at least `id` and `name`",
        ));
    }
    Ok((line, bom_length))
}

/// The error for a CSV reading failure, with its line (and byte offset
/// for bytes that are not UTF-8).
fn csv_error(label: &Path, error: &csv::Error) -> SourceError {
    if let csv::ErrorKind::Io(io) = error.kind()
        && let Some(not_utf8) = NotUtf8::from_io(io)
    {
        return SourceError::not_utf8(label, not_utf8);
    }
    let line = error.position().map_or(1, csv::Position::line);
    let message = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text: save the list as UTF-8 CSV".to_string(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        _ => error.to_string(),
    };
    SourceError::malformed(label, line, message)
}

/// The column a header cell names, accepting case, spaces and dashes
/// freely (`Weak Aliases`, `weak-aliases`).
pub(crate) fn column_named(header: &str) -> Option<Column> {
    let folded: String = header
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    COLUMNS
        .iter()
        .find(|(_, name)| *name == folded)
        .map(|(column, _)| *column)
        .or_else(|| {
            COLUMN_SYNONYMS
                .iter()
                .find(|(name, _)| *name == folded)
                .map(|(_, column)| *column)
        })
}

/// The columns of the header row, in order; an error for an unknown or
/// repeated column, or when `id` or `name` is missing.
fn header_columns(header: &csv::StringRecord) -> Result<Vec<Column>, String> {
    let mut columns: Vec<Column> = Vec::with_capacity(header.len());
    for cell in header {
        let column = column_named(cell).ok_or_else(|| {
            let known: Vec<&str> = COLUMNS.iter().map(|(_, name)| *name).collect();
            format!(
                "unknown column {cell:?} in the header (known columns: {})",
                known.join(", ")
            )
        })?;
        if columns.contains(&column) {
            return Err(format!("column {cell:?} appears twice in the header"));
        }
        columns.push(column);
    }
    for required in [Column::Id, Column::Name] {
        if !columns.contains(&required) {
            return Err(format!(
                "the header has no `{}` column (required: id, name)",
                column_name(required)
            ));
        }
    }
    Ok(columns)
}

/// The header name of a column.
fn column_name(column: Column) -> &'static str {
    COLUMNS
        .iter()
        .find(|(known, _)| *known == column)
        .map_or("?", |(_, name)| name)
}

/// One data row, its cells looked up by column.
struct Row<'a> {
    cells: HashMap<Column, &'a str>,
}

impl<'a> Row<'a> {
    fn new(columns: &[Column], record: &'a csv::StringRecord) -> Row<'a> {
        Row {
            cells: columns.iter().copied().zip(record.iter()).collect(),
        }
    }

    /// The cell of a column, empty when the column is absent.
    fn cell(&self, column: Column) -> &'a str {
        self.cells.get(&column).copied().unwrap_or("")
    }

    /// The `;`-separated items of a cell, trimmed, empty items dropped.
    fn items(&self, column: Column) -> impl Iterator<Item = &'a str> + 'a {
        split_items(self.cell(column))
    }
}

/// The `;`-separated items of a cell, trimmed, empty ones dropped.
pub fn split_items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';')
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

/// Prefixes a message with the column it is about.
fn in_column(column: Column) -> impl Fn(String) -> String {
    move |message| format!("column {}: {message}", column_name(column))
}

/// Turns one row into an entity; errors are messages naming the column.
fn row_entity(row: &Row<'_>, source_id: &str) -> Result<Entity, String> {
    let id = row.cell(Column::Id);
    if id.is_empty() {
        return Err("empty id (every entry needs a unique id)".to_string());
    }
    let name = row.cell(Column::Name);
    if name.is_empty() {
        return Err(format!("entry {id:?} has an empty name"));
    }
    if !is_usable_name(name) {
        return Err(format!(
            "entry {id:?} has no name: {name:?} has no letter or digit"
        ));
    }
    let schema = entry_type(row.cell(Column::Type)).map_err(in_column(Column::Type))?;
    let mut entity = Entity::new(
        format!("{source_id}:{id}"),
        schema,
        entry_name(name, schema, NameQuality::Primary),
    );
    apply_names(&mut entity, row);
    apply_person(&mut entity, row)?;
    apply_countries(&mut entity, row)?;
    apply_identifiers(&mut entity, row).map_err(in_column(Column::Identifiers))?;
    apply_listing(&mut entity, row)?;
    Ok(entity)
}

/// The `type` cell as a schema: `person`, `organization`, `vessel`,
/// `aircraft` (and their synonyms such as `individual`, `company`, `ship`).
/// An empty cell gives [`Schema::Other`]: an entry of unstated kind is not
/// guessed to be an organization or a person.
pub(crate) fn entry_type(cell: &str) -> Result<Schema, String> {
    if cell.is_empty() {
        return Ok(Schema::Other);
    }
    Schema::parse(cell).ok_or_else(|| {
        format!("unknown type {cell:?} (use person, organization, vessel or aircraft)")
    })
}

/// A name of an entry: persons written `LAST, First` get their family and
/// given parts.
fn entry_name(text: &str, schema: Schema, quality: NameQuality) -> Name {
    if schema == Schema::Person {
        Name::from_last_first(text, quality)
    } else {
        Name::new(text, quality)
    }
}

/// `aliases`, `weak_aliases`, `former_names`.
fn apply_names(entity: &mut Entity, row: &Row<'_>) {
    let kinds = [
        (Column::Aliases, NameQuality::Strong),
        (Column::WeakAliases, NameQuality::Weak),
        (Column::FormerNames, NameQuality::Former),
    ];
    for (column, quality) in kinds {
        for alias in row.items(column) {
            let name = entry_name(alias, entity.schema, quality);
            entity.add_name(name);
        }
    }
}

/// `titles`, `gender`, `birth_date`, `birth_place`.
fn apply_person(entity: &mut Entity, row: &Row<'_>) -> Result<(), String> {
    entity
        .titles
        .extend(row.items(Column::Titles).map(String::from));
    let gender = row.cell(Column::Gender);
    if !gender.is_empty() {
        let parsed = Gender::parse(gender)
            .ok_or_else(|| format!("unknown gender {gender:?} (use male or female)"));
        entity.gender = Some(parsed.map_err(in_column(Column::Gender))?);
    }
    entity.birth_dates = date_specs(row, Column::BirthDate)?;
    entity.established = date_specs(row, Column::Established)?;
    entity
        .birth_places
        .extend(row.items(Column::BirthPlace).map(String::from));
    Ok(())
}

/// The dates of a `;`-separated date column, in any form
/// [`DateSpec::parse`] reads.
fn date_specs(row: &Row<'_>, column: Column) -> Result<Vec<DateSpec>, String> {
    row.items(column)
        .map(|item| DateSpec::parse(item).map_err(|error| in_column(column)(error.to_string())))
        .collect()
}

/// A recognized country from a name or ISO code; an unknown one is an
/// error, so that a misspelt country is noticed.
pub(crate) fn known_country(text: &str) -> Result<Country, String> {
    let country = Country::from_text(text);
    match country.code {
        Some(_) => Ok(country),
        None => Err(format!(
            "{text:?} is not a recognized country name or ISO code"
        )),
    }
}

/// `nationality`, `addresses`, `country` (a country not already in an
/// address becomes an address holding only that country).
fn apply_countries(entity: &mut Entity, row: &Row<'_>) -> Result<(), String> {
    for item in row.items(Column::Nationality) {
        let country = known_country(item).map_err(in_column(Column::Nationality))?;
        entity.nationalities.push(country);
    }
    entity
        .addresses
        .extend(row.items(Column::Addresses).map(parse_address));
    for item in row.items(Column::Country) {
        let country = known_country(item).map_err(in_column(Column::Country))?;
        let known = entity
            .addresses
            .iter()
            .any(|address| address.country.as_ref().map(|c| &c.code) == Some(&country.code));
        if !known {
            entity.addresses.push(Address {
                country: Some(country),
                ..Address::default()
            });
        }
    }
    Ok(())
}

/// An address written `street, city, country`: the last part (or last two,
/// as in `Korea, North`) is the country when recognized, the part before it
/// the city, and anything before that the street.
pub(crate) fn parse_address(text: &str) -> Address {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let (rest, country) = split_country(&parts);
    let (street, city) = match rest.split_last() {
        Some((city, street)) if !street.is_empty() => (Some(street.join(", ")), Some(*city)),
        Some((city, _)) => (None, Some(*city)),
        None => (None, None),
    };
    Address {
        street,
        city: city.filter(|city| !city.is_empty()).map(String::from),
        country,
        ..Address::default()
    }
}

/// Splits a recognized country off the end of comma-separated parts.
fn split_country<'p, 'a>(parts: &'p [&'a str]) -> (&'p [&'a str], Option<Country>) {
    for taken in [2, 1] {
        if parts.len() < taken {
            continue;
        }
        let (rest, tail) = parts.split_at(parts.len() - taken);
        let text = tail.join(", ");
        if country_code(&text).is_some() {
            return (rest, Some(Country::from_text(&text)));
        }
    }
    (parts, None)
}

/// `identifiers`: `kind:value` items; currency codes give wallets.
fn apply_identifiers(entity: &mut Entity, row: &Row<'_>) -> Result<(), String> {
    for item in row.items(Column::Identifiers) {
        match parse_identifier(item)? {
            Identified::Id(identifier) => entity.identifiers.push(identifier),
            Identified::Wallet(wallet) => entity.wallets.push(wallet),
        }
    }
    Ok(())
}

/// What one `identifiers` item is.
#[derive(Debug, PartialEq, Eq)]
pub enum Identified {
    /// A document number, registration, email, ...
    Id(Identifier),
    /// A digital currency address.
    Wallet(Wallet),
}

/// Reads one `kind:value` item. A value ending in `(Country)` with a
/// recognized country gets that issuing country (`passport:109420132
/// (Korea, North)`).
pub fn parse_identifier(item: &str) -> Result<Identified, String> {
    let (kind, value) = item
        .split_once(':')
        .map(|(kind, value)| (kind.trim(), value.trim()))
        .filter(|(kind, value)| !kind.is_empty() && !value.is_empty())
        .ok_or_else(|| format!("{item:?} is not kind:value (e.g. passport:109420132)"))?;
    let upper = kind.to_ascii_uppercase();
    if WALLET_CURRENCIES.contains(&upper.as_str()) {
        return Ok(Identified::Wallet(Wallet {
            currency: upper,
            address: value.to_string(),
        }));
    }
    let folded = kind.to_ascii_lowercase().replace(['-', ' '], "_");
    let (_, id_kind, label) = IDENTIFIER_KINDS
        .iter()
        .find(|(names, _, _)| names.contains(&folded.as_str()))
        .ok_or_else(|| unknown_identifier_kind(kind))?;
    let (value, country) = split_issuing_country(value);
    Ok(Identified::Id(Identifier {
        country,
        label: label.map(String::from),
        ..Identifier::new(*id_kind, value)
    }))
}

/// The error for an identifier kind that is neither a known kind nor a
/// currency code.
fn unknown_identifier_kind(kind: &str) -> String {
    let kinds: Vec<&str> = IDENTIFIER_KINDS
        .iter()
        .map(|(names, _, _)| names[0])
        .collect();
    format!(
        "unknown identifier kind {kind:?} (kinds: {}; wallets: {})",
        kinds.join(", "),
        WALLET_CURRENCIES.join(", ").to_lowercase()
    )
}

/// Splits `109420132 (Korea, North)` into the number and the country; a
/// parenthesis that is not a country stays part of the value.
fn split_issuing_country(value: &str) -> (&str, Option<Country>) {
    if let Some(inner) = value.strip_suffix(')')
        && let Some((number, country)) = inner.rsplit_once('(')
        && !number.trim().is_empty()
        && country_code(country).is_some()
    {
        return (number.trim(), Some(Country::from_text(country)));
    }
    (value, None)
}

/// `programs`, `listed_on`, `notes`.
fn apply_listing(entity: &mut Entity, row: &Row<'_>) -> Result<(), String> {
    entity
        .programs
        .extend(row.items(Column::Programs).map(String::from));
    let listed_on = row.cell(Column::ListedOn);
    if !listed_on.is_empty() {
        let date = PartialDate::parse(listed_on)
            .map_err(|error| in_column(Column::ListedOn)(error.to_string()))?;
        entity.listed_on = Some(date);
    }
    let notes = row.cell(Column::Notes);
    if !notes.is_empty() {
        entity.remarks.push(notes.to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests;
