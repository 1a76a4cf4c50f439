//! How alike two name words are: the one rule that candidate generation,
//! scoring and the brute-force check all use.
//!
//! In decreasing strength: the same word (1.0); the same romanization key
//! ([`super::phonetic::fold`], 0.95: `Kim`/`Gim`, `Mohammed`/`Muhammad`);
//! a typo, tolerated in proportion to the word's length (one edit in words
//! of three to five letters, two from six letters on); a typo in the
//! romanization key (`Jinryong`/`Chinyong`); for words transliterated from
//! Arabic or Hebrew script, the same consonant skeleton (0.8). Numbers
//! match only when equal: `11420` is not `1142`.

use super::common_names::surname_rank;
use super::contractions::{CONTRACTION_SIMILARITY, contraction_meets};
pub use super::distinct_names::{
    COMMON_SURNAME_RANK, KNOWN_WORDS_MAX_TYPO_EDITS, MAX_SHORT_NAME_BYTES, MIN_DISTINCT_NAME_BYTES,
};
use super::distinct_names::{distinct_names, other_short_names};
use super::edits::osa_distance_within;
use super::given_name_forms::{
    GIVEN_NAME_FORM_SIMILARITY, share_a_given_name, word_given_name_groups,
};
use super::org_translations::{TRANSLATION_SIMILARITY, english_key};
use super::phonetic::{fold, is_consonant_letter, is_listed_variant};
pub(crate) use super::script_similarity::{
    full_skeleton_similarity, joined_script_similarity, meets_joined_words, skeleton_similarity,
    skeletons_meet,
};
use super::skeleton::{abjad_skeletons, skeleton};
use super::tokens::{Token, TokenKind};
use super::vowel_spellings::{is_kasra_spelling, is_vowel_spelling_variant, vowel_key};

/// Similarities below this are treated as no match at all.
pub const MIN_SIMILARITY: f32 = 0.6;
/// Similarity of two spellings with the same romanization key.
pub const VARIANT_SIMILARITY: f32 = 0.95;
/// Similarity of an Arabic- or Hebrew-script word and a romanized word with
/// the same consonant skeleton of one or two consonants (`Ali`, `Omar`:
/// `Amir`, `Umar` and `Amr` have it too).
pub const SKELETON_SIMILARITY: f32 = 0.8;
/// Similarity of an Arabic- or Hebrew-script word and a romanized word with
/// the same skeleton of [`MIN_LONG_SKELETON`] consonants or more
/// (`Mustafa`/`مصطفى`, `Mansur`/`منصور`): the script writes consonants
/// only, so agreeing on all of them is all it can say, as two Latin
/// spellings differing in their vowels only say
/// ([`VOWEL_VARIANT_SIMILARITY`]), unless the romanization writes a long
/// vowel the script word lacks (`long_vowels`).
pub const LONG_SKELETON_SIMILARITY: f32 = VOWEL_VARIANT_SIMILARITY;
/// Fewest consonant classes of a skeleton met at
/// [`LONG_SKELETON_SIMILARITY`].
pub const MIN_LONG_SKELETON: usize = 3;
/// Similarity of two long romanizations that differ only in their vowels
/// (`Hezbollah`/`Hizballah`): Arabic and Persian script write no short
/// vowels, so each romanizer picks its own.
pub const VOWEL_VARIANT_SIMILARITY: f32 = 0.9;
/// Least similarity of two words that agree as spellings of one word
/// ([`Agreement::Exact`] or [`Agreement::Variant`]): a query whose every
/// word so agrees covers at least this share of itself.
pub const LEAST_SPELLING_SIMILARITY: f32 = VOWEL_VARIANT_SIMILARITY;
/// Shortest words whose vowels alone may differ between spellings of one
/// name: in shorter ones a vowel is a syllable of its own (`Sang`/`Song`,
/// `Hassan`/`Hussein`).
pub const MIN_VOWEL_VARIANT_BYTES: usize = 8;
/// Fewest vowel groups of such words: a word of two syllables changing
/// vowels is another word (`Chinyong`/`Chanuong`).
const MIN_VOWEL_VARIANT_GROUPS: usize = 3;

