//! The common words of organizations' names written in Arabic script
//! (Arabic, Persian, Urdu, Pashto), met by the English word the lists
//! write for them: `الجماعة الاسلامية المسلحة` is the ARMED ISLAMIC GROUP,
//! `شرکت ملی نفت ایران` the NATIONAL IRANIAN OIL COMPANY.
//!
//! A romanized word of these names (`JAYSH`, `HARAKAT`) meets its script
//! by its consonants (module `skeleton`), and its English word through
//! `org_translations`. A name the lists give only in English meets its
//! script only through the meaning of its words: each word here is read
//! as the English word that translates it ([`english_of_script_word`]),
//! one more way for two words to agree, as `org_translations` gives for
//! romanized ones. The words are those of the kind of body, its trade,
//! its cause and its country, as armed groups, charities, exchange
//! houses and state companies name themselves; each is written in its
//! forms with and without the feminine ending (`اسلامي`, `اسلامية`) and
//! in Arabic and Persian spelling (`شبكة`, `شبکه`). The article `ال` is
//! read apart before this (`abjad::split_article`).

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use super::tokens::{Token, TokenKind};

/// Each English word with the Arabic-script words that translate it.
/// The English word is one `org_translations::english_key` knows, so
/// both sides of a pair read one key.
const SCRIPT_TRANSLATIONS: &[(&str, &[&str])] = &[
    ("group", &["جماعة", "جماعه", "مجموعة", "مجموعه"]),
    (
        "islamic",
        &[
            "اسلامي",
            "اسلامية",
            "اسلامی",
            "اسلاميه",
            "إسلامي",
            "إسلامية",
            "الاسلامي",
        ],
    ),
    ("armed", &["مسلحة", "مسلح", "مسلحه"]),
    ("fighting", &["مقاتلة", "مقاتله", "المقاتلة"]),
    ("army", &["جيش", "جیش"]),
    ("emigrants", &["مهاجرين", "مهاجرین", "مھاجرین", "المهاجرين"]),
    ("supporters", &["انصار", "أنصار"]),
    ("society", &["جمعية", "جمعيه", "جمعیت"]),
    ("revival", &["احياء", "إحياء"]),
    ("heritage", &["تراث"]),
    ("peninsula", &["جزيرة", "جزیره"]),
    ("arabian", &["عرب", "العرب", "عربية", "عربي"]),
    ("front", &["جبهة", "جبهه"]),
    ("people", &["اهل", "أهل"]),
    ("levant", &["شام", "الشام"]),
    ("movement", &["حركة", "حرکت", "حركه"]),
    ("unification", &["توحيد", "توحید"]),
    ("west", &["غرب"]),
    ("africa", &["افريقيا", "إفريقيا", "أفريقيا"]),
    ("office", &["مكتب", "مکتب", "دفتر"]),
    ("exchange", &["صرافة", "صرافی", "صرافي", "صرافه"]),
    ("state", &["دولة", "دوله", "دولت"]),
    ("network", &["شبكة", "شبکه", "شبكه", "شبکة"]),
    ("organization", &["تنظيم", "تنظیم", "سازمان", "منظمة"]),
    ("guard", &["حرس", "الحرس", "پاسداران"]),
    ("revolutionary", &["ثوري", "الثوري", "انقلاب", "انقلابی"]),
    ("national", &["ملي", "ملی", "وطني", "وطنية"]),
    ("oil", &["نفط", "نفت"]),
    ("bank", &["بنك", "بانک", "مصرف"]),
    ("foundation", &["بنیاد", "مؤسسة", "مؤسسه"]),
    ("brigades", &["كتائب"]),
    ("brigade", &["لواء"]),
    ("party", &["حزب"]),
    ("iraq", &["عراق", "العراق"]),
    ("yemen", &["يمن", "اليمن", "یمن"]),
    ("libya", &["ليبيا", "لیبی"]),
    ("libyan", &["ليبية", "الليبية"]),
    ("tunisian", &["تونسية", "التونسية"]),
    ("moroccan", &["مغربية", "المغربية"]),
    ("egyptian", &["مصري", "المصري"]),
    ("iran", &["ايران", "ایران", "إيران"]),
    ("syria", &["سوريا", "سوریه"]),
    ("afghanistan", &["افغانستان"]),
    ("pakistan", &["پاکستان", "باكستان"]),
    ("in", &["في"]),
    ("and", &["و"]),
    ("of", &["من"]),
];

