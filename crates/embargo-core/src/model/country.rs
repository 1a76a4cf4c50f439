//! Countries: ISO 3166-1 alpha-2 codes and the many ways lists spell
//! country names (`Korea, North`, `Democratic People's Republic of Korea`,
//! `Burma`, `Iran (Islamic Republic of)`).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// A country as a list names it, with its ISO 3166-1 alpha-2 code when the
/// name is recognized.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, upper case (`KP`); `None` when the name is
    /// not a recognized country (`undetermined`, `Korea` alone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The name as the list wrote it.
    pub name: String,
}

impl Country {
    /// A country from a name or code as written, resolving the code with
    /// [`country_code`].
    pub fn from_text(text: &str) -> Country {
        let name = text.trim().to_string();
        Country {
            code: country_code(&name).map(str::to_string),
            name,
        }
    }
}

/// ISO code, English short name, then other spellings seen in lists and
/// user input. Lookup folds case, accents and punctuation, so only
/// genuinely different wordings need listing.
const COUNTRIES: &[(&str, &str, &[&str])] = &[
    ("AD", "Andorra", &[]),
    ("AE", "United Arab Emirates", &["UAE", "U.A.E.", "Emirates"]),
    (
        "AF",
        "Afghanistan",
        &[
            "Islamic Republic of Afghanistan",
            "Islamic Emirate of Afghanistan",
        ],
    ),
    ("AG", "Antigua and Barbuda", &[]),
    ("AI", "Anguilla", &[]),
    ("AL", "Albania", &[]),
    ("AM", "Armenia", &[]),
    ("AO", "Angola", &[]),
    ("AQ", "Antarctica", &[]),
    ("AR", "Argentina", &[]),
    ("AS", "American Samoa", &[]),
    ("AT", "Austria", &[]),
    ("AU", "Australia", &[]),
    ("AW", "Aruba", &[]),
    ("AX", "Aland Islands", &[]),
    ("AZ", "Azerbaijan", &[]),
    (
        "BA",
        "Bosnia and Herzegovina",
        &["Bosnia-Herzegovina", "Bosnia"],
    ),
    ("BB", "Barbados", &[]),
    ("BD", "Bangladesh", &[]),
    ("BE", "Belgium", &[]),
    ("BF", "Burkina Faso", &[]),
    ("BG", "Bulgaria", &[]),
    ("BH", "Bahrain", &[]),
    ("BI", "Burundi", &[]),
    ("BJ", "Benin", &[]),
    ("BL", "Saint Barthelemy", &[]),
    ("BM", "Bermuda", &[]),
    ("BN", "Brunei", &["Brunei Darussalam"]),
    (
        "BO",
        "Bolivia",
        &[
            "Plurinational State of Bolivia",
            "Bolivia (Plurinational State of)",
        ],
    ),
    (
        "BQ",
        "Bonaire, Sint Eustatius and Saba",
        &["Caribbean Netherlands", "Bonaire"],
    ),
    ("BR", "Brazil", &[]),
    ("BS", "Bahamas", &["The Bahamas", "Bahamas, The"]),
    ("BT", "Bhutan", &[]),
    ("BV", "Bouvet Island", &[]),
    ("BW", "Botswana", &[]),
    ("BY", "Belarus", &["Byelorussia"]),
    ("BZ", "Belize", &[]),
    ("CA", "Canada", &[]),
    ("CC", "Cocos (Keeling) Islands", &[]),
    (
        "CD",
        "Congo, Democratic Republic of the",
        &[
            "Democratic Republic of the Congo",
            "DR Congo",
            "DRC",
            "Congo (Kinshasa)",
            "Congo, Dem. Rep.",
            "Zaire",
        ],
    ),
    ("CF", "Central African Republic", &["CAR"]),
    (
        "CG",
        "Congo, Republic of the",
        &[
            "Republic of the Congo",
            "Congo",
            "Congo (Brazzaville)",
            "Congo-Brazzaville",
        ],
    ),
    ("CH", "Switzerland", &[]),
    ("CI", "Cote d'Ivoire", &["Ivory Coast"]),
    ("CK", "Cook Islands", &[]),
    ("CL", "Chile", &[]),
    ("CM", "Cameroon", &[]),
    (
        "CN",
        "China",
        &["People's Republic of China", "PRC", "Mainland China"],
    ),
    ("CO", "Colombia", &[]),
    ("CR", "Costa Rica", &[]),
    ("CU", "Cuba", &[]),
    ("CV", "Cabo Verde", &["Cape Verde"]),
    ("CW", "Curacao", &[]),
    ("CX", "Christmas Island", &[]),
    ("CY", "Cyprus", &[]),
    ("CZ", "Czechia", &["Czech Republic"]),
    (
        "DE",
        "Germany",
        &["Federal Republic of Germany", "Deutschland"],
    ),
    ("DJ", "Djibouti", &[]),
    ("DK", "Denmark", &[]),
    ("DM", "Dominica", &[]),
    ("DO", "Dominican Republic", &[]),
    ("DZ", "Algeria", &[]),
    ("EC", "Ecuador", &[]),
    ("EE", "Estonia", &[]),
    ("EG", "Egypt", &["Arab Republic of Egypt"]),
    ("EH", "Western Sahara", &[]),
    ("ER", "Eritrea", &["Eritrean"]),
    ("ES", "Spain", &[]),
    ("ET", "Ethiopia", &[]),
    ("FI", "Finland", &[]),
    ("FJ", "Fiji", &[]),
    ("FK", "Falkland Islands", &["Falkland Islands (Malvinas)"]),
    (
        "FM",
        "Micronesia",
        &[
            "Micronesia, Federated States of",
            "Federated States of Micronesia",
        ],
    ),
    ("FO", "Faroe Islands", &[]),
    ("FR", "France", &[]),
    ("GA", "Gabon", &[]),
    (
        "GB",
        "United Kingdom",
        &[
            "UK",
            "U.K.",
            "Great Britain",
            "Britain",
            "England",
            "Scotland",
            "Wales",
            "Northern Ireland",
            "United Kingdom of Great Britain and Northern Ireland",
        ],
    ),
    ("GD", "Grenada", &[]),
    ("GE", "Georgia", &[]),
    ("GF", "French Guiana", &[]),
    ("GG", "Guernsey", &[]),
    ("GH", "Ghana", &[]),
    ("GI", "Gibraltar", &[]),
    ("GL", "Greenland", &[]),
    ("GM", "Gambia", &["The Gambia", "Gambia, The"]),
    ("GN", "Guinea", &[]),
    ("GP", "Guadeloupe", &[]),
    ("GQ", "Equatorial Guinea", &[]),
    ("GR", "Greece", &[]),
    ("GS", "South Georgia and the South Sandwich Islands", &[]),
    ("GT", "Guatemala", &[]),
    ("GU", "Guam", &[]),
    ("GW", "Guinea-Bissau", &[]),
    ("GY", "Guyana", &[]),
    (
        "HK",
        "Hong Kong",
        &[
            "Hong Kong SAR",
            "Hong Kong, China",
            "China, Hong Kong Special Administrative Region",
            "Hong Kong Special Administrative Region",
        ],
    ),
    ("HM", "Heard Island and McDonald Islands", &[]),
    ("HN", "Honduras", &[]),
    ("HR", "Croatia", &[]),
    ("HT", "Haiti", &[]),
    ("HU", "Hungary", &[]),
    ("ID", "Indonesia", &[]),
    ("IE", "Ireland", &[]),
    ("IL", "Israel", &[]),
    ("IM", "Isle of Man", &["Man, Isle of"]),
    ("IN", "India", &[]),
    ("IO", "British Indian Ocean Territory", &[]),
    ("IQ", "Iraq", &[]),
    (
        "IR",
        "Iran",
        &[
            "Iran (Islamic Republic of)",
            "Islamic Republic of Iran",
            "Iran, Islamic Republic of",
            "Persia",
        ],
    ),
    ("IS", "Iceland", &[]),
    ("IT", "Italy", &[]),
    ("JE", "Jersey", &[]),
    ("JM", "Jamaica", &[]),
    ("JO", "Jordan", &[]),
    ("JP", "Japan", &[]),
    ("KE", "Kenya", &[]),
    ("KG", "Kyrgyzstan", &["Kyrgyz Republic", "Kirghizia"]),
    ("KH", "Cambodia", &["Kampuchea"]),
    ("KI", "Kiribati", &[]),
    ("KM", "Comoros", &[]),
    (
        "KN",
        "Saint Kitts and Nevis",
        &["St. Kitts and Nevis", "St. Kitts & Nevis"],
    ),
    (
        "KP",
        "Korea, North",
        &[
            "North Korea",
            "Democratic People's Republic of Korea",
            "DPRK",
            "D.P.R.K.",
            "Korea, Democratic People's Republic of",
            "Korea (Democratic People's Republic of)",
            "Korea, Dem. People's Rep.",
        ],
    ),
    (
        "KR",
        "Korea, South",
        &[
            "South Korea",
            "Republic of Korea",
            "Korea, Republic of",
            "Korea (Republic of)",
            "ROK",
        ],
    ),
    ("KW", "Kuwait", &[]),
    ("KY", "Cayman Islands", &[]),
    ("KZ", "Kazakhstan", &[]),
    (
        "LA",
        "Laos",
        &["Lao People's Democratic Republic", "Lao PDR", "Lao"],
    ),
    ("LB", "Lebanon", &[]),
    ("LC", "Saint Lucia", &["St. Lucia"]),
    ("LI", "Liechtenstein", &[]),
    ("LK", "Sri Lanka", &["Ceylon"]),
    ("LR", "Liberia", &[]),
    ("LS", "Lesotho", &[]),
    ("LT", "Lithuania", &[]),
    ("LU", "Luxembourg", &[]),
    ("LV", "Latvia", &[]),
    ("LY", "Libya", &["Libyan Arab Jamahiriya", "State of Libya"]),
    ("MA", "Morocco", &[]),
    ("MC", "Monaco", &[]),
    (
        "MD",
        "Moldova",
        &["Republic of Moldova", "Moldova, Republic of"],
    ),
    ("ME", "Montenegro", &[]),
    ("MF", "Saint Martin", &["Saint Martin (French part)"]),
    ("MG", "Madagascar", &[]),
    ("MH", "Marshall Islands", &[]),
    (
        "MK",
        "North Macedonia",
        &[
            "Macedonia",
            "The Former Yugoslav Republic of Macedonia",
            "North Macedonia, The Republic of",
            "Republic of North Macedonia",
            "Macedonia, The Former Yugoslav Republic of",
        ],
    ),
    ("ML", "Mali", &[]),
    ("MM", "Burma", &["Myanmar", "Myanmar (Burma)"]),
    ("MN", "Mongolia", &[]),
    ("MO", "Macau", &["Macao", "Macau SAR", "Macao, China"]),
    ("MP", "Northern Mariana Islands", &[]),
    ("MQ", "Martinique", &[]),
    ("MR", "Mauritania", &[]),
    ("MS", "Montserrat", &[]),
    ("MT", "Malta", &[]),
    ("MU", "Mauritius", &[]),
    ("MV", "Maldives", &[]),
    ("MW", "Malawi", &[]),
    ("MX", "Mexico", &[]),
    ("MY", "Malaysia", &[]),
    ("MZ", "Mozambique", &[]),
    ("NA", "Namibia", &[]),
    ("NC", "New Caledonia", &[]),
    ("NE", "Niger", &[]),
    ("NF", "Norfolk Island", &[]),
    ("NG", "Nigeria", &[]),
    ("NI", "Nicaragua", &[]),
    (
        "NL",
        "Netherlands",
        &[
            "The Netherlands",
            "Holland",
            "Netherlands, The",
            "Kingdom of the Netherlands",
        ],
    ),
    ("NO", "Norway", &[]),
    ("NP", "Nepal", &[]),
    ("NR", "Nauru", &[]),
    ("NU", "Niue", &[]),
    ("NZ", "New Zealand", &[]),
    ("OM", "Oman", &[]),
    ("PA", "Panama", &[]),
    ("PE", "Peru", &[]),
    ("PF", "French Polynesia", &[]),
    ("PG", "Papua New Guinea", &[]),
    ("PH", "Philippines", &["The Philippines"]),
    ("PK", "Pakistan", &[]),
    ("PL", "Poland", &[]),
    ("PM", "Saint Pierre and Miquelon", &[]),
    ("PN", "Pitcairn", &["Pitcairn Islands"]),
    ("PR", "Puerto Rico", &[]),
    (
        "PS",
        "Palestine",
        &[
            "State of Palestine",
            "Palestinian Territories",
            "Palestinian Territory",
            "Occupied Palestinian Territory",
            "West Bank",
            "Gaza",
            "Gaza Strip",
            "West Bank and Gaza",
            "Palestinian",
        ],
    ),
    ("PT", "Portugal", &[]),
    ("PW", "Palau", &[]),
    ("PY", "Paraguay", &[]),
    ("QA", "Qatar", &[]),
    ("RE", "Reunion", &[]),
    ("RO", "Romania", &[]),
    ("RS", "Serbia", &["Republic of Serbia"]),
    (
        "RU",
        "Russia",
        &["Russian Federation", "Russian Federation (the)"],
    ),
    ("RW", "Rwanda", &[]),
    ("SA", "Saudi Arabia", &["Kingdom of Saudi Arabia", "KSA"]),
    ("SB", "Solomon Islands", &[]),
    ("SC", "Seychelles", &[]),
    ("SD", "Sudan", &["Republic of the Sudan", "The Sudan"]),
    ("SE", "Sweden", &[]),
    ("SG", "Singapore", &[]),
    (
        "SH",
        "Saint Helena",
        &["Saint Helena, Ascension and Tristan da Cunha"],
    ),
    ("SI", "Slovenia", &[]),
    ("SJ", "Svalbard and Jan Mayen", &[]),
    ("SK", "Slovakia", &["Slovak Republic"]),
    ("SL", "Sierra Leone", &[]),
    ("SM", "San Marino", &[]),
    ("SN", "Senegal", &[]),
    ("SO", "Somalia", &[]),
    ("SR", "Suriname", &["Surinam"]),
    ("SS", "South Sudan", &[]),
    ("ST", "Sao Tome and Principe", &[]),
    ("SV", "El Salvador", &[]),
    ("SX", "Sint Maarten", &["Sint Maarten (Dutch part)"]),
    ("SY", "Syria", &["Syrian Arab Republic"]),
    ("SZ", "Eswatini", &["Swaziland"]),
    ("TC", "Turks and Caicos Islands", &[]),
    ("TD", "Chad", &[]),
    ("TF", "French Southern Territories", &[]),
    ("TG", "Togo", &[]),
    ("TH", "Thailand", &[]),
    ("TJ", "Tajikistan", &[]),
    ("TK", "Tokelau", &[]),
    ("TL", "Timor-Leste", &["East Timor"]),
    ("TM", "Turkmenistan", &[]),
    ("TN", "Tunisia", &[]),
    ("TO", "Tonga", &[]),
    ("TR", "Turkey", &["Turkiye", "Republic of Turkiye"]),
    ("TT", "Trinidad and Tobago", &[]),
    ("TV", "Tuvalu", &[]),
    (
        "TW",
        "Taiwan",
        &[
            "Republic of China",
            "Taiwan, Province of China",
            "Chinese Taipei",
        ],
    ),
    (
        "TZ",
        "Tanzania",
        &[
            "United Republic of Tanzania",
            "Tanzania, United Republic of",
        ],
    ),
    ("UA", "Ukraine", &[]),
    ("UG", "Uganda", &[]),
    ("UM", "United States Minor Outlying Islands", &[]),
    (
        "US",
        "United States",
        &[
            "United States of America",
            "USA",
            "U.S.A.",
            "US",
            "U.S.",
            "America",
        ],
    ),
    ("UY", "Uruguay", &[]),
    ("UZ", "Uzbekistan", &[]),
    (
        "VA",
        "Holy See",
        &["Vatican", "Vatican City", "Holy See (Vatican City State)"],
    ),
    (
        "VC",
        "Saint Vincent and the Grenadines",
        &["St. Vincent and the Grenadines"],
    ),
    (
        "VE",
        "Venezuela",
        &[
            "Bolivarian Republic of Venezuela",
            "Venezuela (Bolivarian Republic of)",
        ],
    ),
    (
        "VG",
        "Virgin Islands, British",
        &["British Virgin Islands", "BVI"],
    ),
    (
        "VI",
        "Virgin Islands, U.S.",
        &["US Virgin Islands", "United States Virgin Islands"],
    ),
    ("VN", "Vietnam", &["Viet Nam"]),
    ("VU", "Vanuatu", &[]),
    ("WF", "Wallis and Futuna", &[]),
    ("WS", "Samoa", &[]),
    ("XK", "Kosovo", &[]),
    ("YE", "Yemen", &[]),
    ("YT", "Mayotte", &[]),
    ("ZA", "South Africa", &[]),
    ("ZM", "Zambia", &[]),
    ("ZW", "Zimbabwe", &[]),
];

