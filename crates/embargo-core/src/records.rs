//! Reading files of records to screen: customer bases, vendor masters,
//! applicant pools, labelled evaluation sets.
//!
//! A file is CSV (any common delimiter, header row required, UTF-8 with or
//! without BOM) or JSON lines (one object per line). Columns are mapped to
//! query fields by name, with defaults that cover the usual spellings
//! (`name`/`full_name`, `dob`/`date_of_birth`, `country`/`nationality`,
//! ...) and overrides given as `name=COL,dob=COL,...`.
//!
//! Records stream one at a time. A malformed row (wrong number of columns,
//! no name, text that is not UTF-8) is an `Err` for that row only, naming
//! its line, so a caller can report it and carry on; a problem with the
//! file as a whole (unreadable, not UTF-8 at all, no usable header) ends
//! the stream with an error.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};

use crate::matching::{Query, parse_query_type};
use crate::model::{DateSpec, Gender, country_code};

/// A query field a column can feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The record's own reference (customer number).
    Ref,
    /// Full name.
    Name,
    /// Given name, used when there is no full name column.
    FirstName,
    /// Middle name, used with [`Field::FirstName`].
    MiddleName,
    /// Family name, used with [`Field::FirstName`].
    LastName,
    /// Date of birth or incorporation.
    BirthDate,
    /// Nationality, citizenship or country.
    Country,
    /// Identifier number (passport, national id, registration, ...).
    Identifier,
    /// Entity type (person, organization, vessel, aircraft, any).
    Type,
    /// Gender.
    Gender,
    /// Digital currency address.
    Wallet,
    /// An expected entity id, in labelled evaluation sets.
    Expected,
}

impl Field {
    /// Every field.
    pub const ALL: [Field; 12] = [
        Field::Ref,
        Field::Name,
        Field::FirstName,
        Field::MiddleName,
        Field::LastName,
        Field::BirthDate,
        Field::Country,
        Field::Identifier,
        Field::Type,
        Field::Gender,
        Field::Wallet,
        Field::Expected,
    ];

    /// The key used for the field in `--columns` (`name`, `dob`, ...).
    pub fn key(self) -> &'static str {
        match self {
            Field::Ref => "ref",
            Field::Name => "name",
            Field::FirstName => "first_name",
            Field::MiddleName => "middle_name",
            Field::LastName => "last_name",
            Field::BirthDate => "dob",
            Field::Country => "country",
            Field::Identifier => "id",
            Field::Type => "type",
            Field::Gender => "gender",
            Field::Wallet => "address",
            Field::Expected => "expected",
        }
    }

    /// Header names recognized for the field when no mapping is given,
    /// compared case-insensitively with spaces, dashes and underscores
    /// ignored.
    pub fn default_headers(self) -> &'static [&'static str] {
        match self {
            Field::Ref => &[
                "ref",
                "reference",
                "id",
                "customerid",
                "customernumber",
                "recordid",
                "clientid",
                "accountid",
            ],
            Field::Name => &[
                "name",
                "fullname",
                "customername",
                "entityname",
                "legalname",
                "companyname",
            ],
            Field::FirstName => &["firstname", "givenname", "forename"],
            Field::MiddleName => &["middlename", "middlenames"],
            Field::LastName => &["lastname", "surname", "familyname"],
            Field::BirthDate => &[
                "dob",
                "dateofbirth",
                "birthdate",
                "birthday",
                "incorporationdate",
                "dateofincorporation",
            ],
            Field::Country => &[
                "country",
                "nationality",
                "citizenship",
                "countrycode",
                "countryofresidence",
                "residence",
            ],
            Field::Identifier => &[
                "idnumber",
                "identifier",
                "passport",
                "passportnumber",
                "nationalid",
                "registrationnumber",
                "taxid",
                "imo",
                "imonumber",
            ],
            Field::Type => &["type", "entitytype", "schema", "kind"],
            Field::Gender => &["gender", "sex"],
            Field::Wallet => &[
                "address",
                "wallet",
                "walletaddress",
                "cryptowallet",
                "cryptoaddress",
                "digitalcurrencyaddress",
            ],
            Field::Expected => &["expected", "expectedid", "expectedentity", "entityid"],
        }
    }

    /// Parses a `--columns` key, accepting the field keys and a few
    /// synonyms (`birth_date`, `nationality`, `wallet`).
    pub fn parse(key: &str) -> Option<Field> {
        let folded = fold_header(key);
        Field::ALL
            .into_iter()
            .find(|field| fold_header(field.key()) == folded)
            .or(match folded.as_str() {
                "birthdate" | "dateofbirth" => Some(Field::BirthDate),
                "nationality" => Some(Field::Country),
                "wallet" => Some(Field::Wallet),
                "identifier" | "idnumber" => Some(Field::Identifier),
                "reference" => Some(Field::Ref),
                "fullname" => Some(Field::Name),
                _ => None,
            })
    }
}