/// How two words were found to agree; shown in explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    /// The same word.
    Exact,
    /// Different spellings of one romanization (`Kim`/`Gim`).
    Variant,
    /// A typo (`Abdulah`/`Abdullah`).
    Typo,
    /// A typo in a variant spelling (`Jinryong`/`Chinyong`).
    VariantTypo,
    /// The same consonants (`محمد`/`Mohammed`).
    Skeleton,
    /// An initial standing for a word (`V.`/`Vladimir`).
    Initial,
    /// An acronym standing for several words (`IT`/`Information Technology`).
    Acronym,
    /// Two forms of one given name (`Bill`/`William`, `Mykola`/`Nikolay`;
    /// module `given_name_forms`).
    GivenNameForm,
    /// One word written as two, or two as one (`Sangman`/`Sang Man`).
    Joined,
    /// A word written as its consonants (`SHPG`/`Shipping`; module
    /// `contractions`).
    Contraction,
    /// A word and its translation (`Zavod`/`Plant`; module
    /// `org_translations`).
    Translation,
}

impl Agreement {
    /// True for agreements of words themselves (exact, variant, typo,
    /// skeleton, joined), false for initials and acronyms, which stand for
    /// words without spelling them.
    pub(crate) fn is_word_level(self) -> bool {
        !matches!(self, Agreement::Initial | Agreement::Acronym)
    }

    /// Short lower-case label for explanations.
    pub fn label(self) -> &'static str {
        match self {
            Agreement::Exact => "exact",
            Agreement::Variant => "spelling variant",
            Agreement::Typo => "typo",
            Agreement::VariantTypo => "variant with typo",
            Agreement::Skeleton => "same consonants",
            Agreement::Initial => "initial",
            Agreement::Acronym => "acronym",
            Agreement::GivenNameForm => "form of one given name",
            Agreement::Joined => "joined/split",
            Agreement::Contraction => "contraction",
            Agreement::Translation => "translation",
        }
    }
}

/// A word with the derived forms comparisons need, computed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordForms {
    /// The word.
    pub text: String,
    /// Its romanization key.
    pub fold: String,
    /// Its consonant skeleton ([`super::skeleton`]): of a romanized word,
    /// the one; of a word from Arabic or Hebrew script, the first reading.
    pub skeleton: String,
    /// The consonant skeletons of every reading of a word from Arabic or
    /// Hebrew script, the first equal to `skeleton`; empty for others.
    pub skeletons: Vec<String>,
    /// Its role in the name.
    pub kind: TokenKind,
    /// Transliterated from Arabic or Hebrew script.
    pub abjad: bool,
    /// A word of some listed name: an edit that turns it into another
    /// listed word makes a different name, not a typo
    /// ([`KNOWN_WORDS_MAX_TYPO_EDITS`]).
    pub listed: bool,
    /// Its rank among the common surnames of the names corpus
    /// (module `common_names`), 1 for the most common: an edit that
    /// turns one common surname into another makes a different name, not
    /// a typo (`distinct_names`).
    pub surname_rank: Option<u16>,
    /// Its romanization key with its diphthongs and Russian `ё`s written
    /// one way, when that differs from `fold` (`pyotr`: `patr`; module
    /// `vowel_spellings`); a door of the index of its own.
    pub vowel_key: Option<String>,
    /// The English word it means when it is a common word of
    /// organizations' names or its form in another language the lists
    /// write (`zavod`, `plant`: `plant`; module `org_translations`), or
    /// the adjective of a country it names (`iran`, `iranian`: `iranian`;
    /// module `country_words`), or what a word of filiation means (`ould`,
    /// `bin`: `son`; `roles::filiation_meaning`); a door of the index of
    /// its own.
    pub english: Option<&'static str>,
    /// The groups of given-name forms it belongs to (`bill`: William's;
    /// module `given_name_forms`), ascending; empty for most words, and
    /// a door of the index of its own.
    pub given_names: Vec<u16>,
}

impl WordForms {
    /// Derives the forms of a token.
    pub fn new(token: &Token) -> WordForms {
        WordForms::from_parts(token.text.clone(), token.kind, token.abjad)
    }

