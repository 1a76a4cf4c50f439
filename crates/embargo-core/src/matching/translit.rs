//! Transliteration of any script to lower-case Latin letters, so that
//! `김상만` can meet `KIM, Sang Man` and `Владимир Путин` can meet
//! `PUTIN, Vladimir`.
//!
//! These scripts get rules of their own because the generic table loses
//! what matching needs:
//! * Hangul is decomposed algorithmically into jamo and written in Revised
//!   Romanization (`김` → `gim`), syllable by syllable.
//! * Cyrillic uses a BGN/PCGN-style table (`Путин` → `putin`,
//!   `Евгений` → `evgeniy`).
//! * Han characters are written in pinyin syllables joined within a word
//!   (`桂珍` → `guizhen`), the way names in that script are romanized; a
//!   name of one word is split after its surname (`李克强` → `li keqiang`).
//! * Japanese kana are written in Hepburn (module `kana`): small kana merge
//!   with the kana before (`ジョ` → `jo`), `ッ` doubles a consonant, long
//!   vowels are written once (`イーゴリ・セーチン` → `igori sechin`), and a
//!   word ends where Hepburn writes `n'` (`キム・ジョンウン` → `kimu jon
//!   un`).
//!
//! * Greek, Armenian, Georgian, the Brahmic scripts (Devanagari to
//!   Sinhala), Thai, Lao, Tibetan, Myanmar and Ethiopic go through
//!   `any_ascii`'s table, which reads names of these scripts better, with
//!   the digraphs and inherent vowels it misses (module `scripts`).
//!
//! * Arabic-script (Arabic, Persian, Urdu, Pashto) and Hebrew letters are
//!   written as consonant codes (module [`abjad`]: `محمد` → `mhmd`,
//!   `عثمان` → `Tmn`); `is_abjad` tells the matcher which characters
//!   those are so it can compare consonant skeletons.
//!
//! Everything else (Latin diacritics, Khmer, ...) goes
//! through `deunicode`'s table.

use std::sync::OnceLock;

pub mod abjad;
mod kana;
mod myanmar;
pub(crate) use kana::strip_inner_epenthetic;
mod scripts;
pub(crate) use scripts::{greek_base, is_greek};

/// Appends the Latin form of `c` to `out`, lower case. Characters with no
/// letter value (punctuation, symbols) become a space so they separate
/// words.
pub(crate) fn push_latin(c: char, out: &mut String) {
    if c.is_ascii_alphanumeric() {
        out.push(c.to_ascii_lowercase());
    } else if is_joiner(c) {
        // Apostrophes, ayn and hamza signs inside a word (‘Abd, Nu’aymi,
        // CHO'NG) join rather than split it.
    } else if c.is_ascii() {
        out.push(' ');
    } else if push_hangul(c, out) {
    } else if kana::is_kana(c) {
        kana::push_kana(&[c], kana::Breaks::Apostrophe, out);
    } else if let Some(latin) = cyrillic(c) {
        out.push_str(latin);
    } else if let Some(latin) = abjad::letter(c) {
        out.push_str(latin);
    } else if is_abjad_presentation_form(c) {
        // the letters a presentation form draws (`ﺁ`: `آ`; `ﻻ`: `لا`)
        unicode_normalization::char::decompose_compatible(c, |letter| {
            match abjad::letter(letter) {
                Some(latin) => out.push_str(latin),
                None if letter.is_whitespace() => out.push(' '),
                None => push_deunicode(letter, out),
            }
        });
    } else if let Some(script) = scripts::script_of(c) {
        scripts::push_run(script, &[c], out);
    } else {
        push_deunicode(c, out);
    }
}

