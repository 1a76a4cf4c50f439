//! Legal forms of organizations, written out or abbreviated in the
//! languages of the lists, cut short or respelled: each becomes one
//! symbol (`Joint Stock Company`, `OAO`, `ПАО` → `jsc`), so the forms
//! compare as one word that weighs little. A form that names the trade
//! (`NK`, neftyanaya kompaniya, `Oil Company`) becomes the trade's word and
//! the form's symbol (`oil`, `co`), so that it meets the trade written
//! apart (`National Iranian Oil`, `NATIONAL IRANIAN OIL COMPANY`).

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use super::tokens::{Token, TokenKind};

/// Legal forms written out or abbreviated, as word sequences, with the
/// symbol each stands for. Longest sequences are tried first.
const LEGAL_FORMS: &[(&str, &str)] = &[
    ("public joint stock company", "jsc"),
    ("open joint stock company", "jsc"),
    ("closed joint stock company", "jsc"),
    ("joint stock company", "jsc"),
    ("publichnoe aktsionernoe obshchestvo", "jsc"),
    ("otkrytoe aktsionernoe obshchestvo", "jsc"),
    ("zakrytoe aktsionernoe obshchestvo", "jsc"),
    ("aktsionernoe obshchestvo", "jsc"),
    ("publichnoye aktsionernoye obshchestvo", "jsc"),
    ("otkrytoye aktsionernoye obshchestvo", "jsc"),
    ("zakrytoye aktsionernoye obshchestvo", "jsc"),
    ("aktsionernoye obshchestvo", "jsc"),
    ("aktsionernoe obshchestvo otkrytogo tipa", "jsc"),
    ("aktsionernoe obshchestvo zakrytogo tipa", "jsc"),
    ("aktsionerne tovarystvo", "jsc"),
    ("publichne aktsionerne tovarystvo", "jsc"),
    ("jsc", "jsc"),
    ("ojsc", "jsc"),
    ("cjsc", "jsc"),
    ("pjsc", "jsc"),
    ("oao", "jsc"),
    ("zao", "jsc"),
    ("pao", "jsc"),
    ("ao", "jsc"),
    ("obshchestvo s ogranichennoy otvetstvennostyu", "llc"),
    ("tovarystvo z obmezhenoyu vidpovidalnistyu", "llc"),
    ("tavarystva z abmezhavanay adkaznastsyu", "llc"),
    ("drustvo sa ogranicenom odgovornoscu", "llc"),
    ("doo", "llc"),
    ("federalnoe gosudarstvennoe unitarnoe predpriyatie", "sue"),
    ("gosudarstvennoe unitarnoe predpriyatie", "sue"),
    (
        "federalnoye gosudarstvennoye unitarnoye predpriyatiye",
        "sue",
    ),
    ("gosudarstvennoye unitarnoye predpriyatiye", "sue"),
    ("federal state unitary enterprise", "sue"),
    ("state unitary enterprise", "sue"),
    ("fgup", "sue"),
    ("gup", "sue"),
    // the unitary and state enterprises of Belarus and Ukraine
    ("republican unitary enterprise", "sue"),
    ("respublikanskoe unitarnoe predpriyatie", "sue"),
    ("respublikanskoye unitarnoye predpriyatiye", "sue"),
    ("unitary enterprise", "sue"),
    ("unitarnoe predpriyatie", "sue"),
    ("unitarnoye predpriyatiye", "sue"),
    ("state enterprise", "sue"),
    ("gosudarstvennoe predpriyatie", "sue"),
    ("gosudarstvennoye predpriyatiye", "sue"),
    ("derzhavne pidpryiemstvo", "sue"),
    ("nauchno proizvodstvennoe obedinenie", "npo"),
    ("scientific and production association", "npo"),
    ("scientific production association", "npo"),
    ("research and production association", "npo"),
    ("npo", "npo"),
    ("nauchno proizvodstvennoe predpriyatie", "npp"),
    ("scientific and production enterprise", "npp"),
    ("scientific production enterprise", "npp"),
    ("research and production enterprise", "npp"),
    ("limited liability company", "llc"),
    ("societatea cu raspundere limitata", "srl"),
    ("societa a responsabilita limitata", "srl"),
    ("sociedad de responsabilidad limitada", "srl"),
    ("spolka z ograniczona odpowiedzialnoscia", "llc"),
    ("sp z oo", "llc"),
    ("spzoo", "llc"),
    ("spolka akcyjna", "sa"),
    ("aktsionernaya kompaniya", "jsc"),
    ("aktsionerny kommercheskiy bank", "akb"),
    ("aktsionernyy kommercheskiy bank", "akb"),
    ("aktsionernyi kommercheskii bank", "akb"),
    ("joint stock commercial bank", "akb"),
    ("public joint stock commercial bank", "akb"),
    ("jscb", "akb"),
    ("pjscb", "akb"),
    ("ojscb", "akb"),
    ("cjscb", "akb"),
    ("neftyanaya kompaniya", "nk"),
    ("oil company", "nk"),
    ("nk", "nk"),
    ("limited liability partnership", "llp"),
    ("llc", "llc"),
    ("ooo", "llc"),
    ("tov", "llc"),
    ("llp", "llp"),
    ("gesellschaft mit beschrankter haftung", "gmbh"),
    ("gmbh", "gmbh"),
    ("aktiengesellschaft", "ag"),
    ("kommanditgesellschaft", "kg"),
    ("kg", "kg"),
    ("ag", "ag"),
    ("public limited company", "plc"),
    ("plc", "plc"),
    ("private limited", "ltd"),
    ("pvt ltd", "ltd"),
    ("limited", "ltd"),
    ("ltd", "ltd"),
    ("ltda", "ltd"),
    ("corporation", "corp"),
    ("corp", "corp"),
    ("incorporated", "inc"),
    ("inc", "inc"),
    ("company", "co"),
    ("comp", "co"),
    ("co", "co"),
    ("compania", "co"),
    ("companhia", "co"),
    ("compagnie", "co"),
    ("cia", "co"),
    ("kompaniya", "co"),
    ("kompaniia", "co"),
    ("kompanija", "co"),
    ("kompania", "co"),
    ("kampani", "co"),
    ("sociedad anonima de capital variable", "sadecv"),
    ("sa de cv", "sadecv"),
    ("sapi de cv", "sadecv"),
    (
        "sociedad de responsabilidad limitada de capital variable",
        "srldecv",
    ),
    ("s de rl de cv", "srldecv"),
    ("sociedad anonima", "sa"),
    ("sociedade anonima", "sa"),
    ("societa per azioni", "spa"),
    ("societe anonyme", "sa"),
    ("sa", "sa"),
    ("sarl", "sarl"),
    ("srl", "srl"),
    ("spa", "spa"),
    ("bv", "bv"),
    ("nv", "nv"),
    ("fze", "fze"),
    ("fzco", "fzco"),
    ("fzc", "fzco"),
    ("fz llc", "llc"),
    ("kabushiki kaisha", "kk"),
    ("yugen kaisha", "yk"),
    ("naamloze vennootschap", "nv"),
    ("besloten vennootschap", "bv"),
    ("anonim sirketi", "as"),
    ("limited sirketi", "ltd"),
    ("sdn bhd", "sdnbhd"),
    ("bhd", "sdnbhd"),
    ("pte", "pte"),
    ("pty", "pty"),
    ("sas", "sas"),
    ("cv", "cv"),
    // Baltic, Central and Eastern European forms
    ("osauhing", "llc"),
    ("ou", "llc"),
    ("aktsiaselts", "jsc"),
    ("sabiedriba ar ierobezotu atbildibu", "llc"),
    ("sia", "llc"),
    ("akciju sabiedriba", "jsc"),
    ("uzdaroji akcine bendrove", "jsc"),
    ("uab", "jsc"),
    ("akcine bendrove", "jsc"),
    ("eood", "llc"),
    ("ood", "llc"),
    ("ead", "jsc"),
    ("korlatolt felelossegu tarsasag", "llc"),
    ("kft", "llc"),
    ("zrt", "jsc"),
    ("nyrt", "jsc"),
    ("spolecnost s rucenim omezenym", "llc"),
    ("spol s ro", "llc"),
    ("sro", "llc"),
    ("s r o", "llc"),
    ("akciova spolecnost", "jsc"),
    ("tovarishchestvo s ogranichennoy otvetstvennostyu", "llp"),
    ("obshchestvo s dopolnitelnoy otvetstvennostyu", "odo"),
    ("additional liability company", "odo"),
    ("odo", "odo"),
    ("nepublichnoe aktsionernoe obshchestvo", "jsc"),
    ("nao", "jsc"),
    ("private joint stock company", "jsc"),
    ("prat", "jsc"),
    // Western European and Nordic forms
    ("sociedad limitada", "srl"),
    ("sociedade limitada", "ltd"),
    ("limitada", "ltd"),
    ("eireli", "ltd"),
    ("besloten vennootschap met beperkte aansprakelijkheid", "bv"),
    ("bvba", "bv"),
    ("societe privee a responsabilite limitee", "sarl"),
    ("sprl", "sarl"),
    ("societe a responsabilite limitee", "sarl"),
    ("eurl", "sarl"),
    ("societe par actions simplifiee", "sas"),
    ("sasu", "sas"),
    ("aktiebolag", "jsc"),
    ("aksjeselskap", "jsc"),
    ("anpartsselskab", "llc"),
    ("aps", "llc"),
    ("osakeyhtio", "llc"),
    ("oyj", "jsc"),
    // Asian forms
    ("perseroan terbatas", "ltd"),
    ("tbk", "jsc"),
    ("gufen youxian gongsi", "jsc"),
    ("youxian gongsi", "ltd"),
    ("youxian zeren gongsi", "ltd"),
    ("ltd sti", "ltd"),
];

