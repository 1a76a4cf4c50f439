//! Titles and honorifics in front of a person's name (`President`,
//! `Ayatollah`, `Dr`, `General`, `Президент`, `الشيخ`), and the
//! generation after it (`Jr`, `Sr`, `III`), which are never a name of
//! their own: the tokenizer drops them ([`drop_leading_titles`],
//! [`drop_generations`]) whenever a name remains.

use super::tokens::Token;

/// Honorifics and titles that are never a name of their own, in the
/// languages of the lists and their readers (after transliteration:
/// `Präsident` → `prasident`, `Президент` → `prezident`): dropped from the
/// front of a person's name whenever a word remains (`President
/// Lukashenko`, `Ayatollah Khamenei`, `His Excellency Bashar al-Assad`:
/// the possessive of a form of address is part of it).
fn is_honorific(word: &str) -> bool {
    matches!(
        word,
        "mr" | "mrs"
            | "ms"
            | "mme"
            | "mlle"
            | "mx"
            | "dr"
            | "prof"
            | "professor"
            | "mister"
            | "monsieur"
            | "madame"
            | "herr"
            | "frau"
            | "senor"
            | "senora"
            | "gospodin"
            | "gospozha"
            | "sheikh"
            | "shaikh"
            | "shaykh"
            | "sheik"
            // Bengali and Urdu শেখ, شیخ as Indian romanizations write it
            | "shekh"
            | "cheikh"
            | "scheich"
            | "haji"
            | "hajji"
            | "hadji"
            | "alhaji"
            | "alhaj"
            | "alhajj"
            | "qari"
            | "daw"
            | "mawlana"
            | "mullah"
            | "mulla"
            | "maulana"
            | "maulvi"
            | "maulavi"
            | "mawlawi"
            | "mawlavi"
            | "moulvi"
            | "moulavi"
            | "molvi"
            | "mufti"
            | "ayatollah"
            | "ayatullah"
            | "ajatollah"
            | "ayatolla"
            | "hojatoleslam"
            | "hojjatoleslam"
            | "president"
            | "presidente"
            | "prasident"
            | "praesident"
            | "prezident"
            | "prezydent"
            | "elnok"
            | "presidentti"
            | "premier"
            | "his"
            | "her"
            | "excellency"
            | "highness"
            | "majesty"
            | "holiness"
            | "eminence"
            | "honourable"
            | "honorable"
            | "senator"
            | "comrade"
            | "tovarishch"
            | "marshal"
            | "generalissimo"
    )
}

/// The same honorifics in Arabic script (Arabic, Persian, Pashto, Urdu
/// spellings), as words of the script are written after transliteration:
/// Haji, al-Hajj, Mullah, Mawlawi, Mawlana, Sheikh, Mufti, Qari, Doctor.
const SCRIPT_HONORIFICS: [&str; 23] = [
    "حاجي",
    "حاجی",
    "حاجى",
    "حاج",
    "الحاج",
    "الحاجي",
    "ملا",
    "ملاّ",
    "مولوي",
    "مولوی",
    "مولوى",
    "مولانا",
    "شيخ",
    "شیخ",
    "الشيخ",
    "مفتي",
    "مفتی",
    "قاري",
    "قاری",
    "قارى",
    "دكتور",
    "دکتر",
    "الدكتور",
];

/// True for a word of Arabic script that is one of [`SCRIPT_HONORIFICS`].
fn is_script_honorific(codes: &str) -> bool {
    static CODES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        let mut tokens = Vec::new();
        for title in SCRIPT_HONORIFICS {
            super::tokens::push_transliterated(title, Default::default(), &mut tokens);
        }
        tokens.into_iter().map(|token| token.text).collect()
    });
    CODES.iter().any(|known| known == codes)
}

/// Ranks and offices that also begin names of organizations (`General
/// Bureau`, `Minister of Defence`): dropped from the front of a name only
/// while two words remain after them.
fn is_rank(word: &str) -> bool {
    matches!(
        word,
        "sir"
            | "dame"
            | "lord"
            | "lady"
            | "general"
            | "gen"
            | "colonel"
            | "col"
            | "major"
            | "maj"
            | "captain"
            | "capt"
            | "lieutenant"
            | "lt"
            | "brigadier"
            | "admiral"
            | "minister"
            | "prince"
            | "princess"
            | "emir"
            | "king"
            | "imam"
            | "doctor"
    )
}

/// Words that make a rank of the rank or honorific after them (`Vice
/// Admiral`, `Field Marshal`, `Air Chief Marshal`, `Senior General`,
/// `Prime Minister`, `Staff Sergeant`), and are a title only so: a name
/// may begin with them (`Chief Keef`, `Group Captain` aside).
fn is_rank_qualifier(word: &str) -> bool {
    matches!(
        word,
        "vice"
            | "rear"
            | "field"
            | "air"
            | "chief"
            | "senior"
            | "deputy"
            | "prime"
            | "first"
            | "second"
            | "staff"
            | "wing"
            | "squadron"
            | "flight"
            | "group"
            | "lance"
            | "master"
    )
}