/// Folds a country name for lookup: ASCII, lower case, letters and digits
/// only, words separated by single spaces, a leading `the` dropped.
fn fold(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_ascii_lowercase();
    let words: Vec<&str> = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    let words = match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    words.join(" ")
}

fn lookup_table() -> &'static HashMap<String, &'static str> {
    static TABLE: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for (code, name, aliases) in COUNTRIES {
            table.insert(fold(name), *code);
            for alias in *aliases {
                table.insert(fold(alias), *code);
            }
        }
        table
    })
}

/// The ISO 3166-1 alpha-2 code for a country name or code in any of the
/// spellings lists use, case- and accent-insensitively: `Korea, North`,
/// `North Korea`, `DPRK`, `kp` and `KP` all give `KP`. `None` for anything
/// that is not a country.
pub fn country_code(text: &str) -> Option<&'static str> {
    let trimmed = text.trim();
    if trimmed.len() == 2 && trimmed.bytes().all(|b| b.is_ascii_alphabetic()) {
        let upper = trimmed.to_ascii_uppercase();
        return COUNTRIES
            .iter()
            .find(|(code, _, _)| *code == upper)
            .map(|(code, _, _)| *code);
    }
    lookup_table().get(&fold(trimmed)).copied()
}

/// True when `word` is one of the words of a country's name or of its
/// other spellings (`Korea`, `Emirates`, `Russian`): in free text such a
/// word alone names no listed entity.
pub fn is_country_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        COUNTRIES
            .iter()
            .flat_map(|(_, name, aliases)| std::iter::once(name).chain(aliases.iter()))
            .flat_map(|name| {
                fold(name)
                    .split(' ')
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect()
    });
    words.contains(&fold(word))
}

