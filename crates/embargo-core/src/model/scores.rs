//! The JSON form of scores and thresholds: rounded to 3 decimals, so that
//! a 32-bit score of 0.93 is written `0.93`, not `0.92999995`. One rule for
//! every front end (CLI JSON, batch JSON lines and CSV, HTTP): fields that
//! hold a score name [`serialize_score`] in their `serde` attributes.

use serde::Serializer;

/// Decimals a score is written with.
pub const SCORE_DECIMALS: i32 = 3;

/// `score` rounded to [`SCORE_DECIMALS`] decimals, as the nearest 64-bit
/// float (which prints as the short decimal: `0.93`, `0.667`, `1.0`).
pub fn round_score(score: f32) -> f64 {
    let scale = 10f64.powi(SCORE_DECIMALS);
    (f64::from(score) * scale).round() / scale
}

/// A score as text (CSV, TSV, tables): always [`SCORE_DECIMALS`]
/// decimals, `0.930`, so that columns line up and sort as text.
pub fn format_score(score: f64) -> String {
    format!("{:.*}", SCORE_DECIMALS as usize, score)
}

/// Serializes a score or threshold rounded ([`round_score`]); for
/// `#[serde(serialize_with = "...")]`.
pub fn serialize_score<S: Serializer>(score: &f32, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(round_score(*score))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_have_three_decimals_and_no_float_noise() {
        assert_eq!(round_score(0.929_999_95).to_string(), "0.93");
        assert_eq!(round_score(2.0 / 3.0).to_string(), "0.667");
        assert_eq!(round_score(1.0).to_string(), "1");
        assert_eq!(round_score(0.0).to_string(), "0");
        assert_eq!(round_score(0.7).to_string(), "0.7");
        assert_eq!(format_score(round_score(0.929_999_95)), "0.930");
        assert_eq!(format_score(1.0), "1.000");
        #[derive(serde::Serialize)]
        struct Scored {
            #[serde(serialize_with = "serialize_score")]
            score: f32,
        }
        let json = serde_json::to_string(&Scored { score: 0.7 }).unwrap();
        assert_eq!(json, r#"{"score":0.7}"#);
    }
}