fn fold_header(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// User-given column names for fields, overriding the defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    columns: Vec<(Field, String)>,
}

/// Why a file of records cannot be read (as opposed to one bad row).
#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
    /// The `--columns` value is malformed.
    #[error("--columns: {0}")]
    ColumnSpec(String),
    /// Reading failed.
    #[error("{label}: cannot read: {source}")]
    Io {
        /// The file (or `-`).
        label: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file is not in a supported encoding.
    #[error("{label}: {message}")]
    Encoding {
        /// The file.
        label: String,
        /// What was found.
        message: String,
    },
    /// The header does not allow screening.
    #[error("{label}: header: {message}")]
    Header {
        /// The file.
        label: String,
        /// What is wrong.
        message: String,
    },
    /// The CSV structure is broken beyond one row (e.g. an unterminated
    /// quote running to the end of the file).
    #[error("{label}:{line}: {message}")]
    Structure {
        /// The file.
        label: String,
        /// Line where the broken part starts.
        line: u64,
        /// What is wrong.
        message: String,
    },
}

impl ColumnMap {
    /// Parses `name=COL,dob=COL,...`. Keys are field keys (see
    /// [`Field::key`]); a column name may not be empty.
    pub fn parse(spec: &str) -> Result<ColumnMap, RecordsError> {
        let mut columns = Vec::new();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, column) = part
                .split_once('=')
                .ok_or_else(|| RecordsError::ColumnSpec(format!("{part:?} is not FIELD=COLUMN")))?;
            let field = Field::parse(key).ok_or_else(|| {
                let known: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
                RecordsError::ColumnSpec(format!(
                    "unknown field {key:?} (known: {})",
                    known.join(", ")
                ))
            })?;
            if column.trim().is_empty() {
                return Err(RecordsError::ColumnSpec(format!(
                    "empty column name for {key}"
                )));
            }
            columns.push((field, column.trim().to_string()));
        }
        Ok(ColumnMap { columns })
    }

    fn column_for(&self, field: Field) -> Option<&str> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, column)| column.as_str())
    }
}

/// A record read from a file, as a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// 1-based line where the record starts.
    pub line: u64,
    /// 1-based data row number (the header is not a row).
    pub row: u64,
    /// The reference column's value, or the row number when there is none.
    pub reference: String,
    /// What to screen.
    pub query: Query,
    /// The expected entity id, in labelled sets.
    pub expected: Option<String>,
    /// Fields that were present but unreadable and were left out of the
    /// query (`dob "unknown" is not a date`).
    pub warnings: Vec<String>,
}

/// One row that could not be turned into a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line where the row starts.
    pub line: u64,
    /// 1-based data row number.
    pub row: u64,
    /// What is wrong.
    pub message: String,
    /// The row's text as far as it could be recovered (for a rejects file).
    pub raw: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The format of a records file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFormat {
    /// Delimited text with a header row.
    Csv,
    /// One JSON object per line.
    JsonLines,
}

/// Where each field is read from in a CSV row.
#[derive(Debug, Clone, Default)]
struct Layout {
    positions: HashMap<Field, usize>,
    width: usize,
}

/// Streams records from a CSV or JSON-lines source.
pub struct RecordReader<R: Read> {
    label: String,
    source: Source<R>,
    columns: ColumnMap,
    rows_seen: u64,
    finished: bool,
}

enum Source<R: Read> {
    Csv {
        reader: csv::Reader<BufReader<R>>,
        layout: Layout,
        headers: Vec<String>,
    },
    Json {
        lines: BufReader<R>,
        line: u64,
    },
}

const SNIFF_BYTES: usize = 64 * 1024;