    /// Derives the forms of a word given as text, kind and script flag.
    pub fn from_parts(text: String, kind: TokenKind, abjad: bool) -> WordForms {
        let skeletons = if abjad {
            abjad_skeletons(&text)
        } else {
            Vec::new()
        };
        let fold = fold(&text);
        let given_names = if kind == TokenKind::Word && !abjad {
            word_given_name_groups(&text, &fold)
        } else {
            Vec::new()
        };
        let english = if !matches!(kind, TokenKind::Word | TokenKind::Particle) {
            None
        } else if abjad {
            super::script_org_words::english_of_script_word(&text)
        } else {
            english_key(&text)
        };
        WordForms {
            english,
            given_names,
            vowel_key: if kind == TokenKind::Word {
                vowel_key(&text, &fold)
            } else {
                None
            },
            fold,
            skeleton: if abjad {
                skeletons.first().cloned().unwrap_or_default()
            } else {
                skeleton(&text)
            },
            skeletons,
            surname_rank: surname_rank(&text).filter(|_| kind == TokenKind::Word),
            text,
            kind,
            abjad,
            listed: false,
        }
    }
}

impl WordForms {
    /// The key a vowel spelling variant agrees on: `vowel_key`, else
    /// `fold` (module `vowel_spellings`).
    pub fn key_for_vowels(&self) -> &str {
        self.vowel_key.as_deref().unwrap_or(&self.fold)
    }

    /// True for a single letter standing for a word (an initial). A word
    /// of Arabic or Hebrew script that writes a single consonant letter
    /// (`آغا`, Agha; `اغ`, Ag) is a word: the script leaves its vowels
    /// unwritten.
    pub fn is_initial(&self) -> bool {
        self.kind == TokenKind::Word && self.text.len() == 1 && !self.abjad
    }

    /// True for a word that names: not a particle, a legal form or a
    /// single letter or digit (an initial; `2` of `ASIA BRIDGE 2`).
    pub fn is_name_word(&self) -> bool {
        !self.kind.is_minor() && (self.text.len() > 1 || self.abjad)
    }

    /// Two adjacent words written as one (`Sang Man` as `Sangman`). Across
    /// scripts the joined word keeps only the consonant skeletons to which
    /// both words bring consonants of their own: a word that adds none
    /// (`Yahya`, skeleton `h`, before `Haqqani`) is not part of the other.
    pub fn joined(first: &WordForms, second: &WordForms) -> WordForms {
        let text = super::wade_giles::joined_syllables(&[&first.text, &second.text]);
        let mut joined = WordForms::from_parts(text, TokenKind::Word, first.abjad);
        // the shortest reading of each word, so that a final letter read
        // two ways (`زاده`, `zd` or `zdh`) does not hide the other word's
        let shortest = |forms: &WordForms| {
            forms
                .skeletons
                .iter()
                .map(String::len)
                .min()
                .unwrap_or(forms.skeleton.len())
        };
        let parts = shortest(first).max(shortest(second));
        if joined.abjad {
            joined.skeletons.retain(|skeleton| skeleton.len() > parts);
            joined.skeleton = joined.skeletons.first().cloned().unwrap_or_default();
        } else if joined.skeleton.len() <= parts {
            joined.skeleton.clear();
        }
        joined
    }
}

