//! Identifier items of OFAC remarks: `Passport 109420132 (Korea, North)
//! issued 16 Oct 2019 expires 16 Oct 2024`, `Tax ID No. 7707083893
//! (Russia)`, `Vessel Registration Identification IMO 9187629`, `Email
//! Address info@example.ru`, ...
//!
//! An item is a label from [`LABELS`], then the value, then optionally the
//! issuing country in parentheses and a note. The label decides the
//! [`IdKind`]; the list's own wording of it is kept in
//! [`Identifier::label`].

use crate::model::{Country, IdKind, Identifier, Schema, country_code};

/// How the kind of an identifier follows from its label.
#[derive(Debug, Clone, Copy)]
enum KindRule {
    /// A document number with this kind: value, `(Country)`, note.
    Document(IdKind),
    /// `Identification Number`: a national id for persons, a registration
    /// number for everything else.
    PersonalOrRegistration,
    /// `Vessel Registration Identification`: an IMO number when it says
    /// `IMO` or is a valid 7-digit IMO number, else a registry number.
    VesselRegistration,
    /// An email address or website: one word, no country.
    Address(IdKind),
    /// A telephone or fax number, kept whole (its parentheses are area codes).
    Phone,
}

use IdKind::{
    Aircraft, CallSign, Email, Imo, Mmsi, NationalId, Other, Passport, Registration, TaxId, Website,
};
use KindRule::{Address, Document, PersonalOrRegistration, Phone, VesselRegistration};

