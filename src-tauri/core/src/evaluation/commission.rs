//! Tiered commission (seed 001: "阶梯式提成，如销售额100万以内提成8%，超过部分10%") with the
//! target bonus and the extra rate on the excess (seed 002: "完成目标100%发放全额绩效，超额部分给予
//! 5%-10%的额外奖励"), and a cap. Money in fen, rates in basis points, exact: every product is
//! summed in i128 and rounded half up to the fen once.

use crate::error::Code;
use crate::error::{Error, Result};
use crate::money::{format_yuan, WAN};
use crate::units::{div_round, format_percent};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// How the tiers apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CommissionKind {
    /// Each band's rate on the part of the actual inside the band (超额累进).
    Marginal,
    /// The rate of the band the whole actual reaches, on all of it (全额累进).
    Stepped,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommissionTier {
    /// Where the band starts, in fen (the first band starts at 0).
    pub from: i64,
    pub rate_bp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommissionPlan {
    pub kind: CommissionKind,
    pub tiers: Vec<CommissionTier>,
    /// Paid when the actual reaches 100% of the target (fen).
    pub target_bonus: i64,
    /// Extra rate on the amount above the target.
    pub excess_bp: i64,
    /// Upper limit of the total (fen).
    pub cap: Option<i64>,
}

/// The band after the actual, and how much is still to sell to reach it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NextTier {
    pub from: i64,
    pub rate_bp: i64,
    pub distance: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Commission {
    /// The tiered commission on the actual.
    pub tiered: i64,
    pub target_bonus: i64,
    pub excess_bonus: i64,
    /// Everything, after the cap.
    pub total: i64,
    /// Whether the cap cut the total.
    pub capped: bool,
    pub next_tier: Option<NextTier>,
}

impl Commission {
    /// JSON with money as decimal yuan strings (CLI).
    pub fn to_json(&self) -> Value {
        json!({
            "tiered": format_yuan(self.tiered),
            "targetBonus": format_yuan(self.target_bonus),
            "excessBonus": format_yuan(self.excess_bonus),
            "total": format_yuan(self.total),
            "capped": self.capped,
            "nextTier": self.next_tier.map(|n| json!({
                "from": format_yuan(n.from),
                "rateBp": n.rate_bp,
                "distance": format_yuan(n.distance),
            })),
        })
    }
}

fn invalid(zh: String, en: String) -> Error {
    Error::new(Code::InvalidCommissionPlan, zh, en)
}

fn check_rate(name_zh: &str, name_en: &str, bp: i64) -> Result<()> {
    if (0..=10_000).contains(&bp) {
        return Ok(());
    }
    Err(invalid(
        format!(
            "{name_zh}必须在 0% 到 100% 之间（当前 {}）",
            format_percent(bp)
        ),
        format!(
            "{name_en} must be between 0% and 100% (now {})",
            format_percent(bp)
        ),
    ))
}

impl CommissionPlan {
    /// Seed 001's marginal plan (up to 100万 at 8%, above at 10%) with seed 002's 5% on the
    /// excess over the target; no target bonus, no cap.
    pub fn seed_default() -> CommissionPlan {
        CommissionPlan {
            kind: CommissionKind::Marginal,
            tiers: vec![
                CommissionTier {
                    from: 0,
                    rate_bp: 800,
                },
                CommissionTier {
                    from: 100 * WAN,
                    rate_bp: 1000,
                },
            ],
            target_bonus: 0,
            excess_bp: 500,
            cap: None,
        }
    }

    /// Tiers ascending from 0, rates within 0–100%, bonus and cap not negative.
    pub fn validate(&self) -> Result<()> {
        let Some(first) = self.tiers.first() else {
            return Err(invalid(
                "提成方案至少需要一个档位".into(),
                "The commission plan needs at least one tier".into(),
            ));
        };
        if first.from != 0 {
            return Err(invalid(
                format!(
                    "第 1 档必须从 0 元开始（当前 {} 元）",
                    format_yuan(first.from)
                ),
                format!(
                    "Tier 1 must start at 0 yuan (now {} yuan)",
                    format_yuan(first.from)
                ),
            ));
        }
        for (i, t) in self.tiers.iter().enumerate() {
            let n = i + 1;
            check_rate(
                &format!("第 {n} 档提成比例"),
                &format!("Tier {n}'s rate"),
                t.rate_bp,
            )?;
            if i > 0 && t.from <= self.tiers[i - 1].from {
                return Err(invalid(
                    format!(
                        "第 {n} 档的起点（{} 元）必须高于第 {i} 档（{} 元）",
                        format_yuan(t.from),
                        format_yuan(self.tiers[i - 1].from)
                    ),
                    format!(
                        "Tier {n} must start above tier {i} ({} yuan is not above {} yuan)",
                        format_yuan(t.from),
                        format_yuan(self.tiers[i - 1].from)
                    ),
                ));
            }
        }
        check_rate("超额奖励比例", "The excess rate", self.excess_bp)?;
        if self.target_bonus < 0 {
            return Err(invalid(
                "达标奖金不能为负数".into(),
                "The target bonus cannot be negative".into(),
            ));
        }
        if self.cap.is_some_and(|c| c < 0) {
            return Err(invalid(
                "提成封顶金额不能为负数".into(),
                "The commission cap cannot be negative".into(),
            ));
        }
        Ok(())
    }
}

/// The commission on `actual` (fen) against an optional `target` (fen). A negative actual earns
/// nothing; the target bonus and the excess need a positive target reached.
pub fn compute(plan: &CommissionPlan, actual: i64, target: Option<i64>) -> Commission {
    let a = actual.max(0) as i128;
    let tiered_num: i128 = match plan.kind {
        CommissionKind::Marginal => plan
            .tiers
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let lo = t.from as i128;
                let hi = plan.tiers.get(i + 1).map(|n| n.from as i128);
                let top = hi.map_or(a, |h| a.min(h));
                (top - lo).max(0) * t.rate_bp as i128
            })
            .sum(),
        CommissionKind::Stepped => {
            let rate = plan
                .tiers
                .iter()
                .rev()
                .find(|t| a >= t.from as i128)
                .map_or(0, |t| t.rate_bp);
            a * rate as i128
        }
    };
    let tiered = div_round(tiered_num, 10_000);
    let reached = target.filter(|&t| t > 0 && actual >= t);
    let target_bonus = reached.map_or(0, |_| plan.target_bonus);
    let excess_bonus = reached.map_or(0, |t| {
        div_round(
            (actual as i128 - t as i128) * plan.excess_bp as i128,
            10_000,
        )
    });
    let sum = tiered as i128 + target_bonus as i128 + excess_bonus as i128;
    let (total, capped) = match plan.cap {
        Some(c) if sum > c as i128 => (c, true),
        _ => (sum.min(i64::MAX as i128) as i64, false),
    };
    let next_tier = plan
        .tiers
        .iter()
        .find(|t| t.from > actual.max(0))
        .map(|t| NextTier {
            from: t.from,
            rate_bp: t.rate_bp,
            distance: t.from - actual.max(0),
        });
    Commission {
        tiered,
        target_bonus,
        excess_bonus,
        total,
        capped,
        next_tier,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    const YUAN: i64 = 100;

    fn seed(kind: CommissionKind) -> CommissionPlan {
        CommissionPlan {
            kind,
            excess_bp: 0,
            ..CommissionPlan::seed_default()
        }
    }

    #[test]
    fn marginal_seed_001() {
        let p = seed(CommissionKind::Marginal);
        // 150万: 100万 × 8% + 50万 × 10% = 8万 + 5万 = 13万.
        let c = compute(&p, 150 * WAN, None);
        assert_eq!((c.tiered, c.total), (13 * WAN, 13 * WAN));
        assert_eq!(c.next_tier, None);
        // Exactly 100万: all at 8%, and the next band is reached (distance 0 means "in it").
        let c = compute(&p, 100 * WAN, None);
        assert_eq!(c.total, 8 * WAN);
        assert_eq!(c.next_tier, None);
        // 0 and negative earn nothing; the next band is 100万 away.
        let c = compute(&p, 0, None);
        assert_eq!(c.total, 0);
        assert_eq!(
            c.next_tier,
            Some(NextTier {
                from: 100 * WAN,
                rate_bp: 1000,
                distance: 100 * WAN
            })
        );
        assert_eq!(compute(&p, -5 * WAN, None).total, 0);
        // 1,234,567.89 yuan: 80,000 + 234,567.89 × 10% = 103,456.789 -> 103,456.79.
        let c = compute(&p, 123_456_789, None);
        assert_eq!(c.tiered, 10_345_679);
        // 80万: 64,000 yuan, 20万 to the 10% band.
        let c = compute(&p, 80 * WAN, None);
        assert_eq!(c.tiered, 64_000 * YUAN);
        assert_eq!(c.next_tier.map(|n| n.distance), Some(20 * WAN));
    }

    #[test]
    fn stepped_seed_001() {
        let p = seed(CommissionKind::Stepped);
        // 150万 all at 10%.
        assert_eq!(compute(&p, 150 * WAN, None).total, 15 * WAN);
        // 100万 reaches the 10% band: 10万; one fen less stays at 8%.
        assert_eq!(compute(&p, 100 * WAN, None).total, 10 * WAN);
        // 999,999.99 × 8% = 79,999.9992 -> 79,999.9992 rounds to 80,000.00 yuan.
        assert_eq!(compute(&p, 100 * WAN - 1, None).total, 8_000_000);
        // 1,234,567.89 × 10% = 123,456.789 -> 123,456.79.
        assert_eq!(compute(&p, 123_456_789, None).tiered, 12_345_679);
        assert_eq!(compute(&p, 0, None).total, 0);
    }

    #[test]
    fn half_up_to_the_fen() {
        let p = CommissionPlan {
            kind: CommissionKind::Marginal,
            tiers: vec![CommissionTier {
                from: 0,
                rate_bp: 500,
            }],
            target_bonus: 0,
            excess_bp: 0,
            cap: None,
        };
        // 0.10 yuan × 5% = 0.005 -> 0.01; 0.09 × 5% = 0.0045 -> 0.00.
        assert_eq!(compute(&p, 10, None).total, 1);
        assert_eq!(compute(&p, 9, None).total, 0);
    }

    #[test]
    fn target_bonus_and_excess_seed_002() {
        let p = CommissionPlan {
            target_bonus: 5_000 * YUAN,
            ..CommissionPlan::seed_default()
        };
        // Target 120万, actual 150万: 13万 tiered + 5,000 bonus + 30万 × 5% = 15,000.
        let c = compute(&p, 150 * WAN, Some(120 * WAN));
        assert_eq!(
            (c.tiered, c.target_bonus, c.excess_bonus, c.total),
            (13 * WAN, 5_000 * YUAN, 15_000 * YUAN, 150_000 * YUAN)
        );
        // Exactly 100% of the target: the bonus, no excess.
        let c = compute(&p, 120 * WAN, Some(120 * WAN));
        assert_eq!((c.target_bonus, c.excess_bonus), (5_000 * YUAN, 0));
        assert_eq!(c.total, 8 * WAN + 2 * WAN + 5_000 * YUAN);
        // One fen short: neither.
        let c = compute(&p, 120 * WAN - 1, Some(120 * WAN));
        assert_eq!((c.target_bonus, c.excess_bonus), (0, 0));
        // No target: neither.
        let c = compute(&p, 150 * WAN, None);
        assert_eq!(c.total, 13 * WAN);
        // Excess in cents: 0.30 yuan above at 5% = 0.015 -> 0.02.
        let c = compute(&p, 120 * WAN + 30, Some(120 * WAN));
        assert_eq!(c.excess_bonus, 2);
    }

    #[test]
    fn cap_limits_the_total() {
        let p = CommissionPlan {
            cap: Some(10 * WAN),
            ..CommissionPlan::seed_default()
        };
        let c = compute(&p, 150 * WAN, Some(100 * WAN));
        // 13万 + 2.5万 = 15.5万, capped at 10万.
        assert_eq!((c.tiered, c.excess_bonus), (13 * WAN, 25_000 * YUAN));
        assert_eq!((c.total, c.capped), (10 * WAN, true));
        let c = compute(&p, 50 * WAN, None);
        assert_eq!((c.total, c.capped), (4 * WAN, false));
    }

    #[test]
    fn invalid_plans_are_named() {
        let base = CommissionPlan::seed_default();
        assert!(base.validate().is_ok());
        let msg = |p: CommissionPlan| {
            let e = p.validate().unwrap_err();
            (
                e.message(Lang::Zh).to_string(),
                e.message(Lang::En).to_string(),
            )
        };
        let (zh, en) = msg(CommissionPlan {
            tiers: vec![],
            ..base.clone()
        });
        assert!(zh.contains("至少需要一个档位") && en.contains("at least one tier"));
        let mut p = base.clone();
        p.tiers[0].from = 100;
        let (zh, en) = msg(p);
        assert_eq!(zh, "第 1 档必须从 0 元开始（当前 1.00 元）");
        assert_eq!(en, "Tier 1 must start at 0 yuan (now 1.00 yuan)");
        let mut p = base.clone();
        p.tiers[1].from = 0;
        let (zh, _) = msg(p);
        assert_eq!(zh, "第 2 档的起点（0.00 元）必须高于第 1 档（0.00 元）");
        let mut p = base.clone();
        p.tiers[1].rate_bp = 10_001;
        let (zh, en) = msg(p);
        assert_eq!(zh, "第 2 档提成比例必须在 0% 到 100% 之间（当前 100.01%）");
        assert_eq!(
            en,
            "Tier 2's rate must be between 0% and 100% (now 100.01%)"
        );
        let (_, en) = msg(CommissionPlan {
            excess_bp: -1,
            ..base.clone()
        });
        assert_eq!(
            en,
            "The excess rate must be between 0% and 100% (now -0.01%)"
        );
        assert!(CommissionPlan {
            cap: Some(-1),
            ..base.clone()
        }
        .validate()
        .is_err());
        assert!(CommissionPlan {
            target_bonus: -1,
            ..base
        }
        .validate()
        .is_err());
    }

    #[test]
    fn plan_json_is_camel_case() {
        let p: CommissionPlan = serde_json::from_str(
            r#"{"kind":"stepped","tiers":[{"from":0,"rateBp":800}],"targetBonus":0,"excessBp":500,"cap":null}"#,
        )
        .unwrap();
        assert_eq!(p.kind, CommissionKind::Stepped);
        assert_eq!(p.excess_bp, 500);
        let c = compute(&CommissionPlan::seed_default(), 150 * WAN, Some(100 * WAN));
        assert_eq!(
            c.to_json(),
            json!({"tiered":"130000.00","targetBonus":"0.00","excessBonus":"25000.00",
                   "total":"155000.00","capped":false,"nextTier":null})
        );
    }
}
