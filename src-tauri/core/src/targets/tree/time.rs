//! Time on one row (a unit, or a unit × dimension member): months are the atoms; the year and
//! any stored half or quarter are Σ of their months; stored weeks follow the months by working
//! days. Editing a coarser period spreads over its months in their current shape.

use super::round::{remainder_part, split_rounded};
use super::{sum_tiers, Key, PeriodKey, Tree};
use crate::calendar::{Period, PeriodKind};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::targets::tiers::{Tier, Tiers};

/// A cell that changed on a row's finest stored level: its key, old and new tiers.
pub(crate) type Driver = (Key, Tiers, Tiers);

pub(crate) fn locked_error(what: &str) -> Error {
    Error::new(
        Code::CellLocked,
        format!("“{what}”已锁定：请先解锁再修改"),
        format!("\"{what}\" is locked: unlock it before changing it"),
    )
}

fn contains(outer: &Period, inner: &Period) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Splits every tier of `total` over parts with `weights` as the shape, or without them their
/// current values (base values, then even, when a tier's values are all zero); `held` parts
/// keep their tiers.
pub(crate) fn split_tiers(
    total: Tiers,
    current: &[Tiers],
    weights: Option<&[u128]>,
    held: &[bool],
    unit: i64,
    pick: Option<usize>,
) -> Result<Vec<Tiers>> {
    let n = current.len();
    let weights_of = |tier: Tier| -> Vec<u128> {
        current
            .iter()
            .map(|t| t.get(tier).unwrap_or(0).max(0) as u128)
            .collect()
    };
    let shape = |tier: Tier| -> Vec<u128> {
        let free_sum = |w: &Vec<u128>| -> u128 {
            w.iter()
                .zip(held)
                .filter(|(_, h)| !**h)
                .map(|(w, _)| *w)
                .sum()
        };
        if let Some(w) = weights.filter(|w| free_sum(&w.to_vec()) > 0) {
            return w.to_vec();
        }
        let own = weights_of(tier);
        if free_sum(&own) > 0 {
            return own;
        }
        let base = weights_of(Tier::Base);
        if free_sum(&base) > 0 {
            return base;
        }
        vec![1; n]
    };
    let mut out: Vec<Tiers> = current.to_vec();
    for tier in Tier::ALL {
        let Some(t) = total.get(tier) else {
            if tier == Tier::Sprint {
                out.iter_mut().for_each(|o| o.sprint = None);
            }
            continue;
        };
        let w = shape(tier);
        let locks: Vec<Option<i64>> = current
            .iter()
            .zip(held)
            .map(|(c, h)| h.then(|| c.get(tier).unwrap_or(0)))
            .collect();
        let pick = pick.or_else(|| remainder_part(&weights_of(Tier::Base), &locks, None));
        let parts = split_rounded(t, &w, &locks, unit, pick)?;
        for (o, v) in out.iter_mut().zip(parts) {
            match tier {
                Tier::Floor => o.floor = v,
                Tier::Base => o.base = v,
                Tier::Challenge => o.challenge = v,
                Tier::Sprint => o.sprint = Some(v),
            }
        }
    }
    Ok(out)
}

impl Tree {
    /// The unit splits and spreads round to: the plan's unit for money, 1 otherwise.
    pub(crate) fn unit(&self) -> i64 {
        if self.money {
            self.rule.rounding_unit
        } else {
            1
        }
    }

    fn month_key(&self, i: usize, row: (i64, Option<i64>)) -> Key {
        (row.0, row.1, PeriodKey::from(&self.cal.months[i].key))
    }

    pub(crate) fn has_months(&self, row: (i64, Option<i64>)) -> bool {
        self.row_cells(row)
            .iter()
            .any(|(k, _)| self.kind_of(k) == Some(PeriodKind::Month))
    }

    /// Whether a cell's value is held: it is locked, or a stored period of its row that holds
    /// it (and lies inside `within`, when given) is locked.
    pub(crate) fn pinned(&self, key: &Key, within: Option<&Period>) -> bool {
        // A row holding no cell yet (a deep split reaching it) holds nothing locked.
        let Some(cells) = self.rows.get(&(key.0, key.1)) else {
            return false;
        };
        if self.in_row(cells, &key.2).is_some_and(|s| s.locked) {
            return true;
        }
        let Some(p) = self.period(&key.2) else {
            return false;
        };
        cells
            .iter()
            .filter(|(k, _)| *k != key.2)
            .filter_map(|(k, i)| self.period(k).map(|q| (i, q)))
            .filter(|(_, q)| q.kind < p.kind && contains(q, p))
            .filter(|(_, q)| within.is_none_or(|w| contains(w, q) && w.key != q.key))
            .any(|(i, _)| self.slot_state(*i).is_some_and(|s| s.locked))
    }

