//! The name score of an alignment: how much of each name the pairing
//! covers, with missing words costed by what they are.
//!
//! The score is the harmonic mean of two coverages, the share of the
//! query's weight that found a partner and the share of the listed name's
//! that did, each partner counted at its similarity. A common word (`Kim`,
//! `Company`) weighs little, so sharing it alone covers little of either
//! name. What a word costs when it finds no partner depends on its side
//! and role:
//!
//! * a listed middle name, patronymic or second family name costs a share
//!   of its weight (`super::roles::missing_share`): people leave them
//!   out (`Ali Khamenei` for `KHAMENEI, Ali Husseini`, `Joaquin Guzman` for
//!   `GUZMAN LOERA, Joaquin`);
//! * a query word the listed name lacks costs at least
//!   [`MISSING_QUERY_WORD_FLOOR`], however common: the query says the
//!   person has a name the listed one does not (`Kim Il Sung` is not
//!   `KIM, Song`), unless it looks like a patronymic or a middle name, a
//!   name of its own rather than a syllable (`is_name_of_its_own`); a
//!   person's further name of its own first or last costs its weight only
//!   (`Thomas Lubanga Dyilo` for `LUBANGA, Thomas`), an organization's
//!   further word its full cost (`Siemens Energy AG` is not `SIEMENS
//!   AG`);
//! * a listed family name alone (every query word paired with the family
//!   name, nothing else said) is evidence in proportion to its rarity
//!   (`family_name_alone`): `Lukashenko` names one family, `Kim` a
//!   nation. It must be written exactly or as a spelling variant: a
//!   misspelt family name alone leaves too little evidence;
//! * a given name written in syllables (`Ping Yun`) met by some of its
//!   syllables only is another given name
//!   ([`PARTIAL_GIVEN_NAME_FACTOR`]).

use super::align::{ListedName, PreparedName, Unit};
use super::index::{family_weight, is_patronymic};
pub use super::missing_words::{
    MIN_QUERY_MIDDLE_NAME_BYTES, MISSING_QUERY_WORD_FACTOR, MISSING_QUERY_WORD_FLOOR,
};
use super::missing_words::{Opposed, is_family_word, listed_denominator, query_denominator};
use super::name_evidence::NameEvidence;
use super::roles::{WordRole, may_name_alone};
use super::similarity::{Agreement, WordForms};
use super::tokens::{NameStyle, TokenKind};

/// Factor on the score of a person whose listed family name found no
/// partner while the query has a word of its own: the names disagree on
/// the family name, which says more than any other word
/// (`Barzan Ibrahim Hasan al-Duri` is not `AL-TIKRITI, Barzan Ibrahim
/// Hasan`: families on the lists share given names).
pub const FAMILY_DISAGREEMENT_FACTOR: f32 = 0.85;
/// Factor on the score of a person one of whose listed family names
/// found a partner and another did not, while the query has a word of
/// its own: the second family names disagree, which says less than the
/// family name ([`FAMILY_DISAGREEMENT_FACTOR`]) but more than a middle
/// name.
pub const SECOND_FAMILY_DISAGREEMENT_FACTOR: f32 = 0.9;
/// Factor on the score when a given name written in syllables is met by
/// some of its syllables only (`Zhang Bing` is not `CHANG, Ping Yun`):
/// each syllable is part of the name, none is left out.
pub const PARTIAL_GIVEN_NAME_FACTOR: f32 = 0.85;
/// Factor on the score of a person's name when each name has a
/// patronymic the other does not pair: the fathers' names disagree
/// (`Vladimir Mikhaylovich KONONOV` is not `KONONOV, Vladimir
/// Petrovich`), as family names disagreeing ([`FAMILY_DISAGREEMENT_FACTOR`])
/// or more, since a patronymic is written out in full or not at all.
pub const PATRONYMIC_DISAGREEMENT_FACTOR: f32 = 0.8;
/// Factor on the score of an organization's or vessel's name when each
/// name has a number the other lacks: the numbers tell two bodies of one
/// kind apart (`FUND 8` is not `FUND 9`, the `71ST` repair plant not the
/// `72ND`), however many words they share.
pub const DIFFERENT_NUMBER_FACTOR: f32 = 0.7;
/// Factor on the score of an organization's name when each name gives a
/// country the other does not pair: the countries tell two bodies of one
/// name apart (`PELIKAN BANK OF MOLDOVA` is not `Pelikan Bank of
/// Georgia`, a branch in Kenya not one in Tanzania), beyond the two words'
/// weight.
pub const DIFFERENT_COUNTRY_FACTOR: f32 = 0.8;
/// Name score of a family name standing alone, before its rarity.
pub const FAMILY_ALONE_BASE: f32 = 0.5;
/// Name score a family name standing alone gains per unit of rarity
/// (its word weight, 1 for a word of one listed name).
pub const FAMILY_ALONE_RARITY: f32 = 0.45;
/// Name score of an organization's distinctive word standing alone,
/// before its rarity.
pub const DISTINCTIVE_ALONE_BASE: f32 = 0.45;
/// Name score an organization's distinctive word standing alone gains per
/// unit of rarity: at most that of a family name alone
/// ([`FAMILY_ALONE_BASE`], [`FAMILY_ALONE_RARITY`]), which the candidate
/// bound counts with.
pub const DISTINCTIVE_ALONE_RARITY: f32 = 0.4;
/// Highest rarity a family name among the commonest surnames of the names
/// corpus counts with standing alone: its factor stays under the
/// threshold.
pub const COMMON_SURNAME_RARITY: f32 = 0.3;

