//! Words that say what a body of a state does (`MINISTRY`, `DEFENSE`,
//! `CENTRAL`, `BANK`, `GUARD`), as opposed to whose it is.
//!
//! Every country has a central bank, a ministry of finance and a national
//! guard, and the lists name several (`CENTRAL BANK OF IRAN`, `MINISTRY
//! OF DEFENSE OF THE RUSSIAN FEDERATION`, `NATIONAL GUARD OF RUSSIA`). A
//! name made of such words alone (`Central Bank`, `The Ministry of
//! Finance` in a news report) names none of them in particular: the
//! country the listed name adds is the whole of what tells them apart
//! ([`names_only_a_function`], asked by `score`). A word of a body's own name (`MELLI` of `BANK MELLI
//! IRAN`, `SBERBANK`) is none of these, so such a name keeps its match
//! when its country is left out.

use super::align::ListedName;
use super::country_words::{self, in_any_country_name};
use super::prepare::PreparedName;
use super::roles::WordRole;

/// True for a lower-case word that names what a body of a state does:
/// its kind (ministry, bank, service, guard) or its field (defense,
/// finance, intelligence), in English and as the lists romanize Russian.
pub(crate) fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "ministry"
            | "ministerstvo"
            | "minister"
            | "department"
            | "directorate"
            | "administration"
            | "office"
            | "bureau"
            | "agency"
            | "service"
            | "authority"
            | "commission"
            | "committee"
            | "council"
            | "government"
            | "parliament"
            | "assembly"
            | "court"
            | "prosecutor"
            | "general"
            | "central"
            | "national"
            | "federal"
            | "state"
            | "supreme"
            | "bank"
            | "reserve"
            | "treasury"
            | "guard"
            | "guards"
            | "army"
            | "navy"
            | "air"
            | "force"
            | "forces"
            | "armed"
            | "military"
            | "police"
            | "border"
            | "customs"
            | "tax"
            | "security"
            | "intelligence"
            | "investigation"
            | "interior"
            | "internal"
            | "affairs"
            | "foreign"
            | "defense"
            | "defence"
            | "oborony"
            | "finance"
            | "finansov"
            | "economy"
            | "economic"
            | "justice"
            | "energy"
            | "industry"
            | "trade"
            | "health"
            | "education"
            | "communications"
            | "information"
            | "culture"
            | "transport"
            | "agriculture"
            | "labor"
            | "labour"
            | "development"
            | "emergency"
            | "situations"
    )
}

/// True when a query names a state body by what it does alone (`Central
/// Bank`, `Ministry of Defense`) and the listed name adds the country
/// that makes it one state's (`CENTRAL BANK OF IRAN`): every listed word
/// the query met is a generic word or a function word
/// ([`is_function_word`]), every name word it left out is a country's word
/// and one of them names a country, and the query names no country. Every
/// state has such a body; the country is what tells them apart.
pub(crate) fn names_only_a_function(
    query: &PreparedName,
    listed: &ListedName,
    listed_covered: &[bool],
) -> bool {
    let named = |l: usize| !listed.forms[l].kind.is_minor();
    let generic =
        |l: usize| listed.role(l) == WordRole::OrgWord || is_function_word(&listed.forms[l].text);
    let country = |l: usize| in_any_country_name(&listed.forms[l].text);
    let mut names_a_country = false;
    for l in (0..listed.len()).filter(|&l| named(l)) {
        match listed_covered[l] {
            true if !generic(l) => return false,
            false if !country(l) => return false,
            false => {
                names_a_country |= matches!(listed.role(l), WordRole::Country | WordRole::Aside)
                    && country_words::names_a_country(&listed.forms[l].text)
            }
            true => {}
        }
    }
    names_a_country
        && listed_covered.iter().any(|&covered| covered)
        && !query
            .words
            .iter()
            .any(|word| country_words::names_a_country(&word.forms.text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functions_are_known_and_names_are_not() {
        for word in ["ministry", "central", "bank", "guard", "defense", "finance"] {
            assert!(is_function_word(word), "{word}");
        }
        for word in [
            "melli",
            "sberbank",
            "revolutionary",
            "islamic",
            "iran",
            "Bank",
        ] {
            assert!(!is_function_word(word), "{word}");
        }
    }
}
