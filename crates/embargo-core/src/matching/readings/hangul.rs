//! A foreign name written in Hangul, read as the name it writes.
//!
//! Korean writes a foreign consonant that no vowel follows as a syllable
//! with the vowel `ㅡ` (`eu`), and a consonant cluster with `ㅡ` and a
//! final `ㄹ`: `블라디미르 푸틴` is Vladimir Putin, which Revised
//! Romanization reads `beulladimireu putin`. It writes `b` and `v` alike
//! with `ㅂ`, and `p` and `f` with `ㅍ` (`라브로프`, Lavrov). The default
//! reading ([`super::super::translit::to_latin`]) is right for Korean
//! names; these readings are the other ones, screened beside it: the
//! consonants without their added vowel, once with `b` and `p`, once with
//! `v` and `f` (but a word's first `ㅍ`, mostly a `p`: `푸틴`, Putin), and
//! once more with `z` for `ㅈ`, as the kana readings do for Japanese. Korean also writes a foreign `sh`
//! as `ㅅ` with a `y` vowel (`쇼이구`, Shoigu), a final `ch` with an added
//! `ㅣ` (`비치`, `-vich`), and `z` and `j` alike as `ㅈ` (`람잔`, Ramzan;
//! `프리고진`, Prigozhin).

use crate::matching::translit::{Jamo, hangul_jamo};

/// The initial consonants in Unicode order, as a foreign name's letters.
const INITIALS: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];
/// The vowels in Unicode order, as a foreign name's letters: `ㅓ` and
/// `ㅐ` write the foreign `o` and `e`.
const VOWELS: [&str; 21] = [
    "a", "e", "ya", "ye", "o", "e", "yo", "ye", "o", "wa", "we", "oe", "yo", "u", "wo", "we", "wi",
    "yu", "eu", "ui", "i",
];
/// The final consonants in Unicode order (none first), as a foreign
/// name's letters.
const FINALS: [&str; 28] = [
    "", "k", "kk", "ks", "n", "nj", "nh", "t", "l", "lk", "lm", "lb", "ls", "lt", "lp", "lh", "m",
    "p", "ps", "t", "t", "ng", "t", "t", "k", "t", "p", "h",
];

/// Index of the vowel `ㅡ` that Korean adds after a foreign consonant.
const ADDED_VOWEL: usize = 18;
/// Index of the initial `ㅇ`, which writes no consonant.
const NO_INITIAL: usize = 11;
/// Index of the final `ㄹ` and of the initial `ㄹ`.
const FINAL_L: usize = 8;
const INITIAL_R: usize = 5;
/// Indexes of the initials `ㅂ` and `ㅍ`, and of `ㅈ`, `ㅊ`.
const INITIAL_B: usize = 7;
const INITIAL_P: usize = 17;
const INITIAL_J: usize = 12;
const INITIAL_CH: usize = 14;

/// Index of the vowel `ㅣ`, which Korean adds after a final `ch` (`비치`,
/// `-vich`).
const VOWEL_I: usize = 20;
/// Index of the initial `ㅅ`.
const INITIAL_S: usize = 9;

/// True for a syllable that writes a foreign consonant with the vowel
/// Korean adds to it (`르`, `블`).
fn adds_a_vowel(syllable: Jamo) -> bool {
    syllable.initial != NO_INITIAL
        && syllable.vowel == ADDED_VOWEL
        && (syllable.last == 0 || syllable.last == FINAL_L)
}

/// True for a word's last syllable `치`, the final `ch` of a foreign name
/// with the `ㅣ` Korean adds to it (`아브라모비치`, Abramovich).
fn final_ch(syllable: Jamo, word_end: bool) -> bool {
    word_end
        && syllable
            == Jamo {
                initial: INITIAL_CH,
                vowel: VOWEL_I,
                last: 0,
            }
}

/// The vowel of a syllable after `ㅅ`, without its `y` (`쇼`, `sho`), when
/// it has one: Korean writes the foreign `sh` as `ㅅ` and a `y` vowel.
fn after_sh(vowel: usize) -> Option<&'static str> {
    VOWELS[vowel].strip_prefix('y')
}