/// Legal forms whose words are also names, articles or initials (`AS` of
/// `AS-SALAM`, `AD` of `AD-DIN`, `PT`, `OY`): read as a legal form only at
/// the very start of a name or in the run of legal forms that ends it,
/// whatever the kind of name.
const EDGE_LEGAL_FORMS: &[(&str, &str)] = &[
    ("pt", "ltd"),
    ("ab", "jsc"),
    // Russian aktsionernaya kompaniya, aktsionerny kommercheskiy bank
    ("ak", "jsc"),
    ("akb", "akb"),
    ("oy", "llc"),
    ("too", "llp"),
    ("tdv", "odo"),
];

/// Legal forms that are also an Arabic article or a common word at the
/// start of a name (`AS-SAFA`, `AD DAWA`, `SAL`): read as a legal form
/// only in the run of legal forms that ends a name.
const ENDING_LEGAL_FORMS: &[(&str, &str)] = &[
    ("as", "jsc"),
    ("a s", "jsc"),
    ("ad", "jsc"),
    ("a d", "jsc"),
    ("dd", "jsc"),
    ("d d", "jsc"),
    ("ae", "jsc"),
    ("asa", "jsc"),
    ("sal", "sa"),
    ("s a l", "sa"),
    ("sl", "srl"),
    ("slu", "srl"),
    ("lda", "ltd"),
    ("epe", "ltd"),
];

