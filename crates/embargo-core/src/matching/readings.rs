//! Other Latin readings of a name, for texts that have more than one.
//!
//! [`super::translit::to_latin`] gives every text one reading. Some texts
//! are read otherwise by the people they name, and the lists write them
//! that other way:
//! * Han characters: pinyin by default (`金正恩` → `jin zhengen`), but a
//!   Korean name in Hanja reads in Sino-Korean (`gim jeong eun`, Kim Jong
//!   Un), from a Korean Hanja dictionary (module `hanja`);
//! * Korean names in Cyrillic (`Ким Чен Ын`), written by Russian rules
//!   that the Russian table reads as `kim chen yn` (module `kontsevich`);
//! * kana read as a foreign name: without the vowel Japanese adds after a
//!   final consonant (`キム` = `kimu` for Kim), a word break after each
//!   `ン`, and `n` or `ng` for it where the words are as short as Korean
//!   ones (`キム・ジョンウン` → `kim jong un`); and, for a Western name,
//!   each word whole without the vowels Japanese adds inside it
//!   (`アレクサンドル` → `areksandr`, Alexander);
//! * a foreign name in Greek letters, whose digraphs write the letters
//!   Greek lacks (`Αμπράμοβιτς` → `abramovich`, not `ampramovits`;
//!   module `greek`);
//! * a foreign name in Hangul, without the vowel Korean adds after a
//!   consonant, with `b`/`p` and with `v`/`f` (`블라디미르 푸틴` →
//!   `vladimir putin`; module `hangul`);
//! * the hushing consonants of Slavic and Baltic Latin alphabets (`ż`,
//!   `ž`, `š`, `č`), which the default reading writes without their
//!   marks, as lists of ASCII names do (Prigozyn), and English
//!   transliterations write `zh`, `sh`, `ch` (Prigożyn, Prigozhin;
//!   Lukašenka, Lukashenka).
//!
//! `alternative_readings` returns those other readings for a query
//! name; the screener screens each and keeps an entity's best score.

mod greek;
mod hangul;
mod hanja;
mod kontsevich;

use super::translit::{push_latin, to_latin, to_latin_foreign_kana};

/// Most alternative readings returned for one name.
pub const MAX_READINGS: usize = 4;
/// Longest name, in characters, that alternative readings are looked for
/// in: names are shorter, and the cost stays bounded for any input.
pub const MAX_NAME_CHARS: usize = 64;
/// Longest reading returned, in bytes.
pub const MAX_READING_BYTES: usize = 256;

/// True when `name` has Han or Hangul characters: its Latin readings
/// ([`to_latin`], [`alternative_readings`]) read characters, syllable by
/// syllable, so a reading that differs from a listed word by a letter is
/// another character's, not a misspelling
/// ([`super::prepare::PreparedName::syllabic`]).
pub(crate) fn is_syllabic_script(name: &str) -> bool {
    !name.is_ascii() && name.chars().any(|c| hanja::is_han(c) || is_hangul(c))
}

/// True for Hangul syllables ([`super::translit::is_hangul`]) and jamo.
fn is_hangul(c: char) -> bool {
    super::translit::is_hangul(c) || matches!(c as u32, 0x1100..=0x11FF | 0x3130..=0x318F)
}

