//! What each word of a listed name is: a family name, a given name, a
//! middle name or a patronymic, where the list says so.
//!
//! Lists that separate name parts (OFAC's `LAST, First Middle`, the UN's
//! numbered parts, FollowTheMoney's `firstName`/`lastName`/`fatherName`)
//! tell which word a person is known by. A missing word costs by its role
//! (`missing_share`): the family name and the first given name are what
//! people write, so leaving one out costs its whole weight; further given
//! names, a father's or grandfather's name and the second of two family
//! names (Spanish and Portuguese names carry two) are routinely left out,
//! and cost little. A name without parts written in the person's order
//! with the family name in capitals (`Qasim Mohamed Mahdi AL-RIMI`, the
//! lists' convention) is read by its capitals.

use crate::model::{Name, NamePartKind};

use super::tokens::{NameStyle, Token, TokenKind, is_article, tokenize};

/// The role of one word of a listed name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WordRole {
    /// The list does not say.
    Unknown,
    /// A word of the family name (surname).
    Family,
    /// The first given name.
    Given,
    /// A syllable of a given name written in syllables (`Ping Yun`,
    /// `Sang-man`): the syllables are one name, and writing some of them
    /// without the others is writing another name.
    Syllable,
    /// A further given name, or a father's or grandfather's name in a
    /// name written in the person's own order.
    Middle,
    /// A patronymic (`Vladimirovich`, `Ryhorovich`).
    Patronymic,
    /// A word the name gives in parentheses: an acronym, a former name
    /// or a qualifier (`TEHRIK-E TALIBAN PAKISTAN (TTP)`, `HANIFA MONEY
    /// EXCHANGE OFFICE (BRANCH LOCATED IN ALBU KAMAL)`), which people
    /// leave out.
    Aside,
    /// A generic word of an organization's name (`GROUP`, `AGENCY`:
    /// [`super::org_words`]), which writers add, drop and swap.
    OrgWord,
    /// A country's name or adjective in an organization's name (`OF
    /// RUSSIA`, `LEBANESE`: module `country_words`), which writers drop.
    Country,
}

impl WordRole {
    /// Short lower-case label for explanations.
    pub fn label(self) -> &'static str {
        match self {
            WordRole::Unknown => "name word",
            WordRole::Family => "family name",
            WordRole::Given => "given name",
            WordRole::Syllable => "given-name syllable",
            WordRole::Middle => "middle name",
            WordRole::Patronymic => "patronymic",
            WordRole::Aside => "aside",
            WordRole::OrgWord => "organization word",
            WordRole::Country => "country",
        }
    }

    /// True for a role that only a person's name has.
    pub fn is_personal(self) -> bool {
        !matches!(
            self,
            WordRole::Unknown | WordRole::Aside | WordRole::OrgWord | WordRole::Country
        )
    }
}

/// True for a listed word of an organization that may name it standing
/// alone: a name word (not a particle, legal form or initial) that is not
/// a generic organization word or a country. What the score's
/// distinctive word alone pairs, and what the index's candidate bound
/// counts with.
pub(crate) fn may_name_alone(role: WordRole, forms: &super::similarity::WordForms) -> bool {
    forms.is_name_word() && !matches!(role, WordRole::OrgWord | WordRole::Country)
}

/// Share of its weight a listed word of `role` costs the listed coverage
/// when the query leaves it out. `other_family_matched` tells whether
/// another word of the family name found a partner (a second family name
/// left out). A country word costs this share only when the query names
/// no other country (see `score`).
pub(crate) fn missing_share(role: WordRole, other_family_matched: bool) -> f32 {
    match role {
        WordRole::Unknown | WordRole::Given | WordRole::Syllable => 1.0,
        WordRole::Family if other_family_matched => SECOND_FAMILY_NAME_SHARE,
        WordRole::Family => 1.0,
        WordRole::Middle => MIDDLE_NAME_SHARE,
        WordRole::Patronymic => PATRONYMIC_SHARE,
        WordRole::Aside => ASIDE_SHARE,
        WordRole::OrgWord => super::org_words::ORG_WORD_SHARE,
        WordRole::Country => super::country_words::COUNTRY_WORD_SHARE,
    }
}

