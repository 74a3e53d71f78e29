//! A plan's rules: the rounding unit of every split and spread, and the band Σ children may
//! take against their parent (exactly 100% by default).

use crate::error::Code;
use crate::error::{Error, Result};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// The rounding units a plan may choose, in fen: fen, yuan, 100, 1,000 and 10,000 yuan.
pub const ROUNDING_UNITS: [i64; 5] = [1, 100, 10_000, 100_000, 1_000_000];

/// JSON: `{"roundingUnit":1000000,"allocationMinBp":10000,"allocationMaxBp":12000}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanRule {
    /// Every split and spread gives multiples of this many fen (the remainder goes to one part).
    pub rounding_unit: i64,
    /// Σ children / parent must lie within [min, max] basis points; the band always holds 100%.
    pub allocation_min_bp: i64,
    pub allocation_max_bp: i64,
}

impl Default for PlanRule {
    fn default() -> Self {
        PlanRule {
            rounding_unit: 1,
            allocation_min_bp: 10_000,
            allocation_max_bp: 10_000,
        }
    }
}

impl PlanRule {
    /// Refuses a unit outside [`ROUNDING_UNITS`] and a band that does not hold 100%
    /// (codes `bad_rounding_unit`, `bad_allocation_band`).
    pub fn validate(&self) -> Result<()> {
        if !ROUNDING_UNITS.contains(&self.rounding_unit) {
            return Err(Error::new(
                Code::BadRoundingUnit,
                format!(
                    "取整单位 {} 分无效：应为 分、元、百元、千元 或 万元",
                    self.rounding_unit
                ),
                format!(
                    "Rounding unit {} fen is invalid: use fen, yuan, 100, 1,000 or 10,000 yuan",
                    self.rounding_unit
                ),
            ));
        }
        let (lo, hi) = (self.allocation_min_bp, self.allocation_max_bp);
        if !(0..=10_000).contains(&lo) || !(10_000..=100_000).contains(&hi) {
            return Err(Error::new(
                Code::BadAllocationBand,
                format!(
                    "分配区间 {}–{} 无效：下限不超过 100%，上限在 100% 到 1000% 之间",
                    pct(lo),
                    pct(hi)
                ),
                format!(
                    "Allocation band {}–{} is invalid: the lower bound is at most 100%, the upper between 100% and 1000%",
                    pct(lo),
                    pct(hi)
                ),
            ));
        }
        Ok(())
    }

    /// Whether `allocated` against `parent` lies within the band (a zero parent takes only zero).
    pub fn within(&self, parent: i64, allocated: i64) -> bool {
        if parent == 0 {
            return allocated == 0;
        }
        let p = parent as i128;
        let a = allocated as i128;
        // a / p within [lo, hi] / 10000, with p possibly negative.
        let (lo, hi) = (
            p * self.allocation_min_bp as i128,
            p * self.allocation_max_bp as i128,
        );
        let a = a * 10_000;
        if p > 0 {
            lo <= a && a <= hi
        } else {
            hi <= a && a <= lo
        }
    }

    /// The ratio `allocated / parent` in basis points (None for a zero parent).
    pub fn ratio_bp(parent: i64, allocated: i64) -> Option<i64> {
        (parent != 0).then(|| {
            let r = allocated as i128 * 10_000 / parent as i128;
            i64::try_from(r).unwrap_or(i64::MAX)
        })
    }

    /// Parses a band such as `100-120` or `100` (percent).
    pub fn parse_band(text: &str) -> Result<(i64, i64)> {
        let bad = || {
            Error::new(
                Code::BadAllocationBand,
                format!("分配区间“{text}”无效：应写成 100 或 100-120（百分比）"),
                format!("Allocation band \"{text}\" is invalid: write 100 or 100-120 (percent)"),
            )
        };
        let pct = |s: &str| -> Result<i64> {
            let v: i64 = s.trim().trim_end_matches('%').parse().map_err(|_| bad())?;
            v.checked_mul(100).ok_or_else(bad)
        };
        match text.split_once('-') {
            Some((a, b)) => Ok((pct(a)?, pct(b)?)),
            None => {
                let v = pct(text)?;
                Ok((v, v))
            }
        }
    }
}

fn pct(bp: i64) -> String {
    format!("{}%", crate::money::format_yuan(bp))
}

/// The rules of a plan.
pub fn plan_rule(conn: &Connection, set_id: i64) -> Result<PlanRule> {
    let (rounding_unit, allocation_min_bp, allocation_max_bp) =
        super::store::read_rule(conn, set_id)?;
    Ok(PlanRule {
        rounding_unit,
        allocation_min_bp,
        allocation_max_bp,
    })
}

/// Stores the rules of a plan (after [`PlanRule::validate`]); the cells keep their values.
pub fn save_plan_rule(conn: &Connection, set_id: i64, rule: PlanRule) -> Result<()> {
    rule.validate()?;
    let band = (
        rule.rounding_unit,
        rule.allocation_min_bp,
        rule.allocation_max_bp,
    );
    super::store::write_rule(conn, set_id, band)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_band_holds_its_bounds_and_nothing_else() {
        let r = PlanRule {
            rounding_unit: 1_000_000,
            allocation_min_bp: 10_000,
            allocation_max_bp: 12_000,
        };
        r.validate().unwrap();
        assert!(r.within(100, 100));
        assert!(r.within(100, 120));
        assert!(!r.within(100, 121));
        assert!(!r.within(100, 99));
        assert!(r.within(0, 0));
        assert!(!r.within(0, 1));
        assert!(PlanRule::default().within(5, 5));
        assert!(!PlanRule::default().within(5, 6));
        assert_eq!(PlanRule::parse_band("100-120").unwrap(), (10_000, 12_000));
        assert_eq!(PlanRule::parse_band("100").unwrap(), (10_000, 10_000));
        assert_eq!(
            PlanRule::parse_band("x").unwrap_err().code,
            "bad_allocation_band"
        );
        let bad = PlanRule {
            allocation_min_bp: 11_000,
            ..r
        };
        assert_eq!(bad.validate().unwrap_err().code, "bad_allocation_band");
        let bad = PlanRule {
            rounding_unit: 500,
            ..r
        };
        assert_eq!(bad.validate().unwrap_err().code, "bad_rounding_unit");
    }
}
