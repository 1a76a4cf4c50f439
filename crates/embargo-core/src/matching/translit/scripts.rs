//! The long tail of scripts, through `any_ascii`'s table, with the rules
//! a per-character table cannot apply.
//!
//! `any_ascii` reads names of these scripts better than `deunicode`
//! (compared on the same names; `deunicode` in brackets): Georgian
//! `მიხეილ სააკაშვილი` → `mikheil saakashvili` (`mixeil`), Thai
//! `วลาดีมีร์ ปูติน` → `wladimir putin` (`wlaadiimiir puutin`), Devanagari
//! `दाऊद इब्राहिम` → `daud ibrahim` (`daauud ibraahim`), Tamil, Telugu,
//! Kannada, Malayalam, Sinhala, Lao and Ethiopic likewise (Myanmar is read
//! by syllable, module `myanmar`), Greek
//! `Λαβρόφ` → `lavrof` (`labroph`). `deunicode` stays for Latin, Arabic,
//! Hebrew (consonant skeletons, see [`super::is_abjad`]), Khmer
//! (`ហ៊ុន សែន` → `hun saen` for Hun Sen, `any_ascii`: `hon saen`) and Han.
//!
//! Rules over two characters:
//! * Greek digraphs: `ου` = `ou` (`Πούτιν` → `poutin`, not `poytin`),
//!   `αυ`/`ευ`/`ηυ` = `av`/`ev`/`iv`, `γγ` = `ng`, and at the start of a
//!   word `μπ` = `b`, `ντ` = `d`, `γκ` = `g` (`Μπακογιάννης` →
//!   `bakogiannis`); a diaeresis (`ϋ`) keeps vowels apart.
//! * Thai and Lao vowels written before their consonant are read after
//!   it (`เดริปาสกา` → `deripaska`, not `edripaska`).
//! * Armenian `ու` = `u` (`Պուտին` → `putin`) and `ո` at the start of a
//!   word = `vo` (`Ոսկանյան` → `voskanyan`).
//! * Brahmic scripts (Devanagari, Bengali, Gurmukhi, Gujarati, Oriya,
//!   Tamil, Telugu, Kannada, Malayalam, Sinhala) write a consonant's
//!   inherent vowel `a` by writing nothing, which the table leaves out
//!   (`नरेन्द्र मोदी` → `nrendr modi`): a consonant followed by no vowel
//!   sign and no virama gets its `a` (`narendr modi`), except at the end of
//!   a word in the northern scripts, whose languages drop it there
//!   (`इब्राहिम` → `ibrahim`, but Telugu and Sinhala names keep it); and
//!   the palatals and sibilants the table writes in ISO 15919 without its
//!   diacritics (`c`, `s`) are written as Indian names are, in Hunterian
//!   (`ch`, `sh`: `सेचिन` → `sechin`).

use unicode_normalization::char::is_combining_mark;

/// A script read by this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Greek and Coptic, Greek Extended.
    Greek,
    /// Armenian.
    Armenian,
    /// A Brahmic script laid out like ISCII (Devanagari to Malayalam):
    /// the block's first code point, and whether a word-final consonant
    /// keeps its inherent vowel.
    Indic {
        /// First code point of the block.
        block: u32,
        /// Word-final inherent vowels are pronounced (southern scripts).
        final_vowel: bool,
    },
    /// Sinhala (its own layout; word-final inherent vowels kept).
    Sinhala,
    /// Thai and Lao, whose vowels `เ แ โ ใ ไ` are written before the
    /// consonant they follow.
    Thai,
    /// Myanmar: syllable by syllable ([`super::myanmar`]).
    Myanmar,
    /// Georgian, Ethiopic, Tibetan: the table alone.
    Table,
}

/// The script of `c` when this module reads it.
pub fn script_of(c: char) -> Option<Script> {
    let code = c as u32;
    Some(match code {
        _ if is_greek(c) => Script::Greek,
        0x0530..=0x058F => Script::Armenian,
        0x0900..=0x0B7F => Script::Indic {
            block: code & !0x7F,
            final_vowel: false,
        },
        0x0B80..=0x0D7F => Script::Indic {
            block: code & !0x7F,
            final_vowel: true,
        },
        0x0D80..=0x0DFF => Script::Sinhala,
        0x0E00..=0x0EFF => Script::Thai, // Thai, Lao
        0x1000..=0x109F => Script::Myanmar,
        0x0F00..=0x0FFF // Tibetan
        | 0x10A0..=0x10FF | 0x1C90..=0x1CBF // Georgian
        | 0x1200..=0x139F | 0x2D80..=0x2DDF => Script::Table, // Ethiopic
        _ => return None,
    })
}

