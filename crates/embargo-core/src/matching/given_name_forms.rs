//! Forms of one given name that no spelling rule brings together: the
//! short and familiar forms people go by (Bill for William, Sasha for
//! Aleksandr, Pepe for José, Giorgos for Georgios) and the national forms
//! of one East Slavic name (Mykola, Mikalai and Nikolay; Volodymyr,
//! Uladzimir and Vladimir), and Arabic names as Turkish, South Asian,
//! Maghrebi French and West African spellings write them (Mehmet and
//! Mamadou for Muhammad, Osman for Uthman, Houcine for Husayn), which the
//! lists give as aliases of one another and the press uses as it likes.
//!
//! Each group of [`FORMS`] is the forms of one name, written in the
//! romanization the lists use; spellings of a form that share its
//! romanization key ([`super::phonetic::fold`]: Dmitriy, Dmitry, Dmitri)
//! need no entry of their own. A word may be a form of several names
//! (Alex of Aleksandr and Aleksey, Slava of every `-slav`), and two words
//! are forms of one name when they share a group. The groups were
//! written for this module from common knowledge of the names; short
//! forms of two letters (Al, Ed, Jo) are left out, being particles or
//! initials as often as names, as are those that are common family names
//! of their own (Kim of Kimberly, Abe of Abraham, Franco of Francesco).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::edits::osa_distance_within;
use super::phonetic::fold;

/// Similarity of two forms of one given name: below a spelling variant
/// (0.95), since a familiar form is a different word, and above a typo of
/// a short word, since the pair is certain.
pub const GIVEN_NAME_FORM_SIMILARITY: f32 = 0.85;

