//! Burmese names in Myanmar script, read syllable by syllable as the
//! lists and the press romanize them: `မင်းအောင်လှိုင်` → `min aung
//! hlaing`, `သန်းရွှေ` → `than shwe`, `အောင်ဆန်းစုကြည်` → `aung san su
//! kyi`.
//!
//! Burmese writes no space between the syllables of a name, and a
//! syllable's sound is not the sum of its letters' table values: a final
//! consonant, marked by the asat `်`, changes the vowel before it (`င်`
//! after the inherent vowel is `in`, after `ော` `aung`, after `ို`
//! `aing`; `န်` is `an`, after `ိ` `ein`, after the medial `ွ` `un`). A
//! per-character table (`any_ascii`) reads `မင်းအောင်လှိုင်` as
//! `mnganglhiung`-like strings no romanization writes. Here each
//! syllable (an initial consonant or independent vowel, its medials, its
//! vowel signs, its final and tone marks) becomes one word, in the
//! conventional romanization of Burmese names (as in Min Aung Hlaing, Than
//! Shwe, Thein Sein, Soe Win, Kyaw, Htun): `ht` for `ထ` and `th` for
//! `သ`, `ky` and `ch` for the medials `ျ` `ြ` after `က` and `ခ`, `sh`
//! for `ရှ`/`ယှ`, `hl`, `hm`, `hn` for `ှ` after a sonorant. Tone marks
//! write nothing, except the creaky tone on a nasal final, which names
//! write as a `t` (Myint, Thant, Nyunt).

/// The asat `်`: the consonant before it ends a syllable.
const ASAT: char = '\u{103A}';
/// The virama `္`: the consonant before it ends a syllable, the one after
/// it starts the next (a stacked consonant).
const VIRAMA: char = '\u{1039}';

/// The dot below `့`, the creaky tone: after a nasal final, romanized
/// names write it as a `t` (`မြင့်`, Myint; `သန့်`, Thant; `ညွန့်`, Nyunt).
const DOT_BELOW: char = '\u{1037}';

/// True for a tone mark (the dot below and the visarga `း`).
fn is_tone_mark(c: char) -> bool {
    matches!(c, DOT_BELOW | '\u{1038}')
}

/// True for a consonant letter (`က` to `အ`).
fn is_consonant(c: char) -> bool {
    ('\u{1000}'..='\u{1021}').contains(&c)
}

/// True for an independent vowel letter (`ဣ` to `ဪ`).
fn is_independent_vowel(c: char) -> bool {
    ('\u{1023}'..='\u{102A}').contains(&c)
}

/// The initial sound of a consonant.
fn initial(c: char) -> &'static str {
    match c {
        'က' => "k",
        'ခ' => "kh",
        'ဂ' | 'ဃ' => "g",
        'င' => "ng",
        'စ' | 'ဆ' => "s",
        'ဇ' | 'ဈ' => "z",
        'ည' | 'ဉ' => "ny",
        'ဋ' | 'တ' => "t",
        'ဌ' | 'ထ' => "ht",
        'ဍ' | 'ဎ' | 'ဒ' | 'ဓ' => "d",
        'ဏ' | 'န' => "n",
        'ပ' => "p",
        'ဖ' => "ph",
        'ဗ' | 'ဘ' => "b",
        'မ' => "m",
        'ယ' | 'ရ' => "y",
        'လ' | 'ဠ' => "l",
        'ဝ' => "w",
        'သ' => "th",
        'ဟ' => "h",
        _ => "", // အ carries a vowel
    }
}

/// The vowel a syllable's signs write before any final.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vowel {
    /// No sign: the inherent `a`.
    Inherent,
    /// `ာ` `ါ`.
    A,
    /// `ိ` `ီ`.
    I,
    /// `ု` `ူ`.
    U,
    /// `ေ` `ဲ`.
    E,
    /// `ော` `ေါ`.
    Aw,
    /// `ို`.
    O,
}

