//! What a word without a partner costs the coverage of its name, by its
//! side and role (module `score` reads the coverages).
//!
//! * A listed middle name, patronymic or second family name costs a share
//!   of its weight (`super::roles::missing_share`): people leave them out.
//! * A query word the listed name lacks costs at least
//!   [`MISSING_QUERY_WORD_FLOOR`], and [`MISSING_QUERY_WORD_FACTOR`] times
//!   its weight when the listed name is covered whole, unless it is a
//!   patronymic, or a person's name of its own rather than a syllable
//!   (`is_name_of_its_own`), which costs its weight only.
//! * An organization's generic word or country that the other name lacks
//!   costs a share, unless each name has one the other lacks ([`Opposed`]):
//!   then they are two bodies, and both cost in full.

use super::align::{ListedName, PreparedName};
use super::index::is_patronymic;
use super::roles::{WordRole, missing_share};
use super::similarity::WordForms;

/// Least weight a query word without a partner costs the query coverage.
pub const MISSING_QUERY_WORD_FLOOR: f32 = 0.5;
/// How many times its weight a query word without a partner costs when
/// every word of the listed name found one: a listed name is written
/// whole, so a word the query adds to it says the query names someone
/// else (`Kim Il Sung` is not `KIM, Song`), where a word the query leaves
/// out is often just left out.
pub const MISSING_QUERY_WORD_FACTOR: f32 = 1.5;
/// Shortest query word between the first and the last that counts as a
/// middle name when the listed name lacks it: it costs its weight only,
/// as a missing listed middle name costs a share of its own. Shorter words
/// are syllables of a name (`Kim Il Sung` is not `KIM, Song`).
pub const MIN_QUERY_MIDDLE_NAME_BYTES: usize = 6;
/// Share of its weight a query word that looks like a patronymic costs
/// when the listed name lacks it.
const MISSING_QUERY_PATRONYMIC_SHARE: f32 = 0.4;

/// Which names of an organization's pair have a word of some kind the
/// other name does not pair.
#[derive(Debug, Clone, Copy, Default)]
struct Unpaired {
    query: bool,
    listed: bool,
}

impl Unpaired {
    /// Which names have a word the other does not pair that `query_word`
    /// (of a query word's forms) or `listed_word` (of a listed word's
    /// position) is true for; neither for a person's name.
    fn by(
        query: &PreparedName,
        listed: &ListedName,
        (query_covered, listed_covered): (&[bool], &[bool]),
        person: bool,
        query_word: fn(&WordForms) -> bool,
        listed_word: fn(&ListedName, usize) -> bool,
    ) -> Unpaired {
        if person {
            return Unpaired::default();
        }
        let query_unpaired = query
            .words
            .iter()
            .zip(query_covered)
            .any(|(word, &covered)| !covered && query_word(&word.forms));
        let listed_unpaired =
            (0..listed.len()).any(|l| !listed_covered[l] && listed_word(listed, l));
        Unpaired {
            query: query_unpaired,
            listed: listed_unpaired,
        }
    }
}

/// Whether the words of a kind that one name of an organization's pair
/// lacks cost only their share ([`super::country_words::COUNTRY_WORD_SHARE`],
/// [`super::org_words::ORG_WORD_SHARE`]), or in full, because each name
/// has one the other lacks and they are two bodies:
/// - two countries (`Central Bank of Syria`, `CENTRAL BANK OF IRAN`),
///   counting a listed one in parentheses (`VTB BANK (AUSTRIA)`);
/// - a trade against any other word of a name (`MCS ENGINEERING`, `MCS
///   INTERNATIONAL`; `STAR SAPPHIRE TRADING`, `STAR SAPPHIRE GROUP`;
///   `HIGHLAND GOLD INTERNATIONAL`, `HIGHLAND GOLD MINING`): a trade
///   costs little only where the other name leaves it out, not where it
///   says something else. Two words for the kind of body (`GRUPPA`,
///   `GROUP`; `INSTITUTION`, `FOUNDATION`) are one body named two ways.
#[derive(Debug, Clone, Copy)]
pub(super) struct Opposed {
    pub(super) countries: bool,
    pub(super) org_words: bool,
}

impl Opposed {
    /// Which kinds of words each name of the pair lacks of the other's.
    pub(super) fn of(
        query: &PreparedName,
        listed: &ListedName,
        covered: (&[bool], &[bool]),
        person: bool,
    ) -> Opposed {
        let countries = Unpaired::by(
            query,
            listed,
            covered,
            person,
            |forms| super::country_words::names_a_country(&forms.text),
            is_country,
        );
        let trades = Unpaired::by(
            query,
            listed,
            covered,
            person,
            |forms| super::org_words::is_trade_word(&forms.text),
            is_trade_word_of,
        );
        // most pairs leave no trade unpaired: the other name's words are
        // not looked at then
        let named = if trades.query || trades.listed {
            Unpaired::by(
                query,
                listed,
                covered,
                person,
                WordForms::is_name_word,
                |listed, l| listed.forms[l].is_name_word(),
            )
        } else {
            Unpaired::default()
        };
        Opposed {
            countries: countries.query && countries.listed,
            org_words: trades.query && named.listed || named.query && trades.listed,
        }
    }
}