/// Transliterates a whole text to lower-case Latin letters, digits and
/// spaces. Words of a script written without spaces between syllables stay
/// joined (Han, Hangul), every other separator becomes a space, except
/// that a text whose only Hangul word has two to four syllables, the shape
/// of a Korean personal name written in one piece, is split after its first
/// syllable, the surname (`김상만` → `gim sangman`), as romanized names are
/// written; so is a text whose only Han word has two to four characters,
/// the shape of a Chinese personal name, after its surname of one
/// character or of two (`is_compound_surname`: `李克强` → `li keqiang`,
/// `欧阳修` → `ouyang xiu`). A name already written in parts (`병철 김`)
/// keeps them. A run of kana is romanized as one word.
pub fn to_latin(text: &str) -> String {
    transliterate(text, false, true, false)
}

/// [`to_latin`] with the choices a whole name makes for each of its
/// words: a Han word's surname split off unless `han_words_kept` (for a
/// part of a name whose Han words are written apart already, `洋 桂英 王`,
/// where a Han word is a given name or a surname of its own), and
/// Cyrillic read as Ukrainian when `ukrainian` ([`is_ukrainian`]).
pub fn to_latin_as(text: &str, han_words_kept: bool, ukrainian: bool) -> String {
    transliterate(text, false, !han_words_kept, ukrainian)
}

/// [`to_latin`], with kana read as a foreign name written in katakana:
/// each syllable ending in `ン` ends a word, and a word loses the vowel
/// Japanese adds after a final consonant (`キム・ジョンウン` → `kim jon un`
/// for Kim Jong Un, where [`to_latin`] gives `kimu jonun`). The other
/// reading of such a name.
pub fn to_latin_foreign_kana(text: &str) -> String {
    transliterate(text, true, true, false)
}

/// [`to_latin`], or [`to_latin_foreign_kana`] when `foreign_kana`; a Han
/// name's surname split off only when `han_surname`; Cyrillic read as
/// Ukrainian when `ukrainian` ([`ukrainian_letter`]).
fn transliterate(text: &str, foreign_kana: bool, han_surname: bool, ukrainian: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    let single_hangul_word = words_of(&chars, is_hangul) == 1;
    let single_han_word = han_surname && words_of(&chars, is_han) == 1;
    let mut at = 0;
    while at < chars.len() {
        let run = chars[at..].iter().take_while(|&&c| is_hangul(c)).count();
        let han_run = chars[at..].iter().take_while(|&&c| is_han(c)).count();
        if han_run > 0 {
            let before_is_word = at > 0 && is_alphanumeric(chars[at - 1]);
            let after_is_word = chars.get(at + han_run).is_some_and(|&c| is_alphanumeric(c));
            let name = &chars[at..at + han_run];
            let surname = if single_han_word
                && (2..=4).contains(&han_run)
                && !before_is_word
                && !after_is_word
            {
                if han_run > 2 && is_compound_surname(name[0], name[1]) {
                    2
                } else {
                    1
                }
            } else {
                0
            };
            for (offset, &c) in name.iter().enumerate() {
                if surname > 0 && offset == surname {
                    out.push(' ');
                }
                push_latin(c, &mut out);
            }
            at += han_run;
        } else if run > 0 {
            let before_is_word = at > 0 && is_alphanumeric(chars[at - 1]);
            let after_is_word = chars.get(at + run).is_some_and(|&c| is_alphanumeric(c));
            let surname_split = han_surname
                && single_hangul_word
                && (2..=4).contains(&run)
                && !before_is_word
                && !after_is_word;
            for (offset, &c) in chars[at..at + run].iter().enumerate() {
                if surname_split && offset == 1 {
                    out.push(' ');
                }
                push_hangul(c, &mut out);
            }
            at += run;
        } else if kana::is_kana(chars[at]) {
            let run = chars[at..]
                .iter()
                .take_while(|&&c| kana::is_kana(c))
                .count();
            let from = out.len();
            let breaks = if foreign_kana {
                kana::Breaks::EveryN
            } else {
                kana::Breaks::Apostrophe
            };
            kana::push_kana(&chars[at..at + run], breaks, &mut out);
            let last_word = out[from..]
                .rfind(' ')
                .map_or(from, |space| from + space + 1);
            if foreign_kana {
                kana::read_foreign_word(&mut out, last_word, chars[at + run - 1]);
            }
            at += run;
        } else if let Some(script) = scripts::script_of(chars[at]) {
            let run = chars[at..]
                .iter()
                .take_while(|&&c| scripts::script_of(c) == Some(script))
                .count();
            scripts::push_run(script, &chars[at..at + run], &mut out);
            at += run;
        } else {
            match ukrainian_letter(chars[at]).filter(|_| ukrainian) {
                Some(latin) => out.push_str(latin),
                None => push_latin(chars[at], &mut out),
            }
            at += 1;
        }
    }
    out
}

