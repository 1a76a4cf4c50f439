//! Sino-Korean readings of Han characters (Hanja), from the Korean Hanja
//! dictionary of the `hanja` crate (libhangul's data).
//!
//! That dictionary is keyed by Hangul syllable (`김` → `金`, ...); the
//! inverse, each character's readings, is built once on first use. A
//! character read several ways (`金`: `금` and `김`; `李`: `리` and, by the
//! South Korean initial-sound rule, `이`) keeps at most two readings, its
//! own sound first: a reading whose gloss ends in that very syllable
//! (`오얏 리` under `리`) before one listed only by the initial-sound rule
//! (`오얏 리` under `이`), then the more frequent use. In a surname's
//! place, a reading glossed as a person's family name (`사람의 성 김`)
//! comes first.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// Up to two Hangul readings of one Han character, best first, plus
/// which of them is glossed as a family name.
#[derive(Debug, Clone, Copy)]
struct Readings {
    first: char,
    second: Option<char>,
    /// Index (0 or 1) of a reading glossed as a person's family name.
    surname: Option<u8>,
}

/// A reading being ranked while the table is built.
struct Candidate {
    syllable: char,
    own_sound: bool,
    rank: usize,
    surname: bool,
}

fn table() -> &'static FxHashMap<char, Readings> {
    static TABLE: OnceLock<FxHashMap<char, Readings>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut candidates: FxHashMap<char, Vec<Candidate>> = FxHashMap::default();
        let syllables = ('\u{AC00}'..='\u{D7A3}').filter_map(|c| hanja::get(c).map(|l| (c, l)));
        for (syllable, list) in syllables {
            for (rank, &(han, gloss)) in list.iter().enumerate() {
                candidates.entry(han).or_default().push(Candidate {
                    syllable,
                    own_sound: gloss
                        .split(',')
                        .any(|part| part.trim_end().ends_with(syllable)),
                    rank,
                    surname: gloss.contains("사람의 성") || gloss.contains("성씨"),
                });
            }
        }
        candidates
            .into_iter()
            .filter_map(|(han, mut found)| {
                found.sort_by_key(|c| (!c.own_sound, c.rank, c.syllable));
                let first = found.first()?;
                let second = found.get(1);
                let surname = if first.surname {
                    Some(0)
                } else if second.is_some_and(|c| c.surname) {
                    Some(1)
                } else {
                    None
                };
                Some((
                    han,
                    Readings {
                        first: first.syllable,
                        second: second.map(|c| c.syllable),
                        surname,
                    },
                ))
            })
            .collect()
    })
}

pub(crate) use super::super::translit::is_han;

/// The Hangul readings of `c` in the place of a name's first character
/// (`surname`) or elsewhere, best first; empty when the dictionary has
/// none.
pub fn readings(c: char, surname: bool) -> Vec<char> {
    let Some(found) = table().get(&c) else {
        return Vec::new();
    };
    let mut all = vec![found.first];
    all.extend(found.second);
    if surname && found.surname == Some(1) {
        all.swap(0, 1);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_read_in_korean() {
        assert_eq!(readings('正', false), ['정']);
        assert_eq!(readings('恩', false), ['은']);
        assert_eq!(readings('萬', false), ['만']);
        assert_eq!(readings('崔', true), ['최']);
        assert_eq!(readings('A', false), Vec::<char>::new());
    }

    #[test]
    fn a_surname_takes_its_family_name_reading() {
        assert_eq!(readings('金', true), ['김', '금']);
        assert_eq!(readings('金', false), ['금', '김']);
    }

    #[test]
    fn own_sounds_come_before_the_initial_sound_rule() {
        assert_eq!(readings('李', true)[0], '리');
        assert_eq!(readings('龍', false), ['룡', '용']);
    }
}
