//! Re-deriving every target's floor, challenge and sprint from its base after a plan's tier
//! ratios change, so that the tiers add up along the tree exactly as the bases do.
//!
//! Each cell of a target set takes its tiers from one source, chosen in this order:
//! 1. an entry of a table: the cell sits in a coarser period of its own row (a region's month in
//!    the region's year) and that row is a child of a corner cell (the company's year) along the
//!    organisation — or else along one dimension (a person's product-line year under the person's
//!    year) — whose children in the same period kind (the company's months) are the columns.
//!    When the table is complete and its bases add up both ways, each column's tier is split
//!    over its entries by their bases (largest remainder) and single fen then move inside
//!    columns until every row adds up to its own tier too: both the organisation and the
//!    calendar stay exact, and every entry stays within a fen of its share of the column;
//! 2. a split from its coarser period: the parent's tier shared in proportion to the bases of
//!    the parent's children of the same period kind (a week's parent is its year, since weeks
//!    cross month boundaries);
//! 3. a split from the organisation parent (same period and dimension member), then from the
//!    dimension parent (the unit's cell without a member), in proportion to the bases;
//! 4. a root: `base × ratio` rounded half away from zero ([`TierRatios::tiers`]).
//!
//! A split or a table is used only where the children's bases add up exactly to the parent's
//! base (else the tree is not consistent there and the cell falls to the next source). Splits go
//! through [`Tiers::split`] (largest remainder), so Σ children's floor, challenge and sprint
//! equal the parent's exactly. Locks do not hold a cell's floor or challenge: they guard bases
//! in splits.

use super::store::retier as store;
use super::tiers::{Tier, TierRatios, Tiers};
use crate::calendar::{parse_period, PeriodKind};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::split::largest_remainder;
use rusqlite::Connection;
use std::collections::HashMap;

/// One stored cell as the recomputation reads it.
struct Cell {
    id: i64,
    metric: i64,
    unit: i64,
    dim: Option<i64>,
    period: String,
    start: String,
    end: String,
    /// None for a key the calendar does not know (treated as a period without a parent).
    kind: Option<PeriodKind>,
    tiers: Tiers,
}

/// The cells of one target set with their places in the organisation, calendar and dimensions.
struct Plan {
    cells: Vec<Cell>,
    /// Index of the time parent of each cell.
    time_parent: Vec<Option<usize>>,
    /// Index of the organisation parent of each cell (same metric, member and period).
    org_parent: Vec<Option<usize>>,
    /// Index of the dimension parent of a member cell (the unit's cell without a member).
    dim_parent: Vec<Option<usize>>,
    /// Children of a cell in time, grouped by (parent, kind).
    time_children: HashMap<(usize, PeriodKind), Vec<usize>>,
    org_children: HashMap<usize, Vec<usize>>,
    /// Member cells under a unit cell, one group per dimension (sorted by dimension name).
    dim_children: HashMap<usize, Vec<(String, Vec<usize>)>>,
    /// The cell at (metric, unit, member, period).
    at: HashMap<(i64, i64, Option<i64>, String), usize>,
}