/// The coverages and score of one selection of units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coverage {
    /// Share of the query covered.
    pub query: f32,
    /// Share of the listed name covered.
    pub listed: f32,
    /// The name score.
    pub score: f32,
    /// The score is that of a family name standing alone.
    pub family_name_alone: bool,
    /// What the score read, for measuring and fitting it.
    pub evidence: NameEvidence,
    /// The rarity factor of a listed family name standing alone, scaled by
    /// how exactly it was written, when the pairing is one.
    pub family_alone_factor: Option<f32>,
}

impl Coverage {
    /// A score that reads no word's evidence: an acronym standing alone,
    /// or no match.
    fn flat(score: f32) -> Coverage {
        Coverage {
            query: score,
            listed: score,
            score,
            family_name_alone: false,
            evidence: NameEvidence::default(),
            family_alone_factor: None,
        }
    }

    /// Scores the pairings `chosen` of `query` with `listed`.
    pub(crate) fn of<'u>(
        query: &PreparedName,
        listed: &ListedName,
        chosen: impl Iterator<Item = &'u Unit>,
    ) -> Coverage {
        let mut query_covered = [false; super::align::MAX_WORDS];
        let mut listed_covered = [false; super::align::MAX_WORDS];
        let mut query_partner = [None; super::align::MAX_WORDS];
        let (mut query_matched, mut listed_matched) = (0.0, 0.0);
        let mut word_level = false;
        let mut family_similarity = (0.0, 0.0);
        let mut only_spellings = true;
        let (mut typo_weight, mut initial_weight) = (0.0, 0.0);
        let mut acronym_letters = 0;
        for unit in chosen {
            let similarity = unit.similarity;
            if unit.agreement == Agreement::Acronym {
                // the acronym is the side of one word
                acronym_letters = if unit.query_span.len() == 1 {
                    query.words[unit.query_span.start].forms.text.len()
                } else {
                    listed.forms[unit.listed_span.start].text.len()
                };
            }
            only_spellings &= matches!(unit.agreement, Agreement::Exact | Agreement::Variant);
            word_level |= unit.agreement.is_word_level();
            for q in unit.query_span.clone() {
                query_covered[q] = true;
                query_partner[q] = Some(unit.listed_span.start);
                query_matched += similarity * query.words[q].weight;
            }
            for l in unit.listed_span.clone() {
                listed_covered[l] = true;
                listed_matched += similarity * listed.weights[l];
                family_similarity.0 += similarity * listed.weights[l];
                family_similarity.1 += listed.weights[l];
                match unit.agreement {
                    Agreement::Typo
                    | Agreement::VariantTypo
                    | Agreement::Skeleton
                    | Agreement::Contraction => {
                        typo_weight += listed.weights[l];
                    }
                    Agreement::Initial | Agreement::Acronym => initial_weight += listed.weights[l],
                    Agreement::Exact
                    | Agreement::Variant
                    | Agreement::Joined
                    | Agreement::GivenNameForm
                    | Agreement::Translation => {}
                }
            }
        }
        if !word_level {
            // acronyms and initials never make a match beside other words;
            // an acronym that is one whole name and spells the whole other
            // stands alone for it
            let named = |forms: &WordForms| !forms.kind.is_minor();
            let alone = acronym_letters > 0
                && !query_has_unpaired(query, &query_covered, named)
                && !listed_has_unpaired(listed, &listed_covered, named);
            let score = if alone {
                super::acronyms::alone_score(acronym_letters)
            } else {
                0.0
            };
            return Coverage::flat(score);
        }
        let listed_complete =
            (0..listed.len()).all(|l| listed_covered[l] || listed.forms[l].kind.is_minor());
        let person = match query.style {
            NameStyle::Person => true,
            NameStyle::Organization => false,
            NameStyle::Unknown => (0..listed.len()).any(|l| listed.role(l).is_personal()),
        };
        if !person
            && (names_only_a_country(query, listed, &listed_covered)
                || super::state_functions::names_only_a_function(query, listed, &listed_covered))
        {
            return Coverage::flat(0.0);
        }
        let opposed = Opposed::of(query, listed, (&query_covered, &listed_covered), person);
        let query_total =
            query_denominator(query, &query_covered, listed_complete, person, opposed);
        let listed_total = listed_denominator(listed, &listed_covered, opposed);
        let query_coverage = ratio(query_matched, query_total);
        let listed_coverage = ratio(listed_matched, listed_total);
        let paired_weight = family_similarity.1;
        let evidence = NameEvidence {
            coverage: harmonic_mean(query_coverage, listed_coverage),
            family_disagrees: family_disagrees(query, listed, &query_covered, &listed_covered),
            partial_given_name: given_name_partly_met(listed, &listed_covered)
                || query_syllable_unmet(query, listed, &query_partner),
            typo_share: ratio(typo_weight, paired_weight),
            initial_share: ratio(initial_weight, paired_weight),
            single_word: name_word_count(query) == 1,
        };
        let mut score = evidence.coverage;
        if evidence.family_disagrees {
            score *= FAMILY_DISAGREEMENT_FACTOR;
        } else if person && second_family_disagrees(query, listed, &query_covered, &listed_covered)
        {
            score *= SECOND_FAMILY_DISAGREEMENT_FACTOR;
        }
        if evidence.partial_given_name {
            score *= PARTIAL_GIVEN_NAME_FACTOR;
        }
        if !person && numbers_differ(query, listed, &query_covered, &listed_covered) {
            score *= DIFFERENT_NUMBER_FACTOR;
        }
        if !person && opposed.countries {
            score *= DIFFERENT_COUNTRY_FACTOR;
        }
        if person && patronymics_differ(query, listed, &query_covered, &listed_covered) {
            score *= PATRONYMIC_DISAGREEMENT_FACTOR;
        }
        let mut coverage = Coverage {
            query: query_coverage,
            listed: listed_coverage,
            score,
            family_name_alone: false,
            evidence,
            family_alone_factor: None,
        };
        let alone = if person {
            family_name_alone(query, listed, &query_covered, &listed_covered)
        } else {
            distinctive_word_alone(query, listed, &query_covered, &listed_covered)
        };
        if let Some(alone) = alone
            && family_similarity.1 > 0.0
            && only_spellings
        {
            let score = family_similarity.0 / family_similarity.1 * alone;
            coverage.family_alone_factor = Some(score);
            if score > coverage.score {
                coverage.score = score;
                coverage.family_name_alone = true;
            }
        }
        coverage
    }
}