/// Every identifier label seen in OFAC remarks. Matching is
/// case-insensitive and the longest label wins, so `Company Number IMO`
/// values and `Registration Number` are told apart by the value (`IMO ...`).
const LABELS: &[(&str, KindRule)] = &[
    // Travel documents.
    ("Passport", Document(Passport)),
    ("Diplomatic Passport", Document(Passport)),
    ("Passport Booklet", Document(Passport)),
    ("British National Overseas Passport", Document(Passport)),
    ("Stateless Person Passport", Document(Passport)),
    ("Travel Document Number", Document(Other)),
    // Personal identity numbers.
    ("National ID No.", Document(NationalId)),
    ("Cedula No.", Document(NationalId)),
    ("D.N.I.", Document(NationalId)),
    ("C.U.R.P.", Document(NationalId)),
    ("C.U.R.P. #", Document(NationalId)),
    ("C.U.I.", Document(NationalId)),
    ("I.F.E.", Document(NationalId)),
    ("Credencial electoral", Document(NationalId)),
    ("Electoral Registry No.", Document(NationalId)),
    ("SSN", Document(NationalId)),
    ("Personal ID Card", Document(NationalId)),
    ("National Foreign ID Number", Document(NationalId)),
    ("Citizen's Card Number", Document(NationalId)),
    ("Kenyan ID No.", Document(NationalId)),
    ("Turkish Identification Number", Document(NationalId)),
    ("Numero de Identidad", Document(NationalId)),
    ("Tazkira National ID Card", Document(NationalId)),
    ("Moroccan Personal ID No.", Document(NationalId)),
    ("Bosnian Personal ID No.", Document(NationalId)),
    ("UAE Identification", Document(NationalId)),
    ("N.I.E.", Document(NationalId)),
    ("CNP (Personal Numerical Code)", Document(NationalId)),
    ("Identification Number", PersonalOrRegistration),
    // Other personal documents.
    ("Residency Number", Document(Other)),
    ("Refugee ID Card", Document(Other)),
    ("Stateless Person ID Card", Document(Other)),
    ("Romanian Permanent Resident", Document(Other)),
    ("Seafarer's Identification Document", Document(Other)),
    ("Pilot License Number", Document(Other)),
    ("Birth Certificate Number", Document(Other)),
    ("Driver's License No.", Document(Other)),
    ("Cartilla de Servicio Militar Nacional", Document(Other)),
    ("Military Registration Number", Document(Other)),
    ("C.U.I.P.", Document(Other)),
    ("VisaNumberID", Document(Other)),
    ("Immigration No.", Document(Other)),
    ("Public Security and Immigration No.", Document(Other)),
    ("SRE Permit No.", Document(Other)),
    ("Permit Number", Document(Other)),
    // Tax numbers.
    ("Tax ID No.", Document(TaxId)),
    ("NIT #", Document(TaxId)),
    ("RUC #", Document(TaxId)),
    ("RIF #", Document(TaxId)),
    ("R.F.C.", Document(TaxId)),
    ("R.F.C. #", Document(TaxId)),
    ("RFC", Document(TaxId)),
    ("V.A.T. Number", Document(TaxId)),
    ("C.U.I.T.", Document(TaxId)),
    ("C.I.F.", Document(TaxId)),
    ("N.I.F.", Document(TaxId)),
    ("RSIN", Document(TaxId)),
    ("RTN", Document(TaxId)),
    ("US FEIN", Document(TaxId)),
    ("Italian Fiscal Code", Document(TaxId)),
    ("Fiscal Code", Document(TaxId)),
    ("Romanian Tax Registration", Document(TaxId)),
    ("Paraguayan tax identification number", Document(TaxId)),
    (
        "Numero Unico de Identificacao Tributaria (NUIT)",
        Document(TaxId),
    ),
    // Company registration numbers.
    ("Registration Number", Document(Registration)),
    ("Registration ID", Document(Registration)),
    ("Business Registration Number", Document(Registration)),
    ("Business Registration Document #", Document(Registration)),
    ("Business Number", Document(Registration)),
    ("Company Number", Document(Registration)),
    ("UK Company Number", Document(Registration)),
    ("Commercial Registry Number", Document(Registration)),
    ("C.R. No.", Document(Registration)),
    ("Romanian C.R.", Document(Registration)),
    ("Unified Social Credit Code (USCC)", Document(Registration)),
    (
        "United Social Credit Code Certificate (USCCC)",
        Document(Registration),
    ),
    ("Legal Entity Number", Document(Registration)),
    ("LE Number", Document(Registration)),
    ("Government Gazette Number", Document(Registration)),
    ("Folio Mercantil No.", Document(Registration)),
    ("Matricula Mercantil No", Document(Registration)),
    ("Trade License No.", Document(Registration)),
    ("License", Document(Registration)),
    ("D-U-N-S Number", Document(Registration)),
    ("Economic Register Number (CBLS)", Document(Registration)),
    ("Chamber of Commerce Number", Document(Registration)),
    ("Istanbul Chamber of Comm. No.", Document(Registration)),
    (
        "Dubai Chamber of Commerce Membership No.",
        Document(Registration),
    ),
    ("Central Registration System Number", Document(Registration)),
    ("Public Registration Number", Document(Registration)),
    ("Enterprise Number", Document(Registration)),
    (
        "Certificate of Incorporation Number",
        Document(Registration),
    ),
    ("Registered Charity No.", Document(Registration)),
    ("Organization Code", Document(Registration)),
    ("Branch Unit Number", Document(Registration)),
    ("File Number", Document(Registration)),
    (
        "Afghan Money Service Provider License Number",
        Document(Registration),
    ),
    ("MSB Registration Number", Document(Registration)),
    ("Tourism License No.", Document(Registration)),
    (
        "Registration Certificate Number (Dubai)",
        Document(Registration),
    ),
    ("C.I.N.", Document(Registration)),
    (
        "Russian State Individual Business Registration Number Pattern (OGRNIP)",
        Document(Registration),
    ),
    // Financial codes.
    ("SWIFT/BIC", Document(Other)),
    ("BIK (RU)", Document(Other)),
    ("ISIN", Document(Other)),
    ("Equity Ticker", Document(Other)),
    ("Chinese Commercial Code", Document(Other)),
    ("UN/LOCODE", Document(Other)),
    // Vessels and aircraft.
    ("Vessel Registration Identification", VesselRegistration),
    ("IMO", Document(Imo)),
    ("MMSI", Document(Mmsi)),
    ("Other Vessel Call Sign", Document(CallSign)),
    (
        "Aircraft Manufacturer's Serial Number (MSN)",
        Document(Aircraft),
    ),
    (
        "Aircraft Construction Number (also called L/N or S/N or F/N)",
        Document(Aircraft),
    ),
    ("Aircraft Tail Number", Document(Aircraft)),
    ("Aircraft Serial Identification", Document(Aircraft)),
    ("Aircraft Mode S Transponder Code", Document(Aircraft)),
    // Contacts.
    ("Email Address", Address(Email)),
    ("Email", Address(Email)),
    ("Website", Address(Website)),
    ("Phone Number", Phone),
    ("Phone No.", Phone),
    ("Phone", Phone),
    ("Telephone", Phone),
    ("Telephone No.", Phone),
    ("Telephone Number", Phone),
    ("Fax", Phone),
    ("Fax No.", Phone),
];