/// The cells the ratios apply to: amounts and counts where more is better. A rate, an average,
/// a last value or a lower-is-better metric keeps the thresholds it was given (a percentage of
/// its base means nothing there: a complaint rate's floor is above its base).
fn load(conn: &Connection, set_id: i64) -> Result<Plan> {
    let start_month = super::store::fiscal_start_month(conn, set_id)?;
    let cells: Vec<Cell> = store::tier_cells(conn, set_id)?
        .into_iter()
        .map(|c| Cell {
            kind: parse_period(&c.period, start_month).ok().map(|p| p.kind),
            id: c.id,
            metric: c.metric,
            unit: c.unit,
            dim: c.dim,
            period: c.period,
            start: c.start,
            end: c.end,
            tiers: c.tiers,
        })
        .collect();
    let unit_parent = store::unit_parents(conn)?;
    let member_dim = store::member_dims(conn)?;

    let mut at: HashMap<(i64, i64, Option<i64>, &str), usize> = HashMap::new();
    let mut chains: HashMap<(i64, i64, Option<i64>), Vec<usize>> = HashMap::new();
    for (i, c) in cells.iter().enumerate() {
        at.insert((c.metric, c.unit, c.dim, c.period.as_str()), i);
        chains.entry((c.metric, c.unit, c.dim)).or_default().push(i);
    }
    let n = cells.len();
    let mut plan = Plan {
        time_parent: vec![None; n],
        org_parent: vec![None; n],
        dim_parent: vec![None; n],
        time_children: HashMap::new(),
        org_children: HashMap::new(),
        dim_children: HashMap::new(),
        at: HashMap::new(),
        cells: Vec::new(),
    };
    for (i, c) in cells.iter().enumerate() {
        let chain = &chains[&(c.metric, c.unit, c.dim)];
        plan.time_parent[i] = c.kind.and_then(|kind| {
            let candidates = chain.iter().copied().filter(|&j| {
                let p = &cells[j];
                p.kind.is_some_and(|k| k < kind)
            });
            if kind == PeriodKind::Week {
                // Weeks cross month and quarter boundaries: they add up to the year.
                candidates
                    .filter(|&j| {
                        cells[j].kind == Some(PeriodKind::Year)
                            && cells[j].start <= c.end
                            && cells[j].end >= c.start
                    })
                    .min_by_key(|&j| cells[j].start.clone())
            } else {
                candidates
                    .filter(|&j| cells[j].kind != Some(PeriodKind::Week))
                    .filter(|&j| cells[j].start <= c.start && cells[j].end >= c.end)
                    .max_by_key(|&j| cells[j].kind)
            }
        });
        if let Some(p) = plan.time_parent[i] {
            let kind = c.kind.unwrap_or(PeriodKind::Day);
            plan.time_children.entry((p, kind)).or_default().push(i);
        }
        plan.org_parent[i] = unit_parent
            .get(&c.unit)
            .and_then(|pu| at.get(&(c.metric, *pu, c.dim, c.period.as_str())).copied());
        if let Some(p) = plan.org_parent[i] {
            plan.org_children.entry(p).or_default().push(i);
        }
        if let Some(m) = c.dim {
            plan.dim_parent[i] = at
                .get(&(c.metric, c.unit, None, c.period.as_str()))
                .copied();
            if let Some(p) = plan.dim_parent[i] {
                let dim = member_dim.get(&m).cloned().unwrap_or_default();
                let groups = plan.dim_children.entry(p).or_default();
                match groups.iter_mut().find(|g| g.0 == dim) {
                    Some(g) => g.1.push(i),
                    None => groups.push((dim, vec![i])),
                }
            }
        }
    }
    for groups in plan.dim_children.values_mut() {
        groups.sort_by(|a, b| a.0.cmp(&b.0));
    }
    plan.at = at
        .into_iter()
        .map(|((m, u, d, p), i)| ((m, u, d, p.to_string()), i))
        .collect();
    plan.cells = cells;
    Ok(plan)
}

/// The axis besides time along which a cell has a parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Axis {
    Org,
    Dim,
}

/// Cells that form a table: rows are the children of `corner` along an axis (e.g. the regions'
/// years), columns its children in time of one kind (e.g. the company's months), entries the
/// cells at each crossing (a region's month).
struct Table {
    rows: Vec<usize>,
    cols: Vec<usize>,
    /// `entries[r][c]`.
    entries: Vec<Vec<usize>>,
    /// Every entry, to answer "is this cell in the table" at once.
    members: std::collections::HashSet<usize>,
}

/// Where a cell's new tiers come from.
#[derive(Debug, Clone, Copy)]
enum Source {
    /// An entry of a table.
    Table(TableKey),
    Split(usize),
    Root,
}

/// (corner, period kind of the columns, axis, first row): a corner may head one table per
/// dimension.
type TableKey = (usize, PeriodKind, Axis, usize);

struct Recompute<'a> {
    plan: &'a Plan,
    ratios: TierRatios,
    done: Vec<Option<Tiers>>,
    busy: Vec<bool>,
    /// The shares of each split group, by (parent, first member).
    splits: HashMap<(usize, usize), Vec<Tiers>>,
    tables: HashMap<TableKey, Option<std::rc::Rc<Table>>>,
    /// The entries of each computed table.
    table_values: HashMap<TableKey, HashMap<usize, Tiers>>,
}