/// The parts of one syllable as read from its characters.
#[derive(Debug, Default)]
struct Syllable {
    initial: Option<char>,
    independent: Option<char>,
    medial_y: bool,
    medial_w: bool,
    medial_h: bool,
    signs: Vec<char>,
    last: Option<char>,
    anusvara: bool,
    /// The creaky tone marked on the final (`့`).
    creaky: bool,
}

impl Syllable {
    fn vowel(&self) -> Vowel {
        let has = |c: char| self.signs.contains(&c);
        let e = has('\u{1031}');
        let a = has('\u{102C}') || has('\u{102B}');
        let i = has('\u{102D}') || has('\u{102E}');
        let u = has('\u{102F}') || has('\u{1030}');
        match (e, a, i, u) {
            (true, true, _, _) => Vowel::Aw,
            (_, _, true, true) => Vowel::O,
            (true, _, _, _) => Vowel::E,
            (_, true, _, _) => Vowel::A,
            (_, _, true, _) => Vowel::I,
            (_, _, _, true) => Vowel::U,
            _ if has('\u{1032}') => Vowel::E,
            _ => Vowel::Inherent,
        }
    }

    /// The syllable's rhyme: its vowel as its final changes it.
    fn rhyme(&self) -> &'static str {
        let vowel = self.vowel();
        let w = self.medial_w;
        match (self.last, vowel) {
            // finals: velar nasal
            (Some('င'), Vowel::Aw) => "aung",
            (Some('င'), Vowel::O) => "aing",
            (Some('င'), Vowel::U) => "ung",
            (Some('င'), _) => "in",
            // palatal finals
            (Some('ည' | 'ဉ'), _) => "i",
            // dental and labial nasals
            (Some('န' | 'မ'), Vowel::I) => "ein",
            (Some('န' | 'မ'), Vowel::U | Vowel::O) => "on",
            (Some('န' | 'မ'), _) if w => "un",
            (Some('န' | 'မ'), _) => "an",
            // dental and labial stops
            (Some('တ' | 'ပ'), Vowel::I) => "eik",
            (Some('တ' | 'ပ'), Vowel::U | Vowel::O) => "ok",
            (Some('တ' | 'ပ'), _) if w => "ut",
            (Some('တ' | 'ပ'), _) => "at",
            // velar stop
            (Some('က'), Vowel::Aw) => "auk",
            (Some('က'), Vowel::O) => "aik",
            (Some('က'), _) => "et",
            (Some('ယ'), _) => "e",
            (Some(_), _) => "a",
            // open syllables
            (None, Vowel::Inherent | Vowel::A) if self.anusvara => "an",
            (None, Vowel::U | Vowel::O) if self.anusvara => "on",
            (None, Vowel::I) if self.anusvara => "ein",
            (None, Vowel::Inherent | Vowel::A) => "a",
            (None, Vowel::I) => "i",
            (None, Vowel::U) => "u",
            (None, Vowel::E) => "e",
            (None, Vowel::Aw) => "aw",
            (None, Vowel::O) => "o",
        }
    }

    /// Appends the syllable's romanization to `out`.
    fn push(&self, out: &mut String) {
        if let Some(vowel) = self.independent {
            out.push_str(match vowel {
                'ဣ' | 'ဤ' => "i",
                'ဥ' | 'ဦ' => "u",
                'ဧ' => "e",
                _ => "aw", // ဩ ဪ
            });
            return;
        }
        let consonant = self.initial.unwrap_or('အ');
        let base = initial(consonant);
        // `ှ` after ya/ra (or with a ya medial) is sh; after a sonorant it
        // is an h before it (hl, hm, hn)
        if self.medial_h && (matches!(consonant, 'ယ' | 'ရ') || self.medial_y) {
            out.push_str("sh");
        } else {
            if self.medial_h {
                out.push('h');
            }
            match (consonant, self.medial_y) {
                ('ခ', true) => out.push_str("ch"),
                ('ယ' | 'ရ', true) => out.push('y'),
                (_, true) => {
                    out.push_str(base);
                    out.push('y');
                }
                _ => out.push_str(base),
            }
        }
        let rhyme = self.rhyme();
        if self.medial_w && !matches!(rhyme, "un" | "ut") {
            out.push('w');
        }
        out.push_str(rhyme);
        if self.creaky && rhyme.ends_with('n') {
            out.push('t');
        }
    }
}

