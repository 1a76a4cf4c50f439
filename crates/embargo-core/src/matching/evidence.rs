//! Secondary evidence: what besides the name makes a candidate more or less
//! likely to be the person or company screened.
//!
//! Each rule compares one kind of fact when both the query and the listed
//! entity state it, and yields a [`Feature`] whose `effect` is added to the
//! name-based score. Agreement adds a little; contradiction takes away more,
//! because namesakes are common and a different birth year or nationality
//! is the usual way to tell them apart. An identical identifier or wallet
//! settles the match on its own (see [`super::identifiers`]).

use serde::Serialize;

use crate::model::{DateSpec, Entity, Gender, PartialDate};

use super::query::Query;

/// Effect of an identical full date of birth.
pub const SAME_BIRTH_DATE: f32 = 0.06;
/// Effect of an agreeing birth year (or a year within a listed range).
pub const SAME_BIRTH_YEAR: f32 = 0.03;
/// Effect of the same year but a different month or day.
pub const BIRTH_DAY_DIFFERS: f32 = -0.05;
/// Effect of birth years one apart (a common clerical slip).
pub const BIRTH_YEAR_CLOSE: f32 = -0.05;
/// Effect of birth years further apart.
pub const BIRTH_YEAR_DIFFERS: f32 = -0.2;
/// Effect of a shared country.
pub const SAME_COUNTRY: f32 = 0.03;
/// Effect of the entity stating countries none of which the query has.
pub const COUNTRY_DIFFERS: f32 = -0.1;
/// Effect of a different gender.
pub const GENDER_DIFFERS: f32 = -0.15;
/// The most the positive effects can add together.
pub const MAX_BONUS: f32 = SAME_BIRTH_DATE + SAME_COUNTRY;

/// The most the positive effects can add for this query: nothing when it
/// carries no birth date and no country, so candidate names are bounded by
/// their name score alone.
pub(crate) fn max_bonus(query: &super::Query) -> f32 {
    let birth = if query.birth_dates.is_empty() {
        0.0
    } else {
        SAME_BIRTH_DATE
    };
    let country = if query.countries.is_empty() {
        0.0
    } else {
        SAME_COUNTRY
    };
    birth + country
}

/// One piece of secondary evidence and what it did to the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Feature {
    /// Which fact: `birth_date`, `country`, `gender`, `identifier`.
    pub feature: &'static str,
    /// Added to the score (negative for a contradiction).
    #[serde(serialize_with = "crate::model::serialize_score")]
    pub effect: f32,
    /// What was compared, in words.
    pub detail: String,
}