impl Recompute<'_> {
    /// The bases of `group` add up to the base of `parent` (and none is negative).
    fn consistent(&self, parent: usize, group: &[usize]) -> bool {
        let cells = &self.plan.cells;
        !group.is_empty()
            && group.iter().all(|&c| cells[c].tiers.base >= 0)
            && group
                .iter()
                .map(|&c| cells[c].tiers.base as i128)
                .sum::<i128>()
                == cells[parent].tiers.base as i128
    }

    /// The children of `i` along `axis`: its organisation children, or the member group that
    /// holds `member` (any one group when `member` is None).
    fn axis_children(&self, i: usize, axis: Axis, member: Option<usize>) -> Option<&[usize]> {
        let plan = self.plan;
        match axis {
            Axis::Org => plan.org_children.get(&i).map(Vec::as_slice),
            Axis::Dim => plan.dim_children.get(&i).and_then(|gs| {
                gs.iter()
                    .find(|g| member.is_none_or(|m| g.1.contains(&m)))
                    .map(|g| g.1.as_slice())
            }),
        }
    }

    fn axis_parent(&self, i: usize, axis: Axis) -> Option<usize> {
        match axis {
            Axis::Org => self.plan.org_parent[i],
            Axis::Dim => self.plan.dim_parent[i],
        }
    }

    /// The complete, consistent table at (corner, kind, axis) around `row`, if there is one.
    fn build_table(
        &self,
        corner: usize,
        kind: PeriodKind,
        axis: Axis,
        row: usize,
    ) -> Option<Table> {
        let plan = self.plan;
        let rows = self.axis_children(corner, axis, Some(row))?.to_vec();
        let cols = plan.time_children.get(&(corner, kind))?.clone();
        if !self.consistent(corner, &rows) || !self.consistent(corner, &cols) {
            return None;
        }
        let mut entries = Vec::with_capacity(rows.len());
        for &r in &rows {
            let rc = &plan.cells[r];
            let line: Vec<usize> = cols
                .iter()
                .map(|&c| {
                    let key = (rc.metric, rc.unit, rc.dim, plan.cells[c].period.clone());
                    plan.at.get(&key).copied()
                })
                .collect::<Option<_>>()?;
            let in_time = plan.time_children.get(&(r, kind))?;
            if in_time.len() != line.len()
                || !self.consistent(r, in_time)
                || line.iter().any(|e| plan.time_parent[*e] != Some(r))
            {
                return None;
            }
            entries.push(line);
        }
        for (ci, &c) in cols.iter().enumerate() {
            let column: Vec<usize> = entries.iter().map(|l| l[ci]).collect();
            if column.iter().any(|e| self.axis_parent(*e, axis) != Some(c))
                || !self.consistent(c, &column)
            {
                return None;
            }
        }
        let members = entries.iter().flatten().copied().collect();
        Some(Table {
            rows,
            cols,
            entries,
            members,
        })
    }

    /// The table a cell is an entry of: its time parent's parent along the organisation (else
    /// a dimension) is the corner.
    fn table_of(&mut self, i: usize) -> Option<TableKey> {
        let t = self.plan.time_parent[i]?;
        let kind = self.plan.cells[i].kind?;
        for axis in [Axis::Org, Axis::Dim] {
            let Some(corner) = self.axis_parent(t, axis) else {
                continue;
            };
            let Some(&first) = self
                .axis_children(corner, axis, Some(t))
                .and_then(|rows| rows.first())
            else {
                continue;
            };
            let key = (corner, kind, axis, first);
            if !self.tables.contains_key(&key) {
                let table = self
                    .build_table(corner, kind, axis, t)
                    .map(std::rc::Rc::new);
                self.tables.insert(key, table);
            }
            if self.tables[&key]
                .as_ref()
                .is_some_and(|tb| tb.members.contains(&i))
            {
                return Some(key);
            }
        }
        None
    }

    /// The group a cell is split from with its parent, when the bases add up.
    fn split_group(&self, i: usize) -> Option<(usize, &[usize])> {
        let plan = self.plan;
        let c = &plan.cells[i];
        let time = plan.time_parent[i].and_then(|p| {
            let kind = c.kind.unwrap_or(PeriodKind::Day);
            plan.time_children
                .get(&(p, kind))
                .map(|g| (p, g.as_slice()))
        });
        let org =
            plan.org_parent[i].and_then(|p| self.axis_children(p, Axis::Org, None).map(|g| (p, g)));
        let dim = plan.dim_parent[i]
            .and_then(|p| self.axis_children(p, Axis::Dim, Some(i)).map(|g| (p, g)));
        [time, org, dim]
            .into_iter()
            .flatten()
            .find(|(p, g)| self.consistent(*p, g))
    }

    fn source(&mut self, i: usize) -> Source {
        if let Some(key) = self.table_of(i) {
            Source::Table(key)
        } else if let Some((p, _)) = self.split_group(i) {
            Source::Split(p)
        } else {
            Source::Root
        }
    }

    /// Fills a table: each column (the corner's child in time, e.g. the company's month) is
    /// split over its entries by their bases, then units move inside columns until every row
    /// adds up to its own tier (e.g. the region's year), so both directions are exact.
    fn fill_table(&mut self, key: TableKey) -> Result<()> {
        let Some(table) = self.tables.get(&key).cloned().flatten() else {
            return Ok(());
        };
        let base = |e: usize| self.plan.cells[e].tiers.base;
        let mut row_tiers = Vec::with_capacity(table.rows.len());
        for &r in &table.rows {
            row_tiers.push(self.tiers(r)?);
        }
        let mut col_tiers = Vec::with_capacity(table.cols.len());
        for &c in &table.cols {
            col_tiers.push(self.tiers(c)?);
        }
        let mut values: Vec<Vec<Tiers>> = table
            .entries
            .iter()
            .map(|l| {
                l.iter()
                    .map(|&e| Tiers {
                        base: base(e),
                        sprint: self.ratios.sprint_bp.map(|_| 0),
                        ..Tiers::default()
                    })
                    .collect()
            })
            .collect();
        for tier in [Tier::Floor, Tier::Challenge, Tier::Sprint] {
            if tier == Tier::Sprint && self.ratios.sprint_bp.is_none() {
                continue;
            }
            let weights: Vec<Vec<u128>> = table
                .entries
                .iter()
                .map(|l| l.iter().map(|&e| base(e) as u128).collect())
                .collect();
            let rows: Vec<i64> = row_tiers.iter().map(|t| t.get(tier).unwrap_or(0)).collect();
            let cols: Vec<i64> = col_tiers.iter().map(|t| t.get(tier).unwrap_or(0)).collect();
            let grid = round_table(&rows, &cols, &weights)?;
            for (r, line) in grid.iter().enumerate() {
                for (c, v) in line.iter().enumerate() {
                    let t = &mut values[r][c];
                    match tier {
                        Tier::Floor => t.floor = *v,
                        Tier::Challenge => t.challenge = *v,
                        _ => t.sprint = Some(*v),
                    }
                }
            }
        }
        let out = table
            .entries
            .iter()
            .flatten()
            .copied()
            .zip(values.into_iter().flatten())
            .collect();
        self.table_values.insert(key, out);
        Ok(())
    }

    fn tiers(&mut self, i: usize) -> Result<Tiers> {
        if let Some(t) = self.done[i] {
            return Ok(t);
        }
        if self.busy[i] {
            let c = &self.plan.cells[i];
            return Err(Error::new(
                Code::TierCycle,
                format!("目标“{}”的档位互相依赖，无法重算", c.period),
                format!("The tiers of target \"{}\" depend on themselves", c.period),
            ));
        }
        self.busy[i] = true;
        let base = self.plan.cells[i].tiers.base;
        let t = match self.source(i) {
            Source::Table(key) => {
                if !self.table_values.contains_key(&key) {
                    self.fill_table(key)?;
                }
                self.table_values
                    .get(&key)
                    .and_then(|v| v.get(&i))
                    .copied()
                    .unwrap_or_else(|| self.ratios.tiers(base))
            }
            Source::Split(p) => {
                let group = self
                    .split_group(i)
                    .map(|g| g.1.to_vec())
                    .unwrap_or_default();
                let key = (p, group.first().copied().unwrap_or(i));
                if !self.splits.contains_key(&key) {
                    let parent = self.tiers(p)?;
                    let mut weights: Vec<u128> = group
                        .iter()
                        .map(|&c| self.plan.cells[c].tiers.base as u128)
                        .collect();
                    if weights.iter().all(|w| *w == 0) {
                        weights.iter_mut().for_each(|w| *w = 1);
                    }
                    self.splits.insert(key, parent.split(&weights)?);
                }
                let at = group.iter().position(|&c| c == i).unwrap_or(0);
                let share = self.splits[&key].get(at).copied();
                share.map_or_else(|| self.ratios.tiers(base), |t| Tiers { base, ..t })
            }
            Source::Root => self.ratios.tiers(base),
        };
        self.busy[i] = false;
        self.done[i] = Some(t);
        Ok(t)
    }
}

