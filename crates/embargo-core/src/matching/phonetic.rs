//! Romanization-insensitive keys for name words.
//!
//! The same name reaches Latin letters by several romanization systems:
//! Korean `Kim`/`Gim`, `Jong`/`Jeong`/`Chong`, `Chinyong`/`Jinyong`; Arabic
//! `Mohammed`/`Muhammad`, `Hussein`/`Husayn`; Russian `Yevgeny`/`Evgenii`,
//! `Smirnov`/`Smirnoff`. [`fold`] maps a word to a key on which such
//! spellings agree, by folding letter classes that romanizations confuse
//! (g/k/q, ch/j/zh, b/p, d/t, v/w/f/ph, l/r, s/z, vowel qualities) and
//! collapsing doubled letters. [`skeleton`] goes further and keeps only
//! consonants, which is what a name written in Arabic or Hebrew script
//! carries.
//!
//! Keys are lossy on purpose: equal keys are evidence of a variant
//! spelling, weighed below an exact match by [`super::similarity`].

/// Words that no letter rule folds together but that are one name:
/// Korean surnames across North and South Korean romanization, and the
/// abbreviations of Muhammad.
const VARIANTS: &[(&[&str], &str)] = &[
    (
        &["i", "yi", "ri", "li", "lee", "rhee", "ree", "rhie", "rii"],
        "ri",
    ),
    (&["im", "rim", "lim"], "rim"),
    (&["yu", "ryu", "yoo", "you"], "riu"),
    (&["no", "ro", "roh", "noh"], "ru"),
    (&["yang", "ryang"], "riank"),
    (&["pak", "park", "bak", "bahk"], "pak"),
    (&["choe", "choi", "chwe", "choy"], "cui"),
    (&["mohd", "muhd", "md"], "muhamat"),
    (
        &["abdul", "abdel", "abdal", "abdoul", "abdol", "abdil"],
        "aptur",
    ),
];

/// Bytes of the longest spelling of [`VARIANTS`]: a longer word has none,
/// and is not compared with each (most words a text scan folds).
const LONGEST_VARIANT: usize = longest_variant();

const fn longest_variant() -> usize {
    let mut longest = 0;
    let mut group = 0;
    while group < VARIANTS.len() {
        let spellings = VARIANTS[group].0;
        let mut at = 0;
        while at < spellings.len() {
            if spellings[at].len() > longest {
                longest = spellings[at].len();
            }
            at += 1;
        }
        group += 1;
    }
    longest
}

fn variant_key(word: &str) -> Option<&'static str> {
    if word.len() > LONGEST_VARIANT {
        return None;
    }
    VARIANTS
        .iter()
        .find(|(spellings, _)| spellings.contains(&word))
        .map(|(_, key)| *key)
}

/// True when both words are spellings listed together in the variants
/// table (`Park`/`Bak`, `Lee`/`Ri`).
pub fn is_listed_variant(a: &str, b: &str) -> bool {
    variant_key(a).is_some_and(|key| variant_key(b) == Some(key))
}

fn is_vowel_key(b: u8) -> bool {
    matches!(b, b'a' | b'i' | b'u')
}

