//! Arabic-script (Arabic, Persian, Urdu, Pashto) and Hebrew letters as
//! the consonant codes skeletons compare ([`super::super::skeleton`]).
//!
//! These scripts write no short vowels and use their long-vowel letters
//! (`ا`, `و`, `ي`; `א`, `ו`, `י`) for vowels and consonants alike, so a
//! word is written as its consonants only: `محمد` → `mhmd`, `أحمد` →
//! `hmd`. Each letter is one code, so that no two letters read as a
//! digraph (`ت` + `ه` is not `ث`): lower case for letters romanized one
//! way, upper case for letters romanizations write differently by
//! language or dialect, which skeletons read every way they are written:
//! `T` (ث: Uthman, Osman), `D` (ذ ض ظ: Dhakir, Zakir, Iraqi Kathim;
//! Ramadan, Ramazan), `Z` (ژ ږ), `J` (ځ), `S` (ش), `C` (چ), `P` (פ: p or
//! f), `E` (ة, ta marbuta: silent, or the `t` of a construct, Nusrat
//! al-Islam); `q` (ق: Qadhafi, Gaddafi) and `j` (ج: Jamal, Gamal) are read
//! two ways too. Alef, ayn and alef maqsura write nothing a romanization
//! reliably has in its consonants; they are written `A`,
//! which skeletons drop but which tells a word that starts or ends with
//! a vowel (`أحمد` → `Ahmd`, Ahmad; `موسى` → `mwsA`, Musa). `و` and `ي`
//! are written `w` and `y`, which skeletons drop; hamza is not written.
//!
//! Hebrew letters whose romanizations differ from the Arabic ones have
//! codes of their own, as Hebrew has no dagesh in everyday writing to tell
//! the two sounds of a letter apart: `B` (ב: b or v, Binyamin, Yaakov),
//! `V` (ו: a vowel, or v, Levi, David), `X` (ח: h, kh or ch, Chaim),
//! `K` (כ ך: k, kh or ch, Mordechai), `W` (ש: sh or s), `c` (צ ץ: s,
//! z, ts or tz: Zvi, Tzvi) and `I` (י: a vowel, or the English j of Benjamin and
//! Jacob).
//!
//! The table follows the letters' standard values (ALA-LC, UNGEGN);
//! harakat, Hebrew points and tatweel write nothing and do not split a
//! word.

/// The code of the article `ال`'s `l` where it starts a word or follows
/// `عبد` (`الحمزي` → `Lhmzy`, `عبدالرحمن` → `bdLrhmn`): romanizations
/// write it apart (`AL-HAMZI`), joined (`Alhamzi`), assimilated
/// (`Abdurrahman`) or not at all (`Hamzi`), so skeletons read it or not.
pub const ARTICLE_CODE: &str = "L";

