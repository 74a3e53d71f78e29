//! Months for rows that hold only a year (an import, an older one-level split), created so the
//! organisation still adds up in every month: a parent's months are Σ its children's months
//! when their years add up to its year, and children's months share each of the parent's months
//! so that every child's months add up to its year and every month to the parent's — exactly,
//! to the fen (each child cut on its own would leave a parent 1 fen off here and there).

use super::{Key, PeriodKey, Tree};
use crate::calendar::PeriodKind;
use crate::error::Result;
use crate::split::largest_remainder;
use crate::targets::tiers::{Tier, Tiers};

type Row = (i64, Option<i64>);

/// Integers with the given row sums and column sums (all ≥ 0, both summing to the same total):
/// month by month, each column is split by what each row has still to take (largest remainder),
/// the last column takes what is left. None when the sums disagree or a value is negative.
pub(crate) fn fill_matrix(rows: &[i64], cols: &[i64]) -> Option<Vec<Vec<i64>>> {
    if rows.iter().chain(cols).any(|v| *v < 0)
        || rows.iter().sum::<i64>() != cols.iter().sum::<i64>()
    {
        return None;
    }
    let mut left: Vec<i64> = rows.to_vec();
    let mut out = vec![vec![0; cols.len()]; rows.len()];
    for (j, &c) in cols.iter().enumerate() {
        let parts = if j + 1 == cols.len() {
            left.clone()
        } else if c == 0 {
            vec![0; rows.len()]
        } else {
            let w: Vec<u128> = left.iter().map(|v| *v as u128).collect();
            largest_remainder(c, &w).ok()?
        };
        for (i, p) in parts.into_iter().enumerate() {
            // c ≤ Σ left, so no row is given more than it still has to take.
            out[i][j] = p;
            left[i] -= p;
        }
    }
    left.iter().all(|v| *v == 0).then_some(out)
}

fn set_tier(t: &mut Tiers, tier: Tier, v: i64) {
    match tier {
        Tier::Floor => t.floor = v,
        Tier::Base => t.base = v,
        Tier::Challenge => t.challenge = v,
        Tier::Sprint => t.sprint = Some(v),
    }
}

impl Tree {
    fn year_tiers(&self, row: Row) -> Option<Tiers> {
        self.get_at(row.0, row.1, &self.cal.year.key)
            .map(|s| s.tiers)
    }

    fn month_tiers(&self, row: Row) -> Vec<Tiers> {
        self.cal
            .months
            .iter()
            .map(|m| {
                self.get_at(row.0, row.1, &m.key)
                    .map_or(self.zero(), |s| s.tiers)
            })
            .collect()
    }

    fn year_only(&self, row: Row) -> bool {
        !self.has_months(row) && self.year_tiers(row).is_some()
    }

    /// A parent row's months as Σ of its child units' months, when every child unit holding a
    /// target has months and their years add up to the parent's year in every tier.
    pub(crate) fn months_from_children(&self, row: Row) -> Option<Vec<Tiers>> {
        let year = self.year_tiers(row)?;
        let kids: Vec<Row> = self
            .all_kids(row.0)
            .iter()
            .map(|u| (*u, row.1))
            .filter(|r| self.year_tiers(*r).is_some())
            .collect();
        if kids.is_empty() || !kids.iter().all(|r| self.has_months(*r)) {
            return None;
        }
        let years = super::sum_tiers(
            &kids
                .iter()
                .filter_map(|r| self.year_tiers(*r))
                .collect::<Vec<_>>(),
        );
        let same = |tier: Tier| years.get(tier).unwrap_or(0) == year.get(tier).unwrap_or(0);
        if !Tier::ALL.into_iter().all(same) {
            return None;
        }
        let mut months = vec![self.zero(); self.cal.months.len()];
        for r in kids {
            for (m, t) in months.iter_mut().zip(self.month_tiers(r)) {
                *m = *m + t;
            }
        }
        Some(months)
    }

    /// Before a family is read at a month: the parent's row and its children's rows that hold
    /// only a year get their months, so that the parent's months equal Σ the children's months
    /// wherever their years added up.
    pub(crate) fn fill_family_months(&mut self, parent: &Key, kids: &[Key]) -> Result<()> {
        if self.kind_of(&parent.2) != Some(PeriodKind::Month) {
            return Ok(());
        }
        let rows: Vec<Row> = kids.iter().map(|k| (k.0, k.1)).collect();
        self.fill_rows((parent.0, parent.1), &rows)
    }

    fn fill_rows(&mut self, prow: Row, kids: &[Row]) -> Result<()> {
        if self.year_only(prow) {
            self.materialise_months(prow)?;
        }
        let mut pending: Vec<Row> = Vec::new();
        let year_only: Vec<Row> = kids
            .iter()
            .copied()
            .filter(|r| self.year_only(*r))
            .collect();
        for r in year_only {
            // A child whose own children have months takes Σ of theirs.
            match self.months_from_children(r) {
                Some(months) => self.put_months(r, months)?,
                None => pending.push(r),
            }
        }
        if pending.is_empty() {
            return Ok(());
        }
        match self.shared_months(prow, kids, &pending) {
            Some(filled) => {
                for (r, months) in pending.iter().zip(filled) {
                    self.put_months(*r, months)?;
                }
            }
            None => {
                for r in pending {
                    self.materialise_months(r)?;
                }
            }
        }
        Ok(())
    }

