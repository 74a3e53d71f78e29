//! Reading a plan and metric into a [`Tree`].

use super::{rule, Calendar, CellState, Slot, Tree};
use crate::calendar::{parse_period, PeriodKind};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::Workspace;
use crate::targets::store::{fiscal_start_month, set_ratios};
use crate::targets::tiers::Tiers;
use rusqlite::{Connection, OptionalExtension};
use std::collections::{BTreeMap, HashMap};

impl Calendar {
    pub(crate) fn new(fiscal_year: i32, start_month: u32) -> Result<Calendar> {
        let year = parse_period(&fiscal_year.to_string(), start_month)?;
        let months = year.children(PeriodKind::Month, start_month)?;
        let mut groups = Vec::new();
        for kind in [PeriodKind::Half, PeriodKind::Quarter] {
            for p in year.children(kind, start_month)? {
                let idx = months
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.start >= p.start && m.end <= p.end)
                    .map(|(i, _)| i)
                    .collect();
                groups.push((p, idx));
            }
        }
        let weeks = year.children(PeriodKind::Week, start_month)?;
        let mut by_key = HashMap::new();
        by_key.insert(year.key.clone(), year.clone());
        for p in months.iter().chain(groups.iter().map(|g| &g.0)) {
            by_key.insert(p.key.clone(), p.clone());
        }
        for w in &weeks {
            // A week is stored whole (a boundary week keeps its full ISO bounds).
            if let Ok(whole) = parse_period(&w.key, start_month) {
                by_key.insert(w.key.clone(), whole);
            }
        }
        Ok(Calendar {
            year,
            months,
            groups,
            by_key,
        })
    }
}

/// The newest plan of a fiscal year (or the newest plan at all) and a metric's id by code.
pub fn find_plan(conn: &Connection, year: Option<i32>, metric: &str) -> Result<(i64, i64)> {
    // No year: the plan every section works on (the selected year's), else the newest.
    let selected = match year {
        None => crate::selection::current_set_id(conn)?,
        Some(_) => None,
    };
    let set: Option<i64> = match selected {
        Some(id) => Some(id),
        None => conn
            .query_row(
                "SELECT id FROM target_set WHERE ?1 IS NULL OR fiscal_year = ?1 ORDER BY id DESC LIMIT 1",
                [year],
                |r| r.get(0),
            )
            .optional()?,
    };
    let set = set.ok_or_else(|| match year {
        Some(y) => Error::new(
            Code::NoTargetSet,
            format!("{y} 财年还没有目标方案"),
            format!("Fiscal year {y} has no target plan"),
        ),
        None => Error::new(
            Code::NoTargetSet,
            "工作区还没有目标方案：请先新建年度目标",
            "The workspace has no target plan yet: create the year's targets first",
        ),
    })?;
    let metric_id: i64 = conn
        .query_row("SELECT id FROM metric WHERE code = ?1", [metric], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| {
            Error::new(
                Code::UnknownMetric,
                format!("找不到指标“{metric}”"),
                format!("Unknown metric \"{metric}\""),
            )
        })?;
    Ok((set, metric_id))
}

impl Tree {
    /// Reads every cell of a plan and metric, the organisation and the dimension members.
    pub fn load(ws: &Workspace, set_id: i64, metric_id: i64) -> Result<Tree> {
        let conn = ws.conn();
        let (fiscal_year, status): (i32, String) = conn
            .query_row(
                "SELECT fiscal_year, status FROM target_set WHERE id = ?1",
                [set_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| {
                Error::new(
                    Code::NoTargetSet,
                    format!("找不到编号为 {set_id} 的目标方案"),
                    format!("Target plan {set_id} not found"),
                )
            })?;
        let (aggregation, unit): (String, String) = conn.query_row(
            "SELECT aggregation, unit FROM metric WHERE id = ?1",
            [metric_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let start_month = fiscal_start_month(conn, set_id)?;
        let mut units = HashMap::new();
        let mut kids: HashMap<i64, Vec<i64>> = HashMap::new();
        let mut st =
            conn.prepare("SELECT id, parent_id, name, active FROM org_unit ORDER BY sort, id")?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)? != 0,
            ))
        })?;
        for row in rows {
            let (id, parent, name, active) = row?;
            if let Some(p) = parent {
                kids.entry(p).or_default().push(id);
            }
            units.insert(id, (parent, name, active));
        }
        let mut member_dim = HashMap::new();
        let mut st = conn.prepare("SELECT id, dim FROM dimension_member")?;
        for row in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, dim) = row?;
            member_dim.insert(id, dim);
        }
        let mut tree = Tree {
            set_id,
            metric_id,
            start_month,
            fiscal_year,
            approved: status == "approved",
            ratios: set_ratios(conn, set_id)?,
            rule: rule::plan_rule(conn, set_id)?,
            additive: aggregation == "sum",
            money: unit == "currency",
            cal: Calendar::new(fiscal_year, start_month)?,
            units,
            kids,
            member_dim,
            cells: HashMap::new(),
            rows: BTreeMap::new(),
            before: HashMap::new(),
            touched: Vec::new(),
            work_calendar: None,
        };
        let mut st = conn.prepare(
            "SELECT id, org_unit_id, dimension_id, period, floor_value, base_value, challenge_value, \
             sprint_value, locked, commitment FROM target WHERE target_set_id = ?1 AND metric_id = ?2",
        )?;
        let rows = st.query_map([set_id, metric_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                (
                    r.get::<_, i64>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, String>(3)?,
                ),
                CellState {
                    tiers: Tiers {
                        floor: r.get(4)?,
                        base: r.get(5)?,
                        challenge: r.get(6)?,
                        sprint: r.get(7)?,
                    },
                    locked: r.get::<_, i64>(8)? != 0,
                    commitment: r.get(9)?,
                },
            ))
        })?;
        let mut has_weeks = false;
        for row in rows {
            let (id, key, state) = row?;
            has_weeks |= tree.kind_of(&key.2) == Some(PeriodKind::Week);
            tree.rows
                .entry((key.0, key.1))
                .or_default()
                .push(key.2.clone());
            tree.cells.insert(
                key,
                Slot {
                    id: Some(id),
                    state,
                },
            );
        }
        if has_weeks {
            tree.work_calendar = Some(crate::variance::workspace_calendar(ws)?);
        }
        Ok(tree)
    }

    /// The dimension of a member (e.g. "product_line").
    pub fn member_dimension(&self, member: i64) -> Option<&str> {
        self.member_dim.get(&member).map(String::as_str)
    }
}
