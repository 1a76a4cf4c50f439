//! Scanning a text read from a reader (a file, standard input) block by
//! block: each block's mentions are handed out as soon as it is scanned,
//! so a scan holds a block of text and its mentions, never the whole text.

use std::io::Read;
use std::ops::Deref;

use super::Scanner;
use super::blocks::{BLOCK_BYTES, Block, ReadBlocks, Reported};
use super::decode::ScanError;
use super::mention::{Mention, MentionView, Placed, ScanProfile};
use crate::matching::Screener;

/// The mentions of a text read from a reader, a block at a time (see
/// [`Block`]): what [`Scanner::scan`] finds in the whole text, handed out
/// block by block. Made by [`Scanner::scan_reader`].
#[derive(Debug)]
pub struct MentionStream<'s, S: Deref<Target = Screener>, R> {
    scanner: &'s Scanner<S>,
    blocks: ReadBlocks<R>,
    reported: Reported,
}

/// One block of a text read by a [`MentionStream`], with its mentions.
#[derive(Debug)]
pub struct ScannedBlock<'b> {
    /// The block: its text and where it starts in the whole text.
    pub block: Block<'b>,
    /// Its mentions by place, in text order.
    placed: Vec<Placed>,
    /// Where the block's time went.
    pub profile: ScanProfile,
}

impl ScannedBlock<'_> {
    /// Whether the block holds no mention.
    pub fn is_empty(&self) -> bool {
        self.placed.is_empty()
    }

    /// The block's mentions in text order, placed in the whole text.
    pub fn mentions(&self) -> impl Iterator<Item = Mention> + '_ {
        self.placed.iter().flat_map(Placed::mentions)
    }

    /// The printable views of the block's mentions, in text order (made
    /// one at a time, without a copy of their results).
    pub fn views<'a, S: Deref<Target = Screener>>(
        &'a self,
        scanner: &'a Scanner<S>,
    ) -> impl Iterator<Item = MentionView<'a>> + 'a {
        self.placed.iter().flat_map(move |placed| {
            let text = self
                .block
                .slice(placed.span.start, placed.span.end)
                .unwrap_or_default();
            placed.results.iter().map(move |result| MentionView {
                text,
                span: placed.span,
                result: scanner.screener.view(result),
            })
        })
    }
}

impl<S: Deref<Target = Screener>> Scanner<S> {
    /// The mentions in the text `reader` gives (UTF-8, with or without
    /// BOM), read and scanned a block of 2 MiB at a time; `label` names
    /// the input in errors. Bytes that are not UTF-8 end the text: the
    /// mentions before them are handed out, then the error with its line.
    pub fn scan_reader<R: Read>(&self, reader: R, label: &str) -> MentionStream<'_, S, R> {
        self.scan_reader_in_blocks(reader, label, BLOCK_BYTES)
    }

    /// [`Scanner::scan_reader`] in blocks of at most `block_bytes` (at
    /// least 1,024): smaller blocks cost more cuts for less memory (for
    /// tests of the cuts between blocks).
    pub fn scan_reader_in_blocks<R: Read>(
        &self,
        reader: R,
        label: &str,
        block_bytes: usize,
    ) -> MentionStream<'_, S, R> {
        MentionStream {
            scanner: self,
            blocks: ReadBlocks::new(reader, label, block_bytes),
            reported: Reported::default(),
        }
    }
}

