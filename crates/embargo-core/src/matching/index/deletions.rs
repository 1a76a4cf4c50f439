//! Deletion variants of romanization keys (the symmetric delete method):
//! their hashes, computed from prefix polynomials, and a compact filter
//! telling which hashes the vocabulary holds.

/// Multiplier of the polynomial hash of romanization keys (odd).
pub(super) const HASH_BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// Polynomial hashes of a key's prefixes and the base's powers, from
/// which the hash of the key less one or two bytes is an addition or two:
/// `P(n)` being the polynomial of the first `n` bytes, deleting byte `i`
/// changes the whole key's polynomial by `(P(i) - P(i + 1)) B^(len - i -
/// 1)` (the bytes after it move down one power), and a later deletion
/// moves it down one power more. This mattered for long keys' hundred
/// variants. A collision only costs a candidate the similarity test then
/// rejects.
pub(super) struct KeyHashes {
    /// `prefix[k]`: the polynomial of the first `k` bytes.
    pub(super) prefix: Vec<u64>,
    /// `powers[k]`: the base to the `k`th power.
    pub(super) powers: Vec<u64>,
}

impl KeyHashes {
    pub(super) fn new(key: &[u8]) -> KeyHashes {
        let mut prefix = Vec::with_capacity(key.len() + 1);
        let mut powers = Vec::with_capacity(key.len() + 1);
        let (mut hash, mut power) = (0u64, 1u64);
        prefix.push(hash);
        powers.push(power);
        for &byte in key {
            hash = hash
                .wrapping_mul(HASH_BASE)
                .wrapping_add(u64::from(byte) + 1);
            power = power.wrapping_mul(HASH_BASE);
            prefix.push(hash);
            powers.push(power);
        }
        KeyHashes { prefix, powers }
    }

    /// The key's length in bytes.
    pub(super) fn len(&self) -> usize {
        self.prefix.len() - 1
    }

    /// The polynomial of the whole key.
    pub(super) fn whole(&self) -> u64 {
        self.prefix[self.len()]
    }

    /// What deleting byte `at` adds to the polynomial of the key, when
    /// `later` (0 or 1) bytes after it are deleted too.
    pub(super) fn deletion(&self, at: usize, later: usize) -> u64 {
        let shift = self.powers[self.len() - at - 1 - later];
        self.prefix[at]
            .wrapping_sub(self.prefix[at + 1])
            .wrapping_mul(shift)
    }
}

/// Spreads a polynomial hash over all 64 bits (the filter and the table
/// read different bits), with the string's length mixed in.
pub(super) fn finish_hash(hash: u64, len: usize) -> u64 {
    let mut mixed = hash ^ (len as u64).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    mixed ^= mixed >> 33;
    mixed = mixed.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    mixed ^= mixed >> 33;
    mixed = mixed.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    mixed ^ (mixed >> 33)
}

/// Hashes of `key` and of every string obtained by deleting up to `depth`
/// (at most 2) of its letters. Two deletions are made in ascending order
/// (the second after the first), so each pair of positions is tried once.
/// Deleting either of two equal neighbours gives the same string, so only
/// the first is tried: every string is still reached, by its smallest pair
/// of positions, which is always one of those tried. Other repeats (`abab`
/// less two neighbours is `ab` three ways) are rare and left in, as
/// sorting a query's variants would cost more than probing them twice.
pub(super) fn deletion_variants(key: &[u8], depth: usize, out: &mut Vec<u64>) {
    out.clear();
    let len = key.len();
    out.reserve(match depth {
        0 => 1,
        1 => 1 + len,
        _ => 1 + len + len * len.saturating_sub(1) / 2,
    });
    let hashes = KeyHashes::new(key);
    let whole = hashes.whole();
    out.push(finish_hash(whole, len));
    if depth == 0 || key.len() <= 1 {
        return;
    }
    for first in distinct_positions(key) {
        out.push(finish_hash(
            whole.wrapping_add(hashes.deletion(first, 0)),
            len - 1,
        ));
        if depth >= 2 && key.len() > 2 && first + 1 < len {
            let less_first = whole.wrapping_add(hashes.deletion(first, 1));
            // The key less `first`, byte by byte; the second deletion is
            // at `first` or after it in that string, after `first` in the
            // key.
            let once = |at: usize| key[if at < first { at } else { at + 1 }];
            let seconds = (first..key.len() - 1).filter(|&at| at == 0 || once(at) != once(at - 1));
            for second in seconds {
                let less_both = less_first.wrapping_add(hashes.deletion(second + 1, 0));
                out.push(finish_hash(less_both, len - 2));
            }
        }
    }
}

/// A Bloom filter over 64-bit hashes that reads one 64-bit word per
/// probe, two bits of which stand for a hash: with 16 bits per hash held,
/// about one absent hash in seventy passes.
#[derive(Debug)]
pub(super) struct VariantFilter {
    pub(super) words: Vec<u64>,
    /// Mask of a word's index, applied to the hash's high bits.
    pub(super) index_mask: u64,
}

impl VariantFilter {
    /// Bits per hash held.
    const BITS_PER_HASH: usize = 16;

    /// An empty filter sized for `count` hashes.
    pub(super) fn with_capacity(count: usize) -> VariantFilter {
        let words = (count * Self::BITS_PER_HASH / 64)
            .max(1)
            .next_power_of_two();
        VariantFilter {
            words: vec![0; words],
            index_mask: words as u64 - 1,
        }
    }

    /// The word and the two bits standing for `hash`: the word from its
    /// high bits, the bits from a remix (a multiplicative hash's low bits
    /// are its weakest).
    pub(super) fn slot(&self, hash: u64) -> (usize, u64) {
        let at = ((hash >> 32) & self.index_mask) as usize;
        let mixed = hash.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let bits = 1 << (mixed >> 58) | 1 << ((mixed >> 52) & 63);
        (at, bits)
    }

    pub(super) fn insert(&mut self, hash: u64) {
        let (at, bits) = self.slot(hash);
        self.words[at] |= bits;
    }

    /// False when `hash` was certainly never inserted.
    pub(super) fn may_hold(&self, hash: u64) -> bool {
        let (at, bits) = self.slot(hash);
        self.words[at] & bits == bits
    }
}

/// The positions of `bytes` that do not repeat the byte before them.
pub(super) fn distinct_positions(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    (0..bytes.len()).filter(|&at| at == 0 || bytes[at] != bytes[at - 1])
}