/// True for a listed organization's generic word.
fn is_org_word_of(listed: &ListedName, l: usize) -> bool {
    listed.role(l) == WordRole::OrgWord
}

/// True for a listed organization's generic word that names a trade.
fn is_trade_word_of(listed: &ListedName, l: usize) -> bool {
    is_org_word_of(listed, l) && super::org_words::is_trade_word(&listed.forms[l].text)
}

/// True for a listed organization's word that names a country, whatever
/// its role.
fn is_country(listed: &ListedName, l: usize) -> bool {
    matches!(listed.role(l), WordRole::Country | WordRole::Aside)
        && super::country_words::names_a_country(&listed.forms[l].text)
}

/// The query's weight as the coverage counts it: covered words at their
/// weight, uncovered ones at what they cost.
pub(super) fn query_denominator(
    query: &PreparedName,
    covered: &[bool],
    listed_complete: bool,
    person: bool,
    opposed: Opposed,
) -> f32 {
    let factor = if listed_complete {
        MISSING_QUERY_WORD_FACTOR
    } else {
        1.0
    };
    let is_name_word = |word: &&super::prepare::QueryWord| word.forms.is_name_word();
    let first = query.words.iter().position(|w| is_name_word(&w));
    let last = query.words.iter().rposition(|w| is_name_word(&w));
    query
        .words
        .iter()
        .zip(covered)
        .enumerate()
        .map(|(at, (word, &covered))| {
            let inside = first.is_some_and(|f| at > f) && last.is_some_and(|l| at < l);
            if covered {
                word.weight
            } else if !person
                && super::org_words::is_org_word(&word.forms.text)
                && !opposed.org_words
            {
                // a generic word of an organization's name (`Aman Holding
                // Group` for `AMAN HOLDING COMPANY`)
                word.weight * super::org_words::ORG_WORD_SHARE
            } else if !person
                && !opposed.countries
                && super::country_words::names_a_country(&word.forms.text)
            {
                // a country the listed name leaves out (`Sberbank of
                // Russia` for `SBERBANK`)
                word.weight * super::country_words::COUNTRY_WORD_SHARE
            } else if inside && is_name_of_its_own(&word.forms) {
                // a middle name the list does not give (`Said Mohamed Arif`
                // for `SAID ARIF`); for an organization, a word between
                // others, after its generic words and countries
                word.weight
            } else if person && is_name_of_its_own(&word.forms) {
                // a further name of a person's own, first or last (`Thomas
                // Lubanga Dyilo` for `LUBANGA, Thomas`): its weight, as a
                // middle name inside; in an organization's name a further
                // word names another one (`Siemens Energy AG`)
                missing_query_cost(word.weight, &word.forms, 1.0)
            } else {
                missing_query_cost(word.weight, &word.forms, factor)
            }
        })
        .sum()
}

/// True for a query word that is a name of its own, not a syllable of
/// one (`Il` of `Kim Il Sung`, `Jong`): [`MIN_QUERY_MIDDLE_NAME_BYTES`]
/// letters or more, a known given name (`Jean`), or two syllables
/// (`Najib`, `Omar`) that are not a Chinese given name's written as one
/// (`Yuhua`), whose missing costs as a syllable's.
fn is_name_of_its_own(forms: &WordForms) -> bool {
    let word = forms.text.as_str();
    word.len() >= MIN_QUERY_MIDDLE_NAME_BYTES
        || !forms.given_names.is_empty()
        || super::similarity::vowel_groups(word) >= 2 && !super::wade_giles::is_pinyin_word(word)
}

/// What a query word the listed name lacks costs, `factor` times its
/// weight (at least [`MISSING_QUERY_WORD_FLOOR`]) for a name word.
pub(crate) fn missing_query_cost(weight: f32, forms: &WordForms, factor: f32) -> f32 {
    if !forms.is_name_word() {
        weight
    } else if is_patronymic(&forms.text) {
        weight * MISSING_QUERY_PATRONYMIC_SHARE
    } else {
        weight.max(MISSING_QUERY_WORD_FLOOR) * factor
    }
}

/// The listed name's weight as the coverage counts it: covered words at
/// their weight, uncovered ones at the share their role costs.
pub(super) fn listed_denominator(listed: &ListedName, covered: &[bool], opposed: Opposed) -> f32 {
    let family_matched = (0..listed.len()).any(|l| covered[l] && is_family_word(listed, l));
    (0..listed.len())
        .map(|l| {
            let weight = listed.weights[l];
            let role = listed.role(l);
            // two countries, or a trade against another generic word,
            // one on each side: two bodies
            if covered[l]
                || opposed.countries && is_country(listed, l)
                || opposed.org_words && is_org_word_of(listed, l)
            {
                weight
            } else {
                weight * missing_share(role, family_matched)
            }
        })
        .sum()
}

/// True for a word of the family name that is not a particle (`al` of
/// `AL-TIKRITI` says nothing of the family).
pub(super) fn is_family_word(listed: &ListedName, l: usize) -> bool {
    listed.role(l) == WordRole::Family && !listed.forms[l].kind.is_minor()
}
