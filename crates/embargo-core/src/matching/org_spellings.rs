//! One spelling for each word of organizations' names that writers
//! abbreviate or put in the plural (`Int'l`, `TECHNOLOGIES`), so that two
//! names of one body meet word for word whichever way each writes it
//! (module `tokens` asks these of every token).

/// Abbreviations of organization words written out (`Int'l` →
/// `international`) and their plurals written as the singular
/// (`TECHNOLOGIES` → `technology`), so that every spelling is one word:
/// names of one body give it either way (`SBERBANK TECHNOLOGY`, `SBERBANK
/// TECHNOLOGIES`).
pub(super) fn one_spelling_of_org_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "intl" | "internat" => "international",
        "natl" => "national",
        "mfg" => "manufacturing",
        "bros" => "brothers",
        "assn" | "assoc" => "association",
        "dept" => "department",
        "univ" => "university",
        "inst" => "institute",
        "grp" => "group",
        "hldgs" | "hldg" | "holdings" => "holding",
        "svcs" | "services" => "service",
        "technologies" => "technology",
        "industries" => "industry",
        "investments" => "investment",
        "enterprises" => "enterprise",
        "systems" => "system",
        "solutions" => "solution",
        "airlines" => "airline",
        "companies" => "company",
        "laboratories" => "laboratory",
        "eng" | "engg" => "engineering",
        "petrochem" => "petrochemical",
        // `Imp. & Exp. Co., Ltd.`, the usual short form of Chinese
        // trading companies' `Import and Export`.
        "imp" => "import",
        "exp" => "export",
        "trdg" => "trading",
        // the trade written as the body (`KOREA KWANGSON BANKING CORP`,
        // `Kwangson Bank`)
        "banking" => "bank",
        _ => return None,
    })
}

/// Short forms of organization words that are also people's names or
/// words of their own (`Dev`, `Ind`, `St`), written out only in names that
/// may be an organization's (`Korea Mining Dev Trading Corp`, `St
/// Petersburg Bank`); British spellings written as the American.
pub(super) fn organization_abbreviation(word: &str) -> Option<&'static str> {
    Some(match word {
        "dev" | "devt" => "development",
        "mgmt" | "mgt" => "management",
        "tech" => "technology",
        "info" => "information",
        "invest" => "investment",
        "ind" | "indus" => "industry",
        "chem" => "chemical",
        "pharm" | "pharma" => "pharmaceutical",
        "govt" => "government",
        "ctr" | "cntr" | "centre" => "center",
        "org" => "organization",
        "coop" => "cooperative",
        "st" => "saint",
        _ => return None,
    })
}
