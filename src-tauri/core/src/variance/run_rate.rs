//! Required run-rate (DESIGN.md, third wave): for each tier, what is still to sell divided by
//! the working days left in the period (the workspace calendar), against the actual per working
//! day so far and the best month of the fiscal year so far — whether the tier is still within
//! reach. Money stays integer fen.

use super::period::months_between;
use super::{Engine, VarianceQuery, VarianceReport};
use crate::calendar::FiscalYear;
use crate::error::Result;
use chrono::Duration;
use serde::Serialize;

/// A month counts towards the best run-rate once this many of its working days have passed.
pub const BEST_MONTH_MIN_DAYS: i64 = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierRunRate {
    /// `floor`, `base` or `challenge`.
    pub tier: &'static str,
    pub target: i64,
    /// Target − actual to date, never below 0.
    pub remaining: i64,
    /// What must be sold per remaining working day (rounded up to the fen): 0 when the tier is
    /// reached, None when something remains and no working day does.
    pub needed_per_day: Option<i64>,
    /// Reached, or reachable selling every remaining working day as in the year's best month.
    pub reachable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunRate {
    pub path: String,
    pub name: String,
    pub actual: i64,
    /// Working days of the period up to the as-of day, and after it.
    pub elapsed_days: i64,
    pub remaining_days: i64,
    /// Actual per elapsed working day (rounded half up); None before the period starts.
    pub current_per_day: Option<i64>,
    /// The best month of the fiscal year so far, per working day, and which month it was.
    pub best_per_day: Option<i64>,
    pub best_month: Option<String>,
    pub tiers: Vec<TierRunRate>,
}

/// `a / b` rounded half away from zero (a refund month can make `a` negative); `b` > 0.
fn div_round(a: i64, b: i64) -> i64 {
    crate::units::mul_div_round(a, 1, b)
}

/// `a / b` rounded up (towards +∞, also for a negative `a`); `b` > 0.
fn div_ceil(a: i64, b: i64) -> i64 {
    let q = -((-(a as i128)).div_euclid(b as i128));
    i64::try_from(q).unwrap_or(if q < 0 { i64::MIN } else { i64::MAX })
}

impl Engine<'_> {
    /// The run-rate of the report's node and of each of its sub-units, in that order. Empty for
    /// a metric that does not add up over days or where lower is better.
    pub fn run_rates(&self, q: &VarianceQuery, report: &VarianceReport) -> Result<Vec<RunRate>> {
        let r = self.resolve(q)?;
        if !r.metric.is_additive() || r.metric.lower_is_better {
            return Ok(Vec::new());
        }
        let (start, end) = (r.period.start, r.period.end);
        let to = self.to_date(&r.period);
        let elapsed = self.cal.working_days(start, to);
        let remaining_days = self
            .cal
            .working_days(start.max(self.as_of + Duration::days(1)), end);
        let figures: Vec<&super::Figures> = std::iter::once(&report.figures)
            .chain(report.figures.children.iter())
            .collect();
        let nodes: Vec<i64> = figures.iter().map(|f| f.node_id).collect();
        // The best month so far of the fiscal year the period is in.
        let fy = FiscalYear::containing(start, self.fiscal_start_month);
        let mut best: Vec<Option<(i64, String)>> = vec![None; nodes.len()];
        for (ms, me) in months_between(fy.start(), fy.end().min(self.as_of)) {
            let me = me.min(self.as_of);
            let days = self.cal.working_days(ms, me);
            if days < BEST_MONTH_MIN_DAYS {
                continue;
            }
            let values = self.actual_values(&r.metric, r.dim.as_ref(), ms, me, &nodes)?;
            for (b, v) in best.iter_mut().zip(values) {
                let per_day = div_round(v.unwrap_or(0), days);
                if b.as_ref().is_none_or(|(x, _)| per_day > *x) {
                    *b = Some((per_day, ms.format("%Y-%m").to_string()));
                }
            }
        }
        Ok(figures
            .iter()
            .zip(best)
            .map(|(f, best)| {
                let best_per_day = best.as_ref().map(|b| b.0);
                let tiers = f
                    .target
                    .map(|t| {
                        [
                            ("floor", t.floor),
                            ("base", t.base),
                            ("challenge", t.challenge),
                        ]
                        .into_iter()
                        .map(|(tier, target)| {
                            let remaining = (target - f.actual).max(0);
                            let needed_per_day = match (remaining, remaining_days) {
                                (0, _) => Some(0),
                                (_, 0) => None,
                                (rem, days) => Some(div_ceil(rem, days)),
                            };
                            let reachable = remaining == 0
                                || best_per_day.is_some_and(|b| {
                                    b as i128 * remaining_days as i128 >= remaining as i128
                                });
                            TierRunRate {
                                tier,
                                target,
                                remaining,
                                needed_per_day,
                                reachable,
                            }
                        })
                        .collect()
                    })
                    .unwrap_or_default();
                RunRate {
                    path: f.path.clone(),
                    name: f.name.clone(),
                    actual: f.actual,
                    elapsed_days: elapsed,
                    remaining_days,
                    current_per_day: (elapsed > 0).then(|| div_round(f.actual, elapsed)),
                    best_per_day,
                    best_month: best.map(|b| b.1),
                    tiers,
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod rounding_tests {
    use super::{div_ceil, div_round};

    #[test]
    fn negative_amounts_round_the_same_way_as_positive_ones() {
        assert_eq!(div_round(5, 4), 1);
        assert_eq!(div_round(-5, 4), -1);
        assert_eq!(div_round(6, 4), 2);
        assert_eq!(div_round(-6, 4), -2);
        assert_eq!(div_ceil(5, 4), 2);
        assert_eq!(div_ceil(-5, 4), -1);
        assert_eq!(div_ceil(8, 4), 2);
        assert_eq!(div_ceil(-8, 4), -2);
    }
}
