//! Which words are names of their own: the common surnames of a public
//! names corpus, by rank.
//!
//! An edit that turns one real name into another is not a typo
//! (`Johnston` is not `JOHNSON`, `Castillo` is not `CASTRO`). The lists
//! cannot say which words are real names: most surnames of the world are
//! on no list, and the lists hold many spellings of one name (`QAEDA`,
//! `QA'IDA`), each in several names. The corpus is the US Census Bureau's
//! 1990 surname frequency list (public domain), cut to its 40,000 most
//! common surnames by `tools/names/build_surnames.py` into
//! `data/surnames.txt`: lower case, one a line, most common first.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// The corpus, one surname a line, most common first.
const SURNAMES: &str = include_str!("data/surnames.txt");

/// Rank (1 for the most common) of each surname of the corpus.
static SURNAME_RANKS: LazyLock<FxHashMap<&'static str, u16>> =
    LazyLock::new(|| SURNAMES.lines().zip(1..=u16::MAX).collect());

/// The rank of `word` (lower case, as tokens are) among the corpus's
/// surnames, 1 for the most common; `None` when it is not one of them.
pub(crate) fn surname_rank(word: &str) -> Option<u16> {
    SURNAME_RANKS.get(word).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corpus_is_distinct_lower_case_words() {
        let lines: Vec<&str> = SURNAMES.lines().collect();
        assert!((30_000..=u16::MAX as usize).contains(&lines.len()));
        assert_eq!(SURNAME_RANKS.len(), lines.len(), "no surname twice");
        assert!(
            lines
                .iter()
                .all(|line| !line.is_empty() && line.bytes().all(|b| b.is_ascii_lowercase()))
        );
    }

    #[test]
    fn common_surnames_are_ranked_and_typos_are_not() {
        assert_eq!(surname_rank("smith"), Some(1));
        for name in ["johnson", "johnston", "castro", "castillo", "rosenberg"] {
            assert!(
                surname_rank(name).is_some_and(|rank| rank < 5_000),
                "{name}"
            );
        }
        for word in ["johnsno", "castrol", "rosenbreg", "", "Johnson"] {
            assert_eq!(surname_rank(word), None, "{word}");
        }
    }
}
