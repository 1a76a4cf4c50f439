//! List parsers: one module per official list format, each turning the
//! files of one publication into [`Entity`] values.
//!
//! A parser reads its files as streams and hands each finished entity to a
//! sink, so the caller decides whether to collect them, insert them into a
//! store transaction or count them. Every error names the file and the line
//! (or record) where it happened.
//!
//! [`parse`] runs every entity through the entry checks of [`limits`]
//! (field sizes, names per entity, unusable names) on its way to the sink,
//! and reports in [`ListMeta`] how many records each file held and any sign
//! that a file which parsed to its end is still not whole ([`Doubt`]); the
//! store refuses such a publication unless told otherwise.
//!
//! Adding a format means one new module here, one [`SourceFormat`] variant
//! and one arm in [`parse`] and [`detect()`].

use std::fmt;
use std::path::{Path, PathBuf};

use crate::decode::NotUtf8;
use crate::model::{Entity, PartialDate};

pub mod ch;
pub mod custom;
pub mod delimiter;
pub mod demo;
pub mod detect;
pub mod encoding;
pub mod eu;
pub mod ftm;
pub mod limits;
pub mod ofac;
pub mod published;
pub(crate) mod published_csv;
pub mod uk;
pub mod un;
pub mod us_trade;
pub(crate) mod xml_tree;

pub use demo::demo_entities;
pub use detect::{assemble, detect};

/// A list format embargo can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceFormat {
    /// OFAC Specially Designated Nationals list, legacy CSV file set
    /// (`sdn.csv`, `alt.csv`, `add.csv`, `sdn_comments.csv`).
    OfacSdn,
    /// OFAC consolidated non-SDN list, same format with `cons_` file names.
    OfacConsolidated,
    /// UN Security Council consolidated list XML.
    UnConsolidated,
    /// FollowTheMoney JSON lines (OpenSanctions exports).
    FollowTheMoney,
    /// embargo's documented CSV for an institution's own list.
    Custom,
    /// FCDO UK Sanctions List XML (root `Designations`).
    UkXml,
    /// OFSI Consolidated List CSV (`ConList.csv`), legacy or 2022 layout.
    UkCsv,
    /// EU Financial Sanctions Files XML 1.1 (root `export`).
    EuXml,
    /// EU Financial Sanctions Files CSV 1.1 (`;`-separated, rows grouped
    /// by `Entity_LogicalId`).
    EuCsv,
    /// US Consolidated Screening List CSV (trade.gov): one source, each
    /// row's sub-list kept.
    UsCsl,
    /// US Denied Persons List text file (BIS, tab-separated).
    UsDpl,
    /// Swiss SECO sanctions list XML (root `swiss-sanctions-list`).
    ChXml,
}

impl SourceFormat {
    /// Every format, in the order they are documented.
    pub const ALL: [SourceFormat; 12] = [
        SourceFormat::OfacSdn,
        SourceFormat::OfacConsolidated,
        SourceFormat::UnConsolidated,
        SourceFormat::FollowTheMoney,
        SourceFormat::Custom,
        SourceFormat::UkXml,
        SourceFormat::UkCsv,
        SourceFormat::EuXml,
        SourceFormat::EuCsv,
        SourceFormat::UsCsl,
        SourceFormat::UsDpl,
        SourceFormat::ChXml,
    ];