/// Reads an identifier item (without its `alt.` prefix), or `None` when it
/// starts with no known label or its value does not look like one.
pub(super) fn parse(item: &str, schema: Schema) -> Option<Identifier> {
    let (label, rule, rest) = match_label(item)?;
    let mut identifier = match rule {
        Document(kind) => document(kind, rest)?,
        PersonalOrRegistration => {
            let kind = if schema == Schema::Person {
                NationalId
            } else {
                Registration
            };
            document(kind, rest)?
        }
        VesselRegistration => vessel_registration(rest)?,
        Address(kind) => single_word(kind, rest)?,
        Phone => phone(rest)?,
    };
    identifier.label = Some(label.to_string());
    Some(identifier)
}

/// The longest label `item` starts with (followed by a space or a colon),
/// as written in the item, its rule, and the text after it.
fn match_label(item: &str) -> Option<(&str, KindRule, &str)> {
    LABELS
        .iter()
        .filter_map(|&(label, rule)| {
            let rest = super::labels::after_label(item, label)?;
            Some((label.len(), rule, rest))
        })
        .max_by_key(|&(len, _, _)| len)
        .map(|(len, rule, rest)| (&item[..len], rule, rest))
}

/// `VALUE (Country) note`; a value starting `IMO ` is an IMO number
/// whatever the label (`Company Number IMO 5985863`).
fn document(kind: IdKind, rest: &str) -> Option<Identifier> {
    let parts = DocumentParts::split(rest)?;
    let (kind, value) = match parts.value.strip_prefix("IMO ") {
        Some(number) => (Imo, number.trim()),
        None => (kind, parts.value),
    };
    Some(Identifier {
        kind,
        value: value.to_string(),
        country: parts.country,
        label: None,
        note: parts.note,
    })
}

fn vessel_registration(rest: &str) -> Option<Identifier> {
    let mut identifier = document(Registration, rest)?;
    if is_imo_number(&identifier.value) {
        identifier.kind = Imo;
    }
    Some(identifier)
}

/// True for seven digits whose last is the IMO check digit (the sum of the
/// first six weighted 7, 6, 5, 4, 3, 2, modulo 10).
fn is_imo_number(value: &str) -> bool {
    let digits: Vec<u32> = value.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 7 || value.len() != 7 {
        return false;
    }
    let sum: u32 = digits[..6]
        .iter()
        .zip([7, 6, 5, 4, 3, 2])
        .map(|(digit, weight)| digit * weight)
        .sum();
    sum % 10 == digits[6]
}

/// An email address or website: exactly one word.
fn single_word(kind: IdKind, rest: &str) -> Option<Identifier> {
    let value = rest.trim().trim_end_matches('.');
    (!value.is_empty() && !value.contains(char::is_whitespace))
        .then(|| Identifier::new(kind, value))
}

fn phone(rest: &str) -> Option<Identifier> {
    let value = rest.trim();
    value
        .contains(|c: char| c.is_ascii_digit())
        .then(|| Identifier::new(IdKind::Phone, value))
}

/// A document item split into value, country and note.
#[derive(Debug, PartialEq)]
struct DocumentParts<'a> {
    value: &'a str,
    country: Option<Country>,
    note: Option<String>,
}

