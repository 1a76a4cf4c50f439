//! Limits on a query name, measured on the name as it is matched: after
//! Unicode NFKC normalisation, and in words.
//!
//! A limit on the text as sent is not enough: one code point can stand
//! for many (U+FDFA, the Arabic ligature of a blessing, normalises to 18
//! characters in four words), so 450 of them pass a 500-character limit
//! and make a name of 1,800 words whose preparation costs seconds and
//! hundreds of megabytes. [`Query::check_limits`] measures the normalised
//! name (stopping as soon as it is past the limit, so the check itself
//! costs at most the limit) and then its words, and every entry point
//! (`embargo screen`, batch and monitoring records, the HTTP API) refuses
//! a name past either limit, naming it, rather than screening part of it.

use unicode_normalization::UnicodeNormalization;

use super::prepare::MAX_WORDS;
use super::tokens::tokenize;
use super::{Query, QueryError, query_style};

/// Most characters of a query name once normalised (Unicode NFKC).
pub const MAX_QUERY_CHARS: usize = 500;
/// Most words of a query name, as the matcher splits it (words past this
/// would not be aligned).
pub const MAX_QUERY_WORDS: usize = MAX_WORDS;

/// A query name past a limit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    /// Longer than [`MAX_QUERY_CHARS`] once normalised.
    #[error(
        "name: more than {max} characters once normalised (Unicode NFKC; some characters stand for several), at most {max} allowed"
    )]
    TooLong {
        /// The limit.
        max: usize,
    },
    /// More than [`MAX_QUERY_WORDS`] words.
    #[error("name: {words} words once normalised, at most {max} allowed")]
    TooManyWords {
        /// Words of the name.
        words: usize,
        /// The limit.
        max: usize,
    },
}

/// True when `text` has more than `max` characters once NFKC-normalised;
/// reads no more of the normalised text than `max + 1` characters.
pub(crate) fn normalized_longer_than(text: &str, max: usize) -> bool {
    text.nfkc().nth(max).is_some()
}

impl Query {
    /// Fails when the name is past [`MAX_QUERY_CHARS`] characters or
    /// [`MAX_QUERY_WORDS`] words once normalised. Costs at most the
    /// tokenizing of a name at the limit.
    pub fn check_limits(&self) -> Result<(), QueryError> {
        if normalized_longer_than(&self.name, MAX_QUERY_CHARS) {
            return Err(LimitError::TooLong {
                max: MAX_QUERY_CHARS,
            }
            .into());
        }
        let words = tokenize(&self.name, query_style(self)).len();
        if words > MAX_QUERY_WORDS {
            return Err(LimitError::TooManyWords {
                words,
                max: MAX_QUERY_WORDS,
            }
            .into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ligature_is_measured_as_what_it_stands_for() {
        let ligatures = Query::name("\u{FDFA}".repeat(450));
        assert_eq!(ligatures.name.chars().count(), 450);
        assert_eq!(
            ligatures.check_limits(),
            Err(QueryError::Limit(LimitError::TooLong { max: 500 }))
        );
        assert!(Query::name("\u{FDFA}".repeat(20)).check_limits().is_ok());
    }

    #[test]
    fn too_many_words_are_refused_not_cut() {
        let long = Query::name("ab ".repeat(MAX_QUERY_WORDS + 1));
        assert!(matches!(
            long.check_limits(),
            Err(QueryError::Limit(LimitError::TooManyWords {
                words: 65,
                max: 64
            }))
        ));
        assert!(Query::name("Kim Sang-man").check_limits().is_ok());
        assert!(
            Query::name("x".repeat(MAX_QUERY_CHARS))
                .check_limits()
                .is_ok()
        );
        assert!(
            Query::name("x".repeat(MAX_QUERY_CHARS + 1))
                .check_limits()
                .is_err()
        );
    }
}
