//! Numbers written as words, ordinals or Roman numerals, read as digits,
//! so that `Forty-Four`, `44`, `Third`, `3rd` and `III` compare by value:
//! for organizations and vessels a different number is a different name
//! (`FUND 8` is not `FUND 9`).

/// Cardinal number words below twenty, by value.
const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// Ordinal number words below twenty, by value (index 0 unused).
const ORDINAL_UNITS: [&str; 20] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];

/// Tens from twenty, cardinal and ordinal.
const TENS: [(&str, &str, u32); 8] = [
    ("twenty", "twentieth", 20),
    ("thirty", "thirtieth", 30),
    ("forty", "fortieth", 40),
    ("fifty", "fiftieth", 50),
    ("sixty", "sixtieth", 60),
    ("seventy", "seventieth", 70),
    ("eighty", "eightieth", 80),
    ("ninety", "ninetieth", 90),
];

/// The value of a number word, cardinal or ordinal, below one hundred,
/// and whether it is a multiple of ten that a unit may follow
/// (`forty` `four`).
fn word_value(word: &str) -> Option<(u32, bool)> {
    if let Some(at) = UNITS.iter().position(|&unit| unit == word) {
        return Some((at as u32, false));
    }
    if let Some(at) = ORDINAL_UNITS.iter().position(|&unit| unit == word) {
        return Some((at as u32, false));
    }
    TENS.iter().find_map(|&(cardinal, ordinal, value)| {
        (word == cardinal)
            .then_some((value, true))
            .or_else(|| (word == ordinal).then_some((value, false)))
    })
}

/// The value of the number words at the start of `words` and how many
/// words they are: `forty four` → (44, 2), `third` → (3, 1).
pub(crate) fn number_words(words: &[&str]) -> Option<(u32, usize)> {
    let (first, takes_unit) = word_value(words.first()?)?;
    if takes_unit
        && let Some(&next) = words.get(1)
        && let Some((unit, false)) = word_value(next)
        && (1..10).contains(&unit)
    {
        return Some((first + unit, 2));
    }
    Some((first, 1))
}

/// `3rd` → `3`, `110th` → `110`: digits followed by an English ordinal
/// suffix.
pub(crate) fn ordinal_digits(word: &str) -> Option<String> {
    let digits_end = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits_end == 0 || digits_end == word.len() {
        return None;
    }
    matches!(&word[digits_end..], "st" | "nd" | "rd" | "th").then(|| word[..digits_end].to_string())
}

/// The value of a Roman numeral of two to seven letters made of `i`, `v`
/// and `x` (up to 39), written the standard way. `vi`, `ix` and `xi` are
/// left alone: they are names too (`Xi`).
pub(crate) fn roman_value(word: &str) -> Option<u32> {
    if !(2..=7).contains(&word.len())
        || !word.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'))
        || matches!(word, "vi" | "ix" | "xi")
    {
        return None;
    }
    let value = |b: u8| match b {
        b'i' => 1,
        b'v' => 5,
        _ => 10,
    };
    let bytes = word.as_bytes();
    let mut total = 0i32;
    for (at, &b) in bytes.iter().enumerate() {
        let here = value(b);
        if bytes.get(at + 1).is_some_and(|&next| value(next) > here) {
            total -= here;
        } else {
            total += here;
        }
    }
    let total = u32::try_from(total).ok()?;
    (canonical_roman(total) == word).then_some(total)
}

/// The standard Roman numeral of `value` (below 40), lower case.
fn canonical_roman(value: u32) -> String {
    const ONES: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    let tens = "x".repeat((value / 10) as usize);
    tens + ONES[(value % 10) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_have_their_value() {
        assert_eq!(number_words(&["forty", "four", "fund"]), Some((44, 2)));
        assert_eq!(number_words(&["third", "bureau"]), Some((3, 1)));
        assert_eq!(number_words(&["twentieth"]), Some((20, 1)));
        assert_eq!(number_words(&["forty"]), Some((40, 1)));
        assert_eq!(number_words(&["fourth", "four"]), Some((4, 1)));
        assert_eq!(number_words(&["bureau"]), None);
    }

    #[test]
    fn ordinals_with_digits() {
        assert_eq!(ordinal_digits("110th").as_deref(), Some("110"));
        assert_eq!(ordinal_digits("3rd").as_deref(), Some("3"));
        assert_eq!(ordinal_digits("3x"), None);
        assert_eq!(ordinal_digits("33"), None);
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_value("iii"), Some(3));
        assert_eq!(roman_value("iv"), Some(4));
        assert_eq!(roman_value("xiv"), Some(14));
        assert_eq!(roman_value("xxxix"), Some(39));
        assert_eq!(roman_value("xi"), None, "a name (Xi)");
        assert_eq!(roman_value("iiii"), None, "not standard");
        assert_eq!(roman_value("i"), None, "an initial");
        assert_eq!(roman_value("mix"), None);
    }
}