/// Every country name and other spelling of the table, as written, with
/// its ISO code (`IR`: `Iran`, `Islamic Republic of Iran`; `KP`: `Korea,
/// Dem. People's Rep.`).
pub fn country_names() -> impl Iterator<Item = (&'static str, &'static str)> {
    COUNTRIES.iter().flat_map(|(code, name, aliases)| {
        std::iter::once(*name)
            .chain(aliases.iter().copied())
            .map(move |name| (*code, name))
    })
}

/// The country names and other spellings of the table that are one word
/// (`Iran`, `Burma`, `Myanmar`), as written.
pub fn one_word_country_names() -> impl Iterator<Item = &'static str> {
    COUNTRIES
        .iter()
        .flat_map(|(_, name, aliases)| std::iter::once(*name).chain(aliases.iter().copied()))
        .filter(|name| !name.contains([' ', ',', '(', '-', '.']))
}

/// The English short name for an ISO 3166-1 alpha-2 code (either case).
pub fn country_name(code: &str) -> Option<&'static str> {
    let upper = code.trim().to_ascii_uppercase();
    COUNTRIES
        .iter()
        .find(|(known, _, _)| *known == upper)
        .map(|(_, name, _)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ofac_and_un_spellings_resolve() {
        assert_eq!(country_code("Korea, North"), Some("KP"));
        assert_eq!(
            country_code("Democratic People's Republic of Korea"),
            Some("KP")
        );
        assert_eq!(country_code("Iran (Islamic Republic of)"), Some("IR"));
        assert_eq!(country_code("Burma"), Some("MM"));
        assert_eq!(country_code("Russian Federation"), Some("RU"));
        assert_eq!(country_code("Côte d’Ivoire"), Some("CI"));
        assert_eq!(country_code("the Netherlands"), Some("NL"));
    }

    #[test]
    fn codes_resolve_in_either_case() {
        assert_eq!(country_code("kp"), Some("KP"));
        assert_eq!(country_code("US"), Some("US"));
        assert_eq!(country_code("zz"), None);
    }

    #[test]
    fn non_countries_do_not_resolve() {
        assert_eq!(country_code("undetermined"), None);
        assert_eq!(country_code(""), None);
        assert_eq!(country_code("Korea"), None, "ambiguous between KP and KR");
    }

    #[test]
    fn table_has_no_duplicate_codes_or_spellings() {
        let mut codes: Vec<&str> = COUNTRIES.iter().map(|(code, _, _)| *code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), COUNTRIES.len());
        let mut seen: HashMap<String, &str> = HashMap::new();
        for (code, name, aliases) in COUNTRIES {
            for spelling in aliases.iter().chain(std::iter::once(name)) {
                if let Some(other) = seen.insert(fold(spelling), code) {
                    assert_eq!(other, *code, "{spelling:?} names two countries");
                }
            }
        }
    }

    #[test]
    fn country_words_cover_every_word_of_every_spelling() {
        assert!(is_country_word("Korea"));
        assert!(is_country_word("RUSSIAN"));
        assert!(is_country_word("Emirates"));
        assert!(!is_country_word("Lazarus"));
    }
}