/// How many name words the query has (not particles, legal forms or
/// single letters).
fn name_word_count(query: &PreparedName) -> usize {
    query
        .words
        .iter()
        .filter(|word| word.forms.is_name_word())
        .count()
}

/// True when the listed name's family name found no partner while the
/// query has a word of its own that found none either.
fn family_disagrees(
    query: &PreparedName,
    listed: &ListedName,
    query_covered: &[bool],
    listed_covered: &[bool],
) -> bool {
    let mut family = (0..listed.len()).filter(|&l| is_family_word(listed, l));
    let mut has_family = false;
    let family_unpaired = family.all(|l| {
        has_family = true;
        !listed_covered[l]
    });
    has_family
        && family_unpaired
        && query_has_unpaired(query, query_covered, WordForms::is_name_word)
}

/// True when the listed person has two family names or more, one found
/// a partner and another did not, and the query has a name word of its
/// own that found none either: the query gives another second family
/// name (`Jesus Alfredo GUZMAN SALAZAR` is not `SALAZAR RAMIREZ, Jesus
/// Alfredo`; Spanish names carry the father's and the mother's family,
/// and cousins share one).
fn second_family_disagrees(
    query: &PreparedName,
    listed: &ListedName,
    query_covered: &[bool],
    listed_covered: &[bool],
) -> bool {
    let family = || (0..listed.len()).filter(|&l| is_family_word(listed, l));
    // a word the query repeats is not a word of its own (`SAMUEL FLORES
    // FLORES`)
    let repeats_a_paired_word = |forms: &WordForms| {
        query
            .words
            .iter()
            .zip(query_covered)
            .any(|(word, &covered)| covered && word.forms.text == forms.text)
    };
    family().any(|l| listed_covered[l])
        && family().any(|l| !listed_covered[l])
        && query_has_unpaired(query, query_covered, |forms| {
            forms.is_name_word() && !repeats_a_paired_word(forms)
        })
}

