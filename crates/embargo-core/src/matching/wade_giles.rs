//! Chinese syllables written in Wade–Giles, the romanization of older
//! records and of Taiwanese and Hong Kong names (Mao Tse-tung, Hsieh,
//! Tsai, Chih), read as pinyin (Zedong, Xie, Cai, Zhi), which the lists
//! use.
//!
//! [`super::phonetic::fold`] already folds the letter classes the two
//! systems write differently for one sound (`t`/`d`, `k`/`g`, `p`/`b`,
//! `ch`/`zh`/`j`), but not the spellings only Wade–Giles has: `hs` for
//! `x`, `ts`/`tz` for `z` and `c`, `ss`/`sz` with `u` for `si`, a final
//! `ih` for `i` (`shih`, `chih`), `ieh` for `ie`, and `ung` for `ong`. A
//! word that is a syllable only Wade–Giles writes that way (never a
//! pinyin one) is read as its pinyin ([`to_pinyin`]). Korean
//! romanizations look like Wade–Giles (`Chung`, `Sung`, `Ko`), so the
//! spellings they share are left alone: `ung` is read `ong` only after
//! `t`, `ts`, `tz`, `k`, `l` and `n`.

/// Longest Wade–Giles syllable (`hsiung`, `chuang`), in bytes.
const MAX_SYLLABLE_BYTES: usize = 6;

/// The pinyin of a lower-case word that is a Chinese syllable written as
/// only Wade–Giles writes it (`tung` → `dong`, `hsieh` → `xie`, `tzu` →
/// `zi`, `shih` → `shi`); `None` for every other word, and for a syllable
/// both systems could write.
pub(crate) fn to_pinyin(word: &[u8]) -> Option<Vec<u8>> {
    if word.len() < 2 || word.len() > MAX_SYLLABLE_BYTES || !has_wade_giles_spelling(word) {
        return None;
    }
    let (initial, rest): (&[u8], &[u8]) = if let Some(rest) = word.strip_prefix(b"hs") {
        (b"x", rest)
    } else if let Some(rest) = word
        .strip_prefix(b"ts")
        .or_else(|| word.strip_prefix(b"tz"))
    {
        // `tzu` is zi, `tsu` zu
        if rest == b"u" && word.starts_with(b"tz") {
            return Some(b"zi".to_vec());
        }
        (b"z", rest)
    } else if let Some(rest) = word
        .strip_prefix(b"ss")
        .or_else(|| word.strip_prefix(b"sz"))
    {
        return (rest == b"u").then(|| b"si".to_vec());
    } else {
        let initial_len = word
            .iter()
            .position(|b| b"aeiouy".contains(b))
            .unwrap_or(word.len());
        word.split_at(initial_len)
    };
    let final_part: &[u8] = match rest {
        b"ih" => b"i",
        b"ieh" => b"ie",
        b"ung" if matches!(initial, b"t" | b"z" | b"k" | b"l" | b"n") => b"ong",
        b"iung" if initial == b"x" => b"iong",
        b"ueh" if initial == b"x" => b"ue",
        _ => rest,
    };
    let initial: &[u8] = match (initial, final_part) {
        (b"ch", b"i") if rest == b"ih" => b"zh",
        (b"t", b"ong") => b"d",
        (b"k", b"ong") => b"g",
        _ => initial,
    };
    let pinyin = [initial, final_part].concat();
    let rewritten = pinyin != word;
    (rewritten && is_pinyin_syllable(&pinyin) && !is_pinyin_syllable(word)).then_some(pinyin)
}

/// Words written as one, each Wade–Giles syllable as its pinyin: the
/// syllables of a given name that Wade–Giles hyphenates (`Tse-tung`)
/// joined as pinyin writes them (`zedong`).
pub(crate) fn joined_syllables(parts: &[&str]) -> String {
    let mut joined = String::with_capacity(parts.iter().map(|part| part.len()).sum());
    for part in parts {
        match to_pinyin(part.as_bytes()) {
            Some(pinyin) => joined.extend(pinyin.iter().map(|&b| char::from(b))),
            None => joined.push_str(part),
        }
    }
    joined
}