/// The least share any missing word of `role` can cost: what the
/// candidate bound assumes.
pub(crate) fn least_missing_share(role: WordRole) -> f32 {
    missing_share(role, true)
}

/// Shortest further word of a given name taken for a middle name people
/// leave out (`Ali`, `Abdul`, `Salah`, `Omar`, `Maria`): shorter ones
/// (`Al`, `Bn`) are particles or initials; `Bin` is a particle and `Abu`
/// a kunya before this is asked. The syllables of an East Asian given
/// name (`Sang Man`) are caught before this by `is_syllabic`. Lowered
/// from 6 bytes to 4: on the generated pairs (tools/pairs) person-alias
/// recall 0.592 -> 0.612 and weak-alias 0.205 -> 0.235, for 6 more of
/// 1,000 same-family and hard negatives over the threshold (all at
/// 0.71-0.75); from 4 to 3 (`Yasin Ali BAYNAH`): 4 more matches found,
/// no non-match over the threshold.
const MIN_MIDDLE_NAME_BYTES: usize = 3;
/// Share of its weight a missing middle name costs.
pub const MIDDLE_NAME_SHARE: f32 = 0.3;
/// Share of its weight a missing patronymic costs.
pub const PATRONYMIC_SHARE: f32 = 0.2;
/// Share of its weight a missing aside (a word in parentheses) costs.
pub const ASIDE_SHARE: f32 = 0.2;
/// Most parentheses nested in a listed name that are read as asides.
const MAX_ASIDE_DEPTH: usize = 4;
/// Share of its weight the second of two family names costs when the
/// first is there (`GUZMAN LOERA` written `Guzman`).
pub const SECOND_FAMILY_NAME_SHARE: f32 = 0.3;

/// The role of each of `tokens`, the tokens of `name` (tokenized in
/// `style`), from the parts the list gives. Words no part accounts for are
/// [`WordRole::Unknown`].
pub(crate) fn listed_roles(name: &Name, tokens: &[Token], style: NameStyle) -> Vec<WordRole> {
    let mut roles = if style == NameStyle::Person {
        person_roles(name, tokens, style)
    } else {
        org_roles(tokens)
    };
    mark_asides(&name.full, tokens, style, &mut roles);
    roles
}

/// The roles of the words of a name that is not a person's: its generic
/// organization words and country words, unless it has no other name
/// word.
fn org_roles(tokens: &[Token]) -> Vec<WordRole> {
    let generic = |token: &Token| super::org_words::is_org_word(&token.text);
    let country = |token: &Token| {
        token.kind == TokenKind::Word && super::country_words::names_a_country(&token.text)
    };
    let named = tokens
        .iter()
        .any(|token| !token.kind.is_minor() && !generic(token) && !country(token));
    tokens
        .iter()
        .map(|token| {
            if !named {
                WordRole::Unknown
            } else if generic(token) {
                WordRole::OrgWord
            } else if country(token) {
                WordRole::Country
            } else {
                WordRole::Unknown
            }
        })
        .collect()
}

