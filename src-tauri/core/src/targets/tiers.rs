//! Target tiers: floor 保底, base 基准, challenge 挑战 and an optional sprint 冲刺 tier. Ratios of
//! the base are configurable in basis points (defaults 80% / 120%, seed 000).

use crate::error::Code;
use crate::error::{Error, Result};
use crate::split::split_weighted;
use serde::{Deserialize, Serialize};
use std::ops::Add;

/// Which tier of a target a value or a revision belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Tier {
    Floor,
    Base,
    Challenge,
    Sprint,
}

impl Tier {
    pub const ALL: [Tier; 4] = [Tier::Floor, Tier::Base, Tier::Challenge, Tier::Sprint];

    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Floor => "floor",
            Tier::Base => "base",
            Tier::Challenge => "challenge",
            Tier::Sprint => "sprint",
        }
    }
}

/// The tiers of one target cell, in the metric's minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tiers {
    pub floor: i64,
    pub base: i64,
    pub challenge: i64,
    pub sprint: Option<i64>,
}

/// Tier ratios of the base in basis points (a target set stores them as floor_bp, challenge_bp,
/// sprint_bp).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TierRatios {
    pub floor_bp: i64,
    pub challenge_bp: i64,
    pub sprint_bp: Option<i64>,
}

impl Default for TierRatios {
    fn default() -> Self {
        TierRatios {
            floor_bp: 8_000,
            challenge_bp: 12_000,
            sprint_bp: None,
        }
    }
}

pub use crate::units::apply_bp;

impl TierRatios {
    /// Refuses ratios that would put the floor at zero or above the base, the challenge below
    /// the base, or the sprint below the challenge. Codes: `tier_floor_out_of_range`,
    /// `tier_challenge_below_base`, `tier_sprint_below_challenge`.
    pub fn validate(&self) -> Result<()> {
        let pct = |bp: i64| format!("{}%", crate::money::format_yuan(bp));
        if !(1..=10_000).contains(&self.floor_bp) {
            return Err(Error::new(
                Code::TierFloorOutOfRange,
                format!(
                    "保底比例 {} 无效：应大于 0% 且不超过 100%（基准）",
                    pct(self.floor_bp)
                ),
                format!(
                    "Floor ratio {} is invalid: it must be above 0% and at most 100% (the base)",
                    pct(self.floor_bp)
                ),
            ));
        }
        if self.challenge_bp < 10_000 {
            return Err(Error::new(
                Code::TierChallengeBelowBase,
                format!(
                    "挑战比例 {} 无效：不能低于 100%（基准）",
                    pct(self.challenge_bp)
                ),
                format!(
                    "Challenge ratio {} is invalid: it cannot be below 100% (the base)",
                    pct(self.challenge_bp)
                ),
            ));
        }
        if let Some(s) = self.sprint_bp.filter(|s| *s < self.challenge_bp) {
            return Err(Error::new(
                Code::TierSprintBelowChallenge,
                format!(
                    "冲刺比例 {} 无效：不能低于挑战比例 {}",
                    pct(s),
                    pct(self.challenge_bp)
                ),
                format!(
                    "Sprint ratio {} is invalid: it cannot be below the challenge ratio {}",
                    pct(s),
                    pct(self.challenge_bp)
                ),
            ));
        }
        Ok(())
    }

    /// The tiers of a base value.
    pub fn tiers(&self, base: i64) -> Tiers {
        Tiers {
            floor: apply_bp(base, self.floor_bp),
            base,
            challenge: apply_bp(base, self.challenge_bp),
            sprint: self.sprint_bp.map(|bp| apply_bp(base, bp)),
        }
    }
}

impl Tiers {
    /// Default tiers of a base value: floor 80%, challenge 120%, no sprint.
    pub fn from_base(base: i64) -> Tiers {
        TierRatios::default().tiers(base)
    }

    pub fn get(&self, tier: Tier) -> Option<i64> {
        match tier {
            Tier::Floor => Some(self.floor),
            Tier::Base => Some(self.base),
            Tier::Challenge => Some(self.challenge),
            Tier::Sprint => self.sprint,
        }
    }

    /// Splits every tier with the same weights, each adding up exactly to its parent tier.
    pub fn split(&self, weights: &[u128]) -> Result<Vec<Tiers>> {
        self.split_locked(weights, &[])
    }

