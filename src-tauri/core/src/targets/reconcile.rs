//! Top-down against bottom-up (自上而下 + 自下而上): the gap between the sum of the children's
//! commitments and a node's target, reconciled either way; and a team's redistribution of the
//! months inside its quarter (seed 000), which must keep the quarter total.

use crate::error::Code;
use crate::error::{Error, Result};
use crate::money::format_yuan;
use crate::split::largest_remainder;
use serde::{Deserialize, Serialize};

/// A node's target against the commitments of its children.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Gap {
    pub target: i64,
    pub commitments: i64,
    /// Σ commitments − target: negative when the children commit to less than asked.
    pub gap: i64,
    /// Children that have not committed yet (counted as 0).
    pub missing: usize,
}

/// Which side gives way when reconciling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ReconcileWay {
    /// Scale the children's commitments so they add up exactly to the target (top-down wins).
    ScaleCommitments,
    /// Set the target to the sum of the commitments (bottom-up wins).
    TargetToCommitments,
}

pub fn gap(target: i64, commitments: &[Option<i64>]) -> Gap {
    let sum: i64 = commitments.iter().map(|c| c.unwrap_or(0)).sum();
    Gap {
        target,
        commitments: sum,
        gap: sum - target,
        missing: commitments.iter().filter(|c| c.is_none()).count(),
    }
}

/// The commitments scaled to `target` in their own proportions, adding up exactly.
pub fn scale_commitments(target: i64, commitments: &[i64]) -> Result<Vec<i64>> {
    let weights: Vec<u128> = commitments
        .iter()
        .map(|c| u128::try_from(*c))
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| {
            Error::new(
                Code::NegativeCommitment,
                "承诺值不能为负数",
                "Commitments cannot be negative",
            )
        })?;
    largest_remainder(target, &weights).map_err(|_| {
        Error::new(
            Code::NoCommitments,
            "下级尚无任何承诺值，无法按承诺比例调整",
            "No child has committed yet, so there is nothing to scale",
        )
    })
}

/// Checks a team's new months against its quarter total (seed 000: a team may re-pace the
/// months inside its quarter as long as the quarter holds).
pub fn check_quarter_redistribution(quarter_total: i64, months: &[i64]) -> Result<()> {
    if months.len() != 3 {
        return Err(Error::new(
            Code::QuarterNeedsThreeMonths,
            format!("季度内应有 3 个月，收到 {} 个", months.len()),
            format!("A quarter has 3 months, got {}", months.len()),
        ));
    }
    let sum: i64 = months.iter().sum();
    if sum != quarter_total {
        return Err(Error::new(
            Code::QuarterTotalChanged,
            format!(
                "调整后各月合计 {} 与季度目标 {} 不相等",
                format_yuan(sum),
                format_yuan(quarter_total)
            ),
            format!(
                "The new months add up to {}, not the quarter target {}",
                format_yuan(sum),
                format_yuan(quarter_total)
            ),
        ));
    }
    Ok(())
}

/// Checks new month bases against their quarter total and returns them as weights for splitting
/// the quarter's tiers across the months (a negative month is refused).
pub fn quarter_month_weights(quarter_total: i64, month_bases: &[i64]) -> Result<Vec<u128>> {
    check_quarter_redistribution(quarter_total, month_bases)?;
    month_bases
        .iter()
        .map(|v| u128::try_from(*v))
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| {
            Error::new(
                Code::NegativeMonth,
                "月度目标不能为负数",
                "A month's target cannot be negative",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::WAN;

    #[test]
    fn gap_and_both_ways_of_reconciling() {
        // Region target 4000万; teams commit 2100万 and 1800万, a third has not committed.
        let g = gap(4000 * WAN, &[Some(2100 * WAN), Some(1800 * WAN), None]);
        assert_eq!(
            g,
            Gap {
                target: 4000 * WAN,
                commitments: 3900 * WAN,
                gap: -100 * WAN,
                missing: 1
            }
        );
        // Scaling 2100:1800 up to 4000万: 2153.85万 and 1846.15万, exact.
        let s = scale_commitments(4000 * WAN, &[2100 * WAN, 1800 * WAN]).unwrap();
        assert_eq!(s, vec![2_153_846_154, 1_846_153_846]);
        assert_eq!(s.iter().sum::<i64>(), 4000 * WAN);
        assert_eq!(
            scale_commitments(WAN, &[0, 0]).unwrap_err().code,
            "no_commitments"
        );
    }

    #[test]
    fn quarter_months_may_move_but_the_quarter_holds() {
        check_quarter_redistribution(900 * WAN, &[200 * WAN, 300 * WAN, 400 * WAN]).unwrap();
        let e = check_quarter_redistribution(900 * WAN, &[200 * WAN, 300 * WAN, 300 * WAN])
            .unwrap_err();
        assert_eq!(e.code, "quarter_total_changed");
        assert!(e.zh.contains("8000000.00"), "{}", e.zh);
    }
}
