//! Cutting a text into blocks scanned one after another, so that what a
//! scan holds in memory is bounded by the block, whatever the length of
//! the text.
//!
//! A block (2 MiB at most) ends in its last 64 KiB at a phrase break
//! after a whitespace character ([`phrase_cuts`], after a line end when
//! there is one): no candidate span, wallet or identifier crosses such a place, so
//! the blocks together give the mentions of the whole text. Two things a
//! scan judges over its whole text are judged per block: whether the text
//! is written in mixed case, and the places a word's typos are searched
//! (a typo found beside a name in one place is looked for in every place
//! the same word is written).
//!
//! A phrase longer than 64 KiB (a text without punctuation: a list of
//! names, one per line) would cost the scan a table entry per word and
//! name; it starts a block of its own, which ends inside it, after the last
//! line end (else the last whitespace) of its first 64 KiB. The next block
//! starts again [`overlap_bytes`] (16 KiB) before that cut, so that a name
//! written across the cut is found whole: mentions starting in the first
//! half of the overlap are the first block's, the others the next
//! block's, and a mention overlapping one already reported is dropped.

use std::io::{ErrorKind, Read};

use super::decode::{ScanError, not_utf8};
use super::text::{PhraseCut, TextPosition, longest_unbroken_run, phrase_cuts};

/// Most bytes of text in a block.
pub const BLOCK_BYTES: usize = 2 << 20;
/// Fewest bytes of text in a block (for tests of the cuts, smaller blocks
/// can be asked for, down to this).
pub const MIN_BLOCK_BYTES: usize = 1024;
/// Most bytes of a phrase held whole by a block ([`max_phrase_bytes`]).
const MAX_PHRASE_BYTES: usize = 64 << 10;
/// Bytes read from a reader at a time.
const READ_BYTES: usize = 64 << 10;

/// One block of a text, with where it is in the whole text.
///
/// A text is scanned a block at a time: a block holds at most
/// [`BLOCK_BYTES`] and ends at a phrase break, which no mention crosses;
/// whether the text is in mixed case, and where a word's typos are
/// searched, are judged per block. A phrase longer than 64 KiB (a list
/// without punctuation) is cut inside, the next block starting 16 KiB
/// before the cut so that a name written across it is found whole, once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block<'t> {
    /// The block's text.
    pub text: &'t str,
    /// Where its first byte is in the whole text.
    pub start: TextPosition,
    /// Mentions starting before this byte offset (in the whole text) were
    /// the previous block's.
    pub(super) new_from: usize,
    /// Mentions starting at or after this byte offset are the next
    /// block's.
    pub(super) new_to: usize,
}

impl<'t> Block<'t> {
    /// The text of the bytes `start..end` of the whole text, if this block
    /// holds them (a mention's text: `block.slice(span.start, span.end)`).
    pub fn slice(&self, start: usize, end: usize) -> Option<&'t str> {
        let from = start.checked_sub(self.start.offset)?;
        let to = end.checked_sub(self.start.offset)?;
        self.text.get(from..to)
    }
}

/// Where the mentions reported so far end, so that a block sharing text
/// with the one before (cut inside a phrase) reports no mention
/// overlapping one already reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Reported {
    /// Byte offset (in the whole text) just past the last mention
    /// reported.
    pub(super) until: usize,
}

/// Where the first block of a text ends and what it leaves to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cut {
    /// End of the block.
    end: usize,
    /// Start of the next block: `end`, or earlier for a cut inside a
    /// phrase.
    next: usize,
    /// Mentions starting at or after this offset are the next block's.
    new_to: usize,
}

impl Cut {
    /// A cut at `end` between two phrases: the next block starts there.
    fn at(end: usize) -> Cut {
        Cut {
            end,
            next: end,
            new_to: end,
        }
    }
}

