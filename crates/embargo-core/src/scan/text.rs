//! Free text cut into words with their byte offsets, the places where a
//! text may be cut into blocks scanned apart, and byte offsets turned into
//! lines and columns.
//!
//! A word is a run of letters and digits; apostrophes and combining marks
//! inside it join (`Ch'ongguk`), hyphens separate (`Sang-man` is two
//! words). A trailing possessive `'s` is left out of the word
//! (`Pyongyang's` → `Pyongyang`). Punctuation that ends a phrase (`,` `;`
//! `:` `(` `"` a full stop before a space, a blank line, ...) sets
//! [`TextWord::break_before`] on the next word: no mention spans it.

use serde::Serialize;

use crate::matching::translit::is_alphanumeric;

/// One word of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextWord {
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just past its last character (possessive `'s` excluded).
    pub end: usize,
    /// True when phrase-ending punctuation separates it from the previous
    /// word.
    pub break_before: bool,
    /// True when a hyphen joins it to the previous word (`Sang-man`).
    pub hyphen_before: bool,
}

impl TextWord {
    /// The word's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// What a character is to the word cutter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A letter or digit: starts or continues a word.
    Word,
    /// Continues a word once it has started (apostrophes, combining
    /// accents, the Arabic tatweel); else separates without a break.
    Joiner,
    /// Separates words without ending a phrase (spaces, hyphens, `&`, `/`).
    Soft,
    /// A line end: two in a row end a phrase.
    Newline,
    /// A full stop: ends a phrase when followed by a space or the end.
    Dot,
    /// Any other punctuation: ends a phrase.
    Break,
}