/// Appends the letters of `any_ascii`'s reading of `c`, lower case:
/// apostrophes (Georgian ejectives `p'`) and other signs dropped, and a
/// space when the character has no letters but a reading (punctuation).
fn push_table(c: char, out: &mut String) {
    let latin = any_ascii::any_ascii_char(c);
    if !super::push_letters(latin, out) && !latin.is_empty() && !is_combining_mark(c) {
        out.push(' ');
    }
}

/// Appends the reading of a run of characters of one `script` (as
/// [`script_of`] tells) to `out`.
pub(crate) fn push_run(script: Script, run: &[char], out: &mut String) {
    match script {
        Script::Greek => push_greek(run, out),
        Script::Armenian => push_armenian(run, out),
        Script::Indic { block, final_vowel } => push_brahmic(
            run,
            out,
            final_vowel,
            |c| indic_class(c as u32 - block),
            |c| hunterian(c as u32 - block),
        ),
        Script::Sinhala => push_brahmic(run, out, true, |c| sinhala_class(c as u32), |_| None),
        Script::Thai => push_thai(run, out),
        Script::Myanmar => super::myanmar::push_myanmar(run, out),
        Script::Table => run.iter().for_each(|&c| push_table(c, out)),
    }
}

/// Whether `run[at]` starts a word (nothing alphabetic before it in the
/// run).
fn word_start(run: &[char], at: usize) -> bool {
    at == 0 || !run[at - 1].is_alphabetic()
}

/// True for a character of the Greek and Coptic or Greek Extended
/// blocks.
pub(crate) fn is_greek(c: char) -> bool {
    matches!(c as u32, 0x0370..=0x03FF | 0x1F00..=0x1FFF)
}

/// The lower-case base letter of a Greek character (accents removed), for
/// the digraph rules; the character itself when it has none.
pub(crate) fn greek_base(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'ά' | 'ᾶ' | 'ὰ' => 'α',
        'έ' | 'ὲ' => 'ε',
        'ή' | 'ῆ' | 'ὴ' => 'η',
        'ί' | 'ῖ' | 'ὶ' => 'ι',
        'ό' | 'ὸ' => 'ο',
        'ύ' | 'ῦ' | 'ὺ' => 'υ',
        'ώ' | 'ῶ' | 'ὼ' => 'ω',
        other => other,
    }
}

fn push_greek(run: &[char], out: &mut String) {
    let mut at = 0;
    while at < run.len() {
        let base = greek_base(run[at]);
        // The second letter of a digraph, unless a diaeresis parts them.
        let next = run.get(at + 1).map(|&c| greek_base(c));
        let start = word_start(run, at);
        let digraph = match (base, next) {
            ('ο', Some('υ')) => Some("ou"),
            ('α', Some('υ')) => Some("av"),
            ('ε', Some('υ')) => Some("ev"),
            ('η', Some('υ')) => Some("iv"),
            ('γ', Some('γ')) => Some("ng"),
            ('μ', Some('π')) if start => Some("b"),
            ('ν', Some('τ')) if start => Some("d"),
            ('γ', Some('κ')) if start => Some("g"),
            _ => None,
        };
        match digraph {
            Some(latin) => {
                out.push_str(latin);
                at += 2;
            }
            None => {
                push_table(run[at], out);
                at += 1;
            }
        }
    }
}

fn push_armenian(run: &[char], out: &mut String) {
    let mut at = 0;
    while at < run.len() {
        let lower = run[at].to_lowercase().next().unwrap_or(run[at]);
        let next = run.get(at + 1).copied();
        if lower == 'ո' && next == Some('ւ') {
            out.push('u');
            at += 2;
            continue;
        }
        if lower == 'ո' && word_start(run, at) {
            out.push('v');
        }
        push_table(run[at], out);
        at += 1;
    }
}

