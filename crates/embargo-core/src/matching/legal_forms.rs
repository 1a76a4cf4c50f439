//! Legal forms of organizations, written out or abbreviated in the
//! languages of the lists, cut short or respelled: each becomes one
//! symbol (`Joint Stock Company`, `OAO`, `ПАО` → `jsc`; `NK`, `Oil
//! Company` → `nk`), so the forms compare as one word that weighs little.

use std::collections::HashMap;
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
    ("obshchestvo s ogranichennoi otvetstvennostyu", "llc"),
    ("obshchestvo s ogranichennoy otvetstvennostiu", "llc"),
    ("obshchestvo s ogranichennoi otvetstvennostiu", "llc"),
    ("obshchestvo s ogranichennoy otvetstvennostyu", "llc"),
    ("tovarystvo z obmezhenoyu vidpovidalnistyu", "llc"),
    ("limited liability company", "llc"),
    ("societatea cu raspundere limitata", "srl"),
    ("societa a responsabilita limitata", "srl"),
    ("sociedad de responsabilidad limitada", "srl"),
    ("spolka z ograniczona odpowiedzialnoscia", "llc"),
    ("sp z oo", "llc"),
    ("spzoo", "llc"),
    ("spolka akcyjna", "sa"),
    ("neftyanaya kompaniya", "nk"),
    ("oil company", "nk"),
    ("oil co", "nk"),
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
    ("co", "co"),
    ("compania", "co"),
    ("companhia", "co"),
    ("compagnie", "co"),
    ("cia", "co"),
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
];

/// A legal form as its words and the symbol it stands for.
type LegalForm = (Vec<&'static str>, &'static str);

/// Legal form word sequences keyed by their first word, longest first.
fn legal_forms_by_first_word() -> &'static HashMap<&'static str, Vec<LegalForm>> {
    static TABLE: OnceLock<HashMap<&'static str, Vec<LegalForm>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<&str, Vec<LegalForm>> = HashMap::new();
        for (phrase, symbol) in LEGAL_FORMS {
            let words: Vec<&str> = phrase.split(' ').collect();
            table.entry(words[0]).or_default().push((words, symbol));
        }
        for forms in table.values_mut() {
            forms.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        table
    })
}

/// A legal form phrase found in a token list: where it starts, how many
/// tokens it spans and the symbol it stands for.
struct LegalFormSpan {
    start: usize,
    len: usize,
    symbol: &'static str,
}

/// Every legal form phrase in `tokens`, left to right, not overlapping.
fn find_legal_forms(tokens: &[Token]) -> Vec<LegalFormSpan> {
    let table = legal_forms_by_first_word();
    let mut spans = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        let phrase = table.get(tokens[at].text.as_str()).and_then(|forms| {
            forms.iter().find(|(words, _)| {
                words.len() <= tokens.len() - at
                    && words.iter().zip(&tokens[at..]).enumerate().all(
                        |(position, (word, token))| {
                            token.text == *word
                                || (position + 1 == words.len()
                                    && words.len() >= 3
                                    && is_cut_or_respelled(word, &token.text))
                        },
                    )
            })
        });
        match phrase {
            Some((words, symbol)) => {
                spans.push(LegalFormSpan {
                    start: at,
                    len: words.len(),
                    symbol,
                });
                at += words.len();
            }
            None => at += 1,
        }
    }
    spans
}

/// True when `token` is the last word of a long legal form cut short (OFAC
/// cuts names at a fixed length: `OTVETSTVENNOST`) or spelled by another
/// romanization (`otvetstvennostju`): at least six letters of it, or the
/// same romanization key.
fn is_cut_or_respelled(word: &str, token: &str) -> bool {
    (token.len() >= 6 && word.starts_with(token))
        || (token.len() >= 6 && super::phonetic::fold(token) == super::phonetic::fold(word))
}

/// Keeps only the spans at the very start of the name or in the run of
/// legal forms that ends it (`Acme Co., Ltd.`): in a name of unknown kind a
/// short legal form word in the middle (`Ao`, `Sa`) is more likely a name.
fn keep_edge_spans(spans: Vec<LegalFormSpan>, token_count: usize) -> Vec<LegalFormSpan> {
    let mut trailing_start = token_count;
    for span in spans.iter().rev() {
        if span.start + span.len == trailing_start {
            trailing_start = span.start;
        } else {
            break;
        }
    }
    spans
        .into_iter()
        .filter(|span| span.start == 0 || span.start >= trailing_start)
        .collect()
}

/// Replaces legal form phrases by their symbol tokens; with `edges_only`
/// only those at the start or end of the name.
pub(crate) fn merge_legal_forms(tokens: Vec<Token>, edges_only: bool) -> Vec<Token> {
    let mut spans = find_legal_forms(&tokens);
    if edges_only {
        spans = keep_edge_spans(spans, tokens.len());
    }
    if spans.is_empty() {
        return tokens;
    }
    let mut merged = Vec::with_capacity(tokens.len());
    let mut spans = spans.into_iter().peekable();
    let mut at = 0;
    while at < tokens.len() {
        match spans.next_if(|span| span.start == at) {
            Some(span) => {
                merged.push(Token {
                    text: span.symbol.to_string(),
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
