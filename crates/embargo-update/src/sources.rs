//! The official lists `embargo update` knows, with the addresses they are
//! published at.
//!
//! Where the default addresses come from:
//! * OFAC (US Treasury, Office of Foreign Assets Control) publishes every
//!   list file through its Sanctions List Service. The legacy CSV files are
//!   at `https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/<FILE>`
//!   (the older `https://www.treasury.gov/ofac/downloads/sdn.csv` addresses
//!   redirect there). The SDN list is `SDN.CSV`, `ALT.CSV`, `ADD.CSV`,
//!   `SDN_COMMENTS.CSV`; the consolidated non-SDN list is `CONS_PRIM.CSV`,
//!   `CONS_ALT.CSV`, `CONS_ADD.CSV`, `CONS_COMMENTS.CSV`. The file layouts
//!   are those of OFAC's SDN and non-SDN data specifications.
//! * The UN Security Council publishes its consolidated list at
//!   `https://scsanctions.un.org/resources/xml/en/consolidated.xml`, linked
//!   from the Council's "United Nations Security Council Consolidated List"
//!   page.
//! * The European Commission publishes the EU consolidated financial
//!   sanctions list (Financial Sanctions Files) in XML 1.1 at
//!   `https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw`,
//!   the address its FSF page and the EU open-data portal give (the token
//!   is the public one printed there, not a credential).
//! * The UK FCDO publishes the UK Sanctions List XML at
//!   `https://docs.fcdo.gov.uk/docs/UK-Sanctions-List.xml`, linked from the
//!   gov.uk page "The UK Sanctions List" (OFSI's ConList.csv is readable
//!   with `embargo import` but is not fetched: OFSI stopped publishing it
//!   once the UK Sanctions List became the one UK list).
//! * trade.gov publishes the Consolidated Screening List CSV at
//!   `https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv`,
//!   and BIS the Denied Persons List at `https://www.bis.doc.gov/dpl/dpl.txt`.
//! * Switzerland's SECO publishes its whole sanctions list as XML through
//!   its sanctions search SESAM, at
//!   `https://www.sesam.search.admin.ch/sesam-search-web/pages/downloadXmlGesamtliste.xhtml?lang=en&action=downloadXmlGesamtlisteAction`.
//!
//! These addresses were written from the publishers' pages and could not
//! be fetched from the machine the readers were written on; the files'
//! content is checked on every download ([`crate::verify`]) whatever the
//! address, and a mirror can replace any of them.
//! Every address can be replaced (an institution's internal mirror) by the
//! configuration file or environment variables; see [`crate::config`].

use embargo_core::sources::{FileRole, SourceFormat};

/// The address of one file in OFAC's Sanctions List Service exports.
macro_rules! ofac_export {
    ($file:literal) => {
        concat!(
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/",
            $file
        )
    };
}

/// Base address of OFAC's Sanctions List Service file exports.
pub const OFAC_EXPORTS: &str = ofac_export!("");

/// The EU Financial Sanctions Files XML 1.1 (full list).
pub const EU_FSF_XML_URL: &str = "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw";

/// The FCDO UK Sanctions List XML.
pub const UK_SANCTIONS_LIST_URL: &str = "https://docs.fcdo.gov.uk/docs/UK-Sanctions-List.xml";

/// The trade.gov Consolidated Screening List CSV.
pub const US_CSL_URL: &str =
    "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv";

/// The BIS Denied Persons List text file.
pub const US_DPL_URL: &str = "https://www.bis.doc.gov/dpl/dpl.txt";

/// The Swiss SECO sanctions list XML (the whole list), as the SECO's
/// sanctions search (SESAM) serves it for download.
pub const CH_SECO_XML_URL: &str = "https://www.sesam.search.admin.ch/sesam-search-web/pages/downloadXmlGesamtliste.xhtml?lang=en&action=downloadXmlGesamtlisteAction";

/// The UN Security Council consolidated list XML.
pub const UN_CONSOLIDATED_URL: &str =
    "https://scsanctions.un.org/resources/xml/en/consolidated.xml";

/// One file of a built-in source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinFile {
    /// The part it plays in the publication.
    pub role: FileRole,
    /// The name it is saved and imported under (`alt.csv`); also what is
    /// appended to a mirror's base URL.
    pub file_name: &'static str,
    /// The official address.
    pub url: &'static str,
}