/// Marks the words `full` gives in parentheses as [`WordRole::Aside`],
/// unless nothing stands outside them or the parentheses do not pair up.
/// Each piece is tokenized on its own; when the pieces' words are not
/// the name's (`tokens`) word for word, nothing is marked.
fn mark_asides(full: &str, tokens: &[Token], style: NameStyle, roles: &mut [WordRole]) {
    if !full.contains('(') {
        return;
    }
    let mut pieces: Vec<(String, bool)> = Vec::new();
    let mut piece = String::new();
    let mut depth = 0usize;
    for c in full.chars() {
        match c {
            '(' | ')' => {
                pieces.push((std::mem::take(&mut piece), depth > 0));
                if c == '(' {
                    depth += 1;
                    if depth > MAX_ASIDE_DEPTH {
                        return;
                    }
                } else if let Some(outer) = depth.checked_sub(1) {
                    depth = outer;
                } else {
                    return;
                }
            }
            _ => piece.push(c),
        }
    }
    if depth != 0 {
        return;
    }
    pieces.push((piece, false));
    let mut inside = Vec::with_capacity(tokens.len());
    for (text, aside) in &pieces {
        for token in tokenize(text, style) {
            match tokens.get(inside.len()) {
                Some(known) if known.text == token.text => inside.push(*aside),
                _ => return,
            }
        }
    }
    if inside.len() != tokens.len() || inside.iter().all(|&aside| aside) {
        return;
    }
    for ((role, token), aside) in roles.iter_mut().zip(tokens).zip(inside) {
        if aside && !token.kind.is_minor() {
            *role = WordRole::Aside;
        }
    }
}

/// The roles of the words of a person's name.
fn person_roles(name: &Name, tokens: &[Token], style: NameStyle) -> Vec<WordRole> {
    let mut roles = vec![WordRole::Unknown; tokens.len()];
    let inferred;
    let name = if name.parts.is_empty() {
        match parts_by_capitals(&name.full) {
            Some(parts) => {
                inferred = Name {
                    parts,
                    ..Name::new(String::new(), name.quality)
                };
                &inferred
            }
            None => {
                inner_middle_names(&name.full, tokens, &mut roles);
                return roles;
            }
        }
    } else {
        name
    };
    let numbered_parts = name
        .parts
        .iter()
        .filter(|part| {
            matches!(
                part.kind,
                NamePartKind::First
                    | NamePartKind::Second
                    | NamePartKind::Third
                    | NamePartKind::Fourth
            )
        })
        .count();
    let mut assigned = vec![false; tokens.len()];
    for part in &name.parts {
        let part_tokens = tokenize(&part.value, style);
        let Some(start) = find_run(tokens, &part_tokens, &assigned) else {
            continue;
        };
        let syllables = part.kind == NamePartKind::Given && is_syllabic(&part_tokens);
        let given = matches!(part.kind, NamePartKind::Given | NamePartKind::Middle);
        let mut after_filiation = false;
        for (offset, token) in part_tokens.iter().enumerate() {
            let at = start + offset;
            assigned[at] = true;
            roles[at] = if syllables {
                WordRole::Syllable
            } else if given && after_filiation {
                // `Usama bin Muhammad bin Awad`: a father's and
                // grandfather's names
                WordRole::Patronymic
            } else {
                part_role(part.kind, offset, &token.text, numbered_parts)
            };
            after_filiation |= is_filiation(&token.text);
        }
    }
    roles
}

/// A person's name without parts, all in one case and without a comma
/// (`AYMAN MUHAMMED RABI AL-ZAWAHIRI`): which end is the family name is
/// not known, but in a name of three words or more the inner ones are
/// given, father's or grandfather's names, which people leave out. Each
/// inner word of a middle name's length and of two syllables or more is
/// a middle name (`Muhammed`, `Rabi`); a one-syllable word may be the
/// syllable of a given name (`KIM JONG UN`) and stays unknown.
fn inner_middle_names(full: &str, tokens: &[Token], roles: &mut [WordRole]) {
    let words: Vec<&str> = full.split_whitespace().collect();
    let capitals = words.iter().filter(|word| is_in_capitals(word)).count();
    let one_case = capitals == 0 || capitals == words.len();
    if tokens.len() < 3 || full.contains(',') || !one_case {
        return;
    }
    let last = tokens.len() - 1;
    // a last word after the article is a family or tribal name, a nisba
    // (`AL-ZAWAHIRI`, `AL-TIKRITI`)
    if is_article(&tokens[last - 1].text) {
        roles[last] = WordRole::Family;
    }
    for (at, token) in tokens.iter().enumerate().take(last).skip(1) {
        if (is_kunya_marker(&token.text)
            || token.text.len() >= MIN_MIDDLE_NAME_BYTES
                && super::similarity::vowel_groups(&token.text) >= 2)
            && let Some(role) = roles.get_mut(at)
        {
            *role = WordRole::Middle;
        }
    }
}

