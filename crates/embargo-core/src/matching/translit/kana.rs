//! Japanese kana (hiragana and katakana) in Hepburn romanization, the
//! system Japanese passports and the press write names in.
//!
//! A kana is a syllable, but several rules span two of them, which a
//! character-by-character table (`deunicode`, `any_ascii`) cannot apply:
//! * a small ャ/ュ/ョ merges with the kana before it (`ジョ` = `jo`,
//!   `キャ` = `kya`, `シュ` = `shu`);
//! * a small ァ/ィ/ゥ/ェ/ォ replaces the vowel of the kana before it, the
//!   way katakana write foreign sounds (`チェ` = `che`, `ティ` = `ti`,
//!   `ファ` = `fa`, `ウォ` = `wo`, `ヴォ` = `vo`);
//! * a small ッ doubles the consonant after it (`カッタ` = `katta`,
//!   `マッチ` = `matchi`);
//! * the long-vowel mark ー adds nothing, and a vowel written twice is
//!   written once (`セーチン` = `sechin`, `オオノ` = `ono`), as Hepburn
//!   without macrons writes them;
//! * a `ン` before a vowel or `y` kana ends a syllable, which Hepburn marks
//!   `n'` and which here ends a word (`ジョンウン` = `jon un`, the Jong Un
//!   of Korean names written in katakana).
//!
//! Japanese adds a vowel after a final consonant of a foreign name
//! (`キム` = `kimu` for Kim, `ゴールド` = `gorudo` for Gold);
//! [`strip_epenthetic`] takes it off for the reading without it.

/// Hepburn syllables of the katakana U+30A1 (`ァ`) to U+30FA (`ヺ`), in code
/// order; hiragana U+3041 to U+3096 are the same syllables 0x60 lower.
/// Small kana have the syllable of their large form; `ッ` is empty (it
/// doubles the next consonant instead).
const SYLLABLES: [&str; 90] = [
    "a", "a", "i", "i", "u", "u", "e", "e", "o", "o", // ァアィイゥウェエォオ
    "ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go", // カ行
    "sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo", // サ行
    "ta", "da", "chi", "ji", "", "tsu", "zu", "te", "de", "to", "do", // タ行
    "na", "ni", "nu", "ne", "no", // ナ行
    "ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he", "be", "pe", "ho", "bo",
    "po", // ハ行
    "ma", "mi", "mu", "me", "mo", // マ行
    "ya", "ya", "yu", "yu", "yo", "yo", // ャヤュユョヨ
    "ra", "ri", "ru", "re", "ro", // ラ行
    "wa", "wa", "i", "e", "o", "n", // ヮワヰヱヲン
    "vu", "ka", "ke", "va", "vi", "ve", "vo", // ヴヵヶヷヸヹヺ
];

const KATAKANA_FIRST: u32 = 0x30A1;
const KATAKANA_LAST: u32 = 0x30FA;
const HIRAGANA_FIRST: u32 = 0x3041;
const HIRAGANA_LAST: u32 = 0x3096;
/// The long-vowel mark ー.
const LONG_VOWEL: char = '\u{30FC}';
/// Iteration marks: ゝゞ (hiragana), ヽヾ (katakana).
const ITERATION: [char; 4] = ['\u{309D}', '\u{309E}', '\u{30FD}', '\u{30FE}'];

/// True for the characters [`push_kana`] reads: hiragana, katakana, the
/// long-vowel mark and the iteration marks (not the middle dot `・`, which
/// separates words).
pub(crate) fn is_kana(c: char) -> bool {
    let code = c as u32;
    (KATAKANA_FIRST..=KATAKANA_LAST).contains(&code)
        || (HIRAGANA_FIRST..=HIRAGANA_LAST).contains(&code)
        || c == LONG_VOWEL
        || ITERATION.contains(&c)
}

/// The katakana offset (0 for `ァ`) of a kana letter.
fn offset(c: char) -> Option<usize> {
    let code = c as u32;
    if (KATAKANA_FIRST..=KATAKANA_LAST).contains(&code) {
        Some((code - KATAKANA_FIRST) as usize)
    } else if (HIRAGANA_FIRST..=HIRAGANA_LAST).contains(&code) {
        Some((code - HIRAGANA_FIRST) as usize)
    } else {
        None
    }
}