/// The longest phrase a block of `block_bytes` holds whole: 64 KiB (in
/// blocks of 128 KiB or more), half a block in smaller ones. A longer one
/// (a list without punctuation, one name per line) is cut, so that what a
/// scan keeps per phrase stays small.
pub(super) fn max_phrase_bytes(block_bytes: usize) -> usize {
    (block_bytes / 2).min(MAX_PHRASE_BYTES)
}

/// The bytes two blocks cut inside a phrase share: a quarter of the
/// longest phrase (16 KiB), room for a long name on each side of the cut
/// (64 bytes each in the smallest blocks).
pub(super) fn overlap_bytes(block_bytes: usize) -> usize {
    max_phrase_bytes(block_bytes) / 4
}

/// `block_bytes` within the sizes a block may have.
fn clamped(block_bytes: usize) -> usize {
    block_bytes.max(MIN_BLOCK_BYTES)
}

/// The largest character boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where the first block of `text` ends: all of it when it is `complete`
/// (nothing follows), fits in a block and holds no phrase longer than
/// [`max_phrase_bytes`]; else before the first such phrase, or inside it
/// if the block starts with it; else at the last phrase cut of the block's
/// last `max_phrase` bytes, after a line end if one is there (see the
/// module documentation).
fn cut(text: &str, complete: bool, block_bytes: usize) -> Cut {
    let fits = complete && text.len() <= block_bytes;
    let limit = if fits {
        text.len()
    } else {
        floor_boundary(text, block_bytes)
    };
    let max_phrase = max_phrase_bytes(block_bytes);
    // Prose breaks its phrases every few words: a look at its bytes shows
    // that no phrase can be long, and then only the last `max_phrase`
    // bytes are read for a cut. Else, or if they hold none (punctuation
    // without whitespace), the phrases are read from the block's start.
    if longest_unbroken_run(&text[..limit]) <= max_phrase / 2 {
        if fits {
            return Cut::at(text.len());
        }
        let from = floor_boundary(text, limit.saturating_sub(max_phrase));
        if let Some(end) = last_cut(phrase_cuts(text, from, limit)) {
            return Cut::at(end);
        }
    }
    // The start of the phrase being read (the block's start is one).
    let mut phrase_start = 0;
    let mut long_phrase = false;
    let cuts = phrase_cuts(text, 0, limit).take_while(|cut| {
        long_phrase = cut.at - phrase_start > max_phrase;
        if !long_phrase {
            phrase_start = cut.at;
        }
        !long_phrase
    });
    let window_cuts = cuts.filter(|cut| cut.at + max_phrase >= limit);
    let end = last_cut(window_cuts);
    long_phrase |= limit - phrase_start > max_phrase;
    if !long_phrase {
        if fits {
            return Cut::at(text.len());
        }
        if let Some(end) = end {
            return Cut::at(end);
        }
    }
    if phrase_start > 0 {
        // The next block starts with the long phrase.
        return Cut::at(phrase_start);
    }
    inside_phrase(text, max_phrase, overlap_bytes(block_bytes))
}

/// The last of `cuts` after a line end, else the last.
fn last_cut(cuts: impl Iterator<Item = PhraseCut>) -> Option<usize> {
    let (mut last, mut last_after_line) = (None, None);
    for cut in cuts {
        last = Some(cut.at);
        if cut.after_line_end {
            last_after_line = Some(cut.at);
        }
    }
    last_after_line.or(last)
}

/// A cut of a block starting with a phrase longer than `max_phrase`: after
/// the last line end of its second `max_phrase / 2` bytes (else after the
/// last whitespace, else at their end), the next block starting `overlap`
/// bytes before.
fn inside_phrase(text: &str, max_phrase: usize, overlap: usize) -> Cut {
    let to = floor_boundary(text, max_phrase);
    let from = floor_boundary(text, max_phrase / 2);
    let window = &text[from..to];
    let end = memchr::memrchr(b'\n', window.as_bytes())
        .map(|at| from + at + 1)
        .or_else(|| {
            window
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map(|(at, c)| from + at + c.len_utf8())
        })
        .unwrap_or(to);
    let next = floor_boundary(text, end.saturating_sub(overlap));
    let new_to = floor_boundary(text, end.saturating_sub(overlap / 2));
    if next == 0 {
        // Too short a text to share anything: cut without overlap.
        return Cut::at(end);
    }
    Cut { end, next, new_to }
}