/// The other full readings of `name` that should be screened besides its
/// default one ([`to_latin`]): lower-case Latin words separated by single
/// spaces, at most [`MAX_READINGS`], each at most [`MAX_READING_BYTES`]
/// long, none equal to the default reading. Empty for a name with one
/// reading, and for every ASCII name (without allocating), and for names
/// longer than [`MAX_NAME_CHARS`].
pub(crate) fn alternative_readings(name: &str) -> Vec<String> {
    if name.is_ascii() || name.chars().nth(MAX_NAME_CHARS).is_some() {
        return Vec::new();
    }
    let (mut han, mut kana, mut cyrillic, mut hushing) = (false, false, false, false);
    let (mut greek_letters, mut hangul) = (false, false);
    for c in name.chars() {
        hangul |= super::translit::is_hangul(c);
        han |= hanja::is_han(c);
        greek_letters |= super::translit::is_greek(c);
        kana |= matches!(c as u32, 0x3041..=0x30FF);
        cyrillic |= matches!(c as u32, 0x0400..=0x04FF);
        hushing |= hushing_digraph(c).is_some();
    }
    let mut found = Vec::new();
    if hushing {
        found.push(hushing_reading(name));
    }
    if cyrillic {
        found.extend(kontsevich::readings(name));
        found.extend(cyrillic_h_reading(name));
    }
    if han {
        found.extend(sino_korean(name));
    }
    if greek_letters {
        found.extend(greek::foreign_reading(name));
    }
    if hangul {
        found.extend(hangul::foreign_readings(name));
    }
    if kana {
        found.extend(final_n_choices(&to_latin_foreign_kana(name)));
        let whole = to_latin(name);
        let western = western_kana(&whole);
        found.extend(russian_kana(western.as_deref().unwrap_or(&whole)));
        found.extend(western);
    }
    if found.is_empty() {
        return found;
    }
    let default = words(&to_latin(name));
    let mut readings: Vec<String> = Vec::with_capacity(found.len().min(MAX_READINGS));
    for reading in found {
        let reading = words(&reading);
        if readings.len() < MAX_READINGS
            && !reading.is_empty()
            && reading.len() <= MAX_READING_BYTES
            && reading != default
            && !readings.contains(&reading)
        {
            readings.push(reading);
        }
    }
    readings
}

/// `name` (with Cyrillic) with its `х` read `h`: Russian writes the `h` of
/// Arabic, Persian and Western names with `х` (Хасан, Hasan; Хезболла,
/// Hezbollah; Хусейн, Hussein), which the default reading writes `kh`, as
/// in Russian names (Ходорковский, Khodorkovsky). `None` without an `х`.
fn cyrillic_h_reading(name: &str) -> Option<String> {
    if !name.contains(['х', 'Х']) {
        return None;
    }
    let read: String = name
        .chars()
        .map(|c| match c {
            'х' => 'h',
            'Х' => 'H',
            other => other,
        })
        .collect();
    Some(to_latin(&read))
}

/// How English writes the hushing consonant `c` of a Slavic or Baltic
/// Latin alphabet.
fn hushing_digraph(c: char) -> Option<&'static str> {
    match c {
        'ż' | 'Ż' | 'ž' | 'Ž' => Some("zh"),
        'š' | 'Š' => Some("sh"),
        'č' | 'Č' => Some("ch"),
        _ => None,
    }
}

/// `name` read with its hushing consonants written as English writes
/// them ([`hushing_digraph`]).
fn hushing_reading(name: &str) -> String {
    let mut spelled = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        match hushing_digraph(c) {
            Some(digraph) => spelled.push_str(digraph),
            None => spelled.push(c),
        }
    }
    to_latin(&spelled)
}

/// `reading` (a name with kana, read whole) as a Western name written in
/// katakana: each word without the vowels Japanese adds
/// (`translit::strip_inner_epenthetic`); `None` when no
/// word has any.
fn western_kana(reading: &str) -> Option<String> {
    let mut changed = false;
    let words: Vec<String> = reading
        .split_whitespace()
        .map(|word| match super::translit::strip_inner_epenthetic(word) {
            Some(stripped) => {
                changed = true;
                stripped
            }
            None => word.to_string(),
        })
        .collect();
    changed.then(|| words.join(" "))
}

