//! Korean names written in Cyrillic (the Russian Kontsevich system and the
//! older press spellings it grew from), read back into the Latin letters
//! Korean names are listed in: `Ким Чен Ын` → `kim chong un` for
//! `KIM Jong Un`, where the Russian table reads `kim chen yn`.
//!
//! The rules undo what Russian spelling does to Korean sounds:
//! * `х` is `h` (ㅎ), and after a stop it marks aspiration: `чх`, `кх`,
//!   `тх`, `пх` are `ch`, `k`, `t`, `p` (`Чхве` = Choe);
//! * `ы` is `eu`/`u` (ㅡ), `ый` is `ui` (ㅢ), `э` is `ae` (ㅐ), `в` before
//!   a vowel is `w` (`Хван` = Hwang);
//! * `е` before `н` is the vowel ㅓ, `eo`/`o` (`Чен` = Jong, `Сен` = Song),
//!   `ё` is `yo` (`Хён` = Hyon), and `Ен` is `yon` (Yong);
//! * a final `н` is either `n` or `ng` (Kontsevich writes ㅇ as `н`: `Сан`
//!   is `Sang` in `Ким Сан Ман`), so each reading picks one per word.
//!
//! They apply only to text that looks like a Korean name: two to four
//! Cyrillic words of at most two syllables each, with a Korean surname
//! first or last.

/// Common Korean surnames as Russian writes them, lower case.
const SURNAMES: &[&str] = &[
    "ким", "пак", "пэк", "пек", "ли", "ри", "и", "чхве", "чве", "чой", "чон", "чен", "чан", "хан",
    "кан", "ян", "рян", "нам", "сон", "син", "шин", "мун", "хон", "хван", "юн", "рю", "ю", "ан",
    "ко", "чо", "чу", "хо", "но", "ро", "о", "у", "лим", "рим", "им", "пён", "со", "квак", "кон",
    "ом", "чхон", "рё", "хён", "тхак", "чи", "ха", "ку", "сим",
];

/// Most readings returned for one name.
const MAX_READINGS: usize = 4;
/// Most letters in one word of a name that looks Korean.
const MAX_WORD_LETTERS: usize = 8;

fn is_cyrillic_vowel(c: char) -> bool {
    matches!(c, 'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я')
}

/// The words of `name` in lower case when it looks like a Korean name in
/// Cyrillic letters.
fn korean_words(name: &str) -> Option<Vec<Vec<char>>> {
    let mut words: Vec<Vec<char>> = Vec::new();
    for part in name.split(|c: char| c.is_whitespace() || matches!(c, '-' | ',' | '.' | '‐')) {
        if part.is_empty() {
            continue;
        }
        if words.len() == 4 {
            return None;
        }
        let mut word = Vec::with_capacity(part.len() / 2);
        for c in part.chars() {
            if !('\u{0400}'..='\u{04FF}').contains(&c) || word.len() == MAX_WORD_LETTERS {
                return None;
            }
            word.push(c.to_lowercase().next().unwrap_or(c));
        }
        let vowels = word.iter().filter(|&&c| is_cyrillic_vowel(c)).count();
        if vowels == 0 || vowels > 2 {
            return None;
        }
        words.push(word);
    }
    let is_surname = |word: &Vec<char>| {
        let text: String = word.iter().collect();
        SURNAMES.contains(&text.as_str())
    };
    let surname_at_an_end =
        words.first().is_some_and(is_surname) || words.last().is_some_and(is_surname);
    (words.len() >= 2 && surname_at_an_end).then_some(words)
}