/// How many edits a word of `len` letters tolerates.
pub(crate) fn max_edits(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// Edit similarity `1 - d/len` of two strings within [`max_edits`] of the
/// longer one, else `None`.
fn typo_similarity(a: &str, b: &str) -> Option<f32> {
    let longer = a.len().max(b.len());
    let allowed = max_edits(longer);
    if allowed == 0 || a.len().abs_diff(b.len()) > allowed {
        return None;
    }
    // Each byte value one word has and the other lacks costs an edit of
    // its own: most words the doors bring are ruled out before the table.
    let (mask_a, mask_b) = (byte_mask(a), byte_mask(b));
    let missing = |mask: u64, other: u64| (mask & !other).count_ones() as usize;
    if missing(mask_a, mask_b) > allowed || missing(mask_b, mask_a) > allowed {
        return None;
    }
    let edits = osa_distance_within(a.as_bytes(), b.as_bytes(), allowed)?;
    Some(1.0 - edits as f32 / longer as f32)
}

/// The byte values of `text` as a set, each as bit `byte % 64` (two values
/// may share a bit, which only weakens what the set rules out).
fn byte_mask(text: &str) -> u64 {
    text.bytes().fold(0, |mask, byte| mask | 1 << (byte % 64))
}

/// Share of a word's letters that may differ between two spellings of one
/// name before their common romanization key stops counting: `Kim`/`Gim`
/// (1 of 3), `Chinyong`/`Jinyong` (2 of 8), `Husayn`/`Hussein` (3 of 7) pass;
/// `David`/`Tawhid` (3 of 6) and `Kelly`/`Gali` (4 of 5), whose keys agree
/// only because every letter fell into a broad class, do not.
pub const MAX_VARIANT_EDIT_SHARE: f32 = 0.45;

/// Longest word without a vowel read as a code of letters rather than a
/// spoken name.
pub const MAX_LETTER_CODE_BYTES: usize = 4;

/// True for a short word without a vowel (`TMG`, `BTS`, `MHD`): letters
/// spelled out one by one, an abbreviation or a code, which the spelling
/// rules of spoken names (`b` for `p`, `g` for `k`) do not apply to: `TMG`
/// is not `TMK`. Such a word meets another exactly, or by a typo that
/// adds or leaves out letters (`MHD`, `MOHD`), never one that changes one.
pub(crate) fn is_letter_code(word: &str) -> bool {
    word.len() <= MAX_LETTER_CODE_BYTES
        && word.len() >= 2
        && word.bytes().all(|b| b.is_ascii_alphabetic())
        && !word
            .bytes()
            .any(|b| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y'))
}

/// True when two spellings are near enough in letters for an agreement of
/// their romanization keys to mean one name: within
/// [`MAX_VARIANT_EDIT_SHARE`] edits, or listed together as variants
/// (`Park`/`Bak`).
pub(crate) fn spellings_close(a: &str, b: &str) -> bool {
    // The letters first: cheaper than the variants' spelling rules, and
    // enough for most pairs.
    within_variant_share(a.as_bytes(), b.as_bytes())
        || is_listed_variant(a, b)
        || mccune_reischauer_of(a, b)
        || mccune_reischauer_of(b, a)
        || doubled_consonants_written_once(a, b)
}

/// True when one word doubles a consonant the other writes once and the
/// words are close once every consonant is written once: a doubled
/// consonant (an Arabic shadda, an Italian spelling) is written or not at
/// the writer's choice, and beside one other variant letter it takes a
/// short word past [`MAX_VARIANT_EDIT_SHARE`] (`Qassem`/`Ghasem`,
/// `Hassan`/`Hasan` with `Hussein`/`Husein`).
fn doubled_consonants_written_once(a: &str, b: &str) -> bool {
    let doubled = |word: &str| {
        word.as_bytes()
            .windows(2)
            .any(|pair| pair[0] == pair[1] && is_consonant_letter(pair[0]))
    };
    if !doubled(a) && !doubled(b) {
        return false;
    }
    let once = |word: &str| {
        let mut bytes = word.as_bytes().to_vec();
        bytes.dedup_by(|next, kept| next == kept && is_consonant_letter(*kept));
        bytes
    };
    within_variant_share(&once(a), &once(b))
}

/// The initial consonants McCune–Reischauer (and Wade–Giles) writes
/// plain where Revised Romanization (and pinyin) writes them voiced:
/// `k`/`g`, `t`/`d`, `p`/`b`, `ch`/`j`.
const PLAIN_FOR_VOICED_INITIALS: [(&str, &str); 4] =
    [("k", "g"), ("t", "d"), ("p", "b"), ("ch", "j")];

/// True when `mr_word` is `rr_word` as McCune–Reischauer writes it
/// without its breves: the initial consonant plain rather than voiced
/// ([`PLAIN_FOR_VOICED_INITIALS`]), and `ŭ`, `ŏ` written `u`, `o` where
/// Revised Romanization writes `eu`, `eo` (`Kun`/`Geun`, `Kon`/`Geon`,
/// `Chin`/`Jin`): one syllable, two edits in words too short to
/// tolerate them ([`MAX_VARIANT_EDIT_SHARE`]).
fn mccune_reischauer_of(mr_word: &str, rr_word: &str) -> bool {
    PLAIN_FOR_VOICED_INITIALS.iter().any(|(plain, voiced)| {
        match (mr_word.strip_prefix(plain), rr_word.strip_prefix(voiced)) {
            (Some(mr_rest), Some(rr_rest)) => {
                mr_rest == rr_rest || mr_rest == one_vowel_spelling(rr_rest)
            }
            _ => false,
        }
    })
}

/// The vowels of a Korean syllable as McCune–Reischauer writes them
/// without breves: Revised Romanization's `eu` and `eo` as `u` and `o`,
/// and the `oo` of popular spellings as `u` (`Boo`, MR `Pu`).
fn one_vowel_spelling(rest: &str) -> String {
    rest.replace("eu", "u")
        .replace("eo", "o")
        .replace("oo", "u")
}

/// True when one word writes a long vowel doubled where the other writes
/// it once, and the words are close once each is written once (asked of
/// words with one romanization key only, as a reason for it to count):
/// English
/// spellings of Korean and Arabic names write `oo` for `u` and `ee` for
/// `i` (`Moon`/`Mun`, `Yoon`/`Yun`, `Noor`/`Nur`, `Deen`/`Din`), two edits
/// in words too short to tolerate them.
fn long_vowels_written_once(a: &str, b: &str) -> bool {
    let doubled = |word: &str| word.contains("oo") || word.contains("ee");
    if !doubled(a) && !doubled(b) {
        return false;
    }
    let once = |word: &str| word.replace("oo", "u").replace("ee", "i");
    within_variant_share(once(a).as_bytes(), once(b).as_bytes())
}

/// True when two spellings are within [`MAX_VARIANT_EDIT_SHARE`] edits of
/// the longer one's letters.
pub(crate) fn within_variant_share(a: &[u8], b: &[u8]) -> bool {
    let longer = a.len().max(b.len());
    let allowed = (longer as f32 * MAX_VARIANT_EDIT_SHARE) as usize;
    osa_distance_within(a, b, allowed).is_some()
}

/// How two romanization keys compare: computed once for a query word and
/// a group of vocabulary words sharing one key.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeyComparison {
    /// The keys are equal (and not empty).
    same: bool,
    /// Edit similarity of different keys within the tolerated edits.
    typo: Option<f32>,
}

impl KeyComparison {
    /// Compares the romanization keys `a` and `b`.
    pub fn new(a: &str, b: &str) -> KeyComparison {
        let same = a == b && !a.is_empty();
        KeyComparison {
            same,
            typo: if same { None } else { typo_similarity(a, b) },
        }
    }
}

/// The number of edits behind a typo similarity `1 - edits / longer`.
fn edits_of(similarity: f32, longer: usize) -> usize {
    ((1.0 - similarity) * longer as f32).round() as usize
}

/// True when two long words have the same consonants in the same order
/// and as many vowel groups, differing only in which vowels
/// (`hezbollah`/`hizballah`).
fn vowels_differ_only(a: &WordForms, b: &WordForms) -> bool {
    let long = a.text.len().min(b.text.len()) >= MIN_VOWEL_VARIANT_BYTES;
    long && a.kind == TokenKind::Word
        && b.kind == TokenKind::Word
        && a.skeleton == b.skeleton
        && a.text.as_bytes().first() == b.text.as_bytes().first()
        && vowel_groups(&a.text) == vowel_groups(&b.text)
        && vowel_groups(&a.text) >= MIN_VOWEL_VARIANT_GROUPS
}

/// Number of runs of vowels in a word (its syllables, roughly).
pub(crate) fn vowel_groups(text: &str) -> usize {
    let is_vowel = |b: &u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&at| is_vowel(&bytes[at]) && (at == 0 || !is_vowel(&bytes[at - 1])))
        .count()
}