/// Appends the romanization of a run of Myanmar characters to `out`, a
/// space between syllables.
pub(crate) fn push_myanmar(run: &[char], out: &mut String) {
    let mut syllable: Option<Syllable> = None;
    let mut at = 0;
    let finish = |syllable: &mut Option<Syllable>, out: &mut String| {
        if let Some(done) = syllable.take() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            done.push(out);
        }
    };
    while at < run.len() {
        let c = run[at];
        // a final: a consonant with the asat or virama after it, tone
        // marks between (`မြင့်`: the dot below before the asat)
        let tones = run[at + 1..]
            .iter()
            .take_while(|&&mark| is_tone_mark(mark))
            .count();
        let after_tones = run.get(at + 1 + tones).copied();
        if is_consonant(c)
            && matches!(after_tones, Some(ASAT | VIRAMA))
            && let Some(open) = syllable.as_mut()
        {
            open.last = Some(c);
            open.creaky |= run[at + 1..at + 1 + tones].contains(&DOT_BELOW);
            at += 2 + tones;
            continue;
        }
        if is_consonant(c) || is_independent_vowel(c) {
            finish(&mut syllable, out);
            syllable = Some(Syllable {
                initial: is_consonant(c).then_some(c),
                independent: is_independent_vowel(c).then_some(c),
                ..Syllable::default()
            });
            at += 1;
            continue;
        }
        match (c, syllable.as_mut()) {
            ('\u{103B}' | '\u{103C}', Some(open)) => open.medial_y = true,
            ('\u{103D}', Some(open)) => open.medial_w = true,
            ('\u{103E}', Some(open)) => open.medial_h = true,
            ('\u{1036}', Some(open)) => open.anusvara = true,
            ('\u{102B}'..='\u{1032}', Some(open)) => open.signs.push(c),
            // asat on a vowel sign (`ော်`), tone marks, the visarga, and
            // signs with no syllable to belong to
            (ASAT | '\u{1037}' | '\u{1038}', _)
            | ('\u{102B}'..='\u{1032}' | '\u{1036}' | '\u{103B}'..='\u{103E}', None) => {}
            // digits and punctuation end the syllable
            _ => {
                finish(&mut syllable, out);
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                let latin = any_ascii::any_ascii_char(c);
                if !super::push_letters(latin, out) {
                    out.push(' ');
                }
            }
        }
        at += 1;
    }
    finish(&mut syllable, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        push_myanmar(&chars, &mut out);
        out
    }

    #[test]
    fn names_read_as_their_romanizations() {
        assert_eq!(read("မင်းအောင်လှိုင်"), "min aung hlaing");
        assert_eq!(read("သန်းရွှေ"), "than shwe");
        assert_eq!(read("သိန်းစိန်"), "thein sein");
        assert_eq!(read("အောင်ဆန်းစုကြည်"), "aung san su kyi");
        assert_eq!(read("မြထွန်းဦး"), "mya htun u");
        assert_eq!(read("ကျော်"), "kyaw");
        assert_eq!(read("စိုးဝင်း"), "so win");
        assert_eq!(read("နေဝင်း"), "ne win");
        assert_eq!(read("မျိုးမြင့်"), "myo myint", "the creaky tone on a nasal");
        assert_eq!(read("ခင်ညွန့်"), "khin nyunt");
        assert_eq!(read("သန့်"), "thant");
    }

    #[test]
    fn stray_marks_and_other_characters_are_bounded() {
        assert_eq!(read("\u{103A}\u{1038}"), "");
        assert_eq!(read("်ှ"), "");
        assert_eq!(read("မ၁"), "ma 1");
        let long: String = "မင်း".repeat(1000);
        assert!(read(&long).len() <= 4 * 1000);
    }
}