/// True when `word` begins or ends as only Wade–Giles writes a syllable
/// (`hs`, `ts`, `tz`, `ss`, `sz`; `ih`, `ieh`, `ueh`, `ung`): the cheap
/// test every folded word passes through first.
fn has_wade_giles_spelling(word: &[u8]) -> bool {
    matches!(
        word,
        [b'h', b's', ..] | [b't', b's' | b'z', ..] | [b's', b's' | b'z', ..]
    ) || word.ends_with(b"ih")
        || word.ends_with(b"eh")
        || word.ends_with(b"ung")
}

/// True when `a` and `b` are one Chinese syllable, one written in
/// Wade–Giles and the other in pinyin, or both in Wade–Giles
/// ([`to_pinyin`]). Wade–Giles marks an aspirated consonant with an
/// apostrophe that names drop (`Ts'ai`, Tsai: pinyin Cai), so a consonant
/// and its aspirated pair count as one (`z`/`c`, `zh`/`ch`, `j`/`q`,
/// `b`/`p`, `d`/`t`, `g`/`k`).
pub(crate) fn same_syllable(a: &str, b: &str) -> bool {
    let (pinyin_a, pinyin_b) = (to_pinyin(a.as_bytes()), to_pinyin(b.as_bytes()));
    if pinyin_a.is_none() && pinyin_b.is_none() {
        return false;
    }
    let a = pinyin_a.as_deref().unwrap_or(a.as_bytes());
    let b = pinyin_b.as_deref().unwrap_or(b.as_bytes());
    unaspirated(a) == unaspirated(b)
}

/// A pinyin syllable with its aspirated initial written as the plain one.
fn unaspirated(syllable: &[u8]) -> Vec<u8> {
    let (initial, rest): (&[u8], &[u8]) = match syllable {
        [b'c', b'h', rest @ ..] => (b"zh", rest),
        [b'c', rest @ ..] => (b"z", rest),
        [b'q', rest @ ..] => (b"j", rest),
        [b'p', rest @ ..] => (b"b", rest),
        [b't', rest @ ..] => (b"d", rest),
        [b'k', rest @ ..] => (b"g", rest),
        _ => (b"", syllable),
    };
    [initial, rest].concat()
}

/// Fewest letters of a syllable whose dropping makes another given name
/// ([`syllable_dropped`]): a dropped single vowel is as often a typo
/// (`Lena`, `Len`).
const MIN_DROPPED_SYLLABLE_BYTES: usize = 2;

/// True when `long` is two pinyin syllables joined and `short` is one of
/// them (`Keqiang`, `Qiang`; `Jinping`, `Ping`): a Chinese given name of
/// two syllables and one of one are two names, however few letters the
/// other syllable has, as written apart they are (`Kim Il Sung` is not
/// `KIM, Song`).
pub(crate) fn syllable_dropped(long: &str, short: &str) -> bool {
    let dropped = long
        .strip_suffix(short)
        .or_else(|| long.strip_prefix(short))
        .filter(|dropped| dropped.len() >= MIN_DROPPED_SYLLABLE_BYTES);
    dropped.is_some_and(|dropped| {
        is_pinyin_syllable(dropped.as_bytes()) && is_pinyin_syllable(short.as_bytes())
    })
}

/// Fewest edits between two pinyin syllables for one in the place of
/// the other to make another given name ([`syllable_changed`]): one
/// edit is as often a typo (`Jinping`, `Jingping`).
const MIN_CHANGED_SYLLABLE_EDITS: usize = 2;