/// The tiers every cell of a target set should hold under `ratios` (bases unchanged), as
/// (target id, old tiers, new tiers), in organisation and time order.
pub fn recomputed_tiers(
    conn: &Connection,
    set_id: i64,
    ratios: TierRatios,
) -> Result<Vec<(i64, Tiers, Tiers)>> {
    let plan = load(conn, set_id)?;
    let n = plan.cells.len();
    let mut r = Recompute {
        plan: &plan,
        ratios,
        done: vec![None; n],
        busy: vec![false; n],
        splits: HashMap::new(),
        tables: HashMap::new(),
        table_values: HashMap::new(),
    };
    (0..n)
        .map(|i| Ok((plan.cells[i].id, plan.cells[i].tiers, r.tiers(i)?)))
        .collect()
}

/// Integers for a table whose column totals `cols` and row totals `rows` are given (Σ rows ==
/// Σ cols): each column is split by `weights` with the largest remainder, then single units move
/// inside a column from a row over its total to a row under it — first where the giving entry
/// was rounded up and the taking one down — until every row adds up too.
fn round_table(rows: &[i64], cols: &[i64], weights: &[Vec<u128>]) -> Result<Vec<Vec<i64>>> {
    let (nr, nc) = (rows.len(), cols.len());
    let mut x = vec![vec![0i64; nc]; nr];
    let mut up = vec![vec![false; nc]; nr];
    for (c, &total) in cols.iter().enumerate() {
        let mut w: Vec<u128> = (0..nr).map(|r| weights[r][c]).collect();
        if w.iter().all(|v| *v == 0) {
            w.iter_mut().for_each(|v| *v = 1);
        }
        let sum: u128 = w.iter().sum();
        let parts = largest_remainder(total, &w)?;
        for r in 0..nr {
            x[r][c] = parts[r];
            let floor = (total.unsigned_abs() as u128 * w[r] / sum) as i64;
            up[r][c] = parts[r].abs() > floor;
        }
    }
    let mut gap: Vec<i64> = (0..nr)
        .map(|r| rows[r] - x[r].iter().sum::<i64>())
        .collect();
    if gap.iter().sum::<i64>() != 0 {
        return Err(Error::new(
            Code::TierTableUnbalanced,
            "档位的行合计与列合计不一致，无法重算",
            "The tier totals of the rows and of the columns differ",
        ));
    }
    while let Some(take) = gap.iter().position(|g| *g > 0) {
        let Some(give) = gap.iter().position(|g| *g < 0) else {
            break;
        };
        let c = (0..nc)
            .find(|&c| up[give][c] && !up[take][c] && x[give][c] > 0)
            .or_else(|| (0..nc).find(|&c| x[give][c] > 0))
            .unwrap_or(0);
        x[give][c] -= 1;
        x[take][c] += 1;
        up[give][c] = false;
        up[take][c] = true;
        gap[give] += 1;
        gap[take] -= 1;
    }
    Ok(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_keeps_its_column_totals_and_meets_its_row_totals() {
        // Columns 3, 3, 4 split evenly over two rows give rows 6 and 4 (ties to the first row);
        // one unit of the first column moves to the second row: rows 5 and 5.
        let w = vec![vec![1, 1, 1], vec![1, 1, 1]];
        let x = round_table(&[5, 5], &[3, 3, 4], &w).unwrap();
        assert_eq!(x, vec![vec![1, 2, 2], vec![2, 1, 2]]);
        // Bases 1:2 in every column: 30 -> 10/20, 31 -> 10/21 (remainder 0.33 vs 0.67),
        // 32 -> 11/21; rows 31 and 62 need one unit from row 2 to row 1, in the second column
        // (where row 2 rounded up and row 1 did not).
        let w = vec![vec![1, 1, 1], vec![2, 2, 2]];
        let x = round_table(&[32, 61], &[30, 31, 32], &w).unwrap();
        assert_eq!(x, vec![vec![10, 11, 11], vec![20, 20, 21]]);
        let e = round_table(&[1, 1], &[3], &[vec![1], vec![1]]).unwrap_err();
        assert_eq!(e.code, "tier_table_unbalanced");
    }
}