/// The foreign-name readings of `name`, with `b`/`p`, with `v`/`f`, and
/// with `v`/`f` and `z` for `ㅈ`;
/// empty when none of its syllables adds a vowel to a consonant.
pub(super) fn foreign_readings(name: &str) -> Vec<String> {
    // each character with its syllable's letters, decomposed once for
    // the test and the three readings
    let letters: Vec<(char, Option<Jamo>)> = name.chars().map(|c| (c, hangul_jamo(c))).collect();
    let word_end = |at: usize| letters.get(at + 1).is_none_or(|(_, next)| next.is_none());
    let foreign = letters.iter().enumerate().any(|(at, (_, syllable))| {
        syllable.is_some_and(|syllable| adds_a_vowel(syllable) || final_ch(syllable, word_end(at)))
    });
    if !foreign {
        return Vec::new();
    }
    [(false, false), (true, false), (true, true)]
        .into_iter()
        .map(|(fricatives, z)| super::to_latin(&read(&letters, fricatives, z)))
        .collect()
}

/// The characters of a name (with their syllables' letters) with each
/// Hangul syllable written as a foreign name's letters; `ㅂ` as `v` and
/// `ㅍ` (but a word's first) as `f` when `fricatives`, `ㅈ` as `z` when
/// `z` (`람잔`, Ramzan; but `프리고진`, Prigozhin).
fn read(letters: &[(char, Option<Jamo>)], fricatives: bool, z: bool) -> String {
    let mut out = String::with_capacity(letters.len() * 3);
    let mut previous: Option<Jamo> = None;
    for (at, &(c, syllable)) in letters.iter().enumerate() {
        let Some(syllable) = syllable else {
            out.push(c);
            previous = None;
            continue;
        };
        let Jamo {
            initial,
            vowel,
            last,
        } = syllable;
        let word_start = previous.is_none();
        let word_end = letters.get(at + 1).is_none_or(|(_, next)| next.is_none());
        let doubled_l = previous.is_some_and(|p| p.last == FINAL_L) && initial == INITIAL_R;
        let sh = (initial == INITIAL_S).then(|| after_sh(vowel)).flatten();
        if !doubled_l {
            out.push_str(match initial {
                _ if sh.is_some() => "sh",
                INITIAL_B if fricatives => "v",
                INITIAL_P if fricatives && !word_start => "f",
                INITIAL_J if z || adds_a_vowel(syllable) => "z",
                INITIAL_CH if adds_a_vowel(syllable) => "ts",
                _ => INITIALS[initial],
            });
        }
        if let Some(vowel) = sh {
            out.push_str(vowel);
        } else if !adds_a_vowel(syllable) && !final_ch(syllable, word_end) {
            out.push_str(VOWELS[vowel]);
        }
        out.push_str(FINALS[last]);
        previous = Some(syllable);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_names_in_hangul_lose_the_added_vowel() {
        assert_eq!(
            foreign_readings("블라디미르 푸틴"),
            ["bladimir putin", "vladimir putin", "vladimir putin"]
        );
        assert_eq!(
            foreign_readings("세르게이 라브로프"),
            ["sergei rabrop", "sergei ravrof", "sergei ravrof"]
        );
        assert_eq!(
            foreign_readings("로만 아브라모비치"),
            ["roman abramobich", "roman avramovich", "roman avramovich"]
        );
        assert_eq!(foreign_readings("세르게이 쇼이구")[0], "sergei shoigu");
        let prigozhin = foreign_readings("예브게니 프리고진");
        assert!(
            prigozhin.contains(&"yevgeni prigojin".to_string()),
            "{prigozhin:?}"
        );
        let kadyrov = foreign_readings("람잔 카디로프");
        assert!(
            kadyrov.contains(&"ramzan kadirof".to_string()),
            "{kadyrov:?}"
        );
        assert!(foreign_readings("김정은").is_empty(), "a Korean name");
        assert!(foreign_readings("문재인").is_empty(), "a Korean name");
    }
}