/// True when a name in Cyrillic is Ukrainian: it writes a letter of
/// Ukrainian's own (`і`, `ї`, `є`, `ґ`) in some word, and none of
/// Belarusian (`ў`) or Kazakh, which write `і` too. Russian has none of
/// them. Asked of the whole name, as most of its words (`Володимир`) have
/// none.
pub fn is_ukrainian(name: &str) -> bool {
    let mut ukrainian = false;
    for c in name.chars() {
        match c.to_lowercase().next().unwrap_or(c) {
            'і' | 'ї' | 'є' | 'ґ' => ukrainian = true,
            'ў' | 'қ' | 'ғ' | 'ү' | 'ұ' | 'ң' | 'ө' | 'һ' | 'ә' => return false,
            _ => {}
        }
    }
    ukrainian
}

/// The letters Ukrainian romanizes other than Russian does (BGN/PCGN,
/// Ukraine's national system): `и` is `y` (Володимир, Volodymyr;
/// Russian Владимир, Vladimir) and `г` is `h` (Григорій, Hryhoriy).
fn ukrainian_letter(c: char) -> Option<&'static str> {
    match c {
        'и' | 'И' => Some("y"),
        'г' | 'Г' => Some("h"),
        _ => None,
    }
}

/// Number of words (runs of letters) containing a character of which
/// `is_script` is true.
fn words_of(chars: &[char], is_script: fn(char) -> bool) -> usize {
    if !chars.iter().any(|&c| is_script(c)) {
        return 0;
    }
    chars
        .split(|&c| !is_alphanumeric(c))
        .filter(|word| word.iter().any(|&c| is_script(c)))
        .count()
}

/// True for the Han characters of the Unicode blocks names use (CJK
/// Unified Ideographs, Extension A, Compatibility Ideographs).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// True when two Han characters are a Chinese surname of two characters,
/// in simplified or traditional writing: Ouyang, Sima, Zhuge, Shangguan,
/// Situ, Huangfu, Dongfang, Linghu, Xiahou, Murong, Yuchi, Gongsun,
/// Zhangsun, Yuwen, Xuanyuan, Duanmu, Zhongli, Nangong, Tantai.
fn is_compound_surname(first: char, second: char) -> bool {
    matches!(
        (first, second),
        ('欧' | '歐', '阳' | '陽')
            | ('司', '马' | '馬' | '徒' | '空')
            | ('诸' | '諸', '葛')
            | ('上', '官')
            | ('皇', '甫')
            | ('东' | '東', '方')
            | ('令', '狐')
            | ('夏', '侯')
            | ('慕', '容')
            | ('尉', '迟' | '遲')
            | ('公', '孙' | '孫')
            | ('长' | '長', '孙' | '孫')
            | ('宇', '文')
            | ('轩' | '軒', '辕' | '轅')
            | ('端', '木')
            | ('钟' | '鍾', '离' | '離')
            | ('南', '宫' | '宮')
            | ('澹', '台' | '臺')
    )
}

/// [`char::is_alphanumeric`], without its table search for the characters
/// of the Basic Multilingual Plane (every script of names but a few rare
/// ones): the search costs hundreds of instructions a character, and texts
/// and names of Arabic, Cyrillic, Devanagari or accented Latin letters
/// are made of them. ASCII is answered directly; the other characters of
/// the plane from a bit set of their block of 256, worked out by the
/// standard test on first use.
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let code = c as u32;
    let Some(block) = BMP_ALPHANUMERIC.get((code >> 8) as usize) else {
        return c.is_alphanumeric();
    };
    let bits = block.get_or_init(|| alphanumeric_bits(code & !0xFF));
    bits[(code as usize & 0xFF) >> 6] >> (code & 63) & 1 == 1
}

