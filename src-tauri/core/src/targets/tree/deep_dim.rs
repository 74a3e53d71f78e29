//! A deep split across a dimension: each leaf unit's cells are split across the dimension's
//! members (equally, or by last year's actual mix), every unit above then takes, per member,
//! Σ its children — so members add up to their unit and units to their parent, member by
//! member, to the fen.

use super::joint::joint_parts;
use super::round::remainder_part;
use super::time::split_tiers;
use super::{Key, PeriodKey, Tree};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::Workspace;
use crate::targets::store::ChildPlace;
use crate::targets::tiers::Tiers;
use serde::{Deserialize, Serialize};

/// The dimension to split across and how its members share each leaf.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DimShares {
    /// e.g. "product_line".
    pub dim: String,
    #[serde(default)]
    pub by: MemberShares,
}

/// How a leaf's target is shared across the members of a dimension.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MemberShares {
    /// Equal shares.
    #[default]
    Equal,
    /// Last year's actuals of the leaf per member (the whole split's mix when the leaf sold
    /// nothing, equal shares when nobody did).
    LastYear,
}

/// A member of a dimension.
#[derive(Debug, Clone)]
pub(crate) struct Member {
    pub id: i64,
    pub name_zh: String,
    pub name_en: String,
}

/// What a split across a dimension needs: the members, their shares and the periods split
/// (the months of the split period, or the period itself).
pub(crate) struct Across<'a> {
    pub members: &'a [Member],
    pub shares: MemberShares,
    pub periods: &'a [PeriodKey],
}

/// The members of a dimension in display order; an error when it has none.
pub(crate) fn dimension_members(ws: &Workspace, dim: &str) -> Result<Vec<Member>> {
    let members: Vec<Member> = crate::targets::store::dimension_members(ws.conn(), dim)?
        .into_iter()
        .map(|(id, name_zh, name_en)| Member {
            id,
            name_zh,
            name_en,
        })
        .collect();
    if members.is_empty() {
        return Err(Error::new(
            Code::DimensionEmpty,
            format!("维度“{dim}”没有成员，无法按它拆分"),
            format!("The dimension \"{dim}\" has no members to split across"),
        ));
    }
    Ok(members)
}

impl Tree {
    /// Last year's actuals of `unit` per member over the split periods (zeros when none).
    fn member_actuals(&self, ws: &Workspace, unit: i64, across: &Across) -> Result<Vec<u128>> {
        let first = self.period(&across.periods[0]).cloned();
        let last = self
            .period(&across.periods[across.periods.len() - 1])
            .cloned();
        let (Some(first), Some(last)) = (first, last) else {
            return Ok(vec![0; across.members.len()]);
        };
        let mut period = first;
        period.end = last.end;
        let places: Vec<ChildPlace> = across
            .members
            .iter()
            .map(|m| ChildPlace {
                org_unit_id: unit,
                dimension_id: Some(m.id),
                period: period.clone(),
            })
            .collect();
        match crate::targets::history::last_year_actuals(ws.conn(), self.metric_id, &places) {
            Ok(v) => Ok(v.into_iter().map(|a| a.max(0) as u128).collect()),
            Err(e) if e.code == Code::NoHistory => Ok(vec![0; across.members.len()]),
            Err(e) => Err(e),
        }
    }