    /// The format's name on the command line (`--source ofac-sdn`).
    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::OfacSdn => "ofac-sdn",
            SourceFormat::OfacConsolidated => "ofac-cons",
            SourceFormat::UnConsolidated => "un",
            SourceFormat::FollowTheMoney => "ftm",
            SourceFormat::Custom => "custom",
            SourceFormat::UkXml => "uk-xml",
            SourceFormat::UkCsv => "uk-csv",
            SourceFormat::EuXml => "eu-xml",
            SourceFormat::EuCsv => "eu-csv",
            SourceFormat::UsCsl => "us-csl",
            SourceFormat::UsDpl => "us-dpl",
            SourceFormat::ChXml => "ch-xml",
        }
    }

    /// The list a format publishes, by the source id its imports share
    /// (`eu` for both EU formats, `uk` for both UK formats); `None` for
    /// formats whose source is named after the file.
    pub fn list_id(self) -> Option<&'static str> {
        match self {
            SourceFormat::OfacSdn => Some("ofac-sdn"),
            SourceFormat::OfacConsolidated => Some("ofac-cons"),
            SourceFormat::UnConsolidated => Some("un"),
            SourceFormat::UkXml | SourceFormat::UkCsv => Some("uk"),
            SourceFormat::EuXml | SourceFormat::EuCsv => Some("eu"),
            SourceFormat::UsCsl => Some("us-csl"),
            SourceFormat::UsDpl => Some("us-dpl"),
            SourceFormat::ChXml => Some("ch"),
            SourceFormat::FollowTheMoney | SourceFormat::Custom => None,
        }
    }

    /// Who publishes the list, for `embargo lists` and `show`.
    pub fn publisher(self) -> &'static str {
        match self {
            SourceFormat::OfacSdn | SourceFormat::OfacConsolidated => {
                "US Treasury, Office of Foreign Assets Control (OFAC)"
            }
            SourceFormat::UnConsolidated => "United Nations Security Council",
            SourceFormat::UkXml => {
                "UK Foreign, Commonwealth & Development Office (FCDO), UK Sanctions List"
            }
            SourceFormat::UkCsv => {
                "UK HM Treasury, Office of Financial Sanctions Implementation (OFSI)"
            }
            SourceFormat::EuXml | SourceFormat::EuCsv => {
                "European Commission (DG FISMA), Financial Sanctions Database"
            }
            SourceFormat::UsCsl => {
                "US International Trade Administration (trade.gov), for Commerce, State and Treasury"
            }
            SourceFormat::UsDpl => {
                "US Department of Commerce, Bureau of Industry and Security (BIS)"
            }
            SourceFormat::ChXml => "Swiss State Secretariat for Economic Affairs (SECO)",
            SourceFormat::FollowTheMoney => "OpenSanctions or another FollowTheMoney publisher",
            SourceFormat::Custom => "the institution itself",
        }
    }

    /// Parses a format name as accepted by `--source`.
    pub fn parse(name: &str) -> Option<SourceFormat> {
        let lower = name.trim().to_ascii_lowercase();
        let format = match lower.as_str() {
            "ofac-sdn" | "sdn" | "ofac" => SourceFormat::OfacSdn,
            "ofac-cons" | "ofac-consolidated" | "cons" | "consolidated" => {
                SourceFormat::OfacConsolidated
            }
            "un" | "un-sc" | "un-consolidated" => SourceFormat::UnConsolidated,
            "ftm" | "followthemoney" | "opensanctions" => SourceFormat::FollowTheMoney,
            "custom" | "csv" => SourceFormat::Custom,
            "uk-xml" | "uk" | "fcdo" | "uk-sanctions-list" => SourceFormat::UkXml,
            "uk-csv" | "ofsi" | "conlist" => SourceFormat::UkCsv,
            "eu-xml" | "eu" | "eu-fsf" | "fsf" => SourceFormat::EuXml,
            "eu-csv" | "eu-fsf-csv" | "fsf-csv" => SourceFormat::EuCsv,
            "us-csl" | "csl" => SourceFormat::UsCsl,
            "us-dpl" | "dpl" => SourceFormat::UsDpl,
            "ch-xml" | "ch" | "seco" | "swiss" => SourceFormat::ChXml,
            _ => return None,
        };
        Some(format)
    }

    /// The source id used when the caller names none. Official lists have
    /// fixed ids so that every import of them is a version of one source;
    /// FollowTheMoney and custom files are named after the file
    /// (`ftm-yente-zala`, `custom-blocklist`).
    pub fn default_source_id(self, primary: &Path) -> String {
        if let Some(list) = self.list_id() {
            return list.to_string();
        }
        let stem = primary
            .file_name()
            .and_then(|name| name.to_str())
            .map(|name| name.split('.').next().unwrap_or(name))
            .unwrap_or("list");
        format!("{}-{}", self.name(), slug(stem))
    }

    /// One-line description for help texts and `embargo lists`.
    pub fn description(self) -> &'static str {
        match self {
            SourceFormat::OfacSdn => "OFAC SDN list, legacy CSV file set",
            SourceFormat::OfacConsolidated => "OFAC consolidated non-SDN list, legacy CSV file set",
            SourceFormat::UnConsolidated => "UN Security Council consolidated list XML",
            SourceFormat::FollowTheMoney => "FollowTheMoney JSON lines (OpenSanctions)",
            SourceFormat::Custom => "embargo custom list CSV",
            SourceFormat::UkXml => "UK Sanctions List XML (FCDO)",
            SourceFormat::UkCsv => "UK OFSI Consolidated List CSV (legacy or 2022 layout)",
            SourceFormat::EuXml => "EU Financial Sanctions Files XML 1.1",
            SourceFormat::EuCsv => "EU Financial Sanctions Files CSV 1.1",
            SourceFormat::UsCsl => "US Consolidated Screening List CSV (trade.gov)",
            SourceFormat::UsDpl => "US Denied Persons List text file (BIS)",
            SourceFormat::ChXml => "Swiss SECO sanctions list XML",
        }
    }
}

