//! The grammar of the OFAC `Remarks` column.
//!
//! Remarks are items separated by `; ` and ended by `.`:
//! `DOB 25 Apr 1965; POB North Pyongan Province, North Korea; nationality
//! Korea, North; Gender Male; Passport 109420132 (Korea, North); a.k.a.
//! 'KIM SANG MAN'; Linked To: LAZARUS GROUP.` Weak aliases are quoted and
//! may hold a `;` of their own. Remarks longer than 1,000 characters go on
//! in the comments file ([`merge_continuation`]).
//!
//! [`split_items`] cuts the text into items, [`parse_item`] reads one item
//! with one rule per kind of item, and [`apply`] adds the result to an
//! entity. An item no rule reads is kept verbatim in
//! [`Entity::remarks`]: nothing the list publishes is dropped.

use crate::model::{
    Country, DateSpec, Entity, Gender, Identifier, Link, Name, NameQuality, PartialDate, Schema,
    Wallet, country_code,
};

use super::identifiers;
use super::labels::after_label;

/// The relation OFAC's `Linked To:` items state.
pub const LINKED_TO: &str = "Linked To";

/// Fewest characters a continuation must repeat of the remarks it
/// continues before the repeat is taken as an overlap (see
/// [`merge_continuation`]). Real splits repeat nothing, or a character by
/// chance.
const MIN_OVERLAP: usize = 12;

/// Most characters looked at for such an overlap: one remarks cell.
const MAX_OVERLAP: usize = 1_000;

/// What one remark item says.
#[derive(Debug, Clone, PartialEq)]
pub enum RemarkItem {
    /// `DOB 25 Apr 1965`, `alt. DOB circa 1970`, `DOB 1964 to 1966`.
    BirthDate(DateSpec),
    /// `POB North Pyongan Province, North Korea`.
    BirthPlace(String),
    /// `nationality Korea, North` (only when the country is recognized).
    Nationality(Country),
    /// `citizen Russia` (only when the country is recognized).
    Citizenship(Country),
    /// `Gender Male`.
    Gender(Gender),
    /// `Organization Established Date 07 May 2016`.
    Established(DateSpec),
    /// `Listing Date (CMIC) 03 Jun 2021`: the date the entity was listed
    /// under the programs named in `scope`.
    ListingDate {
        /// The parenthesized scope (`CMIC`, `EO 14024 Directive 3`).
        scope: String,
        /// The date.
        date: PartialDate,
    },
    /// `a.k.a. 'NAME'` (weak), `f.k.a. 'NAME'` (former), `n.k.a. 'NAME'`
    /// (strong).
    Alias(Name),
    /// `Linked To: NAME.`, not yet resolved to an id.
    Link(Link),
    /// A document number, registration number, vessel or aircraft number,
    /// email address, website or phone number.
    Identifier(Identifier),
    /// `Digital Currency Address - XBT 1D6g...`.
    Wallet(Wallet),
    /// Anything else, as written.
    Verbatim(String),
}

/// One rule of the grammar: reads an item (its `alt.` prefix removed) for
/// an entity of the given schema, or declines it.
type Rule = fn(&str, Schema) -> Option<RemarkItem>;

/// The rules, tried in order; the first that reads an item wins.
const RULES: [Rule; 11] = [
    alias,
    link,
    birth_date,
    birth_place,
    nationality,
    citizenship,
    gender,
    established,
    listing_date,
    wallet,
    identifier,
];

/// True when remarks were cut (they do not end with the closing `.`), as
/// OFAC cuts them at 1,000 characters and continues in the comments file.
pub(crate) fn is_cut(remarks: &str) -> bool {
    let trimmed = remarks.trim_end();
    !trimmed.is_empty() && !trimmed.ends_with('.')
}

/// Appends a comments-file continuation to remarks.
///
/// OFAC splits long remarks anywhere, even mid-word, so the continuation
/// is appended as it is. When the continuation starts by repeating at
/// least `MIN_OVERLAP` characters that already end the remarks (a
/// comments file from another publication than the primary file), the
/// repeated part is kept once. Returns the length of that overlap (0 for a
/// clean continuation).
pub fn merge_continuation(remarks: &mut String, continuation: &str) -> usize {
    let longest = remarks.len().min(continuation.len()).min(MAX_OVERLAP);
    let overlap = (MIN_OVERLAP..=longest)
        .rev()
        .find(|&len| {
            continuation
                .get(..len)
                .is_some_and(|start| remarks.ends_with(start))
        })
        .unwrap_or(0);
    remarks.push_str(&continuation[overlap..]);
    overlap
}

