//! Verifying a lesson or an improvement from the data: the metric of the item's node (and
//! dimension member) in the review's period is the baseline; the same metric in the window
//! period must beat the threshold in the metric's own direction (up for higher-is-better, down
//! for lower-is-better). Ratio metrics come from their components, as everywhere.

use super::{Check, Threshold};
use crate::error::Result;
use crate::variance::{mul_div_round, Engine, VarianceQuery};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum VerifyStatus {
    /// The window has not begun.
    NotStarted,
    /// The window is under way: `measured` is to date, `projected` to the window's end.
    InProgress,
    Met,
    Missed,
    /// A relative threshold without a baseline value (no data in the review period).
    NoBaseline,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    pub status: VerifyStatus,
    pub metric_name_zh: String,
    pub metric_name_en: String,
    /// currency (fen), count, percent / ratio (bp): how the values below read.
    pub unit: String,
    pub lower_is_better: bool,
    /// The metric in the review's period (None: no data).
    pub baseline: Option<i64>,
    /// The value the window must reach (rounded for display; the judgement is exact).
    pub required: Option<i64>,
    /// The metric in the window, to date.
    pub measured: Option<i64>,
    /// Additive metrics while the window runs: the linear run rate to its end.
    pub projected: Option<i64>,
    /// While the window runs: whether the projection beats the threshold.
    pub on_track: Option<bool>,
    pub window_start: NaiveDate,
    pub window_end: NaiveDate,
}

/// The metric's value for the check's node and member over `period`, to the as-of day.
fn value(eng: &Engine, c: &Check, period: &str) -> Result<(Option<i64>, NaiveDate, NaiveDate)> {
    let q = VarianceQuery {
        metric: c.metric.clone(),
        node: c.node.clone(),
        period: period.to_string(),
        dimension: c.dimension.clone(),
    };
    let r = eng.resolve(&q)?;
    let to = eng.to_date(&r.period);
    let v = if to < r.period.start {
        None
    } else {
        eng.actual_values(&r.metric, r.dim.as_ref(), r.period.start, to, &[r.node])?[0]
    };
    Ok((v, r.period.start, r.period.end))
}

/// A relative threshold is an improvement in the metric's own direction: +10% raises a
/// higher-is-better metric by a tenth and lowers a lower-is-better one by a tenth.
fn signed_change(change_bp: i64, lower_is_better: bool) -> i64 {
    if lower_is_better {
        -change_bp
    } else {
        change_bp
    }
}

/// Whether `v` beats the threshold. Relative: v × 10000 against baseline × 10000 ± |baseline| ×
/// change (a loss of −100 improves by 10% to −90), exact in integers.
fn beats(v: i64, baseline: Option<i64>, t: Threshold, lower_is_better: bool) -> Option<bool> {
    let (lhs, rhs) = match t {
        Threshold::Relative { change_bp } => {
            let b = baseline? as i128;
            (
                v as i128 * 10_000,
                b * 10_000 + b.abs() * signed_change(change_bp, lower_is_better) as i128,
            )
        }
        Threshold::Absolute { value } => (v as i128, value as i128),
    };
    Some(if lower_is_better {
        lhs <= rhs
    } else {
        lhs >= rhs
    })
}

/// The value the window must reach (rounded half away from zero for display).
fn required(baseline: Option<i64>, t: Threshold, lower_is_better: bool) -> Option<i64> {
    match t {
        Threshold::Relative { change_bp } => baseline
            .map(|b| b + mul_div_round(b.abs(), signed_change(change_bp, lower_is_better), 10_000)),
        Threshold::Absolute { value } => Some(value),
    }
}

pub(crate) fn verify(eng: &Engine, review_period: &str, c: &Check) -> Result<Verification> {
    let metric = crate::variance::Metric::by_code(eng.conn, &c.metric)?;
    let (baseline, _, _) = value(eng, c, review_period)?;
    let (measured, start, end) = value(eng, c, &c.window)?;
    let lower = metric.lower_is_better;
    let required = required(baseline, c.threshold, lower);
    let mut v = Verification {
        status: VerifyStatus::NotStarted,
        metric_name_zh: metric.name_zh.clone(),
        metric_name_en: metric.name_en.clone(),
        unit: metric.unit.clone(),
        lower_is_better: lower,
        baseline,
        required,
        measured,
        projected: None,
        on_track: None,
        window_start: start,
        window_end: end,
    };
    if matches!(c.threshold, Threshold::Relative { .. }) && baseline.is_none() {
        v.status = VerifyStatus::NoBaseline;
        return Ok(v);
    }
    if eng.as_of < start {
        return Ok(v);
    }
    let m = measured.unwrap_or(0);
    if eng.as_of < end {
        let projected = if metric.is_additive() {
            let elapsed = eng.cal.working_days(start, eng.as_of);
            (elapsed > 0).then(|| mul_div_round(m, eng.cal.working_days(start, end), elapsed))
        } else {
            measured
        };
        v.status = VerifyStatus::InProgress;
        v.projected = projected;
        v.on_track = projected.and_then(|p| beats(p, baseline, c.threshold, lower));
        return Ok(v);
    }
    v.status = match measured.and_then(|m| beats(m, baseline, c.threshold, lower)) {
        Some(true) => VerifyStatus::Met,
        _ => VerifyStatus::Missed,
    };
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loss_improves_towards_zero_and_a_rate_down() {
        let ten = Threshold::Relative { change_bp: 1000 };
        // A loss of −1,000.00 improved by 10% is −900.00, not −1,100.00.
        assert_eq!(required(Some(-100_000), ten, false), Some(-90_000));
        assert_eq!(beats(-90_000, Some(-100_000), ten, false), Some(true));
        assert_eq!(beats(-90_001, Some(-100_000), ten, false), Some(false));
        // Complaints 1.58% improved by 10% is 1.422% -> shown 1.42%, judged exactly.
        assert_eq!(required(Some(158), ten, true), Some(142));
        assert_eq!(beats(142, Some(158), ten, true), Some(true));
        assert_eq!(beats(143, Some(158), ten, true), Some(false));
        // Without a baseline a relative threshold has nothing to judge; an absolute one does.
        assert_eq!(beats(5, None, ten, false), None);
        assert_eq!(
            beats(2500, None, Threshold::Absolute { value: 2500 }, false),
            Some(true)
        );
    }
}