impl fmt::Display for SourceFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Lower-case ASCII letters, digits and single dashes: safe inside an
/// entity id.
pub(crate) fn slug(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_ascii_lowercase();
    let words: Vec<&str> = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    if words.is_empty() {
        "list".to_string()
    } else {
        words.join("-")
    }
}

/// The part a file plays in a multi-file publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileRole {
    /// The main file: one record per entity (`sdn.csv`, `cons_prim.csv`, the
    /// XML, the JSON lines, the custom CSV).
    Primary,
    /// Strong aliases (`alt.csv`, `cons_alt.csv`).
    Aliases,
    /// Addresses (`add.csv`, `cons_add.csv`).
    Addresses,
    /// Continued remarks (`sdn_comments.csv`, `cons_comments.csv`).
    Comments,
}

impl FileRole {
    /// Lower-case name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            FileRole::Primary => "primary",
            FileRole::Aliases => "aliases",
            FileRole::Addresses => "addresses",
            FileRole::Comments => "comments",
        }
    }
}

/// One file of a publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListFile {
    /// Its role.
    pub role: FileRole,
    /// Where it is.
    pub path: PathBuf,
}

/// The files of one publication of one list, in a known format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListFiles {
    /// The format all files are in.
    pub format: SourceFormat,
    /// The files, primary first, then by role.
    pub files: Vec<ListFile>,
}

impl ListFiles {
    /// Opens the primary file of a one-file format; `what` names the file
    /// kind in the error when the set has none (`UN XML`).
    pub(crate) fn open_primary(&self, what: &str) -> Result<(std::fs::File, &Path), SourceError> {
        let path = self
            .path(FileRole::Primary)
            .ok_or_else(|| SourceError::invalid(self.primary(), format!("no {what} file given")))?;
        let file = std::fs::File::open(path).map_err(|error| SourceError::io(path, error))?;
        Ok((file, path))
    }

    /// The path of the file playing `role`, if the set has one.
    pub fn path(&self, role: FileRole) -> Option<&Path> {
        self.files
            .iter()
            .find(|file| file.role == role)
            .map(|file| file.path.as_path())
    }

    /// The primary file's path. Every set built by [`detect()`] or
    /// [`assemble`] has one.
    pub fn primary(&self) -> &Path {
        self.path(FileRole::Primary)
            .or_else(|| self.files.first().map(|file| file.path.as_path()))
            .unwrap_or_else(|| Path::new(""))
    }
}

/// What a parser learned about the publication besides its entities.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListMeta {
    /// Publication date, when the files state one (UN `dateGenerated`) or
    /// when the file name carries one (`sdn-2023-05-23.csv`).
    pub published: Option<PartialDate>,
    /// Number of entities handed to the sink.
    pub entity_count: usize,
    /// Remarks worth telling the user (rows skipped for a stated reason,
    /// companion files absent). Never a substitute for an error.
    pub notices: Vec<String>,
    /// How many records each file held, in the order the files were read;
    /// what the store compares with the previous version to catch a file
    /// that lost most of its rows.
    pub records: Vec<FileRecords>,
    /// Signs that a file which parsed to its end is nevertheless not whole
    /// (an OFAC companion file whose rows stop long before the primary
    /// file's last entity). A caller storing the publication must refuse it
    /// unless the user accepts it knowingly; the store does.
    pub doubts: Vec<Doubt>,
}

