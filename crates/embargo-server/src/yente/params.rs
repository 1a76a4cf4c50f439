//! yente's query strings: repeated parameters (`exclude_dataset=a&
//! exclude_dataset=b`), which the form decoder behind axum's `Query`
//! cannot read, taken one name at a time. A value of the wrong type is a
//! 400 naming the parameter; a parameter nobody takes is kept to be
//! reported as ignored, not refused.

use std::collections::BTreeMap;
use std::str::FromStr;

use percent_encoding::percent_decode_str;

use crate::errors::{ApiError, check_query_utf8};

/// Most parameters one query string may carry.
pub const MAX_PARAMETERS: usize = 200;

/// The parameters of one query string (or form body), in order.
#[derive(Debug, Clone, Default)]
pub struct RawParams {
    pairs: Vec<(String, String)>,
}

impl RawParams {
    /// Decodes `text` (`a=1&b=x+y`), refusing what is not UTF-8 once
    /// percent-decoded and more than [`MAX_PARAMETERS`] parameters.
    pub fn parse(text: &str) -> Result<RawParams, ApiError> {
        check_query_utf8(text)?;
        let mut pairs = Vec::new();
        for pair in text.split('&').filter(|pair| !pair.is_empty()) {
            if pairs.len() == MAX_PARAMETERS {
                return Err(ApiError::bad_request(format!(
                    "query string: more than {MAX_PARAMETERS} parameters"
                )));
            }
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            pairs.push((decode(name), decode(value)));
        }
        Ok(RawParams { pairs })
    }

    /// Every value of `name`, taking them out.
    pub fn take_all(&mut self, name: &str) -> Vec<String> {
        let mut taken = Vec::new();
        self.pairs.retain(|(key, value)| {
            if key == name {
                taken.push(value.clone());
                false
            } else {
                true
            }
        });
        taken
    }

    /// The last non-empty value of `name`, taking every value out.
    pub fn take(&mut self, name: &str) -> Option<String> {
        self.take_all(name)
            .into_iter()
            .rev()
            .find(|value| !value.trim().is_empty())
    }

    /// The value of `name` read as a `T`; a 400 naming it when it does
    /// not read.
    pub fn take_parsed<T: FromStr>(
        &mut self,
        name: &str,
        what: &str,
    ) -> Result<Option<T>, ApiError> {
        self.take(name)
            .map(|value| {
                value
                    .trim()
                    .parse::<T>()
                    .map_err(|_| ApiError::bad_request(format!("{name}: {value:?} is not {what}")))
            })
            .transpose()
    }

    /// A boolean (`true`, `false`, `1`, `0`, `yes`, `no`, any case).
    pub fn take_bool(&mut self, name: &str) -> Result<Option<bool>, ApiError> {
        self.take(name)
            .map(|value| parse_bool(name, &value))
            .transpose()
    }

    /// The names left, each with why it is ignored.
    pub fn leftover(self) -> BTreeMap<String, String> {
        self.pairs
            .into_iter()
            .map(|(name, _)| (name, "not a parameter embargo knows; ignored".to_string()))
            .collect()
    }
}

/// A boolean parameter as clients write it (`true`, Python's `True`,
/// `1`, `yes`, ...); a 400 naming `name` otherwise.
pub fn parse_bool(name: &str, value: &str) -> Result<bool, ApiError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" => Ok(false),
        _ => Err(ApiError::bad_request(format!(
            "{name}: {value:?} is not a boolean (true or false)"
        ))),
    }
}

/// `+` as space, then percent-decoding (already checked to be UTF-8).
fn decode(text: &str) -> String {
    let spaced = text.replace('+', " ");
    percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn repeated_typed_and_left_over_parameters() {
        let mut params =
            RawParams::parse("exclude_dataset=a&exclude_dataset=b%20c&limit=5&fuzzy=false&x=1")
                .unwrap();
        assert_eq!(params.take_all("exclude_dataset"), ["a", "b c"]);
        assert_eq!(
            params.take_parsed::<usize>("limit", "a number").unwrap(),
            Some(5)
        );
        assert_eq!(params.take_bool("fuzzy").unwrap(), Some(false));
        assert!(parse_bool("nested", "True").unwrap());
        assert_eq!(params.take("missing"), None);
        assert_eq!(params.leftover().keys().collect::<Vec<_>>(), ["x"]);
        let mut bad = RawParams::parse("limit=many&fuzzy=perhaps").unwrap();
        let error = bad.take_parsed::<usize>("limit", "a number").unwrap_err();
        assert!(
            error.detail.starts_with("limit: \"many\""),
            "{}",
            error.detail
        );
        assert!(bad.take_bool("fuzzy").is_err());
        assert!(RawParams::parse("q=%FF").is_err());
    }
}