/// Katakana offsets of the small vowels ァィゥェォ, which replace the vowel
/// of the kana before them.
const SMALL_VOWELS: [usize; 5] = [0x00, 0x02, 0x04, 0x06, 0x08];
/// Katakana offsets of the small ャュョ, which merge with the kana before.
const SMALL_Y: [usize; 3] = [0x42, 0x44, 0x46];
/// Katakana offset of the small ヮ.
const SMALL_WA: usize = 0x4D;
/// Katakana offset of the small ッ.
const SOKUON: usize = 0x22;
/// Katakana offset of ン.
const SYLLABIC_N: usize = 0x52;

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Where a run of kana is broken into words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// After a `ン` before a vowel or `y` kana, where Hepburn writes an
    /// apostrophe because a syllable ends there (`ジョンウン` → `jon un`,
    /// Hepburn `jon'un`).
    Apostrophe,
    /// After every `ン`: the syllables of a Korean name, each of which may
    /// end in `ン` (`ヨンチョル` → `yon choru`).
    EveryN,
}

/// Katakana offsets of the large vowels and ヤユヨ, before which a `ン`
/// ends a syllable that Hepburn marks with an apostrophe.
const AFTER_APOSTROPHE: [usize; 8] = [0x01, 0x03, 0x05, 0x07, 0x09, 0x43, 0x45, 0x47];

/// Appends the Hepburn romanization of a run of kana (see [`is_kana`]) to
/// `out`, lower case, as words broken at `breaks`. Characters that are
/// not kana are skipped.
pub(crate) fn push_kana(run: &[char], breaks: Breaks, out: &mut String) {
    let start = out.len();
    // Where the last syllable written starts in `out`, while a small kana
    // may still modify it.
    let mut syllable: Option<usize> = None;
    let mut double_next = false;
    for (index, &c) in run.iter().enumerate() {
        if ITERATION.contains(&c) {
            if let Some(from) = syllable {
                let repeated = out[from..].to_string();
                syllable = Some(out.len());
                out.push_str(&repeated);
            }
            continue;
        }
        let Some(at) = offset(c) else {
            continue; // the long-vowel mark, or anything else: nothing
        };
        if at == SOKUON {
            double_next = true;
            continue;
        }
        if let Some(from) = syllable.filter(|_| is_small_modifier(at)) {
            merge_small(at, from, out);
            continue;
        }
        let latin = SYLLABLES[at];
        if double_next && at != SYLLABIC_N {
            match latin.as_bytes().first() {
                Some(b'c') => out.push('t'), // Hepburn writes っち as tchi
                Some(&b) if !is_vowel(b) => out.push(char::from(b)),
                _ => {}
            }
        }
        double_next = false;
        syllable = (at != SYLLABIC_N).then_some(out.len());
        out.push_str(latin);
        let break_here = match breaks {
            Breaks::EveryN => true,
            Breaks::Apostrophe => run
                .get(index + 1)
                .and_then(|&next| offset(next))
                .is_some_and(|next| AFTER_APOSTROPHE.contains(&next)),
        };
        if at == SYLLABIC_N && break_here {
            out.push(' ');
        }
    }
    // Only a space this run wrote: `out` may end in one of the caller's.
    if out.len() > start && out.ends_with(' ') {
        out.pop();
    }
    collapse_doubled_vowels(out, start);
}

fn is_small_modifier(at: usize) -> bool {
    SMALL_VOWELS.contains(&at) || SMALL_Y.contains(&at) || at == SMALL_WA
}

/// Merges the small kana at katakana offset `at` into the syllable written
/// at `out[from..]`: its vowel goes, and the small kana's sound takes its
/// place (`ki` + `ャ` = `kya`, `chi` + `ェ` = `che`, `u` + `ィ` = `wi`).
fn merge_small(at: usize, from: usize, out: &mut String) {
    let small = SYLLABLES[at];
    let vowel_dropped = out.as_bytes().last().is_some_and(|&b| is_vowel(b));
    let dropped = if vowel_dropped { out.pop() } else { None };
    let onset = &out[from..];
    if SMALL_Y.contains(&at) {
        // sh, ch and j already carry the y sound: シャ = sha, not shya.
        if onset.ends_with("sh") || onset.ends_with("ch") || onset.ends_with('j') {
            out.push_str(&small[1..]);
        } else {
            out.push_str(small);
        }
    } else if onset.is_empty() {
        // A vowel kana before a small vowel is a glide: ウィ = wi, イェ = ye.
        match dropped {
            Some('u' | 'o') => out.push('w'),
            Some('i' | 'e') => out.push('y'),
            _ => {}
        }
        out.push_str(small);
    } else {
        out.push_str(small);
    }
}