/// `reading` (a Western reading of kana) as Japanese writes Russian names:
/// `ti` and `di` as `チ` and `ジ` (`chi`, `ji`: プーチン, Putin), `Vl`
/// at the start as `ウラ` (`ura`: ウラジーミル, Vladimir), and `v` as the
/// `b` of `バ`-`ボ` (ラブロフ, Lavrov; ボルコフ, Volkov), which
/// Japanese does not tell apart; `None` when no word has any. The Western
/// reading, with its `b`s, is kept beside it (ブッシュ, Bush).
fn russian_kana(reading: &str) -> Option<String> {
    let mut changed = false;
    let words: Vec<String> = reading
        .split_whitespace()
        .map(|word| {
            let mut russian = match word.strip_prefix("ura") {
                Some(rest) => format!("vla{rest}"),
                None => word.to_string(),
            };
            russian = russian
                .replace("chi", "ti")
                .replace("ji", "di")
                .replace('b', "v");
            changed |= russian != word;
            russian
        })
        .collect();
    changed.then(|| words.join(" "))
}

/// `reading` with each of its first two words ending in `n` read with `n`
/// and with `ng`, when every word has at most two syllables, as Korean
/// names do: katakana, like Kontsevich's Cyrillic, writes the Korean
/// finals ㄴ and ㅇ alike (`ジョン` is Jong, `ウン` is Un). The reading as
/// it is comes first, then the first such word changed, the second, both.
fn final_n_choices(reading: &str) -> Vec<String> {
    let words: Vec<&str> = reading.split_whitespace().collect();
    let korean_shape = words.iter().all(|word| syllables(word) <= 2);
    let open: Vec<usize> = (0..words.len())
        .filter(|&w| korean_shape && words[w].len() > 1 && words[w].ends_with('n'))
        .take(2)
        .collect();
    (0..1usize << open.len())
        .map(|mask| {
            let mut out = String::with_capacity(reading.len() + 4);
            for (w, word) in words.iter().enumerate() {
                if w > 0 {
                    out.push(' ');
                }
                out.push_str(word);
                if open
                    .iter()
                    .position(|&o| o == w)
                    .is_some_and(|bit| mask >> bit & 1 == 1)
                {
                    out.push('g');
                }
            }
            out
        })
        .collect()
}

/// Number of vowel groups in a romanized word.
fn syllables(word: &str) -> usize {
    let vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u');
    let bytes = word.as_bytes();
    (0..bytes.len())
        .filter(|&at| vowel(bytes[at]) && (at == 0 || !vowel(bytes[at - 1])))
        .count()
}