/// Where in a name a legal form is read as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    /// Anywhere in an organization's name.
    Anywhere,
    /// At the start of a name or in the run of legal forms ending it.
    Edge,
    /// Only in the run of legal forms ending a name.
    End,
}

/// How `company` is cut short at the end of a legal form.
const COMPANY_ABBREVIATIONS: [&str; 2] = ["co", "comp"];

/// A legal form as its words, the symbol it stands for and where it is
/// read.
type LegalForm = (Vec<&'static str>, &'static str, Placement);

/// Legal form word sequences keyed by their first word, longest first.
fn legal_forms_by_first_word() -> &'static HashMap<&'static str, Vec<LegalForm>> {
    static TABLE: OnceLock<HashMap<&'static str, Vec<LegalForm>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<&str, Vec<LegalForm>> = HashMap::default();
        let placed = |forms: &'static [(&'static str, &'static str)], placement| {
            forms
                .iter()
                .map(move |&(phrase, symbol)| (phrase, symbol, placement))
        };
        let all = placed(LEGAL_FORMS, Placement::Anywhere)
            .chain(placed(EDGE_LEGAL_FORMS, Placement::Edge))
            .chain(placed(ENDING_LEGAL_FORMS, Placement::End));
        for (phrase, symbol, placement) in all {
            let words: Vec<&str> = phrase.split(' ').collect();
            // A form ending in `company` is also written with `Co` or
            // `Comp.` (`Joint Stock Co`, `Oil Comp.`).
            if words.len() > 1 && words.last() == Some(&"company") {
                for short in COMPANY_ABBREVIATIONS {
                    let mut abbreviated = words.clone();
                    abbreviated.pop();
                    abbreviated.push(short);
                    table
                        .entry(words[0])
                        .or_default()
                        .push((abbreviated, symbol, placement));
                }
            }
            table
                .entry(words[0])
                .or_default()
                .push((words, symbol, placement));
        }
        for forms in table.values_mut() {
            forms.sort_by_key(|(words, _, _)| std::cmp::Reverse(words.len()));
        }
        table
    })
}