/// The blocks of a text held in memory.
#[derive(Debug, Clone)]
pub(super) struct StrBlocks<'t> {
    /// What is left of the text.
    rest: &'t str,
    /// Where `rest` starts in the text.
    start: TextPosition,
    /// Where the last block's mentions stopped.
    new_from: usize,
    /// Most bytes of a block.
    block_bytes: usize,
}

impl<'t> StrBlocks<'t> {
    /// The blocks of `text`, of at most `block_bytes` each.
    pub(super) fn new(text: &'t str, block_bytes: usize) -> StrBlocks<'t> {
        StrBlocks {
            rest: text,
            start: TextPosition::START,
            new_from: 0,
            block_bytes: clamped(block_bytes),
        }
    }
}

impl<'t> Iterator for StrBlocks<'t> {
    type Item = Block<'t>;

    fn next(&mut self) -> Option<Block<'t>> {
        if self.rest.is_empty() {
            return None;
        }
        let cut = cut(self.rest, true, self.block_bytes);
        let block = Block {
            text: &self.rest[..cut.end],
            start: self.start,
            new_from: self.new_from,
            new_to: self.start.offset + cut.new_to,
        };
        self.start = self.start.after(&self.rest[..cut.next]);
        self.rest = &self.rest[cut.next..];
        self.new_from = block.new_to;
        Some(block)
    }
}

/// The blocks of a text read from a reader: UTF-8, with or without BOM,
/// read a block at a time. Bytes that are not UTF-8 end the text: the
/// blocks before them are handed out, then the error, with its line.
#[derive(Debug)]
pub(super) struct ReadBlocks<R> {
    reader: R,
    /// The input's name in errors (a file or `-`).
    label: String,
    /// Most bytes of a block.
    block_bytes: usize,
    /// Bytes read and not yet handed out past.
    buffer: Vec<u8>,
    /// How many bytes at the start of `buffer` are known to be UTF-8.
    valid: usize,
    /// Where `buffer` starts in the text.
    start: TextPosition,
    /// Bytes of `buffer` the last block handed out leaves behind, and
    /// where the text after them starts.
    consumed: Option<(usize, TextPosition)>,
    /// Where the last block's mentions stopped.
    new_from: usize,
    /// The reader has nothing more.
    at_end: bool,
    /// The first bytes read were looked at for a byte order mark.
    bom_checked: bool,
    /// The error that ends the text, handed out after its last block.
    failure: Option<ScanError>,
    /// Nothing more to hand out.
    done: bool,
}

impl<R: Read> ReadBlocks<R> {
    /// The blocks of the text `reader` gives, of at most `block_bytes`
    /// each, named `label` in errors.
    pub(super) fn new(reader: R, label: &str, block_bytes: usize) -> ReadBlocks<R> {
        ReadBlocks {
            reader,
            label: label.to_string(),
            block_bytes: clamped(block_bytes),
            buffer: Vec::new(),
            valid: 0,
            start: TextPosition::START,
            consumed: None,
            new_from: 0,
            at_end: false,
            bom_checked: false,
            failure: None,
            done: false,
        }
    }