    /// As [`Tiers::split`], with locked cells (empty, or one per part) keeping all their tiers.
    /// A locked cell without a sprint tier leaves its sprint share to the re-balance.
    pub fn split_locked(&self, weights: &[u128], locks: &[Option<Tiers>]) -> Result<Vec<Tiers>> {
        let tier_locks = |tier: Tier| -> Vec<Option<i64>> {
            locks.iter().map(|l| l.and_then(|t| t.get(tier))).collect()
        };
        let floor = split_weighted(self.floor, weights, &tier_locks(Tier::Floor))?;
        let base = split_weighted(self.base, weights, &tier_locks(Tier::Base))?;
        let challenge = split_weighted(self.challenge, weights, &tier_locks(Tier::Challenge))?;
        let sprint = match self.sprint {
            Some(s) => Some(split_weighted(s, weights, &tier_locks(Tier::Sprint))?),
            None => None,
        };
        Ok((0..weights.len())
            .map(|i| Tiers {
                floor: floor[i],
                base: base[i],
                challenge: challenge[i],
                sprint: sprint.as_ref().map(|s| s[i]),
            })
            .collect())
    }
}

impl Add for Tiers {
    type Output = Tiers;
    fn add(self, o: Tiers) -> Tiers {
        Tiers {
            floor: self.floor + o.floor,
            base: self.base + o.base,
            challenge: self.challenge + o.challenge,
            sprint: match (self.sprint, o.sprint) {
                (None, None) => None,
                (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::{WAN, YI};

    #[test]
    fn default_tiers_of_10_yi_are_8_10_12_yi() {
        let t = Tiers::from_base(10 * YI);
        assert_eq!(
            t,
            Tiers {
                floor: 8 * YI,
                base: 10 * YI,
                challenge: 12 * YI,
                sprint: None
            }
        );
    }

    #[test]
    fn ratios_are_configurable_with_a_sprint_tier() {
        let r = TierRatios {
            floor_bp: 9_000,
            challenge_bp: 11_500,
            sprint_bp: Some(15_000),
        };
        r.validate().unwrap();
        assert_eq!(
            r.tiers(YI),
            Tiers {
                floor: 9000 * WAN,
                base: YI,
                challenge: 11_500 * WAN,
                sprint: Some(15_000 * WAN)
            }
        );
        // 0.05 yuan at 80%: 4 fen exactly; 0.03 at 80% = 2.4 fen -> 2; 0.07 at 120% = 8.4 -> 8.
        assert_eq!(Tiers::from_base(3).floor, 2);
        assert_eq!(Tiers::from_base(7).challenge, 8);
        assert_eq!(apply_bp(-3, 5_000), -2);
        let bad = TierRatios {
            floor_bp: 11_000,
            ..TierRatios::default()
        };
        assert_eq!(bad.validate().unwrap_err().code, "tier_floor_out_of_range");
    }

    #[test]
    fn splitting_a_target_splits_every_tier_with_the_same_weights() {
        let parent = TierRatios {
            sprint_bp: Some(15_000),
            ..TierRatios::default()
        }
        .tiers(10 * YI);
        let q = parent.split(&[1, 1, 1, 1]).unwrap();
        assert_eq!(q[0].base, 25 * YI / 10);
        assert_eq!(q[0].floor, 2 * YI);
        assert_eq!(q[0].challenge, 3 * YI);
        assert_eq!(q[0].sprint, Some(375 * YI / 100));
        let sum = q.iter().fold(Tiers::default(), |a, b| a + *b);
        assert_eq!(sum, parent);
        // A locked quarter keeps all its tiers; the others share the rest.
        let lock = Tiers {
            floor: YI,
            base: 2 * YI,
            challenge: 3 * YI,
            sprint: Some(4 * YI),
        };
        let q = parent
            .split_locked(&[1, 1, 1, 1], &[Some(lock), None, None, None])
            .unwrap();
        assert_eq!(q[0], lock);
        assert_eq!(q[1].base, (10 * YI - 2 * YI) / 3 + 1);
        assert_eq!(q.iter().fold(Tiers::default(), |a, b| a + *b), parent);
    }
}
