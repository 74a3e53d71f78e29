//! Targetline's core: every rule of the performance cycle, and the store.
//! No Tauri here; the desktop shell is a thin layer of commands over these modules.

pub mod bootstrap;
pub mod calendar;
pub mod chart;
pub mod customers;
pub mod dashboard;
pub mod deck;
pub mod demo;
pub mod error;
pub mod evaluation;
pub mod export;
pub mod import;
pub mod money;
pub mod number;
pub mod org;
pub mod plan;
pub mod review;
pub mod selection;
pub mod settings;
pub mod setup;
pub mod split;
pub mod store;
pub mod targets;
pub mod units;
pub mod variance;

pub use error::{Error, ErrorDto, Lang, Result};
pub use store::Workspace;

/// Today's date on this machine (the day a non-demo workspace measures to).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// This moment on this machine as the workspace stores it: local time, `2026-12-06T09:30:00`.
pub fn now_stamp() -> String {
    chrono::Local::now().format(STAMP_FORMAT).to_string()
}

/// How the workspace writes a moment (local time, to the second).
pub const STAMP_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// `num / den` in basis points (10000 = 100%), rounded half away from zero. 0 when `den` is 0.
pub fn ratio_bp(num: i128, den: i128) -> i64 {
    if den == 0 {
        return 0;
    }
    let neg = (num < 0) != (den < 0);
    let (n, d) = (num.unsigned_abs(), den.unsigned_abs());
    // Checked: a ratio beyond the i64 range saturates instead of wrapping.
    let bp = n
        .checked_mul(20_000)
        .and_then(|x| x.checked_add(d))
        .map(|x| x / d.saturating_mul(2))
        .unwrap_or_else(|| (n / d).saturating_mul(10_000));
    let bp = i64::try_from(bp).unwrap_or(i64::MAX);
    if neg {
        -bp
    } else {
        bp
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ratio_bp_rounds_half_away_from_zero() {
        assert_eq!(super::ratio_bp(800, 1000), 8000);
        assert_eq!(super::ratio_bp(1, 3), 3333);
        assert_eq!(super::ratio_bp(2, 3), 6667);
        assert_eq!(super::ratio_bp(1, 20_000), 1);
        assert_eq!(super::ratio_bp(-1, 3), -3333);
        assert_eq!(super::ratio_bp(5, 0), 0);
    }

    #[test]
    fn ratio_bp_saturates_instead_of_wrapping() {
        assert_eq!(super::ratio_bp(i128::MAX, 1), i64::MAX);
        assert_eq!(super::ratio_bp(-i128::MAX, 1), -i64::MAX);
        assert_eq!(super::ratio_bp(i64::MAX as i128, 1), i64::MAX);
        assert_eq!(super::ratio_bp(i64::MAX as i128, 10_000), i64::MAX);
    }
}