/// Latin letters of an Arabic-script character; `None` for characters
/// this table does not cover (Hebrew, Syriac, punctuation).
pub fn letter(c: char) -> Option<&'static str> {
    Some(match c {
        // Arabic: alef and its forms, alef maqsura and ayn, which
        // skeletons read as nothing but which say where a romanization
        // writes a vowel (`A`); hamza on its own or on a seat of waw or
        // ya
        'ا' | 'أ' | 'إ' | 'آ' | 'ٱ' | 'ى' | 'ع' => "A",
        'ء' | 'ئ' | 'ؤ' => "",
        // ta marbuta: silent in a word alone (Jamaa, Hamza), `t` in the
        // first word of a construct (Jamaat al-, Nusrat al-, Asbat al-)
        'ة' | 'ۃ' => "E",
        'ب' | 'پ' => "b",
        'ت' | 'ط' | 'ٹ' | 'ټ' => "t",
        'ث' => "T",
        'ج' => "j",
        'چ' => "C",
        'ح' | 'ه' | 'ۀ' => "h",
        // Urdu do-chashmi he, the aspiration of the consonant before it,
        // which romanizations write as a digraph (ڈھاکہ, Dhaka), and gol
        // he, which they write where it is heard (چوہدری, Chaudhry)
        'ھ' | 'ہ' => "H",
        'خ' => "x",
        'د' | 'ڈ' | 'ډ' => "d",
        'ذ' | 'ض' | 'ظ' => "D",
        'ر' | 'ڑ' | 'ړ' => "r",
        'ز' => "z",
        'ژ' | 'ږ' => "Z",
        'س' | 'ص' | 'څ' => "s",
        'ش' | 'ښ' => "S",
        'ځ' => "J",
        // `ګ` is the Pashto gaf, `ڨ` the Maghrebi g
        'غ' | 'گ' | 'ګ' | 'ڨ' => "g",
        'ف' | 'ڤ' => "f",
        'ق' => "q",
        'ك' | 'ک' => "k",
        'ل' => "l",
        'م' => "m",
        'ن' | 'ں' | 'ڼ' => "n",
        'و' => "w",
        'ي' | 'ی' | 'ې' | 'ۍ' | 'ے' => "y",
        // harakat, superscript alef, tatweel
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => "",
        // Hebrew
        'א' | 'ע' => "A",
        'ב' => "B",
        'ג' => "g",
        'ד' => "d",
        'ה' => "h",
        'ח' => "X",
        'ו' => "V",
        'ז' => "z",
        'ט' | 'ת' => "t",
        'י' => "I",
        'כ' | 'ך' => "K",
        'ל' => "l",
        'מ' | 'ם' => "m",
        'נ' | 'ן' => "n",
        'ס' => "s",
        'צ' | 'ץ' => "c",
        'פ' | 'ף' => "P",
        'ק' => "q",
        'ר' => "r",
        'ש' => "W",
        // Hebrew points
        '\u{05B0}'..='\u{05C7}' => "",
        _ => return None,
    })
}

/// True for the letters this table reads.
pub(crate) fn is_arabic_letter(c: char) -> bool {
    letter(c).is_some_and(|latin| !latin.is_empty())
        || matches!(c, 'ا' | 'أ' | 'إ' | 'آ' | 'ٱ' | 'ء' | 'ئ' | 'ؤ' | 'ى' | 'ع')
}

/// Splits an Arabic-script word before and after its article `ال`
/// where the article starts it or follows the first name of a compound
/// (two letters or more: `عبد`, `نور`, `شمس`, `صلاح`), and at least three
/// letters follow (`الحمزي` → `ال`, `حمزي`; `عبدالرحمن` → `عبد`, `ال`,
/// `رحمن`; `نورالدين` → `نور`, `ال`, `دين`, which romanizations write
/// Nur al-Din, Nuruddin, Nooruddin). A rest of two letters is split off
/// where the article starts the word or follows `عبد` (`الحق`, `عبدالحی`:
/// al-Haq, Abdul Hai), unless it starts with `ل`: `الله`, `عبدالله`,
/// `نصرالله` (Allah, Abdullah, Nasrallah) keep their article, as does a
/// two-letter rest after another first name. An `ا` and `ل` after a
/// single letter are the word's own (`خالد`, `صالح`).
pub(crate) fn split_article(word: &str) -> Vec<&str> {
    let mut pieces = Vec::with_capacity(3);
    let mut rest = word;
    let mut min_rest = SHORT_REST_LETTERS;
    if let Some(at) = compound_article(rest) {
        if &rest[..at] != "عبد" {
            min_rest = LONG_REST_LETTERS;
        }
        pieces.push(&rest[..at]);
        rest = &rest[at..];
    }
    if let Some(after) = article_rest(rest, min_rest) {
        pieces.push(&rest[..rest.len() - after.len()]);
        rest = after;
    }
    pieces.push(rest);
    pieces
}

/// Where the article of a compound name starts inside `word`: the first
/// `ال` after two letters or more that [`article_rest`] accepts.
fn compound_article(word: &str) -> Option<usize> {
    let mut letters_before = 0;
    for (at, c) in word.char_indices() {
        let min_rest = if &word[..at] == "عبد" {
            SHORT_REST_LETTERS
        } else {
            LONG_REST_LETTERS
        };
        if letters_before >= 2 && article_rest(&word[at..], min_rest).is_some() {
            return Some(at);
        }
        if is_arabic_letter(c) {
            letters_before += 1;
        }
    }
    None
}

