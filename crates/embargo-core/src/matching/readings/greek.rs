//! A foreign name written in Greek letters, read as the name it writes.
//!
//! Greek has no letters for `b`, `d`, `g` (its `β`, `δ`, `γ` are `v`,
//! `th`, `gh`), `j`, `ch` or `sh`, so the Greek press writes foreign
//! names with digraphs: `μπ` for `b`, `ντ` for `d`, `γκ` for `g`, `τσ`
//! for `ch`, `τζ` for `j`, and `γι` before a vowel for `y`
//! (`Ρομάν Αμπράμοβιτς`, Roman Abramovich; `Γιανουκόβιτς`, Yanukovych;
//! `Πριγκόζιν`, Prigozhin). The default reading
//! ([`super::super::translit::to_latin`]) reads Greek names, where these
//! digraphs inside a word are `mb`, `nd`, `ng`, `ts` and `tz`
//! (`Λάμπρος`, Lambros; `Τσίπρας`, Tsipras); this reading is the other
//! one, screened beside it.

use crate::matching::translit::greek_base;

/// The foreign-name reading of `name`, with its Greek digraphs written
/// as the Latin letters they stand for and every other character left
/// for the default transliteration; `None` when it has none of them.
pub(super) fn foreign_reading(name: &str) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut read = String::with_capacity(name.len());
    let mut changed = false;
    let mut at = 0;
    while at < chars.len() {
        let base = greek_base(chars[at]);
        let next = chars.get(at + 1).map(|&c| greek_base(c));
        let after = chars.get(at + 2).map(|&c| greek_base(c));
        let vowel_before = at > 0 && is_vowel(greek_base(chars[at - 1]));
        let word_start = at == 0 || !chars[at - 1].is_alphabetic();
        let digraph = match (base, next) {
            ('μ', Some('π')) => Some("b"),
            ('ν', Some('τ')) => Some("d"),
            ('γ', Some('κ')) => Some("g"),
            ('τ', Some('σ' | 'ς')) => Some("ch"),
            ('τ', Some('ζ')) => Some("j"),
            // `γι` before a vowel, at the start of a word or after a
            // vowel, is `y` (`Γιάννης`, Yannis; `Γιεβγκένι`, Yevgeni)
            ('γ', Some('ι')) if (word_start || vowel_before) && after.is_some_and(is_vowel) => {
                Some("y")
            }
            _ => None,
        };
        match digraph {
            Some(latin) => {
                read.push_str(latin);
                changed = true;
                at += 2;
            }
            None => {
                read.push(chars[at]);
                at += 1;
            }
        }
    }
    changed.then(|| super::to_latin(&read))
}

/// True for a Greek vowel letter.
fn is_vowel(c: char) -> bool {
    matches!(c, 'α' | 'ε' | 'η' | 'ι' | 'ο' | 'υ' | 'ω')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_names_in_greek_read_as_they_are_written_abroad() {
        for (greek, latin) in [
            ("Ρομάν Αμπράμοβιτς", "roman abramovich"),
            ("Γιανουκόβιτς", "yanoukovich"),
            ("Πριγκόζιν", "prigozin"),
            ("Μιχαήλ Φρίντμαν", "michail fridman"),
            ("Τζο Μπάιντεν", "jo baiden"),
        ] {
            let read = foreign_reading(greek);
            assert_eq!(read.as_deref(), Some(latin), "{greek}");
        }
        assert_eq!(foreign_reading("Παπαδόπουλος"), None, "no digraph");
    }
}