/// The items of remarks, trimmed, in order, without the closing `.` and
/// without empty items. Items are separated by `;`; a weak alias
/// (`a.k.a. 'X; Y'`) runs to its closing quote even across a `;`.
pub fn split_items(remarks: &str) -> Vec<&str> {
    let trimmed = remarks.trim();
    let body = trimmed.strip_suffix('.').unwrap_or(trimmed);
    let mut items = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let end = item_end(rest);
        let item = rest[..end].trim();
        if !item.is_empty() {
            items.push(item);
        }
        rest = rest[end..]
            .strip_prefix(';')
            .unwrap_or(&rest[end..])
            .trim_start();
    }
    items
}

/// Byte index where the item at the start of `text` ends: its closing
/// quote for a quoted alias, else the next `;`.
fn item_end(text: &str) -> usize {
    let next_semicolon = text.find(';').unwrap_or(text.len());
    let Some(name_start) = quoted_alias_start(text) else {
        return next_semicolon;
    };
    text[name_start..]
        .match_indices('\'')
        .map(|(at, _)| name_start + at + 1)
        .find(|&after| {
            let following = text[after..].trim_start();
            following.is_empty() || following.starts_with(';')
        })
        .unwrap_or(next_semicolon)
}

/// For an item starting `a.k.a. '` (or `f.k.a.`, `n.k.a.`), the byte index
/// just after the opening quote.
fn quoted_alias_start(text: &str) -> Option<usize> {
    let marker_end = ALIAS_MARKERS
        .iter()
        .find(|(marker, _)| text.starts_with(marker))
        .map(|(marker, _)| marker.len())?;
    let quote = marker_end + text[marker_end..].len() - text[marker_end..].trim_start().len();
    text[quote..].starts_with('\'').then_some(quote + 1)
}

/// Reads one remark item for an entity of the given schema.
pub fn parse_item(item: &str, schema: Schema) -> RemarkItem {
    let unmarked = without_alt(item);
    RULES
        .iter()
        .find_map(|rule| rule(unmarked, schema))
        .unwrap_or_else(|| RemarkItem::Verbatim(item.to_string()))
}

/// Reads `remarks` into `entity`: every item becomes a field, or a verbatim
/// remark. The last item of cut remarks (`is_cut`) is kept verbatim, as
/// its value may be incomplete. Links are left unresolved (`id: None`).
pub fn apply(remarks: &str, entity: &mut Entity) {
    let items = split_items(remarks);
    let cut_item = is_cut(remarks).then(|| items.len().saturating_sub(1));
    for (index, item) in items.iter().enumerate() {
        let read = if Some(index) == cut_item {
            RemarkItem::Verbatim(item.to_string())
        } else {
            parse_item(item, entity.schema)
        };
        add_item(entity, read, item);
    }
}

/// Adds what an item says to the entity; `item` is its text, kept
/// verbatim when the entity already states otherwise.
fn add_item(entity: &mut Entity, read: RemarkItem, item: &str) {
    match read {
        RemarkItem::BirthDate(date) => push_new(&mut entity.birth_dates, date),
        RemarkItem::BirthPlace(place) => push_new(&mut entity.birth_places, place),
        RemarkItem::Nationality(country) => push_new(&mut entity.nationalities, country),
        RemarkItem::Citizenship(country) => push_new(&mut entity.citizenships, country),
        RemarkItem::Established(date) => push_new(&mut entity.established, date),
        RemarkItem::Alias(name) => entity.add_name(name),
        RemarkItem::Link(link) => push_new(&mut entity.links, link),
        RemarkItem::Identifier(identifier) => push_new(&mut entity.identifiers, identifier),
        RemarkItem::Wallet(wallet) => push_new(&mut entity.wallets, wallet),
        RemarkItem::Gender(gender) if entity.gender.is_none_or(|known| known == gender) => {
            entity.gender = Some(gender);
        }
        RemarkItem::ListingDate { scope, date }
            if entity.listed_on.is_none() && programs_in_scope(&entity.programs, &scope) =>
        {
            entity.listed_on = Some(date);
        }
        RemarkItem::Gender(_) | RemarkItem::ListingDate { .. } => {
            entity.remarks.push(item.to_string());
        }
        RemarkItem::Verbatim(text) => entity.remarks.push(text),
    }
}