/// True for characters that continue a word once it has started.
const fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{02BC}' | '`' | '\u{0300}'..='\u{036F}' | '\u{0640}'
    )
}

/// True for the hyphens that join a word to the one before (`Sang-man`).
const fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// The class of a character, by the rules of the module documentation.
fn class_of(c: char) -> Class {
    if is_alphanumeric(c) {
        Class::Word
    } else {
        separator_class(c)
    }
}

/// The class of a character that is not a letter or digit.
const fn separator_class(c: char) -> Class {
    if is_joiner(c) {
        Class::Joiner
    } else if c == '\n' {
        Class::Newline
    } else if c == '.' {
        Class::Dot
    } else if c.is_whitespace() || is_hyphen(c) || matches!(c, '&' | '/') {
        Class::Soft
    } else {
        Class::Break
    }
}

/// [`class_of`] for every ASCII character, worked out at compile time.
const ASCII_CLASSES: [Class; 128] = {
    let mut classes = [Class::Break; 128];
    let mut byte = 0;
    while byte < 128 {
        let c = byte as u8 as char;
        classes[byte] = if c.is_ascii_alphanumeric() {
            Class::Word
        } else {
            separator_class(c)
        };
        byte += 1;
    }
    classes
};

/// The class and byte length of the character starting at byte `at` of
/// `text`; `None` at its end. ASCII is read from [`ASCII_CLASSES`] without
/// decoding.
fn class_at(text: &str, at: usize) -> Option<(Class, usize)> {
    match text.as_bytes().get(at) {
        Some(&byte) if byte.is_ascii() => Some((ASCII_CLASSES[usize::from(byte)], 1)),
        Some(_) => {
            let c = text.get(at..)?.chars().next()?;
            Some((class_of(c), c.len_utf8()))
        }
        None => None,
    }
}

/// Splits `text` into words; see the module documentation.
pub fn words(text: &str) -> Vec<TextWord> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut break_pending = true;
    let mut newlines = 0;
    let mut at = 0;
    while let Some((class, len)) = class_at(text, at) {
        match class {
            Class::Word => {
                let end = word_end(text, at + len);
                out.push(TextWord {
                    start: at,
                    end: without_possessive(text, at, end),
                    break_before: break_pending,
                    hyphen_before: hyphen_before(text, at),
                });
                break_pending = false;
                newlines = 0;
                at = end;
                continue;
            }
            Class::Newline => {
                newlines += 1;
                if newlines >= 2 {
                    break_pending = true;
                }
            }
            Class::Dot => break_pending |= ends_sentence(text, at),
            Class::Joiner | Class::Soft => {}
            Class::Break => break_pending = true,
        }
        at += len;
    }
    out
}

/// Whether the full stop at byte `at` ends a sentence: a whitespace
/// character or the end of the text follows it.
fn ends_sentence(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at + 1) {
        None => true,
        Some(&byte) if byte.is_ascii() => char::from(byte).is_whitespace(),
        Some(_) => text[at + 1..]
            .chars()
            .next()
            .is_some_and(char::is_whitespace),
    }
}

/// A place where a text may be cut without changing its words, its
/// phrases or its whitespace-separated chunks: just after a whitespace
/// character, between two words separated by a phrase break. The words of
/// `text[..at]` and of `text[at..]` are then those of `text` (the first
/// word after the cut starting a phrase in both), and no span or chunk
/// crosses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PhraseCut {
    /// Byte offset of the cut.
    pub(crate) at: usize,
    /// A line end comes just before it.
    pub(crate) after_line_end: bool,
}

/// The places [`PhraseCut`] describes in `text[from..to]` (`from` a
/// character boundary), in order: one per separator between two phrases
/// (after its last line end if it has one, else after its last
/// whitespace). The text before the first word read is not read as a
/// separator (reading may start inside one).
pub(crate) fn phrase_cuts(
    text: &str,
    from: usize,
    to: usize,
) -> impl Iterator<Item = PhraseCut> + '_ {
    let mut at = from;
    // The separator run between the last word read and the next: whether
    // it holds a phrase break, and the places just after its whitespace
    // (the last one, and the last after a line end).
    let mut after_word = false;
    let mut run_breaks = false;
    let mut newlines = 0;
    let mut run_cut = None;
    let mut run_line_cut = None;
    std::iter::from_fn(move || {
        while at < to {
            let (class, len) = class_at(text, at)?;
            match class {
                Class::Word => {
                    let cut = (after_word && run_breaks)
                        .then(|| {
                            run_line_cut
                                .map(|at| PhraseCut {
                                    at,
                                    after_line_end: true,
                                })
                                .or(run_cut.map(|at| PhraseCut {
                                    at,
                                    after_line_end: false,
                                }))
                        })
                        .flatten();
                    after_word = true;
                    run_breaks = false;
                    newlines = 0;
                    run_cut = None;
                    run_line_cut = None;
                    at = word_end(text, at + len);
                    if cut.is_some() {
                        return cut;
                    }
                    continue;
                }
                Class::Newline => {
                    newlines += 1;
                    run_breaks |= newlines >= 2;
                    run_cut = Some(at + len);
                    run_line_cut = Some(at + len);
                }
                Class::Dot => run_breaks |= ends_sentence(text, at),
                Class::Break => run_breaks = true,
                Class::Joiner | Class::Soft => {
                    if text[at..at + len].chars().all(char::is_whitespace) {
                        run_cut = Some(at + len);
                    }
                }
            }
            at += len;
        }
        None
    })
}

/// For each byte, whether it may end a phrase wherever it is written: ASCII
/// punctuation of [`Class::Break`], and the full stop (which does before
/// a whitespace character), worked out at compile time.
const BREAK_BYTES: [bool; 256] = {
    let mut breaks = [false; 256];
    let mut byte = 0;
    while byte < 128 {
        breaks[byte] = matches!(ASCII_CLASSES[byte], Class::Break | Class::Dot);
        byte += 1;
    }
    breaks
};

/// The longest run of `text` holding no certain phrase break: no
/// punctuation that ends a phrase wherever it is written, nor a full stop
/// before an ASCII whitespace. No phrase of `text` is longer; read byte by
/// byte, at a fraction of the cost of reading its characters.
pub(crate) fn longest_unbroken_run(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut longest = 0;
    let mut run_start = 0;
    let mut at = 0;
    while let Some(found) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| BREAK_BYTES[usize::from(b)]))
    {
        let pos = at + found;
        let breaks = bytes[pos] != b'.' || bytes.get(pos + 1).is_some_and(u8::is_ascii_whitespace);
        if breaks {
            longest = longest.max(pos - run_start);
            run_start = pos + 1;
        }
        at = pos + 1;
    }
    longest.max(bytes.len() - run_start)
}

/// The end of the word whose letters continue at byte `from`: past every
/// letter, digit and joiner.
fn word_end(text: &str, from: usize) -> usize {
    let mut end = from;
    while let Some((Class::Word | Class::Joiner, len)) = class_at(text, end) {
        end += len;
    }
    end
}

/// Whether a hyphen ([`is_hyphen`]) stands just before byte `at`.
fn hyphen_before(text: &str, at: usize) -> bool {
    match at.checked_sub(1).map(|before| text.as_bytes()[before]) {
        None => false,
        Some(byte) if byte.is_ascii() => byte == b'-',
        Some(_) => text[..at].chars().next_back().is_some_and(is_hyphen),
    }
}

/// The end of a word without a trailing possessive `'s`/`’s` or the
/// apostrophe of `Workers'`.
fn without_possessive(text: &str, start: usize, end: usize) -> usize {
    let word = &text[start..end];
    // Most words end in an ASCII letter or digit other than `s`: nothing
    // to take off.
    if word
        .as_bytes()
        .last()
        .is_some_and(|&b| b.is_ascii_alphanumeric() && !matches!(b, b's' | b'S'))
    {
        return end;
    }
    for suffix in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return start + stem.len();
        }
    }
    let trimmed = word.trim_end_matches(is_joiner);
    if trimmed.is_empty() {
        end
    } else {
        start + trimmed.len()
    }
}