/// The words of `text` separated by single spaces.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sino-Korean readings of the Han characters in `name`, one word per
/// character: every character in its first reading, then, for each
/// character read two ways, the reading with that one character changed.
/// The first Han character is read as a surname.
fn sino_korean(name: &str) -> Vec<String> {
    let mut choices: Vec<(char, Vec<char>)> = Vec::with_capacity(name.len() / 3);
    let mut first_han = true;
    for c in name.chars() {
        let readings = if hanja::is_han(c) {
            let found = hanja::readings(c, first_han);
            first_han = false;
            found
        } else {
            Vec::new()
        };
        choices.push((c, readings));
    }
    let ambiguous: Vec<usize> = (0..choices.len())
        .filter(|&at| choices[at].1.len() > 1)
        .collect();
    let write = |changed: Option<usize>| {
        let mut out = String::with_capacity(name.len() * 2);
        for (at, (c, readings)) in choices.iter().enumerate() {
            let pick = usize::from(changed == Some(at));
            match readings.get(pick) {
                Some(&syllable) => {
                    out.push(' ');
                    push_latin(syllable, &mut out);
                    out.push(' ');
                }
                None if hanja::is_han(*c) => {
                    out.push(' ');
                    push_latin(*c, &mut out);
                    out.push(' ');
                }
                None => push_latin(*c, &mut out),
            }
        }
        out
    };
    std::iter::once(None)
        .chain(ambiguous.into_iter().map(Some))
        .take(MAX_READINGS)
        .map(write)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_names_in_hanja_read_in_sino_korean() {
        let kim = alternative_readings("金正恩");
        assert_eq!(kim[0], "gim jeong eun", "{kim:?}");
        assert_eq!(kim.len(), 2, "and 金 as geum: {kim:?}");
        assert_eq!(alternative_readings("金相萬")[0], "gim sang man");
        assert_eq!(alternative_readings("崔龍海")[0], "choe ryong hae");
        assert_eq!(alternative_readings("李 明博")[0], "ri myeong bak");
        assert!(alternative_readings("朴槿惠").contains(&"bak geun hye".to_string()));
    }

    #[test]
    fn pinyin_stays_the_default_reading() {
        assert_eq!(to_latin("金正恩"), "jin zhengen");
        assert!(!alternative_readings("金正恩").contains(&"jin zhengen".to_string()));
    }

    #[test]
    fn korean_names_in_cyrillic_read_in_latin() {
        let kim = alternative_readings("Ким Чен Ын");
        assert!(kim.contains(&"kim chong un".to_string()), "{kim:?}");
        assert!(alternative_readings("КИМ, Сан Ман").contains(&"kim sang man".to_string()));
        assert!(alternative_readings("Владимир Путин").is_empty());
    }

    #[test]
    fn slavic_hushing_consonants_read_as_english_writes_them() {
        assert_eq!(
            alternative_readings("Jewgienij Prigożyn"),
            ["jewgienij prigozhyn"]
        );
        assert_eq!(alternative_readings("Lukašenka"), ["lukashenka"]);
        assert!(alternative_readings("Łukaszenka").is_empty());
    }

    #[test]
    fn kana_read_as_a_foreign_name() {
        assert_eq!(
            alternative_readings("キム・ジョンウン"),
            ["kim jon un", "kim jong un", "kim jon ung", "kim jong ung"]
        );
        assert!(alternative_readings("キム・サンマン").contains(&"kim sang man".to_string()));
        assert_eq!(
            alternative_readings("セルゲイ・ショイグ"),
            ["serugei shoig", "sergei shoig"]
        );
        assert!(
            alternative_readings("アレクサンドル・ルカシェンコ")
                .contains(&"areksandr rukashenko".to_string())
        );
        assert_eq!(
            alternative_readings("キム・ヨジョン"),
            ["kim yojon", "kim yojong"]
        );
        assert_eq!(
            alternative_readings("イーゴリ・セーチン"),
            ["igori setin"],
            "no added vowel; チ read as Russian ти too"
        );
    }

    #[test]
    fn kana_read_as_japanese_writes_russian_names() {
        let putin = alternative_readings("ウラジーミル・プーチン");
        assert!(putin.contains(&"vladimir putin".to_string()), "{putin:?}");
        let hasan = alternative_readings("Хасан Насралла");
        assert!(hasan.contains(&"hasan nasralla".to_string()), "{hasan:?}");
        let lavrov = alternative_readings("セルゲイ・ラブロフ");
        assert!(lavrov.contains(&"sergei ravrof".to_string()), "{lavrov:?}");
        let bush = alternative_readings("ジョージ・ブッシュ");
        assert!(bush.contains(&"joji bussh".to_string()), "{bush:?}");
    }

    #[test]
    fn one_reading_names_have_none() {
        assert!(alternative_readings("Kim Jong Un").is_empty());
        assert!(alternative_readings("김정은").is_empty());
        assert!(alternative_readings("José Müller").is_empty());
        assert!(alternative_readings("").is_empty());
    }

    #[test]
    fn bounded_for_any_input() {
        let long = "金".repeat(MAX_NAME_CHARS + 1);
        assert!(alternative_readings(&long).is_empty());
        let many = "金龍李樂金龍李樂金龍李樂";
        let found = alternative_readings(many);
        assert!(found.len() <= MAX_READINGS);
        assert!(found.iter().all(|r| r.len() <= MAX_READING_BYTES));
        let expanding = "\u{FDFA}".repeat(MAX_NAME_CHARS);
        assert!(
            alternative_readings(&expanding).is_empty(),
            "no script with readings"
        );
        for name in ["ッ", "ー", "ャ", "・", "Ким", "金", "ゝ金Ч"] {
            assert!(alternative_readings(name).len() <= MAX_READINGS);
        }
    }
}
