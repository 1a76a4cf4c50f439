//! Cheap tests that rule a vocabulary word out for a query word before
//! the similarity rule runs: a 16-byte sketch of each romanization key
//! (byte set, length, tolerated edits) and the key itself kept inline.

use super::super::contractions::may_contract;
use super::super::edits::SubsequencePattern;
use super::super::similarity::{WordForms, max_edits};
use super::super::tokens::TokenKind;

/// A query word prepared for comparison with many vocabulary words
/// (`Vocabulary::door_opens`).
pub(super) struct PreparedQuery<'a> {
    pub(super) forms: &'a WordForms,
    pub(super) sketch: KeySketch,
    pub(super) key: SubsequencePattern<'a>,
}

impl<'a> PreparedQuery<'a> {
    pub(super) fn new(forms: &'a WordForms) -> PreparedQuery<'a> {
        PreparedQuery {
            forms,
            sketch: KeySketch::of(forms),
            key: SubsequencePattern::new(forms.fold.as_bytes()),
        }
    }

    /// Whether the query's romanization key and `key` lose no more than
    /// their tolerated edits to a common subsequence.
    pub(super) fn keys_meet(&self, key: &[u8]) -> bool {
        let (query_len, len) = (self.forms.fold.len(), key.len());
        let common = self.key.common_len(key);
        common + max_edits(query_len) >= query_len && common + max_edits(len) >= len
    }
}

/// What the door predicate (`Vocabulary::door_opens`) reads of a word
/// before anything else, 16 bytes a word: for most words, everything it
/// reads.
#[derive(Debug, Clone, Copy)]
pub(super) struct KeySketch {
    /// The bytes of the romanization key as a set, each byte as bit
    /// `byte % 64`: a byte of one key whose bit the other's mask lacks is
    /// missing from the other key.
    pub(super) mask: u64,
    /// The key's length in bytes (at most `u16::MAX`: a longer key counts
    /// as that long, which only weakens what the length rules out).
    pub(super) len: u16,
    /// The edits the key tolerates ([`max_edits`] of its length).
    pub(super) edits: u8,
    /// A number (only its exact text leads to it).
    pub(super) number: bool,
    /// Transliterated from Arabic or Hebrew script.
    pub(super) abjad: bool,
    /// Which of the rarer doors lead from or to it ([`Doors`]).
    pub(super) doors: Doors,
}

const _: () = assert!(std::mem::size_of::<KeySketch>() == 16);

impl KeySketch {
    pub(super) fn of(forms: &WordForms) -> KeySketch {
        let key = forms.fold.as_bytes();
        KeySketch {
            mask: key.iter().fold(0, |mask, &byte| mask | 1 << (byte % 64)),
            len: key.len().try_into().unwrap_or(u16::MAX),
            edits: max_edits(key.len()).try_into().unwrap_or(u8::MAX),
            number: forms.kind == TokenKind::Number,
            abjad: forms.abjad,
            doors: Doors::of(forms),
        }
    }

    /// False when the two keys certainly do not lose at most their
    /// tolerated edits ([`max_edits`]) to a common subsequence: a byte of
    /// one key missing from the other must be one of its deleted bytes, and
    /// the longer key must lose at least the difference in length.
    #[inline]
    pub(super) fn keys_may_meet(self, other: KeySketch) -> bool {
        let longer_by_tolerated = if self.len > other.len {
            self.len - other.len <= u16::from(self.edits)
        } else {
            other.len - self.len <= u16::from(other.edits)
        };
        longer_by_tolerated
            && at_most_bits(self.mask & !other.mask, self.edits)
            && at_most_bits(other.mask & !self.mask, other.edits)
    }
}

/// The rarer doors of the vocabulary a word has, one bit each, so that
/// the door predicate asks the rule of a door only of words that have it.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Doors(u8);

impl Doors {
    /// Has a vowel key of its own (`WordForms::vowel_key`).
    const VOWEL_KEY: u8 = 1;
    /// Is a form of some given name (`WordForms::given_names`).
    const GIVEN_NAME: u8 = 1 << 1;
    /// Is shaped as a contraction (module `contractions`: `SHPG`).
    const CONTRACTION: u8 = 1 << 2;
    /// Means an English word of organizations' names
    /// (`WordForms::english`).
    const ENGLISH: u8 = 1 << 3;

    fn of(forms: &WordForms) -> Doors {
        let flag = |on: bool, bit: u8| if on { bit } else { 0 };
        Doors(
            flag(forms.vowel_key.is_some(), Doors::VOWEL_KEY)
                | flag(!forms.given_names.is_empty(), Doors::GIVEN_NAME)
                | flag(may_contract(forms), Doors::CONTRACTION)
                | flag(forms.english.is_some(), Doors::ENGLISH),
        )
    }

    pub(super) fn vowel_key(self) -> bool {
        self.0 & Doors::VOWEL_KEY != 0
    }

    pub(super) fn given_name(self) -> bool {
        self.0 & Doors::GIVEN_NAME != 0
    }

    pub(super) fn contraction(self) -> bool {
        self.0 & Doors::CONTRACTION != 0
    }

    pub(super) fn english(self) -> bool {
        self.0 & Doors::ENGLISH != 0
    }
}

/// Whether at most `count` bits of `bits` are set: for the counts of
/// [`max_edits`] (0 to 2), by clearing the lowest set bit, the baseline
/// x86-64 target having no population count instruction.
#[inline]
pub(super) fn at_most_bits(bits: u64, count: u8) -> bool {
    let less_lowest = |bits: u64| bits & bits.wrapping_sub(1);
    match count {
        0 => bits == 0,
        1 => less_lowest(bits) == 0,
        2 => less_lowest(less_lowest(bits)) == 0,
        _ => bits.count_ones() <= u32::from(count),
    }
}

/// Longest romanization key kept in an [`InlineKey`] (nearly all keys).
pub(super) const INLINE_KEY_BYTES: usize = 24;

/// A word's romanization key, if at most [`INLINE_KEY_BYTES`] long, its
/// length being its [`KeySketch`]'s.
#[derive(Debug, Clone, Copy)]
pub(super) struct InlineKey([u8; INLINE_KEY_BYTES]);

impl InlineKey {
    pub(super) fn of(forms: &WordForms) -> InlineKey {
        let key = forms.fold.as_bytes();
        let mut inline = [0; INLINE_KEY_BYTES];
        let kept = key.len().min(INLINE_KEY_BYTES);
        inline[..kept].copy_from_slice(&key[..kept]);
        InlineKey(inline)
    }

    /// The key of the word sketched by `sketch`, if it is kept inline.
    pub(super) fn key(&self, sketch: KeySketch) -> Option<&[u8]> {
        self.0.get(..usize::from(sketch.len))
    }
}
