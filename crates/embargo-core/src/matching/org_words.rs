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
//! French, Spanish and German, as the lists write them, and the words
//! for an airline and a private military company.

/// Share of its weight a generic organization word the other name lacks
/// costs.
pub const ORG_WORD_SHARE: f32 = 0.3;

/// True for a generic word of an organization's name.
pub(crate) fn is_org_word(word: &str) -> bool {
    matches!(
        word,
        "group"
            | "groupe"
            | "grupo"
            | "gruppe"
            | "gruppa"
            | "holding"
            | "holdings"
            | "agency"
            | "agence"
            | "agentstvo"
            | "firm"
            | "firma"
            | "complex"
            | "kompleks"
            | "enterprise"
            | "enterprises"
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
            // the kind of business a name's first word is (`MAHAN AIR`,
            // `Mahan Airlines`; `PMC WAGNER`, private military company,
            // ЧВК)
            | "air"
            | "airlines"
            | "airline"
            | "airways"
            | "aviation"
            | "pmc"
            | "chvk"
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
    }
}