/// Longest name, identifier or address screened, in bytes. Longer text is
/// not a name (a pasted document, a corrupt export) and would cost a
/// screening run far more than a row; such a row is rejected.
pub const MAX_FIELD_BYTES: usize = 4096;

impl<R: Read> RecordReader<R> {
    /// Opens a records stream. `label` names the source in messages (a
    /// path, or `-` for standard input); `format` is sniffed from the
    /// content when `None` (a first non-blank character `{` means JSON
    /// lines).
    pub fn new(
        reader: R,
        label: &str,
        format: Option<RecordFormat>,
        columns: ColumnMap,
    ) -> Result<RecordReader<R>, RecordsError> {
        let mut buffered = BufReader::with_capacity(SNIFF_BYTES, reader);
        let head = buffered
            .fill_buf()
            .map_err(|source| RecordsError::Io {
                label: label.to_string(),
                source,
            })?
            .to_vec();
        check_encoding(&head, label)?;
        if head.starts_with(b"\xEF\xBB\xBF") {
            buffered.consume(3);
        }
        let format = format.unwrap_or_else(|| sniff_format(&head));
        let source = match format {
            RecordFormat::JsonLines => Source::Json {
                lines: buffered,
                line: 0,
            },
            RecordFormat::Csv => open_csv(buffered, &head, label, &columns)?,
        };
        Ok(RecordReader {
            label: label.to_string(),
            source,
            columns,
            rows_seen: 0,
            finished: false,
        })
    }

    /// The columns of a CSV file as found in its header (empty for JSON).
    pub fn headers(&self) -> &[String] {
        match &self.source {
            Source::Csv { headers, .. } => headers,
            Source::Json { .. } => &[],
        }
    }

    /// The next record, a bad row, or a fatal error; `None` at the end.
    pub fn next_record(&mut self) -> Option<Result<Result<Record, RowError>, RecordsError>> {
        if self.finished {
            return None;
        }
        let next = match &mut self.source {
            Source::Csv { reader, layout, .. } => next_csv_row(reader, layout, &self.label),
            Source::Json { lines, line } => next_json_row(lines, line, &self.label, &self.columns),
        };
        match next {
            None => {
                self.finished = true;
                None
            }
            Some(Err(fatal)) => {
                self.finished = true;
                Some(Err(fatal))
            }
            Some(Ok(row)) => {
                self.rows_seen += 1;
                Some(Ok(row.into_record(self.rows_seen)))
            }
        }
    }
}

impl<R: Read> Iterator for RecordReader<R> {
    type Item = Result<Result<Record, RowError>, RecordsError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record()
    }
}

/// Refuses UTF-16/UTF-32 and text that is not UTF-8 in its first block.
fn check_encoding(head: &[u8], label: &str) -> Result<(), RecordsError> {
    let encoding_error = |message: &str| RecordsError::Encoding {
        label: label.to_string(),
        message: message.to_string(),
    };
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Err(encoding_error(
            "the file is UTF-16 encoded; save it as UTF-8 (with or without BOM)",
        ));
    }
    if let Err(error) = std::str::from_utf8(head) {
        // A character cut at the end of the sniffed block is not an error.
        let cut_at_end = error.error_len().is_none() && head.len() >= SNIFF_BYTES - 4;
        if !cut_at_end {
            let line = head[..error.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            return Err(encoding_error(&format!(
                "line {line}: not UTF-8 text (byte {:#04x}); convert the file to UTF-8 \
                 (it may be Latin-1 or Windows-1252)",
                head[error.valid_up_to()]
            )));
        }
    }
    Ok(())
}

fn sniff_format(head: &[u8]) -> RecordFormat {
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => RecordFormat::JsonLines,
        _ => RecordFormat::Csv,
    }
}

/// The delimiter used most often in the header line, among `,` `;` tab `|`.
fn sniff_delimiter(head: &[u8]) -> u8 {
    let first_line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|&d| (first_line.iter().filter(|&&b| b == d).count(), d == b','))
        .unwrap_or(b',')
}