/// The English key (`org_translations::english_key`) of a word of
/// Arabic script given as its transliteration code (`super::translit`),
/// without the article; `None` for words not in [`SCRIPT_TRANSLATIONS`].
pub(crate) fn english_of_script_word(code: &str) -> Option<&'static str> {
    static KEYS: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        table_of_codes(
            SCRIPT_TRANSLATIONS,
            |english| super::org_translations::english_key(english).unwrap_or(english),
            strip_article,
        )
    });
    keys.get(strip_article(code)).copied()
}

/// The words of `entries` as their transliteration codes (read through
/// `code_of`), each with the value `value_of` gives its entry's head.
fn table_of_codes(
    entries: &'static [(&'static str, &'static [&'static str])],
    value_of: fn(&'static str) -> &'static str,
    code_of: fn(&str) -> &str,
) -> HashMap<String, &'static str> {
    let mut table = HashMap::default();
    for &(head, words) in entries {
        let value = value_of(head);
        for word in words {
            let code = super::translit::to_latin(word);
            table.insert(code_of(&code).to_string(), value);
        }
    }
    table
}

/// The legal forms of organizations written in Arabic script, with the
/// symbol of module `legal_forms` each stands for (`شركة`, `شرکت`:
/// company, `co`).
const SCRIPT_LEGAL_FORMS: &[(&str, &[&str])] = &[("co", &["شركة", "شركه", "شرکت", "شركت"])];

/// The legal-form symbol a word of Arabic script (as its code) stands
/// for, if it is one ([`SCRIPT_LEGAL_FORMS`]).
fn legal_form_of_script_word(code: &str) -> Option<&'static str> {
    static SYMBOLS: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let symbols =
        SYMBOLS.get_or_init(|| table_of_codes(SCRIPT_LEGAL_FORMS, |symbol| symbol, |code| code));
    symbols.get(code).copied()
}

/// Writes each legal form of an organization's name in Arabic script as
/// the legal form's symbol (`شرکت ملی نفت ایران`: `co`, then the words),
/// so that it pairs with the form the lists write in English and weighs
/// as a form, not as a word of the body's own.
pub(crate) fn read_script_legal_forms(tokens: &mut [Token]) {
    for token in tokens.iter_mut().filter(|token| token.abjad) {
        if let Some(symbol) = legal_form_of_script_word(&token.text) {
            token.text = symbol.to_string();
            token.kind = TokenKind::LegalForm;
            token.abjad = false;
        }
    }
}

/// A code without the article's code in front (`Lhrs`: `hrs`), or the
/// code itself when the rest would be too short to be a word.
fn strip_article(code: &str) -> &str {
    match code.strip_prefix(super::translit::abjad::ARTICLE_CODE) {
        Some(rest) if rest.len() >= 2 => rest,
        _ => code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::tokens::{NameStyle, tokenize};

    fn key(word: &str) -> Option<&'static str> {
        let tokens = tokenize(word, NameStyle::Organization);
        english_of_script_word(&tokens.first()?.text)
    }

    #[test]
    fn script_words_read_as_the_english_the_lists_write() {
        assert_eq!(key("الجماعة"), Some("group"));
        assert_eq!(key("الاسلامية"), Some("islamic"));
        assert_eq!(key("شبکه"), Some("network"));
        assert_eq!(
            key("ایران"),
            super::super::org_translations::english_key("iran")
        );
        assert_eq!(key("محمد"), None);
    }

    #[test]
    fn every_english_word_has_a_key_of_its_own() {
        for (english, _) in SCRIPT_TRANSLATIONS {
            assert!(
                super::super::org_translations::english_key(english).is_some(),
                "{english}"
            );
        }
    }
}