/// Writes each vowel of `out[start..]` repeated in a row once (`seechin`
/// → `sechin`).
fn collapse_doubled_vowels(out: &mut String, start: usize) {
    let mut previous = None;
    let kept: String = out[start..]
        .chars()
        .filter(|&c| {
            let keep = !(c.is_ascii() && is_vowel(c as u8) && previous == Some(c));
            previous = Some(c);
            keep
        })
        .collect();
    out.truncate(start);
    out.push_str(&kept);
}

/// The kana Japanese writes the Arabic article with, and the English
/// name `Al` (`アル＝アサド`, al-Assad; `アル・ゴア`, Al Gore): a word of its
/// own, Hepburn `aru`, read `al`, as kana write `l` with `r`.
const ARTICLE: &str = "aru";

/// Reads the last word of `out`, from `word_start`, as a foreign name
/// written in katakana, whose last kana was `last`: the article
/// ([`ARTICLE`]) is `al`; another word loses the vowel Japanese adds after
/// a final consonant ([`strip_epenthetic`]) unless the long-vowel mark
/// ends it, which writes a vowel of the name (`アブー`, Abu; `ラーディー`,
/// Ladi).
pub(crate) fn read_foreign_word(out: &mut String, word_start: usize, last: char) {
    if out[word_start..] == *ARTICLE {
        out.truncate(word_start);
        out.push_str("al");
    } else if last != LONG_VOWEL
        && let Some(kept) = strip_epenthetic(&out[word_start..])
    {
        out.truncate(word_start + kept.len());
    }
}

/// The romanized kana word `word` without the vowel Japanese adds after a
/// final consonant of a foreign name: `u` (`kimu` → `kim`, `busshu` →
/// `bussh`) or `o` after `t`/`d` (`gorudo` → `gorud`). `None` when the word
/// ends otherwise or too little would be left.
fn strip_epenthetic(word: &str) -> Option<&str> {
    let bytes = word.as_bytes();
    let (&last, rest) = bytes.split_last()?;
    let &consonant = rest.last()?;
    let added = match last {
        b'u' => !is_vowel(consonant) && consonant != b'y' && consonant != b'w',
        b'o' => matches!(consonant, b't' | b'd'),
        _ => false,
    };
    let kept = &word[..word.len() - 1];
    (added && kept.len() >= 2 && kept.bytes().any(is_vowel)).then_some(kept)
}

/// The romanized kana word `word` read as a Western name written in
/// katakana: without the vowels Japanese adds to close a syllable on a
/// consonant, inside the word as at its end (`arekusandoru` →
/// `areksandr`, Alexander; `gorubachofu` → `gorbachof`, Gorbachev;
/// `hodorukofusuki` → `hodorkofski`). Such a vowel is a `u` after a
/// consonant other than `t`, `y`, `w` or `n`, or an `o` after `t` or `d`
/// that follow an `n`, end the word or come before a `b` (a `v`: `dv`,
/// `tv`, Medvedev), where the consonant ends a syllable
/// begun by a vowel (or `n`) before it and a consonant or the end of the
/// word follows: the `u` of `rukashenko` (Lukashenko), first in its word,
/// stays; or the vowel inside a cluster that begins the word
/// ([`opens_initial_cluster`]: `purigojin` → `prigojin`, Prigozhin;
/// `domitori` → `dmitori`, Dmitry; `sutarin` → `starin`, Stalin). An `n`
/// before `p` or `b` is the `m` Japanese writes with it (`toranpu` →
/// `tramp`, Trump). `None` when nothing is dropped.
pub(crate) fn strip_inner_epenthetic(word: &str) -> Option<String> {
    let bytes = word.as_bytes();
    let consonant = |b: u8| b.is_ascii_lowercase() && !is_vowel(b);
    let mut kept = String::with_capacity(word.len());
    let mut dropped = false;
    for (at, &b) in bytes.iter().enumerate() {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let syllable_start = at.checked_sub(2).map(|i| bytes[i]);
        let next = bytes.get(at + 1).copied();
        if at == 1
            && let (Some(first), Some(next)) = (before, next)
            && opens_initial_cluster(first, b, next)
        {
            dropped = true;
            continue;
        }
        if b == b'n' && matches!(next, Some(b'p' | b'b')) && before.is_some() {
            dropped = true;
            kept.push('m');
            continue;
        }
        let added = match (b, before) {
            (b'u', Some(c)) => consonant(c) && !matches!(c, b't' | b'y' | b'w' | b'n'),
            // an o after t or d: after an n (a cluster: Alexander) or
            // last; elsewhere it is the name's own (Khodorkovsky)
            (b'o', Some(c)) => {
                matches!(c, b't' | b'd')
                    && (syllable_start == Some(b'n') || matches!(next, None | Some(b'b')))
            }
            _ => false,
        } && syllable_start.is_some_and(|s| is_vowel(s) || s == b'n')
            && next.is_none_or(|n| consonant(n) && !matches!(n, b'y' | b'w'));
        if added {
            dropped = true;
        } else {
            kept.push(char::from(b));
        }
    }
    dropped.then_some(kept)
}