fn open_csv<R: Read>(
    buffered: BufReader<R>,
    head: &[u8],
    label: &str,
    columns: &ColumnMap,
) -> Result<Source<R>, RecordsError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(head))
        .flexible(true)
        .has_headers(true)
        .from_reader(buffered);
    let header_error = |message: String| RecordsError::Header {
        label: label.to_string(),
        message,
    };
    let headers: Vec<String> = reader
        .byte_headers()
        .map_err(|error| header_error(error.to_string()))?
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim()
                .trim_start_matches('\u{feff}')
                .to_string()
        })
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(header_error(
            "the file is empty or has no header row".to_string(),
        ));
    }
    let layout = resolve_layout(&headers, columns).map_err(header_error)?;
    Ok(Source::Csv {
        reader,
        layout,
        headers,
    })
}

/// Finds each field's column: the user's mapping first, else the first
/// header among the field's defaults.
fn resolve_layout(headers: &[String], columns: &ColumnMap) -> Result<Layout, String> {
    let folded: Vec<String> = headers.iter().map(|h| fold_header(h)).collect();
    let mut positions = HashMap::new();
    for field in Field::ALL {
        let position = match columns.column_for(field) {
            Some(column) => Some(
                headers
                    .iter()
                    .position(|h| h == column)
                    .or_else(|| folded.iter().position(|h| *h == fold_header(column)))
                    .ok_or_else(|| {
                        format!(
                            "no column {column:?} for {} (columns are: {})",
                            field.key(),
                            headers.join(", ")
                        )
                    })?,
            ),
            None => field
                .default_headers()
                .iter()
                .find_map(|default| folded.iter().position(|h| h == default)),
        };
        if let Some(position) = position {
            positions.insert(field, position);
        }
    }
    let has_name = positions.contains_key(&Field::Name)
        || positions.contains_key(&Field::FirstName)
        || positions.contains_key(&Field::LastName);
    let has_key =
        positions.contains_key(&Field::Identifier) || positions.contains_key(&Field::Wallet);
    if !has_name && !has_key {
        return Err(format!(
            "no name column found (looked for name, full_name, first_name/last_name; \
             map one with --columns name=COLUMN); columns are: {}",
            headers.join(", ")
        ));
    }
    Ok(Layout {
        positions,
        width: headers.len(),
    })
}

/// A row read from the file before it becomes a [`Record`].
struct RawRow {
    line: u64,
    values: Result<HashMap<Field, Vec<String>>, (String, String)>,
}

impl RawRow {
    fn into_record(self, row: u64) -> Result<Record, RowError> {
        let line = self.line;
        let values = self.values.map_err(|(message, raw)| RowError {
            line,
            row,
            message,
            raw,
        })?;
        build_record(values, line, row)
    }
}

fn next_csv_row<R: Read>(
    reader: &mut csv::Reader<BufReader<R>>,
    layout: &Layout,
    label: &str,
) -> Option<Result<RawRow, RecordsError>> {
    let mut record = csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(false) => None,
        Ok(true) => {
            let line = record.position().map_or(0, csv::Position::line);
            Some(Ok(RawRow {
                line,
                values: csv_values(&record, layout),
            }))
        }
        Err(error) => {
            let line = error.position().map_or(0, csv::Position::line);
            match error.kind() {
                csv::ErrorKind::Io(io) => Some(Err(RecordsError::Io {
                    label: label.to_string(),
                    source: std::io::Error::new(io.kind(), io.to_string()),
                })),
                _ => Some(Err(RecordsError::Structure {
                    label: label.to_string(),
                    line,
                    message: error.to_string(),
                })),
            }
        }
    }
}

fn raw_text(record: &csv::ByteRecord) -> String {
    record
        .iter()
        .map(|field| String::from_utf8_lossy(field).into_owned())
        .collect::<Vec<_>>()
        .join(",")
}

fn csv_values(
    record: &csv::ByteRecord,
    layout: &Layout,
) -> Result<HashMap<Field, Vec<String>>, (String, String)> {
    if record.len() != layout.width {
        return Err((
            format!(
                "{} columns where the header has {}",
                record.len(),
                layout.width
            ),
            raw_text(record),
        ));
    }
    let mut values = HashMap::new();
    for (&field, &position) in &layout.positions {
        let bytes = record.get(position).unwrap_or_default();
        let text = std::str::from_utf8(bytes).map_err(|_| {
            (
                format!("column {} is not UTF-8 text", position + 1),
                raw_text(record),
            )
        })?;
        values.insert(field, vec![text.to_string()]);
    }
    Ok(values)
}