/// How alike two words are, in `[MIN_SIMILARITY, 1]`, and how; `None` when
/// they do not match. Symmetric.
pub(crate) fn word_similarity(a: &WordForms, b: &WordForms) -> Option<(f32, Agreement)> {
    word_similarity_with_keys(a, b, || KeyComparison::new(&a.fold, &b.fold))
}

/// [`word_similarity`] with the comparison of the two words' romanization
/// keys supplied (computed only when needed), for a caller comparing one
/// word with many words of one key.
pub(crate) fn word_similarity_with_keys(
    a: &WordForms,
    b: &WordForms,
    keys: impl FnOnce() -> KeyComparison,
) -> Option<(f32, Agreement)> {
    if a.text == b.text {
        return Some((1.0, Agreement::Exact));
    }
    if a.kind == TokenKind::Number || b.kind == TokenKind::Number {
        return None;
    }
    let KeyComparison {
        same: same_fold,
        typo: fold_typo,
    } = keys();
    // Whether the keys may count is only asked when they agree or nearly.
    // a code's letters are its own (`TMG` is not `TMK`), unless the
    // table lists it as a spelling of a name (`MHD`, Muhammad)
    let variants_allowed = (same_fold || fold_typo.is_some())
        && (is_listed_variant(&a.text, &b.text)
            || !is_letter_code(&a.text)
                && !is_letter_code(&b.text)
                && spellings_close(&a.text, &b.text));
    if same_fold && (variants_allowed || long_vowels_written_once(&a.text, &b.text)) {
        return Some((VARIANT_SIMILARITY, Agreement::Variant));
    }
    let mut best: Option<(f32, Agreement)> = None;
    let mut consider = |candidate: Option<(f32, Agreement)>| {
        if let Some((score, how)) = candidate
            && score >= MIN_SIMILARITY
            && best.is_none_or(|(known, _)| score > known)
        {
            best = Some((score, how));
        }
    };
    let both_listed = a.listed && b.listed;
    // asked only of pairs a typo or vowel rule would make (most are none)
    let distinct = std::cell::OnceCell::new();
    let distinct_names = || *distinct.get_or_init(|| distinct_names(a, b));
    // a code changed in one letter is another code (`TMG`, `TMK`)
    let code_respelled =
        (is_letter_code(&a.text) || is_letter_code(&b.text)) && a.text.len() == b.text.len();
    let typo_allowed = |similarity: &f32, longer: usize| {
        !distinct_names()
            && !code_respelled
            && (!both_listed || edits_of(*similarity, longer) <= KNOWN_WORDS_MAX_TYPO_EDITS)
    };
    let longer_text = a.text.len().max(b.text.len());
    consider(
        typo_similarity(&a.text, &b.text)
            .filter(|s| typo_allowed(s, longer_text))
            .map(|s| (s, Agreement::Typo)),
    );
    if variants_allowed && !other_short_names(a, b) {
        let longer_key = a.fold.len().max(b.fold.len());
        consider(
            fold_typo
                .filter(|s| typo_allowed(s, longer_key))
                .map(|s| (s * VARIANT_SIMILARITY, Agreement::VariantTypo)),
        );
    }
    if fold_typo.is_some() && vowels_differ_only(a, b) && !distinct_names() {
        consider(Some((VOWEL_VARIANT_SIMILARITY, Agreement::Variant)));
    }
    if let Some(similarity) = skeleton_similarity(a, b) {
        consider(Some((similarity, Agreement::Skeleton)));
    }
    if a.kind == TokenKind::Word
        && b.kind == TokenKind::Word
        && (is_vowel_spelling_variant(a, b)
            || (!a.abjad && !b.abjad && is_kasra_spelling(&a.text, &b.text)))
        && !distinct_names()
    {
        consider(Some((VOWEL_VARIANT_SIMILARITY, Agreement::Variant)));
    }
    if a.kind == TokenKind::Word
        && b.kind == TokenKind::Word
        && super::wade_giles::same_syllable(&a.text, &b.text)
    {
        consider(Some((VARIANT_SIMILARITY, Agreement::Variant)));
    }
    if is_given_name_form(a, b) {
        consider(Some((GIVEN_NAME_FORM_SIMILARITY, Agreement::GivenNameForm)));
    }
    if is_translation(a, b) {
        consider(Some((TRANSLATION_SIMILARITY, Agreement::Translation)));
    }
    if contraction_meets(a, b) {
        consider(Some((CONTRACTION_SIMILARITY, Agreement::Contraction)));
    }
    best
}