    /// Writes `new` at `key` and keeps its row consistent in time. Returns the cells on the
    /// row's finest stored level that changed (its months, or the year on a row without months).
    pub(crate) fn set_in_time(&mut self, key: &Key, new: Tiers) -> Result<Vec<Driver>> {
        let row = (key.0, key.1);
        let had_months = self.has_months(row);
        let drivers = self.set_in_time_inner(key, new)?;
        if !had_months && self.has_months(row) {
            // The row's months were just created: every one of them is new.
            return Ok(self.month_drivers(row));
        }
        Ok(drivers)
    }

    /// Writes new cells of one row at once (a spread reaching it): months are put and the row
    /// made consistent in time once; other periods go through [`Tree::set_in_time`]. Returns
    /// the cells that changed on the row's finest level (with `all_new_months`, every month
    /// when the row's months were just created, as `set_in_time` does).
    pub(crate) fn set_row(
        &mut self,
        row: (i64, Option<i64>),
        sets: &[(Key, Tiers)],
        all_new_months: bool,
    ) -> Result<Vec<Driver>> {
        let months_only = self.additive
            && sets
                .iter()
                .all(|(k, _)| self.kind_of(&k.2) == Some(PeriodKind::Month));
        if !months_only {
            let mut drivers = Vec::new();
            for (k, t) in sets {
                drivers.extend(self.set_in_time(k, *t)?);
            }
            return Ok(drivers);
        }
        let had_months = self.has_months(row);
        if !had_months {
            self.materialise_months(row)?;
        }
        let mut drivers = Vec::with_capacity(sets.len());
        for (k, t) in sets {
            let now = self.get(k);
            let old = now.map(|s| s.tiers).unwrap_or(self.zero());
            // A new cell (a deep split reaching a row) is held by nothing yet.
            if now.is_some_and(|s| !s.locked) && self.pinned(k, None) {
                return Err(locked_error(&k.2));
            }
            self.put_tiers(k, *t);
            drivers.push((k.clone(), old, *t));
        }
        self.sync_row(row)?;
        if !had_months && all_new_months {
            return Ok(self.month_drivers(row));
        }
        Ok(drivers)
    }

    fn set_in_time_inner(&mut self, key: &Key, new: Tiers) -> Result<Vec<Driver>> {
        let row = (key.0, key.1);
        let kind = self.kind_of(&key.2);
        if !self.additive {
            let old = self.get(key).map(|s| s.tiers).unwrap_or_default();
            self.put_tiers(key, new);
            return Ok(vec![(key.clone(), old, new)]);
        }
        match kind {
            Some(PeriodKind::Week) => Err(Error::new(
                Code::WeeksFollowMonths,
                "周目标跟随所在月份按工作日分摊：请修改月份",
                "Weeks follow their months by working days: change the month instead",
            )),
            Some(PeriodKind::Year) if !self.has_months(row) => {
                let old = self.get(key).map(|s| s.tiers).unwrap_or(self.zero());
                self.put_tiers(key, new);
                self.materialise_months(row)?;
                Ok(vec![(key.clone(), old, new)])
            }
            Some(PeriodKind::Month) => {
                if !self.has_months(row) {
                    self.materialise_months(row)?;
                }
                let old = self.get(key).map(|s| s.tiers).unwrap_or(self.zero());
                if self.pinned(key, None) && self.get(key).is_some_and(|s| !s.locked) {
                    return Err(locked_error(&key.2));
                }
                self.put_tiers(key, new);
                self.sync_row(row)?;
                Ok(vec![(key.clone(), old, new)])
            }
            Some(_) => {
                if !self.has_months(row) {
                    self.materialise_months(row)?;
                }
                if !self.has_months(row) {
                    return Err(Error::new(
                        Code::NoMonths,
                        format!("“{}”所在行还没有年度或月度目标，无法分摊", key.2),
                        format!(
                            "\"{}\" has no year or month targets on its row to spread over",
                            key.2
                        ),
                    ));
                }
                self.spread_over_months(key, new)
            }
            None => {
                let old = self.get(key).map(|s| s.tiers).unwrap_or_default();
                self.put_tiers(key, new);
                Ok(vec![(key.clone(), old, new)])
            }
        }
    }