fn next_json_row<R: Read>(
    lines: &mut BufReader<R>,
    line: &mut u64,
    label: &str,
    columns: &ColumnMap,
) -> Option<Result<RawRow, RecordsError>> {
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        match lines.read_until(b'\n', &mut buffer) {
            Ok(0) => return None,
            Ok(_) => *line += 1,
            Err(source) => {
                return Some(Err(RecordsError::Io {
                    label: label.to_string(),
                    source,
                }));
            }
        }
        if buffer.iter().any(|b| !b.is_ascii_whitespace()) {
            break;
        }
    }
    let raw = String::from_utf8_lossy(&buffer).trim_end().to_string();
    let values = match std::str::from_utf8(&buffer) {
        Err(_) => Err(("not UTF-8 text".to_string(), raw)),
        Ok(text) => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(object)) => Ok(json_values(&object, columns)),
            Ok(_) => Err(("not a JSON object".to_string(), raw)),
            Err(error) => Err((format!("invalid JSON: {error}"), raw)),
        },
    };
    Some(Ok(RawRow {
        line: *line,
        values,
    }))
}

fn json_values(
    object: &serde_json::Map<String, serde_json::Value>,
    columns: &ColumnMap,
) -> HashMap<Field, Vec<String>> {
    let mut values = HashMap::new();
    for field in Field::ALL {
        let key = match columns.column_for(field) {
            Some(column) => object
                .keys()
                .find(|k| *k == column || fold_header(k) == fold_header(column)),
            None => field
                .default_headers()
                .iter()
                .find_map(|default| object.keys().find(|k| fold_header(k) == *default)),
        };
        if let Some(value) = key.and_then(|k| object.get(k)) {
            let texts = json_texts(value);
            if !texts.is_empty() {
                values.insert(field, texts);
            }
        }
    }
    values
}

fn json_texts(value: &serde_json::Value) -> Vec<String> {
    match value {
        serde_json::Value::String(text) => vec![text.clone()],
        serde_json::Value::Number(number) => vec![number.to_string()],
        serde_json::Value::Array(items) => items.iter().flat_map(json_texts).collect(),
        _ => Vec::new(),
    }
}

/// Turns mapped values into a record; a row with nothing to screen (no
/// name, identifier or wallet) is a row error.
fn build_record(
    values: HashMap<Field, Vec<String>>,
    line: u64,
    row: u64,
) -> Result<Record, RowError> {
    let first = |field: Field| {
        values
            .get(&field)
            .and_then(|v| v.first())
            .map(|text| text.trim())
            .filter(|text| !text.is_empty())
    };
    let all = |field: Field| -> Vec<&str> {
        values
            .get(&field)
            .into_iter()
            .flatten()
            .map(|text| text.trim())
            .filter(|text| !text.is_empty())
            .collect()
    };
    let name = match first(Field::Name) {
        Some(name) => name.to_string(),
        None => [Field::FirstName, Field::MiddleName, Field::LastName]
            .into_iter()
            .filter_map(first)
            .collect::<Vec<_>>()
            .join(" "),
    };
    let mut query = Query::name(name);
    let mut warnings = Vec::new();
    for text in all(Field::BirthDate) {
        match DateSpec::parse(text) {
            Ok(date) => query.birth_dates.push(date),
            Err(error) => warnings.push(format!("dob: {error}")),
        }
    }
    for text in all(Field::Country).into_iter().flat_map(|t| t.split(';')) {
        match country_code(text) {
            Some(code) if !query.countries.iter().any(|c| c == code) => {
                query.countries.push(code.to_string())
            }
            Some(_) => {}
            None if text.trim().is_empty() => {}
            None => warnings.push(format!("country: {:?} is not a known country", text.trim())),
        }
    }
    if let Some(text) = first(Field::Gender) {
        match Gender::parse(text) {
            Some(gender) => query.gender = Some(gender),
            None => warnings.push(format!("gender: {text:?} is not male or female")),
        }
    }
    if let Some(text) = first(Field::Type) {
        match parse_query_type(text) {
            Ok(schema) => query.schema = schema,
            Err(error) => warnings.push(error.to_string()),
        }
    }
    query.identifiers = all(Field::Identifier)
        .into_iter()
        .map(str::to_string)
        .collect();
    query.wallets = all(Field::Wallet).into_iter().map(str::to_string).collect();
    if let Some(message) = oversized_field(&query) {
        return Err(RowError {
            line,
            row,
            message,
            raw: raw_values(&values),
        });
    }
    if let Err(error) = query.check_limits() {
        return Err(RowError {
            line,
            row,
            message: error.to_string(),
            raw: raw_values(&values),
        });
    }
    if query.name.trim().is_empty() && query.identifiers.is_empty() && query.wallets.is_empty() {
        return Err(RowError {
            line,
            row,
            message: "empty name (and no identifier or address to screen)".to_string(),
            raw: raw_values(&values),
        });
    }
    Ok(Record {
        line,
        row,
        reference: first(Field::Ref).map_or_else(|| row.to_string(), str::to_string),
        query,
        expected: first(Field::Expected).map(str::to_string),
        warnings,
    })
}