/// The given and family parts of a person's name written in the person's
/// order with the family name in capitals, the lists' convention
/// (`Qasim Mohamed Mahdi AL-RIMI`, `BEN SOLTANE Adel`): a run of words in
/// capitals at one end, the rest in mixed case. `None` for a name in one
/// case.
fn parts_by_capitals(full: &str) -> Option<Vec<crate::model::NamePart>> {
    use crate::model::NamePart;
    let words: Vec<&str> = full.split_whitespace().collect();
    let capitals: Vec<bool> = words.iter().map(|word| is_in_capitals(word)).collect();
    let leading = capitals.iter().take_while(|&&caps| caps).count();
    let trailing = capitals.iter().rev().take_while(|&&caps| caps).count();
    let (family, given) = if leading > 0 && leading < words.len() && trailing == 0 {
        (&words[..leading], &words[leading..])
    } else if trailing > 0 && trailing < words.len() && leading == 0 {
        (
            &words[words.len() - trailing..],
            &words[..words.len() - trailing],
        )
    } else {
        return None;
    };
    if given.iter().any(|word| is_in_capitals(word)) {
        return None;
    }
    Some(vec![
        NamePart {
            kind: NamePartKind::Given,
            value: given.join(" "),
        },
        NamePart {
            kind: NamePartKind::Family,
            value: family.join(" "),
        },
    ])
}

/// "Son of" in Arabic, Maghrebi, Malay and Mauritanian names, as
/// romanizations write it: `bin`, `ibn`, `ben`, and Hassaniya `ould`,
/// `wuld`, `walad`.
const SON_OF: [&str; 7] = ["bin", "ibn", "ben", "ould", "uld", "wuld", "walad"];

/// "Daughter of", likewise: `bint`, Malay `binti` and `bte`, Hassaniya
/// `mint`.
const DAUGHTER_OF: [&str; 4] = ["bint", "binti", "bte", "mint"];

/// What a word of filiation means (`son`, `daughter`), so that its
/// spellings meet (`ould` and `bin`; [`super::org_translations::english_key`]);
/// `None` for other words.
pub(crate) fn filiation_meaning(word: &str) -> Option<&'static str> {
    if SON_OF.contains(&word) {
        Some("son")
    } else if DAUGHTER_OF.contains(&word) {
        Some("daughter")
    } else {
        None
    }
}

/// True for "son of" or "daughter of" in an Arabic or Malay name (`bin`,
/// `ibn`, `bint`, `ould`): the names after it in a given name are a
/// father's and grandfather's.
fn is_filiation(word: &str) -> bool {
    filiation_meaning(word).is_some()
}

/// True for the `Abu` or `Umm` ("father of", "mother of") of an Arabic
/// kunya: inside a name (`QADHAFI, Muammar Muhammed Abu Minyar`) it and
/// the name after it are a byname people leave out, as a middle name.
/// First in a name (`Abu Bakr`) the kunya is the name itself: the callers
/// ask only of later words.
fn is_kunya_marker(word: &str) -> bool {
    matches!(word, "abu" | "abou" | "abo" | "umm" | "um")
}

/// True for a word of two letters or more, all capitals.
fn is_in_capitals(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let mut count = 0;
    letters.all(|c| {
        count += 1;
        c.is_uppercase()
    }) && count >= 2
}

/// True for a given name of two or more words of one syllable each (one
/// run of vowels: `Ping Yun`, `Sang Man`, `Yong Chol`), the way Chinese and
/// Korean given names are romanized; `Ali Husseini` and `Luisa Maria` are
/// not.
fn is_syllabic(tokens: &[Token]) -> bool {
    tokens.len() >= 2
        && tokens
            .iter()
            .all(|token| super::similarity::vowel_groups(&token.text) == 1)
}