/// Thai and Lao consonants.
fn is_thai_consonant(c: char) -> bool {
    matches!(c as u32, 0x0E01..=0x0E2E | 0x0E81..=0x0EAE)
}

/// Reads Thai or Lao, moving each vowel written before its consonant
/// after it (`เด` → `de`, not `ed`); a silent `อ` carrying such a vowel
/// is left out (`โอ` → `o`).
fn push_thai(run: &[char], out: &mut String) {
    let mut at = 0;
    while at < run.len() {
        let c = run[at];
        let preposed = matches!(c as u32, 0x0E40..=0x0E44 | 0x0EC0..=0x0EC4);
        match run.get(at + 1) {
            Some(&consonant) if preposed && is_thai_consonant(consonant) => {
                if !matches!(consonant, '\u{0E2D}' | '\u{0EAD}') {
                    push_table(consonant, out);
                }
                push_table(c, out);
                at += 2;
            }
            _ => {
                push_table(c, out);
                at += 1;
            }
        }
    }
}

/// Hunterian letters (the romanization of Indian names) where the
/// table gives ISO 15919 without its diacritics: `च` = `ch`, not `c`;
/// `छ` = `chh`; `श`, `ष` = `sh`, not `s`.
fn hunterian(offset: u32) -> Option<&'static str> {
    match offset {
        0x1A => Some("ch"),
        0x1B => Some("chh"),
        0x36 | 0x37 => Some("sh"),
        _ => None,
    }
}

/// What a Brahmic character is, for the inherent vowel rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A consonant letter, which carries the vowel `a` unless a sign
    /// follows.
    Consonant,
    /// A vowel sign or virama: the consonant before it has no `a`.
    VowelSign,
    /// A nukta, which modifies the consonant before it.
    Nukta,
    /// A nasal or aspiration sign (anusvara, candrabindu, visarga, tippi,
    /// addak): after the consonant's vowel.
    Nasal,
    /// Anything else (independent vowels, digits, punctuation).
    Other,
}

/// The class of the character at `offset` in an ISCII-like block.
fn indic_class(offset: u32) -> Class {
    match offset {
        0x15..=0x39 | 0x58..=0x5F => Class::Consonant,
        0x3C => Class::Nukta,
        0x01..=0x03 | 0x70..=0x71 => Class::Nasal,
        0x3A..=0x3B | 0x3E..=0x4F | 0x55..=0x57 | 0x62..=0x63 => Class::VowelSign,
        _ => Class::Other,
    }
}

/// The class of a Sinhala character.
fn sinhala_class(code: u32) -> Class {
    match code {
        0x0D9A..=0x0DC6 => Class::Consonant,
        0x0D82..=0x0D83 => Class::Nasal,
        0x0DCA..=0x0DDF | 0x0DF2..=0x0DF3 => Class::VowelSign,
        _ => Class::Other,
    }
}

