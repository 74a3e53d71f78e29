//! Reading a plan and metric into a [`Tree`].

use super::store;
use super::{rule, Calendar, Slot, Tree};
use crate::calendar::{parse_period, PeriodKind};
use crate::error::Code;
use crate::error::{Error, Result};
use crate::store::Workspace;
use crate::targets::store::{fiscal_start_month, set_ratios};
use rusqlite::Connection;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

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
        let mut by_key = HashMap::default();
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
        None => store::newest_set(conn, year)?,
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
    let metric_id: i64 = store::metric_by_code(conn, metric)?.ok_or_else(|| {
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
        let (fiscal_year, status): (i32, String) =
            store::plan_head(conn, set_id)?.ok_or_else(|| {
                Error::new(
                    Code::NoTargetSet,
                    format!("找不到编号为 {set_id} 的目标方案"),
                    format!("Target plan {set_id} not found"),
                )
            })?;
        let (aggregation, unit) = store::metric_shape(conn, metric_id)?;
        let start_month = fiscal_start_month(conn, set_id)?;
        let mut units = HashMap::default();
        let mut kids: HashMap<i64, Vec<i64>> = HashMap::default();
        for (id, parent, name, active) in store::org_units(conn)? {
            if let Some(p) = parent {
                kids.entry(p).or_default().push(id);
            }
            units.insert(id, (parent, name, active));
        }
        let mut member_dim = HashMap::default();
        for (id, dim) in store::member_dimensions(conn)? {
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
            cells: Default::default(),
            rows: BTreeMap::new(),
            touched: Vec::new(),
            work_calendar: None,
        };
        let mut has_weeks = false;
        for (id, key, state) in store::cells(conn, set_id, metric_id)? {
            has_weeks |= tree.kind_of(&key.2) == Some(PeriodKind::Week);
            let row = (key.0, key.1);
            let period = key.2.clone();
            let slot = Slot {
                id: Some(id),
                state: Some(state),
                touched: None,
            };
            let (i, _) = tree.cells.insert_full(key, slot);
            tree.rows.entry(row).or_default().push((period, i as u32));
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