/// The role of the word at `offset` within a part of `kind`.
fn part_role(kind: NamePartKind, offset: usize, text: &str, numbered_parts: usize) -> WordRole {
    // A family name is one whatever its ending: Ukrainian and Serbian
    // family names end as patronymics do (`YANUKOVYCH`, `PETROVIC`).
    if kind == NamePartKind::Family {
        return WordRole::Family;
    }
    if super::index::is_patronymic(text) {
        return WordRole::Patronymic;
    }
    // The syllables of an East Asian given name (`Sang Man`, `Ping Yun`)
    // are one name: none is left out. A further word of a given name is a
    // middle name only when it is a name of its own length.
    let middle_word = text.len() >= MIN_MIDDLE_NAME_BYTES || is_kunya_marker(text);
    match kind {
        NamePartKind::Family => WordRole::Family,
        NamePartKind::Given if offset == 0 => WordRole::Given,
        NamePartKind::Given | NamePartKind::Middle if middle_word => WordRole::Middle,
        NamePartKind::Given | NamePartKind::Middle => WordRole::Given,
        NamePartKind::Patronymic => WordRole::Patronymic,
        // The UN writes names in the person's own order: in a name of three
        // or four parts the middle ones are a father's and grandfather's
        // names (`BARZAN IBRAHIM HASAN AL-TIKRITI`); which end is the
        // family name depends on the tradition, so the ends stay unknown.
        NamePartKind::Second | NamePartKind::Third if numbered_parts >= 3 && middle_word => {
            WordRole::Middle
        }
        NamePartKind::First | NamePartKind::Second | NamePartKind::Third | NamePartKind::Fourth => {
            WordRole::Unknown
        }
    }
}