/// True for an honorific, in Latin letters or Arabic script.
fn is_leading_title(token: &Token) -> bool {
    if token.abjad {
        is_script_honorific(&token.text)
    } else {
        is_honorific(&token.text)
    }
}

/// Drops title words from the front of a name: honorifics while a word
/// remains after them, ranks while two do, each with the qualifiers
/// before it ([`is_rank_qualifier`]) (`Dr Kim Sang Man` → `kim sang
/// man`, `President Lukashenko` → `lukashenko`, `Vice Admiral Ali
/// Shamkhani` → `ali shamkhani`, but `General Bureau` stays).
pub(super) fn drop_leading_titles(tokens: &mut Vec<Token>) {
    let qualifier = |token: &Token| !token.abjad && is_rank_qualifier(&token.text);
    let mut titles = tokens
        .iter()
        .take_while(|token| {
            is_leading_title(token) || !token.abjad && is_rank(&token.text) || qualifier(token)
        })
        .count();
    // a qualifier is a title only before the rank it qualifies
    while titles > 0 && qualifier(&tokens[titles - 1]) {
        titles -= 1;
    }
    if titles == 0 || titles == tokens.len() {
        return;
    }
    // a qualified honorific is one (`Field Marshal`)
    let only_honorifics = tokens[..titles]
        .iter()
        .all(|token| is_leading_title(token) || qualifier(token));
    if only_honorifics || tokens.len() - titles >= 2 {
        tokens.drain(..titles);
    }
}

/// Words that tell a generation of one family apart (`Jr`, `Senior`):
/// written after the name or after its family name (`MEZA, JR., Arturo`),
/// and left out as often.
fn is_generation_word(word: &str) -> bool {
    matches!(word, "jr" | "jnr" | "junior" | "sr" | "snr" | "senior")
}

/// Roman numerals a person's name ends with to tell a generation
/// (`Arturo Meza III`).
fn is_generation_numeral(word: &str) -> bool {
    matches!(word, "ii" | "iii" | "iv")
}

/// Fewest words a name keeps when its generation is dropped.
const MIN_WORDS_AFTER_GENERATION: usize = 2;

/// Drops the words of a generation from a name that may be a person's
/// (`Arturo Meza Jr` → `arturo meza`, `MEZA, JR., Arturo` → `meza
/// arturo`): a generation word anywhere but first, and, in a person's
/// name, a Roman numeral at its end, while
/// [`MIN_WORDS_AFTER_GENERATION`] words remain. A query with `Jr` and a
/// listed name without it, or with `Sr`, name one person or a father and
/// son: an analyst tells them apart by birth date, not by the name.
pub(super) fn drop_generations(tokens: &mut Vec<Token>, person: bool) {
    let last = tokens.len().saturating_sub(1);
    let is_generation = |at: usize, token: &Token| {
        !token.abjad
            && (at > 0 && is_generation_word(&token.text)
                || person && at == last && at > 0 && is_generation_numeral(&token.text))
    };
    let generations = tokens
        .iter()
        .enumerate()
        .filter(|(at, token)| is_generation(*at, token))
        .count();
    if generations == 0 || tokens.len() - generations < MIN_WORDS_AFTER_GENERATION {
        return;
    }
    let mut at = 0;
    tokens.retain(|token| {
        let keep = !is_generation(at, token);
        at += 1;
        keep
    });
}

#[cfg(test)]
mod tests {
    use super::super::tokens::{NameStyle, tokenize};

    fn texts(name: &str) -> Vec<String> {
        tokenize(name, NameStyle::Person)
            .into_iter()
            .map(|token| token.text)
            .collect()
    }

    #[test]
    fn a_qualified_rank_is_a_title() {
        assert_eq!(
            texts("Senior General Min Aung Hlaing"),
            ["min", "aung", "hlaing"]
        );
        assert_eq!(texts("Vice Admiral Ali Shamkhani"), ["ali", "shamkhani"]);
        assert_eq!(texts("Air Chief Marshal Li Shangfu"), ["li", "shangfu"]);
        assert_eq!(
            texts("Field Marshal Haftar"),
            ["haftar"],
            "a qualified honorific"
        );
        assert_eq!(texts("Prime Minister Ali Ahmed"), ["ali", "ahmed"]);
    }

    #[test]
    fn sheikh_in_indian_scripts_is_a_title() {
        assert_eq!(texts("শেখ হাসিনা"), ["hasina"]);
        assert_eq!(texts("Shekh Hasina"), ["hasina"]);
    }

    #[test]
    fn a_qualifier_alone_is_a_name() {
        assert_eq!(texts("Chief Keef"), ["chief", "keef"]);
        assert_eq!(texts("Senior Chief Keef"), ["senior", "chief", "keef"]);
        assert_eq!(
            texts("Vice General"),
            ["vice", "general"],
            "nothing would remain"
        );
        assert_eq!(texts("Air Marshal Smith"), ["smith"]);
    }
}