/// The legal forms of several words whose first word is long enough to
/// be respelled ([`MIN_RESPELLED_BYTES`]), keyed by that word's
/// romanization key: `obschestvo` and `obshestvo` start what `obshchestvo`
/// starts.
fn long_forms_by_first_key() -> &'static HashMap<String, Vec<LegalForm>> {
    static TABLE: OnceLock<HashMap<String, Vec<LegalForm>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<String, Vec<LegalForm>> = HashMap::default();
        for (words, symbol, placement) in legal_forms_by_first_word().values().flatten() {
            if words.len() >= 2 && words[0].len() >= MIN_RESPELLED_BYTES {
                table
                    .entry(super::phonetic::fold(words[0]))
                    .or_default()
                    .push((words.clone(), symbol, *placement));
            }
        }
        for forms in table.values_mut() {
            forms.sort_by_key(|(words, _, _)| std::cmp::Reverse(words.len()));
        }
        table
    })
}

/// Longest one-word spelling of a legal form that an acronym writes
/// whole (`SA`, `LLC`, `GMBH`); a longer word (`COMPANY`) gives its
/// initial.
const MAX_ACRONYM_WORD_BYTES: usize = 4;

/// The letters an acronym may spell a legal form of `symbol` with, when
/// the form ends the name it abbreviates: the initials of each spelling
/// of several words (`oc` of `Oil Company` in `NIOC`, `jsc`), each short
/// spelling of one word as written (`sa` of `S.A.` in `PDVSA`), the
/// initial of a longer one (`c` of `Corporation`). Empty for a symbol that
/// is not a legal form's.
pub(crate) fn acronym_letters(symbol: &str) -> &'static [Box<str>] {
    static TABLE: OnceLock<HashMap<&'static str, Vec<Box<str>>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table: HashMap<&str, Vec<Box<str>>> = HashMap::default();
        let all = LEGAL_FORMS
            .iter()
            .chain(EDGE_LEGAL_FORMS)
            .chain(ENDING_LEGAL_FORMS);
        for &(phrase, symbol) in all {
            let letters: String = if phrase.contains(' ') {
                phrase
                    .split(' ')
                    .filter_map(|word| word.chars().next())
                    .collect()
            } else if phrase.len() <= MAX_ACRONYM_WORD_BYTES {
                phrase.to_string()
            } else {
                phrase.chars().take(1).collect()
            };
            let spellings = table.entry(symbol).or_default();
            if !spellings.iter().any(|known| **known == *letters) {
                spellings.push(letters.into_boxed_str());
            }
        }
        table
    });
    table.get(symbol).map_or(&[], Vec::as_slice)
}

/// Shortest word of a legal form of several words that may be written by
/// another romanization or with a typo (`otvetsvennostyu`).
const MIN_RESPELLED_BYTES: usize = 6;

/// The legal forms that may start at `token`: those of its exact text,
/// else, for a long word, those of its romanization key.
fn forms_starting_with(token: &str) -> Option<&'static Vec<LegalForm>> {
    if let Some(forms) = legal_forms_by_first_word().get(token) {
        return Some(forms);
    }
    if token.len() < MIN_RESPELLED_BYTES || !may_start_long_form(token) {
        return None;
    }
    long_forms_by_first_key().get(&super::phonetic::fold(token))
}

