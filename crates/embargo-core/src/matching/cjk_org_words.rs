//! The common words of organizations' names in Chinese and Korean, which
//! these scripts write joined to the body's own name: `华为技术有限公司`
//! is Huawei (`华为`) Technologies (`技术`) Co., Ltd. (`有限公司`),
//! `조선광선은행` is Korea (`조선`) Kwangson (`광선`) Bank (`은행`).
//!
//! Read whole, such a name is one long syllable string
//! (`huaweijishuyouxiangongsi`) that meets no listed word. [`split`]
//! takes the known words off its end (legal forms, trades, kinds of body)
//! and off its start (the country), and gives each as the English word
//! the lists write for it; what is left is the body's own name, read as
//! its script is. The words are the standard translations of the forms
//! and trades that Chinese and Korean company names use (both simplified
//! and traditional characters), and the names of China and Korea
//! (`조선`, `朝鲜`: the North's name for Korea) at the start.

/// One piece of a chunk of Chinese or Korean characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    /// Characters read as their script is (`华为`).
    Native(&'a str),
    /// A known word, as the English words the lists write for it
    /// (`有限公司`: `co ltd`).
    English(&'static str),
}

/// Most characters of a Chinese or Korean personal name written in one
/// piece (a surname of one or two, a given name of one or two): a name
/// of unknown kind that long may be a person's, whose syllables can
/// write a known word (`조선영`, Cho Seon-yeong), and is not split.
pub(crate) const MAX_PERSONAL_NAME_CHARS: usize = 4;

/// Most pieces [`split`] takes off one chunk: names carry a few generic
/// words, and the cost stays bounded whatever the input.
const MAX_PIECES: usize = 8;

/// Words at the end of a name, each with its English words; longer
/// words before the words they end with (`股份有限公司` before `公司`).
const ENDINGS: &[(&str, &str)] = &[
    // legal forms
    ("股份有限公司", "co ltd"),
    ("有限责任公司", "co ltd"),
    ("有限責任公司", "co ltd"),
    ("有限公司", "co ltd"),
    ("주식회사", "co ltd"),
    ("유한회사", "co ltd"),
    ("총회사", "general corporation"),
    ("公司", "company"),
    ("회사", "company"),
    // kinds of body
    ("集团", "group"),
    ("集團", "group"),
    ("그룹", "group"),
    ("银行", "bank"),
    ("銀行", "bank"),
    ("은행", "bank"),
    ("大学", "university"),
    ("大學", "university"),
    ("대학교", "university"),
    ("대학", "university"),
    ("研究所", "institute"),
    ("연구소", "institute"),
    ("控股", "holding"),
    // trades
    ("技术", "technology"),
    ("技術", "technology"),
    ("科技", "technology"),
    ("기술", "technology"),
    ("贸易", "trading"),
    ("貿易", "trading"),
    ("무역", "trading"),
    ("进出口", "import export"),
    ("進出口", "import export"),
    ("工业", "industry"),
    ("工業", "industry"),
    ("공업", "industry"),
    ("航运", "shipping"),
    ("航運", "shipping"),
    ("해운", "shipping"),
    ("物流", "logistics"),
    ("电子", "electronics"),
    ("電子", "electronics"),
    ("전자", "electronics"),
    ("投资", "investment"),
    ("投資", "investment"),
    ("투자", "investment"),
    ("国际", "international"),
    ("國際", "international"),
    ("국제", "international"),
];

/// Words at the start of a name: the country it is of.
const STARTS: &[(&str, &str)] = &[
    ("中国", "china"),
    ("中國", "china"),
    ("香港", "hong kong"),
    ("朝鲜", "korea"),
    ("朝鮮", "korea"),
    ("조선", "korea"),
    ("한국", "korea"),
];

/// The pieces of `chunk` (one whitespace-separated chunk of an
/// organization's name) when it is Chinese or Korean with a known word
/// at either end and something else besides; `None` otherwise (a chunk
/// that is a known word alone is read as it is).
pub(crate) fn split(chunk: &str) -> Option<Vec<Piece<'_>>> {
    if chunk.is_ascii() || !chunk.chars().all(is_cjk) {
        return None;
    }
    let mut rest = chunk;
    let mut start = Vec::new();
    let mut end = Vec::new();
    while start.len() + end.len() < MAX_PIECES {
        if let Some((word, english)) = known_at(rest, ENDINGS, true) {
            end.push(Piece::English(english));
            rest = word;
        } else if let Some((word, english)) = known_at(rest, STARTS, false) {
            start.push(Piece::English(english));
            rest = word;
        } else {
            break;
        }
    }
    if rest.is_empty() || (start.is_empty() && end.is_empty()) {
        return None;
    }
    end.reverse();
    start.push(Piece::Native(rest));
    start.extend(end);
    Some(start)
}

/// The rest of `text` and the English words of the first word of
/// `words` it ends with (`at_end`) or starts with, leaving something.
fn known_at<'t>(
    text: &'t str,
    words: &[(&str, &'static str)],
    at_end: bool,
) -> Option<(&'t str, &'static str)> {
    words.iter().find_map(|&(word, english)| {
        let rest = if at_end {
            text.strip_suffix(word)
        } else {
            text.strip_prefix(word)
        };
        rest.filter(|rest| !rest.is_empty())
            .map(|rest| (rest, english))
    })
}

/// True for a Han character or a Hangul syllable.
fn is_cjk(c: char) -> bool {
    super::translit::is_han(c) || super::translit::is_hangul(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_words_come_off_both_ends() {
        assert_eq!(
            split("华为技术有限公司"),
            Some(vec![
                Piece::Native("华为"),
                Piece::English("technology"),
                Piece::English("co ltd"),
            ])
        );
        assert_eq!(
            split("조선광선은행"),
            Some(vec![
                Piece::English("korea"),
                Piece::Native("광선"),
                Piece::English("bank"),
            ])
        );
        assert_eq!(split("公司"), None, "a known word alone");
        assert_eq!(split("华为"), None, "no known word");
        assert_eq!(split("Huawei公司"), None, "not all characters");
    }
}