/// One list `embargo update` can fetch without configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinSource {
    /// The source id its versions are stored under (`ofac-sdn`).
    pub id: &'static str,
    /// The format of its files.
    pub format: SourceFormat,
    /// Its files, primary first.
    pub files: &'static [BuiltinFile],
}

/// Shorthand for the table below.
const fn file(role: FileRole, file_name: &'static str, url: &'static str) -> BuiltinFile {
    BuiltinFile {
        role,
        file_name,
        url,
    }
}

/// The built-in sources, in the order `embargo update` runs them.
pub const BUILTIN_SOURCES: [BuiltinSource; 8] = {
    use FileRole::{Addresses, Aliases, Comments, Primary};
    [
        BuiltinSource {
            id: "ofac-sdn",
            format: SourceFormat::OfacSdn,
            files: &[
                file(Primary, "sdn.csv", ofac_export!("SDN.CSV")),
                file(Aliases, "alt.csv", ofac_export!("ALT.CSV")),
                file(Addresses, "add.csv", ofac_export!("ADD.CSV")),
                file(
                    Comments,
                    "sdn_comments.csv",
                    ofac_export!("SDN_COMMENTS.CSV"),
                ),
            ],
        },
        BuiltinSource {
            id: "ofac-cons",
            format: SourceFormat::OfacConsolidated,
            files: &[
                file(Primary, "cons_prim.csv", ofac_export!("CONS_PRIM.CSV")),
                file(Aliases, "cons_alt.csv", ofac_export!("CONS_ALT.CSV")),
                file(Addresses, "cons_add.csv", ofac_export!("CONS_ADD.CSV")),
                file(
                    Comments,
                    "cons_comments.csv",
                    ofac_export!("CONS_COMMENTS.CSV"),
                ),
            ],
        },
        BuiltinSource {
            id: "un",
            format: SourceFormat::UnConsolidated,
            files: &[file(Primary, "consolidated.xml", UN_CONSOLIDATED_URL)],
        },
        BuiltinSource {
            id: "eu",
            format: SourceFormat::EuXml,
            files: &[file(Primary, "eu-fsf-1.1.xml", EU_FSF_XML_URL)],
        },
        BuiltinSource {
            id: "uk",
            format: SourceFormat::UkXml,
            files: &[file(
                Primary,
                "UK-Sanctions-List.xml",
                UK_SANCTIONS_LIST_URL,
            )],
        },
        BuiltinSource {
            id: "us-csl",
            format: SourceFormat::UsCsl,
            files: &[file(Primary, "consolidated.csv", US_CSL_URL)],
        },
        BuiltinSource {
            id: "us-dpl",
            format: SourceFormat::UsDpl,
            files: &[file(Primary, "dpl.txt", US_DPL_URL)],
        },
        BuiltinSource {
            id: "ch",
            format: SourceFormat::ChXml,
            files: &[file(Primary, "swiss-sanctions-list.xml", CH_SECO_XML_URL)],
        },
    ]
};

/// The built-in source with this id.
pub fn builtin(id: &str) -> Option<&'static BuiltinSource> {
    BUILTIN_SOURCES.iter().find(|source| source.id == id)
}

/// The ids of the built-in sources, for messages.
pub fn builtin_ids() -> Vec<&'static str> {
    BUILTIN_SOURCES.iter().map(|source| source.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ofac_addresses_share_the_export_base() {
        for source in &BUILTIN_SOURCES[..2] {
            for file in source.files {
                let name = file.url.strip_prefix(OFAC_EXPORTS).unwrap();
                assert_eq!(name.to_ascii_lowercase(), file.file_name);
            }
        }
    }

    #[test]
    fn file_names_are_those_the_parsers_recognize() {
        for source in &BUILTIN_SOURCES[..2] {
            for file in source.files {
                let (format, role) =
                    embargo_core::sources::ofac::standard_role(file.file_name).unwrap();
                assert_eq!((format, role), (source.format, file.role));
            }
        }
        assert_eq!(builtin("un").unwrap().files[0].url, UN_CONSOLIDATED_URL);
        // Each list's source id is the one its format imports under, so an
        // update and an `embargo import` are versions of one source.
        for source in &BUILTIN_SOURCES {
            assert_eq!(source.format.list_id(), Some(source.id), "{}", source.id);
            assert!(source.files[0].url.starts_with("https://"));
        }
        assert!(builtin("nope").is_none());
    }
}