/// True when `token` starts with the first two letters of a long form's
/// first word: most words are ruled out before their romanization key is
/// computed (a key costs more than the rest of tokenizing a word).
fn may_start_long_form(token: &str) -> bool {
    static PREFIXES: OnceLock<Vec<[u8; 2]>> = OnceLock::new();
    let prefixes = PREFIXES.get_or_init(|| {
        let mut prefixes: Vec<[u8; 2]> = long_forms_by_first_key()
            .values()
            .flatten()
            .filter_map(|(words, _, _)| words[0].as_bytes().first_chunk::<2>().copied())
            .collect();
        prefixes.sort_unstable();
        prefixes.dedup();
        prefixes
    });
    token
        .as_bytes()
        .first_chunk::<2>()
        .is_some_and(|prefix| prefixes.binary_search(prefix).is_ok())
}

/// True when `token` stands for `word` of a legal form of `len` words at
/// `position`: the same text; in a form of several words a long word
/// respelled; the last word of a form of three or more cut short.
fn word_matches(word: &str, token: &str, position: usize, len: usize) -> bool {
    token == word
        || (len >= 2 && is_respelled(word, token))
        || (position + 1 == len && len >= 3 && is_cut(word, token))
}

/// A legal form phrase found in a token list: where it starts, how many
/// tokens it spans and the symbol it stands for.
struct LegalFormSpan {
    start: usize,
    len: usize,
    symbol: &'static str,
    placement: Placement,
}

/// Every legal form phrase in `tokens`, left to right, not overlapping.
fn find_legal_forms(tokens: &[Token]) -> Vec<LegalFormSpan> {
    let mut spans = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        let phrase = forms_starting_with(tokens[at].text.as_str()).and_then(|forms| {
            forms.iter().find(|(words, _, _)| {
                words.len() <= tokens.len() - at
                    && words.iter().zip(&tokens[at..]).enumerate().all(
                        |(position, (word, token))| {
                            word_matches(word, &token.text, position, words.len())
                        },
                    )
            })
        });
        match phrase {
            Some((words, symbol, placement)) => {
                spans.push(LegalFormSpan {
                    start: at,
                    len: words.len(),
                    symbol,
                    placement: *placement,
                });
                at += words.len();
            }
            None => at += 1,
        }
    }
    spans
}

/// True when `token` is the last word of a long legal form cut short (OFAC
/// cuts names at a fixed length: `OTVETSTVENNOST`): at least six letters
/// of it.
fn is_cut(word: &str, token: &str) -> bool {
    token.len() >= MIN_RESPELLED_BYTES && word.starts_with(token)
}

/// True when `token` is a long word of a legal form spelled by another
/// romanization (`otvetstvennostju`, `ogranichennoi`) or with one typo
/// in its romanization key (`otvetsvennostyu`).
fn is_respelled(word: &str, token: &str) -> bool {
    if token.len() < MIN_RESPELLED_BYTES || word.len() < MIN_RESPELLED_BYTES {
        return false;
    }
    let (word_key, token_key) = (super::phonetic::fold(word), super::phonetic::fold(token));
    word_key == token_key
        || super::edits::osa_distance_within(word_key.as_bytes(), token_key.as_bytes(), 1).is_some()
}

/// Keeps the spans whose placement allows them where they are: in the
/// run of legal forms that starts the name (`ПАО НК Роснефть`) or in the
/// one that ends it (`Acme Co., Ltd.`), and with `edges_only` nowhere
/// else (in a name of unknown kind a short legal form word in the middle,
/// `Ao`, `Sa`, is more likely a name). The runs are counted from each end
/// over the spans that follow one another.
fn keep_placed_spans(
    spans: Vec<LegalFormSpan>,
    token_count: usize,
    edges_only: bool,
) -> Vec<LegalFormSpan> {
    let mut trailing_start = token_count;
    for span in spans.iter().rev() {
        if span.start + span.len == trailing_start {
            trailing_start = span.start;
        } else {
            break;
        }
    }
    let mut leading_end = 0;
    for span in &spans {
        if span.start == leading_end {
            leading_end = span.start + span.len;
        } else {
            break;
        }
    }
    spans
        .into_iter()
        .filter(|span| {
            let trailing = span.start >= trailing_start;
            let leading = span.start < leading_end;
            match span.placement {
                Placement::End => trailing,
                Placement::Edge => trailing || leading,
                Placement::Anywhere => !edges_only || trailing || leading,
            }
        })
        .collect()
}