/// True when two different words mean one English word (`Zavod`/`Plant`,
/// `Jaysh`/`Army`; module `org_translations`).
pub(crate) fn is_translation(a: &WordForms, b: &WordForms) -> bool {
    a.english.is_some() && a.english == b.english
}

/// True when two different words are forms of one given name
/// (`Sasha`/`Aleksandr`; module `given_name_forms`).
pub(crate) fn is_given_name_form(a: &WordForms, b: &WordForms) -> bool {
    !a.given_names.is_empty()
        && !b.given_names.is_empty()
        && share_a_given_name(&a.given_names, &b.given_names)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The forms of a romanized name word, for tests of word rules.
    pub(crate) fn word(text: &str) -> WordForms {
        WordForms::from_parts(text.to_string(), TokenKind::Word, false)
    }

    /// [`word_similarity`] of two romanized name words.
    pub(crate) fn similarity(a: &str, b: &str) -> Option<(f32, Agreement)> {
        word_similarity(&word(a), &word(b))
    }

    /// The byte sets rule out only pairs the edit distance rules out.
    #[test]
    fn typo_similarity_is_the_edit_distance_bound() {
        fn random_word(next: &mut impl FnMut(u64) -> u64) -> String {
            (0..3 + next(8))
                .map(|_| char::from(b"abcde"[next(5) as usize]))
                .collect()
        }
        let mut next = embargo_testkit::random_below(0x9E37_79B9_7F4A_7C15);
        let mut found = 0;
        for _ in 0..20_000 {
            let (a, b) = (random_word(&mut next), random_word(&mut next));
            let longer = a.len().max(b.len());
            let allowed = max_edits(longer);
            let expected = (a.len().abs_diff(b.len()) <= allowed)
                .then(|| osa_distance_within(a.as_bytes(), b.as_bytes(), allowed))
                .flatten()
                .map(|edits| 1.0 - edits as f32 / longer as f32);
            assert_eq!(typo_similarity(&a, &b), expected, "{a} {b}");
            found += usize::from(expected.is_some());
        }
        assert!(found > 100, "{found}");
    }

    #[test]
    fn exact_and_variants() {
        assert_eq!(similarity("kim", "kim"), Some((1.0, Agreement::Exact)));
        assert_eq!(similarity("kim", "gim"), Some((0.95, Agreement::Variant)));
        // codes of letters are spelled, not spoken
        assert_eq!(similarity("tmg", "tmk"), None);
        assert_eq!(similarity("bts", "pts"), None);
        assert_eq!(
            similarity("chinyong", "jinyong"),
            Some((0.95, Agreement::Variant))
        );
    }

    /// Korean and Chinese syllables written with `ch` in one system and
    /// `j` in another are one syllable.
    #[test]
    fn initial_ch_and_j_are_one_sound() {
        for (ch, j) in [("chin", "jin"), ("cha", "ja"), ("chun", "jun")] {
            assert_eq!(
                similarity(ch, j),
                Some((VARIANT_SIMILARITY, Agreement::Variant)),
                "{ch} {j}"
            );
        }
        assert_ne!(
            similarity("chin", "jan").map(|(_, h)| h),
            Some(Agreement::Variant)
        );
    }

    /// English spellings write a long vowel doubled (`oo`, `ee`) where
    /// romanizations write it once.
    #[test]
    fn doubled_long_vowels_are_one_vowel() {
        for (doubled, once) in [("moon", "mun"), ("yoon", "yun"), ("noor", "nur")] {
            assert_eq!(
                similarity(doubled, once),
                Some((VARIANT_SIMILARITY, Agreement::Variant)),
                "{doubled} {once}"
            );
        }
        assert_eq!(similarity("moon", "man"), None, "another vowel");
    }

    #[test]
    fn typos_in_proportion_to_length() {
        let (score, how) = similarity("abdulah", "abdullah").unwrap();
        assert_eq!(how, Agreement::Variant, "doubled letters fold together");
        assert!(score > 0.9);
        let (score, how) = similarity("maa", "man").unwrap();
        assert_eq!(how, Agreement::Typo);
        assert!((score - 0.667).abs() < 0.01);
        assert_eq!(
            similarity("ab", "ac"),
            None,
            "two-letter words need exactness"
        );
        assert_eq!(
            similarity("smith", "smythe").map(|(_, h)| h),
            Some(Agreement::VariantTypo)
        );
        assert_eq!(similarity("anderson", "andrews"), None, "three edits apart");
    }

    #[test]
    fn romanization_with_a_typo() {
        let (score, how) = similarity("jinryong", "chinyong").unwrap();
        assert_eq!(how, Agreement::VariantTypo);
        assert!(score > 0.8 && score < 0.95);
    }

    #[test]
    fn broad_letter_classes_alone_do_not_make_a_variant() {
        assert_eq!(similarity("david", "tawhid"), None);
        assert_eq!(similarity("kelly", "gali"), None);
        assert_eq!(
            similarity("park", "bak").map(|(_, h)| h),
            Some(Agreement::Variant)
        );
        assert_eq!(
            similarity("husayn", "hussein").map(|(_, h)| h),
            Some(Agreement::Variant)
        );
    }

    /// National spellings of Slavic names are spelling variants of the
    /// English ones, however many more letters they take.
    #[test]
    fn national_spellings_are_variants() {
        for (english, national) in [
            ("khrushchev", "chruschtschow"),
            ("khrushchev", "chruszczow"),
            ("khrushchev", "khrouchtchev"),
            ("lukashenko", "lukaschenko"),
            ("lukashenko", "loukachenko"),
            ("lukashenka", "lukaszenka"),
            ("yanukovych", "janukowytsch"),
            ("yanukovych", "janoekovytsj"),
            ("zelenskiy", "selenskyj"),
        ] {
            assert_eq!(
                similarity(english, national),
                Some((VARIANT_SIMILARITY, Agreement::Variant)),
                "{english} / {national}"
            );
        }
    }

    #[test]
    fn long_words_differing_only_in_vowels_are_variants() {
        assert_eq!(
            similarity("hezbollah", "hizballah"),
            Some((VOWEL_VARIANT_SIMILARITY, Agreement::Variant))
        );
        assert_ne!(
            similarity("hassan", "hussein").map(|(s, _)| s),
            Some(VOWEL_VARIANT_SIMILARITY),
            "short words: a vowel is a syllable"
        );
    }

    #[test]
    fn numbers_must_be_equal() {
        let number = |t: &str| WordForms::from_parts(t.to_string(), TokenKind::Number, false);
        assert!(word_similarity(&number("11420"), &number("11420")).is_some());
        assert_eq!(word_similarity(&number("11420"), &number("11421")), None);
        assert_eq!(word_similarity(&number("110"), &word("lab")), None);
    }

    #[test]
    fn arabic_script_meets_romanized_by_skeleton() {
        let arabic = WordForms::from_parts("mhmd".to_string(), TokenKind::Word, true);
        assert_eq!(
            word_similarity(&arabic, &word("mohammed")),
            Some((LONG_SKELETON_SIMILARITY, Agreement::Skeleton))
        );
        // a long vowel the script does not write is another word's
        assert_eq!(
            word_similarity(&arabic, &word("mahmood")),
            Some((SKELETON_SIMILARITY, Agreement::Skeleton))
        );
        let arabic = WordForms::from_parts("mnswr".to_string(), TokenKind::Word, true);
        assert_eq!(
            word_similarity(&arabic, &word("mansur")),
            Some((LONG_SKELETON_SIMILARITY, Agreement::Skeleton))
        );
        // a skeleton of two consonants is shared by more names
        let arabic = WordForms::from_parts("Amr".to_string(), TokenKind::Word, true);
        assert_eq!(
            word_similarity(&arabic, &word("omar")),
            Some((SKELETON_SIMILARITY, Agreement::Skeleton))
        );
    }

    #[test]
    fn symmetric() {
        for (a, b) in [
            ("abudl", "abdul"),
            ("jinryong", "chinyong"),
            ("sang", "song"),
        ] {
            assert_eq!(similarity(a, b), similarity(b, a));
        }
    }
}