impl ListMeta {
    /// Closes the reading of a single-file publication whose primary file
    /// at `path` held `records` records: refuses it when no entity was
    /// read (`nothing_found` says what was looked for, `no Designation`),
    /// since an empty version would remove every entry of the previous
    /// one, and records the file's count otherwise.
    pub(crate) fn finish_primary(
        mut self,
        path: &Path,
        records: usize,
        nothing_found: &str,
    ) -> Result<ListMeta, SourceError> {
        if self.entity_count == 0 {
            return Err(SourceError::invalid(
                path,
                format!(
                    "{nothing_found}: an empty list would remove every entry of the previous \
                     version"
                ),
            ));
        }
        self.records.push(FileRecords {
            role: FileRole::Primary,
            path: path.to_path_buf(),
            records,
        });
        Ok(self)
    }
}

/// How many records one file of a publication held: rows of a CSV file,
/// entity records of an XML or JSON-lines file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecords {
    /// The part the file plays.
    pub role: FileRole,
    /// The file.
    pub path: PathBuf,
    /// Its records.
    pub records: usize,
}

/// A sign that a file is cut short although it parses to its end (a file
/// cut exactly at a line break looks complete line by line).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct Doubt {
    /// The file in doubt.
    pub path: PathBuf,
    /// What was seen, with the line or record where it shows.
    pub message: String,
}

/// Why a list could not be read. Every variant names the file; those about
/// content name the line (or record) too.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The file could not be opened or read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A record is malformed.
    #[error("{}:{line}: {message}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// 1-based line where the bad record starts.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// The file as a whole is not what was expected: empty, wrong format,
    /// truncated before its end, missing companion.
    #[error("{}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The sink refused an entity (for example a database error).
    #[error("storing entity {entity}: {message}")]
    Sink {
        /// Id of the entity being stored.
        entity: String,
        /// What the sink said.
        message: String,
    },
}