impl<S: Deref<Target = Screener>, R: Read> MentionStream<'_, S, R> {
    /// The next block of the text and its mentions; `None` after the
    /// last. An error (the reader's, or bytes that are not UTF-8) comes
    /// after the blocks of the text before it, and ends the stream.
    pub fn next_block(&mut self) -> Result<Option<ScannedBlock<'_>>, ScanError> {
        let Some(block) = self.blocks.next_block()? else {
            return Ok(None);
        };
        let (placed, profile) = self.scanner.scan_block(&block, &mut self.reported);
        Ok(Some(ScannedBlock {
            block,
            placed,
            profile,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::super::MIN_BLOCK_BYTES;
    use super::super::blocks::max_phrase_bytes;
    use super::super::test_lists::*;
    use super::*;

    /// Every mention of the text `bytes`, read in blocks of `block_bytes`:
    /// `(text, entity id, line, column, start)`.
    fn streamed(
        scanner: &Scanner<&Screener>,
        bytes: &[u8],
        block_bytes: usize,
    ) -> Vec<(String, String, usize, usize, usize)> {
        let mut stream = scanner.scan_reader_in_blocks(bytes, "memo.txt", block_bytes);
        let mut found = Vec::new();
        while let Some(scanned) = stream.next_block().unwrap() {
            for view in scanned.views(scanner) {
                let span = view.span;
                found.push((
                    view.text.to_string(),
                    view.result.id.to_string(),
                    span.line,
                    span.column,
                    span.start,
                ));
            }
        }
        found
    }

    /// [`streamed`] for a text scanned whole.
    fn whole(
        scanner: &Scanner<&Screener>,
        text: &str,
    ) -> Vec<(String, String, usize, usize, usize)> {
        scanner
            .scan(text)
            .iter()
            .map(|m| {
                let view = scanner.view(text, m);
                let span = view.span;
                (
                    view.text.to_string(),
                    view.result.id.to_string(),
                    span.line,
                    span.column,
                    span.start,
                )
            })
            .collect()
    }

    /// Asserts that `found` is `expected`, naming the first difference
    /// (the lists are long).
    fn assert_same<T: PartialEq + std::fmt::Debug>(found: &[T], expected: &[T]) {
        let first_difference = found.iter().zip(expected).position(|(f, e)| f != e);
        assert_eq!(first_difference, None, "first difference");
        assert_eq!(found.len(), expected.len());
    }

    /// A party named on every line of a text without punctuation (one
    /// phrase of 140,000 words) is one mention per line, whether the text
    /// is scanned in blocks of the longest phrase or of 1 KiB, cut inside
    /// that phrase; each distinct span text is verified once per block.
    #[test]
    fn a_name_on_each_of_20000_lines_is_one_mention_per_line() {
        let screener = screener();
        let scanner = Scanner::new(&screener, 0.7);
        let line = "Paid to Kim Sang Man on Monday\n";
        let text = line.repeat(20_000);
        let expected: Vec<(String, String, usize, usize, usize)> = (0..20_000)
            .map(|n| {
                let start = line.len() * n + "Paid to ".len();
                (
                    "Kim Sang Man".to_string(),
                    "t:kim".to_string(),
                    n + 1,
                    9,
                    start,
                )
            })
            .collect();
        assert_same(&whole(&scanner, &text), &expected);
        assert_same(
            &streamed(&scanner, text.as_bytes(), MIN_BLOCK_BYTES),
            &expected,
        );
        // A phrase this long is scanned in blocks of 64 KiB at most, each
        // verifying its few distinct span texts once.
        let (_, profile) = scanner.scan_profiled(&text);
        assert_eq!(profile.blocks, 13);
        assert!(profile.verified <= 3 * profile.blocks, "{profile:?}");
    }

    /// A block cut inside a phrase, between `Sang` and `Man`: the next
    /// block starts before the cut and finds the name whole, once.
    #[test]
    fn a_name_written_across_a_cut_between_blocks_is_found_once() {
        let screener = screener();
        let scanner = Scanner::new(&screener, 0.7);
        // No punctuation and no line end: the first block is cut after its
        // last space, which follows `Sang`.
        let filler = max_phrase_bytes(MIN_BLOCK_BYTES) - "Kim Sang ".len();
        let mut before = "w ".repeat(filler / 2);
        if filler % 2 == 1 {
            before.push(' ');
        }
        let text = format!("{before}Kim Sang Man {}", "word ".repeat(1000));
        let expected = vec![(
            "Kim Sang Man".to_string(),
            "t:kim".to_string(),
            1,
            before.len() + 1,
            before.len(),
        )];
        let mut blocks = scanner.scan_reader_in_blocks(text.as_bytes(), "-", MIN_BLOCK_BYTES);
        let first = blocks.next_block().unwrap().unwrap();
        assert!(
            first.block.text.ends_with("Kim Sang "),
            "the cut is elsewhere"
        );
        assert_eq!(
            streamed(&scanner, text.as_bytes(), MIN_BLOCK_BYTES),
            expected
        );
        assert_eq!(whole(&scanner, &text), expected);
    }

    /// Cut at phrase breaks, prose gives the mentions of the whole text.
    #[test]
    fn prose_read_in_blocks_gives_the_mentions_of_the_whole_text() {
        let screener = screener();
        let scanner = Scanner::new(&screener, 0.7);
        let text: String = (0..300)
            .map(|n| match n % 4 {
                0 => format!("On day {n}, Kim Sang-man met Kim Sang Maa.\n"),
                1 => format!("Payments to the Lazarus Group stopped on day {n}. "),
                2 => {
                    "The Reconnaissance General Bureau paid 1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ.\n\n"
                        .to_string()
                }
                _ => "Brian Nelson spoke in Washington; nobody else did.\n".to_string(),
            })
            .collect();
        let found = whole(&scanner, &text);
        assert_eq!(found.len(), 75 * 5, "{:?}", &found[..5]);
        assert_eq!(streamed(&scanner, text.as_bytes(), MIN_BLOCK_BYTES), found);
    }

    #[test]
    fn bytes_that_are_not_utf8_end_the_stream_after_the_mentions_before_them() {
        let screener = screener();
        let scanner = Scanner::new(&screener, 0.7);
        let bytes = b"Funds went to the Lazarus Group.\nCaf\xe9 Lazarus Group";
        let mut stream = scanner.scan_reader(&bytes[..], "memo.txt");
        let scanned = stream.next_block().unwrap().unwrap();
        assert_eq!(scanned.mentions().count(), 1);
        assert_eq!(scanned.block.text, "Funds went to the Lazarus Group.\nCaf");
        let error = stream.next_block().unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("memo.txt: line 2: not UTF-8 text (byte 0xe9)"),
            "{error}"
        );
        assert!(stream.next_block().unwrap().is_none());
    }
}