    /// The months of a row as drivers from zero (when they were just created).
    fn month_drivers(&self, row: (i64, Option<i64>)) -> Vec<Driver> {
        (0..self.cal.months.len())
            .map(|i| {
                let k = self.month_key(i, row);
                let t = self.get(&k).map(|s| s.tiers).unwrap_or(self.zero());
                (k, self.zero(), t)
            })
            .collect()
    }

    /// Spreads a half, quarter or year over its months in their current shape.
    fn spread_over_months(&mut self, key: &Key, new: Tiers) -> Result<Vec<Driver>> {
        let row = (key.0, key.1);
        let period = self.period(&key.2).cloned().ok_or_else(|| {
            Error::new(
                Code::BadPeriod,
                format!("期间“{}”不在方案的财年内", key.2),
                format!("Period \"{}\" is not in the plan's fiscal year", key.2),
            )
        })?;
        // Changing this period changes every stored period around it: none may be locked.
        let outer_locked = self.row_cells(row).iter().any(|(k, i)| {
            *k != key.2
                && self
                    .period(k)
                    .is_some_and(|q| q.kind < period.kind && contains(q, &period))
                && self.slot_state(*i).is_some_and(|s| s.locked)
        });
        if outer_locked {
            return Err(locked_error(&format!("{} ⊃ {}", self.fiscal_year, key.2)));
        }
        let idx: Vec<usize> = (0..self.cal.months.len())
            .filter(|&i| contains(&period, &self.cal.months[i]))
            .collect();
        let keys: Vec<Key> = idx.iter().map(|&i| self.month_key(i, row)).collect();
        let current: Vec<Tiers> = keys
            .iter()
            .map(|k| self.get(k).map(|s| s.tiers).unwrap_or(self.zero()))
            .collect();
        let held: Vec<bool> = keys.iter().map(|k| self.pinned(k, Some(&period))).collect();
        let parts = split_tiers(new, &current, None, &held, self.unit(), None)?;
        let mut drivers = Vec::new();
        for ((k, old), t) in keys.iter().zip(&current).zip(parts) {
            if *old != t {
                self.put_tiers(k, t);
                drivers.push((k.clone(), *old, t));
            }
        }
        // A half or quarter stays derived from its months unless it is stored (to be locked).
        self.sync_row(row)?;
        Ok(drivers)
    }

    /// Creates a row's months from its year: Σ of its child units' months when their years add
    /// up to it, else in the shape of the parent unit's months on the same member (evenly when
    /// the parent has none). Nothing happens without a year.
    pub(crate) fn materialise_months(&mut self, row: (i64, Option<i64>)) -> Result<()> {
        let year_key = (row.0, row.1, PeriodKey::from(&self.cal.year.key));
        let Some(year) = self.get(&year_key).map(|s| s.tiers) else {
            return Ok(());
        };
        let n = self.cal.months.len();
        let parent_months: Option<Vec<Tiers>> = self.parent_unit(row.0).and_then(|p| {
            let prow = (p, row.1);
            self.has_months(prow).then(|| {
                (0..n)
                    .map(|i| {
                        self.get(&self.month_key(i, prow))
                            .map(|s| s.tiers)
                            .unwrap_or(self.zero())
                    })
                    .collect()
            })
        });
        if let Some(months) = self.months_from_children(row) {
            for (i, t) in months.into_iter().enumerate() {
                let k = self.month_key(i, row);
                self.put_tiers(&k, t);
            }
            return Ok(());
        }
        let parts = match parent_months {
            Some(shape) => split_tiers(year, &shape, None, &vec![false; n], self.unit(), None)?,
            None => self.even_months(year)?,
        };
        for (i, t) in parts.into_iter().enumerate() {
            let k = self.month_key(i, row);
            self.put_tiers(&k, t);
        }
        Ok(())
    }