/// The mapped values of a row, for a rejects file.
fn raw_values(values: &HashMap<Field, Vec<String>>) -> String {
    let mut fields: Vec<(&Field, &Vec<String>)> = values.iter().collect();
    fields.sort();
    fields
        .into_iter()
        .flat_map(|(_, texts)| texts)
        .cloned()
        .collect::<Vec<_>>()
        .join(",")
}

/// Names the screened field longer than [`MAX_FIELD_BYTES`], if any.
fn oversized_field(query: &crate::matching::Query) -> Option<String> {
    let fields = std::iter::once(("name", &query.name))
        .chain(query.identifiers.iter().map(|text| ("id", text)))
        .chain(query.wallets.iter().map(|text| ("address", text)));
    for (field, text) in fields {
        if text.len() > MAX_FIELD_BYTES {
            return Some(format!(
                "{field} is {} bytes long (at most {MAX_FIELD_BYTES} are screened)",
                text.len()
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, columns: &str) -> Vec<Result<Record, RowError>> {
        let columns = ColumnMap::parse(columns).unwrap();
        RecordReader::new(text.as_bytes(), "test.csv", None, columns)
            .unwrap()
            .map(|item| item.unwrap())
            .collect()
    }

    #[test]
    fn reads_the_screening_set_layout() {
        let text = "full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality\n\
                    \"SALEK, ABDULHAI\",,,,,1965,\"Awlyatak Village, Afghanistan\",af\n";
        let records = read(text, "");
        let record = records[0].as_ref().unwrap();
        assert_eq!(record.query.name, "SALEK, ABDULHAI");
        assert_eq!(record.query.countries, ["AF"]);
        assert_eq!(record.query.birth_dates[0].to_string(), "1965");
        assert_eq!(record.reference, "1");
        assert_eq!(record.line, 2);
    }

    #[test]
    fn sniffs_delimiters_and_strips_a_bom() {
        let text =
            "\u{feff}customer_id;Name;DOB;Country\nC-1;Kim Sang-man;1965-04-25;North Korea\n";
        let records = read(text, "");
        let record = records[0].as_ref().unwrap();
        assert_eq!(record.reference, "C-1");
        assert_eq!(record.query.name, "Kim Sang-man");
        assert_eq!(record.query.countries, ["KP"]);
    }

    #[test]
    fn explicit_mapping_overrides_defaults() {
        let text = "who,born\nKim Sang Man,1965\n";
        let records = read(text, "name=who,dob=born");
        assert_eq!(records[0].as_ref().unwrap().query.birth_dates.len(), 1);
        let error = RecordReader::new(
            text.as_bytes(),
            "t.csv",
            None,
            ColumnMap::parse("name=nope").unwrap(),
        )
        .err()
        .unwrap();
        assert!(
            error.to_string().contains("no column \"nope\" for name"),
            "{error}"
        );
    }

    #[test]
    fn bad_rows_are_errors_with_their_line_and_reading_goes_on() {
        let text = "name,dob\nKim,1965\nonly,two,three\n,1970\nLee,someday\n";
        let records = read(text, "");
        assert!(records[0].is_ok());
        let wrong_width = records[1].as_ref().unwrap_err();
        assert_eq!(wrong_width.line, 3);
        assert!(
            wrong_width
                .message
                .contains("3 columns where the header has 2")
        );
        let empty = records[2].as_ref().unwrap_err();
        assert_eq!(empty.line, 4);
        assert!(empty.message.contains("empty name"));
        let lee = records[3].as_ref().unwrap();
        assert!(lee.query.birth_dates.is_empty());
        assert_eq!(
            lee.warnings.len(),
            1,
            "an unreadable date is a warning, not a reject"
        );
    }

    #[test]
    fn undecodable_rows_are_rejected_alone() {
        let mut bytes = b"name\nKim\n".to_vec();
        bytes.extend_from_slice(&[b'x'; SNIFF_BYTES]);
        bytes.extend_from_slice(b"\nBad \xff name\nLee\n");
        let records: Vec<_> = RecordReader::new(&bytes[..], "t.csv", None, ColumnMap::default())
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(records.len(), 4);
        assert!(
            records[2]
                .as_ref()
                .unwrap_err()
                .message
                .contains("not UTF-8")
        );
        assert!(records[3].is_ok());
    }

    #[test]
    fn other_encodings_are_refused_up_front() {
        let latin1 = b"name\nJos\xe9 Garc\xeda\n";
        let error = RecordReader::new(&latin1[..], "t.csv", None, ColumnMap::default())
            .err()
            .unwrap();
        assert!(error.to_string().contains("line 2: not UTF-8"), "{error}");
        let utf16 = b"\xff\xfen\x00a\x00";
        let error = RecordReader::new(&utf16[..], "t.csv", None, ColumnMap::default())
            .err()
            .unwrap();
        assert!(error.to_string().contains("UTF-16"));
    }

    #[test]
    fn empty_input_and_headerless_input() {
        let error = RecordReader::new(&b""[..], "t.csv", None, ColumnMap::default())
            .err()
            .unwrap();
        assert!(error.to_string().contains("empty"), "{error}");
        let error = RecordReader::new(&b"a,b\n1,2\n"[..], "t.csv", None, ColumnMap::default())
            .err()
            .unwrap();
        assert!(error.to_string().contains("no name column"), "{error}");
        assert!(read("name\n", "").is_empty());
    }

    #[test]
    fn json_lines() {
        let text = "{\"ref\": \"A1\", \"name\": \"Kim Sang Man\", \"birthDate\": [\"1965\"], \"nationality\": \"kp\"}\n\n[1]\n{\"id\": 7, \"address\": \"0xabc\"}\n";
        let records = read(text, "");
        let first = records[0].as_ref().unwrap();
        assert_eq!(first.reference, "A1");
        assert_eq!(first.query.birth_dates.len(), 1);
        assert_eq!(records[1].as_ref().unwrap_err().line, 3);
        let wallet_only = records[2].as_ref().unwrap();
        assert_eq!(wallet_only.reference, "7");
        assert_eq!(wallet_only.query.wallets, ["0xabc"]);
    }

    #[test]
    fn oversized_fields_are_row_errors() {
        let long = "Kim ".repeat(MAX_FIELD_BYTES);
        let text = format!(
            "name,passport\n{long},1\nLee,{}\nPark,2\n",
            "9".repeat(5000)
        );
        let records = read(&text, "");
        let name = records[0].as_ref().unwrap_err();
        assert_eq!(name.line, 2);
        assert!(
            name.message.starts_with("name is 16383 bytes long"),
            "{name}"
        );
        let id = records[1].as_ref().unwrap_err();
        assert!(id.message.starts_with("id is 5000 bytes long"), "{id}");
        assert!(records[2].is_ok());
    }

    #[test]
    fn names_past_the_normalised_limits_are_row_errors() {
        let text = format!("name\n{}\nLee\n", "\u{FDFA}".repeat(450));
        let records = read(&text, "");
        let error = records[0].as_ref().unwrap_err();
        assert!(error.message.contains("at most 500"), "{error}");
        assert!(records[1].is_ok());
    }

    #[test]
    fn column_spec_errors_name_the_problem() {
        assert!(
            ColumnMap::parse("name")
                .unwrap_err()
                .to_string()
                .contains("not FIELD=COLUMN")
        );
        assert!(
            ColumnMap::parse("colour=x")
                .unwrap_err()
                .to_string()
                .contains("unknown field")
        );
        assert_eq!(Field::parse("birth_date"), Some(Field::BirthDate));
    }
}