/// True when two words are each two pinyin syllables joined, share one
/// of them in its place and differ in the other by
/// [`MIN_CHANGED_SYLLABLE_EDITS`] or more (`Hailong`, `Hailun`;
/// `Zemin`, `Zedong`): each syllable of a Chinese given name is a
/// character of its own, and another character is another name, not a
/// typo of it.
pub(crate) fn syllable_changed(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a == b
        || a.is_empty()
        || b.is_empty()
        || a.len().max(b.len()) > 2 * MAX_PINYIN_SYLLABLE_BYTES
    {
        return false;
    }
    let apart = |x: &[u8], y: &[u8]| {
        is_pinyin_syllable(x)
            && is_pinyin_syllable(y)
            && super::edits::osa_distance_within(x, y, MIN_CHANGED_SYLLABLE_EDITS - 1).is_none()
    };
    // a shared first syllable lies within the letters both begin with, a
    // shared last one within those both end with
    let prefix = super::edits::common_prefix_len(a, b);
    let suffix = super::edits::common_suffix_len(a, b);
    // every piece is a syllable, of at most MAX_PINYIN_SYLLABLE_BYTES
    let longest = MAX_PINYIN_SYLLABLE_BYTES;
    let first_head = 1
        .max(a.len().saturating_sub(longest))
        .max(b.len().saturating_sub(longest));
    let shared_head = (first_head..=prefix.min(a.len() - 1).min(longest))
        .any(|split| is_pinyin_syllable(&a[..split]) && apart(&a[split..], &b[split..]));
    let shared_tail = (1..=suffix.min(a.len() - 1).min(longest)).any(|tail| {
        let (a_head, b_head) = (a.len() - tail, b.len().saturating_sub(tail));
        a_head <= longest
            && (1..=longest).contains(&b_head)
            && is_pinyin_syllable(&a[a_head..])
            && apart(&a[..a_head], &b[..b_head])
    });
    shared_head || shared_tail
}

/// Longest pinyin syllable (`zhuang`, `shuang`).
const MAX_PINYIN_SYLLABLE_BYTES: usize = 6;

/// Longest word read as pinyin syllables joined: four of the longest.
const MAX_PINYIN_WORD_BYTES: usize = 4 * MAX_PINYIN_SYLLABLE_BYTES;

/// True when `word` is written wholly in pinyin syllables, one or more
/// joined (`Yuhua`, `Jinping`, `Lei`): it may be a Chinese given name,
/// whose syllables are one name. A longer word than
/// [`MAX_PINYIN_WORD_BYTES`] is none; no allocation.
pub(crate) fn is_pinyin_word(word: &str) -> bool {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > MAX_PINYIN_WORD_BYTES {
        return false;
    }
    // splits[at]: the first `at` bytes split into syllables
    let mut splits = [false; MAX_PINYIN_WORD_BYTES + 1];
    splits[0] = true;
    for end in 1..=bytes.len() {
        splits[end] = (end.saturating_sub(MAX_PINYIN_SYLLABLE_BYTES)..end)
            .any(|start| splits[start] && is_pinyin_syllable(&bytes[start..end]));
    }
    splits[bytes.len()]
}

/// The finals of pinyin after an initial consonant.
const FINALS: &[&str] = &[
    "a", "o", "e", "i", "u", "v", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "er",
    "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong", "ua", "uo", "uai", "ui", "uan",
    "un", "uang", "ue", "ve",
];

/// The syllables of pinyin written with `y` or `w` or a vowel alone.
const OPEN_SYLLABLES: &[&str] = &[
    "a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "er", "yi", "ya", "ye", "yao",
    "you", "yan", "yin", "yang", "ying", "yong", "yu", "yue", "yuan", "yun", "wu", "wa", "wo",
    "wai", "wei", "wan", "wen", "wang", "weng",
];

