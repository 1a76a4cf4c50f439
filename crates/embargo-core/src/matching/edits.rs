//! Bounded edit distance between two short words, the innermost loop of
//! candidate verification, and the longest common subsequence that tells
//! whether the deletion door leads from one word to another.
//!
//! The distance is the optimal string alignment distance (insertions,
//! deletions, substitutions and transpositions of neighbours, each
//! substring edited once) with a bound: a pair more than `max` edits apart
//! is rejected, early when the rest of the word cannot bring it back.
//!
//! Words up to 64 bytes use Hyyrö's bit-parallel algorithm (2003), one
//! machine word per column; the letters' bit masks are kept in a short
//! list of the word's distinct bytes instead of a 256-entry table, so
//! nothing is allocated or cleared per pair. Longer strings use the plain
//! dynamic-programming table.
//!
//! A general library (`rapidfuzz`) computes the same distance, but builds
//! its 256-entry table for every pair; on the vocabulary lookups of a
//! scan, where each query word is compared with about forty candidates,
//! that setup was a fifth of the cost (see the `scan` bench). The tests
//! check this function against `rapidfuzz` on random words.

/// How many bytes `a` and `b` begin with alike.
pub(crate) fn common_prefix_len(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// How many bytes `a` and `b` end with alike.
pub(crate) fn common_suffix_len(a: &[u8], b: &[u8]) -> usize {
    a.iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Longest pattern handled by the bit-parallel algorithm.
const WORD_BITS: usize = 64;

/// The optimal string alignment distance of `a` and `b` when it is at
/// most `max`, else `None`.
pub(crate) fn osa_distance_within(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    let prefix = common_prefix_len(a, b);
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = common_suffix_len(a, b);
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let (pattern, text) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if text.len() - pattern.len() > max {
        return None;
    }
    let distance = if pattern.is_empty() {
        text.len()
    } else if pattern.len() <= WORD_BITS {
        bit_parallel(pattern, text, max)?
    } else {
        table(pattern, text, max)?
    };
    (distance <= max).then_some(distance)
}

/// Length of the longest common subsequence of `a` and `b`: bit-parallel
/// (Allison and Dix, 1986) when the shorter is at most 64 bytes, else by
/// the dynamic-programming table.
pub(crate) fn common_subsequence_len(a: &[u8], b: &[u8]) -> usize {
    let (pattern, text) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if pattern.is_empty() {
        return 0;
    }
    if pattern.len() > WORD_BITS {
        return common_subsequence_table(pattern, text);
    }
    if pattern.len() <= SHORT_PATTERN {
        let masks = PatternMasks::<SHORT_PATTERN>::new(pattern);
        common_subsequence_bits(pattern.len(), |byte| masks.of(byte), text)
    } else {
        let masks = PatternMasks::<WORD_BITS>::new(pattern);
        common_subsequence_bits(pattern.len(), |byte| masks.of(byte), text)
    }
}

/// A pattern prepared for `common_subsequence_len` with many texts (a
/// query word against a list of words): its byte masks in a table indexed
/// by byte, one lookup per text byte instead of a search of the pattern's
/// distinct bytes, for 2 KB built once.
pub struct SubsequencePattern<'a> {
    pattern: &'a [u8],
    masks: [u64; 256],
}

impl<'a> SubsequencePattern<'a> {
    /// Prepares `pattern`.
    pub fn new(pattern: &'a [u8]) -> SubsequencePattern<'a> {
        let mut masks = [0u64; 256];
        if pattern.len() <= WORD_BITS {
            for (at, &byte) in pattern.iter().enumerate() {
                masks[usize::from(byte)] |= 1 << at;
            }
        }
        SubsequencePattern { pattern, masks }
    }

    /// [`common_subsequence_len`] of the pattern and `text`.
    pub(crate) fn common_len(&self, text: &[u8]) -> usize {
        if self.pattern.is_empty() || text.is_empty() {
            return 0;
        }
        if self.pattern.len() > WORD_BITS {
            return common_subsequence_len(self.pattern, text);
        }
        let masks = &self.masks;
        common_subsequence_bits(self.pattern.len(), |byte| masks[usize::from(byte)], text)
    }
}

/// Allison and Dix's bit-parallel longest common subsequence of a pattern
/// of `pattern_len` bytes (at most 64; LCS is symmetric, so it need not be
/// the shorter string) whose byte masks `mask_of` gives, and `text`.
fn common_subsequence_bits(pattern_len: usize, mask_of: impl Fn(u8) -> u64, text: &[u8]) -> usize {
    let mut row = u64::MAX;
    for &byte in text {
        let matched = row & mask_of(byte);
        row = row.wrapping_add(matched) | (row - matched);
    }
    let used = if pattern_len == WORD_BITS {
        u64::MAX
    } else {
        (1u64 << pattern_len) - 1
    };
    (!row & used).count_ones() as usize
}

/// Length of the longest common subsequence by the table, row by row.
fn common_subsequence_table(a: &[u8], b: &[u8]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The bit masks of a pattern's distinct bytes, for patterns of at most
/// `N` bytes: bit `i` of a byte's mask is set where the pattern holds that
/// byte. Most patterns are the few bytes where two words differ, and a
/// table for 16 of them costs a fraction of one for 64 to set up.
struct PatternMasks<const N: usize> {
    bytes: [u8; N],
    masks: [u64; N],
    len: usize,
}

/// Longest pattern of the small [`PatternMasks`].
const SHORT_PATTERN: usize = 16;

impl<const N: usize> PatternMasks<N> {
    fn new(pattern: &[u8]) -> PatternMasks<N> {
        let mut found = PatternMasks {
            bytes: [0; N],
            masks: [0; N],
            len: 0,
        };
        for (at, &byte) in pattern.iter().enumerate().take(N) {
            let slot = match found.bytes[..found.len].iter().position(|&b| b == byte) {
                Some(slot) => slot,
                None => {
                    found.bytes[found.len] = byte;
                    found.len += 1;
                    found.len - 1
                }
            };
            found.masks[slot] |= 1 << at;
        }
        found
    }

    fn of(&self, byte: u8) -> u64 {
        self.bytes[..self.len]
            .iter()
            .position(|&b| b == byte)
            .map_or(0, |slot| self.masks[slot])
    }
}

/// Hyyrö's bit-parallel optimal string alignment distance, for a pattern
/// of at most 64 bytes; `None` as soon as the distance must exceed `max`.
fn bit_parallel(pattern: &[u8], text: &[u8], max: usize) -> Option<usize> {
    if pattern.len() <= SHORT_PATTERN {
        let masks = PatternMasks::<SHORT_PATTERN>::new(pattern);
        bit_parallel_with(pattern.len(), |byte| masks.of(byte), text, max)
    } else {
        let masks = PatternMasks::<WORD_BITS>::new(pattern);
        bit_parallel_with(pattern.len(), |byte| masks.of(byte), text, max)
    }
}

/// [`bit_parallel`] for a pattern of `len` bytes whose byte masks
/// `masks` gives.
fn bit_parallel_with(
    len: usize,
    masks: impl Fn(u8) -> u64,
    text: &[u8],
    max: usize,
) -> Option<usize> {
    let last = 1u64 << (len - 1);
    let mut vertical_plus = if len == WORD_BITS {
        u64::MAX
    } else {
        (1u64 << len) - 1
    };
    let mut vertical_minus = 0u64;
    let mut diagonal_zero = 0u64;
    let mut previous_match = 0u64;
    let mut distance = len;
    for (at, &byte) in text.iter().enumerate() {
        let matches = masks(byte);
        let transposed = ((!diagonal_zero & matches) << 1) & previous_match;
        diagonal_zero = (((matches & vertical_plus).wrapping_add(vertical_plus)) ^ vertical_plus)
            | matches
            | vertical_minus
            | transposed;
        let mut horizontal_plus = vertical_minus | !(diagonal_zero | vertical_plus);
        let mut horizontal_minus = diagonal_zero & vertical_plus;
        if horizontal_plus & last != 0 {
            distance += 1;
        } else if horizontal_minus & last != 0 {
            distance -= 1;
        }
        // Each remaining byte can lower the distance by one at most.
        if distance > max.saturating_add(text.len() - at - 1) {
            return None;
        }
        horizontal_plus = (horizontal_plus << 1) | 1;
        horizontal_minus <<= 1;
        vertical_plus = horizontal_minus | !(diagonal_zero | horizontal_plus);
        vertical_minus = horizontal_plus & diagonal_zero;
        previous_match = matches;
    }
    Some(distance)
}

/// The optimal string alignment distance by the full table, row by row;
/// `None` once two rows in a row exceed `max`.
fn table(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    let n = b.len();
    let mut before = vec![0usize; n + 1];
    let mut previous: Vec<usize> = (0..=n).collect();
    let mut current = vec![0usize; n + 1];
    let mut previous_min = 0;
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = i;
        for j in 1..=n {
            let substitution = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut cell = substitution.min(previous[j] + 1).min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cell = cell.min(before[j - 2] + 1);
            }
            current[j] = cell;
            row_min = row_min.min(cell);
        }
        // A cell is at least the least of the row above or, through a
        // transposition, one more than the least of the row before it:
        // once two rows in a row exceed the bound, every later one does.
        if row_min > max && previous_min > max {
            return None;
        }
        previous_min = row_min;
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[n])
}

#[cfg(test)]
mod tests {
    use super::*;
    use rapidfuzz::distance::osa;

    fn reference(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
        let args = osa::Args::default().score_cutoff(max);
        osa::distance_with_args(a.iter().copied(), b.iter().copied(), &args)
    }

    #[test]
    fn known_distances() {
        assert_eq!(osa_distance_within(b"kim", b"kim", 0), Some(0));
        assert_eq!(osa_distance_within(b"maa", b"man", 1), Some(1));
        assert_eq!(osa_distance_within(b"abdulah", b"abdullah", 2), Some(1));
        assert_eq!(osa_distance_within(b"sangamn", b"sangman", 1), Some(1));
        assert_eq!(
            osa_distance_within(b"ca", b"abc", 3),
            Some(3),
            "OSA, not Damerau"
        );
        assert_eq!(osa_distance_within(b"anderson", b"andrews", 2), None);
        assert_eq!(osa_distance_within(b"", b"abc", 3), Some(3));
        assert_eq!(osa_distance_within(b"abc", b"", 2), None);
        assert_eq!(osa_distance_within(b"kim", b"gim", usize::MAX), Some(1));
    }

    #[test]
    fn long_words_use_the_table() {
        let a = [b'a'; 100];
        let mut b = a;
        b[50] = b'b';
        b[70] = b'c';
        assert_eq!(osa_distance_within(&a, &b, 2), Some(2));
        assert_eq!(osa_distance_within(&a, &b, 1), None);
    }

    #[test]
    fn common_subsequences_bit_parallel_agree_with_the_table() {
        assert_eq!(common_subsequence_len(b"sangman", b"sangmaa"), 6);
        assert_eq!(common_subsequence_len(b"", b"abc"), 0);
        let mut next = embargo_testkit::random_below(0x5851_F42D_4C95_7F2D);
        for _ in 0..20_000 {
            let (a, b) = (random_word(&mut next), random_word(&mut next));
            let expected = common_subsequence_table(&a, &b);
            let words = format!(
                "{:?} / {:?}",
                String::from_utf8_lossy(&a),
                String::from_utf8_lossy(&b)
            );
            assert_eq!(common_subsequence_len(&a, &b), expected, "{words}");
            // Prepared, either word may be the pattern.
            assert_eq!(
                SubsequencePattern::new(&a).common_len(&b),
                expected,
                "{words}"
            );
            assert_eq!(
                SubsequencePattern::new(&b).common_len(&a),
                expected,
                "{words}"
            );
        }
        // Exactly 64 bytes: every bit of the row is used.
        let long: Vec<u8> = (0..64).map(|at| b"ab"[at % 2]).collect();
        assert_eq!(common_subsequence_len(&long, &long), 64);
        assert_eq!(common_subsequence_len(&long, &long[1..]), 63);
        assert_eq!(SubsequencePattern::new(&long).common_len(&long[1..]), 63);
        let longer: Vec<u8> = (0..70).map(|at| b"ab"[at % 2]).collect();
        assert_eq!(SubsequencePattern::new(&longer).common_len(&long), 64);
    }

    /// A random word over a small alphabet (so that edits collide and
    /// transpositions happen), one in ten up to 80 bytes long (past the
    /// bit-parallel limit), the others up to 12.
    fn random_word(next: &mut impl FnMut(u64) -> u64) -> Vec<u8> {
        let longest = if next(10) == 0 { 80 } else { 12 };
        let len = next(longest) as usize;
        (0..len).map(|_| b"abcd"[next(4) as usize]).collect()
    }

    /// Random words compared with `rapidfuzz` at every bound.
    #[test]
    fn agrees_with_rapidfuzz_on_random_words() {
        let mut next = embargo_testkit::random_below(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let (a, b) = (random_word(&mut next), random_word(&mut next));
            for max in 0..5 {
                assert_eq!(
                    osa_distance_within(&a, &b, max),
                    reference(&a, &b, max),
                    "{:?} / {:?} within {max}",
                    String::from_utf8_lossy(&a),
                    String::from_utf8_lossy(&b)
                );
            }
        }
    }
}