/// Where a mention is in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TextSpan {
    /// Line number, from 1.
    pub line: usize,
    /// Column of the first character, from 1, counted in characters.
    pub column: usize,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
}

/// A place in a text: its byte offset, line and column, so that the
/// places of a text read in order (mentions, the starts of blocks) are
/// numbered by reading the text once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextPosition {
    /// Byte offset.
    pub offset: usize,
    /// Line number, from 1.
    pub line: usize,
    /// Column of the character at the offset, from 1, counted in
    /// characters.
    pub column: usize,
}

impl TextPosition {
    /// The start of a text.
    pub const START: TextPosition = TextPosition {
        offset: 0,
        line: 1,
        column: 1,
    };

    /// The place just past `text`, written from this place on.
    pub fn after(self, text: &str) -> TextPosition {
        let bytes = text.as_bytes();
        let offset = self.offset + text.len();
        match memchr::memrchr(b'\n', bytes) {
            None => TextPosition {
                offset,
                line: self.line,
                column: self.column + text.chars().count(),
            },
            Some(last) => TextPosition {
                offset,
                line: self.line + memchr::memchr_iter(b'\n', bytes).count(),
                column: text[last + 1..].chars().count() + 1,
            },
        }
    }

    /// The span of `len` bytes starting at this place.
    pub fn span(self, len: usize) -> TextSpan {
        TextSpan {
            line: self.line,
            column: self.column,
            start: self.offset,
            end: self.offset + len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(&str, bool)> {
        words(text)
            .iter()
            .map(|w| (w.text(text), w.break_before))
            .collect()
    }

    #[test]
    fn words_split_at_hyphens_and_drop_possessives() {
        assert_eq!(
            texts("Pyongyang's Reconnaissance General Bureau, Kim Sang-man."),
            [
                ("Pyongyang", true),
                ("Reconnaissance", false),
                ("General", false),
                ("Bureau", false),
                ("Kim", true),
                ("Sang", false),
                ("man", false),
            ]
        );
        assert_eq!(
            texts("Today’s CH'ONGGUK"),
            [("Today", true), ("CH'ONGGUK", false)]
        );
        let hyphens =
            |text: &str| -> Vec<bool> { words(text).iter().map(|w| w.hyphen_before).collect() };
        assert_eq!(
            hyphens("Kim Sang-man Ri Song\u{2010}ho é\u{2011}Pak —Jo"),
            [false, false, true, false, false, true, false, true, false]
        );
    }

    #[test]
    fn sentence_ends_and_blank_lines_break_phrases() {
        assert_eq!(
            texts("U.S. Treasury\nDepartment\n\nBrian E. Nelson. Jo.\u{00A0}Ri.é"),
            [
                ("U", true),
                ("S", false),
                ("Treasury", true),
                ("Department", false),
                ("Brian", true),
                ("E", false),
                ("Nelson", true),
                ("Jo", true),
                ("Ri", true),
                ("é", false),
            ]
        );
    }

    #[test]
    fn spans_count_lines_and_character_columns() {
        let text = "first line\nsé Kim Sang Man";
        let start = text.find("Kim").unwrap();
        let span = TextPosition::START.after(&text[..start]).span(3);
        assert_eq!(
            (span.line, span.column, span.start, span.end),
            (2, 4, 15, 18)
        );
        assert_eq!(TextPosition::START.span(5).line, 1);
        // Read in two steps, as blocks are.
        let middle = TextPosition::START.after(&text[..5]);
        assert_eq!(
            middle.after(&text[5..start]),
            TextPosition::START.after(&text[..start])
        );
        let same_line = TextPosition::START.after("sé ");
        assert_eq!(
            (same_line.offset, same_line.line, same_line.column),
            (4, 1, 4)
        );
    }

    /// The words of `text` cut at `cut`, read as two texts.
    fn words_of_halves(text: &str, cut: usize) -> Vec<TextWord> {
        let mut halves = words(&text[..cut]);
        halves.extend(words(&text[cut..]).into_iter().map(|w| TextWord {
            start: w.start + cut,
            end: w.end + cut,
            ..w
        }));
        halves
    }

    #[test]
    fn no_phrase_is_longer_than_the_longest_unbroken_run() {
        let text = "Kim Sang-man, of Pyongyang. Paid to\nJo Ri\n\n(Lazarus) U.S. firms: é Ch'ol";
        let longest = longest_unbroken_run(text);
        assert_eq!(longest, "\nJo Ri\n\n".len() + " Paid to".len());
        let mut starts = vec![0];
        starts.extend(phrase_cuts(text, 0, text.len()).map(|c| c.at));
        starts.push(text.len());
        for pair in starts.windows(2) {
            assert!(pair[1] - pair[0] <= 2 * longest, "{pair:?}");
        }
        assert_eq!(longest_unbroken_run("Kim Sang Man\nKim"), 16);
        assert_eq!(longest_unbroken_run("a.b. c"), 3);
        assert_eq!(longest_unbroken_run(""), 0);
    }

    #[test]
    fn a_text_cut_at_a_phrase_cut_has_the_words_of_the_whole() {
        let text = "Kim Sang-man, of Pyongyang. Paid to\nJo Ri\n\n(Lazarus) U.S. firms: é Ch'ol";
        let cuts: Vec<PhraseCut> = phrase_cuts(text, 0, text.len()).collect();
        let at: Vec<usize> = cuts.iter().map(|c| c.at).collect();
        assert_eq!(at, [14, 28, 43, 53, 58, 65]);
        for cut in cuts {
            let at = cut.at;
            assert!(text[..at].ends_with(char::is_whitespace), "{at}");
            assert_eq!(text[..at].ends_with('\n'), cut.after_line_end, "{at}");
            assert_eq!(words_of_halves(text, at), words(text), "cut at {at}");
            assert!(words(&text[at..]).first().is_none_or(|w| w.break_before));
        }
        // A separator's last line end is its cut; its words must be read
        // whole before it counts.
        let lines = "One, two.\nthree, four";
        let at: Vec<usize> = phrase_cuts(lines, 0, lines.len()).map(|c| c.at).collect();
        assert_eq!(at, [5, 10, 17]);
        assert_eq!(phrase_cuts(lines, 0, 9).count(), 1);
        // A single line end does not end a phrase.
        assert_eq!(phrase_cuts("One two\nthree four", 0, 18).count(), 0);
        let phrase = "Kim Sang Man\nKim Sang Man\nKim Sang Man";
        assert_eq!(phrase_cuts(phrase, 0, phrase.len()).count(), 0);
        // Read from inside a separator, the text before the first word is
        // not a cut.
        assert_eq!(
            phrase_cuts(". Kim. Sang", 0, 11)
                .map(|c| c.at)
                .collect::<Vec<_>>(),
            [7]
        );
    }
}