/// True when a query word `kind` is true for found no partner.
fn query_has_unpaired(
    query: &PreparedName,
    query_covered: &[bool],
    kind: impl Fn(&WordForms) -> bool,
) -> bool {
    query
        .words
        .iter()
        .zip(query_covered)
        .any(|(word, &covered)| !covered && kind(&word.forms))
}

/// True when a listed word `kind` is true for found no partner.
fn listed_has_unpaired(
    listed: &ListedName,
    listed_covered: &[bool],
    kind: impl Fn(&WordForms) -> bool,
) -> bool {
    (0..listed.len()).any(|l| !listed_covered[l] && kind(listed.forms[l]))
}

/// True when the query's name words all belong to countries' names
/// ([`super::country_words::in_a_country_name`]) and the listed
/// organization has a
/// word of its own the query lacks: a country never names a body alone
/// (`Iran` is not `BANK MELLI IRAN`; `the Democratic People's Republic
/// of`, a span of free text, is not `FOREIGN TRADE BANK OF THE DEMOCRATIC
/// PEOPLE'S REPUBLIC OF KOREA`).
fn names_only_a_country(
    query: &PreparedName,
    listed: &ListedName,
    listed_covered: &[bool],
) -> bool {
    let named = |forms: &WordForms| !forms.kind.is_minor();
    let country = |forms: &WordForms| super::country_words::in_a_country_name(&forms.text);
    query.words.iter().any(|word| named(&word.forms))
        && query
            .words
            .iter()
            .all(|word| !named(&word.forms) || country(&word.forms))
        && listed_has_unpaired(listed, listed_covered, |forms| {
            named(forms) && !country(forms)
        })
}

/// True when every query word but legal forms found a partner: what a
/// name standing alone on one word needs.
fn query_all_paired(query: &PreparedName, query_covered: &[bool]) -> bool {
    query
        .words
        .iter()
        .zip(query_covered)
        .all(|(word, &covered)| covered || word.forms.kind == TokenKind::LegalForm)
}

/// True when each name has a number the other does not pair (`71ST ...
/// REPAIR PLANT`, `72ND ... REPAIR PLANT`; `ARK II`, `ARK III`).
fn numbers_differ(
    query: &PreparedName,
    listed: &ListedName,
    query_covered: &[bool],
    listed_covered: &[bool],
) -> bool {
    let is_number = |forms: &WordForms| forms.kind == TokenKind::Number;
    query_has_unpaired(query, query_covered, is_number)
        && listed_has_unpaired(listed, listed_covered, is_number)
}

/// True when each name of a person's pair has a patronymic the other
/// does not pair (`Igor Vladimirovich BORISOV`, `BORISOV, Igor
/// Borisovich`): two fathers, two people. A patronymic one name leaves out
/// still costs little.
fn patronymics_differ(
    query: &PreparedName,
    listed: &ListedName,
    query_covered: &[bool],
    listed_covered: &[bool],
) -> bool {
    query_has_unpaired(query, query_covered, |forms| is_patronymic(&forms.text))
        && (0..listed.len()).any(|l| {
            !listed_covered[l]
                && (listed.role(l) == WordRole::Patronymic || is_patronymic(&listed.forms[l].text))
        })
}

/// True when some syllables of a given name written in syllables found a
/// partner and others did not.
fn given_name_partly_met(listed: &ListedName, listed_covered: &[bool]) -> bool {
    let mut syllables = (0..listed.len()).filter(|&l| listed.role(l) == WordRole::Syllable);
    let (mut met, mut missed) = (false, false);
    syllables.all(|l| {
        met |= listed_covered[l];
        missed |= !listed_covered[l];
        !(met && missed)
    });
    met && missed
}

/// Longest word taken for a syllable of a given name written in
/// syllables (`Il` of `Kim Il Sung`, `Song` of `KIM, Song`).
pub const MAX_SYLLABLE_BYTES: usize = 4;