/// Fewest letters after the article of a word or of `عبد` that are a name
/// of their own (`الحق`, `عبدالحی`).
const SHORT_REST_LETTERS: usize = 2;
/// Fewest letters after the article inside another compound
/// (`نورالدين`), where two could be the word's own letters.
const LONG_REST_LETTERS: usize = 3;

/// The code of the conjunction `و` (wa-, "and") written as a word of its
/// own or split off the word it is joined to (`after_conjunction`).
pub const CONJUNCTION_CODE: &str = "w";

/// The word after the conjunction `و` (wa-, "and") that Arabic writes
/// joined to it, where the article and at least three letters follow
/// (`والشام`, wa-l-Sham, "and the Levant"; `والجهاد`): `None` for any
/// other word, and for a name that begins with the same letters (`والي`,
/// Wali; `والد`).
pub(crate) fn after_conjunction(word: &str) -> Option<&str> {
    let rest = word.strip_prefix('و')?;
    article_rest(rest, LONG_REST_LETTERS).map(|_| rest)
}

/// The word after its leading article `ال`, when at least `min_letters`
/// letters follow it, and three when they start with `ل` (`الله`).
fn article_rest(word: &str, min_letters: usize) -> Option<&str> {
    let rest = word.strip_prefix("ال")?;
    let min_letters = if rest.starts_with('ل') {
        LONG_REST_LETTERS
    } else {
        min_letters
    };
    (rest.chars().filter(|&c| is_arabic_letter(c)).count() >= min_letters).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latin(word: &str) -> String {
        word.chars().filter_map(letter).collect()
    }

    #[test]
    fn the_conjunction_joined_to_an_article_is_split_off() {
        assert_eq!(after_conjunction("والشام"), Some("الشام"));
        assert_eq!(after_conjunction("والجهاد"), Some("الجهاد"));
        for word in ["والي", "والد", "وليد", "الشام", "و", "وال", ""] {
            assert_eq!(after_conjunction(word), None, "{word}");
        }
    }

    #[test]
    fn letters_are_written_as_consonants() {
        assert_eq!(latin("محمد"), "mhmd");
        assert_eq!(latin("أحمد"), "Ahmd", "alef: a vowel");
        assert_eq!(latin("عثمان"), "ATmAn");
        assert_eq!(latin("فيض"), "fyD");
        assert_eq!(latin("ځدران"), "JdrAn");
        assert_eq!(latin("طاهر"), "tAhr");
        assert_eq!(latin("طهر"), "thr", "two letters, not a digraph");
        assert_eq!(latin("مُحَمَّد"), "mhmd", "harakat write nothing");
    }

    #[test]
    fn the_article_is_split_before_long_words_only() {
        assert_eq!(split_article("الحمزي"), ["ال", "حمزي"]);
        assert_eq!(split_article("عبدالرحمن"), ["عبد", "ال", "رحمن"]);
        assert_eq!(split_article("الله"), ["الله"]);
        assert_eq!(split_article("عبدالله"), ["عبدالله"]);
        assert_eq!(split_article("علي"), ["علي"]);
        assert_eq!(split_article("نورالدين"), ["نور", "ال", "دين"]);
        assert_eq!(split_article("شمسالدين"), ["شمس", "ال", "دين"]);
        assert_eq!(split_article("نصرالله"), ["نصرالله"]);
        // an alef and lam of the word itself
        assert_eq!(split_article("خالد"), ["خالد"]);
        assert_eq!(split_article("جلال"), ["جلال"]);
        assert_eq!(split_article("الهلالي"), ["ال", "هلالي"]);
        // two letters after the article of a word or of `عبد`
        assert_eq!(split_article("الحق"), ["ال", "حق"]);
        assert_eq!(split_article("عبدالحی"), ["عبد", "ال", "حی"]);
        assert_eq!(split_article("جمالزی"), ["جمالزی"]);
    }
}