/// For each block of 256 characters of the Basic Multilingual Plane, which
/// are letters or digits, once known.
static BMP_ALPHANUMERIC: [OnceLock<[u64; 4]>; 256] = [const { OnceLock::new() }; 256];

/// Which of the 256 characters from `first` are letters or digits.
fn alphanumeric_bits(first: u32) -> [u64; 4] {
    let mut bits = [0u64; 4];
    for offset in 0..256u32 {
        if char::from_u32(first + offset).is_some_and(char::is_alphanumeric) {
            bits[offset as usize >> 6] |= 1 << (offset & 63);
        }
    }
    bits
}

/// True for precomposed Hangul syllables.
pub(crate) fn is_hangul(c: char) -> bool {
    (HANGUL_FIRST..=HANGUL_LAST).contains(&(c as u32))
}

/// True for characters of scripts written without short vowels (Arabic,
/// Persian, Urdu, Hebrew, Syriac), whose Latin forms are consonant
/// skeletons.
pub(crate) fn is_abjad(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x05FF      // Hebrew
        | 0x0600..=0x06FF    // Arabic
        | 0x0700..=0x074F    // Syriac
        | 0x0750..=0x077F    // Arabic Supplement
        | 0x08A0..=0x08FF    // Arabic Extended-A
        | 0xFB1D..=0xFB4F    // Hebrew presentation forms
        | 0xFB50..=0xFDFF    // Arabic presentation forms A
        | 0xFE70..=0xFEFF) // Arabic presentation forms B
}

/// True for the presentation forms of Arabic and Hebrew letters, which
/// some texts write for the letters' shapes in a word.
fn is_abjad_presentation_form(c: char) -> bool {
    matches!(c as u32, 0xFB1D..=0xFB4F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Marks written inside words that must not split them: apostrophes,
/// modifier letters used for ayn and hamza, and Arabic tatweel.
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '`'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{02BB}'
            | '\u{02BC}'
            | '\u{02BE}'
            | '\u{02BF}'
            | '\u{0640}'
            // zero-width non-joiner and joiner (Persian `خامنه‌ای`), word
            // joiner, byte order mark
            | '\u{200C}'
            | '\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
    ) || (c as u32 >= 0x0300 && c as u32 <= 0x036F) // combining diacritics
}

/// Appends `deunicode`'s Latin letters for `c`. Syllables of one word stay
/// joined (the table's trailing spaces after Han syllables are dropped);
/// signs with no letters (viramas) add nothing; punctuation becomes a space.
fn push_deunicode(c: char, out: &mut String) {
    let Some(latin) = deunicode::deunicode_char(c) else {
        out.push(' ');
        return;
    };
    if !push_letters(latin, out) && !latin.is_empty() {
        out.push(' ');
    }
}

/// Appends the ASCII letters and digits of a table's reading `latin`,
/// lower case, dropping its spaces and signs; returns whether it had any.
fn push_letters(latin: &str, out: &mut String) -> bool {
    let before = out.len();
    out.extend(
        latin
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|l| l.to_ascii_lowercase()),
    );
    out.len() > before
}

const HANGUL_FIRST: u32 = 0xAC00;
const HANGUL_LAST: u32 = 0xD7A3;
const INITIALS: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];
const MEDIALS: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];
const FINALS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

/// Appends the Revised Romanization of `c` when it is a precomposed Hangul
/// syllable; returns false (appending nothing) otherwise.
fn push_hangul(c: char, out: &mut String) -> bool {
    let Some(Jamo {
        initial,
        vowel,
        last,
    }) = hangul_jamo(c)
    else {
        return false;
    };
    out.push_str(INITIALS[initial]);
    out.push_str(MEDIALS[vowel]);
    out.push_str(FINALS[last]);
    true
}