fn push_new<T: PartialEq>(values: &mut Vec<T>, value: T) {
    if !values.contains(&value) {
        values.push(value);
    }
}

/// True when every program of the entity belongs to the scope a listing
/// date names (`CMIC` for `CMIC-EO13959`), so the date is the entity's own.
fn programs_in_scope(programs: &[String], scope: &str) -> bool {
    !programs.is_empty()
        && programs.iter().all(|program| {
            program
                .split(['-', ' '])
                .next()
                .is_some_and(|family| family.eq_ignore_ascii_case(scope))
        })
}

/// The item without a leading `alt.` (an alternative value of the same
/// kind, which changes nothing in how it is read).
fn without_alt(item: &str) -> &str {
    match item.get(..5) {
        Some(prefix) if prefix.eq_ignore_ascii_case("alt. ") => item[5..].trim_start(),
        _ => item,
    }
}

const ALIAS_MARKERS: [(&str, NameQuality); 3] = [
    ("a.k.a.", NameQuality::Weak),
    ("f.k.a.", NameQuality::Former),
    ("n.k.a.", NameQuality::Strong),
];

/// `a.k.a. 'NAME'`, `f.k.a. 'NAME'`, `n.k.a. 'NAME'`.
fn alias(item: &str, schema: Schema) -> Option<RemarkItem> {
    let (quality, rest) = ALIAS_MARKERS
        .iter()
        .find_map(|&(marker, quality)| Some((quality, after_label(item, marker)?)))?;
    let quoted = rest.trim_end_matches('.');
    let name = quoted.strip_prefix('\'')?.strip_suffix('\'')?.trim();
    if name.is_empty() {
        return None;
    }
    let name = if schema == Schema::Person {
        Name::from_last_first(name, quality)
    } else {
        Name::new(name, quality)
    };
    Some(RemarkItem::Alias(name))
}

/// `Linked To: NAME.` (the closing dot is not part of the name).
fn link(item: &str, _: Schema) -> Option<RemarkItem> {
    let name = after_label(item, LINKED_TO)?;
    let name = name.strip_suffix('.').unwrap_or(name).trim();
    (!name.is_empty()).then(|| {
        RemarkItem::Link(Link {
            relation: LINKED_TO.to_string(),
            name: name.to_string(),
            id: None,
        })
    })
}

fn birth_date(item: &str, _: Schema) -> Option<RemarkItem> {
    date_spec(after_label(item, "DOB")?).map(RemarkItem::BirthDate)
}

fn birth_place(item: &str, _: Schema) -> Option<RemarkItem> {
    let place = after_label(item, "POB")?;
    Some(RemarkItem::BirthPlace(place.to_string()))
}

fn nationality(item: &str, _: Schema) -> Option<RemarkItem> {
    known_country(after_label(item, "nationality")?).map(RemarkItem::Nationality)
}

fn citizenship(item: &str, _: Schema) -> Option<RemarkItem> {
    known_country(after_label(item, "citizen")?).map(RemarkItem::Citizenship)
}

fn gender(item: &str, _: Schema) -> Option<RemarkItem> {
    Gender::parse(after_label(item, "Gender")?).map(RemarkItem::Gender)
}

fn established(item: &str, _: Schema) -> Option<RemarkItem> {
    date_spec(after_label(item, "Organization Established Date")?).map(RemarkItem::Established)
}

/// `Listing Date (SCOPE) DATE` or `Listing Date (SCOPE): DATE`.
fn listing_date(item: &str, _: Schema) -> Option<RemarkItem> {
    let rest = after_label(item, "Listing Date")?.strip_prefix('(')?;
    let (scope, date) = rest.split_once(')')?;
    let date = PartialDate::parse(date.trim_start_matches(':').trim()).ok()?;
    Some(RemarkItem::ListingDate {
        scope: scope.trim().to_string(),
        date,
    })
}

/// `Digital Currency Address - CODE ADDRESS`.
fn wallet(item: &str, _: Schema) -> Option<RemarkItem> {
    let rest = after_label(item, "Digital Currency Address")?.strip_prefix('-')?;
    let (currency, address) = rest.trim().split_once(' ')?;
    let address = address.trim();
    let well_formed = !currency.is_empty()
        && currency.chars().all(|c| c.is_ascii_alphanumeric())
        && !address.is_empty()
        && !address.contains(char::is_whitespace);
    well_formed.then(|| {
        RemarkItem::Wallet(Wallet {
            currency: currency.to_string(),
            address: address.to_string(),
        })
    })
}