/// The romanization-insensitive key of a lower-case ASCII word. Digits
/// pass through unchanged, so numbers keep their exact value.
pub fn fold(word: &str) -> String {
    if let Some(key) = variant_key(word) {
        return key.to_string();
    }
    if word.bytes().any(|b| b.is_ascii_digit()) {
        return word.to_string(); // numbers and codes (`a300b4`) keep every character
    }
    let bytes = word.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() + 1);
    // Russian Ye-/E- (Yevgeny, Evgeny; Yelena, Elena).
    let mut at = usize::from(bytes.len() > 3 && bytes.starts_with(b"ye"));
    while at < bytes.len() {
        let (key, used) = fold_step(bytes, at, out.last().copied());
        at += used;
        for &k in key {
            if out.last() != Some(&k) {
                out.push(k);
            }
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Folds the letter or digraph at `bytes[at]`: returns the key letters and
/// how many input bytes they consumed. `previous` is the last key letter
/// written, used to drop a silent `h` after a consonant.
fn fold_step(bytes: &[u8], at: usize, previous: Option<u8>) -> (&'static [u8], usize) {
    let next = bytes.get(at + 1).copied().unwrap_or(0);
    let after = bytes.get(at + 2).copied().unwrap_or(0);
    match (bytes[at], next) {
        (b't', b'c') if after == b'h' => (b"c", 3),
        (b'd', b'z') if after == b'h' => (b"c", 3),
        (b'c', b'h') | (b'd', b'j') | (b'z', b'h') => (b"c", 2),
        (b'c', b'k') | (b'k', b'h') | (b'g', b'h') => (b"k", 2),
        (b'p', b'h') => (b"v", 2),
        (b's', b'h') => (b"s", 2),
        (b't', b'h') | (b'd', b'h') => (b"t", 2),
        (b'e', b'o') | (b'e', b'u') => (b"u", 2),
        (b'e', b'e') => (b"i", 2),
        (b'c', b'e' | b'i' | b'y') => (b"s", 1),
        (b'c' | b'g' | b'k' | b'q', _) => (b"k", 1),
        (b'j', _) => (b"c", 1),
        (b'b' | b'p', _) => (b"p", 1),
        (b'd' | b't', _) => (b"t", 1),
        (b'f' | b'v' | b'w', _) => (b"v", 1),
        (b's' | b'z', _) => (b"s", 1),
        (b'l' | b'r', _) => (b"r", 1),
        (b'x', _) => (b"ks", 1),
        (b'h', _) if previous.is_some_and(|p| !is_vowel_key(p)) => (b"", 1),
        (b'a' | b'e', _) => (b"a", 1),
        (b'o' | b'u', _) => (b"u", 1),
        (b'i' | b'y', _) => (b"i", 1),
        (b'h', _) => (b"h", 1),
        (b'm', _) => (b"m", 1),
        (b'n', _) => (b"n", 1),
        _ => (b"", 1),
    }
}

/// The consonant skeleton of a lower-case ASCII word: its letters folded
/// into classes as by [`fold`] (but keeping every `h`, a real consonant in
/// Arabic), doubled letters collapsed, then vowels, `h` and the semivowels
/// `w`/`y` removed except at the start. `mohammed` and `mhmd` (محمد) share
/// the skeleton `mmt`; `putin` and `bwtyn` (بوتين) share `ptn`.
pub fn skeleton(word: &str) -> String {
    let bytes = word.as_bytes();
    let mut classes: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let (key, used) = fold_step(bytes, at, None);
        at += used;
        for &k in key {
            if classes.last() != Some(&k) {
                classes.push(k);
            }
        }
    }
    classes
        .iter()
        .enumerate()
        .filter(|&(at, &b)| at == 0 || !(is_vowel_key(b) || b == b'h' || b == b'v'))
        .map(|(_, &b)| char::from(b))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        fold(a) == fold(b)
    }

    #[test]
    fn korean_romanizations_agree() {
        assert!(same("kim", "gim"));
        assert!(same("chinyong", "jinyong"));
        assert!(same("jong", "jeong"));
        assert!(same("jong", "chong"));
        assert!(same("jung", "chung"));
        assert!(same("lee", "ri"));
        assert!(same("yi", "rhee"));
        assert!(same("park", "pak"));
        assert!(same("choe", "choi"));
        assert!(!same("sang", "song"), "different syllables stay apart");
    }

    #[test]
    fn arabic_romanizations_agree() {
        assert!(same("mohammed", "muhammad"));
        assert!(same("mohamed", "mohammad"));
        assert!(same("hussein", "husayn"));
        assert!(same("hussain", "hosein"));
        assert!(same("qasim", "kasim"));
        assert!(same("osama", "usama"));
        assert!(same("abdul", "abdel"));
        assert!(same("mohd", "muhammad"));
    }

    #[test]
    fn russian_romanizations_agree() {
        assert!(same("yevgeny", "evgenii"));
        assert!(same("evgeniy", "yevgeniy"));
        assert!(same("smirnov", "smirnoff"));
        assert!(same("dmitriy", "dmitry"));
    }

    #[test]
    fn digits_keep_their_value() {
        assert_eq!(fold("110"), "110");
        assert!(!same("11420", "1142"));
    }

    #[test]
    fn skeletons_meet_arabic_script() {
        assert_eq!(skeleton("mohammed"), "mmt");
        assert_eq!(skeleton("mohammed"), skeleton("mhmd"));
        assert_eq!(skeleton("putin"), skeleton("bwtyn"));
        assert_eq!(skeleton("vladimir"), skeleton("fladymyr"));
        assert_eq!(skeleton("husayn"), skeleton("hsyn"));
    }
}