    fn put_months(&mut self, row: Row, months: Vec<Tiers>) -> Result<()> {
        for (m, t) in self.cal.months.clone().iter().zip(months) {
            self.put_tiers(&(row.0, row.1, PeriodKey::from(&m.key)), t);
        }
        self.sync_row(row)
    }

    /// Before a change of a row, while the tree still holds what was stored: with `up`, the
    /// rows of its ancestors and of their children get their months (root first), else only
    /// the row itself (with its siblings) when its parent has months; with `down`, the rows of
    /// its sub-units (top first). Rows that already have months are left alone.
    pub(crate) fn prepare_months(&mut self, row: Row, up: bool, down: bool) -> Result<()> {
        if !self.additive {
            return Ok(());
        }
        let family = |t: &Tree, u: i64| -> Vec<Row> {
            t.all_kids(u)
                .iter()
                .map(|k| (*k, row.1))
                .filter(|r| t.year_tiers(*r).is_some() || t.has_months(*r))
                .collect()
        };
        if !up {
            // The row takes its months in step with its parent's, when those exist.
            if let Some(p) = self
                .parent_unit(row.0)
                .filter(|p| self.has_months((*p, row.1)))
            {
                if self.year_only(row) {
                    let kids = family(self, p);
                    self.fill_rows((p, row.1), &kids)?;
                }
            }
        } else {
            let mut chain = Vec::new();
            let mut at = self.parent_unit(row.0);
            while let Some(u) = at {
                chain.push(u);
                at = self.parent_unit(u);
            }
            for u in chain.into_iter().rev() {
                let prow = (u, row.1);
                if self.year_tiers(prow).is_some() {
                    let kids = family(self, u);
                    self.fill_rows(prow, &kids)?;
                }
            }
        }
        if down {
            let mut todo = vec![row];
            while let Some(prow) = todo.pop() {
                let kids = family(self, prow.0);
                if kids.is_empty() {
                    continue;
                }
                if self.year_tiers(prow).is_some() {
                    self.fill_rows(prow, &kids)?;
                }
                todo.extend(kids);
            }
        }
        Ok(())
    }

    /// The months of the `pending` children (year only) sharing what the parent's months leave
    /// after the other children's months, tier by tier; None when that cannot add up.
    fn shared_months(&self, prow: Row, kids: &[Row], pending: &[Row]) -> Option<Vec<Vec<Tiers>>> {
        if !self.has_months(prow) {
            return None;
        }
        let n = self.cal.months.len();
        let others: Vec<Vec<Tiers>> = kids
            .iter()
            .copied()
            .filter(|r| !pending.contains(r) && self.has_months(*r))
            .map(|r| self.month_tiers(r))
            .collect();
        let parent = self.month_tiers(prow);
        let years: Vec<Tiers> = pending.iter().filter_map(|r| self.year_tiers(*r)).collect();
        let mut out = vec![vec![self.zero(); n]; pending.len()];
        for tier in Tier::ALL {
            if self.zero().get(tier).is_none() {
                continue;
            }
            let rows: Vec<i64> = years.iter().map(|y| y.get(tier).unwrap_or(0)).collect();
            let v = |t: &Tiers| t.get(tier).unwrap_or(0);
            let col: Vec<i64> = (0..n)
                .map(|j| v(&parent[j]) - others.iter().map(|o| v(&o[j])).sum::<i64>())
                .collect();
            let m = fill_matrix(&rows, &col)?;
            for (o, r) in out.iter_mut().zip(m) {
                for (t, v) in o.iter_mut().zip(r) {
                    set_tier(t, tier, v);
                }
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::fill_matrix;

    #[test]
    fn a_matrix_adds_up_by_rows_and_by_columns() {
        // Years 1 and 2 fen over months 1, 1, 1: rows and columns both exact.
        let m = fill_matrix(&[1, 2], &[1, 1, 1]).unwrap();
        assert_eq!(
            m.iter().map(|r| r.iter().sum::<i64>()).collect::<Vec<_>>(),
            vec![1, 2]
        );
        for (a, b) in m[0].iter().zip(&m[1]) {
            assert_eq!(a + b, 1);
        }
        // 100 and 200 over 7 months of 30, 60, 30, 60, 60, 30, 30.
        let cols = [30, 60, 30, 60, 60, 30, 30];
        let m = fill_matrix(&[100, 200], &cols).unwrap();
        assert_eq!(m[0].iter().sum::<i64>(), 100);
        assert_eq!(m[1].iter().sum::<i64>(), 200);
        for (j, c) in cols.iter().enumerate() {
            assert_eq!(m[0][j] + m[1][j], *c);
            assert!(m[0][j] >= 0 && m[1][j] >= 0);
        }
        // Sums that disagree, or a negative value, give nothing.
        assert!(fill_matrix(&[1, 2], &[1, 1]).is_none());
        assert!(fill_matrix(&[-1, 2], &[1, 0]).is_none());
    }
}
