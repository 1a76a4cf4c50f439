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

/// First Hangul syllable (`가`).
const FIRST_SYLLABLE: u32 = 0xAC00;
/// Last Hangul syllable (`힣`).
const LAST_SYLLABLE: u32 = 0xD7A3;
/// Syllables per initial consonant (21 vowels × 28 finals).
const PER_INITIAL: u32 = 21 * 28;

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
const ADDED_VOWEL: u32 = 18;
/// Index of the initial `ㅇ`, which writes no consonant.
const NO_INITIAL: u32 = 11;
/// Index of the final `ㄹ` and of the initial `ㄹ`.
const FINAL_L: u32 = 8;
const INITIAL_R: u32 = 5;
/// Indexes of the initials `ㅂ` and `ㅍ`, and of `ㅈ`, `ㅊ`.
const INITIAL_B: u32 = 7;
const INITIAL_P: u32 = 17;
const INITIAL_J: u32 = 12;
const INITIAL_CH: u32 = 14;

/// A Hangul syllable's initial, vowel and final indexes.
fn jamo(c: char) -> Option<(u32, u32, u32)> {
    let code = c as u32;
    if !(FIRST_SYLLABLE..=LAST_SYLLABLE).contains(&code) {
        return None;
    }
    let index = code - FIRST_SYLLABLE;
    Some((index / PER_INITIAL, (index % PER_INITIAL) / 28, index % 28))
}

/// Index of the vowel `ㅣ`, which Korean adds after a final `ch` (`비치`,
/// `-vich`).
const VOWEL_I: u32 = 20;
/// Index of the initial `ㅅ`.
const INITIAL_S: u32 = 9;

/// True for a syllable that writes a foreign consonant with the vowel
/// Korean adds to it (`르`, `블`).
fn adds_a_vowel((initial, vowel, last): (u32, u32, u32)) -> bool {
    initial != NO_INITIAL && vowel == ADDED_VOWEL && (last == 0 || last == FINAL_L)
}

/// True for a word's last syllable `치`, the final `ch` of a foreign name
/// with the `ㅣ` Korean adds to it (`아브라모비치`, Abramovich).
fn final_ch(syllable: (u32, u32, u32), word_end: bool) -> bool {
    word_end && syllable == (INITIAL_CH, VOWEL_I, 0)
}

/// The vowel of a syllable after `ㅅ`, without its `y` (`쇼`, `sho`), when
/// it has one: Korean writes the foreign `sh` as `ㅅ` and a `y` vowel.
fn after_sh(vowel: u32) -> Option<&'static str> {
    VOWELS[vowel as usize].strip_prefix('y')
}

/// The foreign-name readings of `name`, with `b`/`p`, with `v`/`f`, and
/// with `v`/`f` and `z` for `ㅈ`;
/// empty when none of its syllables adds a vowel to a consonant.
pub(super) fn foreign_readings(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let foreign = (0..chars.len()).any(|at| {
        jamo(chars[at]).is_some_and(|syllable| {
            let word_end = chars.get(at + 1).is_none_or(|&c| jamo(c).is_none());
            adds_a_vowel(syllable) || final_ch(syllable, word_end)
        })
    });
    if !foreign {
        return Vec::new();
    }
    [(false, false), (true, false), (true, true)]
        .into_iter()
        .map(|(fricatives, z)| super::to_latin(&read(name, fricatives, z)))
        .collect()
}

/// `name` with each Hangul syllable written as a foreign name's letters;
/// `ㅂ` as `v` and `ㅍ` (but a word's first) as `f` when `fricatives`,
/// `ㅈ` as `z` when `z` (`람잔`, Ramzan; but `프리고진`, Prigozhin).
fn read(name: &str, fricatives: bool, z: bool) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut previous: Option<(u32, u32, u32)> = None;
    for (at, &c) in chars.iter().enumerate() {
        let Some(syllable @ (initial, vowel, last)) = jamo(c) else {
            out.push(c);
            previous = None;
            continue;
        };
        let word_start = previous.is_none();
        let word_end = chars.get(at + 1).is_none_or(|&next| jamo(next).is_none());
        let doubled_l = previous.is_some_and(|(_, _, l)| l == FINAL_L) && initial == INITIAL_R;
        let sh = (initial == INITIAL_S).then(|| after_sh(vowel)).flatten();
        if !doubled_l {
            out.push_str(match initial {
                _ if sh.is_some() => "sh",
                INITIAL_B if fricatives => "v",
                INITIAL_P if fricatives && !word_start => "f",
                INITIAL_J if z || adds_a_vowel(syllable) => "z",
                INITIAL_CH if adds_a_vowel(syllable) => "ts",
                _ => INITIALS[initial as usize],
            });
        }
        if let Some(vowel) = sh {
            out.push_str(vowel);
        } else if !adds_a_vowel(syllable) && !final_ch(syllable, word_end) {
            out.push_str(VOWELS[vowel as usize]);
        }
        out.push_str(FINALS[last as usize]);
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