/// The forms of one given name per entry, separated by spaces.
const FORMS: &[&str] = &[
    // English, men
    "william bill billy will willy willie liam",
    "robert bob bobby rob robbie robby bert",
    "richard dick rick ricky rich richie",
    "james jim jimmy jamie",
    "john jack johnny",
    "michael mike mikey mick mickey",
    "thomas tom tommy",
    "joseph joe joey",
    "charles charlie chuck",
    "edward eddie eddy ted teddy ned",
    "edmund eddie ned",
    "henry harry hank hal",
    "harold harry hal",
    "anthony antony tony",
    "christopher chris kit",
    "christian chris",
    "daniel dan danny",
    "david dave davey davy",
    "matthew matt matty",
    "nicholas nick nicky",
    "patrick pat paddy",
    "peter pete",
    "samuel sam sammy",
    "stephen steve stevie",
    "timothy tim timmy",
    "benjamin ben benny benji",
    "alexander alex alec sandy sasha",
    "andrew andy drew",
    "albert bert albie",
    "herbert bert herb",
    "gilbert bert",
    "frederick fred freddie freddy",
    "gerald gerry jerry",
    "jeremiah jeremy jerry",
    "lawrence laurence larry",
    "leonard len lenny",
    "louis luis lou lucho",
    "martin marty",
    "nathaniel nathan nate nat",
    "philip phil",
    "raymond ray",
    "ronald ron ronnie",
    "douglas doug",
    "gregory greg",
    "jeffrey geoffrey jeff",
    "kenneth ken kenny",
    "stanley stan",
    "theodore ted teddy theo",
    "vincent vince vinny",
    "walter walt wally",
    "zachary zach zack",
    "isaac ike",
    "maximilian max",
    // English, women
    "elizabeth elisabeth liz lizzie beth betty betsy eliza libby bess",
    "margaret maggie meg peggy marge margie",
    "catherine katherine kathryn kate katie kathy cathy",
    "jennifer jen jenny",
    "susan sue susie suzy",
    "deborah debra deb debbie",
    "patricia pat patty trish tricia",
    "rebecca becky becca",
    "victoria vicky",
    "barbara barb babs",
    "christine christina chris tina chrissy",
    "dorothy dot dottie dolly",
    "mary molly polly",
    "sarah sara sally sadie",
    "jessica jess jessie",
    "abigail abby gail",
    "samantha sam sammy",
    "alexandra alex sasha sandra",
    "judith judy",
    // Russian, Ukrainian and Belarusian, men: the Russian form, the
    // Ukrainian, the Belarusian, then the familiar forms
    "aleksandr alexander oleksandr alyaksandr aliaksandr sasha sanya shura sashko",
    "aleksey alexei oleksiy oleksii aliaksei alyaksey alyosha lyosha lesha alex",
    "dmitriy dimitri dmytro dzmitry dzmitryi dima mitya",
    "mikhail mykhailo mikhail mikhas mikhal misha",
    "vladimir volodymyr uladzimir vladzimir volodya vova",
    "vladislav vlad slava",
    "vyacheslav viacheslav slava",
    "yaroslav slava",
    "stanislav slava stas",
    "svyatoslav sviatoslav slava",
    "nikolay nikolai mykola mikalai kolya",
    "sergey sergei serhiy serhii syarhei siarhei seryozha serezha",
    "ivan ivan vanya",
    "yevgeniy evgeny yevhen yauhen zhenya",
    "pavel pavlo paval pasha",
    "andrey andrei andriy andrii andrei andrusha andryusha",
    "anatoliy anatoli anatol tolya",
    "viktor viktar vitya",
    "vitaliy vitali vitalik vitya",
    "yuriy yuri yury yurii yuras yura",
    "konstantin kostiantyn kanstantsin kostya",
    "boris barys borya",
    "grigoriy grigory hryhoriy ryhor hryhor grisha",
    "yakov yakiv yasha",
    "maksim maxim maksym maksim max",
    "roman raman roma",
    "leonid leanid lyonya lenya",
    "valentin valentyn valyantsin valya",
    "valeriy valery valeriy valera",
    "gennadiy gennady hennadiy henadz gena",
    "arkadiy arkady arkasha",
    "vasiliy vasily vasyl vasil vasya",
    "fyodor fedor fedir fiodar fedya",
    "pyotr petro piotr petya",
    "semyon semen semyon syoma",
    "stepan stsiapan styopa",
    "igor ihor ihar",
    "oleg oleh aleh",
    "timofey tymofiy tsimafei tima",
    "yegor yahor",
    "yevgeniya evgenia yevheniya zhenya",
    // Russian, Ukrainian and Belarusian, women
    "aleksandra oleksandra alyaksandra sasha shura",
    "nataliya natalia natalya nataliia natasha",
    "yekaterina ekaterina kateryna katsiaryna katya",
    "mariya maria mariia masha",
    "anna hanna anya",
    "yelena elena olena alena lena",
    "olga olha volha olya",
    "tatyana tatiana tetiana tatsiana tanya",
    "svetlana svitlana sviatlana sveta",
    "irina iryna iryna ira",
    "lyudmila ludmila liudmyla lyuda mila",
    "valentina valentyna valya",
    "galina halyna halina galya",
    "anastasiya anastasia nastya",
    "kseniya ksenia kseniia ksyusha",
    "darya daria dasha",
    "sofiya sofia sonya",
    // Spanish and Portuguese
    "jose pepe chepe",
    "francisco paco pancho curro paquito",
    "ignacio nacho",
    "jesus chucho chuy",
    "guillermo memo",
    "enrique quique",
    "manuel manolo",
    "alberto beto",
    "roberto beto",
    "eduardo lalo",
    "rosario charo",
    "concepcion concha conchita",
    "dolores lola",
    "mercedes meche",
    "guadalupe lupe",
    "antonio tono tonio",
    "fernando nando",
    "rafael rafa",
    "alejandro alejo",
    "gustavo tavo",
    "rodolfo fito",
    "adolfo fito",
    "vicente chente",
    "joaquim joaquin quim",
    // Italian
    "giuseppe beppe peppe peppino",
    "luigi gigi",
    "salvatore toto turi",
    "giovanni gianni vanni",
    "vincenzo enzo",
    "lorenzo enzo",
    "domenico mimmo",
    "gaetano tano",
    "antonino nino",
    // German and Dutch
    "johannes hans johann",
    "josef joseph sepp jupp",
    "friedrich fritz",
    "wilhelm willi willy",
    "heinrich heinz",
    "ulrich uli",
    "gerhard gerd",
    "bernhard bernd",
    // Greek: the formal form, then the forms of everyday use
    "georgios giorgos yiorgos",
    "ioannis giannis yiannis yannis",
    "konstantinos kostas kostis",
    "dimitrios dimitris",
    "nikolaos nikolaus nikos klaus",
    "panagiotis panos",
    "vasileios vasilis",
    "athanasios thanasis thanos",
    "emmanouil manolis",
    "sotirios sotiris",
    "spyridon spyros",
    "eleftherios lefteris",
    "michail michalis",
    "alexandros alexis",
    "charalampos charalambos babis",
    "christoforos christos",
    "evangelos vangelis",
    "stylianos stelios",
    "theodoros thodoris",
    "anastasios tasos",
    "apostolos tolis",
    "grigorios grigoris",
    // Arabic names as Turkish, Persian, South Asian, Malay, Maghrebi
    // French and West African spellings write them, where no spelling
    // rule reaches: the form the lists use first
    "muhammad mohammed mohamed mohammad mehmet mamadou mamadu",
    "uthman osman usman othman ousmane",
    "husayn houcine hocine",
    "hasan lahcen lahcene lahsen",
    "ridwan redouane radouane rizwan rezvan",
    "shahin chahine",
    "shawqi chaouki",
    "hisham hichem",
    "yasin yassine",
    "sufyan soufiane",
    "sulayman slimane",
];