/// The symbols of forms that name the trade with the form (`nk`: oil
/// company; `akb`: joint-stock commercial bank), with the trade's word and
/// the form's own symbol.
const TRADES_OF_FORMS: &[(&str, &str, &str)] = &[("nk", "oil", "co"), ("akb", "bank", "jsc")];

/// The trade a form's `symbol` names, if any, and the symbol to write for
/// the form itself.
fn trade_of_form(symbol: &'static str) -> (Option<&'static str>, &'static str) {
    TRADES_OF_FORMS
        .iter()
        .find(|(form, _, _)| *form == symbol)
        .map_or((None, symbol), |&(_, trade, form)| (Some(trade), form))
}

/// Replaces legal form phrases by their symbol tokens (a trade's form by
/// the trade's word, unless the name writes it apart, and the form's
/// symbol, [`trade_of_form`]); with
/// `edges_only` only those at the start or end of the name.
pub(crate) fn merge_legal_forms(tokens: Vec<Token>, edges_only: bool) -> Vec<Token> {
    let spans = keep_placed_spans(find_legal_forms(&tokens), tokens.len(), edges_only);
    if spans.is_empty() {
        return tokens;
    }
    let mut merged = Vec::with_capacity(tokens.len());
    let mut spans = spans.into_iter().peekable();
    let mut at = 0;
    while at < tokens.len() {
        match spans.next_if(|span| span.start == at) {
            Some(span) => {
                let (trade, symbol) = trade_of_form(span.symbol);
                // a trade the name writes apart is written once (`MOSCOW
                // BANK PJSCB`)
                let mut outside = tokens[..span.start]
                    .iter()
                    .chain(&tokens[span.start + span.len..]);
                if let Some(trade) = trade
                    && !outside.any(|token| token.text == trade)
                {
                    merged.push(Token {
                        text: trade.to_string(),
                        kind: TokenKind::Word,
                        abjad: false,
                    });
                }
                merged.push(Token {
                    text: symbol.to_string(),
                    kind: TokenKind::LegalForm,
                    abjad: false,
                });
                at += span.len;
            }
            None => {
                merged.push(tokens[at].clone());
                at += 1;
            }
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::tokens::{NameStyle, tokenize};

    fn symbols(name: &str) -> Vec<String> {
        tokenize(name, NameStyle::Organization)
            .into_iter()
            .filter(|token| token.kind == TokenKind::LegalForm)
            .map(|token| token.text)
            .collect()
    }

    #[test]
    fn long_forms_are_read_in_any_romanization() {
        for llc in [
            "OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU EKOGRUPP",
            "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTIU EKOGRUPP",
            "OBSCHESTVO S OGRANICHENNOJ OTVETSTVENNOSTJU EKOGRUPP",
            "OBSHCHESTVO S OGRANICHENNOI OTVETSVENNOSTYU EKOGRUPP",
            "OOO EKOGRUPP",
        ] {
            assert_eq!(symbols(llc), ["llc"], "{llc}");
        }
        assert_eq!(symbols("PUBLICHNOYE AKTSIONERNOYE OBSHCHESTVO X"), ["jsc"]);
        assert_eq!(
            symbols("GOSUDARSTVENNOE UNITARNOE PREDPRIYATIE RESPUBLIKI KRYM UNIVERSAL-AVIA"),
            ["sue"]
        );
        for sue in [
            "STATE ENTERPRISE UNIVERSAL-AVIA",
            "REPUBLICAN UNITARY ENTERPRISE TSENTRKURORT",
            "GOSUDARSTVENNOYE PREDPRIYATIYE TSENTRKURORT",
            "RESPUBLIKANSKOYE UNITARNOYE PREDPRIYATIYE TSENTRKURORT",
        ] {
            assert_eq!(symbols(sue), ["sue"], "{sue}");
        }
        for npp in [
            "NAUCHNO-PROIZVODSTVENNOYE PREDPRIYATIYE ISTOK",
            "RESEARCH AND PRODUCTION ENTERPRISE ISTOK",
            "SCIENTIFIC PRODUCTION ENTERPRISE ISTOK",
        ] {
            assert_eq!(symbols(npp), ["npp"], "{npp}");
        }
        assert_eq!(
            symbols("NAUCHNO PROIZVODSTVENNOE OBYEDINENIE ISTOK"),
            ["npo"]
        );
    }

    #[test]
    fn company_cut_short_ends_the_same_forms() {
        assert_eq!(symbols("Joint Stock Comp. Rosoboronexport"), ["jsc"]);
        assert_eq!(symbols("Public Joint Stock Co Sovcomflot"), ["jsc"]);
        assert_eq!(symbols("Oil Co Rosneft"), ["co"]);
        assert_eq!(symbols("Comercial Delta S.A. de C.V."), ["sadecv"]);
        assert_eq!(
            symbols("COMERCIAL DELTA SOCIEDAD ANONIMA DE CAPITAL VARIABLE"),
            ["sadecv"]
        );
    }

    #[test]
    fn forms_of_other_jurisdictions_are_read() {
        for (name, symbol) in [
            ("GARANTEX EUROPE OÜ", "llc"),
            ("SIA BALTIC FREIGHT", "llc"),
            ("UAB VILKAS", "jsc"),
            ("TRAKIA EOOD", "llc"),
            ("DUNA KFT.", "llc"),
            ("MORAVA S.R.O.", "llc"),
            ("MORAVA SPOL. S R.O.", "llc"),
            ("BELTECH ODO", "odo"),
            ("PT SINAR JAYA", "ltd"),
            ("SINAR JAYA TBK", "jsc"),
            ("NORDVIK AB", "jsc"),
            ("AK VORELNEFT", "jsc"),
            ("CEDAR TRADING S.A.L.", "sa"),
            ("ANKARA MAKINA A.S.", "jsc"),
            ("BEIJING HUAXIN YOUXIAN GONGSI", "ltd"),
        ] {
            assert_eq!(symbols(name), [symbol], "{name}");
        }
    }

    #[test]
    fn a_joint_stock_commercial_bank_is_a_bank_and_a_form() {
        let texts = |name: &str| -> Vec<String> {
            tokenize(name, NameStyle::Organization)
                .into_iter()
                .map(|token| token.text)
                .collect()
        };
        for name in [
            "AKB VORELBANK",
            "AKTSIONERNY KOMMERCHESKIY BANK VORELBANK",
            "JOINT STOCK COMMERCIAL BANK VORELBANK",
            "JSCB VORELBANK",
        ] {
            assert_eq!(texts(name), ["bank", "jsc", "vorelbank"], "{name}");
        }
        assert_eq!(texts("PAO AKB VOREL"), ["jsc", "bank", "jsc", "vorel"]);
        assert!(symbols("NORD AKB TRANS").is_empty(), "only at an edge");
        assert_eq!(
            texts("MOSCOW VOREL BANK PJSCB"),
            ["moscow", "vorel", "bank", "jsc"]
        );
    }

    #[test]
    fn ambiguous_forms_are_read_only_where_forms_stand() {
        // Arabic articles at the start or inside a name
        assert!(symbols("AS SALAM FOUNDATION").is_empty());
        assert!(symbols("JAMIAT AD DAWA").is_empty());
        assert!(symbols("MAKTAB AS SAFA TRADING").is_empty());
        // `AB` inside a name; `PT` only first
        assert!(symbols("NORD AB TRANS").is_empty());
        assert!(symbols("SINAR PT JAYA").is_empty());
        assert_eq!(symbols("AB NORDVIK"), ["jsc"]);
    }

    #[test]
    fn short_words_of_a_form_are_not_respelled() {
        // `s` and `oao` must be written as they are
        assert!(symbols("OBSHCHESTVO X OGRANICHENNOY OTVETSTVENNOSTYU EKO").is_empty());
    }

    #[test]
    fn acronyms_spell_a_legal_form_by_its_initials_or_as_written() {
        let letters =
            |symbol: &str| -> Vec<&str> { acronym_letters(symbol).iter().map(|l| &**l).collect() };
        assert!(letters("nk").contains(&"oc"));
        assert!(letters("nk").contains(&"nk"));
        assert!(letters("sa").contains(&"sa"));
        assert!(letters("jsc").contains(&"pjsc"));
        assert!(letters("corp").contains(&"c"));
        assert!(letters("word").is_empty());
    }
}