/// True for a syllable pinyin may write (its initials and finals; not
/// every combination of them is a real syllable).
fn is_pinyin_syllable(word: &[u8]) -> bool {
    let Ok(word) = std::str::from_utf8(word) else {
        return false;
    };
    if OPEN_SYLLABLES.contains(&word) {
        return true;
    }
    let rest = ["zh", "ch", "sh"]
        .iter()
        .find_map(|initial| word.strip_prefix(initial))
        .or_else(|| {
            let first = word.chars().next()?;
            "bpmfdtnlgkhjqxrzcs"
                .contains(first)
                .then(|| &word[first.len_utf8()..])
        });
    rest.is_some_and(|rest| FINALS.contains(&rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pinyin(word: &str) -> Option<String> {
        to_pinyin(word.as_bytes()).map(|p| String::from_utf8_lossy(&p).into_owned())
    }

    #[test]
    fn words_of_pinyin_syllables_are_told() {
        for word in ["yuhua", "jinping", "lei", "zhuangshuang"] {
            assert!(is_pinyin_word(word), "{word}");
        }
        for word in ["najib", "omar", "sahib", "bahar", ""] {
            assert!(!is_pinyin_word(word), "{word}");
        }
    }

    #[test]
    fn a_given_name_without_one_of_its_two_syllables_is_another() {
        assert!(syllable_dropped("keqiang", "qiang"));
        assert!(syllable_dropped("jinping", "jin"));
        // a dropped vowel is a typo; a word of no syllables is no Chinese name
        assert!(!syllable_dropped("lena", "len"));
        assert!(!syllable_dropped("sergei", "sergi"));
        assert!(!syllable_dropped("marek", "mar"));
    }

    #[test]
    fn a_given_name_with_another_syllable_is_another() {
        assert!(syllable_changed("hailong", "hailun"));
        assert!(syllable_changed("zemin", "zedong"));
        assert!(syllable_changed("xiaoping", "jinping"));
        // one edit is a typo; words of no syllables are no Chinese names
        assert!(!syllable_changed("jinping", "jingping"));
        assert!(!syllable_changed("junzheng", "junzhen"));
        assert!(!syllable_changed("hailong", "hailong"));
        assert!(!syllable_changed("sergei", "sergio"));
        assert!(!syllable_changed("maxim", "maksim"));
        assert!(!syllable_changed("", "lun"));
        assert!(!syllable_changed("hai", ""));
    }

    #[test]
    fn wade_giles_syllables_are_read_as_pinyin() {
        for (wade_giles, expected) in [
            ("tung", "dong"),
            ("tse", "ze"),
            ("tsai", "zai"),
            ("tsung", "zong"),
            ("tzu", "zi"),
            ("ssu", "si"),
            ("hsu", "xu"),
            ("hsieh", "xie"),
            ("hsiao", "xiao"),
            ("hsiung", "xiong"),
            ("hsueh", "xue"),
            ("chih", "zhi"),
            ("shih", "shi"),
            ("kung", "gong"),
        ] {
            assert_eq!(
                pinyin(wade_giles).as_deref(),
                Some(expected),
                "{wade_giles}"
            );
        }
    }

    /// Pinyin syllables, spellings Korean romanization shares with
    /// Wade–Giles, and other words are left alone.
    #[test]
    fn other_words_are_left_alone() {
        for word in [
            "dong", "xie", "zhang", "chung", "sung", "ko", "jung", "hong", "kim", "tsunami",
            "hsbc", "ts", "smith",
        ] {
            assert_eq!(pinyin(word), None, "{word}");
        }
    }

    #[test]
    fn hyphenated_syllables_join_as_pinyin() {
        assert_eq!(joined_syllables(&["tse", "tung"]), "zedong");
        assert_eq!(joined_syllables(&["ching", "kuo"]), "chingkuo");
        assert_eq!(joined_syllables(&["sang", "man"]), "sangman");
    }

    #[test]
    fn one_syllable_in_both_systems_is_the_same_syllable() {
        assert!(same_syllable("tung", "dong"));
        assert!(same_syllable("tsai", "cai"));
        assert!(same_syllable("tse", "ze"));
        assert!(same_syllable("hsieh", "xie"));
        assert!(!same_syllable("tung", "tang"));
        assert!(!same_syllable("dong", "dong"));
    }
}
