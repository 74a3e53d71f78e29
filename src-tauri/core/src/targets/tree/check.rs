//! The consistency of a plan: time (a year, half or quarter that is not Σ of its months, a row
//! with missing months — these must never exist) and the organisation (Σ children against each
//! parent, by the plan's band).

use super::{sum_tiers, Key, PeriodKey, PlanRule, Row, Tree};
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
        // The year, then the halves and quarters, with the indexes of their months.
        let mut periods: Vec<(&str, Vec<usize>)> = vec![(
            self.cal.year.key.as_str(),
            (0..self.cal.months.len()).collect(),
        )];
        periods.extend(
            self.cal
                .groups
                .iter()
                .map(|(p, i)| (p.key.as_str(), i.clone())),
        );
        // The rows' map is ordered: its keys come sorted. Each row's cells are read from its
        // list.
        for (&row, cells) in &self.rows {
            let has_months = |(k, _): &(PeriodKey, u32)| self.kind_of(k) == Some(PeriodKind::Month);
            if !cells.iter().any(has_months) {
                continue;
            }
            let months: Vec<Option<Tiers>> = self
                .cal
                .months
                .iter()
                .map(|m| self.in_row(cells, &m.key).map(|s| s.tiers))
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
            for (key, idx) in &periods {
                let Some(cell) = self.in_row(cells, key) else {
                    continue;
                };
                let sum = sum_tiers(idx.iter().filter_map(|&i| months[i].as_ref()));
                for tier in Tier::ALL {
                    let (v, s) = (cell.tiers.get(tier), sum.get(tier));
                    if v.unwrap_or(0) != s.unwrap_or(0) {
                        out.push(issue(key, "sum", tier, v.unwrap_or(0), s.unwrap_or(0)));
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
        let target = cell.tiers.base;
        self.allocated_by_family(key)
            .into_iter()
            .map(|(family, children, allocated)| Allocation {
                unit_id: key.0,
                path: self.unit_path(key.0),
                dimension_id: key.1,
                period: key.2.to_string(),
                family,
                target,
                allocated,
                allocated_bp: PlanRule::ratio_bp(target, allocated),
                gap: allocated - target,
                within_rule: self.rule.within(target, allocated),
                children,
            })
            .collect()
    }

    /// What a cell allocates to each family of children holding a target: the family, how
    /// many children it has, and Σ their base values.
    fn allocated_by_family(&self, key: &Key) -> Vec<(String, usize, i64)> {
        let mut all = self.allocated_by_families((key.0, key.1), &[&key.2]);
        all.pop().unwrap_or_default()
    }

    /// [`Tree::allocated_by_family`] of several periods of one row at once: each child unit's
    /// row is found once and read at every period from its list of cells.
    fn allocated_by_families(
        &self,
        row: Row,
        periods: &[&PeriodKey],
    ) -> Vec<Vec<(String, usize, i64)>> {
        // A child's half or quarter that is not stored is Σ of its months.
        let derived = |unit: i64, member: Option<i64>, period: &PeriodKey| {
            let kind = self.kind_of(period);
            (kind < Some(PeriodKind::Month) && self.has_months((unit, member)))
                .then(|| self.current(&(unit, member, period.clone())).base)
        };
        // The child units: how many hold a target at each period, whether any has a value
        // there, and Σ their values.
        let mut org = vec![(0usize, false, 0i64); periods.len()];
        for &u in self.all_kids(row.0) {
            let cells = self.row_cells((u, row.1));
            for (p, o) in periods.iter().zip(org.iter_mut()) {
                // A stored child is read once: it holds a target and its value.
                let stored = self.in_row(cells, p).map(|s| s.tiers.base);
                if stored.is_none() && !self.stored_or_year_at(u, row.1, p) {
                    continue;
                }
                o.0 += 1;
                if let Some(v) = stored.or_else(|| derived(u, row.1, p)) {
                    o.1 = true;
                    o.2 += v;
                }
            }
        }
        let value = |unit: i64, member: Option<i64>, period: &PeriodKey| {
            self.get_at(unit, member, period)
                .map(|s| s.tiers.base)
                .or_else(|| derived(unit, member, period))
        };
        periods
            .iter()
            .zip(org)
            .map(|(p, (children, any, allocated))| {
                let mut out = Vec::new();
                if any {
                    out.push(("org".to_string(), children, allocated));
                }
                for (family, kids) in self.member_families(&(row.0, row.1, (*p).clone())) {
                    let mut any = false;
                    let mut allocated = 0i64;
                    for k in &kids {
                        if let Some(v) = value(k.0, k.1, p) {
                            any = true;
                            allocated += v;
                        }
                    }
                    if any {
                        out.push((family, kids.len(), allocated));
                    }
                }
                out
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
            .cells()
            .map(|(k, _)| k)
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
        // Each row lists the periods stored on it: the cells of units without families are
        // never visited, and a parent row's children are read once for all its periods.
        let outside = self
            .rows
            .iter()
            .filter(|((u, m), _)| {
                !self.all_kids(*u).is_empty() || (m.is_none() && with_members.contains(u))
            })
            .map(|(&row, cells)| {
                let periods: Vec<&PeriodKey> = cells
                    .iter()
                    .map(|(p, _)| p)
                    .filter(|p| self.kind_of(p).is_some_and(|kind| kind != PeriodKind::Week))
                    .collect();
                let families = self.allocated_by_families(row, &periods);
                periods
                    .iter()
                    .zip(families)
                    .map(|(p, families)| {
                        let Some(target) = self.in_row(cells, p).map(|s| s.tiers.base) else {
                            return 0;
                        };
                        families
                            .iter()
                            .filter(|(_, _, allocated)| !self.rule.within(target, *allocated))
                            .count()
                    })
                    .sum::<usize>()
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