    /// The next block; `None` after the last. An error (the reader's, or
    /// bytes that are not UTF-8) comes after the blocks of the text before
    /// it, and ends the text.
    pub(super) fn next_block(&mut self) -> Result<Option<Block<'_>>, ScanError> {
        if let Some((consumed, start)) = self.consumed.take() {
            self.buffer.drain(..consumed);
            self.valid -= consumed;
            self.start = start;
        }
        if self.done {
            return Ok(None);
        }
        if self.failure.is_none() {
            if let Err(error) = self.fill() {
                self.failure = Some(error);
            }
            self.check_bom()?;
            self.validate();
        }
        let complete = self.failure.is_some() || self.at_end && self.valid == self.buffer.len();
        let text = match std::str::from_utf8(&self.buffer[..self.valid]) {
            Ok(text) => text,
            Err(error) => {
                self.done = true;
                return Err(not_utf8(&self.label, self.start, &self.buffer, error));
            }
        };
        if text.is_empty() {
            self.done = true;
            return self.failure.take().map_or(Ok(None), Err);
        }
        let cut = cut(text, complete, self.block_bytes);
        let block = Block {
            text: &text[..cut.end],
            start: self.start,
            new_from: self.new_from,
            new_to: self.start.offset + cut.new_to,
        };
        self.consumed = Some((cut.next, self.start.after(&text[..cut.next])));
        self.new_from = block.new_to;
        Ok(Some(block))
    }

    /// Reads until the buffer holds a block and the bytes of a character
    /// cut at its end, or the reader has nothing more.
    fn fill(&mut self) -> Result<(), ScanError> {
        let wanted = self.block_bytes + 4;
        while !self.at_end && self.buffer.len() < wanted {
            let had = self.buffer.len();
            self.buffer.resize(had + READ_BYTES.min(wanted - had), 0);
            let read = self.reader.read(&mut self.buffer[had..]);
            match read {
                Ok(0) => {
                    self.buffer.truncate(had);
                    self.at_end = true;
                }
                Ok(count) => self.buffer.truncate(had + count),
                Err(error) if error.kind() == ErrorKind::Interrupted => self.buffer.truncate(had),
                Err(error) => {
                    self.buffer.truncate(had);
                    self.at_end = true;
                    return Err(ScanError::Read {
                        label: self.label.clone(),
                        message: error.to_string(),
                    });
                }
            }
        }
        Ok(())
    }

    /// Refuses UTF-16 and drops a UTF-8 byte order mark, at the start of
    /// the text.
    fn check_bom(&mut self) -> Result<(), ScanError> {
        if self.bom_checked || self.buffer.len() < 3 && !self.at_end {
            return Ok(());
        }
        self.bom_checked = true;
        if crate::decode::is_utf16(&self.buffer) {
            self.done = true;
            return Err(ScanError::Encoding {
                label: self.label.clone(),
                message: crate::decode::utf16_refusal("text"),
            });
        }
        if let Some((_, length)) = crate::decode::byte_order_mark(&self.buffer) {
            self.buffer.drain(..length);
        }
        Ok(())
    }

    /// Extends the known UTF-8 prefix of the buffer; bytes that are not
    /// UTF-8 (or a character cut by the end of the input) end the text
    /// there, with their error.
    fn validate(&mut self) {
        if let Err(error) = std::str::from_utf8(&self.buffer[self.valid..]) {
            let bad_at = self.valid + error.valid_up_to();
            let cut_character = error.error_len().is_none() && !self.at_end;
            if !cut_character && self.failure.is_none() {
                let before = String::from_utf8_lossy(&self.buffer[..self.valid]);
                let start = self.start.after(&before);
                let rest = &self.buffer[self.valid..];
                self.failure = Some(not_utf8(&self.label, start, rest, error));
                self.buffer.truncate(bad_at);
                self.at_end = true;
            }
            self.valid = bad_at;
        } else {
            self.valid = self.buffer.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block as the tests compare them: its text, start, and the offsets
    /// its mentions are reported between.
    type OwnedBlock = (String, TextPosition, usize, usize);

    /// Every block of `text` (blocks of `block_bytes`), read from memory.
    fn str_blocks(text: &str, block_bytes: usize) -> Vec<Block<'_>> {
        StrBlocks::new(text, block_bytes).collect()
    }

    /// The blocks of `text` read `chunk` bytes at a time, as owned texts
    /// with their starts, then the error if any.
    fn read_blocks(bytes: &[u8], block_bytes: usize) -> (Vec<OwnedBlock>, Option<ScanError>) {
        /// A reader that gives at most 1,000 bytes per read.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, into: &mut [u8]) -> std::io::Result<usize> {
                let count = into.len().min(self.0.len()).min(1000);
                into[..count].copy_from_slice(&self.0[..count]);
                self.0 = &self.0[count..];
                Ok(count)
            }
        }
        let mut blocks = ReadBlocks::new(Trickle(bytes), "memo.txt", block_bytes);
        let mut out = Vec::new();
        loop {
            match blocks.next_block() {
                Ok(Some(block)) => out.push((
                    block.text.to_string(),
                    block.start,
                    block.new_from,
                    block.new_to,
                )),
                Ok(None) => return (out, None),
                Err(error) => {
                    assert!(matches!(blocks.next_block(), Ok(None)));
                    return (out, Some(error));
                }
            }
        }
    }

    fn owned(blocks: &[Block<'_>]) -> Vec<OwnedBlock> {
        blocks
            .iter()
            .map(|b| (b.text.to_string(), b.start, b.new_from, b.new_to))
            .collect()
    }

    /// Sentences of a news style, with line ends and a blank line now and
    /// then: about 60 bytes each.
    fn prose(sentences: usize) -> String {
        (0..sentences)
            .map(|n| match n % 7 {
                0 => format!("Kim Sang Man met the board on day {n}, in Pyongyang.\n"),
                3 => format!("Über die Zahlung {n} berichtete die Zeitung am Montag.\n\n"),
                _ => format!("The transfer {n} went through a bank in Dalian. "),
            })
            .collect()
    }

    #[test]
    fn blocks_of_prose_end_at_phrase_breaks_and_join_into_the_text() {
        let text = prose(400);
        let blocks = str_blocks(&text, MIN_BLOCK_BYTES);
        assert!(blocks.len() > 4, "{}", blocks.len());
        let mut joined = String::new();
        let mut position = TextPosition::START;
        for block in &blocks {
            assert!(block.text.len() <= MIN_BLOCK_BYTES);
            assert_eq!(block.start, position);
            assert_eq!(block.new_from, position.offset);
            position = position.after(block.text);
            assert_eq!(block.new_to, position.offset);
            joined.push_str(block.text);
        }
        assert_eq!(joined, text);
        // Read from a reader, the blocks are the same.
        assert_eq!(
            read_blocks(text.as_bytes(), MIN_BLOCK_BYTES),
            (owned(&blocks), None)
        );
    }

    #[test]
    fn a_phrase_longer_than_a_block_is_cut_at_line_ends_with_an_overlap() {
        let text = "Kim Sang Man\n".repeat(1000);
        let blocks = str_blocks(&text, MIN_BLOCK_BYTES);
        assert!(blocks.len() > 3);
        let overlap = overlap_bytes(MIN_BLOCK_BYTES);
        for pair in blocks.windows(2) {
            let (first, next) = (&pair[0], &pair[1]);
            let end = first.start.offset + first.text.len();
            assert!(first.text.ends_with('\n'));
            assert_eq!(next.start.offset, end - overlap);
            assert_eq!(first.new_to, end - overlap / 2);
            assert_eq!(next.new_from, first.new_to);
            assert_eq!(
                next.start,
                TextPosition::START.after(&text[..next.start.offset])
            );
            assert_eq!(next.slice(end - 5, end), Some(" Man\n"));
        }
        let last = blocks.last().unwrap();
        assert_eq!(last.start.offset + last.text.len(), text.len());
        assert_eq!(last.new_to, text.len());
        assert_eq!(
            read_blocks(text.as_bytes(), MIN_BLOCK_BYTES),
            (owned(&blocks), None)
        );
    }

    #[test]
    fn a_long_phrase_inside_prose_starts_a_block_and_is_cut_into_short_ones() {
        let list = "Kim Sang Man\n".repeat(200);
        let text = format!("{}{list}{}", prose(10), prose(10));
        let block_bytes = 2 * MIN_BLOCK_BYTES;
        let max_phrase = max_phrase_bytes(block_bytes);
        assert!(list.len() > 2 * max_phrase);
        let blocks = str_blocks(&text, block_bytes);
        let list_start = prose(10).len();
        let list_end = list_start + list.len();
        assert_eq!(blocks[0].text.len(), list_start);
        let in_list: Vec<&Block> = blocks
            .iter()
            .filter(|b| b.start.offset >= list_start && b.start.offset < list_end)
            .filter(|b| b.start.offset + b.text.len() < text.len())
            .collect();
        assert!(in_list.len() >= 2);
        for block in in_list {
            assert!(block.text.len() <= max_phrase, "{}", block.text.len());
            assert!(block.text.ends_with('\n'));
        }
        let last = blocks.last().unwrap();
        assert_eq!(last.start.offset + last.text.len(), text.len());
        assert_eq!(
            read_blocks(text.as_bytes(), block_bytes),
            (owned(&blocks), None)
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_end_the_text_after_the_blocks_before_them() {
        let mut bytes = prose(200).into_bytes();
        let text_len = bytes.len();
        bytes.extend_from_slice(b"Caf\xe9 Lazarus Group\n");
        let (blocks, error) = read_blocks(&bytes, MIN_BLOCK_BYTES);
        let read: String = blocks.iter().map(|b| b.0.as_str()).collect();
        assert_eq!(read, format!("{}Caf", prose(200)));
        let lines = prose(200).matches('\n').count() + 1;
        assert_eq!(
            error.map(|e| e.to_string()),
            Some(format!(
                "memo.txt: line {lines}: not UTF-8 text (byte 0xe9); convert it to UTF-8 \
                 (it may be Latin-1 or Windows-1252)"
            ))
        );
        assert!(text_len > MIN_BLOCK_BYTES);
        // A character cut by the end of the input is not UTF-8 either.
        let (_, error) = read_blocks(
            "Kim Sang Man é".as_bytes().split_last().unwrap().1,
            MIN_BLOCK_BYTES,
        );
        assert!(error.is_some_and(|e| e.to_string().contains("line 1: not UTF-8")));
    }

    #[test]
    fn a_bom_is_dropped_and_utf16_is_refused() {
        let (blocks, error) = read_blocks(b"\xEF\xBB\xBFKim Sang Man", MIN_BLOCK_BYTES);
        assert_eq!(blocks[0].0, "Kim Sang Man");
        assert_eq!(blocks[0].1, TextPosition::START);
        assert!(error.is_none());
        let (blocks, error) = read_blocks(b"\xFF\xFEK\x00i\x00m\x00", MIN_BLOCK_BYTES);
        assert!(blocks.is_empty());
        assert!(error.is_some_and(|e| e.to_string().contains("UTF-16")));
        assert_eq!(read_blocks(b"", MIN_BLOCK_BYTES), (Vec::new(), None));
    }

    #[test]
    fn punctuation_without_whitespace_is_cut_inside_with_an_overlap() {
        let text = "Kim,Sang,Man;".repeat(500);
        let blocks = str_blocks(&text, MIN_BLOCK_BYTES);
        let overlap = overlap_bytes(MIN_BLOCK_BYTES);
        for pair in blocks.windows(2) {
            let end = pair[0].start.offset + pair[0].text.len();
            assert_eq!(pair[1].start.offset, end - overlap);
        }
        let last = blocks.last().unwrap();
        assert_eq!(last.start.offset + last.text.len(), text.len());
    }

    #[test]
    fn a_text_without_whitespace_is_cut_anyway() {
        let text = "é".repeat(5000);
        let blocks = str_blocks(&text, MIN_BLOCK_BYTES);
        let last = blocks.last().unwrap();
        assert_eq!(last.start.offset + last.text.len(), text.len());
        for pair in blocks.windows(2) {
            assert!(pair[1].start.offset > pair[0].start.offset);
        }
    }
}