/// Every feature that applies to `entity` for `query`, in a fixed order.
pub fn features(query: &Query, entity: &Entity) -> Vec<Feature> {
    [
        birth_date(query, entity),
        country(query, entity),
        gender(query, entity),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Compares the query's birth dates with the entity's; the most favourable
/// pairing counts.
pub fn birth_date(query: &Query, entity: &Entity) -> Option<Feature> {
    let listed = if entity.birth_dates.is_empty() {
        &entity.established
    } else {
        &entity.birth_dates
    };
    let mut best: Option<(f32, String)> = None;
    for wanted in &query.birth_dates {
        for stated in listed {
            let effect = compare_dates(wanted, stated);
            if best.as_ref().is_none_or(|(known, _)| effect > *known) {
                best = Some((effect, format!("query {wanted}, listed {stated}")));
            }
        }
    }
    best.map(|(effect, detail)| Feature {
        feature: "birth_date",
        effect,
        detail,
    })
}

/// The effect of a queried date against one listed date specification.
fn compare_dates(wanted: &DateSpec, stated: &DateSpec) -> f32 {
    let (stated_first, stated_last) = stated.year_span(2);
    let (wanted_first, wanted_last) = wanted.year_span(2);
    let overlap = wanted_first <= stated_last && stated_first <= wanted_last;
    if !overlap {
        let gap = (wanted_first - stated_last).max(stated_first - wanted_last);
        return if gap <= 1 {
            BIRTH_YEAR_CLOSE
        } else {
            BIRTH_YEAR_DIFFERS
        };
    }
    if wanted.to.is_some() || stated.to.is_some() || wanted.circa || stated.circa {
        return SAME_BIRTH_YEAR;
    }
    match finer_agreement(&wanted.from, &stated.from) {
        Some(true) if wanted.from.day.is_some() && stated.from.day.is_some() => SAME_BIRTH_DATE,
        Some(false) => BIRTH_DAY_DIFFERS,
        _ => SAME_BIRTH_YEAR,
    }
}

/// Whether month and day agree where both dates state them: `Some(false)`
/// on a contradiction, `Some(true)` when both state a month and agree,
/// `None` when one of them is year-only.
fn finer_agreement(a: &PartialDate, b: &PartialDate) -> Option<bool> {
    match (a.month, b.month) {
        (Some(am), Some(bm)) if am != bm => Some(false),
        (Some(_), Some(_)) => match (a.day, b.day) {
            (Some(ad), Some(bd)) => Some(ad == bd),
            _ => Some(true),
        },
        _ => None,
    }
}

/// Compares the query's countries with every country the entity is tied
/// to (nationality, citizenship, addresses, flag).
pub fn country(query: &Query, entity: &Entity) -> Option<Feature> {
    if query.countries.is_empty() {
        return None;
    }
    let listed = entity.country_codes();
    if listed.is_empty() {
        return None;
    }
    let shared = query
        .countries
        .iter()
        .find(|code| listed.contains(&code.as_str()));
    let (effect, detail) = match shared {
        Some(code) => (SAME_COUNTRY, format!("both {code}")),
        None => (
            COUNTRY_DIFFERS,
            format!(
                "query {}, listed {}",
                query.countries.join("/"),
                listed.join("/")
            ),
        ),
    };
    Some(Feature {
        feature: "country",
        effect,
        detail,
    })
}

/// Compares genders when both sides state one.
pub fn gender(query: &Query, entity: &Entity) -> Option<Feature> {
    match (query.gender, entity.gender) {
        (Some(wanted), Some(stated)) if wanted != stated => Some(Feature {
            feature: "gender",
            effect: GENDER_DIFFERS,
            detail: format!(
                "query {}, listed {}",
                gender_word(wanted),
                gender_word(stated)
            ),
        }),
        _ => None,
    }
}

fn gender_word(gender: Gender) -> &'static str {
    match gender {
        Gender::Male => "male",
        Gender::Female => "female",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Country, IdKind, Identifier, Name, NameQuality, Schema};

    fn kim() -> Entity {
        let mut entity = Entity::new(
            "t:43377",
            Schema::Person,
            Name::new("KIM, Sang Man", NameQuality::Primary),
        );
        entity
            .birth_dates
            .push(DateSpec::parse("25 Apr 1965").unwrap());
        entity
            .nationalities
            .push(Country::from_text("Korea, North"));
        entity.gender = Some(Gender::Male);
        entity
            .identifiers
            .push(Identifier::new(IdKind::Passport, "109420132"));
        entity
    }

    fn effect_of_birth_date(text: &str) -> f32 {
        let query = Query::name("x").with_birth_date(text).unwrap();
        birth_date(&query, &kim()).unwrap().effect
    }

    #[test]
    fn birth_dates_reward_agreement_and_punish_contradiction() {
        assert_eq!(effect_of_birth_date("1965-04-25"), SAME_BIRTH_DATE);
        assert_eq!(effect_of_birth_date("1965"), SAME_BIRTH_YEAR);
        assert_eq!(effect_of_birth_date("1965-05-01"), BIRTH_DAY_DIFFERS);
        assert_eq!(effect_of_birth_date("1966"), BIRTH_YEAR_CLOSE);
        assert_eq!(effect_of_birth_date("1980-01-01"), BIRTH_YEAR_DIFFERS);
        assert_eq!(effect_of_birth_date("1964 to 1966"), SAME_BIRTH_YEAR);
        assert_eq!(effect_of_birth_date("circa 1967"), SAME_BIRTH_YEAR);
    }

    #[test]
    fn no_feature_without_both_sides() {
        assert_eq!(birth_date(&Query::name("x"), &kim()), None);
        assert_eq!(country(&Query::name("x"), &kim()), None);
    }

    #[test]
    fn countries_and_gender() {
        let query = Query::name("x").with_country("kp").unwrap();
        assert_eq!(country(&query, &kim()).unwrap().effect, SAME_COUNTRY);
        let query = Query::name("x").with_country("Japan").unwrap();
        assert_eq!(country(&query, &kim()).unwrap().effect, COUNTRY_DIFFERS);
        let query = Query::name("x").with_gender("female").unwrap();
        assert_eq!(gender(&query, &kim()).unwrap().effect, GENDER_DIFFERS);
    }
}