    /// A year cut evenly into its quarters, each quarter evenly into its months (10亿 → 2.5亿 a
    /// quarter, seed 000).
    fn even_months(&self, year: Tiers) -> Result<Vec<Tiers>> {
        let quarters: Vec<&Vec<usize>> = self
            .cal
            .groups
            .iter()
            .filter(|(p, _)| p.kind == PeriodKind::Quarter)
            .map(|(_, idx)| idx)
            .collect();
        let one = self.tiers_of(1);
        let q = split_tiers(
            year,
            &vec![one; quarters.len()],
            None,
            &vec![false; quarters.len()],
            self.unit(),
            None,
        )?;
        let mut out = vec![self.zero(); self.cal.months.len()];
        for (idx, qt) in quarters.iter().zip(q) {
            let m = split_tiers(
                qt,
                &vec![one; idx.len()],
                None,
                &vec![false; idx.len()],
                self.unit(),
                None,
            )?;
            for (&i, t) in idx.iter().zip(m) {
                out[i] = t;
            }
        }
        Ok(out)
    }

    /// Makes a row consistent from its months: every month stored, the year and any stored
    /// half or quarter the sum of its months, stored weeks re-derived from the months.
    pub(crate) fn sync_row(&mut self, row: (i64, Option<i64>)) -> Result<()> {
        if !self.has_months(row) {
            return Ok(());
        }
        // The row's months, which halves and quarters it stores, and its year, read from its
        // list of cells.
        let (now, groups, year_now) = {
            let cells = self.row_cells(row);
            let at = |key: &str| self.in_row(cells, key);
            let months: Vec<Option<Tiers>> = (self.cal.months.iter())
                .map(|m| at(&m.key).map(|s| s.tiers))
                .collect();
            let groups: Vec<bool> = (self.cal.groups.iter())
                .map(|(p, _)| at(&p.key).is_some())
                .collect();
            (months, groups, at(&self.cal.year.key).map(|s| s.tiers))
        };
        let mut months = Vec::with_capacity(now.len());
        for (i, m) in now.into_iter().enumerate() {
            months.push(match m {
                Some(t) => t,
                None => {
                    let z = self.zero();
                    self.put_tiers(&self.month_key(i, row), z);
                    z
                }
            });
        }
        for (g, stored) in groups.into_iter().enumerate() {
            if stored {
                let (p, idx) = &self.cal.groups[g];
                let k = (row.0, row.1, PeriodKey::from(&p.key));
                let sum = sum_tiers(idx.iter().map(|&i| &months[i]));
                self.put_tiers(&k, sum);
            }
        }
        let year = sum_tiers(&months);
        if year_now != Some(year) {
            let year_key = (row.0, row.1, PeriodKey::from(&self.cal.year.key));
            self.put_tiers(&year_key, year);
        }
        self.sync_weeks(row, &months)
    }

    /// Re-derives the stored weeks of a row from its months by working days (a week across a
    /// month boundary holds its part of each month), when the row has stored weeks.
    fn sync_weeks(&mut self, row: (i64, Option<i64>), months: &[Tiers]) -> Result<()> {
        let stored_week = |t: &Tree| {
            t.row_cells(row)
                .iter()
                .any(|(k, _)| t.kind_of(k) == Some(PeriodKind::Week))
        };
        // The working calendar is read when the tree holds weeks: without it, none are stored.
        if self.work_calendar.is_none() || !stored_week(self) {
            return Ok(());
        }
        let Some(cal) = self.work_calendar.clone() else {
            return Ok(());
        };
        let mut weeks: Vec<(String, Tiers)> = Vec::new();
        for (m, t) in self.cal.months.clone().iter().zip(months) {
            let parts = m.children(PeriodKind::Week, self.start_month)?;
            let days: Vec<Tiers> = parts
                .iter()
                .map(|w| self.tiers_of(w.working_days(&cal).max(0)))
                .collect();
            let shares = split_tiers(*t, &days, None, &vec![false; parts.len()], 1, None)?;
            for (w, s) in parts.iter().zip(shares) {
                match weeks.iter_mut().find(|(k, _)| *k == w.key) {
                    Some(e) => e.1 = e.1 + s,
                    None => weeks.push((w.key.clone(), s)),
                }
            }
        }
        for (k, t) in weeks {
            self.put_tiers(&(row.0, row.1, k.into()), t);
        }
        Ok(())
    }
}
