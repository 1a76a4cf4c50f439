//! The name tokenizer under each style, and transliteration to Latin.

#![no_main]

use embargo_core::matching::tokens::{NameStyle, tokenize};
use embargo_core::matching::translit::{to_latin, to_latin_foreign_kana};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for style in [
        NameStyle::Person,
        NameStyle::Organization,
        NameStyle::Unknown,
    ] {
        let _ = tokenize(&text, style);
    }
    let latin = to_latin(&text);
    // Transliteration is idempotent on its own output's letters: a second
    // pass never panics and stays Latin.
    let _ = to_latin(&latin);
    let _ = to_latin_foreign_kana(&text);
});