impl SourceError {
    /// An [`SourceError::Invalid`] for `path`.
    pub fn invalid(path: &Path, message: impl Into<String>) -> SourceError {
        SourceError::Invalid {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }

    /// A [`SourceError::Malformed`] for `path` at `line`.
    pub fn malformed(path: &Path, line: u64, message: impl Into<String>) -> SourceError {
        SourceError::Malformed {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }

    /// The [`SourceError::Malformed`] for `path` not being UTF-8 text
    /// where `bad` says, naming line and byte offset.
    pub(crate) fn not_utf8(path: &Path, bad: NotUtf8) -> SourceError {
        SourceError::malformed(path, bad.line, bad.message())
    }

    /// An [`SourceError::Io`] for `path`.
    pub fn io(path: &Path, source: std::io::Error) -> SourceError {
        SourceError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Where parsers send finished entities.
pub type EntitySink<'a> = dyn FnMut(Entity) -> Result<(), SourceError> + 'a;

/// Reads one publication with the parser of its format, handing every
/// entity to `sink` with ids `"{source_id}:{native id}"`.
///
/// Every entity passes the entry checks of [`limits`] first: values past
/// their size limit, aliases without a letter or digit and names past
/// [`limits::MAX_NAMES_PER_ENTITY`] are left out with a note in
/// [`ListMeta::notices`]; an unusable primary name is an error.
pub fn parse(
    files: &ListFiles,
    source_id: &str,
    sink: &mut EntitySink<'_>,
) -> Result<ListMeta, SourceError> {
    let mut checks = limits::EntryChecks::default();
    let mut checked = |mut entity: Entity| {
        checks
            .check(&mut entity)
            .map_err(|message| SourceError::invalid(files.primary(), message))?;
        sink(entity)
    };
    let mut meta = match files.format {
        SourceFormat::OfacSdn | SourceFormat::OfacConsolidated => {
            ofac::parse(files, source_id, &mut checked)
        }
        SourceFormat::UnConsolidated => un::parse(files, source_id, &mut checked),
        SourceFormat::FollowTheMoney => ftm::parse(files, source_id, &mut checked),
        SourceFormat::Custom => custom::parse(files, source_id, &mut checked),
        SourceFormat::UkXml => uk::parse_fcdo(files, source_id, &mut checked),
        SourceFormat::UkCsv => uk::parse_ofsi(files, source_id, &mut checked),
        SourceFormat::EuXml => eu::parse_xml(files, source_id, &mut checked),
        SourceFormat::EuCsv => eu::parse_csv(files, source_id, &mut checked),
        SourceFormat::UsCsl => us_trade::parse_csl(files, source_id, &mut checked),
        SourceFormat::UsDpl => us_trade::parse_dpl(files, source_id, &mut checked),
        SourceFormat::ChXml => ch::parse_seco(files, source_id, &mut checked),
    }?;
    meta.notices.extend(checks.notices());
    Ok(meta)
}

/// A date `YYYY-MM-DD` inside a file name (`sdn-2023-05-23.csv`), used as
/// the publication date of formats that do not state one inside the file.
pub fn date_in_file_name(path: &Path) -> Option<PartialDate> {
    let name = path.file_name()?.to_str()?;
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|start| {
        let candidate = name.get(start..start + 10)?;
        let shaped = candidate.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
        shaped
            .then(|| PartialDate::parse(candidate).ok())
            .flatten()
            .filter(|date| date.day.is_some())
    })
}

/// What the readers' unit tests share.
#[cfg(test)]
pub(crate) mod test_support {
    #![allow(clippy::unwrap_used)]

    use std::io::Write;

    use crate::model::{Entity, NameQuality};
    use crate::sources::{
        self, FileRole, ListFile, ListFiles, ListMeta, SourceError, SourceFormat,
    };

    /// Reads `bytes` as a one-file publication in `format`, as source
    /// `source` (by default the id the file's name gives), with what was
    /// read and the temporary file (kept while its path is in messages).
    pub(crate) fn parse_bytes(
        format: SourceFormat,
        source: Option<&str>,
        bytes: &[u8],
    ) -> (
        Result<(Vec<Entity>, ListMeta), SourceError>,
        tempfile::NamedTempFile,
    ) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(bytes).unwrap();
        let files = ListFiles {
            format,
            files: vec![ListFile {
                role: FileRole::Primary,
                path: file.path().to_path_buf(),
            }],
        };
        let source = source.map_or_else(|| format.default_source_id(file.path()), str::to_string);
        let mut entities = Vec::new();
        let result = sources::parse(&files, &source, &mut |entity| {
            entities.push(entity);
            Ok(())
        })
        .map(|meta| (entities, meta));
        (result, file)
    }

    /// Each name of `entity` with its quality, in order: what a reader's
    /// test compares with the names the file lists.
    pub(crate) fn names_and_qualities(entity: &Entity) -> Vec<(&str, NameQuality)> {
        entity
            .names
            .iter()
            .map(|n| (n.full.as_str(), n.quality))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for format in SourceFormat::ALL {
            assert_eq!(SourceFormat::parse(format.name()), Some(format));
        }
        assert_eq!(SourceFormat::parse("nonsense"), None);
    }

    #[test]
    fn default_source_ids() {
        assert_eq!(
            SourceFormat::OfacSdn.default_source_id(Path::new("x/sdn.csv")),
            "ofac-sdn"
        );
        assert_eq!(
            SourceFormat::FollowTheMoney.default_source_id(Path::new("d/yente-zala.ftm.json")),
            "ftm-yente-zala"
        );
        assert_eq!(
            SourceFormat::Custom.default_source_id(Path::new("Our Blocklist.csv")),
            "custom-our-blocklist"
        );
    }

    #[test]
    fn finds_dates_in_file_names() {
        let date = date_in_file_name(Path::new("history/sdn-2023-05-23.csv"));
        assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2023-05-23"));
        assert_eq!(date_in_file_name(Path::new("sdn.csv")), None);
        assert_eq!(date_in_file_name(Path::new("sdn-2023-13-45.csv")), None);
    }
}
