//! The consistency of a plan: time (a year, half or quarter that is not Σ of its months, a row
//! with missing months — these must never exist) and the organisation (Σ children against each
//! parent, by the plan's band).

use super::{sum_tiers, Key, PlanRule, Tree};
use crate::calendar::PeriodKind;
use crate::targets::tiers::{Tier, Tiers};
use rustc_hash::FxHashSet as HashSet;
use serde::Serialize;

/// A period of a row that does not add up from its months (or a row missing some months).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeIssue {
    pub unit_id: i64,
    pub path: String,
    pub dimension_id: Option<i64>,
    pub period: String,
    /// "sum" (the period is not Σ of its months) or "monthsMissing".
    pub kind: &'static str,
    pub tier: Tier,
    pub value: i64,
    pub months_sum: i64,
}

/// What a parent cell allocates to one family of children (child units, or a dimension's
/// members), on the base tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Allocation {
    pub unit_id: i64,
    pub path: String,
    pub dimension_id: Option<i64>,
    pub period: String,
    /// "org" for the child units, else the dimension (e.g. "product_line").
    pub family: String,
    pub target: i64,
    pub allocated: i64,
    /// allocated / target in basis points (None when the target is zero).
    pub allocated_bp: Option<i64>,
    pub gap: i64,
    pub within_rule: bool,
    pub children: usize,
}

/// `targets check`: every time inconsistency and every allocation outside the plan's rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    pub rule: PlanRule,
    pub time: Vec<TimeIssue>,
    pub org: Vec<Allocation>,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.time.is_empty() && self.org.is_empty()
    }
}

impl Tree {
    /// Time issues of every row.
    pub fn time_issues(&self) -> Vec<TimeIssue> {
        if !self.additive {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut rows: Vec<&(i64, Option<i64>)> = self.rows.keys().collect();
        rows.sort();
        for &row in rows {
            if !self.has_months(row) {
                continue;
            }
            let months: Vec<Option<Tiers>> = self
                .cal
                .months
                .iter()
                .map(|m| self.get(&(row.0, row.1, m.key.clone())).map(|s| s.tiers))
                .collect();
            let issue = |period: &str, kind, tier: Tier, value: i64, sum: i64| TimeIssue {
                unit_id: row.0,
                path: self.unit_path(row.0),
                dimension_id: row.1,
                period: period.to_string(),
                kind,
                tier,
                value,
                months_sum: sum,
            };
            let present: Vec<Tiers> = months.iter().flatten().copied().collect();
            if present.len() != months.len() {
                let s = sum_tiers(&present).base;
                out.push(issue(&self.cal.year.key, "monthsMissing", Tier::Base, s, s));
            }
            let mut periods: Vec<(String, Vec<usize>)> =
                vec![(self.cal.year.key.clone(), (0..months.len()).collect())];
            periods.extend(
                self.cal
                    .groups
                    .iter()
                    .map(|(p, i)| (p.key.clone(), i.clone())),
            );
            for (key, idx) in periods {
                let Some(cell) = self.get(&(row.0, row.1, key.clone())) else {
                    continue;
                };
                let sum = sum_tiers(idx.iter().filter_map(|&i| months[i].as_ref()));
                for tier in Tier::ALL {
                    let (v, s) = (cell.tiers.get(tier), sum.get(tier));
                    if v.unwrap_or(0) != s.unwrap_or(0) {
                        out.push(issue(&key, "sum", tier, v.unwrap_or(0), s.unwrap_or(0)));
                    }
                }
            }
        }
        out
    }

    /// The allocation of one parent cell to each of its families.
    pub fn allocations_of(&self, key: &Key) -> Vec<Allocation> {
        let Some(cell) = self.get(key) else {
            return Vec::new();
        };
        self.families(key, false)
            .into_iter()
            .filter_map(|(family, kids)| {
                // A child's half or quarter that is not stored is Σ of its months.
                let derived = |k: &Key| {
                    (self.kind_of(&k.2) < Some(PeriodKind::Month) && self.has_months((k.0, k.1)))
                        .then(|| self.current(k).base)
                };
                let stored: Vec<i64> = kids
                    .iter()
                    .filter_map(|k| self.get(k).map(|s| s.tiers.base).or_else(|| derived(k)))
                    .collect();
                if stored.is_empty() {
                    return None;
                }
                let allocated: i64 = stored.iter().sum();
                let target = cell.tiers.base;
                Some(Allocation {
                    unit_id: key.0,
                    path: self.unit_path(key.0),
                    dimension_id: key.1,
                    period: key.2.clone(),
                    family,
                    target,
                    allocated,
                    allocated_bp: PlanRule::ratio_bp(target, allocated),
                    gap: allocated - target,
                    within_rule: self.rule.within(target, allocated),
                    children: kids.len(),
                })
            })
            .collect()
    }

    /// Every parent's allocation at the year and its months (and any stored half or quarter),
    /// or at one period.
    pub fn allocations(&self, period: Option<&str>) -> Vec<Allocation> {
        if !self.additive {
            return Vec::new();
        }
        let mut keys: Vec<&Key> = self
            .cells
            .keys()
            .filter(|k| match period {
                Some(p) => k.2 == p,
                None => self
                    .kind_of(&k.2)
                    .is_some_and(|kind| kind != PeriodKind::Week),
            })
            .collect();
        keys.sort();
        keys.into_iter()
            .flat_map(|k| self.allocations_of(k))
            .collect()
    }

    /// How many time issues and allocations outside the rule there are (what a change
    /// reports), without ordering or naming them.
    pub fn issue_counts(&self) -> (usize, usize) {
        if !self.additive {
            return (0, 0);
        }
        // Only cells with a family of children can be outside the rule: a unit with child
        // units, or a unit's own cell when the unit holds dimension members.
        let with_members: HashSet<i64> = self
            .rows
            .keys()
            .filter(|(_, m)| m.is_some())
            .map(|(u, _)| *u)
            .collect();
        let outside = self
            .cells
            .keys()
            .filter(|k| {
                !self.all_kids(k.0).is_empty() || (k.1.is_none() && with_members.contains(&k.0))
            })
            .filter(|k| {
                self.kind_of(&k.2)
                    .is_some_and(|kind| kind != PeriodKind::Week)
            })
            .map(|k| {
                self.allocations_of(k)
                    .iter()
                    .filter(|a| !a.within_rule)
                    .count()
            })
            .sum();
        (self.time_issues().len(), outside)
    }

    /// The whole report.
    pub fn check(&self) -> CheckReport {
        CheckReport {
            rule: self.rule,
            time: self.time_issues(),
            org: self
                .allocations(None)
                .into_iter()
                .filter(|a| !a.within_rule)
                .collect(),
        }
    }
}