fn identifier(item: &str, schema: Schema) -> Option<RemarkItem> {
    identifiers::parse(item, schema).map(RemarkItem::Identifier)
}

/// A date specification as OFAC writes it; `circa 1960-1965` is read as
/// the range it means.
fn date_spec(text: &str) -> Option<DateSpec> {
    let (circa, date) = match text.strip_prefix("circa ") {
        Some(date) => (true, date),
        None => (false, text),
    };
    let mut spec = match dashed_year_range(date) {
        Some((from, to)) => DateSpec::parse(&format!("{from} to {to}")).ok()?,
        None => DateSpec::parse(date).ok()?,
    };
    spec.circa |= circa;
    Some(spec)
}

/// `1960-1965` as its two years.
fn dashed_year_range(text: &str) -> Option<(&str, &str)> {
    let (from, to) = text.trim().split_once('-')?;
    let is_year = |year: &str| year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
    (is_year(from) && is_year(to)).then_some((from, to))
}

/// A country the table recognizes; `None` for `possibly Palestinian`,
/// `undetermined` and the like, which stay verbatim remarks.
fn known_country(text: &str) -> Option<Country> {
    country_code(text).map(|_| Country::from_text(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IdKind, NamePartKind};

    fn person() -> Entity {
        Entity::new(
            "ofac-sdn:1",
            Schema::Person,
            Name::from_last_first("KIM, Sang Man", NameQuality::Primary),
        )
    }

    fn org() -> Entity {
        Entity::new(
            "ofac-sdn:2",
            Schema::Organization,
            Name::new("X", NameQuality::Primary),
        )
    }

    fn read(item: &str) -> RemarkItem {
        parse_item(item, Schema::Person)
    }

    fn date(text: &str) -> DateSpec {
        DateSpec::parse(text).unwrap()
    }

    #[test]
    fn splits_items_and_drops_the_closing_dot() {
        let items =
            split_items("DOB 25 Apr 1965; POB North Pyongan Province, North Korea; Gender Male.");
        assert_eq!(
            items,
            [
                "DOB 25 Apr 1965",
                "POB North Pyongan Province, North Korea",
                "Gender Male"
            ]
        );
    }

    #[test]
    fn quoted_aliases_keep_their_semicolons() {
        let items = split_items("a.k.a. 'X; Y'; a.k.a. 'AL-QA'IDA'; Gender Male.");
        assert_eq!(
            items,
            ["a.k.a. 'X; Y'", "a.k.a. 'AL-QA'IDA'", "Gender Male"]
        );
    }

    #[test]
    fn apostrophes_outside_aliases_do_not_quote() {
        let items = split_items("wife of Ba'th party member; Saddam's son; Gender Female.");
        assert_eq!(
            items,
            [
                "wife of Ba'th party member",
                "Saddam's son",
                "Gender Female"
            ]
        );
    }

    #[test]
    fn semicolon_without_space_and_double_spaces_split() {
        let items =
            split_items("nationality possibly Palestinian;arrested 23 Apr 2002;  Telephone 1.");
        assert_eq!(
            items,
            [
                "nationality possibly Palestinian",
                "arrested 23 Apr 2002",
                "Telephone 1"
            ]
        );
    }

    #[test]
    fn cut_remarks_are_detected() {
        assert!(is_cut("a.k.a. 'WHOIS HACKIN"));
        assert!(!is_cut("a.k.a. 'APPLEWORM'."));
        assert!(!is_cut(""));
    }

    #[test]
    fn continuation_is_appended_even_mid_word() {
        let mut remarks = "a.k.a. 'WHOIS HACKIN".to_string();
        assert_eq!(
            merge_continuation(&mut remarks, "G TEAM'; a.k.a. 'ZINC'."),
            0
        );
        assert_eq!(remarks, "a.k.a. 'WHOIS HACKING TEAM'; a.k.a. 'ZINC'.");
        let mut remarks = "alt. Digital".to_string();
        merge_continuation(&mut remarks, " Currency Address - BCH q.");
        assert_eq!(remarks, "alt. Digital Currency Address - BCH q.");
    }

    #[test]
    fn continuation_repeating_the_end_is_merged_once() {
        let mut remarks =
            "Listing Date (EO 14024 Directive 2): 24 Feb 2022; Listing Date (X)".to_string();
        let overlap = merge_continuation(
            &mut remarks,
            "ive 2): 24 Feb 2022; Listing Date (X): 1 Mar 2022.",
        );
        assert_eq!(overlap, "ive 2): 24 Feb 2022; Listing Date (X)".len());
        assert_eq!(
            remarks,
            "Listing Date (EO 14024 Directive 2): 24 Feb 2022; Listing Date (X): 1 Mar 2022."
        );
        let mut short = "Number 1027700067328 (Russia).".to_string();
        merge_continuation(&mut short, "67328 (Russia).");
        assert_eq!(short, "Number 1027700067328 (Russia).");
    }

    #[test]
    fn dates_of_birth() {
        assert_eq!(
            read("DOB 25 Apr 1965"),
            RemarkItem::BirthDate(date("25 Apr 1965"))
        );
        assert_eq!(
            read("alt. DOB Apr 1965"),
            RemarkItem::BirthDate(date("Apr 1965"))
        );
        assert_eq!(read("DOB 1962"), RemarkItem::BirthDate(date("1962")));
        assert_eq!(
            read("DOB circa 1970"),
            RemarkItem::BirthDate(date("circa 1970"))
        );
        assert_eq!(
            read("DOB 1964 to 1966"),
            RemarkItem::BirthDate(date("1964 to 1966"))
        );
        assert_eq!(
            read("DOB 01 Jan 1960 to 31 Dec 1962"),
            RemarkItem::BirthDate(date("01 Jan 1960 to 31 Dec 1962"))
        );
        assert_eq!(
            read("DOB circa 1960-1965"),
            RemarkItem::BirthDate(date("circa 1960 to 1965"))
        );
        assert_eq!(
            read("DOB unknown"),
            RemarkItem::Verbatim("DOB unknown".into())
        );
    }

    #[test]
    fn places_nationalities_citizenships_gender() {
        assert_eq!(
            read("POB North Pyongan Province, North Korea"),
            RemarkItem::BirthPlace("North Pyongan Province, North Korea".into())
        );
        let RemarkItem::Nationality(korea) = read("nationality Korea, North") else {
            panic!()
        };
        assert_eq!(
            (korea.code.as_deref(), korea.name.as_str()),
            (Some("KP"), "Korea, North")
        );
        let RemarkItem::Citizenship(russia) = read("alt. citizen Russia") else {
            panic!()
        };
        assert_eq!(russia.code.as_deref(), Some("RU"));
        assert_eq!(read("Gender Male"), RemarkItem::Gender(Gender::Male));
        assert_eq!(read("Gender Female"), RemarkItem::Gender(Gender::Female));
        let vague = "nationality possibly Palestinian";
        assert_eq!(read(vague), RemarkItem::Verbatim(vague.into()));
        let card = "Citizen's Card Number 210222198011096648 (China)";
        assert!(matches!(read(card), RemarkItem::Identifier(_)));
    }

    #[test]
    fn aliases_by_quality() {
        let RemarkItem::Alias(weak) = read("a.k.a. 'CHAPPORI, Petit'") else {
            panic!()
        };
        assert_eq!(weak.quality, NameQuality::Weak);
        assert_eq!(weak.full, "CHAPPORI, Petit");
        assert_eq!(weak.part(NamePartKind::Family), Some("CHAPPORI"));
        let RemarkItem::Alias(former) = parse_item("f.k.a. 'SBERBANK'", Schema::Organization)
        else {
            panic!()
        };
        assert_eq!(
            (former.quality, former.parts.len()),
            (NameQuality::Former, 0)
        );
        let RemarkItem::Alias(now) = read("n.k.a. 'ABU ALI'") else {
            panic!()
        };
        assert_eq!(now.quality, NameQuality::Strong);
        assert_eq!(read("a.k.a. ''"), RemarkItem::Verbatim("a.k.a. ''".into()));
    }

    #[test]
    fn links() {
        let expected = Link {
            relation: LINKED_TO.into(),
            name: "LAZARUS GROUP".into(),
            id: None,
        };
        assert_eq!(
            read("Linked To: LAZARUS GROUP."),
            RemarkItem::Link(expected.clone())
        );
        assert_eq!(read("Linked To: LAZARUS GROUP"), RemarkItem::Link(expected));
    }

    #[test]
    fn established_and_listing_dates() {
        assert_eq!(
            parse_item(
                "Organization Established Date 07 May 2016",
                Schema::Organization
            ),
            RemarkItem::Established(date("07 May 2016"))
        );
        let listed = PartialDate::ymd(2021, 6, 3).unwrap();
        assert_eq!(
            read("Listing Date (CMIC) 03 Jun 2021"),
            RemarkItem::ListingDate {
                scope: "CMIC".into(),
                date: listed
            }
        );
        let RemarkItem::ListingDate { scope, .. } =
            read("Listing Date (EO 14024 Directive 3): 24 Feb 2022")
        else {
            panic!()
        };
        assert_eq!(scope, "EO 14024 Directive 3");
    }

    #[test]
    fn listing_date_applies_only_to_its_own_programs() {
        let mut cmic = org();
        cmic.programs = vec!["CMIC-EO13959".into()];
        apply("Listing Date (CMIC) 03 Jun 2021.", &mut cmic);
        assert_eq!(cmic.listed_on, PartialDate::ymd(2021, 6, 3));
        let mut russia = org();
        russia.programs = vec!["RUSSIA-EO14024".into()];
        apply(
            "Listing Date (EO 14024 Directive 3): 24 Feb 2022.",
            &mut russia,
        );
        assert_eq!(russia.listed_on, None);
        assert_eq!(
            russia.remarks,
            ["Listing Date (EO 14024 Directive 3): 24 Feb 2022"]
        );
    }

    #[test]
    fn wallets_of_any_currency() {
        let wallet = |currency: &str, address: &str| {
            RemarkItem::Wallet(Wallet {
                currency: currency.into(),
                address: address.into(),
            })
        };
        assert_eq!(
            read("Digital Currency Address - XBT 1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ"),
            wallet("XBT", "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ")
        );
        assert_eq!(
            read("alt. Digital Currency Address - ETH 0xb6f5ec1a0a9cd1526536d3f0426c429529471f40"),
            wallet("ETH", "0xb6f5ec1a0a9cd1526536d3f0426c429529471f40")
        );
        assert_eq!(
            read("Digital Currency Address - USDT T9yD"),
            wallet("USDT", "T9yD")
        );
    }

    #[test]
    fn identifiers_come_from_their_module() {
        let RemarkItem::Identifier(passport) = read("alt. Passport 827220538 (Korea, North)")
        else {
            panic!()
        };
        assert_eq!(
            (passport.kind, passport.value.as_str()),
            (IdKind::Passport, "827220538")
        );
        assert_eq!(passport.label.as_deref(), Some("Passport"));
    }

    #[test]
    fn everything_else_is_verbatim() {
        for item in [
            "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210",
            "Aircraft Model Airbus A340-300",
            "Former Vessel Flag Malta",
            "Vessel Year of Build 1987",
            "Nationality of Registration Russia",
            "ICTY indictee",
        ] {
            assert_eq!(read(item), RemarkItem::Verbatim(item.into()));
        }
    }

    #[test]
    fn apply_fills_an_entity() {
        let mut kim = person();
        apply(
            "DOB 25 Apr 1965; nationality Korea, North; Gender Male; \
             Passport 109420132 (Korea, North) issued 16 Oct 2019 expires 16 Oct 2024; \
             alt. Passport 827220538 (Korea, North); a.k.a. 'KIM SANG MAN'; \
             Secondary sanctions risk: section 1; Linked To: LAZARUS GROUP.",
            &mut kim,
        );
        assert_eq!(kim.birth_dates, [date("25 Apr 1965")]);
        assert_eq!(kim.nationalities[0].code.as_deref(), Some("KP"));
        assert_eq!(kim.gender, Some(Gender::Male));
        assert_eq!(kim.identifiers.len(), 2);
        assert_eq!(kim.names[1].full, "KIM SANG MAN");
        assert_eq!(kim.links[0].name, "LAZARUS GROUP");
        assert_eq!(kim.remarks, ["Secondary sanctions risk: section 1"]);
    }

    #[test]
    fn the_cut_last_item_stays_verbatim() {
        let mut entity = org();
        apply(
            "Digital Currency Address - XBT 1abc; alt. Digital Currency Address - XBT 1Gq",
            &mut entity,
        );
        assert_eq!(entity.wallets.len(), 1);
        assert_eq!(entity.remarks, ["alt. Digital Currency Address - XBT 1Gq"]);
    }

    #[test]
    fn conflicting_gender_is_kept_as_a_remark() {
        let mut entity = person();
        apply("Gender Male; Gender Female.", &mut entity);
        assert_eq!(entity.gender, Some(Gender::Male));
        assert_eq!(entity.remarks, ["Gender Female"]);
    }
}