impl<'a> DocumentParts<'a> {
    /// Splits `VALUE [words] [(group)...] [note]`. The value ends at the
    /// first parenthesis or the first word of prose (`issued`, `under`);
    /// the last parenthesized group is the country when it names one; all
    /// else is the note. `None` when no value is left or it runs on after a
    /// comma (`D000000483, Diplomatic`); a comma inside a number is kept
    /// (`BE 454,419,759`).
    fn split(rest: &'a str) -> Option<DocumentParts<'a>> {
        let (head, tail) = match rest.find(" (") {
            Some(at) => (&rest[..at], &rest[at + 1..]),
            None => (rest, ""),
        };
        let (value, head_note) = split_at_prose(head);
        if value.is_empty() || value.contains(", ") || value.ends_with(',') {
            return None;
        }
        let (mut groups, trailing) = parenthesized_groups(tail);
        let country = match groups.last() {
            Some(last) if country_code(last).is_some() => {
                let country = Country::from_text(last);
                groups.pop();
                Some(country)
            }
            _ => None,
        };
        let bracketed: Vec<String> = groups.iter().map(|group| format!("({group})")).collect();
        let note_parts: Vec<&str> = std::iter::once(head_note)
            .chain(bracketed.iter().map(String::as_str))
            .chain(std::iter::once(trailing))
            .filter(|part| !part.is_empty())
            .collect();
        let note = (!note_parts.is_empty()).then(|| note_parts.join(" "));
        Some(DocumentParts {
            value,
            country,
            note,
        })
    }
}

/// Splits at the first word of prose: the value before it, the rest after.
fn split_at_prose(text: &str) -> (&str, &str) {
    let text = text.trim();
    let mut offset = 0;
    for word in text.split(' ') {
        if is_prose(word) {
            return (text[..offset].trim(), text[offset..].trim());
        }
        offset += word.len() + 1;
    }
    (text, "")
}

/// A word of running text (three letters or more, some lower case), as
/// opposed to part of a document number (`RL`, `A0008886`, `TR-J`).
fn is_prose(word: &str) -> bool {
    word.split('-').any(|part| {
        let letters = part.trim_matches(|c: char| !c.is_alphanumeric());
        letters.chars().count() >= 3
            && letters.chars().all(char::is_alphabetic)
            && letters.chars().any(char::is_lowercase)
    })
}

/// Consecutive `(group)`s at the start of `text`, and what follows them.
fn parenthesized_groups(text: &str) -> (Vec<&str>, &str) {
    let mut groups = Vec::new();
    let mut rest = text.trim();
    while let Some(inner) = rest.strip_prefix('(') {
        let Some(close) = closing_parenthesis(inner) else {
            break;
        };
        groups.push(inner[..close].trim());
        rest = inner[close + 1..].trim_start();
    }
    (groups, rest.trim())
}

/// Byte index of the `)` closing a group whose `(` was just before `text`.
fn closing_parenthesis(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(at),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(item: &str) -> Identifier {
        parse(item, Schema::Organization).unwrap_or_else(|| panic!("not an identifier: {item}"))
    }

    fn code(identifier: &Identifier) -> Option<&str> {
        identifier.country.as_ref().and_then(|c| c.code.as_deref())
    }

    #[test]
    fn passport_with_country_and_dates() {
        let passport =
            id("Passport 109420132 (Korea, North) issued 16 Oct 2019 expires 16 Oct 2024");
        assert_eq!(passport.kind, Passport);
        assert_eq!(passport.value, "109420132");
        assert_eq!(code(&passport), Some("KP"));
        assert_eq!(passport.country.as_ref().unwrap().name, "Korea, North");
        assert_eq!(
            passport.note.as_deref(),
            Some("issued 16 Oct 2019 expires 16 Oct 2024")
        );
        assert_eq!(passport.label.as_deref(), Some("Passport"));
    }

    #[test]
    fn passport_value_with_spaces_and_no_country() {
        let passport = id("Passport F 137998 issued 18 Apr 2004 expires 24 Feb 2009");
        assert_eq!(passport.value, "F 137998");
        assert_eq!(passport.country, None);
        assert_eq!(
            passport.note.as_deref(),
            Some("issued 18 Apr 2004 expires 24 Feb 2009")
        );
        assert_eq!(
            id("Passport C234897(0) (United Kingdom)").value,
            "C234897(0)"
        );
    }

    #[test]
    fn prose_after_a_label_is_no_identifier() {
        assert_eq!(
            parse(
                "Passport issued in Sarajevo, Bosnia-Herzegovina",
                Schema::Person
            ),
            None
        );
        assert_eq!(
            parse("Passport D000000483, Diplomatic (Syria)", Schema::Person),
            None
        );
        assert_eq!(
            parse(
                "Passport No.: 0310857, Eritrea, Issue Date 21 August 2006",
                Schema::Person
            ),
            None
        );
    }

    #[test]
    fn longest_label_wins() {
        let passport = id("Diplomatic Passport A0008886 (Nicaragua) issued 12 Feb 2012");
        assert_eq!(passport.label.as_deref(), Some("Diplomatic Passport"));
        assert_eq!(passport.value, "A0008886");
        let uk = id("UK Company Number 01019769 (United Kingdom)");
        assert_eq!(uk.label.as_deref(), Some("UK Company Number"));
    }

    #[test]
    fn national_and_tax_ids() {
        let cedula = id("Cedula No. 5.944.426 (Venezuela)");
        assert_eq!(
            (cedula.kind, cedula.value.as_str(), code(&cedula)),
            (NationalId, "5.944.426", Some("VE"))
        );
        let dni = id("D.N.I. 15.254.214 (Spain)");
        assert_eq!((dni.kind, code(&dni)), (NationalId, Some("ES")));
        let tax = id("Tax ID No. 7707083893 (Russia)");
        assert_eq!(
            (tax.kind, tax.value.as_str(), code(&tax)),
            (TaxId, "7707083893", Some("RU"))
        );
        let nit = id("NIT # 800061287-1 (Colombia)");
        assert_eq!(
            (nit.kind, nit.value.as_str(), nit.label.as_deref()),
            (TaxId, "800061287-1", Some("NIT #"))
        );
        assert_eq!(id("RUC # 1303425-1-607081-77 (Panama)").kind, TaxId);
        assert_eq!(
            id("V.A.T. Number BG 201673717 (Bulgaria)").value,
            "BG 201673717"
        );
        assert_eq!(id("V.A.T. Number BE 454,419,759").value, "BE 454,419,759");
        assert_eq!(
            parse("National ID No.: 1372584, Kenya", Schema::Person),
            None
        );
    }

    #[test]
    fn registration_numbers_keep_their_label() {
        let uscc = id("Unified Social Credit Code (USCC) 91110000710924929L (China)");
        assert_eq!(uscc.kind, Registration);
        assert_eq!(
            uscc.label.as_deref(),
            Some("Unified Social Credit Code (USCC)")
        );
        assert_eq!(uscc.value, "91110000710924929L");
        let cbls = id("Economic Register Number (CBLS) 10788984 (United Arab Emirates)");
        assert_eq!((cbls.value.as_str(), code(&cbls)), ("10788984", Some("AE")));
        for item in [
            "Registration Number 1027700132195 (Russia)",
            "Registration ID HRB 58745 (Germany)",
            "Business Registration Number 72514940-000 (Hong Kong)",
            "Commercial Registry Number CD/KNG/RCCM/18-B-01317 (Congo, Democratic Republic of the)",
            "C.R. No. 3034154 (Hong Kong)",
            "Legal Entity Number 253400V1H6ART1UQ0N98 (Russia)",
            "Government Gazette Number 72426791",
            "Trade License No. C 19763 (Malta)",
            "D-U-N-S Number 56-558-7594",
            "Matricula Mercantil No 1903808 (Colombia)",
        ] {
            assert_eq!(id(item).kind, Registration, "{item}");
        }
    }

    #[test]
    fn regional_groups_go_to_the_note() {
        let folio = id("Folio Mercantil No. 84399 (Jalisco) (Mexico)");
        assert_eq!(folio.value, "84399");
        assert_eq!(code(&folio), Some("MX"));
        assert_eq!(folio.note.as_deref(), Some("(Jalisco)"));
        let medellin = id("Matricula Mercantil No 57192402 (Medellin)");
        assert_eq!(medellin.country, None);
        assert_eq!(medellin.note.as_deref(), Some("(Medellin)"));
    }

    #[test]
    fn identification_number_depends_on_schema() {
        let item = "Identification Number 321284198607120616 (China)";
        assert_eq!(
            parse(item, Schema::Person).map(|i| i.kind),
            Some(NationalId)
        );
        assert_eq!(
            parse(item, Schema::Organization).map(|i| i.kind),
            Some(Registration)
        );
    }

    #[test]
    fn imo_and_mmsi_numbers() {
        let imo = id("Vessel Registration Identification IMO 9125138");
        assert_eq!((imo.kind, imo.value.as_str()), (Imo, "9125138"));
        assert_eq!(
            imo.label.as_deref(),
            Some("Vessel Registration Identification")
        );
        assert_eq!(
            id("Vessel Registration Identification IMO  8730455").value,
            "8730455"
        );
        assert_eq!(id("Vessel Registration Identification 8606173").kind, Imo);
        assert_eq!(
            id("Vessel Registration Identification RS 150443 (Russia)").kind,
            Registration
        );
        let company = id("Company Number IMO 5985863");
        assert_eq!((company.kind, company.value.as_str()), (Imo, "5985863"));
        assert_eq!(id("Identification Number IMO 6153011").kind, Imo);
        let mmsi = id("MMSI 621819076");
        assert_eq!((mmsi.kind, mmsi.value.as_str()), (Mmsi, "621819076"));
    }

    #[test]
    fn imo_check_digit() {
        assert!(is_imo_number("9187629"));
        assert!(is_imo_number("8606173"));
        assert!(!is_imo_number("8606174"));
        assert!(!is_imo_number("150443"));
    }

    #[test]
    fn aircraft_numbers() {
        let msn = id("Aircraft Manufacturer's Serial Number (MSN) 83A571");
        assert_eq!((msn.kind, msn.value.as_str()), (Aircraft, "83A571"));
        assert_eq!(id("Aircraft Tail Number RA-85042").value, "RA-85042");
        let construction = id("Aircraft Construction Number (also called L/N or S/N or F/N) 1057");
        assert_eq!(
            (construction.kind, construction.value.as_str()),
            (Aircraft, "1057")
        );
        assert_eq!(
            parse("Aircraft Model Airbus A340-300", Schema::Aircraft),
            None
        );
        assert_eq!(parse("Aircraft Operator Iran Air", Schema::Aircraft), None);
    }

    #[test]
    fn contacts() {
        let email = id("Email Address general@sovfracht.ru.");
        assert_eq!(
            (email.kind, email.value.as_str()),
            (Email, "general@sovfracht.ru")
        );
        assert_eq!(
            id("Email:adelb@shabakah.net.sa").value,
            "adelb@shabakah.net.sa"
        );
        assert_eq!(
            id("EMAIL kdb@co.chesin.com").label.as_deref(),
            Some("EMAIL")
        );
        assert_eq!(
            id("Website:  www.alnakshabandia-army.org").value,
            "www.alnakshabandia-army.org"
        );
        assert_eq!(
            parse(
                "Website www.alturath.org. Revival of Islamic Heritage",
                Schema::Person
            ),
            None
        );
        let phone = id("Telephone (98)(21)(66153224)");
        assert_eq!(
            (phone.kind, phone.value.as_str()),
            (IdKind::Phone, "(98)(21)(66153224)")
        );
        assert_eq!(
            id("Fax No. (218) (0)214778766").label.as_deref(),
            Some("Fax No.")
        );
        assert_eq!(id("Phone Number 8613314257947").value, "8613314257947");
    }

    #[test]
    fn financial_codes() {
        assert_eq!(id("SWIFT/BIC SABRRUMM").value, "SABRRUMM");
        let bik = id("BIK (RU) 044525059");
        assert_eq!(
            (bik.value.as_str(), bik.label.as_deref()),
            ("044525059", Some("BIK (RU)"))
        );
        assert_eq!(id("Equity Ticker PME US").value, "PME US");
    }

    #[test]
    fn labels_need_a_separator() {
        assert_eq!(parse("Passports 12345", Schema::Person), None);
        assert_eq!(parse("Licensed 12345", Schema::Person), None);
    }
}