/// True when the vowel `vowel` between the first two consonants of a
/// romanized kana word, `first` and `next`, is the one Japanese adds
/// inside a consonant cluster that begins a European name: `u` after `p`,
/// `b`, `f`, `k`, `g` or `s`, `o` after `t` or `d`, before an `r` (which
/// kana also write for `l`: `pr`, `bl`, `fr`, `kr`, `gl`, `tr`, `dr`), `s`
/// before `t`, `k`, `p`, `m`, `n`, `w` or `b` (`st`, `sk`, `sv`: kana
/// write `v` with `b`), and `d` before `m` (the Russian `dm` of Dmitry).
fn opens_initial_cluster(first: u8, vowel: u8, next: u8) -> bool {
    match (first, vowel) {
        (b'p' | b'b' | b'f' | b'k' | b'g', b'u') | (b't' | b'd', b'o') if next == b'r' => true,
        (b's', b'u') => matches!(next, b't' | b'k' | b'p' | b'm' | b'n' | b'w' | b'b' | b'r'),
        (b'd', b'o') => next == b'm',
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn western_names_lose_the_vowels_kana_add() {
        let strip = |word: &str| strip_inner_epenthetic(word);
        assert_eq!(strip("arekusandoru").as_deref(), Some("areksandr"));
        assert_eq!(strip("gorubachofu").as_deref(), Some("gorbachof"));
        assert_eq!(strip("hodorukofusuki").as_deref(), Some("hodorkofski"));
        assert_eq!(strip("rukashenko"), None, "a vowel of the name stays");
        assert_eq!(strip("sechin"), None);
        assert_eq!(strip("tsubasa"), None);
        assert_eq!(strip("purigojin").as_deref(), Some("prigojin"));
        assert_eq!(strip("domitori").as_deref(), Some("dmitori"));
        assert_eq!(strip("sutarin").as_deref(), Some("starin"));
        assert_eq!(strip("toranpu").as_deref(), Some("tramp"));
        assert_eq!(strip("furidoman").as_deref(), Some("fridoman"));
        assert_eq!(strip("medobejefu").as_deref(), Some("medbejef"));
        assert_eq!(strip("subetorana").as_deref(), Some("sbetorana"));
    }

    /// Found by the property tests (`¤ー`): a run that writes nothing
    /// after text ending in a space left that space alone.
    #[test]
    fn a_run_writing_nothing_keeps_the_text_before_it() {
        let mut out = String::from("aus kwi ");
        push_kana(&['ー'], Breaks::Apostrophe, &mut out);
        assert_eq!(out, "aus kwi ");
        let mut out = String::from("x ");
        push_kana(&['ン'], Breaks::EveryN, &mut out);
        assert_eq!(out, "x n");
    }

    fn hepburn(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        push_kana(&chars, Breaks::Apostrophe, &mut out);
        out
    }

    fn syllables(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        push_kana(&chars, Breaks::EveryN, &mut out);
        out
    }

    #[test]
    fn korean_syllables_end_after_n() {
        assert_eq!(syllables("ジョンウン"), "jon un");
        assert_eq!(syllables("サンマン"), "san man");
        assert_eq!(syllables("ヨンチョル"), "yon choru");
        assert_eq!(syllables("ン"), "n");
    }

    #[test]
    fn the_table_covers_the_kana_blocks() {
        assert_eq!(
            SYLLABLES.len() as u32,
            KATAKANA_LAST - KATAKANA_FIRST + 1,
            "one syllable per katakana"
        );
        assert_eq!(hepburn("アイウエオ"), "aiueo");
        assert_eq!(hepburn("カキクケコ"), "kakikukeko");
        assert_eq!(hepburn("サシスセソ"), "sashisuseso");
        assert_eq!(hepburn("タチツテト"), "tachitsuteto");
        assert_eq!(hepburn("ハヒフヘホ"), "hahifuheho");
        assert_eq!(hepburn("ワヲン"), "waon");
        assert_eq!(hepburn("ガザダバパ"), "gazadabapa");
        assert_eq!(hepburn("ヴ"), "vu");
        assert_eq!(hepburn("さとう"), "satou", "hiragana reads as katakana");
        assert_eq!(hepburn("きむ"), "kimu");
    }

    #[test]
    fn small_ya_yu_yo_merge_with_the_kana_before() {
        assert_eq!(hepburn("ジョンウン"), "jon un", "Hepburn jon'un");
        assert_eq!(hepburn("ベンヤミン"), "ben yamin", "Hepburn ben'yamin");
        assert_eq!(hepburn("サンマン"), "sanman");
        assert_eq!(hepburn("キャ"), "kya");
        assert_eq!(hepburn("シュ"), "shu");
        assert_eq!(hepburn("チョ"), "cho");
        assert_eq!(hepburn("リョン"), "ryon");
        assert_eq!(hepburn("ショイグ"), "shoigu");
        assert_eq!(hepburn("とうきょう"), "toukyou");
    }

    #[test]
    fn small_vowels_write_foreign_sounds() {
        assert_eq!(hepburn("チェ"), "che");
        assert_eq!(hepburn("ティ"), "ti");
        assert_eq!(hepburn("ファ"), "fa");
        assert_eq!(hepburn("ヴォルフ"), "vorufu");
        assert_eq!(hepburn("マドゥロ"), "maduro");
        assert_eq!(hepburn("ウィ"), "wi");
        assert_eq!(hepburn("イェ"), "ye");
        assert_eq!(hepburn("ディ"), "di");
        assert_eq!(
            hepburn("ァ"),
            "a",
            "a small kana alone reads as its large form"
        );
        assert_eq!(hepburn("ンァ"), "na", "ン takes no vowel");
    }

    #[test]
    fn sokuon_doubles_the_next_consonant() {
        assert_eq!(hepburn("カッタ"), "katta");
        assert_eq!(hepburn("マッチ"), "matchi");
        assert_eq!(hepburn("ブッシュ"), "busshu");
        assert_eq!(hepburn("ッ"), "");
        assert_eq!(hepburn("アッ"), "a");
    }

    #[test]
    fn long_vowels_are_written_once() {
        assert_eq!(hepburn("セーチン"), "sechin");
        assert_eq!(hepburn("イーゴリ"), "igori");
        assert_eq!(hepburn("プーチン"), "puchin");
        assert_eq!(hepburn("オオノ"), "ono");
        assert_eq!(hepburn("ラーディン"), "radin");
    }

    #[test]
    fn iteration_marks_repeat_the_syllable() {
        assert_eq!(hepburn("いすゞ"), "isusu");
        assert_eq!(hepburn("ゝ"), "");
    }

    #[test]
    fn epenthetic_vowels_come_off() {
        assert_eq!(strip_epenthetic("kimu"), Some("kim"));
        assert_eq!(strip_epenthetic("gorudo"), Some("gorud"));
        assert_eq!(strip_epenthetic("busshu"), Some("bussh"));
        assert_eq!(strip_epenthetic("sechin"), None);
        assert_eq!(strip_epenthetic("igori"), None);
        assert_eq!(strip_epenthetic("ku"), None, "too little left");
        assert_eq!(strip_epenthetic("sou"), None, "a vowel before");
        assert_eq!(strip_epenthetic("yu"), None);
        assert_eq!(strip_epenthetic(""), None);
    }
}