/// The letters of a precomposed Hangul syllable, as indexes in Unicode
/// order: initial consonant (of 19), vowel (of 21), final consonant (of
/// 28, none first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Jamo {
    pub initial: usize,
    pub vowel: usize,
    pub last: usize,
}

/// The letters of `c` when it is a precomposed Hangul syllable.
pub(crate) fn hangul_jamo(c: char) -> Option<Jamo> {
    if !is_hangul(c) {
        return None;
    }
    let index = (c as u32 - HANGUL_FIRST) as usize;
    Some(Jamo {
        initial: index / (21 * 28),
        vowel: (index % (21 * 28)) / 28,
        last: index % 28,
    })
}

/// BGN/PCGN-style romanization of Russian, Ukrainian and Belarusian
/// letters, lower case.
fn cyrillic(c: char) -> Option<&'static str> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let latin = match lower {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "e",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'і' => "i",
        'ї' => "yi",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' => "",
        'ы' => "y",
        'ь' => "",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        'ђ' => "dj",
        'ј' => "j",
        'љ' => "lj",
        'њ' => "nj",
        'ћ' => "c",
        'џ' => "dz",
        'ѓ' => "gj",
        'ќ' => "kj",
        'ѕ' => "dz",
        'қ' => "k",
        'ғ' => "g",
        'ү' => "u",
        'ұ' => "u",
        'ң' => "n",
        'ө' => "o",
        'һ' => "h",
        'ә' => "a",
        _ => return None,
    };
    Some(latin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_alphanumeric_test_agrees_with_the_standard_one() {
        for code in 0..=0x1_0100 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    /// A name with a letter of Ukrainian's own is read as Ukrainian in
    /// every word: `и` is `y`, `г` is `h`; Russian, Belarusian and Kazakh
    /// names are not.
    #[test]
    fn a_ukrainian_name_is_read_as_ukrainian_in_every_word() {
        assert!(is_ukrainian("Володимир Путін"));
        assert!(!is_ukrainian("Владимир Путин"), "Russian");
        assert!(!is_ukrainian("Уладзімір Пуцін Ўладзь"), "Belarusian ў");
        assert!(!is_ukrainian("Нұрсұлтан Әбішұлы Назарбаев Ілияс"), "Kazakh");
        assert_eq!(to_latin_as("Володимир", false, true), "volodymyr");
        assert_eq!(to_latin_as("Григорович", false, true), "hryhorovych");
        assert_eq!(to_latin("Григорович"), "grigorovich");
    }

    fn words(text: &str) -> Vec<String> {
        to_latin(text)
            .split_whitespace()
            .map(str::to_string)
            .collect()
    }

    /// A Han name of one word of two to four characters is split after
    /// its surname, of one character or two; longer words and names
    /// written in parts are not.
    #[test]
    fn a_han_name_is_split_after_its_surname() {
        assert_eq!(to_latin("李克强"), "li keqiang");
        assert_eq!(to_latin("王毅"), "wang yi");
        assert_eq!(to_latin("欧阳修"), "ouyang xiu");
        assert_eq!(to_latin("華為技術有限公司"), "huaweijishuyouxiangongsi");
        assert_eq!(to_latin("洋 桂英 王"), "yang guiying wang");
        assert_eq!(to_latin_as("李克强", true, false), "likeqiang");
    }

    #[test]
    fn hangul_is_romanized_by_syllable() {
        assert_eq!(words("김상만"), ["gim", "sangman"]);
        assert_eq!(words("김 상만"), ["gim", "sangman"]);
        assert_eq!(words("병철 김"), ["byeongcheol", "gim"]);
        assert_eq!(words("김정은"), ["gim", "jeongeun"]);
        assert_eq!(words("조선광선은행"), ["joseongwangseoneunhaeng"]);
        assert_eq!(words("리"), ["ri"]);
        assert_eq!(words("이"), ["i"]);
    }

    #[test]
    fn cyrillic_uses_the_table() {
        assert_eq!(words("Владимир Путин"), ["vladimir", "putin"]);
        assert_eq!(words("Евгений Пригожин"), ["evgeniy", "prigozhin"]);
        assert_eq!(words("Пхеньян"), ["pkhenyan"]);
        assert_eq!(words("Володимир Зеленський"), ["volodimir", "zelenskiy"]);
    }

    #[test]
    fn han_syllables_join_within_a_word() {
        assert_eq!(words("金正恩"), ["jin", "zhengen"]);
        assert_eq!(words("金正恩日"), ["jin", "zhengenri"]);
        assert_eq!(words("金正恩日成"), ["jinzhengenricheng"]);
        assert_eq!(words("桂珍 红 徐"), ["guizhen", "hong", "xu"]);
    }

    #[test]
    fn arabic_keeps_consonants_and_flags_the_script() {
        assert_eq!(words("محمد بن سلمان"), ["mhmd", "bn", "slmAn"]);
        assert!("محمد".chars().all(is_abjad));
        assert!(!"Mohammed".chars().any(is_abjad));
    }

    #[test]
    fn presentation_forms_are_their_letters() {
        assert_eq!(words("ﺁخوند"), words("آخوند"));
        assert_eq!(words("ﻻﻟﻪ"), words("لاله"));
    }

    #[test]
    fn zero_width_joiners_do_not_split_words() {
        assert_eq!(words("خامنه\u{200C}ای"), ["xAmnhAy"]);
        assert_eq!(words("Ali\u{200D}Reza"), ["alireza"]);
    }

    #[test]
    fn latin_diacritics_and_apostrophes() {
        assert_eq!(
            words("José Müller-Lüdenscheidt"),
            ["jose", "muller", "ludenscheidt"]
        );
        assert_eq!(
            words("‘ABD AL-RAHMAN BIN ‘UMAYR AL-NU’AYMI"),
            ["abd", "al", "rahman", "bin", "umayr", "al", "nuaymi"]
        );
        // Modern Greek values, as Greek passports write names (ELOT 743).
        assert_eq!(words("Αθήνα"), ["athina"]);
        assert_eq!(words("Δημήτρης"), ["dimitris"]);
    }

    #[test]
    fn kana_is_written_in_hepburn() {
        assert_eq!(words("イーゴリ・セーチン"), ["igori", "sechin"]);
        assert_eq!(words("キム・ジョンウン"), ["kimu", "jon", "un"]);
        assert_eq!(words("チェ・ソンヒ"), ["che", "sonhi"]);
        assert_eq!(words("ショイグ"), ["shoigu"]);
        assert_eq!(words("ジャン＝ピエール"), ["jan", "pieru"]);
        assert_eq!(words("ウラジーミル プーチン"), ["urajimiru", "puchin"]);
        assert_eq!(words("ジ"), ["ji"], "one kana alone");
    }

    #[test]
    fn kana_read_as_a_foreign_name() {
        let clipped = |text: &str| to_latin_foreign_kana(text);
        assert_eq!(
            clipped("キム・ジョンウン")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["kim", "jon", "un"]
        );
        assert_eq!(clipped("ゴールド"), "gorud");
        assert_eq!(clipped("ヨンチョル"), "yon chor");
        assert_eq!(
            clipped("イーゴリ・セーチン"),
            to_latin("イーゴリ・セーチン")
        );
        assert_eq!(clipped("Kimu"), "kimu", "only kana words");
        // the article, and a long last vowel, which is the name's own
        assert_eq!(
            clipped("アブー・バクル・アル＝バグダーディー"),
            "abu bakur al bagudadi"
        );
        assert_eq!(clipped("アルカイダ"), "arukaida", "joined: a word");
        assert_eq!(clipped("アル"), "al");
        assert_eq!(clipped("ー"), "", "a long-vowel mark alone writes nothing");
    }

    #[test]
    fn punctuation_separates_words() {
        assert_eq!(words("KIM, Sang-Man."), ["kim", "sang", "man"]);
        assert_eq!(words("MUN CHO'NG-CH'O'L"), ["mun", "chong", "chol"]);
    }
}