/// Writes one word by the rules of the module documentation, its final
/// `н` as `ng` when `final_ng`; returns whether it ends in `н`.
fn push_word(word: &[char], final_ng: bool, out: &mut String) -> bool {
    let mut at = 0;
    while at < word.len() {
        let c = word[at];
        let next = word.get(at + 1).copied();
        let previous = at.checked_sub(1).map(|p| word[p]);
        let mut used = 1;
        match c {
            'ч' | 'к' | 'т' | 'п' if next == Some('х') => {
                out.push_str(match c {
                    'ч' => "ch",
                    'к' => "k",
                    'т' => "t",
                    _ => "p",
                });
                used = 2;
            }
            'д' | 'ч' if next == Some('ж') => {
                out.push('j');
                used = 2;
            }
            'х' => out.push('h'),
            'в' => out.push('w'),
            'ы' if next == Some('й') => {
                out.push_str("ui");
                used = 2;
            }
            'ы' => out.push('u'),
            'э' => out.push_str("ae"),
            'е' if next == Some('н') => {
                out.push_str(if previous.is_none_or(is_cyrillic_vowel) {
                    "yo"
                } else {
                    "o"
                });
            }
            'ё' if previous.is_some_and(|p| matches!(p, 'ч' | 'ш' | 'щ' | 'ж')) => {
                out.push('o')
            }
            'ё' => out.push_str("yo"),
            'й' => out.push('i'),
            'н' if at + 1 == word.len() => out.push_str(if final_ng { "ng" } else { "n" }),
            _ => super::super::translit::push_latin(c, out),
        }
        at += used;
    }
    word.last() == Some(&'н')
}

/// The Latin readings of a Korean name written in Cyrillic, at most
/// [`MAX_READINGS`]; empty when `name` does not look like one. Each word
/// ending in `н` is read with `n` or `ng`; the given name's words vary
/// first, the surname's last.
pub fn readings(name: &str) -> Vec<String> {
    let Some(words) = korean_words(name) else {
        return Vec::new();
    };
    let surname_first = SURNAMES.contains(&words[0].iter().collect::<String>().as_str());
    // Words ending in н, in the order their choice varies.
    let mut open: Vec<usize> = (0..words.len())
        .filter(|&w| words[w].last() == Some(&'н'))
        .collect();
    if surname_first {
        open.reverse();
    }
    let combinations = 1usize << open.len().min(2);
    (0..combinations.min(MAX_READINGS))
        .map(|mask| {
            let mut out = String::with_capacity(name.len());
            for (w, word) in words.iter().enumerate() {
                if w > 0 {
                    out.push(' ');
                }
                let bit = open.iter().position(|&o| o == w);
                let final_ng = bit.is_some_and(|b| mask >> b & 1 == 1);
                push_word(word, final_ng, &mut out);
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_names_in_cyrillic_read_as_listed() {
        let kim = readings("Ким Чен Ын");
        assert_eq!(kim[0], "kim chon un");
        assert!(kim.contains(&"kim chong un".to_string()), "{kim:?}");
        assert!(readings("Ким Сан Ман").contains(&"kim sang man".to_string()));
        assert!(readings("Ким Ир Сен").contains(&"kim ir song".to_string()));
        assert_eq!(readings("Чхве Рён Хэ")[0], "chwe ryon hae");
        assert!(readings("Ли Ен Хо").contains(&"li yong ho".to_string()));
        assert_eq!(readings("Пак Пон Чжу")[0], "pak pon ju");
        assert!(readings("Хван Пён Со").contains(&"hwang pyong so".to_string()));
    }

    #[test]
    fn at_most_four_readings() {
        assert_eq!(readings("Чон Сен Ман Хан").len(), 4);
    }

    #[test]
    fn other_cyrillic_names_have_none() {
        assert!(readings("Владимир Путин").is_empty());
        assert!(readings("Сергей Шойгу").is_empty(), "no Korean surname");
        assert!(readings("Ким").is_empty(), "one word");
        assert!(readings("Ким Чен Ын Сон Мин").is_empty(), "five words");
        assert!(readings("Ким Александрович").is_empty(), "long words");
        assert!(readings("Kim Чен").is_empty(), "mixed scripts");
    }
}