    /// Splits each leaf's cells at the split periods across the members, then sets every unit
    /// of `reach` above the leaves (and the split's ancestors that hold the member) to Σ its
    /// children per member. `tick` runs once per unit (progress and cancel).
    pub(crate) fn split_members(
        &mut self,
        ws: &Workspace,
        reach: &[(i64, u32)],
        leaves: &[i64],
        across: &Across,
        tick: &mut dyn FnMut() -> Result<()>,
    ) -> Result<()> {
        if !self.additive {
            return Err(Error::new(
                Code::DimensionSplitNotAdditive,
                "这个指标不能相加（如比率），无法按维度成员拆分",
                "This metric does not add up (a rate, for instance): it cannot be split across a dimension's members",
            ));
        }
        let n = across.members.len();
        let mix = |t: &Tree, u: i64| -> Result<Vec<u128>> {
            match across.shares {
                MemberShares::Equal => Ok(vec![1; n]),
                MemberShares::LastYear => t.member_actuals(ws, u, across),
            }
        };
        let top = reach.first().map(|r| r.0).unwrap_or_default();
        let fallback: Vec<u128> = Some(mix(self, top)?)
            .filter(|w| w.iter().sum::<u128>() > 0)
            .unwrap_or_else(|| vec![1; n]);
        for &u in leaves {
            tick()?;
            let own = mix(self, u)?;
            let weights = if own.iter().sum::<u128>() > 0 {
                own
            } else {
                fallback.clone()
            };
            self.split_leaf(u, &weights, across)?;
        }
        // Units above the leaves, deepest first, then the split's ancestors holding a member.
        let mut above: Vec<(i64, u32)> = reach
            .iter()
            .copied()
            .filter(|(u, _)| !leaves.contains(u))
            .collect();
        above.sort_by_key(|b| std::cmp::Reverse(b.1));
        for (u, _) in above {
            tick()?;
            self.sum_members(u, across, false)?;
        }
        let mut at = self.parent_unit(top);
        while let Some(u) = at {
            self.sum_members(u, across, true)?;
            at = self.parent_unit(u);
        }
        Ok(())
    }

    /// A leaf's cells at the split periods shared across the members: jointly when nothing is
    /// locked (each member's total exact to its share), else period by period around the locks.
    fn split_leaf(&mut self, unit: i64, weights: &[u128], across: &Across) -> Result<()> {
        let cells: Vec<Vec<Key>> = across
            .periods
            .iter()
            .map(|p| {
                across
                    .members
                    .iter()
                    .map(|m| (unit, Some(m.id), p.clone()))
                    .collect()
            })
            .collect();
        let totals: Vec<Tiers> = across
            .periods
            .iter()
            .map(|p| self.current(&(unit, None, p.clone())))
            .collect();
        let held: Vec<Vec<bool>> = cells
            .iter()
            .map(|row| row.iter().map(|k| self.pinned(k, None)).collect())
            .collect();
        let unit_round = self.unit();
        let pick = remainder_part(weights, &[], None).unwrap_or(0);
        let joint = if held.iter().flatten().any(|h| *h) {
            None
        } else {
            joint_parts(&totals, weights, unit_round, pick)
        };
        let parts: Vec<Vec<Tiers>> = match joint {
            Some(p) => p,
            None => {
                let mut out = Vec::with_capacity(cells.len());
                for ((row, total), held) in cells.iter().zip(&totals).zip(&held) {
                    let current: Vec<Tiers> = row.iter().map(|k| self.current(k)).collect();
                    out.push(split_tiers(
                        *total,
                        &current,
                        Some(weights),
                        held,
                        unit_round,
                        Some(pick),
                    )?);
                }
                out
            }
        };
        for (i, m) in across.members.iter().enumerate() {
            let sets: Vec<(Key, Tiers)> = cells
                .iter()
                .zip(&parts)
                .map(|(row, p)| (row[i].clone(), p[i]))
                .collect();
            self.set_row((unit, Some(m.id)), &sets, false)?;
        }
        Ok(())
    }

    /// A unit's member cells at the split periods become Σ its active children's (children
    /// without the member count 0). With `only_held`, members the unit does not hold are left.
    fn sum_members(&mut self, unit: i64, across: &Across, only_held: bool) -> Result<()> {
        let kids = self.active_kids(unit);
        for m in across.members {
            let row = (unit, Some(m.id));
            if only_held && !self.rows.contains_key(&row) {
                continue;
            }
            let sets: Vec<(Key, Tiers)> = across
                .periods
                .iter()
                .map(|p| {
                    let sum = super::sum_tiers(
                        &kids
                            .iter()
                            .map(|k| self.current(&(*k, Some(m.id), p.clone())))
                            .collect::<Vec<_>>(),
                    );
                    ((unit, Some(m.id), p.clone()), sum)
                })
                .collect();
            let changed = sets
                .iter()
                .any(|(k, t)| self.get(k).map(|s| s.tiers) != Some(*t));
            if changed {
                self.set_row(row, &sets, false)?;
            }
        }
        Ok(())
    }
}
