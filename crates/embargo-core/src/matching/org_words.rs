//! Generic words of organizations' names: what kind of body a name is
//! (`GROUP`, `AGENCY`, `COMPLEX`, `FOUNDATION`), as opposed to which one.
//!
//! Writers add, drop and swap them (`AMAN HOLDING GROUP` for `AMAN
//! HOLDING COMPANY`, `PUMA SECURITY AGENCY` for `PUMA SECURITY
//! COMPANY`), so one that the other name lacks costs a share of its
//! weight ([`ORG_WORD_SHARE`]) rather than all of it. Unlike legal forms
//! (module `legal_forms`) they still weigh as words when they are
//! paired, so a name made of them alone meets nothing it does not share.
//! The words are English and the common romanized forms of Russian,
//! French, Spanish and German, as the lists write them, the words for an
//! airline and a private military company, and the trades a name adds
//! after the body's own name (`is_trade_word`). Plurals are written as
//! the singular before they get here (`TECHNOLOGIES`, `technology`).

/// Share of its weight a generic organization word the other name lacks
/// costs.
pub const ORG_WORD_SHARE: f32 = 0.3;

/// True for a generic word of an organization's name.
pub(crate) fn is_org_word(word: &str) -> bool {
    is_trade_word(word)
        || matches!(
            word,
            "group"
            | "groupe"
            | "grupo"
            | "gruppe"
            | "gruppa"
            | "holding"
            | "agency"
            | "agence"
            | "agentstvo"
            | "firm"
            | "firma"
            | "complex"
            | "kompleks"
            | "enterprise"
            | "predpriyatie"
            | "organization"
            | "organisation"
            | "association"
            | "foundation"
            | "fondation"
            | "fundacion"
            | "stiftung"
            | "institution"
            | "society"
            | "establishment"
            | "concern"
            | "kontsern"
            | "office"
            // what armed and political groups call themselves (`HAMAS`,
            // the Islamic Resistance Movement; `Hamas Movement`)
            | "movement"
            | "mouvement"
            | "movimiento"
            // the same in the romanized Arabic, Persian and Urdu names of
            // such groups: movement, front, assembly (`Harakat Ansar
            // al-Din`, `Tehrik-e Taliban`, `Jabhat al-Nusra`, `Jamaat
            // ul-Ahrar`)
            | "harakat"
            | "harakah"
            | "haraka"
            | "tehrik"
            | "tahrik"
            | "tehreek"
            | "jabhat"
            | "jabhah"
            | "jabha"
            | "jamaat"
            | "jamaah"
            | "jamaa"
            // the kind of business a name's first word is (`MAHAN AIR`,
            // `Mahan Airlines`; `PMC WAGNER`, private military company,
            // ЧВК)
            | "air"
            | "airline"
            | "airways"
            | "aviation"
            | "pmc"
            | "chvk"
        )
}

/// True for a generic word that says only what kind of body a name is
/// (`GROUP`, `HOLDING`, `PMC`), not its trade: beside a body's own word
/// it names no other body (`Wagner Group`, `PMC WAGNER`). An airline's
/// words name its trade (`MAHAN AIR` is not `MAHAN TRAVEL`).
pub(crate) fn is_kind_of_body(word: &str) -> bool {
    is_org_word(word)
        && !is_trade_word(word)
        && !matches!(word, "air" | "airline" | "airways" | "aviation")
}

/// True for a generic word that names a trade (`HUAWEI TECHNOLOGIES`,
/// `Huawei`; `SUNTAC INTERNATIONAL TRADING`, `Suntac`): one the other name
/// lacks costs its share, as any generic word does, but two names that
/// each name a trade the other lacks (`MCS ENGINEERING`, `MCS
/// INTERNATIONAL`) are two bodies, and both words cost in full.
pub(crate) fn is_trade_word(word: &str) -> bool {
    matches!(
        word,
        "technology"
            | "tech"
            | "trading"
            | "industry"
            | "industrial"
            | "international"
            | "service"
            | "logistics"
            | "shipping"
            | "investment"
            | "engineering"
            | "electronics"
            | "solution"
            | "system"
            // the trade of an oil company, which `NK` names with its form
            // (module `legal_forms`)
            | "oil"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_words_are_known_and_names_are_not() {
        assert!(is_org_word("group"));
        assert!(is_org_word("gruppa"));
        assert!(!is_org_word("rosneft"));
        assert!(!is_org_word("bank"));
        assert!(is_org_word("technology") && is_trade_word("technology"));
        assert!(!is_trade_word("group"));
        assert!(is_kind_of_body("group") && is_kind_of_body("pmc"));
        assert!(is_kind_of_body("movement") && is_kind_of_body("harakat"));
        assert!(!is_kind_of_body("air") && !is_kind_of_body("trading"));
    }
}
