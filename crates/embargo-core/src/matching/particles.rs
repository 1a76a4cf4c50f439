//! The small words of names that join their names rather than being
//! names: the Arabic article and "son of" (`al`, `ad-`, `bin`, `ibn`),
//! and the particles of European names and of organizations' names
//! (`de`, `van`, `of`, `the`). The tokenizer ([`super::tokens`]) marks
//! them so that they weigh little, and writes each of the article's and
//! of "son of"'s spellings one way.

use super::tokens::Token;

/// One spelling for the "son of" and "daughter of" of Arabic and Malay
/// names that romanizations write in other letters: `ibn` is `bin`
/// (`Muhammad ibn Salman`, `Mohammed bin Salman`); `binti` and `bte` are
/// `bint`. `ben` and `bn` differ from `bin` by a vowel, as spellings do,
/// and keep their letters, which a word joined to them writes
/// (`BENHAMMEDI`).
pub(super) fn one_spelling_of_filiation(word: &str) -> Option<&'static str> {
    match word {
        "ibn" => Some("bin"),
        "binti" | "bte" => Some("bint"),
        _ => None,
    }
}

/// The Arabic article as romanizations write it before a word beginning
/// with a sun letter, which it assimilates (`ad-Din`, `ar-Rahman`,
/// `as-Salam`, `ash-Shabab`, `az-Zawahiri`; `ud-Din`, `ed-Din`), with the
/// consonants the next word must begin with: then it is the article
/// `al`, and is written so. `us`, `es`, `en`, `et`, `er` are left alone:
/// they are words of other languages (`US STEEL`). Urdu and Persian
/// write the article `ul` and `ol` before any letter (`Zia ul-Haq`,
/// `Khatam ol-Anbiya`, `Hojjat ol-Eslam`): their consonant is none.
const ASSIMILATED_ARTICLES: &[(&str, &str)] = &[
    ("ad", "d"),
    ("adh", "dh"),
    ("an", "n"),
    ("ar", "r"),
    ("as", "s"),
    ("ash", "sh"),
    ("at", "t"),
    ("ath", "th"),
    ("az", "z"),
    ("ed", "d"),
    ("esh", "sh"),
    ("ez", "z"),
    ("ud", "d"),
    ("ur", "r"),
    ("ush", "sh"),
    ("ut", "t"),
    ("uz", "z"),
    ("ul", ""),
    ("ol", ""),
];

/// Writes each assimilated article ([`ASSIMILATED_ARTICLES`]) before a
/// word of three letters or more beginning with its consonant as `al`,
/// so `Nur ad-Din` is `Nur al-Din`, `az-Zawahiri` is `al-Zawahiri` and
/// `Khatam ol-Anbiya` is `Khatam al-Anbiya`.
pub(super) fn write_assimilated_articles(tokens: &mut [Token]) {
    for at in 1..tokens.len() {
        let (before, after) = tokens.split_at_mut(at);
        let (article, next) = (&mut before[at - 1], &after[0]);
        if next.abjad || article.abjad || next.text.len() < 3 {
            continue;
        }
        let assimilated = ASSIMILATED_ARTICLES.iter().any(|(written, consonant)| {
            article.text == *written && next.text.starts_with(consonant)
        });
        if assimilated {
            article.text = "al".to_string();
        }
    }
}

/// True for a particle: a word that joins the words of a name (`of`,
/// `the`, `de`, `van`, `al`, `bin`), which weighs little.
pub(super) fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "of" | "the"
            | "and"
            | "for"
            | "in"
            | "at"
            | "on"
            | "to"
            | "a"
            | "an"
            | "de"
            | "del"
            | "della"
            | "der"
            | "den"
            | "des"
            | "du"
            | "la"
            | "le"
            | "les"
            | "da"
            | "do"
            | "dos"
            | "das"
            | "di"
            | "van"
            | "von"
            | "y"
            | "e"
            | "et"
            | "und"
            | "al"
            | "el"
            | "ul"
            | "bin"
            | "bn"
            // Arabic ابن (module `translit::abjad`)
            | "Abn"
            // Hebrew בן (module `translit::abjad`)
            | "Bn"
            | "ben"
            | "ibn"
            | "bint"
            | "binti"
            | "bte"
    )
}

/// True for the Arabic article as romanizations write it apart (`AL-QAIDA`,
/// `EL HALIM`, `JAMAAT-UL-AHRAR`).
pub(crate) fn is_article(text: &str) -> bool {
    matches!(text, "al" | "el" | "ul")
}

#[cfg(test)]
mod tests {
    use super::super::tokens::{NameStyle, tokenize};

    fn texts(name: &str, style: NameStyle) -> Vec<String> {
        tokenize(name, style).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn son_of_and_daughter_of_have_one_spelling() {
        for name in ["Muhammad ibn Salman", "Muhammad bin Salman"] {
            assert_eq!(
                texts(name, NameStyle::Person),
                ["muhammad", "bin", "salman"]
            );
        }
        assert_eq!(
            texts("Siti binti Kassim", NameStyle::Person),
            ["siti", "bint", "kassim"]
        );
    }

    #[test]
    fn the_article_of_urdu_and_persian_is_al() {
        assert_eq!(
            texts("Khatam ol-Anbiya", NameStyle::Organization),
            ["khatam", "al", "anbiya"]
        );
        assert_eq!(texts("Zia ul Haq", NameStyle::Person), ["zia", "al", "haq"]);
        assert_eq!(
            texts("Ahmad Ul", NameStyle::Person),
            ["ahmad", "ul"],
            "last"
        );
    }
}