/// True when a query word that looks like a syllable (two to four
/// letters, not a particle) found no partner while the word beside it met
/// a listed given name of one syllable: the query's given name is met in
/// part (`Kim Il Sung` is not `KIM, Song`), as [`given_name_partly_met`]
/// on the listed side.
fn query_syllable_unmet(
    query: &PreparedName,
    listed: &ListedName,
    query_partner: &[Option<usize>],
) -> bool {
    let is_syllable = |forms: &super::similarity::WordForms| {
        forms.kind == TokenKind::Word && (2..=MAX_SYLLABLE_BYTES).contains(&forms.text.len())
    };
    let meets_given_syllable = |at: usize| {
        query_partner.get(at).copied().flatten().is_some_and(|l| {
            matches!(listed.role(l), WordRole::Given | WordRole::Syllable)
                && is_syllable(listed.forms[l])
        })
    };
    (0..query.words.len()).any(|at| {
        query_partner[at].is_none()
            && is_syllable(&query.words[at].forms)
            && (meets_given_syllable(at.wrapping_sub(1)) || meets_given_syllable(at + 1))
    })
}

/// The name score factor of a family name standing alone, when it does:
/// every word of the query but legal forms is paired (a particle may be a
/// name of its own: Chinese `Bin`), every paired listed word is of the
/// family name, and some is. The factor grows with
/// the rarest paired family word's weight.
fn family_name_alone(
    query: &PreparedName,
    listed: &ListedName,
    query_covered: &[bool],
    listed_covered: &[bool],
) -> Option<f32> {
    if !query_all_paired(query, query_covered) {
        return None;
    }
    let mut rarity: Option<f32> = None;
    for l in (0..listed.len()).filter(|&l| listed_covered[l]) {
        if listed.role(l) != WordRole::Family {
            return None;
        }
        if is_family_word(listed, l) {
            rarity = Some(rarity.unwrap_or(0.0).max(family_rarity(listed, l)));
        }
    }
    rarity.map(family_alone_factor)
}

/// The name score factor of an organization's distinctive word standing
/// alone, when it does: every word of the query but legal forms is
/// paired, and the rarest name word the query pairs is rarer than any the
/// listed name has besides (generic words and countries aside): of two
/// equally rare words, either may be the name and the other what it does.
/// People write an organization by its own name and leave out what
/// describes it (`TOCHMASH` for `JOINT STOCK COMPANY VLADIMIR PRODUCTION
/// AMALGAMATION TOCHMASH`, `Garantex` for `GARANTEX EUROPE OU`); a query
/// that pairs only a commoner word of the name (`Europe`) does not stand
/// for it.
fn distinctive_word_alone(
    query: &PreparedName,
    listed: &ListedName,
    query_covered: &[bool],
    listed_covered: &[bool],
) -> Option<f32> {
    if query_has_unpaired(query, query_covered, |forms| {
        forms.kind != TokenKind::LegalForm && !super::org_words::is_kind_of_body(&forms.text)
    }) || (0..listed.len()).any(|l| listed.role(l).is_personal())
    {
        return None;
    }
    let (mut paired, mut unpaired): (Option<f32>, f32) = (None, 0.0);
    for (l, &covered) in listed_covered.iter().enumerate().take(listed.len()) {
        if !may_name_alone(listed.role(l), listed.forms[l]) {
            continue;
        }
        let weight = listed.weights[l];
        if covered {
            paired = Some(paired.unwrap_or(0.0).max(weight));
        } else {
            unpaired = unpaired.max(weight);
        }
    }
    let rarity = paired.filter(|&rarity| rarity > unpaired)?;
    Some(DISTINCTIVE_ALONE_BASE + DISTINCTIVE_ALONE_RARITY * rarity.clamp(0.0, 1.0))
}

/// How rare the listed family word `l` is as a name: its word weight in
/// the lists, but at most [`COMMON_SURNAME_RARITY`] for one of the
/// commonest surnames of the names corpus (`Garcia`, `Li`, `Kim`), which
/// many unlisted people carry however rarely the lists write it.
fn family_rarity(listed: &ListedName, l: usize) -> f32 {
    let weight = family_weight(listed.weights[l], &listed.forms[l].text);
    match listed.forms[l].surname_rank {
        Some(rank) if rank <= super::similarity::COMMON_SURNAME_RANK => {
            weight.min(COMMON_SURNAME_RARITY)
        }
        _ => weight,
    }
}

/// The name score of a family name of word weight `rarity` standing alone
/// and spelled exactly.
pub fn family_alone_factor(rarity: f32) -> f32 {
    FAMILY_ALONE_BASE + FAMILY_ALONE_RARITY * rarity.clamp(0.0, 1.0)
}

fn ratio(matched: f32, total: f32) -> f32 {
    if total <= 0.0 {
        0.0
    } else {
        (matched / total).clamp(0.0, 1.0)
    }
}

/// Harmonic mean of two coverages: high only when both are.
pub(crate) fn harmonic_mean(a: f32, b: f32) -> f32 {
    if a + b <= 0.0 {
        0.0
    } else {
        2.0 * a * b / (a + b)
    }
}