/// Most edits between a word and a form of [`FORMS`] sharing its
/// romanization key for the word to be a spelling of that form
/// (`Dmitriy`, `Dmitry`). The key alone is too broad a class for names
/// this short: `Ronald` and `Leonard`, `Gerald` and `Gerhard` share one.
const MAX_FORM_EDITS: usize = 1;

/// Bytes of the longest form of [`FORMS`] (`konstantinos`).
const MAX_FORM_BYTES: usize = 14;

/// Each form of [`FORMS`] with its group, by romanization key.
fn forms_by_key() -> &'static FxHashMap<String, Vec<(u16, &'static str)>> {
    static FORMS_BY_KEY: OnceLock<FxHashMap<String, Vec<(u16, &'static str)>>> = OnceLock::new();
    FORMS_BY_KEY.get_or_init(|| {
        let mut by_key: FxHashMap<String, Vec<(u16, &'static str)>> = FxHashMap::default();
        for (group, forms) in (0u16..).zip(FORMS) {
            for form in forms.split_whitespace() {
                by_key.entry(fold(form)).or_default().push((group, form));
            }
        }
        by_key
    })
}

/// Marks the groups of a patronymic made from a form of the group's name
/// (`Volodymyrovych`, `Vladimirovich`), which meet only patronymics.
const PATRONYMIC: u16 = 0x8000;
/// Marks, besides [`PATRONYMIC`], a daughter's patronymic (`Vladimirovna`).
const FEMININE: u16 = 0x4000;
/// East Slavic patronymic endings, with whether they are a daughter's:
/// Russian (`-ovich`, `-evich`, `-ovna`, `-evna`), Ukrainian (`-ovych`,
/// `-ivna`), Belarusian (`-avich`, `-auna`, `-awna`).
const PATRONYMIC_ENDINGS: [(&str, bool); 11] = [
    ("ovich", false),
    ("evich", false),
    ("ovych", false),
    ("evych", false),
    ("avich", false),
    ("ovna", true),
    ("evna", true),
    ("ivna", true),
    ("auna", true),
    ("awna", true),
    ("ichna", true),
];
/// Shortest patronymic: a name of three letters and its ending.
const MIN_PATRONYMIC_BYTES: usize = 8;

/// The groups of given-name forms a lower-case word with the romanization
/// key `key` belongs to: those of a given name ([`given_name_groups`]),
/// or, for a patronymic, those of the name it is made from, marked as a
/// patronymic's (`Volodymyrovych` and `Vladimirovich`, both of
/// Vladimir's group, meet; neither meets `Vladimir`). Ascending; empty
/// (without allocating) for most words.
pub(crate) fn word_given_name_groups(text: &str, key: &str) -> Vec<u16> {
    let mut groups = given_name_groups(text, key);
    // every ending ends in `h` or `a`
    if text.len() < MIN_PATRONYMIC_BYTES || !text.ends_with(['h', 'a']) {
        return groups;
    }
    for (ending, feminine) in PATRONYMIC_ENDINGS {
        let Some(stem) = text.strip_suffix(ending) else {
            continue;
        };
        let mark = PATRONYMIC | if feminine { FEMININE } else { 0 };
        // the `y` or `i` joining the ending to a name ending in a vowel
        // (`Mykola`, `Mykolayovych`; `Oleksii`, `Oleksiiovych`)
        let joined = stem.strip_suffix(['y', 'i']);
        for stem in std::iter::once(stem).chain(joined) {
            groups.extend(
                given_name_groups(stem, &fold(stem))
                    .into_iter()
                    .map(|group| group | mark),
            );
        }
    }
    groups.sort_unstable();
    groups.dedup();
    groups
}

/// The groups of given-name forms (indices of [`FORMS`]) of which the
/// lower-case word `text`, with the romanization key `key`, is a form or
/// a spelling of one ([`MAX_FORM_EDITS`]), ascending; empty (without
/// allocating) for most words.
pub(crate) fn given_name_groups(text: &str, key: &str) -> Vec<u16> {
    // most words are longer than any form, or hold a byte no form has
    if text.len() > MAX_FORM_BYTES + MAX_FORM_EDITS {
        return Vec::new();
    }
    let Some(forms) = forms_by_key().get(key) else {
        return Vec::new();
    };
    let mut groups: Vec<u16> = forms
        .iter()
        .filter(|(_, form)| {
            osa_distance_within(text.as_bytes(), form.as_bytes(), MAX_FORM_EDITS).is_some()
        })
        .map(|&(group, _)| group)
        .collect();
    groups.sort_unstable();
    groups.dedup();
    groups
}

/// True when two words with the given-name groups `a` and `b` are forms
/// of one name: they share a group.
pub(crate) fn share_a_given_name(a: &[u16], b: &[u16]) -> bool {
    // both lists are ascending and short (one or two groups)
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms_of_one_name(a: &str, b: &str) -> bool {
        share_a_given_name(
            &given_name_groups(a, &fold(a)),
            &given_name_groups(b, &fold(b)),
        )
    }

    #[test]
    fn short_and_national_forms_meet_their_name() {
        for (a, b) in [
            ("bill", "william"),
            ("bill", "will"),
            ("sasha", "aleksandr"),
            ("sasha", "alexander"),
            ("sasha", "aleksandra"),
            ("mykola", "nikolai"),
            ("alyaksandr", "aleksandr"),
            ("dima", "dmitry"),
            ("pepe", "jose"),
            ("giorgos", "georgios"),
            ("slava", "vyacheslav"),
            ("alex", "aleksey"),
            ("dmitriy", "dima"),
            ("yevgeny", "zhenya"),
        ] {
            assert!(forms_of_one_name(a, b), "{a} {b}");
        }
    }

    fn patronymics_of_one_name(a: &str, b: &str) -> bool {
        share_a_given_name(
            &word_given_name_groups(a, &fold(a)),
            &word_given_name_groups(b, &fold(b)),
        )
    }

    #[test]
    fn patronymics_of_forms_of_one_name_meet() {
        for (a, b) in [
            ("volodymyrovych", "vladimirovich"),
            ("anatoliyovych", "anatolievich"),
            ("oleksandrovych", "aleksandrovich"),
            ("ryhoravich", "grigoryevich"),
            ("mykolayivna", "nikolayevna"),
        ] {
            assert!(patronymics_of_one_name(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("vladimirovich", "vladimir"),
            ("vladimirovich", "vladimirovna"),
            ("volodymyrovych", "nikolayevich"),
        ] {
            assert!(!patronymics_of_one_name(a, b), "{a} {b}");
        }
    }

    #[test]
    fn forms_of_different_names_do_not_meet() {
        for (a, b) in [
            ("bill", "robert"),
            ("aleksey", "aleksandr"),
            ("vyacheslav", "yaroslav"),
            ("smith", "william"),
            ("kim", "kimberly"),
            ("john", "jonathan"),
            ("ronald", "leonard"),
            ("gerald", "gerhard"),
        ] {
            assert!(!forms_of_one_name(a, b), "{a} {b}");
        }
    }

    /// The name a group is of (its first form) belongs to no other group
    /// unless that group writes it: a short form sharing the key of
    /// another name (`jon` and `john`) would make two names one.
    #[test]
    fn no_short_form_is_another_name() {
        let mut merged = Vec::new();
        for (group, forms) in (0u16..).zip(FORMS) {
            let Some(name) = forms.split_whitespace().next() else {
                continue;
            };
            for other in given_name_groups(name, &fold(name)) {
                let written = FORMS[usize::from(other)]
                    .split_whitespace()
                    .any(|form| form == name);
                if other != group && !written {
                    merged.push(format!("{name} in {}", FORMS[usize::from(other)]));
                }
            }
        }
        assert!(merged.is_empty(), "{merged:#?}");
    }

    #[test]
    fn no_form_is_longer_than_the_longest() {
        let longest = FORMS
            .iter()
            .flat_map(|forms| forms.split_whitespace())
            .map(str::len)
            .max();
        assert!(
            longest.is_some_and(|len| len <= MAX_FORM_BYTES),
            "{longest:?}"
        );
    }

    /// Every group names at least two forms with different keys, and no
    /// form is a particle-length word.
    #[test]
    fn groups_are_well_formed() {
        let mut malformed = Vec::new();
        for forms in FORMS {
            let words: Vec<&str> = forms.split_whitespace().collect();
            let mut keys: Vec<String> = words.iter().map(|w| fold(w)).collect();
            keys.sort();
            keys.dedup();
            if words.iter().any(|w| w.len() <= 2) || keys.len() < 2 {
                malformed.push(forms);
            }
        }
        assert!(malformed.is_empty(), "{malformed:#?}");
    }
}