/// Where the texts of `part` stand as a run of not yet assigned tokens.
fn find_run(tokens: &[Token], part: &[Token], assigned: &[bool]) -> Option<usize> {
    if part.is_empty() || part.len() > tokens.len() {
        return None;
    }
    (0..=tokens.len() - part.len()).find(|&start| {
        part.iter().enumerate().all(|(offset, token)| {
            !assigned[start + offset] && tokens[start + offset].text == token.text
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NameQuality;

    fn roles(name: &Name) -> Vec<WordRole> {
        let tokens = tokenize(&name.full, NameStyle::Person);
        listed_roles(name, &tokens, NameStyle::Person)
    }

    #[test]
    fn last_first_names_know_their_family_name() {
        use WordRole::*;
        let name = Name::from_last_first("KHAMENEI, Ali Husseini", NameQuality::Primary);
        assert_eq!(roles(&name), [Family, Given, Middle]);
        let name = Name::from_last_first("GUZMAN LOERA, Joaquin", NameQuality::Primary);
        assert_eq!(roles(&name), [Family, Family, Given]);
        let name = Name::from_last_first("LUKASHENKA, Alyaksandr Ryhorovich", NameQuality::Primary);
        assert_eq!(roles(&name), [Family, Given, Patronymic]);
    }

    #[test]
    fn a_kunya_inside_a_name_is_a_byname() {
        use WordRole::*;
        let name =
            Name::from_last_first("QADHAFI, Muammar Muhammed Abu Minyar", NameQuality::Primary);
        assert_eq!(roles(&name), [Family, Given, Middle, Middle, Middle]);
        // First, the kunya is the given name itself.
        let name = Name::from_last_first("AL-BAGHDADI, Abu Bakr", NameQuality::Primary);
        assert_eq!(roles(&name)[2], Given);
        let of = |full: &str| roles(&Name::new(full, NameQuality::Strong));
        assert_eq!(of("HAMZA ABU ALI NASSER")[1], Middle);
    }

    #[test]
    fn syllables_of_a_given_name_are_one_given_name() {
        use WordRole::*;
        let name = Name::from_last_first("KIM, Sang Man", NameQuality::Primary);
        assert_eq!(roles(&name), [Family, Syllable, Syllable]);
        let name = Name::from_last_first("KIM, Sang-ho", NameQuality::Primary);
        assert_eq!(roles(&name), [Family, Syllable, Syllable]);
        let name = Name::from_last_first("PARK, Luisa Maria", NameQuality::Primary);
        assert_eq!(roles(&name), [Family, Given, Middle]);
    }

    #[test]
    fn asides_are_words_in_balanced_parentheses_only() {
        let of = |full: &str| {
            let name = Name::new(full, NameQuality::Strong);
            let tokens = tokenize(full, NameStyle::Organization);
            listed_roles(&name, &tokens, NameStyle::Organization)
        };
        use WordRole::*;
        assert_eq!(of("NORTH RIVER (NRG)"), [Unknown, Unknown, Aside]);
        assert_eq!(of("NORTH RIVER (NRG"), [Unknown, Unknown, Unknown]);
        assert_eq!(of("NORTH RIVER NRG)"), [Unknown, Unknown, Unknown]);
        assert_eq!(of("(NORTH RIVER)"), [Unknown, Unknown], "nothing outside");
        // nesting deeper than MAX_ASIDE_DEPTH marks nothing
        let deep = format!("NORTH {}X{}", "(".repeat(5), ")".repeat(5));
        assert!(of(&deep).iter().all(|&role| role == Unknown));
    }

    #[test]
    fn names_after_bin_in_a_given_name_are_a_fathers() {
        use WordRole::*;
        let name = Name::from_last_first("BIN QASIR, Walid bin Hamid", NameQuality::Primary);
        assert_eq!(roles(&name), [Family, Family, Given, Middle, Patronymic]);
    }

    #[test]
    fn inner_words_of_a_name_in_one_case_are_middle_names() {
        use WordRole::*;
        let of = |full: &str| roles(&Name::new(full, NameQuality::Strong));
        assert_eq!(
            of("AYMAN MUHAMMED RABI AL-ZAWAHIRI"),
            [Unknown, Middle, Middle, Unknown, Family]
        );
        assert_eq!(
            of("Ismail Abdul Salah Haniya"),
            [Unknown, Middle, Middle, Unknown]
        );
        // One-syllable words may be a given name's syllables.
        assert_eq!(of("KIM JONG UN"), [Unknown, Unknown, Unknown]);
        // Two words: nothing inside; a comma or mixed case: other rules.
        assert_eq!(of("SAID ARIF"), [Unknown, Unknown]);
        assert!(of("Ali KHAN Mohammed RAZA").iter().all(|&r| r == Unknown));
    }

    #[test]
    fn a_family_name_in_capitals_is_read_as_one() {
        use WordRole::*;
        let name = Name::new("Qasim Mohamed Mahdi AL-RIMI", NameQuality::Strong);
        assert_eq!(roles(&name), [Given, Middle, Middle, Family, Family]);
        let name = Name::new("BEN SOLTANE Adel", NameQuality::Strong);
        assert_eq!(roles(&name), [Family, Family, Given]);
        let unknown = |full: &str| roles(&Name::new(full, NameQuality::Strong));
        assert!(unknown("SAID ARIF").iter().all(|&r| r == Unknown));
        assert!(unknown("Said Arif").iter().all(|&r| r == Unknown));
        assert!(
            unknown("Ali KHAN Mohammed RAZA")
                .iter()
                .all(|&r| r == Unknown)
        );
    }

    #[test]
    fn names_without_parts_have_unknown_roles() {
        let name = Name::new("LAZARUS GROUP", NameQuality::Primary);
        assert_eq!(roles(&name), [WordRole::Unknown, WordRole::Unknown]);
    }

    #[test]
    fn missing_words_cost_by_role() {
        assert_eq!(missing_share(WordRole::Family, false), 1.0);
        assert!(missing_share(WordRole::Family, true) < 0.5);
        assert!(missing_share(WordRole::Patronymic, false) < missing_share(WordRole::Given, false));
        for role in [
            WordRole::Unknown,
            WordRole::Family,
            WordRole::Given,
            WordRole::Syllable,
            WordRole::Middle,
            WordRole::Patronymic,
        ] {
            assert!(least_missing_share(role) <= missing_share(role, false));
        }
    }
}
