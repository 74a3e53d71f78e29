//! Units shared by every feature: money in integer fen, ratios in basis points (10000 = 100%).
//! Rounding, mul-div and percent formatting live here once, so no feature keeps a copy.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of money in fen (1 yuan = 100 fen). Serialised as the bare integer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Fen(pub i64);

/// A ratio in basis points (10000 = 100%). Serialised as the bare integer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Bp(pub i64);

impl Fen {
    /// This amount scaled by a ratio, rounded half away from zero to the fen.
    pub fn scale(self, ratio: Bp) -> Fen {
        Fen(apply_bp(self.0, ratio.0))
    }
}

/// `value × bp / 10000`, rounded half away from zero (a tier from its base, a share of a total).
pub fn apply_bp(value: i64, bp: i64) -> i64 {
    mul_div_round(value, bp, 10_000)
}

impl Bp {
    /// `num / den` as a ratio, rounded half away from zero; 0 when `den` is 0.
    pub fn ratio(num: i64, den: i64) -> Bp {
        Bp(mul_div_round(num, 10_000, den))
    }
}

impl fmt::Display for Fen {
    /// Yuan with two decimals: "1234.50", "-0.05".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl fmt::Display for Bp {
    /// A percent with two decimals and the sign where it belongs: "12.34%", "-0.50%".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_percent(self.0))
    }
}

/// Basis points as a percent with two decimals: 8532 → "85.32%", -50 → "-0.50%",
/// -1050 → "-10.50%".
pub fn format_percent(bp: i64) -> String {
    let sign = if bp < 0 { "-" } else { "" };
    let abs = bp.unsigned_abs();
    format!("{sign}{}.{:02}%", abs / 100, abs % 100)
}

/// Basis points as a percent with `decimals` places (0, 1 or 2), rounded half away from zero in
/// integers: (8535, 1) → "85.4%", (10149, 0) → "101%", (-4, 1) → "0.0%" (no minus on a zero).
pub fn format_percent_to(bp: i64, decimals: u32) -> String {
    let decimals = decimals.min(2);
    let units = div_round(i128::from(bp), i128::from(10i64.pow(2 - decimals)));
    let sign = if units < 0 { "-" } else { "" };
    let abs = units.unsigned_abs();
    if decimals == 0 {
        return format!("{sign}{abs}%");
    }
    let scale = 10u64.pow(decimals);
    let width = decimals as usize;
    format!("{sign}{}.{:0width$}%", abs / scale, abs % scale)
}

/// `a × b / c` rounded half away from zero, exact in i128 and saturating at the i64 range.
/// 0 when `c` is 0.
pub fn mul_div_round(a: i64, b: i64, c: i64) -> i64 {
    div_round(a as i128 * b as i128, c as i128)
}

/// `num / den` rounded half away from zero and saturating at the i64 range (a sum of products
/// taken in i128, rounded once). 0 when `den` is 0.
pub fn div_round(num: i128, den: i128) -> i64 {
    if den == 0 {
        return 0;
    }
    let neg = (num < 0) != (den < 0);
    let (n, d) = (num.unsigned_abs(), den.unsigned_abs());
    let q = (n / d) + u128::from((n % d) >= d - n % d);
    let q = i64::try_from(q).unwrap_or(i64::MAX);
    if neg {
        -q
    } else {
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn div_round_rounds_half_away_from_zero_and_saturates() {
        assert_eq!(div_round(15_000, 10_000), 2);
        assert_eq!(div_round(14_999, 10_000), 1);
        assert_eq!(div_round(-15_000, 10_000), -2);
        assert_eq!(div_round(-14_999, 10_000), -1);
        assert_eq!(div_round(7, -2), -4);
        assert_eq!(div_round(1, 0), 0);
        assert_eq!(div_round(i128::MAX, 1), i64::MAX);
        assert_eq!(div_round(i128::MAX / 2, 3), i64::MAX);
        assert_eq!(div_round(i128::MIN + 1, 1), -i64::MAX);
    }

    #[test]
    fn percents_keep_their_sign_between_minus_one_and_zero() {
        assert_eq!(format_percent(8532), "85.32%");
        assert_eq!(format_percent(-50), "-0.50%");
        assert_eq!(format_percent(-1050), "-10.50%");
        assert_eq!(format_percent(0), "0.00%");
        assert_eq!(format_percent(-10_000), "-100.00%");
        assert_eq!(Bp(-1).to_string(), "-0.01%");
    }

    #[test]
    fn percents_to_fewer_places_round_half_away_from_zero_in_integers() {
        assert_eq!(format_percent_to(8532, 1), "85.3%");
        assert_eq!(format_percent_to(8535, 1), "85.4%");
        assert_eq!(format_percent_to(-8535, 1), "-85.4%");
        assert_eq!(format_percent_to(-4, 1), "0.0%");
        assert_eq!(format_percent_to(-5, 1), "-0.1%");
        assert_eq!(format_percent_to(250, 0), "3%");
        assert_eq!(format_percent_to(10_149, 0), "101%");
        assert_eq!(format_percent_to(-50, 0), "-1%");
        assert_eq!(format_percent_to(-1050, 2), format_percent(-1050));
    }

    #[test]
    fn mul_div_rounds_half_away_from_zero() {
        assert_eq!(mul_div_round(1, 1, 2), 1);
        assert_eq!(mul_div_round(-1, 1, 2), -1);
        assert_eq!(mul_div_round(1, 1, 3), 0);
        assert_eq!(mul_div_round(2, 1, 3), 1);
        assert_eq!(mul_div_round(10, 3, 0), 0);
        assert_eq!(mul_div_round(i64::MAX, i64::MAX, 1), i64::MAX);
        assert_eq!(mul_div_round(10_000_000_000, 4_000, 10_000), 4_000_000_000);
    }

    #[test]
    fn fen_and_bp_serialise_as_bare_integers() {
        assert_eq!(serde_json::to_string(&Fen(1234)).unwrap(), "1234");
        assert_eq!(serde_json::to_string(&Bp(-50)).unwrap(), "-50");
        assert_eq!(Fen(-5).to_string(), "-0.05");
        assert_eq!(Fen(100_000).scale(Bp(8_000)), Fen(80_000));
        assert_eq!(Bp::ratio(800, 1000), Bp(8_000));
    }
}