/// Reads a run of one Brahmic script, adding inherent vowels; `final_vowel`
/// keeps them at the end of a word; `letter` overrides the table.
fn push_brahmic(
    run: &[char],
    out: &mut String,
    final_vowel: bool,
    class: impl Fn(char) -> Class,
    letter: impl Fn(char) -> Option<&'static str>,
) {
    for (at, &c) in run.iter().enumerate() {
        match letter(c) {
            Some(latin) => out.push_str(latin),
            None => push_table(c, out),
        }
        // A consonant's vowel goes after its nukta, if it has one.
        let carrier = match class(c) {
            Class::Consonant => true,
            Class::Nukta => at > 0 && class(run[at - 1]) == Class::Consonant,
            _ => false,
        };
        if !carrier {
            continue;
        }
        let vowel = match run.get(at + 1).map(|&next| class(next)) {
            Some(Class::VowelSign | Class::Nukta) => false,
            Some(Class::Consonant | Class::Nasal) => true,
            Some(Class::Other) | None => final_vowel,
        };
        if vowel {
            out.push('a');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut at = 0;
        while at < chars.len() {
            match script_of(chars[at]) {
                Some(script) => {
                    let run = chars[at..]
                        .iter()
                        .take_while(|&&c| script_of(c) == Some(script))
                        .count();
                    push_run(script, &chars[at..at + run], &mut out);
                    at += run;
                }
                None => {
                    out.push(' ');
                    at += 1;
                }
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// One character never writes more than a few letters: the cost of a
    /// text stays proportional to its length.
    #[test]
    fn every_character_expands_little() {
        for code in (0x0370..=0x058F)
            .chain(0x0900..=0x139F)
            .chain(0x1C90..=0x2DDF)
        {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if let Some(script) = script_of(c) {
                let mut out = String::new();
                push_run(script, &[c, c], &mut out);
                assert!(out.len() <= 14, "{c:?} {out}");
            }
        }
    }

    #[test]
    fn greek_digraphs() {
        assert_eq!(read("Βλαντίμιρ Πούτιν"), "vlantimir poutin");
        assert_eq!(read("Σεργκέι Λαβρόφ"), "sergkei lavrof");
        assert_eq!(read("Αλέξης Τσίπρας"), "alexis tsipras");
        assert_eq!(read("Ντόναλντ Τραμπ"), "donalnt tramp");
        assert_eq!(read("Μπακογιάννης"), "bakogiannis");
        assert_eq!(read("Ευαγγέλου"), "evangelou");
        assert_eq!(read("Χριστοδουλίδης"), "christodoulidis");
    }

    #[test]
    fn armenian() {
        assert_eq!(read("Վլադիմիր Պուտին"), "vladimir putin");
        assert_eq!(read("Նիկոլ Փաշինյան"), "nikol pashinyan");
        assert_eq!(read("Սերժ Սարգսյան"), "serzh sargsyan");
        assert_eq!(read("Ոսկանյան"), "voskanyan");
    }

    #[test]
    fn georgian_thai_lao_ethiopic_myanmar() {
        assert_eq!(read("ვლადიმერ პუტინი"), "vladimer putini");
        assert_eq!(read("მიხეილ სააკაშვილი"), "mikheil saakashvili");
        assert_eq!(read("ბიძინა ივანიშვილი"), "bidzina ivanishvili");
        assert_eq!(read("วลาดีมีร์ ปูติน"), "wladimir putin");
        assert_eq!(read("ทักษิณ ชินวัตร"), "thaksin chinwatr");
        assert_eq!(
            read("โอเลก เดริปาสกา"),
            "olek deripaska",
            "vowels before consonants"
        );
        assert_eq!(read("เซเลนสกี"), "selenski");
        assert_eq!(read("ວລາດີມີ ປູຕິນ"), "vladimi poutin");
        assert_eq!(read("ቭላዲሚር ፑቲን"), "vladimir putin");
        assert_eq!(read("ပူတင်"), "pu tin");
    }

    #[test]
    fn brahmic_inherent_vowels() {
        assert_eq!(read("नरेन्द्र मोदी"), "narendr modi");
        assert_eq!(read("व्लादिमीर पुतिन"), "vladimir putin");
        assert_eq!(read("दाऊद इब्राहिम"), "daud ibrahim");
        assert_eq!(read("अमित शाह"), "amit shah");
        assert_eq!(read("इगोर सेचिन"), "igor sechin", "Hunterian ch");
        assert_eq!(read("कसाब"), "kasab");
        assert_eq!(read("ভ্লাদিমির পুতিন"), "bhladimir putin");
        assert_eq!(read("વ્લાદિમીર પુતિન"), "vladimir putin");
        assert_eq!(read("ਵਲਾਦੀਮੀਰ ਪੂਤਿਨ"), "valadimir putin");
        assert_eq!(read("விளாதிமிர் பூட்டின்"), "vilatimir puttin");
        assert_eq!(read("వ్లాదిమిర్ పుతిన్"), "vladimir putin");
        assert_eq!(read("ವ್ಲಾದಿಮಿರ್ ಪುಟಿನ್"), "vladimir putin");
        assert_eq!(read("വ്ളാഡിമിർ പുടിൻ"), "vladimir putin");
        assert_eq!(read("రామయ్య"), "ramayya", "southern scripts keep a final a");
        assert_eq!(read("ගෝඨාභය රාජපක්ෂ"), "gothabhaya rajapaksa");
    }
}
